"""File > New meeting from previous (Ctrl+Alt+N): the next meeting of a board, started from the
last one, through the window as the secretary does it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from models import actions, attendance, services
from models.database import Database
from models.enums import ActionStatus, AttendanceStatus, MeetingStatus
from models.meeting_doc import MeetingDoc
from models.next_meeting import FIRST_ITEM, LAST_ITEM
from tests.ui.conftest import MessageBoxes
from ui.archive.archive_view import NewMeetingDateDialog
from ui.shell.main_window import MainWindow

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class DateDialogs:
    """Stands in for the user at the date dialog: records what it offered, types a date (or
    cancels) as asked."""

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot
        self.typed: str | None = None  # None: press Cancel
        self.offered: list[tuple[str, dt.date, dt.date]] = []  # text, default, earliest

    def exec(self, dialog: NewMeetingDateDialog) -> int:
        edit = dialog.date_edit
        offered = dialog.date()
        assert offered is not None
        self.offered.append((dialog.message.text(), offered, edit.earliest))
        if self.typed is None:
            return QDialog.DialogCode.Rejected.value
        edit.setFocus()
        edit.line_edit.selectAll()
        self._qtbot.keyClicks(edit.line_edit, self.typed)
        dialog.accept()
        return dialog.result()


@pytest.fixture
def date_dialogs(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> DateDialogs:
    dialogs = DateDialogs(qtbot)

    def exec_(dialog: NewMeetingDateDialog) -> int:
        return dialogs.exec(dialog)

    monkeypatch.setattr(NewMeetingDateDialog, "exec", exec_)
    return dialogs


def _newest(database: Database) -> int:
    return services.list_meetings(database)[0].id


def test_ctrl_alt_n_starts_the_next_meeting_from_the_open_one(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    sample_meeting: MeetingDoc,
) -> None:
    window = sample_window
    before = {row.status for row in attendance.list_attendees(database, sample_id)}
    assert AttendanceStatus.APOLOGIES in before  # so the reset below shows
    qtbot.keyClick(window.editor.details.venue_edit, Qt.Key.Key_N, CTRL_ALT)

    assert services.meeting_count(database) == 2
    new_id = _newest(database)
    assert window.editor.meeting_id == new_id
    old = services.meeting_record(database, sample_id)
    new = services.meeting_record(database, new_id)
    assert new.date == sample_meeting.next_meeting == dt.date(2025, 9, 18)
    assert (new.board, new.style, new.venue, new.mode) == (
        old.board,
        old.style,
        old.venue,
        old.mode,
    )
    assert (new.chair_role, new.chair_organisation) == (old.chair_role, old.chair_organisation)
    assert new.status is MeetingStatus.DRAFT
    assert [item.title for item in new.agenda] == [FIRST_ITEM, LAST_ITEM]
    assert FIRST_ITEM == "Welcome & Apologies"
    assert LAST_ITEM == "AOB and Close"
    rows = attendance.list_attendees(database, new_id)
    assert [row.organisation.abbreviation for row in rows] == [
        row.organisation.abbreviation for row in attendance.list_attendees(database, sample_id)
    ]
    assert {row.status for row in rows} == {AttendanceStatus.PRESENT}  # statuses reset

    # Opened on its Details tab, the cursor on the date; the archive shows it, bold.
    editor = window.editor
    assert editor.tabs.currentWidget() is editor.details_page
    assert editor.details.date_edit.hasFocus()
    assert editor.details.date_edit.value() == dt.date(2025, 9, 18)
    assert window.archive.current_meeting().id == new_id  # type: ignore[union-attr]
    assert "open actions" in window.statusBar().currentMessage()

    # The previous meeting's open actions wait for review on the Actions tab.
    open_before = [
        row.description
        for row in actions.list_actions_of_meeting(database, sample_id)
        if row.status is ActionStatus.OPEN
    ]
    assert len(open_before) == 6
    editor.show_tab(editor.actions_page)
    previous = editor.actions_panel.previous_model
    listed = [previous.row_at(row).description for row in range(previous.rowCount())]  # type: ignore[union-attr]
    assert listed == open_before
    assert editor.actions_panel.model.rowCount() == 0  # none of its own yet


def test_the_meeting_highlighted_in_the_archive_is_the_one_continued(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    sample_meeting: MeetingDoc,
    open_window: Callable[[], MainWindow],
) -> None:
    """Highlighted, not opened: the secretary need not open last year's meeting to continue it."""
    earlier = sample_meeting._replace(
        date=dt.date(2024, 2, 29),
        next_meeting=dt.date(2024, 5, 23),
        venue="MS Teams",
    )
    earlier_id = services.import_meeting(database, earlier)
    window = open_window()
    assert window.open_meeting_id == sample_id
    window.go_to_meeting_list()
    window.archive.select_meeting(earlier_id)
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_N, CTRL_ALT)

    new = services.meeting_record(database, window.editor.meeting_id)  # type: ignore[arg-type]
    assert new.date == dt.date(2024, 5, 23)
    assert new.venue == "MS Teams"


