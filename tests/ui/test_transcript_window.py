"""A hearing transcript in the window, before its editor and layout exist: it opens, and the
preview says plainly that the layout is still to come."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.interchange import read_meeting_file
from tests.conftest import TRANSCRIPT_EXAMPLE
from ui.shell.main_window import MainWindow


def test_a_transcript_opens_and_the_preview_says_not_yet(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    meeting_id = services.import_meeting(database, read_meeting_file(TRANSCRIPT_EXAMPLE))
    window = open_window()
    assert window.editor.meeting_id == meeting_id
    assert window.editor.details.style_combo.currentText() == "Hearing Transcript (2017 layout)"
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_F9)
    qtbot.waitUntil(window.preview.message.isVisible)
    assert "cannot be exported to Word yet" in window.preview.message.text()
