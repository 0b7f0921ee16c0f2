"""Editing a hearing's members and turns, one unit of work per edit.

The editor phase builds its Members panel and turns editor on these. Each function hands
back frozen values; removals return what is needed to put the row back with the same ID
(for undo), as ``models.attendance`` does. After any change to the panel every turn is
relinked by the one rule of ``models.meeting_doc.member_of_label``, so the database never
disagrees with the file format about who spoke.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models.database import Database
from models.entities import AgendaItem, Meeting, Member, Organisation, Turn
from models.meeting_doc import OrganisationRef, TurnDoc
from models.restored_ids import old_id_if_free
from models.services import (
    NotFoundError,
    ValidationError,
    find_organisation,
    mark_edited,
    renumber,
)
from models.text_limits import column_limit, refuse_bad_text
from models.transcripts import (
    RemovedTurn,
    add_turns,
    member_of,
    relink_turns,
    turn_put_back,
    whole_meeting_loads,
)

R = TypeVar("R", Member, AgendaItem, Turn)
MAX_NAME = column_limit(Member.name)  # the columns' lengths (models.text_limits)
MAX_ROLE = column_limit(Member.role)


@dataclass(frozen=True, slots=True)
class MemberRow:
    id: int
    position: int
    name: str
    role: str | None
    organisation: OrganisationRef | None
    chair: bool


@dataclass(frozen=True, slots=True)
class TurnRow:
    """One turn as the editor shows it; ``speaker`` None is an editorial note."""

    id: int
    position: int
    speaker: str | None
    member_id: int | None
    text: str


@dataclass(frozen=True, slots=True)
class RemovedMember:
    id: int
    meeting_id: int
    position: int
    name: str
    role: str | None
    organisation_id: int | None
    chair: bool


# --- helpers inside a unit of work -----------------------------------------------------------


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.scalar(
        select(Meeting).where(Meeting.id == meeting_id).options(*whole_meeting_loads())
    )
    if meeting is None:
        raise NotFoundError(f"meeting {meeting_id} does not exist")
    return meeting


def _get(session: Session, entity: type[R], row_id: int, what: str) -> R:
    row = session.get(entity, row_id)
    if row is None:
        raise NotFoundError(f"{what} {row_id} does not exist")
    return row


def _name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError("name", "Type the member's name.")
    refuse_bad_text(cleaned, "name", MAX_NAME)
    return cleaned


def _role(text: str | None) -> str | None:
    role = (text or "").strip() or None
    if role is not None:
        refuse_bad_text(role, "role", MAX_ROLE)
    return role


def _organisation(session: Session, abbreviation: str | None) -> Organisation | None:
    if not (abbreviation or "").strip():
        return None
    assert abbreviation is not None
    found = find_organisation(session, abbreviation)
    if found is None:
        raise ValidationError(
            "organisation",
            f"No organisation has the abbreviation {abbreviation.strip()!r}:"
            " add it to the organisations first.",
        )
    return found


def _speaker(speaker: str | None) -> str | None:
    """A label as typed, or None for an editorial note; a blank label is a mistake, not a
    note, so it is refused rather than silently turned into one."""
    if speaker is None:
        return None
    if not speaker.strip():
        raise ValidationError("speaker", "Type who spoke, or make the turn an editorial note.")
    return speaker.strip()


def _member_row(member: Member) -> MemberRow:
    org = member.organisation
    return MemberRow(
        id=member.id,
        position=member.position,
        name=member.name,
        role=member.role,
        organisation=None if org is None else OrganisationRef(org.name, org.abbreviation),
        chair=member.chair,
    )


def _turn_row(turn: Turn) -> TurnRow:
    return TurnRow(turn.id, turn.position, turn.speaker, turn.member_id, turn.text)


def _place(position: int | None, length: int) -> int:
    """Where an insertion at ``position`` lands: clamped, and the end for None."""
    return length if position is None else min(max(position, 0), length)


# --- members ---------------------------------------------------------------------------------


def list_members(db: Database, meeting_id: int) -> list[MemberRow]:
    with db.read() as session:
        return [_member_row(member) for member in _meeting(session, meeting_id).members]


def add_member(
    db: Database,
    meeting_id: int,
    name: str,
    *,
    role: str | None = None,
    organisation: str | None = None,
    chair: bool = False,
    position: int | None = None,
) -> int:
    """Add a member (at ``position``, default at the end); turns naming them link to them."""
    with db.begin() as session:
        meeting = _meeting(session, meeting_id)
        member = Member(
            name=_name(name),
            role=_role(role),
            organisation=_organisation(session, organisation),
            chair=chair,
        )
        at = (
            len(meeting.members)
            if position is None
            else min(max(position, 0), len(meeting.members))
        )
        meeting.members.insert(at, member)
        renumber(meeting.members)
        relink_turns(meeting)
        mark_edited(meeting)
        session.flush()
        return member.id


def update_member(
    db: Database,
    member_id: int,
    *,
    name: str | None = None,
    role: str | None = None,
    organisation: str | None = None,
    chair: bool | None = None,
) -> MemberRow:
    """Change some of a member's fields; ``role=""``/``organisation=""`` clear them."""
    with db.begin() as session:
        member = _get(session, Member, member_id, "member")
        meeting = _meeting(session, member.meeting_id)
        if name is not None:
            member.name = _name(name)
        if role is not None:
            member.role = _role(role)
        if organisation is not None:
            member.organisation = _organisation(session, organisation)
        if chair is not None:
            member.chair = chair
        relink_turns(meeting)
        mark_edited(meeting)
        session.flush()
        return _member_row(member)


