"""The proof view: the issue's pages drawn from the layout's display list.

The preview walks the very same items the PDF writer walks (glyph runs with their final x
positions, rules, boxes, pictures), so what the editor sees cannot drift from print. Text is
drawn glyph by glyph from the same font files the PDF embeds, loaded into QRawFont, never
re-shaped by Qt.

Pages are rendered to pixmaps and cached by their content, so a relayout that changes one
document repaints only that document's pages (and the TOC, whose folios moved).
"""

from __future__ import annotations

import itertools
import logging
import math
from collections import OrderedDict
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QRectF, QSize, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QGlyphRun,
    QGuiApplication,
    QIcon,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QRawFont,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.page_identity import PageIdentity, PageKey
from layout.display import Book, Box, FaceRef, GlyphRun, Link, Page, Picture, Ref, Rule
from layout.errors import LayoutProblem

from .workers import fast_switching, is_live, start_worker

log = logging.getLogger(__name__)


ZOOM_WIDTH = "width"
ZOOM_PAGE = "page"
ZOOM_FIXED = "fixed"

MARGIN = 16  # px around the pages in the canvas
GAP = 16  # px between rows of pages
SPREAD_GAP = 2  # px between the two pages of a spread (they touch in print)
THUMB_WIDTH = 96  # px
MAX_SCALE = 4.0  # px per pt (300 % on a 96 dpi screen); a page pixmap is then ~32 MB
PIXMAP_BUDGET = 160_000_000  # bytes of rendered pages kept for scrolling back
MAX_CACHED_GLYPH_PX = 64  # above this size the raster engine stops drawing glyph runs
THUMB_MARGIN_ROWS = 3  # thumbnails drawn beyond the visible ones, for a little scrolling


class FaceCache:
    """QRawFonts of the display list's faces, one per (face, pixel size), and glyph ids.

    A face is parsed once from the standalone bytes layout.fonts makes for us; other sizes are
    clones of it, which share the parsed face instead of loading the font file again.
    """

    def __init__(self, mark_missing: bool = False) -> None:
        self.mark_missing = mark_missing  # proof only: frame characters the face lacks in red
        self._base: dict[FaceRef, QRawFont | None] = {}
        self._sized: dict[tuple[FaceRef, float], QRawFont] = {}
        self._glyphs: dict[tuple[FaceRef, str], int] = {}
        self._paths: dict[tuple[FaceRef, float, int], QPainterPath] = {}
        self._given: dict[FaceRef, bytes] = {}  # face files read by another thread, not parsed yet
        self.problems: list[LayoutProblem] = []  # one per face that could not be loaded

    def raw(self, face: FaceRef, pixel_size: float) -> QRawFont | None:
        px = round(pixel_size, 2)
        font = self._sized.get((face, px))
        if font is not None:
            return font
        base = self._load(face)
        if base is None:
            return None
        font = QRawFont(base)
        font.setPixelSize(px)
        if len(self._sized) > 400:  # zooming through many sizes: start over rather than grow forever
            self._sized.clear()
        self._sized[(face, px)] = font
        return font

    def glyph(self, face: FaceRef, font: QRawFont, ch: str) -> int:
        """Glyph id of one character; 0 when the face lacks it (layout already reported it)."""
        gid = self._glyphs.get((face, ch))
        if gid is None:
            ids = font.glyphIndexesForString(ch)
            gid = int(ids[0]) if len(ids) == 1 else 0
            self._glyphs[(face, ch)] = gid
        return gid

    def outline(self, face: FaceRef, font: QRawFont, gid: int) -> QPainterPath:
        key = (face, font.pixelSize(), gid)
        path = self._paths.get(key)
        if path is None:
            if len(self._paths) > 4000:
                self._paths.clear()
            path = self._paths[key] = font.pathForGlyph(gid)
        return path

    def provide(self, face: FaceRef, data: bytes) -> None:
        """The face's standalone file, read elsewhere (a worker): only parsing it is left."""
        if face not in self._base:
            self._given[face] = data

    def ready(self, face: FaceRef) -> bool:
        """Whether drawing with the face costs no reading of its font file."""
        return face in self._base or face in self._given

    def _load(self, face: FaceRef) -> QRawFont | None:
        if face in self._base:
            return self._base[face]
        font: QRawFont | None = None
        try:
            from layout.fonts import standalone_face_bytes

            data = self._given.pop(face, None) or standalone_face_bytes(face)
            loaded = QRawFont(data, 12.0, QFont_no_hinting())
            if loaded.isValid():
                font = loaded
            else:
                name = face.family or face.id
                self.problems.append(
                    LayoutProblem(
                        f"字体无法显示：{name}（{face.path}），请检查字体文件。",
                        f"Font cannot be shown: {name} ({face.path}); check the font file.",
                    )
                )
        except LayoutProblem as exc:
            self.problems.append(exc)
        except OSError as exc:
            why = exc.strerror or str(exc)
            self.problems.append(
                LayoutProblem(
                    f"字体文件无法读取：{face.path}（{why}），请检查字体安装。",
                    f"Font file cannot be read: {face.path} ({why}); check the installed fonts.",
                )
            )
        except Exception as exc:  # noqa: BLE001 - a broken font must cost its text, not the whole view
            log.exception("cannot load face %s", face.id)
            name = face.family or face.id
            self.problems.append(
                LayoutProblem(
                    f"字体无法显示：{name}（{type(exc).__name__}），请检查字体文件。",
                    f"Font cannot be shown: {name} ({type(exc).__name__}); check the font file.",
                )
            )
        self._base[face] = font
        return font


def QFont_no_hinting():  # noqa: N802 - mirrors the Qt enum it returns
    """Unhinted outlines keep each glyph where the PDF puts it instead of snapping to pixels."""
    from PySide6.QtGui import QFont

    return QFont.HintingPreference.PreferNoHinting


