"""The window around the open meeting: the meeting list, opening a meeting (in the editor,
or read-only when final), the page and title that follow from it, what a save changes on
screen, and the one way a database call's failure is told.

Kept apart from :mod:`ui.shell.window_flows` (the File, Edit and View commands) because
every command stands on this and none of this needs a command: the flows build on
:class:`OpenMeetingWindow`, never the reverse. The widgets the window makes are declared
here, so each method reads as what it does with them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QWidget,
)

from models import services
from models.changes import MeetingChange, Part
from models.enums import MeetingStatus
from models.errors import StorageError
from models.services import NotFoundError
from ui.archive.archive_source import DatabaseMeetings
from ui.common import dialogs
from ui.common.meeting_label import meeting_label
from ui.shell.flows import ask_to_leave, offer_unsaved_work, search_could_change

if TYPE_CHECKING:
    # The action log loads when first shown: the window's start pays for the first screen.
    from models.database import Database
    from ui.actions.action_log_window import ActionLogWindow
    from ui.archive.archive_model import ArchiveModel
    from ui.archive.archive_view import ArchiveView
    from ui.archive.search_panel import SearchPanel
    from ui.common.settings import Settings
    from ui.editor.final_view import EditingFinalBanner, FinalView
    from ui.editor.meeting_editor import MeetingEditor
    from ui.export.preview_pane import PreviewPane
    from ui.shell.welcome import WelcomePage

log = logging.getLogger(__name__)

APP_TITLE = "RRB Desktop"
STATUS_MESSAGE_MS = 10_000
LOG_PARTS = frozenset({Part.DETAILS, Part.ITEMS, Part.ACTIONS, Part.STATUSES})
"""What the action log shows of a meeting: its date and board (details), and the next
meeting a "next meeting" due date follows; its items' numbers and titles; its actions."""

T = TypeVar("T")


class ProblemShownError(Exception):
    """A database call failed and the user has been told; the slot stops here."""


