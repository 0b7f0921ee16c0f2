"""Notes between the editor's QTextDocument and the block tree of ``models.notes``.

The notes are stored as Markdown, but Qt's own ``toMarkdown``/``setMarkdown`` are not used
for it: they wrap lines at 80 columns and escape and number as they please, so the stored
text would change under the secretary's feet. Instead the document is read block by block
into the tree the exporter uses (:func:`document_to_blocks`), which ``models.notes`` writes
in its one canonical form, and a tree is built back with a QTextCursor
(:func:`blocks_to_document`), so reopening an item shows exactly what was typed.

How the subset maps onto a QTextDocument:

* a paragraph is a plain block; a hard line break inside it is U+2028 (Qt's line separator,
  what Shift+Enter types);
* a sub-heading is a block whose ``headingLevel`` is 3 or 4, its text bold and larger (bold
  for the eye only: it is not read back, as Word shows sub-headings bold anyway);
* a list is a QTextList, bullets as discs (first level) and circles (second), numbers as
  decimals. A second-level item is a block of its own QTextList with indent 2 that follows
  its first-level item; each first-level item's sub-items get their own QTextList, so
  numbered sub-items count from 1 under every item;
* bold and italic are the character formats' weight and italic flag; everything else a
  format may hold (fonts, sizes, colours, images) is ignored when reading, which is also
  how a paste from Word drops what the notes cannot hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from models.notes import (
    LINE_BREAK_TEXT,
    Block,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
)

LINE_SEPARATOR: Final = "\u2028"
"""What a hard line break is inside a QTextDocument block (Shift+Enter types it)."""
OBJECT_REPLACEMENT: Final = "\ufffc"  # an image or other object in the text: not notes

HEADING_COLOUR: Final = QColor("#1f3864")  # Word's heading blue: tells a sub-heading from bold
_HEADING_SIZE: Final = {3: 1, 4: 0}  # QTextCharFormat.FontSizeAdjustment steps
_ORDERED_STYLES: Final = frozenset(
    {
        QTextListFormat.Style.ListDecimal,
        QTextListFormat.Style.ListLowerAlpha,
        QTextListFormat.Style.ListUpperAlpha,
        QTextListFormat.Style.ListLowerRoman,
        QTextListFormat.Style.ListUpperRoman,
    }
)
_PARAGRAPH_GAP: Final = 6.0  # pixels under a paragraph (between list items: none)


# --- formats ---------------------------------------------------------------------------------


def paragraph_format() -> QTextBlockFormat:
    block_format = QTextBlockFormat()
    block_format.setBottomMargin(_PARAGRAPH_GAP)
    return block_format


def heading_format(level: int) -> QTextBlockFormat:
    block_format = QTextBlockFormat()
    block_format.setHeadingLevel(level)
    block_format.setTopMargin(_PARAGRAPH_GAP * 2)
    block_format.setBottomMargin(_PARAGRAPH_GAP)
    return block_format


def list_item_format() -> QTextBlockFormat:
    return QTextBlockFormat()


def list_format(*, ordered: bool, level: int, start: int = 1) -> QTextListFormat:
    """Discs on the first level, circles on the second; numbers are decimals on both."""
    list_style = QTextListFormat()
    if ordered:
        list_style.setStyle(QTextListFormat.Style.ListDecimal)
        list_style.setStart(start)
    else:
        list_style.setStyle(
            QTextListFormat.Style.ListDisc if level <= 1 else QTextListFormat.Style.ListCircle
        )
    list_style.setIndent(level)
    return list_style


def text_format(*, bold: bool = False, italic: bool = False, heading: int = 0) -> QTextCharFormat:
    """The character format of a run: in a sub-heading, bold, larger and in heading blue."""
    char_format = QTextCharFormat()
    char_format.setFontItalic(italic)
    if heading:
        char_format.setFontWeight(QFont.Weight.Bold)
        char_format.setProperty(QTextFormat.Property.FontSizeAdjustment, _HEADING_SIZE[heading])
        char_format.setForeground(HEADING_COLOUR)
    else:
        char_format.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        char_format.setProperty(QTextFormat.Property.FontSizeAdjustment, 0)
        char_format.clearForeground()
    return char_format


# --- reading a document ---------------------------------------------------------------------


def heading_level(block: QTextBlock) -> int:
    """3 or 4 for a sub-heading (HTML's h1-h3 count as 3, h4-h6 as 4), else 0."""
    level = block.blockFormat().headingLevel()
    if level <= 0:
        return 0
    return 3 if level <= 3 else 4


def list_level(block: QTextBlock) -> int:
    """1 for a first-level list item, 2 for a nested one, 0 outside lists."""
    text_list = block.textList()
    if text_list is None:
        return 0
    return 1 if text_list.format().indent() <= 1 else 2


def is_ordered(text_list: QTextList) -> bool:
    return text_list.format().style() in _ORDERED_STYLES


def block_runs(block: QTextBlock, *, heading: bool = False) -> tuple[Run, ...]:
    """The runs of one block: bold, italic and line breaks; images and objects dropped."""
    runs: list[Run] = []
    for piece in block:  # type: ignore[attr-defined]  # QTextBlock iterates its fragments; the stubs lack __next__
        fragment = piece.fragment()
        if not fragment.isValid():
            continue
        char_format = fragment.charFormat()
        if char_format.isImageFormat():
            continue
        text = fragment.text().replace(OBJECT_REPLACEMENT, "")
        bold = not heading and char_format.fontWeight() >= QFont.Weight.DemiBold
        italic = char_format.fontItalic()
        for index, line in enumerate(text.split(LINE_SEPARATOR)):
            if index:
                runs.append(Run(LINE_BREAK_TEXT))
            if line:
                runs.append(Run(line, bold, italic))
    return tuple(runs)


@dataclass
class _ListBuilder:
    """A list being read: its items, and the QTextList the last sub-items came from."""

    ordered: bool
    start: int
    key: int  # the QTextList's objectIndex
    items: list[tuple[tuple[Run, ...], _ListBuilder | None]] = field(default_factory=list)

    def freeze(self) -> ListBlock:
        items = tuple(
            ListItem(runs, children.freeze() if children is not None else None)
            for runs, children in self.items
        )
        return ListBlock(self.ordered, items, self.start)


def _builder_for(block: QTextBlock, text_list: QTextList) -> _ListBuilder:
    ordered = is_ordered(text_list)
    # A list interrupted by a paragraph goes on counting from where it was.
    start = text_list.format().start() + text_list.itemNumber(block) if ordered else 1
    return _ListBuilder(ordered, start, text_list.objectIndex())


def document_to_blocks(document: QTextDocument) -> tuple[Block, ...]:
    """The notes a document shows, as the block tree (not yet canonical: see
    ``models.notes.canonical_blocks``). Tables are read cell by cell as paragraphs."""
    blocks: list[Block | _ListBuilder] = []
    current: _ListBuilder | None = None  # the first-level list being read
    block = document.begin()
    while block.isValid():
        text_list = block.textList()
        level = heading_level(block)
        if text_list is None:
            current = None
            runs = block_runs(block, heading=bool(level))
            blocks.append(Heading(3 if level == 3 else 4, runs) if level else Paragraph(runs))
        elif list_level(block) == 1 or current is None or not current.items:
            # A second-level item with no item above it is read as a first-level one.
            if current is None or current.key != text_list.objectIndex():
                current = _builder_for(block, text_list)
                blocks.append(current)
            current.items.append((block_runs(block), None))
        else:
            parent_runs, children = current.items[-1]
            if children is None:  # sub-items of one item form one list, as in Markdown
                children = _builder_for(block, text_list)
                current.items[-1] = (parent_runs, children)
            children.items.append((block_runs(block), None))
        block = block.next()
    return tuple(item.freeze() if isinstance(item, _ListBuilder) else item for item in blocks)


# --- writing a document ---------------------------------------------------------------------


def blocks_to_document(blocks: tuple[Block, ...], document: QTextDocument) -> None:
    """Replace the document's content with ``blocks`` (and forget its undo history)."""
    undo = document.isUndoRedoEnabled()
    document.setUndoRedoEnabled(False)  # also empties the undo stack
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # one layout at the end, not one per block
    cursor.setBlockFormat(paragraph_format())
    cursor.setBlockCharFormat(text_format())
    _Writer(cursor).write(blocks, into_current=True)
    cursor.endEditBlock()
    document.setUndoRedoEnabled(undo)


def insert_blocks(cursor: QTextCursor, blocks: tuple[Block, ...]) -> None:
    """Insert blocks at the cursor, as a paste does (one undo step).

    A first paragraph joins the text around the cursor, keeping that block's kind (a
    pasted phrase stays inside the list item or sub-heading it is pasted into); the other
    blocks follow as blocks of their own, and the text after the cursor ends up after them.
    """
    if not blocks:
        return
    cursor.beginEditBlock()
    try:
        if cursor.hasSelection():
            cursor.removeSelectedText()
        writer = _Writer(cursor)
        first, rest = blocks[0], blocks[1:]
        if isinstance(first, Paragraph):
            writer.write_runs(first.runs, heading=heading_level(cursor.block()))
            writer.write(rest, into_current=False)
        else:
            empty = not cursor.block().text() and cursor.block().textList() is None
            writer.write(blocks, into_current=empty)
    finally:
        cursor.endEditBlock()


@dataclass
class _Writer:
    cursor: QTextCursor

    def write(self, blocks: tuple[Block, ...], *, into_current: bool) -> None:
        """Write blocks; the first one into the cursor's (empty) block if ``into_current``."""
        first = into_current
        for block in blocks:
            if isinstance(block, ListBlock):
                self._write_list(block, level=1, first=first)
            elif isinstance(block, Heading):
                self._start(heading_format(block.level), first)
                self.write_runs(block.runs, heading=block.level)
            else:
                self._start(paragraph_format(), first)
                self.write_runs(block.runs)
            first = False

    def _start(self, block_format: QTextBlockFormat, first: bool) -> None:
        if first:
            self.cursor.setBlockFormat(block_format)
        else:
            self.cursor.insertBlock(block_format, text_format())

    def _write_list(self, block: ListBlock, *, level: int, first: bool) -> None:
        text_list: QTextList | None = None
        for item in block.items:
            self._start(list_item_format(), first)
            first = False
            if text_list is None:
                text_list = self.cursor.createList(
                    list_format(ordered=block.ordered, level=level, start=block.start)
                )
            else:
                text_list.add(self.cursor.block())
            self.write_runs(item.runs)
            if item.children is not None and level == 1:
                self._write_list(item.children, level=2, first=False)

    def write_runs(self, runs: tuple[Run, ...], *, heading: int = 0) -> None:
        for run in runs:
            if run.is_line_break:
                self.cursor.insertText(LINE_SEPARATOR, text_format(heading=heading))
            else:
                self.cursor.insertText(
                    run.text, text_format(bold=run.bold, italic=run.italic, heading=heading)
                )
        # What is typed next continues with plain text of the block's kind.
        self.cursor.setCharFormat(text_format(heading=heading))


# --- HTML (a paste) -----------------------------------------------------------------------------

# Word writes a list item as a paragraph styled "mso-list:l0 level2 lfo1" whose bullet or
# number is typed text inside a conditional comment; Qt's HTML reader knows neither, so the
# paragraphs are turned into real <ul>/<ol> items before Qt reads them.
_WORD_PARAGRAPH: Final = re.compile(r"<p\b([^>]*)>(.*?)</p\s*>", re.IGNORECASE | re.DOTALL)
_WORD_LIST_STYLE: Final = re.compile(r"mso-list:\s*l(\d+)\s+level(\d+)", re.IGNORECASE)
_WORD_MARKER: Final = re.compile(
    r"<!(?:--)?\[if !supportLists\](?:--)?>(.*?)<!(?:--)?\[endif\](?:--)?>",
    re.IGNORECASE | re.DOTALL,
)
_TAG: Final = re.compile(r"<[^>]*>")
_NUMBERED_MARKER: Final = re.compile(r"^\(?(?:\d+|[a-z]|[ivxlcdm]+)[.)]", re.IGNORECASE)
# Word's manual line break (Shift+Enter) and page break can reach the HTML as raw characters.
_WORD_BREAKS: Final = re.compile("[\x0b\x0c]")
# Qt reads only what lies between these markers, and a copy that starts inside a heading has
# the heading's tag before them: without them, all of the (pasted) body is read.
_FRAGMENT_MARKERS: Final = re.compile(r"<!--(?:Start|End)Fragment-->", re.IGNORECASE)


def prepare_html(html: str) -> str:
    """Pasted HTML made readable by Qt: Word's list paragraphs as lists, its control
    characters as <br>, and no fragment markers."""
    html = _FRAGMENT_MARKERS.sub("", _WORD_BREAKS.sub("<br>", html))
    if "mso-list" not in html:
        return html
    out: list[str] = []
    open_lists: list[str] = []  # the closing tags of the lists open, innermost last
    list_id = ""  # Word's number of the list open (l0, l1 ...): another one is another list
    position = 0
    for match in _WORD_PARAGRAPH.finditer(html):
        between = html[position : match.start()]
        style = _WORD_LIST_STYLE.search(match.group(1))
        if open_lists and (style is None or between.strip() or style.group(1) != list_id):
            out.append("".join(reversed(open_lists)))
            open_lists.clear()
        list_id = style.group(1) if style is not None else ""
        out.append(between)
        position = match.end()
        if style is None:
            out.append(match.group(0))
            continue
        content = match.group(2)
        marker = _WORD_MARKER.search(content)
        marker_text = _TAG.sub("", marker.group(1)).replace("&nbsp;", " ").strip() if marker else ""
        content = _WORD_MARKER.sub("", content)
        level = max(1, int(style.group(2)))
        while len(open_lists) > level:
            out.append(open_lists.pop())
        while len(open_lists) < level:
            tag = "ol" if _NUMBERED_MARKER.match(marker_text) else "ul"
            out.append(f"<{tag}>")
            open_lists.append(f"</{tag}>")
        out.append(f"<li>{content}</li>")
    out.append("".join(reversed(open_lists)))
    out.append(html[position:])
    return "".join(out)


def html_to_blocks(html: str) -> tuple[Block, ...]:
    """What a pasted piece of HTML says in the notes' terms (Qt reads the HTML)."""
    scratch = QTextDocument()
    scratch.setHtml(prepare_html(html))
    return document_to_blocks(scratch)
