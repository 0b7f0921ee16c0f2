"""exporters.docx_export: a user's own Word template and logo, checked by reopening the file.

Kept apart from ``test_docx_export.py`` (the layouts and the file) on this seam: these are
the two ways an export leaves our own template and masthead.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.docx_export import (
    MASTHEAD_LINES,
    ExportError,
    TemplateStyleWarning,
    build_document,
    check_logo,
    export_docx,
)
from exporters.writer import INTERNAL_MARK
from models.enums import BOARD_NOTE_LAYOUTS, Audience, LayoutStyle
from tests.unit.test_docx_export import export_and_reopen, make_meeting, styled, texts

# -- user templates --------------------------------------------------------------------------


def test_template_missing_styles_falls_back_with_a_warning(tmp_path: Path) -> None:
    template = tmp_path / "plain.docx"
    docx.Document().save(str(template))  # python-docx's own: no Masthead, Meeting Details...

    with pytest.warns(TemplateStyleWarning, match="Masthead"):
        document, _ = export_and_reopen(tmp_path, make_meeting(), template=template)

    assert styled(document, "Meeting Details")
    assert styled(document, "List Bullet 2") == [
        "Explore training",
        "Improve links with Pupil Referral Units",
    ]
    assert document.sections[0].header.paragraphs[0].text == "MOPAC"


def test_template_with_its_own_letterhead_keeps_it(tmp_path: Path) -> None:
    template_document = build_document(make_meeting())  # has every style: no warning
    header = template_document.sections[0].header
    for p in header.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    header.paragraphs[0].text = "Our own letterhead"
    template = tmp_path / "letterhead.docx"
    template_document.save(str(template))

    document, _ = export_and_reopen(tmp_path, make_meeting(theme="Other"), template=template)

    assert [p.text for p in document.sections[0].header.paragraphs] == ["Our own letterhead"]
    assert "Theme: Other" in texts(document)
    assert "Theme: Employment for people on probation" not in texts(document)


def _letterhead_shape(path: Path, *, first_page: str | None) -> Path:
    """Our own template with a different first page, and even pages of their own; the first
    page's header holding ``first_page`` (None: not defined, as Word leaves it)."""
    document = build_document(make_meeting())
    section = document.sections[0]
    section.different_first_page_header_footer = True
    if first_page is not None:
        section.first_page_header.paragraphs[0].text = first_page
    document.settings.odd_and_even_pages_header_footer = True
    document.save(str(path))
    return path


def test_every_page_has_the_masthead_when_the_template_has_a_first_page_of_its_own(
    tmp_path: Path,
) -> None:
    """The house style prints the masthead on every page; Word leaves a page blank at the top
    when the template defines no header for it, so the first page had none."""
    template = _letterhead_shape(tmp_path / "letterhead.docx", first_page=None)

    document, _ = export_and_reopen(
        tmp_path, make_meeting(), template=template, audience=Audience.INTERNAL
    )

    section = document.sections[0]
    for header in (section.header, section.first_page_header, section.even_page_header):
        assert not header.is_linked_to_previous
        assert [p.text for p in header.paragraphs] == [*MASTHEAD_LINES, INTERNAL_MARK.upper()]


def test_a_first_page_letterhead_is_kept_and_the_other_pages_have_the_masthead(
    tmp_path: Path,
) -> None:
    template = _letterhead_shape(tmp_path / "letterhead.docx", first_page="Our own letterhead")

    document, _ = export_and_reopen(tmp_path, make_meeting(), template=template)

    section = document.sections[0]
    assert [p.text for p in section.first_page_header.paragraphs] == ["Our own letterhead"]
    assert [p.text for p in section.header.paragraphs] == list(MASTHEAD_LINES)


W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def edited_template(folder: Path, part: str, edit: Callable[[bytes], bytes]) -> Path:
    """python-docx's own template with ``part`` changed by ``edit``: a template Word might
    write that python-docx does not."""
    source = folder / "source.docx"
    docx.Document().save(str(source))
    template = folder / "edited.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(template, "w") as target:
        for name in original.namelist():
            content = original.read(name)
            target.writestr(name, edit(content) if name == part else content)
    return template


