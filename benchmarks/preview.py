"""How long the preview takes to follow the typing: ``.venv/bin/python -m benchmarks.preview``.

The preview pane re-renders the whole note after every saved edit: it builds the Word
document and turns it into HTML. An edit changes one stretch of one item's notes, and the
notes are parsed a stretch at a time with each stretch cached by its text, so the figures
that matter are two, measured in turn in one run (medians):

- **after a one-character edit**: the note rendered once, then one character typed in the
  middle of its longest notes and the note rendered again (each run types one more
  character, so the edited stretch is always new to the cache): what the secretary waits
  for while typing;
- **cold**: the same note with the parse cache emptied first: the first render of a
  meeting never shown (or pushed out of the bounded cache) since the app started.

For the sample meeting and a 150 KB note (the sample with one item whose notes are 150 KB:
:func:`benchmarks.export.large_note_meeting`, so the edited item is the 150 KB one), wall
and CPU time. ``--pane`` adds the pane itself after an edit (a real ``PreviewPane``,
offscreen: the meeting read from a temporary archive, the note built and converted, and
Qt laying out the HTML). Not part of the test suite: speed depends on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script too
    sys.path.insert(0, str(ROOT))

from benchmarks.export import SAMPLE, import_meetings, large_note_meeting  # noqa: E402
from models.interchange import read_meeting_file  # noqa: E402
from models.meeting_doc import MeetingDoc  # noqa: E402
from models.notes.parser import clear_notes_cache  # noqa: E402


def render(meeting: MeetingDoc) -> str:
    """What the preview pane does with a meeting: build the note, turn it into HTML."""
    from exporters.docx_export import build_document  # noqa: PLC0415 (python-docx on use)
    from exporters.preview import document_to_html  # noqa: PLC0415

    return document_to_html(build_document(meeting))


def edited_item(meeting: MeetingDoc) -> int:
    """The item the secretary types into: the one with the longest notes."""
    return max(range(len(meeting.agenda)), key=lambda index: len(meeting.agenda[index].notes))


def typed(meeting: MeetingDoc, characters: int) -> MeetingDoc:
    """``meeting`` with ``characters`` letters typed at the end of a word in the middle of
    the notes of :func:`edited_item` (inside a paragraph: no new Markdown structure)."""
    index = edited_item(meeting)
    notes = meeting.agenda[index].notes
    at = notes.find(" ", len(notes) // 2)
    at = at if at > 0 else len(notes)
    item = meeting.agenda[index]._replace(notes=notes[:at] + "x" * characters + notes[at:])
    return meeting._replace(agenda=(*meeting.agenda[:index], item, *meeting.agenda[index + 1 :]))


@dataclass(frozen=True)
class RenderFigures:
    """Medians, in seconds."""

    cold: float
    after_edit: float


def preview_medians(
    meeting: MeetingDoc, runs: int, clock: Callable[[], float] = time.perf_counter
) -> RenderFigures:
    """Cold and after-an-edit renders of ``meeting`` in turn, ``runs`` of each (one warm-up
    round first: imports, python-docx's template, markdown-it's parser)."""
    cold: list[float] = []
    after_edit: list[float] = []
    from exporters.preview_cache import clear_preview_cache  # noqa: PLC0415 (lxml on use)

    for round_number in range(runs + 1):
        clear_notes_cache()
        clear_preview_cache()
        started = clock()
        render(meeting)  # cold, and the state just before the edit
        middle = clock()
        render(typed(meeting, round_number + 1))
        ended = clock()
        if round_number:
            cold.append(middle - started)
            after_edit.append(ended - middle)
    return RenderFigures(statistics.median(cold), statistics.median(after_edit))


def pane_after_edit_ms(meeting: MeetingDoc, runs: int) -> float:
    """The preview pane's own refresh after a one-character edit saved to the archive: the
    meeting read back, the note built and converted, Qt laying the HTML out (wall time)."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 (only for this figure)

    from exporters.options import ExportOptions  # noqa: PLC0415
    from models import services  # noqa: PLC0415
    from models.database import Database  # noqa: PLC0415
    from ui.export.preview_pane import PreviewPane  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as name:
        path, (meeting_id,) = import_meetings(Path(name), [meeting])
        database = Database.open(str(path))
        doc = services.meeting_doc(database, meeting_id)
        index = edited_item(doc)
        item_id = _item_ids(database, meeting_id)[index]
        pane = PreviewPane(database, ExportOptions)
        pane.resize(600, 800)
        pane.show()
        pane.set_meeting(meeting_id)
        pane.refresh()  # warm-up: the note shown once before the typing starts
        timings = []
        for characters in range(1, runs + 1):
            notes = typed(doc, characters).agenda[index].notes
            services.update_agenda_item(database, item_id, notes=notes)
            pane.refresh()
            app.processEvents()
            timings.append(pane.last_render_ms)
        pane.close()
        database.close()
    return statistics.median(timings)


def _item_ids(database: object, meeting_id: int) -> list[int]:
    from sqlalchemy import select  # noqa: PLC0415

    from models.database import Database  # noqa: PLC0415
    from models.entities import AgendaItem  # noqa: PLC0415

    assert isinstance(database, Database)
    with database.begin() as session:
        query = (
            select(AgendaItem.id)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position)
        )
        return list(session.scalars(query))


def cases() -> dict[str, MeetingDoc]:
    return {"sample": read_meeting_file(SAMPLE), "150 KB note": large_note_meeting()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per case (default 9)")
    parser.add_argument("--pane", action="store_true", help="time the Qt pane too (offscreen)")
    args = parser.parse_args(argv)
    print("| preview (build the note + HTML) | after a one-character edit | cold |")
    print("|---|---|---|")
    for case, meeting in cases().items():
        wall = preview_medians(meeting, args.runs)
        cpu = preview_medians(meeting, args.runs, time.process_time)
        print(
            f"| {case} | {wall.after_edit * 1000:.0f} ms ({cpu.after_edit * 1000:.0f} ms CPU)"
            f" | {wall.cold * 1000:.0f} ms ({cpu.cold * 1000:.0f} ms CPU) |"
        )
    if args.pane:
        for case, meeting in cases().items():
            pane = pane_after_edit_ms(meeting, args.runs)
            print(f"pane refresh after an edit, {case}: {pane:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
