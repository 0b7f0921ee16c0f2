"""Golden exports: the Word files (and previews) of fixed meetings never change by accident.

The exporter is tuned for speed (runs built as XML, the package written directly); these
goldens, recorded from the exporter before that work, prove the files stayed byte for byte
the same. Each case is a meeting (the four published board notes, the sample meeting and the
benchmark's stress meeting) in every board layout and both audiences, plus a few choices
that take other paths (actions as a summary or per item, no edited notice, a logo).

A file is summed up by a hash of its canonical form: each zip entry in order, with its name,
date, attributes and uncompressed content. That is the file byte for byte except the
compressed streams, which depend on the zlib build (Windows and macOS ship their own).

When a change to the output is intended, regenerate the goldens and commit them with it:
``.venv/bin/python -m tests.unit.test_export_goldens``.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from benchmarks.export import stress_meeting
from exporters.docx_export import build_document
from exporters.options import ActionsMode
from exporters.package import document_bytes
from exporters.preview import document_to_html
from models.enums import BOARD_NOTE_LAYOUTS, Audience, LayoutStyle
from models.interchange import read_meeting_file
from tests.conftest import BOARD_NOTE_EXAMPLES
from tests.unit.test_docx_templates import png_bytes

if TYPE_CHECKING:
    from models.meeting_doc import MeetingDoc

ROOT = Path(__file__).resolve().parents[2]
GOLDENS = ROOT / "tests" / "fixtures" / "export_goldens.json"
MEETINGS = {
    **{path.stem: path for path in BOARD_NOTE_EXAMPLES},
    "sample": ROOT / "resources" / "sample_meeting.json",
}


def load(name: str) -> MeetingDoc:
    return stress_meeting() if name == "stress" else read_meeting_file(MEETINGS[name])


@dataclass(frozen=True)
class Case:
    meeting: str
    layout: LayoutStyle
    audience: Audience
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        extra = "".join(f" {name}={value}" for name, value in sorted(self.options.items()))
        return f"{self.meeting} {self.layout.value} {self.audience.value}{extra}"


def cases() -> list[Case]:
    every = [
        Case(meeting, layout, audience)
        for meeting in [*MEETINGS, "stress"]
        for layout in BOARD_NOTE_LAYOUTS
        for audience in Audience
    ]
    others = [
        Case("stress", LayoutStyle.PUBLIC_NOTE, Audience.PUBLIC, {"actions": "summary"}),
        Case("stress", LayoutStyle.NOTE_OF_MEETING, Audience.INTERNAL, {"actions": "per-item"}),
        Case("stress", LayoutStyle.RECORD_OF_MEETING, Audience.PUBLIC, {"actions": "none"}),
        Case("stress", LayoutStyle.PUBLIC_NOTE, Audience.PUBLIC, {"edited_notice": False}),
        Case("sample", LayoutStyle.PUBLIC_NOTE, Audience.INTERNAL, {"logo": "300x100"}),
    ]
    return every + others


def canonical_hash(data: bytes) -> str:
    """The package's entries in order: name, date, attributes and uncompressed bytes."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            header = (
                f"{info.filename}|{info.date_time}|{info.compress_type}|{info.create_system}|"
                f"{info.external_attr}|{info.file_size}|{info.CRC}\n"
            )
            digest.update(header.encode())
            digest.update(package.read(info))
    return digest.hexdigest()


def export(case: Case, folder: Path, meeting: MeetingDoc) -> tuple[str, str]:
    """(hash of the .docx, hash of the preview HTML) for ``case``."""
    options: dict[str, Any] = {}
    for name, value in case.options.items():
        if name == "actions":
            options["actions"] = ActionsMode(value)
        elif name == "logo":
            width, height = (int(n) for n in value.split("x"))
            logo = folder / "logo.png"
            logo.write_bytes(png_bytes(width, height))
            options["logo"] = logo
        else:
            options[name] = value
    document = build_document(meeting, case.layout, audience=case.audience, **options)
    html = hashlib.sha256(document_to_html(document).encode()).hexdigest()
    modified = document.core_properties.modified
    assert modified is not None
    return canonical_hash(document_bytes(document, modified)), html


def record(folder: Path) -> dict[str, dict[str, str]]:
    meetings: dict[str, MeetingDoc] = {}
    goldens = {}
    for case in cases():
        meeting = meetings.setdefault(case.meeting, load(case.meeting))
        docx_hash, html_hash = export(case, folder, meeting)
        goldens[case.key] = {"docx": docx_hash, "preview": html_hash}
    return goldens


def test_every_case_has_a_golden() -> None:
    recorded = json.loads(GOLDENS.read_text(encoding="utf-8"))
    assert sorted(recorded) == sorted(case.key for case in cases())


@pytest.mark.parametrize("meeting", [*MEETINGS, "stress"])
def test_exports_match_their_goldens(meeting: str, tmp_path: Path) -> None:
    recorded = json.loads(GOLDENS.read_text(encoding="utf-8"))
    doc = load(meeting)
    changed = []
    for case in cases():
        if case.meeting != meeting:
            continue
        docx_hash, html_hash = export(case, tmp_path, doc)
        if recorded[case.key] != {"docx": docx_hash, "preview": html_hash}:
            changed.append(case.key)
    assert changed == [], "exports differ from the goldens (see the module's docstring)"


def test_the_hash_sees_a_changed_entry() -> None:
    """The canonical hash changes with any entry's content, and not with the compression."""

    def package(text: bytes, level: int) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
            info = zipfile.ZipInfo("a.xml", (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, text, compresslevel=level)
        return out.getvalue()

    assert canonical_hash(package(b"<a/>" * 50, 1)) == canonical_hash(package(b"<a/>" * 50, 9))
    assert canonical_hash(package(b"<a/>" * 50, 6)) != canonical_hash(package(b"<b/>" * 50, 6))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as name:
        GOLDENS.write_text(json.dumps(record(Path(name)), indent=1, sort_keys=True) + "\n")
    print(f"wrote {GOLDENS}")
