"""A user's template and logo are untrusted input: bounded before reading, cleaned before use.

A template is a zip the user picked (or was sent): it can declare a member of gigabytes that
inflates from a few kilobytes, be a device file that never ends (``/dev/zero``), or carry
what must not reach a public note: its comments (with their author), custom XML, custom
properties, a thumbnail of someone else's page, and links Word follows when the note is
opened (an ``attachedTemplate`` URL, a linked image). :func:`read_bounded` and
:func:`check_zip_sizes` refuse oversize input with one clear sentence before anything is
inflated; :func:`strip_template` removes the rest from the opened document.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from exporters.errors import ExportError

if TYPE_CHECKING:
    from docx.document import Document

# Generous for a letterhead template with a logo or two; far below what hurts.
TEMPLATE_FILE_LIMIT: Final = 20 * 1024 * 1024
TEMPLATE_MEMBER_LIMIT: Final = 50 * 1024 * 1024
TEMPLATE_TOTAL_LIMIT: Final = 100 * 1024 * 1024
LOGO_FILE_LIMIT: Final = 10 * 1024 * 1024
LOGO_PIXEL_LIMIT: Final = 40_000_000  # about 8,000 x 5,000: far more than a header shows
LOGO_SIDE_LIMIT: Final = 20_000

# Parts a public note never takes from a template, by the relationship that reaches them.
_STRIPPED_RELATIONSHIPS: Final = frozenset(
    {
        RT.COMMENTS,
        RT.COMMENT_AUTHORS,
        RT.CUSTOM_PROPERTIES,
        RT.CUSTOM_XML,
        RT.THUMBNAIL,
        RT.GLOSSARY_DOCUMENT,
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
        "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
        "http://schemas.microsoft.com/office/2011/relationships/people",
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
    }
)
# Anchors of the template's comments left in its header and footer.
_COMMENT_MARKS: Final = ("w:commentRangeStart", "w:commentRangeEnd", "w:commentReference")
_MB: Final = 1024 * 1024


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Read with a cap rather than trusting the size on disk: ``/dev/zero`` says 0 and never ends.
    """
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            raise ExportError(f"The {what} {path} is not a regular file.")
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError as exc:
        raise ExportError(f"The {what} {path} could not be found.") from exc
    except IsADirectoryError as exc:
        raise ExportError(f"The {what} {path} is a folder, not a file.") from exc
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise ExportError(f"The {what} {path.name} could not be read ({reason}).") from exc
    if len(data) > limit:
        raise ExportError(
            f"The {what} {path.name} is larger than {limit // _MB} MB: choose a smaller file."
        )
    return data


def check_zip_sizes(data: bytes, name: str) -> None:
    """Refuse a template whose members would inflate past the limits, before inflating any."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return  # python-docx refuses it with its own message
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        total = 0
        for info in package.infolist():
            total += info.file_size
            if info.file_size > TEMPLATE_MEMBER_LIMIT or total > TEMPLATE_TOTAL_LIMIT:
                raise ExportError(
                    f"The Word template {name} holds more than {TEMPLATE_TOTAL_LIMIT // _MB} MB"
                    f" once unpacked ({info.filename}): it is not a template the note can use."
                )


def check_image_size(width: int, height: int, name: str) -> None:
    """Refuse an image whose pixels would take far more memory than a header logo needs."""
    if width > LOGO_SIDE_LIMIT or height > LOGO_SIDE_LIMIT or width * height > LOGO_PIXEL_LIMIT:
        raise ExportError(
            f"The logo {name} is {width} x {height} pixels, larger than a logo needs:"
            " choose an image under 8,000 x 5,000."
        )


def strip_template(document: Document) -> None:
    """Remove from ``document`` everything of its template a note must not carry.

    Comments, custom XML, custom properties, the thumbnail and macros go with the
    relationships that reach them (python-docx saves only what is reachable); every external
    relationship but a hyperlink (Word fetches attached templates, linked images, frames)
    goes with the attributes and elements that point at it.
    """
    package = document.part.package
    _drop_relationships(package.rels, None)
    for part in list(package.iter_parts()):
        element: Any = getattr(part, "_element", None)
        _drop_relationships(part.rels, element)
        if element is not None and part.partname.startswith(("/word/header", "/word/footer")):
            for tag in _COMMENT_MARKS:
                for mark in element.iter(qn(tag)):
                    parent = mark.getparent()
                    if parent is not None:
                        parent.remove(mark)
    settings: Any = document.settings.element
    for attached in settings.findall(qn("w:attachedTemplate")):
        settings.remove(attached)


def _drop_relationships(rels: Any, element: Any) -> None:
    for rel_id, rel in list(rels.items()):
        external_fetch = rel.is_external and rel.reltype != RT.HYPERLINK
        if rel.reltype in _STRIPPED_RELATIONSHIPS or external_fetch:
            del rels[rel_id]
            if element is not None:
                _forget_reference(element, rel_id)


def _forget_reference(element: Any, rel_id: str) -> None:
    """Remove what points at ``rel_id``: an attribute, or the whole element if it is a link."""
    for node in list(element.iter()):
        for attribute, value in list(node.attrib.items()):
            if value != rel_id or not attribute.startswith("{http://schemas.openxmlformats"):
                continue
            if attribute.endswith("}link") or attribute.endswith("}embed"):
                del node.attrib[attribute]
            else:
                parent = node.getparent()
                if parent is not None:
                    parent.remove(node)
                break
