"""The preview re-rendered after edits and changes of options, with the notes parse cache warm.

The notes are parsed a stretch at a time and each stretch is cached by its text; a render
must never show an earlier text, nor a rendering made for other options.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from exporters.docx_export import build_document
from exporters.options import ActionsMode
from exporters.package import document_bytes
from exporters.preview import document_to_html
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
    item = replace(meeting.agenda[0], notes=NOTES)
    return replace(meeting, agenda=(item, *meeting.agenda[1:]))


def edited(meeting: MeetingDoc, old: str, new: str) -> MeetingDoc:
    item: AgendaItemDoc = meeting.agenda[0]
    assert old in item.notes
    return replace(meeting, agenda=(replace(item, notes=item.notes.replace(old, new, 1)),))


def cold_html(meeting: MeetingDoc, **options: object) -> str:
    clear_notes_cache()
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
    clear_notes_cache()
    cold_document = build_document(meeting, **options)  # type: ignore[arg-type]  # as above
    stamp = cold_document.core_properties.modified
    assert document_bytes(warm_document, stamp) == document_bytes(cold_document, stamp)
