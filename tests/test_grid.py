"""gazette-a4's baseline grid, measured in the written PDF with pdfplumber on the reference
issue: body baselines on the page grid, and facing pages registering line for line."""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest

from editor.compose import compose
from editor.importing import load_input
from layout.engine import LayoutCache, typeset
from layout.linebreak import BASELINE
from layout.pdf import write_pdf
from layout.template import load_template

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "hld-2018-02.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")


def body_baselines(template: str):
    """Per page, the baselines (from the text matrix, pt from the top) of body-size text in the
    type area, and the template."""
    tpl = load_template(template)
    body = tpl.style("body")
    book = typeset(compose(load_input(SEED)), tpl, cache=LayoutCache())
    top, bottom = tpl.margin_top, tpl.margin_top + tpl.type_height
    pages: dict[int, set[float]] = defaultdict(set)
    with pdfplumber.open(io.BytesIO(write_pdf(book))) as pdf:
        for i, page in enumerate(pdf.pages[1:], start=2):  # the cover has no body text
            for c in page.chars:
                y = page.height - c["matrix"][5]
                if abs(c["size"] - body.size) < 0.01 and top < y < bottom:
                    pages[i].add(round(y, 2))
    first = top + body.leading / 2 + BASELINE * body.size
    return pages, first, body.leading


def test_gazette_a4_body_baselines_sit_on_the_page_grid_and_facing_pages_register():
    pages, first, pitch = body_baselines("gazette-a4")
    lines = [y for ys in pages.values() for y in ys]
    on_grid = [y for y in lines if abs((y - first) / pitch - round((y - first) / pitch)) * pitch < 0.1]
    assert len(lines) > 1000
    assert len(on_grid) / len(lines) >= 0.95, len(on_grid) / len(lines)
    matched = total = 0
    for left in range(2, max(pages) + 1, 2):  # spreads: even page on the left, odd on the right
        right = left + 1
        if right not in pages:
            continue
        for mine, other in ((pages[left], pages[right]), (pages[right], pages[left])):
            lo, hi = min(other), max(other)
            for y in mine:
                if lo - 0.1 <= y <= hi + 0.1:  # where the facing page has text at all
                    total += 1
                    matched += any(abs(y - z) < 0.1 for z in other)
    assert total > 500
    assert matched / total >= 0.95, matched / total
