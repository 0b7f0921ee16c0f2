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

from exporters.preview_cache import ParagraphCache, child_keys, paragraph_cache
from exporters.tags import BOLD as _W_B
from exporters.tags import BR as _W_BR
from exporters.tags import ILVL as _W_ILVL
from exporters.tags import ITALIC as _W_I
from exporters.tags import NUM_ID as _W_NUMID
from exporters.tags import NUM_PR as _W_NUMPR
from exporters.tags import P_PR as _W_PPR
from exporters.tags import P_STYLE as _W_PSTYLE
from exporters.tags import R_PR as _W_RPR
from exporters.tags import TAB as _W_TAB
from exporters.tags import TBL as _W_TBL
from exporters.tags import VAL as _W_VAL
from exporters.tags import VERT_ALIGN as _W_VERT_ALIGN
from exporters.tags import P as _W_P
from exporters.tags import R as _W_R
from exporters.tags import T as _W_T

if TYPE_CHECKING:
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
_W_JC: Final = qn("w:jc")
_W_SZ: Final = qn("w:sz")
_W_DRAWING: Final = qn("w:drawing")
_ON: Final = ("1", "true", "on")


def document_to_html(document: Document) -> str:
    """The whole note, page header first, as one HTML string."""
    return _Renderer(document).render()


@dataclass(frozen=True, slots=True)
class _ListPosition:
    """Where a list paragraph sits: which list (``num_id``), how deep, numbered or not."""

    num_id: str | None  # None: a ``w:numId`` without a value
    level: int
    ordered: bool


@dataclass(frozen=True, slots=True)
class _StyleInfo:
    """What the preview needs of a paragraph style: its name and its CSS."""

    name: str
    css: str


@dataclass(frozen=True, slots=True)
class _Look:
    """What the preview makes of one paragraph's properties: its style's name, its CSS (the
    style's, with the paragraph's own alignment) and its place in a list, if any."""

    name: str
    css: str
    position: _ListPosition | None


# The parts of a paragraph's ``w:pPr`` the preview reads: the style ID, the ``w:jc`` value,
# whether there is a ``w:numPr`` and its ``w:ilvl`` and ``w:numId`` values. An element that
# is there without a value differs from one that is absent, hence the marker.
_ABSENT: Final = "\x00absent"
_LookKey = tuple[str | None, str | None, bool, str | None, str | None]


