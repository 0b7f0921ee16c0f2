"""The first lines of every ``rrb-desktop`` process (the commands' entry point, and
``python -m rrb_desktop``), run before the app's modules load.

Loading them (SQLAlchemy, PySide6 and the app's own) and building the window make hundreds
of thousands of objects, and Python's cycle collector walked them again and again while
they were made: about a tenth of the window's start (benchmarks/archive.py). Nothing made
then is garbage yet, so the collector is paused until the window is on screen (or, for a
command, until its modules have loaded), then runs over what is made from then on.
"""

from __future__ import annotations

import gc


def main() -> int:
    pause_collection()
    from rrb_desktop.cli import main as cli_main  # noqa: PLC0415 (after the pause, see above)

    status = cli_main()
    leave_objects_to_exit()
    return status


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


def leave_objects_to_exit() -> None:
    """Spare the process's last moments a walk of every object it holds.

    When the process ends, Python's teardown runs the cycle collector over everything still
    alive (the loaded modules, the command's caches, the name lists of the check), and a
    command is short: that walk was a large part of an export's whole process
    (``benchmarks/export.py``), and found nothing to free. ``gc.freeze`` takes those
    objects out of its way. Nothing is left unwritten: a command closes the archive and the
    files it wrote itself, and logging's exit handler, which still runs, closes the log. (The
    window leaves by ``rrb_desktop.app.end_process`` and does not come back here.)
    """
    gc.freeze()
