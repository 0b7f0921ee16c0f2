"""exporters.accessibility: each paragraph's style is the one a path search finds.

The check asks every paragraph of a note for its style; the search is written by hand
rather than as ``find("w:pPr/w:pStyle")``. These paragraphs hold every arrangement that could
tell the two apart.
"""

from __future__ import annotations

from typing import Any

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from exporters.accessibility import _Styles
from exporters.template import open_template

PARAGRAPHS = [
    "<w:p/>",
    "<w:p><w:r><w:t>text</w:t></w:r></w:p>",
    "<w:p><w:pPr><w:jc w:val='center'/></w:pPr></w:p>",
    "<w:p><w:pPr><w:pStyle w:val='Heading2'/></w:pPr></w:p>",
    "<w:p><w:pPr><w:pStyle w:val='NoSuchStyle'/></w:pPr></w:p>",
    "<w:p><w:pPr><w:jc w:val='left'/><w:pStyle w:val='Title'/></w:pPr></w:p>",
    # A second set of properties (invalid, but a user's file may hold it): the first style.
    "<w:p><w:pPr/><w:pPr><w:pStyle w:val='Heading3'/></w:pPr></w:p>",
    "<w:p><w:pPr><w:pStyle w:val='Title'/><w:pStyle w:val='Heading2'/></w:pPr></w:p>",
    # A tracked change's earlier style is not the paragraph's.
    "<w:p><w:pPr><w:pPrChange w:id='1' w:author='a'><w:pPr><w:pStyle w:val='Title'/>"
    "</w:pPr></w:pPrChange></w:pPr></w:p>",
    "<w:p><w:r><w:pPr><w:pStyle w:val='Title'/></w:pPr></w:r></w:p>",
]


@pytest.mark.parametrize("xml", PARAGRAPHS)
def test_a_paragraphs_style_is_the_one_a_path_search_finds(xml: str) -> None:
    styles = _Styles(open_template(None))
    paragraph: Any = parse_xml(xml.replace("<w:p", f"<w:p {nsdecls('w')}", 1))
    found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    default = styles.of(parse_xml(f"<w:p {nsdecls('w')}/>"))  # the default paragraph style
    expected = default if found is None else styles._by_id.get(found.get(qn("w:val")), default)
    assert expected is not None
    assert styles.of(paragraph) is expected
