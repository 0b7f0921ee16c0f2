"""A prefix typed as the words it stands for (migration 0011): the same matches as FTS5's own
prefix query, from a list of words that never misses one the indexes hold."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sqlite3
from importlib import import_module
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import services, transcript_edits
from models.database import Database
from models.entities import ActionOwner, Organisation
from models.interchange import read_meeting_file
from models.meeting_doc import AgendaItemDoc, MeetingDoc
from models.search import _newest_first, search
from models.search.snippets import WORD
from models.search.sqlite import (
    BACKEND,
    MAX_LISTED,
    fts5_words,
    fts_query,
    listed_prefix_query,
)
from tests.conftest import BOARD_NOTE_EXAMPLES, SAMPLE_MEETING, TRANSCRIPT_EXAMPLE
from tests.strategies.meetings import notes_text

INDEXES = ("search_items", "search_misc", "search_hearing")
without_key = import_module("models.migrations.versions.0011_search_prefix_terms").without_key
INDEX_INSERT = re.compile(r"INSERT INTO (search_items|search_misc|search_hearing) \(rowid")


def index_terms(path: Path) -> set[str]:
    """Every word the three indexes hold, from FTS5's own vocabulary of each."""
    with sqlite3.connect(path) as connection:
        terms: set[str] = set()
        for table in INDEXES:
            connection.execute(
                f"CREATE VIRTUAL TABLE temp.{table}_v USING fts5vocab(main, {table}, 'row')"
            )
            terms |= {term for (term,) in connection.execute(f"SELECT term FROM temp.{table}_v")}
    connection.close()
    return terms


def listed_terms(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        terms = {term for (term,) in connection.execute("SELECT term FROM search_term")}
        assert connection.execute("SELECT count(*) FROM search_words_terms").fetchone() == (0,)
    connection.close()
    return terms


def matches(database: Database, query: str) -> dict[str, list[object]]:
    """Every match of each index, newest first, as search reads them (a page at a time)."""
    with database.read() as session:
        return {
            source: list(_newest_first(session, BACKEND, source, query))
            for source in BACKEND.newest_first
        }


def prepared(database: Database, typed: str) -> str:
    query = fts_query(typed)
    assert query is not None
    with database.read() as session:
        return listed_prefix_query(session, typed, query)


# --- the same matches ----------------------------------------------------------------------

# Words that share their starts (so that a prefix stands for several), made of letters that
# fold (case, accents) and characters on which Python's idea of a word and FTS5's differ: the
# underscore, a combining accent, a ligature, a superscript, a letter newer than SQLite's
# Unicode tables, Greek and Cyrillic.
PIECES = ["re", "res", "co", "lo", "ca", "tion", "e", "s", "Ré", "É", "Ö", "ß", "_", "\u0301"]
PIECES += ["ﬁ", "²", "3", "\ua7c0", "σ", "Σ", "ж", "Ж"]
words = st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join)
# ... or any text a person could type.
notes = st.lists(words, min_size=1, max_size=12).map(" ".join) | notes_text
_dates = count()


def _meeting(sample: MeetingDoc, texts: list[str]) -> MeetingDoc:
    return sample._replace(
        date=dt.date(2000, 1, 1) + dt.timedelta(days=next(_dates)),
        theme=texts[0],
        agenda=tuple(AgendaItemDoc(title=f"Item {n}", notes=text) for n, text in enumerate(texts)),
    )


@st.composite
def typed_from(draw: st.DrawFn, texts: list[str]) -> str:
    """What a person might type: the start of a word of the notes (any case, after other
    words or a hyphen), or a word of their own."""
    found = [word for text in texts for word in WORD.findall(text)]
    word = draw(st.sampled_from(found) if found else words)
    typed = word[: draw(st.integers(1, len(word)))]
    typed = draw(st.sampled_from([typed, typed.upper(), typed.capitalize()]))
    before = draw(st.lists(st.sampled_from([*found, "zz"]) if found else words, max_size=2))
    joiner = draw(st.sampled_from([" ", "-"]))
    return draw(st.sampled_from([joiner.join([*before, typed]), typed, draw(words)]))


