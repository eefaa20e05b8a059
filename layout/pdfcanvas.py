"""The PDF file around the pages, through reportlab: fonts, pages and their boxes, outline,
page labels, links, pictures, PDF/X marks, deterministic output (layout.pdf decides what is
drawn and what is reused; this module is imported only when a file is written anew, so a
build that copies the last file's objects never loads reportlab).

Each face becomes one Type0 font with Identity-H encoding (CIDFontType2 for TrueType faces,
CIDFontType0 for CFF ones) whose program (from layout.fonts) holds exactly the characters
used, one glyph per character, so copied text maps back to Unicode through a complete
ToUnicode CMap and no 256-glyph splitting of CJK fonts happens.
"""

from __future__ import annotations

import threading
import zlib
from io import BytesIO
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from .digest import sha1
from .display import Book, Link, Page, Picture
from .errors import LayoutError
from .fonts import EmbeddedFont, compressed_program
from .pdffile import flate_stream
from .pdfpage import PREAMBLE, PageWriter
from .pdfx import PDF_VERSION, PrintColours, ScreenColours, mark_pdfx, num
from .template import Template

# Binary Flate streams only: reportlab's pure-Python ASCII85 costs more than the whole layout.
# reportlab reads this when it saves, so it is set for the process rather than around each save
# (two threads saving at once must not see different values, or the bytes would differ).
rl_config.useA85 = 0

CREATOR = "gazette-press"


class _Canvas(Canvas):
    """A canvas without reportlab's default Helvetica preamble, which would add an unembedded font.

    Each page's content stream is compressed here, when the page is shown, rather than by
    reportlab when the file is saved, so the writer can keep it (`shown`) or hand in one kept
    from an earlier write (`reuse`); either way the bytes are those reportlab would write.
    """

    _reuse: bytes | None = None
    shown: bytes = b""

    def _make_preamble(self) -> None:
        self._preamble = PREAMBLE

    def reuse(self, stream: bytes) -> None:
        """The next page's content is this compressed stream; nothing was drawn on it."""
        self._reuse = stream

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        super().showPage()
        page = self._doc.Pages.pages[-1]
        data = self._reuse
        if data is None:
            data = zlib.compress(page.stream.encode("utf8"))  # what reportlab's Flate filter does
        self._reuse = None
        self.shown = data
        page.Contents = _flate(data, "page stream")
        page.__class__ = _Page


class _FlateStream(pdfdoc.PDFStream):
    """An already Flate-compressed stream, formatted in one step: the bytes PDFStream writes for it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(
            pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])}), data
        )

    def format(self, document) -> bytes:
        if rl_config.pdfMultiLine or len(self.dictionary.dict) != 1:
            return super().format(document)
        return flate_stream(document.encrypt.encode(self.content))


_PAGE_BYTES: dict[tuple, bytes] = {}  # a page dictionary's formatted bytes by everything they show


class _Page(pdfdoc.PDFPage):
    """reportlab's page dictionary, whose formatted bytes are remembered by what they are made of
    (object numbers, boxes, resources, annotations): a rebuild with the same numbering formats a
    page in one lookup instead of reportlab's generic walk over a dozen PDF objects."""

    def format(self, document) -> bytes:
        self.check_format(document)
        document.Reference(self.Contents)  # the contents get their number here, as they would below
        try:
            key = tuple(
                (name, _shape(value, document))
                for name in _PAGE_KEYS
                if (value := getattr(self, name, None)) is not None
            )
        except _NoShape:
            return super().format(document)
        got = _PAGE_BYTES.get(key)
        if got is None:
            got = super().format(document)
            if len(_PAGE_BYTES) >= 4096:
                _PAGE_BYTES.clear()
            _PAGE_BYTES[key] = got
        return got


_PAGE_KEYS = (*pdfdoc.PDFPage.__Defaults__, *pdfdoc.PDFPage.__NoDefault__)


class _NoShape(Exception):
    """A value _shape does not know: the page is formatted the ordinary way."""


