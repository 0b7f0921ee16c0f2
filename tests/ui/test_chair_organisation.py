"""The chair's organisation typed as an abbreviation the directory does not have yet: Enter
(or leaving the field) offers the same small dialog as Add attendee, the organisation it
makes becomes the chair's (one undo step), and a cancel keeps the text, in red, with why.
Driven with keys, checked in the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from models import organisations, services
from models.database import Database
from models.services import OrganisationRow
from tests.ui.conftest import MessageBoxes
from ui.common.layout import ERROR_COLOUR
from ui.editor.meeting_editor import MeetingEditor
from ui.organisations.organisations_dialog import NameAbbreviationDialog
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _chair(database: Database, meeting_id: int) -> str | None:
    return services.meeting_record(database, meeting_id).chair_organisation


def _abbreviations(database: Database) -> set[str]:
    return {org.abbreviation for org in services.list_organisations(database)}


def _chair_line(editor: MeetingEditor) -> QLineEdit:
    line = editor.details.chair_organisation_combo.lineEdit()
    assert line is not None
    return line


def _type_chair(qtbot: QtBot, editor: MeetingEditor, text: str) -> QLineEdit:
    """The chair's organisation replaced by ``text``, key by key, as the secretary types."""
    editor.show_tab(editor.details_page)
    line = _chair_line(editor)
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    return line


def _dialog(qtbot: QtBot, editor: MeetingEditor) -> NameAbbreviationDialog[OrganisationRow]:
    qtbot.waitUntil(lambda: editor.organisation_dialog is not None)
    dialog = editor.organisation_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _add_hmpps_london(qtbot: QtBot, editor: MeetingEditor, line: QLineEdit) -> None:
    """Enter in the chair's field on HMPPS-L, and its name typed in the dialog offered."""
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    dialog = _dialog(qtbot, editor)
    qtbot.keyClicks(dialog.name_edit, "HMPPS London")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.organisation_dialog is None)


def _is_red(line: QLineEdit) -> bool:
    return line.palette().color(QPalette.ColorRole.Text) == QColor(ERROR_COLOUR)


def test_enter_on_an_unknown_abbreviation_creates_it_and_makes_it_the_chairs(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    assert _chair(database, sample_id) == "MOPAC"
    assert "HMPPS-L" not in _abbreviations(database)
    line = _type_chair(qtbot, editor, "HMPPS-L")
    qtbot.keyClick(line, Qt.Key.Key_Return)

    dialog = _dialog(qtbot, editor)
    assert dialog.abbreviation_edit.text() == "HMPPS-L"  # as typed, never changed
    intro = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "“HMPPS-L”" in intro
    assert "chair's organisation" in intro
    qtbot.keyClicks(dialog.name_edit, "HMPPS London")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: _chair(database, sample_id) == "HMPPS-L")
    assert "HMPPS-L" in _abbreviations(database)
    created = next(o for o in services.list_organisations(database) if o.abbreviation == "HMPPS-L")
    assert created.name == "HMPPS London"
    assert editor.organisation_dialog is None
    assert editor.details.chair_organisation_combo.currentText() == "HMPPS-L"
    assert editor.details.message("chair_organisation") == ""
    assert not _is_red(line)
    qtbot.waitUntil(line.hasFocus)  # back where the typing goes on
    # Offered from now on, here and to Add attendee and the action owners.
    assert editor.details.chair_organisation_combo.findText("HMPPS-L") >= 0
    assert editor.attendees.matches("HMPPS-L")[0].abbreviation == "HMPPS-L"
    assert "HMPPS-L" in editor.actions_panel.delegate.abbreviations


