"""File > Import from Word…: the menu's action, made with the window.

The dialog, and with it the Word reader (python-docx), loads when the action is first used:
the window's start never pays for a feature used once in a while.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from models.database import Database


def import_from_word_action(
    parent: QWidget, database: Database, imported: Callable[[], None]
) -> QAction:
    """File > Import from Word...: opens the dialog; ``imported`` runs after any save."""
    action = QAction("Import from &Word…", parent)
    action.setStatusTip("Read published notes from Word files or a folder, review, import")

    def open_dialog() -> None:
        from ui.wordimport.dialog import WordImportDialog  # noqa: PLC0415 (see the docstring)

        dialog = WordImportDialog(database, parent)
        dialog.meetings_imported.connect(lambda _ids: imported())
        dialog.exec()

    action.triggered.connect(open_dialog)
    return action
