"""Export a meeting as a Word note in one of the house layouts (the Public Note), on any
template, with python-docx.

The five layouts are the five published examples in ``HOUSE_STYLE.md``; each is one module
in ``exporters/layouts/`` that says how it differs (its title block, how attendees are listed,
how items are headed), writing with the shared pieces of :mod:`exporters.writer`. Everything
visual lives in the template's named styles (``resources/reference.docx``), never in direct
formatting, so a user's own template restyles the whole note and the result stays accessible
(real headings in order, real lists, document title and language set).

Here python-docx reads and prepares the template (its styles, lists, masthead, page
numbers), the layouts write the body as XML text (:mod:`exporters.body`), and the body goes
into the document. On our own template without a logo, :mod:`exporters.lean` gives the same
file without python-docx; :func:`exporters.built.build_any` chooses.

Public API: :class:`ExportError`, :func:`build_document`, :func:`build_note`,
:func:`write_document`, :func:`export_docx`, :func:`check_logo`.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Unpack

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import (
    InvalidImageStreamError,
    UnexpectedEndOfFileError,
    UnrecognizedImageError,
)
from docx.image.image import Image
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Length, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import SubElement

from exporters.docx_styles import page_facts, style_facts
from exporters.docx_text import add_text
from exporters.errors import ExportError, TemplateStyleWarning
from exporters.facts import PageFacts, StyleFacts
from exporters.files import write_atomically
from exporters.layouts import layout_for, refuse_dropping, write_note
from exporters.options import (
    DEFAULT_LOGO_ALT_TEXT,
    LOGO_FORMATS,
    ActionsMode,
    ExportOptions,
    NoteOptions,
)
from exporters.package import document_bytes, replace_app_properties
from exporters.tags import P_PR as _PPR
from exporters.tags import P_STYLE as _PSTYLE
from exporters.tags import VAL as _VAL
from exporters.tags import P as _P
from exporters.template import (
    add_numbering,
    ensure_styles,
    lacking_styles,
    list_numbering,
    make_continuous,
    open_template,
    set_columns,
    style_ids,
    template_facts,
)
from exporters.text import single_line
from exporters.untrusted import LOGO_FILE_LIMIT, check_image_size, read_bounded
from exporters.writer import (
    INTERNAL_MARK,
    MASTHEAD,
    MASTHEAD_LINES,
    STYLE_NAMES,
    TABLE_GRID,
    NoteProperties,
    NoteWriter,
)
from models.enums import Audience, LayoutStyle
from models.meeting_doc import MeetingDoc

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docx.document import Document
    from docx.section import _Header

    from exporters.numbering import ListNumbering

__all__ = [
    "DEFAULT_LOGO_ALT_TEXT",
    "MASTHEAD_LINES",
    "ActionsMode",
    "DocxNote",
    "ExportError",
    "ExportOptions",
    "NoteOptions",
    "TemplateStyleWarning",
    "build_document",
    "build_note",
    "check_logo",
    "export_docx",
    "missing_styles",
    "modified_time",
    "write_document",
]

# The logo is scaled to this height (about the text masthead's first line and a half), and
# narrower if a wide image would be more than a third of an A4 text width.
_LOGO_HEIGHT: Final = Cm(1.5)
_LOGO_MAX_WIDTH: Final = Cm(6)
# The styles the body is written in: all of ours but the table's, which python-docx resolves.
WRITTEN_STYLES: Final = tuple(name for name in STYLE_NAMES if name != TABLE_GRID)
_MODIFIED: Final = qn("dcterms:modified")
_ZIP_EPOCH: Final = datetime(1980, 1, 1)  # a file dated earlier than a zip can say
_UTC_TIME: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def export_docx(
    meeting: MeetingDoc,
    path: Path,
    style: LayoutStyle | None = None,
    **options: Unpack[NoteOptions],
) -> None:
    """Build the note for ``meeting`` and save it at ``path`` (see :func:`write_document`)."""
    write_atomically(path, build_note(meeting, style, **options).package())


def build_document(
    meeting: MeetingDoc, style: LayoutStyle | None = None, **options: Unpack[NoteOptions]
) -> Document:
    """The note as a python-docx document (see :func:`build_note`)."""
    return build_note(meeting, style, **options).document


@dataclass(frozen=True, slots=True)
class DocxNote:
    """A note built on its template with python-docx: the document, and what the
    pre-publication check reads of it (see :mod:`exporters.prepublication`)."""

    writer: NoteWriter
    document: Document

    def package(self) -> bytes:
        """The ``.docx`` file's bytes (see :func:`write_document`)."""
        return _package(self.document)

    def page(self) -> PageFacts:
        return page_facts(self.document)

    def styles(self, used: Iterable[str | None]) -> StyleFacts:
        return style_facts(self.document, used)


