"""Adding attendees: the box that finds an organisation from a few letters of its name or
abbreviation, the directory entry made on the spot for one it does not know, and the copy
of the previous meeting's attendees. :class:`ui.editor.attendees_panel.AttendeesPanel`
builds the widgets on top of this class and owns the list's other commands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QWidget,
)

from models import attendance
from models.changes import Part
from models.errors import StorageError
from models.meeting_doc import OrganisationRef
from ui.editor.new_organisation import offer_new_organisation

if TYPE_CHECKING:
    from models.attendance import CopiedAttendees, RemovedAttendee
    from models.database import Database
    from models.services import OrganisationRow
    from ui.common.layout import FieldMessage
    from ui.common.undo import UndoHistory
    from ui.editor.attendees_model import (
        AttendeesTableModel,
    )
    from ui.editor.session import EditSession
    from ui.organisations.organisations_dialog import NameAbbreviationDialog

T = TypeVar("T")

MAX_LISTED_MATCHES = 4


def display_name(org: OrganisationRow) -> str:
    return OrganisationRef(org.name, org.abbreviation).display_name


class AttendeeAdding(QWidget):
    """The adding half of the attendee panel (see the module's docstring)."""

    message_posted = Signal(str)
    """A line for the status bar about what was just done."""

    _session: EditSession
    _history: UndoHistory
    _meeting_id: int | None
    _organisations: list[OrganisationRow]
    _submit_pending: bool
    _open_dialog: NameAbbreviationDialog[OrganisationRow] | None
    model: AttendeesTableModel
    add_edit: QLineEdit
    completer: QCompleter
    add_message: FieldMessage

    # Supplied by :class:`ui.editor.attendees_panel.AttendeesPanel`, declared for the checker.
    def reload_organisations(self, organisations: Sequence[OrganisationRow] | None = None) -> None:
        """Offer the organisation directory as it is now: the panel's."""
        raise NotImplementedError

    def _refresh(self, select_ids: list[int]) -> None:
        """Show the attendees as saved after a command: the panel's."""
        raise NotImplementedError

    def _failed(self, what: str, error: Exception) -> None:
        """Say that a command failed, and why: the panel's."""
        raise NotImplementedError

    def _op(self, work: Callable[[Database], T]) -> Callable[[], T]:
        """A command's half as an edit through the session (checked against the version)."""
        return self._session.op({Part.ATTENDEES, Part.STATUSES}, work)

    # --- adding ----------------------------------------------------------------------------

    def focus_add_field(self) -> None:
        self.add_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.add_edit.selectAll()

    def _schedule_submit(self) -> None:
        """Enter, or a click in the completion list. Run after the completer has finished:
        it writes the chosen entry into the box after returnPressed (and would write it back
        into a box just cleared)."""
        if not self._submit_pending:
            self._submit_pending = True
            QTimer.singleShot(0, self._submit)

    def _submit(self) -> None:
        self._submit_pending = False
        text = " ".join(self.add_edit.text().split())
        if not text or self._meeting_id is None:
            return
        matches = self.matches(text)
        if len(matches) == 1:
            self.add_organisation(matches[0])
        elif not matches:
            self._offer_new_organisation(text)
        else:
            listed = ", ".join(display_name(org) for org in matches[:MAX_LISTED_MATCHES])
            more = f" and {len(matches) - MAX_LISTED_MATCHES} more" if len(matches) > 4 else ""
            self.add_message.show_message(
                f"“{text}” matches {len(matches)} organisations ({listed}{more}):"
                " press Down to choose one, or type more of the name."
            )
            self.completer.setCompletionPrefix(text)
            self.completer.complete()

    def matches(self, text: str) -> list[OrganisationRow]:
        """The organisations ``text`` means: the one whose abbreviation, name or full label
        it is (any case), else every one whose label contains it."""
        key = " ".join(text.split()).casefold()
        for org in self._organisations:
            if key in (org.abbreviation.casefold(), org.name.casefold()) or (
                key == display_name(org).casefold()
            ):
                return [org]
        return [org for org in self._organisations if key in display_name(org).casefold()]

    def add_organisation(self, org: OrganisationRow) -> bool:
        """Add an organisation to the end of the list, present (undoable)."""
        meeting_id = self._meeting_id
        if meeting_id is None:
            return False
        state: dict[str, Any] = {}

        def do(db: Database) -> list[int]:
            removed: RemovedAttendee | None = state.pop("removed", None)
            if removed is not None:
                row = attendance.restore_attendee(db, removed)
            else:
                row = attendance.add_attendee(db, meeting_id, org.id)
            state["id"] = row.id
            return [row.id]

        def undo(db: Database) -> list[int]:
            state["removed"] = attendance.remove_attendee(db, state["id"])
            return []

        if not self._history.run(
            f"Add attendee {org.abbreviation}",
            do=self._op(do),
            undo=self._op(undo),
            refresh=self._refresh,
        ):
            return False
        already = sum(1 for row in self.model.rows() if row.organisation_id == org.id) > 1
        self.add_edit.clear()
        self.add_message.clear_message()
        self.message_posted.emit(
            f"Added {display_name(org)} as present."
            + (" It was already in the list: this row is for a second person." if already else "")
        )
        return True

    def _offer_new_organisation(self, text: str) -> None:
        def finished(created: OrganisationRow | None) -> None:
            self._open_dialog = None
            self.window().activateWindow()  # the typing goes on in the attendee box
            if created is None:
                self.add_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            try:
                self.reload_organisations()
            except StorageError as error:
                self._failed("The organisations could not be read", error)
            self.add_organisation(created)
            self.add_edit.setFocus(Qt.FocusReason.OtherFocusReason)

        self._open_dialog = offer_new_organisation(
            self,
            self._session,
            text,
            then="it is added to this meeting's attendees",
            finished=finished,
        )

    def copy_from_previous(self) -> None:
        """Add last meeting's attendees (as present), skipping organisations already here."""
        meeting_id = self._meeting_id
        if meeting_id is None:
            return
        state: dict[str, Any] = {}

        def do(db: Database) -> list[int]:
            removed: list[RemovedAttendee] | None = state.pop("removed", None)
            if removed is not None:
                rows = attendance.restore_attendees(db, removed)
                ids = [row.id for row in rows]
                state["ids"] = ids
                return ids
            copied: CopiedAttendees = attendance.copy_from_previous(db, meeting_id)
            copied_ids = list(copied.ids)
            state["ids"] = copied_ids
            state["first"] = copied
            return copied_ids

        def undo(db: Database) -> list[int]:
            state["removed"] = attendance.remove_attendees(db, state["ids"])
            return []

        if not self._history.run(
            "Copy attendees from the previous meeting",
            do=self._op(do),
            undo=self._op(undo),
            refresh=self._refresh,
            keep=bool,
        ):
            return
        copied = state["first"]
        if copied.source_meeting_id is None:
            self.message_posted.emit("There is no earlier meeting of this board to copy from.")
        elif copied.count == 0:
            self.message_posted.emit(
                "Everyone at the previous meeting is already in the list: nothing to copy."
            )
        else:
            self.message_posted.emit(
                f"Copied {copied.count} attendee{'s' if copied.count != 1 else ''} from the"
                " previous meeting, all as present. Ctrl+Z undoes it."
            )
