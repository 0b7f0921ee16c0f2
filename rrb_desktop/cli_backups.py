"""The ``backup`` and ``restore`` commands, and the daily backup made by any command.

Neither command opens the archive through the app's engine: a damaged archive must still be
replaceable, and a backup must copy the file as it is, not as a migration would leave it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from models.backups import BackupError, check_backup, daily_backup, make_backup, restore_backup
from models.database import DatabaseOpenError, database_url, sqlite_file
from rrb_desktop.cli_guard import PROGRAM, UserError
from rrb_desktop.paths import backup_policy

COMMANDS = ("backup", "restore")


def add_backup_commands(commands: Any) -> None:
    """``commands``: the parser's subparsers (argparse's private type is not worth naming)."""
    backing_up = commands.add_parser(
        "backup", help="copy the archive now, check the copy, and print its path"
    )
    backing_up.add_argument(
        "--out", type=Path, metavar="FILE", help="where to write it (default: backups/ beside it)"
    )
    restoring = commands.add_parser(
        "restore", help="put a backup in place of the archive (the current file is kept aside)"
    )
    restoring.add_argument("file", type=Path, metavar="FILE")


def _archive(location: str) -> Path:
    archive = sqlite_file(database_url(location))
    if archive is None:
        raise UserError(f"{location}: backup and restore work on an SQLite archive file")
    return archive


def run_backup_command(location: str, args: argparse.Namespace) -> None:
    archive = _archive(location)
    out: Path | None = args.out
    if out is not None and out.resolve() == archive.resolve():
        raise UserError(f"{out}: is the archive itself; choose another file")
    print(make_backup(archive, out=out, policy=backup_policy()))


def run_restore_command(location: str, args: argparse.Namespace) -> None:
    archive = _archive(location)
    backup: Path = args.file
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
        archive = sqlite_file(database_url(location))
        return archive is not None and archive.is_file() and archive.stat().st_size > 0
    except (OSError, ValueError, DatabaseOpenError):
        return False


def backup_if_first_start_today(location: str) -> None:
    """The first command of the day backs the archive up; a failure is a warning, since the
    command itself may still be what the user needs (a damaged archive fails on opening)."""
    archive = sqlite_file(database_url(location))
    if archive is None:
        return
    try:
        daily_backup(archive, policy=backup_policy())
    except BackupError as error:
        print(f"{PROGRAM}: warning: no backup made today: {error}", file=sys.stderr)
