"""Edit > Organisations…: adding, renaming in place and merging duplicates, from the keyboard,
with the open meeting showing the result."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models import attendance, organisations
from models.database import Database
from models.meeting_doc import AttendeeDoc, MeetingDoc, OrganisationRef
from models.services import import_meeting, meeting_doc
from tests.ui.conftest import MessageBoxes
from ui.editor.attendees_model import AttendeeColumn
from ui.organisations.organisations_dialog import (
    ORGANISATION_ID_ROLE,
    OrganisationColumn,
    OrganisationsDialog,
    OrganisationsTableModel,
)
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _open(qtbot: QtBot, window: MainWindow) -> OrganisationsDialog:
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    dialog = window.organisations_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _row_of(dialog: OrganisationsDialog, abbreviation: str) -> int:
    for row in range(dialog.model.rowCount()):
        if dialog.model.index(row, OrganisationColumn.ABBREVIATION).data() == abbreviation:
            return row
    raise AssertionError(f"{abbreviation} is not listed")


def _retype_cell(
    qtbot: QtBot,
    dialog: OrganisationsDialog,
    abbreviation: str,
    column: OrganisationColumn,
    text: str,
    leaving: Qt.Key = Qt.Key.Key_Return,
) -> QLineEdit:
    """F2 on the organisation's cell, ``text`` typed over it, then ``leaving``: the editor."""
    dialog.table.setCurrentIndex(dialog.model.index(_row_of(dialog, abbreviation), column))
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, leaving)
    return editor


def _abbreviations(database: Database) -> list[str]:
    return [entry.abbreviation for entry in organisations.list_organisations(database)]


def test_the_organisations_model_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database, sample_id: int
) -> None:
    model = OrganisationsTableModel()
    model.set_rows(organisations.list_organisations(database))
    assert model.rowCount() == 14
    qtmodeltester.check(model)
    first = model.index(0, OrganisationColumn.NAME)
    assert first.data(ORGANISATION_ID_ROLE) == model.row_at(0).id  # type: ignore[union-attr]
    assert model.flags(first) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, OrganisationColumn.MEETINGS)) & (
        Qt.ItemFlag.ItemIsEditable
    )


def test_ctrl_shift_o_lists_the_organisations_with_what_names_them(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    dialog = _open(qtbot, sample_window)
    row = _row_of(dialog, "MOPAC")
    assert dialog.model.index(row, OrganisationColumn.NAME).data().startswith("Mayor's Office")
    assert dialog.model.index(row, OrganisationColumn.MEETINGS).data() == 1
    assert dialog.model.index(row, OrganisationColumn.ACTIONS).data() == 2
    assert dialog.table.hasFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_typing_a_name_and_abbreviation_and_enter_adds_one(
    qtbot: QtBot, sample_window: MainWindow, database: Database
) -> None:
    dialog = _open(qtbot, sample_window)
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert dialog.name_edit.hasFocus()
    qtbot.keyClicks(dialog.name_edit, "Youth Offending Team")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.abbreviation_edit, "YOT")
    qtbot.keyClick(dialog.abbreviation_edit, Qt.Key.Key_Return)
    assert "YOT" in _abbreviations(database)
    assert dialog.name_edit.text() == ""
    assert dialog.name_edit.hasFocus()  # ready for the next one
    row = dialog.table.currentIndex().row()
    assert dialog.model.index(row, OrganisationColumn.ABBREVIATION).data() == "YOT"
    # ... and the attendee box offers it at once.
    assert "Youth Offending Team (YOT)" in (
        sample_window.editor.attendees.completer.model().stringList()
    )


def test_an_abbreviation_in_use_is_refused_beside_the_field(
    qtbot: QtBot, sample_window: MainWindow, database: Database, message_boxes: MessageBoxes
) -> None:
    dialog = _open(qtbot, sample_window)
    before = _abbreviations(database)
    qtbot.keyClicks(dialog.name_edit, "Lambeth Council")
    qtbot.keyClicks(dialog.abbreviation_edit, "lbl")
    qtbot.keyClick(dialog.abbreviation_edit, Qt.Key.Key_Return)
    assert "LBL is already the abbreviation" in dialog.message("abbreviation")
    assert dialog.abbreviation_edit.text() == "lbl"  # the text stays
    assert _abbreviations(database) == before
    assert not message_boxes.shown


