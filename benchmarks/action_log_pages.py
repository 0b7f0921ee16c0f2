"""A page deep in the action log, read afresh and by the window's reader:
``.venv/bin/python benchmarks/action_log_pages.py ARCHIVE [ARCHIVE ...]``.

Sorted by Due or by Status the log is read in parts (the dated actions, then the undated;
one status after another). A page past the first part needs the size of every part before
it: read afresh (``action_log_page``) it walks and counts them again, while the window's
``ActionLogReader`` has learnt them from the pages it read before and reads the page's own
part only. Measured here for the page just before the end of every action, in both orders,
on the synthetic archives ``benchmarks/generate_archive.py`` makes (medians of 7 after a
warm-up, in one run so that the machine's noise falls on both alike). Not part of the test
suite: speed depends on the machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.archive import median_ms  # noqa: E402
from models.action_log import (  # noqa: E402 (after the path is set)
    ActionFilter,
    ActionLogReader,
    LogOrder,
    LogSort,
    action_log_page,
)
from models.database import Database  # noqa: E402

PAGE = 100
FROM_THE_END = 150  # the page a reader scrolled to the bottom of the log reads last


def measure(path: Path) -> list[str]:
    database = Database.open(str(path))
    try:
        everything = ActionFilter()
        total = len(action_log_page(database, everything, LogOrder(), 0, None))
        offset = max(total - FROM_THE_END, 0)
        lines = []
        for sort in (LogSort.DUE, LogSort.STATUS):
            order = LogOrder(sort, descending=False)
            reader = ActionLogReader(database, everything)
            reader.page(order, offset, PAGE)  # the sizes a reader learns on the way down
            afresh = median_ms(
                lambda o=order: action_log_page(database, everything, o, offset, PAGE)
            )
            known = median_ms(lambda o=order, r=reader: r.page(o, offset, PAGE))
            lines.append(
                f"| {path.name} | {total:,} actions | {sort.value} | {afresh:.0f} ms"
                f" | {known:.0f} ms | {afresh / known:.1f}x |"
            )
        return lines
    finally:
        database.close()


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.splitlines()[1].strip(), file=sys.stderr)
        return 2
    print("| archive | log | order | page read afresh | by the window's reader | afresh / reader |")
    print("|---|---|---|---|---|---|")
    for name in argv:
        for line in measure(Path(name)):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
