"""Plain-text import: a whole printed issue dumped to text, or one document's text.

The office receives issues and documents as text copied out of PDFs or web pages: one
paragraph per line (blank lines between them are noise), the printed line and page breaks
partly still in it. This module recovers the structure an editor would see on the page —
cover lines, sections, TOC entries, the editorial board, and each document's header
fields and body roles (GB/T 9704 terms) — without "correcting" the text itself: spaces an
extraction left ("2018 年") stay, so that proofreading checks can point at them.

The shapes of the parts themselves (markers, numbers, dates, notes) come from `official`,
shared with the Word importer and the checks. The rules, in brief (docs/text-import.md has
them in full):

* A document starts at its issuer banner (a short line ending in 文件) or, when there is
  none, at its document number line; in a whole-issue dump the TOC entries anchor it.
* Headings are recognised by their marker (一、 / （一） / 1. / （1）) *and* their shape: a
  heading is one short phrase, optionally closed by 。. A numbered item that goes on with
  more sentences ("1. 加强统筹规划。各地区……") is a body paragraph that happens to be
  numbered. Items that are siblings (same marker kind under the same parent) are decided
  together, so a list never mixes heading and paragraph looks.
* A paragraph that stops without closing punctuation (or with an open bracket) and is
  followed by a plain continuation was cut by a printed page break: the two lines are
  joined, the offset goes into Block.joins and a line into Document.report. This is only
  done for whole-issue dumps, where page breaks exist; single documents keep their lines.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from layout.lazyre import lazy

from .errors import Notice, UserError
from .model import HEADING_ROLES, Block, BoardEntry, Cell, Document, Issue, Role, Source, Table
from .official import (
    ARTICLE,
    ATTACHMENT_ITEM_RE,
    ATTACHMENT_MARK_RE,
    ATTACHMENT_NOTE_RE,
    DOC_KINDS_RE,
    DOC_NUMBER_RE,
    FAMILY_BREAKS,
    HAN,
    HAN_RE,
    NOTE_RE,
    ORDER_NUMBER_RE,
    ORG_SUFFIX,
    SENTENCE_END,
    banner_shaped,
    date_parts,
    heading_families,
    heading_marker_level,
    heading_or_run_in,
    norm,
    parse_date,
    recipients_shaped,
    run_in_heading,
    squash,
    title_shaped,
)
from .text_encoding import control_count

# ---------------------------------------------------------------------------------------
# line shapes

PARAGRAPH_END = SENTENCE_END + "：…:"  # "如下：" ends a paragraph too
OPENERS = {
    "（": "）",
    "(": ")",
    "〈": "〉",
    "《": "》",
    "〔": "〕",
    "【": "】",
    "“": "”",
    "「": "」",
    "[": "]",
}
TRAILING_QUOTES = "”’」』\"'"

ITEM_START_RE = lazy(
    rf"^({ARTICLE}|——|—|附\s*件|附\s*[:：]|[①-⑳]|[a-zA-Z][.．)）]|"
    r"[一二三四五六七八九十]是|[○●■◆□◇·•])"
)
LABEL_RE = lazy(rf"^[{HAN}][{HAN}\s]{{0,9}}[:：]")
HAN_CODE_RE = lazy(f"[{HAN}]{{1,16}}")  # the issuing code of a document number (葫政发)
FOUR_HAN_RE = lazy(f"[{HAN}]{{4}}")  # a TOC line's title has at least four Han characters
TABLE_START, TABLE_END = "[表格开始]", "[表格结束]"


def is_number(text: str) -> bool:
    """A document number line; in text the issuing code is always Chinese (葫政发, 国办函)."""
    t = norm(text)
    m = DOC_NUMBER_RE.fullmatch(t)
    return bool(ORDER_NUMBER_RE.match(t) or (m and HAN_CODE_RE.fullmatch(m["code"])))


def is_note(text: str) -> bool:
    return bool(NOTE_RE.match(text.strip()))


def is_date(text: str) -> bool:
    """A date line as written, valid or not: 2月30日 is still the date, for the checks to flag."""
    return date_parts(text) is not None


HTML_ENTITY_RE = lazy(r"&[a-z]{2,6};")


def _no_sentence_punct(text: str) -> bool:
    text = HTML_ENTITY_RE.sub("", text)  # "国务院办公厅 &sp;": an HTML entity a web copy left
    return not any(c in text for c in "，。；：！？、,;:!?")


CLOSERS = {v: k for k, v in OPENERS.items()}
BRACKET_RE = lazy("[" + re.escape("".join(OPENERS) + "".join(CLOSERS)) + "]")


def open_brackets(text: str) -> set[str]:
    """The brackets and quotes opened in `text` and still open at its end."""
    depth: dict[str, int] = {}
    for ch in BRACKET_RE.findall(text):  # a scan in C; Python looks at the brackets only
        if ch in OPENERS:
            depth[ch] = depth.get(ch, 0) + 1
        elif depth.get(CLOSERS[ch], 0) > 0:
            depth[CLOSERS[ch]] -= 1
    return {k for k, v in depth.items() if v > 0}


def ends_complete(text: str) -> bool:
    """Does a paragraph end the way a finished paragraph ends?

    Sentence punctuation (possibly inside a closing quote) ends it; so does a closing
    round bracket when all brackets are balanced ("……（责任单位：市质监局等）"). A comma,
    a character, a closing 》/〉/〕 or a bracket still open means the text goes on. An open
    quote alone does not: a quotation running over several paragraphs leaves it open.
    """
    t = text.rstrip()
    if not t:
        return False
    opened = open_brackets(t)
    core = t.rstrip(TRAILING_QUOTES) or t
    last = core[-1]
    if opened - {"“", "「"}:
        return False
    if last in PARAGRAPH_END:
        return True
    return last in "）)" and core is t and not opened


def is_label_line(text: str) -> bool:
    """ "责任单位：市农委" — a short label with its value; such lines legitimately lack a full stop."""
    t = text.strip()
    return bool(LABEL_RE.match(t)) and not any(c in t for c in "。！？")


def title_like(text: str, limit: int = 60) -> bool:
    return title_shaped(text, limit) and not squash(text).startswith(TABLE_START)


# ---------------------------------------------------------------------------------------
# input checks


def _check_text(text: str, what_zh: str, what_en: str) -> list[str]:
    """The non-empty lines of `text`, stripped; a one-line UserError for unusable input."""
    if not isinstance(text, str):
        raise UserError(f"{what_zh}不是文本。", f"The {what_en} is not text.")
    sample = text[:65536]
    bad = control_count(sample) + sample.count("\ufffd")
    if "\x00" in sample or bad > max(8, len(sample) // 200):
        raise UserError(
            f"{what_zh}含有二进制数据，不是可读的文本。请提供 UTF-8 文本，或用 Word/WPS 另存为 .docx 后导入。",
            f"The {what_en} holds binary data, not readable text. Supply UTF-8 text, or save it as .docx.",
        )
    lines = [
        ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    ]
    lines = [ln.lstrip("\ufeff").strip() for ln in lines]
    lines = [ln for ln in lines if ln]
    if not lines:
        raise UserError(
            f"{what_zh}是空的。请检查文件内容。", f"The {what_en} is empty. Check the file's content."
        )
    if not any(HAN_RE.search(ln) for ln in lines):
        raise UserError(
            f"{what_zh}中没有可识别的中文公文内容。请检查文件是否选错或编码有误。",
            f"The {what_en} contains no recognisable Chinese document. Check the file and its encoding.",
        )
    return lines


# ---------------------------------------------------------------------------------------
# one document


@dataclass
class _Piece:
    """A body block under construction: its role, text and where joins happened."""

    role: Role
    text: str = ""
    table: Table | None = None
    joins: list[int] = field(default_factory=list)
    level: int = 0  # marker level for heading candidates
    shaped: bool = False


def _parse_cells(line: str) -> list[Cell]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    cells = []
    for raw in inner.split("|"):
        text, colspan, rowspan = raw.strip(), 1, 1
        m = re.search(r"\s*\{([^{}]*)\}\s*$", text)
        if m and re.fullmatch(
            r"\s*(colspan|rowspan)\s*=\s*\d+(\s*,\s*(colspan|rowspan)\s*=\s*\d+)*\s*", m.group(1)
        ):
            for key, val in re.findall(r"(colspan|rowspan)\s*=\s*(\d+)", m.group(1)):
                if key == "colspan":
                    colspan = max(1, int(val))
                else:
                    rowspan = max(1, int(val))
            text = text[: m.start()].strip()
        cells.append(Cell(text.replace("／", "\n"), colspan, rowspan))
    return cells


def _table_from(rows_text: list[str]) -> Table:
    """A table from its `| a | b |` lines; a stray caption line inside the markers spans it."""
    piped = [r.lstrip().startswith("|") for r in rows_text]
    rows = [_parse_cells(r) if p else [Cell(r)] for r, p in zip(rows_text, piped, strict=True)]
    width = max((sum(c.colspan for c in row) for row in rows), default=1)
    for row, p in zip(rows, piped, strict=True):
        if not p:
            row[0].colspan = width
    header = 0
    if len(rows) > 1:  # the first row is the header, as tall as its tallest cell
        header = max((c.rowspan for c in rows[0]), default=1)
        header = header if header < len(rows) else 0
    return Table(rows=rows, header_rows=header)


def _split_header(lines: list[str]) -> tuple[Document, int]:
    """Issuer banner, document number, title and recipients at the top of a document."""
    doc = Document(id="")
    i, n = 0, len(lines)
    if i < n and banner_shaped(lines[i]) and n > 1:
        doc.issuer, i = lines[i], i + 1
    if i < n and is_number(lines[i]):
        doc.number, i = lines[i], i + 1
    title: list[str] = []
    number_first = bool(doc.number)
    while i < n and len(title) < 5 and title_like(lines[i], 100) and not is_number(lines[i]):
        if title and (number_first or len(title) >= 4) and not _continues_title(title[-1], lines[i]):
            break
        if is_label_line(lines[i]) and not title:
            break
        title.append(lines[i])
        i += 1
        if not doc.number and i < n and is_number(lines[i]):
            doc.number, i = lines[i], i + 1
            break
    if title and i < n and not doc.number and not recipients_shaped(lines[i]) and len(title) > 1:
        # without a number to close it, only lines that carry on a phrase belong to the title
        keep = 1
        while keep < len(title) and _continues_title(title[keep - 1], title[keep]):
            keep += 1
        i -= len(title) - keep
        title = title[:keep]
    doc.title = "".join(title)
    if i < n and recipients_shaped(lines[i]):
        doc.recipients, i = lines[i], i + 1
    return doc, i


def _continues_title(prev: str, line: str) -> bool:
    """A title printed over several lines breaks inside a phrase; a subtitle starts anew."""
    p, t = squash(prev), squash(line)
    if not p or not t or t[0] in "（(":
        return False
    if p[-1] in "的和与及于在对把为之、“《（(〈" or p.endswith(("关于", "印发", "转发", "批转")):
        return True
    if t[0] in "的和与及）)》”":
        return True
    # the first line announces the document ("X关于…") and has not yet named its kind
    return "关于" in p and not DOC_KINDS_RE.search(p) and bool(DOC_KINDS_RE.search(t) or len(t) < 20)


def _classify(lines: list[str]) -> list[_Piece]:
    """First pass over body lines: tables, notes, dates, signatures, attachments, headings."""
    pieces: list[_Piece] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(TABLE_START):
            j = i + 1
            rows: list[str] = []
            while j < len(lines) and not lines[j].startswith(TABLE_END):
                rows.append(lines[j])
                j += 1
            pieces.append(_Piece(Role.TABLE, table=_table_from(rows)))
            i = j + 1
            continue
        if line.startswith("|") and line.endswith("|") and line.count("|") >= 3:
            j = i
            while j < len(lines) and lines[j].startswith("|") and lines[j].endswith("|"):
                j += 1
            pieces.append(_Piece(Role.TABLE, table=_table_from(lines[i:j])))
            i = j
            continue
        if is_note(line):
            pieces.append(_Piece(Role.NOTE, line))
        elif is_date(line):
            pieces.append(_Piece(Role.DATE, line))
        elif line.startswith("附") and (ATTACHMENT_MARK_RE.match(line) or ATTACHMENT_NOTE_RE.match(line)):
            pieces.append(_Piece(Role.ATTACHMENT, line))
        else:
            level = heading_marker_level(line)
            pieces.append(
                _Piece(Role.PARAGRAPH, line, level=level, shaped=level > 0 and heading_or_run_in(line))
            )
        i += 1
    _mark_signatures(pieces)
    _mark_attachment_lists(pieces)
    _mark_attachment_titles(pieces)
    _decide_headings(pieces)
    return pieces


ORG_END = rf"{ORG_SUFFIX}$"
ORG_END_RE = lazy(ORG_END)


def _mark_signatures(pieces: list[_Piece]) -> None:
    """The issuer's name right above a date is the signature (two names for joint issues)."""
    for k, p in enumerate(pieces):
        if p.role != Role.DATE:
            continue
        for back in (1, 2):
            j = k - back
            if j < 0:
                break
            q = pieces[j]
            t = squash(q.text)
            ok = (
                q.role == Role.PARAGRAPH
                and q.level == 0
                and 0 < len(t) <= 30
                and _no_sentence_punct(q.text)
                and (back == 1 or ORG_END_RE.search(t))
            )
            if not ok:
                break
            q.role = Role.SIGNATURE