@dataclass
class _Renderer:
    """One render. The walk reads the XML directly, each element once: a long note has
    thousands of paragraphs but a handful of distinct paragraph properties, so what each
    set of properties looks like is worked out once (:meth:`_look`), and python-docx's
    proxies (a style lookup is an XPath search of the styles part) are made only then.
    A paragraph rendered lately with the same XML and styles (every one but the edited one,
    when the pane follows the typing) is taken from :mod:`exporters.preview_cache`."""

    document: Document
    _paragraphs: ParagraphCache = field(init=False)
    _style_css: dict[str, str] = field(default_factory=dict)
    # By the paragraph's ``w:pStyle`` value (None: no style named).
    _styles: dict[str | None, _StyleInfo] = field(default_factory=dict)
    _looks: dict[_LookKey, _Look] = field(default_factory=dict)
    _starts: dict[tuple[str, str], int] | None = None
    _numbering: Any = None
    _document_defaults: dict[str, Any] | None = None

    def render(self) -> str:
        try:
            self._numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a template without lists
            self._numbering = None
        self._paragraphs = paragraph_cache(self.document.styles.element)
        parts = ["<html><body style='font-family: Arial, sans-serif;'>"]
        header = self.document.sections[0].header
        if not header.is_linked_to_previous:
            parts.append("<div>")
            parts.extend(self._blocks(header._element, header))
            parts.append("</div><hr/>")
        parts.extend(self._blocks(self.document.element.body, self.document))
        parts.append("</body></html>")
        return "".join(parts)

    # -- blocks ------------------------------------------------------------------------------

    def _blocks(self, container: Any, parent: Any) -> list[str]:
        """Paragraphs and tables in order; list items and attendee lines are grouped.

        ``container`` is the XML element holding them (the body, a header, a cell) and
        ``parent`` the python-docx object it belongs to (for its part: styles, images).
        """
        part = parent.part
        out: list[str] = []
        open_lists: list[tuple[_ListPosition, str]] = []  # (list, closing tag), outermost first
        attendees: list[tuple[_Look, str]] = []

        def close_lists(depth: int) -> None:
            while len(open_lists) > depth:
                out.append(open_lists.pop()[1])

        def flush_attendees() -> None:
            if attendees:
                out.append(self._attendee_table(attendees))
                attendees.clear()

        children = list(container.iterchildren(_W_P, _W_TBL))
        keys = child_keys(container, len(children))
        for index, element in enumerate(children):
            if element.tag == _W_TBL:
                close_lists(0)
                flush_attendees()
                out.append(self._table(Table(element, parent), part))
                continue
            look, runs = self._read(element, parent, keys[index] if keys else None)
            if look.name == _ATTENDEE:
                close_lists(0)
                attendees.append((look, runs))
                continue
            flush_attendees()
            position = look.position
            if position is None:
                close_lists(0)
                out.append(_paragraph(look, runs))
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
            out.append(_paragraph(look, runs, "li"))
        close_lists(0)
        flush_attendees()
        return out

    def _read(self, p: Any, parent: Any, key: str | None) -> tuple[_Look, str]:
        """The look of paragraph ``p`` and its runs as HTML, from the cache when a paragraph
        with the same XML (``key``; None: unknown) was rendered with the same styles lately.
        A paragraph holding a picture is read every time: its image is in the part."""
        if key is not None:
            cached = self._paragraphs.get(key)
            if cached is not None:
                return cached
        read = self._look(p, parent), self._runs(p, parent.part)
        if key is not None and "<w:drawing" not in key:
            self._paragraphs.put(key, read, len(key))
        return read

    def _attendee_table(self, paragraphs: list[tuple[_Look, str]]) -> str:
        """Two newspaper columns, read top to bottom: the first holds the larger half."""
        half = (len(paragraphs) + 1) // 2
        columns = [paragraphs[:half], paragraphs[half:]]
        cells = "".join(
            "<td width='50%' valign='top'>"
            + "".join(_paragraph(look, runs) for look, runs in column)
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
                content = "".join(self._blocks(cell._tc, cell))
                cells.append(f"<td{width} valign='top'>{content}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return (
            "<table width='100%' border='1' cellspacing='0' cellpadding='4'"
            f" style='border-collapse: collapse;'>{''.join(rows)}</table>"
        )

    # -- paragraph properties ----------------------------------------------------------------

    def _look(self, p: Any, parent: Any) -> _Look:
        """The look of paragraph ``p``, read from its ``w:pPr`` (the first of each element,
        as python-docx reads them)."""
        style_id: str | None = None
        jc: str | None = _ABSENT
        num_pr: Any = None
        p_pr = _first_child(p, _W_PPR)
        if p_pr is not None:
            found_style = False
            for child in p_pr.iterchildren(_W_PSTYLE, _W_JC, _W_NUMPR):
                tag = child.tag
                if tag == _W_PSTYLE and not found_style:
                    style_id, found_style = child.get(_W_VAL), True
                elif tag == _W_JC and jc == _ABSENT:
                    jc = child.get(_W_VAL)
                elif tag == _W_NUMPR and num_pr is None:
                    num_pr = child
        ilvl = num_id = _ABSENT
        if num_pr is not None:
            ilvl_element = _first_child(num_pr, _W_ILVL)
            num_id_element = _first_child(num_pr, _W_NUMID)
            ilvl = ilvl_element.get(_W_VAL) if ilvl_element is not None else _ABSENT
            num_id = num_id_element.get(_W_VAL) if num_id_element is not None else _ABSENT
        key = (style_id, jc, num_pr is not None, ilvl, num_id)
        look = self._looks.get(key)
        if look is None:
            info = self._style(style_id, p, parent)
            css = info.css
            align = _ALIGN.get(WD_ALIGN_PARAGRAPH.from_xml(jc)) if jc != _ABSENT else None
            if align:
                css += f" text-align: {align};"
            position = _list_position(info.name, num_pr is not None, ilvl, num_id)
            look = self._looks[key] = _Look(info.name, css.strip(), position)
        return look

    def _style(self, style_id: str | None, p: Any, parent: Any) -> _StyleInfo:
        """The paragraph's style, looked up by python-docx (default style, wrong type and
        all) the first time its ID is met."""
        info = self._styles.get(style_id)
        if info is None:
            style = Paragraph(p, parent).style
            name = (style.name or "") if style is not None else ""
            info = self._styles[style_id] = _StyleInfo(name, self._css(style))
        return info

    # -- lists -------------------------------------------------------------------------------

    def _open_list(self, position: _ListPosition) -> str:
        if not position.ordered:
            return "<ul>"
        start = self._start(position)
        return f"<ol start='{start}'>" if start != 1 else "<ol>"

    def _start(self, position: _ListPosition) -> int:
        """The first number of a numbered list: its ``w:startOverride``, else 1."""
        if position.num_id is None or position.num_id.startswith("style:"):
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

    def _runs(self, p: Any, part: Any) -> str:
        """The runs' text with their direct formatting, read from the XML as
        ``Run.font`` would read it (the same tri-state bold and italic)."""
        pieces = []
        for r in p.iterchildren(_W_R):
            text = ""
            r_pr = None
            for child in r.iterchildren():
                tag = child.tag
                if tag == _W_T:
                    text += html.escape(child.text or "")
                elif tag == _W_RPR:
                    r_pr = child if r_pr is None else r_pr
                elif tag == _W_TAB:
                    text += "&nbsp;&nbsp;&nbsp;&nbsp;"
                elif tag == _W_BR:
                    text += "<br/>"
                elif tag == _W_DRAWING:
                    text += self._image(child, part)
            if text and r_pr is not None:
                text = _formatted(text, r_pr)
            if text:
                pieces.append(text)
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

    def _css(self, style: BaseStyle | None) -> str:
        """Font size, weight, slant and colour a paragraph style gives (or inherits)."""
        if style is None:
            return ""
        key = style.style_id
        if key not in self._style_css:
            self._style_css[key] = _style_css(style, self._defaults())
        return self._style_css[key]


def _first_child(element: Any, tag: str) -> Any:
    """``element.find(tag)`` for a plain tag, without lxml's ElementPath (written in Python,
    so about a microsecond a call: the render asks thousands of times)."""
    return next(element.iterchildren(tag), None)


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


def _paragraph(look: _Look, runs: str, tag: str = "p") -> str:
    """One paragraph, styled as its Word style says.

    Headings are ``<p>`` too: Qt's rich text gives ``<h1>``-``<h6>`` fixed sizes that no
    ``font-size`` overrides, and the sizes are the point of a preview.
    """
    return f"<{tag} style='{look.css}'>{runs}</{tag}>"


def _list_position(
    name: str, numbered: bool, ilvl: str | None, num_id: str | None
) -> _ListPosition | None:
    """Where a paragraph of style ``name`` sits in a list (None: it is not a list item).

    ``ilvl`` and ``num_id`` are the values of its ``w:numPr`` (:data:`_ABSENT` when missing).
    """
    if not name.startswith("List") and not numbered:
        return None
    level = 1 if name.endswith(" 2") else 0
    list_id: str | None = f"style:{name}"
    if numbered:
        if ilvl != _ABSENT:
            level = int(ilvl)  # type: ignore[arg-type]  # None raises, as python-docx would
        if num_id != _ABSENT:
            if num_id == "0":
                return None  # numId 0 switches a list style's numbering off
            list_id = num_id
    ordered = "Number" in name
    return _ListPosition(list_id, min(level, 8), ordered)


def _formatted(text: str, r_pr: Any) -> str:
    """``text`` wrapped in the run's direct formatting (the first of each element counts)."""
    size = vert_align = italic = bold = None
    for child in r_pr.iterchildren(_W_SZ, _W_VERT_ALIGN, _W_I, _W_B):
        tag = child.tag
        if tag == _W_SZ:
            size = child if size is None else size
        elif tag == _W_VERT_ALIGN:
            vert_align = child if vert_align is None else vert_align
        elif tag == _W_I:
            italic = child if italic is None else italic
        else:
            bold = child if bold is None else bold
    if size is not None:
        text = f"<span style='font-size: {_points(size.get(_W_VAL)):g}pt;'>{text}</span>"
    if vert_align is not None and vert_align.get(_W_VAL) == "superscript":
        text = f"<sup>{text}</sup>"
    if _on_off(italic):
        text = f"<i>{text}</i>"
    is_bold = _on_off(bold)
    if is_bold:
        text = f"<b>{text}</b>"
    elif is_bold is False:
        text = f"<span style='font-weight: normal;'>{text}</span>"
    return text
