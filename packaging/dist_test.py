"""Smoke test of the built bundle: ``make dist-test`` (``python packaging/dist_test.py BUNDLE``).

Runs the bundle as a user would, twice: where it was built, then from a copy in another
folder with a space in its name. Each time, with no virtual environment on ``PATH``, no
``PYTHONPATH`` and a working folder outside the project, it prints ``--version``, imports
the sample meeting, exports it to .docx and .json, and opens the window offscreen and closes
it (``RRB_CLOSE_AFTER_START=1``). On Linux, when it may, the copy runs with the project, the
virtual environment and Python's standard library hidden behind empty folders, so a path
from the build machine fails.

Then it checks what the README promises: the two runs gave the same results; the bundle
and ``pip install`` use one database (the bundle imports into the default database, the
venv's ``rrb-desktop list`` sees it); the bundle never wrote into its own folder.

Standard library only, so that it can check a bundle on a machine with any Python 3.11+.
Exit 0 when all passed; otherwise one line per failure and exit 1.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample_meeting.json"
WINDOW_TIMEOUT_S = 120
COMMAND_TIMEOUT_S = 120


class CheckError(Exception):
    """One line saying what the bundle did wrong."""


@dataclass(frozen=True)
class Programs:
    """The bundle's command-line program and its window program (one file except on Windows)."""

    cli: Path
    window: Path

    @classmethod
    def in_bundle(cls, bundle: Path) -> Programs:
        if bundle.suffix == ".app":
            program = bundle / "Contents" / "MacOS" / "rrb-desktop"
            return cls(program, program)
        if sys.platform == "win32":
            return cls(bundle / "rrb-desktop-cli.exe", bundle / "rrb-desktop.exe")
        return cls(bundle / "rrb-desktop", bundle / "rrb-desktop")


