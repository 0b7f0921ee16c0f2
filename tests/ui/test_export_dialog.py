"""File > Export to Word (Ctrl+E): the dialog, driven from the keyboard as the secretary would."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from exporters.files import suggested_file_name
from exporters.options import ActionsMode, ExportOptions
from models import services
from models.database import Database
from models.enums import Audience, LayoutStyle
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import FileDialogs, MessageBoxes, choose
from ui.common.settings import Settings
from ui.export.export_dialog import ExportDialog
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class OpenedUrls:
    """Stands in for QDesktopServices.openUrl: records the file the user asked to open."""

    def __init__(self) -> None:
        self.urls: list[QUrl] = []
        self.works = True

    def open_url(self, url: QUrl) -> bool:
        self.urls.append(url)
        return self.works


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> OpenedUrls:
    urls = OpenedUrls()
    monkeypatch.setattr(QDesktopServices, "openUrl", urls.open_url)
    return urls


def open_dialog(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    window.activateWindow()  # back from an earlier dialog
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.export_dialog is not None)
    dialog = window.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)  # Alt+letter shortcuts go to the active window
    return dialog


def type_path(qtbot: QtBot, dialog: ExportDialog, path: Path | str) -> None:
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(path))


def press_export(qtbot: QtBot, dialog: ExportDialog) -> None:
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Export is the default button


def body_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_ctrl_e_suggests_the_meetings_layout_a_public_note_and_a_dated_name(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    out: Path,
    message_boxes: MessageBoxes,
    settings: Settings,
) -> None:
    dialog = open_dialog(qtbot, sample_window)

    assert dialog.isModal()
    assert dialog.layout_combo.currentText() == "Public Note (2025 layout)"
    assert dialog.public_radio.isChecked()
    assert "no person's name" in dialog.audience_hint.text()
    assert dialog.path_edit.text() == str(out / "2025-06-19 RRB Public Note.docx")

    message_boxes.answer("Close")  # the offer to open the note
    press_export(qtbot, dialog)

    written = out / "2025-06-19 RRB Public Note.docx"
    assert written.read_bytes()[:2] == b"PK"
    assert not dialog.isVisible()
    text = body_text(written)
    assert "Reducing Reoffending Board (RRB) | Public Note" in text
    assert "Jordan Ellery" not in text  # a public note names no one
    assert "Commissioning Update" not in text  # nor prints a confidential item
    assert str(written) in sample_window.statusBar().currentMessage()
    assert message_boxes.last.text == f"The note was saved as {written.name}."
    assert message_boxes.last.buttons == ("Open the note", "Close")
    # It reports a finished export: no question mark, as a question would carry.
    assert message_boxes.last.icon is QMessageBox.Icon.Information
    assert settings.export_folder == out


def test_an_internal_record_in_another_layout(
    qtbot: QtBot, sample_window: MainWindow, out: Path, message_boxes: MessageBoxes
) -> None:
    dialog = open_dialog(qtbot, sample_window)

    qtbot.keyClick(dialog.layout_combo, Qt.Key.Key_End)  # the 2017 transcript, last
    qtbot.keyClick(dialog.layout_combo, Qt.Key.Key_Up)  # the 2019 record, before it
    qtbot.keyClick(dialog.layout_combo, Qt.Key.Key_I, ALT)  # &Internal record

    qtbot.waitUntil(dialog.internal_radio.isChecked)  # a mnemonic "animates" the click
    assert "not for publication" in dialog.audience_hint.text()
    expected = out / "2025-06-19 RRB Internal record.docx"
    assert dialog.path_edit.text() == str(expected)  # the name follows the choices
    message_boxes.answer("Close")
    press_export(qtbot, dialog)

    text = body_text(expected)
    assert "Record of Meeting" in text
    assert "Jordan Ellery" in text
    assert "Commissioning Update (Confidential)" in text
    assert docx.Document(str(expected)).tables  # the 2019 agenda table


def test_a_name_the_user_typed_is_kept_when_the_choices_change(
    qtbot: QtBot, sample_window: MainWindow, out: Path
) -> None:
    dialog = open_dialog(qtbot, sample_window)
    type_path(qtbot, dialog, out / "my note")
    dialog.internal_radio.click()
    assert dialog.path_edit.text() == str(out / "my note")
    assert dialog.path() == out / "my note.docx"  # .docx is added when left off
    dialog.reject()


def test_the_edited_notice_is_off_for_the_internal_record_and_kept_for_the_public_note(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, sample_window)
    assert dialog.edited_check.isEnabled()
    dialog.edited_check.setChecked(False)  # the person's choice for the public note

    dialog.internal_radio.click()
    assert not dialog.edited_check.isEnabled()  # nothing is left out of an internal record
    dialog.public_radio.click()
    assert dialog.edited_check.isEnabled()
    assert not dialog.edited_check.isChecked()
    dialog.reject()


def test_overwriting_a_file_is_confirmed(
    qtbot: QtBot, sample_window: MainWindow, out: Path, message_boxes: MessageBoxes
) -> None:
    target = out / "note.docx"
    target.write_bytes(b"the earlier export")
    dialog = open_dialog(qtbot, sample_window)
    type_path(qtbot, dialog, target)

    message_boxes.answer("Cancel")
    press_export(qtbot, dialog)
    assert message_boxes.last.text == "note.docx already exists."
    assert message_boxes.last.detail.endswith(f"The file in {out} will be replaced.")
    assert target.read_bytes() == b"the earlier export"
    assert dialog.isVisible()  # nothing lost: change the name or confirm

    message_boxes.answer("Replace", "Close")
    press_export(qtbot, dialog)
    assert target.read_bytes()[:2] == b"PK"
    assert not dialog.isVisible()


def test_a_failed_export_says_why_and_keeps_the_dialog_open(
    qtbot: QtBot,
    sample_window: MainWindow,
    message_boxes: MessageBoxes,
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog = open_dialog(qtbot, sample_window)
    dialog.internal_radio.click()
    type_path(qtbot, dialog, blocker / "note.docx")  # a folder that cannot exist

    press_export(qtbot, dialog)

    box = message_boxes.last
    assert box.title == "Export to Word"
    assert box.text == "The note was not exported."
    assert str(blocker) in box.detail  # the exporter names the folder that is not one
    assert dialog.isVisible()
    assert dialog.internal_radio.isChecked()
    assert dialog.path_edit.text() == str(blocker / "note.docx")
    assert not (blocker / "note.docx").exists()
    dialog.reject()


def test_an_empty_path_is_pointed_out(qtbot: QtBot, sample_window: MainWindow) -> None:
    dialog = open_dialog(qtbot, sample_window)
    dialog.path_edit.clear()
    press_export(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.path_message.text() == "Type where to save the note, or press Browse."
    dialog.reject()


def test_browse_picks_the_file(
    qtbot: QtBot,
    sample_window: MainWindow,
    file_dialogs: FileDialogs,
    out: Path,
    message_boxes: MessageBoxes,
) -> None:
    file_dialogs.save_path = out / "picked.docx"
    dialog = open_dialog(qtbot, sample_window)

    qtbot.keyClick(dialog.layout_combo, Qt.Key.Key_B, ALT)  # &Browse…
    qtbot.waitUntil(lambda: dialog.path_edit.text() == str(out / "picked.docx"))

    assert Path(file_dialogs.suggested[-1]) == out / "2025-06-19 RRB Public Note.docx"
    assert dialog.path_edit.text() == str(out / "picked.docx")
    message_boxes.answer("Close")
    press_export(qtbot, dialog)
    assert (out / "picked.docx").is_file()


def test_the_note_can_be_opened_after_the_export(
    qtbot: QtBot,
    sample_window: MainWindow,
    out: Path,
    message_boxes: MessageBoxes,
    opened: OpenedUrls,
) -> None:
    dialog = open_dialog(qtbot, sample_window)
    message_boxes.answer("Open the note")
    press_export(qtbot, dialog)
    assert opened.urls == [QUrl.fromLocalFile(str(out / "2025-06-19 RRB Public Note.docx"))]

    opened.works = False  # no program for .docx on this computer
    dialog = open_dialog(qtbot, sample_window)
    message_boxes.answer("Replace", "Open the note")
    press_export(qtbot, dialog)
    assert "could not be opened" in message_boxes.last.text


def test_export_includes_what_was_typed_a_moment_ago(
    qtbot: QtBot, sample_window: MainWindow, out: Path, message_boxes: MessageBoxes
) -> None:
    qtbot.keyClicks(sample_window.editor.details.theme_edit, " and housing")
    dialog = open_dialog(qtbot, sample_window)
    message_boxes.answer("Close")
    press_export(qtbot, dialog)

    text = body_text(out / "2025-06-19 RRB Public Note.docx")
    assert "Accommodation for people leaving prison and housing" in text


def test_export_is_refused_while_a_value_is_not_saved(
    qtbot: QtBot, sample_window: MainWindow, message_boxes: MessageBoxes
) -> None:
    end_edit = sample_window.editor.details.end_edit
    end_edit.line_edit.clear()
    qtbot.keyClicks(end_edit.line_edit, "13:00")

    sample_window.export_action.trigger()

    assert "not saved" in message_boxes.last.text
    assert "is not after the start" in message_boxes.last.detail
    assert sample_window.export_dialog is None  # the dialog never opened
    message_boxes.answer("Lose the changes")  # for the close at the end of the test


def test_a_template_without_the_house_styles_is_a_notice_not_a_failure(
    qtbot: QtBot,
    sample_window: MainWindow,
    out: Path,
    message_boxes: MessageBoxes,
    settings: Settings,
    tmp_path: Path,
) -> None:
    template = tmp_path / "plain.docx"
    docx.Document().save(str(template))
    settings.export_options = ExportOptions(template=template)
    dialog = open_dialog(qtbot, sample_window)
    assert "House style: plain.docx, the text masthead" in "".join(
        label.text() for label in dialog.findChildren(QLabel)
    )

    press_export(qtbot, dialog)
    # python-docx's own template: light-blue headings, a Title with no outline level
    assert dialog.findings.isVisible()
    assert {f.kind for f in dialog.findings.findings} == {"accessibility"}
    assert not (out / "2025-06-19 RRB Public Note.docx").exists()
    assert dialog.export_button.text() == "Export &anyway"
    message_boxes.answer("Close")
    press_export(qtbot, dialog)

    assert (out / "2025-06-19 RRB Public Note.docx").is_file()
    status = sample_window.statusBar().currentMessage()
    assert "The Word template has no Masthead" in status
    assert "The Word template has no Masthead" in message_boxes.last.detail


def test_suggested_names_for_every_choice(sample_window: MainWindow, database: Database) -> None:
    doc = services.meeting_doc(database, sample_window.editor.meeting_id or 0)
    assert suggested_file_name(doc, LayoutStyle.NOTE_OF_MEETING, Audience.PUBLIC) == (
        "2025-06-19 RRB Note of Meeting.docx"
    )
    assert suggested_file_name(doc, LayoutStyle.PUBLIC_NOTE, Audience.INTERNAL) == (
        "2025-06-19 RRB Internal record.docx"
    )


def test_the_menus_list_the_new_shortcuts(sample_window: MainWindow) -> None:
    table = sample_window.shortcut_table()
    assert ("Ctrl+E", "Export to Word") in table
    assert ("Ctrl+,", "Settings") in table
    assert ("F9", "Preview") in table


def test_the_dialog_says_when_the_note_prints_none_of_the_actions(
    qtbot: QtBot, sample_window: MainWindow, sample_meeting: MeetingDoc
) -> None:
    count = sum(len(item.actions) for item in sample_meeting.agenda)
    dialog = open_dialog(qtbot, sample_window)
    hint = dialog.actions_hint
    assert dialog.layout_combo.currentText() == "Public Note (2025 layout)"  # prints none

    assert hint.isVisible()
    assert hint.text() == (
        f"This layout prints no actions: the meeting's {count} actions stay out of the note."
        " Choose “Under each item” or “In one list at the end” to print them."
    )
    qtbot.keyClick(dialog.layout_combo, Qt.Key.Key_T, ALT)  # Ac&tions:
    assert dialog.actions_combo.hasFocus()
    choose(qtbot, dialog.actions_combo, "In one list at the end")
    assert not hint.isVisible()
    choose(qtbot, dialog.actions_combo, "Not printed")
    assert hint.isVisible()
    assert hint.text().startswith(f"No actions printed: the meeting's {count} actions stay out")
    choose(qtbot, dialog.actions_combo, "As the layout's published notes")
    choose(qtbot, dialog.layout_combo, "Record of Meeting (2019 layout)")  # under each item
    assert not hint.isVisible()
    choose(qtbot, dialog.layout_combo, "Public Note of Meeting (2023 layout)")
    assert hint.isVisible()


def test_no_word_on_actions_for_a_meeting_without_any(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    qtbot.keyClick(sample_window.meeting_list, Qt.Key.Key_N, CTRL)  # a new meeting: no actions
    qtbot.waitUntil(lambda: sample_window.editor.meeting_id is not None)
    dialog = open_dialog(qtbot, sample_window)

    assert dialog.layout_combo.currentText() == "Public Note (2025 layout)"
    assert dialog.actions_combo.currentText() == "As the layout's published notes"
    assert not dialog.actions_hint.isVisible()
    assert dialog.actions_hint.text() == ""


def test_a_hearing_s_public_transcript_is_not_said_to_hold_no_name(
    qtbot: QtBot, sample_window: MainWindow, message_boxes: MessageBoxes
) -> None:
    """A tester read "no person's name" above a transcript that prints every speaker's."""
    dialog = open_dialog(qtbot, sample_window)
    assert "no person's name" in dialog.audience_hint.text()  # a board's Public Note
    qtbot.keyClick(dialog.layout_combo, Qt.Key.Key_End)  # the 2017 transcript, last
    assert dialog.layout_style is LayoutStyle.HEARING_TRANSCRIPT
    assert "no person's name" not in dialog.audience_hint.text()
    assert "speaker's name" in dialog.audience_hint.text()
    qtbot.keyClick(dialog.layout_combo, Qt.Key.Key_I, ALT)  # &Internal record
    qtbot.waitUntil(dialog.internal_radio.isChecked)
    assert "not for publication" in dialog.audience_hint.text()
    dialog.reject()


