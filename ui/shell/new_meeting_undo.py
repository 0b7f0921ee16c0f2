"""File > New meeting (Ctrl+N) and New meeting from previous (Ctrl+Alt+N) as undo steps: Edit >
Undo New meeting (or Undo New meeting from previous) removes the meeting just made, with what
it was made with (the attendees and the two standard items copied from the previous meeting,
whose own rows are untouched), while it is still as it was made, and shows the meeting open
before again; Redo makes it again, with the same IDs. Both commands push one step, built the
same way (:meth:`NewMeetingUndo._push_made_step`); only the making again differs.

**Where the step lives.** It is the first step of the new meeting's own stack (the editor's
:class:`ui.common.undo.UndoHistory`), pushed once the meeting is open, not a stack of the
window's beside it: so the typing done in the new meeting is walked back first, in order,
with the same keys and the same Edit menu, and the last Ctrl+Z reaches "New meeting". Undoing
it opens the meeting before (or none) *keeping* the stack (:meth:`UndoHistory.kept`), which
is all that is left of the new meeting once it is deleted: Redo then makes the meeting again
under its old ID (as an undone deletion restores a row's ID; a meeting from the previous one
with its attendees' and items' IDs too, and only while the previous meeting would give the
same meeting: :func:`models.next_meeting.make_again`), reopens it, and the typing
steps above it can be redone on it in turn. Anything done in the meeting shown meanwhile
(a key typed, a command) empties the redo side, as it would anywhere; opening yet another
meeting empties the stack, as it always does. The meeting open before Ctrl+N gets no stack
back: its steps were forgotten when the new one opened, as for any change of meeting.

**Never losing typing.** The deletion is refused unless the meeting is exactly as it was
made (:func:`models.services.meetings.delete_new_meeting`): a change that undo did not take
back (a refused step, a change saved by another window) keeps the meeting, and so does typing
held back on screen (a time such as ``14:``); the refusal is told as any failed step is, and
drops the step, as a failure does (Del still deletes the meeting, after asking). What is
being typed is saved first (the history's ``prepare``), as a step of its own, so Ctrl+Z
takes that back before the meeting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from models import services
from models.errors import StorageError
from models.services import NotFoundError, ValidationError
from ui.shell.window_open import OpenMeetingWindow

if TYPE_CHECKING:
    from models.meeting_doc import MeetingDoc
    from models.next_meeting import MadeFromPrevious

NEW_MEETING_STEP = "New meeting"
NEXT_MEETING_STEP = "New meeting from previous"


@dataclass(frozen=True)
class ShownBefore:
    """What the window showed when Ctrl+N was pressed, to show it again on undo."""

    meeting_id: int | None
    unlocked_id: int | None  # a final meeting being edited stays unlocked
    page: QWidget | None  # the editor's tab (the cursor goes back where it was on it)
    row: int  # the agenda item selected (-1: none)


class NewMeetingUndo(OpenMeetingWindow):
    """The undo step of a new meeting (see the module's docstring)."""

    def _shown_now(self) -> ShownBefore:
        """Before a new meeting is made: what is shown, for its undo."""
        editing = self.editor.meeting_id is not None
        return ShownBefore(
            self.open_meeting_id,
            self._unlocked_id,
            self.editor.tabs.currentWidget() if editing else None,
            self.editor.agenda.list_view.currentIndex().row() if editing else -1,
        )

    def _push_new_meeting_step(self, meeting_id: int, before: ShownBefore) -> None:
        """The meeting just made by Ctrl+N and opened: its undo step, the first on its stack;
        the redo makes it again, empty, under the same ID."""
        # Here, not at the top: the window is painted before SQLAlchemy loads (MainWindow).
        from models.services.meetings import create_meeting  # noqa: PLC0415

        database = self._database

        def make_again(as_made: MeetingDoc) -> None:
            create_meeting(
                database,
                date=as_made.date,
                board=as_made.board,
                style=as_made.style,
                mode=as_made.mode,
                meeting_id=meeting_id,
            )

        self._push_made_step(NEW_MEETING_STEP, meeting_id, before, make_again)

    def _push_next_meeting_step(self, made: MadeFromPrevious, before: ShownBefore) -> None:
        """The meeting just made by Ctrl+Alt+N and opened: the same step as Ctrl+N's; the
        redo makes it again from the same previous meeting, its rows under the same IDs."""
        from models.next_meeting import make_again  # noqa: PLC0415 (as above)

        database = self._database
        self._push_made_step(
            NEXT_MEETING_STEP,
            made.meeting_id,
            before,
            lambda as_made: make_again(database, made, as_made),
        )

    def _push_made_step(
        self,
        text: str,
        meeting_id: int,
        before: ShownBefore,
        make_again: Callable[[MeetingDoc], None],
    ) -> None:
        """A new meeting's step (see the module's docstring): its undo deletes the meeting
        while it is as made; its redo is ``make_again(as_made)``."""
        from models.services.meetings import delete_new_meeting  # noqa: PLC0415 (as above)

        database = self._database
        try:
            as_made = services.meeting_doc(database, meeting_id)
        except (StorageError, NotFoundError):
            return  # cannot be told apart from a changed meeting later: no undo, no risk

        def redo() -> bool:
            if self._unsaved_here():  # held back (refused) in the meeting shown
                raise ValidationError(
                    "meeting", "the meeting shown has changes that could not be saved yet"
                )
            make_again(as_made)
            return True

        def remove() -> bool:
            if self._unsaved_here():  # typed, held back (a time such as "14:")
                raise ValidationError(
                    "meeting", "the new meeting holds typing that is not saved yet"
                )
            delete_new_meeting(database, meeting_id, as_made)
            return False

        history = self.editor.history
        history.push_done(
            text,
            do=redo,
            undo=remove,
            refresh=lambda made: history.after_step(
                partial(self._new_meeting_stepped, meeting_id, before, made=made)
            ),
        )

    def _unsaved_here(self) -> bool:
        """Whether the meeting shown holds typing not in the database (held back, refused)."""
        return self.editor.has_pending_edits() or bool(self.editor.unsaved_problems())

    def _new_meeting_stepped(self, meeting_id: int, before: ShownBefore, *, made: bool) -> None:
        """Once the step is done: the meeting made again shown, or the one before it."""
        with self.editor.history.kept():
            if made:
                self._reload_list()
                self.archive.reveal(meeting_id)
                if self.open_meeting(meeting_id):
                    self.editor.focus_first_field()
                return
            self.editor.close_meeting()  # deleted: nothing of it is pending
            self.final_view.clear()
            self.preview.set_meeting(None)
            self._unlocked_id = before.unlocked_id
            self._reload_list()
            if before.meeting_id is None or not self.open_meeting(before.meeting_id):
                self._update_page()
                self.meeting_list.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self._show_again(before)

    def _show_again(self, before: ShownBefore) -> None:
        """The meeting open before Ctrl+N, at its item and tab, the cursor where it was."""
        if self.read_only or before.page is None:
            self._focus_open_meeting()
            return
        model = self.editor.agenda.list_view.model()
        if 0 <= before.row < model.rowCount():
            self.editor.agenda.list_view.setCurrentIndex(model.index(before.row, 0))
        self.editor.show_tab(before.page, focus=True)
