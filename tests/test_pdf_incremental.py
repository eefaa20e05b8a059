"""Page content streams kept between writes (layout.pdf.PageStreams): an edit then export re-serialises
only the pages whose drawing changed, and the bytes are always those of a write from nothing.

A kept stream depends on the glyph ids of the embedded subsets: a character new to the issue may
renumber the subset's glyphs, and every page whose characters got new ids must then be drawn again.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from editor.compose import compose
from editor.importing import load_input
from layout.display import Book, GlyphRun, Link, OutlineEntry, Page, Picture
from layout.engine import LayoutCache, typeset
from layout.fonts import FontBook, embeddable_font
from layout.pdf import PageStreams, write_pdf
from layout.pdffile import FileShape
from layout.template import load_template

NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "hld-2018-02.txt"
W, H = 595.2756, 841.8898


@pytest.fixture(scope="module")
def fb() -> FontBook:
    if not os.path.exists(NOTO_SERIF):
        pytest.skip("reference CJK fonts not installed")
    return FontBook({"body": ["Noto Serif CJK SC"]})


def _page(fb: FontBook, text: str, folio: int) -> Page:
    face = fb.face_for("body", text[0])
    assert face is not None
    xs, x = [], 72.0
    for ch in text:
        xs.append(x)
        x += fb.advance(face.id, ch) * 12 + 0.5
    return Page(W, H, [GlyphRun(tuple(xs), 100.0, text, face.id, 12)], folio=folio, label=str(folio))


def _book(fb: FontBook, pages: list[Page]) -> Book:
    return Book(pages, dict(fb.faces), [], {}, title="t", subject="s", author="a")


def _gids(book: Book) -> dict[str, int]:
    chars = {ch for p in book.pages for it in p.items if isinstance(it, GlyphRun) for ch in it.text}
    face = next(iter({it.face for p in book.pages for it in p.items if isinstance(it, GlyphRun)}))
    return dict(embeddable_font(book.faces[face], chars).gids)


def test_unchanged_pages_are_reused_and_the_bytes_are_a_cold_writes(fb) -> None:
    a, b = _page(fb, "国家人民", 1), _page(fb, "政府公报", 2)
    streams = PageStreams()
    first = write_pdf(_book(fb, [a, b]), streams=streams)
    assert (streams.reused, streams.drawn) == (0, 2)
    again = write_pdf(_book(fb, [a, b]), streams=streams)
    assert (streams.reused, streams.drawn) == (2, 0)
    assert again == first
    # equal items that are other objects (a re-laid-out page) are found by value
    write_pdf(_book(fb, [_page(fb, "国家人民", 1), b]), streams=streams)
    assert (streams.reused, streams.drawn) == (2, 0)
    # a changed page is drawn, the other reused
    c = _page(fb, "国家人民公报", 1)
    edited = write_pdf(_book(fb, [c, b]), streams=streams)
    assert (streams.reused, streams.drawn) == (1, 1)
    assert edited == write_pdf(_book(fb, [c, b]), streams=PageStreams())


def test_a_new_character_that_renumbers_glyphs_redraws_the_pages_it_renumbers(fb) -> None:
    a, b = _page(fb, "国家人民", 1), _page(fb, "政府公报", 2)
    streams = PageStreams()
    before = _book(fb, [a, b])
    write_pdf(before, streams=streams)
    # 一 (U+4E00) sorts before every other character: a subset in code point order renumbers all
    new = _page(fb, "一", 3)
    after = _book(fb, [a, b, new])
    old_ids, new_ids = _gids(before), _gids(after)
    renumbered = sum(any(old_ids[ch] != new_ids[ch] for ch in page.items[0].text) for page in (a, b))
    got = write_pdf(after, streams=streams)
    assert got == write_pdf(after, streams=PageStreams())
    assert streams.drawn == 1 + renumbered
    assert streams.reused == 2 - renumbered


def test_a_new_character_that_keeps_glyph_ids_reuses_the_other_pages(fb) -> None:
    a, b = _page(fb, "一二三", 1), _page(fb, "四五六", 2)
    streams = PageStreams()
    before = _book(fb, [a, b])
    write_pdf(before, streams=streams)
    new = _page(fb, "龟", 3)  # U+9F9F: after every other character
    after = _book(fb, [a, b, new])
    old_ids, new_ids = _gids(before), _gids(after)
    kept = sum(all(old_ids[ch] == new_ids[ch] for ch in page.items[0].text) for page in (a, b))
    got = write_pdf(after, streams=streams)
    assert got == write_pdf(after, streams=PageStreams())
    assert streams.reused == kept


@pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")
def test_reference_issue_edit_then_export_equals_a_fresh_build() -> None:
    issue = load_input(str(SEED))
    tpl = load_template(issue.template)
    cache, streams = LayoutCache(), PageStreams()
    first = typeset(compose(issue), tpl, cache=cache)
    write_pdf(first, streams=streams)
    used = {ch for p in first.pages for it in p.items if isinstance(it, GlyphRun) for ch in it.text}
    doc = issue.documents()[2]
    index = next(i for i, b in enumerate(doc.blocks) if b.role == "paragraph" and len(b.text) > 40)
    original = doc.blocks[index].text

    # an ordinary edit: only the pages of the edited document are drawn again
    issue.set_block_text(doc.id, index, original + "（修改）")
    book = typeset(compose(issue), tpl, cache=cache)
    warm = write_pdf(book, streams=streams)
    assert 0 < streams.drawn < len(book.pages) // 4
    assert streams.reused + streams.drawn == len(book.pages)
    assert warm == write_pdf(book, streams=PageStreams())

    # a character the issue never had, placed before most others in code point order
    new = next(ch for ch in "丁七万丈三上下不与丐丑专且世丘丙业丛东丝丞丢两严丧" if ch not in used)
    issue.set_block_text(doc.id, index, original + new)
    book = typeset(compose(issue), tpl, cache=cache)
    warm = write_pdf(book, streams=streams)
    cold_issue = load_input(str(SEED))
    cold_issue.set_block_text(doc.id, index, original + new)
    cold = write_pdf(typeset(compose(cold_issue), tpl, cache=LayoutCache()), streams=PageStreams())
    assert warm == cold


def test_remembered_page_dictionaries_and_streams_are_reportlabs_bytes(fb, monkeypatch) -> None:
    """The writer formats page dictionaries from a memo and precompressed streams in one step;
    both must give exactly what reportlab's own formatting gives."""
    from reportlab.pdfbase import pdfdoc

    from layout import pdfcanvas as pdf_mod
    from layout.display import Link

    a, b = _page(fb, "国家人民", 1), _page(fb, "政府公报", 2)
    a.items.append(Link(72, 90, 100, 14, 1))
    book = _book(fb, [a, b])
    variants = [{}, {"bleed_mm": 3.0}, {"bleed_mm": 3.0, "crop_marks": True}]
    fast = []
    for options in variants:
        write_pdf(book, streams=PageStreams(), **options)  # the memo now holds these pages
        fast.append(write_pdf(book, streams=PageStreams(), **options))
    monkeypatch.setattr(pdf_mod._Page, "format", pdfdoc.PDFPage.format)
    monkeypatch.setattr(pdf_mod._FlateStream, "format", pdfdoc.PDFStream.format)
    assert [write_pdf(book, streams=PageStreams(), **options) for options in variants] == fast


