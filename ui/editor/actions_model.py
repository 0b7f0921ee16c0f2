"""The Qt models of the Actions tab: this meeting's actions, and those still open from earlier
meetings of the board.

The models hold snapshots from :mod:`models.actions` and :mod:`models.previous_actions` and
never touch the database. An edit in the actions table is announced (``cell_edited``) for
the panel to save; a value the services refuse stays in its cell, in red with the reason as
its tooltip, so nothing typed is lost while the user reads why (the next edit of the cell
starts from it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from exporters.formatting import long_date, weekday_date
from models.action_sentence import OVERDUE_SUFFIX, action_sentence
from ui.common.item_models import PagedRowsTableModel, RowsTableModel, holds_row
from ui.common.layout import ERROR_COLOUR, HINT_COLOUR

if TYPE_CHECKING:
    from models.actions import ActionRow
    from models.previous_actions import PreviousActionRow
    from models.services import AgendaItemRow

Index = QModelIndex | QPersistentModelIndex

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REFUSED_ROLE = Qt.ItemDataRole.UserRole + 2
"""True for a cell holding a value typed and refused (the delegate keeps it red when
selected)."""
NEXT_MEETING_TEXT = "Next meeting"
NO_ITEM_TEXT = "No item"
NO_DESCRIPTION_TEXT = "Type what is to be done"


def display_date(day: dt.date) -> str:
    """dd/mm/yyyy, as the rest of the forms show a date."""
    return day.strftime("%d/%m/%Y")


def item_label(number: int, title: str) -> str:
    """``2. Performance``: an agenda item as the agenda list shows it."""
    return f"{number}. {title.strip() or 'Untitled item'}"


def due_text(due: dt.date | None, is_next_meeting: bool) -> str:
    if due is None:
        return ""
    return NEXT_MEETING_TEXT if is_next_meeting else display_date(due)


class ActionColumn(IntEnum):
    NUMBER = 0
    DESCRIPTION = 1
    OWNERS = 2
    ITEM = 3
    DUE = 4
    STATUS = 5


ACTION_HEADERS = {
    ActionColumn.NUMBER: "#",
    ActionColumn.DESCRIPTION: "Description",
    ActionColumn.OWNERS: "Owners",
    ActionColumn.ITEM: "Item",
    ActionColumn.DUE: "Due",
    ActionColumn.STATUS: "Status",
}
_ACTION_HEADER_TIPS = {
    ActionColumn.NUMBER: "The order the note prints the actions in",
    ActionColumn.DESCRIPTION: "What is to be done; the note prints “OWNERS to DESCRIPTION”",
    ActionColumn.OWNERS: "Organisations by abbreviation, several separated by / (MPS/MOPAC)",
    ActionColumn.ITEM: "The agenda item the note prints the action under",
    ActionColumn.DUE: "A date, “Next meeting”, or none",
    ActionColumn.STATUS: "Open, done, rolled over to a later meeting, or dropped",
}


class ActionsTableModel(RowsTableModel):
    """Rows of :class:`ActionRow`; every column but # is editable.

    ``setData`` does not save: it emits :attr:`cell_edited` with the action's ID, the column
    and the value (text for description and owners, an item ID, a due date or
    ``models.actions.NEXT_MEETING`` or None, an :class:`ActionStatus`), and the panel saves
    it and hands the new rows back through :meth:`set_rows`.
    """

    columns = ActionColumn

    cell_edited = Signal(int, int, object)
    """The user edited a cell: action ID, :class:`ActionColumn`, the new value."""
    refused_changed = Signal()
    """A cell came to hold a refused value, or no longer does (see :meth:`refused_cells`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ActionRow] = []
        self._items: list[AgendaItemRow] = []
        self._next_meeting: dt.date | None = None
        self._refused: dict[tuple[int, ActionColumn], tuple[str, str]] = {}
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- Qt's interface ------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ActionColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ACTION_HEADERS[ActionColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _ACTION_HEADER_TIPS[ActionColumn(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not holds_row(index, len(self._rows)):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != ActionColumn.NUMBER:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not holds_row(index, len(self._rows)):
            return None
        action = self._rows[index.row()]
        column = ActionColumn(index.column())
        refused = self._refused.get((action.id, column))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if refused is not None:
                return refused[0]
            edit = role == Qt.ItemDataRole.EditRole
            return (
                self._edit_value(action, column)
                if edit
                else self._text(index.row(), action, column)
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Not saved: {refused[1]}" if refused else self._tooltip(action, column)
        if role == ACTION_ID_ROLE:
            return action.id
        return self._look(action, column, role, refused is not None)

    def _look(self, action: ActionRow, column: ActionColumn, role: int, refused: bool) -> Any:
        """Colour, font and alignment: red for a refused value, grey italics for a blank."""
        if role == REFUSED_ROLE:
            return refused
        placeholder = self._is_placeholder(action, column)
        if role == Qt.ItemDataRole.ForegroundRole and (refused or placeholder):
            return QBrush(QColor(ERROR_COLOUR if refused else HINT_COLOUR))
        if role == Qt.ItemDataRole.FontRole and placeholder and not refused:
            return self._italic
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ActionColumn.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        action = self._rows[index.row()]
        self.cell_edited.emit(action.id, index.column(), value)
        return True

    # --- what a cell shows -------------------------------------------------------------------

    def _text(self, row: int, action: ActionRow, column: ActionColumn) -> str:
        if column == ActionColumn.ITEM:
            if action.item_number is None or action.item_title is None:
                return NO_ITEM_TEXT
            return item_label(action.item_number, action.item_title)
        status = action.status.label
        if action.carried_from_date is not None:
            status += f" (from {display_date(action.carried_from_date)})"
        return {
            ActionColumn.NUMBER: str(row + 1),
            ActionColumn.DESCRIPTION: action.description or NO_DESCRIPTION_TEXT,
            ActionColumn.OWNERS: action.owners_text,
            ActionColumn.DUE: due_text(action.due, action.due_is_next_meeting),
            ActionColumn.STATUS: status,
        }[column]

    @staticmethod
    def _edit_value(action: ActionRow, column: ActionColumn) -> Any:
        if column == ActionColumn.DESCRIPTION:
            return action.description
        if column == ActionColumn.OWNERS:
            return action.owners_text
        if column == ActionColumn.ITEM:
            return action.agenda_item_id
        if column == ActionColumn.DUE:
            return action.due
        if column == ActionColumn.STATUS:
            return action.status.value
        return action.position + 1

    def _tooltip(self, action: ActionRow, column: ActionColumn) -> str | None:
        if column == ActionColumn.ITEM:
            if action.item_number is None or action.item_title is None:
                return "No agenda item: the note prints it with the last item. Choose one."
            return item_label(action.item_number, action.item_title)
        if column == ActionColumn.DUE and action.due is not None:
            text = f"Due {weekday_date(action.due)}"
            return text + (" (the next meeting)" if action.due_is_next_meeting else "")
        if column == ActionColumn.STATUS and action.carried_from_date is not None:
            return (
                f"Rolled over from the meeting of {long_date(action.carried_from_date)},"
                " where it was raised"
            )
        if column == ActionColumn.DESCRIPTION and action.description:
            return action_sentence(action.owners_text, action.description)
        return None

    @staticmethod
    def _is_placeholder(action: ActionRow, column: ActionColumn) -> bool:
        return (column == ActionColumn.DESCRIPTION and not action.description) or (
            column == ActionColumn.ITEM and action.agenda_item_id is None
        )

    # --- for the panel -----------------------------------------------------------------------

    def set_meeting(self, next_meeting: dt.date | None, items: Sequence[AgendaItemRow]) -> None:
        """What the editors offer: the agenda items, and the next meeting's date (N)."""
        self._next_meeting = next_meeting
        self._items = list(items)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(ActionColumn) - 1)
            )

    @property
    def next_meeting(self) -> dt.date | None:
        return self._next_meeting

    def item_choices(self) -> list[tuple[int, str]]:
        """(item ID, ``1. Title``) for every agenda item, in agenda order."""
        return [
            (item.id, item_label(number, item.title))
            for number, item in enumerate(self._items, start=1)
        ]

    def set_rows(self, rows: Sequence[ActionRow]) -> None:
        """Show new snapshots. The same actions keep their places in the view (the current
        cell follows its action if the order changed), so typing on from cell to cell is not
        interrupted; other changes reset the model."""
        new_rows = list(rows)
        old_ids = [row.id for row in self._rows]
        new_ids = [row.id for row in new_rows]
        kept = set(new_ids)
        had_refused = bool(self._refused)
        self._refused = {key: value for key, value in self._refused.items() if key[0] in kept}
        if old_ids == new_ids:
            self._rows = new_rows
        elif sorted(old_ids) == sorted(new_ids):
            self.layoutAboutToBeChanged.emit()
            new_row_of = {action_id: row for row, action_id in enumerate(new_ids)}
            persistent = self.persistentIndexList()
            moved = [
                self.index(new_row_of[old_ids[index.row()]], index.column())
                if index.isValid()
                else QModelIndex()
                for index in persistent
            ]
            self._rows = new_rows
            self.changePersistentIndexList(persistent, moved)
            self.layoutChanged.emit()
        else:
            self.beginResetModel()
            self._rows = new_rows
            self.endResetModel()
        if new_rows and sorted(old_ids) == sorted(new_ids):
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(new_rows) - 1, len(ActionColumn) - 1)
            )
        if had_refused:  # some went with their actions, or the rows they are on moved
            self.refused_changed.emit()

    def set_refused(self, action_id: int, column: ActionColumn, text: str, reason: str) -> None:
        """Keep a value the services refused in its cell (red, the reason as tooltip)."""
        self._refused[(action_id, column)] = (text, reason)
        self._changed(action_id, column)
        self.refused_changed.emit()

    def clear_refused(self, action_id: int, column: ActionColumn) -> None:
        if self._refused.pop((action_id, column), None) is not None:
            self._changed(action_id, column)
            self.refused_changed.emit()

    def clear_all_refused(self) -> None:
        """Every refused value is given up (the person chose to lose them)."""
        for action_id, column in list(self._refused):
            self.clear_refused(action_id, column)

    def refused_reasons(self) -> list[str]:
        return list(dict.fromkeys(reason for _text, reason in self._refused.values()))

    def refused_text(self, action_id: int, column: ActionColumn) -> str | None:
        """The text a refused cell keeps, as typed (None: the cell is not refused)."""
        refused = self._refused.get((action_id, column))
        return refused[0] if refused is not None else None

    def refused_cells(self) -> list[tuple[int, int, ActionColumn, str]]:
        """(action ID, row number as shown, column, reason) of each refused cell."""
        cells = []
        for (action_id, column), (_text, reason) in self._refused.items():
            row = self.row_of(action_id)
            if row is not None:
                cells.append((action_id, row + 1, column, reason))
        return cells

    def _changed(self, action_id: int, column: ActionColumn) -> None:
        row = self.row_of(action_id)
        if row is not None:
            index = self.index(row, column)
            self.dataChanged.emit(index, index)


