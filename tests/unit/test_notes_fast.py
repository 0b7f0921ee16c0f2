"""models.notes.fast_parser: where the markdown-it-free reader answers, markdown-it agrees.

The fast reader exists so that a common export never imports markdown-it; markdown-it stays
the reference. Generated notes (the subset's shapes and near-misses of them) must either be
declined or read exactly as markdown-it's path reads them, and the published examples' notes
must all be read by the fast reader.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.notes import parse_notes
from models.notes import parser as notes_parser
from models.notes.fast_parser import parse_simple_notes
from tests.conftest import BOARD_NOTE_EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample_meeting.json"


def agreed(markdown: str) -> bool:
    """Whether the fast reader answered; asserts its answer is markdown-it's."""
    fast = parse_simple_notes(markdown)
    if fast is not None:
        assert fast == notes_parser.markdown_it_blocks(markdown)
    return fast is not None


def all_notes(path: Path) -> Iterator[str]:
    for item in json.loads(path.read_text(encoding="utf-8"))["agenda"]:
        if item.get("notes"):
            yield item["notes"]


# Words and punctuation as typed, stars in every position (stray, unbalanced, nested),
# characters a star's flanking depends on, and a few the reader must decline.
_WORD = st.sampled_from(
    [
        "MOPAC",
        "the",
        "Board's",
        "'quoted'",
        '"said"',
        "(CAS)",
        "E&I",
        "&amp;",
        "10%",
        "item #3",
        "–",
        "“one team”",
        "£5",
        "end.",
        "what?",
        "a:",
        "x-y",
        "1.5",
        "2019",
        "_under_",
        "`code`",
        "[link](x)",
        "<b>",
        "a\\",
        "é",
    ]
)
_STARS = st.sampled_from(["*", "**", "***", "****"])
_GLUE = st.sampled_from(["", " ", "  ", ".", "'", ",", "(", ")", "-", ":", "?"])


@st.composite
def inline_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(_WORD, _STARS, _GLUE), min_size=1, max_size=10))
    return "".join(parts)


@st.composite
def emphasised(draw: st.DrawFn, words: st.SearchStrategy[str] | None = None) -> str:
    """Text with well-formed ``**x**``/``*x*`` (possibly nested) in it, so that the
    generated notes have real emphasis, not only stray stars."""
    inner = draw(inline_text() if words is None else words)
    stars = draw(st.sampled_from(["*", "**"]))
    before = draw(st.sampled_from(["", "The ", "said: ", "a", "("]))
    after = draw(st.sampled_from(["", " now", ".", "s", ")", "'"]))
    return f"{before}{stars}{inner.strip()}{stars}{after}"


_TEXT = st.one_of(inline_text(), emphasised())
# Words the reader handles: notes of the subset's shapes are mostly made of these.
_PLAIN_WORD = st.sampled_from(
    ["MOPAC", "the", "Board's", "(CAS)", "E&I", "10%", "end.", "what?", "x-y", "“one team”"]
)
_STAR = st.sampled_from(["", "", "", "*", "**", " * "])
_TRAIL = st.sampled_from(["", "", " ", "  "])


@st.composite
def plain_text(draw: st.DrawFn) -> str:
    """Mostly the subset's text: words, real emphasis, now and then a stray star."""
    phrase = st.lists(_PLAIN_WORD, min_size=1, max_size=3).map(" ".join)
    nested = st.one_of(phrase, emphasised(phrase).map(lambda text: f"a {text} b"))
    words = draw(st.lists(st.one_of(_PLAIN_WORD, _PLAIN_WORD, emphasised(nested)), max_size=5))
    text = " ".join(words) + draw(_STAR)
    return text if text.strip() else "text"


@st.composite
def subset_list(draw: st.DrawFn) -> list[str]:
    """A list of the subset: bullets or numbers, some items with one nested level at the
    item's text column, loose or tight."""
    number = draw(st.integers(0, 12))
    bullet = draw(st.sampled_from(["-", "*", "+", None, None]))
    lines: list[str] = []
    for offset in range(draw(st.integers(1, 4))):
        marker = f"{bullet} " if bullet else f"{number + offset}. "
        lines.append(marker + draw(plain_text()))
        nested_bullet = draw(st.sampled_from(["-", "*", None]))
        for position in range(draw(st.sampled_from([0, 0, 1, 2, 3]))):
            nested = f"{nested_bullet} " if nested_bullet else f"{position + 1}. "
            lines.append(" " * len(marker) + nested + draw(plain_text()))
        if draw(st.integers(0, 4)) == 0:
            lines.append("")
    return lines


@st.composite
def subset_block(draw: st.DrawFn) -> list[str]:
    shape = draw(st.sampled_from(["paragraph", "paragraph", "heading", "list"]))
    if shape == "heading":
        return [draw(st.sampled_from(["### ", "#### "])) + draw(plain_text())]
    if shape == "list":
        return draw(subset_list())
    lines = [draw(plain_text()) + draw(_TRAIL) for _ in range(draw(st.integers(1, 3)))]
    return [lines[0].lstrip(" *-+#0123456789") or "text", *lines[1:]]


