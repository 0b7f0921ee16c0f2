"""Make arbitrary user text safe to put into a Word document.

Minutes arrive from forms, pasted e-mails and Word itself, so they can hold characters that
XML 1.0 forbids (python-docx then raises ``ValueError: All strings must be XML compatible``
half-way through an export) and Word's own control characters: ``\\x0b`` is what Word's
Shift+Enter (a manual line break) becomes when copied as text, ``\\x0c`` a page break. Rather
than losing those two, :func:`clean_text` turns them into :data:`LINE_BREAK` and
:data:`PAGE_BREAK` markers between XML-safe pieces of text, and :func:`runs_xml` writes the
pieces as runs with real ``<w:br/>`` / ``<w:br w:type="page"/>`` elements. (python-docx's own
``Run.text`` setter turns ``\\n`` into ``<w:cr/>`` and chokes on ``\\x0c``, hence our own.)

The runs are written as XML text, in the form lxml serialises them (so a note written as text
is byte for byte the one python-docx would save): the ``Run.text`` setter walks the text one
character at a time and every ``bold``/``italic`` searches the run's properties for their
place, which made a long note take a tenth of a second or more. Nothing here imports
python-docx or lxml: a command-line export runs without them (see :mod:`exporters.lean`).
"""

import re
from typing import Final, NamedTuple

from models.compiled_on_use import CompiledOnUse


class Break(NamedTuple):
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
_XML_ILLEGAL: Final = CompiledOnUse("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Every spelling of "new line" a paste can bring: Windows, old Mac, Unicode's own separators,
# and Word's manual line break.
_LINE_BREAKS: Final = CompiledOnUse("\r\n|[\r\n\x0b\x85\u2028\u2029]")
_SPACES: Final = re.compile("[ \t]+")
# Any character that :func:`clean_text` splits on or drops: all of the above.
_NEEDS_CLEANING: Final = CompiledOnUse(
    "[\x00-\x08\x0a-\x1f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


def _needs_no_cleaning(text: str) -> bool:
    """Whether :func:`clean_text` keeps ``text`` as it is.

    ``str.isprintable`` answers for most text at once: no character it passes is a break or
    one XML forbids. It fails others too (a tab, a no-break space), and only then is the
    pattern asked: compiling it (a class of characters beyond Latin-1) costs more than an
    export's check of all its text, so an export whose text is all printable never does.
    """
    return text.isprintable() or _NEEDS_CLEANING().search(text) is None


def clean_text(text: str) -> tuple[Segment, ...]:
    """Split ``text`` into XML-safe strings and the line/page breaks between them.

    Line breaks (``\\n``, ``\\r\\n``, ``\\r``, ``\\x0b``, U+2028 ...) become
    :data:`LINE_BREAK`, ``\\x0c`` becomes :data:`PAGE_BREAK`, other characters XML cannot
    hold are dropped. Empty strings are never returned, so ``clean_text("")`` is ``()``.
    """
    if _needs_no_cleaning(text):  # most text: one look, no splitting
        return (text,) if text else ()
    segments: list[Segment] = []
    for page_index, page in enumerate(text.split("\x0c")):
        if page_index:
            segments.append(PAGE_BREAK)
        for line_index, line in enumerate(_LINE_BREAKS().split(page)):
            if line_index:
                segments.append(LINE_BREAK)
            safe = _XML_ILLEGAL().sub("", line)
            if safe:
                segments.append(safe)
    return tuple(segments)


def single_line(text: str) -> str:
    """XML-safe text on one line: breaks become single spaces, runs of spaces collapse.

    For places that cannot hold a break: document properties, titles, table labels.
    """
    joined = "".join(seg if isinstance(seg, str) else " " for seg in clean_text(text))
    return _SPACES.sub(" ", joined).strip(" ")


def runs_xml(
    text: str, *, bold: bool | None = None, italic: bool | None = None, superscript: bool = False
) -> str:
    """``text`` as Word runs, XML text with the ``w:`` prefix, breaks as ``<w:br/>``.

    ``None`` for ``bold``/``italic`` leaves the property to the paragraph style (so a heading
    stays bold), ``True``/``False`` sets it. One run per piece of text keeps every run plain
    ``<w:r><w:rPr/><w:t/></w:r>`` or ``<w:r><w:br/></w:r>``, which any reader understands.
    The XML is what python-docx's own API writes, element for element, as lxml serialises it
    (a property test holds the two to the same output).
    """
    properties = _RUN_PROPERTIES[(bold, italic)]
    if superscript:
        properties = properties.removesuffix("</w:rPr>").removeprefix("<w:rPr>")
        properties = f'<w:rPr>{properties}<w:vertAlign w:val="superscript"/></w:rPr>'
    if "\t" not in text and _needs_no_cleaning(text):
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


def text_xml(text: str) -> str:
    """``text`` as an element's content, escaped as lxml escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _t_xml(piece: str) -> str:
    """``<w:t>`` holding ``piece`` (no tab nor break in it), keeping its outer spaces."""
    escaped = text_xml(piece)
    if len(piece.strip()) < len(piece):
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


def printed_text(text: str) -> str:
    """What :func:`runs_xml` prints of ``text``, breaks and tabs as spaces (so that words do
    not run together): the text the pre-publication check reads."""
    if "\t" not in text and _needs_no_cleaning(text):
        return text
    return "".join(
        segment.replace("\t", " ") if isinstance(segment, str) else " "
        for segment in clean_text(text)
    )


def _run_properties(bold: bool | None, italic: bool | None) -> str:
    """``<w:rPr>`` of a run of :func:`runs_xml`: bold before italic, as the schema orders them."""
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
    """``value`` escaped for an XML attribute in double quotes, as lxml writes it (white space
    as references: a parser would turn a tab or a line end in an attribute into a space)."""
    for character, reference in _ATTRIBUTE_ESCAPES:
        value = value.replace(character, reference)
    return value


_ATTRIBUTE_ESCAPES: Final = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\t", "&#9;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
)