# ---- copying the last file's objects (layout.pdffile) ----------------------------------------


def _linked(fb: FontBook, text: str, folio: int, target: int = 1) -> Page:
    page = _page(fb, text, folio)
    page.items.append(Link(72, 90, 100, 14, target))
    return page


@pytest.mark.parametrize("options", [{}, {"bleed_mm": 3.0}, {"bleed_mm": 3.0, "crop_marks": True}])
def test_an_edit_that_keeps_the_structure_copies_the_last_files_objects(fb, options) -> None:
    a, b = _linked(fb, "国家人民", 1), _page(fb, "政府公报", 2)
    book = Book([a, b], dict(fb.faces), [OutlineEntry("t", 1, 0)], {}, title="t", subject="s", author="a")
    streams = PageStreams()
    write_pdf(book, streams=streams, **options)
    assert not streams.copied
    # the same characters in another order: the same subset, another drawing on page 1
    book.pages[0] = _linked(fb, "人民国家", 1)
    got = write_pdf(book, streams=streams, **options)
    assert streams.copied and (streams.reused, streams.drawn) == (1, 1)
    assert got == write_pdf(book, streams=PageStreams(), **options)
    assert write_pdf(book, streams=streams, **options) == got  # nothing drawn, all copied
    assert streams.copied and streams.drawn == 0


def _retitled(book: Book) -> None:
    book.title = "另一期"


def _relabelled(book: Book) -> None:
    book.pages[1].label = "ii"


def _link_moved(book: Book) -> None:
    book.pages[0].items[-1] = Link(72, 95, 100, 14, 1)


def _bookmarked(book: Book) -> None:
    book.outline.append(OutlineEntry("二", 1, 0))


def _resized(book: Book) -> None:
    book.pages[1].height = H - 10


@pytest.mark.parametrize("change", [_retitled, _relabelled, _link_moved, _bookmarked, _resized])
def test_a_change_of_structure_is_written_by_reportlab_then_copied(fb, change) -> None:
    book = _book(fb, [_linked(fb, "国家人民", 1), _page(fb, "政府公报", 2)])
    streams = PageStreams()
    write_pdf(book, streams=streams)
    change(book)
    got = write_pdf(book, streams=streams)
    assert not streams.copied
    assert got == write_pdf(book, streams=PageStreams())
    assert write_pdf(book, streams=streams) == got
    assert streams.copied


