"""exporters.formatting: the wording the layouts print (times, dates, venues, the chair)."""

from __future__ import annotations

from datetime import date, time

import pytest

from exporters.formatting import (
    chair_text,
    mode_or_venue,
    next_meeting_text,
    ordinal_suffix,
    printed_due,
    time_range_12,
    time_range_24,
    venue_text,
)
from models.action_sentence import action_sentence
from models.enums import MeetingMode
from models.meeting_doc import ActionDoc, ChairDoc
from tests.unit.test_docx_export import make_meeting

# -- wording helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (time(13, 30), time(15, 30), "1:30-3:30pm"),
        (time(14, 0), time(16, 0), "2-4pm"),
        (time(11, 0), time(13, 0), "11am-1pm"),
        (time(0, 15), time(1, 0), "12:15-1am"),
        (time(12, 0), None, "12pm"),
        (None, time(9, 5), "9:05am"),
        (None, None, ""),
    ],
)
def test_twelve_hour_time_range(start: time | None, end: time | None, expected: str) -> None:
    assert time_range_12(start, end) == expected


def test_twenty_four_hour_time_range() -> None:
    assert time_range_24(time(14, 0), time(16, 0)) == "14:00-16:00"
    assert time_range_24(time(9, 5), None) == "09:05"
    assert time_range_24(None, None) == ""


@pytest.mark.parametrize(
    ("day", "suffix"),
    [
        *((1, "st"), (2, "nd"), (3, "rd"), (4, "th"), (11, "th"), (12, "th"), (13, "th")),
        *((21, "st"), (22, "nd"), (23, "rd"), (29, "th"), (31, "st")),
    ],
)
def test_ordinal_suffix(day: int, suffix: str) -> None:
    assert ordinal_suffix(day) == suffix


@pytest.mark.parametrize(
    ("venue", "mode", "expected"),
    [
        ("", MeetingMode.HYBRID, "Hybrid Meeting"),
        ("", MeetingMode.ONLINE, "Online"),
        ("", MeetingMode.IN_PERSON, ""),
        ("MS Teams", MeetingMode.ONLINE, "MS Teams"),
        (
            "City Hall,\n Kamal Chunchie Way\n\nLondon E16 1ZE",
            MeetingMode.HYBRID,
            "City Hall, Kamal Chunchie Way, London E16 1ZE",
        ),
    ],
)
def test_venue_text(venue: str, mode: MeetingMode, expected: str) -> None:
    assert venue_text(make_meeting(venue=venue, mode=mode)) == expected


@pytest.mark.parametrize(
    ("venue", "mode", "expected"),
    [
        ("City Hall, Kamal Chunchie Way, London E16 1ZE", MeetingMode.HYBRID, "Hybrid Meeting"),
        ("", MeetingMode.HYBRID, "Hybrid Meeting"),
        ("MS Teams", MeetingMode.ONLINE, "MS Teams"),
        ("", MeetingMode.ONLINE, "Online"),
        (
            "Mitre House\n223-237 Borough High Street",
            MeetingMode.IN_PERSON,
            "Mitre House, 223-237 Borough High Street",
        ),
        ("", MeetingMode.IN_PERSON, ""),
    ],
)
def test_the_2025_note_says_hybrid_meeting_in_place_of_a_venue(
    venue: str, mode: MeetingMode, expected: str
) -> None:
    """The published 2025 note of a hybrid meeting prints "Hybrid Meeting" and no address."""
    assert mode_or_venue(make_meeting(venue=venue, mode=mode)) == expected


@pytest.mark.parametrize(
    ("owners", "description", "due", "expected"),
    [
        ("MPS/MOPAC", "review housing referrals data", date(2024, 5, 31),
         "MPS/MOPAC to review housing referrals data by 31 May 2024"),
        ("LP", "report back on progress.", date(2025, 9, 18),
         "LP to report back on progress by the next meeting."),
        ("DWP", "Learning to be shared.", date(2025, 1, 2),
         "DWP: Learning to be shared by 2 January 2025."),
        ("LP", "report back by 31 May 2024.", date(2024, 5, 31),
         "LP to report back by 31 May 2024."),
        ("LP", "report back.", None, "LP to report back."),
    ],
)  # fmt: skip
def test_an_action_says_when_it_is_due(
    owners: str, description: str, due: date | None, expected: str
) -> None:
    """The date before the closing full stop, the next meeting by name, never said twice."""
    meeting = make_meeting(next_meeting=date(2025, 9, 18))
    by = printed_due(ActionDoc(description, (owners,), due), meeting)
    assert action_sentence(owners, description, by=by) == expected


def test_chair_and_action_wording() -> None:
    assert chair_text(ChairDoc("Director", "MOPAC")) == "Chair: Director (MOPAC)"
    assert chair_text(ChairDoc("Director", "")) == "Chair: Director"
    assert action_sentence("", "to be shared.") == "to be shared."
    assert action_sentence("MPS/MOPAC", "review it.") == "MPS/MOPAC to review it."
    assert (
        next_meeting_text(date(2023, 5, 30)) == "The next meeting will be on Tuesday 30 May 2023."
    )
