"""Blocks to pages on the GB/T 9704 page (22 lines of 28 characters, fixed-pitch test font)."""

from __future__ import annotations

import struct
import zlib

import pytest

from layout.blocks import CellSpec, Flow, ImageBlock, Para, TableBlock
from layout.display import Box, FaceRef, GlyphRun, Picture, Rule
from layout.engine import FontMeasure
from layout.pages import image_size, layout_flow
from layout.template import load_template
from tests.layout_grid import GRID_FACE, GridBook

TPL = load_template("gbt9704")
M = FontMeasure(GridBook())
LINE = "甲" * 26  # one body line with its two-em indent


def fill(n: int, tag: str = "f") -> list[Para]:
    return [Para("body", LINE, (tag, i)) for i in range(n)]


def lay(blocks) -> list[list[GlyphRun]]:
    fl = layout_flow(Flow("d", tuple(blocks)), TPL, M)
    return [[it for it in page if isinstance(it, GlyphRun)] for page in fl.pages]


def keys_on(page) -> list:
    out = []
    for run in sorted(page, key=lambda r: (r.y, r.x[0])):
        if not out or out[-1] != run.key:
            out.append(run.key)
    return out


def lines_of_key(page, key) -> int:
    return len({r.y for r in page if r.key == key})


def test_page_holds_22_lines_of_28_characters():
    pages = lay([Para("body", "乙" * (28 * 30 - 2), "p")])
    assert lines_of_key(pages[0], "p") == 22
    first = [r for r in pages[0] if r.key == "p"]
    ys = sorted({r.y for r in first})
    assert (
        len({len(r.text) for r in first if r.y == ys[1]}) == 1
        and sum(len(r.text) for r in first if r.y == ys[1]) == 28
    )


def test_heading_alone_at_the_foot_moves_on():
    pages = lay([*fill(21), Para("heading1", "二、工作要求", "h"), Para("body", "丙" * 80, "b")])
    assert "h" not in keys_on(pages[0])
    assert keys_on(pages[1])[:2] == ["h", "b"]


def test_title_never_ends_a_page():
    pages = lay([*fill(20), Para("title", "关于印发某某方案的通知", "t"), Para("body", "丁" * 200, "b")])
    assert "t" not in keys_on(pages[0])
    assert keys_on(pages[1])[0] == "t"


def test_heading_keeps_two_lines_of_what_follows():
    pages = lay([*fill(19), Para("heading1", "二、工作要求", "h"), Para("body", "丙" * 200, "b")])
    # heading + 2 lines fit on page 1: exactly three lines left there
    assert keys_on(pages[0])[-2:] == ["h", "b"]
    assert lines_of_key(pages[0], "b") >= 2


def test_no_orphan_first_line_alone_at_the_foot():
    pages = lay([*fill(21), Para("body", "丙" * 130, "p")])
    assert "p" not in keys_on(pages[0])


def test_no_widow_last_line_alone_at_the_top():
    pages = lay([*fill(19), Para("body", "丙" * 110, "p")])  # four lines, three would fit
    assert lines_of_key(pages[1], "p") >= 2
    assert lines_of_key(pages[0], "p") >= 2


def test_signature_and_date_never_alone_on_a_page():
    body = Para("body", "丙" * 300, "p")  # 11 lines
    pages = lay(
        [*fill(11), body, Para("signature", "某某市人民政府", "s"), Para("date", "2018年3月14日", "d")]
    )
    last = pages[-1]
    assert {"s", "d"} <= set(keys_on(last))
    assert lines_of_key(last, "p") >= 2


def test_signature_is_centred_over_the_date():
    pages = lay(
        [
            Para("body", "丙" * 30, "p"),
            Para("signature", "某某市人民政府", "s"),
            Para("date", "2018年3月14日", "d"),
        ]
    )
    sig = [r for r in pages[0] if r.key == "s"][0]
    date = sorted((r for r in pages[0] if r.key == "d"), key=lambda r: r.x[0])
    right = TPL.margin_inner + TPL.type_width
    date_end = date[-1].x[-1] + 16
    assert right - date_end == pytest.approx(4 * 16, abs=0.5)  # date right-indented 4 em
    d_mid = (date[0].x[0] + date_end) / 2
    s_mid = (sig.x[0] + sig.x[-1] + 16) / 2
    assert s_mid == pytest.approx(d_mid, abs=0.5)


