"""A note's texts checked against the archive's limits, each refusal naming whose text it is.

The archive refuses, as it writes, any text longer than its column (``models.text_limits``),
but the row it refuses is then only a field: "Person role is 412 characters". A meeting read
from Word has many attendees, items and actions, and the secretary has to find the one at
fault in the document or in the review; so before saving, each text is checked against the
same limit (its column's, :func:`~models.text_limits.column_limit`) and a refusal names its
owner: ``attendee 'Sophie Linden' (MOPAC): role is 412 characters; the limit is 300``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from sqlalchemy.orm import InstrumentedAttribute

from models.entities import (
    Action,
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    Member,
    Organisation,
    Turn,
)
from models.input_limits import InputLimitError, check_text
from models.meeting_doc import AttendeeDoc, MeetingDoc
from models.text_limits import column_limit

_LABEL_CHARS: Final = 40  # enough of a name or a title to find it by


def text_problem(meeting: MeetingDoc) -> str | None:
    """Why the first text of ``meeting`` past its column's limit (or holding what no archive
    can store) cannot be saved, naming the attendee, member, item, action or organisation
    it belongs to; None when every text can be."""
    for owner, field, text, column in _texts(meeting):
        if not text:
            continue
        try:
            check_text(text, field, limit=column_limit(column))
        except InputLimitError as error:
            return f"{owner}: {field} {error.problem}"
    return None


Column = InstrumentedAttribute[Any]
OwnedText = tuple[str, str, str | None, Column]
"""(whose: ``attendee 'Sophie Linden' (MOPAC)``, which: ``role``, the text, its column)."""


def _texts(meeting: MeetingDoc) -> Iterator[OwnedText]:
    yield "the meeting", "title", meeting.title, Meeting.title
    yield "the meeting", "venue", meeting.venue, Meeting.venue
    yield "the meeting", "theme", meeting.theme, Meeting.theme
    if meeting.chair is not None:
        yield "the chair", "role", meeting.chair.role, Meeting.chair_role
    board = f"the board {_quoted(meeting.board.name)}"
    yield board, "name", meeting.board.name, Board.name
    yield board, "abbreviation", meeting.board.abbreviation, Board.abbreviation
    for org in meeting.organisations:
        whose = f"organisation {_quoted(org.name)} ({_cut(org.abbreviation)})"
        yield whose, "name", org.name, Organisation.name
        yield whose, "abbreviation", org.abbreviation, Organisation.abbreviation
    people: list[tuple[str, str | None, str | None, Column, Column]] = [
        (_attendee(a), a.name, a.role, Attendance.person_name, Attendance.person_role)
        for a in meeting.attendees
    ]
    people += [
        (f"member {_quoted(m.name)}", m.name, m.role, Member.name, Member.role)
        for m in meeting.members
    ]
    for whose, name, role, name_column, role_column in people:
        yield whose, "name", name, name_column
        yield whose, "role", role, role_column
    for number, item in enumerate(meeting.agenda, start=1):
        whose = f"item {number} {_quoted(item.title)}"
        yield whose, "title", item.title, AgendaItem.title
        yield whose, "notes", item.notes, AgendaItem.notes
        for action in item.actions:
            what = f"action {_quoted(action.description)} (item {number})"
            yield what, "description", action.description, Action.description
        for turn in item.turns:
            spoken = f"words of {_quoted(turn.speaker)}" if turn.speaker else "words"
            yield f"{spoken} (item {number})", "speaker", turn.speaker, Turn.speaker
            yield f"{spoken} (item {number})", "text", turn.text, Turn.text


def _attendee(attendee: AttendeeDoc) -> str:
    """``attendee 'Sophie Linden' (MOPAC)``, or ``attendee (MOPAC)`` with no name printed."""
    person = f" {_quoted(attendee.name)}" if attendee.name else ""
    return f"attendee{person} ({_cut(attendee.organisation)})"


def _cut(text: str) -> str:
    """The start of ``text``, enough to find it by (the text may be the one too long)."""
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def _quoted(text: str | None) -> str:
    return f"'{_cut(text or '')}'"
