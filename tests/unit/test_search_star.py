"""An explicit ``*`` after a word means "words starting with", on both dialects: typing it
must never find fewer meetings than leaving it off (``bar*`` once found nothing while
``bar`` found two), and it works on any word, not only the last."""

from __future__ import annotations

import pytest

from models import services
from models.database import Database
from models.interchange import read_meeting_file
from models.search import MATCH_END, MATCH_START, make_snippet, search
from tests.conftest import BOARD_NOTE_EXAMPLES


@pytest.fixture
def archive(database: Database) -> dict[str, int]:
    """The four published examples: year -> meeting id."""
    ids = services.import_meetings(
        database, [read_meeting_file(path) for path in BOARD_NOTE_EXAMPLES]
    )
    return dict(zip([path.name[:4] for path in BOARD_NOTE_EXAMPLES], ids, strict=True))


def found(database: Database, typed: str) -> set[int]:
    return {hit.meeting_id for hit in search(database, typed)}


def test_a_trailing_star_finds_at_least_what_the_word_alone_finds(
    database: Database, archive: dict[str, int]
) -> None:
    assert found(database, "bar"), "the examples mention barriers"
    assert found(database, "bar*") == found(database, "bar")
    assert found(database, "bar* ") == found(database, "bar")  # finished, still a prefix


def test_barrier_star_finds_barriers(database: Database, archive: dict[str, int]) -> None:
    whole_words = found(database, "barrier ") | found(database, "barriers ")
    assert found(database, "barrier ") < whole_words  # some meetings only say "barriers"
    assert found(database, "barrier*") == whole_words


def test_a_star_makes_any_word_a_prefix_not_only_the_last(
    database: Database, archive: dict[str, int]
) -> None:
    assert found(database, "barrier* housing ") == found(database, "barriers housing ") | found(
        database, "barrier housing "
    )
    assert found(database, "barrier* housing ") != found(database, "barrier housing ")


def test_hyphenated_chunk_with_a_star_is_a_phrase_with_a_prefix(
    database: Database, archive: dict[str, int]
) -> None:
    assert found(database, "co-locat*") == found(database, "co-locat")


def test_a_star_alone_or_inside_a_word_is_no_syntax(
    database: Database, archive: dict[str, int]
) -> None:
    assert found(database, "* ") == set()
    assert found(database, "bar*rier ") == found(database, "bar rier ")


def test_a_leading_minus_is_ignored_not_an_exclusion(
    database: Database, archive: dict[str, int]
) -> None:
    """Exclusion is not supported: ``-prison`` is the word ``prison``, as the README says."""
    assert found(database, "housing -prison ") == found(database, "housing prison ")


def test_the_snippet_marks_the_words_a_star_found() -> None:
    marked = make_snippet("Housing is the main barriers to resettlement.", "barrier* housing ")
    assert f"{MATCH_START}barriers{MATCH_END}" in marked
    assert f"{MATCH_START}Housing{MATCH_END}" in marked
