"""The command line's parser: every command listed, and each command's own options there when
it runs, although they are added only then (``rrb_desktop.cli._Commands``)."""

from __future__ import annotations

import gettext

import pytest

from rrb_desktop.cli import build_parser

COMMANDS = (
    "import",
    "export",
    "check",
    "list",
    "search",
    "actions",
    "backup",
    "restore",
    "copy-db",
)


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """argparse wraps its help to the terminal's width: none here, whatever runs the tests."""
    monkeypatch.setenv("COLUMNS", "300")


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as ended:
        build_parser().parse_args([*args, "--help"])
    assert ended.value.code == 0
    return capsys.readouterr().out


def test_the_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    shown = _help(capsys)
    listed = shown.split("COMMAND\n", 1)[1].split("\n\noptions:", 1)[0]
    assert [line.split()[0] for line in listed.splitlines()] == list(COMMANDS)


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("import", "[-h] [--again] [--accept-guesses]"),
        ("export", "[-h] --out PATH [--style KEY] [--audience {public,internal}]"),
        ("check", "[-h] [--style KEY] [--template FILE] [--logo IMAGE]"),
        ("list", "[-h]\n"),
        ("search", "[-h] [--limit N | --all] QUERY [QUERY ...]"),
        ("actions", "[-h] [--open] [--owner ABBR] [--board ABBR] [--out PATH]"),
        ("backup", "[-h] [--out FILE|FOLDER]"),
        ("restore", "[-h] FILE"),
        ("copy-db", "[-h] --from URL --to URL [--force]"),
    ],
)
def test_each_command_shows_its_own_options(
    capsys: pytest.CaptureFixture[str], command: str, usage: str
) -> None:
    assert _help(capsys, command).startswith(f"usage: rrb-desktop {command} {usage}")


def test_a_command_parses_with_its_options_and_their_defaults() -> None:
    args = build_parser().parse_args(["--db", "a.sqlite3", "export", "7", "--out", "n.docx"])
    assert (args.db, args.command, args.meeting_id, str(args.out)) == (
        "a.sqlite3",
        "export",
        7,
        "n.docx",
    )
    assert (args.audience, args.style, args.edited_notice) == ("public", None, True)
    searching = build_parser().parse_args(["search", "board", "--all"])
    assert (searching.query, searching.limit) == (["board"], None)


def test_an_option_of_another_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        build_parser().parse_args(["list", "--open"])
    assert ended.value.code == 2
    assert capsys.readouterr().err == (
        "rrb-desktop: unrecognized arguments: --open (see rrb-desktop --help)\n"
    )


@pytest.mark.parametrize(
    ("typed", "query", "limit"),
    [
        (["-prison"], ["-prison"], 50),
        (["-hostel", "--limit", "2"], ["-hostel"], 2),
        (["--all", "co-location", "-prison", "-"], ["co-location", "-prison", "-"], None),
        (["-a", "-l"], ["-a", "-l"], 50),
        (["--", "-prison"], ["-prison"], 50),
        (["--", "--all"], ["--all"], 50),
    ],
)
def test_a_search_word_may_begin_with_a_dash(
    typed: list[str], query: list[str], limit: int | None
) -> None:
    searching = build_parser().parse_args(["search", *typed])
    assert (searching.query, searching.limit) == (query, limit)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ([], "the following arguments are required: QUERY"),
        (["--limit", "2"], "the following arguments are required: QUERY"),
        (["board", "--alll"], "unrecognized arguments: --alll"),
    ],
)
def test_a_search_without_words_or_with_a_mistyped_option_is_refused(
    capsys: pytest.CaptureFixture[str], typed: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as ended:
        build_parser().parse_args(["search", *typed])
    assert ended.value.code == 2
    assert message in capsys.readouterr().err


def test_a_word_beginning_with_a_dash_is_still_refused_where_no_words_are_taken(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as ended:
        build_parser().parse_args(["list", "-prison"])
    assert ended.value.code == 2
    assert "unrecognized arguments: -prison" in capsys.readouterr().err


def test_a_command_is_read_without_looking_anything_up_in_the_translations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """argparse's own texts print as written (``rrb_desktop.cli``): each lookup searched the
    locale folders, as every command started."""
    looked_up: list[str] = []

    def look_up(domain: str | None, message: str) -> str:
        looked_up.append(message)
        return message

    monkeypatch.setattr(gettext, "dgettext", look_up)
    build_parser().parse_args(["export", "1", "--out", "note.docx"])
    assert looked_up == []
