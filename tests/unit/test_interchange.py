"""The rrb-meeting/1 format: lossless in both directions, and precise about what is wrong."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from models.interchange import (
    FormatError,
    dumps_meeting,
    loads_meeting,
    meeting_to_json,
    parse_meeting,
    read_meeting_file,
)
from models.meeting_doc import MeetingDoc
from tests.conftest import EXAMPLES, RESOURCES, SAMPLE_MEETING
from tests.strategies.meetings import meetings

SCHEMA = json.loads((RESOURCES / "rrb-meeting.schema.json").read_text(encoding="utf-8"))


def _sample_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE_MEETING.read_text(encoding="utf-8"))
    return data


@given(meetings())
@settings(max_examples=150)
def test_any_meeting_survives_json_and_matches_the_schema(meeting: MeetingDoc) -> None:
    text = dumps_meeting(meeting)
    jsonschema.validate(json.loads(text), SCHEMA)
    assert loads_meeting(text) == meeting


@pytest.mark.parametrize(
    "path", [SAMPLE_MEETING, *sorted(EXAMPLES.glob("*.json"))], ids=lambda p: p.name
)
def test_shipped_files_are_valid_and_canonical(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert meeting_to_json(read_meeting_file(path)) == data


def _error(data: object) -> FormatError:
    with pytest.raises(FormatError) as caught:
        parse_meeting(data)
    return caught.value


def test_an_impossible_date_names_its_field() -> None:
    data = _sample_json()
    data["date"] = "2024-02-30"
    error = _error(data)
    assert error.field == "date"
    assert "2024-02-30" in str(error)
    assert "\n" not in str(error)


def test_a_bad_due_date_deep_inside_names_the_path() -> None:
    data = _sample_json()
    item = next(i for i, entry in enumerate(data["agenda"]) if entry["actions"])
    data["agenda"][item]["actions"][0]["due"] = "31/12/2024"
    assert _error(data).field == f"agenda[{item}].actions[0].due"


def test_an_attendee_of_an_unknown_organisation_is_refused() -> None:
    data = _sample_json()
    data["attendees"][2]["organisation"] = "NOPE"
    error = _error(data)
    assert error.field == "attendees[2].organisation"
    assert "'NOPE' is not listed in organisations" in str(error)


def test_an_unknown_style_lists_the_real_ones() -> None:
    data = _sample_json()
    data["style"] = "minutes"
    error = _error(data)
    assert error.field == "style"
    assert "public-note" in str(error)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(format="rrb-meeting/3"), "format"),
        (lambda d: d.pop("board"), "board"),
        (lambda d: d.update(start="25:00"), "start"),
        (lambda d: d.update(start="16:00", end="14:00"), "end"),
        (lambda d: d.update(mode="telepathy"), "mode"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d["organisations"].append(dict(d["organisations"][0])), "organisations"),
        (lambda d: d.update(next_meeting={"date": "1999-01-01"}), "next_meeting.date"),
        (lambda d: d["agenda"][0].update(confidential="yes"), "agenda[0].confidential"),
        (lambda d: d.update(date="0024-02-01"), "date"),
    ],
)
def test_each_kind_of_mistake_is_caught(change: Any, field: str) -> None:
    data = copy.deepcopy(_sample_json())
    change(data)
    assert _error(data).field.startswith(field)


def test_a_duplicate_abbreviation_in_another_case_is_a_duplicate() -> None:
    data = _sample_json()
    first = data["organisations"][0]
    data["organisations"].append({"name": "Other", "abbreviation": first["abbreviation"].lower()})
    assert "listed twice" in str(_error(data))


def test_malformed_json_reports_line_and_column() -> None:
    with pytest.raises(FormatError, match=r"not valid JSON \(line 2, column"):
        loads_meeting('{"format":\n  oops}')


def test_unreadable_and_non_utf8_files_are_format_errors(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot read the file"):
        read_meeting_file(tmp_path / "missing.json")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"venue": "Café"}'.encode("latin-1"))
    with pytest.raises(FormatError, match="not UTF-8"):
        read_meeting_file(latin)
