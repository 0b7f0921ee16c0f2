"""The notes document's block structure, edited: paragraphs, list items and their nesting.

These work on the document's blocks, not on the editor widget, so :class:`NotesEditor`'s
commands and keys (the toolbar, Tab, Enter, Backspace, autoformat) share one implementation
of what a list may become; each caller wraps them in one edit block, so that Ctrl+Z undoes a
command as a whole.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextBlock, QTextCursor, QTextList

from ui.editor.notes_bridge import (
    heading_level,
    is_ordered,
    list_format,
    list_item_format,
    list_level,
    paragraph_format,
    text_format,
)


def restyle_block(block: QTextBlock, *, heading: int, from_heading: bool) -> None:
    """Give a block's text the character formats of its kind (a sub-heading of
    ``heading``, or a paragraph or item for 0), keeping italic, and bold unless the text
    comes from or goes to a sub-heading (where everything is bold)."""
    was_heading = from_heading or heading
    cursor = QTextCursor(block)
    for piece in block:  # type: ignore[attr-defined]  # QTextBlock iterates its fragments; the stubs lack __next__
        fragment = piece.fragment()
        cursor.setPosition(fragment.position())
        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
        old = fragment.charFormat()
        if old.isImageFormat():
            continue
        bold = not was_heading and old.fontWeight() >= QFont.Weight.DemiBold
        cursor.setCharFormat(text_format(bold=bold, italic=old.fontItalic(), heading=heading))
    end_cursor = QTextCursor(block)
    end_cursor.setBlockCharFormat(text_format(heading=heading))


def make_list(blocks: list[QTextBlock], *, ordered: bool) -> None:
    """Make ``blocks`` first-level items, carrying on a list of that kind just above them."""
    previous = blocks[0].previous()
    target: QTextList | None = None
    if previous.isValid() and list_level(previous) == 1:
        text_list = previous.textList()
        if text_list is not None and is_ordered(text_list) == ordered:
            target = text_list  # carry on the list just above
    for block in blocks:
        set_paragraph(block, list_item=True)
        if target is None:
            target = QTextCursor(block).createList(list_format(ordered=ordered, level=1))
        else:
            target.add(block)


def set_paragraph(block: QTextBlock, *, list_item: bool = False) -> None:
    """Make a block a plain paragraph (out of any list, not a sub-heading)."""
    was_heading = heading_level(block)
    cursor = QTextCursor(block)
    cursor.setBlockFormat(list_item_format() if list_item else paragraph_format())
    if was_heading:
        restyle_block(block, heading=0, from_heading=True)


def can_nest(block: QTextBlock) -> bool:
    """A first-level item right after an item (or sub-item) of its own list."""
    previous = block.previous()
    if list_level(block) != 1 or not previous.isValid() or not list_level(previous):
        return False
    above, own = previous.textList(), block.textList()
    # The item above must be of the same list (its sub-items are of their own lists).
    return list_level(previous) == 2 or above.objectIndex() == own.objectIndex()


def nest_under_above(block: QTextBlock) -> bool:
    """Make a first-level item (and its sub-items) sub-items of the item above."""
    if not can_nest(block):
        return False
    previous = block.previous()
    above = previous.textList()
    followers = _sub_items_after(block)
    # The first sub-item of the item above starts a list of its own.
    target = above if list_level(previous) == 2 else None
    for moved in [block, *followers]:
        QTextCursor(moved).setBlockFormat(list_item_format())
        if target is None:
            target = QTextCursor(moved).createList(list_format(ordered=False, level=2))
        else:
            target.add(moved)
    return True


def unnest(block: QTextBlock) -> bool:
    """Make a sub-item a first-level item; the sub-items after it become its own."""
    parent = block.previous()
    while parent.isValid() and list_level(parent) == 2:
        parent = parent.previous()
    if not parent.isValid() or list_level(parent) != 1:
        return False
    parent_list = parent.textList()
    old_list = block.textList()
    followers = _sub_items_after(block)
    own_format = old_list.format()
    QTextCursor(block).setBlockFormat(list_item_format())
    parent_list.add(block)
    new_list: QTextList | None = None
    for follower in followers:  # they keep their kind, and count from 1 again
        QTextCursor(follower).setBlockFormat(list_item_format())
        if new_list is None:
            new_list = QTextCursor(follower).createList(own_format)
        else:
            new_list.add(follower)
    return True


def _sub_items_after(block: QTextBlock) -> list[QTextBlock]:
    followers = []
    following = block.next()
    while following.isValid() and list_level(following) == 2:
        followers.append(following)
        following = following.next()
    return followers
