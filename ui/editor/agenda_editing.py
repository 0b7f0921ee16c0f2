"""The agenda half of the meeting editor: the item list, the fields of the item shown, and
the structural commands on the agenda (add, delete, move; undoable).

:class:`ui.editor.meeting_editor.MeetingEditor` builds on this class (through
:class:`ui.editor.details_editing.DetailsEditing`); the widgets and the session it makes
are declared here, so that each piece of agenda editing reads on its own.
Typing in an item goes to the edit session (the notes as Markdown only when it saves);
each command runs through the session against the meeting's version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QWidget,
)

from models import services, transcript_edits
from models.changes import MeetingChange, Part
from models.edits import Kind
from models.errors import StorageError, reason_of
from models.services import (
    MeetingRecord,
    NotFoundError,
    RemovedAgendaItem,
)
from ui.common.dialogs import confirm
from ui.common.layout import mark_refused
from ui.editor.agenda_model import UNTITLED, AgendaListModel
from ui.editor.cursor_keeping import map_position, set_notes_keeping_cursor
from ui.editor.session import refusal_key

if TYPE_CHECKING:
    from models.database import Database
    from ui.common.undo import UndoHistory
    from ui.editor.agenda_panel import AgendaPanel
    from ui.editor.session import EditSession


class AgendaEditing(QWidget):
    """Agenda editing, for the meeting editor (see the module's docstring)."""

    message_posted = Signal(str)
    """A line for the status bar about what was just done ("Deleted item 3 ...")."""
    place_changed = Signal(int, object)
    """The meeting and agenda item (or None) being edited: remembered at once, so a restart
    after a crash comes back there."""

    session: EditSession
    history: UndoHistory
    agenda: AgendaPanel
    agenda_model: AgendaListModel
    agenda_page: QWidget
    add_item_action: QAction
    delete_item_action: QAction
    move_up_action: QAction
    move_down_action: QAction
    _shown_item_id: int | None
    _notes_item_id: int | None
    _showing_own_command = False
    """An agenda command is running: it shows its result itself (see _item_list_saved)."""

    @property
    def meeting_id(self) -> int | None:
        return self.session.meeting_id

    # Supplied by :class:`ui.editor.meeting_editor.MeetingEditor`, declared for the checker.
    def show_tab(self, page: QWidget, *, focus: bool = False) -> None:
        """Bring one of the editor's tabs to the front: the editor's."""
        raise NotImplementedError

    def flush(self) -> bool:
        """Save what is typed now; False if something is not saved: the editor's."""
        raise NotImplementedError

    def _structure_saved(self) -> None:
        """A command reached the database: the editor's."""
        raise NotImplementedError

    def _command_failed(self, message: str) -> None:
        """A command, or its undo, could not be made: the editor's."""
        raise NotImplementedError

    def _update_actions(self) -> None:
        """Enable the agenda commands that apply to the item selected: the editor's."""
        raise NotImplementedError

    def _read_again_failed(self, what: str, error: Exception) -> None:
        """Reading the meeting again (after a command, an undo, a change elsewhere) failed:
        said the same way wherever it happens, ``what`` naming the part ("agenda")."""
        self._command_failed(f"The {what} could not be read again ({reason_of(error)}).")

    def _record_read_again(self, what: str) -> MeetingRecord | None:
        """The open meeting as saved now; None when none is open, or when it could not be
        read (said, ``what`` naming the part being shown)."""
        try:
            return self.session.reload_record()
        except (StorageError, NotFoundError) as error:
            self._read_again_failed(what, error)
            return None

    def _collect_notes(self) -> None:
        """Before a save: the notes typed become Markdown now (not on every key)."""
        item_id, self._notes_item_id = self._notes_item_id, None
        if item_id is None:
            return
        notes = self.agenda.notes_editor.markdown()
        row = self.agenda_model.row_of(item_id)
        if row is not None:
            self.agenda_model.edit_item(row, notes=notes)
        self.session.stage(Kind.ITEM, item_id, notes=notes)

    # --- agenda ----------------------------------------------------------------------------

    def _current_row(self) -> int | None:
        index = self.agenda.list_view.currentIndex()
        return index.row() if index.isValid() else None

    def _current_item_id(self) -> int | None:
        """The agenda item selected (being edited): where Ctrl+Shift+A puts an action."""
        row = self._current_row()
        item = self.agenda_model.item_at(row) if row is not None else None
        return item.id if item is not None else None

    def _select_item(self, row: int | None) -> None:
        view = self.agenda.list_view
        if row is None:
            view.setCurrentIndex(QModelIndex())
            self._show_item(None)
            return
        index = self.agenda_model.index(row)
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        view.scrollTo(index)
        self._show_item(row)

    def _current_item_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.meeting_id is None:
            return
        self.flush()  # the item being left is saved before the next one shows
        self._show_item(current.row() if current.isValid() else None)

    def _show_item(self, row: int | None) -> None:
        """Fill the item fields from the model (which holds any unsaved text as well)."""
        item = self.agenda_model.item_at(row) if row is not None else None
        panel = self.agenda
        panel.show_item_fields(item is not None)
        self._update_actions()
        if self.meeting_id is not None:  # a meeting without items too (one just made)
            self.place_changed.emit(self.meeting_id, item.id if item is not None else None)
        if item is None:
            self._shown_item_id = None
            return
        if item.id == self._shown_item_id:
            return  # the same item renumbered: keep the cursor and the undo history
        self.session.collect()  # the notes shown so far, before they are replaced
        self._shown_item_id = item.id
        with self._item_fields_silenced():
            panel.title_edit.setText(item.title)
            panel.notes_editor.set_markdown(item.notes)
            panel.confidential_check.setChecked(item.confidential)
        self._show_item_refused()

    def _show_item_refused(self) -> None:
        """The shown item's title, red with why under it, while a rule refuses it (too long);
        back to normal once it is saved."""
        item_id = self._shown_item_id
        key = refusal_key((Kind.ITEM, item_id), "title") if item_id is not None else ""
        message = self.session.refused.get(key, "")
        self.agenda.title_message.show_message(message)
        mark_refused(self.agenda.title_edit, bool(message))

    def _refresh_shown_item(self) -> None:
        """Show the current state of the item being edited (read again after a change made
        elsewhere, or kept over it): without this its fields would keep the text read
        before, and the next key would save that stale text over the other change. The
        cursor stays where it was, mapped through the change."""
        row = self._current_row()
        item = self.agenda_model.item_at(row) if row is not None else None
        if item is None or item.id != self._shown_item_id or self._notes_item_id is not None:
            return  # another item (shown afresh), or typing not yet handed to the session
        panel = self.agenda
        with self._item_fields_silenced():
            if panel.title_edit.text() != item.title:
                old, position = panel.title_edit.text(), panel.title_edit.cursorPosition()
                panel.title_edit.setText(item.title)
                panel.title_edit.setCursorPosition(map_position(old, item.title, position))
            set_notes_keeping_cursor(panel.notes_editor, item.notes)
            panel.confidential_check.setChecked(item.confidential)

    @contextmanager
    def _item_fields_silenced(self) -> Iterator[None]:
        """The item's fields filled from the database without telling the session: that is
        not an edit."""
        panel = self.agenda
        widgets = (panel.title_edit, panel.notes_editor, panel.confidential_check)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            yield
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _item_edited(self, **changes: Any) -> None:
        row = self._current_row()
        if self.meeting_id is None or row is None:
            return
        item = self.agenda_model.edit_item(row, **changes)
        self.session.edit(Kind.ITEM, item.id, **changes)

    def _item_title_edited(self, text: str) -> None:
        self._item_edited(title=text)

    def _item_notes_edited(self) -> None:
        """A key in the notes: only noted here; the Markdown is made when the session saves."""
        if self.meeting_id is None or self._shown_item_id is None:
            return
        self._notes_item_id = self._shown_item_id
        self.session.touch()

    def _item_confidential_edited(self, checked: bool) -> None:
        self._item_edited(confidential=checked)

    def put_back_item(self, item_id: int, changes: dict[str, Any]) -> None:
        """An item's title or notes refused, put back after a crash: in the list's model
        (what the item's fields show), shown if it is the item shown, and pending again."""
        row = self.agenda_model.row_of(item_id)
        if row is None:
            return
        self.agenda_model.edit_item(row, **changes)
        self.session.edit(Kind.ITEM, item_id, **changes)
        if item_id == self._shown_item_id:
            self._refresh_shown_item()

    # --- structural edits of the agenda (commands on the undo stack) ----------------------

    def _agenda_refreshed(self, selected_id: int | None) -> None:
        """After an agenda command: show the agenda as saved, ``selected_id`` selected."""
        record = self._record_read_again("agenda")
        if record is None:
            return
        self.show_tab(self.agenda_page)
        list_had_focus = self.agenda.list_view.hasFocus()
        self.agenda_model.set_items(record.agenda)
        row = self.agenda_model.row_of(selected_id)
        if row is None and record.agenda:
            row = 0
        self._select_item(row)
        if list_had_focus:
            self.agenda.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._structure_saved()

    def _item_list_saved(self, change: MeetingChange) -> None:
        """Items added or deleted by a command of another tab (a hearing's first turn makes
        its untitled item, and its undo deletes it): the agenda list shows them at once,
        the item selected kept, else the new one selected; the focus stays where it is. The
        agenda's own commands show their result themselves."""
        if (
            Part.ITEM_LIST not in change.parts
            or self._showing_own_command
            or change.meeting_id != self.meeting_id
        ):
            return
        record = self._record_read_again("agenda")
        if record is None:
            return
        before = self.agenda_model.item_ids()
        if before == [item.id for item in record.agenda]:
            return  # shown already (the whole meeting read again, say)
        selected = self._current_item_id()
        list_had_focus = self.agenda.list_view.hasFocus()
        self.agenda_model.set_items(record.agenda)
        added = [item.id for item in record.agenda if item.id not in before]
        row = self.agenda_model.row_of(
            selected if selected is not None else next(iter(added), None)
        )
        if row is None and record.agenda:
            row = 0
        self._select_item(row)
        if list_had_focus:
            self.agenda.list_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _run_agenda_command(
        self,
        text: str,
        do: Callable[[Database], int | None],
        undo: Callable[[Database], int | None],
    ) -> bool:
        # An item deleted takes its transcript turns with it (and its undo brings them back).
        parts = {Part.ITEMS, Part.ITEM_LIST, Part.ACTIONS, Part.TURNS}
        return self.history.run(
            text,
            do=self._own_command(self.session.op(parts, do)),
            undo=self._own_command(self.session.op(parts, undo)),
            refresh=self._agenda_refreshed,
        )

    def _own_command(self, run: Callable[[], int | None]) -> Callable[[], int | None]:
        """``run`` marked as the agenda's own, while it runs (see _item_list_saved)."""

        def marked() -> int | None:
            self._showing_own_command = True
            try:
                return run()
            finally:
                self._showing_own_command = False

        return marked

    def add_item(self) -> None:
        """Insert an empty item after the selected one (at the end if none) and go to its title."""
        if self.meeting_id is None:
            return
        row = self._current_row()
        position = row + 1 if row is not None else None
        previous = self.agenda_model.item_at(row) if row is not None else None
        meeting_id = self.meeting_id
        state: dict[str, Any] = {}

        def do(db: Database) -> int:
            removed: RemovedAgendaItem | None = state.pop("removed", None)
            if removed is not None:  # a redo: the same item, so later commands still apply
                state["id"] = services.restore_agenda_item(db, removed)
                return int(state["id"])
            state["id"] = services.add_agenda_item(db, meeting_id, "", position=position)
            return int(state["id"])

        def undo(db: Database) -> int | None:
            state["removed"] = services.delete_agenda_item(db, state["id"])
            return previous.id if previous is not None else None

        if self._run_agenda_command("Add agenda item", do, undo):
            self.agenda.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def delete_item(self) -> None:
        """Delete the selected item, its notes and its transcript turns; Ctrl+Z brings them
        back. An item holding turns asks first (a whole transcript would go at one key);
        one with notes only does not: Ctrl+Z is answer enough."""
        row = self._current_row()
        item = self.agenda_model.item_at(row) if row is not None else None
        if item is None or row is None:
            return
        title = item.title.strip() or UNTITLED
        try:
            turns = self.session.read(lambda db: transcript_edits.count_turns(db, item.id))
        except (StorageError, NotFoundError) as error:
            self._read_again_failed("agenda item", error)
            return
        if turns and not confirm(
            self,
            "Delete agenda item",
            f"Delete agenda item {row + 1}, “{title}”, and its transcript?",
            f"Its {_counted(turns, 'transcript turn')} and its notes go with it; Ctrl+Z brings"
            " them all back. Actions under it stay in the meeting, without an item.",
            accept_label="&Delete item and turns",
            reject_label="&Keep it",
        ):
            self.agenda.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        following = self.agenda_model.item_at(row + 1) or self.agenda_model.item_at(row - 1)
        state: dict[str, RemovedAgendaItem] = {}

        def do(db: Database) -> int | None:
            state["removed"] = services.delete_agenda_item(db, item.id)
            return following.id if following is not None else None

        def undo(db: Database) -> int:
            return services.restore_agenda_item(db, state["removed"])

        if self._run_agenda_command(f"Delete agenda item “{_short(title)}”", do, undo):
            self.message_posted.emit(deleted_message(row + 1, title, state["removed"]))

    def move_item(self, step: int) -> None:
        row = self._current_row()
        if row is None:
            return
        self.move_item_to(row, row + step)

    def move_item_to(self, row: int, target: int) -> None:
        """Move the item at ``row`` to ``target`` (both 0-based), undoably."""
        item = self.agenda_model.item_at(row)
        if item is None or row == target or not 0 <= target < self.agenda_model.rowCount():
            return

        def do(db: Database) -> int:
            services.move_agenda_item(db, item.id, target)
            return item.id

        def undo(db: Database) -> int:
            services.move_agenda_item(db, item.id, row)
            return item.id

        title = _short(item.title.strip() or UNTITLED)
        self._run_agenda_command(f"Move agenda item “{title}”", do, undo)

    def _item_dropped(self, item_id: int, target: int) -> None:
        """An item dragged to another place in the agenda list."""
        row = self.agenda_model.row_of(item_id)
        if row is not None:
            self.move_item_to(row, min(target, self.agenda_model.rowCount() - 1))


def _counted(count: int, what: str) -> str:
    return f"{count:,} {what}{'' if count == 1 else 's'}"


def deleted_message(number: int, title: str, removed: RemovedAgendaItem) -> str:
    """The status line after an item's deletion: everything that went with it, and that
    Ctrl+Z brings it back (a transcript's turns named and counted: never gone unsaid)."""
    went = "its notes"
    if removed.turns:
        went += f" and {_counted(len(removed.turns), 'transcript turn')}"
    kept = ""
    if removed.action_ids:
        count = len(removed.action_ids)
        kept = f"; its {_counted(count, 'action')} {'stays' if count == 1 else 'stay'} in the"
        kept += " meeting, without an item"
    back = "them" if removed.turns or removed.action_ids else "it"
    return (
        f"Deleted agenda item {number}, “{title}”, with {went}{kept} (Ctrl+Z brings {back} back)."
    )


def _short(text: str, limit: int = 40) -> str:
    """A title short enough for the Undo menu entry."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
