"""What a saved stretch of typing changed, in the terms an undo step needs: each field's value
before and after, read from the meeting as the editor holds it (a
:class:`models.services.MeetingRecord`), the words the Edit menu shows for it, and the check
a step makes as it puts a value back (:func:`put_back`).

Kept apart from the widgets so that the edit session, which finds these values when it
saves, the editor, which turns them into steps, and the tables whose cells are steps too
(actions, attendees) share one reading and one check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from models import services
from models.edits import Kind, Target
from models.errors import StaleEditError, ValidationError
from models.services import MeetingRecord, NotFoundError

if TYPE_CHECKING:
    from models.changes import Part
    from models.database import Database
    from ui.editor.session import EditSession

T = TypeVar("T")

MISSING = object()
"""A field the record does not hold (an item not in it): no step is made for it."""

DETAIL_LABELS = {
    "date": "Date", "start": "Start", "end": "End", "mode": "Mode", "venue": "Venue",
    "theme": "Theme", "next_meeting": "Next meeting", "board": "Board",
    "chair_role": "Chair role", "chair_organisation": "Chair organisation",
    "style": "Layout", "title": "Printed title", "status": "Status",
}  # fmt: skip
"""The details' fields as their labels name them on the form."""

ITEM_LABELS = {"title": "Title", "notes": "Notes", "confidential": "Confidential"}

CHOSEN = frozenset({"mode", "board", "style", "status", "confidential"})
"""Fields picked from a list or ticked, not typed: their step is a change, not typing."""


def field_value(record: MeetingRecord, target: Target, field: str) -> Any:
    """The value of one field of the meeting's details or of one of its items, as the record
    holds it (MISSING if the record has no such item or field)."""
    kind, target_id = target
    if kind is Kind.MEETING and target_id == record.id:
        return getattr(record, field, MISSING)
    if kind is Kind.ITEM:
        item = next((item for item in record.agenda if item.id == target_id), None)
        return getattr(item, field, MISSING) if item is not None else MISSING
    return MISSING


def changed_values(
    target: Target, fields: Iterable[str], before: MeetingRecord, after: MeetingRecord
) -> dict[str, tuple[Any, Any]]:
    """The fields a save changed, with their values before and after it (the values as the
    database keeps them: a theme of spaces is no theme)."""
    values: dict[str, tuple[Any, Any]] = {}
    for field in fields:
        old = field_value(before, target, field)
        new = field_value(after, target, field)
        if MISSING not in (old, new) and old != new:
            values[field] = (old, new)
    return values


def step_text(target: Target, fields: Iterable[str], record: MeetingRecord | None) -> str:
    """The step's name in the Edit menu: "Typing in Venue", "Typing in Notes of item 2", "The
    change to item 4's Confidential" (a field ticked or picked is not typed in)."""
    names = list(fields)
    kind, target_id = target
    labels = DETAIL_LABELS if kind is Kind.MEETING else ITEM_LABELS
    text = join_labels([labels.get(name, name) for name in names])
    number = None
    if kind is Kind.ITEM and record is not None:
        number = next(
            (n for n, item in enumerate(record.agenda, start=1) if item.id == target_id), None
        )
    whose = f"item {number}" if number is not None else ""
    if set(names) <= CHOSEN:
        return change_text(text, whose)
    return f"Typing in {text} of {whose}" if whose else f"Typing in {text}"


def change_text(label: str, whose: str = "") -> str:
    """A step that ticked or picked a value, named so that "Undo" reads before it: "The change
    to Mode", "The change to action 3's Status" (Edit menu: "Undo the change to …")."""
    return f"The change to {whose}'s {label}" if whose else f"The change to {label}"


def join_labels(labels: list[str]) -> str:
    """ "Start", "Start and End", "Date, Start and End"."""
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def put_back(
    session: EditSession,
    parts: set[Part],
    *,
    read_now: Callable[[Database], Mapping[str, Any]],
    expected: Mapping[str, Any],
    labels: Mapping[str, str],
    save: Callable[[Database], T],
) -> T:
    """Put a step's value back (its undo or redo) through the session, after two checks:
    the meeting must still be at the session's version (else it was saved elsewhere since:
    StaleEditError, a conflict, told as any), and each field must hold what the step
    expects, as ``read_now`` reads them (one changed by this window's "Keep mine" is refused
    with its name: nothing is put back over it)."""
    meeting_id, version = session.meeting_id, session.version
    if meeting_id is None:
        raise NotFoundError("no meeting is open")

    def work(db: Database) -> T:
        if services.meeting_version(db, meeting_id) != version:
            raise StaleEditError(f"meeting {meeting_id} is no longer at version {version}")
        now = read_now(db)
        changed = [field for field, value in expected.items() if now.get(field, MISSING) != value]
        if changed:
            names = join_labels([labels.get(field, field) for field in changed])
            raise ValidationError(changed[0], f"{names} changed since, so it was left as it is")
        return save(db)

    return session.run(parts, work)
