"""The journal of unsaved edits: what a running copy of the app has typed and not saved yet,
kept beside the database so that a crash, a kill or a forced close does not take it; the
next start offers it back.

Each edit session writes a journal of its own, ``<database>.unsaved.<pid>-<token>.json`` (the
process ID, for a person looking into the folder; a random token, so that a process given the
ID of one that died, after a restart, never takes over its journal), and holds an exclusive
lock on ``<database>.unsaved.<pid>-<token>.lock`` (``flock``; ``msvcrt.locking`` on Windows)
while that journal exists. So two copies of the app on one database never replace or remove
each other's journal. At a start, a journal whose lock can be taken is *orphaned*: its writer
is gone (killed, crashed, the power cut), whatever program has its process ID now, since the
system lets go of a lock when its holder ends. The start holds an orphan's lock while it
offers it, so that a second copy started meanwhile does not offer it too.

What keeps this safe, everywhere: a journal is written only under its lock, removed before
its lock file, and the lock file removed before the lock is released; whoever takes a lock
checks that the file it locked is still the one at that path (it may have been removed
meanwhile). The lock is a file of its own because a journal is replaced whole at each write.

``<database>.unsaved.json``, the one journal every copy shared before, is still gathered (an
upgrade loses nothing) but never written. A copy of the earlier version still running then
holds no lock, so its journal would be offered: quit it before starting this one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import re
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.database import Database
from models.edits import Kind, PendingEdits

if sys.platform == "win32":
    import msvcrt

    def _lock_descriptor(descriptor: int, *, wait: bool) -> bool:
        """Lock the file's first byte; False if another holder has it (and not ``wait``)."""
        try:
            msvcrt.locking(descriptor, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
        except OSError:
            if wait:
                raise
            return False
        return True

    def _unlock_descriptor(descriptor: int) -> None:
        """Windows may let go of a lock only some time after its file is closed: at once."""
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_descriptor(descriptor: int, *, wait: bool) -> bool:
        """``flock``: held per open file, so two sessions of one process exclude each other
        too; False if another holder has it (and not ``wait``)."""
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return False
        return True

    def _unlock_descriptor(descriptor: int) -> None:
        """Nothing to do: closing the file lets go of the lock."""


log = logging.getLogger(__name__)

_NAME = re.compile(r"\.(\d+)-([0-9a-f]+)\.json")
"""What follows ``<database>.unsaved`` in a journal's name."""
_LOCK_SUFFIX = ".lock"


# --- what a journal holds ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """Unsaved edits of a meeting, kept beside the database until they are saved, so that a
    crash, a kill or a forced close does not take them: the next start offers them back."""

    meeting_id: int
    version: int
    label: str
    pending: PendingEdits

    def texts(self) -> list[str]:
        return self.pending.texts()


def write_journal(path: Path, entry: JournalEntry, *, sync: bool = True) -> None:
    """Write atomically (a crash mid-write leaves the previous journal, never half of one).
    ``sync=False`` skips the flush to disk: enough against a killed process (its writes are
    in the system's cache), and cheap enough to run while someone types."""
    data = {
        "meeting_id": entry.meeting_id,
        "version": entry.version,
        "label": entry.label,
        "pending": entry.pending.to_json(),
    }
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False)
        if sync:
            stream.flush()
            os.fsync(stream.fileno())
    temporary.replace(path)


def read_journal(path: Path) -> JournalEntry | None:
    """The journal left by a session that ended with unsaved edits (None: none, or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return JournalEntry(
            meeting_id=int(data["meeting_id"]),
            version=int(data["version"]),
            label=str(data["label"]),
            pending=PendingEdits.from_json(data["pending"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # (an unknown enum)
        return None


def still_unsaved(entry: JournalEntry, record: Any) -> JournalEntry:
    """The journal's edits less those the database already holds (``record``: the meeting's
    :class:`models.service_values.MeetingRecord` as saved now).

    The journal is written while typing and removed once a save goes through; a process
    killed between the two leaves edits that were in fact saved. Offered back, they would
    look lost, and put back over a later version they would be a needless conflict. Edits of
    attendees, turns and held action cells are not compared, nor is text held on screen (not
    a value the database could hold: kept, a question too many, never a loss)."""
    saved_items = {item.id: item for item in record.agenda}
    missing = object()
    pending = PendingEdits(held=entry.pending.copy().held)
    for (kind, target_id), changes in entry.pending.edits.items():
        saved: Any = missing
        if kind is Kind.MEETING and target_id == record.id:
            saved = record
        elif kind is Kind.ITEM:
            saved = saved_items.get(target_id, missing)
        left = {
            key: value
            for key, value in changes.items()
            if saved is missing or getattr(saved, key, missing) != value
        }
        if left:
            pending.add((kind, target_id), **left)
    return dataclasses.replace(entry, pending=pending)


# --- the locks ---------------------------------------------------------------------------------


class _Lock:
    """An exclusive OS lock held on a file until :meth:`release` (or the end of the process)."""

    def __init__(self, path: Path, descriptor: int) -> None:
        self.path = path
        self._descriptor: int | None = descriptor

    @classmethod
    def take(cls, path: Path) -> _Lock:
        """Wait for the lock (a start holds a live session's lock only for as long as it takes
        to see that its journal is gone)."""
        lock = cls._take(path, wait=True)
        assert lock is not None  # waiting, it is taken or raises
        return lock

    @classmethod
    def try_take(cls, path: Path) -> _Lock | None:
        """The lock, or None if someone holds it."""
        return cls._take(path, wait=False)

    @classmethod
    def _take(cls, path: Path, *, wait: bool) -> _Lock | None:
        while True:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if not _lock_descriptor(descriptor, wait=wait):
                    os.close(descriptor)
                    return None
                if _is_at(descriptor, path):
                    return cls(path, descriptor)
            except BaseException:
                os.close(descriptor)
                raise
            os.close(descriptor)  # removed by its holder meanwhile: lock the one there now

    def release(self, *, remove: bool) -> None:
        """Let go; ``remove``: the lock file too (its journal is gone)."""
        if self._descriptor is None:
            return
        descriptor, self._descriptor = self._descriptor, None
        if remove and sys.platform != "win32":
            self.path.unlink(missing_ok=True)  # before the lock goes: see the module's order
        try:
            _unlock_descriptor(descriptor)
        finally:
            os.close(descriptor)  # the lock goes with the file's last descriptor
        if remove and sys.platform == "win32":
            # A file open elsewhere cannot be removed there: another start has it open, and
            # finding no journal, it leaves the file be.
            with contextlib.suppress(PermissionError):
                self.path.unlink(missing_ok=True)


def _is_at(descriptor: int, path: Path) -> bool:
    """Whether the file open as ``descriptor`` is still the one at ``path``."""
    opened = os.fstat(descriptor)
    try:
        there = os.stat(path)
    except FileNotFoundError:
        return False
    return (opened.st_dev, opened.st_ino) == (there.st_dev, there.st_ino)


def _lock_path(journal: Path) -> Path:
    return journal.with_suffix(_LOCK_SUFFIX)


# --- a session's journal -----------------------------------------------------------------------


class Journal:
    """The journal of one edit session: written while someone types, removed once saved.

    Its lock is taken at the first write and let go when the journal is removed, so the
    database's folder holds nothing of a copy that has nothing unsaved."""

    def __init__(self, stem: str) -> None:
        self._stem = stem
        self.path = _new_path(stem)
        self._lock: _Lock | None = None

    def write(self, entry: JournalEntry, *, sync: bool = False) -> None:
        """See :func:`write_journal`. Raises OSError if it cannot be written."""
        if self._lock is None:
            self._lock = _Lock.take(_lock_path(self.path))
        write_journal(self.path, entry, sync=sync)

    def clear(self) -> None:
        """The edits were saved (or given up by choice): the journal and its lock go."""
        self.path.unlink(missing_ok=True)
        if self._lock is not None:
            self._lock.release(remove=True)
            self._lock = None

    def release(self) -> None:
        """What the end of the process does: the lock goes, a journal still there stays for
        the next start. A later write starts a journal of another name."""
        if self._lock is not None:
            self._lock.release(remove=False)
            self._lock = None
        self.path = _new_path(self._stem)

    def orphans(self) -> list[Orphan]:
        """The journals beside this database whose writers are gone (see
        :func:`orphaned_journals`)."""
        return orphaned_journals(self._stem)


