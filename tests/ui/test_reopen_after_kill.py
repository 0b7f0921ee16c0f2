"""The meeting open when the process dies is the one the next start reopens: it is written to
the settings file as it is opened, not at closing. Here a meeting made with Ctrl+N (which has
no agenda item to report its place), a hearing made so, and a final meeting shown read-only;
the next start is a process of its own that reads the settings file beside a window that
never closed, as after ``kill -9``."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.enums import MeetingStatus
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import choose
from ui.shell.main_window import MainWindow

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CTRL = Qt.KeyboardModifier.ControlModifier
HEARING = "Hearing Transcript (2017 layout)"

# The next start: the window the app makes on the same archive and settings file, in a
# process of its own (so nothing of the first process's memory is read), answering any
# message box with its default button.
NEXT_START = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from models.database import Database
from ui.common.settings import Settings
from ui.shell.main_window import MainWindow

QMessageBox.exec = lambda box: 0
app = QApplication([])
database = Database.open(sys.argv[1])
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window = MainWindow(database, settings)
print(window.open_meeting_id)
database.close()
"""


def reopened_at_next_start(db_path: Path, settings_path: Path) -> int | None:
    """The meeting a new process opens on the archive, as the app does at its start."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(PROJECT_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    done = subprocess.run(
        [sys.executable, "-c", NEXT_START, str(db_path), str(settings_path)],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shown = done.stdout.strip().splitlines()[-1]
    return None if shown == "None" else int(shown)


def _key(window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> None:
    """A key pressed where the cursor is, as a person would."""
    QtBot.keyClick(QApplication.focusWidget() or window, key, modifiers)


@pytest.mark.parametrize("layout", [None, HEARING])
def test_a_meeting_made_with_ctrl_n_is_reopened_after_a_kill(
    qtbot: QtBot,
    sample_id: int,
    sample_window: MainWindow,
    db_path: Path,
    tmp_path: Path,
    layout: str | None,
) -> None:
    window = sample_window
    assert reopened_at_next_start(db_path, tmp_path / "settings.ini") == sample_id
    _key(window, Qt.Key.Key_N)
    made = window.editor.meeting_id
    assert made is not None
    assert made != sample_id
    qtbot.keyClicks(QApplication.focusWidget(), "15012025")  # the cursor is on the date
    details = window.editor.details
    details.venue_edit.setFocus()
    qtbot.keyClicks(details.venue_edit, "City Hall")
    if layout is not None:
        choose(qtbot, details.style_combo, layout)
    assert window.editor.meeting_id == made
    assert window.isVisible()  # never closed: nothing is written at closing
    assert reopened_at_next_start(db_path, tmp_path / "settings.ini") == made


def test_a_final_meeting_shown_read_only_is_reopened_after_a_kill(
    database_with_final: int,
    sample_window: MainWindow,
    db_path: Path,
    tmp_path: Path,
) -> None:
    final_id = database_with_final
    assert sample_window.open_meeting(final_id)
    assert sample_window.read_only
    assert reopened_at_next_start(db_path, tmp_path / "settings.ini") == final_id


@pytest.fixture
def database_with_final(database: Database, sample_id: int, sample_meeting: MeetingDoc) -> int:
    """An older meeting, final, beside the sample (a draft: the one the window opens)."""
    older = sample_meeting._replace(date=dt.date(2001, 1, 1), next_meeting=None)
    final_id = services.import_meeting(database, older)
    services.update_meeting(database, final_id, status=MeetingStatus.FINAL)
    return final_id
