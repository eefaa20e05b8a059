"""Every real-world Word file in ../shared/corpus/docx either imports or fails with one line.

The corpus holds files from government offices, WPS and Word, and the malformed and hostile
files other projects keep as regression tests (see SOURCES.md there). No file may raise
anything but UserError, and none may be changed by importing it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from editor.docx_import import import_docx
from editor.errors import UserError
from editor.model import Role

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docx"
FILES = (
    sorted(p for p in CORPUS.glob("*") if p.suffix.lower() in (".docx", ".docm", ".dotx"))
    if CORPUS.is_dir()
    else []
)

pytestmark = pytest.mark.skipif(not FILES, reason="../shared/corpus/docx is not present")

# Files that must be refused (not a readable package) and the words their line must hold.
REFUSED = {
    "poi__bug53475-password-is-pass.docx": "密码",
    "poi__truncated62886.docx": "损坏",
    "poi__clusterfuzz-testcase-minimized-POIXWPFFuzzer-5564805011079168.docx": "损坏",
}


def _import(path: Path):
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        return import_docx(path, "d1")
    finally:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{path.name} was changed"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_imports_or_fails_with_one_line(path: Path):
    try:
        doc, files = _import(path)
    except UserError as e:
        for lang in ("zh", "en"):
            assert "\n" not in e.message(lang) and path.name in e.message(lang)
        assert path.name in REFUSED, f"{path.name} was refused: {e.zh}"
        assert REFUSED[path.name] in e.zh
        return
    assert path.name not in REFUSED
    assert doc.source is not None and files[doc.source.name] == path.read_bytes()
    for b in doc.blocks:
        if b.role == Role.IMAGE:
            assert b.image in files
        if b.role == Role.TABLE:
            assert b.table is not None and b.table.rows
    assert doc.report and all("\n" not in n.zh for n in doc.report)


def test_corpus_counts(capsys):
    imported, refused = [], []
    for path in FILES:
        try:
            _import(path)
            imported.append(path.name)
        except UserError as e:
            refused.append(f"{path.name}: {e.zh}")
    with capsys.disabled():
        print(
            f"\ndocx corpus: {len(FILES)} files, {len(imported)} imported, {len(refused)} refused with one line"
        )
        for line in refused:
            print("  refused", line)
    assert len(imported) + len(refused) == len(FILES)
    assert len(refused) == len(REFUSED)


def _doc(name: str):
    return import_docx(CORPUS / name, "d1")[0]


def test_real_government_document_structure():
    doc = _doc("simonxinw__大纲4：江西省人民政府外事办公室2022年招考外语类公务员考试大纲.docx")
    assert doc.title == "江西省人民政府外事办公室2022年招考外语类公务员考试大纲"
    assert [b.text for b in doc.blocks_of(Role.HEADING1)] == [
        "一、考试目的",
        "二、招考职位语种及开考比例",
        "三、考试安排",
        "四、专业考试",
    ]
    assert [(b.role, b.text) for b in doc.blocks[-2:]] == [
        (Role.SIGNATURE, "江西省人民政府外事办公室"),
        (Role.DATE, "2022年2月21日"),
    ]


def test_dangling_image_relationship_imports_with_warning():
    doc = _doc("simonxinw__大纲1：中央机关及其直属机构2022年度考试录用公务员公共科目笔试考试大纲.docx")
    assert doc.title == "中央机关及其直属机构2022年度考试录用公务员公共科目笔试考试大纲"
    assert any("图片 2 张在文件中缺失（如 NULL）" in n.zh for n in doc.report)
    assert len(doc.blocks_of(Role.TABLE)) == 1


def test_merged_cells_from_a_real_attachment():
    doc = _doc("simonxinw__附件： 2016年宜春市市直机关遴选公务员（参照管理单位工作人员）职位表.docx")
    assert doc.title == "2016年宜春市市直机关遴选公务员（参照管理单位工作人员）职位表"
    table = doc.blocks_of(Role.TABLE)[0].table
    header = [(c.text, c.colspan, c.rowspan) for c in table.rows[0]]
    assert header[0] == ("序号", 1, 2) and ("资格条件", 3, 1) in header
    assert [c.text for c in table.rows[1]] == ["专业", "最低学历", "其他条件"]
    assert table.column_count() == 11


def test_notes_text_boxes_and_strict():
    assert _doc("mammoth__footnotes.docx").footnotes == ["A tachyon walks into a bar.", "Fin."]
    assert _doc("mammoth__endnotes.docx").footnotes == ["A tachyon walks into a bar.", "Fin."]
    box = _doc("mammoth__text-box.docx")
    assert any("文本框 1 个" in n.zh for n in box.report)
    strict = _doc("mammoth__strict-format.docx")
    assert strict.blocks and any("严格 Open XML" in n.zh for n in strict.report)


def test_tracked_changes_and_hostile_entity():
    delins = _doc("poi__delins.docx")
    assert any("保留插入" in n.zh and "丢弃删除" in n.zh for n in delins.report)
    xxe = _doc("poi__ExternalEntityInText.docx")
    assert any("外部实体引用" in n.zh for n in xxe.report)


def test_macro_and_template_files_import_with_warning():
    assert any("宏" in n.zh for n in _doc("poi__45690.docm").report)
    template = _doc("mrered__template.dotx")
    assert any("模板" in n.zh for n in template.report)
    assert template.blocks_of(Role.HEADING1) and template.blocks_of(Role.HEADING4)


def test_floating_table_follows_its_caption():
    """WPS stores a floating table before the caption it hangs from; the page shows caption first."""
    doc = _doc("simonxinw__2022年通过普通高等学校师范类专业认证的专业名单.docx")
    assert doc.title == "2022年通过普通高等学校师范类专业认证的专业名单"
    kinds = [b.text if b.role != Role.TABLE else "TABLE" for b in doc.blocks]
    assert kinds == ["第三级认证", "TABLE", "第二级认证", "TABLE"]
    assert any("浮动表格 1 个" in n.zh for n in doc.report)
    assert doc.blocks[-1].table.header_rows == 1 and len(doc.blocks[-1].table.rows) == 382


def test_wps_official_document_template():
    """A WPS 公文 reference file (mc:AlternateContent, embedded fonts, heading styles)."""
    doc = _doc("leecaiy__reference.docx")
    assert doc.title == "关于规范公文格式标准的通知"
    assert doc.recipients == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
    assert [b.text[:2] for b in doc.blocks_of(Role.HEADING1)] == ["一、", "二、"]
    assert [(b.role, b.text) for b in doc.blocks[-2:]] == [
        (Role.SIGNATURE, "XXXX"),
        (Role.DATE, "2024年1月21日"),
    ]


def test_numbering_restarts_and_jumps_as_the_file_says():
    """poi's ComplexNumberedLists spells out in its text what Word shows: restarts, a jump to 10, carry-on."""
    texts = [b.text for b in _doc("poi__ComplexNumberedLists.docx").blocks]
    for expected in (
        "1. Restarted to 1 from 5",
        "2. Restarted @ 2",
        "10. Jump to new list at 10",
        "12. Carrying on @ 12",
    ):
        assert expected in texts
