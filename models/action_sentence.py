"""How an action reads as one sentence, wherever it is printed or shown.

The note, the action log, the action panels and their messages all print an action; one
builder keeps them saying the same thing. An owner joined to the description with "to" reads
well only when the description starts with a verb ("MPS to review the outcomes"); a
description that is already a whole sentence ("Learning from the pilot to be shared") would
read "DWP to Learning ...", so it gets its owners as a prefix instead ("DWP: Learning ...").
"""

from __future__ import annotations

import datetime as dt

from models.enums import ActionStatus

NO_DESCRIPTION = "(no description)"


def action_sentence(owners: str, description: str) -> str:
    """``MPS/MOPAC to review ...``, ``DWP: Learning from ...`` or the description alone.

    ``owners`` is the owners as printed, joined with ``/``. A description that already
    starts with its owners, or with "to", is not doubled up.
    """
    text = " ".join(description.split()) or NO_DESCRIPTION
    owners = owners.strip()
    if not owners or text == NO_DESCRIPTION:
        return text if not owners else f"{owners}: {text}"
    if text.casefold().startswith(owners.casefold() + " "):
        return text
    if text.startswith("to "):
        text = text[3:].lstrip()
    if text[:1].islower():
        return f"{owners} to {text}"
    return f"{owners}: {text}"


OVERDUE_SUFFIX = " (overdue)"
"""How an overdue action's date is marked (``18/09/2025 (overdue)``), in the action log and
the review of previous actions alike."""


def is_overdue(status: ActionStatus, due: dt.date | None, today: dt.date) -> bool:
    """An open action due before ``today``: one rule for every view that marks it."""
    return status is ActionStatus.OPEN and due is not None and due < today
