"""Screenshots of the window for the docs: ``make screenshots`` (runs offscreen).

Opens the window on a throwaway database, saves the empty state, loads the sample meeting
and saves the window with an agenda item selected, so the pictures in ``docs/screenshots``
always show the current window rather than whatever a developer's own database holds.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from models.database import Database
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SIZE = (1280, 820)
SELECTED_ITEM = 2  # the third item of the sample: one with sub-headings and bullets


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _save(window: MainWindow, name: str) -> Path:
    path = OUT / name
    if not window.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)
    return path


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(str(Path(folder) / "rrb.sqlite3"))
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(database, settings)
        window.resize(*SIZE)
        window.show()
        _settle(app)
        _save(window, "empty-state.png")

        window.load_sample_meeting()
        editor = window.editor
        rows = editor.agenda_model.rowCount()
        editor.agenda.list_view.setCurrentIndex(
            editor.agenda_model.index(min(SELECTED_ITEM, rows - 1))
        )
        editor.agenda.notes_edit.setFocus()
        _settle(app)
        _save(window, "main-window.png")

        window.close()
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