def near_miss(lines: list[str], data: st.DataObject) -> list[str]:
    """One small change of the kind people make: an indent off by one, a lost or extra blank
    line, another marker, a stray star, trailing spaces."""
    if not lines:
        return lines
    index = data.draw(st.integers(0, len(lines) - 1))
    change = data.draw(
        st.sampled_from(["indent", "dedent", "join", "blank", "marker", "star", "trail"])
    )
    line = lines[index]
    if change == "indent":
        line = " " + line
    elif change == "dedent":
        line = line[1:] if line.startswith(" ") else line
    elif change == "join":
        return lines[:index] + lines[index + 1 :] if not line.strip() else lines
    elif change == "blank":
        return [*lines[:index], "", *lines[index:]]
    elif change == "marker":
        stripped = line.lstrip(" ")
        marker = data.draw(st.sampled_from(["- ", "* ", "1. ", "2. ", "2) ", "10. ", "#"]))
        line = line[: len(line) - len(stripped)] + marker + stripped
    elif change == "star":
        cut = data.draw(st.integers(0, len(line)))
        line = line[:cut] + data.draw(st.sampled_from(["*", "**"])) + line[cut:]
    else:
        line += "  "
    return [*lines[:index], line, *lines[index + 1 :]]


@given(st.lists(subset_block(), min_size=1, max_size=5), st.integers(0, 3), st.data())
@settings(max_examples=400, deadline=None)
def test_notes_of_the_subset_and_near_misses_agree(
    blocks: list[list[str]], changes: int, data: st.DataObject
) -> None:
    separator = data.draw(st.sampled_from([[""], [""], ["  "], ["", ""]]))
    lines: list[str] = []
    for block in blocks:
        lines += ([*separator] if lines else []) + block
    for _ in range(changes):
        lines = near_miss(lines, data)
    agreed("\n".join(lines))


@given(st.lists(st.one_of(inline_text(), emphasised()), min_size=1, max_size=4))
@settings(max_examples=600, deadline=None)
def test_emphasis_reads_as_markdown_it_reads_it(lines: list[str]) -> None:
    agreed("\n".join(lines))
    agreed("- " + "\n\n### ".join(lines))


@given(st.text(alphabet=" \n*-+.1#ab'", max_size=30))
@settings(max_examples=800, deadline=None)
def test_any_text_of_markup_characters_agrees(markdown: str) -> None:
    agreed(markdown)


# The shapes of the published examples, and their neighbours, must be read (not declined).
@pytest.mark.parametrize(
    "markdown",
    [
        "MOPAC reviewed\nthe actions.",
        "one  \ntwo",
        "*slides were shared*\n\n### The London Picture\n\nLP gave an overview.",
        "- **CAS** - short:\n  - CAS1\n  - CAS2\n- **Local** - duties",
        "1. **What?**\n2. **How?**\n\nPartners discussed.",
        "3. third\n4. fourth",
        "10. ten\n    - nested under ten",
        "1. a\n   1. sub\n   2. sub",
        "- a\n\n- loose\n\n  - nested after a blank",
        "- a\n\n* another list",
        "**One: *'Support workers'*. What?**",
        "#### *slides were shared*",
        "Tom & Jerry, 10% (approx.) - 'yes'",
    ],
)
def test_the_common_shapes_are_read_by_the_fast_reader(markdown: str) -> None:
    assert agreed(markdown)


@pytest.mark.parametrize(
    "markdown",
    [
        "\\*not italic\\*",
        "`code`",
        "_italic_",
        "[a link](https://example.org)",
        "<b>html</b>",
        "> a quote",
        "| a | b |",
        "a\tb",
        "one\x0btwo",
        "one\\\ntwo",
        "    indented",
        "text\n===",
        "text\n---",
        "---",
        "# Big",
        "##### Small",
        "### closed ###",
        "###",
        "2) two",
        "-",
        "-  two spaces",
        "text\n- a list under it",
        "text\n1. a list under it",
        "- a\n  continued",
        "- a\nlazy continuation",
        "- a\n\n  second paragraph",
        "- a\n  - b\n    - deeper",
        "1. a\n  - two spaces under a number",
        "- a\n  2. not starting at one",
        "- a\n  - b\n  * c",
        "- a\n1. b",
        "- a\n### heading",
        "*“quoted”*",
        "no\u00a0break",
    ],
)
def test_the_fast_reader_declines_what_it_is_not_sure_of(markdown: str) -> None:
    assert parse_simple_notes(markdown) is None
    assert parse_notes(markdown) == notes_parser.markdown_it_blocks(markdown)


@pytest.mark.parametrize("path", [SAMPLE, *BOARD_NOTE_EXAMPLES], ids=lambda path: path.stem)
def test_every_published_note_is_read_by_the_fast_reader(path: Path) -> None:
    read = 0
    for markdown in all_notes(path):
        for stretch in notes_parser._split_blocks(markdown):
            assert agreed(stretch), stretch
            read += 1
        notes_parser.clear_notes_cache()
        assert parse_notes(markdown) == notes_parser.markdown_it_blocks(markdown)
    assert read


def test_a_failing_fast_reader_falls_back_to_markdown_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(markdown: str) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(notes_parser, "parse_simple_notes", broken)
    notes_parser.clear_notes_cache()
    source = "- **a**\n  - b"
    assert parse_notes(source) == notes_parser.markdown_it_blocks(source)
    notes_parser.clear_notes_cache()


def test_the_sample_notes_are_parsed_without_importing_markdown_it() -> None:
    script = (
        "import json, sys\n"
        "from models.notes import parse_notes\n"
        f"meeting = json.load(open({str(SAMPLE)!r}, encoding='utf-8'))\n"
        "blocks = [parse_notes(item['notes']) for item in meeting['agenda']]\n"
        "assert all(blocks)\n"
        "print(sorted(name for name in sys.modules if name.startswith('markdown_it')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
