"""Search on PostgreSQL: ``tsvector`` columns kept by the database, under GIN indexes.

The index tables mirror SQLite's (same keys, same sources; see migrations 0002 and 0004):
triggers copy the texts in, and a generated column turns each into a ``tsvector`` with the
``rrb_search`` configuration (words folded to lower case without accents, no stemming and
no stop words, as SQLite's ``unicode61 remove_diacritics 2``). ASCII and common Unicode
punctuation is turned into spaces before the text is parsed, so ``co-location``, an e-mail
address or ``3.5`` are words side by side, as FTS5 sees them.

The typed text never reaches ``to_tsquery``'s syntax: it is cut into runs of letters and
digits here, each run is quoted, hyphenated chunks become phrases (``<->``), chunks are
ANDed, and a word is a prefix (``:*``) when followed by ``*`` or, for the last word, while it
is being typed (``snippets.typed_chunks``, the rule SQLite's queries follow too).
"""

from __future__ import annotations

import re

from sqlalchemy import text

from models.search.backend import PAGE, SearchBackend
from models.search.snippets import typed_chunks

# Letters and digits only: the punctuation the database turns into spaces (underscore
# included) separates words here too, and no character of tsquery's syntax survives.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
CONFIGURATION = "rrb_search"


def tsquery(typed: str, *, prefix_last: bool = True) -> str | None:
    """A ``to_tsquery`` text that finds ``typed`` as plain words, or None if it has none."""
    phrases = []
    for chunk, prefix in typed_chunks(typed, prefix_last=prefix_last):
        words = [f"'{word}'" for word in _WORD.findall(chunk)]
        if words:
            if prefix:
                words[-1] += ":*"
            phrases.append(words)
    if not phrases:
        return None
    return " & ".join(" <-> ".join(words) for words in phrases)


# The matches come from the GIN index, then the newest are kept. ``key + 0`` and no
# sequential scans keep the planner from the two plans that look cheap to it but are not,
# because it does not count reading each row's large tsvector: walking the keys newest first
# and testing every row (seconds when the words are rare or absent: a prefix such as
# ``clinks:*`` is estimated at a fixed share of the rows), or reading the whole table.
_NEWEST_FIRST = {
    source: text(
        f"SELECT key, meeting_id, item_id FROM {table} "
        f"WHERE document @@ to_tsquery('{CONFIGURATION}', :query) AND key + 0 < :before "
        f"ORDER BY key + 0 DESC LIMIT {PAGE}"
    )
    for source, table in (
        ("item", "search_items"),
        ("misc", "search_misc"),
        ("hearing", "search_hearing"),  # transcripts (migration 0004)
    )
}
_TEXT_OF = {
    "item": text("SELECT key, title || chr(10) || notes FROM search_items WHERE key = ANY(:keys)"),
    "misc": text("SELECT key, body FROM search_misc WHERE key = ANY(:keys)"),
    # Transcripts (migration 0004): a turn reads "Speaker: words", a member "Name role".
    "hearing": text(
        "SELECT key, CASE WHEN kind = 'turn' AND speaker <> '' THEN speaker || ': ' || words"
        " ELSE speaker || ' ' || words END FROM search_hearing WHERE key = ANY(:keys)"
    ),
}

# "What did X say": turns whose speaker label has every typed word, as
# ``(key, meeting_id, item_id, speaker, words, date)``. ``speaker_document`` holds the label
# alone, so words the speaker said (or a member's role) never make them a match.
_BY_SPEAKER = text(
    "SELECT s.key, s.meeting_id, s.item_id, s.speaker, s.words, m.date FROM search_hearing s"
    " JOIN meeting m ON m.id = s.meeting_id"
    f" WHERE s.speaker_document @@ to_tsquery('{CONFIGURATION}', :query) AND s.kind = 'turn'"
    " ORDER BY s.key DESC LIMIT :limit"
)


def _speaker_query(typed: str) -> str | None:
    """Whole words of a name: "Sophie" must not find "Sophiea"."""
    return tsquery(typed, prefix_last=False)


BACKEND = SearchBackend(
    build_query=tsquery,
    newest_first=_NEWEST_FIRST,
    text_of=_TEXT_OF,
    keys_parameter=list,
    by_speaker=_BY_SPEAKER,
    build_speaker_query=_speaker_query,
    session_setup=(text("SET LOCAL enable_seqscan = off"),),
)
