"""Which Word list a list paragraph belongs to, and the lists a note adds (``w:num``).

Bullets come from the list styles, and every numbered list gets a fresh ``w:num`` with a
``w:startOverride`` so it starts again at 1 (or the number the secretary typed) rather than
carrying on from the previous list, which is what Word does with two lists that share a
definition. The new ``w:num`` elements are kept as XML text (:attr:`ListNumbering.additions`)
and go at the end of the template's ``numbering.xml``; nothing here imports python-docx or
lxml. A template whose list styles are not lists gets copies of our own list definitions,
which only the python-docx side can make (:class:`ReferenceLists`).
"""

from collections.abc import Callable
from typing import Final, NamedTuple, Protocol


class NumberingRef(NamedTuple):
    """Where a list paragraph's number comes from: ``w:numPr`` with these two values."""

    num_id: int
    ilvl: int


class ReferenceLists(Protocol):
    """Copies of our template's list definitions, made in the template being written."""

    def import_abstract(self, reference_abstract_id: int) -> int:
        """Copy our ``w:abstractNum`` into the template; returns its id there."""
        ...

    def abstract_of(self, reference_num_id: int) -> int:
        """The ``w:abstractNumId`` of our own ``w:num`` ``reference_num_id``."""
        ...


# In resources/reference.docx: num 1 -> abstractNum 0 (bullets), num 2 -> abstractNum 1.
REFERENCE_BULLETS_NUM_ID: Final = 1
REFERENCE_NUMBERS_ABSTRACT_ID: Final = 1


class ListNumbering:
    """The template's list definitions: resolves list styles and starts fresh numbered lists.

    ``style_numbering`` says which list a paragraph style puts its paragraphs in (following
    ``basedOn``); ``abstract_ids`` maps each ``w:num`` of the template to its definition (the
    first of an id wins) and ``last_num_id`` is the largest ``w:num`` id it has.
    """

    def __init__(
        self,
        style_numbering: Callable[[str], NumberingRef | None],
        abstract_ids: dict[int, int | None],
        last_num_id: int,
        reference: ReferenceLists | None,
    ) -> None:
        self._find_style_numbering = style_numbering
        self._abstract_ids = dict(abstract_ids)
        self._last_num_id = last_num_id
        self._reference = reference
        # Our reference numId -> the numId it got in this document, so that copied styles
        # (List Bullet and List Bullet 2) keep sharing one definition.
        self._imported_nums: dict[int, int] = {}
        self._imported_abstracts: dict[int, int] = {}
        self._style_numbering: dict[str, NumberingRef | None] = {}
        self.additions: list[str] = []

    def style_numbering(self, style_name: str) -> NumberingRef | None:
        """The list a paragraph style puts its paragraphs in; remembered per style (a long
        note asks for every list, and the styles do not change while it is written)."""
        if style_name not in self._style_numbering:
            self._style_numbering[style_name] = self._find_style_numbering(style_name)
        return self._style_numbering[style_name]

    def bullet(self, style_name: str, level: int) -> NumberingRef | None:
        """Direct numbering a bullet paragraph needs, or ``None`` when its style has it.

        Relying on the style keeps the XML what Word itself writes; a template whose
        ``List Bullet`` is not a list gets our bullets instead of plain paragraphs.
        """
        if self.style_numbering(style_name) is not None:
            return None
        return NumberingRef(self.import_reference_num(REFERENCE_BULLETS_NUM_ID), level)

    def restart(self, style_name: str, level: int, start: int) -> NumberingRef:
        """A new numbered list at ``start``: a ``w:num`` with its own ``w:startOverride``."""
        found = self.style_numbering(style_name)
        abstract_id = self._abstract_ids.get(found.num_id) if found is not None else None
        if found is None or abstract_id is None:
            abstract_id = self._import_reference_abstract(REFERENCE_NUMBERS_ABSTRACT_ID)
            ilvl = level
        else:
            ilvl = found.ilvl
        num_id = self._add_num(abstract_id, restart=(ilvl, start))
        return NumberingRef(num_id, ilvl)

    def import_reference_num(self, reference_num_id: int) -> int:
        """Give this document a copy of our ``w:num`` ``reference_num_id``; return its id."""
        if reference_num_id in self._imported_nums:
            return self._imported_nums[reference_num_id]
        abstract = self._reference_lists().abstract_of(reference_num_id)
        num_id = self._add_num(self._import_reference_abstract(abstract), restart=None)
        self._imported_nums[reference_num_id] = num_id
        return num_id

    def _reference_lists(self) -> ReferenceLists:
        if self._reference is None:  # our own template's list styles are all lists
            raise LookupError("this template cannot take copies of the built-in lists")
        return self._reference

    def _import_reference_abstract(self, reference_id: int) -> int:
        if reference_id not in self._imported_abstracts:
            new_id = self._reference_lists().import_abstract(reference_id)
            self._imported_abstracts[reference_id] = new_id
        return self._imported_abstracts[reference_id]

    def _add_num(self, abstract_id: int, restart: tuple[int, int] | None) -> int:
        num_id = self._last_num_id = self._last_num_id + 1
        self._abstract_ids.setdefault(num_id, abstract_id)
        override = ""
        if restart is not None:
            ilvl, start = restart
            override = (
                f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            )
        self.additions.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
        )
        return num_id
