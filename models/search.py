"""Full-text search over the whole record: item titles and notes, actions, themes,
meeting titles and venues, and the organisations that attended or own actions.

Whatever a person types is a valid search. The text is cut into words (as the index's own
tokenizer would) and each word is quoted, so FTS5's syntax (AND, OR, NEAR, ``*``, ``"``,
``-``, ``:``) is never interpreted; hyphenated words such as ``co-location`` become a
phrase. The last word also matches as a prefix, so results follow the typing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select, text

from models.database import Database
from models.entities import Board, Meeting

# Sentinels around the matching words in a snippet: not characters anyone types, and not
# markup, so each caller (the CLI, the window) can render them its own way.
MATCH_START = "\x02"
MATCH_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 12
DEFAULT_LIMIT = 200

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(typed: str, *, prefix_last: bool = True) -> str | None:
    """An FTS5 query that finds ``typed`` as plain words, or None if it has no words."""
    phrases = []
    for chunk in typed.split():
        words = _WORD.findall(chunk)
        if words:
            phrases.append('"' + " ".join(words) + '"')
    if not phrases:
        return None
    # A space after the last word says the word is finished: no prefix match then.
    if prefix_last and typed and typed[-1].isalnum():
        phrases[-1] += "*"
    return " ".join(phrases)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One meeting that matches, with its best match: the item to open it at, if any."""

    meeting_id: int
    date: dt.date
    board_abbreviation: str
    title: str
    item_id: int | None
    snippet: str  # with MATCH_START/MATCH_END around matching words

    def snippet_as(self, start: str, end: str) -> str:
        return self.snippet.replace(MATCH_START, start).replace(MATCH_END, end)


_CANDIDATES = text(
    """
    SELECT 'item' AS source, s.rowid AS source_id, i.meeting_id AS meeting_id,
           s.rowid AS item_id, bm25(search_items, 4.0, 1.0) AS score
    FROM search_items s JOIN agenda_item i ON i.id = s.rowid
    WHERE search_items MATCH :query
    UNION ALL
    SELECT 'misc', rowid, meeting_id, item_id, bm25(search_misc)
    FROM search_misc WHERE search_misc MATCH :query
    """
)
_ITEM_SNIPPET = text(
    f"SELECT snippet(search_items, -1, '{MATCH_START}', '{MATCH_END}', '{ELLIPSIS}', "
    f"{SNIPPET_TOKENS}) FROM search_items WHERE search_items MATCH :query AND rowid = :id"
)
_MISC_SNIPPET = text(
    f"SELECT snippet(search_misc, 0, '{MATCH_START}', '{MATCH_END}', '{ELLIPSIS}', "
    f"{SNIPPET_TOKENS}) FROM search_misc WHERE search_misc MATCH :query AND rowid = :id"
)


def search(db: Database, typed: str, *, limit: int | None = DEFAULT_LIMIT) -> list[SearchHit]:
    """Meetings matching ``typed``, best first (ties: newest first).

    Snippets are made only for the meetings returned: making one means reading the notes,
    which would dominate the time on a large archive if done for every match.
    """
    query = fts_query(typed)
    if query is None:
        return []
    with db.read() as session:
        best: dict[int, tuple[float, str, int, int | None]] = {}
        for source, source_id, meeting_id, item_id, score in session.execute(
            _CANDIDATES, {"query": query}
        ):
            current = best.get(meeting_id)
            if current is None or score < current[0]:
                best[meeting_id] = (score, source, source_id, item_id)
        meetings = {
            row.id: row
            for row in session.execute(
                select(Meeting.id, Meeting.date, Board.abbreviation, Meeting.title, Meeting.style)
                .join(Board, Board.id == Meeting.board_id)
                .where(Meeting.id.in_(list(best)))
            )
        }
        ranked = sorted(best, key=lambda m: (best[m][0], -meetings[m].date.toordinal()))
        if limit is not None:
            ranked = ranked[:limit]
        hits = []
        for meeting_id in ranked:
            _score, source, source_id, item_id = best[meeting_id]
            statement = _ITEM_SNIPPET if source == "item" else _MISC_SNIPPET
            snippet = session.execute(statement, {"query": query, "id": source_id}).scalar()
            meeting = meetings[meeting_id]
            hits.append(
                SearchHit(
                    meeting_id=meeting_id,
                    date=meeting.date,
                    board_abbreviation=meeting.abbreviation,
                    title=meeting.title or meeting.style.default_title,
                    item_id=item_id,
                    snippet=" ".join((snippet or "").split()),
                )
            )
        return hits