def journal_for(database: Database) -> Journal | None:
    """A journal for an edit session on ``database`` (None for a server database: every
    copy there saves to the server, and a journal on one computer would not be found from
    another)."""
    if not database.url.startswith("sqlite:///"):
        return None
    return Journal(database.describe() + ".unsaved")


def _new_path(stem: str) -> Path:
    return Path(f"{stem}.{os.getpid()}-{secrets.token_hex(4)}.json")


# --- the journals of copies that are gone ------------------------------------------------------


@dataclass
class Orphan:
    """A journal whose writer is gone, locked by this process while it is offered back."""

    path: Path
    entry: JournalEntry | None
    """What it holds (None: unreadable)."""
    _lock: _Lock

    def remove(self) -> None:
        """Put back or declined: it goes, and its lock file with it. If the folder refuses,
        it stays, to be offered again at the next start (text too many, never too few)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            log.warning("the journal %s could not be removed", self.path, exc_info=True)
            self._lock.release(remove=False)
            return
        self._lock.release(remove=True)

    def release(self) -> None:
        """Not dealt with now: it stays for another start (a no-op once removed)."""
        self._lock.release(remove=False)


def orphaned_journals(stem: str) -> list[Orphan]:
    """The journals ``<stem>.<pid>-<token>.json`` (and the earlier versions' ``<stem>.json``)
    whose lock can be taken, oldest first, each locked until it is removed or released.
    Lock files left without a journal (a copy killed just after it saved) are removed."""
    folder, prefix = Path(stem).parent, Path(stem).name
    try:
        names = {name for name in os.listdir(folder) if name.startswith(prefix)}
    except OSError:
        return []
    journals = [folder / name for name in names if _is_journal(name[len(prefix) :])]
    lone_locks = [
        folder / name
        for name in names
        if name.endswith(_LOCK_SUFFIX)
        and _is_journal(name[len(prefix) : -len(_LOCK_SUFFIX)] + ".json")
        and name[: -len(_LOCK_SUFFIX)] + ".json" not in names
    ]
    orphans: list[Orphan] = []
    for path in sorted(journals, key=_modified):
        try:
            lock = _Lock.try_take(_lock_path(path))
        except OSError:  # a folder that refuses a lock file: the journal stays where it is
            log.warning("the journal %s could not be locked", path, exc_info=True)
            continue
        if lock is None:
            continue  # a live session's
        if not path.exists():  # saved and removed meanwhile
            lock.release(remove=True)
            continue
        orphans.append(Orphan(path, read_journal(path), lock))
    for path in lone_locks:
        with contextlib.suppress(OSError):  # litter, tried again at the next start
            lock = _Lock.try_take(path)
            if lock is not None:
                lock.release(remove=not path.with_suffix(".json").exists())
    return orphans


def _is_journal(rest: str) -> bool:
    """Whether ``<stem>`` + ``rest`` names a journal (this version's, or the earlier one)."""
    return rest == ".json" or _NAME.fullmatch(rest) is not None


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
