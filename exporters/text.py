"""Make arbitrary user text safe to put into a Word document.

Minutes arrive from forms, pasted e-mails and Word itself, so they can hold characters that
XML 1.0 forbids (python-docx then raises ``ValueError: All strings must be XML compatible``
half-way through an export) and Word's own control characters: ``\\x0b`` is what Word's
Shift+Enter (a manual line break) becomes when copied as text, ``\\x0c`` a page break. Rather
than losing those two, :func:`clean_text` turns them into :data:`LINE_BREAK` and
:data:`PAGE_BREAK` markers between XML-safe pieces of text, and :func:`add_text` writes the
pieces as runs with real ``<w:br/>`` / ``<w:br w:type="page"/>`` elements. (python-docx's own
``Run.text`` setter turns ``\\n`` into ``<w:cr/>`` and chokes on ``\\x0c``, hence our own.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from docx.enum.text import WD_BREAK

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run


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


def clean_text(text: str) -> tuple[Segment, ...]:
    """Split ``text`` into XML-safe strings and the line/page breaks between them.

    Line breaks (``\\n``, ``\\r\\n``, ``\\r``, ``\\x0b``, U+2028 ...) become
    :data:`LINE_BREAK`, ``\\x0c`` becomes :data:`PAGE_BREAK`, other characters XML cannot
    hold are dropped. Empty strings are never returned, so ``clean_text("")`` is ``()``.
    """
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
    """
    runs: list[Run] = []
    for segment in clean_text(text):
        run = paragraph.add_run(style=style)
        if isinstance(segment, str):
            run.text = segment  # tabs become <w:tab/>; no other control character is left
        else:
            run.add_break(WD_BREAK.PAGE if segment.page else WD_BREAK.LINE)
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
        if superscript:
            run.font.superscript = True
        runs.append(run)
    return runs
