"""Starting the window: the Qt application, the database, the log, and the last line of
defence.

An unexpected exception in a slot would otherwise print a traceback to a console the user
never sees, or nothing at all; here it is logged to the log file with its traceback and shown
as a plain message without one, and the window stays open with the text the user typed.
Qt's own warnings (a failed style sheet, a bad signal connection) go to the same file.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Final, NoReturn

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSettings,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

import resources
from models.archive_file import ArchiveFileError, sqlite_file_of
from models.backups import BackupError, daily_backup, daily_backup_due, restore_backup
from models.direct_archive import DirectArchive
from models.direct_read import DirectReadError
from models.errors import DatabaseOpenError
from rrb_desktop import version
from rrb_desktop.launch import end_process as leave_process
from rrb_desktop.launch import resume_collection
from rrb_desktop.logs import configure_logging, log_file
from rrb_desktop.paths import backup_policy, resolve_database
from ui.common import dialogs
from ui.common.dialogs import show_problem
from ui.common.first_paint import AfterFirstPaint
from ui.common.settings import Settings
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from models.database import Database

log = logging.getLogger("rrb_desktop")
qt_log = logging.getLogger("qt")

QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], object]

_QT_LEVELS: Final = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_ERROR_TITLE: Final = "Something went wrong"
_showing_error = False  # one message at a time: a failing paint event must not pile them up

# Set to 1, the window opens, then closes itself the way Ctrl+Q does, and the exit status says
# whether it all worked: how IT checks a deployed install, and how `make dist-test` checks the
# bundle, with no one at the keyboard.
CLOSE_AFTER_START_ENV = "RRB_CLOSE_AFTER_START"
APP_ICON_RESOURCE = "rrb-desktop.png"
OPENING_MESSAGE: Final = "Opening the archive…"
BACKING_UP_MESSAGE: Final = "Making today's backup of the archive…"
UPGRADE_TITLE: Final = "RRB Desktop: bringing the archive up to date"
UPGRADE_NOTICE: Final = (
    "This version keeps the archive in a newer form. A backup is made first, then the archive"
    " is brought up to date: on a large archive this takes a minute or two. The window opens"
    " when it is done."
)
SECOND_STAGE_AT_LATEST_MS: Final = 1000
"""The first screen's database opens at its first paint, or after this if it is never painted."""


def capture_qt_messages() -> QtMessageHandler | None:
    """Send Qt's messages to the log (logger ``qt``); returns the handler this replaced.

    That handler (pytest-qt's, in the tests) still gets every message: capturing must not
    hide a warning from whoever watched for it before.
    """
    previous: QtMessageHandler | None = None

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        where = f" ({context.file}:{context.line})" if context.file else ""
        qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handle)
    return previous


def report_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """``sys.excepthook`` for the window: the traceback to the log, a plain message to the
    user (what happened to their work and where the details are), never the traceback."""
    global _showing_error  # noqa: PLW0603 (one flag for the whole process, by design)
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    log.error("unexpected error", exc_info=(kind, error, trace))
    if QApplication.instance() is None:  # no window to show it in: the console's way
        sys.__excepthook__(kind, error, trace)
        return
    if _showing_error:
        return
    summary = str(error).splitlines()[0][:200] if str(error) else ""
    _showing_error = True
    try:
        dialogs.show_problem(
            QApplication.activeWindow(),
            _ERROR_TITLE,
            "rrb_desktop hit an unexpected problem and did not finish what you asked.",
            "Your saved work is safe and what you typed is still on screen.\n"
            f"The problem was: {kind.__name__}{': ' + summary if summary else ''}.\n"
            f"The details are in the log file {log_file()}.",
        )
    finally:
        _showing_error = False


def window_database(option: str | None, settings: Settings) -> str:
    """Where the window opens: ``--db``, else ``RRB_DATABASE_URL``, else the shared archive
    of File > Settings (its password comes from the keyring), else the file here."""
    server = settings.server
    return resolve_database(option, server_url=server.url if server is not None else None)


def run_window(option: str | None) -> NoReturn:
    """Open the main window on the database ``--db`` names (None: see window_database);
    the process ends with it (:func:`end_process`)."""
    app = start_application()
    location = window_database(option, Settings(QSettings()))
    log.info("rrb-desktop: opening the window on %s", location)
    while True:
        window = start_first_screen(location, Settings(QSettings()))
        if window is None:  # not a file to list that way: the usual way
            database = _open_or_recover(location)
            if database is None:
                end_process(2)
            window = start_window(database)
        if os.environ.get(CLOSE_AFTER_START_ENV) == "1":
            # Once the last meeting has reopened (after the first paint), so that is checked too.
            window.start_finished.connect(_quit_once_started(window))
        status = app.exec()
        opened = window.database
        if opened is None:  # a first screen, closed before its database was in, or refused
            end_process(2 if window.open_failed else status)
        opened.close()
        log.info("window closed (exit status %s)", status)
        window.deleteLater()
        from ui.backups.backups_dialog import take_restore_request  # noqa: PLC0415 (see start_window)

        backup = take_restore_request()
        if backup is None:
            end_process(status)
        _restore(backup, opened)


def _quit_once_started(window: MainWindow) -> Callable[[], None]:
    """Ctrl+Q, as the window's own Quit (which a first screen makes with its database)."""

    def quit_now() -> None:
        window.quit_action.trigger()

    return quit_now


def start_application() -> QCoreApplication:
    """What every start of the window does before an archive opens: the log, Qt's
    application (its names, icon, and messages sent to the log), the last line of defence."""
    configure_logging()
    QCoreApplication.setOrganizationName("rrb-desktop")
    QCoreApplication.setApplicationName("rrb-desktop")
    app = QApplication.instance() or QApplication(sys.argv)
    QApplication.setWindowIcon(QIcon(str(resources.FOLDER / APP_ICON_RESOURCE)))
    capture_qt_messages()
    sys.excepthook = report_unexpected_error
    return app