def _mark_attachment_lists(pieces: list[_Piece]) -> None:
    """ "附件：1.…" goes on with "2.…" lines until the signature: they are all the note."""
    for k, p in enumerate(pieces):
        if p.role != Role.ATTACHMENT or ATTACHMENT_MARK_RE.match(p.text):
            continue
        j = k + 1
        while j < len(pieces):
            q = pieces[j]
            if q.role == Role.PARAGRAPH and ATTACHMENT_ITEM_RE.match(q.text) and "。" not in q.text[:-1]:
                q.role, q.level, q.shaped = Role.ATTACHMENT, 0, False
                j += 1
            else:
                break


def _mark_attachment_titles(pieces: list[_Piece]) -> None:
    """The title of an attached document: after the cover letter's closing, or a 附件 mark."""
    closing = (Role.SIGNATURE, Role.DATE, Role.NOTE)
    k = 0
    while k < len(pieces):
        p = pieces[k]
        after_closing = p.role in closing and (k + 1 < len(pieces) and pieces[k + 1].role not in closing)
        after_mark = p.role == Role.ATTACHMENT and ATTACHMENT_MARK_RE.match(p.text)
        if (after_closing or after_mark) and k + 1 < len(pieces):
            j = k + 1
            if (
                after_closing
                and pieces[j].role == Role.ATTACHMENT
                and ATTACHMENT_MARK_RE.match(pieces[j].text)
            ):
                j += 1  # "附件" on the attached document's first page, its title below
            q = pieces[j] if j < len(pieces) else None
            if (
                q is not None
                and q.role == Role.PARAGRAPH
                and title_like(q.text)
                and not is_label_line(q.text)
            ):
                q.role, q.level = Role.ATTACHMENT_TITLE, 0
                j += 1
                while j < len(pieces):  # wrapped title lines are one title
                    r = pieces[j]
                    if r.role == Role.PARAGRAPH and title_like(r.text) and _continues_title(q.text, r.text):
                        q.text += r.text
                        del pieces[j]
                    else:
                        break
                while j < len(pieces):  # （共130项） / （民政部　一九九七年一月二十八日） under it
                    r = pieces[j]
                    t = squash(r.text)
                    if (
                        r.role == Role.PARAGRAPH
                        and t[:1] in "（("
                        and t[-1:] in "）)"
                        and len(t) <= 40
                        and r.level == 0
                    ):
                        r.role = Role.ATTACHMENT_TITLE
                        j += 1
                    else:
                        break
            k = j
            continue
        k += 1


