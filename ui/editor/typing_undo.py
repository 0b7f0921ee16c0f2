"""Typing as steps of the meeting's undo history: what the edit session saves of the details
and of the agenda items (the venue, an item's notes) goes on the stack with its values
before and after, interleaved with the commands in the order things were done.

* **One step per burst of typing.** The session saves while someone types (the autosave)
  and when they leave the field; the saves of one *burst* are merged into one step (see
  :class:`ui.common.undo.FieldStep`), so Ctrl+Z takes back the last burst, as in Word, not
  its last second nor everything typed since the cursor came in. A burst ends where a
  person stops: a pause of :data:`BURST_PAUSE_S` without a key, a new paragraph (Enter) or
  a command keyed in the notes (a formatting key such as Ctrl+B, a paste) or an autoformat
  there (``- `` made a bullet), the focus moving, an undo or redo. What is still unsaved
  of the burst before is saved first, so it stays a step of its own.
* **Ctrl+Z goes to the steps.** Qt's own typing undo of a field merges everything typed in
  a row and cannot be cut into bursts, so in these fields Ctrl+Z and Ctrl+Shift+Z go to
  the meeting's stack only (see :meth:`ui.common.undo.UndoHistory.stack_only`; the notes'
  document keeps no undo of its own): what is typed is saved first, then one burst is
  taken back, and redo brings the bursts back one by one until something new is typed.
* **The same path back.** Undo saves the value before through the services, checked
  against the meeting's version as any edit of the session is: if another window or
  program saved the meeting meanwhile, the conflict is shown as for a command and nothing
  is overwritten. A field changed since by this window's own "Keep mine" is not put back
  either: the step is dropped with a one-line reason.
* **Seen where it happened.** The field is shown again as saved (its tab, its item) and
  the cursor put in it, unless the cursor is in a list or table there (the agenda list):
  someone stepping back from there stays there, as after a command.

The transcript's turns are not steps: their words are saved with the rest, not recorded
here. :class:`ui.editor.conflict_choices.ConflictChoices` builds on this class; the action
cells, which the actions tab saves one by one, record their steps there (one per cell
saved, :mod:`ui.editor.action_commands`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QTabWidget, QWidget

from models import services
from models.edits import PARTS_OF, Kind, Target
from models.savers import SAVERS
from models.services import NotFoundError
from ui.common.modifier_keys import MODIFIER_KEYS
from ui.common.undo import REDO_SHORTCUTS, UNDO_SHORTCUTS, Typed, first_keys
from ui.editor.cursor_keeping import changed_end
from ui.editor.details_editing import DetailsEditing
from ui.editor.save_state import SaveState
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

BURST_PAUSE_S = 2.0
"""A burst of typing ends after this long without a key. Between the keys of a word or a
phrase people rarely stop a second; a pause of two seconds is where writing research that
logs keystrokes conventionally cuts typing into "bursts" (a thought typed out), and where a
minute-taker stops to listen before the next sentence. Shorter would cut a hesitant
sentence in two; longer would merge two sentences typed a breath apart. It is well over the
autosave's wait (``IDLE_MS``), so a burst is saved before the next one starts."""


class TypingBursts(QObject):
    """Where a burst of typing ends (see the module's docstring): the number of the burst
    under way, which the saves made during it carry, and the time of the last key.

    ``clock`` (seconds, monotonic) is replaceable, so a test makes a pause without waiting.
    Keys are seen before the field handles them (an event filter on each field typed in),
    so the typing before a boundary is saved before the key that starts the next burst.
    """

    def __init__(
        self,
        parent: QObject,
        *,
        notes: QWidget,
        started: Callable[[], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.number = 0
        self._last_key: float | None = None
        self._fresh = True  # the next key is the first of its burst
        self._notes = notes  # where Enter and Ctrl keys end a burst too
        self._started = started

    def watch(self, fields: list[QWidget]) -> None:
        """See the keys typed in ``fields`` (and the line edit inside a date or a list): a
        filter on each, not on the application, which every event of the app would cross."""
        for field in fields:
            field.installEventFilter(self)
            for line in field.findChildren(QLineEdit):
                line.installEventFilter(self)

    def cut(self) -> None:
        """The burst under way ends here (the focus moved, a step was undone or redone)."""
        self.number += 1
        self._last_key = None
        self._fresh = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only the fields watched get here; a key passed on to a child is counted once.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and watched is QApplication.focusWidget()
            and _types(event)
        ):
            self._key(event, notes=watched is self._notes)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent, *, notes: bool) -> None:
        now = self.clock()
        paused = self._last_key is not None and now - self._last_key >= BURST_PAUSE_S
        self._last_key = now
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        enter = plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        command = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if self._fresh or not (paused or (notes and (enter or command))):
            self._fresh = False
            return
        self._started()  # before the number moves on: the burst before, saved as it was
        self.number += 1


