"""The archive tree reads a year's meetings only when something asks for them: a start costs
the group counts and the years that open, whatever the archive's size."""

from __future__ import annotations

import datetime as dt

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.enums import MeetingStatus
from models.meeting_doc import MeetingDoc
from models.services import MeetingSummary
from tests.ui.conftest import LCJB
from ui.archive.archive_model import ArchiveModel
from ui.archive.archive_source import DatabaseMeetings
from ui.archive.archive_view import ArchiveView
from ui.common.settings import ArchiveFilter, Settings


class CountingSource(DatabaseMeetings):
    """The database, noting each year read."""

    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self.years_read: list[tuple[str, int]] = []

    def meetings_of(
        self, board: str, year: int, status: MeetingStatus | None
    ) -> list[MeetingSummary]:
        self.years_read.append((board, year))
        return super().meetings_of(board, year, status)


def _archive(database: Database, sample: MeetingDoc) -> list[int]:
    """Twelve meetings: RRB in 2019-2025 (2024 twice, final), LCJB in 2023 and 2025."""
    ids = []
    for day, board, final in [
        *((dt.date(year, 3, 1), sample.board, year < 2024) for year in range(2019, 2026)),
        (dt.date(2024, 9, 1), sample.board, True),
        (dt.date(2024, 10, 1), sample.board, False),
        (dt.date(2024, 11, 1), sample.board, False),
        (dt.date(2023, 5, 1), LCJB, True),
        (dt.date(2025, 5, 1), LCJB, False),
    ]:
        doc = sample._replace(date=day, board=board, next_meeting=None)
        ids.append(services.import_meeting(database, doc))
        if final:
            services.update_meeting(database, ids[-1], status=MeetingStatus.FINAL)
    return ids


def test_the_services_list_groups_years_and_the_newest(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    ids = _archive(database, sample_meeting)
    groups = services.meeting_groups(database)
    assert sum(group.count for group in groups) == len(ids) == services.meeting_count(database)
    rrb_2024 = {g.status: g.count for g in groups if g.year == 2024 and g.board_name != LCJB.name}
    assert rrb_2024 == {MeetingStatus.FINAL: 1, MeetingStatus.DRAFT: 3}
    in_2024 = services.list_meetings(database, board=sample_meeting.board.name, year=2024)
    assert [each.date for each in in_2024] == [
        dt.date(2024, 11, 1), dt.date(2024, 10, 1), dt.date(2024, 9, 1), dt.date(2024, 3, 1),
    ]  # fmt: skip
    drafts = services.list_meetings(database, year=2024, status=MeetingStatus.DRAFT)
    assert len(drafts) == 3
    assert services.newest_meeting(database) == services.list_meetings(database)[0]


def test_a_start_reads_only_the_years_that_open(
    qtbot: QtBot, database: Database, sample_meeting: MeetingDoc, settings: Settings
) -> None:
    ids = _archive(database, sample_meeting)
    view = ArchiveView(settings)
    qtbot.addWidget(view)
    source = CountingSource(database)
    view.show_archive(source)
    # Each board and its newest year open: those two years, and no other, are read.
    assert sorted(source.years_read) == [(LCJB.name, 2025), (sample_meeting.board.name, 2025)]
    assert view.count_label.text() == f"{len(ids)} meetings"
    board = view.model.index(1, 0)
    assert board.data() == "RRB: Reducing Reoffending Board (10)"
    assert view.model.index(1, 0, board).data() == "2024 (4)"  # counted, not read
    assert (sample_meeting.board.name, 2024) not in source.years_read

    # Opening a year reads it; a meeting of a closed year is found by reading its year.
    view.tree.expand(view.model.index(1, 0, board))
    assert (sample_meeting.board.name, 2024) in source.years_read
    assert view.select_meeting(ids[0])  # 2019
    assert view.current_meeting() == services.meeting_summary(database, ids[0])

    # Filters count from the groups: drafts only, then one board's year.
    view.model.set_filter(ArchiveFilter(status=MeetingStatus.DRAFT))
    assert view.model.shown_count() == 5
    assert view.model.index(0, 0, board).data() == "2025 (1)"
    view.model.set_filter(ArchiveFilter(board=LCJB.name, year=2023))
    assert view.model.shown_count() == 1
    assert view.model.summary_of(ids[-1]) == services.meeting_summary(database, ids[-1])


def test_a_saved_meeting_updates_its_row_or_the_counts(
    qtbot: QtBot, qtmodeltester: ModelTester, database: Database, sample_meeting: MeetingDoc
) -> None:
    ids = _archive(database, sample_meeting)
    model = ArchiveModel()
    model.set_source(DatabaseMeetings(database))
    row = model.index_of(ids[6])  # RRB 2025, read now
    assert row.isValid()
    services.update_meeting(database, ids[6], title="Extraordinary Meeting")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.update_meeting(services.meeting_summary(database, ids[6]))
    assert model.index_of(ids[6], 1).data() == "Extraordinary Meeting"

    # Made final: the drafts' count changes, so the tree is rebuilt from the counts.
    model.set_filter(ArchiveFilter(status=MeetingStatus.DRAFT))
    services.update_meeting(database, ids[6], status=MeetingStatus.FINAL)
    with qtbot.waitSignal(model.modelReset):
        model.update_meeting(services.meeting_summary(database, ids[6]))
    assert not model.index_of(ids[6]).isValid()
    assert model.shown_count() == 4
    qtmodeltester.check(model)
