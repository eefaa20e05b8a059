"""Bounds at the door: every number and string read from a file passes through here.

Readers of Word files, issue files and recipes used to trust what they read: `INF` as a font
size, a first page of 5,001 digits, a colspan of 1e29, a lone surrogate from a w:sym. Each
ended far from the door as an OverflowError, a hang or a MemoryError. The helpers here parse
such values once, refuse the impossible ones with a line naming the file, the part and the
value, and the budgets bound what a whole import may cost (expanded numbering text, cells per
table, paragraphs, characters), so an attack or an accident ends in one clear line within a
few seconds.

Parsing helpers raise `OutOfBounds` (a ValueError without the file's name); each reader
catches it where it knows the file and turns it into a UserError with `refusal`.
"""

from __future__ import annotations

import datetime as _dt
import math
import re

from layout.lazyre import lazy

from .errors import Notice, UserError

# Longest digit string we accept for any number: far beyond every legitimate value, and far
# below the 4,300 digits where Python's int() itself refuses.
MAX_DIGITS = 24
DATE_RE = lazy(r"(\d{4})-(\d{2})-(\d{2})")
YEARS = (1900, 2999)

# Budgets for one import / one issue file. A real gazette issue has a few hundred paragraphs,
# tables of a few hundred cells and well under a million characters; these are 10-100x that.
MAX_PARAGRAPHS = 100_000  # per imported document
MAX_TABLE_CELLS = 20_000  # 20 columns x 1,000 rows; lays out in a few seconds
MAX_SPAN = 63  # Word's own limit on table columns
MAX_CHARS = 2_000_000  # per imported document
MAX_BLOCK_CHARS = 1_000_000  # one paragraph or cell; lxml reads text nodes up to 10 MB
# What a whole issue file may hold when read back: far above what imports produce, so a file
# the tool wrote always loads (issue_to_xml refuses to write beyond it), yet bounded.
MAX_ISSUE_PARAGRAPHS = 2_000_000
MAX_ISSUE_CHARS = 50_000_000
# Laid out at once: about 1,500 pages; real issues have a few hundred at most.
MAX_LAYOUT_CHARS = 1_000_000
MAX_NUMBER_TEXT = 200  # one list number as printed (Word allows 255 characters of level text)
MAX_NUMBERING_CHARS = 2_000_000
MAX_ROWS = 20_000
MAX_PAGE = 99_999
MAX_TEMPLATE_PATH = 1000
MAX_IMAGE_MM = 1000.0
# The issue's own numbers, as the properties dialog and recipes accept them (year 0: not set yet).
ISSUE_RANGES = {
    "year": (0, 2999),
    "number": (1, 999),
    "cumulative": (1, 999_999),
    "first_page": (1, MAX_PAGE),
}


class OutOfBounds(ValueError):
    """A value read from a file that no real document holds."""

    def __init__(self, part: str, value: str, zh: str = "", en: str = "") -> None:
        super().__init__(f"{part}={value!r}")
        self.part = part
        self.value = value
        self.zh = zh
        self.en = en