def move_member(db: Database, member_id: int, new_position: int) -> None:
    with db.begin() as session:
        member = _get(session, Member, member_id, "member")
        meeting = _meeting(session, member.meeting_id)
        meeting.members.remove(member)
        meeting.members.insert(min(max(new_position, 0), len(meeting.members)), member)
        renumber(meeting.members)
        mark_edited(meeting)


def delete_member(db: Database, member_id: int) -> RemovedMember:
    """Remove a member (their turns stay, unlinked); returns them for undo."""
    with db.begin() as session:
        member = _get(session, Member, member_id, "member")
        meeting = _meeting(session, member.meeting_id)
        removed = RemovedMember(
            id=member.id,
            meeting_id=meeting.id,
            position=meeting.members.index(member),
            name=member.name,
            role=member.role,
            organisation_id=member.organisation_id,
            chair=member.chair,
        )
        meeting.members.remove(member)
        renumber(meeting.members)
        session.flush()
        relink_turns(meeting)
        mark_edited(meeting)
        return removed


def restore_member(db: Database, removed: RemovedMember) -> int:
    """Put a removed member back with its ID and place; its turns link to it again."""
    with db.begin() as session:
        meeting = _meeting(session, removed.meeting_id)
        member = Member(
            id=old_id_if_free(session, Member, removed.id),
            name=removed.name,
            role=removed.role,
            organisation_id=removed.organisation_id,
            chair=removed.chair,
        )
        meeting.members.insert(min(removed.position, len(meeting.members)), member)
        renumber(meeting.members)
        session.flush()
        relink_turns(meeting)
        mark_edited(meeting)
        return member.id


# --- turns -----------------------------------------------------------------------------------


def list_turns(db: Database, item_id: int) -> list[TurnRow]:
    with db.read() as session:
        item = session.scalar(
            select(AgendaItem)
            .where(AgendaItem.id == item_id)
            .options(selectinload(AgendaItem.turns))
        )
        if item is None:
            raise NotFoundError(f"agenda item {item_id} does not exist")
        return [_turn_row(turn) for turn in item.turns]


