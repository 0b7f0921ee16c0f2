"""Serialise a python-docx document to bytes that depend only on its content.

python-docx's own ``save`` stamps every zip entry with the current time, so exporting the
same meeting twice gives two different files: a reviewer cannot tell whether anything
changed, and the committed ``reference.docx`` would churn on every rebuild. Here the package
is saved once in memory, then copied entry by entry into a new zip with a fixed timestamp, a
fixed entry order and fixed attributes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING, Final

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

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

# OPC readers find these two by name, but some (older Office, validators) like them first.
_FIRST_ENTRIES: Final = ("[Content_Types].xml", "_rels/.rels")
_ZIP_EPOCH: Final = datetime(1980, 1, 1)  # the earliest time a zip entry can carry
_ZIP_LAST: Final = datetime(2107, 12, 31, 23, 59, 58)  # and the latest
_ENTRY_MODE: Final = 0o644 << 16  # rw-r--r-- as a Unix zip tool would record it
_UNIX: Final = 3  # ZipInfo.create_system otherwise depends on the platform writing the file


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
    """The ``.docx`` bytes of ``document``; every zip entry is dated ``timestamp``."""
    raw = io.BytesIO()
    document.save(raw)
    stamp = min(max(timestamp.replace(tzinfo=None), _ZIP_EPOCH), _ZIP_LAST)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as target,
    ):
        names = source.namelist()
        ordered: list[str] = [n for n in _FIRST_ENTRIES if n in names]
        ordered += sorted(n for n in names if n not in _FIRST_ENTRIES)
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _ENTRY_MODE
            target.writestr(info, source.read(name))
    return out.getvalue()
