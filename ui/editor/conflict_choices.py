"""The two ways out of a conflict (the meeting changed underneath while the person typed),
for the meeting editor: the banner's "Reload theirs" and "Keep mine".

Both keep what the person typed, one way or the other: reloading puts it on the clipboard,
keeping saves it over the other change; either way the cursor goes back to the field typed
in. A command refused for the change made elsewhere is offered again by the banner, and run
on the meeting as it is now by "Keep mine".

:class:`ui.editor.meeting_editor.MeetingEditor` builds on this class, which builds on
:class:`ui.editor.typing_undo.TypingUndo`; a file of its own so that the editor stays short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTabWidget, QWidget

from models.edits import Kind, Target
from ui.editor.cursor_keeping import focused_line_edit_kept
from ui.editor.save_state import SaveState
from ui.editor.typing_undo import TypingUndo

if TYPE_CHECKING:
    from models.services import ValidationError
    from ui.editor.actions_panel import ActionsPanel
    from ui.editor.attendees_panel import AttendeesPanel
    from ui.editor.banners import ConflictBanner


class ConflictChoices(TypingUndo):
    """Reload theirs and Keep mine (see the module's docstring)."""

    tabs: QTabWidget
    actions_panel: ActionsPanel
    attendees: AttendeesPanel
    conflict_banner: ConflictBanner
    _tab_focus: dict[QWidget, QWidget]

    # Supplied by :class:`ui.editor.meeting_editor.MeetingEditor`, declared for the checker.
    def open_meeting(
        self, meeting_id: int, *, item_id: int | None = None, keep_place: bool = False
    ) -> None:
        """Show a meeting as saved: the editor's."""
        raise NotImplementedError

    def close_meeting(self) -> None:
        """Show no meeting: the editor's."""
        raise NotImplementedError

    def unsaved_texts(self) -> list[str]:
        """The text typed and not saved (offered to copy before it is given up)."""
        self.session.collect()
        return self.session.pending.texts()

    def reload_theirs(self) -> None:
        """The conflict banner's "Reload theirs": show the meeting as saved elsewhere; what
        the person typed goes to the clipboard, so nothing of theirs is lost either."""
        meeting_id = self.meeting_id
        item_id = self._current_item_id()
        typing_in = self._typing_in()
        refused = self.history.refused
        texts = self.unsaved_texts()
        self.session.reload_theirs()
        self._notes_item_id = None
        if texts:
            clipboard = QGuiApplication.clipboard()
            clipboard.setText("\n\n".join(texts))
        if meeting_id is not None and self.session.meeting_id is not None:
            self.open_meeting(meeting_id, item_id=item_id, keep_place=True)
        else:
            self.close_meeting()
        done = f" Not done: {refused.text}." if refused is not None and not texts else ""
        self.message_posted.emit(
            "Reloaded the meeting as saved elsewhere."
            + done
            + (" Your unsaved text is on the clipboard (Ctrl+V pastes it)." if texts else "")
        )
        self._give_focus_back(typing_in)

    def keep_mine(self) -> None:
        """The conflict banner's "Keep mine": save my text over the other change, then show
        everything else as it is now."""
        item_id = self._current_item_id()
        typing_in = self._typing_in()
        refused = self.history.refused
        kept = self.session.keep_mine() or self.actions_panel.only_cells_held_back()
        if not kept:  # (an action cell's edit gone with its action is said all the same)
            if gone := self.actions_panel.settle_held(self.session.actions_gone):
                self.message_posted.emit(gone)
            self._give_focus_back(typing_in)
            return
        record = self.session.reload_record()
        if record is None:
            return
        with focused_line_edit_kept(self.details):
            self.details.load(record)
        self.agenda_model.set_items(record.agenda)
        row = self.agenda_model.row_of(item_id)
        self._select_item(row if row is not None else (len(record.agenda) - 1) or 0)
        self._refresh_shown_item()  # never the text read before: the next key saves it
        self.attendees.reload()
        self.actions_panel.reload()
        gone = self.actions_panel.settle_held(self.session.actions_gone)
        if gone or refused is None:
            self.message_posted.emit(gone or "Your text was saved over the other change.")
        if refused is not None and refused.again():  # on failure, the history has said why
            self.message_posted.emit(
                f"{refused.text}: done on the meeting as it is now, their change kept"
                " (Ctrl+Z undoes it)."
            )
        self._give_focus_back(typing_in)

    def _save_refused(
        self, target: Target, changes: dict[str, Any], error: ValidationError
    ) -> dict[str, Any]:
        """A rule refused a save: a held action cell goes back to its cell, a detail waits."""
        hook = self.actions_panel.refused_when_kept if target[0] is Kind.ACTION else self._refused
        return hook(target, changes, error)

    def _command_refused(self, text: str) -> None:
        """A command refused for a change made elsewhere: the banner offers to do it anyway."""
        if self.session.state is SaveState.CONFLICT:
            self.conflict_banner.show_conflict(self.session.message, text)

    def _typing_in(self) -> QWidget | None:
        """The field the person was in on this tab, before a banner button took the focus."""
        page = self.tabs.currentWidget()
        return self._tab_focus.get(page) if page is not None else None

    def _give_focus_back(self, widget: QWidget | None) -> None:
        """After a choice in the banner, back to the field typed in (hiding the banner would
        give it to the first field, all selected, and the next key would replace it). Not a
        tab-focus reason, which would select a line edit's text."""
        if widget is not None and widget.isVisible() and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
