"""The Qt editor. Importing this package guards against a PySide6 reference-count bug.

PySide6 6.12 on Python 3.11 drops one reference to None every time a Qt call returns
None (QTextFormat.property of an unset property, QTableWidget.item of an empty cell,
QTextCursor.currentTable outside a table, ...). None starts with a few thousand references,
so a session of ordinary editing aborts the interpreter ("none_dealloc"). Python 3.12 made
None immortal; on older Pythons we give it a reference count no session can exhaust.
"""

from __future__ import annotations

import ctypes
import sys

_NONE_GUARD = 1 << 40


def _make_none_unkillable() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _NONE_GUARD:
        refcount.value += _NONE_GUARD


_make_none_unkillable()
