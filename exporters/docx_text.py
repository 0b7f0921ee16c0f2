"""Text into a python-docx paragraph: for the parts of a note built on the template itself.

The note's body is written as XML text (:func:`exporters.text.runs_xml`); the page header,
the footer and the action log are written into python-docx objects, element by element, with
:func:`add_text`. Both write the same runs for the same text (a property test holds them to
it), and both clean the text with :func:`exporters.text.clean_text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from docx.oxml.ns import qn
from docx.text.run import Run
from lxml.etree import SubElement

from exporters.tags import BOLD as _B
from exporters.tags import BR as _BR
from exporters.tags import ITALIC as _I
from exporters.tags import R_PR as _RPR
from exporters.tags import TAB as _TAB
from exporters.tags import TYPE as _TYPE
from exporters.tags import VAL as _VAL
from exporters.tags import VERT_ALIGN as _VERT_ALIGN
from exporters.tags import R as _R
from exporters.tags import T as _T
from exporters.text import clean_text

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph


def add_text(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    superscript: bool = False,
    style: str | None = None,
) -> list[Run]:
    """Append ``text`` to ``paragraph`` as runs, breaks as ``<w:br/>``; returns the runs.

    ``None`` for ``bold``/``italic`` leaves the property to the paragraph style (so a heading
    stays bold), ``True``/``False`` sets it. One run per piece of text keeps every run plain
    ``<w:r><w:rPr/><w:t/></w:r>`` or ``<w:r><w:br/></w:r>``, which any reader understands.
    ``style`` names a character style (looked up by python-docx, as ``add_run`` would).
    """
    p: Any = paragraph._p
    has_properties = bold is not None or italic is not None or superscript
    runs: list[Run] = []
    for segment in clean_text(text):
        if style is None:
            r: Any = SubElement(p, _R)
        else:
            r = paragraph.add_run(style=style)._r  # <w:rPr><w:rStyle/></w:rPr> first
        if has_properties:
            _add_properties(r, bold, italic, superscript=superscript)
        if isinstance(segment, str):
            _append_text(r, segment)
        else:
            br = SubElement(r, _BR)
            if segment.page:
                br.set(_TYPE, "page")
        runs.append(Run(r, paragraph))
    return runs


def _add_properties(r: Any, bold: bool | None, italic: bool | None, *, superscript: bool) -> None:
    """``<w:b/>``, ``<w:i/>`` (``w:val="0"`` when False) and superscript, in the schema's order."""
    r_pr = r.find(_RPR)
    if r_pr is None:
        r_pr = SubElement(r, _RPR)
    if bold is not None:
        b = SubElement(r_pr, _B)
        if not bold:
            b.set(_VAL, "0")
    if italic is not None:
        i = SubElement(r_pr, _I)
        if not italic:
            i.set(_VAL, "0")
    if superscript:
        SubElement(r_pr, _VERT_ALIGN).set(_VAL, "superscript")


def _append_text(r: Any, text: str) -> None:
    """``<w:t>`` for each stretch of text and ``<w:tab/>`` for each tab, as ``Run.text`` does.

    A stretch that starts or ends with white space keeps it (``xml:space="preserve"``).
    """
    for index, piece in enumerate(text.split("\t")):
        if index:
            SubElement(r, _TAB)
        if piece:
            t = SubElement(r, _T)
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_XML_SPACE, "preserve")


_XML_SPACE: Final = qn("xml:space")
