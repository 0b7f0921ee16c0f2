"""How long a Word export takes: ``.venv/bin/python -m benchmarks.export [--runs N]``.

Times building the note and writing the ``.docx`` (what File > Export and the CLI do) for
the sample meeting and for a stress meeting (60 items, 200 actions, 40 attendees), as the
median of several runs with ``time.perf_counter``. When ``pandoc`` is on the PATH it also
times pandoc turning the same content, written out as one Markdown file, into a ``.docx``
(the whole ``pandoc`` command, start-up included, since that is what using it would cost),
and prints the ratio. Not part of the test suite: speed depends on the machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from datetime import time as clock
from pathlib import Path

from exporters.docx_export import build_document, write_document
from exporters.formatting import next_meeting_text
from models.action_sentence import action_sentence
from models.enums import LayoutStyle, MeetingMode
from models.interchange import read_meeting_file
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    ChairDoc,
    MeetingDoc,
    OrganisationRef,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample_meeting.json"

_NOTES = """MOPAC introduced the item and set out what the Board was asked to consider.

### Progress since the last meeting:

Partners reported on **delivery**, on *what has changed* and on the risks that remain.

- Referrals rose in every borough
- Waiting times fell:
  - in the north by a fifth
  - in the south by a tenth
- Data sharing improved

1. **What should the Board prioritise?**
2. **Who else needs to be involved?**

The relevant RRB outcome is: *'more prison leavers will secure accommodation'*.
"""


def stress_meeting(items: int = 60, actions: int = 200, attendees: int = 40) -> MeetingDoc:
    """A fictional meeting far larger than any real one, every feature of a note in each item."""
    organisations = tuple(
        OrganisationRef(f"Organisation number {n}", f"ORG{n}") for n in range(attendees)
    )
    agenda = []
    for n in range(items):
        share = actions // items + (1 if n < actions % items else 0)
        agenda.append(
            AgendaItemDoc(
                f"Item {n + 1} of the stress meeting",
                _NOTES,
                confidential=n % 10 == 9,
                actions=tuple(
                    ActionDoc(f"report back on point {k + 1} of item {n + 1}.", (f"ORG{k % 7}",))
                    for k in range(share)
                ),
            )
        )
    return MeetingDoc(
        board=BoardRef("Reducing Reoffending Board", "RRB"),
        date=date(2025, 3, 20),
        style=LayoutStyle.PUBLIC_NOTE,
        start=clock(13, 30),
        end=clock(15, 30),
        mode=MeetingMode.HYBRID,
        chair=ChairDoc("Director of Commissioning & Partnerships", "ORG0"),
        theme="A meeting to measure the exporter",
        organisations=organisations,
        attendees=tuple(
            AttendeeDoc(org.abbreviation, name=f"Person {n}") for n, org in enumerate(organisations)
        ),
        agenda=tuple(agenda),
        next_meeting=date(2025, 6, 19),
    )


def meeting_markdown(meeting: MeetingDoc) -> str:
    """The same public content as one Markdown file, for pandoc to convert."""
    lines = [
        f"# {meeting.board.name} ({meeting.board.abbreviation}) | {meeting.display_title}",
        "",
        f"{meeting.date.day} {meeting.date:%B}, Hybrid Meeting",
        "",
        f"**Theme: {meeting.theme or ''}**",
        "",
        "## Attendees:",
        "",
    ]
    seen: set[str] = set()
    for attendee in meeting.attendees:
        name = meeting.organisation(attendee.organisation).display_name
        if name not in seen:
            seen.add(name)
            lines.append(f"- {name}")
    for number, item in enumerate((i for i in meeting.agenda if not i.confidential), start=1):
        lines += ["", f"## Agenda Item {number} | {item.title}", "", item.notes, ""]
        if item.actions:
            lines += ["**Actions:**", ""]
            lines += [
                f"- {action_sentence('/'.join(action.owners), action.description)}"
                for action in item.actions
            ]
    if meeting.next_meeting is not None:
        lines += ["", next_meeting_text(meeting.next_meeting)]
    return "\n".join(lines) + "\n"


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls after one warm-up call (imports, caches)."""
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def time_export(meeting: MeetingDoc, folder: Path, runs: int) -> float:
    target = folder / "note.docx"
    return median_seconds(lambda: write_document(build_document(meeting), target), runs)


def time_pandoc(markdown: str, folder: Path, runs: int, pandoc: str) -> float:
    source = folder / "note.md"
    source.write_text(markdown, encoding="utf-8")
    command = [
        pandoc,
        "-f",
        "markdown",
        "-t",
        "docx",
        "-o",
        str(folder / "pandoc.docx"),
        str(source),
    ]

    def convert() -> None:
        subprocess.run(command, check=True, capture_output=True, timeout=300)

    return median_seconds(convert, runs)


@dataclass(frozen=True)
class Row:
    case: str
    ours: float
    pandoc: float | None

    def cells(self) -> list[str]:
        ours = f"{self.ours * 1000:.0f} ms"
        if self.pandoc is None:
            return [self.case, ours, "-", "-"]
        return [self.case, ours, f"{self.pandoc * 1000:.0f} ms", f"{self.pandoc / self.ours:.1f}x"]


def measure(cases: dict[str, MeetingDoc], runs: int, pandoc: str | None) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for case, meeting in cases.items():
            ours = time_export(meeting, folder, runs)
            theirs = (
                time_pandoc(meeting_markdown(meeting), folder, runs, pandoc)
                if pandoc is not None
                else None
            )
            rows.append(Row(case, ours, theirs))
    return rows


def table(rows: list[Row]) -> str:
    header = ["meeting", "rrb_desktop", "pandoc", "pandoc / ours"]
    body = [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
             for line in [header, *body]]  # fmt: skip
    lines.insert(1, "-|-".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per case (default 9)")
    args = parser.parse_args(argv)
    pandoc = shutil.which("pandoc")
    cases = {
        "sample (6 items)": read_meeting_file(SAMPLE),
        "stress (60 items, 200 actions, 40 attendees)": stress_meeting(),
    }
    print(table(measure(cases, args.runs, pandoc)))
    if pandoc is None:
        print("(pandoc is not on the PATH: install it to compare)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
