"""The words of the action log window: the choices its Status and Sort boxes offer, its count
line, the story of the selected action, and the title and file name an export is given.

They are pure values and functions of what the window read (an entry, its chain of
carry-overs, the filter, the boards' names), kept apart from the window so that the wording
can be read and changed in one place without the timers, widgets and reads around it: the
window decides *when* to say something, this module *what* it says. Nothing here reads the
database or builds a widget, and nothing here imports the window.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from exporters.formatting import long_date
from models.action_sentence import OVERDUE_SUFFIX
from models.enums import ActionStatus
from ui.actions.action_log_model import LogColumn
from ui.common.layout import ERROR_COLOUR

if TYPE_CHECKING:
    from models.action_log import ActionFilter, ActionLogEntry
    from models.capped_count import CappedCount

TITLE = "Action log"
NO_SELECTION = "Choose an action to see where it was raised and where it went."


@dataclass(frozen=True)
class StatusChoice:
    """One choice of the Status box: what it shows, the statuses it keeps (None: all), and
    how an export's title says it."""

    label: str
    statuses: frozenset[ActionStatus] | None
    words: str  # for the export title: "open actions"


STATUS_CHOICES = (
    StatusChoice("Open", frozenset({ActionStatus.OPEN}), "open actions"),
    StatusChoice("Done", frozenset({ActionStatus.DONE}), "actions done"),
    StatusChoice("Rolled over", frozenset({ActionStatus.ROLLED_OVER}), "actions rolled over"),
    StatusChoice("Dropped", frozenset({ActionStatus.DROPPED}), "actions dropped"),
    StatusChoice("All", None, "all actions"),
)

# The Sort box: the same orders a click on a column header gives, for the keyboard.
SORT_CHOICES: tuple[tuple[str, LogColumn, Qt.SortOrder], ...] = (
    ("Raised, newest first", LogColumn.RAISED, Qt.SortOrder.DescendingOrder),
    ("Raised, oldest first", LogColumn.RAISED, Qt.SortOrder.AscendingOrder),
    ("Due, soonest first", LogColumn.DUE, Qt.SortOrder.AscendingOrder),
    ("Due, latest first", LogColumn.DUE, Qt.SortOrder.DescendingOrder),
    ("Owners, A to Z", LogColumn.OWNERS, Qt.SortOrder.AscendingOrder),
    ("Owners, Z to A", LogColumn.OWNERS, Qt.SortOrder.DescendingOrder),
    ("Action, A to Z", LogColumn.ACTION, Qt.SortOrder.AscendingOrder),
    ("Action, Z to A", LogColumn.ACTION, Qt.SortOrder.DescendingOrder),
    ("Item, first to last", LogColumn.ITEM, Qt.SortOrder.AscendingOrder),
    ("Item, last to first", LogColumn.ITEM, Qt.SortOrder.DescendingOrder),
    ("Status, open first", LogColumn.STATUS, Qt.SortOrder.AscendingOrder),
    ("Status, dropped first", LogColumn.STATUS, Qt.SortOrder.DescendingOrder),
)


def default_file_name(today: dt.date) -> str:
    """What the export suggests: the log and the day, so exports of several days sort."""
    return f"Action log {today.isoformat()}.csv"


