"""The limits on text hold for every way into the archive, not only for imported files.

``models.input_limits`` bounds what a file may hold; the window and the services once let a
person store more (12,003 characters pasted into the theme were saved), and then the app's
own JSON export could not be imported again. So every unit of work checks, before it
writes, each text it changed against the same limits an import checks, and refuses it with a
:class:`~models.errors.ValidationError` naming the field as the edit named it (``theme``):
the window keeps the text where it was typed, red, with the sentence under it, and saves
nothing of it until it is shortened.

A field's limit is read from its mapped column, so there is one per field and no list to keep
in step: a column declared with a length (a name, a role, a meeting's title: ``String(300)``)
holds at most that many characters on both homes of the archive (PostgreSQL refuses more
with a database error, SQLite would store it silently, and the archive could then not move);
a note's text up to :data:`~models.input_limits.MAX_NOTE_CHARS`; any other text up to
:data:`~models.input_limits.MAX_TEXT_CHARS`. An imported file is held to the same lengths
when it is read (``models.interchange``, with the lengths of ``models.input_limits`` the
columns are declared with).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, String, inspect
from sqlalchemy.orm import InstrumentedAttribute, Mapper, Session

from models.errors import ValidationError
from models.input_limits import (
    MAX_NOTE_CHARS,
    MAX_TEXT_CHARS,
    NOTE_FIELDS,
    InputLimitError,
    check_text,
)


def text_limit(field: str) -> int:
    """How long the text of ``field``, a column declared without a length, may be: as long
    as an import allows, no longer."""
    return MAX_NOTE_CHARS if field in NOTE_FIELDS else MAX_TEXT_CHARS


def column_limit(column: InstrumentedAttribute[Any] | ColumnElement[Any]) -> int:
    """How long the text of ``column`` may be: its declared length (``String(300)``), else
    :func:`text_limit` of its name."""
    if isinstance(column, InstrumentedAttribute):
        column = column.property.columns[0]
    length = getattr(column.type, "length", None)
    return length if isinstance(length, int) else text_limit(str(column.key))


def field_label(field: str) -> str:
    """``chair_role`` as a sentence names it: "Chair role"."""
    return field.replace("_", " ").capitalize()


def refuse_bad_text(text: str, field: str, limit: int | None = None) -> None:
    """ValidationError when ``text`` is longer than ``limit`` (by default
    :func:`text_limit` of ``field``) or is not storable text."""
    if limit is None:
        limit = text_limit(field)
    label = field_label(field)
    if len(text) > limit:
        raise ValidationError(
            field,
            f"{label} is {len(text):,} characters; the limit is {limit:,}."
            " It is not saved until it is shortened.",
        )
    try:
        check_text(text, field, limit=limit)
    except InputLimitError as error:
        raise ValidationError(field, f"{label} {error.problem}.") from None


@cache
def _text_columns(mapper: Mapper[Any]) -> tuple[tuple[str, int], ...]:
    """The keys of ``mapper``'s string columns and their limits, worked out once per mapped
    class."""
    return tuple(
        (attribute.key, column_limit(attribute.columns[0]))
        for attribute in mapper.column_attrs
        if isinstance(attribute.columns[0].type, String)
    )


def check_changed_text(session: Session, _context: Any, _instances: Any) -> None:
    """``before_flush``: every text a new or changed row holds, within its limit.

    A changed row is judged on the values its changed columns were given (their history),
    never re-reading a column: an autosave of one field of a long note checks that field
    only, and loads nothing that was not loaded.
    """
    for row in session.new:
        state = inspect(row)
        for key, limit in _text_columns(state.mapper):
            value = state.dict.get(key)
            if isinstance(value, str):
                refuse_bad_text(value, key, limit)
    for row in session.dirty:
        state = inspect(row)
        for key, limit in _text_columns(state.mapper):
            for value in state.attrs[key].history.added:
                if isinstance(value, str):
                    refuse_bad_text(value, key, limit)
