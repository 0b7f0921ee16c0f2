"""The one place where a command's failure becomes exit status 2 and one line.

Every command runs inside ``run_guarded``: whatever goes wrong (a locked or read-only
archive, a damaged one, a driver that is not installed, a full disk, a file name too long, a
file the user may not read, or a bug) the user sees one line naming the file and the reason,
never a traceback. A command that fails on a database file it created itself, or keeps
nothing in it, removes that file again, so a mistyped ``--db`` does not leave an empty
archive behind.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from models.archive_file import sqlite_file_of
from models.backups import SIDECARS, BackupError
from models.errors import DatabaseOpenError, StorageError

PROGRAM = "rrb-desktop"
USAGE_ERROR = 2
# How a refusal of a file imported before ends, for JSON and Word files alike.
AGAIN_HINT = " (--again imports it anyway)"
# How a refusal of a meeting the archive holds already (same board, date and title) ends.
COPY_HINT = " \u2014 use --again to import a copy"
INTERRUPTED = 130
# 128 + SIGPIPE: how a Unix tool ends when the reader of its output went away (`list | head`).
READER_GONE = 141

log = logging.getLogger("rrb_desktop.cli")


class UserError(Exception):
    """Something the user can fix; printed as one line, exit status 2."""


class NothingKeptError(Exception):
    """The command ended with ``status``, its own messages printed, having put nothing in
    the archive (an import whose every file needs review or was refused). An archive file
    it created for that is removed, as after a failure: left there, an empty archive would
    be taken for the real one by every later command."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    return error.strerror or str(error)


def describe_failure(error: BaseException, location: str) -> str:
    """One line for any failure, naming the file (or database) and the reason."""
    # Loaded on a failure only: a command that reads a file directly (models.direct_read)
    # runs without SQLAlchemy, and its errors are not SQLAlchemy's.
    from sqlalchemy.exc import SQLAlchemyError  # noqa: PLC0415

    if isinstance(error, (UserError, DatabaseOpenError, BackupError)):
        text = str(error)
    elif isinstance(error, StorageError):
        text = error.reason if location in error.reason else f"{location}: {error.reason}"
    elif isinstance(error, OSError):
        text = f"{error.filename or location}: {_os_reason(error)}"
    elif isinstance(error, MemoryError):
        text = f"{location}: not enough memory to finish"
    elif isinstance(error, RecursionError):
        text = f"{location}: the input is nested too deeply"
    elif isinstance(error, UnicodeError):
        text = f"{location}: a name or text given is not valid UTF-8 (use UTF-8 names and text)"
    elif isinstance(error, SQLAlchemyError):
        text = f"{location}: {StorageError.from_sqlalchemy(error).reason}"
    else:
        text = f"{location}: unexpected problem ({type(error).__name__}: {error})"
    return " ".join(text.split()) or type(error).__name__


def is_refusal(error: BaseException) -> bool:
    """Whether ``error`` is a reason the user can act on, not a failure nobody foresaw."""
    return isinstance(error, (UserError, DatabaseOpenError, BackupError, StorageError))


def _reader_went_away(error: BaseException) -> bool:
    """Whether the output's reader closed its end (``| head``): a write to standard output
    names no file; one to a file that fails so is a real failure."""
    return isinstance(error, BrokenPipeError) and error.filename is None


def _end_quietly(name: str) -> int:
    """As other Unix tools: no message, status :data:`READER_GONE`. What is still buffered
    for standard output goes nowhere, so the interpreter's last flush does not complain."""
    log.info("%s stopped: the reader of its output went away", name)
    with contextlib.suppress(OSError, ValueError):  # no real descriptor (a test's capture)
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
        os.close(nowhere)
    return READER_GONE


def _new_database_file(location: str) -> Path | None:
    """The SQLite file the command would create, when it does not exist yet."""
    try:
        path = sqlite_file_of(location)
        return path if path is not None and not path.exists() else None
    except Exception:  # whatever is wrong with the location, the command itself reports it
        return None


def _remove_created(path: Path) -> None:
    for name in (path.name, *(path.name + sidecar for sidecar in SIDECARS)):
        # The one line about the real failure matters more than this.
        with contextlib.suppress(OSError):
            path.with_name(name).unlink(missing_ok=True)


def run_guarded(location: str, command: Callable[[], int], *, name: str = "command") -> int:
    """Run ``command``; its own status on success, else one line on stderr and status 2
    (or, when the reader of its output went away, no line and :data:`READER_GONE`).

    The log gets the refusal's line, or the whole trace of a failure nobody foresaw.
    """
    created = _new_database_file(location)
    try:
        result = command()
        sys.stdout.flush()  # a reader that went away is met here, not at the interpreter's exit
    except KeyboardInterrupt:
        print(f"{PROGRAM}: interrupted", file=sys.stderr)
        status = INTERRUPTED
    except NothingKeptError as ended:
        log.info("%s ended with status %d, nothing kept", name, ended.status)
        status = ended.status
    except Exception as error:
        if _reader_went_away(error):
            return _end_quietly(name)
        message = describe_failure(error, location)
        if is_refusal(error):
            log.warning("%s refused: %s", name, message)
        else:
            log.error("%s failed:\n%s", name, "".join(traceback.format_exception(error)))
        print(f"{PROGRAM}: {message}", file=sys.stderr)
        status = USAGE_ERROR
    else:
        log.info("%s done", name)
        return result
    if created is not None:
        _remove_created(created)
    return status
