"""The ``backup`` and ``restore`` commands, and the daily backup made by any command.

On an SQLite file neither command opens the archive through the app's engine: a damaged
archive must still be replaceable, and a backup must copy the file as it is, not as a
migration would leave it. A server archive (PostgreSQL) has no file to copy: its backup is
every meeting in the app's own ``rrb-meeting/2`` format, in one zip (models.meeting_archive),
and ``restore`` of such a zip imports them into an empty database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from models.archive_file import sqlite_file_of
from models.backups import BackupError, check_backup, daily_backup, make_backup, restore_backup
from rrb_desktop.cli_guard import PROGRAM, UserError, describe_failure
from rrb_desktop.paths import backup_policy, data_dir

TYPE_CHECKING = False  # typing's, without loading typing at run time (mypy takes it as True)
if TYPE_CHECKING:
    from typing import Any

COMMANDS = ("backup", "restore")


def add_backup_commands(commands: Any) -> None:
    """``commands``: the parser's commands (``rrb_desktop.cli``), which add a command's options
    only when it runs."""
    commands.add_command(
        "backup", "copy the archive now, check the copy, and print its path", _backup_options
    )
    commands.add_command(
        "restore",
        "put a backup in place of the archive (the current file is kept aside)",
        _restore_options,
    )


def _backup_options(backing_up: argparse.ArgumentParser) -> None:
    backing_up.add_argument(
        "--out",
        metavar="FILE|FOLDER",
        help="where to write it: a file, or a folder (ending in /) to write it into under its"
        " usual name (default: backups/ beside the archive)",
    )


def _restore_options(restoring: argparse.ArgumentParser) -> None:
    restoring.add_argument("file", type=Path, metavar="FILE")


def _archive(location: str) -> Path:
    archive = sqlite_file_of(location)
    if archive is None:
        raise UserError(f"{location}: backup and restore work on an SQLite archive file")
    return archive


def _out_path(given: str | None) -> Path | None:
    """``--out``: a file in a folder that exists, or a folder that exists (named with or
    without a final slash) to write into under the usual name.

    A folder that is not there is refused, as ``export --out`` refuses it: a mistyped path
    would otherwise make folders and put the copy where nobody will look for it.
    """
    if given is None:
        return None
    out = Path(given).expanduser()
    if given.endswith(("/", os.sep)):
        if not out.is_dir():
            reason = "is a file, not a folder" if out.exists() else "the folder does not exist"
            raise UserError(f"{given}: {reason}")
    elif not out.is_dir() and not out.parent.is_dir():
        raise UserError(f"{out}: the folder {out.parent} does not exist")
    return out


def _server_backup(location: str, out: Path | None) -> None:
    if out is None or out.is_dir():
        folder = out or data_dir() / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / f"rrb-server-{dt.datetime.now():%Y%m%d-%H%M%S}.zip"
    # A server's backup and restore load the ORM; the daily backup of a file never does.
    from models.database import Database  # noqa: PLC0415
    from models.meeting_archive import ArchiveError, write_meeting_archive  # noqa: PLC0415

    database = Database.open(location)
    try:
        written = write_meeting_archive(database, out)
    except ArchiveError as error:
        raise UserError(str(error)) from None
    finally:
        database.close()
    print(f"{PROGRAM}: {written.meetings} meetings in rrb-meeting/2", file=sys.stderr)
    print(written.path)


def _server_restore(location: str, backup: Path) -> None:
    from models.database import Database  # noqa: PLC0415 (see _server_backup)
    from models.meeting_archive import ArchiveError, restore_meeting_archive  # noqa: PLC0415

    database = Database.open(location)
    try:
        count = restore_meeting_archive(database, backup)
    except ArchiveError as error:
        raise UserError(str(error)) from None
    finally:
        database.close()
    print(f"{PROGRAM}: {count} meetings restored into {database.describe()}", file=sys.stderr)


def _is_server(location: str) -> bool:
    return sqlite_file_of(location) is None


def run_backup_command(location: str, args: argparse.Namespace) -> None:
    out = _out_path(args.out)
    if _is_server(location):
        _server_backup(location, out)
        return
    archive = _archive(location)
    if out is not None and out.resolve() == archive.resolve():
        raise UserError(f"{out}: is the archive itself; choose another file")
    print(make_backup(archive, out=out, policy=backup_policy()))


def run_restore_command(location: str, args: argparse.Namespace) -> None:
    backup: Path = args.file
    if _is_server(location):
        _server_restore(location, backup)
        return
    archive = _archive(location)
    if backup.resolve() == archive.resolve():
        raise UserError(f"{backup}: is the archive itself; choose a backup")
    check_backup(backup)
    kept = restore_backup(backup, archive)
    if kept is not None:
        print(f"{PROGRAM}: the archive it replaced is kept as {kept}", file=sys.stderr)
    print(archive)


def archive_exists(location: str) -> bool:
    """Whether an SQLite archive with something in it is already there (a new one needs no
    backup); False for server databases and locations that cannot be looked at."""
    try:
        archive = sqlite_file_of(location)
        return archive is not None and archive.is_file() and archive.stat().st_size > 0
    except Exception:  # a location that cannot be looked at: the command itself reports it
        return False


def backup_if_first_start_today(location: str) -> None:
    """The first command of the day backs the archive up; a failure is a warning, since the
    command itself may still be what the user needs (a damaged archive fails on opening)."""
    archive = sqlite_file_of(location)
    if archive is None:
        return
    try:
        daily_backup(archive, policy=backup_policy())
    except (BackupError, OSError) as error:  # OSError: a full disk, a file named like the folder
        reason = describe_failure(error, str(archive))
        print(f"{PROGRAM}: warning: no backup made today: {reason}", file=sys.stderr)
