"""The whole build: TOC fixpoint, folios, running heads, cache, progress, templates."""

from __future__ import annotations

from dataclasses import replace

import pytest

from layout.blocks import BoardLine, Flow, Front, Para, Publication, TocEntry, TocGroup
from layout.display import GlyphRun, Link, Ref
from layout.engine import LayoutCache, typeset, typeset_steps
from layout.errors import TemplateError
from layout.template import MM, load_template, template_from_dict
from tests.layout_grid import GridBook

TPL = load_template("gazette-a4")


def flow(i: int, paras: int = 30) -> Flow:
    blocks = [
        Para("banner", "某某市人民政府文件", Ref(f"d{i}", "issuer")),
        Para("doc-number", f"某政发〔2018〕{i}号", Ref(f"d{i}", "number")),
        Para("title", f"某某市人民政府关于第{i}项工作的通知", Ref(f"d{i}", "title")),
        Para("recipients", "各县（市）区人民政府，市政府有关部门：", Ref(f"d{i}", "recipients")),
    ]
    blocks += [
        Para("body", "为做好有关工作，现就相关事项通知如下，请认真贯彻落实。" * 3, Ref(f"d{i}", "block", k))
        for k in range(paras)
    ]
    blocks += [
        Para("signature", "某某市人民政府", Ref(f"d{i}", "block", 99)),
        Para("date", "2018年3月14日", Ref(f"d{i}", "block", 100)),
    ]
    return Flow(
        f"d{i}", tuple(blocks), bookmark=f"第{i}项工作的通知", group="市政府文件" if i < 3 else "办公室文件"
    )


def publication(n: int = 4, paras: int = 30) -> Publication:
    flows = tuple(flow(i, paras + 7 * i) for i in range(1, n + 1))
    groups = {}
    for f in flows:
        groups.setdefault(f.group, []).append(
            TocEntry(f"某某市人民政府关于{f.bookmark}", f"某政发〔2018〕{f.id[1:]}号", f.id)
        )
    front = Front(
        "某某市人民政府公报",
        "双月刊",
        "2018年第2期（总第51期）",
        "2018年3月19日出版",
        tuple(TocGroup(name, tuple(es)) for name, es in groups.items()),
        board=(BoardLine("主办", ("某某市人民政府办公室",)), BoardLine("邮编", ("125000",))),
    )
    return Publication(
        "公报", "2018年第2期", "某某市人民政府", "某某市人民政府公报　2018年第2期", front, flows
    )


def toc_numbers(book) -> dict[str, int]:
    """The number printed at the end of each TOC entry, read back from the display list."""
    out = {}
    for page in book.pages:
        if page.flow:
            continue
        for it in page.items:
            if isinstance(it, GlyphRun) and it.key and it.key.part == "toc" and it.text.isdigit():
                out[it.key.flow] = int(it.text)
    return out


@pytest.fixture(scope="module")
def book():
    return typeset(publication(), TPL, fonts=GridBook())


def test_toc_numbers_equal_the_folios_where_flows_start(book):
    printed = toc_numbers(book)
    assert set(printed) == {"d1", "d2", "d3", "d4"}
    for fid, number in printed.items():
        assert book.pages[book.anchors[fid]].folio == number
        assert book.pages[book.anchors[fid]].flow == fid
    assert book.passes == 1


def test_a_toc_that_grows_onto_more_pages_shifts_everything_and_still_agrees():
    pub = publication(40, paras=2)
    b = typeset(pub, TPL, fonts=GridBook())
    assert sum(1 for p in b.pages if not p.flow) >= 2
    assert b.passes >= 2
    printed = toc_numbers(b)
    assert len(printed) == 40
    assert all(b.pages[b.anchors[f]].folio == n for f, n in printed.items())


def test_toc_links_lead_to_the_flow_pages(book):
    links = [it for it in book.pages[0].items if isinstance(it, Link)]
    assert sorted(link.page for link in links) == sorted(book.anchors.values())


