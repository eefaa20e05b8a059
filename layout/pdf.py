"""The PDF backend: writes a Book's display list as a PDF, and keeps what the next write of a
similar book can reuse.

Three modules share the work. layout.pdfpage draws a page's items as a content stream;
layout.pdfcanvas builds the file around the pages through reportlab (fonts, boxes, outline,
labels, links, pictures, PDF/X); this module decides what is drawn and what is reused.

Page content streams are kept compressed in a `PageStreams` cache between writes (the
process-wide `PAGE_STREAMS` unless the caller passes its own), so an edit then export
re-serialises only the pages whose drawing changed. See `PageStreams` for what the key holds.
When only page drawings changed since the last file, that file's objects are copied and only
the changed streams replaced (layout.pdffile), and reportlab is not even imported.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable

from .collector import cyclic_gc_paused
from .display import Book, FaceRef, GlyphRun, Link, Picture
from .errors import FontError, LayoutError
from .fonts import CACHE, EmbeddedFont, embeddable_font, face_stamp
from .pdffile import FileShape
from .pdfpage import CROP_MARK_LENGTH, CROP_MARK_OFFSET, MM, TOLERANCE, PageWriter, page_stream
from .pdfx import ScreenColours
from .template import Template

__all__ = ["MM", "OUTPUTS", "PAGE_STREAMS", "TOLERANCE", "PageStreams", "write_pdf"]


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

    def __getstate__(self) -> tuple:
        return self.setting, self.drawn

    def __setstate__(self, state: tuple) -> None:  # string hashes differ between processes
        self.__init__(*state)  # type: ignore[misc]

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

    def __getstate__(self) -> dict:
        """What another process can use (layout.keptbuild): entries by value, not by the ids
        of this process's objects; the subsets, adopted by the font layer of the process."""
        with self.lock:
            state = {k: v for k, v in self.__dict__.items() if k not in ("lock", "by_ids", "subsets_of")}
            state["by_value"] = {}
            state["unindexed"] = [*self.by_value.items(), *self.unindexed, *self.fresh]
            state["fresh"] = []
            return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.reused = self.drawn = 0  # what the last write did is that process's, not this one's
        self.copied = False
        self.by_ids = {}
        self.subsets_of = CACHE.embedded
        self.lock = threading.Lock()

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
    reuse: list[bytes | None] = [None] * len(book.pages)
    for index, kept in enumerate(entries):
        now = None if kept is None else _reusable(kept, fonts)
        if now is not None:
            assert cache is not None and kept is not None
            kept.fonts = now
            reuse[index] = kept.stream
            cache.reused += 1
    from .pdfcanvas import write_file

    pdf, shown, parts = write_file(
        book,
        fonts,
        reuse,
        margin=margin,
        bleed=bleed,
        crop_marks=crop_marks,
        printing=printing,
        template=tpl,
        cut=key is not None,
    )
    if cache is not None:
        for kept, made, stream in zip(entries, reuse, shown, strict=True):
            if kept is not None and made is None:
                _remember(kept, stream, fonts, cache)
    if key is not None and parts is not None:
        written = tuple((f, name, font) for f, (name, font) in fonts.items())
        cache.shape = FileShape.cut(key, written, pdf, *parts)  # type: ignore[union-attr]
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
        pw = PageWriter(fonts, margin, margin, page.height, colours)
        for item in page.items:
            if type(item) is not Link:
                pw.draw(item, page, bleed)
        w, h = page.width + 2 * margin, page.height + 2 * margin
        stream = page_stream(pw.code(w, h, crop_marks, bleed, False))
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
