"""A meeting as plain, immutable values: the unit the exporters and the JSON format work on.

Exporters are pure functions of a meeting, and the window shows snapshots rather than live
ORM rows; both want a value that cannot change under them and needs no session. The shape
follows ``rrb-meeting/2`` one to one, so that a file, a database row and an export are three
views of the same thing.

The values here and the others an export makes are ``NamedTuple`` classes, not frozen
dataclasses: they are as immutable and typed, and compare and print alike, but Python 3.11
writes a frozen dataclass's methods with ``exec`` one by one when the class is made, and an
``rrb-desktop export`` process makes every class its values need before it writes a line:
that was the largest part of its time (``benchmarks/export.py``). Change one with
``value._replace(...)``. A module that defines such classes does without ``from __future__
import annotations``: with it every annotation is a string, which ``typing.NamedTuple``
compiles, field by field, as the class is made (``tests/unit/test_value_classes.py``).
"""

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from models.enums import ActionStatus, AttendanceStatus, LayoutStyle, MeetingMode
from models.text_keys import text_key


class OrganisationRef(NamedTuple):
    name: str
    abbreviation: str

    @property
    def display_name(self) -> str:
        """``Full Name (ABBR)``, or the name alone where the two are the same (``Clinks``)."""
        if not self.abbreviation or self.abbreviation.casefold() == self.name.casefold():
            return self.name
        return f"{self.name} ({self.abbreviation})"


class BoardRef(NamedTuple):
    name: str
    abbreviation: str


class ChairDoc(NamedTuple):
    role: str
    organisation: str  # abbreviation


class AttendeeDoc(NamedTuple):
    organisation: str  # abbreviation
    name: str | None = None
    role: str | None = None
    status: AttendanceStatus = AttendanceStatus.PRESENT


class ActionDoc(NamedTuple):
    description: str
    owners: tuple[str, ...] = ()  # abbreviations, in the order the note prints them
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    # The status was decided at a later meeting's review, not at this meeting.
    resolved_later: bool = False

    @property
    def status_at_meeting(self) -> ActionStatus:
        """The status this meeting's own record gives the action: what a later meeting
        decided (done, rolled over) must not change an earlier meeting's note, so an action
        resolved later is as it was agreed, open. A status not decided later (one imported
        with the meeting: the published notes record each review at its meeting) stands."""
        return ActionStatus.OPEN if self.resolved_later else self.status


class MemberDoc(NamedTuple):
    """A member of a hearing's panel: printed, with a chair flag (co-chairs allowed)."""

    name: str
    role: str | None = None
    organisation: str | None = None  # abbreviation
    chair: bool = False


class TurnDoc(NamedTuple):
    """One turn of a transcript: a speaker label as printed and the words, or an editorial
    note when ``speaker`` is None."""

    speaker: str | None
    text: str = ""  # the Markdown subset described in models.notes

    @property
    def is_editorial(self) -> bool:
        return self.speaker is None


def member_of_label(members: Sequence[MemberDoc], label: str | None) -> int | None:
    """The index of the member a speaker label names, or None (a guest, or a note).

    A label names a member when it is the member's name, or starts with it followed by a
    space, a bracket or a comma (``Sophie Linden (Deputy Mayor ...) (Co-Chair)``); the
    longest such name wins, so ``Chris Wright`` is not taken for a member ``Chris``. The file
    format carries labels only, so the link is this rule, applied alike on import and when
    a turn is typed: a file and the database cannot disagree about who spoke.
    """
    if label is None:
        return None
    wanted = " ".join(label.split()).casefold()
    best: int | None = None
    best_length = 0
    for index, member in enumerate(members):
        name = " ".join(member.name.split()).casefold()
        if not name or len(name) <= best_length:
            continue
        if wanted == name or (wanted.startswith(name) and wanted[len(name)] in " (,"):
            best, best_length = index, len(name)
    return best


class AgendaItemDoc(NamedTuple):
    title: str
    notes: str = ""  # the Markdown subset described in models.notes
    confidential: bool = False
    actions: tuple[ActionDoc, ...] = ()
    turns: tuple[TurnDoc, ...] = ()  # a transcript's words, in the order spoken


class MeetingDoc(NamedTuple):
    board: BoardRef
    date: dt.date
    style: LayoutStyle = LayoutStyle.PUBLIC_NOTE
    title: str | None = None  # None: the layout's own title
    start: dt.time | None = None
    end: dt.time | None = None
    venue: str | None = ""  # None: not known
    mode: MeetingMode = MeetingMode.IN_PERSON
    chair: ChairDoc | None = None
    theme: str | None = None
    organisations: tuple[OrganisationRef, ...] = ()
    attendees: tuple[AttendeeDoc, ...] = ()
    agenda: tuple[AgendaItemDoc, ...] = ()
    next_meeting: dt.date | None = None
    members: tuple[MemberDoc, ...] = ()  # a hearing's panel, in the printed order

    @property
    def display_title(self) -> str:
        """The title as printed: the override if there is one, else the layout's own."""
        return self.style.title_of(self.title)

    def organisation(self, abbreviation: str) -> OrganisationRef:
        """The organisation an abbreviation refers to; unknown ones stand for themselves."""
        found = _by_abbreviation(self.organisations).get(text_key(abbreviation))
        return found if found is not None else OrganisationRef(abbreviation, abbreviation)


@lru_cache(maxsize=8)
def _by_abbreviation(
    organisations: tuple[OrganisationRef, ...],
) -> dict[str, OrganisationRef]:
    """The index :meth:`MeetingDoc.organisation` looks in, made once per list of
    organisations: a note looks up every owner and attendee, and a scan of the list each
    time grows with both. Callers only read it."""
    return {text_key(org.abbreviation): org for org in organisations}


ITEMLESS_ACTIONS_TITLE = "Actions"
"""The title of the item of their own that item-less actions are printed under when the
meeting has no item a public note prints."""


def agenda_with_itemless_actions(
    agenda: tuple[AgendaItemDoc, ...], itemless: tuple[ActionDoc, ...]
) -> tuple[AgendaItemDoc, ...]:
    """``agenda`` with the actions that have no item (theirs was deleted, or they were
    rolled over into a meeting with none yet) added to the last item that is not
    confidential, where the house style puts the next steps ("AOB and Close"); if every
    item is confidential, or there is none, under an item *Actions* of their own at the end.

    Never a confidential item: a public note leaves those out whole, and the actions would
    be dropped from it unsaid. So every layout and audience prints them wherever it would
    print an action of an item, and the value written to JSON keeps them.
    """
    if not itemless:
        return agenda
    for index in range(len(agenda) - 1, -1, -1):
        item = agenda[index]
        if not item.confidential:
            kept = item._replace(actions=item.actions + itemless)
            return (*agenda[:index], kept, *agenda[index + 1 :])
    return (*agenda, AgendaItemDoc(title=ITEMLESS_ACTIONS_TITLE, actions=itemless))
