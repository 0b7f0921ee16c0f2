"""models.notes: the Markdown subset of an item's notes, and how everything else degrades."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.notes import (
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    parse_notes,
    plain_text,
)

BR = Run("\n")


def test_empty_notes_have_no_blocks() -> None:
    assert parse_notes("") == ()
    assert parse_notes("  \n\n ") == ()


def test_paragraphs_and_soft_breaks() -> None:
    assert parse_notes("MOPAC reviewed\nthe actions.\n\nLP gave an overview.") == (
        Paragraph((Run("MOPAC reviewed the actions."),)),
        Paragraph((Run("LP gave an overview."),)),
    )


@pytest.mark.parametrize("source", ["one  \ntwo", "one\\\ntwo", "one\x0btwo"])
def test_hard_breaks_are_line_break_runs(source: str) -> None:
    (block,) = parse_notes(source)
    assert block == Paragraph((Run("one"), BR, Run("two")))
    assert isinstance(block, Paragraph)
    assert block.runs[1].is_line_break


def test_bold_and_italic_runs() -> None:
    (block,) = parse_notes("The outcome is *'more prison leavers'* and **bold *both***.")
    assert block == Paragraph(
        (
            Run("The outcome is "),
            Run("'more prison leavers'", italic=True),
            Run(" and "),
            Run("bold ", bold=True),
            Run("both", bold=True, italic=True),
            Run("."),
        )
    )


def test_subheadings_level_3_and_4() -> None:
    assert parse_notes("### Co-location Pilot Progress:\n\n#### *slides were shared*") == (
        Heading(3, (Run("Co-location Pilot Progress:"),)),
        Heading(4, (Run("slides were shared", italic=True),)),
    )


def test_empty_subheadings_are_dropped() -> None:
    assert parse_notes("###\n\ntext\n\n#### ") == (Paragraph((Run("text"),)),)


def test_other_heading_levels_stay_as_typed() -> None:
    assert parse_notes("# Big\n\n##### Small") == (
        Paragraph((Run("# Big"),)),
        Paragraph((Run("##### Small"),)),
    )


def test_bullets_with_one_nested_level() -> None:
    source = (
        "- **Veterans** - links\n- Partners agreed to:\n  - Explore training\n  - Improve links\n"
    )
    assert parse_notes(source) == (
        ListBlock(
            ordered=False,
            items=(
                ListItem((Run("Veterans", bold=True), Run(" - links"))),
                ListItem(
                    (Run("Partners agreed to:"),),
                    ListBlock(
                        ordered=False,
                        items=(
                            ListItem((Run("Explore training"),)),
                            ListItem((Run("Improve links"),)),
                        ),
                    ),
                ),
            ),
        ),
    )


def test_deeper_nesting_is_flattened_onto_the_second_level() -> None:
    (block,) = parse_notes("- a\n  - b\n    - c\n  - d")
    assert isinstance(block, ListBlock)
    children = block.items[0].children
    assert children is not None
    assert [item.runs[0].text for item in children.items] == ["b", "c", "d"]
    assert all(item.children is None for item in children.items)


def test_numbered_list_keeps_its_start() -> None:
    assert parse_notes("1. **What?**\n2. Why?") == (
        ListBlock(
            ordered=True,
            items=(ListItem((Run("What?", bold=True),)), ListItem((Run("Why?"),))),
        ),
    )
    (block,) = parse_notes("3. third")
    assert isinstance(block, ListBlock)
    assert block.start == 3


def test_two_lists_in_a_row_stay_two_lists() -> None:
    blocks = parse_notes("1. a\n2. b\n\nBetween.\n\n1. c")
    assert [type(b).__name__ for b in blocks] == ["ListBlock", "Paragraph", "ListBlock"]


def test_a_second_paragraph_in_a_list_item_follows_a_line_break() -> None:
    (block,) = parse_notes("- first\n\n  more\n- next")
    assert isinstance(block, ListBlock)
    assert block.items[0].runs == (Run("first"), BR, Run("more"))


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("    indented, not code", "indented, not code"),
        ("> a quote", "> a quote"),
        ("[a link](https://example.org)", "[a link](https://example.org)"),
        ("`code`", "`code`"),
        ("<b>html</b>", "<b>html</b>"),
        ("Tom &amp; Jerry", "Tom &amp; Jerry"),
        ("---", "---"),
        ("| a | b |\n|---|---|", "| a | b | |---|---|"),
        ("\\*not italic\\*", "*not italic*"),
    ],
)
def test_everything_else_degrades_to_plain_text(source: str, text: str) -> None:
    assert plain_text(parse_notes(source)) == text


@given(st.text())
@settings(max_examples=300)
def test_never_raises_and_keeps_the_words(source: str) -> None:
    blocks = parse_notes(source)
    text = plain_text(blocks)
    for word in source.split():
        if word.isalnum():
            assert word in text


def test_large_notes_parse() -> None:
    source = "\n\n".join(f"Paragraph {n} with **bold** and *italic*." for n in range(3000))
    blocks = parse_notes(source)
    assert len(blocks) == 3000
