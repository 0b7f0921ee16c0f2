"""How the meeting list and the search results word a meeting, a board and a count.

Apart from the tree model so that the archive's rows, its Board filter and the search
results say the same things the same way: a meeting is told by its date, board and title,
and two meetings of one board on one day (a morning and an afternoon session, a board
meeting and a hearing under one title) would read alike, so where a list holds both their
titles add what tells them apart, the start time and the layout, as the secretary set them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from models.enums import LayoutStyle
    from models.services import MeetingSummary

SameDay = tuple[str, dt.date]
"""A board (by abbreviation) and a day: two meetings listed with the same one need telling apart."""


class ListedMeeting(Protocol):
    """What a list knows of a meeting: an archive row's summary or a search hit."""

    @property
    def date(self) -> dt.date: ...
    @property
    def start(self) -> dt.time | None: ...
    @property
    def board_abbreviation(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def style(self) -> LayoutStyle: ...


def display_date(summary: MeetingSummary) -> str:
    """The date as the forms show it (dd/mm/yyyy, the UK order the secretary types)."""
    return summary.date.strftime("%d/%m/%Y")


def board_label(name: str, abbreviation: str) -> str:
    """How a board is named in the archive and its filter: ``RRB: Reducing Reoffending Board``."""
    return f"{abbreviation}: {name}" if abbreviation and abbreviation != name else name


def meeting_tooltip(summary: MeetingSummary) -> str:
    at = f" at {summary.start:%H:%M}" if summary.start is not None else ""
    return (
        f"{summary.board_name}: {summary.title}, {summary.date:%A} {display_date(summary)}{at}"
        f" ({summary.status.label.lower()})"
    )


def meetings_count(count: int) -> str:
    return f"{count:,} meeting" + ("" if count == 1 else "s")


def same_day(meeting: ListedMeeting) -> SameDay:
    return meeting.board_abbreviation, meeting.date


def shared_days(meetings: Iterable[ListedMeeting]) -> frozenset[SameDay]:
    """The board-days more than one of ``meetings`` was held on: one pass over rows already
    read, so telling meetings apart costs no query."""
    counts = Counter(same_day(meeting) for meeting in meetings)
    return frozenset(day for day, count in counts.items() if count > 1)


def listed_title(meeting: ListedMeeting, shared: frozenset[SameDay]) -> str:
    """The title, with the start time and the layout (when the title does not already say
    it) after it when another meeting of the board is listed on the same day:
    ``Public Note (14:00)``, ``Annual Review (Hearing Transcript, 10:00)``."""
    if same_day(meeting) not in shared:
        return meeting.title
    apart = [] if meeting.title == meeting.style.default_title else [meeting.style.default_title]
    if meeting.start is not None:
        apart.append(f"{meeting.start:%H:%M}")
    return f"{meeting.title} ({', '.join(apart)})" if apart else meeting.title
