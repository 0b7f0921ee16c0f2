"""Speed on a large archive, SQLite beside PostgreSQL: what a secretary waits for.

Measures, on an archive made by ``generate_archive.py`` (10,000 meetings by default):
opening the window to a usable meeting list (a fresh process, imports included), a search,
listing the meetings, opening a meeting, and the action log with each filter. Each figure
is the median of several runs, after one warm-up run.

    python benchmarks/generate_archive.py --out /tmp/rrb-archive.sqlite3
    python benchmarks/archive_dialects.py --db /tmp/rrb-archive.sqlite3

Give ``--db`` twice (say the SQLite file and ``postgresql+psycopg://...`` holding the same
archive) to see both side by side, measured in one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.archive import (  # noqa: E402 (after the path is set)
    RUNS,
    median_ms,
    window_start_ms,
)
from benchmarks.bytecode import compile_bytecode  # noqa: E402
from models import services  # noqa: E402
from models.action_log import ActionFilter, action_log  # noqa: E402
from models.database import Database  # noqa: E402
from models.enums import ActionStatus  # noqa: E402
from models.search import search  # noqa: E402

TARGETS_MS = {"search": 100, "list": 200, "meeting": 200, "window": 1500}


def window_ms(db: str, runs: int = 7) -> float:
    """From starting a process to a window whose meeting list is usable (archive.py's),
    after one start untimed."""
    compile_bytecode()
    window_start_ms(db)
    return statistics.median(window_start_ms(db)[0] for _ in range(runs))


def measure(location: str) -> tuple[str, list[tuple[str, str, float]]]:
    """The figures of one database, and how to name it."""
    database = Database.open(location)
    count = services.meeting_count(database)
    some = [m.id for m in services.list_meetings(database)][:: max(count // 7, 1)][:7]
    cycle = iter(some * (RUNS + 2))
    today = dt.date(2026, 11, 22)

    figures: list[tuple[str, str, float]] = [
        ("window", "open the window to a usable meeting list", window_ms(location)),
        ("list", "list all meetings", median_ms(lambda: services.list_meetings(database))),
        (
            "meeting",
            "open a meeting (editor record)",
            median_ms(lambda: services.meeting_record(database, next(cycle))),
        ),
        (
            "meeting",
            "open a meeting (whole content, for export)",
            median_ms(lambda: services.meeting_doc(database, next(cycle))),
        ),
    ]
    for typed in ("co-location", "accommodation", "neurodiversity veterans", "Clinks", "resettl"):
        figures.append(
            ("search", f"search {typed!r}", median_ms(lambda t=typed: search(database, t)))
        )
    filters = {
        "action log: open": ActionFilter(statuses=frozenset({ActionStatus.OPEN})),
        "action log: owner MPS": ActionFilter(owner="MPS"),
        "action log: open, board RRB": ActionFilter(
            statuses=frozenset({ActionStatus.OPEN}), board="RRB"
        ),
        "action log: overdue": ActionFilter(overdue_on=today),
    }
    for label, action_filter in filters.items():
        figures.append(
            ("list", label, median_ms(lambda f=action_filter: action_log(database, f), runs=3))
        )
    name = f"{count} meetings, {database.dialect}"
    database.close()
    return name, figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db",
        action="append",
        metavar="FILE_OR_URL",
        help="an archive (SQLite file or server URL); twice to compare two",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    locations: list[str] = args.db or ["/tmp/rrb-archive.sqlite3"]
    for location in locations:
        if "://" not in location and not Path(location).exists():
            sys.exit(f"{location} does not exist: run benchmarks/generate_archive.py first")
    results = [measure(location) for location in locations]

    if args.json:
        print(
            json.dumps(
                [
                    {"db": name, "what": w, "ms": round(ms, 1)}
                    for name, figures in results
                    for _k, w, ms in figures
                ],
                indent=2,
            )
        )
        return
    for location, (name, _) in zip(locations, results, strict=True):
        print(f"{name}: {location.split('@')[-1]}")
    header = "".join(f"{name.split(', ')[-1]:>12}" for name, _ in results)
    print(f"{'what':48}{header} {'target':>8}")
    for row, (kind, what, _ms) in enumerate(results[0][1]):
        cells = [figures[row][2] for _, figures in results]
        target = TARGETS_MS[kind]
        verdict = "" if all(ms <= target for ms in cells) else "  over"
        columns = "".join(f"{ms:10.1f}ms" for ms in cells)
        print(f"{what:48}{columns} {target:6d}ms{verdict}")


if __name__ == "__main__":
    main()