@given(data=st.data())
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_words_of_a_prefix_find_what_the_prefix_finds(
    sqlite_database: Database, data: st.DataObject
) -> None:
    texts = data.draw(st.lists(notes, min_size=1, max_size=3))
    services.import_meeting(sqlite_database, _meeting(read_meeting_file(SAMPLE_MEETING), texts))
    typed = data.draw(typed_from(texts))
    query = fts_query(typed)
    if query is None:
        return
    listed = prepared(sqlite_database, typed)
    assert matches(sqlite_database, listed) == matches(sqlite_database, query)
    if typed[-1].isalnum():
        # Listed whenever a word the archive holds starts with the last word, as FTS5 reads it.
        *_, last = fts5_words(" ".join(WORD.findall(typed.split()[-1]))) or ("",)
        held = {word for text in texts for word in fts5_words(text)}
        if len(last) >= 3 and any(word.startswith(last) for word in held):
            assert listed.endswith(")")


def test_a_word_fts5_does_not_make_before_the_prefix_finds_the_same(
    sqlite_database: Database,
) -> None:
    """Found by the test above: ``_ rer`` (Python counts ``_`` as a word, FTS5 does not).
    Side by side FTS5 ignored the empty phrase; the listed query spelt the AND out, and
    with it the empty phrase matched nothing."""
    texts = ["re rere ré_"]
    services.import_meeting(sqlite_database, _meeting(read_meeting_file(SAMPLE_MEETING), texts))
    query = fts_query("_ rer")
    assert query is not None
    listed = prepared(sqlite_database, "_ rer")
    assert listed != query  # the prefix was listed
    assert matches(sqlite_database, listed) == matches(sqlite_database, query)
    assert matches(sqlite_database, listed)["item"]


@pytest.mark.parametrize(
    "typed", ["co-location", "co-l", "accommodation", "resettl", "re", "r", "Clinks", "probation s"]
)
def test_search_gives_the_same_hits_as_the_prefix_query(
    sqlite_database: Database, typed: str
) -> None:
    services.import_meetings(sqlite_database, [read_meeting_file(p) for p in BOARD_NOTE_EXAMPLES])
    as_listed = search(sqlite_database, typed, limit=None)
    with pytest.MonkeyPatch.context() as patch:
        unchanged = dataclasses.replace(BACKEND, prepare_query=lambda _s, _t, query: query)
        patch.setattr("models.search.backend_for", lambda _dialect: unchanged)
        assert search(sqlite_database, typed, limit=None) == as_listed
        assert search(sqlite_database, typed) == search(sqlite_database, typed, limit=50)
    assert as_listed


def test_a_prefix_of_three_letters_or_more_is_listed_as_its_words(
    sqlite_database: Database,
) -> None:
    services.import_meetings(sqlite_database, [read_meeting_file(p) for p in BOARD_NOTE_EXAMPLES])
    assert prepared(sqlite_database, "Resettl") == '("resettlement")'
    assert prepared(sqlite_database, "co-locat") == '("co locating" OR "co location")'
    assert prepared(sqlite_database, "probation serv") == (
        '"probation" AND ("serve" OR "service" OR "services" OR "serving")'
    )
    # Folded as the index folds its words.
    assert prepared(sqlite_database, "RÉSETTL") == '("resettlement")'
    # One or two letters: the index's own prefixes; no word has it: as typed.
    assert prepared(sqlite_database, "re") == '"re"*'
    assert prepared(sqlite_database, "café") == '"café"*'
    assert prepared(sqlite_database, "zzq") == '"zzq"*'
    assert prepared(sqlite_database, "resettlement ") == '"resettlement"'


def test_fts5_words_are_the_words_the_index_holds() -> None:
    assert fts5_words("Résumé co-location ﬁne_print ²") == (
        "resume",
        "co",
        "location",
        "ﬁne",
        "print",
        "²",
    )


def test_a_prefix_of_too_many_words_stays_a_prefix(sqlite_database: Database) -> None:
    many = " ".join(f"quorum{n}" for n in range(MAX_LISTED + 1))
    services.import_meeting(sqlite_database, _meeting(read_meeting_file(SAMPLE_MEETING), [many]))
    assert prepared(sqlite_database, "quorum") == '"quorum"*'
    assert prepared(sqlite_database, "quorum1").startswith('("quorum1" OR ')
    assert len(search(sqlite_database, "quorum")) == 1
    # Each word listed repeats the words joined before it: 111 words times six is too many.
    assert prepared(sqlite_database, "a-b-c-d-e-quorum1") == '"a b c d e quorum1"*'
    assert prepared(sqlite_database, "e-quorum1").startswith('("e quorum1" OR ')


