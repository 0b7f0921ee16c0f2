"""Search on SQLite: the FTS5 indexes ``search_items``, ``search_misc`` and ``search_hearing``
(migrations 0002, 0004, 0008, 0011).

Whatever a person types is a valid search. The text is cut into words (as the index's own
tokenizer would) and each word is quoted, so FTS5's syntax (AND, OR, NEAR, ``*``, ``"``,
``-``, ``:``) is never interpreted; hyphenated words such as ``co-location`` become a
phrase. A word followed by ``*`` matches as a prefix, and so does the last word while it is
being typed, so results follow the typing (``snippets.typed_chunks``).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from functools import lru_cache

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from models.search.backend import ITEM_ID_MASK, PAGE, SearchBackend
from models.search.snippets import WORD, typed_chunks


def _phrases(typed: str, *, prefix_last: bool = True) -> list[tuple[list[str], bool]]:
    """The typed words, chunk by chunk (a hyphenated chunk is one phrase), each with whether
    its last word is a prefix."""
    return [
        (words, prefix)
        for chunk, prefix in typed_chunks(typed, prefix_last=prefix_last)
        if (words := WORD.findall(chunk))
    ]


def _quoted(words: list[str]) -> str:
    return '"' + " ".join(word.replace('"', '""') for word in words) + '"'


def _phrase(words: list[str], prefix: bool) -> str:
    return _quoted(words) + ("*" if prefix else "")


def fts_query(typed: str, *, prefix_last: bool = True) -> str | None:
    """An FTS5 query that finds ``typed`` as plain words, or None if it has no words."""
    phrases = [_phrase(words, prefix) for words, prefix in _phrases(typed, prefix_last=prefix_last)]
    return " ".join(phrases) if phrases else None


# A prefix as the words it stands for (migration 0011). FTS5 answers ``"resettl"*`` by
# merging the whole row lists of every word with that prefix before returning a row, so its
# cost grows with the archive; ``"resettle" OR "resettlement"`` is read newest first and
# stops after a page, as a whole word is. The words come from ``search_term``, which holds
# every word the indexes ever held (a word no longer indexed finds nothing). The prefix is
# the last word as FTS5 makes it of the typed text (its own tokenizer, so folded as the
# index folds it: ``Résettl`` is ``resettl``). One and two letters stand for too many
# words: the indexes keep those prefixes themselves (``prefix = '1 2'``), so ``"re"*`` is
# read lazily as it is; so does a prefix that stands for more than ``MAX_LISTED`` words,
# where one look-up per word would cost more than the merge.
SHORTEST_LISTED = 3  # the indexes' own prefixes are 1 and 2 letters long
MAX_LISTED = 500
TOKENIZER = "unicode61 remove_diacritics 2"  # the indexes' (migrations 0004, 0008, 0011)
_TERMS = text(
    "SELECT term FROM search_term WHERE term >= :low AND term < :high ORDER BY term LIMIT :limit"
)


@lru_cache(maxsize=256)
def fts5_words(typed: str) -> tuple[str, ...]:
    """The words FTS5's tokenizer makes of ``typed``, in order, as the indexes hold words.

    Asked of FTS5 itself (a table in memory), so that no rule of its tokenizer (which
    characters are letters, how case and accents fold) is copied here."""
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.execute(f"CREATE VIRTUAL TABLE t USING fts5(b, tokenize = '{TOKENIZER}')")
        connection.execute("CREATE VIRTUAL TABLE w USING fts5vocab(t, 'instance')")
        connection.execute("INSERT INTO t (b) VALUES (?)", (typed,))
        rows = connection.execute("SELECT term FROM w ORDER BY offset")
        return tuple(term for (term,) in rows)


def listed_prefix_query(session: Session, typed: str, query: str) -> str:
    """``query`` with its last word's prefix replaced by the words it stands for, when that
    finds the same rows for less (see above); else ``query`` itself."""
    phrases = _phrases(typed)
    if not phrases or not phrases[-1][1]:
        return query
    # The last phrase as FTS5 reads it from the query: its last word is the prefix. (Other
    # prefixes, ``barrier* housing``, are left to FTS5.)
    *head, prefix = fts5_words(" ".join(phrases[-1][0])) or ("",)
    if len(prefix) < SHORTEST_LISTED or ord(prefix[-1]) in (0xD7FF, 0x10FFFF):
        return query
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # the first text past every word with it
    try:
        terms = session.scalars(_TERMS, {"low": prefix, "high": after, "limit": MAX_LISTED + 1})
        listed = terms.all()
    except OperationalError:  # an archive from before the list (0011), still being upgraded
        return query
    if not listed or len(listed) * (len(head) + 1) > MAX_LISTED:
        # None: nothing matches, and the prefix costs nothing either. Too many: each word
        # listed repeats the phrase's words before the prefix (``co-l`` is ``"co l"*``), and
        # past MAX_LISTED words in all, one look-up each costs more than FTS5's merge.
        return query
    alternatives = " OR ".join(_quoted([*head, term]) for term in listed)
    # FTS5 reads two phrases side by side as AND, but a bracket needs the AND spelt out. A
    # phrase FTS5 makes no word of (``_``, which Python counts as a word and FTS5 does not)
    # is left out: side by side FTS5 ignores it, but spelt-out AND with it matched nothing.
    before = [phrase for phrase in phrases[:-1] if fts5_words(" ".join(phrase[0]))]
    return " AND ".join([*(_phrase(*phrase) for phrase in before), f"({alternatives})"])


# The indexes hold no text (external content, migration 0008): only keys. So a match's
# meeting and item, and the text of a snippet, are read from the tables by the id in the key
# (a primary-key lookup each), never through the index's content views, whose computed keys
# have no index.
_ID = f"((k & {ITEM_ID_MASK}) >> 2)"  # search_misc: id part = source id * 4 + kind
_MEETING, _ACTION = 1, 2  # search_misc kinds (0002); 3 is an attendance


def _keys_of(table: str) -> str:
    return (
        f"(SELECT rowid AS k FROM {table} WHERE {table} MATCH :query AND rowid < :before "
        f"ORDER BY rowid DESC LIMIT {PAGE})"
    )


_NEWEST_FIRST = {
    "item": text(
        f"SELECT k, (SELECT meeting_id FROM agenda_item WHERE id = k & {ITEM_ID_MASK}), "
        f"k & {ITEM_ID_MASK} FROM {_keys_of('search_items')} ORDER BY k DESC"
    ),
    "misc": text(
        f"SELECT k, CASE k & 3 WHEN {_MEETING} THEN {_ID}"
        f" WHEN {_ACTION} THEN (SELECT meeting_id FROM action WHERE id = {_ID})"
        f" ELSE (SELECT meeting_id FROM attendance WHERE id = {_ID}) END,"
        f" CASE k & 3 WHEN {_ACTION} THEN (SELECT agenda_item_id FROM action WHERE id = {_ID})"
        f" END FROM {_keys_of('search_misc')} ORDER BY k DESC"
    ),
    # Transcripts (migration 0004) keep their text in the index.
    "hearing": text(
        "SELECT rowid, meeting_id, item_id FROM search_hearing WHERE search_hearing MATCH :query"
        f" AND rowid < :before ORDER BY rowid DESC LIMIT {PAGE}"
    ),
}
_ORGANISATION = (
    "CASE WHEN o.abbreviation = o.name THEN o.name ELSE o.abbreviation || ' ' || o.name END"
)
_TEXT_OF = {
    "item": text(
        "SELECT k.value, i.title || char(10) || i.notes FROM json_each(:keys) k"
        f" JOIN agenda_item i ON i.id = k.value & {ITEM_ID_MASK}"
    ),
    # The texts indexed (migration 0008's views), for one row each.
    "misc": text(
        f"SELECT k, CASE k & 3 WHEN {_MEETING} THEN (SELECT coalesce(m.title, '') || ' ' ||"
        f" coalesce(m.theme, '') || ' ' || m.venue FROM meeting m WHERE m.id = {_ID})"
        f" WHEN {_ACTION} THEN (SELECT a.description || ' ' || coalesce((SELECT group_concat("
        f"{_ORGANISATION}, ' ') FROM action_owner ao JOIN organisation o"
        " ON o.id = ao.organisation_id WHERE ao.action_id = a.id), '') FROM action a"
        f" WHERE a.id = {_ID}) ELSE (SELECT {_ORGANISATION} FROM attendance t"
        f" JOIN organisation o ON o.id = t.organisation_id WHERE t.id = {_ID}) END"
        " FROM (SELECT value AS k FROM json_each(:keys))"
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
    prepare_query=listed_prefix_query,
)
