"""The first lines of every ``rrb-desktop`` process (the commands' entry point, and
``python -m rrb_desktop``), run before the app's modules load, and the last of every command
and window (help and usage errors end through argparse and Python's own exit).

Loading them (SQLAlchemy, PySide6 and the app's own) and building the window make hundreds
of thousands of objects, and Python's cycle collector walked them again and again while
they were made: about a tenth of the window's start (benchmarks/archive.py). Nothing made
then is garbage yet, so the collector is paused until the window is on screen (or, for a
command, until its modules have loaded), then runs over what is made from then on.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys

TYPE_CHECKING = False  # typing's, without loading typing at run time (mypy takes it as True)
if TYPE_CHECKING:
    from typing import NoReturn


def main() -> NoReturn:
    """Run the command (or the window), then end the process (:func:`end_process`)."""
    end_process(run())


def run() -> int:
    """The command's exit status, the app's modules loaded with the collector paused."""
    pause_collection()
    from rrb_desktop.cli import main as cli_main  # noqa: PLC0415 (after the pause, see above)

    return cli_main()


def pause_collection() -> None:
    """Pause the cycle collector for the start (:func:`resume_collection` ends it)."""
    gc.disable()


def resume_collection() -> None:
    """Run the collector again (if :func:`pause_collection` paused it), over what is made
    from now on.

    Everything made during the paused start (modules, the window, its models) lives as long
    as the process, and the collector would walk all of it in the collections that follow,
    the first of them at once: frozen (``gc.freeze``), it is left out of them. A process
    that did not pause (a test's) has nothing of the kind to leave out.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def end_process(status: int) -> NoReturn:
    """Leave at once, once everything is written: the log and the standard streams are
    flushed here; a command has closed the archive and the files it wrote itself, and the
    window its database (``rrb_desktop.app.end_process``, which comes here).

    Python's own teardown frees every object and module one by one, and the cycle collector
    walks them all once more: most of a quit's time for the window (benchmarks/quit.py), and
    a large part of a short command's whole process (benchmarks/export.py), with nothing
    left to save. Leaving without it skips the interpreter's exit handlers, so what they
    would do is done here: logging's (every handler flushed and closed) and the streams'
    last flush. A stream that cannot take it any more (its reader went away, or it was closed)
    is passed over: a command flushed its output as it ended and said then what failed
    (``rrb_desktop.cli_guard.run_guarded``).
    """
    import logging  # noqa: PLC0415 (loaded by then; this module loads first, and stays light)

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # none at all under Windows' pythonw
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(status)
