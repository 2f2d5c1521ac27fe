"""A per-process least-recently-used map with a size bound, for what the ticketing hot paths compile once.

Every cache of this package that lives as long as the process is one of these (or the mapping cache, which is
bounded the same way), sized by a setting (`configure` in `services/ticketing/applicable.py`), so a worker's memory
stays flat however many versions, schedules and customers it has seen: the least recently used entry goes first.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


class BoundedCache(Generic[Key, Value]):
    """Never anything per caller: only what is keyed by immutable data (a version id, a schedule's content)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Key, Value] = OrderedDict()

    @property
    def size(self) -> int:
        return self._size

    def __len__(self) -> int:
        return len(self._items)

    def resize(self, size: int) -> None:
        """A new bound (0 keeps nothing); the least recently used entries beyond it are dropped now."""
        self._size = max(size, 0)
        self._evict()

    def get(self, key: Key) -> Value | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: Key, value: Value) -> Value:
        self._items[key] = value
        self._items.move_to_end(key)
        self._evict()
        return value

    def clear(self) -> None:
        self._items.clear()

    def _evict(self) -> None:
        while len(self._items) > self._size:
            self._items.popitem(last=False)