def test_setting_the_new_chair_organisation_is_undone_and_redone(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    line = _type_chair(qtbot, editor, "HMPPS-L")
    _add_hmpps_london(qtbot, editor, line)
    qtbot.waitUntil(lambda: _chair(database, sample_id) == "HMPPS-L")
    qtbot.waitUntil(line.hasFocus)

    qtbot.keyClick(line, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _chair(database, sample_id) == "MOPAC")
    assert editor.details.chair_organisation_combo.currentText() == "MOPAC"
    assert "HMPPS-L" in _abbreviations(database)  # the directory keeps it, as for attendees
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: _chair(database, sample_id) == "HMPPS-L")
    assert editor.details.chair_organisation_combo.currentText() == "HMPPS-L"


def test_leaving_the_field_with_tab_offers_the_dialog_too(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    line = _type_chair(qtbot, editor, "Youth Offending Team")
    qtbot.keyClick(line, Qt.Key.Key_Tab)

    dialog = _dialog(qtbot, editor)
    assert dialog.name_edit.text() == "Youth Offending Team"
    assert dialog.abbreviation_edit.text() == "YOT"
    qtbot.keyClick(dialog.abbreviation_edit, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: _chair(database, sample_id) == "YOT")
    assert editor.details.chair_organisation_combo.currentText() == "YOT"
    qtbot.waitUntil(editor.details.style_combo.hasFocus)  # on to where Tab was going


@pytest.mark.parametrize("confirm", [Qt.Key.Key_Return, Qt.Key.Key_Tab])
def test_a_cancelled_dialog_leaves_the_text_refused_in_red_with_why(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    confirm: Qt.Key,
) -> None:
    editor = sample_window.editor
    before = _abbreviations(database)
    line = _type_chair(qtbot, editor, "HMPPS-L")
    qtbot.keyClick(line, confirm)
    dialog = _dialog(qtbot, editor)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: editor.organisation_dialog is None)
    qtbot.waitUntil(line.hasFocus)  # back in the field, to put it right
    assert line.text() == "HMPPS-L"  # not dropped, not changed
    message = editor.details.message("chair_organisation")
    assert "HMPPS-L" in message
    assert "\n" not in message
    assert _is_red(line)
    assert _abbreviations(database) == before
    assert _chair(database, sample_id) == "MOPAC"

    # Leaving again does not ask again; Enter does.
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    qtbot.waitUntil(editor.details.style_combo.hasFocus)
    QApplication.processEvents()  # an offer would open now
    assert editor.organisation_dialog is None
    assert line.text() == "HMPPS-L"
    assert "HMPPS-L" in editor.details.message("chair_organisation")
    _add_hmpps_london(qtbot, editor, line)
    qtbot.waitUntil(lambda: _chair(database, sample_id) == "HMPPS-L")
    assert editor.details.message("chair_organisation") == ""


def test_a_known_abbreviation_in_any_case_is_saved_without_a_dialog(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    line = _type_chair(qtbot, editor, "lp")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _chair(database, sample_id) == "LP")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    qtbot.waitUntil(editor.details.style_combo.hasFocus)
    QApplication.processEvents()  # an offer would open now
    assert editor.organisation_dialog is None


def test_the_full_name_of_a_known_organisation_says_its_abbreviation_instead_of_offering(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
) -> None:
    editor = sample_window.editor
    before = _abbreviations(database)
    line = _type_chair(qtbot, editor, "youth justice board")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Type YJB" in editor.details.message("chair_organisation"))
    assert editor.organisation_dialog is None
    assert line.text() == "youth justice board"
    assert _is_red(line)
    assert _abbreviations(database) == before
    assert _chair(database, sample_id) == "MOPAC"
    message_boxes.answer("Lose the changes")  # closing with it asks


def test_an_organisation_added_since_the_list_was_read_is_saved_without_a_dialog(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """Added elsewhere (the attendee box, another window): the directory is read again
    before anything is offered, so no dialog refuses an abbreviation already in it."""
    editor = sample_window.editor
    organisations.add_organisation(database, "Youth Offending Team", "YOT")
    line = _type_chair(qtbot, editor, "YOT")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _chair(database, sample_id) == "YOT")
    QApplication.processEvents()  # an offer would open now
    assert editor.organisation_dialog is None
    assert editor.details.chair_organisation_combo.findText("YOT") >= 0
