"""The commands that work through the app's engine and ORM (``models.database``): import,
list, search, the action log, copy-db, and export or check when the file cannot be read
directly (``models.direct_read``) or the archive is on a server.

Loaded by ``rrb_desktop.cli`` only for those: a process runs one command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from exporters.errors import ExportError
from models.connection import may_edit
from models.database import Database
from models.enums import ActionStatus
from models.errors import DatabaseOpenError, UnknownNamesError
from models.owner_text import OWNER_SEPARATOR
from models.publication import allowed_names, name_differences, person_names
from models.services import (
    NotFoundError,
    ValidationError,
    list_meetings,
    meeting_doc,
    meetings_like,
)
from rrb_desktop.cli_backups import archive_exists, backup_if_first_start_today
from rrb_desktop.cli_guard import AGAIN_HINT, COPY_HINT, PROGRAM, NothingKeptError, UserError
from rrb_desktop.cli_note import NOTE_COMMANDS, run_note_command

if TYPE_CHECKING:
    from models.meeting_doc import MeetingDoc


def run_database_command(
    location: str, args: argparse.Namespace, *, daily_backup: bool = True
) -> int:
    """Every command but backup and restore, on the archive opened (and migrated) at
    ``location``; the exit status. ``daily_backup`` False: the day's backup was tried
    already in this process."""
    if args.command == "copy-db":
        copy_db_command(args)
        return 0
    archive_existed = archive_exists(location)
    database = open_database(location)
    status = 0
    try:
        if archive_existed and daily_backup:
            backup_if_first_start_today(location)
        if args.command == "import":
            from rrb_desktop.word_import_cli import (  # noqa: PLC0415 (loads python-docx)
                import_word_files,
                split_import_paths,
            )

            json_files, word_paths = split_import_paths(args.files)
            if json_files:
                import_command(database, json_files, again=args.again)
            if word_paths:
                status, saved = import_word_files(
                    database, word_paths, again=args.again, accept_guesses=args.accept_guesses
                )
                if not saved and not json_files:
                    raise NothingKeptError(status)
        elif args.command in NOTE_COMMANDS:
            status = run_note_command(DatabaseNoteSource(database), args)
        elif args.command == "list":
            list_command(database)
        elif args.command == "search":
            search_command(database, args.query, args.limit)
        elif args.command == "actions":
            actions_command(database, args)
    finally:
        database.close()
    return status


class DatabaseNoteSource:
    """A meeting's note read through the ORM (``rrb_desktop.cli_note.NoteSource``)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def meeting_doc(self, meeting_id: int) -> MeetingDoc | None:
        try:
            return meeting_doc(self._database, meeting_id)
        except NotFoundError:
            return None

    def person_names(self) -> list[str]:
        return person_names(self._database)

    def allowed_names(self, meeting_id: int) -> list[str]:
        return allowed_names(self._database, meeting_id)


def open_database(location: str) -> Database:
    try:
        return Database.open(location)
    except DatabaseOpenError as error:
        raise UserError(str(error)) from None


def import_command(database: Database, files: Sequence[Path], *, again: bool = False) -> None:
    """Import JSON meeting files, all or none. A file imported before, or a file of a meeting
    the archive holds already (same board, date and title), is refused as a Word file is
    (``--again`` imports it anyway): run twice, a script would otherwise leave two identical
    meetings without a word."""
    from models.interchange import FormatError, read_meeting_file  # noqa: PLC0415 (loaded by its command only)
    from models.word_import import file_sha256  # noqa: PLC0415 (as above)
    from models.word_import.store import (  # noqa: PLC0415 (as above)
        NotSavedError,
        SourceFile,
        TextTooLongError,
        duplicate_message,
        earlier_import,
        not_imported_again,
        save_meetings,
    )

    _require_editing(database, "importing")
    docs = []
    for path in files:
        try:
            docs.append(read_meeting_file(path))
        except FormatError as error:
            raise UserError(f"{path}: {error}") from None
    database.verify()  # never write into a damaged file
    sources = [SourceFile(path.name, file_sha256(path)) for path in files]
    for path, source, doc in zip(files, sources, docs, strict=True):
        earlier = None if again else earlier_import(database, source.sha256)
        if earlier is not None:
            raise UserError(f"{path}: {duplicate_message(earlier)}{AGAIN_HINT}")
        like = [] if again else meetings_like(database, doc)
        if like:  # another file of a meeting already there: a copy only when asked for
            raise UserError(f"{path}: {not_imported_again(like)}{COPY_HINT}")
    for message in name_differences(database, docs):
        print(f"{PROGRAM}: note: {message}", file=sys.stderr)
    try:
        ids = save_meetings(database, list(zip(docs, sources, strict=True)), allow_duplicate=again)
    except ValidationError as error:
        raise UserError(f"{error.field}: {error.message}") from None
    except TextTooLongError as error:  # whose text it is: no second import would help
        raise UserError(str(error)) from None
    except NotSavedError as error:  # the same file named twice, or imported meanwhile
        raise UserError(f"{error}{AGAIN_HINT}") from None
    for meeting_id, doc in zip(ids, docs, strict=True):
        print(f"{meeting_id}\t{doc.date.isoformat()}\t{doc.display_title}")


