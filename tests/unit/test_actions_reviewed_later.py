"""What a later meeting decides about an action: the earlier note stays as it was agreed, and
deleting the open copy a roll-over made never loses the action.

The tester's two cases: meeting A's note changed when meeting B's review marked one of A's
actions done (it vanished) and rolled another over (it gained "(rolled over to the next
meeting)"); and deleting the rolled-over copy in B left A's action "rolled over" with nothing
continuing it, gone from every list of open actions (and so did deleting all of B). Run on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest

from exporters.docx_export import build_document, build_note
from exporters.options import ActionsMode
from models import actions, services
from models.action_log import ActionFilter, action_log
from models.database import Database
from models.enums import ActionStatus, Audience, LayoutStyle
from models.interchange import dumps_meeting, loads_meeting
from models.meeting_doc import ActionDoc, AgendaItemDoc, BoardRef, MeetingDoc, OrganisationRef
from models.previous_actions import previous_open_actions

DECEMBER = dt.date(2026, 12, 11)
MARCH = dt.date(2027, 3, 11)
JUNE = dt.date(2027, 6, 10)


def _meeting(date: dt.date, *items: AgendaItemDoc, next_meeting: dt.date | None) -> MeetingDoc:
    return MeetingDoc(
        board=BoardRef("Reducing Reoffending Board", "RRB"),
        date=date,
        style=LayoutStyle.PUBLIC_NOTE,
        organisations=(
            OrganisationRef("Metropolitan Police Service", "MPS"),
            OrganisationRef("London Probation", "LP"),
            OrganisationRef("Mayor's Office for Policing and Crime", "MOPAC"),
        ),
        agenda=items,
        next_meeting=next_meeting,
    )


@pytest.fixture
def meetings(database: Database) -> tuple[int, int, int]:
    """A (December, three open actions), B (March) and C (June), of one board."""
    a = _meeting(
        DECEMBER,
        AgendaItemDoc("Welcome & Apologies", "Opened."),
        AgendaItemDoc(
            "Performance",
            "Partners discussed the data.",
            actions=(
                ActionDoc("share the data.", ("MPS",)),
                ActionDoc("review the pilot.", ("LP",)),
                ActionDoc("write to the minister.", ("MOPAC",)),
            ),
        ),
        next_meeting=MARCH,
    )
    b = _meeting(
        MARCH,
        AgendaItemDoc("Welcome & Apologies", "MOPAC reviewed the actions."),
        AgendaItemDoc("AOB and Close"),
        next_meeting=JUNE,
    )
    c = _meeting(JUNE, AgendaItemDoc("Welcome & Apologies"), next_meeting=None)
    return (
        services.import_meeting(database, a),
        services.import_meeting(database, b),
        services.import_meeting(database, c),
    )


def _note(database: Database, meeting_id: int, audience: Audience = Audience.PUBLIC) -> bytes:
    """The .docx bytes ``rrb-desktop export ID --actions per-item`` writes."""
    doc = services.meeting_doc(database, meeting_id)
    return build_note(doc, actions=ActionsMode.PER_ITEM, audience=audience).package()


def _note_text(database: Database, meeting_id: int) -> list[str]:
    doc = services.meeting_doc(database, meeting_id)
    document = build_document(doc, actions=ActionsMode.PER_ITEM)
    return [paragraph.text for paragraph in document.paragraphs]


def _id(database: Database, meeting_id: int, description: str) -> int:
    rows = actions.list_actions_of_meeting(database, meeting_id)
    return next(row.id for row in rows if row.description == description)


def _review(database: Database, a: int, b: int) -> int:
    """B's review of A: the first action done, the second rolled over; returns the copy."""
    actions.resolve_previous_action(
        database, _id(database, a, "share the data."), ActionStatus.DONE, b
    )
    copy = actions.resolve_previous_action(
        database, _id(database, a, "review the pilot."), ActionStatus.ROLLED_OVER, b
    )
    assert copy is not None
    return copy


# --- 1. the earlier note is the same bytes after a later review ------------------------------


@pytest.mark.parametrize("audience", list(Audience))
def test_a_later_review_leaves_the_earlier_note_byte_for_byte(
    database: Database, meetings: tuple[int, int, int], audience: Audience
) -> None:
    a, b, _c = meetings
    before = _note(database, a, audience)
    _review(database, a, b)
    actions.resolve_previous_action(
        database, _id(database, a, "write to the minister."), ActionStatus.DROPPED, b
    )
    assert _note(database, a, audience) == before


