"""Writing a file so that a failure never leaves half of it behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message is one sentence for the user."""


def describe_os_error(path: Path, error: OSError) -> str:
    if isinstance(error, PermissionError):
        return (
            f"Cannot write {path}: permission denied. If the file is open in Word or another"
            " program, close it and try again; otherwise choose a folder you can write to."
        )
    if isinstance(error, FileNotFoundError):
        return f"Cannot write {path}: the folder {path.parent} does not exist."
    if isinstance(error, IsADirectoryError):
        return f"Cannot write {path}: it is a folder."
    return f"Cannot write {path}: {error.strerror or error}."


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
    except OSError as error:
        raise WriteError(describe_os_error(path, error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteError(describe_os_error(path, error)) from None