def _decide_headings(pieces: list[_Piece]) -> None:
    """Siblings decide together: a list of items is all headings or all paragraphs."""
    levels = [None if p.role in FAMILY_BREAKS else p.level if p.role == Role.PARAGRAPH else 0 for p in pieces]
    for family in heading_families(levels):
        if all(pieces[i].shaped for i in family):
            for i in family:
                pieces[i].role = HEADING_ROLES[pieces[i].level - 1]


def _can_continue(text: str) -> bool:
    """Can this line be the rest of the previous paragraph (not a new item or field)?"""
    t = text.strip()
    return not (
        heading_marker_level(t) or ITEM_START_RE.match(t) or is_label_line(t) or is_note(t) or is_date(t)
    )


def _join_page_breaks(pieces: list[_Piece], report: list[Notice]) -> None:
    """Glue paragraphs a printed page break cut in two; record each join for proofreading."""
    k = 0
    while k + 1 < len(pieces):
        a, b = pieces[k], pieces[k + 1]
        if (
            (a.role == Role.PARAGRAPH or (a.role in HEADING_ROLES and run_in_heading(a.text)))
            and b.role == Role.PARAGRAPH
            and len(squash(a.text)) >= 20
            and not ends_complete(a.text)
            and not is_label_line(a.text)
            and _can_continue(b.text)
        ):
            left, right = a.text.rstrip(), b.text.lstrip()
            a.joins.append(len(left))
            a.text = left + right
            report.append(
                Notice(
                    f"在分页处接续成一段：…{left[-3:]}|{right[:3]}…",
                    f"joined at a page break: …{left[-3:]}|{right[:3]}…",
                )
            )
            del pieces[k + 1]
            continue
        k += 1


