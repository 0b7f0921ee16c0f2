"""Backups of an SQLite archive that are proven good before anything older is let go.

A copy is made with SQLite's online backup API (consistent even while the window writes),
into a ``backups/`` folder beside the archive, under a temporary name; only once
``PRAGMA integrity_check`` says ``ok`` is it renamed into place and are older copies rotated
out (the newest of each of the last 7 days and of the last 4 weeks stay, by default). So a
damaged archive can never push the last good copy out.

Restoring checks the chosen copy the same way, keeps the current file aside under a new name
(never overwritten, never deleted) and moves the copy into place.

A copy belongs to one archive: its name is the archive's whole file name (suffix included),
the time, the kind and the archive's identity key (``models.archive_file.read_identity``):
``a.sqlite3-20261130-170900-daily.0123456789abcdef.sqlite3``. Only those copies are
listed, counted as today's backup and rotated out. Copies made before archives had a key
(named ``a-20261130-152000-daily.sqlite3`` after the name without its suffix, or after the
whole name while a key was not yet written) are *older copies*: listed, never rotated, only
for an archive that may have had them (one upgraded, not a new one) and only when no other
archive file in the folder could claim them by name.
"""

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from models.archive_file import (
    SQLITE_MAGIC,
    ArchiveFileError,
    ArchiveIdentity,
    check_archive_file,
    read_identity,
    read_only_connection,
    reading_connection_of,
)

BACKUP_FOLDER = "backups"
DAILY = "daily"
MANUAL = "manual"
BEFORE_MIGRATION = "before-upgrade"
KINDS = (DAILY, MANUAL, BEFORE_MIGRATION)
SUFFIX = ".sqlite3"
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<name>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>daily|manual|before-upgrade)"
    r"(?:\.(?P<key>[0-9a-f]{16}))?\.sqlite3$"
)
# A file restore_backup set aside: an old state of the archive, not another archive.
_SET_ASIDE = ".before-restore-"
# Sidecar files SQLite keeps next to a database in WAL mode; they travel with it.
SIDECARS = ("-wal", "-shm")


class BackupError(Exception):
    """A backup or restore did not happen; the message names the file and the reason."""


class RotationPolicy(NamedTuple):
    """How many automatic backups stay: the newest of each of so many days and weeks."""

    daily: int = 7
    weekly: int = 4
    before_upgrade: int = 3


class BackupInfo(NamedTuple):
    path: Path
    taken: dt.datetime
    kind: str
    size: int
    older: bool = False  # made before archives had a key: matched by file name only


class _Named(NamedTuple):
    """A file in the backups folder whose name :data:`_NAME` reads."""

    path: Path
    name: str  # the archive's file name, or (older copies) its name without the suffix
    taken: dt.datetime
    kind: str
    key: str | None


_Known = tuple[ArchiveIdentity | None, bool]
"""An archive's identity and whether it could be read (:func:`_identity`)."""


def backup_folder(archive: Path) -> Path:
    """``backups`` beside the archive; ``<archive's name>.backups`` when something that is
    not a folder has that name (the archive itself, named ``backups``, or ``Backups`` where
    names ignore case; another file), so that backups are still made."""
    folder = archive.parent / BACKUP_FOLDER
    if archive.name.casefold() == BACKUP_FOLDER or (folder.exists() and not folder.is_dir()):
        return archive.with_name(f"{archive.name}.{BACKUP_FOLDER}")
    return folder


def list_backups(archive: Path) -> list[BackupInfo]:
    """This archive's backups in its folder, newest first: its own copies, and the older
    copies that can only be its own (see the module's docstring); other files are ignored."""
    return _backups(archive, with_older=True)


def _own_backups(archive: Path, known: _Known | None = None) -> list[BackupInfo]:
    """The copies made of this archive by this version (no older ones), newest first: the
    ones rotation may delete and the daily backup counts. ``known``: its identity, if read."""
    return _backups(archive, with_older=False, known=known)


