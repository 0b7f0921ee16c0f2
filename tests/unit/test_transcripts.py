"""Hearing transcripts: the 2017 fixture, rrb-meeting/2 beside /1, the database, search."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from sqlalchemy import select

from exporters.docx_export import build_document
from exporters.errors import ExportError
from exporters.layouts.hearing_transcript import times_text
from exporters.prepublication import check_public_note
from models import actions, organisations, services, transcript_edits
from models.database import Database
from models.entities import Turn
from models.enums import BOARD_NOTE_LAYOUTS, LayoutStyle
from models.interchange import FormatError, meeting_to_json, parse_meeting, read_meeting_file
from models.meeting_doc import AgendaItemDoc, MeetingDoc, MemberDoc, TurnDoc, member_of_label
from models.search import search, turns_by_speaker
from tests.conftest import BOARD_NOTE_EXAMPLES, RESOURCES, TRANSCRIPT_EXAMPLE
from tests.strategies.meetings import meetings

SCHEMA = json.loads((RESOURCES / "rrb-meeting.schema.json").read_text(encoding="utf-8"))
SOPHIE = "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair)"
LOST_RECORDING = (
    "[At this point in the Justice Matters meeting the sound recording was lost for several"
    " minutes]"
)


@pytest.fixture(scope="module")
def hearing() -> MeetingDoc:
    return read_meeting_file(TRANSCRIPT_EXAMPLE)


def _turns(meeting: MeetingDoc) -> list[TurnDoc]:
    return [turn for item in meeting.agenda for turn in item.turns]


# --- the fixture -----------------------------------------------------------------------------


def test_the_2017_fixture_holds_the_whole_hearing(hearing: MeetingDoc) -> None:
    turns = _turns(hearing)
    assert hearing.style is LayoutStyle.HEARING_TRANSCRIPT
    assert len(hearing.members) == 16
    assert [m.name for m in hearing.members if m.chair] == ["Sophie Linden", "Michael Lockwood"]
    assert len(turns) == 105
    assert turns[0].speaker == SOPHIE
    assert turns[0].text.startswith("Shall we start?")
    assert [turn.text for turn in turns if turn.is_editorial] == [LOST_RECORDING]
    assert turns[-1].speaker == SOPHIE
    assert turns[-1].text.endswith("challenging stuff come up as well so thank you.")
    # Every speaker of this hearing is a member of its panel.
    assert all(
        member_of_label(hearing.members, turn.speaker) is not None
        for turn in turns
        if not turn.is_editorial
    )
    assert (hearing.start, hearing.end) == (dt.time(9, 0), dt.time(10, 30))


def test_the_fixture_has_every_word_of_the_published_transcript(hearing: MeetingDoc) -> None:
    published = TRANSCRIPT_EXAMPLE.parent / "published" / f"{TRANSCRIPT_EXAMPLE.stem}.md"
    source = published.read_text(encoding="utf-8")
    body = source[source.index(f"**{SOPHIE}:**") :].replace(
        "# MOPAC MAYOR OF LONDON OFFICE FOR POLICING AND CRIME", ""
    )
    printed = []
    for turn in _turns(hearing):
        if (
            turn.speaker is not None
            and turn.speaker.startswith("Rebecca")
            and printed[-1:] == [LOST_RECORDING]
        ):
            printed.append(turn.text)  # the label is not repeated after the editorial note
            continue
        printed += [f"{turn.speaker}:" if turn.speaker else "", turn.text]

    def words(text: str) -> list[str]:
        return text.replace("*", " ").replace("#", " ").split()

    assert words(" ".join(printed)) == words(body)


# --- the format ------------------------------------------------------------------------------


def _board_note_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BOARD_NOTE_EXAMPLES[0].read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", BOARD_NOTE_EXAMPLES, ids=lambda p: p.name)
def test_a_version_1_file_imports_as_before(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    as_version_1 = {**data, "format": "rrb-meeting/1"}
    assert parse_meeting(as_version_1) == read_meeting_file(path)
    assert meeting_to_json(parse_meeting(as_version_1))["format"] == "rrb-meeting/2"


def _error(data: object) -> FormatError:
    with pytest.raises(FormatError) as caught:
        parse_meeting(data)
    return caught.value


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(members=[]), "members"),
        (lambda d: d["agenda"][0].update(turns=[]), "agenda[0].turns"),
        (lambda d: d.update(style="hearing-transcript"), "style"),
    ],
)
def test_version_2_fields_in_a_version_1_file_are_refused(change: Any, field: str) -> None:
    data = {**_board_note_json(), "format": "rrb-meeting/1"}
    change(data)
    error = _error(data)
    assert error.field == field


def test_a_venue_that_is_not_known_is_null_in_either_version() -> None:
    for version in ("rrb-meeting/1", "rrb-meeting/2"):
        data = {**_board_note_json(), "format": version, "venue": None}
        meeting = parse_meeting(data)
        assert meeting.venue is None
        assert meeting_to_json(meeting)["venue"] is None


TURN_0 = "agenda[0].turns[0]"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["members"][0].update(name=" "), "members[0].name", "must not be empty"),
        (lambda d: d["members"][0].update(chair="yes"), "members[0].chair", "true or false"),
        (
            lambda d: d["members"][3].update(organisation="XYZ"),
            "members[3].organisation",
            "not listed in organisations",
        ),
        (
            lambda d: d["agenda"][0]["turns"][0].update(speaker=""),
            "agenda[0].turns[0].speaker",
            "null for an editorial note",
        ),
        (
            lambda d: d["agenda"][0]["turns"][0].update(speaker=3),
            "agenda[0].turns[0].speaker",
            "found a number",
        ),
        (
            lambda d: d["agenda"][0]["turns"][0].pop("speaker"),
            "agenda[0].turns[0].speaker",
            "missing",
        ),
        (
            lambda d: d["agenda"][0]["turns"][1].update(who="x"),
            "agenda[0].turns[1].who",
            "not a field",
        ),
    ],
)
def test_a_bad_member_or_turn_names_its_field(change: Any, field: str, words: str) -> None:
    data = copy.deepcopy(json.loads(TRANSCRIPT_EXAMPLE.read_text(encoding="utf-8")))
    change(data)
    error = _error(data)
    assert error.field == field
    assert words in str(error)
    assert "\n" not in str(error)


def test_member_links_follow_the_label() -> None:
    members = [MemberDoc("Chris"), MemberDoc("Chris Wright"), MemberDoc("Sophie Linden")]
    assert member_of_label(members, "Chris Wright (Chief Executive Officer - Catch 22)") == 1
    assert member_of_label(members, "Chris (guest)") == 0
    assert member_of_label(members, "sophie  linden") == 2
    assert member_of_label(members, "Sophie Lindenberg (witness)") is None
    assert member_of_label(members, None) is None


# --- the database ----------------------------------------------------------------------------


def test_the_hearing_round_trips_through_the_database(
    database: Database, hearing: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, hearing)
    assert services.meeting_doc(database, meeting_id) == hearing
    with database.read() as session:
        turns = session.scalars(select(Turn).order_by(Turn.position)).all()
        assert all((turn.member is None) == (turn.speaker is None) for turn in turns)
        first_speaker = turns[0].member
        assert first_speaker is not None
        assert first_speaker.name == "Sophie Linden"


def test_members_and_turns_are_edited_and_relinked(database: Database) -> None:
    meeting_id = services.create_meeting(
        database, date=dt.date(2026, 3, 2), style=LayoutStyle.HEARING_TRANSCRIPT
    )
    item_id = services.add_agenda_item(database, meeting_id, "Hearing")
    witness = transcript_edits.add_turn(database, item_id, "Ann Lee (witness)", "Good morning.")
    note = transcript_edits.add_turn(database, item_id, None, "[Ann Lee left the room]")
    assert transcript_edits.list_turns(database, item_id)[0].member_id is None
    ann = transcript_edits.add_member(database, meeting_id, "Ann  Lee", chair=True)
    rows = transcript_edits.list_turns(database, item_id)
    assert [(row.id, row.member_id) for row in rows] == [(witness, ann), (note, None)]
    with pytest.raises(services.ValidationError):
        transcript_edits.add_turn(database, item_id, "  ")
    removed = transcript_edits.delete_member(database, ann)
    assert transcript_edits.list_turns(database, item_id)[0].member_id is None
    transcript_edits.restore_member(database, removed)
    assert transcript_edits.list_turns(database, item_id)[0].member_id == ann
    doc = services.meeting_doc(database, meeting_id)
    assert doc.members == (MemberDoc("Ann Lee", chair=True),)
    assert doc.agenda[0].turns == (
        TurnDoc("Ann Lee (witness)", "Good morning."),
        TurnDoc(None, "[Ann Lee left the room]"),
    )


def _turn_rows(
    database: Database, item_id: int
) -> list[tuple[int, int, str | None, str, int | None]]:
    return [
        (row.id, row.position, row.speaker, row.text, row.member_id)
        for row in transcript_edits.list_turns(database, item_id)
    ]


def test_an_item_deleted_and_restored_keeps_its_turns_and_actions(database: Database) -> None:
    """Undoing the deletion of a hearing's item puts back all it took: its turns (IDs, order,
    speakers, words, editorial notes, member links) and its actions' links."""
    meeting_id = services.create_meeting(
        database, date=dt.date(2026, 3, 2), style=LayoutStyle.HEARING_TRANSCRIPT
    )
    ann = transcript_edits.add_member(database, meeting_id, "Ann Lee", chair=True)
    opening = services.add_agenda_item(database, meeting_id, "Opening")
    item_id = services.add_agenda_item(database, meeting_id, "", notes="Heard in public.")
    transcript_edits.add_turn(database, opening, "Ann Lee", "Welcome.")
    for speaker, text in [
        ("Ann Lee", "Shall we start?\n\nThank you for coming."),
        ("Kerry Bishop (Witness)", "I was there."),
        (None, "[At this point the sound recording was lost]"),
        ("Ann Lee", "Thank you."),
    ]:
        transcript_edits.add_turn(database, item_id, speaker, text)
    action_id = actions.add_action(
        database, meeting_id, agenda_item_id=item_id, description="Write to the witness"
    )
    before_doc = services.meeting_doc(database, meeting_id)
    before = _turn_rows(database, item_id)
    assert [member for *_rest, member in before] == [ann, None, None, ann]

    removed = services.delete_agenda_item(database, item_id)
    assert len(removed.turns) == 4
    assert removed.action_ids == (action_id,)
    doc = services.meeting_doc(database, meeting_id)
    assert [item.title for item in doc.agenda] == ["Opening"]
    # SQLite gives the next turn the highest free ID, which may be a deleted one's: the
    # restore must not fail on it (that turn comes back with a new ID).
    other = transcript_edits.add_turn(database, opening, "Ann Lee", "Meanwhile.")
    transcript_edits.delete_turn(database, other)

    assert turns_by_speaker(database, "Kerry Bishop") == []
    assert services.restore_agenda_item(database, removed) == item_id
    assert _turn_rows(database, item_id) == before
    assert [turn.text for turn in turns_by_speaker(database, "Kerry Bishop")] == ["I was there."]
    assert services.meeting_doc(database, meeting_id) == before_doc
    assert actions.action_row(database, action_id).agenda_item_id == item_id

    # A redo deletes it again and a second undo brings it back again, whole, even when a
    # row took its ID meanwhile (SQLite gives the highest free one): then with a new one.
    again = services.delete_agenda_item(database, item_id)
    assert again == removed
    taken_turn = transcript_edits.add_turn(database, opening, None, "[A break]")
    taken_item = services.add_agenda_item(database, meeting_id, "Any other business")
    restored = services.restore_agenda_item(database, again)
    assert (restored == item_id) == (taken_item != item_id)
    assert [row[1:] for row in _turn_rows(database, restored)] == [row[1:] for row in before]
    assert actions.action_row(database, action_id).agenda_item_id == restored
    transcript_edits.delete_turn(database, taken_turn)
    services.delete_agenda_item(database, taken_item)
    assert services.meeting_doc(database, meeting_id) == before_doc


