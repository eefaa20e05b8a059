"""What makes the print PDF a PDF/X-1a:2001 file, kept apart from drawing.

The PDF writer draws one display list for two outputs. It asks a colour layer for every colour
operator: ScreenColours writes the display list's RGB as today; PrintColours separates through
the template's palette into DeviceCMYK, or into a Separation colour space for a spot ink (its
CMYK is the alternate). Registration marks use the Separation "All" colorant, so they print on
every plate. The rest of PDF/X-1a is file-level and written here too: the PDF/X version keys and
Trapped in the Info dictionary, and one GTS_PDFX output intent naming the registered output
condition the template chose (PDF/X-1a needs no embedded profile for a registered condition).
"""

from __future__ import annotations

from functools import cache

from .colour import REGISTRY, RGB, Palette, output_condition
from .display import Box

PDFX_VERSION = "PDF/X-1a:2001"
PDF_VERSION = (1, 3)  # PDF/X-1a:2001 is based on PDF 1.3


def _fixed(v: float, places: int) -> str:
    s = f"{v:.{places}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


_NUM3: dict[float, str] = {}  # v -> num(v): coordinates and sizes repeat from line to line and page to page
_NUM_KEPT = 1 << 16


def num(v: float, places: int = 3) -> str:
    """v in fixed precision, trailing zeros dropped: byte-identical across runs and platforms.

    Three places (coordinates, sizes) are remembered per value: equal floats format alike, and
    -0.0, which equals 0.0, formats as "0" too."""
    if places != 3:
        return _fixed(v, places)
    got = _NUM3.get(v)
    if got is None:
        got = _fixed(v, 3)
        if len(_NUM3) >= _NUM_KEPT:
            _NUM3.clear()
        _NUM3[v] = got
    return got


class ScreenColours:
    """The screen PDF's colours: the display list's RGB, unchanged."""

    def registration(self) -> str:
        return "1 1 1 1 K"

    def fill(self, rgb: RGB) -> str:
        return f"{num(rgb[0])} {num(rgb[1])} {num(rgb[2])} rg"

    def stroke(self, rgb: RGB) -> str:
        return f"{num(rgb[0])} {num(rgb[1])} {num(rgb[2])} RG"


class PrintColours:
    """Print colours: each RGB of the display list becomes the template's ink for it.

    Process inks are written as DeviceCMYK operators; spot inks (and the registration colour)
    as Separation colour spaces, registered in the resources of each page that uses them.
    """

    def __init__(self, canvas, palette: Palette) -> None:
        self.canvas = canvas
        self.palette = palette
        self.spaces: dict[str, str] = {}  # spot name -> resource name
        self.objects: dict[str, str] = {}  # resource name -> document object name

    def _space(self, spot: str, cmyk, res: str | None = None) -> str:
        got = self.spaces.get(spot)
        if got is None:
            from reportlab.lib.colors import CMYKColorSep
            from reportlab.pdfbase import pdfdoc

            got = res or f"CS{len(self.spaces)}"
            sep = CMYKColorSep(*cmyk, spotName=spot)
            obj = f"GPSep{len(self.spaces)}"
            self.canvas._doc.Reference(pdfdoc.PDFSeparationCMYKColor(sep).value(), obj)
            self.spaces[spot] = got
            self.objects[got] = obj
        self.canvas._colorsUsed[self.objects[got]] = got
        return got

    def _op(self, rgb: RGB, fill: bool) -> str:
        ink = self.palette.ink(rgb)
        if ink.spot:
            res = self._space(ink.spot, ink.cmyk)
            return f"/{res} cs 1 scn" if fill else f"/{res} CS 1 SCN"
        c, m, y, k = ink.cmyk
        return f"{num(c)} {num(m)} {num(y)} {num(k)} {'k' if fill else 'K'}"

    def fill(self, rgb: RGB) -> str:
        return self._op(rgb, True)

    def stroke(self, rgb: RGB) -> str:
        return self._op(rgb, False)

    def registration(self) -> str:
        """Stroke in the registration colour: full tint on every plate."""
        return f"/{self._space('All', (1.0, 1.0, 1.0, 1.0), 'CSAll')} CS 1 SCN"


@cache
def _pdfx_info() -> type:
    """reportlab's Info dictionary class with the PDF/X keys (made when a print file is written:
    reportlab is imported only by writers that need it)."""
    from reportlab.pdfbase import pdfdoc

    class _PDFXInfo(pdfdoc.PDFInfo):
        """reportlab's Info dictionary plus the PDF/X identification keys."""

        def format(self, document):
            d = {
                "Title": pdfdoc.PDFString(self.title),
                "Author": pdfdoc.PDFString(self.author),
                "Subject": pdfdoc.PDFString(self.subject),
                "Creator": pdfdoc.PDFString(self.creator),
                "Producer": pdfdoc.PDFString(self.producer),
                "CreationDate": pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter),
                "ModDate": pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter),
                "Trapped": pdfdoc.PDFName("False"),  # the file is not trapped; the printer's RIP may trap
                "GTS_PDFXVersion": pdfdoc.PDFString(PDFX_VERSION),
                "GTS_PDFXConformance": pdfdoc.PDFString(PDFX_VERSION),
            }
            return pdfdoc.PDFDictionary(d).format(document)

    return _PDFXInfo


def mark_pdfx(canvas, condition: str) -> None:
    """Info keys and the output intent of a PDF/X-1a:2001 file for a registered output condition."""
    from reportlab.pdfbase import pdfdoc

    doc = canvas._doc
    info = _pdfx_info()()
    info.__dict__.update(doc.info.__dict__)
    doc.info = info
    ident, description = output_condition(condition) or (condition, condition)
    intent = pdfdoc.PDFDictionary(
        {
            "Type": pdfdoc.PDFName("OutputIntent"),
            "S": pdfdoc.PDFName("GTS_PDFX"),
            "OutputConditionIdentifier": pdfdoc.PDFString(ident),
            "OutputCondition": pdfdoc.PDFString(description),
            "RegistryName": pdfdoc.PDFString(REGISTRY),
            "Info": pdfdoc.PDFString(description),
        }
    )
    catalog = doc.Catalog
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = pdfdoc.PDFArray([intent])


def into_bleed(b: Box, width: float, height: float, bleed: float) -> Box:
    """A filled box touching the trim edge runs on into the bleed, so trimming leaves no white line."""
    if b.fill is None or bleed <= 0:
        return b
    eps = 0.01
    x0, y0, x1, y1 = b.x, b.y, b.x + b.w, b.y + b.h
    x0 = x0 - bleed if x0 <= eps else x0
    y0 = y0 - bleed if y0 <= eps else y0
    x1 = x1 + bleed if x1 >= width - eps else x1
    y1 = y1 + bleed if y1 >= height - eps else y1
    if (x0, y0, x1, y1) == (b.x, b.y, b.x + b.w, b.y + b.h):
        return b
    return Box(x0, y0, x1 - x0, y1 - y0, b.stroke, b.fill)
