"""The structural edits of the actions tab, as commands on the meeting's undo stack: an
action added to the item being edited, deleted, moved within its item, and the review of a
previous meeting's open action (done, rolled over, dropped). Each runs through the edit
session against the meeting's version. A cell typed in and saved becomes a step on the same
stack (:meth:`ActionCommands._record_cell`), so Ctrl+Z walks back through typing and
commands in the order they were done. :class:`ui.editor.action_cells.ActionCells` saves the
cells, and :class:`ui.editor.actions_panel.ActionsPanel` builds the tables, on top of this
class.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QApplication,
    QTableView,
    QWidget,
)

from exporters.formatting import long_date
from models import actions, previous_actions
from models.action_sentence import action_sentence
from models.changes import Part
from models.enums import ActionStatus
from ui.common.layout import bring_forward
from ui.common.undo import Typed
from ui.editor.actions_model import (
    ACTION_HEADERS,
    ActionColumn,
    ActionsTableModel,
    PreviousActionsModel,
)
from ui.editor.step_values import change_text, put_back

if TYPE_CHECKING:
    from models.actions import DeletedAction
    from models.database import Database
    from ui.common.undo import UndoHistory
    from ui.editor.session import EditSession

FIELD_OF: dict[ActionColumn, str] = {
    ActionColumn.DESCRIPTION: "description",
    ActionColumn.OWNERS: "owners",
    ActionColumn.ITEM: "agenda_item_id",
    ActionColumn.DUE: "due",
    ActionColumn.STATUS: "status",
}
"""The argument of ``actions.update_action`` a column's cell sets."""


def cell_value(row: actions.ActionRow, column: ActionColumn) -> Any:
    """A cell's saved value as ``actions.update_action`` takes it back (the owners as their
    abbreviations, a due date of "the next meeting" as that)."""
    if column == ActionColumn.DUE:
        return actions.NEXT_MEETING if row.due_is_next_meeting else row.due
    return getattr(row, FIELD_OF[column])


_CHOICE_WORDS = {
    ActionStatus.DONE: "Marked done",
    ActionStatus.DROPPED: "Dropped",
    ActionStatus.ROLLED_OVER: "Rolled over into this meeting",
}


def reopened_report(sentence: str, carried_from: dt.date | None) -> str:
    """What deleting a rolled-over action's copy did: the original is open again (in the
    review of the next meeting and the action log), which the person must not miss."""
    origin = f" of {long_date(carried_from)}" if carried_from is not None else ""
    return (
        f"Deleted the action “{sentence}”; the action it continued, from the meeting{origin},"
        " is open again (Ctrl+Z undoes both)."
    )


ADDED_ACTION_HINT = "Added an action: type what is to be done, then Tab to its owners."
"""Said once the new row's description is open for typing; withdrawn when that cell closes
(Tab to the owners, Enter, Escape, or the focus gone to another tab): it stayed, untrue."""

NOT_ADDED_REPORT = "No action added: its description was left empty."


