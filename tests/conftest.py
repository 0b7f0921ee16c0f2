"""Shared fixtures: every test gets its own SQLite file under tmp_path, and Qt runs offscreen."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The window and the CLI log to a file: the tests' logs go to a folder of their own.
os.environ.setdefault("RRB_LOG_DIR", tempfile.mkdtemp(prefix="rrb-test-logs-"))

# Speed is measured by benchmarks/, not by tests: on a loaded 2-core CI machine a deadline
# only makes property tests flaky.
settings.register_profile("rrb", deadline=None)
settings.load_profile("rrb")

from models.database import Database  # noqa: E402 (after the Qt platform is chosen)
from models.interchange import read_meeting_file  # noqa: E402
from models.meeting_doc import MeetingDoc  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESOURCES = PROJECT_ROOT / "resources"
SAMPLE_MEETING = RESOURCES / "sample_meeting.json"
EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "examples"
TRANSCRIPT_EXAMPLE = EXAMPLES / "2017-02-27-justice-matters-transcript.json"
# The four published board notes (the 2017 hearing transcript is a record of another kind).
BOARD_NOTE_EXAMPLES = sorted(set(EXAMPLES.glob("*.json")) - {TRANSCRIPT_EXAMPLE})


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "rrb.sqlite3"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    db = Database.open(str(db_path))
    yield db
    db.close()


@pytest.fixture
def sample_meeting() -> MeetingDoc:
    return read_meeting_file(SAMPLE_MEETING)
