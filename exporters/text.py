"""Make arbitrary user text safe to put into a Word document.

Minutes arrive from forms, pasted e-mails and Word itself, so they can hold characters that
XML 1.0 forbids (python-docx then raises ``ValueError: All strings must be XML compatible``
half-way through an export) and Word's own control characters: ``\\x0b`` is what Word's
Shift+Enter (a manual line break) becomes when copied as text, ``\\x0c`` a page break. Rather
than losing those two, :func:`clean_text` turns them into :data:`LINE_BREAK` and
:data:`PAGE_BREAK` markers between XML-safe pieces of text, and :func:`add_text` writes the
pieces as runs with real ``<w:br/>`` / ``<w:br w:type="page"/>`` elements. (python-docx's own
``Run.text`` setter turns ``\\n`` into ``<w:cr/>`` and chokes on ``\\x0c``, hence our own.)

The runs are built as XML directly (:func:`lxml.etree.SubElement` on the paragraph): the
``Run.text`` setter walks the text one character at a time and every ``bold``/``italic``
searches the run's properties for their place, which made a long note take a tenth of a
second or more. The XML is the one python-docx would write, element for element (the golden
export tests hold it to that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph


@dataclass(frozen=True, slots=True)
class Break:
    """A break between two pieces of text: a manual line break, or a page break."""

    page: bool

    def __repr__(self) -> str:
        return "PAGE_BREAK" if self.page else "LINE_BREAK"


LINE_BREAK: Final = Break(page=False)
PAGE_BREAK: Final = Break(page=True)

Segment = str | Break

# Everything XML 1.0 forbids (Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
# [#x10000-#x10FFFF]): C0 controls but tab/newline/CR, lone surrogates (Python strings can
# hold them, e.g. after a bad decode with surrogateescape) and the non-characters U+FFFE/FFFF.
# \x0b and \x0c are forbidden too, but are split out as breaks before this is applied.
_XML_ILLEGAL: Final = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Every spelling of "new line" a paste can bring: Windows, old Mac, Unicode's own separators,
# and Word's manual line break.
_LINE_BREAKS: Final = re.compile("\r\n|[\r\n\x0b\x85\u2028\u2029]")
_SPACES: Final = re.compile("[ \t]+")
# Any character that :func:`clean_text` splits on or drops: all of the above.
_NEEDS_CLEANING: Final = re.compile("[\x00-\x08\x0a-\x1f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> tuple[Segment, ...]:
    """Split ``text`` into XML-safe strings and the line/page breaks between them.

    Line breaks (``\\n``, ``\\r\\n``, ``\\r``, ``\\x0b``, U+2028 ...) become
    :data:`LINE_BREAK`, ``\\x0c`` becomes :data:`PAGE_BREAK`, other characters XML cannot
    hold are dropped. Empty strings are never returned, so ``clean_text("")`` is ``()``.
    """
    if _NEEDS_CLEANING.search(text) is None:  # most text: one search, no splitting
        return (text,) if text else ()
    segments: list[Segment] = []
    for page_index, page in enumerate(text.split("\x0c")):
        if page_index:
            segments.append(PAGE_BREAK)
        for line_index, line in enumerate(_LINE_BREAKS.split(page)):
            if line_index:
                segments.append(LINE_BREAK)
            safe = _XML_ILLEGAL.sub("", line)
            if safe:
                segments.append(safe)
    return tuple(segments)


def single_line(text: str) -> str:
    """XML-safe text on one line: breaks become single spaces, runs of spaces collapse.

    For places that cannot hold a break: document properties, titles, table labels.
    """
    joined = "".join(seg if isinstance(seg, str) else " " for seg in clean_text(text))
    return _SPACES.sub(" ", joined).strip(" ")


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


def runs_xml(text: str, *, bold: bool | None = None, italic: bool | None = None) -> str:
    """The runs :func:`add_text` appends for ``text``, as XML text with the ``w:`` prefix.

    For writing many paragraphs at once (an item's notes, see
    ``exporters.writer.Sink.paragraphs``): lxml builds a tree from text several times faster
    than element by element. The XML is :func:`add_text`'s, element for element; a property
    test holds the two to the same output.
    """
    properties = _RUN_PROPERTIES[(bold, italic)]
    if "\t" not in text and _NEEDS_CLEANING.search(text) is None:
        # Most text is one run of one stretch: written at once (a note has thousands).
        return f"<w:r>{properties}{_t_xml(text)}</w:r>" if text else ""
    runs = []
    for segment in clean_text(text):
        if isinstance(segment, Break):
            runs.append(
                f'<w:r>{properties}<w:br w:type="page"/></w:r>'
                if segment.page
                else f"<w:r>{properties}<w:br/></w:r>"
            )
            continue
        pieces = []
        for index, piece in enumerate(segment.split("\t")):
            if index:
                pieces.append("<w:tab/>")
            if piece:
                pieces.append(_t_xml(piece))
        runs.append(f"<w:r>{properties}{''.join(pieces)}</w:r>")
    return "".join(runs)


def _t_xml(piece: str) -> str:
    """``<w:t>`` holding ``piece`` (no tab nor break in it), keeping its outer spaces."""
    escaped = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if len(piece.strip()) < len(piece):
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


def _run_properties(bold: bool | None, italic: bool | None) -> str:
    """``<w:rPr>`` of a run of :func:`runs_xml`, as :func:`_add_properties` writes it."""
    if bold is None and italic is None:
        return ""
    properties = "<w:rPr>"
    if bold is not None:
        properties += "<w:b/>" if bold else '<w:b w:val="0"/>'
    if italic is not None:
        properties += "<w:i/>" if italic else '<w:i w:val="0"/>'
    return properties + "</w:rPr>"


_SWITCHES: Final = (None, True, False)
_RUN_PROPERTIES: Final = {
    (bold, italic): _run_properties(bold, italic) for bold in _SWITCHES for italic in _SWITCHES
}


def attribute_xml(value: str) -> str:
    """``value`` escaped for an XML attribute in double quotes (white space as references:
    a parser would turn a tab or a line end in an attribute into a space)."""
    for character, reference in _ATTRIBUTE_ESCAPES:
        value = value.replace(character, reference)
    return value


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
_ATTRIBUTE_ESCAPES: Final = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    ('"', "&quot;"),
    ("\t", "&#9;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
)
