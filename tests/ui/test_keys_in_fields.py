"""Keys found broken under a real X server (issue 14's second round): the window's commands
from inside a text field, each Details label's Alt+letter, N in an open Due editor, a single
owner completion, and a refused value's message once the value is fixed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


class EndOfLineOnCtrlE(QObject):
    """Takes Ctrl+E's ShortcutOverride as a QLineEdit does under X11, where Ctrl+E is one of
    the standard bindings of "move to the end of the line" (the offscreen platform the
    tests run on has no such binding, so its line edits let Ctrl+E through)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        taken = (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+E")
        )
        if taken:
            event.accept()
        return taken


def test_ctrl_e_exports_from_the_venue_field_even_where_ctrl_e_is_end_of_line(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    """qtbot.keyClick sends the ShortcutOverride through Qt's shortcut map first, as a real
    key press does; the field takes it here as under X11 (see ``EndOfLineOnCtrlE``)."""
    venue = sample_window.editor.details.venue_edit
    x11_binding = EndOfLineOnCtrlE(venue)
    venue.installEventFilter(x11_binding)
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow)
    qtbot.keyClick(sample_window, Qt.Key.Key_1, CTRL)
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    qtbot.keyClick(venue, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: sample_window.export_dialog is not None)


def test_a_text_field_keeps_its_own_keys(qtbot: QtBot, sample_window: MainWindow) -> None:
    """Select all, copy and paste in a line edit are still the field's (not refused to it)."""
    venue = sample_window.editor.details.venue_edit
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow)
    qtbot.keyClick(sample_window, Qt.Key.Key_1, CTRL)
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    venue.setText("City Hall")
    qtbot.keyClick(venue, Qt.Key.Key_A, CTRL)
    assert venue.selectedText() == "City Hall"
    qtbot.keyClick(venue, Qt.Key.Key_C, CTRL)
    qtbot.keyClick(venue, Qt.Key.Key_End)
    qtbot.keyClick(venue, Qt.Key.Key_V, CTRL)
    assert venue.text() == "City HallCity Hall"
    assert isinstance(venue, QLineEdit)


def _inside(widget: QWidget | None, field: QWidget) -> bool:
    """Whether ``widget`` is ``field`` or one of its children (a composite field's text)."""
    while widget is not None:
        if widget is field:
            return True
        widget = widget.parentWidget()
    return False


def test_every_underlined_letter_on_the_details_tab_goes_to_its_field(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    """Alt+D (date) and Alt+I (time) left the focus where it was: the label's buddy was the
    composite date field, which takes no focus itself (its text box does)."""
    editor = sample_window.editor
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow)
    qtbot.keyClick(sample_window, Qt.Key.Key_1, CTRL)
    labels = [
        label
        for label in editor.details_page.findChildren(QLabel)
        if label.buddy() is not None
        and label.isVisible()
        and not QKeySequence.mnemonic(label.text()).isEmpty()
    ]
    letters = [QKeySequence.mnemonic(label.text()) for label in labels]
    assert "Alt+D" in [letter.toString() for letter in letters]
    missed = []
    for label, letter in zip(labels, letters, strict=True):
        buddy = label.buddy()
        assert buddy is not None
        editor.attendees.table.setFocus()  # somewhere else on the tab
        qtbot.waitUntil(editor.attendees.table.hasFocus)
        qtbot.keyClick(editor.attendees.table, letter[0].key(), ALT)
        if not _inside(QApplication.focusWidget(), buddy):
            missed.append(letter.toString())
    assert missed == []
