"""What the window offers when the archive cannot be opened at start.

A damaged archive is not changed; the person chooses: put the newest backup that passes its
check in place (the damaged file is kept aside), open or create another archive file, or
quit. Another program's file or a newer schema gets the same choice minus the restore.
A shared archive on a server that cannot be reached (or refuses the login) is not a
damaged file: the person may try again, correct the server's settings (and password), or
open an archive file instead.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QWidget
from sqlalchemy.engine import make_url

from models.backups import BackupError, BackupInfo, newest_good_backup, restore_backup
from models.connection import ServerSettings, password_for, store_password
from models.database import database_url, sqlite_file
from models.errors import DatabaseOpenError
from ui.common.dialogs import show_problem
from ui.common.layout import vbox
from ui.common.settings import Settings
from ui.connection.server_page import ServerPage


class Choice(Enum):
    RESTORE = "restore"
    OTHER_FILE = "other"
    QUIT = "quit"
    TRY_AGAIN = "again"
    SERVER_SETTINGS = "server"


def ask_about_server(error: DatabaseOpenError, location: str) -> Choice:
    """The server did not let us in: say which and why, in words, with the ways on."""
    try:
        host = make_url(database_url(location)).host or location
    except DatabaseOpenError:
        host = location
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Cannot open the archive",
        f"The shared archive on the server {host} cannot be opened.",
    )
    box.setInformativeText(
        f"{error}\n\nCheck the network connection and the server's settings (address,"
        " user, TLS mode, password), then try again; or open an archive file on this"
        " computer. Nothing has been changed."
    )
    again = box.addButton("Try again", QMessageBox.ButtonRole.AcceptRole)
    settings = box.addButton("Server settings...", QMessageBox.ButtonRole.ActionRole)
    other = box.addButton("Open an archive file...", QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(again)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    for button, choice in (
        (again, Choice.TRY_AGAIN), (settings, Choice.SERVER_SETTINGS), (other, Choice.OTHER_FILE)
    ):  # fmt: skip
        if clicked is button:
            return choice
    return Choice.QUIT


def edit_server_settings(location: str) -> str | None:
    """The server's settings, on their own (the window is not open yet); OK keeps them
    (the password in the keyring) and returns the URL to try next."""
    settings = Settings(QSettings())
    try:
        shown: ServerSettings | None = ServerSettings.from_url(database_url(location))
    except DatabaseOpenError:
        shown = settings.saved_server
    page = ServerPage(
        shown,
        enabled=True,
        password_stored=shown is not None and password_for(shown.url) is not None,
    )
    dialog = QDialog()
    dialog.setWindowTitle("Server settings")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    dialog.setLayout(vbox(page, buttons, margins=12))
    buttons.accepted.connect(lambda: None if page.check() else dialog.accept())
    buttons.rejected.connect(dialog.reject)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return location
    server = page.server()
    settings.set_server(server, enabled=page.enabled)
    if server is None or not page.enabled:
        return location
    if page.password():
        try:
            store_password(server.url, page.password())
        except DatabaseOpenError as failure:
            show_problem(None, "The password could not be kept", str(failure))
    return server.url


def ask_what_to_do(error: DatabaseOpenError, backup: BackupInfo | None) -> Choice:
    """The message naming the file and the problem, with the way(s) out."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open the archive", str(error))
    restore = None
    if backup is not None:
        box.setInformativeText(
            f"The newest good backup was taken on {backup.taken:%d %B %Y at %H:%M}. Restoring"
            " it keeps the current file aside; nothing is deleted."
        )
        restore = box.addButton("Restore newest backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("The file has not been changed.")
    other = box.addButton("Open another archive...", QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or other)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return Choice.RESTORE
    return Choice.OTHER_FILE if clicked is other else Choice.QUIT


def choose_archive_file(parent: QWidget | None, near: Path | None) -> str | None:
    """An existing archive or the name of a new one; None when the person cancels."""
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        "Open or create an archive",
        str(near.parent if near is not None else Path.home()),
        "rrb_desktop archives (*.sqlite3 *.db);;All files (*)",
        "",
        QFileDialog.Option.DontConfirmOverwrite,
    )
    return path or None


def recover(error: DatabaseOpenError, location: str) -> str | None:
    """Ask, act, and return the location to try next (None: quit)."""
    if _on_server(location):
        return _recover_server(error, location)
    damaged = error.damaged_file
    backup = newest_good_backup(damaged) if damaged is not None else None
    choice = ask_what_to_do(error, backup)
    if choice is Choice.RESTORE and damaged is not None and backup is not None:
        try:
            restore_backup(backup.path, damaged)
        except BackupError as failure:
            show_problem(None, "The backup was not restored", str(failure))
        return location
    if choice is Choice.OTHER_FILE:
        return choose_archive_file(None, damaged)
    return None


def _recover_server(error: DatabaseOpenError, location: str) -> str | None:
    choice = ask_about_server(error, location)
    if choice is Choice.TRY_AGAIN:
        return location
    if choice is Choice.SERVER_SETTINGS:
        return edit_server_settings(location)
    if choice is Choice.OTHER_FILE:
        return choose_archive_file(None, None)
    return None


def _on_server(location: str) -> bool:
    """Whether ``location`` names a server (not a file, not a URL that cannot be read)."""
    try:
        return (
            "://" in location
            and sqlite_file(database_url(location)) is None
            and (make_url(database_url(location)).get_backend_name() != "sqlite")
        )
    except DatabaseOpenError:
        return False
