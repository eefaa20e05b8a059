"""The shared shapes of a 公文: what importers accept, what checks detect, and that they agree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editor import content_checks, docx_import, text_import
from editor.model import Block, Document, Issue, Role, Section
from editor.official import (
    ATTACHMENT_MARK_RE,
    ATTACHMENT_NOTE_RE,
    DOC_NUMBER_PARTS_RE,
    DOC_NUMBER_RE,
    NOTE_RE,
    PUBLICATION_NOTE_RE,
    banner_shaped,
    chinese_counting,
    chinese_digits,
    chinese_number,
    date_parts,
    heading_families,
    heading_marker_level,
    heading_shaped,
    parse_date,
    parse_numeral,
    recipients_shaped,
    title_shaped,
)


def test_counting_numerals_are_strict_and_round_trip():
    for n in range(1, 1000):
        assert chinese_number(chinese_counting(n)) == n
    assert chinese_number("一十") == 10
    for bad in ("", "二二", "十十", "百", "零", "一百零", "三月"):
        assert chinese_number(bad) is None, bad


def test_digit_by_digit_and_accepting_reading():
    assert chinese_digits("二〇一八") == chinese_digits("二○一八") == chinese_digits("二O一八") == 2018
    assert chinese_digits("二十") is None
    assert [parse_numeral(s) for s in ("12", "１２", "十二", "一二", "三十一")] == [12, 12, 12, 12, 31]


def test_date_lines_accepted_as_written_but_only_real_dates_parse():
    assert parse_date("二〇〇六年十二月三十日") == dt.date(2006, 12, 30)
    assert parse_date("二ＯＯ六年十二月三十日") == dt.date(2006, 12, 30)  # full-width O typed for 〇
    assert parse_date("2018 年 3 月 14 日") == dt.date(2018, 3, 14)  # extraction spaces
    assert date_parts("2018年2月30日") == (2018, 2, 30)
    assert parse_date("2018年2月30日") is None
    assert date_parts("2018年3月") is None and date_parts("于2018年3月14日") is None


@pytest.mark.parametrize(
    "line, level",
    [
        ("一、总体要求", 1),
        ("一．总体要求", 1),
        ("第二章 总则", 1),
        ("第三部分 保障措施", 1),
        ("（一）工作目标", 2),
        ("(十二)其他", 2),
        ("第一节 一般规定", 2),
        ("1. 建立制度", 3),
        ("12、加强领导", 3),
        ("（3）按时报送", 4),
        ("1. 5万元", 0),  # a decimal broken by a space
        ("第二分局负责", 0),
        ("二〇一八年工作", 0),
        ("各区人民政府：", 0),
    ],
)
def test_heading_markers(line, level):
    assert heading_marker_level(line) == level


def test_both_importers_read_markers_the_same_way():
    """A rule fixed in official.py holds for text and Word import alike."""
    for line in ("一，总体要求", "第三部分 保障措施", "100. 事项", "（1）事项", "第二分局负责"):
        level = heading_marker_level(line)
        role = docx_import.heading_level(line)
        assert (role is None) == (level == 0)
        if level:
            assert role == (Role.HEADING1, Role.HEADING2, Role.HEADING3, Role.HEADING4)[level - 1]


def test_heading_shape():
    assert heading_shaped("1. 建立健全议事决策制度体系。")
    assert not heading_shaped("1. 加强统筹规划。各地区要统筹安排。")
    assert not heading_shaped("（一）工作要求如下：")


def test_families_group_siblings_under_one_parent():
    # 一、 1. 2. （一）... ; a break (None) closes every family
    levels = [1, 3, 3, 0, 1, 3, None, 3]
    families = sorted(heading_families(levels))
    assert families == [[0, 4], [1, 2], [5], [7]]


def test_document_numbers_accepted_by_importers_detected_by_checks():
    for written in ("葫政发〔2018〕4号", "葫政发[2018]4号", "葫政发（2018）第04号", "葫政发 〔2018〕 4 号"):
        m = DOC_NUMBER_RE.fullmatch(written)
        assert m and m["code"] == "葫政发" and m["year"] == "2018", written
    m = DOC_NUMBER_PARTS_RE.match("葫政发{2018}第04")
    assert (m["lb"], m["rb"], m["di"], m["num"], m["hao"]) == ("{", "}", "第", "04", "")
    assert text_import.is_number("葫政发〔2018〕4号") and text_import.is_number("第5号")
    assert not text_import.is_number("ABC〔2018〕4号")  # in text, the issuing code is Chinese


def test_notes_and_attachments():
    for note in ("（此件公开发布）", "(此件公开发布)", "（此页无正文）", "（联系人：张三，电话：1234567）"):
        assert NOTE_RE.match(note), note
    assert PUBLICATION_NOTE_RE.match("(此件公开发布)")
    assert not PUBLICATION_NOTE_RE.match("（联系人：张三，电话：1234567）")
    for line in ("附件：1.葫芦岛市规划", "附件1.葫芦岛市规划", "附：名单"):
        assert ATTACHMENT_NOTE_RE.match(line), line
    for mark in ("附件", "附件2", "附件2：", "附："):
        assert ATTACHMENT_MARK_RE.match(mark), mark
    assert not ATTACHMENT_MARK_RE.match("附件1.葫芦岛市规划")


def test_head_shapes():
    assert banner_shaped("葫芦岛市人民政府文件") and banner_shaped("葫芦岛市人民政府令")
    assert not banner_shaped("关于废止部分规范性文件")  # a title that ends in 文件
    assert recipients_shaped("各县（市）区人民政府，市政府各部门、各直属机构：")
    assert not recipients_shaped("现将有关事项通知如下。具体要求：")
    assert not recipients_shaped("附件：")
    assert title_shaped("关于印发葫芦岛市土壤污染治理与修复规划的通知")
    assert not title_shaped("（此件公开发布）") and not title_shaped("2018年3月14日")


def test_checks_flag_what_importers_accept():
    """An impossible date survives import as the date line, so the check can report it."""
    doc = text_import.parse_document_text(
        "关于开展检查的通知\n各区人民政府：\n现将有关事项通知如下。\n葫芦岛市人民政府\n2018年2月30日\n",
        "d1",
    )
    assert [b.role for b in doc.blocks][-2:] == [Role.SIGNATURE, Role.DATE]
    issue = Issue(year=2018, number=2, sections=[Section("市政府文件", [doc])])
    assert "date-invalid" in {f.check for f in content_checks.check_content(issue)}


def test_heading_numbers_past_ninety_nine_are_named_right():
    blocks = [Block(Role.HEADING2, f"（{chinese_counting(n)}）事项") for n in (99, 100, 102)]
    doc = Document(id="d1", title="通知", blocks=blocks)
    found = [
        f
        for f in content_checks.check_content(Issue(sections=[Section("s", [doc])]))
        if f.check == "heading-sequence"
    ]
    late = [f for f in found if f.subject == "（一百零二）"]
    assert len(late) == 1 and "应为“（一百零一）”" in late[0].zh


def test_gui_role_guessing_reads_the_same_shapes_as_the_importers():
    from editor.official import guess_role

    assert guess_role("2018.12.4") == guess_role("2018年12月4") == Role.DATE
    assert guess_role("（一）目的意义。各地区要结合实际，制定具体方案。") == Role.HEADING2
    assert guess_role("(二)加强领导") == Role.HEADING2
    assert guess_role("一.总体要求") == Role.HEADING1
    assert guess_role("（三）对上级领导重要指示、批示的办理落实情况；") == Role.PARAGRAPH
    assert guess_role("附件：1.任务分解表") == Role.ATTACHMENT
    assert guess_role("葫芦岛市人民政府", align_right=True) == Role.SIGNATURE


def test_squash_removes_exactly_what_re_calls_white_space():
    import re

    from editor.official import squash

    every = "".join(map(chr, range(0x110000)))
    assert squash(every) == re.sub(r"\s+", "", every)


def test_nfkc_equals_unicodedata_on_every_character_and_on_mixed_lines():
    import random
    import unicodedata

    from editor.official import nfkc

    for cp in range(0x110000):
        if not 0xD800 <= cp <= 0xDFFF:
            c = chr(cp)
            assert nfkc(c) == unicodedata.normalize("NFKC", c), hex(cp)
    # full-width and half-width forms beside combining marks, Hangul jamo, kana and Han: the
    # forms replaced one by one must not change what composes with what
    pool = (
        [chr(c) for c in range(0xFF01, 0xFFF0)]
        + list("\u2026\u3000，。（）葫芦岛市政府发〔〕号年月日ｶﾞﾊﾟカ\u3099\u309a\u0301\u0308\u0323eAa")
        + ["\u1100", "\u1161", "\u11a8", "\uac00", "①", "⑴", "㍘", "㋀", "ﬁ", "½", "²"]
    )
    rng = random.Random(7)
    for _ in range(20000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        assert nfkc(s) == unicodedata.normalize("NFKC", s), s


def test_heading_marker_level_is_the_first_form_that_matches():
    import re

    from editor.official import HEADING_MARKERS, heading_marker_level

    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / "hld-2018-02.txt"
    lines = [
        ln.strip()
        for ln in (seed.read_text(encoding="utf-8").splitlines() if seed.is_file() else [])
        if ln.strip()
    ]
    lines += ["一、总则", "一，总则", "（一）目标", "(二) 任务", "第一章 总则", "第二节 范围", "第三部分",
              "1. 加强", "1. 5万元", "1、", "（1）", "(12)报送", "第5条", "十二．", "〇、", "", "总则"]  # fmt: skip
    for line in lines:
        first = next((lv for lv, form in HEADING_MARKERS if re.match(form, line)), 0)
        assert heading_marker_level(line) == first, line


def test_shortcuts_before_the_patterns_change_no_answer():
    """banner_shaped and date_parts look at a line's last or first character before trying their
    patterns: the same answers as the patterns alone, spaces and full-width forms included."""
    import random

    from editor.official import (
        BANNER_RE,
        DATE_RE,
        DOTTED_DATE_RE,
        banner_shaped,
        date_parts,
        nfkc,
        parse_numeral,
        squash,
    )

    def date_by_patterns(text):
        t = nfkc(text.strip())
        m = DATE_RE.match(t)
        if m:
            parts = parse_numeral(m["y"]), parse_numeral(m["m"]), parse_numeral(m["d"])
        else:
            dotted = DOTTED_DATE_RE.match(t)
            if not dotted:
                return None
            parts = int(dotted[1]), int(dotted[3]), int(dotted[4])
        y, mo, d = parts
        return None if y is None or mo is None or d is None or not (1 <= mo <= 99 and 1 <= d <= 99) else parts

    pool = list(
        "葫芦岛市人民政府办公室文件令关于年月日二〇一八十０１２３４５６７８９0123456789.-/．　 \t（）"
    )
    rng = random.Random(3)
    lines = ["葫芦岛市人民政府文件", "葫芦岛市人民政府文 件 ", "市长令", "2018年3月14日", "２０１８年３月１４日",
             "二〇〇六年十二月三十日", "2018.12.4", "٢٠١٨.3.4", "2018年2月30日", "关于废止部分规范性文件"]  # fmt: skip
    lines += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 16))) for _ in range(20000)]
    for line in lines:
        t = squash(line)
        assert banner_shaped(line) == (bool(BANNER_RE.match(t)) and "关于" not in t), line
        assert date_parts(line) == date_by_patterns(line), line
