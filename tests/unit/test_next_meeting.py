"""New meeting from previous: what carries over, and what does not."""

from __future__ import annotations

import datetime as dt

import pytest

from models import attendance, services
from models.database import Database
from models.enums import AttendanceStatus, MeetingStatus
from models.meeting_doc import MeetingDoc
from models.next_meeting import (
    FIRST_ITEM,
    LAST_ITEM,
    PREVIOUS_CHANGED,
    create_from_previous,
    make_again,
    start_from_previous,
)
from models.services.meetings import delete_new_meeting


def test_copies_the_setting_and_people_and_starts_the_standard_agenda(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    previous_id = services.import_meeting(database, sample_meeting)
    services.update_meeting(database, previous_id, status=MeetingStatus.FINAL)
    new_id = create_from_previous(database, previous_id)
    new = services.meeting_doc(database, new_id)
    assert new.date == sample_meeting.next_meeting
    assert (new.board, new.style, new.venue, new.mode, new.chair) == (
        sample_meeting.board,
        sample_meeting.style,
        sample_meeting.venue,
        sample_meeting.mode,
        sample_meeting.chair,
    )
    assert [a.organisation for a in new.attendees] == [
        a.organisation for a in sample_meeting.attendees
    ]
    assert {a.status for a in new.attendees} == {AttendanceStatus.PRESENT}
    assert [item.title for item in new.agenda] == [FIRST_ITEM, LAST_ITEM]
    assert new.theme is None
    assert new.next_meeting is None
    assert services.meeting_record(database, new_id).status is MeetingStatus.DRAFT


def test_a_date_is_needed_and_must_follow_the_previous_meeting(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    previous_id = services.import_meeting(database, sample_meeting._replace(next_meeting=None))
    with pytest.raises(services.ValidationError, match="no next meeting date") as caught:
        create_from_previous(database, previous_id)
    assert caught.value.field == "date"
    with pytest.raises(services.ValidationError, match="must come after"):
        create_from_previous(database, previous_id, date=sample_meeting.date)
    later = sample_meeting.date + dt.timedelta(days=70)
    new_id = create_from_previous(database, previous_id, date=later)
    assert services.meeting_record(database, new_id).date == later
    assert services.meeting_count(database) == 2


def test_an_unknown_previous_meeting_is_not_found(database: Database) -> None:
    with pytest.raises(services.NotFoundError):
        create_from_previous(database, 404)


def _made_ids(database: Database, meeting_id: int) -> tuple[list[int], list[int]]:
    return (
        [row.id for row in attendance.list_attendees(database, meeting_id)],
        [item.id for item in services.meeting_record(database, meeting_id).agenda],
    )


def test_made_again_after_its_undo_with_the_same_ids(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    """The redo of an undone Ctrl+Alt+N: the steps redone after it name its rows by ID. On
    PostgreSQL the sequences have moved on, so the IDs are the same only because given."""
    previous_id = services.import_meeting(database, sample_meeting)
    made = start_from_previous(database, previous_id)
    as_made = services.meeting_doc(database, made.meeting_id)
    ids = _made_ids(database, made.meeting_id)
    assert ids == (list(made.attendance_ids), list(made.item_ids))
    delete_new_meeting(database, made.meeting_id, as_made)  # the undo
    assert services.meeting_count(database) == 1

    make_again(database, made, as_made)  # the redo
    assert services.meeting_doc(database, made.meeting_id) == as_made
    assert _made_ids(database, made.meeting_id) == ids


def test_not_made_again_once_the_previous_meeting_changed(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    previous_id = services.import_meeting(database, sample_meeting)
    made = start_from_previous(database, previous_id)
    as_made = services.meeting_doc(database, made.meeting_id)
    delete_new_meeting(database, made.meeting_id, as_made)
    first = attendance.list_attendees(database, previous_id)[0]
    attendance.update_attendee(database, first.id, role="Changed in another window")

    with pytest.raises(services.ValidationError, match="changed since") as caught:
        make_again(database, made, as_made)
    assert caught.value.message == PREVIOUS_CHANGED
    assert services.meeting_count(database) == 1  # nothing made