def _times(count: int) -> str:
    """How often an action was carried over, as it is said: "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def count_sentence(
    action_filter: ActionFilter, count: CappedCount, owner_abbreviations: Sequence[str]
) -> str:
    """``12 actions.``, or past the count's cap ``More than 500 actions.``: true either way,
    and exact once the table has scrolled to the last of them. With none, the reason when the
    filters themselves explain it (overdue asked of closed actions, an unknown owner), so the
    secretary knows which filter to change."""
    if count:
        actions = count.noun("action", "actions")
        return f"{actions[:1].upper()}{actions[1:]}. Enter opens the meeting at the selected one."
    statuses = action_filter.statuses
    if action_filter.overdue_on is not None and statuses and ActionStatus.OPEN not in statuses:
        return "No actions: overdue actions are open ones. Choose Status Open or All."
    owner = action_filter.owner
    if owner and owner.casefold() not in {
        abbreviation.casefold() for abbreviation in owner_abbreviations
    }:
        return f"No organisation has the abbreviation “{owner}”. Choose one from the list."
    return "No actions match these filters."


def export_title(
    action_filter: ActionFilter,
    status_words: str,
    owner_abbreviations: Sequence[str],
    board_names: Mapping[str, str],
) -> str:
    """The Word file's title: what the filters chose ("Action log: open actions of MPS"),
    the owner spelt as the organisation spells it and the board by its full name, since the
    file is read away from the window that chose them."""
    words = "overdue actions" if action_filter.overdue_on is not None else status_words
    parts = [words]
    if action_filter.owner:
        known = {abbr.casefold(): abbr for abbr in owner_abbreviations}
        owner = known.get(action_filter.owner.casefold(), action_filter.owner)
        parts.append(f"owned by {owner}")
    if action_filter.board:
        board = board_names.get(action_filter.board, action_filter.board)
        parts.append(f"of the {board}")
    return f"{TITLE}: {' '.join(parts)}"


NO_ROLL_OVER_LINK = (
    "The meeting it was rolled over to is not recorded: no later action is linked to it"
    " (imported actions carry no such link)."
)


def raised_sentence(
    entry: ActionLogEntry,
    board_names: Mapping[str, str],
    chain: Sequence[ActionLogEntry] = (),
) -> str:
    """``Raised at the Reducing Reoffending Board meeting of 13 May 2019, item 4, “Female
    Offending”.`` (the title quoted, so it reads as a name and not as part of the sentence).

    A carried-over copy was not raised at its own meeting: it says so, and where it came
    from (its step before in ``chain``, its carry-over chain) and where the chain starts,
    where it was first raised: ``Carried over to the Reducing Reoffending Board meeting of
    5 March 2026, item 1, “Welcome”, from the meeting of 19 June 2025, where it was first
    raised.``
    Without the chain (it could not be read) it says only "from an earlier meeting"."""
    board = board_names.get(entry.board_abbreviation, entry.board_abbreviation)
    where = f"the {board} meeting of {long_date(entry.meeting_date)}"
    if entry.item_number is not None:
        where += f", item {entry.item_number}"
        if entry.item_title:
            where += f", “{entry.item_title}”"
    if entry.carried_from_id is None:
        return f"Raised at {where}."
    before = next((step for step in chain if step.id == entry.carried_from_id), None)
    if before is None:
        return f"Carried over to {where}, from an earlier meeting."
    came = f"Carried over to {where}, from the meeting of {long_date(before.meeting_date)}"
    first = chain[0]
    if first.id == before.id:
        return f"{came}, where it was first raised."
    return f"{came}; first raised at the meeting of {long_date(first.meeting_date)}."


def due_sentence(entry: ActionLogEntry, today: dt.date) -> str:
    """``Due 1 June 2019 (overdue). `` against the day the rows were read with, so the story
    agrees with the table's overdue marks."""
    if entry.due is None:
        return "No due date. "
    overdue = OVERDUE_SUFFIX if entry.is_overdue(today) else ""
    return f"Due {long_date(entry.due)}{overdue}. "


def step_text(step: ActionLogEntry, *, current: bool) -> str:
    """One step of a carry-over chain: ``13 May 2019 (RRB): Rolled over``."""
    text = f"{long_date(step.meeting_date)} ({step.board_abbreviation}): {step.status.label}"
    return text + (" — this action" if current else "")


def detail_html(
    entry: ActionLogEntry | None,
    chain: Sequence[ActionLogEntry],
    *,
    board_names: Mapping[str, str],
    today: dt.date,
    problem: str = "",
) -> str:
    """The story of the selected action, as rich text for the detail label: what it says,
    where it was raised, when it is due, and its chain of carry-overs (or ``problem`` in red
    when the chain could not be read). Every piece of the archive's text is escaped: an
    action may contain ``<`` or ``&``."""
    if entry is None:
        return html.escape(NO_SELECTION)
    lines = [
        f"<b>{html.escape(entry.sentence)}</b>",
        html.escape(raised_sentence(entry, board_names, [] if problem else chain)),
    ]
    due = due_sentence(entry, today)
    lines.append(html.escape(f"{due}Status: {entry.status.label}."))
    if problem:
        lines.append(f"<span style='color:{ERROR_COLOUR}'>{html.escape(problem)}</span>")
    elif len(chain) > 1:
        steps = "".join(
            f"<li>{html.escape(step_text(step, current=step.id == entry.id))}</li>"
            for step in chain
        )
        lines.append(f"Carried over {_times(len(chain) - 1)}:<ol>{steps}</ol>")
    elif entry.status is not ActionStatus.ROLLED_OVER:
        lines.append("Not carried over from or to another meeting.")
    if not problem and (chain[-1] if chain else entry).status is ActionStatus.ROLLED_OVER:
        # Rolled over, yet nothing carries it on: an import (or the copy was deleted).
        lines.append(html.escape(NO_ROLL_OVER_LINK))
    return "<br>".join(lines)
