"""The published record does not move; names accepted for a meeting are remembered."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import select

from models import services
from models.database import Database, alembic_config
from models.entities import Organisation
from models.enums import MeetingStatus
from models.meeting_doc import MeetingDoc, OrganisationRef
from models.organisations import merge_organisations, rename_organisation
from models.publication import allow_name, allowed_names, name_differences, person_names


def organisation_id(database: Database, abbreviation: str) -> int:
    with database.read() as session:
        org = session.scalar(
            select(Organisation).where(Organisation.abbreviation_key == abbreviation.casefold())
        )
        assert org is not None
        return org.id


def names(database: Database, meeting_id: int) -> set[str]:
    return {org.name for org in services.meeting_doc(database, meeting_id).organisations}


def test_a_final_meeting_keeps_the_names_it_printed(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    final_id = services.import_meeting(database, sample_meeting)
    draft_id = services.import_meeting(database, sample_meeting)
    services.update_meeting(database, final_id, status=MeetingStatus.FINAL)
    mopac = organisation_id(database, "MOPAC")
    old_name = next(o.name for o in sample_meeting.organisations if o.abbreviation == "MOPAC")

    rename_organisation(database, mopac, name="Mayor's Office for Policing And Crime")

    assert old_name in names(database, final_id)
    assert "Mayor's Office for Policing And Crime" in names(database, draft_id)
    services.update_meeting(database, final_id, status=MeetingStatus.DRAFT)
    assert "Mayor's Office for Policing And Crime" in names(database, final_id)


def test_a_merge_does_not_change_a_final_meeting(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    final_id = services.import_meeting(database, sample_meeting)
    services.update_meeting(database, final_id, status=MeetingStatus.FINAL)
    before = services.meeting_doc(database, final_id)
    keep = services.import_meeting(
        database,
        sample_meeting._replace(
            organisations=(OrganisationRef("Greater London Authority X", "GLAX"),),
            attendees=(),
            agenda=(),
            chair=None,
        ),
    )
    assert keep
    clinks = organisation_id(database, "Clinks")
    merge_organisations(database, clinks, organisation_id(database, "GLAX"))
    assert services.meeting_doc(database, final_id) == before


def test_import_says_which_name_it_kept(database: Database, sample_meeting: MeetingDoc) -> None:
    services.import_meeting(database, sample_meeting)
    renamed = tuple(
        OrganisationRef("Mayor's Office for Police and Crime", o.abbreviation)
        if o.abbreviation == "MOPAC"
        else o
        for o in sample_meeting.organisations
    )
    later = sample_meeting._replace(organisations=renamed)
    (message,) = name_differences(database, [later])
    assert "MOPAC" in message
    assert "the directory kept its name" in message
    later_id = services.import_meeting(database, later)
    assert "Mayor's Office for Police and Crime" in names(database, later_id)


def test_every_database_upgrades_with_its_data(tmp_path: Path, sample_meeting: MeetingDoc) -> None:
    path = tmp_path / "old.sqlite3"
    database = Database.open(str(path))
    final_id = services.import_meeting(database, sample_meeting)
    draft_id = services.import_meeting(database, sample_meeting)
    services.update_meeting(database, final_id, status=MeetingStatus.FINAL)
    before = {i: services.meeting_doc(database, i) for i in (final_id, draft_id)}
    command.downgrade(alembic_config(database.engine), "0002")  # a database from before 0003
    database.close()

    upgraded = Database.open(str(path))
    try:
        assert {i: services.meeting_doc(upgraded, i) for i in before} == before
        rename_organisation(upgraded, organisation_id(upgraded, "MOPAC"), name="Renamed MOPAC")
        assert "Renamed MOPAC" not in names(upgraded, final_id)  # final: kept by the upgrade
        assert "Renamed MOPAC" in names(upgraded, draft_id)
    finally:
        upgraded.close()


def test_allowed_names_are_stored_per_meeting(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    first = services.import_meeting(database, sample_meeting)
    second = services.import_meeting(database, sample_meeting)
    allow_name(database, first, "Lauren")
    allow_name(database, first, " Lauren ")
    assert allowed_names(database, first) == ["Lauren"]
    assert allowed_names(database, second) == []
    assert person_names(database)  # the sample names its attendees
