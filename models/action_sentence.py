"""How an action reads as one sentence, wherever it is printed or shown.

The note, the action log, the action panels and their messages all print an action; one
builder keeps them saying the same thing. An owner joined to the description with "to" reads
well only when the description starts with a verb ("MPS to review the outcomes"); a
description that is already a whole sentence ("Learning from the pilot to be shared") would
read "DWP to Learning ...", so it gets its owners as a prefix instead ("DWP: Learning ...").

A note also words the due date into the sentence ("... by 31 May 2024", "... by the next
meeting"), as the published notes do; the action log and the action panels show the date in
a column of its own, so they ask for the sentence without it. The note's exporter words the
date (``exporters.formatting.due_text``); the Word import reads it back from the same words.
"""

from __future__ import annotations

import datetime as dt

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
    """``... on progress by 31 May 2024.``: the due date goes before a closing full stop,
    and is not said twice when the words already end with it."""
    if not by:
        return sentence
    body, stop = (sentence[:-1], ".") if sentence.endswith(".") else (sentence, "")
    phrase = f" {DUE_WORD} {by}"
    if body.casefold().endswith(phrase.casefold()):
        return sentence
    return f"{body}{phrase}{stop}"


OVERDUE_SUFFIX = " (overdue)"
"""How an overdue action's date is marked (``18/09/2025 (overdue)``), in the action log and
the review of previous actions alike."""


def is_overdue(status: ActionStatus, due: dt.date | None, today: dt.date) -> bool:
    """An open action due before ``today``: one rule for every view that marks it."""
    return status is ActionStatus.OPEN and due is not None and due < today
