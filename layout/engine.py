"""The typesetting driver: flows laid out independently and cached, then the TOC fixpoint.

Each flow (document) starts on a new page, so its pages depend only on its own blocks, the
template, the fonts and (for mirrored margins) the parity of its first page. They are
cached on exactly that; an edit re-lays one flow and the rest only shift. The front matter
is then set with the page numbers where flows start; if the TOC takes a different number
of pages than assumed, every start moves, so the loop repeats (at most MAX_PASSES times)
until the TOC prints the numbers the pages carry. Running heads and folios are added last,
when each page's number is known.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Generator
from dataclasses import dataclass

from .blocks import Flow, Publication
from .collector import cyclic_gc_paused
from .display import BACK_COVER, Book, GlyphRun, Item, Link, MissingChar, OutlineEntry, Page, Rule, TocLine
from .errors import FontError, LayoutError, Notice
from .front import layout_back_cover, layout_front
from .linebreak import Line, line_runs, set_lines
from .pages import FlowLayout, layout_flow
from .template import Running, Template

MAX_PASSES = 5
_BOOK = "font book"  # stands for id(font book) in the keys of a portable layout cache


class FontMeasure:
    """Advances from a FontBook, remembered per (font role, character): lookups dominate layout."""

    def __init__(self, book) -> None:
        self.book = book
        self._cache: dict[str, dict[str, tuple[str | None, float]]] = {}
        # a FontBook answers face and advance in one lookup; other books (tests) in two
        self._lookup = getattr(book, "glyph", None) or self._face_and_advance

    def glyph(self, font: str, ch: str) -> tuple[str | None, float]:
        d = self._cache.get(font)
        if d is None:
            d = self._cache[font] = {}
        got = d.get(ch)
        if got is None:
            got = d[ch] = self._lookup(font, ch)
        return got

    def _face_and_advance(self, font: str, ch: str) -> tuple[str | None, float]:
        face = self.book.face_for(font, ch)
        return (face.id, self.book.advance(face.id, ch)) if face is not None else (None, 1.0)

    def fallback_face(self, font: str) -> str:
        return self.book.chain(font)[0].id

    def ink(self, font: str, ch: str):
        """The ink box (em) of `ch` in the face the role sets it in; None if unknown."""
        face = self.book.face_for(font, ch)
        if face is None:
            return None
        from .fonts import glyph_ink
        from .ink import ink_box

        return ink_box(face.path, face.index, ch, lambda: glyph_ink(face, ch))


# one FontMeasure per font book, whichever LayoutCache asks: advances and the per-character
# facts linebreak remembers with the measure are facts of the fonts, not of one layout, so a
# fresh layout cache (a newly opened issue, a benchmark's cold layout) starts with them warm
_MEASURES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def shared_measure(book) -> FontMeasure:
    """The FontMeasure of a font book, made on first use and kept as long as the book lives."""
    got = _MEASURES.get(book)
    if got is None:
        got = _MEASURES[book] = FontMeasure(book)
    return got


class LayoutCache:
    """What the engine may reuse between builds, keyed by everything the result depends on."""

    def __init__(self, kept: dict | None = None) -> None:
        self.flows: dict[tuple, FlowLayout] = {}
        self.paras: dict[tuple, dict] = {}
        self.books: dict[tuple, object] = {}
        self.measures: dict[int, tuple[object, FontMeasure]] = {}
        self.fronts: dict[tuple, object] = {}
        # what `portable` gave in another process, adopted by the first font book with its identity
        self._kept = kept
        self._last_book: object = None  # the font book the last fontbook() call gave

    def fontbook(self, tpl: Template):
        key = tuple((k, tuple(v)) for k, v in sorted(tpl.fonts.items()))
        book = self.books.get(key)
        if book is None:
            from .fonts import FontBook

            book = self.books[key] = FontBook(tpl.fonts)
        if self._kept is not None:
            self._adopt(book)
        self._last_book = book
        return book

    def adopt(self, kept: dict | None) -> None:
        """Take what another process kept (`portable`): adopted by the next font book asked for,
        if its faces are the same files (the editor, opening an issue a build or an earlier
        session kept)."""
        if kept is not None:
            self._kept = kept

    def portable(self) -> dict | None:
        """The entries of the last font book used, with that book's identity in place of its
        id(): what another process may adopt (LayoutCache(kept=...)) when its fonts are the same
        files. None when no font book of this cache's own was used."""
        book = self._last_book
        if book is None:
            return None
        fid = id(book)
        return {
            "fonts": book.identity(),  # type: ignore[attr-defined]
            "flows": {_with_book(k, 2, _BOOK): v for k, v in self.flows.items() if k[2] == fid},
            # running heads and folios; a document's paragraph lines would double the file for
            # what only an edit of that document gains
            "paras": {
                _with_book(k, 1, _BOOK): v for k, v in self.paras.items() if k[1] == fid and len(k) == 2
            },
            "fronts": {_with_book(k, 3, _BOOK): v for k, v in self.fronts.items() if k[3] == fid},
        }

    def _adopt(self, book) -> None:
        kept, self._kept = self._kept, None
        assert kept is not None
        try:
            if kept["fonts"] != book.identity():
                return
        except OSError:  # a face's file went away: the build says so when it needs it
            return
        fid = id(book)
        self.flows.update((_with_book(k, 2, fid), v) for k, v in kept["flows"].items())
        self.paras.update((_with_book(k, 1, fid), v) for k, v in kept["paras"].items())
        self.fronts.update((_with_book(k, 3, fid), v) for k, v in kept["fronts"].items())

    def flow(self, flow: Flow, tpl: Template, book, measure, parity: int) -> FlowLayout:
        """The flow set with the first folio's `parity`: kept, or laid out now and kept."""
        key = _flow_key(flow, tpl, book, parity)
        got = self.flows.get(key)
        if got is None:
            pkey = (tpl.fingerprint, id(book), flow.id)
            fresh: dict = {}
            got = layout_flow(flow, tpl, measure, fresh, parity, self.paras.get(pkey))
            self.paras[pkey] = fresh
            self.flows[key] = got
        return got

    def measure(self, book) -> FontMeasure:
        got = self.measures.get(id(book))
        if got is None or got[0] is not book:
            got = self.measures[id(book)] = (book, shared_measure(book))
        return got[1]

    def para_cache(self, tpl: Template, book) -> dict:
        """Running heads and folios: a handful of entries per page number."""
        return self.paras.setdefault((tpl.fingerprint, id(book)), {})

    def prune(self, tpl: Template, book, used: set) -> None:
        """Forget flow layouts of this template and fonts that the last build did not use.

        An editing session makes a new layout per edit; without this the cache would keep
        every version of every edited document. Paragraph caches are per flow id and hold
        only what the flow's last layout used, so they are bounded the same way.
        """
        fp, fid = tpl.fingerprint, id(book)
        for key in [k for k in self.flows if k[1] == fp and k[2] == fid and k not in used]:
            del self.flows[key]
        live = {k[0].id for k in used}
        for key in [k for k in self.paras if len(k) == 3 and k[0] == fp and k[1] == fid and k[2] not in live]:
            del self.paras[key]
        if len(self.fronts) > 8:
            self.fronts.clear()


