"""The cells of the actions table: a cell's new value saved when the cell is left, a value
the services refuse kept in its cell in red with the reason under the table.

A cell edit runs at once through the edit session (see :meth:`EditSession.run`). Refused
because the meeting changed underneath (another window saved first), it is *held*: handed
to the session as a pending edit (:meth:`EditSession.hold`), as typed text is, so that the
conflict banner's "Keep mine" saves it on the meeting as it is now and "Reload theirs" puts
its text on the clipboard. :class:`ui.editor.actions_panel.ActionsPanel` builds on this.

An owners cell refused for an organisation the directory lacks, left with Enter or Tab,
offers the dialog the chair's organisation and Add attendee offer
(:func:`ui.editor.new_organisation.offer_new_organisation`): the organisation it makes is
put in the cell, saved as one step of the undo stack (the directory keeps the organisation,
as for the chair); a cancel leaves the text refused in red, the cell current to put it right.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit, QWidget

from models import actions, owner_text, services
from models.action_sentence import action_sentence
from models.changes import Part
from models.edits import Kind, Target
from models.enums import ActionStatus
from models.errors import StaleEditError, StorageError
from models.services import NotFoundError, OrganisationRow, ValidationError
from models.text_keys import text_key
from ui.common.typed_values import UnreadableValueError, parse_date
from ui.editor.action_commands import FIELD_OF, ActionCommands
from ui.editor.actions_delegate import (
    NO_NEXT_MEETING,
    OwnersCompleter,
    UnreadableDue,
    abbreviation_test,
    means_next_meeting,
    unknown_owners,
)
from ui.editor.actions_model import ActionColumn
from ui.editor.new_organisation import abbreviation_hint, offer_new_organisation
from ui.editor.save_state import SaveState
from ui.editor.typed_cells import commit_open_cell

if TYPE_CHECKING:
    from ui.editor.actions_delegate import ActionDelegate
    from ui.organisations.organisations_dialog import NameAbbreviationDialog

log = logging.getLogger(__name__)

COLUMN_OF = {field: column for column, field in FIELD_OF.items()}
TEXT_COLUMNS = (ActionColumn.DESCRIPTION, ActionColumn.OWNERS)
"""Cells that keep a refused value as typed (the others show the saved one again)."""

HELD_BACK_KEY = "action-cell:"
"""How the edit session's refusals of the actions table's cells are told apart."""
HELD_REASON = (
    "The meeting changed elsewhere: choose above. Keep mine saves this change on the meeting"
    " as it is now."
)


class ActionCells(ActionCommands):
    """Saving the cells of the actions table (see the module's docstring)."""

    directory_read = Signal(list)
    """The organisations, read again for an owner's offer: every box of the editor that
    takes an organisation offers them (a list of ``OrganisationRow``)."""

    delegate: ActionDelegate
    owner_dialog: NameAbbreviationDialog[OrganisationRow] | None = None
    """The "new organisation" dialog an owners cell opened, while it is open."""
    _owner_offer: tuple[int, str] | None = None
    """An owners cell refused for an organisation the directory may lack (the action's ID,
    the text): offered to be added once its editor closes with Enter or Tab."""
    _owner_offer_due = False  # an offer waits for the focus to settle
    _not_kept: list[tuple[str, str]]
    """Held edits Keep mine found refused by a rule: what was not saved, and why."""
    _held: dict[tuple[int, ActionColumn], str]
    """Cells whose edit the session holds for a conflict (shown refused until it is settled),
    with their action as the table showed it then (“LP to map …”), to name it if it goes."""

    def _withdraw_report(self, message: str) -> None:
        """Clear a line under the tables that no longer holds: :class:`ActionsPanel`'s."""
        raise NotImplementedError

    def _connect_cells(self) -> None:
        """Start keeping the cells (once the table's model exists)."""
        self._held = {}
        self._not_kept = []
        self.model.cell_edited.connect(self._cell_edited)
        self.model.refused_changed.connect(self._hold_back)
        self.delegate.cell_typed.connect(self._cell_typed)
        # Left (saved, or refused and kept in red) or given up with Escape: no longer typing.
        self.delegate.closeEditor.connect(lambda *_: self._session.cell_closed())
        self.delegate.closeEditor.connect(self._owners_editor_closed)

    def _cell_typed(self, action_id: int, column: int, text: str) -> None:
        """A key in a cell's editor: typing of the session until the cell is left."""
        self._session.cell_typed((Kind.ACTION, action_id), FIELD_OF[ActionColumn(column)], text)

    def commit_edits(self) -> None:
        """Save the cell being typed in now (before a command, or when the window closes)."""
        commit_open_cell(self.table)

    def _cell_edited(self, action_id: int, column: int, value: object) -> None:
        row = self.model.row_of(action_id)
        action = self.model.row_at(row) if row is not None else None
        if action is None:
            return
        which = ActionColumn(column)
        changes: dict[str, Any] = {}
        text = value if isinstance(value, str) else ""
        if which == ActionColumn.DESCRIPTION:
            changes["description"] = text.strip()
            unchanged = changes["description"] == action.description
        elif which == ActionColumn.OWNERS:
            self._owner_offer = None
            changes["owners"] = text
            abbreviations = self.delegate.abbreviations
            known = abbreviation_test(abbreviations)
            owners = owner_text.parse_owners(text, known, slashed=abbreviations)
            unchanged = owners == action.owners
        elif which == ActionColumn.ITEM:
            changes["agenda_item_id"] = value
            unchanged = value == action.agenda_item_id
        elif which == ActionColumn.DUE:
            if isinstance(value, UnreadableDue):  # kept as typed, in red, with the reason
                self._refuse(action_id, which, value.text, value.reason)
                return
            changes["due"] = value
            unchanged = value == action.due
        else:
            changes["status"] = ActionStatus(str(value))
            unchanged = changes["status"] is action.status
        keeps_text = which in TEXT_COLUMNS
        self._session.cell_closed()  # its text is saved below, or kept in the cell, refused
        if unchanged:  # (the date N could not set still left as it was: the hint holds)
            self._session.let_go((Kind.ACTION, action_id), changes)  # a held edit taken back
            self._held.pop((action_id, which), None)
            self.model.clear_refused(action_id, which)
            self._show_problem(" ".join(self.model.refused_reasons()))
        elif (
            saved := self._save(action_id, which, changes, text if keeps_text else None)
        ) is not None:
            if which == ActionColumn.DUE:  # a new due date saved: the N hint is past
                self._withdraw_report(NO_NEXT_MEETING)
            self.model.clear_refused(action_id, which)
            self._show_problem(" ".join(self.model.refused_reasons()))
            self.reload(select=action_id)
            self._edited()
            self._record_cell(action, saved, which)
        elif which == ActionColumn.OWNERS and self._refused_as_typed(action_id, text):
            self._owner_offer = (action_id, text)  # offered when its editor closes

    def _refused_as_typed(self, action_id: int, text: str) -> bool:
        """The owners cell holds ``text`` refused by a rule (not held for a conflict)."""
        column = ActionColumn.OWNERS
        held = (action_id, column) in self._held
        return not held and self.model.refused_text(action_id, column) == text

    # --- an owner the directory lacks, offered to be added ---------------------------------

    def _owners_editor_closed(
        self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint
    ) -> None:
        """The owners cell left with Enter or Tab on text refused: offer to add the
        organisation once the focus has settled (Tab has moved on). A click elsewhere (or
        another window taking the focus) leaves the text refused in red without a dialog
        popping up there; Esc offers nothing, nor a cell handed in before a command."""
        offer, self._owner_offer = self._owner_offer, None
        confirmed = (
            QAbstractItemDelegate.EndEditHint.SubmitModelCache,  # Enter
            QAbstractItemDelegate.EndEditHint.EditNextItem,  # Tab
            QAbstractItemDelegate.EndEditHint.EditPreviousItem,  # Shift+Tab
        )
        if offer is None or hint not in confirmed:
            return
        if not isinstance(editor, QLineEdit) or self._owner_offer_due:
            return
        if not isinstance(editor.completer(), OwnersCompleter) or editor.text() != offer[1]:
            return  # not the owners cell that was refused
        moved_on = hint in (
            QAbstractItemDelegate.EndEditHint.EditNextItem,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem,
        )
        self._owner_offer_due = True
        QTimer.singleShot(0, partial(self._offer_owner, *offer, moved_on=moved_on))

    def _read_directory(self) -> list[OrganisationRow] | None:
        """The organisations as they are now, offered to every box of the editor (None, and
        why under the table, if they could not be read)."""
        try:
            directory = self._session.read(services.list_organisations)
        except StorageError as error:
            self._show_problem(f"The organisations could not be read ({error.reason}).")
            return None
        self.delegate.abbreviations = [org.abbreviation for org in directory]
        self.directory_read.emit(directory)
        return directory

    def _offer_owner(self, action_id: int, typed: str, *, moved_on: bool) -> None:
        """Offer to add the first owner of ``typed`` the directory lacks; the others are
        offered in turn, each after the one before was added. Nothing is offered for the
        name of an organisation the directory has (the abbreviation is what to type)."""
        self._owner_offer_due = False
        if self.owner_dialog is not None or not self._refused_as_typed(action_id, typed):
            return  # typed on, given up, or another meeting opened meanwhile
        directory = self._read_directory()
        if directory is None:
            return
        unknown = unknown_owners(typed, [org.abbreviation for org in directory])
        if not unknown:
            return
        missing = unknown[0]
        named = next((org for org in directory if text_key(org.name) == text_key(missing)), None)
        if named is not None:  # the name of one the directory has: its abbreviation is said
            reason = next(
                why
                for action, _number, column, why in self.model.refused_cells()
                if (action, column) == (action_id, ActionColumn.OWNERS)
            )
            hint = abbreviation_hint(named.abbreviation)
            self._refuse(action_id, ActionColumn.OWNERS, typed, f"{reason} {hint}")
            return

        def finished(created: OrganisationRow | None) -> None:
            self.owner_dialog = None
            self.window().activateWindow()
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if created is None or self.model.row_of(action_id) is None:
                self._select(action_id, ActionColumn.OWNERS)  # the red text, to put right
                return
            going_to = ActionColumn(self.table.currentIndex().column())
            abbreviations = [org.abbreviation for org in self._read_directory() or directory]
            known = abbreviation_test(abbreviations)
            owners = owner_text.parse_owners(typed, known, slashed=abbreviations)
            taken = text_key(missing)
            now = [created.abbreviation if text_key(o) == taken else o for o in owners]
            self._cell_edited(action_id, ActionColumn.OWNERS, owner_text.OWNER_SEPARATOR.join(now))
            offer, self._owner_offer = self._owner_offer, None
            if offer is not None:  # another owner the directory lacks: offered next
                self._owner_offer_due = True
                QTimer.singleShot(0, partial(self._offer_owner, *offer, moved_on=moved_on))
                return
            self._select(action_id, going_to)
            if moved_on:  # on in the cell Tab went to, its editor open again
                self.table.edit(self.table.currentIndex())

        self.owner_dialog = offer_new_organisation(
            self,
            self._session,
            missing,
            then="it is made an owner of this action",
            finished=finished,
        )

    def _save(
        self, action_id: int, which: ActionColumn, changes: dict[str, Any], kept: str | None
    ) -> actions.ActionRow | None:
        """Save a cell's new value and return the action as saved; None if it was refused
        (``kept``: the text the cell keeps then, in red, or None to show the saved value)."""
        try:
            return self._session.run(
                {Part.ACTIONS, Part.STATUSES},
                lambda db: actions.update_action(db, action_id, **changes),
            )
        except StaleEditError:  # held for the person's choice, not dropped
            self._session.hold(Kind.ACTION, action_id, **changes)
            self._held[(action_id, which)] = self._named(action_id)
            self._refuse(action_id, which, kept, HELD_REASON)
        except ValidationError as error:
            self._refuse(action_id, which, kept, error.message)
        except StorageError as error:
            log.exception("saving action %s failed", action_id)
            failed = f"The change could not be saved ({error.reason}); edit the cell to try again."
            self._refuse(action_id, which, kept, failed)
        except NotFoundError:
            self._show_problem("That action no longer exists (deleted in another window?).")
            self.reload()
        return None

    def _refuse(self, action_id: int, column: ActionColumn, text: str | None, reason: str) -> None:
        """Keep a refused cell's text (in red), and say why under the table: this reason
        and those of the other cells still refused, none hidden behind the latest."""
        reasons = self.model.refused_reasons()
        if text is not None:
            self.model.set_refused(action_id, column, text, reason)
            reasons = self.model.refused_reasons()
        self._show_problem(" ".join(dict.fromkeys([*reasons, reason])))

    def _hold_back(self) -> None:
        """Tell the edit session which cells hold a value typed and not saved because a rule
        refused it: the title says "not saved" and leaving the meeting asks first, as for any
        refused value. A cell held for a conflict is not among them: the session holds its
        edit as a pending one (Keep mine saves it), so it never stands in Keep mine's way."""
        held = {}
        texts: dict[int, dict[str, str]] = {}
        for action_id, number, column, reason in self.model.refused_cells():
            if (action_id, column) in self._held:
                continue
            header = self.model.headerData(column, Qt.Orientation.Horizontal)
            held[f"{HELD_BACK_KEY}{action_id}:{column.name}"] = (
                f"Action {number}, {str(header).lower()}: {reason}"
            )
            text = self.model.refused_text(action_id, column)
            if text is not None:  # as typed, for the journal: a kill does not take it
                texts.setdefault(action_id, {})[FIELD_OF[column]] = text
        self._session.hold_back(held, under=HELD_BACK_KEY, texts=texts)

    def put_back_cell(self, action_id: int, field: str, value: object) -> None:
        """A cell's value refused, put back after a crash (the text typed, or a value held
        for a conflict): entered again as it was (refused again, red, with why; saved if
        the rule now lets it through)."""
        column = COLUMN_OF.get(field)
        if column is None or self.model.row_of(action_id) is None:
            return
        if column == ActionColumn.DUE and isinstance(value, str):
            value = _typed_due(value)
        elif isinstance(value, ActionStatus):
            value = value.value  # as the status cell hands it in
        self._cell_edited(action_id, column, value)

    def only_cells_held_back(self) -> bool:
        """After Keep mine: everything saved but cells of this table a rule refused. They keep
        their text (in red) through a reload, so the window may show the meeting as it is
        now; a detail a rule refused would not, and keeps the window as it was."""
        session = self._session
        return (
            session.state is SaveState.REFUSED
            and not session.has_pending_edits()
            and all(key.startswith(HELD_BACK_KEY) for key in session.refused)
        )

    def focus_held_back(self, key: str) -> bool:
        """The cursor on the cell of a key :meth:`_hold_back` gave the session, in the table
        (not its editor), where Esc gives the value up and F2 or typing corrects it; False
        if ``key`` is not one of those or its action is not shown."""
        action_id, _colon, column = key.removeprefix(HELD_BACK_KEY).partition(":")
        if not key.startswith(HELD_BACK_KEY) or column not in ActionColumn.__members__:
            return False
        if not action_id.isdigit() or self.model.row_of(int(action_id)) is None:
            return False
        self.bring_into_view()
        self._select(int(action_id), ActionColumn[column])
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def give_up_refused(self) -> None:
        """The person chose to lose what could not be saved: the cells show what is saved."""
        self.model.clear_all_refused()
        self._show_problem("")

    def _named(self, action_id: int) -> str:
        row = self.model.row_of(action_id)
        action = self.model.row_at(row) if row is not None else None
        if action is None:
            return "an action"
        return f"the action “{action_sentence(action.owners_text, action.description)}”"

    # --- held for a conflict --------------------------------------------------------------

    def refused_when_kept(
        self, target: Target, changes: dict[str, Any], error: ValidationError
    ) -> dict[str, Any]:
        """The session's refuse hook for a held edit that Keep mine's save found refused by
        a rule (an owner deleted meanwhile): shown in its cell with the reason, as any refused
        cell, which holds it from then on (the session lets go of it); :meth:`settle_held`
        then says so. Returns what of ``changes`` may still be saved."""
        action_id = target[1]
        field = {"item": "agenda_item_id"}.get(error.field, error.field)
        taken = {field} if field in changes else set(changes)
        for name in taken:
            column = COLUMN_OF[name]
            value = changes[name]
            action = self._held.pop((action_id, column), None) or self._named(action_id)
            self._not_kept.append((f"Your change to {action} was not saved", error.message))
            kept = value if column in TEXT_COLUMNS and isinstance(value, str) else None
            self._refuse(action_id, column, kept, error.message)
        self._session.let_go(target, taken)
        return {key: value for key, value in changes.items() if key not in taken}

    def settle_held(self, gone: Sequence[tuple[int, dict[str, Any]]]) -> str:
        """After Keep mine: the cells it saved are no longer shown refused; those it could
        not save are said plainly, under the table and in the sentence returned (empty: all
        saved). An action deleted meanwhile (``gone``, the session's) cannot take its edit:
        what was typed into it goes on the clipboard."""
        pending = self._session.pending.edits
        settled = [
            cell
            for cell in self._held
            if FIELD_OF[cell[1]] not in pending.get((Kind.ACTION, cell[0]), {})
        ]
        gone_ids = {action_id for action_id, _changes in gone}
        names = list(dict.fromkeys(self._held[cell] for cell in settled if cell[0] in gone_ids))
        for cell in settled:
            del self._held[cell]
            self.model.clear_refused(*cell)
        said = [f"{sentence}: {reason.rstrip('.')}." for sentence, reason in self._not_kept]
        reasons = [reason for _sentence, reason in self._not_kept]
        self._not_kept.clear()
        if names:
            texts = [v for _id, changes in gone for v in changes.values() if isinstance(v, str)]
            texts = [text for text in texts if text.strip()]
            if texts:
                QGuiApplication.clipboard().setText("\n\n".join(texts))
            said.insert(
                0,
                f"Your change to {', '.join(names)} was not saved: the action was deleted in"
                " another window or program meanwhile."
                + (" What you typed is on the clipboard (Ctrl+V pastes it)." if texts else ""),
            )
        if settled or said:  # why, under the table: each reason once
            gone_said = said[:1] if names else []
            shown = [*gone_said, *reasons, *self.model.refused_reasons()]
            self._show_problem(" ".join(dict.fromkeys(shown)))
        return " ".join(said)


def _typed_due(text: str) -> dt.date | UnreadableDue | None:
    """A due cell's text as its editor reads it (see :meth:`DueEdit.due`); N or the words
    "next meeting" are refused as they were when typed (its date was not known then)."""
    if not text.strip():
        return None
    if means_next_meeting(text):
        return UnreadableDue(text, NO_NEXT_MEETING)
    try:
        return parse_date(text)
    except UnreadableValueError as error:
        return UnreadableDue(text, str(error))
