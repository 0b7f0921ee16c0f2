"""What the fast notes reader saves: ``.venv/bin/python -m benchmarks.notes_parse``.

Notes are read by :mod:`models.notes.fast_parser` when they have its common shapes, and by
markdown-it (the reference) otherwise. Two figures, each side by side in one run (medians):

- **in the process**: the sample meeting's notes parsed a stretch at a time, uncached, by
  the fast reader and by markdown-it's path (its parser already built);
- **a whole process** (``python -c``) that imports the notes parser and parses the sample's
  notes: as now (markdown-it never imported), and made to read them with markdown-it (what
  every export process paid before), beside a bare ``python -c pass`` as the floor.

It also counts the stretches of the sample and of the published examples the fast reader
declines (each such stretch costs markdown-it's import in its process). Not part of the test
suite: speed depends on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script too
    sys.path.insert(0, str(ROOT))

from models.notes import parser as notes_parser  # noqa: E402
from models.notes.fast_parser import parse_simple_notes  # noqa: E402

SAMPLE = ROOT / "resources" / "sample_meeting.json"
EXAMPLES = ROOT / "tests" / "fixtures" / "examples"

# The process parses with whichever reader the first argument names.
_PROCESS = """
import json, sys
from models.notes import parser
if sys.argv[1] == "markdown-it":
    parser.parse_simple_notes = lambda markdown: None
meeting = json.load(open(sys.argv[2], encoding="utf-8"))
for item in meeting["agenda"]:
    parser.parse_notes(item.get("notes", ""))
assert ("markdown_it" in sys.modules) == (sys.argv[1] == "markdown-it")
"""


def notes_of(path: Path) -> list[str]:
    meeting = json.loads(path.read_text(encoding="utf-8"))
    return [item["notes"] for item in meeting.get("agenda", []) if item.get("notes")]


def stretches(path: Path) -> list[str]:
    return [part for notes in notes_of(path) for part in notes_parser._split_blocks(notes)]


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process_medians(runs: int) -> dict[str, float]:
    """Whole processes, the three kinds in turn so that the machine's load is shared."""
    commands = {
        "python -c pass (floor)": [sys.executable, "-c", "pass"],
        "fast reader": [sys.executable, "-c", _PROCESS, "fast", str(SAMPLE)],
        "markdown-it": [sys.executable, "-c", _PROCESS, "markdown-it", str(SAMPLE)],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, cwd=ROOT, capture_output=True, timeout=120)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="in-process runs (200)")
    parser.add_argument("--processes", type=int, default=20, help="process runs (20)")
    arguments = parser.parse_args()

    for path in [SAMPLE, *sorted(EXAMPLES.glob("*.json"))]:
        parts = stretches(path)
        if parts:
            declined = sum(parse_simple_notes(part) is None for part in parts)
            print(f"{path.name}: {declined} of {len(parts)} stretches declined")

    sample = stretches(SAMPLE)
    notes_parser.markdown_it_blocks("warm *up*")  # markdown-it imported, its parser built
    fast = median_seconds(lambda: [parse_simple_notes(part) for part in sample], arguments.runs)
    reference = median_seconds(
        lambda: [notes_parser.markdown_it_blocks(part) for part in sample], arguments.runs
    )
    print(
        f"sample notes in the process, uncached: fast reader {fast * 1e3:.2f} ms, "
        f"markdown-it {reference * 1e3:.2f} ms ({reference / fast:.1f}x)"
    )
    figures = process_medians(arguments.processes)
    floor = figures["python -c pass (floor)"]
    for name, seconds in figures.items():
        print(f"whole process, {name}: {seconds * 1e3:.0f} ms ({seconds / floor:.2f}x the floor)")
    saved = figures["markdown-it"] - figures["fast reader"]
    print(f"saved per process: {saved * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
