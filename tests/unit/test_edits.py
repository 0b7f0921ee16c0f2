"""The edit session's Qt-free core: every edit carries the version it was based on."""

from __future__ import annotations

import datetime as dt

import pytest

from models import actions, services
from models.changes import Part
from models.database import Database
from models.edits import (
    EditCore,
    JournalEntry,
    Kind,
    PendingEdits,
    Problem,
    expecting_version,
    read_journal,
    write_journal,
)
from models.enums import ActionStatus
from models.errors import StaleEditError
from models.meeting_doc import MeetingDoc
from models.savers import SAVERS


@pytest.fixture
def meeting_id(database: Database, sample_meeting: MeetingDoc) -> int:
    return services.import_meeting(database, sample_meeting)


def _core(database: Database, meeting_id: int) -> EditCore:
    record = services.meeting_record(database, meeting_id)
    return EditCore(database, meeting_id, record.version, SAVERS)


def test_an_edit_based_on_an_old_version_is_refused_by_every_kind_of_service(
    database: Database, meeting_id: int
) -> None:
    old = services.meeting_record(database, meeting_id)
    services.update_meeting(database, meeting_id, venue="Elsewhere")  # another window
    item_id = old.agenda[0].id
    for edit in (
        lambda: services.update_meeting(database, meeting_id, venue="Mine"),
        lambda: services.update_agenda_item(database, item_id, notes="Mine"),
        lambda: services.add_agenda_item(database, meeting_id, "Mine"),
        lambda: actions.add_action(database, meeting_id, description="Mine."),
    ):
        with pytest.raises(StaleEditError), expecting_version(meeting_id, old.version):
            edit()
    now = services.meeting_record(database, meeting_id)
    assert now.venue == "Elsewhere"
    assert now.agenda == services.meeting_record(database, meeting_id).agenda
    assert len(now.agenda) == len(old.agenda)


def test_the_core_follows_its_own_saves_and_stops_at_anothers(
    database: Database, meeting_id: int
) -> None:
    core = _core(database, meeting_id)
    core.edit((Kind.MEETING, meeting_id), next_meeting=dt.date(2025, 10, 2))  # moves actions
    assert core.save(lambda *_: None).problem is Problem.NONE
    core.edit((Kind.MEETING, meeting_id), next_meeting=None)
    outcome = core.save(lambda *_: None)
    assert outcome.problem is Problem.NONE
    assert outcome.change is not None
    assert outcome.change.parts == frozenset({Part.DETAILS})
    assert core.version == services.meeting_record(database, meeting_id).version

    services.update_meeting(database, meeting_id, venue="Elsewhere")
    core.edit((Kind.MEETING, meeting_id), theme="Mine")
    assert core.save(lambda *_: None).problem is Problem.CONFLICT
    assert core.pending.edits  # kept, not dropped
    assert services.meeting_record(database, meeting_id).theme != "Mine"
    core.rebase(services.meeting_record(database, meeting_id).version)
    assert core.save(lambda *_: None).problem is Problem.NONE
    assert services.meeting_record(database, meeting_id).theme == "Mine"


def test_an_item_deleted_underneath_is_a_conflict_not_a_silent_drop(
    database: Database, meeting_id: int
) -> None:
    core = _core(database, meeting_id)
    item_id = services.meeting_record(database, meeting_id).agenda[1].id
    services.delete_agenda_item(database, item_id)
    core.edit((Kind.ITEM, item_id), notes="Typed into a deleted item.")
    outcome = core.save(lambda *_: None)
    assert outcome.problem is Problem.CONFLICT
    assert outcome.message == "deleted"
    assert core.pending.texts() == ["Typed into a deleted item."]


def test_the_journal_round_trips_every_kind_of_value(tmp_path: object) -> None:
    from pathlib import Path  # noqa: PLC0415 (tmp_path's type)

    path = Path(str(tmp_path)) / "db.sqlite3.unsaved.json"
    pending = PendingEdits()
    pending.add((Kind.MEETING, 1), date=dt.date(2024, 2, 29), start=dt.time(14, 30), venue="É")
    pending.add((Kind.ITEM, 7), notes="Line\n\n- bullet")
    # An action cell held for a conflict: a due "date" of its own, a status.
    pending.add((Kind.ACTION, 3), due=actions.NEXT_MEETING, status=ActionStatus.DROPPED)
    write_journal(path, JournalEntry(1, 5, "RRB Public Note", pending))
    entry = read_journal(path)
    assert entry is not None
    assert entry.version == 5
    assert entry.pending.edits == pending.edits
