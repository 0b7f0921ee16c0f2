"""Services: the one path for every edit. Round trips through the database, and the rules."""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import func, select

from models import services
from models.database import Database
from models.entities import Organisation
from models.enums import MeetingStatus
from models.errors import StorageError
from models.meeting_doc import MeetingDoc, OrganisationRef
from tests.strategies.meetings import meetings


def test_sample_meeting_round_trips_through_the_database(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, sample_meeting)
    assert services.meeting_doc(database, meeting_id) == sample_meeting


@pytest.fixture(scope="module")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated database file that each example copies, so examples cannot share rows."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    Database.open(str(path)).close()
    return path


@given(meeting=meetings())
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_meeting_round_trips_through_the_database(
    migrated_template: Path, tmp_path: Path, meeting: MeetingDoc
) -> None:
    copy = tmp_path / f"example-{uuid.uuid4().hex}.sqlite3"
    shutil.copyfile(migrated_template, copy)
    database = Database.open(str(copy))
    try:
        meeting_id = services.import_meeting(database, meeting)
        assert services.meeting_doc(database, meeting_id) == meeting
    finally:
        database.close()


def test_importing_reuses_an_organisation_whatever_the_case(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    services.import_meeting(database, sample_meeting)
    first = sample_meeting.organisations[0]
    shouting = sample_meeting._replace(
        organisations=(
            OrganisationRef("A different name", first.abbreviation.upper()),
            *sample_meeting.organisations[1:],
        ),
    )
    services.import_meeting(database, shouting)
    with database.read() as session:
        count = session.scalar(select(func.count()).select_from(Organisation))
    assert count == len(sample_meeting.organisations)


def test_the_database_refuses_two_organisations_differing_only_in_case(
    database: Database,
) -> None:
    with pytest.raises(StorageError, match=r"(?i)unique"), database.begin() as session:
        session.add_all(
            [
                Organisation(name="Ministry", abbreviation="MoJ"),
                Organisation(name="M", abbreviation="MOJ"),
            ]
        )


def test_list_is_newest_first(database: Database) -> None:
    older = services.create_meeting(database, date=dt.date(2023, 2, 28))
    newer = services.create_meeting(database, date=dt.date(2025, 3, 20))
    assert [m.id for m in services.list_meetings(database)] == [newer, older]
    assert services.list_meetings(database)[0].title == "Public Note"


def test_update_meeting_rejects_an_end_before_the_start(database: Database) -> None:
    meeting_id = services.create_meeting(database, date=dt.date(2025, 3, 20))
    services.update_meeting(database, meeting_id, start=dt.time(14, 0))
    with pytest.raises(services.ValidationError) as caught:
        services.update_meeting(database, meeting_id, end=dt.time(13, 0))
    assert caught.value.field == "end"
    assert services.meeting_record(database, meeting_id).end is None


def test_update_meeting_rejects_a_next_meeting_in_the_past(database: Database) -> None:
    meeting_id = services.create_meeting(database, date=dt.date(2025, 3, 20))
    with pytest.raises(services.ValidationError, match="must come after"):
        services.update_meeting(database, meeting_id, next_meeting=dt.date(2025, 1, 1))


def test_every_edit_bumps_the_version_and_a_stale_edit_is_refused(database: Database) -> None:
    meeting_id = services.create_meeting(database, date=dt.date(2025, 3, 20))
    first = services.meeting_record(database, meeting_id)
    services.update_meeting(database, meeting_id, venue="City Hall", expected_version=first.version)
    second = services.meeting_record(database, meeting_id)
    assert second.version == first.version + 1
    item = services.add_agenda_item(database, meeting_id, "Welcome")
    services.update_agenda_item(database, item, notes="Hello")
    assert services.meeting_record(database, meeting_id).version == second.version + 2
    with pytest.raises(services.StaleEditError):
        services.update_meeting(
            database, meeting_id, venue="Elsewhere", expected_version=first.version
        )
    assert services.meeting_record(database, meeting_id).venue == "City Hall"


def test_agenda_items_insert_move_and_delete_keep_numbers_in_step(database: Database) -> None:
    meeting_id = services.create_meeting(database, date=dt.date(2025, 3, 20))
    a = services.add_agenda_item(database, meeting_id, "A")
    services.add_agenda_item(database, meeting_id, "C")
    services.add_agenda_item(database, meeting_id, "B", position=1)
    assert services.agenda_titles(database, meeting_id) == ["A", "B", "C"]
    services.move_agenda_item(database, a, 2)
    assert services.agenda_titles(database, meeting_id) == ["B", "C", "A"]
    services.delete_agenda_item(database, a)
    record = services.meeting_record(database, meeting_id)
    assert [(row.position, row.title) for row in record.agenda] == [(0, "B"), (1, "C")]


def test_status_title_and_chair_are_editable(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, sample_meeting)
    chair_org = sample_meeting.organisations[-1].abbreviation
    services.update_meeting(
        database,
        meeting_id,
        status=MeetingStatus.FINAL,
        title="  ",
        chair_role="Chief Executive",
        chair_organisation=chair_org.lower(),
    )
    record = services.meeting_record(database, meeting_id)
    assert record.status is MeetingStatus.FINAL
    assert record.title is None
    assert record.chair_organisation == chair_org
    with pytest.raises(services.ValidationError, match="No organisation"):
        services.update_meeting(database, meeting_id, chair_organisation="ZZZ")


def test_deleting_a_meeting_removes_its_parts(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, sample_meeting)
    assert services.delete_meeting(database, meeting_id) == 0  # no earlier action reopened
    assert services.meeting_count(database) == 0
    with pytest.raises(services.NotFoundError):
        services.meeting_doc(database, meeting_id)
    # Organisations belong to the directory, not to the meeting, and stay.
    assert len(services.list_organisations(database)) == len(sample_meeting.organisations)


def test_a_refused_batch_writes_nothing(database: Database, sample_meeting: MeetingDoc) -> None:
    broken = sample_meeting._replace(start=dt.time(16), end=dt.time(9))
    with pytest.raises(services.ValidationError):
        services.import_meetings(database, [sample_meeting, broken])
    assert services.meeting_count(database) == 0
