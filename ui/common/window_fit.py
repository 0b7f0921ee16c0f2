"""Windows that fit the screen they open on.

At 1280x800 the main window once opened at 1280x820, the status bar and the buttons under
the screen's edge. A window is sized to the screen's available area (less the title bar and
borders the window manager adds, known only once it is shown), and a size restored from a
larger screen is brought back inside.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE: Final = QSize(16, 48)
"""Room left for a frame not yet known (a title bar, borders) before the window is shown."""


def fitted_size(preferred: QSize, available: QRect, frame: QSize = FRAME_ALLOWANCE) -> QSize:
    """``preferred``, made no larger than ``available`` once the frame is added."""
    return QSize(
        min(preferred.width(), available.width() - frame.width()),
        min(preferred.height(), available.height() - frame.height()),
    )


def available_area(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, preferred: QSize | None = None) -> None:
    """Size ``window`` to ``preferred`` (else its size now) within the available area, centred
    when it had to shrink; once shown, correct it by the frame the window manager drew."""
    available = available_area(window)
    size = fitted_size(preferred or window.size(), available)
    if size != window.size():
        window.resize(size)
        corner = available.center() - QRect(0, 0, size.width(), size.height()).center()
        window.move(max(corner.x(), available.x()), max(corner.y(), available.y()))
    QTimer.singleShot(0, lambda: _inside_after_show(window))


def _inside_after_show(window: QWidget) -> None:
    """The real frame is known now: shrink or move the window so all of it is on screen."""
    if not window.isVisible() or window.isMaximized() or window.isFullScreen():
        return
    available = available_area(window)
    outer = window.frameGeometry()
    if available.contains(outer):
        return
    frame = outer.size() - window.size()
    inner = fitted_size(window.size(), available, frame)
    window.resize(inner)
    move_inside(window, available)


def move_inside(window: QWidget, available: QRect) -> None:
    """Move ``window`` (its frame) into ``available``; the top left corner wins when it is
    too large to fit."""
    outer = window.frameGeometry()
    x = min(max(outer.x(), available.x()), available.right() + 1 - outer.width())
    y = min(max(outer.y(), available.y()), available.bottom() + 1 - outer.height())
    corner = (max(x, available.x()), max(y, available.y()))
    if corner != (outer.x(), outer.y()):
        window.move(*corner)
