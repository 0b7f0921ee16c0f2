"""Icons for actions and buttons, from the desktop's icon theme or else Qt's own set.

The app ships no icon files of its own: a freedesktop theme icon looks native on Linux, and
the QStyle standard pixmaps are there on every platform, so a button never ends up blank.
Every button that shows an icon also has a text, so an icon is never the only label.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

_Theme = QIcon.ThemeIcon
_Pixmap = QStyle.StandardPixmap


class Icon(Enum):
    """The icons the window uses: (theme icon, QStyle fallback)."""

    NEW_MEETING = (_Theme.DocumentNew, _Pixmap.SP_FileIcon)
    OPEN = (_Theme.DocumentOpen, _Pixmap.SP_DialogOpenButton)
    IMPORT = (_Theme.DocumentOpen, _Pixmap.SP_DialogOpenButton)
    EXPORT = (_Theme.DocumentSaveAs, _Pixmap.SP_DialogSaveButton)
    SAVE = (_Theme.DocumentSave, _Pixmap.SP_DialogSaveButton)
    DELETE = (_Theme.EditDelete, _Pixmap.SP_TrashIcon)
    ADD_ITEM = (_Theme.ListAdd, _Pixmap.SP_FileDialogNewFolder)
    MOVE_UP = (_Theme.GoUp, _Pixmap.SP_ArrowUp)
    MOVE_DOWN = (_Theme.GoDown, _Pixmap.SP_ArrowDown)
    QUIT = (_Theme.ApplicationExit, _Pixmap.SP_DialogCloseButton)
    ABOUT = (_Theme.HelpAbout, _Pixmap.SP_MessageBoxInformation)
    WARNING = (_Theme.DialogWarning, _Pixmap.SP_MessageBoxWarning)
    SAMPLE = (_Theme.DocumentOpen, _Pixmap.SP_DialogOpenButton)


def icon(which: Icon) -> QIcon:
    """The theme's icon when the desktop has one, else the style's standard pixmap."""
    theme_icon, fallback = which.value
    themed = QIcon.fromTheme(theme_icon)
    if not themed.isNull():
        return themed
    return QApplication.style().standardIcon(fallback)
