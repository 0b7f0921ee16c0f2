"""Column widths of a table that has less room than its columns would like (the preview open
on a laptop's screen), sized the way desktop tables are: short columns (a number, a date, a
status, abbreviations) keep the width of their content and are never cut; columns of
middling text share what is left down to the width of their heading; the one long text
column takes the rest and elides (its whole text is in the cell's tooltip and editor)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

NEVER_ELIDED = "never_elided_columns"
"""The view's property naming the columns whose cells always show their whole text."""


def cell_text_width(view: QAbstractItemView, text: str) -> int:
    """How wide a cell must be to show ``text`` whole: the text in the view's font and the
    margins a styled item delegate leaves either side of it."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return view.fontMetrics().horizontalAdvance(text) + 2 * margin


def declare_never_elided(view: QAbstractItemView, columns: Iterable[int]) -> None:
    """Say that ``view`` shows the whole text of these columns' cells (they are sized to
    their content), for the checks of what a window shows (tests/ui/test_fit.py)."""
    view.setProperty(NEVER_ELIDED, list(columns))


def never_elided_columns(view: QAbstractItemView) -> frozenset[int]:
    """The columns ``view`` promises never to cut short (a :class:`ColumnFitter`'s whole
    columns); empty for a view without one."""
    return frozenset(view.property(NEVER_ELIDED) or ())


class ColumnFitter(QObject):
    """Keeps a table's columns fitted to its width, refitted as the table is resized or its
    rows change.

    ``whole``: the columns that keep the width of their content (the widest of the heading,
    the rows and ``samples``, texts the column can hold even when no row shows them yet, so
    the width does not jump as the rows change). ``shares``: columns with a largest width,
    which take their content's width up to it when there is room and shrink together down
    to their heading's width when there is not. ``stretch``: the column that takes the rest,
    never narrower than its heading or ``stretch_minimum``.

    Measuring a column's content asks the model for every row it measures, so the widths are
    kept: the model's changes (several arrive for one edit: the meeting's dates, then the
    rows) mark them stale and refit once, on the next turn of the event loop; a resize (each
    step of a splitter drag) only shares out the width again.
    """

    def __init__(
        self,
        view: QTableView,
        *,
        stretch: int,
        whole: Iterable[int] = (),
        shares: Mapping[int, int] | None = None,
        samples: Mapping[int, Sequence[str]] | None = None,
        stretch_minimum: int = 160,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._stretch = stretch
        self._whole = tuple(whole)
        self._shares = dict(shares or {})
        self._samples = dict(samples or {})
        self._stretch_minimum = stretch_minimum
        declare_never_elided(view, self._whole)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(min(header.minimumSectionSize(), 16))
        for column in (*self._whole, *self._shares):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self._content: dict[int, int] | None = None
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.layoutChanged,
        ):
            signal.connect(self._content_changed)
        self.fit()

    def _content_changed(self) -> None:
        self._content = None
        self._refit.start()

    def _content_width(self, column: int) -> int:
        header = self._view.horizontalHeader()
        texts = self._samples.get(column, ())
        return max(
            header.sectionSizeHint(column),
            self._view.sizeHintForColumn(column),
            *(cell_text_width(self._view, text) for text in texts),
        )

    def fit(self) -> None:
        """Size the columns to the table's width now (measuring their content if it changed)."""
        view = self._view
        header = view.horizontalHeader()
        if self._content is None:
            self._content = {
                column: self._content_width(column) for column in (*self._whole, *self._shares)
            }
        content = self._content
        whole = {column: content[column] for column in self._whole}
        lowest = {column: header.sectionSizeHint(column) for column in self._shares}
        wanted = {
            column: max(lowest[column], min(largest, content[column]))
            for column, largest in self._shares.items()
        }
        stretch = max(self._stretch_minimum, header.sectionSizeHint(self._stretch))
        room = view.viewport().width() - stretch - sum(whole.values())
        spare = sum(wanted.values()) - sum(lowest.values())
        share = 1.0 if spare <= 0 else min(1.0, max(0, room - sum(lowest.values())) / spare)
        for column, width in whole.items():
            header.resizeSection(column, width)
        for column, width in wanted.items():
            low = lowest[column]
            header.resizeSection(column, low + int((width - low) * share))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return super().eventFilter(watched, event)
