"""The edit session's Qt-free core: pending edits, the version they were based on, and saving.

One :class:`EditCore` per open meeting holds every edit typed but not yet saved (details,
item titles and notes, attendee cells), saves them in one go through the services, and runs
every other edit (a command, an action cell) as an *operation*: a function of the database,
as Anki's ``CollectionOp`` takes a function of the collection. Whatever it runs is checked
against the meeting version it was based on (see :func:`expecting_version`), so a second
window or a CLI import that saved first is noticed, never overwritten. Failures come back
as one kind of value (:class:`SaveOutcome`); the window only decides how to show them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import Enum
from functools import partial
from typing import Any, TypeVar

from sqlalchemy.orm.exc import StaleDataError

from models.changes import MeetingChange, Part
from models.database import Database
from models.entities import Meeting
from models.errors import StaleEditError, StorageError

T = TypeVar("T")


class Kind(Enum):
    """What a pending edit belongs to."""

    MEETING = "meeting"
    ITEM = "item"
    ATTENDEE = "attendee"
    TURN = "turn"  # the words or speaker of a hearing's turn
    ACTION = "action"  # a cell of an action, refused for a conflict and kept for Keep mine


Target = tuple[Kind, int]

PARTS_OF: Mapping[Kind, frozenset[Part]] = {
    Kind.MEETING: frozenset({Part.DETAILS}),
    Kind.ITEM: frozenset({Part.ITEMS}),
    Kind.ATTENDEE: frozenset({Part.ATTENDEES}),
    Kind.TURN: frozenset({Part.TURNS}),
    Kind.ACTION: frozenset({Part.ACTIONS, Part.STATUSES}),  # as an action cell run at once
}


# --- the version guard -------------------------------------------------------------------------


@dataclass(slots=True)
class VersionGuard:
    """The version an edit was based on; ``touched`` is the meeting row it changed last."""

    meeting_id: int
    expected: int
    touched: Meeting | None = None

    @property
    def current(self) -> int:
        """The version the meeting has once the edits run so far are committed."""
        return self.touched.version if self.touched is not None else self.expected


_guard: ContextVar[VersionGuard | None] = ContextVar("version_guard", default=None)


@contextmanager
def expecting_version(meeting_id: int, version: int) -> Iterator[VersionGuard]:
    """Every edit of ``meeting_id`` run inside is refused (StaleEditError) unless the meeting
    is still at ``version`` (or at the version the edits before it in the block left).

    The check sits in :func:`check_version`, which ``mark_edited`` calls: every service that
    changes a meeting's details or parts goes through it, so no caller can forget."""
    guard = VersionGuard(meeting_id, version)
    token = _guard.set(guard)
    try:
        yield guard
    finally:
        _guard.reset(token)


def check_version(meeting: Meeting) -> None:
    """Refuse an edit of a meeting that moved on since the guarded caller read it."""
    guard = _guard.get()
    if guard is None or guard.meeting_id != meeting.id:
        return
    if meeting.version != guard.current:
        raise StaleEditError(f"meeting {meeting.id} is at version {meeting.version}")
    guard.touched = meeting


# --- failures as values ------------------------------------------------------------------------


class Problem(Enum):
    NONE = "none"
    REFUSED = "refused"  # a value the rules refuse stays on screen, in red
    FAILED = "failed"  # the database could not be written (locked, full, read-only)
    CONFLICT = "conflict"  # the meeting changed underneath


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    problem: Problem
    message: str = ""
    change: MeetingChange | None = None


def is_stale(error: BaseException) -> bool:
    """A stale edit, whether found by our check or by SQLAlchemy's versioned UPDATE (a
    write that raced another process between its read and its write)."""
    if isinstance(error, StaleEditError):
        return True
    return isinstance(error, StorageError) and isinstance(error.__cause__, StaleDataError)


# --- the pending edits -------------------------------------------------------------------------


Saver = Callable[[Database, int, dict[str, Any]], Any]
Refuse = Callable[["Target", dict[str, Any], Exception], dict[str, Any] | None]


class _SavingStoppedError(Exception):
    """Saving stops here (a conflict, a failed write): what to report."""

    def __init__(self, problem: Problem, message: str) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message


