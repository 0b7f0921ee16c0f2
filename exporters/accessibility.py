"""Accessibility checks on a built note, whatever template it was built from.

Public bodies must publish accessible documents; our template passes, but a user's template
can bring a ``Title`` with no outline level, light-blue headings or 9 pt body text, and the
note then fails the checkers without a word. These checks judge what will actually be
published: the note's paragraphs with their styles as the template resolves them (through
``basedOn`` and the defaults, read by :mod:`exporters.docx_styles`), its properties, images
and tables. Nothing here imports python-docx or lxml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Sequence

    from exporters.body import Table
    from exporters.facts import PageFacts, StyleFacts

MIN_CONTRAST: Final = 4.5  # WCAG 2 AA for body text
MIN_BODY_HALF_POINTS: Final = 22  # 11 pt
WHITE: Final = (255, 255, 255)


def accessibility_problems(
    *,
    title: str,
    language: str,
    paragraph_styles: Sequence[str | None],
    styles: StyleFacts,
    page: PageFacts,
    tables: Sequence[Table],
) -> list[tuple[str, str]]:
    """(where, problem) for each accessibility rule the note breaks.

    ``paragraph_styles`` holds the style id of each paragraph of the body, in order.
    """
    problems: list[tuple[str, str]] = []
    if not title.strip():
        problems.append(("document", "the document has no title"))
    if not language.strip():
        problems.append(("document", "the document's language is not set"))
    used = [styles.name_of(style_id) for style_id in paragraph_styles]
    problems += _heading_problems(used)
    for name in sorted({name for name in used if name is not None}):
        problems += [(f"style {name}", problem) for problem in styles.problems.get(name, ())]
    problems += [(where, "an image has no alternative text") for where in page.images_without_alt]
    for number, table in enumerate(tables, start=1):
        if not table.has_header_row:
            problems.append((f"table {number}", "the table has no header row"))
    return problems


def _heading_problems(used: list[str | None]) -> list[tuple[str, str]]:
    """One Title, and heading levels that never skip one."""
    problems = []
    titles = sum(1 for name in used if name == "Title")
    if titles != 1:
        problems.append(("document", f"{titles} top-level headings (Title) instead of one"))
    previous = 0
    for name in used:
        level = heading_level(name)
        if level is None:
            continue
        if level > previous + 1:
            problems.append(("document", f"a heading skips from level {previous} to {level}"))
        previous = level
    return problems


def heading_level(name: str | None) -> int | None:
    """1 for the title and Heading 1, N for Heading N; None for other paragraphs."""
    if name is None:
        return None
    if name == "Title":
        return 1
    if name.startswith("Heading ") and name[8:].isdigit():
        return max(1, int(name[8:]))
    return None


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
