"""Starting the window: the Qt application, the database, and the last line of defence.

An unexpected exception in a slot would otherwise print a traceback to a console the user
never sees, or nothing at all; here it is logged to a file and shown as a plain message,
and the window stays open with the text the user typed.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from models.database import Database, DatabaseOpenError
from rrb_desktop import __version__
from rrb_desktop.paths import data_dir
from ui.shell.main_window import MainWindow

log = logging.getLogger("rrb_desktop")


def _configure_logging() -> None:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=folder / "rrb-desktop.log",
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _show_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
    QMessageBox.critical(
        QApplication.activeWindow(),
        "Something went wrong",
        "rrb_desktop hit an unexpected problem and did not finish what you asked.\n\n"
        f"{kind.__name__}: {error}\n\n"
        f"Your saved work is safe. Details are in {data_dir() / 'rrb-desktop.log'}.",
    )


def run_window(location: str) -> int:
    """Open the main window on the database at ``location``; returns the exit status."""
    _configure_logging()
    QCoreApplication.setOrganizationName("rrb-desktop")
    QCoreApplication.setApplicationName("rrb-desktop")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv)
    sys.excepthook = _show_unexpected_error
    try:
        database = Database.open(location)
    except DatabaseOpenError as error:
        QMessageBox.critical(None, "Cannot open the database", str(error))
        return 2
    window = MainWindow(database, QSettings(), reopen_after_shown=True)
    window.show()
    status = app.exec()
    database.close()
    return status