@pytest.mark.parametrize("layout", BOARD_NOTE_LAYOUTS)
def test_a_template_whose_section_uses_a_word_2013_element_exports(
    tmp_path: Path, layout: LayoutStyle
) -> None:
    """Word declares its later namespaces (w14, w15 ...) on the document and may use them in
    the section's settings (here footnote columns): the note's sections copy those settings,
    and the export must still parse them rather than fail with an XML error."""

    def footnote_columns(content: bytes) -> bytes:
        content = content.replace(b"<w:document ", f'<w:document xmlns:w15="{W15}" '.encode())
        content = content.replace(b"</w:sectPr>", b'<w15:footnoteColumns w15:val="1"/></w:sectPr>')
        assert content.count(b"w15:footnoteColumns") == 1
        return content

    template = edited_template(tmp_path, "word/document.xml", footnote_columns)

    with pytest.warns(TemplateStyleWarning):
        document, _ = export_and_reopen(tmp_path, make_meeting(), style=layout, template=template)

    assert any(texts(document))
    sections = list(document.element.body.iter(qn("w:sectPr")))
    assert sections
    assert all(s.find(f"{{{W15}}}footnoteColumns") is not None for s in sections)


def test_a_template_without_page_settings_takes_ours(tmp_path: Path) -> None:
    """A document's page settings (its body's last ``w:sectPr``) are optional: Word opens a
    file without them, so the export must too, on our page (A4, our margins)."""

    def without_page_settings(content: bytes) -> bytes:
        content = re.sub(rb"<w:sectPr.*?</w:sectPr>", b"", content, flags=re.DOTALL)
        assert b"sectPr" not in content
        return content

    template = edited_template(tmp_path, "word/document.xml", without_page_settings)

    with pytest.warns(TemplateStyleWarning):
        document, _ = export_and_reopen(tmp_path, make_meeting(), template=template)

    assert document.sections[0].header.paragraphs[0].text == "MOPAC"
    ours = build_document(make_meeting()).sections[0]
    assert document.sections[0].page_width == ours.page_width
    assert document.sections[0].left_margin == ours.left_margin


@pytest.mark.parametrize("layout", BOARD_NOTE_LAYOUTS)
def test_a_template_whose_table_grid_is_not_a_table_style_exports(
    tmp_path: Path, layout: LayoutStyle
) -> None:
    """A "Table Grid" that is a paragraph style cannot style a table: the 2019 agenda table
    takes the template's default table style, with a warning, and no layout fails."""

    def grid_as_paragraph_style(content: bytes) -> bytes:
        table_grid = b'<w:style w:type="table" w:styleId="TableGrid">'
        assert content.count(table_grid) == 1
        return content.replace(table_grid, table_grid.replace(b"table", b"paragraph"))

    template = edited_template(tmp_path, "word/styles.xml", grid_as_paragraph_style)

    with pytest.warns(TemplateStyleWarning) as caught:
        document, _ = export_and_reopen(tmp_path, make_meeting(), style=layout, template=template)

    assert any("Table Grid style is not a table style" in str(w.message) for w in caught)
    assert any(texts(document))
    for table in document.tables:
        assert table._tbl.tblPr.find(qn("w:tblStyle")) is None


