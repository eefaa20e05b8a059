"""Layout checks: read from a real laid-out Book, or a real Book with one thing made wrong."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import subprocess
from pathlib import Path

from editor import layout_checks
from editor.checks import check_issue
from editor.compose import build_book
from editor.findings import Severity
from editor.layout_checks import FontFacts, check_layout
from editor.model import Block, Document, Issue, Role, Section
from layout.display import Book, FaceRef, GlyphRun, Picture, Ref

MISSING = "\U00020000"  # 𠀀 CJK Extension B: 𠮷 U+20BB7 is in Noto CJK, this one is in no installed font


def issue_with(*blocks: Block, files: dict[str, bytes] | None = None) -> Issue:
    doc = Document(
        "d1",
        issuer="青禾市人民政府文件",
        number="青政发〔2026〕3号",
        title="青禾市人民政府关于加强城市供水管理的通知",
        recipients="各区人民政府，市政府各部门：",
        blocks=[
            *blocks,
            Block(Role.SIGNATURE, "青禾市人民政府"),
            Block(Role.DATE, "2026年3月14日"),
            Block(Role.NOTE, "（此件公开发布）"),
        ],
    )
    issue = Issue(year=2026, number=2, cumulative=90, date=dt.date(2026, 3, 20))
    issue.gazette.name = "青禾市人民政府公报"
    issue.sections = [Section("市政府文件", [doc])]
    issue.files = files or {}
    return issue


def only(findings, check):
    return [f for f in findings if f.check == check]


BODY = "为进一步加强城市供水管理，保障供水安全，提高供水服务水平，现将有关事项通知如下。" * 3


def test_no_installed_font_has_the_test_character():
    out = subprocess.run(["fc-list", f":charset={ord(MISSING):x}"], capture_output=True, text=True).stdout
    assert out.strip() == ""


def test_missing_character_is_reported_with_its_page_and_the_pdf_still_builds():
    issue = issue_with(Block(Role.PARAGRAPH, BODY), Block(Role.PARAGRAPH, f"地名“{MISSING}村”须按原字印刷。"))
    book = build_book(issue)
    findings = check_issue(issue, book=book)
    [f] = only(findings, "missing-char")
    assert f.severity == Severity.ERROR and f.subject == MISSING
    assert (f.location.doc, f.location.block) == ("d1", 1)
    assert f.location.page == book.anchors["d1"] and f.location.folio == book.pages[f.location.page].folio
    assert "U+20000" in f.zh
    from layout.pdf import write_pdf

    assert write_pdf(book).startswith(b"%PDF")


def test_content_findings_get_the_page_they_print_on():
    issue = issue_with(
        *[Block(Role.PARAGRAPH, BODY) for _ in range(12)], Block(Role.PARAGRAPH, "本通知自2026 年起施行。")
    )
    book = build_book(issue)
    [f] = only(check_issue(issue, book=book), "space-cjk")
    pages = {
        p
        for p, page in enumerate(book.pages)
        for i in page.items
        if getattr(i, "key", None) == Ref("d1", "block", 12)
    }
    assert f.location.page in pages and f.location.folio == book.pages[f.location.page].folio


def test_a_clean_document_has_no_layout_findings_but_the_page_count():
    issue = issue_with(Block(Role.PARAGRAPH, BODY))
    book = build_book(issue)
    findings = check_layout(issue, book)
    assert [f.check for f in findings] == (["page-count"] if len(book.pages) % 4 else [])


def test_page_count_for_saddle_stitching_says_how_many_pages_to_add():
    issue = issue_with(Block(Role.PARAGRAPH, BODY))
    book = build_book(issue)
    pages = [book.pages[-1]] * 42
    [f] = only(check_layout(issue, dataclasses.replace(book, pages=pages)), "page-count")
    assert "42" in f.zh and "加 2 页" in f.zh and "44" in f.zh
    assert (
        only(check_layout(issue, dataclasses.replace(book, pages=[book.pages[-1]] * 44)), "page-count") == []
    )


def _body_page(book: Book) -> int:
    return book.anchors["d1"]


def test_line_overflowing_the_type_area():
    issue = issue_with(Block(Role.PARAGRAPH, BODY))
    book = build_book(issue)
    p = _body_page(book)
    page = book.pages[p]
    run = next(i for i in page.items if isinstance(i, GlyphRun) and i.key == Ref("d1", "block", 0))
    pushed = dataclasses.replace(run, x=tuple(x + 30 for x in run.x))  # the same line 30 pt to the right
    items = [pushed if i is run else i for i in page.items]
    pages = list(book.pages)
    pages[p] = dataclasses.replace(page, items=items)
    [f] = only(check_layout(issue, dataclasses.replace(book, pages=pages)), "line-overflow")
    assert (f.location.doc, f.location.block, f.location.page) == ("d1", 0, p)
    assert only(check_layout(issue, book), "line-overflow") == []


def _lines(book: Book, key) -> list[GlyphRun]:
    return [i for page in book.pages for i in page.items if isinstance(i, GlyphRun) and i.key == key]


def test_single_character_last_line():
    text = "为进一步加强城市供水管理，保障供水安全，" * 2
    issue = issue_with(Block(Role.PARAGRAPH, text))
    book = build_book(issue)
    lines = _lines(book, Ref("d1", "block", 0))
    assert len(lines) >= 2
    # the engine avoids a lone character; make the last line one character to see the check fire
    last = lines[-1]
    lone = dataclasses.replace(last, x=last.x[:1], text=last.text[:1])
    p = _body_page(book)
    pages = list(book.pages)
    pages[p] = dataclasses.replace(pages[p], items=[lone if i is last else i for i in pages[p].items])
    [f] = only(check_layout(issue, dataclasses.replace(book, pages=pages)), "single-char-line")
    assert (f.location.block, f.location.page) == (0, p)
    assert only(check_layout(issue, book), "single-char-line") == []


def test_widow_and_orphan():
    issue = issue_with(Block(Role.PARAGRAPH, BODY))
    book = build_book(issue)
    lines = _lines(book, Ref("d1", "block", 0))
    assert len(lines) >= 4
    p = _body_page(book)
    page = book.pages[p]
    rest = [i for i in page.items if i not in lines]
    # move the last line to a page of its own: a widow
    widow_pages = [
        *book.pages[:p],
        dataclasses.replace(page, items=rest + lines[:-1]),
        dataclasses.replace(page, items=[lines[-1]]),
        *book.pages[p + 1 :],
    ]
    [w] = only(check_layout(issue, dataclasses.replace(book, pages=widow_pages)), "widow")
    assert w.location.page == p + 1 and w.location.block == 0
    # leave only the first line on the page before: an orphan
    orphan_pages = [
        *book.pages[:p],
        dataclasses.replace(page, items=rest + lines[:1]),
        dataclasses.replace(page, items=lines[1:]),
        *book.pages[p + 1 :],
    ]
    [o] = only(check_layout(issue, dataclasses.replace(book, pages=orphan_pages)), "orphan")
    assert o.location.page == p


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 200, 200)).save(out, "PNG")
    return out.getvalue()


def test_image_under_300_dpi_at_its_printed_size():
    files = {"media/d1-1.png": _png(400, 300), "media/d1-2.png": _png(1800, 1350)}
    issue = issue_with(
        Block(Role.PARAGRAPH, BODY),
        Block(Role.IMAGE, image="media/d1-1.png", image_width_mm=100),
        Block(Role.IMAGE, image="media/d1-2.png", image_width_mm=100),
        files=files,
    )
    book = build_book(issue)
    assert sum(isinstance(i, Picture) for page in book.pages for i in page.items) == 2
    [f] = only(check_layout(issue, book), "image-dpi")
    assert f.location.block == 1 and f.subject == "400x300"
    assert "102 dpi" in f.zh or "101 dpi" in f.zh  # 400 px over 100 mm ≈ 101.6 dpi


def _restricted_font(tmp_path: Path) -> FaceRef:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "A"])
    fb.setupCharacterMap({ord("A"): "A"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 0))
    pen.lineTo((500, 700))
    pen.closePath()
    glyph = pen.glyph()
    fb.setupGlyf({".notdef": glyph, "A": glyph})
    fb.setupHorizontalMetrics({".notdef": (600, 0), "A": (600, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Restricted Test", "styleName": "Regular"})
    fb.setupOS2(fsType=0x0002)
    fb.setupPost()
    path = tmp_path / "restricted.ttf"
    fb.save(str(path))
    return FaceRef("RestrictedTest", str(path), 0, "Restricted Test")


def test_font_whose_licence_forbids_embedding(tmp_path):
    issue = issue_with(Block(Role.PARAGRAPH, BODY))
    book = build_book(issue)
    face = _restricted_font(tmp_path)
    assert FontFacts({face.id: face}).fs_type(face.id) == 2
    p = _body_page(book)
    pages = list(book.pages)
    pages[p] = dataclasses.replace(
        pages[p], items=[*pages[p].items, GlyphRun((100.0,), 300.0, "A", face.id, 12.0)]
    )
    bad = dataclasses.replace(book, pages=pages, faces={**book.faces, face.id: face})
    [f] = only(check_layout(issue, bad), "font-licence")
    assert f.severity == Severity.ERROR and f.subject == "Restricted Test" and f.location.page == p
    assert only(check_layout(issue, book), "font-licence") == []


def test_toc_page_number_that_does_not_match_is_an_error():
    issue = issue_with(Block(Role.PARAGRAPH, BODY))
    book = build_book(issue)
    assert only(check_layout(issue, book), "toc-not-converged") == []
    cover = book.pages[0]
    number = next(
        i for i in cover.items if isinstance(i, GlyphRun) and i.key == Ref("d1", "toc") and i.text.isdigit()
    )
    wrong = dataclasses.replace(number, text=str(int(number.text) + 1))
    pages = [
        dataclasses.replace(cover, items=[wrong if i is number else i for i in cover.items]),
        *book.pages[1:],
    ]
    [f] = only(check_layout(issue, dataclasses.replace(book, pages=pages)), "toc-not-converged")
    assert f.location.page == 0 and f.location.part == "toc_title"


def test_check_issue_lays_out_when_no_book_is_given():
    issue = issue_with(Block(Role.PARAGRAPH, f"自 2026 年起{MISSING}施行。"))
    checks = {f.check for f in check_issue(issue)}
    assert {"space-cjk", "missing-char"} <= checks


def test_a_layout_that_cannot_be_made_is_a_finding_and_content_findings_remain(tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text("[margins\ntop_mm = ", encoding="utf-8")
    issue = issue_with(Block(Role.PARAGRAPH, "自 2026年起施行。"))
    findings = check_issue(issue, template=str(bad))
    [f] = only(findings, "layout-failed")
    assert f.severity == Severity.ERROR and "broken.toml" in f.zh + f.en
    assert only(findings, "space-cjk")


def test_font_facts_are_read_from_a_font_file_once(tmp_path, monkeypatch):
    """What a font file says is kept in the cache folder: a later run (a new process) does not
    open the font again, unless the file changed."""
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "cache"))
    layout_checks._remembered.cache_clear()
    face = _restricted_font(tmp_path)
    opened: list[str] = []
    real = FontFacts._font

    def counting(self, face_id):
        opened.append(face_id)
        return real(self, face_id)

    monkeypatch.setattr(FontFacts, "_font", counting)
    try:
        first = FontFacts({face.id: face})
        assert (first.fs_type(face.id), first.advance(face.id, "A")) == (2, 0.6)
        first.save()
        assert opened
        layout_checks._remembered.cache_clear()  # what a new process starts with
        opened.clear()
        again = FontFacts({face.id: face})
        assert (again.fs_type(face.id), again.advance(face.id, "A")) == (2, 0.6)
        assert opened == []
        st = os.stat(face.path)
        os.utime(face.path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        assert FontFacts({face.id: face}).fs_type(face.id) == 2
        assert opened == [face.id]
    finally:
        layout_checks._remembered.cache_clear()
