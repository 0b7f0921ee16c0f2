"""The organisation directory (Edit > Organisations…) and the small "name + abbreviation"
dialog used to create an organisation or a board without leaving the keyboard.

Every change goes through ``models.organisations``; a refused name or abbreviation is shown
under its field (never in a box of its own) and the typed text stays. A merge cannot be
undone, so it is the one thing here that asks first, naming both organisations and how
much of the record each is named in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models import organisations
from models.errors import StorageError, reason_of
from models.services import NotFoundError, ValidationError
from ui.common.cell_by_cell_table import CellByCellTable
from ui.common.column_fit import declare_never_elided
from ui.common.item_models import RowsTableModel, holds_row
from ui.common.layout import (
    FieldMessage,
    add_field,
    hbox,
    heading,
    hint,
    new_form,
    uncapped,
)

if TYPE_CHECKING:
    from models.database import Database
    from models.organisations import OrganisationEntry

log = logging.getLogger(__name__)

T = TypeVar("T")

Index = QModelIndex | QPersistentModelIndex
ORGANISATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class NameAbbreviationDialog(QDialog, Generic[T]):
    """Asks for a name and an abbreviation and creates the thing with ``create``.

    Opened with ``open()`` (window-modal, not a nested event loop), so the caller goes on
    from the ``accepted`` signal and reads :attr:`created`. A ValidationError from ``create``
    is shown under the field it names (``name``/``abbreviation``, or ``board_name``/
    ``board_abbreviation``); a database failure under the buttons. The dialog stays open
    with the text as typed until it works or the user cancels.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        intro: str,
        create: Callable[[str, str], T],
        name: str = "",
        abbreviation: str = "",
        accept_label: str = "Create",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._create = create
        self.created: T | None = None
        # Uncapped: a paste past a column's length is refused with the reason, not cut.
        self.name_edit = uncapped(QLineEdit(name))
        self.abbreviation_edit = uncapped(QLineEdit(abbreviation))
        self.abbreviation_edit.setPlaceholderText("As printed in notes, e.g. LP")
        form = new_form()
        self._messages = {
            "name": add_field(form, "&Name:", self.name_edit),
            "abbreviation": add_field(form, "&Abbreviation:", self.abbreviation_edit),
        }
        self.problem = FieldMessage()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_label)
        self.buttons.accepted.connect(self._try_create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(intro))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        first_empty = self.abbreviation_edit if name and not abbreviation else self.name_edit
        first_empty.setFocus(Qt.FocusReason.OtherFocusReason)
        first_empty.selectAll()

    def _try_create(self) -> None:
        for shown in (*self._messages.values(), self.problem):
            shown.clear_message()
        try:
            self.created = self._create(self.name_edit.text(), self.abbreviation_edit.text())
        except ValidationError as error:
            field = error.field.removeprefix("board_")
            message = self._messages.get(field)
            if message is None:
                self.problem.show_message(error.message)
                return
            message.show_message(error.message)
            widget = self.name_edit if field == "name" else self.abbreviation_edit
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            widget.selectAll()
            return
        except StorageError as error:
            log.exception("creating %r failed", self.name_edit.text())
            self.problem.show_message(
                f"Not created: the database reported a problem ({error.reason}). Try again."
            )
            return
        self.accept()

    def message(self, field: str) -> str:
        """The problem shown under a field ("" when none), for tests."""
        label = self._messages[field]
        return label.text() if not label.isHidden() else ""


# --- the directory --------------------------------------------------------------------------


class OrganisationColumn(IntEnum):
    NAME = 0
    ABBREVIATION = 1
    MEETINGS = 2
    ACTIONS = 3


_HEADERS = {
    OrganisationColumn.NAME: "Name",
    OrganisationColumn.ABBREVIATION: "Abbreviation",
    OrganisationColumn.MEETINGS: "Meetings",
    OrganisationColumn.ACTIONS: "Actions",
}
_FIELDS = {OrganisationColumn.NAME: "name", OrganisationColumn.ABBREVIATION: "abbreviation"}


