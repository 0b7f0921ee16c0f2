"""Compile the app's modules before a benchmark starts processes, as an installed app has them.

An installed app starts from compiled modules: ``pip install`` compiles a wheel's, the bundle
ships them, and an editable install writes each one at its first import. A process started
with ``PYTHONDONTWRITEBYTECODE`` set (some shells and CI images set it) writes none, so every
module edited since its last compile would be compiled again in every process a benchmark
starts, and counted as start-up time.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def compile_bytecode() -> None:
    """Write the compiled form of every module of the app that lacks an up-to-date one."""
    # resources: the recording of our template (exporters.lean) is a module there.
    for package in ("rrb_desktop", "models", "ui", "exporters", "resources"):
        compileall.compile_dir(ROOT / package, quiet=1)
