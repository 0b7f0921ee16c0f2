"""Who is at the meeting: added by typing part of a name, marked with one key, in order.

The secretary adds attendees as people arrive or introduce themselves: a few letters of the
organisation's name or abbreviation and Enter. An organisation the directory does not know
yet is created on the spot (a small dialog, prefilled). With a row selected, P, A and X mark
it present, sent apologies, or absent. Adding, removing, reordering, a status change and
copying last meeting's list are commands on the editor's undo stack (Ctrl+Z in the list),
and so is a person or role typed in a cell, once saved.
Person names and roles are for the secretary's own records: the public note prints
organisations only.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models import attendance
from models.changes import Part
from models.edits import Kind
from models.enums import AttendanceStatus
from models.errors import StorageError, reason_of
from models.services import NotFoundError, OrganisationRow, list_organisations
from ui.common.column_fit import ColumnFitter
from ui.common.commands import scoped_action
from ui.common.icons import Icon
from ui.common.layout import FieldMessage, hbox, heading, hint, plain_label
from ui.common.undo import Typed
from ui.editor.agenda_panel import tool_button
from ui.editor.attendee_adding import AttendeeAdding, display_name
from ui.editor.attendees_model import (
    FIELD_OF_COLUMN,
    AttendeeColumn,
    AttendeesTableModel,
)
from ui.editor.status_delegate import StatusDelegate
from ui.editor.step_values import put_back
from ui.editor.typed_cells import TypedCellDelegate

if TYPE_CHECKING:
    from models.attendance import AttendeeRow
    from models.database import Database
    from ui.common.undo import UndoHistory
    from ui.editor.session import EditSession
    from ui.organisations.organisations_dialog import (
        NameAbbreviationDialog,
    )

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


class AttendeesPanel(AttendeeAdding):
    """The attendee list of the open meeting and the commands on it."""

    attendees_changed = Signal()
    """An edit of the attendees is in the database (the window refreshes its list)."""
    save_failed = Signal(str)
    """An edit of the attendees could not be saved; the message says why."""
    command_refreshed = Signal()
    """A command (or its undo) changed the list: the editor brings the panel into view."""
    cell_typed = Signal()
    """A person or role was typed in a cell (pending in the session): the editor saves it."""
    _cell_steps = 0  # a count, so that no two cell steps merge
    organisation_edit_requested = Signal(int)
    """F2 on an Organisation cell: the window opens that organisation's name for editing
    (in the directory, as every meeting prints the same name)."""

    def __init__(
        self, session: EditSession, history: UndoHistory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._history = history
        self._meeting_id: int | None = None
        self._organisations: list[OrganisationRow] = []
        self._submit_pending = False
        self._open_dialog: NameAbbreviationDialog[OrganisationRow] | None = None

        self.model = AttendeesTableModel(self)
        self.add_edit = QLineEdit()
        self.add_edit.setPlaceholderText(
            "Type part of an organisation's name or abbreviation, then Enter"
        )
        self.add_edit.setClearButtonEnabled(True)
        self._completion_model = QStringListModel(self)
        self.completer = QCompleter(self._completion_model, self.add_edit)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.add_edit.setCompleter(self.completer)
        self.add_message = FieldMessage()

        self.table = self._make_table()
        self._create_actions()
        self._buttons = hbox(
            tool_button(self.remove_action),
            tool_button(self.move_up_action),
            tool_button(self.move_down_action),
            "stretch",
            self._keys_hint(),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        note = hint("The public note prints organisations; people are internal only.")
        note.setWordWrap(True)  # wraps rather than widen the window (the preview beside)
        layout.addLayout(hbox(heading("Attendees"), 12, note, "stretch"))
        self.copy_button = tool_button(self.copy_action)
        layout.addLayout(
            hbox(
                plain_label("Add atte&ndee:", self.add_edit),
                self.add_edit,
                self.copy_button,
            )
        )
        layout.addWidget(self.add_message)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons)
        # One Tab from the box to the list (what comes next after adding); the copy button
        # after it (Ctrl+Shift+C works from anywhere in the meeting).
        previous: QWidget = self.add_edit
        for widget in (self.table, self.copy_button, *self._button_widgets()):
            QWidget.setTabOrder(previous, widget)
            previous = widget

        self.add_edit.returnPressed.connect(self._schedule_submit)
        self.completer.activated[str].connect(  # type: ignore[index]  # an overloaded signal's str form; the stubs cannot index it
            lambda _text: self._schedule_submit()
        )
        self.add_edit.textEdited.connect(lambda _text: self.add_message.clear_message())
        self.model.cell_edited.connect(self._cell_edited)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.selectionModel().currentChanged.connect(self._update_actions)
        self._update_actions()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        table.setTabKeyNavigation(False)  # Tab leaves the table, as in any other field
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setItemDelegateForColumn(AttendeeColumn.STATUS, StatusDelegate(table))
        typed = TypedCellDelegate(self._row_id, table)  # a person or role being typed
        typed.cell_typed.connect(self._cell_typed)
        typed.closeEditor.connect(lambda *_: self._session.cell_closed())
        for column in (AttendeeColumn.NAME, AttendeeColumn.ROLE):
            table.setItemDelegateForColumn(column, typed)
        ColumnFitter(
            table,
            stretch=AttendeeColumn.ORGANISATION,
            whole=[AttendeeColumn.STATUS],
            shares={AttendeeColumn.NAME: 180, AttendeeColumn.ROLE: 200},
            samples={AttendeeColumn.STATUS: [status.label for status in AttendanceStatus]},
            stretch_minimum=180,
        )
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setToolTip(
            "P present, A apologies, X absent; Del removes; Alt+Up/Down moves; F2 edits a cell"
        )

        return table

    @staticmethod
    def _keys_hint() -> QWidget:
        label = hint("In the list: P present · A apologies · X absent · Del removes · F2 edits")
        label.setWordWrap(True)  # wraps rather than widen the window (the preview beside)
        return label

    # --- for the editor --------------------------------------------------------------------

    @property
    def meeting_id(self) -> int | None:
        return self._meeting_id

    def first_widget(self) -> QWidget:
        return self.add_edit

    def last_widget(self) -> QWidget:
        buttons = self._button_widgets()
        return buttons[-1] if buttons else self.table

    def menu_actions(self) -> list[QAction]:
        """The actions for the Attendees menu, in menu order."""
        return [
            self.focus_add_action,
            self.copy_action,
            self.edit_cell_action,
            self.present_action,
            self.apologies_action,
            self.absent_action,
            self.remove_action,
            self.move_up_action,
            self.move_down_action,
        ]

    def set_meeting(
        self, meeting_id: int | None, organisations: Sequence[OrganisationRow] | None = None
    ) -> None:
        """Show the attendees of a meeting (None: no meeting); ``organisations``: the
        directory, if the caller has just read it. Raises StorageError."""
        self._meeting_id = meeting_id
        self.add_edit.clear()
        self.add_message.clear_message()
        if meeting_id is None:
            self.model.set_rows([])
        else:
            self.reload_organisations(organisations)
            self.model.set_rows(
                self._session.read(lambda db: attendance.list_attendees(db, meeting_id))
            )
            if self.model.rowCount():
                self._select_rows([0])
        self._update_actions()

    def reload_organisations(self, organisations: Sequence[OrganisationRow] | None = None) -> None:
        """Offer the directory as it is now in the completion list. Raises StorageError."""
        self._organisations = (
            list(organisations)
            if organisations is not None
            else self._session.read(list_organisations)
        )
        self._completion_model.setStringList([display_name(org) for org in self._organisations])

    def reload(self, select_ids: Sequence[int] = ()) -> bool:
        """Show the attendees as saved, with these rows selected (else the current one)."""
        if self._meeting_id is None:
            return True
        try:
            meeting_id = self._meeting_id
            rows = self._session.read(lambda db: attendance.list_attendees(db, meeting_id))
        except (StorageError, NotFoundError) as error:
            self._failed("The attendees could not be read", error)
            return False
        keep = list(select_ids) or self._selected_ids()
        table_had_focus = self.table.hasFocus()
        self.model.set_rows(rows)
        numbers = [n for n in (self.model.row_of(i) for i in keep) if n is not None]
        self._select_rows(numbers or ([0] if rows else []))
        if table_had_focus:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()
        return True

    def open_dialog(self) -> NameAbbreviationDialog[OrganisationRow] | None:
        """The "new organisation" dialog while it is open (for tests and the editor)."""
        return self._open_dialog

    # --- the selected rows ----------------------------------------------------------------

    def _selected_rows(self) -> list[AttendeeRow]:
        numbers = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not numbers and self.table.currentIndex().isValid():
            numbers = [self.table.currentIndex().row()]
        return [row for n in numbers if (row := self.model.row_at(n)) is not None]

    def _selected_ids(self) -> list[int]:
        return [row.id for row in self._selected_rows()]

    def _select_rows(self, numbers: Sequence[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        if not numbers:
            self.table.setCurrentIndex(QModelIndex())
            return
        current = self.table.currentIndex()
        column = current.column() if current.isValid() else AttendeeColumn.ORGANISATION
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for number in numbers:
            selection.select(self.model.index(number, 0), flags)
        first = self.model.index(numbers[0], column)
        selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.scrollTo(first)

    def select_row(self, number: int) -> None:
        """Make one row the selected and current one (what a click does)."""
        self._select_rows([number])
        self._update_actions()

    def set_status(self, status: AttendanceStatus) -> None:
        """Mark the selected attendees (undoable)."""
        rows = [row for row in self._selected_rows() if row.status is not status]
        if not rows:
            return
        before = {row.id: row.status for row in rows}
        after = dict.fromkeys(before, status)
        ids = list(before)

        def do(db: Database) -> list[int]:
            attendance.set_statuses(db, after)
            return ids

        def undo(db: Database) -> list[int]:
            attendance.set_statuses(db, before)
            return ids

        who = rows[0].organisation.abbreviation if len(rows) == 1 else f"{len(rows)} attendees"
        self._history.run(
            f"Mark {who} {status.label.lower()}",
            do=self._op(do),
            undo=self._op(undo),
            refresh=self._refresh,
        )

    def remove_selected(self) -> None:
        """Remove the selected attendees (undoable); the next row is selected."""
        rows = self._selected_rows()
        if not rows:
            return
        ids = [row.id for row in rows]
        following = self.model.row_at(max(row.position for row in rows) + 1)
        state: dict[str, Any] = {}

        def do(db: Database) -> list[int]:
            state["removed"] = attendance.remove_attendees(db, ids)
            return [following.id] if following is not None else []

        def undo(db: Database) -> list[int]:
            attendance.restore_attendees(db, state["removed"])
            return ids

        who = rows[0].organisation.abbreviation if len(rows) == 1 else f"{len(rows)} attendees"
        if self._history.run(
            f"Remove {who}", do=self._op(do), undo=self._op(undo), refresh=self._refresh
        ):
            self.message_posted.emit(f"Removed {who} from the attendees. Ctrl+Z undoes it.")

    def move_current(self, step: int) -> None:
        """Move the current attendee up (-1) or down (+1) the list (undoable)."""
        current = self.table.currentIndex()
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None:
            return
        old, new = current.row(), current.row() + step
        if not 0 <= new < self.model.rowCount():
            return

        def do(db: Database) -> list[int]:
            attendance.move_attendee(db, row.id, new)
            return [row.id]

        def undo(db: Database) -> list[int]:
            attendance.move_attendee(db, row.id, old)
            return [row.id]

        self._history.run(
            f"Move {row.organisation.abbreviation}",
            do=self._op(do),
            undo=self._op(undo),
            refresh=self._refresh,
        )

    # --- cells -----------------------------------------------------------------------------

    def _row_id(self, number: int) -> int | None:
        row = self.model.row_at(number)
        return row.id if row is not None else None

    def _cell_typed(self, attendee_id: int, column: int, text: str) -> None:
        """A key in a person or role cell: typing of the session until the cell is left."""
        field = FIELD_OF_COLUMN[AttendeeColumn(column)]
        self._session.cell_typed((Kind.ATTENDEE, attendee_id), field, text)

    def _cell_edited(self, attendee_id: int, field: str, value: object) -> None:
        """A status chosen with the mouse is a command; a person or role typed in a cell is
        saved at once through the editor (``cell_typed``), like a field being left."""
        if field == "status":
            assert isinstance(value, AttendanceStatus)
            self._select_rows([n for n in [self.model.row_of(attendee_id)] if n is not None])
            self.set_status(value)
            return
        self._session.cell_closed()  # its text is an edit now, saved as typing is
        row = self.model.row_at(self.model.row_of(attendee_id) or 0)
        if row is None or row.id != attendee_id:
            return
        self._session.edit(Kind.ATTENDEE, attendee_id, **{field: value})
        self.model.replace_row(dataclasses.replace(row, **{field: value}))  # shown as typed
        self.cell_typed.emit()
        if (Kind.ATTENDEE, attendee_id) not in self._session.pending.edits:  # saved
            self._record_cell(row, field)

    def put_back(self, attendee_id: int, changes: dict[str, Any]) -> None:
        """A person or role refused, put back after a crash: shown as typed, pending again."""
        number = self.model.row_of(attendee_id)
        row = self.model.row_at(number) if number is not None else None
        if row is None:
            return
        # Text typed in a cell never left is as the cell would have saved it.
        changes = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in changes.items()}
        self._session.edit(Kind.ATTENDEE, attendee_id, **changes)
        self.model.replace_row(dataclasses.replace(row, **changes))

    def _record_cell(self, before: AttendeeRow, field: str) -> None:
        """A person or role saved: a step on the undo stack, whose undo saves the old value
        (checked as every step is, see :func:`ui.editor.step_values.put_back`)."""
        meeting_id = self._meeting_id
        if meeting_id is None:
            return

        def row_now(db: Database) -> AttendeeRow:
            rows = attendance.list_attendees(db, meeting_id)
            row = next((row for row in rows if row.id == before.id), None)
            if row is None:
                raise NotFoundError(f"attendee {before.id} does not exist")
            return row

        try:
            after = self._session.read(row_now)  # as stored: trimmed, None for nothing
        except (StorageError, NotFoundError):
            return  # saved, but not undoable by Ctrl+Z: nothing else is at stake
        old, new = getattr(before, field), getattr(after, field)
        if old == new:
            return
        label = {"name": "Person", "role": "Role"}[field]

        def apply(values: dict[str, Any], expected: dict[str, Any]) -> list[int]:
            def save(db: Database) -> list[int]:
                attendance.update_attendee(db, before.id, **values)
                return [before.id]

            return put_back(
                self._session,
                {Part.ATTENDEES},
                read_now=lambda db: {field: getattr(row_now(db), field)},
                expected=expected,
                labels={field: label},
                save=save,
            )

        self._cell_steps += 1  # each cell saved is a step of its own: none merge
        self._history.record(
            Typed(
                f"Typing in {label} of {before.organisation.abbreviation}",
                key=("attendee", before.id, field),
                values={field: (old, new)},
                burst=self._cell_steps,
                apply=apply,
                refresh=self._refresh,
            )
        )

    def edit_current_cell(self) -> None:
        """F2: edit the person, role or status here; on the organisation, its name."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        if index.column() == AttendeeColumn.ORGANISATION:
            row = self.model.row_at(index.row())
            if row is not None:
                self.organisation_edit_requested.emit(row.organisation_id)
            return
        self.table.edit(index)

    # --- plumbing --------------------------------------------------------------------------
    def _refresh(self, select_ids: list[int]) -> None:
        self.reload(select_ids)
        self.attendees_changed.emit()
        self.command_refreshed.emit()

    def _failed(self, what: str, error: Exception) -> None:
        reason = reason_of(error)
        log.warning("%s: %s", what, reason)
        self.save_failed.emit(f"{what} ({reason}).")

    def _create_actions(self) -> None:
        table = self.table
        list_only = Qt.ShortcutContext.WidgetShortcut
        where = "in the attendee list"
        self.focus_add_action = scoped_action(
            self, "Add attendee…", shortcut="Ctrl+Shift+T", slot=self.focus_add_field,
            scope=self, tip="Go to the box where you type an attendee's organisation",
        )  # fmt: skip
        self.copy_action = scoped_action(
            self, "Copy attendees from previous meeting", shortcut="Ctrl+Shift+C",
            slot=self.copy_from_previous, scope=self, which=Icon.ADD_ITEM,
            tip="Add the attendees of the board's previous meeting, as present",
        )  # fmt: skip
        self.copy_action.setIconText("Copy from previous meeting")
        self.edit_cell_action = scoped_action(
            self, "Edit cell", shortcut="F2", context=list_only, where=where, scope=table,
            slot=self.edit_current_cell,
            tip="Type the person or role; on the organisation, rename it in the directory",
        )  # fmt: skip
        self.present_action = scoped_action(
            self, "Mark present", shortcut="P", context=list_only, where=where, scope=table,
            slot=lambda: self.set_status(AttendanceStatus.PRESENT),
            tip="Mark the selected attendees present",
        )  # fmt: skip
        self.apologies_action = scoped_action(
            self, "Mark apologies", shortcut="A", context=list_only, where=where, scope=table,
            slot=lambda: self.set_status(AttendanceStatus.APOLOGIES),
            tip="Mark the selected attendees as having sent apologies",
        )  # fmt: skip
        self.absent_action = scoped_action(
            self, "Mark absent", shortcut="X", context=list_only, where=where, scope=table,
            slot=lambda: self.set_status(AttendanceStatus.ABSENT),
            tip="Mark the selected attendees absent",
        )  # fmt: skip
        self.remove_action = scoped_action(
            self, "Remove attendee", shortcut=QKeySequence.StandardKey.Delete, context=list_only,
            where=where, scope=table, slot=self.remove_selected, which=Icon.DELETE,
            tip="Remove the selected attendees from this meeting",
        )  # fmt: skip
        self.move_up_action = scoped_action(
            self, "Move attendee up", shortcut="Alt+Up", context=list_only, where=where,
            scope=table, slot=lambda: self.move_current(-1), which=Icon.MOVE_UP,
            tip="Move the selected attendee up the list",
        )  # fmt: skip
        self.move_down_action = scoped_action(
            self, "Move attendee down", shortcut="Alt+Down", context=list_only, where=where,
            scope=table, slot=lambda: self.move_current(1), which=Icon.MOVE_DOWN,
            tip="Move the selected attendee down the list",
        )  # fmt: skip
        for action, text in (
            (self.remove_action, "Remove"),
            (self.move_up_action, "Up"),
            (self.move_down_action, "Down"),
        ):
            action.setIconText(text)

    def _button_widgets(self) -> list[QWidget]:
        layout = self._buttons
        items = (layout.itemAt(i) for i in range(layout.count()))
        widgets = [item.widget() for item in items if item is not None]
        return [w for w in widgets if w is not None and w.focusPolicy() != Qt.FocusPolicy.NoFocus]

    def _update_actions(self, *_args: object) -> None:
        has_meeting = self._meeting_id is not None
        selected = self._selected_rows() if has_meeting else []
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else -1
        self.add_edit.setEnabled(has_meeting)
        self.focus_add_action.setEnabled(has_meeting)
        self.copy_action.setEnabled(has_meeting)
        for action in (
            self.present_action,
            self.apologies_action,
            self.absent_action,
            self.remove_action,
        ):
            action.setEnabled(bool(selected))
        self.move_up_action.setEnabled(row > 0)
        self.move_down_action.setEnabled(0 <= row < self.model.rowCount() - 1)
