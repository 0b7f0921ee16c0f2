"""Dates and times as a minute-taker types them, read whole and never changed.

Qt's ``QDateEdit`` fills its day, month and year one by one and clamps each, so ``29022024``
typed into it became the 28th. Here the whole text is read at once, only when it is a whole
date, and a date that does not exist is refused with the reason (``29/02/2023 does not exist:
2023 is not a leap year``); the text itself is the user's and is left as typed.

Accepted dates: ``29022024``, ``29/02/2024``, ``29-2-24``, ``29.2.2024``, ``29 Feb 2024``,
``29 February 2024``, ``2024-02-29``. A two-digit year is 2000-2069 for ``00``-``69`` and
1970-1999 for ``70``-``99`` (the POSIX rule). Accepted times: ``1400``, ``930``, ``14:00``,
``14.30``, ``2pm``, ``2.30pm``, ``2:30 p.m.``, ``noon``.

This module does not import Qt: the rules are tested on their own, by Hypothesis.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Final

EARLIEST: Final = dt.date(1900, 1, 1)  # the range rrb-meeting/1 accepts
LATEST: Final = dt.date(2199, 12, 31)
DATE_HINT: Final = "29/02/2024, 29022024 or 29 Feb 2024"
TIME_HINT: Final = "14:00, 1400 or 2pm"

# English whatever the locale: ``calendar.month_name`` follows the locale Qt sets at start.
MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS: Final = {
    name.casefold(): number
    for number, month in enumerate(MONTH_NAMES, start=1)
    for name in (month, month[:3])
} | {"sept": 9}
_NUMERIC_DATE: Final = re.compile(r"(\d{1,2}) ?([/.-]| ) ?(\d{1,2}) ?\2 ?(\d+)")
_DIGITS_DATE: Final = re.compile(r"(\d{2})(\d{2})(\d{4})")
_ISO_DATE: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NAMED_DATE: Final = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s/.-]*([^\W\d_]+)\.?,?[\s/.-]*(\d+)")
_CLOCK_TIME: Final = re.compile(r"(\d{1,2})\s*[:.]\s*(\d{2})")
_DIGITS_TIME: Final = re.compile(r"(\d{1,2})(\d{2})")
_TWELVE_HOUR: Final = re.compile(r"(\d{1,2})(?:\s*[:.]\s*(\d{2}))?\s*([ap])\.?\s*m\.?", re.I)
_NOON: Final = frozenset({"noon", "midday", "12 noon"})


class UnreadableValueError(ValueError):
    """The text is not (yet) a value; the message, for the user, says why and what works."""


class IncompleteValueError(UnreadableValueError):
    """The text is not a whole date or time: maybe the user is still typing it."""


class ImpossibleValueError(UnreadableValueError):
    """The text is a whole date or time that does not exist (``31/04/2025``, ``25:00``)."""


def format_date(value: dt.date) -> str:
    """How the forms show a date: dd/mm/yyyy, the UK order the secretary types."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_time(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def parse_date(text: str, *, earliest: dt.date = EARLIEST, latest: dt.date = LATEST) -> dt.date:
    """The date the whole of ``text`` is; raises :class:`IncompleteValueError` for text that
    is not a whole date, :class:`ImpossibleValueError` for one that does not exist or lies
    outside ``earliest`` .. ``latest``."""
    day, month, year = _date_parts(" ".join(text.split()))
    value = _existing_date(day, month, year)
    if not earliest <= value <= latest:
        if (earliest, latest) == (EARLIEST, LATEST):
            reason = f"the years {EARLIEST.year} to {LATEST.year} are accepted"
        elif value < earliest:
            reason = f"the date must be on or after {format_date(earliest)}"
        else:
            reason = f"the date must be on or before {format_date(latest)}"
        raise ImpossibleValueError(f"{format_date(value)} is out of range: {reason}.")
    return value


