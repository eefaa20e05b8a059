"""Inline formatting that carries meaning, from a Word file to the printed page.

5000m², 10⁸ and CO₂ are typed in Word as ordinary digits formatted superscript or subscript;
☑ is typed as R in Wingdings 2 (or þ in Wingdings) and α as a in Symbol. Flattened, they would
print 5000m2, 108, CO2, R and a: a different meaning. They survive the importer, the model,
the .gazette file, the layout and the PDF, where the raised and lowered digits are smaller
glyphs on a shifted baseline.
"""

from __future__ import annotations

import io

import pdfplumber

from editor.compose import build_book
from editor.docx_import import import_docx
from editor.issue_file import load_issue, save_issue
from editor.model import Block, Issue, Role, Section, shift_marks
from layout.pdf import write_pdf

from .docx_factory import GongwenDocx, add_runs

SUP, SUB = {"vert": "superscript"}, {"vert": "subscript"}
TEXT = "新建厂房5000m2，投资10 8元，减排CO2，已勾选☑，系数α为0.5。"


def _docx(tmp_path):
    g = GongwenDocx()
    g.title("关于建设项目的通知")
    g.para("各有关单位：", align="left")
    add_runs(
        g,
        [
            ("新建厂房5000m", {}),
            ("2", SUP),
            ("，投资10 ", {}),
            ("8", SUP),
            ("元，减排CO", {}),
            ("2", SUB),
            ("，已勾选", {}),
            ("R", {"font": "Wingdings 2"}),
            ("，系数", {}),
            ("a", {"font": "Symbol"}),
            ("为0.5。", {}),
        ],
    )
    return g.save(tmp_path / "marks.docx")


def _block(doc) -> Block:
    return next(b for b in doc.blocks if "5000m" in b.text)


def test_superscript_subscript_and_symbols_survive_import_file_and_pdf(tmp_path):
    doc, files = import_docx(_docx(tmp_path), "d1")
    b = _block(doc)
    assert b.text.replace(" ", "") == TEXT.replace(" ", "")  # ☑ and α, not R and a
    marked = {(b.text[s:e], k) for s, e, k in b.marks}
    assert marked == {("2", "sup"), ("8", "sup"), ("2", "sub")}
    assert b.text[b.marks[0][0] - 5 : b.marks[0][1]] == "5000m2"
    assert any("上标、下标" in n.zh for n in doc.report)

    issue = Issue(year=2019, number=1, sections=[Section("文件", [doc])], files=files)
    path = tmp_path / "issue.gazette"
    save_issue(issue, path)
    again = _block(load_issue(path).documents()[0])
    assert again.text == b.text and again.marks == b.marks

    pdf = write_pdf(build_book(issue))
    with pdfplumber.open(io.BytesIO(pdf)) as p:
        chars = [c for page in p.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    assert "☑" in text and "α" in text
    i = text.index("5000m2")
    body, sup = chars[i + 4], chars[i + 5]  # "m" and the raised "2"
    i = text.index("CO2")
    sub = chars[i + 2]
    size = round(body["size"], 1)
    assert round(sup["size"], 1) < size * 0.7 and round(sub["size"], 1) < size * 0.7
    # raised: its baseline sits about a third of the size above the line's; lowered: below it
    base = body["matrix"][5]  # PDF y of the baseline (upwards)
    assert 0.25 * size < sup["matrix"][5] - base < 0.45 * size
    assert 0.05 * size < chars[i]["matrix"][5] - sub["matrix"][5] < 0.25 * size
    eight = chars[text.index("108") + 2] if "108" in text else chars[text.index("10 8") + 3]
    assert eight["size"] < size * 0.7


def test_old_files_without_marks_still_load(tmp_path):
    doc = _block_doc()
    issue = Issue(year=2019, number=1, sections=[Section("文件", [doc])])
    path = tmp_path / "old.gazette"
    save_issue(issue, path)
    loaded = load_issue(path).documents()[0]
    assert loaded.blocks[0].marks == [] and loaded.blocks[0].text == "正文。"


def _block_doc():
    from editor.model import Document

    return Document(id="d1", title="标题", blocks=[Block(Role.PARAGRAPH, "正文。")])


def test_marks_move_with_edits():
    marks = [(9, 10, "sup"), (15, 16, "sub")]
    old = "新建厂房5000m2，减排CO2。"
    assert shift_marks(old, "新建的厂房5000m2，减排CO2。", marks) == [(10, 11, "sup"), (16, 17, "sub")]
    assert shift_marks(old, "新建厂房5000m2，减少排放CO2。", marks) == [(9, 10, "sup"), (17, 18, "sub")]
    assert shift_marks(old, "新建厂房5000m，减排CO2。", marks) == [(14, 15, "sub")]
