"""Size per meeting before and after a change to the search index.

    python -m benchmarks.archive_size /tmp/rrb-archive-1000.sqlite3 [...]
    python -m benchmarks.archive_size --before 0010 /tmp/rrb-archive-1000.sqlite3

Each archive is copied (the original is left as it is), brought to revision ``--before``
(0007, the default, is the index with its own copy of the notes; 0010 the index before the
prefix index and the list of words, migration 0011) and to the newest revision, and
measured each time as ``VACUUM INTO`` writes it: compacted, as a fresh archive or a backup
would be, so pages freed by the migration do not count. Prints bytes per meeting and the
share the search index (every ``search_`` table) takes.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402 (after the path is set)

from models.database import Database, alembic_config, current_revision  # noqa: E402


def _compacted(path: Path, folder: Path) -> tuple[int, int]:
    """(file size, bytes in the search index's tables) of ``path`` as VACUUM INTO writes it."""
    out = folder / "compact.sqlite3"
    out.unlink(missing_ok=True)
    with sqlite3.connect(path) as connection:
        connection.execute("VACUUM INTO ?", (str(out),))
    connection.close()
    with sqlite3.connect(out) as connection:
        index = connection.execute(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\'"
        ).fetchone()[0]
    connection.close()
    size = out.stat().st_size
    out.unlink()
    return size, int(index)


def measure(archive: Path, before: str) -> None:
    with tempfile.TemporaryDirectory(dir=archive.parent) as folder:
        copy = Path(folder) / archive.name
        shutil.copyfile(archive, copy)
        database = Database(f"sqlite:///{copy}")
        config = alembic_config(database.engine)
        with database.engine.connect() as connection:
            meetings = connection.exec_driver_sql("SELECT count(*) FROM meeting").scalar() or 1
        rows = []
        for revision in (before, "head"):
            current = current_revision(database.engine)
            if revision != "head" and current is not None and current > revision:
                command.downgrade(config, revision)  # an archive made by this version
            else:
                command.upgrade(config, revision)
            size, index = _compacted(copy, Path(folder))
            rows.append((revision, size, index))
        database.close()
    print(f"{archive.name}: {meetings:,} meetings")
    for revision, size, index in rows:
        print(
            f"  {revision}: {size / meetings / 1024:.1f} KiB per meeting,"
            f" search index {index / size:.0%} of {size / 2**20:,.0f} MiB"
        )
    print(f"  after / before: {rows[1][1] / rows[0][1]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archives", type=Path, nargs="+")
    parser.add_argument("--before", default="0007", help="the revision to compare with")
    args = parser.parse_args()
    for archive in args.archives:
        measure(archive, args.before)


if __name__ == "__main__":
    main()
