"""Full-text search over the whole record: item titles and notes, actions, themes,
meeting titles and venues, and the organisations that attended or own actions.

Whatever a person types is a valid search, on SQLite (FTS5) and on PostgreSQL (tsvector)
alike: each dialect's part sits behind :class:`~models.search.backend.SearchBackend`, and
what is here (merging the indexes newest first, choosing each meeting's best match, making
snippets) is shared.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.database import Database
from models.entities import Board, Meeting
from models.enums import LayoutStyle
from models.search.backend import (
    HEARING_SOURCE,
    ITEM_ID_MASK,
    ITEM_SOURCE,
    PAGE,
    SearchBackend,
    backend_for,
    hearing_turn_id,
)
from models.search.snippets import ELLIPSIS, MATCH_END, MATCH_START, make_snippet
from models.search.sqlite import fts_query

__all__ = [
    "DEFAULT_LIMIT",
    "ELLIPSIS",
    "MATCH_END",
    "MATCH_START",
    "SearchHit",
    "SpokenTurn",
    "fts_query",
    "make_snippet",
    "search",
    "turns_by_speaker",
]

DEFAULT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One meeting that matches, with its best match: the item to open it at, if any, and
    the transcript's turn when the match was in one (Enter opens the Transcript tab there)."""

    meeting_id: int
    date: dt.date
    start: dt.time | None  # with the layout, tells apart two meetings of a board on one day
    board_abbreviation: str
    title: str
    style: LayoutStyle
    item_id: int | None
    snippet: str  # with MATCH_START/MATCH_END around matching words
    turn_id: int | None = None

    def snippet_as(self, start: str, end: str) -> str:
        return self.snippet.replace(MATCH_START, start).replace(MATCH_END, end)


@dataclass(frozen=True, slots=True)
class _Match:
    key: int
    source: str
    meeting_id: int
    item_id: int | None


def _newest_first(
    session: Session, backend: SearchBackend, source: str, query: str
) -> Iterator[_Match]:
    """Matches of one index, newest meeting first, a page at a time (keyset paging)."""
    statement = backend.newest_first[source]
    before = 2**63 - 1
    while True:
        rows = session.execute(statement, {"query": query, "before": before}).all()
        for key, meeting_id, item_id in rows:
            yield _Match(
                int(key), source, int(meeting_id), None if item_id is None else int(item_id)
            )
        if len(rows) < PAGE:
            return
        before = rows[-1][0]


def _in_item(match: _Match) -> bool:
    """A match in an item's own text: its title and notes, or one of its turns."""
    return match.source == ITEM_SOURCE or (
        match.source == HEARING_SOURCE and match.item_id is not None
    )


def _turn_of(match: _Match) -> int | None:
    """The transcript's turn a match is in (a hearing row with an item), else None."""
    if match.source == HEARING_SOURCE and match.item_id is not None:
        return hearing_turn_id(match.key)
    return None


def _better(match: _Match, current: _Match) -> bool:
    """An agenda item (the earliest that matches) beats an action or an attendee; a
    transcript's turn counts as its item."""
    return _in_item(match) and (
        not _in_item(current) or (match.item_id or 0) < (current.item_id or 0)
    )


def search(db: Database, typed: str, *, limit: int | None = DEFAULT_LIMIT) -> list[SearchHit]:
    """Meetings matching ``typed``, newest first, each with its best match.

    "When did this last come up?" is the question a secretary brings, so the order is by
    meeting date, which also lets the indexes stop as soon as ``limit`` meetings are found.
    Within a meeting an agenda item (the earliest that matches) beats an action or an
    attendee, since that is where Enter should take the reader.
    """
    backend = backend_for(db.engine.dialect.name)
    query = backend.build_query(typed)
    if query is None:
        return []
    with db.read() as session:
        for statement in backend.session_setup:
            session.execute(statement)
        query = backend.prepare_query(session, typed, query)
        best: dict[int, _Match] = {}
        merged = heapq.merge(
            *(_newest_first(session, backend, source, query) for source in backend.newest_first),
            key=lambda match: -match.key,
        )
        for match in merged:
            current = best.get(match.meeting_id)
            if current is None:
                if limit is not None and len(best) >= limit:
                    break
                best[match.meeting_id] = match
            elif _better(match, current):
                best[match.meeting_id] = match
        if not best:
            return []
        meetings = {
            row.id: row
            for row in session.execute(
                select(
                    Meeting.id,
                    Meeting.date,
                    Meeting.start_time,
                    Board.abbreviation,
                    Meeting.title,
                    Meeting.style,
                )
                .join(Board, Board.id == Meeting.board_id)
                .where(Meeting.id.in_(list(best)))
            )
        }
        snippets: dict[tuple[str, int], str] = {}
        for source, statement in backend.text_of.items():
            wanted = [match.key for match in best.values() if match.source == source]
            if wanted:
                keys = backend.keys_parameter(wanted)
                for key, body in session.execute(statement, {"keys": keys}):
                    snippets[(source, int(key))] = make_snippet(body or "", typed)
        return [
            SearchHit(
                meeting_id=meeting_id,
                date=meetings[meeting_id].date,
                start=meetings[meeting_id].start_time,
                board_abbreviation=meetings[meeting_id].abbreviation,
                title=meetings[meeting_id].style.title_of(meetings[meeting_id].title),
                style=meetings[meeting_id].style,
                item_id=match.item_id,
                snippet=snippets.get((match.source, match.key), ""),
                turn_id=_turn_of(match),
            )
            for meeting_id, match in best.items()
            if meeting_id in meetings
        ]


# --- transcripts (migration 0004): "what did X say" ------------------------------------------


@dataclass(frozen=True, slots=True)
class SpokenTurn:
    """A turn whose speaker label matches: where it is, who, and the words."""

    meeting_id: int
    date: dt.date
    item_id: int
    speaker: str
    text: str


def turns_by_speaker(db: Database, typed: str, *, limit: int = 500) -> list[SpokenTurn]:
    """Turns whose speaker label has every typed word (``Linden``, ``Co-Chair``), newest
    meeting first and in the order spoken within a meeting: "what did X say"."""
    backend = backend_for(db.engine.dialect.name)
    query = backend.build_speaker_query(typed)
    if query is None:
        return []
    with db.read() as session:
        for statement in backend.session_setup:
            session.execute(statement)
        rows = session.execute(backend.by_speaker, {"query": query, "limit": limit}).all()
    ordered = sorted(rows, key=lambda row: (-(int(row[0]) >> 32), int(row[0]) & ITEM_ID_MASK))
    return [
        SpokenTurn(
            meeting_id=int(meeting_id),
            date=date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date)),
            item_id=int(item_id),
            speaker=speaker,
            text=words,
        )
        for _key, meeting_id, item_id, speaker, words, date in ordered
    ]
