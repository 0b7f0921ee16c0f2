"""The main window: the meetings on the left, the open meeting on the right, and the menus.

The window owns the things that concern more than one meeting (creating, opening, deleting,
importing, exporting) and asks the editor to save before any of them; the editor owns the
saving of the meeting it shows. Data only ever comes and goes through ``models.services``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from models.connection import password_for, store_password
from models.errors import DatabaseOpenError
from rrb_desktop import version
from ui.archive.archive_source import ListedMeetings
from ui.archive.archive_view import ArchiveView
from ui.common import dialogs
from ui.common.commands import shortcut_where
from ui.common.first_paint import AfterFirstPaint
from ui.common.focus_marks import show_focus_marks
from ui.common.icons import Icon, icon
from ui.common.layout import container, vbox
from ui.common.status_room import give_messages_room
from ui.common.window_fit import fit_to_screen
from ui.connection.banners import ServerBanners
from ui.editor.final_view import EDIT_SHORTCUT
from ui.shell import window_live
from ui.shell.global_keys import WindowKeysFirst
from ui.shell.shortcuts import EXTRA_SHORTCUTS, ShortcutsDialog
from ui.shell.welcome import WelcomePage
from ui.shell.window_open import APP_TITLE, STATUS_MESSAGE_MS
from ui.wordimport.action import import_from_word_action

if TYPE_CHECKING:  # each loaded when first shown, not at start-up (see show_backups)
    from models.database import Database
    from ui.actions.action_log_window import ActionLogWindow
    from ui.archive.archive_source import ArchiveSource
    from ui.archive.search_panel import SearchPanel
    from ui.common.settings import Settings
    from ui.connection.server_page import ServerPage
    from ui.export.export_dialog import ExportDialog
    from ui.export.preview_pane import PreviewPane
    from ui.export.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

PREFERRED_SIZE = QSize(1280, 820)  # made smaller on a smaller screen (fit_to_screen)
MENU_TITLES = ("&File", "&Edit", "&Agenda", "F&ormat", "Ac&tions", "&View", "&Help")
"""The menu bar, in order; Format holds the notes' formatting keys."""


