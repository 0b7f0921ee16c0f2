"""benchmarks/export.py still runs (a smoke test on a tiny meeting; speed is not checked)."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.export import (
    FLOORS,
    Row,
    large_note_meeting,
    measure,
    measure_processes,
    meeting_markdown,
    stress_meeting,
    table,
)


def test_the_stress_meeting_has_the_promised_size() -> None:
    meeting = stress_meeting()
    assert len(meeting.agenda) == 60
    assert sum(len(item.actions) for item in meeting.agenda) == 200
    assert len(meeting.attendees) == 40


def test_the_benchmark_measures_a_tiny_meeting() -> None:
    tiny = stress_meeting(items=2, actions=3, attendees=2)
    [row] = measure({"tiny": tiny}, runs=1, pandoc=None)
    assert row.case == "tiny"
    assert row.ours > 0
    assert row.cpu is not None
    assert row.pandoc is None
    assert [cell.strip() for cell in table([row]).splitlines()[2].split(" | ")][2:] == ["-", "-"]


def test_the_markdown_for_pandoc_holds_the_public_content() -> None:
    markdown = meeting_markdown(stress_meeting(items=10, actions=10, attendees=3))
    assert "## Agenda Item 9 | Item 9 of the stress meeting" in markdown
    assert "Item 10 of the stress meeting" not in markdown  # confidential: left out
    assert "- ORG0 to report back on point 1 of item 1." in markdown
    assert "Person" not in markdown


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_is_timed_when_installed() -> None:
    tiny = stress_meeting(items=1, actions=1, attendees=1)
    [row] = measure({"tiny": tiny}, runs=1, pandoc=shutil.which("pandoc"))
    assert isinstance(row, Row)
    assert row.pandoc is not None
    assert row.cells()[3].endswith("x")


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_whole_processes_are_timed_side_by_side() -> None:
    """A real ``rrb-desktop export`` process and pandoc's, on a tiny meeting, once each."""
    pandoc = shutil.which("pandoc")
    assert pandoc is not None
    tiny = stress_meeting(items=1, actions=1, attendees=1)
    [row] = measure_processes({"tiny": tiny}, runs=1, pandoc=pandoc)
    assert row.case == "tiny"
    assert row.ours > 0
    assert row.pandoc is not None
    assert row.pandoc > 0
    assert set(row.floors) == set(FLOORS)
    assert all(seconds > 0 for seconds in row.floors.values())


def test_the_large_note_is_150_kb_in_one_item() -> None:
    meeting = large_note_meeting()
    assert len(meeting.agenda) == 1
    assert len(meeting.agenda[0].notes) >= 150_000
