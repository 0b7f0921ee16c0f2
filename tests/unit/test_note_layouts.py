"""Actions as each layout prints them, the page furniture, and titles of any length."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document

from exporters.docx_export import build_document, export_docx
from exporters.layouts import layout_for
from exporters.options import ActionsMode
from exporters.preview import document_to_html
from models.action_sentence import action_sentence
from models.enums import BOARD_NOTE_LAYOUTS, ActionStatus, Audience, LayoutStyle
from models.interchange import read_meeting_file
from models.meeting_doc import ActionDoc, AgendaItemDoc, BoardRef, MeetingDoc

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"


def lines(document: Document) -> list[str]:
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += [p.text for p in cell.paragraphs]
    return found


def meeting_with_actions(style: LayoutStyle) -> MeetingDoc:
    actions = (
        ActionDoc("review the outcomes of the pilot.", ("MPS",)),
        ActionDoc("Learning from the Southwark co-location pilot to be shared.", ("DWP",)),
        ActionDoc("close the old log.", ("LP",), status=ActionStatus.DONE),
        ActionDoc("write to the minister.", ("GLA",), status=ActionStatus.DROPPED),
        ActionDoc("update the index.", ("MPS",), status=ActionStatus.ROLLED_OVER),
    )
    return MeetingDoc(
        board=BoardRef("Reducing Reoffending Board", "RRB"),
        date=date(2024, 2, 29),
        style=style,
        agenda=(AgendaItemDoc("Welcome", "Opened.", actions=actions),),
    )


def test_the_2024_note_prints_no_actions_list_by_default() -> None:
    meeting = read_meeting_file(EXAMPLES / "2024-02-29-note-of-meeting.json")
    assert "Actions:" not in lines(build_document(meeting))
    assert layout_for(LayoutStyle.NOTE_OF_MEETING).default_actions is ActionsMode.NONE


def test_the_2019_record_prints_actions_under_each_item() -> None:
    meeting = read_meeting_file(EXAMPLES / "2019-05-13-record-of-meeting.json")
    printed = lines(build_document(meeting))
    assert printed.count("Actions:") == 3


@pytest.mark.parametrize("style", BOARD_NOTE_LAYOUTS)  # a transcript prints no actions
def test_per_item_prints_open_actions_only(style: LayoutStyle) -> None:
    document = build_document(meeting_with_actions(style), actions=ActionsMode.PER_ITEM)
    printed = lines(document)
    assert "Actions:" in printed
    assert "MPS to review the outcomes of the pilot." in printed
    assert "DWP: Learning from the Southwark co-location pilot to be shared." in printed
    assert "MPS to update the index. (rolled over to the next meeting)" in printed
    assert not any("close the old log" in line for line in printed)
    assert not any("minister" in line for line in printed)
    assert not any("DWP to Learning" in line for line in printed)


@pytest.mark.parametrize("actions", [ActionsMode.PER_ITEM, ActionsMode.SUMMARY])
@pytest.mark.parametrize("audience", list(Audience))
def test_the_2025_note_prints_an_actions_due_date(actions: ActionsMode, audience: Audience) -> None:
    """The tester's case: an action due 31/05/2024 printed without its date. It says it
    now, in the document and in the preview made from it; due on the next meeting, it says
    that."""
    meeting = read_meeting_file(EXAMPLES / "2025-03-20-public-note.json")
    item = meeting.agenda[0]
    dated = (
        ActionDoc("review housing referrals data", ("MPS", "MOPAC"), date(2024, 5, 31)),
        ActionDoc("share the pilot's findings.", ("LP",), date(2025, 6, 19)),
    )
    meeting = meeting._replace(
        agenda=(item._replace(actions=dated), *meeting.agenda[1:]),
        next_meeting=date(2025, 6, 19),
    )
    document = build_document(meeting, actions=actions, audience=audience)
    printed = lines(document)
    suffix = " (item 1)" if actions is ActionsMode.SUMMARY else ""
    first = "MPS/MOPAC to review housing referrals data by 31 May 2024" + suffix
    second = "LP to share the pilot's findings by the next meeting." + suffix
    assert [first, second] == [line for line in printed if line in (first, second)]
    preview = document_to_html(document)
    assert "by 31 May 2024" in preview
    assert "findings by the next meeting." in preview


def test_an_internal_record_marks_done_and_dropped_actions() -> None:
    document = build_document(
        meeting_with_actions(LayoutStyle.PUBLIC_NOTE),
        audience=Audience.INTERNAL,
        actions=ActionsMode.PER_ITEM,
    )
    printed = lines(document)
    assert "LP to close the old log. (done)" in printed
    assert "GLA to write to the minister. (dropped)" in printed


def test_summary_lists_the_actions_once_at_the_end_with_their_item() -> None:
    document = build_document(
        meeting_with_actions(LayoutStyle.NOTE_OF_MEETING), actions=ActionsMode.SUMMARY
    )
    printed = lines(document)
    assert "Actions:" not in printed
    assert (
        printed[printed.index("Actions") + 1] == "MPS to review the outcomes of the pilot. (item 1)"
    )


@pytest.mark.parametrize(
    ("owners", "description", "sentence"),
    [
        ("MPS/MOPAC", "review the outcomes", "MPS/MOPAC to review the outcomes"),
        (
            "DWP",
            "Learning from the pilot to be shared",
            "DWP: Learning from the pilot to be shared",
        ),
        ("DWP", "to share the learning", "DWP to share the learning"),
        ("MPS", "MPS to update the index", "MPS to update the index"),
        ("", "Lauren to update the slides", "Lauren to update the slides"),
        ("", "  ", "(no description)"),
    ],
)
def test_action_sentences_read_well(owners: str, description: str, sentence: str) -> None:
    assert action_sentence(owners, description) == sentence


def test_a_thousand_character_title_exports(tmp_path: Path) -> None:
    title = ("A very long meeting title " * 40)[:1000]
    meeting = meeting_with_actions(LayoutStyle.PUBLIC_NOTE)._replace(title=title)
    path = tmp_path / "long.docx"
    export_docx(meeting, path)
    document = docx.Document(str(path))
    assert len(document.core_properties.title) == 255
    assert document.core_properties.title.endswith("\u2026")
    assert title.strip() in document.paragraphs[0].text  # the page keeps all of it


def test_footer_prints_page_n_of_m(tmp_path: Path) -> None:
    path = tmp_path / "note.docx"
    export_docx(meeting_with_actions(LayoutStyle.PUBLIC_NOTE), path)
    with zipfile.ZipFile(path) as package:
        footers = [n for n in package.namelist() if n.startswith("word/footer")]
        xml = b"".join(package.read(n) for n in footers)
    assert b" PAGE " in xml
    assert b" NUMPAGES " in xml
    assert docx.Document(str(path)).sections[0].footer.paragraphs[-1].text.startswith("Page ")


def test_headings_and_lead_ins_keep_with_what_follows() -> None:
    meeting = meeting_with_actions(LayoutStyle.PUBLIC_NOTE)._replace(
        agenda=(
            AgendaItemDoc("Item", "The Board discussed the following questions:\n\n1. Why?\n"),
        ),
    )
    document = build_document(meeting)
    lead_in = next(p for p in document.paragraphs if p.text.endswith("questions:"))
    heading = next(p for p in document.paragraphs if p.text.startswith("Agenda Item 1"))
    assert lead_in.paragraph_format.keep_with_next is True
    assert heading.paragraph_format.keep_with_next is True