def _with_book(key: tuple, at: int, book: object) -> tuple:
    """A cache key with its font book part (at index `at`) replaced: id() <-> _BOOK."""
    return key[:at] + (book,) + key[at + 1 :]


@dataclass
class _Placed:
    """A flow's layout at its first page of the book.

    (A dataclass without a docstring makes `dataclasses` import `inspect` for its signature:
    ≈ 8 ms of a cold build.)"""

    flow_index: int
    start: int  # page index in the book
    layout: FlowLayout


def typeset(
    pub: Publication,
    template: Template,
    *,
    fonts=None,
    cache: LayoutCache | None = None,
    workers: int = 1,
    meanwhile: Callable[[], object] | None = None,
) -> Book:
    """Lay out a publication; the whole build, without progress reports. The Book is the same
    for any `workers` (see `_lay_out_beside`)."""
    steps = typeset_steps(pub, template, fonts=fonts, cache=cache, workers=workers, meanwhile=meanwhile)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def typeset_steps(
    pub: Publication,
    template: Template,
    *,
    fonts=None,
    cache: LayoutCache | None = None,
    workers: int = 1,
    meanwhile: Callable[[], object] | None = None,
) -> Generator[tuple[int, int, str], None, Book]:
    """The build as a generator of (done, total, label) progress; the Book is its return value.
    `workers` > 1 lets a forked process lay out part of the documents (`_lay_out_beside`), and
    `meanwhile` is work of the caller's to do while this process waits for it."""
    with cyclic_gc_paused():  # paused from the first step to the Book, across the yields
        tpl = template
        cache = cache if cache is not None else LayoutCache()
        book_fonts = fonts if fonts is not None else cache.fontbook(tpl)
        measure = cache.measure(book_fonts)
        paras = cache.para_cache(tpl, book_fonts)
        total = len(pub.flows) + 2
        flows_by_parity: dict[tuple[int, int], FlowLayout] = {}
        used: set = set()

        def flow_layout(i: int, parity: int) -> FlowLayout:
            parity = parity if tpl.mirror else 1
            got = flows_by_parity.get((i, parity))
            if got is None:
                used.add(_flow_key(pub.flows[i], tpl, book_fonts, parity))
                got = flows_by_parity[(i, parity)] = cache.flow(
                    pub.flows[i], tpl, book_fonts, measure, parity
                )
            return got

        if workers > 1:
            _lay_out_beside(pub, tpl, cache, book_fonts, measure, meanwhile)
        for i, flow in enumerate(pub.flows):
            flow_layout(i, 1)
            yield i + 1, total, flow.bookmark or flow.id

        def front_layout(numbers: dict[str, int]):
            key = (pub.front, tuple(sorted(numbers.items())), tpl.fingerprint, id(book_fonts))
            got = cache.fronts.get(key)
            if got is None:
                got = cache.fronts[key] = layout_front(pub.front, tpl, measure, numbers)
            return got

        front, placed, cursor, passes = _fixpoint(pub, tpl, flow_layout, front_layout)
        yield len(pub.flows) + 1, total, "目录"
        back = None
        if tpl.press.back_cover == "board" and pub.front.board:
            back = layout_back_cover(pub.front, tpl, measure)
        book = _assemble(pub, tpl, measure, paras, front, placed, cursor, book_fonts, back)
        book.passes = passes
        cache.prune(tpl, book_fonts, used)
        yield total, total, "完成"
        return book


