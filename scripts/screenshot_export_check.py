"""The export dialog showing the pre-publication check's findings, for the README.

``.venv/bin/python scripts/screenshot_export_check.py`` (offscreen): imports the 2019 example
(whose published note names "Lauren") into a throwaway database, opens File > Export to Word
on it, presses Export, and saves the dialog with its findings as
``docs/screenshots/export-check.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing

from PySide6.QtCore import QSettings  # noqa: E402 (after the Qt platform is chosen)
from PySide6.QtWidgets import QApplication  # noqa: E402

from exporters.options import ExportOptions  # noqa: E402
from models import services  # noqa: E402
from models.database import Database  # noqa: E402
from models.interchange import read_meeting_file  # noqa: E402
from ui.export.export_dialog import ExportDialog, publication_context  # noqa: E402

EXAMPLE = ROOT / "tests" / "fixtures" / "examples" / "2019-05-13-record-of-meeting.json"
OUT = ROOT / "docs" / "screenshots" / "export-check.png"


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(str(Path(folder) / "rrb.sqlite3"))
        meeting_id = services.import_meeting(database, read_meeting_file(EXAMPLE))
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("export/folder", folder)
        dialog = ExportDialog(
            services.meeting_doc(database, meeting_id),
            settings,
            ExportOptions(),
            publication=publication_context(database, meeting_id),
        )
        dialog.resize(760, 520)
        dialog.show()
        dialog.export()  # the check runs; its findings are shown, nothing is written
        for _ in range(5):
            app.processEvents()
        if not dialog.grab().save(str(OUT)):
            raise SystemExit(f"could not write {OUT}")
        print(OUT)
        dialog.close()
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
