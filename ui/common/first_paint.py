"""Work that waits until a widget is on screen: the second stage of the window's start.

A zero-delay timer is not enough for that: under a real window system the window is
painted only once the server has mapped and exposed it, so a call queued when the window
was shown ran before its first paint, and the user saw nothing until it had finished.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


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
