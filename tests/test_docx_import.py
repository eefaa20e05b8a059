"""Word import of realistic 公文 files: roles and texts recognised exactly, report honest."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from editor.docx_import import import_docx
from editor.docx_reader import chinese_counting, format_number
from editor.errors import UserError
from editor.model import Role

from .docx_factory import BODY_FONT, GongwenDocx


def roles(doc) -> list[tuple[str, str]]:
    return [(b.role.value, b.text) for b in doc.blocks if b.role not in (Role.TABLE, Role.IMAGE)]


def build_notice() -> GongwenDocx:
    """A 通知 as the office receives it: direct formatting, banner in a table, Word numbering."""
    g = GongwenDocx()
    g.banner_table("葫 芦 岛 市 人 民 政 府 文 件", "葫政发〔2018〕4号")
    g.para()
    g.title("葫芦岛市人民政府关于明确环境保护税", "市与县分享体制的通知")
    g.para()
    g.para("各县（市）区人民政府，市政府有关部门：")
    p = g.para("　　为做好环境保护税征收管理工作，经市政府同意，现将有关事项通知如下")
    g.insert(p, "：")
    g.delete(p, "。（删去的旧句）")
    g.hidden(p, "内部说明不公开")
    numbers = g.numbering([("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    g.numbered("分享比例", numbers, 0, font="黑体")
    g.numbered("市与县按三比七分享。", numbers, 1, font="楷体_GB2312")
    g.numbered("征收管理", numbers, 0, font="黑体")
    g.runs([("（一）", "楷体_GB2312"), ("税务部门负责征收。", "楷体_GB2312")])
    g.runs(
        [
            ("（二）", "楷体_GB2312"),
            ("资金入库。", "楷体_GB2312"),
            ("按规定及时足额缴入国库，不得截留挪用，确保资金安全。", BODY_FONT),
        ]
    )
    g.para("1．各县（市）区要加强协调。")
    g.para("（1）按月对账。")
    g.table(
        [["地区", "分享比例", ""], ["", "市级", "县级"], ["连山区", "30%", "70%"]],
        merges=[(0, 0, 1, 0), (0, 1, 0, 2)],
    )
    p = g.para("本通知自印发之日起施行，页码见第")
    g.field(p, "PAGE", "3")
    p.add_run("页。")
    g.para("附件：1．环境保护税分享明细表")
    g.para("　　　2．征收管理流程")
    g.para()
    g.signature("葫芦岛市人民政府")
    g.signature("二〇一八年三月十四日")
    g.para("（此件公开发布）")
    g.para("抄送：市委各部门，市人大常委会办公室。", align="left")
    g.para("葫芦岛市人民政府办公室　　　　2018年3月14日印发", align="left")
    g.footer("— 1 —")
    g.header("内部页眉")
    return g


def test_realistic_notice_roles_and_texts(tmp_path):
    path = build_notice().save(tmp_path / "通知.docx")
    doc, files = import_docx(path, "d3")
    assert doc.issuer == "葫芦岛市人民政府文件"
    assert doc.number == "葫政发〔2018〕4号"
    assert doc.title == "葫芦岛市人民政府关于明确环境保护税市与县分享体制的通知"
    assert doc.recipients == "各县（市）区人民政府，市政府有关部门："
    assert roles(doc) == [
        ("paragraph", "为做好环境保护税征收管理工作，经市政府同意，现将有关事项通知如下："),
        ("heading1", "一、分享比例"),
        ("heading2", "（一）市与县按三比七分享。"),
        ("heading1", "二、征收管理"),
        ("heading2", "（一）税务部门负责征收。"),
        ("heading2", "（二）资金入库。按规定及时足额缴入国库，不得截留挪用，确保资金安全。"),
        ("heading3", "1．各县（市）区要加强协调。"),
        ("heading4", "（1）按月对账。"),
        ("paragraph", "本通知自印发之日起施行，页码见第页。"),
        ("attachment", "附件：1．环境保护税分享明细表"),
        ("attachment", "2．征收管理流程"),
        ("signature", "葫芦岛市人民政府"),
        ("date", "二〇一八年三月十四日"),
        ("note", "（此件公开发布）"),
    ]
    tables = doc.blocks_of(Role.TABLE)
    assert len(tables) == 1
    rows = [[(c.text, c.colspan, c.rowspan) for c in row] for row in tables[0].table.rows]
    assert rows == [
        [("地区", 1, 2), ("分享比例", 2, 1)],
        [("市级", 1, 1), ("县级", 1, 1)],
        [("连山区", 1, 1), ("30%", 1, 1), ("70%", 1, 1)],
    ]
    assert tables[0].table.header_rows == 1
    assert doc.source.name == "sources/d3-通知.docx" and doc.source.kind == "docx"
    assert files == {"sources/d3-通知.docx": path.read_bytes()}
    report = "\n".join(n.zh for n in doc.report)
    assert "保留插入 1 处，丢弃删除 1 处" in report
    assert "隐藏文字 7 字未导入" in report
    assert "版记已识别，未放入正文：抄送：市委各部门，市人大常委会办公室；" in report  # left out of the body
    assert "PAGE 1" in report
    assert "页眉/页脚 2 个未导入" in report
    assert "发文字号“葫政发〔2018〕4号”" in report and "成文日期“二〇一八年三月十四日”" in report
    assert "一级 2、二级 3、三级 1、四级 1，表格 1" in report
    assert "内部页眉" not in "".join(b.text for b in doc.blocks)


def test_styles_soft_breaks_and_attached_document(tmp_path):
    """A 印发 notice: heading styles, a title with a line break, the attached document after the date."""
    g = GongwenDocx()
    g.banner("葫芦岛市人民政府办公室文件")
    g.para("葫政办发〔2018〕10号", align="center")
    g.soft_break_para("葫芦岛市人民政府办公室关于印发", "任务分解方案的通知", align="center")
    g.doc.paragraphs[-1].runs[0].font.size = g.doc.paragraphs[-1].runs[-1].font.size = 22 * 12700
    g.para("各县（市）区人民政府：")
    g.para("现将《任务分解方案》印发给你们，请认真贯彻落实。")
    g.signature("葫芦岛市人民政府办公室")
    g.signature("2018年2月26日")
    g.para("（此件公开发布）")
    g.page_break()
    g.title("任务分解方案")
    g.styled_heading("总体要求", 1)
    g.para("坚持目标导向。")
    g.styled_heading("一、重点任务", 2)
    g.soft_break_para("第一行内容。", "第二行内容。")
    doc, _ = import_docx(g.save(tmp_path / "印发.docx"), "d1")
    assert doc.issuer == "葫芦岛市人民政府办公室文件"
    assert doc.number == "葫政办发〔2018〕10号"
    assert doc.title == "葫芦岛市人民政府办公室关于印发任务分解方案的通知"
    assert roles(doc) == [
        ("paragraph", "现将《任务分解方案》印发给你们，请认真贯彻落实。"),
        ("signature", "葫芦岛市人民政府办公室"),
        ("date", "2018年2月26日"),
        ("note", "（此件公开发布）"),
        ("attachment-title", "任务分解方案"),
        ("heading1", "总体要求"),
        ("paragraph", "坚持目标导向。"),
        ("heading1", "一、重点任务"),  # the pattern decides the level when a style says otherwise
        ("paragraph", "第一行内容。"),
        ("paragraph", "第二行内容。"),
    ]
    assert any("分页符 1 个" in n.zh for n in doc.report)


def test_word_numbering_restarts_and_overrides(tmp_path):
    g = GongwenDocx()
    g.title("关于测试编号的通知")
    n = g.numbering([("chineseCounting", "%1、"), ("decimal", "%2."), ("decimalEnclosedCircle", "%3")])
    for k in range(1, 12):
        g.numbered(f"第{k}项", n, 0)
    g.numbered("子项", n, 1)
    g.numbered("子项", n, 1)
    g.numbered("第12项", n, 0)
    g.numbered("子项", n, 1)  # a new level-0 item restarts level 1
    g.numbered("圈", n, 2)
    again = g.numbering([], restart_of=n)  # same list, restarted
    g.numbered("重新开始", again, 0)
    chapter = g.numbering([("chineseCounting", "第%1章　")])
    g.numbered("总则", chapter, 0)
    g.numbered("附则", chapter, 0)
    doc, _ = import_docx(g.save(tmp_path / "n.docx"), "d1")
    texts = [b.text for b in doc.blocks]
    assert texts[:11] == [f"{chinese_counting(k)}、第{k}项" for k in range(1, 12)]
    assert texts[10] == "十一、第11项"
    assert texts[11:16] == ["1.子项", "2.子项", "十二、第12项", "1.子项", "①圈"]
    assert texts[16] == "一、重新开始"
    assert texts[17:] == ["第一章　总则", "第二章　附则"]
    assert doc.blocks[0].role == Role.HEADING1


def test_number_formats():
    assert [chinese_counting(n) for n in (1, 10, 11, 20, 21, 99, 100, 101, 110, 1000, 1001)] == [
        "一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十", "一千", "一千零一",
    ]  # fmt: skip
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(12, "chineseLegalSimplified") == "壹拾贰"
    assert format_number(7, "decimalFullWidth") == "７"


def test_fields_keep_result_but_toc_dropped(tmp_path):
    g = GongwenDocx()
    p = g.para("目录项")
    g.field(p, 'TOC \\o "1-3"', "一、总则……1")
    p = g.para("详见")
    g.field(p, 'HYPERLINK "http://example.org"', "市政府网站")
    p.add_run("。").font.size = g.doc.paragraphs[0].runs[0].font.size
    doc, _ = import_docx(g.save(tmp_path / "f.docx"), "d1")
    assert [b.text for b in doc.blocks] == ["目录项", "详见市政府网站。"]
    assert any("1 个保留显示的结果文字" in n.zh and "TOC 1" in n.zh for n in doc.report)


def test_import_writes_nothing_and_keeps_source(tmp_path):
    path = build_notice().save(tmp_path / "a.docx")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    listing = sorted(p.name for p in tmp_path.iterdir())
    import_docx(path, "d1")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


# ---- bad input -------------------------------------------------------------------------
def one_line(err: UserError, name: str) -> str:
    for lang in ("zh", "en"):
        msg = err.message(lang)
        assert "\n" not in msg and name in msg
    return err.message("zh")


@pytest.mark.parametrize(
    "name, data, expect",
    [
        ("旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word 97-2003"),
        ("加密.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "密码"),
        (
            "改名.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le"),
            "Word 97-2003",
        ),
        ("旧.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".wps"),
        ("空.docx", b"", "空的"),
        ("坏.docx", b"PK\x03\x04" + b"\x00" * 100, "损坏"),
        ("文本.docx", "这不是Word文件".encode() * 20, "损坏"),
        ("格式.docx", b"{\\rtf1\\ansi hello}", "RTF"),
    ],
)
def test_bad_files_give_one_line(tmp_path, name, data, expect):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UserError) as e:
        import_docx(path, "d1")
    msg = one_line(e.value, name)
    assert expect in msg
    assert "另存为" in msg or "重新获取" in msg or "取消密码" in msg


def test_truncated_docx(tmp_path):
    raw = build_notice().to_bytes()
    path = tmp_path / "截断.docx"
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(UserError) as e:
        import_docx(path, "d1")
    assert "损坏或不完整" in one_line(e.value, "截断.docx")


def test_zip_bomb_refused_before_inflating(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (30 * 1024 * 1024))
    path = tmp_path / "炸弹.docx"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 200_000
    with pytest.raises(UserError) as e:
        import_docx(path, "d1")
    assert "大得异常" in one_line(e.value, "炸弹.docx")


def test_external_entity_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    raw = build_notice().to_bytes()
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, rest = data.split(b"?>", 1)
                data = (
                    head
                    + b'?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "'
                    + secret.as_uri().encode()
                    + b'">]>'
                    + rest
                )
                data = data.replace("市政府有关部门".encode(), "市政府有关部门&xxe;".encode(), 1)
            z.writestr(info.filename, data)
    path = tmp_path / "实体.docx"
    path.write_bytes(out.getvalue())
    doc, _ = import_docx(path, "d1")
    everything = doc.recipients + "".join(b.text for b in doc.blocks) + "".join(n.zh for n in doc.report)
    assert "TOP-SECRET" not in everything
    assert doc.recipients == "各县（市）区人民政府，市政府有关部门："
    assert any("外部实体引用" in n.zh for n in doc.report)


def test_missing_image_part_imports_with_warning(tmp_path):
    g = GongwenDocx()
    g.para("正文。")
    raw = g.to_bytes()
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/image" Target="../NULL"/></Relationships>',
                )
            if info.filename == "word/document.xml":
                pic = (
                    b'<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
                    b'wordprocessingDrawing"><wp:extent cx="3600000" cy="100"/><a:graphic xmlns:a="http://schemas.'
                    b'openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/'
                    b'drawingml/2006/picture"><a:blip r:embed="rIdX"/></a:graphicData></a:graphic></wp:inline>'
                    b"</w:drawing></w:r></w:p>"
                )
                data = data.replace(b"<w:sectPr", pic + b"<w:sectPr", 1)
            z.writestr(info.filename, data)
    path = tmp_path / "缺图.docx"
    path.write_bytes(out.getvalue())
    doc, files = import_docx(path, "d1")
    assert [b.text for b in doc.blocks] == ["正文。"]
    assert any("图片 1 张在文件中缺失（如 NULL）" in n.zh for n in doc.report)
    assert list(files) == ["sources/d1-缺图.docx"]


def test_inline_image_stored_under_media_name(tmp_path):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 0, 0)).save(buf, "PNG")
    png = buf.getvalue()
    img = tmp_path / "dot.png"
    img.write_bytes(png)
    g = GongwenDocx()
    g.para("图示如下：")
    g.doc.add_picture(str(img), width=50 * 36000)
    g.para("图后文字。")
    doc, files = import_docx(g.save(tmp_path / "图.docx"), "d2")
    assert [(b.role.value, b.text or b.image) for b in doc.blocks] == [
        ("paragraph", "图示如下："),
        ("image", "media/d2-1.png"),
        ("paragraph", "图后文字。"),
    ]
    assert doc.blocks[1].image_width_mm == 50.0
    assert files["media/d2-1.png"] == png


def test_damaged_parts_never_raise_anything_but_user_error(tmp_path):
    """Bytes flipped inside document.xml and inside the zip itself: a one-line error or an import."""
    import random

    raw = build_notice().to_bytes()
    src = zipfile.ZipFile(io.BytesIO(raw))
    xml = src.read("word/document.xml")
    rng = random.Random(20180314)
    outcomes = {"imported": 0, "refused": 0}
    for n in range(60):
        if n % 2:
            data = bytearray(xml)
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.choice(b"<>&\"'/=\x00 w:tblpr")
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as z:
                for info in src.infolist():
                    z.writestr(
                        info.filename, bytes(data) if info.filename == "word/document.xml" else src.read(info)
                    )
            blob = out.getvalue()
        else:
            blob = bytearray(raw)
            for _ in range(rng.randint(1, 6)):
                blob[rng.randrange(len(blob))] = rng.randrange(256)
            blob = bytes(blob)
        path = tmp_path / f"f{n}.docx"
        path.write_bytes(blob)
        try:
            import_docx(path, "d1")
            outcomes["imported"] += 1
        except UserError as e:
            one_line(e, path.name)
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0 and sum(outcomes.values()) == 60


def test_font_headings_nested_table_and_symbols(tmp_path):
    """Headings known only by their font, a table inside a cell, Wingdings check boxes (w:sym)."""
    from docx.oxml.ns import qn

    g = GongwenDocx()
    g.title("关于开展检查的通知")
    g.para("检查工作安排如下。")
    g.heading("工作目标", 1)  # 黑体, no number
    g.heading("总体安排", 2)  # 楷体, no number
    g.para("请按表填报。")
    outer = g.table([["项目", "说明"], ["内容", ""]])
    inner = outer.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "甲"
    inner.cell(0, 1).text = "乙"
    p = g.para("已完成")
    sym = p.add_run()._r
    el = sym.makeelement(qn("w:sym"), {qn("w:font"): "Wingdings", qn("w:char"): "F0FE"})
    sym.append(el)
    doc, _ = import_docx(g.save(tmp_path / "s.docx"), "d1")
    assert roles(doc) == [
        ("paragraph", "检查工作安排如下。"),
        ("heading1", "工作目标"),
        ("heading2", "总体安排"),
        ("paragraph", "请按表填报。"),
        ("paragraph", "已完成☑"),
    ]
    rows = [[c.text for c in row] for row in doc.blocks_of(Role.TABLE)[0].table.rows]
    assert rows == [["项目", "说明"], ["内容", "甲 乙"]]
    assert any("嵌套表格 1 个" in n.zh for n in doc.report)


def test_deleted_paragraph_mark_joins_paragraphs(tmp_path):
    """Accepting a tracked deletion of a paragraph mark joins the paragraph with the next one."""
    g = GongwenDocx()
    g.title("关于合并段落的通知")
    first = g.para("前半句，")
    rpr = first._p.get_or_add_pPr().makeelement(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr", {}
    )
    rpr.append(rpr.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}del", {}))
    first._p.get_or_add_pPr().append(rpr)
    g.para("后半句。")
    g.para("另一段。")
    doc, _ = import_docx(g.save(tmp_path / "m.docx"), "d1")
    assert [b.text for b in doc.blocks] == ["前半句，后半句。", "另一段。"]
    assert any("删除段落标记 1 处已合并前后段落" in n.zh for n in doc.report)


def test_long_table_without_marked_header_gets_one(tmp_path):
    g = GongwenDocx()
    g.title("关于公布名单的通知")
    g.table([["序号", "单位", "人数"]] + [[str(i), f"单位{i}", "3"] for i in range(1, 12)], header_rows=0)
    doc, _ = import_docx(g.save(tmp_path / "t.docx"), "d1")
    assert doc.blocks_of(Role.TABLE)[0].table.header_rows == 1
    assert any("已按内容把首行作为表头" in n.zh for n in doc.report)


def test_seal_between_signature_and_date_is_left_out(tmp_path):
    from PIL import Image

    seal = tmp_path / "seal.png"
    Image.new("RGB", (8, 8), (230, 0, 18)).save(seal)
    g = GongwenDocx()
    g.title("关于印章的通知")
    g.para("正文。")
    g.doc.add_picture(str(seal), width=40 * 36000)
    g.para("图上文字。")
    g.signature("葫芦岛市人民政府")
    g.doc.add_picture(str(seal), width=42 * 36000)
    g.signature("2018年3月14日")
    doc, files = import_docx(g.save(tmp_path / "seal.docx"), "d1")
    assert [(b.role.value, b.text or b.image) for b in doc.blocks] == [
        ("paragraph", "正文。"),
        ("image", "media/d1-1.png"),
        ("paragraph", "图上文字。"),
        ("signature", "葫芦岛市人民政府"),
        ("date", "2018年3月14日"),
    ]
    assert any("印章图片 1 张" in n.zh for n in doc.report)
    assert sorted(files) == ["media/d1-1.png", "sources/d1-seal.docx"]


def test_number_with_signer_and_title_citing_a_number(tmp_path):
    g = GongwenDocx()
    g.banner("葫芦岛市人民政府文件")
    g.para("葫政发〔2018〕7号　　　　签发人：张三", align="left")
    g.title("关于贯彻落实国发〔2016〕31号文件精神的通知")
    g.para("各县（市）区人民政府：")
    g.para("现就有关事项通知如下。")
    g.para("特此通知")
    g.signature("葫芦岛市人民政府")
    g.signature("2018年3月20日")
    doc, _ = import_docx(g.save(tmp_path / "n.docx"), "d1")
    assert [(b.role.value, b.text) for b in doc.blocks][-3:] == [
        ("paragraph", "特此通知"),
        ("signature", "葫芦岛市人民政府"),
        ("date", "2018年3月20日"),
    ]
    assert doc.number == "葫政发〔2018〕7号"
    assert doc.title == "关于贯彻落实国发〔2016〕31号文件精神的通知"
    assert doc.recipients == "各县（市）区人民政府："
    assert any("签发人：张三" in n.zh for n in doc.report)


def test_heading_styles_linked_to_a_multilevel_list(tmp_path):
    """Word's "link level to style": numbers come from the heading styles, levels from w:lvl/w:pStyle."""
    from docx.oxml.ns import qn

    g = GongwenDocx()
    g.title("关于样式编号的通知")
    num = g.numbering([("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    part = g.doc.part.numbering_part.element
    levels = part.xpath(f'w:abstractNum[@w:abstractNumId="{num}"]/w:lvl')
    for lvl, style in zip(levels, ("Heading1", "Heading2"), strict=True):
        lvl.insert(1, lvl.makeelement(qn("w:pStyle"), {qn("w:val"): style}))
    for name in ("Heading 1", "Heading 2"):
        ppr = g.doc.styles[name].element.get_or_add_pPr()
        numpr = ppr.makeelement(qn("w:numPr"), {})
        numpr.append(numpr.makeelement(qn("w:numId"), {qn("w:val"): str(num)}))
        ppr.insert(0, numpr)
    g.styled_heading("总体要求", 1)
    g.styled_heading("工作目标", 2)
    g.styled_heading("基本原则", 2)
    g.styled_heading("主要任务", 1)
    g.styled_heading("重点工作", 2)
    doc, _ = import_docx(g.save(tmp_path / "h.docx"), "d1")
    assert roles(doc) == [
        ("heading1", "一、总体要求"),
        ("heading2", "（一）工作目标"),
        ("heading2", "（二）基本原则"),
        ("heading1", "二、主要任务"),
        ("heading2", "（一）重点工作"),
    ]


def test_copy_number_secrecy_and_urgency_marks_are_not_body(tmp_path):
    g = GongwenDocx()
    g.para("000123", align="left")
    g.para("机密★1年", align="left")
    g.para("特急", align="left")
    g.banner("葫芦岛市人民政府文件")
    g.para("葫政发〔2018〕9号", align="center")
    g.title("关于加强安全生产的紧急通知")
    g.para("各县（市）区人民政府：")
    g.para("现就有关事项通知如下。")
    doc, _ = import_docx(g.save(tmp_path / "m.docx"), "d1")
    assert (doc.issuer, doc.number, doc.title) == (
        "葫芦岛市人民政府文件",
        "葫政发〔2018〕9号",
        "关于加强安全生产的紧急通知",
    )
    assert [b.text for b in doc.blocks] == ["现就有关事项通知如下。"]
    assert sum("版头标注" in n.zh for n in doc.report) == 3


def test_banner_in_a_text_box(tmp_path):
    """WPS templates often set the red banner in a floating text box anchored to an empty paragraph."""
    from docx.oxml import parse_xml

    g = GongwenDocx()
    anchor = g.para()
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:400pt;height:60pt">'
        '<v:textbox><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>'
        '<w:rFonts w:eastAsia="方正小标宋简体"/><w:color w:val="FF0000"/><w:sz w:val="72"/></w:rPr>'
        "<w:t>葫芦岛市人民政府文件</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    anchor._p.append(box)
    g.para("葫政发〔2018〕4号", align="center")
    g.title("关于文本框版头的通知")
    g.para("各县（市）区人民政府：")
    g.para("正文。")
    doc, _ = import_docx(g.save(tmp_path / "box.docx"), "d1")
    assert (doc.issuer, doc.number, doc.title) == (
        "葫芦岛市人民政府文件",
        "葫政发〔2018〕4号",
        "关于文本框版头的通知",
    )
    assert [b.text for b in doc.blocks] == ["正文。"]
    assert any("文本框 1 个" in n.zh for n in doc.report)


def test_zip_bomb_with_lying_sizes_stops_at_the_declared_size(tmp_path):
    """The zip claims a tiny part that really inflates to 50 MB: reading stops, nothing balloons."""
    import struct
    import tracemalloc

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument"/></Relationships>',
        )
        z.writestr("word/document.xml", b"<w:document>" + b" " * (50 * 1024 * 1024))
    raw = bytearray(buf.getvalue())
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := raw.find(sig, start)) >= 0:
            name_len = struct.unpack_from("<H", raw, at + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if raw[name_at : name_at + name_len] == b"word/document.xml":
                struct.pack_into("<I", raw, at + size_at, 4096)
            start = at + 4
    path = tmp_path / "说谎.docx"
    path.write_bytes(bytes(raw))
    tracemalloc.start()
    with pytest.raises(UserError) as e:
        import_docx(path, "d1")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "损坏" in one_line(e.value, "说谎.docx")
    assert peak < 20 * 1024 * 1024


def test_unformatted_title_above_recipients(tmp_path):
    g = GongwenDocx()
    g.para("关于做好春节期间安全工作的通知")  # body font, justified: typed without formatting
    g.para("各县（市）区人民政府：")
    g.para("春节将至，现就有关事项通知如下。")
    doc, _ = import_docx(g.save(tmp_path / "plain.docx"), "d1")
    assert doc.title == "关于做好春节期间安全工作的通知"
    assert doc.recipients == "各县（市）区人民政府："
    assert [b.text for b in doc.blocks] == ["春节将至，现就有关事项通知如下。"]


def test_small_data_table_at_the_top_stays_a_table(tmp_path):
    g = GongwenDocx()
    g.table([["单位", "联系人"], ["市人民政府办公室", "张三"]])
    g.para("以上为联系方式。")
    doc, _ = import_docx(g.save(tmp_path / "top.docx"), "d1")
    assert [b.role for b in doc.blocks] == [Role.TABLE, Role.PARAGRAPH]
    assert not any("版头位于表格中" in n.zh for n in doc.report)
