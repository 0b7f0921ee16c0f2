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

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QWidget,
)

from exporters.options import ExportOptions
from models import services
from models.database import Database, StorageError
from models.interchange import FormatError, read_meeting_file
from models.services import MeetingRecord, NotFoundError, ValidationError
from rrb_desktop import __version__
from ui import dialogs
from ui.commands import shortcut_where
from ui.export_dialog import ExportDialog
from ui.icons import Icon, icon
from ui.item_models import size_columns_from_first_rows
from ui.layout import container, heading, vbox
from ui.meeting_editor import MeetingEditor
from ui.meeting_list_model import Column, MeetingListModel
from ui.organisations_dialog import OrganisationsDialog
from ui.preview_pane import PreviewPane
from ui.settings_dialog import SettingsDialog, load_export_options, save_export_options
from ui.welcome import WelcomePage

log = logging.getLogger(__name__)

APP_TITLE = "RRB Desktop"
STATUS_MESSAGE_MS = 10_000
SAMPLE_RESOURCE = "sample_meeting.json"

T = TypeVar("T")

# Keys that do something without being a menu entry (listed under Help > Keyboard shortcuts).
EXTRA_SHORTCUTS = (
    ("Enter in the meeting list", "Open the chosen meeting"),
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
        self, database: Database, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._settings = settings
        self.export_dialog: ExportDialog | None = None  # while one is open
        self.settings_dialog: SettingsDialog | None = None
        self.setWindowTitle(APP_TITLE)

        self.meeting_model = MeetingListModel(self)
        self.meeting_list = self._create_meeting_list()
        self.editor = MeetingEditor(database)
        self.welcome = WelcomePage()
        self._pages = QStackedWidget()
        self._pages.addWidget(self.welcome)
        self._pages.addWidget(self.editor)

        list_pane = container(
            # No Alt+M: it is the Mode field's; Ctrl+O goes to this list.
            vbox(heading("Meetings", self.meeting_list), self.meeting_list, margins=0)
        )
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.addWidget(list_pane)
        self._splitter.addWidget(self._pages)
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
        self._create_menus()
        self._connect()
        self.resize(1280, 820)
        self._restore_settings()
        self._reload_list()
        self._open_initial_meeting()

    # --- building --------------------------------------------------------------------------

    def _create_meeting_list(self) -> QTableView:
        view = QTableView()
        view.setModel(self.meeting_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab leaves the list, as in any other field
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        for column in Column:
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column is Column.TITLE
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        size_columns_from_first_rows(header)
        view.setMinimumWidth(320)
        view.setToolTip("Enter opens the meeting; Del deletes it")
        return view

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

    def _create_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions(
            [self.new_meeting_action, self.open_meeting_action, self.delete_meeting_action]
        )
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addActions([self.editor.history.undo_action, self.editor.history.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions(self.editor.attendees.menu_actions())
        edit_menu.addSeparator()
        edit_menu.addAction(self.organisations_action)
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
        self._view_menu = view_menu
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addActions([self.shortcuts_action, self.about_action])
        self._menus: list[QMenu] = [
            file_menu, edit_menu, agenda_menu, format_menu, actions_menu, view_menu, help_menu,
        ]  # fmt: skip

    def _connect(self) -> None:
        self.meeting_list.activated.connect(lambda index: self._open_row(index, focus=True))
        self.meeting_list.clicked.connect(lambda index: self._open_row(index, focus=False))
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
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        for key, splitter in self._splitters().items():
            state = self._settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
        self.preview_dock.setVisible(self._settings.value("window/preview") in (True, "true"))

    def _save_settings(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            self._settings.setValue(key, splitter.saveState())
        self._settings.setValue("window/preview", self.preview_dock.isVisible())
        if self.editor.meeting_id is not None:
            self._settings.setValue("editor/last_meeting", self.editor.meeting_id)
        self._settings.sync()

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "window/splitter": self._splitter,
            "window/agenda_splitter": self.editor.agenda.splitter,
        }

    def _setting_path(self, key: str) -> str:
        value = self._settings.value(key)
        if isinstance(value, str) and Path(value).is_dir():
            return value
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

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
        self.meeting_model.set_meetings(meetings)
        self.meeting_model.set_open_meeting(self.editor.meeting_id)
        # Someone moving through the list keeps their place; otherwise it shows the open one.
        if not self.meeting_list.hasFocus() or not self.meeting_list.currentIndex().isValid():
            self._select_open_row()
        self._update_page()

    def _select_open_row(self) -> None:
        row = self.meeting_model.row_of(self.editor.meeting_id)
        if row is None:
            return
        index = self.meeting_model.index(row, Column.DATE)
        self.meeting_list.setCurrentIndex(index)
        self.meeting_list.scrollTo(index)

    def _update_page(self) -> None:
        has_meeting = self.editor.record is not None
        self._pages.setCurrentWidget(self.editor if has_meeting else self.welcome)
        self.welcome.set_has_meetings(self.meeting_model.rowCount() > 0)
        self.export_action.setEnabled(has_meeting)
        self.save_action.setEnabled(has_meeting)
        self.delete_meeting_action.setEnabled(self.meeting_model.rowCount() > 0)
        self._update_title()

    def _update_title(self) -> None:
        record = self.editor.record
        if record is None:
            self.setWindowTitle(APP_TITLE)
        else:
            self.setWindowTitle(f"{meeting_label(record)} — {self.editor.save_state.label}")

    def _open_initial_meeting(self) -> None:
        """Reopen the meeting open at the last close, else the newest one."""
        last = self._settings.value("editor/last_meeting")
        try:
            last_id = int(last) if last is not None else None
        except (TypeError, ValueError):
            last_id = None
        row = self.meeting_model.row_of(last_id)
        if row is None and self.meeting_model.rowCount() > 0:
            row = 0
        summary = self.meeting_model.meeting_at(row) if row is not None else None
        if summary is not None:
            self.open_meeting(summary.id)

    def open_meeting(self, meeting_id: int) -> bool:
        """Show a meeting in the editor (the caller has saved or given up the one before)."""
        try:
            self._call("Opening the meeting", self.editor.open_meeting, meeting_id)
        except ProblemShownError:
            return False
        except NotFoundError:
            dialogs.show_problem(self, "Open meeting", "That meeting no longer exists.")
            self._reload_list()
            return False
        self.meeting_model.set_open_meeting(meeting_id)
        self._select_open_row()
        self._update_page()
        self.preview.set_meeting(meeting_id)
        return True

    def _open_row(self, index: QModelIndex, *, focus: bool) -> None:
        summary = self.meeting_model.meeting_at(index.row()) if index.isValid() else None
        if summary is None:
            return
        if summary.id != self.editor.meeting_id:
            if not self.can_leave_meeting():
                self._select_open_row()
                return
            if not self.open_meeting(summary.id):
                return
        if focus:
            self.editor.focus_first_field()

    def go_to_meeting_list(self) -> None:
        """Ctrl+O: to the list (a second Ctrl+O there opens the highlighted meeting)."""
        if self.meeting_list.hasFocus() and self.meeting_list.currentIndex().isValid():
            self._open_row(self.meeting_list.currentIndex(), focus=True)
            return
        if not self.meeting_list.currentIndex().isValid() and self.meeting_model.rowCount():
            self.meeting_list.setCurrentIndex(self.meeting_model.index(0, Column.DATE))
        self.meeting_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

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
        self._reload_list()
        if self.open_meeting(meeting_id):
            self.editor.focus_first_field()
            self.statusBar().showMessage(
                "New meeting created: set its date, time and venue.", STATUS_MESSAGE_MS
            )

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
            self._setting_path("import/folder"),
            "Meeting files (*.json);;All files (*)",
        )
        if not path:
            return
        self._settings.setValue("import/folder", str(Path(path).parent))
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
        self._reload_list()
        if not self.open_meeting(meeting_id):
            return False
        self.statusBar().showMessage(f"Imported {name}.", STATUS_MESSAGE_MS)
        return True

    def export_to_word(self) -> None:
        """Save what is pending, then ask how and where in the export dialog (Ctrl+E)."""
        record = self.editor.record
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
        return load_export_options(self._settings)

    def edit_settings(self) -> None:
        """File > Settings (Ctrl+,): the template and logo every export uses."""
        dialog = SettingsDialog(self.export_options(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._settings_accepted(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()

    def _settings_accepted(self, dialog: SettingsDialog) -> None:
        save_export_options(self._settings, dialog.options())
        notice = dialog.template_notice.text()
        self.statusBar().showMessage(
            "Settings saved: every export uses them." + (f" {notice}" if notice else ""),
            STATUS_MESSAGE_MS,
        )
        self.preview.refresh_soon()

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
        """Delete the meeting chosen in the list (from the menu: the open one), once confirmed."""
        index = self.meeting_list.currentIndex()
        summary = None
        if self.meeting_list.hasFocus() and index.isValid():
            summary = self.meeting_model.meeting_at(index.row())
        if summary is None:
            row = self.meeting_model.row_of(self.editor.meeting_id)
            if row is None and index.isValid():
                row = index.row()
            summary = self.meeting_model.meeting_at(row) if row is not None else None
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
        was_open = summary.id == self.editor.meeting_id
        old_row = self.meeting_model.row_of(summary.id) or 0
        try:
            self._call("Deleting the meeting", services.delete_meeting, self._database, summary.id)
        except ProblemShownError:
            return
        except NotFoundError:
            pass  # already gone: the list is refreshed below all the same
        if was_open:
            self.editor.close_meeting()
            self.preview.set_meeting(None)
        self._reload_list()
        if was_open:
            neighbour = self.meeting_model.meeting_at(
                min(old_row, self.meeting_model.rowCount() - 1)
            )
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
        self._reload_list()

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
