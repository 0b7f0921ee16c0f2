"""How long a Word export takes: ``.venv/bin/python -m benchmarks.export [--runs N]``.

For the sample meeting and a stress meeting (60 items, 200 actions, 40 attendees), in one run
so that the machine's noise falls on every figure alike:

- **whole processes**, side by side: ``rrb-desktop export ID --out note.docx`` (a fresh
  process of the venv's ``rrb-desktop`` script, as a user runs it, on a temporary archive
  holding both meetings: start-up, imports, reading the meeting, the pre-publication check,
  building and writing the public note) against ``pandoc`` turning the same content,
  written out as one Markdown file, into a ``.docx`` (also a whole process, start-up
  included). The two run in turn, after one warm-up each; medians, and the ratio pandoc /
  ours (1.0x or more: ours is as fast or faster). Skipped when ``pandoc`` is not on the
  PATH. Processes that only start and import what that export imported run in the same
  turns (the floors).
- **in process**: building the note and writing the ``.docx`` (what File > Export does once
  the app runs), and the preview of a 150 KB note, the note built too, after a one-character
  edit and cold (``benchmarks/preview.py`` measures the preview in full).

Medians of several runs with ``time.perf_counter``. Not part of the test suite: speed depends
on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from datetime import time as clock
from importlib.metadata import distributions
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from benchmarks.bytecode import compile_bytecode
from exporters.built import build_any, save_note
from exporters.docx_export import build_note
from exporters.formatting import next_meeting_text, printed_due
from models.action_sentence import action_sentence
from models.enums import LayoutStyle, MeetingMode
from models.interchange import dumps_meeting, read_meeting_file
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    ChairDoc,
    MeetingDoc,
    OrganisationRef,
)
from models.notes.parser import clear_notes_cache

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


def large_note_meeting() -> MeetingDoc:
    """The sample with one item whose notes are 150 KB: a long meeting typed in one place.

    Each repeat of the notes is numbered, so that no two paragraphs are the same text, as in
    a real note: the notes parser caches stretches by their text, and copies of one stretch
    would make the first parse look cheaper than it is.
    """
    sample = read_meeting_file(SAMPLE)
    repeats: list[str] = []
    while sum(map(len, repeats)) < 150_000:
        repeats.append(_numbered_notes(len(repeats) + 1))
    notes = "".join(repeats)
    return sample._replace(agenda=(sample.agenda[1]._replace(notes=notes),))


def _numbered_notes(number: int) -> str:
    """The sample notes with ``number`` in each of their paragraphs and headings."""
    return (
        _NOTES.replace("the item", f"item {number}")
        .replace("the last meeting", f"meeting {number}")
        .replace("on **delivery**", f"on **delivery {number}**")
        .replace("The relevant RRB outcome", f"Item {number}'s RRB outcome")
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
                "- "
                + action_sentence(
                    "/".join(action.owners),
                    action.description,
                    by=printed_due(action, meeting),
                )
                for action in item.actions
            ]
    if meeting.next_meeting is not None:
        lines += ["", next_meeting_text(meeting.next_meeting)]
    return "\n".join(lines) + "\n"


def median_seconds(
    work: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The median time of ``runs`` calls after one warm-up call (imports, caches).

    Wall time by default; ``time.process_time`` gives this process's CPU time, which a
    machine busy with other jobs inflates far less than the wall time.
    """
    work()
    times = []
    for _ in range(runs):
        started = clock()
        work()
        times.append(clock() - started)
    return statistics.median(times)


def export_once(meeting: MeetingDoc, target: Path, *, with_python_docx: bool = False) -> None:
    """Build and write the note as if for the first time: the notes parser's cache (which a
    real export shares with the preview shown before it) is emptied first, so that repeated
    runs do not measure cached parses. On our template File > Export writes the note without
    python-docx (``exporters.lean``); ``with_python_docx`` takes the way a user's template
    takes (the same file)."""
    clear_notes_cache()
    save_note(build_note(meeting) if with_python_docx else build_any(meeting), target)


def time_export(
    meeting: MeetingDoc, folder: Path, runs: int, *, with_python_docx: bool = False
) -> float:
    target = folder / "note.docx"
    return median_seconds(
        lambda: export_once(meeting, target, with_python_docx=with_python_docx), runs
    )


