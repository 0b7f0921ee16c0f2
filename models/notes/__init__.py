"""The notes of an agenda item: a small Markdown subset, parsed into a typed block tree.

The secretary types notes in a rich-text editor that stores them as this Markdown (written by
:func:`render_markdown`, in :mod:`models.notes.writer`); the house style needs only a
handful of structures (see ``HOUSE_STYLE.md``: paragraphs, sub-headings, bullets with a
second level, numbered workshop questions, bold and italic), so that is all the subset has:

* paragraphs, separated by a blank line; a single line break inside one is a space;
* ``-`` bullet lists (``*`` and ``+`` work too) and ``1.`` numbered lists, each with ONE
  nested level (indent by two spaces); deeper items are kept, flattened onto the second level;
* ``**bold**`` and ``*italic*``;
* ``###`` and ``####`` sub-headings;
* a hard line break: two spaces or a backslash at the end of a line, or Word's manual line
  break ``\\x0b`` pasted in. It is a run whose text is ``"\\n"`` (:data:`LINE_BREAK_TEXT`).

Anything else (links, code, quotes, tables, other heading levels, HTML) degrades to the plain
text the secretary typed: it is never dropped and :func:`parse_notes` never raises. Other
control characters pass through untouched; the exporter cleans them (``exporters.text``).

The tree is immutable NamedTuples so it can be cached, compared in tests and handed to any
exporter; this package must not import Qt.

The package is split on its seam: :mod:`~models.notes.blocks` holds the tree,
:mod:`~models.notes.parser` reads the Markdown into it and :mod:`~models.notes.writer` writes
it back in the one canonical stored form. The parser tries :mod:`~models.notes.fast_parser`
first, which reads the common shapes without importing markdown-it (a noticeable part of a
whole export process) and declines the rest to markdown-it, the reference. Everything is
importable from ``models.notes``; nothing here imports markdown-it until a note needs it.
"""

from models.notes.blocks import (
    LINE_BREAK_TEXT,
    Block,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    plain_text,
)
from models.notes.parser import parse_notes
from models.notes.writer import canonical_blocks, canonical_notes, render_markdown

__all__ = [
    "LINE_BREAK_TEXT",
    "Block",
    "Heading",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Run",
    "canonical_blocks",
    "canonical_notes",
    "parse_notes",
    "plain_text",
    "render_markdown",
]
