"""A Word file as a flat list of what a reader of the page sees: paragraphs and tables.

The reader of a note works from the *shape* of the page (a heading, a bold line, a list
item, a table row), never from our own style names, because an old note may have been
written by hand in Word with any styles. So each paragraph is reduced here to its words
(with bold and italic), its outline level (a ``Heading N`` or ``Title`` style, or any
style that carries an outline level), and whether it is a list item (real Word numbering,
a list style, or a typed bullet), at which level, and numbered or not.

python-docx's ``iter_inner_content`` walks the body in document order, paragraphs and
tables interleaved, which is all the structure a note has; docx2python flattens tables
into nested lists and loses paragraph styles, and mammoth converts to HTML by style maps
that would have to be kept in step with every template a user ever had. python-docx is
already the exporter's library, so reading and writing share one understanding of Word.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from docx import Document as open_docx  # noqa: N813 (a function, named as one)
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import XMLSyntaxError

from models.notes.blocks import LINE_BREAK_TEXT, Run, merge_runs

if TYPE_CHECKING:
    from docx.document import Document

# An OLE compound file: an old binary .doc, or an encrypted (password-protected) .docx,
# which Word stores inside such a container.
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC: Final = b"PK"
# Bullets typed by hand: only the bullet characters themselves ("- " is ordinary text, and
# a Markdown note that starts a paragraph with a dash escaped it on purpose).
TYPED_BULLET: Final = re.compile("^\\s*([\u2022\u25cf\u25e6\u2023\u2043\u00b7\u25aa])[\t ]+")
_HEADING_STYLE: Final = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


class NoteReadError(ValueError):
    """A file that cannot be read as a Word note at all; the message is one plain line."""


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph as the reader sees it.

    ``heading`` is the outline level (0 for a document title, 1-9 for headings, None for
    body text); ``list_level`` is None for a paragraph that is not a list item, else 0 or
    deeper; ``typed_bullet`` says the bullet was a typed character, now removed.
    """

    runs: tuple[Run, ...]
    heading: int | None = None
    list_level: int | None = None
    ordered: bool = False
    typed_bullet: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs).strip()

    @property
    def bold(self) -> bool:
        """Every word in bold (a hand-made heading, a label such as ``Actions:``)."""
        words = [run for run in self.runs if run.text.strip()]
        return bool(words) and all(run.bold for run in words)


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table: rows of cells, each cell its own lines."""

    rows: tuple[tuple[tuple[Line, ...], ...], ...]


Block = Line | TableBlock


@dataclass(frozen=True, slots=True)
class WordFile:
    """What was read from a .docx: its body in order, and the properties a reader can use."""

    blocks: tuple[Block, ...]
    title: str
    created_year: int | None


def read_word_file(path: Path) -> WordFile:
    """Read ``path`` or raise NoteReadError with the reason a person can act on."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except IsADirectoryError:
        raise NoteReadError("this is a folder, not a file") from None
    except OSError as error:
        raise NoteReadError(f"cannot read the file ({error.strerror or error})") from None
    if not head:
        raise NoteReadError("the file is empty")
    if head.startswith(_OLE_MAGIC):
        if path.suffix.lower() == ".doc":
            raise NoteReadError(
                "an old Word 97-2003 .doc file: open it in Word, save it as .docx, import that"
            )
        raise NoteReadError(
            "the file is password-protected (encrypted): remove the password in Word first"
        )
    if path.suffix.lower() == ".doc":
        raise NoteReadError("not a .docx file: open it in Word, save it as .docx, import that")
    if not head.startswith(_ZIP_MAGIC):
        raise NoteReadError("damaged or not a Word .docx file")
    try:
        document = open_docx(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, XMLSyntaxError, ValueError):
        raise NoteReadError("damaged or not a Word .docx file") from None
    except OSError as error:
        raise NoteReadError(f"cannot read the file ({error.strerror or error})") from None
    return _flatten(document)


def _flatten(document: Document) -> WordFile:
    reader = _Reader(document)
    blocks: list[Block] = []
    for content in document.iter_inner_content():
        if isinstance(content, DocxParagraph):
            blocks.append(reader.line(content))
        elif isinstance(content, Table):
            blocks.append(reader.table(content))
    props = document.core_properties
    moment = props.created or props.modified
    return WordFile(tuple(blocks), props.title or "", moment.year if moment else None)


