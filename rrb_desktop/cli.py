"""The command line: open the window, or import, export and list meetings in batch.

Every failure a user can cause ends with exit status 2 and one line on stderr that names the
file and the field; nothing is written when anything is refused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from exporters.action_log import write_action_log
from exporters.docx_export import (
    DEFAULT_LOGO_ALT_TEXT,
    ExportError,
    TemplateStyleWarning,
    export_docx,
)
from exporters.files import write_atomically
from models.action_log import ActionFilter, action_log
from models.database import Database, DatabaseOpenError
from models.enums import ActionStatus, Audience, LayoutStyle
from models.interchange import FormatError, dumps_meeting, read_meeting_file
from models.search import search
from models.services import (
    NotFoundError,
    ValidationError,
    import_meetings,
    list_meetings,
    meeting_doc,
)
from rrb_desktop import __version__
from rrb_desktop.logs import configure_logging, log_file
from rrb_desktop.paths import resolve_database
from rrb_desktop.word_import_cli import import_word_files, split_import_paths

PROGRAM = "rrb-desktop"
USAGE_ERROR = 2
UNEXPECTED_ERROR = 1

log = logging.getLogger("rrb_desktop.cli")


class UserError(Exception):
    """Something the user can fix; printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line, not argparse's usage block: scripts read the last line anyway."""
        self.exit(USAGE_ERROR, f"{self.prog}: {message} (see {PROGRAM} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROGRAM,
        description="Minutes and Public Notes for the Reducing Reoffending Board. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{PROGRAM} {__version__}")
    parser.add_argument(
        "--db",
        metavar="DB",
        help="database file or SQLAlchemy URL (default: $RRB_DATABASE_URL, "
        "else rrb.sqlite3 in your data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    importing = commands.add_parser(
        "import", help="import rrb-meeting/1 JSON files, or published notes from Word files"
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE.json|FILE.docx|FOLDER")
    importing.add_argument(
        "--again", action="store_true", help="import a Word file even if it was imported before"
    )

    exporting = commands.add_parser("export", help="export a meeting to .docx or .json")
    exporting.add_argument("meeting_id", type=int, metavar="ID")
    exporting.add_argument("--out", required=True, type=Path, metavar="PATH")
    exporting.add_argument(
        "--style",
        choices=[style.value for style in LayoutStyle],
        metavar="KEY",
        help="layout: " + ", ".join(style.value for style in LayoutStyle),
    )
    exporting.add_argument(
        "--audience",
        choices=[audience.value for audience in Audience],
        default=Audience.PUBLIC.value,
        help="public (default: organisations only, no confidential items) or internal",
    )
    exporting.add_argument(
        "--template", type=Path, metavar="FILE", help="your own Word template (.docx or .dotx)"
    )
    exporting.add_argument(
        "--logo", type=Path, metavar="IMAGE", help="logo for the page header (PNG, JPEG ...)"
    )
    exporting.add_argument(
        "--logo-alt",
        metavar="TEXT",
        default=DEFAULT_LOGO_ALT_TEXT,
        help="what the logo shows, for screen readers",
    )

    commands.add_parser("list", help="list meetings, newest first")

    searching = commands.add_parser(
        "search", help="full-text search; prints the matching meetings, best first"
    )
    searching.add_argument("query", nargs="+", metavar="QUERY", help="plain words; any text works")

    listing_actions = commands.add_parser("actions", help="the action log across meetings")
    listing_actions.add_argument("--open", action="store_true", help="only actions still open")
    listing_actions.add_argument("--owner", metavar="ABBR", help="owned by this organisation")
    listing_actions.add_argument("--board", metavar="ABBR", help="raised at this board")
    listing_actions.add_argument(
        "--out", type=Path, metavar="PATH", help="write the log to a .csv or .docx file instead"
    )
    return parser


def _open(location: str) -> Database:
    try:
        return Database.open(location)
    except DatabaseOpenError as error:
        raise UserError(str(error)) from None


def _import(database: Database, files: Sequence[Path]) -> None:
    docs = []
    for path in files:
        try:
            docs.append(read_meeting_file(path))
        except FormatError as error:
            raise UserError(f"{path}: {error}") from None
    try:
        ids = import_meetings(database, docs)
    except ValidationError as error:
        raise UserError(f"{error.field}: {error.message}") from None
    for meeting_id, doc in zip(ids, docs, strict=True):
        print(f"{meeting_id}\t{doc.date.isoformat()}\t{doc.display_title}")


def _export(database: Database, args: argparse.Namespace) -> None:
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".json"):
        raise UserError(f"{out}: the file name must end in .docx or .json")
    try:
        doc = meeting_doc(database, args.meeting_id)
    except NotFoundError:
        raise UserError(f"no meeting has the ID {args.meeting_id} (see {PROGRAM} list)") from None
    try:
        if suffix == ".json":
            write_atomically(out, dumps_meeting(doc).encode("utf-8"))
        else:
            style = LayoutStyle(args.style) if args.style else None
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", TemplateStyleWarning)
                export_docx(
                    doc,
                    out,
                    style,
                    audience=Audience(args.audience),
                    template=args.template,
                    logo=args.logo,
                    logo_alt_text=args.logo_alt,
                )
            for warning in caught:  # one line each, not Python's file:line report
                print(f"{PROGRAM}: warning: {warning.message}", file=sys.stderr)
    except ExportError as error:
        raise UserError(str(error)) from None
    print(out)