def _flow_key(flow: Flow, tpl: Template, book, parity: int) -> tuple:
    """A flow's entry in LayoutCache.flows: everything its layout depends on."""
    return (flow, tpl.fingerprint, id(book), parity)


def _lay_out_beside(
    pub: Publication, tpl: Template, cache: LayoutCache, book, measure, meanwhile: Callable[[], object] | None
) -> None:
    """Lay out the documents the cache lacks on two processors (layout/beside.py): a forked
    child sets the later ones (about half the text) while this process sets the others; its
    layouts come back pickled (a few milliseconds against half the layout's time on a first
    build). A document is laid out by the same code from the same blocks, template and fonts in
    either process, so the Book is the same; a child that fails leaves its documents to be laid
    out here. With `meanwhile` (the command line's build imports the PDF writer), the child takes
    a little more than half of the text and this process does that work after its own share."""
    from . import beside

    todo = [i for i, flow in enumerate(pub.flows) if _flow_key(flow, tpl, book, 1) not in cache.flows]
    if len(todo) < 2:
        return
    weights = [sum(len(getattr(b, "text", "")) + 40 for b in pub.flows[i].blocks) for i in todo]
    theirs_part = sum(weights) * (0.55 if meanwhile is not None else 0.5)
    split = len(todo) - 1
    while split > 1 and sum(weights[split - 1 :]) <= theirs_part:  # the child takes the later ones
        split -= 1
    mine, theirs = todo[:split], todo[split:]
    child = beside.start(lambda: [(i, layout_flow(pub.flows[i], tpl, measure, {}, 1, None)) for i in theirs])
    if child is None:
        return
    try:
        for i in mine:
            cache.flow(pub.flows[i], tpl, book, measure, 1)
        if meanwhile is not None:
            meanwhile()
    finally:
        made = child.result()
    for i, layout in made if isinstance(made, list) else ():
        cache.flows[_flow_key(pub.flows[i], tpl, book, 1)] = layout


