"""The Actions tab: this meeting's actions in an editable table, and the review of the actions
still open from the board's earlier meetings.

During the meeting the secretary adds an action to the item being discussed with
Ctrl+Shift+A from anywhere in the editor and types on from cell to cell (Tab): description,
owners (``MPS/MOPAC``, completed from the known abbreviations), item, due date, status.
Under "Welcome & Apologies" they go down the previous actions pressing D (done), R (rolled
over: it becomes an action of this meeting, linked to the old one) or X (dropped).

Adding, deleting and moving an action and the three review choices go on the editor's undo
stack (:mod:`ui.common.undo`); a cell edit is saved when the cell is left, and a value the services
refuse stays in its cell in red with the reason under the table (see
:mod:`ui.editor.action_cells`). The two tables are built and sized in
:mod:`ui.editor.actions_tables`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models import actions, previous_actions, services
from models.enums import ActionStatus
from models.errors import StorageError
from models.services import NotFoundError, OrganisationRow
from ui.common.commands import scoped_action
from ui.common.icons import Icon
from ui.common.layout import (
    ERROR_COLOUR,
    bring_forward,
    container,
    hbox,
    heading,
    hint,
    vbox,
)
from ui.editor.action_cells import ActionCells
from ui.editor.action_commands import ADDED_ACTION_HINT
from ui.editor.actions_delegate import (
    NO_NEXT_MEETING,
    ActionDelegate,
)
from ui.editor.actions_model import (
    ACTION_ID_ROLE,
    REFUSED_ROLE,
    ActionColumn,
    ActionsTableModel,
    PreviousActionsModel,
    PreviousColumn,
)
from ui.editor.actions_tables import actions_table, previous_actions_table
from ui.editor.agenda_panel import tool_button

if TYPE_CHECKING:
    from models.capped_count import CappedCount
    from ui.common.undo import UndoHistory
    from ui.editor.session import EditSession

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

PREVIOUS_HINT = (
    "Review them under Welcome & Apologies: D done, R rolled over (carried into this"
    " meeting), X dropped. Ctrl+Z undoes a choice."
)
NO_PREVIOUS_TEXT = "No actions are open from earlier meetings of this board."
NO_ACTIONS_HINT = (
    "No actions yet. Ctrl+Shift+A adds one to the agenda item being edited; type its"
    " description, then Tab to the owners (MPS/MOPAC), the item, the due date and the status."
)


class ActionsPanel(ActionCells):
    """This meeting's actions above, the previous meetings' open actions below."""

    actions_edited = Signal(int)
    """An action of the meeting (or of an earlier one, by a review choice) was saved."""
    reported = Signal(str)
    """A sentence for the status bar about what a command did."""

    problem_shown = Signal(str)
    """The red message under the table changed ("": every value accepted)."""
    report_withdrawn = Signal(str)
    """A sentence :attr:`reported` said no longer holds: the status bar drops it too."""

    def __init__(
        self, session: EditSession, history: UndoHistory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._history = history
        self._meeting_id: int | None = None
        self._organisations: list[OrganisationRow] = []
        self.current_item_id: Callable[[], int | None] = lambda: None
        """The agenda item being edited (set by the editor): where a new action goes."""

        self.model = ActionsTableModel(self)
        self.previous_model = PreviousActionsModel(self)
        self.delegate = ActionDelegate(self.model, self)
        self.table = actions_table(self.model, self.delegate)
        self.previous_table = previous_actions_table(self.previous_model)
        self.problem_label = QLabel()
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problem_label.setVisible(False)
        self.empty_hint = hint(NO_ACTIONS_HINT)
        self.report_label = hint("")
        self._connect_messages()
        self.previous_heading = heading("&Previous actions still open", self.previous_table)
        self.no_previous_hint = hint(NO_PREVIOUS_TEXT)

        self._create_actions()
        self.done_button = QPushButton("&Done")
        self.rolled_over_button = QPushButton("&Rolled over")
        self.dropped_button = QPushButton("Dropped (&X)")
        for button, action in (
            (self.done_button, self.mark_done_action),
            (self.rolled_over_button, self.roll_over_action),
            (self.dropped_button, self.drop_action),
        ):
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)

        tool_buttons = [
            tool_button(action)
            for action in (
                self.add_action_action,
                self.delete_action_action,
                self.move_action_up_action,
                self.move_action_down_action,
            )
        ]
        buttons = hbox(*tool_buttons, "stretch")
        focus_order: list[QWidget] = [
            self.table,
            *tool_buttons,
            self.previous_table,
            self.done_button,
            self.rolled_over_button,
            self.dropped_button,
        ]
        top = vbox(
            heading("A&ctions agreed at this meeting", self.table),
            self.table,
            self.empty_hint,
            buttons,
            self.problem_label,
        )
        bottom = vbox(
            self.previous_heading,
            hint(PREVIOUS_HINT),
            self.previous_table,
            self.no_previous_hint,
            hbox(self.done_button, self.rolled_over_button, self.dropped_button, "stretch"),
            self.report_label,
        )
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(container(top))
        self.splitter.addWidget(container(bottom))
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)
        for first, second in pairwise(focus_order):  # now that they share a window
            QWidget.setTabOrder(first, second)

        self._connect_cells()
        self.table.installEventFilter(self)  # Del on a due date, Esc on a refused cell
        self.delegate.closeEditor.connect(self._editor_closed)
        self.table.selectionModel().currentChanged.connect(self._update_actions)
        self.previous_table.selectionModel().currentChanged.connect(self._update_actions)
        # The heading's count too: a capped one is exact once the table has read them all.
        for signal in (
            self.model.modelReset,
            self.model.layoutChanged,
            self.previous_model.modelReset,
            self.previous_model.total_counted,
        ):
            signal.connect(self._update_actions)
        self._update_actions()

    # --- actions (the menu entries and their keys) -----------------------------------------

    def _create_actions(self) -> None:
        in_table = "in the actions table"
        in_previous = "in the previous actions"
        table_only = Qt.ShortcutContext.WidgetShortcut  # not in a cell's editor (Alt+Down, Del)
        self.add_action_action = scoped_action(
            self, "Add action", shortcut="Ctrl+Shift+A", slot=self.add_action, scope=self,
            which=Icon.ADD_ITEM,
            tip="Add an action to the agenda item being edited and type its description",
        )  # fmt: skip
        self.delete_action_action = scoped_action(
            self, "Delete action", shortcut="Del", slot=self.delete_action, scope=self.table,
            where=in_table, which=Icon.DELETE, context=table_only,
            tip="Delete the selected action (Ctrl+Z brings it back)",
        )  # fmt: skip
        self.move_action_up_action = scoped_action(
            self, "Move action up", shortcut="Alt+Up", slot=lambda: self.move_action(-1),
            scope=self.table, where=in_table, which=Icon.MOVE_UP, context=table_only,
            tip="Move the selected action up among its item's actions",
        )  # fmt: skip
        self.move_action_down_action = scoped_action(
            self, "Move action down", shortcut="Alt+Down", slot=lambda: self.move_action(1),
            scope=self.table, where=in_table, which=Icon.MOVE_DOWN, context=table_only,
            tip="Move the selected action down among its item's actions",
        )  # fmt: skip
        for action, label in (
            (self.add_action_action, "Add"),
            (self.delete_action_action, "Delete"),
            (self.move_action_up_action, "Up"),
            (self.move_action_down_action, "Down"),
        ):
            action.setIconText(label)
        # The three one-key answers of the review, in the order the buttons show them.
        review = {
            ActionStatus.DONE: (
                "Mark previous action done", "D",
                "The selected action of an earlier meeting was done",
            ),
            ActionStatus.ROLLED_OVER: (
                "Roll previous action over", "R",
                "Carry the selected action of an earlier meeting into this one, as a new action",
            ),
            ActionStatus.DROPPED: (
                "Drop previous action", "X",
                "The selected action of an earlier meeting is dropped",
            ),
        }  # fmt: skip
        self.mark_done_action, self.roll_over_action, self.drop_action = (
            scoped_action(
                self,
                text,
                shortcut=key,
                slot=partial(self.resolve, status),
                scope=self.previous_table,
                where=in_previous,
                context=table_only,
                tip=tip,
            )
            for status, (text, key, tip) in review.items()
        )

    def menu_actions(self) -> list[QAction | None]:
        """The entries of the Actions menu, None for a separator."""
        return [
            self.add_action_action,
            self.delete_action_action,
            self.move_action_up_action,
            self.move_action_down_action,
            None,
            self.mark_done_action,
            self.roll_over_action,
            self.drop_action,
        ]

    def _update_actions(self, *_args: Any) -> None:
        has_meeting = self._meeting_id is not None
        action = self._current_action()
        row = self.table.currentIndex().row()
        previous = self.model.row_at(row - 1) if action is not None else None
        following = self.model.row_at(row + 1) if action is not None else None
        self.add_action_action.setEnabled(has_meeting)
        self.delete_action_action.setEnabled(action is not None)
        self.move_action_up_action.setEnabled(
            action is not None
            and previous is not None
            and previous.agenda_item_id == action.agenda_item_id
        )
        self.move_action_down_action.setEnabled(
            action is not None
            and following is not None
            and following.agenda_item_id == action.agenda_item_id
        )
        chosen = self._current_previous() is not None
        for choice, button in (
            (self.mark_done_action, self.done_button),
            (self.roll_over_action, self.rolled_over_button),
            (self.drop_action, self.dropped_button),
        ):
            choice.setEnabled(chosen)
            button.setEnabled(chosen)
        has_rows = self.model.rowCount() > 0
        self.empty_hint.setVisible(has_meeting and not has_rows)
        has_previous = self.previous_model.rowCount() > 0
        self.no_previous_hint.setVisible(has_meeting and not has_previous)
        count = f" ({self.previous_model.total()})" if has_previous else ""
        self.previous_heading.setText(f"&Previous actions still open{count}")

    # --- keys on a cell (not in its editor) ----------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Del on a due date clears the date, as Del in its editor does; the action is
        deleted by Del on its other cells (or the Delete button, the Actions menu). Esc on a
        cell holding a refused value gives that value up. Both are taken before the table's
        shortcuts see them (a shortcut override), so Del never deletes the whole action."""
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if watched is self.table and event.type() in kinds:
            assert isinstance(event, QKeyEvent)
            key = self._cell_key(event)
            if key is not None:
                if event.type() == QEvent.Type.KeyPress:
                    key()
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def _cell_key(self, event: QKeyEvent) -> Callable[[], None] | None:
        """What a key pressed on the table's current cell does, if it is a cell's own."""
        index = self.table.currentIndex()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if not index.isValid() or not plain:
            return None
        if self.table.state() == QAbstractItemView.State.EditingState:
            return None
        if event.key() == Qt.Key.Key_Delete and index.column() == ActionColumn.DUE:
            return lambda: self._clear_due(index)
        if event.key() == Qt.Key.Key_Escape and self._refused_here(index):
            return lambda: self._give_up_cell(index)
        return None

    def _refused_here(self, index: Index) -> bool:
        """A cell holding a value a rule refused (not one held for a conflict: the banner
        above settles those)."""
        action_id = index.data(ACTION_ID_ROLE)
        held = (action_id, ActionColumn(index.column())) in self._held
        return bool(index.data(REFUSED_ROLE)) and not held

    def _editor_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Esc in the editor of a cell holding a refused value gives the value up. Esc or
        Enter in the empty description of an action just added drops it (Tab keeps it: the
        row is being filled in another order; so does a click away, which is no choice)."""
        index = self.table.currentIndex()
        new, self._new_action = self._new_action, None
        revert = hint == QAbstractItemDelegate.EndEditHint.RevertModelCache
        if revert and index.isValid() and self._refused_here(index):
            self._give_up_cell(index)
        elif (
            (revert or hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            and index.column() == ActionColumn.DESCRIPTION
            and index.data(ACTION_ID_ROLE) == new
            and new is not None
        ):
            self.drop_new_action(new)

    def _clear_due(self, index: Index) -> None:
        """No due date, saved as a cell edit (Ctrl+Z brings the date back); a refused date
        in the cell goes with it."""
        self.model.setData(index, None)

    def _give_up_cell(self, index: Index) -> None:
        """The refused value typed into a cell is abandoned: the cell shows what is saved,
        the reason goes from under the table, and the title says "saved" if nothing else
        is held back."""
        action_id = index.data(ACTION_ID_ROLE)
        if not isinstance(action_id, int):
            return
        typed = str(index.data())
        self.model.clear_refused(action_id, ActionColumn(index.column()))
        self._show_problem(" ".join(self.model.refused_reasons()))
        self._report(f"Gave up “{typed}”: the cell shows what is saved.")

    # --- loading ---------------------------------------------------------------------------

    @property
    def meeting_id(self) -> int | None:
        return self._meeting_id

    def load_meeting(
        self, meeting_id: int | None, organisations: Sequence[OrganisationRow] = ()
    ) -> None:
        """Show another meeting's actions (None: no meeting); ``organisations``: the
        directory, if the caller has just read it (else it is read here)."""
        self._meeting_id = meeting_id
        self._organisations = list(organisations)
        self._held.clear()
        self._not_kept.clear()
        self._owner_offer = None
        self._show_problem("")
        self.report_label.clear()
        self.model.set_rows([])
        self.previous_model.set_rows([])
        self.reload()

    def set_organisations(self, abbreviations: Sequence[str]) -> None:
        """The abbreviations the owners field completes."""
        self.delegate.abbreviations = list(abbreviations)

    def reload(self, *, select: int | None = None) -> bool:
        """Read the meeting's actions and the open previous ones again; ``select`` an action
        (default: keep the one selected). False if the database could not be read."""
        meeting_id = self._meeting_id
        if meeting_id is None:
            self.model.set_meeting(None, [])
            self.model.set_rows([])
            self.previous_model.set_rows([])
            self._update_actions()
            return True
        keep = select if select is not None else self._current_action_id()
        keep_previous = self._current_previous_id()
        previous_row = self.previous_table.currentIndex().row()
        try:
            record = self._session.record
            if record is None or record.id != meeting_id:
                record = self._session.read(lambda db: services.meeting_record(db, meeting_id))
            rows = self._session.read(lambda db: actions.list_actions_of_meeting(db, meeting_id))
            previous_count = self._session.read(
                lambda db: previous_actions.previous_open_action_count(db, meeting_id)
            )
            organisations = self._organisations or self._session.read(services.list_organisations)
        except StorageError as error:
            log.exception("reading the actions of meeting %s failed", meeting_id)
            self._show_problem(f"The actions could not be read ({error.reason}).")
            return False
        except NotFoundError:
            self._show_problem("This meeting no longer exists.")
            return False
        self._organisations = []  # read again next time: the directory may have changed
        self.set_organisations([org.abbreviation for org in organisations])
        self.model.set_meeting(record.next_meeting, record.agenda)
        if record.next_meeting is not None:  # N has a date to set now
            self._withdraw_report(NO_NEXT_MEETING)
        self.model.set_rows(rows)
        self._show_previous(meeting_id, previous_count)
        self._select(keep)
        row = self.previous_model.row_of(keep_previous)
        if row is None:  # the next one after a choice, or the first: the review goes on
            row = min(max(previous_row, 0), self.previous_model.rowCount() - 1)
        self._select_previous(row)
        self._update_actions()
        return True

    def _show_previous(self, meeting_id: int, count: CappedCount) -> None:
        """The previous open actions, a page at a time as the table scrolls (as many as were
        read before, so a review further down keeps its place). Past the count's cap the
        heading says "more than" it until the table has scrolled to the last of them."""

        def read(offset: int, limit: int | None) -> list[previous_actions.PreviousActionRow]:
            try:
                return self._session.read(
                    lambda db: previous_actions.previous_open_actions(
                        db, meeting_id, offset=offset, limit=limit
                    )
                )
            except (StorageError, NotFoundError) as error:
                log.warning("reading previous actions of meeting %s: %s", meeting_id, error)
                return []  # the table stops at the rows it has

        self.previous_model.set_pages(read, count, keep_read=True)

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the tab shows the agenda as it is now (items renamed, added)."""
        super().showEvent(event)
        if self._meeting_id is not None:
            self.reload()

    def bring_into_view(self) -> None:
        """Make this panel the current page of the tab widgets it is in."""
        bring_forward(self)

    # --- selection -------------------------------------------------------------------------

    def _current_action(self) -> actions.ActionRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _current_action_id(self) -> int | None:
        action = self._current_action()
        return action.id if action is not None else None

    def _current_previous(self) -> previous_actions.PreviousActionRow | None:
        index = self.previous_table.currentIndex()
        return self.previous_model.row_at(index.row()) if index.isValid() else None

    def _current_previous_id(self) -> int | None:
        action = self._current_previous()
        return action.id if action is not None else None

    def _select(self, action_id: int | None, column: ActionColumn | None = None) -> None:
        row = self.model.row_of(action_id)
        if row is None:
            return
        current = self.table.currentIndex()
        if column is None:
            column = ActionColumn(current.column()) if current.isValid() else ActionColumn.NUMBER
        index = self.model.index(row, column)
        if index != current:
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.table.scrollTo(index)

    def _select_previous(self, row: int | None) -> None:
        if row is None or row < 0:
            return
        index = self.previous_model.index(row, PreviousColumn.DESCRIPTION)
        self.previous_table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_action(self, action_id: int) -> bool:
        """Select one of the meeting's actions (opened from the action log) and put the
        cursor on its description; False if the meeting has no such action."""
        if self.model.row_of(action_id) is None:
            return False
        self._select(action_id, ActionColumn.DESCRIPTION)
        self.focus_table()
        return True

    # --- messages --------------------------------------------------------------------------

    def _show_problem(self, message: str) -> None:
        changed = message != self.problem_label.text()
        self.problem_label.setText(message)
        self.problem_label.setVisible(bool(message))
        if changed:
            self.problem_shown.emit(message)

    def _connect_messages(self) -> None:
        self.delegate.explained.connect(self._report)
        self.delegate.closeEditor.connect(lambda *_: self._withdraw_report(ADDED_ACTION_HINT))
        # "Dropped: ... (Ctrl+Z undoes it)" is no longer true once Ctrl+Z undid it.
        self._history.stepped.connect(self.report_label.clear)

    def _report(self, message: str) -> None:
        self.report_label.setText(message)
        self.reported.emit(message)

    def _withdraw_report(self, message: str) -> None:
        """Clear ``message`` under the tables if it is still the one shown: a hint that no
        longer holds (N refused for want of a next meeting, once a due date is saved or the
        next meeting is known) would stay there, untrue, until another report replaced it."""
        if self.report_label.text() == message:
            self.report_label.clear()
            self.report_withdrawn.emit(message)

    def _edited(self) -> None:
        if self._meeting_id is not None:
            self.actions_edited.emit(self._meeting_id)
