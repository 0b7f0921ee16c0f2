"""Building the QActions of the editor's panels the same way everywhere.

A panel's command (add, delete, move, a status key) is a QAction with a shortcut that only
works where it makes sense (``scope``), so Alt+Down still opens a drop-down in the details
and the P key still types a P in a text field. The main window puts the same actions in its
menus, and Help > Keyboard shortcuts reads them from there; ``where`` tells that list where
a scoped key works ("in the attendee list").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ui.common.icons import Icon, icon

SHORTCUT_WHERE = "shortcut_where"
"""QAction property: where its shortcut works, for the shortcut list ("in the agenda")."""


def scoped_action(
    parent: QObject,
    text: str,
    *,
    shortcut: str | QKeySequence.StandardKey,
    slot: Callable[[], object],
    scope: QWidget,
    tip: str,
    which: Icon | None = None,
    where: str = "",
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> QAction:
    """An action whose shortcut works only while the focus is in ``scope`` (and, with
    ``WidgetWithChildrenShortcut``, its children); its tooltip names the keys."""
    action = QAction(text, parent)
    if which is not None:
        action.setIcon(icon(which))
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(context)
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys})")
    action.setStatusTip(tip)
    if where:
        action.setProperty(SHORTCUT_WHERE, where)
    action.triggered.connect(lambda _checked=False: slot())
    scope.addAction(action)
    return action


def shortcut_where(action: QAction) -> str:
    """The ``where`` an action was made with ("" for a key that works anywhere)."""
    value = action.property(SHORTCUT_WHERE)
    return value if isinstance(value, str) else ""
