"""Embedding: the font program of each PDF font, and standalone faces for the preview.

The PDF writer embeds each face as a CID font (Identity-H) whose font program holds exactly
the characters the book uses, one glyph id per character. The program is assembled here from
raw tables: TrueType faces become a TrueType subset (CIDFontType2) with their glyph records
copied byte for byte; CFF faces become a CID-keyed CFF subset (CIDFontType0C) with their
charstrings copied, desubroutinized (`cff.py`), so nothing is converted. Only a face with a
CFF2 table (variable CFF) still has its outlines converted to TrueType, kept on disk per face.

Desubroutinizing a CJK face's charstrings is most of the work of its first subset, so
scripts/setup.sh does it once for the common characters (GB 2312) of the faces the shipped
templates use (`install_flat_charstrings`): `faces/cff-<face stamp>.v<FLAT_VERSION>.bin` in
the installed folder (or the cache folder), read by `CffFace.known`: an index (glyph ids, Font
DICTs, ends), then the charstrings, of which a subset reads only its own. The file's name and its
index carry the face stamp (file path, face index, size, modification time) and the glyph count,
so a reinstalled font does not find it and is desubroutinized as before; a damaged one is ignored.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import threading
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..cachedir import installed_dir, write_whole
from ..digest import sha1
from ..display import FaceRef
from ..errors import FontError
from .cache import CACHE, cache_dir, face_stamp
from .cff import CffError, CffFace, cid_subset, read_spans
from .metrics import FaceMetrics, face_metrics
from .sfnt import SfntReader, build_sfnt, first_names, raw_tables, sfnt_offsets


def standalone_face_bytes(face: FaceRef) -> bytes:
    """One face as a standalone OpenType/TrueType file (a face of a .ttc collection is extracted):
    for renderers that cannot pick a face out of a collection, such as Qt's QRawFont."""
    try:
        st = os.stat(face.path)
        key = (face.path, face.index, st.st_mtime_ns)
        got = CACHE.standalone.get(key)
        if got is not None:
            return got
        r = SfntReader(face.path)
        try:
            head = r.at(0, 12)
            if head[:4] != b"ttcf":
                got = Path(face.path).read_bytes()
            else:
                directory = r.directory(face.index)
                base = sfnt_offsets(head, r.at)[face.index]
                version = r.at(base, 4)
                got = build_sfnt(
                    {tag: r.at(off, ln) for tag, (_c, off, ln) in directory.items()},
                    version,
                    {tag: c for tag, (c, _o, _n) in directory.items()},
                )
        finally:
            r.close()
    except (OSError, ValueError, struct.error) as exc:
        raise FontError(
            f"字体文件无法读取：{face.path}（{exc}）。请检查字体是否已损坏或已卸载。",
            f"Cannot read font file {face.path} ({exc}). Check that it is installed and undamaged.",
        ) from None
    # the renderer keeps its own copy; ours only spares re-reading a face soon after
    return CACHE.standalone.put(key, got)


def _components(data: bytes) -> list[tuple[int, int]]:
    """(byte offset of the glyph index, glyph index) of each component of a composite glyph."""
    if len(data) < 10 or struct.unpack(">h", data[:2])[0] >= 0:
        return []
    out, pos = [], 10
    while pos + 4 <= len(data):
        flags, gid = struct.unpack(">HH", data[pos : pos + 4])
        out.append((pos + 2, gid))
        pos += 4 + (4 if flags & 0x1 else 2)
        if flags & 0x8:
            pos += 2
        elif flags & 0x40:
            pos += 4
        elif flags & 0x80:
            pos += 8
        if not flags & 0x20:
            break
    return out


class _GlyfSource:
    """Raw glyph records of a TrueType face, read on demand."""

    hinting_tables = ("cvt ", "fpgm", "prep")

    def __init__(self, face: FaceRef) -> None:
        self.path = face.path
        r = SfntReader(face.path)
        try:
            t = r.tables(face.index)
            self.glyf_off = t["glyf"][0]
            long_loca = struct.unpack(">h", r.at(t["head"][0] + 50, 2))[0] == 1
            loca = array("I" if long_loca else "H", r.at(*t["loca"]))
        finally:
            r.close()
        if sys.byteorder == "little":
            loca.byteswap()
        self.loca = loca if long_loca else array("I", (2 * v for v in loca))

    def glyphs(self, gids: Iterable[int]) -> dict[int, bytes]:
        out = {}
        with open(self.path, "rb") as f:
            for gid in gids:
                if gid + 1 >= len(self.loca):
                    out[gid] = b""
                    continue
                start, end = self.loca[gid], self.loca[gid + 1]
                f.seek(self.glyf_off + start)
                out[gid] = f.read(max(0, end - start))
        return out


