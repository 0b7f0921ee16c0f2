"""models.notes.parser: notes parsed a stretch at a time, each stretch cached by its text.

The preview re-renders after every edit; the cut parse must read exactly as the whole text
parsed at once, an edit must show in the next parse, and the cache must stay bounded.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.bounded_cache import BoundedCache
from models.notes import Paragraph, Run, parse_notes
from models.notes import parser as notes_parser
from models.notes.blocks import Block


def whole_parse(markdown: str) -> tuple[Block, ...]:
    """The notes parsed in one go, as before the cut (markdown-it normalises line ends)."""
    if not markdown.strip():
        return ()
    tokens = notes_parser._markdown().parse(markdown)
    return notes_parser._BlockReader(tokens).read_blocks()


# Lines that exercise every boundary the cut must respect: list markers of both kinds at
# several indents, continuations, headings, blank lines of spaces and tabs, line endings.
_LINE = st.one_of(
    st.sampled_from(
        [
            "",
            "  ",
            "\t",
            "- a",
            "* b",
            "+ c",
            "1. one",
            "2) two",
            "10. ten",
            "  - nested",
            "    - deeper",
            "   continued",
            "  3. nested number",
            "### Heading",
            "#### Sub",
            "# not a heading",
            "text",
            "**bold** and *it*",
            "*lead",
            "trail*",
            "> quote",
            "    code?",
            "---",
            "===",
            "\x0bbreak",
            "end  ",
            "back\\",
        ]
    ),
    st.text(alphabet=" -*+1.)#\tab\x0b", max_size=6),
)
_ENDING = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.tuples(_LINE, _ENDING), max_size=24))
    return "".join(line + ending for line, ending in lines)


@given(markdown_documents())
@settings(max_examples=1500)
def test_the_cut_parse_reads_as_the_whole_parse(markdown: str) -> None:
    notes_parser.clear_notes_cache()
    assert parse_notes(markdown) == whole_parse(markdown)
    assert parse_notes(markdown) == whole_parse(markdown)  # from the cache this time


@given(st.text())
@settings(max_examples=300)
def test_the_cut_parse_reads_as_the_whole_parse_for_any_text(markdown: str) -> None:
    assert parse_notes(markdown) == whole_parse(markdown)


@pytest.mark.parametrize(
    ("markdown", "stretches"),
    [
        ("a\n\nb", 2),
        ("a\n \t\nb", 2),
        ("a\r\n\r\nb", 2),
        ("- a\n\n- b", 1),  # one loose list
        ("1. a\n\n2. b", 1),  # numbering goes on
        ("- a\n\n  more of a", 1),  # the item's second paragraph
        ("- a\n\nafter the list", 2),
        ("### Heading\n\ntext\n\n*italic* text", 2),  # '*' might open a list item
    ],
)
def test_cuts_only_where_nothing_can_reach_across(markdown: str, stretches: int) -> None:
    assert len(notes_parser._split_blocks(markdown)) == stretches
    assert parse_notes(markdown) == whole_parse(markdown)


def test_an_edit_shows_in_the_next_parse() -> None:
    notes = "\n\n".join(f"Paragraph {n} of the notes." for n in range(50))
    assert parse_notes(notes)[20] == Paragraph((Run("Paragraph 20 of the notes."),))
    edited = notes.replace("Paragraph 20 of", "Paragraph 20 oof")
    assert parse_notes(edited)[20] == Paragraph((Run("Paragraph 20 oof the notes."),))
    assert parse_notes(notes)[20] == Paragraph((Run("Paragraph 20 of the notes."),))


def test_the_cache_holds_at_most_its_bound() -> None:
    cache = BoundedCache[str, int](capacity=100, largest=40)
    for n in range(30):
        cache.put(f"key {n}", n, 18)
    assert 80 <= cache.held <= 100
    cache.put("too large", 0, 41)  # larger than ``largest``: not kept
    assert "too large" not in cache
    assert cache.held <= 100


def test_the_least_recently_used_entry_goes_first() -> None:
    cache = BoundedCache[str, int](capacity=30, largest=30)
    cache.put("first", 1, 13)
    cache.put("second", 2, 14)
    assert cache.get("first") == 1  # used again: now the newest
    cache.put("third", 3, 5)  # 32 > 30, so the oldest goes
    assert "second" not in cache
    assert (cache.get("first"), cache.get("third")) == (1, 3)


def test_parsed_notes_are_kept_within_the_bound() -> None:
    notes_parser.clear_notes_cache()
    notes = "\n\n".join(f"Paragraph {n} of the notes." for n in range(100))
    parse_notes(notes)
    assert notes_parser._CACHE.held == sum(map(len, notes_parser._split_blocks(notes)))
    assert notes_parser._CACHE.held <= notes_parser._CACHE_CHARACTERS


def test_a_long_note_is_cut_into_many_stretches() -> None:
    notes = "\n\n".join(
        f"### Part {n}\n\nSaid **this**.\n\n- a\n- b\n\n1. q\n2. r" for n in range(100)
    )
    assert len(notes_parser._split_blocks(notes)) == 200  # heading | paragraph and lists
    assert parse_notes(notes) == whole_parse(notes)
