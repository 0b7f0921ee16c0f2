"""What reading a Word note gives back: a meeting, and every guess made on the way.

A published note does not print everything a meeting record holds (the year in 2025, a
mode when a venue is named, who owns a sentence that reads like an action), so the reader
fills the gaps as a careful person would and says so. Each :class:`Guess` names the part
of the meeting it touches, so the review step can mark it beside the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from models.meeting_doc import BoardRef, MeetingDoc, OrganisationRef


class NoteLayout(StrEnum):
    """The layout the note was recognised as: the four board notes and the hearing
    transcript."""

    PUBLIC_NOTE = "public-note"
    NOTE_OF_MEETING = "note-of-meeting"
    PUBLIC_NOTE_OF_MEETING = "public-note-of-meeting"
    RECORD_OF_MEETING = "record-of-meeting"
    HEARING_TRANSCRIPT = "hearing-transcript"


class GuessKind(StrEnum):
    UNKNOWN_ORGANISATION = "unknown organisation"
    YEAR_FROM_FILE_NAME = "year from file name"
    YEAR_FROM_PROPERTIES = "year from document properties"
    YEAR_ASSUMED = "year assumed"
    DATE_MISSING = "date missing"
    IMPOSSIBLE_DATE = "date that does not exist"
    POSSIBLE_ACTION = "possible action"
    ACTIONS_ITEM = "action placed under an item"
    ACTION_DUE = "action due date"
    ACTION_STATUS = "action status"
    NOT_AN_ORGANISATION = "not an organisation"
    RUN_ON_ACTIONS = "run-on actions"
    ACTION_OWNER = "action owner"
    TIME = "time"
    MODE = "mode"
    LAYOUT = "layout"
    UNREAD_LINE = "line not understood"
    BOARD = "board"
    SPEAKER = "speaker"
    MEMBER = "member"


@dataclass(frozen=True, slots=True)
class Guess:
    """One thing the reader was not sure of: ``where`` is ``date``, ``attendees``,
    ``item 2`` ..., ``text`` says what was guessed, in a sentence."""

    kind: GuessKind
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


@dataclass(frozen=True, slots=True)
class ReadNote:
    """A note read from a file: the meeting as a draft, what layout it had, the guesses.

    ``new_organisations`` are the attendees and owners the directory did not know; they
    are proposed, and become organisations only when the meeting is saved.
    """

    meeting: MeetingDoc
    layout: NoteLayout
    guesses: tuple[Guess, ...] = ()
    new_organisations: tuple[OrganisationRef, ...] = ()

    @property
    def needs_review(self) -> bool:
        return bool(self.guesses)


@dataclass(frozen=True, slots=True)
class Directory:
    """What the archive already knows, to match a note's names against."""

    organisations: tuple[OrganisationRef, ...] = ()
    boards: tuple[BoardRef, ...] = ()
    _by_key: dict[str, OrganisationRef] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, OrganisationRef] = {}
        # As printed first, then by abbreviation, then by name: "0" is the organisation
        # printed "0", before another whose full name is "0" but prints as "0 (00)".
        for attribute in ("display_name", "abbreviation", "name"):
            for org in self.organisations:
                index.setdefault(label_key(str(getattr(org, attribute))), org)
        object.__setattr__(self, "_by_key", index)

    def find(self, label: str) -> OrganisationRef | None:
        """The organisation printed as ``label``: its display name, name or abbreviation."""
        return self._by_key.get(label_key(label))


# What a Word file cannot hold (exporters.text drops it on the way out), so a name in the
# directory and the same name as printed compare equal.
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def label_key(label: str) -> str:
    """What makes two printed names the same: case, spacing, curly quotes and characters a
    Word file cannot hold aside."""
    printable = _UNPRINTABLE.sub("", label)
    return " ".join(printable.split()).replace("\u2019", "'").replace("\u2018", "'").casefold()