def test_new_subsets_or_pictures_are_not_copied(fb) -> None:
    from PIL import Image

    streams = PageStreams()
    book = _book(fb, [_page(fb, "国家人民", 1), _page(fb, "政府公报", 2)])
    write_pdf(book, streams=streams)
    book.pages.append(_page(fb, "龟", 3))  # a new character: a new subset of the face
    got = write_pdf(book, streams=streams)
    assert not streams.copied and got == write_pdf(book, streams=PageStreams())
    img = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 0, 0)).save(img, "PNG")
    book.pages[2].items.append(Picture(100, 200, 8, 8, img.getvalue()))
    for _ in range(2):
        got = write_pdf(book, streams=streams)
        assert not streams.copied and got == write_pdf(book, streams=PageStreams())


def test_a_file_is_only_cut_where_its_pieces_put_it_back_together(fb) -> None:
    pdf = write_pdf(_book(fb, [_linked(fb, "国家人民", 1), _page(fb, "政府公报", 2)]), streams=PageStreams())
    table = pdf[pdf.rindex(b"\nxref\n") + 1 :].split(b"\n")
    count = int(table[1].split()[1])
    offsets = [int(line[:10]) for line in table[3 : 2 + count]]
    streams = [
        n
        for n in range(1, count)
        if pdf[offsets[n - 1] :].startswith(b"%d 0 obj\n<<\n/Filter [ /FlateDecode ] /Length" % n)
    ]
    data = []
    for n in streams:
        obj = pdf[offsets[n - 1] :]
        start = obj.index(b"stream\n") + 7
        length = int(obj[obj.index(b"/Length ") + 8 : obj.index(b"\n>>")])
        data.append(obj[start : start + length])
    shape = FileShape.cut((), (), pdf, offsets, streams, data)
    assert shape is not None and shape.assemble() == pdf
    assert shape.with_streams(list(data)) == pdf
    assert FileShape.cut((), (), pdf, [o + 1 for o in offsets], streams, data) is None
    assert FileShape.cut((), (), pdf, offsets, streams, [d[:-1] for d in data]) is None


def test_the_subset_follows_characters_that_come_and_go_between_writes(fb) -> None:
    """The characters per face are counted from write to write (PageStreams.used_chars): a
    character leaves the subset when its last page goes, not while another page still draws it."""
    streams = PageStreams()
    same = _page(fb, "国家人民", 1)
    steps = [
        [same, _page(fb, "国家人民", 2)],  # one set of characters on two pages
        [same],  # one of them gone: every character still drawn
        [_page(fb, "国家", 1)],  # 人民 gone from the issue
        [_page(fb, "国家人民", 1), _page(fb, "政府公报", 2)],  # back, with others
        [_page(fb, "政府公报", 1)],
    ]
    for pages in steps:
        book = _book(fb, pages)
        got = write_pdf(book, streams=streams)
        assert got == write_pdf(book, streams=PageStreams())
        drawn = {ch for p in pages for it in p.items if isinstance(it, GlyphRun) for ch in it.text}
        assert set().union(*streams.faces_chars.values()) == drawn
        assert set(_gids(book)) == drawn


def test_pages_are_never_hashed_item_by_item_and_equal_pages_are_still_found(fb, monkeypatch) -> None:
    """A page is found by its items' ids; else by value, hashed by its texts only (hashing every
    run's coordinates cost a quarter of drawing the page), and only on a later write."""
    hashed = []
    plain = GlyphRun.__hash__

    def counted(run: GlyphRun) -> int:
        hashed.append(run)
        return plain(run)

    monkeypatch.setattr(GlyphRun, "__hash__", counted)
    streams = PageStreams()
    write_pdf(_book(fb, [_page(fb, "国家人民", 1), _page(fb, "政府公报", 2)]), streams=streams)
    assert not streams.by_value  # a first write indexes nothing by value
    # a re-laid-out book: equal items, other objects; found by value, so nothing is drawn
    write_pdf(_book(fb, [_page(fb, "国家人民", 1), _page(fb, "政府公报", 2)]), streams=streams)
    assert (streams.reused, streams.drawn) == (2, 0)
    # the same texts at other places are other pages
    moved = _page(fb, "国家人民", 1)
    run = moved.items[0]
    assert isinstance(run, GlyphRun)
    moved.items[0] = GlyphRun(run.x, run.y + 10, run.text, run.face, run.size)
    got = write_pdf(_book(fb, [moved, _page(fb, "政府公报", 2)]), streams=streams)
    assert (streams.reused, streams.drawn) == (1, 1)
    assert got == write_pdf(_book(fb, [moved, _page(fb, "政府公报", 2)]), streams=PageStreams())
    assert hashed == []
