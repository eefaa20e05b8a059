"""The PDF backend: draws a Book's display list with reportlab, nothing else.

reportlab supplies the file structure (pages, boxes, outline, page labels, links, images,
deterministic output); text is written as raw operators so that every character lands on the
x the layout computed. Each face becomes one Type0 font with Identity-H encoding (CIDFontType2
for TrueType faces, CIDFontType0 for CFF ones) whose program (from layout.fonts) holds exactly
the characters used, one glyph per
character, so copied text maps back to Unicode through a complete ToUnicode CMap and no
256-glyph splitting of CJK fonts happens.

Within a run, the common gap between characters after their advances (justification spread
or punctuation compression) becomes the character spacing Tc; only characters that deviate
get a TJ adjustment, so a justified line is one short TJ array.

Page content streams are kept compressed in a `PageStreams` cache between writes (the
process-wide `PAGE_STREAMS` unless the caller passes its own), so an edit then export
re-serialises only the pages whose drawing changed. See `PageStreams` for what the key holds.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from io import BytesIO
from itertools import accumulate, compress
from operator import sub
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from .collector import cyclic_gc_paused
from .display import Book, Box, FaceRef, GlyphRun, Link, Page, Picture, Rule
from .errors import FontError, LayoutError
from .fonts import CACHE, EmbeddedFont, compressed_program, embeddable_font, face_stamp
from .pdffile import FileShape, flate_stream
from .pdfx import PDF_VERSION, PrintColours, ScreenColours, into_bleed, mark_pdfx, num
from .template import Template

# Binary Flate streams only: reportlab's pure-Python ASCII85 costs more than the whole layout.
# reportlab reads this when it saves, so it is set for the process rather than around each save
# (two threads saving at once must not see different values, or the bytes would differ).
rl_config.useA85 = 0

MM = 72 / 25.4
CROP_MARK_LENGTH = 5 * MM
CROP_MARK_OFFSET = 3 * MM  # marks start outside the bleed so they never print on the page
CREATOR = "gazette-press"


_PREAMBLE = "1 0 0 1 0 0 cm"  # every page stream's first line


def _page_stream(code: list[str]) -> bytes:
    """A page's compressed content stream from its operator blocks: what reportlab's showPage
    makes of the canvas's code (preamble, blocks, a closing blank) and its Flate filter of that."""
    return zlib.compress(("\n".join([_PREAMBLE, *code, " "]) + "\n").encode("utf8"))


class _Canvas(Canvas):
    """A canvas without reportlab's default Helvetica preamble, which would add an unembedded font.

    Each page's content stream is compressed here, when the page is shown, rather than by
    reportlab when the file is saved, so the writer can keep it (`shown`) or hand in one kept
    from an earlier write (`reuse`); either way the bytes are those reportlab would write.
    """

    _reuse: bytes | None = None
    shown: bytes = b""

    def _make_preamble(self) -> None:
        self._preamble = _PREAMBLE

    def reuse(self, stream: bytes) -> None:
        """The next page's content is this compressed stream; nothing was drawn on it."""
        self._reuse = stream

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        super().showPage()
        page = self._doc.Pages.pages[-1]
        data = self._reuse
        if data is None:
            data = zlib.compress(page.stream.encode("utf8"))  # what reportlab's Flate filter does
        self._reuse = None
        self.shown = data
        page.Contents = _flate(data, "page stream")
        page.__class__ = _Page


class _FlateStream(pdfdoc.PDFStream):
    """An already Flate-compressed stream, formatted in one step: the bytes PDFStream writes for it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(
            pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])}), data
        )

    def format(self, document) -> bytes:
        if rl_config.pdfMultiLine or len(self.dictionary.dict) != 1:
            return super().format(document)
        return flate_stream(document.encrypt.encode(self.content))


_PAGE_BYTES: dict[tuple, bytes] = {}  # a page dictionary's formatted bytes by everything they show


class _Page(pdfdoc.PDFPage):
    """reportlab's page dictionary, whose formatted bytes are remembered by what they are made of
    (object numbers, boxes, resources, annotations): a rebuild with the same numbering formats a
    page in one lookup instead of reportlab's generic walk over a dozen PDF objects."""

    def format(self, document) -> bytes:
        self.check_format(document)
        document.Reference(self.Contents)  # the contents get their number here, as they would below
        try:
            key = tuple(
                (name, _shape(value, document))
                for name in _PAGE_KEYS
                if (value := getattr(self, name, None)) is not None
            )
        except _NoShape:
            return super().format(document)
        got = _PAGE_BYTES.get(key)
        if got is None:
            got = super().format(document)
            if len(_PAGE_BYTES) >= 4096:
                _PAGE_BYTES.clear()
            _PAGE_BYTES[key] = got
        return got


_PAGE_KEYS = (*pdfdoc.PDFPage.__Defaults__, *pdfdoc.PDFPage.__NoDefault__)


class _NoShape(Exception):
    """A value _shape does not know: the page is formatted the ordinary way."""


