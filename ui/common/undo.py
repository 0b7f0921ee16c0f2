"""Undo and redo of the meeting's edits through one ``QUndoStack``, in the order they were made.

Two kinds of step share the stack. A *command* changes the shape of the meeting (an agenda
item added, an attendee removed, an action moved): a :class:`ServiceCommand`, a pair of
service calls (do, undo), run through :class:`UndoHistory`, which the meeting editor owns.
A *field step* (:class:`FieldStep`, put there with :meth:`UndoHistory.record`) is typing
already saved (the venue, an item's notes, an action's cell), with the values before and
after: undoing it saves the value before through the same path, redoing it the value after.
The saves of one *burst* of typing in a field (the autosave fires while someone types)
merge into one step, so one Ctrl+Z takes back that burst, not its last second nor the whole
stay in the field: where a burst ends is the typing's to say (:mod:`ui.editor.typing_undo`:
a pause, a new paragraph, the focus moving). A command is run like this::

    history = editor.history            # editor.undo_stack is history.stack
    history.run(
        "Delete action",
        do=lambda: actions.remove(db, action_id),      # returns what refresh needs
        undo=lambda: actions.restore(db, removed),
        refresh=lambda result: panel.reload(select=...),
    )

Rules a command must follow, so that a stack of them stays replayable:

* **Stable IDs.** Undoing a deletion restores the row *with its old ID* (the services'
  ``restore_*`` functions), and redoing an addition restores the row added the first time.
  A later command on the stack refers to rows by ID, and those IDs must mean the same row
  whichever way the user has gone up and down the stack.
* **Everything through services.** ``do`` and ``undo`` call ``models`` functions (one unit
  of work each) and return a value for ``refresh``; they never touch widgets.
* **Failures are told, not raised.** A database failure (``StorageError``), a row deleted
  meanwhile (``NotFoundError``) or a refused edit (``ValidationError``, ``StaleEditError``)
  in ``do`` or ``undo`` is reported through the history's ``on_failure`` (the editor shows
  its banner) and the command is marked obsolete, so Qt drops it from the stack instead of
  pretending it happened. Nothing is raised into Qt's event loop.

Before any command runs, undone or redone, ``prepare`` is called (the editor saves what is
being typed) and the command does not run if that fails: an undo must not overtake text
still waiting to be saved, or a restored item would come back without it.

Which wins when the focus is in a text field: **the field's own history first, then the
meeting's stack.** Qt's ShortcutOverride lets a QLineEdit or a text edit take its standard
undo/redo keys before any window shortcut, so Ctrl+Z in a field with typing of its own to
undo undoes that (Ctrl+Y, not a field's own redo key on Linux, is handed to the field here
too); once the field has nothing left, the key goes on to the stack (see
:meth:`UndoHistory.eventFilter`). What the field's own undo put back is an edit like any
other: saved, it merges into the field's step, and a step back to where it started is
dropped, so the next Ctrl+Z reaches the edit before. A field whose own history cannot be
kept to one burst (a line edit's spans the whole stay; see :meth:`UndoHistory.stack_only`)
takes no Ctrl+Z of its own: the key saves what is typed and goes straight to the stack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)

from models.errors import StorageError
from models.services import NotFoundError, StaleEditError, ValidationError
from ui.common.first_paint import filter_application_once_shown
from ui.common.text_fields import field_has_own_history, text_field_of

log = logging.getLogger(__name__)

T = TypeVar("T")

# What a service can raise for a reason that is not a bug: told to the user, never raised.
COMMAND_ERRORS = (StorageError, NotFoundError, ValidationError, StaleEditError)

STALE_REASON = "someone else changed the meeting meanwhile, in another window or program"
"""Why a command was refused on a meeting that moved on, in the person's words."""


@dataclass(frozen=True)
class RefusedCommand:
    """A command refused because the meeting changed underneath: what it was (its text, for
    the conflict banner) and a way to run it again, once the person chose to keep theirs."""

    text: str
    again: Callable[[], bool]


# Key sequences as text: a QKeySequence of a standard key cannot be made before the
# QGuiApplication exists (it crashes), and this module is imported before that.
UNDO_SHORTCUTS = ("Ctrl+Z",)
REDO_SHORTCUTS = ("Ctrl+Shift+Z", "Ctrl+Y")


