"""Heads and closings as offices really lay them out, through the real Word importer.

The red separator line pasted as a picture, a logo above the banner, a drawn line, empty
paragraphs, an old WordArt banner, the number only in the first page's header, signature
and date in a borderless table, symbol-font characters: each document still imports with
title, number, recipients, signature and date in their roles, and the report says what
was left out.
"""

from __future__ import annotations

from editor.docx_import import import_docx
from editor.model import Role

from .docx_factory import (
    GongwenDocx,
    add_picture_para,
    add_runs,
    add_shape_para,
    add_wordart_para,
    closing_table,
    first_page_header,
    red_line_png,
)

TITLE = "葫芦岛市人民政府关于加强城乡供水保障工作的通知"
RECIPIENTS = "各县（市）区人民政府，市政府各部门："


def _body(g: GongwenDocx, closing: bool = True, note: bool = True) -> None:
    g.para(RECIPIENTS, align="left")
    g.para("为做好城乡供水保障工作，现就有关事项通知如下：")
    g.heading("一、总体要求", 1)
    g.para("各地区要把供水保障摆在重要位置，明确责任分工。")
    if closing:
        g.signature("葫芦岛市人民政府")
        g.signature("2018年12月4日")
    if note:
        g.para("（此件公开发布）")


def _assert_roles(doc, number: str = "葫政发〔2018〕5号") -> None:
    assert doc.title == TITLE
    assert doc.number == number
    assert doc.recipients == RECIPIENTS
    assert [b.text for b in doc.blocks_of(Role.SIGNATURE)] == ["葫芦岛市人民政府"]
    assert [b.text for b in doc.blocks_of(Role.DATE)] == ["2018年12月4日"]
    assert doc.blocks_of(Role.HEADING1)


def test_red_line_picture_logo_shape_and_empty_paragraphs_in_the_head(tmp_path):
    g = GongwenDocx()
    add_picture_para(g, red_line_png(120, 120), 20)  # a logo above the banner
    g.banner("葫芦岛市人民政府文件")
    g.para("")
    g.para("葫政发〔2018〕5号", align="center")
    add_picture_para(g, red_line_png())  # the red separator as a picture
    add_shape_para(g)  # and as a drawn line
    g.para("")
    g.title(TITLE)
    _body(g)
    doc, files = import_docx(g.save(tmp_path / "head.docx"), "d1")
    _assert_roles(doc)
    assert doc.issuer == "葫芦岛市人民政府文件"
    assert not doc.blocks_of(Role.IMAGE) and not [k for k in files if k.startswith("media/")]
    assert any("版头中的图片 2 张" in n.zh for n in doc.report)


def test_old_wordart_banner_is_read_as_the_banner(tmp_path):
    g = GongwenDocx()
    add_wordart_para(g, "葫芦岛市人民政府文件")
    g.para("葫政发〔2018〕5号", align="center")
    g.title(TITLE)
    _body(g)
    doc, _ = import_docx(g.save(tmp_path / "wordart.docx"), "d1")
    _assert_roles(doc)
    assert doc.issuer == "葫芦岛市人民政府文件"
    assert any("艺术字 1 个" in n.zh for n in doc.report)


def test_number_only_in_the_first_page_header(tmp_path):
    g = GongwenDocx()
    first_page_header(g, "葫政发〔2018〕5号")
    g.header("葫芦岛市人民政府")  # the other pages' header: quoted in the report, not the number
    g.title(TITLE)
    _body(g)
    doc, _ = import_docx(g.save(tmp_path / "header.docx"), "d1")
    _assert_roles(doc)
    report = "\n".join(n.zh for n in doc.report)
    assert "取自首页页眉" in report and "“葫芦岛市人民政府”" in report


def test_signature_and_date_in_a_borderless_table(tmp_path):
    g = GongwenDocx()
    g.banner("葫芦岛市人民政府文件")
    g.para("葫政发〔2018〕5号", align="center")
    g.title(TITLE)
    _body(g, closing=False, note=False)
    closing_table(g, "葫芦岛市人民政府", "2018年12月4日")
    g.para("（此件公开发布）")
    doc, _ = import_docx(g.save(tmp_path / "table.docx"), "d1")
    assert [b.text for b in doc.blocks_of(Role.SIGNATURE)] == ["葫芦岛市人民政府"]
    assert [b.text for b in doc.blocks_of(Role.DATE)] == ["2018年12月4日"]
    assert not doc.blocks_of(Role.TABLE)
    assert [b.text for b in doc.blocks_of(Role.NOTE)] == ["（此件公开发布）"]
    assert any("署名和日期位于表格中" in n.zh for n in doc.report)


def test_symbol_fonts_and_bullets_print_their_meaning(tmp_path):
    g = GongwenDocx()
    g.title(TITLE)
    g.para(RECIPIENTS, align="left")
    add_runs(g, [("符合条件的请勾选", {}), ("R", {"font": "Wingdings 2"}), ("þ", {"font": "Wingdings"}),
                 ("，系数", {}), ("a", {"font": "Symbol"}), ("取0.5。", {})])  # fmt: skip
    doc, _ = import_docx(g.save(tmp_path / "symbols.docx"), "d1")
    text = "".join(b.text for b in doc.blocks)
    assert "勾选☑☑，系数α取0.5。" in text
    assert any("Symbol/Wingdings" in n.zh for n in doc.report)


def test_closing_in_a_text_box_and_a_picture_in_a_text_box(tmp_path):
    from .docx_factory import add_text_box

    g = GongwenDocx()
    g.banner("葫芦岛市人民政府文件")
    g.para("葫政发〔2018〕5号", align="center")
    g.title(TITLE)
    g.para(RECIPIENTS, align="left")
    g.para("为做好城乡供水保障工作，现就有关事项通知如下：")
    add_text_box(g, [], red_line_png(200, 100))  # a figure set in a text box
    g.para("各地区要把供水保障摆在重要位置，明确责任分工。")
    add_text_box(g, ["葫芦岛市人民政府", "2018年12月4日"], align="right")
    doc, files = import_docx(g.save(tmp_path / "boxes.docx"), "d1")
    assert [b.text for b in doc.blocks_of(Role.SIGNATURE)] == ["葫芦岛市人民政府"]
    assert [b.text for b in doc.blocks_of(Role.DATE)] == ["2018年12月4日"]
    images = doc.blocks_of(Role.IMAGE)
    assert len(images) == 1 and images[0].image in files


def test_bullets_keep_their_glyph(tmp_path):
    g = GongwenDocx()
    g.title(TITLE)
    g.para(RECIPIENTS, align="left")
    num = g.numbering([("bullet", "o")])
    g.numbered("第一项内容。", num)
    doc, _ = import_docx(g.save(tmp_path / "bullets.docx"), "d1")
    assert any(b.text.startswith("◦") for b in doc.blocks), [b.text for b in doc.blocks]


def test_report_quotes_what_was_dropped(tmp_path):
    g = GongwenDocx()
    g.title(TITLE)
    g.para(RECIPIENTS, align="left")
    p = g.para("各地区要把供水保障摆在重要位置。")
    g.hidden(p, "内部说明不公开")
    g.doc.add_comment(p.runs, text="请核对此句", author="审核人")
    g.footer()
    g.header("内部页眉文字")
    doc, _ = import_docx(g.save(tmp_path / "dropped.docx"), "d1")
    report = "\n".join(n.zh for n in doc.report)
    assert "“内部说明不公开”" in report  # hidden text, quoted
    assert "“请核对此句”" in report  # the comment's words
    assert "“内部页眉文字”" in report and "“— 1 —”" in report  # header and footer
