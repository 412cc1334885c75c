"""Per-index memo: derived data computed once per key and owned by the loaded index."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["Memo"]


class Memo:
    """``get(key, compute)`` runs ``compute()`` once per key; at most ``size`` keys are kept (LRU).

    Concurrent callers of one key wait for the first computation instead of
    repeating it. Bounded, so a client sweeping audit thresholds cannot grow memory.
    """

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._slots: OrderedDict[Hashable, list[Any]] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            slot = self._slots.get(key)
            if slot is None:
                slot = self._slots[key] = [threading.Lock(), None]
                while len(self._slots) > self.size:
                    self._slots.popitem(last=False)
            else:
                self._slots.move_to_end(key)
        with slot[0]:
            if slot[1] is None:
                slot[1] = (compute(),)
        return slot[1][0]
