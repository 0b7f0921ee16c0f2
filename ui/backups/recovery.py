"""What the window offers when the archive cannot be opened at start.

A damaged archive is not changed; the person chooses: put the newest backup that passes its
check in place (the damaged file is kept aside), open or create another archive file, or
quit. Another program's file or a newer schema gets the same choice minus the restore.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from models.backups import BackupError, BackupInfo, newest_good_backup, restore_backup
from models.database import DatabaseOpenError
from ui.common.dialogs import show_problem


class Choice(Enum):
    RESTORE = "restore"
    OTHER_FILE = "other"
    QUIT = "quit"


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