def test_the_earlier_note_lists_every_action_as_agreed(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    a, b, _c = meetings
    _review(database, a, b)
    printed = _note_text(database, a)
    assert "MPS to share the data." in printed
    assert "LP to review the pilot." in printed
    assert not any("rolled over" in line for line in printed)


def test_the_later_note_prints_the_rolled_over_action_once_and_keeps_it_when_done_later(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    """B's note prints the copy it carries, once, as B agreed it; C's review marking the copy
    done leaves B's note as it was too."""
    a, b, c = meetings
    copy = _review(database, a, b)
    printed = _note_text(database, b)
    assert [line for line in printed if "review the pilot" in line] == ["LP to review the pilot."]
    before = _note(database, b)
    actions.resolve_previous_action(database, copy, ActionStatus.DONE, c)
    assert _note(database, b) == before


def test_the_status_stays_what_the_review_decided_for_the_lists_and_the_file(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    """The note prints A as agreed; the archive still knows what B decided: the action log,
    the review's list, and A's file, read back into a new meeting, all say so."""
    a, b, c = meetings
    _review(database, a, b)
    done = _id(database, a, "share the data.")
    assert actions.action_row(database, done).status is ActionStatus.DONE
    log = action_log(database, ActionFilter(statuses=frozenset({ActionStatus.OPEN})))
    assert "share the data." not in [entry.description for entry in log]
    assert "share the data." not in [row.description for row in previous_open_actions(database, c)]
    doc = loads_meeting(dumps_meeting(services.meeting_doc(database, a)))
    statuses = [(x.status, x.resolved_later) for x in doc.agenda[1].actions]
    assert statuses == [
        (ActionStatus.DONE, True),
        (ActionStatus.ROLLED_OVER, True),
        (ActionStatus.OPEN, False),
    ]
    services.delete_meeting(database, c)
    again = services.import_meeting(database, doc)
    assert _note(database, again) == _note(database, a)


def test_undoing_the_review_clears_what_it_decided(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    a, b, _c = meetings
    before = _note(database, a, Audience.INTERNAL)
    _review(database, a, b)
    actions.reopen_previous_action(database, _id(database, a, "share the data."))
    actions.reopen_previous_action(database, _id(database, a, "review the pilot."))
    doc = services.meeting_doc(database, a)
    assert [x.resolved_later for x in doc.agenda[1].actions] == [False, False, False]
    assert _note(database, a, Audience.INTERNAL) == before


def test_a_status_recorded_with_the_meeting_still_prints(database: Database) -> None:
    """An imported meeting whose own review rolled an action over (the published 2024 note):
    that is its own record, printed as before."""
    doc = _meeting(
        MARCH,
        AgendaItemDoc(
            "Welcome & Apologies",
            actions=(ActionDoc("update the index.", ("MPS",), status=ActionStatus.ROLLED_OVER),),
        ),
        next_meeting=None,
    )
    printed = _note_text(database, services.import_meeting(database, doc))
    assert "MPS to update the index. (rolled over to the next meeting)" in printed


def test_a_status_chosen_in_the_meetings_own_table_prints(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    """The Status cell of a meeting's own actions records that meeting's word on them, as an
    imported status does, even on an action a later review had resolved."""
    a, b, _c = meetings
    _review(database, a, b)
    rolled = _id(database, a, "review the pilot.")
    actions.update_action(database, rolled, status=ActionStatus.OPEN)
    actions.update_action(database, rolled, status=ActionStatus.ROLLED_OVER)
    assert "LP to review the pilot. (rolled over to the next meeting)" in _note_text(database, a)


# --- 2. deleting the copy a roll-over made ---------------------------------------------------


def _open_descriptions(database: Database) -> list[str]:
    log = action_log(database, ActionFilter(statuses=frozenset({ActionStatus.OPEN})))
    return sorted(entry.description for entry in log)


def test_deleting_the_rolled_over_copy_reopens_the_original(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    a, b, c = meetings
    copy = _review(database, a, b)
    original = _id(database, a, "review the pilot.")
    a_version = services.meeting_record(database, a).version
    deleted = actions.delete_action(database, copy)
    assert deleted.reopened_id == original
    row = actions.action_row(database, original)
    assert row.status is ActionStatus.OPEN
    assert "review the pilot." in _open_descriptions(database)
    assert "review the pilot." in [row.description for row in previous_open_actions(database, c)]
    assert "review the pilot." in [row.description for row in previous_open_actions(database, b)]
    assert services.meeting_record(database, a).version > a_version  # A's window reloads


def test_undo_and_redo_of_deleting_the_copy(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    a, b, _c = meetings
    before = _note(database, a)
    copy = _review(database, a, b)
    original = _id(database, a, "review the pilot.")
    deleted = actions.delete_action(database, copy)
    assert actions.restore_action(database, deleted) == copy  # undo
    assert actions.action_row(database, original).status is ActionStatus.ROLLED_OVER
    assert actions.action_row(database, copy).carried_from_id == original
    assert "review the pilot." not in [
        row.description for row in previous_open_actions(database, b)
    ]
    assert _note(database, a) == before  # resolved later again, A as agreed
    again = actions.delete_action(database, copy)  # redo
    assert again.reopened_id == original
    assert actions.action_row(database, original).status is ActionStatus.OPEN


def test_deleting_a_copy_that_is_no_longer_open_reopens_nothing(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    """The copy done at C ended the action: deleting it loses no open action, and the
    original stays rolled over."""
    a, b, c = meetings
    copy = _review(database, a, b)
    actions.resolve_previous_action(database, copy, ActionStatus.DONE, c)
    deleted = actions.delete_action(database, copy)
    assert deleted.reopened_id is None
    original = _id(database, a, "review the pilot.")
    assert actions.action_row(database, original).status is ActionStatus.ROLLED_OVER


def test_undoing_a_roll_over_still_deletes_the_copy_and_reopens_once(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    """The review's own undo deletes the copy through the same path: the original is open
    once, and the redo rolls it over with the same copy."""
    a, b, _c = meetings
    copy = _review(database, a, b)
    original = _id(database, a, "review the pilot.")
    carried = actions.reopen_previous_action(database, original)
    assert carried is not None
    assert actions.action_row(database, original).status is ActionStatus.OPEN
    redo = actions.resolve_previous_action(
        database, original, ActionStatus.ROLLED_OVER, b, carried=carried
    )
    assert redo == copy
    assert actions.action_row(database, original).status is ActionStatus.ROLLED_OVER


# --- 3. deleting the whole later meeting -----------------------------------------------------


def test_deleting_the_later_meeting_reopens_the_original_its_copy_continued(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    """The tester's case for a whole meeting: B deleted with the copy its review made, A's
    action was "rolled over" into nothing, gone from the log and from C's review."""
    a, b, c = meetings
    _review(database, a, b)
    original = _id(database, a, "review the pilot.")
    done = _id(database, a, "share the data.")
    a_version = services.meeting_record(database, a).version
    assert services.delete_meeting(database, b) == 1  # reopened, for the window to say
    assert actions.action_row(database, original).status is ActionStatus.OPEN
    assert actions.action_row(database, done).status is ActionStatus.DONE  # decided, kept
    assert "review the pilot." in _open_descriptions(database)
    assert "review the pilot." in [row.description for row in previous_open_actions(database, c)]
    assert services.meeting_record(database, a).version > a_version  # A's window reloads


def test_deleting_a_meeting_whose_copy_was_rolled_over_again_reopens_nothing(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    """A chain: A's action rolled over into B, B's copy rolled over into C. Deleting B loses
    no open action (C's copy continues it, now unlinked as before): A's stays rolled over."""
    a, b, c = meetings
    copy = _review(database, a, b)
    third = actions.resolve_previous_action(database, copy, ActionStatus.ROLLED_OVER, c)
    assert third is not None
    original = _id(database, a, "review the pilot.")
    assert services.delete_meeting(database, b) == 0
    assert actions.action_row(database, original).status is ActionStatus.ROLLED_OVER
    row = actions.action_row(database, third)
    assert (row.status, row.carried_from_id) == (ActionStatus.OPEN, None)
    assert _open_descriptions(database) == ["review the pilot.", "write to the minister."]


def test_deleting_the_meeting_at_the_end_of_a_chain_reopens_the_copy_before(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    """A to B to C, then C deleted: B's copy, the one C's copy continued, is open again."""
    a, b, c = meetings
    copy = _review(database, a, b)
    actions.resolve_previous_action(database, copy, ActionStatus.ROLLED_OVER, c)
    services.delete_meeting(database, c)
    assert actions.action_row(database, copy).status is ActionStatus.OPEN
    original = _id(database, a, "review the pilot.")
    assert actions.action_row(database, original).status is ActionStatus.ROLLED_OVER
    assert _open_descriptions(database) == ["review the pilot.", "write to the minister."]


def test_two_copies_going_with_the_meeting_do_not_keep_each_other_rolled_over(
    database: Database, meetings: tuple[int, int, int]
) -> None:
    """A's action rolled over into B twice (set open again in A's own table in between):
    neither copy continues it once B is gone, so it is open again."""
    a, b, _c = meetings
    _review(database, a, b)
    original = _id(database, a, "review the pilot.")
    actions.update_action(database, original, status=ActionStatus.OPEN)
    actions.resolve_previous_action(database, original, ActionStatus.ROLLED_OVER, b)
    assert services.delete_meeting(database, b) == 1  # one action, however many copies
    assert actions.action_row(database, original).status is ActionStatus.OPEN
