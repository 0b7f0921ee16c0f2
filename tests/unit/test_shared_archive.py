"""The shared archive on PostgreSQL: copying, change notices, editing marks, connections.

Everything against the session's real server (tests/postgres_server.py); nothing mocked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import keyring
import psycopg
import pytest
from alembic import command
from hypothesis import given, settings
from hypothesis import strategies as st
from keyring.backend import KeyringBackend
from sqlalchemy import text

from models import actions, services
from models.action_log import carry_over_chain
from models.connection import ServerSettings, forget_password, may_edit, store_password
from models.copy_archive import CopyError, copy_archive, row_counts
from models.database import HEAD_REVISION, Database, alembic_config, current_revision
from models.enums import ActionStatus
from models.errors import DatabaseOpenError, StorageError
from models.interchange import dumps_meeting, read_meeting_file
from models.live import ChangeListener, MeetingNotice
from models.meeting_doc import MeetingDoc
from models.next_meeting import create_from_previous
from models.search import search, turns_by_speaker
from models.search.postgresql import tsquery
from tests.conftest import (
    EARLIER_REVISIONS,
    EXAMPLES,
    SHARED_DATABASE,
    TRANSCRIPT_EXAMPLE,
    archive_at_revision,
)
from tests.postgres_server import PASSWORD_ROLE, PostgresServer


def carried_archive(db: Database, sample_meeting: MeetingDoc) -> int:
    """The sample meeting and a later one its open actions were rolled over into; returns
    the id of the last action of the chain."""
    first = services.import_meeting(db, sample_meeting._replace(next_meeting=dt.date(2030, 1, 15)))
    second = create_from_previous(db, first)
    last = 0
    for row in actions.list_actions_of_meeting(db, first):
        if row.status is ActionStatus.OPEN:
            new = actions.resolve_previous_action(db, row.id, ActionStatus.ROLLED_OVER, second)
            assert new is not None
            last = new
    assert last
    return last


def test_copy_keeps_ids_and_carry_over_chains_both_ways(
    sqlite_database: Database,
    postgres_database: Database,
    sample_meeting: MeetingDoc,
) -> None:
    last = carried_archive(sqlite_database, sample_meeting)
    chain = [entry.id for entry in carry_over_chain(sqlite_database, last)]
    assert len(chain) == 2
    report = copy_archive(sqlite_database, postgres_database)
    assert report.rows["meeting"] == 2
    assert report.searches  # the search sample was compared
    assert [entry.id for entry in carry_over_chain(postgres_database, last)] == chain
    assert row_counts(postgres_database) == row_counts(sqlite_database)
    for meeting_id in (1, 2):
        assert services.meeting_doc(postgres_database, meeting_id) == services.meeting_doc(
            sqlite_database, meeting_id
        )
    # New rows on the server continue after the copied ids.
    new_id = services.import_meeting(
        postgres_database,
        sample_meeting._replace(date=dt.date(2031, 1, 1), next_meeting=None),
    )
    assert new_id == 3


def test_copy_refuses_a_non_empty_target_unless_told(
    sqlite_database: Database, postgres_database: Database, sample_meeting: MeetingDoc
) -> None:
    services.import_meeting(sqlite_database, sample_meeting)
    services.import_meeting(postgres_database, sample_meeting._replace(date=dt.date(2001, 1, 1)))
    with pytest.raises(CopyError, match="already holds"):
        copy_archive(sqlite_database, postgres_database)
    assert [m.date for m in services.list_meetings(postgres_database)] == [dt.date(2001, 1, 1)]
    copy_archive(sqlite_database, postgres_database, replace=True)
    assert [m.date for m in services.list_meetings(postgres_database)] == [sample_meeting.date]
    assert len(search(postgres_database, "accommodation")) == 1


@pytest.fixture
def listener(postgres_database: Database) -> Iterator[ChangeListener]:
    ear = ChangeListener(postgres_database)
    yield ear
    ear.close()


def test_another_connection_s_save_is_heard_with_who_and_version(
    postgres_database: Database,
    postgres_url: str,
    listener: ChangeListener,
    sample_meeting: MeetingDoc,
) -> None:
    other = Database.open(postgres_url)
    try:
        meeting_id = services.import_meeting(other, sample_meeting)
        heard = listener.poll(timeout=5)
        assert [(n.meeting_id, n.event, n.mine) for n in heard] == [(meeting_id, "saved", False)]
        assert heard[0].user == "rrb_test"
        assert heard[0].describe() == f"meeting {meeting_id} changed by rrb_test"
        version = services.meeting_record(other, meeting_id).version
        services.update_meeting(other, meeting_id, theme="Heard elsewhere")
        (changed,) = listener.poll(timeout=5)
        assert changed.version is not None
        assert changed.version > version
        services.update_meeting(postgres_database, meeting_id, theme="Said here")
        assert [n.mine for n in listener.poll(timeout=5)] == [True]
        services.delete_meeting(other, meeting_id)
        assert [n.event for n in listener.poll(timeout=5)] == ["deleted"]
    finally:
        other.close()


class AbandonedError(Exception):
    """A unit of work given up after its update."""


def test_a_rolled_back_save_is_never_announced(
    postgres_database: Database, listener: ChangeListener, sample_meeting: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(postgres_database, sample_meeting)
    listener.poll(timeout=5)

    def save_then_fail() -> None:
        with postgres_database.begin() as session:
            session.execute(
                text("UPDATE meeting SET theme = 'x' WHERE id = :id"), {"id": meeting_id}
            )
            raise AbandonedError

    with pytest.raises(AbandonedError):
        save_then_fail()
    assert listener.poll(timeout=0.2) == []


def hear(listener: ChangeListener, count: int) -> list[MeetingNotice]:
    """The next ``count`` notices, each waited for (up to 5 s) as they arrive one by one."""
    notices: list[MeetingNotice] = []
    while len(notices) < count:
        arrived = listener.poll(timeout=5)
        if not arrived:
            break
        notices.extend(arrived)
    return notices


@pytest.fixture
def other_window(postgres_url: str) -> Iterator[tuple[Database, ChangeListener]]:
    """A second window on the same database: its own connections, its own listener."""
    other_db = Database.open(postgres_url)
    other = ChangeListener(other_db)
    yield other_db, other
    other.close()  # twice is fine; on a dead connection, no error and nothing left open
    other_db.close()


def test_editing_marks_are_seen_by_others_and_vanish_with_their_window(
    listener: ChangeListener, other_window: tuple[Database, ChangeListener]
) -> None:
    _, other = other_window
    assert listener.editors(7) == []
    other.start_editing(7)
    assert listener.editors(7) == ["rrb_test"]
    assert other.editors(7) == []  # not oneself
    (notice,) = listener.poll(timeout=5)
    assert (notice.meeting_id, notice.event, notice.mine) == (7, "editing", False)
    other.stop_editing(7)
    assert listener.editors(7) == []
    other.start_editing(7)
    other.close()  # the window closes: its marks go, and the others are told
    heard = [(n.event, n.meeting_id) for n in hear(listener, 3)]
    assert heard == [("stopped_editing", 7), ("editing", 7), ("stopped_editing", 7)]
    assert listener.editors(7) == []


def test_a_window_that_dies_leaves_no_editing_mark(
    postgres_server: PostgresServer,
    postgres_url: str,
    listener: ChangeListener,
    other_window: tuple[Database, ChangeListener],
) -> None:
    other_db, other = other_window
    other.start_editing(8)
    assert listener.editors(8) == ["rrb_test"]
    # The window's process dies: its connection is cut without a word.
    database = postgres_url.rsplit("/", 1)[1]
    postgres_server.admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE application_name = '{other_db.client_id}'",
        database,
    )
    for _ in range(100):  # the server ends the backend asynchronously
        if not listener.editors(8):
            break
        listener.poll(timeout=0.05)
    assert listener.editors(8) == []


def test_on_sqlite_the_listener_hears_nothing_and_nobody_edits(sqlite_database: Database) -> None:
    ear = ChangeListener(sqlite_database)
    assert not ear.active
    assert ear.fileno() is None
    ear.start_editing(1)
    assert ear.poll(timeout=0) == []
    assert ear.editors(1) == []


def test_the_readme_s_editor_and_reader_roles_may_do_what_it_says(
    postgres_server: PostgresServer,
    postgres_database: Database,
    postgres_url: str,
    sample_meeting: MeetingDoc,
) -> None:
    """The rights the README grants the two groups (here on tables that already exist)."""
    database = postgres_url.rsplit("/", 1)[1]
    postgres_server.admin(
        "DROP ROLE IF EXISTS rrb_jo; DROP ROLE IF EXISTS rrb_sam; "
        "DROP ROLE IF EXISTS rrb_editors; DROP ROLE IF EXISTS rrb_readers; "
        "CREATE ROLE rrb_editors NOLOGIN; CREATE ROLE rrb_readers NOLOGIN; "
        "CREATE ROLE rrb_jo LOGIN IN ROLE rrb_editors; "
        "CREATE ROLE rrb_sam LOGIN IN ROLE rrb_readers; "
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO rrb_readers; "
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO rrb_editors; "
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO rrb_editors",
        database,
    )
    editor = Database.open(postgres_server.url(database, user="rrb_jo"))
    reader = Database.open(postgres_server.url(database, user="rrb_sam"))
    try:
        assert may_edit(postgres_database)
        assert may_edit(editor)
        assert not may_edit(reader)
        meeting_id = services.import_meeting(editor, sample_meeting)  # the triggers too
        services.update_meeting(editor, meeting_id, theme="Edited by Jo")
        assert [hit.meeting_id for hit in search(reader, "Jo")] == [meeting_id]
        hearing = services.import_meeting(editor, read_meeting_file(TRANSCRIPT_EXAMPLE))
        assert {turn.meeting_id for turn in turns_by_speaker(reader, "Lucy Bogue")} == {hearing}
        with pytest.raises(StorageError, match="permission denied"), reader.begin() as session:
            session.execute(text("DELETE FROM board"))
        services.delete_meeting(editor, meeting_id)
        services.delete_meeting(editor, hearing)
        assert services.list_meetings(reader) == []
        assert turns_by_speaker(reader, "Lucy Bogue") == []
    finally:
        editor.close()
        reader.close()


class MemoryKeyring(KeyringBackend):
    """A keyring of the test's own: a real backend of the ``keyring`` library, in memory."""

    priority = 1  # type: ignore[assignment]  # keyring declares it as a class property

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def test_the_password_comes_from_the_keyring_never_the_url(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    database = postgres_url.rsplit("/", 1)[1]
    postgres_server.admin(
        f"DROP ROLE IF EXISTS {PASSWORD_ROLE}; "
        f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD 'correct horse'; "
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {PASSWORD_ROLE}",
        database,
    )
    settings_ = ServerSettings(
        host="127.0.0.1",
        port=postgres_server.port,
        user=PASSWORD_ROLE,
        database=database,
        sslmode="disable",
    )
    assert ServerSettings.from_url(settings_.url) == settings_
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        with pytest.raises(DatabaseOpenError) as refused:
            Database.open(settings_.url)
        assert "\n" not in str(refused.value)
        store_password(settings_.url, "correct horse")
        opened = Database.open(settings_.url)
        try:
            assert "correct horse" not in opened.url + opened.describe()
            assert services.list_meetings(opened) == []
        finally:
            opened.close()
        forget_password(settings_.url)
        assert memory.secrets == {}
    finally:
        keyring.set_keyring(previous)


def test_settings_and_urls_are_checked_before_connecting() -> None:
    with pytest.raises(DatabaseOpenError, match="sslmode must be one of"):
        ServerSettings(host="db", user="jo", sslmode="sometimes")
    with pytest.raises(DatabaseOpenError, match="sslmode must be one of"):
        Database.open("postgresql://jo@db/rrb?sslmode=sometimes")
    with pytest.raises(DatabaseOpenError, match="server address is empty"):
        ServerSettings(host=" ", user="jo")
    url = ServerSettings(host="db.example", user="jo", sslmode="verify-full").url
    assert url == "postgresql+psycopg://jo@db.example:5432/rrb?sslmode=verify-full"


def test_sslmode_is_honoured(postgres_server: PostgresServer) -> None:
    """The throwaway server has no TLS: ``require`` must then refuse, not fall back."""
    url = postgres_server.url() + "?sslmode=require"
    with pytest.raises(DatabaseOpenError, match="cannot open the database"):
        Database.open(url)


def test_an_older_server_database_gets_its_index_built_by_the_migration(
    new_postgres_database_url: str, sample_meeting: MeetingDoc
) -> None:
    archive_at_revision(new_postgres_database_url, "0001", [sample_meeting])  # before search
    upgraded = Database.open(new_postgres_database_url)
    try:
        assert len(search(upgraded, "accommodation")) == 1
        command.downgrade(alembic_config(upgraded.engine), "0001")
        command.upgrade(alembic_config(upgraded.engine), "head")
        assert len(search(upgraded, "accommodation")) == 1
    finally:
        upgraded.close()


@pytest.mark.parametrize("revision", EARLIER_REVISIONS)
def test_every_earlier_server_schema_upgrades_with_its_data(
    new_postgres_database_url: str, sample_meeting: MeetingDoc, revision: str
) -> None:
    archive_at_revision(new_postgres_database_url, revision, [sample_meeting, sample_meeting])
    upgraded = Database.open(new_postgres_database_url)
    try:
        assert current_revision(upgraded.engine) == HEAD_REVISION
        for meeting_id in (1, 2):
            doc = services.meeting_doc(upgraded, meeting_id)
            assert dumps_meeting(doc) == dumps_meeting(sample_meeting)
        assert [hit.meeting_id for hit in search(upgraded, "accommodation")] == [2, 1]
        # Every later feature works on it: a transcript, searched by its words and speakers.
        hearing = services.import_meeting(upgraded, read_meeting_file(TRANSCRIPT_EXAMPLE))
        assert {turn.meeting_id for turn in turns_by_speaker(upgraded, "Lucy Bogue")} == {hearing}
        assert [hit.meeting_id for hit in search(upgraded, "desistors")] == [hearing]
    finally:
        upgraded.close()


def test_the_key_upgrade_on_a_server_makes_look_alikes_one_organisation(
    new_postgres_database_url: str, sample_meeting: MeetingDoc
) -> None:
    """Migration 0005 on PostgreSQL: the Unicode-aware keys, a clash keeping the old key."""
    archive_at_revision(new_postgres_database_url, "0004", [sample_meeting])
    database = Database(new_postgres_database_url)
    try:
        with database.engine.begin() as connection:  # rows as the old app keyed them
            connection.execute(
                text(
                    "INSERT INTO organisation (name, abbreviation, abbreviation_key)"
                    " VALUES (:name, :abbreviation, :key)"
                ),
                [
                    {
                        "name": "Fullwidth body",
                        "abbreviation": "\uff26\uff37",
                        "key": "\uff46\uff57",
                    },
                    {
                        "name": "Clash with MOPAC",
                        "abbreviation": "MO\u00adPAC",
                        "key": "mo\u00adpac",
                    },
                ],
            )
    finally:
        database.close()
    upgraded = Database.open(new_postgres_database_url)
    try:
        with upgraded.engine.connect() as connection:
            keys = dict(
                connection.execute(text("SELECT name, abbreviation_key FROM organisation")).all()
            )
    finally:
        upgraded.close()
    assert keys["Fullwidth body"] == "fw"
    assert keys["Clash with MOPAC"] == "mo\u00adpac"  # MOPAC already holds "mopac"
    assert keys["Mayor's Office for Policing and Crime"] == "mopac"


@pytest.fixture(scope="module")
def server_connection(postgres_server: PostgresServer) -> Iterator[psycopg.Connection[Any]]:
    url = postgres_server.url(SHARED_DATABASE).replace("+psycopg", "")
    with psycopg.connect(url, autocommit=True) as connection:
        yield connection


@given(st.text(max_size=30))
@settings(max_examples=150)
def test_any_text_is_a_valid_server_query(
    server_connection: psycopg.Connection[Any], typed: str
) -> None:
    query = tsquery(typed)
    if query is not None:
        server_connection.execute("SELECT to_tsquery('rrb_search', %s)", (query,))


@pytest.fixture
def examples_on_both_dialects(
    sqlite_database: Database, postgres_database: Database
) -> tuple[Database, Database]:
    """The published examples (board notes and the hearing) on SQLite and on PostgreSQL."""
    docs = [read_meeting_file(path) for path in sorted(EXAMPLES.glob("*.json"))]
    services.import_meetings(sqlite_database, docs)
    services.import_meetings(postgres_database, docs)
    return sqlite_database, postgres_database


@pytest.mark.parametrize(
    "typed",
    ['"', "*", "AND", "NEAR(", "'", "co-locat", "co-location ", "Clinks", "diversion data",
     "it's", "a:b", "probation offices", "MOPAC's", "ETE",
     # the 2017 hearing: turns' words, speakers' names, members' roles and organisations
     "desistors", "Kuljit", "Sophie Lind", "Co-Chair", "Deputy Mayor", "NOMS"],
)  # fmt: skip
def test_search_answers_the_same_on_both_dialects(
    examples_on_both_dialects: tuple[Database, Database], typed: str
) -> None:
    sqlite_database, postgres_database = examples_on_both_dialects
    assert search(postgres_database, typed) == search(sqlite_database, typed)


@pytest.mark.parametrize(
    "typed", ["Sophie Linden", "Kuljit Sandhu", "co-chair", "Metropolitan Police"]
)
def test_turns_by_speaker_answer_the_same_on_both_dialects(
    examples_on_both_dialects: tuple[Database, Database], typed: str
) -> None:
    sqlite_database, postgres_database = examples_on_both_dialects
    said = turns_by_speaker(sqlite_database, typed)
    assert said  # every one of them spoke
    assert turns_by_speaker(postgres_database, typed) == said


def _hearing_index(db: Database) -> list[tuple[int, str, int, int | None, str, str]]:
    key = "rowid" if db.engine.dialect.name == "sqlite" else "key"
    with db.read() as session:
        rows = session.execute(
            text(f"SELECT {key}, kind, meeting_id, item_id, speaker, words FROM search_hearing")
        )
        return sorted(
            (int(k), kind, m, i, speaker, words) for k, kind, m, i, speaker, words in rows
        )


def test_the_transcript_index_has_the_same_keys_on_both_dialects_through_edits(
    sqlite_database: Database, postgres_database: Database, sample_meeting: MeetingDoc
) -> None:
    """The keys order search results: they must be the same, and follow a new date, an item
    moved to another meeting and a renamed organisation alike."""
    hearing = read_meeting_file(TRANSCRIPT_EXAMPLE)
    for db in (sqlite_database, postgres_database):
        board_note, transcript = services.import_meetings(db, [sample_meeting, hearing])
        services.update_meeting(db, transcript, date=dt.date(2018, 1, 31))
        first_item = services.meeting_record(db, transcript).agenda[0].id
        with db.begin() as session:
            session.execute(
                text("UPDATE agenda_item SET meeting_id = :to WHERE id = :item"),
                {"to": board_note, "item": first_item},
            )
            session.execute(
                text(
                    "UPDATE organisation SET name = 'HM Prison Service' WHERE abbreviation = 'NOMS'"
                )
            )
    on_sqlite = _hearing_index(sqlite_database)
    assert on_sqlite == _hearing_index(postgres_database)
    days = {key >> 32 for key, *_ in on_sqlite}
    assert len(days) == 2  # the moved item's turns took the board meeting's day
    assert any("HM Prison Service" in words for *_, words in on_sqlite)
