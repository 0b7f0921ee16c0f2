"""Saving what was read: each note in its own unit of work, with the file it came from.

The file's name and SHA-256 are kept with the meeting (``import_source``), so the same
file imported twice is noticed before anything is written; the JSON import keeps its files
the same way (``save_meetings``), so that both imports refuse a file imported before alike.
A hearing transcript is saved like a board note: its members and turns are part of the
meeting.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Select, select

from models.database import Database
from models.entities import Board, ImportSource, Meeting, Organisation
from models.meeting_doc import BoardRef, MeetingDoc, OrganisationRef
from models.services.meetings import (  # shared with the JSON import
    add_meeting,
    already_there,
    like_meetings,
)
from models.word_import import file_sha256, read_note
from models.word_import.document import NoteReadError
from models.word_import.lengths import text_problem
from models.word_import.result import Directory, ReadNote

WORD_SUFFIXES = (".docx", ".doc")
log = logging.getLogger(__name__)


class ImportState(StrEnum):
    IMPORTED = "imported"
    NEEDS_REVIEW = "needs review"
    FAILED = "failed"


class NotSavedError(ValueError):
    """A note that was read but must not be saved as it is; the message says why."""


class TextTooLongError(NotSavedError):
    """A text of the note longer than the archive stores; the message names whose it is."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    name: str
    sha256: str


@dataclass(frozen=True, slots=True)
class EarlierImport:
    meeting_id: int
    date: dt.date
    file_name: str


def directory_of(db: Database) -> Directory:
    """The organisations and boards the archive knows, for matching printed names."""
    with db.read() as session:
        organisations = tuple(
            OrganisationRef(org.name, org.abbreviation)
            for org in session.scalars(select(Organisation).order_by(Organisation.id))
        )
        boards = tuple(
            BoardRef(board.name, board.abbreviation)
            for board in session.scalars(select(Board).order_by(Board.id))
        )
    return Directory(organisations, boards)


def earlier_import(db: Database, sha256: str) -> EarlierImport | None:
    """The meeting already imported from a file with these bytes, if any."""
    with db.read() as session:
        row = session.execute(_earlier_query(sha256)).first()
    return None if row is None else EarlierImport(row[0], row[1], row[2])


def _earlier_query(sha256: str) -> Select[int, dt.date, str]:
    return (
        select(ImportSource.meeting_id, Meeting.date, ImportSource.file_name)
        .join(Meeting, Meeting.id == ImportSource.meeting_id)
        .where(ImportSource.sha256 == sha256)
        .order_by(ImportSource.meeting_id)
    )


def duplicate_message(earlier: EarlierImport) -> str:
    return (
        f"already imported as meeting {earlier.meeting_id} ({earlier.date:%d %B %Y},"
        f" from {earlier.file_name})"
    )


def not_imported_again(meeting_ids: Sequence[int]) -> str:
    """Why a file of a meeting the archive holds was skipped (the command line adds how to
    import a copy all the same)."""
    return f"{already_there(meeting_ids)}; not imported again"


def save_note(
    db: Database, note: ReadNote, source: SourceFile, *, allow_duplicate: bool = False
) -> int:
    """Add the meeting and its source in one unit of work: both, or nothing."""
    return save_meetings(db, [(note.meeting, source)], allow_duplicate=allow_duplicate)[0]


def save_meetings(
    db: Database,
    meetings: Sequence[tuple[MeetingDoc, SourceFile]],
    *,
    allow_duplicate: bool = False,
) -> list[int]:
    """Add the meetings, each with the file it came from, in one unit of work: all, or none.

    A file imported before (or named twice), or a meeting the archive holds already (same
    board, date and title: :func:`models.services.meetings_like`, or twice in ``meetings``)
    raises NotSavedError unless ``allow_duplicate``: checked in the same transaction as the
    writes, so two imports at once cannot both pass. A text longer than the archive stores
    is refused in any case (TextTooLongError), naming whose it is (``attendee 'Sophie
    Linden' (MOPAC): role is 412 characters; the limit is 300``), before anything is written.
    """
    with db.begin() as session:
        ids: list[int] = []
        for doc, source in meetings:
            if not allow_duplicate:
                row = session.execute(_earlier_query(source.sha256)).first()
                if row is not None:
                    raise NotSavedError(duplicate_message(EarlierImport(row[0], row[1], row[2])))
                like = like_meetings(session, doc)
                if like:
                    raise NotSavedError(_copied(like, ids, meetings, source))
            problem = text_problem(doc)
            if problem is not None:
                raise TextTooLongError(f"{problem} (shorten it in Word, then import again)")
            meeting = add_meeting(session, doc)
            session.add(
                ImportSource(meeting_id=meeting.id, file_name=source.name, sha256=source.sha256)
            )
            session.flush()
            ids.append(meeting.id)
        return ids


def _copied(
    like: list[int],
    saved: list[int],
    meetings: Sequence[tuple[MeetingDoc, SourceFile]],
    source: SourceFile,
) -> str:
    """Why ``source`` is not saved: the archive's meetings it would copy, or the file of
    this same import that holds its meeting too (saved in this unit of work, so undone)."""
    twin = next((meetings[saved.index(i)][1].name for i in like if i in saved), None)
    if twin is None:
        return not_imported_again(like)
    return f"{source.name} holds the same meeting as {twin} (same board, date and title)"


def word_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, a folder standing for its Word files (not Word's ``~$`` lock files)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                child
                for child in path.iterdir()
                if child.suffix.lower() in WORD_SUFFIXES
                and child.is_file()
                and not child.name.startswith("~$")
            )
        else:
            yield path


@dataclass(frozen=True, slots=True)
class ReadOutcome:
    """One file read: the note, or the reason it could not be read (``note`` None)."""

    path: Path
    note: ReadNote | None
    source: SourceFile | None
    problem: str = ""
    earlier: EarlierImport | None = None


def read_file(path: Path, directory: Directory, db: Database | None = None) -> ReadOutcome:
    """Read one file; never raises for what the file holds (the reason is the outcome)."""
    try:
        note = read_note(path, directory)
        source = SourceFile(path.name, file_sha256(path))
    except NoteReadError as error:
        return ReadOutcome(path, None, None, str(error))
    except OSError as error:
        return ReadOutcome(path, None, None, f"cannot read the file ({error.strerror or error})")
    except Exception as error:  # a file python-docx chokes on in a way we did not foresee
        log.exception("reading %s failed", path)
        return ReadOutcome(path, None, None, f"damaged or not a Word note ({type(error).__name__})")
    earlier = earlier_import(db, source.sha256) if db is not None else None
    return ReadOutcome(path, note, source, earlier=earlier)
