"""The organisation directory: adding, renaming and merging duplicates through the services."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import attendance, organisations, services
from models.database import Database
from models.entities import ActionOwner, Organisation
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    ChairDoc,
    MeetingDoc,
    OrganisationRef,
)
from models.services import NotFoundError, ValidationError


@pytest.fixture
def sample_id(database: Database, sample_meeting: MeetingDoc) -> int:
    return services.import_meeting(database, sample_meeting)


def _entry(database: Database, abbreviation: str) -> organisations.OrganisationEntry:
    return next(
        e for e in organisations.list_organisations(database) if e.abbreviation == abbreviation
    )


def test_the_directory_lists_by_name_with_what_names_each(
    database: Database, sample_id: int
) -> None:
    entries = organisations.list_organisations(database)
    names = [entry.name for entry in entries]
    assert names == sorted(names, key=str.casefold)
    mopac = _entry(database, "MOPAC")
    assert (mopac.meetings, mopac.actions) == (1, 2)  # attends and chairs: one meeting
    assert _entry(database, "London Councils").display_name == "London Councils"
    assert _entry(database, "YJB").actions == 0


def test_add_trims_and_refuses_a_used_abbreviation_in_any_case(database: Database) -> None:
    row = organisations.add_organisation(database, "  Ministry  of Justice ", " MoJ ")
    assert (row.name, row.abbreviation) == ("Ministry of Justice", "MoJ")
    with pytest.raises(ValidationError, match="MoJ is already the abbreviation") as caught:
        organisations.add_organisation(database, "Another", "MOJ")
    assert caught.value.field == "abbreviation"
    with pytest.raises(ValidationError) as caught:
        organisations.add_organisation(database, "   ", "X")
    assert caught.value.field == "name"
    with pytest.raises(ValidationError) as caught:
        organisations.add_organisation(database, "X", " ")
    assert caught.value.field == "abbreviation"
    assert len(organisations.list_organisations(database)) == 1


def test_an_abbreviation_with_a_bracket_is_refused(database: Database) -> None:
    """``DWP(`` would print as ``Department for Work and Pensions (DWP(``."""
    with pytest.raises(ValidationError, match="cannot hold a bracket") as caught:
        organisations.add_organisation(database, "Department for Work and Pensions", "DWP(")
    assert caught.value.field == "abbreviation"
    row = organisations.add_organisation(database, "Department for Work and Pensions", "DWP")
    with pytest.raises(ValidationError, match="cannot hold a bracket"):
        organisations.rename_organisation(database, row.id, abbreviation="(DWP)")


def test_non_ascii_abbreviations_clash_whatever_the_case(database: Database) -> None:
    organisations.add_organisation(database, "Équipe", "ÉQ")
    with pytest.raises(ValidationError):
        organisations.add_organisation(database, "Other", "éq")


def test_rename_changes_what_every_meeting_prints(database: Database, sample_id: int) -> None:
    lp = _entry(database, "LP")
    version = services.meeting_record(database, sample_id).version
    organisations.rename_organisation(
        database, lp.id, name="The Probation Service (London)", abbreviation="PS London"
    )
    doc = services.meeting_doc(database, sample_id)
    assert doc.attendees[1].organisation == "PS London"
    assert OrganisationRef("The Probation Service (London)", "PS London") in doc.organisations
    assert any("PS London" in a.owners for item in doc.agenda for a in item.actions)
    assert services.meeting_record(database, sample_id).version > version


def test_rename_may_change_only_the_case_of_its_own_abbreviation(
    database: Database, sample_id: int
) -> None:
    gla = _entry(database, "GLA")
    assert (
        organisations.rename_organisation(database, gla.id, abbreviation="gla").abbreviation
        == "gla"
    )
    with pytest.raises(ValidationError, match="already the abbreviation of London Probation"):
        organisations.rename_organisation(database, gla.id, abbreviation="lp")
    with pytest.raises(NotFoundError):
        organisations.rename_organisation(database, 9999, name="X")


def _meeting_with_duplicate(database: Database, sample_meeting: MeetingDoc) -> int:
    """The sample meeting again, with "National Probation Service (NPS)" for LP in places."""
    doc = sample_meeting._replace(
        organisations=(
            *sample_meeting.organisations,
            OrganisationRef("National Probation Service", "NPS"),
        ),
        chair=ChairDoc("Head of Probation", "NPS"),
        attendees=(
            AttendeeDoc("LP"),  # a repeat once merged: dropped
            AttendeeDoc("NPS"),
            AttendeeDoc("NPS", "Kim Doe", "Analyst"),  # a person of its own: kept
            AttendeeDoc("MOPAC"),
        ),
        agenda=(
            AgendaItemDoc(
                "Item",
                actions=(
                    ActionDoc("Both own it", owners=("LP", "MOPAC", "NPS")),
                    ActionDoc("Only the duplicate", owners=("MOPAC", "NPS")),
                ),
            ),
        ),
    )
    return services.import_meeting(database, doc)


def test_merge_repoints_attendees_owners_and_chair_then_deletes_the_duplicate(
    database: Database, sample_id: int, sample_meeting: MeetingDoc
) -> None:
    meeting_id = _meeting_with_duplicate(database, sample_meeting)
    duplicate, keep = _entry(database, "NPS"), _entry(database, "LP")
    assert (duplicate.meetings, duplicate.actions) == (1, 2)
    version = services.meeting_record(database, meeting_id).version

    result = organisations.merge_organisations(database, duplicate.id, keep.id)

    assert (result.kept.abbreviation, result.removed.abbreviation) == ("LP", "NPS")
    assert (result.attendances, result.actions, result.chaired) == (2, 2, 1)
    doc = services.meeting_doc(database, meeting_id)
    assert doc.attendees == (
        AttendeeDoc("LP"), AttendeeDoc("LP", "Kim Doe", "Analyst"), AttendeeDoc("MOPAC"),
    )  # fmt: skip
    assert doc.chair == ChairDoc("Head of Probation", "LP")
    assert [a.owners for a in doc.agenda[0].actions] == [("LP", "MOPAC"), ("MOPAC", "LP")]
    rows = attendance.list_attendees(database, meeting_id)
    assert [row.position for row in rows] == [0, 1, 2]
    assert all(e.abbreviation != "NPS" for e in organisations.list_organisations(database))
    assert services.meeting_record(database, meeting_id).version > version
    assert services.meeting_doc(database, sample_id) == sample_meeting  # untouched


def test_merge_positions_of_owners_stay_in_step(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    _meeting_with_duplicate(database, sample_meeting)
    organisations.merge_organisations(
        database, _entry(database, "NPS").id, _entry(database, "LP").id
    )
    with database.read() as session:
        positions: dict[int, list[int]] = {}
        for link in session.scalars(select(ActionOwner).order_by(ActionOwner.position)):
            positions.setdefault(link.action_id, []).append(link.position)
    assert all(p == list(range(len(p))) for p in positions.values())


def test_merging_into_itself_or_a_missing_one_is_refused(
    database: Database, sample_id: int
) -> None:
    lp = _entry(database, "LP")
    with pytest.raises(ValidationError):
        organisations.merge_organisations(database, lp.id, lp.id)
    with pytest.raises(NotFoundError):
        organisations.merge_organisations(database, 9999, lp.id)
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Organisation)) == 14


def test_a_failed_merge_changes_nothing(
    database: Database, sample_meeting: MeetingDoc, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = _meeting_with_duplicate(database, sample_meeting)
    before = services.meeting_doc(database, meeting_id)

    def boom(*_args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(organisations, "_person_key", boom)
    with pytest.raises(RuntimeError):
        organisations.merge_organisations(
            database, _entry(database, "NPS").id, _entry(database, "LP").id
        )
    assert services.meeting_doc(database, meeting_id) == before
