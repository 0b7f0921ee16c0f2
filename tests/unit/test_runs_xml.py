"""exporters: notes written as XML text give the XML that element-by-element writing gives.

An item's notes are written as one string of XML and parsed at once (it is several times
faster); the rest of the note is written element by element (``add_text``,
``Sink.paragraph``). The two must give the same document, byte for byte.
"""

from __future__ import annotations

from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from exporters.text import add_text, attribute_xml, runs_xml
from exporters.writer import Sink

# Text with everything clean_text treats specially: breaks of every kind, tabs, characters
# XML forbids, spaces at either end, markup characters that need escaping.
_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(" \t\r\n\x0b\x0c\x85\u2028\u2029\x00\x1f\ufffe\xa0&<>\"']]>")),
        st.characters(),
    ),
    max_size=30,
)
_SWITCH = st.sampled_from([None, True, False])


def _xml(element: Any) -> bytes:
    return etree.tostring(element)


@given(_TEXT, _SWITCH, _SWITCH)
@settings(max_examples=600)
def test_runs_as_text_are_the_runs_add_text_writes(text: str, bold: Any, italic: Any) -> None:
    by_elements = parse_xml(f"<w:p {nsdecls('w')}/>")
    add_text(Paragraph(by_elements, None), text, bold=bold, italic=italic)  # type: ignore[arg-type]  # no part needed
    by_text = parse_xml(f"<w:p {nsdecls('w')}>{runs_xml(text, bold=bold, italic=italic)}</w:p>")
    assert _xml(by_text) == _xml(by_elements)


@pytest.mark.parametrize("reusable", [True, False])
def test_paragraphs_as_text_take_a_cells_first_paragraph_as_paragraph_does(
    reusable: bool,
) -> None:
    def cell_after(write: Any) -> bytes:
        document = docx.Document()
        cell = document.add_table(rows=1, cols=1).cell(0, 0)
        if not reusable:
            cell.add_paragraph("already there")
        write(Sink(cell, cell._tc, {"Heading 2": "Heading2"}))
        return _xml(cell._tc)

    def by_elements(sink: Sink) -> None:
        add_text(sink.paragraph("Heading 2"), "Title")
        add_text(sink.paragraph(), "Words")

    def by_text(sink: Sink) -> None:
        first = sink.paragraphs(
            [
                f'<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>{runs_xml("Title")}</w:p>',
                f"<w:p>{runs_xml('Words')}</w:p>",
            ]
        )
        assert first is not None
        assert first.text == "Title"

    assert cell_after(by_text) == cell_after(by_elements)


def test_no_paragraphs_write_nothing() -> None:
    document = docx.Document()
    body = document.element.body
    before = _xml(body)
    assert Sink(document, body, {}).paragraphs([]) is None
    assert _xml(body) == before


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FF)))
@settings(max_examples=300)
def test_an_attribute_written_as_text_reads_back_unchanged(value: str) -> None:
    value = "".join(ch for ch in value if ch in "\t\n\r" or ch >= " ")  # what XML can hold
    element = parse_xml(f'<w:pStyle {nsdecls("w")} w:val="{attribute_xml(value)}"/>')
    assert element.get(qn("w:val")) == value