def _shape(v: object, document) -> object:
    """A hashable value that determines how reportlab formats v, object numbers included."""
    if v is None or type(v) in (str, int, float, bool):
        return v
    if isinstance(v, pdfdoc.PDFObjectReference):
        return ("ref", document.idToObjectNumberAndVersion[v.name])
    if isinstance(v, pdfdoc.PDFStream):
        return ("ref", document.idToObjectNumberAndVersion[v.__InternalName__])  # type: ignore[attr-defined]
    if type(v) in (pdfdoc.PDFArray, pdfdoc.PDFArrayCompact):
        return (type(v).__name__, tuple(_shape(e, document) for e in v.sequence))  # type: ignore[attr-defined]
    if type(v) is pdfdoc.PDFDictionary:
        return ("dict", tuple(sorted((k, _shape(e, document)) for k, e in v.dict.items())))  # type: ignore[attr-defined]
    if type(v) is pdfdoc.PDFResourceDictionary:
        res: Any = v
        parts = [(a, _shape(getattr(res, a), document)) for a in res.dict_attributes]
        return ("resources", tuple(parts), _shape(res.ProcSet, document))
    if type(v) is dict:
        return ("map", tuple(sorted((k, _shape(e, document)) for k, e in v.items())))
    if type(v) is list:
        return ("list", tuple(_shape(e, document) for e in v))
    raise _NoShape


