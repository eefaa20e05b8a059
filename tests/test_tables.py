"""Tables across pages, with the real fonts of gazette-a4: a tall row split between lines,
merged labels and the header repeated on every page the table reaches, numbers in tabular
figures aligned on the right."""

from __future__ import annotations

import pytest

from layout.blocks import CellSpec, Flow, Para, TableBlock
from layout.display import Box, GlyphRun, Rule
from layout.engine import FontMeasure, LayoutCache
from layout.pages import layout_flow
from layout.template import load_template

TPL = load_template("gazette-a4")
M = FontMeasure(LayoutCache().fontbook(TPL))
BODY = "各地区、各部门要加强组织领导，明确责任分工，细化工作措施，确保各项任务落到实处。" * 3
NUMBERS = ["1,234.5", "12", "7.25", "305", "88.0", "1,000", "4.75", "60"]


def tables() -> Flow:
    long_row = (CellSpec("一、医疗质量"), CellSpec("说明考核指标的计算方法和数据来源。" * 75), CellSpec("12"))
    a = TableBlock(((CellSpec("项目"), CellSpec("内容"), CellSpec("数量")), long_row), header_rows=1, key="a")
    rows = [(CellSpec("一级指标"), CellSpec("二级指标"), CellSpec("数量"))]
    for i in range(30):
        label = ()
        if i % 15 == 0:
            label = (CellSpec("（一）功能定位" if i == 0 else "（二）质量安全", rowspan=15),)
        rows.append((*label, CellSpec(f"第{i + 1}项指标的考核内容与评分办法" * 2), CellSpec(NUMBERS[i % 8])))
    b = TableBlock(tuple(rows), header_rows=1, key="b")
    blocks = [Para("body", BODY, ("p", i)) for i in range(3)]
    return Flow("d", (*blocks, a, Para("body", BODY, ("p", 9)), b))


@pytest.fixture(scope="module")
def pages():
    return layout_flow(tables(), TPL, M).pages


def texts(page, key) -> list[GlyphRun]:
    return [it for it in page if isinstance(it, GlyphRun) and it.key == key]


def test_tables_fill_their_pages_and_continue(pages):
    assert len(pages) >= 3
    bottom = TPL.margin_top + TPL.type_height
    line = TPL.style("body").leading
    for page in pages[:-1]:
        low = max(
            (it.y1 if isinstance(it, Rule) else it.y + it.h) if isinstance(it, Rule | Box) else it.y
            for it in page
            if isinstance(it, Rule | Box | GlyphRun)
        )
        assert bottom - low <= 2 * line, bottom - low  # no page ends more than two lines short
    # the 40-line row was cut between lines: its text is on two pages
    on = [i for i, page in enumerate(pages) if any("计算方法" in r.text for r in texts(page, "a"))]
    assert len(on) >= 2


def test_header_and_merged_labels_repeat_on_continuation_pages(pages):
    for page in pages[1:]:
        for key, head, labels in (
            ("a", "项目", ("一、医疗质量",)),
            ("b", "一级指标", ("（一）功能定位", "（二）质量安全")),
        ):
            runs = texts(page, key)
            if not runs:
                continue
            top = min(r.y for r in runs)
            first_row = [r for r in runs if r.y > top + 1]
            assert any(r.text == head and r.y == top for r in runs), (key, "header")
            # the label column of the row the page opens in is not blank
            label_y = min(r.y for r in first_row)
            assert any(r.text in labels and abs(r.y - label_y) < 0.01 for r in first_row), key


def test_numbers_right_aligned_in_tabular_figures(pages):
    size = TPL.table_size
    digit = max(M.glyph("body", d)[1] for d in "0123456789") * size
    checked = 0
    for page in pages:
        edges = set()
        for r in texts(page, "b"):
            if r.text not in NUMBERS:
                continue
            centres = [
                x + M.glyph("body", ch)[1] * size / 2
                for x, ch in zip(r.x, r.text, strict=True)
                if ch.isdigit()
            ]
            # every digit centred in one common advance (the widest digit's)
            run = r.text.split(".")[0].replace(",", "")
            if len(run) == len(r.text):
                steps = [b - a for a, b in zip(centres, centres[1:], strict=False)]
                assert all(st == pytest.approx(digit, abs=0.01) for st in steps), r.text
            # integers end, and decimal points stand, on one vertical
            edge = r.x[r.text.index(".")] if "." in r.text else centres[-1] + digit / 2
            edges.add(round(edge, 2))
            checked += 1
        assert len(edges) <= 1, edges
    assert checked >= 20


def test_the_tall_row_has_forty_lines():
    a = tables().blocks[3]
    fl = layout_flow(Flow("x", (a,)), TPL, M)
    lines = {
        (i, r.y)
        for i, page in enumerate(fl.pages)
        for r in texts(page, "a")
        if "。" in r.text or "说" in r.text
    }
    assert len(lines) >= 40
