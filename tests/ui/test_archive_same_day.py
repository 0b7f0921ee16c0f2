"""Two meetings of one board on one day (a morning and an afternoon session, a board meeting
and a hearing under one title) are told apart in the meeting list and the search results by
their start time and layout; a meeting alone on its day reads as before."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.direct_archive import DirectArchive
from models.enums import LayoutStyle, MeetingStatus
from models.meeting_doc import MeetingDoc
from models.search import SearchHit, search
from models.services import MeetingSummary
from ui.archive.archive_model import ArchiveModel, Column
from ui.archive.archive_source import DatabaseMeetings
from ui.archive.archive_view import ArchiveView
from ui.archive.search_model import HEADING_ROLE, HTML_ROLE, SearchResultsModel
from ui.common.settings import Settings

RRB = ("Reducing Reoffending Board", "RRB")
JUNE_19 = dt.date(2025, 6, 19)


def _summary(
    meeting_id: int,
    date: dt.date,
    start: dt.time | None,
    *,
    title: str = "Public Note",
    style: LayoutStyle = LayoutStyle.PUBLIC_NOTE,
    board: tuple[str, str] = RRB,
) -> MeetingSummary:
    return MeetingSummary(
        id=meeting_id,
        date=date,
        start=start,
        board_name=board[0],
        board_abbreviation=board[1],
        title=title,
        style=style,
        status=MeetingStatus.DRAFT,
    )


def _row(model: ArchiveModel, meeting_id: int) -> list[str]:
    meeting = model.index_of(meeting_id)
    return [meeting.siblingAtColumn(column).data() for column in Column]


def test_a_morning_and_an_afternoon_session_show_their_start_times() -> None:
    model = ArchiveModel()
    model.set_meetings(
        [
            _summary(3, JUNE_19, dt.time(14, 0)),
            _summary(2, JUNE_19, dt.time(10, 0)),
            _summary(1, dt.date(2025, 3, 20), dt.time(10, 0)),
        ]
    )
    assert _row(model, 3) == ["19/06/2025", "Public Note (14:00)", "Draft"]
    assert _row(model, 2) == ["19/06/2025", "Public Note (10:00)", "Draft"]
    assert _row(model, 1) == ["20/03/2025", "Public Note", "Draft"]  # alone on its day
    tooltip = model.index_of(3).data(Qt.ItemDataRole.ToolTipRole)
    assert "Thursday 19/06/2025 at 14:00" in tooltip


def test_a_hearing_under_a_board_meetings_title_shows_its_layout() -> None:
    model = ArchiveModel()
    model.set_meetings(
        [
            _summary(2, JUNE_19, None, title="Annual Review", style=LayoutStyle.HEARING_TRANSCRIPT),
            _summary(1, JUNE_19, None, title="Annual Review"),
            _summary(4, JUNE_19, dt.time(9, 30), title="Hearing Transcript",
                     style=LayoutStyle.HEARING_TRANSCRIPT),
        ]
    )  # fmt: skip
    assert _row(model, 2)[Column.TITLE] == "Annual Review (Hearing Transcript)"
    assert _row(model, 1)[Column.TITLE] == "Annual Review (Public Note)"
    assert _row(model, 4)[Column.TITLE] == "Hearing Transcript (09:30)"  # says it already


def test_another_boards_meeting_that_day_needs_no_telling_apart() -> None:
    model = ArchiveModel()
    lcjb = ("London Criminal Justice Board", "LCJB")
    model.set_meetings(
        [_summary(2, JUNE_19, dt.time(14, 0), board=lcjb), _summary(1, JUNE_19, dt.time(10, 0))]
    )
    assert _row(model, 2)[Column.TITLE] == _row(model, 1)[Column.TITLE] == "Public Note"


def test_a_start_time_changed_is_repainted_in_place(qtbot: QtBot) -> None:
    model = ArchiveModel()
    rows = [_summary(2, JUNE_19, dt.time(14, 0)), _summary(1, JUNE_19, dt.time(10, 0))]
    model.set_meetings(rows)
    assert _row(model, 1)[Column.TITLE] == "Public Note (10:00)"
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        assert not model.update_meeting(dataclasses.replace(rows[1], start=dt.time(9, 0)))
    assert _row(model, 1)[Column.TITLE] == "Public Note (09:00)"


def test_a_meeting_moved_onto_anothers_day_repaints_both(qtbot: QtBot) -> None:
    model = ArchiveModel()
    rows = [_summary(2, JUNE_19, dt.time(14, 0)), _summary(1, dt.date(2025, 6, 18), None)]
    model.set_meetings(rows)
    assert _row(model, 2)[Column.TITLE] == "Public Note"
    moved = [rows[0], dataclasses.replace(rows[1], date=JUNE_19, start=dt.time(10, 0))]
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as signal:
        model.set_meetings(moved)
    assert signal.args[0] == model.index_of(2)  # unchanged itself, but no longer alone
    assert _row(model, 2)[Column.TITLE] == "Public Note (14:00)"


def _same_day_pair(database: Database, sample: MeetingDoc) -> tuple[int, int, int]:
    """A morning and an afternoon session on 19/06/2025, and a meeting alone on its day."""
    day = sample._replace(date=JUNE_19, next_meeting=None, title="Annual Review")
    morning = services.import_meeting(database, day._replace(start=dt.time(10, 0)))
    afternoon = services.import_meeting(database, day._replace(start=dt.time(14, 30)))
    alone = services.import_meeting(
        database, day._replace(date=dt.date(2025, 3, 20), start=dt.time(10, 0))
    )
    return morning, afternoon, alone


def test_the_meeting_list_read_from_the_archive_tells_them_apart(
    qtbot: QtBot, database: Database, sample_meeting: MeetingDoc, settings: Settings
) -> None:
    morning, afternoon, alone = _same_day_pair(database, sample_meeting)
    view = ArchiveView(settings)
    qtbot.addWidget(view)
    view.show_archive(DatabaseMeetings(database))
    assert _row(view.model, morning)[Column.TITLE] == "Annual Review (Public Note, 10:00)"
    assert _row(view.model, afternoon)[Column.TITLE] == "Annual Review (Public Note, 14:30)"
    assert _row(view.model, alone)[Column.TITLE] == "Annual Review"


def test_the_first_screen_reads_the_start_times_too(
    database: Database, sample_meeting: MeetingDoc, db_path: Path
) -> None:
    morning, _afternoon, _alone = _same_day_pair(database, sample_meeting)
    archive = DirectArchive.open(db_path)
    try:
        summary = archive.summary(morning)
    finally:
        archive.close()
    assert summary is not None
    assert summary.start == dt.time(10, 0)


def test_search_results_tell_them_apart_the_same_way(
    qtbot: QtBot, database: Database, sample_meeting: MeetingDoc
) -> None:
    morning, afternoon, alone = _same_day_pair(database, sample_meeting)
    model = SearchResultsModel()
    model.set_hits(search(database, "Annual Review"))
    headings = {
        hit.meeting_id: model.index(row).data(HEADING_ROLE) for row, hit in enumerate(model.hits)
    }
    assert headings == {
        afternoon: "19/06/2025 · RRB · Annual Review (Public Note, 14:30)",
        morning: "19/06/2025 · RRB · Annual Review (Public Note, 10:00)",
        alone: "20/03/2025 · RRB · Annual Review",
    }
    row = model.row_of(afternoon)
    assert row is not None
    assert model.index(row).data().startswith(headings[afternoon] + "\n")
    assert "<b>19/06/2025 · RRB · Annual Review (Public Note, 14:30)</b>" in model.index(row).data(
        HTML_ROLE
    )


def test_a_search_hit_alone_on_its_day_keeps_its_heading() -> None:
    model = SearchResultsModel()
    hit = SearchHit(
        meeting_id=1, date=JUNE_19, start=dt.time(10, 0), board_abbreviation="RRB",
        title="Public Note", style=LayoutStyle.PUBLIC_NOTE, item_id=None, snippet="",
    )  # fmt: skip
    model.set_hits([hit, dataclasses.replace(hit, meeting_id=2, board_abbreviation="LCJB")])
    assert model.index(0).data(HEADING_ROLE) == "19/06/2025 · RRB · Public Note"