class _ConvertedSource:
    """CFF2 outlines converted to TrueType glyph records, remembered on disk per face.

    Only faces without a `CFF ` table come here; CFF faces are embedded as they are."""

    hinting_tables = ()

    def __init__(self, face: FaceRef, stamp: str) -> None:
        self.face = face
        self.file = cache_dir() / "glyphs" / f"{stamp}.bin"
        self.done: dict[int, bytes] = {}
        try:
            import marshal

            loaded = marshal.loads(self.file.read_bytes())
            if isinstance(loaded, dict):
                self.done = loaded
        except (OSError, ValueError, EOFError, TypeError):
            pass
        self._font: Any = None  # fontTools TTFont, opened on the first conversion

    def glyphs(self, gids: Iterable[int]) -> dict[int, bytes]:
        gids = list(gids)
        with _CONVERT_LOCK:  # the GUI may export and print a proof at once; fontTools is not thread-safe
            todo = [g for g in gids if g not in self.done]
            if todo:
                self._convert(todo)
            return {g: self.done[g] for g in gids}

    def _convert(self, gids: list[int]) -> None:
        from fontTools.pens.cu2quPen import Cu2QuPen
        from fontTools.pens.ttGlyphPen import TTGlyphPen
        from fontTools.ttLib import TTFont

        font = self._font
        if font is None:
            font = self._font = TTFont(self.face.path, fontNumber=self.face.index, lazy=True)
        order = font.getGlyphOrder()
        # CFF charstrings directly, else (CFF2, glyf) whatever the face's glyph set draws
        outlines: Any = font["CFF "].cff.topDictIndex[0].CharStrings if "CFF " in font else font.getGlyphSet()
        max_err = font["head"].unitsPerEm / 1000  # 1/1000 em: far below what print resolves
        for gid in gids:
            name = order[gid] if gid < len(order) else order[0]
            pen = TTGlyphPen(None)
            source = outlines[name]
            source.draw(Cu2QuPen(pen, max_err, reverse_direction=True))
            glyph = pen.glyph()
            self.done[gid] = glyph.compile(None) if glyph.numberOfContours else b""
        self._save()

    def _save(self) -> None:
        import marshal

        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_name(f"{self.file.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(self.done))
            os.replace(tmp, self.file)
        except OSError:
            pass  # an unwritable cache only costs time on the next run


_CONVERT_LOCK = threading.Lock()

# The record of desubroutinized charstrings: bump FLAT_VERSION when cff.py's output changes, so
# files written by an older version are not used.
FLAT_VERSION = 1
_FLAT_TAG = "gazette-press flat charstrings"


def flat_charstrings_name(stamp: str) -> str:
    """The file of a face's charstrings desubroutinized beforehand, under faces/ of the installed
    (or cache) folder; `stamp` is the face's `face_stamp`."""
    return f"faces/cff-{stamp}.v{FLAT_VERSION}.bin"


class _FlatFile:
    """A file of desubroutinized charstrings: where they start, and for each glyph it holds
    (ascending ids) its Font DICT and where its charstring ends."""

    def __init__(self, path: Path, base: int, gids: array, fds: bytes, ends: array) -> None:
        self.path, self.base, self.gids, self.fds, self.ends = path, base, gids, fds, ends

    def position(self, gid: int) -> int | None:
        """Where `gid` is among the file's glyphs, or None. (Found by bisection and then checked:
        ids out of order in a damaged file could only make a glyph not found, never wrong.)"""
        gids = self.gids
        k = bisect_left(gids, gid)
        return k if k < len(gids) and gids[k] == gid else None


class FlatCharstrings:
    """`CffFace.known` for one face: its charstrings desubroutinized beforehand, from the first
    of the cache and installed folders holding the face's file. The file's index is read when
    first asked, then only the charstrings asked for."""

    def __init__(self, stamp: str, glyph_count: int) -> None:
        self.stamp, self.glyph_count = stamp, glyph_count
        self._file: _FlatFile | None | bool = False  # False: not looked for yet; None: none found

    def __call__(self, gids: Sequence[int]) -> dict[int, tuple[int, bytes]]:
        file = self._file
        if file is False:
            file = self._file = self._find()
        if not isinstance(file, _FlatFile):
            return {}
        ends, at = file.ends, file.position
        found = [(k, g) for g in gids if (k := at(g)) is not None]
        if not found:
            return {}
        found.sort()
        spans = [
            (file.base + (ends[k - 1] if k else 0), ends[k] - (ends[k - 1] if k else 0)) for k, _g in found
        ]
        try:
            with open(file.path, "rb") as f:
                data = read_spans(f, spans)
        except (OSError, CffError):
            return {}
        return {g: (file.fds[k], raw) for (k, g), raw in zip(found, data, strict=True)}

    def _find(self) -> _FlatFile | None:
        name = flat_charstrings_name(self.stamp)
        for folder in (cache_dir(), installed_dir()):
            path = folder / name
            try:
                with open(path, "rb") as f:
                    size = os.fstat(f.fileno()).st_size
                    head = f.read(4)
                    head = f.read(int.from_bytes(head, "little")) if len(head) == 4 else b""
            except OSError:
                continue
            got = _flat_index(head, self.stamp, self.glyph_count)
            if got is not None and got[2] and got[2][-1] == size - 4 - len(head):
                return _FlatFile(path, 4 + len(head), *got)
        return None


def _flat_index(head: bytes, stamp: str, glyph_count: int) -> tuple[array, bytes, array] | None:
    """(ascending glyph ids, Font DICT of each, end of each charstring) from a file's index, or
    None when it is damaged or made for another face, font file or format."""
    try:
        tag, version, its_stamp, count, byteorder, gid_bytes, fds, end_bytes = marshal.loads(head)
        if (tag, version, its_stamp, count, byteorder) != (
            _FLAT_TAG,
            FLAT_VERSION,
            stamp,
            glyph_count,
            sys.byteorder,
        ):
            return None
        gids, ends = array("H"), array("I")
        gids.frombytes(gid_bytes)
        ends.frombytes(end_bytes)
    except (EOFError, ValueError, TypeError):
        return None
    if type(fds) is not bytes or not len(gids) == len(fds) == len(ends):
        return None
    return gids, fds, ends


def install_flat_charstrings(face: FaceRef, chars: Iterable[str], folder: Path) -> Path | None:
    """Desubroutinize the charstrings of `chars` (and .notdef) in `face` into `folder`'s faces/
    (scripts/install_tables.py, into the installed folder); the file written, or None for a face
    whose charstrings need no flattening (TrueType, CFF2, CFF without subroutines)."""
    src = _glyph_source(face)
    if not isinstance(src, CffFace) or not src.has_subroutines:
        return None
    cmap = face_metrics(face).cmap
    gids = sorted(
        {0} | {g for g in (cmap.get(ord(c)) for c in chars) if g is not None and g < src.glyph_count}
    )
    known, src.known = src.known, None  # flattened here, not read from an earlier file
    try:
        glyphs = src.charstrings(gids)
    finally:
        src.known = known
    ends = array("I")
    end = 0
    for g in gids:
        end += len(glyphs[g][1])
        ends.append(end)
    stamp = face_stamp(face)
    head = marshal.dumps(
        (
            _FLAT_TAG,
            FLAT_VERSION,
            stamp,
            src.glyph_count,
            sys.byteorder,
            array("H", gids).tobytes(),
            bytes(glyphs[g][0] for g in gids),
            ends.tobytes(),
        )
    )
    target = folder / flat_charstrings_name(stamp)
    write_whole(target, len(head).to_bytes(4, "little") + head + b"".join(glyphs[g][1] for g in gids))
    return target


def _glyph_source(face: FaceRef) -> _GlyfSource | _ConvertedSource | CffFace:
    st = os.stat(face.path)
    key = (face.path, face.index, st.st_mtime_ns)
    src = CACHE.sources.get(key)
    if src is None:
        if face.cff:
            r = SfntReader(face.path)
            try:
                cff_table = r.tables(face.index).get("CFF ")
            finally:
                r.close()
            if cff_table is not None:
                src = CffFace(face.path, *cff_table)
                if src.has_subroutines:
                    src.known = FlatCharstrings(face_stamp(face), src.glyph_count)
            else:  # CFF2
                src = _ConvertedSource(face, face_stamp(face))
        else:
            src = _GlyfSource(face)
        src = CACHE.sources.put(key, src)
    return src


def glyph_ink(face: FaceRef, ch: str) -> tuple[float, float, float, float] | None:
    """The ink box (em, y up) of `ch` in `face`: for a CFF face from the one charstring, read
    without loading the face; else measured by `ink.outline_ink` on the face loaded whole."""
    from ..ink import outline_ink

    try:
        src = _glyph_source(face)
        if not isinstance(src, CffFace):
            return outline_ink(face.path, face.index, ch)
        metrics = face_metrics(face)
        gid = metrics.cmap.get(ord(ch))
        if gid is None:
            return None
        from types import SimpleNamespace

        from fontTools.misc.psCharStrings import T2CharString
        from fontTools.pens.boundsPen import BoundsPen

        _fd, charstring = src.charstrings([gid])[gid]
        pen = BoundsPen(None)
        widths = SimpleNamespace(nominalWidthX=0, defaultWidthX=0)  # the advance is not drawn
        T2CharString(bytecode=charstring, private=widths, globalSubrs=[]).draw(pen)
    except Exception:  # noqa: BLE001 - an unreadable font: no ink box, the dash keeps its glyphs
        return None
    if pen.bounds is None:
        return None
    upem = metrics.upem
    x0, y0, x1, y1 = pen.bounds
    return (x0 / upem, y0 / upem, x1 / upem, y1 / upem)


class Deflated:
    """A font program's level-6 deflate, made on the deflate thread. zlib lets go of the GIL while
    it works, so a new subset is compressed while the build goes on (on a first build the fonts'
    deflate, about 50 ms for the reference issue, runs beside reportlab's import and the page
    drawing); `bytes` waits for it. `then` runs on that thread once the bytes are made (the
    subset's disk copy is written there too). Equal and hashed as its bytes; pickled as them."""

    __slots__ = ("_data", "_done", "_error", "_runner")

    def __init__(self, data: bytes) -> None:
        self._data: bytes | None = data
        self._done: threading.Event | None = None
        self._error: BaseException | None = None
        self._runner = 0  # the thread running the job, while it runs

    @classmethod
    def pending(cls) -> Deflated:
        """Bytes that `start` will make."""
        made = cls(b"")
        made._data = None
        made._done = threading.Event()
        return made

    def start(self, program: bytes, then: Callable[[], None] | None = None) -> None:
        def job() -> None:
            self._runner = threading.get_ident()
            try:
                self._data = zlib.compress(program, 6)
                if then is not None:
                    then()
            except BaseException as exc:  # noqa: BLE001 - raised again where the bytes are wanted
                self._error = exc
            finally:
                self._runner = 0
                assert self._done is not None
                self._done.set()

        _deflate_later(job)

    def bytes(self) -> bytes:
        done = self._done
        if done is not None and self._runner != threading.get_ident():
            done.wait()  # the `then` work included: a build never leaves a subset half stored
        if self._error is not None:
            raise self._error
        assert self._data is not None
        return self._data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deflated) and self.bytes() == other.bytes()

    def __hash__(self) -> int:
        return hash(self.bytes())

    def __reduce__(self):
        return (Deflated, (self.bytes(),))


