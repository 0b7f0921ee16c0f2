"""Closed vocabularies shared by the database, the interchange format and the exporters.

Values are the strings the ``rrb-meeting`` JSON format uses, so a value can travel from
a file to a row and back without a translation table.
"""

from __future__ import annotations

from enum import Enum, StrEnum


class LayoutStyle(StrEnum):
    """The published layouts of a note, one per example in the house style."""

    PUBLIC_NOTE = "public-note"
    NOTE_OF_MEETING = "note-of-meeting"
    PUBLIC_NOTE_OF_MEETING = "public-note-of-meeting"
    RECORD_OF_MEETING = "record-of-meeting"
    # A public hearing printed as a verbatim transcript: members and speaker turns.
    HEARING_TRANSCRIPT = "hearing-transcript"

    @property
    def default_title(self) -> str:
        """The title a note of this layout prints when the meeting has no override."""
        return _DEFAULT_TITLES[self]

    def title_of(self, title: str | None) -> str:
        """A meeting's own title (its printed title), else this layout's."""
        return title or self.default_title

    @property
    def is_transcript(self) -> bool:
        """Whether the record is speaker turns (a hearing) rather than notes (a board)."""
        return self is LayoutStyle.HEARING_TRANSCRIPT

    @property
    def label(self) -> str:
        """A human label for menus: the title plus the year the layout was in use."""
        return f"{self.default_title} ({_LAYOUT_YEARS[self]} layout)"

    @property
    def short_label(self) -> str:
        """The label where "Layout:" already stands beside it (the preview's narrow pane)."""
        return f"{self.default_title} ({_LAYOUT_YEARS[self]})"


_DEFAULT_TITLES = {
    LayoutStyle.PUBLIC_NOTE: "Public Note",
    LayoutStyle.NOTE_OF_MEETING: "Note of Meeting",
    LayoutStyle.PUBLIC_NOTE_OF_MEETING: "Public Note of Meeting",
    LayoutStyle.RECORD_OF_MEETING: "Record of Meeting",
    LayoutStyle.HEARING_TRANSCRIPT: "Hearing Transcript",
}
_LAYOUT_YEARS = {
    LayoutStyle.PUBLIC_NOTE: "2025",
    LayoutStyle.NOTE_OF_MEETING: "2024",
    LayoutStyle.PUBLIC_NOTE_OF_MEETING: "2023",
    LayoutStyle.RECORD_OF_MEETING: "2019",
    LayoutStyle.HEARING_TRANSCRIPT: "2017",
}


# The board-note layouts: notes and actions under agenda items (not speaker turns).
BOARD_NOTE_LAYOUTS = tuple(style for style in LayoutStyle if not style.is_transcript)


class MeetingMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"

    @property
    def label(self) -> str:
        return {"in_person": "In person", "online": "Online", "hybrid": "Hybrid"}[self.value]


class MeetingStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class NextMeeting(Enum):
    """The due "date" that means whenever the Board next meets (here, beside the other
    vocabularies, so that an unsaved due date kept in the journal reads back as itself)."""

    NEXT_MEETING = "next_meeting"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    ROLLED_OVER = "rolled_over"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {"rolled_over": "Rolled over"}.get(self.value, self.value.capitalize())


class Audience(StrEnum):
    """Who an export is for: the public note hides people and confidential items."""

    PUBLIC = "public"
    INTERNAL = "internal"
