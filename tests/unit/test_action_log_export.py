"""The action log written to .csv and .docx."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from exporters.action_log import CSV_COLUMNS, action_log_csv, write_action_log
from models import services
from models.action_log import ActionLogEntry, action_log
from models.database import Database
from models.enums import ActionStatus
from models.meeting_doc import MeetingDoc

TODAY = dt.date(2026, 11, 22)


def test_csv_has_a_header_and_one_row_per_action_and_opens_in_excel(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    services.import_meeting(database, sample_meeting)
    entries = action_log(database)
    data = action_log_csv(entries)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(entries) + 1
    first = entries[0]
    assert rows[1][0] == str(first.id)
    assert rows[1][4] == "/".join(first.owners)


def test_docx_is_a_titled_table_with_a_repeating_header(
    database: Database, sample_meeting: MeetingDoc, tmp_path: Path
) -> None:
    services.import_meeting(database, sample_meeting)
    entries = action_log(database)
    path = tmp_path / "log.docx"
    write_action_log(entries, path, title="Open actions", generated_on=TODAY)
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == "Open actions"
    assert document.paragraphs[0].style.name == "Title"
    assert document.core_properties.author == "Reducing Reoffending Board"
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == [
        "Raised",
        "Action",
        "Owners",
        "Due",
        "Status",
    ]
    assert len(table.rows) == len(entries) + 1
    assert table.rows[1].cells[1].text == entries[0].sentence
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    again = tmp_path / "again.docx"
    write_action_log(entries, again, title="Open actions", generated_on=TODAY)
    assert again.read_bytes() == path.read_bytes()


def logged(description: str, owners: tuple[str, ...] = ("MOPAC",)) -> ActionLogEntry:
    return ActionLogEntry(
        id=7,
        meeting_id=1,
        meeting_date=dt.date(2026, 11, 19),
        board_abbreviation="RRB",
        item_number=2,
        item_title="Accommodation",
        description=description,
        owners=owners,
        due=None,
        status=ActionStatus.OPEN,
        carried_from_id=None,
    )


def csv_rows(entries: list[ActionLogEntry]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(action_log_csv(entries).decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://evil.example","click")',
        "+1+2",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(typed: str) -> None:
    (row,) = csv_rows([logged(typed)])
    assert row["description"] == "'" + typed


def test_every_column_is_kept_from_running_not_only_the_description() -> None:
    (row,) = csv_rows([logged("review", owners=("=1+1", "MPS"))])
    assert row["owners"] == "'=1+1/MPS"


@pytest.mark.parametrize(
    "typed",
    ["review the audit", "share 1 = 2 - 3 + 4 @ MOPAC", "'quoted already", "", "Clinks"],
)
def test_ordinary_text_is_written_as_it_was_typed(typed: str) -> None:
    (row,) = csv_rows([logged(typed)])
    assert row["description"] == typed
    assert row["id"] == "7"
    assert row["item"] == "2. Accommodation"
