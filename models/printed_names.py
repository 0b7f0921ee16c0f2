"""The one rule for how a meeting prints an organisation: the printed form its row stores
(a final meeting keeps the names it printed; an import keeps the file's), else the
directory's current names.

Kept apart from ``models.publication`` (which applies it to ORM rows) because it imports
nothing of SQLAlchemy: ``models.direct_read`` applies the same rule to plain rows.
"""

from collections.abc import Iterable
from typing import NamedTuple


class PrintedOrganisation(NamedTuple):
    """An organisation as one meeting prints it."""

    name: str
    abbreviation: str


def printed_form(
    name: str, abbreviation: str, printed_name: str | None, printed_abbreviation: str | None
) -> PrintedOrganisation:
    """The stored printed form if there is one (both columns), else the directory's."""
    if printed_name is not None and printed_abbreviation is not None:
        return PrintedOrganisation(printed_name, printed_abbreviation)
    return PrintedOrganisation(name, abbreviation)


def distinct_person_names(names: Iterable[str | None]) -> list[str]:
    """People's names as the pre-publication check compares them: spaces collapsed, blanks
    dropped, each once, sorted (``models.publication`` and ``models.direct_read`` read them)."""
    return sorted({" ".join(name.split()) for name in names if name and name.strip()})
