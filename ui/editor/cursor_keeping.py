"""Showing text saved elsewhere in a field the person is in, without moving them.

When another window's change is shown (a refresh from elsewhere, "Reload theirs", "Keep
mine"), replacing a field's text puts Qt's cursor at the start (a text box) or the end (a
line edit), and the next keys land there. Here the cursor, the selection and the scroll
position are carried through the change instead: a position before the changed stretch
stays, one after it moves with the text after it, one inside it goes to the stretch's end,
and one at the very end of the text stays at its end: someone typing on at the end of the
notes goes on after what another window added there, so the text saved first comes first
(kept before the added words, their next words went in front of the other window's).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from ui.editor.notes_editor import NotesEditor


def _common_ends(old: str, new: str) -> tuple[int, int]:
    """How many characters ``old`` and ``new`` share at the start, then at the end."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, end


def changed_end(old: str, new: str) -> int:
    """Where the stretch that differs ends in ``new``: the cursor's place after an undo or
    redo, as in a word processor (after the text put back, where the text taken was)."""
    return len(new) - _common_ends(old, new)[1]


def map_position(old: str, new: str, position: int) -> int:
    """Where ``position`` in ``old`` is in ``new``: the text differs in one stretch (found
    from the common start and end), so only positions after its start move."""
    start, end = _common_ends(old, new)
    position = max(0, min(position, len(old)))
    if position == len(old):  # typing at the end goes on at the end, after what was added
        return len(new)
    if position <= start:
        return position
    if position >= len(old) - end:
        return position + len(new) - len(old)
    return len(new) - end


def set_notes_keeping_cursor(editor: NotesEditor, markdown: str) -> None:
    """Show ``markdown`` in the notes; the cursor, selection and scroll stay where they were
    (mapped through the change). Nothing is done when the notes already say that."""
    if editor.markdown() == markdown:
        return
    edit = editor.text_edit
    old = edit.toPlainText()
    cursor = edit.textCursor()
    anchor, position = cursor.anchor(), cursor.position()
    scroll = edit.verticalScrollBar().value()
    editor.set_markdown(markdown)
    new = edit.toPlainText()
    moved = edit.textCursor()
    moved.setPosition(map_position(old, new, anchor))
    moved.setPosition(map_position(old, new, position), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(moved)
    edit.verticalScrollBar().setValue(scroll)


@contextmanager
def focused_line_edit_kept(within: QWidget) -> Iterator[None]:
    """Around a reload of a form: the line edit the person is in (inside ``within``) keeps
    its cursor and selection, mapped through the new text (``setText`` would put the
    cursor at the end)."""
    focus = QApplication.focusWidget()
    if not isinstance(focus, QLineEdit) or not within.isAncestorOf(focus):
        yield
        return
    old = focus.text()
    position, start, length = focus.cursorPosition(), focus.selectionStart(), 0
    if start >= 0:
        length = len(focus.selectedText())
    yield
    new = focus.text()
    if length:
        begin = map_position(old, new, start)
        focus.setSelection(begin, map_position(old, new, start + length) - begin)
    else:
        focus.setCursorPosition(map_position(old, new, position))
