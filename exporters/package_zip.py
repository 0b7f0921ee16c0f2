"""The ``.docx`` zip, written so that its bytes depend only on its parts.

python-docx's own ``save`` stamps every zip entry with the current time, so exporting the
same meeting twice gave two different files: a reviewer could not tell whether anything
changed, and the committed ``reference.docx`` would churn on every rebuild. Here the parts go
into a zip with a fixed timestamp (the note's date), a fixed entry order and fixed
attributes. No python-docx here: both ways of building a note zip through this module
(:mod:`exporters.package`, :mod:`exporters.lean`); and no zipfile: :mod:`exporters.zip_writer`
writes what zipfile wrote, without the cost of importing it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Final

from exporters.zip_writer import Deflated, zip_bytes

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

# OPC readers find these two by name, but some (older Office, validators) like them first.
_FIRST_ENTRIES: Final = ("[Content_Types].xml", "_rels/.rels")
_ZIP_EPOCH: Final = datetime(1980, 1, 1)  # the earliest time a zip entry can carry
_ZIP_LAST: Final = datetime(2107, 12, 31, 23, 59, 58)  # and the latest


def zip_order(names: Iterable[str]) -> list[str]:
    """``[Content_Types].xml`` and ``_rels/.rels`` first, the rest by name."""
    names = list(names)
    ordered: list[str] = [n for n in _FIRST_ENTRIES if n in names]
    return ordered + sorted(n for n in names if n not in _FIRST_ENTRIES)


def zip_entries(entries: Mapping[str, bytes | Deflated], timestamp: datetime) -> bytes:
    """The zip of ``entries`` (name -> bytes), every entry dated ``timestamp``.

    ``[Content_Types].xml`` and ``_rels/.rels`` come first, the rest by name. A part the
    same in every note may be given already deflated (:class:`Deflated`): it is copied.
    """
    stamp = min(max(timestamp.replace(tzinfo=None), _ZIP_EPOCH), _ZIP_LAST)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    return zip_bytes([(name, entries[name]) for name in zip_order(entries)], date_time)
