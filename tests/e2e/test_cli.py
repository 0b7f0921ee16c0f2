"""The command line as a script would use it: real process, real files, exit codes."""

from __future__ import annotations

import csv
import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from models.database import Database
from models.services import meeting_count
from tests.conftest import EXAMPLES, PROJECT_ROOT, SAMPLE_MEETING


def rrb(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rrb_desktop", *map(str, args)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def imported_id(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\t")[0]


def test_import_then_export_json_gives_back_the_same_content(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    result = rrb("--db", db, "import", SAMPLE_MEETING)
    meeting_id = imported_id(result)
    assert result.stdout == f"{meeting_id}\t2025-06-19\tPublic Note\n"
    back = tmp_path / "back.json"
    assert rrb("--db", db, "export", meeting_id, "--out", back).returncode == 0
    assert json.loads(back.read_text(encoding="utf-8")) == json.loads(
        SAMPLE_MEETING.read_text(encoding="utf-8")
    )


def test_export_docx_writes_a_file_python_docx_reopens(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    meeting_id = imported_id(rrb("--db", db, "import", SAMPLE_MEETING))
    note = tmp_path / "note.docx"
    result = rrb("--db", db, "export", meeting_id, "--out", note, "--style", "note-of-meeting")
    assert result.returncode == 0, result.stderr
    text = "\n".join(p.text for p in docx.Document(str(note)).paragraphs)
    assert "Note of Meeting" in text
    assert "Welcome & Apologies" in text


def test_list_is_newest_first_with_board_and_title(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    files = sorted(EXAMPLES.glob("*.json"))
    result = rrb("--db", db, "import", *files)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(files)
    listing = rrb("--db", db, "list").stdout.splitlines()
    dates = [line.split("\t")[1] for line in listing]
    assert dates == sorted(dates, reverse=True)
    assert listing[0].split("\t")[2:] == ["RRB", "Public Note"]


def test_database_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite3"
    imported_id(rrb("import", SAMPLE_MEETING, env={"RRB_DATABASE_URL": f"sqlite:///{db}"}))
    assert db.exists()


def _broken_copy(tmp_path: Path, change: str) -> Path:
    data = json.loads(SAMPLE_MEETING.read_text(encoding="utf-8"))
    if change == "date":
        data["date"] = "2024-02-30"
    elif change == "style":
        data["style"] = "minutes-of-doom"
    elif change == "attendee":
        data["attendees"][0]["organisation"] = "XYZ"
    path = tmp_path / f"{change}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("malformed", "not valid JSON (line 1, column"),
        ("style", "style: 'minutes-of-doom' is not one of"),
        ("attendee", "attendees[0].organisation: 'XYZ' is not listed in organisations"),
        ("date", "date: '2024-02-30' is not a real date"),
    ],
)
def test_bad_files_exit_2_with_one_line_and_write_nothing(
    tmp_path: Path, case: str, message: str
) -> None:
    db = tmp_path / "x.sqlite3"
    imported_id(rrb("--db", db, "import", SAMPLE_MEETING))
    before = rrb("--db", db, "list").stdout
    if case == "malformed":
        bad = tmp_path / "malformed.json"
        bad.write_text('{"format": "rrb-meeting/1",', encoding="utf-8")
    else:
        bad = _broken_copy(tmp_path, case)
    # A good file alongside the bad one is not imported either: all or nothing.
    result = rrb("--db", db, "import", SAMPLE_MEETING, bad)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(bad) in lines[0]
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert rrb("--db", db, "list").stdout == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "999", "--out", "{tmp}/x.docx"], "no meeting has the ID 999"),
        (["export", "1", "--out", "{tmp}/x.pdf"], "must end in .docx or .json"),
        (["export", "1", "--out", "{tmp}/no/such/folder/x.docx"], "does not exist"),
        (["export", "1", "--out", "{tmp}/x.docx", "--style", "fancy"], "invalid choice: 'fancy'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_command_mistakes_exit_2_with_one_line(
    tmp_path: Path, args: list[str], message: str
) -> None:
    db = tmp_path / "meetings.sqlite3"
    imported_id(rrb("--db", db, "import", SAMPLE_MEETING))
    result = rrb("--db", db, *(arg.format(tmp=tmp_path) for arg in args))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert message in result.stderr
    assert list(tmp_path.glob("**/x.*")) == []


