"""What one autosave costs in the real window, at two archive sizes side by side.

An autosave is the session's flush after a key in the notes (or the venue), with everything
the window does on the "what changed" event: the archive row, the search (shown, with a
query), the preview. The issue's bar: at 30,000 meetings within 1.5x of the cost at 1,000
(it was 0.46 s against about 0.02 s, because every save re-listed the whole archive).
Each figure is the median of many saves after a warm-up.

    python benchmarks/generate_archive.py --out /tmp/a1k.sqlite3 --meetings 1000
    python benchmarks/generate_archive.py --out /tmp/a30k.sqlite3 --meetings 30000
    python benchmarks/autosave.py --small /tmp/a1k.sqlite3 --large /tmp/a30k.sqlite3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402 (after the path is set)
from PySide6.QtWidgets import QApplication  # noqa: E402

from models.database import Database  # noqa: E402
from ui.shell.main_window import MainWindow  # noqa: E402

RUNS = 41


def autosave_ms(db_path: Path, what: str) -> float:
    """Median milliseconds of one save after one key, in a window on a copy of the archive."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "archive.sqlite3"
        shutil.copy(db_path, copy)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        database = Database.open(str(copy))
        window = MainWindow(database, settings)
        window.show()
        window.focus_search()
        window.search_panel.box.setText("housing")
        window.search_panel.run_search()
        editor = window.editor
        timings = []
        for run in range(RUNS + 1):
            if what == "notes":
                text_edit = editor.agenda.notes_editor.text_edit
                text_edit.moveCursor(text_edit.textCursor().MoveOperation.End)
                text_edit.insertPlainText("x")
            else:
                venue = editor.details.venue_edit
                venue.setText(f"Room {run}")
                venue.textEdited.emit(venue.text())
            started = time.perf_counter()
            saved = editor.flush()
            QApplication.processEvents()
            elapsed = (time.perf_counter() - started) * 1000
            assert saved, editor.unsaved_problems()
            if run:  # the first one warms the caches
                timings.append(elapsed)
        window.close()
        database.close()
        return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=Path, required=True, help="e.g. 1,000 meetings")
    parser.add_argument("--large", type=Path, required=True, help="e.g. 30,000 meetings")
    arguments = parser.parse_args()
    QApplication([])
    print(f"{'autosave after a key in':28} {'small':>9} {'large':>9} {'ratio':>6}")
    for what in ("notes", "venue"):
        small = autosave_ms(arguments.small, what)
        large = autosave_ms(arguments.large, what)
        print(f"{what:28} {small:7.1f}ms {large:7.1f}ms {large / small:6.2f}")


if __name__ == "__main__":
    main()
