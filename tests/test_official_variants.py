"""Wrong forms of the parts of a 公文, pushed through the real importers (.docx and .txt).

One test per row of the table of variants in docs/official.md: each form is recognised as
the part it is, kept as written, named by the checks with its fix, and the fix gives the
right text. The .docx files are written the way offices make them (tests/docx_factory.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from editor import checks
from editor.docx_import import import_docx
from editor.importing import import_document
from editor.model import Issue, Role, Section
from tests.docx_factory import GongwenDocx


@dataclass(frozen=True)
class Variant:
    part: str  # "number", "date", "heading", "recipients"
    written: str
    fixed: str  # what the fix makes of the part; == written: correct, no finding expected
    check: str = ""  # the finding's check name


# Every row also appears in docs/official.md ("Variants the recogniser accepts").
VARIANTS = {
    "number-square": Variant("number", "国办发[2018]15号", "国办发〔2018〕15号", "doc-number-brackets"),
    "number-lenticular": Variant(
        "number", "国办发【2018】109号", "国办发〔2018〕109号", "doc-number-brackets"
    ),
    "number-fullwidth-paren": Variant("number", "国发（2019）4号", "国发〔2019〕4号", "doc-number-brackets"),
    "number-halfwidth-paren": Variant("number", "国发(2019)4号", "国发〔2019〕4号", "doc-number-brackets"),
    "number-fullwidth-square": Variant(
        "number", "国办函［2018］7号", "国办函〔2018〕7号", "doc-number-brackets"
    ),
    "number-di": Variant("number", "国办发〔2018〕第109号", "国办发〔2018〕109号", "doc-number-di"),
    "number-zero": Variant("number", "国办发〔2018〕015号", "国办发〔2018〕15号", "doc-number-zero"),
    "number-no-hao": Variant("number", "葫政发〔2018〕5", "葫政发〔2018〕5号", "doc-number-format"),
    "number-fullwidth-digits": Variant(
        "number", "国办发〔２０１８〕１５号", "国办发〔2018〕15号", "doc-number-digits"
    ),
    "number-spaces": Variant("number", "国办发 〔2018〕 15号", "国办发〔2018〕15号", "doc-number-format"),
    "number-right": Variant("number", "国办发明电〔2018〕12号", "国办发明电〔2018〕12号"),
    "date-dots": Variant("date", "2018.12.4", "2018年12月4日", "date-format"),
    "date-slashes": Variant("date", "2018/11/19", "2018年11月19日", "date-format"),
    "date-dashes": Variant("date", "2018-10-27", "2018年10月27日", "date-format"),
    "date-zero-padded": Variant("date", "2018年03月04日", "2018年3月4日", "date-format"),
    "date-no-ri": Variant("date", "2018年12月4", "2018年12月4日", "date-format"),
    "date-fullwidth": Variant("date", "２０１８年１２月４日", "2018年12月4日", "date-format"),
    "date-chinese-after-2012": Variant("date", "二〇一八年十二月四日", "2018年12月4日", "date-format"),
    "date-chinese-before-2012": Variant("date", "二〇一一年十二月三十日", "二〇一一年十二月三十日"),
    "date-chinese-zero-letter": Variant("date", "二OO九年五月六日", "二〇〇九年五月六日", "date-format"),
    "date-right": Variant("date", "2018年12月4日", "2018年12月4日"),
    "heading1-dot": Variant("heading", "一.总体要求", "一、总体要求", "heading-marker"),
    "heading1-comma": Variant("heading", "一，总体要求", "一、总体要求", "heading-marker"),
    "heading2-halfwidth": Variant("heading", "(一)加强组织领导。", "（一）加强组织领导。", "punct-halfwidth"),
    "heading2-mixed": Variant("heading", "（一)加强组织领导。", "（一）加强组织领导。", "heading-marker"),
    "recipients-colon": Variant(
        "recipients", "各省、自治区、直辖市人民政府:", "各省、自治区、直辖市人民政府：", "punct-halfwidth"
    ),
}

NUMBER = "国办发〔2018〕15号"
DATE = "2018年12月4日"
RECIPIENTS = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
BODY = [
    "为做好城乡供水保障工作，经国务院同意，现就有关事项通知如下：",
    "一、总体要求",
    "（一）加强组织领导。各地区要把供水保障摆在重要位置，明确责任分工。",
    "（二）强化资金保障。各级财政要统筹安排资金，支持供水设施建设。",
    "二、保障措施",
    "（一）严格督查考核。将供水保障工作纳入年度目标责任考核。",
    "（二）加强宣传引导。及时回应社会关切，营造良好氛围。",
]


def _parts(v: Variant) -> tuple[str, str, str, list[str]]:
    number = v.written if v.part == "number" else NUMBER
    date = v.written if v.part == "date" else DATE
    recipients = v.written if v.part == "recipients" else RECIPIENTS
    body = list(BODY)
    if v.part == "heading":
        k = 1 if v.written.startswith("一") else 2
        body[k] = v.written + ("" if k == 1 else "各地区要把供水保障摆在重要位置，明确责任分工。")
    return number, date, recipients, body


def _docx(v: Variant, path: Path) -> Path:
    number, date, recipients, body = _parts(v)
    g = GongwenDocx()
    g.banner("国务院办公厅文件")
    g.para(number, align="center")
    g.title("国务院办公厅关于做好城乡供水保障工作的通知")
    g.para(recipients, align="left")
    for line in body:
        if line.startswith(("一", "二")) and len(line) < 12:
            g.heading(line, 1)
        else:
            g.para(line)
    g.signature("国务院办公厅")
    g.signature(date)
    g.para("（此件公开发布）")
    g.footer()
    return g.save(path)


def _txt(v: Variant, path: Path) -> Path:
    number, date, recipients, body = _parts(v)
    lines = [number, "国务院办公厅关于做好城乡供水保障工作的通知", recipients, *body, "国务院办公厅", date]
    path.write_text("\n".join(lines) + "\n（此件公开发布）\n", encoding="utf-8")
    return path


def _part_text(doc, v: Variant) -> tuple[str, int | None]:
    """The text of the variant's part in the imported document, and its block index."""
    if v.part in ("number", "recipients"):
        return getattr(doc, v.part), None
    role = Role.DATE if v.part == "date" else None
    for i, b in enumerate(doc.blocks):
        if (role and b.role == role) or (not role and b.text.startswith(v.written[:3])):
            return b.text, i
    raise AssertionError(f"{v.part} not found: {[(b.role, b.text) for b in doc.blocks]}")


