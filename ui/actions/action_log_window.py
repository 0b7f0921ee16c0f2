"""View > Action log (Ctrl+Shift+L): every action across meetings, in a window of its own.

Before a meeting the secretary asks "what is still open, and who owns it?"; in it, "what
happened to the action we rolled over in March?". The window answers both beside the main
window (it is not modal, so the minutes can be typed while it is open): filters by status,
owner, board and overdue, a table of the actions, and for the selected one where it was
raised and its chain of carry-overs. Enter opens the meeting in the main window at that
action; Ctrl+E exports what is shown, in the order shown, to a spreadsheet or Word file.

The log is read from ``models.action_log`` when the window is shown and shortly after any
edit saved in the main window (:meth:`ActionLogWindow.mark_stale`), never while hidden: its
count, then a page of rows at a time as the table scrolls. Should a refresh still take a
noticeable moment (a slow disk), it is not read again behind the secretary's typing: it
waits until the log window is next activated, so a keystroke in the minutes never waits.

This module decides when to read and what to show; the words it shows (the boxes' choices,
the count line, the selected action's story, an export's title) are in
:mod:`ui.actions.action_log_text`, which never imports the window.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFrame,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QWidget,
)

from exporters.errors import ExportError
from models import services
from models.action_log import (
    ActionFilter,
    ActionLogEntry,
    ActionLogReader,
    LogOrder,
    action_log_count,
    carry_over_chain,
)
from models.errors import StorageError
from ui.actions.action_log_model import ActionLogModel, LogColumn
from ui.actions.action_log_text import (
    NO_SELECTION,
    SORT_CHOICES,
    STATUS_CHOICES,
    TITLE,
    count_sentence,
    default_file_name,
    detail_html,
    export_title,
)
from ui.common import dialogs
from ui.common.column_fit import declare_never_elided
from ui.common.item_models import size_columns_from_first_rows
from ui.common.layout import ERROR_COLOUR, HINT_COLOUR, container, hbox, heading, plain_label, vbox

if TYPE_CHECKING:
    from models.database import Database
    from ui.common.settings import Settings

log = logging.getLogger(__name__)

GEOMETRY_NAME = "action_log"
STATUS_MESSAGE_MS = 10_000
REFRESH_DELAY_MS = 500  # after the last save in the main window
QUICK_REFRESH_S = 0.1  # a refresh this quick may run behind the typing; a slower one waits
DETAIL_DELAY_MS = 80  # arrowing through the rows: the carry-overs are read when it stops
FILTER_DELAY_MS = 250  # after the last key typed in the owner box
CSV_FILTER = "Spreadsheet, CSV (*.csv)"
DOCX_FILTER = "Word document (*.docx)"
ITEM_COLUMN_WIDTH = 220


class ActionLogWindow(QMainWindow):
    """The filters, the table of actions, and the story of the selected one."""

    action_chosen = Signal(object)
    """Enter or a double-click on an action: the :class:`ActionLogEntry` to open."""

    def __init__(
        self, database: Database, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._settings = settings
        self._stale = True
        self._refresh_seconds = 0.0  # how long the last refresh took
        self._board_names: dict[str, str] = {}
        self.today: Callable[[], dt.date] = dt.date.today
        """What "today" is for overdue (tests put the clock where they need it)."""
        self.setWindowTitle(f"{TITLE} — RRB Desktop")

        self.model = ActionLogModel(self)
        # What the rows shown were read with (and what it learnt of the log, as they were).
        self._reader = ActionLogReader(database, ActionFilter())
        # A capped count ("more than 500") is exact once the table has scrolled to the end.
        self.model.total_counted.connect(self._show_total)
        self._build_filters()
        self.table = self._build_table()
        self._build_detail()
        self._build_commands()
        self._lay_out()
        self.statusBar()  # the line where an export reports where it went

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(lambda: self._show_detail(self._current_entry()))
        self._owner_timer = QTimer(self)
        self._owner_timer.setSingleShot(True)
        self._owner_timer.setInterval(FILTER_DELAY_MS)
        self._owner_timer.timeout.connect(self.refresh)
        self._connect()
        self.resize(1100, 680)
        geometry = settings.geometry(GEOMETRY_NAME)
        if geometry:
            self.restoreGeometry(geometry)

    # --- building --------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.status_combo = QComboBox()
        for choice in STATUS_CHOICES:
            self.status_combo.addItem(choice.label)
        self.status_combo.setToolTip("Which actions: open (the default), done, rolled over ...")
        self.owner_combo = QComboBox()
        self.owner_combo.setEditable(True)
        self.owner_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner_combo.setMinimumContentsLength(10)
        owner_edit = self.owner_combo.lineEdit()
        assert owner_edit is not None  # the combo box was made editable just above
        owner_edit.setPlaceholderText("Anyone")
        owner_edit.setClearButtonEnabled(True)
        completer = QCompleter(self.owner_combo.model(), self.owner_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.owner_combo.setCompleter(completer)
        self.owner_combo.setToolTip(
            "An organisation's abbreviation (MPS): its actions, alone or shared (MPS/MOPAC)"
        )
        self.board_combo = QComboBox()
        self.board_combo.setToolTip("The board whose meetings raised the actions")
        self.overdue_check = QCheckBox("O&verdue only")
        self.overdue_check.setToolTip("Open actions whose due date is before today")
        self.sort_combo = QComboBox()
        for label, _column, _order in SORT_CHOICES:
            self.sort_combo.addItem(label)
        self.sort_combo.setToolTip("The order of the table (a click on a column header also sorts)")

    def _build_detail(self) -> None:
        self.detail_label = QLabel(NO_SELECTION)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setWordWrap(True)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail_label.setMinimumHeight(110)
        self.detail_label.setContentsMargins(8, 6, 8, 6)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setWordWrap(True)

    def _build_commands(self) -> None:
        self.open_button = QPushButton("&Open meeting")
        self.open_button.setToolTip("Open the meeting at this action in the main window (Enter)")
        self.export_action = QAction("&Export…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.export_action.setStatusTip("Write the actions shown to a .csv or .docx file")
        self.export_action.triggered.connect(lambda _checked=False: self.export())
        self.addAction(self.export_action)
        self.export_button = QPushButton("&Export…")
        self.export_button.setToolTip("Write the actions shown, in that order, to .csv or .docx")
        self.export_button.clicked.connect(self.export_action.trigger)
        self.close_action = QAction("Close", self)
        self.close_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Esc")]
        )
        self.close_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.close_action.triggered.connect(self.close)
        self.addAction(self.close_action)

    def _lay_out(self) -> None:
        filters = hbox(
            plain_label("&Status:", self.status_combo), self.status_combo, 12,
            plain_label("O&wner:", self.owner_combo), self.owner_combo, 12,
            plain_label("&Board:", self.board_combo), self.board_combo, 12,
            self.overdue_check, 12,
            plain_label("So&rt:", self.sort_combo), self.sort_combo, "stretch",
        )  # fmt: skip
        body = vbox(
            filters,
            self.count_label,
            heading("&Actions", self.table),
            self.table,
            heading("Where it was raised and where it went"),
            self.detail_label,
            hbox(self.open_button, "stretch", self.export_button),
            margins=10,
        )
        body.setStretch(3, 1)
        self.setCentralWidget(container(body))
        for first, second in pairwise(
            [
                self.status_combo,
                self.owner_combo,
                self.board_combo,
                self.overdue_check,
                self.sort_combo,
                self.table,
                self.open_button,
                self.export_button,
            ]
        ):
            QWidget.setTabOrder(first, second)

    def _build_table(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab goes on to the buttons
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        size_columns_from_first_rows(header)
        for column in LogColumn:
            mode = {
                LogColumn.ACTION: QHeaderView.ResizeMode.Stretch,
                # Item titles run long ("Theme context setting: Accommodation on Release"):
                # a fixed share, the whole title in the tooltip, so the action gets the room.
                LogColumn.ITEM: QHeaderView.ResizeMode.Interactive,
            }.get(column, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(column, mode)
        declare_never_elided(
            view, [LogColumn.RAISED, LogColumn.OWNERS, LogColumn.DUE, LogColumn.STATUS]
        )
        view.setColumnWidth(LogColumn.ITEM, ITEM_COLUMN_WIDTH)
        # Newest first until the user asks otherwise (the indicator first, or Qt sorts
        # by the first column ascending the moment sorting is switched on).
        header.setSortIndicator(LogColumn.RAISED, Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        view.setToolTip("Enter opens the meeting at this action; click a header to sort")
        return view

    def _connect(self) -> None:
        self.status_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.board_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.overdue_check.toggled.connect(lambda _checked: self.refresh())
        self.owner_combo.editTextChanged.connect(lambda _text: self._owner_timer.start())
        self.owner_combo.activated.connect(lambda _index: self.refresh())
        self.sort_combo.currentIndexChanged.connect(self._sort_chosen)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sorted_by_header)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self.open_button.clicked.connect(self.open_current)

    # --- what the main window asks ---------------------------------------------------------

    def mark_stale(self) -> None:
        """The meetings changed (an edit saved, an import): read the log again soon if it is
        shown and quick to read, else when the window is next shown or activated."""
        self._stale = True
        self._reader.forget()  # the rows shown stay until read again; not what it knew of them
        if self.isVisible() and self._refresh_seconds < QUICK_REFRESH_S:
            self._refresh_timer.start()

    @property
    def is_stale(self) -> bool:
        """Whether the meetings changed since the log was last read."""
        return self._stale

    @property
    def refresh_pending(self) -> bool:
        """Whether the log is about to be read again (a save a moment ago)."""
        return self._refresh_timer.isActive()

    def current_filter(self) -> ActionFilter:
        choice = STATUS_CHOICES[max(self.status_combo.currentIndex(), 0)]
        board = self.board_combo.currentData()
        return ActionFilter(
            statuses=choice.statuses,
            owner=self.owner_combo.currentText().strip() or None,
            board=board if isinstance(board, str) and board else None,
            overdue_on=self.today() if self.overdue_check.isChecked() else None,
        )

    def refresh(self) -> None:
        """Read the log again with the filters as set; the selected action stays selected."""
        self._refresh_timer.stop()
        self._owner_timer.stop()
        action_filter = self.current_filter()
        started = time.perf_counter()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            boards = services.list_boards(self._database)
            organisations = services.list_organisations(self._database)
            count = action_log_count(self._database, action_filter)
        except StorageError as error:
            log.exception("reading the action log failed")
            self._show_count(f"The action log could not be read ({error.reason}).", problem=True)
            return
        finally:
            QApplication.restoreOverrideCursor()
            self._refresh_seconds = time.perf_counter() - started
        self._stale = False
        self._board_names = {board.abbreviation: board.name for board in boards}
        self._fill_boards([(board.name, board.abbreviation) for board in boards])
        self._fill_owners(sorted((org.abbreviation for org in organisations), key=str.casefold))
        keep = self._current_entry()
        reader = self._reader = ActionLogReader(self._database, action_filter)
        self.model.set_query(
            lambda order, offset, limit: self._read_page(reader, order, offset, limit),
            count,
            today=self.today(),
        )
        row = self.model.row_of(keep.id if keep is not None else None)
        if row is None and self.model.rowCount():
            row = 0
        self._select_row(row)
        self._show_total()

    def _read_page(
        self, reader: ActionLogReader, order: LogOrder, offset: int, limit: int | None
    ) -> list[ActionLogEntry]:
        """Entries for the table as it scrolls or sorts; a failure is shown, not raised
        (the model then stops at the rows it has)."""
        try:
            return reader.page(order, offset, limit)
        except StorageError as error:
            log.exception("reading the action log failed")
            self._show_count(f"The action log could not be read ({error.reason}).", problem=True)
            return []

    def select_action(self, action_id: int) -> bool:
        """Make an action the selected row (if it is shown); True if it is."""
        row = self.model.row_of(action_id)
        self._select_row(row)
        return row is not None

    def open_current(self) -> None:
        entry = self._current_entry()
        if entry is not None:
            self.action_chosen.emit(entry)

    def export(self) -> None:
        """Ctrl+E: what is shown, in the order shown, to a .csv or .docx file."""
        entries = self.model.entries()
        if not entries:
            self.statusBar().showMessage(
                "Nothing to export: no action is shown. Change the filters.", STATUS_MESSAGE_MS
            )
            return
        today = self.today()
        suggested = self._settings.export_folder / default_file_name(today)
        chosen, selected_filter = QFileDialog.getSaveFileName(
            self, "Export the action log", str(suggested), f"{CSV_FILTER};;{DOCX_FILTER}"
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (".csv", ".docx"):
            suffix = ".docx" if selected_filter == DOCX_FILTER else ".csv"
            path = path.with_name(path.name + suffix)
        try:
            # python-docx loads only for an export: it is a tenth of the window's start-up.
            from exporters.action_log import write_action_log  # noqa: PLC0415

            write_action_log(entries, path, title=self.export_title(), generated_on=today)
        except ExportError as error:
            log.warning("exporting the action log to %s failed: %s", path, error)
            dialogs.show_problem(
                self, "Export the action log", "The action log was not exported.", str(error)
            )
            return
        self._settings.export_folder = path.parent
        count = f"{len(entries)} action" + ("" if len(entries) == 1 else "s")
        self.statusBar().showMessage(f"Exported {count} to {path}.", STATUS_MESSAGE_MS)

    def export_title(self) -> str:
        """The Word file's title: what the filters chose ("Action log: open actions of MPS")."""
        choice = STATUS_CHOICES[max(self.status_combo.currentIndex(), 0)]
        return export_title(
            self.current_filter(), choice.words, self._owner_abbreviations(), self._board_names
        )

    # --- inside ----------------------------------------------------------------------------

    def _show_total(self) -> None:
        count = self.model.total()
        self._show_count(
            count_sentence(self._reader.action_filter, count, self._owner_abbreviations())
        )

    def _show_count(self, text: str, *, problem: bool = False) -> None:
        self.count_label.setText(text)
        self.count_label.setStyleSheet(f"color: {ERROR_COLOUR if problem else HINT_COLOUR};")

    def _owner_abbreviations(self) -> list[str]:
        return [self.owner_combo.itemText(row) for row in range(self.owner_combo.count())]

    def _fill_owners(self, abbreviations: list[str]) -> None:
        wanted = ["", *abbreviations]
        if self._owner_abbreviations() == wanted:
            return
        text = self.owner_combo.currentText()
        self.owner_combo.blockSignals(True)
        try:
            self.owner_combo.clear()
            self.owner_combo.addItems(wanted)
            self.owner_combo.setEditText(text)
        finally:
            self.owner_combo.blockSignals(False)

    def _fill_boards(self, boards: list[tuple[str, str]]) -> None:
        wanted = [("All boards", ""), *((f"{name} ({abbr})", abbr) for name, abbr in boards)]
        combo = self.board_combo
        current = [(combo.itemText(row), combo.itemData(row)) for row in range(combo.count())]
        if current == wanted:
            return
        keep = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            for label, abbreviation in wanted:
                combo.addItem(label, abbreviation)
            combo.setCurrentIndex(max(combo.findData(keep), 0))
        finally:
            combo.blockSignals(False)

    def _current_entry(self) -> ActionLogEntry | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _select_row(self, row: int | None) -> None:
        if row is None:
            self.table.setCurrentIndex(QModelIndex())
            self._detail_timer.stop()
            self._show_detail(None)
            return
        index = self.model.index(row, LogColumn.ACTION)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._detail_timer.stop()
        self._show_detail(self.model.row_at(row))

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._detail_timer.start()

    def _activated(self, index: QModelIndex) -> None:
        entry = self.model.row_at(index.row()) if index.isValid() else None
        if entry is not None:
            self.action_chosen.emit(entry)

    def _show_detail(self, entry: ActionLogEntry | None) -> None:
        self.open_button.setEnabled(entry is not None)
        chain: list[ActionLogEntry] = []
        problem = ""
        if entry is not None:
            try:
                chain = carry_over_chain(self._database, entry.id)
            except StorageError as error:
                log.exception("reading the carry-overs of action %s failed", entry.id)
                problem = f"Its carry-overs could not be read ({error.reason})."
        self.detail_label.setText(
            detail_html(
                entry, chain, board_names=self._board_names, today=self.model.today, problem=problem
            )
        )

    def _sort_chosen(self, index: int) -> None:
        if 0 <= index < len(SORT_CHOICES):
            _label, column, order = SORT_CHOICES[index]
            self.table.sortByColumn(column, order)

    def _sorted_by_header(self, column: int, order: Qt.SortOrder) -> None:
        """A header click: the Sort box shows the same order."""
        for index, (_label, choice_column, choice_order) in enumerate(SORT_CHOICES):
            if choice_column == column and choice_order == order:
                self.sort_combo.blockSignals(True)
                self.sort_combo.setCurrentIndex(index)
                self.sort_combo.blockSignals(False)
                break
        if self.table.currentIndex().isValid():  # the selected action stays in view
            self.table.scrollTo(self.table.currentIndex())

    # --- Qt overrides ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        """Activated again (the secretary turns to the log): show what changed meanwhile."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self._stale:
            self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._refresh_timer.stop()
        self._owner_timer.stop()
        self._detail_timer.stop()
        self._settings.set_geometry(GEOMETRY_NAME, self.saveGeometry())
        super().closeEvent(event)
