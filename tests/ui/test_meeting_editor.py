"""The editor: every edit saved through the services, problems shown beside the field, and
the agenda edited from the keyboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.errors import StorageError
from models.services import MeetingRecord
from tests.ui.conftest import MessageBoxes
from ui.archive.archive_model import Column
from ui.editor.meeting_editor import MeetingEditor, SaveState
from ui.shell.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _record(database: Database, meeting_id: int) -> MeetingRecord:
    return services.meeting_record(database, meeting_id)


def _retype(qtbot: QtBot, widget: Any, text: str) -> None:
    """Select all and type, as a user would (a date or time field types into its line)."""
    line = getattr(widget, "line_edit", widget)
    line.selectAll()
    qtbot.keyClicks(line, text)


def _select_item(editor: MeetingEditor, row: int) -> None:
    editor.agenda.list_view.setCurrentIndex(editor.agenda_model.index(row))


def _agenda_tab(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+2, as the user goes to the agenda."""
    qtbot.keyClick(window.editor, Qt.Key.Key_2, CTRL)
    assert window.editor.tabs.currentWidget() is window.editor.agenda_page


# --- saving ------------------------------------------------------------------------------------


def test_a_detail_and_an_items_notes_reach_the_database(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    _retype(qtbot, editor.details.theme_edit, "Housing on release")
    _select_item(editor, 1)
    editor.agenda.notes_edit.setFocus()
    editor.agenda.notes_edit.moveCursor(editor.agenda.notes_edit.textCursor().MoveOperation.End)
    qtbot.keyClick(editor.agenda.notes_edit, Qt.Key.Key_Return)  # keyClicks cannot type "\n"
    qtbot.keyClick(editor.agenda.notes_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.agenda.notes_edit, "- LP to share the release data.")

    def saved() -> bool:
        record = _record(database, sample_id)
        return record.theme == "Housing on release" and record.agenda[1].notes.endswith(
            "\n\n- LP to share the release data."
        )

    qtbot.waitUntil(saved)
    qtbot.waitUntil(lambda: editor.save_state is SaveState.SAVED)
    assert sample_window.windowTitle().endswith("— saved")


def test_edits_are_saved_once_after_the_typing_stops(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[dict[str, Any]] = []
    real_update = services.update_meeting

    def counting_update(db: Database, meeting_id: int, **changes: Any) -> MeetingRecord:
        calls.append(changes)
        return real_update(db, meeting_id, **changes)

    monkeypatch.setattr(services, "update_meeting", counting_update)
    editor = sample_window.editor
    with qtbot.waitSignal(editor.meeting_saved, timeout=2000):
        qtbot.keyClicks(editor.details.chair_role_edit, " (acting)")
    assert calls == [{"chair_role": "Director of Commissioning & Partnerships (acting)"}]
    assert (
        _record(database, sample_id).chair_role
        == "Director of Commissioning & Partnerships (acting)"
    )


def test_leaving_a_field_saves_it_at_once(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    details = sample_window.editor.details
    details.venue_edit.setFocus()
    qtbot.keyClicks(details.venue_edit, " (Room 4)")
    details.theme_edit.setFocus()  # no waiting: the focus left the venue
    assert _record(database, sample_id).venue.endswith("(Room 4)")


def test_the_item_being_left_is_saved_at_once(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    editor.agenda.notes_edit.setPlainText("Rewritten in the meeting.")
    _select_item(editor, 2)  # no waiting: switching items saves
    assert _record(database, sample_id).agenda[0].notes == "Rewritten in the meeting."
    assert editor.agenda.title_edit.text() == _record(database, sample_id).agenda[2].title


def test_an_item_title_renames_the_list_entry_as_it_is_typed(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    _retype(qtbot, editor.agenda.title_edit, "Welcome, Apologies and Actions")
    assert editor.agenda_model.index(0).data() == "1. Welcome, Apologies and Actions"
    qtbot.waitUntil(
        lambda: _record(database, sample_id).agenda[0].title == "Welcome, Apologies and Actions"
    )


def test_ticking_confidential_is_saved(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    assert not editor.agenda.confidential_check.isChecked()
    check = editor.agenda.confidential_check
    box = QPoint(8, check.height() // 2)  # on the box (the widget is wider than its text)
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=box)
    qtbot.waitUntil(lambda: _record(database, sample_id).agenda[0].confidential)
    assert editor.agenda_model.index(0).data().endswith("(confidential)")


def test_a_printed_title_shows_in_the_list_once_saved(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    assert editor.details.title_edit.placeholderText().startswith("Public Note")
    qtbot.keyClicks(editor.details.title_edit, "Extraordinary Meeting")
    title_cell = sample_window.meeting_model.index_of(sample_id, Column.TITLE)
    qtbot.waitUntil(lambda: title_cell.data() == "Extraordinary Meeting")
    assert _record(database, sample_id).title == "Extraordinary Meeting"
    assert sample_window.windowTitle() == "RRB Extraordinary Meeting, 19 June 2025 — saved"


def test_next_meeting_can_be_set_and_cleared(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    details = sample_window.editor.details
    _retype(qtbot, details.next_meeting_edit, "02102025")
    qtbot.waitUntil(lambda: _record(database, sample_id).next_meeting == dt.date(2025, 10, 2))
    qtbot.mouseClick(details.next_meeting_check, Qt.MouseButton.LeftButton)
    assert not details.next_meeting_edit.isEnabled()
    qtbot.waitUntil(lambda: _record(database, sample_id).next_meeting is None)


# --- problems beside the field ------------------------------------------------------------


def test_end_before_start_is_shown_beside_the_field_and_not_saved(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    editor = sample_window.editor
    details = editor.details
    _retype(qtbot, details.end_edit, "13:00")

    qtbot.waitUntil(lambda: "is not after the start" in details.message("end"))
    assert details.end_edit.text() == "13:00"  # the typed text stays
    assert _record(database, sample_id).end == dt.time(16)
    assert sample_window.windowTitle().endswith("— not saved")
    assert editor.save_state is SaveState.REFUSED
    assert not message_boxes.shown  # beside the field, not in a box

    qtbot.keyClicks(details.venue_edit, " (Room 4)")  # other fields still save meanwhile
    qtbot.waitUntil(lambda: _record(database, sample_id).venue.endswith("(Room 4)"))
    assert _record(database, sample_id).end == dt.time(16)
    assert "is not after the start" in details.message("end")

    _retype(qtbot, details.start_edit, "12:00")  # now the typed end is fine
    qtbot.waitUntil(lambda: _record(database, sample_id).end == dt.time(13))
    record = _record(database, sample_id)
    assert (record.start, record.end) == (dt.time(12), dt.time(13))
    assert details.message("end") == ""
    assert sample_window.windowTitle().endswith("— saved")


def test_a_half_typed_time_is_explained_and_not_saved(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    details = sample_window.editor.details
    _retype(qtbot, details.start_edit, "14:")
    qtbot.waitUntil(lambda: "is not a whole time" in details.message("start"))
    assert _record(database, sample_id).start == dt.time(14)
    qtbot.keyClicks(details.start_edit.line_edit, "30")
    qtbot.waitUntil(lambda: _record(database, sample_id).start == dt.time(14, 30))
    assert details.message("start") == ""


def test_a_time_that_does_not_exist_is_refused_with_why_and_left_as_typed(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    details = sample_window.editor.details
    _retype(qtbot, details.start_edit, "25:00")
    assert "hours go from 0 to 23" in details.message("start")  # at once, beside the field
    qtbot.keyClick(details.start_edit.line_edit, Qt.Key.Key_Tab)
    assert details.start_edit.text() == "25:00"
    assert _record(database, sample_id).start == dt.time(14)
    message_boxes.answer("Lose the changes")  # "25:00" is not a time: closing asks


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1400", dt.time(14)),
        ("2pm", dt.time(14)),
        ("2.30pm", dt.time(14, 30)),
        ("930", dt.time(9, 30)),
    ],
)
def test_times_are_typed_as_people_say_them(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    typed: str,
    stored: dt.time,
) -> None:
    details = sample_window.editor.details
    details.start_edit.setFocus()
    _retype(qtbot, details.start_edit, "9:00")
    qtbot.keyClick(details.start_edit.line_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _record(database, sample_id).start == dt.time(9))
    details.start_edit.setFocus()
    _retype(qtbot, details.start_edit, typed)
    qtbot.keyClick(details.start_edit.line_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _record(database, sample_id).start == stored)
    assert details.start_edit.text() == stored.strftime("%H:%M")
    assert details.end_edit.hasFocus()


def test_a_time_is_tidied_when_the_field_is_left(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    details = sample_window.editor.details
    details.start_edit.setFocus()
    _retype(qtbot, details.start_edit, "9:30")
    details.venue_edit.setFocus()
    assert details.start_edit.text() == "09:30"
    qtbot.waitUntil(lambda: _record(database, sample_id).start == dt.time(9, 30))


def test_a_next_meeting_before_this_one_is_shown_beside_it(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    details = sample_window.editor.details
    _retype(qtbot, details.next_meeting_edit, "01062025")
    qtbot.waitUntil(lambda: "must come after" in details.message("next_meeting"))
    assert _record(database, sample_id).next_meeting == dt.date(2025, 9, 18)
    message_boxes.answer("Lose the changes")  # closing with it asks


def test_an_unknown_chair_organisation_is_shown_then_a_known_one_saved(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    combo = sample_window.editor.details.chair_organisation_combo
    assert combo.findText("LP") >= 0  # offered from list_organisations
    combo.setEditText("NOPE")
    qtbot.waitUntil(lambda: "NOPE" in sample_window.editor.details.message("chair_organisation"))
    assert _record(database, sample_id).chair_organisation == "MOPAC"
    combo.setEditText("lp")
    qtbot.waitUntil(lambda: _record(database, sample_id).chair_organisation == "LP")


# --- a failing database ----------------------------------------------------------------------


def test_a_failing_write_shows_a_message_keeps_the_text_and_retries(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    def locked(*_args: Any, **_kwargs: Any) -> None:
        raise StorageError("database is locked")

    monkeypatch.setattr(services, "update_meeting", locked)
    editor = sample_window.editor
    qtbot.keyClicks(editor.details.venue_edit, " (Room 4)")

    qtbot.waitUntil(editor.banner.isVisible)
    assert "database is locked" in editor.banner.label.text()
    assert editor.details.venue_edit.text().endswith("(Room 4)")
    assert sample_window.windowTitle().endswith("— not saved")
    assert "database is locked" in sample_window.statusBar().currentMessage()
    assert editor.save_state is SaveState.FAILED
    assert not _record(database, sample_id).venue.endswith("(Room 4)")
    assert not message_boxes.shown

    monkeypatch.setattr(services, "update_meeting", _real_update_meeting)
    qtbot.mouseClick(editor.banner.retry_button, Qt.MouseButton.LeftButton)
    assert _record(database, sample_id).venue.endswith("(Room 4)")
    assert not editor.banner.isVisible()
    assert sample_window.windowTitle().endswith("— saved")


def test_a_failing_item_write_keeps_the_notes_when_coming_back(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full(*_args: Any, **_kwargs: Any) -> None:
        raise StorageError("database or disk is full")

    monkeypatch.setattr(services, "update_agenda_item", full)
    editor = sample_window.editor
    editor.agenda.notes_edit.setPlainText("Typed while the disk was full.")
    _select_item(editor, 1)
    assert "disk is full" in editor.banner.label.text()
    _select_item(editor, 0)
    assert editor.agenda.notes_edit.toPlainText() == "Typed while the disk was full."

    monkeypatch.setattr(services, "update_agenda_item", _real_update_agenda_item)
    qtbot.keyClick(editor.agenda.notes_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _record(database, sample_id).agenda[0].notes == "Typed while the disk was full."
    assert not editor.banner.isVisible()


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (StorageError("database or disk is full"), "database or disk is full"),
        (services.NotFoundError("meeting 7 does not exist"), "meeting 7 does not exist"),
    ],
)
def test_a_failing_read_after_a_command_says_which_part_could_not_be_read(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    reason: str,
) -> None:
    """The agenda after "Add agenda item", the meeting after a change elsewhere: one
    sentence each, the reason from the error (a storage error's own, or the error's text)."""
    editor = sample_window.editor

    def unreadable() -> None:
        raise error

    items_before = len(_record(database, sample_id).agenda)
    monkeypatch.setattr(editor.session, "reload_record", unreadable)
    with qtbot.waitSignal(editor.save_failed) as agenda_failed:
        editor.add_item()
    assert agenda_failed.args == [f"The agenda could not be read again ({reason})."]
    assert len(_record(database, sample_id).agenda) == items_before + 1  # added all the same

    with qtbot.waitSignal(editor.save_failed) as meeting_failed:
        editor.refresh_from_database()
    assert meeting_failed.args == [f"The meeting could not be read again ({reason})."]
    assert editor.banner.label.text() == meeting_failed.args[0]


_real_update_agenda_item = services.update_agenda_item
_real_update_meeting = services.update_meeting


# --- the agenda ------------------------------------------------------------------------------


def test_ctrl_shift_n_adds_an_item_after_the_selected_one(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    before = [item.title for item in _record(database, sample_id).agenda]
    _select_item(editor, 1)
    editor.agenda.notes_edit.setFocus()

    qtbot.keyClick(editor.agenda.notes_edit, Qt.Key.Key_N, CTRL_SHIFT)

    assert editor.agenda.title_edit.hasFocus()
    assert editor.agenda.list_view.currentIndex().row() == 2
    assert editor.agenda_model.index(2).data() == "3. Untitled item"
    qtbot.keyClicks(editor.agenda.title_edit, "Housing Pathways")
    qtbot.waitUntil(
        lambda: (
            [item.title for item in _record(database, sample_id).agenda]
            == [*before[:2], "Housing Pathways", *before[2:]]
        )
    )


def test_alt_up_and_down_move_the_item_and_the_selection_follows(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    titles = [item.title for item in _record(database, sample_id).agenda]
    view = editor.agenda.list_view
    _agenda_tab(qtbot, sample_window)
    view.setFocus()
    _select_item(editor, 0)

    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    assert [item.title for item in _record(database, sample_id).agenda][:3] == [
        titles[1], titles[2], titles[0],
    ]  # fmt: skip
    assert view.currentIndex().row() == 2
    assert view.hasFocus()
    assert editor.agenda.title_edit.text() == titles[0]

    editor.agenda.notes_edit.setFocus()  # works from the notes too
    qtbot.keyClick(editor.agenda.notes_edit, Qt.Key.Key_Up, ALT)
    assert [item.title for item in _record(database, sample_id).agenda][1] == titles[0]
    assert not editor.move_up_action.isEnabled() or view.currentIndex().row() == 1


def test_alt_down_in_the_details_does_not_move_an_item(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    titles = [item.title for item in _record(database, sample_id).agenda]
    venue = sample_window.editor.details.venue_edit
    venue.setFocus()
    qtbot.keyClick(venue, Qt.Key.Key_Down, ALT)
    assert [item.title for item in _record(database, sample_id).agenda] == titles


def test_del_on_the_agenda_deletes_the_item_at_once_and_ctrl_z_brings_it_back(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    editor = sample_window.editor
    before = _record(database, sample_id).agenda
    titles = [item.title for item in before]
    view = editor.agenda.list_view
    _agenda_tab(qtbot, sample_window)
    view.setFocus()
    _select_item(editor, 1)

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [item.title for item in _record(database, sample_id).agenda] == [
        titles[0], *titles[2:],
    ]  # fmt: skip
    assert not message_boxes.shown  # undoable, so no question
    assert editor.agenda.title_edit.text() == titles[2]  # the next item is selected
    assert services.meeting_count(database) == 1  # the Del did not reach the meeting list
    assert f"“{titles[1]}”" in sample_window.statusBar().currentMessage()

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _record(database, sample_id).agenda == before  # same ID, place and notes
    assert editor.agenda.title_edit.text() == titles[1]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert [item.title for item in _record(database, sample_id).agenda][1] == titles[2]


def test_a_new_meeting_has_no_items_and_says_how_to_add_one(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    window.new_meeting_action.trigger()
    editor = window.editor
    _agenda_tab(qtbot, window)
    assert editor.agenda_model.rowCount() == 0
    assert editor.agenda.no_item_hint.isVisible()
    assert not editor.agenda.title_edit.isVisible()
    assert not editor.delete_item_action.isEnabled()
    editor.add_item_action.trigger()
    assert editor.agenda.title_edit.isVisible()
    meeting_id = editor.meeting_id
    assert meeting_id is not None
    assert len(_record(database, meeting_id).agenda) == 1


# --- keyboard --------------------------------------------------------------------------------


def test_tab_order_follows_the_form(sample_window: MainWindow) -> None:
    editor = sample_window.editor
    details = editor.details
    attendees = editor.attendees
    expected: list[QWidget] = [
        *details.focus_order(),
        attendees.add_edit,
        attendees.table,
        attendees.copy_button,
        *attendees._button_widgets(),  # the panel's buttons, in order
        editor.agenda.list_view,
        editor.agenda.title_edit,
        editor.agenda.confidential_check,
        editor.agenda.notes_edit,
    ]
    chain = []
    widget = details.date_edit
    for _ in range(500):
        if widget in expected and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is details.date_edit:
            break
    assert chain == expected


def test_alt_letters_go_to_their_fields(qtbot: QtBot, sample_window: MainWindow) -> None:
    editor = sample_window.editor
    for key, widget in [
        (Qt.Key.Key_U, editor.details.venue_edit),
        (Qt.Key.Key_B, editor.details.board_combo),
        (Qt.Key.Key_N, editor.attendees.add_edit),
        (Qt.Key.Key_M, editor.details.mode_combo),
    ]:
        qtbot.keyClick(sample_window, key, ALT)
        assert widget.hasFocus(), key
    _agenda_tab(qtbot, sample_window)
    for key, widget in [
        (Qt.Key.Key_N, editor.agenda.notes_edit),
        (Qt.Key.Key_I, editor.agenda.title_edit),
        (Qt.Key.Key_G, editor.agenda.list_view),
    ]:
        qtbot.keyClick(sample_window, key, ALT)
        assert widget.hasFocus(), key


def test_the_next_meeting_offered_follows_a_new_date_until_it_is_ticked(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    details = sample_window.editor.details
    qtbot.mouseClick(details.next_meeting_check, Qt.MouseButton.LeftButton)  # no next meeting
    qtbot.waitUntil(lambda: _record(database, sample_id).next_meeting is None)
    details.date_edit.setFocus()
    _retype(qtbot, details.date_edit, "29022024")
    qtbot.keyClick(details.date_edit.line_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _record(database, sample_id).date == dt.date(2024, 2, 29))
    assert details.next_meeting_edit.value() == dt.date(2024, 5, 29)  # not 3 months from 2025
    assert _record(database, sample_id).next_meeting is None  # offered, not chosen
    qtbot.mouseClick(details.next_meeting_check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _record(database, sample_id).next_meeting == dt.date(2024, 5, 29))
