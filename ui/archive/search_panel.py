"""The Search tab on the left of the window: type, and the meetings that match appear.

"When did co-location last come up?" is answered without a form: the box searches item
titles and notes, actions, themes and organisations as you type (a quarter of a second after
the last key, so a fast typist does not wait on every letter, and at least every
:data:`SEARCH_MAX_WAIT_MS` while someone types without a pause), and lists the meetings
newest first with the words around the match, the matches in bold. Down goes to the results and
Enter opens the meeting at the matching agenda item; Esc clears the box.

Any text is a valid search: ``models.search`` treats every typed character as plain words,
so ``"``, ``*``, ``AND`` or ``NEAR(`` never reach the user as an error. The query runs on
the GUI thread: it costs the same at any archive size, a lone letter included
(``benchmarks/archive.py``), a small part of the quarter of a second the typing pauses
for anyway.

The results follow edits saved in the meeting (:meth:`SearchPanel.refresh_soon`). When a
search is slow (a large archive), it is not run again behind the typing in the minutes but
when the panel is next used (its box or list focused), so no keystroke waits for it.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import StorageError
from models.search import DEFAULT_LIMIT, SearchHit, fts_query, search
from ui.archive.search_model import HIT_ROLE, HTML_ROLE, SearchResultsModel
from ui.common.layout import ERROR_COLOUR, HINT_COLOUR

if TYPE_CHECKING:
    from models.database import Database

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
SEARCH_MAX_WAIT_MS = 800
"""The longest typed text waits for its search: the delay restarts at every key, so without
this the results would not follow someone who types on without a pause."""
QUICK_SEARCH_S = 0.05  # a search this quick may run again behind the typing
PLACEHOLDER = "Search titles, notes, actions, organisations"
TYPE_TO_SEARCH = (
    "Type to search every meeting: item titles and notes, actions, themes and the"
    " organisations that attended. Ctrl+F comes back here from anywhere."
)
NO_WORDS = "Type a word: punctuation alone matches nothing."
_DOCUMENT_MARGIN = 6


class HitDelegate(QStyledItemDelegate):
    """Draws a result as rich text (the meeting, then the snippet with the matches in bold),
    wrapped to the width of the list."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(_DOCUMENT_MARGIN)
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data(HTML_ROLE) or ""))
        document.setTextWidth(max(self._view.viewport().width(), 120))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        document = self._document(item, index)
        item.text = ""  # the style draws the selection only
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, item.palette.color(role))
        rect = item.rect
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        document = self._document(item, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2)


