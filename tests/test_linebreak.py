"""Line breaking and justification, checked on positions (10 pt grid: Han = 10 pt wide)."""

from __future__ import annotations

from math import copysign

import pytest

from layout.display import FaceRef
from layout.engine import FontMeasure
from layout.linebreak import NO_END, NO_START, TextStyle, set_lines
from tests.layout_grid import GRID_FACE, GridBook

EM = 10.0
M = FontMeasure(GridBook())


def lines_of(text: str, width_em: float, indent_em: float = 0.0, align: str = "justify", **kw):
    st = TextStyle("body", EM, indent_em * EM, align, **kw)
    return set_lines(text, st, M, width_em * EM)


def right_edge(line) -> float:
    """Where the line's set text ends: the last glyph's advance minus a line-end punctuation cut."""
    last = line.text[-1]
    adv = M.glyph("body", last)[1] * EM
    cut = EM / 2 if last in "，。、；：？！）」』》〉】〕］｝”’" else 0.0
    return line.xs[-1] + adv - cut


def test_comma_at_line_start_is_pulled_up_when_squeezing_costs_less():
    # ten characters fill the line exactly; the next one is a comma. The line has a comma of
    # its own whose half-em blank can absorb the overflow: push-in moves 0.5 em, push-out 1 em.
    ls = lines_of("甲乙丙，丁戊己庚辛壬，癸子丑", 10)
    assert ls[0].text == "甲乙丙，丁戊己庚辛壬，"
    assert ls[1].text == "癸子丑"
    assert right_edge(ls[0]) == pytest.approx(100.0, abs=0.1)
    # the inner comma gave up its blank: 丁 follows it at half an em
    i = ls[0].text.index("丁")
    assert ls[0].xs[i] - ls[0].xs[i - 1] == pytest.approx(5.0, abs=0.01)


def test_comma_at_line_start_pushes_a_character_down_when_nothing_can_squeeze():
    ls = lines_of("甲乙丙丁戊己庚辛壬癸，子丑寅", 10)
    assert ls[0].text == "甲乙丙丁戊己庚辛壬"
    assert ls[1].text.startswith("癸，")
    assert right_edge(ls[0]) == pytest.approx(100.0, abs=0.1)  # spread over the gaps, not ragged


@pytest.mark.parametrize("mark", ["（", "《", "“", "〔"])
def test_opening_mark_never_ends_a_line(mark):
    text = "甲乙丙丁戊己庚辛壬" + mark + "癸子丑寅卯" + "辰巳午未申酉戌亥" * 2
    for line in lines_of(text, 10):
        assert line.text[-1] not in NO_END
        assert line.text[0] not in NO_START


@pytest.mark.parametrize("pair", ["——", "……"])
def test_dash_and_ellipsis_never_split(pair):
    for pos in range(6, 12):
        text = "甲" * pos + pair + "乙丙丁戊己庚辛壬癸子丑寅卯"
        ls = lines_of(text, 10)
        joined = [line.text for line in ls]
        assert "".join(joined) == text
        for a, b in zip(joined, joined[1:], strict=False):
            assert not (a.endswith(pair[0]) and b.startswith(pair[1])), (pos, joined)


@pytest.mark.parametrize("word", ["2018", "24620.54", "hldxxk@163.com", "ISO9000", "Стрелец", "Café"])
def test_western_words_and_numbers_are_never_split(word):
    for pos in range(3, 11):
        text = "甲" * pos + word + "乙丙丁戊己庚辛壬癸子丑寅卯辰巳"
        ls = lines_of(text, 10)
        assert any(word in line.text for line in ls), (pos, [x.text for x in ls])


def test_a_word_longer_than_the_line_is_the_only_one_split():
    ls = lines_of("网址" + "a" * 30 + "。", 10)
    assert all(len(line.xs) == len(line.text) for line in ls)
    assert max(line.width for line in ls) <= 100.0 + 0.01


@pytest.mark.parametrize("pair", ["。”", "）、", "），", "》（", "：“", "）。", "（“"])
def test_adjacent_full_width_marks_are_compressed(pair):
    line = lines_of("甲乙" + pair + "丙丁", 20, align="left")[0]
    i = line.text.index(pair)
    # the pair's inks sit half an em apart instead of a whole em: one blank was removed
    assert line.xs[i + 1] - line.xs[i] == pytest.approx(EM / 2, abs=0.01)
    assert line.width == pytest.approx(5.5 * EM, abs=0.01)


