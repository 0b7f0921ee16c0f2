"""The editors of the actions table's cells: the owners completer (one abbreviation after
another, "MPS/MOPAC"), the due date (a date, "next meeting" with N, none with Del), and the
delegate that hands each cell its editor."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from models import actions
from models.enums import ActionStatus
from ui.common.completion_keys import complete_with_cell_keys
from ui.editor.actions_model import (
    NO_DESCRIPTION_TEXT,
    NO_ITEM_TEXT,
    ActionColumn,
    ActionsTableModel,
    display_date,
)

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


NO_DATE_TEXT = "No date"


class OwnersCompleter(QCompleter):
    """Completes the abbreviation being typed after the last ``/`` (``MPS/MO`` → ``MOPAC``)."""

    def __init__(self, abbreviations: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setModel(QStringListModel(list(abbreviations), self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setModelSorting(QCompleter.ModelSorting.UnsortedModel)

    def splitPath(self, path: str) -> list[str]:
        return [path.rpartition(actions.OWNER_SEPARATOR)[2].lstrip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        completion = str(index.data())
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head, separator, _last = text.rpartition(actions.OWNER_SEPARATOR)
        return f"{head}{separator}{completion}"


NO_NEXT_MEETING = (
    "N sets the next meeting's date, but it is not known yet: tick “Next meeting” on the"
    " Details tab (Alt+X) and type it, then press N here."
)


class DueEdit(QDateEdit):
    """A date with two more values: none (shown as "No date", the day before any date it
    offers) and the next meeting (N). Del clears it."""

    explained = Signal(str)
    """A key could not do what it says (N with no next-meeting date): why, for the user."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        meeting_date: dt.date | None,
        next_meeting: dt.date | None,
        current: dt.date | None,
    ) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        earliest = min(day for day in (meeting_date, current, dt.date.today()) if day is not None)
        self.setMinimumDate(QDate(earliest - dt.timedelta(days=1)))  # type: ignore[call-overload]  # PySide6 takes a datetime.date; its stubs omit it
        self.setSpecialValueText(NO_DATE_TEXT)
        self._next_meeting = next_meeting
        when = display_date(next_meeting) if next_meeting else "its date is not set yet"
        self.setToolTip(f"N: the next meeting ({when}). Del: no date. Alt+Down: calendar.")

    def set_due(self, due: dt.date | None) -> None:
        self.setDate(QDate(due) if due is not None else self.minimumDate())  # type: ignore[call-overload]  # PySide6 takes a datetime.date; its stubs omit it

    def due(self) -> dt.date | None:
        if self.date() == self.minimumDate():
            return None
        value = self.date().toPython()
        assert isinstance(value, dt.date)
        return value

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() == Qt.Key.Key_N:
            if self._next_meeting is not None:
                self.setDate(QDate(self._next_meeting))  # type: ignore[call-overload]  # PySide6 takes a datetime.date; its stubs omit it
            else:  # said at once, beside the cell and in the status bar; the date stays
                QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), NO_NEXT_MEETING, self)
                self.explained.emit(NO_NEXT_MEETING)
            event.accept()
            return
        if plain and event.key() == Qt.Key.Key_Delete:
            self.setDate(self.minimumDate())
            event.accept()
            return
        super().keyPressEvent(event)


class ActionDelegate(QStyledItemDelegate):
    """The editor of each column: text, owners with completion, item and status lists, and
    the due date."""

    explained = Signal(str)
    """A cell editor explained why a key did nothing (see :attr:`DueEdit.explained`)."""

    def __init__(self, model: ActionsTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.abbreviations: list[str] = []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = ActionColumn(index.column())
        action = self._model.row_at(index.row())
        if column == ActionColumn.ITEM:
            combo = QComboBox(parent)
            for item_id, label in self._model.item_choices():
                combo.addItem(label, item_id)
            if action is not None and action.agenda_item_id is None:
                combo.addItem(NO_ITEM_TEXT, None)
            return combo
        if column == ActionColumn.STATUS:
            combo = QComboBox(parent)
            for status in ActionStatus:
                combo.addItem(status.label, status.value)
            return combo
        if column == ActionColumn.DUE:
            due = DueEdit(
                parent,
                meeting_date=self._model.meeting_date,
                next_meeting=self._model.next_meeting,
                current=action.due if action is not None else None,
            )
            due.explained.connect(self.explained)
            return due
        line = QLineEdit(parent)
        line.setFrame(False)
        if column == ActionColumn.OWNERS:
            line.setPlaceholderText("MPS/MOPAC")
            complete_with_cell_keys(line, OwnersCompleter(self.abbreviations, line))
        else:
            line.setPlaceholderText(NO_DESCRIPTION_TEXT)
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, DueEdit):
            editor.set_due(value if isinstance(value, dt.date) else None)
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, DueEdit):
            model.setData(index, editor.due())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


# --- the panel -------------------------------------------------------------------------------
