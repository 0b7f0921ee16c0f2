"""The journal of unsaved edits, one per running copy of the app: two copies on one database
never overwrite, remove or offer each other's; a journal is orphaned when the lock its writer
held can be taken (whatever process has its ID now); the single journal of earlier versions
is still found."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from models.database import Database
from models.edits import Kind, PendingEdits
from models.enums import ActionStatus, NextMeeting
from models.journal import (
    Journal,
    JournalEntry,
    Orphan,
    journal_for,
    orphaned_journals,
    read_journal,
    still_unsaved,
    write_journal,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _entry(notes: str, meeting_id: int = 1) -> JournalEntry:
    pending = PendingEdits()
    pending.add((Kind.ITEM, 7), notes=notes)
    return JournalEntry(meeting_id, 3, "RRB 19 June 2025", pending)


def _texts(orphans: list[Orphan]) -> list[str]:
    return [text for orphan in orphans if orphan.entry for text in orphan.entry.texts()]


@pytest.fixture
def stem(tmp_path: Path) -> str:
    return str(tmp_path / "archive.sqlite3.unsaved")


@pytest.fixture
def journals(stem: str) -> Iterator[list[Journal]]:
    """Journals made by a test; whatever they still hold is let go at the end."""
    made: list[Journal] = []
    yield made
    for journal in made:
        journal.release()


def _journal(journals: list[Journal], stem: str, typed: str) -> Journal:
    """A session's journal, holding ``typed``."""
    journal = Journal(stem)
    journals.append(journal)
    journal.write(_entry(typed))
    return journal


