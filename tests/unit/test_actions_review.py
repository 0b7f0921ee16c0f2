"""Actions: the review of earlier meetings' open actions in a later meeting (done, dropped,
rolled over into a chain, and undone), and which of them a meeting may resolve."""

from __future__ import annotations

import datetime as dt

import pytest

from models import actions, services
from models.action_log import ActionFilter, action_log, carry_over_chain
from models.actions import NEXT_MEETING
from models.capped_count import CappedCount
from models.database import Database
from models.enums import ActionStatus
from models.meeting_doc import ActionDoc, AgendaItemDoc, BoardRef
from models.previous_actions import previous_open_action_count, previous_open_actions
from models.services import ValidationError
from tests.unit.action_meetings import (
    JUNE,
    SEPTEMBER,
    action_of,
    agenda_item,
    board_meeting,
    item_ids_of,
)

DECEMBER = dt.date(2025, 12, 11)
OTHER_BOARD = BoardRef("Violence Reduction Board", "VRB")


# --- the review of earlier meetings' actions -----------------------------------------------------


@pytest.fixture
def three_meetings(database: Database) -> tuple[int, int, int]:
    """June (two open actions, one done), September and December of the same board."""
    june = board_meeting(
        JUNE,
        agenda_item("Welcome & Apologies"),
        agenda_item("Performance", "share the data.", "review the pilot.", owners=("MPS", "MOPAC")),
        next_meeting=SEPTEMBER,
    )
    june = june._replace(
        agenda=(
            *june.agenda,
            AgendaItemDoc(
                "AOB", actions=(ActionDoc("closed.", ("LP",), status=ActionStatus.DONE),)
            ),
        ),
    )
    return (
        services.import_meeting(database, june),
        services.import_meeting(
            database,
            board_meeting(
                SEPTEMBER,
                agenda_item("Welcome & Apologies"),
                agenda_item("AOB"),
                next_meeting=DECEMBER,
            ),
        ),
        services.import_meeting(
            database, board_meeting(DECEMBER, agenda_item("Welcome & Apologies"))
        ),
    )