def count_turns(db: Database, item_id: int) -> int:
    """How many turns an item holds: what deleting it would take (the editor asks first)."""
    with db.read() as session:
        return (
            session.scalar(select(func.count(Turn.id)).where(Turn.agenda_item_id == item_id)) or 0
        )


def speaker_labels(db: Database, meeting_id: int) -> list[str]:
    """Every label spoken in the meeting, first use first: what a new turn's speaker field
    offers beside the members' names."""
    with db.read() as session:
        meeting = _meeting(session, meeting_id)
        labels: dict[str, str] = {}
        for item in meeting.agenda_items:
            for turn in item.turns:
                if turn.speaker is not None:
                    labels.setdefault(turn.speaker.casefold(), turn.speaker)
        return list(labels.values())


def add_turn(
    db: Database, item_id: int, speaker: str | None, text: str = "", *, position: int | None = None
) -> int:
    """Add a turn (or, with ``speaker`` None, an editorial note) at ``position`` (default:
    at the end), linked to the member its label names."""
    with db.begin() as session:
        item = _get(session, AgendaItem, item_id, "agenda item")
        meeting = _meeting(session, item.meeting_id)
        label = _speaker(speaker)
        turn = Turn(speaker=label, text=text, member=member_of(meeting, label))
        item.turns.insert(_place(position, len(item.turns)), turn)
        renumber(item.turns)
        mark_edited(meeting)
        session.flush()
        return turn.id


def update_turn(
    db: Database,
    turn_id: int,
    *,
    speaker: str | None = None,
    editorial: bool = False,
    text: str | None = None,
) -> TurnRow:
    """Change a turn's words or speaker; ``editorial=True`` makes it an editorial note."""
    with db.begin() as session:
        turn = _get(session, Turn, turn_id, "turn")
        meeting = _meeting(session, turn.agenda_item.meeting_id)
        if editorial:
            turn.speaker = None
        elif speaker is not None:
            turn.speaker = _speaker(speaker)
        if text is not None:
            turn.text = text
        turn.member = member_of(meeting, turn.speaker)
        mark_edited(meeting)
        session.flush()
        return _turn_row(turn)


def move_turn(db: Database, turn_id: int, new_position: int) -> None:
    with db.begin() as session:
        turn = _get(session, Turn, turn_id, "turn")
        turns = turn.agenda_item.turns
        turns.remove(turn)
        turns.insert(min(max(new_position, 0), len(turns)), turn)
        renumber(turns)
        mark_edited(turn.agenda_item.meeting)


def delete_turn(db: Database, turn_id: int) -> RemovedTurn:
    with db.begin() as session:
        turn = _get(session, Turn, turn_id, "turn")
        item = turn.agenda_item
        removed = RemovedTurn(turn.id, item.id, item.turns.index(turn), turn.speaker, turn.text)
        item.turns.remove(turn)
        renumber(item.turns)
        mark_edited(item.meeting)
        return removed


def restore_turn(db: Database, removed: RemovedTurn) -> int:
    with db.begin() as session:
        item = _get(session, AgendaItem, removed.agenda_item_id, "agenda item")
        meeting = _meeting(session, item.meeting_id)
        turn = turn_put_back(session, meeting, removed)
        item.turns.insert(min(removed.position, len(item.turns)), turn)
        renumber(item.turns)
        mark_edited(meeting)
        session.flush()
        return turn.id


def replace_turns(db: Database, item_id: int, turns: Sequence[TurnDoc]) -> list[int]:
    """Replace all of an item's turns at once (a pasted transcript split into turns)."""
    with db.begin() as session:
        item = _get(session, AgendaItem, item_id, "agenda item")
        meeting = _meeting(session, item.meeting_id)
        for doc in turns:
            _speaker(doc.speaker)
        item.turns.clear()
        session.flush()
        add_turns(meeting, item, turns)
        mark_edited(meeting)
        session.flush()
        return [turn.id for turn in item.turns]
