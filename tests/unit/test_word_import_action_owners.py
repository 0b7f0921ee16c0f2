"""Our own note imported again gives every action back with its owners: in every layout
(the hearing transcript's too),
whichever way the note joins the owners to the words (``LP: Share ...``, ``MPS/MOPAC to
review ...``, ``LP will lead ...``, :func:`models.action_sentence.action_sentence`), under
each item or in one list at the end, with its due date and what became of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exporters.docx_export import export_docx
from exporters.options import ActionsMode
from models.enums import BOARD_NOTE_LAYOUTS, ActionStatus, Audience, LayoutStyle
from models.interchange import read_meeting_file
from models.meeting_doc import ActionDoc, MeetingDoc
from models.word_import import Directory, GuessKind, read_note
from tests.conftest import EXAMPLES

DUE = dt.date(2024, 5, 31)
# Each form a note prints an action in; the descriptions as the editor keeps them.
FIRST_ITEM = (
    ActionDoc("Share the reoffending data with partners", ("LP",)),  # LP: Share ...
    ActionDoc("review the pilot", ("MPS", "MOPAC")),  # MPS/MOPAC to review ...
    ActionDoc("Write to the Ministry about housing", ("MOPAC", "DWP")),  # ": " before " to "
    ActionDoc("LP will lead on housing", ("LP",)),  # opens with its owner: printed as it is
    ActionDoc("Circulate the slides", ()),  # no owner
)
SECOND_ITEM = (
    ActionDoc("confirm the figures", ("DWP",), DUE),  # DWP to confirm ... by 31 May 2024
    ActionDoc("Report on the pilot", ("LP",), None, ActionStatus.ROLLED_OVER),
    ActionDoc("Close the pilot", ("MPS",), DUE, ActionStatus.DONE),  # an internal record's
)


def _meeting(style: LayoutStyle) -> MeetingDoc:
    meeting = read_meeting_file(EXAMPLES / "2024-02-29-note-of-meeting.json")
    first, second, *rest = meeting.agenda
    return meeting._replace(
        style=style,
        agenda=(
            first._replace(actions=FIRST_ITEM),
            second._replace(actions=SECOND_ITEM),
            *(item._replace(actions=()) for item in rest),
        ),
    )


def _actions(meeting: MeetingDoc) -> list[list[tuple[object, ...]]]:
    return [
        [(a.owners, a.description, a.due, a.status) for a in item.actions]
        for item in meeting.agenda
    ]


def _printed(meeting: MeetingDoc, audience: Audience) -> MeetingDoc:
    """The meeting's actions a note for ``audience`` prints (a public note, no done one)."""
    shown = {ActionStatus.OPEN, ActionStatus.ROLLED_OVER}
    if audience is Audience.INTERNAL:
        shown.add(ActionStatus.DONE)
    return meeting._replace(
        agenda=tuple(
            item._replace(actions=tuple(a for a in item.actions if a.status in shown))
            for item in meeting.agenda
        ),
    )


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("actions", [ActionsMode.PER_ITEM, ActionsMode.SUMMARY])
@pytest.mark.parametrize("style", BOARD_NOTE_LAYOUTS)
def test_exported_actions_come_back_with_the_same_owners_and_words(
    tmp_path: Path, style: LayoutStyle, actions: ActionsMode, audience: Audience
) -> None:
    meeting = _meeting(style)
    path = tmp_path / "note.docx"
    export_docx(meeting, path, actions=actions, audience=audience)

    note = read_note(path, Directory(meeting.organisations, (meeting.board,)))

    assert _actions(note.meeting) == _actions(_printed(meeting, audience))
    assert not [g for g in note.guesses if g.kind is GuessKind.ACTION_OWNER]


def test_owners_printed_before_a_colon_are_proposed_when_the_archive_has_none(
    tmp_path: Path,
) -> None:
    """An archive that knows no LP: ``LP: Share ...`` still names LP, proposed and said so."""
    meeting = _meeting(LayoutStyle.NOTE_OF_MEETING)
    meeting = meeting._replace(
        attendees=tuple(a for a in meeting.attendees if a.organisation != "LP")
    )
    path = tmp_path / "note.docx"
    export_docx(meeting, path, actions=ActionsMode.PER_ITEM)

    note = read_note(path, Directory((), (meeting.board,)))

    first = note.meeting.agenda[0].actions[0]
    assert (first.owners, first.description) == (
        ("LP",), "Share the reoffending data with partners",
    )  # fmt: skip
    assert "LP" in {org.abbreviation for org in note.new_organisations}
    assert any("LP: Share" in g.text for g in note.guesses if g.kind is GuessKind.ACTION_OWNER)


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("actions", [ActionsMode.PER_ITEM, ActionsMode.SUMMARY])
def test_a_transcripts_actions_come_back_as_actions_not_as_words_said(
    tmp_path: Path, actions: ActionsMode, audience: Audience
) -> None:
    """Once read as a turn of a speaker *Actions* (under an item) or as an item *Actions*
    with its lines not read (the list at the end)."""
    board_note = _meeting(LayoutStyle.NOTE_OF_MEETING)
    transcript = read_meeting_file(EXAMPLES / "2017-02-27-justice-matters-transcript.json")
    (item,) = transcript.agenda
    transcript = transcript._replace(
        organisations=(*transcript.organisations, *board_note.organisations),
        agenda=(item._replace(actions=FIRST_ITEM + SECOND_ITEM),),
    )
    path = tmp_path / "hearing.docx"
    export_docx(transcript, path, actions=actions, audience=audience)

    note = read_note(path, Directory(transcript.organisations, ()))

    assert _actions(note.meeting) == _actions(_printed(transcript, audience))
    (read,) = note.meeting.agenda
    assert read.turns == item.turns