def test_a_corrupt_database_exits_2_and_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "broken.sqlite3"
    db.write_bytes(b"\x00garbage" * 512)
    result = rrb("--db", db, "list")
    assert result.returncode == 2
    assert "is not an rrb_desktop archive" in result.stderr
    assert db.read_bytes() == b"\x00garbage" * 512


def test_version(tmp_path: Path) -> None:
    result = rrb("--version")
    assert result.returncode == 0
    assert result.stdout == f"rrb-desktop {importlib.metadata.version('rrb-desktop')}\n"


def test_imports_land_in_the_database_the_window_would_open(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    imported_id(rrb("--db", db, "import", SAMPLE_MEETING))
    database = Database.open(str(db))
    try:
        assert meeting_count(database) == 1
    finally:
        database.close()


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published examples imported together (shared: the tests only read it)."""
    db = tmp_path_factory.mktemp("examples") / "examples.sqlite3"
    result = rrb("--db", db, "import", *sorted(EXAMPLES.glob("*.json")))
    assert result.returncode == 0, result.stderr
    return db


def test_search_co_location_finds_exactly_the_2024_and_2025_meetings(examples_db: Path) -> None:
    result = rrb("--db", examples_db, "search", "co-location")
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert sorted(row[1] for row in rows) == ["2024-02-29", "2025-03-20"]
    assert all(len(row) == 4 and "[co-location]" in row[3] for row in rows)


@pytest.mark.parametrize("typed", ['"', "*", "AND", "NEAR(", "'", "co-location AND"])
def test_search_takes_any_text(examples_db: Path, typed: str) -> None:
    result = rrb("--db", examples_db, "search", typed)
    assert result.returncode == 0
    assert result.stderr in ("", f"rrb-desktop: no meeting matches \u201c{typed}\u201d\n")


def test_search_says_when_nothing_matches_and_refuses_no_words(examples_db: Path) -> None:
    """A tester's ``search zzzz`` and ``search ""`` printed nothing at all."""
    nothing = rrb("--db", examples_db, "search", "zzzz")
    assert (nothing.returncode, nothing.stdout) == (0, "")
    assert nothing.stderr == "rrb-desktop: no meeting matches \u201czzzz\u201d\n"
    empty = rrb("--db", examples_db, "search", " ")
    assert (empty.returncode, empty.stdout) == (2, "")
    assert empty.stderr == "rrb-desktop: search: type a word to look for\n"


def test_search_takes_a_word_beginning_with_a_dash_as_the_word(examples_db: Path) -> None:
    word = rrb("--db", examples_db, "search", "prison")
    assert word.returncode == 0, word.stderr
    assert word.stdout
    dashed = rrb("--db", examples_db, "search", "-prison", "--limit", "2")
    assert dashed.returncode == 0, dashed.stderr
    assert dashed.stdout.splitlines() == word.stdout.splitlines()[:2]


def test_search_prints_an_asterisk_of_the_notes_as_typed(tmp_path: Path) -> None:
    data = json.loads(SAMPLE_MEETING.read_text(encoding="utf-8"))
    data["agenda"][0]["notes"] = "Maths: 2 \\* 3 \\* 4"  # as the notes editor stores it
    meeting = tmp_path / "meeting.json"
    meeting.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "x.sqlite3"
    meeting_id = imported_id(rrb("--db", db, "import", meeting))
    result = rrb("--db", db, "search", "maths")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\t")[0] == meeting_id
    assert result.stdout.rstrip("\n").split("\t")[3].endswith("[Maths]: 2 * 3 * 4")


def test_actions_open_lists_the_open_actions_of_all_four(examples_db: Path) -> None:
    result = rrb("--db", examples_db, "actions", "--open")
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert {row[1] for row in rows} == {"2019-05-13", "2023-02-28", "2024-02-29", "2025-03-20"}
    assert {row[3] for row in rows} == {"open"}
    assert all(len(row) == 6 for row in rows)


def test_actions_owner_matches_any_one_of_several_owners(examples_db: Path) -> None:
    rows = [
        line.split("\t")
        for line in rrb("--db", examples_db, "actions", "--owner", "mopac").stdout.splitlines()
    ]
    assert "MPS/MOPAC" in {row[2] for row in rows}
    assert all("MOPAC" in row[2].split("/") for row in rows)


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--board", "XYZ", "--board XYZ: no board has that abbreviation or name in "),
        ("--owner", "NOPE", "--owner NOPE: no organisation has that abbreviation in "),
        (
            "--owner",
            "MPS/GLA",
            "--owner MPS/GLA: give one organisation's abbreviation (--owner MPS); it lists"
            " every action that organisation owns, alone or with others",
        ),
    ],
)
def test_actions_refuses_a_board_or_owner_the_archive_does_not_have(
    examples_db: Path, option: str, value: str, said: str
) -> None:
    """A typo is said (exit 2, one line), not answered with an empty log read as "none"."""
    result = rrb("--db", examples_db, "actions", option, value)
    assert result.returncode == 2
    assert result.stdout == ""
    assert said in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_actions_board_and_owner_match_in_any_letter_case(examples_db: Path) -> None:
    result = rrb("--db", examples_db, "actions", "--board", "rrb", "--owner", "mps")
    assert result.returncode == 0, result.stderr
    assert result.stdout


