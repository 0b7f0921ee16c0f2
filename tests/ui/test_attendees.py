"""The attendee list, driven as the secretary does: typing part of a name and Enter, one key
for a status, Del, Alt+Up/Down, copying last meeting's list; each checked in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models import attendance, services
from models.attendance import AttendeeRow
from models.database import Database
from models.enums import AttendanceStatus
from models.errors import StorageError
from models.meeting_doc import AttendeeDoc, MeetingDoc, OrganisationRef
from tests.ui.conftest import MessageBoxes, reopen
from ui.editor.attendees_model import ATTENDEE_ID_ROLE, AttendeeColumn, AttendeesTableModel
from ui.editor.attendees_panel import AttendeesPanel
from ui.shell.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _abbreviations(database: Database, meeting_id: int) -> list[str]:
    return [
        row.organisation.abbreviation for row in attendance.list_attendees(database, meeting_id)
    ]


def _statuses(database: Database, meeting_id: int) -> list[AttendanceStatus]:
    return [row.status for row in attendance.list_attendees(database, meeting_id)]


def _type_and_enter(qtbot: QtBot, panel: AttendeesPanel, text: str) -> None:
    panel.add_edit.setFocus()
    qtbot.keyClicks(panel.add_edit, text)
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)


@pytest.fixture
def panel(sample_window: MainWindow) -> AttendeesPanel:
    return sample_window.editor.attendees


# --- the model ---------------------------------------------------------------------------------


def test_the_attendee_model_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database, sample_id: int
) -> None:
    model = AttendeesTableModel()
    model.set_rows(attendance.list_attendees(database, sample_id))
    assert model.rowCount() == 14
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_the_model_shows_organisation_status_and_internal_people(
    database: Database, sample_id: int
) -> None:
    model = AttendeesTableModel()
    rows = attendance.list_attendees(database, sample_id)
    model.set_rows(rows)
    first = model.index(0, AttendeeColumn.ORGANISATION)
    assert first.data() == "Mayor's Office for Policing and Crime (MOPAC)"
    assert first.data(ATTENDEE_ID_ROLE) == rows[0].id
    assert model.index(10, AttendeeColumn.STATUS).data() == "Apologies"
    assert model.index(0, AttendeeColumn.NAME).data() == "Jordan Ellery"
    header = model.headerData(AttendeeColumn.NAME, Qt.Orientation.Horizontal)
    assert "(internal only)" in header
    assert not model.flags(first) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, AttendeeColumn.ROLE)) & Qt.ItemFlag.ItemIsEditable

    edits: list[tuple[int, str, object]] = []
    model.cell_edited.connect(lambda *args: edits.append(args))
    assert model.setData(model.index(1, AttendeeColumn.ROLE), "  Lead ")
    assert not model.setData(model.index(0, AttendeeColumn.NAME), "Jordan Ellery")  # no change
    assert not model.setData(model.index(2, AttendeeColumn.NAME), "")  # empty stays empty
    assert model.setData(model.index(2, AttendeeColumn.STATUS), "absent")
    assert not model.setData(model.index(2, AttendeeColumn.STATUS), "late")
    assert edits == [
        (rows[1].id, "role", "Lead"),
        (rows[2].id, "status", AttendanceStatus.ABSENT),
    ]


# --- adding ------------------------------------------------------------------------------------


def test_an_abbreviation_and_enter_adds_the_organisation_present(
    qtbot: QtBot, panel: AttendeesPanel, database: Database, sample_id: int
) -> None:
    attendance.remove_attendees(
        database, [r.id for r in attendance.list_attendees(database, sample_id)][2:]
    )
    reopen(panel)  # changed by another program: the window reads it again
    _type_and_enter(qtbot, panel, "mps")
    qtbot.waitUntil(lambda: _abbreviations(database, sample_id) == ["MOPAC", "LP", "MPS"])
    assert panel.add_edit.text() == ""  # ready for the next one
    assert panel.add_edit.hasFocus()
    assert _statuses(database, sample_id)[-1] is AttendanceStatus.PRESENT
    assert panel.model.index(2, AttendeeColumn.ORGANISATION).data().endswith("(MPS)")


def test_part_of_a_name_that_matches_one_organisation_is_enough(
    qtbot: QtBot, panel: AttendeesPanel, database: Database, sample_id: int
) -> None:
    before = _abbreviations(database, sample_id)
    _type_and_enter(qtbot, panel, "mungo")
    qtbot.waitUntil(lambda: _abbreviations(database, sample_id) == [*before, "St Mungo's"])


def test_several_matches_are_listed_beside_the_box_and_down_chooses(
    qtbot: QtBot, panel: AttendeesPanel, database: Database, sample_id: int
) -> None:
    before = _abbreviations(database, sample_id)
    _type_and_enter(qtbot, panel, "prob")
    qtbot.waitUntil(lambda: "matches 2 organisations" in panel.add_message.text())
    assert panel.add_message.isVisible()
    assert "London Probation (LP)" in panel.add_message.text()
    assert _abbreviations(database, sample_id) == before  # nothing guessed
    assert panel.add_edit.text() == "prob"  # the text stays

    popup = panel.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    chosen = panel.add_edit.text()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    expected = {"His Majesty's Prison and Probation Service (HMPPS)": "HMPPS"}.get(chosen, "LP")
    qtbot.waitUntil(lambda: _abbreviations(database, sample_id) == [*before, expected])
    qtbot.waitUntil(lambda: panel.add_edit.text() == "")
    assert not panel.add_message.isVisible()


def test_an_unknown_organisation_is_created_in_a_small_dialog_and_added(
    qtbot: QtBot, panel: AttendeesPanel, database: Database, sample_id: int
) -> None:
    before = _abbreviations(database, sample_id)
    _type_and_enter(qtbot, panel, "Youth Offending Team")
    qtbot.waitUntil(lambda: panel.open_dialog() is not None)
    dialog = panel.open_dialog()
    assert dialog is not None
    assert dialog.name_edit.text() == "Youth Offending Team"
    assert dialog.abbreviation_edit.text() == "YOT"

    qtbot.keyClick(dialog.abbreviation_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _abbreviations(database, sample_id) == [*before, "YOT"])
    assert panel.open_dialog() is None
    assert any(o.abbreviation == "YOT" for o in services.list_organisations(database))
    qtbot.waitUntil(panel.add_edit.hasFocus)  # back where the typing goes on


def test_the_create_dialog_refuses_an_abbreviation_in_use_beside_the_field(
    qtbot: QtBot,
    panel: AttendeesPanel,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    before = _abbreviations(database, sample_id)
    _type_and_enter(qtbot, panel, "zzq")
    qtbot.waitUntil(lambda: panel.open_dialog() is not None)
    dialog = panel.open_dialog()
    assert dialog is not None
    assert (dialog.name_edit.text(), dialog.abbreviation_edit.text()) == ("", "ZZQ")
    qtbot.keyClicks(dialog.name_edit, "Local Probation")
    dialog.abbreviation_edit.clear()
    qtbot.keyClicks(dialog.abbreviation_edit, "lp")
    qtbot.keyClick(dialog.abbreviation_edit, Qt.Key.Key_Return)
    assert "already the abbreviation of London Probation" in dialog.message("abbreviation")
    assert dialog.isVisible()
    assert not message_boxes.shown

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cancel: nothing added
    qtbot.waitUntil(lambda: panel.open_dialog() is None)
    assert _abbreviations(database, sample_id) == before


def test_a_name_typed_with_its_abbreviation_in_brackets_is_split_as_the_directory_shows_it(
    qtbot: QtBot, panel: AttendeesPanel, database: Database, sample_id: int
) -> None:
    """``Youth Offending Team (YOT)`` and Enter twice: the organisation is named
    ``Youth Offending Team``, abbreviated ``YOT`` (once guessed ``YOT(``, and listed as
    ``Youth Offending Team (YOT) (YOT(``)."""
    before = _abbreviations(database, sample_id)
    _type_and_enter(qtbot, panel, "Youth Offending Team (YOT)")
    qtbot.waitUntil(lambda: panel.open_dialog() is not None)
    dialog = panel.open_dialog()
    assert dialog is not None
    assert (dialog.name_edit.text(), dialog.abbreviation_edit.text()) == (
        "Youth Offending Team", "YOT",
    )  # fmt: skip

    qtbot.keyClick(dialog.abbreviation_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _abbreviations(database, sample_id) == [*before, "YOT"])
    created = [o for o in services.list_organisations(database) if o.abbreviation == "YOT"]
    assert [o.name for o in created] == ["Youth Offending Team"]
    last = panel.model.index(panel.model.rowCount() - 1, AttendeeColumn.ORGANISATION)
    assert last.data() == "Youth Offending Team (YOT)"


def test_adding_is_undone_and_redone_with_the_same_row(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    panel = sample_window.editor.attendees
    before = attendance.list_attendees(database, sample_id)
    _type_and_enter(qtbot, panel, "MHCLG")
    qtbot.waitUntil(lambda: len(attendance.list_attendees(database, sample_id)) == 15)
    added = attendance.list_attendees(database, sample_id)[-1]
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert attendance.list_attendees(database, sample_id) == before
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert attendance.list_attendees(database, sample_id)[-1] == added


# --- status, removing, moving ---------------------------------------------------------------


def test_p_a_and_x_set_the_status_of_the_selected_rows(
    qtbot: QtBot, panel: AttendeesPanel, database: Database, sample_id: int
) -> None:
    panel.table.setFocus()
    panel.select_row(2)
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert _statuses(database, sample_id)[2] is AttendanceStatus.APOLOGIES
    assert panel.model.index(2, AttendeeColumn.STATUS).data() == "Apologies"
    qtbot.keyClick(panel.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(panel.table, Qt.Key.Key_X)
    assert _statuses(database, sample_id)[2:4] == [AttendanceStatus.ABSENT] * 2
    qtbot.keyClick(panel.table, Qt.Key.Key_P)
    assert _statuses(database, sample_id)[2:4] == [AttendanceStatus.PRESENT] * 2
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)  # back to absent, both
    assert _statuses(database, sample_id)[2:4] == [AttendanceStatus.ABSENT] * 2
    assert panel.table.hasFocus()


def test_the_status_drop_down_sets_it_with_the_mouse(
    qtbot: QtBot, panel: AttendeesPanel, database: Database, sample_id: int
) -> None:
    index = panel.model.index(4, AttendeeColumn.STATUS)
    panel.table.setFocus()
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    combo = panel.table.indexWidget(index) or panel.table.findChild(QComboBox)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("apologies"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: _statuses(database, sample_id)[4] is AttendanceStatus.APOLOGIES)


def test_typing_a_person_and_role_in_the_cells_is_saved(
    qtbot: QtBot, panel: AttendeesPanel, database: Database, sample_id: int
) -> None:
    table = panel.table
    table.setFocus()
    table.setCurrentIndex(panel.model.index(3, AttendeeColumn.NAME))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Sam Patel")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits the cell just after the key
    qtbot.waitUntil(lambda: attendance.list_attendees(database, sample_id)[3].name is not None)
    row = attendance.list_attendees(database, sample_id)[3]
    assert (row.name, row.role) == ("Sam Patel", None)
    assert panel.model.index(3, AttendeeColumn.NAME).data() == "Sam Patel"
    # The public note never prints it.
    assert services.meeting_doc(database, sample_id).attendees[3].name == "Sam Patel"


def test_del_removes_and_ctrl_z_restores_in_place(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    panel = sample_window.editor.attendees
    before = attendance.list_attendees(database, sample_id)
    panel.table.setFocus()
    panel.select_row(1)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [r.id for r in attendance.list_attendees(database, sample_id)] == [
        r.id for r in before if r.id != before[1].id
    ]
    assert panel.table.currentIndex().row() == 1  # the next one is selected
    assert "Removed LP" in sample_window.statusBar().currentMessage()

    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert attendance.list_attendees(database, sample_id) == before  # same ID, place, person
    assert sample_window.windowTitle().endswith("— saved")


def test_alt_down_and_up_move_the_attendee_and_undo_moves_it_back(
    qtbot: QtBot, panel: AttendeesPanel, database: Database, sample_id: int
) -> None:
    before = _abbreviations(database, sample_id)
    panel.table.setFocus()
    panel.select_row(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down, ALT)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down, ALT)
    assert _abbreviations(database, sample_id)[:3] == [before[1], before[2], before[0]]
    assert panel.table.currentIndex().row() == 2
    qtbot.keyClick(panel.table, Qt.Key.Key_Up, ALT)
    assert _abbreviations(database, sample_id)[:3] == [before[1], before[0], before[2]]
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert _abbreviations(database, sample_id)[:3] == [before[1], before[2], before[0]]
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert _abbreviations(database, sample_id) == before
    assert not panel.move_up_action.isEnabled()  # back at the top


# --- copying from the previous meeting ------------------------------------------------------


def test_ctrl_shift_c_copies_the_previous_meetings_attendees_and_undo_removes_them(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    sample_window.new_meeting_action.trigger()
    new_id = sample_window.editor.meeting_id
    assert new_id is not None
    assert new_id != sample_id
    panel = sample_window.editor.attendees
    _type_and_enter(qtbot, panel, "LP")
    qtbot.waitUntil(lambda: _abbreviations(database, new_id) == ["LP"])

    qtbot.keyClick(panel.add_edit, Qt.Key.Key_C, CTRL_SHIFT)
    sample = services.meeting_doc(database, sample_id)
    expected = ["LP"] + [a.organisation for a in sample.attendees if a.organisation != "LP"]
    assert _abbreviations(database, new_id) == expected
    assert set(_statuses(database, new_id)) == {AttendanceStatus.PRESENT}
    assert "Copied 13 attendees" in sample_window.statusBar().currentMessage()
    assert panel.model.rowCount() == 14

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert _abbreviations(database, new_id) == ["LP"]
    qtbot.keyClick(panel.table, Qt.Key.Key_Y, CTRL)
    assert _abbreviations(database, new_id) == expected


def test_copying_with_nothing_to_copy_says_so_and_puts_nothing_on_the_stack(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    count = editor.undo_stack.count()
    editor.attendees.copy_action.trigger()  # the sample is the board's first meeting
    assert "no earlier meeting" in sample_window.statusBar().currentMessage()
    assert editor.undo_stack.count() == count


def test_an_organisation_twice_is_one_row_per_person(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    panel = sample_window.editor.attendees
    _type_and_enter(qtbot, panel, "mopac")
    qtbot.waitUntil(lambda: _abbreviations(database, sample_id).count("MOPAC") == 2)
    assert "second person" in sample_window.statusBar().currentMessage()


# --- failures ----------------------------------------------------------------------------------


def test_a_failing_database_is_told_at_once_and_nothing_is_lost(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = sample_window.editor
    panel = editor.attendees
    before = _abbreviations(database, sample_id)

    def locked(*_args: object, **_kwargs: object) -> AttendeeRow:
        raise StorageError("database is locked")

    monkeypatch.setattr(attendance, "add_attendee", locked)
    _type_and_enter(qtbot, panel, "MHCLG")
    qtbot.waitUntil(editor.banner.isVisible)
    assert "database is locked" in editor.banner.label.text()
    assert panel.add_edit.text() == "MHCLG"  # the text stays, to try again
    assert _abbreviations(database, sample_id) == before
    assert editor.undo_stack.count() == 0  # nothing pretends it happened

    monkeypatch.undo()
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _abbreviations(database, sample_id) == [*before, "MHCLG"])
    assert not editor.banner.isVisible()


def test_a_failing_undo_is_told_and_dropped_from_the_stack(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = sample_window.editor
    panel = editor.attendees
    panel.table.setFocus()
    panel.select_row(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    after_delete = _abbreviations(database, sample_id)

    def full(*_args: object, **_kwargs: object) -> None:
        raise StorageError("database or disk is full")

    monkeypatch.setattr(attendance, "restore_attendees", full)
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert "disk is full" in editor.banner.label.text()
    assert not editor.banner.retry_button.isVisible()
    assert editor.undo_stack.count() == 0
    assert not editor.history.undo_action.isEnabled()
    assert _abbreviations(database, sample_id) == after_delete


def _second_meeting(database: Database, sample_meeting: MeetingDoc) -> int:
    doc = sample_meeting._replace(
        date=dt.date(2025, 9, 18),
        next_meeting=None,
        organisations=(*sample_meeting.organisations, OrganisationRef("Extra Org", "EXO")),
        attendees=(AttendeeDoc("EXO"),),
    )
    return services.import_meeting(database, doc)


def test_the_completion_list_offers_every_organisation(
    qtbot: QtBot, database: Database, sample_id: int, sample_meeting: MeetingDoc, open_window
) -> None:
    _second_meeting(database, sample_meeting)
    window = open_window()
    strings = window.editor.attendees.completer.model().stringList()
    assert "Extra Org (EXO)" in strings
    assert "London Probation (LP)" in strings


def test_a_person_typed_while_the_database_fails_stays_in_the_cell_until_saved(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = sample_window.editor
    panel = editor.attendees

    def locked(*_args: object, **_kwargs: object) -> AttendeeRow:
        raise StorageError("database is locked")

    monkeypatch.setattr(attendance, "update_attendee", locked)
    table = panel.table
    table.setFocus()
    table.setCurrentIndex(panel.model.index(5, AttendeeColumn.ROLE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    qtbot.keyClicks(cell, "Policy Officer")
    qtbot.keyClick(cell, Qt.Key.Key_Return)

    qtbot.waitUntil(editor.banner.isVisible)
    assert "database is locked" in editor.banner.label.text()
    assert panel.model.index(5, AttendeeColumn.ROLE).data() == "Policy Officer"  # kept
    assert sample_window.windowTitle().endswith("— not saved")
    assert attendance.list_attendees(database, sample_id)[5].role is None

    monkeypatch.undo()
    qtbot.mouseClick(editor.banner.retry_button, Qt.MouseButton.LeftButton)
    assert attendance.list_attendees(database, sample_id)[5].role == "Policy Officer"
    assert not editor.banner.isVisible()
    assert sample_window.windowTitle().endswith("— saved")


def test_a_person_past_the_limit_is_kept_as_typed_and_not_saved(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    """Every limited field refuses as an import would (models.text_limits): a name of 301
    characters (its column holds 300, on PostgreSQL as on SQLite) stays in its cell, the
    reason is given, and leaving asks first."""
    panel = sample_window.editor.attendees
    before = attendance.list_attendees(database, sample_id)[3]
    typed = "S" * 301
    assert panel.model.setData(panel.model.index(3, AttendeeColumn.NAME), typed)
    why = "Person name is 301 characters; the limit is 300."
    assert not sample_window.editor.flush()
    assert any(why in problem for problem in sample_window.editor.unsaved_problems())
    assert attendance.list_attendees(database, sample_id)[3] == before
    assert panel.model.index(3, AttendeeColumn.NAME).data() == typed
    message_boxes.answer("Keep editing")
    assert not sample_window.close()
    assert message_boxes.shown
    message_boxes.answer("Lose the changes")