_JOBS: list[Callable[[], None]] = []
_JOBS_LOCK = threading.Lock()
_WORKER: list[threading.Thread] = []  # the deflate thread while it has work


def _deflate_later(job: Callable[[], None]) -> None:
    """Run `job` on the deflate thread: one thread for every subset (starting a thread costs a
    GIL hand-over each time), started when work arrives and ended when there is none, so it never
    holds the process open; the interpreter waits for it at exit (not a daemon), so a subset's disk
    copy is never cut short."""
    with _JOBS_LOCK:
        _JOBS.append(job)
        if _WORKER:
            return
        worker = threading.Thread(target=_deflate_jobs, name="deflate")
        _WORKER.append(worker)
    try:
        worker.start()
    except RuntimeError:  # no thread can be started (a limit, a full machine): deflate here
        _deflate_jobs()


def _deflate_jobs() -> None:
    while True:
        with _JOBS_LOCK:
            if not _JOBS:
                _WORKER.clear()
                return
            job = _JOBS.pop(0)
        job()


@dataclass(frozen=True)
class EmbeddedFont:
    """A font program for one PDF font: glyph 1.. are the book's characters in code point order.

    The program is kept Flate-compressed, as the PDF embeds it; `program` inflates it on demand
    (a subset read from the disk cache is written into a PDF without ever being inflated)."""

    deflated: Deflated  # the program, deflated (zlib level 6): `packed`
    size: int  # the program's length in bytes
    gids: dict[str, int]  # character -> glyph id (= CID under Identity-H)
    widths: tuple[float, ...]  # advance of each glyph id in 1/1000 em
    psname: str
    tag: str  # six capitals naming this subset, stable for the same characters
    ascent: float  # 1/1000 em; descent is negative, as PDF wants it
    descent: float
    cap_height: float
    italic_angle: float
    bbox: tuple[float, float, float, float]
    cff: bool = False  # program is a bare CID-keyed CFF (FontFile3 /CIDFontType0C)

    @property
    def packed(self) -> bytes:
        """The program, deflated (zlib level 6), as the PDF embeds it."""
        return self.deflated.bytes()

    @cached_property
    def program(self) -> bytes:
        """TrueType (glyf) font file, or a CID-keyed CFF if `cff`."""
        return zlib.decompress(self.packed)


