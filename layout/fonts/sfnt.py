"""Reading and writing the OpenType container (sfnt): table directories, name records, checksums.

Shared by the catalog (names), the metrics (cmap/hmtx) and embedding (subset programs); it
reads only the bytes asked for, so a 20 MB CJK collection is never loaded whole.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping

# Name-table language ids whose strings are Chinese; they are read first when a face's
# display name is chosen, and all names of every language are matched anyway.
CHINESE_LANGIDS = (0x0804, 0x0404, 0x0C04, 0x1004, 0x1404)


def decode_name(platform: int, encoding: int, raw: bytes) -> str | None:
    if platform in (0, 3) or (platform == 2 and encoding == 1):
        enc = "utf-16-be"
    elif platform == 1 and encoding == 0:
        enc = "mac-roman"
    elif platform == 1 and encoding == 25:
        enc = "gb2312"
    elif platform == 1 and encoding == 2:
        enc = "big5"
    else:
        return None
    try:
        return raw.decode(enc).replace("\x00", "").strip() or None
    except (UnicodeDecodeError, LookupError):
        return None


def sfnt_offsets(head: bytes, data_at: Callable[[int, int], bytes]) -> list[int]:
    if head[:4] == b"ttcf":
        n = struct.unpack(">I", head[8:12])[0]
        return list(struct.unpack(f">{n}I", data_at(12, 4 * n)))
    return [0]


class SfntReader:
    """Random access to a font file without loading 20 MB CJK collections whole."""

    def __init__(self, path: str) -> None:
        self.f = open(path, "rb")

    def at(self, offset: int, length: int) -> bytes:
        self.f.seek(offset)
        data = self.f.read(length)
        if len(data) != length:
            raise ValueError("truncated font file")
        return data

    def close(self) -> None:
        self.f.close()

    def tables(self, index: int) -> dict[str, tuple[int, int]]:
        return {tag: (off, length) for tag, (_sum, off, length) in self.directory(index).items()}

    def directory(self, index: int) -> dict[str, tuple[int, int, int]]:
        """tag -> (checksum, offset, length) of one face's tables."""
        offsets = sfnt_offsets(self.at(0, 12), self.at)
        if not 0 <= index < len(offsets):
            raise ValueError(f"no face {index} in collection")
        base = offsets[index]
        version, num = struct.unpack(">4sH", self.at(base, 6))
        if version not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            raise ValueError("not an OpenType/TrueType face")
        recs = self.at(base + 12, 16 * num)
        out = {}
        for i in range(num):
            tag, check, off, length = struct.unpack(">4sIII", recs[16 * i : 16 * i + 16])
            out[tag.decode("latin-1")] = (check, off, length)
        return out


def read_name_records(r: SfntReader, tables: dict[str, tuple[int, int]]) -> dict[int, list[tuple[int, str]]]:
    """name ID -> [(language id, string)], Chinese languages first."""
    off, length = tables["name"]
    data = r.at(off, length)
    _fmt, count, string_off = struct.unpack(">HHH", data[:6])
    names: dict[int, list[tuple[int, str]]] = {}
    for i in range(count):
        plat, enc, lang, nid, ln, so = struct.unpack(">6H", data[6 + 12 * i : 18 + 12 * i])
        if nid not in (1, 2, 4, 6, 16, 17):
            continue
        s = decode_name(plat, enc, data[string_off + so : string_off + so + ln])
        if s:
            names.setdefault(nid, []).append((lang if plat == 3 else 0, s))
    rank = {lang: i for i, lang in enumerate(CHINESE_LANGIDS)}
    for lst in names.values():
        lst.sort(key=lambda t: (t[0] not in rank, rank.get(t[0], 0), t[0] != 0x0409))
    return names


def _checksum(data: bytes) -> int:
    if len(data) % 4:
        data += b"\0" * (4 - len(data) % 4)
    words = array("I", data)
    if sys.byteorder == "little":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def build_sfnt(
    tables: Mapping[str, bytes],
    version: bytes = b"\x00\x01\x00\x00",
    checksums: Mapping[str, int] | None = None,
) -> bytes:
    """A standalone font file from raw tables, with checksums and head.checkSumAdjustment set.

    `checksums` are known sums of unchanged tables (copied from a collection's directory), so
    extracting a 20 MB face does not add up 5 million words again."""
    tags = sorted(tables)
    n = len(tags)
    pow2 = 1
    while pow2 * 2 <= n:
        pow2 *= 2
    entry_selector = pow2.bit_length() - 1
    header = version + struct.pack(">HHHH", n, pow2 * 16, entry_selector, n * 16 - pow2 * 16)
    offset = 12 + 16 * n
    directory, body = [], []
    total = 0
    head_pos = None
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            data = data[:8] + b"\0\0\0\0" + data[12:]
            head_pos = offset
        check = checksums[tag] if checksums and tag in checksums and tag != "head" else _checksum(data)
        total += check
        directory.append(struct.pack(">4sIII", tag.encode("latin-1"), check, offset, len(data)))
        pad = (4 - len(data) % 4) % 4
        body.append(data)
        body.append(b"\0" * pad)
        offset += len(data) + pad
    front = header + b"".join(directory)
    out = bytearray(front + b"".join(body))
    if head_pos is not None:
        # the file checksum is the sum of its padded parts: no second pass over the body
        adjust = (0xB1B0AFBA - _checksum(front) - total) & 0xFFFFFFFF
        out[head_pos + 8 : head_pos + 12] = struct.pack(">I", adjust)
    return bytes(out)


def raw_tables(path: str, index: int, tags: Iterable[str]) -> dict[str, bytes]:
    r = SfntReader(path)
    try:
        t = r.tables(index)
        return {tag: r.at(*t[tag]) for tag in tags if tag in t}
    finally:
        r.close()


def first_names(data: bytes) -> dict[int, str]:
    """First string of each name ID in a raw name table (the PostScript name for BaseFont)."""
    _fmt, count, string_off = struct.unpack(">HHH", data[:6])
    out: dict[int, str] = {}
    for i in range(count):
        plat, enc, _lang, nid, ln, so = struct.unpack(">6H", data[6 + 12 * i : 18 + 12 * i])
        if nid not in out:
            s = decode_name(plat, enc, data[string_off + so : string_off + so + ln])
            if s:
                out[nid] = s
    return out
