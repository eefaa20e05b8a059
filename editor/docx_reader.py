"""Reading a Word document's body into plain paragraphs, tables and images, in order.

This layer knows OOXML and nothing about official documents: it turns what Word shows on
the page into literal text (automatic numbers become the digits Word would print, fields
their shown result, tracked changes accepted) and keeps just enough formatting (font,
size, alignment, colour, style name, outline level) for `docx_import` to recognise the
parts of a 公文. Everything it cannot carry over is counted in `Stats`, so the import
report can say exactly what was approximated or dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from layout.pages import remap_marks

from .bounds import (
    MAX_IMAGE_MM,
    MAX_NUMBER_TEXT,
    MAX_PARAGRAPHS,
    MAX_ROWS,
    MAX_SPAN,
    Budget,
    OutOfBounds,
    parse_int,
)
from .docx_package import MAX_MEDIA_BYTES, Package
from .errors import UserError
from .model import Cell
from .official import CN_DIGITS, chinese_counting

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
V = "{urn:schemas-microsoft-com:vml}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DIAGRAM_URI = "http://schemas.openxmlformats.org/drawingml/2006/diagram"

IMAGE_EXTS = {
    "png": "png",
    "jpg": "jpg",
    "jpeg": "jpg",
    "jpe": "jpg",
    "gif": "gif",
    "bmp": "bmp",
    "tif": "tif",
    "tiff": "tif",
}
DROPPED_FIELDS = {
    "TOC",
    "PAGE",
    "NUMPAGES",
    "SECTIONPAGES",
    "PAGEREF",
    "INDEX",
    "TC",
    "XE",
    "TA",
    "TOA",
    "RD",
}

# w:sym in the Symbol and Wingdings fonts: the characters Chinese documents actually use.
SYMBOL_CHARS = {
    0xB7: "•",
    0xD7: "×",
    0xB1: "±",
    0xB3: "≥",
    0xA3: "≤",
    0xB9: "≠",
    0xB0: "°",
    0xAE: "→",
    0xAC: "←",
    0xAD: "↑",
    0xAF: "↓",
    0xD6: "√",
    0xA5: "∞",
    0xB4: "×",
    0xB8: "÷",
    0x2D: "−",
    0xBB: "≈",
    0xE6: "(",
    **{0x41 + i: c for i, c in enumerate("ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ")},
    **{0x61 + i: c for i, c in enumerate("αβχδεφγηιϕκλμνοπθρστυϖωξψζ")},
}
WINGDINGS_CHARS = {
    0xA8: "☐",
    0x6F: "□",
    0x71: "□",
    0xFE: "☑",
    0xFD: "☒",
    0xFC: "✓",
    0xFB: "✗",
    0x6E: "■",
    0xA7: "■",
    0x9F: "•",
    0x6C: "●",
    0xA1: "○",
    0x75: "◆",
    0x76: "❖",
    0xD8: "➢",
    0xE0: "→",
    0xE8: "➔",
    0x4A: "☺",
    0x4C: "☹",
    0x81: "①",
    0x82: "②",
    0x83: "③",
    0x84: "④",
    0x85: "⑤",
    0x86: "⑥",
    0x87: "⑦",
    0x88: "⑧",
    0x89: "⑨",
    0x8A: "⑩",
}

WINGDINGS2_CHARS = {
    0x4F: "✗",
    0x50: "✓",
    0x51: "☒",
    0x52: "☑",
    0x53: "☒",
    0x54: "☒",
    0x99: "■",
    0x9A: "▪",
    0xA2: "◻",
    0xA3: "□",
    0xA4: "○",
    0xA5: "◉",
    0x96: "●",
    0x97: "◆",
    0xF3: "■",
    **{0x6A + i: c for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩")},
}


def symbol_char(font: str, code: int) -> str | None:
    """The Unicode meaning of character `code` in a symbol font (Symbol, Wingdings, Wingdings 2);
    None when the font is not one of them or the character is not in its table."""
    f = font.lower().replace(" ", "")
    low = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    if f == "wingdings2":
        return WINGDINGS2_CHARS.get(low)
    if f.startswith("wingdings"):
        return WINGDINGS_CHARS.get(low)
    if f == "symbol":
        return SYMBOL_CHARS.get(low)
    return None


def symbol_font(rpr: dict) -> str:
    """The symbol font a run's Latin characters are typed in, '' when it is an ordinary font."""
    for key in ("ascii", "hAnsi"):
        name = (rpr.get(key) or "").lower().replace(" ", "")
        if name == "symbol" or name.startswith("wingdings"):
            return name
    return ""


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _on(el: etree._Element | None) -> bool | None:
    """A w:b-style toggle: None when absent, else whether it is switched on."""
    if el is None:
        return None
    return el.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(W + attr)


INT32 = 2**31 - 1
MAX_START = 32767  # Word's largest list start value
MAX_LEVEL_TEXT = 1000  # Word itself stores at most 255 characters of level text


def _int(
    value: str | None, default: int | None = None, part: str = "w:val", lo: int = -INT32, hi: int = INT32
) -> int | None:
    """A number attribute: garbage Word would ignore gives DEFAULT; INF, 1e999 or a value no
    document holds raises OutOfBounds (import_docx names the file, the part and the value)."""
    if value is None:
        return default
    try:
        float(value)
    except ValueError:
        return default
    return parse_int(value, part, lo, hi, decimals=True)


# ---- number formats ------------------------------------------------------------------
def chinese_legal(n: int) -> str:
    s = "零" if n == 0 else chinese_counting(n)
    if n >= 10 and s.startswith("十"):
        s = "一" + s
    return s.translate(str.maketrans("零一二三四五六七八九十百千", "零壹贰叁肆伍陆柒捌玖拾佰仟"))


def roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += sym
            n -= value
    return out


def letters(n: int) -> str:
    if n <= 0 or n > 26 * 30:  # Word repeats the letter (aa, bbb); a damaged start must not make megabytes
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter as Word prints it for a numFmt; unknown formats fall back to digits."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "ideographDigital",
        "japaneseDigitalTenThousand",
    ):
        if fmt == "ideographDigital":
            return "".join(CN_DIGITS[int(d)] for d in str(n))
        return chinese_counting(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "taiwaneseDigital"):
        return chinese_legal(n)
    if fmt in ("ideographTraditional",):
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac",):
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return CIRCLED[n - 1] if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "none":
        return ""
    return str(n)


