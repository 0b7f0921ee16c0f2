"""What each part of an export's start costs: ``.venv/bin/python -m benchmarks.start_parts``.

A whole ``rrb-desktop export`` of the sample takes longer than pandoc's whole process
(``benchmarks/export.py``), and most of it is start-up. This says which parts of the start
would have to go for it to catch up, in one run so that the machine's noise falls on every
figure alike:

- **whole processes, in turn**: one that imports the standard library modules the sample's
  export imports (the list taken from a real export, as ``benchmarks/export.py`` takes its
  floors), and one for each part below that imports the same list without that part's
  modules. The difference of the medians is what the part costs a process to import.
- **in the export's own process**: the time Python spends making the app's value classes
  (``NamedTuple``) as their modules load, and building the command line's parser and
  parsing an export's arguments. Medians of fresh processes, each timing itself.

A part's modules are named as Python 3.11 imports them (``logging`` imports ``traceback``,
which imports ``linecache``, ``tokenize`` and ``textwrap``). An export no longer imports
``dataclasses`` (and ``inspect``) or ``platformdirs`` (and ``tempfile``): those parts went
(see the README). Not part of the test suite: speed depends on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.bytecode import compile_bytecode
from benchmarks.export import (
    IMPORT_EACH,
    SAMPLE,
    alternate_medians,
    import_meetings,
    installed_command,
    modules_imported_by,
    script_output,
)
from models.interchange import read_meeting_file

PARTS = {
    "argparse, and the gettext and locale it imports": "argparse gettext locale _locale",
    "logging, and the threading and traceback it imports": (
        "logging threading traceback linecache tokenize token textwrap string _string weakref"
        " _weakrefset atexit"
    ),
    "pathlib, and the urllib.parse it imports": (
        "pathlib urllib urllib.parse ipaddress ntpath fnmatch"
    ),
    "typing": "typing _typing typing.io typing.re",
}

# Run as ``rrb-desktop`` runs, timing what it does inside: the value classes' making (every
# ``NamedTupleMeta.__new__`` call, which is all a ``NamedTuple`` class statement does beyond
# a plain class) and the command line's parser.
_TIME_INSIDE = """
import sys, time, typing
spent = {"classes": 0.0, "parser": 0.0}
make_class = typing.NamedTupleMeta.__new__
def timed_make_class(*args, **kwargs):
    started = time.perf_counter()
    try:
        return make_class(*args, **kwargs)
    finally:
        spent["classes"] += time.perf_counter() - started
typing.NamedTupleMeta.__new__ = timed_make_class
from rrb_desktop import cli
started = time.perf_counter()
cli.build_parser().parse_args(sys.argv[1:])
spent["parser"] = time.perf_counter() - started
sys.argv = ["rrb-desktop", *sys.argv[1:]]
from rrb_desktop.launch import run
run()
print("spent:", spent["classes"], spent["parser"])
"""


def standard_modules(modules: list[str]) -> list[str]:
    return [name for name in modules if name.partition(".")[0] in sys.stdlib_module_names]


def measure(runs: int) -> None:
    command, env = installed_command()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database, (meeting_id,) = import_meetings(folder, [read_meeting_file(SAMPLE)])
        arguments = ["--db", str(database), "export", str(meeting_id)]
        arguments += ["--out", str(folder / "note.docx")]
        standard = standard_modules(modules_imported_by(arguments, env))
        commands = [[*command, *arguments], [sys.executable, "-c", "pass"]]
        commands.append([sys.executable, "-c", IMPORT_EACH, *standard])
        for modules in PARTS.values():
            left = [name for name in standard if name not in modules.split()]
            commands.append([sys.executable, "-c", IMPORT_EACH, *left])
        times = [median * 1000 for median in alternate_medians(commands, runs, env)]
        export, python, everything, *without = times
        print(f"Whole processes, medians of {runs} in turn:")
        print(f"  rrb-desktop export of the sample: {export:.0f} ms")
        print(f"  Python, nothing imported: {python:.0f} ms")
        print(f"  the standard library modules that export imports: {everything:.0f} ms")
        for part, time in zip(PARTS, without, strict=True):
            print(f"    without {part}: {time:.0f} ms (it costs {everything - time:.1f} ms)")
        inside = [_time_inside(arguments, env) for _ in range(runs)]
        making = statistics.median(spent[0] for spent in inside) * 1000
        parsing = statistics.median(spent[1] for spent in inside) * 1000
        print("In the export's own process, medians of", runs, "processes:")
        print(f"  making the app's value classes as their modules load: {making:.1f} ms")
        print(f"  building the command line's parser and parsing the arguments: {parsing:.1f} ms")


def _time_inside(arguments: list[str], env: dict[str, str]) -> tuple[float, float]:
    output = script_output(_TIME_INSIDE, arguments, env)
    making, parsing = output.rsplit("spent:", 1)[1].split()
    return float(making), float(parsing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs of each (default 21)")
    args = parser.parse_args(argv)
    compile_bytecode()
    measure(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
