"""Starting the window: the Qt application, the database, and the last line of defence.

An unexpected exception in a slot would otherwise print a traceback to a console the user
never sees, or nothing at all; here it is logged to a file and shown as a plain message,
and the window stays open with the text the user typed.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from importlib.resources import files
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from models.database import Database, DatabaseOpenError
from rrb_desktop import __version__
from rrb_desktop.paths import data_dir
from ui.shell.main_window import MainWindow

log = logging.getLogger("rrb_desktop")

# Set to 1, the window opens, then closes itself the way Ctrl+Q does, and the exit status says
# whether it all worked: how IT checks a deployed install, and how `make dist-test` checks the
# bundle, with no one at the keyboard.
CLOSE_AFTER_START_ENV = "RRB_CLOSE_AFTER_START"
APP_ICON_RESOURCE = "rrb-desktop.png"


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
    QApplication.setWindowIcon(QIcon(str(files("resources").joinpath(APP_ICON_RESOURCE))))
    sys.excepthook = _show_unexpected_error
    try:
        database = Database.open(location)
    except DatabaseOpenError as error:
        QMessageBox.critical(None, "Cannot open the database", str(error))
        return 2
    window = MainWindow(database, QSettings(), reopen_after_shown=True)
    window.show()
    if os.environ.get(CLOSE_AFTER_START_ENV) == "1":
        # Queued after the last meeting reopens (also a queued call), so that is checked too.
        QTimer.singleShot(0, window.quit_action.trigger)
    status = app.exec()
    database.close()
    return status