class PictureCache:
    """Decoded images by their bytes, so repainting a page does not decode its pictures again."""

    def __init__(self) -> None:
        self._images: dict[bytes, QImage] = {}

    def image(self, data: bytes) -> QImage:
        img = self._images.get(data)
        if img is None:
            img = QImage.fromData(data)
            if len(self._images) > 64:
                self._images.clear()
            self._images[data] = img
        return img


def _qcolor(rgb: tuple[float, float, float]) -> QColor:
    return QColor.fromRgbF(*(min(max(c, 0.0), 1.0) for c in rgb))


def paint_page(
    painter: QPainter,
    page: Page,
    faces: Mapping[str, FaceRef],
    scale: float,
    fonts: FaceCache,
    pictures: PictureCache | None = None,
) -> None:
    """Draw one page's items with its top-left corner at the painter's origin, `scale` px per pt."""
    pictures = pictures or PictureCache()
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    for item in page.items:
        if isinstance(item, GlyphRun):
            _draw_run(painter, item, faces, scale, fonts)
        elif isinstance(item, Rule):
            pen = QPen(_qcolor(item.color), max(item.width * scale, 0.35))
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLine(
                QPointF(item.x0 * scale, item.y0 * scale), QPointF(item.x1 * scale, item.y1 * scale)
            )
        elif isinstance(item, Box):
            rect = QRectF(item.x * scale, item.y * scale, item.w * scale, item.h * scale)
            if item.fill is not None:
                painter.fillRect(rect, _qcolor(item.fill))
            if item.stroke > 0:
                pen = QPen(QColor(0, 0, 0), max(item.stroke * scale, 0.35))
                pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
        elif isinstance(item, Picture):
            img = pictures.image(item.data)
            rect = QRectF(item.x * scale, item.y * scale, item.w * scale, item.h * scale)
            if img.isNull():  # undecodable image: a grey frame marks where it belongs
                painter.setPen(QPen(QColor(160, 160, 160), 1))
                painter.drawRect(rect)
            else:
                painter.drawImage(rect, img)
        # Link: nothing to draw; the view uses it for clicks.


