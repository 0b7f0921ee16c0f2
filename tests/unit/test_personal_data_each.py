"""exporters.personal_data: searching a note's paragraphs at once finds what asking each does.

``NameFinder.find_each`` runs the patterns once over all of a note's paragraphs and asks
``find`` only about those something matched in; these tests hold it to asking every one,
with texts built from the pieces that matter at a paragraph's edges: names, e-mail addresses
and phone numbers that start or end a paragraph, given names whose surname is in the next one.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exporters.personal_data import NameFinder

_PIECES = st.sampled_from(
    [
        "Sarah",
        "Jones",
        "Sarah Jones",
        "Mark",
        "Smith",
        "Will",
        "Hope",
        "Accommodation",
        "The",
        "Committee",
        "Ms",
        "Dr.",
        "Probation",
        "MOPAC",
        "Jane Doe",
        "jane@example.org",
        "a.b@c.co.uk",
        "@",
        "020 7946 0000",
        "+44 (0) 20 7946 0000",
        "07700",
        "900123",
        "0",
        "(",
        ")",
        "+",
        "-",
        "'",
        ".",
        ",",
        " ",
        "  ",
        "\t",
        "\n",
        "\x00",
        "O'Neil",
        "Anne-Marie",
        "Jane",
        "Doe",
        "Doe Smith",
        "(Ann) Lee",
        "O'Neil Jones",
        "Lee",
        "Ann",
        "Neil",
        "é",
    ]
)
_TEXT = st.lists(_PIECES, max_size=8).map("".join) | st.text(max_size=12)
_FINDER = st.sampled_from(
    [
        NameFinder(),
        NameFinder.build(["Jane Doe", "Tom O'Neil"], ["Hope Housing", "MOPAC"], ["sarah"]),
        # Names that share words, start or end with a character that is not a word's, or
        # hold one inside: found only where each of their words is a word of the text.
        NameFinder.build(
            ["Jane Doe", "Jane Doe Smith", "Doe Smith", "(Ann) Lee", "Ann Lee-", "O'Neil Jones"],
            [],
            [],
        ),
        NameFinder.build(["Jane\x00Doe", "Ann Lee"], [], []),
    ]
)


@given(_FINDER, st.lists(_TEXT, max_size=6))
@settings(max_examples=400)
def test_find_each_finds_what_find_finds_in_each_text(finder: NameFinder, texts: list[str]) -> None:
    assert finder.find_each(texts) == [finder.find(text) for text in texts]


def test_a_recorded_name_that_spans_two_texts_hides_nothing_in_the_second() -> None:
    # A name holding the character the texts are joined by would match across two of them.
    finder = NameFinder.build(["Xq\x00Zzq Qux", "Zzq Qux"], [], [])
    texts = ["Xq", "Zzq Qux"]
    assert finder.find_each(texts) == [finder.find(text) for text in texts]
    assert finder.find_each(texts)[1]


def test_find_each_finds_across_a_note_in_order() -> None:
    finder = NameFinder.build(["Jane Doe"], ["MOPAC"], [])
    texts = ["Welcome", "Jane Doe spoke", "", "Ask Ms Green", "mail jo@x.org or 020 7946 0000"]
    assert [[(f.kind, f.text) for f in found] for found in finder.find_each(texts)] == [
        [],
        [("name", "Jane Doe")],
        [],
        [("name", "Ms Green")],
        [("email", "jo@x.org"), ("phone", "020 7946 0000")],
    ]
