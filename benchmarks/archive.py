"""Speed at any archive size: what a secretary waits for, at 1,000, 10,000 and 30,000 meetings.

In one run, so that the shared machine's noise falls on every figure alike:
- opening the window to a usable meeting list (a fresh process, imports included), beside
  the floor: a bare ``QMainWindow`` + ``QTableView`` process, started in turn with it;
- each interaction in-process: the archive tree's counts and newest year, opening a
  meeting, the previous open actions of the newest draft, search, the action log (a page
  and its count, per filter);
- the preview of the sample and of a 150 KB note after a one-character edit, and its cold
  first render (archive-independent; see ``benchmarks/preview.py``).

Each figure is a median (after one warm-up run for the in-process ones). The table gives
each size, the ratio of 30,000 to 1,000 meetings, and each target; ``--readme`` writes it
into README.md between the ``archive-benchmark`` markers.

    python benchmarks/archive.py                 # makes /tmp/rrb-archive-N.sqlite3 if missing
    python benchmarks/archive.py --sizes 1000 10000 30000 --readme
    python benchmarks/archive.py --only search      # the search rows alone, in a minute
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bytecode import compile_bytecode  # noqa: E402 (after the path is set)
from benchmarks.export import SAMPLE, large_note_meeting  # noqa: E402
from benchmarks.generate_archive import generate  # noqa: E402
from benchmarks.preview import preview_medians  # noqa: E402
from models import services  # noqa: E402
from models.action_log import (  # noqa: E402
    ActionFilter,
    LogOrder,
    action_log_count,
    action_log_page,
)
from models.database import Database  # noqa: E402
from models.enums import ActionStatus, MeetingStatus  # noqa: E402
from models.interchange import read_meeting_file  # noqa: E402
from models.previous_actions import previous_open_action_count, previous_open_actions  # noqa: E402
from models.search import search  # noqa: E402

RUNS = 7
SEARCHES = ("co-location", "accommodation", "resettl", "re", "r")
WINDOW_RUNS = 7
PAGE = 100  # rows a paged table reads at a time (ui.common.item_models.PagedRowsTableModel)
TODAY = dt.date(2026, 11, 22)
README = ROOT / "README.md"
BEGIN, END = "<!-- archive-benchmark:begin -->", "<!-- archive-benchmark:end -->"

FLOOR_SCRIPT = """
import sys, time
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv)
window = QMainWindow()
view = QTableView()
view.setModel(QStandardItemModel(50, 3))
window.setCentralWidget(view)
window.show()
app.processEvents()
window.repaint()
print(time.time(), flush=True)
"""

# The path `rrb-desktop --db FILE` takes (rrb_desktop.cli, then rrb_desktop.app's run_window:
# the first screen read without SQLAlchemy, then the database and the rest of the window once
# it is painted), with its settings and log in a fresh folder of its own (see window_start_ms).
WINDOW_SCRIPT = """
import sys, time
from rrb_desktop.launch import pause_collection
pause_collection()  # the first line of the `rrb-desktop` command (rrb_desktop.launch.main)
import rrb_desktop.cli  # what the `rrb-desktop` command imports before the window's modules
from PySide6.QtCore import QSettings
from rrb_desktop.app import start_application, start_first_screen
from ui.common.settings import Settings
app = start_application()
window = start_first_screen(sys.argv[1], Settings(QSettings()))
assert window is not None, "the archive was not read for a first screen"
model = window.meeting_model  # the archive: usable once the newest meeting's year is open
def usable():
    newest = model.newest()
    return newest is not None and window.meeting_list.isExpanded(model.index_of(newest.id).parent())
while not usable():
    app.processEvents()
window.repaint()  # painted now; the database opens and the last meeting reopens after this
print(time.time(), flush=True)
while window.database is None or window.open_meeting_id is None:
    app.processEvents()
