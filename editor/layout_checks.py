"""Layout checks: preflight on a laid-out Book.

Missing characters, TOC page numbers, overflowing lines, widows, image resolution, font
licences and page count. They read the display list, never the layout engine's internals:
whatever the engine did, the Book is what gets printed, so it is what a printer's preflight
would look at.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from layout.cachedir import read_table, write_table
from layout.display import Book, GlyphRun, Ref

from .findings import Finding, Location, Severity
from .locate import location_of, ref_of
from .model import TEXT_ROLES, Issue, Role
from .official import (
    is_chinese,
)


class PageMemo:
    """Per-page results of the layout checks, kept while a page has the same items at the same place.

    After a keystroke the layout cache hands back every unchanged line as the very same object,
    so a page is recognised by its items' identity (the memo holds the page, hence its items: an
    id is never reused while it is a key) and only the edited pages are scanned again. Results
    of pages not in the latest book are forgotten. One memo per stream of books (the editor's
    check worker keeps one); without one, every page is scanned.
    """

    def __init__(self) -> None:
        self._now: dict[tuple, tuple[object, object]] = {}
        self._before: dict[tuple, tuple[object, object]] = {}
        self._context: object = None
        self._book: object = None
        self.scanned: set[int] = set()  # pages of the latest book scanned again (not reused)

    def start(self, book) -> None:
        """A book is checked: keep what its pages can reuse from the previous one."""
        if book is self._book:
            return
        # another template or other fonts measure every page differently
        context = (id(book.template), getattr(book.template, "fingerprint", None), book.faces)
        if context != self._context:
            self._now = {}
        self._context, self._book = context, book
        self._before, self._now = self._now, {}
        self.scanned = set()

    def get(self, name: str, p: int, page, compute):
        key = (name, p, page.folio, page.flow, page.width, page.height, tuple(map(id, page.items)))
        got = self._now.get(key)
        if got is None:
            got = self._before.get(key)
            if got is None:
                got = (page, compute())
                self.scanned.add(p)
            self._now[key] = got
        return got[1]


def _per_page(memo: PageMemo | None, name: str, p: int, page, compute):
    return memo.get(name, p, page, compute) if memo is not None else compute()


def _key_index(book, memo: PageMemo | None = None) -> dict:
    """key -> [(page index, text)] of every glyph run, in reading order."""
    index: dict = defaultdict(list)
    for p, page in enumerate(book.pages):
        for key, entry in _per_page(memo, "keys", p, page, lambda p=p, page=page: _page_keys(p, page)):
            index[key].append(entry)
    return index


def _page_keys(p: int, page) -> list:
    out = []
    for item in page.items:
        key = getattr(item, "key", None)
        if key is not None:
            out.append((key, (p, getattr(item, "text", None))))
    return out


def place_on_pages(findings: list[Finding], book, memo: PageMemo | None = None) -> None:
    """Give content findings the page they print on, down to the character where one is named."""
    if memo is not None:
        memo.start(book)
    index = _key_index(book, memo)
    for n, f in enumerate(findings):
        loc = f.location
        if loc.page is not None:
            continue
        page = None
        runs = index.get(ref_of(loc), [])
        if runs:
            page = runs[0][0]
            if loc.offset:
                seen = 0
                for p, text in runs:
                    seen += len(text or "")
                    page = p
                    if seen > loc.offset:
                        break
        elif loc.doc and loc.doc in book.anchors:
            page = book.anchors[loc.doc]
        elif loc.part == "section" and book.pages:
            page = 0
        if page is not None:
            findings[n] = _with_page(f, page, book)


def _with_page(f: Finding, page: int, book) -> Finding:
    loc = f.location
    moved = Location(loc.doc, loc.part, loc.block, loc.offset, loc.section, page, book.pages[page].folio)
    return Finding(f.check, f.severity, moved, f.zh, f.en, f.subject, f.fix)


FACTS_FILE = "font-facts.json"


@lru_cache(maxsize=1)
def _remembered() -> dict:
    """Facts read from font files on earlier runs: "path:index:size:mtime:what" -> value."""
    return read_table(FACTS_FILE)


class FontFacts:
    """Advance widths and licence bits read straight from the font files (fontTools).

    Kept apart from layout.fonts on purpose: a preflight that trusts the engine's own
    measurements could not notice the engine measuring wrong.

    What a font file says is remembered in the cache folder under the file's path, size and
    modification time (`save`): opening a CJK font with fontTools to read one advance cost a
    `check` a third of a second, more than the layout it checks. A changed file is read again.
    """

    # Parsed fonts by (path, face index, mtime): re-opening a CJK font on every re-check
    # after each keystroke's relayout cost the editor a fifth of a second.
    _opened: dict[tuple[str, int, float], object] = {}

    def __init__(self, faces: dict) -> None:
        self.faces = faces
        self._keys: dict[str, str | None] = {}
        self._learned = False

    def _font(self, face_id: str):
        face = self.faces.get(face_id)
        if face is None:
            return None
        try:
            key = (face.path, face.index, os.stat(face.path).st_mtime)
        except OSError:
            return None
        if key not in self._opened:
            from fontTools.ttLib import TTFont

            try:
                self._opened[key] = TTFont(face.path, fontNumber=face.index, lazy=True)
            except Exception:  # an unreadable font is reported by the PDF writer, not here
                self._opened[key] = None
        return self._opened[key]

    def _file_key(self, face_id: str) -> str | None:
        if face_id not in self._keys:
            face = self.faces.get(face_id)
            key = None
            if face is not None:
                try:
                    st = os.stat(face.path)
                    key = f"{face.path}:{face.index}:{st.st_size}:{st.st_mtime_ns}"
                except OSError:
                    pass
            self._keys[face_id] = key
        return self._keys[face_id]

    def _fact(self, face_id: str, what: str, read: Callable[[], Any]) -> Any:
        key = self._file_key(face_id)
        if key is None:
            return read()
        table = _remembered()
        entry = f"{key}:{what}"
        if entry not in table:
            table[entry] = read()
            self._learned = True
        return table[entry]

    def save(self) -> None:
        """Keep what was read from font files for the next run."""
        if self._learned:
            write_table(FACTS_FILE, _remembered())
            self._learned = False

    def advance(self, face_id: str, ch: str) -> float:
        """Advance in em; full-width forms are one em without opening the font."""
        if is_chinese(ch) and ch not in "“”‘’·—…":
            return 1.0
        return self._fact(face_id, f"{ord(ch):x}", lambda: self._read_advance(face_id, ch))

    def _read_advance(self, face_id: str, ch: str) -> float:
        font = self._font(face_id)
        if font is None:
            return 0.6
        try:
            glyph = font.getBestCmap().get(ord(ch))
            if glyph is None:
                return 0.6
            return font["hmtx"][glyph][0] / font["head"].unitsPerEm
        except Exception:
            return 0.6

    def fs_type(self, face_id: str) -> int | None:
        return self._fact(face_id, "fsType", lambda: self._read_fs_type(face_id))

    def _read_fs_type(self, face_id: str) -> int | None:
        font = self._font(face_id)
        if font is None or "OS/2" not in font:
            return None
        return int(font["OS/2"].fsType)


# Closing punctuation sits in the left half of its em box; at a line end its right half is
# blank and may be compressed away, so only half an em counts against the type area.
_OPENING_INK = frozenset("（「『《〈【〔［｛“‘")
_HALF_INK = set("，。、；：？！）」』》〉】〕］｝”’")


def check_layout(issue: Issue, book: Book, memo: PageMemo | None = None) -> list[Finding]:
    """Preflight of a laid-out book, measured against the template it was set with (book.template).

    With a `PageMemo`, the per-page scans of pages unchanged since the memo's last book are reused."""
    facts = FontFacts(book.faces)
    if memo is not None:
        memo.start(book)
    out: list[Finding] = []
    out += _missing_chars(book)
    out += _toc_pages(issue, book)
    if book.template is not None:
        out += _overflow(book, book.template, facts, memo)
    out += _line_shape(issue, book, memo)
    out += _image_resolution(book)
    if book.template is not None:
        out += _image_colour(book, book.template)
    out += _font_licences(book, facts)
    out += _page_count(book, book.template)
    facts.save()
    return out


