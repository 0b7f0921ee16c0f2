"""What writing and checking a note need to know of its template, as plain values.

A user's template is read with python-docx when a note is written
(:mod:`exporters.template`); our own template's values are read once, when the app is built,
and shipped with it (``resources/reference_recording.py``, see :mod:`exporters.reference_parts`),
so an export on our template needs neither python-docx nor lxml (:mod:`exporters.lean`).
"""

from typing import NamedTuple


class TemplateFacts(NamedTuple):
    """What the layouts write with: style ids, the page's text width, section settings.

    ``sections`` holds the ``w:sectPr`` that ends a section inside the body, as XML text,
    by ``"first-N"`` (the first section, in N columns) and ``"continuous-N"`` (the sections
    after it, which start on the same page and inherit its header).
    """

    style_ids: dict[str, str]  # our style names ("Heading 2") -> the template's ids
    table_style_id: str | None  # None: the template's default table style
    text_width: int  # EMU: the page width less its margins
    sections: dict[str, str]

    def section_xml(self, *, continuous: bool, columns: int) -> str:
        return self.sections[f"{'continuous' if continuous else 'first'}-{columns}"]


class StyleFacts(NamedTuple):
    """The template's styles as the accessibility check sees them.

    ``names`` gives each style id's name as Word shows it (``Heading 2``); ``problems`` the
    rules each style name breaks (its outline level, contrast and size, resolved through
    ``basedOn`` and the document defaults).
    """

    names: dict[str, str]
    default: str | None  # the default paragraph style's id
    problems: dict[str, tuple[str, ...]]

    def name_of(self, style_id: str | None) -> str | None:
        """The name of a paragraph's style: an unknown or missing id is the default style."""
        if style_id is not None and style_id in self.names:
            return self.names[style_id]
        return self.names.get(self.default) if self.default is not None else None


class PageFacts(NamedTuple):
    """What the check reads outside the body of a built note.

    ``texts``: (``header`` or ``footer``, text) of each paragraph the template brings there
    (not our masthead, not a page number field); ``images_without_alt``: where an image has
    no description.
    """

    texts: tuple[tuple[str, str], ...]
    images_without_alt: tuple[str, ...]
