"""CFF outlines without conversion: a lazy reader of a face's `CFF ` table and a CID-keyed subset writer.

A Noto CJK collection holds 65 535 glyphs in a 20 MB CFF table; a book uses a few thousand. The
reader parses only the fixed structures (Top DICT, the CharStrings offsets, FDSelect, each Font
DICT's Private DICT and the offsets of the subroutine INDEXes) and reads the charstrings and
subroutines the book needs straight from the file. Each charstring is **desubroutinized**: every
`callsubr`/`callgsubr` is replaced by the subroutine's body, so the subset needs no subroutines.

`cid_subset()` writes a CID-keyed CFF (ROS Adobe-Identity-0, CID = glyph index) for the PDF's
`FontFile3 /Subtype /CIDFontType0C`, with the Font DICTs and Private DICTs (less `Subrs`) of the
glyphs it holds copied from the source.

Desubroutinizing is most of the cost of a first subset of a CJK face (a Noto CJK glyph calls a
dozen subroutines, and the subroutine INDEXes are read whole). `CffFace.known` may answer for
glyphs done beforehand: `layout/fonts/embed.py` gives it the charstrings setup desubroutinized
for the face (the same bytes, made by this code), so only the others are flattened here.
"""

from __future__ import annotations

import re
import struct
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import BinaryIO

# DICT operators (escaped ones as 1200 + second byte)
_ROS, _CIDCOUNT, _FDARRAY, _FDSELECT = 1230, 1234, 1236, 1237
_CHARSTRINGS, _PRIVATE, _SUBRS, _CHARSTRING_TYPE = 17, 18, 19, 1206
# numeric Top/Font DICT entries copied into the subset; names (SIDs), UIDs and offsets are not
_KEPT_TOP = frozenset({5, 1201, 1202, 1203, 1204, 1205, 1206, 1207, 1208, 1231, 1232, 1233})

# Type 2 charstring operators the desubroutinizer has to know
_HSTEM, _VSTEM, _HSTEMHM, _VSTEMHM = 1, 3, 18, 23
_CALLSUBR, _RETURN, _ENDCHAR, _HINTMASK, _CNTRMASK, _CALLGSUBR = 10, 11, 14, 19, 20, 29
# escaped arithmetic/storage operators leave their result on the argument stack
_STACK_OPS = frozenset({3, 4, 5, 9, 10, 11, 12, 14, 15, 18, 20, 21, 22, 23, 24, 26, 27, 28, 29, 30})
_NUMBER_RE = rb"[\x20-\xf6]|[\xf7-\xfe][\x00-\xff]|\x1c[\x00-\xff]{2}|\xff[\x00-\xff]{4}"
_STOPS = {_HSTEM, _VSTEM, _CALLSUBR, _RETURN, _ENDCHAR, _HSTEMHM, _HINTMASK, _CNTRMASK, _VSTEMHM, _CALLGSUBR}


def _byte_class(values: Iterable[int]) -> bytes:
    return b"[" + b"".join(b"\\x%02x" % v for v in sorted(values)) + b"]"


