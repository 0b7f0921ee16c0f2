"""Bounds on everything read from outside, checked before the format is interpreted.

A meeting file comes from anywhere: e-mail, another program, an attacker. Python's own JSON
reader fails on some of them in ways that are not a message (nesting deep enough to exhaust
the stack, a number of thousands of digits), accepts text Word and SQLite cannot store (lone
surrogates such as ``"\\ud800"``), and will happily build a note of a gigabyte that no export
could finish. So a file is checked here, in one linear pass each, against documented limits,
and every refusal is one line naming the field. The format's own reader
(``models.interchange``) then only sees values it can handle.

The limits are far above any real meeting (the largest published note is a few thousand
words) and are listed in README.md ("Your data is safe").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

MAX_FILE_BYTES: Final = 32 * 1024 * 1024
MAX_NESTING: Final = 16  # the format itself needs 5 levels
MAX_NUMBER_CHARS: Final = 20  # the format has no numbers; a long one is refused unread
MAX_TEXT_CHARS: Final = 10_000  # any text but a note: titles, names, descriptions
MAX_NOTE_CHARS: Final = 1_000_000  # the notes of one agenda item
MAX_LIST_ITEMS: Final = 2_000  # agenda items, attendees, organisations, actions per item
# The lengths of the archive's columns declared with one (models.entities): a name of a person
# or an organisation, a role, a meeting's title; an abbreviation; a board's name. A file is
# held to them as it is read (models.interchange), because PostgreSQL refuses longer text.
MAX_NAME_CHARS: Final = 300
MAX_ABBREVIATION_CHARS: Final = 50
MAX_BOARD_NAME_CHARS: Final = 200
# Field names whose text may be as long as a note.
NOTE_FIELDS: Final = frozenset({"notes"})

_SURROGATE = re.compile("[\ud800-\udfff]")
# Strings (with their escapes) and brackets: everything that can open or close a level.
_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


class InputLimitError(ValueError):
    """An input past a limit, or text that cannot be stored; ``field`` names where."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}" if field else problem)
        self.field = field
        self.problem = problem


def check_nesting(text: str) -> None:
    """Refuse JSON nested deeper than MAX_NESTING before ``json`` recurses into it."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise InputLimitError(
                    "", f"nested more than {MAX_NESTING} levels deep (not a meeting file)"
                )
        elif token in "]}":
            depth -= 1


def _refuse_number(text: str) -> Any:
    if len(text) > MAX_NUMBER_CHARS:
        raise InputLimitError("", f"holds a number of {len(text)} digits (not a meeting file)")
    return float(text) if any(c in text for c in ".eE") else int(text)


def _refuse_constant(name: str) -> Any:
    raise InputLimitError("", f"holds {name}, which is not JSON")


def loads_bounded(text: str) -> Any:
    """``json.loads`` within the limits; InputLimitError or json.JSONDecodeError otherwise."""
    if len(text) > MAX_FILE_BYTES:
        raise InputLimitError("", f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    check_nesting(text)
    value = json.loads(
        text,
        parse_int=_refuse_number,
        parse_float=_refuse_number,
        parse_constant=_refuse_constant,
    )
    check_value(value)
    return value


def key_name(key: object) -> str:
    """A key of a file as a field name: as typed, or quoted and escaped where it would break
    the one-line message (a newline in a key)."""
    text = str(key)
    return text if text.isprintable() else json.dumps(text)


def _children(value: object, field: str) -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield f"{field}.{key_name(key)}" if field else key_name(key), child
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield f"{field}[{index}]", child


def _leaf_name(field: str) -> str:
    return field.rsplit(".", 1)[-1].split("[", 1)[0]


def check_text(text: str, field: str, *, limit: int | None = None) -> str:
    """Refuse text past its limit, holding lone surrogates (which no file can store) or NUL
    (which PostgreSQL cannot store: refused on both homes, so an archive can always move)."""
    if limit is None:
        limit = MAX_NOTE_CHARS if _leaf_name(field) in NOTE_FIELDS else MAX_TEXT_CHARS
    if len(text) > limit:
        raise InputLimitError(field, f"is {len(text):,} characters; the limit is {limit:,}")
    found = _SURROGATE.search(text)
    if found is not None:
        raise InputLimitError(
            field,
            f"holds an unpaired surrogate (\\u{ord(found.group()):04x}) at character"
            f" {found.start() + 1}, which is not text",
        )
    nul = text.find("\x00")
    if nul >= 0:
        raise InputLimitError(
            field, f"holds a NUL character at character {nul + 1}, which is not text"
        )
    return text


def check_value(value: object) -> None:
    """Every string, key and list of a decoded JSON value within its limit (iteratively, so
    no value can exhaust the stack)."""
    pending: list[tuple[str, object]] = [("", value)]
    while pending:
        field, current = pending.pop()
        if isinstance(current, str):
            check_text(current, field)
        elif isinstance(current, list):
            if len(current) > MAX_LIST_ITEMS:
                raise InputLimitError(
                    field, f"has {len(current):,} entries; at most {MAX_LIST_ITEMS:,} are accepted"
                )
            pending.extend(_children(current, field))
        elif isinstance(current, dict):
            for key in current:
                check_text(key, field, limit=100)
            pending.extend(_children(current, field))
