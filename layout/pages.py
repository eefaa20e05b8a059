"""Blocks to pages: one flow (a document) becomes a list of pages of display items.

Each block is first turned into slices: a line of text, a table row, an image. A slice
knows its height, the space above it (dropped at a page top) and whether a page break may
come right before it. Those flags carry every keep rule: no orphan (break after a
paragraph's first line) and no widow (break before its last line), headings and titles
kept with what follows, signature and date kept with the body above. The paginator fills
a page greedily and, when a slice does not fit, backs up to the last slice a break may
precede; a page with no legal break at all is cut where it is full rather than overflow.
"""

from __future__ import annotations

import math
import struct
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from .blocks import Flow, ImageBlock, Para, TableBlock
from .display import Box, GlyphRun, Item, Picture, Ref, Rule
from .errors import Notice
from .lazyre import lazy
from .linebreak import (
    BASELINE,
    FORCED_BREAK,
    SCRIPT_RISE,
    SCRIPT_SCALE,
    Line,
    Measure,
    TextStyle,
    atomize,
    has_forced_break,
    line_runs,
    script_of,
    set_lines,
    tabular_line,
    water_fill,
)
from .template import MM, Template

EPS = 1e-6
ATTACHMENT_MARK = lazy(r"附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?")
ATTACHMENT_NOTE = lazy(r"(附\s*件\s*[0-9]*\s*[:：]\s*)([0-9]+\s*[.．、]\s*)?")
ATTACHMENT_ITEM = lazy(r"[0-9]+\s*[.．、]\s*")
KEEP_LINES = 2  # a heading stands on a page only with this many lines of what follows
# a heading paragraph with text running on after a sentence break: 实施……工程。新建……
RUN_IN = lazy(r"[。！？；：!?;][\s”’」』）)〕】》]*[^\s”’」』）)〕】》]")
HEADING_ROLES = frozenset(("heading1", "heading2", "heading3", "heading4"))


# What a slice holds, with y relative to the slice's top (`dy`); `materialize` turns them into
# display items once the slice has a place on a page. Plain named tuples: a layout makes
# thousands of them, and they are cached across edits.


class SliceRun(NamedTuple):
    """Characters of one face on one baseline (becomes a GlyphRun)."""

    xs: tuple[float, ...]
    dy: float  # baseline below the slice's top
    text: str
    face: str
    size: float
    color: tuple[float, float, float]
    key: Ref | None


class SliceBox(NamedTuple):
    """A table cell's frame (becomes a Box)."""

    x: float
    dy: float
    w: float
    h: float


class SliceRule(NamedTuple):
    """One side of a merged table cell, drawn row by row (becomes a Rule)."""

    x0: float
    dy0: float
    x1: float
    dy1: float
    width: float


class SlicePicture(NamedTuple):
    """An image (becomes a Picture)."""

    x: float
    dy: float
    w: float
    h: float
    data: bytes
    key: Ref | None


SliceItem = SliceRun | SliceBox | SliceRule | SlicePicture


class Missing(NamedTuple):
    """A character no face of its role's chain has, and the block it belongs to."""

    key: Ref | None
    char: str


@dataclass(slots=True)
class Slice:
    """What pagination places: a line, a table row or a picture, with the keep flags around it.

    (A docstring keeps `dataclasses` from asking `inspect.signature` for one: layout/lazymod.py.)
    """

    height: float
    before: float = 0.0
    breakable: bool = True  # may a page break come right before this slice?
    items: list[SliceItem] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    repeat: tuple[Slice, ...] = ()  # table header slices to repeat when this slice opens a page
    cont: list[SliceItem] = field(default_factory=list)  # drawn only when this slice opens a page
    table: tuple[float, float] | None = None  # (x0, x1) of the table a row slice belongs to
    grid: bool = False  # a line of body leading: its top snaps to the page's line grid


class SetCell(NamedTuple):
    """A table cell placed on the grid and set in lines."""

    row: int
    col: int
    colspan: int
    rowspan: int
    lines: list[Line]
    height: float