def test_the_journal_round_trips_every_kind_of_value(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3.unsaved.1-00000000.json"
    pending = PendingEdits()
    pending.add((Kind.MEETING, 1), date=dt.date(2024, 2, 29), start=dt.time(14, 30), venue="É")
    pending.add((Kind.ITEM, 7), notes="Line\n\n- bullet")
    # An action cell held for a conflict: a due "date" of its own, a status.
    pending.add((Kind.ACTION, 3), due=NextMeeting.NEXT_MEETING, status=ActionStatus.DROPPED)
    write_journal(path, JournalEntry(1, 5, "RRB Public Note", pending))
    entry = read_journal(path)
    assert entry is not None
    assert entry.version == 5
    assert entry.pending.edits == pending.edits


def test_text_held_on_screen_round_trips_beside_the_edits_and_is_offered(tmp_path: Path) -> None:
    """A date that is not one and an action's refused owner are no edits, but the journal
    keeps them (a kill must not take them), and they are among the texts offered back."""
    path = tmp_path / "db.sqlite3.unsaved.1-00000000.json"
    pending = PendingEdits()
    pending.add((Kind.MEETING, 1), theme="Housing")
    pending.hold_text((Kind.MEETING, 1), "date", "29022023")
    pending.hold_text((Kind.ACTION, 3), "owners", "MPS/zzq")
    assert not pending.edits.get((Kind.ACTION, 3))  # held, not an edit to save
    write_journal(path, JournalEntry(1, 5, "RRB Public Note", pending))
    entry = read_journal(path)
    assert entry is not None
    assert entry.pending.edits == {(Kind.MEETING, 1): {"theme": "Housing"}}
    assert entry.pending.held == {
        (Kind.MEETING, 1): {"date": "29022023"},
        (Kind.ACTION, 3): {"owners": "MPS/zzq"},
    }
    assert sorted(entry.texts()) == ["29022023", "Housing", "MPS/zzq"]
    pending.hold_text((Kind.ACTION, 3), "owners", None)  # fixed: no longer held
    assert (Kind.ACTION, 3) not in pending.held


def test_held_text_is_never_taken_for_saved_and_a_journal_of_before_still_reads(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3.unsaved.json"
    path.write_text(  # as an earlier version wrote it: no "held"
        '{"meeting_id": 1, "version": 2, "label": "RRB", "pending":'
        ' [{"kind": "item", "id": 7, "changes": {"notes": "Typed."}}]}',
        encoding="utf-8",
    )
    entry = read_journal(path)
    assert entry is not None
    assert entry.pending.edits == {(Kind.ITEM, 7): {"notes": "Typed."}}
    assert entry.pending.held == {}
    held = PendingEdits()
    held.hold_text((Kind.MEETING, 1), "date", "29022023")
    record = SimpleNamespace(id=1, agenda=(), date=dt.date(2023, 2, 28))
    kept = still_unsaved(JournalEntry(1, 2, "RRB", held), record)
    assert kept.pending.held == {(Kind.MEETING, 1): {"date": "29022023"}}


def test_two_writers_keep_two_journals_and_a_save_removes_only_its_own(
    stem: str, journals: list[Journal]
) -> None:
    first = _journal(journals, stem, "Typed in the first copy.")
    second = _journal(journals, stem, "Typed in the second copy.")
    assert first.path != second.path
    assert str(os.getpid()) in first.path.name

    first.clear()  # the first copy saved
    assert not first.path.exists()
    second_entry = read_journal(second.path)
    assert second_entry is not None
    assert second_entry.texts() == ["Typed in the second copy."]


def test_a_live_writers_journal_is_never_orphaned_and_a_released_one_is(
    stem: str, journals: list[Journal]
) -> None:
    _journal(journals, stem, "Still being typed.")
    gone = _journal(journals, stem, "Typed before the end.")
    gone_path = gone.path
    assert orphaned_journals(stem) == []  # both locks are held

    gone.release()  # what the end of its process does: the lock goes, the journal stays
    orphans = orphaned_journals(stem)
    try:
        assert [orphan.path for orphan in orphans] == [gone_path]
        assert _texts(orphans) == ["Typed before the end."]
        assert orphaned_journals(stem) == []  # offered by one start at a time
    finally:
        for orphan in orphans:
            orphan.release()
    assert [orphan.path for orphan in orphaned_journals(stem)] == [gone_path]  # let go: again


def test_an_orphan_put_back_or_declined_is_removed_with_its_lock(stem: str) -> None:
    path = Path(f"{stem}.{os.getpid()}-0a1b2c3d.json")
    write_journal(path, _entry("Left by a killed copy."))
    (orphan,) = orphaned_journals(stem)
    orphan.remove()
    assert not path.exists()
    assert not path.with_suffix(".lock").exists()
    assert orphaned_journals(stem) == []


def test_a_journal_named_after_a_live_process_is_orphaned_when_nobody_holds_its_lock(
    stem: str,
) -> None:
    """After a reboot, the ID in a journal's name may belong to another program: the lock
    decides, not the ID (here the ID is this very process's, alive)."""
    path = Path(f"{stem}.{os.getpid()}-deadbeef.json")
    write_journal(path, _entry("Typed before the power cut."))
    path.with_suffix(".lock").touch()  # left behind, held by nobody
    orphans = orphaned_journals(stem)
    assert _texts(orphans) == ["Typed before the power cut."]
    for orphan in orphans:
        orphan.release()


def test_a_journal_locked_by_another_live_process_is_not_orphaned(stem: str) -> None:
    path = Path(f"{stem}.99999-cafe0123.json")
    write_journal(path, _entry("Typed in another copy, still running."))
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(path.with_suffix(".lock"))],
        cwd=PROJECT_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        assert orphaned_journals(stem) == []
    finally:
        holder.kill()
        holder.communicate(timeout=30)
    orphans = orphaned_journals(stem)  # the holder is gone: its lock went with it
    assert _texts(orphans) == ["Typed in another copy, still running."]
    for orphan in orphans:
        orphan.release()


_HOLD_LOCK = """
import sys
from pathlib import Path
from models.journal import _Lock
lock = _Lock.take(Path(sys.argv[1]))
print("locked", flush=True)
sys.stdin.read()
"""


def test_the_single_journal_of_earlier_versions_is_still_offered(
    stem: str, journals: list[Journal]
) -> None:
    old = Path(f"{stem}.json")  # <database>.unsaved.json, shared by every copy before
    write_journal(old, _entry("Typed before the upgrade."))
    live = _journal(journals, stem, "Typed now.")
    (orphan,) = orphaned_journals(stem)
    assert orphan.path == old
    assert _texts([orphan]) == ["Typed before the upgrade."]
    orphan.remove()
    assert not old.exists()
    assert live.path.exists()


def test_an_unreadable_orphan_is_found_without_an_entry(stem: str) -> None:
    path = Path(f"{stem}.123-00ff00ff.json")
    path.write_text("{ half a journal", encoding="utf-8")
    (orphan,) = orphaned_journals(stem)
    assert orphan.entry is None
    orphan.release()


def test_other_files_beside_the_database_are_left_alone(stem: str) -> None:
    for name in (".json.tmp", ".notes.json", ".123-abc.json.tmp", ".12x-ab.json"):
        Path(stem + name).write_text("{}", encoding="utf-8")
    assert orphaned_journals(stem) == []


def test_a_lock_file_left_without_a_journal_is_swept(stem: str) -> None:
    lock = Path(f"{stem}.123-0badf00d.lock")
    lock.touch()  # a copy killed just after it saved
    assert orphaned_journals(stem) == []
    assert not lock.exists()


def test_a_database_file_has_its_journals_beside_it(
    sqlite_database: Database, db_path: Path
) -> None:
    journal = journal_for(sqlite_database)
    assert journal is not None
    assert journal.path.parent == db_path.parent
    assert journal.path.name.startswith(f"{db_path.name}.unsaved.{os.getpid()}-")


def test_a_journal_whose_lock_cannot_be_made_stays_where_it_is(stem: str) -> None:
    path = Path(f"{stem}.123-0ddba11.json")
    write_journal(path, _entry("Typed before the folder went strange."))
    path.with_suffix(".lock").mkdir()  # no file can be opened there
    assert orphaned_journals(stem) == []
    assert path.exists()
