"""Preflight checks: what a careful proofreader of an official gazette catches.

Content checks read only the issue model (document numbers, dates, punctuation, structure);
layout checks read a laid-out Book (missing characters, overflowing lines, widows, image
resolution, font licences, page count). Both produce the same Finding values, so the CLI,
the GUI findings panel, the build report and the proof PDF all show one list.

The forms a check compares against, and the wrong forms it looks for, are defined in
`official` next to the forms the importers accept, so what an import lets through is
exactly what a check can then point at.

Each check has a stable id (e.g. "doc-number-brackets") because editors ignore findings
by id and location, and those ignores are saved in the issue file: renaming an id would
silently un-ignore what an editor already decided about.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum

from .model import HEADING_ROLES, TEXT_ROLES, Document, IgnoredFinding, Issue, Role
from .official import (
    ARTICLE_RE,
    CHINESE_RE,
    CITED_NUMBER_WRONG_RE,
    CJK_PUNCT,
    DOC_NUMBER_PARTS_RE,
    DOTTED_DATE_RE,
    FIELD_NAMES_ZH,
    HAN,
    HAN_RE,
    HEADING_NUMBERS,
    PUBLICATION_NOTE_RE,
    ZERO_PADDED_DATE_RE,
    chinese_counting,
    chinese_number,
    date_parts,
    format_doc_number,
    is_chinese,
    is_han,
    squash,
)


class Severity(StrEnum):
    ERROR = "error"  # the printed issue would be wrong: must be fixed before printing
    WARNING = "warning"  # probably wrong: look at it
    NOTE = "note"  # worth a look, often fine


SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTE: "提示"}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


@dataclass(frozen=True)
class Location:
    """Where a finding is: a document part, a character in it, and its page once laid out.

    `part` is "block" (then `block` is the index into Document.blocks), a document field name
    (issuer, number, title, toc_title, recipients), "section" (then `section` is its index),
    or "" for the issue or layout as a whole.
    """

    doc: str = ""
    part: str = ""
    block: int | None = None
    offset: int | None = None
    section: int | None = None
    page: int | None = None  # index into Book.pages
    folio: int | None = None  # printed page number of that page

    def describe(self, lang: str = "zh") -> str:
        en = lang.startswith("en")
        bits: list[str] = []
        if self.folio is not None:
            bits.append(f"p. {self.folio}" if en else f"第{self.folio}页")
        elif self.page is not None:
            bits.append(f"page #{self.page + 1}" if en else f"PDF第{self.page + 1}页")
        if self.doc:
            bits.append(self.doc)
        if self.part == "block" and self.block is not None:
            bits.append(f"paragraph {self.block + 1}" if en else f"第{self.block + 1}段")
        elif self.part == "section" and self.section is not None:
            bits.append(f"section {self.section + 1}" if en else f"第{self.section + 1}个栏目")
        elif self.part:
            bits.append(self.part if en else FIELD_NAMES_ZH.get(self.part, self.part))
        if self.offset is not None:
            bits.append(f"char {self.offset + 1}" if en else f"第{self.offset + 1}字")
        return " ".join(bits) if en else "，".join(bits)


@dataclass(frozen=True)
class Fix:
    """A safe, local correction: replace the fragment `old` near `offset` by `new`.

    A fragment rather than a whole new text, so that a fix stays applicable after other
    fixes changed the same paragraph; `resolve` finds the occurrence nearest the offset and
    returns None when the fragment is gone (the text changed since the check ran).
    """

    doc: str
    part: str  # "block" or a Document field name
    block: int | None
    old: str
    new: str
    offset: int
    zh: str
    en: str

    def current_text(self, issue: Issue) -> str:
        d = issue.document(self.doc)
        if self.part == "block":
            return d.blocks[self.block].text
        return getattr(d, self.part)

    def resolve(self, issue: Issue) -> str | None:
        """The whole new text of the part, or None when the fix no longer applies."""
        try:
            text = self.current_text(issue)
        except (KeyError, IndexError, TypeError):
            return None
        if not self.old:
            return None
        starts = [m.start() for m in re.finditer(re.escape(self.old), text)]
        if not starts:
            return None
        at = min(starts, key=lambda s: abs(s - self.offset))
        return text[:at] + self.new + text[at + len(self.old) :]

    def apply(self, issue: Issue) -> str | None:
        """Apply through the model's own setters (what an undo command calls); returns the old text."""
        new = self.resolve(issue)
        if new is None:
            return None
        if self.part == "block":
            return issue.set_block_text(self.doc, self.block, new)
        return issue.set_document_field(self.doc, self.part, new)

    def describe(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


@dataclass
class Finding:
    check: str
    severity: Severity
    location: Location
    zh: str
    en: str
    subject: str = ""  # the offending text, shown and used to recognise the finding again
    fix: Fix | None = None

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    def ignore_key(self) -> str:
        """What IgnoredFinding.location holds: stable across unrelated edits and re-layouts.

        No page and no offset: those move whenever anything before them changes.
        """
        loc = self.location
        where = loc.part
        if loc.part == "block" and loc.block is not None:
            where = f"block{loc.block}"
        elif loc.part == "section" and loc.section is not None:
            where = f"section{loc.section}"
        return f"{loc.doc}/{where}/{self.subject}"

    def to_dict(self, lang: str = "zh") -> dict:
        d = {
            "check": self.check,
            "severity": str(self.severity),
            "message": self.message(lang),
            "message_zh": self.zh,
            "message_en": self.en,
            "subject": self.subject,
            "location": asdict(self.location),
            "where": self.location.describe(lang),
        }
        if self.fix is not None:
            d["fix"] = {"description": self.fix.describe(lang), "old": self.fix.old, "new": self.fix.new}
        return d


# ---- the runner ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TextUnit:
    """One piece of checked text: a document field or a body block."""

    doc: Document
    part: str
    block: int | None
    text: str
    role: Role | None = None

    def loc(self, offset: int | None = None) -> Location:
        return Location(doc=self.doc.id, part=self.part, block=self.block, offset=offset)

    def fix(self, old: str, new: str, offset: int, zh: str, en: str) -> Fix:
        return Fix(self.doc.id, self.part, self.block, old, new, offset, zh, en)

    def change_to(self, old: str, new: str, offset: int) -> Fix:
        """The usual fix, described by what the fragment becomes."""
        return self.fix(old, new, offset, f"改为“{new}”", f"Change to “{new}”")


PROSE_FIELDS = ("title", "toc_title", "recipients")


def text_units(doc: Document, fields: Iterable[str] = PROSE_FIELDS) -> Iterator[TextUnit]:
    for name in fields:
        value = getattr(doc, name)
        if value:
            yield TextUnit(doc, name, None, value)
    for i, b in enumerate(doc.blocks):
        if b.role in TEXT_ROLES and b.text:
            yield TextUnit(doc, "block", i, b.text, b.role)


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


def visible(issue: Issue, findings: Iterable[Finding]) -> list[Finding]:
    """Findings the editor has not ignored."""
    ignored = {(i.check, i.location) for i in issue.ignored}
    return [f for f in findings if (f.check, f.ignore_key()) not in ignored]


def ignore_finding(issue: Issue, finding: Finding, reason: str) -> IgnoredFinding:
    """Record that the editor decided a finding is fine, with their reason (saved in the issue)."""
    entry = IgnoredFinding(finding.check, finding.ignore_key(), reason)
    issue.ignored.append(entry)
    return entry


def unignore_finding(issue: Issue, entry: IgnoredFinding) -> None:
    issue.ignored.remove(entry)


def sort_findings(findings: Iterable[Finding], issue: Issue | None = None) -> list[Finding]:
    order = {d.id: n for n, d in enumerate(issue.documents())} if issue else {}

    def key(f: Finding):
        loc = f.location
        return (
            loc.page if loc.page is not None else 10**6,
            order.get(loc.doc, 10**6),
            -1 if loc.part != "block" else (loc.block or 0),
            loc.offset or 0,
            SEVERITY_ORDER[f.severity],
            f.check,
        )

    return sorted(findings, key=key)


# ---- document numbers -------------------------------------------------------------------


def _number_parts(number: str) -> re.Match | None:
    return DOC_NUMBER_PARTS_RE.match(number.strip())


def canonical_number(number: str) -> str:
    """葫政发[2018]第04号 → 葫政发〔2018〕4号; unrecognised numbers come back unchanged."""
    m = _number_parts(number)
    if not m:
        return number.strip()
    return format_doc_number(m["code"], m["year"], int(m["num"]))


def issuer_code(number: str) -> str:
    """The issuing office's part of a number's code: 葫政办发 → 葫政办, 葫政发/葫政函 → 葫政."""
    m = _number_parts(number)
    if not m:
        return ""
    return re.sub("[发函字电令文]+$", "", m["code"]) or m["code"]


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
            yield Finding(
                "doc-number-brackets",
                Severity.ERROR,
                unit.loc(m.start("lb")),
                f"发文字号的年份应使用六角括号〔〕，不是“{m['lb']}{m['rb']}”：{number}",
                f"The year in a document number takes 〔〕 brackets, not “{m['lb']}{m['rb']}”: {number}",
                number,
                unit.change_to(bad, good, m.start("lb")),
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
    m = DOTTED_DATE_RE.match(t)
    parts = (int(m[1]), int(m[2]), int(m[3])) if m else date_parts(t)
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
    if text != standard:
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


DOUBLED_RE = re.compile("([，。、；：！？])\\1+|[，。、；：]{2,}")


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


SPACE_RE = re.compile(f"(?<=[{HAN}{CJK_PUNCT}0-9])[ \u00a0]+(?=[{HAN}{CJK_PUNCT}0-9])")


@content_check
def check_spaces(issue: Issue) -> Iterator[Finding]:
    """Spaces between Chinese characters or digits: left by PDF text extraction, never set by hand.

    The board is not looked at: names like 刘 剑 are spaced there on purpose.
    """
    for doc in issue.documents():
        for unit in text_units(doc):
            yield from _spaces_in(unit)


# "5.1.2 省级人民政府": a space after a multi-level section number is how such numbers are set
_SECTION_NUMBER_RE = re.compile(r"^\s*\d+(?:\.\d+)+\.?$")
# Spaces this close together belong to one phrase: "2018 年 3 月 19 日", "土 地 使 用"
_SAME_PHRASE_GAP = 6


def _spaces_in(unit: TextUnit) -> Iterator[Finding]:
    text = unit.text
    runs: list[list[re.Match]] = []
    for m in SPACE_RE.finditer(text):
        before, after = text[m.start() - 1], text[m.end()]
        if not (is_han(before) or is_han(after)):
            continue  # digits or punctuation on both sides: 12 / 16, “ 1 ”
        if _SECTION_NUMBER_RE.match(text[: m.start()]):
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
    return squash(s).translate(str.maketrans({k: v for k, v in HALF_TO_FULL.items()} | {'"': "“"}))


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
    return None


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
def check_note_forms(issue: Issue) -> Iterator[Finding]:
    notes: list[TextUnit] = []
    for doc in issue.documents():
        for unit in text_units(doc, ()):
            if unit.role == Role.NOTE or PUBLICATION_NOTE_RE.match(unit.text):
                notes.append(unit)
    forms = Counter(u.text.strip() for u in notes)
    listing = "、".join(f"{t}×{n}" for t, n in forms.most_common())
    for unit in notes:
        written = unit.text.strip()
        standard = _standard_note(written)
        if written == standard:
            continue
        if len({_standard_note(t) for t in forms}) < len(forms) or len(forms) > 1:
            zh = f"附注写法不统一（本期有 {listing}）：“{written}”应为“{standard}”"
            en = f"The note is written in different forms in this issue ({listing}): “{written}” should be “{standard}”"
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


# ---- layout -----------------------------------------------------------------------------
# These read the display list, never the layout engine's internals: whatever the engine did,
# the Book is what gets printed, so it is what a printer's preflight would look at.


def _key_index(book) -> dict:
    """key -> [(page index, text)] of every glyph run, in reading order."""
    index: dict = defaultdict(list)
    for p, page in enumerate(book.pages):
        for item in page.items:
            key = getattr(item, "key", None)
            text = getattr(item, "text", None)
            if key is not None:
                index[key].append((p, text))
    return index


def _finding_key(loc: Location):
    if loc.part == "block":
        return (loc.doc, loc.block)
    if loc.part == "toc_title":
        return ("front", "toc", loc.doc)
    if loc.part in FIELD_NAMES_ZH:
        return (loc.doc, loc.part)
    return None


def place_on_pages(findings: list[Finding], book) -> None:
    """Give content findings the page they print on, down to the character where one is named."""
    index = _key_index(book)
    for n, f in enumerate(findings):
        loc = f.location
        if loc.page is not None:
            continue
        page = None
        runs = index.get(_finding_key(loc), [])
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


def _loc_for_key(key, page: int | None, book, offset: int | None = None) -> Location:
    folio = book.pages[page].folio if page is not None else None
    if isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str):
        doc, part = key
        if isinstance(part, int):
            return Location(doc, "block", part, offset, page=page, folio=folio)
        return Location(doc, str(part), None, offset, page=page, folio=folio)
    if isinstance(key, tuple) and len(key) == 3 and key[:2] == ("front", "toc"):
        return Location(str(key[2]), "toc_title", page=page, folio=folio)
    return Location(page=page, folio=folio)


class FontFacts:
    """Advance widths and licence bits read straight from the font files (fontTools).

    Kept apart from layout.fonts on purpose: a preflight that trusts the engine's own
    measurements could not notice the engine measuring wrong.
    """

    # Parsed fonts by (path, face index, mtime): re-opening a CJK font on every re-check
    # after each keystroke's relayout cost the editor a fifth of a second.
    _opened: dict[tuple[str, int, float], object] = {}

    def __init__(self, faces: dict) -> None:
        self.faces = faces

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

    def advance(self, face_id: str, ch: str) -> float:
        """Advance in em; full-width forms are one em without opening the font."""
        if is_chinese(ch) and ch not in "“”‘’·—…":
            return 1.0
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
        font = self._font(face_id)
        if font is None or "OS/2" not in font:
            return None
        return int(font["OS/2"].fsType)


# Closing punctuation sits in the left half of its em box; at a line end its right half is
# blank and may be compressed away, so only half an em counts against the type area.
_HALF_INK = set("，。、；：？！）」』》〉】〕］｝”’")


def _template_for(issue: Issue, template: str | None):
    try:
        from layout.template import load_template

        return load_template(template or issue.template)
    except Exception:  # no template module or a broken template: skip geometry checks
        return None


def check_layout(issue: Issue, book, *, template: str | None = None) -> list[Finding]:
    facts = FontFacts(book.faces)
    out: list[Finding] = []
    out += _missing_chars(book)
    out += _toc_pages(issue, book)
    tpl = _template_for(issue, template)
    if tpl is not None:
        out += _overflow(book, tpl, facts)
    out += _line_shape(issue, book)
    out += _image_resolution(book)
    out += _font_licences(book, facts)
    out += _page_count(book)
    return out


def _missing_chars(book) -> Iterator[Finding]:
    for m in book.missing:
        loc = _loc_for_key(m.key, m.page, book)
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


def _toc_pages(issue: Issue, book) -> Iterator[Finding]:
    """The printed TOC page numbers against where each document actually starts."""
    numbers: dict[str, tuple[float, int]] = {}  # doc -> (x, printed page) of its rightmost number
    where: dict[str, int] = {}
    for p, page in enumerate(book.pages):
        for item in page.items:
            key = getattr(item, "key", None)
            if not (isinstance(key, tuple) and len(key) == 3 and key[:2] == ("front", "toc")):
                continue
            doc = str(key[2])
            where.setdefault(doc, p)
            text = getattr(item, "text", "").strip()
            if text.isdigit() and item.x and (doc not in numbers or item.x[0] > numbers[doc][0]):
                numbers[doc] = (item.x[0], int(text))
    for doc, (_, printed) in numbers.items():
        start = book.anchors.get(doc)
        if start is None:
            continue
        actual = book.pages[start].folio
        title = next((d.shown_title for d in issue.documents() if d.id == doc), doc)
        if actual is not None and printed != actual:
            yield Finding(
                "toc-not-converged",
                Severity.ERROR,
                _loc_for_key(("front", "toc", doc), where[doc], book),
                f"目录中《{title}》的页码是 {printed}，但该文件实际从第 {actual} 页开始。请重新排版。",
                f"The TOC gives page {printed} for “{title}”, but it starts on page {actual}. Lay the issue out again.",
                doc,
            )


def _overflow(book, tpl, facts: FontFacts) -> Iterator[Finding]:
    tolerance = 0.6  # pt: rounding in the engine and in our own advance sums
    reported: set = set()
    for p, page in enumerate(book.pages):
        if not page.flow:
            continue
        left = tpl.left_margin(page.folio if page.folio is not None else p + 1)
        right = left + tpl.type_width
        bottom = page.height - tpl.margin_bottom
        for item in page.items:
            key = getattr(item, "key", None)
            if key is None or (key, p) in reported:
                continue
            if hasattr(item, "text") and item.text:
                last = item.text[-1]
                width = facts.advance(item.face, last) * (0.5 if last in _HALF_INK else 1.0)
                x1 = item.x[-1] + width * item.size
                x0 = item.x[0]
                y = item.y
            elif hasattr(item, "data"):
                x0, x1, y = item.x, item.x + item.w, item.y + item.h
            else:
                continue
            over = max(x1 - right, left - x0)
            low = y - bottom
            if over > tolerance or low > tolerance + 0.25 * tpl.style("body").leading:
                reported.add((key, p))
                amount = max(over, low)
                yield Finding(
                    "line-overflow",
                    Severity.ERROR,
                    _loc_for_key(key, p, book),
                    f"有一行超出版心 {amount:.1f} 磅。请检查该段（过长的数字、网址或表格）。",
                    f"A line runs {amount:.1f} pt past the type area; check the paragraph (long number, URL, table).",
                    (item.text if hasattr(item, "text") else "")[-12:],
                )


def _body_keys(issue: Issue) -> dict:
    """Keys of text blocks laid out as paragraphs (not table cells) -> their role."""
    roles: dict = {}
    for d in issue.documents():
        for i, b in enumerate(d.blocks):
            if b.role in TEXT_ROLES:
                roles[(d.id, i)] = b.role
    return roles


def _line_shape(issue: Issue, book) -> Iterator[Finding]:
    body = _body_keys(issue)
    lines: dict = defaultdict(lambda: defaultdict(int))  # key -> (page, y) -> characters
    for p, page in enumerate(book.pages):
        for item in page.items:
            key = getattr(item, "key", None)
            if key in body and getattr(item, "text", None):
                lines[key][(p, round(item.y, 1))] += len(item.text.replace(" ", "").replace("\u3000", ""))
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
                _loc_for_key(key, pages[0], book),
                "孤行：段落的第一行单独留在页末，排版未能避免。可删减或增加前文一两行。",
                "Orphan: the paragraph's first line stands alone at the foot of the page and the layout could not "
                "avoid it; shorten or lengthen the text before it.",
                "orphan",
            )
        elif len(pages) > 1 and per_page[last_page] == 1:
            yield Finding(
                "widow",
                Severity.WARNING,
                _loc_for_key(key, last_page, book),
                "寡行：段落的最后一行单独出现在页首，排版未能避免。可删减或增加本段文字。",
                "Widow: the paragraph's last line stands alone at the top of the page and the layout could not "
                "avoid it; shorten or lengthen the paragraph.",
                "widow",
            )
        if body[key] not in (Role.SIGNATURE, Role.DATE) and shape[(last_page, last_y)] == 1:
            yield Finding(
                "single-char-line",
                Severity.WARNING,
                _loc_for_key(key, last_page, book),
                "孤字：段落最后一行只有一个字，排版未能避免。可略改本段文字。",
                "A single character on the paragraph's last line that the layout could not avoid; reword slightly.",
                "single-char",
            )


