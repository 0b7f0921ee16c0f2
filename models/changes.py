"""What a saved edit changed, as the views hear it: a meeting and the parts of it.

Plain values, apart from ``models.edits`` (which saves the edits through the ORM), so that
the window's views can name the parts they show without importing SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Part(Enum):
    """The parts of a meeting an edit can change: views refresh only what they show."""

    DETAILS = "details"
    ATTENDEES = "attendees"
    ITEMS = "items"  # an item's title, notes, confidentiality (typed), or the list below
    ITEM_LIST = "item list"  # the agenda list itself: an item added, deleted or moved
    ACTIONS = "actions"
    STATUSES = "statuses"
    MEMBERS = "members"  # a hearing's panel
    TURNS = "turns"  # a hearing's speaker turns


@dataclass(frozen=True, slots=True)
class MeetingChange:
    """What a saved edit changed: which meeting, which parts, and the text it saved (the
    search decides from it whether its results could have changed)."""

    meeting_id: int
    parts: frozenset[Part]
    texts: tuple[str, ...] = ()