def test_line_end_punctuation_is_compressed_and_the_line_stays_flush():
    ls = lines_of("甲乙丙丁戊己庚辛壬，癸子丑", 10)
    assert ls[0].text.endswith("，")
    assert right_edge(ls[0]) == pytest.approx(100.0, abs=0.1)


def test_justified_lines_end_on_the_type_area_edge():
    text = (
        "根据《中华人民共和国预算法》和国务院有关规定，2018年起征收环境保护税（税额24620.54万元），"
        "市与县按“属地征收、分级分享”原则，实行比例分享；具体办法见附件。联系方式：hldxxk@163.com。"
    ) * 3
    ls = lines_of(text, 28, indent_em=2)
    assert len(ls) > 4
    for line in ls[:-1]:
        assert right_edge(line) == pytest.approx(280.0, abs=0.1), line.text
        assert line.text[0] not in NO_START and line.text[-1] not in NO_END
    assert ls[0].xs[0] == pytest.approx(20.0)  # first-line indent of two em
    assert "".join(line.text for line in ls) == text


def test_no_single_character_last_line():
    # greedy would leave "卯。" alone: a character is pushed down to keep it company
    text = "甲乙丙丁戊己庚辛" + "壬癸子丑寅甲乙丙丁戊" + "卯。"
    ls = lines_of(text, 10, indent_em=2)
    assert len(ls[-1].text.strip("。，；：！？”）")) >= 2
    assert right_edge(ls[-2]) == pytest.approx(100.0, abs=0.1)


def test_quarter_em_between_han_and_western():
    line = lines_of("共计2018年度", 20, align="left")[0]
    i = line.text.index("2")
    assert line.xs[i] - line.xs[i - 1] == pytest.approx(EM + EM / 4)
    j = line.text.index("年")
    assert line.xs[j] - line.xs[j - 1] == pytest.approx(EM / 2 + EM / 4)
    plain = lines_of("共计2018年度", 20, align="left", western_space=0.0)[0]
    assert plain.xs[i] - plain.xs[i - 1] == pytest.approx(EM)


def test_kaiming_style_sets_commas_half_width():
    line = lines_of("甲，乙。丙", 20, align="left", punctuation="kaiming")[0]
    assert line.xs[2] - line.xs[1] == pytest.approx(5.0)  # ， half
    assert line.xs[4] - line.xs[3] == pytest.approx(10.0)  # 。 a pause: full


def test_balanced_title_lines_are_close_in_length_and_centred():
    title = "葫芦岛市人民政府办公室关于印发2018年重点民生工程（实事）任务分解方案的通知"
    ls = lines_of(title, 24, align="balance")
    assert len(ls) == 2
    assert abs(ls[0].width - ls[1].width) <= 3 * EM
    for line in ls:
        left = line.xs[0]
        assert left == pytest.approx(240 - line.width - left, abs=EM)


def test_missing_characters_are_reported_with_the_line():
    m = FontMeasure(GridBook(missing="㐀"))
    ls = set_lines("甲㐀乙", TextStyle("body", EM), m, 100)
    assert ls[0].missing == ["㐀"]
    assert ls[0].text == "甲〓乙"  # drawn as the geta mark, never as an empty box


def test_same_input_same_lines():
    text = "现将《葫芦岛市土壤污染治理与修复规划（2017-2020年）》印发给你们，请结合实际，认真贯彻落实。" * 4
    a = [(x.text, x.xs) for x in lines_of(text, 30, 2)]
    b = [(x.text, x.xs) for x in lines_of(text, 30, 2)]
    assert a == b


def test_title_breaks_between_words_where_a_title_shows_them():
    ls = lines_of(
        "葫芦岛市人民政府关于印发葫芦岛市土壤污染治理与修复规划（2017-2020年）的通知", 27, align="balance"
    )
    assert [x.text for x in ls] == [
        "葫芦岛市人民政府关于印发葫芦岛市土壤污染",
        "治理与修复规划（2017-2020年）的通知",
    ]
    ls = lines_of("葫芦岛市人民政府办公室关于进一步加强政务信息工作的通知", 20, align="balance")
    assert ls[0].text.endswith("关于")


