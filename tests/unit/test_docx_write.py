"""exporters.docx_export writing the file: the same bytes every time, an existing file replaced
safely, each way a write can fail said in one clear sentence, and any text (or a great deal of
it) still gives a file Word can open."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.docx_export import ExportError, build_document, export_docx, write_document
from models.enums import BOARD_NOTE_LAYOUTS, Audience, LayoutStyle
from models.meeting_doc import ActionDoc, AgendaItemDoc, AttendeeDoc, OrganisationRef
from tests.unit.test_docx_export import export_and_reopen, make_meeting

# -- writing the file ----------------------------------------------------------------------


def test_same_meeting_gives_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    export_docx(make_meeting(), first)
    export_docx(make_meeting(), second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        assert package.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in package.infolist()} == {(2025, 3, 20, 0, 0, 0)}


def test_write_replaces_an_existing_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "note.docx"
    path.write_bytes(b"old")
    export_docx(make_meeting(), path)
    assert docx.Document(str(path)).paragraphs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.docx"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_docx(make_meeting(), tmp_path / "nowhere" / "note.docx")


def test_read_only_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Creating the temporary file fails with PermissionError in a folder we may not write.

    Simulated, because the tests may run as root, which ignores folder permissions.
    """

    def denied(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ExportError, match="permission to write there"):
        export_docx(make_meeting(), tmp_path / "note.docx")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_file_open_in_word_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows, replacing a file Word holds open fails with PermissionError."""
    path = tmp_path / "note.docx"
    path.write_bytes(b"the earlier export")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="open in another program"):
        export_docx(make_meeting(), path)
    assert path.read_bytes() == b"the earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.docx"]


def test_a_folder_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "note.docx").mkdir()
    with pytest.raises(ExportError, match="folder with that name"):
        export_docx(make_meeting(), tmp_path / "note.docx")


def test_error_messages_are_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export_docx(make_meeting(), tmp_path / "nowhere" / "note.docx")
    message = str(caught.value)
    assert message.endswith(".")
    assert "\n" not in message
    assert "Errno" not in message


def test_build_then_write(tmp_path: Path) -> None:
    document = build_document(make_meeting(), LayoutStyle.RECORD_OF_MEETING)
    write_document(document, tmp_path / "note.docx")
    assert docx.Document(str(tmp_path / "note.docx")).tables


# -- any text --------------------------------------------------------------------------------

_ANY_TEXT = st.text(st.characters(codec=None), max_size=200)


@given(title=_ANY_TEXT, notes=_ANY_TEXT, org=_ANY_TEXT, theme=_ANY_TEXT)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_exports_to_a_file_word_can_open(
    title: str, notes: str, org: str, theme: str
) -> None:
    meeting = make_meeting(
        theme=theme,
        organisations=(OrganisationRef(org, org[:5]),),
        attendees=(AttendeeDoc(org[:5] or "X", name=title),),
        agenda=(
            AgendaItemDoc(title, notes, actions=(ActionDoc(notes, (org,)),)),
            AgendaItemDoc(
                "Emoji \U0001f600 and RTL \u05e9\u05dc\u05d5\u05dd", "\u202eevil\u202c \x00\x0b\x0c"
            ),
        ),
    )
    for layout in BOARD_NOTE_LAYOUTS:
        document = build_document(meeting, layout, audience=Audience.INTERNAL)
        stream = io.BytesIO()
        document.save(stream)
        docx.Document(io.BytesIO(stream.getvalue()))


def test_100_kb_of_notes_exports(tmp_path: Path) -> None:
    notes = "\n\n".join(
        f"Paragraph {n}: **bold** and *italic* text\x0bwith a break.\n\n- a bullet\n  - nested"
        for n in range(1300)
    )
    assert len(notes) > 100_000
    meeting = make_meeting(agenda=(AgendaItemDoc("Long", notes),))
    document, _ = export_and_reopen(tmp_path, meeting)
    assert len(document.paragraphs) > 3600
