"""The command line: open the window, or import, export and list meetings in batch.

Every failure a user can cause ends with exit status 2 and one line on stderr that names the
file and the field; nothing is written when anything is refused.

A process runs one command, so each command imports what only it uses (reading JSON, search,
the action log, python-docx) when it runs: an export does not pay for the others' imports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from exporters.errors import ExportError
from exporters.files import is_public_note_name, suggested_file_name, write_atomically
from exporters.options import DEFAULT_LOGO_ALT_TEXT, ActionsMode
from models.connection import may_edit
from models.database import Database, DatabaseOpenError
from models.enums import ActionStatus, Audience, LayoutStyle
from models.meeting_doc import MeetingDoc
from models.publication import allowed_names, name_differences, person_names
from models.services import (
    NotFoundError,
    ValidationError,
    import_meetings,
    list_meetings,
    meeting_doc,
)
from rrb_desktop import version
from rrb_desktop.cli_backups import (
    COMMANDS as BACKUP_COMMANDS,
)
from rrb_desktop.cli_backups import (
    add_backup_commands,
    archive_exists,
    backup_if_first_start_today,
    run_backup_command,
    run_restore_command,
)
from rrb_desktop.cli_guard import PROGRAM, USAGE_ERROR, UserError, run_guarded
from rrb_desktop.launch import resume_collection
from rrb_desktop.logs import configure_logging
from rrb_desktop.paths import resolve_database

if TYPE_CHECKING:
    from exporters.prepublication import CheckedNote

log = logging.getLogger("rrb_desktop.cli")

SEARCH_LIMIT = 50
"""Matches ``search`` prints unless told otherwise: a common word matches thousands."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line, not argparse's usage block: scripts read the last line anyway."""
        self.exit(USAGE_ERROR, f"{self.prog}: {message} (see {PROGRAM} --help)\n")


class _Version(argparse.Action):
    """``--version``, looking the version up only when asked: every start builds the parser,
    and the lookup (``importlib.metadata``) would slow the window's."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        print(f"{PROGRAM} {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROGRAM,
        description="Minutes and Public Notes for the Reducing Reoffending Board. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    parser.add_argument(
        "--db",
        metavar="DB",
        help="database file or SQLAlchemy URL (default: $RRB_DATABASE_URL, "
        "else rrb.sqlite3 in your data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    importing = commands.add_parser(
        "import",
        help="import rrb-meeting JSON files (version 1 or 2), or published notes from Word files",
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

    _add_note_options(exporting)
    _add_check_command(commands)

    commands.add_parser("list", help="list meetings, newest first")

    searching = commands.add_parser(
        "search",
        help=f"full-text search; prints the {SEARCH_LIMIT} newest matching meetings",
    )
    searching.add_argument("query", nargs="+", metavar="QUERY", help="plain words; any text works")
    how_many = searching.add_mutually_exclusive_group()
    how_many.add_argument(
        "--limit",
        type=_positive_count,
        default=SEARCH_LIMIT,
        metavar="N",
        help=f"print the N newest matches (default {SEARCH_LIMIT})",
    )
    how_many.add_argument(
        "--all", dest="limit", action="store_const", const=None, help="print every match"
    )

    listing_actions = commands.add_parser("actions", help="the action log across meetings")
    listing_actions.add_argument("--open", action="store_true", help="only actions still open")
    listing_actions.add_argument("--owner", metavar="ABBR", help="owned by this organisation")
    listing_actions.add_argument("--board", metavar="ABBR", help="raised at this board")
    listing_actions.add_argument(
        "--out", type=Path, metavar="PATH", help="write the log to a .csv or .docx file instead"
    )
    add_backup_commands(commands)
    copying = commands.add_parser(
        "copy-db",
        help="copy a whole archive to another database (SQLite <-> PostgreSQL), ids kept",
    )
    copying.add_argument("--from", dest="source", required=True, metavar="URL", help="copy from")
    copying.add_argument("--to", dest="target", required=True, metavar="URL", help="copy into")
    copying.add_argument(
        "--force", action="store_true", help="replace whatever the target already holds"
    )
    return parser


def _positive_count(text: str) -> int:
    """``--limit``'s value: a whole number of meetings, at least one."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--limit takes a whole number, not {text!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError(f"--limit takes a number of 1 or more, not {count}")
    return count