def test_random_paragraphs_keep_every_rule():
    """Many generated paragraphs mixing Han, marks in pairs, numbers and Latin: every line
    obeys kinsoku, keeps —— …… and words whole, and every line but the last is flush."""
    import random

    rng = random.Random(9704)
    pieces = list(
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    )
    pieces += [
        "，",
        "。",
        "、",
        "；",
        "：",
        "“",
        "”",
        "（",
        "）",
        "《",
        "》",
        "。”",
        "）、",
        "——",
        "……",
        "2018",
        "24620.54",
        "ISO9000",
    ]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(20, 160)))
        width = rng.randint(12, 30)
        ls = lines_of(text, width, indent_em=2)
        assert "".join(x.text for x in ls) == text
        bounds = []
        at = 0
        for line in ls[:-1]:
            at += len(line.text)
            bounds.append(at)
        for k, line in enumerate(ls):
            if k:
                assert line.text[0] not in NO_START, (text, width)
            if k < len(ls) - 1:
                assert line.text[-1] not in NO_END, (text, width)
                assert right_edge(line) == pytest.approx(width * EM, abs=0.1), (text, width)
        if len(ls) > 1:  # no 孤字: the last line holds two characters besides marks
            assert (
                len(
                    [
                        c
                        for c in ls[-1].text
                        if c not in "，。、；：？！）」』》〉】〕］｝”’（「『《〈【〔［｛“‘"
                    ]
                )
                >= 2
            ), (text, width)
        for unit in ("——", "……", "2018", "24620.54", "ISO9000"):
            start = text.find(unit)
            while start >= 0:
                assert not any(start < b < start + len(unit) for b in bounds), (unit, text, width)
                start = text.find(unit, start + len(unit))


class TwoFaceBook(GridBook):
    """A chain of two faces: the first lacks 〓 and U+20000, the second has 〓 only."""

    def __init__(self) -> None:
        super().__init__()
        self.second = FaceRef("Second", "/dev/null", 0, "Second")
        self.faces[self.second.id] = self.second

    def chain(self, role: str) -> list[FaceRef]:
        return [GRID_FACE, self.second]

    def face_for(self, role: str, ch: str) -> FaceRef | None:
        if ch == "\U00020000":
            return None
        return self.second if ch == "〓" else GRID_FACE


def test_a_character_no_face_has_is_set_as_geta_in_the_first_face_that_has_it():
    ls = set_lines("甲\U00020000乙", TextStyle("body", EM), FontMeasure(TwoFaceBook()), 100)
    assert ls[0].text == "甲〓乙" and ls[0].missing == ["\U00020000"]
    assert ls[0].faces == ["Grid", "Second", "Grid"]
    assert ls[0].xs == [0.0, 10.0, 20.0]  # 〓 takes its own advance, one em


def test_geta_inside_a_western_word_and_on_the_right_line():
    m = FontMeasure(GridBook(missing="\U00020000ß"))
    ls = set_lines("甲" * 9 + "乙丙\U00020000丁 Straße", TextStyle("body", EM), m, 100)
    assert [line.missing for line in ls] == [[], ["\U00020000", "ß"]]
    assert "〓" in ls[1].text and "Stra〓e" in ls[1].text


def test_a_line_break_in_the_text_is_a_forced_break():
    ls = lines_of("甲乙丙\n丁戊己庚", 10, indent_em=2)
    assert [line.text for line in ls] == ["甲乙丙", "丁戊己庚"]
    assert ls[0].xs == [20.0, 30.0, 40.0]  # indented, not spread to the edge
    assert ls[1].xs[0] == 0.0  # the text after the break starts at the left edge


def test_the_last_wrapped_line_before_a_break_is_not_justified():
    ls = lines_of("甲" * 14 + "\r\n" + "乙" * 3 + "\v丙丙\u2028", 10)
    assert [line.text for line in ls] == ["甲" * 10, "甲" * 4, "乙" * 3, "丙丙"]
    assert right_edge(ls[0]) == pytest.approx(100)
    assert ls[1].xs == [0.0, 10.0, 20.0, 30.0] and ls[1].last
    assert ls[2].xs == [0.0, 10.0, 20.0]