def list_command(database: Database) -> None:
    for meeting in list_meetings(database):
        print(
            f"{meeting.id}\t{meeting.date.isoformat()}\t{meeting.board_abbreviation}\t{meeting.title}"
        )


def _one_line(text: str) -> str:
    """Tabs and line breaks would break the tab-separated output."""
    return " ".join(text.split())


def search_command(database: Database, words: Sequence[str], limit: int | None) -> None:
    from models.search import search  # noqa: PLC0415 (loaded by its command only)

    typed = " ".join(words)
    if not typed.strip():
        raise UserError("search: type a word to look for")
    hits = search(database, typed, limit=limit)
    for hit in hits:
        snippet = _one_line(hit.snippet_as("[", "]"))
        print(f"{hit.meeting_id}\t{hit.date.isoformat()}\t{_one_line(hit.title)}\t{snippet}")
    if not hits:  # said on stderr: the output stays rows only, for a script reading them
        print(f"{PROGRAM}: no meeting matches \u201c{typed}\u201d", file=sys.stderr)


def actions_command(database: Database, args: argparse.Namespace) -> None:
    from models.action_log import ActionFilter, action_log  # noqa: PLC0415 (loaded by its command only)

    action_filter = ActionFilter(
        statuses=frozenset({ActionStatus.OPEN}) if args.open else None,
        owner=args.owner,
        board=args.board,
    )
    try:
        entries = action_log(database, action_filter, refuse_unknown=True)
    except UnknownNamesError as error:
        raise _unknown_names_error(database, error.names) from None
    if args.out is not None:
        if args.out.suffix.lower() not in (".csv", ".docx"):
            raise UserError(f"{args.out}: the file name must end in .csv or .docx")
        from exporters.action_log import write_action_log  # noqa: PLC0415 (loads python-docx)

        try:
            write_action_log(entries, args.out, title="Action log", generated_on=dt.date.today())
        except ExportError as error:
            raise UserError(str(error)) from None
        print(args.out)
        return
    for entry in entries:
        due = entry.due.isoformat() if entry.due else ""
        print(
            f"{entry.id}\t{entry.meeting_date.isoformat()}\t{'/'.join(entry.owners)}"
            f"\t{entry.status.value}\t{due}\t{_one_line(entry.description)}"
        )


def _unknown_names_error(database: Database, unknown: dict[str, str]) -> UserError:
    """``--board`` or ``--owner`` naming nothing in the archive is refused (a typo), not
    answered with an empty log; ``--owner MPS/GLA`` is told that it takes one owner."""
    if "board" in unknown:
        return UserError(
            f"--board {unknown['board']}: no board has that abbreviation or name"
            f" in {database.describe()}"
        )
    owner = unknown["owner"]
    if OWNER_SEPARATOR in owner:
        first = next((part.strip() for part in owner.split(OWNER_SEPARATOR) if part.strip()), "")
        example = f" (--owner {first})" if first else ""
        return UserError(
            f"--owner {owner}: give one organisation's abbreviation{example}; it lists"
            " every action that organisation owns, alone or with others"
        )
    return UserError(
        f"--owner {owner}: no organisation has that abbreviation in {database.describe()}"
    )


def _require_editing(database: Database, doing: str) -> None:
    """A role that may only read is told so before anything is tried, not by a traceback."""
    if not may_edit(database):
        raise UserError(
            f"{database.describe()}: your database role may only read this archive; "
            f"{doing} needs a role that may edit"
        )


def copy_db_command(args: argparse.Namespace) -> None:
    """``copy-db --from URL --to URL``: the whole archive, checked afterwards."""
    from models.copy_archive import CopyError, copy_archive  # noqa: PLC0415 (loaded by its command only)

    source = open_database(args.source)
    try:
        target = open_database(args.target)
        try:
            _require_editing(target, "copying into it")
            report = copy_archive(source, target, replace=args.force)
        except CopyError as error:
            raise UserError(str(error)) from None
        finally:
            target.close()
    finally:
        source.close()
    rows = ", ".join(f"{count} {table}" for table, count in report.rows.items() if count)
    print(f"copied {rows or 'nothing (the source is empty)'} into {target.describe()}")
    print(f"checked: row counts, and searches for {', '.join(report.searches) or 'nothing'}")