def _open(location: str) -> Database:
    try:
        return Database.open(location)
    except DatabaseOpenError as error:
        raise UserError(str(error)) from None


def _import(database: Database, files: Sequence[Path]) -> None:
    from models.interchange import FormatError, read_meeting_file  # noqa: PLC0415 (loaded by its command only)

    _require_editing(database, "importing")
    docs = []
    for path in files:
        try:
            docs.append(read_meeting_file(path))
        except FormatError as error:
            raise UserError(f"{path}: {error}") from None
    database.verify()  # never write into a damaged file
    for message in name_differences(database, docs):
        print(f"{PROGRAM}: note: {message}", file=sys.stderr)
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
            from models.interchange import dumps_meeting  # noqa: PLC0415 (loaded by its command only)

            write_atomically(out, dumps_meeting(doc).encode("utf-8"))
        else:
            _export_docx(database, doc, out, args)
    except ExportError as error:
        raise UserError(str(error)) from None
    print(out)


# --- the public note: export options, the pre-publication check -----------------------------


def _add_note_options(parser: argparse.ArgumentParser) -> None:
    """Options the Word export and the check share besides layout, template and logo."""
    parser.add_argument(
        "--actions",
        choices=[mode.value for mode in ActionsMode],
        help="how actions print: per-item, summary or none (default: as the layout's notes)",
    )
    parser.add_argument(
        "--no-edited-notice",
        dest="edited_notice",
        action="store_false",
        help="leave out 'This note has been edited for publication.' when items are left out",
    )


def _add_check_command(commands: Any) -> None:
    checking = commands.add_parser(
        "check",
        help="pre-publication check of a meeting's public note: KIND<TAB>WHERE<TAB>TEXT a line;"
        " exit 0 when nothing is found, 1 when something is",
    )
    checking.add_argument("meeting_id", type=int, metavar="ID")
    checking.add_argument(
        "--style",
        choices=[style.value for style in LayoutStyle],
        metavar="KEY",
        help="layout: " + ", ".join(style.value for style in LayoutStyle),
    )
    checking.add_argument("--template", type=Path, metavar="FILE", help="your Word template")
    checking.add_argument("--logo", type=Path, metavar="IMAGE", help="logo for the page header")
    _add_note_options(checking)


def _checked(database: Database, doc: MeetingDoc, args: argparse.Namespace) -> CheckedNote:
    """The public note as ``args`` would export it, and the check's findings (or UserError)."""
    # python-docx loads only for an export or a check: the other commands start without it.
    from exporters.docx_export import TemplateStyleWarning  # noqa: PLC0415
    from exporters.prepublication import check_public_note  # noqa: PLC0415

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TemplateStyleWarning)
        try:
            checked = check_public_note(
                doc,
                LayoutStyle(args.style) if args.style else None,
                template=args.template,
                logo=args.logo,
                logo_alt_text=getattr(args, "logo_alt", DEFAULT_LOGO_ALT_TEXT),
                actions=ActionsMode(args.actions) if args.actions else None,
                edited_notice=args.edited_notice,
                people=person_names(database),
                allowed=allowed_names(database, args.meeting_id),
            )
        except ExportError as error:
            raise UserError(str(error)) from None
    for warning in caught:  # one line each, not Python's file:line report
        print(f"{PROGRAM}: warning: {warning.message}", file=sys.stderr)
    return checked


def _check(database: Database, args: argparse.Namespace) -> int:
    try:
        doc = meeting_doc(database, args.meeting_id)
    except NotFoundError:
        raise UserError(f"no meeting has the ID {args.meeting_id} (see {PROGRAM} list)") from None
    findings = _checked(database, doc, args).findings
    for finding in findings:
        print(finding.line)
    return 1 if findings else 0