def test_blank_lines_and_indents_around_breaks_are_dropped():
    ls = lines_of("\u3000\u3000甲乙\n\n  \n\u3000丙丁", 10)
    assert [line.text for line in ls] == ["甲乙", "丙丁"]


def test_marks_with_a_space_between_are_still_a_pair():
    # the space is no atom (a full-width mark takes no Western space): 。 and “ touch and are
    # compressed like 。“, although atomize finds pairs per run of text between spaces
    spaced = lines_of("甲乙。 “丙”丁", 20, align="left")[0]
    plain = lines_of("甲乙。“丙”丁", 20, align="left")[0]
    assert spaced.text == plain.text == "甲乙。“丙”丁"
    assert spaced.xs == plain.xs
    assert spaced.xs[3] - spaced.xs[2] == pytest.approx(EM / 2)


def test_a_repeated_word_with_a_missing_character_is_reported_every_time():
    # the facts of a Western word are remembered per font and size: the second 2ß0 and the
    # second paragraph must still be drawn with 〓 and reported
    m = FontMeasure(GridBook(missing="ß"))
    st = TextStyle("body", EM)
    for _ in range(2):
        ls = set_lines("甲2ß0乙2ß0丙", st, m, 200)
        assert ls[0].text == "甲2〓0乙2〓0丙"
        assert ls[0].missing == ["ß", "ß"]


def test_a_lone_dash_or_letter_is_plain_text_next_to_words():
    # — alone is no unsplittable pair and ends up in the plain run; x after a word still gets
    # the Western space on both sides
    ls = lines_of("甲—乙abc丙", 20, align="left")
    assert ls[0].text == "甲—乙abc丙"
    assert ls[0].xs[:3] == [0.0, 10.0, 20.0]
    assert ls[0].xs[3] == pytest.approx(30.0 + 0.25 * EM)
    assert ls[0].xs[6] == pytest.approx(ls[0].xs[5] + 5.0 + 0.25 * EM)


def test_a_mark_drawn_as_geta_keeps_its_line_breaking_rules():
    # no face has the comma: it is drawn as 〓 but still never starts a line and still counts
    # as a mark for the one-character last line rule
    m = FontMeasure(GridBook(missing="，"))
    ls = set_lines("甲乙丙丁戊己庚辛壬癸，子丑", TextStyle("body", EM), m, 100)
    assert len(ls) == 2
    assert not ls[1].text.startswith("〓")
    assert "".join(line.text for line in ls) == "甲乙丙丁戊己庚辛壬癸〓子丑"
    assert [c for line in ls for c in line.missing] == ["，"]


def test_evenly_set_lines_keep_the_sign_of_a_zero_start():
    # lines of one count, step and gap share their positions; a line starting at -0.0 (a TOC
    # entry's hanging indent of zero) must not take those of one starting at 0.0
    plain = set_lines("甲乙丙", TextStyle("body", EM, 0.0, "left"), M, 100)
    negative = set_lines("甲乙丙", TextStyle("body", EM, -0.0, "left"), M, 100)
    assert plain[0].xs == negative[0].xs == [0.0, 10.0, 20.0]
    assert copysign(1.0, plain[0].xs[0]) == 1.0
    assert copysign(1.0, negative[0].xs[0]) == -1.0
    justified = set_lines("甲乙丙丁戊己庚辛壬癸子丑" * 2, TextStyle("body", EM), M, 105)
    assert justified[0].xs == pytest.approx([k * (EM + 5.0 / 9) for k in range(10)])


def test_remembered_western_words_are_bounded(monkeypatch):
    # an editing session keeps meeting new numbers: the per-font table of word facts is
    # emptied when full, and words set after that are measured again, the same
    from layout import linebreak

    monkeypatch.setattr(linebreak, "WORDS_KEPT", 3)
    m = FontMeasure(GridBook())
    st = TextStyle("body", EM, align="left")
    first = set_lines("甲2018乙", st, m, 200)[0].xs
    for n in range(10):
        set_lines(f"甲{n}{n}乙", st, m, 200)
    facts = linebreak._char_info(m, "body", EM)
    assert 0 < len(facts.words) <= 3
    assert set_lines("甲2018乙", st, m, 200)[0].xs == first