def describe_error(error: Exception) -> str:
    """One line for the user about why a service call failed."""
    if isinstance(error, StaleEditError):  # its own text names versions, not for the user
        return STALE_REASON
    if isinstance(error, StorageError):
        return f"the database reported a problem ({error.reason})"
    if isinstance(error, ValidationError):
        return error.message
    if isinstance(error, NotFoundError):
        return "what it changes no longer exists (deleted in another window?)"
    return str(error)


class ServiceCommand(QUndoCommand, Generic[T]):
    """One undoable edit: ``do`` and ``undo`` are service calls; ``refresh`` shows the result.

    ``refresh`` gets what ``do`` or ``undo`` returned (say, the ID of the row to select). A
    failure marks the command obsolete, which makes Qt drop it (Qt 6: from ``push``, ``undo``
    and ``redo`` alike), and is reported through ``on_failure``. ``keep`` (asked once, after
    the first ``do``) can drop a command that turned out to change nothing. ``done_already``:
    the edit was made before the command was pushed (typing saved, a meeting made), so the
    push does not make it again.
    """

    def __init__(
        self,
        text: str,
        *,
        do: Callable[[], T],
        undo: Callable[[], T],
        refresh: Callable[[T], None],
        on_failure: Callable[[str, Exception], None],
        keep: Callable[[T], bool] | None = None,
        done_already: bool = False,
    ) -> None:
        super().__init__(text)
        self._do = do
        self._undo = undo
        self._refresh = refresh
        self._on_failure = on_failure
        self._keep = keep
        self._done_already = done_already

    def redo(self) -> None:
        if self._done_already:  # pushed once made: the first redo has happened already
            self._done_already = False
            return
        self._run(self._do, self.text())
        if self._keep is not None and not self.isObsolete():
            # Run once: a command that changed nothing (nothing to copy) is not kept.
            keep, self._keep = self._keep, None
            if not keep(self._last):
                self.setObsolete(True)

    def undo(self) -> None:
        self._run(self._undo, f"Undo {self.text()[:1].lower()}{self.text()[1:]}")

    def _run(self, work: Callable[[], T], what: str) -> None:
        try:
            result = work()
        except COMMAND_ERRORS as error:
            log.warning("%s failed: %s", what, error)
            self.setObsolete(True)
            self._on_failure(what, error)
            return
        self._last = result
        self._refresh(result)


FIELD_STEP_ID = 1
"""Qt tries to merge only a command with the one before it of the same ``id()``."""

Values = dict[str, tuple[Any, Any]]
"""Field name -> (value before, value after) of a field step."""


@dataclass(frozen=True)
class Typed(Generic[T]):
    """Typing just saved, for :meth:`UndoHistory.record`: ``apply(values, expected)`` saves
    ``values`` (by field name) if the fields still hold ``expected``, else raises (what a
    command raises); ``refresh`` shows what it returned. ``key`` names what was typed in (a
    target) and ``burst`` the burst of typing in it, which decide what merges."""

    text: str
    key: Hashable
    values: Values
    burst: int
    apply: Callable[[dict[str, Any], dict[str, Any]], T]
    refresh: Callable[[T], None]


class FieldStep(ServiceCommand[T]):
    """Typing already saved, as a step (see :class:`Typed`): undo applies the values
    before, redo those after; a failure drops the step, as it drops any command.

    A later step of the same key, burst and fields merges into this one (Qt asks, through
    :meth:`mergeWith`), and a step whose values end where they started is dropped.
    """

    def __init__(self, typed: Typed[T], on_failure: Callable[[str, Exception], None]) -> None:
        apply = typed.apply
        super().__init__(
            typed.text,
            do=lambda: apply(self._side(1), self._side(0)),
            undo=lambda: apply(self._side(0), self._side(1)),
            refresh=typed.refresh,
            on_failure=on_failure,
            done_already=True,
        )
        self.key = typed.key
        self.values = dict(typed.values)
        self.burst = typed.burst

    def _side(self, which: int) -> dict[str, Any]:
        return {name: pair[which] for name, pair in self.values.items()}

    def id(self) -> int:
        return FIELD_STEP_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """The next save of the same burst in the same field: one step from the first value
        before to the last value after."""
        if (
            not isinstance(other, FieldStep)
            or (other.key, other.burst) != (self.key, self.burst)
            or not other.values.keys() <= self.values.keys()
        ):
            return False
        for name, (_before, after) in other.values.items():
            self.values[name] = (self.values[name][0], after)
        if all(before == after for before, after in self.values.values()):
            self.setObsolete(True)  # typed and taken back: nothing left to undo
        return True


