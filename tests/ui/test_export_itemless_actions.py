"""An action whose agenda item was deleted in the window still reaches the exported note.

A tester found both open actions of a deleted item missing from the public note, unsaid: they
went under the last item, which was confidential, and a public note leaves those out whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from models import services
from tests.ui.conftest import choose, focused
from tests.ui.test_export_dialog import body_text, open_dialog, press_export

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from models.database import Database
    from models.meeting_doc import MeetingDoc
    from tests.ui.conftest import MessageBoxes
    from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def sample_meeting(sample_meeting: MeetingDoc) -> MeetingDoc:
    """The sample with its last item, AOB and Close, confidential."""
    *items, last = sample_meeting.agenda
    return sample_meeting._replace(agenda=(*items, last._replace(confidential=True)))


@pytest.mark.parametrize("mode", ["Under each item", "In one list at the end"])
def test_the_actions_of_an_item_deleted_in_the_window_are_in_the_exported_note(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    out: Path,
    message_boxes: MessageBoxes,
    mode: str,
) -> None:
    record = services.meeting_record(database, sample_id)
    doc = services.meeting_doc(database, sample_id)
    workshop = 2  # the third item, with two open actions
    descriptions = [action.description for action in doc.agenda[workshop].actions]
    assert len(descriptions) == 2
    assert record.agenda[workshop].title == doc.agenda[workshop].title

    # Ctrl+2, Alt+G (the agenda list), the item, Del.
    qtbot.keyClick(sample_window, Qt.Key.Key_2, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_G, ALT)
    view = sample_window.editor.agenda.list_view
    assert focused() is view
    qtbot.keyClick(view, Qt.Key.Key_Home)
    for _ in range(workshop):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == workshop
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "its 2 actions stay in the meeting, without an item" in (
        sample_window.statusBar().currentMessage()
    )
    assert len(services.meeting_record(database, sample_id).agenda) == len(record.agenda) - 1

    dialog = open_dialog(qtbot, sample_window)
    qtbot.keyClick(dialog.layout_combo, Qt.Key.Key_T, ALT)  # Ac&tions:
    choose(qtbot, dialog.actions_combo, mode)
    message_boxes.answer("Close")
    press_export(qtbot, dialog)
    assert not dialog.isVisible()  # written: the check found nothing to show first

    text = body_text(out / "2025-06-19 RRB Public Note.docx")
    for description in descriptions:
        assert description.rstrip(".") in text  # printed as a sentence of its own
