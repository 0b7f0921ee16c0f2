"""File > Settings (Ctrl+,): the user's own Word template and logo, used by every export."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from exporters.options import DEFAULT_LOGO_ALT_TEXT, ExportOptions
from tests.ui.conftest import FileDialogs, MessageBoxes
from tests.unit.test_docx_templates import png_bytes
from ui.common.settings import Settings
from ui.export.export_dialog import ExportDialog
from ui.export.settings_dialog import SettingsDialog
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def plain_template(tmp_path: Path) -> Path:
    """python-docx's own template: a Word file without the house styles."""
    path = tmp_path / "plain.docx"
    docx.Document().save(str(path))
    return path


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "crest.png"
    path.write_bytes(png_bytes(60, 20))
    return path


def open_settings(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: window.settings_dialog is not None)
    dialog = window.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def press_ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    qtbot.keyClick(dialog.alt_text_edit, Qt.Key.Key_Return)


def test_choose_a_template_and_a_logo_and_every_export_uses_them(
    qtbot: QtBot,
    sample_window: MainWindow,
    file_dialogs: FileDialogs,
    message_boxes: MessageBoxes,
    settings: Settings,
    plain_template: Path,
    logo: Path,
    tmp_path: Path,
) -> None:
    dialog = open_settings(qtbot, sample_window)
    assert dialog.template_edit.text() == ""
    assert dialog.alt_text_edit.text() == DEFAULT_LOGO_ALT_TEXT

    file_dialogs.open_path = plain_template
    qtbot.keyClick(dialog.template_edit, Qt.Key.Key_C, ALT)  # &Choose template…
    qtbot.waitUntil(lambda: dialog.template_edit.text() == str(plain_template))
    # A template without some of the note's styles is accepted, with a notice naming them.
    assert dialog.template_notice.isVisible()
    assert "Masthead" in dialog.template_notice.text()
    assert "Meeting Details" in dialog.template_notice.text()

    file_dialogs.open_path = logo
    qtbot.keyClick(dialog.template_edit, Qt.Key.Key_O, ALT)  # Choose l&ogo…
    qtbot.waitUntil(lambda: dialog.logo_edit.text() == str(logo))
    dialog.alt_text_edit.selectAll()
    qtbot.keyClicks(dialog.alt_text_edit, "Crest of the Board")
    press_ok(qtbot, dialog)

    assert not dialog.isVisible()
    chosen = ExportOptions(plain_template, logo, "Crest of the Board")
    assert settings.export_options == chosen
    assert "Masthead" in sample_window.statusBar().currentMessage()

    # The next export uses both.
    settings.export_folder = tmp_path
    sample_window.export_action.trigger()
    export = sample_window.export_dialog
    assert isinstance(export, ExportDialog)
    export.export()  # python-docx's own template: accessibility findings come first
    assert {f.kind for f in export.findings.findings} == {"accessibility"}
    message_boxes.answer("Close")
    export.export()  # Export anyway
    note = docx.Document(str(tmp_path / "2025-06-19 RRB Public Note.docx"))
    header = note.sections[0].header
    assert 'descr="Crest of the Board"' in header._element.xml
    assert [p.text for p in header.paragraphs][1:] == [
        "MAYOR OF LONDON",
        "OFFICE FOR POLICING AND CRIME",
    ]


def test_a_file_that_cannot_be_used_is_refused_in_place(
    qtbot: QtBot, sample_window: MainWindow, settings: Settings, tmp_path: Path
) -> None:
    not_word = tmp_path / "notes.docx"
    not_word.write_text("just text")
    not_a_picture = tmp_path / "logo.png"
    not_a_picture.write_text("just text")
    dialog = open_settings(qtbot, sample_window)

    qtbot.keyClicks(dialog.template_edit, str(not_word))
    qtbot.keyClicks(dialog.logo_edit, str(not_a_picture))
    press_ok(qtbot, dialog)

    assert dialog.isVisible()  # nothing is stored while a file cannot be used
    assert "is not a Word document" in dialog.template_message.text()
    assert dialog.template_message.isVisible()
    assert "is damaged or not a PNG" in dialog.logo_message.text()
    assert dialog.template_edit.hasFocus()

    qtbot.keyClick(dialog.template_edit, Qt.Key.Key_U, ALT)  # Use the b&uilt-in
    qtbot.waitUntil(lambda: dialog.template_edit.text() == "")
    qtbot.keyClick(dialog.template_edit, Qt.Key.Key_N, ALT)  # &No logo
    qtbot.waitUntil(lambda: dialog.logo_edit.text() == "")
    assert not dialog.template_message.isVisible()
    press_ok(qtbot, dialog)

    assert not dialog.isVisible()
    assert settings.export_options == ExportOptions()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("house.pdf", "is not a Word template: choose a .docx or .dotx file."),
        ("gone.dotx", "could not be found"),
    ],
)
def test_template_problems(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path, typed: str, message: str
) -> None:
    dialog = open_settings(qtbot, sample_window)
    qtbot.keyClicks(dialog.template_edit, str(tmp_path / typed))
    press_ok(qtbot, dialog)
    assert message in dialog.template_message.text()
    dialog.reject()


def test_cancel_keeps_the_settings(
    qtbot: QtBot, sample_window: MainWindow, settings: Settings, logo: Path
) -> None:
    settings.export_options = ExportOptions(logo=logo)
    dialog = open_settings(qtbot, sample_window)
    assert dialog.logo_edit.text() == str(logo)
    dialog.logo_edit.clear()
    qtbot.keyClick(dialog.logo_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert settings.export_options == ExportOptions(logo=logo)


def test_stored_options_round_trip(settings: Settings, tmp_path: Path) -> None:
    assert settings.export_options == ExportOptions()
    options = ExportOptions(tmp_path / "a.dotx", tmp_path / "b.png", "Our crest")
    settings.export_options = options
    assert settings.export_options == options
    settings.export_options = ExportOptions(logo_alt_text="  ")
    assert settings.export_options == ExportOptions()  # blank alt text: the default
