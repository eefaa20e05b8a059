"""The proof view's painter and widget, on display lists built by hand.

Positions are checked on rendered pixels: the painter must put ink where the display list
(and therefore the PDF) puts it.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage  # noqa: E402

from editor.gui.proof_view import (  # noqa: E402
    THUMB_WIDTH,
    FaceCache,
    ProofView,
    hit_key,
    page_label,
    render_page,
    spreads,
)
from layout.display import FRONT, Book, Box, FaceRef, GlyphRun, Link, Page, Picture, Ref, Rule  # noqa: E402

UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"
FACE = FaceRef("uming-cn", UMING, 0, "AR PL UMing CN")
FACE_TW = FaceRef("uming-tw", UMING, 2, "AR PL UMing TW")
FACES = {FACE.id: FACE, FACE_TW.id: FACE_TW}
W, H = 595.2756, 841.8898


def run(text: str, x: float, y: float, size: float = 16.0, key=None, face: str = FACE.id) -> GlyphRun:
    return GlyphRun(tuple(x + i * size for i in range(len(text))), y, text, face, size, key=key)


def _dark_rows(img: QImage, threshold: int) -> list[bytes]:
    """Rows of the image as bytes with 1 where the pixel is darker than threshold, else 0."""
    gray = img.convertToFormat(QImage.Format.Format_Grayscale8)
    raw = bytes(gray.constBits())
    stride = gray.bytesPerLine()
    table = bytes(1 if v < threshold else 0 for v in range(256))
    return [raw[y * stride : y * stride + gray.width()].translate(table) for y in range(gray.height())]


def ink(img: QImage, x0: float, y0: float, x1: float, y1: float, threshold: int = 200) -> int:
    """Dark pixels inside a rectangle of the image (pixel coordinates, inclusive, clipped)."""
    rows = _dark_rows(img, threshold)
    xa, xb = max(0, int(x0)), min(img.width(), int(x1) + 1)
    return sum(row[xa:xb].count(1) for row in rows[max(0, int(y0)) : min(img.height(), int(y1) + 1)])


def ink_bbox(img: QImage, threshold: int = 200) -> tuple[int, int, int, int] | None:
    xs: list[int] = []
    ys: list[int] = []
    for y, row in enumerate(_dark_rows(img, threshold)):
        left = row.find(1)
        if left >= 0:
            xs += [left, row.rfind(1)]
            ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def png_bytes(color: QColor, w: int = 20, h: int = 10) -> bytes:
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(color)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data.data())


def book_of(pages: list[Page], anchors: dict[str, int] | None = None) -> Book:
    return Book(pages=pages, faces=FACES, anchors=anchors or {})


def body_page(doc: str, folio: int, lines: int = 3) -> Page:
    items = [run("正文第一段", 72, 120 + 30 * i, key=Ref(doc, "block", i)) for i in range(lines)]
    items.append(run(f"{folio}", 290, 800, 10.5))
    return Page(W, H, items, folio=folio, label=str(folio), flow=doc)


def issue_book(docs: int = 4, pages_per_doc: int = 3) -> Book:
    cover = Page(W, H, [run("公报目录", 200, 100, 22, key=Ref(FRONT, "toc-heading"))], folio=1, label="1")
    pages = [cover]
    anchors = {}
    for d in range(1, docs + 1):
        anchors[f"d{d}"] = len(pages)
        for _ in range(pages_per_doc):
            pages.append(body_page(f"d{d}", len(pages) + 1))
    return book_of(pages, anchors)


# ---- the painter ------------------------------------------------------------------------------


def test_each_glyph_is_inked_in_its_own_em_box(qapp):
    scale = 2.0
    r = GlyphRun((100.0, 130.0, 190.0), 200.0, "公报期", FACE.id, 20.0)
    img = render_page(Page(W, H, [r]), FACES, scale)
    assert (img.width(), img.height()) == (round(W * scale + 0.5), round(H * scale + 0.5))
    for x in r.x:  # ink inside each character's em box above the baseline
        assert ink(img, x * scale, (200 - 20) * scale, (x + 20) * scale, (200 + 3) * scale) > 30
    # the gap between the 2nd and 3rd characters (x 150..190) stays white
    assert ink(img, 152 * scale, 175 * scale, 188 * scale, 205 * scale) == 0
    # nothing far above or below the line
    assert ink(img, 90 * scale, 150 * scale, 220 * scale, 176 * scale) == 0
    assert ink(img, 90 * scale, 206 * scale, 220 * scale, 230 * scale) == 0


def test_glyph_ink_tracks_position_and_scale(qapp):
    """Moving a run by 50 pt moves its ink by 50 pt at every zoom, to within a pixel."""
    for scale in (1.0, 1.5, 3.0):
        a = render_page(Page(W, H, [run("国", 100, 300, 24)]), FACES, scale)
        b = render_page(Page(W, H, [run("国", 150, 340, 24)]), FACES, scale)
        ba = ink_bbox(a)
        bb = ink_bbox(b)
        assert ba and bb
        assert abs((bb[0] - ba[0]) - 50 * scale) <= 1
        assert abs((bb[1] - ba[1]) - 40 * scale) <= 1
        # 国 fills most of its em box: its ink spans nearly 24 pt
        assert 0.75 * 24 * scale <= ba[2] - ba[0] <= 24 * scale


def test_glyph_runs_too_large_for_the_glyph_cache_land_in_the_same_place(qapp):
    """Above 64 px the painter fills outlines instead; the ink must not jump at that zoom step."""
    boxes = []
    for scale in (2.6, 2.75):  # 24 pt: 62.4 px (glyph run) and 66 px (outlines)
        img = render_page(Page(W, H, [run("国", 100, 300, 24)]), FACES, scale)
        boxes.append([v / scale for v in ink_bbox(img)])
    assert all(abs(a - b) <= 1.0 for a, b in zip(*boxes, strict=True))


def test_size_and_face_index_are_honoured(qapp):
    small = render_page(Page(W, H, [run("国", 100, 300, 12)]), FACES, 2.0)
    big = render_page(Page(W, H, [run("国", 100, 300, 36)]), FACES, 2.0)
    ws = ink_bbox(small)
    wb = ink_bbox(big)
    assert abs((wb[2] - wb[0]) / (ws[2] - ws[0]) - 3.0) < 0.25
    # the TW face of the collection draws 骨 differently from the CN face
    cn = render_page(Page(W, H, [run("骨", 100, 300, 40)]), FACES, 2.0)
    tw = render_page(Page(W, H, [run("骨", 100, 300, 40, face=FACE_TW.id)]), FACES, 2.0)
    assert cn != tw


def test_rules_boxes_and_pictures(qapp):
    red = png_bytes(QColor(255, 0, 0))
    page = Page(
        W,
        H,
        [
            Rule(50, 100, 300, 100, width=1.0),
            Box(50, 200, 100, 50, stroke=1.0, fill=(0.5, 0.5, 0.5)),
            Picture(300, 300, 80, 40, red),
            Link(0, 0, 100, 100, page=0),
        ],
    )
    img = render_page(page, FACES, 2.0)
    assert QColor(img.pixel(200, 200)).lightness() < 60  # on the rule
    assert QColor(img.pixel(200, 206)).lightness() > 250  # beside it
    assert QColor(img.pixel(99, 400)).lightness() < 60  # box's left edge
    inside = QColor(img.pixel(200, 450))
    assert 110 <= inside.lightness() <= 145  # 50 % grey fill
    pic = QColor(img.pixel(680, 640))  # middle of the picture
    assert (pic.red(), pic.green(), pic.blue()) == (255, 0, 0)
    assert QColor(img.pixel(590, 640)).lightness() == 255  # just left of it
    assert ink(img, 0, 0, 90, 90) == 0  # a link draws nothing


def test_a_character_missing_from_the_face_draws_no_box(qapp):
    img = render_page(Page(W, H, [run("\U000f0001", 100, 300, 30)]), FACES, 1.0)
    assert ink(img, 0, 0, img.width(), img.height()) == 0


def test_the_proof_frames_a_missing_character_in_red_print_does_not(qapp):
    page = Page(W, H, [run("国\U000f0001国", 100, 300, 30)])
    printed = render_page(page, FACES, 2.0)
    proof = render_page(page, FACES, 2.0, FaceCache(mark_missing=True))
    # the gap (x 130..160 pt) is white in print and has red in the proof
    assert ink(printed, 262, 540, 318, 610) == 0
    reds = [
        (x, y)
        for y in range(540, 610)
        for x in range(262, 318)
        if (c := QColor(proof.pixel(x, y))).red() > 180 and c.green() < 80 and c.blue() < 80
    ]
    assert len(reds) > 40
    # the characters around it are untouched
    assert ink(proof, 200, 540, 258, 610) == ink(printed, 200, 540, 258, 610)


def test_a_face_that_cannot_be_loaded_is_reported_not_raised(qapp):
    gone = FaceRef("gone", "/nonexistent/font.ttf", 0, "Gone Font")
    fonts = FaceCache()
    img = render_page(Page(W, H, [run("国", 100, 300, 24, face="gone")]), {"gone": gone}, 1.0, fonts)
    assert ink(img, 0, 0, img.width(), img.height()) == 0
    assert len(fonts.problems) == 1
    zh, en = fonts.problems[0].message("zh"), fonts.problems[0].message("en")
    assert "\n" not in zh and "\n" not in en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
    assert "font.ttf" in zh or "Gone Font" in zh


def test_font_problems_speak_the_ui_language(view):
    gone = FaceRef("gone", "/nonexistent/font.ttf", 0, "Gone Font")
    view.set_book(Book(pages=[Page(W, H, [run("国", 100, 300, 24, face="gone")])], faces={"gone": gone}))
    view.canvas().grab()
    assert len(view.font_problems("zh")) == 1 and len(view.font_problems("en")) == 1
    assert view.font_problems("zh") != view.font_problems("en")


# ---- pure helpers -------------------------------------------------------------------------------


def test_hit_key_finds_nearest_text():
    page = body_page("d2", 5)
    assert hit_key(page, 80, 115) == Ref("d2", "block", 0)
    assert hit_key(page, 80, 146) == Ref("d2", "block", 1)
    assert hit_key(page, 165, 175) == Ref("d2", "block", 2)  # just right of the run, still the nearest
    assert hit_key(page, 500, 600) is None  # far from any text


def test_spreads_put_odd_folios_on_the_right():
    book = issue_book(docs=1, pages_per_doc=4)  # folios 1..5
    assert spreads(book, False) == [(0,), (1,), (2,), (3,), (4,)]
    assert spreads(book, True) == [(None, 0), (1, 2), (3, 4)]
    book.pages[0].folio = 2  # an issue numbered on from a previous one may start on an even page
    assert spreads(book, True) == [(0, 1), (2, 3), (4, None)]


def test_page_label_is_the_printed_folio():
    book = issue_book(docs=1, pages_per_doc=1)
    book.pages[1].label = "19"
    assert page_label(book, 1) == "19"
    book.pages[0].label, book.pages[0].folio = "", None
    assert page_label(book, 0) == "［1］"


# ---- the widget ---------------------------------------------------------------------------------


@pytest.fixture
def view(qtbot):
    v = ProofView()
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def canvas_point(view: ProofView, index: int, x: float, y: float) -> QPoint:
    r = view.page_rect(index)
    return QPoint(round(r.x() + x * view.scale()), round(r.y() + y * view.scale()))


def test_clicking_text_emits_its_key(view, qtbot):
    view.set_book(issue_book())
    view.show_flow("d2")
    i = view.book().anchors["d2"]
    with qtbot.waitSignal(view.keyClicked, timeout=1000) as sig:
        qtbot.mouseClick(view.canvas(), Qt.MouseButton.LeftButton, pos=canvas_point(view, i, 90, 143))
    assert sig.args == [Ref("d2", "block", 1)]


def test_clicking_a_toc_link_shows_its_page(view, qtbot):
    book = issue_book()
    target = book.anchors["d3"]
    book.pages[0].items.append(Link(100, 200, 300, 20, page=target))
    view.set_book(book)
    view.show_page(0)
    qtbot.mouseClick(view.canvas(), Qt.MouseButton.LeftButton, pos=canvas_point(view, 0, 250, 210))
    assert view.current_page() == target
    assert target in view.visible_pages()


def test_show_flow_scrolls_to_the_anchor_page(view, qtbot):
    view.set_book(issue_book(docs=5))
    assert view.show_flow("d4")
    i = view.book().anchors["d4"]
    assert view.current_page() == i
    bar = view._scroll.verticalScrollBar()
    assert abs(bar.value() - view.page_rect(i).top()) <= 16
    assert not view.show_flow("nope")
    assert view.current_page() == i


def test_show_key_brings_the_paragraph_into_view_and_marks_it(view):
    book = issue_book(docs=3)
    view.set_book(book)
    view.set_zoom_factor(3.0)  # a page is much taller than the view
    assert view.show_key(Ref("d3", "block", 2))
    page = view.book().pages[view.current_page()]
    assert page.flow == "d3"
    rect = view.page_rect(view.current_page())
    bar = view._scroll.verticalScrollBar()
    y = rect.y() + (180 - 16) * view.scale()  # the run's top in the canvas
    assert bar.value() <= y <= bar.value() + view._scroll.viewport().height()
    # the mark is painted: yellow-ish pixels over the run
    img = view.canvas().grab().toImage()
    px = img.pixelColor(round(rect.x() + 80 * view.scale()), round(rect.y() + 175 * view.scale()))
    assert px.blue() < px.red() - 20
    assert not view.show_key(Ref("d9", "block", 0))


def test_zoom_modes(view, qtbot):
    view.set_book(issue_book())
    vp = view._scroll.viewport()
    view.set_zoom_mode("width")
    assert abs(view.page_rect(0).width() - (vp.width() - 32)) <= 2
    view.set_zoom_mode("page")
    assert view.page_rect(0).height() <= vp.height() - 32 + 1
    view.act_actual.trigger()
    assert view.scale() == pytest.approx(view.logicalDpiX() / 72, abs=1e-3)
    assert view.zoom_mode() == "fixed"
    view.act_zoom_in.trigger()
    assert view.scale() == pytest.approx(view.logicalDpiX() / 72 * 1.25, abs=1e-3)
    assert not any(a.isChecked() for a in (view.act_fit_width, view.act_fit_page, view.act_actual))
    # fit width follows the window
    view.set_zoom_mode("width")
    before = view.page_rect(0).width()
    view.resize(1200, 700)
    qtbot.waitUntil(lambda: view.page_rect(0).width() > before + 200, timeout=1000)


def test_zooming_keeps_the_reader_at_the_same_line(view, qtbot):
    view.set_book(issue_book(docs=3))
    view.set_zoom_factor(1.0)
    target = view.book().anchors["d2"]
    bar = view._scroll.verticalScrollBar()
    bar.setValue(view.page_rect(target).top() + 400)  # 400 pt down the page at 1 px/pt
    view.act_zoom_in.trigger()
    assert view.current_page() == target
    assert abs(bar.value() - (view.page_rect(target).top() + 400 * view.scale())) <= 2


def test_keys_page_through_the_issue(view, qtbot):
    view.set_book(issue_book(docs=2))  # 7 pages
    canvas = view.canvas()
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert view.current_page() == 6
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert view.current_page() == 5
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert view.current_page() == 0
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert view.current_page() == 1


def test_facing_pages_sit_side_by_side(view):
    view.set_book(issue_book())
    view.set_facing(True)
    assert view.act_facing.isChecked()
    r1, r2 = view.page_rect(1), view.page_rect(2)
    assert r1.top() == r2.top() and r1.right() < r2.left()
    cover = view.page_rect(0)
    assert cover.left() > r1.left()  # the cover is a right-hand page
    view.set_zoom_mode("width")
    assert r2.right() - r1.left() <= view._scroll.viewport().width()


def test_thumbnails_show_printed_labels_and_render_in_the_background(view, qtbot):
    book = issue_book(docs=2)
    book.pages[2].label = "iii"
    view.set_book(book)
    labels = [view.thumbnails.item(i).text() for i in range(view.thumbnails.count())]
    assert labels == [page_label(book, i) for i in range(len(book.pages))]
    assert labels[2] == "iii"
    qtbot.waitUntil(lambda: view.thumbnails_pending() == 0, timeout=5000)
    view.thumbnails.item(4).setSelected(True)
    qtbot.mouseClick(
        view.thumbnails.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.thumbnails.visualItemRect(view.thumbnails.item(4)).center(),
    )
    assert view.current_page() == 4


def test_thumbnails_can_be_hidden_to_give_the_page_room(view, qtbot):
    view.set_book(issue_book())
    width = view.page_rect(0).width()
    view.act_thumbnails.trigger()
    assert not view.thumbnails.isVisible()
    qtbot.waitUntil(lambda: view.page_rect(0).width() > width + 50, timeout=1000)


def test_a_hidden_view_draws_no_thumbnails_until_shown(view, qtbot):
    view.hide()
    view.set_book(issue_book(docs=2))
    qtbot.wait(100)
    assert view.thumbnails_pending() > 0
    view.show()
    qtbot.waitUntil(lambda: view.thumbnails_pending() == 0, timeout=5000)


def _spy_renders(monkeypatch) -> list[tuple[bool, float, Page]]:
    """Record each render_page call: (on the GUI thread?, scale, page)."""
    import threading

    import editor.gui.proof_view as pv

    calls: list[tuple[bool, float, Page]] = []
    real = pv.render_page

    def spy(page, faces, scale, *args, **kwargs):
        calls.append((threading.current_thread() is threading.main_thread(), scale, page))
        return real(page, faces, scale, *args, **kwargs)

    monkeypatch.setattr(pv, "render_page", spy)
    return calls


def test_thumbnails_are_drawn_off_the_gui_thread(view, qtbot, monkeypatch):
    calls = _spy_renders(monkeypatch)
    view.set_book(issue_book(docs=2))
    qtbot.waitUntil(lambda: view.thumbnails_pending() == 0, timeout=10_000)
    thumbs = [c for c in calls if abs(c[1] - THUMB_WIDTH / W) < 1e-9]
    assert thumbs, "no thumbnail was drawn"
    assert not any(on_gui for on_gui, _s, _p in thumbs)
    item = view.thumbnails.item(1)
    assert not item.icon().isNull()
    # the icon is the page, not the blank placeholder: it has ink
    img = item.icon().pixmap(THUMB_WIDTH, round(THUMB_WIDTH * H / W)).toImage()
    assert ink(img, 0, 0, img.width(), img.height()) > 0


def test_thumbnails_are_drawn_when_scrolled_into_view(view, qtbot, monkeypatch):
    calls = _spy_renders(monkeypatch)
    book = issue_book(docs=20)  # 61 pages: far more than the strip shows
    view.set_book(book)
    qtbot.waitUntil(lambda: view.thumbnails_pending() == 0, timeout=10_000)
    drawn = {id(p) for _g, s, p in calls if abs(s - THUMB_WIDTH / W) < 1e-9}
    assert 0 < len(drawn) < len(book.pages) // 2
    assert id(book.pages[-1]) not in drawn
    view.thumbnails.scrollToBottom()
    qtbot.waitUntil(
        lambda: any(p is book.pages[-1] and abs(s - THUMB_WIDTH / W) < 1e-9 for _g, s, p in calls),
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: view.thumbnails_pending() == 0, timeout=10_000)


def test_unchanged_pages_keep_their_rendering(view, qtbot):
    book = issue_book(docs=3)
    view.set_book(book)
    view.set_zoom_mode("page")
    view.show_page(2)
    view.canvas().grab()
    rendered = view.pixmap_renders
    assert rendered >= 1
    # same content again (a relayout that changed nothing): no page is drawn again
    view.set_book(issue_book(docs=3))
    view.canvas().grab()
    assert view.pixmap_renders == rendered
    # one page changed: only that page is drawn again
    changed = issue_book(docs=3)
    changed.pages[2] = body_page("d1", 3, lines=4)
    view.set_book(changed)
    view.canvas().grab()
    assert view.pixmap_renders == rendered + 1
    assert view.current_page() == 2  # the view did not jump


def test_signals_do_not_use_up_true(qapp):
    """PySide6 6.12 on Python 3.11 drops a reference to True per emit; the guard must hold."""
    import sys

    view = ProofView()
    for _ in range(20_000):
        view.currentPageChanged.emit(1)
    assert sys.getrefcount(True) > 1 << 39


def test_empty_book_shows_a_hint(view):
    view.set_book(Book(pages=[], faces={}))
    assert view.current_page() == -1
    view.set_book(issue_book())
    assert view.current_page() >= 0


def test_font_files_can_be_read_by_the_worker_the_page_drawn_once_they_are(view, qtbot, monkeypatch):
    import threading

    import layout.fonts

    readers: list[bool] = []
    real = layout.fonts.standalone_face_bytes

    def spy(face):
        readers.append(threading.current_thread() is threading.main_thread())
        return real(face)

    monkeypatch.setattr(layout.fonts, "standalone_face_bytes", spy)
    view.read_fonts_in_background = True
    view.set_book(issue_book(docs=1))
    view.show_page(1)
    view.canvas().grab()  # the page waits for its font: blank, nothing read here
    rendered = view.pixmap_renders
    qtbot.waitUntil(lambda: view.pixmap_renders > rendered, timeout=10_000)  # drawn once read
    assert readers and not any(readers)
    img = view.canvas().grab().toImage()
    r = view.page_rect(1)
    assert ink(img, r.left(), r.top(), r.right(), r.bottom()) > 0


def test_pages_can_be_drawn_by_the_worker_the_old_picture_standing_in(view, qtbot, monkeypatch):
    calls = _spy_renders(monkeypatch)
    view.draw_pages_in_background = True
    book = issue_book(docs=2)
    view.set_book(book)
    view.show_page(1)
    view.canvas().grab()  # asks the worker; a blank page meanwhile
    qtbot.waitUntil(lambda: view.pages_pending() == 0 and view.pixmap_renders > 0, timeout=10_000)
    r = view.page_rect(1)
    first = view.canvas().grab().toImage().copy(r)
    assert ink(first, 0, 0, first.width(), first.height()) > 0
    # an edit: page 1 changes; until the worker has drawn it, page 1 shows its old picture
    changed = issue_book(docs=2)
    changed.pages[1] = body_page("d1", 2, lines=6)
    view.set_book(changed)
    stand_in = view.canvas().grab().toImage().copy(r)
    old_ink = ink(first, 0, 0, first.width(), first.height())
    assert ink(stand_in, 0, 0, stand_in.width(), stand_in.height()) == old_ink  # not blank, not new
    qtbot.waitUntil(lambda: view.pages_pending() == 0, timeout=10_000)

    def new_ink() -> int:
        img = view.canvas().grab().toImage().copy(r)
        return ink(img, 0, 0, img.width(), img.height())

    qtbot.waitUntil(lambda: new_ink() > old_ink, timeout=10_000)  # six lines where there were three
    page_scale = [s for on_gui, s, _p in calls if abs(s - THUMB_WIDTH / W) > 1e-9]
    assert page_scale and not any(on_gui for on_gui, s, _p in calls)