def cpu_export(meeting: MeetingDoc, folder: Path, runs: int) -> float:
    """The CPU time of building and writing the note (see :func:`median_seconds`)."""
    target = folder / "note.docx"
    return median_seconds(lambda: export_once(meeting, target), runs, time.process_time)


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
    # For whole processes, the floors run in the same turns (see ``FLOORS``), by name.
    floors: dict[str, float] = field(default_factory=dict)
    # In process: the CPU time of the same work, beside its wall time (``ours``), and the
    # wall time of the same note written the way a user's template is (with python-docx).
    cpu: float | None = None
    python_docx: float | None = None

    def cells(self) -> list[str]:
        ours = f"{self.ours * 1000:.0f} ms"
        if self.pandoc is None:
            return [self.case, ours, "-", "-"]
        return [self.case, ours, f"{self.pandoc * 1000:.0f} ms", f"{self.pandoc / self.ours:.1f}x"]


def measure(cases: dict[str, MeetingDoc], runs: int, pandoc: str | None) -> list[Row]:
    """In process: building and writing each note, beside pandoc's whole process."""
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
            rows.append(
                Row(
                    case,
                    ours,
                    theirs,
                    cpu=cpu_export(meeting, folder, runs),
                    python_docx=time_export(meeting, folder, runs, with_python_docx=True),
                )
            )
    return rows


def import_meetings(folder: Path, meetings: list[MeetingDoc]) -> tuple[Path, list[int]]:
    """A new archive in ``folder`` holding ``meetings`` (by the CLI), and their IDs."""
    database = folder / "archive.sqlite3"
    files = []
    for number, meeting in enumerate(meetings):
        path = folder / f"meeting-{number}.json"
        path.write_text(dumps_meeting(meeting), encoding="utf-8")
        files.append(str(path))
    done = subprocess.run(
        [*CLI, "--db", str(database), "import", *files],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    return database, [int(line.split("\t")[0]) for line in done.stdout.splitlines()]


# Run from the checkout (cwd=ROOT), so that the code timed is this tree's, whichever tree the
# virtualenv was installed from. Only to fill the archive: the timed runs use the command below.
CLI = (sys.executable, "-m", "rrb_desktop")


def installed_command() -> tuple[list[str], dict[str, str]]:
    """What a user runs, ``rrb-desktop`` (the script the venv's install wrote beside its
    Python), and the environment to run it in. Not ``python -m rrb_desktop``, which also
    loads runpy and its imports.

    When the venv's install is not of this tree (another checkout's editable install, or a
    copy), ``PYTHONPATH`` puts this tree first, so that the code timed is still this tree's.
    """
    script = Path(sys.executable).with_name("rrb-desktop")
    env = dict(os.environ)
    if _installed_tree() != ROOT:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return [str(script)], env


def _installed_tree() -> Path | None:
    """The tree the venv's editable install of rrb-desktop runs (PEP 610's record of it).

    Looked up in the venv's site-packages only: a tree's own ``rrb_desktop.egg-info`` (which
    each install writes there) carries no such record, and comes first from the tree.
    """
    installed = distributions(name="rrb-desktop", path=[sysconfig.get_paths()["purelib"]])
    record = next((found.read_text("direct_url.json") for found in installed), None)
    found = json.loads(record or "{}")
    if not found.get("dir_info", {}).get("editable") or not found.get("url", "").startswith(
        "file://"
    ):
        return None
    return Path(url2pathname(urlparse(found["url"]).path)).resolve()


def measure_processes(cases: dict[str, MeetingDoc], runs: int, pandoc: str) -> list[Row]:
    """Whole processes: ``rrb-desktop export`` and pandoc in turn, ``runs`` times each, with
    the floors (``FLOORS``) of what that export imported."""
    command, env = installed_command()
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database, ids = import_meetings(folder, list(cases.values()))
        for (case, meeting), meeting_id in zip(cases.items(), ids, strict=True):
            source = folder / "note.md"
            source.write_text(meeting_markdown(meeting), encoding="utf-8")
            arguments = ["--db", str(database), "export", str(meeting_id)]
            arguments += ["--out", str(folder / "note.docx")]
            theirs = [pandoc, "-f", "markdown", "-t", "docx", "-o", str(folder / "p.docx")]
            theirs.append(str(source))
            floors = floor_commands(modules_imported_by(arguments, env))
            times = alternate_medians([[*command, *arguments], theirs, *floors.values()], runs, env)
            rows.append(Row(case, times[0], times[1], dict(zip(floors, times[2:], strict=True))))
    return rows


# Processes that do nothing but start and import, side by side with the export (its floors):
# Python alone; the standard library's modules the export imported; those and its third-party
# libraries; and every module it imported, the app's own too. The lists are taken from the
# export just run (``modules_imported_by``), so they stay true whatever the exporter imports:
# any export process that imports these takes at least this long before doing anything.
FLOORS = {
    "Python, nothing imported": "python -c pass",
    "the standard library modules an export imports": "stdlib",
    "the same and its third-party libraries": "stdlib, third-party",
    "everything an export imports (the app's own modules too)": "stdlib, third-party, app",
}
APP_PACKAGES = frozenset({"rrb_desktop", "models", "exporters", "ui", "resources"})

_RECORD_IMPORTS = """
import sys
before = set(sys.modules)
from rrb_desktop.launch import run
sys.argv = ["rrb-desktop", *sys.argv[1:]]
try:
    run()
finally:
    print("imported:", *(name for name in sys.modules if name not in before))
"""
# Imports as a command imports and ends as a command ends (rrb_desktop.launch): the collector
# paused meanwhile, and the process left without Python's teardown, so that a floor pays for
# the imports alone.
IMPORT_EACH = (
    "import gc, os, sys\ngc.disable()\nfor name in sys.argv[1:]:\n    __import__(name)\nos._exit(0)"
)


def script_output(script: str, arguments: list[str], env: dict[str, str]) -> str:
    """What ``python -c script arguments`` prints, run from the checkout in ``env``."""
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
    )
    return done.stdout