def _cmap_table(pairs: list[tuple[int, int]]) -> bytes:
    """cmap with a format 4 (BMP) and a format 12 subtable for sorted (code point, glyph) pairs."""
    segs: list[list[int]] = []
    for cp, gid in pairs:
        if cp > 0xFFFE:
            break
        if segs and cp == segs[-1][1] + 1 and gid - cp == segs[-1][2]:
            segs[-1][1] = cp
        else:
            segs.append([cp, cp, gid - cp])
    segs.append([0xFFFF, 0xFFFF, 1])
    n = len(segs)
    pow2 = 1
    while pow2 * 2 <= n:
        pow2 *= 2
    f4 = struct.pack(">HHHH", 2 * n, 2 * pow2, pow2.bit_length() - 1, 2 * n - 2 * pow2)
    f4 += struct.pack(f">{n}H", *(s[1] for s in segs)) + b"\0\0"
    f4 += struct.pack(f">{n}H", *(s[0] for s in segs))
    f4 += struct.pack(f">{n}H", *(s[2] & 0xFFFF for s in segs))
    f4 += b"\0\0" * n
    f4 = struct.pack(">HHH", 4, 6 + len(f4), 0) + f4
    groups: list[list[int]] = []
    for cp, gid in pairs:
        if groups and cp == groups[-1][1] + 1 and gid == groups[-1][2] + cp - groups[-1][0]:
            groups[-1][1] = cp
        else:
            groups.append([cp, cp, gid])
    f12 = b"".join(struct.pack(">III", *g) for g in groups)
    f12 = struct.pack(">HHIII", 12, 0, 16 + len(f12), 0, len(groups)) + f12
    head = struct.pack(">HH", 0, 2) + struct.pack(">HHI", 3, 1, 20) + struct.pack(">HHI", 3, 10, 20 + len(f4))
    return head + f4 + f12


