"""``RRB_CLOSE_AFTER_START=1``: the window opens, closes itself as Ctrl+Q does, exit status 0.

IT uses it to check a deployed install and ``make dist-test`` to check the bundle; this
checks the same path from the source tree, in a real process.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from models.database import HEAD_REVISION, database_url
from models.meeting_doc import MeetingDoc
from tests.conftest import PROJECT_ROOT, SAMPLE_MEETING, archive_at_revision

GUARD_S = 120  # only so that a window that never closes fails the test instead of hanging


def _rrb(db: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m rrb_desktop --db DB ARGS`` with its own settings and data folders."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "RRB_CLOSE_AFTER_START": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "rrb_desktop", "--db", str(db), *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=GUARD_S,
        check=False,
    )


def test_window_opens_on_the_database_and_closes_itself(tmp_path: Path) -> None:
    db = tmp_path / "meetings.sqlite3"
    imported = _rrb(db, tmp_path, "import", str(SAMPLE_MEETING))
    assert imported.returncode == 0, imported.stderr

    window = _rrb(db, tmp_path)

    assert window.returncode == 0, window.stderr
    assert "Traceback" not in window.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM meeting").fetchone() == (1,)
    # closed the way Ctrl+Q closes it: the window saved its geometry on the way out
    settings = tmp_path / "config" / "rrb-desktop" / "rrb-desktop.conf"
    assert "geometry" in settings.read_text(encoding="utf-8")


def test_an_archive_at_an_older_schema_is_upgraded_then_shown(
    tmp_path: Path, sample_meeting: MeetingDoc
) -> None:
    """Not a file the first screen reads (rrb_desktop.app.start_first_screen): the usual way
    upgrades it before the window shows, and the window works on it."""
    db = tmp_path / "meetings.sqlite3"
    archive_at_revision(database_url(str(db)), "0009", [sample_meeting])

    window = _rrb(db, tmp_path)

    assert window.returncode == 0, window.stderr
    assert "Traceback" not in window.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        assert connection.execute("SELECT count(*) FROM meeting").fetchone() == (1,)
