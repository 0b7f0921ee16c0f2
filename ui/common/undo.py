"""Undo and redo of structural edits (add, delete, reorder) through a ``QUndoStack``.

Typing is saved as it happens and each text field keeps its own typing undo; what this
module undoes are the edits that change the *shape* of the meeting: an agenda item added,
an attendee removed, an action moved. Each is a :class:`ServiceCommand`, a pair of service
calls (do, undo), run through :class:`UndoHistory`, which the meeting editor owns::

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

Ctrl+Z and Ctrl+Shift+Z inside a text field belong to the field: Qt's ShortcutOverride lets
a QLineEdit or a text edit take its standard undo/redo keys before any window shortcut, so
these actions fire only when the focus is elsewhere (a list, a table, a button). Ctrl+Y,
which is not a text field's own redo key on Linux, is handed to the text field here too,
so the rule holds for every key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from models.errors import StorageError
from models.services import NotFoundError, StaleEditError, ValidationError
from ui.common.first_paint import filter_application_once_shown

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
    the first ``do``) can drop a command that turned out to change nothing.
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
    ) -> None:
        super().__init__(text)
        self._do = do
        self._undo = undo
        self._refresh = refresh
        self._on_failure = on_failure
        self._keep = keep

    def redo(self) -> None:
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


class UndoHistory(QObject):
    """The undo stack of the open meeting, with Undo/Redo actions for the Edit menu.

    ``prepare`` runs before every command (True: go ahead); ``on_failure`` is told about a
    command that could not run, with a sentence naming it and the error.
    """

    command_failed = Signal(str)
    """A command (or its undo) did not run; the message says which and why."""
    command_refused = Signal(str)
    """A command (its text) was refused because the meeting changed elsewhere; ``refused``
    can run it again (the conflict banner's "Keep mine")."""
    stepped = Signal()
    """A command was undone or redone (a message about doing it no longer holds)."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        prepare: Callable[[], bool] = lambda: True,
        on_failure: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._prepare = prepare
        self._on_failure = on_failure
        self.refused: RefusedCommand | None = None
        """The last command, if it was refused for a change made elsewhere (see run)."""
        self._failure: Exception | None = None
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
        focus in a text box, Ctrl+Z undoes the copy. Likewise for redo."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = event.keyCombination()
            undo = any(pressed == _first_keys(keys) for keys in UNDO_SHORTCUTS)
            redo = any(pressed == _first_keys(keys) for keys in REDO_SHORTCUTS)
            field = text_field_of(QApplication.focusWidget())
            if (undo or redo) and field is not None and not _field_can(field, undo=undo):
                stack_can = self.stack.canUndo() if undo else self.stack.canRedo()
                if stack_can and self._in_my_window(QApplication.focusWidget()):
                    return True  # not taken by the field: the window's shortcut runs
        return super().eventFilter(watched, event)

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
        self.stack.push(command)  # runs do(); Qt deletes the command if it failed
        self.refused = None
        if not worked and isinstance(self._failure, StaleEditError):
            # Kept for the conflict banner: "Keep mine" runs it on the meeting as it is now.
            self.refused = RefusedCommand(
                text, lambda: self.run(text, do=do, undo=undo, refresh=refresh, keep=keep)
            )
            self.command_refused.emit(text)
        return bool(worked)

    def _in_my_window(self, widget: QWidget | None) -> bool:
        """Whether ``widget`` is in the window of the editor this history belongs to."""
        owner = self.parent()
        return (
            widget is not None and isinstance(owner, QWidget) and owner.window() is widget.window()
        )

    def undo(self) -> None:
        """Undo the last structural edit (Ctrl+Z outside text fields)."""
        if self._text_field_took(undo=True):
            return
        if self.stack.canUndo() and self._prepare():
            self.stack.undo()
            self.stepped.emit()

    def redo(self) -> None:
        """Redo the last undone edit (Ctrl+Shift+Z or Ctrl+Y outside text fields)."""
        if self._text_field_took(undo=False):
            return
        if self.stack.canRedo() and self._prepare():
            self.stack.redo()
            self.stepped.emit()

    def clear(self) -> None:
        """Forget every command (another meeting is opened: its IDs mean nothing there)."""
        self.stack.clear()
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
            tip = f"{verb.replace('&', '')} the last change to the meeting's structure"
            action.setStatusTip(tip)

    @staticmethod
    def _text_field_took(*, undo: bool) -> bool:
        """A key that reached these actions while a text field has the focus is the field's
        (Ctrl+Y on Linux, or a menu click while typing): its own undo/redo runs instead."""
        focus = QApplication.focusWidget()
        field = text_field_of(focus)
        if field is None or not _field_can(field, undo=undo):
            return False
        if undo:
            field.undo()
        else:
            field.redo()
        return True


def _first_keys(keys: str) -> object:
    """The key combination of a one-key shortcut such as ``Ctrl+Z``."""
    return QKeySequence(keys)[0]  # type: ignore[index]  # QKeySequence indexes its key combinations; the stubs omit __getitem__


def _field_can(field: Any, *, undo: bool) -> bool:
    """Whether a text field has typing of its own to undo (or redo)."""
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable() if undo else field.isRedoAvailable()
    document = field.document()
    return bool(document.isUndoAvailable() if undo else document.isRedoAvailable())


def text_field_of(widget: QWidget | None) -> Any:
    """The editable text widget that owns the focus widget, or None (lists, tables, buttons).

    Returns something with ``undo()`` and ``redo()``: a line edit (also inside a spin box,
    date edit or editable combo box) or a plain/rich text edit.
    """
    if widget is None:
        return None
    if isinstance(widget, QLineEdit):
        return None if widget.isReadOnly() else widget
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return None if widget.isReadOnly() else widget
    if isinstance(widget, QAbstractSpinBox):
        line = widget.findChild(QLineEdit)
        return line if line is not None and not widget.isReadOnly() else None
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    return None