class ActionCommands(QWidget):
    """The commands of the actions tab (see the module's docstring)."""

    _session: EditSession
    _history: UndoHistory
    _meeting_id: int | None
    _cell_steps = 0
    _new_action: int | None = None
    _focus_before: QWidget | None = None
    """Where the cursor was when Ctrl+Shift+A added the action: back there if it is dropped."""
    """The action Ctrl+Shift+A added, until its description's editor first closes."""
    current_item_id: Callable[[], int | None]
    model: ActionsTableModel
    previous_model: PreviousActionsModel
    table: QTableView
    previous_table: QTableView

    # --- supplied by the classes built on this one ------------------------------------------
    # Declared here so that the commands type-check on their own; each docstring says which
    # class supplies the method (ActionsPanel, or ActionCells for the cells).

    def _current_action(self) -> actions.ActionRow | None:
        """The action selected in the table: :class:`ActionsPanel`'s."""
        raise NotImplementedError

    def _current_previous(self) -> previous_actions.PreviousActionRow | None:
        """The previous meeting's action selected: :class:`ActionsPanel`'s."""
        raise NotImplementedError

    def _edited(self) -> None:
        """Tell the window the meeting's actions changed: :class:`ActionsPanel`'s."""
        raise NotImplementedError

    def _report(self, message: str) -> None:
        """A line under the tables about what was done: :class:`ActionsPanel`'s."""
        raise NotImplementedError

    def _show_problem(self, message: str) -> None:
        """Why something was not saved, under the tables: :class:`ActionsPanel`'s."""
        raise NotImplementedError

    def _select(self, action_id: int | None, column: ActionColumn | None = None) -> None:
        """Select an action's row (keeping the column): :class:`ActionsPanel`'s."""
        raise NotImplementedError

    def _select_previous(self, row: int | None) -> None:
        """Select a row of the previous meeting's actions: :class:`ActionsPanel`'s."""
        raise NotImplementedError

    def reload(self, *, select: int | None = None) -> bool:
        """Read the actions again and show them: :class:`ActionsPanel`'s."""
        raise NotImplementedError

    def bring_into_view(self) -> None:
        """Make the panel the current page of the tabs it is in: :class:`ActionsPanel`'s."""
        raise NotImplementedError

    def commit_edits(self) -> None:
        """Save the cell being typed in: :class:`ui.editor.action_cells.ActionCells`'s."""
        raise NotImplementedError

    # --- typing in a cell (a step on the undo stack) -----------------------------------------

    def _record_cell(
        self, before: actions.ActionRow, after: actions.ActionRow, column: ActionColumn
    ) -> None:
        """A cell's new value was saved: a step on the stack whose undo saves the old one
        (if the cell still holds the new one: else it was changed elsewhere since)."""
        old, new = cell_value(before, column), cell_value(after, column)
        if old == new:
            return
        label = ACTION_HEADERS[column]
        whose = f"action {before.position + 1}"
        chosen = column in (ActionColumn.ITEM, ActionColumn.STATUS)
        action_id, field = before.id, FIELD_OF[column]

        def apply(values: dict[str, Any], expected: dict[str, Any]) -> int:
            def save(db: Database) -> int:
                actions.update_action(db, action_id, **values)
                return action_id

            return put_back(
                self._session,
                {Part.ACTIONS, Part.STATUSES},
                read_now=lambda db: {field: cell_value(actions.action_row(db, action_id), column)},
                expected=expected,
                labels={field: label},
                save=save,
            )

        def refresh(shown: int) -> None:
            self.bring_into_view()
            self.reload(select=shown)
            self._select(shown, column)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self._edited()

        self._cell_steps += 1  # each cell saved is a step of its own: none merge
        self._history.record(
            Typed(
                change_text(label, whose) if chosen else f"Typing in {label} of {whose}",
                key=("action", action_id, column),
                values={field: (old, new)},
                burst=self._cell_steps,
                apply=apply,
                refresh=refresh,
            )
        )

    # --- structural edits (on the undo stack) ----------------------------------------------

    def _run(
        self,
        text: str,
        do: Callable[[Database], Any],
        undo: Callable[[Database], Any],
        *,
        previous: int | None = None,
    ) -> bool:
        """Run an edit through the undo history. ``do`` and ``undo`` return the ID of the
        action to select (or None); ``previous`` is a previous action to select when it is
        back in its list (the undo of a review choice)."""

        def refresh(selected: Any) -> None:
            if self.reload(select=selected if isinstance(selected, int) else None):
                # A refused value that went with its action is no reason any more.
                self._show_problem(" ".join(self.model.refused_reasons()))
            row = self.previous_model.row_of(previous)
            if row is not None:
                self._select_previous(row)
            self._edited()

        self.commit_edits()
        parts = {Part.ACTIONS, Part.STATUSES}
        return self._history.run(
            text,
            do=self._session.op(parts, do),
            undo=self._session.op(parts, undo),
            refresh=refresh,
        )

    def add_action(self) -> None:
        """Add an action to the agenda item being edited, show it, and start typing its
        description."""
        meeting_id = self._meeting_id
        if meeting_id is None:
            return
        item_id = self.current_item_id()
        added: list[int] = []
        removed: list[DeletedAction] = []

        def do(db: Database) -> int:
            if removed:  # a redo: the same action, with its ID and what was typed into it
                return actions.restore_action(db, removed.pop())
            added.append(actions.add_action(db, meeting_id, agenda_item_id=item_id))
            return added[0]

        def undo(db: Database) -> None:
            removed.append(actions.delete_action(db, added[0]))

        before = QApplication.focusWidget()  # where the cursor goes back if none is added
        self.bring_into_view()
        if not self._run("Add action", do, undo):
            return
        self._focus_before = before
        self._show_problem(" ".join(self.model.refused_reasons()))
        self._select(added[0], ActionColumn.DESCRIPTION)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.table.edit(self.table.currentIndex())
        self._new_action = added[0]
        self._report(ADDED_ACTION_HINT)

    def drop_new_action(self, action_id: int) -> None:
        """The action just added, its description left empty with Esc or Enter and nothing
        else done since: undone and forgotten, as if Ctrl+Shift+A had not been pressed (the
        cursor back where it was); not kept to show up blank in the action log, the next
        meeting's review and the export. An action whose description is cleared later is
        another matter: never deleted for that."""
        row = self.model.row_of(action_id)
        action = self.model.row_at(row) if row is not None else None
        if action is None or action.description:
            return
        if not self._history.withdraw("Add action"):
            return
        self._report(NOT_ADDED_REPORT)
        before, self._focus_before = self._focus_before, None
        if before is not None and shiboken6.isValid(before) and before.window() is self.window():
            bring_forward(before)
            before.setFocus(Qt.FocusReason.OtherFocusReason)

    def delete_action(self) -> None:
        action = self._current_action()
        if action is None:
            return
        row = self.table.currentIndex().row()
        neighbour = self.model.row_at(row + 1) or self.model.row_at(row - 1)
        removed: list[DeletedAction] = []

        def do(db: Database) -> int | None:
            removed.append(actions.delete_action(db, action.id))
            return neighbour.id if neighbour is not None else None

        def undo(db: Database) -> int:
            return actions.restore_action(db, removed.pop())

        if not self._run("Delete action", do, undo):
            return
        sentence = action_sentence(action.owners_text, action.description)
        if removed and removed[-1].reopened_id is not None:
            self._report(reopened_report(sentence, action.carried_from_date))
        else:
            self._report(f"Deleted the action “{sentence}” (Ctrl+Z brings it back).")

    def move_action(self, step: int) -> None:
        action = self._current_action()
        if action is None:
            return
        group = [
            row.id
            for row in (self.model.row_at(r) for r in range(self.model.rowCount()))
            if row is not None and row.agenda_item_id == action.agenda_item_id
        ]
        old = group.index(action.id)
        new = old + step
        if not 0 <= new < len(group):
            return

        def do(db: Database) -> int:
            actions.move_action(db, action.id, new)
            return action.id

        def undo(db: Database) -> int:
            actions.move_action(db, action.id, old)
            return action.id

        had_focus = self.table.hasFocus()
        self._run("Move action", do, undo)
        if had_focus:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def resolve(self, choice: ActionStatus) -> None:
        """Done, rolled over or dropped, for the selected previous action; the row leaves the
        list and the next one is selected, so the review goes on key by key."""
        meeting_id = self._meeting_id
        previous = self._current_previous()
        if meeting_id is None or previous is None:
            return
        carried: list[DeletedAction] = []
        sentence = action_sentence(previous.owners_text, previous.description)

        def do(db: Database) -> int | None:
            return actions.resolve_previous_action(
                db,
                previous.id,
                choice,
                meeting_id,
                carried=carried.pop() if carried else None,
            )

        def undo(db: Database) -> None:
            back = actions.reopen_previous_action(db, previous.id)
            if back is not None:
                carried.append(back)

        text = {
            ActionStatus.DONE: "Mark action done",
            ActionStatus.ROLLED_OVER: "Roll action over",
            ActionStatus.DROPPED: "Drop action",
        }[choice]
        had_focus = self.previous_table.hasFocus()
        if self._run(text, do, undo, previous=previous.id):
            self._report(f"{_CHOICE_WORDS[choice]}: “{sentence}” (Ctrl+Z undoes it).")
        if had_focus:
            self.previous_table.setFocus(Qt.FocusReason.OtherFocusReason)
