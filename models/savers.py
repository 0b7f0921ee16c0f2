"""How each kind of pending edit is saved: the services the edit session's core calls.

Kept apart from :mod:`models.edits` because the services themselves use that module (the
version check), and in ``models`` so the core and its tests need no Qt."""

from __future__ import annotations

from typing import Any

from models import actions, attendance, services, transcript_edits
from models.database import Database
from models.edits import Kind, Saver


def save_details(db: Database, meeting_id: int, changes: dict[str, Any]) -> Any:
    # Looked up on the module at each call, so a test can stand a failing one in.
    return services.update_meeting(db, meeting_id, **changes)


def save_item(db: Database, item_id: int, changes: dict[str, Any]) -> Any:
    return services.update_agenda_item(db, item_id, **changes)


def save_attendee(db: Database, attendee_id: int, changes: dict[str, Any]) -> Any:
    return attendance.update_attendee(db, attendee_id, **changes)


def save_turn(db: Database, turn_id: int, changes: dict[str, Any]) -> Any:
    return transcript_edits.update_turn(db, turn_id, **changes)


def save_action(db: Database, action_id: int, changes: dict[str, Any]) -> Any:
    return actions.update_action(db, action_id, **changes)


SAVERS: dict[Kind, Saver] = {
    Kind.MEETING: save_details,
    Kind.ITEM: save_item,
    Kind.ATTENDEE: save_attendee,
    Kind.TURN: save_turn,
    Kind.ACTION: save_action,
}