def test_table_splits_by_rows_and_repeats_its_header():
    rows = [(CellSpec("序号"), CellSpec("任务"), CellSpec("责任单位"))]
    rows += [
        (CellSpec(str(i)), CellSpec("完成某项工作任务" * 2), CellSpec("市政府办公室")) for i in range(60)
    ]
    pages = lay([Para("body", "丙" * 50, "p"), TableBlock(tuple(rows), header_rows=1, key="t")])
    assert len(pages) >= 2
    for page in pages[1:]:
        first = sorted((r for r in page if r.key == "t"), key=lambda r: (r.y, r.x[0]))[0]
        assert first.text == "序号"
    # every data row appears exactly once
    numbers = [r.text for page in pages for r in page if r.key == "t" and r.text.isdigit()]
    assert numbers == [str(i) for i in range(60)]


def test_merged_cells_span_their_rows_and_columns():
    rows = (
        (CellSpec("类别", rowspan=2), CellSpec("甲", colspan=2)),
        (CellSpec("乙"), CellSpec("丙")),
    )
    fl = layout_flow(Flow("d", (TableBlock(rows, key="t"),)), TPL, M)
    boxes = [it for it in fl.pages[0] if isinstance(it, Box)]
    rules = [it for it in fl.pages[0] if isinstance(it, Rule)]
    wide = max(boxes, key=lambda b: b.w)  # 甲, two columns wide
    below = [b for b in boxes if b.y > wide.y]  # 乙 and 丙
    assert len(boxes) == 3 and len(below) == 2
    assert wide.w == pytest.approx(sum(b.w for b in below))
    # 类别 is ruled row by row: its left edge runs down both rows without a break
    left = sorted((r for r in rules if r.x0 == r.x1 and r.x0 < wide.x - 1), key=lambda r: r.y0)
    assert left[0].y0 == pytest.approx(wide.y)
    assert left[-1].y1 == pytest.approx(below[0].y + below[0].h)
    assert not [r for r in rules if r.y0 == r.y1 and abs(r.y0 - below[0].y) < 0.01 and r.x1 <= wide.x + 0.01]


def test_a_merged_cell_taller_than_a_page_continues_and_is_ruled_shut_at_the_cut():
    rows = [(CellSpec("一、医疗质量", rowspan=50), CellSpec("指标0"), CellSpec("说明" * 20))]
    rows += [(CellSpec(f"指标{i}"), CellSpec("说明" * 20)) for i in range(1, 50)]
    fl = layout_flow(Flow("d", (TableBlock(tuple(rows), key="t"),)), TPL, M)
    assert len(fl.pages) >= 2
    bottom = TPL.margin_top + TPL.type_height
    for page in fl.pages:
        for it in page:
            if isinstance(it, Rule | Box):
                y1 = it.y1 if isinstance(it, Rule) else it.y + it.h
                assert y1 <= bottom + 0.01
    first_top = min(it.y0 for it in fl.pages[1] if isinstance(it, Rule) and it.y0 == it.y1)
    assert first_top == pytest.approx(TPL.margin_top)


def _png(w: int, h: int) -> bytes:
    def chunk(t: bytes, d: bytes) -> bytes:
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))

    raw = b"".join(b"\x00" + b"\xff" * (w * 3) for _ in range(h))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_image_is_sized_from_its_header_and_fits_the_type_area():
    data = _png(3000, 600)
    assert image_size(data) == (3000, 600)
    fl = layout_flow(Flow("d", (ImageBlock(data, key="i"),)), TPL, M)
    pic = [it for it in fl.pages[0] if isinstance(it, Picture)][0]
    assert pic.w == pytest.approx(TPL.type_width)
    assert pic.h == pytest.approx(TPL.type_width / 5)
    assert pic.key == "i"


def test_unbreakable_run_longer_than_a_page_is_cut_rather_than_lost():
    blocks = [Para("heading1", f"{i}、标题", ("h", i)) for i in range(40)]
    pages = lay(blocks)
    keys = [k for p in pages for k in keys_on(p)]
    assert keys == [("h", i) for i in range(40)]


