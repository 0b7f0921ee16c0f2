"""A status bar's message before its permanent label.

QStatusBar paints a message in the room left of its permanent widgets and cuts it off where
the first one starts: a long message (a refused owner, with how to add it) runs into the
"Database: …" label and loses its end. The message is news and the label is not, so while a
message does not fit beside the label, the label steps aside, and it returns when the
message goes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

MESSAGE_MARGINS = 6 + 12 + 2
"""What QStatusBar keeps around a message: 6 px before, 12 after, 2 before a permanent widget."""


def give_messages_room(bar: QStatusBar, label: QLabel) -> None:
    """Hide ``label`` (a permanent widget of ``bar``) while a message too long to share the
    bar with it is shown."""

    def place(message: str) -> None:
        needed = bar.fontMetrics().horizontalAdvance(message) + MESSAGE_MARGINS
        label.setVisible(not message or needed + label.sizeHint().width() <= bar.width())

    bar.messageChanged.connect(place)