# --- search ----------------------------------------------------------------------------------


def test_search_by_a_speaker_finds_their_turns(database: Database, hearing: MeetingDoc) -> None:
    meeting_id = services.import_meeting(database, hearing)
    said = turns_by_speaker(database, "Kuljit Sandhu")
    expected = [t.text for t in _turns(hearing) if (t.speaker or "").startswith("Kuljit Sandhu")]
    assert [turn.text for turn in said] == expected
    assert len(expected) == 3
    assert {turn.meeting_id for turn in said} == {meeting_id}
    # Words of a turn and a speaker's name are found by the ordinary search too.
    assert [hit.meeting_id for hit in search(database, "desistors")] == [meeting_id]
    hits = search(database, "Kuljit")
    assert [hit.meeting_id for hit in hits] == [meeting_id]
    assert hits[0].item_id is not None


def test_a_match_in_a_turn_names_the_turn(database: Database, hearing: MeetingDoc) -> None:
    meeting_id = services.import_meeting(database, hearing)
    item = services.meeting_record(database, meeting_id).agenda[0]
    turns = {turn.id: turn for turn in transcript_edits.list_turns(database, item.id)}
    (hit,) = search(database, "desistors")
    assert hit.item_id == item.id
    assert hit.turn_id in turns
    assert "desistors" in turns[hit.turn_id].text
    first = min(turns)  # a turn's id survives its move to another date
    transcript_edits.update_turn(database, first, text="Zebrafish are discussed.")
    services.update_meeting(database, meeting_id, date=dt.date(2017, 3, 1))
    assert [hit.turn_id for hit in search(database, "zebrafish")] == [first]
    transcript_edits.add_member(database, meeting_id, name="Zed Quillfeather")
    (by_member,) = search(database, "Quillfeather")  # a member is in no turn
    assert by_member.turn_id is None
    assert by_member.item_id is None


