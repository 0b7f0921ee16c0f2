"""Writing an export so that a failure never leaves half a file behind, and naming it.

Every output (the Word note, the JSON file) goes through here, so every one gets the same
guarantee and the same plain-English messages for the failures people actually meet: the
file open in Word, a folder they cannot write to, a full disk.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path

from exporters.errors import ExportError
from models.enums import Audience, LayoutStyle
from models.meeting_doc import MeetingDoc


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
    temporary = folder / f".{path.name}.{os.urandom(4).hex()}.tmp"  # not secrets: it loads hashlib
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


# Characters Windows, macOS or OneDrive refuse in a file name (and control characters).
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
# File systems take 255 bytes a name; a long title must still give a name they accept.
_NAME_STEM_LIMIT = 120
INTERNAL_FILE_MARK = "Internal record"


def safe_file_name(name: str) -> str:
    """``name`` with characters no file system takes replaced, so a title override like
    "Note 1/2" still gives a file the save dialog accepts."""

    def replace(match: re.Match[str]) -> str:
        # "1/2" reads as "1-2"; a colon or quotes next to a space just go
        before, after = name[match.start() - 1 : match.start()], name[match.end() : match.end() + 1]
        return "-" if before.isalnum() and after.isalnum() else " "

    cleaned = _UNSAFE.sub(replace, name)
    cleaned = re.sub(r"\s+", " ", cleaned).strip().rstrip(". ")
    return cleaned or "meeting"


def suggested_file_name(meeting: MeetingDoc, layout: LayoutStyle, audience: Audience) -> str:
    """``2024-02-29 RRB Public Note.docx``: sorts by date in a folder and says what it is.

    An internal record is named as one (``... Internal record.docx``), never like the public
    note, so the two cannot be mixed up in a folder. A long title is shortened.
    """
    board = meeting.board.abbreviation or meeting.board.name
    title = meeting.title or layout.default_title
    if audience is Audience.INTERNAL:
        title = INTERNAL_FILE_MARK if not meeting.title else f"{title} - {INTERNAL_FILE_MARK}"
    stem = safe_file_name(f"{meeting.date.isoformat()} {board} {title}")
    if len(stem) > _NAME_STEM_LIMIT:
        stem = stem[:_NAME_STEM_LIMIT].rstrip(". ")
        if audience is Audience.INTERNAL:
            keep = _NAME_STEM_LIMIT - len(INTERNAL_FILE_MARK) - 1
            stem = f"{stem[:keep].rstrip('. ')} {INTERNAL_FILE_MARK}"
    return stem + ".docx"


def is_public_note_name(
    path: Path, meeting: MeetingDoc, layout: LayoutStyle, audience: Audience
) -> bool:
    """Whether an internal record is about to be saved under the public note's own name."""
    if audience is not Audience.INTERNAL:
        return False
    public = suggested_file_name(meeting, layout, Audience.PUBLIC)
    return path.name.casefold() == public.casefold()
