"""Templates and logos are untrusted: bounded before they are read, cleaned before use."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from exporters.docx_export import build_note, check_logo, export_docx
from exporters.errors import ExportError
from exporters.prepublication import Finding, check_public_note
from exporters.template import reference_bytes
from exporters.untrusted import TEMPLATE_MEMBER_LIMIT
from models.meeting_doc import AgendaItemDoc, BoardRef, MeetingDoc

MEETING = MeetingDoc(
    board=BoardRef("Reducing Reoffending Board", "RRB"),
    date=date(2025, 3, 20),
    agenda=(AgendaItemDoc("Welcome", "Opened."),),
)
ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def hostile_template(path: Path) -> Path:
    """A template carrying everything a public note must not: see the test below."""
    document = docx.Document(io.BytesIO(reference_bytes()))
    package = document.part.package
    comments = Part(
        PackURI("/word/comments.xml"),
        CT.WML_COMMENTS,
        f'<w:comments {W}><w:comment w:id="0" w:author="SecretAuthor"><w:p><w:r>'
        "<w:t>SECRET-COMMENT</w:t></w:r></w:p></w:comment></w:comments>".encode(),
        package,
    )
    document.part.relate_to(comments, RT.COMMENTS)
    custom_xml = Part(PackURI("/customXml/item1.xml"), CT.XML, b"<x>SECRET-XML</x>", package)
    document.part.relate_to(custom_xml, RT.CUSTOM_XML)
    custom_props = Part(
        PackURI("/docProps/custom.xml"),
        CT.OFC_CUSTOM_PROPERTIES,
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'custom-properties">SECRET-PROP</Properties>',
        package,
    )
    package.relate_to(custom_props, RT.CUSTOM_PROPERTIES)
    thumbnail = Part(PackURI("/docProps/thumbnail.jpeg"), CT.JPEG, b"SECRET-THUMB", package)
    package.relate_to(thumbnail, RT.THUMBNAIL)
    settings_part = document.part._settings_part  # python-docx has no public accessor
    rel_id = settings_part.relate_to(
        "https://evil.example/attached.dotx", ATTACHED_TEMPLATE, is_external=True
    )
    settings_part.element.append(
        parse_xml(f'<w:attachedTemplate {nsdecls("w", "r")} r:id="{rel_id}"/>')
    )
    document.add_paragraph("SECRET-BODY")
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    footer.paragraphs[0].text = "Internal draft - do not circulate"
    document.save(str(path))
    return path


def test_a_public_note_carries_none_of_the_templates_baggage(tmp_path: Path) -> None:
    template = hostile_template(tmp_path / "hostile.docx")
    with zipfile.ZipFile(template) as package:
        planted = b"".join(package.read(name) for name in package.namelist())
    assert b"evil.example" in planted
    assert b"SECRET-COMMENT" in planted
    out = tmp_path / "note.docx"
    export_docx(MEETING, out, template=template)
    with zipfile.ZipFile(out) as package:
        everything = b"".join(package.read(name) for name in package.namelist())
        names = package.namelist()
    for secret in (b"SECRET-", b"SecretAuthor", b"evil.example", b"attachedTemplate"):
        assert secret not in everything, secret
    assert not any(
        name.startswith(("customXml", "docProps/custom", "docProps/thumb")) for name in names
    )
    assert "word/comments.xml" not in names
    assert b"Internal draft" in everything  # the template's letterhead text stays
    docx.Document(str(out))  # and the file still opens


def test_a_zip_bomb_template_is_refused_before_inflating(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/huge.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(TEMPLATE_MEMBER_LIMIT // len(chunk) + 1):
                member.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(ExportError, match="once unpacked"):
        export_docx(MEETING, tmp_path / "note.docx", template=bomb)


def test_a_device_file_is_not_a_template(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="not a regular file"):
        export_docx(MEETING, tmp_path / "note.docx", template=Path("/dev/zero"))


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_a_logo_of_absurd_dimensions_is_refused(tmp_path: Path) -> None:
    logo = tmp_path / "huge.png"
    logo.write_bytes(png(100_000, 100_000))
    with pytest.raises(ExportError, match="larger than a logo needs"):
        check_logo(logo)


def test_the_check_lists_the_templates_own_footer_text(tmp_path: Path) -> None:
    template = hostile_template(tmp_path / "hostile.docx")
    findings = check_public_note(MEETING, template=template).findings
    assert Finding("template", "footer", "Internal draft - do not circulate") in findings


def test_the_check_lists_the_text_of_the_templates_first_and_even_pages(tmp_path: Path) -> None:
    """A letterhead template often has a first page of its own (and some, even pages): what
    those print is checked like the rest of the page, without the check adding any part."""
    document = docx.Document(io.BytesIO(reference_bytes()))
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_footer.paragraphs[0].text = "Draft for Alex Example only"
    document.settings.odd_and_even_pages_header_footer = True
    section.even_page_header.paragraphs[0].text = "Internal draft - do not circulate"
    template = tmp_path / "letterhead.docx"
    document.save(str(template))

    checked = check_public_note(MEETING, template=template, people=["Alex Example"])

    assert Finding("template", "first-page footer", "Draft for Alex Example only") in (
        checked.findings
    )
    assert Finding("name", "first-page footer", "Alex Example") in checked.findings
    assert Finding("template", "even-page header", "Internal draft - do not circulate") in (
        checked.findings
    )
    assert not [f for f in checked.findings if f.where == "first-page header"]  # none defined
    assert checked.note.package() == build_note(MEETING, template=template).package()
