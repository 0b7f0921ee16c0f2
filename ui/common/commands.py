"""Building the QActions of the editor's panels the same way everywhere.

A panel's command (add, delete, move, a status key) is a QAction with a shortcut that only
works where it makes sense (``scope``), so Alt+Down still opens a drop-down in the details
and the P key still types a P in a text field. The main window puts the same actions in its
menus, and Help > Keyboard shortcuts reads them from there; ``where`` tells that list where
a scoped key works ("in the attendee list").

A scoped key runs only where it is meant to: Qt also counts the key of an action placed in
a menu as the menu bar's own, and the menu bar holds the focus while a menu opened from the
keyboard is shown (or after Alt), so the attendee list's A marked an attendee "apologies"
from the Actions tab, the list out of sight. :class:`_OnlyInScope` refuses a key that
reached the action that way; choosing the command in the menu still runs it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget

from ui.common.icons import Icon, icon

_INSIDE = (Qt.WindowType.Widget, Qt.WindowType.Popup, Qt.WindowType.SubWindow)
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
    _OnlyInScope(action)
    return action


def menu_has_the_keys() -> bool:
    """A menu is open, or the menu bar holds the keyboard (after Alt): a key typed now is
    meant for the menu, not for the widget that had the focus before."""
    return isinstance(QApplication.activePopupWidget(), QMenu) or isinstance(
        QApplication.focusWidget(), QMenuBar
    )


def _focus_in_scope(action: QAction) -> bool:
    """Whether the focus is where ``action``'s key works: in a widget it was added to (that
    widget itself, for a ``WidgetShortcut``), shown, and no menu open."""
    focus = QApplication.focusWidget()
    if focus is None or menu_has_the_keys():
        return False
    only_itself = action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    return any(
        isinstance(scope, QWidget)
        and not isinstance(scope, QMenu)
        and scope.isVisible()
        and (focus is scope or (not only_itself and _inside(focus, scope)))
        for scope in action.associatedObjects()
    )


def _inside(focus: QWidget, scope: QWidget) -> bool:
    """Qt's own rule for a WidgetWithChildrenShortcut: ``focus`` within ``scope``, through a
    drop-down's list (a popup) but not through another window (a dialog)."""
    widget: QWidget | None = focus
    while widget is not None and widget is not scope and widget.windowType() in _INSIDE:
        widget = widget.parentWidget()
    return widget is scope


class _OnlyInScope(QObject):
    """Refuses a scoped action's key when the focus is not in its scope (see the module)."""

    def __init__(self, action: QAction) -> None:
        super().__init__(action)
        action.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Shortcut or not isinstance(watched, QAction):
            return False
        return not _focus_in_scope(watched)  # True: the key does nothing here


def shortcut_where(action: QAction) -> str:
    """The ``where`` an action was made with ("" for a key that works anywhere)."""
    value = action.property(SHORTCUT_WHERE)
    return value if isinstance(value, str) else ""
