"""The Word template an export starts from, and the styles and lists it must provide.

Every export opens a template (ours, ``resources/reference.docx``, or a ``.docx``/``.dotx``
the user points the app at), empties its body and fills it. The layouts refer to styles by
name, and python-docx raises ``KeyError`` for a style the template lacks, so before writing
anything :func:`ensure_styles` copies each missing style from our template (with whatever it
is based on, and its list definition) and warns once, instead of failing the export.

:func:`template_facts` and :func:`list_numbering` read what the layouts write with (style
ids, sections, list definitions: :mod:`exporters.facts`, :mod:`exporters.numbering`).
"""

from __future__ import annotations

import copy
import io
import re
import warnings
import zipfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Twips
from docx.styles import BabelFish
from lxml.etree import tostring

import resources
from exporters.errors import ExportError, TemplateStyleWarning
from exporters.facts import TemplateFacts
from exporters.numbering import ListNumbering, NumberingRef
from exporters.tags import NAME as _NAME
from exporters.tags import STYLE as _STYLE
from exporters.tags import STYLE_ID as _STYLE_ID
from exporters.tags import VAL as _VAL
from exporters.untrusted import (
    TEMPLATE_FILE_LIMIT,
    check_zip_sizes,
    read_bounded,
    strip_template,
)

if TYPE_CHECKING:
    from docx.document import Document

_TEMPLATE_MAIN: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
)
_DOCUMENT_MAIN: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)


@cache
def reference_bytes() -> bytes:
    """Our template, read once (it ships inside the ``resources`` package)."""
    return (resources.FOLDER / "reference.docx").read_bytes()


@cache
def _reference_xml(part_name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(reference_bytes())) as package:
        return package.read(part_name)


def open_template(template: Path | None) -> Document:
    """Open ``template`` (ours when ``None``) with an empty body; errors become ExportError.

    The file is bounded and cleaned first (see :mod:`exporters.untrusted`).
    """
    if template is None:
        data = reference_bytes()
    else:
        raw = read_bounded(template, TEMPLATE_FILE_LIMIT, "Word template")
        check_zip_sizes(raw, template.name)
        try:
            data = _as_document_package(raw)
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            raise ExportError(
                f"The Word template {template.name} could not be read: choose a .docx or"
                " .dotx file."
            ) from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        SyntaxError,  # lxml's XMLSyntaxError: a damaged part inside the zip
    ) as exc:
        name = template.name if template is not None else "built-in template"
        raise ExportError(
            f"The Word template {name} is not a Word document: choose a .docx or .dotx file."
        ) from exc
    strip_template(document)
    _clear_body(document)
    return document


def _clear_body(document: Document) -> None:
    """Remove the template's text, keeping the page setup and header of its first page.

    A template with several sections (an earlier export, say) keeps each section's settings
    in its last paragraph; the note is one section, so it takes the first section's.
    """
    body: Any = document.element.body
    first_section = body.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")
    if first_section is not None:
        body_sect_pr = body.find(qn("w:sectPr"))
        first_section.getparent().remove(first_section)
        if body_sect_pr is not None:
            body_sect_pr.addprevious(first_section)
            body.remove(body_sect_pr)
        else:
            body.append(first_section)
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    if body.find(qn("w:sectPr")) is None:
        # Word opens a document without page settings (they are optional) with its own
        # defaults; python-docx then has no section to put the masthead in: take ours.
        reference: Any = parse_xml(_reference_xml("word/document.xml"))
        body.append(reference.find(f"{qn('w:body')}/{qn('w:sectPr')}"))


def _as_document_package(data: bytes) -> bytes:
    """A ``.dotx`` is a ``.docx`` with another content type; python-docx opens only the latter.

    Anything that is not a zip is returned as is for python-docx to reject.
    """
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        try:
            content_types = source.read("[Content_Types].xml")
        except KeyError:
            return data
        if _TEMPLATE_MAIN.encode() not in content_types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = source.read(info)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE_MAIN.encode(), _DOCUMENT_MAIN.encode())
                target.writestr(info, content)
    return out.getvalue()


def ensure_styles(
    document: Document, names: tuple[str, ...], numbering: ListNumbering
) -> tuple[str, ...]:
    """Copy each style in ``names`` the document lacks from our template; return those copied.

    Warns (:class:`TemplateStyleWarning`) once, naming the styles, so the export goes on.
    """
    styles_element: Any = document.styles.element
    missing = lacking_styles(document, names)
    if not missing:
        return ()
    reference: Any = parse_xml(_reference_xml("word/styles.xml"))
    ours = _styles_by_name(reference)
    for name in missing:
        source = ours.get(BabelFish.ui2internal(name))
        if source is None:  # a name our own template lacks is a bug in this module
            raise ExportError(f"The built-in template has no {name} style.")
        _copy_style(styles_element, reference, source, numbering)
    warnings.warn(
        f"The Word template has no {', '.join(missing)} style"
        f"{'s' if len(missing) > 1 else ''}; the built-in "
        f"{'ones were' if len(missing) > 1 else 'one was'} used.",
        TemplateStyleWarning,
        stacklevel=3,
    )
    return missing