def _tounicode(font: EmbeddedFont) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        f"/CMapName /{font.tag}-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    pairs = sorted((g, c) for c, g in font.gids.items())
    for i in range(0, len(pairs), 100):
        chunk = pairs[i : i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for g, c in chunk:
            lines.append(f"<{g:04X}> <{c.encode('utf-16-be').hex().upper()}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return ("\n".join(lines) + "\n").encode("ascii")


def _flate(data: bytes, comment: str = "") -> pdfdoc.PDFStream:
    """A stream whose content is already Flate-compressed: the bytes reportlab's filter would write."""
    stream = _FlateStream(data)
    if comment:
        stream.__Comment__ = comment  # type: ignore[attr-defined]
    return stream


class _ProgramStream(pdfdoc.PDFStream):
    """A subset's font program. Its deflated bytes are asked for only when the file is formatted,
    so a new subset's deflate (on a thread of its own, fonts.Deflated) runs while pages are drawn."""

    def __init__(self, font: EmbeddedFont) -> None:
        super().__init__(content=b"")
        self.font = font

    def format(self, document) -> bytes:
        self.content = compressed_program(self.font)
        return super().format(document)


_FONT_PARTS: dict[int, tuple[EmbeddedFont, str, bytes]] = {}
_FONT_PARTS_LOCK = threading.Lock()


def _font_parts(font: EmbeddedFont) -> tuple[str, bytes]:
    """The W array and the compressed ToUnicode CMap of a subset, made once per subset (a warm
    rebuild embeds the same subset objects; the entry holds its font, so its id stays its own)."""
    with _FONT_PARTS_LOCK:
        got = _FONT_PARTS.get(id(font))
        if got is not None and got[0] is font:
            return got[1], got[2]
    widths = "[0 [" + " ".join(num(w) for w in font.widths) + "]]"  # preformatted: 1000s of numbers
    cmap = zlib.compress(_tounicode(font))
    with _FONT_PARTS_LOCK:
        if len(_FONT_PARTS) >= 64:
            _FONT_PARTS.clear()
        _FONT_PARTS[id(font)] = (font, widths, cmap)
    return widths, cmap


def _add_font(doc, name: str, font: EmbeddedFont) -> None:
    """Type0 font + CID font + descriptor + font file + ToUnicode, registered as /name.

    A TrueType program is a CIDFontType2 with FontFile2; a CFF one (CID-keyed, CID = glyph id)
    a CIDFontType0 with FontFile3 /CIDFontType0C."""
    base = f"{font.tag}+{font.psname}"
    # the program is compressed once per character set (fonts caches it), not on every write
    program = _ProgramStream(font)
    if font.cff:
        program.dictionary["Subtype"] = "/CIDFontType0C"
    else:
        program.dictionary["Length1"] = font.size
    program.dictionary["Filter"] = "/FlateDecode"
    descriptor = pdfdoc.PDFDictionary(
        {
            "Type": "/FontDescriptor",
            "FontName": pdfdoc.PDFName(base),
            "Flags": 4,
            "FontBBox": pdfdoc.PDFArrayCompact(list(font.bbox)),
            "ItalicAngle": font.italic_angle,
            "Ascent": font.ascent,
            "Descent": font.descent,
            "CapHeight": font.cap_height,
            "StemV": 80,
            "FontFile3" if font.cff else "FontFile2": doc.Reference(program),
        }
    )
    widths, cmap_data = _font_parts(font)
    cidfont = pdfdoc.PDFDictionary(
        {
            "Type": "/Font",
            "Subtype": "/CIDFontType0" if font.cff else "/CIDFontType2",
            "BaseFont": pdfdoc.PDFName(base),
            "CIDSystemInfo": pdfdoc.PDFDictionary(
                {
                    "Registry": pdfdoc.PDFString("Adobe"),
                    "Ordering": pdfdoc.PDFString("Identity"),
                    "Supplement": 0,
                }
            ),
            "FontDescriptor": doc.Reference(descriptor),
            "DW": 1000,
            "W": widths,
        }
    )
    if not font.cff:
        cidfont.dict["CIDToGIDMap"] = "/Identity"
    cmap = _flate(cmap_data)
    type0 = pdfdoc.PDFDictionary(
        {
            "Type": "/Font",
            "Subtype": "/Type0",
            "BaseFont": pdfdoc.PDFName(base),
            "Encoding": "/Identity-H",
            "DescendantFonts": pdfdoc.PDFArrayCompact([doc.Reference(cidfont)]),
            "ToUnicode": doc.Reference(cmap),
        }
    )
    doc.idToObject[pdfdoc.BasicFonts].dict[name] = doc.Reference(type0, name)


def _page_labels(c: Canvas, pages: list[Page]) -> None:
    """Label ranges: a run of consecutive numeric labels is one decimal range."""
    prev: str | None = None
    for i, page in enumerate(pages):
        label = page.label
        if (
            prev is not None
            and label.isdigit()
            and prev.isdigit()
            and int(label) == int(prev) + 1
            and not label.startswith("0")
        ):
            prev = label
            continue
        if label.isdigit() and not label.startswith("0"):
            c.addPageLabel(i, style="D", start=int(label))
        elif label:
            c.addPageLabel(i, prefix=label)
        else:
            c.addPageLabel(i)
        prev = label


def _outline(c: Canvas, book: Book) -> None:
    level = -1
    for n, entry in enumerate(book.outline):
        if not 0 <= entry.page < len(book.pages):
            continue
        lv = max(0, min(entry.level, level + 1))
        c.addOutlineEntry(entry.title, f"o{n}", lv, closed=None)
        level = lv


def _parts(doc) -> tuple[list[int], list[int], list[bytes]]:
    """Where the saved file's objects 1..N start, the object number of each page's content
    stream and that stream's compressed content: what layout.pdffile cuts the file by."""
    numbers = doc.idToObjectNumberAndVersion
    offsets = [doc.idToOffset[doc.numberToId[n]] for n in range(1, len(doc.numberToId) + 1)]
    pages = doc.Pages.pages
    streams = [numbers[p.Contents.__InternalName__][0] for p in pages]
    return offsets, streams, [p.Contents.content for p in pages]


def _picture(
    c: Canvas, item: Picture, pw: PageWriter, images: dict, page_index: int, profile: str | None | bool
) -> None:
    """Draw a picture; for print (profile is not False) converted to CMYK or grey, never masked."""
    from reportlab.lib.utils import ImageReader

    key = sha1(item.data).digest()
    reader = images.get(key)
    if reader is None:
        try:
            if profile is False:
                reader = ImageReader(BytesIO(item.data))
            else:
                from .colour import image_to_cmyk

                where = (f"第 {page_index + 1} 页", f"page {page_index + 1}")
                reader = ImageReader(
                    image_to_cmyk(item.data, profile if isinstance(profile, str) else None, where)
                )
            reader.getSize()
            images[key] = reader
        except LayoutError:
            raise
        except Exception:  # reportlab/PIL raise many types (and multi-line texts) for bad image data
            raise LayoutError(
                f"第 {page_index + 1} 页的图片已损坏，无法读取。请在文档中替换该图片。",
                f"The picture on page {page_index + 1} is damaged and cannot be read; replace it in the document.",
            ) from None
    mask = "auto" if profile is False else None
    c.drawImage(reader, pw.X(item.x), pw.Y(item.y + item.h), item.w, item.h, mask=mask)


def write_file(
    book: Book,
    fonts: dict[str, tuple[str, EmbeddedFont]],
    reuse: list[bytes | None],
    *,
    margin: float,
    bleed: float,
    crop_marks: bool,
    printing: bool,
    template: Template | None,
    cut: bool,
) -> tuple[bytes, list[bytes], tuple[list[int], list[int], list[bytes]] | None]:
    """The file of `book` with these font subsets; a page whose `reuse` entry is a stream gets
    that stream instead of being drawn. Returns the file, each page's compressed content
    stream, and (if `cut`) the file's parts for layout.pdffile.FileShape."""
    buf = BytesIO()
    first = book.pages[0]
    c = _Canvas(
        buf,
        pagesize=(first.width + 2 * margin, first.height + 2 * margin),
        invariant=1,
        pageCompression=1,
        pdfVersion=PDF_VERSION if printing else (1, 6),
    )
    c.setTitle(book.title)
    c.setSubject(book.subject)
    c.setAuthor(book.author)
    c.setCreator(CREATOR)
    c.setProducer(CREATOR)
    colours: ScreenColours | PrintColours = ScreenColours()
    if printing:
        assert template is not None
        mark_pdfx(c, template.press.output_condition)
        colours = PrintColours(c, template.palette)
    doc = c._doc
    for name, embedded in fonts.values():
        _add_font(doc, name, embedded)
    images: dict[bytes, object] = {}
    profile = None
    if printing:
        from .colour import cmyk_profile

        profile = cmyk_profile(template.press.cmyk_profile if template is not None else "")
    outline_at: dict[int, list[int]] = {}
    for n, entry in enumerate(book.outline):
        outline_at.setdefault(entry.page, []).append(n)
    shown: list[bytes] = []
    for index, page in enumerate(book.pages):
        w, h = page.width + 2 * margin, page.height + 2 * margin
        c.setPageSize((w, h))
        c.setTrimBox((margin, margin, margin + page.width, margin + page.height))
        if bleed or printing:
            c.setBleedBox(
                (margin - bleed, margin - bleed, margin + page.width + bleed, margin + page.height + bleed)
            )
        c.bookmarkPage(f"p{index}", fit="XYZ", left=0, top=h)
        for n in outline_at.get(index, ()):
            c.bookmarkPage(
                f"o{n}", fit="XYZ", left=0, top=h
            )  # one destination per entry: titles must not merge
        pw = PageWriter(fonts, margin, margin, page.height, colours)
        stream = reuse[index]
        if stream is not None:
            c.reuse(stream)
            if not printing:
                for item in page.items:
                    if type(item) is Link and 0 <= item.page < len(book.pages):
                        rect = (pw.X(item.x), pw.Y(item.y + item.h), pw.X(item.x + item.w), pw.Y(item.y))
                        c.linkAbsolute("", f"p{item.page}", Rect=rect, thickness=0, Border="[0 0 0]")
            c.showPage()
            shown.append(c.shown)
            continue
        for item in page.items:
            if isinstance(item, Picture):
                if pw.ops:
                    c._code.append("\n".join(pw.ops))
                    pw.ops = []
                _picture(c, item, pw, images, index, profile if printing else False)
            elif isinstance(item, Link):
                if printing:
                    continue  # PDF/X-1a: nothing but the page is printed, no annotations
                if 0 <= item.page < len(book.pages):
                    rect = (pw.X(item.x), pw.Y(item.y + item.h), pw.X(item.x + item.w), pw.Y(item.y))
                    c.linkAbsolute("", f"p{item.page}", Rect=rect, thickness=0, Border="[0 0 0]")
            else:
                pw.draw(item, page, bleed)
        c._code += pw.code(w, h, crop_marks, bleed, printing)
        c.showPage()
        shown.append(c.shown)
    _outline(c, book)
    _page_labels(c, book.pages)
    if book.outline:
        c.showOutline()
    c.save()
    return buf.getvalue(), shown, _parts(doc) if cut else None
