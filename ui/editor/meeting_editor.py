"""The editor of one meeting, in tabs: Details (the title block and the attendees), Agenda
(the items and their notes), and whatever else a panel adds with :meth:`MeetingEditor.add_tab`
(Actions). Ctrl+1, Ctrl+2, ... switch tabs; the focus comes back where it was in each.

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

Structural edits (an agenda item or attendee added, deleted or moved, a status changed) are
commands on :attr:`MeetingEditor.history` (a ``QUndoStack``, see :mod:`ui.common.undo`): Ctrl+Z
and Ctrl+Shift+Z undo and redo them wherever the focus is not in a text field, which keeps
its own typing undo. Each command saves what is being typed first, and the stack is emptied
when another meeting is opened.
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import services
from models.database import Database, StorageError
from models.services import (
    BoardRow,
    MeetingRecord,
    NotFoundError,
    RemovedAgendaItem,
    ValidationError,
)
from ui.common.commands import scoped_action
from ui.common.icons import Icon
from ui.common.layout import ERROR_COLOUR, container, hbox, vbox
from ui.common.undo import UndoHistory
from ui.editor.actions_panel import ActionsPanel
from ui.editor.agenda_model import UNTITLED, AgendaListModel
from ui.editor.agenda_panel import AgendaPanel
from ui.editor.attendees_panel import AttendeesPanel
from ui.editor.details_form import DetailsForm, UnreadableValueError
from ui.organisations.organisations_dialog import NameAbbreviationDialog

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

    def show_problem(self, message: str, *, retry: bool = True) -> None:
        """Show a problem; ``retry`` offers "Try again" (saving), which a failed undo or
        structural edit has no use for (the user does it again)."""
        self.label.setText(message)
        self.retry_button.setVisible(retry)
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
    message_posted = Signal(str)
    """A line for the status bar about what was just done ("Deleted item 3 ...")."""
    tab_added = Signal(QAction)
    """A tab was added with add_tab; the action switches to it (the window lists it)."""

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

        self.history = UndoHistory(
            self, prepare=self._prepare_command, on_failure=self._command_failed
        )
        self.undo_stack = self.history.stack
        self.banner = SaveProblemBanner()
        self.details = DetailsForm()
        self.attendees = AttendeesPanel(database, self.history)
        self.agenda_model = AgendaListModel(self)
        self.agenda = AgendaPanel(self.agenda_model)
        self.board_dialog: NameAbbreviationDialog[BoardRow] | None = None
        self._create_actions()
        self.agenda.add_buttons(
            [
                self.add_item_action,
                self.delete_item_action,
                self.move_up_action,
                self.move_down_action,
            ]
        )

        self._build_tabs()
        self._add_actions_tab()
        self._connect()
        self._update_actions()

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Tab goes from field to field, not to the tab bar: Ctrl+1, Ctrl+2 ... switch tabs.
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tab_actions: list[QAction] = []
        self._tab_focus: dict[QWidget, QWidget] = {}
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.details_page = container(vbox(self.details, line, self.attendees, margins=8))
        self.details_page.layout().setStretch(2, 1)
        self.agenda_page = container(vbox(self.agenda, margins=8))
        self.details_tab_action = self.add_tab(self.details_page, "Details", "Ctrl+1")
        self.agenda_tab_action = self.add_tab(self.agenda_page, "Agenda", "Ctrl+2")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        QWidget.setTabOrder(self.details.focus_order()[-1], self.attendees.first_widget())
        QWidget.setTabOrder(self.attendees.last_widget(), self.agenda.list_view)

    def _add_actions_tab(self) -> None:
        """The Actions tab; Ctrl+Shift+A adds an action to the item selected in the agenda
        from anywhere in the editor."""
        self.actions_panel = ActionsPanel(self._database, self.history)
        self.actions_page = container(vbox(self.actions_panel, margins=8))
        self.actions_tab_action = self.add_tab(self.actions_page, "Actions", "Ctrl+3")
        self.actions_panel.current_item_id = self._current_item_id
        self.addAction(self.actions_panel.add_action_action)
        self.actions_panel.actions_edited.connect(lambda _meeting_id: self._structure_saved())
        self.actions_panel.reported.connect(self.message_posted)

    def _connect(self) -> None:
        self.banner.retry_button.clicked.connect(self.flush)
        self.details.detail_edited.connect(self._detail_edited)
        self.details.new_board_requested.connect(self.ask_new_board)
        self.attendees.attendees_changed.connect(self._structure_saved)
        self.attendees.save_failed.connect(self._command_failed)
        self.attendees.message_posted.connect(self.message_posted)
        self.attendees.command_refreshed.connect(lambda: self.show_tab(self.details_page))
        self.attendees.cell_typed.connect(self._attendee_cell_typed)
        self.agenda.item_dropped.connect(self._item_dropped)
        self.agenda.list_view.selectionModel().currentChanged.connect(self._current_item_changed)
        self.agenda.title_edit.textEdited.connect(self._item_title_edited)
        self.agenda.notes_editor.notes_edited.connect(self._item_notes_edited)
        self.agenda.confidential_check.toggled.connect(self._item_confidential_edited)
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a widget cannot exist without one
        app.focusChanged.connect(self._focus_changed)

    # --- tabs ------------------------------------------------------------------------------

    def add_tab(self, widget: QWidget, title: str, shortcut: str) -> QAction:
        """Add a page to the editor, switched to with ``shortcut`` (say Ctrl+3) from anywhere
        in the window; returns the action (the window puts it in the View menu)."""
        self.tabs.addTab(widget, title)
        action = QAction(title, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(f"Show the {title} tab of the meeting")
        action.triggered.connect(lambda _checked=False: self.show_tab(widget, focus=True))
        self.tab_actions.append(action)
        self.addAction(action)
        self.tab_added.emit(action)
        return action

    def show_tab(self, page: QWidget, *, focus: bool = False) -> None:
        """Bring a tab forward; with ``focus``, put the cursor back where it was on it (else
        on its first field), as Ctrl+1, Ctrl+2 ... do."""
        if self.tabs.currentWidget() is not page:
            self.tabs.setCurrentWidget(page)
        if not focus:
            return
        target = self._tab_focus.get(page)
        if target is None or not target.isVisible() or not page.isAncestorOf(target):
            target = self._first_field(page)
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _first_field(self, page: QWidget) -> QWidget | None:
        if page is self.details_page:
            return self.details.date_edit
        if page is self.agenda_page:
            return self.agenda.list_view
        widget = page.focusProxy() or page
        next_widget = widget.nextInFocusChain()
        for _ in range(200):  # the first focusable widget on the page
            if (
                page.isAncestorOf(next_widget)
                and next_widget.isVisible()
                and (next_widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            ):
                return next_widget
            next_widget = next_widget.nextInFocusChain()
        return None

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
        self.history.clear()  # its commands name rows of the meeting shown before
        self._record = record
        self.details.set_organisations(services.list_organisations(self._database))
        self.details.set_boards(services.list_boards(self._database))
        self.details.set_venues(services.venues_used(self._database))
        self.details.load(record)
        self.attendees.set_meeting(record.id)
        self.actions_panel.load_meeting(record.id)
        self._shown_item_id = None
        self.agenda_model.set_items(record.agenda)
        self._select_item(0 if record.agenda else None)
        self._set_state(SaveState.SAVED)
        self._update_actions()

    def close_meeting(self) -> None:
        """Show nothing (the meeting was deleted): pending edits of it are dropped."""
        self._forget_pending()
        self.history.clear()
        self.attendees.set_meeting(None)
        self.actions_panel.load_meeting(None)
        self._record = None
        self._shown_item_id = None
        self.agenda_model.set_items([])
        self._show_item(None)
        self._set_state(SaveState.SAVED)
        self._update_actions()

    def focus_first_field(self) -> None:
        """The cursor on the date, its day selected, so "18092025" types a whole date."""
        self.show_tab(self.details_page)
        # As if tabbed into: a date field selects its first part only for Tab.
        self.details.date_edit.setFocus(Qt.FocusReason.TabFocusReason)

    def show_item(self, item_id: int | None) -> bool:
        """Go to an agenda item of the open meeting (a search result): the Agenda tab with it
        selected and the cursor in the list. An item not in this meeting (or None: the match
        was in the details) shows the Details tab instead; returns whether it was found."""
        row = self.agenda_model.row_of(item_id) if item_id is not None else None
        if row is None:
            self.show_tab(self.details_page, focus=True)
            return False
        self.show_tab(self.agenda_page)
        self._select_item(row)
        self.agenda.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_action(self, action_id: int) -> bool:
        """Go to an action of the open meeting (from the action log): the Actions tab with it
        selected and the cursor in the table; returns whether it was found."""
        self.show_tab(self.actions_page)
        found = self.actions_panel.show_action(action_id)
        if not found:
            self.show_tab(self.actions_page, focus=True)
        return found

    def refresh_from_database(self, *, forget_history: bool = False) -> None:
        """Show the open meeting as saved after a change made elsewhere (the organisation
        directory): names, chair, attendees; what is being typed is saved first."""
        if self._record is None:
            return
        self.flush()
        if forget_history:
            self.history.clear()
        try:
            organisations = services.list_organisations(self._database)
            record = services.meeting_record(self._database, self._record.id)
        except (StorageError, NotFoundError) as error:
            self._command_failed(f"The meeting could not be read again ({_reason(error)}).")
            return
        self._record = record
        self.details.set_organisations(organisations)
        if "chair_organisation" not in self._pending_details:
            self.details.chair_organisation_combo.setEditText(record.chair_organisation or "")
        try:
            self.attendees.reload_organisations()
        except StorageError as error:
            self._command_failed(f"The organisations could not be read ({error.reason}).")
        self.attendees.reload()
        self.actions_panel.reload()

    def has_pending_edits(self) -> bool:
        return bool(
            self._pending_details or self._pending_items or self.attendees.has_unsaved_cells()
        )

    def unsaved_problems(self) -> list[str]:
        """Why some edits are not in the database, one sentence each (empty when all are)."""
        problems = list(dict.fromkeys(self._refused.values()))
        if self._failure:
            problems.append(self._failure)
        return problems

    def flush(self) -> bool:
        """Write every pending edit now; True when nothing is left unsaved."""
        self._timer.stop()
        self.actions_panel.commit_edits()  # a cell of the actions table being typed in
        if self._record is None:
            return True
        if not self.has_pending_edits() and self._state is SaveState.SAVED:
            return True
        if self.has_pending_edits():
            try:
                self._save_items()
                self.attendees.save_unsaved_cells()
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

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Leaving a field (for the next one, the list, a menu, another window) saves at once."""
        if new is not None:
            page = self.tabs.currentWidget()
            if page is not None and page.isAncestorOf(new):
                self._tab_focus[page] = new
        if self._timer.isActive() and old is not None and self.isAncestorOf(old):
            self.flush()

    # --- details ---------------------------------------------------------------------------

    def _attendee_cell_typed(self) -> None:
        """A person or role typed in the attendee list: saved at once, as a field left."""
        if self._record is None:
            return
        self._edited()
        self.flush()

    def _detail_edited(self, field: str) -> None:
        if self._record is None:
            return
        self._pending_details.add(field)
        self._edited()

    # --- agenda ----------------------------------------------------------------------------

    def _current_row(self) -> int | None:
        index = self.agenda.list_view.currentIndex()
        return index.row() if index.isValid() else None

    def _current_item_id(self) -> int | None:
        """The agenda item selected (being edited): where Ctrl+Shift+A puts an action."""
        row = self._current_row()
        item = self.agenda_model.item_at(row) if row is not None else None
        return item.id if item is not None else None

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
        widgets = (panel.title_edit, panel.notes_editor, panel.confidential_check)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            panel.title_edit.setText(item.title)
            panel.notes_editor.set_markdown(item.notes)
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
        self._item_edited(notes=self.agenda.notes_editor.markdown())

    def _item_confidential_edited(self, checked: bool) -> None:
        self._item_edited(confidential=checked)

    # --- structural edits (commands on the undo stack) ---------------------------------

    def _prepare_command(self) -> bool:
        """Before any command runs, done, undone or redone: save what is being typed, so the
        list is never rebuilt over unsaved text (held-back details may wait)."""
        if self._record is None:
            return False
        self.flush()
        return not self._failure and not self.has_pending_edits()

    def _command_failed(self, message: str) -> None:
        """A structural edit, or its undo, could not be made: say so at the top, at once."""
        log.warning("%s", message)
        self.banner.show_problem(message, retry=False)
        self.save_failed.emit(message)

    def _structure_saved(self) -> None:
        """A command or a cell edit reached the database: the window refreshes its list."""
        if self._record is None:
            return
        if not self._failure and not self._pending_items and not self._refused:
            self.banner.clear_problem()
        if self._state is SaveState.SAVED:
            self.meeting_saved.emit(self._record.id)

    def _agenda_refreshed(self, selected_id: int | None) -> None:
        """After an agenda command: show the agenda as saved, ``selected_id`` selected."""
        if self._record is None:
            return
        try:
            record = services.meeting_record(self._database, self._record.id)
        except (StorageError, NotFoundError) as error:
            self._command_failed(f"The agenda could not be read again ({_reason(error)}).")
            return
        self._record = record
        self.show_tab(self.agenda_page)
        list_had_focus = self.agenda.list_view.hasFocus()
        self.agenda_model.set_items(record.agenda)
        row = self.agenda_model.row_of(selected_id)
        if row is None and record.agenda:
            row = 0
        self._select_item(row)
        if list_had_focus:
            self.agenda.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._structure_saved()

    def _run_agenda_command(
        self, text: str, do: Callable[[], int | None], undo: Callable[[], int | None]
    ) -> bool:
        return self.history.run(text, do=do, undo=undo, refresh=self._agenda_refreshed)

    def add_item(self) -> None:
        """Insert an empty item after the selected one (at the end if none) and go to its title."""
        if self._record is None:
            return
        row = self._current_row()
        position = row + 1 if row is not None else None
        previous = self.agenda_model.item_at(row) if row is not None else None
        meeting_id = self._record.id
        state: dict[str, Any] = {}

        def do() -> int:
            removed: RemovedAgendaItem | None = state.pop("removed", None)
            if removed is not None:  # a redo: the same item, so later commands still apply
                return services.restore_agenda_item(self._database, removed)
            state["id"] = services.add_agenda_item(
                self._database, meeting_id, "", position=position
            )
            return int(state["id"])

        def undo() -> int | None:
            state["removed"] = services.delete_agenda_item(self._database, state["id"])
            return previous.id if previous is not None else None

        if self._run_agenda_command("Add agenda item", do, undo):
            self.agenda.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def delete_item(self) -> None:
        """Delete the selected item and its notes; Ctrl+Z brings it back, so no question."""
        row = self._current_row()
        item = self.agenda_model.item_at(row) if row is not None else None
        if item is None or row is None:
            return
        title = item.title.strip() or UNTITLED
        following = self.agenda_model.item_at(row + 1) or self.agenda_model.item_at(row - 1)
        state: dict[str, RemovedAgendaItem] = {}

        def do() -> int | None:
            state["removed"] = services.delete_agenda_item(self._database, item.id)
            return following.id if following is not None else None

        def undo() -> int:
            return services.restore_agenda_item(self._database, state["removed"])

        if self._run_agenda_command(f"Delete agenda item “{_short(title)}”", do, undo):
            self.message_posted.emit(
                f"Deleted agenda item {row + 1}, “{title}”, and its notes."
                " Ctrl+Z in the agenda list brings it back."
            )

    def move_item(self, step: int) -> None:
        row = self._current_row()
        if row is None:
            return
        self.move_item_to(row, row + step)

    def move_item_to(self, row: int, target: int) -> None:
        """Move the item at ``row`` to ``target`` (both 0-based), undoably."""
        item = self.agenda_model.item_at(row)
        if item is None or row == target or not 0 <= target < self.agenda_model.rowCount():
            return

        def do() -> int:
            services.move_agenda_item(self._database, item.id, target)
            return item.id

        def undo() -> int:
            services.move_agenda_item(self._database, item.id, row)
            return item.id

        title = _short(item.title.strip() or UNTITLED)
        self._run_agenda_command(f"Move agenda item “{title}”", do, undo)

    def _item_dropped(self, item_id: int, target: int) -> None:
        """An item dragged to another place in the agenda list."""
        row = self.agenda_model.row_of(item_id)
        if row is not None:
            self.move_item_to(row, min(target, self.agenda_model.rowCount() - 1))

    # --- the board -------------------------------------------------------------------------

    def ask_new_board(self) -> None:
        """ "New board…" in the board list: ask for its name and abbreviation, create it
        and choose it for this meeting."""
        if self._record is None:
            return

        def create(name: str, abbreviation: str) -> BoardRow:
            return services.create_board(self._database, name, abbreviation)

        dialog: NameAbbreviationDialog[BoardRow] = NameAbbreviationDialog(
            self,
            title="New board",
            intro="The board that met, as the note names it, and its abbreviation:",
            create=create,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.board_dialog = dialog

        def finished(_result: int) -> None:
            self.board_dialog = None
            created = dialog.created
            self.window().activateWindow()
            if created is not None:
                try:
                    self.details.set_boards(services.list_boards(self._database))
                except StorageError as error:
                    self._command_failed(f"The boards could not be read ({error.reason}).")
                    return
                self.details.select_board(created.id)
            self.details.board_combo.setFocus(Qt.FocusReason.OtherFocusReason)

        dialog.finished.connect(finished)
        dialog.open()

    # --- actions ---------------------------------------------------------------------------

    def _create_actions(self) -> None:
        panel = self.agenda
        where = "in the agenda"
        self.add_item_action = scoped_action(
            self, "Add item", which=Icon.ADD_ITEM, shortcut="Ctrl+Shift+N", slot=self.add_item,
            scope=self, tip="Add an agenda item after the selected one",
        )  # fmt: skip
        self.delete_item_action = scoped_action(
            self, "Delete item", which=Icon.DELETE, shortcut="Ctrl+Shift+Del",
            slot=self.delete_item, scope=panel, where=where,
            tip="Delete the selected agenda item and its notes (Ctrl+Z brings it back)",
        )  # fmt: skip
        self.move_up_action = scoped_action(
            self, "Move up", which=Icon.MOVE_UP, shortcut="Alt+Up", slot=lambda: self.move_item(-1),
            scope=panel, where=where, tip="Move the selected item up the agenda",
        )  # fmt: skip
        self.move_down_action = scoped_action(
            self, "Move down", which=Icon.MOVE_DOWN, shortcut="Alt+Down",
            slot=lambda: self.move_item(1), scope=panel, where=where,
            tip="Move the selected item down the agenda",
        )  # fmt: skip
        # Short button labels, so the list can be narrow; the menus show the full names.
        for action, label in (
            (self.add_item_action, "Add"),
            (self.delete_item_action, "Delete"),
            (self.move_up_action, "Up"),
            (self.move_down_action, "Down"),
        ):
            action.setIconText(label)
        # Del on the agenda list deletes the item too (only there: elsewhere it deletes text).
        list_delete = QAction(self.agenda.list_view)
        list_delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        list_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        list_delete.triggered.connect(self.delete_item)
        self.agenda.list_view.addAction(list_delete)
        # Adding an attendee and copying last meeting's work from anywhere in the editor.
        self.addAction(self.attendees.focus_add_action)
        self.addAction(self.attendees.copy_action)
        self.attendees.focus_add_action.triggered.connect(lambda: self.show_tab(self.details_page))
        self.attendees.copy_action.triggered.connect(lambda: self.show_tab(self.details_page))

    def _update_actions(self) -> None:
        has_meeting = self._record is not None
        row = self._current_row() if has_meeting else None
        count = self.agenda_model.rowCount()
        self.add_item_action.setEnabled(has_meeting)
        self.delete_item_action.setEnabled(row is not None)
        self.move_up_action.setEnabled(row is not None and row > 0)
        self.move_down_action.setEnabled(row is not None and row < count - 1)


def _short(text: str, limit: int = 40) -> str:
    """A title short enough for the Undo menu entry."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _reason(error: Exception) -> str:
    return error.reason if isinstance(error, StorageError) else str(error)
