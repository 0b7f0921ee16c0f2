"""models.notes: the one canonical stored form of notes, and that it reads back as written.

The rich-text editor stores ``render_markdown(blocks)``; reopening the item parses it. These
properties are what make that lossless: whatever tree the editor hands over, the parser reads
back exactly :func:`canonical_blocks` of it (the tree less what Markdown cannot say, never
less text), and writing that again gives the same characters.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from models.notes import (
    LINE_BREAK_TEXT,
    Block,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    canonical_blocks,
    canonical_notes,
    parse_notes,
    plain_text,
    render_markdown,
)
from tests.conftest import EXAMPLES, SAMPLE_MEETING

BR = Run(LINE_BREAK_TEXT)

# Characters that mean something to Markdown or to the parser, spaces of every kind, the
# control characters a paste brings, and some text that is not Latin.
MARKUP = "*_\\#-+.)([]`<>&!:;'\"/|~=0123456789"
SPACES = " \t\u00a0\u2003\u3000"
CONTROLS = "\x00\x0b\x0c\r\n\u2028\u2029\x1c\x85"
OTHER = "aZé中ש😀"
alphabet = st.sampled_from(MARKUP + SPACES + CONTROLS + OTHER) | st.characters(
    exclude_categories=("Cs",)
)
texts = st.text(alphabet, max_size=12)
runs = st.lists(
    st.one_of(
        st.builds(Run, texts, st.booleans(), st.booleans()),
        st.just(BR),
    ),
    max_size=6,
).map(tuple)


def list_of(items: st.SearchStrategy[ListItem]) -> st.SearchStrategy[ListBlock]:
    return st.builds(
        ListBlock,
        st.booleans(),
        st.lists(items, max_size=4).map(tuple),
        st.integers(min_value=-2, max_value=1_000_000_005),
    )


# Three levels of items: the third (which the house style has not) is flattened.
third_level = st.builds(ListItem, runs, st.none())  # no deeper list
second_level = st.builds(ListItem, runs, st.none() | list_of(third_level))
lists = list_of(st.builds(ListItem, runs, st.none() | list_of(second_level)))
blocks = st.lists(
    st.one_of(
        st.builds(Paragraph, runs),
        st.builds(Heading, st.sampled_from([3, 4]), runs),
        lists,
    ),
    max_size=6,
).map(tuple)


def words(tree: tuple[Block, ...]) -> str:
    """The visible characters of a tree, in order (what must never be lost)."""
    text = plain_text(tree).replace("\x00", "\ufffd")
    return "".join(char for char in text if not char.isspace())


@given(blocks)
@settings(max_examples=400)
def test_the_parser_reads_back_the_canonical_tree(tree: tuple[Block, ...]) -> None:
    canonical = canonical_blocks(tree)
    markdown = render_markdown(tree)
    assert parse_notes(markdown) == canonical
    assert canonical_blocks(canonical) == canonical
    assert render_markdown(canonical) == markdown
    assert words(canonical) == words(tree)


@given(st.text(alphabet, max_size=80) | st.text(max_size=80))
@settings(max_examples=500)
@example("***a**b**c***")
@example("- a\n  - b\n    - c")
@example("1. a\n\n1) b\n\n2. c")
def test_canonical_notes_is_idempotent(source: str) -> None:
    once = canonical_notes(source)
    assert canonical_notes(once) == once
    assert parse_notes(once) == canonical_blocks(parse_notes(source))


# Formatting whole words (what Ctrl+B does to a selection) is always kept exactly, whatever the
# words: letters, digits, punctuation, escapes. Only where bold and italic overlap without
# nesting (**a *b** c*) does one space between them lose one of the two.
word = st.text(st.sampled_from(MARKUP + OTHER + "abc"), min_size=1, max_size=6)
formatted_words = st.lists(st.tuples(word, st.booleans(), st.booleans()), min_size=1, max_size=6)


@given(st.lists(formatted_words, min_size=1, max_size=3))
@settings(max_examples=300)
def test_formatting_of_whole_words_survives(lines: list[list[tuple[str, bool, bool]]]) -> None:
    line_runs: list[Run] = []
    for number, line in enumerate(lines):
        if number:
            line_runs.append(BR)
        for index, (text, bold, italic) in enumerate(line):
            if index:  # the space between two words shares what both have
                before = line[index - 1]
                line_runs.append(Run(" ", bold and before[1], italic and before[2]))
            line_runs.append(Run(text, bold, italic))
    tree = (Paragraph(tuple(line_runs)),)
    assert canonical_blocks(tree) == parse_notes(render_markdown(tree))
    canonical = canonical_blocks(tree)
    expected = [(c, r.bold, r.italic) for r in line_runs for c in r.text]
    got = [(c, r.bold, r.italic) for block in canonical for r in block.runs for c in r.text]  # type: ignore[union-attr]
    assert [c for c, _b, _i in got] == [c for c, _b, _i in expected]
    for (char, bold, italic), (_char, wanted_bold, wanted_italic) in zip(
        got, expected, strict=True
    ):
        if char == " ":  # bold and italic overlapping: a space between them may lose one
            assert (bold <= wanted_bold, italic <= wanted_italic) == (True, True)
        else:
            assert (bold, italic) == (wanted_bold, wanted_italic), char


@pytest.mark.parametrize(
    ("tree", "markdown"),
    [
        ((Paragraph((Run("2 * 3 = 6, a_b, \\o/ and #1"),)),), "2 \\* 3 = 6, a_b, \\o/ and #1"),
        ((Paragraph((Run("# not a heading"),)),), "\\# not a heading"),
        ((Paragraph((Run("1. not a number"),)),), "1\\. not a number"),
        ((Paragraph((Run("- not a bullet"),)),), "\\- not a bullet"),
        ((Paragraph((Run("one"), BR, Run("- two"))),), "one\\\n\\- two"),
        ((Heading(3, (Run("Item #"),)),), "### Item \\#"),
        ((Heading(4, (Run("Bold", bold=True), Run(" and "), Run("it", italic=True))),),
         "#### Bold and *it*"),
        ((Paragraph((Run("  padded  "),)),), "padded"),
        ((Paragraph((Run("MOPAC", bold=True), Run("'s view"))),), "**MOPAC**'s view"),
        ((Paragraph((Run("Note:", bold=True), Run("Text"))),), "**Note**:Text"),
        ((Paragraph((Run("x"), Run('"quoted"', italic=True))),), 'x"*quoted"*'),
    ],
)  # fmt: skip
def test_escapes_and_settled_formatting(tree: tuple[Block, ...], markdown: str) -> None:
    assert render_markdown(tree) == markdown


def test_lists_write_one_line_per_item_and_nest_to_the_text() -> None:
    tree = (
        ListBlock(
            ordered=True,
            items=(
                *(ListItem((Run(f"q{n}"),)) for n in range(1, 10)),
                ListItem((Run("q10"),), ListBlock(False, (ListItem((Run("sub"),)),))),
            ),
        ),
        ListBlock(ordered=True, items=(ListItem((Run("again"),)),)),
        ListBlock(ordered=False, items=(ListItem((Run("a"), BR, Run("b"))),)),
        ListBlock(ordered=False, items=(ListItem(()),)),
    )
    markdown = render_markdown(tree)
    assert markdown == (
        "1. q1\n2. q2\n3. q3\n4. q4\n5. q5\n6. q6\n7. q7\n8. q8\n9. q9\n10. q10\n    - sub"
        "\n\n1) again"
        "\n\n- a\\\n  b"
        "\n\n*"
    )
    assert parse_notes(markdown) == tree


def stored_notes() -> list[tuple[str, str]]:
    files = [SAMPLE_MEETING, *sorted(Path(EXAMPLES).glob("*.json"))]
    notes: list[tuple[str, str]] = []
    for path in files:
        meeting = json.loads(path.read_text(encoding="utf-8"))
        for number, item in enumerate(meeting["agenda"], start=1):
            notes.append((f"{path.name} item {number}", item.get("notes", "")))
            notes += [
                (f"{path.name} item {number} turn {turn_number}", turn["text"])
                for turn_number, turn in enumerate(item.get("turns", []), start=1)
            ]
    return notes


@pytest.mark.parametrize(("where", "notes"), stored_notes(), ids=lambda value: str(value)[:40])
def test_shipped_notes_are_canonical(where: str, notes: str) -> None:
    assert canonical_notes(notes) == notes, where
