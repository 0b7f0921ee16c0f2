"""Attendees through the services: adding by abbreviation, status, people, order, removal
and restoring with the same ID (what undo relies on), and copying from the last meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from models import attendance, services
from models.database import Database
from models.enums import AttendanceStatus
from models.meeting_doc import AttendeeDoc, BoardRef, MeetingDoc
from models.services import NotFoundError, ValidationError


@pytest.fixture
def sample_id(database: Database, sample_meeting: MeetingDoc) -> int:
    return services.import_meeting(database, sample_meeting)


def _orgs(database: Database, meeting_id: int) -> list[str]:
    return [
        row.organisation.abbreviation for row in attendance.list_attendees(database, meeting_id)
    ]


def test_list_attendees_gives_the_sample_in_order(
    database: Database, sample_id: int, sample_meeting: MeetingDoc
) -> None:
    rows = attendance.list_attendees(database, sample_id)
    assert [row.organisation.abbreviation for row in rows] == [
        a.organisation for a in sample_meeting.attendees
    ]
    assert [row.position for row in rows] == list(range(len(rows)))
    assert rows[0].name == "Jordan Ellery"
    assert rows[0].organisation.display_name == "Mayor's Office for Policing and Crime (MOPAC)"
    assert rows[10].status is AttendanceStatus.APOLOGIES


def test_add_by_abbreviation_in_any_case_at_a_position(database: Database, sample_id: int) -> None:
    row = attendance.add_attendee(
        database, sample_id, "mopac", AttendanceStatus.ABSENT, name=" Ann ", role="", position=1
    )
    assert row.organisation.abbreviation == "MOPAC"
    assert (row.status, row.name, row.role, row.position) == (
        AttendanceStatus.ABSENT, "Ann", None, 1,
    )  # fmt: skip
    orgs = _orgs(database, sample_id)
    assert orgs[:3] == ["MOPAC", "MOPAC", "LP"]
    rows = attendance.list_attendees(database, sample_id)
    assert [r.position for r in rows] == list(range(len(rows)))


def test_add_by_id_at_the_end(database: Database, sample_id: int) -> None:
    org = next(o for o in services.list_organisations(database) if o.abbreviation == "GLA")
    row = attendance.add_attendee(database, sample_id, org.id)
    assert _orgs(database, sample_id)[-1] == "GLA"
    assert row.status is AttendanceStatus.PRESENT


def test_adding_an_unknown_abbreviation_is_refused(database: Database, sample_id: int) -> None:
    with pytest.raises(ValidationError, match="NOPE") as caught:
        attendance.add_attendee(database, sample_id, "NOPE")
    assert caught.value.field == "organisation"
    with pytest.raises(NotFoundError):
        attendance.add_attendee(database, 9999, "LP")


def test_update_status_name_and_role(database: Database, sample_id: int) -> None:
    first = attendance.list_attendees(database, sample_id)[0]
    version = services.meeting_record(database, sample_id).version
    row = attendance.update_attendee(database, first.id, status=AttendanceStatus.APOLOGIES)
    assert (row.status, row.name) == (AttendanceStatus.APOLOGIES, "Jordan Ellery")
    row = attendance.update_attendee(database, first.id, name="  ", role="Chair")
    assert (row.name, row.role) == (None, "Chair")
    assert services.meeting_record(database, sample_id).version > version
    doc = services.meeting_doc(database, sample_id)
    assert doc.attendees[0] == AttendeeDoc("MOPAC", None, "Chair", AttendanceStatus.APOLOGIES)


def test_remove_and_restore_keep_the_id_and_the_place(database: Database, sample_id: int) -> None:
    before = attendance.list_attendees(database, sample_id)
    removed = attendance.remove_attendee(database, before[2].id)
    assert removed.position == 2
    assert _orgs(database, sample_id) == [
        r.organisation.abbreviation for r in before if r.id != removed.id
    ]
    restored = attendance.restore_attendee(database, removed)
    assert restored == before[2]
    assert attendance.list_attendees(database, sample_id) == before


def test_removing_several_and_restoring_them_gives_the_same_list(
    database: Database, sample_id: int
) -> None:
    before = attendance.list_attendees(database, sample_id)
    removed = attendance.remove_attendees(database, [before[5].id, before[1].id, before[9].id])
    assert len(attendance.list_attendees(database, sample_id)) == len(before) - 3
    attendance.restore_attendees(database, removed)
    assert attendance.list_attendees(database, sample_id) == before


def test_move_returns_the_old_place_and_moving_back_undoes_it(
    database: Database, sample_id: int
) -> None:
    before = _orgs(database, sample_id)
    moving = attendance.list_attendees(database, sample_id)[0]
    assert attendance.move_attendee(database, moving.id, 3) == 0
    assert _orgs(database, sample_id)[:4] == [before[1], before[2], before[3], before[0]]
    assert attendance.move_attendee(database, moving.id, 99) == 3  # clamped to the end
    assert _orgs(database, sample_id)[-1] == before[0]
    attendance.move_attendee(database, moving.id, 0)
    assert _orgs(database, sample_id) == before


def _meeting(database: Database, date: dt.date, board: BoardRef = services.DEFAULT_BOARD) -> int:
    return services.create_meeting(database, date=date, board=board)


def test_copy_from_previous_takes_the_latest_earlier_meeting_of_the_board(
    database: Database, sample_id: int, sample_meeting: MeetingDoc
) -> None:
    # An older meeting of the board and a later one; another board's meeting in between.
    older = services.import_meeting(
        database,
        sample_meeting._replace(date=dt.date(2025, 1, 9), next_meeting=None,
            attendees=(AttendeeDoc("YJB"),),
        ),
    )  # fmt: skip
    other_board = _meeting(database, dt.date(2025, 7, 1), BoardRef("Another Board", "AB"))
    attendance.add_attendee(database, other_board, "MPS")
    new = _meeting(database, dt.date(2025, 9, 18))
    attendance.add_attendee(database, new, "lp", name="Someone else")

    copied = attendance.copy_from_previous(database, new)

    assert copied.source_meeting_id == sample_id
    assert attendance.previous_meeting_id(database, new) == sample_id
    rows = attendance.list_attendees(database, new)
    expected = ["LP"] + [a.organisation for a in sample_meeting.attendees if a.organisation != "LP"]
    assert [row.organisation.abbreviation for row in rows] == expected
    assert copied.count == len(expected) - 1
    assert rows[0].name == "Someone else"  # the one already there is untouched
    assert {row.status for row in rows} == {AttendanceStatus.PRESENT}  # apologies reset
    assert rows[1].name == "Jordan Ellery"  # people come along (internal only)
    assert attendance.previous_meeting_id(database, older) is None
    assert attendance.copy_from_previous(database, older).count == 0


def test_copy_from_previous_can_be_undone_by_removing_the_copies(
    database: Database, sample_id: int
) -> None:
    new = _meeting(database, dt.date(2025, 9, 18))
    copied = attendance.copy_from_previous(database, new)
    rows = attendance.list_attendees(database, new)
    removed = attendance.remove_attendees(database, copied.ids)
    assert attendance.list_attendees(database, new) == []
    attendance.restore_attendees(database, removed)
    assert attendance.list_attendees(database, new) == rows
    assert services.meeting_doc(database, sample_id).attendees  # the source is untouched


def test_a_meeting_on_the_same_day_counts_as_previous_if_created_earlier(
    database: Database,
) -> None:
    first = _meeting(database, dt.date(2025, 3, 1))
    second = _meeting(database, dt.date(2025, 3, 1))
    assert attendance.previous_meeting_id(database, second) == first
    assert attendance.previous_meeting_id(database, first) is None


def test_set_statuses_changes_several_in_one_go(database: Database, sample_id: int) -> None:
    rows = attendance.list_attendees(database, sample_id)
    changed = attendance.set_statuses(
        database, {rows[0].id: AttendanceStatus.ABSENT, rows[10].id: AttendanceStatus.PRESENT}
    )
    assert [row.status for row in changed] == [AttendanceStatus.ABSENT, AttendanceStatus.PRESENT]
    after = attendance.list_attendees(database, sample_id)
    assert (after[0].status, after[10].status) == (
        AttendanceStatus.ABSENT, AttendanceStatus.PRESENT,
    )  # fmt: skip
    assert after[1:10] == rows[1:10]