window.repaint()
print(time.time(), flush=True)
"""


@dataclass
class Figure:
    what: str
    target: str  # as the issue states it, for the reader
    ms: dict[int, float] = field(default_factory=dict)  # by archive size
    vs_floor: bool = False  # a whole process, shown as a ratio to the floor too


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    work()  # warm-up: the first run pays for SQLite's page cache, as on any real start
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def medians_in_turn(works: dict[int, Callable[[], object]], runs: int = RUNS) -> dict[int, float]:
    """The same work on each archive, the archives in turn on every run, so that a busy
    moment of the machine falls on all sizes alike rather than on one."""
    for work in works.values():
        work()  # warm-up
    timings: dict[int, list[float]] = {size: [] for size in works}
    for _ in range(runs):
        for size, work in works.items():
            started = time.perf_counter()
            work()
            timings[size].append((time.perf_counter() - started) * 1000)
    return {size: statistics.median(values) for size, values in timings.items()}


def process_ms(script: str, *args: str, env: dict[str, str] | None = None) -> float:
    """From starting ``script`` to the time it printed last."""
    return process_times_ms(script, *args, env=env)[-1]


def process_times_ms(script: str, *args: str, env: dict[str, str] | None = None) -> list[float]:
    """From starting ``script`` to each time it printed (one a line)."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )
    return [(float(printed) - started) * 1000 for printed in result.stdout.split()]


def window_start_ms(database: str) -> tuple[float, float]:
    """One start of the window on ``database``, as a first start on this account (the
    settings, ``XDG_CONFIG_HOME``, and the log in a new, empty folder): to the usable list,
    and to the whole window ready (the newest meeting reopened)."""
    with tempfile.TemporaryDirectory(prefix="rrb-bench-") as home:
        listed, ready = process_times_ms(
            WINDOW_SCRIPT, database, env={"XDG_CONFIG_HOME": home, "RRB_LOG_DIR": home}
        )
    return listed, ready


def window_figures(archives: dict[int, Path]) -> tuple[float, dict[int, float], dict[int, float]]:
    """The floor and each archive's window (to the usable list, to the whole window ready),
    started in turn, WINDOW_RUNS rounds after one round untimed (it makes the day's backup
    that the first start of a day makes, and warms the page cache)."""
    compile_bytecode()
    floor: list[float] = []
    listed: dict[int, list[float]] = {size: [] for size in archives}
    ready: dict[int, list[float]] = {size: [] for size in archives}
    for run in range(WINDOW_RUNS + 1):
        floor_ms = process_ms(FLOOR_SCRIPT)
        starts = {size: window_start_ms(str(path)) for size, path in archives.items()}
        if run == 0:
            continue
        floor.append(floor_ms)
        for size, (listed_ms, ready_ms) in starts.items():
            listed[size].append(listed_ms)
            ready[size].append(ready_ms)
    return (
        statistics.median(floor),
        {size: statistics.median(times) for size, times in listed.items()},
        {size: statistics.median(times) for size, times in ready.items()},
    )