def lacking_styles(document: Document, names: tuple[str, ...]) -> tuple[str, ...]:
    """Those of ``names`` (as Word names them in the UI) that ``document`` does not define."""
    present = _styles_by_name(document.styles.element)
    return tuple(name for name in names if BabelFish.ui2internal(name) not in present)


def style_ids(document: Document, names: tuple[str, ...]) -> dict[str, str]:
    """The style id of each of ``names``, which ``document`` has (see :func:`ensure_styles`).

    What python-docx's ``document.styles[name].style_id`` gives, from one pass over the
    styles rather than a search of them for each name.
    """
    present = _styles_by_name(document.styles.element)
    return {name: present[BabelFish.ui2internal(name)].get(_STYLE_ID) for name in names}


def _style_by_name(styles: Any, name: str) -> Any:
    return _styles_by_name(styles).get(BabelFish.ui2internal(name))


def _styles_by_name(styles: Any) -> dict[str, Any]:
    """Each style by its name as stored (``heading 1``); the first of a name wins, as a
    search from the top finds it. For asking about several names in one pass."""
    found: dict[str, Any] = {}
    for style in styles.iterchildren(_STYLE):
        name_element = style.find(_NAME)
        if name_element is not None:
            found.setdefault(name_element.get(_VAL), style)
    return found


def _style_by_id(styles: Any, style_id: str) -> Any:
    for style in styles.iterchildren(_STYLE):
        if style.get(_STYLE_ID) == style_id:
            return style
    return None


def _copy_style(target: Any, reference: Any, source: Any, numbering: ListNumbering) -> None:
    """Append a copy of ``source`` to ``target``, first copying the styles it is based on."""
    style = copy.deepcopy(source)
    based_on = style.find(qn("w:basedOn"))
    if based_on is not None and _style_by_id(target, based_on.get(qn("w:val"))) is None:
        base = _style_by_id(reference, based_on.get(qn("w:val")))
        if base is not None:
            _copy_style(target, reference, base, numbering)
        else:
            style.remove(based_on)
    style_id = style.get(qn("w:styleId"))
    if _style_by_id(target, style_id) is not None:
        # The id is taken by a style with another name (a translated template): rename ours.
        style.set(qn("w:styleId"), f"{style_id}Rrb")
    num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is not None:
        num_id.set(qn("w:val"), str(numbering.import_reference_num(int(num_id.get(qn("w:val"))))))
    target.append(style)


def list_numbering(document: Document) -> ListNumbering:
    """The document's list definitions as :class:`ListNumbering` needs them."""
    numbering: Any = _numbering_element(document)
    abstract_ids, last_num_id = numbering_ids(document)
    return ListNumbering(
        lambda name: style_numbering(document, name),
        abstract_ids,
        last_num_id,
        _ReferenceLists(numbering),
    )


def numbering_ids(document: Document) -> tuple[dict[int, int | None], int]:
    """Each ``w:num``'s ``w:abstractNumId`` (the first of an id wins), and the largest id."""
    numbering: Any = _numbering_element(document)
    abstract_ids: dict[int, int | None] = {}
    for num in numbering.iterchildren(qn("w:num")):
        abstract = num.find(qn("w:abstractNumId"))
        value = None if abstract is None else int(abstract.get(qn("w:val")))
        abstract_ids.setdefault(int(num.get(qn("w:numId"))), value)
    return abstract_ids, max(abstract_ids, default=0)


def add_numbering(document: Document, numbering: ListNumbering) -> None:
    """Put the lists a note started (:attr:`ListNumbering.additions`) into ``numbering.xml``,
    after the template's own ``w:num`` elements, as Word orders them."""
    if not numbering.additions:
        return
    element: Any = _numbering_element(document)
    successor = element.find(qn("w:numIdMacAtCleanup"))
    added = parse_xml(f"<w:numbering {nsdecls('w')}>{''.join(numbering.additions)}</w:numbering>")
    for num in list(added):
        if successor is not None:
            successor.addprevious(num)
        else:
            element.append(num)


def style_numbering(document: Document, style_name: str) -> NumberingRef | None:
    """The list a paragraph style puts its paragraphs in, following ``basedOn``."""
    styles: Any = document.styles.element
    style = _style_by_name(styles, style_name)
    seen: set[str] = set()
    while style is not None and style.get(qn("w:styleId")) not in seen:
        seen.add(style.get(qn("w:styleId")))
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            if num_id is None or int(num_id.get(qn("w:val"))) == 0:
                return None  # numId 0 means "no list"
            level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
            return NumberingRef(int(num_id.get(qn("w:val"))), level)
        based_on = style.find(qn("w:basedOn"))
        style = None if based_on is None else _style_by_id(styles, based_on.get(qn("w:val")))
    return None


