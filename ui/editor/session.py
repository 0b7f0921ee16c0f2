"""The edit session of the open meeting: the one path every edit of it takes.

Every field, table cell and the notes editor hand their edits to :class:`EditSession`; the
structural commands (add, delete, move) and the action cells run through it as operations
(functions of the database, see :class:`models.edits.EditCore`); an action cell refused
because the meeting changed underneath is *held* as a pending edit, so that "Keep mine"
saves it as it saves typed text (:meth:`EditSession.hold`). It owns the pending edits
and the version they were based on, decides when to save, and reports back in one way:

* ``changed`` (a :class:`models.edits.MeetingChange`): something reached the database; the
  views refresh the parts it names and nothing else;
* ``problem_changed``: saving is stuck (a refused value, a failed write, a conflict) or no
  longer is; ``state`` says which and ``message`` why, in one sentence;
* ``conflict_found``: the meeting changed underneath (another window, another copy of the
  app, a CLI import, an item deleted); the editor asks the person what to do.

When to save: a debounce that restarts with each key (:data:`IDLE_MS`), *capped* by a
maximum wait that does not restart (:data:`MAX_WAIT_MS`), so someone who never stops typing
is still saved within a second; Ctrl+S, leaving a field and closing flush at once. A save
that fails (the archive locked by another program) is tried again on a timer that backs off
(:data:`RETRY_FIRST_MS` up to :data:`RETRY_MAX_MS`) until it goes through.

Nothing typed dies with the process: the edits not saved yet are written to the session's
own journal beside the database (``<archive>.unsaved.<pid>-<token>.json``, see
:mod:`models.journal`) at most :data:`JOURNAL_MS` after a key, and the journal is removed once
they are saved; the next start offers back what the journals of copies that are gone hold.
Text refused and kept on screen is journaled too, until it is fixed or given up: a refused
pending edit as any other, and text that is no edit (a date that does not exist, an action
cell refused by a rule) as *held* text (:meth:`EditSession.keep_text`).
Collectors (see :meth:`add_collector`) turn costly widget state into values only when a
save happens: the notes become Markdown then, not on every key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from models import services
from models.changes import MeetingChange, Part
from models.conflict_words import (
    FieldMark,
    PartCounts,
    typed_over,
)
from models.database import waiting_at_most
from models.edits import (
    EditCore,
    Kind,
    PendingEdits,
    Problem,
    SaveOutcome,
    Target,
    replace_fields,
)
from models.errors import StaleEditError, StorageError
from models.journal import journal_for
from models.savers import SAVERS
from models.services import MeetingRecord, NotFoundError, ValidationError
from ui.editor.save_state import SAVE_WAIT_MS, SaveState
from ui.editor.session_conflicts import ConflictHandling
from ui.editor.step_values import changed_values

if TYPE_CHECKING:
    from models.database import Database
    from ui.common.undo import Values

log = logging.getLogger(__name__)

T = TypeVar("T")

IDLE_MS = 300
"""Saved this long after the last key..."""
MAX_WAIT_MS = 700
"""... but never later than this after the first unsaved key (a save takes well under 0.3 s)."""
JOURNAL_MS = 100
"""Unsaved edits reach the journal at most this long after a key: what a kill can take.
Not on every key: writing it turns the notes into Markdown, which a long note makes costly."""
RETRY_FIRST_MS = 500
"""A failed save is tried again this long after, then after twice as long each time..."""
RETRY_MAX_MS = 8000
"""... but never less often than this."""


COUNTED_PARTS = frozenset({Part.ATTENDEES, Part.ACTIONS, Part.MEMBERS, Part.TURNS, Part.ITEM_LIST})
"""What a command may change that the counts a conflict names are of (an item deleted takes
its turns): after any other command they stand, and are not read again."""


class EditSession(ConflictHandling, QObject):
    """Pending edits, saving, conflicts and failures of the open meeting (one at a time;
    :meth:`open` moves it to another meeting, which the caller has flushed or given up)."""

    changed = Signal(object)
    """A MeetingChange: an edit of the open meeting reached the database."""
    edited = Signal(int)
    """Something was typed in the open meeting; it is not in the database yet."""
    problem_changed = Signal()
    """The save state moved into or out of a problem (``state``, ``message``)."""
    conflict_found = Signal(str)
    """The meeting changed underneath; the argument says what changed, for the person."""
    opened = Signal(int)
    """Another meeting is being edited (remembered at once, for a restart after a crash)."""
    typing_saved = Signal(object)
    """Typed values reached the database: a list of (target, values), ``values`` naming
    each field that changed with its value before and after (the editor's undo steps)."""
    reloaded = Signal(object)
    """The open meeting (a MeetingRecord), read again after a change made elsewhere: the
    views show it afresh (nothing was being typed into it)."""

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._core: EditCore | None = None
        self.record: MeetingRecord | None = None
        self.state = SaveState.SAVED
        self.message = ""
        self.refused: dict[str, str] = {}
        """Fields held back, with why (shown in red under them): not a value yet, or
        refused by a rule. The editor fills it; a save empties what it saved."""
        self._collectors: list[Callable[[], None]] = []
        self.refuse_hook: Callable[[Target, dict[str, Any], ValidationError], dict[str, Any]] = (
            lambda _target, _changes, _error: {}
        )
        self.actions_gone: list[tuple[int, dict[str, Any]]] = []
        """Held action edits the last Keep mine could not save, their action deleted
        meanwhile (its ID, the changes): the window says so and offers what was typed."""
        self.journal = journal_for(database)
        """This session's journal of unsaved edits (None for a server database)."""
        self.marks: set[FieldMark] = set()
        """Fields a reload changed (another window's value, shown unasked): typing over
        one is a conflict, until the person chooses (see models.conflict_words)."""
        self.reloaded_parts: list[str] = []
        """What the last reload showed of another window's change, in words."""
        self._counts: PartCounts | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self.flush)
        self._max_wait = QTimer(self)
        self._max_wait.setSingleShot(True)
        self._max_wait.setInterval(MAX_WAIT_MS)
        self._max_wait.timeout.connect(self.flush)
        self._journal_timer = QTimer(self)
        self._journal_timer.setSingleShot(True)
        self._journal_timer.setInterval(JOURNAL_MS)
        self._journal_timer.timeout.connect(self._write_journal)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.flush)

    # --- the meeting -----------------------------------------------------------------------

    @property
    def meeting_id(self) -> int | None:
        return self._core.meeting_id if self._core is not None else None

    @property
    def version(self) -> int | None:
        return self._core.version if self._core is not None else None

    @property
    def pending(self) -> PendingEdits:
        return self._core.pending if self._core is not None else PendingEdits()

    def open(self, record: MeetingRecord | None) -> None:
        """Edit another meeting (None: none). Pending edits of the one before are dropped."""
        self._stop_timers()
        self._open_cell = None
        self.record = record
        self._core = EditCore(self._database, record.id, record.version, SAVERS) if record else None
        self.marks = set()
        self._counts = self._count()
        self._set_state(SaveState.SAVED, "")
        if record is not None:
            self.opened.emit(record.id)

    def read(self, query: Callable[[Database], T]) -> T:
        """Read something for a view (the attendees, the actions); errors as raised."""
        return query(self._database)

    def reload_record(self) -> MeetingRecord | None:
        """Read the meeting's details and items again (after a command or a reload)."""
        if self._core is None:
            return None
        self.record = services.meeting_record(self._database, self._core.meeting_id)
        return self.record

    # --- edits ------------------------------------------------------------------------------

    def add_collector(self, collect: Callable[[], None]) -> None:
        """``collect`` is called before each save and hands in what a widget kept back (the
        notes, converted to Markdown only then)."""
        self._collectors.append(collect)

    def edit(self, kind: Kind, target_id: int, **changes: Any) -> None:
        """A field or cell typed: pending until the timer (or a flush) saves it."""
        if self._core is None:
            return
        self._core.edit((kind, target_id), **changes)
        self.touch()

    def stage(self, kind: Kind, target_id: int, **changes: Any) -> None:
        """A collector's edit: pending, with no timer started (a save is under way)."""
        if self._core is not None:
            self._core.edit((kind, target_id), **changes)

    def touch(self) -> None:
        """Something was typed that a collector will hand in: start the timers."""
        if self._core is None:
            return
        self._idle.start()
        if not self._max_wait.isActive():
            self._max_wait.start()
        if self.journal is not None and not self._journal_timer.isActive():
            self._journal_timer.start()
        if self.state is SaveState.SAVED:
            self._set_state(SaveState.PENDING, "")
        self.edited.emit(self._core.meeting_id)

    def hold_back(
        self,
        held: dict[str, str],
        *,
        under: str,
        texts: dict[int, dict[str, str]] | None = None,
        kind: Kind = Kind.ACTION,
    ) -> None:
        """Values typed outside the pending edits (the actions table's cells, saved as
        operations) that are refused and kept on screen: ``held`` replaces every refusal
        whose key starts with ``under``. While any is held the meeting is "not saved", and
        leaving it asks first, as for a refused detail. ``texts``: what those cells show, as
        typed, by the ID of their ``kind`` of row; they replace the held text of that kind,
        and the journal keeps them at once (a kill does not take a refused owner)."""
        for key in [key for key in self.refused if key.startswith(under)]:
            del self.refused[key]
        self.refused.update(held)
        if self._core is None:
            return
        if texts is not None:
            self._replace_held(kind, texts)
        if self.state is SaveState.SAVED and self.refused:
            self._set_state(SaveState.REFUSED, "")
        elif self.state is SaveState.REFUSED and not self.refused and not self._core.pending:
            self._set_state(SaveState.SAVED, "")

    def hold(self, kind: Kind, target_id: int, **changes: Any) -> None:
        """An edit run at once (an action cell) and refused because the meeting changed
        underneath: pending from now on, as typing is, so that Keep mine saves it on the
        meeting as it is now, Reload theirs copies its text, closing asks about it, and the
        journal keeps it through a crash."""
        if self._core is None:
            return
        self._core.edit((kind, target_id), **changes)
        self._write_journal(sync=True)

    def let_go(self, target: Target, fields: Iterable[str]) -> None:
        """No longer hold these pending fields: a view holds them now (a refused action cell
        keeps its text, in red), or the person took them back."""
        changes = self.pending.edits.get(target, {})
        for field in fields:
            changes.pop(field, None)
        if not changes:
            self.pending.edits.pop(target, None)

    def has_pending_edits(self) -> bool:
        return bool(self._core is not None and self._core.pending)

    def collect(self) -> None:
        for collect in self._collectors:
            collect()

    def flush(self) -> bool:
        """Save every pending edit now; True when nothing is left unsaved."""
        self._stop_save_timers()
        if self._core is None:
            return True
        self.collect()
        if self.state is SaveState.CONFLICT:
            return False  # nothing more is saved until the person chooses
        if not self._core.pending and self.state in (SaveState.SAVED, SaveState.PENDING):
            self._keep_journal()  # text held on screen (a date that is none) kept, or gone
            self._set_state(self._state_left(), "")
            return not self.refused and self._open_cell is None
        if self.record is not None and (
            over := typed_over(self.marks, self._core.pending.edits, self.record)
        ):
            self._core.conflict = "changed"
            self._show_conflict(over)
            return False
        self._clear_rule_refusals()
        with waiting_at_most(SAVE_WAIT_MS):
            outcome = self._core.save(self._refused)
        return self._settle(outcome)

    def _clear_rule_refusals(self) -> None:
        """Refusals by a rule are found again by the save; unreadable values stay. A row's
        (an item's title, an attendee's name) goes whatever its field: once its text is
        shortened the save says nothing, and the title said "not saved" for good."""
        assert self._core is not None
        waiting = {
            field
            for (kind, _id), changes in self._core.pending.edits.items()
            for field in changes
            if kind is Kind.MEETING
        }
        edits = self._core.pending.edits
        rows = tuple(refusal_key(target) for target in edits if target[0] is not Kind.MEETING)
        for key in [key for key in self.refused if key in waiting or key.startswith(rows)]:
            del self.refused[key]

    def _refused(self, target: Target, changes: dict[str, Any], error: Exception) -> Any:
        assert isinstance(error, ValidationError)
        return self.refuse_hook(target, changes, error)

    def _settle(self, outcome: SaveOutcome) -> bool:
        """Move to the state the save left, then tell what reached the database (so that a
        view refreshing on ``changed`` sees the state after the save)."""
        assert self._core is not None
        saved = self._settle_state(outcome)
        if outcome.change is not None:
            self._saved(outcome.change)
        return saved

    def _settle_state(self, outcome: SaveOutcome) -> bool:
        assert self._core is not None
        if outcome.problem is Problem.CONFLICT:
            self._conflict(outcome.message)
            return False
        if outcome.problem is Problem.FAILED:
            log.warning("saving meeting %s failed: %s", self._core.meeting_id, outcome.message)
            self._write_journal(sync=True)
            self._retry_later()
            self._set_state(
                SaveState.FAILED,
                f"Your last changes could not be saved ({outcome.message})."
                " They are still on screen; saving is tried again by itself, or press"
                " Try again (Ctrl+S).",
            )
            return False
        self._retry.stop()
        self._retry.setInterval(0)
        if self._core.pending or self.refused:  # (a refused action cell: its cell holds it)
            self._keep_journal()
            self._set_state(SaveState.REFUSED, "")
            return False
        if self._open_cell is not None:  # a cell's editor still holds typing: kept
            self._keep_journal()
            self._set_state(SaveState.PENDING, "")
            return False
        self._clear_journal()
        self._set_state(SaveState.SAVED, "")
        return True

    def _state_left(self) -> SaveState:
        """Nothing pending: refused text shown, typing in a cell's open editor, or saved."""
        if self.refused:
            return SaveState.REFUSED
        return SaveState.PENDING if self._open_cell is not None else SaveState.SAVED

    def _retry_later(self) -> None:
        """Try the failed save again later, each time waiting twice as long (a lock held
        for minutes is not hammered), until it goes through."""
        interval = self._retry.interval()
        interval = RETRY_FIRST_MS if interval <= 0 else min(interval * 2, RETRY_MAX_MS)
        self._retry.start(interval)

    def _saved(self, change: MeetingChange) -> None:
        """Keep the record in step with my own saved edits (it is what a conflict is
        compared with), from what the save returned: no query of its own."""
        assert self._core is not None
        record = self.record
        typed: list[tuple[Target, Values]] = []
        for (kind, target_id), changes, result in self._core.saved:
            before = record
            if kind is Kind.MEETING and isinstance(result, MeetingRecord):
                record = result
            elif kind is Kind.ITEM and record is not None:
                agenda = tuple(
                    replace_fields(item, **changes) if item.id == target_id else item
                    for item in record.agenda
                )
                record = replace_fields(record, agenda=agenda)
            if before is not None and record is not None:
                values = changed_values((kind, target_id), changes, before, record)
                if values:
                    typed.append(((kind, target_id), values))
        if record is not None:
            self.record = replace_fields(record, version=self._core.version)
        if typed:
            self.typing_saved.emit(typed)
        self.changed.emit(change)

    # --- operations (commands, action cells) ------------------------------------------------

    def op(self, parts: set[Part], work: Callable[[Database], T]) -> Callable[[], T]:
        """A zero-argument edit for the undo stack: ``work`` run against the session's version,
        announced as a change of ``parts`` once done."""

        def run() -> T:
            return self.run(parts, work)

        return run

    def run(self, parts: set[Part], work: Callable[[Database], T]) -> T:
        """Run an edit now (the pending typing is the caller's to flush first). Raises what
        the services raise (the caller shows a refused value beside its cell); a conflict is
        also told through ``conflict_found``."""
        if self._core is None:
            raise NotFoundError("no meeting is open")
        if self._core.conflict:
            raise StaleEditError("the meeting changed underneath; choose what to keep first")
        try:
            with waiting_at_most(SAVE_WAIT_MS):
                result = self._core.run(work)
        except StaleEditError:
            self._conflict("command")  # nothing typed is at stake: what was done was refused
            raise
        if COUNTED_PARTS & set(parts):  # (what a conflict is compared with)
            self._counts = self._count()
        if Part.DETAILS in parts:  # the record too, before the views hear of it
            self._read_record_after_command()
        self.changed.emit(MeetingChange(self._core.meeting_id, frozenset(parts)))
        return result

    def _read_record_after_command(self) -> None:
        """The record as a command that changed the details left it: the window's title and
        a later conflict's words are read from it (an undo of the date put back the old date
        while the title kept the new one). A failed read keeps the record as it was."""
        try:
            self.reload_record()
        except (StorageError, NotFoundError) as error:
            log.warning("reading the meeting after a command failed: %s", error)

    # --- problems (the conflicts: ui.editor.session_conflicts) -------------------------------

    def discard(self) -> None:
        """Give up the pending edits (the person chose to): nothing is saved or kept."""
        self._stop_timers()
        self._open_cell = None
        if self._core is not None:
            self._core.pending = PendingEdits()
            self._core.conflict = ""
        self._clear_journal()
        self._set_state(SaveState.SAVED, "")

    def _set_state(self, state: SaveState, message: str) -> None:
        problem_before = self.state not in (SaveState.SAVED, SaveState.PENDING)
        self.state = state
        self.message = message
        problem_now = state not in (SaveState.SAVED, SaveState.PENDING)
        if problem_before or problem_now:
            self.problem_changed.emit()

    def _stop_save_timers(self) -> None:
        """A save is under way: the timers that would start one stop; the retry's interval
        stays (how long it last waited), so that the next failure waits longer."""
        self._idle.stop()
        self._max_wait.stop()
        self._retry.stop()

    def _stop_timers(self) -> None:
        """Another meeting, or nothing left to save: no timer of the one before stays."""
        self._stop_save_timers()
        self._journal_timer.stop()
        self._retry.setInterval(0)


def refusal_key(target: Target, field: str = "") -> str:
    """The key of :attr:`EditSession.refused` for a field of a row (an item, an attendee, a
    turn): apart from the meeting's own fields, which are keyed by their name (an item's
    title is not the meeting's)."""
    kind, target_id = target
    return f"{kind.value}:{target_id}:{field}"


def refused_field_of(key: str) -> tuple[Target, str] | None:
    """The row and field a key of :func:`refusal_key` names; None for a key of the
    meeting's own fields (their names) or one made otherwise (an action cell held back)."""
    kind, _colon, rest = key.partition(":")
    target_id, _colon, field = rest.partition(":")
    if kind not in {each.value for each in Kind} or not target_id.isdigit():
        return None
    return (Kind(kind), int(target_id)), field