def build_note(
    meeting: MeetingDoc,
    style: LayoutStyle | None = None,
    *,
    audience: Audience = Audience.PUBLIC,
    template: Path | None = None,
    logo: Path | None = None,
    logo_alt_text: str = DEFAULT_LOGO_ALT_TEXT,
    actions: ActionsMode | None = None,
    edited_notice: bool = True,
) -> DocxNote:
    """The note as a python-docx document, with where each part of its text starts.

    ``style=None`` uses the meeting's own layout. A ``public`` note leaves out confidential
    items and every person's name; an ``internal`` one marks confidential items and names who
    attended. A ``logo`` (the organisation's own image, which the app does not ship) takes
    the place of the masthead's first line, described by ``logo_alt_text`` for screen
    readers. ``actions=None`` prints the actions as the layout's published notes do. A public
    note that leaves confidential items out says it was edited for publication unless
    ``edited_notice`` is False. The writer's ``regions`` serve the pre-publication check.
    """
    refuse_dropping(meeting, style if style is not None else meeting.style)
    layout = layout_for(style if style is not None else meeting.style)
    logo_image = check_logo(logo) if logo is not None else None
    alt_text = single_line(logo_alt_text) or DEFAULT_LOGO_ALT_TEXT
    document, numbering = prepared_template(
        template, Masthead(logo_image, alt_text), internal=audience is Audience.INTERNAL
    )
    note = NoteWriter(
        template_facts(document, WRITTEN_STYLES),
        meeting,
        style=layout.style,
        audience=audience,
        numbering=numbering,
        actions=actions if actions is not None else layout.default_actions,
        edited_notice=edited_notice,
    )
    write_note(note, layout)
    _put_body(document, note)
    write_properties(document, note.properties())
    replace_app_properties(document)
    return DocxNote(note, document)


def prepared_template(
    template: Path | None, masthead: Masthead, *, internal: bool
) -> tuple[Document, ListNumbering]:
    """The template with an empty body, the styles and lists the note needs, the masthead
    and the page numbers: everything but the note itself (and its properties)."""
    document = open_template(template)
    numbering = list_numbering(document)
    ensure_styles(document, STYLE_NAMES, numbering)
    _write_masthead(document, masthead, internal=internal)
    _write_page_numbers(document)
    return document, numbering


def _put_body(document: Document, note: NoteWriter) -> None:
    """The written body, its lists and its last section's settings, into ``document``."""
    body: Any = document.element.body
    end = body.find(qn("w:sectPr"))  # the body's last child stays last
    xml = note.body_sink.xml()
    if xml:
        for element in list(parse_xml(f"<w:body {nsdecls('w', 'r')}>{xml}</w:body>")):
            if end is not None:
                end.addprevious(element)
            else:
                body.append(element)
    if note.sections_ended and end is not None:
        make_continuous(end)
        set_columns(end, 1)
    add_numbering(document, note.numbering)


def missing_styles(template: Path) -> tuple[str, ...]:
    """The styles the note uses that ``template`` lacks (an export would add ours).

    Raises ExportError when the template cannot be opened at all, as an export would.
    """
    document = open_template(template)
    return lacking_styles(document, STYLE_NAMES)


