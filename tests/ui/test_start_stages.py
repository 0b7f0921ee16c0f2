"""The app's start in two stages: the meeting list on screen first, then the rest.

What waits for the first paint (the last meeting reopened, the buttons' focus marks) must
wait for the paint itself: a call merely queued when the window was shown ran before the
first paint under a real window system, and the window appeared only once it had finished.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.meeting_doc import MeetingDoc
from ui.common.focus_marks import FOCUS_RULE
from ui.common.settings import Settings
from ui.shell.main_window import MainWindow


def test_the_last_meeting_reopens_only_once_the_list_is_painted(
    qtbot: QtBot, database: Database, settings: Settings, sample_meeting: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, sample_meeting)
    window = MainWindow(database, settings, reopen_after_shown=True)
    qtbot.addWidget(window)
    assert window.meeting_model.newest() is not None  # the list is there at once
    QApplication.processEvents()  # queued calls run; the window is not on screen yet
    assert window.open_meeting_id is None
    with qtbot.waitSignal(window.start_finished, timeout=5000):
        window.show()
    assert window.open_meeting_id == meeting_id
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert FOCUS_RULE in app.styleSheet()
