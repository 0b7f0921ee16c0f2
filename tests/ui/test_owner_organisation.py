"""An action's owner typed as an abbreviation the directory does not have yet: Enter or Tab
in the owners cell offers the dialog the chair's organisation and Add attendee offer, the
organisation it makes becomes an owner (one undo step; the directory keeps it), and a cancel
keeps the text in the cell, in red, with the refusal. Driven with keys, checked in the
database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from models import actions, services
from models.database import Database
from models.services import OrganisationRow
from tests.ui.conftest import MessageBoxes, focused
from ui.editor.actions_model import REFUSED_ROLE, ActionColumn
from ui.editor.actions_panel import ActionsPanel
from ui.organisations.organisations_dialog import NameAbbreviationDialog
from ui.shell.main_window import MainWindow

# The offscreen platform says these when the owners field shows its completion list.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
REFUSAL = "No organisation has the abbreviation “HMPPS-L”."


def _abbreviations(database: Database) -> set[str]:
    return {org.abbreviation for org in services.list_organisations(database)}


def _first_action(database: Database, meeting_id: int) -> actions.ActionRow:
    return actions.list_actions_of_meeting(database, meeting_id)[0]


def _owners(database: Database, action_id: int) -> tuple[str, ...]:
    return actions.action_row(database, action_id).owners


def _type_owners(qtbot: QtBot, window: MainWindow, text: str, key: Qt.Key) -> ActionsPanel:
    """The first action's owners replaced by ``text`` (F2, the text typed), left with ``key``."""
    panel = window.editor.actions_panel
    panel.bring_into_view()
    qtbot.waitUntil(panel.isVisible)
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, ActionColumn.OWNERS))
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    line = focused()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, key)
    return panel


def _dialog(qtbot: QtBot, panel: ActionsPanel) -> NameAbbreviationDialog[OrganisationRow]:
    qtbot.waitUntil(lambda: panel.owner_dialog is not None)
    dialog = panel.owner_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _add(qtbot: QtBot, panel: ActionsPanel, name: str) -> NameAbbreviationDialog[OrganisationRow]:
    """The dialog offered, the organisation's name typed into it and Enter."""
    dialog = _dialog(qtbot, panel)
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.owner_dialog is not dialog)
    return dialog


def _cell(panel: ActionsPanel, action_id: int, column: ActionColumn = ActionColumn.OWNERS):  # type: ignore[no-untyped-def]  # a QModelIndex; its stub type adds nothing here
    row = panel.model.row_of(action_id)
    assert row is not None
    return panel.model.index(row, column)


def test_enter_on_an_unknown_owner_creates_it_and_saves_the_owners(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    action = _first_action(database, sample_id)
    assert "HMPPS-L" not in _abbreviations(database)
    panel = _type_owners(qtbot, sample_window, "MPS/HMPPS-L", Qt.Key.Key_Return)

    dialog = _dialog(qtbot, panel)
    assert dialog.abbreviation_edit.text() == "HMPPS-L"  # as typed
    assert dialog.name_edit.hasFocus()  # the name is what is left to type
    intro = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "“HMPPS-L”" in intro
    assert "owner of this action" in intro
    qtbot.keyClicks(dialog.name_edit, "HMPPS London")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: _owners(database, action.id) == ("MPS", "HMPPS-L"))
    created = next(o for o in services.list_organisations(database) if o.abbreviation == "HMPPS-L")
    assert created.name == "HMPPS London"
    assert panel.owner_dialog is None
    cell = _cell(panel, action.id)
    assert cell.data() == "MPS/HMPPS-L"
    assert not cell.data(REFUSED_ROLE)
    assert not panel.problem_label.isVisible()
    qtbot.waitUntil(panel.table.hasFocus)  # back where the typing goes on
    assert panel.table.currentIndex() == cell
    # Offered from now on, here and wherever the editor takes an organisation.
    assert "HMPPS-L" in panel.delegate.abbreviations
    editor = sample_window.editor
    assert editor.details.chair_organisation_combo.findText("HMPPS-L") >= 0
    assert editor.attendees.matches("HMPPS-L")[0].abbreviation == "HMPPS-L"
    assert not sample_window.windowTitle().endswith("— not saved")


def test_the_new_owner_is_one_undo_step_and_the_directory_keeps_the_organisation(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    action = _first_action(database, sample_id)
    panel = _type_owners(qtbot, sample_window, "MPS/HMPPS-L", Qt.Key.Key_Return)
    _add(qtbot, panel, "HMPPS London")
    qtbot.waitUntil(lambda: _owners(database, action.id) == ("MPS", "HMPPS-L"))
    qtbot.waitUntil(panel.table.hasFocus)

    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _owners(database, action.id) == action.owners)
    assert _cell(panel, action.id).data() == "/".join(action.owners)
    assert "HMPPS-L" in _abbreviations(database)  # as for the chair and the attendees
    qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: _owners(database, action.id) == ("MPS", "HMPPS-L"))
    assert _cell(panel, action.id).data() == "MPS/HMPPS-L"


