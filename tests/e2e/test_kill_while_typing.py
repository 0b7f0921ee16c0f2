"""A real app process killed (SIGKILL) straight after a key (issue: the last half second of
typing died with it): the next start offers the text back and puts it where it was typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models import services
from models.database import Database
from models.meeting_doc import MeetingDoc
from tests.e2e.test_two_windows import App, _notes

pytestmark = pytest.mark.slow

TYPED = " The last words typed, a moment before the kill."


def test_text_typed_just_before_a_kill_is_put_back_at_the_next_start(
    db_path: Path, sample_meeting: MeetingDoc, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = Database.open(str(db_path))
    try:
        meeting_id = services.import_meeting(database, sample_meeting)
    finally:
        database.close()
    journal = Path(str(db_path) + ".unsaved.json")
    first = App(db_path, meeting_id)
    try:
        first.do("type_notes", item=1, text=TYPED)
        assert first.do("wait_journal", text=TYPED.strip())["journaled"]
    finally:
        first.process.kill()  # SIGKILL: no close event, no save, no clean-up
        first.stop()
    assert TYPED.strip() in json.loads(journal.read_text("utf-8"))["pending"][0]["changes"]["notes"]

    monkeypatch.setenv("DRIVER_ANSWERS", json.dumps(["Put them back"]))
    second = App(db_path, meeting_id)
    try:
        answer = second.do("state")
    finally:
        second.stop()
    assert any(TYPED.strip() in shown for shown in answer["shown"])
    assert answer["state"] == "saved"
    assert _notes(db_path, meeting_id, 1).endswith(TYPED.strip())
    assert _notes(db_path, meeting_id, 1).count(TYPED.strip()) == 1
    assert not journal.exists()
