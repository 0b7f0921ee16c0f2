"""Work that waits until a widget is on screen: the second stage of the window's start.

A zero-delay timer is not enough for that: under a real window system the window is
painted only once the server has mapped and exposed it, so a call queued when the window
was shown ran before its first paint, and the user saw nothing until it had finished.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class AfterFirstPaint(QObject):
    """Runs ``work`` once, just after ``widget`` is first painted (queued from its paint
    event, so the frame reaches the screen before the work starts)."""

    def __init__(self, widget: QWidget, work: Callable[[], None]) -> None:
        super().__init__(widget)
        self._work = work
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._work)
        return False


class _FilterWhenShown(QObject):
    def __init__(self, widget: QWidget, app_filter: QObject) -> None:
        super().__init__(widget)
        self._app_filter = app_filter
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            _filter_application(self._app_filter)
            self.deleteLater()
        return False


def filter_application_once_shown(app_filter: QObject, widget: QWidget) -> None:
    """Install ``app_filter`` on the application when ``widget`` is first shown (at once if
    it is already). Every event of the app passes through an application filter, in
    Python: building a window sends thousands of events, and filtering them was a large part
    of the main window's start, while the keys such a filter watches matter only once a field
    of the window can have the focus."""
    if widget.isVisible():
        _filter_application(app_filter)
    else:
        _FilterWhenShown(widget, app_filter)


def _filter_application(app_filter: QObject) -> None:
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(app_filter)