def test_the_turn_index_follows_edits_redating_and_deletion(
    database: Database, hearing: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, hearing)
    item_id = services.meeting_record(database, meeting_id).agenda[0].id
    first = transcript_edits.list_turns(database, item_id)[0]
    transcript_edits.update_turn(database, first.id, text="Zebrafish are discussed.")
    assert len(search(database, "zebrafish")) == 1
    services.update_meeting(database, meeting_id, date=dt.date(2017, 3, 1))
    assert len(search(database, "zebrafish")) == 1
    assert len(turns_by_speaker(database, "Sophie Linden")) == 39
    transcript_edits.delete_turn(database, first.id)
    assert search(database, "zebrafish") == []
    services.delete_meeting(database, meeting_id)
    assert search(database, "desistors") == []
    assert turns_by_speaker(database, "Sophie Linden") == []


# --- export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", BOARD_NOTE_LAYOUTS)
def test_a_board_layout_refuses_a_transcript_rather_than_drop_its_turns(
    hearing: MeetingDoc, layout: LayoutStyle
) -> None:
    with pytest.raises(ExportError, match="no place for the meeting's 16 members and 105 turns"):
        build_document(hearing, layout)


def test_a_board_note_keeps_its_attendees_out_of_the_transcript_layout(
    sample_meeting: MeetingDoc,
) -> None:
    build_document(sample_meeting)  # a board note exports
    with pytest.raises(ExportError, match=r"no place for the meeting's \d+ attendees"):
        build_document(sample_meeting, LayoutStyle.HEARING_TRANSCRIPT)


