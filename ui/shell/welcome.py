"""What the right side shows when no meeting is open: on a first start, how to begin."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.common.icons import Icon, icon
from ui.common.layout import container, hbox, heading, hint, vbox

FIRST_START = (
    "Take the minutes of a Reducing Reoffending Board meeting here, then export the Public"
    " Note to Word. There are no meetings yet: start a new one, or load a fictional sample"
    " meeting to see what a finished one looks like."
)
NONE_OPEN = (
    "No meeting is open. Choose one in the list on the left and press Enter (Ctrl+O takes"
    " you to the list), or start a new one."
)


class WelcomePage(QWidget):
    """A short welcome and the two ways to start; the buttons are wired by the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("Welcome to RRB Desktop")
        self.text = hint(FIRST_START)
        self.sample_button = QPushButton(icon(Icon.SAMPLE), "Load the &sample meeting")
        self.new_button = QPushButton(icon(Icon.NEW_MEETING), "&New meeting")
        self.sample_button.setDefault(True)
        column = vbox(self.title, self.text, hbox(self.sample_button, self.new_button, "stretch"))
        column.setSpacing(12)
        box = container(column)
        box.setFixedWidth(520)  # a fixed width lets the wrapped text take its full height
        # Centred by stretches, not an alignment flag: with one, the layout would ignore the
        # height the wrapped text needs at this width and cut it off.
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(hbox("stretch", box, "stretch"))
        outer.addStretch(2)
        QWidget.setTabOrder(self.sample_button, self.new_button)

    def set_has_meetings(self, has_meetings: bool) -> None:
        """First start (no meetings at all) or just nothing open: the text differs."""
        self.title.setText("No meeting open" if has_meetings else "Welcome to RRB Desktop")
        self.text.setText(NONE_OPEN if has_meetings else FIRST_START)
