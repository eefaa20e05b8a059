"""Breaking by meaning: titles, TOC entries, the board box (layout/words.py + linebreak.py).

The word boundaries are jieba's (its dictionary, its HMM-free most-probable cut); the real
issues (reference, demo, govdocs) are built through the real pipeline and every line break
in a title, TOC entry or board item is checked against the segmenter.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from editor.compose import compose
from editor.importing import load_input
from layout import words
from layout.display import GlyphRun, Ref
from layout.engine import FontMeasure, LayoutCache, typeset
from layout.linebreak import TextStyle, set_lines
from layout.template import load_template
from tests.layout_grid import GridBook

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "hld-2018-02.txt"
GOVDOCS = SHARED / "corpus" / "govdocs"
EM = 10.0
M = FontMeasure(GridBook())

TITLES = [
    "葫芦岛市人民政府关于印发葫芦岛市土壤污染治理与修复规划（2017-2020年）的通知",
    "葫芦岛市人民政府关于明确环境保护税市与县分享体制的通知",
    "青禾市人民政府关于印发青禾市城乡供水保障三年行动方案（2026-2028年）的通知",
    "青禾市人民政府关于做好2027年元旦春节期间有关工作的通知",
    "国务院办公厅转发国家教委关于内地西藏班（校）扩大规模有关问题请示的通知",
]


def breaks_of(lines: list[str]) -> tuple[str, list[int]]:
    text, at = "", []
    for line in lines:
        if text:
            at.append(len(text))
        text += line
    return text, at


def bad_breaks(lines: list[str]) -> list[str]:
    """The breaks of these consecutive lines that fall inside a word, a number with its unit,
    a document number or a 《》 title, shown as 前｜后."""
    text, at = breaks_of(lines)
    glued = words.glue(text)
    return [text[max(0, k - 4) : k] + "｜" + text[k : k + 4] for k in at if k in glued]


def test_segmenter_cuts_like_jieba_without_its_hmm():
    jieba = pytest.importorskip("jieba")  # the dictionary's own package, for comparison only
    tk = jieba.Tokenizer()
    for title in TITLES + [
        "国务院关于授权香港特别行政区实施管辖的深圳湾口岸港方口岸区范围和土地使用期限的批复"
    ]:
        for run in re.findall(r"[\u4e00-\u9fff]+", title):
            assert words.words(run) == tuple(tk.cut(run, HMM=False)), run


def test_numbers_units_document_numbers_and_book_titles_are_glued():
    text = "关于做好2027年元旦工作的通知（葫政办发〔2018〕26号）和《政府工作报告》"
    glued = words.glue(text)
    assert text.index("年") in glued  # 2027｜年
    number = text.index("（葫")
    assert set(range(number + 1, text.index("）") + 1)) <= glued
    book = text.index("《")
    assert set(range(book + 1, text.index("》") + 1)) <= glued
    assert text.index("元旦") not in glued  # 年｜元旦 is a word boundary
    assert text.index("通知") - 1 in words.preferred(text)  # before 的通知


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("width_em", [18, 22, 27])
def test_balanced_titles_break_only_between_words(title, width_em):
    lines = set_lines(title, TextStyle("body", EM, 0.0, "balance"), M, width_em * EM)
    texts = [line.text for line in lines]
    assert "".join(texts) == title
    assert bad_breaks(texts) == []
    assert all(line.width <= width_em * EM + 1e-6 for line in lines)
    if len(lines) == 2:  # balanced: the lines differ by a few characters, not by half a title
        assert abs(len(texts[0]) - len(texts[1])) <= 8


def test_a_third_line_when_two_would_split_a_word():
    title = "国务院办公厅国务院办公厅国务院办公厅"  # three 6-character words, 10 em measure
    lines = set_lines(title, TextStyle("body", EM, 0.0, "balance"), M, 10 * EM)
    assert [line.text for line in lines] == ["国务院办公厅"] * 3


def test_an_explicit_line_break_in_a_title_is_kept():
    lines = set_lines(
        "国务院办公厅转发国家教委\n关于内地西藏班扩大规模", TextStyle("body", EM, 0.0, "balance"), M, 30 * EM
    )
    assert [line.text for line in lines] == ["国务院办公厅转发国家教委", "关于内地西藏班扩大规模"]


def test_toc_entry_keeps_the_document_number_whole_and_hangs():
    text = "葫芦岛市人民政府关于明确环境保护税市与县分享体制的通知（葫政发〔2018〕5号）"
    st = TextStyle("body", EM, -EM, "left", words=True)
    lines = set_lines(text, st, M, 30 * EM)
    assert [line.text for line in lines] == [
        "葫芦岛市人民政府关于明确环境保护税市与县分享体制的通知",
        "（葫政发〔2018〕5号）",
    ]
    assert lines[0].xs[0] == pytest.approx(-EM)  # the first line hangs out by one em
    # the continuation's opening bracket loses its leading half-em blank (clreq): its ink,
    # which starts half an em into the glyph, sits on the continuation edge
    assert lines[1].xs[0] == pytest.approx(-EM / 2)


def test_body_text_still_breaks_between_any_two_characters():
    lines = set_lines("环境保护" * 10, TextStyle("body", EM, 0.0, "justify"), M, 9 * EM)
    assert lines[0].text == "环境保护环境保护环"


# --- the real issues ---------------------------------------------------------------------


def govdocs_recipe(tmp: Path) -> Path:
    docs = tmp / "docs"
    docs.mkdir()
    names = ["01", "04", "05", "11", "12", "09"]
    for n in names:  # each file opens with its source and via lines and a blank line
        lines = (GOVDOCS / f"{n}.txt").read_text(encoding="utf-8").splitlines()
        (docs / f"{n}.txt").write_text("\n".join(lines[3:]) + "\n", encoding="utf-8")
    listed = ", ".join(f'"docs/{n}.txt"' for n in names)
    recipe = tmp / "recipe.toml"
    recipe.write_text(
        '[gazette]\nname = "测试市人民政府公报"\nperiodicity = "月刊"\n\n'
        "[issue]\nyear = 2019\nnumber = 1\ncumulative = 1\ndate = 2019-02-01\n\n"
        '[board]\n"主办" = "测试市人民政府办公室"\n"编辑部地址" = "测试市人民路100号政务服务中心417室"\n\n'
        f'[[sections]]\nname = "国务院文件"\ndocuments = [{listed}]\n',
        encoding="utf-8",
    )
    return recipe


def display_lines(book) -> dict:
    """Lines of every title, TOC entry and board item, in order, by key."""
    rows: dict = defaultdict(list)
    for pi, page in enumerate(book.pages):
        for it in page.items:
            if not isinstance(it, GlyphRun) or not isinstance(it.key, Ref):
                continue
            if it.key.part in ("title", "toc", "board"):
                rows[(it.key, pi, round(it.y, 2))].append((it.x[0], it.text))
    out: dict = defaultdict(list)
    for (k, _, _), runs in sorted(rows.items(), key=lambda kv: (str(kv[0][0]), kv[0][1], kv[0][2])):
        text = "".join(t for _, t in sorted(runs))
        out[k].append(re.sub(r"…+\d*$", "", text) if k.part == "toc" else text)
    return out


@pytest.fixture(scope="module")
def issues(tmp_path_factory):
    sources = {"demo": ROOT / "demo" / "recipe.toml"}
    if SEED.is_file():
        sources["reference"] = SEED
    if GOVDOCS.is_dir():
        sources["govdocs"] = govdocs_recipe(tmp_path_factory.mktemp("gov"))
    return sources


@pytest.mark.parametrize("template", ["gazette-a4", "gbt9704"])
def test_no_title_toc_or_board_line_breaks_inside_a_word(issues, template):
    tpl = load_template(template)
    found = {}
    for name, src in issues.items():
        book = typeset(compose(load_input(src)), tpl, cache=LayoutCache())
        lines = display_lines(book)
        assert any(k.part == "title" for k in lines) and any(k.part == "toc" for k in lines)
        for key, texts in lines.items():
            bad = bad_breaks(texts)
            if bad:
                found[(name, key)] = bad
    assert found == {}


def test_the_dictionary_is_rebuilt_in_a_fresh_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "gazette-press"))
    monkeypatch.setattr(words, "installed_dir", lambda: tmp_path / "not-installed")  # as without setup
    words.dictionary.cache_clear()
    try:
        d = words.dictionary()
        assert d is not None and d.find("人民政府")[0] > 0
        files = list((tmp_path / "gazette-press").glob("words-*.bin"))
        assert len(files) == 1 and files[0].read_bytes().startswith(words.MAGIC)
        words.dictionary.cache_clear()
        again = words.dictionary()  # read back from the file
        assert again is not None and again.segment("环境保护税") == d.segment("环境保护税")
    finally:
        words.dictionary.cache_clear()


def test_toc_page_numbers_are_tabular_and_flush_right():
    if not SEED.is_file():
        pytest.skip("the reference issue is not beside the project")
    tpl = load_template("gazette-a4")
    book = typeset(compose(load_input(SEED)), tpl, cache=LayoutCache())
    fonts = LayoutCache().fontbook(tpl)
    right = tpl.margin_inner + tpl.type_width
    numbers = [
        it
        for it in book.pages[0].items
        if isinstance(it, GlyphRun) and it.text.isdigit() and isinstance(it.key, Ref) and it.key.part == "toc"
    ]
    assert len(numbers) == 8
    digit = max(fonts.advance(numbers[0].face, d) for d in "0123456789") * numbers[0].size
    for run in numbers:
        centres = [
            x + fonts.advance(run.face, ch) * run.size / 2 for x, ch in zip(run.x, run.text, strict=True)
        ]
        assert centres[-1] + digit / 2 == pytest.approx(right, abs=0.01)  # flush right
        for a, b in zip(centres, centres[1:], strict=False):
            assert b - a == pytest.approx(digit, abs=0.01)  # equal advances
    tens = {
        round(r.x[0] + fonts.advance(r.face, r.text[0]) * r.size / 2, 2) for r in numbers if len(r.text) == 2
    }
    assert len(tens) == 1  # the tens digits of 10, 21, 26 … stand on one vertical


def test_a_first_build_with_an_empty_cache_reads_the_dictionary_setup_installed(tmp_path, monkeypatch):
    installed = tmp_path / "share"
    monkeypatch.setattr(words, "installed_dir", lambda: installed)
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "empty-cache"))
    words.dictionary.cache_clear()
    try:
        made = words.install_compiled()
        assert made is not None and made.parent == installed

        def no_compiling(_source):
            raise AssertionError("compiled again although setup installed it")

        monkeypatch.setattr(words, "compile_dictionary", no_compiling)
        d = words.dictionary()
        assert d is not None and d.find("人民政府")[0] > 0
        assert not (tmp_path / "empty-cache").exists()  # nothing compiled into the user's cache
    finally:
        words.dictionary.cache_clear()


def test_han_runs_are_the_han_blocks_only():
    # Extension A (㐀), unified (中) and compatibility (豈) ideographs; kana, full-width marks,
    # digits and Latin letters end a run
    text = "㐀中豈，abcの中文2018年〔国〕"
    assert [text[a:b] for a, b in words.han_runs(text)] == ["㐀中豈", "中文", "年", "国"]
    assert words.han_runs("") == [] and words.han_runs("2018") == []
    assert words.han_runs("公报") == [(0, 2)]


def test_document_numbers_and_titles_stay_whole_with_or_without_their_marks():
    # glue skips the document-number and 《》 patterns when their marks are absent; with them,
    # no break inside 葫政发〔2018〕15号 or 《规划》
    text = "关于印发葫政发〔2018〕15号文件和《规划》的通知"
    bad = words.glue(text)
    start = text.index("葫政发")
    assert set(range(start + 1, text.index("号") + 1)) <= bad
    assert set(range(text.index("《") + 1, text.index("》") + 1)) <= bad