def test_f2_renames_in_place_and_the_meeting_shows_the_new_name(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    dialog = _open(qtbot, sample_window)
    _retype_cell(qtbot, dialog, "LP", OrganisationColumn.NAME, "Probation Service London")
    qtbot.waitUntil(
        lambda: (
            OrganisationRef("Probation Service London", "LP")
            in meeting_doc(database, sample_id).organisations
        )
    )
    attendees = sample_window.editor.attendees.model
    assert attendees.index(1, AttendeeColumn.ORGANISATION).data() == (
        "Probation Service London (LP)"
    )


def test_renaming_to_an_abbreviation_in_use_is_explained_under_the_table(
    qtbot: QtBot, sample_window: MainWindow, database: Database
) -> None:
    dialog = _open(qtbot, sample_window)
    index = dialog.model.index(_row_of(dialog, "GLA"), OrganisationColumn.ABBREVIATION)
    assert dialog.model.setData(index, "mps")  # what the cell editor does
    assert "MPS is already the abbreviation" in dialog.message("table")
    assert "GLA" in _abbreviations(database)


def test_a_refused_abbreviation_stays_in_its_cell_for_correcting(
    qtbot: QtBot, sample_window: MainWindow, database: Database
) -> None:
    """A tester's refused abbreviation ("gla" for an entry of its own) was thrown away and
    the cell showed the old one again: the text typed goes back into the cell, open."""
    dialog = _open(qtbot, sample_window)
    editor = _retype_cell(qtbot, dialog, "GLA", OrganisationColumn.ABBREVIATION, "mps")
    qtbot.waitUntil(lambda: "MPS is already the abbreviation" in dialog.message("table"))

    def reopened() -> bool:
        again = QApplication.focusWidget()
        return isinstance(again, QLineEdit) and again is not editor and again.text() == "mps"

    qtbot.waitUntil(reopened)
    again = QApplication.focusWidget()
    assert isinstance(again, QLineEdit)
    again.selectAll()
    qtbot.keyClicks(again, "GLA2")
    qtbot.keyClick(again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "GLA2" in _abbreviations(database))


def _with_duplicate(database: Database, sample_meeting: MeetingDoc) -> int:
    doc = sample_meeting._replace(
        organisations=(
            *sample_meeting.organisations,
            OrganisationRef("London Probation Service", "LPS"),
        ),
        attendees=(*sample_meeting.attendees, AttendeeDoc("LPS", "Kim Doe")),
    )
    return import_meeting(database, doc)


def test_merging_two_selected_asks_which_to_keep_naming_both_and_their_use(
    qtbot: QtBot,
    database: Database,
    sample_meeting: MeetingDoc,
    open_window: Callable[[], MainWindow],
    message_boxes: MessageBoxes,
) -> None:
    meeting_id = _with_duplicate(database, sample_meeting)
    window = open_window()
    assert window.editor.meeting_id == meeting_id
    dialog = _open(qtbot, window)
    dialog.select_rows(_row_of(dialog, "LPS"), _row_of(dialog, "LP"))
    assert dialog.merge_button.isEnabled()

    message_boxes.answer("Keep LP")
    qtbot.keyClick(dialog.table, Qt.Key.Key_M, CTRL)

    shown = message_boxes.last
    assert "“London Probation (LP)”" in shown.text
    assert "“London Probation Service (LPS)”" in shown.text
    assert "LP is named in 1 meeting and 2 actions" in shown.detail
    assert "LPS in 1 meeting and 0 actions" in shown.detail
    assert "cannot be undone" in shown.detail
    assert set(shown.buttons) == {"Keep LP", "Keep LPS", "Cancel"}
    assert "LPS" not in _abbreviations(database)
    attendees = meeting_doc(database, meeting_id).attendees
    assert attendees[-1] == AttendeeDoc("LP", "Kim Doe")
    assert "Merged LPS into LP" in dialog.info.text()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    rows = attendance.list_attendees(database, meeting_id)
    assert window.editor.attendees.model.rows() == rows
    assert window.editor.undo_stack.count() == 0  # commands may name the merged one


def test_cancelling_a_merge_or_selecting_one_changes_nothing(
    qtbot: QtBot, sample_window: MainWindow, database: Database, message_boxes: MessageBoxes
) -> None:
    before = _abbreviations(database)
    dialog = _open(qtbot, sample_window)
    dialog.select_rows(_row_of(dialog, "GLA"))
    assert not dialog.merge_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_M, CTRL)
    assert "Select the two organisations" in dialog.message("table")
    assert not message_boxes.shown

    dialog.select_rows(_row_of(dialog, "GLA"), _row_of(dialog, "LBL"))
    message_boxes.answer("Cancel")
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert message_boxes.last.answer == "Cancel"
    assert _abbreviations(database) == before


