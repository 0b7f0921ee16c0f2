"""A whole archive as one file of ``rrb-meeting/2`` meetings: the backup of a server archive.

SQLite archives are backed up as copies of the file (``models.backups``). A PostgreSQL
archive has no file to copy, and a secretary cannot run ``pg_dump`` on the server, so its
backup is every meeting written in the app's own interchange format, which any copy of the
app reads back: a zip holding one JSON file per meeting and a manifest. What the format does
not carry (database ids, carry-over links between meetings) is not in it either.
"""

from __future__ import annotations

import json
import os
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

from models.database import Database
from models.input_limits import InputLimitError
from models.interchange import FORMAT, FormatError, dumps_meeting, loads_meeting
from models.meeting_doc import MeetingDoc
from models.services import import_meetings, list_meetings, meeting_count, meeting_doc

MANIFEST = "manifest.json"
ARCHIVE_KIND = "rrb-meeting-archive/1"
# A meeting file inside is refused past this many bytes, before it is inflated (a zip bomb
# must not fill the memory); the import's own limit on one meeting file is the same.
MAX_MEMBER_BYTES = 32 * 1024 * 1024
MAX_MEETINGS = 200_000


class ArchiveError(Exception):
    """The archive file cannot be written or read; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class WrittenArchive:
    path: Path
    meetings: int


def write_meeting_archive(db: Database, out: Path) -> WrittenArchive:
    """Every meeting of ``db``, newest first, into the zip ``out`` (written whole or not at
    all: a temporary file beside it is renamed into place)."""
    if not out.parent.is_dir():
        raise ArchiveError(f"{out}: the folder {out.parent} does not exist")
    summaries = list_meetings(db)
    temporary = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            names = []
            for summary in summaries:
                name = f"meetings/{summary.id:06d}-{summary.date.isoformat()}.json"
                archive.writestr(name, dumps_meeting(meeting_doc(db, summary.id)))
                names.append(name)
            manifest = {"kind": ARCHIVE_KIND, "format": FORMAT, "meetings": names}
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2) + "\n")
        os.replace(temporary, out)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ArchiveError(f"{out}: cannot be written ({error.strerror or error})") from None
    return WrittenArchive(out, len(summaries))


def read_meeting_archive(path: Path) -> list[MeetingDoc]:
    """The meetings of an archive made by :func:`write_meeting_archive`, all or an error."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _manifest(archive, path)
            meetings = []
            for name in manifest:
                info = archive.getinfo(name)
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ArchiveError(f"{path}: {name} is larger than a meeting can be")
                text = archive.read(info).decode("utf-8")
                try:
                    meetings.append(loads_meeting(text))
                except (FormatError, InputLimitError) as error:
                    raise ArchiveError(f"{path}: {name}: {error}") from None
            return meetings
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError) as error:
        raise ArchiveError(f"{path}: not a meeting archive of this app ({error})") from None
    except OSError as error:
        raise ArchiveError(f"{path}: cannot be read ({error.strerror or error})") from None


def _manifest(archive: zipfile.ZipFile, path: Path) -> list[str]:
    info = archive.getinfo(MANIFEST)
    if info.file_size > MAX_MEMBER_BYTES:
        raise ArchiveError(f"{path}: its manifest is too large")
    data = json.loads(archive.read(info).decode("utf-8"))
    names = data.get("meetings") if isinstance(data, dict) else None
    if data.get("kind") != ARCHIVE_KIND or not isinstance(names, list):
        raise ArchiveError(f"{path}: not a meeting archive of this app")
    if len(names) > MAX_MEETINGS or not all(isinstance(name, str) for name in names):
        raise ArchiveError(f"{path}: its list of meetings is not one this app writes")
    return names


def restore_meeting_archive(db: Database, path: Path) -> int:
    """Import every meeting of the archive into an empty ``db``, in one unit of work."""
    meetings = read_meeting_archive(path)
    if meeting_count(db) > 0:
        raise ArchiveError(
            f"{db.describe()} already holds meetings: restore into an empty database"
        )
    import_meetings(db, list(reversed(meetings)))  # oldest first, as they were made
    return len(meetings)
