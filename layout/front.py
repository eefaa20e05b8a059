"""The cover: masthead, issue lines, the table of contents and the editorial-board box.

The TOC is set from page numbers the engine passes in; the engine iterates until the
numbers it passes are the numbers that come out (the TOC may grow onto a second page and
shift every document). Entry text wraps with a hanging indent inside a measure that leaves
room on the right for leaders and the page number, which sits flush right on the entry's
last line. The board box goes below the TOC, never beside it, so that no board line can
share a baseline with a TOC line: readers and text extractors then see each entry whole.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field, replace

from .blocks import Front
from .display import FRONT, GlyphRun, Item, Ref, Rule
from .display import Box as BoxItem
from .linebreak import BASELINE, Line, Measure, TextStyle, line_runs, set_lines, tabular_line, water_fill
from .template import MM, Template

# set_lines results per measure: the board box tries every column count (and both label
# alignments) with the same texts, and each TOC pass sets the same entries again
_SET_MEMO: weakref.WeakKeyDictionary[Measure, dict[tuple[str, TextStyle, float], list[Line]]] = (
    weakref.WeakKeyDictionary()
)
_MEMO_LIMIT = 4096  # entries per measure; an editing session that changes many titles starts over


def _set(text: str, ts: TextStyle, measure: Measure, width: float) -> list[Line]:
    """`set_lines`, remembered per measure by text, style and width (callers never change the
    lines they get)."""
    memo = _SET_MEMO.get(measure)
    if memo is None:
        memo = _SET_MEMO[measure] = {}
    key = (text, ts, width)
    got = memo.get(key)
    if got is None:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        got = memo[key] = set_lines(text, ts, measure, width)
    return got


@dataclass
class FrontLayout:
    """The cover and TOC pages as laid out, with their links and missing characters."""

    pages: list[list[Item]]
    links: list[tuple[int, float, float, float, float, str]] = field(
        default_factory=list
    )  # page, x, y, w, h, flow
    missing: list[tuple[int, Ref | None, str]] = field(default_factory=list)


class _Cursor:
    """A vertical position that moves on to a fresh page when the type area is full."""

    def __init__(self, tpl: Template, out: FrontLayout) -> None:
        self.tpl = tpl
        self.out = out
        self.top = tpl.margin_top
        self.bottom = tpl.margin_top + tpl.type_height
        out.pages.append([])
        self.y = self.top

    @property
    def page(self) -> int:
        return len(self.out.pages) - 1

    def need(self, h: float) -> None:
        if self.y + h > self.bottom + 1e-6 and self.y > self.top:
            self.out.pages.append([])
            self.y = self.top

    def add(self, item: Item) -> None:
        self.out.pages[-1].append(item)


def _emit(
    cur: _Cursor,
    line: Line,
    x: float,
    baseline: float,
    size: float,
    key: Ref,
    color: tuple[float, float, float] = (0.0, 0.0, 0.0),
) -> None:
    for xs, t, f in line_runs(line, x):
        cur.add(GlyphRun(xs, baseline, t, f, size, color, key))
    for a, b, rise, thick in line.rules:
        cur.add(Rule(x + a, baseline - rise, x + b, baseline - rise, thick, color))
    for ch in line.missing:
        cur.out.missing.append((cur.page, key, ch))


def _block(
    cur: _Cursor,
    text: str,
    role: str,
    tpl: Template,
    measure: Measure,
    key: Ref,
    x: float,
    width: float,
    align: str | None = None,
) -> None:
    """A centred or flush paragraph of the cover, line by line."""
    if not text:
        return
    st = tpl.style(role)
    for line in _set(text, tpl.text_style(role, align=align), measure, width):
        cur.need(st.leading)
        _emit(cur, line, x, cur.y + st.leading / 2 + BASELINE * st.size, st.size, key)
        cur.y += st.leading


def layout_front(front: Front, tpl: Template, measure: Measure, numbers: dict[str, int]) -> FrontLayout:
    """Set the cover and TOC with the given page number for each flow id."""
    out = FrontLayout([])
    cur = _Cursor(tpl, out)
    cv = tpl.cover
    x0 = tpl.margin_inner
    width = tpl.type_width
    # masthead, set in its own size above the type area's top if the template says so
    mast = tpl.style("masthead")
    if cv.band_mm > 0:  # touches three trim edges: the print writer runs it on into the bleed
        cur.add(BoxItem(0.0, 0.0, tpl.page_width, cv.band_mm * MM, 0.0, mast.color))
    lines = _set(front.masthead, tpl.text_style("masthead"), measure, width)
    cur.y = max(tpl.margin_top, cv.masthead_top_mm * MM) - mast.leading / 2 - BASELINE * mast.size
    cur.y = max(cur.y, 12 * 72 / 25.4)
    for line in lines:
        _emit(
            cur,
            line,
            x0,
            cur.y + mast.leading / 2 + BASELINE * mast.size,
            mast.size,
            Ref(FRONT, "masthead"),
            mast.color,
        )
        cur.y += mast.leading
    cur.y += tpl.style("issue-line").leading * 0.2
    if front.periodicity:
        _block(
            cur, f"（{front.periodicity}）", "issue-line", tpl, measure, Ref(FRONT, "periodicity"), x0, width
        )
    _block(cur, front.issue_line, "issue-line", tpl, measure, Ref(FRONT, "issue"), x0, width)
    _block(cur, front.date_line, "date-line", tpl, measure, Ref(FRONT, "date"), x0, width)
    cur.y += 6
    if cv.rule:
        cur.add(Rule(x0, cur.y, x0 + width, cur.y, cv.rule))
        cur.add(Rule(x0, cur.y + cv.rule + 1.5, x0 + width, cur.y + cv.rule + 1.5, 0.5))
        cur.y += cv.rule + 8
    _block(cur, "目\u3000录", "toc-heading", tpl, measure, Ref(FRONT, "toc-heading"), x0, width, "center")
    cur.y += cv.toc_gap
    _toc(cur, front, tpl, measure, numbers, x0, width)
    if front.board and tpl.press.back_cover != "board":
        _board(cur, front, tpl, measure, x0, width)
    return out


def layout_back_cover(front: Front, tpl: Template, measure: Measure) -> FrontLayout:
    """封底 carrying the editorial-board box, set at the foot of the type area."""
    out = FrontLayout([])
    cur = _Cursor(tpl, out)
    cur.y = cur.top
    _board(cur, front, tpl, measure, tpl.margin_inner, tpl.type_width)
    drop = cur.bottom - cur.y
    if len(out.pages) == 1 and drop > 0:
        out.pages = [[_lowered(item, drop) for item in out.pages[0]]]
    return out


def _lowered(item: Item, dy: float) -> Item:
    if isinstance(item, GlyphRun):
        return replace(item, y=item.y + dy)
    if isinstance(item, Rule):
        return replace(item, y0=item.y0 + dy, y1=item.y1 + dy)
    if isinstance(item, BoxItem):
        return replace(item, y=item.y + dy)
    return item


def _toc(
    cur: _Cursor,
    front: Front,
    tpl: Template,
    measure: Measure,
    numbers: dict[str, int],
    x0: float,
    width: float,
) -> None:
    sec = tpl.style("toc-section")
    ent = tpl.style("toc-entry")
    size = ent.size
    hang = 1.0 * size
    left = ent.left * size
    for gi, group in enumerate(front.toc):
        if group.name:
            cur.y += sec.before if gi else 0.0
            cur.need(sec.leading + 2 * ent.leading)  # a section name never ends a page
            _block(
                cur,
                f"○{group.name}",
                "toc-section",
                tpl,
                measure,
                Ref(FRONT, "toc-group", gi),
                x0,
                width,
                "left",
            )
        for entry in group.entries:
            number = numbers.get(entry.target)
            num_text = "" if number is None else str(number)
            text = entry.title + (f"（{entry.number}）" if entry.number else "")
            reserve = 4 * size
            text_w = width - left - reserve - hang
            lines = _set(
                text, tpl.text_style("toc-entry", align="left", indent=-hang, words=True), measure, text_w
            )
            key = Ref(entry.target, "toc")
            cur.need(ent.leading * min(len(lines), 2))
            page0, y0 = cur.page, cur.y
            base_x = x0 + left + hang
            for li, line in enumerate(lines):
                cur.need(ent.leading)
                baseline = cur.y + ent.leading / 2 + BASELINE * size
                _emit(cur, line, base_x, baseline, size, key)
                if li == len(lines) - 1:
                    _leaders(cur, line, base_x, baseline, x0 + width, num_text, tpl, measure, key)
                cur.y += ent.leading
            if cur.page == page0:
                cur.out.links.append((page0, x0 + left, y0, width - left, cur.y - y0, entry.target))
            else:
                cur.out.links.append(
                    (cur.page, x0 + left, cur.top, width - left, cur.y - cur.top, entry.target)
                )
        cur.y += ent.leading * 0.3


def _leaders(
    cur: _Cursor,
    line: Line,
    base_x: float,
    baseline: float,
    right: float,
    num: str,
    tpl: Template,
    measure: Measure,
    key: Ref,
) -> None:
    """Dot leaders from the entry's end to its page number, which is set flush right in
    tabular figures (the numbers of a TOC line up digit under digit)."""
    st = tpl.style("toc-entry")
    size = st.size
    num_line = [tabular_line(num, st.font, size, measure)] if num else []
    num_w = num_line[0].width if num_line else 0.0
    if num_line:
        _emit(cur, num_line[0], right - num_w, baseline, size, key)
    face, adv = measure.glyph(st.font, "…")
    if face is None:
        face, adv = measure.glyph(st.font, ".")
        dot = "."
    else:
        dot = "…"
    step = max(adv, 0.5) * size
    start = base_x + (line.xs[-1] if line.xs else 0.0) + size * 1.0 if line.text else base_x
    end = right - num_w - 0.25 * size
    xs = []
    x = end - step
    while x >= start:
        xs.append(x)
        x -= step
    if xs and face is not None:
        xs.reverse()
        cur.add(GlyphRun(tuple(xs), baseline, dot * len(xs), face, size, (0.0, 0.0, 0.0), key))


def _board(cur: _Cursor, front: Front, tpl: Template, measure: Measure, x0: float, width: float) -> None:
    """The editorial board in a ruled box: its title, then label：value cells in columns sized
    from their content (at most `cover.board_columns`; fewer when that makes the box shorter),
    values broken only between words, two-character names padded to three (赵　军)."""
    st = tpl.style("board")
    size = st.size
    pad = 0.4 * size
    gap = 1.5 * size
    ts = tpl.text_style("board", align="left", indent=0.0, words=True)
    items = [(bl.label.rstrip("：:"), _padded(bl.values, tpl.cover.board_pad_names)) for bl in front.board]
    avail = width - 2 * pad
    best = None
    for cols in range(max(1, tpl.cover.board_columns), 0, -1):
        for aligned in (True, False):  # values after the column's widest label, or each after its own
            got = _board_columns(items, cols, ts, measure, avail - gap * (cols - 1), aligned)
            if got is None:
                continue
            colw, heads = got
            cells = [
                _board_cell(label, values, ts, measure, colw[i % cols], heads[i])
                for i, (label, values) in enumerate(items)
            ]
            rows = [cells[i : i + cols] for i in range(0, len(cells), cols)]
            lines = sum(max(len(c) for c in row) for row in rows)
            if best is None or lines < best[0]:
                spare = (avail - sum(colw)) / cols if cols > 1 else 0.0
                best = (lines, cols, colw, rows, spare)
    if best is None:
        return
    _, cols, colw, rows, spare = best
    xs = [x0 + pad]
    for w in colw[:-1]:
        xs.append(xs[-1] + w + gap + spare)
    title_st = tpl.style("toc-section")
    height = 2 * pad + title_st.leading + best[0] * st.leading
    cur.need(height)
    top = cur.y
    cur.add(BoxItem(x0, top, width, height, 0.75))
    cur.y += pad
    _block(
        cur, front.board_title, "toc-section", tpl, measure, Ref(FRONT, "board-title"), x0, width, "center"
    )
    i = 0
    for row in rows:
        for c, cell_lines in enumerate(row):
            for li, (dx, line) in enumerate(cell_lines):
                baseline = cur.y + li * st.leading + st.leading / 2 + BASELINE * size
                _emit(cur, line, xs[c] + dx, baseline, size, Ref(FRONT, "board", i))
            i += 1
        cur.y += max(len(cell) for cell in row) * st.leading
    cur.y = top + height


def _padded(values, pad: bool) -> tuple[str, ...]:
    """Two-character names padded to three with an ideographic space (赵军 → 赵　军), so the
    names of a list line up as printed gazettes set them."""
    if not pad:
        return tuple(values)
    return tuple(f"{v[0]}\u3000{v[1]}" if _two_han(v) else v for v in values)


def _two_han(name: str) -> bool:
    """Two characters of the CJK Unified Ideographs block (a two-character name: 赵军)."""
    return len(name) == 2 and "\u4e00" <= name[0] <= "\u9fff" and "\u4e00" <= name[1] <= "\u9fff"


def _width(text: str, ts: TextStyle, measure: Measure) -> float:
    lines = _set(text, replace(ts, words=False), measure, 10_000.0)  # one line: no breaks to choose
    return lines[0].width if lines else 0.0


def _board_columns(
    items, cols: int, ts: TextStyle, measure: Measure, room: float, aligned: bool = True
) -> tuple[list[float], list[float]] | None:
    """Column widths for `cols` columns and, per item, where its value starts (after the
    column's widest label when `aligned`, else after its own): each column at least that plus
    its longest unbreakable piece, the rest shared so the longest values wrap least
    (water-filling); None if the columns do not fit even at their narrowest."""
    own = [
        _width(f"{label}：", ts, measure) + 0.5 * ts.size if values else 0.0  # the colon keeps its blank
        for label, values in items
    ]
    widest = [max(own[c::cols], default=0.0) for c in range(cols)]
    heads = [widest[i % cols] if aligned and items[i][1] else own[i] for i in range(len(items))]
    lo = [0.0] * cols
    hi = [0.0] * cols
    for i, (label, values) in enumerate(items):
        c = i % cols
        head = heads[i]
        if len(values) > 1:  # people: at least the widest name, at most three names a line
            pieces = [_width(v, ts, measure) for v in values]
            natural = _width(NAME_GAP.join(values[:3]), ts, measure)
        else:
            text = values[0] if values else label
            pieces = [_width(w, ts, measure) for w in words_of(text)]
            natural = _width(text, ts, measure)
        lo[c] = max(lo[c], head + max(pieces, default=0.0))
        hi[c] = max(hi[c], head + natural)
    if sum(lo) > room + 1e-6:
        return None
    if sum(hi) <= room:
        return hi, heads
    return water_fill(lo, hi, room, 30), heads


NAME_GAP = "\u3000\u3000"  # between the names of a list: two ems, so 赵　军 reads as one name


def words_of(text: str) -> tuple[str, ...]:
    from .words import glue

    bad = glue(text)
    out, s = [], 0
    for k in range(1, len(text) + 1):
        if k == len(text) or k not in bad:
            out.append(text[s:k])
            s = k
    return tuple(w for w in (p.strip() for p in out) if w)


def _board_cell(label: str, values, ts: TextStyle, measure: Measure, width: float, hang: float) -> list:
    """ "label：value", the value starting at `hang` and wrapped lines hanging under it;
    names are never split."""
    head = _set(f"{label}：", ts, measure, width)
    if not values:
        return [(0.0, line) for line in _set(label, ts, measure, width)]
    room = width - hang
    if len(values) > 1:  # people: pack whole names per line
        texts, current = [], ""
        for name in values:
            trial = f"{current}{NAME_GAP}{name}" if current else name
            if current and _width(trial, ts, measure) > room + 1e-6:
                texts.append(current)
                current = name
            else:
                current = trial
        texts.append(current)
    else:
        texts = [line.text for line in _set(values[0], ts, measure, room)]
    out = [(0.0, head[0])] if head else []
    for k, text in enumerate(texts):
        for line in _set(text, ts, measure, room):
            if k == 0 and out and len(out) == 1:
                out[0] = (0.0, _join(head[0], line, hang))
            else:
                out.append((hang, line))
    return out


def _join(a: Line, b: Line, dx: float) -> Line:
    """One line made of two set pieces, the second starting at dx."""
    return Line(
        a.text + b.text,
        a.xs + [x + dx for x in b.xs],
        a.faces + b.faces,
        dx + b.width,
        True,
        a.missing + b.missing,
    )