def test_export_with_a_template_and_a_logo(tmp_path: Path) -> None:
    from tests.unit.test_docx_templates import png_bytes  # noqa: PLC0415 (one helper, one test)

    db = tmp_path / "x.sqlite3"
    meeting_id = imported_id(rrb("--db", db, "import", SAMPLE_MEETING))
    template = tmp_path / "plain.docx"
    docx.Document().save(str(template))  # lacks the house styles: a warning, not a failure
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes(30, 10))
    note = tmp_path / "note.docx"

    result = rrb(
        "--db", db, "export", meeting_id, "--out", note,
        "--template", template, "--logo", logo, "--logo-alt", "Our crest",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    warning, *findings = result.stderr.splitlines()
    assert warning.startswith("rrb-desktop: warning: The Word template has no ")
    # python-docx's own template: light-blue headings and a Title with no outline level
    assert "rrb-desktop: warning: accessibility\tstyle Title\tthe heading style has no" in (
        "\n".join(findings)
    )
    header = docx.Document(str(note)).sections[0].header._element
    assert 'descr="Our crest"' in header.xml


@pytest.mark.parametrize(
    ("option", "content", "message"),
    [
        ("--logo", None, "could not be found"),
        ("--logo", b"GIF89a", "is damaged or not a PNG"),
        ("--template", None, "could not be found"),
        ("--template", b"not a zip", "is not a Word document"),
    ],
)
def test_a_bad_template_or_logo_exits_2_with_one_line(
    tmp_path: Path, option: str, content: bytes | None, message: str
) -> None:
    db = tmp_path / "x.sqlite3"
    meeting_id = imported_id(rrb("--db", db, "import", SAMPLE_MEETING))
    given = tmp_path / ("given.gif" if option == "--logo" else "given.docx")
    if content is not None:
        given.write_bytes(content)
    result = rrb("--db", db, "export", meeting_id, "--out", tmp_path / "x.docx", option, given)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert message in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_actions_out_writes_csv_or_docx_and_refuses_other_suffixes(
    examples_db: Path, tmp_path: Path
) -> None:
    csv_path = tmp_path / "log.csv"
    result = rrb("--db", examples_db, "actions", "--open", "--out", csv_path)
    assert result.returncode == 0, result.stderr
    assert csv_path.read_text(encoding="utf-8-sig").startswith("id,meeting_date")
    docx_path = tmp_path / "log.docx"
    assert rrb("--db", examples_db, "actions", "--out", docx_path).returncode == 0
    assert docx.Document(str(docx_path)).tables
    refused = rrb("--db", examples_db, "actions", "--out", tmp_path / "log.pdf")
    assert refused.returncode == 2
    assert "must end in .csv or .docx" in refused.stderr


def test_actions_out_keeps_a_formula_typed_as_an_action_from_running(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://evil.example","click")'
    data = json.loads(SAMPLE_MEETING.read_text(encoding="utf-8"))
    data["agenda"][0]["actions"][0]["description"] = formula
    meeting = tmp_path / "meeting.json"
    meeting.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "x.sqlite3"
    imported_id(rrb("--db", db, "import", meeting))
    csv_path = tmp_path / "log.csv"
    assert rrb("--db", db, "actions", "--out", csv_path).returncode == 0
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        descriptions = [row["description"] for row in csv.DictReader(stream)]
    assert "'" + formula in descriptions
    assert formula not in descriptions


def test_the_cli_logs_each_command_and_each_refusal(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    env = {"RRB_LOG_DIR": str(tmp_path / "logs")}
    assert rrb("--db", db, "import", SAMPLE_MEETING, env=env).returncode == 0
    refused = rrb("--db", db, "export", "999", "--out", tmp_path / "x.docx", env=env)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    log = (tmp_path / "logs" / "rrb-desktop.log").read_text(encoding="utf-8")
    assert f"import on {db}" in log
    assert "import done" in log
    assert "export refused: " in log


def test_search_prints_the_newest_matches_up_to_the_limit(examples_db: Path) -> None:
    every = rrb("--db", examples_db, "search", "--all", "board")
    assert every.returncode == 0, every.stderr
    dates = [line.split("\t")[1] for line in every.stdout.splitlines()]
    assert len(dates) == len(list(EXAMPLES.glob("*.json")))
    assert dates == sorted(dates, reverse=True)
    two = rrb("--db", examples_db, "search", "--limit", "2", "board")
    assert [line.split("\t")[1] for line in two.stdout.splitlines()] == dates[:2]


def test_search_prints_at_most_fifty_unless_told(tmp_path: Path) -> None:
    db = tmp_path / "many.sqlite3"
    doc = json.loads(SAMPLE_MEETING.read_text(encoding="utf-8"))
    files = []
    for number in range(51):
        doc["date"] = f"{2000 + number // 12:04d}-{number % 12 + 1:02d}-01"
        path = tmp_path / f"m{number}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        files.append(path)
    assert rrb("--db", db, "import", *files).returncode == 0
    assert len(rrb("--db", db, "search", "Welcome").stdout.splitlines()) == 50
    assert len(rrb("--db", db, "search", "--all", "Welcome").stdout.splitlines()) == 51


@pytest.mark.parametrize("value", ["0", "-3", "ten"])
def test_search_limit_must_be_a_positive_number(examples_db: Path, value: str) -> None:
    result = rrb("--db", examples_db, "search", "--limit", value, "board")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "--limit" in result.stderr


def test_the_command_line_loads_python_docx_only_to_export() -> None:
    """Listing and searching start without it: it is most of an export's import time."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, rrb_desktop.cli; print('docx' in sys.modules)"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "False"


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    """``list | head``: the pipe closes before the output is written; like other Unix tools
    the command ends with no message (status 141, 128 + SIGPIPE), not "Broken pipe"."""
    db = tmp_path / "h.sqlite3"
    imported_id(rrb("--db", db, "import", *sorted(EXAMPLES.glob("*.json"))))
    reading, writing = os.pipe()
    os.close(reading)  # the reader is gone before anything is written
    try:
        result = subprocess.run(
            [sys.executable, "-m", "rrb_desktop", "--db", str(db), "list"],
            cwd=PROJECT_ROOT,
            stdout=writing,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(writing)
    assert (result.returncode, result.stderr) == (141, "")