def test_folios_run_on_and_sit_outside(book):
    assert book.pages[0].folio is None and book.pages[0].label == "1"
    right = TPL.margin_inner + TPL.type_width
    for i, page in enumerate(book.pages[1:], start=2):
        assert page.folio == i and page.label == str(i)
        folio = [it for it in page.items if isinstance(it, GlyphRun) and it.text.strip("— ") == str(i)]
        assert len(folio) == 1, i
        run = folio[0]
        if i % 2:
            assert run.x[-1] > right - 3 * 12  # odd pages: right
        else:
            assert run.x[0] < TPL.margin_inner + 3 * 12  # even pages: left
        heads = [
            it for it in page.items if isinstance(it, GlyphRun) and it.text.startswith("某某市人民政府公报")
        ]
        assert heads and heads[0].y < TPL.margin_top


def test_nothing_within_10_mm_of_the_page_edge(book):
    for page in book.pages:
        for it in page.items:
            if isinstance(it, GlyphRun):
                assert it.x[0] >= 10 * MM and it.x[-1] + it.size <= page.width - 10 * MM
                assert it.y - it.size >= 10 * MM and it.y <= page.height - 10 * MM


def test_outline_has_groups_then_flows(book):
    levels = [(e.level, e.title) for e in book.outline]
    assert levels[0] == (0, "市政府文件")
    assert (1, "第1项工作的通知") in levels
    assert [e.level for e in book.outline].count(0) == 2


def test_same_input_gives_an_equal_display_list(book):
    again = typeset(publication(), TPL, fonts=GridBook())
    assert [p.items for p in again.pages] == [p.items for p in book.pages]


def test_cache_relays_only_the_changed_flow():
    cache = LayoutCache()
    fonts = GridBook()
    pub = publication()
    first = typeset(pub, TPL, fonts=fonts, cache=cache)
    assert len(cache.flows) == 4
    before = {k[0].id: v for k, v in cache.flows.items()}
    d3 = pub.flows[2]
    edited = replace(
        d3, blocks=d3.blocks[:5] + (Para("body", "改过的段落。" * 40, Ref("d3", "block", 0)),) + d3.blocks[6:]
    )
    pub2 = replace(pub, flows=pub.flows[:2] + (edited,) + pub.flows[3:])
    second = typeset(pub2, TPL, fonts=fonts, cache=cache)
    after = {k[0].id: v for k, v in cache.flows.items()}
    assert len(after) == 4  # the old d3 layout is forgotten
    assert all(after[f] is before[f] for f in ("d1", "d2", "d4"))  # reused, not re-laid
    assert after["d3"] is not before["d3"]
    fresh = typeset(pub2, TPL, fonts=GridBook())
    assert [p.items for p in second.pages] == [p.items for p in fresh.pages]
    assert second.pages[first.anchors["d1"]].items == first.pages[first.anchors["d1"]].items


def test_progress_is_reported_and_the_book_returned():
    steps = typeset_steps(publication(), TPL, fonts=GridBook())
    seen = []
    while True:
        try:
            seen.append(next(steps))
        except StopIteration as done:
            result = done.value
            break
    assert [s[0] for s in seen] == list(range(1, 7))
    assert all(total == 6 for _, total, _ in seen)
    assert seen[0][2] == "第1项工作的通知"
    assert len(result.pages) > 4


def test_odd_page_start_inserts_blank_pages_with_folios():
    tpl = replace(TPL, flow_start="odd")
    b = typeset(publication(), tpl, fonts=GridBook())
    for fid, index in b.anchors.items():
        assert b.pages[index].folio % 2 == 1, fid
    assert all(p.folio is not None for p in b.pages[1:])
    assert toc_numbers(b) == {f: b.pages[i].folio for f, i in b.anchors.items()}


