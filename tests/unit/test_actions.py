"""Actions: adding, editing, ordering, deleting with undo, and the review of earlier meetings'
actions (done, dropped, rolled over into a chain)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from models import actions, organisations, owner_text, services
from models.action_log import ActionFilter, action_log, carry_over_chain
from models.actions import NEXT_MEETING, ActionRow
from models.capped_count import CappedCount
from models.database import Database
from models.enums import ActionStatus
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    BoardRef,
    MeetingDoc,
    OrganisationRef,
)
from models.previous_actions import previous_open_action_count, previous_open_actions
from models.services import NotFoundError, ValidationError

JUNE = dt.date(2025, 6, 19)
SEPTEMBER = dt.date(2025, 9, 18)
DECEMBER = dt.date(2025, 12, 11)
OTHER_BOARD = BoardRef("Violence Reduction Board", "VRB")


def _meeting(
    date: dt.date,
    *items: AgendaItemDoc,
    board: BoardRef = services.DEFAULT_BOARD,
    next_meeting: dt.date | None = None,
) -> MeetingDoc:
    return MeetingDoc(
        board=board,
        date=date,
        organisations=(
            OrganisationRef("Metropolitan Police Service", "MPS"),
            OrganisationRef("Mayor's Office for Policing and Crime", "MOPAC"),
            OrganisationRef("London Probation", "LP"),
        ),
        agenda=items,
        next_meeting=next_meeting,
    )


def _item(title: str, *descriptions: str, owners: tuple[str, ...] = ("LP",)) -> AgendaItemDoc:
    return AgendaItemDoc(
        title=title,
        actions=tuple(ActionDoc(description=text, owners=owners) for text in descriptions),
    )


def _descriptions(database: Database, meeting_id: int) -> list[str]:
    return [row.description for row in actions.list_actions_of_meeting(database, meeting_id)]


def _row(database: Database, action_id: int) -> ActionRow:
    return actions.action_row(database, action_id)


@pytest.fixture
def meeting_id(database: Database) -> int:
    doc = _meeting(
        JUNE,
        _item("Welcome & Apologies"),
        _item("Performance", "share the data.", "review the pilot."),
        _item("AOB and Close"),
        next_meeting=SEPTEMBER,
    )
    return services.import_meeting(database, doc)


def _item_ids(database: Database, meeting_id: int) -> list[int]:
    return [item.id for item in services.meeting_record(database, meeting_id).agenda]


# --- adding and editing --------------------------------------------------------------------------


def test_an_added_action_goes_last_under_its_item_with_its_owners(
    database: Database, meeting_id: int
) -> None:
    welcome, performance, _aob = _item_ids(database, meeting_id)
    closing = actions.add_action(
        database, meeting_id, agenda_item_id=performance, description="report back.",
        owners=("mps", "MOPAC"), due=dt.date(2025, 7, 31),
    )  # fmt: skip
    opening = actions.add_action(database, meeting_id, agenda_item_id=welcome, description="x.")
    rows = actions.list_actions_of_meeting(database, meeting_id)
    assert [row.description for row in rows] == [
        "x.", "share the data.", "review the pilot.", "report back.",
    ]  # fmt: skip
    assert [row.position for row in rows] == [0, 1, 2, 3]
    added = _row(database, closing)
    assert added.owners == ("MPS", "MOPAC")  # the organisations' own spelling
    assert added.owners_text == "MPS/MOPAC"
    assert (added.item_number, added.item_title) == (2, "Performance")
    assert added.due == dt.date(2025, 7, 31)
    assert not added.due_is_next_meeting
    assert added.status is ActionStatus.OPEN
    assert _row(database, opening).item_number == 1


def test_an_action_can_be_inserted_at_a_position_within_its_item(
    database: Database, meeting_id: int
) -> None:
    _welcome, performance, _aob = _item_ids(database, meeting_id)
    actions.add_action(
        database, meeting_id, agenda_item_id=performance, description="first.", position=0
    )
    assert _descriptions(database, meeting_id) == [
        "first.", "share the data.", "review the pilot.",
    ]  # fmt: skip


def test_an_unknown_owner_is_refused_by_name_and_nothing_is_written(
    database: Database, meeting_id: int
) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.add_action(database, meeting_id, description="x.", owners=("MPS", "XYZ"))
    assert refused.value.field == "owners"
    assert "“XYZ”" in refused.value.message
    assert len(actions.list_actions_of_meeting(database, meeting_id)) == 2
    action_id = actions.list_actions_of_meeting(database, meeting_id)[0].id
    with pytest.raises(ValidationError, match="“Probation”"):
        actions.update_action(database, action_id, owners="MPS/Probation")
    assert _row(database, action_id).owners == ("LP",)


def test_owners_are_typed_as_text_separated_by_slashes(database: Database, meeting_id: int) -> None:
    action_id = actions.list_actions_of_meeting(database, meeting_id)[0].id
    row = actions.update_action(database, action_id, owners=" mps / MOPAC / mps /")
    assert row.owners == ("MPS", "MOPAC")  # blanks and repeats dropped
    row = actions.update_action(database, action_id, owners="MOPAC/MPS")
    assert row.owners == ("MOPAC", "MPS")  # the order is the printed order
    assert actions.update_action(database, action_id, owners="").owners == ()
    assert owner_text.parse_owners("LP/London Councils") == ("LP", "London Councils")


KNOWN = {"mps", "mopac", "lp", "housing, communities and local government"}


def _known(name: str) -> bool:
    return name.casefold() in KNOWN


@pytest.mark.parametrize(
    ("typed", "owners"),
    [
        ("MOPAC, LP", ("MOPAC", "LP")),  # a comma separates, as a slash does
        ("MOPAC,LP, ", ("MOPAC", "LP")),
        ("MPS/MOPAC, LP", ("MPS", "MOPAC", "LP")),  # both in one text
        # A name with a comma in it that is one organisation stays whole, alone or with others.
        (
            "Housing, Communities and Local Government",
            ("Housing, Communities and Local Government",),
        ),
        (
            "MPS/Housing, Communities and Local Government",
            ("MPS", "Housing, Communities and Local Government"),
        ),
        ("MOPAC, XYZ", ("MOPAC", "XYZ")),  # the unknown piece is the one refused
        ("Acme, Widgets", ("Acme, Widgets",)),  # nothing known: refused as typed
    ],
)
def test_owners_typed_with_commas_are_split_unless_one_organisation_has_the_name(
    typed: str, owners: tuple[str, ...]
) -> None:
    assert owner_text.parse_owners(typed, _known) == owners


SLASHED = ("YOT, L&P/2", "L&P/2", "A/B/C")


def _known_or_slashed(name: str) -> bool:
    return _known(name) or name.casefold() in {abbreviation.casefold() for abbreviation in SLASHED}


@pytest.mark.parametrize(
    ("typed", "owners"),
    [
        ("YOT, L&P/2", ("YOT, L&P/2",)),  # whole, not "YOT, L&P" and "2"
        ("yot, l&p/2", ("yot, l&p/2",)),  # any case
        ("MPS/YOT, L&P/2/MOPAC", ("MPS", "YOT, L&P/2", "MOPAC")),
        ("MPS, YOT, L&P/2", ("MPS", "YOT, L&P/2")),  # after a comma too
        ("YOT, L&P/2, MPS", ("YOT, L&P/2", "MPS")),
        ("L&P/2/MPS", ("L&P/2", "MPS")),  # the shorter one alone
        ("A/B/C/MPS", ("A/B/C", "MPS")),
        ("A/B/MPS", ("A", "B", "MPS")),  # only part of one: cut as usual
        ("L&P/3", ("L&P", "3")),  # not known: the slash separates, the refusal names L&P
    ],
)
def test_known_abbreviations_with_a_slash_are_owners_whole(
    typed: str, owners: tuple[str, ...]
) -> None:
    assert owner_text.parse_owners(typed, _known_or_slashed, slashed=SLASHED) == owners


def test_an_abbreviation_with_a_slash_is_saved_as_an_owner(
    database: Database, meeting_id: int
) -> None:
    organisations.add_organisation(database, "Youth Offending, Teams & Partners", "YOT, L&P/2")
    action_id = actions.list_actions_of_meeting(database, meeting_id)[0].id
    row = actions.update_action(database, action_id, owners="MPS/yot, l&p/2")
    assert row.owners == ("MPS", "YOT, L&P/2")
    assert row.owners_text == "MPS/YOT, L&P/2"
    # What the cell shows is read back as the same owners (the next edit starts from it).
    assert actions.update_action(database, action_id, owners=row.owners_text).owners == row.owners


def test_an_unknown_owner_is_refused_in_the_window_s_words(
    database: Database, meeting_id: int
) -> None:
    action_id = actions.list_actions_of_meeting(database, meeting_id)[0].id
    with pytest.raises(ValidationError) as refused:
        actions.update_action(database, action_id, owners="MPS/zzq")
    assert refused.value.message == (
        "No organisation has the abbreviation “zzq”. Owners are organisations"
        " (e.g. MPS/MOPAC); press Enter in the cell to add it, or add it in Organisations"
        " (Ctrl+Shift+O)."
    )


def test_owners_typed_with_a_comma_are_saved_and_a_comma_name_wins(
    database: Database, meeting_id: int
) -> None:
    long_name = "Housing, Communities and Local Government"  # its own abbreviation
    organisations.add_organisation(database, long_name, long_name)
    action_id = actions.list_actions_of_meeting(database, meeting_id)[0].id
    assert actions.update_action(database, action_id, owners="mopac, MPS").owners == (
        "MOPAC",
        "MPS",
    )
    row = actions.update_action(database, action_id, owners=f"LP/{long_name.lower()}")
    assert row.owners == ("LP", long_name)
    with pytest.raises(ValidationError, match="“XYZ”"):
        actions.update_action(database, action_id, owners="MOPAC, XYZ")
    with pytest.raises(ValidationError, match="“Acme, Widgets”"):
        actions.update_action(database, action_id, owners="Acme, Widgets")
    assert _row(database, action_id).owners == ("LP", long_name)


def test_update_changes_description_item_due_and_status(
    database: Database, meeting_id: int
) -> None:
    welcome, _performance, aob = _item_ids(database, meeting_id)
    first, second = (row.id for row in actions.list_actions_of_meeting(database, meeting_id))
    row = actions.update_action(
        database, first, description="share the release data.", agenda_item_id=aob,
        due=NEXT_MEETING, status=ActionStatus.DONE,
    )  # fmt: skip
    assert row.description == "share the release data."
    assert (row.item_number, row.item_title) == (3, "AOB and Close")
    assert row.due == SEPTEMBER
    assert row.due_is_next_meeting
    assert row.status is ActionStatus.DONE
    assert _descriptions(database, meeting_id) == ["review the pilot.", "share the release data."]
    # Fields not named stay as they are; None means "no item" / "no date".
    row = actions.update_action(database, first, agenda_item_id=None, due=None)
    assert (row.agenda_item_id, row.due, row.description) == (None, None, "share the release data.")
    with pytest.raises(ValidationError) as refused:
        actions.update_action(database, second, agenda_item_id=welcome + 1000)
    assert refused.value.field == "item"


def test_next_meeting_is_refused_while_the_meeting_has_no_next_date(database: Database) -> None:
    meeting_id = services.import_meeting(database, _meeting(JUNE, _item("Welcome")))
    with pytest.raises(ValidationError) as refused:
        actions.add_action(database, meeting_id, description="x.", due=NEXT_MEETING)
    assert refused.value.field == "due"
    assert "next meeting date" in refused.value.message
    assert actions.list_actions_of_meeting(database, meeting_id) == []


def test_actions_due_next_meeting_follow_a_new_next_meeting_date(
    database: Database, meeting_id: int
) -> None:
    first, second = (row.id for row in actions.list_actions_of_meeting(database, meeting_id))
    actions.update_action(database, first, due=NEXT_MEETING)
    actions.update_action(database, second, due=dt.date(2025, 7, 31))
    services.update_meeting(database, meeting_id, next_meeting=dt.date(2025, 9, 25))
    assert _row(database, first).due == dt.date(2025, 9, 25)
    assert _row(database, first).due_is_next_meeting
    assert _row(database, second).due == dt.date(2025, 7, 31)


def test_every_action_edit_bumps_the_meeting(database: Database, meeting_id: int) -> None:
    def version() -> int:
        return services.meeting_record(database, meeting_id).version

    before = version()
    action_id = actions.add_action(database, meeting_id, description="x.")
    assert version() == before + 1
    actions.update_action(database, action_id, description="y.")
    assert version() == before + 2
    actions.move_action(database, action_id, 0)
    assert version() == before + 3
    deleted = actions.delete_action(database, action_id)
    assert version() == before + 4
    actions.restore_action(database, deleted)
    assert version() == before + 5


# --- order, deleting and undoing -----------------------------------------------------------------


def test_move_reorders_within_the_item_and_clamps(database: Database, meeting_id: int) -> None:
    _welcome, performance, _aob = _item_ids(database, meeting_id)
    third = actions.add_action(
        database, meeting_id, agenda_item_id=performance, description="third."
    )
    actions.move_action(database, third, 0)
    assert _descriptions(database, meeting_id) == ["third.", "share the data.", "review the pilot."]
    actions.move_action(database, third, 99)
    assert _descriptions(database, meeting_id) == ["share the data.", "review the pilot.", "third."]
    assert [row.position for row in actions.list_actions_of_meeting(database, meeting_id)] == [
        0,
        1,
        2,
    ]


def test_a_deleted_action_is_restored_with_its_id_place_and_owners(
    database: Database, meeting_id: int
) -> None:
    before = actions.list_actions_of_meeting(database, meeting_id)
    actions.update_action(database, before[0].id, owners="MPS/MOPAC", due=NEXT_MEETING)
    before = actions.list_actions_of_meeting(database, meeting_id)
    deleted = actions.delete_action(database, before[0].id)
    assert _descriptions(database, meeting_id) == ["review the pilot."]
    with pytest.raises(NotFoundError):
        actions.action_row(database, before[0].id)
    assert actions.restore_action(database, deleted) == before[0].id
    assert actions.list_actions_of_meeting(database, meeting_id) == before


def test_an_action_restored_after_its_item_went_has_no_item(
    database: Database, meeting_id: int
) -> None:
    _welcome, performance, _aob = _item_ids(database, meeting_id)
    action_id = actions.list_actions_of_meeting(database, meeting_id)[0].id
    deleted = actions.delete_action(database, action_id)
    services.delete_agenda_item(database, performance)
    actions.restore_action(database, deleted)
    assert _row(database, action_id).agenda_item_id is None


# --- export of item-less actions -----------------------------------------------------------------


def test_actions_without_an_item_are_exported_under_the_last_item(
    database: Database, meeting_id: int
) -> None:
    _welcome, performance, _aob = _item_ids(database, meeting_id)
    services.delete_agenda_item(database, performance)
    assert [
        row.agenda_item_id for row in actions.list_actions_of_meeting(database, meeting_id)
    ] == [
        None,
        None,
    ]
    doc = services.meeting_doc(database, meeting_id)
    assert [item.title for item in doc.agenda] == ["Welcome & Apologies", "AOB and Close"]
    assert [action.description for action in doc.agenda[-1].actions] == [
        "share the data.",
        "review the pilot.",
    ]


def test_actions_of_a_meeting_without_items_are_exported_under_an_actions_item(
    database: Database,
) -> None:
    meeting_id = services.create_meeting(database, date=JUNE)
    services.import_meeting(database, _meeting(dt.date(2025, 1, 1)))  # the organisations
    actions.add_action(database, meeting_id, description="share the data.", owners=("LP",))
    doc = services.meeting_doc(database, meeting_id)
    assert [item.title for item in doc.agenda] == ["Actions"]
    assert doc.agenda[0].actions == (ActionDoc("share the data.", ("LP",)),)


# --- the review of earlier meetings' actions -----------------------------------------------------


@pytest.fixture
def three_meetings(database: Database) -> tuple[int, int, int]:
    """June (two open actions, one done), September and December of the same board."""
    june = _meeting(
        JUNE,
        _item("Welcome & Apologies"),
        _item("Performance", "share the data.", "review the pilot.", owners=("MPS", "MOPAC")),
        next_meeting=SEPTEMBER,
    )
    june = dataclasses.replace(
        june,
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
            _meeting(SEPTEMBER, _item("Welcome & Apologies"), _item("AOB"), next_meeting=DECEMBER),
        ),
        services.import_meeting(database, _meeting(DECEMBER, _item("Welcome & Apologies"))),
    )


def test_previous_open_actions_are_the_open_ones_of_earlier_meetings_of_the_board(
    database: Database, three_meetings: tuple[int, int, int]
) -> None:
    june, september, december = three_meetings
    services.import_meeting(
        database, _meeting(dt.date(2025, 5, 1), _item("Other", "other board."), board=OTHER_BOARD)
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
        database, september, agenda_item_id=_item_ids(database, september)[0], description="x."
    )
    share = previous_open_actions(database, september)[0]
    new_id = actions.resolve_previous_action(
        database, share.id, ActionStatus.ROLLED_OVER, september
    )
    assert new_id is not None
    assert _row(database, share.id).status is ActionStatus.ROLLED_OVER
    new = _row(database, new_id)
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
    assert _row(database, new_id).due == dt.date(2025, 10, 31)


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
    new = _row(database, new_id)
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
    assert _row(database, share.id).due == SEPTEMBER
    new_id = actions.resolve_previous_action(
        database, share.id, ActionStatus.ROLLED_OVER, september
    )
    assert new_id is not None
    new = _row(database, new_id)
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
    assert _row(database, third).carried_from_date == SEPTEMBER
    assert [_row(database, i).status for i in (original.id, second, third)] == [
        ActionStatus.ROLLED_OVER,
        ActionStatus.ROLLED_OVER,
        ActionStatus.OPEN,
    ]
    assert _row(database, third).description == "share the data."


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
    assert _row(database, share.id).status is ActionStatus.OPEN
    assert actions.list_actions_of_meeting(database, september) == []
    assert len(previous_open_actions(database, september)) == 2
    again = actions.resolve_previous_action(
        database, share.id, ActionStatus.ROLLED_OVER, september, carried=carried
    )
    assert again == new_id
    assert _row(database, new_id).description == "share the data by October."
    assert _row(database, new_id).carried_from_id == share.id
    # Done and dropped reopen to open, with nothing to delete.
    review = previous_open_actions(database, september)[0]
    actions.resolve_previous_action(database, review.id, ActionStatus.DONE, september)
    assert actions.reopen_previous_action(database, review.id) is None
    assert _row(database, review.id).status is ActionStatus.OPEN


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
    assert _row(database, share.id).status is ActionStatus.ROLLED_OVER


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
    assert _row(database, third).carried_from_id is None
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
        database, _meeting(dt.date(2025, 5, 1), _item("Other", "other."), board=OTHER_BOARD)
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
    assert _row(database, new_id).agenda_item_id is None
    assert september != empty