@dataclass
class FlowLayout:
    """A flow set on pages; positions absolute on the page, header and folio not yet added."""

    pages: list[list[Item]]
    missing: list[tuple[int, Ref | None, str]]  # (page index within the flow, key, char)
    warnings: list[Notice] = field(default_factory=list)  # for the user, in both languages


def line_rules(line: Line, x0: float, dy: float) -> list[SliceRule]:
    """The line's two-em dash rules (linebreak's Line.rules) as slice items."""
    return [SliceRule(x0 + a, dy - rise, x0 + b, dy - rise, thick) for a, b, rise, thick in line.rules]


class SlicePlan:
    """Builds the slices of a flow; paragraph line breaking is cached by what it depends on."""

    def __init__(
        self, tpl: Template, measure: Measure, para_cache: dict | None = None, previous: dict | None = None
    ) -> None:
        self.tpl = tpl
        self.measure = measure
        self.cache = para_cache if para_cache is not None else {}
        self.previous = previous or {}  # the last layout's entries: reused, and only those kept
        self.x0 = tpl.margin_inner
        self.type_width = tpl.type_width
        self.warnings: list[Notice] = []
        self._styles: dict[tuple[str, float | None], TextStyle] = {}  # text_style by (role, indent)
        self._on_grid: dict[str, bool] = {}  # role -> its lines snap to the baseline grid

    def lines(
        self, text: str, role: str, width: float, indent: float | None = None, marks: tuple = ()
    ) -> list[Line]:
        key = (text, role, width, indent, marks) if marks else (text, role, width, indent)
        got = self._remembered(key)
        if got is None:
            ts = self._styles.get((role, indent))
            if ts is None:
                ts = self._styles[(role, indent)] = self.tpl.text_style(role, indent=indent)
            clean = _clean(text)
            if marks and clean != text:
                marks = remap_marks(text, clean, marks)
            got = self.cache[key] = set_lines(clean, ts, self.measure, width, self.run_in_font(role), marks)
        return got

    def _remembered(self, key: tuple):
        """This layout's entry for key, else the last layout's (kept for this one), else None."""
        got = self.cache.get(key)
        if got is None and self.previous:
            got = self.previous.get(key)
            if got is not None:
                self.cache[key] = got
        return got

    def run_in_font(self, role: str) -> str:
        """The font of body text that runs on after a heading's phrase in the same paragraph:
        the body's, when the heading has a face of its own at the body size."""
        if role not in HEADING_ROLES:
            return ""
        st, body = self.tpl.style(role), self.tpl.style("body")
        return body.font if st.size == body.size and st.font != body.font else ""

    def para(
        self, p: Para, breakable: bool, right: float | None = None, hang: tuple[float, float] | None = None
    ) -> list[Slice]:
        """A paragraph's lines as slices. `right` overrides the style's right indent (pt);
        `hang` = (left, first-line indent) in pt overrides its left and first-line indents."""
        st = self.tpl.style(p.role)
        left = st.left * st.size if hang is None else hang[0]
        width = self.type_width - left - (st.right * st.size if right is None else right)
        x = self.x0 + left
        # the items of each line, remembered whole: an edit re-lays out its document, and every
        # other paragraph of it comes back from here without touching its lines
        key = ("items", p.text, p.role, width, x, hang, p.marks, p.key)
        made = self._remembered(key)
        if made is None:
            made = self.cache[key] = self._line_items(p, st, width, x, hang)
        n = len(made)
        on_grid = self._on_grid.get(p.role)
        if on_grid is None:
            on_grid = self._on_grid[p.role] = (
                self.tpl.grid and abs(st.leading - self.tpl.style("body").leading) < EPS
            )
        out = []
        for i, (items, missing) in enumerate(made):
            ok = breakable if i == 0 else (i >= 2 and n - i >= 2)
            sl = Slice(st.leading, st.before if i == 0 else 0.0, ok, list(items), grid=on_grid)
            if missing:
                sl.missing = list(missing)
            out.append(sl)
        if out and st.after:
            out[-1].height += st.after
        return out

    def _line_items(
        self, p: Para, st, width: float, x: float, hang: tuple[float, float] | None
    ) -> list[tuple[tuple[SliceItem, ...], tuple[Missing, ...]]]:
        """Per line of the paragraph: its slice items and the characters no face had."""
        lines = self.lines(p.text, p.role, width, None if hang is None else hang[1], p.marks)
        dy = st.leading / 2 + BASELINE * st.size
        made = []
        for line in lines:
            items: list[SliceItem] = [_run(xs, dy, t, f, st, p.key) for xs, t, f in line_runs(line, x)]
            if line.rules:
                items.extend(line_rules(line, x, dy))
            made.append(
                (tuple(items), tuple([Missing(p.key, c) for c in line.missing]) if line.missing else ())
            )
        return made

    def image(self, b: ImageBlock, breakable: bool) -> list[Slice]:
        px = image_size(b.data)
        if px is None:  # not a PNG or JPEG the PDF could hold: say so on the page and to the user
            self.warnings.append(
                Notice(
                    "有一张图片无法识别（不是 PNG、JPEG、GIF 或 BMP），版面上以文字标出。请换成 PNG 或 JPEG 图片后重新排版。",
                    "An image could not be read (not PNG, JPEG, GIF or BMP); the page marks it in words. "
                    "Replace it with a PNG or JPEG image and lay out again.",
                )
            )
            return self.para(Para("body", "［图片无法识别：请换成 PNG 或 JPEG 格式］", b.key), breakable)
        tw, th = self.tpl.type_width, self.tpl.type_height * 0.9
        if b.width_mm:
            w = b.width_mm * MM
            h = w * px[1] / px[0] if px else w * 0.75
        elif px:
            w, h = px[0] / 300 * 72, px[1] / 300 * 72
        else:
            w, h = tw, tw * 0.75
        scale = min(1.0, tw / w, th / h)
        w, h = w * scale, h * scale
        pad = self.tpl.style("body").leading * 0.25
        pic = SlicePicture(self.x0 + (tw - w) / 2, pad, w, h, b.data, b.key)
        return [Slice(h + 2 * pad, 0.0, breakable, [pic])]

    def table(self, tb: TableBlock, breakable: bool) -> list[Slice]:
        return table_slices(self, tb, breakable)

    def flow(self, flow: Flow) -> list[Slice]:
        """The flow's slices with every keep rule expressed in their `breakable` flags.

        A kept block (heading, title …) holds on to the first KEEP_LINES lines of what
        follows: no break before either of them. Headings in a row form a chain whose
        minimum is their own lines plus those two, never more: a heading that wraps because
        body text runs on after it (（二）实施……工程。新建……) is a paragraph, not a kept
        heading, so it cannot drag the headings and lines after it along.
        """
        slices: list[Slice] = []
        keep_next = False
        need = 0  # lines of content the last kept block still holds on to
        rights = self.signature_rights(flow.blocks)
        hangs = self.attachment_hangs(flow.blocks)
        for bi, b in enumerate(flow.blocks):
            if isinstance(b, Para) and b.role == "attachment" and ATTACHMENT_MARK.fullmatch(b.text.strip()):
                b = Para(
                    "attachment-mark", b.text.strip(), b.key
                )  # 附件 over an attachment: 黑体, flush left
            st = self.tpl.style(b.role) if isinstance(b, Para) else None
            breakable = bool(slices) and not keep_next and not (st and st.keep_prev)
            if isinstance(b, Para):
                if not b.text.strip():
                    continue
                part = self.para(b, breakable, rights.get(bi), hangs.get(bi))
                keep_next = self.tpl.style(b.role).keep_next and not is_run_in_heading(b, len(part))
            elif isinstance(b, TableBlock):
                part = self.table(b, breakable)
                keep_next = False
            elif isinstance(b, ImageBlock):
                part = self.image(b, breakable)
                keep_next = False
                if need and part:
                    part[0].breakable = False
                    need = 0  # a picture is content enough to stand under its heading
            else:
                continue
            if keep_next:
                # A heading may open a page unless the block before it is kept too (then it
                # is a link of that chain). One that comes after a single line of text ends
                # the count of the heading above: that heading has all the text it will get,
                # and holding on would chain every heading of a list of one-line items.
                need = KEEP_LINES
            else:
                for sl in part:
                    if not need:
                        break
                    sl.breakable = False
                    need -= 1
            slices.extend(part)
        return slices

    def text_width(self, text: str, role: str) -> float:
        """Natural width of a short piece of text in a role's font, as it sets inside a line."""
        a = atomize(text, self.tpl.text_style(role), self.measure, 1e9)
        return sum(a.w) + sum(a.pre[1:])

    def attachment_hangs(self, blocks) -> dict[int, tuple[float, float]]:
        """GB/T 9704 7.3.4: in the attachment note, wrapped lines align with the attachment's
        name, and the second and later items align with the first one after 附件：."""
        out: dict[int, tuple[float, float]] = {}
        base = None  # where item names start, after 附件：
        for i, b in enumerate(blocks):
            if not (isinstance(b, Para) and b.role == "attachment"):
                base = None
                continue
            text = b.text.strip()
            first = self.tpl.style("attachment").indent * self.tpl.style("attachment").size
            m = ATTACHMENT_NOTE.match(text)
            if m:
                base = first + self.text_width(m.group(1), "attachment")
                hang = base + (self.text_width(m.group(2), "attachment") if m.group(2) else 0.0)
                out[i] = (hang, first - hang)
            elif base is not None and not ATTACHMENT_MARK.fullmatch(text):
                item = ATTACHMENT_ITEM.match(text)
                hang = base + (self.text_width(item.group(), "attachment") if item else 0.0)
                out[i] = (hang, base - hang)
        return out

    def signature_rights(self, blocks) -> dict[int, float]:
        """Right indents (pt) that centre a signature over the date below it (GB/T 9704 7.3.5).

        The date keeps its 4 em right indent; a signature longer than the date moves both so
        the signature ends 2 em from the right edge and the date is centred under it.
        """
        out: dict[int, float] = {}
        for i in range(len(blocks) - 1):
            sig, date = blocks[i], blocks[i + 1]
            if not (
                isinstance(sig, Para)
                and isinstance(date, Para)
                and sig.role == "signature"
                and date.role == "date"
            ):
                continue
            s_st, d_st = self.tpl.style("signature"), self.tpl.style("date")
            width = self.tpl.type_width
            sig_lines = self.lines(sig.text, "signature", width)
            date_lines = self.lines(date.text, "date", width)
            if len(sig_lines) != 1 or len(date_lines) != 1:
                continue
            sw, dw = sig_lines[0].width, date_lines[0].width
            axis = d_st.right * d_st.size + dw / 2  # distance of the common centre from the right edge
            axis = max(axis, 2 * s_st.size + sw / 2)
            out[i] = axis - sw / 2
            out[i + 1] = axis - dw / 2
        return out


