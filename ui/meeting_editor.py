"""The editor of one meeting: its details above, its agenda below, and the saving of both.

Every keystroke is kept: an edit marks the field as pending and (re)starts a 300 ms timer;
when it fires, or at once when the focus leaves the editor, the user picks another item or
the window closes, the pending edits go to ``models.services`` in one go. The widgets are
never reloaded from the database while the user types, so nothing they type is lost or
moved under their cursor:

* a value the services refuse (``ValidationError``: the end before the start) or that is
  not a value yet (``14:`` in a time field) stays in its field, with the reason in red under
  it, and is tried again with the next edit; the other fields are saved meanwhile;
* a failed write (the disk full, the database locked) shows a banner at the top and keeps
  every pending edit for the next attempt (the next keystroke, "Try again" or Ctrl+S).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import services
from models.database import Database, StorageError
from models.services import MeetingRecord, NotFoundError, ValidationError
from ui import dialogs
from ui.agenda_model import UNTITLED, AgendaListModel
from ui.agenda_panel import AgendaPanel
from ui.details_form import DetailsForm, UnreadableValueError
from ui.icons import Icon, icon
from ui.layout import ERROR_COLOUR, hbox

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 300

# A refused value is held back together with the fields its rule compares it to: if the end
# is not after the start, neither is saved until one of them changes.
_RULE_FIELDS = {
    "start": {"start", "end"},
    "end": {"start", "end"},
    "date": {"date", "next_meeting"},
    "next_meeting": {"date", "next_meeting"},
}


class SaveState(Enum):
    SAVED = "saved"
    PENDING = "pending"  # typed, waiting for the timer
    REFUSED = "refused"  # a value the form shows in red is held back
    FAILED = "failed"  # the database write failed; everything pending is kept

    @property
    def label(self) -> str:
        """How the window title puts it."""
        return {"saved": "saved", "pending": "saving…"}.get(self.value, "not saved")


class SaveProblemBanner(QFrame):
    """A red box at the top of the editor for a save that failed, with a way to retry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveProblemBanner")
        self.setStyleSheet(
            f"#saveProblemBanner {{ border: 1px solid {ERROR_COLOUR}; border-radius: 4px;"
            " background: #fdecee; }"
            f" #saveProblemBanner QLabel {{ color: {ERROR_COLOUR}; }}"
        )
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.retry_button = QPushButton("Try again")
        self.setLayout(hbox(self.label, self.retry_button, margins=8))
        self.layout().setStretch(0, 1)
        self.setVisible(False)

    def show_problem(self, message: str) -> None:
        self.label.setText(message)
        self.setVisible(True)

    def clear_problem(self) -> None:
        self.label.clear()
        self.setVisible(False)