def check_logo(path: Path) -> Image:
    """The logo at ``path``, read and understood, or an ExportError that says why not.

    Checked before anything is built, so the settings dialog can refuse a bad file when it
    is chosen rather than at the next export.
    """
    name = path.name
    if path.suffix.lower().lstrip(".") not in LOGO_FORMATS:
        raise ExportError(
            f"The logo {name} is not an image Word can show: choose a PNG, JPEG, GIF, BMP or"
            " TIFF file."
        )
    blob = read_bounded(path, LOGO_FILE_LIMIT, "logo")
    try:
        image = Image.from_blob(blob)
        if image.px_width <= 0 or image.px_height <= 0:
            raise InvalidImageStreamError("no size")
    except (
        UnrecognizedImageError,
        InvalidImageStreamError,
        UnexpectedEndOfFileError,
        struct.error,  # a header that ends too soon
        ValueError,
        IndexError,
        KeyError,
        ZeroDivisionError,  # a zero resolution in the header
    ) as exc:
        raise ExportError(
            f"The logo {name} is damaged or not a PNG, JPEG, GIF, BMP or TIFF image."
        ) from exc
    check_image_size(image.px_width, image.px_height, name)
    return image


def write_document(document: Document, path: Path) -> None:
    """Save ``document`` at ``path`` all at once, or not at all.

    The bytes go to a temporary file in the same folder, which then replaces ``path`` in one
    step: a failure (the file is open in Word, the disk is full) leaves any earlier export
    untouched and no half-written file behind. The file is dated from the document's
    ``modified`` property, so exporting the same meeting twice gives identical files.
    """
    write_atomically(path, _package(document))


def _package(document: Document) -> bytes:
    """The file's bytes, its entries dated from the ``modified`` property (or the earliest
    date a zip can carry, when the template left it unset)."""
    return document_bytes(document, modified_time(document) or _ZIP_EPOCH)


def modified_time(document: Document) -> datetime | None:
    """``document.core_properties.modified``, read directly when in the form every export
    writes (``2025-06-19T00:00:00Z``): python-docx tries four ``strptime`` formats, each
    compiled on first use, which cost a process more than writing the file's XML. Any other
    form is left to python-docx."""
    core: Any = document.core_properties._element  # python-docx reads the text as below
    element = core.find(_MODIFIED)
    text = element.text if element is not None else None
    if text is not None and _UTC_TIME.fullmatch(text):
        try:
            return datetime.fromisoformat(text[:19]).replace(tzinfo=UTC)
        except ValueError:  # a day or time that does not exist: as python-docx says it
            pass
    modified: datetime | None = document.core_properties.modified
    return modified


def write_properties(document: Document, values: NoteProperties) -> None:
    """The note's document properties (:meth:`NoteWriter.properties`); the rest emptied."""
    props = document.core_properties
    props.title = values.title
    props.author = props.last_modified_by = values.author
    props.subject = values.subject
    props.keywords = props.comments = props.category = ""
    props.content_status = props.identifier = props.version = ""
    props.language = values.language
    props.revision = 1
    props.created = props.modified = values.created
    core: Any = props._element  # python-docx has no way to clear a property
    for stale in core.findall(qn("cp:lastPrinted")):
        core.remove(stale)


@dataclass(frozen=True, slots=True)
class Masthead:
    """What the page header shows: the text masthead, its first line replaced by a logo."""

    logo: Image | None = None
    alt_text: str = DEFAULT_LOGO_ALT_TEXT


