"""Keystroke sequences in the turns editor that once lost a label or gave words to another
speaker: Esc on a witness's label (no list open), Esc on an empty label, leaving the field,
Ctrl+Shift+Enter on a typed label. Each is checked in the database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QMimeData, Qt
from pytestqt.qtbot import QtBot

from models import services, transcript_edits
from models.database import Database
from tests.ui.conftest import SOPHIE, focused, one_turn_hearing
from ui.editor.transcript.turns_editor import TurnsEditor
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
WITNESS = "Dr Tim Bateson (Witness, University of Huddersfield)"
WORDS = "Custody numbers have fallen by two thirds."


@pytest.fixture
def turns(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> tuple[TurnsEditor, MainWindow]:
    """A hearing with members and one turn, its words focused."""
    services.import_meeting(database, one_turn_hearing())
    window = open_window()
    tab = window.editor.transcript_tab
    qtbot.waitUntil(lambda: tab.visible)
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_4, CTRL)
    editor = tab.page.turns
    editor.words_edit.setFocus()
    assert focused() is editor.words_edit
    return editor, window


def _saved(qtbot: QtBot, window: MainWindow, database: Database) -> list[tuple[str | None, str]]:
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not window.editor.has_pending_edits())
    item_id = window.editor.transcript_tab.page.turns.item_id
    assert item_id is not None
    return [(t.speaker, t.text) for t in transcript_edits.list_turns(database, item_id)]


def _witness_typed(
    qtbot: QtBot, turns: tuple[TurnsEditor, MainWindow]
) -> tuple[TurnsEditor, MainWindow]:
    """Ctrl+Enter and the witness's label typed (no member matches it), not yet taken."""
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.keyClicks(turns[0].speaker_field, WITNESS)
    return turns


def test_esc_then_enter_on_a_witness_label_starts_their_turn(
    qtbot: QtBot, turns: tuple[TurnsEditor, MainWindow], database: Database
) -> None:
    editor, window = turns
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter twice: the next turn's speaker
    assert focused() is editor.speaker_field
    qtbot.keyClicks(editor.speaker_field, WITNESS)
    assert not editor.speaker_field.popup().isVisible()  # no member matches
    qtbot.keyClick(editor.speaker_field, Qt.Key.Key_Escape)
    assert focused() is editor.speaker_field  # the label stays, and says Enter takes it
    assert editor.speaker_field.text() == WITNESS
    assert "Enter starts the turn" in editor.notice.text()
    qtbot.keyClick(editor.speaker_field, Qt.Key.Key_Return)
    assert focused() is editor.words_edit
    qtbot.keyClicks(editor.words_edit, WORDS)
    assert _saved(qtbot, window, database) == [(SOPHIE, "Shall we start?"), (WITNESS, WORDS)]


def test_esc_on_an_empty_label_goes_back_to_the_end_of_the_words(
    qtbot: QtBot, turns: tuple[TurnsEditor, MainWindow], database: Database
) -> None:
    editor, window = turns
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert focused() is editor.speaker_field
    qtbot.keyClick(editor.speaker_field.popup(), Qt.Key.Key_Escape)  # the list closes
    qtbot.keyClick(editor.speaker_field, Qt.Key.Key_Escape)  # nothing typed: back
    assert focused() is editor.words_edit
    qtbot.keyClick(editor.words_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.words_edit, "Yes.")
    assert _saved(qtbot, window, database) == [(SOPHIE, "Shall we start?\n\nYes.")]


def test_leaving_a_typed_label_makes_its_turn(
    qtbot: QtBot, turns: tuple[TurnsEditor, MainWindow], database: Database
) -> None:
    editor, window = _witness_typed(qtbot, turns)
    editor.list_view.setFocus()  # a click elsewhere
    assert _saved(qtbot, window, database) == [(SOPHIE, "Shall we start?"), (WITNESS, "")]


def test_an_editorial_note_on_a_typed_label_follows_its_turn(
    qtbot: QtBot, turns: tuple[TurnsEditor, MainWindow], database: Database
) -> None:
    editor, window = _witness_typed(qtbot, turns)
    qtbot.keyClick(editor.speaker_field, Qt.Key.Key_Return, CTRL_SHIFT)
    assert focused() is editor.words_edit
    qtbot.keyClicks(editor.words_edit, "The witness left")
    assert _saved(qtbot, window, database) == [
        (SOPHIE, "Shall we start?"),
        (WITNESS, ""),
        (None, "[The witness left]"),
    ]
    editor.load(editor.meeting_id, editor.item_id)  # shown again: typed without brackets
    assert editor.editorial_label.isVisible()
    assert editor.words_edit.toPlainText() == "The witness left"


def test_control_characters_pasted_into_the_words_are_left_out_and_said(
    qtbot: QtBot, turns: tuple[TurnsEditor, MainWindow], database: Database
) -> None:
    editor, window = turns
    pasted = QMimeData()
    pasted.setText(" Red \x1b[31malert\x07 now.")
    editor.words_edit.insertFromMimeData(pasted)
    assert editor.notice.isVisible()
    assert "2 control characters" in editor.notice.text()
    labelled = QMimeData()  # a printed transcript with one: split, and said too
    labelled.setText(f"**{WITNESS}:** Thank\x07 you.")
    editor.words_edit.insertFromMimeData(labelled)
    assert "1 control character " in editor.notice.text()
    assert _saved(qtbot, window, database) == [
        (SOPHIE, "Shall we start? Red [31malert now."),
        (WITNESS, "Thank you."),
    ]


def test_a_meeting_switched_to_a_hearing_gets_no_turn_until_ctrl_enter(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    """Switching the layout adds nothing (so switching back leaves a board note that still
    exports); the words box says how the first turn starts, and Ctrl+Enter starts it."""
    editor = window.editor
    window.meeting_list.setFocus()
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_N, CTRL)
    meeting_id = editor.meeting_id
    assert meeting_id is not None
    editor.details.style_combo.setFocus()
    qtbot.keyClick(editor.details.style_combo, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: editor.transcript_tab.visible)
    qtbot.keyClick(focused(), Qt.Key.Key_4, CTRL)
    turns = editor.transcript_tab.page.turns
    assert turns.model.rowCount() == 0
    assert not turns.words_edit.isEnabled()
    assert turns.words_edit.placeholderText().startswith("No turn yet. Ctrl+Enter starts")
    assert services.meeting_doc(database, meeting_id).agenda == ()

    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.keyClicks(turns.speaker_field, WITNESS)
    qtbot.keyClick(turns.speaker_field, Qt.Key.Key_Return)
    assert turns.words_edit.isEnabled()
    assert "Enter twice starts the next turn" in turns.words_edit.placeholderText()
    qtbot.keyClicks(turns.words_edit, WORDS)
    assert _saved(qtbot, window, database) == [(WITNESS, WORDS)]
