"""The export's zip writer against zipfile: ``.venv/bin/python -m benchmarks.zip_writer``.

For the packages of the sample and the stress note (their entries as ``document_bytes``
orders them), in one run so that the machine's noise falls on every figure alike:

- **writing**: zipfile (as ``document_bytes`` used it before ``exporters.zip_writer``)
  against the writer;
- **importing**: ``import zipfile`` against ``import exporters.zip_writer``, each timed
  inside a fresh process (the two in turn), as a one-shot ``rrb-desktop export`` pays it,
  the app's modules compiled first as an installed app has them (``benchmarks/bytecode.py``).

Medians; not part of the test suite. :func:`zipfile_bytes` is also the tests' reference.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import zipfile
from pathlib import Path

from benchmarks.bytecode import compile_bytecode
from benchmarks.export import SAMPLE, median_seconds, stress_meeting
from exporters.docx_export import build_document
from exporters.package import _entries
from exporters.package_zip import zip_order
from exporters.zip_writer import DateTime, zip_bytes
from models.interchange import read_meeting_file

ROOT = Path(__file__).resolve().parents[1]
DATE_TIME: DateTime = (2025, 6, 19, 13, 30, 4)
# typing and the exporters package are loaded first: every export process has them already.
_TIMED_IMPORT = (
    "import time, typing, exporters; started = time.perf_counter(); import {module}; "
    "print(time.perf_counter() - started)"
)


def zipfile_bytes(entries: list[tuple[str, bytes]], date_time: DateTime) -> bytes:
    """What ``document_bytes`` wrote with zipfile: deflated at level 6, Unix rw-r--r--."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()


def writing_medians(entries: list[tuple[str, bytes]], runs: int) -> tuple[float, float]:
    """zipfile, and the writer, on the same entries (the same bytes)."""
    assert zip_bytes(entries, DATE_TIME) == zipfile_bytes(entries, DATE_TIME)
    return (
        median_seconds(lambda: zipfile_bytes(entries, DATE_TIME), runs),
        median_seconds(lambda: zip_bytes(entries, DATE_TIME), runs),
    )


def import_medians(modules: list[str], runs: int) -> list[float]:
    """The median time of importing each module in a fresh process, the modules in turn."""
    times: list[list[float]] = [[] for _ in modules]
    for _ in range(runs):
        for index, module in enumerate(modules):
            shown = subprocess.run(
                [sys.executable, "-c", _TIMED_IMPORT.format(module=module)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            times[index].append(float(shown.stdout))
    return [statistics.median(each) for each in times]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=101, help="timed runs per figure (default 101)")
    args = parser.parse_args(argv)
    notes = {"sample": read_meeting_file(SAMPLE), "stress": stress_meeting()}
    print("| package | entries | KiB | zipfile | zip_writer |")
    print("|---|---|---|---|---|")
    for name, meeting in notes.items():
        parts = _entries(build_document(meeting))
        entries = [(name, parts[name]) for name in zip_order(parts)]
        size = sum(len(data) for _, data in entries) / 1024
        old, new = writing_medians(entries, args.runs)
        print(
            f"| {name} | {len(entries)} | {size:.0f} | {old * 1000:.2f} ms "
            f"| {new * 1000:.2f} ms ({old / new:.2f}x) |"
        )
    compile_bytecode()
    imports = import_medians(["zipfile", "exporters.zip_writer"], max(args.runs // 3, 5))
    print(f"import zipfile: {imports[0] * 1000:.2f} ms; ", end="")
    print(f"import exporters.zip_writer: {imports[1] * 1000:.2f} ms (fresh processes, medians)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
