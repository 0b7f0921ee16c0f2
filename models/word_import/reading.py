"""The state of reading one note: what was found so far, and every guess made on the way.

Shared by the parts of the board reader (the title block, the items, the actions section),
so an organisation printed in the attendees and again as an action's owner is one
organisation, proposed once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from models.meeting_doc import OrganisationRef
from models.organisation_labels import printed_organisation, split_label
from models.word_import.result import Directory, Guess, GuessKind, label_key

# ``London Probation (LP)``: a name with its abbreviation in brackets at the end.
TRAILING_ABBREVIATION: Final = re.compile(r"^(.*\S)\s*\(([^()]+)\)$", re.S)


@dataclass
class Reading:
    """The state of one reading: what was found so far and every guess made."""

    file_name: str
    directory: Directory
    word_year: int | None = None
    guesses: list[Guess] = field(default_factory=list)
    organisations: dict[str, OrganisationRef] = field(default_factory=dict)
    new: dict[str, OrganisationRef] = field(default_factory=dict)

    def guess(self, kind: GuessKind, where: str, text: str) -> None:
        self.guesses.append(Guess(kind, where, text))

    def organisation(self, label: str, where: str) -> str:
        """The abbreviation for a printed organisation, matched to the directory or new."""
        label = " ".join(label.split())
        found = self.find(label)
        name, abbreviation = split_label(label)
        known = self.directory.find(abbreviation) if abbreviation else None
        if found is None and abbreviation is not None and known is not None:
            if label_key(known.name) != label_key(name):
                self.guess(
                    GuessKind.UNKNOWN_ORGANISATION,
                    where,
                    f"printed as {name!r}; the directory calls {abbreviation} "
                    f"{known.name!r} (kept the directory's name)",
                )
            found = known
        elif found is None:
            found = self._new(label, name, abbreviation)
            self._propose(found, where, label)
        key = found.abbreviation.casefold()
        self.organisations.setdefault(key, found)
        return self.organisations[key].abbreviation

    def find(self, label: str) -> OrganisationRef | None:
        """The organisation printed as ``label``: in the directory, else one this note named
        already (``London Probation (LP)`` in the attendees, ``LP`` as an owner)."""
        found = self.directory.find(label)
        if found is not None:
            return found
        key = label_key(label)
        return next(
            (
                org
                for org in self.organisations.values()
                if key in (label_key(org.abbreviation), label_key(org.name))
            ),
            None,
        )

    def _new(self, label: str, name: str, printed: str | None) -> OrganisationRef:
        """The organisation a label the directory does not know proposes (``name`` and
        ``printed``, its abbreviation in brackets if any: the label already split). An
        abbreviation guessed from its initials is made unique (``DWP 2``) rather than taken
        for another organisation's: the person reviewing the import renames it."""
        if printed is not None:
            return OrganisationRef(name, printed)  # as printed
        name, abbreviation = printed_organisation(label)
        if abbreviation == name:
            return OrganisationRef(name, abbreviation)
        taken = (
            set(self.organisations)
            | set(self.new)
            | {org.abbreviation.casefold() for org in self.directory.organisations}
        )
        unique, count = abbreviation, 1
        while unique.casefold() in taken:
            count += 1
            unique = f"{abbreviation} {count}"
        return OrganisationRef(name, unique)

    def _propose(self, org: OrganisationRef, where: str, label: str) -> None:
        if org.abbreviation.casefold() not in self.new:
            self.new[org.abbreviation.casefold()] = org
            printed = "" if label == org.display_name else f" (printed {label!r})"
            self.guess(
                GuessKind.UNKNOWN_ORGANISATION,
                where,
                f"{org.display_name}{printed} is not in the directory: proposed as a new"
                " organisation",
            )