def test_every_line_stays_inside_the_type_area():
    pages = lay([*fill(30), Para("body", "丙，丁。" * 200, "p")])
    bottom = TPL.margin_top + TPL.type_height
    for page in pages:
        for r in page:
            assert TPL.margin_top < r.y < bottom
            assert r.x[0] >= TPL.margin_inner - 0.01


def test_short_columns_keep_their_text_on_one_line():
    rows = [(CellSpec("序号"), CellSpec("说明"), CellSpec("层次"), CellSpec("有效期"))]
    rows += [
        (CellSpec(str(i)), CellSpec("很长的说明文字" * 6), CellSpec("本科"), CellSpec("2022年7月"))
        for i in range(3)
    ]
    pages = lay([TableBlock(tuple(rows), header_rows=1, key="t")])
    runs = [r for r in pages[0] if r.key == "t"]
    for text in ("本科", "2022年7月"):
        cells = [r for r in runs if r.text == text]
        assert len(cells) == 3, text  # whole on one line in every row
    # the long column wraps and takes the room that is left
    assert len({r.y for r in runs if r.text.startswith("很长") or "说明文字" in r.text}) > 3


def test_an_unreadable_image_is_marked_on_the_page_and_reported():
    fl = layout_flow(Flow("d", (ImageBlock(b"not an image", key="i"),)), TPL, M)
    text = "".join(r.text for r in fl.pages[0] if isinstance(r, GlyphRun))
    assert "图片无法识别" in text
    assert not [it for it in fl.pages[0] if isinstance(it, Picture)]
    assert len(fl.warnings) == 1 and "PNG" in fl.warnings[0].zh and "PNG" in fl.warnings[0].en


def test_gif_and_bmp_sizes_are_read():
    assert image_size(b"GIF89a" + struct.pack("<HH", 120, 80) + b"\x00" * 10) == (120, 80)
    assert image_size(b"BM" + b"\x00" * 16 + struct.pack("<ii", 64, -32) + b"\x00" * 8) == (64, 32)


def test_attachment_note_aligns_items_and_wrapped_lines_gbt9704():
    first = Para(
        "attachment", "附件：1.葫芦岛市土壤污染治理与修复规划重点项目清单及分年度实施计划汇总表", "a1"
    )
    second = Para("attachment", "2.葫芦岛市土壤污染治理与修复规划项目资金筹措方案", "a2")
    pages = lay([Para("body", "丙" * 40, "p"), first, second, Para("attachment", "附件", "m")])
    runs = sorted((r for r in pages[0] if r.key in ("a1", "a2", "m")), key=lambda r: (r.y, r.x[0]))
    a1 = [r for r in runs if r.key == "a1"]
    a2 = [r for r in runs if r.key == "a2"]
    left = TPL.margin_inner
    assert a1[0].x[0] == pytest.approx(left + 2 * 16)  # 附件： two em in
    one = a1[0].x[a1[0].text.index("1")]
    name = a1[0].x[a1[0].text.index("葫")]
    assert a1[1].x[0] == pytest.approx(name, abs=0.5)  # a wrapped line aligns with the name
    assert a2[0].x[0] == pytest.approx(one, abs=0.5)  # the second item aligns with the first
    mark = [r for r in runs if r.key == "m"][0]
    assert mark.x[0] == pytest.approx(left) and mark.face == a1[0].face  # flush left (grid font)


# --- keep chains (28 characters a line; a body paragraph's first line holds 26) ---


def run_in(marker: str, key, lines: int) -> Para:
    """A heading2 paragraph whose heading phrase is followed by body text: `lines` lines long."""
    return Para("heading2", marker + "实施水厂扩容改造工程。" + "新" * (28 * lines - 20), key)


def test_a_run_in_heading_fills_the_page_like_a_paragraph():
    # 17 lines, then a three-line run-in heading, another heading and its text: the run-in
    # paragraph fits and stays; only the next heading with two lines of its text moves on
    blocks = [*fill(17), run_in("（二）", "r", 3), Para("heading2", "（三）实施管网延伸更新工程。", "h")]
    blocks += [Para("body", "丙" * 120, "b")]
    pages = lay(blocks)
    assert lines_of_key(pages[0], "r") == 3
    assert keys_on(pages[0])[-1] == "r"
    assert keys_on(pages[1])[:2] == ["h", "b"]


