"""Where the archive tree reads its rows: the database, a board's year at a time.

The tree shows boards and years at once but the meetings of a year only when it is opened,
so a start reads the group counts (one short row per board, year and status) and the years
that open at first sight, whatever the archive's size. ``ListedMeetings`` answers the same
questions from a list in memory, for a model filled by hand.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from models import services
from models.errors import StorageError
from models.services import MeetingGroup, MeetingSummary, NotFoundError
from ui.common.settings import ArchiveFilter

if TYPE_CHECKING:
    from models.database import Database
    from models.enums import MeetingStatus

log = logging.getLogger(__name__)


class ArchiveSource(Protocol):
    def groups(self) -> list[MeetingGroup]:
        """Every (board, year, status) with its number of meetings."""

    def meetings_of(
        self, board: str, year: int, status: MeetingStatus | None
    ) -> list[MeetingSummary]:
        """One board's meetings in one year (of one status, or all), newest first."""

    def summary(self, meeting_id: int) -> MeetingSummary | None:
        """Any meeting's line, None if there is no such meeting."""

    def newest(self) -> MeetingSummary | None:
        """The newest meeting of all."""

    def newest_on(
        self, day: int, month: int, *, board: str | None, year: int | None,
        status: MeetingStatus | None,
    ) -> MeetingSummary | None:  # fmt: skip
        """The newest meeting on a day and month (of one year, board and status if given)."""


class DatabaseMeetings:
    """The archive's rows read from the database as the tree asks for them.

    ``groups`` and ``newest`` fail loudly (the window shows the problem when it lists the
    archive); a year read while the tree lays itself out cannot show a dialog, so a failure
    there is logged and the year shows no rows.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    def groups(self) -> list[MeetingGroup]:
        return services.meeting_groups(self._database)

    def meetings_of(
        self, board: str, year: int, status: MeetingStatus | None
    ) -> list[MeetingSummary]:
        try:
            return services.list_meetings(self._database, board=board, year=year, status=status)
        except StorageError:
            log.exception("listing the meetings of %s in %s failed", board, year)
            return []

    def summary(self, meeting_id: int) -> MeetingSummary | None:
        try:
            return services.meeting_summary(self._database, meeting_id)
        except NotFoundError:
            return None
        except StorageError:
            log.exception("reading meeting %s failed", meeting_id)
            return None

    def newest(self) -> MeetingSummary | None:
        return services.newest_meeting(self._database)

    def newest_on(
        self, day: int, month: int, *, board: str | None, year: int | None,
        status: MeetingStatus | None,
    ) -> MeetingSummary | None:  # fmt: skip
        try:
            return services.newest_meeting_on(
                self._database, day, month, board=board, year=year, status=status
            )
        except StorageError:
            log.exception("looking for a meeting on %s/%s failed", day, month)
            return None


class ListedMeetings:
    """The same answers from meetings already listed (newest first)."""

    def __init__(self, meetings: Sequence[MeetingSummary]) -> None:
        self._meetings = list(meetings)
        self._by_id = {summary.id: summary for summary in self._meetings}

    def groups(self) -> list[MeetingGroup]:
        counts = Counter(
            (each.board_name, each.board_abbreviation, each.date.year, each.status)
            for each in self._meetings
        )
        return [MeetingGroup(*key, count) for key, count in counts.items()]

    def meetings_of(
        self, board: str, year: int, status: MeetingStatus | None
    ) -> list[MeetingSummary]:
        wanted = ArchiveFilter(board=board, year=year, status=status)
        return [each for each in self._meetings if wanted.accepts(each)]

    def summary(self, meeting_id: int) -> MeetingSummary | None:
        return self._by_id.get(meeting_id)

    def newest(self) -> MeetingSummary | None:
        return self._meetings[0] if self._meetings else None

    def newest_on(
        self, day: int, month: int, *, board: str | None, year: int | None,
        status: MeetingStatus | None,
    ) -> MeetingSummary | None:  # fmt: skip
        wanted = ArchiveFilter(board=board, year=year, status=status)
        return next(
            (
                each
                for each in self._meetings
                if (each.date.day, each.date.month) == (day, month) and wanted.accepts(each)
            ),
            None,
        )
