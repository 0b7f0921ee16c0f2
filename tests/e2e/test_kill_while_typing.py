"""A real app process killed (SIGKILL) straight after a key (issue: the last half second of
typing died with it): the next start offers the text back and puts it where it was typed.
Two copies on one archive each keep a journal of their own: one's save or start never takes
the other's, and a kill of one loses nothing of either."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from models import actions, services, transcript_edits
from models.database import Database
from models.interchange import read_meeting_file
from models.meeting_doc import MeetingDoc
from tests.conftest import TRANSCRIPT_EXAMPLE
from tests.e2e.test_two_windows import App, _notes

pytestmark = pytest.mark.slow

TYPED = " The last words typed, a moment before the kill."


def _imported(db_path: Path, *meetings: MeetingDoc) -> list[int]:
    """The meetings' IDs once in the archive (the app processes then open it themselves)."""
    database = Database.open(str(db_path))
    try:
        return [services.import_meeting(database, meeting) for meeting in meetings]
    finally:
        database.close()


def test_text_typed_just_before_a_kill_is_put_back_at_the_next_start(
    db_path: Path, sample_meeting: MeetingDoc, monkeypatch: pytest.MonkeyPatch
) -> None:
    (meeting_id,) = _imported(db_path, sample_meeting)
    first = App(db_path, meeting_id)
    try:
        first.do("type_notes", item=1, text=TYPED)
        answer = first.do("wait_journal", text=TYPED.strip())
        assert answer["journaled"]
        journal = Path(answer["journal"])
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


FIRST = " Typed in the first copy."
SECOND = " Typed in the second copy, just before its kill."
AGAIN = " Typed in the first copy again, still running."


