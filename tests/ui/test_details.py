"""The details form's newer fields: the board (pick or create), the venues used before, and a
half-typed date explained beside the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.meeting_doc import BoardRef, MeetingDoc
from models.services import BoardRow
from tests.ui.conftest import MessageBoxes, details_of_a_new_meeting, focused
from ui.common.date_fields import DateField
from ui.common.layout import ERROR_COLOUR
from ui.editor.details_form import NEW_BOARD_LABEL
from ui.editor.meeting_editor import MeetingEditor
from ui.organisations.organisations_dialog import NameAbbreviationDialog
from ui.shell.main_window import MainWindow


def test_the_board_is_picked_from_the_boards_and_saved(
    qtbot: QtBot, database: Database, sample_id: int, open_window: Callable[[], MainWindow]
) -> None:
    other = services.create_board(database, "Youth Justice Board", "YJB")
    window = open_window()
    combo = window.editor.details.board_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == [
        "Reducing Reoffending Board (RRB)", "Youth Justice Board (YJB)", "", NEW_BOARD_LABEL,
    ]  # fmt: skip
    assert combo.currentText() == "Reducing Reoffending Board (RRB)"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: services.meeting_record(database, sample_id).board.name == other.name)
    qtbot.waitUntil(lambda: window.windowTitle().startswith("YJB Public Note"))


def _new_board_dialog(qtbot: QtBot, editor: MeetingEditor) -> NameAbbreviationDialog[BoardRow]:
    """New board… chosen in the board box: the dialog that asks for its name."""
    combo = editor.details.board_combo
    combo.setCurrentIndex(combo.findText(NEW_BOARD_LABEL))
    qtbot.waitUntil(lambda: editor.board_dialog is not None)
    dialog = editor.board_dialog
    assert dialog is not None
    return dialog


def test_new_board_asks_for_its_name_and_abbreviation_and_chooses_it(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    combo = editor.details.board_combo
    dialog = _new_board_dialog(qtbot, editor)
    assert combo.currentText() == "Reducing Reoffending Board (RRB)"  # until it exists
    qtbot.keyClicks(dialog.name_edit, "Reducing Reoffending Board")
    qtbot.keyClicks(dialog.abbreviation_edit, "RRB2")
    qtbot.keyClick(dialog.abbreviation_edit, Qt.Key.Key_Return)
    assert "already a board called" in dialog.message("name")  # beside the field
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Women's Justice Board")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.board_dialog is None)
    assert combo.currentText() == "Women's Justice Board (RRB2)"
    qtbot.waitUntil(
        lambda: (
            services.meeting_record(database, sample_id).board
            == BoardRef("Women's Justice Board", "RRB2")
        )
    )


def test_cancelling_new_board_changes_nothing(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    dialog = _new_board_dialog(qtbot, editor)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.board_dialog is None)
    assert [board.name for board in services.list_boards(database)] == [
        "Reducing Reoffending Board"
    ]
    assert not editor.has_pending_edits()


def test_the_venue_offers_the_venues_used_before(
    qtbot: QtBot,
    database: Database,
    sample_meeting: MeetingDoc,
    open_window: Callable[[], MainWindow],
) -> None:
    services.import_meeting(
        database,
        sample_meeting._replace(date=dt.date(2024, 2, 29), venue="MS Teams", next_meeting=None),
    )
    window = open_window()
    window.new_meeting_action.trigger()
    venue = window.editor.details.venue_edit
    venue.setFocus()
    qtbot.keyClicks(venue, "team")
    completer = venue.completer()
    qtbot.waitUntil(completer.popup().isVisible)
    assert completer.currentCompletion() == "MS Teams"
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert venue.text() == "MS Teams"
    meeting_id = window.editor.meeting_id
    assert meeting_id is not None
    qtbot.waitUntil(lambda: services.meeting_record(database, meeting_id).venue == "MS Teams")


def test_a_half_typed_date_is_explained_beside_the_field(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    details = sample_window.editor.details
    date = details.date_edit
    date.setFocus()
    date.line_edit.selectAll()
    qtbot.keyClicks(date.line_edit, "1907")  # half a date
    qtbot.keyClick(date.line_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "not a whole date" in details.message("date"))
    assert not message_boxes.shown
    assert date.text() == "1907"  # left as typed
    assert services.meeting_record(database, sample_id).date == dt.date(2025, 6, 19)
    date.setFocus()
    date.line_edit.end(False)
    qtbot.keyClicks(date.line_edit, "2025")
    qtbot.waitUntil(lambda: services.meeting_record(database, sample_id).date.month == 7)
    assert details.message("date") == ""
    assert QApplication.focusWidget() is date.line_edit


def _type_and_tab(qtbot: QtBot, field: DateField, text: str) -> None:
    """Into a date field, over what it shows, then Tab: as a user types a date."""
    field.setFocus()
    field.line_edit.selectAll()
    qtbot.keyClicks(field.line_edit, text)
    qtbot.keyClick(field.line_edit, Qt.Key.Key_Tab)


def test_a_date_typed_as_digits_is_stored_as_typed(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """29022024 once became the 28th (a date box clamped the day before the year came)."""
    date = sample_window.editor.details.date_edit
    _type_and_tab(qtbot, date, "29022024")
    qtbot.waitUntil(
        lambda: services.meeting_record(database, sample_id).date == dt.date(2024, 2, 29)
    )
    assert date.text() == "29/02/2024"
    assert sample_window.editor.details.start_edit.hasFocus()


def test_ctrl_z_on_a_typed_date_puts_the_window_title_back_too(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """The tester's case: the date field and the list went back, the title kept the date
    undone (the record the title reads was not read again after the undo)."""
    date = sample_window.editor.details.date_edit
    _type_and_tab(qtbot, date, "26062025")
    qtbot.waitUntil(lambda: "26 June 2025 — saved" in sample_window.windowTitle())
    start = sample_window.editor.details.start_edit
    assert start.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: services.meeting_record(database, sample_id).date == dt.date(2025, 6, 19)
    )
    assert date.text() == "19/06/2025"
    assert sample_window.windowTitle() == "RRB Public Note, 19 June 2025 — saved"


def test_a_date_that_does_not_exist_is_refused_with_why_and_nothing_saved(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    details = sample_window.editor.details
    date = details.date_edit
    date.setFocus()
    date.line_edit.selectAll()
    qtbot.keyClicks(date.line_edit, "29022023")
    assert "2023 is not a leap year" in details.message("date")  # beside it, at once
    qtbot.keyClick(date.line_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: any("leap year" in p for p in sample_window.editor.unsaved_problems()))
    assert date.text() == "29022023"  # left as typed
    assert services.meeting_record(database, sample_id).date == dt.date(2025, 6, 19)
    assert not message_boxes.shown
    message_boxes.answer("Lose the changes")


def test_the_next_meeting_date_is_typed_and_picked_like_the_date(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    next_meeting = sample_window.editor.details.next_meeting_edit
    _type_and_tab(qtbot, next_meeting, "31 Mar 2026")
    qtbot.waitUntil(
        lambda: services.meeting_record(database, sample_id).next_meeting == dt.date(2026, 3, 31)
    )
    next_meeting.setFocus()
    qtbot.keyClick(next_meeting.line_edit, Qt.Key.Key_F4)
    calendar = next_meeting.calendar
    assert calendar is not None
    assert calendar.isVisible()
    days = calendar.findChild(QTableView)  # the grid of days has the keyboard
    assert days is not None
    qtbot.keyClick(days, Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(days, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: services.meeting_record(database, sample_id).next_meeting == dt.date(2026, 4, 1)
    )


def test_alt_x_ticks_the_next_meeting_and_puts_the_cursor_in_its_date(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """The due cell's hint says "tick Next meeting (Alt+X) and type it": a tester did, and
    the date typed went to the box, not the field, and was lost."""
    meeting_id, details = details_of_a_new_meeting(qtbot, database, open_window)
    qtbot.keyClick(focused(), Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert details.next_meeting_check.isChecked()  # at once: the date is typed straight on
    assert QApplication.focusWidget() is details.next_meeting_edit.line_edit
    qtbot.keyClicks(details.next_meeting_edit.line_edit, "11122025")
    qtbot.keyClick(details.next_meeting_edit.line_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(
        lambda: services.meeting_record(database, meeting_id).next_meeting == dt.date(2025, 12, 11)
    )


def test_a_theme_past_the_limit_stays_red_with_why_and_is_not_saved(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    """The tester pasted 12,003 characters into Theme and Tab showed them as saved; then the
    app's own JSON export could not be imported."""
    details = sample_window.editor.details
    before = services.meeting_record(database, sample_id).theme
    pasted = "t" * 12_003
    details.theme_edit.setFocus()
    details.theme_edit.selectAll()
    QApplication.clipboard().setText(pasted)
    qtbot.keyClick(details.theme_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(details.theme_edit, Qt.Key.Key_Tab)
    why = "Theme is 12,003 characters; the limit is 10,000."
    qtbot.waitUntil(lambda: why in details.message("theme"))
    assert details.theme_edit.text() == pasted  # kept as pasted, nothing dropped
    text_colour = details.theme_edit.palette().color(QPalette.ColorRole.Text)
    assert text_colour == QColor(ERROR_COLOUR)  # and red
    assert services.meeting_record(database, sample_id).theme == before
    assert any(why in problem for problem in sample_window.editor.unsaved_problems())
    message_boxes.answer("Keep editing")  # leaving asks first; staying keeps the text
    assert not sample_window.close()
    assert message_boxes.shown
    assert details.theme_edit.text() == pasted
    details.theme_edit.setFocus()
    details.theme_edit.setCursorPosition(10_000)
    qtbot.keyClick(details.theme_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(details.theme_edit, Qt.Key.Key_Delete)  # shortened to the limit: saved
    assert sample_window.editor.flush()
    assert services.meeting_record(database, sample_id).theme == "t" * 10_000
    assert details.message("theme") == ""
    assert details.theme_edit.palette().color(QPalette.ColorRole.Text) != QColor(ERROR_COLOUR)


def test_a_chair_role_past_its_column_stays_red_with_why_and_is_not_saved(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """The chair's role is a column of 300 characters: PostgreSQL refuses more with a
    database error and SQLite kept it, so the window refuses it on both as it refuses a
    theme past 10,000, naming the field and the limit, and keeps what was typed."""
    details = sample_window.editor.details
    before = services.meeting_record(database, sample_id).chair_role
    typed = "Deputy Mayor " + "r" * 299  # 312 characters
    details.chair_role_edit.setFocus()
    details.chair_role_edit.selectAll()
    qtbot.keyClicks(details.chair_role_edit, typed)
    qtbot.keyClick(details.chair_role_edit, Qt.Key.Key_Tab)
    why = "Chair role is 312 characters; the limit is 300. It is not saved until it is shortened."
    qtbot.waitUntil(lambda: why in details.message("chair_role"))
    assert details.chair_role_edit.text() == typed  # nothing lost
    assert details.chair_role_edit.palette().color(QPalette.ColorRole.Text) == QColor(ERROR_COLOUR)
    assert services.meeting_record(database, sample_id).chair_role == before
    assert not sample_window.editor.flush()
    details.chair_role_edit.setFocus()
    details.chair_role_edit.setCursorPosition(300)
    qtbot.keyClick(details.chair_role_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(details.chair_role_edit, Qt.Key.Key_Delete)  # down to 300: saved
    assert sample_window.editor.flush()
    assert services.meeting_record(database, sample_id).chair_role == typed[:300]
    assert details.message("chair_role") == ""


def test_a_new_board_name_past_its_column_is_refused_beside_the_field_not_cut(
    qtbot: QtBot, sample_window: MainWindow, database: Database
) -> None:
    """The dialog once cut a paste off at the column's length without a word; now the
    whole paste stays and the reason is given under the field."""
    editor = sample_window.editor
    dialog = _new_board_dialog(qtbot, editor)
    pasted = "B" * 201  # a board's name is a column of 200
    QApplication.clipboard().setText(pasted)
    dialog.name_edit.setFocus()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.abbreviation_edit, "BB")
    qtbot.keyClick(dialog.abbreviation_edit, Qt.Key.Key_Return)
    assert dialog.message("name").startswith("Name is 201 characters; the limit is 200.")
    assert dialog.name_edit.text() == pasted
    assert [board.name for board in services.list_boards(database)] == [
        "Reducing Reoffending Board"
    ]
