"""A final meeting opens read-only, as its note will be published, until the user asks to edit
it; just looking at it changes nothing in the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from models import organisations, services
from models.database import Database
from models.enums import MeetingStatus
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import MessageBoxes
from ui.common.settings import Settings
from ui.editor.final_view import EDITING_FINAL_TEXT
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def final_id(database: Database, sample_id: int) -> int:
    services.update_meeting(database, sample_id, status=MeetingStatus.FINAL)
    return sample_id


@pytest.fixture
def final_window(final_id: int, open_window: Callable[[], MainWindow], qtbot: QtBot) -> MainWindow:
    window = open_window()
    assert window.open_meeting_id == final_id
    qtbot.waitUntil(lambda: "Workshop: A Settled First Night" in window.final_view.text())
    return window


def _editable_widgets(root: QWidget) -> list[QWidget]:
    """Every visible widget under ``root`` that takes typing or a choice."""
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if isinstance(widget, QTextEdit | QPlainTextEdit | QLineEdit):
            if not widget.isReadOnly():
                found.append(widget)
        elif isinstance(widget, QComboBox | QAbstractSpinBox):
            found.append(widget)
    return found


def _snapshot(database: Database, meeting_id: int) -> tuple[object, ...]:
    record = services.meeting_record(database, meeting_id)
    return (record.version, record.updated_at, services.meeting_doc(database, meeting_id))


def test_a_final_meeting_opens_read_only_as_it_will_be_published(
    final_window: MainWindow, database: Database, final_id: int
) -> None:
    window = final_window
    view = window.final_view
    assert window.read_only
    assert view.isVisible()
    assert not window.editor.isVisible()
    assert window.editor.meeting_id is None  # nothing loaded that a key could change
    text = view.text()
    assert "Theme context setting: Accommodation on Release" in text  # an agenda item
    assert "Commissioning Update" not in text  # confidential: not in the public note
    assert "Jordan Ellery" not in text  # nor any person's name
    assert "This meeting is final" in view.final_label.text()
    assert "Public Note (2025 layout)" in view.details_label.text()
    assert "public note" in view.details_label.text()
    assert view.edit_button.text() == "Edit"
    assert "Ctrl+Shift+E" in view.shortcut_label.text()
    assert _editable_widgets(window.centralWidget()) == _editable_widgets(window.archive)
    assert window.windowTitle() == "RRB Public Note, 19 June 2025 — final, read-only"
    assert window.edit_final_action.isEnabled()
    assert not window.editing_final_banner.isVisible()
    font = window.meeting_model.index_of(final_id).data(Qt.ItemDataRole.FontRole)
    assert font.bold()


def test_looking_and_typing_at_a_final_meeting_changes_nothing(
    qtbot: QtBot, final_window: MainWindow, database: Database, final_id: int
) -> None:
    before = _snapshot(database, final_id)
    window = final_window
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Return)  # into the note
    assert window.final_view.preview.browser.hasFocus()
    qtbot.keyClicks(window.final_view.preview.browser, "typed over the note")
    for key, modifier in (
        (Qt.Key.Key_N, CTRL_SHIFT),  # add an agenda item
        (Qt.Key.Key_A, CTRL_SHIFT),  # add an action
        (Qt.Key.Key_C, CTRL_SHIFT),  # copy the attendees of the previous meeting
        (Qt.Key.Key_Z, CTRL),  # undo
        (Qt.Key.Key_S, CTRL),  # save now
    ):
        qtbot.keyClick(window.final_view.preview.browser, key, modifier)
    window.close()
    assert _snapshot(database, final_id) == before


def test_edit_opens_the_editor_and_says_what_editing_a_final_meeting_means(
    qtbot: QtBot, final_window: MainWindow, database: Database, final_id: int
) -> None:
    window = final_window
    qtbot.keyClick(window.final_view.preview.browser, Qt.Key.Key_E, CTRL_SHIFT)

    assert not window.read_only
    assert window.editor.isVisible()
    assert window.editor.meeting_id == final_id
    assert window.editor.details.date_edit.hasFocus()
    assert window.editing_final_banner.isVisible()
    assert window.editing_final_banner.label.text() == EDITING_FINAL_TEXT
    assert "published record" in EDITING_FINAL_TEXT
    assert window.editor.details.status_combo.currentText() == "Final"
    assert "published record" in window.statusBar().currentMessage()
    qtbot.keyClicks(window.editor.details.venue_edit, ", Room 4")
    qtbot.waitUntil(lambda: services.meeting_record(database, final_id).venue.endswith(", Room 4"))
    assert services.meeting_record(database, final_id).status is MeetingStatus.FINAL
    assert window.editing_final_banner.isVisible()

    # Back to draft: the banner goes (a draft is not the published record).
    window.editor.details.status_combo.setFocus()
    qtbot.keyClick(window.editor.details.status_combo, Qt.Key.Key_Home)
    qtbot.waitUntil(
        lambda: services.meeting_record(database, final_id).status is MeetingStatus.DRAFT
    )
    qtbot.waitUntil(lambda: not window.editing_final_banner.isVisible())


def test_the_edit_button_unlocks_and_the_lock_returns_when_the_meeting_is_opened_again(
    qtbot: QtBot,
    final_window: MainWindow,
    database: Database,
    final_id: int,
    sample_meeting: MeetingDoc,
) -> None:
    window = final_window
    other = services.create_meeting(database, date=sample_meeting.date.replace(year=2020))
    qtbot.mouseClick(window.final_view.edit_button, Qt.MouseButton.LeftButton)
    assert window.editor.meeting_id == final_id
    assert not window.edit_final_action.isEnabled()

    assert window.open_meeting(other)
    assert window.open_meeting(final_id)
    assert window.read_only


def test_ctrl_e_exports_from_the_read_only_view(
    qtbot: QtBot,
    final_window: MainWindow,
    tmp_path: Path,
    settings: Settings,
    message_boxes: MessageBoxes,
) -> None:
    window = final_window
    settings.export_folder = tmp_path
    qtbot.keyClick(window.final_view.preview.browser, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.export_dialog is not None)
    dialog = window.export_dialog
    assert dialog is not None
    message_boxes.answer("Close")
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    written = tmp_path / "2025-06-19 RRB Public Note.docx"
    assert written.read_bytes()[:2] == b"PK"
    assert window.read_only


def test_a_draft_opens_in_the_editor(sample_window: MainWindow) -> None:
    assert not sample_window.read_only
    assert sample_window.editor.isVisible()
    assert not sample_window.final_view.isVisible()
    assert not sample_window.edit_final_action.isEnabled()


def test_deleting_the_final_meeting_shown(
    final_window: MainWindow, database: Database, message_boxes: MessageBoxes
) -> None:
    message_boxes.answer("Delete meeting")
    final_window.delete_meeting_action.trigger()
    assert services.meeting_count(database) == 0
    assert final_window.welcome.isVisible()
    assert final_window.final_view.record is None
    assert final_window.windowTitle() == "RRB Desktop"


def test_a_final_note_keeps_the_names_it_printed_when_the_directory_changes(
    qtbot: QtBot, final_window: MainWindow, database: Database
) -> None:
    """A final meeting is a published record: renaming an organisation (Edit >
    Organisations) changes the directory and the drafts, not what this note printed."""
    mopac = next(
        org for org in services.list_organisations(database) if org.abbreviation == "MOPAC"
    )
    printed = mopac.name
    final_window.edit_organisations()
    organisations.rename_organisation(database, mopac.id, name="Mayor's Office (renamed)")
    final_window.organisations_dialog.reject()
    with qtbot.waitSignal(final_window.final_view.preview.refreshed):
        final_window.final_view.refresh()  # read again from the database
    assert printed in final_window.final_view.text()
    assert "Mayor's Office (renamed)" not in final_window.final_view.text()
