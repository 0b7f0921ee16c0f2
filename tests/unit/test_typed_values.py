"""ui.common.typed_values: every way a date or time may be typed reads back as itself, and a
date or time that does not exist is refused with the reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.common.typed_values import (
    EARLIEST,
    LATEST,
    MONTH_NAMES,
    ImpossibleValueError,
    IncompleteValueError,
    date_may_continue,
    format_date,
    format_time,
    parse_date,
    parse_time,
    time_may_continue,
)

DATE_FORMS: dict[str, Callable[[dt.date], str]] = {
    "ddmmyyyy": lambda d: f"{d.day:02d}{d.month:02d}{d.year:04d}",
    "dd/mm/yyyy": format_date,
    "d/m/yyyy": lambda d: f"{d.day}/{d.month}/{d.year}",
    "d-m-yyyy": lambda d: f"{d.day}-{d.month}-{d.year}",
    "dd.mm.yyyy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "d mon yyyy": lambda d: f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}",
    "d month yyyy": lambda d: f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}",
    "D MONTH yyyy": lambda d: f"{d.day:02d} {MONTH_NAMES[d.month - 1].upper()} {d.year}",
    "yyyy-mm-dd": lambda d: d.isoformat(),
}
SHORT_YEAR_FORMS: dict[str, Callable[[dt.date], str]] = {
    "d-m-yy": lambda d: f"{d.day}-{d.month}-{d.year % 100:02d}",
    "dd/mm/yy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
    "d mon yy": lambda d: f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year % 100:02d}",
}
TIME_FORMS: dict[str, Callable[[dt.time], str]] = {
    "HHMM": lambda t: f"{t.hour:02d}{t.minute:02d}",
    "HH:MM": format_time,
    "H:MM": lambda t: f"{t.hour}:{t.minute:02d}",
    "HH.MM": lambda t: f"{t.hour:02d}.{t.minute:02d}",
    "h.MMpm": lambda t: f"{(t.hour + 11) % 12 + 1}.{t.minute:02d}{'pm' if t.hour >= 12 else 'am'}",
    "h:MM p.m.": lambda t: (
        f"{(t.hour + 11) % 12 + 1}:{t.minute:02d} {'p.m.' if t.hour >= 12 else 'a.m.'}"
    ),
}
times = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@given(day=st.dates(EARLIEST, LATEST), form=st.sampled_from(sorted(DATE_FORMS)))
def test_every_date_typed_in_every_form_reads_back_as_itself(day: dt.date, form: str) -> None:
    assert parse_date(DATE_FORMS[form](day)) == day


@given(
    day=st.dates(dt.date(1970, 1, 1), dt.date(2069, 12, 31)),
    form=st.sampled_from(sorted(SHORT_YEAR_FORMS)),
)
def test_a_two_digit_year_is_1970_to_2069(day: dt.date, form: str) -> None:
    text = SHORT_YEAR_FORMS[form](day)
    assert parse_date(text) == day
    assert date_may_continue(text)  # ... unless the user goes on to type the whole year


@given(time=times, form=st.sampled_from(sorted(TIME_FORMS)))
def test_every_time_typed_in_every_form_reads_back_as_itself(time: dt.time, form: str) -> None:
    assert parse_time(TIME_FORMS[form](time)) == time


@given(hour=st.integers(1, 12), pm=st.booleans())
def test_a_bare_hour_with_am_or_pm(hour: int, pm: bool) -> None:
    expected = dt.time(hour % 12 + (12 if pm else 0), 0)
    assert parse_time(f"{hour}{'pm' if pm else 'am'}") == expected
    assert parse_time(f"{hour} {'PM' if pm else 'AM'}") == expected


@given(day=st.dates(EARLIEST, LATEST))
def test_a_whole_date_is_never_a_prefix_of_another(day: dt.date) -> None:
    """What a field takes while the user types: the four-digit forms are final."""
    for form in ("ddmmyyyy", "dd/mm/yyyy", "d mon yyyy", "yyyy-mm-dd"):
        text = DATE_FORMS[form](day)
        assert not date_may_continue(text) or (form == "yyyy-mm-dd" and day.day < 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29022024", dt.date(2024, 2, 29)),
        ("29/02/2024", dt.date(2024, 2, 29)),
        ("29-2-24", dt.date(2024, 2, 29)),
        ("29 Feb 2024", dt.date(2024, 2, 29)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("31032025", dt.date(2025, 3, 31)),
        ("  1st Sept 2025 ", dt.date(2025, 9, 1)),
        ("19 june, 2025", dt.date(2025, 6, 19)),
    ],
)
def test_the_dates_of_the_issue(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("29/02/2023", "29/02/2023 does not exist: 2023 is not a leap year."),
        ("29022100", "29/02/2100 does not exist: 2100 is not a leap year."),
        ("31/04/2025", "31/04/2025 does not exist: April 2025 has 30 days."),
        ("00/04/2025", "00/04/2025 does not exist: days start at 1."),
        ("12/13/2025", "12/13/2025 does not exist: there is no month 13."),
        ("29 Fbr 2024", "'Fbr' is not a month: type e.g. Feb or February, or 29/02/2024."),
        ("01/01/1899", "01/01/1899 is out of range: the years 1900 to 2199 are accepted."),
    ],
)
def test_a_date_that_does_not_exist_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ImpossibleValueError) as refused:
        parse_date(text)
    assert str(refused.value) == reason


def test_a_date_outside_a_given_range_names_the_limit() -> None:
    with pytest.raises(ImpossibleValueError, match="must be on or after 20/06/2025"):
        parse_date("19/06/2025", earliest=dt.date(2025, 6, 20))
    with pytest.raises(ImpossibleValueError, match="must be on or before 31/12/2025"):
        parse_date("01/01/2026", latest=dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    "text", ["", "2", "2902", "290220", "2902202", "29/02", "29/02/202", "29 Feb", "tomorrow"]
)
def test_a_date_not_yet_whole_is_incomplete(text: str) -> None:
    with pytest.raises(IncompleteValueError, match="not a whole date"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1400", dt.time(14, 0)),
        ("14:00", dt.time(14, 0)),
        ("2pm", dt.time(14, 0)),
        ("2.30pm", dt.time(14, 30)),
        ("14.30", dt.time(14, 30)),
        ("930", dt.time(9, 30)),
        ("12am", dt.time(0, 0)),
        ("12pm", dt.time(12, 0)),
        ("Noon", dt.time(12, 0)),
    ],
)
def test_the_times_of_the_issue(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2500", "2500 is not a time: hours go from 0 to 23."),
        ("14:75", "14:75 is not a time: minutes go from 00 to 59."),
        ("13pm", "13pm is not a time: with am or pm the hour is 1 to 12 (or type 13:00)."),
    ],
)
def test_a_time_that_does_not_exist_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ImpossibleValueError) as refused:
        parse_time(text)
    assert str(refused.value) == reason


@pytest.mark.parametrize("text", ["1", "14", "14:", "14:3", "14.0", "two", "p"])
def test_a_time_not_yet_whole_is_incomplete(text: str) -> None:
    with pytest.raises(IncompleteValueError, match="not a whole time"):
        parse_time(text)


@pytest.mark.parametrize(
    ("text", "may_continue"),
    [("140", True), ("1400", False), ("2.30", True), ("12:15", True), ("13:15", False),
     ("2pm", False), ("2.30pm", False), ("0:30", False)],
)  # fmt: skip
def test_a_time_that_may_still_grow(text: str, may_continue: bool) -> None:
    assert time_may_continue(text) is may_continue
