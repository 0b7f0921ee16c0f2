"""The details half of the meeting editor: the fields of the title block (date, times,
venue, board, chair...) become values only when the edit session saves, a value the rules
refuse or that is not a value yet is held back with its reason under its field, "New
board…" creates a board from the board list, and a chair's organisation the directory does not
have is offered to be added (the dialog Add attendee offers), then made the chair's.

Kept out of :mod:`ui.editor.meeting_editor` (long enough) as the agenda half is
(:mod:`ui.editor.agenda_editing`). It builds on :class:`AgendaEditing` only so that the
session, the open meeting and the editor's way of reporting a failure are declared once;
nothing here touches the agenda. :class:`ui.editor.meeting_editor.MeetingEditor` builds on
this class and makes the widgets declared here.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from models import services
from models.edits import Kind, Target, replace_fields
from models.errors import StorageError
from ui.editor.agenda_editing import AgendaEditing
from ui.editor.details_form import DetailsForm, UnreadableValueError
from ui.editor.new_organisation import offer_new_organisation
from ui.editor.session import refusal_key
from ui.organisations.organisations_dialog import NameAbbreviationDialog

if TYPE_CHECKING:
    from models.services import BoardRow, OrganisationRow, ValidationError
    from ui.editor.actions_panel import ActionsPanel
    from ui.editor.attendees_panel import AttendeesPanel

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
    organisation_dialog: NameAbbreviationDialog[OrganisationRow] | None = None  # likewise
    _organisation_offer_due = False  # an offer waits for the focus to settle
    attendees: AttendeesPanel
    actions_panel: ActionsPanel

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
        message = error.message
        typed = changes.get("chair_organisation")
        if error.field == "chair_organisation" and isinstance(typed, str):  # the way on
            message += " " + self.details.organisation_hint(typed)
        for field in held_back:
            self.session.refused[field] = message
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

    def offer_chair_organisation(self, typed: str) -> None:
        """The chair's organisation confirmed as an abbreviation the form does not know:
        offer to add it to the directory, once the focus has settled (Tab has moved it on,
        and the field left has been saved, refused with why, behind the dialog)."""
        if self.meeting_id is None or self.organisation_dialog or self._organisation_offer_due:
            return
        self._organisation_offer_due = True
        QTimer.singleShot(0, partial(self._open_organisation_dialog, typed))

    def _open_organisation_dialog(self, typed: str) -> None:
        self._organisation_offer_due = False
        combo = self.details.chair_organisation_combo
        if self.meeting_id is None or " ".join(combo.currentText().split()) != typed:
            return  # typed on, or another meeting opened meanwhile
        try:  # the form's list may be older than an organisation added elsewhere since
            known = self.session.read(services.list_organisations)
        except StorageError as error:
            self._command_failed(f"The organisations could not be read ({error.reason}).")
            return
        self._show_organisations(known)
        self.flush()  # saved if it is known now, else refused with why under the field
        if "chair_organisation" not in self.session.refused:
            return
        focus = QApplication.focusWidget()
        going_to = focus if focus is not None and self.isAncestorOf(focus) else combo

        def finished(created: OrganisationRow | None) -> None:
            self.organisation_dialog = None
            self.window().activateWindow()
            if created is None:  # the text stays, refused in red, to be put right
                combo.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            try:
                self._show_organisations(self.session.read(services.list_organisations))
            except StorageError as error:
                self._command_failed(f"The organisations could not be read ({error.reason}).")
            combo.setEditText(created.abbreviation)  # an edit, saved as the field left is
            self.flush()
            going_to.setFocus(Qt.FocusReason.OtherFocusReason)

        self.organisation_dialog = offer_new_organisation(
            self,
            self.session,
            typed,
            then="it is made the chair's organisation",
            finished=finished,
        )

    def _show_organisations(self, organisations: list[OrganisationRow]) -> None:
        """The directory as it is now, offered wherever an organisation is typed here."""
        self.details.set_organisations(organisations)
        self.attendees.reload_organisations(organisations)
        self.actions_panel.set_organisations([org.abbreviation for org in organisations])
