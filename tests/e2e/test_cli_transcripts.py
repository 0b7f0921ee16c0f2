"""The command line with a hearing transcript: JSON round trip, Word in its own layout, and a
board layout refused clearly (it has no place for the turns)."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from tests.conftest import TRANSCRIPT_EXAMPLE
from tests.e2e.test_cli import imported_id, rrb


def test_a_transcript_round_trips_and_exports_in_its_own_layout(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    meeting_id = imported_id(rrb("--db", db, "import", TRANSCRIPT_EXAMPLE))
    back = tmp_path / "back.json"
    assert rrb("--db", db, "export", meeting_id, "--out", back).returncode == 0
    assert json.loads(back.read_text(encoding="utf-8")) == json.loads(
        TRANSCRIPT_EXAMPLE.read_text(encoding="utf-8")
    )
    note = tmp_path / "note.docx"
    result = rrb("--db", db, "export", meeting_id, "--out", note)
    assert result.returncode == 0, result.stderr
    texts = [p.text for p in docx.Document(str(note)).paragraphs]
    assert "Date: Monday 27 February 2017" in texts
    assert "Members:" in texts

    board = tmp_path / "board.docx"
    result = rrb("--db", db, "export", meeting_id, "--style", "public-note", "--out", board)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert (
        "The Public Note (2025) layout has no place for the meeting's 16 members and 105 turns:"
        " export it in the Hearing Transcript (2017) layout." in result.stderr
    )
    assert not board.exists()
