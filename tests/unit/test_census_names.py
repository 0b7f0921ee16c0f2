"""exporters.personal_data: the Census lists as the check reads them are the ``names`` lists.

The check reads its own copy of the Census names (``resources/census_*.txt``, cheap to read),
built by ``resources/build_census_names.py``; these tests fail when the copy no longer matches
the package's lists, and hold the surname look-up (a binary search of the text) to a set's.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import resources
from exporters.personal_data import SortedWords, given_names, surnames
from resources.build_census_names import SOURCES, census_names, file_text


def test_the_committed_lists_are_the_census_lists_as_the_script_builds_them() -> None:
    for file_name, lists in SOURCES.items():
        committed = files("resources").joinpath(file_name).read_text(encoding="ascii")
        assert committed == file_text(census_names(lists)), (
            f"run resources/build_census_names.py: {file_name} is out of date"
        )


def test_the_check_reads_every_census_given_name_and_surname() -> None:
    assert given_names() == frozenset(census_names(SOURCES["census_given_names.txt"]))
    assert {"mary", "james", "sarah", "will", "grace"} <= given_names()
    every_surname = census_names(SOURCES["census_surnames.txt"])
    found = surnames()
    assert all(name in found for name in every_surname)
    assert "smith" in found
    assert "accommodation" not in found
    assert "Smith" not in found  # the lists are lower case; the check casefolds first


# Short words over a small alphabet, so that a word is often in the list, next to one, a
# prefix of one or one extended (the cases a binary search gets wrong); and any text.
_WORD = st.text(alphabet="abcz'\n-é", max_size=4)


@given(st.sets(_WORD.filter(lambda w: w and "\n" not in w)), st.lists(_WORD | st.text()))
@settings(max_examples=300)
def test_sorted_words_finds_exactly_the_words_a_set_holds(
    words: set[str], asked: list[str]
) -> None:
    listed = SortedWords(file_text(sorted(words)))
    for word in [*asked, *words, *(w[:-1] for w in words), *(w + "a" for w in words)]:
        assert (word in listed) == (word in words), word


def test_a_checkout_with_windows_line_endings_still_reads_every_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git may write the lists with Windows line endings; the surname look-up needs lines
    that end in a new line alone, and a given name is a name without its carriage return."""
    for file_name in SOURCES:
        committed = files("resources").joinpath(file_name).read_bytes()
        (tmp_path / file_name).write_bytes(committed.replace(b"\n", b"\r\n"))
    monkeypatch.setattr(resources, "FOLDER", tmp_path)
    given_names.cache_clear()
    surnames.cache_clear()
    try:
        assert given_names() == frozenset(census_names(SOURCES["census_given_names.txt"]))
        assert "smith" in surnames()
        assert "accommodation" not in surnames()
    finally:
        given_names.cache_clear()  # the next test reads the real lists
        surnames.cache_clear()
