"""The one owner of every font cache: in memory (per process) and on disk (per user).

In memory, each kind of result has its own store with its own bound, all held by one
`FontCache` (`CACHE`), so "forget the installed fonts" or "start cold" is one call and the
eviction rules are read in one place. On disk, `cache_dir()` holds the font index, finished
subsets and (CFF2 faces only) glyphs converted to TrueType outlines; every disk entry is keyed by the font
file's identity (`face_stamp`), so a reinstalled font invalidates only its own entries.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from ..cachedir import cache_dir as cache_dir  # the one cache folder, re-exported
from ..digest import sha1
from ..display import FaceRef

K = TypeVar("K")
V = TypeVar("V")


def face_stamp(face: FaceRef) -> str:
    """Identity of a face's file for cache keys: a reinstalled font has a new size or mtime."""
    st = os.stat(face.path)
    raw = f"{os.path.abspath(face.path)}|{face.index}|{st.st_size}|{st.st_mtime_ns}"
    return sha1(raw.encode("utf-8")).hexdigest()[:16]


class Store(dict[K, V], Generic[K, V]):
    """A dict that empties itself before it would grow past its bound.

    Dropping everything (rather than the oldest entry) is deliberate: the entries are cheap to
    rebuild from the disk cache, and a build touches them in bursts."""

    def __init__(
        self,
        max_items: int | None = None,
        max_weight: int | None = None,
        weigh: Callable[[V], int] | None = None,
    ) -> None:
        super().__init__()
        self.max_items, self.max_weight, self.weigh = max_items, max_weight, weigh
        self._weight = 0

    def put(self, key: K, value: V) -> V:
        if self.max_items is not None and len(self) > self.max_items:
            self.clear()
        if self.weigh is not None:
            w = self.weigh(value)
            if self.max_weight is not None and self._weight + w > self.max_weight:
                self.clear()
            self._weight += w
        self[key] = value
        return value

    def clear(self) -> None:
        super().clear()
        self._weight = 0


class FontCache:
    """Every in-memory font cache of the process.

    catalogs      (platform, extra font dirs) -> installed faces          unbounded (one or two keys)
    name_indexes  id(catalog) -> name lookup tables                        17 catalogs
    metrics       (path, index, mtime) -> FaceMetrics                      unbounded (one per face)
    standalone    (path, index, mtime) -> one face as a standalone file    96 MiB of font bytes
    sources       (path, index, mtime) -> glyph source (glyf, parsed CFF, CFF2 converted)  unbounded
    embedded      (face stamp, characters) -> EmbeddedFont                 65 subsets
    """

    STANDALONE_BYTES = 96 * 1024 * 1024

    def __init__(self) -> None:
        self.catalogs: Store[tuple, Any] = Store()
        self.name_indexes: Store[int, Any] = Store(max_items=16)
        self.metrics: Store[tuple[str, int, int], Any] = Store()
        self.standalone: Store[tuple[str, int, int], bytes] = Store(
            max_weight=self.STANDALONE_BYTES, weigh=len
        )
        self.sources: Store[tuple[str, int, int], Any] = Store()
        self.embedded: Store[tuple, Any] = Store(max_items=64)

    def stores(self) -> dict[str, Store]:
        return {k: v for k, v in vars(self).items() if isinstance(v, Store)}

    def forget_installed_faces(self) -> None:
        """Fonts were installed or removed: discover them again on the next FontBook."""
        self.catalogs.clear()
        self.name_indexes.clear()

    def clear(self) -> None:
        """Start cold (tests, benchmarks): every in-memory store is emptied; the disk cache stays."""
        for store in self.stores().values():
            store.clear()


CACHE = FontCache()
