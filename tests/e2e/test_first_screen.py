"""The window's start imports what its first screen needs and nothing more.

The meeting list is painted before SQLAlchemy loads (it is read with Python's own
``sqlite3``, rrb_desktop.app.start_first_screen); the database and the rest of the window
follow. A dialog, a rare command or the Word reader loads when first used: each of these
modules once loaded at every start, and together they were a large part of the time before
the window showed the archive (benchmarks/archive.py measures it). The start is run as the
``rrb-desktop`` command runs it, in a fresh process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from models import services
from models.database import Database
from models.interchange import read_meeting_file
from tests.conftest import PROJECT_ROOT, SAMPLE_MEETING

NOT_AT_START = (
    "docx",  # python-docx: to export, preview, or read Word files
    "alembic",  # the archive is at the newest schema: one version read, no migration
    "models.word_import",
    "ui.wordimport.dialog",
    "exporters.docx_export",
    "exporters.preview",
    "models.copy_archive",
    "models.next_meeting",
    "ui.export.export_dialog",
    "ui.export.settings_dialog",
    "ui.backups.backups_dialog",
    "ui.backups.recovery",
    "ui.actions.action_log_window",
)

NOT_AT_FIRST_PAINT = (
    "sqlalchemy",
    "models.entities",
    "models.database",
    "ui.editor.meeting_editor",
)

START = f"""
import sys
from PySide6.QtCore import QEvent, QObject
import rrb_desktop.cli
from PySide6.QtCore import QSettings
from rrb_desktop.app import start_application, start_first_screen
from ui.common.settings import Settings
app = start_application()
window = start_first_screen(sys.argv[1], Settings(QSettings()))
at_paint = []
class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not at_paint:
            at_paint.append([name for name in {NOT_AT_FIRST_PAINT!r} if name in sys.modules])
        return False
watch = Watch()
window.meeting_list.viewport().installEventFilter(watch)
listed = window.meeting_model.meeting_count()
finished = []
window.start_finished.connect(lambda: finished.append(True))
while not finished:
    app.processEvents()
print("at the first paint:", *at_paint[0])
print("after the start:", listed, window.database is not None, window.open_meeting_id is not None)
print("loaded:", *(name for name in {NOT_AT_START!r} if name in sys.modules))
"""


def start_window_process(script: str, db: Path, tmp_path: Path) -> str:
    """What ``script`` printed, started as a window process on ``db`` with its own settings
    and log folder; it must end well."""
    result = subprocess.run(
        [sys.executable, "-c", script, str(db)],
        cwd=PROJECT_ROOT,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "RRB_LOG_DIR": str(tmp_path / "log"),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_window_starts_without_what_only_a_command_or_dialog_uses(tmp_path: Path) -> None:
    db = tmp_path / "meetings.sqlite3"
    database = Database.open(str(db))  # made at the newest schema before the start
    try:
        services.import_meeting(database, read_meeting_file(SAMPLE_MEETING))
    finally:
        database.close()
    assert start_window_process(START, db, tmp_path).splitlines() == [
        "at the first paint:",  # none of NOT_AT_FIRST_PAINT
        "after the start: 1 True True",  # listed; then the database in, the meeting reopened
        "loaded:",  # none of NOT_AT_START
    ]


STAGES = """
import gc, sys
from rrb_desktop.launch import pause_collection
pause_collection()  # as the command's first line does
import rrb_desktop.cli
from models.database import Database
from rrb_desktop.app import start_application, start_window
app = start_application()
window = start_window(Database.open(sys.argv[1]))
print("before the first paint:", gc.isenabled())
finished = []
window.start_finished.connect(
    lambda: finished.append((gc.isenabled(), gc.get_freeze_count() > 0))
)
window.repaint()
while not finished:
    app.processEvents()
print("once the window is on screen:", finished[0][0])
print("what the start made, left out of collections:", finished[0][1])
"""


def test_the_cycle_collector_is_paused_until_the_window_is_on_screen(tmp_path: Path) -> None:
    """Paused for the start (rrb_desktop.launch), it must run again: a window left
    without it would only grow. What the start made is frozen, so that the collections
    that follow do not walk it all again."""
    db = tmp_path / "meetings.sqlite3"
    Database.open(str(db)).close()
    assert start_window_process(STAGES, db, tmp_path).splitlines() == [
        "before the first paint: False",
        "once the window is on screen: True",
        "what the start made, left out of collections: True",
    ]