def _types(event: QKeyEvent) -> bool:
    """Whether a key press edits or might (not a modifier alone, not undo or redo: those
    walk the steps, and Ctrl+Z after a pause must still undo the burst before it)."""
    if event.key() in MODIFIER_KEYS:
        return False
    pressed = event.keyCombination()
    return not any(pressed == first_keys(keys) for keys in UNDO_SHORTCUTS + REDO_SHORTCUTS)


class TypingUndo(DetailsEditing):
    """Typing in the details and the items as undo steps (see the module's docstring)."""

    details_page: QWidget
    tabs: QTabWidget
    bursts: TypingBursts

    def _watch_typing(self) -> None:
        """Start making steps. Called once the editor is wired: its focus handler, which
        saves the field being left, must run before the burst is counted as over."""
        self.session.typing_saved.connect(self._typing_saved)
        self.bursts = TypingBursts(self, notes=self.agenda.notes_edit, started=self._burst_started)
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a widget cannot exist without one
        app.focusChanged.connect(self._focus_moved)
        self.history.stepped.connect(self.bursts.cut)
        self.agenda.notes_edit.setUndoRedoEnabled(False)  # its menu's Undo: the whole stay
        self.agenda.notes_editor.autoformat_started.connect(self._autoformat_started)
        fields = self._typed_fields()
        self.history.stack_only(fields)
        self.bursts.watch(fields)

    def _focus_moved(self, *_focus: object) -> None:
        self.bursts.cut()

    def _typed_fields(self) -> list[QWidget]:
        """The fields whose typing is a step here (not an action cell, a dialog, a turn)."""
        details = [self.details.widget_for(field) for field in DETAIL_LABELS]
        return [*details, self.agenda.title_edit, self.agenda.notes_edit]

    def _burst_started(self) -> None:
        """A burst ends before the key now pressed: what is unsaved of it is saved first, a
        step of its own (nothing to do when the autosave has saved it, as after a pause)."""
        if self.session.state is not SaveState.SAVED:
            self.flush()

    def _autoformat_started(self) -> None:
        """The characters typed that an autoformat turns into a list or bold are a step of
        their own (as in Word, Ctrl+Z gives them back), and the change another."""
        self._burst_started()
        self.bursts.cut()

    def _typing_saved(self, typed: list[tuple[Target, Values]]) -> None:
        for target, values in typed:
            self.history.record(
                Typed(
                    step_text(target, values, self.session.record),
                    key=target,
                    values=values,
                    burst=self.bursts.number,
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
            panel = self.agenda
            same_item = self._shown_item_id == target_id  # else the text is another item's
            before = (panel.title_edit.text(), panel.notes_edit.toPlainText())
            self._agenda_refreshed(target_id)
            self._refresh_shown_item()
            widgets: dict[str, QWidget] = {
                "title": panel.title_edit,
                "notes": panel.notes_edit,
                "confidential": panel.confidential_check,
            }
            if same_item and fields[0] == "notes":  # where the burst was taken or put back
                cursor = panel.notes_edit.textCursor()
                cursor.setPosition(changed_end(before[1], panel.notes_edit.toPlainText()))
                panel.notes_edit.setTextCursor(cursor)
            elif same_item and fields[0] == "title":
                panel.title_edit.setCursorPosition(changed_end(before[0], panel.title_edit.text()))
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
