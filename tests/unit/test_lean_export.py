"""exporters.lean: a note on our template, written without python-docx, is the python-docx
export byte for byte; and the recording it is written from is up to date.

The golden export tests hold the python-docx export to its recorded hashes; these hold the
lean export to the python-docx export, for every layout, audience and way of printing
actions, on the published examples, the sample, the stress meeting and random meetings.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exporters.lean
import resources.reference_recording
from benchmarks.export import stress_meeting
from exporters.built import build_any
from exporters.docx_export import DocxNote, build_note
from exporters.errors import ExportError
from exporters.lean import build_lean_note
from exporters.options import ActionsMode
from exporters.reference_parts import OUTPUT, record, recording_text
from models.enums import Audience, LayoutStyle
from models.interchange import read_meeting_file
from models.meeting_doc import MeetingDoc
from tests.conftest import PROJECT_ROOT
from tests.strategies.meetings import meetings

FIXTURES = sorted((PROJECT_ROOT / "tests" / "fixtures" / "examples").glob("*.json"))
SAMPLE = PROJECT_ROOT / "resources" / "sample_meeting.json"


def _both(
    meeting: MeetingDoc,
    layout: LayoutStyle,
    audience: Audience,
    actions: ActionsMode | None,
    *,
    edited_notice: bool = True,
) -> tuple[bytes | str, bytes | str]:
    """The python-docx export and the lean one, or the error each gave."""
    results: list[bytes | str] = []
    for build in (build_note, build_lean_note):
        try:
            note = build(
                meeting, layout, audience=audience, actions=actions, edited_notice=edited_notice
            )
        except ExportError as error:
            results.append(str(error))
        else:
            results.append(note.package())
    return results[0], results[1]


def test_the_recording_is_what_python_docx_makes_of_our_template_now() -> None:
    """Regenerate with ``.venv/bin/python -m exporters.reference_parts`` after changing the
    template or the python-docx side of an export."""
    recording = record()
    assert OUTPUT.read_text(encoding="utf-8") == recording_text(recording)
    assert recording == resources.reference_recording.RECORDING  # the module holds what it says


@pytest.mark.parametrize("path", [*FIXTURES, SAMPLE, None], ids=lambda p: p.stem if p else "stress")
def test_every_layout_audience_and_actions_choice_gives_the_same_file(path: Path | None) -> None:
    meeting = read_meeting_file(path) if path is not None else stress_meeting()
    compared = 0
    for layout in LayoutStyle:
        for audience in Audience:
            for actions in (None, *ActionsMode):
                docx_file, lean_file = _both(meeting, layout, audience, actions)
                assert lean_file == docx_file, (layout, audience, actions)
                compared += isinstance(docx_file, bytes)
    assert compared  # the layouts that can print this meeting did


@given(
    meetings(),
    st.sampled_from(LayoutStyle),
    st.sampled_from(Audience),
    st.sampled_from([None, *ActionsMode]),
    st.booleans(),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_meetings_give_the_same_file(
    meeting: MeetingDoc,
    layout: LayoutStyle,
    audience: Audience,
    actions: ActionsMode | None,
    edited_notice: bool,
) -> None:
    docx_file, lean_file = _both(meeting, layout, audience, actions, edited_notice=edited_notice)
    assert lean_file == docx_file


EXPORT_WITHOUT_THEM = """
import sys
from pathlib import Path
from exporters.built import build_any
from models.interchange import read_meeting_file
meeting = read_meeting_file(Path(sys.argv[1]))
build_any(meeting).package()
print(",".join(name for name in ("docx", "lxml", "zipfile") if name in sys.modules))
"""


def test_an_export_on_our_template_loads_neither_python_docx_nor_lxml() -> None:
    result = subprocess.run(
        [sys.executable, "-c", EXPORT_WITHOUT_THEM, str(SAMPLE)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "docx" not in result.stdout.split(",")
    assert "lxml" not in result.stdout
    assert "zipfile" not in result.stdout  # exporters.zip_writer writes the zip


def test_a_damaged_recording_falls_back_to_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    meeting = read_meeting_file(SAMPLE)
    expected = build_lean_note(meeting).package()

    def damaged() -> None:
        raise ValueError("not a whole recording")

    monkeypatch.setattr(exporters.lean, "recorded", damaged)
    note = build_any(meeting)
    assert isinstance(note, DocxNote)
    assert note.package() == expected


def _damaged(data: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """``data`` with the value at ``path`` (keys joined by ``/``) replaced, or removed."""
    damaged = copy.deepcopy(data)
    *parents, last = path.split("/")
    target = damaged
    for key in parents:
        target = target[key]
    if value is _REMOVED:
        del target[last]
    else:
        target[last] = value
    return damaged


_REMOVED = object()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("header/public", _REMOVED),
        ("header", "x"),
        ("document/sections", _REMOVED),
        ("document", []),
        ("core", ["x"]),
        ("core", "<cp:coreProperties/>"),
        ("numbering", "<w:numbering/>"),
        ("entries", []),
        ("document_name", "word/nothing.xml"),
        ("numbering_facts/style_numbering", "x"),
    ],
)
def test_a_recording_damaged_inside_falls_back_to_python_docx(
    path: str, value: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A recording that loads but is not whole: the export is python-docx's, never a
    traceback at save time nor a file missing its body."""
    damaged = _damaged(resources.reference_recording.RECORDING, path, value)
    monkeypatch.setattr(resources.reference_recording, "RECORDING", damaged)
    _assert_the_export_is_python_docx_s()


def test_a_missing_recording_falls_back_to_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    """An installation without the recording's module (``None`` in ``sys.modules`` fails its
    import as a missing file would): the export is python-docx's."""
    monkeypatch.setitem(sys.modules, "resources.reference_recording", None)
    _assert_the_export_is_python_docx_s()


def _assert_the_export_is_python_docx_s() -> None:
    """The sample's export, with the recording as the test left it, is python-docx's."""
    meeting = read_meeting_file(SAMPLE)
    expected = build_note(meeting).package()
    exporters.lean.recorded.cache_clear()
    try:
        note = build_any(meeting)
        assert isinstance(note, DocxNote)
        assert note.package() == expected
    finally:
        exporters.lean.recorded.cache_clear()  # the next test reads the real recording
