"""Inject the mistakes offices really make into correct documents, to measure the checks.

Each injector takes the lines of a real document (../shared/corpus/govdocs) and returns the
lines with one mistake put in at a place chosen by `pick`, plus the wrong fragment as it now
reads, so a measurement can tell whether `check` named it. The injectors know the 公文 forms
only through general patterns (any number, any date, any heading marker, any sentence), never
through a particular document, so they make a varied test set from any corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_CN = "一二三四五六七八九十"
NUMBER_RE = re.compile(r"^(\S{1,12}?)〔(\d{4})〕(\d{1,4})号$")
DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
CN_DATE_RE = re.compile(
    r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$"
)
HEAD1_RE = re.compile(rf"^([{_CN}]+)、")
HEAD2_RE = re.compile(rf"^（([{_CN}]+)）")
CITED_RE = re.compile(r"(?<=[\u4e00-\u9fff])〔(\d{4})〕(?=\d+号)")
BODY_MIN = 30  # a sentence-bearing paragraph


@dataclass(frozen=True)
class Injected:
    kind: str
    lines: list[str]
    line: int  # the line changed
    fragment: str  # the wrong text as it now reads


Injector = Callable[[list[str], int], Injected | None]


def _body_lines(lines: list[str]) -> list[int]:
    return [
        i
        for i, t in enumerate(lines)
        if len(t) >= BODY_MIN and "。" in t and not t.startswith(("|", "[")) and not HEAD2_RE.match(t)
    ]


def _replace(lines: list[str], i: int, text: str) -> list[str]:
    return lines[:i] + [text] + lines[i + 1 :]


def _number(wrap: Callable[[re.Match], str]) -> Injector:
    def inject(lines: list[str], pick: int) -> Injected | None:
        for i, t in enumerate(lines[:8]):
            m = NUMBER_RE.match(t)
            if m:
                new = wrap(m)
                return Injected("", _replace(lines, i, new), i, new)
        return None

    return inject


def _date(form: Callable[[re.Match], str | None]) -> Injector:
    def inject(lines: list[str], pick: int) -> Injected | None:
        for i, t in enumerate(lines):
            m = DATE_RE.match(t)
            if m and i > 3:
                new = form(m)
                if new is None:
                    return None
                return Injected("", _replace(lines, i, new), i, new)
        return None

    return inject


def _heading(rx: re.Pattern[str], form: Callable[[str], str]) -> Injector:
    def inject(lines: list[str], pick: int) -> Injected | None:
        found = [i for i, t in enumerate(lines) if rx.match(t)]
        if not found:
            return None
        i = found[pick % len(found)]
        m = rx.match(lines[i])
        new = form(m[1]) + lines[i][m.end() :]
        return Injected("", _replace(lines, i, new), i, new[: len(form(m[1])) + 4])

    return inject


def _in_body(change: Callable[[str, int], tuple[str, str] | None]) -> Injector:
    """A change inside a body paragraph; `change` returns (new text, fragment) or None."""

    def inject(lines: list[str], pick: int) -> Injected | None:
        found = _body_lines(lines)
        for k in range(len(found)):
            i = found[(pick * 7 + k) % len(found)]
            got = change(lines[i], pick)
            if got:
                return Injected("", _replace(lines, i, got[0]), i, got[1])
        return None

    return inject


def _nth(text: str, ch: str, pick: int) -> int | None:
    spots = [k for k, c in enumerate(text) if c == ch and 0 < k < len(text) - 1]
    return spots[pick % len(spots)] if spots else None


def _halfwidth(full: str, half: str) -> Callable[[str, int], tuple[str, str] | None]:
    def change(text: str, pick: int) -> tuple[str, str] | None:
        k = _nth(text, full, pick)
        if k is None:
            return None
        return text[:k] + half + text[k + 1 :], text[k - 1 : k + 2].replace(full, half)

    return change


def _doubled(text: str, pick: int) -> tuple[str, str] | None:
    k = _nth(text, "，", pick)
    if k is None:
        return None
    return text[:k] + "，，" + text[k + 1 :], "，，"


def _space(text: str, pick: int) -> tuple[str, str] | None:
    spots = [
        k
        for k in range(1, len(text) - 1)
        if "\u4e00" <= text[k - 1] <= "\u9fff" and "\u4e00" <= text[k] <= "\u9fff"
    ]
    if not spots:
        return None
    k = spots[(pick * 13) % len(spots)]
    return text[:k] + " " + text[k:], text[k - 1] + " " + text[k]


def _cited(text: str, pick: int) -> tuple[str, str] | None:
    m = CITED_RE.search(text)
    if not m:
        return None
    wrong = "[" + m[1] + "]" if pick % 2 else "（" + m[1] + "）"
    return text[: m.start()] + wrong + text[m.end() :], wrong


def _zero_date_in_text(text: str, pick: int) -> tuple[str, str] | None:
    m = re.search(r"(\d{4})年([1-9])月", text)
    if not m:
        return None
    new = f"{m[1]}年0{m[2]}月"
    return text[: m.start()] + new + text[m.end() :], new


def _dotted_date_in_text(text: str, pick: int) -> tuple[str, str] | None:
    m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    if not m:
        return None
    new = f"{m[1]}{'.-/'[pick % 3]}{m[2]}{'.-/'[pick % 3]}{m[3]}"
    return text[: m.start()] + new + text[m.end() :], new


def _drop_closing(text: str, pick: int) -> tuple[str, str] | None:
    for o, c in (("《", "》"), ("“", "”"), ("（", "）")):
        k = text.find(c)
        if k > 0 and text.find(o) >= 0 and text.find(o) < k:
            return text[:k] + text[k + 1 :], o
    return None


def _straight_quotes(text: str, pick: int) -> tuple[str, str] | None:
    m = re.search("“([^“”]{1,30})”", text)
    if not m:
        return None
    wrong = f'"{m[1]}"'
    return text[: m.start()] + wrong + text[m.end() :], wrong


def _fullwidth_digits(text: str, pick: int) -> tuple[str, str] | None:
    found = list(re.finditer(r"\d+", text))
    if not found:
        return None
    m = found[pick % len(found)]
    wrong = m[0].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return text[: m.start()] + wrong + text[m.end() :], wrong


def _recipients_colon(lines: list[str], pick: int) -> Injected | None:
    for i, t in enumerate(lines[:8]):
        if t.endswith("：") and ("政府" in t or "部门" in t or "机构" in t or "单位" in t):
            return Injected("", _replace(lines, i, t[:-1] + ":"), i, ":")
    return None


def _padded(m: re.Match) -> str | None:
    if int(m[2]) >= 10 and int(m[3]) >= 10:
        return None
    return f"{m[1]}年{int(m[2]):02d}月{int(m[3]):02d}日"


def _fullwidth(m: re.Match) -> str:
    return f"{m[1]}〔{m[2]}〕{m[3]}号".translate(str.maketrans("0123456789", "０１２３４５６７８９"))


INJECTORS: dict[str, Injector] = {
    "number-square": _number(lambda m: f"{m[1]}[{m[2]}]{m[3]}号"),
    "number-lenticular": _number(lambda m: f"{m[1]}【{m[2]}】{m[3]}号"),
    "number-paren": _number(lambda m: f"{m[1]}（{m[2]}）{m[3]}号"),
    "number-half-paren": _number(lambda m: f"{m[1]}({m[2]}){m[3]}号"),
    "number-di": _number(lambda m: f"{m[1]}〔{m[2]}〕第{m[3]}号"),
    "number-zero": _number(lambda m: f"{m[1]}〔{m[2]}〕0{m[3]}号"),
    "number-no-hao": _number(lambda m: f"{m[1]}〔{m[2]}〕{m[3]}"),
    "number-fullwidth": _number(_fullwidth),
    "date-dots": _date(lambda m: f"{m[1]}.{m[2]}.{m[3]}"),
    "date-slashes": _date(lambda m: f"{m[1]}/{m[2]}/{m[3]}"),
    "date-dashes": _date(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"),
    "date-padded": _date(_padded),
    "date-no-ri": _date(lambda m: f"{m[1]}年{m[2]}月{m[3]}"),
    "heading1-dot": _heading(HEAD1_RE, lambda n: f"{n}．"),
    "heading1-comma": _heading(HEAD1_RE, lambda n: f"{n}，"),
    "heading2-mixed": _heading(HEAD2_RE, lambda n: f"（{n})"),
    "heading2-half": _heading(HEAD2_RE, lambda n: f"({n})"),
    "comma-half": _in_body(_halfwidth("，", ",")),
    "semicolon-half": _in_body(_halfwidth("；", ";")),
    "colon-half": _in_body(_halfwidth("：", ":")),
    "doubled": _in_body(_doubled),
    "space": _in_body(_space),
    "cited-number": _in_body(_cited),
    "zero-date-in-text": _in_body(_zero_date_in_text),
    "dotted-date-in-text": _in_body(_dotted_date_in_text),
    "unbalanced": _in_body(_drop_closing),
    "recipients-colon": _recipients_colon,
    "straight-quotes": _in_body(_straight_quotes),
    "fullwidth-digits": _in_body(_fullwidth_digits),
}


def inject(kind: str, lines: list[str], pick: int = 0) -> Injected | None:
    got = INJECTORS[kind](lines, pick)
    return None if got is None else Injected(kind, got.lines, got.line, got.fragment)
