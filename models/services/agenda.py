"""The agenda items of a meeting: added, changed, deleted (for undo: restored), moved."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.database import Database
from models.entities import (
    AgendaItem,
)
from models.errors import NotFoundError, ValidationError
from models.input_limits import MAX_LIST_ITEMS
from models.restored_ids import old_id_if_free
from models.services.common import (
    load_whole_meeting,
    mark_edited,
    renumber,
)
from models.text_limits import refuse_bad_text
from models.transcripts import RemovedTurn, removed_turns, turn_put_back

# --- agenda items ----------------------------------------------------------------------------


def _item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFoundError(f"agenda item {item_id} does not exist")
    return item


def _check_item_text(title: str | None, notes: str | None) -> None:
    """The limits of models.input_limits hold for typed and pasted text as for imports:
    checked before the meeting loads (a unit of work checks them again as it writes)."""
    if title is not None:
        refuse_bad_text(title, "title")
    if notes is not None:
        refuse_bad_text(notes, "notes")


def add_agenda_item(
    db: Database, meeting_id: int, title: str = "", *, position: int | None = None, notes: str = ""
) -> int:
    """Insert an item at ``position`` (0-based; default: at the end); the others renumber."""
    _check_item_text(title, notes)
    with db.begin() as session:
        meeting = load_whole_meeting(session, meeting_id)
        if len(meeting.agenda_items) >= MAX_LIST_ITEMS:
            raise ValidationError(
                "agenda", f"A meeting holds at most {MAX_LIST_ITEMS:,} agenda items."
            )
        item = AgendaItem(title=title, notes=notes)
        if position is None or position >= len(meeting.agenda_items):
            meeting.agenda_items.append(item)
        else:
            meeting.agenda_items.insert(max(position, 0), item)
        renumber(meeting.agenda_items)
        mark_edited(meeting)
        session.flush()
        return item.id


def update_agenda_item(
    db: Database,
    item_id: int,
    *,
    title: str | None = None,
    notes: str | None = None,
    confidential: bool | None = None,
) -> None:
    _check_item_text(title, notes)
    with db.begin() as session:
        item = _item(session, item_id)
        if title is not None:
            item.title = title
        if notes is not None:
            item.notes = notes
        if confidential is not None:
            item.confidential = confidential
        mark_edited(item.meeting)


@dataclass(frozen=True, slots=True)
class RemovedAgendaItem:
    """A deleted agenda item, complete enough to restore it with the same ID and place, with
    everything the deletion took: its notes, a hearing's transcript turns (deleted with the
    item), and which actions to link to it again (they stay in the meeting, unlinked).
    What the editor's undo needs, so that undoing a deletion loses nothing."""

    id: int
    meeting_id: int
    position: int
    title: str
    notes: str
    confidential: bool
    action_ids: tuple[int, ...]
    turns: tuple[RemovedTurn, ...] = ()


def delete_agenda_item(db: Database, item_id: int) -> RemovedAgendaItem:
    """Delete an item and its turns (its actions stay in the meeting, unlinked); returns all
    of it for undo."""
    with db.begin() as session:
        item = _item(session, item_id)
        meeting = load_whole_meeting(session, item.meeting_id)
        removed = RemovedAgendaItem(
            id=item.id,
            meeting_id=meeting.id,
            position=meeting.agenda_items.index(item),
            title=item.title,
            notes=item.notes,
            confidential=item.confidential,
            action_ids=tuple(action.id for action in item.actions),
            turns=removed_turns(item),
        )
        meeting.agenda_items.remove(item)
        renumber(meeting.agenda_items)
        mark_edited(meeting)
        return removed


def restore_agenda_item(db: Database, removed: RemovedAgendaItem) -> int:
    """Put a deleted item back where it was, with its ID, its turns in their order (with
    their IDs, linked to the members their labels name now), and relink its actions (undo)."""
    with db.begin() as session:
        meeting = load_whole_meeting(session, removed.meeting_id)
        item = AgendaItem(
            id=old_id_if_free(session, AgendaItem, removed.id),
            title=removed.title,
            notes=removed.notes,
            confidential=removed.confidential,
        )
        meeting.agenda_items.insert(min(removed.position, len(meeting.agenda_items)), item)
        renumber(meeting.agenda_items)
        session.flush()
        for turn in sorted(removed.turns, key=lambda turn: turn.position):
            item.turns.append(turn_put_back(session, meeting, turn))
        session.flush()
        for action in meeting.actions:
            if action.id in removed.action_ids and action.agenda_item_id is None:
                action.agenda_item = item
        mark_edited(meeting)
        return item.id


def move_agenda_item(db: Database, item_id: int, new_position: int) -> None:
    """Move an item to ``new_position`` (0-based, clamped); numbers follow automatically."""
    with db.begin() as session:
        item = _item(session, item_id)
        meeting = load_whole_meeting(session, item.meeting_id)
        items = meeting.agenda_items
        items.remove(item)
        items.insert(min(max(new_position, 0), len(items)), item)
        renumber(items)
        mark_edited(meeting)


def agenda_titles(db: Database, meeting_id: int) -> list[str]:
    with db.read() as session:
        return list(
            session.scalars(
                select(AgendaItem.title)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(AgendaItem.position)
            )
        )