def test_tab_on_an_unknown_owner_offers_it_and_goes_on_to_the_item(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    action = _first_action(database, sample_id)
    panel = _type_owners(qtbot, sample_window, "hmpps-l, MPS", Qt.Key.Key_Tab)
    dialog = _dialog(qtbot, panel)
    assert dialog.abbreviation_edit.text() == "HMPPS-L"  # suggested in capitals
    _add(qtbot, panel, "HMPPS London")

    qtbot.waitUntil(lambda: _owners(database, action.id) == ("HMPPS-L", "MPS"))
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    assert panel.table.currentIndex() == _cell(panel, action.id, ActionColumn.ITEM)


@pytest.mark.parametrize("confirm", [Qt.Key.Key_Return, Qt.Key.Key_Tab])
def test_a_cancelled_dialog_keeps_the_text_refused_in_red_with_why(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
    confirm: Qt.Key,
) -> None:
    action = _first_action(database, sample_id)
    before = _abbreviations(database)
    panel = _type_owners(qtbot, sample_window, "MPS/HMPPS-L", confirm)
    dialog = _dialog(qtbot, panel)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: panel.owner_dialog is None)
    qtbot.waitUntil(panel.table.hasFocus)
    cell = _cell(panel, action.id)
    assert panel.table.currentIndex() == cell  # on the cell, to put it right
    assert cell.data() == "MPS/HMPPS-L"  # not dropped, not changed
    assert cell.data(REFUSED_ROLE) is True
    assert REFUSAL in panel.problem_label.text()
    assert sample_window.windowTitle().endswith("— not saved")
    assert _abbreviations(database) == before
    assert _owners(database, action.id) == action.owners

    # Enter on the cell's text again offers it again, and then it is saved.
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    assert isinstance(focused(), QLineEdit)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    _add(qtbot, panel, "HMPPS London")
    qtbot.waitUntil(lambda: _owners(database, action.id) == ("MPS", "HMPPS-L"))
    assert not panel.problem_label.isVisible()


def test_two_unknown_owners_are_offered_in_turn(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    action = _first_action(database, sample_id)
    panel = _type_owners(qtbot, sample_window, "HMPPS-L/MPS/ZZQ", Qt.Key.Key_Return)
    first = _add(qtbot, panel, "HMPPS London")
    assert first.abbreviation_edit.text() == "HMPPS-L"
    second = _dialog(qtbot, panel)
    assert second.abbreviation_edit.text() == "ZZQ"
    qtbot.keyClicks(second.name_edit, "Zed Zed Queue")
    qtbot.keyClick(second.name_edit, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: _owners(database, action.id) == ("HMPPS-L", "MPS", "ZZQ"))
    assert {"HMPPS-L", "ZZQ"} <= _abbreviations(database)
    assert not _cell(panel, action.id).data(REFUSED_ROLE)


def test_cancelling_the_second_of_two_keeps_the_first_added_and_the_text_refused(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    action = _first_action(database, sample_id)
    panel = _type_owners(qtbot, sample_window, "HMPPS-L/ZZQ", Qt.Key.Key_Return)
    _add(qtbot, panel, "HMPPS London")
    second = _dialog(qtbot, panel)
    qtbot.keyClick(second.name_edit, Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: panel.owner_dialog is None)
    qtbot.waitUntil(panel.table.hasFocus)
    cell = _cell(panel, action.id)
    assert cell.data() == "HMPPS-L/ZZQ"
    assert cell.data(REFUSED_ROLE) is True
    assert "“ZZQ”" in panel.problem_label.text()
    assert "HMPPS-L" in _abbreviations(database)
    assert "ZZQ" not in _abbreviations(database)
    assert _owners(database, action.id) == action.owners  # neither owner saved alone
    message_boxes.answer("Lose the changes")  # closing with it asks


def test_the_name_of_a_known_organisation_is_refused_without_a_dialog(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    action = _first_action(database, sample_id)
    before = _abbreviations(database)
    panel = _type_owners(qtbot, sample_window, "MPS/youth justice board", Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Type YJB, the abbreviation" in panel.problem_label.text())
    assert "“youth justice board”" in panel.problem_label.text()
    assert panel.owner_dialog is None
    cell = _cell(panel, action.id)
    assert cell.data() == "MPS/youth justice board"
    assert cell.data(REFUSED_ROLE) is True
    assert "Type YJB" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert _abbreviations(database) == before
    assert _owners(database, action.id) == action.owners
    message_boxes.answer("Lose the changes")


def test_clicking_elsewhere_leaves_the_owner_refused_without_a_dialog(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    """Only Enter and Tab ask: the focus taken elsewhere (a click, another window) keeps
    the text in red with why, and no dialog pops up where the person has gone."""
    action = _first_action(database, sample_id)
    panel = _type_owners(qtbot, sample_window, "MPS/HMPPS-L", Qt.Key.Key_F2)  # still typing
    assert isinstance(focused(), QLineEdit)
    panel.previous_table.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: REFUSAL in panel.problem_label.text())
    qtbot.waitUntil(panel.previous_table.hasFocus)
    QApplication.processEvents()  # an offer would open now
    assert panel.owner_dialog is None
    assert _cell(panel, action.id).data() == "MPS/HMPPS-L"
    assert _owners(database, action.id) == action.owners
    message_boxes.answer("Lose the changes")


def test_escape_in_the_owners_editor_offers_nothing(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    action = _first_action(database, sample_id)
    panel = _type_owners(qtbot, sample_window, "MPS/HMPPS-L", Qt.Key.Key_Escape)
    qtbot.waitUntil(panel.table.hasFocus)
    QApplication.processEvents()  # an offer would open now
    assert panel.owner_dialog is None
    assert _owners(database, action.id) == action.owners
    assert _cell(panel, action.id).data() == "/".join(action.owners)