def test_a_run_in_heading_keeps_its_first_two_lines_together():
    pages = lay([*fill(21), run_in("（二）", "r", 4), *fill(3, "g")])
    assert "r" not in keys_on(pages[0])  # one line of it would be an orphan
    pages = lay([*fill(20), run_in("（二）", "r", 4), *fill(3, "g")])
    assert lines_of_key(pages[0], "r") == 2 and lines_of_key(pages[1], "r") == 2


def test_a_heading_chain_moves_only_its_headings_and_two_lines():
    chain = [Para("heading1", "二、重点任务", "h1"), Para("heading2", "（一）实施水源保护提升工程。", "h2")]
    body = Para("body", "丙" * 26 * 6, "b")  # six lines
    pages = lay([*fill(19), *chain, body])  # three lines left: the chain needs four
    assert keys_on(pages[0])[-1] == ("f", 18)
    assert keys_on(pages[1])[:3] == ["h1", "h2", "b"]
    pages = lay([*fill(18), *chain, body])  # four lines left: exactly the chain's minimum
    assert keys_on(pages[0])[-3:] == ["h1", "h2", "b"]
    assert lines_of_key(pages[0], "b") == 2


def test_a_heading_keeps_two_lines_even_when_they_are_two_paragraphs():
    one_liners = [Para("body", "规划范围为葫芦岛市6个县（市）区。", ("o", i)) for i in range(3)]
    pages = lay([*fill(20), Para("heading2", "（四）规划范围与规划时段。", "h"), *one_liners])
    assert "h" not in keys_on(pages[0])  # heading + one line would end the page
    assert keys_on(pages[1])[:3] == ["h", ("o", 0), ("o", 1)]


def test_headings_each_over_one_line_do_not_chain_into_a_block():
    items = []
    for i in range(6):
        items += [
            Para("heading2", f"（{'一二三四五六'[i]}）工作事项。", ("h", i)),
            Para("body", "甲" * 20, ("t", i)),
        ]
    pages = lay([*fill(16), *items])  # six lines left: three heading + line pairs fit
    assert keys_on(pages[0])[-2:] == [("h", 2), ("t", 2)]
    assert keys_on(pages[1])[0] == ("h", 3)


def test_a_heading_that_only_wraps_stays_with_its_text():
    long_heading = Para(
        "heading1", "二、推进政府决策科学化民主化法治化提升政府决策水平和行政效率", "h"
    )  # 2 lines
    pages = lay([*fill(19), long_heading, Para("body", "丙" * 120, "b")])  # 3 left, needs 4
    assert "h" not in keys_on(pages[0])
    assert keys_on(pages[1])[:2] == ["h", "b"]


# --- forced line breaks ---


def test_paragraphs_of_a_table_cell_start_on_new_lines():
    rows = (
        (CellSpec("项目"), CellSpec("内容")),
        (CellSpec("北郊水厂"), CellSpec("新建一期工程\n日供水能力20万吨\n2027年建成")),
    )
    pages = lay([TableBlock(rows, header_rows=1, key="t")])
    runs = sorted((r for r in pages[0] if r.key == "t"), key=lambda r: (r.y, r.x[0]))
    texts = [r.text for r in runs]
    for piece in ("新建一期工程", "日供水能力20万吨", "2027年建成"):
        assert piece in texts  # each cell paragraph whole on a line of its own
    ys = [next(r.y for r in runs if r.text == p) for p in ("新建一期工程", "日供水能力20万吨", "2027年建成")]
    assert ys[0] < ys[1] < ys[2]
    # a column whose cells need no wrapping is centred: each cell paragraph on its own
    # (both end in a Han character, as wide as the table size)
    mids = [(r.x[0] + r.x[-1] + TPL.table_size) / 2 for r in runs if r.text in ("新建一期工程", "2027年建成")]
    assert mids[0] == pytest.approx(mids[1])