def _export_docx(database: Database, doc: MeetingDoc, out: Path, args: argparse.Namespace) -> None:
    """A public note is checked first, its findings printed as warnings; then it is written."""
    from exporters.docx_export import (  # noqa: PLC0415 (python-docx loads only to export)
        TemplateStyleWarning,
        export_docx,
        write_document,
    )

    style = LayoutStyle(args.style) if args.style else None
    audience = Audience(args.audience)
    if is_public_note_name(out, doc, style or doc.style, audience):
        raise UserError(
            f"{out}: that is the public note's file name; save the internal record under"
            f" another (for example {suggested_file_name(doc, style or doc.style, audience)})"
        )
    if audience is Audience.PUBLIC:
        checked = _checked(database, doc, args)
        for finding in checked.findings:
            print(f"{PROGRAM}: warning: {finding.line}", file=sys.stderr)
        write_document(checked.note.document, out)
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TemplateStyleWarning)
        export_docx(
            doc,
            out,
            style,
            audience=audience,
            template=args.template,
            logo=args.logo,
            logo_alt_text=args.logo_alt,
            actions=ActionsMode(args.actions) if args.actions else None,
            edited_notice=args.edited_notice,
        )
    for warning in caught:
        print(f"{PROGRAM}: warning: {warning.message}", file=sys.stderr)


def _list(database: Database) -> None:
    for meeting in list_meetings(database):
        print(
            f"{meeting.id}\t{meeting.date.isoformat()}\t{meeting.board_abbreviation}\t{meeting.title}"
        )


def _one_line(text: str) -> str:
    """Tabs and line breaks would break the tab-separated output."""
    return " ".join(text.split())


def _search(database: Database, words: Sequence[str], limit: int | None) -> None:
    from models.search import search  # noqa: PLC0415 (loaded by its command only)

    for hit in search(database, " ".join(words), limit=limit):
        snippet = _one_line(hit.snippet_as("[", "]"))
        print(f"{hit.meeting_id}\t{hit.date.isoformat()}\t{_one_line(hit.title)}\t{snippet}")


def _actions(database: Database, args: argparse.Namespace) -> None:
    from models.action_log import ActionFilter, action_log  # noqa: PLC0415 (loaded by its command only)

    action_filter = ActionFilter(
        statuses=frozenset({ActionStatus.OPEN}) if args.open else None,
        owner=args.owner,
        board=args.board,
    )
    entries = action_log(database, action_filter)
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


def _require_editing(database: Database, doing: str) -> None:
    """A role that may only read is told so before anything is tried, not by a traceback."""
    if not may_edit(database):
        raise UserError(
            f"{database.describe()}: your database role may only read this archive; "
            f"{doing} needs a role that may edit"
        )


def _copy_db(args: argparse.Namespace) -> None:
    """``copy-db --from URL --to URL``: the whole archive, checked afterwards."""
    from models.copy_archive import CopyError, copy_archive  # noqa: PLC0415 (loaded by its command only)

    source = _open(args.source)
    try:
        target = _open(args.target)
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        # Qt loads only for the window, so batch commands start fast and run without a display.
        from rrb_desktop.app import run_window  # noqa: PLC0415

        return run_window(args.db)  # None: the server chosen in File > Settings, if any
    resume_collection()  # the command's modules are loaded (see rrb_desktop.launch)
    location = resolve_database(args.db)
    configure_logging()
    log.info("%s %s: %s on %s", PROGRAM, version(), args.command, location)
    return run_guarded(location, lambda: _run(location, args), name=args.command)


def _run(location: str, args: argparse.Namespace) -> int:
    """The command's exit status when it has one of its own (``check``: 1 for findings)."""
    if args.command in BACKUP_COMMANDS:
        run = run_backup_command if args.command == "backup" else run_restore_command
        run(location, args)
        return 0
    if args.command == "copy-db":
        _copy_db(args)
        return 0
    archive_existed = archive_exists(location)
    database = _open(location)
    status = 0
    try:
        if archive_existed:
            backup_if_first_start_today(location)
        if args.command == "import":
            from rrb_desktop.word_import_cli import (  # noqa: PLC0415 (loads python-docx)
                import_word_files,
                split_import_paths,
            )

            json_files, word_paths = split_import_paths(args.files)
            if json_files:
                _import(database, json_files)
            if word_paths and not import_word_files(database, word_paths, again=args.again):
                status = USAGE_ERROR
        elif args.command == "export":
            _export(database, args)
        elif args.command == "check":
            status = _check(database, args)
        elif args.command == "list":
            _list(database)
        elif args.command == "search":
            _search(database, args.query, args.limit)
        elif args.command == "actions":
            _actions(database, args)
    finally:
        database.close()
    return status
