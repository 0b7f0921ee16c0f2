"""Search on SQLite: the FTS5 indexes ``search_items`` and ``search_misc`` (migration 0002).

Whatever a person types is a valid search. The text is cut into words (as the index's own
tokenizer would) and each word is quoted, so FTS5's syntax (AND, OR, NEAR, ``*``, ``"``,
``-``, ``:``) is never interpreted; hyphenated words such as ``co-location`` become a
phrase. The last word also matches as a prefix, so results follow the typing.
"""

from __future__ import annotations

import json

from sqlalchemy import text

from models.search.backend import ITEM_ID_MASK, PAGE, SearchBackend
from models.search.snippets import WORD, typing_a_word


def fts_query(typed: str, *, prefix_last: bool = True) -> str | None:
    """An FTS5 query that finds ``typed`` as plain words, or None if it has no words."""
    phrases = []
    for chunk in typed.split():
        words = WORD.findall(chunk)
        if words:
            phrases.append('"' + " ".join(words) + '"')
    if not phrases:
        return None
    if prefix_last and typing_a_word(typed):
        phrases[-1] += "*"
    return " ".join(phrases)


_NEWEST_FIRST = {
    source: text(
        f"SELECT rowid, meeting_id, {item} FROM {table} "
        f"WHERE {table} MATCH :query AND rowid < :before ORDER BY rowid DESC LIMIT {PAGE}"
    )
    for source, table, item in (
        ("item", "search_items", f"rowid & {ITEM_ID_MASK}"),
        ("misc", "search_misc", "item_id"),
        ("hearing", "search_hearing", "item_id"),  # transcripts (migration 0004)
    )
}
_TEXT_OF = {
    # A rowid lookup without MATCH: FTS5 answers it at once, whereas "MATCH ... AND rowid
    # IN (...)" evaluates the whole match (about a second on a 10,000-meeting archive).
    # That is also why snippets are made in Python rather than with FTS5's snippet().
    "item": text(
        "SELECT rowid, title || char(10) || notes FROM search_items "
        "WHERE rowid IN (SELECT value FROM json_each(:keys))"
    ),
    "misc": text(
        "SELECT rowid, body FROM search_misc WHERE rowid IN (SELECT value FROM json_each(:keys))"
    ),
    # Transcripts (migration 0004): a turn reads "Speaker: words", a member "Name role".
    "hearing": text(
        "SELECT rowid, CASE WHEN kind = 'turn' AND speaker != '' THEN speaker || ': ' || words"
        " ELSE speaker || ' ' || words END FROM search_hearing"
        " WHERE rowid IN (SELECT value FROM json_each(:keys))"
    ),
}

# "What did X say": turns whose speaker label has every typed word, as
# ``(key, meeting_id, item_id, speaker, words, date)``; the key orders them as spoken.
_BY_SPEAKER = text(
    "SELECT s.rowid, s.meeting_id, s.item_id, s.speaker, s.words, m.date FROM search_hearing s"
    " JOIN meeting m ON m.id = s.meeting_id"
    " WHERE search_hearing MATCH :query AND s.kind = 'turn' ORDER BY s.rowid DESC LIMIT :limit"
)


def _speaker_query(typed: str) -> str | None:
    query = fts_query(typed, prefix_last=False)
    return None if query is None else f"speaker : ({query})"


BACKEND = SearchBackend(
    build_query=fts_query,
    newest_first=_NEWEST_FIRST,
    text_of=_TEXT_OF,
    keys_parameter=json.dumps,
    by_speaker=_BY_SPEAKER,
    build_speaker_query=_speaker_query,
)
