"""Reading notes: the Markdown subset of :mod:`models.notes` into the block tree.

Anything outside the subset degrades to the plain text the secretary typed, and
:func:`parse_notes` never raises: an export must not fail on what someone typed.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import TYPE_CHECKING, Final, Literal

from models.bounded_cache import BoundedCache
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
from models.notes.fast_parser import parse_simple_notes

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

logger = logging.getLogger(__name__)

_SUBHEADING_LEVELS: Final[dict[str, Literal[3, 4]]] = {"h3": 3, "h4": 4}
# Block and inline rules outside the subset. With them off, their syntax stays in the text
# (an indented line is a paragraph, not code; ``[a](b)`` prints as typed).
_DISABLED_RULES: Final = [
    "code",
    "fence",
    "blockquote",
    "hr",
    "reference",
    "html_block",
    "lheading",
    "backticks",
    "link",
    "image",
    "autolink",
    "html_inline",
    "entity",
]


@functools.cache
def _markdown() -> MarkdownIt:
    """The parser, built once (that keeps parsing 100 KB notes fast) and only when first
    needed: importing markdown-it is a few hundredths of a second of the window's start."""
    from markdown_it import MarkdownIt  # noqa: PLC0415 (deferred, see above)

    return MarkdownIt("commonmark").disable(_DISABLED_RULES)


# markdown-it keeps these as text; the subset gives them a meaning.
_MANUAL_LINE_BREAK: Final = "\x0b"


# markdown-it's own first step: every line ending becomes "\n" (see ``_split_blocks``).
_LINE_ENDINGS: Final = re.compile(r"\r\n?")
# A blank line (markdown-it's blank: spaces and tabs only) followed by a line that starts in
# the first column with a character that cannot open a list item nor indent a continuation.
_INDEPENDENT_START: Final = re.compile(r"\n[ \t]*\n(?=[^\s*+\-0-9])")
# The parse cache's bound, in characters of notes text (the blocks take a few times that in
# memory): several long meetings' notes, so switching between them stays fast too.
_CACHE_CHARACTERS: Final = 1_000_000
_CACHE_LARGEST: Final = _CACHE_CHARACTERS // 8  # a larger stretch is parsed every time


def parse_notes(markdown: str) -> tuple[Block, ...]:
    """Parse notes into blocks; never raises (malformed input comes back as plain text).

    The notes are parsed a stretch at a time (:func:`_split_blocks`), each stretch's blocks
    cached by its text: the preview re-renders the whole note after every edit, and an edit
    changes one stretch of one item, so a long note is re-read in the time of a short one.
    """
    if not markdown.strip():
        return ()
    try:
        return tuple(
            block for stretch in _split_blocks(markdown) for block in _cached_blocks(stretch)
        )
    except Exception:  # a parser bug must not cost the secretary an export: fall back
        logger.exception("Notes could not be parsed; exporting them as plain paragraphs")
        return _plain_paragraphs(markdown)


def _split_blocks(markdown: str) -> list[str]:
    """The notes cut where what follows parses the same on its own as in the whole.

    A cut is made only at a blank line followed by a line that starts in the first column
    and does not start with ``-``, ``*``, ``+`` or a digit. markdown-it (with the rules this
    subset disables: no block quotes, code, fences, HTML or link references, so no state
    reaches across blocks) ends every open paragraph and list there: a paragraph ends at a
    blank line, and a list goes on after one only with an indented line (the item's
    continuation) or a new item's marker. What follows is then read from a fresh top level,
    exactly as when parsed alone, and inline parsing never spans a paragraph. Anything that
    might continue a list (``- b`` or ``2. b`` after a blank line) stays in one stretch with
    what precedes it, so loose lists and numbering are untouched. The property test in
    ``tests/unit/test_notes.py`` holds the cut parse to the whole parse.
    """
    return _INDEPENDENT_START.split(_LINE_ENDINGS.sub("\n", markdown))


def _parse_stretch(markdown: str) -> tuple[Block, ...]:
    """The blocks of one stretch: by the fast reader when it handles the stretch's shape
    (most notes; markdown-it is then never imported), else by markdown-it, the reference."""
    if not markdown.strip():
        return ()
    try:
        blocks = parse_simple_notes(markdown)
    except Exception:  # a bug in the fast reader must not change an export: use the reference
        logger.exception("The fast notes reader failed; reading the notes with markdown-it")
        blocks = None
    return markdown_it_blocks(markdown) if blocks is None else blocks


def markdown_it_blocks(markdown: str) -> tuple[Block, ...]:
    """The blocks markdown-it's path gives (uncached): the reference the fast reader is held
    to, by the tests and the benchmark."""
    if not markdown.strip():
        return ()
    return _BlockReader(_markdown().parse(markdown)).read_blocks()


def _cached_blocks(stretch: str) -> tuple[Block, ...]:
    """The blocks of ``stretch``, from the cache when it was parsed recently. The blocks are
    immutable NamedTuples, so one cached tuple can be handed to every caller."""
    blocks = _CACHE.get(stretch)
    if blocks is None:
        blocks = _parse_stretch(stretch)
        _CACHE.put(stretch, blocks, len(stretch))
    return blocks


_CACHE: Final = BoundedCache[str, tuple[Block, ...]](_CACHE_CHARACTERS, _CACHE_LARGEST)