def _image_resolution(book, minimum: int = 300) -> Iterator[Finding]:
    import io

    try:
        from PIL import Image
    except ImportError:  # reportlab brings Pillow; without it there is nothing to measure with
        return
    for p, page in enumerate(book.pages):
        for item in page.items:
            if not hasattr(item, "data") or item.w <= 0:
                continue
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
                    _loc_for_key(item.key, p, book),
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


def _page_count(book, signature: int = 4) -> Iterator[Finding]:
    n = len(book.pages)
    if n == 0 or n % signature == 0:
        return
    add = signature - n % signature
    last = book.pages[-1].folio
    after_zh = f"第 {last} 页" if last is not None else "最后一页"
    after_en = f"page {last}" if last is not None else "the last page"
    yield Finding(
        "page-count",
        Severity.WARNING,
        Location(page=n - 1, folio=last),
        f"本期共 {n} 页，骑马订需要 4 的倍数：请在{after_zh}（末篇文件）之后加 {add} 页空白页，"
        f"或增加 {add} 页内容（如征订启事、封底），使总页数为 {n + add} 页。",
        f"The issue has {n} pages; saddle stitching needs a multiple of 4: add {add} blank page(s) after {after_en} "
        f"(the last document), or {add} page(s) of content, for {n + add} pages.",
        str(n),
    )