class _ReferenceLists:
    """Copies of our template's list definitions into a user's template (see
    :class:`exporters.numbering.ReferenceLists`)."""

    def __init__(self, numbering: Any) -> None:
        self._numbering = numbering

    def abstract_of(self, reference_num_id: int) -> int:
        reference: Any = parse_xml(_reference_xml("word/numbering.xml"))
        num = reference.find(f"{qn('w:num')}[@{qn('w:numId')}='{reference_num_id}']")
        return int(num.find(qn("w:abstractNumId")).get(qn("w:val")))

    def import_abstract(self, reference_abstract_id: int) -> int:
        reference: Any = parse_xml(_reference_xml("word/numbering.xml"))
        source = reference.find(
            f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{reference_abstract_id}']"
        )
        abstract = copy.deepcopy(source)
        new_id = 1 + max(
            (
                int(a.get(qn("w:abstractNumId")))
                for a in self._numbering.iterchildren(qn("w:abstractNum"))
            ),
            default=-1,
        )
        abstract.set(qn("w:abstractNumId"), str(new_id))
        # Unlink the levels from our style ids: the user's own styles of the same name
        # must not be pulled into our list.
        for p_style in abstract.iter(qn("w:pStyle")):
            p_style.getparent().remove(p_style)
        successor = self._numbering.find(qn("w:num"))
        if successor is None:
            successor = self._numbering.find(qn("w:numIdMacAtCleanup"))
        if successor is not None:
            successor.addprevious(abstract)
        else:
            self._numbering.append(abstract)
        return new_id


def template_facts(document: Document, names: tuple[str, ...]) -> TemplateFacts:
    """What the layouts write ``document``'s note with: the ids of the styles ``names``
    (which it has, see :func:`ensure_styles`), the text width, and its sections' settings.

    Read once its header and footer are in place: a section copies the body's settings,
    their references included.
    """
    section = document.sections[-1]
    text_width = (section.page_width or Twips(11906)) - (section.left_margin or 0)
    text_width -= section.right_margin or 0
    body_sect_pr: Any = document.element.body.find(qn("w:sectPr"))
    sections = {}
    for continuous in (False, True):
        for columns in (1, 2):
            sect_pr = copy.deepcopy(body_sect_pr)
            if continuous:
                make_continuous(sect_pr)
            set_columns(sect_pr, columns)
            key = f"{'continuous' if continuous else 'first'}-{columns}"
            sections[key] = _NAMESPACE_DECLARATION.sub("", tostring(sect_pr, encoding="unicode"))
    return TemplateFacts(
        style_ids=style_ids(document, names),
        table_style_id=_table_style_id(document),
        text_width=int(text_width),
        sections=sections,
    )


def _table_style_id(document: Document) -> str | None:
    """The id of the template's ``Table Grid``; None (its default table style) when it
    names another kind of style, with a warning, rather than failing every export."""
    try:
        style_id: str | None = document.styles.get_style_id("Table Grid", WD_STYLE_TYPE.TABLE)
    except ValueError:  # python-docx: "assigned style is type PARAGRAPH (1), need type TABLE"
        warnings.warn(
            "The Word template's Table Grid style is not a table style; tables take the"
            " template's default table style.",
            TemplateStyleWarning,
            stacklevel=4,
        )
        return None
    return style_id


# The namespaces a copied section declares on itself that the body it is written into
# declares already (``w`` and ``r``: see ``exporters.docx_export._put_body`` and our own
# ``document.xml``). Any other (``w14``, ``w15`` ... of a Word template's section) stays, so
# the section still parses; lxml drops it again where the document declares it too.
_NAMESPACE_DECLARATION: Final = re.compile(
    f' xmlns:(?:w="{re.escape(nsmap["w"])}"|r="{re.escape(nsmap["r"])}")'
)


def make_continuous(sect_pr: Any) -> None:
    """A section that starts on the same page and inherits the headers before it."""
    sect_pr.remove_all("w:headerReference", "w:footerReference", "w:type", "w:titlePg")
    section_type = parse_xml(f'<w:type {nsdecls("w")} w:val="continuous"/>')
    sect_pr.insert_element_before(
        section_type,
        *("w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType"),
        *("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection"),
        *("w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
    )


def set_columns(sect_pr: Any, count: int) -> None:
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = parse_xml(f'<w:cols {nsdecls("w")} w:space="720"/>')
        sect_pr.insert_element_before(
            cols,
            *("w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection"),
            *("w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
        )
    for attribute in ("w:num", "w:equalWidth", "w:sep"):
        cols.attrib.pop(qn(attribute), None)
    for child in list(cols):
        cols.remove(child)  # per-column widths from the template would fight "num"
    if count > 1:
        cols.set(qn("w:num"), str(count))
        cols.set(qn("w:space"), "720")


def _numbering_element(document: Document) -> Any:
    """The document's ``w:numbering``, creating the part for a template that has none.

    (python-docx's own ``NumberingPart.new`` is not implemented.)
    """
    part = document.part
    try:
        numbering_part = cast(NumberingPart, part.part_related_by(RT.NUMBERING))
    except KeyError:
        numbering_part = NumberingPart(
            PackURI("/word/numbering.xml"),
            CT.WML_NUMBERING,
            parse_xml(f"<w:numbering {nsdecls('w')}/>"),
            part.package,
        )
        part.relate_to(numbering_part, RT.NUMBERING)
    return numbering_part.element