def test_the_actions_choice_exported_with_is_remembered_for_its_layout(
    qtbot: QtBot,
    sample_window: MainWindow,
    out: Path,
    message_boxes: MessageBoxes,
    settings: Settings,
) -> None:
    """Users chose "In one list at the end" at every export: the dialog forgot it each time."""
    dialog = open_dialog(qtbot, sample_window)
    assert dialog.layout_style is LayoutStyle.PUBLIC_NOTE
    qtbot.keyClick(dialog.layout_combo, Qt.Key.Key_T, ALT)  # Ac&tions:
    choose(qtbot, dialog.actions_combo, "In one list at the end")
    message_boxes.answer("Close")
    press_export(qtbot, dialog)
    assert not dialog.isVisible()

    dialog = open_dialog(qtbot, sample_window)
    assert dialog.actions_combo.currentText() == "In one list at the end"
    assert dialog.actions_mode is ActionsMode.SUMMARY
    assert not dialog.actions_hint.isVisible()  # the hint follows the remembered choice
    # The 2019 record has its own way (under each item) and no choice of its own yet.
    choose(qtbot, dialog.layout_combo, "Record of Meeting (2019 layout)")
    assert dialog.actions_combo.currentText() == "As the layout's published notes"
    choose(qtbot, dialog.layout_combo, "Public Note (2025 layout)")
    assert dialog.actions_combo.currentText() == "In one list at the end"
    # A choice of the user's own stays when the layout changes.
    choose(qtbot, dialog.actions_combo, "Not printed")
    choose(qtbot, dialog.layout_combo, "Record of Meeting (2019 layout)")
    assert dialog.actions_combo.currentText() == "Not printed"
    dialog.reject()  # not exported: not remembered

    assert settings.export_actions(LayoutStyle.PUBLIC_NOTE) is ActionsMode.SUMMARY
    assert settings.export_actions(LayoutStyle.RECORD_OF_MEETING) is None
    dialog = open_dialog(qtbot, sample_window)
    assert dialog.actions_combo.currentText() == "In one list at the end"
    dialog.reject()