# ---- command line -----------------------------------------------------------------------


def counts_by_check(findings: Iterable[Finding]) -> dict[str, int]:
    return dict(sorted(Counter(f.check for f in findings).items()))


def format_finding(f: Finding, lang: str = "zh") -> str:
    sev = str(f.severity) if lang.startswith("en") else SEVERITY_ZH[f.severity]
    where = f.location.describe(lang)
    return (
        f"[{sev}] {f.check} {where}: {f.message(lang)}"
        if lang.startswith("en")
        else f"【{sev}】{f.check} {where}：{f.message(lang)}"
    )


def _lang() -> str:
    from .cli import ui_lang

    return ui_lang()


def run_check(args) -> int:
    """`main.py check INPUT [--json] [--template T]`: 1 when any error is found, else 0."""
    from .importing import load_input

    lang = _lang()
    issue = load_input(args.input)
    findings = check_issue(issue, template=getattr(args, "template", None))
    shown = sort_findings(visible(issue, findings), issue)
    hidden = len(findings) - len(shown)
    errors = sum(1 for f in shown if f.severity == Severity.ERROR)
    if getattr(args, "json", False):
        print(
            json.dumps(
                {
                    "findings": [f.to_dict(lang) for f in shown],
                    "counts": counts_by_check(shown),
                    "by_severity": {str(s): sum(1 for f in shown if f.severity == s) for s in Severity},
                    "ignored": hidden,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        for f in shown:
            print(format_finding(f, lang))
        counts = counts_by_check(shown)
        summary = "，".join(f"{k} {v}" for k, v in counts.items())
        if lang.startswith("en"):
            print(f"{len(shown)} findings ({errors} errors); {hidden} ignored. By check: {summary or 'none'}")
        else:
            print(f"共 {len(shown)} 条（错误 {errors} 条），已忽略 {hidden} 条。按检查项：{summary or '无'}")
    sys.stdout.flush()
    return 1 if errors else 0


def check_issue(issue: Issue, *, template: str | None = None, book=None) -> list[Finding]:
    """Content and layout findings; lays the issue out when no Book is given.

    A layout that fails (TOC not converging, no usable font) is itself a finding, so the
    content findings still reach the editor.
    """
    findings = check_content(issue)
    if book is None:
        from layout.errors import LayoutError, LayoutProblem

        from .compose import build_book

        try:
            book = build_book(issue, template=template)
        except LayoutError as e:
            findings.append(_layout_failed("toc-not-converged", e))
            return findings
        except LayoutProblem as e:
            findings.append(_layout_failed("layout-failed", e))
            return findings
    place_on_pages(findings, book)
    findings += check_layout(issue, book, template=template)
    return findings


def _layout_failed(check: str, e) -> Finding:
    return Finding(check, Severity.ERROR, Location(), e.zh, e.en, check)


def findings_report(issue: Issue, book) -> list[dict]:
    """The build report's "findings" section: every visible finding, in page order."""
    findings = visible(issue, check_issue(issue, book=book))
    return [f.to_dict(_lang()) for f in sort_findings(findings, issue)]


__all__ = [
    "CONTENT_CHECKS",
    "Finding",
    "Fix",
    "Location",
    "Severity",
    "check_content",
    "check_issue",
    "findings_report",
    "ignore_finding",
    "run_check",
    "visible",
]