def start_window(database: Database) -> MainWindow:
    """The day's backup, then the window, shown (``benchmarks/archive.py`` times this path).

    Only what the first screen needs is imported before it is shown: each dialog and rare
    command imports its own modules when first used. The last meeting reopens once the
    meeting list is painted; then the cycle collector resumes (see rrb_desktop.launch) and
    the version (a slow metadata lookup) is logged.
    """
    _daily_backup(database)
    window = MainWindow(database, Settings(QSettings()), reopen_after_shown=True)
    window.start_finished.connect(_started)
    window.show()
    return window


def start_first_screen(location: str, settings: Settings) -> MainWindow | None:
    """The window's first screen, shown: the meeting list of an SQLite archive file read
    without SQLAlchemy (``models.direct_archive``); then, once it is painted, the database
    opened the usual way and the rest of the window (``benchmarks/archive.py`` times this
    path). None, with nothing shown, for anything else: a server, a new file, or a file at
    another schema or refused by the archive check; the usual way opens or explains it.

    What the usual way does before the window (the day's check of every page and backup,
    a damaged file's recovery) comes after the first paint here, before anything can be
    edited, under a wait cursor and a status line that say the window is not ready yet; if
    the archive cannot be opened then, the window goes and the app ends as the usual way
    would (:attr:`MainWindow.open_failed`).
    """
    path = None if "://" in location else sqlite_file_of(location)
    if path is None or not path.is_file():
        return None
    try:
        archive = DirectArchive.open(path)
    except (DirectReadError, ArchiveFileError, OSError) as error:
        log.info("the first screen is read the usual way: %s", error)
        return None
    try:
        window = MainWindow(None, settings, first_list=archive, described=str(archive.path))
    except DirectReadError as error:
        archive.close()
        log.info("the first screen is read the usual way: %s", error)
        return None
    started: list[bool] = []

    def open_database() -> None:
        if started:  # the first paint, or the timer for a window never painted: once
            return
        started.append(True)
        archive.close()
        window.statusBar().showMessage(OPENING_MESSAGE)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        window.statusBar().repaint()
        try:
            database = _open_or_recover(location, refused=window.forget_first_screen)
            opened = None if database is None else database.sqlite_file()
            if database is not None:
                if opened is not None and daily_backup_due(opened):  # a backup chosen, maybe
                    window.statusBar().showMessage(BACKING_UP_MESSAGE)
                    window.statusBar().repaint()
                _daily_backup(database)
        finally:
            QApplication.restoreOverrideCursor()
        if database is None:
            window.open_failed = True
            window.close()
            QCoreApplication.exit(2)
            return
        window.statusBar().clearMessage()
        window.attach_database(database)

    window.start_finished.connect(_started)
    AfterFirstPaint(window.meeting_list.viewport(), open_database)
    # A window that is never painted (started minimised) still opens its database.
    QTimer.singleShot(SECOND_STAGE_AT_LATEST_MS, open_database)
    window.show()
    return window


def _started() -> None:
    resume_collection()
    QCoreApplication.setApplicationVersion(version())
    log.info("rrb-desktop %s: the window is open", version())


def end_process(status: int) -> NoReturn:
    """Leave at once, once everything is written: the database is closed (its last save
    finished, SQLite's checkpoint done), the settings are written here, and the log and the
    streams by :func:`rrb_desktop.launch.end_process` (which says why at once)."""
    QSettings().sync()
    leave_process(status)


def _open_or_recover(
    location: str, *, refused: Callable[[], None] | None = None
) -> Database | None:
    """Open the archive; when it cannot be, offer its newest good backup or another file
    (``refused`` is told first: a first screen stops showing what it read of the file)."""
    from models.database import Database  # noqa: PLC0415 (SQLAlchemy: after the first screen)

    current: str | None = location
    while current is not None:
        try:
            return _open_with_notice(Database, current)
        except DatabaseOpenError as error:
            from ui.backups.recovery import recover  # noqa: PLC0415 (only when it failed)

            log.warning("cannot open %s: %s", current, error)
            if refused is not None:
                refused()
            current = recover(error, current)
    return None


def _open_with_notice(database: type[Database], location: str) -> Database:
    """``Database.open``, with a notice on screen while an upgrade runs (a backup first,
    then the indexes rebuilt: a minute or more on a large archive, with no window yet),
    gone before any question about a file that cannot be opened."""
    notices: list[QWidget] = []

    def upgrading(revision: str) -> None:
        log.info("upgrading %s from schema %s", location, revision)
        notices.append(dialogs.show_busy_notice(UPGRADE_TITLE, UPGRADE_NOTICE))

    try:
        return database.open(location, upgrading=upgrading)
    finally:
        for notice in notices:
            notice.close()


def _daily_backup(database: Database) -> None:
    """The first start of each day makes a proven copy; a failure is said, not fatal."""
    archive = database.sqlite_file()
    if archive is None:
        return
    try:
        daily_backup(archive, policy=backup_policy())
    except BackupError as error:
        log.warning("daily backup failed: %s", error)
        show_problem(None, "No backup was made today", str(error))


def _restore(backup: Path, database: Database) -> None:
    """Put the chosen backup in place, with the window closed and no connection open."""
    archive = database.sqlite_file()
    if archive is None:
        return
    try:
        kept = restore_backup(backup, archive)
    except BackupError as error:
        show_problem(None, "The backup was not restored", str(error))
        return
    log.info("restored %s over %s (kept aside as %s)", backup, archive, kept)
