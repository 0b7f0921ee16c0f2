"""``rrb-desktop check`` and the public export's warnings, ``--actions``, long titles."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from tests.conftest import EXAMPLES
from tests.e2e.test_cli import imported_id, rrb

NAMES = {
    "2019-05-13-record-of-meeting": ["name\titem 2\tLauren"],
    "2023-02-28-public-note-of-meeting": [],
    "2024-02-29-note-of-meeting": [],
    "2025-03-20-public-note": [],
}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    db = tmp_path_factory.mktemp("examples") / "rrb.sqlite3"
    ids = {
        name: imported_id(rrb("--db", db, "import", EXAMPLES / f"{name}.json")) for name in NAMES
    }
    return db, ids


@pytest.mark.parametrize("name", sorted(NAMES))
def test_check_finds_lauren_in_2019_and_nothing_in_the_others(
    examples: tuple[Path, dict[str, str]], name: str
) -> None:
    db, ids = examples
    result = rrb("--db", db, "check", ids[name])
    assert result.stdout.splitlines() == NAMES[name]
    assert result.returncode == (1 if NAMES[name] else 0), result.stderr


def test_a_public_export_warns_and_still_writes(
    examples: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    db, ids = examples
    out = tmp_path / "2019.docx"
    result = rrb("--db", db, "export", ids["2019-05-13-record-of-meeting"], "--out", out)
    assert result.returncode == 0, result.stderr
    assert "rrb-desktop: warning: name\titem 2\tLauren" in result.stderr.splitlines()
    assert out.is_file()


def test_actions_option_prints_open_actions_per_item(
    examples: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    db, ids = examples
    meeting = ids["2024-02-29-note-of-meeting"]
    default, per_item = tmp_path / "default.docx", tmp_path / "per-item.docx"
    assert rrb("--db", db, "export", meeting, "--out", default).returncode == 0
    result = rrb("--db", db, "export", meeting, "--out", per_item, "--actions", "per-item")
    assert result.returncode == 0, result.stderr
    default_text = [p.text for p in docx.Document(str(default)).paragraphs]
    per_item_text = [p.text for p in docx.Document(str(per_item)).paragraphs]
    assert "Actions:" not in default_text
    assert "Actions:" in per_item_text
    assert any(t.startswith("Create a letter to the LCJB") for t in per_item_text)
    assert any(t.endswith("(rolled over to the next meeting)") for t in per_item_text)


def test_check_errors_exit_2(examples: tuple[Path, dict[str, str]]) -> None:
    db, _ = examples
    result = rrb("--db", db, "check", "9999")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


def test_an_internal_record_is_never_saved_under_the_public_name(
    examples: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    db, ids = examples
    out = tmp_path / "2025-03-20 RRB Public Note.docx"
    result = rrb(
        "--db", db, "export", ids["2025-03-20-public-note"], "--out", out, "--audience", "internal"
    )
    assert result.returncode == 2
    assert "public note's file name" in result.stderr
    assert not out.exists()


def test_a_title_as_long_as_its_column_exports(tmp_path: Path) -> None:
    """300 characters (the column's length), past the 255 Word's properties hold."""
    data = json.loads((EXAMPLES / "2025-03-20-public-note.json").read_text(encoding="utf-8"))
    data["title"] = ("Reducing reoffending in London " * 10)[:300]
    source = tmp_path / "long.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "rrb.sqlite3"
    meeting = imported_id(rrb("--db", db, "import", source))
    out = tmp_path / "long.docx"
    result = rrb("--db", db, "export", meeting, "--out", out)
    assert result.returncode == 0, result.stderr
    assert len(docx.Document(str(out)).core_properties.title) == 255
