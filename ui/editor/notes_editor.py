"""The rich-text editor of an agenda item's notes: a formatting toolbar over a text box.

The secretary formats with the keyboard as in Word or Google Docs (Ctrl+B, Ctrl+I,
Ctrl+Shift+8 bullets, Tab to nest ...) and sees the result, not Markdown; the notes are
still stored as Markdown, in the one canonical form ``models.notes`` writes, so the stored
text only changes when the notes do (see ``ui.editor.notes_bridge`` for the mapping).

Keyboard-first: every command is a QAction with a shortcut, in the toolbar and in the main
window's Format menu (so Help > Keyboard shortcuts lists it). Tab nests a list item only
inside a list; anywhere else it moves on to the next field, as in every other field, and so
does Tab on an item that cannot be nested further. Typing ``- ``, ``1. `` or ``### `` at the
start of a paragraph turns it into a bullet, a numbered item or a sub-heading (Ctrl+Z gives
the typed characters back); ``**bold**`` and ``*italic*`` closed anywhere become bold or
italic text the same way.

Pastes keep what the notes can hold (paragraphs, bold, italic, lists, headings as
sub-headings) and drop the rest (fonts, colours, tables' grid, images); Word's manual line
break (``\\x0b``) becomes a line break and its page break a new paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QKeyCombination, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QVBoxLayout, QWidget

from models.notes import (
    parse_notes,
    render_markdown,
)
from ui.common.commands import scoped_action
from ui.common.tool_strip import ToolStrip
from ui.editor.notes_blocks import (
    can_nest,
    make_list,
    nest_under_above,
    restyle_block,
    set_paragraph,
    unnest,
)
from ui.editor.notes_bridge import (
    blocks_to_document,
    document_to_blocks,
    heading_format,
    heading_level,
    html_to_blocks,
    insert_blocks,
    is_ordered,
    list_format,
    list_level,
    paragraph_format,
    text_format,
)
from ui.editor.notes_text_edit import (
    NotesTextEdit,
    clean_pasted_blocks,
    clean_pasted_text,
    is_marker_line,
    selected_blocks,
)

MARKER_TEXT: Final = "slides were shared"
"""The editorial marker Ctrl+Shift+M inserts (selected, so typing replaces it)."""
WHERE: Final = "in the notes"

# Typed at the start of a paragraph, then a space: what the paragraph becomes.
_AUTO_BULLET: Final = re.compile(r"[-*+]\Z")
_AUTO_NUMBER: Final = re.compile(r"(\d{1,3})[.)]\Z")
_AUTO_HEADING: Final = re.compile(r"(#{3,4})\Z")
# ``**bold**`` and ``*italic*`` just closed: the text between starts and ends with a letter
# (``2 * 3 * 4`` stays as typed), and an italic's star is not half of a bold's.
_AUTO_BOLD: Final = re.compile(r"(?<!\*)\*\*([^*\s](?:[^*]*[^*\s])?)\*\*\Z")
_AUTO_ITALIC: Final = re.compile(r"(?<![*\w])\*([^*\s](?:[^*]*[^*\s])?)\*\Z")


@dataclass(frozen=True)
class _Command:
    text: str
    icon_text: str
    shortcut: str
    tip: str
    slot: Callable[[], object]
    checkable: bool = False


class NotesEditor(QWidget):
    """A toolbar and a text box; the notes go in and out as canonical Markdown."""

    # Made in _create_actions, one per formatting command.
    bold_action: QAction
    italic_action: QAction
    bullets_action: QAction
    numbers_action: QAction
    nest_action: QAction
    unnest_action: QAction
    heading3_action: QAction
    heading4_action: QAction
    marker_action: QAction

    notes_edited = Signal()
    """The user changed the notes (typing, formatting, a paste); not sent by set_markdown."""
    autoformat_started = Signal()
    """What was just typed is about to be autoformatted (a list, a sub-heading, bold): the
    meeting's undo keeps the typing before it as a step of its own, so Ctrl+Z gives it back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.text_edit = NotesTextEdit(self)
        self.toolbar = ToolStrip("Notes formatting")  # wraps: no command hides behind "»"
        self._keys: dict[QKeyCombination, QAction] = {}
        self._create_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.text_edit, 1)
        self.setFocusProxy(self.text_edit)

        self.text_edit.document().contentsChanged.connect(self._contents_changed)
        self.text_edit.cursorPositionChanged.connect(self._update_actions)
        self.text_edit.currentCharFormatChanged.connect(lambda _format: self._update_actions())
        self._update_actions()

    # --- the notes in and out --------------------------------------------------------------

    def markdown(self) -> str:
        """The notes as stored: canonical Markdown (``models.notes.render_markdown``)."""
        return render_markdown(document_to_blocks(self.text_edit.document()))

    def set_markdown(self, text: str) -> None:
        """Show stored notes (undo history starts afresh); ``notes_edited`` is not sent."""
        self._loading = True
        try:
            blocks_to_document(parse_notes(text), self.text_edit.document())
            cursor = self.text_edit.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            self.text_edit.setTextCursor(cursor)
            self.text_edit.setCurrentCharFormat(text_format(heading=heading_level(cursor.block())))
        finally:
            self._loading = False
        self._update_actions()

    def document(self) -> QTextDocument:
        return self.text_edit.document()

    def format_actions(self) -> list[QAction | None]:
        """The commands for the Format menu, None where a separator goes."""
        return [
            self.bold_action,
            self.italic_action,
            None,
            self.bullets_action,
            self.numbers_action,
            self.nest_action,
            self.unnest_action,
            None,
            self.heading3_action,
            self.heading4_action,
            self.marker_action,
        ]

    def action_for(self, keys: QKeyCombination) -> QAction | None:
        """The editor's action whose shortcut is exactly ``keys``, if any."""
        return self._keys.get(keys)

    # --- actions ---------------------------------------------------------------------------

    def _create_actions(self) -> None:
        commands = {
            "bold": _Command("&Bold", "B", "Ctrl+B", "Bold", self.toggle_bold, True),
            "italic": _Command("&Italic", "I", "Ctrl+I", "Italic", self.toggle_italic, True),
            "bullets": _Command(
                "B&ullet list", "• List", "Ctrl+Shift+8", "Start or end a bullet list",
                lambda: self.toggle_list(ordered=False), True,
            ),
            "numbers": _Command(
                "&Numbered list", "1. List", "Ctrl+Shift+7", "Start or end a numbered list",
                lambda: self.toggle_list(ordered=True), True,
            ),
            "nest": _Command(
                "N&est list item", "→ Nest", "Tab",
                "Make the list item a sub-item of the one above (outside a list, Tab goes to"
                " the next field)",
                lambda: self.nest(forward=True),
            ),
            "unnest": _Command(
                "Un-nes&t list item", "← Un-nest", "Shift+Tab",
                "Make the sub-item a list item again (elsewhere, Shift+Tab goes to the"
                " previous field)",
                lambda: self.nest(forward=False),
            ),
            "heading3": _Command(
                "&Sub-heading", "H3", "Ctrl+Alt+3", "Make the paragraph a sub-heading, or undo it",
                lambda: self.toggle_heading(3), True,
            ),
            "heading4": _Command(
                "Smaller sub-&heading", "H4", "Ctrl+Alt+4",
                "Make the paragraph a smaller sub-heading, or undo it",
                lambda: self.toggle_heading(4), True,
            ),
            "marker": _Command(
                "Editorial &marker line", "Marker", "Ctrl+Shift+M",
                f"Add an italic line such as “{MARKER_TEXT}” (type over it)",
                self.insert_marker,
            ),
        }  # fmt: skip
        for name, command in commands.items():
            action = scoped_action(
                self,
                command.text,
                shortcut=command.shortcut,
                slot=command.slot,
                scope=self,
                tip=command.tip,
                where=WHERE,
            )
            action.setIconText(command.icon_text)
            action.setCheckable(command.checkable)
            if command.checkable:  # the slot decides; the check mark follows the text
                action.triggered.connect(lambda _checked=False: self._update_actions())
            self._keys[action.shortcut()[0]] = action  # type: ignore[index]  # a QKeySequence indexes its key combinations; the stubs omit it
            setattr(self, f"{name}_action", action)
        self._keys[QKeyCombination(Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Backtab)] = (
            self.unnest_action
        )
        for entry in self.format_actions():
            if entry is None:
                self.toolbar.add_separator()
            else:
                self.toolbar.add_action(entry)
        for name, style in (("bold", "font-weight: bold"), ("italic", "font-style: italic")):
            button = self.toolbar.button_for(getattr(self, f"{name}_action"))
            if button is not None:  # the B and I buttons show what they do
                button.setStyleSheet(f"QToolButton {{ {style}; min-width: 1.6em; }}")

    def _update_actions(self) -> None:
        cursor = self.text_edit.textCursor()
        block = cursor.block()
        char_format = self.text_edit.currentCharFormat()
        level = heading_level(block)
        text_list = block.textList()
        self.bold_action.setEnabled(not level)  # sub-headings are bold already
        self.bold_action.setChecked(not level and char_format.fontWeight() >= QFont.Weight.DemiBold)
        self.italic_action.setChecked(char_format.fontItalic())
        self.bullets_action.setChecked(text_list is not None and not is_ordered(text_list))
        self.numbers_action.setChecked(text_list is not None and is_ordered(text_list))
        self.heading3_action.setChecked(level == 3)
        self.heading4_action.setChecked(level == 4)
        self.nest_action.setEnabled(can_nest(block))
        self.unnest_action.setEnabled(list_level(block) == 2)

    def _contents_changed(self) -> None:
        if not self._loading:
            self.notes_edited.emit()

    # --- character formats ------------------------------------------------------------------

    def toggle_bold(self) -> None:
        """Ctrl+B: bold on or off for the selection, or for what is typed next."""
        cursor = self.text_edit.textCursor()
        bold = not self._all_selected(cursor, lambda f: f.fontWeight() >= QFont.Weight.DemiBold)
        weight = QFont.Weight.Bold if bold else QFont.Weight.Normal
        if not cursor.hasSelection():
            if not heading_level(cursor.block()):
                self.text_edit.setFontWeight(weight)
            return
        cursor.beginEditBlock()
        change = QTextCharFormat()
        change.setFontWeight(weight)
        cursor.mergeCharFormat(change)
        for block in selected_blocks(cursor):  # sub-headings stay bold
            if level := heading_level(block):
                restyle_block(block, heading=level, from_heading=True)
        cursor.endEditBlock()

    def toggle_italic(self) -> None:
        """Ctrl+I: italic on or off for the selection, or for what is typed next."""
        cursor = self.text_edit.textCursor()
        self.text_edit.setFontItalic(not self._all_selected(cursor, lambda f: f.fontItalic()))

    def _all_selected(self, cursor: QTextCursor, test: Callable[..., bool]) -> bool:
        """Whether every character selected passes ``test`` (the typing format without one)."""
        if not cursor.hasSelection():
            return test(self.text_edit.currentCharFormat())
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        for block in selected_blocks(cursor):
            for piece in block:  # type: ignore[attr-defined]  # QTextBlock iterates its fragments; the stubs lack __next__
                fragment = piece.fragment()
                if fragment.position() + fragment.length() <= start:
                    continue
                if fragment.position() >= end:
                    break
                if not test(fragment.charFormat()):
                    return False
        return True

    # --- block formats ---------------------------------------------------------------------

    def toggle_list(self, *, ordered: bool) -> None:
        """Ctrl+Shift+8 / Ctrl+Shift+7: the paragraphs become list items, the list items of
        that kind paragraphs again, and a list of the other kind switches kind."""
        cursor = self.text_edit.textCursor()
        blocks = selected_blocks(cursor)
        lists = [block.textList() for block in blocks]
        cursor.beginEditBlock()
        if all(text_list is not None for text_list in lists):
            if all(is_ordered(text_list) == ordered for text_list in lists if text_list):
                for block in blocks:
                    set_paragraph(block)
            else:
                for text_list in {
                    text_list.objectIndex(): text_list for text_list in lists if text_list
                }.values():
                    level = 1 if text_list.format().indent() <= 1 else 2
                    text_list.setFormat(list_format(ordered=ordered, level=level))
        else:
            make_list(blocks, ordered=ordered)
        cursor.endEditBlock()
        self._update_actions()

    def toggle_heading(self, level: int) -> None:
        """Ctrl+Alt+3 / Ctrl+Alt+4: the paragraph becomes a sub-heading, or stops being one."""
        cursor = self.text_edit.textCursor()
        blocks = selected_blocks(cursor)
        undo = all(heading_level(block) == level for block in blocks)
        cursor.beginEditBlock()
        for block in blocks:
            if undo:
                set_paragraph(block)
            else:
                QTextCursor(block).setBlockFormat(heading_format(level))
                restyle_block(block, heading=level, from_heading=False)
        cursor.endEditBlock()
        self.text_edit.setCurrentCharFormat(text_format(heading=0 if undo else level))
        self._update_actions()

    def nest(self, *, forward: bool) -> bool:
        """Nest the list item under the one above (or un-nest a sub-item); False if the
        cursor is not on an item that can move that way."""
        cursor = self.text_edit.textCursor()
        block = cursor.block()
        level = list_level(block)
        cursor.beginEditBlock()
        done = nest_under_above(block) if forward else level == 2 and unnest(block)
        cursor.endEditBlock()
        self._update_actions()
        return done

    def tab_pressed(self, *, forward: bool) -> None:
        """Tab / Shift+Tab: nest or un-nest a list item; anywhere else (and on an item that
        cannot move that way), go to the next or previous field, so Tab never traps the
        keyboard in the notes."""
        if not self.nest(forward=forward):
            self.text_edit.move_focus(forward)

    def insert_marker(self) -> None:
        """Ctrl+Shift+M: a line of its own in italics, "slides were shared", selected so
        that typing replaces it (Enter at its end goes back to plain text)."""
        cursor = self.text_edit.textCursor()
        cursor.clearSelection()
        cursor.beginEditBlock()
        block = cursor.block()
        if block.text() or block.textList() is not None or heading_level(block):
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertBlock(paragraph_format(), text_format())
        else:
            cursor.setBlockFormat(paragraph_format())
        start = cursor.position()
        cursor.insertText(MARKER_TEXT, text_format(italic=True))
        cursor.endEditBlock()
        cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        self.text_edit.setTextCursor(cursor)

    # --- keys --------------------------------------------------------------------------------

    def enter_pressed(self) -> bool:
        """Enter: on an empty list item, leave the list (a sub-item goes up a level); at the
        end of a sub-heading or marker line, start a plain paragraph. False: Qt's own Enter,
        which at the end of a paragraph or item starts the next one in plain text (see
        :meth:`_plain_after_enter`)."""
        cursor = self.text_edit.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        level = list_level(block)
        if level and not block.text():
            cursor.beginEditBlock()
            if level == 2 and unnest(block):
                pass
            else:
                set_paragraph(block)
            cursor.endEditBlock()
            self._update_actions()
            return True
        at_end = cursor.atBlockEnd()
        if at_end and (heading_level(block) or is_marker_line(block)):
            cursor.beginEditBlock()
            cursor.insertBlock(paragraph_format(), text_format())
            cursor.endEditBlock()
            self.text_edit.setTextCursor(cursor)
            self.text_edit.setCurrentCharFormat(text_format())
            return True
        if at_end:
            self._plain_after_enter(cursor)
        return False

    def _plain_after_enter(self, cursor: QTextCursor) -> None:
        """A new paragraph or item starts plain unless Ctrl+B or Ctrl+I chose what is typed
        next right there. Qt's Enter carries on the format of the text before the cursor, so
        a paragraph ending in ``**bold**`` gave a plain one after it when typed straight on
        but a bold one once reopened: the Markdown cannot tell them apart, so nor does Enter."""
        inherited = QTextCursor(self.text_edit.document())
        inherited.setPosition(cursor.position())  # the format the text before it gives
        if cursor.charFormat() == inherited.charFormat():
            self.text_edit.setCurrentCharFormat(text_format())

    def backspace_pressed(self) -> bool:
        """Backspace at the start of a list item: up a level, or out of the list."""
        cursor = self.text_edit.textCursor()
        if cursor.hasSelection() or not cursor.atBlockStart():
            return False
        block = cursor.block()
        level = list_level(block)
        if not level:
            return False
        cursor.beginEditBlock()
        if not (level == 2 and unnest(block)):
            set_paragraph(block)
        cursor.endEditBlock()
        self._update_actions()
        return True

    def autoformat(self) -> None:
        """After a space: ``- `` (or ``*``, ``+``) at the start of a paragraph makes a bullet,
        ``1. `` a numbered item, ``### `` or ``#### `` a sub-heading, as Word does. It is an
        undo step of its own, so Ctrl+Z gives back the typed characters."""
        cursor = self.text_edit.textCursor()
        block = cursor.block()
        if block.textList() is not None or heading_level(block):
            return
        typed = block.text()[: cursor.positionInBlock() - 1]
        bullet = _AUTO_BULLET.match(typed)
        number = _AUTO_NUMBER.match(typed)
        heading = _AUTO_HEADING.match(typed)
        if not (bullet or number or heading):
            return
        self.autoformat_started.emit()
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if heading:
            level = len(heading.group(1))
            cursor.setBlockFormat(heading_format(level))
            restyle_block(block, heading=level, from_heading=False)
            self.text_edit.setCurrentCharFormat(text_format(heading=level))
        else:
            make_list([cursor.block()], ordered=number is not None)
            if number is not None and cursor.block().textList() is not None:
                text_list = cursor.block().textList()
                if text_list.count() == 1:
                    text_list.setFormat(
                        list_format(ordered=True, level=1, start=int(number.group(1)))
                    )
        cursor.endEditBlock()
        self._update_actions()

    def autoformat_emphasis(self) -> None:
        """After a ``*``: ``**text**`` becomes bold text and ``*text*`` italic, the stars
        gone, and what is typed next is plain again. An undo step of its own, like
        :meth:`autoformat`, so Ctrl+Z gives back the stars."""
        cursor = self.text_edit.textCursor()
        block = cursor.block()
        typed = block.text()[: cursor.positionInBlock()]
        match = _AUTO_BOLD.search(typed) or _AUTO_ITALIC.search(typed)
        if match is None:
            return
        bold = match.group(0).startswith("**")
        self.autoformat_started.emit()
        cursor.beginEditBlock()
        cursor.setPosition(block.position() + match.start(), QTextCursor.MoveMode.KeepAnchor)
        plain = cursor.charFormat()
        emphasis = QTextCharFormat(plain)
        if bold:
            emphasis.setFontWeight(QFont.Weight.Bold)
        else:
            emphasis.setFontItalic(True)
        cursor.removeSelectedText()
        cursor.insertText(match.group(1), emphasis)
        cursor.endEditBlock()
        self.text_edit.setTextCursor(cursor)
        self.text_edit.setCurrentCharFormat(plain)
        self._update_actions()

    # --- pasting -----------------------------------------------------------------------------

    def paste_html(self, html: str) -> bool:
        """Paste HTML (from Word, a browser, these notes): paragraphs, bold, italic, lists
        and headings are kept, as sub-headings; everything else is dropped. False if the
        HTML holds no text (the plain-text version is pasted instead)."""
        blocks = clean_pasted_blocks(html_to_blocks(html))
        if not blocks:
            return False
        cursor = self.text_edit.textCursor()
        insert_blocks(cursor, blocks)
        self.text_edit.setTextCursor(cursor)
        self.text_edit.ensureCursorVisible()
        return True

    def paste_text(self, text: str) -> None:
        """Paste plain text as typed: each line a paragraph, ``\\x0b`` a line break."""
        cursor = self.text_edit.textCursor()
        cursor.insertText(clean_pasted_text(text))
        self.text_edit.setTextCursor(cursor)
        self.text_edit.ensureCursorVisible()
