"""The question every import asks before adding a meeting the archive holds already,
answered from the keyboard in a real message box: Enter and Escape skip, S (the button's
underlined letter) or Tab then Enter imports the copy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from models.meeting_doc import MeetingDoc
from tests.ui.conftest import MessageBoxes
from ui.common import dialogs

NONE = Qt.KeyboardModifier.NoModifier


def _press_in_the_box(
    qtbot: QtBot, keys: tuple[Qt.Key, ...], modifier: Qt.KeyboardModifier
) -> list[str]:
    """Press ``keys`` in the message box once it is up; the box's text, for the test."""
    seen: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not up yet
            QTimer.singleShot(10, press)
            return
        seen.append(box.text())
        # Should the key do nothing, the box goes after a while, Escape's way, so the test
        # ends (and fails on its answer) rather than waits for ever.
        QTimer.singleShot(5000, box, box.reject)
        for key in keys:
            qtbot.keyClick(box.focusWidget() or box, key, modifier)

    QTimer.singleShot(0, press)
    return seen


@pytest.mark.parametrize(
    ("keys", "modifier", "imported"),
    [
        ((Qt.Key.Key_Return,), NONE, False),
        ((Qt.Key.Key_Escape,), NONE, False),
        ((Qt.Key.Key_S,), NONE, True),
        ((Qt.Key.Key_Tab, Qt.Key.Key_Return), NONE, True),
    ],
)
def test_the_second_copy_question_is_answered_from_the_keyboard(
    qtbot: QtBot,
    message_boxes: MessageBoxes,
    sample_meeting: MeetingDoc,
    keys: tuple[Qt.Key, ...],
    modifier: Qt.KeyboardModifier,
    imported: bool,
) -> None:
    message_boxes.real = True
    seen = _press_in_the_box(qtbot, keys, modifier)

    answer = dialogs.confirm_second_copy(
        None, "Import from Word", "note.docx", sample_meeting, like=[7, 9]
    )

    assert seen == ["note.docx is already in the archive as meetings 7 and 9."]
    assert answer is imported
