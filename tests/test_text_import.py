"""Plain-text import against the real seed issue, the govdocs corpus and small made-up texts."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

from editor.errors import UserError
from editor.model import Role
from editor.official import heading_shaped, run_in_heading
from editor.text_import import (
    ends_complete,
    is_issue_dump,
    parse_date,
    parse_document_text,
    parse_issue_text,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "hld-2018-02.txt"
EXPECT = SHARED / "seed" / "hld-2018-02.expect.json"
GOVDOCS = sorted((SHARED / "corpus" / "govdocs").glob("*.txt"))

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not available")


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


@pytest.fixture(scope="module")
def seed():
    return parse_issue_text(SEED.read_text(encoding="utf-8"), str(SEED))


@pytest.fixture(scope="module")
def expect():
    return json.loads(EXPECT.read_text(encoding="utf-8"))


def block(doc, text):
    """The block whose text is exactly `text` (fails the test when there is none)."""
    found = [b for b in doc.blocks if b.text == text]
    assert found, f"no block {text!r} in {doc.id}"
    return found[0]


def govdoc_text(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n", 3)[3]  # after source:, via: and the blank line


# ---- the seed issue --------------------------------------------------------------------


@needs_seed
def test_seed_cover_lines(seed):
    assert (seed.year, seed.number, seed.cumulative) == (2018, 2, 51)
    assert seed.date == dt.date(2018, 3, 19)
    assert seed.gazette.periodicity == "双月刊"
    # no masthead in the dump: derived from the issuers (葫芦岛市人民政府[办公室]文件)
    assert seed.gazette.name == "葫芦岛市人民政府公报"
    assert any("刊名" in n.zh and "taken from the issuers" in n.en for n in seed.notes)
    assert seed.gazette.sponsor == "葫芦岛市人民政府办公室"


@needs_seed
def test_seed_sections_and_documents(seed, expect):
    assert [s.name for s in seed.sections] == ["市政府文件", "市政府办公室文件"]
    assert [len(s.documents) for s in seed.sections] == [2, 6]
    docs = seed.documents()
    assert [d.id for d in docs] == [f"d{n}" for n in range(1, 9)]
    for d, e in zip(docs, expect["documents"], strict=True):
        assert d.issuer == e["issuer_banner"]
        assert d.number == e["doc_number"]
        assert d.title == e["title"]
        assert d.recipients.endswith("：")
        assert d.source.kind == "issue-txt" and d.source.name == "" and d.source.original == str(SEED)
    pages = [en["printed_page"] for s in expect["sections"] for en in s["entries"]]
    assert [d.source_page for d in docs] == pages == [2, 9, 10, 21, 26, 32, 36, 41]
    # every TOC text equals its title after NFKC and white space removal
    assert all(d.toc_title == "" for d in docs)
    assert seed.notes == [n for n in seed.notes if "刊名" in n.zh]  # nothing else to report


@needs_seed
def test_seed_board(seed):
    b = seed.board
    assert b.title == "编委会成员"
    assert [e.label for e in b.entries] == [
        "编委会主任",
        "编委",
        "编辑",
        "主办",
        "出版",
        "编辑部地址",
        "邮编",
        "电话",
        "传真",
    ]
    assert b.get("编委会主任").people == ["韩庆春"]
    assert b.get("编委").people == [
        "宋晓东",
        "武宏波",
        "刘剑",
        "袁伶",
        "马志一",
    ]  # "刘 剑 袁 伶" letter-spaced
    assert b.get("编辑").people == ["王立东", "赵军", "张磊"]
    assert b.get("主办").text == "葫芦岛市人民政府办公室"  # wrapped over two lines, joined
    assert b.get("出版").text == "葫芦岛市政务公开工作领导小组办公室"
    assert b.get("编辑部地址").text == "葫芦岛市龙港区龙湾大街 15 号 417 室"
    assert b.get("邮编").text == "125000"
    assert b.get("电话").text == "(0429) 3114944"
    assert b.get("传真").text == "(0429) 3114944"


@needs_seed
def test_seed_roles_of_chosen_paragraphs(seed):
    d1, d2, d3, _d4, d5, _d6, d7, d8 = seed.documents()
    assert block(d1, "一、总则").role == Role.HEADING1
    assert block(d1, "（一）目的意义。").role == Role.HEADING2
    assert block(d1, "(一) 强化政府主导。").role == Role.HEADING2  # half-width brackets as printed
    assert block(d1, "葫芦岛市人民政府").role == Role.SIGNATURE
    assert block(d1, "2018年3月14日").role == Role.DATE
    assert block(d1, "（此件公开发布）").role == Role.NOTE
    assert block(d1, "葫芦岛市土壤污染治理与修复规划 （2017-2020年）").role == Role.ATTACHMENT_TITLE
    # the cover letter's closing comes before the attached plan, in that order
    roles = [b.role for b in d1.blocks[:6]]
    assert roles == [
        Role.PARAGRAPH,
        Role.SIGNATURE,
        Role.DATE,
        Role.NOTE,
        Role.ATTACHMENT_TITLE,
        Role.HEADING1,
    ]
    # the note keeps the form printed in each document (the inconsistency is for proofreading)
    assert d2.blocks[-1].role == Role.NOTE and d2.blocks[-1].text == "(此件公开发布)"
    # an 实施意见 without attachment: signature, date and note close the document
    assert [b.role for b in d5.blocks[-3:]] == [Role.SIGNATURE, Role.DATE, Role.NOTE]
    assert not d5.blocks_of(Role.ATTACHMENT_TITLE)
    assert [b.text for b in d3.blocks_of(Role.ATTACHMENT_TITLE)] == ["2018年市《政府工作报告》任务分解方案"]
    assert [b.text for b in d7.blocks_of(Role.ATTACHMENT_TITLE)] == ["关于加强政府自身建设实施方案"]
    assert block(d8, "一、统一思想，强化对政务信息工作重要性的认识").role == Role.HEADING1


@needs_seed
def test_heading3_rule_heading_line_versus_numbered_paragraph(seed):
    d3, d7 = seed.documents()[2], seed.documents()[6]
    # a pure heading line "1. phrase。" is heading3 ...
    assert block(d7, "1. 建立健全议事决策制度体系。").role == Role.HEADING3
    assert [b.role for b in d7.blocks if b.text.startswith(("1. 建立", "2. 建立", "3. 建立", "4. 建立"))] == [
        Role.HEADING3
    ] * 4
    # ... a numbered item carrying its own text is a body paragraph, and so are its siblings
    first = next(b for b in d3.blocks if b.text.startswith("1. 经济总量突破千亿"))
    assert first.role == Role.PARAGRAPH
    short_sibling = next(b for b in d3.blocks if b.text.startswith("3. 深入推进供给侧结构性改革"))
    assert short_sibling.role == Role.PARAGRAPH
    assert not d3.blocks_of(Role.HEADING3)


@needs_seed
def test_list_items_stay_paragraphs_together(seed):
    d8 = seed.documents()[7]
    # "（三）…；" is a list item; "（九）….": short and closed by 。 but a sibling of list items
    assert block(d8, "（三）对上级领导重要指示、批示的办理落实情况；").role == Role.PARAGRAPH
    assert block(d8, "（九）其他必须向上级政府报告和报送的重要情况。").role == Role.PARAGRAPH
    d4 = seed.documents()[3]
    # （一）实施三河治理工程。为彻底…: run-in headings, the phrase set in the heading face
    run_in = d4.blocks_of(Role.HEADING2)
    assert sum(1 for b in run_in if run_in_heading(b.text)) >= 20
    assert len(d4.blocks_of(Role.HEADING1)) == 10


@needs_seed
def test_page_break_joins(seed):
    joins = [
        (d.id, line)
        for d in seed.documents()
        for line in (n.en for n in d.report)
        if line.startswith("joined at a page break")
    ]
    assert joins == [
        ("d1", "joined at a page break: …上，葫|葫芦岛…"),
        ("d1", "joined at a page break: …。严格|保护优…"),
        ("d1", "joined at a page break: …休的，|也要终…"),
        ("d3", "joined at a page break: …扬民族|精神和…"),
        ("d3", "joined at a page break: …业重点|项目 …"),
        ("d4", "joined at a page break: …腺癌筛|查惠及…"),
        ("d5", "joined at a page break: …品牌创|建示范…"),
        ("d5", "joined at a page break: …的研究|攻关，…"),
        ("d5", "joined at a page break: …重点推|广应用…"),
        ("d5", "joined at a page break: …〈市〉|区人民…"),  # open （ makes it unfinished
        ("d6", "joined at a page break: …”战略|布局，…"),
        ("d6", "joined at a page break: …能、技|艺、专…"),
        ("d7", "joined at a page break: …面振兴|发展提…"),
        ("d8", "joined at a page break: …服务决|策”的…"),
        ("d8", "joined at a page break: …每月报|送的信…"),
        ("d8", "joined at a page break: …应及时|告知市…"),
    ]
    d1 = seed.documents()[0]
    b = next(b for b in d1.blocks if b.joins and "在土壤环境管理上" in b.text)
    (at,) = b.joins
    assert b.text[:at].endswith("在土壤环境管理上，葫") and b.text[at:].startswith("葫芦岛市还面临")
    d3 = seed.documents()[2]
    b = next(b for b in d3.blocks if b.joins)
    assert b.text.startswith("9. 坚持用中国梦") and b.text[b.joins[0] :].startswith("精神和时代精神")
    assert sum(len(b.joins) for d in seed.documents() for b in d.blocks) == len(joins)


@needs_seed
def test_lines_that_legitimately_lack_a_full_stop_are_not_joined(seed):
    d3 = seed.documents()[2]
    duty = [b for b in d3.blocks if b.text.startswith("责任单位：")]
    assert len(duty) > 50 and all(not b.joins for b in duty)
    assert block(d3, "配合领导：各位副市长").role == Role.PARAGRAPH
    # headings, titles and signatures without punctuation stay whole
    for d in seed.documents():
        for b in d.blocks:
            if b.role != Role.PARAGRAPH and not run_in_heading(b.text):
                assert not b.joins


@needs_seed
def test_every_expected_paragraph_is_in_the_document_text_in_order(seed, expect):
    for d, e in zip(seed.documents(), expect["documents"], strict=True):
        flow = norm("".join([d.issuer, d.number, d.title, d.recipients] + [b.text for b in d.blocks]))
        pos = 0
        for para in e["paragraphs"]:
            j = flow.find(norm(para), pos)
            assert j >= 0, f"{d.id}: lost or out of order: {para[:30]}"
            pos = j + len(norm(para))


@needs_seed
def test_extraction_spaces_are_kept(seed):
    d3 = seed.documents()[2]
    assert block(d3, "二、2018 年工作和重点任务").role == Role.HEADING1
    assert seed.documents()[1].title == "葫芦岛市人民政府关于明确环境保护税 市与县分享体制的通知"


@needs_seed
def test_seed_parse_is_deterministic(seed):
    again = parse_issue_text(SEED.read_text(encoding="utf-8"), str(SEED))
    assert again == seed


@needs_seed
def test_is_issue_dump():
    assert is_issue_dump(SEED.read_text(encoding="utf-8"))
    assert not is_issue_dump(govdoc_text(GOVDOCS[0]))
    assert not is_issue_dump("国务院关于印发某某方案的通知\n各省：\n现印发给你们。")
    assert not is_issue_dump("")
    assert not is_issue_dump(None)  # type: ignore[arg-type]


# ---- a made-up issue and documents ---------------------------------------------------------

SMALL_ISSUE = """\
某某市人民政府公报