def embeddable_font(face: FaceRef, chars: Iterable[str]) -> EmbeddedFont:
    """The font program to embed for `chars` of `face`; characters the face lacks are left out.
    A new subset is deflated (then kept on disk) on a thread: reading its `packed` waits for both."""
    metrics = face_metrics(face)
    lookup = metrics.cmap.get
    glyph_of = {c: g for c in set(chars) if (g := lookup(ord(c))) is not None}  # one lookup each
    wanted = sorted(glyph_of, key=ord)
    try:
        stamp = face_stamp(face)
    except OSError as exc:
        raise FontError(
            f"字体文件无法读取：{face.path}（{exc}）。", f"Cannot read font file {face.path} ({exc})."
        ) from None
    key = (stamp, "".join(wanted))
    got = CACHE.embedded.get(key)
    if got is not None:
        return got
    digest = sha1(key[1].encode("utf-8", "surrogatepass")).hexdigest()[:20]
    disk = (
        cache_dir() / "subsets" / f"{stamp}-{digest}.v3.bin"
    )  # v3: the record version (older writers keep their own files)
    got = _load_subset(disk, wanted)
    if got is None:
        try:
            got = _assemble(face, metrics, wanted, [0] + [glyph_of[c] for c in wanted], disk)
        except (OSError, ValueError, KeyError, struct.error, IndexError, AttributeError) as exc:
            raise FontError(
                f"无法嵌入字体 {face.family or face.id}（{face.path}）：{exc}。请重新安装该字体或在模板中换用其他字体。",
                f"Cannot embed font {face.family or face.id} ({face.path}): {exc}. "
                "Reinstall it or choose another font.",
            ) from None
    return CACHE.embedded.put(key, got)


