"""The command line: open the window, or import, export and list meetings in batch.

Every failure a user can cause ends with exit status 2 and one line on stderr that names the
file and the field; nothing is written when anything is refused.

A process runs one command, so each command imports what only it uses (reading JSON, search,
the action log, python-docx) when it runs: an export does not pay for the others' imports.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from exporters.options import DEFAULT_LOGO_ALT_TEXT, ActionsMode
from models.archive_file import ArchiveFileError, sqlite_file_of
from models.direct_read import DirectReadError, archive_reader
from models.enums import Audience, LayoutStyle
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
from rrb_desktop.cli_note import NOTE_COMMANDS, run_note_command
from rrb_desktop.launch import resume_collection
from rrb_desktop.logs import configure_logging
from rrb_desktop.paths import resolve_database

TYPE_CHECKING = False  # typing's, without loading typing at run time (mypy takes it as True)
if TYPE_CHECKING:
    from typing import Any, NoReturn

log = logging.getLogger("rrb_desktop.cli")

SEARCH_LIMIT = 50
"""Matches ``search`` prints unless told otherwise: a common word matches thousands."""


def _as_written(text: str) -> str:
    return text


# argparse looks each of its own texts ("options", "show this help message and exit" ...) up
# in the system's translations as it makes a parser, through gettext: every lookup reads the
# language settings and searches the locale folders, and the first loads the locale module,
# a cost to every command. Python ships no translation of them, and the command's own texts
# are English, so they print as written: the same words, without the search.
argparse._ = _as_written  # type: ignore[attr-defined]  # (argparse's gettext; no stub for it)


class _SizedWhenPrinted(argparse.HelpFormatter):
    """argparse's formatter, which asks the terminal's width when it lays text out, not when
    it is made.

    argparse makes a formatter for each option it adds (to check the option's metavar),
    and argparse's own asks the width as it is made, which imports ``shutil`` (and bz2 and
    lzma with it): a cost to every command that nothing else in one needs. Text is laid
    out only in ``format_help`` (help, usage, ``--version``); there the width is what
    argparse's own formatter, made then, has, so what is printed is unchanged.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
        **more: Any,  # what later versions of argparse add, passed on as they give it
    ) -> None:
        self._width_given = width
        self._max_help_position_asked = max_help_position
        laid_out_width = 0 if width is None else width  # replaced in format_help
        super().__init__(prog, indent_increment, max_help_position, laid_out_width, **more)

    def format_help(self) -> str:
        if self._width_given is None:
            sized = argparse.HelpFormatter(
                self._prog, self._indent_increment, self._max_help_position_asked
            )
            self._width, self._max_help_position = sized._width, sized._max_help_position
            self._width_given = self._width
        return super().format_help()


class _Parser(argparse.ArgumentParser):
    words_may_begin_with_a_dash = False
    """Set for a command whose arguments are words a person typed (``search``): there
    ``-prison`` is a word, as the search syntax says, not an option argparse does not know.
    Its options are ``--`` ones (and ``-h``), which are still options."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _SizedWhenPrinted)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """One line, not argparse's usage block: scripts read the last line anyway."""
        self.exit(USAGE_ERROR, f"{self.prog}: {message} (see {PROGRAM} --help)\n")

    def _parse_optional(self, arg_string: str) -> Any:
        """None (a positional argument) for a word that begins with one ``-``, when
        :attr:`words_may_begin_with_a_dash`; otherwise as argparse decides. (Its return value
        differs between Python versions; None means "positional" in all of them.)"""
        if (
            self.words_may_begin_with_a_dash
            and arg_string.startswith("-")
            and not arg_string.startswith("--")
            and arg_string not in self._option_string_actions
        ):
            return None
        return super()._parse_optional(arg_string)


if TYPE_CHECKING:
    _CommandsAction = argparse._SubParsersAction[_Parser]
else:  # generic for the type checker only
    _CommandsAction = argparse._SubParsersAction