class SearchPanel(QWidget):
    """The search box over its results; Enter on either asks the window to open a result."""

    hit_chosen = Signal(object)
    """A result was chosen (Enter, double-click): the :class:`SearchHit` to open."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._searched: str | None = None  # the text the results are for
        self._stale = False  # an edit was saved since the results were found
        self._search_seconds = 0.0
        # Where the cursor was when Ctrl+F brought it here: Esc gives it back, so that the
        # secretary who looked something up types on in the notes, not in this box.
        self._return_to: QWidget | None = None

        self.box = QLineEdit()
        self.box.setPlaceholderText(PLACEHOLDER)
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search meetings")
        self.box.setToolTip(
            "Ctrl+F from anywhere. Down: to the results; Enter: open; Esc: clear, and back"
        )
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap on a resize
        self.results.setAlternatingRowColors(True)
        self.results.setAccessibleName("Meetings that match")
        self.results.setToolTip("Enter opens the meeting at the matching item; Esc: the box")
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results, 1)
        self.setFocusProxy(self.box)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self._max_wait = QTimer(self)
        self._max_wait.setSingleShot(True)
        self._max_wait.setInterval(SEARCH_MAX_WAIT_MS)
        self._max_wait.timeout.connect(self.run_search)
        self.box.textChanged.connect(self._text_changed)
        self.box.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.activated.connect(self._activated)
        self._show_status(TYPE_TO_SEARCH)

    # --- what the window asks --------------------------------------------------------------

    def focus_box(self) -> None:
        """Ctrl+F: the cursor in the box, its text selected, so typing starts a new search;
        Esc in the box then returns the cursor to the widget it came from."""
        came_from = QApplication.focusWidget()
        if (
            came_from is not None
            and not self.isAncestorOf(came_from)
            and came_from.window() is self.window()  # not the action log's, say
        ):
            self._return_to = came_from
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def refresh_soon(self) -> None:
        """The meetings changed (an edit was saved): search again shortly, if searching."""
        if self._searched is None:
            return
        self._stale = True
        if self.isVisible() and self._search_seconds < QUICK_SEARCH_S:
            self._timer.start()  # else when shown or focused again

    def is_pending(self) -> bool:
        """Whether typed text still waits for its search (the timer has not fired yet)."""
        return self._timer.isActive()

    @property
    def searched_text(self) -> str | None:
        """The text the shown results are for (None before any search)."""
        return self._searched

    def run_search(self) -> None:
        """Search for what is in the box now; the current result stays current if it is still
        among the results."""
        self._timer.stop()
        self._max_wait.stop()
        typed = self.box.text()
        current = self._current_hit()
        if not typed.strip():
            self._searched = None
            self.model.set_hits([])
            self._show_status(TYPE_TO_SEARCH)
            return
        if fts_query(typed) is None:
            self._searched = typed
            self.model.set_hits([])
            self._show_status(NO_WORDS)
            return
        started = time.perf_counter()
        try:
            hits = search(self._database, typed)
        except StorageError as error:
            log.exception("searching for %r failed", typed)
            self._show_status(f"The search did not work ({error.reason}).", problem=True)
            return
        self._search_seconds = time.perf_counter() - started
        self._searched = typed
        self._stale = False
        self.model.set_hits(hits)
        row = self.model.row_of(current.meeting_id if current is not None else None)
        if row is not None:
            self._set_current_row(row)
        self._show_status(self._describe(typed, len(hits)))

    # --- inside ----------------------------------------------------------------------------

    @staticmethod
    def _describe(typed: str, count: int) -> str:
        if count == 0:
            return f"No meetings match “{typed.strip()}”."
        if count >= DEFAULT_LIMIT:
            return f"The newest {count} meetings that match. Down, then Enter opens one."
        meetings = "meeting matches" if count == 1 else "meetings match, newest first"
        return f"{count} {meetings}. Down, then Enter opens one."

    def _show_status(self, text: str, *, problem: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOUR if problem else HINT_COLOUR};")

    def _text_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
            if not self._max_wait.isActive():
                self._max_wait.start()
        else:
            self.run_search()  # cleared: say so at once

    def _current_hit(self) -> SearchHit | None:
        index = self.results.currentIndex()
        return self.model.hit_at(index.row()) if index.isValid() else None

    def _set_current_row(self, row: int) -> None:
        index = self.model.index(row)
        self.results.setCurrentIndex(index)
        self.results.scrollTo(index)

    def _give_focus_back(self) -> bool:
        """The cursor back where Ctrl+F found it, if that widget is still there to take it."""
        target, self._return_to = self._return_to, None
        if target is None or not shiboken6.isValid(target):  # deleted since (a meeting closed)
            return False
        if not (target.isVisible() and target.isEnabled()):
            return False
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self._return_to = None  # the reader goes on from the meeting opened
            self.hit_chosen.emit(hit)

    def _choose_from_box(self) -> None:
        """Enter in the box: the current result, else the first (searching first if the
        typing has not been searched yet)."""
        if self._timer.isActive() or self._searched != self.box.text():
            self.run_search()
        if self.model.rowCount() == 0:
            return
        index = self.results.currentIndex()
        if not index.isValid():
            index = self.model.index(0)
            self.results.setCurrentIndex(index)
        self._activated(index)

    def _go_to_results(self) -> None:
        if self._timer.isActive():
            self.run_search()
        if self.model.rowCount() == 0:
            return
        if not self.results.currentIndex().isValid():
            self._set_current_row(0)
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and self._stale and not self._timer.isActive():
            self.run_search()  # back to the results after edits: they show the edits
        if event.type() == QEvent.Type.FocusOut:
            # Gone elsewhere (a click, Tab): Esc later has nowhere to go back to. None is
            # another window taking the focus for a while; the way back still holds.
            now = QApplication.focusWidget()
            if now is not None and not self.isAncestorOf(now):
                self._return_to = None
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if watched is self.box and plain:
            if key == Qt.Key.Key_Down:
                self._go_to_results()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose_from_box()
                return True
            if key == Qt.Key.Key_Escape:
                cleared = bool(self.box.text())
                self.box.clear()
                if self._give_focus_back() or cleared:
                    return True
        if watched is self.results and plain:
            at_top = self.results.currentIndex().row() <= 0
            if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and at_top):
                self.box.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the tab: the results follow edits made meanwhile."""
        super().showEvent(event)
        if self._searched is not None and self.box.text().strip() and self._stale:
            self.run_search()