目 录 (月刊)

2024 年第 5 期（总第 120 期）

二〇二四年五月二十日出版

○市政府令

某某市人民政府关于某某事项的通知 (某政发〔2024〕3 号) (2)

某某市城市绿化管理办法（修订） (某政发〔2024〕9 号) (5)

编委会成员

编委会主任：张 三

编 委：李四 王五

邮 编: 100000

某某市人民政府文件

某政发〔2024〕3号

某某市人民政府关于某某事项的通知

各区人民政府：

现将有关事项通知如下：

一、总体要求

各地区、各部门要高度重视这项工作，切实加强组织领导，

确保各项任务落到实处。

某某市人民政府

2024年5月1日

(此件公开发布)

某某市人民政府文件

某政发〔2024〕9号

某某市人民政府关于印发某某市城市绿化管理办法（修订）的通知

各区人民政府：

现印发给你们。
"""


def test_small_issue():
    issue = parse_issue_text(SMALL_ISSUE, "small.txt")
    assert issue.gazette.name == "某某市人民政府公报"  # the masthead wins over derivation
    assert not any("刊名" in n.zh for n in issue.notes)
    assert issue.gazette.periodicity == "月刊"
    assert (issue.year, issue.number, issue.cumulative) == (2024, 5, 120)
    assert issue.date == dt.date(2024, 5, 20)
    assert [s.name for s in issue.sections] == ["市政府令"]
    d1, d2 = issue.documents()
    assert (d1.number, d1.source_page, d1.toc_title) == ("某政发〔2024〕3号", 2, "")
    assert (d2.number, d2.source_page) == ("某政发〔2024〕9号", 5)
    assert d2.toc_title == "某某市城市绿化管理办法（修订）"  # the TOC shows a shorter title
    assert issue.board.get("编委会主任").people == ["张三"]
    assert issue.board.get("编委").people == ["李四", "王五"]
    assert issue.board.get("邮编").text == "100000"
    assert block(d1, "各地区、各部门要高度重视这项工作，切实加强组织领导，确保各项任务落到实处。").joins == [
        26
    ]
    assert block(d1, "一、总体要求").role == Role.HEADING1
    assert [b.role for b in d1.blocks[-3:]] == [Role.SIGNATURE, Role.DATE, Role.NOTE]


SMALL_DOC = """\
某某市人民政府办公室关于
做好某某工作的通知
某政办发〔2019〕12号
各县（市）区人民政府，市政府各部门：
为做好某某工作，现将有关事项通知如下：
一、提高认识
各地区要高度重视。
（一）明确责任。
1. 压实责任。
（1）落实到人。
二、强化保障
各地区、各部门要加强保障，统筹安排资金，确保
工作落实。
附件：1. 某某工作方案
2. 某某工作台账
某某市人民政府办公室
二〇一九年十二月三十一日
（此件公开发布）
附件1
某某工作方案
（试行）
为做好某某工作，制定本方案。
"""


def test_single_document():
    d = parse_document_text(SMALL_DOC, "d4")
    assert d.id == "d4" and d.source.kind == "txt"
    assert d.issuer == ""
    assert d.title == "某某市人民政府办公室关于做好某某工作的通知"  # a title printed over two lines
    assert d.number == "某政办发〔2019〕12号"
    assert d.recipients == "各县（市）区人民政府，市政府各部门："
    roles = {b.text: b.role for b in d.blocks}
    assert roles["一、提高认识"] == Role.HEADING1
    assert roles["（一）明确责任。"] == Role.HEADING2
    assert roles["1. 压实责任。"] == Role.HEADING3
    assert roles["（1）落实到人。"] == Role.HEADING4
    assert roles["附件：1. 某某工作方案"] == Role.ATTACHMENT
    assert roles["2. 某某工作台账"] == Role.ATTACHMENT
    assert roles["某某市人民政府办公室"] == Role.SIGNATURE
    assert roles["二〇一九年十二月三十一日"] == Role.DATE
    assert roles["（此件公开发布）"] == Role.NOTE
    assert roles["附件1"] == Role.ATTACHMENT
    assert roles["某某工作方案"] == Role.ATTACHMENT_TITLE
    assert roles["（试行）"] == Role.ATTACHMENT_TITLE
    assert roles["二、强化保障"] == Role.HEADING1
    assert roles["各地区、各部门要加强保障，统筹安排资金，确保"] == Role.PARAGRAPH
    # single documents keep their lines unless asked to repair page breaks
    assert "工作落实。" in roles
    joined = parse_document_text(SMALL_DOC, join_page_breaks=True)
    assert any(
        b.text == "各地区、各部门要加强保障，统筹安排资金，确保工作落实。" and b.joins for b in joined.blocks
    )
    assert [n.en for n in joined.report] == ["joined at a page break: …，确保|工作落…"]


def test_sibling_headings_decide_together():
    d = parse_document_text("标题\n一、甲\n正文。\n二、乙和丙等内容很多，不是标题；\n")
    assert [b.role for b in d.blocks] == [Role.PARAGRAPH] * 3


def test_document_with_banner_and_number_first():
    d = parse_document_text(
        "某某市人民政府文件\n某政发〔2018〕4号\n某某市人民政府关于某事的通知\n各区：\n正文。\n"
    )
    assert (d.issuer, d.number, d.title, d.recipients) == (
        "某某市人民政府文件",
        "某政发〔2018〕4号",
        "某某市人民政府关于某事的通知",
        "各区：",
    )
    assert [b.text for b in d.blocks] == ["正文。"]


def test_shape_helpers():
    assert parse_date("2018 年 3 月 14 日") == dt.date(2018, 3, 14)
    assert parse_date("二〇〇六年十二月三十日") == dt.date(2006, 12, 30)
    assert parse_date("一九九六年七月十七日") == dt.date(1996, 7, 17)
    assert parse_date("2018年2月30日") is None and parse_date("2018年3月") is None
    assert (
        ends_complete("认真贯彻落实。")
        and ends_complete("“工匠精神。”")
        and ends_complete("（责任单位：市质监局等）")
    )
    assert not ends_complete("在土壤环境管理上，葫") and not ends_complete("……的，")
    assert not ends_complete("（责任单位：各县〈市〉") and not ends_complete("纳入《葫芦岛市重点推")
    assert heading_shaped("（一）目的意义。") and heading_shaped("一、总则")
    assert not heading_shaped("（一）个人申请。凡符合条件的企业工匠技师，均可申请；")
    assert not heading_shaped("（三）对上级领导重要指示、批示的办理落实情况；")


# ---- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t\n",
        "\x00\x01\x02binary\x03\x04" * 20,
        "PK\x03\x04\x14\x00\x06\x00" + "\ufffd" * 50,
        "hello world\n",
    ],
)
def test_unusable_text_gives_one_line(text):
    for parse in (parse_issue_text, parse_document_text):
        with pytest.raises(UserError) as info:
            parse(text)
        for lang in ("zh", "en"):
            msg = info.value.message(lang)
            assert msg and "\n" not in msg


def test_issue_without_documents():
    with pytest.raises(UserError) as info:
        parse_issue_text("目 录\n2018 年第 2 期\n○市政府文件\n一些说明文字。\n")
    assert "公文" in info.value.message("zh") and "No document" in info.value.message("en")


# ---- the govdocs corpus --------------------------------------------------------------------


@pytest.mark.skipif(not GOVDOCS, reason="../shared/corpus/govdocs is not available")
@pytest.mark.parametrize("path", GOVDOCS, ids=lambda p: p.name)
def test_govdocs_parse(path):
    d = parse_document_text(govdoc_text(path), "d1")
    assert d.title and len(d.title) >= 10
    assert d.blocks
    assert d.recipients.endswith(("：", ":"))
    if path.name != "15.txt":  # the Hangzhou page carries no document number
        assert re.fullmatch(r"\S+〔\d{4}〕\d+号", d.number)
    assert d.blocks_of(Role.DATE) and d.blocks_of(Role.SIGNATURE)
    # nothing lost: every non-header line's text is in the blocks (tables aside)
    lines = [ln.strip() for ln in govdoc_text(path).splitlines() if ln.strip()]
    flow = norm("".join([d.title, d.number, d.recipients] + [b.text for b in d.blocks]))
    table_free = [ln for ln in lines if not ln.startswith(("|", "[表格"))]
    assert all(norm(ln) in flow for ln in table_free)


@pytest.mark.skipif(not GOVDOCS, reason="../shared/corpus/govdocs is not available")
def test_govdocs_details():
    by_name = {p.name: parse_document_text(govdoc_text(p)) for p in GOVDOCS}
    d05 = by_name["05.txt"]
    assert d05.blocks_of(Role.DATE)[0].text == "二〇〇六年十二月三十日"
    assert d05.title.endswith("土 地 使 用 期 限 的 批 复")  # letter-spacing kept for proofreading
    assert len(d05.blocks_of(Role.TABLE)) == 7
    d06 = by_name["06.txt"]
    assert [b.text for b in d06.blocks_of(Role.HEADING1)][0] == "第一章　总　　则"
    assert d06.blocks_of(Role.ATTACHMENT_TITLE)[0].text == "个人所得税专项附加扣除暂行办法"
    d11 = by_name["11.txt"]
    assert d11.blocks_of(Role.ATTACHMENT_TITLE)[0].text == "关于内地西藏班（校）扩大规模有关问题的请示"
    assert [b.text for b in d11.blocks_of(Role.DATE)] == ["一九九六年七月十七日", "一九九六年五月十三日"]
    assert [b.text for b in d11.blocks_of(Role.SIGNATURE)] == ["国务院办公厅 &sp;", "国家教委"]
    table = by_name["01.txt"].blocks_of(Role.TABLE)[0].table
    assert table.header_rows == 1
    assert [c.text for c in table.rows[0]] == ["一级指标", "二级指标", "三级指标", "指标性质", "指标说明"]
    assert (table.rows[1][0].text, table.rows[1][0].rowspan) == ("一、医疗质量", 24)
    assert table.column_count() == 5
    assert "\n" in next(
        c.text for row in table.rows for c in row if "指标来源" in c.text
    )  # ／ = a line break


@needs_seed
def test_folios_and_running_heads_left_by_a_pdf_copy_are_removed(seed):
    text = SEED.read_text(encoding="utf-8")
    cut = "在土壤环境管理上，葫\n"
    assert cut in text
    noisy = text.replace(cut, cut + "\n- 3 -\n\n葫芦岛市人民政府公报 2018 年第 2 期\n\n", 1)
    noisy = noisy.replace(
        "葫芦岛市人民政府文件\n\n葫政发〔2018〕5号", "— 9 —\n葫芦岛市人民政府文件\n\n葫政发〔2018〕5号", 1
    )
    issue = parse_issue_text(noisy, str(SEED))
    assert issue.documents() == seed.documents()
    assert any("3 行" in n.zh for n in issue.notes)


BACK_COVER_ISSUE = """\
目　录
2019年第1期（总第7期）
【规章】
某某市人民政府关于修改《某某市城市管理办法》等
十件规章的决定……………………2
某某市人民政府办公室关于某事的通知（某政办发〔2019〕2号）……5
某某市人民政府令
第 12 号
某某市人民政府关于修改《某某市城市管理办法》等十件规章的决定
现决定对下列规章作如下修改。
市长　王某
2019年1月2日
某某市人民政府办公室文件
某政办发〔2019〕2号
某某市人民政府办公室关于某事的通知
各区人民政府：
请认真落实。
某某市人民政府办公室
2019年1月3日
编委会
主　编：赵某某
电　话：12345678
"""


def test_back_cover_board_leader_dots_and_wrapped_toc_entries():
    issue = parse_issue_text(BACK_COVER_ISSUE)
    assert [s.name for s in issue.sections] == ["规章"]
    d1, d2 = issue.documents()
    # a 政府令: banner ending in 令, order number 第 N 号, TOC entry without a number
    assert (d1.issuer, d1.number) == ("某某市人民政府令", "第 12 号")
    assert d1.title == "某某市人民政府关于修改《某某市城市管理办法》等十件规章的决定"
    assert [b.role for b in d1.blocks] == [Role.PARAGRAPH, Role.SIGNATURE, Role.DATE]
    assert d1.source_page == 2 and d2.source_page == 5 and d2.number == "某政办发〔2019〕2号"
    # the board printed after the last document is the board, not the end of that document
    assert issue.board.title == "编委会"
    assert issue.board.get("主编").people == ["赵某某"] and issue.board.get("电话").text == "12345678"
    assert d2.blocks[-1].role == Role.DATE
    assert issue.gazette.name == "某某市人民政府公报"


def test_quotation_over_several_paragraphs_is_not_a_page_break():
    assert ends_complete("“一是坚持问题导向，着力解决群众反映强烈的突出问题。")
    assert not ends_complete("“一是坚持问题导向，着力解决群众反映强烈的")
    assert not ends_complete("（责任单位：市质监局等；")


def test_masthead_on_the_issue_line_and_board_without_its_title():
    text = SMALL_ISSUE.replace(
        "某某市人民政府公报\n\n目 录 (月刊)\n\n2024 年第 5 期",
        "目 录 (月刊)\n\n某某市人民政府公报 2024 年第 5 期",
    )
    text = text.replace("编委会成员\n\n", "")
    issue = parse_issue_text(text)
    assert issue.gazette.name == "某某市人民政府公报" and (issue.year, issue.number) == (2024, 5)
    assert [e.label for e in issue.board.entries] == ["编委会主任", "编委", "邮编"]
    assert len(issue.documents()) == 2