class _Commands(_CommandsAction):
    """The commands, each one's parser made (and its options added) when that command runs
    or shows its help.

    A process runs one command, and argparse looks each of its own texts up in the
    translations as a parser is made and an option is added: making every command's parser
    with its options took longer than parsing the chosen one's. The list of commands
    (``--help``) and the names accepted are complete as before; the chosen command's parser
    is made by argparse's own ``add_parser`` before it parses, so its usage, help and errors
    are unchanged.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._options: dict[str, Callable[[argparse.ArgumentParser], None]] = {}
        # Every command's name, its parser made or not: argparse checks the name given is in
        # it and lists them when it is not (typeshed takes it for the map of parsers).
        self.choices = self._options.keys()  # type: ignore[assignment]

    def add_command(
        self, name: str, help: str, options: Callable[[argparse.ArgumentParser], None]
    ) -> None:
        """``name`` in the list of commands; its parser, and ``options(that parser)``, once
        it is chosen."""
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help))
        self._options[name] = options

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        if isinstance(values, list):  # always: the command's name (checked), then its arguments
            name = values[0]
            if name not in self._name_parser_map:
                self._options[name](self.add_parser(name))  # no help: it is listed already
        super().__call__(parser, namespace, values, option_string)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROGRAM,
        description="Minutes and Public Notes for the Reducing Reoffending Board. "
        "With no command, opens the window.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROGRAM} {version()}",
        help="show the version and exit",
    )
    parser.add_argument(
        "--db",
        metavar="DB",
        help="database file or SQLAlchemy URL (default: $RRB_DATABASE_URL, "
        "else rrb.sqlite3 in your data folder)",
    )
    commands = parser.add_subparsers(
        # prog: what argparse would lay out (the program, as no argument comes before the
        # command), given so that it need not lay it out at every start (_SizedWhenPrinted)
        prog=PROGRAM,
        dest="command",
        metavar="COMMAND",
        parser_class=_Parser,
        action=_Commands,
    )
    assert isinstance(commands, _Commands)  # (typeshed types it as argparse's own class)
    commands.add_command(
        "import",
        "import rrb-meeting JSON files (version 1 or 2), or published notes from Word files",
        _import_options,
    )
    commands.add_command("export", "export a meeting to .docx or .json", _export_options)
    commands.add_command(
        "check",
        "pre-publication check of a meeting's public note: KIND<TAB>WHERE<TAB>TEXT a line;"
        " exit 0 when nothing is found, 1 when something is",
        _check_options,
    )
    commands.add_command("list", "list meetings, newest first", _no_options)
    commands.add_command(
        "search",
        f"full-text search; prints the {SEARCH_LIMIT} newest matching meetings",
        _search_options,
    )
    commands.add_command("actions", "the action log across meetings", _actions_options)
    add_backup_commands(commands)
    commands.add_command(
        "copy-db",
        "copy a whole archive to another database (SQLite <-> PostgreSQL), ids kept",
        _copy_options,
    )
    return parser


def _no_options(parser: argparse.ArgumentParser) -> None:
    """``list`` takes none."""


def _import_options(importing: argparse.ArgumentParser) -> None:
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE.json|FILE.docx|FOLDER")
    importing.add_argument(
        "--again",
        action="store_true",
        help="import a file even if it was imported before, or its meeting (same board, date"
        " and title) is in the archive already: a copy beside it",
    )
    importing.add_argument(
        "--accept-guesses",
        action="store_true",
        help="save a Word note that needs review as a draft meeting, its guesses unchecked"
        " (by default it is listed with its guesses and not saved)",
    )


def _export_options(exporting: argparse.ArgumentParser) -> None:
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


def _search_options(searching: argparse.ArgumentParser) -> None:
    assert isinstance(searching, _Parser)  # (every command's parser is one)
    searching.words_may_begin_with_a_dash = True  # search -prison: the word, as README says
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


def _actions_options(listing_actions: argparse.ArgumentParser) -> None:
    listing_actions.add_argument("--open", action="store_true", help="only actions still open")
    listing_actions.add_argument(
        "--owner",
        metavar="ABBR",
        help="owned by this one organisation, alone or with others (MPS, not MPS/GLA)",
    )
    listing_actions.add_argument(
        "--board", metavar="ABBR", help="raised at this board (its abbreviation or name)"
    )
    listing_actions.add_argument(
        "--out", type=Path, metavar="PATH", help="write the log to a .csv or .docx file instead"
    )


def _copy_options(copying: argparse.ArgumentParser) -> None:
    copying.add_argument("--from", dest="source", required=True, metavar="URL", help="copy from")
    copying.add_argument("--to", dest="target", required=True, metavar="URL", help="copy into")
    copying.add_argument(
        "--force", action="store_true", help="replace whatever the target already holds"
    )


def _positive_count(text: str) -> int:
    """``--limit``'s value: a whole number of meetings, at least one."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--limit takes a whole number, not {text!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError(f"--limit takes a number of 1 or more, not {count}")
    return count


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


def _check_options(checking: argparse.ArgumentParser) -> None:
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


READING_COMMANDS = ("list", "search", "export", "check", "actions", "backup")
"""Commands that only read the archive: on a file that is not there they refuse, since
opening it would create a new, empty archive, and a mistyped ``--db`` would then look like
"all my meetings are gone". ``import`` (and the window, with its first start) may create it."""


def _require_archive(location: str) -> None:
    archive = sqlite_file_of(location)
    if archive is not None and not archive.exists():
        raise UserError(
            f"no archive at {location}; to start a new one, import meetings into it"
            f" ({PROGRAM} --db {location} import FILE) or open it in the window"
        )


def _run(location: str, args: argparse.Namespace) -> int:
    """The command's exit status when it has one of its own (``check``: 1 for findings)."""
    if args.command in READING_COMMANDS:
        _require_archive(location)
    if args.command in BACKUP_COMMANDS:
        run = run_backup_command if args.command == "backup" else run_restore_command
        run(location, args)
        return 0
    backed_up = False
    if args.command in NOTE_COMMANDS:
        status, backed_up = _run_note_command_directly(location, args)
        if status is not None:
            return status
    from rrb_desktop.cli_archive import run_database_command  # noqa: PLC0415 (SQLAlchemy: see the module)

    return run_database_command(location, args, daily_backup=not backed_up)


def _run_note_command_directly(location: str, args: argparse.Namespace) -> tuple[int | None, bool]:
    """``export`` or ``check`` of an SQLite archive file read without the ORM
    (``models.direct_read``): a process that need not import SQLAlchemy starts several
    times faster. Its exit status, or None when the file is not one to read so (a server,
    a new, older or newer archive, a value only the ORM reads): the caller then opens it
    the usual way. The second value says whether the day's backup was tried already, so
    that it is not tried (and its warning printed) twice."""
    archive = sqlite_file_of(location)
    if archive is None or not archive_exists(location):
        return None, False
    backed_up = False
    try:
        # The reader asks whether the day's backup (and the check of every page) is due,
        # and only then is the backup tried: on the day's first start, when it lists the
        # backups and reads the archive's identity again for itself.
        with archive_reader(archive) as reader:
            if reader.pages_checked:
                backup_if_first_start_today(location)
            backed_up = True
            return run_note_command(reader, args), backed_up
    except ArchiveFileError as error:  # damaged, or not an archive: as Database.open says it
        raise UserError(str(error)) from None
    except DirectReadError as error:
        log.info("reading %s through the database engine: %s", archive, error)
        return None, backed_up