def parse_time(text: str) -> dt.time:
    """The time the whole of ``text`` is (see the module for the forms); raises like
    :func:`parse_date`."""
    text = " ".join(text.split())
    if text.casefold() in _NOON:
        return dt.time(12, 0)
    if match := _TWELVE_HOUR.fullmatch(text):
        hour, minute = int(match[1]), int(match[2] or 0)
        if not 1 <= hour <= 12:
            raise ImpossibleValueError(
                f"{text} is not a time: with am or pm the hour is 1 to 12 (or type {hour}:00)."
            )
        return _existing_time(hour % 12 + (12 if match[3].lower() == "p" else 0), minute, text)
    match = _CLOCK_TIME.fullmatch(text) or _DIGITS_TIME.fullmatch(text)
    if match is None:
        raise IncompleteValueError(f"{text!r} is not a whole time: type it as {TIME_HINT}.")
    return _existing_time(int(match[1]), int(match[2]), text)


def date_may_continue(text: str) -> bool:
    """Whether a whole date's text could still be the start of another one: ``29/2/20`` of
    ``29/2/2024``, ``2024-02-2`` of ``2024-02-29``. A field waits for the user to leave it
    before taking such a date, so no passing value is ever saved."""
    text = " ".join(text.split())
    if match := _ISO_DATE.fullmatch(text):
        return len(match[3]) == 1
    match = _NUMERIC_DATE.fullmatch(text) or _NAMED_DATE.fullmatch(text)
    return match is not None and len(match[match.lastindex or 0]) == 2


def time_may_continue(text: str) -> bool:
    """Whether a whole time's text could still be the start of another: ``140`` of ``1400``,
    ``2.30`` of ``2.30pm``."""
    text = " ".join(text.split())
    if match := _CLOCK_TIME.fullmatch(text):
        return 1 <= int(match[1]) <= 12
    return _DIGITS_TIME.fullmatch(text) is not None and len(text) == 3


def _date_parts(text: str) -> tuple[int, int, int]:
    """(day, month, year) of a whole date's text, the year in full."""
    if match := _DIGITS_DATE.fullmatch(text):
        return int(match[1]), int(match[2]), int(match[3])
    if match := _ISO_DATE.fullmatch(text):
        return int(match[3]), int(match[2]), int(match[1])
    if match := _NUMERIC_DATE.fullmatch(text):
        return int(match[1]), int(match[3]), _full_year(match[4], text)
    if match := _NAMED_DATE.fullmatch(text):
        month = _MONTHS.get(match[2].casefold())
        if month is None:
            raise ImpossibleValueError(
                f"{match[2]!r} is not a month: type e.g. Feb or February, or 29/02/2024."
            )
        return int(match[1]), month, _full_year(match[3], text)
    raise IncompleteValueError(f"{text!r} is not a whole date: type it as {DATE_HINT}.")


def _full_year(digits: str, text: str) -> int:
    if len(digits) == 4:
        return int(digits)
    if len(digits) == 2:
        short = int(digits)
        return 2000 + short if short < 70 else 1900 + short
    raise IncompleteValueError(
        f"{text!r} is not a whole date: type the year with 4 digits (or 2), e.g. {DATE_HINT}."
    )


def _existing_date(day: int, month: int, year: int) -> dt.date:
    shown = f"{day:02d}/{month:02d}/{year:04d}"
    if not 1 <= month <= 12:
        raise ImpossibleValueError(f"{shown} does not exist: there is no month {month}.")
    if year < 1:
        raise ImpossibleValueError(f"{shown} does not exist: there is no year 0.")
    length = calendar.monthrange(year, month)[1]
    if day == 0:
        raise ImpossibleValueError(f"{shown} does not exist: days start at 1.")
    if day > length:
        if month == 2 and day == 29:
            reason = f"{year} is not a leap year"
        else:
            reason = f"{MONTH_NAMES[month - 1]} {year} has {length} days"
        raise ImpossibleValueError(f"{shown} does not exist: {reason}.")
    return dt.date(year, month, day)


def _existing_time(hour: int, minute: int, text: str) -> dt.time:
    if hour > 23:
        raise ImpossibleValueError(f"{text} is not a time: hours go from 0 to 23.")
    if minute > 59:
        raise ImpossibleValueError(f"{text} is not a time: minutes go from 00 to 59.")
    return dt.time(hour, minute)
