"""Full-text search over the whole record: item titles and notes, actions, themes,
meeting titles and venues, and the organisations that attended or own actions.

Whatever a person types is a valid search. The text is cut into words (as the index's own
tokenizer would) and each word is quoted, so FTS5's syntax (AND, OR, NEAR, ``*``, ``"``,
``-``, ``:``) is never interpreted; hyphenated words such as ``co-location`` become a
phrase. The last word also matches as a prefix, so results follow the typing.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from models.database import Database
from models.entities import Board, Meeting

# Sentinels around the matching words in a snippet: not characters anyone types, and not
# markup, so each caller (the CLI, the window) can render them its own way.
MATCH_START = "\x02"
MATCH_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 12
DEFAULT_LIMIT = 50

_WORD = re.compile(r"\w+", re.UNICODE)
# The notes' Markdown markers, not wanted in a snippet: emphasis and heading marks, and
# the bullets and numbers that start list lines.
_MARKUP = re.compile(r"[*#]|^[ \t]*(?:-|\d+[.)])[ \t]+", re.MULTILINE)
_COMBINING = re.compile(r"[\u0300-\u036f]")


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


PAGE = 500
ITEM_ID_MASK = 2**32 - 1  # index rowids are day << 32 | id (see migration 0002)
_NEWEST_FIRST = {
    source: text(
        f"SELECT rowid, meeting_id, {item} FROM {table} "
        f"WHERE {table} MATCH :query AND rowid < :before ORDER BY rowid DESC LIMIT {PAGE}"
    )
    for source, table, item in (
        ("item", "search_items", "NULL"),
        ("misc", "search_misc", "item_id"),
        ("hearing", "search_hearing", "item_id"),  # transcripts (migration 0004)
    )
}
_TEXT_OF = {
    # A rowid lookup without MATCH: FTS5 answers it at once, whereas "MATCH ... AND rowid
    # IN (...)" evaluates the whole match (about a second on a 10,000-meeting archive).
    "item": text(
        "SELECT rowid, title || char(10) || notes FROM search_items "
        "WHERE rowid IN (SELECT value FROM json_each(:ids))"
    ),
    "misc": text(
        "SELECT rowid, body FROM search_misc WHERE rowid IN (SELECT value FROM json_each(:ids))"
    ),
    # Transcripts (migration 0004): a turn reads "Speaker: words", a member "Name role".
    "hearing": text(
        "SELECT rowid, CASE WHEN kind = 'turn' AND speaker != '' THEN speaker || ': ' || words"
        " ELSE speaker || ' ' || words END FROM search_hearing"
        " WHERE rowid IN (SELECT value FROM json_each(:ids))"
    ),
}


def _fold(text_: str) -> str:
    """As the index's tokenizer sees text: case and diacritics folded."""
    decomposed = unicodedata.normalize("NFKD", text_.casefold())
    return _COMBINING.sub("", decomposed)


def _match_pattern(typed: str) -> re.Pattern[str] | None:
    """The typed words as a regular expression, chunk by chunk as ``fts_query`` asks the
    index: a hyphenated chunk (``co-location``) is one phrase, and the last word is a prefix
    while it is being typed."""
    phrases = [
        [_fold(word) for word in _WORD.findall(chunk)]
        for chunk in typed.split()
        if _WORD.search(chunk)
    ]
    if not phrases:
        return None
    prefix = typed[-1].isalnum()
    parts = [
        r"\W+".join(map(re.escape, words)) + (r"\w*" if prefix and n == len(phrases) - 1 else r"\b")
        for n, words in enumerate(phrases)
    ]
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


