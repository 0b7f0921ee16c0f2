"""exporters.docx_export: each published example, exported from its fixture, prints what
the published note prints before its first item, and its item headings, line for line."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.interchange import read_meeting_file
from tests.conftest import EXAMPLES
from tests.unit.test_docx_export import all_paragraphs, export_and_reopen, texts

# -- the published examples, line for line -------------------------------------------------


# What each published note prints before its first agenda item, and its item headings.
PUBLISHED_OPENINGS = {
    "2025-03-20-public-note": [
        "Reducing Reoffending Board (RRB) | Public Note",
        "20th March, 1:30-3:30pm, Hybrid Meeting",
        "Theme: Employment for people on probation including community sentences",
        "Attendees:",
        "Mayor's Office for Policing and Crime (MOPAC)",
        "London Probation (LP)",
        "Ministry of Justice (MoJ)",
        "Department for Work and Pensions (DWP)",
        "Metropolitan Police Service (MPS)",
        "Greater London Authority (GLA)",
        "NHS England",
        "Youth Justice Board (YJB)",
        "His Majesty's Prison Service (HMPS)",
        "EAB Wormwood Scrubs",
        "New Futures Network",
        "Clinks",
    ],
    "2024-02-29-note-of-meeting": [
        "Note of Meeting",
        "Reducing Reoffending Board",
        "29th February 2024, 14:00-16:00",
        "Mitre House, 223-237 Borough High Street, London SE1 1JD",
        "Chair: Director of Commissioning & Partnerships (MOPAC)",
        "Attendees",
        "Mayor's Office for Police and Crime (MOPAC)",
        "London Probation (LP)",
        "Her Majesty's Prison and Probation Service (HMPPS)",
        "London Borough of Haringey (LBH)",
        "Department for Work and Pensions (DWP)",
        "NHS England (NHSE)",
        "London Prison Group (LPG)",
        "A Fairer Chance CIC",
        "Greater London Authority (GLA)",
        "Metropolitan Police (MPS)",
        "Clinks",
    ],
    "2023-02-28-public-note-of-meeting": [
        "Public Note of Meeting",
        "Reducing Reoffending Board",
        "28 February 2023, 13:30-15:30",
        "MS Teams",
        "Chair: Director of Commissioning & Partnerships (MOPAC)",
        "Attendees:",
        *("MOPAC", "YJB", "NHS", "LB Camden", "LB Haringey", "London Probation"),
        *("LB Hammersmith & Fulham", "LPG", "GLA", "Clinks", "DWP", "London Councils"),
        *("MPS", "Maximus", "DLUHC"),
    ],
    "2019-05-13-record-of-meeting": [
        "Reducing Reoffending Board 13 May 2019",
        "Record of Meeting",
        "Organisations in Attendance",
        "Clinks; Department for Work and Pensions (DWP); Her Majesty's Prisons and Probation"
        " Service (HMPPS); HMP Bronzefield; London Councils; London Heads of Community Safety"
        " (LHOCS); Mayor's Office for Policing and Crime (MOPAC); Metropolitan Police Service"
        " (MPS); Ministry of Housing, Communities, and Local Government (MHCLG); National"
        " Probation Service (NPS); NHS England; Public Health England (PHE); St Mungo's",
    ],
}
PUBLISHED_ITEM_HEADINGS = {
    "2025-03-20-public-note": [
        "Agenda Item 1 | Welcome & Context:",
        "Agenda Item 2 | Theme context setting",
        "Agenda Item 3 | Workshop: Strengthening the System",
    ],
    "2024-02-29-note-of-meeting": [
        "1. Welcome & Apologies",
        "2. Update on RRB Forward Plan",
        "3. Workshop Context setting:",
        "4. Workshop",
        "5. AOB and close",
    ],
    "2023-02-28-public-note-of-meeting": [
        "1. Thematic Review 2021 - 2022",
        "2. Offender Employment and Education",
        "3. Homelessness Prevention",
        "4. Drug Treatment and Continuity of Care",
        "5. Serious Case Review",
        "6. AOB and Close",
    ],
    "2019-05-13-record-of-meeting": [
        "Welcome and Apologies",
        "Performance Data and Updates",
        "Persistent Offenders",
        "Female Offending",
        "Prison Accommodation Pilot",
        "Themed Topic \u2013 Prison Work Coaches and Universal Credit",
        "AOB and Close",
    ],
}


@pytest.mark.parametrize("name", sorted(PUBLISHED_OPENINGS))
def test_published_example_prints_as_published(tmp_path: Path, name: str) -> None:
    meeting = read_meeting_file(EXAMPLES / f"{name}.json")
    document, _ = export_and_reopen(tmp_path, meeting)

    opening = PUBLISHED_OPENINGS[name]
    assert texts(document)[: len(opening)] == opening
    headings = [p.text for p in all_paragraphs(document) if p.style and p.style.name == "Heading 2"]
    expected = PUBLISHED_ITEM_HEADINGS[name]
    assert [h for h in headings if h not in opening] == expected
    if name.startswith("2023"):
        assert document.paragraphs[-1].text == "The next meeting will be on Tuesday 30 May 2023."
    if name.startswith("2019"):
        rows = document.tables[0].rows
        assert [row.cells[0].text for row in rows] == ["Item", *(f"Item {n}" for n in range(1, 8))]
