"""exporters.text: any string a user can type or paste must become valid Word XML."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from exporters.docx_text import add_text
from exporters.text import LINE_BREAK, PAGE_BREAK, clean_text, single_line

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

# XML 1.0's Char production: what may appear in a Word part.
_XML_CHAR = re.compile("^[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*$")


def test_manual_line_break_and_page_break_become_markers() -> None:
    assert clean_text("one\x0btwo\x0cthree") == ("one", LINE_BREAK, "two", PAGE_BREAK, "three")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\x0b", "\u2028"])
def test_every_newline_spelling_is_a_line_break(newline: str) -> None:
    assert clean_text(f"a{newline}b") == ("a", LINE_BREAK, "b")


def test_illegal_characters_are_dropped_and_legal_ones_kept() -> None:
    text = "a\x00b\x01c\x1fd\ud800e\ufffef\uffffg\th\U0001f600i\u05d0"
    assert clean_text(text) == ("abcde" + "fg\th\U0001f600i\u05d0",)


def test_empty_and_break_only_text() -> None:
    assert clean_text("") == ()
    assert clean_text("\x00\x01") == ()
    assert clean_text("\n\n") == (LINE_BREAK, LINE_BREAK)


def test_single_line_joins_lines_with_spaces() -> None:
    assert single_line("  Mitre House\r\n223 Borough   High St\x0c ") == (
        "Mitre House 223 Borough High St"
    )


@given(st.text(st.characters(codec=None)))  # every code point, lone surrogates included
def test_any_text_comes_out_xml_safe(text: str) -> None:
    for segment in clean_text(text):
        if isinstance(segment, str):
            assert segment
            assert _XML_CHAR.match(segment)
    assert _XML_CHAR.match(single_line(text))
    assert "\n" not in single_line(text)


@given(st.text(st.characters(codec=None)))
def test_text_python_calls_printable_has_nothing_to_split_on_or_drop(text: str) -> None:
    """clean_text keeps such text as it is without asking its pattern (exporters.text)."""
    if text.isprintable():
        assert _XML_CHAR.match(text)
        assert not set(text) & set("\t\n\r\x0b\x0c\x85\u2028\u2029")


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"])))
def test_text_without_controls_survives_unchanged(text: str) -> None:
    pieces = clean_text(text)
    joined = "".join(p if isinstance(p, str) else "\n" for p in pieces)
    expected = re.sub("\r\n|[\r\x0b\x85\u2028\u2029]", "\n", text).replace("\ufffe", "")
    assert joined == expected.replace("\uffff", "")


def test_add_text_writes_real_breaks_and_formatting() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    runs = add_text(paragraph, "first\x0bsecond\x0cthird", bold=True, italic=None)

    # python-docx reads a line break as "\n" and a page break as nothing
    assert [run.text for run in runs] == ["first", "\n", "second", "", "third"]
    breaks = paragraph._p.findall(f".//{qn('w:br')}")
    assert [br.get(qn("w:type")) for br in breaks] == [None, "page"]
    assert all(run.bold is True for run in runs)
    assert all(run.italic is None for run in runs)


def test_add_text_superscript() -> None:
    document = docx.Document()
    (run,) = add_text(document.add_paragraph(), "th", superscript=True)
    assert run.font.superscript is True


def _python_docx_runs(
    paragraph: Paragraph,
    text: str,
    bold: bool | None,
    italic: bool | None,
    superscript: bool,
    style: str | None,
) -> None:
    """What ``add_text`` wrote before it built XML itself: python-docx's own API."""
    for segment in clean_text(text):
        run = paragraph.add_run(style=style)
        if isinstance(segment, str):
            run.text = segment
        else:
            run.add_break(WD_BREAK.PAGE if segment.page else WD_BREAK.LINE)
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
        if superscript:
            run.font.superscript = True


@given(
    text=st.text(alphabet=st.sampled_from("ab \t\n\x0b\x0c\u00a0\x01é")),
    bold=st.sampled_from([None, True, False]),
    italic=st.sampled_from([None, True, False]),
    superscript=st.booleans(),
    style=st.sampled_from([None, "Title Char", "Default Paragraph Font"]),
)
def test_add_text_writes_what_python_docx_would(
    text: str, bold: bool | None, italic: bool | None, superscript: bool, style: str | None
) -> None:
    """The XML built directly is python-docx's, element for element (tabs, kept spaces,
    breaks, false bold, character styles)."""
    document = docx.Document()
    ours, theirs = document.add_paragraph(), document.add_paragraph()
    add_text(ours, text, bold=bold, italic=italic, superscript=superscript, style=style)
    _python_docx_runs(theirs, text, bold, italic, superscript, style)
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)
