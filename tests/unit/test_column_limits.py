"""A name, a role or a meeting's title is a column of 300 characters (a board's name 200, an
abbreviation 50): PostgreSQL refuses longer text with a database error, SQLite stores it
silently. So every way in holds them to the column's length, on both homes of the archive,
with one clear line naming the field and the limit, and a file imports on one exactly when
it imports on the other."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import text

from exporters.docx_export import export_docx
from models import attendance, organisations, services, transcript_edits
from models.copy_archive import CopyError, copy_archive, row_counts
from models.database import Database
from models.errors import ValidationError
from models.interchange import FormatError, dumps_meeting, loads_meeting, read_meeting_file
from models.meeting_doc import MeetingDoc
from models.word_import import Directory, read_note
from models.word_import.store import NotSavedError, SourceFile, save_note
from rrb_desktop.cli_archive import import_command
from rrb_desktop.cli_guard import UserError
from tests.conftest import RESOURCES, SAMPLE_MEETING, TRANSCRIPT_EXAMPLE

NAME = 300  # the columns' length: names, roles, a meeting's title
SCHEMA = json.loads((RESOURCES / "rrb-meeting.schema.json").read_text(encoding="utf-8"))


def _attendee_name(database: Database, ids: tuple[int, int], text: str) -> str | None:
    return attendance.add_attendee(database, ids[0], "MOPAC", name=text).name


def _attendee_role(database: Database, ids: tuple[int, int], text: str) -> str | None:
    first = attendance.list_attendees(database, ids[0])[0]
    return attendance.update_attendee(database, first.id, role=text).role


def _member_name(database: Database, ids: tuple[int, int], text: str) -> str | None:
    meeting_id = ids[1]
    member_id = transcript_edits.add_member(database, meeting_id, text)
    return next(
        m.name for m in transcript_edits.list_members(database, meeting_id) if m.id == member_id
    )


def _member_role(database: Database, ids: tuple[int, int], text: str) -> str | None:
    meeting_id = ids[1]
    member_id = transcript_edits.add_member(database, meeting_id, "Sam Okafor", role=text)
    return next(
        m.role for m in transcript_edits.list_members(database, meeting_id) if m.id == member_id
    )


def _organisation_name(database: Database, ids: tuple[int, int], text: str) -> str | None:
    return organisations.add_organisation(database, text, "NEW").name


def _title(database: Database, ids: tuple[int, int], text: str) -> str | None:
    services.update_meeting(database, ids[0], title=text)
    return services.meeting_record(database, ids[0]).title


WRITES: dict[str, tuple[str, Callable[[Database, tuple[int, int], str], str | None]]] = {
    "attendee name": ("Person name", _attendee_name),
    "attendee role": ("Person role", _attendee_role),
    "member name": ("Name", _member_name),
    "member role": ("Role", _member_role),
    "organisation name": ("Name", _organisation_name),
    "meeting title": ("Title", _title),
}


@pytest.mark.parametrize("what", WRITES)
def test_a_name_past_its_column_is_a_clear_refusal_on_both_homes(
    database: Database, sample_meeting: MeetingDoc, what: str
) -> None:
    """301 characters: on PostgreSQL this was "value too long for type character
    varying(300)", on SQLite it was stored; now one sentence on both, and 300 is stored."""
    label, write = WRITES[what]
    ids = (
        services.import_meeting(database, sample_meeting),
        services.import_meeting(database, read_meeting_file(TRANSCRIPT_EXAMPLE)),
    )
    before = row_counts(database)
    with pytest.raises(ValidationError) as refused:
        write(database, ids, "x" * (NAME + 1))
    assert refused.value.message == (
        f"{label} is 301 characters; the limit is 300. It is not saved until it is shortened."
    )
    assert row_counts(database) == before
    assert write(database, ids, "y" * NAME) == "y" * NAME


# Where each text of a file goes, and the length of that column.
FILE_FIELDS: dict[str, tuple[Callable[[dict[str, Any], str], None], int]] = {
    "title": (lambda data, value: data.update(title=value), NAME),
    "chair.role": (lambda data, value: data["chair"].update(role=value), NAME),
    "board.name": (lambda data, value: data["board"].update(name=value), 200),
    "board.abbreviation": (lambda data, value: data["board"].update(abbreviation=value), 50),
    "organisations[1].name": (
        lambda data, value: data["organisations"][1].update(name=value),
        NAME,
    ),
    "organisations[1].abbreviation": (
        lambda data, value: data["organisations"][1].update(abbreviation=value),
        50,
    ),
    "attendees[0].name": (lambda data, value: data["attendees"][0].update(name=value), NAME),
    "attendees[0].role": (lambda data, value: data["attendees"][0].update(role=value), NAME),
    "members[0].name": (lambda data, value: data["members"][0].update(name=value), NAME),
    "members[0].role": (lambda data, value: data["members"][0].update(role=value), NAME),
}


def _file_with(tmp_path: Path, field: str, length: int) -> Path:
    source = TRANSCRIPT_EXAMPLE if field.startswith("members") else SAMPLE_MEETING
    data = json.loads(source.read_text(encoding="utf-8"))
    set_value, _limit = FILE_FIELDS[field]
    set_value(data, "Z" * length)
    path = tmp_path / "meeting.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("field", FILE_FIELDS)
