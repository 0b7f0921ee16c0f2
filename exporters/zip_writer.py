"""Write a ``.docx`` zip byte for byte as :mod:`zipfile` writes it, without importing it.

A whole ``rrb-desktop export`` process is held to pandoc's, and importing :mod:`zipfile`
(with the ``shutil``, ``pathlib``, ``importlib.util`` and ``fnmatch`` it pulls in) is a
visible share of such a short process. An export writes one fixed layout: deflated entries
in a given order, one date, Unix ``rw-r--r--`` attributes, no comments, no extra fields, no
ZIP64. That layout is a few ``struct`` records around ``zlib`` streams, written here.

An entry may be given already deflated (:class:`Deflated`), which the writer copies: the
bytes are the same as deflating it then. The exports give their parts as bytes (deflating
our template's parts takes about half a millisecond); the tests give sizes too large to
hold in memory that way, to hold the writer to zipfile's limits.

:mod:`zipfile` stays the reference: ``tests/unit/test_zip_writer.py`` holds the output to
``zipfile.ZipFile(out, "w", compression=ZIP_DEFLATED, compresslevel=6)`` with each entry a
``ZipInfo(name, date_time)`` given ``compress_type=ZIP_DEFLATED``, ``create_system=3`` and
``external_attr=0o644 << 16`` and written by ``writestr``. What that call would write
differently (ZIP64 records, names cut at a NUL byte, backslashes turned into slashes on
Windows, two entries of one name) is refused here with a ``ValueError``.
"""

from __future__ import annotations

import struct
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the type checker only: this module's point is a short import
    from collections.abc import Iterable
    from typing import Final

DateTime = tuple[int, int, int, int, int, int]
"""Year, month, day, hour, minute, second, as :class:`zipfile.ZipInfo` takes them."""

# zipfile's record layouts (its structFileHeader, structCentralDir, structEndArchive).
_LOCAL_HEADER: Final = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER: Final = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD: Final = struct.Struct("<4s4H2LH")
_LOCAL_SIGNATURE: Final = b"PK\x03\x04"
_CENTRAL_SIGNATURE: Final = b"PK\x01\x02"
_END_SIGNATURE: Final = b"PK\x05\x06"

_VERSION: Final = 20  # zipfile's DEFAULT_VERSION: deflate, no ZIP64 (2.0)
_UNIX: Final = 3  # create_system
_DEFLATED: Final = 8  # compress_type ZIP_DEFLATED
_UTF8_NAME: Final = 0x800  # general purpose flag bit 11: the name is UTF-8 (zipfile's rule)
_ENTRY_MODE: Final = 0o644 << 16  # external_attr: rw-r--r--
# The central header's fields after the name and extra lengths: comment length, disk number,
# internal and external attributes (then the local header's offset).
_CENTRAL_ATTRIBUTES: Final = (0, 0, 0, _ENTRY_MODE)
# zipfile's level for a ZipInfo written by writestr is zlib's default, which zlib defines as
# level 6: the same stream as compresslevel=6. Raw deflate (negative window bits), as zip
# entries hold it.
_LEVEL: Final = 6
_WINDOW_BITS: Final = -15

_ZIP64_LIMIT: Final = (1 << 31) - 1  # zipfile's ZIP64_LIMIT: beyond it, ZIP64 records
_ENTRY_COUNT_LIMIT: Final = (1 << 16) - 1
_FIELD_RANGES: Final = ((1980, 2107), (1, 12), (1, 31), (0, 23), (0, 59), (0, 59))
_FIELD_NAMES: Final = ("year", "month", "day", "hour", "minute", "second")


def deflate(data: bytes) -> bytes:
    """``data`` as the raw deflate stream zipfile writes for it."""
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, _WINDOW_BITS)
    return compressor.compress(data) + compressor.flush()


class Deflated:
    """An entry's content already deflated: its stream, the CRC-32 and size of the content.

    Give a constant part as ``Deflated.of(data)`` once (per process, or stored with the
    resource it comes from) and the writer copies the stream instead of deflating the part
    at every export. A stream deflated otherwise (another level, another zlib) still makes a
    valid zip, but not the bytes zipfile would write: :meth:`of` is the way to get those.
    """

    __slots__ = ("crc", "size", "stream")

    def __init__(self, stream: bytes, crc: int, size: int) -> None:
        if not 0 <= crc <= 0xFFFFFFFF:
            raise ValueError(f"a CRC-32 is 0 to 2**32 - 1, not {crc}")
        if size < 0:
            raise ValueError(f"an entry's size cannot be negative ({size})")
        self.stream: Final = stream
        self.crc: Final = crc
        self.size: Final = size

    @classmethod
    def of(cls, data: bytes) -> Deflated:
        """``data`` deflated as :func:`zip_bytes` would deflate it."""
        return cls(deflate(data), zlib.crc32(data), len(data))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Deflated):
            return NotImplemented
        return (self.stream, self.crc, self.size) == (other.stream, other.crc, other.size)

    def __hash__(self) -> int:
        return hash((self.stream, self.crc, self.size))

    def __repr__(self) -> str:
        return f"Deflated(<{len(self.stream)} bytes>, crc={self.crc:#010x}, size={self.size})"


