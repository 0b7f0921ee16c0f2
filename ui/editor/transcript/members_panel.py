"""The Members panel of a hearing: add a member by typing, mark co-chairs, reorder.

Type the name, Tab to the role and the organisation (its abbreviation, completed from the
directory: Tab or Enter takes the highlighted completion, as in the other boxes that complete
an organisation), tick *Co-chair* with Alt+C if they chair, and press Enter: the member is
added at the end and the cursor is back in the name for the next one. An organisation the
directory does not have is offered to be added, as *Add attendee* does; if that is
cancelled, or the member cannot be added, the cursor stays in the field at fault.

In the table, **C** (or Space) marks or unmarks the selected member as a co-chair, **F2**
edits a cell, **Del** removes, **Alt+Up/Alt+Down** reorder. Every change is a command on the
editor's undo stack, run through the edit session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from models import services, transcript_edits
from models.changes import Part
from models.transcript_edits import MemberRow
from ui.common.commands import scoped_action
from ui.common.completion_keys import complete_with_cell_keys
from ui.common.layout import ERROR_COLOUR, hbox, heading, hint, plain_label, vbox
from ui.editor.new_organisation import offer_new_organisation
from ui.editor.transcript.row_edits import move_edits, moved_position, removal_edits
from ui.editor.transcript.tables import MemberColumn, MembersTableModel

if TYPE_CHECKING:
    from models.database import Database
    from models.services import OrganisationRow
    from models.transcript_edits import RemovedMember
    from ui.common.undo import UndoHistory
    from ui.editor.session import EditSession

MEMBER_PARTS = {Part.MEMBERS}


class _MembersTable(QTableView):
    """C or Space toggles co-chair on the selected member (the panel connects it)."""

    chair_key_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_C, Qt.Key.Key_Space) and not event.modifiers():
            self.chair_key_pressed.emit()
            return
        super().keyPressEvent(event)


class MembersPanel(QWidget):
    """The hearing's panel of members (see the module's docstring)."""

    members_changed = Signal()
    """Members were added, changed, removed or moved (speaker links may have changed)."""

    def __init__(self, session: EditSession, history: UndoHistory) -> None:
        super().__init__()
        self._session = session
        self._history = history
        self._meeting_id: int | None = None
        self._open_dialog: QWidget | None = None  # the New organisation dialog, while open

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Name, as printed: Sophie Linden")
        self.role_edit = QLineEdit()
        self.role_edit.setPlaceholderText("Role: Deputy Mayor for Policing and Crime")
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setPlaceholderText("Organisation (abbreviation)")
        self._organisations = QStringListModel(self)
        self._organisation_completer = QCompleter(self._organisations, self)
        self._organisation_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._organisation_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        complete_with_cell_keys(self.organisation_edit, self._organisation_completer)
        self.chair_check = QCheckBox("&Co-chair")
        self.add_button = QPushButton("Add member")
        self.add_button.setToolTip("Add the member typed above (Enter)")
        self.message = hint("")
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.setVisible(False)

        self.model = MembersTableModel(self)
        self.table = _MembersTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Members")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MemberColumn.NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MemberColumn.ROLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MemberColumn.CHAIR, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)

        list_only = Qt.ShortcutContext.WidgetShortcut
        self.delete_action = scoped_action(
            self, "Remove member", shortcut="Del", slot=self.delete_member,
            scope=self.table, tip="Remove the selected member", context=list_only,
            where="in the members list",
        )  # fmt: skip
        self.move_up_action = scoped_action(
            self, "Move member up", shortcut="Alt+Up", slot=lambda: self.move_member(-1),
            scope=self.table, tip="Move the selected member up", context=list_only,
            where="in the members list",
        )  # fmt: skip
        self.move_down_action = scoped_action(
            self, "Move member down", shortcut="Alt+Down", slot=lambda: self.move_member(1),
            scope=self.table, tip="Move the selected member down", context=list_only,
            where="in the members list",
        )  # fmt: skip

        fields = hbox(
            plain_label("&Name:", self.name_edit),
            self.name_edit,
            plain_label("&Role:", self.role_edit),
            self.role_edit,
            plain_label("Or&ganisation:", self.organisation_edit),
            self.organisation_edit,
            self.chair_check,
            self.add_button,
        )
        self.setLayout(
            vbox(
                heading("Members", self.name_edit),
                fields,
                self.message,
                self.table,
                hint("C marks a co-chair, F2 edits, Del removes, Alt+Up/Down reorder."),
            )
        )

        for edit in (self.name_edit, self.role_edit, self.organisation_edit):
            edit.returnPressed.connect(self.add_member)
        self.chair_check.installEventFilter(self)
        self.add_button.clicked.connect(self.add_member)
        self.table.chair_key_pressed.connect(self.toggle_chair)
        self.model.chair_toggled.connect(self._toggle_chair_of)
        self.model.cell_edited.connect(self._cell_edited)

    # --- what is shown ---------------------------------------------------------------------

    def load(self, meeting_id: int | None, *, select: int | None = None) -> None:
        """Show the members of ``meeting_id`` (None: nothing), selecting ``select``."""
        self._meeting_id = meeting_id
        rows: list[MemberRow] = []
        if meeting_id is not None:
            rows = self._session.read(lambda db: transcript_edits.list_members(db, meeting_id))
            organisations = self._session.read(services.list_organisations)
            self._organisations.setStringList([org.abbreviation for org in organisations])
        self.model.set_rows(rows)
        row = self.model.row_of(select)
        if row is not None:
            self.table.selectRow(row)

    def members(self) -> list[MemberRow]:
        rows = (self.model.row_at(row) for row in range(self.model.rowCount()))
        return [member for member in rows if isinstance(member, MemberRow)]

    def open_dialog(self) -> QWidget | None:
        """The New organisation dialog while it is open (tests answer it)."""
        return self._open_dialog

    def first_widget(self) -> QWidget:
        return self.name_edit

    def _current(self) -> MemberRow | None:
        index = self.table.currentIndex()
        row: MemberRow | None = self.model.row_at(index.row()) if index.isValid() else None
        return row

    def _show_problem(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    # --- commands --------------------------------------------------------------------------

    def _run(
        self,
        text: str,
        do: Callable[[Database], Any],
        undo: Callable[[Database], Any],
    ) -> bool:
        """One undoable edit of the members; ``do`` and ``undo`` return the member to select."""

        def refresh(selected: Any) -> None:
            self.load(self._meeting_id, select=selected if isinstance(selected, int) else None)
            self.members_changed.emit()

        self._show_problem("")
        return self._history.run(
            text,
            do=self._session.op(MEMBER_PARTS, do),
            undo=self._session.op(MEMBER_PARTS, undo),
            refresh=refresh,
        )

    def add_member(self) -> None:
        """Add the member typed in the fields; the fields empty for the next one."""
        meeting_id = self._meeting_id
        if meeting_id is None:
            return
        name = " ".join(self.name_edit.text().split())
        if not name:
            self._show_problem("Type the member's name.")
            self.name_edit.setFocus()
            return
        organisation = " ".join(self.organisation_edit.text().split())
        if organisation and not self._knows(organisation):
            self._offer_organisation(organisation)
            return
        self._add(name, organisation)

    def _knows(self, abbreviation: str) -> bool:
        key = abbreviation.casefold()
        return any(known.casefold() == key for known in self._organisations.stringList())

    def _offer_organisation(self, typed: str) -> None:
        """An organisation the directory lacks: offer to add it (as Add attendee does); the
        member is added with it, or, cancelled, the cursor is back in the organisation."""

        def finished(created: OrganisationRow | None) -> None:
            self._open_dialog = None
            self.window().activateWindow()  # the typing goes on in the panel
            if created is None:
                self._show_problem(
                    f"“{typed}” is not in the directory: choose an organisation from the"
                    " list, add it, or leave the organisation empty."
                )
                self.organisation_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                self.organisation_edit.selectAll()
                return
            self.load(self._meeting_id)  # the completer offers it from now on
            self.organisation_edit.setText(created.abbreviation)
            name = " ".join(self.name_edit.text().split())
            self._add(name, created.abbreviation)

        self._open_dialog = offer_new_organisation(
            self,
            self._session,
            typed,
            then="the member is added with it",
            finished=finished,
        )

    def _add(self, name: str, organisation: str) -> None:
        meeting_id = self._meeting_id
        if meeting_id is None:
            return
        role = self.role_edit.text()
        chair = self.chair_check.isChecked()
        added: list[int] = []
        undone: list[RemovedMember] = []  # for the redo: the same member, whom later steps name
        focused = QApplication.focusWidget()

        def do(db: Database) -> int:
            if undone:
                member_id = transcript_edits.restore_member(db, undone.pop())
            else:
                member_id = transcript_edits.add_member(
                    db, meeting_id, name, role=role, organisation=organisation, chair=chair
                )
            added.append(member_id)
            return member_id

        def undo(db: Database) -> None:
            undone.append(transcript_edits.delete_member(db, added[-1]))

        if not self._run(f"Add member {name}", do, undo):
            # The history said why; what was typed stays, and so does the cursor (it used
            # to end on a button, and the next keys went nowhere).
            fields = (self.name_edit, self.role_edit, self.organisation_edit, self.chair_check)
            (focused if focused in fields else self.organisation_edit).setFocus()
            return
        for edit in (self.name_edit, self.role_edit, self.organisation_edit):
            edit.clear()
        self.chair_check.setChecked(False)
        self.name_edit.setFocus()

    def toggle_chair(self) -> None:
        member = self._current()
        if member is not None:
            self._toggle_chair_of(member.id)

    def _toggle_chair_of(self, member_id: int) -> None:
        member = next((m for m in self.members() if m.id == member_id), None)
        if member is None:
            return
        chair = not member.chair
        what = "Mark" if chair else "Unmark"
        self._run(
            f"{what} {member.name} as co-chair",
            lambda db: transcript_edits.update_member(db, member_id, chair=chair).id,
            lambda db: transcript_edits.update_member(db, member_id, chair=not chair).id,
        )

    def _cell_edited(self, member_id: int, field: str, text: str) -> None:
        member = next((m for m in self.members() if m.id == member_id), None)
        if member is None:
            return
        before = {
            "name": member.name,
            "role": member.role or "",
            "organisation": member.organisation.abbreviation if member.organisation else "",
        }[field]
        self._run(
            f"Change the {field} of {member.name}",
            lambda db: _update_field(db, member_id, field, text),
            lambda db: _update_field(db, member_id, field, before),
        )

    def delete_member(self) -> None:
        member = self._current()
        if member is not None:
            do, undo = removal_edits(
                member.id, transcript_edits.delete_member, transcript_edits.restore_member
            )
            self._run(f"Remove member {member.name}", do, undo)

    def move_member(self, step: int) -> None:
        member = self._current()
        new = moved_position(member.position, step, self.model.rowCount()) if member else None
        if member is not None and new is not None:
            do, undo = move_edits(member.id, member.position, new, transcript_edits.move_member)
            self._run(f"Move member {member.name}", do, undo)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Enter on the Co-chair box adds the member, as in the text fields."""
        if (
            watched is self.chair_check
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add_member()
            return True
        return super().eventFilter(watched, event)


def _update_field(db: Database, member_id: int, field: str, text: str) -> int:
    """Set one text field of a member (a table cell); returns the member to select."""
    if field == "name":
        return transcript_edits.update_member(db, member_id, name=text).id
    if field == "role":
        return transcript_edits.update_member(db, member_id, role=text).id
    return transcript_edits.update_member(db, member_id, organisation=text).id