def test_a_board_note_without_people_prints_its_notes_in_the_transcript_layout(
    hearing: MeetingDoc,
) -> None:
    item = AgendaItemDoc("Opening", notes="The panel met in public.")
    bare = hearing._replace(members=(), agenda=(item,))
    document = build_document(bare, LayoutStyle.HEARING_TRANSCRIPT)
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Opening") + 1] == "The panel met in public."


@pytest.mark.parametrize(
    ("start", "end", "printed"),
    [
        (dt.time(9), dt.time(10, 30), "Start time: 9.00am Finish time: 10.30am"),
        (dt.time(12), dt.time(0, 5), "Start time: 12.00pm Finish time: 12.05am"),
        (None, dt.time(13, 45), "Finish time: 1.45pm"),
        (None, None, ""),
    ],
)
def test_start_and_finish_times_are_printed_as_the_transcript_does(
    start: dt.time | None, end: dt.time | None, printed: str
) -> None:
    assert times_text(start, end) == printed


def test_the_published_transcript_passes_the_accessibility_check(hearing: MeetingDoc) -> None:
    findings = check_public_note(hearing).findings
    assert [f for f in findings if f.kind != "name"] == []
    assert {f.text for f in findings} == {"Mike Lockwood", "Mike", "Samantha"}  # not members


# --- any meeting -----------------------------------------------------------------------------


@given(meetings())
@settings(max_examples=100)
def test_any_board_meeting_still_reads_as_version_1(meeting: MeetingDoc) -> None:
    """Without version 2's fields, a meeting's file is a version 1 file but for its format
    line: it validates as version 1 and imports to the same meeting."""
    style = LayoutStyle.PUBLIC_NOTE if meeting.style.is_transcript else meeting.style
    board_meeting = meeting._replace(
        style=style,
        members=(),
        agenda=tuple(item._replace(turns=()) for item in meeting.agenda),
    )
    data = {**meeting_to_json(board_meeting), "format": "rrb-meeting/1"}
    jsonschema.validate(data, SCHEMA)
    assert parse_meeting(data) == board_meeting


def test_the_schema_refuses_version_2_fields_in_a_version_1_file(hearing: MeetingDoc) -> None:
    data = {**meeting_to_json(hearing), "format": "rrb-meeting/1"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
    jsonschema.validate({**data, "format": "rrb-meeting/2"}, SCHEMA)


def test_organisations_of_members_are_counted_renamed_and_merged(
    database: Database, hearing: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, hearing)
    entries = {entry.abbreviation: entry for entry in organisations.list_organisations(database)}
    assert entries["NOMS"].meetings == 1
    organisations.rename_organisation(database, entries["NOMS"].id, name="HM Prison Service")
    assert len(search(database, "HM Prison Service")) == 1
    kept = organisations.add_organisation(database, "Her Majesty's Prison Service", "HMPPS")
    organisations.merge_organisations(database, entries["NOMS"].id, kept.id)
    lucy = services.meeting_doc(database, meeting_id).members[5]
    assert (lucy.name, lucy.organisation) == ("Lucy Bogue", "HMPPS")


def test_deleting_an_item_takes_its_turns_out_of_search(
    database: Database, hearing: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, hearing)
    item_id = services.meeting_record(database, meeting_id).agenda[0].id
    services.delete_agenda_item(database, item_id)
    assert search(database, "desistors") == []
    assert turns_by_speaker(database, "Sophie Linden") == []