def _build_document(lines: list[str], join_page_breaks: bool) -> Document:
    doc, start = _split_header(lines)
    pieces = _classify(lines[start:])
    if join_page_breaks:
        _join_page_breaks(pieces, doc.report)
    doc.blocks = [
        Block(role=p.role, table=p.table)
        if p.role == Role.TABLE
        else Block(role=p.role, text=p.text, joins=p.joins)
        for p in pieces
    ]
    if not doc.title:
        doc.report.append(
            Notice(
                "文件开头没有找到标题，请在编辑器中填写。",
                "No title found at the top of the document: fill it in in the editor.",
            )
        )
    return doc


def parse_document_text(text: str, doc_id: str = "", *, join_page_breaks: bool = False) -> Document:
    """One document from its text, one paragraph per line (as recipes list them).

    Page-break joining is off by default: a single document's text usually comes from a
    web page or a Word file, where a line without a full stop (a name list, a table row)
    is meant as it is. Pass join_page_breaks=True for text copied out of a printed PDF.
    """
    lines = _check_text(text, "文件文本", "document text")
    doc = _build_document(lines, join_page_breaks)
    doc.id = doc_id
    doc.source = Source(name="", kind="txt")
    return doc


# ---------------------------------------------------------------------------------------
# a whole issue

SECTION_RE = lazy(r"^[○◯〇●◎■□◆◇▲△☆★]\s*(?P<name>\S.*)$")
BRACKETED_SECTION_RE = lazy(r"^【(?P<name>[^】]{1,30})】$")
PUBLISHED_RE = lazy(r"^出版(日期)?[:：]?|出版$")  # the label of the cover's publication date
# The page closing a TOC entry: "(12)", a leader "……12" / "   12", or "…号) 12". The tail is
# matched on the reversed line, anchored at its end: a search from every start position over a
# long run of leader dots (a form's fill-in blank) would cost the cube of the run's length.
_PAGE_TAIL_REVERSED_RE = lazy(
    r"\s*(?:[）)]\s*(?P<p1>\d{1,4})\s*[（(]|(?P<p2>\d{1,4})(?:\s*[.…·．。]{2,}[.…·．。\s]*|\s{2,}|\s*(?=[）)])))"
)


