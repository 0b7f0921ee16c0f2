"""Reading back the wording the notes print: dates, times, venues, chairs, actions.

The inverse of ``exporters.formatting``, but forgiving: it accepts every spelling the
published notes use (``20th March``, ``28 February 2023``, ``Monday 27 February 2017``,
``1:30-3:30pm``, ``14:00-16:00``, ``9.00am``), whatever a hand-written note added around them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from models.action_sentence import OWNERS_PREFIX, OWNERS_TO
from models.date_words import real_date
from models.word_import.document import NoteReadError

_CLOCK: Final = r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
TIME_RANGE: Final = re.compile(
    rf"(?<![\w:.]){_CLOCK}(?:\s*(?:-|–|—|to|until)\s*{_CLOCK})?(?![\w:])", re.IGNORECASE
)
FILE_DATE: Final = re.compile(r"(?<!\d)((?:19|20|21)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")
FILE_YEAR: Final = re.compile(r"(?<!\d)((?:19|20|21)\d\d)(?!\d)")
_ONLINE_WORDS: Final = re.compile(r"\b(teams|zoom|online|virtual|webex|video)\b", re.IGNORECASE)
# ``The next meeting will be on ...``, ``Date of next meeting: ...``, ``Next meeting: ...``.
NEXT_MEETING: Final = re.compile(
    r"^\s*(?:(?:the\s+)?next\s+meeting\s+(?:will\s+be|is)(?:\s+held)?\s+on\s+"
    r"|(?:(?:the\s+)?date\s+of\s+(?:the\s+)?next\s+meeting|next\s+meeting(?:\s+date)?)"
    r"\s*(?:[:\-\u2013]|\s(?:will\s+be|is))\s*(?:on\s+)?)",
    re.I,
)


def _clock(hour: str, minute: str | None, meridiem: str | None) -> dt.time | None:
    h = int(hour)
    m = int(minute) if minute else 0
    if meridiem:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if meridiem.lower().startswith("p") else 0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        return None
    return dt.time(h, m)


@dataclass(frozen=True, slots=True)
class TimesMatch:
    start: dt.time | None
    end: dt.time | None
    single: bool  # one time only: whether it is the start or the end is a guess


def parse_times(text: str) -> TimesMatch | None:
    """``1:30-3:30pm``, ``11am-1pm``, ``14:00-16:00``, ``2pm`` (a time needs a colon, a dot
    or am/pm, so that ``223-237 Borough High Street`` is not read as one)."""
    for match in TIME_RANGE.finditer(text):
        h1, m1, p1, h2, m2, p2 = match.groups()
        if h2 is None:
            if not (m1 or p1):
                continue
            only = _clock(h1, m1, p1)
            if only is not None:
                return TimesMatch(only, None, single=True)
            continue
        if not (m1 or p1 or m2 or p2):
            continue
        first_meridiem = p1 or p2
        start = _clock(h1, m1, first_meridiem)
        end = _clock(h2, m2, p2 or p1)
        if start is not None and end is not None and end <= start and not p1 and p2:
            start = _clock(h1, m1, "am")  # "11-1pm" is 11am to 1pm
        if start is not None and end is not None and start < end:
            return TimesMatch(start, end, single=False)
    return None


def looks_online(venue: str) -> bool:
    return bool(_ONLINE_WORDS.search(venue))


def split_owners(sentence: str, known: set[str]) -> tuple[tuple[str, ...], str] | None:
    """``MPS/MOPAC to review ...`` -> (("MPS", "MOPAC"), "review ..."), and ``LP: Share
    ...`` -> (("LP",), "Share ..."), the two ways a note joins owners to the words
    (:func:`models.action_sentence.action_sentence`), when every owner before the first
    joint is a known abbreviation (casefolded in ``known``)."""
    for owners, rest in _owner_heads(sentence):
        if all(owner.casefold() in known for owner in owners):
            return owners, rest
    return None


_ABBREVIATION: Final = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")


def unknown_owners(sentence: str) -> tuple[tuple[str, ...], str] | None:
    """Owners that look like abbreviations nobody knows yet (``LCJB to write ...``,
    ``LCJB: Letter ...``), and the words after them."""
    for owners, rest in _owner_heads(sentence):
        if all(looks_like_abbreviation(owner) for owner in owners):
            return owners, rest
    return None


def _owner_heads(sentence: str) -> Iterator[tuple[tuple[str, ...], str]]:
    """The owners a sentence may open with, before ``: `` then before `` to ``, and the
    words after them."""
    for joint in (OWNERS_PREFIX, OWNERS_TO):
        head, found, rest = sentence.partition(joint)
        owners = tuple(part.strip() for part in head.split("/"))
        if found and all(owners):
            yield owners, rest


def looks_like_abbreviation(text: str) -> bool:
    """``LCJB``, ``MOPAC``, ``NHS&E``: capitals, as an organisation's abbreviation prints."""
    return bool(_ABBREVIATION.match(text)) and text.upper() == text


def file_name_date(file_name: str) -> dt.date | None:
    """The date a file's name carries (``2023-02-28 RRB.docx``), if it is a real one."""
    found = FILE_DATE.search(file_name)
    return real_date(*(int(g) for g in found.groups())) if found else None


def instead_of_impossible(line: str, file_name: str) -> tuple[dt.date, str]:
    """For a printed date that does not exist: the file name's date and the guess's words.

    Never today's date: with no date in the file name, NoteReadError names the line.
    """
    day = file_name_date(file_name)
    if day is None:
        raise NoteReadError(
            f"the date in {line!r} does not exist: correct it in Word, then import the file again"
        )
    return day, (
        f"the printed date in {line!r} does not exist: the file name's date, {day:%d %B %Y}, put in"
    )