SUBSETS_KEPT = 48  # newest subset files kept on disk: the last builds of the issues being edited


def _store_subset(path: Path, font: EmbeddedFont) -> None:
    """A cold build of an unchanged issue then reads its subsets instead of assembling them."""
    import marshal

    record = (
        3,
        font.packed,
        font.size,
        zlib.crc32(font.packed),
        "".join(font.gids),
        font.widths,
        font.psname,
        font.tag,
        (font.ascent, font.descent, font.cap_height, font.italic_angle),
        font.bbox,
        font.cff,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(record))
        os.replace(tmp, path)
        old = sorted(path.parent.glob("*.bin"), key=lambda p: p.stat().st_mtime_ns)
        for stale in old[:-SUBSETS_KEPT]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # an unwritable cache only costs time


def _load_subset(path: Path, wanted: list[str]) -> EmbeddedFont | None:
    import marshal

    try:
        record = marshal.loads(path.read_bytes())
        version, packed, length, crc, chars, widths, psname, tag, vmetrics, bbox, cff = record
        if version != 3 or chars != "".join(wanted) or zlib.crc32(packed) != crc:
            return None  # another version, or damaged: the checksum stands for inflating it
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return EmbeddedFont(
        deflated=Deflated(packed),
        size=length,
        gids={c: k + 1 for k, c in enumerate(chars)},
        widths=tuple(widths),
        psname=psname,
        tag=tag,
        ascent=vmetrics[0],
        descent=vmetrics[1],
        cap_height=vmetrics[2],
        italic_angle=vmetrics[3],
        bbox=tuple(bbox),
        cff=bool(cff),
    )


def compressed_program(font: EmbeddedFont) -> bytes:
    """The Flate-compressed program, as the PDF embeds it."""
    return font.packed


def _assemble(
    face: FaceRef, metrics: FaceMetrics, wanted: list[str], old_gids: list[int], disk: Path
) -> EmbeddedFont:
    """The subset of `wanted` (code point order); `old_gids` are .notdef's and their glyph ids.
    Its program is deflated on a thread, which then stores the subset at `disk`."""
    src = _glyph_source(face)
    hinting = src.hinting_tables if not isinstance(src, CffFace) else ()
    raw = raw_tables(face.path, face.index, ("head", "hhea", "maxp", "OS/2", "name", "post", *hinting))
    head, os2, post = raw["head"], raw.get("OS/2", b""), raw["post"]
    fs_type = struct.unpack(">H", os2[8:10])[0] if len(os2) >= 10 else 0
    if (fs_type & 0x000F) == 0x0002 or fs_type & 0x0200:
        name = face.family or face.id
        raise FontError(
            f"字体“{name}”的授权不允许嵌入 PDF（{face.path}）。请在模板中为该角色换用其他字体。",
            f"The licence of font '{name}' forbids embedding it in a PDF ({face.path}). "
            "Choose another font for this role in the template.",
        )
    if struct.unpack(">H", head[18:20])[0] != metrics.upem:
        raise ValueError("inconsistent head table")
    ps = face.id
    names = first_names(raw["name"])
    if names.get(6):
        ps = "".join(c for c in names[6] if 0x21 <= ord(c) <= 0x7E and c not in "[](){}<>/%#") or ps
    if isinstance(src, CffFace):
        order = old_gids
        glyphs = src.charstrings(old_gids)
        used_fds = list(dict.fromkeys(glyphs[g][0] for g in order))
        program = cid_subset(src, ps, [glyphs[g] for g in order], used_fds)
    else:
        order, program = _truetype_program(src, raw, metrics, wanted, old_gids)
    advances = [metrics.advance_units(old) for old in order]
    upem = metrics.upem
    scale = 1000 / upem
    xmin, ymin, xmax, ymax = struct.unpack(">hhhh", head[36:44])
    cap = metrics.ascent
    if len(os2) >= 90 and struct.unpack(">H", os2[:2])[0] >= 2:
        cap = struct.unpack(">h", os2[88:90])[0] or cap
    italic = struct.unpack(">i", post[4:8])[0] / 65536
    digest = sha1((ps + "".join(wanted)).encode("utf-8")).digest()
    tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
    deflated = Deflated.pending()
    font = EmbeddedFont(
        deflated=deflated,
        size=len(program),
        gids={c: k + 1 for k, c in enumerate(wanted)},
        widths=tuple(round(a * scale, 3) for a in advances),
        psname=ps,
        tag=tag,
        ascent=round(metrics.ascent * scale, 3),
        descent=-round(metrics.descent * scale, 3),
        cap_height=round(cap * scale, 3),
        italic_angle=italic,
        bbox=(round(xmin * scale), round(ymin * scale), round(xmax * scale), round(ymax * scale)),
        cff=isinstance(src, CffFace),
    )
    deflated.start(program, then=lambda: _store_subset(disk, font))
    return font


