"""Actions: adding, editing, ordering, deleting with undo, and how actions without an item
are exported. The review of earlier meetings' actions is in test_actions_review.py."""

from __future__ import annotations

import datetime as dt

import pytest

from models import actions, organisations, owner_text, services
from models.actions import NEXT_MEETING
from models.database import Database
from models.enums import ActionStatus
from models.meeting_doc import ActionDoc
from models.services import NotFoundError, ValidationError
from tests.unit.action_meetings import (
    JUNE,
    SEPTEMBER,
    action_of,
    agenda_item,
    board_meeting,
    item_ids_of,
)


def _descriptions(database: Database, meeting_id: int) -> list[str]:
    return [row.description for row in actions.list_actions_of_meeting(database, meeting_id)]


@pytest.fixture
def meeting_id(database: Database) -> int:
    doc = board_meeting(
        JUNE,
        agenda_item("Welcome & Apologies"),
        agenda_item("Performance", "share the data.", "review the pilot."),
        agenda_item("AOB and Close"),
        next_meeting=SEPTEMBER,
    )
    return services.import_meeting(database, doc)


# --- adding and editing --------------------------------------------------------------------------


def test_an_added_action_goes_last_under_its_item_with_its_owners(
    database: Database, meeting_id: int
) -> None:
    welcome, performance, _aob = item_ids_of(database, meeting_id)
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
    added = action_of(database, closing)
    assert added.owners == ("MPS", "MOPAC")  # the organisations' own spelling
    assert added.owners_text == "MPS/MOPAC"
    assert (added.item_number, added.item_title) == (2, "Performance")
    assert added.due == dt.date(2025, 7, 31)
    assert not added.due_is_next_meeting
    assert added.status is ActionStatus.OPEN
    assert action_of(database, opening).item_number == 1


def test_an_action_can_be_inserted_at_a_position_within_its_item(
    database: Database, meeting_id: int
) -> None:
    _welcome, performance, _aob = item_ids_of(database, meeting_id)
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
    assert action_of(database, action_id).owners == ("LP",)


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
    assert action_of(database, action_id).owners == ("LP", long_name)


def test_update_changes_description_item_due_and_status(
    database: Database, meeting_id: int
) -> None:
    welcome, _performance, aob = item_ids_of(database, meeting_id)
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
    meeting_id = services.import_meeting(database, board_meeting(JUNE, agenda_item("Welcome")))
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
    assert action_of(database, first).due == dt.date(2025, 9, 25)
    assert action_of(database, first).due_is_next_meeting
    assert action_of(database, second).due == dt.date(2025, 7, 31)


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
    _welcome, performance, _aob = item_ids_of(database, meeting_id)
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
    _welcome, performance, _aob = item_ids_of(database, meeting_id)
    action_id = actions.list_actions_of_meeting(database, meeting_id)[0].id
    deleted = actions.delete_action(database, action_id)
    services.delete_agenda_item(database, performance)
    actions.restore_action(database, deleted)
    assert action_of(database, action_id).agenda_item_id is None


# --- export of item-less actions -----------------------------------------------------------------


def test_actions_without_an_item_are_exported_under_the_last_item(
    database: Database, meeting_id: int
) -> None:
    _welcome, performance, _aob = item_ids_of(database, meeting_id)
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
    services.import_meeting(database, board_meeting(dt.date(2025, 1, 1)))  # the organisations
    actions.add_action(database, meeting_id, description="share the data.", owners=("LP",))
    doc = services.meeting_doc(database, meeting_id)
    assert [item.title for item in doc.agenda] == ["Actions"]
    assert doc.agenda[0].actions == (ActionDoc("share the data.", ("LP",)),)
