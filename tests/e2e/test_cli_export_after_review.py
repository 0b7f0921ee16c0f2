"""The tester's steps end to end: export meeting A, review A's actions at meeting B (one done,
one rolled over), ``rrb-desktop export A --actions per-item`` again: the same bytes. The
export command reads the archive file directly (models.direct_read), so this holds that
path to the rule as the unit tests hold the ORM's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from models import actions, services
from models.database import Database
from models.enums import ActionStatus
from models.interchange import read_meeting_file
from tests.conftest import SAMPLE_MEETING
from tests.e2e.test_cli import rrb

MARCH = dt.date(2025, 3, 20)
JUNE = dt.date(2025, 6, 19)


def test_reexporting_a_meeting_after_a_later_review_gives_the_same_file(tmp_path: Path) -> None:
    db = tmp_path / "rrb.sqlite3"
    sample = read_meeting_file(SAMPLE_MEETING)
    database = Database.open(str(db))
    try:
        a = services.import_meeting(database, sample._replace(date=MARCH))
        b = services.create_meeting(database, date=JUNE)
        services.add_agenda_item(database, b, "Welcome & Apologies")
        open_ones = [
            row
            for row in actions.list_actions_of_meeting(database, a)
            if row.status is ActionStatus.OPEN
        ]
    finally:
        database.close()
    before, after = tmp_path / "before.docx", tmp_path / "after.docx"
    result = rrb("--db", db, "export", str(a), "--out", before, "--actions", "per-item")
    assert result.returncode == 0, result.stderr

    database = Database.open(str(db))
    try:
        actions.resolve_previous_action(database, open_ones[0].id, ActionStatus.DONE, b)
        actions.resolve_previous_action(database, open_ones[1].id, ActionStatus.ROLLED_OVER, b)
    finally:
        database.close()
    result = rrb("--db", db, "export", str(a), "--out", after, "--actions", "per-item")
    assert result.returncode == 0, result.stderr
    assert after.read_bytes() == before.read_bytes()
