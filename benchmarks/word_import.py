"""How long importing a folder of Word notes takes: ``.venv/bin/python -m benchmarks.word_import``.

Exports 200 notes (the four published examples in turn, each on its own date, so every file
is new to the archive) into a temporary folder, then imports the folder into a fresh SQLite
database the way ``rrb-desktop import FOLDER`` does: read each file, match it to the
directory, save it with its checksum, one unit of work per file. As a floor in the same run,
it times python-docx only opening the same files (no reading, no saving): the part no reader
built on python-docx can avoid. Prints medians of ``--runs`` runs and the ratio.
Not part of the test suite: speed depends on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docx

from exporters.docx_export import export_docx
from models.database import Database
from models.interchange import read_meeting_file
from models.word_import.store import directory_of, read_file, save_note, word_files

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "tests" / "fixtures" / "examples"


def make_folder(folder: Path, count: int) -> None:
    examples = [read_meeting_file(path) for path in sorted(EXAMPLES.glob("*.json"))]
    for index in range(count):
        meeting = examples[index % len(examples)]
        day = dt.date(2000, 1, 3) + dt.timedelta(days=7 * index)
        meeting = meeting._replace(date=day, next_meeting=None)
        export_docx(meeting, folder / f"{day.isoformat()}-{meeting.style.value}.docx")


def import_folder(folder: Path, db_path: Path) -> int:
    database = Database.open(str(db_path))
    try:
        saved = 0
        for path in word_files([folder]):
            outcome = read_file(path, directory_of(database), database)
            if outcome.note is not None and outcome.source is not None:
                save_note(database, outcome.note, outcome.source)
                saved += 1
        return saved
    finally:
        database.close()


def open_only(folder: Path) -> None:
    for path in word_files([folder]):
        docx.Document(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "notes"
        folder.mkdir()
        make_folder(folder, args.files)
        imports, floors = [], []
        for run in range(args.runs):
            start = time.perf_counter()
            saved = import_folder(folder, Path(temp) / f"run{run}.sqlite3")
            imports.append(time.perf_counter() - start)
            if saved != args.files:
                print(f"only {saved} of {args.files} files were imported", file=sys.stderr)
                return 1
            start = time.perf_counter()
            open_only(folder)
            floors.append(time.perf_counter() - start)
    imported, floor = statistics.median(imports), statistics.median(floors)
    print(f"import {args.files} notes (read, match, save): {imported:.1f} s median")
    print(f"python-docx opening the same files:          {floor:.1f} s median")
    print(f"import / open: {imported / floor:.1f}x; per note {1000 * imported / args.files:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
