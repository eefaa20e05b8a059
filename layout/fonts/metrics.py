"""Measuring characters: a face's character map and advance widths, read straight from the file.

Measuring reads only the tables it needs (cmap, hmtx, hhea, head) with `struct`: fontTools would
build glyph names for 65 000 glyphs of a CJK font first, which costs more than a whole layout
pass. Parsed faces are kept by the font cache keyed by (path, index, mtime); there is nothing to
reset between tests because a changed file has a different key.
"""

from __future__ import annotations

import os
import struct
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..display import FaceRef
from ..errors import FontError
from .cache import CACHE
from .sfnt import SfntReader


@dataclass
class FaceMetrics:
    """What measuring needs from one face: its character map and advance widths."""

    upem: int
    ascent: int
    descent: int  # positive, font units
    cmap: Cmap  # code point -> glyph id
    advances: array  # by glyph id, for the first numberOfHMetrics glyphs

    def advance_units(self, gid: int) -> int:
        adv = self.advances
        return adv[gid] if gid < len(adv) else adv[-1]


class Cmap:
    """A character map answered from the subtable's own arrays by binary search.

    Expanding a CJK font's 45 000 mappings into a dict costs tens of milliseconds per face on
    every start; a layout asks for a few thousand distinct characters, each once (FontBook
    remembers the answers)."""

    def __init__(self, starts: Sequence[int], ends: Sequence[int], lookup: Callable[[int, int], int]) -> None:
        self.starts, self.ends, self._lookup = starts, ends, lookup
        # answers given (0: not in the font): the layout and then the subset ask for the same
        # characters, and a search costs ≈ 1.7 µs against a dictionary hit's 0.1
        self._found: dict[int, int] = {}

    def get(self, cp: int, default: int | None = None) -> int | None:
        gid = self._found.get(cp)
        if gid is None:
            gid = 0
            i = bisect_right(self.starts, cp) - 1
            if i >= 0 and cp <= self.ends[i]:
                gid = self._lookup(i, cp)
            self._found[cp] = gid
        return gid or default  # glyph 0 means "not in this font": fallback goes on to the next face

    def __contains__(self, cp: object) -> bool:
        return isinstance(cp, int) and self.get(cp) is not None

    def __getitem__(self, cp: int) -> int:
        gid = self.get(cp)
        if gid is None:
            raise KeyError(cp)
        return gid

    def items(self) -> Iterable[tuple[int, int]]:
        """Every mapping, in code point order (tests and tools; layout never needs it)."""
        for i, (a, b) in enumerate(zip(self.starts, self.ends, strict=True)):
            for cp in range(a, min(b, 0x10FFFF) + 1):
                gid = self._lookup(i, cp)
                if gid:
                    yield cp, gid


class EncodedCmap(Cmap):
    """A Windows PRC (GB) or Big5 character map, asked in Unicode.

    Some older Chinese TrueType fonts on government PCs map only GB or Big5 codes; the layout
    asks for Unicode characters and the embedded subset gets a Unicode cmap of its own."""

    def __init__(self, inner: Cmap, encoding: str) -> None:
        super().__init__(inner.starts, inner.ends, inner._lookup)
        self.encoding = encoding

    def get(self, cp: int, default: int | None = None) -> int | None:
        try:
            raw = chr(cp).encode(self.encoding)
        except (UnicodeEncodeError, ValueError):
            return default
        return super().get(int.from_bytes(raw, "big"), default)

    def items(self) -> Iterable[tuple[int, int]]:
        out = []
        for code, gid in super().items():
            raw = code.to_bytes(2 if code > 0xFF else 1, "big")
            try:
                ch = raw.decode(self.encoding)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                out.append((ord(ch), gid))
        return sorted(out)