@dataclass
class PendingEdits:
    """Typed edits not in the database yet, by target; a later value of a field replaces the
    earlier one.

    ``held`` is typed text kept on screen that no save can take as it is: not a value yet
    (``29022023`` in a date field) or refused by a rule in a cell saved at once (an action's
    owner ``MPS/zzq``), by target and field, as typed. It is never saved from here (the
    person fixes it where it is shown, red); it is here so that the journal keeps it through
    a kill and "copy my text" offers it, as it keeps and offers the edits."""

    edits: dict[Target, dict[str, Any]] = field(default_factory=dict)
    held: dict[Target, dict[str, str]] = field(default_factory=dict)

    def add(self, target: Target, **changes: Any) -> None:
        self.edits.setdefault(target, {}).update(changes)

    def hold_text(self, target: Target, name: str, text: str | None) -> None:
        """Keep ``text`` as typed in field ``name`` of ``target`` (None: no longer held)."""
        if text is not None:
            self.held.setdefault(target, {})[name] = text
            return
        texts = self.held.get(target, {})
        texts.pop(name, None)
        if not texts:
            self.held.pop(target, None)

    def __bool__(self) -> bool:
        return bool(self.edits)

    def keeps_anything(self) -> bool:
        """Whether a journal has something to keep: edits, or text held on screen."""
        return bool(self.edits) or bool(self.held)

    def copy(self) -> PendingEdits:
        return PendingEdits(
            {target: dict(changes) for target, changes in self.edits.items()},
            {target: dict(texts) for target, texts in self.held.items()},
        )

    def texts(self) -> list[str]:
        """Every piece of text waiting, for the journal and the "copy my text" offer."""
        return [text for _kind, _name, text in self.named_texts()]

    def named_texts(self) -> list[tuple[Kind, str, str]]:
        """:meth:`texts` with what each is (the kind of its target, its field's name), so
        that what shows them can read notes as Markdown and the rest as typed."""
        values = [
            (kind, name, value)
            for (kind, _id), changes in self.edits.items()
            for name, value in changes.items()
        ]
        values += [
            (kind, name, text)
            for (kind, _id), texts in self.held.items()
            for name, text in texts.items()
        ]
        return [
            (kind, name, value)
            for kind, name, value in values
            if isinstance(value, str) and value.strip()
        ]

    def to_json(self) -> list[dict[str, Any]]:
        """One entry per target: ``changes`` (the edits), and ``held`` when text is held
        (a journal of an earlier version has no ``held``; it reads the same)."""
        entries = []
        for target in dict.fromkeys([*self.edits, *self.held]):
            entry: dict[str, Any] = {
                "kind": target[0].value,
                "id": target[1],
                "changes": _jsonable(self.edits.get(target, {})),
            }
            if target in self.held:
                entry["held"] = dict(self.held[target])
            entries.append(entry)
        return entries

    @classmethod
    def from_json(cls, data: list[dict[str, Any]]) -> PendingEdits:
        pending = cls()
        for entry in data:
            target = (Kind(entry["kind"]), int(entry["id"]))
            if entry["changes"]:
                pending.add(target, **_from_jsonable(entry["changes"]))
            for name, text in dict(entry.get("held", {})).items():
                pending.hold_text(target, str(name), str(text))
        return pending