def test_without_a_next_meeting_date_the_date_is_asked(
    qtbot: QtBot,
    database: Database,
    sample_meeting: MeetingDoc,
    open_window: Callable[[], MainWindow],
    date_dialogs: DateDialogs,
) -> None:
    previous_id = services.import_meeting(database, sample_meeting._replace(next_meeting=None))
    services.update_meeting(database, previous_id, status=MeetingStatus.FINAL)
    window = open_window()
    assert window.read_only  # a final meeting can be continued from its read-only view
    date_dialogs.typed = "02102025"
    qtbot.keyClick(window.final_view.preview.browser, Qt.Key.Key_N, CTRL_ALT)

    [(text, default, earliest)] = date_dialogs.offered
    assert "no next meeting date" in text
    assert "19 June 2025" in text
    assert default == dt.date(2025, 9, 19)  # three months on
    assert earliest == dt.date(2025, 6, 20)  # not on or before the previous meeting
    new_id = _newest(database)
    assert new_id != previous_id
    new = services.meeting_record(database, new_id)
    assert new.date == dt.date(2025, 10, 2)
    assert new.status is MeetingStatus.DRAFT
    assert window.editor.meeting_id == new_id  # a draft: the editor, not read-only
    assert not window.read_only


def test_cancelling_the_date_creates_nothing(
    qtbot: QtBot,
    database: Database,
    sample_meeting: MeetingDoc,
    open_window: Callable[[], MainWindow],
    date_dialogs: DateDialogs,
) -> None:
    previous_id = services.import_meeting(database, sample_meeting._replace(next_meeting=None))
    window = open_window()
    window.new_from_previous_action.trigger()
    assert len(date_dialogs.offered) == 1
    assert services.meeting_count(database) == 1
    assert window.editor.meeting_id == previous_id


def test_the_real_date_dialog_offers_a_calendar_and_refuses_an_earlier_date(
    qtbot: QtBot,
) -> None:
    dialog = NewMeetingDateDialog("Choose the date.", dt.date(2025, 6, 19))
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.date_edit.calendar_button.isVisible()
    assert dialog.date() == dt.date(2025, 9, 19)
    edit = dialog.date_edit.line_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "01062025")
    dialog.accept()
    assert dialog.isVisible()  # refused: never moved to another date behind the user's back
    assert edit.text() == "01062025"
    assert dialog.date() is None
    reason = "01/06/2025 is out of range: the date must be on or after 20/06/2025."
    assert dialog.date_edit.message.text() == reason
    assert dialog.date_edit.message.isVisible()
    edit.selectAll()
    qtbot.keyClicks(edit, "20062025")
    assert not dialog.date_edit.message.isVisible()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted.value
    assert dialog.date() == dt.date(2025, 6, 20)


def test_the_command_is_in_the_file_menu_and_the_shortcut_list(
    sample_window: MainWindow, message_boxes: MessageBoxes
) -> None:
    assert ("Ctrl+Alt+N", "New meeting from previous") in sample_window.shortcut_table()
    assert ("Ctrl+Shift+E", "Edit the final meeting") in sample_window.shortcut_table()
    keys = [keys for keys, _what in sample_window.shortcut_table()]
    assert keys.count("Ctrl+Alt+N") == 1
    assert keys.count("Ctrl+Shift+E") == 1