def _shape(v: object, document) -> object:
    """A hashable value that determines how reportlab formats v, object numbers included."""
    if v is None or type(v) in (str, int, float, bool):
        return v
    if isinstance(v, pdfdoc.PDFObjectReference):
        return ("ref", document.idToObjectNumberAndVersion[v.name])
    if isinstance(v, pdfdoc.PDFStream):
        return ("ref", document.idToObjectNumberAndVersion[v.__InternalName__])  # type: ignore[attr-defined]
    if type(v) in (pdfdoc.PDFArray, pdfdoc.PDFArrayCompact):
        return (type(v).__name__, tuple(_shape(e, document) for e in v.sequence))  # type: ignore[attr-defined]
    if type(v) is pdfdoc.PDFDictionary:
        return ("dict", tuple(sorted((k, _shape(e, document)) for k, e in v.dict.items())))  # type: ignore[attr-defined]
    if type(v) is pdfdoc.PDFResourceDictionary:
        res: Any = v
        parts = [(a, _shape(getattr(res, a), document)) for a in res.dict_attributes]
        return ("resources", tuple(parts), _shape(res.ProcSet, document))
    if type(v) is dict:
        return ("map", tuple(sorted((k, _shape(e, document)) for k, e in v.items())))
    if type(v) is list:
        return ("list", tuple(_shape(e, document) for e in v))
    raise _NoShape


TOLERANCE = 0.01  # pt (3.5 µm): a character further than this from its x gets an explicit TJ adjustment


def _tounicode(font: EmbeddedFont) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        f"/CMapName /{font.tag}-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    pairs = sorted((g, c) for c, g in font.gids.items())
    for i in range(0, len(pairs), 100):
        chunk = pairs[i : i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for g, c in chunk:
            lines.append(f"<{g:04X}> <{c.encode('utf-16-be').hex().upper()}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return ("\n".join(lines) + "\n").encode("ascii")


def _flate(data: bytes, comment: str = "") -> pdfdoc.PDFStream:
    """A stream whose content is already Flate-compressed: the bytes reportlab's filter would write."""
    stream = _FlateStream(data)
    if comment:
        stream.__Comment__ = comment  # type: ignore[attr-defined]
    return stream


_FONT_PARTS: dict[int, tuple[EmbeddedFont, str, bytes]] = {}
_FONT_PARTS_LOCK = threading.Lock()


def _font_parts(font: EmbeddedFont) -> tuple[str, bytes]:
    """The W array and the compressed ToUnicode CMap of a subset, made once per subset (a warm
    rebuild embeds the same subset objects; the entry holds its font, so its id stays its own)."""
    with _FONT_PARTS_LOCK:
        got = _FONT_PARTS.get(id(font))
        if got is not None and got[0] is font:
            return got[1], got[2]
    widths = "[0 [" + " ".join(num(w) for w in font.widths) + "]]"  # preformatted: 1000s of numbers
    cmap = zlib.compress(_tounicode(font))
    with _FONT_PARTS_LOCK:
        if len(_FONT_PARTS) >= 64:
            _FONT_PARTS.clear()
        _FONT_PARTS[id(font)] = (font, widths, cmap)
    return widths, cmap


def _add_font(doc, name: str, font: EmbeddedFont) -> None:
    """Type0 font + CID font + descriptor + font file + ToUnicode, registered as /name.

    A TrueType program is a CIDFontType2 with FontFile2; a CFF one (CID-keyed, CID = glyph id)
    a CIDFontType0 with FontFile3 /CIDFontType0C."""
    base = f"{font.tag}+{font.psname}"
    # the program is compressed once per character set (fonts caches it), not on every write
    program = pdfdoc.PDFStream(content=compressed_program(font))
    if font.cff:
        program.dictionary["Subtype"] = "/CIDFontType0C"
    else:
        program.dictionary["Length1"] = font.size
    program.dictionary["Filter"] = "/FlateDecode"
    descriptor = pdfdoc.PDFDictionary(
        {
            "Type": "/FontDescriptor",
            "FontName": pdfdoc.PDFName(base),
            "Flags": 4,
            "FontBBox": pdfdoc.PDFArrayCompact(list(font.bbox)),
            "ItalicAngle": font.italic_angle,
            "Ascent": font.ascent,
            "Descent": font.descent,
            "CapHeight": font.cap_height,
            "StemV": 80,
            "FontFile3" if font.cff else "FontFile2": doc.Reference(program),
        }
    )
    widths, cmap_data = _font_parts(font)
    cidfont = pdfdoc.PDFDictionary(
        {
            "Type": "/Font",
            "Subtype": "/CIDFontType0" if font.cff else "/CIDFontType2",
            "BaseFont": pdfdoc.PDFName(base),
            "CIDSystemInfo": pdfdoc.PDFDictionary(
                {
                    "Registry": pdfdoc.PDFString("Adobe"),
                    "Ordering": pdfdoc.PDFString("Identity"),
                    "Supplement": 0,
                }
            ),
            "FontDescriptor": doc.Reference(descriptor),
            "DW": 1000,
            "W": widths,
        }
    )
    if not font.cff:
        cidfont.dict["CIDToGIDMap"] = "/Identity"
    cmap = _flate(cmap_data)
    type0 = pdfdoc.PDFDictionary(
        {
            "Type": "/Font",
            "Subtype": "/Type0",
            "BaseFont": pdfdoc.PDFName(base),
            "Encoding": "/Identity-H",
            "DescendantFonts": pdfdoc.PDFArrayCompact([doc.Reference(cidfont)]),
            "ToUnicode": doc.Reference(cmap),
        }
    )
    doc.idToObject[pdfdoc.BasicFonts].dict[name] = doc.Reference(type0, name)


class _PageValue:
    """A page's drawn items and setting as a key of PageStreams.by_value: hashed by the texts of
    its glyph runs (strings keep their hash; hashing every item's coordinates cost as much as
    a quarter of drawing the page), equal only if every item is equal."""

    __slots__ = ("setting", "drawn", "hash")

    def __init__(self, setting: tuple, drawn: tuple) -> None:
        self.setting = setting
        self.drawn = drawn
        self.hash = hash((setting, tuple([i.text for i in drawn if type(i) is GlyphRun])))

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _PageValue)
            and self.hash == other.hash
            and self.setting == other.setting
            and self.drawn == other.drawn
        )