def test_two_copies_keep_their_own_journals_and_a_start_offers_only_the_killed_ones(
    db_path: Path, sample_meeting: MeetingDoc, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = sample_meeting._replace(date=dt.date(2024, 2, 29), next_meeting=None)
    first_id, second_id = _imported(db_path, sample_meeting, earlier)
    first, second = App(db_path, first_id), App(db_path, second_id)
    try:
        first.do("type_notes", item=1, text=FIRST)
        first_journal = Path(first.do("wait_journal", text=FIRST.strip())["journal"])
        second.do("type_notes", item=1, text=SECOND)
        second_journal = Path(second.do("wait_journal", text=SECOND.strip())["journal"])
        assert first_journal != second_journal
        assert SECOND.strip() in second_journal.read_text("utf-8")

        assert first.do("save")["saved"]  # the first copy's save takes its own journal only
        assert not first_journal.exists()
        assert SECOND.strip() in second_journal.read_text("utf-8")
        second.process.kill()  # SIGKILL: no close event, no save, no clean-up
        second.stop()
        first.do("type_notes", item=1, text=AGAIN)
        assert first.do("wait_journal", text=AGAIN.strip())["journaled"]

        monkeypatch.setenv("DRIVER_ANSWERS", json.dumps(["Put them back"]))
        third = App(db_path, first_id)  # a copy started while the first still runs
        try:
            answer = third.do("state")
        finally:
            third.stop()
        assert len(answer["shown"]) == 1  # the killed copy's journal, not the live one's
        assert SECOND.strip() in answer["shown"][0]
        assert AGAIN.strip() not in answer["shown"][0]
        assert _notes(db_path, second_id, 1).endswith(SECOND.strip())
        assert not second_journal.exists()
        assert AGAIN.strip() in first_journal.read_text("utf-8")  # untouched

        assert first.do("save")["saved"]
        assert _notes(db_path, first_id, 1).endswith(AGAIN.strip())
        assert not first_journal.exists()
    finally:
        first.stop()
        second.stop()


def test_values_a_rule_refuses_are_put_back_refused_after_a_kill(
    db_path: Path, sample_meeting: MeetingDoc, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An owner no organisation has and a date that does not exist stay on screen, red, not
    saved; a kill then took them (they were in no journal): now the next start puts them
    back where they were typed, still refused, with why, and saves neither."""
    (meeting_id,) = _imported(db_path, sample_meeting)
    database = Database.open(str(db_path))
    try:
        saved_date = services.meeting_record(database, meeting_id).date
        first_action = actions.list_actions_of_meeting(database, meeting_id)[0]
    finally:
        database.close()
    first = App(db_path, meeting_id)
    try:
        answer = first.do("type_owners", text="MPS/zzq")
        assert answer["owners"] == "MPS/zzq"
        assert "zzq" in answer["actions_message"]
        first.do("type_date", text="29022023")
        answer = first.do("wait_journal", text="29022023")
        assert answer["journaled"]
        journal = Path(answer["journal"])
        assert "MPS/zzq" in journal.read_text("utf-8")
    finally:
        first.process.kill()  # SIGKILL: no close event, no save, no clean-up
        first.stop()

    monkeypatch.setenv("DRIVER_ANSWERS", json.dumps(["Put them back"]))
    second = App(db_path, meeting_id)
    try:
        answer = second.do("state")
        journaled = second.do("wait_journal", text="MPS/zzq")
    finally:
        second.stop()
    assert any("MPS/zzq" in shown and "29022023" in shown for shown in answer["shown"])
    assert answer["state"] == "refused"
    assert answer["owners"] == "MPS/zzq"
    assert "zzq" in answer["actions_message"]
    assert answer["date"] == "29022023"
    assert "not a leap year" in answer["date_message"]
    assert not journal.exists()
    assert journaled["journaled"]  # the second copy's own journal keeps them now
    database = Database.open(str(db_path))
    try:
        assert services.meeting_record(database, meeting_id).date == saved_date
        assert actions.list_actions_of_meeting(database, meeting_id)[0] == first_action
    finally:
        database.close()


ACTION = "second action long pause then crash"


def _kill(app: App) -> None:
    app.process.kill()  # SIGKILL: no close event, no save, no clean-up
    app.stop()


def _started_putting_back(
    db_path: Path, meeting_id: int, monkeypatch: pytest.MonkeyPatch, *then: dict[str, Any]
) -> list[dict[str, Any]]:
    """The next start, its offer answered Put them back: its state, then the answers to the
    commands ``then``."""
    monkeypatch.setenv("DRIVER_ANSWERS", json.dumps(["Put them back"]))
    app = App(db_path, meeting_id)
    try:
        return [app.do(**command) for command in ({"what": "state"}, *then)]
    finally:
        app.stop()


def test_an_action_typed_in_its_cell_and_never_left_is_put_back_after_a_kill(
    db_path: Path, sample_meeting: MeetingDoc, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tester's kill while an action's description was still in its cell: no journal was
    written, the title said "saved", and the next start had the action with no description."""
    (meeting_id,) = _imported(db_path, sample_meeting)
    first = App(db_path, meeting_id)
    try:
        answer = first.do("type_new_action", text=ACTION)
        assert answer["state"] == "pending"
        assert not answer["title"].endswith("— saved")
        answer = first.do("wait_journal", text=ACTION)
        assert answer["journaled"]
        assert not answer["title"].endswith("— saved")
    finally:
        _kill(first)
    (answer,) = _started_putting_back(db_path, meeting_id, monkeypatch)
    assert any(ACTION in shown for shown in answer["shown"])
    assert answer["state"] == "saved"
    assert answer["tab"] == "Actions"
    database = Database.open(str(db_path))
    try:
        rows = actions.list_actions_of_meeting(database, meeting_id)
        descriptions = [row.description for row in rows]
    finally:
        database.close()
    assert descriptions.count(ACTION) == 1


WORDS = " and the words typed just before the kill"


def test_a_turn_s_words_are_put_back_with_the_cursor_in_the_turn_after_a_kill(
    db_path: Path, sample_meeting: MeetingDoc, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tester's hearing: Put them back showed the Details tab with the cursor in the
    date, and ` and more` typed on went into it. Another meeting is the newest (reopened)."""
    hearing = read_meeting_file(TRANSCRIPT_EXAMPLE)
    hearing_id, _newest = _imported(db_path, hearing, sample_meeting)
    first = App(db_path, hearing_id)
    try:
        first.do("type_words", turn=1, text=WORDS)
        assert first.do("wait_journal", text=WORDS.strip())["journaled"]
    finally:
        _kill(first)
    answer, typed_on, saved = _started_putting_back(
        db_path,
        hearing_id,
        monkeypatch,
        {"what": "type_words_here", "text": " and more"},
        {"what": "save"},
    )
    assert saved["saved"]
    assert any(WORDS.strip() in shown for shown in answer["shown"])
    assert answer["state"] == "saved"
    assert answer["tab"] == "Transcript"
    assert answer["focus"] == "TurnTextEdit"
    assert typed_on["date"] == answer["date"]  # the date untouched by the typing
    database = Database.open(str(db_path))
    try:
        item_id = services.meeting_record(database, hearing_id).agenda[0].id
        words = transcript_edits.list_turns(database, item_id)[1].text
    finally:
        database.close()
    assert words.endswith(WORDS + " and more")  # in the turn typed in, not the last one
