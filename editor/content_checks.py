"""Content checks: what a careful proofreader of an official gazette catches in the text.

They read only the issue model (document numbers, dates, punctuation, structure). The forms
a check compares against, and the wrong forms it looks for, are defined in `official` next
to the forms the importers accept, so what an import lets through is exactly what a check
can then point at. Each check is a generator registered with `@content_check`.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from layout.lazyre import LazyPattern, lazy

from .findings import Finding, Fix, Location, Severity, TextUnit, text_units
from .model import HEADING_ROLES, TEXT_ROLES, Document, Issue, Role
from .official import (
    ARTICLE_RE,
    CHINESE_RE,
    CITED_NUMBER_WRONG_RE,
    CJK_PUNCT,
    DOC_NUMBER_PARTS_RE,
    HAN,
    HAN_RE,
    HEADING_NUMBERS,
    LABEL_SPACING_RE,
    PUBLICATION_NOTE_RE,
    STANDARD_1999_CUTOVER,
    ZERO_PADDED_DATE_RE,
    chinese_counting,
    chinese_date,
    chinese_number,
    date_parts,
    format_doc_number,
    is_chinese,
    is_han,
    joint_issuer_space,
    squash,
)

ContentCheck = Callable[[Issue], Iterable[Finding]]
CONTENT_CHECKS: list[ContentCheck] = []


def content_check(fn: ContentCheck) -> ContentCheck:
    CONTENT_CHECKS.append(fn)
    return fn


def check_content(issue: Issue) -> list[Finding]:
    """All content findings of an issue, ignored ones included (see `visible`)."""
    out: list[Finding] = []
    for fn in CONTENT_CHECKS:
        out.extend(fn(issue))
    return out


# ---- document numbers -------------------------------------------------------------------


def _number_parts(number: str) -> re.Match | None:
    return DOC_NUMBER_PARTS_RE.match(number.strip())


def canonical_number(number: str) -> str:
    """葫政发[2018]第04号 → 葫政发〔2018〕4号; unrecognised numbers come back unchanged."""
    m = _number_parts(number)
    if not m:
        return number.strip()
    return format_doc_number(m["code"], m["year"], int(m["num"]))


ISSUER_SUFFIX_RE = lazy("(?:发明电|明电|发电|[发函字电令文])+$")
"""What follows the issuing office in a code: 发, 函, 发明电 (国办发明电), 明电 (国办明电) — the
kinds of document, not the office, so 国办发/国办函/国办发明电 all name 国办."""

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def issuer_code(number: str) -> str:
    """The issuing office's part of a number's code: 葫政办发 → 葫政办, 葫政发/葫政函 → 葫政."""
    m = _number_parts(number)
    if not m:
        return ""
    return ISSUER_SUFFIX_RE.sub("", m["code"]) or m["code"]


@content_check
def check_doc_numbers(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        number = doc.number
        if not number:
            continue
        unit = TextUnit(doc, "number", None, number)
        loc = unit.loc()
        m = _number_parts(number)
        if not m:
            if "号" in number or re.search(r"\d{4}", number):
                yield Finding(
                    "doc-number-format",
                    Severity.WARNING,
                    loc,
                    f"发文字号“{number}”不符合“机关代字〔年份〕序号号”的格式，请核对。",
                    f"Document number “{number}” does not follow the form CODE〔YEAR〕N号; check it.",
                    number,
                )
            continue
        if m["lb"] != "〔" or m["rb"] != "〕":
            bad = number[m.start("lb") : m.end("rb")]
            good = f"〔{m['year']}〕"
            right = number[: m.start("lb")] + good + number[m.end("rb") :]
            yield Finding(
                "doc-number-brackets",
                Severity.ERROR,
                unit.loc(m.start("lb")),
                f"发文字号的年份应使用六角括号〔〕，不是“{m['lb']}{m['rb']}”：{number} → {right}",
                f"The year in a document number takes 〔〕 brackets, not “{m['lb']}{m['rb']}”: {number} → {right}",
                number,
                unit.change_to(bad, good, m.start("lb")),
            )
        if number.translate(_FULLWIDTH) != number:
            right = number.translate(_FULLWIDTH)
            yield Finding(
                "doc-number-digits",
                Severity.ERROR,
                loc,
                f"发文字号使用半角阿拉伯数字：{number} → {right}",
                f"A document number takes half-width Arabic digits: {number} → {right}",
                number,
                unit.fix(number, right, 0, "改为半角数字", "Use half-width digits"),
            )
        if m["di"]:
            frag = number[m.end("rb") : m.end("num")]
            good = frag.replace("第", "").strip()
            yield Finding(
                "doc-number-di",
                Severity.ERROR,
                unit.loc(m.start("di")),
                f"发文字号的序号前不加“第”：{number}",
                f"No 第 before the serial of a document number: {number}",
                number,
                unit.fix(frag, good, m.end("rb"), "删去“第”", "Remove 第"),
            )
        if len(m["num"]) > 1 and m["num"].startswith("0"):
            frag = m["num"] + m["hao"]
            good = str(int(m["num"])) + m["hao"]
            yield Finding(
                "doc-number-zero",
                Severity.ERROR,
                unit.loc(m.start("num")),
                f"发文字号的序号不编虚位（不加前导0）：{number} 应为 {canonical_number(number)}",
                f"No leading zero in a document number's serial: {number} should be {canonical_number(number)}",
                number,
                unit.change_to(frag, good, m.start("num")),
            )
        if not m["hao"]:
            yield Finding(
                "doc-number-format",
                Severity.WARNING,
                loc,
                f"发文字号末尾缺“号”字：{number}",
                f"The document number does not end with 号: {number}",
                number,
                unit.fix(number, number.rstrip() + "号", 0, "补上“号”", "Add 号"),
            )
        elif re.search(r"\s", number.strip()):
            yield Finding(
                "doc-number-format",
                Severity.WARNING,
                loc,
                f"发文字号中有空格：{number}",
                f"The document number contains spaces: {number}",
                number,
                unit.fix(number, squash(number), 0, "删去空格", "Remove the spaces"),
            )
    yield from _number_consistency(issue)
    yield from _cited_numbers(issue)


def _number_consistency(issue: Issue) -> Iterator[Finding]:
    seen: dict[str, Document] = {}
    for doc in issue.documents():
        if not doc.number:
            continue
        key = canonical_number(doc.number)
        if key in seen:
            first = seen[key]
            yield Finding(
                "doc-number-duplicate",
                Severity.ERROR,
                Location(doc.id, "number"),
                f"发文字号 {key} 在本期出现两次（{first.id}《{first.shown_title}》和本篇）。",
                f"Document number {key} appears twice in the issue ({first.id} and this document).",
                key,
            )
        else:
            seen[key] = doc
    for si, section in enumerate(issue.sections):
        codes = Counter(issuer_code(d.number) for d in section.documents if issuer_code(d.number))
        if len(codes) < 2:
            continue
        (main_code, main_count), (_, second_count) = codes.most_common(2)
        if main_count == second_count:  # no majority: name the mix once, on the section
            yield Finding(
                "doc-number-issuer",
                Severity.WARNING,
                Location(part="section", section=si),
                f"栏目“{section.name}”中的发文机关代字不一致：{'、'.join(sorted(codes))}。请确认文件放在了正确的栏目。",
                f"Section “{section.name}” mixes issuer codes {', '.join(sorted(codes))}; check each "
                "document is in the right section.",
                section.name,
            )
            continue
        for d in section.documents:
            code = issuer_code(d.number)
            if code and code != main_code:
                yield Finding(
                    "doc-number-issuer",
                    Severity.WARNING,
                    Location(d.id, "number"),
                    f"本篇发文字号的机关代字“{code}”与栏目“{section.name}”中其他文件（“{main_code}”）不同，"
                    "请确认栏目是否正确。",
                    f"Issuer code “{code}” differs from the other documents of section “{section.name}” "
                    f"(“{main_code}”); check the section.",
                    d.number,
                )


def _cited_numbers(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        for unit in text_units(doc, ("title",)):
            for m in CITED_NUMBER_WRONG_RE.finditer(unit.text):
                good = f"〔{m[2]}〕"
                bad = m[1] + m[2] + m[3]
                yield Finding(
                    "doc-number-brackets",
                    Severity.WARNING,
                    unit.loc(m.start()),
                    f"引用的发文字号年份应使用六角括号〔〕：“{m[0]}”",
                    f"A cited document number's year takes 〔〕 brackets: “{m[0]}”",
                    m[0],
                    unit.change_to(bad, good, m.start()),
                )


# ---- dates ------------------------------------------------------------------------------

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_date_text(text: str) -> tuple[_dt.date | None, str | None]:
    """(the date, its standard spelling) for a date line in any common form; (None, None) if none."""
    t = text.strip().translate(_FULLWIDTH_DIGITS)
    parts = date_parts(t)
    if parts is None:
        return None, None
    y, mo, d = parts
    try:
        date = _dt.date(y, mo, d)
    except ValueError:
        return None, f"{y}年{mo}月{d}日"
    return date, f"{date.year}年{date.month}月{date.day}日"


@content_check
def check_dates(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        for unit in text_units(doc, ()):
            if unit.role == Role.DATE:
                yield from _date_line(issue, unit)
            elif unit.role in (Role.PARAGRAPH, *HEADING_ROLES, Role.ATTACHMENT, Role.NOTE):
                for m in ZERO_PADDED_DATE_RE.finditer(unit.text):
                    good = re.sub(r"(?<=[年月])0(?=\d)", "", m[0])
                    yield Finding(
                        "date-format",
                        Severity.NOTE,
                        unit.loc(m.start()),
                        f"日期中的月、日不编虚位：“{m[0]}”应为“{good}”",
                        f"No leading zero in a month or day: “{m[0]}” should be “{good}”",
                        m[0],
                        unit.change_to(m[0], good, m.start()),
                    )
                for m in DOTTED_IN_TEXT_RE.finditer(unit.text):
                    y, mo, d = int(m[1]), int(m[3]), int(m[4])
                    near = unit.text[max(0, m.start() - 1) : m.start()] + unit.text[m.end() : m.end() + 1]
                    if not (1 <= mo <= 12 and 1 <= d <= 31) or not any(is_chinese(c) for c in near):
                        continue  # a date in Western text (a URL, an English note) is not ours to respell
                    good = f"{y}年{mo}月{d}日"
                    yield Finding(
                        "date-format",
                        Severity.NOTE,
                        unit.loc(m.start()),
                        f"正文中的日期应写作“{good}”：“{m[0]}”→“{good}”",
                        f"Write the date as “{good}”: “{m[0]}” → “{good}”",
                        m[0],
                        unit.change_to(m[0], good, m.start()),
                    )


DOTTED_IN_TEXT_RE = lazy(r"(?<![\d.\-/])((?:19|20)\d\d)([.\-/])(\d{1,2})\2(\d{1,2})(?![\d.\-/])(?:日)?")
"""2018.12.4 / 2018-12-04 / 2018/12/4 inside a sentence: written 2018年12月4日 in a 公文."""


def _date_line(issue: Issue, unit: TextUnit) -> Iterator[Finding]:
    text = unit.text.strip()
    lead = len(unit.text) - len(unit.text.lstrip())
    date, standard = parse_date_text(text)
    if standard is None:
        yield Finding(
            "date-format",
            Severity.WARNING,
            unit.loc(lead),
            f"成文日期“{text}”无法识别，应写作“2018年3月14日”的形式。",
            f"The date line “{text}” is not a date in the form 2018年3月14日.",
            text,
        )
        return
    if date is None:
        yield Finding(
            "date-invalid",
            Severity.ERROR,
            unit.loc(lead),
            f"成文日期“{text}”不是有效日期。",
            f"The date line “{text}” is not a valid date.",
            text,
        )
        return
    if date < STANDARD_1999_CUTOVER and re.search("[一二三四五六七八九十]", text):
        # GB/T 9704-1999 (documents dated before 2012-07-01): the date in Chinese numerals
        chinese = chinese_date(date.year, date.month, date.day)
        if squash(text).replace("○", "〇") != chinese:
            yield Finding(
                "date-format",
                Severity.WARNING,
                unit.loc(lead),
                f"2012年7月1日前的成文日期用汉字书写，零写作“〇”：“{text}”应为“{chinese}”",
                f"A date before 2012-07-01 is written in Chinese numerals with 〇 for zero: “{text}” should be "
                f"“{chinese}”",
                text,
                unit.change_to(text, chinese, lead),
            )
    elif text != standard:
        yield Finding(
            "date-format",
            Severity.WARNING,
            unit.loc(lead),
            f"成文日期应使用阿拉伯数字，年、月、日齐全且不编虚位：“{text}”应为“{standard}”",
            f"Write the date with Arabic numerals, 年月日 and no leading zeros: “{text}” should be “{standard}”",
            text,
            unit.change_to(text, standard, lead),
        )
    if issue.date is not None and date > issue.date:
        yield Finding(
            "date-after-publication",
            Severity.ERROR,
            unit.loc(lead),
            f"成文日期 {standard} 晚于本期出版日期 {issue.date.year}年{issue.date.month}月{issue.date.day}日，请核对。",
            f"The date {date.isoformat()} is later than the issue's publication date {issue.date.isoformat()}.",
            text,
        )


# ---- the cover ------------------------------------------------------------------------


@content_check
def check_cover(issue: Issue) -> Iterator[Finding]:
    """What the cover and running heads print about the issue itself: a gazette name, a year and
    a number; an issue imported without 新建期刊 has none of them and must not pass as print-ready."""
    if not issue.gazette.name.strip():
        yield Finding(
            "cover-name",
            Severity.ERROR,
            Location(),
            "没有刊名：封面没有刊头。请在“期刊属性”中填写刊名。",
            "The gazette has no name, so the cover has no masthead; enter it in Issue Properties.",
            "",
        )
    if issue.year <= 0:
        yield Finding(
            "cover-year",
            Severity.ERROR,
            Location(),
            f"年份为 {issue.year}：封面和页眉会印出“{issue.year} 年”。请在“期刊属性”中填写年份。",
            f"The year is {issue.year}, which the cover and running heads would print; set it in Issue Properties.",
            str(issue.year),
        )
    if issue.number <= 0 or issue.cumulative <= 0:
        yield Finding(
            "cover-number",
            Severity.ERROR,
            Location(),
            f"期号为 第{issue.number}期（总第{issue.cumulative}期）：期号必须大于 0。请在“期刊属性”中改正。",
            f"The issue number is {issue.number} (cumulative {issue.cumulative}); both must be above 0. "
            "Correct them in Issue Properties.",
            str(issue.number),
        )


# ---- punctuation ------------------------------------------------------------------------

HALF_TO_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def _prev_char(text: str, i: int) -> str:
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return text[j] if j >= 0 else ""


def _next_char(text: str, i: int) -> str:
    j = i + 1
    while j < len(text) and text[j] == " ":
        j += 1
    return text[j] if j < len(text) else ""


def _spaces_around(text: str, start: int, end: int, left: bool, right: bool) -> tuple[int, int]:
    """Widen [start, end) over the ASCII spaces a full-width mark makes redundant."""
    if left:
        while start > 0 and text[start - 1] == " ":
            start -= 1
    if right:
        while end < len(text) and text[end] == " ":
            end += 1
    return start, end


def _paren_pairs(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                pairs.append((stack.pop(), i))
            else:
                lone.append(i)
    return pairs, lone + stack


@content_check
def check_halfwidth_punctuation(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        for unit in text_units(doc):
            if PUBLICATION_NOTE_RE.match(unit.text):
                continue  # the note's forms are judged together by note-forms
            yield from _halfwidth_in(unit)


def _halfwidth_in(unit: TextUnit) -> Iterator[Finding]:
    text = unit.text
    pairs, lone = _paren_pairs(text)
    for a, b in pairs:
        before, after = _prev_char(text, a), _next_char(text, b)
        inner = text[a + 1 : b]
        if not (CHINESE_RE.search(inner) or is_chinese(before) or is_chinese(after)):
            continue
        start, _ = _spaces_around(text, a, a + 1, is_chinese(before), False)
        _, end = _spaces_around(text, b, b + 1, False, is_chinese(after) or after == "")
        old = text[start:end]
        new = "（" + inner.strip() + "）"
        yield Finding(
            "punct-halfwidth",
            Severity.WARNING,
            unit.loc(a),
            f"中文中使用了半角括号：“{text[a : b + 1]}”应为“{new}”",
            f"Half-width parentheses in Chinese text: “{text[a : b + 1]}” should be “{new}”",
            text[a : b + 1],
            unit.fix(old, new, start, "改为全角括号", "Use full-width parentheses"),
        )
    for i in lone:
        if is_chinese(_prev_char(text, i)) or is_chinese(_next_char(text, i)):
            new = HALF_TO_FULL[text[i]]
            yield Finding(
                "punct-halfwidth",
                Severity.WARNING,
                unit.loc(i),
                f"中文中使用了半角括号“{text[i]}”，应为“{new}”（且括号不配对）",
                f"A half-width parenthesis “{text[i]}” in Chinese text (and unpaired); use “{new}”",
                text[i],
                unit.change_to(text[i], new, i),
            )
    for i, ch in enumerate(text):
        if ch not in ",.;:?!":
            continue
        prev = text[i - 1] if i else ""
        nxt = _next_char(text, i)
        if ch == ".":
            # 24770.54, 1. (a numbered item), A.B: only a full stop after Chinese is a mistake
            if not is_chinese(prev):
                continue
        elif prev.isdigit() and nxt.isdigit():
            continue  # 1,200 or 9:30
        elif not (is_chinese(prev) or is_chinese(nxt)):
            continue
        if ch in ".?!" and text[i : i + 3] in ("...", "???", "!!!"):
            continue
        new = HALF_TO_FULL[ch]
        _, end = _spaces_around(text, i, i + 1, False, is_chinese(nxt))
        yield Finding(
            "punct-halfwidth",
            Severity.WARNING,
            unit.loc(i),
            f"中文中使用了半角标点“{ch}”，应为“{new}”",
            f"Half-width “{ch}” in Chinese text; use “{new}”",
            text[max(0, i - 3) : i + 2].strip(),
            unit.change_to(text[i:end], new, i),
        )


PAIRS = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "（": "）",
    "〔": "〕",
    "【": "】",
    "〈": "〉",
    "「": "」",
    "『": "』",
}
CLOSERS = {v: k for k, v in PAIRS.items()}


@content_check
def check_balanced(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        for unit in text_units(doc):
            stack: list[tuple[str, int]] = []
            problems: list[tuple[int, str]] = []
            for i, ch in enumerate(unit.text):
                if ch in PAIRS:
                    stack.append((ch, i))
                elif ch in CLOSERS:
                    if stack and stack[-1][0] == CLOSERS[ch]:
                        stack.pop()
                    elif any(o == CLOSERS[ch] for o, _ in stack):
                        # close the opener it belongs to; whatever was opened after it is unclosed
                        while stack and stack[-1][0] != CLOSERS[ch]:
                            o, at = stack.pop()
                            problems.append((at, o))
                        stack.pop()
                    else:
                        problems.append((i, ch))
            problems += [(at, o) for o, at in stack]
            for at, ch in sorted(problems):
                if ch in PAIRS:
                    zh, en = f"“{ch}”没有对应的“{PAIRS[ch]}”", f"“{ch}” has no matching “{PAIRS[ch]}”"
                else:
                    zh, en = (
                        f"“{ch}”前面没有对应的“{CLOSERS[ch]}”",
                        f"“{ch}” has no matching “{CLOSERS[ch]}” before it",
                    )
                snippet = unit.text[max(0, at - 6) : at + 7]
                yield Finding(
                    "punct-unbalanced",
                    Severity.WARNING,
                    unit.loc(at),
                    f"标点不配对：{zh}（“…{snippet}…”）",
                    f"Unbalanced punctuation: {en} (“…{snippet}…”)",
                    snippet,
                )


DOUBLED_RE = lazy("([，。、；：！？])\\1+|[，。、；：]{2,}")


ASCII_QUOTES_RE = lazy(r'"([^"\n]{1,200})"')
FULLWIDTH_DIGITS_RE = lazy("[０-９]+(?:[．.][０-９]+)?")


@content_check
def check_ascii_quotes_and_digits(issue: Issue) -> Iterator[Finding]:
    """Straight quotes around Chinese text ("…" → “…”) and full-width digits (２０１８ → 2018):
    GB/T 15834 sets Chinese quotation marks, and 公文 write numbers in half-width Arabic digits."""
    for doc in issue.documents():
        for unit in text_units(doc):
            text = unit.text
            for m in ASCII_QUOTES_RE.finditer(text):
                before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
                if not (CHINESE_RE.search(m[1]) or is_chinese(before) or is_chinese(after)):
                    continue
                new = f"“{m[1]}”"
                yield Finding(
                    "punct-halfwidth",
                    Severity.WARNING,
                    unit.loc(m.start()),
                    f"中文中使用了半角引号：“{m[0]}”应为“{new}”",
                    f"Straight quotes in Chinese text: “{m[0]}” should be “{new}”",
                    m[0],
                    unit.change_to(m[0], new, m.start()),
                )
            if unit.part == "number":
                continue  # doc-number-digits names it
            for m in FULLWIDTH_DIGITS_RE.finditer(text):
                new = m[0].translate(_FULLWIDTH).replace("．", ".")
                yield Finding(
                    "digits-fullwidth",
                    Severity.WARNING,
                    unit.loc(m.start()),
                    f"数字应使用半角阿拉伯数字：“{m[0]}”→“{new}”",
                    f"Numbers take half-width Arabic digits: “{m[0]}” → “{new}”",
                    m[0],
                    unit.change_to(m[0], new, m.start()),
                )


@content_check
def check_doubled_punctuation(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        for unit in text_units(doc):
            for m in DOUBLED_RE.finditer(unit.text):
                run = m[0]
                fix = None
                if len(set(run)) == 1:
                    fix = unit.fix(run, run[0], m.start(), f"改为一个“{run[0]}”", f"Keep one “{run[0]}”")
                yield Finding(
                    "punct-doubled",
                    Severity.WARNING,
                    unit.loc(m.start()),
                    f"标点重复：“{run}”",
                    f"Doubled punctuation: “{run}”",
                    unit.text[max(0, m.start() - 4) : m.end() + 2],
                    fix,
                )


SPACE_RE = lazy(f"(?<=[{HAN}{CJK_PUNCT}0-9])[ \u00a0]+(?=[{HAN}{CJK_PUNCT}0-9])")


@content_check
def check_spaces(issue: Issue) -> Iterator[Finding]:
    """Spaces between Chinese characters or digits: left by PDF text extraction, never set by hand.

    The board is not looked at: names like 刘 剑 are spaced there on purpose.
    """
    for doc in issue.documents():
        for unit in text_units(doc):
            yield from _spaces_in(unit)


# "5.1.2 省级人民政府": a space after a multi-level section number is how such numbers are set
_SECTION_NUMBER_RE = lazy(r"^\s*\d+(?:\.\d+)+\.?$")
# Spaces this close together belong to one phrase: "2018 年 3 月 19 日", "土 地 使 用"
_SAME_PHRASE_GAP = 6


def _spaces_in(unit: TextUnit) -> Iterator[Finding]:
    text = unit.text
    runs: list[list[re.Match]] = []
    label = LABEL_SPACING_RE.match(text)
    for m in SPACE_RE.finditer(text):
        before, after = text[m.start() - 1], text[m.end()]
        if not (is_han(before) or is_han(after)):
            continue  # digits or punctuation on both sides: 12 / 16, “ 1 ”
        if _SECTION_NUMBER_RE.match(text[: m.start()]):
            continue
        if joint_issuer_space(text, m.start(), m.end()):
            continue  # 中共中央办公厅 国务院办公厅: the standard separator of joint issuers
        if label and m.end() <= label.end():
            continue
        if runs:
            gap = text[runs[-1][-1].end() : m.start()]
            if len(gap) <= _SAME_PHRASE_GAP and not CHINESE_RE.search(HAN_RE.sub("", gap)):
                runs[-1].append(m)
                continue
        runs.append([m])
    for run in runs:
        start, end = run[0].start() - 1, run[-1].end() + 1
        old = text[start:end]
        new = "".join(ch for ch in old if ch not in " \u00a0")
        shown = text[max(0, start - 3) : end + 3]
        n = sum(len(m[0]) for m in run)
        yield Finding(
            "space-cjk",
            Severity.WARNING,
            unit.loc(run[0].start()),
            f"汉字间有多余空格：“{shown}”" + (f"（{len(run)}处）" if len(run) > 1 else ""),
            f"Space between Chinese characters: “{shown}”"
            + (f" ({len(run)} places)" if len(run) > 1 else ""),
            old,
            unit.fix(
                old, new, start, "删去空格" if n == 1 else f"删去 {len(run)} 处空格", "Remove the spaces"
            ),
        )


# ---- structure --------------------------------------------------------------------------


def _comparable_title(s: str) -> str:
    return squash(s).translate(str.maketrans(dict[str, str | int | None](HALF_TO_FULL) | {'"': "“"}))


@content_check
def check_toc_titles(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        if not doc.toc_title or doc.toc_title == doc.title or not doc.title:
            continue
        same = _comparable_title(doc.toc_title) == _comparable_title(doc.title)
        fix = Fix(
            doc.id,
            "toc_title",
            None,
            doc.toc_title,
            "",
            0,
            "目录使用正文标题",
            "Use the document's title in the TOC",
        )
        if same:
            yield Finding(
                "toc-title-differs",
                Severity.WARNING,
                Location(doc.id, "toc_title"),
                f"目录标题与正文标题只在空格或括号宽度上不同：目录“{doc.toc_title}”，正文“{doc.title}”",
                f"The TOC title differs from the document title only in spaces or bracket width: "
                f"“{doc.toc_title}” vs “{doc.title}”",
                doc.toc_title,
                fix,
            )
        else:
            yield Finding(
                "toc-title-differs",
                Severity.NOTE,
                Location(doc.id, "toc_title"),
                f"目录标题与正文标题不同：目录“{doc.toc_title}”，正文“{doc.title}”。若非有意缩写，请统一。",
                f"The TOC title differs from the document title: “{doc.toc_title}” vs “{doc.title}”.",
                doc.toc_title,
                fix,
            )


HEADING_FORMS = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}


def heading_number(text: str) -> tuple[int, int, str] | None:
    """(level, number, the numbering as written) of a text starting with an official heading number."""
    for level, rx in HEADING_NUMBERS:
        m = rx.match(text)
        if m:
            n = int(m[1]) if level in (3, 4) else chinese_number(m[1])
            if n:
                return level, n, m[0].strip()
    for level, rx, _ in (*MARKER_FORMS[:3], *LOOSE_HALFWIDTH[:1]):
        m = rx.match(text.lstrip())
        if m:  # 一. or （一): a wrong form, named by heading-marker; the sequence still counts it
            n = chinese_number(next(g for g in m.groups() if g))
            if n:
                return level, n, m[0].strip()
    return None


_CN = "一二三四五六七八九十百零〇"
MARKER_FORMS: tuple[tuple[int, LazyPattern, str], ...] = (
    (1, lazy(rf"^([{_CN}]+)\s*[，,．.]"), "{}、"),
    (1, lazy(rf"^([{_CN}]+)\s+、"), "{}、"),
    (
        2,
        lazy(rf"^(?:（\s*([{_CN}]+)\s*\)|\(\s*([{_CN}]+)\s*）|（\s+([{_CN}]+)\s*）|（([{_CN}]+)\s+）)"),
        "（{}）",
    ),
    (3, lazy(r"^(\d{1,3})\s*[、．](?!\d)"), "{}."),
    (4, lazy(r"^(?:（\s*(\d{1,3})\s*\)|\(\s*(\d{1,3})\s*）)"), "（{}）"),
)
"""Heading markers typed in a form GB/T 9704 does not use (一. 一， （一) 1、 1．), each with
the standard form. Levels 1 and 2 are wrong in any paragraph; 1、 only where it heads a
heading (a list may be numbered so). Half-width pairs (一) are punct-halfwidth's."""

