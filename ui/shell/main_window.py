"""The main window: the meetings on the left, the open meeting on the right, and the menus.

The window owns the things that concern more than one meeting (creating, opening, deleting,
importing, exporting) and asks the editor to save before any of them; the editor owns the
saving of the meeting it shows. Data only ever comes and goes through ``models.services``.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from exporters.options import ExportOptions
from models import services
from models.action_log import ActionLogEntry
from models.database import Database, StorageError
from models.enums import MeetingStatus
from models.interchange import FormatError, read_meeting_file
from models.next_meeting import create_from_previous
from models.search import SearchHit
from models.services import MeetingRecord, MeetingSummary, NotFoundError, ValidationError
from rrb_desktop import __version__
from ui.actions.action_log_window import ActionLogWindow
from ui.archive.archive_view import ArchiveView, NewMeetingDateDialog
from ui.archive.search_model import first_match
from ui.archive.search_panel import SearchPanel
from ui.common import dialogs
from ui.common.commands import shortcut_where
from ui.common.icons import Icon, icon
from ui.common.layout import container, vbox
from ui.common.settings import Settings
from ui.editor.final_view import EDIT_SHORTCUT, EditingFinalBanner, FinalView
from ui.editor.meeting_editor import MeetingEditor
from ui.export.export_dialog import ExportDialog
from ui.export.preview_pane import PreviewPane
from ui.export.settings_dialog import SettingsDialog
from ui.organisations.organisations_dialog import OrganisationsDialog
from ui.shell.welcome import WelcomePage
from ui.wordimport import import_from_word_action

log = logging.getLogger(__name__)

APP_TITLE = "RRB Desktop"
STATUS_MESSAGE_MS = 10_000
FIND_CHARACTERS = 60  # of an action's description, to find it in a final meeting's note
SAMPLE_RESOURCE = "sample_meeting.json"

T = TypeVar("T")

# Keys that do something without being a menu entry (listed under Help > Keyboard shortcuts).
EXTRA_SHORTCUTS = (
    ("Enter in the meeting list", "Open the chosen meeting"),
    ("Enter, Left, Right on a board or year", "Show or hide its meetings (in the meeting list)"),
    ("Typing in the meeting list", "Go to the date or year typed (19/06, 2024)"),
    ("Del in the agenda list", "Delete the chosen item"),
    ("Drag in the agenda list", "Move an item to another place (Ctrl+Z undoes it)"),
    ("Enter in the attendee box", "Add the organisation typed (part of its name or abbreviation)"),
    ("Down in the attendee box", "Choose among the organisations that match"),
    (
        "F2 in a table",
        "Edit the selected cell (attendee's person and role, an organisation's name)",
    ),
    ("Typing or F2 in the actions table", "Edit the cell; Tab saves it and edits the next one"),
    ("N, Del in an action's due date", "Due at the next meeting; no due date"),
    ("Ctrl+Tab, Ctrl+Shift+Tab", "Next or previous tab of the meeting"),
    ("Tab, Shift+Tab", "Next or previous field, in the order of the form"),
    ("Shift+Enter in the notes", "A line break inside the paragraph"),
    ("Enter on an empty list item", "End the list (a sub-item goes up a level)"),
    ("- , 1. or ### and a space", "At the start of a notes paragraph: bullet, number, sub-heading"),
    ("Alt + underlined letter", "Go to that field (Alt+D date, Alt+U venue, Alt+N notes ...)"),
    ("Alt+Down or F4", "Open the calendar of a date field, or the list of a drop-down"),
    ("Down, Enter, Esc in the search box", "To the results; open the first; clear the box"),
    ("Enter in the search results", "Open the meeting at the matching agenda item"),
    ("Enter in the action log", "Open the meeting on its Actions tab at that action"),
    ("Ctrl+E in the action log", "Export the actions shown to .csv or .docx"),
    ("Alt+S, W, B, V, R in the action log", "Status, owner, board, overdue only, sort"),
)


class ProblemShownError(Exception):
    """A database call failed and the user has been told; the slot stops here."""


def meeting_label(record: MeetingRecord) -> str:
    """How a meeting is named to the user: ``RRB Public Note, 19 June 2025``."""
    board = record.board.abbreviation or record.board.name
    return f"{board} {record.display_title}, {record.date.day} {record.date:%B %Y}"


def sample_meeting_path() -> Any:
    """The fictional sample meeting shipped in the ``resources`` package."""
    return resources.files("resources").joinpath(SAMPLE_RESOURCE)


class MainWindow(QMainWindow):
    def __init__(
        self,
        database: Database,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        reopen_after_shown: bool = False,
    ) -> None:
        """``reopen_after_shown``: reopen the last meeting only once the window is on screen
        (the app does this, so the list is usable a quarter of a second sooner on a large
        archive); by default it is reopened here, which tests and scripts rely on."""
        super().__init__(parent)
        self._database = database
        self._settings = settings
        self.export_dialog: ExportDialog | None = None  # while one is open
        self.settings_dialog: SettingsDialog | None = None
        self.setWindowTitle(APP_TITLE)

        # The archive: Board → Year → meetings. Ctrl+O goes to its tree; the old names
        # (meeting_list, meeting_model) stay for the code and tests that know them.
        self.archive = ArchiveView(settings)
        self.meeting_list = self.archive.tree
        self.meeting_model = self.archive.model
        self.editor = MeetingEditor(database)
        self.final_view = FinalView(database, self.export_options)
        self._unlocked_id: int | None = None  # a final meeting the user chose to edit
        self.welcome = WelcomePage()
        self._pages = QStackedWidget()
        self._pages.addWidget(self.welcome)
        self._pages.addWidget(self.editor)
        self._pages.addWidget(self.final_view)
        self.editing_final_banner = EditingFinalBanner()
        right_pane = container(vbox(self.editing_final_banner, self._pages, margins=0))
        # The left side is tabbed: the meetings first; other ways of finding things (search)
        # join through add_left_tab.
        self.left_tabs = QTabWidget()
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(self.archive, "Meetings")
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.addWidget(self.left_tabs)
        self._splitter.addWidget(right_pane)
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([380, 1000])
        central = container(vbox(self._splitter, margins=8))
        self.setCentralWidget(central)

        self._database_label = QLabel(f"Database: {database.describe()}")
        self._database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self._database_label)

        self._create_actions()
        self._create_preview()
        self._create_looking_back()
        self._create_menus()
        self._connect()
        self.resize(1280, 820)
        self._restore_settings()
        self._reload_list()
        if reopen_after_shown:
            QTimer.singleShot(0, self._open_initial_meeting)
        else:
            self._open_initial_meeting()

    # --- building --------------------------------------------------------------------------

    def add_left_tab(self, widget: QWidget, title: str) -> int:
        """Add a page beside "Meetings" on the left (say "Search"); returns its tab index.
        The caller gives it its own shortcut and brings it forward with
        ``show_left_tab``."""
        return self.left_tabs.addTab(widget, title)

    def show_left_tab(self, widget: QWidget) -> None:
        """Bring a page of the left side forward (it must have been added)."""
        self.left_tabs.setCurrentWidget(widget)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: str = "",
        which: Icon | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if which is not None:
            action.setIcon(icon(which))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _create_actions(self) -> None:
        self.new_meeting_action = self._action(
            "&New meeting", self.new_meeting, "Ctrl+N", Icon.NEW_MEETING,
            "Start the minutes of a new meeting",
        )  # fmt: skip
        self.new_from_previous_action = self._action(
            "New meeting from &previous", self.new_meeting_from_previous, "Ctrl+Alt+N",
            Icon.NEW_MEETING,
            "The next meeting of the board of the chosen meeting: its board, layout, venue,"
            " chair and attendees, dated from its next meeting",
        )  # fmt: skip
        self.open_meeting_action = self._action(
            "&Open meeting…", self.go_to_meeting_list, "Ctrl+O", Icon.OPEN,
            "Go to the meeting list; choose a meeting and press Enter",
        )  # fmt: skip
        self.delete_meeting_action = self._action(
            "&Delete meeting…", self.delete_meeting, "Del", Icon.DELETE,
            "Delete the chosen meeting and everything in it",
        )  # fmt: skip
        # Del deletes a meeting only from the list: anywhere else it deletes text.
        self.delete_meeting_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.meeting_list.addAction(self.delete_meeting_action)
        self.import_action = self._action(
            "&Import JSON…", self.import_json, "Ctrl+I", Icon.IMPORT,
            "Add a meeting from an rrb-meeting/1 JSON file",
        )  # fmt: skip
        self.export_action = self._action(
            "&Export to Word…", self.export_to_word, "Ctrl+E", Icon.EXPORT,
            "Write the Public Note of the open meeting as a Word document",
        )  # fmt: skip
        self.save_action = self._action(
            "&Save now", self.save_now, "Ctrl+S", Icon.SAVE,
            "Changes are saved as you type; this saves at once and reports any problem",
        )  # fmt: skip
        self.settings_action = self._action(
            "Se&ttings…", self.edit_settings, "Ctrl+,", None,
            "Your own Word template and logo, used by every export",
        )  # fmt: skip
        self.preview_action = self._action(
            "&Preview", self.toggle_preview, "F9", None,
            "Show or hide the note as it will be exported; it follows your typing",
        )  # fmt: skip
        self.preview_action.setCheckable(True)
        self.quit_action = self._action(
            "&Quit", self.close, "Ctrl+Q", Icon.QUIT, "Save and close the window"
        )
        self.shortcuts_action = self._action(
            "&Keyboard shortcuts", self.show_shortcuts, "F1", None, "Every key the window knows"
        )
        self.about_action = self._action("&About RRB Desktop", self.show_about, "", Icon.ABOUT)
        self.organisations_action = self._action(
            "&Organisations…", self.edit_organisations, "Ctrl+Shift+O", None,
            "Add, rename and merge the organisations that attend, chair and own actions",
        )  # fmt: skip
        self.edit_final_action = self._action(
            "Edit the &final meeting", self.edit_final_meeting, EDIT_SHORTCUT, None,
            "Open the final meeting shown in the editor: edits change the published record",
        )  # fmt: skip

    def _create_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions(
            [
                self.new_meeting_action,
                self.new_from_previous_action,
                self.open_meeting_action,
                self.delete_meeting_action,
            ]
        )
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.export_action])
        file_menu.addAction(import_from_word_action(self, self._database, self._reload_list))
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addActions([self.editor.history.undo_action, self.editor.history.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.edit_final_action)
        edit_menu.addSeparator()
        edit_menu.addActions(self.editor.attendees.menu_actions())
        edit_menu.addSeparator()
        edit_menu.addAction(self.organisations_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.search_action)
        agenda_menu = self.menuBar().addMenu("&Agenda")
        agenda_menu.addActions(
            [
                self.editor.add_item_action,
                self.editor.delete_item_action,
                self.editor.move_up_action,
                self.editor.move_down_action,
            ]
        )
        format_menu = self.menuBar().addMenu("F&ormat")  # the notes' formatting keys
        for action in self.editor.agenda.notes_editor.format_actions():
            if action is None:
                format_menu.addSeparator()
            else:
                format_menu.addAction(action)
        actions_menu = self.menuBar().addMenu("Ac&tions")
        for action in self.editor.actions_panel.menu_actions():
            if action is None:
                actions_menu.addSeparator()
            else:
                actions_menu.addAction(action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addActions(self.editor.tab_actions)
        self._tabs_end = view_menu.addSeparator()
        view_menu.addAction(self.preview_action)
        view_menu.addAction(self.action_log_action)
        self._view_menu = view_menu
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addActions([self.shortcuts_action, self.about_action])
        self._menus: list[QMenu] = [
            file_menu, edit_menu, agenda_menu, format_menu, actions_menu, view_menu, help_menu,
        ]  # fmt: skip

    def _connect(self) -> None:
        self.archive.meeting_activated.connect(self._open_chosen)
        self.archive.meeting_clicked.connect(
            lambda meeting_id: self._open_chosen(meeting_id, focus=False)
        )
        self.final_view.edit_requested.connect(lambda _meeting_id: self.edit_final_meeting())
        self.welcome.sample_button.clicked.connect(self.load_sample_meeting)
        self.welcome.new_button.clicked.connect(self.new_meeting)
        self.editor.meeting_changed.connect(self._update_title)
        self.editor.meeting_saved.connect(self._meeting_saved)
        self.editor.meeting_saved.connect(lambda _meeting_id: self.preview.refresh_soon())
        self.editor.save_failed.connect(self._save_failed)
        self.editor.message_posted.connect(
            lambda message: self.statusBar().showMessage(message, STATUS_MESSAGE_MS)
        )
        # A tab added after the menus were made (the Actions tab) joins the View menu.
        self.editor.tab_added.connect(
            lambda action: self._view_menu.insertAction(self._tabs_end, action)
        )

    # --- settings --------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        if geometry := self._settings.geometry("window"):
            self.restoreGeometry(geometry)
        for name, splitter in self._splitters().items():
            if state := self._settings.splitter_state(name):
                splitter.restoreState(state)
        self.preview_dock.setVisible(self._settings.preview_visible)

    def _save_settings(self) -> None:
        self._settings.set_geometry("window", self.saveGeometry())
        for name, splitter in self._splitters().items():
            self._settings.set_splitter_state(name, splitter.saveState())
        self._settings.preview_visible = self.preview_dock.isVisible()
        if self.open_meeting_id is not None:
            self._settings.last_meeting_id = self.open_meeting_id
        self._settings.sync()

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "splitter": self._splitter,
            "agenda_splitter": self.editor.agenda.splitter,
        }

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
            meetings = self._call("Listing the meetings", services.list_meetings, self._database)
        except ProblemShownError:
            return
        self.archive.set_meetings(meetings)
        self.archive.set_open_meeting(self.open_meeting_id)
        # Someone moving through the list keeps their place; otherwise it shows the open one.
        if not self.meeting_list.hasFocus() or not self.meeting_list.currentIndex().isValid():
            self._select_open_row()
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
        summary = (
            self.meeting_model.summary_of(self._settings.last_meeting_id)
            or self.meeting_model.newest()
        )
        if summary is not None:
            self.open_meeting(summary.id)

    def open_meeting(self, meeting_id: int) -> bool:
        """Show a meeting (the caller has saved or given up the one before): a final one
        read-only, unless the user chose to edit it; any other in the editor."""
        unlocked = meeting_id == self._unlocked_id
        try:
            record = self._call(
                "Opening the meeting", services.meeting_record, self._database, meeting_id
            )
            if record.status is MeetingStatus.FINAL and not unlocked:
                # Nothing of it in the editor, so no key or menu can change it.
                self.editor.close_meeting()
                self.final_view.show_meeting(record)
            else:
                self._call("Opening the meeting", self.editor.open_meeting, meeting_id)
                self.final_view.clear()
        except ProblemShownError:
            return False
        except NotFoundError:
            dialogs.show_problem(self, "Open meeting", "That meeting no longer exists.")
            self._reload_list()
            return False
        self._unlocked_id = meeting_id if unlocked else None
        self.archive.set_open_meeting(meeting_id)
        self._select_open_row()
        self._update_page()
        self.preview.set_meeting(meeting_id)
        return True

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
        """Save the open meeting; if something cannot be saved, ask before giving it up."""
        if self.editor.flush():
            return True
        problems = "\n".join(f"• {problem}" for problem in self.editor.unsaved_problems())
        if dialogs.confirm(
            self,
            "Unsaved changes",
            "Some changes to this meeting are not saved.",
            f"{problems}\n\nLeave the meeting and lose these changes?",
            accept_label="Lose the changes",
            reject_label="Keep editing",
        ):
            return True
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    # --- saving state ----------------------------------------------------------------------

    def _meeting_saved(self, _meeting_id: int) -> None:
        self._reload_list()

    def _save_failed(self, message: str) -> None:
        self._update_title()
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def save_now(self) -> None:
        if self.editor.flush():
            self.statusBar().showMessage("All changes are saved.", STATUS_MESSAGE_MS)

    # --- File menu -------------------------------------------------------------------------

    def new_meeting(self) -> None:
        """A new draft meeting dated today, opened with the cursor on its date."""
        if not self.can_leave_meeting():
            return
        try:
            meeting_id = self._call(
                "Creating a meeting",
                services.create_meeting,
                self._database,
                date=dt.date.today(),
            )
        except ProblemShownError:
            return
        note = self._open_added(meeting_id)
        if note is not None:
            self.editor.focus_first_field()
            self.statusBar().showMessage(
                "New meeting created: set its date, time and venue." + note, STATUS_MESSAGE_MS
            )

    def new_meeting_from_previous(self) -> None:
        """File > New meeting from previous (Ctrl+Alt+N): the next meeting of the chosen
        meeting's board (the one highlighted in the archive, else the open one), dated from
        its "next meeting" field, or else from a date the user picks."""
        previous = self._chosen_meeting()
        if previous is None or not self.can_leave_meeting():
            return
        date: dt.date | None = None
        while True:
            try:
                meeting_id = self._call(
                    "Creating the next meeting",
                    create_from_previous,
                    self._database,
                    previous.id,
                    date=date,
                )
            except ProblemShownError:
                return
            except NotFoundError:
                dialogs.show_problem(self, "New meeting", "That meeting no longer exists.")
                self._reload_list()
                return
            except ValidationError as error:
                if error.field != "date":
                    dialogs.show_problem(self, "New meeting", error.message)
                    return
                date = self._ask_new_meeting_date(error.message, previous.date)
                if date is None:
                    return
                continue
            break
        note = self._open_added(meeting_id)
        if note is None:
            return
        self.editor.focus_first_field()
        self.statusBar().showMessage(
            f"New meeting created from the meeting of {previous.date.day} {previous.date:%B %Y}:"
            " its open actions are listed under Actions (Ctrl+3) for review." + note,
            STATUS_MESSAGE_MS,
        )

    def _ask_new_meeting_date(self, reason: str, previous: dt.date) -> dt.date | None:
        """The date of a meeting made from one without a next-meeting date (None: cancelled)."""
        dialog = NewMeetingDateDialog(
            f"{reason} It must come after {previous.day} {previous:%B %Y}.", previous, self
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.date()
        dialog.deleteLater()
        return chosen if accepted else None

    def _chosen_meeting(self) -> MeetingSummary | None:
        """What a command about "the meeting" means: the one highlighted in the archive while
        the cursor is there, else the open one, else the highlighted one."""
        if self.meeting_list.hasFocus():
            return self.archive.current_meeting()
        return self.meeting_model.summary_of(self.open_meeting_id) or self.archive.current_meeting()

    def _open_added(self, meeting_id: int) -> str | None:
        """List and open a meeting just added, clearing the archive's filters if they would
        hide it. None if it could not be opened, else a note for the status bar."""
        self._reload_list()
        cleared = self.archive.reveal(meeting_id)
        if not self.open_meeting(meeting_id):
            return None
        return " The archive's filters were cleared to show it." if cleared else ""

    def load_sample_meeting(self) -> None:
        """Import the fictional sample meeting shipped with the app, and open it."""
        with resources.as_file(sample_meeting_path()) as path:
            self._import_file(Path(path), "the sample meeting")

    def import_json(self) -> None:
        if not self.can_leave_meeting():
            return
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Import a meeting",
            str(self._settings.import_folder),
            "Meeting files (*.json);;All files (*)",
        )
        if not path:
            return
        self._settings.import_folder = Path(path).parent
        self._import_file(Path(path), Path(path).name)

    def _import_file(self, path: Path, name: str) -> bool:
        if not self.can_leave_meeting():
            return False
        try:
            doc = read_meeting_file(path)
        except FormatError as error:
            dialogs.show_problem(
                self,
                "Import JSON",
                f"{name} could not be imported: it is not a meeting file this app can read.",
                str(error),
            )
            return False
        try:
            meeting_id = self._call(
                "Importing the meeting", services.import_meeting, self._database, doc
            )
        except ProblemShownError:
            return False
        except ValidationError as error:
            dialogs.show_problem(
                self, "Import JSON", f"{name} could not be imported.", error.message
            )
            return False
        note = self._open_added(meeting_id)
        if note is None:
            return False
        self.statusBar().showMessage(f"Imported {name}.{note}", STATUS_MESSAGE_MS)
        return True

    def export_to_word(self) -> None:
        """Save what is pending, then ask how and where in the export dialog (Ctrl+E)."""
        record = self.editor.record or self.final_view.record
        if record is None:
            return
        if not self.editor.flush():
            problems = "\n".join(f"• {problem}" for problem in self.editor.unsaved_problems())
            dialogs.show_problem(
                self,
                "Export to Word",
                "The note was not exported, because some changes are not saved yet:",
                f"{problems}\n\nCorrect them (or undo them), then export again.",
            )
            return
        try:
            doc = self._call("Reading the meeting", services.meeting_doc, self._database, record.id)
        except ProblemShownError:
            return
        # Window-modal and opened, not exec()ed: the window is blocked all the same, and a
        # test can fill the dialog in as a user would.
        dialog = ExportDialog(doc, self._settings, self.export_options(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self._exported)
        dialog.finished.connect(lambda _result: setattr(self, "export_dialog", None))
        self.export_dialog = dialog
        dialog.open()

    def _exported(self, path: Path, notice: str) -> None:
        """Say where the note went (and any template notice), and offer to open it."""
        self.statusBar().showMessage(
            f"Exported the note to {path}." + (f" {notice}" if notice else ""), STATUS_MESSAGE_MS
        )
        if not dialogs.confirm(
            self,
            "Export to Word",
            f"The note was saved as {path.name}.",
            f"In {path.parent}." + (f"\n\n{notice}" if notice else ""),
            accept_label="Open the note",
            reject_label="Close",
            destructive=False,
        ):
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            dialogs.show_problem(
                self,
                "Export to Word",
                "The note could not be opened: no program for Word documents was found.",
                f"The file is {path}.",
            )

    # --- settings and preview ----------------------------------------------------------------

    def export_options(self) -> ExportOptions:
        """The user's template and logo, as stored by File > Settings."""
        return self._settings.export_options

    def edit_settings(self) -> None:
        """File > Settings (Ctrl+,): the template and logo every export uses."""
        dialog = SettingsDialog(self.export_options(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._settings_accepted(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()

    def _settings_accepted(self, dialog: SettingsDialog) -> None:
        self._settings.export_options = dialog.options()
        notice = dialog.template_notice.text()
        self.statusBar().showMessage(
            "Settings saved: every export uses them." + (f" {notice}" if notice else ""),
            STATUS_MESSAGE_MS,
        )
        self.preview.refresh_soon()
        self.final_view.refresh()

    def _create_preview(self) -> None:
        self.preview = PreviewPane(self._database, self.export_options)
        self.preview_dock = QDockWidget("Preview", self)
        self.preview_dock.setObjectName("preview")
        self.preview_dock.setWidget(self.preview)
        self.preview_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview_dock)
        self.preview_dock.hide()
        self.preview_dock.visibilityChanged.connect(self.preview_action.setChecked)

    def toggle_preview(self) -> None:
        """View > Preview (F9): show or hide the pane; the cursor stays where it was."""
        self.preview_dock.setVisible(not self.preview_dock.isVisible())

    def delete_meeting(self) -> None:
        """Delete the meeting chosen in the list (from the menu: the open one), once confirmed.
        On a board or year row of the list, Del does nothing: it names no one meeting."""
        summary = self._chosen_meeting()
        if summary is None:
            return
        label = (
            f"{summary.board_abbreviation} {summary.title}, {summary.date.day} {summary.date:%B %Y}"
        )
        if not dialogs.confirm(
            self,
            "Delete meeting",
            f"Delete the meeting “{label}”?",
            "Its details, agenda items, notes and actions are deleted from this computer."
            " This cannot be undone. (To keep a copy, export it to Word first.)",
            accept_label="Delete meeting",
        ):
            return
        was_open = summary.id == self.open_meeting_id
        neighbour = self.meeting_model.neighbour_of(summary.id)
        try:
            self._call("Deleting the meeting", services.delete_meeting, self._database, summary.id)
        except ProblemShownError:
            return
        except NotFoundError:
            pass  # already gone: the list is refreshed below all the same
        if was_open:
            self.editor.close_meeting()
            self.final_view.clear()
            self._unlocked_id = None
            self.preview.set_meeting(None)
        self._reload_list()
        if was_open:
            neighbour = self.meeting_model.summary_of(neighbour.id if neighbour else None)
            neighbour = neighbour or self.meeting_model.newest()
            if neighbour is not None:
                self.open_meeting(neighbour.id)
        self.meeting_list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.statusBar().showMessage(f"Deleted the meeting “{label}”.", STATUS_MESSAGE_MS)

    # --- Edit menu -------------------------------------------------------------------------

    def edit_organisations(self) -> None:
        """Edit > Organisations… (Ctrl+Shift+O): the directory; the meeting shows the changes."""
        self.editor.flush()
        self.organisations_dialog = OrganisationsDialog(self._database, self)
        self.organisations_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        merged: list[bool] = []
        self.organisations_dialog.organisations_merged.connect(lambda: merged.append(True))
        self.organisations_dialog.organisations_changed.connect(self.editor.refresh_from_database)
        self.organisations_dialog.finished.connect(
            lambda _result: self._organisations_closed(merged=bool(merged))
        )
        self.organisations_dialog.open()

    def _organisations_closed(self, *, merged: bool) -> None:
        # A merge deleted an organisation that undo commands may name: forget them.
        self.editor.refresh_from_database(forget_history=merged)
        self.final_view.refresh()  # a renamed organisation prints its new name
        self._reload_list()

    # --- looking back: search and the action log ------------------------------------------

    def _create_looking_back(self) -> None:
        """The Search tab on the left (Ctrl+F) and the action log window (Ctrl+Shift+L);
        both read the archive again after every saved edit, import or deletion."""
        self.search_panel = SearchPanel(self._database)
        self.add_left_tab(self.search_panel, "Search")
        self.search_panel.hit_chosen.connect(self.open_search_hit)
        self.search_action = self._action(
            "&Search all meetings…", self.focus_search, "Ctrl+F", None,
            "Find a word in every meeting's items, notes, actions, themes and organisations",
        )  # fmt: skip
        self.action_log_action = self._action(
            "Action &log…", self.show_action_log, "Ctrl+Shift+L", None,
            "Every action across meetings: filter, follow its carry-overs, export",
        )  # fmt: skip
        self.action_log_window: ActionLogWindow | None = None
        self._find_in_note: str | None = None  # words to select in a final meeting's note
        self.final_view.preview.refreshed.connect(self._find_in_final_view)
        for changed in (self.editor.meeting_saved, self.meeting_model.modelReset):
            changed.connect(lambda *_args: self._archive_changed())

    def _archive_changed(self) -> None:
        self.search_panel.refresh_soon()
        if self.action_log_window is not None:
            self.action_log_window.mark_stale()

    def focus_search(self) -> None:
        """Edit > Search all meetings (Ctrl+F): the Search tab, the cursor in its box."""
        self.show_left_tab(self.search_panel)
        self.search_panel.focus_box()

    def open_search_hit(self, hit: SearchHit) -> None:
        """Enter on a search result: the meeting, at the matching agenda item (or its
        details, when the match was there); a final one read-only, the match selected."""
        if self._go_to_meeting(hit.meeting_id, find=first_match(hit)):
            self.editor.show_item(hit.item_id)

    def _go_to_meeting(self, meeting_id: int, *, find: str | None) -> bool:
        """Open a meeting chosen in the search or the action log; True if it is in the editor
        (the caller goes on to the item or action). A final meeting opens read-only: its
        published note is searched for ``find`` (selected, scrolled to) and the status line
        says how to edit it; False then, as when it could not be opened."""
        self._find_in_note = None
        opened = meeting_id == self.open_meeting_id
        if not opened and (not self.can_leave_meeting() or not self.open_meeting(meeting_id)):
            return False
        if not self.read_only:
            return True
        self._find_in_note = find
        if opened:  # rendered already: no refresh will come
            self._find_in_final_view()
        self.final_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.statusBar().showMessage(
            f"This meeting is final, so it is shown as published; {EDIT_SHORTCUT} edits it.",
            STATUS_MESSAGE_MS,
        )
        return False

    def _find_in_final_view(self) -> None:
        """Once the final meeting's note is on screen: select the words asked for."""
        words, self._find_in_note = self._find_in_note, None
        browser = self.final_view.preview.browser
        if not words or self.final_view.meeting_id is None:
            return
        cursor = browser.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        browser.setTextCursor(cursor)
        browser.find(words)  # not found (a confidential item): the note from its top

    def show_action_log(self) -> None:
        """View > Action log (Ctrl+Shift+L): the log in a window of its own, beside this one;
        pending edits are saved first so the log shows them."""
        self.editor.flush()
        if self.action_log_window is None:
            self.action_log_window = ActionLogWindow(self._database, self._settings, self)
            self.action_log_window.action_chosen.connect(self.open_logged_action)
        else:
            self.action_log_window.mark_stale()
        self.action_log_window.show()
        self.action_log_window.raise_()
        self.action_log_window.activateWindow()

    def open_logged_action(self, entry: ActionLogEntry) -> None:
        """Enter in the action log: the meeting in this window, on its Actions tab, with the
        action selected."""
        self.raise_()
        self.activateWindow()
        if not self._go_to_meeting(entry.meeting_id, find=entry.description[:FIND_CHARACTERS]):
            return
        if not self.editor.show_action(entry.id):
            self.statusBar().showMessage(
                "That action is no longer in the meeting (deleted since the log was read).",
                STATUS_MESSAGE_MS,
            )

    # --- Help menu -------------------------------------------------------------------------

    def shortcut_table(self) -> list[tuple[str, str]]:
        """Every shortcut, read from the menus themselves so the list cannot go stale."""
        rows = []
        for menu in self._menus:
            for action in menu.actions():
                if action.shortcut().isEmpty():
                    continue
                keys = ", ".join(
                    sequence.toString(QKeySequence.SequenceFormat.NativeText)
                    for sequence in action.shortcuts()
                )
                where = shortcut_where(action)
                if action is self.delete_meeting_action:
                    keys += " in the meeting list"
                elif where:
                    keys += f" {where}"
                text = action.text() if action.menu() is None else ""
                for prefix in ("&Undo ", "&Redo "):  # "Undo add item": the key, not the item
                    text = prefix if text.startswith(prefix) else text
                rows.append((keys, text.replace("&", "").rstrip("…").strip()))
        return rows + list(EXTRA_SHORTCUTS)

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td style='padding-right:16px'><b>{html.escape(keys)}</b></td>"
            f"<td>{html.escape(what)}</td></tr>"
            for keys, what in self.shortcut_table()
        )
        dialogs.show_information(
            self, "Keyboard shortcuts", "Everything in the window works from the keyboard.",
            f"<table>{rows}</table>",
        )  # fmt: skip

    def show_about(self) -> None:
        dialogs.show_information(
            self,
            "About RRB Desktop",
            f"RRB Desktop {__version__}",
            "Minute-taking for the Mayor's Office for Policing and Crime (MOPAC) Reducing"
            " Reoffending Board: type the minutes during the meeting, then export the Public"
            f" Note to Word.\n\nDatabase: {self._database.describe()}",
        )

    # --- Qt overrides ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Pending edits are written before the window goes; unsaveable ones are asked about."""
        if not self.can_leave_meeting():
            event.ignore()
            return
        self._save_settings()
        event.accept()