class MainWindow(window_live.SharedArchiveWindow):
    start_finished = Signal()
    """The part of an app start that waits for the first paint is done (the last meeting
    reopened); only with ``reopen_after_shown``, or a first screen once its database is in."""

    def __init__(
        self,
        database: Database | None,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        reopen_after_shown: bool = False,
        first_list: ArchiveSource | None = None,
        described: str = "",
    ) -> None:
        """``reopen_after_shown``: reopen the last meeting only once the meeting list has been
        painted, and give the buttons their focus marks then too (the app does this, so the
        list is on screen sooner); by default both are done here, which tests and scripts
        rely on.

        Without a database, the window is its first screen: the frame, the menus' names and
        the meeting list read from ``first_list`` (``described`` names the archive), and
        nothing that needs SQLAlchemy. The app paints that, then opens the database and
        hands it to :meth:`attach_database`, which makes the rest (``rrb_desktop.app``).
        """
        super().__init__(parent)
        self._settings = settings
        self.open_failed = False
        """A first screen whose database could not be opened (the app ends with status 2)."""
        self.export_dialog: ExportDialog | None = None  # while one is open
        self.settings_dialog: SettingsDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None  # while F1's list is open
        self._last_actions_problem = ""  # the refusal the status bar was given, to clear
        self.setWindowTitle(APP_TITLE)

        # The archive: Board → Year → meetings. Ctrl+O goes to its tree; the old names
        # (meeting_list, meeting_model) stay for the code and tests that know them.
        self.archive = ArchiveView(settings)
        self.meeting_list = self.archive.tree
        self.meeting_model = self.archive.model
        self._pages = QStackedWidget()
        self._right = vbox(self._pages, margins=0)
        # The left side is tabbed: the meetings first; other ways of finding things (search)
        # join through add_left_tab.
        self.left_tabs = QTabWidget()
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(self.archive, "Meetings")
        self._splitter = self._two_sides(self.left_tabs, container(self._right))
        self.setCentralWidget(container(vbox(self._splitter, margins=8)))
        self._database_label = QLabel(f"Database: {database.describe() if database else described}")
        self._database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self._database_label)
        give_messages_room(self.statusBar(), self._database_label)
        # The menus' names now, their commands with the database: the bar does not appear
        # under the painted list and push it down.
        self._menus: list[QMenu] = [self.menuBar().addMenu(title) for title in MENU_TITLES]
        self.resize(PREFERRED_SIZE)
        if geometry := settings.geometry("window"):
            self.restoreGeometry(geometry)
        if state := settings.splitter_state("splitter"):
            self._splitter.restoreState(state)
        fit_to_screen(self)  # a first start, or a size saved on a larger screen
        if database is None:
            if first_list is not None:
                self.archive.show_archive(first_list)
                self.archive.restore_highlight()
            return
        self.attach_database(database, reopen_after_shown=reopen_after_shown)

    def forget_first_screen(self) -> None:
        """The archive the first screen listed cannot be opened after all (damaged): its
        list goes while the person chooses a backup or another file."""
        self.archive.show_archive(ListedMeetings([]))

    def attach_database(self, database: Database, *, reopen_after_shown: bool = False) -> None:
        """Everything of the window that needs the database (SQLAlchemy, the editor, search,
        the preview, the commands), then the meeting list read through it.

        The modules load here, not at the top: the app's first screen is painted before
        them (see the class's constructor)."""
        from ui.archive.search_panel import SearchPanel  # noqa: PLC0415 (see the docstring)
        from ui.editor.final_view import EditingFinalBanner, FinalView  # noqa: PLC0415
        from ui.editor.meeting_editor import MeetingEditor  # noqa: PLC0415
        from ui.export.preview_pane import PreviewPane  # noqa: PLC0415

        self._database = database
        self._archive_key = database.archive_key()  # what is remembered per archive
        self._database_label.setText(f"Database: {database.describe()}")  # a backup, maybe
        self.editor = MeetingEditor(database)
        self.final_view = FinalView(database, self.export_options)
        self._unlocked_id: int | None = None  # a final meeting the user chose to edit
        self.welcome = WelcomePage()
        self._pages.addWidget(self.welcome)
        self._pages.addWidget(self.editor)
        self._pages.addWidget(self.final_view)
        self.editing_final_banner = EditingFinalBanner()
        self.server_banners = ServerBanners()  # read-only role, server gone, others editing
        self._right.insertWidget(0, self.editing_final_banner)
        self._right.insertWidget(0, self.server_banners)
        self._create_actions()
        self._create_preview(PreviewPane(database, self.export_options))
        self._create_looking_back(SearchPanel(database))
        self._create_menus()
        self._connect()
        WindowKeysFirst(self)  # Ctrl+E exports even from a text field under X11
        self._restore_settings()
        self._start_shared_archive()
        self._reload_list()
        # The focus marks once the widgets are in place: with an application style sheet,
        # every widget is styled again each time it moves into a parent while the window is
        # put together, which was a large part of the window's start; set later, each is
        # styled once. Nothing has a button focused before the first paint.
        if reopen_after_shown:
            AfterFirstPaint(self.meeting_list.viewport(), self._finish_start)
        elif self.isVisible():  # a first screen, painted: the rest of the start is now
            self._finish_start()
        else:
            show_focus_marks()
            self._open_initial_meeting()

    def _finish_start(self) -> None:
        show_focus_marks()
        self._open_initial_meeting()
        self.start_finished.emit()

    @staticmethod
    def _two_sides(left: QWidget, right: QWidget) -> QSplitter:
        """The archive on the left, the open meeting taking the width on the right."""
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 1000])
        return splitter

    # --- building --------------------------------------------------------------------------

    def add_left_tab(self, widget: QWidget, title: str) -> int:
        """Add a page beside "Meetings" on the left (say "Search"); returns its tab index.
        The caller gives it its own shortcut and brings it forward with
        ``show_left_tab``."""
        return self.left_tabs.addTab(widget, title)

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
            "Add a meeting from an rrb-meeting JSON file (version 1 or 2)",
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
        file_menu, edit_menu, agenda_menu, format_menu, actions_menu, view_menu, help_menu = (
            self._menus
        )
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
        file_menu.addAction("&Backups...", self.show_backups)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu.addActions([self.editor.history.undo_action, self.editor.history.redo_action])
        edit_menu.aboutToShow.connect(self.editor.history.name_for_focus)
        edit_menu.addSeparator()
        edit_menu.addAction(self.edit_final_action)
        edit_menu.addSeparator()
        edit_menu.addActions(self.editor.attendees.menu_actions())
        edit_menu.addSeparator()
        edit_menu.addAction(self.organisations_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.search_action)
        agenda_menu.addActions(
            [
                self.editor.add_item_action,
                self.editor.delete_item_action,
                self.editor.move_up_action,
                self.editor.move_down_action,
            ]
        )
        # Adding an item, an action or an attendee works from the meeting list too (and the
        # search): the meeting stays open beside it, and the README promises "from anywhere".
        for adding in (
            self.editor.add_item_action,
            self.editor.actions_panel.add_action_action,
            self.editor.attendees.focus_add_action,
            self.editor.attendees.copy_action,
        ):
            self.left_tabs.addAction(adding)
        agenda_menu.addSection("Transcript")  # a hearing's turns and members (Ctrl+4)
        agenda_menu.addActions(self.editor.transcript_tab.page.menu_actions())
        for action in self.editor.agenda.notes_editor.format_actions():
            if action is None:
                format_menu.addSeparator()
            else:
                format_menu.addAction(action)
        for action in self.editor.actions_panel.menu_actions():
            if action is None:
                actions_menu.addSeparator()
            else:
                actions_menu.addAction(action)
        view_menu.addActions(self.editor.tab_actions)
        self._tabs_end = view_menu.addSeparator()
        view_menu.addAction(self.preview_action)
        view_menu.addAction(self.action_log_action)
        self._view_menu = view_menu
        help_menu.addActions([self.shortcuts_action, self.about_action])

    def _connect(self) -> None:
        self.archive.meeting_activated.connect(self._open_chosen)
        self.archive.meeting_clicked.connect(
            lambda meeting_id: self._open_chosen(meeting_id, focus=False)
        )
        self.archive.message_posted.connect(
            lambda message: self.statusBar().showMessage(message, STATUS_MESSAGE_MS)
        )
        self.archive.message_withdrawn.connect(self._withdraw_message)
        self.final_view.edit_requested.connect(lambda _meeting_id: self.edit_final_meeting())
        self.welcome.sample_button.clicked.connect(self.load_sample_meeting)
        self.welcome.new_button.clicked.connect(self.new_meeting)
        self.editor.attendees.organisation_edit_requested.connect(self.rename_organisation)
        self.editor.meeting_changed.connect(self._update_title)
        self.editor.meeting_saved.connect(lambda _meeting_id: self._update_title())
        self.editor.meeting_saved.connect(lambda _meeting_id: self._save_problem_over())
        self.editor.change_saved.connect(self._change_saved)
        self.editor.place_changed.connect(self._remember_place)
        self.editor.save_failed.connect(self._save_failed)
        self.editor.message_posted.connect(
            lambda message: self.statusBar().showMessage(message, STATUS_MESSAGE_MS)
        )
        # "Dropped: ... (Ctrl+Z undoes it)" is no longer true once Ctrl+Z undid it.
        self.editor.history.stepped.connect(self.statusBar().clearMessage)
        self.editor.actions_panel.problem_shown.connect(self._actions_problem_shown)
        self.editor.actions_panel.report_withdrawn.connect(self._withdraw_message)
        # A tab added after the menus were made (the Actions tab) joins the View menu.
        self.editor.tab_added.connect(
            lambda action: self._view_menu.insertAction(self._tabs_end, action)
        )

    # --- settings --------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        """What is restored with the database (the window's size and the list's width are
        restored with its first screen)."""
        if state := self._settings.splitter_state("agenda_splitter"):
            self.editor.agenda.splitter.restoreState(state)
        self.preview_dock.setVisible(self._settings.preview_visible)

    def _save_settings(self) -> None:
        self._settings.set_geometry("window", self.saveGeometry())
        for name, splitter in self._splitters().items():
            self._settings.set_splitter_state(name, splitter.saveState())
        self._settings.preview_visible = self.preview_dock.isVisible()
        if self.open_meeting_id is not None:
            self._settings.set_last_meeting_id(self._archive_key, self.open_meeting_id)
        self._settings.sync()

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "splitter": self._splitter,
            "agenda_splitter": self.editor.agenda.splitter,
        }

    # --- settings and preview ----------------------------------------------------------------

    def show_backups(self) -> None:
        """File > Backups: the dialog's module, like every dialog's, loads when first asked
        for, so the window's start does not pay for what it may never show."""
        from ui.backups.backups_dialog import show_backups_dialog  # noqa: PLC0415 (see above)

        show_backups_dialog(self, self._database)

    def edit_settings(self) -> None:
        """File > Settings (Ctrl+,): the template and logo every export uses."""
        from ui.connection.server_page import ServerPage  # noqa: PLC0415 (see show_backups)
        from ui.export.settings_dialog import SettingsDialog  # noqa: PLC0415

        page = ServerPage(
            self._settings.saved_server,
            enabled=self._settings.server is not None,
            password_stored=self._password_stored(),
        )
        dialog = SettingsDialog(self.export_options(), self, server_page=page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._settings_accepted(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()

    def _settings_accepted(self, dialog: SettingsDialog) -> None:
        self._settings.export_options = dialog.options()
        notice = dialog.template_notice.text()
        server_note = self._server_settings_accepted(dialog.server_page)
        self.statusBar().showMessage(
            "Settings saved: every export uses them."
            + (f" {notice}" if notice else "")
            + (f" {server_note}" if server_note else ""),
            STATUS_MESSAGE_MS,
        )
        self.preview.refresh_soon()
        self.final_view.refresh()

    def _password_stored(self) -> bool:
        saved = self._settings.saved_server
        return saved is not None and password_for(saved.url) is not None

    def _server_settings_accepted(self, page: ServerPage | None) -> str:
        """Keep the shared archive's settings, and its password in the keyring; returns what
        the status bar says about them (they apply at the next start)."""
        if page is None:
            return ""
        from ui.connection.server_page import NEXT_START  # noqa: PLC0415 (see show_backups)

        before = (self._settings.server, self._settings.saved_server)
        server = page.server()
        self._settings.set_server(server, enabled=page.enabled)
        password = page.password()
        if server is not None and password:
            try:
                store_password(server.url, password)
            except DatabaseOpenError as error:
                dialogs.show_problem(
                    self, "Settings", "The password could not be kept.", f"{error}."
                )
        changed = (self._settings.server, self._settings.saved_server) != before
        return f"The shared archive: {NEXT_START.lower()}" if changed or password else ""

    def _create_preview(self, preview: PreviewPane) -> None:
        self.preview = preview
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

    # --- looking back: search and the action log ------------------------------------------

    def _create_looking_back(self, search_panel: SearchPanel) -> None:
        """The Search tab on the left (Ctrl+F) and the action log window (Ctrl+Shift+L);
        both read the archive again after every saved edit, import or deletion."""
        self.search_panel = search_panel
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
        self.meeting_model.modelReset.connect(self._archive_changed)

    def _actions_problem_shown(self, message: str) -> None:
        """A refused cell's reason in the status bar too, gone once the value is accepted (it
        stayed there, untrue, after the cell was fixed)."""
        if message:
            self.statusBar().showMessage(message, STATUS_MESSAGE_MS)
        elif self.statusBar().currentMessage() == self._last_actions_problem:
            self.statusBar().clearMessage()
        self._last_actions_problem = message

    def _withdraw_message(self, message: str) -> None:
        """A report that no longer holds leaves the status bar, if it is still what it says
        (not a later message)."""
        if self.statusBar().currentMessage() == message:
            self.statusBar().clearMessage()

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
        dialog = ShortcutsDialog(self.shortcut_table(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "shortcuts_dialog", None))
        self.shortcuts_dialog = dialog
        dialog.open()

    def show_about(self) -> None:
        dialogs.show_information(
            self,
            "About RRB Desktop",
            f"RRB Desktop {version()}",
            "Minute-taking for the Mayor's Office for Policing and Crime (MOPAC) Reducing"
            " Reoffending Board: type the minutes during the meeting, then export the Public"
            f" Note to Word.\n\nDatabase: {self._database.describe()}",
        )

    # --- Qt overrides ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Pending edits are written before the window goes; unsaveable ones are asked about."""
        if self.database is None:  # its first screen, whose database could not be opened
            event.accept()
            return
        if not self.can_leave_meeting():
            event.ignore()
            return
        self._save_settings()
        self._stop_shared_archive()
        event.accept()