class UndoHistory(QObject):
    """The undo stack of the open meeting, with Undo/Redo actions for the Edit menu.

    ``prepare`` runs before every command, undo and redo (True: go ahead); ``on_failure``
    is told about a step that could not run, with a sentence naming it and the error.
    """

    command_failed = Signal(str)
    """A step (a command or saved typing), or its undo, did not run; the message says
    which and why."""
    command_refused = Signal(str)
    """A command (its text) was refused because the meeting changed elsewhere; ``refused``
    can run it again (the conflict banner's "Keep mine")."""
    stepped = Signal()
    """A step was undone or redone (a message about doing it no longer holds)."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        prepare: Callable[[], bool] = lambda: True,
        on_failure: Callable[[str], None] | None = None,
        why_not: Callable[[], str] = lambda: "",
        waits: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._prepare = prepare
        self._waits = waits
        """Whether ``prepare`` failed on a change made elsewhere (saving the typing first
        found it): the command is then refused as one that found it itself, and waits for
        the person's choice (a new turn's words typed meanwhile go with it)."""
        self._why_not = why_not
        self._on_failure = on_failure
        self.refused: RefusedCommand | None = None
        """The last command, if it was refused for a change made elsewhere (see run)."""
        self._failure: Exception | None = None
        self._busy = 0  # inside a push, undo or redo of the stack
        self._deferred: list[FieldStep[Any]] = []
        self._after: list[Callable[[], None]] = []
        self._kept = False  # clear() leaves the stack alone (see kept)
        self._stack_only: list[QWidget] = []
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setShortcuts([QKeySequence(keys) for keys in UNDO_SHORTCUTS])
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("&Redo", self)
        self.redo_action.setShortcuts([QKeySequence(keys) for keys in REDO_SHORTCUTS])
        self.redo_action.triggered.connect(self.redo)
        for action in (self.undo_action, self.redo_action):
            # The Edit menu is in the window, but the keys must work wherever the focus is.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.stack.canUndoChanged.connect(self._update_actions)
        self.stack.canRedoChanged.connect(self._update_actions)
        self.stack.undoTextChanged.connect(self._update_actions)
        self.stack.redoTextChanged.connect(self._update_actions)
        self._update_actions()
        if isinstance(parent, QWidget):
            filter_application_once_shown(self, parent)
        else:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z in a text field with nothing left to undo goes on to the meeting's undo
        (the field would take the key and do nothing): right after Ctrl+Shift+C, with the
        focus in a text box, Ctrl+Z undoes the copy. Likewise for redo. In a field of
        :meth:`stack_only`, the keys always go to the meeting's undo."""
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            pressed = event.keyCombination()
            undo = any(pressed == first_keys(keys) for keys in UNDO_SHORTCUTS)
            redo = any(pressed == first_keys(keys) for keys in REDO_SHORTCUTS)
            focus = QApplication.focusWidget()
            field = text_field_of(focus)
            if not (undo or redo) or field is None or not self._in_my_window(focus):
                return super().eventFilter(watched, event)
            if kind == QEvent.Type.KeyPress:
                if self.is_stack_only(field):  # the Undo action is off: no shortcut took it
                    (self.undo if undo else self.redo)()
                    return True  # never the line edit's own undo of the whole stay
            elif self.is_stack_only(field):
                return True  # typing waiting to be saved may be the step: the stack decides
            elif not field_has_own_history(field, undo=undo) and (
                self.stack.canUndo() if undo else self.stack.canRedo()
            ):
                return True  # not taken by the field: the window's shortcut runs
        return super().eventFilter(watched, event)

    def stack_only(self, widgets: list[QWidget]) -> None:
        """Ctrl+Z and Ctrl+Shift+Z in these fields (or the line edit inside them) go to the
        stack, never to the field's own history. A line edit's own undo spans the whole
        stay in it and cannot be cut into bursts, so its typing, saved first, is undone
        from the stack one burst at a time (see :meth:`FieldStep.mergeWith`)."""
        self._stack_only.extend(widgets)

    def is_stack_only(self, field: QWidget) -> bool:
        return any(widget is field or widget.isAncestorOf(field) for widget in self._stack_only)

    def _field_takes(self, field: Any, *, undo: bool) -> bool:
        """Whether the field's own undo (or redo) runs for the key, before the stack."""
        return not self.is_stack_only(field) and field_has_own_history(field, undo=undo)

    def run(
        self,
        text: str,
        *,
        do: Callable[[], T],
        undo: Callable[[], T],
        refresh: Callable[[T], None],
        keep: Callable[[T], bool] | None = None,
    ) -> bool:
        """Do an edit and put it on the stack; False (and nothing on the stack) if it failed
        or if the pending typing could not be saved first.

        ``keep`` is asked once, with what ``do`` returned the first time: False leaves the
        command off the stack (it changed nothing, so Ctrl+Z must not "undo" it).
        """
        if not self._prepare():
            if self._waits():
                self._refuse(text, do=do, undo=undo, refresh=refresh, keep=keep)
            return False
        worked: list[bool] = []
        self._failure = None

        def do_and_note() -> T:
            result = do()
            worked.append(True)
            return result

        command: ServiceCommand[T] = ServiceCommand(
            text, do=do_and_note, undo=undo, refresh=refresh, on_failure=self._failed, keep=keep
        )
        with self._running():
            self.stack.push(command)  # runs do(); Qt deletes the command if it failed
        self.refused = None
        if not worked and isinstance(self._failure, StaleEditError):
            self._refuse(text, do=do, undo=undo, refresh=refresh, keep=keep)
        return bool(worked)

    def _refuse(
        self,
        text: str,
        *,
        do: Callable[[], T],
        undo: Callable[[], T],
        refresh: Callable[[T], None],
        keep: Callable[[T], bool] | None,
    ) -> None:
        """Kept for the conflict banner: "Keep mine" runs it on the meeting as it is now."""
        self.refused = RefusedCommand(
            text, lambda: self.run(text, do=do, undo=undo, refresh=refresh, keep=keep)
        )
        self.command_refused.emit(text)

    def _in_my_window(self, widget: QWidget | None) -> bool:
        """Whether ``widget`` is in the window of the editor this history belongs to."""
        owner = self.parent()
        return (
            widget is not None and isinstance(owner, QWidget) and owner.window() is widget.window()
        )

    def undo(self) -> None:
        """Undo the last edit (Ctrl+Z, once the focused field has no typing of its own to
        undo). What is being typed is saved first: it may be the step undone."""
        if self._text_field_took(undo=True) or not self._ready(undo=True):
            return
        with self._running():
            self.stack.undo()
        self.stepped.emit()

    def redo(self) -> None:
        """Redo the last undone edit (Ctrl+Shift+Z or Ctrl+Y, as for undo)."""
        if self._text_field_took(undo=False) or not self._ready(undo=False):
            return
        with self._running():
            self.stack.redo()
        self.stepped.emit()

    def withdraw(self, text: str) -> bool:
        """Undo the last step, if it is ``text``, and forget it: no redo brings it back (a new
        action left empty, as if never added). False if the last step is another, or failed."""
        index = self.stack.index()
        last = self.stack.command(index - 1) if index else None
        if not isinstance(last, ServiceCommand) or last.text() != text or self.stack.canRedo():
            return False
        with self._running():
            last.undo()  # through the service; a failure is told, and marks it obsolete
            undone = not last.isObsolete()
            last.setObsolete(True)
            self.stack.undo()  # obsolete: Qt drops it without undoing it a second time
        return undone

    def _ready(self, *, undo: bool) -> bool:
        """What is typed saved first, and a step there to undo (redo). In a field whose keys
        go to the stack only, the typing waiting to be saved may itself be that step; if it
        cannot be saved (refused), the field's own undo takes it back rather than nothing."""
        field = text_field_of(QApplication.focusWidget())
        stack_only = field is not None and self.is_stack_only(field)
        can = self.stack.canUndo if undo else self.stack.canRedo
        if not can() and not stack_only:
            return False
        if not self._prepare():
            if stack_only and field_has_own_history(field, undo=undo):
                field.undo() if undo else field.redo()
            elif can():
                what = self.stack.undoText() if undo else self.stack.redoText()
                self._waiting(f"{'Undo' if undo else 'Redo'} {what}")
            return False
        return can()

    def _waiting(self, what: str) -> None:
        """Undo or redo could not run, what is typed not being saved first (a title too long
        to save): said, naming the step the Edit menu offered and why, not silently nothing."""
        why = self._why_not() or "what is typed could not be saved first."
        message = f"“{what}” was not done: {why.rstrip('.')}. Correct it, then press it again."
        if self._on_failure is not None:
            self._on_failure(message)
        self.command_failed.emit(message)

    def record(self, typed: Typed[T]) -> None:
        """Put typing that was just saved on the stack as a :class:`FieldStep` (merged into
        the step before when it is the same burst in the same field). Saved while the stack
        is busy (a refresh after an undo saved what was typed), it goes on once it is done:
        Qt's stack must not change under the command it is running."""
        step = FieldStep(typed, self._failed)
        if self._busy:
            self._deferred.append(step)
        else:
            self.stack.push(step)

    @contextmanager
    def _running(self) -> Iterator[None]:
        self._busy += 1
        try:
            yield
        finally:
            self._busy -= 1
        if not self._busy:
            deferred, self._deferred = self._deferred, []
            for step in deferred:
                self.stack.push(step)
            after, self._after = self._after, []
            for work in after:
                work()

    def push_done(
        self, text: str, *, do: Callable[[], T], undo: Callable[[], T], refresh: Callable[[T], None]
    ) -> None:
        """Put an edit made already (a meeting just made) on the stack: undo runs ``undo``,
        redo ``do``, as for a command of :meth:`run`."""
        self.stack.push(
            ServiceCommand(
                text, do=do, undo=undo, refresh=refresh, on_failure=self._failed, done_already=True
            )
        )

    def after_step(self, work: Callable[[], None]) -> None:
        """Run ``work`` once the stack is done with the step under way (now, if none is): a
        step that opens another meeting must not empty the stack while Qt runs it."""
        if self._busy:
            self._after.append(work)
        else:
            work()

    @contextmanager
    def kept(self) -> Iterator[None]:
        """Another meeting is opened, or none, as a step of this stack (undoing "New
        meeting"): the stack goes on, so redo can bring that meeting back."""
        self._kept = True
        try:
            yield
        finally:
            self._kept = False

    def clear(self) -> None:
        """Forget every command (another meeting is opened: its IDs mean nothing there)."""
        if self._kept:
            return
        self.stack.clear()
        self._deferred = []
        self.refused = None

    def _failed(self, what: str, error: Exception) -> None:
        self._failure = error
        # A reason that is a sentence ends with its own full stop: not a second one.
        message = f"{what} did not work: {describe_error(error).rstrip('.')}."
        if self._on_failure is not None:
            self._on_failure(message)
        self.command_failed.emit(message)

    def _update_actions(self) -> None:
        for action, can, text, verb in (
            (self.undo_action, self.stack.canUndo(), self.stack.undoText(), "&Undo"),
            (self.redo_action, self.stack.canRedo(), self.stack.redoText(), "&Redo"),
        ):
            action.setEnabled(can)
            action.setText(f"{verb} {text[:1].lower()}{text[1:]}" if can and text else verb)
            tip = f"{verb.replace('&', '')} the last change to the meeting (typing or command)"
            action.setStatusTip(tip)

    def name_for_focus(self) -> None:
        """Before the Edit menu opens: Undo and Redo say what they will do from where the
        cursor is. In a text field with typing of its own to undo, that comes first (see
        :meth:`undo`), so the entry names it, not the step on the stack. What is being typed
        is saved first, as an undo would: the step named is the one an undo takes back."""
        self._prepare()
        self._update_actions()
        field = text_field_of(QApplication.focusWidget())
        if field is None:
            return
        for action, undo, verb in (
            (self.undo_action, True, "&Undo"),
            (self.redo_action, False, "&Redo"),
        ):
            if self._field_takes(field, undo=undo):
                action.setEnabled(True)
                action.setText(f"{verb} typing in this field")
                action.setStatusTip(f"{verb.replace('&', '')} the typing in the field you are in")

    def _text_field_took(self, *, undo: bool) -> bool:
        """A key that reached these actions while a text field has the focus is the field's
        (Ctrl+Y on Linux, or a menu click while typing): its own undo/redo runs instead."""
        focus = QApplication.focusWidget()
        field = text_field_of(focus)
        if field is None or not self._field_takes(field, undo=undo):
            return False
        if undo:
            field.undo()
        else:
            field.redo()
        return True


@cache
def first_keys(keys: str) -> object:
    """The key combination of a one-key shortcut such as ``Ctrl+Z`` (made once: it is asked
    on every key pressed in the app)."""
    return QKeySequence(keys)[0]  # type: ignore[index]  # QKeySequence indexes its key combinations; the stubs omit __getitem__
