"""Full-text search: any typed text is a valid query, and the index follows every edit."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from hypothesis import given, settings
from hypothesis import strategies as st

from models import services
from models.database import Database, alembic_config
from models.entities import Organisation
from models.interchange import read_meeting_file
from models.meeting_doc import MeetingDoc
from models.notes import Paragraph, Run, render_markdown
from models.search import MATCH_END, MATCH_START, fts_query, make_snippet, search
from tests.conftest import BOARD_NOTE_EXAMPLES


@pytest.fixture
def archive(database: Database) -> dict[str, int]:
    """The four published examples, imported together: year -> meeting id."""
    ids = services.import_meetings(
        database, [read_meeting_file(path) for path in BOARD_NOTE_EXAMPLES]
    )
    years = [path.name[:4] for path in BOARD_NOTE_EXAMPLES]
    return dict(zip(years, ids, strict=True))


def found(database: Database, typed: str) -> set[int]:
    return {hit.meeting_id for hit in search(database, typed)}


def test_co_location_finds_exactly_the_2024_and_2025_meetings(
    database: Database, archive: dict[str, int]
) -> None:
    assert found(database, "co-location") == {archive["2024"], archive["2025"]}


@pytest.mark.parametrize(
    "typed", ['"', "*", "AND", "OR", "NOT", "NEAR(", '"unbalanced', "a:b", "-", "^", "()", "''"]
)
def test_syntax_characters_are_plain_words_never_errors(
    database: Database, archive: dict[str, int], typed: str
) -> None:
    search(database, typed)  # must not raise


def test_fts_words_are_words(database: Database, archive: dict[str, int]) -> None:
    assert found(database, "AND") == found(database, "and")
    assert found(database, '"co-location"') == found(database, "co-location")
    assert fts_query('"') is None
    assert fts_query("*") is None


@given(st.text(max_size=30))
@settings(max_examples=200)
def test_any_text_is_a_valid_query(typed: str) -> None:
    query = fts_query(typed)
    if query is not None:
        with sqlite3.connect(":memory:") as connection:
            connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
            connection.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()


def test_the_last_word_matches_as_a_prefix_while_typing(
    database: Database, archive: dict[str, int]
) -> None:
    assert found(database, "co-locat") == found(database, "co-location") | found(
        database, "co-locating"
    )
    assert found(database, "co-locat ") == set()  # a finished word is a whole word


def test_hits_carry_the_item_and_a_highlighted_snippet(
    database: Database, archive: dict[str, int]
) -> None:
    hit = next(h for h in search(database, "Diversion") if h.meeting_id == archive["2019"])
    assert hit.item_id is not None
    assert f"{MATCH_START}diversion{MATCH_END}" in hit.snippet.lower()
    assert hit.snippet_as("<b>", "</b>").count("<b>") >= 1
    record = services.meeting_record(database, archive["2019"])
    item = next(row for row in record.agenda if row.id == hit.item_id)
    # The earliest item that matches: liaison and diversion data, before the Diversion Pilot.
    assert item.title == "Performance Data and Updates"


def test_themes_titles_actions_and_organisations_are_searchable(
    database: Database, archive: dict[str, int]
) -> None:
    assert archive["2025"] in found(database, "Employment for people on probation")
    assert archive["2023"] in found(database, "map all the provision")
    assert found(database, "Clinks") >= {archive["2023"], archive["2024"], archive["2025"]}


def test_the_index_follows_edits_deletions_and_renames(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, sample_meeting)
    item = services.meeting_record(database, meeting_id).agenda[0]
    assert found(database, "zebracrossing") == set()
    services.update_agenda_item(database, item.id, notes="A zebracrossing was discussed.")
    assert found(database, "zebracrossing") == {meeting_id}
    services.update_agenda_item(database, item.id, notes="Nothing else.")
    assert found(database, "zebracrossing") == set()
    services.update_meeting(database, meeting_id, theme="Quokkas in custody")
    assert found(database, "quokkas") == {meeting_id}
    with database.begin() as session:
        org = session.query(Organisation).filter_by(abbreviation_key="clinks").one()
        org.name = "Clinks Renamed Wombat"
    assert found(database, "wombat") == {meeting_id}
    services.delete_agenda_item(database, item.id)
    services.delete_meeting(database, meeting_id)
    assert found(database, "quokkas") == set()
    assert found(database, "wombat") == set()
    assert found(database, "accommodation") == set()


def test_an_older_database_gets_its_index_built_by_the_migration(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    path = tmp_path / "old.sqlite3"
    database = Database(f"sqlite:///{path}")
    config = alembic_config(database.engine)
    command.upgrade(config, "head")
    services.import_meeting(database, sample_meeting)
    command.downgrade(config, "0001")  # as if written before search existed
    database.close()
    upgraded = Database.open(str(path))
    try:
        assert len(found(upgraded, "accommodation")) == 1
    finally:
        upgraded.close()


def test_results_are_best_first_and_can_be_limited(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    for year in (2021, 2022, 2023):
        services.import_meeting(
            database,
            sample_meeting._replace(date=dt.date(year, 6, 1), next_meeting=None),
        )
    hits = search(database, "accommodation", limit=2)
    assert len(hits) == 2


def test_snippets_drop_the_notes_markdown_markers() -> None:
    notes = (
        "### Progress\n\n- **Veterans** - a *key* aim\n  - nested point\n1. first resettlement step"
    )
    snippet = make_snippet(notes, "resettlement", words=30)
    assert "*" not in snippet
    assert "#" not in snippet
    assert "1." not in snippet
    assert "- Veterans" not in snippet
    assert "Veterans - a key aim" in snippet  # a dash inside a line is the author's
    assert f"{MATCH_START}resettlement{MATCH_END}" in snippet


def test_a_snippet_shows_the_notes_as_typed_not_their_markdown_escapes(
    database: Database,
) -> None:
    """The tester's ``Maths: 2 * 3 * 4``, stored as ``2 \\* 3 \\* 4``, read ``2 \\ 3 \\ 4``."""
    typed = "Maths: 2 * 3 * 4"
    notes = render_markdown((Paragraph((Run(typed),)),))  # as the notes editor stores it
    assert notes == "Maths: 2 \\* 3 \\* 4"
    meeting_id = services.create_meeting(database, date=dt.date(2026, 1, 8))
    services.add_agenda_item(database, meeting_id, "Targets", notes=notes)
    (hit,) = search(database, "maths")
    assert hit.snippet_as("[", "]") == "Targets [Maths]: 2 * 3 * 4"
    assert [h.meeting_id for h in search(database, "2 3 4")] == [meeting_id]


@pytest.mark.parametrize(
    "typed",
    ["2 * 3 = 6, a_b, \\o/ and #1", "*not italic*", "C:\\*.docx and \\\\", "# 1. - + first"],
)
def test_every_character_typed_in_the_notes_is_in_the_snippet(typed: str) -> None:
    notes = render_markdown((Paragraph((Run(f"{typed} resettlement"),)),))
    assert notes != f"{typed} resettlement"  # escaped
    snippet = make_snippet(notes, "resettlement", words=30)
    assert snippet == f"{typed} {MATCH_START}resettlement{MATCH_END}"


def test_a_hard_line_break_and_escaped_marks_at_a_line_start_read_as_typed() -> None:
    notes = render_markdown((Paragraph((Run("1. first\n- second\n#3 third resettlement"),)),))
    assert "\\\n" in notes  # a hard line break
    snippet = make_snippet(notes, "resettlement", words=30)
    assert snippet == f"1. first - second #3 third {MATCH_START}resettlement{MATCH_END}"
