"""The ``rrb-meeting`` interchange format: one meeting per JSON file.

Version 2 (written) is a superset of version 1 (still read): a hearing transcript's
``members`` and each item's ``turns``, the ``hearing-transcript`` style, and a ``venue``
that may be null (not known; allowed in version 1 too). A board note written as version 2
differs from version 1 only in its ``format`` line, since empty members and turns are left
out.

Reading checks every field by hand rather than through the JSON Schema, because a
minute-taker needs a message that names the file and the field (``agenda[2].actions[0].due:
2024-02-30 is not a real date``), not a schema validator's dump. The schema in
``resources/rrb-meeting.schema.json`` describes the same shape for other tools, and a test
keeps the two in agreement.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from models.enums import ActionStatus, AttendanceStatus, LayoutStyle, MeetingMode
from models.input_limits import (
    MAX_ABBREVIATION_CHARS,
    MAX_BOARD_NAME_CHARS,
    MAX_FILE_BYTES,
    MAX_NAME_CHARS,
    InputLimitError,
    check_text,
    key_name,
    loads_bounded,
)
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    ChairDoc,
    MeetingDoc,
    MemberDoc,
    OrganisationRef,
    TurnDoc,
)
from models.text_keys import text_key

FORMAT_1 = "rrb-meeting/1"
FORMAT = "rrb-meeting/2"  # what is written
FORMATS = (FORMAT_1, FORMAT)
EARLIEST_YEAR = 1900
LATEST_YEAR = 2199

E = TypeVar("E", bound=StrEnum)


class FormatError(ValueError):
    """A file that is not a valid ``rrb-meeting`` meeting; ``field`` is a path like
    ``attendees[3].organisation`` (empty for the file as a whole)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}" if field else problem)
        self.field = field
        self.problem = problem


# --- reading ---------------------------------------------------------------------------------