def page_tail(line: str) -> tuple[int, int] | None:
    """(where the page tail starts, the page) for a TOC line ending in a page; None otherwise."""
    m = _PAGE_TAIL_REVERSED_RE.match(line[::-1])
    if not m:
        return None
    return len(line) - m.end(), int((m.group("p1") or m.group("p2"))[::-1])


NUMBER_TAIL_RE = lazy(
    rf"[（(]\s*(?P<num>[{HAN}]{{1,16}}\s*[〔\[［【]\s*\d{{4}}\s*[〕\]］】]\s*第?\s*\d+\s*号)\s*[）)]\s*$"
)
PERIODICITY_RE = lazy(r"(半月刊|双月刊|半年刊|月刊|季刊|旬刊|周刊|年刊)")
ISSUE_RE = lazy(r"(\d{4})年第(\d{1,3})期")
CUMULATIVE_RE = lazy(r"总第(\d{1,5})期")
PEOPLE_LABELS_HINT = lazy(r"(主任|主编|编委|编辑|委员|顾问|成员|组长|社长|总监|校对|审校|记者)$")
TEXT_LABELS = lazy(
    r"(主办|协办|承办|出版|编辑部|地址|邮编|邮政编码|电话|传真|网址|网站|邮箱|电子信箱|E-?mail|印刷|承印|发行|刊号|准印|定价|开本|国内统一|国际标准|投稿)",
    re.I,
)

BOARD_TITLES = ("编委会成员", "编委会", "编辑委员会")
BOARD_LABEL_RE = lazy(rf"^(?P<label>[{HAN}A-Za-z][{HAN}A-Za-z\s\-]{{0,11}}?)\s*[:：]\s*(?P<value>.*)$")


@dataclass
class _TocEntry:
    """A TOC line of a whole-issue dump, until its document is found."""

    section: int
    title: str
    number: str
    page: int | None
    matched: bool = False


@dataclass
class _Front:
    """What the cover of a whole-issue dump says: issue lines, date, board."""

    periodicity: str = ""
    year: int = 0
    number: int = 0
    cumulative: int = 0
    date: _dt.date | None = None
    masthead: str = ""
    sections: list[str] = field(default_factory=list)
    entries: list[_TocEntry] = field(default_factory=list)
    board_title: str = ""
    board: list[BoardEntry] = field(default_factory=list)
    toc_end: int = 0  # index after the last cover/TOC line: documents start no earlier


