"""The notes' text box and the clean-up of what is pasted into it.

:class:`NotesTextEdit` routes the keys that shape the notes (Tab, Enter, Backspace in
lists, autoformat) and the editor's shortcuts to its :class:`ui.editor.notes_editor.NotesEditor`
before the window sees them, and hands pastes to it; the functions clean pasted text and
blocks down to what the notes can hold.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QKeyEvent,
    QTextBlock,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from models.notes import (
    Block,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    canonical_blocks,
)
from ui.editor.notes_bridge import (
    LINE_SEPARATOR,
    heading_level,
)

if TYPE_CHECKING:
    from ui.editor.notes_editor import NotesEditor


PLACEHOLDER: Final = (
    "What was said, by organisation (MOPAC highlighted …), never by name.\n\n"
    "Ctrl+Shift+8 starts a bullet list (Tab nests an item), Ctrl+Shift+7 a numbered one,"
    " Ctrl+Alt+3 a sub-heading; Ctrl+Shift+M adds a marker line such as “slides were shared”."
)
CTRL: Final = Qt.KeyboardModifier.ControlModifier
SHIFT: Final = Qt.KeyboardModifier.ShiftModifier

# A plain-text paste: Word's manual line break is a line break, its page break (and any new
# line) a new paragraph; other control characters mean nothing in minutes.
_PASTE_CONTROLS: Final = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_PASTE_NEW_PARAGRAPH: Final = re.compile("\r\n|[\r\n\x0c\u2029\x85]")


def clean_pasted_text(text: str) -> str:
    """Plain text as the notes take it: ``\\x0b`` a line break, ``\\x0c`` a new paragraph,
    tabs spaces, and the other control characters dropped."""
    text = _PASTE_NEW_PARAGRAPH.sub("\n", text)
    text = text.replace("\x0b", LINE_SEPARATOR).replace("\t", " ")
    return _PASTE_CONTROLS.sub("", text)


def dropped_by_cleaning(text: str) -> int:
    """How many characters :func:`clean_pasted_text` leaves out of ``text`` (not counting
    those it turns into a line break or a space), so the person can be told."""
    return len(_PASTE_CONTROLS.findall(_PASTE_NEW_PARAGRAPH.sub("\n", text)))


def clean_pasted_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Blocks read from pasted HTML without control characters, in canonical shape."""

    def clean(runs: tuple[Run, ...]) -> tuple[Run, ...]:
        return tuple(
            run
            if run.is_line_break
            else Run(clean_pasted_text(run.text).replace("\n", " "), run.bold, run.italic)
            for run in runs
        )

    def clean_list(block: ListBlock) -> ListBlock:
        items = tuple(
            ListItem(clean(item.runs), clean_list(item.children) if item.children else None)
            for item in block.items
        )
        return ListBlock(block.ordered, items, block.start)

    def clean_block(block: Block) -> Block:
        if isinstance(block, Paragraph):
            return Paragraph(clean(block.runs))
        if isinstance(block, Heading):
            return Heading(block.level, clean(block.runs))
        return clean_list(block)

    return canonical_blocks(tuple(clean_block(block) for block in blocks))


def selected_blocks(cursor: QTextCursor) -> list[QTextBlock]:
    """Every block the cursor's selection touches (the cursor's block without one)."""
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    blocks = [first]
    while blocks[-1] != last and blocks[-1].next().isValid():
        blocks.append(blocks[-1].next())
    return blocks


def is_marker_line(block: QTextBlock) -> bool:
    """A paragraph all in italics (and not bold): how the notes spell an editorial marker."""
    if block.textList() is not None or heading_level(block) or not block.text().strip():
        return False
    for piece in block:  # type: ignore[attr-defined]  # QTextBlock iterates its fragments; the stubs lack __next__
        char_format = piece.fragment().charFormat()
        if not char_format.fontItalic() or char_format.fontWeight() >= QFont.Weight.DemiBold:
            return False
    return True


class NotesTextEdit(QTextEdit):
    """The text box itself: keys that shape the notes (Tab, Enter, Backspace in lists,
    autoformat), the editor's shortcuts before the window's, and pastes."""

    def __init__(self, editor: NotesEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.setAcceptRichText(True)
        self.setAutoFormatting(QTextEdit.AutoFormattingFlag.AutoNone)
        self.setTabChangesFocus(False)  # Tab is the editor's: see keyPressEvent
        self.setPlaceholderText(PLACEHOLDER)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        self.document().setDefaultFont(font)
        self.setFont(font)

    def move_focus(self, forward: bool) -> None:
        """Leave the notes for the next (or previous) field, as Tab does everywhere else."""
        QWidget.focusNextPrevChild(self, forward)

    # --- Qt overrides ------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # The editor's keys (Ctrl+I italic) come before the window's (Ctrl+I import):
        # taking the ShortcutOverride turns the key into a key press for keyPressEvent.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._editor.action_for(event.keyCombination()) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if tab and not event.modifiers() & (CTRL | Qt.KeyboardModifier.AltModifier):
            backwards = event.key() == Qt.Key.Key_Backtab or event.modifiers() & SHIFT
            self._editor.tab_pressed(forward=not backwards)
            event.accept()
            return
        action = self._editor.action_for(event.keyCombination())
        if action is not None:
            if action.isEnabled():
                action.trigger()
            event.accept()
            return
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        handler = {
            Qt.Key.Key_Return: self._editor.enter_pressed,
            Qt.Key.Key_Enter: self._editor.enter_pressed,
            Qt.Key.Key_Backspace: self._editor.backspace_pressed,
        }.get(Qt.Key(event.key()))
        if plain and handler is not None and handler():
            event.accept()
            return
        super().keyPressEvent(event)
        if event.text() == " " and not self.textCursor().hasSelection():
            self._editor.autoformat()
        elif event.text() == "*" and not self.textCursor().hasSelection():
            self._editor.autoformat_emphasis()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasHtml() or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste what the notes can hold: see :meth:`NotesEditor.paste_html`."""
        if source.hasHtml() and self._editor.paste_html(source.html()):
            return
        if source.hasText():
            self._editor.paste_text(source.text())
