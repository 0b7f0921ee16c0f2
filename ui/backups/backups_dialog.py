"""File > Backups...: the archive's proven copies, newest first, with date and size.

"Back up now" makes one (checked before it is listed). "Restore..." asks first, then closes
the window the normal way (so unsaved edits are saved or asked about) and leaves the swap to
``rrb_desktop.app``, which puts the copy in place with no connection open and opens the
window again on it. The archive that is replaced is kept aside, never deleted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from models.backups import BackupError, BackupInfo, backup_folder, list_backups, make_backup
from models.database import Database, sqlite_file
from ui.common.dialogs import confirm, show_information, show_problem
from ui.common.layout import hint, vbox

# The QApplication property through which the dialog asks rrb_desktop.app for a restore.
RESTORE_PROPERTY = "rrb-restore-backup"
KIND_LABELS = {"daily": "Daily", "manual": "Made by hand", "before-upgrade": "Before an upgrade"}
# A copy made before archives had a key, listed because no other archive could claim it.
OLDER_MARK = " (older copy, by file name)"


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def request_restore(backup: Path | None) -> None:
    """Tell the app which backup to put in place once the window has closed (None: none)."""
    app = QCoreApplication.instance()
    if app is not None:
        app.setProperty(RESTORE_PROPERTY, "" if backup is None else str(backup))


def take_restore_request() -> Path | None:
    """The backup the user chose to restore, once; None when there is none."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    value = app.property(RESTORE_PROPERTY)
    app.setProperty(RESTORE_PROPERTY, "")
    return Path(value) if isinstance(value, str) and value else None


class BackupsDialog(QDialog):
    """The list of backups of one SQLite archive."""

    def __init__(self, archive: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.setWindowTitle("Backups")
        self.resize(640, 360)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Taken", "Kind", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton("&Back up now")
        self.restore_button = QPushButton("&Restore...")
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.restore_selected)
        self.setLayout(
            vbox(
                hint(f"Copies of {archive}, checked when made, in {backup_folder(archive)}."),
                self.table,
                buttons,
                margins=12,
            )
        )
        self.backups: list[BackupInfo] = []
        self.reload()

    def reload(self) -> None:
        self.backups = list_backups(self.archive)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = (
                info.taken.strftime("%d %B %Y, %H:%M:%S"),
                KIND_LABELS.get(info.kind, info.kind) + (OLDER_MARK if info.older else ""),
                human_size(info.size),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 2:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                cell.setToolTip(str(info.path))
                self.table.setItem(row, column, cell)
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def back_up_now(self) -> None:
        try:
            path = make_backup(self.archive)
        except BackupError as error:
            show_problem(self, "No backup made", str(error))
            return
        self.reload()
        show_information(self, "Backup made", f"The archive was copied and checked: {path}")

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        if not confirm(
            self,
            "Restore this backup?",
            f"Put the backup of {info.taken:%d %B %Y, %H:%M} in place of the archive?",
            "Everything written since then will no longer be in the archive. The current"
            " archive is kept aside beside it, not deleted. The window closes and opens again.",
            accept_label="Restore backup",
        ):
            return
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        request_restore(info.path)
        self.accept()
        if window is not None and not window.close():
            request_restore(None)  # the window stayed open (unsaved work): nothing happens


def show_backups_dialog(parent: QWidget, database: Database) -> None:
    """File > Backups...: the dialog for an SQLite archive; a note for a server database."""
    archive = sqlite_file(database.url)
    if archive is None:
        show_information(
            parent,
            "Backups",
            "This archive is on a database server: its backups are made on the server,"
            " by whoever looks after it.",
        )
        return
    BackupsDialog(archive, parent).exec()