def shown(value: object, limit: int = 40) -> str:
    """A value for a message: short, on one line, with nothing that breaks the terminal."""
    text = str(value)
    text = "".join(c if c.isprintable() and not _surrogate(c) else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def refusal(kind_zh: str, kind_en: str, path: object, e: OutOfBounds) -> UserError:
    """One line: which file, which part, which value, what to do."""
    why_zh = e.zh or "超出合理范围"
    why_en = e.en or "outside any sensible range"
    return UserError(
        f"{kind_zh} {path} 中 {e.part} 的值“{shown(e.value)}”{why_zh}，无法读取。请在原程序中修正后重试。",
        f"The {kind_en} {path} holds the value '{shown(e.value)}' for {e.part}, {why_en}; "
        "it cannot be read. Correct it in the program that made it and retry.",
    )


def parse_int(
    value: object, part: str, lo: int, hi: int, *, decimals: bool = False, default: int | None = None
) -> int:
    """An integer in [lo, hi]. `decimals` accepts "24.0" as Word-writing tools sometimes do."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if default is None:
            raise OutOfBounds(part, "", "缺失", "which is missing")
        return default
    if isinstance(value, bool):
        raise OutOfBounds(part, str(value), "不是整数", "which is not a whole number")
    if isinstance(value, int):
        n = value
    else:
        text = str(value).strip()
        if len(text) > MAX_DIGITS:
            raise OutOfBounds(part, text, "位数过多", "which has far too many digits")
        try:
            n = int(text)
        except ValueError:
            if not decimals:
                raise OutOfBounds(part, text, "不是整数", "which is not a whole number") from None
            try:
                f = float(text)
            except ValueError:
                raise OutOfBounds(part, text, "不是数字", "which is not a number") from None
            if not math.isfinite(f):
                raise OutOfBounds(part, text, "不是有限的数", "which is not a finite number") from None
            if not -1e15 < f < 1e15:
                raise OutOfBounds(part, text) from None
            n = int(f)
    if not lo <= n <= hi:
        raise OutOfBounds(part, str(n), f"不在 {lo} 到 {hi} 之间", f"which is not between {lo} and {hi}")
    return n


def parse_float(value: object, part: str, lo: float, hi: float) -> float:
    text = str(value).strip()
    if len(text) > MAX_DIGITS:
        raise OutOfBounds(part, text, "位数过多", "which has far too many digits")
    try:
        f = float(text)
    except ValueError:
        raise OutOfBounds(part, text, "不是数字", "which is not a number") from None
    if not math.isfinite(f):
        raise OutOfBounds(part, text, "不是有限的数", "which is not a finite number")
    if not lo <= f <= hi:
        raise OutOfBounds(
            part, text, f"不在 {lo:g} 到 {hi:g} 之间", f"which is not between {lo:g} and {hi:g}"
        )
    return f


def parse_date(value: object, part: str) -> _dt.date:
    """A calendar date written YYYY-MM-DD, nothing else (no time, no time zone)."""
    if isinstance(value, _dt.datetime):
        raise OutOfBounds(
            part,
            str(value),
            "带有时间，应只写日期（如 2018-03-19）",
            "which has a time; write a date only, e.g. 2018-03-19",
        )
    if isinstance(value, _dt.date):
        d = value
    else:
        text = str(value).strip()
        m = DATE_RE.fullmatch(text)
        if m is None:
            raise OutOfBounds(
                part, text, "应写成 2018-03-19 这样的日期", "which is not a date like 2018-03-19"
            )
        try:
            d = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise OutOfBounds(part, text, "不是存在的日期", "which is not a real date") from None
    if not YEARS[0] <= d.year <= YEARS[1]:
        raise OutOfBounds(
            part,
            d.isoformat(),
            f"年份应在 {YEARS[0]}–{YEARS[1]} 之间",
            f"which has a year outside {YEARS[0]}–{YEARS[1]}",
        )
    return d


def _surrogate(c: str) -> bool:
    return 0xD800 <= ord(c) <= 0xDFFF


# Characters no stored text may hold: C0/C1 controls other than tab, newline and carriage
# return, the XML non-characters, and surrogates (which only arrive alone, from bad files).
_UNSTORABLE = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, int]:
    """Text that can be stored and printed: lone surrogates become □, control characters
    are dropped. Returns the cleaned text and how many characters were changed."""
    if _UNSTORABLE.search(text) is None:
        return text, 0
    changed = 0

    def fix(m: re.Match) -> str:
        nonlocal changed
        changed += 1
        return "□" if _surrogate(m.group()) else ""

    return _UNSTORABLE.sub(fix, text), changed


class Budget:
    """What one import or one load may cost; exceeding a limit is one clear line, not a hang."""

    def __init__(
        self,
        source: object,
        kind_zh: str = "文件",
        kind_en: str = "file",
        paragraphs: int = MAX_PARAGRAPHS,
        chars: int = MAX_CHARS,
    ) -> None:
        self.source = source
        self.kind = (kind_zh, kind_en)
        self.max_paragraphs = paragraphs
        self.max_chars = chars
        self.paragraphs = 0
        self.chars = 0
        self.numbering = 0

    def exceeded(self, zh: str, en: str, limit: int) -> UserError:
        return UserError(
            f"{self.kind[0]} {self.source} 的{zh}超过上限 {limit:,}，不像一份公文（可能已损坏或被恶意构造），已停止读取。请检查原文件。",
            f"The {self.kind[1]} {self.source} has more {en} than the limit of {limit:,}; that is no "
            "official document (damaged or built to attack), so reading stopped. Check the original file.",
        )

    def paragraph(self, text_len: int = 0) -> None:
        self.paragraphs += 1
        if self.paragraphs > self.max_paragraphs:
            raise self.exceeded("段落数", "paragraphs", self.max_paragraphs)
        self.text(text_len)

    def text(self, text_len: int) -> None:
        self.chars += text_len
        if self.chars > self.max_chars:
            raise self.exceeded("总字数", "characters", self.max_chars)
        if text_len > MAX_BLOCK_CHARS:
            raise self.exceeded("单个段落的字数", "characters in one paragraph", MAX_BLOCK_CHARS)

    def cells(self, count: int) -> None:
        if count > MAX_TABLE_CELLS:
            raise self.exceeded("单个表格的单元格数", "cells in one table", MAX_TABLE_CELLS)

    def number_text(self, length: int) -> None:
        self.numbering += length
        if self.numbering > MAX_NUMBERING_CHARS:
            raise self.exceeded(
                "自动编号展开后的字数", "characters of expanded list numbers", MAX_NUMBERING_CHARS
            )


def cleaned_note(count: int) -> Notice:
    """The import report's line for characters admit_document had to change."""
    return Notice(
        f"有 {count} 个无法保存的字符（控制字符或残缺的 Unicode 代理码）已删除或以“□”代替，请核对。",
        f"{count} characters that cannot be saved (control characters or broken Unicode surrogates) were "
        "removed or shown as “□”; please check.",
    )


def admit_document(doc, source: object, kind_zh: str = "文件", kind_en: str = "file") -> int:
    """Make a freshly imported document storable, or refuse it in one line.

    The single gate content passes on its way into an issue (Word import, text import,
    recipes): text is cleaned (lone surrogates, control characters), spans and picture widths
    clamped to what the issue file holds, and the budgets checked, so that whatever enters can
    be saved and read back. Returns how many characters were changed.
    """
    from .model import Role

    budget = Budget(source, kind_zh, kind_en)
    changed = 0

    def clean(text: str) -> str:
        nonlocal changed
        text, n = clean_text(text)
        changed += n
        return text

    for name in ("issuer", "number", "title", "toc_title", "recipients"):
        value = clean(getattr(doc, name))
        budget.paragraph(len(value))
        setattr(doc, name, value)
    for b in doc.blocks:
        if b.role == Role.TABLE and b.table is not None:
            if len(b.table.rows) > MAX_ROWS:
                raise budget.exceeded("单个表格的行数", "rows in one table", MAX_ROWS)
            budget.cells(sum(len(r) for r in b.table.rows))
            for row in b.table.rows:
                for c in row:
                    c.text = clean(c.text)
                    c.colspan = max(1, min(c.colspan, MAX_SPAN))
                    c.rowspan = max(1, min(c.rowspan, len(b.table.rows)))
                    budget.paragraph(len(c.text))
            b.table.header_rows = max(0, min(b.table.header_rows, len(b.table.rows)))
        elif b.role == Role.IMAGE:
            if b.image_width_mm is not None:
                b.image_width_mm = min(max(b.image_width_mm, 1.0), MAX_IMAGE_MM)
            budget.paragraph()
        else:
            b.text = clean(b.text)
            b.joins = [j for j in b.joins if 0 <= j <= len(b.text)]
            if getattr(b, "marks", None):
                b.marks = [m for m in b.marks if 0 <= m[0] <= m[1] <= len(b.text)]
            budget.paragraph(len(b.text))
    doc.footnotes = [clean(t) for t in doc.footnotes]
    for t in doc.footnotes:
        budget.paragraph(len(t))
    return changed