def modules_imported_by(arguments: list[str], env: dict[str, str]) -> list[str]:
    """The modules an ``rrb-desktop`` process with ``arguments`` imports beyond Python's own
    start, in the order it began importing them."""
    return script_output(_RECORD_IMPORTS, arguments, env).rsplit("imported:", 1)[1].split()


def floor_commands(modules: list[str]) -> dict[str, list[str]]:
    """The command of each floor in ``FLOORS``, importing the part of ``modules`` it names."""

    def kind(name: str) -> str:
        top = name.partition(".")[0]
        if top in APP_PACKAGES:
            return "app"
        return "stdlib" if top in sys.stdlib_module_names else "third-party"

    commands = {}
    for floor, kinds in FLOORS.items():
        names = [name for name in modules if kind(name) in kinds.split(", ")]
        commands[floor] = [sys.executable, "-c", IMPORT_EACH if names else "pass", *names]
    return commands


def alternate_medians(
    commands: list[list[str]], runs: int, env: dict[str, str] | None = None
) -> list[float]:
    """The median wall time of each command, the commands run in turn (one warm-up each)."""
    timings: list[list[float]] = [[] for _ in commands]
    for round_number in range(runs + 1):
        for command, times in zip(commands, timings, strict=True):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, timeout=300, cwd=ROOT, env=env)
            if round_number:
                times.append(time.perf_counter() - started)
    return [statistics.median(times) for times in timings]


def table(rows: list[Row], header: tuple[str, ...] = ("meeting", "rrb_desktop")) -> str:
    header_cells = [*header, "pandoc", "pandoc / ours"]
    body = [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in [header_cells, *body]) for i in range(4)]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
             for line in [header_cells, *body]]  # fmt: skip
    lines.insert(1, "-|-".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per case (default 9)")
    args = parser.parse_args(argv)
    compile_bytecode()
    pandoc = shutil.which("pandoc")
    cases = {
        "sample (6 items)": read_meeting_file(SAMPLE),
        "stress (60 items, 200 actions, 40 attendees)": stress_meeting(),
    }
    if pandoc is None:
        print("(pandoc is not on the PATH: install it to compare)", file=sys.stderr)
    else:
        print("Whole processes (rrb-desktop export of the public note; pandoc from Markdown):")
        if _installed_tree() != ROOT:
            print(f"(the venv's rrb-desktop is not installed from here: PYTHONPATH={ROOT})")
        processes = measure_processes(cases, args.runs, pandoc)
        print(table(processes, ("meeting", "rrb-desktop export")))
        print("Processes that only start and import (the floors), in the same turns:")
        for floor in FLOORS:
            median = statistics.median(row.floors[floor] for row in processes)
            print(f"  {floor}: {median * 1000:.0f} ms")
        print()
    print("In process (build the note and write the .docx; pandoc is still a whole process):")
    in_process = measure(cases, args.runs, pandoc)
    print(table(in_process, ("meeting", "build + write")))
    for row in in_process:
        print(f"(CPU time of build + write, {row.case}: {(row.cpu or 0) * 1000:.0f} ms;")
        print(
            f" with python-docx, as on a user's template: {(row.python_docx or 0) * 1000:.0f} ms)"
        )
    print()
    from benchmarks.preview import preview_medians  # noqa: PLC0415 (it imports this module)

    large = large_note_meeting()
    wall = preview_medians(large, args.runs)
    cpu = preview_medians(large, args.runs, time.process_time)
    print(
        "Preview of a 150 KB note, the note built too: after a one-character edit"
        f" {wall.after_edit * 1000:.0f} ms ({cpu.after_edit * 1000:.0f} ms CPU time),"
        f" cold {wall.cold * 1000:.0f} ms ({cpu.cold * 1000:.0f} ms CPU time)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