class MeetingEditor(QWidget):
    """Shows one meeting and saves every change to it through ``models.services``."""

    meeting_changed = Signal(int)
    """The user edited the open meeting; the change is not in the database yet."""
    meeting_saved = Signal(int)
    """Every edit of the open meeting so far is in the database."""
    save_failed = Signal(str)
    """Some edit could not be saved; the message says why (also shown in the editor)."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._record: MeetingRecord | None = None
        self._state = SaveState.SAVED
        self._pending_details: set[str] = set()
        self._pending_items: dict[int, dict[str, Any]] = {}
        self._refused: dict[str, str] = {}  # field -> why it is not saved
        self._failure = ""
        self._shown_item_id: int | None = None

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

        self.banner = SaveProblemBanner()
        self.details = DetailsForm()
        self.agenda_model = AgendaListModel(self)
        self.agenda = AgendaPanel(self.agenda_model)
        self._create_actions()
        self.agenda.add_buttons(
            [
                self.add_item_action,
                self.delete_item_action,
                self.move_up_action,
                self.move_down_action,
            ]
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.details)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.agenda, 1)
        QWidget.setTabOrder(self.details.focus_order()[-1], self.agenda.list_view)

        self.banner.retry_button.clicked.connect(self.flush)
        self.details.detail_edited.connect(self._detail_edited)
        self.agenda.list_view.selectionModel().currentChanged.connect(self._current_item_changed)
        self.agenda.title_edit.textEdited.connect(self._item_title_edited)
        self.agenda.notes_edit.textChanged.connect(self._item_notes_edited)
        self.agenda.confidential_check.toggled.connect(self._item_confidential_edited)
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a widget cannot exist without one
        app.focusChanged.connect(self._focus_changed)
        self._update_actions()

    # --- what the window asks --------------------------------------------------------------

    @property
    def record(self) -> MeetingRecord | None:
        """The open meeting as last saved (None when no meeting is open)."""
        return self._record

    @property
    def meeting_id(self) -> int | None:
        return self._record.id if self._record is not None else None

    @property
    def save_state(self) -> SaveState:
        return self._state

    def open_meeting(self, meeting_id: int) -> None:
        """Show a meeting (its first agenda item selected). Pending edits of the meeting shown
        before must have been flushed or given up by the caller; they are dropped here."""
        record = services.meeting_record(self._database, meeting_id)
        self._forget_pending()
        self._record = record
        self.details.set_organisations(services.list_organisations(self._database))
        self.details.load(record)
        self._shown_item_id = None
        self.agenda_model.set_items(record.agenda)
        self._select_item(0 if record.agenda else None)
        self._set_state(SaveState.SAVED)
        self._update_actions()

    def close_meeting(self) -> None:
        """Show nothing (the meeting was deleted): pending edits of it are dropped."""
        self._forget_pending()
        self._record = None
        self._shown_item_id = None
        self.agenda_model.set_items([])
        self._show_item(None)
        self._set_state(SaveState.SAVED)
        self._update_actions()

    def focus_first_field(self) -> None:
        self.details.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_pending_edits(self) -> bool:
        return bool(self._pending_details or self._pending_items)

    def unsaved_problems(self) -> list[str]:
        """Why some edits are not in the database, one sentence each (empty when all are)."""
        problems = list(dict.fromkeys(self._refused.values()))
        if self._failure:
            problems.append(self._failure)
        return problems

    def flush(self) -> bool:
        """Write every pending edit now; True when nothing is left unsaved."""
        self._timer.stop()
        if self._record is None:
            return True
        if not self.has_pending_edits() and self._state is SaveState.SAVED:
            return True
        if self.has_pending_edits():
            try:
                self._save_items()
                self._save_details()
            except StorageError as error:
                log.exception("saving meeting %s failed", self._record.id)
                self._fail(
                    f"Your last changes could not be saved ({error.reason})."
                    " They are still on screen; saving is tried again when you type, or press"
                    " Try again (Ctrl+S)."
                )
                return False
        self._failure = ""
        self.banner.clear_problem()
        if self._refused:
            self._set_state(SaveState.REFUSED)
            self.save_failed.emit(" ".join(self.unsaved_problems()))
            return False
        self._set_state(SaveState.SAVED)
        self.meeting_saved.emit(self._record.id)
        return True

    def _fail(self, message: str) -> None:
        self._failure = message
        self.banner.show_problem(message)
        self._set_state(SaveState.FAILED)
        self.save_failed.emit(message)

    # --- saving ----------------------------------------------------------------------------

    def _save_items(self) -> None:
        for item_id, changes in list(self._pending_items.items()):
            try:
                services.update_agenda_item(self._database, item_id, **changes)
            except NotFoundError:
                log.warning("agenda item %s was deleted before its edit was saved", item_id)
            del self._pending_items[item_id]

    def _save_details(self) -> None:
        """Save the pending details that can be saved; hold back (and explain) the rest."""
        assert self._record is not None
        changes: dict[str, Any] = {}
        refused: dict[str, str] = {}
        for field in sorted(self._pending_details):
            try:
                changes[field] = self.details.value(field)
            except UnreadableValueError as problem:
                refused[field] = str(problem)
        while changes:
            try:
                self._record = services.update_meeting(self._database, self._record.id, **changes)
            except ValidationError as error:
                held_back = _RULE_FIELDS.get(error.field, {error.field}) & changes.keys()
                if not held_back:  # a rule about a field not being edited: hold back all
                    held_back = set(changes)
                for field in held_back:
                    refused[field] = error.message
                    del changes[field]
            else:
                self._pending_details -= changes.keys()
                break
        self._refused = refused
        for fields in self.details.message_rows():
            message = next((refused[field] for field in fields if field in refused), "")
            self.details.show_message(fields[0], message)

    def _forget_pending(self) -> None:
        self._timer.stop()
        self._pending_details.clear()
        self._pending_items.clear()
        self._refused.clear()
        self._failure = ""
        self.banner.clear_problem()

    def _edited(self) -> None:
        assert self._record is not None
        self._timer.start()
        if self._state is not SaveState.PENDING:
            self._set_state(SaveState.PENDING)
        self.meeting_changed.emit(self._record.id)

    def _set_state(self, state: SaveState) -> None:
        self._state = state

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        """Leaving a field (for the next one, the list, a menu, another window) saves at once."""
        if self._timer.isActive() and old is not None and self.isAncestorOf(old):
            self.flush()

    # --- details ---------------------------------------------------------------------------

    def _detail_edited(self, field: str) -> None:
        if self._record is None:
            return
        self._pending_details.add(field)
        self._edited()

    # --- agenda ----------------------------------------------------------------------------

    def _current_row(self) -> int | None:
        index = self.agenda.list_view.currentIndex()
        return index.row() if index.isValid() else None

    def _select_item(self, row: int | None) -> None:
        view = self.agenda.list_view
        if row is None:
            view.setCurrentIndex(QModelIndex())
            self._show_item(None)
            return
        index = self.agenda_model.index(row)
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        view.scrollTo(index)
        self._show_item(row)

    def _current_item_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._record is None:
            return
        self.flush()  # the item being left is saved before the next one shows
        self._show_item(current.row() if current.isValid() else None)

    def _show_item(self, row: int | None) -> None:
        """Fill the item fields from the model (which holds any unsaved text as well)."""
        item = self.agenda_model.item_at(row) if row is not None else None
        panel = self.agenda
        panel.show_item_fields(item is not None)
        self._update_actions()
        if item is None:
            self._shown_item_id = None
            return
        if item.id == self._shown_item_id:
            return  # the same item renumbered: keep the cursor and the undo history
        self._shown_item_id = item.id
        widgets = (panel.title_edit, panel.notes_edit, panel.confidential_check)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            panel.title_edit.setText(item.title)
            panel.notes_edit.setPlainText(item.notes)
            panel.confidential_check.setChecked(item.confidential)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _item_edited(self, **changes: Any) -> None:
        row = self._current_row()
        if self._record is None or row is None:
            return
        item = self.agenda_model.edit_item(row, **changes)
        self._pending_items.setdefault(item.id, {}).update(changes)
        self._edited()

    def _item_title_edited(self, text: str) -> None:
        self._item_edited(title=text)

    def _item_notes_edited(self) -> None:
        self._item_edited(notes=self.agenda.notes_edit.toPlainText())

    def _item_confidential_edited(self, checked: bool) -> None:
        self._item_edited(confidential=checked)

    def _change_agenda(self, change: Callable[[], int | None]) -> bool:
        """Run a structural change (add, delete, move) after saving what is pending, then
        show the new agenda with the item whose ID ``change`` returns selected."""
        if self._record is None or not self._flush_for_agenda_change():
            return False
        meeting_id = self._record.id
        try:
            selected_id = change()
            record = services.meeting_record(self._database, meeting_id)
        except StorageError as error:
            log.exception("changing the agenda of meeting %s failed", meeting_id)
            self._fail(f"The agenda could not be changed ({error.reason}).")
            return False
        self._record = record
        list_had_focus = self.agenda.list_view.hasFocus()
        self.agenda_model.set_items(record.agenda)
        self._select_item(self.agenda_model.row_of(selected_id))
        if list_had_focus:
            self.agenda.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._set_state(SaveState.PENDING)  # so that flush reports the state afresh
        self.flush()
        return True

    def _flush_for_agenda_change(self) -> bool:
        """Items must be saved before the list is rebuilt (refused details may wait)."""
        self.flush()
        return not self._failure and not self._pending_items

    def add_item(self) -> None:
        """Insert an empty item after the selected one (at the end if none) and go to its title."""
        if self._record is None:
            return
        row = self._current_row()
        position = row + 1 if row is not None else None
        meeting_id = self._record.id

        def add() -> int:
            return services.add_agenda_item(self._database, meeting_id, "", position=position)

        if self._change_agenda(add):
            self.agenda.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def delete_item(self) -> None:
        row = self._current_row()
        item = self.agenda_model.item_at(row) if row is not None else None
        if item is None or row is None:
            return
        title = item.title.strip() or UNTITLED
        if not dialogs.confirm(
            self,
            "Delete agenda item",
            f"Delete agenda item {row + 1}, “{title}”, and its notes?",
            "The items after it are renumbered. This cannot be undone.",
            accept_label="Delete item",
        ):
            return
        following = self.agenda_model.item_at(row + 1) or self.agenda_model.item_at(row - 1)

        def delete() -> int | None:
            services.delete_agenda_item(self._database, item.id)
            return following.id if following is not None else None

        self._change_agenda(delete)

    def move_item(self, step: int) -> None:
        row = self._current_row()
        item = self.agenda_model.item_at(row) if row is not None else None
        if item is None or row is None:
            return
        target = row + step
        if not 0 <= target < self.agenda_model.rowCount():
            return

        def move() -> int:
            services.move_agenda_item(self._database, item.id, target)
            return item.id

        self._change_agenda(move)

    # --- actions ---------------------------------------------------------------------------

    def _create_actions(self) -> None:
        panel = self.agenda
        self.add_item_action = self._action(
            "Add item",
            which=Icon.ADD_ITEM,
            shortcut="Ctrl+Shift+N",
            slot=self.add_item,
            scope=self,
            tip="Add an agenda item after the selected one",
        )
        self.delete_item_action = self._action(
            "Delete item…",
            which=Icon.DELETE,
            shortcut="Ctrl+Shift+Del",
            slot=self.delete_item,
            scope=panel,
            tip="Delete the selected agenda item and its notes",
        )
        self.move_up_action = self._action(
            "Move up",
            which=Icon.MOVE_UP,
            shortcut="Alt+Up",
            slot=lambda: self.move_item(-1),
            scope=panel,
            tip="Move the selected item up the agenda",
        )
        self.move_down_action = self._action(
            "Move down",
            which=Icon.MOVE_DOWN,
            shortcut="Alt+Down",
            slot=lambda: self.move_item(1),
            scope=panel,
            tip="Move the selected item down the agenda",
        )
        # Del on the agenda list deletes the item too (only there: elsewhere it deletes text).
        list_delete = QAction(self.agenda.list_view)
        list_delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        list_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        list_delete.triggered.connect(self.delete_item)
        self.agenda.list_view.addAction(list_delete)

    def _action(
        self,
        text: str,
        *,
        which: Icon,
        shortcut: str,
        slot: Any,
        scope: QWidget,
        tip: str,
    ) -> QAction:
        """An action whose shortcut works only while the focus is inside ``scope``, so
        Alt+Down still opens a combo box's list in the details form."""
        action = QAction(icon(which), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shortcut_text})")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        scope.addAction(action)
        return action

    def _update_actions(self) -> None:
        has_meeting = self._record is not None
        row = self._current_row() if has_meeting else None
        count = self.agenda_model.rowCount()
        self.add_item_action.setEnabled(has_meeting)
        self.delete_item_action.setEnabled(row is not None)
        self.move_up_action.setEnabled(row is not None and row > 0)
        self.move_down_action.setEnabled(row is not None and row < count - 1)
