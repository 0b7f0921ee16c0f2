"""How an action reads as one sentence, wherever it is printed or shown.

The note, the action log, the action panels and their messages all print an action; one
builder keeps them saying the same thing. An owner joined to the description with "to" reads
well only when the description starts with a verb ("MPS to review the outcomes"); a
description that is already a whole sentence ("Learning from the pilot to be shared") would
read "DWP to Learning ...", so it gets its owners as a prefix instead ("DWP: Learning ...").

A note also words the due date into the sentence ("... by 31 May 2024", "... by the next
meeting"), as the published notes do; the action log and the action panels show the date in
a column of its own, so they ask for the sentence without it. The note's exporter words the
date (``exporters.formatting.printed_due``); the Word import reads it back from the same words.
A description that already says when the action is due (``bring the paper to the next
meeting``) gets no second "by": :func:`stated_due` is the one rule for both directions.
"""

import datetime as dt
import re
from typing import Final, NamedTuple

from models.compiled_on_use import CompiledOnUse
from models.date_words import date_at, read_due_date
from models.enums import ActionStatus

NO_DESCRIPTION = "(no description)"


DUE_WORD = "by"
"""What joins a due date to the sentence: ``... by 31 May 2024``."""
NEXT_MEETING_DUE = "the next meeting"
"""A due date that is the meeting's next meeting, as a note words it."""
OWNERS_PREFIX = ": "
"""What follows the owners before a description that is a sentence: ``DWP: Learning ...``."""
OWNERS_TO = " to "
"""What joins the owners to a description that starts with a verb: ``MPS to review ...``."""


def action_sentence(owners: str, description: str, *, by: str = "") -> str:
    """``MPS/MOPAC to review ...``, ``DWP: Learning from ...`` or the description alone.

    ``owners`` is the owners as printed, joined with ``/``. A description that already
    starts with its owners, or with "to", is not doubled up. ``by`` is when the action is
    due, as the note words it (``31 May 2024``, ``the next meeting``; empty: not said).
    """
    text = " ".join(description.split()) or NO_DESCRIPTION
    owners = owners.strip()
    if not owners or text == NO_DESCRIPTION:
        sentence = text if not owners else f"{owners}{OWNERS_PREFIX}{text}"
    elif text.casefold().startswith(owners.casefold() + " "):
        sentence = text
    else:
        if text.startswith("to "):
            text = text[3:].lstrip()
        joint = OWNERS_TO if text[:1].islower() else OWNERS_PREFIX
        sentence = f"{owners}{joint}{text}"
    return with_due(sentence, by)


def with_due(sentence: str, by: str) -> str:
    """``... on progress by 31 May 2024.``: the due date goes before a closing full stop.

    Whether to say it at all is :func:`stated_due`'s to decide (through the exporter's
    ``printed_due``), so that the note and its import agree.
    """
    if not by:
        return sentence
    body, stop = (sentence[:-1], ".") if sentence.endswith(".") else (sentence, "")
    return f"{body} {DUE_WORD} {by}{stop}"


# Words after which a date or "the next meeting" says when something is due: ``by``,
# ``before``, ``to the next meeting``, ``at the next meeting``, ``deadline: 31/05/2024``.
_DUE_WORDS: Final = CompiledOnUse(
    r"\b(?:by|before|at|for|to|until|till|on|due|deadline|ahead\s+of|in\s+advance\s+of"
    r"|no\s+later\s+than)\s*:?\s+(?:the\s+)?",
    re.IGNORECASE,
)
# ``next meeting``, ``next Board meeting``; not ``the next meeting's agenda`` (a thing, not a
# time).
_NEXT_MEETING_WORDS: Final = CompiledOnUse(
    r"next\s+(?:board\s+)?meeting(?!\w|['\u2019]s\b)", re.IGNORECASE
)


class StatedDue(NamedTuple):
    """A due date an action's own words give, and how it was read ("" or the year that was
    assumed for a date printed without one)."""

    day: dt.date
    note: str = ""


def stated_due(
    description: str, *, meeting_date: dt.date, next_meeting: dt.date | None
) -> StatedDue | None:
    """The due date ``description`` already says, if it says one.

    The rule, one for the exporter (which then prints no second "by <date>" when this is
    the action's due date) and the Word import (which reads this as the due date when no
    "by <date>" closes the sentence): the *last* place where a due word (by, before, at,
    for, to, until, till, on, due, deadline, ahead of, in advance of, no later than, then
    "the" or not) is followed by

    - ``next meeting`` or ``next Board meeting``: the meeting's next meeting, if it has one;
    - a date as the note prints it or a person types it: ``31 May 2024``,
      ``Friday 31st May 2024``, ``31/05/2024``, ``31.5.24``, ``2024-05-31``, or ``31 May``
      (the first 31 May on or after the meeting, as an import assumes it).

    Case does not matter, nor what punctuation follows. A date that does not exist, or a
    date with no due word before it (``review the 31 May 2024 figures``), says nothing.
    """
    found: StatedDue | None = None
    for due_word in _DUE_WORDS().finditer(description):
        start = due_word.end()
        if _NEXT_MEETING_WORDS().match(description, start):
            if next_meeting is not None:
                found = StatedDue(next_meeting)
            continue
        dated = date_at(description, start)
        if dated is None:
            continue
        day, note = read_due_date(dated[1], meeting_date)
        if day is not None:
            found = StatedDue(day, note)
    return found


OVERDUE_SUFFIX = " (overdue)"
"""How an overdue action's date is marked (``18/09/2025 (overdue)``), in the action log and
the review of previous actions alike."""


def is_overdue(status: ActionStatus, due: dt.date | None, today: dt.date) -> bool:
    """An open action due before ``today``: one rule for every view that marks it."""
    return status is ActionStatus.OPEN and due is not None and due < today
