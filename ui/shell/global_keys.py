"""The window's own keys win over a text field's platform key bindings.

A text field takes the keys of its platform's standard bindings before any window
shortcut (Qt sends it a ShortcutOverride first). Under X11 those bindings include the Emacs
keys: Ctrl+E is "end of line", Ctrl+K "delete to the end", Ctrl+U "delete the line". With
the cursor in the Venue field, Ctrl+E only moved the cursor and Export never opened.

Here a key that the window's table gives a command that works anywhere (a window or
application shortcut, Ctrl+E Export) is refused to the text field, so the command runs.
Under X11 that is Ctrl+E; Ctrl+K, Ctrl+U, Ctrl+D, Ctrl+W and Ctrl+H are the field's, as
the table has no command on them. The field keeps the keys that are
its own wherever the focus is: undo and redo (the undo history hands them on when the
field has nothing left to undo), copy, cut, paste, select all, bold, italic, underline.

The other way round, a key without Ctrl, Alt or Meta typed while a menu is open (or while
the menu bar holds the keyboard, after Alt) is the menu's: its letters, Space and
Del never run a list's command. Qt counts the key of an action in a menu as the menu bar's
own, and the menu bar has the focus while a menu opened from the keyboard is shown: with
the Agenda menu open on the Actions tab, an A marked the selected attendee "apologies" in
the Details tab's list, out of sight (P, X, F2 and Del likewise). A menu opened with the
mouse leaves the focus in the list, whose keys then matched as well.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from ui.common.commands import menu_has_the_keys
from ui.common.first_paint import filter_application_once_shown
from ui.common.undo import REDO_SHORTCUTS, UNDO_SHORTCUTS

_GLOBAL_CONTEXTS = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


@cache
def _field_owned_keys() -> frozenset[QKeySequence]:
    """The keys a text field keeps even when the window has a command on them."""
    standard = QKeySequence.StandardKey
    owned = (
        standard.Undo, standard.Redo, standard.Copy, standard.Cut, standard.Paste,
        standard.SelectAll, standard.Bold, standard.Italic, standard.Underline,
    )  # fmt: skip
    history = (QKeySequence(keys) for keys in (*UNDO_SHORTCUTS, *REDO_SHORTCUTS))
    return frozenset(
        (*(seq for key in owned for seq in QKeySequence.keyBindings(key)), *history)
    )  # the undo history decides between the field's undo and the meeting's (Ctrl+Y too)


def colliding_keys(window: QWidget) -> frozenset[QKeySequence]:
    """The keys of ``window``'s commands that work anywhere in it, less a text field's own.

    Not only the keys that collide with this platform's bindings (Ctrl+E under X11): the
    bindings differ between X11, GNOME, KDE and Windows, and no key of the table is one a
    text field needs, so the rule is the same everywhere."""
    global_keys = {
        sequence
        for action in window.findChildren(QAction)
        if action.shortcutContext() in _GLOBAL_CONTEXTS
        for sequence in action.shortcuts()
        if not sequence.isEmpty()
    }
    return frozenset(global_keys - _field_owned_keys())


class WindowKeysFirst(QObject):
    """Refuses a colliding key's ShortcutOverride to the widgets of ``window`` (see the
    module), so Qt runs the window's shortcut instead; and claims a plain key for an open
    menu, so that no shortcut runs on it.

    Installed on the application once the window is first shown (every event of the app
    passes through an application filter, in Python: not while the window is built)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        filter_application_once_shown(self, window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if not event.modifiers() & _COMMAND_MODIFIERS and menu_has_the_keys():
                event.accept()
                return True  # the menu's: the key goes to it, no shortcut runs
            if self._collides(watched, event):
                event.ignore()
                return True  # not the field's: the shortcut map runs the window's command
        return super().eventFilter(watched, event)

    def _collides(self, watched: QObject, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not modifiers:
            return False  # a plain key (a letter, End) is always the field's
        text = event.text()
        if modifiers == Qt.KeyboardModifier.ShiftModifier and text and text.isprintable():
            return False  # a capital or a symbol being typed: the field's, and cheap to say so
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        return QKeySequence(event.keyCombination()) in colliding_keys(self._window)