def test_dotx_template_is_accepted(tmp_path: Path) -> None:
    """A Word template (.dotx) differs from a document only in its main content type."""
    reference = docx.Document()
    reference.save(str(tmp_path / "source.docx"))
    template = tmp_path / "house.dotx"
    with (
        zipfile.ZipFile(tmp_path / "source.docx") as source,
        zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            content = source.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
                assert b"template.main+xml" in content
            target.writestr(name, content)

    with pytest.warns(TemplateStyleWarning):
        document, path = export_and_reopen(tmp_path, make_meeting(), template=template)
    assert styled(document, "Title") == ["Reducing Reoffending Board (RRB) | Public Note"]
    with zipfile.ZipFile(path) as package:
        assert b"document.main+xml" in package.read("[Content_Types].xml")


def test_template_that_is_not_a_word_file(tmp_path: Path) -> None:
    template = tmp_path / "notes.docx"
    template.write_text("not a zip")
    with pytest.raises(ExportError, match="is not a Word document"):
        build_document(make_meeting(), template=template)


def test_missing_template(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="could not be found"):
        build_document(make_meeting(), template=tmp_path / "gone.docx")


# -- the user's logo --------------------------------------------------------------------------


def png_bytes(width: int, height: int) -> bytes:
    """A plain red PNG of the given size (no imaging library needed)."""
    rows = b"".join(b"\x00" + b"\xc8\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    path.write_bytes(png_bytes(300, 100))
    return path


def header_pictures(document: Document) -> list[object]:
    return document.sections[0].header._element.findall(".//" + qn("wp:docPr"))


def test_logo_takes_the_place_of_the_first_masthead_line(tmp_path: Path, logo: Path) -> None:
    document, path = export_and_reopen(
        tmp_path, make_meeting(), logo=logo, logo_alt_text="MOPAC crest"
    )

    header = document.sections[0].header
    assert [p.text for p in header.paragraphs] == [
        "",
        "MAYOR OF LONDON",
        "OFFICE FOR POLICING AND CRIME",
    ]
    (doc_pr,) = header_pictures(document)
    assert doc_pr.get("descr") == "MOPAC crest"  # alt text, read by screen readers
    extent = header.paragraphs[0]._p.find(".//" + qn("wp:extent"))
    height, width = int(extent.get("cy")), int(extent.get("cx"))
    assert abs(height - 540_000) < 10  # 1.5 cm
    assert abs(width - 3 * height) < 10  # the aspect ratio is kept
    with zipfile.ZipFile(path) as package:
        assert package.read("word/media/image1.png") == logo.read_bytes()


def test_logo_has_alt_text_by_default(tmp_path: Path, logo: Path) -> None:
    document, _ = export_and_reopen(tmp_path, make_meeting(), logo=logo)
    (doc_pr,) = header_pictures(document)
    assert doc_pr.get("descr") == "Mayor's Office for Policing and Crime (MOPAC) logo"


def test_a_wide_logo_is_scaled_to_fit(tmp_path: Path) -> None:
    wide = tmp_path / "wide.png"
    wide.write_bytes(png_bytes(2000, 100))
    document, _ = export_and_reopen(tmp_path, make_meeting(), logo=wide)
    extent = document.sections[0].header._element.find(".//" + qn("wp:extent"))
    assert int(extent.get("cx")) == 2_160_000  # 6 cm
    assert int(extent.get("cy")) == 108_000


def test_logo_wins_over_the_templates_letterhead(tmp_path: Path, logo: Path) -> None:
    template_document = build_document(make_meeting())
    header = template_document.sections[0].header
    header.paragraphs[0].text = "Our own letterhead"
    template = tmp_path / "letterhead.docx"
    template_document.save(str(template))

    document, _ = export_and_reopen(tmp_path, make_meeting(), template=template, logo=logo)

    texts_in_header = [p.text for p in document.sections[0].header.paragraphs]
    assert texts_in_header == ["", "MAYOR OF LONDON", "OFFICE FOR POLICING AND CRIME"]
    assert len(header_pictures(document)) == 1


def test_the_same_meeting_with_a_logo_gives_identical_bytes(tmp_path: Path, logo: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    export_docx(make_meeting(), first, logo=logo)
    export_docx(make_meeting(), second, logo=logo)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", b"<svg/>", "not an image Word can show"),
        ("logo.png", b"not a picture", "damaged or not a PNG"),
        ("logo.png", png_bytes(10, 10)[:20], "damaged or not a PNG"),
        ("logo.jpg", png_bytes(10, 10), ""),  # a PNG named .jpg is still a picture
    ],
)
def test_a_logo_that_is_not_a_picture_is_a_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    if not message:
        assert check_logo(path).px_width == 10
        return
    with pytest.raises(ExportError, match=message) as caught:
        export_docx(make_meeting(), tmp_path / "note.docx", logo=path)
    assert str(caught.value).endswith(".")
    assert not (tmp_path / "note.docx").exists()


_IMAGE_MAGIC = st.sampled_from(
    [b"\x89PNG\r\n\x1a\n", b"GIF89a", b"\xff\xd8\xff\xe0", b"BM", b"II*\x00", b"MM\x00*", b""]
)


@given(magic=_IMAGE_MAGIC, rest=st.binary(max_size=300))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_as_a_logo_give_a_picture_or_an_export_error(
    tmp_path: Path, magic: bytes, rest: bytes
) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(magic + rest)
    try:
        image = check_logo(path)
    except ExportError as error:
        message = str(error)
    else:
        assert image.px_width > 0
        assert image.px_height > 0
        return
    assert message.startswith("The logo logo.png ")


def test_a_missing_logo_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="could not be found"):
        build_document(make_meeting(), logo=tmp_path / "gone.png")
    (tmp_path / "folder.png").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        build_document(make_meeting(), logo=tmp_path / "folder.png")