PREFLIGHT = ("font-licence", "image-dpi", "image-colour", "page-count")  # what a printer's preflight looks at


def preflight(book, tpl) -> list[Finding]:
    """The print preflight (export dialog): fonts that may not be embedded, images too coarse or
    not convertible to CMYK, and the page count for the template's binding; `check` runs the same."""
    out: list[Finding] = []
    out += _image_resolution(book)
    out += _image_colour(book, tpl)
    facts = FontFacts(book.faces)
    out += _font_licences(book, facts)
    out += _page_count(book, tpl)
    facts.save()
    return out


def _missing_chars(book) -> Iterator[Finding]:
    for m in book.missing:
        loc = location_of(m.key, m.page, book)
        code = f"U+{ord(m.char):04X}"
        yield Finding(
            "missing-char",
            Severity.ERROR,
            loc,
            f"字符“{m.char}”（{code}）没有任何已安装字体能显示，印刷时会缺字。请安装含该字的字体（如“花园明朝”），"
            "或用模板为该角色指定字体。",
            f"No installed font has “{m.char}” ({code}); it would be missing in print. Install a font that has it "
            "or set one for this role in the template.",
            m.char,
        )


def _toc_pages(issue: Issue, book: Book) -> Iterator[Finding]:
    """The page numbers the TOC prints (read from the print) against where each document starts."""
    numbers: dict[str, tuple[float, int]] = {}  # doc -> (x, printed page) of its rightmost number
    where: dict[str, int] = {}
    for p, page in enumerate(book.pages):
        for item in page.items:
            if not isinstance(item, GlyphRun) or item.key is None or item.key.part != "toc":
                continue
            doc = item.key.flow
            where.setdefault(doc, p)
            text = getattr(item, "text", "").strip()
            if text.isdigit() and item.x and (doc not in numbers or item.x[0] > numbers[doc][0]):
                numbers[doc] = (item.x[0], int(text))
    for doc, (_, printed) in numbers.items():
        start = book.anchors.get(doc)
        if start is None:
            continue
        actual = book.pages[start].folio
        title = next((t.title for t in book.toc if t.target == doc), doc)
        if actual is not None and printed != actual:
            yield Finding(
                "toc-not-converged",
                Severity.ERROR,
                location_of(Ref(doc, "toc"), where[doc], book),
                f"目录中《{title}》的页码是 {printed}，但该文件实际从第 {actual} 页开始。请重新排版。",
                f"The TOC gives page {printed} for “{title}”, but it starts on page {actual}. Lay the issue out again.",
                doc,
            )


