"""Snippets: a few words around the first match, the matching words marked.

Made in Python rather than by the database (FTS5's ``snippet()``, PostgreSQL's
``ts_headline``) so that both dialects show the same snippet for the same text, and so that
the cost is one short window of text whatever the length of the note.
"""

from __future__ import annotations

import re
import unicodedata

# Sentinels around the matching words in a snippet: not characters anyone types, and not
# markup, so each caller (the CLI, the window) can render them its own way.
MATCH_START = "\x02"
MATCH_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 12

WORD = re.compile(r"\w+", re.UNICODE)
# The notes' Markdown (``models.notes.writer``'s stored form), not wanted in a snippet: the
# marks that start sub-headings and list lines, hard line breaks (a backslash at the end of a
# line) and emphasis (every ``*`` the writer does not escape is one). A backslash escape is
# the character it escapes, as a reader sees it: ``2 \* 3`` is ``2 * 3``, not ``2 \ 3``.
_MARKUP = re.compile(
    r"^[ \t]*(?:#{1,6}|[-*]|\d+[.)])[ \t]+|\\([!-/:-@\[-`{-~])|\\$|\*+", re.MULTILINE
)
_COMBINING = re.compile(r"[\u0300-\u036f]")


def typing_a_word(typed: str) -> bool:
    """True while the last word is being typed: it then also matches as a prefix.

    A space (or any punctuation) after the last word says the word is finished.
    """
    return bool(typed) and typed[-1].isalnum()


def typed_chunks(typed: str, *, prefix_last: bool = True) -> list[tuple[str, bool]]:
    """The typed text cut at spaces, each chunk with whether its last word is a prefix.

    One rule for the two dialects' query builders and the snippets, so that all three agree
    on what a query means. A ``*`` right after a word (``barrier*``) asks for the words
    starting with it, on any word: without this rule the ``*`` only ended the word, and
    ``bar*`` found less than ``bar``. The last word is a prefix as well while it is being
    typed (``prefix_last``), so results follow the typing. Any other ``*`` is punctuation.
    """
    chunks = [
        (chunk, chunk.endswith("*") and chunk.rstrip("*")[-1:].isalnum()) for chunk in typed.split()
    ]
    if chunks and prefix_last and typing_a_word(typed):
        chunks[-1] = (chunks[-1][0], True)
    return chunks


def _fold(text_: str) -> str:
    """As the indexes see text: case and diacritics folded."""
    decomposed = unicodedata.normalize("NFKD", text_.casefold())
    return _COMBINING.sub("", decomposed)


def _match_pattern(typed: str) -> re.Pattern[str] | None:
    """The typed words as a regular expression, chunk by chunk as the query builders ask the
    index: a hyphenated chunk (``co-location``) is one phrase, and a word is a prefix as
    :func:`typed_chunks` says."""
    phrases = [
        ([_fold(word) for word in WORD.findall(chunk)], prefix)
        for chunk, prefix in typed_chunks(typed)
        if WORD.search(chunk)
    ]
    if not phrases:
        return None
    parts = [
        r"\W+".join(map(re.escape, words)) + (r"\w*" if prefix else r"\b")
        for words, prefix in phrases
    ]
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


def _as_shown(markup: re.Match[str]) -> str:
    """What a reader sees of a piece of markup: an escaped character, else nothing."""
    return markup.group(1) or ""


def make_snippet(body: str, typed: str, *, words: int = SNIPPET_TOKENS) -> str:
    """A few words around the first match in ``body``, matches between the sentinels.

    Only a window around the first match is looked at, so a long note costs no more than
    a short one. Text with accents the query lacks is matched in its folded form.
    """
    body = _MARKUP.sub(_as_shown, body)
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
