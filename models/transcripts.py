"""A hearing's members and speaker turns, between the database rows and the meeting value.

These are the parts of importing and snapshotting a meeting that concern transcripts; the
meeting-wide paths in ``models.services`` call them, so a file, a row and an export stay
three views of the same thing. Editing one member or turn is ``models.transcript_edits``.
No import of ``models.services`` here, because it imports this module.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.base import ExecutableOption

from models.entities import AgendaItem, Meeting, Member, Organisation, Turn
from models.meeting_doc import MemberDoc, TurnDoc, member_of_label
from models.restored_ids import old_id_if_free


@dataclass(frozen=True, slots=True)
class RemovedTurn:
    """A deleted turn, complete enough to put it back with its ID and place (for undo): on
    its own (a turn removed) or with its agenda item (an item deleted, its turns with it).
    Its member link is not kept: it is found again from the label, by the one rule."""

    id: int
    agenda_item_id: int
    position: int
    speaker: str | None
    text: str


def whole_meeting_loads() -> tuple[ExecutableOption, ...]:
    """The loader options that bring a meeting's members and turns in a few queries."""
    return (
        selectinload(Meeting.members).selectinload(Member.organisation),
        selectinload(Meeting.agenda_items).selectinload(AgendaItem.turns),
    )


def add_members(
    meeting: Meeting, members: Sequence[MemberDoc], organisation: Callable[[str], Organisation]
) -> None:
    """Append the panel to a meeting being built; ``organisation`` resolves abbreviations."""
    for doc in members:
        meeting.members.append(
            Member(
                name=doc.name,
                role=doc.role,
                organisation=None if doc.organisation is None else organisation(doc.organisation),
                chair=doc.chair,
            )
        )


def add_turns(meeting: Meeting, item: AgendaItem, turns: Sequence[TurnDoc]) -> None:
    """Append turns to an item being built, each linked to the member its label names."""
    for doc in turns:
        item.turns.append(
            Turn(speaker=doc.speaker, text=doc.text, member=member_of(meeting, doc.speaker))
        )


def removed_turns(item: AgendaItem) -> tuple[RemovedTurn, ...]:
    """An item's turns as values, in order, before the item is deleted (for its undo)."""
    return tuple(
        RemovedTurn(turn.id, item.id, position, turn.speaker, turn.text)
        for position, turn in enumerate(item.turns)
    )


def turn_put_back(session: Session, meeting: Meeting, removed: RemovedTurn) -> Turn:
    """A removed turn made again, to be inserted into its item: with its old ID when that is
    still free (later steps of an undo stack name it), linked to the member its label
    names in the meeting as it is now."""
    return Turn(
        id=old_id_if_free(session, Turn, removed.id),
        speaker=removed.speaker,
        text=removed.text,
        member=member_of(meeting, removed.speaker),
    )


def member_of(meeting: Meeting, label: str | None) -> Member | None:
    """The member of ``meeting`` a speaker label names (the rule of ``member_of_label``)."""
    index = member_of_label(member_docs(meeting), label)
    return None if index is None else meeting.members[index]


def relink_turns(meeting: Meeting) -> None:
    """Link every turn of a meeting to the member its label names, after the panel changed
    (a member added, renamed or removed), so links always follow the one rule."""
    docs = member_docs(meeting)
    for item in meeting.agenda_items:
        for turn in item.turns:
            index = member_of_label(docs, turn.speaker)
            turn.member = None if index is None else meeting.members[index]


def member_docs(
    meeting: Meeting, ref: Callable[[Organisation], str] | None = None
) -> tuple[MemberDoc, ...]:
    """The panel as values; ``ref`` records each organisation used (for the file's list)."""

    def abbreviation(org: Organisation | None) -> str | None:
        if org is None:
            return None
        return ref(org) if ref is not None else org.abbreviation

    return tuple(
        MemberDoc(
            name=member.name,
            role=member.role,
            organisation=abbreviation(member.organisation),
            chair=member.chair,
        )
        for member in meeting.members
    )


def turn_docs(item: AgendaItem) -> tuple[TurnDoc, ...]:
    return tuple(TurnDoc(speaker=turn.speaker, text=turn.text) for turn in item.turns)