# (path operators and their operands)(operands)(an operator the desubroutinizer acts on)
_PATH_OP = (
    _byte_class(set(range(32)) - _STOPS - {12, 28}) + b"|\\x0c" + _byte_class(set(range(256)) - _STACK_OPS)
)
_SEGMENT_RE = (
    b"((?:(?:" + _NUMBER_RE + b")*(?:" + _PATH_OP + b"))*)((?:" + _NUMBER_RE + b")*)"
    b"(?:" + _byte_class(_STOPS) + b"|\\x0c" + _byte_class(_STACK_OPS) + b")"
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """(a segment up to a stop operator, one operand), compiled when a program is first subset:
    a build whose subsets come from the cache folder needs neither."""
    return re.compile(_SEGMENT_RE, re.DOTALL), re.compile(_NUMBER_RE, re.DOTALL)


class CffError(ValueError):
    """The CFF table is damaged or uses something this reader does not handle."""


def _read_dict(data: bytes) -> list[tuple[int, list[float], bytes]]:
    """(operator, operands, raw bytes of the entry) of each DICT entry, in order."""
    out: list[tuple[int, list[float], bytes]] = []
    operands: list[float] = []
    i, start, n = 0, 0, len(data)
    while i < n:
        b = data[i]
        if b <= 21:
            if b == 12:
                op = 1200 + data[i + 1]
                i += 2
            else:
                op = b
                i += 1
            out.append((op, operands, data[start:i]))
            operands, start = [], i
        elif b == 28:
            operands.append(struct.unpack(">h", data[i + 1 : i + 3])[0])
            i += 3
        elif b == 29:
            operands.append(struct.unpack(">i", data[i + 1 : i + 5])[0])
            i += 5
        elif b == 30:  # real: nibbles up to 0xf; its value is not needed, only its extent
            i += 1
            while i < n and (data[i] & 0x0F) != 0x0F and (data[i] >> 4) != 0x0F:
                i += 1
            i += 1
            operands.append(0.0)
        elif b <= 246:
            operands.append(b - 139)
            i += 1
        elif b <= 250:
            operands.append((b - 247) * 256 + data[i + 1] + 108)
            i += 2
        elif b <= 254:
            operands.append(-(b - 251) * 256 - data[i + 1] - 108)
            i += 2
        else:
            raise CffError(f"bad DICT byte {b}")
    return out


_READ_GAP = 4096  # bytes between two items read together rather than by a second seek and read


def read_spans(f: BinaryIO, spans: Sequence[tuple[int, int]]) -> list[bytes]:
    """The bytes at each (position, length) of `spans` (ascending positions) in `f`: spans lying
    close together are read in one go (a subset's charstrings are a few thousand reads otherwise)."""
    out: list[bytes] = []
    k, n = 0, len(spans)
    while k < n:
        start, length = spans[k]
        end, last = start + length, k + 1
        while last < n:
            pos, length = spans[last]
            if pos < end or pos - end > _READ_GAP:
                break
            end = pos + length
            last += 1
        f.seek(start)
        block = f.read(end - start)
        if len(block) != end - start:
            raise CffError("truncated data")
        out += [block[pos - start : pos - start + length] for pos, length in spans[k:last]]
        k = last
    return out


class _Index:
    """An INDEX whose offsets are read but whose items stay in the file until asked for."""

    def __init__(self, f: BinaryIO, pos: int) -> None:
        f.seek(pos)
        head = f.read(3)
        if len(head) < 2:
            raise CffError("truncated INDEX")
        self.count = struct.unpack(">H", head[:2])[0]
        if self.count == 0:
            self.size, self.offsets, self.base, self.end = 0, b"", pos + 2, pos + 2
            return
        self.size = head[2]
        if not 1 <= self.size <= 4:
            raise CffError("bad INDEX offset size")
        self.offsets = f.read((self.count + 1) * self.size)
        if len(self.offsets) != (self.count + 1) * self.size:
            raise CffError("truncated INDEX")
        self.base = pos + 3 + len(self.offsets) - 1  # offsets count from 1
        self.end = self.base + self.offset(self.count)

    def offset(self, i: int) -> int:
        s = self.size
        return int.from_bytes(self.offsets[i * s : i * s + s], "big")

    def span(self, i: int) -> tuple[int, int]:
        start = self.offset(i)
        return self.base + start, self.offset(i + 1) - start

    def item(self, f: BinaryIO, i: int) -> bytes:
        pos, length = self.span(i)
        f.seek(pos)
        data = f.read(length)
        if len(data) != length:
            raise CffError("truncated INDEX item")
        return data

    def items(self, f: BinaryIO, indices: Sequence[int]) -> dict[int, bytes]:
        """Item `i` for each `i` of `indices` (ascending), read by `read_spans`."""
        s, offsets, base, number = self.size, self.offsets, self.base, int.from_bytes
        spans = []
        for i in indices:  # span(i) for each, without two method calls per item
            start = number(offsets[i * s : i * s + s], "big")
            spans.append((base + start, number(offsets[i * s + s : i * s + 2 * s], "big") - start))
        return dict(zip(indices, read_spans(f, spans), strict=True))

    def all_items(self, f: BinaryIO) -> _Items:
        """Every item, read in one go (subroutines: most are small, and a glyph calls several);
        each one is cut out of the block when asked for."""
        if self.count == 0:
            return _Items(self, b"")
        f.seek(self.base + 1)
        blob = f.read(self.end - self.base - 1)
        if len(blob) != self.end - self.base - 1:
            raise CffError("truncated INDEX")
        return _Items(self, blob)


class _Items(Sequence[bytes]):
    """The items of an INDEX held in memory, sliced on demand."""

    def __init__(self, index: _Index, blob: bytes) -> None:
        self._index, self.blob = index, blob

    def __len__(self) -> int:
        return self._index.count

    def __getitem__(self, i: int) -> bytes:  # type: ignore[override]  # ints only, no slices
        if not 0 <= i < self._index.count:
            raise IndexError(i)
        return self.blob[self._index.offset(i) - 1 : self._index.offset(i + 1) - 1]


def _bias(count: int) -> int:
    return 107 if count < 1240 else 1131 if count < 33900 else 32768


class _FontDict:
    """One Font DICT (a name-keyed face has one): its entries to copy and its subroutines."""

    def __init__(self, entries: list[tuple[int, bytes]], private: list[tuple[int, bytes]]) -> None:
        self.entries = entries  # raw Font DICT entries kept in the subset
        self.private = private  # raw Private DICT entries but Subrs
        self.subr_index: _Index | None = None
        self.subrs: Sequence[bytes] | None = None


class CffFace:
    """The CFF table of one face, parsed lazily; `charstrings()` reads glyphs desubroutinized."""

    def __init__(self, path: str, offset: int, length: int) -> None:
        self.path = path
        with open(path, "rb") as f:
            self._parse(f, offset, length)
        self.gsubrs: Sequence[bytes] | None = None
        self.flattener: _Flattener | None = None
        # glyph ids -> {glyph id: (Font DICT index, desubroutinized charstring)} of those among
        # them done beforehand, or None
        self.known: Callable[[Sequence[int]], dict[int, tuple[int, bytes]]] | None = None

    @property
    def has_subroutines(self) -> bool:
        """Whether any charstring may call a subroutine (else they are copied as they are)."""
        return self.global_index.count > 0 or any(
            fd.subr_index is not None and fd.subr_index.count > 0 for fd in self.fds
        )

    def _parse(self, f: BinaryIO, base: int, length: int) -> None:
        f.seek(base)
        header = f.read(4)
        if len(header) < 4 or header[0] != 1:
            raise CffError("not a CFF 1 table")
        names = _Index(f, base + header[2])
        tops = _Index(f, names.end)
        if tops.count < 1:
            raise CffError("no Top DICT")
        top = _read_dict(tops.item(f, 0))
        strings = _Index(f, tops.end)
        self.global_index = _Index(f, strings.end)
        values = {op: operands for op, operands, _raw in top}
        if values.get(_CHARSTRING_TYPE, [2])[0] != 2:
            raise CffError("only Type 2 charstrings are supported")
        self.top_entries = [(op, raw) for op, _o, raw in top if op in _KEPT_TOP]
        if _CHARSTRINGS not in values:
            raise CffError("no CharStrings")
        self.charstring_index = _Index(f, base + int(values[_CHARSTRINGS][0]))
        self.glyph_count = self.charstring_index.count
        self.fds: list[_FontDict] = []
        self.fd_select: tuple[list[int], list[int]] | bytes | None = None
        if _ROS in values:
            fdarray = _Index(f, base + int(values[_FDARRAY][0]))
            for i in range(fdarray.count):
                fd = _read_dict(fdarray.item(f, i))
                self.fds.append(self._font_dict(f, base, fd))
            self.fd_select = self._read_fd_select(f, base + int(values[_FDSELECT][0]))
        else:
            self.fds.append(self._font_dict(f, base, top, top_level=True))

    def _font_dict(
        self, f: BinaryIO, base: int, entries: list[tuple[int, list[float], bytes]], top_level: bool = False
    ) -> _FontDict:
        # a name-keyed face's numeric entries (FontMatrix among them) stay in the Top DICT
        kept = [] if top_level else [(op, raw) for op, _o, raw in entries if op in _KEPT_TOP]
        values = {op: operands for op, operands, _raw in entries}
        private: list[tuple[int, bytes]] = []
        subr_pos = None
        if _PRIVATE in values:
            size, off = (int(v) for v in values[_PRIVATE][:2])
            f.seek(base + off)
            raw = f.read(size)
            if len(raw) != size:
                raise CffError("truncated Private DICT")
            for op, operands, entry in _read_dict(raw):
                if op == _SUBRS:
                    subr_pos = base + off + int(operands[0])
                else:
                    private.append((op, entry))
        fd = _FontDict(kept, private)
        if subr_pos is not None:
            fd.subr_index = _Index(f, subr_pos)
        return fd

    def _read_fd_select(self, f: BinaryIO, pos: int) -> tuple[list[int], list[int]] | bytes:
        f.seek(pos)
        fmt = f.read(1)[0]
        if fmt == 0:
            return f.read(self.glyph_count)
        if fmt == 3:
            n = struct.unpack(">H", f.read(2))[0]
            raw = f.read(3 * n + 2)
            firsts = [struct.unpack(">H", raw[3 * i : 3 * i + 2])[0] for i in range(n)]
            fds = [raw[3 * i + 2] for i in range(n)]
            return firsts, fds
        raise CffError(f"FDSelect format {fmt} is not supported")

    def fd_of(self, gid: int) -> int:
        sel = self.fd_select
        if sel is None:
            return 0
        if isinstance(sel, bytes):
            return sel[gid]
        firsts, fds = sel
        return fds[max(0, bisect_right(firsts, gid) - 1)]

    def charstrings(self, gids: Iterable[int]) -> dict[int, tuple[int, bytes]]:
        """glyph id -> (Font DICT index, desubroutinized charstring)."""
        pairs = [(gid, gid if 0 <= gid < self.glyph_count else 0) for gid in sorted(set(gids))]
        done = {} if self.known is None else self.known(sorted({g for _gid, g in pairs}))
        out: dict[int, tuple[int, bytes]] = {}
        todo: list[tuple[int, int]] = []
        for gid, gid_src in pairs:
            got = done.get(gid_src)
            if got is None:
                todo.append((gid, gid_src))
            else:
                out[gid] = got
        if not todo:  # every glyph done beforehand: neither the file nor its subroutines are read
            return out
        with open(self.path, "rb") as f:
            if self.gsubrs is None:
                self.gsubrs = self.global_index.all_items(f)
            if self.flattener is None:
                self.flattener = _Flattener(self.gsubrs)
            raws = self.charstring_index.items(f, sorted({g for _gid, g in todo}))
            for gid, gid_src in todo:
                fd_index = self.fd_of(gid_src)
                fd = self.fds[fd_index]
                if fd.subrs is None:
                    fd.subrs = fd.subr_index.all_items(f) if fd.subr_index is not None else []
                raw = raws[gid_src]
                if fd.subrs or self.gsubrs:
                    raw = self.flattener.flatten(raw, fd.subrs, fd_index)
                out[gid] = (fd_index, raw)
        return out


def _number_at(cs: bytes, i: int) -> int:
    b = cs[i]
    if b == 28:
        return int(struct.unpack(">h", cs[i + 1 : i + 3])[0])
    if b <= 246:
        return b - 139
    if b <= 250:
        return (b - 247) * 256 + cs[i + 1] + 108
    if b <= 254:
        return -(b - 251) * 256 - cs[i + 1] - 108
    return int(struct.unpack(">i", cs[i + 1 : i + 5])[0]) >> 16  # 16.16 fixed as an index


# a flattened subroutine: (bytes, ended, stems after, args after, args were cleared, depends on entry state)
_Flat = tuple[bytes, bool, int, int, bool, bool]


class _Flattener:
    """Inlines subroutine calls into charstrings, tracking the stem count for hint masks.

    A CJK face reuses its subroutines across thousands of glyphs, so each subroutine is flattened
    once: a subroutine without stem hints or masks does not depend on the state it is called in
    and is kept by number; one with them is kept by (number, stem count, operand count)."""

    def __init__(self, glob: Sequence[bytes]) -> None:
        self.glob = glob
        self.global_bias = _bias(len(glob))
        self.memo: dict[tuple[int, ...], _Flat] = {}

    def flatten(self, cs: bytes, local: Sequence[bytes], fd: int) -> bytes:
        return self._run(cs, local, fd, 0, 0, 0)[0]

    def _run(self, cs: bytes, local: Sequence[bytes], fd: int, stems: int, args: int, depth: int) -> _Flat:
        if depth > 12:
            raise CffError("subroutines nested too deep")
        out: list[bytes] = []
        i, n, start = 0, len(cs), 0
        cleared = dependent = False
        segment, number = _patterns()
        while i < n:
            # operands and path operators are skipped in one match; it stops at the operators
            # that call, end, or count hints, with the operands on the stack before them
            m = segment.match(cs, i)
            if m is None:
                break
            if m.end(1) > m.start(1):
                cleared, args = True, 0
            stack_start, j = m.span(2)
            operands = number.findall(cs, stack_start, j)
            args += len(operands)
            b = cs[j]
            if b == _CALLSUBR or b == _CALLGSUBR:
                if not operands:
                    raise CffError("subroutine call without a number")
                out.append(cs[start : j - len(operands[-1])])
                args -= 1
                if b == _CALLSUBR:
                    subrs, k, kind = local, _number_at(operands[-1], 0) + _bias(len(local)), fd
                else:
                    subrs, k, kind = self.glob, _number_at(operands[-1], 0) + self.global_bias, -1
                if not 0 <= k < len(subrs):
                    raise CffError(f"subroutine {k} out of range")
                i = start = j + 1
                key: tuple[int, ...] = (kind, k)
                got = self.memo.get(key)
                if got is None:
                    got = self.memo.get((kind, k, stems, args))
                    if got is None:
                        got = self._run(subrs[k], local, fd, stems, args, depth + 1)
                        if got[5]:
                            self.memo[(kind, k, stems, args)] = got
                        else:  # stored relative to the operands it was called with
                            rel = got[3] if got[4] else got[3] - args
                            self.memo[key] = (got[0], got[1], 0, rel, got[4], False)
                    data, ended, stems, args, sub_cleared, sub_dependent = got
                    dependent = dependent or sub_dependent
                else:
                    data, ended, _s, rel, sub_cleared, _d = got
                    args = rel if sub_cleared else args + rel
                cleared = cleared or sub_cleared
                out.append(data)
                if ended:
                    return b"".join(out), True, stems, args, cleared, dependent
                continue
            if b == _RETURN:
                out.append(cs[start:j])
                return b"".join(out), False, stems, args, cleared, dependent
            if b == _ENDCHAR:
                out.append(cs[start : j + 1])
                return b"".join(out), True, stems, 0, True, dependent
            dependent = True
            if b == 12:  # arithmetic on the stack: its result stays there
                i = j + 2
            elif b == _HINTMASK or b == _CNTRMASK:
                cleared = True
                stems += args // 2  # an implicit vstem before the first mask
                args = 0
                i = j + 1 + (stems + 7) // 8
            else:  # hstem, vstem, hstemhm, vstemhm
                cleared = True
                stems += args // 2
                args = 0
                i = j + 1
        out.append(cs[start:n])
        return b"".join(out), False, stems, args, True, dependent


def _index(items: Sequence[bytes]) -> bytes:
    if not items:
        return b"\0\0"
    total = sum(len(x) for x in items) + 1
    size = 1 if total < 0x100 else 2 if total < 0x10000 else 3 if total < 0x1000000 else 4
    offs = [1]
    for x in items:
        offs.append(offs[-1] + len(x))
    table = b"".join(o.to_bytes(size, "big") for o in offs)
    return struct.pack(">HB", len(items), size) + table + b"".join(items)


def _int5(v: int) -> bytes:
    """An integer operand in the fixed 5-byte form, so offsets can be filled in after sizing."""
    return b"\x1d" + struct.pack(">i", v)


def _small_int(v: int) -> bytes:
    if -107 <= v <= 107:
        return bytes([v + 139])
    return _int5(v)


def cid_subset(
    face: CffFace, name: str, glyphs: Sequence[tuple[int, bytes]], font_dicts: Sequence[int]
) -> bytes:
    """A CID-keyed CFF whose glyph k (= CID k) is `glyphs[k]` = (source Font DICT, charstring).

    `font_dicts` lists the source Font DICTs the glyphs use, in the order they get in the subset."""
    n = len(glyphs)
    new_fd = {old: k for k, old in enumerate(font_dicts)}
    strings = [b"Adobe", b"Identity"]
    header = b"\x01\x00\x04\x04"
    name_index = _index([name.encode("ascii", "replace")[:127]])
    string_index = _index(strings)
    global_subrs = _index([])
    # charset: glyph k has CID k (glyph 0, .notdef, is implicit)
    charset = b"\x02" + struct.pack(">HH", 1, n - 2) if n > 1 else b"\x00"
    ranges: list[tuple[int, int]] = []
    for gid, (fd, _cs) in enumerate(glyphs):
        if not ranges or ranges[-1][1] != new_fd[fd]:
            ranges.append((gid, new_fd[fd]))
    fd_select = (
        b"\x03"
        + struct.pack(">H", len(ranges))
        + b"".join(struct.pack(">HB", g, fd) for g, fd in ranges)
        + struct.pack(">H", n)
    )
    charstrings = _index([cs for _fd, cs in glyphs])
    privates = [b"".join(raw for _op, raw in face.fds[old].private) for old in font_dicts]

    def top_dict(offsets: tuple[int, int, int, int]) -> bytes:
        cs_off, charset_off, fdsel_off, fdarray_off = offsets
        return (
            _small_int(391) + _small_int(392) + _small_int(0) + b"\x0c\x1e"  # ROS Adobe Identity 0
            + b"".join(raw for _op, raw in face.top_entries)
            + _int5(n) + b"\x0c\x22"  # CIDCount
            + _int5(charset_off) + b"\x0f"
            + _int5(fdsel_off) + b"\x0c\x25"
            + _int5(cs_off) + b"\x11"
            + _int5(fdarray_off) + b"\x0c\x24"
        )  # fmt: skip

    top_len = len(_index([top_dict((0, 0, 0, 0))]))
    pos = len(header) + len(name_index) + top_len + len(string_index) + len(global_subrs)
    charset_off = pos
    fdsel_off = charset_off + len(charset)
    cs_off = fdsel_off + len(fd_select)
    fdarray_off = cs_off + len(charstrings)

    def font_dicts_index(private_offsets: Sequence[int]) -> bytes:
        return _index(
            [
                b"".join(raw for _op, raw in face.fds[old].entries)
                + _int5(len(privates[k]))
                + _int5(private_offsets[k])
                + b"\x12"
                for k, old in enumerate(font_dicts)
            ]
        )

    private_pos = fdarray_off + len(font_dicts_index([0] * len(font_dicts)))
    private_offsets = []
    for p in privates:
        private_offsets.append(private_pos)
        private_pos += len(p)
    top = _index([top_dict((cs_off, charset_off, fdsel_off, fdarray_off))])
    assert len(top) == top_len
    return b"".join(
        [
            header,
            name_index,
            top,
            string_index,
            global_subrs,
            charset,
            fd_select,
            charstrings,
            font_dicts_index(private_offsets),
            *privates,
        ]
    )
