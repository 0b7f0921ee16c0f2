"""Screenshots of the window for the docs: ``make screenshots`` (runs offscreen).

Opens the window on a throwaway database with the sample meeting (plus an earlier one, so
the previous actions and "copy attendees" have something to show) and saves each main
screen to ``docs/screenshots``: the empty state, the Details tab with the attendees, the
Agenda tab with an item's notes, the Actions tab, the organisation directory and the
keyboard shortcuts. The pictures always show the current window rather than whatever a
developer's own database holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing

from PySide6.QtCore import QSettings  # noqa: E402 (after the Qt platform is chosen)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from models import services  # noqa: E402
from models.database import Database  # noqa: E402
from models.interchange import read_meeting_file  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SAMPLE = ROOT / "resources" / "sample_meeting.json"
SIZE = (1280, 820)
SELECTED_ITEM = 2  # the third item of the sample: one with sub-headings and bullets


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _save(widget: QWidget, name: str) -> Path:
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)
    return path


def _earlier_meeting(database: Database) -> None:
    """A meeting of the board three months before the sample, so the sample has a previous
    meeting (its open actions are reviewed, its attendees can be copied)."""
    sample = read_meeting_file(SAMPLE)
    earlier = dataclasses.replace(
        sample,
        date=dt.date(2025, 3, 20),
        theme="Employment for people on probation",
        next_meeting=dt.date(2025, 6, 19),
    )
    services.import_meeting(database, earlier)


def _grab_message_box(app: QApplication, name: str) -> Callable[[QMessageBox], int]:
    """Stands in for QMessageBox.exec: shows the box, saves it, and closes it."""

    def exec_(box: QMessageBox) -> int:
        box.show()
        _settle(app)
        _save(box, name)
        box.close()
        return 0

    return exec_


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

        _earlier_meeting(database)
        window.load_sample_meeting()
        editor = window.editor
        # A row that sent apologies selected: the sample also names two people (internal).
        editor.show_tab(editor.details_page)
        editor.attendees.select_row(10)
        editor.attendees.table.setFocus()
        _settle(app)
        _save(window, "details.png")

        editor.show_tab(editor.agenda_page)
        rows_in_agenda = editor.agenda_model.rowCount()
        editor.agenda.list_view.setCurrentIndex(
            editor.agenda_model.index(min(SELECTED_ITEM, rows_in_agenda - 1))
        )
        notes = getattr(editor.agenda, "notes_editor", None) or editor.agenda.notes_edit
        notes.setFocus()
        _settle(app)
        _save(window, "main-window.png")
        _save(window, "agenda.png")

        actions_page = getattr(editor, "actions_page", None)
        if actions_page is not None:
            editor.show_tab(actions_page)
            _settle(app)
            _save(window, "actions.png")

        window.edit_organisations()
        dialog = window.organisations_dialog
        _settle(app)
        _save(dialog, "organisations.png")
        dialog.close()
        _settle(app)

        QMessageBox.exec = _grab_message_box(app, "shortcuts.png")  # type: ignore[method-assign]
        window.show_shortcuts()

        window.close()
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
