"""The action log as a file: CSV for spreadsheets, Word for a board paper.

Pure functions of the log entries (the same values the window shows), so what is exported
is exactly what was on screen after filtering.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document
from docx.oxml import OxmlElement

from exporters.docx_text import add_text
from exporters.files import write_atomically
from exporters.package import document_bytes
from exporters.template import open_template
from models.action_log import ActionLogEntry

CSV_COLUMNS = (
    "id",
    "meeting_date",
    "board",
    "item",
    "owners",
    "status",
    "due",
    "description",
    "carried_from",
)

# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a cell that
# begins with one of these is run, not shown, when the file is opened in Excel or Calc.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """The cell as text a spreadsheet shows rather than runs.

    An action is typed by anyone at the board, and a log sent round as a spreadsheet must
    not run `=HYPERLINK(...)` for whoever opens it. Such a cell gets a leading `'` (OWASP's
    advice), so the spreadsheet reads it as text, the quote in front; ordinary text is
    unchanged.
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def action_log_csv(entries: Sequence[ActionLogEntry]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on Windows reads the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        item = "" if entry.item_number is None else f"{entry.item_number}. {entry.item_title}"
        cells = [
            str(entry.id),
            entry.meeting_date.isoformat(),
            entry.board_abbreviation,
            item,
            "/".join(entry.owners),
            entry.status.value,
            entry.due.isoformat() if entry.due else "",
            entry.description,
            str(entry.carried_from_id or ""),
        ]
        writer.writerow([spreadsheet_text(cell) for cell in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def action_log_document(
    entries: Sequence[ActionLogEntry], *, title: str, generated_on: dt.date
) -> Document:
    """A Word table of the actions: a data table, with a repeating header row."""
    document = open_template(None)
    document.core_properties.title = title
    document.core_properties.author = "Reducing Reoffending Board"
    document.core_properties.language = "en-GB"
    stamp = dt.datetime.combine(generated_on, dt.time(), tzinfo=dt.UTC)
    document.core_properties.created = stamp
    document.core_properties.modified = stamp
    document.add_paragraph(title, style="Title")
    document.add_paragraph(
        f"{len(entries)} actions, as at {generated_on.day} {generated_on:%B %Y}.", style="Normal"
    )
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"  # defined in resources/reference.docx
    for cell, heading in zip(
        table.rows[0].cells, ("Raised", "Action", "Owners", "Due", "Status"), strict=True
    ):
        add_text(cell.paragraphs[0], heading, bold=True)
    # The header row repeats on every page; python-docx has no API for it.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for entry in entries:
        cells = table.add_row().cells
        add_text(
            cells[0].paragraphs[0], f"{entry.meeting_date:%d/%m/%Y} {entry.board_abbreviation}"
        )
        add_text(cells[1].paragraphs[0], entry.sentence)
        add_text(cells[2].paragraphs[0], "/".join(entry.owners))
        add_text(cells[3].paragraphs[0], f"{entry.due:%d/%m/%Y}" if entry.due else "")
        add_text(cells[4].paragraphs[0], entry.status.label)
    return document


def write_action_log(
    entries: Sequence[ActionLogEntry], path: Path, *, title: str, generated_on: dt.date
) -> None:
    """Write the log as .csv or .docx, by the suffix; ExportError on failure."""
    if path.suffix.lower() == ".csv":
        data = action_log_csv(entries)
    else:
        stamp = dt.datetime.combine(generated_on, dt.time(), tzinfo=dt.UTC)
        document = action_log_document(entries, title=title, generated_on=generated_on)
        data = document_bytes(document, stamp)
    write_atomically(path, data)
