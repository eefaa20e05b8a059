"""A page's content stream: the operators that draw a page's display items (text runs, rules,
boxes, crop marks) for the PDF writer, without reportlab.

Text is written as raw operators so that every character lands on the x the layout computed.
Within a run, the common gap between characters after their advances (justification spread
or punctuation compression) becomes the character spacing Tc; only characters that deviate
get a TJ adjustment, so a justified line is one short TJ array.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from itertools import accumulate, compress
from operator import sub

from .display import Box, GlyphRun, Link, Page, Picture, Rule
from .fonts import EmbeddedFont
from .pdfx import PrintColours, ScreenColours, into_bleed, num

MM = 72 / 25.4
CROP_MARK_LENGTH = 5 * MM
CROP_MARK_OFFSET = 3 * MM  # marks start outside the bleed so they never print on the page

PREAMBLE = "1 0 0 1 0 0 cm"  # every page stream's first line


def page_stream(code: list[str]) -> bytes:
    """A page's compressed content stream from its operator blocks: what reportlab's showPage
    makes of the canvas's code (preamble, blocks, a closing blank) and its Flate filter of that."""
    return zlib.compress(("\n".join([PREAMBLE, *code, " "]) + "\n").encode("utf8"))


TOLERANCE = 0.01  # pt (3.5 µm): a character further than this from its x gets an explicit TJ adjustment

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


class PageWriter:
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
