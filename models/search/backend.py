"""The one seam between search and the database's own full-text engine.

Each dialect keeps, in its own index tables, one row per searchable text (an agenda item;
a meeting's title, theme and venue; an action with its owners; an attendance) under a key
``day << 32 | id``: ordering by key walks the meetings newest first, so "the newest
meetings that mention X" is found a page at a time without ranking every match. What
differs between dialects (the query syntax, how the index is asked, how a list of keys is
passed) is a :class:`SearchBackend`; ``models.search.search`` is the same for both.

Adding an indexed table (as hearing transcripts did, migration 0004) means: a migration
that creates its index rows and triggers on each dialect, and one more entry in
``newest_first`` and ``text_of`` of each backend, under a new source name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

PAGE = 500
DAY_SPAN = 2**32  # keys are day << 32 | id; ids stay below it
ITEM_ID_MASK = DAY_SPAN - 1
# The source of hearing transcripts (turns and members, migration 0004): a turn's hit counts
# as its agenda item's.
HEARING_SOURCE = "hearing"


def hearing_turn_id(key: int) -> int:
    """The turn a key of the hearing source names: its id part is ``turn id * 2`` (members,
    the other rows of that index, are odd and have no item)."""
    return (key & ITEM_ID_MASK) >> 1


# The source whose hits are agenda items: the place Enter takes the reader, so it is
# preferred over the other sources of the same meeting.
ITEM_SOURCE = "item"


@dataclass(frozen=True, slots=True)
class SearchBackend:
    """What one dialect contributes to search.

    ``build_query`` turns typed text into the dialect's query (None when nothing can
    match); ``newest_first[source]`` takes ``:query`` and ``:before`` and returns at most
    ``PAGE`` rows ``(key, meeting_id, item_id)`` with keys below ``before``, largest first;
    ``text_of[source]`` takes ``:keys`` (as ``keys_parameter`` makes them) and returns
    ``(key, body)`` for the snippets; ``session_setup`` runs first, in the same transaction.
    ``by_speaker`` takes ``:query`` (from ``build_speaker_query``) and ``:limit`` and returns
    ``(key, meeting_id, item_id, speaker, words, date)`` for the turns of a speaker.
    ``prepare_query(session, typed, query)`` may rewrite the query, once per search and in
    its transaction, into one that finds exactly the same rows more cheaply.
    """

    build_query: Callable[[str], str | None]
    newest_first: Mapping[str, TextClause]
    text_of: Mapping[str, TextClause]
    keys_parameter: Callable[[list[int]], object]
    by_speaker: TextClause
    build_speaker_query: Callable[[str], str | None]
    session_setup: tuple[TextClause, ...] = ()
    prepare_query: Callable[[Session, str, str], str] = lambda _session, _typed, query: query


def backend_for(dialect: str) -> SearchBackend:
    """The search backend of a SQLAlchemy dialect name ("sqlite", "postgresql")."""
    if dialect == "sqlite":
        from models.search.sqlite import BACKEND  # noqa: PLC0415 (each loads its dialect's SQL)

        return BACKEND
    if dialect == "postgresql":
        from models.search.postgresql import BACKEND  # noqa: PLC0415

        return BACKEND
    raise ValueError(f"full-text search is not available on {dialect}")
