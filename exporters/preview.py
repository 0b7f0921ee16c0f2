"""The Word note as simple HTML, for the window's preview pane.

The preview is rendered from the very ``docx.Document`` that an export would save
(:func:`exporters.docx_export.build_document`), not from the meeting, so what the secretary
reads is what the note will say: the same title block, the same items left out of a public
note, the same wording of actions and dates. Only the look is approximated: fonts, sizes,
bold, italic, colour and alignment come from the document's own styles (so a user's template
shows through), lists become HTML lists, the two-column attendee list a two-column table and
the 2019 agenda a table. The HTML keeps to what Qt's rich text understands (no CSS classes,
no floats), and this module does not import Qt, so it is tested without a display.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_HpsMeasure
from docx.shared import Pt, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docx.document import Document
    from docx.styles.style import BaseStyle

__all__ = ["document_to_html"]

_ATTENDEE: Final = "Attendee"
_ALIGN: Final = {
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "justify",
}
_EMU_PER_PIXEL: Final = 9525  # at 96 dpi
_PX_PER_PT: Final = 96 / 72
_R_EMBED: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
# Element names resolved once: the render walks thousands of elements, and python-docx's
# properties resolve a name (and build a proxy object) on every access.
_W_PPR: Final = qn("w:pPr")
_W_JC: Final = qn("w:jc")
_W_PSTYLE: Final = qn("w:pStyle")
_W_NUMPR: Final = qn("w:numPr")
_W_ILVL: Final = qn("w:ilvl")
_W_NUMID: Final = qn("w:numId")
_W_VAL: Final = qn("w:val")
_W_R: Final = qn("w:r")
_W_RPR: Final = qn("w:rPr")
_W_B: Final = qn("w:b")
_W_I: Final = qn("w:i")
_W_SZ: Final = qn("w:sz")
_W_VERT_ALIGN: Final = qn("w:vertAlign")
_W_T: Final = qn("w:t")
_W_TAB: Final = qn("w:tab")
_W_BR: Final = qn("w:br")
_W_DRAWING: Final = qn("w:drawing")
_ON: Final = ("1", "true", "on")


def document_to_html(document: Document) -> str:
    """The whole note, page header first, as one HTML string."""
    return _Renderer(document).render()


@dataclass(frozen=True, slots=True)
class _ListPosition:
    """Where a list paragraph sits: which list (``num_id``), how deep, numbered or not."""

    num_id: str
    level: int
    ordered: bool


@dataclass(frozen=True, slots=True)
class _StyleInfo:
    """What the preview needs of a paragraph style: its name and its CSS."""

    name: str
    css: str


@dataclass
class _Renderer:
    document: Document
    _style_css: dict[str, str] = field(default_factory=dict)
    # By the paragraph's ``w:pStyle`` value (None: no style named). python-docx looks a style
    # up with an XPath search of the whole styles part on every ``paragraph.style``, which
    # was most of a render; a note uses a handful of styles, so each is looked up once.
    _styles: dict[str | None, _StyleInfo] = field(default_factory=dict)
    _starts: dict[tuple[str, str], int] | None = None
    _numbering: Any = None
    _document_defaults: dict[str, Any] | None = None
    _last_style: tuple[Any, _StyleInfo] | None = None  # (the w:p element, its style)

    def render(self) -> str:
        try:
            self._numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a template without lists
            self._numbering = None
        parts = ["<html><body style='font-family: Arial, sans-serif;'>"]
        header = self.document.sections[0].header
        if not header.is_linked_to_previous:
            parts.append("<div>")
            parts.extend(self._blocks(header.iter_inner_content(), header.part))
            parts.append("</div><hr/>")
        parts.extend(self._blocks(self.document.iter_inner_content(), self.document.part))
        parts.append("</body></html>")
        return "".join(parts)

    # -- blocks ------------------------------------------------------------------------------

    def _blocks(self, blocks: Iterable[Paragraph | Table], part: Any) -> list[str]:
        """Paragraphs and tables in order; list items and attendee lines are grouped."""
        out: list[str] = []
        open_lists: list[tuple[_ListPosition, str]] = []  # (list, closing tag), outermost first
        attendees: list[Paragraph] = []

        def close_lists(depth: int) -> None:
            while len(open_lists) > depth:
                out.append(open_lists.pop()[1])

        def flush_attendees() -> None:
            if attendees:
                out.append(self._attendee_table(attendees, part))
                attendees.clear()

        for block in blocks:
            if isinstance(block, Table):
                close_lists(0)
                flush_attendees()
                out.append(self._table(block, part))
                continue
            if self._style(block).name == _ATTENDEE:
                close_lists(0)
                attendees.append(block)
                continue
            flush_attendees()
            position = self._list_position(block)
            if position is None:
                close_lists(0)
                out.append(self._paragraph(block, part))
                continue
            close_lists(position.level + 1)
            if len(open_lists) == position.level + 1 and (
                open_lists[-1][0].num_id != position.num_id
                or open_lists[-1][0].ordered != position.ordered
            ):
                close_lists(position.level)
            while len(open_lists) < position.level + 1:
                out.append(self._open_list(position))
                open_lists.append((position, "</ol>" if position.ordered else "</ul>"))
            out.append(self._paragraph(block, part, "li"))
        close_lists(0)
        flush_attendees()
        return out

    def _paragraph(self, paragraph: Paragraph, part: Any, tag: str = "p") -> str:
        """One paragraph, styled as its Word style says.

        Headings are ``<p>`` too: Qt's rich text gives ``<h1>``-``<h6>`` fixed sizes that no
        ``font-size`` overrides, and the sizes are the point of a preview.
        """
        css = self._style(paragraph).css
        p_pr = paragraph._p.find(_W_PPR)
        jc = p_pr.find(_W_JC) if p_pr is not None else None
        align = _ALIGN.get(WD_ALIGN_PARAGRAPH.from_xml(jc.get(_W_VAL))) if jc is not None else None
        if align:
            css += f" text-align: {align};"
        return f"<{tag} style='{css.strip()}'>{self._runs(paragraph, part)}</{tag}>"

    def _attendee_table(self, paragraphs: list[Paragraph], part: Any) -> str:
        """Two newspaper columns, read top to bottom: the first holds the larger half."""
        half = (len(paragraphs) + 1) // 2
        columns = [paragraphs[:half], paragraphs[half:]]
        cells = "".join(
            "<td width='50%' valign='top'>"
            + "".join(self._paragraph(p, part) for p in column)
            + "</td>"
            for column in columns
        )
        return f"<table width='100%' cellspacing='0' cellpadding='0'><tr>{cells}</tr></table>"

    def _table(self, table: Table, part: Any) -> str:
        widths = [int(col.get(qn("w:w")) or 0) for col in table._tbl.tblGrid.iterchildren()]
        total = sum(widths) or 1
        rows = []
        for row in table.rows:
            cells = []
            for index, cell in enumerate(row.cells):
                width = (
                    f" width='{round(100 * widths[index] / total)}%'" if index < len(widths) else ""
                )
                content = "".join(self._blocks(cell.iter_inner_content(), part))
                cells.append(f"<td{width} valign='top'>{content}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return (
            "<table width='100%' border='1' cellspacing='0' cellpadding='4'"
            f" style='border-collapse: collapse;'>{''.join(rows)}</table>"
        )

    # -- lists -------------------------------------------------------------------------------

    def _list_position(self, paragraph: Paragraph) -> _ListPosition | None:
        name = self._style(paragraph).name
        p_pr = paragraph._p.find(_W_PPR)
        num_pr = p_pr.find(_W_NUMPR) if p_pr is not None else None
        if not name.startswith("List") and num_pr is None:
            return None
        level = 1 if name.endswith(" 2") else 0
        num_id = f"style:{name}"
        if num_pr is not None:
            ilvl = num_pr.find(_W_ILVL)
            num = num_pr.find(_W_NUMID)
            if ilvl is not None:
                level = int(ilvl.get(_W_VAL))
            if num is not None:
                if num.get(_W_VAL) == "0":
                    return None  # numId 0 switches a list style's numbering off
                num_id = num.get(_W_VAL)
        ordered = "Number" in name
        return _ListPosition(num_id, min(level, 8), ordered)

    def _open_list(self, position: _ListPosition) -> str:
        if not position.ordered:
            return "<ul>"
        start = self._start(position)
        return f"<ol start='{start}'>" if start != 1 else "<ol>"

    def _start(self, position: _ListPosition) -> int:
        """The first number of a numbered list: its ``w:startOverride``, else 1."""
        if position.num_id.startswith("style:"):
            return 1
        return self._start_overrides().get((position.num_id, str(position.level)), 1)

    def _start_overrides(self) -> dict[tuple[str, str], int]:
        """Every ``w:startOverride`` by (numId, level), the first in the part winning: read
        once, since a long note restarts hundreds of lists, each its own ``w:num``."""
        if self._starts is None:
            self._starts = {}
            if self._numbering is not None:
                for num in self._numbering.iterchildren(qn("w:num")):
                    for override in num.iterchildren(qn("w:lvlOverride")):
                        start = override.find(qn("w:startOverride"))
                        if start is not None:
                            key = (num.get(qn("w:numId")), override.get(qn("w:ilvl")))
                            self._starts.setdefault(key, int(start.get(_W_VAL)))
        return self._starts

    # -- runs --------------------------------------------------------------------------------

    def _runs(self, paragraph: Paragraph, part: Any) -> str:
        """The runs' text with their direct formatting, read from the XML as
        ``Run.font`` would read it (the same tri-state bold and italic)."""
        pieces = []
        for r in paragraph._p.iterchildren(_W_R):
            text = self._run_content(r, part)
            if not text:
                continue
            r_pr = r.find(_W_RPR)
            if r_pr is None:
                pieces.append(text)
                continue
            size = r_pr.find(_W_SZ)
            if size is not None:
                text = f"<span style='font-size: {_points(size.get(_W_VAL)):g}pt;'>{text}</span>"
            vert_align = r_pr.find(_W_VERT_ALIGN)
            if vert_align is not None and vert_align.get(_W_VAL) == "superscript":
                text = f"<sup>{text}</sup>"
            if _on_off(r_pr.find(_W_I)):
                text = f"<i>{text}</i>"
            bold = _on_off(r_pr.find(_W_B))
            if bold:
                text = f"<b>{text}</b>"
            elif bold is False:
                text = f"<span style='font-weight: normal;'>{text}</span>"
            pieces.append(text)
        return "".join(pieces)

    def _run_content(self, r: Any, part: Any) -> str:
        pieces = []
        for child in r.iterchildren():
            tag = child.tag
            if tag == _W_T:
                pieces.append(html.escape(child.text or ""))
            elif tag == _W_TAB:
                pieces.append("&nbsp;&nbsp;&nbsp;&nbsp;")
            elif tag == _W_BR:
                pieces.append("<br/>")
            elif tag == _W_DRAWING:
                pieces.append(self._image(child, part))
        return "".join(pieces)

    def _image(self, drawing: Any, part: Any) -> str:
        """An inline picture as a data URL, at its size in the document, with its alt text."""
        blip = drawing.find(".//" + qn("a:blip"))
        doc_pr = drawing.find(".//" + qn("wp:docPr"))
        extent = drawing.find(".//" + qn("wp:extent"))
        alt = html.escape(doc_pr.get("descr", "") if doc_pr is not None else "", quote=True)
        if blip is None or blip.get(_R_EMBED) not in part.rels:
            return f"[{alt}]" if alt else ""
        image_part = part.related_parts[blip.get(_R_EMBED)]
        data = base64.b64encode(image_part.blob).decode("ascii")
        size = ""
        if extent is not None:
            width = round(int(extent.get("cx")) / _EMU_PER_PIXEL)
            height = round(int(extent.get("cy")) / _EMU_PER_PIXEL)
            size = f" width='{width}' height='{height}'"
        return f"<img src='data:{image_part.content_type};base64,{data}' alt='{alt}'{size}/>"

    # -- styles ------------------------------------------------------------------------------

    def _defaults(self) -> dict[str, Any]:
        """Spacing and size from ``w:docDefaults``: what no style sets, the document does."""
        if self._document_defaults is None:
            defaults: dict[str, Any] = {}
            root: Any = self.document.styles.element
            spacing = root.find(
                f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}"
            )
            if spacing is not None:
                for key, attribute in (("before", "w:before"), ("after", "w:after")):
                    value = spacing.get(qn(attribute))
                    if value is not None and value.isdigit():
                        defaults[key] = Twips(int(value))
            size = root.find(
                f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"
            )
            if size is not None and (size.get(qn("w:val")) or "").isdigit():
                defaults["size"] = Pt(int(size.get(qn("w:val"))) / 2)
            self._document_defaults = defaults
        return self._document_defaults

    def _style(self, paragraph: Paragraph) -> _StyleInfo:
        """The paragraph's style, looked up by python-docx (default style, wrong type and
        all) the first time its ID is met."""
        p = paragraph._p
        if self._last_style is not None and self._last_style[0] is p:
            return self._last_style[1]  # asked three times per paragraph: grouping, list, CSS
        p_pr = p.find(_W_PPR)
        p_style = p_pr.find(_W_PSTYLE) if p_pr is not None else None
        style_id = p_style.get(_W_VAL) if p_style is not None else None
        info = self._styles.get(style_id)
        if info is None:
            style = paragraph.style
            name = (style.name or "") if style is not None else ""
            info = self._styles[style_id] = _StyleInfo(name, self._css(style))
        self._last_style = (p, info)
        return info

    def _css(self, style: BaseStyle | None) -> str:
        """Font size, weight, slant and colour a paragraph style gives (or inherits)."""
        if style is None:
            return ""
        key = style.style_id
        if key not in self._style_css:
            self._style_css[key] = _style_css(style, self._defaults())
        return self._style_css[key]


def _on_off(element: Any) -> bool | None:
    """A ``w:b``-like switch: None if absent, on unless its ``w:val`` says off."""
    if element is None:
        return None
    value = element.get(_W_VAL)
    return value is None or value in _ON


def _points(half_points: str) -> float:
    """``w:sz`` in points, as python-docx reads it (half-points, or a measure with units)."""
    if half_points.isdigit():
        return float(Pt(int(half_points) / 2.0).pt)
    return float(ST_HpsMeasure.convert_from_xml(half_points).pt)


def _style_css(style: Any, defaults: dict[str, Any]) -> str:
    """CSS for what ``style`` sets or inherits through ``basedOn`` (the nearest value wins)."""
    found: dict[str, Any] = {}
    seen = set()
    current = style
    while current is not None and current.style_id not in seen:
        seen.add(current.style_id)
        font = current.font
        fmt = current.paragraph_format
        colour = font.color.rgb if font.color is not None and font.color.type else None
        for key, value in (
            ("size", font.size),
            ("bold", font.bold),
            ("italic", font.italic),
            ("colour", colour),
            ("align", fmt.alignment),
            ("before", fmt.space_before),
            ("after", fmt.space_after),
        ):
            if value is not None:
                found.setdefault(key, value)
        current = current.base_style
    for key, value in defaults.items():
        found.setdefault(key, value)
    css = [f"font-size: {found['size'].pt:g}pt;" if "size" in found else ""]
    if "bold" in found:
        css.append(f"font-weight: {'bold' if found['bold'] else 'normal'};")
    if found.get("italic"):
        css.append("font-style: italic;")
    if "colour" in found:
        css.append(f"color: #{found['colour']};")
    if found.get("align") in _ALIGN:
        css.append(f"text-align: {_ALIGN[found['align']]};")
    # Qt's rich text takes margins in pixels only.
    css.append(
        f"margin-top: {round(found['before'].pt * _PX_PER_PT) if 'before' in found else 0}px;"
    )
    css.append(
        f"margin-bottom: {round(found['after'].pt * _PX_PER_PT) if 'after' in found else 0}px;"
    )
    return " ".join(part for part in css if part)
