"""Which pages of a new layout show exactly what a page of an earlier layout showed.

The proof view keeps a page's rendering (and its thumbnail) while the page's content is the same.
Hashing every display item of a 400-page issue after each keystroke would cost more than the
layout; instead items are known by identity: the layout cache hands unchanged lines back as the
very same objects, so only new objects (the edited paragraph, folios and running heads made
afresh) are looked up by value.

`PageIdentity.keys(book)` gives one hashable key per page; two pages with equal keys have equal
items in the same order. Qt-free, so the layout worker computes the keys next to the layout and
the GUI thread only compares them.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable

from layout.display import Book

PageKey = tuple[float, float, tuple[int, ...]]


class PageIdentity:
    """Content keys of pages, remembered across layouts (one instance per stream of layouts)."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        # id(item) -> (item, token): holding the item keeps its id from being reused
        self._by_id: dict[int, tuple[Hashable, int]] = {}
        self._by_value: dict[Hashable, int] = {}
        self._tokens = itertools.count(1)
        self._faces: object = None

    def keys(self, book: Book) -> list[PageKey]:
        if self._faces is not None and self._faces != book.faces:
            self._reset()  # other fonts: nothing drawn before looks the same
        self._faces = book.faces
        known, by_value = self._by_id, self._by_value
        seen: dict[int, tuple[Hashable, int]] = {}
        out: list[PageKey] = []
        for page in book.pages:
            tokens = []
            for item in page.items:
                got = known.get(id(item))
                if got is None:  # a new object: one hash, to meet an equal one drawn before
                    got = (item, by_value.setdefault(item, next(self._tokens)))
                seen[id(item)] = got
                tokens.append(got[1])
            out.append((page.width, page.height, tuple(tokens)))
        self._by_id = seen
        if len(by_value) > 2 * len(seen) + 1000:  # forget items of old layouts now and then
            self._by_value = {item: token for item, token in seen.values()}
        return out
