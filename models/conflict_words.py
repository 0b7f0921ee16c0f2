"""What another window or program changed in a meeting, in words and as marks on fields.

The edit session compares two reads of a meeting to tell the person what changed (the
conflict banner, the status line after a reload). A read of the meeting's record holds its
details and items; its attendees, actions, panel and turns are counted apart
(:func:`part_counts`, one query), so that a turn added in another window is named as such,
not guessed at.

A reload shows another window's change in a field the person has not typed in. The person
may never have looked at it (the window took it in as they came back to it, a moment before
they typed): so the fields a reload changed are *marked* (:func:`fields_changed`), and
typing over a marked field is a conflict like any other, not a silent replacement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import func, select

from models import services
from models.database import Database
from models.edits import Kind, Target
from models.entities import Action, AgendaItem, Attendance, Member, Turn
from models.errors import StorageError
from models.service_values import MeetingRecord

DETAIL_LABELS = (
    ("date", "the date"), ("start", "the start"), ("end", "the end"), ("venue", "the venue"),
    ("title", "the title"), ("theme", "the theme"), ("status", "the status"),
    ("chair_role", "the chair"), ("chair_organisation", "the chair"),
    ("next_meeting", "the next meeting"), ("mode", "how it met"), ("style", "the layout"),
)  # fmt: skip
"""The details of a record, with how the banner names them."""

FieldMark = tuple[Target, str]
"""A field of a meeting (its details' target, or an item's) and the field's name."""


@dataclass(frozen=True, slots=True)
class PartCounts:
    """How many rows the parts a record does not hold have (a meeting's attendees, ...)."""

    attendees: int = 0
    actions: int = 0
    members: int = 0
    turns: int = 0


def part_counts(db: Database, meeting_id: int) -> PartCounts:
    """The meeting's attendees, actions, panel members and turns, counted in one query."""

    def count(entity: Any, *where: Any) -> Any:
        return select(func.count()).select_from(entity).where(*where).scalar_subquery()

    query = select(
        count(Attendance, Attendance.meeting_id == meeting_id),
        count(Action, Action.meeting_id == meeting_id),
        count(Member, Member.meeting_id == meeting_id),
        count(
            Turn.__table__.join(AgendaItem.__table__),
            AgendaItem.meeting_id == meeting_id,
        ),
    )
    with db.read() as session:
        row = session.execute(query).one()
    return PartCounts(*row)


def conflict_parts(
    before: MeetingRecord,
    now: MeetingRecord,
    counts_before: PartCounts | None = None,
    counts_now: PartCounts | None = None,
) -> list[str]:
    """What differs between two reads of a meeting, in words ("the venue", "item 2's notes",
    "a turn added"); the counts, when given, name the parts the records do not hold."""
    found: list[str] = []
    for name, label in DETAIL_LABELS:
        if getattr(before, name) != getattr(now, name) and label not in found:
            found.append(label)
    found = [_with_value(label, now) for label in found]
    old = {item.id: item for item in before.agenda}
    new = {item.id: item for item in now.agenda}
    for number, item in enumerate(now.agenda, start=1):
        was = old.get(item.id)
        if was is None:
            found.append(f"item {number} added")
        elif was.notes != item.notes or was.title != item.title:
            found.append(f"item {number}, “{item.title or 'untitled'}”")
    removed = [item for item in before.agenda if item.id not in new]
    found.extend(f"“{item.title or 'untitled'}” deleted" for item in removed)
    if counts_before is not None and counts_now is not None:
        found.extend(_counted(counts_before, counts_now))
    return found


def _with_value(label: str, now: MeetingRecord) -> str:
    """A detail's label with the value saved elsewhere ("the venue, now “City Hall”"): the
    person choosing between theirs and mine sees theirs (the chair, two fields, is named)."""
    names = [name for name, each in DETAIL_LABELS if each == label]
    return _now_holds(label, getattr(now, names[0])) if len(names) == 1 else label