# ---- what the reader produces ----------------------------------------------------------
@dataclass
class RawPara:
    """A paragraph as shown: literal text (soft breaks as \\n) and the formatting that matters."""

    text: str
    style_name: str = ""
    outline: int | None = None  # 0-based outline level from the paragraph or its style
    align: str = "left"  # left, center, right, both, distribute
    size: float = 0.0  # dominant font size in pt
    max_size: float = 0.0
    font: str = ""  # dominant East Asian font family name
    lead_font: str = ""  # font of the first visible characters (run-in headings)
    bold: bool = False
    red: bool = False
    numbered: bool = False  # the leading number came from Word's automatic numbering
    indent: int = 0  # left indent in twentieths of a point
    in_cell: bool = False
    in_textbox: bool = False
    marks: tuple[tuple[int, int, str], ...] = ()  # superscript/subscript/bold spans over `text`


@dataclass
class RawImage:
    """A picture found in a Word file, stored in the issue under `name`."""

    name: str  # media name inside the issue file
    width_mm: float | None = None


@dataclass
class RawTable:
    """A Word table's cells as read, before it becomes a table block."""

    rows: list[list[Cell]]
    header_rows: int = 0
    images: list[RawImage] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(" ".join(c.text for c in row) for row in self.rows)


Item = RawPara | RawImage | RawTable


@dataclass
class Stats:
    """Everything the import approximated or dropped, for the report."""

    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    para_marks_deleted: int = 0
    fields_kept: int = 0
    fields_dropped: Counter = field(default_factory=Counter)
    hidden_chars: int = 0
    textboxes: int = 0
    images: int = 0
    floating: int = 0
    images_missing: list[str] = field(default_factory=list)
    images_external: int = 0
    images_unsupported: list[str] = field(default_factory=list)
    images_in_tables: int = 0
    charts: int = 0
    smartart: int = 0
    shapes: int = 0
    ole_preview: int = 0
    ole_dropped: int = 0
    comments: int = 0
    comment_texts: list[str] = field(default_factory=list)  # the comments' words, for the report
    field_text: str = ""  # the start of what dropped fields (TOC, PAGE…) showed
    hidden_text: str = ""  # the start of the hidden text
    page_breaks: int = 0
    section_breaks: int = 0
    symbols_unknown: int = 0
    symbols_mapped: int = 0
    wordart: int = 0
    ruby: int = 0
    math: int = 0
    nested_tables: int = 0
    empty_tables: int = 0
    checkboxes: int = 0
    soft_breaks: int = 0
    notes_missing: int = 0
    extra_bodies: int = 0
    floating_tables: int = 0


# ---- styles and numbering -------------------------------------------------------------
def merge_rpr(base: dict, over: dict) -> dict:
    """Run properties `over` applied on `base`: an explicit font beats an inherited theme font."""
    out = dict(base)
    for name, theme in (("eastAsia", "eastAsiaTheme"), ("ascii", "asciiTheme")):
        if name in over and theme not in over:
            out.pop(theme, None)
    out.update(over)
    return out


def _rpr(el: etree._Element | None) -> dict:
    """The run properties recognition cares about, only those present."""
    out: dict = {}
    if el is None:
        return out
    for child in el:
        tag = child.tag
        if tag == W + "rFonts":
            for key in ("eastAsia", "ascii", "hAnsi", "eastAsiaTheme", "asciiTheme", "hint"):
                v = child.get(W + key)
                if v:
                    out[key] = v
        elif tag == W + "sz":
            v = _int(child.get(W + "val"), part="w:sz")
            if v:
                out["sz"] = v
        elif tag == W + "b":
            out["b"] = _on(child)
        elif tag == W + "color":
            v = child.get(W + "val")
            if v:
                out["color"] = v
        elif tag in (W + "vanish", W + "specVanish"):
            out["vanish"] = _on(child)
        elif tag == W + "rStyle":
            out["rStyle"] = child.get(W + "val")
        elif tag == W + "vertAlign":
            out["vert"] = child.get(W + "val", "baseline")
        elif tag == W + "position":
            out["position"] = _int(child.get(W + "val"), 0)
    return out


@dataclass
class StyleDef:
    """A Word paragraph style: its parent and its paragraph and run properties."""

    name: str = ""
    based_on: str | None = None
    ppr: dict = field(default_factory=dict)
    rpr: dict = field(default_factory=dict)


def _ppr(el: etree._Element | None) -> dict:
    out: dict = {}
    if el is None:
        return out
    for child in el:
        tag = child.tag
        if tag == W + "jc":
            v = child.get(W + "val", "left")
            out["jc"] = {"start": "left", "end": "right", "centre": "center"}.get(v, v)
        elif tag == W + "numPr":
            num_id = _val(child.find(W + "numId"))
            ilvl = _val(child.find(W + "ilvl"))
            if num_id is not None:
                out["numId"] = num_id
            if ilvl is not None:
                out["ilvl"] = _int(ilvl, 0, "w:ilvl")
        elif tag == W + "outlineLvl":
            lvl = _int(child.get(W + "val"), part="w:outlineLvl")
            if lvl is not None:
                out["outline"] = lvl
        elif tag == W + "ind":
            left = child.get(W + "left") or child.get(W + "start")
            if left is not None:
                out["ind"] = _int(left, 0, "w:ind")
        elif tag == W + "pStyle":
            out["pStyle"] = child.get(W + "val")
        elif tag == W + "pageBreakBefore":
            out["pageBreakBefore"] = _on(child)
        elif tag == W + "rPr":
            out["mark"] = child
    return out


