"""Punctuation set as GB/T 15834 and clreq ask, measured in the written PDF with pdfplumber:
the 破折号 —— one unbroken two-em stroke in every face the templates name, the 省略号 ……
two centred ems, a line-start opening bracket without its leading blank."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from layout.blocks import Flow, Front, Para, Publication, TocEntry, TocGroup
from layout.engine import LayoutCache, typeset
from layout.pdf import write_pdf
from layout.template import load_template

ROLES = ["body", "title", "heading1", "heading2", "toc-entry"]  # body 仿宋, 小标宋, 黑体, 楷体, 宋体 chains


def build(template: str):
    tpl = load_template(template)
    blocks = tuple(
        Para(role if role != "toc-entry" else "body", f"工程——都市果园……城乡{i}", (role, 0))
        for i, role in enumerate(ROLES[:-1])
    )
    front = Front(
        "测试公报", "", "2026年第1期", "", (TocGroup("文件", (TocEntry("工程——都市果园", "", "f"),)),)
    )
    pub = Publication("t", "s", "a", "测试公报", front, (Flow("f", blocks),))
    book = typeset(pub, tpl, cache=LayoutCache())
    return tpl, pdfplumber.open(io.BytesIO(write_pdf(book)))


@pytest.mark.parametrize("template", ["gazette-a4", "gbt9704"])
def test_two_em_dash_is_one_unbroken_two_em_stroke_in_every_face(template):
    tpl, pdf = build(template)
    seen = set()
    with pdf:
        for page in pdf.pages:
            chars = page.chars
            for k in range(len(chars) - 1):
                a, b = chars[k], chars[k + 1]
                if a["text"] != "—" or b["text"] != "—":
                    continue
                size = a["size"]
                rules = [
                    ln
                    for ln in page.lines
                    if a["top"] - 2 <= ln["top"] <= a["bottom"] + 2
                    and ln["x0"] <= a["x0"] + 0.01 + size
                    and ln["x1"] >= b["x0"]
                ]
                assert len(rules) == 1, (template, a["fontname"])  # one stroke: no gap
                rule = rules[0]
                assert (rule["x1"] - rule["x0"]) / size == pytest.approx(2.0, abs=0.02), a["fontname"]
                # both dashes lie inside the stroke's two ems
                assert rule["x0"] - 0.01 <= a["x0"] and b["x1"] <= rule["x1"] + 0.01
                assert 0.02 * size < rule["linewidth"] < 0.12 * size
                # the text after the dash starts exactly two ems after the dash's start
                assert chars[k + 2]["x0"] - rule["x0"] == pytest.approx(2 * size, abs=0.02 * size)
                seen.add(a["fontname"].split("+")[-1])
    faces = {tpl.fonts[tpl.style(r).font][0] for r in ROLES}
    assert len(seen) >= 4, (seen, faces)  # 仿宋/宋 body, bold title, 黑体 and 楷体 stand-ins


@pytest.mark.parametrize("template", ["gazette-a4", "gbt9704"])
def test_ellipsis_takes_two_ems_with_each_group_centred(template):
    _, pdf = build(template)
    with pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    for k in range(len(chars) - 3):
        a, b = chars[k], chars[k + 1]
        if a["text"] == "园" and b["text"] == "…":
            size = a["size"]
            start = a["x1"]
            after = chars[k + 3]
            assert after["x0"] - start == pytest.approx(2 * size, abs=0.02 * size)
            # each … centred in its own em
            for j, c in enumerate((b, chars[k + 2])):
                centre = (c["x0"] + c["x1"]) / 2
                assert centre - start == pytest.approx((j + 0.5) * size, abs=0.02 * size)