def is_run_in_heading(p: Para, lines: int) -> bool:
    """A heading paragraph that wraps because text runs on after the heading phrase, or that
    is longer than any heading (over two lines): laid out and kept like a paragraph."""
    if p.role not in HEADING_ROLES or lines < 2:
        return False
    return lines > 2 or RUN_IN.search(p.text.strip()) is not None


def _run(xs: tuple[float, ...], dy: float, text: str, face: str, st, key: Ref | None) -> SliceRun:
    """A run of a paragraph's line; a raised or lowered run (x², CO₂) smaller and shifted."""
    face, kind = script_of(face)
    if not kind:
        return SliceRun(xs, dy, text, face, st.size, st.color, key)
    return SliceRun(xs, dy - SCRIPT_RISE[kind] * st.size, text, face, st.size * SCRIPT_SCALE, st.color, key)


def remap_marks(old: str, new: str, marks: tuple) -> tuple:
    """Marks over `old` moved onto `new`, a copy with white space removed or folded: each
    non-space character keeps its marks, in order."""
    where: list[int] = []  # new index of each old character (-1: dropped)
    j = 0
    for ch in old:
        if j < len(new) and new[j] == ch:
            where.append(j)
            j += 1
        elif j < len(new) and ch.isspace() and new[j].isspace():
            where.append(j)
            j += 1
        else:
            where.append(-1)
    out = []
    for a, b, k in marks:
        kept = [where[i] for i in range(max(0, a), min(b, len(where))) if where[i] >= 0]
        if kept:
            out.append((kept[0], kept[-1] + 1, k))
    return tuple(out)


