"""A reader for the common shapes of notes that needs no markdown-it, tried before it.

Why it exists: importing markdown-it is a noticeable part of a whole ``rrb-desktop export``
process (measured side by side with pandoc's whole process), yet almost every note the
secretary types is paragraphs, ``###``/``####`` sub-headings, two-level ``-``/``1.`` lists and
``**bold**``/``*italic*``. This module reads exactly those shapes and answers ``None`` for
anything else or anything it is not sure of; :mod:`models.notes.parser` then reads that text
with markdown-it, which remains the reference. Wherever this reader answers, its blocks are
the ones markdown-it's path gives (``tests/unit/test_notes_fast.py`` holds it to that with
generated notes and near-misses), so which path read a note never shows in an export.

What it declines: backslashes, backticks, ``_``, brackets, ``<``, ``>``, ``|``, ``~``, tabs and
control characters (Word's ``\\x0b`` too) and whitespace other than spaces; lines starting
with a space outside the list nesting below, with ``#`` other than a ``### x``/``#### x``
heading without further ``#``, with ``=``, ``+`` or ``-`` other than a list marker, or with
``1)``; a list marker right under a paragraph line (no blank line between) or a line
continuing a list item; list items that are empty or with more than one space after the
marker; nesting other than one level at the parent item's text column, a sub-list changing
its marker, or a numbered sub-list not starting at 1; a list followed by another kind of
list without a blank line; and a ``*`` next to a character outside ASCII.

Emphasis is CommonMark's delimiter algorithm as markdown-it runs it (``scanDelims``,
``balance_pairs`` and the emphasis post-processing), for ``*`` only: a port, so that stray,
unbalanced or nested stars read exactly as markdown-it reads them.
"""

from __future__ import annotations

import re
import string
from typing import Final, Literal

from models.notes.blocks import (
    LINE_BREAK_TEXT,
    Block,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    merge_runs,
)

# Characters outside what this reader handles: markup of rules the subset disables (kept
# as text by markdown-it, but not worth the risk), escapes, underscores (emphasis with other
# flanking rules), tabs (column arithmetic), control characters and non-space whitespace.
_DECLINED: Final = re.compile(r"[\\`_\[\]<>|~\x00-\x09\x0b-\x1f\x7f-\x9f]|[^\S \n]")
# A sub-heading as markdown-it reads it, without a closing sequence of ``#``.
_HEADING: Final = re.compile(r"(#{3,4}) +([^#]*?) *")
# A list item: indent, a bullet or a number with ``.``, ONE space, then its text.
_ITEM: Final = re.compile(r"(?P<indent> *)(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})\.) (?=\S)")
# Line starts that are (or might be) block markup this reader does not read as a paragraph
# line: an indent, a heading, a setext underline, a bullet, a number marker.
_RISKY_START: Final = re.compile(r" |[#=+\-]|\*(?: |$)|\d{1,9}[.)](?: |$)")
# Delimiter runs and line ends: what the inline reader stops at.
_INLINE_STOPS: Final = re.compile(r"\*+|\n")
# CommonMark's ASCII punctuation: what a backslash escapes, and half of what decides whether a
# ``*`` can open or close emphasis (the writer escapes by it too).
ASCII_PUNCTUATION: Final = frozenset(string.punctuation)
_WHITESPACE: Final = frozenset(" \n")


class _NotHandledError(Exception):
    """Raised anywhere inside the reader: the text has a shape it does not handle."""


def parse_simple_notes(markdown: str) -> tuple[Block, ...] | None:
    """The blocks of ``markdown`` (newlines already ``\\n``), or None when it has a shape this
    reader does not handle: then markdown-it must read it."""
    if _DECLINED.search(markdown):
        return None
    try:
        return _read_blocks(markdown.split("\n"))
    except _NotHandledError:
        return None


def _is_blank(line: str) -> bool:
    return not line.strip(" ")


