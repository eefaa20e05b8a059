"""Where a glyph's ink sits in its em box, read from the font's outlines.

The line breaker draws the 破折号 —— as one continuous two-em rule laid over the font's own
dashes (GB/T 15834 4.14: two character spaces, unbroken); the rule takes the height and
thickness of the dash's ink so the two read as one stroke. Ink boxes are measured once per
face file and character and remembered in the user's cache folder (a build only needs a
handful of boxes). The engine measures with `fonts.glyph_ink`, which reads a CFF face's one
charstring; `outline_ink` loads the face with fontTools (TrueType and CFF2 faces).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache

from .cachedir import read_table, write_table

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in em, y up from the baseline


INK_FILE = "ink.json"


@lru_cache(maxsize=1)
def _remembered() -> dict:
    return read_table(INK_FILE)


def ink_box(path: str, index: int, ch: str, measure: Callable[[], Box | None] | None = None) -> Box | None:
    """The ink box of `ch` in the face at (path, index), in em; None if the face lacks it,
    draws nothing for it, or cannot be read. `measure` measures it when it is not remembered
    (the font package reads CFF outlines without loading the face; default `outline_ink`)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = f"{path}:{index}:{st.st_size}:{int(st.st_mtime)}:{ord(ch):x}"
    table = _remembered()
    if key in table:
        got = table[key]
        return tuple(got) if got else None  # type: ignore[return-value]
    box = measure() if measure is not None else outline_ink(path, index, ch)
    table[key] = list(box) if box else None
    write_table(INK_FILE, table)
    return box


def outline_ink(path: str, index: int, ch: str) -> Box | None:
    """The ink box measured on the face loaded with fontTools (any outline format)."""
    try:
        from fontTools.pens.boundsPen import BoundsPen
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=index, lazy=True)
        try:
            name = font.getBestCmap().get(ord(ch))
            if name is None:
                return None
            glyphs = font.getGlyphSet()
            pen = BoundsPen(glyphs)
            glyphs[name].draw(pen)
            upem = font["head"].unitsPerEm
        finally:
            font.close()
    except Exception:  # noqa: BLE001 - an unreadable font: no ink box, the dash keeps its glyphs
        return None
    if pen.bounds is None:
        return None
    x0, y0, x1, y1 = pen.bounds
    return (x0 / upem, y0 / upem, x1 / upem, y1 / upem)
