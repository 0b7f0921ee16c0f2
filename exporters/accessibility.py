"""Accessibility checks on the produced Word file, whatever template it was built from.

Public bodies must publish accessible documents; our template passes, but a user's template
can bring a ``Title`` with no outline level, light-blue headings or 9 pt body text, and the
note then fails the checkers without a word. These checks read the built document (its
styles as resolved through ``basedOn``), so they judge what will actually be published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from docx.oxml.ns import qn

from exporters.tags import NAME as _NAME
from exporters.tags import P_PR as _PPR
from exporters.tags import P_STYLE as _PSTYLE
from exporters.tags import STYLE as _STYLE
from exporters.tags import STYLE_ID as _STYLE_ID
from exporters.tags import TBL as _TBL
from exporters.tags import TYPE as _TYPE
from exporters.tags import VAL as _VAL
from exporters.tags import P as _P

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docx.document import Document

MIN_CONTRAST: Final = 4.5  # WCAG 2 AA for body text
MIN_BODY_HALF_POINTS: Final = 22  # 11 pt
_WHITE: Final = (255, 255, 255)
# Tags and paths asked of every paragraph and style: worked out once.
_BASED_ON: Final = qn("w:basedOn")
_DEFAULT: Final = qn("w:default")
_DOC_PR: Final = qn("wp:docPr")
_TR: Final = qn("w:tr")
_TABLE_HEADER: Final = f"{qn('w:trPr')}/{qn('w:tblHeader')}"


def accessibility_problems(document: Document) -> list[tuple[str, str]]:
    """(where, problem) for each accessibility rule the document breaks."""
    problems: list[tuple[str, str]] = []
    props = document.core_properties
    if not (props.title or "").strip():
        problems.append(("document", "the document has no title"))
    if not (props.language or "").strip():
        problems.append(("document", "the document's language is not set"))
    styles = _Styles(document)
    used = [styles.of(p) for p in document.element.body.iter(_P)]
    problems += _heading_problems(styles, used)
    for name in sorted({styles.name(s) for s in used if s is not None}):
        problems += [(f"style {name}", problem) for problem in _style_problems(styles, name)]
    for where, element in _parts(document):
        for doc_pr in element.iter(_DOC_PR):
            if not (doc_pr.get("descr") or "").strip():
                problems.append((where, "an image has no alternative text"))
    for number, table in enumerate(document.element.body.iter(_TBL), start=1):
        first_row = table.find(_TR)
        if first_row is None or first_row.find(_TABLE_HEADER) is None:
            problems.append((f"table {number}", "the table has no header row"))
    return problems


def _heading_problems(styles: _Styles, used: list[Any]) -> list[tuple[str, str]]:
    """One Title, and heading levels that never skip one."""
    problems = []
    titles = sum(1 for style in used if style is not None and styles.name(style) == "Title")
    if titles != 1:
        problems.append(("document", f"{titles} top-level headings (Title) instead of one"))
    previous = 0
    for style in used:
        level = styles.heading_level(style)
        if level is None:
            continue
        if level > previous + 1:
            problems.append(("document", f"a heading skips from level {previous} to {level}"))
        previous = level
    return problems


def _style_problems(styles: _Styles, name: str) -> list[str]:
    """Outline level of a heading style, contrast and size of its text."""
    problems = []
    style = styles.by_name(name)
    if (name == "Title" or name.startswith("Heading")) and not styles.outline_level(style):
        problems.append("the heading style has no outline level")
    colour = styles.resolved(style, "w:rPr/w:color")
    value = colour.get(_VAL) if colour is not None else None
    if value and value.lower() != "auto" and len(value) == 6:
        ratio = contrast(_rgb(value), _WHITE)
        if ratio < MIN_CONTRAST:
            problems.append(f"text colour #{value} has contrast {ratio:.1f}:1, below 4.5:1")
    size = styles.resolved(style, "w:rPr/w:sz")
    half_points = int(size.get(_VAL)) if size is not None else MIN_BODY_HALF_POINTS
    if half_points < MIN_BODY_HALF_POINTS:
        problems.append(f"text is {half_points / 2:g} pt, under 11 pt")
    return problems


def contrast(foreground: tuple[int, int, int], background: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two sRGB colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _rgb(value: str) -> tuple[int, int, int]:
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return (0, 0, 0)  # a colour Word would not understand either: treat as black


def _parts(document: Document) -> Iterator[tuple[str, Any]]:
    yield "document", document.element
    for section in document.sections:
        yield "header", section.header._element
        yield "footer", section.footer._element


class _Styles:
    """The document's paragraph styles, resolved through ``basedOn`` and the defaults."""

    def __init__(self, document: Document) -> None:
        self._root: Any = document.styles.element
        self._by_id = {s.get(_STYLE_ID): s for s in self._root.iterchildren(_STYLE)}
        self._names: dict[Any, str] = {}
        self._default = next(
            (
                s
                for s in self._by_id.values()
                if s.get(_TYPE) == "paragraph" and s.get(_DEFAULT) in ("1", "true")
            ),
            None,
        )

    def of(self, paragraph: Any) -> Any:
        # find("w:pPr/w:pStyle") by hand: a path search per paragraph cost more than the rest
        # of the check of a long note's styles.
        for properties in paragraph.iterchildren(_PPR):
            for style in properties.iterchildren(_PSTYLE):
                return self._by_id.get(style.get(_VAL), self._default)
        return self._default

    def by_name(self, name: str) -> Any:
        return next(s for s in self._by_id.values() if self.name(s) == name)

    def name(self, style: Any) -> str:
        # Asked for every paragraph of the note: each style's name is worked out once (the
        # elements are this object's own, from _by_id, so they are the same objects each time).
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
            style = None if based_on is None else self._by_id.get(based_on.get(_VAL))

    def resolved(self, style: Any, path: str) -> Any:
        xpath = "/".join(qn(part) for part in path.split("/"))
        for link in self.chain(style):
            found = link.find(xpath)
            if found is not None:
                return found
        return self._root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{xpath}")

    def outline_level(self, style: Any) -> bool:
        return self.resolved(style, "w:pPr/w:outlineLvl") is not None

    def heading_level(self, style: Any) -> int | None:
        """1 for the title and Heading 1, N for Heading N; None for other paragraphs."""
        if style is None:
            return None
        name = self.name(style)
        if name == "Title":
            return 1
        if name.startswith("Heading ") and name[8:].isdigit():
            return max(1, int(name[8:]))
        return None