def _truetype_program(
    src: _GlyfSource | _ConvertedSource,
    raw: dict[str, bytes],
    metrics: FaceMetrics,
    wanted: list[str],
    old_gids: list[int],
) -> tuple[list[int], bytes]:
    """(source glyph of each new glyph, TrueType program): glyph records copied or converted."""
    head, hhea, os2, post = raw["head"], raw["hhea"], raw.get("OS/2", b""), raw["post"]
    data = src.glyphs(sorted(set(old_gids)))
    # one new glyph per character, then components of composite glyphs, renumbered
    order = list(old_gids)
    new_of: dict[int, int] = {}
    i = 0
    while i < len(order):
        for _pos, comp in _components(data.get(order[i], b"")):
            if comp not in new_of and comp not in order[len(old_gids) :]:
                order.append(comp)
                if comp not in data:
                    data.update(src.glyphs([comp]))
        i += 1
    for new, old in enumerate(order):
        new_of.setdefault(old, new)
    glyf, loca = bytearray(), [0]
    max_points = max_contours = 0
    lsbs = []
    for old in order:
        g = data.get(old, b"")
        comps = _components(g)
        if comps:
            patched = bytearray(g)
            for pos, comp in comps:
                patched[pos : pos + 2] = struct.pack(">H", new_of[comp])
            g = bytes(patched)
        elif len(g) >= 10:
            nc = struct.unpack(">h", g[:2])[0]
            if nc > 0:
                max_contours = max(max_contours, nc)
                max_points = max(
                    max_points, struct.unpack(">H", g[10 + 2 * (nc - 1) : 12 + 2 * (nc - 1)])[0] + 1
                )
        lsbs.append(struct.unpack(">h", g[2:4])[0] if len(g) >= 10 else 0)
        glyf += g + b"\0" * ((4 - len(g) % 4) % 4)
        loca.append(len(glyf))
    n = len(order)
    advances = [metrics.advance_units(old) for old in order]
    hmtx = b"".join(struct.pack(">Hh", a, lsb) for a, lsb in zip(advances, lsbs, strict=True))
    if isinstance(src, _GlyfSource) and len(raw["maxp"]) >= 32:
        maxp = raw["maxp"][:4] + struct.pack(">H", n) + raw["maxp"][6:32]
    else:
        maxp = struct.pack(
            ">IHHHHHHHHHHHHHH",
            0x00010000,
            n,
            max_points,
            max_contours,
            max_points,
            max_contours,
            1,
            0,
            0,
            0,
            0,
            0,
            0,
            2,
            1,
        )
    tables = {
        "head": head[:50] + struct.pack(">hh", 1, 0) + head[54:],
        "hhea": hhea[:34] + struct.pack(">H", n) + hhea[36:],
        "maxp": maxp,
        "hmtx": hmtx,
        "loca": struct.pack(f">{n + 1}I", *loca),
        "glyf": bytes(glyf),
        "cmap": _cmap_table([(ord(c), k + 1) for k, c in enumerate(wanted)]),
        "name": raw["name"],
        "post": struct.pack(">I", 0x00030000) + post[4:32],
    }
    if os2:
        tables["OS/2"] = os2
    for tag in src.hinting_tables:
        if tag in raw:
            tables[tag] = raw[tag]
    return order, build_sfnt(tables)