def test_missing_characters_are_reported_with_page_and_key():
    pub = publication(1)
    f = pub.flows[0]
    f = replace(f, blocks=f.blocks + (Para("body", "生僻字㐀在此。", Ref("d1", "block", 200)),))
    b = typeset(replace(pub, flows=(f,)), TPL, fonts=GridBook(missing="㐀"))
    assert [(m.char, m.key) for m in b.missing] == [("㐀", Ref("d1", "block", 200))]
    assert b.pages[b.missing[0].page].flow == "d1"
    assert b.warnings and "㐀" in b.warnings[0].zh and "㐀" in b.warnings[0].en


def test_runs_carry_the_paragraph_key(book):
    keys = {it.key for p in book.pages for it in p.items if isinstance(it, GlyphRun)}
    assert Ref("d2", "title") in keys and Ref("d4", "block", 3) in keys


def test_unknown_template_name_is_one_clear_error():
    with pytest.raises(TemplateError) as e:
        load_template("no-such-template")
    assert "gazette-a4" in e.value.message("zh") and "gbt9704" in e.value.message("en")


def test_malformed_template_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[page\nwidth_mm = 210", encoding="utf-8")
    with pytest.raises(TemplateError) as e:
        load_template(str(bad))
    assert "TOML" in e.value.message("en")
    with pytest.raises(TemplateError):
        template_from_dict({"styles": {"body": {"size": "big"}}})
    with pytest.raises(TemplateError):
        template_from_dict({"styles": {"body": {"colour": 1}}})
    with pytest.raises(TemplateError):
        load_template(str(tmp_path / "missing.toml"))


def test_gbt9704_is_22_lines_of_28_characters():
    t = load_template("gbt9704")
    body = t.style("body")
    assert body.size == 16
    assert t.type_width / 16 == pytest.approx(28, abs=0.01)
    assert t.type_height / body.leading == pytest.approx(22, abs=0.01)
    assert t.margin_top == pytest.approx(37 * MM) and t.margin_inner == pytest.approx(28 * MM)


def test_with_fonts_puts_the_family_first_and_changes_the_fingerprint():
    t = TPL.with_fonts({"body": "Noto Serif CJK SC", "heading3": "AR PL UKai CN"})
    assert t.fonts["body"][0] == "Noto Serif CJK SC" and len(t.fonts["body"]) > 1
    assert t.style("heading3").font == "heading3" and t.fonts["heading3"][0] == "AR PL UKai CN"
    assert t.fingerprint != TPL.fingerprint
    assert TPL.fonts["body"][0] != "Noto Serif CJK SC"  # the original is untouched
    with pytest.raises(TemplateError):
        TPL.with_fonts({"nonsense": "X"})


@pytest.fixture(scope="module")
def real_fonts():
    from layout.fonts import FontBook

    return FontBook(TPL.fonts)


def test_real_fonts_justified_lines_end_on_the_edge(real_fonts):
    """With the installed CJK fonts (proportional digits and Latin), every line but a
    paragraph's last ends within 0.1 pt of the type area's right edge."""
    text = (
        "根据《中华人民共和国环境保护税法》（2016年12月25日通过）和国务院有关规定，2018年起征收环境保护税，"
        "全市税额约24620.54万元；咨询邮箱hldxxk@163.com，电话（0429）3114944。市与县按“属地征收、分级分享”原则……"
        "实行比例分享——具体办法见附件。"
    ) * 3
    f = Flow(
        "d1",
        (Para("body", text, Ref("d1", "block", 0)), Para("body", text[9:] + "完。", Ref("d1", "block", 1))),
    )
    pub = replace(publication(1), flows=(f,))
    b = typeset(pub, TPL, fonts=real_fonts)
    right = TPL.margin_inner + TPL.type_width
    page = b.pages[b.anchors["d1"]]
    runs = [it for it in page.items if isinstance(it, GlyphRun) and it.key and it.key.flow == "d1"]
    for key in {r.key for r in runs}:
        lines: dict[float, list[GlyphRun]] = {}
        for r in runs:
            if r.key == key:
                lines.setdefault(r.y, []).append(r)
        ys = sorted(lines)
        assert len(ys) > 3
        for y in ys[:-1]:
            last = max(lines[y], key=lambda r: r.x[-1])
            ch = last.text[-1]
            end = last.x[-1] + real_fonts.advance(last.face, ch) * last.size
            if ch in "，。、；：？！）」』》〉】〕］｝”’":
                end -= last.size / 2
            assert end == pytest.approx(right, abs=0.1), (key, ch)
            first = min(lines[y], key=lambda r: r.x[0]).text[0]
            assert first not in "，。、；：？！）」』》〉】〕］｝”’" and ch not in "（「『《〈【〔［｛“‘"


def test_mirrored_margins_swap_on_even_pages():
    tpl = replace(TPL, mirror=True, margin_inner=30 * MM, margin_outer=20 * MM)
    b = typeset(publication(1, paras=40), tpl, fonts=GridBook())
    for page in b.pages[1:]:
        body = [it for it in page.items if isinstance(it, GlyphRun) and it.key and it.key.flow == "d1"]
        left = min(r.x[0] for r in body)
        expected = 30 * MM if page.folio % 2 else 20 * MM
        assert left == pytest.approx(expected, abs=0.01), page.folio


def test_a_changed_template_never_shares_cache_entries():
    assert replace(TPL, mirror=True).fingerprint != TPL.fingerprint
    assert replace(TPL, flow_start="page").fingerprint == TPL.fingerprint


def test_impossible_sizes_are_refused():
    with pytest.raises(TemplateError) as e:
        template_from_dict({"styles": {"title": {"size": 0}}})
    assert "styles.title" in e.value.message("en")


def test_folios_continue_from_the_first_page_number():
    b = typeset(replace(publication(2), first_folio=101), TPL, fonts=GridBook())
    assert b.pages[0].label == "101"
    assert b.pages[b.anchors["d1"]].folio == 102
    assert toc_numbers(b) == {f: b.pages[i].folio for f, i in b.anchors.items()}


def test_a_template_naming_no_installed_font_is_one_clear_error():
    from layout.errors import FontError

    tpl = template_from_dict({"fonts": {"default": ["No Such Font A"], "body": ["No Such Font B"]}})
    tpl = replace(tpl, fonts={k: ["No Such Font"] for k in tpl.fonts})
    with pytest.raises(FontError) as e:
        typeset(publication(1), tpl)
    assert "No Such Font" in e.value.message("en") and e.value.message("zh")


def test_a_character_no_font_has_is_drawn_as_geta_and_reported():
    pub = publication(1)
    f = pub.flows[0]
    f = replace(f, blocks=f.blocks + (Para("body", "姓名：王\U00020000明。", Ref("d1", "block", 300)),))
    b = typeset(replace(pub, flows=(f,)), TPL, fonts=GridBook(missing="\U00020000"))
    runs = [
        it
        for p in b.pages
        for it in p.items
        if isinstance(it, GlyphRun) and it.key == Ref("d1", "block", 300)
    ]
    assert "".join(r.text for r in runs) == "姓名：王〓明。"
    assert not any("\U00020000" in r.text for p in b.pages for r in p.items if isinstance(r, GlyphRun))
    assert [(m.char, m.key) for m in b.missing] == [("\U00020000", Ref("d1", "block", 300))]
    assert b.pages[b.missing[0].page].flow == "d1"


def _runs(book, pred):
    return [it for p in book.pages for it in p.items if isinstance(it, GlyphRun) and pred(it)]


def test_running_head_honours_western_space():
    """The running head is set by the template's one TextStyle factory, like the body text."""
    pub = publication(1, 3)
    head_y = {}
    for space in (0.0, 0.25):
        tpl = template_from_dict({"text": {"western_space": space}})
        b = typeset(pub, tpl, fonts=GridBook())
        head = [r for r in _runs(b, lambda r: r.key is None and "年" in r.text) if r.y < tpl.margin_top]
        run = head[0]
        i = run.text.index("年")
        head_y[space] = (run.x[i] - run.x[i - 1]) / run.size  # "8" is 0.5 em on the grid
    assert head_y[0.0] == pytest.approx(0.5)
    assert head_y[0.25] == pytest.approx(0.75)


def test_masthead_size_and_font_come_from_styles_masthead():
    pub = publication(1, 3)

    def mast_sizes(data):
        b = typeset(pub, template_from_dict(data), fonts=GridBook())
        first = b.pages[0].items[0]  # the cover opens with the masthead
        assert isinstance(first, GlyphRun) and first.text == pub.front.masthead
        return {first.size}

    assert mast_sizes({}) == {36.0}
    assert mast_sizes({"cover": {"masthead_size": 30}}) == {30.0}  # the older spelling still works
    assert mast_sizes({"cover": {"masthead_size": 30}, "styles": {"masthead": {"size": 20}}}) == {20.0}
    tpl = template_from_dict({"styles": {"masthead": {"font": "heading1", "size": 20}}})
    assert tpl.text_style("masthead").font == "heading1"


def test_table_cells_take_styles_cell_size_and_leading():
    from layout.blocks import CellSpec, TableBlock

    rows = tuple((CellSpec("项目"), CellSpec("金额")) for _ in range(3))
    pub = replace(publication(1, 1), flows=(Flow("d1", (TableBlock(rows, 1, "t"),)),))
    tpl = template_from_dict({"table": {"size": 11}, "styles": {"cell": {"size": 9, "leading": 13}}})
    assert (tpl.table_size, tpl.table_leading) == (9.0, 13.0)
    b = typeset(pub, tpl, fonts=GridBook())
    cells = _runs(b, lambda r: r.key == "t")
    assert {r.size for r in cells} == {9.0}
    ys = sorted({r.y for r in cells})
    assert ys[1] - ys[0] == pytest.approx(13 + 2 * tpl.table_padding)
    assert template_from_dict({"table": {"size": 11}}).table_size == 11.0  # the older spelling


def test_two_character_names_are_padded_to_three():
    from layout.front import _padded

    names = ("赵军", "林文远", "AB", "赵", "赵a", "㐀军", "赵军")
    assert _padded(names, True) == ("赵　军", "林文远", "AB", "赵", "赵a", "㐀军", "赵　军")
    assert _padded(names, False) == names


def test_a_template_read_before_comes_from_the_cache_folder_unchanged(tmp_path, monkeypatch):
    """Template texts are parsed by tomllib once and kept (layout/template.py, `_toml`); a kept
    text gives the same values, a damaged entry is parsed again, dates are never kept."""
    import marshal
    import tomllib

    from layout import template

    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("GAZETTE_PRESS_INSTALLED", str(tmp_path / "not-installed"))  # as without setup
    template._kept_toml.cache_clear()
    shipped = {p.name: p.read_text(encoding="utf-8") for p in template.TEMPLATE_DIR.glob("*.toml")}
    assert len(shipped) >= 2
    first = {name: load_template(name.removesuffix(".toml")) for name in shipped}
    table = template._kept_toml()
    assert table.added == len(shipped)
    table.save()
    template._kept_toml.cache_clear()
    table = template._kept_toml()  # read back from the file
    for name, text in shipped.items():
        assert marshal.loads(table.get(text)) == tomllib.loads(text)
        again = load_template(name.removesuffix(".toml"))
        assert again == first[name] and again.fingerprint == first[name].fingerprint
    assert table.added == 0  # nothing parsed again
    text = shipped["gazette-a4.toml"]
    table.entries[text] = b"\x00damaged"
    assert load_template("gazette-a4") == first["gazette-a4.toml"]
    dated = tmp_path / "dated.toml"
    dated.write_text(text + "\nmade = 2026-12-03\n", encoding="utf-8")
    load_template(str(dated))
    assert dated.read_text(encoding="utf-8") not in table.entries
    template._kept_toml.cache_clear()