def _overflow(book, tpl, facts: FontFacts, memo: PageMemo | None = None) -> Iterator[Finding]:
    for p, page in enumerate(book.pages):
        if page.flow:
            yield from _per_page(
                memo, "overflow", p, page, lambda p=p, page=page: _page_overflow(book, tpl, facts, p, page)
            )


def _page_overflow(book, tpl, facts: FontFacts, p: int, page) -> list[Finding]:
    tolerance = 0.6  # pt: rounding in the engine and in our own advance sums
    reported: set = set()
    out: list[Finding] = []
    left = tpl.left_margin(page.folio if page.folio is not None else p + 1)
    right = left + tpl.type_width
    bottom = page.height - tpl.margin_bottom
    for item in page.items:
        key = getattr(item, "key", None)
        if key is None or key in reported:
            continue
        if hasattr(item, "text") and item.text:
            last = item.text[-1]
            width = facts.advance(item.face, last) * (0.5 if last in _HALF_INK else 1.0)
            x1 = item.x[-1] + width * item.size
            # a line-start opening mark is set half width (clreq): its ink starts half an em in
            x0 = item.x[0] + (0.5 * item.size if item.text[0] in _OPENING_INK else 0.0)
            y = item.y
        elif hasattr(item, "data"):
            x0, x1, y = item.x, item.x + item.w, item.y + item.h
        else:
            continue
        over = max(x1 - right, left - x0)
        low = y - bottom
        if over > tolerance or low > tolerance + 0.25 * tpl.style("body").leading:
            reported.add(key)
            amount = max(over, low)
            out.append(
                Finding(
                    "line-overflow",
                    Severity.ERROR,
                    location_of(key, p, book),
                    f"有一行超出版心 {amount:.1f} 磅。请检查该段（过长的数字、网址或表格）。",
                    f"A line runs {amount:.1f} pt past the type area; check the paragraph (long number, URL, table).",
                    (item.text if hasattr(item, "text") else "")[-12:],
                )
            )
    return out