def test_previous_open_actions_are_the_open_ones_of_earlier_meetings_of_the_board(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    june, september, december = three_meetings
    services.import_meeting(
        database,
        board_meeting(dt.date(2025, 5, 1), agenda_item("Other", "other board."), board=OTHER_BOARD),
    )
    actions.add_action(database, september, description="raised in September.")
    assert previous_open_actions(database, june) == []
    in_september = previous_open_actions(database, september)
    assert [row.description for row in in_september] == ["share the data.", "review the pilot."]
    first = in_september[0]
    assert (first.meeting_id, first.meeting_date, first.item_title) == (june, JUNE, "Performance")
    assert first.owners_text == "MPS/MOPAC"
    # Newest meeting first.
    assert [row.description for row in previous_open_actions(database, december)] == [
        "raised in September.",
        "share the data.",
        "review the pilot.",
    ]


def test_previous_open_actions_read_a_page_at_a_time_with_their_count(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    _june, september, december = three_meetings
    actions.add_action(database, september, description="raised in September.")
    whole = previous_open_actions(database, december)
    assert previous_open_action_count(database, december) == CappedCount(len(whole))
    assert len(whole) == 3
    pages = [
        row
        for offset in range(0, 3, 2)
        for row in previous_open_actions(database, december, offset=offset, limit=2)
    ]
    assert pages == whole  # owners and all
    assert previous_open_action_count(database, september) == CappedCount(2)


def test_previous_open_actions_past_the_cap_are_counted_as_more_than_it(
    database: Database, three_meetings: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _june, september, december = three_meetings
    actions.add_action(database, september, description="raised in September.")
    done = actions.add_action(database, september, description="done already.")
    actions.update_action(database, done, status=ActionStatus.DONE)
    monkeypatch.setattr("models.capped_count.COUNT_CAP", 2)
    assert previous_open_action_count(database, december) == CappedCount(2, more=True)
    monkeypatch.setattr("models.capped_count.COUNT_CAP", 3)  # exactly the cap: exact
    assert previous_open_action_count(database, december) == CappedCount(3)


def test_done_and_dropped_set_the_status_only(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    june, september, _december = three_meetings
    share, review = previous_open_actions(database, september)
    june_version = services.meeting_record(database, june).version
    assert actions.resolve_previous_action(database, share.id, ActionStatus.DONE, september) is None
    assert (
        actions.resolve_previous_action(database, review.id, ActionStatus.DROPPED, september)
        is None
    )
    statuses = {
        row.description: row.status for row in actions.list_actions_of_meeting(database, june)
    }
    assert statuses == {
        "share the data.": ActionStatus.DONE,
        "review the pilot.": ActionStatus.DROPPED,
        "closed.": ActionStatus.DONE,
    }
    assert services.meeting_record(database, june).version == june_version + 2
    assert previous_open_actions(database, september) == []
    assert actions.list_actions_of_meeting(database, september) == []


def test_rolling_over_carries_the_action_into_this_meetings_first_item(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    june, september, _december = three_meetings
    actions.add_action(
        database, september, agenda_item_id=item_ids_of(database, september)[0], description="x."
    )
    share = previous_open_actions(database, september)[0]
    new_id = actions.resolve_previous_action(
        database, share.id, ActionStatus.ROLLED_OVER, september
    )
    assert new_id is not None
    assert action_of(database, share.id).status is ActionStatus.ROLLED_OVER
    new = action_of(database, new_id)
    assert new.meeting_id == september
    assert (new.item_number, new.item_title) == (1, "Welcome & Apologies")
    assert new.position == 1  # after the item's own actions
    assert (new.description, new.owners) == ("share the data.", ("MPS", "MOPAC"))
    assert new.status is ActionStatus.OPEN
    assert new.carried_from_id == share.id
    assert new.carried_from_date == JUNE
    # It had no due date: it still has none (nothing put in that was not typed).
    assert new.due is None
    assert [row.description for row in previous_open_actions(database, september)] == [
        "review the pilot."
    ]
    assert june != september


def test_rolling_over_keeps_a_due_date_still_ahead(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    june, september, _december = three_meetings
    share = actions.list_actions_of_meeting(database, june)[0]
    actions.update_action(database, share.id, due=dt.date(2025, 10, 31))
    new_id = actions.resolve_previous_action(
        database, share.id, ActionStatus.ROLLED_OVER, september
    )
    assert new_id is not None
    assert action_of(database, new_id).due == dt.date(2025, 10, 31)


def test_rolling_over_keeps_a_due_date_passed_and_the_log_marks_it_overdue(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    """A date passed is carried over as it was, not erased nor replaced by the next
    meeting's: the action log then says the carried action is overdue."""
    june, september, _december = three_meetings
    share = actions.list_actions_of_meeting(database, june)[0]
    passed = dt.date(2025, 7, 31)
    actions.update_action(database, share.id, due=passed)
    services.update_meeting(database, september, next_meeting=None)
    new_id = actions.resolve_previous_action(
        database, share.id, ActionStatus.ROLLED_OVER, september
    )
    assert new_id is not None
    new = action_of(database, new_id)
    assert (new.due, new.due_is_next_meeting) == (passed, False)
    overdue = action_log(database, ActionFilter(overdue_on=SEPTEMBER))
    assert [entry.id for entry in overdue] == [new_id]
    assert overdue[0].is_overdue(SEPTEMBER)


def test_rolling_over_keeps_the_next_meeting_due_as_that_date(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    """Due at June's next meeting (September's own date): carried over as that date, which
    is not September's next meeting; the secretary presses N to move it on."""
    june, september, _december = three_meetings
    share = actions.list_actions_of_meeting(database, june)[0]
    actions.update_action(database, share.id, due=NEXT_MEETING)
    assert action_of(database, share.id).due == SEPTEMBER
    new_id = actions.resolve_previous_action(
        database, share.id, ActionStatus.ROLLED_OVER, september
    )
    assert new_id is not None
    new = action_of(database, new_id)
    assert (new.due, new.due_is_next_meeting) == (SEPTEMBER, False)


def test_rolled_over_actions_form_a_chain(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    _june, september, december = three_meetings
    original = previous_open_actions(database, september)[0]
    second = actions.resolve_previous_action(
        database, original.id, ActionStatus.ROLLED_OVER, september
    )
    in_december = previous_open_actions(database, december)
    assert in_december[0].id == second
    assert in_december[0].carried_from_id == original.id
    assert second is not None
    third = actions.resolve_previous_action(database, second, ActionStatus.ROLLED_OVER, december)
    assert third is not None
    assert [entry.id for entry in carry_over_chain(database, third)] == [original.id, second, third]
    assert action_of(database, third).carried_from_date == SEPTEMBER
    assert [action_of(database, i).status for i in (original.id, second, third)] == [
        ActionStatus.ROLLED_OVER,
        ActionStatus.ROLLED_OVER,
        ActionStatus.OPEN,
    ]
    assert action_of(database, third).description == "share the data."


def test_reopening_undoes_a_roll_over_and_a_redo_brings_back_the_same_action(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    _june, september, _december = three_meetings
    share = previous_open_actions(database, september)[0]
    new_id = actions.resolve_previous_action(
        database, share.id, ActionStatus.ROLLED_OVER, september
    )
    assert new_id is not None
    actions.update_action(database, new_id, description="share the data by October.")
    carried = actions.reopen_previous_action(database, share.id)
    assert carried is not None
    assert carried.id == new_id
    assert action_of(database, share.id).status is ActionStatus.OPEN
    assert actions.list_actions_of_meeting(database, september) == []
    assert len(previous_open_actions(database, september)) == 2
    again = actions.resolve_previous_action(
        database, share.id, ActionStatus.ROLLED_OVER, september, carried=carried
    )
    assert again == new_id
    assert action_of(database, new_id).description == "share the data by October."
    assert action_of(database, new_id).carried_from_id == share.id
    # Done and dropped reopen to open, with nothing to delete.
    review = previous_open_actions(database, september)[0]
    actions.resolve_previous_action(database, review.id, ActionStatus.DONE, september)
    assert actions.reopen_previous_action(database, review.id) is None
    assert action_of(database, review.id).status is ActionStatus.OPEN


def test_a_roll_over_whose_new_action_was_resolved_later_cannot_be_reopened(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    _june, september, december = three_meetings
    share = previous_open_actions(database, september)[0]
    second = actions.resolve_previous_action(
        database, share.id, ActionStatus.ROLLED_OVER, september
    )
    assert second is not None
    actions.resolve_previous_action(database, second, ActionStatus.DONE, december)
    with pytest.raises(ValidationError, match="marked done"):
        actions.reopen_previous_action(database, share.id)
    assert action_of(database, share.id).status is ActionStatus.ROLLED_OVER


def test_deleting_a_carried_action_and_restoring_it_keeps_the_chain(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    _june, september, december = three_meetings
    first = previous_open_actions(database, september)[0].id
    second = actions.resolve_previous_action(database, first, ActionStatus.ROLLED_OVER, september)
    assert second is not None
    third = actions.resolve_previous_action(database, second, ActionStatus.ROLLED_OVER, december)
    assert third is not None
    deleted = actions.delete_action(database, second)
    assert deleted.carried_from_id == first
    assert deleted.carried_into_ids == (third,)
    assert action_of(database, third).carried_from_id is None
    actions.restore_action(database, deleted)
    assert [entry.id for entry in carry_over_chain(database, third)] == [first, second, third]


def test_only_open_actions_of_earlier_meetings_of_the_board_can_be_resolved(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    june, september, _december = three_meetings
    share = previous_open_actions(database, september)[0]
    actions.resolve_previous_action(database, share.id, ActionStatus.DONE, september)
    with pytest.raises(ValidationError, match="no longer open"):
        actions.resolve_previous_action(database, share.id, ActionStatus.DROPPED, september)
    later = actions.add_action(database, september, description="later.")
    with pytest.raises(ValidationError, match="earlier meetings"):
        actions.resolve_previous_action(database, later, ActionStatus.DONE, june)
    other = services.import_meeting(
        database,
        board_meeting(dt.date(2025, 5, 1), agenda_item("Other", "other."), board=OTHER_BOARD),
    )
    other_action = actions.list_actions_of_meeting(database, other)[0].id
    with pytest.raises(ValidationError, match="earlier meetings"):
        actions.resolve_previous_action(database, other_action, ActionStatus.DONE, september)
    with pytest.raises(ValueError, match="not a resolution"):
        actions.resolve_previous_action(database, later, ActionStatus.OPEN, september)


def test_rolling_over_into_a_meeting_without_items_leaves_the_action_without_one(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    _june, september, _december = three_meetings
    empty = services.create_meeting(database, date=dt.date(2025, 10, 1))
    share = previous_open_actions(database, empty)[0]
    new_id = actions.resolve_previous_action(database, share.id, ActionStatus.ROLLED_OVER, empty)
    assert new_id is not None
    assert action_of(database, new_id).agenda_item_id is None
    assert september != empty
