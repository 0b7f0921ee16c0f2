"""The search results as a Qt list model: one row per matching meeting, newest first.

Each row carries two texts: the meeting (``19/06/2025 · RRB · Public Note``, with its start
time and layout after the title when another result is of the same board and day, as the
meeting list does) and the snippet around the match. Views that draw rich text take
:data:`HTML_ROLE`, where the snippet is HTML-escaped first and only then has its matches
wrapped in ``<b>``, so notes that mention ``<script>`` or ``a < b`` show as typed;
everything else (screen readers, tooltips, tests) reads the plain
:data:`Qt.ItemDataRole.DisplayRole`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from models.search import MATCH_END, MATCH_START, SearchHit
from ui.archive.meeting_words import SameDay, listed_title, shared_days
from ui.common.item_models import holds_row

Index = QModelIndex | QPersistentModelIndex

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`SearchHit`."""
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row as rich text: the meeting on one line (bold, to scan down the list), then the
snippet with the matches in bold."""
HEADING_ROLE = Qt.ItemDataRole.UserRole + 3
"""The meeting line alone, plain text."""
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 4
"""The snippet alone, escaped, with the matches in ``<b>``."""

SEPARATOR = " · "


def hit_heading(hit: SearchHit, shared: frozenset[SameDay]) -> str:
    """``19/06/2025 · RRB · Public Note``: the order the meeting list uses, and its words
    for two meetings of a board on one day (``shared``)."""
    title = listed_title(hit, shared)
    return SEPARATOR.join((f"{hit.date:%d/%m/%Y}", hit.board_abbreviation, title))


def snippet_html(hit: SearchHit) -> str:
    """The snippet as HTML: the text escaped, then the matches in bold.

    Escaping first matters: the sentinels are control characters ``html.escape`` leaves
    alone, while a ``<`` in the notes must not open a tag.
    """
    escaped = html.escape(hit.snippet, quote=False)
    return escaped.replace(MATCH_START, "<b>").replace(MATCH_END, "</b>")


def first_match(hit: SearchHit) -> str | None:
    """The first matching words of the snippet as they appear in the text (to find them in
    a rendered note), or None if the snippet marks none."""
    _before, start, rest = hit.snippet.partition(MATCH_START)
    words, end, _after = rest.partition(MATCH_END)
    return words if start and end and words.strip() else None


def snippet_text(hit: SearchHit) -> str:
    return hit.snippet_as("", "")


def _plain(hit: SearchHit, shared: frozenset[SameDay]) -> str:
    return f"{hit_heading(hit, shared)}\n{snippet_text(hit)}"


def _tooltip(hit: SearchHit, _shared: frozenset[SameDay]) -> str:
    where = "at the matching agenda item" if hit.item_id is not None else "at its details"
    return f"Enter opens this meeting {where}"


def _html(hit: SearchHit, shared: frozenset[SameDay]) -> str:
    heading = html.escape(hit_heading(hit, shared), quote=False)
    return f"<b>{heading}</b><br>{snippet_html(hit)}"


_ROLES: dict[int, Callable[[SearchHit, frozenset[SameDay]], Any]] = {
    Qt.ItemDataRole.DisplayRole: _plain,
    Qt.ItemDataRole.AccessibleTextRole: _plain,
    Qt.ItemDataRole.ToolTipRole: _tooltip,
    HIT_ROLE: lambda hit, _shared: hit,
    HEADING_ROLE: hit_heading,
    SNIPPET_HTML_ROLE: lambda hit, _shared: snippet_html(hit),
    HTML_ROLE: _html,
}


class SearchResultsModel(QAbstractListModel):
    """Read-only rows of :class:`SearchHit`, as ``models.search.search`` returned them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._shared: frozenset[SameDay] = frozenset()  # days of more than one hit's board

    # --- Qt's interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not holds_row(index, len(self._hits)) or index.column() != 0:
            return None
        look = _ROLES.get(role)
        return look(self._hits[index.row()], self._shared) if look is not None else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not holds_row(index, len(self._hits)):
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # --- what the panel asks ---------------------------------------------------------------

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._shared = shared_days(self._hits)
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of(self, meeting_id: int | None) -> int | None:
        for row, hit in enumerate(self._hits):
            if hit.meeting_id == meeting_id:
                return row
        return None

    @property
    def hits(self) -> list[SearchHit]:
        return list(self._hits)
