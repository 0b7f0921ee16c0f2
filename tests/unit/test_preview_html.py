"""exporters.preview: the HTML the preview pane shows, from the document an export saves."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.docx_export import build_document
from exporters.options import ActionsMode
from exporters.preview import document_to_html
from models.enums import BOARD_NOTE_LAYOUTS, Audience, LayoutStyle
from models.interchange import read_meeting_file
from models.meeting_doc import AgendaItemDoc
from tests.conftest import EXAMPLES
from tests.unit.test_docx_export import make_meeting
from tests.unit.test_docx_templates import png_bytes


class _Text(HTMLParser):
    """The visible text of some HTML, one line per paragraph, list item or cell."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"p", "li", "td", "br", "tr"}:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        self.lines[-1] += data


def visible_lines(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [" ".join(line.split()) for line in parser.lines if line.strip()]


def preview(**kwargs: object) -> str:
    return document_to_html(build_document(**kwargs))  # type: ignore[arg-type]  # test helper


def test_the_preview_says_what_the_note_says() -> None:
    html = preview(meeting=make_meeting(), actions=ActionsMode.PER_ITEM)
    lines = visible_lines(html)

    assert lines[:3] == ["MOPAC", "MAYOR OF LONDON", "OFFICE FOR POLICING AND CRIME"]
    assert lines[3:6] == [
        "Reducing Reoffending Board (RRB) | Public Note",
        "20th March, 1:30-3:30pm, Hybrid Meeting",
        "Theme: Employment for people on probation",
    ]
    assert "Agenda Item 2 | Workshop: Strengthening the System" in lines
    assert "MPS/MOPAC to review the outcomes of the Diversion Pilot and feedback to Board" in (
        " ".join(lines)
    )
    assert lines[-1] == "The next meeting will be on Tuesday 30 May 2023."
    assert "20<sup>th</sup>" in html


def test_a_public_preview_hides_people_and_confidential_items() -> None:
    public = preview(meeting=make_meeting())
    internal = preview(meeting=make_meeting(), audience=Audience.INTERNAL)
    for secret in ("Alex Example", "Secret discussion", "Serious Case Review"):
        assert secret not in public
        assert secret in internal


def test_formatting_lists_and_headings() -> None:
    html = preview(meeting=make_meeting())

    assert "<b>Veterans</b>" in html
    assert "<i>slides were shared</i>" in html
    # Two levels of bullets: the nested list sits inside the outer one.
    assert re.search(
        r"<ul><li[^>]*><b>Veterans</b>.*Neurodiversity[^<]*</li><ul><li[^>]*>Explore training",
        html,
    )
    # Each numbered list starts again; the Word numbering says where.
    assert html.count("<ol") == 2
    # Headings keep their Word size: the title is larger than an item heading, larger
    # than the body.
    found = re.findall(r"font-size: ([\d.]+)pt;[^>]*>(Reducing|Agenda Item 1|The meeting)", html)
    sizes = {text: float(size) for size, text in found}
    assert sizes["Reducing"] > sizes["Agenda Item 1"] > sizes["The meeting"]


def test_attendees_are_two_columns_in_order() -> None:
    html = preview(meeting=make_meeting())
    table = html[html.index("Attendees:") :]
    table = table[: table.index("</table>")]
    assert table.count("<td") == 2
    assert table.index("(MOPAC)") < table.index("(LP)") < table.index("(DWP)")


def test_the_2019_agenda_is_a_table_with_its_header_row() -> None:
    meeting = read_meeting_file(EXAMPLES / "2019-05-13-record-of-meeting.json")
    html = preview(meeting=meeting)
    lines = visible_lines(html)
    assert lines[lines.index("Agenda") :][:3] == ["Agenda", "Item 1", "Welcome and Apologies"]
    assert lines[lines.index("Item 2") + 1] == "Performance Data and Updates"
    assert html.count("<table") == 1  # run-on attendees: no two-column table
    assert html.count("<tr>") == 8  # the header row and seven items


def test_user_text_is_escaped() -> None:
    meeting = make_meeting(agenda=(AgendaItemDoc("<b>Tags</b> & more", "<script>x</script>"),))
    html = preview(meeting=meeting)
    assert "&lt;b&gt;Tags&lt;/b&gt; &amp; more" in html
    assert "<script>" not in html


def test_the_logo_shows_with_its_alt_text(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes(30, 10))
    html = preview(meeting=make_meeting(), logo=logo, logo_alt_text="Our crest")
    assert re.search(r"<img src='data:image/png;base64,[^']+' alt='Our crest' width='\d+'", html)
    assert "MOPAC</span>" not in html  # the logo takes the place of the name


@pytest.mark.parametrize("layout", BOARD_NOTE_LAYOUTS)
def test_every_layout_previews(layout: LayoutStyle) -> None:
    meeting = make_meeting(date=date(2024, 2, 29))
    lines = visible_lines(preview(meeting=meeting, style=layout))
    assert any("Workshop: Strengthening the System" in line for line in lines)


@given(title=st.text(max_size=80), notes=st.text(max_size=300))
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_previews(title: str, notes: str) -> None:
    meeting = make_meeting(agenda=(AgendaItemDoc(title, notes),))
    html = preview(meeting=meeting, audience=Audience.INTERNAL)
    assert html.startswith("<html>")
    assert "<script" not in html  # whatever was typed is text, never markup
