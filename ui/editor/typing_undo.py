"""Typing as steps of the meeting's undo history: what the edit session saves of the details
and of the agenda items (the venue, an item's notes) goes on the stack with its values
before and after, interleaved with the commands in the order things were done.

* **One step per stay in a field.** The session saves while someone types (the autosave)
  and when they leave the field; every save made before the focus moves is merged into
  the step before it (see :class:`ui.common.undo.FieldStep`), so Ctrl+Z takes back the
  whole stretch typed there. The focus moving anywhere starts a new stay.
* **The same path back.** Undo saves the value before through the services, checked
  against the meeting's version as any edit of the session is: if another window or
  program saved the meeting meanwhile, the conflict is shown as for a command and nothing
  is overwritten. A field changed since by this window's own "Keep mine" is not put back
  either: the step is dropped with a one-line reason.
* **Seen where it happened.** The field is shown again as saved (its tab, its item) and
  the cursor put in it, unless the cursor is in a list or table there (the agenda list):
  someone stepping back from there stays there, as after a command. The field's own
  typing undo starts afresh, so the next Ctrl+Z in it goes on down the stack.

:class:`ui.editor.conflict_choices.ConflictChoices` builds on this class; the action cells,
which the actions tab saves one by one, record their steps there
(:mod:`ui.editor.action_commands`).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabWidget, QWidget

from models import services
from models.edits import PARTS_OF, Kind, Target
from models.savers import SAVERS
from models.services import NotFoundError
from ui.common.undo import Typed
from ui.editor.details_editing import DetailsEditing
from ui.editor.step_values import (
    DETAIL_LABELS,
    ITEM_LABELS,
    MISSING,
    field_value,
    put_back,
    step_text,
)

if TYPE_CHECKING:
    from models.database import Database
    from ui.common.undo import Values

Shown = tuple[Target, tuple[str, ...]]
"""What an undone or redone step changed: its target and its fields (to show them)."""


class TypingUndo(DetailsEditing):
    """Typing in the details and the items as undo steps (see the module's docstring)."""

    details_page: QWidget
    tabs: QTabWidget
    _stint = 0  # the stay in a field: saves of the same stay merge into one step

    def _watch_typing(self) -> None:
        """Start making steps. Called once the editor is wired: its focus handler, which
        saves the field being left, must run before the stay is counted as over."""
        self.session.typing_saved.connect(self._typing_saved)
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a widget cannot exist without one
        app.focusChanged.connect(self._next_stint)

    def _next_stint(self, *_focus: object) -> None:
        self._stint += 1

    def _typing_saved(self, typed: list[tuple[Target, Values]]) -> None:
        for target, values in typed:
            self.history.record(
                Typed(
                    step_text(target, values, self.session.record),
                    key=target,
                    values=values,
                    stint=self._stint,
                    apply=partial(self._apply_typed, target),
                    refresh=self._show_typed,
                )
            )

    def _apply_typed(
        self, target: Target, values: dict[str, Any], expected: dict[str, Any]
    ) -> Shown:
        """Save ``values`` (an undo: the values before) if the fields still hold
        ``expected``, through the session: a meeting saved elsewhere since is a conflict."""
        kind, target_id = target
        meeting_id = self.session.meeting_id

        def read_now(db: Database) -> dict[str, Any]:
            record = services.meeting_record(db, meeting_id or 0)
            now = {field: field_value(record, target, field) for field in expected}
            if MISSING in now.values():
                raise NotFoundError(f"{kind.value} {target_id} does not exist")
            return now

        def save(db: Database) -> Shown:
            SAVERS[kind](db, target_id, _as_changes(db, values))
            return target, tuple(values)

        return put_back(
            self.session,
            set(PARTS_OF[kind]),
            read_now=read_now,
            expected=expected,
            labels=DETAIL_LABELS if kind is Kind.MEETING else ITEM_LABELS,
            save=save,
        )

    def _show_typed(self, shown: Shown) -> None:
        """After an undo or redo of typing: the field as saved, on its tab, the cursor in it."""
        (kind, target_id), fields = shown
        if kind is Kind.ITEM:
            self._agenda_refreshed(target_id)
            self._refresh_shown_item()
            panel = self.agenda
            widgets: dict[str, QWidget] = {
                "title": panel.title_edit,
                "notes": panel.notes_edit,
                "confidential": panel.confidential_check,
            }
            self._put_cursor_in(widgets[fields[0]])
            return
        record = self._record_read_again("meeting")
        if record is None:
            return
        self.details.show_fields(record, fields)
        for field in fields:
            self.session.refused.pop(field, None)
            self.session.keep_text((Kind.MEETING, record.id), field, None)  # shown as saved
        self._show_refused()
        self.show_tab(self.details_page)
        self._put_cursor_in(self.details.widget_for(fields[0]))

    def _put_cursor_in(self, field: QWidget) -> None:
        """The cursor to the field put back, unless it is in a list or a table on the page
        shown: someone stepping back from there stays there, as after a command."""
        focus = QApplication.focusWidget()
        page = self.tabs.currentWidget()
        if isinstance(focus, QAbstractItemView) and page is not None and page.isAncestorOf(focus):
            return
        field.setFocus(Qt.FocusReason.OtherFocusReason)


def _as_changes(db: Database, values: dict[str, Any]) -> dict[str, Any]:
    """Values as the record holds them, as the savers take them: a board by its ID."""
    changes = dict(values)
    board = changes.get("board")
    if board is not None:
        found = next(
            (
                row.id
                for row in services.list_boards(db)
                if (row.name, row.abbreviation) == (board.name, board.abbreviation)
            ),
            None,
        )
        if found is None:
            raise NotFoundError(f"the board {board.abbreviation} no longer exists")
        changes["board"] = found
    return changes
