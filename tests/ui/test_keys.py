"""Issue 14's keys, driven as a minute-taker would, checked against the window and database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from ui.common.focus_marks import FOCUS_COLOUR
from ui.shell.main_window import MainWindow


def _mark_pixels(image: QImage) -> int:
    """How many pixels are the focus mark's colour."""
    wanted = int(FOCUS_COLOUR[1:], 16)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixel(x, y) & 0xFFFFFF == wanted
    )


def test_a_focused_button_shows_a_clear_mark(qtbot: QtBot, sample_window: MainWindow) -> None:
    attendees = sample_window.editor.attendees
    button = next(
        b
        for b in attendees._button_widgets()
        if isinstance(b, QAbstractButton) and b.isVisible() and b.isEnabled()
    )
    other = attendees.table
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    unfocused = _mark_pixels(button.grab().toImage())
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    focused = _mark_pixels(button.grab().toImage())
    assert unfocused == 0
    assert focused >= 2 * (button.width() + button.height())  # a frame all round
    assert QApplication.focusWidget() is button
