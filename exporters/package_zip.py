"""The ``.docx`` zip, written so that its bytes depend only on its parts.

python-docx's own ``save`` stamps every zip entry with the current time, so exporting the
same meeting twice gave two different files: a reviewer could not tell whether anything
changed, and the committed ``reference.docx`` would churn on every rebuild. Here the parts go
into a zip with a fixed timestamp (the note's date), a fixed entry order and fixed
attributes. No python-docx here: both ways of building a note zip through this module
(:mod:`exporters.package`, :mod:`exporters.lean`).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterable

# OPC readers find these two by name, but some (older Office, validators) like them first.
_FIRST_ENTRIES: Final = ("[Content_Types].xml", "_rels/.rels")
_ZIP_EPOCH: Final = datetime(1980, 1, 1)  # the earliest time a zip entry can carry
_ZIP_LAST: Final = datetime(2107, 12, 31, 23, 59, 58)  # and the latest
_ENTRY_MODE: Final = 0o644 << 16  # rw-r--r-- as a Unix zip tool would record it
_UNIX: Final = 3  # ZipInfo.create_system otherwise depends on the platform writing the file


def zip_order(names: Iterable[str]) -> list[str]:
    """``[Content_Types].xml`` and ``_rels/.rels`` first, the rest by name."""
    names = list(names)
    ordered: list[str] = [n for n in _FIRST_ENTRIES if n in names]
    return ordered + sorted(n for n in names if n not in _FIRST_ENTRIES)


def zip_entries(entries: dict[str, bytes], timestamp: datetime) -> bytes:
    """The zip of ``entries`` (name -> bytes), every entry dated ``timestamp``.

    ``[Content_Types].xml`` and ``_rels/.rels`` come first, the rest by name.
    """
    stamp = min(max(timestamp.replace(tzinfo=None), _ZIP_EPOCH), _ZIP_LAST)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name in zip_order(entries):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _ENTRY_MODE
            target.writestr(info, entries[name])
    return out.getvalue()
