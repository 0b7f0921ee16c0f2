"""Notes made by another program read as well as ours: the published examples converted to
.docx by pandoc (its own heading and list styles, bold as a character style), read back.

The Markdown kept each printed line on a line of its own (the 2019 table rows, the 2025
attendee list, the transcript's members), so pandoc is asked to keep line breaks
(``hard_line_breaks``) as the printed page had them.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest

from models.enums import LayoutStyle
from models.interchange import read_meeting_file
from models.meeting_doc import AgendaItemDoc
from models.notes import parse_notes, plain_text
from models.word_import import Directory, NoteLayout, read_note
from tests.conftest import EXAMPLES

PUBLISHED = EXAMPLES / "published"
PANDOC = shutil.which("pandoc")
pytestmark = pytest.mark.skipif(
    PANDOC is None,
    reason="pandoc is not installed (apt-get install pandoc; `make test` installs it as root)",
)


def converted(tmp_path: Path, stem: str) -> Path:
    assert PANDOC is not None
    out = tmp_path / f"{stem}.docx"  # the file name carries the date, as an archive's would
    subprocess.run(
        [PANDOC, "-f", "markdown+hard_line_breaks", str(PUBLISHED / f"{stem}.md"), "-o", str(out)],
        check=True,
    )
    return out


def _words(notes: str) -> list[str]:
    return plain_text(parse_notes(notes)).replace("\u2019", "'").split()


def _item_words(item: AgendaItemDoc) -> list[str]:
    """An item's words as printed: its notes, or a transcript's turns, labels included."""
    turns = [f"{turn.speaker or ''} {turn.text}" for turn in item.turns]
    return [word for text in (item.notes, *turns) for word in _words(text)]


@pytest.mark.parametrize("fixture", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_a_board_note_converted_by_pandoc_reads_back(tmp_path: Path, fixture: Path) -> None:
    expected = read_meeting_file(fixture)
    directory = Directory(expected.organisations, (expected.board,))

    note = read_note(converted(tmp_path, fixture.stem), directory)

    meeting = note.meeting
    assert note.layout == NoteLayout(expected.style.value)
    assert meeting.date == expected.date
    assert [item.title for item in meeting.agenda] == [item.title for item in expected.agenda]
    assert [a.organisation for a in meeting.attendees] == [
        a.organisation for a in expected.attendees
    ]
    want = [word for item in expected.agenda for word in _item_words(item)]
    got = [word for item in meeting.agenda for word in _item_words(item)]
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    assert matched / len(want) >= 0.95


def test_the_hearing_transcript_converted_by_pandoc_reads_back(tmp_path: Path) -> None:
    note = read_note(converted(tmp_path, "2017-02-27-justice-matters-transcript"))

    assert note.layout is NoteLayout.HEARING_TRANSCRIPT
    assert note.meeting.date.isoformat() == "2017-02-27"
    assert note.meeting.venue == "Committee Room 5, City Hall"
    meeting = note.meeting
    assert meeting.style is LayoutStyle.HEARING_TRANSCRIPT
    assert meeting.theme == "JUSTICE MATTERS - Offender Management in London"
    assert len(meeting.members) == 15  # Debra Levison is printed in the title block
    assert [m.name for m in meeting.members if m.chair] == ["Sophie Linden", "Michael Lockwood"]
    turns = [turn for item in meeting.agenda for turn in item.turns]
    first = turns[0]
    assert first.speaker == "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair)"
    assert first.text.startswith("Shall we start?")
    editorial = [turn for turn in turns if turn.speaker is None]
    assert [turn.text[:17] for turn in editorial] == ["[At this point in"]
    published = (PUBLISHED / "2017-02-27-justice-matters-transcript.md").read_text()
    spoken = published.split("Gill Arukpe, Chief Executive, Penrose", 1)[1]
    words = " ".join(f"{turn.speaker or ''}: {turn.text}" for turn in turns).split()
    assert len(words) >= 0.95 * len(spoken.replace("**", "").split())
