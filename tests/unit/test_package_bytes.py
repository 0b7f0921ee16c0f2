"""Writing the package: in one step, the bytes python-docx's save and a copy into our zip gave.

``document_bytes`` serialises the parts as python-docx's ``save`` does and compresses them once;
it used to ``save`` into a zip and copy every entry into a second one. The straightforward way
is kept here, and the two must agree on whatever templates and images a note is built from.
The zip entries are dated from the document's ``modified`` time, now read without
python-docx's ``strptime``: it must read every text as python-docx does.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.zip_writer import zipfile_bytes
from exporters import package
from exporters.docx_export import TemplateStyleWarning, build_document, modified_time
from exporters.package import document_bytes
from exporters.template import open_template
from models.enums import Audience, LayoutStyle
from tests.unit.test_docx_export import make_meeting
from tests.unit.test_docx_templates import png_bytes

if TYPE_CHECKING:
    from pathlib import Path

    from docx.document import Document


def saved_then_copied(document: Document, timestamp: datetime) -> bytes:
    """What document_bytes wrote before: python-docx's save, then each entry copied (by
    zipfile, as document_bytes wrote zips before ``exporters.zip_writer``)."""
    raw = io.BytesIO()
    document.save(raw)
    stamp = timestamp.replace(tzinfo=None)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    with zipfile.ZipFile(raw) as source:
        names = source.namelist()
        first = ("[Content_Types].xml", "_rels/.rels")
        ordered = [n for n in first if n in names] + sorted(n for n in names if n not in first)
        return zipfile_bytes([(name, source.read(name)) for name in ordered], date_time)


def _plain_template(tmp_path: Path) -> Path:
    """python-docx's own template: other parts, and none of our styles."""
    path = tmp_path / "plain.docx"
    docx.Document().save(str(path))
    return path


@pytest.mark.parametrize("kind", ["reference", "note", "internal record", "plain", "logo"])
def test_document_bytes_are_what_saving_and_copying_gave(tmp_path: Path, kind: str) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes(300, 120))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TemplateStyleWarning)
        document = {
            "reference": lambda: open_template(None),
            "note": lambda: build_document(make_meeting()),
            "internal record": lambda: build_document(
                make_meeting(), LayoutStyle.RECORD_OF_MEETING, audience=Audience.INTERNAL
            ),
            "plain": lambda: build_document(make_meeting(), template=_plain_template(tmp_path)),
            "logo": lambda: build_document(make_meeting(), logo=logo),
        }[kind]()
    stamp = datetime(2025, 6, 19, 13, 30, 5, tzinfo=UTC)
    assert document_bytes(document, stamp) == saved_then_copied(document, stamp)


def test_a_python_docx_without_the_private_writer_steps_gets_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The steps document_bytes borrows are private: a python-docx that renames them must
    cost an export its speed, not the export."""
    document = build_document(make_meeting())
    stamp = datetime(2025, 6, 19, 13, 30, 5, tzinfo=UTC)
    expected = document_bytes(document, stamp)
    monkeypatch.setattr(package, "PackageWriter", type("RenamedSteps", (), {}))
    assert document_bytes(document, stamp) == expected == saved_then_copied(document, stamp)


# Times in the form an export writes, and near it: every field out of range somewhere,
# a wrong separator, a zone other than Z, something short or long.
_DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=5)
_TIME_TEXT = st.one_of(
    st.builds(
        lambda year, month, day, hour, minute, second, zone: (
            f"{year}-{month}-{day}T{hour}:{minute}:{second}{zone}"
        ),
        st.sampled_from(["2025", "0000", "0001", "9999", "202"]) | _DIGITS,
        st.sampled_from(["01", "12", "00", "13", "6"]) | _DIGITS,
        st.sampled_from(["01", "28", "29", "30", "31", "32", "00"]) | _DIGITS,
        st.sampled_from(["00", "23", "24"]) | _DIGITS,
        st.sampled_from(["00", "59", "60"]) | _DIGITS,
        st.sampled_from(["00", "59", "60", "61"]) | _DIGITS,
        st.sampled_from(["Z", "", "+01:00", "-07:30", "z", "ZZ"]),
    ),
    st.text(alphabet="0123456789-T:Z+ ", max_size=22),
)


@given(_TIME_TEXT)
@settings(max_examples=300)
def test_the_modified_time_is_what_python_docx_reads(text: str) -> None:
    document = open_template(None)
    core: Any = document.core_properties._element
    element = core.find(qn("dcterms:modified"))
    element.text = text
    assert modified_time(document) == document.core_properties.modified