def _now_holds(label: str, value: Any) -> str:
    """One changed field in the words both messages use: "the venue, now “City Hall”"."""
    return f"{label}, now {shown(value)}"


def _counted(before: PartCounts, now: PartCounts) -> list[str]:
    words = (
        ("attendees", "an attendee", "attendees"),
        ("actions", "an action", "actions"),
        ("members", "a panel member", "panel members"),
        ("turns", "a turn of the transcript", "turns of the transcript"),
    )
    found = []
    for name, one, many in words:
        difference = getattr(now, name) - getattr(before, name)
        if difference:
            what = one if abs(difference) == 1 else f"{abs(difference)} {many}"
            found.append(f"{what} {'added' if difference > 0 else 'deleted'}")
    return found


def fields_changed(before: MeetingRecord, now: MeetingRecord) -> set[FieldMark]:
    """The one-value fields another window changed between two reads: the details and the
    items' titles (an item's notes are not marked: typing in them goes on where the cursor
    is, around the other window's words, and both are kept)."""
    details: Target = (Kind.MEETING, now.id)
    marks = {
        (details, name) for name, _ in DETAIL_LABELS if getattr(before, name) != getattr(now, name)
    }
    old = {item.id: item for item in before.agenda}
    for item in now.agenda:
        was = old.get(item.id)
        if was is not None and was.title != item.title:
            marks.add(((Kind.ITEM, item.id), "title"))
    return marks


def typed_over(
    marks: set[FieldMark], edits: dict[Target, dict[str, Any]], now: MeetingRecord
) -> str:
    """Why saving ``edits`` is a conflict, if one is a marked field (the person typed over a
    change they were never asked about), with the value the other window saved ("the
    venue, now “City Hall”"); "" when none is."""
    labels = dict(DETAIL_LABELS)
    items = {item.id: (number, item) for number, item in enumerate(now.agenda, start=1)}
    found = []
    for target, changes in edits.items():
        for name in changes:
            if (target, name) not in marks:
                continue
            if target[0] is Kind.MEETING:
                found.append(_now_holds(labels.get(name, name), getattr(now, name, None)))
            elif target[1] in items:
                number, item = items[target[1]]
                found.append(_now_holds(f"item {number}'s title", item.title))
    if not found:
        return ""
    return (
        f"This meeting was changed in another window or program at"
        f" {now.updated_at.astimezone():%H:%M:%S} ({'; '.join(found)}), shown here just"
        " before you typed over it. Your unsaved text is still on screen."
    )


def describe_conflict(
    db: Database, before: MeetingRecord, counts: PartCounts | None, what: str, by: str = ""
) -> str:
    """The conflict banner's words: what changed underneath, from the meeting as it is now
    against ``before`` (as the window read it, its parts counted as ``counts``); ``what``
    was refused ("command", "deleted", "changed"); ``by``: who saved it, when known."""
    where = f"by {by}" if by else "in another window or program"
    try:
        now = services.meeting_record(db, before.id)
        counts_now = part_counts(db, before.id)
    except services.NotFoundError:
        return f"This meeting was deleted {where}."
    except StorageError as error:
        return f"This meeting changed elsewhere (it could not be read: {error.reason})."
    parts = conflict_parts(before, now, counts, counts_now)
    if what == "deleted":
        parts.insert(0, "an item you are typing in was deleted")
    when = f"{now.updated_at.astimezone():%H:%M:%S}"
    listed = "; ".join(parts) if parts else "its attendees, actions or transcript"
    if what == "command":
        outcome = " What you just did was not done."
    else:
        outcome = " Your unsaved text is still on screen."
    return f"This meeting was changed {where} at {when} ({listed}).{outcome}"


def shown(value: Any) -> str:
    """A field's value as the banner quotes it."""
    if value is None or value == "":
        return "empty"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, Enum):
        value = value.value
    return f"“{value}”"
