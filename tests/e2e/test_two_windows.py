"""Two copies of the app on one SQLite file, editing one meeting (issue 8): the second to
save is told the meeting changed, keeps its text on screen, and loses nothing silently."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from models import services
from models.database import Database
from models.meeting_doc import MeetingDoc
from tests.conftest import PROJECT_ROOT

DRIVER = PROJECT_ROOT / "tests" / "e2e" / "window_driver.py"

pytestmark = pytest.mark.slow


class App:
    """One app process: a real main window, driven over its stdin."""

    def __init__(self, db_path: Path, meeting_id: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(db_path), str(meeting_id)],
            cwd=PROJECT_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        ready = self.process.stdout.readline()  # the meeting is open: both read one version
        assert ready, self.process.stderr.read() if self.process.stderr else "no window"

    def do(self, what: str, **arguments: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps({"do": what, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, self.process.stderr.read() if self.process.stderr else "no answer"
        answer: dict[str, Any] = json.loads(line)
        return answer

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=30)  # closes the pipes too


@pytest.fixture
def meeting(db_path: Path, sample_meeting: MeetingDoc) -> int:
    database = Database.open(str(db_path))
    try:
        return services.import_meeting(database, sample_meeting)
    finally:
        database.close()


@pytest.fixture
def apps(db_path: Path, meeting: int) -> Any:
    first, second = App(db_path, meeting), App(db_path, meeting)
    yield first, second
    first.stop()
    second.stop()


def _notes(db_path: Path, meeting_id: int, item: int) -> str:
    database = Database.open(str(db_path))
    try:
        return services.meeting_record(database, meeting_id).agenda[item].notes
    finally:
        database.close()


def test_the_second_app_to_save_is_shown_the_conflict_and_keeps_its_text(
    apps: tuple[App, App], db_path: Path, meeting: int
) -> None:
    first, second = apps
    assert first.do("type_notes", item=0, text=" First window's words.")["ok"]
    assert first.do("save")["saved"]
    assert "First window's words." in _notes(db_path, meeting, 0)

    typed = second.do("type_notes", item=0, text=" Second window's words.")
    assert typed["state"] == "pending"
    answer = second.do("save")
    assert not answer["saved"]
    assert answer["state"] == "conflict"
    assert answer["conflict_shown"]
    assert "changed in another window or program" in answer["message"]
    assert "item 1" in answer["message"]
    assert "Second window's words." in answer["notes"]  # still on screen
    assert "Second window's words." not in _notes(db_path, meeting, 0)  # nothing overwritten

    # Reload theirs: the first window's text shows, the second's goes to the clipboard.
    reloaded = second.do("reload_theirs")
    assert "Second window's words." in reloaded["clipboard"]
    assert "First window's words." in reloaded["notes"]
    assert reloaded["state"] == "saved"


def test_keeping_mine_overwrites_knowingly_and_the_other_app_is_told_in_turn(
    apps: tuple[App, App], db_path: Path, meeting: int
) -> None:
    first, second = apps
    first.do("type_venue", text="City Hall")
    assert first.do("save")["saved"]
    second.do("type_notes", item=1, text=" Mine.")
    assert second.do("save")["state"] == "conflict"
    kept = second.do("keep_mine")
    assert kept["state"] == "saved"
    assert _notes(db_path, meeting, 1).endswith("Mine.")

    # The first window goes on typing: it is now behind, and is told so too.
    first.do("type_notes", item=1, text=" Also mine.")
    answer = first.do("save")
    assert answer["state"] == "conflict"
    assert "Also mine." in answer["notes"]
    closing = first.do("answer", buttons=["Keep editing"])
    assert closing["ok"]
    assert not first.do("close")["closed"]  # unsaved text: closing asks, and was refused
    assert any("not saved" in text for text in first.do("state")["shown"])


def _venue(db_path: Path, meeting_id: int) -> str:
    database = Database.open(str(db_path))
    try:
        return services.meeting_record(database, meeting_id).venue
    finally:
        database.close()


def test_a_venue_typed_over_the_other_apps_venue_is_a_conflict_not_a_silent_replace(
    apps: tuple[App, App], db_path: Path, meeting: int
) -> None:
    """As a tester found it: the second app takes in the first's venue as the person comes
    back to it, unseen, and the venue typed next used to replace it without a word."""
    first, second = apps
    first.do("type_venue", text="Venue A")
    assert first.do("save")["saved"]
    back = second.do("come_back")
    assert back["venue"] == "Venue A"  # shown, without being asked
    assert "(the venue, now “Venue A”)" in back["status"]

    second.do("type_venue", text="Venue B")
    answer = second.do("save")
    assert not answer["saved"]
    assert answer["state"] == "conflict"
    assert answer["conflict_shown"]
    assert "the venue, now “Venue A”" in answer["message"]
    assert "it now shows their changes" not in answer["status"]  # no longer true here
    assert _venue(db_path, meeting) == "Venue A"  # nothing replaced

    assert second.do("keep_mine")["state"] == "saved"  # knowingly
    assert _venue(db_path, meeting) == "Venue B"
    told = first.do("come_back")
    assert told["venue"] == "Venue B"
    assert told["status"] == (
        "Someone else changed this meeting (the venue, now “Venue B”): it now shows their changes."
    )
