"""Owners as typed: ``MPS/MOPAC`` or ``MOPAC, AWT`` read as organisations' abbreviations.

The actions table takes owners as one line of text; reading it back into abbreviations is
a question of text alone (which separators, which abbreviations hold one), apart from the
edits of :mod:`models.actions`, which uses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Organisation
from models.text_keys import text_key

OWNER_SEPARATOR = "/"
OWNER_COMMA = ","
"""Also separates owners as typed (``MOPAC, AWT``); see :func:`parse_owners`."""
SEPARATORS = frozenset({OWNER_SEPARATOR, OWNER_COMMA})


def parse_owners(
    text: str,
    is_known: Callable[[str], bool] = lambda _name: False,
    *,
    slashed: Iterable[str] = (),
) -> tuple[str, ...]:
    """``"MPS / mopac"`` → ``("MPS", "mopac")``: the parts between slashes, blanks dropped;
    ``"MOPAC, AWT"`` → ``("MOPAC", "AWT")`` too, because a secretary types a comma first.

    A slash or comma can also be part of an abbreviation (``YOT, L&P/2``; a body with no
    short name, ``Housing, Communities and Local Government``). The known abbreviations that
    contain a slash (``slashed``) are found first, the longest where two could match, and
    kept whole. Then a part that ``is_known`` as one organisation stays whole; otherwise it
    is split at its commas, unless none of the pieces is known either: then it stays whole,
    so that the refusal names what was typed rather than a fragment of it."""
    whole = _slashed_spans(text, {text_key(name) for name in slashed if OWNER_SEPARATOR in name})

    def free(at: int) -> bool:
        return not any(start <= at < end for start, end in whole)

    names: list[str] = []
    for start, end in _cuts(text, start=0, end=len(text), at=OWNER_SEPARATOR, free=free):
        part = text[start:end].strip()
        pieces = [
            text[first:last].strip()
            for first, last in _cuts(text, start=start, end=end, at=OWNER_COMMA, free=free)
            if text[first:last].strip()
        ]
        if len(pieces) < 2 or is_known(part) or not any(is_known(piece) for piece in pieces):
            names.extend([part] if part else [])
        else:
            names.extend(pieces)
    return tuple(names)


def _cuts(
    text: str, *, start: int, end: int, at: str, free: Callable[[int], bool]
) -> list[tuple[int, int]]:
    """The ranges of ``text[start:end]`` between the ``at`` characters that are ``free``."""
    ranges: list[tuple[int, int]] = []
    begin = start
    for index in range(start, end):
        if text[index] == at and free(index):
            ranges.append((begin, index))
            begin = index + 1
    ranges.append((begin, end))
    return ranges


def _slashed_spans(text: str, keys: set[str]) -> list[tuple[int, int]]:
    """Where ``text`` names an abbreviation with a slash in it (its ``text_key`` in ``keys``):
    runs from the start or a separator to a separator or the end, longest first, left to
    right, none overlapping."""
    if not keys or OWNER_SEPARATOR not in text:
        return []
    separators = [index for index, char in enumerate(text) if char in SEPARATORS]
    starts = [0, *(index + 1 for index in separators)]
    ends = [*separators, len(text)]
    spans: list[tuple[int, int]] = []
    for start in starts:
        if spans and start < spans[-1][1]:
            continue
        for end in reversed(ends):
            if end <= start:
                break
            run = text[start:end]
            if OWNER_SEPARATOR in run and text_key(run) in keys:
                spans.append((start, end))
                break
    return spans


def slashed_abbreviations(session: Session) -> list[str]:
    """The organisations' abbreviations with a slash in them, which
    :func:`parse_owners` must not cut at it."""
    query = select(Organisation.abbreviation).where(
        Organisation.abbreviation.contains(OWNER_SEPARATOR, autoescape=True)
    )
    return list(session.scalars(query))
