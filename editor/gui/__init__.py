"""The Qt editor. Importing this package guards against a PySide6 reference-count bug.

PySide6 6.12 on Python 3.11 drops one reference to None every time a Qt call returns None
(QTextFormat.property of an unset property, QTableWidget.item of an empty cell, ...), and
one reference to True on every `Signal.emit()`. These singletons start with a few thousand
references, so a session of ordinary editing aborts the interpreter ("none_dealloc",
"bool_dealloc"). Python 3.12 made them immortal; on older Pythons we give them a reference
count no session can exhaust. Every module of this package is imported after this runs.
"""

from __future__ import annotations

import ctypes
import sys

_GUARD = 1 << 40


def _make_singletons_unkillable() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(obj))
        if refcount.value < _GUARD:
            refcount.value += _GUARD


_make_singletons_unkillable()
