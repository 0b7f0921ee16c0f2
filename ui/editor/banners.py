"""The two boxes at the top of the editor: a save that failed, and a meeting that changed
underneath (another window, another copy of the app, an import) with the person's choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from ui.common.layout import ERROR_COLOUR, hbox

RELOAD_TEXT = "Reload theirs (copy my text)"
RELOAD_TIP = "Show the meeting as saved elsewhere; your unsaved text goes to the clipboard"
KEEP_TIP = "Save your text over the other change, knowingly"


class Banner(QFrame):
    """A coloured box with a line of text (a subclass adds its buttons)."""

    def __init__(self, name: str, colour: str, background: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(
            f"#{name} {{ border: 1px solid {colour}; border-radius: 4px;"
            f" background: {background}; }}"
            f" #{name} QLabel {{ color: {colour}; }}"
        )
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.setVisible(False)


class SaveProblemBanner(Banner):
    """A red box for a save that failed, with a way to retry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("saveProblemBanner", ERROR_COLOUR, "#fdecee", parent)
        self.retry_button = QPushButton("Try again")
        row = hbox(self.label, self.retry_button, margins=8)
        row.setStretch(0, 1)
        self.setLayout(row)

    def show_problem(self, message: str, *, retry: bool = True) -> None:
        """Show a problem; ``retry`` offers "Try again" (saving), which a failed undo or
        structural edit has no use for (the user does it again)."""
        self.label.setText(message)
        self.retry_button.setVisible(retry)
        self.setVisible(True)

    def clear_problem(self) -> None:
        self.label.clear()
        self.setVisible(False)


class ConflictBanner(Banner):
    """The meeting changed underneath: what changed, and the two ways on. Nothing is saved
    until the person chooses, and their text stays on screen meanwhile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("conflictBanner", "#8a5300", "#fff4e0", parent)
        self.reload_button = QPushButton(RELOAD_TEXT)
        self.reload_button.setToolTip(RELOAD_TIP)
        self.keep_button = QPushButton("Keep mine")
        self.keep_button.setToolTip(KEEP_TIP)
        row = hbox(self.label, self.reload_button, self.keep_button, margins=8)
        row.setStretch(0, 1)
        self.setLayout(row)

    def show_conflict(self, message: str, refused: str = "") -> None:
        """Show what changed; ``refused``: the command that was refused for it (say "Delete
        agenda item …"), whose buttons then speak of it, not of typed text to copy."""
        self.label.setText(message)
        if refused:
            verb = refused.split(maxsplit=1)[0] if refused.strip() else "Do it"
            self.reload_button.setText("Show theirs")
            self.reload_button.setToolTip(
                f"Show the meeting as saved elsewhere; not done: {refused}"
            )
            self.keep_button.setText(f"{verb} anyway")
            self.keep_button.setToolTip(f"{refused}, on the meeting as it is now (theirs kept)")
        else:
            self.reload_button.setText(RELOAD_TEXT)
            self.reload_button.setToolTip(RELOAD_TIP)
            self.keep_button.setText("Keep mine")
            self.keep_button.setToolTip(KEEP_TIP)
        self.setVisible(True)

    def clear_conflict(self) -> None:
        self.label.clear()
        self.setVisible(False)
