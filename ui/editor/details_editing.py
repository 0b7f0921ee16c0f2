"""The details half of the meeting editor: the fields of the title block (date, times,
venue, board, chair...) become values only when the edit session saves, a value the rules
refuse or that is not a value yet is held back with its reason under its field, and "New
board…" creates a board from the board list.

Kept out of :mod:`ui.editor.meeting_editor` (long enough) as the agenda half is
(:mod:`ui.editor.agenda_editing`). It builds on :class:`AgendaEditing` only so that the
session, the open meeting and the editor's way of reporting a failure are declared once;
nothing here touches the agenda. :class:`ui.editor.meeting_editor.MeetingEditor` builds on
this class and makes the widgets declared here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from models import services
from models.edits import Kind, Target, replace_fields
from models.errors import StorageError
from ui.editor.agenda_editing import AgendaEditing
from ui.editor.details_form import DetailsForm, UnreadableValueError
from ui.editor.session import refusal_key
from ui.organisations.organisations_dialog import NameAbbreviationDialog

if TYPE_CHECKING:
    from models.services import BoardRow, ValidationError

# A refused value is held back together with the fields its rule compares it to: if the end
# is not after the start, neither is saved until one of them changes.
_RULE_FIELDS = {
    "start": {"start", "end"},
    "end": {"start", "end"},
    "date": {"date", "next_meeting"},
    "next_meeting": {"date", "next_meeting"},
}


class DetailsEditing(AgendaEditing):
    """Details editing, for the meeting editor (see the module's docstring)."""

    details: DetailsForm
    _dirty_details: set[str]  # typed in, not yet read into the session
    board_dialog: NameAbbreviationDialog[BoardRow] | None = None  # while one is open

    def _pending_detail(self, field: str) -> bool:
        meeting_id = self.meeting_id
        edits = self.session.pending.edits.get((Kind.MEETING, meeting_id or 0), {})
        return field in edits or field in self.session.refused

    def _refused(
        self, target: Target, changes: dict[str, Any], error: ValidationError
    ) -> dict[str, Any]:
        """A detail the rules refuse: hold it back (with the fields its rule compares it
        to), say why under it, and let the others be saved."""
        if target[0] is not Kind.MEETING:
            self.session.refused[refusal_key(target, error.field)] = error.message
            return {}
        held_back = _RULE_FIELDS.get(error.field, {error.field}) & changes.keys()
        if not held_back:  # a rule about a field not being edited: hold back all
            held_back = set(changes)
        for field in held_back:
            self.session.refused[field] = error.message
        return {key: value for key, value in changes.items() if key not in held_back}

    def _show_refused(self) -> None:
        refused = self.session.refused
        for fields in self.details.message_rows():
            message = next((refused[field] for field in fields if field in refused), "")
            self.details.show_message(fields[0], message)
        self._show_item_refused()

    def _detail_edited(self, field: str) -> None:
        """A key in a detail field: noted; its value is read when the session saves (a
        completion chosen from a list changes the text without a key)."""
        if self.meeting_id is None:
            return
        self._dirty_details.add(field)
        self.session.touch()

    def _collect_details(self) -> None:
        """Before a save: the details typed become values; one that is not a value yet
        (``14:``) is held back with why, and nothing of it is saved (not an older reading)."""
        meeting_id = self.meeting_id
        fields, self._dirty_details = self._dirty_details, set()
        if meeting_id is None:
            return
        target = (Kind.MEETING, meeting_id)
        for field in sorted(fields):
            self.session.refused.pop(field, None)
            try:
                value = self.details.value(field)
            except UnreadableValueError as problem:
                self.session.refused[field] = str(problem)
                self.session.pending.edits.get(target, {}).pop(field, None)
                # Not a value, but typed and on screen: the journal keeps it as typed.
                self.session.keep_text(target, field, self.details.typed_text(field))
                continue
            self.session.keep_text(target, field, None)
            self.session.stage(Kind.MEETING, meeting_id, **{field: value})

    def put_back_details(self, changes: dict[str, Any], texts: dict[str, str]) -> None:
        """Details typed and refused, put back after a crash: shown as typed (``texts``: a
        date or time that is not one) and pending again, for the next save to refuse with
        why (or to save, if the rule lets them through now)."""
        record = self.session.record
        meeting_id = self.meeting_id
        if record is None or meeting_id is None:
            return
        # The board is kept by its ID, not shown as a value: it stays pending, unshown.
        shown = {key: value for key, value in changes.items() if key != "board"}
        self.details.show_fields(replace_fields(record, **shown), shown)
        if changes:
            self.session.edit(Kind.MEETING, meeting_id, **changes)
        for field, text in texts.items():
            self.details.show_typed(field, text)
            self._dirty_details.add(field)  # read (and refused again) at the next save
        if texts:
            self.session.touch()

    def ask_new_board(self) -> None:
        """ "New board…" in the board list: ask for its name and abbreviation, create it
        and choose it for this meeting."""
        if self.meeting_id is None:
            return

        def create(name: str, abbreviation: str) -> BoardRow:
            return self.session.read(lambda db: services.create_board(db, name, abbreviation))

        dialog: NameAbbreviationDialog[BoardRow] = NameAbbreviationDialog(
            self,
            title="New board",
            intro="The board that met, as the note names it, and its abbreviation:",
            create=create,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.board_dialog = dialog

        def finished(_result: int) -> None:
            self.board_dialog = None
            created = dialog.created
            self.window().activateWindow()
            if created is not None:
                try:
                    self.details.set_boards(self.session.read(services.list_boards))
                except StorageError as error:
                    self._command_failed(f"The boards could not be read ({error.reason}).")
                    return
                self.details.select_board(created.id)
            self.details.board_combo.setFocus(Qt.FocusReason.OtherFocusReason)

        dialog.finished.connect(finished)
        dialog.open()