LOOSE_HALFWIDTH: tuple[tuple[int, LazyPattern, str], ...] = ((2, lazy(rf"^\(\s*([{_CN}]+)\s*\)"), "（{}）"),)
"""(一) in half-width brackets: punct-halfwidth names it; the heading sequence still counts it."""


@content_check
def check_heading_markers(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        for unit in text_units(doc, ()):
            if unit.part != "block" or unit.role not in (Role.PARAGRAPH, *HEADING_ROLES):
                continue
            text = unit.text
            lead = len(text) - len(text.lstrip())
            for level, rx, form in MARKER_FORMS:
                m = rx.match(text[lead:])
                if not m or (level >= 3 and unit.role not in HEADING_ROLES):
                    continue
                if (
                    level == 1
                    and unit.role == Role.PARAGRAPH
                    and not re.match(r"\s*[^\d\s]", text[lead + m.end() :])
                ):
                    continue  # 一.5 is no marker
                number = next(g for g in m.groups() if g)
                old, new = m[0], form.format(number)
                yield Finding(
                    "heading-marker",
                    Severity.WARNING,
                    unit.loc(lead),
                    f"标题序号应写作“{new}”：“{old}”→“{new}”",
                    f"The heading number is written “{new}”: “{old}” → “{new}”",
                    text[lead : lead + m.end() + 6],
                    unit.change_to(old, new, lead),
                )
                break


@content_check
def check_heading_sequence(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        last: dict[int, int] = {}  # last number seen at each level in the current scope
        carried: dict[int, int] = {}  # last number of a level before its parent restarted it
        for i, b in enumerate(doc.blocks):
            if b.role == Role.ATTACHMENT_TITLE or (b.role in TEXT_ROLES and ARTICLE_RE.match(b.text)):
                # an attached document, a chapter (第一章 / 第二部分) or an article numbers its items afresh
                last.clear()
                carried.clear()
                continue
            if b.role not in (Role.PARAGRAPH, *HEADING_ROLES):
                continue
            h = heading_number(b.text)
            if h is None:
                continue
            level, n, written = h
            prev = last.get(level)
            if prev is not None:
                # a new list may restart at 1 under the same parent (1. 2. … then 1. 2. …)
                ok = n == prev + 1 or (n == 1 and level in (3, 4))
                expected = prev + 1
            else:
                # first of its level under this parent: 1, or continuing the numbering of the
                # previous parent's items (task lists numbered through a whole plan)
                ok = n == 1 or n == carried.get(level, 0) + 1
                expected = 1
            if not ok:

                def shown(k: int, level: int = level) -> str:
                    return HEADING_FORMS[level].format(chinese_counting(k) if level in (1, 2) else k)

                after_zh = f"在“{shown(prev)}”之后" if prev else "在本级第一个位置"
                after_en = f"after “{shown(prev)}”" if prev else "as the first of its level"
                yield Finding(
                    "heading-sequence",
                    Severity.WARNING,
                    Location(doc.id, "block", i, 0),
                    f"标题序号不连续：{after_zh}出现“{written}”，应为“{shown(expected)}”。",
                    f"Heading numbers out of sequence: “{written}” {after_en}; expected “{shown(expected)}”.",
                    written,
                )
            last[level] = n
            for deeper in range(level + 1, 5):
                if deeper in last:
                    carried[deeper] = last.pop(deeper)


@content_check
def check_empty_sections(issue: Issue) -> Iterator[Finding]:
    for si, s in enumerate(issue.sections):
        if not s.documents:
            yield Finding(
                "empty-section",
                Severity.WARNING,
                Location(part="section", section=si),
                f"栏目“{s.name}”中没有文件：目录中会出现一个空栏目。请添加文件或删除该栏目。",
                f"Section “{s.name}” has no documents and would print empty in the TOC; add documents or remove it.",
                s.name,
            )


@content_check
def check_signature_and_date(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        roles = {b.role for b in doc.blocks}
        name = doc.shown_title or doc.id
        if not doc.blocks:
            yield Finding(
                "empty-document",
                Severity.ERROR,
                Location(doc.id),
                f"文件《{name}》没有正文。",
                f"Document “{name}” has no body.",
                name,
            )
            continue
        if Role.SIGNATURE not in roles:
            yield Finding(
                "missing-signature",
                Severity.WARNING,
                Location(doc.id),
                f"文件《{name}》没有发文机关署名。请补上署名，或把署名段落的角色设为“署名”。",
                f"Document “{name}” has no signature; add it or mark that paragraph as the signature.",
                name,
            )
        if Role.DATE not in roles:
            yield Finding(
                "missing-date",
                Severity.WARNING,
                Location(doc.id),
                f"文件《{name}》没有成文日期。请补上日期，或把日期段落的角色设为“成文日期”。",
                f"Document “{name}” has no date line; add it or mark that paragraph as the date.",
                name,
            )


@content_check
def check_import_joins(issue: Issue) -> Iterator[Finding]:
    for doc in issue.documents():
        for i, b in enumerate(doc.blocks):
            for at in b.joins:
                around = b.text[max(0, at - 8) : at] + "｜" + b.text[at : at + 8]
                if 0 < at < len(b.text) and b.text[at - 1] == b.text[at] and is_han(b.text[at]):
                    # the page's last character repeated at the top of the next page (葫｜葫芦岛)
                    ch = b.text[at]
                    yield Finding(
                        "import-join",
                        Severity.WARNING,
                        Location(doc.id, "block", i, at),
                        f"导入时在原分页处合并了段落，接缝处“{ch}”重复：“{around}”，请核对原件",
                        f"Paragraph joined at a page break on import; “{ch}” repeats at the seam “{around}”",
                        around,
                        TextUnit(doc, "block", i, b.text).fix(
                            ch + ch, ch, at - 1, f"删去重复的“{ch}”", f"Remove the repeated “{ch}”"
                        ),
                    )
                    continue
                yield Finding(
                    "import-join",
                    Severity.NOTE,
                    Location(doc.id, "block", i, at),
                    f"导入时在原分页处合并了段落，请核对接缝“{around}”",
                    f"Paragraph joined at a page break on import; check the seam “{around}”",
                    around,
                )


def _standard_note(text: str) -> str:
    inner = re.sub(r"^\s*[（(]\s*|\s*[）)]\s*$", "", text)
    return f"（{inner.strip()}）"


@content_check
def check_pictures(issue: Issue) -> Iterator[Finding]:
    """Pictures that cannot be printed (damaged, unsupported, missing): the build prints a marked
    placeholder in their place, and this says which picture of which document."""
    from .images import picture_problems

    for p in picture_problems(issue):
        yield Finding(
            "picture",
            Severity.ERROR,
            Location(doc=p.doc, part="block", block=p.block),
            p.message("zh"),
            p.message("en"),
            p.name,
        )


@content_check
def check_note_forms(issue: Issue) -> Iterator[Finding]:
    notes: list[TextUnit] = []
    for doc in issue.documents():
        for unit in text_units(doc, ()):
            if unit.role == Role.NOTE or PUBLICATION_NOTE_RE.match(unit.text):
                notes.append(unit)
    forms = Counter(u.text.strip() for u in notes)
    listing = "、".join(f"{t}×{n}" for t, n in forms.most_common())
    listing_en = ", ".join(f"“{t}” ×{n}" for t, n in forms.most_common())
    for unit in notes:
        written = unit.text.strip()
        standard = _standard_note(written)
        if written == standard:
            continue
        if len({_standard_note(t) for t in forms}) < len(forms) or len(forms) > 1:
            zh = f"附注写法不统一（本期有 {listing}）：“{written}”应为“{standard}”"
            en = f"The note is written in different forms in this issue ({listing_en}): “{written}” should be “{standard}”"
        else:
            zh = f"附注应使用全角括号：“{written}”应为“{standard}”"
            en = f"The note takes full-width parentheses: “{written}” should be “{standard}”"
        lead = len(unit.text) - len(unit.text.lstrip())
        yield Finding(
            "note-forms",
            Severity.WARNING,
            unit.loc(lead),
            zh,
            en,
            written,
            unit.change_to(written, standard, lead),
        )
