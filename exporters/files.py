"""Writing an export so that a failure never leaves half a file behind.

Every output (the Word note, the JSON file) goes through here, so every one gets the same
guarantee and the same plain-English messages for the failures people actually meet: the
file open in Word, a folder they cannot write to, a full disk.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from exporters.errors import ExportError


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A failure leaves any earlier file at ``path`` untouched and nothing half-written.
    Raises ExportError with a message for the user.
    """
    folder = path.parent
    if path.is_dir():
        raise ExportError(f"Cannot save {path}: there is a folder with that name.")
    if not folder.is_dir():
        raise ExportError(f"Cannot save {path.name}: the folder {folder} does not exist.")
    temporary = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        try:
            # 0o666 and the user's umask, as for any new file (mkstemp would make it private).
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except PermissionError as exc:
            raise ExportError(
                f"Cannot save {path.name} in {folder}: you do not have permission to write"
                " there. Choose another folder."
            ) from exc
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.replace(temporary, path)
        except PermissionError as exc:
            raise ExportError(
                f"Cannot save {path.name}: the file is open in another program (probably"
                " Word) or is read-only. Close it and export again."
            ) from exc
    except ExportError:
        _remove_quietly(temporary)
        raise
    except OSError as exc:
        _remove_quietly(temporary)
        reason = (
            "the disk is full"
            if exc.errno == errno.ENOSPC
            else (exc.strerror or str(exc)).rstrip(".").lower()
        )
        raise ExportError(f"Cannot save {path.name}: {reason}.") from exc


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):  # nothing more to do if the clean-up fails too
        path.unlink()
