"""What the pre-publication check needs of a template, read with python-docx and lxml.

The accessibility rules (:mod:`exporters.accessibility`) and the check
(:mod:`exporters.prepublication`) work on plain values (:mod:`exporters.facts`); this module
reads those values from a built python-docx document. Our own template's values are read
the same way once, when the app is built (:mod:`exporters.reference_parts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from exporters.accessibility import MIN_BODY_HALF_POINTS, MIN_CONTRAST, WHITE, contrast
from exporters.facts import PageFacts, StyleFacts
from exporters.tags import BR as _BR
from exporters.tags import NAME as _NAME
from exporters.tags import STYLE as _STYLE
from exporters.tags import STYLE_ID as _STYLE_ID
from exporters.tags import TAB as _TAB
from exporters.tags import TYPE as _TYPE
from exporters.tags import VAL as _VAL
from exporters.tags import P as _P
from exporters.tags import T as _T
from exporters.writer import INTERNAL_MARK, MASTHEAD_LINES

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section

_BASED_ON: Final = qn("w:basedOn")
_DEFAULT: Final = qn("w:default")
_DOC_PR: Final = qn("wp:docPr")
_CR: Final = qn("w:cr")
_FLD_SIMPLE: Final = qn("w:fldSimple")
_EVEN_AND_ODD: Final = qn("w:evenAndOddHeaders")


def style_facts(document: Document, used: Iterable[str | None] | None = None) -> StyleFacts:
    """The document's styles by id, its default paragraph style, and the problems of the
    styles ``used`` by id (every style when ``None``)."""
    styles = _Styles(document)
    names = {style_id: styles.name(style) for style_id, style in styles.by_id.items()}
    if used is None:
        wanted = set(names.values())
    else:
        default = styles.default_id
        wanted = {names.get(i or "", names.get(default or "", "")) for i in used}
        wanted.discard("")
    problems = {name: tuple(_style_problems(styles, name)) for name in sorted(wanted)}
    return StyleFacts(names=names, default=styles.default_id, problems=problems)


def page_facts(document: Document) -> PageFacts:
    """The text the template brings into the header and footer, and images without a
    description anywhere on the page (see :class:`PageFacts`)."""
    ours = {*MASTHEAD_LINES, INTERNAL_MARK.upper(), ""}
    texts: list[tuple[str, str]] = []
    for where, element in _printed_parts(document, document.sections[0]):
        for paragraph in element.iter(_P):
            text = " ".join(paragraph_text(paragraph).split())
            if text in ours or paragraph.find(_FLD_SIMPLE) is not None:
                continue
            texts.append((where, text))
    images = [
        where
        for where, element in _parts(document)
        for doc_pr in element.iter(_DOC_PR)
        if not (doc_pr.get("descr") or "").strip()
    ]
    return PageFacts(tuple(texts), tuple(images))


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's printed text; breaks and tabs as spaces so words do not run together."""
    return "".join(
        node.text or "" if node.tag == _T else " " for node in paragraph.iter(_T, _BR, _TAB, _CR)
    )


def _parts(document: Document) -> Iterator[tuple[str, Any]]:
    """The document part, then each distinct header and footer part.

    A section whose header is linked to the previous one's gives that same part: a note's
    later sections (its two-column attendees) all do, and an image there is still one image.
    """
    yield "document", document.element
    seen: dict[int, Any] = {}  # by id, holding each element so that no id is reused
    for section in document.sections:
        for where, element in _printed_parts(document, section):
            if id(element) not in seen:
                seen[id(element)] = element
                yield where, element