class _PageEntry:
    """One page's drawing as last written: its items, characters per face, compressed stream."""

    __slots__ = ("items", "chars", "fonts", "stream", "used")

    def __init__(self, items: tuple, chars: tuple[tuple[str, str], ...]) -> None:
        self.items = items  # kept alive, so no other object can take one of their ids
        self.chars = chars  # (face id, the distinct characters drawn in it), faces sorted
        self.fonts: tuple = ()  # (name, EmbeddedFont) per face of chars, as last written
        self.stream: bytes | None = None
        self.used = 0


class PageStreams:
    """Compressed content streams of pages written before, for the next write to reuse.

    A stream is reused only when everything it was made from is the same:
      - the page's drawn items (glyph runs, rules, boxes; links are annotations, not content):
        first by the items' identity (a laid-out page that came from the layout cache holds the
        very same frozen items), else by their value;
      - the page size, bleed and crop marks (the output is the screen file: its colours are
        plain operators; print separations register colour spaces and are never reused);
      - for every face the page draws, the PDF font name and, for each character drawn, its
        glyph id and width in the embedded subset. A subset that renumbers its glyphs (a new
        character added before others in code point order) changes the ids and so the key.
    Pages with pictures are always drawn (their images are objects of the file being written).
    Entries a write did not use are dropped after `keep` further writes.
    """

    def __init__(self, keep: int = 3) -> None:
        self.keep = keep
        self.by_ids: dict[tuple, tuple[tuple, _PageEntry]] = {}
        self.by_value: dict[_PageValue, _PageEntry] = {}
        # entries not yet in by_value, indexed on the first later write that misses a page by ids
        self.fresh: list[tuple[_PageValue, _PageEntry]] = []  # made by this write
        self.unindexed: list[tuple[_PageValue, _PageEntry]] = []  # made by earlier writes
        self.subsets: dict[tuple, EmbeddedFont] = {}  # (face, stamp, characters): last write's subsets
        self.next_subsets: dict[tuple, EmbeddedFont] = {}
        self.subsets_of: object = None  # the font layer's subset store they came from
        self.generation = 0
        self.reused = 0  # pages whose stream the last write reused
        self.drawn = 0  # pages the last write drew
        self.shape: FileShape | None = None  # the last file reportlab wrote, cut into objects
        self.counted: Counter[tuple[str, str]] = Counter()  # (face, characters) of the last write's pages
        self.char_counts: dict[str, Counter[str]] = {}  # face -> character -> pages of those drawing it
        self.faces_chars: dict[str, frozenset[str]] = {}  # face -> the characters drawn in it
        self.copied = False  # the last write copied that file's objects (only page streams were made)
        self.lock = threading.Lock()

    def entry(self, setting: tuple, items: list) -> _PageEntry | None:
        every = tuple(items)
        ids = (setting, tuple(map(id, every)))  # links included: a page with pictures is never entered
        known = self.by_ids.get(ids)
        if known is None:
            drawn = tuple(i for i in every if type(i) is not Link)
            if any(type(i) is Picture for i in drawn):
                return None
            value = _PageValue(setting, drawn)
            if self.unindexed:  # entries of earlier writes, hashed by value now that one is asked for
                for old_value, old in self.unindexed:
                    self.by_value.setdefault(old_value, old)
                self.unindexed = []
            got = self.by_value.get(value) if self.by_value else None
            if got is None:
                got = _PageEntry(drawn, _page_chars(drawn))
                self.fresh.append((value, got))
            # the ids key holds its own items alive: equal items may be other objects than the entry's
            known = self.by_ids[ids] = (every, got)
        known[1].used = self.generation
        return known[1]

    def used_chars(self, pages: list[tuple[tuple[str, str], ...]]) -> dict[str, frozenset[str]]:
        """The characters drawn in each face, from each page's (face, characters) pairs.

        Kept from write to write by counting, per face and character, the pages that draw it:
        only the pairs that came or went since the last write are counted (an edit changes a
        page or two), and a face's set is made again only when a character came or went."""
        new = Counter(pair for chars in pages for pair in chars)
        changed = set()
        for (face, text), n in (new - self.counted).items():
            counts = self.char_counts.setdefault(face, Counter())
            size = len(counts)
            for _ in range(n):
                counts.update(text)
            if len(counts) != size:
                changed.add(face)
        for (face, text), n in (self.counted - new).items():
            counts = self.char_counts[face]
            for _ in range(n):
                counts.subtract(text)
            gone = [ch for ch in text if counts[ch] <= 0]
            if gone:
                changed.add(face)
                for ch in gone:
                    counts.pop(ch, None)
        self.counted = new
        for face in changed:
            if self.char_counts.get(face):
                self.faces_chars[face] = frozenset(self.char_counts[face])
            else:
                self.char_counts.pop(face, None)
                self.faces_chars.pop(face, None)
        return self.faces_chars

    def prune(self) -> None:
        self.subsets, self.next_subsets = self.next_subsets, {}
        old = self.generation - self.keep
        for key in [k for k, (_d, e) in self.by_ids.items() if e.used <= old]:
            del self.by_ids[key]
        for value in [k for k, e in self.by_value.items() if e.used <= old]:
            del self.by_value[value]
        self.unindexed = [(v, e) for v, e in (*self.unindexed, *self.fresh) if e.used > old]
        self.fresh = []

    def clear(self) -> None:
        with self.lock:
            self.by_ids.clear()
            self.by_value.clear()
            self.fresh, self.unindexed = [], []
            self.subsets.clear()
            self.shape = None
            self.counted, self.char_counts, self.faces_chars = Counter(), {}, {}


