"""The pre-publication check in the export dialog: findings before the file is written."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.publication import allowed_names
from tests.ui.conftest import MessageBoxes
from tests.ui.test_export_dialog import open_dialog, press_export
from ui.shell.main_window import MainWindow

NOTE = Path("2025-06-19 RRB Public Note.docx")


def plant(database: Database, meeting_id: int, text: str) -> None:
    item = services.meeting_record(database, meeting_id).agenda[0]
    services.update_agenda_item(database, item.id, notes=text)


def test_a_flagged_name_is_shown_and_can_be_allowed_for_the_meeting(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    out: Path,
    message_boxes: MessageBoxes,
) -> None:
    plant(database, sample_id, "Lauren presented the performance data.")
    dialog = open_dialog(qtbot, sample_window)
    assert Path(dialog.path_edit.text()) == out / NOTE  # so the checks below are not vacuous

    press_export(qtbot, dialog)

    assert dialog.findings.isVisible()
    assert [f.line for f in dialog.findings.findings] == ["name\titem 1\tLauren"]
    assert not (out / NOTE).exists()  # nothing written before the user has seen them
    qtbot.mouseClick(dialog.findings.allow_button, Qt.MouseButton.LeftButton)
    assert dialog.findings.findings == ()
    assert not dialog.findings.isVisible()
    assert allowed_names(database, sample_id) == ["Lauren"]  # stored
    assert dialog.export_button.text() == "&Export"
    message_boxes.answer("Close")
    press_export(qtbot, dialog)
    qtbot.waitUntil((out / NOTE).is_file)

    (out / NOTE).unlink()
    dialog = open_dialog(qtbot, sample_window)  # the choice is remembered
    message_boxes.answer("Close")
    press_export(qtbot, dialog)
    qtbot.waitUntil((out / NOTE).is_file)


def test_export_anyway_writes_the_checked_note(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    out: Path,
    message_boxes: MessageBoxes,
) -> None:
    plant(database, sample_id, "Call 020 7983 4000 or write to jane.doe@example.org.")
    dialog = open_dialog(qtbot, sample_window)
    press_export(qtbot, dialog)
    assert [f.kind for f in dialog.findings.findings] == ["email", "phone"]
    assert dialog.findings.allow_button.isEnabled() is False  # only names can be allowed

    message_boxes.answer("Close")
    press_export(qtbot, dialog)  # Export anyway
    qtbot.waitUntil((out / NOTE).is_file)
    assert "020 7983 4000" in "\n".join(p.text for p in docx.Document(str(out / NOTE)).paragraphs)


def test_a_thousand_character_title_exports_from_the_dialog(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    out: Path,
    message_boxes: MessageBoxes,
) -> None:
    title = ("Reducing reoffending across London " * 9)[:300]  # as long as its column
    services.update_meeting(database, sample_id, title=title)
    dialog = open_dialog(qtbot, sample_window)
    path = Path(dialog.path_edit.text())
    assert len(path.name) < 130  # the suggested name is shortened, the title is not

    message_boxes.answer("Close")
    press_export(qtbot, dialog)
    qtbot.waitUntil(path.is_file)
    document = docx.Document(str(path))
    assert title.strip() in document.paragraphs[0].text
    assert len(document.core_properties.title) == 255
