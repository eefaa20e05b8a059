"""What the parts of a 公文 look like (GB/T 9704): one place for the shapes every module reads.

The text importer, the Word importer and the proofreading checks all recognise the same
things — heading markers 一、（一）1.（1）, document numbers 葫政发〔2018〕4号, dates, the note
（此件公开发布）, 附件 notes, Chinese numerals, Han characters. When each kept its own
regular expression, a rule fixed in one (say, 第X部分 as a level-1 heading) stayed broken in
the others, and an importer could call a line a date that the checks then could not read.

Two needs pull in different directions, so some shapes come in two named forms:

* importers must *accept* what real files contain — 〔〕 written as [] or (), a stray 第 or
  leading zero in a serial, spaces a PDF extraction left — because refusing a line makes
  it body text and hides it from the editor;
* checks must *detect* exactly those wrong forms, so their patterns capture each part
  separately and admit even rarer mistakes ({2018}, a missing 号) to point at them.

Everything else has one definition. This module reads text; it names model roles only
where a shape depends on the blocks around a line (heading families).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from collections.abc import Iterable

from layout.lazyre import LazyPattern, lazy

from .model import Role

# ---- characters -------------------------------------------------------------------------

# Han ideographs: the unified block, extension A, compatibility ideographs and the
# supplementary planes (names and places in documents use rare characters from all of them).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Full-width punctuation and the quotes, dashes and dots Chinese text sets at full width.
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2014\u2026\u00b7"
HAN_RE = lazy(f"[{HAN}]")
CHINESE_RE = lazy(f"[{HAN}{CJK_PUNCT}]")  # Chinese text, punctuation included


def is_han(ch: str) -> bool:
    return bool(ch) and HAN_RE.fullmatch(ch) is not None


def is_chinese(ch: str) -> bool:
    return bool(ch) and CHINESE_RE.fullmatch(ch) is not None


def squash(s: str) -> str:
    """White space removed, characters kept.

    Chinese text has no word spaces: any space inside a title, a number or a label such as
    "编 委" is letter-spacing or extraction noise, so comparisons ignore it. (`str.split`
    and `re`'s white-space class agree on every code point, tested; splitting is 4× faster.)
    """
    return "".join(s.split())


# The compatibility characters of Chinese text: full-width ASCII (，（）：；１２), half-width
# katakana and signs, the ideographic space and the ellipsis. NFKC maps each alone, whatever
# stands beside it, to its compatibility decomposition (which NFKD gives), and `str.replace` in
# C does that far faster than `unicodedata.normalize` walks a line of Han characters.
_WIDE_RE = lazy("[\u2026\u3000\uff01-\uffef]")


@functools.cache
def _wide() -> dict[str, str]:
    chars = map(chr, (0x2026, 0x3000, *range(0xFF01, 0xFFF0)))
    return {c: d for c in chars if (d := unicodedata.normalize("NFKD", c)) != c}


@functools.lru_cache(maxsize=8192)
def nfkc(s: str) -> str:
    """`unicodedata.normalize("NFKC", s)`, remembered: the importers ask about the same lines
    again and again (the seed issue: 2 239 normalisations of 599 distinct lines).

    Most lines differ from their NFKC form only by full-width punctuation: those characters are
    replaced by their decompositions, and if the result is in NFKC it is NFKC of `s` (NFKC
    decomposes every character fully before composing, so a character replaced by its own
    decomposition changes nothing). Otherwise, or when unsure, `normalize` decides. 3-4x faster
    on the seed issue's lines (≈ 5 ms of reading it); the same results (tested).
    """
    if s.isascii():
        return s
    wide = _wide()
    t = s
    for c in set(_WIDE_RE.findall(s)):
        if c in wide:
            t = t.replace(c, wide[c])
    return t if unicodedata.is_normalized("NFKC", t) else unicodedata.normalize("NFKC", s)


@functools.lru_cache(maxsize=8192)
def norm(s: str) -> str:
    """NFKC without white space: how TOC entries, titles and numbers are compared.

    It is also how the outside proofreader compares source and print, so equality under
    this function is exactly "the same text" for our purposes. Remembered like `nfkc`: reading
    the seed issue asks for 1 534 of 589 lines.
    """
    return squash(nfkc(s))


# ---- Chinese numerals -------------------------------------------------------------------

CN_DIGITS = "〇一二三四五六七八九"
# Zero is printed several ways in dates (二〇〇六, 二○○六, and typed as O or 0 in a hurry).
_DIGIT_VALUE = {ch: n for n, ch in enumerate(CN_DIGITS)} | {"○": 0, "零": 0, "Ｏ": 0, "O": 0, "0": 0}
_COUNTING_RE = lazy(
    r"(?:(?P<h>[一二三四五六七八九])百(?P<z>[零〇])?)?"
    r"(?:(?P<t>[一二三四五六七八九])?(?P<ten>十))?"
    r"(?P<o>[一二三四五六七八九])?"
)


def chinese_number(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105 (up to 999); None when `s` is not one.

    Strict on purpose: a malformed numeral (二二, 十十) has no value a check could compare.
    """
    m = _COUNTING_RE.fullmatch(s or "")
    if not s or m is None or (m["z"] and not m["o"]):
        return None
    hundreds = _DIGIT_VALUE[m["h"]] if m["h"] else 0
    tens = (_DIGIT_VALUE[m["t"]] if m["t"] else 1) if m["ten"] else 0
    ones = _DIGIT_VALUE[m["o"]] if m["o"] else 0
    return hundreds * 100 + tens * 10 + ones


def chinese_digits(s: str) -> int | None:
    """二〇一八 → 2018: years are written digit by digit."""
    if not s or any(ch not in _DIGIT_VALUE for ch in s):
        return None
    return int("".join(str(_DIGIT_VALUE[ch]) for ch in s))


def parse_numeral(s: str) -> int | None:
    """Any number as printed in a date or heading: 12, １２, 十二, or digit by digit (一二).

    The importers' reading: a month typed 一一 is still November to an editor.
    """
    if not s:
        return None
    if s.isdigit():
        return int(unicodedata.normalize("NFKC", s))
    if "十" in s or "百" in s:
        return chinese_number(s)
    return chinese_digits(s)


def chinese_counting(n: int) -> str:
    """1→一, 10→十, 21→二十一, 105→一百零五: numbers as headings and Word's chineseCounting print them."""
    if n <= 0 or n >= 10000:
        return str(n)
    out, zero = "", False
    rest = n
    for value, name in ((1000, "千"), (100, "百"), (10, "十")):
        d, rest = divmod(rest, value)
        if d:
            if zero:
                out += "零"
                zero = False
            out += ("" if (value == 10 and d == 1 and not out) else CN_DIGITS[d]) + name
        elif out:
            zero = True
    if rest:
        if zero:
            out += "零"
        out += CN_DIGITS[rest]
    return out


# ---- headings (GB/T 9704 7.3.3: 一、 （一） 1. （1）) ----------------------------------------

_NUMERAL = "[一二三四五六七八九十百零〇]+"
_OPEN, _CLOSE = "[（(]", "[）)]"
_ORDINAL = r"第[一二三四五六七八九十百零〇\d]+\s*"
# 第一章 / 第二编 / 第三部分 (level 1), 第一节 (level 2), 第五条: the parts of regulations
ARTICLE = rf"{_ORDINAL}(?:章|节|条|编|部分)"
ARTICLE_RE = lazy(rf"^\s*{ARTICLE}")

HEADING_MARKERS: tuple[tuple[int, str], ...] = (
    (1, rf"{_NUMERAL}\s*[、，,．.]"),
    (1, rf"{_ORDINAL}(?:章|编|部分)"),
    (2, rf"{_OPEN}\s*{_NUMERAL}\s*{_CLOSE}"),
    (2, rf"{_ORDINAL}节"),
    (3, r"\d{1,3}\s*[.．、](?!\s*\d)"),
    (4, rf"{_OPEN}\s*\d{{1,3}}\s*{_CLOSE}"),
)
"""The importers' markers, in the order they are tried at the start of a line: the standard four
plus the forms offices type instead.

一， 一. and 一．stand for 一、; spaces inside are extraction noise. "1. 5万" is not a
heading: a digit right after the dot makes it a broken decimal.
"""
# All of them in one pattern, each form a group: the first form that matches is the group that
# did, as when they were tried one after another (six `match` calls for a line without one).
_HEADING_MARKER_RE = lazy("^(?:" + "|".join(f"({form})" for _, form in HEADING_MARKERS) + ")")
_MARKER_LEVEL = (0, *(level for level, _ in HEADING_MARKERS))  # by group number

HEADING_NUMBERS: tuple[tuple[int, LazyPattern], ...] = (
    (1, lazy(rf"^\s*({_NUMERAL})、")),
    (2, lazy(rf"^\s*{_OPEN}({_NUMERAL}){_CLOSE}")),
    (3, lazy(r"^\s*(?:(?:注|说明|备注)[：:]\s*)?(\d{1,3})[.．、](?!\d)")),
    (4, lazy(rf"^\s*(?:(?:注|说明|备注)[：:]\s*)?{_OPEN}(\d{{1,3}}){_CLOSE}")),
)
"""The checks' markers, capturing the number to verify the sequence.

Only the written standard forms count, so a loosely typed line cannot break a sequence
it may not belong to; items under a 注：/说明： lead-in are numbered lists too. 第X章 is
not here: it starts a new scope (ARTICLE_RE) rather than continuing one.
"""

HEADING_MAX = 36  # characters; a printed heading line of GB/T 9704 body type holds ~28


def heading_marker_level(text: str) -> int:
    """The level a line's marker announces (一、 → 1 … （1） → 4), 0 when it has none."""
    m = _HEADING_MARKER_RE.match(text)
    return 0 if m is None else _MARKER_LEVEL[m.lastindex or 0]


FAMILY_BREAKS = (Role.ATTACHMENT_TITLE, Role.SIGNATURE, Role.DATE, Role.TABLE)
"""Blocks a family of sibling headings never runs across: a new document or a table starts afresh."""


def heading_families(levels: Iterable[int | None]) -> list[list[int]]:
    """Indices of sibling markers: the same level under the same parent, in order.

    GB/T 9704 numbers a list and a run of headings alike, so neither importer can tell one
    line by itself; siblings decide together (all headings or all list items). `levels`
    gives each block its marker level, 0 for a block that is no candidate, or None for a
    block that ends every family: an attached document's title, the signature or date
    closing a document, a table.
    """
    groups: dict[int, list[int]] = {}
    families: list[list[int]] = []

    def close(from_level: int) -> None:
        for lv in [lv for lv in groups if lv >= from_level]:
            families.append(groups.pop(lv))

    for index, level in enumerate(levels):
        if level is None:
            close(1)
        elif level:
            close(level + 1)
            groups.setdefault(level, []).append(index)
    close(1)
    return families


DECIMAL_END_RE = lazy(r"\d[.．]$")  # "…增长3." is a number cut off, not a closed phrase


def heading_shaped(text: str) -> bool:
    """One short phrase, at most closed by 。: what a heading line looks like.

    A numbered line that carries further sentences, ends in ；/： (a list item or a
    lead-in) or runs long is body text, whatever its marker.
    """
    t = squash(text)
    if not t or len(t) > HEADING_MAX:
        return False
    body = t[:-1] if t.endswith(("。", ".")) and not DECIMAL_END_RE.search(t) else t
    return not any(c in body[2:] for c in "。！？；：!?;:") and t[-1] not in "；;：:，,、"


RUN_IN_LEVELS = (1, 2)
"""Levels whose run-in phrase takes a face of its own (一、 黑体, （一） 楷体); 1. and （1） are
set in the body face either way, so a numbered list there stays a list."""

_PHRASE_END_RE = lazy(r"[。！？!?]")


def run_in_heading(text: str) -> int:
    """Length of the heading phrase of a run-in heading (（一）目的意义。 followed by text), else 0.

    The phrase is marker plus one short heading-shaped phrase closed by 。, and more text
    follows it in the same paragraph: GB/T 9704 practice sets the phrase in the heading
    face and the rest in the body face.
    """
    t = text.strip()
    if heading_marker_level(t) not in RUN_IN_LEVELS:
        return 0
    m = _PHRASE_END_RE.search(t)
    if m is None or not t[m.end() :].strip():
        return 0
    phrase = t[: m.end()]
    return len(phrase) if heading_shaped(phrase) and len(squash(phrase)) <= HEADING_MAX else 0


def heading_or_run_in(text: str) -> bool:
    """A numbered line that is a heading: standalone (heading-shaped) or run-in."""
    return heading_shaped(text) or run_in_heading(text) > 0


# ---- document numbers (发文字号, GB/T 9704 7.2.4) -------------------------------------------

NUMBER_OPEN, NUMBER_CLOSE = "〔\\[［【(（｛{〈<", "〕\\]］】)）｝}〉>"
DOC_NUMBER_RE = lazy(
    rf"(?P<code>[\w{HAN}]{{0,20}}?)\s*[{NUMBER_OPEN}]\s*(?P<year>\d{{4}})\s*[{NUMBER_CLOSE}]"
    r"\s*第?\s*(?P<serial>\d{1,5})\s*(?:号|(?=\s*$))"
)
"""The importers' document number, in every form an office types: any bracket for 〔〕,
full-width digits, spaces, 第 and leading zeros; a missing 号 only where the line ends, so
a number cited in a sentence still needs its 号. Importers keep the text as written; the
checks name each wrong part with its fix."""


def number_line(text: str) -> re.Match[str] | None:
    """The document number at the start of a line (葫政发〔2018〕5号, 国发（2019）4), or None.

    What follows it is the caller's to judge: nothing, or 签发人 beside it in a head.
    """
    return DOC_NUMBER_RE.match(text.strip())


ORDER_NUMBER_RE = lazy(r"^第\d{1,4}号$")  # a 政府令's number line: 第5号

DOC_NUMBER_PARTS_RE = lazy(
    rf"^(?P<code>[^\s\[\]【】〔〕（）()［］]+?)\s*(?P<lb>[{NUMBER_OPEN}{{｛〈<])\s*(?P<year>\d{{4}})\s*"
    rf"(?P<rb>[{NUMBER_CLOSE}}}｝〉>])\s*(?P<di>第?)\s*(?P<num>\d+)\s*(?P<hao>号?)$"
)
"""The checks' document number: every part captured so each wrong form (brackets, 第,
a leading zero, a missing 号) can be named and fixed where it stands."""

CITED_NUMBER_WRONG_RE = lazy(f"(?<=[{HAN}])([\\[【（(［])(\\d{{4}})([\\]】）)］])(第?\\d+号)")
"""A document number cited inside text with the wrong year brackets, e.g. 国发[2016]31号."""


def format_doc_number(code: str, year: str | int, serial: str | int) -> str:
    """The number as GB/T 9704 writes it: code〔year〕serial号."""
    return f"{code}〔{year}〕{serial}号"


# ---- dates (成文日期) ---------------------------------------------------------------------

DATE_RE = lazy(
    r"^(?P<y>\d{4}|[〇○零ＯO0一二三四五六七八九]{4})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?$"
)
"""A date line, Arabic (2018年3月14日) or Chinese (二〇〇六年十二月三十日), as importers accept
it, a missing 日 included (2018年12月4)."""

DOTTED_DATE_RE = lazy(r"^(\d{4})\s*([.\-/．／—－])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*(?:日)?$")
"""2018.3.14 / 2018/11/19 / 2018-03-14: not a 公文 date form, but a date line all the same;
importers take it as one and the checks propose the right form. One separator throughout."""

ZERO_PADDED_DATE_RE = lazy(r"(\d{4})年0(\d)月(?:(\d{1,2})日)?|(\d{4})年(\d{1,2})月0(\d)日")
"""A date inside text with a leading zero in month or day (2018年03月), which checks flag."""

STANDARD_1999_CUTOVER = _dt.date(2012, 7, 1)
"""GB/T 9704-2012 took effect on this day: documents dated before it wrote the date in Chinese
numerals (二〇一一年十二月三十日, GB/T 9704-1999), and a reprint keeps that form."""


def chinese_date(y: int, m: int, d: int) -> str:
    """二〇一一年十二月三十日: the date as GB/T 9704-1999 writes it."""
    return "".join(CN_DIGITS[int(c)] for c in str(y)) + f"年{chinese_counting(m)}月{chinese_counting(d)}日"


def date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date line as written, not validated; None if it is not one.

    Every form a real date line takes is read: 2018年3月14日, 二〇〇六年十二月三十日,
    2018.12.4, 2018/11/19, 2018-10-27, full-width digits, spaces, zero padding, a missing 日.
    Unvalidated on purpose: 2018年2月30日 is still the date line of its document, and the
    checks must see it as one to report it.
    """
    t = nfkc(text.strip())
    m = DATE_RE.match(t) if "月" in t else None  # each pattern tried only where it can match
    if m:
        y = parse_numeral(m["y"])
        mo, d = parse_numeral(m["m"]), parse_numeral(m["d"])
    else:
        dotted = DOTTED_DATE_RE.match(t) if t[:1].isdecimal() else None  # `\d` is isdecimal()
        if not dotted:
            return None
        y, mo, d = int(dotted[1]), int(dotted[3]), int(dotted[4])
    if y is None or mo is None or d is None or not (1 <= mo <= 99 and 1 <= d <= 99):
        return None
    return y, mo, d


def parse_date(text: str) -> _dt.date | None:
    """A printed date, Arabic (2018年3月14日) or Chinese (二〇〇六年十二月三十日); None if not one."""
    parts = date_parts(text)
    if parts is None:
        return None
    try:
        return _dt.date(*parts)
    except ValueError:
        return None


# ---- the note and attachments (附注, 附件说明: GB/T 9704 7.3.4, 7.3.6) ----------------------

NOTE_RE = lazy(r"^[（(]\s*(?:此件|此页|本件|本文|联系人|信息公开|公开方式).*[）)]$")
"""Any 附注 line: （此件公开发布）, （此页无正文）, （联系人：…） — the importers' reading."""

PUBLICATION_NOTE_RE = lazy(r"^\s*[（(]\s*此件.{1,10}?\s*[）)]\s*$")
"""The publication note （此件公开发布） alone, in any bracket width: checks compare its forms
across an issue, which would make no sense for contact lines."""

ATTACHMENT_NOTE_RE = lazy(r"^附\s*(件\s*(\d|[:：.．、]|$)|[:：])")
"""附件：… / 附件1. … / 附：…: the attachment note under the body (or its first line)."""

ATTACHMENT_MARK_RE = lazy(r"^附\s*(件\s*\d*)?\s*[:：.．]?$")
"""附件 / 附件2 alone: the mark above an attached document's title."""

ATTACHMENT_ITEM_RE = lazy(r"^\d{1,2}\s*[.．、]")
"""1. … / 2、… under 附件：: the further names of a multi-item attachment note."""


# ---- issuers ---------------------------------------------------------------------------

ORG_SUFFIX = (
    r"(?:人民政府|政府|办公厅|办公室|人大常委会|委员会|党委|党组|小组|中心|公司|集团|银行|法院|检察院"
    r"|局|厅|部|院|委|会|署|办|处|室)"
)
"""How the name of an office ends: what a signature line and a joint issuer end with."""

_ORG_LEFT_RE = lazy(rf"[{HAN}]{ORG_SUFFIX}$")
_ORG_RIGHT_RE = lazy(rf"^[{HAN}（）]{{1,24}}?{ORG_SUFFIX}(?=$|\s|关于|印发|转发|联合|、)")


def joint_issuer_space(text: str, start: int, end: int) -> bool:
    """Is text[start:end] the space between two joint issuers (中共中央办公厅 国务院办公厅关于…)?

    GB/T 9704 separates joint issuers' names by a space in titles and signatures; it is the
    standard separator, not a space left by extraction.
    """
    return bool(_ORG_LEFT_RE.search(text[:start])) and bool(_ORG_RIGHT_RE.match(text[end:]))


LABEL_SPACING_RE = lazy(rf"^[{HAN}](?:[ \u3000][{HAN}]){{1,4}}(?=$|[：:]|[ \u3000]{{2,}})")
"""A short label letter-spaced on purpose to fill a width: 说 明, 主 任：, 主 要 内 容."""


# ---- the head: banner, title, recipients (GB/T 9704 7.2, 7.3.1, 7.3.2) ---------------------

FIELD_NAMES_ZH = {
    "issuer": "发文机关标志",
    "number": "发文字号",
    "title": "标题",
    "toc_title": "目录标题",
    "recipients": "主送机关",
}
"""The standard's names for the head's parts, as import reports and findings name them."""

SENTENCE_END = "。！？；!?;"  # a sentence, and so a title, a banner or a signature, ends here

BANNER_RE = lazy(rf"^[{HAN}（）()]{{2,40}}(文件|政府令|[^\W\d_]{{2}}令)$")


def banner_shaped(text: str) -> bool:
    """发文机关标志: 某某市人民政府文件, 某某市人民政府令 — and not a title that ends in 文件
    (关于废止部分规范性文件)."""
    if not text.rstrip().endswith(("件", "令")):  # as BANNER_RE's end needs: most lines stop here
        return False
    t = squash(text)
    return bool(BANNER_RE.match(t)) and "关于" not in t


DOC_KINDS = (
    "通知", "意见", "决定", "办法", "批复", "函", "通报", "报告", "方案", "规定", "公告", "通告", "命令",
    "令", "纪要", "请示", "规划", "细则", "条例", "规则", "预案", "计划", "要点", "清单", "标准", "指南",
    "目录",
)  # fmt: skip
"""What a 公文 title names itself at its end (关于…的通知): the kinds of document."""

DOC_KINDS_RE = lazy(f"({'|'.join(DOC_KINDS)})$")

TITLE_WORDS = ("关于", "通知", "意见", "决定", "办法", "方案", "规定", "报告", "请示", "批复", "公告",
               "通告", "规划", "细则", "纪要", "函")  # fmt: skip
"""Words whose presence anywhere marks an unformatted line as a title: 关于 and the kinds an
office sends most. The rarer kinds (令, 计划, 标准, 目录…) occur in ordinary sentences too,
so as mere substrings they would prove nothing."""


def title_shaped(text: str, limit: int = 60) -> bool:
    """One line of a title: a name, not a sentence, so no full stop and no closing punctuation.

    Headings, the note and the date line are short unpunctuated lines too; they are not titles.
    """
    t = squash(text)
    return (
        0 < len(t) <= limit
        and t[-1] not in "。；：！？，、;:!?,"
        and "。" not in t
        and heading_marker_level(t) == 0
        and not NOTE_RE.match(t)
        and date_parts(t) is None
    )


def recipients_shaped(text: str) -> bool:
    """主送机关: one line (a long list may run to 200 characters) closed by a colon.

    Not a heading or an attachment note, which may end in a colon too, and no sentence
    inside: "现通知如下：" ends a paragraph, not a list of recipients.
    """
    t = text.strip()
    return (
        t.endswith(("：", ":"))
        and len(squash(t)) <= 200
        and not any(c in t for c in "。！？；")
        and heading_marker_level(t) == 0
        and not ATTACHMENT_NOTE_RE.match(t)
    )


# ---- one paragraph on its own (pasted text) ----------------------------------------------


def guess_role(text: str, heading_level: int = 0, align_right: bool = False, centred: bool = False) -> Role:
    """The role a paragraph most likely has when it comes alone (pasted into the editor), from
    the same shapes the importers use, its Word heading level and its alignment."""
    t = text.strip()
    if ATTACHMENT_NOTE_RE.match(t):
        return Role.ATTACHMENT
    if NOTE_RE.match(t):
        return Role.NOTE
    if date_parts(t) is not None:
        return Role.DATE
    level = heading_marker_level(t)
    if level and (heading_shaped(t) or (level in RUN_IN_LEVELS and run_in_heading(t))):
        return (Role.HEADING1, Role.HEADING2, Role.HEADING3, Role.HEADING4)[level - 1]
    short = 0 < len(t) <= 40 and t[-1] not in "。；：:"
    if align_right and short:
        return Role.SIGNATURE
    if 1 <= heading_level <= 4:
        return (Role.HEADING1, Role.HEADING2, Role.HEADING3, Role.HEADING4)[heading_level - 1]
    if centred and short:
        return Role.ATTACHMENT_TITLE
    return Role.PARAGRAPH