class OrganisationsTableModel(RowsTableModel):
    """Rows of :class:`OrganisationEntry`. Name and abbreviation are editable in place: the
    edit is reported through ``cell_edited`` and the dialog saves it and reloads the rows."""

    columns = OrganisationColumn

    cell_edited = Signal(int, str, str)
    """(organisation ID, "name" | "abbreviation", the text typed)."""

    _rows: list[OrganisationEntry]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not holds_row(index, len(self._rows)):
            return None
        entry = self._rows[index.row()]
        column = OrganisationColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return {
                OrganisationColumn.NAME: entry.name,
                OrganisationColumn.ABBREVIATION: entry.abbreviation,
                OrganisationColumn.MEETINGS: entry.meetings,
                OrganisationColumn.ACTIONS: entry.actions,
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in _FIELDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                "F2 or double-click to rename" if column in _FIELDS else f"Named in {_usage(entry)}"
            )
        return entry.id if role == ORGANISATION_ID_ROLE else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role != Qt.ItemDataRole.DisplayRole
            or orientation != Qt.Orientation.Horizontal
            or not 0 <= section < len(OrganisationColumn)
        ):
            return None
        return _HEADERS[OrganisationColumn(section)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not holds_row(index, len(self._rows)):
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.column() in _FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        text = str(value or "")
        if text == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        entry = self._rows[index.row()]
        self.cell_edited.emit(entry.id, _FIELDS[OrganisationColumn(index.column())], text)
        return True


class OrganisationsDialog(QDialog):
    """Add, rename and merge organisations. ``organisations_changed`` after each change,
    so the editor can show the new names at once."""

    organisations_changed = Signal()
    organisations_merged = Signal()
    """Two organisations became one (the other was deleted)."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.setWindowTitle("Organisations")
        self.model = OrganisationsTableModel(self)
        self.table = self._make_table()
        self.table_message = FieldMessage()
        self.info = hint("")
        self.info.setVisible(False)

        self.merge_button = self._make_merge_button()

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. Youth Offending Team")
        self.abbreviation_edit = QLineEdit()
        self.abbreviation_edit.setPlaceholderText("e.g. YOT")
        self.add_button = QPushButton("A&dd")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_organisation)
        self.name_edit.returnPressed.connect(self.add_organisation)
        self.abbreviation_edit.returnPressed.connect(self.add_organisation)
        form = new_form()
        self._messages = {
            "name": add_field(form, "New organisation &name:", self.name_edit),
            "abbreviation": add_field(form, "A&bbreviation:", self.abbreviation_edit),
        }
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("&Organisations", self.table))
        layout.addWidget(
            hint(
                "F2 renames the selected cell. Every meeting naming an organisation prints its"
                " new name. Two entries for one body? Select both (Ctrl+click or Shift+Down)"
                " and merge them."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.table_message)
        layout.addWidget(self.info)
        layout.addLayout(hbox(self.merge_button, "stretch"))
        layout.addLayout(form)
        layout.addLayout(hbox("stretch", self.add_button))
        layout.addWidget(close)
        QWidget.setTabOrder(self.table, self.merge_button)
        QWidget.setTabOrder(self.merge_button, self.name_edit)
        QWidget.setTabOrder(self.name_edit, self.abbreviation_edit)
        QWidget.setTabOrder(self.abbreviation_edit, self.add_button)
        QWidget.setTabOrder(self.add_button, self.close_button)
        self.resize(720, 560)

        self.model.cell_edited.connect(self._rename)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, OrganisationColumn.NAME))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _make_merge_button(self) -> QPushButton:
        button = QPushButton("&Merge…")
        button.setToolTip("Select two organisations that are one body, then merge them (Ctrl+M)")
        merge_action = QAction(self)
        merge_action.setShortcut(QKeySequence("Ctrl+M"))
        merge_action.triggered.connect(self.merge_selected)
        self.addAction(merge_action)
        button.clicked.connect(self.merge_selected)
        return button

    def _make_table(self) -> QTableView:
        table = CellByCellTable()  # Enter renames a cell, Tab goes on to the one beside it
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(OrganisationColumn.NAME, QHeaderView.ResizeMode.Stretch)
        short = (
            OrganisationColumn.ABBREVIATION,
            OrganisationColumn.MEETINGS,
            OrganisationColumn.ACTIONS,
        )
        for column in short:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        declare_never_elided(table, short)
        return table

    # --- reading ---------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> bool:
        try:
            rows = organisations.list_organisations(self._database)
        except StorageError as error:
            self.table_message.show_message(
                f"The organisations could not be read ({error.reason})."
            )
            return False
        current = self._current_id() if select_id is None else select_id
        self.model.set_rows(rows)
        row = self.model.row_of(current)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, OrganisationColumn.NAME))
        self._update_buttons()
        return True

    def edit_name_of(self, organisation_id: int) -> None:
        """Select an organisation and open its name for typing (F2 on an attendee's
        organisation brings the user here)."""
        if not self.reload(select_id=organisation_id):
            return
        row = self.model.row_of(organisation_id)
        if row is not None:
            index = self.model.index(row, OrganisationColumn.NAME)
            self.table.setFocus()
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def _current_id(self) -> int | None:
        entry = self.model.row_at(self.table.currentIndex().row())
        return entry.id if entry is not None else None

    def selected_entries(self) -> list[OrganisationEntry]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [entry for row in rows if (entry := self.model.row_at(row)) is not None]

    def select_rows(self, *rows: int) -> None:
        """Select these rows (what Ctrl+click does), the first of them current."""
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.clearSelection()
        for row in rows:
            selection.select(self.model.index(row, 0), flags)
        if rows:
            selection.setCurrentIndex(
                self.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def message(self, field: str) -> str:
        label = self._messages.get(field, self.table_message)
        return label.text() if not label.isHidden() else ""

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(len(self.selected_entries()) == 2)

    def _tell(self, text: str) -> None:
        self.info.setText(text)
        self.info.setVisible(bool(text))

    # --- editing ---------------------------------------------------------------------------

    def add_organisation(self) -> None:
        for message in self._messages.values():
            message.clear_message()
        try:
            row = organisations.add_organisation(
                self._database, self.name_edit.text(), self.abbreviation_edit.text()
            )
        except ValidationError as error:
            self._messages.get(error.field, self.table_message).show_message(error.message)
            widget = self.abbreviation_edit if error.field == "abbreviation" else self.name_edit
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except StorageError as error:
            self._messages["name"].show_message(
                f"Not added: the database reported a problem ({error.reason})."
            )
            return
        self.name_edit.clear()
        self.abbreviation_edit.clear()
        self.reload(select_id=row.id)
        self._tell(f"Added {row.name} ({row.abbreviation}).")
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.organisations_changed.emit()

    def _rename(self, organisation_id: int, field: str, text: str) -> None:
        self.table_message.clear_message()
        try:
            row = organisations.rename_organisation(
                self._database, organisation_id, **{field: text}
            )
        except ValidationError as error:
            self.table_message.show_message(error.message)
            # The text refused goes back into its cell, open for correcting, not thrown away
            # (once the editor that gave it has closed).
            QTimer.singleShot(0, self, lambda: self._edit_again(organisation_id, field, text))
            return
        except (StorageError, NotFoundError) as error:
            reason = error.reason if isinstance(error, StorageError) else "it no longer exists"
            self.table_message.show_message(f"Not renamed: {reason}.")
            self.reload()
            return
        focused = QApplication.focusWidget()
        typing_here = focused is not None and self.table.isAncestorOf(focused)  # its editor
        column = self.table.currentIndex().column()
        self.reload(select_id=organisation_id)
        row_now = self.model.row_of(organisation_id)
        if row_now is not None:  # the cell renamed stays current: Tab goes on beside it
            self.table.setCurrentIndex(self.model.index(row_now, column))
        if typing_here:  # reading the rows again closed the editor, whose focus went on
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # to the form below
        self._tell(f"Renamed: {row.name} ({row.abbreviation}).")
        self.organisations_changed.emit()

    def _edit_again(self, organisation_id: int, field: str, text: str) -> None:
        row = self.model.row_of(organisation_id)
        if row is None:
            return
        column = next(c for c, name in _FIELDS.items() if name == field)
        index = self.model.index(row, column)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        editor = self.table.indexWidget(index) or QApplication.focusWidget()
        if isinstance(editor, QLineEdit):
            editor.setText(text)

    def merge_selected(self) -> None:
        """Merge the two selected organisations, after asking which one to keep."""
        chosen = self.selected_entries()
        if len(chosen) != 2:
            self.table_message.show_message(
                "Select the two organisations to merge (Ctrl+click or Shift+Down), then merge."
            )
            return
        self.table_message.clear_message()
        first, second = chosen
        keep = self._ask_which_to_keep(first, second)
        if keep is None:
            return
        duplicate = second if keep is first else first
        try:
            result = organisations.merge_organisations(self._database, duplicate.id, keep.id)
        except (StorageError, NotFoundError, ValidationError) as error:
            self.table_message.show_message(f"Not merged: {reason_of(error)}.")
            self.reload()
            return
        self.reload(select_id=keep.id)
        self.organisations_merged.emit()
        self._tell(
            f"Merged {result.removed.abbreviation} into {result.kept.abbreviation}:"
            f" {_count(result.attendances, 'attendee entry', 'attendee entries')},"
            f" {_count(result.actions, 'action', 'actions')} and"
            f" {_count(result.chaired, 'chair', 'chairs')} changed."
        )
        self.organisations_changed.emit()

    def _ask_which_to_keep(
        self, first: OrganisationEntry, second: OrganisationEntry
    ) -> OrganisationEntry | None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Merge organisations")
        box.setText(f"Merge “{first.display_name}” and “{second.display_name}” into one?")
        box.setInformativeText(
            f"{first.abbreviation} is named in {_usage(first)};"
            f" {second.abbreviation} in {_usage(second)}.\n\n"
            "Choose the one to keep: every meeting and action naming the other will name it"
            " instead, and the other is deleted. This cannot be undone."
        )
        keep_first = box.addButton(
            f"Keep {first.abbreviation}", QMessageBox.ButtonRole.DestructiveRole
        )
        keep_second = box.addButton(
            f"Keep {second.abbreviation}", QMessageBox.ButtonRole.DestructiveRole
        )
        cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is keep_first:
            return first
        if clicked is keep_second:
            return second
        return None


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _usage(entry: OrganisationEntry) -> str:
    return (
        f"{_count(entry.meetings, 'meeting', 'meetings')} and"
        f" {_count(entry.actions, 'action', 'actions')}"
    )