def _fixpoint(pub: Publication, tpl: Template, flow_layout, front_layout):
    """Assume a front length, place the flows, set the TOC; repeat until the TOC keeps its length.

    The numbers a pass prints are the starts computed for that pass's front length, so once
    the length holds, the TOC and the pages agree.
    """
    front_pages = 1
    for passes in range(1, MAX_PASSES + 1):
        placed, cursor = [], front_pages
        for i in range(len(pub.flows)):
            folio = pub.first_folio + cursor
            if tpl.flow_start == "odd" and folio % 2 == 0:
                cursor += 1
                folio += 1
            fl = flow_layout(i, folio % 2)
            placed.append(_Placed(i, cursor, fl))
            cursor += len(fl.pages)
        numbers = {pub.flows[p.flow_index].id: pub.first_folio + p.start for p in placed}
        front = front_layout(numbers)
        if len(front.pages) == front_pages:
            return front, placed, cursor, passes
        front_pages = len(front.pages)
    raise LayoutError(
        f"目录页码经过 {MAX_PASSES} 轮排版仍不能与正文页码一致。请缩短目录条目或调整模板后重试。",
        f"The TOC page numbers did not settle after {MAX_PASSES} passes. Shorten TOC entries or adjust the template.",
    )


def _assemble(
    pub,
    tpl: Template,
    measure,
    paras: dict,
    front,
    placed: list[_Placed],
    n_pages: int,
    book_fonts,
    back=None,
) -> Book:
    w, h = tpl.page_width, tpl.page_height
    pages: list[Page] = []
    missing: list[MissingChar] = []
    for i, items in enumerate(front.pages):
        folio = pub.first_folio + i
        page = Page(w, h, list(items), None if i == 0 else folio, str(folio), "")
        if i:
            page.items.extend(_folio(tpl, measure, paras, folio))
        pages.append(page)
    for pi, key, ch in front.missing:
        missing.append(MissingChar(pi, key, ch))
    anchors: dict[str, int] = {}
    for p in placed:
        flow = pub.flows[p.flow_index]
        while len(pages) < p.start:  # a blank page before a flow that must start on an odd page
            folio = pub.first_folio + len(pages)
            pages.append(Page(w, h, list(_furniture(pub, tpl, measure, paras, folio)), folio, str(folio), ""))
        anchors[flow.id] = p.start
        for k, items in enumerate(p.layout.pages):
            folio = pub.first_folio + p.start + k
            page_items = list(items)
            page_items.extend(_furniture(pub, tpl, measure, paras, folio))
            pages.append(Page(w, h, page_items, folio, str(folio), flow.id))
        for k, key, ch in p.layout.missing:
            missing.append(MissingChar(p.start + k, key, ch))
    if back is not None:  # 封底 with the board box: no folio, the page still counts
        start = len(pages)
        for items in back.pages:
            pages.append(Page(w, h, list(items), None, str(pub.first_folio + len(pages)), BACK_COVER))
        for pi, key, ch in back.missing:
            missing.append(MissingChar(start + pi, key, ch))
    for pi, x, y, lw, lh, target in front.links:
        if target in anchors:
            pages[pi].items.append(Link(x, y, lw, lh, anchors[target]))
    outline: list[OutlineEntry] = []
    last_group = None
    for p in placed:
        flow = pub.flows[p.flow_index]
        if flow.group and flow.group != last_group:
            outline.append(OutlineEntry(flow.group, p.start, 0))
        last_group = flow.group
        if flow.bookmark:
            outline.append(OutlineEntry(flow.bookmark, p.start, 1 if flow.group else 0))
    faces = dict(getattr(book_fonts, "faces", {}))
    warnings = [w for p in placed for w in p.layout.warnings]
    if missing:
        chars = "".join(sorted({m.char for m in missing}))
        warnings.append(
            Notice(
                f"缺字：没有字体含有这些字符：{chars}（共 {len(missing)} 处）。请安装含有它们的字体或改用其他字符。",
                f"Missing characters: no font has {chars} ({len(missing)} places). "
                "Install a font that has them or use other characters.",
            )
        )
    toc_at: dict[str, int] = {}
    for pi, _x, _y, _w, _h, target in front.links:
        toc_at.setdefault(target, pi)
    numbers = {pub.flows[p.flow_index].id: pub.first_folio + p.start for p in placed}
    toc = [
        TocLine(
            e.target,
            g.name,
            e.title,
            e.number,
            numbers.get(e.target),
            anchors.get(e.target),
            toc_at.get(e.target),
        )
        for g in pub.front.toc
        for e in g.entries
    ]
    return Book(
        pages,
        faces,
        outline,
        anchors,
        pub.title,
        pub.subject,
        pub.author,
        (w, h),
        missing,
        warnings,
        template=tpl,
        toc=toc,
    )


