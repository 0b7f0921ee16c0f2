"""Old minutes as a secretary typed them in Word, built small with python-docx: a Title,
a details line, a chair, Attendees and Apologies headings, numbered item headings, typed
bullets, an Actions heading with a table, and the date of the next meeting (the shape a
tester's real files had), for the Word import's unit and command-line tests."""

from __future__ import annotations

from pathlib import Path

import docx

DETAILS = "Minutes of meeting held on Tuesday 14 March 2023, 10:00 - 12:00, 169 Union Street"
ACTION_ROWS = (
    ("No.", "Action", "Owner", "Due"),
    ("1", "Share arrest data for women with LP", "MPS", "30/04/2023"),
    ("2", "Circulate the women's strategy to all partners", "LP", "ASAP"),
    ("3", "Review funding options for women's centres", "MOPAC/DWP", "31/02/2024"),
)


def minutes(
    path: Path,
    *,
    details: str = DETAILS,
    apologies: bool = True,
    actions: tuple[tuple[str, ...], ...] | None = ACTION_ROWS,
    closing: str = "Date of next meeting: 13 June 2023",
) -> Path:
    """Minutes as a secretary types them: the tester's document, built small."""
    document = docx.Document()
    document.add_paragraph("Reducing Reoffending Board", style="Title")
    document.add_paragraph(details)
    document.add_paragraph("Chair: Director of Criminal Justice, MOPAC")
    document.add_heading("Attendees", level=2)
    for name in ("MOPAC", "London Probation (LP)", "Metropolitan Police Service (MPS)"):
        document.add_paragraph(name)
    document.add_paragraph("Department for Work and Pensions (DWP)")
    if apologies:
        document.add_heading("Apologies", level=2)
        document.add_paragraph("NHS England (NHSE)")
    document.add_heading("1. Welcome and introductions", level=2)
    document.add_paragraph(
        "The Chair welcomed members. Ms Patel from MPS attended for the first time."
    )
    document.add_heading("2. Women in the criminal justice system", level=2)
    document.add_paragraph("LP presented the women's strategy. Key points:")
    document.add_paragraph("\u2022 Funding ends 31 March 2024")
    document.add_heading("3. AOB", level=2)
    document.add_paragraph("None.")
    if actions is not None:
        document.add_heading("Actions", level=2)
        table = document.add_table(rows=0, cols=len(actions[0]))
        for row in actions:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    document.add_paragraph(closing)
    document.save(str(path))
    return path