def _body_keys(issue: Issue) -> dict:
    """Keys of text blocks laid out as paragraphs (not table cells) -> their role."""
    roles: dict = {}
    for d in issue.documents():
        for i, b in enumerate(d.blocks):
            if b.role in TEXT_ROLES:
                roles[Ref(d.id, "block", i)] = b.role
    return roles


def _page_lines(page) -> list:
    """(key, rounded y, characters) of each keyed line of text on a page."""
    out = []
    for item in page.items:
        key = getattr(item, "key", None)
        if key is not None and getattr(item, "text", None):
            out.append((key, round(item.y, 1), len(item.text.replace(" ", "").replace("\u3000", ""))))
    return out


def _line_shape(issue: Issue, book, memo: PageMemo | None = None) -> Iterator[Finding]:
    body = _body_keys(issue)
    lines: dict = defaultdict(lambda: defaultdict(int))  # key -> (page, y) -> characters
    for p, page in enumerate(book.pages):
        for key, y, chars in _per_page(memo, "lines", p, page, lambda page=page: _page_lines(page)):
            if key in body:
                lines[key][(p, y)] += chars
    for key, shape in lines.items():
        ordered = sorted(shape)
        if len(ordered) < 2:
            continue
        pages = sorted({p for p, _ in ordered})
        per_page = Counter(p for p, _ in ordered)
        last_page, last_y = ordered[-1]
        if len(pages) > 1 and per_page[pages[0]] == 1:
            yield Finding(
                "orphan",
                Severity.WARNING,
                location_of(key, pages[0], book),
                "孤行：段落的第一行单独留在页末，排版未能避免。可删减或增加前文一两行。",
                "Orphan: the paragraph's first line stands alone at the foot of the page and the layout could not "
                "avoid it; shorten or lengthen the text before it.",
                "orphan",
            )
        elif len(pages) > 1 and per_page[last_page] == 1:
            yield Finding(
                "widow",
                Severity.WARNING,
                location_of(key, last_page, book),
                "寡行：段落的最后一行单独出现在页首，排版未能避免。可删减或增加本段文字。",
                "Widow: the paragraph's last line stands alone at the top of the page and the layout could not "
                "avoid it; shorten or lengthen the paragraph.",
                "widow",
            )
        if body[key] not in (Role.SIGNATURE, Role.DATE) and shape[(last_page, last_y)] == 1:
            yield Finding(
                "single-char-line",
                Severity.WARNING,
                location_of(key, last_page, book),
                "孤字：段落最后一行只有一个字，排版未能避免。可略改本段文字。",
                "A single character on the paragraph's last line that the layout could not avoid; reword slightly.",
                "single-char",
            )


def _image_resolution(book, minimum: int = 300) -> Iterator[Finding]:
    pictures = [
        (p, item)
        for p, page in enumerate(book.pages)
        for item in page.items
        if hasattr(item, "data") and item.w > 0
    ]
    if not pictures:
        return  # Pillow is not even imported (most issues have no pictures)
    import io

    try:
        from PIL import Image
    except ImportError:  # reportlab brings Pillow; without it there is nothing to measure with
        return
    for p, item in pictures:
        try:
            with Image.open(io.BytesIO(item.data)) as im:
                px_w, px_h = im.size
        except Exception:
            continue
        dpi = min(px_w / (item.w / 72), px_h / (item.h / 72) if item.h > 0 else px_w / (item.w / 72))
        if dpi < minimum:
            best_mm = px_w / minimum * 25.4
            yield Finding(
                "image-dpi",
                Severity.WARNING,
                location_of(item.key, p, book),
                f"图片印刷分辨率只有 {dpi:.0f} dpi（至少需要 {minimum} dpi）。请换用更清晰的原图，"
                f"或把印刷宽度缩小到 {best_mm:.0f} 毫米以内。",
                f"The image prints at {dpi:.0f} dpi (needs {minimum}); use a sharper original or print it at "
                f"most {best_mm:.0f} mm wide.",
                f"{px_w}x{px_h}",
            )


