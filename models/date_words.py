"""Dates as people print and type them in words: ``20th March``, ``28 February 2023``,
``Monday 27 February 2017``, ``31/05/2024``, ``2024-05-31``.

Kept apart from the Word import (which reads them back from a document) because the note's
exporter needs the same reading: it must know that an action's words already say its due
date (:func:`models.action_sentence.stated_due`) exactly as an import would read them, and
the exporter must not load python-docx to find out.
"""

import datetime as dt
import re
from typing import Final, NamedTuple

from models.compiled_on_use import CompiledOnUse

_MONTHS: Final = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_WORDS: Final = "|".join([*_MONTHS, *(m[:3] for m in _MONTHS), "sept"])
DATE_PATTERN: Final = CompiledOnUse(
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<month>{_MONTH_WORDS})\.?"
    r"(?:,?\s+(?P<year>(?:19|20|21)\d\d))?(?![\w])",
    re.IGNORECASE,
)
# ``31/05/2024``, ``31.5.24``, ``31-05-2024`` (day first, as in the UK) and ``2024-05-31``.
NUMERIC_DATE: Final = CompiledOnUse(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)")
ISO_DATE: Final = CompiledOnUse(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")


class DateMatch(NamedTuple):
    day: int
    month: int
    year: int | None
    start: int
    end: int


def _date_match(match: re.Match[str]) -> DateMatch | None:
    month_word = match.group("month").lower()[:3]
    month = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(month_word))
    day = int(match.group("day"))
    year = int(match.group("year")) if match.group("year") else None
    return DateMatch(day, month, year, match.start(), match.end()) if 1 <= day <= 31 else None


def find_date(text: str) -> DateMatch | None:
    """The first day-and-month in ``text`` (year if printed), where it is in the text."""
    for match in DATE_PATTERN().finditer(text):
        found = _date_match(match)
        if found is not None:
            return found
    return None


def real_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_at(text: str, start: int) -> tuple[DateMatch, str] | None:
    """The date written at ``start`` in ``text`` (in words or in figures), and its words.

    A two-figure year is this century's (``31/05/24`` is 2024).
    """
    if (iso := ISO_DATE().match(text, start)) is not None:
        year, month, day = (int(g) for g in iso.groups())
        return DateMatch(day, month, year, iso.start(), iso.end()), iso.group()
    if (numeric := NUMERIC_DATE().match(text, start)) is not None:
        day, month, year = (int(g) for g in numeric.groups())
        year += 2000 if year < 100 else 0
        return DateMatch(day, month, year, numeric.start(), numeric.end()), numeric.group()
    if (named := DATE_PATTERN().match(text, start)) is not None:
        found = _date_match(named)
        return (found, named.group()) if found is not None else None
    return None


def read_due_date(text: str, meeting_date: dt.date) -> tuple[dt.date | None, str]:
    """A due date written in ``text``: (the date, a note on how it was read) or (None, why
    it is not a date).

    ``text`` is all date (``31 May 2024``, ``31/05/2024``, ``2024-05-31``), or a sentence
    around a date in words. A day and month with no year is the first such day on or after
    the meeting (``31 May`` at a meeting on 1 June 2024 is 31 May 2025), and the note says
    the year was assumed.
    """
    whole = date_at(text, 0)
    if whole is not None and whole[0].end == len(text):
        match: DateMatch | None = whole[0]
    else:
        match = find_date(text)
    if match is None:
        return None, "is not a date"
    if match.year is not None:
        found = real_date(match.year, match.month, match.day)
        return (found, "") if found is not None else (None, "does not exist")
    year = meeting_date.year
    if (match.month, match.day) < (meeting_date.month, meeting_date.day):
        year += 1
    found = real_date(year, match.month, match.day)
    if found is None:
        return None, "does not exist"
    return found, f"the year of the due date {text!r} is not printed: {year} assumed"