def _parse_toc_line(line: str) -> tuple[str, str, int | None] | None:
    """ "标题 (葫政发〔2018〕4 号) (2)" → (title, number, page); None if it is not an entry."""
    tail = page_tail(line)
    if not tail:
        return None
    start, page = tail
    rest = line[:start].rstrip(" .…·．")
    number = ""
    mn = NUMBER_TAIL_RE.search(rest)
    if mn:
        number = squash(mn.group("num"))
        rest = rest[: mn.start()].rstrip()
    if not FOUR_HAN_RE.search(rest):
        return None
    return rest, number, page


def _split_people(values: list[str]) -> list[str]:
    """Names from board lines: "宋晓东 武宏波", "刘 剑 袁 伶" (two-character names letter-spaced)."""
    people: list[str] = []
    for line in values:
        tokens = line.replace("、", " ").replace("，", " ").replace(",", " ").split()
        k = 0
        while k < len(tokens):
            if len(tokens[k]) == 1:
                run = []
                while k < len(tokens) and len(tokens[k]) == 1:
                    run.append(tokens[k])
                    k += 1
                while len(run) >= 4 or len(run) == 2:  # pairs of letter-spaced characters
                    people.append("".join(run[:2]))
                    run = run[2:]
                if run:  # 1 or 3 characters left: one name (a lone character stays as printed)
                    people.append("".join(run))
            else:
                people.append(tokens[k])
                k += 1
    return people


def _parse_board(lines: list[str]) -> list[BoardEntry]:
    entries: list[BoardEntry] = []
    label: str | None = None
    values: list[str] = []

    def flush() -> None:
        if label is None:
            return
        if TEXT_LABELS.search(label) and not PEOPLE_LABELS_HINT.search(label):
            entries.append(BoardEntry(label, text="".join(values)))
        else:
            entries.append(BoardEntry(label, people=_split_people(values)))

    for line in lines:
        m = BOARD_LABEL_RE.match(line)
        if m:
            flush()
            label, values = squash(m.group("label")), []
            if m.group("value").strip():
                values.append(m.group("value").strip())
        elif label is not None:
            values.append(line)
    flush()
    return entries


def _parse_front(lines: list[str]) -> _Front:
    """Cover lines, TOC and board: everything before the first document."""
    front = _Front()
    board_lines: list[str] = []
    in_board = False
    pending = ""
    for index, line in enumerate(lines):
        s = squash(line)
        n = norm(line)
        if in_board:
            board_lines.append(line)
            continue
        if s in BOARD_TITLES or (s.startswith("编委会") and s.endswith(("：", ":"))):
            if s.endswith(("：", ":")):
                board_lines.append(line)
            else:
                front.board_title = s
            in_board = True
            continue
        if front.entries and not pending and BOARD_LABEL_RE.match(line):  # a board without its title
            board_lines.append(line)
            in_board = True
            continue
        if "目录" in n and len(n) <= 20:
            m = PERIODICITY_RE.search(n)
            front.periodicity = front.periodicity or (m.group(1) if m else "")
            continue
        m_issue, m_cum = ISSUE_RE.search(n), CUMULATIVE_RE.search(n)
        if (m_issue or m_cum) and len(n) <= 40:
            if m_issue:
                front.year, front.number = int(m_issue.group(1)), int(m_issue.group(2))
                if n[: m_issue.start()].endswith("公报"):  # "某某市人民政府公报 2018年第2期"
                    front.masthead = n[: m_issue.start()]
            if m_cum:
                front.cumulative = int(m_cum.group(1))
            m = PERIODICITY_RE.search(n)
            front.periodicity = front.periodicity or (m.group(1) if m else "")
            continue
        when = PUBLISHED_RE.sub("", n)
        if when != n and parse_date(when):
            front.date = parse_date(when)
            continue
        if n.endswith("公报") and len(n) <= 30 and not front.sections:
            front.masthead = s
            continue
        if (
            not front.entries
            and not front.sections
            and len(n) <= 8
            and PERIODICITY_RE.fullmatch(n.strip("()（）"))
            and (period := PERIODICITY_RE.search(n))
        ):
            front.periodicity = period.group(1)
            continue
        m = SECTION_RE.match(line) or BRACKETED_SECTION_RE.match(s)
        if m and len(squash(m.group("name"))) <= 30:
            front.sections.append(squash(m.group("name")))
            pending = ""
            continue
        entry = _parse_toc_line(pending + line if pending else line)
        if entry is not None:
            if not front.sections:
                front.sections.append("")
            front.entries.append(_TocEntry(len(front.sections) - 1, *entry))
            front.toc_end = index + 1
            pending = ""
        elif front.sections and HAN_RE.search(line):
            pending = pending + line  # a long TOC title wrapped to a second line
    front.board = _parse_board(board_lines)
    return front