def _backups(archive: Path, *, with_older: bool, known: _Known | None = None) -> list[BackupInfo]:
    folder = backup_folder(archive)
    if not folder.is_dir():
        return []
    named = _named_backups(folder)
    identity, readable = known if known is not None else _identity(archive)
    own = _own(archive, named, identity, readable=readable)
    found = [_info(copy, older=False) for copy in own]
    if with_older and _may_have_older_copies(archive, named, identity, readable=readable):
        claimed = _claimed_by_others(archive)
        found += [
            _info(copy, older=True)
            for copy in named
            if copy not in own
            and copy.key is None
            and copy.name in (archive.name, archive.stem)
            and copy.name not in claimed
        ]
    return sorted(
        (info for info in found if info.size >= 0),
        key=lambda info: (info.taken, info.path.name),
        reverse=True,
    )


def _named_backups(folder: Path) -> list[_Named]:
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None:
            continue
        try:
            taken = _stamp_time(match["stamp"])
        except ValueError:
            continue
        found.append(_Named(path, match["name"], taken, match["kind"], match["key"]))
    return found


def _info(copy: _Named, *, older: bool) -> BackupInfo:
    try:
        size = copy.path.stat().st_size
    except OSError:
        size = -1  # gone meanwhile: left out
    return BackupInfo(copy.path, copy.taken, copy.kind, size, older)


def _identity(archive: Path, connection: sqlite3.Connection | None = None) -> _Known:
    """The archive's identity, and whether it could be read (a damaged file cannot): read
    once per backup, for the copy's name and for which copies are its own. ``connection``:
    one open on the archive to read it through (``read_identity``)."""
    try:
        if connection is None:
            return read_identity(archive), True
        return read_identity(archive, connection), True
    except (sqlite3.Error, OSError):
        return None, False


def _own(
    archive: Path, named: list[_Named], identity: ArchiveIdentity | None, *, readable: bool
) -> list[_Named]:
    """The copies made of this archive by this version: its whole name and its key; for an
    archive without a key yet, its whole name and no key. When the archive cannot be read
    (damaged), the copies under its whole name when they all carry one key, else none."""
    same_name = [copy for copy in named if copy.name == archive.name]
    if readable:
        key = identity.key if identity is not None else None
        return [copy for copy in same_name if copy.key == key]
    keys = {copy.key for copy in same_name if copy.key is not None}
    return [copy for copy in same_name if copy.key is not None and keys == {copy.key}]


def _may_have_older_copies(
    archive: Path, named: list[_Named], identity: ArchiveIdentity | None, *, readable: bool
) -> bool:
    """Whether copies made before archives had keys may be this archive's: not for a new
    archive (it got its key before any copy of it was made); for an upgraded one, or one
    from before keys. When the archive cannot be read, only if no copy under its whole name
    carries a key (one that does says a keyed archive had this name, maybe a new one)."""
    if identity is not None:
        return identity.upgraded
    return readable or not any(c.key is not None and c.name == archive.name for c in named)


