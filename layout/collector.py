"""The cyclic garbage collector paused while a layout or a PDF is being made.

Layout allocates hundreds of thousands of small tuples and frozen dataclasses that hold no
reference cycles; the collector's generation scans over them grew a build as N^1.1 and paused
edit re-layouts on large issues for 150-800 ms. Reference counting still frees everything as
usual; only the cycle search waits until the build is done. The output does not depend on it
(the stored hash of the reference issue's PDF is tested).

When the block ends, what it allocated is handed to the oldest generation in one step
(`gc.freeze()` then `gc.unfreeze()`: two list splices, no scan) instead of being scanned by
the young collection that the first allocation after `gc.enable()` would otherwise start: that
collection walked every object the build made (≈ 15 % of a build, and whole-issue pauses when
editing a large issue). Nothing is kept from the collector: the next full collection looks at
those objects like at any others, so a cycle made during the build is still freed then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block (re-entrant: nested blocks keep it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            promote_survivors()
            gc.enable()


def promote_survivors() -> None:
    """Move every tracked object into the oldest generation without scanning it.

    `gc.freeze()` puts all tracked objects into the permanent generation and resets the young
    generation's allocation count; `gc.unfreeze()` puts them back into the oldest generation,
    where only a full collection looks at them. An earlier `gc.freeze()` by someone else is
    undone by this, which nothing in this program relies on.
    """
    gc.freeze()
    gc.unfreeze()