def clear_notes_cache() -> None:
    """Forget every parsed stretch (the benchmark's cold render starts from nothing)."""
    _CACHE.clear()


def _plain_paragraphs(markdown: str) -> tuple[Block, ...]:
    chunks = [" ".join(chunk.split()) for chunk in markdown.replace("\r", "\n").split("\n\n")]
    return tuple(Paragraph((Run(chunk),)) for chunk in chunks if chunk)


class _BlockReader:
    """Walks markdown-it's flat token stream (``*_open`` ... ``*_close``) into the tree.
    (A plain class: see :mod:`models.meeting_doc` on what a dataclass costs a process.)"""

    __slots__ = ("pos", "tokens")

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def read_blocks(self) -> tuple[Block, ...]:
        blocks: list[Block] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type == "paragraph_open":
                runs = self._read_inline_container()
                if runs:
                    blocks.append(Paragraph(runs))
            elif token.type == "heading_open":
                heading = self._read_heading()
                if heading.runs:  # an empty heading is an accessibility error, and says nothing
                    blocks.append(heading)
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                blocks.append(self._read_list(depth=0))
            else:
                # Anything else that slipped through (a rule a future markdown-it adds):
                # keep its text rather than lose it.
                if token.content:
                    blocks.append(Paragraph((Run(token.content),)))
                self.pos += 1
        return tuple(blocks)

    def _read_inline_container(self) -> tuple[Run, ...]:
        """Read ``x_open inline x_close`` and return the inline runs."""
        self.pos += 1  # x_open
        runs: tuple[Run, ...] = ()
        if self.pos < len(self.tokens) and self.tokens[self.pos].type == "inline":
            runs = _inline_runs(self.tokens[self.pos])
            self.pos += 1
        self.pos += 1  # x_close
        return runs

    def _read_heading(self) -> Heading | Paragraph:
        tag = self.tokens[self.pos].tag
        markup = self.tokens[self.pos].markup
        runs = self._read_inline_container()
        level = _SUBHEADING_LEVELS.get(tag)
        if level is None:
            # Only ### and #### are sub-headings; a # or ##### is text the user typed.
            return Paragraph(merge_runs((Run(markup + " "), *runs)))
        return Heading(level, runs)

    def _read_list(self, depth: int) -> ListBlock:
        """Read a whole list; lists nested deeper than one level join the second level."""
        open_token = self.tokens[self.pos]
        ordered = open_token.type == "ordered_list_open"
        close_type = "ordered_list_close" if ordered else "bullet_list_close"
        start = open_token.attrGet("start")
        self.pos += 1
        items: list[ListItem] = []
        while self.pos < len(self.tokens) and self.tokens[self.pos].type != close_type:
            if self.tokens[self.pos].type == "list_item_open":
                items.extend(self._read_item(depth))
            else:
                self.pos += 1
        self.pos += 1  # list close
        first = int(start) if isinstance(start, int | str) and str(start).isdigit() else 1
        return ListBlock(ordered=ordered, items=tuple(items), start=first)

    def _read_item(self, depth: int) -> list[ListItem]:
        """Read one item; at depth >= 1 its own sub-items come back flattened after it."""
        self.pos += 1  # list_item_open
        runs: list[Run] = []
        nested: list[ListBlock] = []
        while self.pos < len(self.tokens) and self.tokens[self.pos].type != "list_item_close":
            token = self.tokens[self.pos]
            if token.type in ("paragraph_open", "heading_open"):
                is_heading = token.type == "heading_open"
                markup = token.markup
                content = self._read_inline_container()
                if is_heading:
                    content = (Run(markup + " "), *content)
                if runs and content:
                    runs.append(Run(LINE_BREAK_TEXT))  # a second paragraph in the item
                runs.extend(content)
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                nested.append(self._read_list(depth + 1))
            else:
                self.pos += 1
        self.pos += 1  # list_item_close
        item_runs = merge_runs(tuple(runs))
        if depth == 0:
            return [ListItem(item_runs, _join_lists(nested))]
        # Second level and deeper: no third level in the house style, so a sub-item's own
        # sub-items follow it on the same level.
        flattened = [ListItem(item_runs)]
        for block in nested:
            flattened.extend(block.items)
        return flattened


def _join_lists(lists: list[ListBlock]) -> ListBlock | None:
    """An item has at most one sub-list; two in a row (bullets, then numbers) become one."""
    if not lists:
        return None
    first = lists[0]
    items = tuple(item for block in lists for item in block.items)
    return ListBlock(ordered=first.ordered, items=items, start=first.start)


def _inline_runs(inline: Token) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = 0
    italic = 0
    for child in inline.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(0, bold - 1)
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic = max(0, italic - 1)
        elif kind == "softbreak":
            runs.append(Run(" ", bold > 0, italic > 0))
        elif kind == "hardbreak":
            runs.append(Run(LINE_BREAK_TEXT))
        elif child.content:
            # text, text_special (escapes) and anything a disabled rule left as text
            pieces = child.content.split(_MANUAL_LINE_BREAK)
            for index, piece in enumerate(pieces):
                if index:
                    runs.append(Run(LINE_BREAK_TEXT))
                if piece:
                    runs.append(Run(piece, bold > 0, italic > 0))
    return merge_runs(tuple(runs))