@pytest.mark.parametrize("kind", ["docx", "txt"])
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant(tmp_path, name, kind):
    v = VARIANTS[name]
    if kind == "docx":
        doc, _ = import_docx(_docx(v, tmp_path / f"{name}.docx"), "d1")
    else:
        doc, _ = import_document(_txt(v, tmp_path / f"{name}.txt"), "d1")
    # recognised as the part it is, kept as written
    text, block = _part_text(doc, v)
    assert text == v.written or (v.part == "heading" and text.startswith(v.written))
    if v.part == "date":
        assert doc.blocks[block].role == Role.DATE
        assert doc.blocks[block - 1].role == Role.SIGNATURE
    if v.part == "heading":
        assert doc.blocks[block].role in (Role.HEADING1, Role.HEADING2)
    assert doc.title == "国务院办公厅关于做好城乡供水保障工作的通知"
    issue = Issue(year=2019, number=1, sections=[Section("国务院文件", [doc])])
    found = [
        f
        for f in checks.check_content(issue)
        if f.location.part == ("block" if block is not None else v.part) and f.location.block == block
    ]
    if v.fixed == v.written:  # the right form: nothing to say about it
        assert not found, [f.zh for f in found]
        return
    named = [f for f in found if f.check == v.check and f.fix is not None]
    assert named, [(f.check, f.zh) for f in found]
    # the fixes offered for this part, applied in turn, give the right text
    for f in named[:1] + [f for f in found if f.fix is not None and f not in named[:1]]:
        f.fix.apply(issue)
    text, _ = _part_text(doc, Variant(v.part, v.fixed[:3] if v.part == "heading" else v.fixed, v.fixed))
    assert text == v.fixed or (v.part == "heading" and text.startswith(v.fixed))
    assert not [
        f
        for f in checks.check_content(issue)
        if f.location.part == (named[0].location.part) and f.location.block == block
    ], "the fixed text is clean"


def test_checks_read_table_cells_and_fix_them_in_place(tmp_path):
    """A table cell is printed text: its mistakes are named at the cell and the fix lands there."""
    path = tmp_path / "table.txt"
    lines = [NUMBER, "国务院办公厅关于做好城乡供水保障工作的通知", RECIPIENTS, BODY[0]]
    lines += ["[表格开始]", "| 单位 | 任务 |", "| 市水务局(牵头) | 完成水厂改造 |", "[表格结束]"]
    lines += ["国务院办公厅", DATE]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc, _ = import_document(path, "d1")
    issue = Issue(year=2019, number=1, sections=[Section("国务院文件", [doc])])
    found = [f for f in checks.check_content(issue) if f.location.part == "cell"]
    assert [(f.check, f.location.cell) for f in found] == [("punct-halfwidth", (1, 0))]
    assert "表格第2行第1格" in found[0].location.describe()
    found[0].fix.apply(issue)
    table = next(b for b in doc.blocks if b.role == Role.TABLE).table
    assert table.rows[1][0].text == "市水务局（牵头）"