def clean_environment(home: Path) -> dict[str, str]:
    """What a user's session would have: system folders on PATH, no Python settings at all.

    The data and settings folders point into ``home`` (Linux; platformdirs reads them), so
    the test never touches the real user's archive.
    """
    keep = ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "TEMP", "TMP", "LANG")
    keep += ("USERPROFILE", "APPDATA", "LOCALAPPDATA")  # Windows: the user's folders
    env = {name: os.environ[name] for name in keep if name in os.environ}
    system_path = os.pathsep.join(
        [r"C:\Windows\System32", r"C:\Windows"]
        if sys.platform == "win32"
        else ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
    )
    env |= {
        "PATH": system_path,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    (home / "runtime").mkdir(parents=True, mode=0o700, exist_ok=True)
    return env


def hiding_prefix(folders: list[Path]) -> list[str]:
    """A command prefix that runs a program with ``folders`` covered by empty ones (Linux, root).

    Empty when this cannot be done here; the relocated run is then still a real test of the
    copy, only without the proof that nothing is read from the build folders.
    """
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return []
    mounts = " && ".join(f'mount -t tmpfs tmpfs "${index}"' for index in range(1, len(folders) + 1))
    script = f'{mounts} && shift {len(folders)} && exec "$@"'
    prefix = ["unshare", "--mount", "sh", "-c", script, "hide", *map(str, folders)]
    trial = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    return prefix if trial.returncode == 0 else []


def shown(command: list[str]) -> str:
    """The command as a person would type it: from the program on, file names without folders."""
    start = next(
        (i for i, arg in enumerate(command) if Path(arg).name.startswith(("rrb-desktop", "py"))),
        0,
    )
    return " ".join(Path(arg).name if os.sep in arg else arg for arg in command[start:])


def run(
    command: list[str], env: dict[str, str], cwd: Path, timeout: float = COMMAND_TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    try:
        result = subprocess.run(
            command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise CheckError(f"{shown(command)}: still running after {timeout} s") from None
    if result.returncode != 0 or "Traceback" in result.stderr:
        said = [line for line in result.stderr.splitlines() if line and "[PYI-" not in line]
        last = (said or ["(no message)"])[-1]
        raise CheckError(f"{shown(command)}: exit {result.returncode}: {last}")
    return result


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file in the bundle with its size and modification time, and every folder."""
    return {
        str(path.relative_to(folder)): (
            (path.stat().st_size, path.stat().st_mtime_ns) if path.is_file() else (0, 0)
        )
        for path in folder.rglob("*")
        if not path.is_symlink()
    }


def source_version() -> str:
    """The version the checkout declares (``VERSION`` in ``rrb_desktop/__init__.py``, where
    the package metadata takes it from), read without importing the checkout's code."""
    tree = ast.parse((ROOT / "rrb_desktop" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == [
            "VERSION"
        ]:
            return str(ast.literal_eval(node.value))
    raise CheckError("rrb_desktop/__init__.py declares no VERSION")


def exercise(bundle: Path, work: Path, prefix: list[str]) -> dict[str, str]:
    """Run every check against ``bundle``; return what a second copy must reproduce."""
    programs = Programs.in_bundle(bundle)
    env = clean_environment(work / "home")
    db = work / "meetings.sqlite3"
    cli = [*prefix, str(programs.cli)]

    version = run([*cli, "--version"], env, work).stdout.strip()
    if version != f"rrb-desktop {source_version()}":
        raise CheckError(f"--version printed {version!r}")

    sample = work / "sample meeting.json"
    shutil.copyfile(SAMPLE, sample)
    imported = run([*cli, "--db", str(db), "import", str(sample)], env, work).stdout
    meeting_id = imported.split("\t")[0]

    note = work / "note.docx"
    run([*cli, "--db", str(db), "export", meeting_id, "--out", str(note)], env, work)
    with zipfile.ZipFile(note) as package:
        body = package.read("word/document.xml").decode("utf-8")
    theme = json.loads(SAMPLE.read_text(encoding="utf-8"))["theme"]
    if theme not in body:
        raise CheckError(f"{note.name}: the meeting's theme {theme!r} is not in the document")

    back = work / "back.json"
    run([*cli, "--db", str(db), "export", meeting_id, "--out", str(back)], env, work)
    if json.loads(back.read_text(encoding="utf-8")) != json.loads(
        SAMPLE.read_text(encoding="utf-8")
    ):
        raise CheckError(f"{back.name}: the exported JSON differs from the sample imported")

    window_env = env | {"RRB_CLOSE_AFTER_START": "1"}
    run([*prefix, str(programs.window), "--db", str(db)], window_env, work, WINDOW_TIMEOUT_S)
    listing = run([*cli, "--db", str(db), "list"], env, work).stdout

    # No --db: the default database in the user's data folder, shared with pip installs.
    run([*cli, "import", str(sample)], env, work)
    return {"version": version, "imported": imported, "list": listing, "json": back.read_text()}


def shares_database_with_pip_install(work: Path) -> None:
    """The venv's program reads the default database the bundle just wrote."""
    env = clean_environment(work / "home")
    env["PYTHONPATH"] = str(ROOT)
    listing = run([sys.executable, "-m", "rrb_desktop", "list"], env, work).stdout
    if json.loads(SAMPLE.read_text(encoding="utf-8"))["date"] not in listing:
        raise CheckError("pip-installed rrb-desktop does not see what the bundle imported")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="dist/rrb-desktop, or the .app on macOS")
    args = parser.parse_args()
    bundle: Path = args.bundle.resolve()
    if not bundle.is_dir():
        print(f"dist-test: {bundle}: no bundle there (run `make dist` first)", file=sys.stderr)
        return 1
    before = snapshot(bundle)
    checks: dict[str, str | None] = {}  # check -> why it failed, or None
    with tempfile.TemporaryDirectory(prefix="rrb-dist-test-") as scratch:
        scratch_path = Path(scratch)
        relocated = scratch_path / "moved here" / bundle.name
        shutil.copytree(bundle, relocated, symlinks=True)
        # the project, the venv, and the Python it was made from
        hidden = [ROOT, Path(sys.prefix).resolve(), Path(sysconfig.get_paths()["stdlib"])]
        prefix = hiding_prefix(hidden)
        results = {}
        for label, where, run_prefix in [("built", bundle, []), ("relocated", relocated, prefix)]:
            work = scratch_path / label
            work.mkdir()
            try:
                results[label] = exercise(where, work, run_prefix)
                shares_database_with_pip_install(work)
                checks[f"{label} at {where}"] = None
            except CheckError as failure:
                checks[f"{label} at {where}"] = str(failure)
        if len(results) == 2:
            same = results["built"] == results["relocated"]
            checks["relocated copy gives the same results"] = None if same else "they differ"
    if prefix:
        print(f"note  the relocated copy ran with {' and '.join(map(str, hidden))} hidden")
    else:
        print("note  could not hide the build folders (needs Linux, root and unshare)")
    unchanged = snapshot(bundle) == before
    checks["the bundle did not write into its own folder"] = None if unchanged else "it did"
    for check, failure in checks.items():
        print(f"ok    {check}" if failure is None else f"FAIL  {check}: {failure}")
    failed = sum(failure is not None for failure in checks.values())
    print(f"dist-test: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