def _jsonable(changes: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if isinstance(value, Enum):
            out[key] = {"enum": type(value).__name__, "value": value.value}
        elif isinstance(value, dt.date | dt.time):
            out[key] = {type(value).__name__: value.isoformat()}
        else:
            out[key] = value
    return out


def _from_jsonable(changes: Mapping[str, Any]) -> dict[str, Any]:
    from models import enums  # noqa: PLC0415 (only when a journal is read back)

    out: dict[str, Any] = {}
    for key, value in changes.items():
        if isinstance(value, dict) and "enum" in value:
            out[key] = getattr(enums, value["enum"])(value["value"])
        elif isinstance(value, dict) and "date" in value:
            out[key] = dt.date.fromisoformat(value["date"])
        elif isinstance(value, dict) and "time" in value:
            out[key] = dt.time.fromisoformat(value["time"])
        else:
            out[key] = value
    return out


# --- the core ----------------------------------------------------------------------------------


class EditCore:
    """Pending edits of one meeting and the version they are based on.

    ``savers`` save one kind of pending edit (a function of the database, the target's ID
    and its changes); the services behind them call ``mark_edited``, so each is checked
    against the version. ``save`` and ``run`` never raise for a reason that is not a bug:
    ``save`` returns a :class:`SaveOutcome`, ``run`` raises only what its caller handles.
    """

    def __init__(
        self, database: Database, meeting_id: int, version: int, savers: Mapping[Kind, Saver]
    ) -> None:
        self.database = database
        self.meeting_id = meeting_id
        self.version = version
        self.pending = PendingEdits()
        self.conflict = ""  # why saving stopped: the meeting changed underneath
        self.saved: list[tuple[Target, dict[str, Any], Any]] = []
        """What the last save wrote: target, changes, and what the service returned."""
        self._savers = savers

    def edit(self, target: Target, **changes: Any) -> None:
        self.pending.add(target, **changes)

    def run(self, op: Callable[[Database], T]) -> T:
        """Run an edit now, against the version this session is based on; the version moves
        on with it. Raises StaleEditError (and remembers the conflict) if the meeting moved."""
        with expecting_version(self.meeting_id, self.version) as guard:
            try:
                result = op(self.database)
            except Exception as error:
                if is_stale(error):
                    self.conflict = "changed"
                    raise StaleEditError(str(error)) from error
                raise
            self.version = guard.current
        return result

    def save(self, refuse: Refuse) -> SaveOutcome:
        """Save every pending edit (in one unit of work per target). ``refuse`` is asked about a
        ValidationError: it returns the changes that may still be saved (or None to keep all
        back), and may take refused ones out of ``pending`` (a view that holds them now).
        Edits not saved stay pending."""
        if self.conflict:
            return SaveOutcome(Problem.CONFLICT, self.conflict)
        parts: set[Part] = set()
        texts: list[str] = []
        refused = False
        self.saved = []
        for target, changes in list(self.pending.edits.items()):
            try:
                saved, was_refused = self._save_target(target, changes, refuse)
            except _SavingStoppedError as stopped:
                return SaveOutcome(stopped.problem, stopped.message, _change(self, parts, texts))
            refused = refused or was_refused
            if saved:
                parts |= PARTS_OF[target[0]]
                texts.extend(value for value in saved.values() if isinstance(value, str))
            # As pending now: ``refuse`` may have let go of what a view holds instead.
            left = {
                key: value
                for key, value in self.pending.edits.get(target, {}).items()
                if key not in saved
            }
            if left:
                self.pending.edits[target] = left
            else:
                self.pending.edits.pop(target, None)
        change = _change(self, parts, texts)
        return SaveOutcome(Problem.REFUSED if refused else Problem.NONE, "", change)

    def _save_target(
        self, target: Target, changes: dict[str, Any], refuse: Refuse
    ) -> tuple[dict[str, Any], bool]:
        """Save one target's changes, less those a rule refuses; returns what was saved and
        whether anything was refused. Raises _SavingStoppedError when saving must stop."""
        from models.services import NotFoundError, ValidationError  # noqa: PLC0415 (cycle)

        saver = self._savers[target[0]]
        trying = dict(changes)
        refused = False
        while trying:
            try:
                result = self.run(partial(_apply, saver, target[1], trying))
            except ValidationError as error:
                refused = True
                remaining = refuse(target, trying, error)
                if not remaining or remaining == trying:
                    return {}, True
                trying = remaining
                continue
            except NotFoundError as error:
                self.conflict = "deleted"
                raise _SavingStoppedError(Problem.CONFLICT, "deleted") from error
            except StaleEditError as error:
                raise _SavingStoppedError(Problem.CONFLICT, "changed") from error
            except StorageError as error:
                raise _SavingStoppedError(Problem.FAILED, error.reason) from error
            self.saved.append((target, trying, result))
            return trying, refused
        return {}, refused

    def rebase(self, version: int) -> None:
        """Keep my edits: base them on the version found (they overwrite it knowingly)."""
        self.version = version
        self.conflict = ""


def _apply(saver: Saver, target_id: int, changes: dict[str, Any], db: Database) -> Any:
    return saver(db, target_id, changes)


def _change(core: EditCore, parts: set[Part], texts: list[str]) -> MeetingChange | None:
    if not parts:
        return None
    return MeetingChange(core.meeting_id, frozenset(parts), tuple(texts))


def replace_fields(value: T, **changes: Any) -> T:
    """A frozen dataclass with some fields replaced (the record after a saved item edit)."""
    return dataclasses.replace(value, **changes)  # type: ignore[type-var]  # any dataclass
