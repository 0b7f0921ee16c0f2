"""Where the open meeting's edits stand, as the window title and the leaving flows say it.

Apart from :mod:`ui.editor.session` (which saves through the ORM) so that the window's
first screen, drawn before SQLAlchemy loads, can name it.
"""

from __future__ import annotations

from enum import Enum

SAVE_WAIT_MS = 200
"""How long a save of the window waits for another program's lock before it counts as
failed: on the GUI thread, a longer wait freezes the typing."""


class SaveState(Enum):
    SAVED = "saved"
    PENDING = "pending"  # typed, waiting for the timer
    REFUSED = "refused"  # a value the form shows in red is held back
    FAILED = "failed"  # the database write failed; everything pending is kept
    CONFLICT = "conflict"  # the meeting changed underneath; the person decides

    @property
    def label(self) -> str:
        """How the window title puts it."""
        return {"saved": "saved", "pending": "saving…"}.get(self.value, "not saved")