def _claimed_by_others(archive: Path) -> set[str]:
    """The names under which another archive file in the folder would have made older
    copies (its whole name and its name without the suffix): such copies are ambiguous."""
    claimed: set[str] = set()
    try:
        siblings = list(archive.parent.iterdir())
    except OSError:
        return {archive.name, archive.stem}  # cannot tell: nothing is unambiguous
    for sibling in siblings:
        if sibling.name == archive.name or _SET_ASIDE in sibling.name:
            continue
        if {sibling.name, sibling.stem} & {archive.name, archive.stem} and _is_sqlite(sibling):
            claimed |= {sibling.name, sibling.stem}
    return claimed


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _stamp_time(stamp: str) -> dt.datetime:
    """The time :data:`STAMP` wrote, from its fixed digits (``_NAME`` matched them); an
    impossible one raises ValueError as ``strptime`` would. Not ``strptime`` itself: its first
    call imports the locale machinery, a cost every export process paid to list backups."""
    day, time = stamp.split("-")
    return dt.datetime(
        int(day[:4]), int(day[4:6]), int(day[6:]), int(time[:2]), int(time[2:4]), int(time[4:])
    )


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _integrity_problem(path: Path) -> str | None:
    """None when ``PRAGMA integrity_check`` finds nothing wrong, else its first line."""
    try:
        connection = read_only_connection(path)
        try:
            lines = [line for (line,) in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except sqlite3.Error as error:
        return str(error)
    return None if lines == ["ok"] else (lines[0] if lines else "check failed")


def copy_archive(source: Path, target: Path) -> Path:
    """Copy ``source`` into ``target`` (a new file) and prove the copy good.

    The copy is written under a temporary name and renamed only after the check, so a
    half-written or bad copy never looks like a backup.
    """
    if target.exists():
        raise BackupError(f"{target}: already exists (choose another name)")
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        reader = reading_connection_of(source)  # its close leaves no -wal/-shm behind
        try:
            writer = sqlite3.connect(partial, isolation_level=None)
            try:
                reader.backup(writer)
                # A copy in WAL mode would grow sidecar files whenever it is looked at.
                writer.execute("PRAGMA journal_mode=DELETE")
            finally:
                writer.close()
        finally:
            reader.close()
        problem = _integrity_problem(partial)
        if problem is not None:
            raise BackupError(f"{source}: the copy failed its check ({problem}); nothing kept")
        _fsync(partial)
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise BackupError(f"{source}: cannot be backed up ({error})") from None
    except OSError as error:
        raise BackupError(
            f"{error.filename or target}: cannot write the backup ({error.strerror or error})"
        ) from None
    finally:
        with contextlib.suppress(OSError):  # never in place of the reason above
            partial.unlink(missing_ok=True)
    return target


def make_backup(
    archive: Path,
    kind: str = MANUAL,
    *,
    out: Path | None = None,
    now: dt.datetime | None = None,
    policy: RotationPolicy | None = None,
) -> Path:
    """One proven backup of ``archive`` (to the file ``out``, or under its usual name into
    the folder ``out`` or its backups folder); then rotate the folder. Returns the path of
    the new copy."""
    if not archive.is_file():
        raise BackupError(f"{archive}: there is no archive to back up")
    taken = now or dt.datetime.now()
    return _backup(archive, kind, out=out, now=taken, policy=policy, known=_identity(archive))


def _backup(
    archive: Path,
    kind: str,
    *,
    out: Path | None,
    now: dt.datetime,
    policy: RotationPolicy | None,
    known: _Known,
) -> Path:
    """:func:`make_backup` with the archive's identity read (``known``)."""
    if out is None or out.is_dir():
        out = _free_name(archive, out or backup_folder(archive), kind, now, known[0])
    copy_archive(archive, out)
    rotate(archive, policy or RotationPolicy(), known)
    return out


def _free_name(
    archive: Path, folder: Path, kind: str, taken: dt.datetime, identity: ArchiveIdentity | None
) -> Path:
    """The copy's name in ``folder``: the archive's whole name, the time, the kind and the
    archive's key (none before migration 0012 has given it one)."""
    key = f".{identity.key}" if identity is not None else ""
    while True:
        out = folder / f"{archive.name}-{taken:{STAMP}}-{kind}{key}{SUFFIX}"
        if not out.exists():
            return out
        taken += dt.timedelta(seconds=1)  # two in one second (an upgrade retried at once)


def _keep_newest_per(backups: Iterable[BackupInfo], period: str, count: int) -> set[Path]:
    kept: dict[object, Path] = {}
    for info in backups:  # newest first
        key: object = info.taken.date() if period == "day" else tuple(info.taken.isocalendar())[:2]
        if key not in kept and len(kept) < count:
            kept[key] = info.path
    return set(kept.values())


def rotate(archive: Path, policy: RotationPolicy, known: _Known | None = None) -> list[Path]:
    """Delete the automatic backups the policy does not keep; manual ones always stay, and
    so do older copies (matched by name only: they may be another archive's). ``known``:
    the archive's identity, if read already."""
    backups = _own_backups(archive, known)
    automatic = [info for info in backups if info.kind == DAILY]
    upgrades = [info for info in backups if info.kind == BEFORE_MIGRATION]
    keep = _keep_newest_per(automatic, "day", policy.daily)
    keep |= _keep_newest_per(automatic, "week", policy.weekly)
    keep |= {info.path for info in upgrades[: policy.before_upgrade]}
    removed = []
    for info in automatic + upgrades:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def daily_backup_due(archive: Path, today: dt.date | None = None) -> bool:
    """True when the archive exists and no copy of its own was taken today (another
    archive's copy, or an older one matched by name, does not count)."""
    return _daily_backup_due(archive, today or dt.date.today(), None)


def _daily_backup_due(archive: Path, today: dt.date, known: _Known | None) -> bool:
    if not archive.is_file() or archive.stat().st_size == 0:
        return False
    return not any(info.taken.date() == today for info in _own_backups(archive, known))


def check_pages_today(archive: Path, connection: sqlite3.Connection | None = None) -> bool:
    """Whether opening ``archive`` should read every page (``PRAGMA quick_check``): on the
    first start of a day, the one that also makes the day's backup. On a large archive the
    check takes seconds, and damage met on other starts is still caught when the page is
    read.

    ``connection``: one the caller has open on the archive
    (``models.archive_file.reading_connection_of``) and reads with next, through which the
    archive's identity is read rather than through a connection of its own."""
    try:
        if connection is None:
            return daily_backup_due(archive)
        return _daily_backup_due(archive, dt.date.today(), _identity(archive, connection))
    except OSError:
        return True


def daily_backup(
    archive: Path, *, now: dt.datetime | None = None, policy: RotationPolicy | None = None
) -> Path | None:
    """The first start of each day makes a backup; later starts do nothing."""
    now = now or dt.datetime.now()
    known = _identity(archive)  # once, for the check, the copy's name and the rotation
    if not _daily_backup_due(archive, now.date(), known):
        return None
    return _backup(archive, DAILY, out=None, now=now, policy=policy, known=known)


def check_backup(path: Path) -> None:
    """Refuse a file that is not a whole, good archive (BackupError naming the file)."""
    if not path.exists():
        raise BackupError(f"{path}: no such file")
    if path.is_dir():
        raise BackupError(f"{path}: is a folder, not a backup file")
    try:
        state = check_archive_file(path, quick_check=False)
    except ArchiveFileError as error:
        raise BackupError(str(error)) from None
    if not path.is_file() or state.revision is None:
        raise BackupError(f"{path}: is not an rrb_desktop backup (no archive in it)")
    problem = _integrity_problem(path)
    if problem is not None:
        raise BackupError(f"{path}: is damaged ({problem})")


def _refuse_if_in_use(archive: Path) -> None:
    """A restore under a running window would leave it writing into the file set aside."""
    if not archive.is_file():
        return
    try:
        connection = sqlite3.connect(archive, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return  # not even openable: certainly not in use by the app
    try:
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise BackupError(
                f"{archive}: is in use by another program (close rrb_desktop first)"
            ) from None
    except sqlite3.Error:
        pass  # damaged: that is why it is being replaced
    finally:
        connection.close()


def restore_backup(backup: Path, archive: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Put ``backup`` in place of ``archive`` after checking it.

    The current archive (with its WAL sidecars) is renamed aside, never overwritten; its
    new path is returned (None when there was none). The caller must have closed every
    connection to the archive.
    """
    check_backup(backup)
    _refuse_if_in_use(archive)
    stamp = (now or dt.datetime.now()).strftime(STAMP)
    aside = archive.with_name(f"{archive.name}.before-restore-{stamp}")
    staged = archive.with_name(f".{archive.name}.restoring")
    import shutil  # noqa: PLC0415 (with bz2 and lzma: restore only, not each command's backup check)

    try:
        shutil.copyfile(backup, staged)
        _fsync(staged)
        kept = None
        if archive.exists():
            os.replace(archive, aside)
            kept = aside
        for sidecar in SIDECARS:
            current = archive.with_name(archive.name + sidecar)
            if current.exists():
                os.replace(current, aside.with_name(aside.name + sidecar))
        os.replace(staged, archive)
    except OSError as error:
        raise BackupError(
            f"{error.filename or archive}: cannot restore ({error.strerror or error})"
        ) from None
    finally:
        staged.unlink(missing_ok=True)
    return kept


def newest_good_backup(archive: Path) -> BackupInfo | None:
    """The newest backup that passes its check, for the offer made when the archive is
    damaged; None when there is none."""
    for info in list_backups(archive):
        try:
            check_backup(info.path)
        except BackupError:
            continue
        return info
    return None