def _printed_parts(document: Document, section: Section) -> Iterator[tuple[str, Any]]:
    """The header and footer parts ``section`` prints: the default ones, and those of its
    first page and of even pages when the template turns them on (a letterhead template
    often has a first page of its own, and that page is the one a reader sees first).

    A first-page or even-page part that is not defined is not asked for: python-docx would
    add one, changing the note being checked.
    """
    yield "header", section.header._element
    yield "footer", section.footer._element
    others = []
    if section.different_first_page_header_footer:
        others += [
            ("first-page header", section.first_page_header),
            ("first-page footer", section.first_page_footer),
        ]
    if _even_pages_differ(document):
        others += [
            ("even-page header", section.even_page_header),
            ("even-page footer", section.even_page_footer),
        ]
    for where, part in others:
        if not part.is_linked_to_previous:
            yield where, part._element


def _even_pages_differ(document: Document) -> bool:
    """``w:evenAndOddHeaders`` in the settings, read without python-docx's ``settings``
    (which adds a settings part to a template that has none)."""
    try:
        settings: Any = document.part.part_related_by(RT.SETTINGS)
    except KeyError:
        return False
    flag = settings.element.find(_EVEN_AND_ODD)
    return flag is not None and flag.get(_VAL, "true") not in ("0", "false", "off")


def _style_problems(styles: _Styles, name: str) -> list[str]:
    """Outline level of a heading style, contrast and size of its text."""
    problems = []
    style = styles.by_name(name)
    if (name == "Title" or name.startswith("Heading")) and not styles.outline_level(style):
        problems.append("the heading style has no outline level")
    colour = styles.resolved(style, "w:rPr/w:color")
    value = colour.get(_VAL) if colour is not None else None
    if value and value.lower() != "auto" and len(value) == 6:
        ratio = contrast(_rgb(value), WHITE)
        if ratio < MIN_CONTRAST:
            problems.append(f"text colour #{value} has contrast {ratio:.1f}:1, below 4.5:1")
    size = styles.resolved(style, "w:rPr/w:sz")
    half_points = int(size.get(_VAL)) if size is not None else MIN_BODY_HALF_POINTS
    if half_points < MIN_BODY_HALF_POINTS:
        problems.append(f"text is {half_points / 2:g} pt, under 11 pt")
    return problems


def _rgb(value: str) -> tuple[int, int, int]:
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return (0, 0, 0)  # a colour Word would not understand either: treat as black


class _Styles:
    """The document's styles, resolved through ``basedOn`` and the defaults."""

    def __init__(self, document: Document) -> None:
        self._root: Any = document.styles.element
        self.by_id = {s.get(_STYLE_ID): s for s in self._root.iterchildren(_STYLE)}
        self._names: dict[Any, str] = {}
        default = next(
            (
                s
                for s in self.by_id.values()
                if s.get(_TYPE) == "paragraph" and s.get(_DEFAULT) in ("1", "true")
            ),
            None,
        )
        self.default_id: str | None = None if default is None else default.get(_STYLE_ID)

    def by_name(self, name: str) -> Any:
        return next(s for s in self.by_id.values() if self.name(s) == name)

    def name(self, style: Any) -> str:
        known = self._names.get(style)
        if known is not None:
            return known
        element = style.find(_NAME)
        value = element.get(_VAL) if element is not None else ""
        # Word stores built-in names in lower case ("heading 1", "title").
        name = value[:1].upper() + value[1:] if value else ""
        self._names[style] = name
        return name

    def chain(self, style: Any) -> Iterator[Any]:
        seen: set[str] = set()
        while style is not None and style.get(_STYLE_ID) not in seen:
            seen.add(style.get(_STYLE_ID))
            yield style
            based_on = style.find(_BASED_ON)
            style = None if based_on is None else self.by_id.get(based_on.get(_VAL))

    def resolved(self, style: Any, path: str) -> Any:
        xpath = "/".join(qn(part) for part in path.split("/"))
        for link in self.chain(style):
            found = link.find(xpath)
            if found is not None:
                return found
        return self._root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{xpath}")

    def outline_level(self, style: Any) -> bool:
        return self.resolved(style, "w:pPr/w:outlineLvl") is not None