class _Reader:
    """Per-document caches: numbering formats and what each style implies."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._formats = _numbering_formats(document)
        self._styles: dict[str, tuple[int | None, bool, tuple[str, str] | None]] = {}
        self._bold_styles: dict[str, bool] = {}

    def table(self, table: Table) -> TableBlock:
        rows = []
        for row in table.rows:
            cells = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is reported once per grid column
                    continue
                seen.add(id(cell._tc))
                cells.append(tuple(self.line(p) for p in cell.paragraphs))
            rows.append(tuple(cells))
        return TableBlock(tuple(rows))

    def line(self, paragraph: DocxParagraph) -> Line:
        runs = merge_runs(tuple(self._runs(paragraph)))
        style_id = paragraph._p.style or ""
        heading, style_list, style_num = self._style_facts(paragraph, style_id)
        p_pr: Any = paragraph._p.pPr
        outline = p_pr.find(qn("w:outlineLvl")) if p_pr is not None else None
        if outline is not None and heading is None:
            level = int(outline.get(qn("w:val"), "9"))
            heading = level + 1 if level < 9 else None
        num = _num_pr(p_pr) or style_num
        list_level: int | None = None
        ordered = False
        if num is not None and num[0] != "0":
            num_id, ilvl = num
            fmt = self._formats.get((num_id, ilvl), "bullet")
            if fmt != "none":
                list_level = int(ilvl)
                ordered = fmt != "bullet"
        elif style_list:
            list_level = 0
            ordered = "number" in paragraph.style.name.lower() if paragraph.style else False
        typed = False
        if list_level is None and heading is None and runs:
            match = TYPED_BULLET.match(runs[0].text)
            if match and len(runs[0].text) > match.end():
                first = runs[0]
                runs = (Run(first.text[match.end() :], first.bold, first.italic), *runs[1:])
                list_level, typed = 0, True
        if heading is not None:
            runs = tuple(Run(run.text) for run in runs)  # a heading is bold by its style
        return Line(runs, heading, list_level, ordered, typed)

    def _runs(self, paragraph: DocxParagraph) -> list[Run]:
        runs: list[Run] = []
        for item in paragraph.iter_inner_content():
            for run in getattr(item, "runs", None) or [item]:
                text = _run_text(run._r)
                if not text:
                    continue
                bold = bool(run.bold) or self._style_bold(run, "b")
                italic = bool(run.italic) or self._style_bold(run, "i")
                for index, piece in enumerate(text.split("\n")):
                    if index:
                        runs.append(Run(LINE_BREAK_TEXT))
                    if piece:
                        runs.append(Run(piece.replace("\t", " "), bold, italic))
        return runs

    def _style_bold(self, run: Any, tag: str) -> bool:
        """Bold or italic from a character style (``Strong``, ``Emphasis``), as pandoc writes."""
        r_pr = run._r.rPr
        style = r_pr.find(qn("w:rStyle")) if r_pr is not None else None
        if style is None:
            return False
        style_id = style.get(qn("w:val"), "")
        key = f"{style_id}\x00{tag}"
        if key not in self._bold_styles:
            found = False
            try:
                char_style: Any = self._document.styles.element.get_by_id(style_id)
            except (KeyError, ValueError):
                char_style = None
            if char_style is not None:
                props = char_style.find(qn("w:rPr"))
                flag = props.find(qn(f"w:{tag}")) if props is not None else None
                found = flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false")
            lowered = style_id.lower()
            found = found or (tag == "b" and "strong" in lowered)
            found = found or (tag == "i" and ("emphasis" in lowered or lowered == "emph"))
            self._bold_styles[key] = found
        return self._bold_styles[key]

    def _style_facts(
        self, paragraph: DocxParagraph, style_id: str
    ) -> tuple[int | None, bool, tuple[str, str] | None]:
        """(outline level, is a list style, numbering) implied by a paragraph style."""
        if style_id in self._styles:
            return self._styles[style_id]
        heading: int | None = None
        is_list = False
        numbering: tuple[str, str] | None = None
        style: Any = paragraph.style
        depth = 0
        while style is not None and depth < 10:
            name = (style.name or "").strip()
            lowered = name.lower()
            if heading is None:
                if lowered in ("title", "subtitle"):
                    heading = 0 if lowered == "title" else 1
                elif match := _HEADING_STYLE.match(name):
                    heading = int(match.group(1))
                else:
                    p_pr = style.element.pPr
                    outline = p_pr.find(qn("w:outlineLvl")) if p_pr is not None else None
                    if outline is not None and int(outline.get(qn("w:val"), "9")) < 9:
                        heading = int(outline.get(qn("w:val"))) + 1
            if lowered.startswith("list") and lowered != "list paragraph":
                is_list = True
            if numbering is None:
                numbering = _num_pr(style.element.pPr)
            style = style.base_style
            depth += 1
        facts = (heading, is_list, numbering)
        self._styles[style_id] = facts
        return facts


_RUN_TEXT: Final = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
_RUN_TEXT[qn("w:noBreakHyphen")] = "-"


def _run_text(r: Any) -> str:
    """A run's words, every break (a page break too: python-docx leaves it out) a new line."""
    parts = []
    for child in r:
        if child.tag == _T:
            parts.append(child.text or "")
        else:
            parts.append(_RUN_TEXT.get(child.tag, ""))
    return "".join(parts)


_T: Final = qn("w:t")


def _num_pr(p_pr: Any) -> tuple[str, str] | None:
    if p_pr is None:
        return None
    num_pr = p_pr.find(qn("w:numPr"))
    if num_pr is None:
        return None
    num_id = num_pr.find(qn("w:numId"))
    ilvl = num_pr.find(qn("w:ilvl"))
    if num_id is None:
        return None
    return num_id.get(qn("w:val"), "0"), ilvl.get(qn("w:val"), "0") if ilvl is not None else "0"


def _numbering_formats(document: Document) -> dict[tuple[str, str], str]:
    """(numId, level) -> Word's number format (``bullet``, ``decimal``, ``none`` ...)."""
    try:
        numbering: Any = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract: dict[str, dict[str, str]] = {}
    for definition in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for level in definition.findall(qn("w:lvl")):
            fmt = level.find(qn("w:numFmt"))
            levels[level.get(qn("w:ilvl"), "0")] = (
                fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal"
            )
        abstract[definition.get(qn("w:abstractNumId"), "")] = levels
    formats: dict[tuple[str, str], str] = {}
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for ilvl, fmt in abstract.get(ref.get(qn("w:val"), ""), {}).items():
            formats[(num.get(qn("w:numId"), ""), ilvl)] = fmt
    return formats