def _object(
    value: object, field: str, keys: tuple[str, ...], required: tuple[str, ...]
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FormatError(field, f"expected an object, found {_kind(value)}")
    unknown = sorted(set(value) - set(keys))
    if unknown:
        raise FormatError(_join(field, unknown[0]), "is not a field of this format")
    for key in required:
        if key not in value:
            raise FormatError(_join(field, key), "is missing")
    return value


def _kind(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _join(field: str, key: str) -> str:
    return f"{field}.{key_name(key)}" if field else key_name(key)


def _text(value: object, field: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise FormatError(field, f"expected text, found {_kind(value)}")
    if required and not value.strip():
        raise FormatError(field, "must not be empty")
    return value


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else _text(value, field)


def _within(text: str, field: str, limit: int) -> str:
    """``text`` as it will be stored, refused when its column is declared shorter (a name,
    a role, a title: models.input_limits), so that a file imports on SQLite exactly when it
    imports on PostgreSQL, which refuses longer text."""
    try:
        return check_text(text, field, limit=limit)
    except InputLimitError as error:
        raise FormatError(error.field, error.problem) from None


def _name(value: object, field: str, limit: int = MAX_NAME_CHARS, *, trim: bool = True) -> str:
    """A name that must be given, as it is stored (trimmed, unless not ``trim``), within
    ``limit``."""
    text = _text(value, field, required=True)
    return _within(text.strip() if trim else text, field, limit)


def _optional_name(value: object, field: str) -> str | None:
    """A name or role that may be left out (empty is none), within its column's length."""
    text = _optional_text(value, field) or None
    return None if text is None else _within(text, field, MAX_NAME_CHARS)


def _date(value: object, field: str) -> dt.date:
    text = _text(value, field)
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        raise FormatError(field, f"{text!r} is not a real date (expected YYYY-MM-DD)") from None
    if len(text) != 10 or not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise FormatError(field, f"{text!r} is not a plausible date (expected YYYY-MM-DD)")
    return parsed


def _optional_date(value: object, field: str) -> dt.date | None:
    return None if value is None else _date(value, field)


def _time(value: object, field: str) -> dt.time | None:
    if value is None:
        return None
    text = _text(value, field)
    try:
        parsed = dt.datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise FormatError(field, f"{text!r} is not a time (expected HH:MM, 24-hour)") from None
    if len(text) != 5:
        raise FormatError(field, f"{text!r} is not a time (expected HH:MM, 24-hour)")
    return parsed


def _enum(enum_class: type[E], value: object, field: str) -> E:
    text = _text(value, field)
    try:
        return enum_class(text)
    except ValueError:
        allowed = ", ".join(member.value for member in enum_class)
        raise FormatError(field, f"{text!r} is not one of: {allowed}") from None


def _list(value: object, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise FormatError(field, f"expected a list, found {_kind(value)}")
    return value


def _bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise FormatError(field, f"expected true or false, found {_kind(value)}")
    return value


def _items(value: object, field: str, parse: Callable[[object, str], Any]) -> tuple[Any, ...]:
    return tuple(
        parse(entry, f"{field}[{index}]") for index, entry in enumerate(_list(value, field))
    )


def _member(value: object, field: str, reference: Callable[[object, str], str]) -> MemberDoc:
    entry = _object(value, field, ("name", "role", "organisation", "chair"), ("name",))
    organisation = entry.get("organisation")
    return MemberDoc(
        name=_name(entry["name"], f"{field}.name", trim=False),
        role=_optional_name(entry.get("role"), f"{field}.role"),
        organisation=None
        if organisation is None
        else reference(organisation, f"{field}.organisation"),
        chair=_bool(entry.get("chair", False), f"{field}.chair"),
    )


def _turn(value: object, field: str) -> TurnDoc:
    entry = _object(value, field, ("speaker", "text"), ("speaker", "text"))
    speaker = entry["speaker"]
    if isinstance(speaker, str) and not speaker.strip():
        raise FormatError(f"{field}.speaker", "must not be empty (null for an editorial note)")
    if speaker is not None and not isinstance(speaker, str):
        raise FormatError(
            f"{field}.speaker",
            f"expected text (or null for an editorial note), found {_kind(speaker)}",
        )
    return TurnDoc(speaker=speaker, text=_text(entry["text"], f"{field}.text"))


TOP_FIELDS = (
    "format", "board", "style", "title", "date", "start", "end", "venue", "mode",
    "chair", "theme", "organisations", "attendees", "agenda", "next_meeting",
)  # fmt: skip
ITEM_FIELDS = ("title", "notes", "confidential", "actions")
# What version 2 adds to version 1.
TOP_FIELDS_2 = (*TOP_FIELDS, "members")
ITEM_FIELDS_2 = (*ITEM_FIELDS, "turns")


def _format(data: object) -> str:
    """The file's format version, checked before anything else so that the other messages
    can speak of the right version."""
    if isinstance(data, dict) and "format" in data and data["format"] not in FORMATS:
        found = data["format"]
        raise FormatError("format", f"{found!r} is not {FORMAT!r} (nor {FORMAT_1!r})")
    return str(data.get("format", FORMAT)) if isinstance(data, dict) else FORMAT


def parse_meeting(data: object) -> MeetingDoc:
    """Check a decoded JSON value and turn it into a MeetingDoc, or raise FormatError.

    Both versions are read; a version 2 field in a version 1 file is refused as an unknown
    field, like any other, rather than read as if the file had said version 2.
    """
    version_2 = _format(data) == FORMAT
    top = _object(
        data,
        "",
        TOP_FIELDS_2 if version_2 else TOP_FIELDS,
        ("format", "board", "style", "date", "organisations", "agenda"),
    )

    board_data = _object(top["board"], "board", ("name", "abbreviation"), ("name", "abbreviation"))
    board = BoardRef(
        _name(board_data["name"], "board.name", MAX_BOARD_NAME_CHARS),
        _name(board_data["abbreviation"], "board.abbreviation", MAX_ABBREVIATION_CHARS),
    )

    def organisation(value: object, field: str) -> OrganisationRef:
        org = _object(value, field, ("name", "abbreviation"), ("name", "abbreviation"))
        if isinstance(org["abbreviation"], str) and not text_key(org["abbreviation"]):
            raise FormatError(f"{field}.abbreviation", "must not be empty (or only invisible)")
        return OrganisationRef(
            _name(org["name"], f"{field}.name"),
            _name(org["abbreviation"], f"{field}.abbreviation", MAX_ABBREVIATION_CHARS),
        )

    organisations: tuple[OrganisationRef, ...] = _items(
        top["organisations"], "organisations", organisation
    )
    known: dict[str, int] = {}
    for index, org in enumerate(organisations):
        key = text_key(org.abbreviation)
        if key in known:
            raise FormatError(
                f"organisations[{index}].abbreviation",
                f"{org.abbreviation!r} is listed twice (also organisations[{known[key]}])",
            )
        known[key] = index

    def reference(value: object, field: str) -> str:
        abbreviation = _text(value, field, required=True).strip()
        if text_key(abbreviation) not in known:
            raise FormatError(field, f"{abbreviation!r} is not listed in organisations")
        return organisations[known[text_key(abbreviation)]].abbreviation

    def attendee(value: object, field: str) -> AttendeeDoc:
        entry = _object(value, field, ("organisation", "name", "role", "status"), ("organisation",))
        return AttendeeDoc(
            organisation=reference(entry["organisation"], f"{field}.organisation"),
            name=_optional_name(entry.get("name"), f"{field}.name"),
            role=_optional_name(entry.get("role"), f"{field}.role"),
            status=_enum(AttendanceStatus, entry.get("status", "present"), f"{field}.status"),
        )

    def action(value: object, field: str) -> ActionDoc:
        keys = ("description", "owners", "due", "status", "resolved_later")
        entry = _object(value, field, keys, ("description",))
        owners = _items(entry.get("owners", []), f"{field}.owners", reference)
        if len({text_key(owner) for owner in owners}) != len(owners):
            raise FormatError(f"{field}.owners", "names an organisation twice")
        return ActionDoc(
            description=_text(entry["description"], f"{field}.description"),
            owners=owners,
            due=_optional_date(entry.get("due"), f"{field}.due"),
            status=_enum(ActionStatus, entry.get("status", "open"), f"{field}.status"),
            resolved_later=_bool(entry.get("resolved_later", False), f"{field}.resolved_later"),
        )

    def agenda_item(value: object, field: str) -> AgendaItemDoc:
        entry = _object(value, field, ITEM_FIELDS_2 if version_2 else ITEM_FIELDS, ("title",))
        return AgendaItemDoc(
            title=_text(entry["title"], f"{field}.title"),
            notes=_text(entry.get("notes", ""), f"{field}.notes"),
            confidential=_bool(entry.get("confidential", False), f"{field}.confidential"),
            actions=_items(entry.get("actions", []), f"{field}.actions", action),
            turns=_items(entry.get("turns", []), f"{field}.turns", _turn),
        )

    chair = None
    if top.get("chair") is not None:
        chair_data = _object(
            top["chair"], "chair", ("role", "organisation"), ("role", "organisation")
        )
        chair = ChairDoc(
            role=_name(chair_data["role"], "chair.role", trim=False),
            organisation=reference(chair_data["organisation"], "chair.organisation"),
        )

    next_meeting = None
    if top.get("next_meeting") is not None:
        next_data = _object(top["next_meeting"], "next_meeting", ("date",), ("date",))
        next_meeting = _date(next_data["date"], "next_meeting.date")

    meeting_date = _date(top["date"], "date")
    start = _time(top.get("start"), "start")
    end = _time(top.get("end"), "end")
    if start is not None and end is not None and end <= start:
        raise FormatError("end", f"{end:%H:%M} is not after the start time {start:%H:%M}")
    if next_meeting is not None and next_meeting <= meeting_date:
        raise FormatError(
            "next_meeting.date", f"{next_meeting} is not after the meeting date {meeting_date}"
        )

    style = _enum(LayoutStyle, top["style"], "style")
    if style.is_transcript and not version_2:
        raise FormatError("style", f"{style.value!r} needs format {FORMAT!r}")
    return MeetingDoc(
        board=board,
        style=style,
        title=_optional_name(top.get("title"), "title"),
        date=meeting_date,
        start=start,
        end=end,
        venue=_optional_text(top.get("venue", ""), "venue"),
        mode=_enum(MeetingMode, top.get("mode", "in_person"), "mode"),
        chair=chair,
        theme=_optional_text(top.get("theme"), "theme") or None,
        organisations=organisations,
        attendees=_items(top.get("attendees", []), "attendees", attendee),
        agenda=_items(top["agenda"], "agenda", agenda_item),
        next_meeting=next_meeting,
        members=_items(
            top.get("members", []),
            "members",
            lambda value, field: _member(value, field, reference),
        ),
    )


def loads_meeting(text: str) -> MeetingDoc:
    """Decode and check a meeting; the size limits come first (models.input_limits)."""
    try:
        data = loads_bounded(text)
    except InputLimitError as error:
        raise FormatError(error.field, error.problem) from None
    except json.JSONDecodeError as error:
        raise FormatError(
            "", f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    return parse_meeting(data)


def read_meeting_file(path: Path) -> MeetingDoc:
    """Read one meeting file; every problem, the file's own included, is a FormatError."""
    try:
        with path.open("rb") as handle:  # bounded: /dev/zero or a FIFO never ends
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FormatError("", f"cannot read the file ({error.strerror or error})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise FormatError("", f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError("", "the file is not UTF-8 text") from None
    return loads_meeting(text)


# --- writing ---------------------------------------------------------------------------------


def meeting_to_json(meeting: MeetingDoc) -> dict[str, Any]:
    """The JSON value of a meeting, keys in the documented order; members and turns only
    where there are some (so that a board note reads as it did in version 1)."""

    def hhmm(value: dt.time | None) -> str | None:
        return None if value is None else value.strftime("%H:%M")

    def action_json(action: ActionDoc) -> dict[str, Any]:
        value: dict[str, Any] = {
            "description": action.description,
            "owners": list(action.owners),
            "due": None if action.due is None else action.due.isoformat(),
            "status": action.status.value,
        }
        if action.resolved_later:  # only then: a file of actions resolved at it reads as before
            value["resolved_later"] = True
        return value

    def item_json(item: AgendaItemDoc) -> dict[str, Any]:
        value: dict[str, Any] = {
            "title": item.title,
            "notes": item.notes,
            "confidential": item.confidential,
            "actions": [action_json(action) for action in item.actions],
        }
        if item.turns:
            value["turns"] = [{"speaker": turn.speaker, "text": turn.text} for turn in item.turns]
        return value

    value: dict[str, Any] = {
        "format": FORMAT,
        "board": {"name": meeting.board.name, "abbreviation": meeting.board.abbreviation},
        "style": meeting.style.value,
        "title": meeting.title,
        "date": meeting.date.isoformat(),
        "start": hhmm(meeting.start),
        "end": hhmm(meeting.end),
        "venue": meeting.venue,
        "mode": meeting.mode.value,
        "chair": None
        if meeting.chair is None
        else {"role": meeting.chair.role, "organisation": meeting.chair.organisation},
        "theme": meeting.theme,
        "organisations": [
            {"name": org.name, "abbreviation": org.abbreviation} for org in meeting.organisations
        ],
        "attendees": [
            {
                "organisation": attendee.organisation,
                "name": attendee.name,
                "role": attendee.role,
                "status": attendee.status.value,
            }
            for attendee in meeting.attendees
        ],
        "agenda": [item_json(item) for item in meeting.agenda],
        "next_meeting": None
        if meeting.next_meeting is None
        else {"date": meeting.next_meeting.isoformat()},
    }
    if meeting.members:  # after the attendees, where a reader looks for people
        rest = {key: value.pop(key) for key in ("agenda", "next_meeting")}
        value["members"] = [
            {
                "name": member.name,
                "role": member.role,
                "organisation": member.organisation,
                "chair": member.chair,
            }
            for member in meeting.members
        ]
        value.update(rest)
    return value


def dumps_meeting(meeting: MeetingDoc) -> str:
    return json.dumps(meeting_to_json(meeting), ensure_ascii=False, indent=2) + "\n"
