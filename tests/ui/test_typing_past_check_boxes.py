"""Typing on a check box goes on in the field after it (``ui.common.type_on_check_box``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from tests.ui.conftest import details_of_a_new_meeting, focused, saved_notes
from ui.shell.main_window import MainWindow


def test_words_typed_on_confidential_go_to_the_notes_and_leave_it_unticked(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """Found trying the app: title, Tab, then what was said. The focus was on
    *Confidential*; the letters were lost and each space ticked or cleared it, and the item
    ended up confidential, out of the public note."""
    editor = sample_window.editor
    check = _focus_confidential(qtbot, sample_window)
    before = saved_notes(database, sample_id, 0)

    for key in "MOPAC set out the priorities":  # each to where the focus is, as a keyboard
        qtbot.keyClicks(focused(), key)

    assert not check.isChecked()
    assert QApplication.focusWidget() is editor.agenda.notes_edit
    assert "MOPAC set out the priorities" in editor.agenda.notes_edit.toPlainText()
    qtbot.waitUntil(
        lambda: (
            saved_notes(database, sample_id, 0) != before
            and "MOPAC set out the priorities" in saved_notes(database, sample_id, 0)
        )
    )
    assert not services.meeting_record(database, sample_id).agenda[0].confidential


def test_space_on_confidential_still_ticks_it(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    check = _focus_confidential(qtbot, sample_window)

    qtbot.keyClick(check, Qt.Key.Key_Space)

    assert check.isChecked()
    assert check.hasFocus()
    qtbot.waitUntil(lambda: services.meeting_record(database, sample_id).agenda[0].confidential)


def test_a_date_typed_on_next_meeting_ticks_it_and_is_the_date(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    meeting_id, details = details_of_a_new_meeting(qtbot, database, open_window)
    details.next_meeting_check.setFocus()
    qtbot.waitUntil(details.next_meeting_check.hasFocus)

    for key in "11122025":
        qtbot.keyClicks(focused(), key)

    assert details.next_meeting_check.isChecked()
    assert QApplication.focusWidget() is details.next_meeting_edit.line_edit
    qtbot.keyClick(details.next_meeting_edit.line_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(
        lambda: services.meeting_record(database, meeting_id).next_meeting == dt.date(2025, 12, 11)
    )


def _focus_confidential(qtbot: QtBot, window: MainWindow) -> QCheckBox:
    """The Agenda tab shown, the focus on the first item's Confidential box."""
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.editor.agenda.isVisible)
    check = window.editor.agenda.confidential_check
    check.setFocus()
    qtbot.waitUntil(check.hasFocus)
    return check
