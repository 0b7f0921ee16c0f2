"""Write the README's list of keyboard shortcuts from the window's own table.

Help > Keyboard shortcuts (F1) and the README list the same keys: both come from
``MainWindow.shortcut_table()``. This opens the window offscreen on a throwaway archive with
the sample meeting (so the Actions tab and its keys are there) and replaces the block between
the README's markers; tests/ui/test_keys.py fails while the README's copy is stale.

    python scripts/shortcuts.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402 (after the Qt platform is chosen)
from PySide6.QtWidgets import QApplication  # noqa: E402

from models import services  # noqa: E402
from models.database import Database  # noqa: E402
from models.interchange import read_meeting_file  # noqa: E402
from ui.common.settings import Settings  # noqa: E402
from ui.shell.main_window import MainWindow  # noqa: E402
from ui.shell.shortcuts import README_END, README_START, shortcuts_markdown  # noqa: E402

README = ROOT / "README.md"


def main() -> None:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(str(Path(folder) / "rrb.sqlite3"))
        services.import_meeting(database, read_meeting_file(ROOT / "resources/sample_meeting.json"))
        settings = Settings(
            QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        )
        window = MainWindow(database, settings)
        table = shortcuts_markdown(window.shortcut_table())
        window.close()
        database.close()
    app.processEvents()
    text = README.read_text(encoding="utf-8")
    start, end = text.index(README_START), text.index(README_END) + len(README_END)
    README.write_text(text[:start] + table + text[end:], encoding="utf-8")
    print(f"{README.name}: {table.count(chr(10)) - 5} shortcuts")


if __name__ == "__main__":
    main()
