"""A hearing transcript in the window: the preview shows it in its own layout, and Ctrl+E
exports it there after the pre-publication check (which names only who is not on the panel
or a speaker)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.interchange import read_meeting_file
from tests.conftest import TRANSCRIPT_EXAMPLE
from tests.ui.conftest import MessageBoxes
from tests.ui.test_export_dialog import open_dialog, press_export
from ui.shell.main_window import MainWindow


def test_a_transcript_previews_and_exports_in_its_layout(
    qtbot: QtBot,
    database: Database,
    open_window: Callable[[], MainWindow],
    out: Path,
    message_boxes: MessageBoxes,
) -> None:
    meeting_id = services.import_meeting(database, read_meeting_file(TRANSCRIPT_EXAMPLE))
    window = open_window()
    assert window.editor.meeting_id == meeting_id
    assert window.editor.details.style_combo.currentText() == "Hearing Transcript (2017 layout)"
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "Start time: 9.00am Finish time: 10.30am" in window.preview.text())
    assert "Sophie Linden, Deputy Mayor for Policing and Crime, (Co-Chair)" in (
        window.preview.text()
    )
    assert not window.preview.message.isVisible()

    dialog = open_dialog(qtbot, window)
    assert dialog.layout_combo.currentText() == "Hearing Transcript (2017 layout)"
    press_export(qtbot, dialog)
    # Members and speakers are allowed; the people they mention are not.
    qtbot.waitUntil(dialog.findings.isVisible)
    flagged = {f.text for f in dialog.findings.findings if f.kind == "name"}
    assert "Samantha" in flagged
    assert not flagged & {"Sophie Linden", "Rebecca Lawrence", "Rebecca", "Debra Levison"}
    message_boxes.answer("Close")  # the offer to open the note
    press_export(qtbot, dialog)  # Export anyway
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (written,) = out.glob("*.docx")
    paragraphs = docx.Document(str(written)).paragraphs
    opening = next(p for p in paragraphs if p.text.startswith("Sophie Linden (Deputy"))
    assert opening.runs[0].bold
    assert opening.runs[0].text == "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair):"