def _font_licences(book, facts: FontFacts) -> Iterator[Finding]:
    used: dict[str, int] = {}
    for p, page in enumerate(book.pages):
        for item in page.items:
            face = getattr(item, "face", None)
            if face is not None:
                used.setdefault(face, p)
    for face_id, first in sorted(used.items()):
        fs = facts.fs_type(face_id)
        if fs is None:
            continue
        face = book.faces.get(face_id)
        name = face.family if face and face.family else face_id
        if fs & 0x000F == 0x0002 or fs & 0x0200:
            kind_zh = "禁止嵌入" if fs & 0x000F == 0x0002 else "只允许嵌入位图"
            kind_en = "forbids embedding" if fs & 0x000F == 0x0002 else "allows only bitmap embedding"
            yield Finding(
                "font-licence",
                Severity.ERROR,
                Location(page=first, folio=book.pages[first].folio),
                f"字体“{name}”的授权{kind_zh}（OS/2 fsType={fs:#06x}），PDF 不能合法交印。请在模板中为该角色换用允许嵌入的字体。",
                f"Font “{name}” {kind_en} (OS/2 fsType={fs:#06x}); the PDF cannot go to print. Choose another font "
                "for this role in the template.",
                name,
            )
        elif fs & 0x0100:
            yield Finding(
                "font-licence",
                Severity.WARNING,
                Location(page=first, folio=book.pages[first].folio),
                f"字体“{name}”的授权不允许子集嵌入（OS/2 fsType={fs:#06x}），而本工具按子集嵌入。请向字体厂商确认或换用字体。",
                f"Font “{name}” forbids subsetting (OS/2 fsType={fs:#06x}) and we embed subsets; check the licence "
                "or choose another font.",
                name,
            )


def _image_colour(book, tpl) -> Iterator[Finding]:
    """Colour images need a CMYK profile to go to print; without one the print build refuses them."""
    import io

    from layout.colour import cmyk_profile

    if cmyk_profile(tpl.press.cmyk_profile) is not None:
        return
    try:
        from PIL import Image
    except ImportError:
        return
    for p, page in enumerate(book.pages):
        for item in page.items:
            if not hasattr(item, "data"):
                continue
            try:
                with Image.open(io.BytesIO(item.data)) as im:
                    mode = im.mode
            except Exception:
                continue  # an unreadable image is reported by the build itself
            if mode in ("1", "L", "LA", "I", "I;16", "F", "CMYK"):
                continue
            yield Finding(
                "image-colour",
                Severity.ERROR,
                location_of(item.key, p, book),
                "彩色图片无法转换为 CMYK：系统中没有 CMYK 色彩特性文件，印刷版 PDF 无法输出。"
                "请在模板 [print] 中用 cmyk_profile 指定 ICC 文件（或安装 ghostscript），或改用灰度图片。",
                "A colour image cannot be converted to CMYK: no CMYK ICC profile is available, so the print PDF "
                "cannot be written. Name one with cmyk_profile in the template's [print] table (or install "
                "ghostscript), or use a greyscale image.",
                mode,
            )


BINDING_ZH = {"saddle": "骑马订", "perfect": "胶订"}
BINDING_EN = {"saddle": "saddle stitching", "perfect": "perfect binding"}
BINDING_RULE = {"saddle": ("4 的倍数", "a multiple of 4"), "perfect": ("偶数", "an even count")}


def _page_count(book, tpl=None) -> Iterator[Finding]:
    binding = tpl.press.binding if tpl is not None else "saddle"
    signature = {"saddle": 4, "perfect": 2}.get(binding, 1)
    n = len(book.pages)
    if n == 0 or n % signature == 0:
        return
    add = signature - n % signature
    back = book.pages[-1].flow == "back-cover"
    last = book.pages[-2 if back and n > 1 else -1].folio
    if back:
        where_zh, where_en = "封底之前", "before the back cover"
    else:
        where_zh = f"第 {last} 页（末篇文件）之后" if last is not None else "最后一页之后"
        where_en = f"after page {last} (the last document)" if last is not None else "after the last page"
    rule_zh, rule_en = BINDING_RULE[binding]
    yield Finding(
        "page-count",
        Severity.WARNING,
        Location(page=n - 1, folio=book.pages[-1].folio),
        f"本期共 {n} 页，{BINDING_ZH[binding]}需要{rule_zh}：印刷版输出会在{where_zh}加 {add} 页空白页，"
        f"共 {n + add} 页；也可增加 {add} 页内容（如征订启事）代替空白页。",
        f"The issue has {n} pages; {BINDING_EN[binding]} needs {rule_en}: the print output adds {add} blank page(s) "
        f"{where_en}, for {n + add} pages; or add {add} page(s) of content instead.",
        str(n),
    )