def make_snippet(body: str, typed: str, *, words: int = SNIPPET_TOKENS) -> str:
    """A few words around the first match in ``body``, matches between the sentinels.

    Done here rather than with FTS5's snippet() for the reason given at ``_TEXT_OF``.
    Only a window around the first match is looked at, so a long note costs no more than
    a short one. Text with accents the query lacks is matched in its folded form.
    """
    body = _MARKUP.sub("", body)
    pattern = _match_pattern(typed)
    found = pattern.search(body) if pattern else None
    if pattern is not None and found is None and not body.isascii():
        body = _fold(body)
        found = pattern.search(body)
    if pattern is None or found is None:
        head = body.split()
        return " ".join(head[:words]) + (ELLIPSIS if len(head) > words else "")
    before = body[max(found.start() - 40 * words, 0) : found.start()].split()[-(words // 3) :]
    after = body[found.start() : found.start() + 40 * words].split()[: words - len(before)]
    window = " ".join([*before, *after])
    marked = pattern.sub(lambda m: f"{MATCH_START}{m.group()}{MATCH_END}", window)
    lead = ELLIPSIS if body[: found.start()].strip() and len(before) >= words // 3 else ""
    tail = ELLIPSIS if len(body) > found.start() + len(" ".join(after)) + 1 else ""
    return lead + marked.lstrip("- ") + tail


@dataclass(frozen=True, slots=True)
class _Match:
    key: int
    source: str  # "item", "misc" or "hearing"
    meeting_id: int
    item_id: int | None


def _newest_first(session: Session, source: str, query: str) -> Iterator[_Match]:
    """Matches of one index, newest meeting first, a page at a time (keyset paging)."""
    before = 2**63 - 1
    while True:
        rows = session.execute(_NEWEST_FIRST[source], {"query": query, "before": before}).all()
        for key, meeting_id, action_item_id in rows:
            item_id = key & ITEM_ID_MASK if source == "item" else action_item_id
            yield _Match(key, source, int(meeting_id), None if item_id is None else int(item_id))
        if len(rows) < PAGE:
            return
        before = rows[-1][0]


def _in_item(match: _Match) -> bool:
    """A match in an item's own text: its title and notes, or one of its turns."""
    return match.source == "item" or (match.source == "hearing" and match.item_id is not None)


def search(db: Database, typed: str, *, limit: int | None = DEFAULT_LIMIT) -> list[SearchHit]:
    """Meetings matching ``typed``, newest first, each with its best match.

    "When did this last come up?" is the question a secretary brings, so the order is by
    meeting date, which also lets the indexes stop as soon as ``limit`` meetings are found.
    Within a meeting an agenda item (the earliest that matches) beats an action or an
    attendee, since that is where Enter should take the reader; a transcript's turn counts
    as its item.
    """
    query = fts_query(typed)
    if query is None:
        return []
    with db.read() as session:
        best: dict[int, _Match] = {}
        merged = heapq.merge(
            *(_newest_first(session, source, query) for source in _NEWEST_FIRST),
            key=lambda match: -match.key,
        )
        for match in merged:
            current = best.get(match.meeting_id)
            if current is None:
                if limit is not None and len(best) >= limit:
                    break
                best[match.meeting_id] = match
            elif _in_item(match) and (
                not _in_item(current) or (match.item_id or 0) < (current.item_id or 0)
            ):
                best[match.meeting_id] = match
        if not best:
            return []
        meetings = {
            row.id: row
            for row in session.execute(
                select(Meeting.id, Meeting.date, Board.abbreviation, Meeting.title, Meeting.style)
                .join(Board, Board.id == Meeting.board_id)
                .where(Meeting.id.in_(list(best)))
            )
        }
        snippets: dict[tuple[str, int], str] = {}
        for source, statement in _TEXT_OF.items():
            wanted = [match.key for match in best.values() if match.source == source]
            if wanted:
                for key, body in session.execute(statement, {"ids": json.dumps(wanted)}):
                    snippets[(source, key)] = make_snippet(body or "", typed)
        return [
            SearchHit(
                meeting_id=meeting_id,
                date=meetings[meeting_id].date,
                board_abbreviation=meetings[meeting_id].abbreviation,
                title=meetings[meeting_id].title or meetings[meeting_id].style.default_title,
                item_id=match.item_id,
                snippet=snippets.get((match.source, match.key), ""),
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


_BY_SPEAKER = text(
    "SELECT s.rowid, s.meeting_id, s.item_id, s.speaker, s.words, m.date FROM search_hearing s"
    " JOIN meeting m ON m.id = s.meeting_id"
    " WHERE search_hearing MATCH :query AND s.kind = 'turn' ORDER BY s.rowid DESC LIMIT :limit"
)


def turns_by_speaker(db: Database, typed: str, *, limit: int = 500) -> list[SpokenTurn]:
    """Turns whose speaker label has every typed word (``Linden``, ``Co-Chair``), newest
    meeting first and in the order spoken within a meeting: "what did X say"."""
    query = fts_query(typed, prefix_last=False)
    if query is None:
        return []
    with db.read() as session:
        rows = session.execute(_BY_SPEAKER, {"query": f"speaker : ({query})", "limit": limit}).all()
    ordered = sorted(rows, key=lambda row: (-(row[0] >> 32), row[0] & ITEM_ID_MASK))
    return [
        SpokenTurn(
            meeting_id=int(meeting_id),
            date=dt.date.fromisoformat(str(date)),
            item_id=int(item_id),
            speaker=speaker,
            text=words,
        )
        for _key, meeting_id, item_id, speaker, words, date in ordered
    ]
