"""The cover: masthead, issue lines, the table of contents and the editorial-board box.

The TOC is set from page numbers the engine passes in; the engine iterates until the
numbers it passes are the numbers that come out (the TOC may grow onto a second page and
shift every document). Entry text wraps with a hanging indent inside a measure that leaves
room on the right for leaders and the page number, which sits flush right on the entry's
last line. The board box goes below the TOC, never beside it, so that no board line can
share a baseline with a TOC line: readers and text extractors then see each entry whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import Front
from .display import FRONT, GlyphRun, Item, Ref, Rule
from .display import Box as BoxItem
from .linebreak import BASELINE, Line, Measure, line_runs, set_lines
from .template import MM, Style, Template


@dataclass
class FrontLayout:
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
    for line in set_lines(text, tpl.text_style(role, align=align), measure, width):
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
    lines = set_lines(front.masthead, tpl.text_style("masthead"), measure, width)
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
    if front.board:
        _board(cur, front, tpl, measure, x0, width)
    return out


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
            lines = set_lines(text, tpl.text_style("toc-entry", align="left", indent=-hang), measure, text_w)
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
    """Dot leaders from the entry's end to its page number, which is set flush right."""
    st = tpl.style("toc-entry")
    size = st.size
    ts = tpl.text_style("toc-entry", align="left", indent=0.0)
    num_line = set_lines(num, ts, measure, 10 * size) if num else []
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
    """The editorial board in a ruled box: its title, then label：value cells in columns."""
    st = tpl.style("board")
    size = st.size
    cols = max(1, tpl.cover.board_columns)
    pad = 0.6 * size
    colw = (width - 2 * pad) / cols
    cells = []
    for i, bl in enumerate(front.board):
        cells.append((i, _board_cell(bl.label, bl.values, st, tpl, measure, colw - size)))
    rows = [cells[i : i + cols] for i in range(0, len(cells), cols)]
    title_st = tpl.style("toc-section")
    height = 2 * pad + title_st.leading + sum(max(len(ls) for _, ls in row) * st.leading for row in rows)
    cur.y += st.leading * 0.5
    cur.need(height)
    top = cur.y
    cur.add(BoxItem(x0, top, width, height, 0.75))
    cur.y += pad
    _block(
        cur, front.board_title, "toc-section", tpl, measure, Ref(FRONT, "board-title"), x0, width, "center"
    )
    for row in rows:
        h = max(len(ls) for _, ls in row) * st.leading
        for c, (i, lines) in enumerate(row):
            for li, (dx, line) in enumerate(lines):
                baseline = cur.y + li * st.leading + st.leading / 2 + BASELINE * size
                _emit(cur, line, x0 + pad + c * colw + dx, baseline, size, Ref(FRONT, "board", i))
        cur.y += h
    cur.y = top + height


def _board_cell(label: str, values, st: Style, tpl: Template, measure: Measure, width: float) -> list:
    """ "label：value" with wrapped lines hanging under the value; names are never split."""
    size = st.size
    ts = tpl.text_style("board", align="left", indent=0.0)
    label = label.rstrip("：:")
    head = set_lines(f"{label}：", ts, measure, width)
    if not values:
        return [(0.0, line) for line in set_lines(label, ts, measure, width)]
    hang = min(head[0].width + 0.5 * size, width / 2) if head else 0.0  # the colon keeps its blank
    room = width - hang
    if len(values) > 1:  # people: pack whole names per line
        texts, current = [], ""
        for name in values:
            trial = f"{current}\u3000{name}" if current else name
            if current and set_lines(trial, ts, measure, 10_000.0)[0].width > room:
                texts.append(current)
                current = name
            else:
                current = trial
        texts.append(current)
    else:
        texts = [line.text for line in set_lines(values[0], ts, measure, room)]
    out = [(0.0, head[0])] if head else []
    for k, text in enumerate(texts):
        for line in set_lines(text, ts, measure, room):
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
