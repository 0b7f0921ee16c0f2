"""Serialise a python-docx document to bytes that depend only on its content.

python-docx's own ``save`` stamps every zip entry with the current time, so exporting the
same meeting twice gives two different files: a reviewer cannot tell whether anything
changed, and the committed ``reference.docx`` would churn on every rebuild. Here the parts
are serialised as ``save`` serialises them and written into a zip with a fixed timestamp, a
fixed entry order and fixed attributes.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter

from exporters.package_zip import zip_entries

if TYPE_CHECKING:
    from docx.document import Document

# The extended ("app") properties every export carries: the template's own (page and word
# counts, editing time, company) would be stale, and Word recomputes the counts on save.
APP_PROPERTIES_XML: Final = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"><Application>rrb_desktop</Application><DocSecurity>0</DocSecurity>'
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def replace_app_properties(document: Document) -> None:
    """Give ``document`` our own ``docProps/app.xml`` in place of its template's."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            del package.rels[rel_id]
    app = Part(
        PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, APP_PROPERTIES_XML, package
    )
    package.relate_to(app, RT.EXTENDED_PROPERTIES)


def document_bytes(document: Document, timestamp: datetime) -> bytes:
    """The ``.docx`` bytes of ``document``; every zip entry is dated ``timestamp``.

    The parts are serialised as python-docx's ``save`` serialises them (the steps of its
    ``PackageWriter``) and compressed once, straight into our zip: saving a zip with
    python-docx and then reading and compressing every entry again cost an export as much
    as writing the parts did. The golden export tests hold the bytes to the two-step way. A
    python-docx whose writer lacks those private steps gets the two steps (``_entries``).
    """
    return zip_entries(_entries(document), timestamp)


def _entries(document: Document) -> dict[str, bytes]:
    """Every part's bytes by zip entry name, as python-docx's ``save`` would write them."""
    try:
        return _written_entries(document)
    except AttributeError:  # a python-docx without these private steps: its public way
        import zipfile  # noqa: PLC0415 (this fallback alone reads a zip)

        raw = io.BytesIO()
        document.save(raw)
        with zipfile.ZipFile(raw) as saved:
            return {name: saved.read(name) for name in saved.namelist()}


def _written_entries(document: Document) -> dict[str, bytes]:
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    entries = _Entries()
    # python-docx has no public way to get the entries without zipping them; its writer's
    # steps are untyped and take any object with its zip writer's ``write``.
    writer: Any = PackageWriter
    writer._write_content_types_stream(entries, parts)
    writer._write_pkg_rels(entries, package.rels)
    writer._write_parts(entries, parts)
    return entries


class _Entries(dict[str, bytes]):
    """The zip entries python-docx's ``PackageWriter`` writes, by name, kept in memory."""

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self[pack_uri.membername] = blob