def interactions(database: Database) -> dict[str, Callable[[], object]]:
    """Each thing a user waits on, in one open archive."""
    meetings = services.list_meetings(database)
    some = [m.id for m in meetings][:: max(len(meetings) // 7, 1)][:7]
    cycle = iter(some * (RUNS + 2))
    draft = next(m.id for m in meetings if m.status is MeetingStatus.DRAFT)
    newest = meetings[0]
    works: dict[str, Callable[[], object]] = {
        "archive tree: the counts and the newest year (a start, a meeting added)": lambda: (
            services.meeting_groups(database),
            services.list_meetings(database, board=newest.board_name, year=newest.date.year),
        ),
        "open a meeting (editor record)": lambda: services.meeting_record(database, next(cycle)),
        "previous open actions of the newest draft: count + first page": lambda: (
            previous_open_action_count(database, draft),
            previous_open_actions(database, draft, limit=PAGE),
        ),
    }
    # The last word typed is a prefix: whole words, a longer prefix, and the one or two
    # letters typed first (FTS5 answers those from its prefix index, migration 0011).
    for typed in SEARCHES:
        works[f"search {typed!r} (50 newest)"] = lambda t=typed: search(database, t)
    filters = {
        "all": ActionFilter(),
        "open": ActionFilter(statuses=frozenset({ActionStatus.OPEN})),
        "owner MPS": ActionFilter(owner="MPS"),
        "open at board RRB": ActionFilter(statuses=frozenset({ActionStatus.OPEN}), board="RRB"),
        "overdue": ActionFilter(overdue_on=TODAY),
    }
    for label, action_filter in filters.items():
        works[f"action log, {label}: count + first page"] = lambda f=action_filter: (
            action_log_count(database, f),
            action_log_page(database, f, LogOrder(), 0, PAGE),
        )
    return works


def preview_figures() -> dict[str, float]:
    """The preview after a one-character edit and its cold first render, sample and 150 KB
    note (see ``benchmarks/preview.py``: the note built and turned into HTML)."""
    figures = {}
    large = large_note_meeting()
    for case, meeting in (("the sample", read_meeting_file(SAMPLE)), ("a 150 KB note", large)):
        medians = preview_medians(meeting, RUNS)
        figures[f"preview of {case} after a one-character edit"] = medians.after_edit * 1000
        figures[f"preview of {case}, first render (cold)"] = medians.cold * 1000
    return figures


TARGETS = {
    "window": "≤ 3× floor at 10,000; 30,000 ≤ 1.2× 1,000",
    "window ready": "(for reference: what a click waits for at most)",
    "interaction": "< 100 ms at 10,000; 30,000 ≤ 1.5× 1,000",
    "preview of the sample after a one-character edit": "< 30 ms",
    "preview of the sample, first render (cold)": "",
    "preview of a 150 KB note after a one-character edit": "< 100 ms",
    "preview of a 150 KB note, first render (cold)": "",
}


def measure(
    archives: dict[int, Path], only: str | None = None
) -> tuple[list[Figure], float | None]:
    """Every figure; or, with ``only`` ("search"), just the interactions whose name starts
    with it (no window starts, no floor, no preview)."""
    floor: float | None = None
    figures = []
    if only is None:
        floor, listed, ready = window_figures(archives)
        figures += [
            Figure(
                "open the window to a usable meeting list (painted, newest year open)",
                TARGETS["window"],
                listed,
                vs_floor=True,
            ),
            Figure(
                "… and on to the newest meeting reopened in the editor (after the first paint)",
                TARGETS["window ready"],
                ready,
                vs_floor=True,
            ),
        ]
    databases = {size: Database.open(str(path)) for size, path in archives.items()}
    works = {size: interactions(database) for size, database in databases.items()}
    for what in works[next(iter(works))]:
        if only is not None and not what.startswith(only):
            continue
        ms = medians_in_turn({size: work[what] for size, work in works.items()})
        figures.append(Figure(what, TARGETS["interaction"], ms))
    for database in databases.values():
        database.close()
    if only is None:
        for what, ms in preview_figures().items():
            figures.append(Figure(what, TARGETS[what], dict.fromkeys(archives, ms)))
    return figures, floor


def table(figures: list[Figure], floor: float | None, sizes: list[int]) -> str:
    small, large = sizes[0], sizes[-1]
    head = ["what", *(f"{size:,}" for size in sizes), f"{large:,} / {small:,}", "target"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    if floor is not None:
        lines.append(
            "| bare Qt window process (the floor) | "
            + " | ".join(f"{floor:.0f} ms" for _ in sizes)
            + " | | |"
        )
    for figure in figures:
        cells = []
        for size in sizes:
            ms = figure.ms[size]
            ratio = f" ({ms / floor:.1f}× floor)" if figure.vs_floor and floor else ""
            cells.append(f"{ms:.1f} ms{ratio}" if ms < 100 else f"{ms:.0f} ms{ratio}")
        growth = figure.ms[large] / figure.ms[small] if figure.ms[small] else 0.0
        lines.append(f"| {figure.what} | {' | '.join(cells)} | {growth:.2f}× | {figure.target} |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(readme):
        sys.exit(f"{README}: no {BEGIN} … {END} markers to write the table between")
    README.write_text(pattern.sub(lambda _m: f"{BEGIN}\n{text}\n{END}", readme), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 30_000])
    parser.add_argument(
        "--folder", type=Path, default=Path("/tmp"), help="where rrb-archive-N.sqlite3 live"
    )
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument(
        "--only",
        choices=["search"],
        help="measure only these rows (no window starts or preview), for a quick comparison",
    )
    args = parser.parse_args()
    if args.only and args.readme:
        parser.error("--readme writes the whole table: measure it all (no --only)")
    sizes = sorted(args.sizes)
    archives = {size: args.folder / f"rrb-archive-{size}.sqlite3" for size in sizes}
    for size, path in archives.items():
        if not path.exists():  # slow (minutes at 30,000): made once, then reused
            print(f"making {path} ({size:,} meetings)")
            generate(path, size, seed=20261122)
    figures, floor = measure(archives, args.only)
    text = table(figures, floor, sizes)
    print(text)
    if args.readme:
        write_readme(text)


if __name__ == "__main__":
    main()
