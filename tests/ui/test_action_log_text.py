"""The action log's story of an action ("where it was raised and where it went"), from the
actions and carry-over chains a real database gives: it never contradicts itself."""

from __future__ import annotations

import datetime as dt

import pytest

from models import actions, services
from models.action_log import ActionFilter, ActionLogEntry, action_log, carry_over_chain
from models.database import Database
from models.enums import ActionStatus
from ui.actions.action_log_text import NO_ROLL_OVER_LINK, detail_html, raised_sentence

JUNE = dt.date(2025, 6, 19)
DECEMBER = dt.date(2025, 12, 11)
MARCH = dt.date(2026, 3, 5)
TODAY = dt.date(2026, 3, 5)
BOARDS = {"RRB": "Reducing Reoffending Board"}


def _meeting(database: Database, day: dt.date) -> int:
    meeting_id = services.create_meeting(database, date=day)
    services.add_agenda_item(database, meeting_id, "Welcome & Apologies")
    return meeting_id


def _entry(database: Database, action_id: int) -> ActionLogEntry:
    return next(entry for entry in action_log(database, ActionFilter()) if entry.id == action_id)


def _story(database: Database, action_id: int) -> str:
    entry = _entry(database, action_id)
    chain = carry_over_chain(database, action_id)
    return detail_html(entry, chain, board_names=BOARDS, today=TODAY)


@pytest.fixture
def rolled_over(database: Database) -> tuple[int, int]:
    """An action of 19 June 2025 rolled over (R) into 5 March 2026: (the old, the copy)."""
    june, march = _meeting(database, JUNE), _meeting(database, MARCH)
    first = actions.add_action(
        database, june, description="map housing support.", agenda_item_id=None
    )
    copy = actions.resolve_previous_action(database, first, ActionStatus.ROLLED_OVER, march)
    assert copy is not None
    return first, copy


def test_a_carried_over_copy_says_where_it_was_carried_from_not_raised(
    database: Database, rolled_over: tuple[int, int]
) -> None:
    _first, copy = rolled_over
    story = _story(database, copy)
    assert (
        "Carried over to the Reducing Reoffending Board meeting of 5 March 2026, item 1,"
        " “Welcome &amp; Apologies”, from the meeting of 19 June 2025, where it was first raised."
    ) in story
    assert "Raised at" not in story


def test_the_action_it_was_carried_from_still_says_where_it_was_raised(
    database: Database, rolled_over: tuple[int, int]
) -> None:
    first, _copy = rolled_over
    story = _story(database, first)
    assert "Raised at the Reducing Reoffending Board meeting of 19 June 2025." in story
    assert NO_ROLL_OVER_LINK not in story  # it went somewhere, and the chain says where


def test_a_copy_of_a_copy_names_the_meeting_before_and_where_it_was_first_raised(
    database: Database, rolled_over: tuple[int, int]
) -> None:
    _first, copy = rolled_over
    later = _meeting(database, dt.date(2026, 6, 11))
    third = actions.resolve_previous_action(database, copy, ActionStatus.ROLLED_OVER, later)
    assert third is not None
    entry = _entry(database, third)
    assert raised_sentence(entry, BOARDS, carry_over_chain(database, third)) == (
        "Carried over to the Reducing Reoffending Board meeting of 11 June 2026, item 1,"
        " “Welcome & Apologies”, from the meeting of 5 March 2026; first raised at the meeting of"
        " 19 June 2025."
    )


def test_without_its_chain_a_copy_says_only_that_it_came_from_an_earlier_meeting(
    database: Database, rolled_over: tuple[int, int]
) -> None:
    _first, copy = rolled_over
    story = detail_html(
        _entry(database, copy), [], board_names=BOARDS, today=TODAY, problem="Not read."
    )
    assert "5 March 2026, item 1, “Welcome &amp; Apologies”, from an earlier meeting." in story
    assert NO_ROLL_OVER_LINK not in story  # unknown, not "not recorded"


def test_an_imported_rolled_over_action_says_where_it_went_is_not_recorded(
    database: Database,
) -> None:
    """An import has the status "Rolled over" but no copy linked to it."""
    meeting_id = _meeting(database, DECEMBER)
    action_id = actions.add_action(
        database, meeting_id, description="x.", status=ActionStatus.ROLLED_OVER
    )
    story = _story(database, action_id)
    assert "Status: Rolled over." in story
    assert "Not carried over" not in story
    assert "The meeting it was rolled over to is not recorded" in story


def test_a_chain_whose_last_step_is_rolled_over_says_the_rest_is_not_recorded(
    database: Database, rolled_over: tuple[int, int]
) -> None:
    first, copy = rolled_over
    actions.update_action(database, copy, status=ActionStatus.ROLLED_OVER)  # by hand
    story = _story(database, first)
    assert "Carried over once" in story
    assert "The meeting it was rolled over to is not recorded" in story


def test_an_open_action_never_carried_says_so(database: Database) -> None:
    meeting_id = _meeting(database, DECEMBER)
    action_id = actions.add_action(database, meeting_id, description="x.")
    story = _story(database, action_id)
    assert "Raised at the Reducing Reoffending Board meeting of 11 December 2025." in story
    assert "Not carried over from or to another meeting." in story
    assert "not recorded" not in story
