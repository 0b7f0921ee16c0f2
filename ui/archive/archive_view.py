"""The archive on the left of the window: a filter bar above a tree of Board → Year → meetings.

What the window needs from it: which meeting the user chose (Enter, a click), which one is
highlighted, and a way to show a given meeting. The filters (board, year, status, order)
are remembered in the settings as soon as they change, so the archive opens as it was left.

Only each board's newest year is expanded at first: a tree of 10,000 meetings lays out just
the rows it shows, and the columns are sized from the font, never by measuring every row.

Whatever rebuilds the tree (a save that moves a meeting, a filter, a meeting added or
deleted here or in another window on a shared archive) keeps the highlighted row and the
groups that were open: the view notes them as the model is about to reset and puts them
back once it has, in one place, so no caller has to remember to. A meeting the filters hide
is remembered until something else is highlighted, and highlighted again when they show it;
while it is hidden (or when nothing was highlighted) the open meeting is, if shown.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QWidget,
)

from models.enums import MeetingStatus
from ui.archive.archive_groups import GroupKey
from ui.archive.archive_model import ArchiveModel, Column
from ui.archive.archive_source import ArchiveSource, ListedMeetings
from ui.archive.archive_tree import ArchiveTree, TypedDate, date_being_typed, typed_date
from ui.archive.meeting_words import board_label
from ui.common.date_fields import DateField
from ui.common.dialog_fit import keep_contents_fitted
from ui.common.layout import hbox, hint, plain_label, vbox
from ui.common.settings import NEWEST_FIRST, OLDEST_FIRST, ArchiveFilter, Settings
from ui.common.typed_values import EARLIEST, UnreadableValueError

if TYPE_CHECKING:
    from models.services import MeetingSummary

ALL_BOARDS: Final = "All boards"
ALL_YEARS: Final = "All years"
ALL_STATUSES: Final = "All"


class ArchiveView(QWidget):
    """The filter bar and the tree; emits the meeting the user chose."""

    meeting_activated = Signal(int)
    """Enter (or a double-click) on a meeting: open it and go to its fields."""
    meeting_clicked = Signal(int)
    """A click on a meeting: open it, the cursor stays in the archive."""
    message_posted = Signal(str)
    """A line for the status bar: a date typed that no meeting shown was held on."""
    message_withdrawn = Signal(str)
    """A line :attr:`message_posted` said no longer holds (a date typed on found a meeting):
    the status bar drops it if it still shows it, not whatever came after it."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._expanded: set[GroupKey] | None = None  # None until the first meetings arrive
        self._kept: int | GroupKey | None = None  # the row highlighted while the model resets
        # The meeting last highlighted by the user (or the window), kept while the filters
        # hide it; None once a board or year row is.
        self._remembered: int | None = None
        self._restoring = False  # the rebuild puts the highlight back: nobody chose it
        self._missed = ""  # what the status bar was told a date typed found (nothing)

        self.model = ArchiveModel(self)
        self.model.set_filter(settings.archive_filter)
        self.tree = self._create_tree()

        self.board_combo = _combo("Show the meetings of one board")
        self.year_combo = _combo("Show the meetings of one year")
        self.status_combo = _combo("Show only the drafts, or only the final meetings")
        self.status_combo.addItem(ALL_STATUSES, "")
        for status in MeetingStatus:
            self.status_combo.addItem(status.label, status.value)
        self.order_combo = _combo("Newest or oldest meetings at the top of each board")
        self.order_combo.addItem("Newest first", NEWEST_FIRST)
        self.order_combo.addItem("Oldest first", OLDEST_FIRST)
        self.count_label = hint("")
        self.clear_button = QPushButton("Show all")
        self.clear_button.setToolTip("Clear the board, year and status filters")
        self.clear_button.setVisible(False)

        bar = QGridLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(plain_label("Board:", self.board_combo), 0, 0)
        bar.addWidget(self.board_combo, 0, 1, 1, 3)
        bar.addWidget(plain_label("Year:", self.year_combo), 1, 0)
        bar.addWidget(self.year_combo, 1, 1)
        bar.addWidget(plain_label("Status:", self.status_combo), 1, 2)
        bar.addWidget(self.status_combo, 1, 3)
        bar.addWidget(plain_label("Order:", self.order_combo), 2, 0)
        bar.addWidget(self.order_combo, 2, 1)
        bar.addLayout(hbox(self.count_label, "stretch", self.clear_button), 2, 2, 1, 2)
        bar.setColumnStretch(1, 1)
        bar.setColumnStretch(3, 1)
        self.setLayout(vbox(bar, self.tree, margins=0))
        for first, second in (
            (self.board_combo, self.year_combo),
            (self.year_combo, self.status_combo),
            (self.status_combo, self.order_combo),
            (self.order_combo, self.clear_button),
            (self.clear_button, self.tree),
        ):
            QWidget.setTabOrder(first, second)
        self._show_filter()
        self._connect()

    def _create_tree(self) -> ArchiveTree:
        tree = ArchiveTree()
        tree.setModel(self.model)
        tree.setUniformRowHeights(True)  # no row is measured to lay out the tree
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setAllColumnsShowFocus(True)
        tree.setAlternatingRowColors(True)
        tree.setWordWrap(False)
        tree.setExpandsOnDoubleClick(False)  # activation toggles a group, once
        tree.setAccessibleName("Meetings by board and year")
        tree.setToolTip("Enter opens the meeting (or opens a year); Del deletes the meeting")
        header = tree.header()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        # Widths from the font, not from the rows: measuring 10,000 rows costs seconds.
        metrics = tree.fontMetrics()
        padding = 2 * metrics.horizontalAdvance("0")
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.DATE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.Interactive)
        # A meeting sits two levels down: three indentations (the root's decoration too).
        header.resizeSection(
            Column.DATE, 3 * tree.indentation() + metrics.horizontalAdvance("00/00/0000") + padding
        )
        header.resizeSection(
            Column.STATUS,
            max(metrics.horizontalAdvance(text) for text in ("Status", "Draft", "Final")) + padding,
        )
        tree.setMinimumWidth(320)
        return tree

    def _connect(self) -> None:
        self.tree.activated.connect(self._activated)
        self.tree.clicked.connect(self._clicked)
        self.tree.text_typed.connect(self._text_typed)
        self.tree.selectionModel().currentChanged.connect(self._highlight_moved)
        self.tree.expanded.connect(lambda index: self._remember(index, expanded=True))
        self.tree.collapsed.connect(lambda index: self._remember(index, expanded=False))
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.model.counts_read_again.connect(self._show_filter)
        for combo in (self.board_combo, self.year_combo, self.status_combo, self.order_combo):
            combo.activated.connect(lambda _index: self._filter_chosen())
        self.clear_button.clicked.connect(self.clear_filters)

    # --- what the window tells the archive --------------------------------------------------

    def show_archive(self, source: ArchiveSource) -> None:
        """Show the archive ``source`` reads (again); the filters and the place are kept."""
        self.model.set_source(source)
        if self._expanded is None and self.model.meeting_count():
            self._expanded = set()
            self._expand_latest()
        self._show_filter()

    def set_meetings(self, meetings: list[MeetingSummary]) -> None:
        """Show the meetings listed (newest first), held in memory."""
        self.show_archive(ListedMeetings(meetings))

    def update_meeting(self, summary: MeetingSummary) -> None:
        """Show one meeting's row as saved now (the others are left alone).

        A new date or board can move the meeting to another board or year, one that may be
        closed. The highlighted meeting is followed there by the tree's rebuild (see
        ``_after_reset``); if no meeting was highlighted, the open one is, if it moved."""
        highlighted = self.current_meeting()
        moved = self.model.update_meeting(summary)
        if highlighted is None and moved and summary.id == self.model.open_meeting_id:
            self.select_meeting(summary.id)

    def set_open_meeting(self, meeting_id: int | None) -> None:
        self.model.set_open_meeting(meeting_id)

    def select_meeting(self, meeting_id: int | None) -> bool:
        """Highlight a meeting (its board and year open up); False if the filters hide it."""
        index = self.model.index_of(meeting_id)
        if not index.isValid():
            return False
        self.tree.expand(index.parent().parent())
        self.tree.expand(index.parent())
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def reveal(self, meeting_id: int) -> bool:
        """Highlight a meeting, clearing the filters if they hide it; True if they were."""
        if self.model.index_of(meeting_id).isValid() or self.model.summary_of(meeting_id) is None:
            self.select_meeting(meeting_id)
            return False
        self.clear_filters()
        self.select_meeting(meeting_id)
        return True

    def current_meeting(self) -> MeetingSummary | None:
        """The meeting highlighted in the tree (None on a board or year row)."""
        return self.model.summary_at(self.tree.currentIndex())

    def focus_tree(self) -> None:
        """The cursor into the tree, on the highlighted row (else the first one)."""
        if not self.tree.currentIndex().isValid() and self.model.rowCount():
            self.tree.setCurrentIndex(self.model.index(0, 0))
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def clear_filters(self) -> None:
        """Every board, year and status (the order stays as chosen)."""
        order = self.model.filter.newest_first
        self._apply(ArchiveFilter(newest_first=order))

    # --- filters -----------------------------------------------------------------------------

    def _filter_chosen(self) -> None:
        year = self.year_combo.currentData()
        status = self.status_combo.currentData()
        self._apply(
            ArchiveFilter(
                board=self.board_combo.currentData() or None,
                year=int(year) if year else None,
                status=MeetingStatus(status) if status else None,
                newest_first=self.order_combo.currentData() != OLDEST_FIRST,
            )
        )

    def _apply(self, archive_filter: ArchiveFilter) -> None:
        """The highlighted meeting stays highlighted if the filter still shows it (the
        rebuild keeps it); the years opened now may push it down, so it is scrolled to."""
        self.model.set_filter(archive_filter)
        self._settings.archive_filter = archive_filter
        if self._expanded is not None:
            self._expand_latest()
        if self.tree.currentIndex().isValid():
            self.tree.scrollTo(self.tree.currentIndex())
        self._show_filter()

    def _show_filter(self) -> None:
        """Fill the drop-downs from the meetings listed, showing the filter in force; a
        remembered board or year with no meeting left is dropped."""
        wanted = self.model.filter
        boards = self.model.boards()
        years = self.model.years()
        board = wanted.board if wanted.board in {name for name, _abbr in boards} else None
        year = wanted.year if wanted.year in years else None
        if (board, year) != (wanted.board, wanted.year) and self.model.meeting_count():
            self._apply(ArchiveFilter(board, year, wanted.status, wanted.newest_first))
            return
        _fill(self.board_combo, ALL_BOARDS, [(board_label(*pair), pair[0]) for pair in boards])
        _fill(self.year_combo, ALL_YEARS, [(str(number), number) for number in years])
        _choose(self.board_combo, wanted.board or "")
        _choose(self.year_combo, wanted.year or "")
        _choose(self.status_combo, wanted.status.value if wanted.status else "")
        _choose(self.order_combo, NEWEST_FIRST if wanted.newest_first else OLDEST_FIRST)
        total = self.model.meeting_count()
        shown = self.model.shown_count()
        if wanted.narrows:
            self.count_label.setText(f"{shown:,} of {total:,} meetings")
        else:
            self.count_label.setText(f"{total:,} meeting" + ("" if total == 1 else "s"))
        self.clear_button.setVisible(wanted.narrows)
        for widget in (self.board_combo, self.year_combo, self.status_combo, self.order_combo):
            widget.setEnabled(total > 0)

    # --- the tree ----------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        summary = self.model.summary_at(index)
        if summary is not None:
            self.meeting_activated.emit(summary.id)
        elif index.isValid():
            group = index.siblingAtColumn(0)
            self.tree.setExpanded(group, not self.tree.isExpanded(group))

    def _clicked(self, index: QModelIndex) -> None:
        summary = self.model.summary_at(index)
        if summary is not None:
            self.meeting_clicked.emit(summary.id)

    def _text_typed(self, text: str, extends: bool) -> None:
        """A date typed goes to the newest meeting of that day (and year, if typed) that the
        filters show, wherever it is; anything else goes to the next board or year row it
        starts. A day, or a date not whole yet, moves nothing: "1" is no row's start."""
        date = typed_date(text)
        if date is not None:
            self._go_to_date(date)
        elif not date_being_typed(text):
            self._go_to_group(text, from_current=extends)

    def _go_to_date(self, date: TypedDate) -> None:
        """Highlight the meeting (its board and year open); if there is none, the highlight
        stays where it was and the status bar says so."""
        found = self.model.newest_on(date.day, date.month, date.year) if date.exists() else None
        if found is not None and self.select_meeting(found.id):
            if self._missed:
                self.message_withdrawn.emit(self._missed)
                self._missed = ""
            return
        if not date.exists():
            message = f"{date} is not a date."
        elif self.model.filter.narrows:
            message = f"No meeting on {date} among the meetings the filters show."
        else:
            message = f"No meeting on {date}."
        self._missed = message
        self.message_posted.emit(message)

    def _go_to_group(self, text: str, *, from_current: bool) -> None:
        """The next board or year row (closed boards' years too) whose label starts with
        ``text``, after the row highlighted (from it, when the text was extended)."""
        groups = list(self.model.group_indexes())
        current = self.tree.currentIndex()
        if self.model.summary_at(current) is not None:
            current, from_current = current.parent(), False  # the rows after it: next year's
        key = self.model.group_key(current)
        keys = [self.model.group_key(index) for index in groups]
        start = keys.index(key) + (0 if from_current else 1) if key in keys else 0
        wanted = text.casefold()
        for offset in range(len(groups)):
            index = groups[(start + offset) % len(groups)]
            if str(index.data()).casefold().startswith(wanted):
                if index.parent().isValid():
                    self.tree.expand(index.parent())
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
                return

    def _remember(self, index: QModelIndex, *, expanded: bool) -> None:
        key = self.model.group_key(index)
        if key is None or self._expanded is None:
            return
        if expanded:
            self._expanded.add(key)
        else:
            self._expanded.discard(key)

    def _expand_latest(self) -> None:
        """Each board and its newest year open up (added to what the user opened)."""
        assert self._expanded is not None
        self._expanded.update(self.model.latest_year_keys())
        self._restore_expanded()

    def _highlight_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Remember the meeting highlighted, unless the rebuild put it there."""
        if self._restoring:
            return
        summary = self.model.summary_at(current)
        if summary is not None:
            self._remembered = summary.id
        elif current.isValid():
            self._remembered = None

    def _before_reset(self) -> None:
        """Note the row highlighted, by what survives the rebuild: a meeting's ID (it may
        move to another year), a board's or year's key. The meeting remembered comes
        first: the open one highlighted while the filters hide it only stands in for it."""
        current = self.tree.currentIndex()
        summary = self.model.summary_at(current)
        if self._remembered is not None:
            self._kept = self._remembered
        else:
            self._kept = summary.id if summary is not None else self.model.group_key(current)

    def _after_reset(self) -> None:
        """Group rows span the columns, the groups open before are open again, and the row
        highlighted before is again, wherever it now is (a meeting moved to another year:
        that year opens). A meeting now hidden by the filters is remembered, and the open
        meeting highlighted meanwhile if it is shown; a meeting deleted is forgotten. Only
        the cursor moves: nothing is announced as chosen, so no meeting is opened (or the
        open one saved) by a rebuild."""
        for index in self.model.group_indexes():
            self.tree.setFirstColumnSpanned(index.row(), index.parent(), True)
        self._restore_expanded()
        kept, self._kept = self._kept, None
        if isinstance(kept, int):
            if not self.model.index_of(kept).isValid() and self.model.summary_of(kept) is None:
                self._remembered = None  # deleted
            self.restore_highlight(kept)
        elif kept is not None and (group := self.model.group_index(kept)).isValid():
            self.tree.setCurrentIndex(group)

    def restore_highlight(self, kept: int | None = None) -> None:
        """With nothing highlighted: the meeting remembered (else ``kept``, the one
        highlighted before a rebuild), else the open one, if shown; none of them becomes
        the meeting remembered."""
        if self.tree.currentIndex().isValid():
            return
        self._restoring = True
        try:
            for meeting_id in (self._remembered, kept, self.model.open_meeting_id):
                if meeting_id is not None and self.select_meeting(meeting_id):
                    return
        finally:
            self._restoring = False

    def _restore_expanded(self) -> None:
        if not self._expanded:
            return
        for key in sorted(self._expanded, key=len):  # boards before their years
            index = self.model.group_index(key)
            if index.isValid() and not self.tree.isExpanded(index):
                self.tree.expand(index)


class NewMeetingDateDialog(QDialog):
    """Asks the date of a meeting started from a previous one that named no next meeting.

    The date starts three months after the previous meeting (the Board meets about
    quarterly) and cannot be set on or before it.
    """

    def __init__(self, reason: str, previous: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New meeting from previous")
        earliest = max(previous + dt.timedelta(days=1), EARLIEST)
        self.date_edit = DateField(earliest=earliest, inline_message=False)
        suggested = _qdate(previous).addMonths(3).toPython()  # Qt keeps the 31st in range
        assert isinstance(suggested, dt.date)  # QDate converts to datetime.date
        self.date_edit.set_value(suggested)
        self.message = QLabel(reason)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Create meeting")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.setLayout(
            vbox(
                self.message,
                hbox(plain_label("&Date of the new meeting:", self.date_edit), self.date_edit),
                self.date_edit.message,
                buttons,
                margins=12,
            )
        )
        self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        keep_contents_fitted(self)  # taller for the red line under the date

    def date(self) -> dt.date | None:
        """The date typed or picked; None while the text is not a date that can be used."""
        try:
            return self.date_edit.value()
        except UnreadableValueError:
            return None

    def accept(self) -> None:
        """Create the meeting only on a date that exists and comes after the previous one;
        otherwise say why under the field and keep the dialog, and the text, as they are."""
        try:
            self.date_edit.value()
        except UnreadableValueError as error:
            self.date_edit.show_problem(str(error))
            self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().accept()


# --- helpers -------------------------------------------------------------------------------------


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _combo(tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setToolTip(tip)
    combo.setAccessibleDescription(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _fill(combo: QComboBox, everything: str, entries: list[tuple[str, object]]) -> None:
    """Replace the entries (``everything`` first) without announcing a choice."""
    wanted = [(everything, ""), *entries]
    if [(combo.itemText(row), combo.itemData(row)) for row in range(combo.count())] == wanted:
        return
    combo.blockSignals(True)
    combo.clear()
    for text, data in wanted:
        combo.addItem(text, data)
    combo.blockSignals(False)


def _choose(combo: QComboBox, data: object) -> None:
    row = combo.findData(data)
    combo.blockSignals(True)
    combo.setCurrentIndex(max(row, 0))
    combo.blockSignals(False)
