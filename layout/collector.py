"""The cyclic garbage collector paused while a layout or a PDF is being made.

Layout allocates hundreds of thousands of small tuples and frozen dataclasses that hold no
reference cycles; the collector's generation scans over them grew a build as N^1.1 and paused
edit re-layouts on large issues for 150-800 ms. Reference counting still frees everything as
usual; only the cycle search waits until the build is done. The output does not depend on it
(the stored hash of the reference issue's PDF is tested).
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
            gc.enable()
