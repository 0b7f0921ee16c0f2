"""Starting the window: the Qt application, the database, and the last line of defence.

An unexpected exception in a slot would otherwise print a traceback to a console the user
never sees, or nothing at all; here it is logged to a file and shown as a plain message,
and the window stays open with the text the user typed.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from models.backups import BackupError, daily_backup, restore_backup
from models.database import Database, DatabaseOpenError, sqlite_file
from rrb_desktop import __version__
from rrb_desktop.paths import backup_policy, data_dir
from ui.backups.backups_dialog import take_restore_request
from ui.backups.recovery import recover
from ui.common.dialogs import show_problem
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
    while True:
        database = _open_or_recover(location)
        if database is None:
            return 2
        _daily_backup(database)
        window = MainWindow(database, QSettings(), reopen_after_shown=True)
        window.show()
        status = app.exec()
        database.close()
        window.deleteLater()
        backup = take_restore_request()
        if backup is None:
            return status
        _restore(backup, database)


def _open_or_recover(location: str) -> Database | None:
    """Open the archive; when it cannot be, offer its newest good backup or another file."""
    current: str | None = location
    while current is not None:
        try:
            return Database.open(current)
        except DatabaseOpenError as error:
            log.warning("cannot open %s: %s", current, error)
            current = recover(error, current)
    return None


def _daily_backup(database: Database) -> None:
    """The first start of each day makes a proven copy; a failure is said, not fatal."""
    archive = sqlite_file(database.url)
    if archive is None:
        return
    try:
        daily_backup(archive, policy=backup_policy())
    except BackupError as error:
        log.warning("daily backup failed: %s", error)
        show_problem(None, "No backup was made today", str(error))


def _restore(backup: Path, database: Database) -> None:
    """Put the chosen backup in place, with the window closed and no connection open."""
    archive = sqlite_file(database.url)
    if archive is None:
        return
    try:
        kept = restore_backup(backup, archive)
    except BackupError as error:
        show_problem(None, "The backup was not restored", str(error))
        return
    log.info("restored %s over %s (kept aside as %s)", backup, archive, kept)