def _write_masthead(document: Document, masthead: Masthead, *, internal: bool) -> None:
    """The masthead in the header of every page, unless the template brings its own
    letterhead there.

    A template with a different first page (the usual shape of a letterhead), or with
    different even pages, has a header of its own for those pages, and Word leaves a page
    blank at the top when its header is not defined: the masthead, and an internal record's
    mark, then went missing from the note's first page. So each header a page shows gets
    them, each keeping its own letterhead as the default header does.
    """
    section = document.sections[0]
    headers = [section.header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    if document.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
    masthead_style = style_ids(document, (MASTHEAD,))[MASTHEAD]
    for header in headers:
        _write_masthead_into(header, masthead, masthead_style, internal=internal)


def _write_masthead_into(
    header: _Header, masthead: Masthead, masthead_style: str, *, internal: bool
) -> None:
    """One page header's masthead (see :func:`_write_masthead`).

    A logo the user chose wins over the template's letterhead: choosing one is asking
    for it. It takes the place of the ``MOPAC`` line, as in the 2025 note, whose
    conversion kept only the two text lines under the image. An internal record says what
    it is under the masthead, on every page.
    """
    header_xml: Any = header._element  # python-docx exposes no "is it empty" test
    logo = masthead.logo
    keep_letterhead = False
    if not header.is_linked_to_previous:
        has_letterhead = (
            "".join(header_xml.itertext()).strip()
            or header_xml.find(".//" + qn("w:drawing")) is not None
            or header_xml.find(".//" + qn("w:pict")) is not None
        )
        keep_letterhead = bool(has_letterhead) and logo is None
        if not keep_letterhead:
            for child in list(header_xml):
                header_xml.remove(child)
    header.is_linked_to_previous = False
    sink = _PartSink(header, header._element, masthead_style)
    if not keep_letterhead:
        for index, line in enumerate(MASTHEAD_LINES):
            paragraph = sink.paragraph()
            if index == 0 and logo is not None:
                _add_logo(paragraph, logo, masthead.alt_text)
                continue
            (run,) = add_text(paragraph, line, bold=index < 2)
            if index == 0:
                run.font.size = Pt(20)  # the name stands in for the organisation's logo
    if internal:
        add_text(sink.paragraph(), INTERNAL_MARK.upper(), bold=True)


class _PartSink:
    """Paragraphs in the masthead's style, added to the page header.

    A new header already holds one empty paragraph; it is used first so that the masthead
    does not start with a blank line.
    """

    def __init__(self, parent: Any, element: Any, style_id: str) -> None:
        self._parent = parent  # the python-docx object paragraphs belong to (for .part)
        self._element = element
        self._style_id = style_id
        existing = element.findall(_P)
        self._reusable = existing[0] if len(existing) == 1 and len(existing[0]) <= 1 else None

    def paragraph(self) -> DocxParagraph:
        if self._reusable is not None:
            p, self._reusable = self._reusable, None
            p.remove_all("w:pPr")
        else:
            p = SubElement(self._element, _P)
        p_pr = SubElement(p, _PPR)
        SubElement(p_pr, _PSTYLE).set(_VAL, self._style_id)
        p.insert(0, p_pr)
        return DocxParagraph(p, self._parent)


def _write_page_numbers(document: Document) -> None:
    """``Page N of M`` in the footer, after whatever footer text the template brings."""
    footer = document.sections[0].footer
    footer_xml: Any = footer._element
    if footer_xml.find(".//" + qn("w:fldSimple")) is not None or any(
        "PAGE" in (text or "") for text in footer_xml.itertext()
    ):
        return  # the template numbers its pages already
    footer.is_linked_to_previous = False
    paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(paragraph, "Page ")
    _add_field(paragraph, "PAGE", "1")
    add_text(paragraph, " of ")
    _add_field(paragraph, "NUMPAGES", "1")


def _add_field(paragraph: DocxParagraph, instruction: str, shown: str) -> None:
    field_xml = parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} \\* MERGEFORMAT ">'
        f"<w:r><w:t>{shown}</w:t></w:r></w:fldSimple>"
    )
    paragraph._p.append(field_xml)


def _add_logo(paragraph: DocxParagraph, logo: Image, alt_text: str) -> None:
    """The logo as an inline picture whose description screen readers announce."""
    height: Length = _LOGO_HEIGHT
    width: Length = Emu(round(height * logo.px_width / logo.px_height))
    if width > _LOGO_MAX_WIDTH:
        width = _LOGO_MAX_WIDTH
        height = Emu(round(width * logo.px_height / logo.px_width))
    shape = paragraph.add_run().add_picture(io.BytesIO(logo.blob), width, height)
    inline: Any = shape._inline  # python-docx has no setter for the description
    doc_pr = inline.find(qn("wp:docPr"))
    doc_pr.set("descr", alt_text)
    doc_pr.set("name", "Logo")