@dataclass
class LevelDef:
    """One level of a Word numbering definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    legal: bool = False
    suffix: str = "tab"
    hidden: bool = False
    pstyle: str | None = None
    font: str = ""


def _level(el: etree._Element) -> LevelDef:
    lv = LevelDef()
    lv.start = _int(_val(el.find(W + "start")), 1, "w:start", 0, MAX_START) or 0
    fmt = el.find(W + "numFmt")
    if fmt is not None:
        lv.fmt = fmt.get(W + "val", "decimal")
        if lv.fmt == "custom":  # Word 2010 custom formats keep a sample like "001, 002, 003"
            lv.fmt = "decimalZero" if (fmt.get(W + "format") or "").startswith("0") else "decimal"
    text = el.find(W + "lvlText")
    if text is not None:
        lv.text = text.get(W + "val", "")
        if len(lv.text) > MAX_LEVEL_TEXT:
            raise OutOfBounds(
                "w:lvlText", lv.text, "太长（自动编号文字异常）", "which is far too long for a list number"
            )
    lv.restart = _int(_val(el.find(W + "lvlRestart")), None, "w:lvlRestart")
    lv.legal = bool(_on(el.find(W + "isLgl")))
    lv.suffix = _val(el.find(W + "suff")) or "tab"
    lv.pstyle = _val(el.find(W + "pStyle"))
    rpr = el.find(W + "rPr")
    lv.hidden = bool(rpr is not None and _on(rpr.find(W + "vanish")))
    fonts = rpr.find(W + "rFonts") if rpr is not None else None
    if fonts is not None:
        lv.font = fonts.get(W + "ascii") or fonts.get(W + "hAnsi") or ""
    return lv


class Numbering:
    """numbering.xml with Word's counters: lists sharing an abstract definition continue, overrides restart."""

    def __init__(self, root: etree._Element | None, style_num: dict[str, tuple[str, int | None]]) -> None:
        self.abstract: dict[str, dict[int, LevelDef]] = {}
        self.style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, LevelDef | None]]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.style_num = style_num
        self.budget: Budget | None = None  # the reader's, so expanded numbers count against it
        if root is None:
            return
        for el in root:
            if el.tag == W + "abstractNum":
                aid = el.get(W + "abstractNumId", "")
                self.abstract[aid] = {
                    _int(lv.get(W + "ilvl"), 0, "w:ilvl") or 0: _level(lv) for lv in el.iter(W + "lvl")
                }
                link = _val(el.find(W + "numStyleLink"))
                if link:
                    self.style_link[aid] = link
            elif el.tag == W + "num":
                nid = el.get(W + "numId", "")
                aid = _val(el.find(W + "abstractNumId")) or ""
                overrides: dict[int, tuple[int | None, LevelDef | None]] = {}
                for ov in el.iter(W + "lvlOverride"):
                    ilvl = _int(ov.get(W + "ilvl"), 0, "w:ilvl") or 0
                    start = _int(_val(ov.find(W + "startOverride")), None, "w:startOverride", 0, MAX_START)
                    lvl_el = ov.find(W + "lvl")
                    overrides[ilvl] = (start, _level(lvl_el) if lvl_el is not None else None)
                self.nums[nid] = (aid, overrides)

    def _abstract_for(self, num_id: str, depth: int = 0) -> str | None:
        if num_id not in self.nums or depth > 4:
            return None
        aid = self.nums[num_id][0]
        link = self.style_link.get(aid)
        if link and link in self.style_num:  # a list style: follow it to the definition it names
            other = self.style_num[link][0]
            if other != num_id:
                return self._abstract_for(other, depth + 1) or aid
        return aid

    def level_of_style(self, num_id: str, style_id: str | None) -> int:
        """The list level a paragraph style is linked to (w:lvl/w:pStyle), 0 when none is."""
        aid = self._abstract_for(num_id)
        for ilvl, lv in self.abstract.get(aid or "", {}).items():
            if style_id and lv.pstyle == style_id:
                return ilvl
        return 0

    def level_def(self, num_id: str, aid: str, ilvl: int) -> LevelDef | None:
        override = self.nums[num_id][1].get(ilvl)
        if override and override[1] is not None:
            return override[1]
        return self.abstract.get(aid, {}).get(ilvl)

    def literal(self, num_id: str, ilvl: int) -> str | None:
        """The number Word prints before this paragraph, advancing the counters."""
        aid = self._abstract_for(num_id)
        if aid is None or aid not in self.abstract:
            return None
        ilvl = max(0, min(ilvl, 8))
        lv = self.level_def(num_id, aid, ilvl)
        if lv is None:
            return None
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for k, (start, lvl) in self.nums[num_id][1].items():
                if start is not None and 0 <= k < 9:
                    counters[k] = start - 1
                elif lvl is not None and 0 <= k < 9:
                    counters[k] = None
        current = counters[ilvl]
        counters[ilvl] = lv.start if current is None else current + 1
        for k in range(ilvl + 1, 9):
            deeper = self.level_def(num_id, aid, k)
            restart = deeper.restart if deeper is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[k] = None
        if lv.hidden or lv.text is None:
            return ""
        if lv.fmt == "bullet":
            return _bullet(lv.text, lv.font)

        def repl(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if not 0 <= k < 9:
                return ""
            other = self.level_def(num_id, aid, k) or LevelDef()
            counted = counters[k]
            value = counted if counted is not None else other.start
            return format_number(value, "decimal" if (lv.legal and k != ilvl) else other.fmt)

        text = re.sub(r"%(\d)", repl, lv.text)
        if len(text) > MAX_NUMBER_TEXT:
            raise OutOfBounds(
                "w:lvlText", lv.text, "展开后的编号过长", "whose list number expands far too long"
            )
        if self.budget is not None:
            self.budget.number_text(len(text))
        if lv.suffix == "nothing" or not text or text[-1] in "、.．)）:：,，" or text[-1].isspace():
            return text
        return text + "\t"


BULLET_LETTERS = {"o": "◦", "O": "○", "-": "–"}
"""Letters Word uses as bullet glyphs in Courier New and the like: a bullet `o` is a white bullet."""


def _bullet(text: str, font: str = "") -> str:
    """The glyph a bullet shows: symbol fonts mapped to Unicode, `o` as ◦, never a letter."""
    if not text:
        return ""
    code = ord(text[0])
    mapped = symbol_char(font, code) if font else None
    if mapped is None and 0xF000 <= code <= 0xF0FF:
        mapped = symbol_char(font or "Symbol", code) or WINGDINGS_CHARS.get(code - 0xF000, "•")
    if mapped is None and len(text) == 1:
        mapped = BULLET_LETTERS.get(text)
    return (mapped or text) + " "


class Styles:
    """styles.xml resolved along basedOn chains, with theme fonts looked up."""

    def __init__(self, root: etree._Element | None, theme: dict[str, str]) -> None:
        self.defs: dict[str, StyleDef] = {}
        self.default_para: str | None = None
        self.default_rpr: dict = {}
        self.theme = theme
        self._p_cache: dict[str | None, tuple[dict, dict, str]] = {}
        self._r_cache: dict[str | None, dict] = {}
        if root is None:
            return
        defaults = root.find(W + "docDefaults")
        if defaults is not None:
            self.default_rpr = _rpr(defaults.find(f"{W}rPrDefault/{W}rPr"))
        for el in root.iter(W + "style"):
            sid = el.get(W + "styleId", "")
            sd = StyleDef(
                name=_val(el.find(W + "name")) or sid,
                based_on=_val(el.find(W + "basedOn")),
                ppr=_ppr(el.find(W + "pPr")),
                rpr=_rpr(el.find(W + "rPr")),
            )
            self.defs[sid] = sd
            if el.get(W + "type") == "paragraph" and el.get(W + "default") in ("1", "true", "on"):
                self.default_para = sid

    def _chain(self, sid: str | None) -> list[StyleDef]:
        chain: list[StyleDef] = []
        seen: set[str] = set()
        while sid and sid in self.defs and sid not in seen and len(chain) < 20:
            seen.add(sid)
            chain.append(self.defs[sid])
            sid = self.defs[sid].based_on
        return chain[::-1]

    def para(self, sid: str | None) -> tuple[dict, dict, str]:
        """(paragraph props, run props, style name) of a paragraph style with its ancestors."""
        sid = sid if sid in self.defs else self.default_para
        if sid in self._p_cache:
            return self._p_cache[sid]
        ppr: dict = {}
        rpr: dict = dict(self.default_rpr)
        for sd in self._chain(sid):
            ppr.update({k: v for k, v in sd.ppr.items() if k not in ("mark", "pStyle")})
            rpr = merge_rpr(rpr, sd.rpr)
        name = self.defs[sid].name if sid in self.defs else ""
        result = (ppr, rpr, name)
        self._p_cache[sid] = result
        return result

    def run(self, sid: str | None) -> dict:
        if sid in self._r_cache:
            return self._r_cache[sid]
        rpr: dict = {}
        for sd in self._chain(sid):
            rpr = merge_rpr(rpr, sd.rpr)
        self._r_cache[sid] = rpr
        return rpr

    def style_numbering(self) -> dict[str, tuple[str, int | None]]:
        out = {}
        for sid in self.defs:
            for sd in self._chain(sid):
                if "numId" in sd.ppr:
                    out[sid] = (sd.ppr["numId"], sd.ppr.get("ilvl"))
        return out

    def font_of(self, rpr: dict, cjk: bool) -> str:
        if cjk:
            name = rpr.get("eastAsia")
            theme = rpr.get("eastAsiaTheme")
        else:
            name = rpr.get("ascii") or rpr.get("hAnsi")
            theme = rpr.get("asciiTheme")
        if theme:
            resolved = self.theme.get(
                ("major" if theme.startswith("major") else "minor") + ("-ea" if cjk else "-latin")
            )
            if resolved:
                return resolved
        return name or ""


def _theme_fonts(root: etree._Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if root is None:
        return out
    for which in ("major", "minor"):
        el = root.find(f".//{A}{which}Font")
        if el is None:
            continue
        latin = el.find(A + "latin")
        if latin is not None and latin.get("typeface"):
            out[which + "-latin"] = latin.get("typeface")
        hans = next((f.get("typeface") for f in el.findall(A + "font") if f.get("script") == "Hans"), None)
        ea = el.find(A + "ea")
        out[which + "-ea"] = hans or (ea.get("typeface") if ea is not None else "") or ""
    return out


def is_red(color: str | None) -> bool:
    if not color or len(color) != 6:
        return False
    try:
        r, g, b = int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)
    except ValueError:
        return False
    return r >= 0xB0 and g <= 0x70 and b <= 0x70


# ---- the body walker -------------------------------------------------------------------
class _ParaBuilder:
    __slots__ = ("pieces", "segments", "fmt_chars", "pos", "marks")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.segments: list[str | RawImage] = []  # text chunks and images in order
        self.fmt_chars: list[tuple[int, dict]] = []
        self.pos = 0  # characters added so far, over all segments
        self.marks: list[tuple[int, int, str]] = []  # superscript, subscript, bold spans over them

    def add(self, text: str, rpr: dict) -> None:
        self.pieces.append(text)
        self.fmt_chars.append((len(text), rpr))
        vert = rpr.get("vert")
        kind = {"superscript": "sup", "subscript": "sub"}.get(vert or "")
        if kind is None and rpr.get("position"):  # raised/lowered by a position in half-points
            kind = "sup" if rpr["position"] > 0 else "sub"
        for k in (kind, "b" if rpr.get("b") else None):
            if not k or not text.strip():
                continue
            if self.marks and self.marks[-1][2] == k and self.marks[-1][1] == self.pos:
                self.marks[-1] = (self.marks[-1][0], self.pos + len(text), k)
            else:
                self.marks.append((self.pos, self.pos + len(text), k))
        self.pos += len(text)

    def image(self, img: RawImage) -> None:
        self.segments.append("".join(self.pieces))
        self.pieces = []
        self.segments.append(img)

    def finish(self) -> list[str | RawImage]:
        self.segments.append("".join(self.pieces))
        self.pieces = []
        return self.segments


class _Field:
    __slots__ = ("instr", "result", "drop", "mark")

    def __init__(self) -> None:
        self.instr: list[str] = []
        self.result = False
        self.drop = False
        self.mark = ""


class Reader:
    """Walks one package's main part; `items`, `notes`, `media` and `stats` hold the outcome."""

    def __init__(self, pkg: Package, doc_id: str) -> None:
        self.pkg = pkg
        self.doc_id = doc_id
        self.stats = Stats()
        self.media: dict[str, bytes] = {}
        self._media_by_target: dict[str, str] = {}
        self.notes: list[str] = []
        self._note_ids: dict[tuple[str, str], int] = {}
        self.part = pkg.main
        main_rels = pkg.rels(pkg.main)

        def first(kind: str) -> etree._Element | None:
            names = [t for (rt, t, ext) in main_rels.values() if rt.endswith("/" + kind) and not ext]
            return pkg.xml(names[0]) if names and pkg.has(names[0]) else None

        self.styles = Styles(first("styles"), _theme_fonts(first("theme")))
        self.numbering = Numbering(first("numbering"), self.styles.style_numbering())
        self.budget = Budget(pkg.path, "Word 文件", "Word file")
        self.numbering.budget = self.budget
        self._note_parts = {"footnote": first("footnotes"), "endnote": first("endnotes")}
        comments = first("comments")
        if comments is not None:
            for c in comments.iter(W + "comment"):
                words = "".join(t.text or "" for t in c.iter(W + "t")).strip()
                if words:
                    self.stats.comment_texts.append(words[:60])
        self.headers_footers = sum(
            1 for (rt, _, _) in main_rels.values() if rt.endswith(("/header", "/footer"))
        )
        self.header_lines: list[tuple[str, str]] = []  # (header/footer, text): what is not imported
        self.first_header: list[str] = []  # the first page's header, where some offices put the number
        self._fields: list[_Field] = []
        self._pending_boxes: list[etree._Element] = []
        self._in_note = False
        self._merge_into: RawPara | None = None

    # ---- entry ---------------------------------------------------------------------
    def read(self) -> list[Item]:
        root = self.pkg.xml(self.pkg.main)
        if root is None:
            raise UserError("正文部件缺失", "main part missing")
        paragraphs = sum(1 for _ in root.iter(W + "p"))  # cheap: refuse before the slow walk
        if paragraphs > MAX_PARAGRAPHS:
            raise self.budget.exceeded("段落数", "paragraphs", MAX_PARAGRAPHS)
        bodies = [el for el in root if el.tag == W + "body"]
        self.stats.extra_bodies = max(0, len(bodies) - 1)
        if bodies:
            self._headers(bodies[0])
        items: list[Item] = []
        for body in bodies:
            self.blocks(body, items)
        return items

    def _headers(self, body: etree._Element) -> None:
        """The words of headers and footers (not imported: the template makes its own), so the
        report can quote them, and the first page's header, which may hold the number."""
        rels = self.pkg.rels(self.pkg.main)
        texts: dict[str, list[str]] = {}
        for rid, (rtype, target, external) in rels.items():
            if external or not rtype.endswith(("/header", "/footer")) or not self.pkg.has(target):
                continue
            root = self.pkg.xml(target)
            if root is None:
                continue
            lines = []
            for p in root.iter(W + "p"):
                line = "".join(t.text or "" for t in p.iter(W + "t")).strip()
                line += "".join((pt.get("string") or "") for pt in p.iter(V + "textpath"))
                if line.strip():
                    lines.append(line.strip())
            texts[rid] = lines
            kind = "header" if rtype.endswith("/header") else "footer"
            self.header_lines += [(kind, line) for line in lines]
        sect = next(body.iter(W + "sectPr"), None)
        if sect is None:
            return
        refs = {ref.get(W + "type", "default"): ref.get(R + "id") for ref in sect.iter(W + "headerReference")}
        first = refs.get("first") if _on(sect.find(W + "titlePg")) else None
        self.first_header = texts.get(first or refs.get("default") or "", [])

    # ---- block level -----------------------------------------------------------------
    def blocks(
        self, parent: etree._Element, out: list[Item], in_cell: bool = False, in_box: bool = False
    ) -> None:
        floating: RawTable | None = None  # a table floated below the paragraph that follows it
        for el in parent:
            tag = el.tag
            if tag == W + "p":
                self.paragraph(el, out, in_cell, in_box)
                if floating is not None:
                    out.append(floating)
                    floating = None
            elif tag == W + "tbl":
                if floating is not None:
                    out.append(floating)
                    floating = None
                table = self.table(el)
                if table is None:
                    continue
                if in_cell:
                    self.stats.nested_tables += 1
                if _floats_below_next(el):
                    self.stats.floating_tables += 1
                    floating = table
                    continue
                out.append(table)
            elif tag == W + "sdt":
                content = el.find(W + "sdtContent")
                if content is not None:
                    self.blocks(content, out, in_cell, in_box)
            elif tag in (W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
                self.blocks(el, out, in_cell, in_box)
            elif tag in (W + "del", W + "moveFrom"):
                self.stats.deletions += 1
            elif tag == MC + "AlternateContent":
                chosen = self._choice(el)
                if chosen is not None:
                    self.blocks(chosen, out, in_cell, in_box)
            elif tag == W + "altChunk":
                self.stats.ole_dropped += 1
        if floating is not None:
            out.append(floating)

    @staticmethod
    def _choice(alt: etree._Element) -> etree._Element | None:
        """The first alternative: Word writes the modern one first, the VML duplicate after."""
        for child in alt:
            if child.tag in (MC + "Choice", MC + "Fallback"):
                return child
        return None

    def paragraph(self, p: etree._Element, out: list[Item], in_cell: bool, in_box: bool) -> None:
        self.budget.paragraph()
        direct = _ppr(p.find(W + "pPr"))
        sppr, srpr, style_name = self.styles.para(direct.get("pStyle"))
        ppr = {**sppr, **{k: v for k, v in direct.items() if k not in ("mark", "pStyle")}}
        b = _ParaBuilder()
        numbered = False
        num_id = ppr.get("numId")
        if num_id not in (None, "0") and not self._suppressed():
            ilvl = ppr.get("ilvl")
            if ilvl is None:
                ilvl = self.numbering.level_of_style(num_id, direct.get("pStyle") or self.styles.default_para)
            literal = self.numbering.literal(num_id, ilvl)
            if literal:
                numbered = True
                b.add(literal, srpr)
        mark = direct.get("mark")
        self.inline(p, b, srpr)
        if numbered and not "".join(b.pieces[1:]).strip() and not b.segments:
            # Word shows a lone number on an empty item; the page does not need it
            b.pieces, b.fmt_chars = [], []
        elif numbered and b.pieces and b.pieces[0][-1:] in ".)" and len(b.pieces) > 1:
            follow = "".join(b.pieces[1:3]).lstrip()[:1]
            if follow.isascii() and follow.isalnum():  # "1. Entry", but "1.认真落实" as Chinese sets it
                b.pieces[0] += " "
        merge_next = mark is not None and mark.find(W + "del") is not None
        if p.find(f"{W}pPr/{W}sectPr") is not None:
            self.stats.section_breaks += 1
        if ppr.get("pageBreakBefore"):
            self.stats.page_breaks += 1
        segments = b.finish()
        fmt = {} if in_cell else self._formatting(b.fmt_chars, srpr, numbered)  # cells need text only
        total = sum(len(x) for x in segments if isinstance(x, str))
        bold = sum(e - a for a, e, k in b.marks if k == "b")
        # emphasis is bold inside a paragraph; a paragraph set bold throughout is a heading's look
        marks = [m for m in b.marks if m[2] != "b" or bold * 2 < total]
        at = 0
        for n, seg in enumerate(segments):
            if isinstance(seg, RawImage):
                out.append(seg)
                continue
            seg_marks = tuple((a - at, e - at, k) for a, e, k in marks if at <= a and e <= at + len(seg))
            at += len(seg)
            text = seg.replace("\t", " ").replace("\u00a0", " ").replace("\u200b", "")
            if seg_marks and len(text) != len(seg):
                seg_marks = remap_marks(seg, text, seg_marks)
            self.budget.text(len(text))
            self.stats.soft_breaks += text.strip("\n").count("\n")
            if n == 0 and self._merge_into is not None and out and out[-1] is self._merge_into:
                # the previous paragraph mark was a tracked deletion: accepting it joins the two
                self._merge_into.text += text
                self.stats.para_marks_deleted += 1
                continue
            para = RawPara(
                text=text,
                style_name=style_name,
                outline=ppr.get("outline"),
                align=ppr.get("jc", "left"),
                numbered=numbered,
                indent=ppr.get("ind", 0) or 0,
                in_cell=in_cell,
                in_textbox=in_box,
                marks=() if in_cell else seg_marks,
                **fmt,
            )
            out.append(para)
        self._merge_into = out[-1] if merge_next and out and isinstance(out[-1], RawPara) else None
        boxes, self._pending_boxes = self._pending_boxes, []
        for box in boxes:
            self.stats.textboxes += 1
            self.blocks(box, out, in_cell, True)

    def _formatting(self, fmt_chars: list[tuple[int, dict]], para_rpr: dict, numbered: bool) -> dict:
        """Dominant font, size, weight and colour, weighted by how many characters carry them."""
        fonts: Counter = Counter()
        sizes: Counter = Counter()
        bold = red = total = 0
        lead_font = ""
        max_size = 0.0
        skip_lead = 1 if numbered else 0
        for n, (length, rpr) in enumerate(fmt_chars):
            if not length or n < skip_lead:  # the automatic number's look says nothing about the text
                continue
            size = (rpr.get("sz") or 21) / 2  # Word's default is 10.5 pt
            font = self.styles.font_of(rpr, True)
            sizes[size] += length
            fonts[font] += length
            max_size = max(max_size, size)
            total += length
            bold += length if rpr.get("b") else 0
            red += length if is_red(rpr.get("color")) else 0
            if not lead_font and font:
                lead_font = font
        if not total:
            size = (para_rpr.get("sz") or 21) / 2
            return {
                "size": size,
                "max_size": size,
                "font": self.styles.font_of(para_rpr, True),
                "lead_font": "",
                "bold": bool(para_rpr.get("b")),
                "red": is_red(para_rpr.get("color")),
            }
        return {
            "size": sizes.most_common(1)[0][0],
            "max_size": max_size,
            "font": fonts.most_common(1)[0][0],
            "lead_font": lead_font,
            "bold": bold * 2 > total,
            "red": red * 2 > total,
        }

    # ---- inline level ------------------------------------------------------------------
    def _suppressed(self) -> bool:
        return any((not f.result) or f.drop for f in self._fields)

    def _emit(self, b: _ParaBuilder, text: str, rpr: dict) -> None:
        if not text:
            return
        if self._suppressed():
            if any(f.drop and f.result for f in self._fields) and len(self.stats.field_text) < 200:
                self.stats.field_text += text.replace("\t", " ")  # a TOC's or page number's shown text
            return
        if rpr.get("vanish"):
            self.stats.hidden_chars += len(text)
            if len(self.stats.hidden_text) < 200:
                self.stats.hidden_text += text
            return
        b.add(text, rpr)

    def inline(self, parent: etree._Element, b: _ParaBuilder, para_rpr: dict) -> None:
        for el in parent:
            tag = el.tag
            if tag == W + "r":
                self.run(el, b, para_rpr)
            elif tag in (W + "hyperlink", W + "smartTag", W + "customXml", W + "dir", W + "bdo"):
                self.inline(el, b, para_rpr)
            elif tag in (W + "ins", W + "moveTo"):
                if tag == W + "ins":
                    self.stats.insertions += 1
                else:
                    self.stats.moves += 1
                self.inline(el, b, para_rpr)
            elif tag in (W + "del", W + "moveFrom"):
                if tag == W + "del":
                    self.stats.deletions += 1
            elif tag == W + "fldSimple":
                instr = (el.get(W + "instr") or "").strip()
                kind = instr.split()[0].upper() if instr.split() else ""
                if kind in DROPPED_FIELDS:
                    self.stats.fields_dropped[kind] += 1
                else:
                    self.stats.fields_kept += 1
                    self.inline(el, b, para_rpr)
            elif tag == W + "sdt":
                content = el.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, b, para_rpr)
            elif tag == MC + "AlternateContent":
                chosen = self._choice(el)
                if chosen is not None:
                    self.inline(chosen, b, para_rpr)
            elif tag in (M + "oMath", M + "oMathPara"):
                self.stats.math += 1
                self._emit(b, "".join(t.text or "" for t in el.iter(M + "t")), para_rpr)

    def _run_rpr(self, r: etree._Element, para_rpr: dict) -> dict:
        direct = _rpr(r.find(W + "rPr"))
        if not direct:
            return para_rpr
        rstyle = direct.get("rStyle")
        merged = merge_rpr(para_rpr, self.styles.run(rstyle)) if rstyle else para_rpr
        return merge_rpr(merged, direct)

    def run(self, r: etree._Element, b: _ParaBuilder, para_rpr: dict) -> None:
        rpr = self._run_rpr(r, para_rpr)
        for el in r:
            tag = el.tag
            if tag == W + "t":
                text = el.text or ""
                if len(el):  # entity references left unexpanded by the hardened parser
                    text += "".join(c.tail or "" for c in el)
                font = symbol_font(rpr)
                if font:  # ☑ typed as R in Wingdings 2, α as a in Symbol: print their meaning
                    text = self._symbol_text(text, font)
                self._emit(b, text, rpr)
            elif tag == W + "instrText":
                if self._fields and not self._fields[-1].result:
                    self._fields[-1].instr.append(el.text or "")
            elif tag == W + "fldChar":
                self._field_char(el, b, rpr)
            elif tag == W + "tab" or tag == W + "ptab":
                self._emit(b, "\t", rpr)
            elif tag == W + "br":
                kind = el.get(W + "type", "textWrapping")
                if kind == "page":
                    self.stats.page_breaks += 1
                elif kind != "column":
                    self._emit(b, "\n", rpr)
            elif tag == W + "cr":
                self._emit(b, "\n", rpr)
            elif tag == W + "sym":
                self._emit(b, self._symbol(el), rpr)
            elif tag == W + "noBreakHyphen":
                self._emit(b, "-", rpr)
            elif tag == W + "drawing":
                if not self._suppressed():
                    self._drawing(el, b)
            elif tag == W + "pict":
                if not self._suppressed():
                    self._vml(el, b)
            elif tag == W + "object":
                if not self._suppressed():
                    self._ole(el, b)
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                if not self._suppressed():
                    self._note_ref(
                        "footnote" if tag == W + "footnoteReference" else "endnote",
                        el.get(W + "id", ""),
                        b,
                        rpr,
                    )
            elif tag == W + "ruby":
                self.stats.ruby += 1
                base = el.find(W + "rubyBase")
                if base is not None:
                    self.inline(base, b, para_rpr)
            elif tag == MC + "AlternateContent":
                chosen = self._choice(el)
                if chosen is not None:
                    self.run(chosen, b, para_rpr)
            elif tag == W + "commentReference":
                self.stats.comments += 1
            elif tag == W + "delText":
                pass

    def _field_char(self, el: etree._Element, b: _ParaBuilder, rpr: dict) -> None:
        kind = el.get(W + "fldCharType")
        if kind == "begin":
            f = _Field()
            box = el.find(f"{W}ffData/{W}checkBox")
            if box is not None:
                checked = _on(box.find(W + "checked"))
                if checked is None:
                    checked = _on(box.find(W + "default"))
                f.mark = "☑" if checked else "☐"
            self._fields.append(f)
        elif kind == "separate":
            if self._fields and not self._fields[-1].result:
                f = self._fields[-1]
                words = "".join(f.instr).split()
                name = words[0].upper() if words else ""
                f.result = True
                if name in DROPPED_FIELDS:
                    f.drop = True
                    self.stats.fields_dropped[name] += 1
                else:
                    self.stats.fields_kept += 1
        elif kind == "end":
            if self._fields:
                f = self._fields.pop()
                if f.mark:
                    self.stats.checkboxes += 1
                    self._emit(b, f.mark, rpr)

    def _symbol_text(self, text: str, font: str) -> str:
        out = []
        for c in text:
            mapped = symbol_char(font, ord(c))
            if mapped is None and font == "symbol" and ord(c) < 0x41:
                mapped = c  # Symbol's digits and most ASCII punctuation are themselves
            if mapped is None and not c.isspace():
                self.stats.symbols_unknown += 1
                mapped = "□"
            else:
                self.stats.symbols_mapped += 1 if mapped else 0
            out.append(mapped or c)
        return "".join(out)

    def _symbol(self, el: etree._Element) -> str:
        font = el.get(W + "font") or ""
        try:
            code = int(el.get(W + "char") or "", 16)
        except ValueError:
            return ""
        ch = symbol_char(font, code)
        if ch is None and not symbol_font({"ascii": font}):
            valid = 0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF  # never a lone surrogate
            ch = chr(code) if valid and not 0xE000 <= code <= 0xF8FF else None
        if ch is not None:
            self.stats.symbols_mapped += 1
        if ch is None:
            self.stats.symbols_unknown += 1
            return "□"
        return ch

    def _note_ref(self, kind: str, note_id: str, b: _ParaBuilder, rpr: dict) -> None:
        if self._in_note:
            return
        key = (kind, note_id)
        if key not in self._note_ids:
            text = self._note_text(kind, note_id)
            if text is None:
                self.stats.notes_missing += 1
                return
            self.notes.append(text)
            self._note_ids[key] = len(self.notes)
        n = self._note_ids[key]
        self._emit(b, CIRCLED[n - 1] if n <= len(CIRCLED) else f"［注{n}］", rpr)

    def _note_text(self, kind: str, note_id: str) -> str | None:
        root = self._note_parts.get(kind)
        if root is None:
            return None
        for note in root:
            if note.tag == W + kind and note.get(W + "id") == note_id:
                if note.get(W + "type") not in (None, "normal"):
                    return None
                saved = (self._fields, self._pending_boxes, self.part)
                self._fields, self._pending_boxes, self._in_note = [], [], True
                self.part = next(
                    (
                        t
                        for (rt, t, ext) in self.pkg.rels(self.pkg.main).values()
                        if rt.endswith("/" + kind + "s")
                    ),
                    self.part,
                )
                items: list[Item] = []
                try:
                    self.blocks(note, items)
                finally:
                    self._fields, self._pending_boxes, self.part = saved
                    self._in_note = False
                texts = [i.text.strip() for i in items if isinstance(i, RawPara) and i.text.strip()]
                texts += [i.text() for i in items if isinstance(i, RawTable)]
                return "".join(texts)
        return None

    # ---- pictures, boxes and objects ---------------------------------------------------
    def _drawing(self, d: etree._Element, b: _ParaBuilder) -> None:
        found = False
        if d.find(WP + "anchor") is not None:
            self.stats.floating += 1
        extent = d.find(f".//{WP}extent")
        width = None
        if extent is not None:
            cx = _int(extent.get("cx"), None, "wp:extent/@cx", 0, 2**63)
            width = round(min(cx / 36000, MAX_IMAGE_MM), 1) if cx and cx >= 36000 else None
        for gd in d.iter(A + "graphicData"):
            uri = gd.get("uri", "")
            if uri == CHART_URI:
                self.stats.charts += 1
                found = True
            elif uri == DIAGRAM_URI:
                self.stats.smartart += 1
                found = True
        boxes = [t for t in d.iter(W + "txbxContent") if not _inside_box(t, d)]
        for box in boxes:
            self._pending_boxes.append(box)
            found = True
        for blip in d.iter(A + "blip"):
            if _inside_box(blip, d):  # read with its text box's paragraphs
                continue
            embed, link = blip.get(R + "embed"), blip.get(R + "link")
            self._picture(embed or link, b, width)
            found = True
        if not found:
            self.stats.shapes += 1

    def _vml(self, pict: etree._Element, b: _ParaBuilder) -> None:
        found = False
        for path in pict.iter(V + "textpath"):
            words = (path.get("string") or "").strip()
            if words:  # old-style WordArt (a banner drawn as a shape): its words are the text
                self.stats.wordart += 1
                self._emit(b, words, {})
                found = True
        for box in pict.iter(W + "txbxContent"):
            if not _inside_box(box, pict):
                self._pending_boxes.append(box)
                found = True
        for img in pict.iter(V + "imagedata"):
            if _inside_box(img, pict):
                continue
            shape = img.getparent()
            width = _vml_width(shape.get("style", "") if shape is not None else "")
            self._picture(img.get(R + "id") or img.get(R + "href"), b, width)
            found = True
        if not found:
            self.stats.shapes += 1

    def _ole(self, obj: etree._Element, b: _ParaBuilder) -> None:
        img = next(obj.iter(V + "imagedata"), None)
        if img is not None and img.get(R + "id"):
            shape = img.getparent()
            before = len(self.media)
            self._picture(
                img.get(R + "id"), b, _vml_width(shape.get("style", "") if shape is not None else "")
            )
            if len(self.media) > before:
                self.stats.ole_preview += 1
            return
        self.stats.ole_dropped += 1

    def _picture(self, rid: str | None, b: _ParaBuilder, width_mm: float | None) -> None:
        rel = self.pkg.rels(self.part).get(rid or "")
        if rel is None:
            self.stats.images_missing.append(rid or "?")
            return
        _, target, external = rel
        if external:
            self.stats.images_external += 1
            return
        if target in self._media_by_target:
            self.stats.images += 1
            b.image(RawImage(self._media_by_target[target], width_mm))
            return
        if not self.pkg.has(target):
            self.stats.images_missing.append(target)
            return
        ext = target.rsplit(".", 1)[-1].lower() if "." in target else ""
        if ext not in IMAGE_EXTS:
            self.stats.images_unsupported.append(target.rsplit("/", 1)[-1])
            return
        data = self.pkg.read(target, MAX_MEDIA_BYTES)
        n = len(self.media) + 1
        prefix = f"{self.doc_id}-" if self.doc_id else ""
        name = f"media/{prefix}{n}.{IMAGE_EXTS[ext]}"
        self.media[name] = data
        self._media_by_target[target] = name
        self.stats.images += 1
        b.image(RawImage(name, width_mm))

    # ---- tables ------------------------------------------------------------------------
    def table(self, tbl: etree._Element) -> RawTable | None:
        rows: list[list[Cell]] = []
        header_rows = 0
        counting_header = True
        images: list[RawImage] = []
        origin: dict[int, Cell] = {}
        cells = 0
        for tr in _children(tbl, W + "tr"):
            if len(rows) >= MAX_ROWS:
                raise self.budget.exceeded("单个表格的行数", "rows in one table", MAX_ROWS)
            trpr = tr.find(W + "trPr")
            if trpr is not None and trpr.find(W + "del") is not None:
                self.stats.deletions += 1  # a row deleted with tracked changes on
                continue
            is_header = trpr is not None and bool(_on(trpr.find(W + "tblHeader")))
            if counting_header and is_header:
                header_rows += 1
            else:
                counting_header = False
            row: list[Cell] = []
            col = 0
            before = min(
                _int(_val(trpr.find(W + "gridBefore")) if trpr is not None else None, 0, "w:gridBefore") or 0,
                MAX_SPAN,
            )
            if before > 0:
                row.append(Cell("", colspan=before))
                col += before
            for tc in _children(tr, W + "tc"):
                cells += 1
                self.budget.cells(cells)
                tcpr = tc.find(W + "tcPr")
                span = (
                    _int(_val(tcpr.find(W + "gridSpan")) if tcpr is not None else None, 1, "w:gridSpan") or 1
                )
                span = max(1, min(span, MAX_SPAN))  # Word allows 63 columns; more is damage
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                hmerge = tcpr.find(W + "hMerge") if tcpr is not None else None
                items: list[Item] = []
                self.blocks(tc, items, in_cell=True)
                text = self._cell_text(items, images)
                if hmerge is not None and hmerge.get(W + "val", "continue") == "continue" and row:
                    row[-1].colspan = min(row[-1].colspan + span, MAX_SPAN)
                    if text:
                        row[-1].text = (row[-1].text + "\n" + text).strip("\n")
                    col += span
                    continue
                if vmerge is not None and vmerge.get(W + "val", "continue") == "continue" and col in origin:
                    above = origin[col]
                    above.rowspan += 1
                    if text:
                        above.text = (above.text + "\n" + text).strip("\n")
                    col += span
                    continue
                cell = Cell(text, colspan=span)
                row.append(cell)
                for k in range(col, col + span):
                    origin.pop(k, None)
                if vmerge is not None:
                    origin[col] = cell
                col += span
            rows.append(row)
        if not any(c.text.strip() for row in rows for c in row) and not images:
            self.stats.empty_tables += 1
            return None
        # a row whose cells were all merged into the row above must still count for rowspans
        self.stats.images_in_tables += len(images)
        return RawTable(rows, header_rows, images)

    def _cell_text(self, items: list[Item], images: list[RawImage]) -> str:
        lines: list[str] = []
        for it in items:
            if isinstance(it, RawPara):
                t = it.text.strip()
                if t:
                    lines.append(t)
            elif isinstance(it, RawTable):
                lines += [" ".join(c.text for c in row if c.text) for row in it.rows]
                images += it.images
            else:
                images.append(it)
        return "\n".join(line for line in lines if line)


def _inside_box(el: etree._Element, top: etree._Element) -> bool:
    """Is `el` inside a text box that is itself inside `top` (a drawing or VML picture)?

    Only boxes below `top` count: a picture in a paragraph of a text box is read when that
    paragraph is, and the box around it all is not its own.
    """
    for a in el.iterancestors():
        if a is top:
            return False
        if a.tag == W + "txbxContent":
            return True
    return False


def _children(parent: etree._Element, tag: str):
    """Child elements with `tag`, looking through content controls and custom XML wrappers."""
    for el in parent:
        if el.tag == tag:
            yield el
        elif el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif el.tag in (W + "customXml", W + "ins", W + "moveTo"):
            yield from _children(el, tag)
        elif el.tag == MC + "AlternateContent":
            chosen = Reader._choice(el)
            if chosen is not None:
                yield from _children(chosen, tag)


def _floats_below_next(tbl: etree._Element) -> bool:
    """Word stores a floating table before the paragraph it hangs from; on the page it is below it."""
    pos = tbl.find(f"{W}tblPr/{W}tblpPr")
    if pos is None or pos.get(W + "vertAnchor", "text") != "text":
        return False
    return (_int(pos.get(W + "tblpY"), 0, "w:tblpY") or 0) > 0


def _vml_width(style: str) -> float | None:
    m = re.search(r"(?:^|;)\s*width:\s*([\d.]+)\s*(pt|in|cm|mm|px)?", style)
    if not m:
        return None
    value = float(m.group(1))
    unit = m.group(2) or "px"
    per_mm = {"pt": 72 / 25.4, "in": 1 / 25.4, "cm": 0.1, "mm": 1.0, "px": 96 / 25.4}[unit]
    return round(value / per_mm, 1)