def _one_line(text: str, tpl: Template, role: str, measure, paras: dict) -> Line | None:
    """A running head ("header") or folio ("folio") line, set like every other line of the issue."""
    key = ("running", text, role)
    if key not in paras:
        lines = set_lines(text, tpl.text_style(role), measure, 10_000.0)
        paras[key] = lines[0] if lines else None
    return paras[key]


def _furniture(pub: Publication, tpl: Template, measure, paras: dict, folio: int) -> list[Item]:
    """Running head with its rule, and the folio, for a body page (remembered: items are immutable)."""
    key = ("furniture", pub.running_head, folio)
    got = paras.get(key)
    if got is None:
        got = paras[key] = _make_furniture(pub, tpl, measure, paras, folio)
    return got


def _make_furniture(pub: Publication, tpl: Template, measure, paras: dict, folio: int) -> list[Item]:
    items: list[Item] = []
    head = tpl.header
    left = tpl.left_margin(folio)
    width = tpl.type_width
    if head.text and pub.running_head:
        line = _one_line(
            head.text.format(running_head=pub.running_head, n=folio), tpl, "header", measure, paras
        )
        if line is not None:
            baseline = tpl.margin_top - head.offset
            x = _place(head, line.width, left, width, folio)
            items.extend(GlyphRun(xs, baseline, t, f, head.size) for xs, t, f in line_runs(line, x))
            if head.rule:
                y = baseline + head.rule_gap
                items.append(Rule(left, y, left + width, y, head.rule))
    items.extend(_folio(tpl, measure, paras, folio))
    return items


def _folio(tpl: Template, measure, paras: dict, folio: int) -> list[Item]:
    run = tpl.folio
    if not run.text:
        return []
    line = _one_line(run.text.format(n=folio), tpl, "folio", measure, paras)
    if line is None:
        return []
    left = tpl.left_margin(folio)
    baseline = tpl.margin_top + tpl.type_height + run.offset
    x = _place(run, line.width, left, tpl.type_width, folio)
    return [GlyphRun(xs, baseline, t, f, run.size) for xs, t, f in line_runs(line, x)]


def _place(run: Running, w: float, left: float, width: float, folio: int) -> float:
    pos = run.position
    if pos == "outside":
        pos = "right" if folio % 2 else "left"
    inset = run.inset * run.size
    if pos == "right":
        return left + width - inset - w
    if pos == "left":
        return left + inset
    return left + (width - w) / 2


__all__ = ["FontError", "FontMeasure", "LayoutCache", "typeset", "typeset_steps"]