PAGE_STREAMS = PageStreams()  # the process's cache: the editor exporting after an edit reuses it


def _page_chars(drawn: tuple) -> tuple[tuple[str, str], ...]:
    by_face: dict[str, set[str]] = {}
    for item in drawn:
        if type(item) is GlyphRun:
            by_face.setdefault(item.face, set()).update(item.text)
    return tuple((face, "".join(sorted(chars))) for face, chars in sorted(by_face.items()))


def _glyph_signature(entry: _PageEntry, fonts: tuple) -> tuple:
    """The page's characters as a stream drawn with `fonts` ((name, font) or None per face of
    entry.chars) draws them: font name, glyph id and width of each."""
    out: list[tuple] = []
    for (face, chars), got in zip(entry.chars, fonts, strict=True):
        if got is None:
            out.append((face, None))
            continue
        name, font = got
        gids = tuple(map(font.gids.get, chars))
        widths = font.widths
        out.append((name, gids, tuple(None if g is None else widths[g] for g in gids)))
    return tuple(out)


def _reusable(entry: _PageEntry, fonts: dict[str, tuple[str, EmbeddedFont]]) -> tuple | None:
    """The page's fonts as (name, font) pairs if its kept stream is still right for them, else None."""
    now = tuple(fonts.get(face) for face, _chars in entry.chars)
    if entry.stream is None:
        return None
    same = len(now) == len(entry.fonts) and all(
        a is not None and a[0] == b[0] and a[1] is b[1] for a, b in zip(now, entry.fonts, strict=True)
    )
    if same or _glyph_signature(entry, now) == _glyph_signature(entry, entry.fonts):
        return now
    return None


def _subset(face: FaceRef, chars: Iterable[str], cache: PageStreams | None) -> EmbeddedFont:
    """embeddable_font, remembered for the next write while the face's file and characters stay."""
    if cache is None:
        return embeddable_font(face, chars)
    try:
        key = (face, face_stamp(face), frozenset(chars))
    except OSError:
        return embeddable_font(face, chars)  # it says what is wrong with the file
    if cache.subsets_of is not CACHE.embedded:  # the font layer's subsets were replaced: so are ours
        cache.subsets, cache.subsets_of = {}, CACHE.embedded
    got = cache.subsets.get(key)
    if got is None:
        got = embeddable_font(face, chars)
    cache.next_subsets[key] = got
    return got


def _used_chars(book: Book) -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for page in book.pages:
        for item in page.items:
            if isinstance(item, GlyphRun):
                used.setdefault(item.face, set()).update(item.text)
    return used


_GLYPH_TABLES: dict[int, tuple[EmbeddedFont, dict[int, str], dict[str, float]]] = {}


def _glyph_tables(font: EmbeddedFont) -> tuple[dict[int, str], dict[str, float]]:
    """For one subset: a str.translate table from each character to its glyph id in four hex
    digits, and each character's advance (1/1000 em); made once per subset object."""
    got = _GLYPH_TABLES.get(id(font))
    if got is not None and got[0] is font:
        return got[1], got[2]
    widths = font.widths
    hexes = {ord(c): f"{g:04X}" for c, g in font.gids.items()}
    units = {c: widths[g] for c, g in font.gids.items()}
    if len(_GLYPH_TABLES) >= 64:
        _GLYPH_TABLES.clear()
    _GLYPH_TABLES[id(font)] = (font, hexes, units)  # the entry holds its font, so the id stays its own
    return hexes, units


_SCAN_RESTARTS = 8  # adjustments found by whole-tail scans before the rest goes one character at a time


def _adjustments(xs: Sequence[float], steps: list[float], pen: float, k: float) -> list[tuple[int, str]]:
    """(index, TJ adjustment) for each character further than TOLERANCE from where the pen
    puts it; the pen starts at `pen`, moves by steps[i] after character i and by each adjustment.

    Exactly the sums of a character-by-character walk: the pen positions of a stretch without
    adjustments are a running sum (itertools.accumulate) compared with the xs in one pass,
    so a justified line costs a few C-level passes; after a few adjustments the rest is walked."""
    cuts: list[tuple[int, str]] = []
    n = len(steps)
    i = 0
    while i < n:
        if len(cuts) >= _SCAN_RESTARTS:
            return _walk(xs, steps, pen, k, i, cuts)
        deltas = list(map(sub, xs[i:], accumulate(steps[i:], initial=pen)))
        if max(deltas) <= TOLERANCE and min(deltas) >= -TOLERANCE:
            return cuts
        j = next(j for j, d in enumerate(deltas) if d > TOLERANCE or d < -TOLERANCE)
        at = i + j
        pen = list(accumulate(steps[i:at], initial=pen))[-1]  # the same sums, up to character `at`
        adj_s = num(-deltas[j] / k, 3)
        if adj_s != "0":
            cuts.append((at, adj_s))
            pen -= float(adj_s) * k
        pen += steps[at]
        i = at + 1
    return cuts


