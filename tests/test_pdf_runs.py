"""Glyph runs to text operators (layout.pdfpage.PageWriter.run): every character is drawn where the
layout put it, the common gap becomes Tc, and only characters that deviate get a TJ adjustment.

The operators are read back by a small interpreter of the few text operators the writer uses
(Tf, Tc, Tm, Tj, TJ), so the positions are checked as a PDF viewer would place the glyphs.
"""

from __future__ import annotations

import os
import re

import pytest

from layout.display import GlyphRun
from layout.fonts import EmbeddedFont, FontBook, embeddable_font
from layout.pdfpage import TOLERANCE, PageWriter

NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
pytestmark = pytest.mark.skipif(not os.path.exists(NOTO_SERIF), reason="reference CJK fonts not installed")

TEXT = "国家人民政府公报，关于印发年度工作要点的通知。"
SIZE = 15.75
HEIGHT = 800.0


@pytest.fixture(scope="module")
def face() -> tuple[FontBook, str, EmbeddedFont]:
    fb = FontBook({"body": ["Noto Serif CJK SC"]})
    f = fb.face_for("body", "国")
    assert f is not None
    return fb, f.id, embeddable_font(fb.faces[f.id], TEXT)


def _xs(fb: FontBook, face_id: str, text: str, spread: float, moves: dict[int, float]) -> tuple[float, ...]:
    """Origins from the advances plus `spread`; character i is then moved by moves[i] (the rest stay)."""
    xs, x = [], 72.25
    for i, ch in enumerate(text):
        xs.append(x + moves.get(i, 0.0))
        x += fb.advance(face_id, ch) * SIZE + spread
    return tuple(xs)


def _placed(ops: list[str], font: EmbeddedFont) -> tuple[list[tuple[int, float]], list[float]]:
    """(glyph id, x) of every glyph the operators draw, and the TJ adjustments, as a viewer reads them."""
    text = " ".join(ops)
    tf = re.search(r"/\w+ ([\d.]+) Tf", text)
    assert tf is not None
    k = float(tf.group(1)) / 1000
    tc_m = re.search(r"(-?[\d.]+) Tc", text)
    tc = float(tc_m.group(1)) if tc_m else 0.0
    m = re.search(r"1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm", text)
    assert m is not None
    x = float(m.group(1))
    body = text[m.end() :]
    placed, adjustments = [], []
    for token in re.findall(r"<([0-9A-F]*)>|(-?[\d.]+)(?=[ \]])", body):
        hexes, adj = token
        if hexes:
            for i in range(0, len(hexes), 4):
                gid = int(hexes[i : i + 4], 16)
                placed.append((gid, x))
                x += font.widths[gid] * k + tc
        else:
            adjustments.append(float(adj))
            x -= float(adj) * k
    return placed, adjustments


def _draw(font: EmbeddedFont, face_id: str, run: GlyphRun) -> list[str]:
    pw = PageWriter({face_id: ("GP1", font)}, 0.0, 0.0, HEIGHT)
    pw.run(run)
    return pw.ops


@pytest.mark.parametrize("spread", [0.0, 0.37, -0.41])
def test_an_evenly_spread_run_is_one_string_with_the_spread_as_tc(face, spread) -> None:
    fb, face_id, font = face
    run = GlyphRun(_xs(fb, face_id, TEXT, spread, {}), 120.0, TEXT, face_id, SIZE)
    ops = _draw(font, face_id, run)
    assert ops[-1].endswith(" Tj ET") and "TJ" not in ops[-1]
    placed, adjustments = _placed(ops, font)
    assert adjustments == []
    assert [g for g, _x in placed] == [font.gids[c] for c in TEXT]
    assert all(abs(x - want) <= TOLERANCE for (_g, x), want in zip(placed, run.x, strict=True))


@pytest.mark.parametrize(
    "moves",
    [
        {0: 1.5},  # the very first character (moves the Tm, no adjustment needed)
        {5: 2.0},  # one character pushed right: one adjustment before it, one back after it
        {3: -1.25, 4: -1.25, 5: -1.25},  # a compressed stretch
        {i: (0.8 if i % 2 else -0.6) for i in range(1, len(TEXT))},  # nearly every character moved
    ],
)
def test_moved_characters_land_on_their_x_through_tj_adjustments(face, moves) -> None:
    fb, face_id, font = face
    run = GlyphRun(_xs(fb, face_id, TEXT, 0.25, moves), 300.0, TEXT, face_id, SIZE)
    ops = _draw(font, face_id, run)
    placed, adjustments = _placed(ops, font)
    assert [g for g, _x in placed] == [font.gids[c] for c in TEXT]
    for (_g, x), want in zip(placed, run.x, strict=True):
        assert abs(x - want) <= TOLERANCE
    # only characters off the pen get an adjustment: at most one per moved character and one after it
    assert 0 < len(adjustments) <= 2 * len(moves)


def test_a_character_the_face_lacks_is_dropped_with_its_position(face) -> None:
    fb, face_id, font = face
    text = "国家\U000e0100人民"  # a variation selector the subset has no glyph for
    xs = _xs(fb, face_id, "国家人民", 0.0, {})
    run = GlyphRun((*xs[:2], xs[2] - 1.0, *xs[2:]), 100.0, text, face_id, SIZE)
    placed, adjustments = _placed(_draw(font, face_id, run), font)
    assert [g for g, _x in placed] == [font.gids[c] for c in "国家人民"]
    assert adjustments == []
    assert all(abs(x - want) <= TOLERANCE for (_g, x), want in zip(placed, xs, strict=True))


def test_tc_and_fill_are_set_once_for_runs_that_share_them(face) -> None:
    fb, face_id, font = face
    pw = PageWriter({face_id: ("GP1", font)}, 0.0, 0.0, HEIGHT)
    for y in (100.0, 130.0):
        pw.run(GlyphRun(_xs(fb, face_id, TEXT, 0.5, {}), y, TEXT, face_id, SIZE))
    assert sum(op.endswith(" Tc") for op in pw.ops) == 1
    assert sum(op.endswith(" Tj ET") for op in pw.ops) == 2


def test_an_empty_run_draws_nothing(face) -> None:
    _fb, face_id, font = face
    assert _draw(font, face_id, GlyphRun((), 100.0, "", face_id, SIZE)) == []