def _list(database: Database) -> None:
    for meeting in list_meetings(database):
        print(
            f"{meeting.id}\t{meeting.date.isoformat()}\t{meeting.board_abbreviation}\t{meeting.title}"
        )


def _one_line(text: str) -> str:
    """Tabs and line breaks would break the tab-separated output."""
    return " ".join(text.split())


def _search(database: Database, words: Sequence[str]) -> None:
    for hit in search(database, " ".join(words), limit=None):
        snippet = _one_line(hit.snippet_as("[", "]"))
        print(f"{hit.meeting_id}\t{hit.date.isoformat()}\t{_one_line(hit.title)}\t{snippet}")


def _actions(database: Database, args: argparse.Namespace) -> None:
    action_filter = ActionFilter(
        statuses=frozenset({ActionStatus.OPEN}) if args.open else None,
        owner=args.owner,
        board=args.board,
    )
    entries = action_log(database, action_filter)
    if args.out is not None:
        if args.out.suffix.lower() not in (".csv", ".docx"):
            raise UserError(f"{args.out}: the file name must end in .csv or .docx")
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    location = resolve_database(args.db)
    if args.command is None:
        # Qt loads only for the window, so batch commands start fast and run without a display.
        from rrb_desktop.app import run_window  # noqa: PLC0415

        return run_window(location)
    configure_logging()
    log.info("%s %s: %s on %s", PROGRAM, __version__, args.command, location)
    try:
        database = _open(location)
        try:
            if args.command == "import":
                json_files, word_paths = split_import_paths(args.files)
                if json_files:
                    _import(database, json_files)
                if word_paths and not import_word_files(database, word_paths, again=args.again):
                    return USAGE_ERROR
            elif args.command == "export":
                _export(database, args)
            elif args.command == "list":
                _list(database)
            elif args.command == "search":
                _search(database, args.query)
            elif args.command == "actions":
                _actions(database, args)
        finally:
            database.close()
    except UserError as error:
        log.warning("%s refused: %s", args.command, error)
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return USAGE_ERROR
    except Exception as error:  # a bug, not the user's input: one line here, the trace logged
        log.exception("%s failed unexpectedly", args.command)
        print(
            f"{PROGRAM}: unexpected error: {type(error).__name__}: {error}"
            f" (details in {log_file()})",
            file=sys.stderr,
        )
        return UNEXPECTED_ERROR
    log.info("%s done", args.command)
    return 0
