"""A field's problem leaves the status bar once it no longer holds: the field corrected and
saved, or another meeting opened (it stayed there, untrue, after both). A later message of
another kind is never wiped by that."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from tests.ui.conftest import MessageBoxes
from ui.common.date_fields import DateField, TimeField
from ui.editor.action_commands import ADDED_ACTION_HINT
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier

# (field, what is typed, words of its problem, the correction); the sample starts at 14:00.
PROBLEMS = [
    ("date_edit", "31/04/2025", "31/04/2025 does not exist", "30/04/2025"),
    ("end_edit", "11am", "is not after the start 14:00", "16:30"),
    ("date_edit", "stray keys", "'stray keys' is not a whole date", "19/06/2025"),
]


def type_into(qtbot: QtBot, window: MainWindow, field: str, text: str) -> None:
    widget = getattr(window.editor.details, field)
    assert isinstance(widget, DateField | TimeField)
    widget.line_edit.clear()
    qtbot.keyClicks(widget.line_edit, text)
    window.editor.flush()


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


@pytest.mark.parametrize(("field", "typed", "problem", "fixed"), PROBLEMS)
def test_the_problem_leaves_the_status_bar_once_the_field_is_corrected(
    qtbot: QtBot,
    sample_window: MainWindow,
    field: str,
    typed: str,
    problem: str,
    fixed: str,
) -> None:
    type_into(qtbot, sample_window, field, typed)
    qtbot.waitUntil(lambda: problem in status(sample_window))

    type_into(qtbot, sample_window, field, fixed)

    qtbot.waitUntil(lambda: sample_window.editor.details.message(field.removesuffix("_edit")) == "")
    qtbot.waitUntil(lambda: status(sample_window) == "")


def test_the_problem_leaves_the_status_bar_when_another_meeting_opens(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    open_window: Callable[[], MainWindow],
    message_boxes: MessageBoxes,
) -> None:
    older = services.create_meeting(database, date=dt.date(2020, 1, 1))
    window = open_window()
    type_into(qtbot, window, "date_edit", "31/04/2025")
    qtbot.waitUntil(lambda: "does not exist" in status(window))

    message_boxes.answer("Lose the changes")
    window.meeting_list.setFocus()
    window.archive.select_meeting(older)
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: window.editor.meeting_id == older)
    assert "does not exist" not in status(window)


def test_a_later_message_of_another_kind_stays(qtbot: QtBot, sample_window: MainWindow) -> None:
    type_into(qtbot, sample_window, "end_edit", "11am")
    qtbot.waitUntil(lambda: "is not after the start" in status(sample_window))
    sample_window.statusBar().showMessage("Exported the note to note.docx.", 10_000)

    type_into(qtbot, sample_window, "end_edit", "16:30")

    qtbot.waitUntil(lambda: sample_window.editor.details.message("end") == "")
    assert status(sample_window) == "Exported the note to note.docx."


def _add_an_action(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+A from the agenda, as the secretary does when an action is agreed."""
    window.editor.agenda.list_view.setFocus()
    qtbot.keyClick(window.editor.agenda.list_view, Qt.Key.Key_A, CTRL_SHIFT)
    qtbot.waitUntil(lambda: status(window) == ADDED_ACTION_HINT)
    assert window.editor.actions_panel.report_label.text() == ADDED_ACTION_HINT
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClicks(focus, "circulate the paper")


@pytest.mark.parametrize(
    "move_on",
    [(Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_1, CTRL)],
    ids=["tab-to-the-owners", "another-tab"],
)
def test_the_added_action_hint_leaves_once_the_person_moves_on(
    qtbot: QtBot, sample_window: MainWindow, move_on: tuple[Qt.Key, Qt.KeyboardModifier]
) -> None:
    _add_an_action(qtbot, sample_window)
    assert status(sample_window) == ADDED_ACTION_HINT  # still true while typing

    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, *move_on)

    qtbot.waitUntil(lambda: status(sample_window) == "")
    assert sample_window.editor.actions_panel.report_label.text() == ""


def test_the_added_action_hint_leaves_a_later_message_alone(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    _add_an_action(qtbot, sample_window)
    sample_window.statusBar().showMessage("Exported the note to note.docx.", 10_000)

    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Tab)

    qtbot.waitUntil(lambda: sample_window.editor.actions_panel.report_label.text() == "")
    assert status(sample_window) == "Exported the note to note.docx."
