"""Dialogs that grow to show what appears in them, within the screen.

A top-level window takes its minimum size from its layout, but Qt leaves out the height a
word-wrapped label needs at the window's width, and leaves the minimum alone altogether once a
minimum width was set by hand. So when the export dialog's findings appeared, or the red line
under the date of a new meeting, the dialog kept its size: the labels above were cut to one
line and the "Allow this name" button was laid over the list. :func:`keep_contents_fitted`
makes the dialog's minimum the height its contents need at its width, and grows the dialog to
it, moved as need be to stay on the screen. When what appeared goes again (the export
dialog's hint about actions left out), the dialog gives the room back, down to the height
the person gave it if they resized it: a gap where a line was is room nobody asked for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QWidget

from ui.common.window_fit import FRAME_ALLOWANCE, available_area, move_inside

_REFIT_EVENTS = frozenset({QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Show})


class ContentsFit(QObject):
    """Keeps one window at least as large as its layout needs at its width (see the module)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._floor = window.minimumSize()  # what the window asked for itself (a width)
        self._chosen_height = 0  # the height the person dragged it to: it never goes below
        self._sizes_set: list[tuple[int, int]] = []  # the last sizes this fit (or Qt) gave it
        # Once the layout has done its own pass: a layout request is handled after filters.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in _REFIT_EVENTS:
            self._timer.start()
        return False

    def needed(self) -> QSize:
        """The smallest size that shows the contents whole at the window's width, no larger
        than the screen's room for it."""
        window = self._window
        layout = window.layout()
        if layout is None:
            return window.minimumSize()
        layout.activate()
        visible = window.isVisible()
        frame = window.frameGeometry().size() - window.size() if visible else FRAME_ALLOWANCE
        room = available_area(window).size() - frame
        smallest = layout.totalMinimumSize()
        width = min(max(smallest.width(), self._floor.width()), room.width())
        at_width = max(width, window.width())
        height = (
            layout.totalMinimumHeightForWidth(at_width)
            if layout.hasHeightForWidth()
            else smallest.height()
        )
        return QSize(width, min(max(height, self._floor.height()), room.height()))

    def fit(self) -> None:
        window = self._window
        if not window.isVisible() or window.isMaximized() or window.isFullScreen():
            return
        needed = self.needed()
        if window.minimumSize() != needed:
            window.setMinimumSize(needed)
        now = (window.width(), window.height())
        if not self._sizes_set:
            self._sizes_set.append(now)  # as first shown: Qt's size, not a choice
        elif now not in self._sizes_set:
            # Not a size asked for here (under X11 one lands late, so the last few count):
            # the person resized the window, and their height is kept.
            self._chosen_height = window.height()
        size = QSize(max(window.width(), needed.width()), max(needed.height(), self._chosen_height))
        if size != window.size():
            self._sizes_set = [*self._sizes_set[-3:], (size.width(), size.height())]
            window.resize(size)
        # Also when it did not grow now: under X11 a resize lands later, as the Resize event
        # that brings the window back here, and only then is its frame known to be too low.
        move_inside(window, available_area(window))


def keep_contents_fitted(window: QWidget) -> ContentsFit:
    """Make ``window`` grow, within the screen, whenever its contents need more room."""
    return ContentsFit(window)