def zip_bytes(entries: Iterable[tuple[str, bytes | Deflated]], date_time: DateTime) -> bytes:
    """A zip of ``entries`` in their order, each deflated and dated ``date_time``.

    An entry's content is its bytes, or a :class:`Deflated` to copy as it is. The result is
    what zipfile writes for the same entries (see the module's docstring); a name or a size
    that zipfile would write otherwise raises ``ValueError``.
    """
    dos_date, dos_time = _dos_date_time(date_time)
    pieces: list[bytes] = []
    directory: list[bytes] = []
    names: set[str] = set()
    offset = 0
    for name, content in entries:
        encoded, flags = _encoded_name(name, names)
        entry = content if isinstance(content, Deflated) else Deflated.of(content)
        _check_sizes(name, entry, offset)
        common = (flags, _DEFLATED, dos_time, dos_date, entry.crc, len(entry.stream), entry.size)
        lengths = (len(encoded), 0)  # of the name and of the extra field
        local = _LOCAL_HEADER.pack(_LOCAL_SIGNATURE, _VERSION, 0, *common, *lengths)
        central = _CENTRAL_HEADER.pack(
            _CENTRAL_SIGNATURE, _VERSION, _UNIX, _VERSION, 0, *common, *lengths,
            *_CENTRAL_ATTRIBUTES, offset,
        )  # fmt: skip
        pieces += (local, encoded, entry.stream)
        directory += (central, encoded)
        offset += len(local) + len(encoded) + len(entry.stream)
    count = len(names)
    directory_size = sum(map(len, directory))
    if count > _ENTRY_COUNT_LIMIT or offset > _ZIP64_LIMIT or directory_size > _ZIP64_LIMIT:
        raise ValueError("the zip would need ZIP64 records: too many entries or bytes")
    end = _END_RECORD.pack(_END_SIGNATURE, 0, 0, count, count, directory_size, offset, 0)
    return b"".join([*pieces, *directory, end])


def _dos_date_time(date_time: DateTime) -> tuple[int, int]:
    """The MS-DOS date and time fields of ``date_time`` (seconds to the even one below)."""
    if len(date_time) != len(_FIELD_RANGES):
        raise ValueError(f"a zip date is (year, month, day, hour, minute, second): {date_time}")
    for value, (low, high), field in zip(date_time, _FIELD_RANGES, _FIELD_NAMES, strict=True):
        if not low <= value <= high:
            raise ValueError(f"a zip entry's {field} is {low} to {high}, not {value}")
    year, month, day, hour, minute, second = date_time
    return (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2


def _encoded_name(name: str, seen: set[str]) -> tuple[bytes, int]:
    """``name`` as the zip records it, and the flags saying how; ``seen`` gets it."""
    if "\x00" in name or "\\" in name:
        raise ValueError(f"a zip entry name holds no NUL byte or backslash: {name!r}")
    if name in seen:
        raise ValueError(f"two zip entries are named {name!r}")
    seen.add(name)
    if name.isascii():
        encoded, flags = name.encode("ascii"), 0
    else:
        try:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        except UnicodeEncodeError:
            raise ValueError(f"a zip entry name must be encodable as UTF-8: {name!r}") from None
    if len(encoded) > 0xFFFF:
        raise ValueError(f"a zip entry name is at most 65535 bytes, not {len(encoded)}")
    return encoded, flags


def _check_sizes(name: str, entry: Deflated, offset: int) -> None:
    """Refuse an entry that zipfile would write with ZIP64 records."""
    # zipfile's own test for ZIP64 in the local header, float and all.
    if entry.size * 1.05 > _ZIP64_LIMIT or len(entry.stream) > _ZIP64_LIMIT:
        raise ValueError(f"the zip entry {name!r} is too large without ZIP64 records")
    if offset > _ZIP64_LIMIT:
        raise ValueError(f"the zip entry {name!r} starts too far in without ZIP64 records")
