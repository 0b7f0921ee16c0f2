"""The Qt models, the file name and time helpers: the pieces the window is built from."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from exporters.files import safe_file_name, suggested_file_name
from models import services
from models.database import Database
from models.enums import Audience, LayoutStyle
from ui.editor.agenda_model import ITEM_ID_ROLE, AgendaListModel


def test_agenda_model_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database, sample_id: int
) -> None:
    model = AgendaListModel()
    model.set_items(services.meeting_record(database, sample_id).agenda)
    assert model.rowCount() >= 3
    qtmodeltester.check(model)


def test_agenda_model_numbers_items_and_marks_confidential_and_untitled(
    database: Database, sample_id: int
) -> None:
    agenda = services.meeting_record(database, sample_id).agenda
    model = AgendaListModel()
    model.set_items(agenda)
    assert model.index(0).data() == f"1. {agenda[0].title}"
    assert model.index(0).data(ITEM_ID_ROLE) == agenda[0].id
    confidential = next(row for row, item in enumerate(agenda) if item.confidential)
    assert model.index(confidential).data().endswith("(confidential)")

    model.edit_item(0, title="  ")
    assert model.index(0).data() == "1. Untitled item"
    assert model.index(0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.item_at(0) == dataclasses.replace(agenda[0], title="  ")


def test_export_file_name_is_date_board_and_display_title(
    database: Database, sample_id: int
) -> None:
    def name() -> str:
        doc = services.meeting_doc(database, sample_id)
        return suggested_file_name(doc, doc.style, Audience.PUBLIC)

    assert name() == "2025-06-19 RRB Public Note.docx"
    services.update_meeting(
        database, sample_id, date=dt.date(2024, 2, 29), style=LayoutStyle.NOTE_OF_MEETING
    )
    assert name() == "2024-02-29 RRB Note of Meeting.docx"
    services.update_meeting(database, sample_id, title='Note 1/2: "draft"?')
    assert name() == "2024-02-29 RRB Note 1-2 draft.docx"
    services.update_meeting(database, sample_id, title="x" * 300)  # as long as its column
    assert len(name()) < 130


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("a/b\\c", "a-b-c"),
        ("  spaced   out. ", "spaced out"),
        ("...", "meeting"),
        ("x\ty", "x-y"),
        ("AOB: close", "AOB close"),
    ],
)
def test_safe_file_name(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe
