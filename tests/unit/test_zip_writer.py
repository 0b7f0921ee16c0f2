"""The zip writer against zipfile: the same bytes for any names, contents and date.

``exporters.zip_writer`` exists so that an export does not import zipfile, and zipfile is
what it is held to: the reference (``zipfile_bytes``, shared with the writer's benchmark) is
the way ``document_bytes`` wrote its zips with zipfile, and every generated case must come
out byte for byte the same, whether a part is given as bytes or deflated beforehand, and read
back by zipfile intact.
"""

from __future__ import annotations

import io
import operator
import random
import struct
import subprocess
import sys
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.zip_writer import zipfile_bytes
from exporters.zip_writer import DateTime, Deflated, deflate, zip_bytes

ROOT = Path(__file__).resolve().parents[2]


def _random_bytes(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


# Names as zipfile keeps them: no NUL (it cuts the name there) and no backslash (it turns
# them into slashes on Windows); ASCII ones, and any other character UTF-8 can encode.
_NAME_CHARACTERS = st.characters(exclude_characters="\x00\\", exclude_categories=("Cs",))
_NAMES = st.one_of(
    st.text(st.characters(min_codepoint=1, max_codepoint=127, exclude_characters="\\")),
    st.text(_NAME_CHARACTERS, min_size=1),
    st.sampled_from(["word/document.xml", "[Content_Types].xml", "_rels/.rels", "dir/"]),
)
_DATA = st.one_of(
    st.just(b""),
    st.binary(max_size=300),
    # Large and compressible: a short pattern repeated (a long XML part is mostly that).
    st.builds(operator.mul, st.binary(min_size=1, max_size=64), st.integers(1, 4000)),
    # Large and incompressible: deflate stores it in blocks, larger than the data.
    st.builds(_random_bytes, st.integers(), st.integers(1, 200_000)),
)
_ENTRIES = st.lists(st.tuples(_NAMES, _DATA), max_size=8, unique_by=lambda entry: entry[0])
_DATE_TIMES = st.datetimes(datetime(1980, 1, 1), datetime(2107, 12, 31, 23, 59, 59)).map(
    lambda stamp: (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
)


@given(_ENTRIES, _DATE_TIMES, st.data())
@settings(max_examples=150, deadline=None)
def test_the_zip_is_what_zipfile_writes(
    entries: list[tuple[str, bytes]], date_time: DateTime, data: st.DataObject
) -> None:
    expected = zipfile_bytes(entries, date_time)
    assert zip_bytes(entries, date_time) == expected
    # Any of the entries deflated beforehand: the same bytes.
    deflated = data.draw(st.lists(st.booleans(), min_size=len(entries), max_size=len(entries)))
    mixed = [
        (name, Deflated.of(content) if ahead else content)
        for (name, content), ahead in zip(entries, deflated, strict=True)
    ]
    assert zip_bytes(mixed, date_time) == expected


@given(_ENTRIES, _DATE_TIMES)
@settings(max_examples=50, deadline=None)
def test_zipfile_reads_every_entry_back(
    entries: list[tuple[str, bytes]], date_time: DateTime
) -> None:
    with zipfile.ZipFile(io.BytesIO(zip_bytes(entries, date_time))) as archive:
        assert archive.testzip() is None
        assert [info.filename for info in archive.infolist()] == [name for name, _ in entries]
        for info, (name, content) in zip(archive.infolist(), entries, strict=True):
            assert archive.read(info) == content, name
            # The DOS time keeps even seconds only.
            assert info.date_time == (*date_time[:5], date_time[5] // 2 * 2)
            assert info.external_attr == 0o644 << 16
            assert info.create_system == 3
            assert bool(info.flag_bits & 0x800) == (not name.isascii())


def test_the_reference_document_is_rewritten_byte_for_byte() -> None:
    """The committed reference document, read by zipfile and written again, is itself.

    Its streams were deflated by this zlib build; another build (zlib-ng) deflates otherwise.
    """
    original = (ROOT / "resources" / "reference.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
        date_time = archive.infolist()[0].date_time
    if deflate(entries[0][1]) != _first_stream(original):
        pytest.skip(f"zlib {zlib.ZLIB_RUNTIME_VERSION} deflates otherwise than the one it had")
    assert zip_bytes(entries, date_time) == original


def _first_stream(archive: bytes) -> bytes:
    """The first entry's deflated stream, as its local header places it."""
    name_size, extra_size = struct.unpack_from("<HH", archive, 26)
    stream_size = struct.unpack_from("<I", archive, 18)[0]
    return archive[30 + name_size + extra_size : 30 + name_size + extra_size + stream_size]


@pytest.mark.parametrize(
    ("entries", "date_time", "message"),
    [
        ([("a\x00b", b"")], (2025, 1, 1, 0, 0, 0), "NUL byte or backslash"),
        ([("word\\document.xml", b"")], (2025, 1, 1, 0, 0, 0), "NUL byte or backslash"),
        ([("a", b"1"), ("a", b"2")], (2025, 1, 1, 0, 0, 0), "two zip entries are named 'a'"),
        ([("\ud800", b"")], (2025, 1, 1, 0, 0, 0), "encodable as UTF-8"),
        ([("é" * 32768, b"")], (2025, 1, 1, 0, 0, 0), "at most 65535 bytes, not 65536"),
        ([], (1979, 12, 31, 23, 59, 59), "year is 1980 to 2107, not 1979"),
        ([], (2108, 1, 1, 0, 0, 0), "year is 1980 to 2107, not 2108"),
        ([], (2025, 13, 1, 0, 0, 0), "month is 1 to 12, not 13"),
        ([], (2025, 1, 0, 0, 0, 0), "day is 1 to 31, not 0"),
        ([], (2025, 1, 1, 24, 0, 0), "hour is 0 to 23, not 24"),
        ([], (2025, 1, 1, 0, 60, 0), "minute is 0 to 59, not 60"),
        ([], (2025, 1, 1, 0, 0, 60), "second is 0 to 59, not 60"),
        ([], (2025, 1, 1, 0, 0), "year, month, day, hour, minute, second"),
        # Sizes at which zipfile writes ZIP64 records (the stream need not be that long).
        ([("big", Deflated(b"", 0, 2045 * 1024 * 1024))], (2025, 1, 1, 0, 0, 0), "too large"),
    ],
)
def test_what_zipfile_would_write_otherwise_is_refused(
    entries: list[tuple[str, bytes | Deflated]], date_time: DateTime, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        zip_bytes(entries, date_time)


def test_the_largest_size_without_zip64_is_written() -> None:
    """One byte under zipfile's ZIP64 threshold: the sizes go in the records as they are."""
    size = int(((1 << 31) - 1) / 1.05)
    assert size * 1.05 <= (1 << 31) - 1
    written = zip_bytes([("big", Deflated(b"\x03\x00", 0, size))], (2025, 1, 1, 0, 0, 0))
    assert int.from_bytes(written[22:26], "little") == size


def test_too_many_entries_are_refused() -> None:
    entries: list[tuple[str, bytes | Deflated]] = [
        (str(n), Deflated(b"\x03\x00", 0, 0)) for n in range(65536)
    ]
    with pytest.raises(ValueError, match="ZIP64"):
        zip_bytes(entries, (2025, 1, 1, 0, 0, 0))
    assert zip_bytes(entries[:-1], (2025, 1, 1, 0, 0, 0)) == zipfile_bytes(
        [(name, b"") for name, _ in entries[:-1]], (2025, 1, 1, 0, 0, 0)
    )


@pytest.mark.parametrize(("crc", "size"), [(-1, 0), (1 << 32, 0), (0, -1)])
def test_a_deflated_part_with_impossible_fields_is_refused(crc: int, size: int) -> None:
    with pytest.raises(ValueError, match=r"CRC-32|negative"):
        Deflated(b"", crc, size)


def test_importing_the_writer_imports_no_zipfile() -> None:
    """Its reason to exist: a process that writes a zip with it never loads zipfile."""
    code = "import sys, exporters.zip_writer; print('zipfile' in sys.modules)"
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "False"