def test_a_file_past_a_column_is_refused_by_import_on_both_homes_with_one_line(
    database: Database, tmp_path: Path, field: str
) -> None:
    limit = FILE_FIELDS[field][1]
    path = _file_with(tmp_path, field, limit + 1)
    why = f"{field}: is {limit + 1:,} characters; the limit is {limit:,}"
    with pytest.raises(FormatError) as refused:
        read_meeting_file(path)
    assert str(refused.value) == why
    with pytest.raises(UserError) as refused_by_import:
        import_command(database, [path])
    assert str(refused_by_import.value) == f"{path}: {why}"
    assert services.meeting_count(database) == 0


@pytest.mark.parametrize("field", FILE_FIELDS)
def test_the_schema_gives_other_tools_the_same_lengths(tmp_path: Path, field: str) -> None:
    limit = FILE_FIELDS[field][1]
    at_limit = json.loads(_file_with(tmp_path, field, limit).read_text(encoding="utf-8"))
    jsonschema.validate(at_limit, SCHEMA)
    past = json.loads(_file_with(tmp_path, field, limit + 1).read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError, match="is too long"):
        jsonschema.validate(past, SCHEMA)


def test_a_file_at_the_columns_lengths_imports_and_exports_again_on_both_homes(
    database: Database, tmp_path: Path
) -> None:
    """What one home takes, the other does: every name at its column's length."""
    for source in (SAMPLE_MEETING, TRANSCRIPT_EXAMPLE):
        data = json.loads(source.read_text(encoding="utf-8"))
        for field, (set_value, limit) in FILE_FIELDS.items():
            if "abbreviation" not in field and field.startswith("members") == (
                source == TRANSCRIPT_EXAMPLE
            ):
                set_value(data, "W" * limit)
        data["board"]["name"] = f"{source.stem} " + "B" * (199 - len(source.stem))
        meeting = loads_meeting(json.dumps(data))
        meeting_id = services.import_meeting(database, meeting)
        assert dumps_meeting(services.meeting_doc(database, meeting_id)) == dumps_meeting(meeting)


def test_a_word_note_with_a_role_past_its_column_is_refused_and_nothing_is_saved(
    database: Database, tmp_path: Path
) -> None:
    meeting = read_meeting_file(TRANSCRIPT_EXAMPLE)
    chair = meeting.members[0]._replace(role="Deputy Mayor " + "r" * 290)
    path = tmp_path / "note.docx"
    export_docx(meeting._replace(members=(chair, *meeting.members[1:])), path)
    note = read_note(path, Directory(meeting.organisations, (meeting.board,)))
    with pytest.raises(NotSavedError) as refused:
        save_note(database, note, SourceFile(path.name, "0" * 64))
    # Whose role it is, so that the secretary can find it among the members.
    assert str(refused.value) == (
        f"member {chair.name!r}: role is 303 characters; the limit is 300"
        " (shorten it in Word, then import again)"
    )
    assert services.meeting_count(database) == 0


def _lengthen_behind_the_apps_back(database: Database, meeting_id: int, name: str) -> None:
    """What an SQLite archive may hold from before the columns' lengths were enforced."""
    with database.begin() as session:
        session.execute(
            text(
                "UPDATE attendance SET person_name = :name WHERE id = ("
                " SELECT min(id) FROM attendance WHERE meeting_id = :meeting)"
            ),
            {"name": name, "meeting": meeting_id},
        )


def test_an_sqlite_archive_holding_a_longer_name_still_works_and_is_not_copied_to_a_server(
    sqlite_database: Database, postgres_database: Database, sample_meeting: MeetingDoc
) -> None:
    """The copy is refused before anything is written, naming the meeting and the field;
    the archive itself still opens, exports and takes other edits, and once the name is
    shortened the copy goes through."""
    meeting_id = services.import_meeting(sqlite_database, sample_meeting)
    long_name = "Jordan " + "E" * 305
    _lengthen_behind_the_apps_back(sqlite_database, meeting_id, long_name)

    with pytest.raises(CopyError) as refused:
        copy_archive(sqlite_database, postgres_database)
    assert str(refused.value) == (
        f"{sqlite_database.describe()}: meeting {meeting_id} of {sample_meeting.date}: its"
        " person name is 312 characters; the limit is 300. Shorten it in the window, then"
        " copy again"
    )
    assert sum(row_counts(postgres_database).values()) == 0

    exported = dumps_meeting(services.meeting_doc(sqlite_database, meeting_id))
    assert long_name in exported
    with pytest.raises(FormatError, match=r"^attendees\[0\]\.name: is 312 characters"):
        loads_meeting(exported)  # its export is refused as clearly, on either home
    services.update_meeting(sqlite_database, meeting_id, theme="Still editable")
    first = attendance.list_attendees(sqlite_database, meeting_id)[0]
    assert attendance.update_attendee(sqlite_database, first.id, role="Lead").name == long_name
    attendance.update_attendee(sqlite_database, first.id, name="Jordan Ellery")

    copy_archive(sqlite_database, postgres_database)
    assert services.meeting_doc(postgres_database, meeting_id) == services.meeting_doc(
        sqlite_database, meeting_id
    )


def test_an_abbreviation_longer_once_compared_is_refused_of_the_abbreviation(
    database: Database,
) -> None:
    """Three characters, but compared as 54 (each "ﷺ" is 18 letters spelled out): the key
    column holds 50, so it is refused naming the abbreviation, not a column never seen."""
    with pytest.raises(ValidationError) as refused:
        organisations.add_organisation(database, "Some Body", "\ufdfa" * 3)
    assert refused.value.field == "abbreviation"
    assert refused.value.message == (
        "Abbreviation is 54 characters once compared (letters spelled out plainly);"
        " the limit is 50."
    )
    assert organisations.list_organisations(database) == []
