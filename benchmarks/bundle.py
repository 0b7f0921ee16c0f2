"""The bundle beside the venv: size on disk and start-up time (``make bench-dist``).

``.venv/bin/python benchmarks/bundle.py --bundle dist/rrb-desktop [--runs N]``

Start-up is timed for three things a user does, each as the whole process from launch to
exit, bundle and venv taking turns in one run (the machine is shared and noisy, so the
figures that travel are the medians and their ratio):
- ``--version``: the interpreter and the command line, nothing else;
- ``list``: opening a database (SQLAlchemy, the migration check) and printing it;
- the window: Qt, the main window on that database, shown offscreen and closed
  (``RRB_CLOSE_AFTER_START=1``).
Size is the bundle's folder, the same packed as .tar.gz (what is downloaded), and beside it
what ``pip install`` puts in site-packages for the app and its runtime dependencies.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample_meeting.json"
MIB = 1024 * 1024


def folder_size(folder: Path) -> int:
    """Bytes in the folder's files; a symbolic link (PyInstaller makes some) counts once."""
    return sum(
        path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def packed_size(folder: Path) -> int:
    """Size of the folder as a .tar.gz, written to memory (what a download would weigh)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as archive:
        archive.add(folder, arcname=folder.name)
    return buffer.tell()


def runtime_distributions(name: str = "rrb-desktop") -> dict[str, Distribution]:
    """The app's distribution and every one its runtime requirements pull in (no extras)."""
    found: dict[str, Distribution] = {}
    pending = [name]
    while pending:
        wanted = pending.pop()
        key = re.sub(r"[-_.]+", "-", wanted).lower()
        if key in found:
            continue
        try:
            dist = distribution(wanted)
        except PackageNotFoundError:  # a requirement for another platform or Python
            continue
        found[key] = dist
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            pending.append(re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0])
    return found


def installed_size(dists: dict[str, Distribution]) -> int:
    total = 0
    for dist in dists.values():
        for file in dist.files or []:
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                total += path.stat().st_size
    return total


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "rrb-desktop")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    bundle: Path = args.bundle.resolve()
    program = bundle / ("rrb-desktop-cli.exe" if sys.platform == "win32" else "rrb-desktop")
    if bundle.suffix == ".app":
        program = bundle / "Contents" / "MacOS" / "rrb-desktop"
    if not program.exists():
        print(f"bench-dist: {program}: no bundle there (run `make dist` first)", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="rrb-bench-dist-") as scratch:
        work = Path(scratch)
        db = work / "meetings.sqlite3"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_DATA_HOME": str(work / "data"),
            "XDG_CONFIG_HOME": str(work / "config"),
            "PYTHONPATH": str(ROOT),
        }
        peers = {"bundle": [str(program)], "venv": [sys.executable, "-m", "rrb_desktop"]}
        subprocess.run(
            [*peers["venv"], "--db", str(db), "import", str(SAMPLE)],
            env=env,
            cwd=work,
            check=True,
            capture_output=True,
        )
        cases = {
            "--version": (["--version"], env),
            "list": (["--db", str(db), "list"], env),
            "window shown and closed": (
                ["--db", str(db)],
                env | {"RRB_CLOSE_AFTER_START": "1"},
            ),
        }
        times: dict[tuple[str, str], list[float]] = {}
        for case, (arguments, case_env) in cases.items():
            for command in peers.values():  # one warm-up each: the disk cache, not us
                timed([*command, *arguments], case_env, work)
            for _ in range(args.runs):
                for peer, command in peers.items():
                    times.setdefault((case, peer), []).append(
                        timed([*command, *arguments], case_env, work)
                    )

    print(f"start-up, median of {args.runs} runs each, taking turns (seconds)")
    print(f"{'':26}{'bundle':>9}{'venv':>9}{'bundle/venv':>13}")
    for case in cases:
        bundled = statistics.median(times[(case, "bundle")])
        venv = statistics.median(times[(case, "venv")])
        print(f"{case:26}{bundled:9.2f}{venv:9.2f}{bundled / venv:12.2f}x")

    dists = runtime_distributions()
    print()
    print("size (MiB)")
    print(f"{'bundle folder':40}{folder_size(bundle) / MIB:8.0f}")
    print(f"{'bundle packed (.tar.gz)':40}{packed_size(bundle) / MIB:8.0f}")
    print(f"{'pip install: app + runtime dependencies':40}{installed_size(dists) / MIB:8.0f}")
    print(f"  ({', '.join(sorted(dists))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
