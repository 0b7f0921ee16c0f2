"""The words of a turn: plain paragraphs, Enter-Enter for the next turn, and a paste of a
printed transcript split into turns.

Paragraphs are stored as the notes Markdown stores them (a blank line between two); in the
box each is one line, so Enter starts a paragraph as in a word processor, and Enter on an
empty last paragraph (that is, Enter twice at the end) asks for the next turn instead.

A paste is cleaned as the notes clean one (:func:`ui.editor.notes_text_edit.clean_pasted_text`:
control characters such as ESC or BEL left out, Word's line and page breaks new paragraphs),
and the editor is told how many characters were left out, so it can say so.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.editor.notes_bridge import LINE_SEPARATOR
from ui.editor.notes_text_edit import clean_pasted_text, dropped_by_cleaning


def words_to_text(words: str) -> str:
    """A turn's stored words as the box shows them: one line per paragraph."""
    return "\n".join(part.strip() for part in words.split("\n\n") if part.strip())


def text_to_words(text: str) -> str:
    """The box's lines as stored words: paragraphs separated by a blank line."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


class TurnTextEdit(QPlainTextEdit):
    """The words box of the turn being typed."""

    next_turn_requested = Signal()
    """Enter on an empty last paragraph: this turn is done."""
    transcript_pasted = Signal(str)
    """Text with speaker labels was pasted: the editor splits it into turns."""
    controls_dropped = Signal(int)
    """A paste held this many control characters, left out (after the paste is in)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setAccessibleName("Words")

    def words(self) -> str:
        return text_to_words(self.toPlainText())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        )
        cursor = self.textCursor()
        block = cursor.block()
        if (
            plain_enter
            and not block.text().strip()
            and not block.next().isValid()
            and block.blockNumber() > 0
        ):
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.movePosition(
                QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()  # the empty paragraph the first Enter made
            self.next_turn_requested.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        pasted = source.text() if source.hasText() else ""
        if not pasted:
            super().insertFromMimeData(source)
            return
        text = clean_pasted_text(pasted).replace(LINE_SEPARATOR, "\n")
        if "**" in text or "[" in text or ":" in text:
            self.transcript_pasted.emit(text)
        else:
            self.insertPlainText(text)
        dropped = dropped_by_cleaning(pasted)
        if dropped:
            self.controls_dropped.emit(dropped)
