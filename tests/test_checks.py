"""Content checks: each seeded with a real-looking wrong example and a right one.

Every test asserts the finding's check id, where it points (document, part, block, offset)
and, where a fix exists, that applying it through the model gives the right text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from editor.content_checks import check_content, heading_number, parse_date_text
from editor.findings import Fix, Severity, visible
from editor.model import Block, Board, BoardEntry, Document, Issue, Role, Section
from editor.official import chinese_number


def make_issue(*docs: Document, sections: list[Section] | None = None, date=dt.date(2018, 3, 19)) -> Issue:
    issue = Issue(year=2018, number=2, cumulative=51, date=date)
    issue.gazette.name = "葫芦岛市人民政府公报"  # a cover with a masthead (check_cover)
    issue.sections = sections if sections is not None else [Section("市政府文件", list(docs))]
    return issue


def good_doc(
    doc_id: str = "d1", number: str = "葫政发〔2018〕4号", blocks: list[Block] | None = None
) -> Document:
    """A correct document: every check must stay silent on it."""
    body = blocks or [
        Block(
            Role.PARAGRAPH,
            "现将《葫芦岛市土壤污染治理与修复规划（2017-2020年）》印发给你们，请认真贯彻落实。",
        ),
    ]
    return Document(
        doc_id,
        issuer="葫芦岛市人民政府文件",
        number=number,
        title="葫芦岛市人民政府关于印发葫芦岛市土壤污染治理与修复规划（2017-2020年）的通知",
        recipients="各县（市）区人民政府，各市属开发区管委会，市政府有关部门：",
        blocks=[
            *body,
            Block(Role.SIGNATURE, "葫芦岛市人民政府"),
            Block(Role.DATE, "2018年3月14日"),
            Block(Role.NOTE, "（此件公开发布）"),
        ],
    )


def only(issue: Issue, check: str):
    return [f for f in check_content(issue) if f.check == check]


def apply_fix(issue: Issue, finding) -> None:
    assert finding.fix is not None
    assert finding.fix.apply(issue) is not None


def test_a_correct_issue_has_no_findings():
    issue = make_issue(good_doc("d1"), good_doc("d2", "葫政发〔2018〕5号"))
    assert check_content(issue) == []


# ---- document numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "offset", "fixed"),
    [
        ("葫政发[2018]4号", 3, "葫政发〔2018〕4号"),
        ("葫政发（2018）4号", 3, "葫政发〔2018〕4号"),
        ("葫政发【2018】4号", 3, "葫政发〔2018〕4号"),
        ("葫政办发(2018)10号", 4, "葫政办发〔2018〕10号"),
    ],
)
def test_number_brackets(wrong, offset, fixed):
    issue = make_issue(good_doc(number=wrong))
    [f] = only(issue, "doc-number-brackets")
    assert f.severity == Severity.ERROR
    assert (f.location.doc, f.location.part, f.location.offset) == ("d1", "number", offset)
    apply_fix(issue, f)
    assert issue.document("d1").number == fixed
    assert only(issue, "doc-number-brackets") == []


def test_number_di_and_leading_zero_fix_independently():
    issue = make_issue(good_doc(number="葫政发〔2018〕第04号"))
    [di] = only(issue, "doc-number-di")
    [zero] = only(issue, "doc-number-zero")
    assert di.location.offset == 9 and zero.location.offset == 10
    apply_fix(issue, di)
    assert issue.document("d1").number == "葫政发〔2018〕04号"
    apply_fix(issue, zero)  # still applies after the other fix changed the same field
    assert issue.document("d1").number == "葫政发〔2018〕4号"
    assert check_content(issue) == []


def test_number_ten_is_not_a_leading_zero():
    assert only(make_issue(good_doc(number="葫政办发〔2018〕10号")), "doc-number-zero") == []


def test_duplicate_numbers_in_an_issue():
    issue = make_issue(good_doc("d1"), good_doc("d2", "葫政发〔2018〕4号"))
    [f] = only(issue, "doc-number-duplicate")
    assert f.location.doc == "d2" and f.location.part == "number"
    assert "d1" in f.zh


def test_issuer_code_inconsistent_within_a_section():
    issue = make_issue(
        good_doc("d1", "葫政发〔2018〕4号"),
        good_doc("d2", "葫政发〔2018〕5号"),
        good_doc("d3", "葫政办发〔2018〕10号"),
    )
    [f] = only(issue, "doc-number-issuer")
    assert f.location.doc == "d3"
    # 葫政函 is the same office writing a letter: not a different issuer
    ok = make_issue(good_doc("d1", "葫政发〔2018〕4号"), good_doc("d2", "葫政函〔2018〕2号"))
    assert only(ok, "doc-number-issuer") == []


def test_cited_number_with_square_brackets_in_body():
    doc = good_doc(
        blocks=[
            Block(Role.PARAGRAPH, "根据《国务院关于印发土壤污染防治行动计划的通知》（国发[2016]31号）要求。")
        ]
    )
    issue = make_issue(doc)
    [f] = only(issue, "doc-number-brackets")
    assert (f.location.part, f.location.block, f.location.offset) == ("block", 0, 27)
    apply_fix(issue, f)
    assert "（国发〔2016〕31号）" in issue.document("d1").blocks[0].text


# ---- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "fixed"),
    [
        ("2018.3.14", "2018年3月14日"),
        ("2018-03-14", "2018年3月14日"),
        ("2018年03月14日", "2018年3月14日"),
        ("二〇一八年三月十四日", "2018年3月14日"),
        ("２０１８年３月１４日", "2018年3月14日"),
    ],
)
def test_date_format(wrong, fixed):
    doc = good_doc()
    doc.blocks[-2].text = wrong
    issue = make_issue(doc)
    [f] = only(issue, "date-format")
    assert (f.location.doc, f.location.block, f.location.offset) == ("d1", 2, 0)
    apply_fix(issue, f)
    assert doc.blocks[-2].text == fixed
    assert check_content(issue) == []


def test_date_after_publication():
    doc = good_doc()
    doc.blocks[-2].text = "2018年4月2日"
    [f] = only(make_issue(doc), "date-after-publication")
    assert f.severity == Severity.ERROR and f.location.block == 2
    assert only(make_issue(good_doc()), "date-after-publication") == []


def test_leading_zero_date_in_body_text():
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, "自2018年03月起施行。")])
    issue = make_issue(doc)
    [f] = only(issue, "date-format")
    assert f.location.offset == 1 and f.severity == Severity.NOTE
    apply_fix(issue, f)
    assert doc.blocks[0].text == "自2018年3月起施行。"


def test_parse_date_text():
    assert parse_date_text("2018年3月14日") == (dt.date(2018, 3, 14), "2018年3月14日")
    assert parse_date_text("二〇一八年十二月三十一日")[1] == "2018年12月31日"
    assert parse_date_text("2018年2月30日") == (None, "2018年2月30日")
    assert parse_date_text("三月") == (None, None)


# ---- punctuation ------------------------------------------------------------------------


def test_halfwidth_comma_and_full_stop():
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, "请结合实际, 认真贯彻落实.")])
    issue = make_issue(doc)
    found = only(issue, "punct-halfwidth")
    assert [f.location.offset for f in found] == [5, 13]
    for f in found:
        apply_fix(issue, f)
    assert doc.blocks[0].text == "请结合实际，认真贯彻落实。"


def test_halfwidth_parentheses_pair():
    doc = good_doc(
        blocks=[Block(Role.PARAGRAPH, "《污染地块土壤环境管理办法(试行)》和规划 (2017-2020 年) 的通知")]
    )
    issue = make_issue(doc)
    found = only(issue, "punct-halfwidth")
    assert [f.location.offset for f in found] == [13, 22]
    for f in found:
        apply_fix(issue, f)
    assert doc.blocks[0].text == "《污染地块土壤环境管理办法（试行）》和规划（2017-2020 年）的通知"


def test_halfwidth_not_flagged_in_numbers_and_western_text():
    doc = good_doc(
        blocks=[
            Block(Role.PARAGRAPH, "总投资24770.54万元，会议于9:30召开，共1,200人。"),
            Block(Role.HEADING3, "1. 认真落实规划。"),
            Block(Role.PARAGRAPH, "邮箱hldxxk@163.com，英文名称Layout (official) documents。"),
        ]
    )
    assert only(make_issue(doc), "punct-halfwidth") == []


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("要求：“开展污染治理与修复，改善区域土壤环境质量。", 3),
        ("认真贯彻执行《土壤污染防治行动计划及科学开展工作。", 6),
        ("改善区域土壤环境质量）。", 10),
    ],
)
def test_unbalanced(text, offset):
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, text)])
    [f] = only(make_issue(doc), "punct-unbalanced")
    assert (f.location.block, f.location.offset) == (0, offset)


def test_balanced_nested_is_fine():
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, "要求：“编制《规划（2017-2020年）》，‘分年度’实施。”")])
    assert only(make_issue(doc), "punct-unbalanced") == []


def test_doubled_punctuation():
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, "请认真贯彻落实。。各地区，，各部门要……确保——完成。")])
    issue = make_issue(doc)
    found = only(issue, "punct-doubled")
    assert [f.location.offset for f in found] == [7, 12]
    for f in found:
        apply_fix(issue, f)
    assert doc.blocks[0].text == "请认真贯彻落实。各地区，各部门要……确保——完成。"


def test_spaces_between_chinese_characters():
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, "自 2017 年起，共安排项目 16 个，处理能力 12 万吨 / 日。")])
    issue = make_issue(doc)
    found = only(issue, "space-cjk")
    assert [f.location.offset for f in found] == [1, 15, 25]  # one finding per phrase
    assert [f.subject for f in found] == ["自 2017 年", "目 16 个", "力 12 万"]
    for f in found:
        apply_fix(issue, f)
    assert doc.blocks[0].text == "自2017年起，共安排项目16个，处理能力12万吨 / 日。"


def test_spaces_in_the_board_are_never_flagged():
    issue = make_issue(good_doc())
    issue.board = Board(
        entries=[BoardEntry("编委", ["刘 剑", "袁 伶"]), BoardEntry("编辑部地址", text="湾大街 15 号 417 室")]
    )
    assert only(issue, "space-cjk") == []


# ---- structure --------------------------------------------------------------------------


def test_toc_title_differs_only_in_spacing():
    doc = good_doc()
    doc.toc_title = "葫芦岛市人民政府关于印发葫芦岛市土壤污染治理与修复规划 (2017-2020 年) 的通知"
    issue = make_issue(doc)
    [f] = only(issue, "toc-title-differs")
    assert f.severity == Severity.WARNING and f.location.part == "toc_title"
    apply_fix(issue, f)
    assert doc.toc_title == "" and doc.shown_title == doc.title


def test_toc_title_different_wording_is_a_note():
    doc = good_doc()
    doc.toc_title = "葫芦岛市土壤污染治理与修复规划"
    [f] = only(make_issue(doc), "toc-title-differs")
    assert f.severity == Severity.NOTE


def test_heading_numbers_out_of_sequence():
    doc = good_doc(
        blocks=[
            Block(Role.HEADING1, "一、总则"),
            Block(Role.HEADING2, "（一）目的意义。"),
            Block(Role.HEADING2, "（三）编制原则。"),
            Block(Role.HEADING3, "1. 认真落实。"),
            Block(Role.HEADING1, "二、现状"),
            Block(Role.HEADING2, "（一）总体状况。"),
            Block(Role.HEADING1, "四、任务"),
        ]
    )
    found = only(make_issue(doc), "heading-sequence")
    assert [(f.location.block, f.subject) for f in found] == [(2, "（三）"), (6, "四、")]
    assert "（二）" in found[0].zh and "三、" in found[1].zh


def test_headings_restart_in_an_attached_document():
    doc = good_doc(
        blocks=[
            Block(Role.HEADING1, "一、总则"),
            Block(Role.HEADING1, "二、要求"),
            Block(Role.ATTACHMENT_TITLE, "葫芦岛市土壤污染治理与修复规划"),
            Block(Role.HEADING1, "一、总则"),
            Block(Role.HEADING1, "二十、附则"),
        ]
    )
    [f] = only(make_issue(doc), "heading-sequence")
    assert f.location.block == 4 and "应为“二、”" in f.zh


def test_chinese_numbers():
    assert [chinese_number(s) for s in ("一", "十", "十二", "二十三", "一百零五")] == [1, 10, 12, 23, 105]
    assert heading_number("（十一）实施“暖房子”工程。") == (2, 11, "（十一）")
    assert heading_number("2018年工作") is None


def test_empty_section():
    issue = make_issue(sections=[Section("市政府文件", [good_doc()]), Section("部门文件", [])])
    [f] = only(issue, "empty-section")
    assert (f.location.part, f.location.section) == ("section", 1)


def test_missing_signature_and_date():
    doc = good_doc()
    doc.blocks = [b for b in doc.blocks if b.role not in (Role.SIGNATURE, Role.DATE)]
    issue = make_issue(doc)
    assert [f.location.doc for f in only(issue, "missing-signature")] == ["d1"]
    assert [f.location.doc for f in only(issue, "missing-date")] == ["d1"]


def test_paragraphs_joined_on_import():
    text = "在土壤环境管理上，葫芦岛市还面临着土壤污染底数不清等问题。"
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, text, joins=[10])])
    [f] = only(make_issue(doc), "import-join")
    assert (f.location.block, f.location.offset) == (0, 10)
    assert "葫｜芦岛" in f.zh
    assert only(make_issue(good_doc()), "import-join") == []


def test_note_written_in_two_forms():
    d1, d2, d3 = good_doc("d1"), good_doc("d2", "葫政发〔2018〕5号"), good_doc("d3", "葫政发〔2018〕6号")
    d2.blocks[-1].text = "(此件公开发布)"
    issue = make_issue(d1, d2, d3)
    [f] = only(issue, "note-forms")
    assert (f.location.doc, f.location.block) == ("d2", 3)
    assert "(此件公开发布)×1" in f.zh and "（此件公开发布）×2" in f.zh
    assert only(issue, "punct-halfwidth") == []  # the note is judged once, by note-forms
    apply_fix(issue, f)
    assert d2.blocks[-1].text == "（此件公开发布）"


# ---- fixes and ignoring -----------------------------------------------------------------


def test_stale_fix_does_not_apply():
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, "请结合实际,认真落实。")])
    issue = make_issue(doc)
    [f] = only(issue, "punct-halfwidth")
    issue.set_block_text("d1", 0, "全部重写了。")
    assert f.fix.resolve(issue) is None
    assert f.fix.apply(issue) is None
    assert doc.blocks[0].text == "全部重写了。"


def test_fix_on_a_removed_document_does_not_apply():
    fix = Fix("gone", "block", 0, "a", "b", 0, "", "")
    assert fix.resolve(make_issue(good_doc())) is None


def test_ignored_findings_are_suppressed_and_survive_unrelated_edits():
    doc = good_doc(
        blocks=[
            Block(Role.PARAGRAPH, "自 2017 年起施行，由 市政府负责解释。"),
            Block(Role.PARAGRAPH, "本规划自发布之日起施行。"),
        ]
    )
    issue = make_issue(doc)
    first, second = only(issue, "space-cjk")
    entry = first.ignored_as("原文如此")
    issue.ignore(entry)
    assert issue.ignored[0].reason == "原文如此"
    left = [f for f in visible(issue, check_content(issue)) if f.check == "space-cjk"]
    assert [f.location.offset for f in left] == [second.location.offset]
    issue.set_block_text("d1", 1, "本规划自印发之日起施行。")  # another paragraph changes: still ignored
    assert len([f for f in visible(issue, check_content(issue)) if f.check == "space-cjk"]) == 1
    issue.unignore(entry)
    assert len([f for f in visible(issue, check_content(issue)) if f.check == "space-cjk"]) == 2


def test_items_numbered_through_their_parents_are_in_sequence():
    doc = good_doc(
        blocks=[
            Block(Role.HEADING2, "（一）今后五年经济社会发展总体目标。"),
            Block(Role.PARAGRAPH, "1. 经济总量突破千亿。"),
            Block(Role.HEADING2, "（二）坚持协调发展。"),
            Block(Role.PARAGRAPH, "2. 落实发展战略。"),
            Block(Role.PARAGRAPH, "3. 深入推进供给侧结构性改革。"),
            Block(Role.HEADING2, "（三）坚持创新发展。"),
            Block(Role.PARAGRAPH, "5. 加快创新平台建设。"),
        ]
    )
    [f] = only(make_issue(doc), "heading-sequence")
    assert f.location.block == 6 and f.subject == "5."


def test_character_repeated_at_an_import_seam():
    text = "在土壤环境管理上，葫葫芦岛市还面临着土壤污染底数不清等问题。"
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, text, joins=[10])])
    issue = make_issue(doc)
    [f] = only(issue, "import-join")
    assert f.severity == Severity.WARNING and "“葫”重复" in f.zh
    apply_fix(issue, f)
    assert doc.blocks[0].text == "在土壤环境管理上，葫芦岛市还面临着土壤污染底数不清等问题。"


def test_spaced_out_title_is_one_finding():
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, "关于 土 地 使 用 期 限 的 批 复")])
    issue = make_issue(doc)
    [f] = only(issue, "space-cjk")
    assert f.location.offset == 2 and "9处" in f.zh
    apply_fix(issue, f)
    assert doc.blocks[0].text == "关于土地使用期限的批复"


def test_space_after_a_section_number_is_not_flagged():
    doc = good_doc(blocks=[Block(Role.PARAGRAPH, "5.1.2 省级人民政府负责本行政区域的应急工作。")])
    assert only(make_issue(doc), "space-cjk") == []


def test_regulation_items_restart_in_each_article():
    doc = good_doc(
        blocks=[
            Block(Role.PARAGRAPH, "第二十二条　纳税人赡养老人的支出，按照以下标准定额扣除："),
            Block(Role.PARAGRAPH, "（一）纳税人为独生子女的，按照每月2000元的标准定额扣除；"),
            Block(Role.PARAGRAPH, "（二）纳税人为非独生子女的，由其与兄弟姐妹分摊。"),
            Block(Role.PARAGRAPH, "第二十六条　有关部门应当提供以下信息："),
            Block(Role.PARAGRAPH, "（一）公安部门有关户籍人口基本信息；"),
            Block(Role.PARAGRAPH, "（三）民政部门有关婚姻状况信息。"),
        ]
    )
    [f] = only(make_issue(doc), "heading-sequence")
    assert f.location.block == 5


def test_numbered_note_continues_its_list():
    doc = good_doc(
        blocks=[
            Block(Role.PARAGRAPH, "注：1、坐标系统为深圳独立坐标系统。"),
            Block(Role.PARAGRAPH, "2、L为弧长，R为半径；单位均为米。"),
            Block(Role.PARAGRAPH, "3、红线是指口岸区边界。"),
        ]
    )
    assert only(make_issue(doc), "heading-sequence") == []


def test_cover_without_name_year_or_number_is_an_error():
    from editor.content_checks import check_content
    from editor.model import Issue

    bare = Issue()  # what an import without 新建期刊 gives: no name, year 0
    bare.number, bare.cumulative = 0, 1
    found = {f.check: f for f in check_content(bare)}
    for check in ("cover-name", "cover-year", "cover-number"):
        assert found[check].severity == "error"
    named = Issue(year=2026, number=6, cumulative=99)
    named.gazette.name = "青禾市人民政府公报"
    assert not [f for f in check_content(named) if f.check.startswith("cover-")]
