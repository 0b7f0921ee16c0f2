"""How long quitting takes once the last save has finished, beside the cost of starting.

Each run is a real process (``python benchmarks/quit.py --child``): the window opens on a
copy of an archive with the sample meeting, the preview open, a word typed in the notes and
saved; then the clock starts and Ctrl+Q is pressed, and it stops when the process has
exited. The same process's start (window shown) is timed beside it, as the floor the machine
sets on the day. The issue's bar: quit under 0.5 s (it took 2-3 s).

    python benchmarks/quit.py [--archive A.sqlite3] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402 (after the path is set)
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from models import services  # noqa: E402
from models.database import Database  # noqa: E402
from models.interchange import read_meeting_file  # noqa: E402
from rrb_desktop.app import end_process  # noqa: E402
from ui.common.settings import Settings  # noqa: E402
from ui.editor.session import SaveState  # noqa: E402
from ui.shell.main_window import MainWindow  # noqa: E402

QUIT_MARK = "QUIT "
SHOWN_MARK = "SHOWN "


def child(archive: Path, settings_folder: Path, *, python_teardown: bool) -> None:
    """Open, type, wait for the save, print the time, quit: run in its own process."""
    started = time.perf_counter()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_folder))
    app = QApplication(sys.argv)
    database = Database.open(str(archive))
    if not services.list_meetings(database):
        services.import_meeting(database, read_meeting_file(ROOT / "resources/sample_meeting.json"))
    window = MainWindow(database, Settings(QSettings()))
    window.show()
    print(SHOWN_MARK, time.perf_counter() - started, flush=True)

    def type_then_quit() -> None:
        window.preview_action.trigger()
        editor = window.editor
        editor.show_tab(editor.agenda_page, focus=True)
        QTest.keyClicks(editor.agenda.notes_edit, " typed")
        editor.flush()
        while editor.save_state is not SaveState.SAVED:
            app.processEvents()
        for _ in range(20):  # let the preview and the archive catch up
            app.processEvents()
        print(QUIT_MARK, time.time(), flush=True)
        window.quit_action.trigger()

    QTimer.singleShot(200, type_then_quit)
    status = app.exec()
    database.close()
    if not python_teardown:
        end_process(status)  # as the app's own run_window ends
    window.deleteLater()  # as it ended before: Python's teardown unwraps every object


def one_run(archive: Path, *, python_teardown: bool = False) -> tuple[float, float]:
    """(seconds to show the window, seconds from Ctrl+Q to the process's exit)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "archive.sqlite3"
        if archive.exists():
            shutil.copy(archive, copy)
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(copy), folder]
            + (["--python-teardown"] if python_teardown else []),
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        assert process.stdout is not None
        shown = pressed = 0.0
        for line in process.stdout:
            if line.startswith(SHOWN_MARK):
                shown = float(line.split()[1])
            elif line.startswith(QUIT_MARK):
                pressed = float(line.split()[1])
        process.wait()
        return shown, time.time() - pressed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=Path("/nonexistent"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", nargs=2, type=Path, metavar=("ARCHIVE", "SETTINGS"))
    parser.add_argument("--python-teardown", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, python_teardown=args.python_teardown)
        return
    runs = [one_run(args.archive) for _ in range(args.runs)]
    before = [one_run(args.archive, python_teardown=True) for _ in range(args.runs)]
    shown = statistics.median(run[0] for run in runs)
    quitting = statistics.median(run[1] for run in runs)
    old = statistics.median(run[1] for run in before)
    print(f"start (window shown): median {shown:.3f} s")
    print(f"quit (Ctrl+Q to exit): median {quitting:.3f} s ({quitting / shown:.2f}x the start)")
    print(f"quit through Python's teardown (as before): median {old:.3f} s")


if __name__ == "__main__":
    main()
