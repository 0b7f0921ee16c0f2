"""The editor of one meeting, in tabs: Details (the title block and the attendees), Agenda
(the items and their notes), and whatever else a panel adds with :meth:`MeetingEditor.add_tab`
(Actions). Ctrl+1, Ctrl+2, ... switch tabs; the focus comes back where it was in each.

Every edit goes through the meeting's :class:`ui.editor.session.EditSession`: fields and
cells hand it their values, the notes editor tells it that something was typed (the notes
become Markdown only when the session saves), and the structural commands and action cells
run through it. The widgets are never reloaded from the database while the user types, so
nothing they type is lost or moved under their cursor:

* a value the services refuse (``ValidationError``: the end before the start) or that is
  not a value yet (``14:`` in a time field) stays in its field, with the reason in red under
  it, and is tried again with the next edit; the other fields are saved meanwhile;
* a failed write (the disk full, the database locked) shows a banner at the top and keeps
  every pending edit for the next attempt (the next keystroke, "Try again" or Ctrl+S);
* a meeting changed underneath (another window or program saved first) shows what changed,
  keeps the text on screen, and saves nothing more until the person chooses: reload theirs
  (their own text goes to the clipboard) or keep mine (saved over it, knowingly).

Structural edits (an agenda item or attendee added, deleted or moved, a status changed) are
commands on :attr:`MeetingEditor.history` (a ``QUndoStack``, see :mod:`ui.common.undo`), and
the typing saved in a field is a step there too once the field is left
(:mod:`ui.editor.typing_undo`): Ctrl+Z and Ctrl+Shift+Z walk back and forth through both, in
order; a text field with typing of its own to undo takes the key first. Each command saves
what is being typed first, and the stack is emptied when another meeting is opened.

What the editor does is shared with its bases, each in a
file of its own so that none grows past reading at once:
:class:`ui.editor.conflict_choices.ConflictChoices` (Reload theirs, Keep mine) on
:class:`ui.editor.typing_undo.TypingUndo` (saved typing as undo steps) on
:class:`ui.editor.details_editing.DetailsEditing` (typed details become values, refused ones
are held back) on :class:`ui.editor.agenda_editing.AgendaEditing` (the items and their
commands). This class makes the widgets and ties them to the session.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import services
from models.edits import Kind, PendingEdits
from models.errors import StorageError
from models.services import NotFoundError
from ui.common.commands import scoped_action
from ui.common.icons import Icon
from ui.common.layout import container, scrolled, vbox
from ui.common.undo import UndoHistory
from ui.editor.actions_panel import ActionsPanel
from ui.editor.agenda_model import AgendaListModel
from ui.editor.agenda_panel import AgendaPanel
from ui.editor.attendees_panel import AttendeesPanel
from ui.editor.banners import ConflictBanner, SaveProblemBanner
from ui.editor.conflict_choices import ConflictChoices
from ui.editor.cursor_keeping import focused_line_edit_kept
from ui.editor.details_form import DetailsForm
from ui.editor.save_state import SaveState
from ui.editor.session import EditSession
from ui.editor.transcript.tab import TranscriptTab
from ui.editor.typed_cells import commit_open_cell

if TYPE_CHECKING:
    from models.changes import MeetingChange
    from models.database import Database

__all__ = ["MeetingEditor", "SaveProblemBanner", "SaveState"]

log = logging.getLogger(__name__)


class MeetingEditor(ConflictChoices):
    """Shows one meeting and hands every change to it to the meeting's edit session."""

    meeting_changed = Signal(int)
    """The user edited the open meeting; the change is not in the database yet."""
    meeting_saved = Signal(int)
    """Every edit of the open meeting so far is in the database."""
    change_saved = Signal(object)
    """A MeetingChange: which parts of which meeting reached the database (views refresh
    only those)."""
    save_failed = Signal(str)
    """Some edit could not be saved; the message says why (also shown in the editor)."""
    tab_added = Signal(QAction)
    """A tab was added with add_tab; the action switches to it (the window lists it)."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = EditSession(database, self)
        self.session.refuse_hook = self._save_refused
        self.session.add_collector(self._collect_notes)
        self.session.add_collector(self._collect_details)
        self._dirty_details = set()
        self._notes_item_id: int | None = None  # typed in, not yet handed to the session
        self._shown_item_id: int | None = None

        self.history = UndoHistory(
            self,
            prepare=self._prepare_command,
            on_failure=self._command_failed,
            why_not=lambda: " ".join(self.unsaved_problems()),
            waits=lambda: self.session.state is SaveState.CONFLICT,
        )
        self.undo_stack = self.history.stack
        self.banner = SaveProblemBanner()
        self.conflict_banner = ConflictBanner()
        self.details = DetailsForm()
        self.attendees = AttendeesPanel(self.session, self.history)
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

        self._build_tabs()
        self._add_actions_tab()
        self.transcript_tab = TranscriptTab(self)  # Ctrl+4, shown for a hearing transcript
        self._connect()
        self._watch_typing()
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
        column = vbox(self.details, line, self.attendees, margins=8)
        column.setStretch(2, 1)
        self.details_page = scrolled(column)
        self.agenda_page = container(vbox(self.agenda, margins=8))
        self.details_tab_action = self.add_tab(self.details_page, "Details", "Ctrl+1")
        self.agenda_tab_action = self.add_tab(self.agenda_page, "Agenda", "Ctrl+2")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.conflict_banner)
        layout.addWidget(self.tabs, 1)
        QWidget.setTabOrder(self.details.focus_order()[-1], self.attendees.first_widget())
        QWidget.setTabOrder(self.attendees.last_widget(), self.agenda.list_view)

    def _add_actions_tab(self) -> None:
        """The Actions tab; Ctrl+Shift+A adds an action to the item selected in the agenda
        from anywhere in the editor."""
        self.actions_panel = ActionsPanel(self.session, self.history)
        self.actions_page = container(vbox(self.actions_panel, margins=8))
        self.actions_tab_action = self.add_tab(self.actions_page, "Actions", "Ctrl+3")
        self.actions_panel.current_item_id = self._current_item_id
        self.addAction(self.actions_panel.add_action_action)
        self.actions_panel.actions_edited.connect(lambda _meeting_id: self._structure_saved())
        self.actions_panel.reported.connect(self.message_posted)
        self.actions_panel.directory_read.connect(self._show_organisations)

    def _connect(self) -> None:
        self.banner.retry_button.clicked.connect(self.flush)
        self.conflict_banner.reload_button.clicked.connect(self.reload_theirs)
        self.conflict_banner.keep_button.clicked.connect(self.keep_mine)
        self.history.command_refused.connect(self._command_refused)
        self.session.edited.connect(self.meeting_changed)
        self.session.changed.connect(self._change_saved)
        self.session.changed.connect(self._item_list_saved)  # an item a turn made, say
        self.session.reloaded.connect(self._reloaded)
        self.session.problem_changed.connect(self._problem_changed)
        self.details.detail_edited.connect(self._detail_edited)
        self.details.new_board_requested.connect(self.ask_new_board)
        self.details.unknown_organisation_confirmed.connect(self.offer_chair_organisation)
        self.attendees.attendees_changed.connect(self._structure_saved)
        self.attendees.save_failed.connect(self._command_failed)
        self.attendees.message_posted.connect(self.message_posted)
        self.attendees.command_refreshed.connect(lambda: self.show_tab(self.details_page))
        self.attendees.cell_typed.connect(self.flush)  # saved at once, as a field left
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
            if next_widget is None:
                return None
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
    def record(self) -> services.MeetingRecord | None:
        """The open meeting as last saved (None when no meeting is open)."""
        return self.session.record

    @property
    def save_state(self) -> SaveState:
        return self.session.state

    def open_meeting(
        self,
        meeting_id: int,
        *,
        item_id: int | None = None,
        record: services.MeetingRecord | None = None,
        keep_place: bool = False,
    ) -> None:
        """Show a meeting (its first agenda item selected, or ``item_id``); ``record``: the
        meeting if the caller has just read it. Pending edits of the meeting shown before
        must have been flushed or given up by the caller. ``keep_place``: the same meeting
        read again, shown with the cursor where it was (mapped through the changes)."""
        read = self.session.read
        if record is None or record.id != meeting_id:
            record = read(lambda db: services.meeting_record(db, meeting_id))
        organisations = read(services.list_organisations)
        self.history.clear()  # its commands name rows of the meeting shown before
        self._notes_item_id = None
        self._dirty_details = set()
        keep_place = keep_place and meeting_id == self.session.meeting_id
        self.session.open(record)
        self.details.set_organisations(organisations)
        self.details.set_boards(read(services.list_boards))
        self.details.set_venues(read(services.venues_used))
        with focused_line_edit_kept(self.details):
            self.details.load(record)
        self._show_refused()
        self.attendees.set_meeting(record.id, organisations)
        self.actions_panel.load_meeting(record.id, organisations)
        if not keep_place:
            self._shown_item_id = None
        self.agenda_model.set_items(record.agenda)
        row = self.agenda_model.row_of(item_id) if item_id is not None else None
        self._select_item(row if row is not None else 0 if record.agenda else None)
        if keep_place:
            self._refresh_shown_item()
        self._clear_banners()
        self._update_actions()

    def close_meeting(self) -> None:
        """Show nothing (the meeting was deleted): pending edits of it are dropped."""
        self.session.open(None)
        self._notes_item_id = None
        self._dirty_details = set()
        self.history.clear()
        self.attendees.set_meeting(None)
        self.actions_panel.load_meeting(None)
        self._shown_item_id = None
        self.agenda_model.set_items([])
        self._show_item(None)
        self._clear_banners()
        self._update_actions()

    def focus_first_field(self) -> None:
        """The cursor on the date, all of it selected, so "18092025" types a whole date."""
        self.show_tab(self.details_page)
        self.details.date_edit.setFocus(Qt.FocusReason.TabFocusReason)
        self.details.date_edit.line_edit.selectAll()  # whatever focus reason the platform gives

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

    def show_turn(self, item_id: int, turn_id: int) -> bool:
        """Go to a turn of the open hearing's transcript (a search result): the Transcript
        tab, the turn selected and the cursor in the turns list. Without that tab (another
        layout) or that turn, the item is shown as :meth:`show_item` shows it."""
        row = self.agenda_model.row_of(item_id)
        if row is None or not self.transcript_tab.visible:
            return self.show_item(item_id)
        self._select_item(row)  # the Transcript tab follows the item selected
        turns = self.transcript_tab.page.turns
        if not turns.show_turn(turn_id):
            return self.show_item(item_id)
        self.show_tab(self.transcript_tab.page)
        turns.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
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
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        self.flush()
        if forget_history:
            self.history.clear()
        try:
            organisations = self.session.read(services.list_organisations)
            record = self.session.reload_record()
        except (StorageError, NotFoundError) as error:
            self._read_again_failed("meeting", error)
            return
        if record is not None:  # the directory's change moved the meeting's version on:
            # taken as this window's own, or the next save is refused as changed elsewhere
            self.session.changed_elsewhere(record.version, ours=True)
        self._show_organisations(organisations)
        if record is not None and not self._pending_detail("chair_organisation"):
            self.details.chair_organisation_combo.setEditText(record.chair_organisation or "")
        self.attendees.reload()
        self.actions_panel.reload()

    def has_pending_edits(self) -> bool:
        return (
            self.session.has_pending_edits()
            or self._notes_item_id is not None
            or bool(self._dirty_details)
        )

    def unsaved_problems(self) -> list[str]:
        """Why some edits are not in the database, one sentence each (empty when all are)."""
        problems = list(dict.fromkeys(self.session.refused.values()))
        if self.session.message:
            problems.append(self.session.message)
        return problems

    def flush(self) -> bool:
        """Write every pending edit now; True when nothing is left unsaved."""
        self.actions_panel.commit_edits()  # a cell of the actions table being typed in
        commit_open_cell(self.attendees.table)  # a person or role being typed
        return self.session.flush()

    def discard_unsaved(self) -> None:
        """Give up what could not be saved (the person chose to, when asked)."""
        self._notes_item_id = None
        self._dirty_details = set()
        self.session.discard()
        self.session.refused.clear()
        self.actions_panel.give_up_refused()
        self._show_refused()
        self._clear_banners()

    def put_back_refused(self, left: PendingEdits) -> None:
        """What a save refused, put back after a crash (see :func:`ui.shell.flows.
        show_restored`): each edit into the field or cell it was typed in and pending again,
        then saved, so that each is refused again with its reason, in red (or saved, if it
        no longer breaks a rule); never saved by the way, never dropped."""
        self.session.refused.clear()  # found again by the save below
        meeting_id = self.meeting_id
        for target in dict.fromkeys([*left.edits, *left.held]):
            kind, target_id = target
            changes, texts = left.edits.get(target, {}), left.held.get(target, {})
            if kind is Kind.MEETING and target_id == meeting_id:
                self.put_back_details(changes, texts)
            elif kind is Kind.ITEM:
                self.put_back_item(target_id, changes)
            elif kind is Kind.ATTENDEE:  # (held: a person typed in a cell never left)
                self.attendees.put_back(target_id, {**changes, **texts})
            elif kind is Kind.TURN:
                self.transcript_tab.page.turns.put_back(target_id, changes)
            elif kind is Kind.ACTION:  # held for a conflict then refused, or typed, refused
                for field, value in [*changes.items(), *texts.items()]:
                    self.actions_panel.put_back_cell(target_id, field, value)
        self.flush()

    def _reloaded(self, record: services.MeetingRecord) -> None:
        """The meeting as saved elsewhere, read again while nothing was typed here: shown
        afresh on the same tab, at the same item (if it is still there)."""
        page = self.tabs.currentWidget()
        item_id = self._current_item_id()
        self.open_meeting(record.id, item_id=item_id, record=record, keep_place=True)
        if page is not None:
            self.show_tab(page)

    # --- saving ----------------------------------------------------------------------------
    def _change_saved(self, change: MeetingChange) -> None:
        self.change_saved.emit(change)
        if self.session.state is SaveState.SAVED:
            self.meeting_saved.emit(change.meeting_id)

    def _problem_changed(self) -> None:
        """Show the session's state: a banner for a failure or a conflict, red text under a
        refused field, nothing once all is saved."""
        state = self.session.state
        self._show_refused()
        if state is not SaveState.CONFLICT:
            self.history.refused = None  # resolved: a later "Keep mine" must not run it
        if state is SaveState.CONFLICT:
            self.banner.clear_problem()
            refused = self.history.refused
            self.conflict_banner.show_conflict(
                self.session.message, refused.text if refused is not None else ""
            )
        elif state is SaveState.FAILED:
            self.conflict_banner.clear_conflict()
            self.banner.show_problem(self.session.message)
        else:
            self._clear_banners()
        if state in (SaveState.CONFLICT, SaveState.FAILED, SaveState.REFUSED):
            self.save_failed.emit(" ".join(self.unsaved_problems()))
        elif state is SaveState.SAVED and self.meeting_id is not None:
            self.meeting_saved.emit(self.meeting_id)

    def _clear_banners(self) -> None:
        self.banner.clear_problem()
        self.conflict_banner.clear_conflict()

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Leaving a field (for the next one, the list, a menu, another window) saves at once.
        The focus given to a widget on a tab out of sight (Qt lets a hidden widget take it,
        and its keys would go to a list nobody sees) brings that tab forward."""
        page = self._page_holding(new) if new is not None else None
        if new is not None and page is not None:
            if page is not self.tabs.currentWidget():
                self.tabs.setCurrentWidget(page)
            self._tab_focus[page] = new
        if self.session.state is SaveState.PENDING and old is not None and self.isAncestorOf(old):
            self.flush()

    def _page_holding(self, widget: QWidget) -> QWidget | None:
        """The tab page ``widget`` is on (None: not on a tab, say the banner or a dialog)."""
        current = self.tabs.currentWidget()  # nearly always: asked first
        pages = [current, *(self.tabs.widget(index) for index in range(self.tabs.count()))]
        return next(
            (page for page in pages if page is not None and page.isAncestorOf(widget)), None
        )

    # --- structural edits (commands on the undo stack) ---------------------------------

    def _prepare_command(self) -> bool:
        """Before any command runs, done, undone or redone: save what is being typed, so the
        list is never rebuilt over unsaved text (held-back details may wait)."""
        if self.meeting_id is None:  # nothing typed to save; the stack holds at most the
            return True  # redo of an undone "New meeting" (ui.shell.new_meeting_undo)
        return self.flush() or (
            self.session.state is SaveState.REFUSED
            and not any(kind is not Kind.MEETING for kind, _id in self.session.pending.edits)
        )

    def _command_failed(self, message: str) -> None:
        """A structural edit, or its undo, could not be made: say so at the top, at once."""
        log.warning("%s", message)
        if self.session.state is not SaveState.CONFLICT:
            self.banner.show_problem(message, retry=False)
        self.save_failed.emit(message)

    def _structure_saved(self) -> None:
        """A command or a cell edit reached the database: the window refreshes its list."""
        if self.meeting_id is None:
            return
        if self.session.state is SaveState.SAVED:
            self.banner.clear_problem()
            self.meeting_saved.emit(self.meeting_id)

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
            tip="Delete the selected agenda item, its notes and turns (Ctrl+Z brings it back)",
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
        has_meeting = self.meeting_id is not None
        row = self._current_row() if has_meeting else None
        count = self.agenda_model.rowCount()
        self.add_item_action.setEnabled(has_meeting)
        self.delete_item_action.setEnabled(row is not None)
        self.move_up_action.setEnabled(row is not None and row > 0)
        self.move_down_action.setEnabled(row is not None and row < count - 1)
