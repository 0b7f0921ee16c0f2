"""A least-recently-used cache bounded by the size of what it holds, not by its entries.

The preview re-renders the whole note after every edit, and most of the note has not
changed: the notes parser (:mod:`models.notes.parser`) and the preview's HTML conversion
(``exporters.preview``) keep what they made from recent text here. Their entries range from
a line to a whole page, so the bound is on the sum of the sizes the caller gives (characters
or bytes of the key text), which keeps the memory used proportional to a few notes whatever
their shape; an entry larger than ``largest`` is not kept at all.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """Values by key, the least recently used dropped first once ``capacity`` is passed.

    A lock keeps the bookkeeping consistent should an export run on another thread than the
    preview; values are shared with every caller, so they must not be changed.
    """

    def __init__(self, capacity: int, largest: int) -> None:
        self._capacity = capacity
        self._largest = largest
        self._held = 0
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: K, value: V, size: int) -> None:
        """Keep ``value`` (of ``size``), unless it alone is larger than ``largest``."""
        if size > self._largest:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (value, size)
            self._held += size
            while self._held > self._capacity:
                _key, (_value, dropped) = self._entries.popitem(last=False)
                self._held -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._held = 0

    @property
    def held(self) -> int:
        """The sizes of the entries held now, summed (for tests of the bound)."""
        return self._held

    def __contains__(self, key: object) -> bool:
        return key in self._entries