def _walk(
    xs: Sequence[float], steps: list[float], pen: float, k: float, i: int, cuts: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """_adjustments from character i on, one character at a time."""
    for at in range(i, len(steps)):
        delta = xs[at] - pen
        if delta > TOLERANCE or delta < -TOLERANCE:
            adj_s = num(-delta / k, 3)
            if adj_s != "0":
                cuts.append((at, adj_s))
                pen -= float(adj_s) * k
        pen += steps[at]
    return cuts


class _PageWriter:
    """Content stream operators for one page; tracks colour and text state to avoid repeats."""

    def __init__(
        self,
        fonts: dict[str, tuple[str, EmbeddedFont]],
        ox: float,
        oy: float,
        height: float,
        colours: ScreenColours | PrintColours | None = None,
    ) -> None:
        self.fonts = fonts
        self.colours = colours or ScreenColours()
        self.ox, self.oy, self.h = ox, oy, height
        self.ops: list[str] = []
        self.fill: tuple[float, float, float] | None = (0.0, 0.0, 0.0)
        self.stroke: tuple[float, float, float] | None = (0.0, 0.0, 0.0)
        self.line_width: float | None = None
        self.tc = 0.0

    def X(self, x: float) -> float:  # noqa: N802 - page coordinates
        return self.ox + x

    def Y(self, y: float) -> float:  # noqa: N802
        return self.oy + self.h - y

    def set_fill(self, rgb: tuple[float, float, float]) -> None:
        if rgb != self.fill:
            self.ops.append(self.colours.fill(rgb))
            self.fill = rgb

    def set_stroke(self, rgb: tuple[float, float, float], width: float) -> None:
        if rgb != self.stroke:
            self.ops.append(self.colours.stroke(rgb))
            self.stroke = rgb
        if width != self.line_width:
            self.ops.append(f"{num(width)} w")
            self.line_width = width

    def run(self, run: GlyphRun) -> None:
        got = self.fonts.get(run.face)
        if got is None:
            return
        name, font = got
        text = run.text
        if not text:
            return
        hexes, units = _glyph_tables(font)
        xs: tuple[float, ...] | list[float] = run.x
        advance_units = list(map(units.get, text))
        if None in advance_units:  # a character the face lacks was reported by the layout; never a box
            drawn = [u is not None for u in advance_units]
            text = "".join(compress(text, drawn))
            xs = list(compress(xs, drawn))
            advance_units = list(compress(advance_units, drawn))
            if not text:
                return
        size_s = num(run.size)
        k = float(size_s) / 1000  # text space units per glyph unit, as the file will say
        advs = [u * k for u in advance_units]  # type: ignore[operator]  # no None is left
        n = len(advs)
        # the typical gap after the advances (the justification spread) becomes Tc
        tc_s = "0"
        if n > 1:
            gaps = list(map(sub, map(sub, xs[1:], xs), advs))
            ordered = sorted(gaps)
            mid = ordered[(n - 1) // 2]
            near = gaps  # usually every gap is near the middle one: the extremes say so
            if abs(ordered[0] - mid) > TOLERANCE or abs(ordered[-1] - mid) > TOLERANCE:
                near = [g for g in gaps if abs(g - mid) <= TOLERANCE]
            tc_s = num(sum(near) / len(near), 6)
        tc = float(tc_s)
        self.set_fill(run.color)
        ops = self.ops
        ops.append(f"BT /{name} {size_s} Tf")
        if tc != self.tc:
            ops.append(f"{tc_s} Tc")
            self.tc = tc
        x0_s = num(self.X(xs[0]))
        ops.append(f"1 0 0 1 {x0_s} {num(self.Y(run.y))} Tm")
        pen = float(x0_s) - self.ox
        cuts = _adjustments(xs, [a + tc for a in advs], pen, k)
        if not cuts:
            ops.append(f"<{text.translate(hexes)}> Tj ET")
            return
        parts: list[str] = []
        start = 0
        for i, adj_s in cuts:
            if i > start:
                parts.append(f"<{text[start:i].translate(hexes)}>")
                start = i
            parts.append(adj_s)
        parts.append(f"<{text[start:].translate(hexes)}>")
        ops.append("[" + " ".join(parts) + "] TJ ET")

    def draw(self, item: GlyphRun | Rule | Box | Picture | Link, page: Page, bleed: float) -> None:
        """Operators for a glyph run, rule or box (pictures and links are the canvas's business)."""
        if isinstance(item, GlyphRun):
            self.run(item)
        elif isinstance(item, Rule):
            self.rule(item)
        elif isinstance(item, Box):
            self.box(into_bleed(item, page.width, page.height, bleed))

    def code(self, w: float, h: float, crop_marks: bool, bleed: float, printing: bool) -> list[str]:
        """The page's remaining operator blocks: what was drawn since the last picture, and marks."""
        code = ["\n".join(self.ops)] if self.ops else []
        self.ops = []
        if crop_marks:
            reg = self.colours.registration()
            m = self.ox  # the margin around the trimmed page
            code.append(_crop_marks(w, h, m, bleed, reg))
            if printing:
                code.append(_registration_targets(w, h, m, bleed, reg))
        return code

    def rule(self, r: Rule) -> None:
        self.set_stroke(r.color, r.width)
        self.ops.append(
            f"{num(self.X(r.x0))} {num(self.Y(r.y0))} m {num(self.X(r.x1))} {num(self.Y(r.y1))} l S"
        )

    def box(self, b: Box) -> None:
        rect = f"{num(self.X(b.x))} {num(self.Y(b.y + b.h))} {num(b.w)} {num(b.h)} re"
        if b.fill is not None:
            self.set_fill(b.fill)
        if b.stroke > 0:
            self.set_stroke((0.0, 0.0, 0.0), b.stroke)
            self.ops.append(rect + (" B" if b.fill is not None else " S"))
        elif b.fill is not None:
            self.ops.append(rect + " f")


def _crop_marks(page_w: float, page_h: float, m: float, bleed: float, reg: str = "1 1 1 1 K") -> str:
    """Registration-colour marks at the four trim corners, outside the bleed."""
    off = max(bleed, CROP_MARK_OFFSET)
    x0, y0, x1, y1 = m, m, page_w - m, page_h - m
    segs = []
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            segs.append((x + sx * off, y, x + sx * (off + CROP_MARK_LENGTH), y))
            segs.append((x, y + sy * off, x, y + sy * (off + CROP_MARK_LENGTH)))
    body = " ".join(f"{num(a)} {num(b)} m {num(c)} {num(d)} l" for a, b, c, d in segs)
    return f"q 0.25 w {reg} {body} S Q"


def _registration_targets(page_w: float, page_h: float, m: float, bleed: float, reg: str) -> str:
    """A circle with a cross at the middle of each side, outside the bleed, for the press to register plates."""
    off = max(bleed, CROP_MARK_OFFSET) + CROP_MARK_LENGTH * 0.6  # the cross ends 0.6 mm outside the bleed
    r = CROP_MARK_LENGTH * 0.4
    k = 0.5523 * r  # Bezier control distance for a quarter circle
    parts = []
    for cx, cy in (
        (page_w / 2, m - off),
        (page_w / 2, page_h - m + off),
        (m - off, page_h / 2),
        (page_w - m + off, page_h / 2),
    ):
        parts.append(
            f"{num(cx + r)} {num(cy)} m "
            f"{num(cx + r)} {num(cy + k)} {num(cx + k)} {num(cy + r)} {num(cx)} {num(cy + r)} c "
            f"{num(cx - k)} {num(cy + r)} {num(cx - r)} {num(cy + k)} {num(cx - r)} {num(cy)} c "
            f"{num(cx - r)} {num(cy - k)} {num(cx - k)} {num(cy - r)} {num(cx)} {num(cy - r)} c "
            f"{num(cx + k)} {num(cy - r)} {num(cx + r)} {num(cy - k)} {num(cx + r)} {num(cy)} c "
            f"{num(cx - 1.2 * r)} {num(cy)} m {num(cx + 1.2 * r)} {num(cy)} l "
            f"{num(cx)} {num(cy - 1.2 * r)} m {num(cx)} {num(cy + 1.2 * r)} l"
        )
    return f"q 0.25 w {reg} {' '.join(parts)} S Q"


def _page_labels(c: Canvas, pages: list[Page]) -> None:
    """Label ranges: a run of consecutive numeric labels is one decimal range."""
    prev: str | None = None
    for i, page in enumerate(pages):
        label = page.label
        if (
            prev is not None
            and label.isdigit()
            and prev.isdigit()
            and int(label) == int(prev) + 1
            and not label.startswith("0")
        ):
            prev = label
            continue
        if label.isdigit() and not label.startswith("0"):
            c.addPageLabel(i, style="D", start=int(label))
        elif label:
            c.addPageLabel(i, prefix=label)
        else:
            c.addPageLabel(i)
        prev = label


def _outline(c: Canvas, book: Book) -> None:
    level = -1
    for n, entry in enumerate(book.outline):
        if not 0 <= entry.page < len(book.pages):
            continue
        lv = max(0, min(entry.level, level + 1))
        c.addOutlineEntry(entry.title, f"o{n}", lv, closed=None)
        level = lv


OUTPUTS = ("screen", "print")


def write_pdf(
    book: Book,
    *,
    bleed_mm: float = 0.0,
    crop_marks: bool = False,
    output: str = "screen",
    template: Template | None = None,
    streams: PageStreams | None = None,
) -> bytes:
    """The PDF of a Book; the same Book and options always give the same bytes.

    `streams` keeps page content streams for the next write (default: the process's
    PAGE_STREAMS); the bytes are the same whatever it holds.

    output="screen" is the on-screen file: RGB, bookmarks, TOC links, page labels.
    output="print" is PDF/X-1a:2001 for the printer: colours separated through the template's
    palette (CMYK or spot), images converted to CMYK, TrimBox and BleedBox on every page, the
    template's output condition, no annotations; bookmarks and page labels stay (PDF/X allows
    them and they help whoever imposes or checks the file).
    """
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {OUTPUTS}")
    cache = streams if streams is not None else PAGE_STREAMS
    with cyclic_gc_paused():
        if output != "screen":  # print separations register colour spaces as pages are drawn
            return _write_pdf(
                book, bleed_mm=bleed_mm, crop_marks=crop_marks, output=output, template=template
            )
        with cache.lock:
            cache.generation += 1
            cache.reused = cache.drawn = 0
            cache.copied = False
            try:
                return _write_pdf(
                    book,
                    bleed_mm=bleed_mm,
                    crop_marks=crop_marks,
                    output=output,
                    template=template,
                    cache=cache,
                )
            finally:
                cache.prune()


def _write_pdf(
    book: Book,
    *,
    bleed_mm: float,
    crop_marks: bool,
    output: str,
    template: Template | None,
    cache: PageStreams | None = None,
) -> bytes:
    if not book.pages:
        raise LayoutError(
            "没有可输出的页面：期刊中还没有任何内容。", "There are no pages to write: the issue is empty."
        )
    printing = output == "print"
    tpl = template if template is not None else book.template
    if printing and tpl is None:
        raise ValueError("the print output needs the template the book was laid out with")
    bleed = max(0.0, bleed_mm) * MM
    # crop marks need room outside the bleed: offset, mark, and a millimetre to spare
    margin = max(bleed, CROP_MARK_OFFSET) + CROP_MARK_LENGTH + 1 * MM if crop_marks else bleed
    entries: list[_PageEntry | None] = [None] * len(book.pages)
    used: dict[str, set[str]] | dict[str, frozenset[str]]
    if cache is None:
        used = _used_chars(book)
    else:
        for index, page in enumerate(book.pages):
            entries[index] = cache.entry((page.width, page.height, margin, bleed, crop_marks), page.items)
        used = cache.used_chars(
            [
                _page_chars(tuple(p.items)) if e is None else e.chars
                for p, e in zip(book.pages, entries, strict=True)
            ]
        )
    fonts: dict[str, tuple[str, EmbeddedFont]] = {}
    for n, (face_id, chars) in enumerate(sorted(used.items())):
        face = book.faces.get(face_id)
        if face is None:
            raise FontError(
                f"排版结果引用了未知字体 {face_id}，请重新排版。",
                f"The layout refers to an unknown font {face_id}; lay the issue out again.",
            )
        fonts[face_id] = (f"GP{n + 1}", _subset(face, chars, cache))
    key = None
    if cache is not None and None not in entries:  # the screen file, no pictures: a file to cut or copy
        key = _structure(book, margin, bleed, crop_marks)
        shape = cache.shape
        if shape is not None and shape.key == key and _same_fonts(shape.fonts, fonts):
            return _copy(book, shape, entries, fonts, margin, bleed, crop_marks, cache)  # type: ignore[arg-type]
    buf = BytesIO()
    first = book.pages[0]
    c = _Canvas(
        buf,
        pagesize=(first.width + 2 * margin, first.height + 2 * margin),
        invariant=1,
        pageCompression=1,
        pdfVersion=PDF_VERSION if printing else (1, 6),
    )
    c.setTitle(book.title)
    c.setSubject(book.subject)
    c.setAuthor(book.author)
    c.setCreator(CREATOR)
    c.setProducer(CREATOR)
    colours: ScreenColours | PrintColours = ScreenColours()
    if printing:
        assert tpl is not None
        mark_pdfx(c, tpl.press.output_condition)
        colours = PrintColours(c, tpl.palette)
    doc = c._doc
    for name, embedded in fonts.values():
        _add_font(doc, name, embedded)
    images: dict[bytes, object] = {}
    profile = None
    if printing:
        from .colour import cmyk_profile

        profile = cmyk_profile(tpl.press.cmyk_profile if tpl is not None else "")
    outline_at: dict[int, list[int]] = {}
    for n, entry in enumerate(book.outline):
        outline_at.setdefault(entry.page, []).append(n)
    for index, page in enumerate(book.pages):
        w, h = page.width + 2 * margin, page.height + 2 * margin
        c.setPageSize((w, h))
        c.setTrimBox((margin, margin, margin + page.width, margin + page.height))
        if bleed or printing:
            c.setBleedBox(
                (margin - bleed, margin - bleed, margin + page.width + bleed, margin + page.height + bleed)
            )
        c.bookmarkPage(f"p{index}", fit="XYZ", left=0, top=h)
        for n in outline_at.get(index, ()):
            c.bookmarkPage(
                f"o{n}", fit="XYZ", left=0, top=h
            )  # one destination per entry: titles must not merge
        pw = _PageWriter(fonts, margin, margin, page.height, colours)
        kept = entries[index]
        now = None if kept is None else _reusable(kept, fonts)
        if kept is not None and now is not None:
            assert cache is not None and kept.stream is not None
            kept.fonts = now
            c.reuse(kept.stream)
            if not printing:
                for item in page.items:
                    if type(item) is Link and 0 <= item.page < len(book.pages):
                        rect = (pw.X(item.x), pw.Y(item.y + item.h), pw.X(item.x + item.w), pw.Y(item.y))
                        c.linkAbsolute("", f"p{item.page}", Rect=rect, thickness=0, Border="[0 0 0]")
            c.showPage()
            cache.reused += 1
            continue
        for item in page.items:
            if isinstance(item, Picture):
                if pw.ops:
                    c._code.append("\n".join(pw.ops))
                    pw.ops = []
                _picture(c, item, pw, images, index, profile if printing else False)
            elif isinstance(item, Link):
                if printing:
                    continue  # PDF/X-1a: nothing but the page is printed, no annotations
                if 0 <= item.page < len(book.pages):
                    rect = (pw.X(item.x), pw.Y(item.y + item.h), pw.X(item.x + item.w), pw.Y(item.y))
                    c.linkAbsolute("", f"p{item.page}", Rect=rect, thickness=0, Border="[0 0 0]")
            else:
                pw.draw(item, page, bleed)
        c._code += pw.code(w, h, crop_marks, bleed, printing)
        c.showPage()
        if kept is not None and cache is not None:
            _remember(kept, c.shown, fonts, cache)
    _outline(c, book)
    _page_labels(c, book.pages)
    if book.outline:
        c.showOutline()
    c.save()
    pdf = buf.getvalue()
    if key is not None and cache is not None:
        cache.shape = _cut(key, fonts, pdf, doc)
    return pdf


def _structure(book: Book, margin: float, bleed: float, crop_marks: bool) -> tuple:
    """Everything a screen file without pictures is made of besides its fonts and the drawing
    on its pages: equal for two books, their files have the same objects, numbered alike, and
    differ only in the page content streams (layout.pdffile)."""
    pages = tuple(
        (p.width, p.height, p.label, tuple(i for i in p.items if type(i) is Link)) for p in book.pages
    )
    return (margin, bleed, crop_marks, book.title, book.subject, book.author, tuple(book.outline), pages)


def _same_fonts(written: tuple, fonts: dict[str, tuple[str, EmbeddedFont]]) -> bool:
    """The fonts of a file cut before are these very subsets, under the same names."""
    return len(written) == len(fonts) and all(
        face_id == f and name == got[0] and font is got[1]
        for (face_id, name, font), (f, got) in zip(written, fonts.items(), strict=True)
    )


def _cut(key: tuple, fonts: dict[str, tuple[str, EmbeddedFont]], pdf: bytes, doc) -> FileShape | None:
    """The file reportlab just wrote, cut into its objects for the next write to copy."""
    numbers = doc.idToObjectNumberAndVersion
    offsets = [doc.idToOffset[doc.numberToId[n]] for n in range(1, len(doc.numberToId) + 1)]
    pages = doc.Pages.pages
    streams = [numbers[p.Contents.__InternalName__][0] for p in pages]
    data = [p.Contents.content for p in pages]
    written = tuple((f, name, font) for f, (name, font) in fonts.items())
    return FileShape.cut(key, written, pdf, offsets, streams, data)


def _copy(
    book: Book,
    shape: FileShape,
    entries: list[_PageEntry],
    fonts: dict[str, tuple[str, EmbeddedFont]],
    margin: float,
    bleed: float,
    crop_marks: bool,
    cache: PageStreams,
) -> bytes:
    """The file of a book with the structure of the last one cut: its objects copied, only the
    content streams of pages whose drawing changed made anew."""
    colours = ScreenColours()
    data = []
    for page, kept in zip(book.pages, entries, strict=True):
        now = _reusable(kept, fonts)
        if now is not None:
            assert kept.stream is not None
            kept.fonts = now
            data.append(kept.stream)
            cache.reused += 1
            continue
        pw = _PageWriter(fonts, margin, margin, page.height, colours)
        for item in page.items:
            if type(item) is not Link:
                pw.draw(item, page, bleed)
        w, h = page.width + 2 * margin, page.height + 2 * margin
        stream = _page_stream(pw.code(w, h, crop_marks, bleed, False))
        _remember(kept, stream, fonts, cache)
        data.append(stream)
    cache.copied = True
    return shape.with_streams(data)


def _remember(
    kept: _PageEntry, stream: bytes, fonts: dict[str, tuple[str, EmbeddedFont]], cache: PageStreams
) -> None:
    """A page just drawn: its stream and the glyphs it drew them with, for the next write."""
    kept.stream = stream
    kept.fonts = tuple(fonts.get(face_id) for face_id, _chars in kept.chars)  # the signature's, if asked
    cache.drawn += 1


def _picture(
    c: Canvas, item: Picture, pw: _PageWriter, images: dict, page_index: int, profile: str | None | bool
) -> None:
    """Draw a picture; for print (profile is not False) converted to CMYK or grey, never masked."""
    from reportlab.lib.utils import ImageReader

    key = hashlib.sha1(item.data).digest()
    reader = images.get(key)
    if reader is None:
        try:
            if profile is False:
                reader = ImageReader(BytesIO(item.data))
            else:
                from .colour import image_to_cmyk

                where = (f"第 {page_index + 1} 页", f"page {page_index + 1}")
                reader = ImageReader(
                    image_to_cmyk(item.data, profile if isinstance(profile, str) else None, where)
                )
            reader.getSize()
            images[key] = reader
        except LayoutError:
            raise
        except Exception:  # reportlab/PIL raise many types (and multi-line texts) for bad image data
            raise LayoutError(
                f"第 {page_index + 1} 页的图片已损坏，无法读取。请在文档中替换该图片。",
                f"The picture on page {page_index + 1} is damaged and cannot be read; replace it in the document.",
            ) from None
    mask = "auto" if profile is False else None
    c.drawImage(reader, pw.X(item.x), pw.Y(item.y + item.h), item.w, item.h, mask=mask)
