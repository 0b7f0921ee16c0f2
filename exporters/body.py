"""A note's body as it is written: paragraphs and the agenda table, held as XML text.

The layouts write paragraphs (:class:`Para`) into a :class:`Sink`; each keeps its properties
and runs as XML text in the form lxml serialises them, and its printed text for the
pre-publication check. Nothing here imports python-docx or lxml: the same body goes into a
python-docx document (a user's template, the preview; see :mod:`exporters.docx_export`) or
straight into the package's ``document.xml`` (our template; see :mod:`exporters.lean`), and
both give the same bytes (the golden export tests hold them to it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final

from exporters.text import attribute_xml, printed_text, runs_xml

if TYPE_CHECKING:
    from exporters.numbering import NumberingRef

# The table's look, as python-docx's ``add_table`` writes it (first row and column emphasised).
_TABLE_LOOK: Final = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0"'
    ' w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)


class Para:
    """One paragraph: its style id, the few properties the layouts set, and its runs.

    The properties are written in the schema's order (``pStyle``, ``keepNext``, ``numPr``,
    ``spacing``, ``sectPr``), which is where python-docx puts each.
    """

    __slots__ = (
        "keep",
        "numbering",
        "runs",
        "section",
        "space_after",
        "space_before",
        "style_id",
        "texts",
    )

    def __init__(self, style_id: str | None = None) -> None:
        self.style_id = style_id
        self.keep = False  # keep with the next paragraph (a heading with its text)
        self.numbering: NumberingRef | None = None
        self.space_before: int | None = None  # twentieths of a point
        self.space_after: int | None = None
        self.section: str | None = None  # a ``w:sectPr`` ending a section here
        self.runs: list[str] = []
        self.texts: list[str] = []

    @classmethod
    def in_style(cls, style_ids: Mapping[str, str], style: str | None) -> Para:
        """A paragraph in the style named ``style`` (None: the default paragraph style),
        found by name in the template's ``style_ids``: for a paragraph placed at once (a
        :class:`Sink`'s) and one collected before it is placed (the notes') alike."""
        return cls(style_ids[style] if style is not None else None)

    def add_text(
        self,
        text: str,
        *,
        bold: bool | None = None,
        italic: bool | None = None,
        superscript: bool = False,
    ) -> None:
        """Append ``text`` as runs (see :func:`exporters.text.runs_xml`)."""
        self.runs.append(runs_xml(text, bold=bold, italic=italic, superscript=superscript))
        self.texts.append(printed_text(text))

    @property
    def text(self) -> str:
        """The printed text, breaks and tabs as spaces."""
        return "".join(self.texts)

    def xml(self) -> str:
        properties = ""
        if self.style_id is not None:
            properties += f'<w:pStyle w:val="{attribute_xml(self.style_id)}"/>'
        if self.keep:
            properties += "<w:keepNext/>"
        if self.numbering is not None:
            properties += (
                f'<w:numPr><w:ilvl w:val="{self.numbering.ilvl}"/>'
                f'<w:numId w:val="{self.numbering.num_id}"/></w:numPr>'
            )
        if self.space_before is not None or self.space_after is not None:
            before = "" if self.space_before is None else f' w:before="{self.space_before}"'
            after = "" if self.space_after is None else f' w:after="{self.space_after}"'
            properties += f"<w:spacing{before}{after}/>"
        if self.section is not None:
            properties += self.section
        content = "".join(self.runs)
        if properties:
            return f"<w:p><w:pPr>{properties}</w:pPr>{content}</w:p>"
        return f"<w:p>{content}</w:p>" if content else "<w:p/>"


class Table:
    """A table of paragraphs: the 2019 layout's agenda (``Item 2`` | title and notes).

    Written as python-docx's ``add_table`` writes one, with a style, left alignment, a
    caption, a header row that repeats on every page, and column widths in twips.
    """

    def __init__(self, style_id: str | None, caption: str, widths: tuple[int, ...]) -> None:
        self.style_id = style_id
        self.caption = caption
        self.widths = widths
        self.rows: list[tuple[Sink, ...]] = []

    def add_row(self, style_ids: dict[str, str]) -> tuple[Sink, ...]:
        row = tuple(Sink(style_ids) for _ in self.widths)
        self.rows.append(row)
        return row

    @property
    def has_header_row(self) -> bool:
        return bool(self.rows)  # the first row is always the repeating header

    def paragraphs(self) -> Iterator[Para]:
        for row in self.rows:
            for cell in row:
                yield from cell.paragraphs()

    def xml(self) -> str:
        style = (
            f'<w:tblStyle w:val="{attribute_xml(self.style_id)}"/>'
            if self.style_id is not None
            else ""
        )
        parts = [
            f'<w:tbl><w:tblPr>{style}<w:tblW w:type="auto" w:w="0"/><w:jc w:val="left"/>',
            f'{_TABLE_LOOK}<w:tblCaption w:val="{attribute_xml(self.caption)}"/></w:tblPr>',
            "<w:tblGrid>",
            *(f'<w:gridCol w:w="{width}"/>' for width in self.widths),
            "</w:tblGrid>",
        ]
        for number, row in enumerate(self.rows):
            parts.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if number == 0 else "<w:tr>")
            for width, cell in zip(self.widths, row, strict=True):
                parts.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>')
                parts.append(cell.xml() or "<w:p/>")  # a cell holds at least one paragraph
                parts.append("</w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        return "".join(parts)


class Sink:
    """Where paragraphs go: the document body or a table cell, in order."""

    def __init__(self, style_ids: dict[str, str]) -> None:
        self._style_ids = style_ids
        self.blocks: list[Para | Table] = []

    def paragraph(self, style: str | None = None) -> Para:
        paragraph = Para.in_style(self._style_ids, style)
        self.blocks.append(paragraph)
        return paragraph

    def add(self, paragraphs: list[Para]) -> Para | None:
        """Put ``paragraphs`` in place; returns the first, if any."""
        self.blocks += paragraphs
        return paragraphs[0] if paragraphs else None

    def table(self, table: Table) -> Table:
        self.blocks.append(table)
        return table

    def paragraphs(self) -> Iterator[Para]:
        """Every paragraph in document order, a table's cell by cell."""
        for block in self.blocks:
            if isinstance(block, Para):
                yield block
            else:
                yield from block.paragraphs()

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    def xml(self) -> str:
        return "".join(block.xml() for block in self.blocks)