def _parse_cmap(data: bytes) -> Cmap:
    _ver, num = struct.unpack(">HH", data[:4])
    subtables = {}
    for i in range(num):
        plat, enc, off = struct.unpack(">HHI", data[4 + 8 * i : 12 + 8 * i])
        fmt = struct.unpack(">H", data[off : off + 2])[0]
        subtables[(plat, enc, fmt)] = off
    for pref in ((3, 10, 12), (0, 6, 12), (0, 4, 12), (3, 1, 4), (0, 3, 4), (0, 1, 4), (0, 0, 4), (3, 0, 4)):
        if pref in subtables:
            off = subtables[pref]
            return _cmap12(data, off) if pref[2] == 12 else _cmap4(data, off)
    for (plat, enc, fmt), encoding in (((3, 3, 4), "gbk"), ((3, 4, 4), "big5")):
        if (plat, enc, fmt) in subtables:
            return EncodedCmap(_cmap4(data, subtables[(plat, enc, fmt)]), encoding)
    raise ValueError("no Unicode character map")


def _cmap12(data: bytes, off: int) -> Cmap:
    n = struct.unpack(">I", data[off + 12 : off + 16])[0]
    groups = array("I", data[off + 16 : off + 16 + 12 * n])
    if len(groups) != 3 * n:
        raise ValueError("truncated cmap")
    if sys.byteorder == "little":
        groups.byteswap()
    starts, ends, gids = groups[0::3], groups[1::3], groups[2::3]  # sorted by start, as the spec requires
    return Cmap(starts, ends, lambda i, cp: gids[i] + cp - starts[i])


def _cmap4(data: bytes, off: int) -> Cmap:
    length = struct.unpack(">H", data[off + 2 : off + 4])[0]
    seg = struct.unpack(">H", data[off + 6 : off + 8])[0] // 2
    body = array("H", data[off + 14 : off + length])
    if sys.byteorder == "little":
        body.byteswap()
    ends = body[0:seg]
    starts = body[seg + 1 : 2 * seg + 1]
    deltas = body[2 * seg + 1 : 3 * seg + 1]
    range_offs = body[3 * seg + 1 : 4 * seg + 1]

    def lookup(i: int, cp: int) -> int:
        if cp == 0xFFFF:
            return 0
        ro = range_offs[i]
        if ro == 0:
            return (cp + deltas[i]) & 0xFFFF
        # idRangeOffset counts bytes from its own position into glyphIdArray
        j = 3 * seg + 1 + i + ro // 2 + (cp - starts[i])
        g = body[j] if j < len(body) else 0
        return (g + deltas[i]) & 0xFFFF if g else 0

    return Cmap(starts, ends, lookup)


def _load_metrics(path: str, index: int) -> FaceMetrics:
    r = SfntReader(path)
    try:
        t = r.tables(index)
        head = r.at(t["head"][0], 54)
        upem = struct.unpack(">H", head[18:20])[0]
        hhea = r.at(t["hhea"][0], 36)
        ascent, descent = struct.unpack(">hh", hhea[4:8])
        nhm = struct.unpack(">H", hhea[34:36])[0]
        hm = array("H", r.at(t["hmtx"][0], 4 * nhm))
        if sys.byteorder == "little":
            hm.byteswap()
        advances = hm[0::2]
        cmap = _parse_cmap(r.at(*t["cmap"]))
    finally:
        r.close()
    if not upem or not nhm:
        raise ValueError("bad head/hhea table")
    return FaceMetrics(upem, ascent, abs(descent), cmap, advances)


def face_metrics(face: FaceRef) -> FaceMetrics:
    """Parsed once per process for each (path, index, mtime)."""
    try:
        mtime = os.stat(face.path).st_mtime_ns
    except OSError as exc:
        raise FontError(
            f"字体文件无法读取：{face.path}（{exc.strerror or exc}）。请检查字体是否仍已安装。",
            f"Cannot read font file {face.path} ({exc.strerror or exc}). Check that the font is still installed.",
        ) from None
    key = (face.path, face.index, mtime)
    got = CACHE.metrics.get(key)
    if got is None:
        try:
            got = _load_metrics(face.path, face.index)
        except (OSError, ValueError, KeyError, struct.error, IndexError) as exc:
            raise FontError(
                f"字体文件已损坏或格式不支持：{face.path}（{exc}）。请重新安装该字体或在模板中换用其他字体。",
                f"Font file {face.path} is damaged or unsupported ({exc}). Reinstall it or choose another font.",
            ) from None
        CACHE.metrics.put(key, got)
    return got