def _draw_run(
    painter: QPainter, run: GlyphRun, faces: Mapping[str, FaceRef], scale: float, fonts: FaceCache
) -> None:
    face = faces.get(run.face)
    if face is None or not run.text:
        return
    font = fonts.raw(face, run.size * scale)
    if font is None:
        return
    ids: list[int] = []
    pos: list[QPointF] = []
    y = run.y * scale
    for ch, x in zip(run.text, run.x, strict=False):
        gid = fonts.glyph(face, font, ch)
        if gid:
            ids.append(gid)
            pos.append(QPointF(x * scale, y))
        elif fonts.mark_missing and not ch.isspace():
            # Print leaves a gap (preflight names the character); the proof marks the gap red
            # so the editor sees where it is.
            size = run.size * scale
            painter.setPen(QPen(QColor(220, 0, 0), max(1.0, size / 16)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(x * scale + size * 0.05, y - size * 0.85, size * 0.9, size * 0.95))
    if not ids:
        return
    color = _qcolor(run.color)
    if font.pixelSize() > MAX_CACHED_GLYPH_PX:
        # Qt's raster engine draws nothing for glyph runs this large; fill the outlines instead.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for gid, p in zip(ids, pos, strict=True):
            painter.drawPath(fonts.outline(face, font, gid).translated(p))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        return
    glyphs = QGlyphRun()
    glyphs.setRawFont(font)
    glyphs.setGlyphIndexes(ids)
    glyphs.setPositions(pos)
    painter.setPen(color)
    painter.drawGlyphRun(QPointF(0, 0), glyphs)


def render_page(
    page: Page,
    faces: Mapping[str, FaceRef],
    scale: float,
    fonts: FaceCache | None = None,
    pictures: PictureCache | None = None,
    device_pixel_ratio: float = 1.0,
) -> QImage:
    """The page as a white image, `scale` px per pt (times the screen's pixel ratio)."""
    if QGuiApplication.instance() is None:  # Qt's font engine crashes the process without one
        raise RuntimeError("render_page needs a QGuiApplication")
    fonts = fonts or FaceCache()
    dpr = device_pixel_ratio
    w = max(1, math.ceil(page.width * scale * dpr))
    h = max(1, math.ceil(page.height * scale * dpr))
    img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(QColor(255, 255, 255))
    painter = QPainter(img)
    try:
        paint_page(painter, page, faces, scale * dpr, fonts, pictures)
    finally:
        painter.end()
    img.setDevicePixelRatio(dpr)
    return img


def run_rect(run: GlyphRun) -> QRectF:
    """The run's ink area in pt, from its positions and size (an em box per character)."""
    if not run.x:
        return QRectF()
    left = min(run.x)
    right = max(run.x) + run.size
    return QRectF(left, run.y - run.size * 0.88, right - left, run.size * 1.0)


def hit_key(page: Page, x: float, y: float, tolerance: float = 24.0) -> Ref | None:
    """The key of the text nearest to (x, y) in pt, or None when no keyed text is close."""
    best: tuple[float, Ref] | None = None
    for item in page.items:
        if not isinstance(item, GlyphRun) or item.key is None:
            continue
        r = run_rect(item)
        dx = max(r.left() - x, 0.0, x - r.right())
        dy = max(r.top() - y, 0.0, y - r.bottom())
        d = math.hypot(dx, dy)
        if d <= tolerance and (best is None or d < best[0]):
            best = (d, item.key)
            if d == 0.0:
                break
    return best[1] if best else None


def hit_link(page: Page, x: float, y: float) -> Link | None:
    for item in page.items:
        if isinstance(item, Link) and item.x <= x <= item.x + item.w and item.y <= y <= item.y + item.h:
            return item
    return None


def page_label(book: Book, index: int) -> str:
    """The page number as printed (its PDF label); pages without one show their position in brackets."""
    page = book.pages[index]
    if page.label:
        return page.label
    if page.folio is not None:
        return str(page.folio)
    return f"［{index + 1}］"


def spreads(book: Book | None, facing: bool) -> list[tuple[int | None, ...]]:
    """Rows of page indexes; in facing mode odd folios sit on the right, as in the bound issue."""
    if book is None or not book.pages:
        return []
    n = len(book.pages)
    if not facing:
        return [(i,) for i in range(n)]
    first = book.pages[0].folio
    start_right = first is None or first % 2 == 1
    rows: list[tuple[int | None, ...]] = []
    i = 0
    if start_right:
        rows.append((None, 0))
        i = 1
    while i < n:
        rows.append((i, i + 1 if i + 1 < n else None))
        i += 2
    return rows


class _ThumbnailWorker(QObject):
    """Draws page thumbnails in a thread of its own, so a new layout never costs the typist time.

    It renders to QImage (QPixmap belongs to the GUI thread) with fonts of its own: QRawFonts are
    loaded in the thread that draws with them. One worker serves every proof view; a result names
    the view that asked for it.
    """

    rendered = Signal(int, int, QImage)  # owner (a view's token), content id, image (null: failed)
    facesRead = Signal(int, object)  # noqa: N815 - owner, {FaceRef: bytes, or None when unreadable}
    pageRendered = Signal(int, int, float, QImage)  # noqa: N815 - owner, content id, scale, image

    def __init__(self) -> None:
        super().__init__()
        self._fonts = FaceCache(mark_missing=True)
        self._pictures = PictureCache()

    def _draw(self, job: tuple[int, int, Page, Mapping[str, FaceRef], float, float]) -> QImage:
        """The job's page as an image; a null image when it cannot be drawn (the view says so)."""
        _owner, _cid, page, faces, scale, dpr = job
        with fast_switching():
            try:
                return render_page(page, faces, scale, self._fonts, self._pictures, dpr)
            except Exception:  # noqa: BLE001 - a page that cannot be drawn is not worth a crash
                log.exception("cannot render a page")
                return QImage()

    @Slot(object)
    def render_page(self, job: tuple[int, int, Page, Mapping[str, FaceRef], float, float]) -> None:
        """A page of the proof at the view's zoom (the same drawing as a thumbnail, larger)."""
        self.pageRendered.emit(job[0], job[1], job[4], self._draw(job))

    @Slot(object)
    def read_faces(self, job: tuple[int, list[FaceRef]]) -> None:
        """Read font files for a view (a CJK face out of a collection takes a quarter second)."""
        from layout.fonts import standalone_face_bytes

        owner, faces = job
        out: dict[FaceRef, bytes | None] = {}
        with fast_switching():
            for face in faces:
                try:
                    out[face] = standalone_face_bytes(face)
                except Exception:  # noqa: BLE001 - the view reads it again and reports the problem
                    out[face] = None
                    continue
                self._fonts.provide(face, out[face] or b"")
        self.facesRead.emit(owner, out)

    @Slot(object)
    def render(self, job: tuple[int, int, Page, Mapping[str, FaceRef], float, float]) -> None:
        """A thumbnail."""
        self.rendered.emit(job[0], job[1], self._draw(job))


_thumbnailer: tuple[QThread, _ThumbnailWorker] | None = None


def _thumbnail_worker() -> _ThumbnailWorker:
    """The process's thumbnail worker, started on first use (and again after a shutdown)."""
    global _thumbnailer
    if _thumbnailer is None or not is_live(_thumbnailer[0]):
        worker = _ThumbnailWorker()
        _thumbnailer = (start_worker(worker, "thumbnails"), worker)
    return _thumbnailer[1]


class _Canvas(QWidget):
    """All pages laid out in rows; paints only what is exposed, from the view's pixmap cache."""

    def __init__(self, view: ProofView) -> None:
        super().__init__()
        self.view = view
        self.rects: dict[int, QRect] = {}
        self.setMouseTracking(True)
        self.setAutoFillBackground(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def relayout(self) -> None:
        view = self.view
        book, scale = view._book, view._scale
        self.rects = {}
        y = MARGIN
        width = 0
        for row in spreads(book, view._facing):
            x = MARGIN
            row_h = 0
            for idx in row:
                pw, ph = view._page_size(idx)
                w, h = round(pw * scale), round(ph * scale)
                if idx is not None:
                    self.rects[idx] = QRect(x, y, w, h)
                x += w + SPREAD_GAP
                row_h = max(row_h, h)
            width = max(width, x - SPREAD_GAP + MARGIN)
            y += row_h + GAP
        self.resize(max(width, 1), max(y - GAP + MARGIN, 1))
        # centre narrower rows in a wider viewport
        vw = view._scroll.viewport().width()
        if self.width() < vw:
            self.resize(vw, self.height())
        offset_all = max(0, (self.width() - width) // 2)
        if offset_all:
            for idx in self.rects:
                self.rects[idx].translate(offset_all, 0)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        exposed = event.rect()
        painter.fillRect(exposed, QColor(128, 128, 128))
        painted: dict[int, QPixmap] = {}
        for idx, rect in self.rects.items():
            if not rect.intersects(exposed.adjusted(-8, -8, 8, 8)):
                continue
            painter.fillRect(rect.translated(3, 3), QColor(0, 0, 0, 90))
            pix = self.view._page_pixmap(idx)
            painter.drawPixmap(rect.topLeft(), pix)
            painted[idx] = pix
            self.view._paint_highlight(painter, idx, rect)
        painter.end()
        # the pictures on screen stand in for their pages while the worker redraws them
        visible = set(self.view.visible_pages())
        kept = {i: p for i, p in self.view._last_drawn.items() if i in visible}
        kept.update(painted)
        self.view._last_drawn = kept

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position()
        for idx, rect in self.rects.items():
            if rect.contains(pos.toPoint()):
                s = self.view._scale
                self.view._clicked(idx, (pos.x() - rect.x()) / s, (pos.y() - rect.y()) / s)
                return None
        return None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        """A pointing hand over TOC entries says they can be clicked to reach their page."""
        pos = event.position()
        book = self.view._book
        over_link = False
        if book is not None:
            for idx, rect in self.rects.items():
                if rect.contains(pos.toPoint()):
                    s = self.view._scale
                    over_link = (
                        hit_link(book.pages[idx], (pos.x() - rect.x()) / s, (pos.y() - rect.y()) / s)
                        is not None
                    )
                    break
        if over_link:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Home/End: first/last page; Left/Right: previous/next page (spread in facing mode)."""
        view = self.view
        book = view._book
        if book is None or not book.pages:
            return super().keyPressEvent(event)
        step = 2 if view._facing else 1
        key = event.key()
        if key == Qt.Key.Key_Home:
            view.show_page(0)
        elif key == Qt.Key.Key_End:
            view.show_page(len(book.pages) - 1)
        elif key == Qt.Key.Key_Left:
            view.show_page(max(view._current - step, 0))
        elif key == Qt.Key.Key_Right:
            view.show_page(view._current + step)
        else:
            return super().keyPressEvent(event)
        event.accept()
        return None

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.view.set_zoom_factor(self.view._scale * (1.15**steps))
            event.accept()
            return
        super().wheelEvent(event)


class ProofView(QWidget):
    """The issue's pages as they will print, with thumbnails, zoom and click-to-paragraph."""

    keyClicked = Signal(object)  # GlyphRun.key (layout.display.Ref) of the clicked text
    currentPageChanged = Signal(int)  # index into Book.pages of the page in the middle of the view
    _thumbnail_wanted = Signal(object)  # a job for the thumbnail worker
    _faces_wanted = Signal(object)  # font files for the worker to read
    _page_wanted = Signal(object)  # a page for the worker to draw
    _owners = itertools.count(1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book: Book | None = None
        self._facing = False
        self._zoom_mode = ZOOM_WIDTH
        self._scale = 1.0
        self._fixed_scale = 1.0
        self._current = -1
        self._highlight: Ref | None = None
        self._fonts = FaceCache(mark_missing=True)
        self._pictures = PictureCache()
        self._content_ids: dict[PageKey, int] = {}
        self._ids = itertools.count(1)
        # pages known by their items' identity (editor.page_identity), for books given without keys
        self._identity = PageIdentity()
        self._thumb_shown: list[tuple[str, int]] = []
        self._page_cids: list[int] = []
        self._pixmaps: OrderedDict[tuple[int, float], QPixmap] = OrderedDict()
        self._thumbs: dict[int, QIcon] = {}
        self._thumb_queue: list[int] = []  # pages whose thumbnail is not drawn yet
        self._thumb_inflight: int | None = None  # content id the worker is drawing
        self._owner = next(self._owners)
        self.pixmap_renders = 0  # pages rendered so far, so tests (and curious users) can see reuse

        self.toolbar = QToolBar(self)
        self.toolbar.setIconSize(QSize(16, 16))

        self.thumbnails = QListWidget(self)
        self.thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbnails.setFlow(QListWidget.Flow.TopToBottom)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMovement(QListWidget.Movement.Static)
        self.thumbnails.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.thumbnails.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.thumbnails.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.42)))
        self.thumbnails.setSpacing(4)
        self.thumbnails.setFixedWidth(THUMB_WIDTH + 40)
        self.thumbnails.itemClicked.connect(lambda item: self.show_page(self.thumbnails.row(item)))

        self._make_actions()
        self._canvas = _Canvas(self)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(self._canvas)
        self._scroll.setWidgetResizable(False)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        # always on: a scroll bar that comes and goes would change the width "fit width" fits
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._scroll.viewport().installEventFilter(self)
        self._scroll.verticalScrollBar().valueChanged.connect(self._track_current)

        self._empty = QLabel(self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)

        # thumbnails at their own width, the pages take the rest (缩略图 hides the strip)
        self._pages_area = QWidget(self)
        row = QHBoxLayout(self._pages_area)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.thumbnails)
        row.addWidget(self._scroll, 1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.toolbar)
        lay.addWidget(self._empty)
        lay.addWidget(self._pages_area, 1)
        self._pages_area.hide()

        # Thumbnails are drawn by a worker thread, one at a time, and only those in view (and a
        # few rows around): a new layout of 400 pages costs the GUI thread nothing but icons.
        worker = _thumbnail_worker()
        self._thumbnail_wanted.connect(worker.render)
        worker.rendered.connect(self._thumbnail_rendered)
        # In the editor window the font files are read by the worker too: the first pages of a
        # newly opened issue show blank for a moment instead of freezing the window for a second.
        self.read_fonts_in_background = False
        self._faces_asked: set[FaceRef] = set()  # being read by the worker
        self._faces_unreadable: set[FaceRef] = set()
        self._faces_wanted.connect(worker.read_faces)
        worker.facesRead.connect(self._faces_read)
        # ... and the pages too: a page changed by an edit keeps its old picture on screen until
        # the worker has drawn the new one, so typing never waits for a page to be drawn.
        self.draw_pages_in_background = False
        self._pages_asked: set[tuple[int, float]] = set()  # (content id, scale) being drawn
        self._last_drawn: dict[int, QPixmap] = {}  # what each page on screen showed last
        self._page_wanted.connect(worker.render_page)
        worker.pageRendered.connect(self._page_rendered)
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setSingleShot(True)
        self._thumb_timer.setInterval(10)
        self._thumb_timer.timeout.connect(self._request_thumbnail)
        self.thumbnails.verticalScrollBar().valueChanged.connect(lambda _v: self._thumb_timer.start())
        self.thumbnails.viewport().installEventFilter(self)
        self.retranslate()

    # ---- actions ------------------------------------------------------------------------
    def _make_actions(self) -> None:
        group = QActionGroup(self)
        # optional: after Ctrl+wheel zooming none of fit width / fit page / 100 % is true
        group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.act_fit_width = QAction(self, checkable=True)
        self.act_fit_page = QAction(self, checkable=True)
        self.act_actual = QAction(self, checkable=True)
        for act, mode in ((self.act_fit_width, ZOOM_WIDTH), (self.act_fit_page, ZOOM_PAGE)):
            act.triggered.connect(lambda _=False, m=mode: self.set_zoom_mode(m))
            group.addAction(act)
        self.act_actual.triggered.connect(lambda: self.set_zoom_factor(self._actual_scale()))
        group.addAction(self.act_actual)
        self.act_fit_width.setChecked(True)
        self.act_zoom_in = QAction(self)
        self.act_zoom_in.setShortcut("Ctrl++")
        self.act_zoom_in.triggered.connect(lambda: self.set_zoom_factor(self._scale * 1.25))
        self.act_zoom_out = QAction(self)
        self.act_zoom_out.setShortcut("Ctrl+-")
        self.act_zoom_out.triggered.connect(lambda: self.set_zoom_factor(self._scale / 1.25))
        self.act_facing = QAction(self, checkable=True)
        self.act_facing.toggled.connect(self.set_facing)
        self.act_thumbnails = QAction(self, checkable=True)
        self.act_thumbnails.setChecked(True)
        self.act_thumbnails.toggled.connect(self.thumbnails.setVisible)
        self.act_prev = QAction(self)
        self.act_prev.triggered.connect(lambda: self.show_page(max(self._current - 1, 0)))
        self.act_next = QAction(self)
        self.act_next.triggered.connect(lambda: self.show_page(self._current + 1))
        for act in (self.act_fit_width, self.act_fit_page, self.act_actual):
            self.toolbar.addAction(act)
        self.toolbar.addAction(self.act_zoom_out)
        self.toolbar.addAction(self.act_zoom_in)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_facing)
        self.toolbar.addAction(self.act_thumbnails)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_prev)
        self.toolbar.addAction(self.act_next)
        self.page_info = QLabel(self)
        self.page_info.setContentsMargins(8, 0, 8, 0)
        self.toolbar.addWidget(self.page_info)
        for act in (self.act_zoom_in, self.act_zoom_out):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)

    def retranslate(self) -> None:
        """Set every visible string, again whenever the UI language changes."""
        self._thumb_shown.clear()  # tooltips say 第 N 页 in the UI language: write them again
        self.thumbnails.setAccessibleName(self.tr("页面缩略图"))
        self._empty.setText(self.tr("尚无排版结果：导入或打开一期公报后，这里显示印刷页面。"))
        self.act_fit_width.setText(self.tr("适合宽度"))
        self.act_fit_page.setText(self.tr("适合页面"))
        self.act_actual.setText(self.tr("100%"))
        self.act_actual.setToolTip(self.tr("实际大小：屏幕上的一毫米即印刷品上的一毫米"))
        self.act_zoom_in.setText(self.tr("放大"))
        self.act_zoom_out.setText(self.tr("缩小"))
        self.act_facing.setText(self.tr("对页"))
        self.act_facing.setToolTip(self.tr("单页 / 对页（左右两页并排，如装订后）"))
        self.act_thumbnails.setText(self.tr("缩略图"))
        self.act_thumbnails.setToolTip(self.tr("显示或隐藏页面缩略图"))
        self.act_prev.setText(self.tr("上一页"))
        self.act_next.setText(self.tr("下一页"))
        if self._book is not None and self._book.pages:
            self._sync_thumbnails()
        self._update_info()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        """A hidden proof (its dock closed) draws no thumbnails; they are drawn when it shows."""
        self._thumb_timer.stop()
        super().hideEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._thumb_queue:
            self._thumb_timer.start()
        super().showEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- public API -----------------------------------------------------------------------
    def book(self) -> Book | None:
        return self._book

    def set_book(self, book: Book | None, keys: Sequence[PageKey] | None = None) -> None:
        """Show a new layout; pages whose content did not change keep their rendered pixmaps.

        `keys` are the pages' content keys when the layout worker computed them already
        (`editor.page_identity`); otherwise the view computes them."""
        old_faces = self._book.faces if self._book is not None else None
        self._book = book
        if book is None or not book.pages:
            self._page_cids = []
            self.thumbnails.clear()
            self._thumb_shown.clear()
            self._pages_area.hide()
            self._empty.show()
            self._current = -1
            self._update_info()
            return
        if old_faces is not None and old_faces != book.faces:
            self._content_ids.clear()
            self._pixmaps.clear()
            self._thumbs.clear()
        if keys is None or len(keys) != len(book.pages):
            keys = self._identity.keys(book)
        cids = []
        for key in keys:
            cid = self._content_ids.get(key)
            if cid is None:
                cid = next(self._ids)
                self._content_ids[key] = cid
            cids.append(cid)
        live = set(cids)
        self._content_ids = {k: v for k, v in self._content_ids.items() if v in live}
        for k in [k for k in self._pixmaps if k[0] not in live]:
            del self._pixmaps[k]
        self._thumbs = {k: v for k, v in self._thumbs.items() if k in live}
        self._page_cids = cids
        self._empty.hide()
        self._pages_area.show()
        self._sync_thumbnails()
        self._apply_zoom()
        if not 0 <= self._current < len(book.pages):
            self._current = -1
        self._track_current()

    def show_page(self, index: int) -> None:
        """Scroll so the page's top is at the top of the view."""
        if self._book is None or not self._book.pages:
            return
        index = min(max(index, 0), len(self._book.pages) - 1)
        rect = self._canvas.rects.get(index)
        if rect is None:
            return
        self._scroll.verticalScrollBar().setValue(rect.top() - MARGIN // 2)
        self._scroll.ensureVisible(rect.center().x(), rect.top(), rect.width() // 2, 0)
        self._set_current(index)

    def show_flow(self, doc_id: str) -> bool:
        """Show the first page of a document; False when the current layout does not have it."""
        if self._book is None:
            return False
        index = self._book.anchors.get(doc_id)
        if index is None:
            index = next((i for i, p in enumerate(self._book.pages) if p.flow == doc_id), None)
        if index is None:
            return False
        self.show_page(index)
        return True

    def show_key(self, key: Ref | None) -> bool:
        """Bring a paragraph (the editor's selection) into view and mark it."""
        if self._book is None or key is None:
            return False
        for i, page in enumerate(self._book.pages):
            for item in page.items:
                if isinstance(item, GlyphRun) and item.key == key:
                    self._highlight = key
                    self._canvas.update()
                    rect = self._canvas.rects.get(i)
                    if rect is not None:
                        r = run_rect(item)
                        s = self._scale
                        x = rect.x() + round((r.left() + r.width() / 2) * s)
                        y = rect.y() + round(r.top() * s)
                        margin_y = min(self._scroll.viewport().height() // 3, 200)
                        self._scroll.ensureVisible(x, y, self._scroll.viewport().width() // 2, margin_y)
                    self._set_current(i)
                    return True
        return False

    def current_page(self) -> int:
        return self._current

    def page_rect(self, index: int) -> QRect:
        """Where a page sits in the canvas widget (for tests and for the shell's tooltips)."""
        return QRect(self._canvas.rects.get(index, QRect()))

    def canvas(self) -> QWidget:
        return self._canvas

    def visible_pages(self) -> list[int]:
        area = QRect(
            self._scroll.horizontalScrollBar().value(),
            self._scroll.verticalScrollBar().value(),
            self._scroll.viewport().width(),
            self._scroll.viewport().height(),
        )
        return sorted(i for i, r in self._canvas.rects.items() if r.intersects(area))

    def zoom_mode(self) -> str:
        return self._zoom_mode

    def scale(self) -> float:
        """Screen pixels per point at the current zoom."""
        return self._scale

    def set_zoom_mode(self, mode: str) -> None:
        if mode not in (ZOOM_WIDTH, ZOOM_PAGE, ZOOM_FIXED):
            raise ValueError(mode)
        self._zoom_mode = mode
        {ZOOM_WIDTH: self.act_fit_width, ZOOM_PAGE: self.act_fit_page}.get(mode, self.act_actual).setChecked(
            True
        )
        self._apply_zoom()

    def set_zoom_factor(self, scale: float) -> None:
        """Fixed zoom in px per pt; `_actual_scale()` is 100 % (a printed millimetre on screen)."""
        self._fixed_scale = min(max(scale, 0.1), MAX_SCALE)
        self._zoom_mode = ZOOM_FIXED
        self.act_actual.setChecked(abs(self._fixed_scale - self._actual_scale()) < 1e-3)
        if not self.act_actual.isChecked():
            for act in (self.act_fit_width, self.act_fit_page, self.act_actual):
                act.setChecked(False)
        self._apply_zoom()

    def set_actual_size(self) -> None:
        self.set_zoom_factor(self._actual_scale())

    def set_facing(self, facing: bool) -> None:
        if facing == self._facing:
            return
        self._facing = facing
        self.act_facing.setChecked(facing)
        keep = self._current
        self._apply_zoom()
        if keep >= 0:
            self.show_page(keep)

    def facing(self) -> bool:
        return self._facing

    def font_problems(self, lang: str | None = None) -> list[str]:
        """Faces the preview could not load (the PDF may still be fine; the user should know)."""
        from .i18n import current_language

        lang = lang or current_language()
        return [p.message(lang) for p in self._fonts.problems]

    # ---- internals ------------------------------------------------------------------------
    def _actual_scale(self) -> float:
        return self.logicalDpiX() / 72.0

    def _page_size(self, idx: int | None) -> tuple[float, float]:
        book = self._book
        if book is None:
            return (595.2756, 841.8898)
        if idx is None:
            return book.pages[0].width, book.pages[0].height
        p = book.pages[idx]
        return p.width, p.height

    def _max_page_size(self) -> tuple[float, float]:
        if self._book is None or not self._book.pages:
            return self._page_size(None)
        return max(p.width for p in self._book.pages), max(p.height for p in self._book.pages)

    def _fit_scale(self) -> float:
        pw, ph = self._max_page_size()
        vp = self._scroll.viewport()
        avail_w = max(vp.width() - 2 * MARGIN - 1, 50)  # -1: rounding must not call up a scroll bar
        avail_h = max(vp.height() - 2 * MARGIN, 50)
        by_width = (avail_w - SPREAD_GAP) / (2 * pw) if self._facing else avail_w / pw
        if self._zoom_mode == ZOOM_PAGE:
            return min(by_width, avail_h / ph)
        return by_width

    def _apply_zoom(self) -> None:
        if self._zoom_mode == ZOOM_FIXED:
            scale = self._fixed_scale
        else:
            scale = self._fit_scale()
        scale = round(min(max(scale, 0.05), MAX_SCALE), 4)
        anchor = self._current
        old = self._scale
        bar = self._scroll.verticalScrollBar()
        rect = self._canvas.rects.get(anchor)
        # keep the line the reader is at: the view's top, in pt below the current page's top
        offset_pt = (bar.value() - rect.top()) / old if rect is not None else None
        self._scale = scale
        self._canvas.relayout()
        if anchor >= 0 and abs(old - scale) > 1e-6:
            rect = self._canvas.rects.get(anchor)
            if rect is not None and offset_pt is not None:
                bar.setValue(round(rect.top() + offset_pt * scale))
            else:
                self.show_page(anchor)
        self._update_info()

    def _page_pixmap(self, idx: int) -> QPixmap:
        key = (self._page_cids[idx], self._scale)
        pix = self._pixmaps.get(key)
        if pix is not None:
            self._pixmaps.move_to_end(key)
            return pix
        book = self._book
        assert book is not None
        if self.draw_pages_in_background:
            return self._page_from_worker(idx, key)
        if self.read_fonts_in_background and self._faces_unread(book.pages[idx], book.faces):
            return self._blank_page(book.pages[idx])  # drawn again once the worker has read them
        try:
            img = render_page(
                book.pages[idx],
                book.faces,
                self._scale,
                self._fonts,
                self._pictures,
                self.devicePixelRatioF(),
            )
        except Exception:  # noqa: BLE001 - paintEvent must never raise; show the page as unavailable
            log.exception("cannot render page %d", idx)
            img = self._unavailable(book.pages[idx])
        pix = QPixmap.fromImage(img)
        self._keep_pixmap(key, pix)
        return pix

    def _page_from_worker(self, idx: int, key: tuple[int, float]) -> QPixmap:
        """Ask the worker for the page; meanwhile the page's last picture (or a blank page)."""
        book = self._book
        assert book is not None
        page = book.pages[idx]
        if key not in self._pages_asked:
            self._pages_asked.add(key)
            self._page_wanted.emit((self._owner, key[0], page, book.faces, key[1], self.devicePixelRatioF()))
        w, h = max(1, round(page.width * self._scale)), max(1, round(page.height * self._scale))
        stale = self._last_drawn.get(idx)
        if stale is None:
            return self._blank_page(page)
        if (stale.width(), stale.height()) != (w, h):  # zoomed since: stretched until redrawn
            stale = stale.scaled(w, h)
        return stale

    def pages_pending(self) -> int:
        """Pages the worker is still drawing for this view."""
        return len(self._pages_asked)

    @Slot(int, int, float, QImage)
    def _page_rendered(self, owner: int, cid: int, scale: float, img: QImage) -> None:
        if owner != self._owner:
            return
        self._pages_asked.discard((cid, scale))
        if scale != self._scale or cid not in self._page_cids:
            return  # zoomed or re-laid out since: the page is asked for again when painted
        book = self._book
        assert book is not None
        if img.isNull():
            img = self._unavailable(book.pages[self._page_cids.index(cid)])
        self._keep_pixmap((cid, scale), QPixmap.fromImage(img))
        self._canvas.update()

    def _keep_pixmap(self, key: tuple[int, float], pix: QPixmap) -> None:
        self.pixmap_renders += 1
        self._pixmaps[key] = pix
        # keep about PIXMAP_BUDGET bytes of pages: many at small zooms, a few when zoomed in
        keep = max(3, PIXMAP_BUDGET // max(1, pix.width() * pix.height() * 4))
        while len(self._pixmaps) > keep:
            self._pixmaps.popitem(last=False)

    def _faces_unread(self, page: Page, faces: Mapping[str, FaceRef]) -> bool:
        """Whether the page waits for a font file the worker reads (asking it the first time)."""
        waiting = False
        unread = []
        for name in {item.face for item in page.items if isinstance(item, GlyphRun)}:
            face = faces.get(name)
            if face is None or self._fonts.ready(face) or face in self._faces_unreadable:
                continue
            waiting = True
            if face not in self._faces_asked:
                unread.append(face)
        if unread:
            self._faces_asked.update(unread)
            self._faces_wanted.emit((self._owner, unread))
        return waiting

    @Slot(int, object)
    def _faces_read(self, owner: int, read: dict) -> None:
        if owner != self._owner:
            return
        for face, data in read.items():
            self._faces_asked.discard(face)
            if data is None:  # drawn without the worker's help: FaceCache names the problem
                self._faces_unreadable.add(face)
            else:
                self._fonts.provide(face, data)
        self._canvas.update()

    def _blank_page(self, page: Page) -> QPixmap:
        pix = QPixmap(max(1, round(page.width * self._scale)), max(1, round(page.height * self._scale)))
        pix.fill(QColor(255, 255, 255))
        return pix

    def _unavailable(self, page: Page, scale: float | None = None) -> QImage:
        scale = self._scale if scale is None else scale
        img = QImage(
            max(1, round(page.width * scale)), max(1, round(page.height * scale)), QImage.Format.Format_RGB32
        )
        img.fill(QColor(255, 255, 255))
        painter = QPainter(img)
        painter.setPen(QColor(160, 0, 0))
        painter.drawText(img.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("此页无法显示（详情见日志）"))
        painter.end()
        return img

    def _paint_highlight(self, painter: QPainter, idx: int, rect: QRect) -> None:
        if self._highlight is None or self._book is None:
            return
        s = self._scale
        color = QColor(255, 200, 0, 70)
        for item in self._book.pages[idx].items:
            if isinstance(item, GlyphRun) and item.key == self._highlight:
                r = run_rect(item)
                painter.fillRect(
                    QRectF(rect.x() + r.x() * s, rect.y() + r.y() * s, r.width() * s, r.height() * s), color
                )

    def _clicked(self, idx: int, x: float, y: float) -> None:
        assert self._book is not None
        page = self._book.pages[idx]
        self._set_current(idx)
        key = hit_key(page, x, y)
        link = hit_link(page, x, y)
        if key is not None:
            self._highlight = key
            self._canvas.update()
            self.keyClicked.emit(key)
        if link is not None and 0 <= link.page < len(self._book.pages):
            self.show_page(link.page)

    def _set_current(self, idx: int) -> None:
        if idx == self._current:
            return
        self._current = idx
        if 0 <= idx < self.thumbnails.count():
            self.thumbnails.blockSignals(True)
            self.thumbnails.setCurrentRow(idx)
            self.thumbnails.blockSignals(False)
            self.thumbnails.scrollToItem(self.thumbnails.item(idx))
        self._update_info()
        self.currentPageChanged.emit(idx)

    def _track_current(self, *_args) -> None:
        """The current page is the one crossing the upper third of the viewport."""
        if not self._canvas.rects:
            return
        y = self._scroll.verticalScrollBar().value() + self._scroll.viewport().height() // 3
        best = min(
            self._canvas.rects.items(),
            key=lambda kv: (
                0
                if kv[1].top() <= y <= kv[1].bottom()
                else min(abs(kv[1].top() - y), abs(kv[1].bottom() - y))
            ),
        )[0]
        if self._facing:  # in a spread, the left page is the current one when both are hit
            row = [i for i, r in self._canvas.rects.items() if r.top() == self._canvas.rects[best].top()]
            best = min(row)
        self._set_current(best)

    def _update_info(self) -> None:
        if self._book is None or not self._book.pages or self._current < 0:
            self.page_info.setText("")
            return
        n = len(self._book.pages)
        self.page_info.setText(
            self.tr("第 {label} 页（{i}/{n}）  {zoom}%").format(
                label=page_label(self._book, self._current),
                i=self._current + 1,
                n=n,
                zoom=round(self._scale / self._actual_scale() * 100),
            )
        )

    def _sync_thumbnails(self) -> None:
        book = self._book
        assert book is not None
        lw = self.thumbnails
        while lw.count() > len(book.pages):
            lw.takeItem(lw.count() - 1)
        blank = None
        shown = self._thumb_shown  # (label, content id) each item shows: unchanged items are skipped
        del shown[len(book.pages) :]
        for i in range(len(book.pages)):
            item = lw.item(i)
            label = page_label(book, i)
            if item is not None and i < len(shown) and shown[i] == (label, self._page_cids[i]):
                continue  # a 400-page issue: only the pages that changed cost anything
            if item is None:
                item = QListWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
                lw.addItem(item)
            item.setText(label)
            item.setToolTip(self.tr("第 {label} 页").format(label=label))
            if i < len(shown):
                shown[i] = (label, self._page_cids[i])
            else:
                shown.append((label, self._page_cids[i]))
            icon = self._thumbs.get(self._page_cids[i])
            if icon is None:
                self._thumb_queue.append(i)
                if not item.icon().isNull():
                    continue  # the old picture stays until the new one is drawn: no flicker
                if blank is None:
                    blank = self._blank_icon()
                icon = blank
            item.setIcon(icon)
        cids, thumbs = self._page_cids, self._thumbs
        self._thumb_queue = sorted(
            {i for i in self._thumb_queue if i < len(book.pages) and cids[i] not in thumbs}
        )
        if self._thumb_queue and self.isVisible():
            self._thumb_timer.start()

    def _blank_icon(self) -> QIcon:
        pw, ph = self._max_page_size()
        pix = QPixmap(THUMB_WIDTH, round(THUMB_WIDTH * ph / pw))
        pix.fill(QColor(255, 255, 255))
        return QIcon(pix)

    def _thumb_rows_in_view(self) -> range:
        """Rows of the thumbnail strip on screen, with a few rows of margin either side."""
        lw = self.thumbnails
        n = lw.count()
        if n == 0:
            return range(0)
        vp = lw.viewport()
        first = -1
        for y in (2, 8, 16, 32, 64):  # the first probe may fall in the spacing between icons
            first = lw.indexAt(QPoint(vp.width() // 2, y)).row()
            if first >= 0:
                break
        first = max(first, 0)
        last = first
        while last + 1 < n and lw.visualItemRect(lw.item(last + 1)).top() < vp.height():
            last += 1
        return range(max(0, first - THUMB_MARGIN_ROWS), min(n, last + 1 + THUMB_MARGIN_ROWS))

    def _thumbs_wanted(self) -> list[int]:
        rows = self._thumb_rows_in_view()
        return [i for i in self._thumb_queue if i in rows]

    def _request_thumbnail(self) -> None:
        """Hand the worker the next thumbnail in view, unless it is drawing one already."""
        book = self._book
        if book is None or self._thumb_inflight is not None or not self.isVisible():
            return
        wanted = self._thumbs_wanted()
        if not wanted:
            return
        i = wanted[0]
        page = book.pages[i]
        self._thumb_inflight = self._page_cids[i]
        self._thumbnail_wanted.emit(
            (
                self._owner,
                self._page_cids[i],
                page,
                book.faces,
                THUMB_WIDTH / page.width,
                self.devicePixelRatioF(),  # sharp on a high-density screen
            )
        )

    @Slot(int, int, QImage)
    def _thumbnail_rendered(self, owner: int, cid: int, img: QImage) -> None:
        if owner != self._owner:
            return  # another view's thumbnail
        self._thumb_inflight = None
        book = self._book
        if book is not None and cid in self._page_cids:
            i = self._page_cids.index(cid)
            if img.isNull():
                img = self._unavailable(book.pages[i], THUMB_WIDTH / book.pages[i].width)
            icon = self._thumbs[cid] = QIcon(QPixmap.fromImage(img))
            done = [j for j in self._thumb_queue if self._page_cids[j] == cid]
            for j in done:
                item = self.thumbnails.item(j)
                if item is not None:
                    item.setIcon(icon)
            self._thumb_queue = [j for j in self._thumb_queue if j not in done]
        self._request_thumbnail()

    def thumbnails_pending(self) -> int:
        """Thumbnails in view (or just beyond) not drawn yet; far-away ones wait for a scroll."""
        return len(self._thumbs_wanted())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if obj is self.thumbnails.viewport() and event.type() == QEvent.Type.Resize:
            self._thumb_timer.start()
        if obj is self._scroll.viewport() and event.type() == QEvent.Type.Resize:
            if self._book is not None:  # fit modes rescale; every mode re-centres the pages
                QTimer.singleShot(0, self, self._apply_zoom)
        return super().eventFilter(obj, event)