class OpenMeetingWindow(QMainWindow):
    """The main window's list and open meeting (see the module's docstring)."""

    _database: Database
    _settings: Settings
    _archive_key: str  # what the settings remember per archive (Database.archive_key)
    archive: ArchiveView
    meeting_list: QTreeView
    meeting_model: ArchiveModel
    editor: MeetingEditor
    final_view: FinalView
    welcome: WelcomePage
    preview: PreviewPane
    search_panel: SearchPanel
    left_tabs: QTabWidget
    editing_final_banner: EditingFinalBanner
    action_log_window: ActionLogWindow | None
    export_action: QAction
    save_action: QAction
    edit_final_action: QAction
    delete_meeting_action: QAction
    new_from_previous_action: QAction
    _pages: QStackedWidget
    _unlocked_id: int | None
    _save_problem_told = ""  # what the status bar was told could not be saved, to take back
    may_edit = True
    """False when the database role may only read (a shared archive): every meeting then
    opens read-only, as a final one does, and nothing offers to change it."""

    @property
    def database(self) -> Database | None:
        """The archive the window edits; None while it is its first screen (MainWindow)."""
        return getattr(self, "_database", None)

    def show_left_tab(self, widget: QWidget) -> None:
        """Bring a page of the left side forward (it must have been added)."""
        self.left_tabs.setCurrentWidget(widget)

    # --- database calls --------------------------------------------------------------------

    def _call(self, what: str, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a service call; a database failure is told to the user as a message, not a
        traceback, and raised as ProblemShownError so the slot stops."""
        try:
            return work(*args, **kwargs)
        except StorageError as error:
            log.exception("%s failed", what)
            dialogs.show_problem(
                self, what, f"{what} did not work: the database reported a problem.", error.reason
            )
            raise ProblemShownError from error

    # --- the list and opening ------------------------------------------------------------

    def _reload_list(self) -> None:
        try:
            self._call(
                "Listing the meetings", self.archive.show_archive, DatabaseMeetings(self._database)
            )
        except ProblemShownError:
            return
        self.archive.set_open_meeting(self.open_meeting_id)
        # The meeting highlighted stays so (the archive keeps it through the rebuild); if it
        # is gone, or none was, the one remembered or the open one is highlighted.
        self.archive.restore_highlight()
        self._update_page()

    @property
    def open_meeting_id(self) -> int | None:
        """The meeting shown on the right, in the editor or read-only (None: none is)."""
        editing = self.editor.meeting_id
        return editing if editing is not None else self.final_view.meeting_id

    @property
    def read_only(self) -> bool:
        """Whether a final meeting is shown read-only (Edit unlocks it)."""
        return self._pages.currentWidget() is self.final_view

    def _select_open_row(self) -> None:
        self.archive.select_meeting(self.open_meeting_id)

    def _update_page(self) -> None:
        editing = self.editor.record is not None
        viewing = self.final_view.record is not None
        self._pages.setCurrentWidget(
            self.editor if editing else self.final_view if viewing else self.welcome
        )
        has_meetings = self.meeting_model.meeting_count() > 0
        self.welcome.set_has_meetings(has_meetings)
        self.export_action.setEnabled(editing or viewing)
        self.save_action.setEnabled(editing)
        self.edit_final_action.setEnabled(viewing)
        self.delete_meeting_action.setEnabled(has_meetings)
        self.new_from_previous_action.setEnabled(has_meetings)
        record = self.editor.record
        self.editing_final_banner.setVisible(
            record is not None and record.status is MeetingStatus.FINAL
        )
        self._update_title()

    def _update_title(self) -> None:
        if self.editor.record is not None:
            record = self.editor.record
            self.setWindowTitle(f"{meeting_label(record)} — {self.editor.save_state.label}")
        elif self.final_view.record is not None:
            self.setWindowTitle(f"{meeting_label(self.final_view.record)} — final, read-only")
        else:
            self.setWindowTitle(APP_TITLE)

    def _open_initial_meeting(self) -> None:
        """Reopen the meeting open at the last close, else the newest one."""
        summary = self.meeting_model.summary_of(self._settings.last_meeting_id(self._archive_key))
        item_id = self._settings.last_item_id(self._archive_key) if summary else None
        summary = summary or self.meeting_model.newest()
        if summary is not None and self.open_meeting(summary.id) and item_id is not None:
            self.editor.show_item(item_id)
        if summary is None:  # a first start: Enter loads the sample, the default button
            self.welcome.sample_button.setFocus(Qt.FocusReason.OtherFocusReason)
        offer_unsaved_work(self)

    def open_meeting(self, meeting_id: int) -> bool:
        """Show a meeting (the caller has saved or given up the one before): a final one
        read-only, unless the user chose to edit it; any other in the editor (every one
        read-only for a role that may only read)."""
        unlocked = meeting_id == self._unlocked_id and self.may_edit
        try:
            record = self._call(
                "Opening the meeting", services.meeting_record, self._database, meeting_id
            )
            if (record.status is MeetingStatus.FINAL and not unlocked) or not self.may_edit:
                # Nothing of it in the editor, so no key or menu can change it.
                self.editor.close_meeting()
                self.final_view.show_meeting(record)
                self._remember_place(meeting_id, None)  # the editor remembers its own
            else:
                self._call(
                    "Opening the meeting", self.editor.open_meeting, meeting_id, record=record
                )
                self.final_view.clear()
        except ProblemShownError:
            return False
        except NotFoundError:
            dialogs.show_problem(self, "Open meeting", "That meeting no longer exists.")
            self._reload_list()
            return False
        self._unlocked_id = meeting_id if unlocked else None
        self._save_problem_over()  # the meeting before was saved or given up
        self.archive.set_open_meeting(meeting_id)
        self._select_open_row()
        self._update_page()
        self.preview.set_meeting(meeting_id)
        return True

    def _remember_place(self, meeting_id: int, item_id: int | None) -> None:
        """Written to disk as soon as a meeting (or item) is opened, not at closing: after a
        crash the app comes back to what was being typed, even a meeting just made."""
        self._settings.set_last_meeting_id(self._archive_key, meeting_id)
        self._settings.set_last_item_id(self._archive_key, item_id)
        self._settings.sync()

    def _open_chosen(self, meeting_id: int, *, focus: bool = True) -> None:
        """A meeting chosen in the archive: open it (saving the one before); with ``focus``,
        the cursor goes to it."""
        if meeting_id != self.open_meeting_id:
            if not self.can_leave_meeting():
                self._select_open_row()
                return
            if not self.open_meeting(meeting_id):
                return
        if focus:
            self._focus_open_meeting()

    def _focus_open_meeting(self) -> None:
        if self.read_only:
            self.final_view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.editor.focus_first_field()

    def go_to_meeting_list(self) -> None:
        """Ctrl+O: to the archive (a second Ctrl+O there opens the highlighted meeting)."""
        self.show_left_tab(self.archive)
        chosen = self.archive.current_meeting()
        if self.meeting_list.hasFocus() and chosen is not None:
            self._open_chosen(chosen.id)
            return
        self.archive.focus_tree()

    def edit_final_meeting(self) -> None:
        """Edit > Edit the final meeting (Ctrl+Shift+E): the read-only meeting in the editor.
        Its status stays Final; the banner above the editor says what editing it means."""
        meeting_id = self.final_view.meeting_id
        if meeting_id is None:
            return
        self._unlocked_id = meeting_id
        if self.open_meeting(meeting_id):
            self.editor.focus_first_field()
            self.statusBar().showMessage(
                "Editing a final meeting: your changes change the published record.",
                STATUS_MESSAGE_MS,
            )

    def can_leave_meeting(self) -> bool:
        """Save the open meeting; if something cannot be saved, ask (see flows.ask_to_leave)."""
        return ask_to_leave(self, self.editor)

    # --- saving state ----------------------------------------------------------------------

    def _change_saved(self, change: MeetingChange) -> None:
        """Refresh only what the saved edit could have changed: the meeting's own row in the
        archive, the search (if shown, and the text could match), the preview (if shown)."""
        if change.parts & {Part.DETAILS, Part.STATUSES}:
            try:
                summary = services.meeting_summary(self._database, change.meeting_id)
            except (StorageError, NotFoundError):
                log.exception("reading meeting %s for the archive failed", change.meeting_id)
            else:
                self.archive.update_meeting(summary)
                self._update_page()
        if search_could_change(self.search_panel, change):
            self.search_panel.refresh_soon()  # runs now if shown, else when next shown
        if self.action_log_window is not None and change.parts & LOG_PARTS:
            self.action_log_window.mark_stale()
        self.preview.refresh_soon()  # renders only while shown (else when shown again)

    def _save_failed(self, message: str) -> None:
        self._update_title()
        self._save_problem_told = message
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _save_problem_over(self) -> None:
        """Everything is saved, or another meeting is open: a problem the status bar was told
        (``31/04/2025 does not exist``) no longer holds, and leaves it once its field is
        corrected, as the red text under the field does. Only if it is still what the bar
        says: a later message of another kind stays."""
        if self._save_problem_told and self.statusBar().currentMessage() == self._save_problem_told:
            self.statusBar().clearMessage()
        self._save_problem_told = ""

    def save_now(self) -> None:
        if self.editor.flush():
            self.statusBar().showMessage("All changes are saved.", STATUS_MESSAGE_MS)
