"""New meeting from previous: what carries over, and what does not."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from models import services
from models.database import Database
from models.enums import AttendanceStatus, MeetingStatus
from models.meeting_doc import MeetingDoc
from models.next_meeting import FIRST_ITEM, LAST_ITEM, create_from_previous


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
    previous_id = services.import_meeting(
        database, dataclasses.replace(sample_meeting, next_meeting=None)
    )
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