def _clean(text: str) -> str:
    """Manual indents and spacing typed with spaces are the template's job, not the text's.

    Line breaks stay: the line breaker sets each one as a forced break (Word soft breaks,
    paragraphs of a table cell).
    """
    if has_forced_break(text):
        return "\n".join(filter(None, map(_clean_segment, FORCED_BREAK.split(text))))
    return _clean_segment(text) if text[:1].isspace() else text


def _clean_segment(text: str) -> str:
    return " ".join(text.replace("\u3000", " ").split())


def image_size(data: bytes) -> tuple[int, int] | None:
    """Pixel size of a PNG, JPEG, GIF or BMP, read from its header (no imaging library needed)."""
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        w, h = struct.unpack("<HH", data[6:10])
        return (w, h) if w and h else None
    if data[:2] == b"BM" and len(data) >= 26:
        w, h = struct.unpack("<ii", data[18:26])
        return (abs(w), abs(h)) if w and h else None
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        w, h = struct.unpack(">II", data[16:24])
        return (w, h) if w and h else None
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            seg = struct.unpack(">H", data[i + 2 : i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                h, w = struct.unpack(">HH", data[i + 5 : i + 9])
                return (w, h) if w and h else None
            i += 2 + seg
    return None


def table_slices(plan: SlicePlan, tb: TableBlock, breakable: bool) -> list[Slice]:
    """A ruled table in slices of one row, or of one line of a row that wraps: a tall row may
    continue on the next page (cut between lines, at least two on each side); header rows
    repeat on each page the table reaches, and a page that opens inside a cell below its text
    repeats that text (merged labels, the first column of a split row). Columns of numbers are
    set in tabular figures, right-aligned on their decimal points."""
    tpl = plan.tpl
    size, leading, pad, pad_x = tpl.table_size, tpl.table_leading, tpl.table_padding, tpl.table_padding_x
    font = tpl.style("cell").font
    # place cells on a grid, HTML style: a rowspan occupies slots in the rows below
    taken: set[tuple[int, int]] = set()
    cells = []  # (row, col, spec)
    for r, row in enumerate(tb.rows):
        c = 0
        for spec in row:
            while (r, c) in taken:
                c += 1
            cs, rs = max(1, spec.colspan), max(1, min(spec.rowspan, len(tb.rows) - r))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            cells.append((r, c, cs, rs, spec.text))
            c += cs
    if not cells:
        return []
    ncols = max(c + cs for _, c, cs, _, _ in cells)
    nrows = len(tb.rows)
    width = tpl.type_width
    colw = column_widths(plan, cells, ncols, size, pad_x, width)
    colx = [plan.x0]
    for w in colw:
        colx.append(colx[-1] + w)
    header = min(tb.header_rows, nrows)
    heights = [0.0] * nrows
    set_cells = []
    wraps: set[int] = set()
    drafts = []
    for r, c, cs, rs, text in cells:
        cw = colx[c + cs] - colx[c] - 2 * pad_x
        ts = tpl.text_style("cell", align="left", indent=0.0)
        text = _clean(text)
        lines = set_lines(text, ts, plan.measure, max(cw, size))
        if len(lines) > text.count("\n") + 1 and r >= header:  # wrapped, not only broken by hand
            wraps.update(range(c, c + cs))
        drafts.append((r, c, cs, rs, text, cw, lines))
    numeric = numeric_columns(cells, ncols, header)
    fracs: dict[int, float] = {}
    for r, c, cs, _, text, _, _ in drafts:
        if r >= header and cs == 1 and c in numeric and text.strip():
            line = tabular_line(text.strip(), font, size, plan.measure)
            fracs[c] = max(fracs.get(c, 0.0), line.width - _int_width(line))
    for r, c, cs, rs, text, cw, lines in drafts:
        if r >= header and cs == 1 and c in numeric and text.strip():
            # figures of equal advance, right-aligned with their decimal points lined up
            line = tabular_line(text.strip(), font, size, plan.measure)
            shift = cw - line.width - (fracs[c] - (line.width - _int_width(line)))
            line.xs = [v + shift for v in line.xs]
            set_cells.append(SetCell(r, c, cs, rs, [line], leading + 2 * pad))
            heights[r] = max(heights[r], leading + 2 * pad)
            continue
        # a column whose cells all fit one line is centred; running text is justified in a
        # roomy column and flush left in a narrow one (spreading "2022年7月" leaves holes)
        if r < header or not wraps.intersection(range(c, c + cs)):
            align = "center"
        else:
            align = "justify" if cw >= 12 * size else "left"
        if align != "left":
            ts = tpl.text_style("cell", align=align, indent=0.0, words=align != "justify")
            lines = set_lines(text, ts, plan.measure, max(cw, size))
        h = len(lines) * leading + 2 * pad
        set_cells.append(SetCell(r, c, cs, rs, lines, h))
        if rs == 1:
            heights[r] = max(heights[r], h)
    for r in range(nrows):
        heights[r] = max(heights[r], leading + 2 * pad)
    for r, _, _, rs, _, h in set_cells:
        if rs > 1:
            have = sum(heights[r : r + rs])
            if have < h:
                heights[r + rs - 1] += h - have
    # rows under a merged cell stay with it, unless the merged block is too tall for that
    long_span = tpl.type_height * 0.5
    covered = {
        r + dr
        for r, _, _, rs, _, _ in set_cells
        if sum(heights[r : r + rs]) <= long_span
        for dr in range(1, rs)
    }
    tops = [0.0]
    for hgt in heights:
        tops.append(tops[-1] + hgt)
    # bands: a row is cut at its line boundaries, so a tall row can continue on the next page
    bands: list[tuple[float, float, int, int, int]] = []  # (top, bottom, row, line index, lines)
    for r in range(nrows):
        slots = max(1, int((heights[r] - 2 * pad) / leading + EPS))
        cuts = [tops[r]] + [tops[r] + pad + k * leading for k in range(1, slots)] + [tops[r + 1]]
        for j in range(slots):
            bands.append((cuts[j], cuts[j + 1], r, j, slots))
    slices = []
    for top, bottom, r, j, slots in bands:
        if j == 0:
            ok = breakable if r == 0 else not (r in covered or r <= header)
        else:  # inside a row: at least two lines on each side of the cut
            ok = r >= header and j >= 2 and slots - j >= 2
        slices.append(Slice(bottom - top, 0.0, ok, [], table=(colx[0], colx[-1])))
    starts = [b[0] for b in bands]

    def band_at(y: float) -> int:
        return max(0, bisect_right(starts, y + EPS) - 1)

    dy = leading / 2 + BASELINE * size
    for r, c, cs, rs, lines, _ in set_cells:
        x = colx[c]
        w = colx[c + cs] - x
        first, last = band_at(tops[r]), band_at(tops[r + rs] - 1.0)
        if first == last:
            slices[first].items.append(SliceBox(x, 0.0, w, slices[first].height))
        else:  # ruled band by band, so the cell can continue on the next page
            for b in range(first, last + 1):
                items = slices[b].items
                items.append(SliceRule(x, 0.0, x, slices[b].height, 0.5))
                items.append(SliceRule(x + w, 0.0, x + w, slices[b].height, 0.5))
            slices[first].items.append(SliceRule(x, 0.0, x + w, 0.0, 0.5))
            slices[last].items.append(SliceRule(x, slices[last].height, x + w, slices[last].height, 0.5))
        own = first
        for li, line in enumerate(lines):
            y = tops[r] + pad + li * leading  # the line's top within the table
            b = band_at(y + leading / 2)
            own = max(own, b)
            at = y - bands[b][0] + dy
            sl = slices[b]
            sl.items.extend(_cell_line(line, x + pad_x, at, size, tb.key))
            if line.missing:
                sl.missing.extend(Missing(tb.key, ch) for ch in line.missing)
        # a page that opens inside the cell below its text repeats it (a merged label such as
        # 一级指标, or the first column of a split row): the reader keeps the row's context
        if r >= header and lines and (rs > 1 or c == 0):
            for b in range(own + 1, last + 1):
                lead = pad if bands[b][3] == 0 else 0.0  # a band that opens a row has its top padding
                room = int((tops[r + rs] - bands[b][0] - lead - pad) / leading + EPS)
                for li, line in enumerate(lines[: max(0, room)]):
                    slices[b].cont.extend(_cell_line(line, x + pad_x, lead + li * leading + dy, size, tb.key))
    head = tuple(s for s, band in zip(slices, bands, strict=True) if band[2] < header)
    if header:
        for sl, band in zip(slices, bands, strict=True):
            if band[2] >= header:
                sl.repeat = head
    return slices


def _cell_line(line: Line, x: float, dy: float, size: float, key) -> list[SliceItem]:
    items: list[SliceItem] = [
        SliceRun(xs, dy, t, f, size, (0.0, 0.0, 0.0), key) for xs, t, f in line_runs(line, x)
    ]
    items.extend(line_rules(line, x, dy))
    return items


NUMERIC_CELL = lazy(r"[-+−]?[0-9０-９][0-9０-９,，]*(?:\.[0-9]+)?\s*[%％‰]?|[-—–－]")


def numeric_columns(cells: list, ncols: int, header: int) -> set[int]:
    """Columns whose body cells are all numbers (or a dash for none): set right-aligned in
    tabular figures."""
    seen: dict[int, bool] = {}
    for r, c, cs, _, text in cells:
        if r < header or cs != 1 or not text.strip():
            continue
        ok = NUMERIC_CELL.fullmatch(text.strip()) is not None
        seen[c] = seen.get(c, True) and ok
    return {c for c, ok in seen.items() if ok}


def _int_width(line: Line) -> float:
    """Width of a number up to its decimal point (the whole width when it has none)."""
    k = line.text.find(".")
    return line.width if k < 0 else line.xs[k]


def column_widths(
    plan: SlicePlan, cells: list, ncols: int, size: float, pad: float, width: float
) -> list[float]:
    """Column widths the way browsers lay out auto tables: every column gets at least its
    longest unbreakable piece, and the room left goes where text is longest."""
    tpl = plan.tpl
    ts = tpl.text_style("cell", align="left", indent=0.0)
    lo = [2 * size] * ncols
    hi = [2 * size] * ncols
    for _, c, cs, _, text in cells:
        if cs != 1 or not text.strip():
            continue
        for seg in _clean(text).split("\n"):  # a cell's paragraphs are set on lines of their own
            a = atomize(seg, ts, plan.measure, 1e9)
            if not a.w:
                continue
            lo[c] = max(lo[c], min(max(a.w), 8 * size))
            hi[c] = max(hi[c], sum(a.w) + sum(a.pre))
    lo = [v + 2 * pad for v in lo]
    hi = [v + 2 * pad for v in hi]
    if sum(hi) <= width:
        extra = width - sum(hi)
        return [h + extra * h / sum(hi) for h in hi]
    if sum(lo) > width:
        return [m * width / sum(lo) for m in lo]
    # water-filling: short columns keep their whole text on one line, long ones share a cap
    got = water_fill(lo, hi, width)
    spare = width - sum(got)
    wide = [i for i, g in enumerate(got) if g < hi[i]] or list(range(ncols))
    for i in wide:
        got[i] += spare / len(wide)
    return got


def paginate(slices: list[Slice], height: float, pitch: float = 0.0) -> list[list[tuple[Slice, float]]]:
    """Fill pages greedily; back up to the last legal break when a slice does not fit.

    With a `pitch` (the template's baseline grid), a grid slice starts on the next whole
    multiple of the pitch from the page top, so body baselines sit on one grid on every page
    and facing pages register, whatever headings, titles and tables came before."""
    pages: list[list[tuple[Slice, float]]] = []
    a = 0
    n = len(slices)
    while a < n:
        placed: list[tuple[Slice, float]] = []
        y = 0.0
        if slices[a].repeat and pages:
            for h in slices[a].repeat:
                placed.append((h, y))
                y += h.height
        head = len(placed)
        k = a
        while k < n:
            s = slices[k]
            if s.cont and len(placed) == head:  # opens the page: repeat the labels it continues
                s = replace(s, items=s.items + s.cont)
            pos = y + (s.before if len(placed) > head else 0.0)
            if pitch and s.grid:
                pos = math.ceil(pos / pitch - EPS) * pitch
            if pos + s.height <= height + EPS or len(placed) == head:
                placed.append((s, pos))
                y = pos + s.height
                k += 1
            else:
                break
        if k < n:
            j = k
            while j > a and not slices[j].breakable:
                j -= 1
            if j > a:
                del placed[head + (j - a) :]
                k = j
        pages.append(placed)
        a = k
    return pages


def materialize(
    placed: list[tuple[Slice, float]], top: float, dx: float, missing: list, page_index: int
) -> list[Item]:
    """Display items of one page from its placed slices."""
    items: list[Item] = []
    add = items.append
    if placed:  # a table cut by the page break is ruled shut at the cut
        first, y = placed[0]
        if first.table:
            add(Rule(first.table[0] + dx, top + y, first.table[1] + dx, top + y, 0.5))
        last, y = placed[-1]
        if last.table:
            yb = top + y + last.height
            add(Rule(last.table[0] + dx, yb, last.table[1] + dx, yb, 0.5))
    for sl, y in placed:
        base = top + y
        for it in sl.items:
            if isinstance(it, SliceRun):
                xs = it.xs if not dx else tuple(v + dx for v in it.xs)
                add(GlyphRun(xs, base + it.dy, it.text, it.face, it.size, it.color, it.key))
            elif isinstance(it, SliceBox):
                add(Box(it.x + dx, base + it.dy, it.w, it.h, 0.5))
            elif isinstance(it, SlicePicture):
                add(Picture(it.x + dx, base + it.dy, it.w, it.h, it.data, it.key))
            else:
                add(Rule(it.x0 + dx, base + it.dy0, it.x1 + dx, base + it.dy1, it.width))
        for key, ch in sl.missing:
            missing.append((page_index, key, ch))
    return items


def layout_flow(
    flow: Flow,
    tpl: Template,
    measure: Measure,
    para_cache: dict | None = None,
    first_folio_parity: int = 1,
    previous: dict | None = None,
) -> FlowLayout:
    """Set one flow on its own pages; `first_folio_parity` matters only for mirrored margins."""
    plan = SlicePlan(tpl, measure, para_cache, previous)
    slices = plan.flow(flow)
    pages = paginate(slices, tpl.type_height, tpl.style("body").leading if tpl.grid else 0.0) or [[]]
    out: list[list[Item]] = []
    missing: list = []
    for i, placed in enumerate(pages):
        folio_parity = (first_folio_parity + i) % 2
        dx = tpl.left_margin(folio_parity) - tpl.margin_inner if tpl.mirror else 0.0
        out.append(materialize(placed, tpl.margin_top, dx, missing, i))
    return FlowLayout(out, missing, plan.warnings)
