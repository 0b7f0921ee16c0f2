"""exporters: the body written as XML text is what python-docx and lxml would write.

A note's body is written as XML text (``exporters.body``): on our template it goes into the
package as it is (``exporters.lean``), on a user's template it is parsed into the python-docx
document, which lxml writes out again. The two give the same file only if the text is
exactly what lxml writes for it, and the runs are what python-docx's own API would add.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from exporters.body import Para, Sink, Table
from exporters.docx_styles import paragraph_text
from exporters.docx_text import add_text
from exporters.numbering import NumberingRef
from exporters.text import attribute_xml, runs_xml

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
_W = nsdecls("w")


def _xml(element: Any) -> bytes:
    return etree.tostring(element)


def _as_lxml_writes_it(xml: str) -> str:
    """``xml`` (``w:`` elements) parsed and written back by lxml, without the wrapper."""
    body = parse_xml(f"<w:body {_W}>{xml}</w:body>")
    text = etree.tostring(body, encoding="unicode")
    return text[text.index(">") + 1 : -len("</w:body>")]


@given(_TEXT, _SWITCH, _SWITCH, st.booleans())
@settings(max_examples=600)
def test_runs_as_text_are_the_runs_add_text_writes(
    text: str, bold: Any, italic: Any, superscript: bool
) -> None:
    by_elements = parse_xml(f"<w:p {_W}/>")
    paragraph = Paragraph(by_elements, None)  # type: ignore[arg-type]  # no part needed
    add_text(paragraph, text, bold=bold, italic=italic, superscript=superscript)
    runs = runs_xml(text, bold=bold, italic=italic, superscript=superscript)
    by_text = parse_xml(f"<w:p {_W}>{runs}</w:p>")
    assert _xml(by_text) == _xml(by_elements)


@given(
    _TEXT,
    st.one_of(st.none(), st.sampled_from(["Heading2", "List Bullet", 'a"b&<c>'])),
    st.booleans(),
    st.one_of(st.none(), st.builds(NumberingRef, st.integers(1, 99), st.integers(0, 1))),
    st.sampled_from([None, 0, 480]),
    st.sampled_from([None, 0, 480]),
    _SWITCH,
)
@settings(max_examples=400)
def test_a_paragraph_as_text_is_what_lxml_writes(
    text: str,
    style_id: str | None,
    keep: bool,
    numbering: NumberingRef | None,
    before: int | None,
    after: int | None,
    bold: Any,
) -> None:
    paragraph = Para(style_id)
    paragraph.keep = keep
    paragraph.numbering = numbering
    paragraph.space_before = before
    paragraph.space_after = after
    paragraph.add_text(text, bold=bold)
    xml = paragraph.xml()
    assert _as_lxml_writes_it(xml) == xml
    # The check reads the text python-docx's document would show.
    assert paragraph.text == paragraph_text(parse_xml(f"<w:body {_W}>{xml}</w:body>")[0])


def test_a_table_as_text_is_what_lxml_writes() -> None:
    table = Table("TableGrid", 'Agenda "&"', (1418, 7608))
    header, _ = table.add_row({})
    header.paragraph().add_text("Item", bold=True)
    table.add_row({"Heading 2": "Heading2"})[1].paragraph("Heading 2").add_text("T")
    sink = Sink({})
    sink.table(table)
    assert _as_lxml_writes_it(sink.xml()) == sink.xml()
    assert '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1418"/></w:tcPr><w:p/></w:tc>' in sink.xml()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FF)))
@settings(max_examples=300)
def test_an_attribute_written_as_text_reads_back_unchanged(value: str) -> None:
    value = "".join(ch for ch in value if ch in "\t\n\r" or ch >= " ")  # what XML can hold
    xml = f'<w:pStyle w:val="{attribute_xml(value)}"/>'
    element = parse_xml(f"<w:body {_W}>{xml}</w:body>")[0]
    assert element.get(qn("w:val")) == value
    assert _as_lxml_writes_it(xml) == xml
