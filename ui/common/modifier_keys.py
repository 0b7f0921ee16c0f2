"""The keys that, pressed alone, type nothing: a modifier held for the next key.

xdotool (and a person typing capitals) presses Shift before each capital, as a key event of
its own; code that watches what was typed ignores these, or a capital ends what the key
before it began.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
    }
)
