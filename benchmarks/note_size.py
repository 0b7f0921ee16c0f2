"""Is exporting linear in the size of a note? ``.venv/bin/python -m benchmarks.note_size``.

Exports one agenda item whose notes are N and 4N characters of three shapes (plain words,
nested bullets, many short numbered lists and stray Markdown), median of ``--runs`` each,
and prints the ratio of the two times: about 4 is linear, 16 would be quadratic. The largest
note the app accepts is ``models.input_limits.MAX_NOTE_CHARS``. Not part of the test suite:
speed depends on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from exporters.docx_export import export_docx
from models.input_limits import MAX_NOTE_CHARS
from models.interchange import read_meeting_file
from models.meeting_doc import MeetingDoc

ROOT = Path(__file__).resolve().parents[1]
SHAPES = {
    "words": "word " * 20 + "\n\n",
    "nested bullets": "- item **bold** text\n  - nested *it* words\n    - deeper\n",
    "short numbered lists": "> quote `code` [link](x) # not heading\n1. one\n2. two\n\n",
}


def meeting_with_note(notes: str) -> MeetingDoc:
    doc = read_meeting_file(ROOT / "resources" / "sample_meeting.json")
    item = doc.agenda[0]._replace(notes=notes)
    return doc._replace(agenda=(item,))


def seconds_to_export(doc: MeetingDoc, runs: int) -> float:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            start = time.perf_counter()
            export_docx(doc, Path(folder) / "note.docx", None)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=50_000, help="N (default 50,000)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    size = min(args.chars, MAX_NOTE_CHARS // 4)
    print(f"{'shape':<22}{size:>10,} chars{4 * size:>12,} chars   ratio (4 = linear)")
    for name, unit in SHAPES.items():
        small, large = ((unit * (n // len(unit) + 1))[:n] for n in (size, 4 * size))
        t_small = seconds_to_export(meeting_with_note(small), args.runs)
        t_large = seconds_to_export(meeting_with_note(large), args.runs)
        print(f"{name:<22}{t_small:>14.2f} s{t_large:>14.2f} s   {t_large / t_small:>6.1f}")


if __name__ == "__main__":
    main()