def test_a_soft_line_break_in_a_body_paragraph_ends_the_line_unjustified():
    text = "甲" * 30 + "\n" + "乙" * 5
    pages = lay([Para("body", text, "p")])
    runs = sorted((r for r in pages[0] if r.key == "p"), key=lambda r: r.y)
    assert [r.text for r in runs] == ["甲" * 26, "甲" * 4, "乙" * 5]
    left = TPL.margin_inner
    assert runs[1].x == tuple(left + 16 * k for k in range(4))  # not spread over the line
    assert runs[2].x[0] == pytest.approx(left)  # no first-line indent after the break


def test_what_counts_as_a_run_in_heading():
    from layout.pages import is_run_in_heading

    assert is_run_in_heading(Para("heading2", "（二）实施水厂扩容改造工程。新建北郊水厂一期工程"), 2)
    assert is_run_in_heading(Para("heading3", "1. 加强统筹：各地区要结合实际"), 2)
    assert not is_run_in_heading(Para("heading2", "（一）关于“十三五”规划实施情况的说明。”"), 2)
    assert not is_run_in_heading(Para("heading2", "（二）实施工程。新建"), 1)  # one line: a heading
    assert is_run_in_heading(Para("heading1", "二、" + "推进" * 40), 3)  # longer than any heading
    assert not is_run_in_heading(Para("title", "关于印发某方案的通知。附件"), 2)  # titles stay kept


def test_the_attachment_note_and_signature_take_body_lines_to_a_new_page():
    body = Para("body", "丙" * 26 * 5, "p")  # five lines
    tail = [
        Para("attachment", "附件：某某工作方案", "a"),
        Para("signature", "某某市人民政府", "s"),
        Para("date", "2018年3月14日", "d"),
    ]
    pages = lay([*fill(14), body, *tail])  # 3 lines left after the body: the tail needs more
    last = pages[-1]
    assert keys_on(last)[:2] == ["p", "a"] and {"s", "d"} <= set(keys_on(last))
    assert lines_of_key(last, "p") >= 2


def test_every_kind_of_line_break_in_a_cell_is_one_forced_break():
    rows = ((CellSpec("甲乙\r\n丙丁\v戊己\u2028庚辛"),),)
    pages = lay([TableBlock(rows, key="t")])
    assert [r.text for r in sorted((r for r in pages[0] if r.key == "t"), key=lambda r: r.y)] == [
        "甲乙",
        "丙丁",
        "戊己",
        "庚辛",
    ]


class KaiBook(GridBook):
    """The grid font, with a second face (same metrics) for the heading2 font role."""

    KAI = FaceRef("Kai", "/dev/null", 0, "Kai")

    def __init__(self) -> None:
        super().__init__()
        self.faces[self.KAI.id] = self.KAI

    def chain(self, role: str) -> list[FaceRef]:
        return [self.KAI] if role == "heading2" else [GRID_FACE]

    def face_for(self, role: str, ch: str) -> FaceRef | None:
        return self.chain(role)[0]


def test_a_run_in_heading_sets_its_phrase_in_the_heading_face_and_the_text_in_the_body_face():
    m = FontMeasure(KaiBook())
    blocks = [
        Para("heading2", "（一）指导思想。" + "坚持以人民为中心" * 6, "r"),
        Para("heading2", "（二）基本原则。", "h"),
        Para("heading2", "（三）总体要求。“十四五”时期", "q"),
    ]
    runs = [it for it in layout_flow(Flow("d", tuple(blocks)), TPL, m).pages[0] if isinstance(it, GlyphRun)]
    r = sorted((it for it in runs if it.key == "r"), key=lambda it: (it.y, it.x[0]))
    assert (r[0].text, r[0].face) == ("（一）指导思想。", "Kai")
    assert r[1].text.startswith("坚持") and {it.face for it in r[1:]} == {"Grid"}
    assert {it.face for it in runs if it.key == "h"} == {"Kai"}  # a heading alone keeps its face
    q = sorted((it for it in runs if it.key == "q"), key=lambda it: it.x[0])
    assert q[1].text.startswith("“") and q[1].face == "Grid"
    assert q[1].x[0] - q[0].x[-1] == pytest.approx(8)  # 。“ compressed across the change of face
