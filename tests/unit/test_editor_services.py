"""Services the meeting editor added: boards, venues used before, and agenda items deleted
and restored with their IDs (what undo relies on)."""

from __future__ import annotations

import datetime as dt

import pytest

from models import services
from models.database import Database
from models.meeting_doc import BoardRef, MeetingDoc
from models.services import ValidationError


@pytest.fixture
def sample_id(database: Database, sample_meeting: MeetingDoc) -> int:
    return services.import_meeting(database, sample_meeting)


def test_boards_are_listed_created_and_set_on_a_meeting(database: Database, sample_id: int) -> None:
    assert [b.abbreviation for b in services.list_boards(database)] == ["RRB"]
    created = services.create_board(database, "  Youth  Justice Board ", "YJB ")
    assert (created.name, created.abbreviation) == ("Youth Justice Board", "YJB")
    assert [b.name for b in services.list_boards(database)] == [
        "Reducing Reoffending Board", "Youth Justice Board",
    ]  # fmt: skip
    record = services.update_meeting(database, sample_id, board=created.id)
    assert record.board == BoardRef("Youth Justice Board", "YJB")
    assert services.list_meetings(database)[0].board_abbreviation == "YJB"


def test_a_board_name_in_use_or_missing_is_refused(database: Database, sample_id: int) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_board(database, "reducing reoffending board", "X")
    assert caught.value.field == "board_name"
    with pytest.raises(ValidationError) as caught:
        services.create_board(database, "New", "")
    assert caught.value.field == "board_abbreviation"
    with pytest.raises(ValidationError) as caught:
        services.update_meeting(database, sample_id, board=9999)
    assert caught.value.field == "board"


def test_venues_used_are_distinct_most_recent_first(
    database: Database, sample_id: int, sample_meeting: MeetingDoc
) -> None:
    for date, venue in [
        (dt.date(2024, 1, 1), "MS Teams"),
        (dt.date(2025, 9, 1), "ms teams "),
        (dt.date(2023, 1, 1), "Old Hall"),
        (dt.date(2026, 1, 1), ""),
    ]:
        services.import_meeting(
            database, sample_meeting._replace(date=date, venue=venue, next_meeting=None)
        )
    assert services.venues_used(database) == ["ms teams", sample_meeting.venue, "Old Hall"]


def test_a_deleted_item_is_restored_with_its_id_place_notes_and_actions(
    database: Database, sample_id: int, sample_meeting: MeetingDoc
) -> None:
    before = services.meeting_record(database, sample_id)
    item = before.agenda[2]
    removed = services.delete_agenda_item(database, item.id)
    assert (removed.position, removed.title, len(removed.action_ids)) == (2, item.title, 2)
    assert len(services.meeting_record(database, sample_id).agenda) == len(before.agenda) - 1
    assert services.restore_agenda_item(database, removed) == item.id
    after = services.meeting_record(database, sample_id)
    assert after.agenda == before.agenda
    assert services.meeting_doc(database, sample_id) == sample_meeting  # actions relinked
