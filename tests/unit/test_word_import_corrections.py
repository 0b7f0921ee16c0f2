"""A proposed organisation renamed in the review is renamed wherever the meeting names it."""

from __future__ import annotations

import datetime as dt

from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    ChairDoc,
    MeetingDoc,
    OrganisationRef,
)
from models.word_import.corrections import corrected


def test_renaming_an_organisation_follows_attendees_chair_and_owners() -> None:
    meeting = MeetingDoc(
        board=BoardRef("Reducing Reoffending Board", "RRB"),
        date=dt.date(2019, 5, 13),
        organisations=(
            OrganisationRef("Probation", "Probation"),
            OrganisationRef("MOPAC", "MOPAC"),
        ),
        attendees=(AttendeeDoc("Probation"), AttendeeDoc("MOPAC")),
        chair=ChairDoc("Head", "Probation"),
        agenda=(AgendaItemDoc("AOB", actions=(ActionDoc("report", ("Probation", "MOPAC")),)),),
    )

    fixed = corrected(
        meeting,
        date=dt.date(2019, 5, 14),
        title=" ",
        venue=" City Hall ",
        organisations={"Probation": OrganisationRef("London Probation", "LP")},
    )

    assert fixed.date == dt.date(2019, 5, 14)
    assert (fixed.title, fixed.venue) == (None, "City Hall")
    assert fixed.organisations[0] == OrganisationRef("London Probation", "LP")
    assert [a.organisation for a in fixed.attendees] == ["LP", "MOPAC"]
    assert fixed.chair == ChairDoc("Head", "LP")
    assert fixed.agenda[0].actions[0].owners == ("LP", "MOPAC")


def test_two_names_corrected_to_one_organisation_are_listed_once() -> None:
    meeting = MeetingDoc(
        board=BoardRef("Reducing Reoffending Board", "RRB"),
        date=dt.date(2019, 5, 13),
        organisations=(OrganisationRef("NPS", "NPS"), OrganisationRef("N.P.S.", "N.P.S.")),
        attendees=(AttendeeDoc("NPS"), AttendeeDoc("N.P.S.")),
        agenda=(AgendaItemDoc("AOB", actions=(ActionDoc("report", ("NPS", "N.P.S.")),)),),
    )
    nps = OrganisationRef("National Probation Service", "NPS")

    fixed = corrected(meeting, organisations={"NPS": nps, "N.P.S.": nps})

    assert fixed.organisations == (nps,)
    assert fixed.agenda[0].actions[0].owners == ("NPS",)