def _document_starts(lines: list[str], entries: list[_TocEntry], first: int) -> list[int]:
    """Where documents begin (at or after line `first`): banners, number lines, TOC titles."""
    starts: set[int] = set()
    for i in range(first, len(lines)):
        line = lines[i]
        if (
            banner_shaped(line)
            and i + 1 < len(lines)
            and (is_number(lines[i + 1]) or title_like(lines[i + 1]))
        ):
            starts.add(i)
        elif is_number(line) and not (i > first and banner_shaped(lines[i - 1])):
            starts.add(i)
    found = {norm(lines[j]) for s in starts for j in (s, s + 1) if j < len(lines) and is_number(lines[j])}
    for e in entries:  # documents without banner and number, found by their TOC title
        if e.number and norm(e.number) in found:
            continue
        t = norm(e.title)
        for i in range(first, len(lines)):
            if norm(lines[i]) == t and not any(0 <= i - s <= 3 for s in starts):
                starts.add(i)
                break
    return sorted(starts)


BANNER_END_RE = lazy(r"(文件|令)$")
OFFICE_END_RE = lazy(r"(办公室|办公厅)$")


def _derive_gazette_name(issue: Issue) -> str:
    """No masthead in the text: the gazette is named after the government that issues it.

    Issuer banners such as 葫芦岛市人民政府文件 / 葫芦岛市人民政府办公室文件 reduce to the
    government (办公室/办公厅 stripped); the most frequent one plus 公报 is the name.
    """
    organs: Counter[str] = Counter()
    for d in issue.documents():
        source = BANNER_END_RE.sub("", squash(d.issuer))
        if not source:  # no banner: the signature, if it names an organisation (not 市长　王某)
            sig = squash(next((b.text for b in d.blocks if b.role == Role.SIGNATURE), ""))
            source = sig if ORG_END_RE.search(sig) else ""
        source = OFFICE_END_RE.sub("", source)
        if source:
            organs[source] += 1
    if not organs:
        return ""
    # the first of the most frequent, as most_common(1) answers, without importing heapq for it
    return max(organs, key=organs.__getitem__) + "公报"


def parse_issue_text(text: str, source_name: str = "") -> Issue:
    """A whole issue from the text dump of a printed issue (cover, TOC, board, documents)."""
    lines = _check_text(text, "整期文本", "issue text")
    guess = _first_body_guess(lines)
    front0 = _parse_front(lines[:guess])
    starts = _document_starts(lines, front0.entries, front0.toc_end)
    if not starts:
        raise UserError(
            "文本中没有找到任何公文（没有发文机关标志、发文字号或与目录相符的标题）。请检查文件内容。",
            "No document found in the text (no issuer banner, document number or title matching the TOC). "
            "Check the file's content.",
        )
    front_end = starts[0]
    front = front0 if front_end == guess else _parse_front(lines[:front_end])  # usually the same lines
    lines, dropped = _drop_page_furniture(lines, front_end)
    starts = [s - sum(1 for d in dropped if d < s) for s in starts]
    lines, starts, back = _board_after_documents(lines, starts)
    if back is not None and not front.board:
        front.board_title, front.board = back
    issue = Issue()
    if dropped:
        issue.add_note(
            Notice(
                f"删去了正文中的 {len(dropped)} 行页眉或页码。",
                f"Removed {len(dropped)} running head or folio line(s) from the text.",
            )
        )
    issue.gazette.periodicity = front.periodicity or issue.gazette.periodicity
    issue.year = front.year or (front.date.year if front.date else 0)
    issue.number = front.number or 1
    issue.cumulative = front.cumulative or 1
    issue.date = front.date
    if front.board_title:
        issue.board.title = front.board_title
    issue.board.entries = front.board
    sponsor = issue.board.get("主办")
    if sponsor is not None and sponsor.text:
        issue.gazette.sponsor = sponsor.text
    for name in front.sections:
        issue.add_section(name or "未分栏目")
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        doc = _build_document(lines[s:end], join_page_breaks=True)
        doc.source = Source(name="", kind="issue-txt", original=source_name)
        entry = _match_entry(doc, front.entries)
        if entry is not None:
            entry.matched = True
            section = entry.section
            doc.source_page = entry.page
            doc.toc_title = "" if norm(entry.title) == norm(doc.title) else entry.title
        else:
            if not issue.sections:
                issue.add_section("未分栏目")
            section = _last_section_with_documents(issue)
            what = doc.title or doc.number or lines[s]
            issue.add_note(
                Notice(
                    f"目录中没有这篇文件，已放入上一栏目：{what}",
                    f"A document not in the TOC was put in the previous section: “{what}”",
                )
            )
        issue.add_document(section, doc)
    for e in front.entries:
        if not e.matched:
            issue.add_note(
                Notice(
                    f"目录条目在正文中找不到对应文件：{e.title}",
                    f"A TOC entry has no document in the text: “{e.title}”",
                )
            )
    if front.masthead:
        issue.gazette.name = front.masthead
    else:
        issue.gazette.name = _derive_gazette_name(issue)
        if issue.gazette.name:
            issue.add_note(
                Notice(
                    f"文本中没有刊头，刊名按发文机关定为“{issue.gazette.name}”",
                    f"No masthead in the text; the gazette's name was taken from the issuers: “{issue.gazette.name}”",
                )
            )
    if not front.entries:
        issue.add_note(
            Notice(
                "没有找到目录，全部文件放在一个栏目中。",
                "No table of contents found; all documents are in one section.",
            )
        )
    return issue


