"""The command line with a hearing transcript: JSON round trip, and Word refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import TRANSCRIPT_EXAMPLE
from tests.e2e.test_cli import imported_id, rrb


def test_a_transcript_round_trips_and_word_export_says_not_yet(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    meeting_id = imported_id(rrb("--db", db, "import", TRANSCRIPT_EXAMPLE))
    back = tmp_path / "back.json"
    assert rrb("--db", db, "export", meeting_id, "--out", back).returncode == 0
    assert json.loads(back.read_text(encoding="utf-8")) == json.loads(
        TRANSCRIPT_EXAMPLE.read_text(encoding="utf-8")
    )
    note = tmp_path / "note.docx"
    result = rrb("--db", db, "export", meeting_id, "--out", note)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot be exported to Word yet" in result.stderr
    assert not note.exists()