@pytest.mark.parametrize("keep", ["GLA", "LBL"])
def test_either_one_can_be_kept(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    message_boxes: MessageBoxes,
    keep: str,
) -> None:
    dialog = _open(qtbot, sample_window)
    dialog.select_rows(_row_of(dialog, "GLA"), _row_of(dialog, "LBL"))
    message_boxes.answer(f"Keep {keep}")
    dialog.merge_selected()
    remaining = _abbreviations(database)
    assert keep in remaining
    assert ({"GLA", "LBL"} - {keep}).isdisjoint(remaining)


@pytest.mark.parametrize("leaving", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
def test_tab_after_a_renamed_name_edits_the_abbreviation_beside_it(
    qtbot: QtBot, sample_window: MainWindow, database: Database, leaving: Qt.Key
) -> None:
    """A tester renamed a name with Enter, pressed Tab and typed the abbreviation: Tab left
    the table, and the abbreviation went into "New organisation name". Tab right after
    Enter (or from the name's editor) now edits the abbreviation beside it."""
    dialog = _open(qtbot, sample_window)
    _retype_cell(qtbot, dialog, "LP", OrganisationColumn.NAME, "Probation Service London", leaving)
    if leaving == Qt.Key.Key_Return:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    abbreviation = QApplication.focusWidget()
    assert abbreviation is not dialog.name_edit
    assert isinstance(abbreviation, QLineEdit)
    assert dialog.table.currentIndex().column() == OrganisationColumn.ABBREVIATION
    abbreviation.selectAll()
    qtbot.keyClicks(abbreviation, "PSL")
    qtbot.keyClick(abbreviation, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "PSL" in _abbreviations(database))
    assert "LP" not in _abbreviations(database)
    assert dialog.name_edit.text() == ""
    (renamed,) = [e for e in organisations.list_organisations(database) if e.abbreviation == "PSL"]
    assert renamed.name == "Probation Service London"


def test_a_rename_in_the_directory_is_not_taken_for_another_window_s_change(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """A tester renamed an organisation, closed the directory and typed the theme: the
    rename had moved the meeting's version on, so the save was refused as "changed in
    another window or program", and the title said "not saved"."""
    dialog = _open(qtbot, sample_window)
    _retype_cell(qtbot, dialog, "LP", OrganisationColumn.NAME, "London Probation Area")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    meeting_editor = sample_window.editor
    meeting_editor.show_tab(meeting_editor.details_page)
    theme = meeting_editor.details.theme_edit
    theme.setFocus()
    theme.end(False)
    qtbot.keyClicks(theme, " and more")
    qtbot.keyClick(theme, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: meeting_doc(database, sample_id).theme.endswith(" and more"))
    assert not meeting_editor.conflict_banner.isVisibleTo(sample_window)
    assert (
        OrganisationRef("London Probation Area", "LP")
        in meeting_doc(database, sample_id).organisations
    )