def _board_after_documents(
    lines: list[str], starts: list[int]
) -> tuple[list[str], list[int], tuple[str, list[BoardEntry]] | None]:
    """Some gazettes print the board on the back cover: cut it out of the last document."""
    at = next(
        (i for i in range(starts[0], len(lines)) if "会" in lines[i] and squash(lines[i]) in BOARD_TITLES),
        None,
    )  # (each of BOARD_TITLES has a 会: most lines need no squash)
    if at is None:
        return lines, starts, None
    end = next((s for s in starts if s > at), len(lines))
    entries = _parse_board(lines[at + 1 : end])
    if not entries:
        return lines, starts, None
    rest = lines[:at] + lines[end:]
    return rest, [s if s < at else s - (end - at) for s in starts], (squash(lines[at]), entries)


FOLIO_RE = lazy(r"^[-—－–~～\s]*\d{1,4}[-—－–~～\s]*$")


def _drop_page_furniture(lines: list[str], first: int) -> tuple[list[str], list[int]]:
    """Remove folios ("- 12 -") and running heads (…公报 2018年第2期) a PDF copy left in the body.

    They sit between the two halves of a paragraph cut by a page break, so they must go
    before joining; their indices are returned so document starts can be shifted.
    """
    dropped = []
    for i in range(first, len(lines)):
        n = norm(lines[i])
        if FOLIO_RE.match(lines[i]) or (
            len(n) <= 40 and "公报" in n and (ISSUE_RE.search(n) or CUMULATIVE_RE.search(n))
        ):
            dropped.append(i)
    gone = set(dropped)
    return [ln for i, ln in enumerate(lines) if i not in gone], dropped


def _first_body_guess(lines: list[str]) -> int:
    """Index of the first line that can only be document text: a banner or a number line."""
    for i, line in enumerate(lines):
        if banner_shaped(line) or is_number(line):
            return i
    return len(lines)


def _last_section_with_documents(issue: Issue) -> int:
    for k in range(len(issue.sections) - 1, -1, -1):
        if issue.sections[k].documents:
            return k
    return 0


def _match_entry(doc: Document, entries: list[_TocEntry]) -> _TocEntry | None:
    free = [e for e in entries if not e.matched]
    if doc.number:
        for e in free:
            if e.number and norm(e.number) == norm(doc.number):
                return e
    t = norm(doc.title)
    for e in free:
        if t and (norm(e.title) == t or (len(norm(e.title)) >= 8 and t.startswith(norm(e.title)[:16]))):
            return e
    return None


def is_issue_dump(text: str) -> bool:
    """Does this text hold a whole issue (目录 plus an issue number) rather than one document?"""
    if not isinstance(text, str):
        return False
    # the first 80 lines with text; a cover or TOC line is short, so a long one (a form's blank
    # line of dots) is only looked at in part
    head = list(itertools.islice((norm(ln[:300]) for ln in text.splitlines() if ln.strip()), 80))
    has_toc = any("目录" in n and len(n) <= 20 for n in head)
    has_issue = any((ISSUE_RE.search(n) or CUMULATIVE_RE.search(n)) and len(n) <= 40 for n in head)
    has_sections = sum(1 for n in head if SECTION_RE.match(n)) >= 1
    entries = sum(1 for n in head if (entry := _parse_toc_line(n)) and entry[1])
    return has_toc and (has_issue or (has_sections and entries >= 2))