# --- a list that never misses a word ----------------------------------------------------------


def test_every_trigger_that_indexes_rows_has_its_words_listed(db_path: Path) -> None:
    """A trigger that writes rows into an index has a companion on the same event (same
    WHEN) that hands the same rows to ``search_words``: a new indexed text must add one."""
    Database.open(str(db_path)).close()
    with sqlite3.connect(db_path) as connection:
        triggers = dict(
            connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        )
    connection.close()
    indexing = {name: sql for name, sql in triggers.items() if INDEX_INSERT.search(sql)}
    assert len(indexing) > 15
    for name, sql in indexing.items():
        companion = triggers.get(name.replace("search_", "search_words_", 1), "")
        head, body = sql.split(" BEGIN ", 1)
        assert companion.split(" BEGIN ", 1)[0] == head.replace(name, f"search_words_{name[7:]}")
        rows = [s.split(") ", 1)[1] for s in body.split(";") if INDEX_INSERT.search(s)]
        assert rows
        assert all(f") {without_key(select)}; INSERT OR IGNORE" in companion for select in rows)


def test_every_kind_of_edit_lists_its_words(db_path: Path) -> None:
    database = Database.open(str(db_path))
    try:
        docs = [read_meeting_file(p) for p in [*BOARD_NOTE_EXAMPLES, TRANSCRIPT_EXAMPLE]]
        ids = services.import_meetings(database, docs)
        assert index_terms(db_path) <= listed_terms(db_path)
        record = services.meeting_record(database, ids[0])
        services.update_agenda_item(database, record.agenda[0].id, notes="Zebracrossing talk.")
        services.update_meeting(database, ids[0], theme="Quokkas in custody", venue="Wallabyhall")
        services.update_meeting(database, ids[0], date=record.date + dt.timedelta(days=3))
        with database.begin() as session:
            clinks = session.query(Organisation).filter_by(abbreviation_key="clinks").one()
            clinks.name = "Clinks Renamed Wombat"
            owner = session.query(ActionOwner).first()
            assert owner is not None
            session.delete(owner)
        hearing = services.meeting_record(database, ids[-1]).agenda[0].id
        first = transcript_edits.list_turns(database, hearing)[0]
        transcript_edits.update_turn(database, first.id, text="Platypus evidence.")
        with database.begin() as session:  # another program, writing SQL of its own
            session.connection().exec_driver_sql(
                "UPDATE agenda_item SET title = 'Numbatsurvey' WHERE id = ?",
                (record.agenda[-1].id,),
            )
        services.delete_meeting(database, ids[1])
        terms = listed_terms(db_path)
        assert index_terms(db_path) <= terms
        assert {"zebracrossing", "quokkas", "wallabyhall", "wombat", "platypus"} <= terms
        assert {"numbatsurvey"} <= terms
        for typed in ("zebracr", "quokk", "wallab", "wom", "platyp", "numbats"):
            assert prepared(database, typed).startswith("(")
            assert search(database, typed)
    finally:
        database.close()


def test_one_and_two_letters_are_prefixes_the_indexes_keep(db_path: Path) -> None:
    Database.open(str(db_path)).close()
    with sqlite3.connect(db_path) as connection:
        for table in INDEXES:
            sql = connection.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
            ).fetchone()[0]
            assert "prefix = '1 2'" in sql
    connection.close()


def test_a_transcript_prefix_finds_its_turns(sqlite_database: Database) -> None:
    meeting_id = services.import_meeting(sqlite_database, read_meeting_file(TRANSCRIPT_EXAMPLE))
    item_id = services.meeting_record(sqlite_database, meeting_id).agenda[0].id
    transcript_edits.add_turn(sqlite_database, item_id, "Chair", "Axolotls.")
    assert prepared(sqlite_database, "axolo") == '("axolotls")'
    assert [hit.meeting_id for hit in search(sqlite_database, "axolo")] == [meeting_id]