def _read_blocks(lines: list[str]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _is_blank(line):
            index += 1
            continue
        heading = _HEADING.fullmatch(line)
        if heading is not None:
            level: Literal[3, 4] = 3 if len(heading[1]) == 3 else 4
            if not heading[2]:
                raise _NotHandledError
            runs = _inline_runs(heading[2])
            if runs:  # as markdown-it's path: an empty heading is dropped
                blocks.append(Heading(level, runs))
            index += 1
            continue
        item = _ITEM.match(line)
        if item is not None and not item["indent"]:
            block, index = _read_list(lines, index)
            blocks.append(block)
            continue
        end = index
        while end < len(lines) and not _is_blank(lines[end]):
            if _RISKY_START.match(lines[end]):
                raise _NotHandledError
            end += 1
        runs = _inline_runs("\n".join(lines[index:end]).rstrip(" "))
        if runs:
            blocks.append(Paragraph(runs))
        index = end
    return tuple(blocks)


def _marker_kind(item: re.Match[str]) -> str:
    """``-``, ``*`` or ``+`` for a bullet, ``.`` for a number: a list goes on only while its
    items keep the kind (a change starts another list)."""
    return item["bullet"] or "."


def _item_runs(line: str, item: re.Match[str]) -> tuple[Run, ...]:
    content = line[item.end() :].rstrip(" ")
    if _RISKY_START.match(content):
        raise _NotHandledError
    return _inline_runs(content)


def _next_filled(lines: list[str], index: int) -> int:
    while index < len(lines) and _is_blank(lines[index]):
        index += 1
    return index


def _read_list(lines: list[str], index: int) -> tuple[ListBlock, int]:
    """The list starting at ``lines[index]`` (an item in the first column), and the index of
    the first line after it."""
    first = _ITEM.match(lines[index])
    assert first is not None  # the caller matched it
    kind = _marker_kind(first)
    items: list[ListItem] = []
    while True:
        item = _ITEM.match(lines[index])
        if item is None or item["indent"] or _marker_kind(item) != kind:
            raise _NotHandledError
        runs = _item_runs(lines[index], item)
        children, index = _read_children(lines, index + 1, item.end())
        items.append(ListItem(runs, children))
        after = _next_filled(lines, index)
        following = _ITEM.match(lines[after]) if after < len(lines) else None
        if following is None or following["indent"] or _marker_kind(following) != kind:
            if after == index and after < len(lines):
                raise _NotHandledError  # another kind of list or text right under an item
            break
        index = after
    start = int(first["number"]) if kind == "." else 1
    return ListBlock(ordered=kind == ".", items=tuple(items), start=start), index


def _read_children(lines: list[str], index: int, column: int) -> tuple[ListBlock | None, int]:
    """The sub-list of an item whose text starts at ``column``, and the index where the
    item ends (a line in the first column, or the end)."""
    children: list[ListItem] = []
    kind: str | None = None
    while True:
        after = _next_filled(lines, index)
        if after == len(lines) or not lines[after].startswith(" "):
            break
        line = lines[after]
        item = _ITEM.match(line)
        if item is None or len(item["indent"]) != column:
            raise _NotHandledError  # a continuation line, or another depth of nesting
        if kind is None:
            kind = _marker_kind(item)
            if kind == "." and int(item["number"]) != 1:
                raise _NotHandledError  # it might continue the item's paragraph instead
        elif _marker_kind(item) != kind:
            raise _NotHandledError
        children.append(ListItem(_item_runs(line, item)))
        index = after + 1
    if not children:
        return None, index
    return ListBlock(ordered=kind == ".", items=tuple(children)), index


# --- Inline: text, soft and hard line breaks, ``*`` emphasis ---------------------------------


class _Token:
    """A piece of a paragraph's text before emphasis is decided. (Plain classes here and
    below, not dataclasses: see :mod:`models.meeting_doc` on what those cost a process.)"""

    __slots__ = ("kind", "strong", "text")

    def __init__(
        self,
        kind: Literal["text", "softbreak", "hardbreak", "open", "close"],
        text: str = "",
        *,
        strong: bool = False,
    ) -> None:
        self.kind = kind
        self.text = text
        self.strong = strong


class _Delimiter:
    """One ``*`` of a run, as markdown-it keeps it (``state_inline.Delimiter``)."""

    __slots__ = ("can_close", "can_open", "end", "length", "token")

    def __init__(self, length: int, token: int, *, can_open: bool, can_close: bool) -> None:
        self.length = length
        self.token = token
        self.can_open = can_open
        self.can_close = can_close
        self.end = -1


def _inline_runs(source: str) -> tuple[Run, ...]:
    """The runs of a paragraph's or heading's text, as markdown-it's inline rules (with the
    subset's rules off) and ``_inline_runs`` of the parser make them."""
    tokens, delimiters = _tokenize(source)
    _balance_pairs(delimiters)
    _mark_emphasis(tokens, delimiters)
    runs: list[Run] = []
    bold = 0
    italic = 0
    for token in tokens:
        if token.kind in ("open", "close"):
            step = 1 if token.kind == "open" else -1
            if token.strong:
                bold = max(0, bold + step)
            else:
                italic = max(0, italic + step)
        elif token.kind == "softbreak":
            runs.append(Run(" ", bold > 0, italic > 0))
        elif token.kind == "hardbreak":
            runs.append(Run(LINE_BREAK_TEXT))
        elif token.text:
            runs.append(Run(token.text, bold > 0, italic > 0))
    return merge_runs(tuple(runs))


def _tokenize(source: str) -> tuple[list[_Token], list[_Delimiter]]:
    """Text, breaks (markdown-it's ``newline`` rule) and one text token per ``*`` with its
    delimiter (markdown-it's ``emphasis.tokenize`` and ``scanDelims``)."""
    tokens: list[_Token] = []
    delimiters: list[_Delimiter] = []
    pending = ""
    position = 0
    while (stop := _INLINE_STOPS.search(source, position)) is not None:
        pending += source[position : stop.start()]
        if stop[0] == "\n":
            kind: Literal["softbreak", "hardbreak"] = "softbreak"
            if pending.endswith("  "):
                kind = "hardbreak"
            pending = pending.rstrip(" ")
            if pending:
                tokens.append(_Token("text", pending))
            pending = ""
            tokens.append(_Token(kind))
            position = stop.end()
            while position < len(source) and source[position] == " ":
                position += 1
            continue
        if pending:
            tokens.append(_Token("text", pending))
            pending = ""
        start, end = stop.span()
        can_open, can_close = _flanking(
            source[start - 1] if start > 0 else " ", source[end] if end < len(source) else " "
        )
        for _ in range(end - start):
            tokens.append(_Token("text", "*"))
            delimiters.append(
                _Delimiter(end - start, len(tokens) - 1, can_open=can_open, can_close=can_close)
            )
        position = end
    pending += source[position:]
    if pending:
        tokens.append(_Token("text", pending))
    return tokens, delimiters


def _flanking(last: str, following: str) -> tuple[bool, bool]:
    """Whether a ``*`` run between ``last`` and ``following`` can open and close emphasis
    (CommonMark's left- and right-flanking; for ``*`` that is all)."""
    if not (last.isascii() and following.isascii()):
        raise _NotHandledError  # markdown-it's Unicode classes: not worth a second copy
    last_space = last in _WHITESPACE
    next_space = following in _WHITESPACE
    last_punctuation = last in ASCII_PUNCTUATION
    next_punctuation = following in ASCII_PUNCTUATION
    left = not (next_space or (next_punctuation and not (last_space or last_punctuation)))
    right = not (last_space or (last_punctuation and not (next_space or next_punctuation)))
    return left, right


def _balance_pairs(delimiters: list[_Delimiter]) -> None:
    """Match closers to openers: markdown-it's ``balance_pairs.processDelimiters`` for one
    marker (including the rule of three and its bottoms of the opener search)."""
    openers_bottom = [-1] * 6
    header = 0
    last_token = -2
    jumps: list[int] = []
    for closer_index, closer in enumerate(delimiters):
        jumps.append(0)
        if last_token != closer.token - 1:
            header = closer_index
        last_token = closer.token
        if not closer.can_close:
            continue
        bottom_slot = (3 if closer.can_open else 0) + closer.length % 3
        minimum = openers_bottom[bottom_slot]
        opener_index = header - jumps[header] - 1
        new_minimum = opener_index
        while opener_index > minimum:
            opener = delimiters[opener_index]
            if opener.can_open and opener.end < 0:
                odd_match = (
                    (opener.can_close or closer.can_open)
                    and (opener.length + closer.length) % 3 == 0
                    and (opener.length % 3 != 0 or closer.length % 3 != 0)
                )
                if not odd_match:
                    if opener_index > 0 and not delimiters[opener_index - 1].can_open:
                        last_jump = jumps[opener_index - 1] + 1
                    else:
                        last_jump = 0
                    jumps[closer_index] = closer_index - opener_index + last_jump
                    jumps[opener_index] = last_jump
                    closer.can_open = False
                    opener.end = closer_index
                    opener.can_close = False
                    new_minimum = -1
                    last_token = -2
                    break
            opener_index -= jumps[opener_index] + 1
        if new_minimum != -1:
            openers_bottom[(3 if closer.can_open else 0) + closer.length % 3] = new_minimum


def _mark_emphasis(tokens: list[_Token], delimiters: list[_Delimiter]) -> None:
    """Turn matched ``*`` tokens into emphasis: markdown-it's ``emphasis._postProcess``
    (two matched pairs right inside each other are one strong)."""
    index = len(delimiters) - 1
    while index >= 0:
        start = delimiters[index]
        if start.end == -1:
            index -= 1
            continue
        end = delimiters[start.end]
        strong = (
            index > 0
            and delimiters[index - 1].end == start.end + 1
            and delimiters[index - 1].token == start.token - 1
            and delimiters[start.end + 1].token == end.token + 1
        )
        tokens[start.token] = _Token("open", strong=strong)
        tokens[end.token] = _Token("close", strong=strong)
        if strong:
            tokens[delimiters[index - 1].token] = _Token("text")
            tokens[delimiters[start.end + 1].token] = _Token("text")
            index -= 1
        index -= 1
