"""The meeting open in the window, changed or deleted by another window or program on the same
SQLite archive: when the user comes back to the window it shows their changes (nothing here
unsaved), or the conflict at once (something typed here), or that the meeting went; never
the old text as if nothing had happened, to be saved over theirs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.enums import MeetingStatus
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import MessageBoxes, come_back
from ui.shell.main_window import MainWindow


def test_the_open_meeting_changed_elsewhere_shows_their_changes(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    venue = sample_window.editor.details.venue_edit
    services.update_meeting(elsewhere, sample_id, venue="Their venue")
    assert venue.text() != "Their venue"

    come_back(qtbot, sample_window)
    qtbot.waitUntil(lambda: venue.text() == "Their venue")
    assert "Someone else changed this meeting" in sample_window.statusBar().currentMessage()


def test_something_typed_here_meanwhile_is_a_conflict_not_saved_over_theirs(
    qtbot: QtBot,
    sample_window: MainWindow,
    sample_id: int,
    elsewhere: Database,
    message_boxes: MessageBoxes,
) -> None:
    editor = sample_window.editor
    editor.details.venue_edit.setFocus()
    editor.details.venue_edit.selectAll()
    qtbot.keyClicks(editor.details.venue_edit, "My venue")
    services.update_meeting(elsewhere, sample_id, venue="Their venue")

    with qtbot.waitSignal(editor.session.conflict_found):
        come_back(qtbot, sample_window)
    assert editor.details.venue_edit.text() == "My venue"  # what was typed stays
    assert services.meeting_record(elsewhere, sample_id).venue == "Their venue"  # not saved over
    message_boxes.answer("Lose the changes")  # for the close at the end of the test


def test_the_open_meeting_deleted_elsewhere_is_closed_and_said(
    qtbot: QtBot, sample_window: MainWindow, sample_id: int, elsewhere: Database
) -> None:
    services.delete_meeting(elsewhere, sample_id)

    come_back(qtbot, sample_window)
    qtbot.waitUntil(lambda: sample_window.open_meeting_id is None)
    assert "Someone else deleted the meeting" in sample_window.statusBar().currentMessage()


def test_a_final_meeting_shown_read_only_is_read_again_only_if_it_changed(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    open_window: Callable[[], MainWindow],
    elsewhere: Database,
) -> None:
    services.update_meeting(database, sample_id, status=MeetingStatus.FINAL)
    window = open_window()
    assert window.read_only
    services.update_meeting(elsewhere, sample_id, status=MeetingStatus.DRAFT)

    come_back(qtbot, window)
    qtbot.waitUntil(lambda: not window.read_only)  # a draft again: in the editor
    assert window.editor.meeting_id == sample_id


def test_a_final_meeting_shown_read_only_is_not_read_again_for_another_meetings_change(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    sample_meeting: MeetingDoc,
    open_window: Callable[[], MainWindow],
    elsewhere: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.update_meeting(database, sample_id, status=MeetingStatus.FINAL)
    window = open_window()
    assert window.read_only
    opened: list[int] = []
    open_meeting = window.open_meeting
    monkeypatch.setattr(
        window,
        "open_meeting",
        lambda meeting_id: opened.append(meeting_id) or open_meeting(meeting_id),
    )
    other = services.import_meeting(elsewhere, sample_meeting)

    come_back(qtbot, window)
    qtbot.waitUntil(lambda: window.meeting_model.index_of(other).isValid())  # the list, read
    assert opened == []  # the meeting shown is as it was
    assert window.read_only
