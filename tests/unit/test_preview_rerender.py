"""The preview re-rendered after edits and changes of options, with its caches warm.

The notes are parsed a stretch at a time, each stretch cached by its text, and the preview
keeps each paragraph's HTML by the paragraph's XML; a render must never show an earlier
text, nor a rendering made for other options or another template's styles.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from exporters.docx_export import build_document
from exporters.errors import TemplateStyleWarning
from exporters.options import ActionsMode
from exporters.package import document_bytes
from exporters.preview import document_to_html
from exporters.preview_cache import child_keys, clear_preview_cache
from models.enums import Audience, LayoutStyle
from models.meeting_doc import AgendaItemDoc, MeetingDoc
from models.notes.parser import clear_notes_cache
from tests.unit.test_docx_export import make_meeting

NOTES = "\n\n".join(
    f"### Part {n}\n\nParagraph {n} said *this*.\n\n- point {n}\n- another\n\n1. first\n2. second"
    for n in range(12)
)


def long_meeting() -> MeetingDoc:
    meeting = make_meeting()
    item = meeting.agenda[0]._replace(notes=NOTES)
    return meeting._replace(agenda=(item, *meeting.agenda[1:]))


def edited(meeting: MeetingDoc, old: str, new: str) -> MeetingDoc:
    item: AgendaItemDoc = meeting.agenda[0]
    assert old in item.notes
    return meeting._replace(agenda=(item._replace(notes=item.notes.replace(old, new, 1)),))


def clear_caches() -> None:
    clear_notes_cache()
    clear_preview_cache()


def cold_html(meeting: MeetingDoc, **options: object) -> str:
    clear_caches()
    return document_to_html(build_document(meeting, **options))  # type: ignore[arg-type]  # test helper


def test_a_one_character_edit_shows_in_the_next_render() -> None:
    meeting = long_meeting()
    document_to_html(build_document(meeting))  # the cache now holds every stretch
    typed = edited(meeting, "Paragraph 7 said", "Paragraph 7 saidx")
    html = document_to_html(build_document(typed))
    assert "Paragraph 7 saidx" in html
    assert html == cold_html(typed)
    undone = document_to_html(build_document(meeting))
    assert "Paragraph 7 saidx" not in undone
    assert undone == cold_html(meeting)


def test_an_edit_that_joins_or_splits_stretches_shows_in_the_next_render() -> None:
    meeting = long_meeting()
    document_to_html(build_document(meeting))
    for old, new in [
        ("- another\n\n1. first", "- another\n1. first"),  # no blank line: one stretch less
        ("Paragraph 3 said", "Paragraph 3\n\nsaid"),  # a new paragraph: a new stretch
        ("### Part 5\n\n", "- Part 5\n\n"),  # the heading becomes a list item (loose list)
    ]:
        changed = edited(meeting, old, new)
        assert document_to_html(build_document(changed)) == cold_html(changed)


@pytest.mark.parametrize(
    "options",
    [
        {"audience": Audience.INTERNAL},
        {"style": LayoutStyle.RECORD_OF_MEETING},
        {"style": LayoutStyle.NOTE_OF_MEETING, "audience": Audience.INTERNAL},
        {"actions": ActionsMode.SUMMARY},
        {"actions": ActionsMode.PER_ITEM},
    ],
    ids=str,
)
def test_a_change_of_options_is_never_served_stale(options: dict[str, object]) -> None:
    meeting = long_meeting()
    document_to_html(build_document(meeting))  # warm, with the default options
    warm_document = build_document(meeting, **options)  # type: ignore[arg-type]  # as above
    warm = document_to_html(warm_document)
    assert warm == cold_html(meeting, **options)
    assert warm != document_to_html(build_document(meeting))
    clear_caches()
    cold_document = build_document(meeting, **options)  # type: ignore[arg-type]  # as above
    stamp = cold_document.core_properties.modified
    assert document_bytes(warm_document, stamp) == document_bytes(cold_document, stamp)


def test_another_templates_styles_are_never_served_from_ours(tmp_path: Path) -> None:
    template = tmp_path / "plain.docx"
    docx.Document().save(str(template))  # python-docx's own styles: other sizes and colours
    meeting = long_meeting()
    ours = document_to_html(build_document(meeting))
    with pytest.warns(TemplateStyleWarning):
        theirs = document_to_html(build_document(meeting, template=template))
    assert theirs != ours
    with pytest.warns(TemplateStyleWarning):
        assert theirs == cold_html(meeting, template=template)
    assert document_to_html(build_document(meeting)) == ours


def test_the_body_is_cut_into_exactly_its_paragraphs_and_tables() -> None:
    document = build_document(long_meeting(), LayoutStyle.RECORD_OF_MEETING)  # a table too
    body: Any = document.element.body
    children = list(body.iterchildren(qn("w:p"), qn("w:tbl")))
    keys = child_keys(body, len(children))
    assert keys is not None
    assert any(child.tag == qn("w:tbl") for child in children)
    for key, child in zip(keys, children, strict=True):
        alone = etree.tostring(child, encoding=str)  # declares the document's namespaces
        assert key == re.sub(r' xmlns:\w+="[^"]*"', "", alone)
    assert child_keys(body, len(children) + 1) is None  # a miscount is never used


def test_a_comment_that_looks_like_a_paragraph_turns_the_cache_off() -> None:
    document = build_document(long_meeting())
    body: Any = document.element.body
    body.insert(3, etree.Comment(" <w:p>not a paragraph</w:p> "))
    children = list(body.iterchildren(qn("w:p"), qn("w:tbl")))
    assert child_keys(body, len(children)) is None
    assert "not a paragraph" not in document_to_html(document)