class PreviousColumn(IntEnum):
    MEETING = 0
    OWNERS = 1
    DESCRIPTION = 2
    DUE = 3


_PREVIOUS_HEADERS = {
    PreviousColumn.MEETING: "Raised",
    PreviousColumn.OWNERS: "Owners",
    PreviousColumn.DESCRIPTION: "Description",
    PreviousColumn.DUE: "Due",
}
_PREVIOUS_HEADER_TIPS = {
    PreviousColumn.MEETING: "The earlier meeting the action was agreed at",
    PreviousColumn.OWNERS: "The organisations that own it",
    PreviousColumn.DESCRIPTION: "What was to be done",
    PreviousColumn.DUE: "The date it was due; one due before today is overdue",
}


class PreviousActionsModel(PagedRowsTableModel):
    """Read-only rows of :class:`PreviousActionRow`: the open actions of earlier meetings,
    read a page at a time as the table scrolls (they grow with the archive).

    A due date shows as the date, never "Next meeting": here that would read as the meeting
    being reviewed at, while it was the meeting after the earlier one (often long past). An
    action due before *today* (:attr:`today`, not the date of the meeting open) is marked
    overdue, in words and in red, as the action log marks it, so the two agree on which
    actions are late."""

    columns = PreviousColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PreviousActionRow] = []
        self.today: Callable[[], dt.date] = dt.date.today
        """What "today" is for overdue (tests put the clock where they need it)."""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PreviousColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _PREVIOUS_HEADERS[PreviousColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _PREVIOUS_HEADER_TIPS[PreviousColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not holds_row(index, len(self._rows)):
            return None
        action = self._rows[index.row()]
        column = PreviousColumn(index.column())
        if role == ACTION_ID_ROLE:
            return action.id
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                PreviousColumn.MEETING: display_date(action.meeting_date),
                PreviousColumn.OWNERS: action.owners_text,
                PreviousColumn.DESCRIPTION: action.description,
                PreviousColumn.DUE: self._due_text(action),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(action, column)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == PreviousColumn.DUE
            and action.is_overdue(self.today())
        ):
            return QBrush(QColor(ERROR_COLOUR))
        return None

    def _tooltip(self, action: PreviousActionRow, column: PreviousColumn) -> str:
        if column == PreviousColumn.DUE and action.due is not None:
            return self._due_tooltip(action, action.due)
        where = f" under “{action.item_title}”" if action.item_title else ""
        carried = " (itself rolled over from an earlier meeting)" if action.carried_from_id else ""
        return (
            f"{action_sentence(action.owners_text, action.description)}\n"
            f"Raised at the meeting of {long_date(action.meeting_date)}{where}{carried}."
        )

    def _due_text(self, action: PreviousActionRow) -> str:
        """``18/09/2025 (overdue)``, as the action log shows it."""
        if action.due is None:
            return ""
        overdue = OVERDUE_SUFFIX if action.is_overdue(self.today()) else ""
        return display_date(action.due) + overdue

    def _due_tooltip(self, action: PreviousActionRow, due: dt.date) -> str:
        """The date in words, and which meeting it was when it was "next meeting"."""
        text = f"Due {weekday_date(due)}"
        if action.due_is_next_meeting:
            text += f", the meeting after that of {long_date(action.meeting_date)}"
        if action.is_overdue(self.today()):
            return f"Overdue: {text[0].lower()}{text[1:]}, and still open."
        return text + "."
