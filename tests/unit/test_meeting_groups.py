"""The archive tree's counts (migration 0009) follow every write of a meeting."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from models import services
from models.database import Database
from models.enums import MeetingStatus
from models.meeting_doc import BoardRef, MeetingDoc

LCJB = BoardRef("London Criminal Justice Board", "LCJB")


def _counted(database: Database) -> Counter[tuple[str, int, MeetingStatus]]:
    return Counter(
        {(g.board_name, g.year, g.status): g.count for g in services.meeting_groups(database)}
    )


def _recounted(database: Database) -> Counter[tuple[str, int, MeetingStatus]]:
    return Counter((m.board_name, m.date.year, m.status) for m in services.list_meetings(database))


def test_the_counts_follow_imports_status_dates_and_deletions(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    assert services.meeting_groups(database) == []
    ids = [
        services.import_meeting(
            database, sample_meeting._replace(date=day, board=board, next_meeting=None)
        )
        for day, board in (
            (dt.date(2024, 3, 1), sample_meeting.board),
            (dt.date(2024, 6, 1), sample_meeting.board),
            (dt.date(2025, 3, 1), sample_meeting.board),
            (dt.date(2024, 3, 1), LCJB),
        )
    ]
    rrb = sample_meeting.board.name
    assert _counted(database) == _recounted(database)
    assert _counted(database)[(rrb, 2024, MeetingStatus.DRAFT)] == 2

    services.update_meeting(database, ids[0], status=MeetingStatus.FINAL)
    services.update_meeting(database, ids[1], date=dt.date(2023, 12, 1))  # into another year
    services.update_meeting(database, ids[2], title="Extraordinary Meeting")  # no count moves
    assert _counted(database) == _recounted(database)
    assert _counted(database)[(rrb, 2024, MeetingStatus.FINAL)] == 1
    assert _counted(database)[(rrb, 2023, MeetingStatus.DRAFT)] == 1

    services.delete_meeting(database, ids[3])
    services.delete_meeting(database, ids[0])
    assert _counted(database) == _recounted(database)
    # A group with no meeting left is gone, not shown with nothing in it.
    assert all(group.count > 0 for group in services.meeting_groups(database))
    assert {(g.board_name, g.year) for g in services.meeting_groups(database)} == {
        (rrb, 2023),
        (rrb, 2025),
    }


def test_the_newest_meeting_on_a_day_and_month(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    """What typing a date in the archive asks: any year, or one; one board and status."""

    def add(day: dt.date, board: BoardRef) -> int:
        doc = sample_meeting._replace(date=day, board=board, next_meeting=None)
        return services.import_meeting(database, doc)

    older = add(dt.date(2019, 1, 15), sample_meeting.board)
    newer = add(dt.date(2024, 1, 15), sample_meeting.board)
    other_board = add(dt.date(2025, 1, 15), LCJB)
    add(dt.date(2025, 1, 16), sample_meeting.board)
    services.update_meeting(database, older, status=MeetingStatus.FINAL)

    def found(**wanted: object) -> int | None:
        summary = services.newest_meeting_on(database, 15, 1, **wanted)  # type: ignore[arg-type]  # the keywords vary
        return summary.id if summary is not None else None

    assert found() == other_board
    assert found(board=sample_meeting.board.name) == newer
    assert found(board=sample_meeting.board.name, year=2019) == older
    assert found(status=MeetingStatus.FINAL) == older
    assert found(year=2023) is None
    assert services.newest_meeting_on(database, 15, 2) is None  # the month counts too
