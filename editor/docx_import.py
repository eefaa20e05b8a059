"""Word (.docx) official documents into the issue model, with a report of what changed.

`docx_package` opens the file safely, `docx_reader` turns the body into literal paragraphs,
tables and images; this module recognises the parts of a 公文 (GB/T 9704) in them: banner,
document number, title, recipients, body with headings, attachment notes, signature, date,
the note, attached documents and the colophon. Whatever the file offers is used (style
names, automatic numbering, fonts such as 黑体/楷体, alignment, size, colour) and the text
patterns every 公文 follows are the fallback, because most files from the office use direct
formatting rather than styles. Those patterns live in `official`, shared with text import
and the checks, so both importers read a marker, number or date line the same way.

Nothing is ever written: the caller stores the returned bytes in the issue.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from layout.lazyre import lazy
from layout.pages import remap_marks

from .bounds import OutOfBounds, admit_document, cleaned_note, shown
from .docx_package import open_package, refuse
from .docx_reader import Item, RawImage, RawPara, RawTable, Reader, Stats
from .errors import Notice, UserError
from .model import HEADING_ROLES, Block, Document, Role, Source, Table
from .official import (
    ATTACHMENT_ITEM_RE,
    ATTACHMENT_MARK_RE,
    ATTACHMENT_NOTE_RE,
    DOC_NUMBER_RE,
    FAMILY_BREAKS,
    FIELD_NAMES_ZH,
    NOTE_RE,
    ORG_SUFFIX,
    RUN_IN_LEVELS,
    SENTENCE_END,
    TITLE_WORDS,
    banner_shaped,
    date_parts,
    heading_families,
    heading_marker_level,
    heading_or_run_in,
    recipients_shaped,
    run_in_heading,
    title_shaped,
)

LABEL_RE = lazy(r"^(附\s*件|附\s*表|附\s*录|大\s*纲)\s*[\d一二三四五六七八九十]*\s*[：:]?$")
MARK_RE = lazy(r"^(\d{6}|(绝密|机密|秘密)(★.{0,8})?|特急|加急|特提|平急|急件|签发人[：:].{1,12})$")
COLOPHON_RE = lazy(
    r"^(抄\s*送|抄\s*报|分\s*送)\s*[：:]|^\S.{0,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$"
)
SPACE_RE = lazy(r"[ \t\u3000\u00a0]+")
CJK_SPACE_RE = lazy(r"(?<=[^\x00-\x7f])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?=[^\x00-\x7f])")


def font_kind(name: str) -> str:
    """The family class of a Chinese font name as Word/WPS files spell it (any language)."""
    n = name.lower().replace(" ", "")
    if not n:
        return ""
    if "小标宋" in n or "xiaobiaosong" in n or "中宋" in n or "zhongsong" in n or "标宋" in n:
        return "title"
    if "黑" in n or "hei" in n:
        return "hei"
    if "楷" in n or "kai" in n:
        return "kai"
    if "仿宋" in n or "fangsong" in n or "simfang" in n:
        return "fangsong"
    if "宋" in n or "song" in n or "simsun" in n or "ming" in n:
        return "song"
    return "other"


def tidy(text: str) -> str:
    """Body text: no layout spaces at the ends, runs of spaces folded to one."""
    folded = SPACE_RE.sub(lambda m: "\u3000" if "\u3000" in m.group() else " ", text)
    return folded.strip(" \t\u3000\u00a0\n")


def tight(text: str) -> str:
    """Header fields: spaces between Chinese characters are letter-spacing, not content."""
    return CJK_SPACE_RE.sub("", tidy(text.replace("\n", "")))


def heading_level(text: str) -> Role | None:
    """The heading role a line's marker announces (一、 → HEADING1 …), None without one."""
    level = heading_marker_level(text)
    return HEADING_ROLES[level - 1] if level else None


def is_date(text: str) -> bool:
    """A date line as written, valid or not: 2月30日 still closes its document."""
    return date_parts(text) is not None


def style_heading(p: RawPara) -> Role | None:
    """Heading level from the style name (Heading 2, 标题 2) or the outline level."""
    name = p.style_name.lower().replace(" ", "")
    m = re.match(r"^(heading|标题)(\d)$", name)
    level = int(m.group(2)) if m else None
    if level is None and p.outline is not None and 0 <= p.outline <= 3:
        level = p.outline + 1
    if level is None or not 1 <= level <= 4:
        return None
    return HEADING_ROLES[level - 1]


def _as_written_number(text: str) -> str:
    """The document number of a head line as the office typed it (brackets, 第, spaces and all),
    without what may stand beside it (签发人：…)."""
    t = tidy(text.replace("\n", " "))
    m = DOC_NUMBER_RE.match(t)
    return t[: m.end()].strip() if m else t


_ORG_END_RE = lazy(ORG_SUFFIX + "$")


def _lines_with_marks(p: RawPara) -> list[tuple[str, tuple]]:
    """The paragraph's lines (soft breaks split it), tidied, each with its inline marks."""
    out = []
    start = 0
    for raw in p.text.split("\n"):
        line = tidy(raw)
        end = start + len(raw)
        marks = tuple((a - start, b - start, k) for a, b, k in p.marks if start <= a and b <= end)
        if line:
            out.append((line, remap_marks(raw, line, marks) if marks else ()))
        start = end + 1
    return out


def _head_line(t: str) -> bool:
    """A banner (…文件) or a document number line, as found in layout tables at the top."""
    if banner_shaped(t):
        return True
    m = DOC_NUMBER_RE.match(t)
    return m is not None and (not t[m.end() :] or t[m.end() :].startswith("签发人"))


class _Recogniser:
    """Walks the read items once, filling a Document and noting what it decided."""

    def __init__(
        self, items: list[Item], stats: Stats, doc: Document, first_header: Iterable[str] = ()
    ) -> None:
        self.stats = stats
        self.first_header = list(first_header)
        self.head_images: list[str] = []
        self.number_from_header = ""
        self.doc = doc
        self.items = [it for it in items if not (isinstance(it, RawPara) and not tidy(it.text))]
        paras = [it for it in self.items if isinstance(it, RawPara) and not it.in_cell]
        sizes: dict[float, int] = {}
        for p in paras:
            sizes[p.size] = sizes.get(p.size, 0) + len(p.text)
        self.body_size = max(sizes, key=sizes.__getitem__) if sizes else 10.5
        self.formatted = any(p.align != "left" for p in paras) or len(sizes) > 1
        self.colophon: list[str] = []
        self.split_lines = 0
        self.run_in = 0
        self.respaced = 0
        self.marked = 0
        self.closing_tables = 0
        self.tightened: list[str] = []
        self.lead_plain = 0
        self.headers_guessed = 0
        self.seals = 0
        self.candidates: dict[int, tuple[int, bool, bool]] = {}
        self.listed = 0
        self._bf: str | None = None

    # ---- the head ------------------------------------------------------------------
    def _unwrap_head_tables(self) -> None:
        """A banner or number set in a layout table at the top is read as paragraphs."""
        out: list[Item] = []
        head = True
        for n, it in enumerate(self.items):
            if head and isinstance(it, RawTable) and n <= 1:
                # full-width rows above a real table's header carry its label and title
                width = max((sum(c.colspan for c in row) for row in it.rows), default=0)
                while len(it.rows) > 2 and width > 1 and len(it.rows[0]) == 1 and it.rows[0][0].rowspan == 1:
                    text = tidy(it.rows.pop(0)[0].text)
                    if it.header_rows:
                        it.header_rows -= 1
                    if text:
                        out.append(RawPara(text, align="center", size=self.body_size))
            if head and isinstance(it, RawTable) and len(it.rows) <= 4 and n <= 3:
                lines = [tight(x) for row in it.rows for c in row for x in c.text.split("\n") if tidy(x)]
                if any(_head_line(x) for x in lines):
                    for row in it.rows:
                        for cell in row:
                            for line in cell.text.split("\n"):
                                if tidy(line):
                                    out.append(RawPara(line, align="center", size=self.body_size))
                    self.doc.report.append(
                        Notice(
                            "版头位于表格中，已按版头段落识别。",
                            "The letterhead is in a table; it was read as the head.",
                        )
                    )
                    continue
            if isinstance(it, RawPara) and not it.in_textbox and heading_level(tidy(it.text)):
                head = False
            out.append(it)
        self.items = out

    def _is_banner(self, p: RawPara) -> bool:
        t = tight(p.text)
        if not t or len(t) > 40 or t[-1] in SENTENCE_END + "：:":
            return False
        if banner_shaped(t):
            return True
        return (
            p.red
            and p.max_size >= max(22, self.body_size * 1.6)
            and p.align in ("center", "distribute", "both")
        )

    def _is_titleish(self, p: RawPara) -> bool:
        t = tight(p.text)
        if not t or len(t) > 150 or t[-1] in "：:" or t[-1] in SENTENCE_END or NOTE_RE.match(t):
            return False
        if heading_level(t) or ATTACHMENT_NOTE_RE.match(t) or is_date(t):
            return False
        name = p.style_name.lower()
        if name in ("title", "标题") or p.align == "center":
            return True
        if p.max_size >= self.body_size + 3 or font_kind(p.font) == "title":
            return True
        return not self.formatted and len(t) <= 80 and any(w in t for w in TITLE_WORDS)

    def head(self) -> int:
        """Recognise banner, number, title and recipients; return where the body starts."""
        self._unwrap_head_tables()
        items = self.items
        i = 0

        def para(k: int) -> RawPara | None:
            it = items[k] if k < len(items) else None
            return it if isinstance(it, RawPara) else None

        def skip_pictures() -> None:
            # a logo above the banner, the red separator pasted as a picture: not the gazette's to print
            nonlocal i
            while i < len(items) and isinstance(items[i], RawImage) and len(removed) < 6:
                removed.append((i, items[i]))
                del items[i]

        removed: list[tuple[int, Item]] = []

        skip_pictures()
        # a standalone attachment starts with its label (附件1, 大纲4) above the title
        p = para(i)
        if p is not None and LABEL_RE.match(tight(p.text)):
            label = tight(p.text)
            self.doc.report.append(
                Notice(
                    f"文首标注“{label}”未放入正文（公报中按篇排印，不需要附件序号）。",
                    f"The label “{label}” at the top was left out (a gazette prints each document on its own).",
                )
            )
            i += 1
        # banner (possibly several lines for joint documents) and number, in either order
        banners: list[str] = []
        for _ in range(8):
            skip_pictures()
            p = para(i)
            if p is None:
                break
            t = tight(p.text)
            if MARK_RE.match(t):  # 份号, 密级, 紧急程度 above the banner: not part of a gazette reprint
                self.doc.report.append(
                    Notice(f"版头标注“{t}”未放入正文。", f"The mark “{t}” above the head was left out.")
                )
                i += 1
                continue
            m = DOC_NUMBER_RE.match(t)
            rest = t[m.end() :].strip() if m else ""
            # the line is the number, perhaps with 签发人 beside it (a title citing 国发〔2016〕31号 is not)
            if not self.doc.number and m and (not rest or rest.startswith("签发人")):
                self.doc.number = _as_written_number(p.text)  # the checks name a wrong form
                if rest:
                    self.doc.report.append(
                        Notice(
                            f"发文字号所在行的其他文字未放入正文：“{rest}”。",
                            f"Other text on the document number's line was left out: “{rest}”.",
                        )
                    )
                i += 1
                continue
            if not self.doc.number and not self.doc.title and self._is_banner(p) and len(banners) < 4:
                banners.append(self._tight(p.text))
                i += 1
                continue
            break
        self.doc.issuer = "".join(banners)
        skip_pictures()
        # title: one paragraph or several with the same look, soft breaks joined
        p = para(i)
        if p is not None and self._is_titleish(p):
            parts = [self._tight(p.text)]
            i += 1
            while len(parts) < 4:
                q = para(i)
                if q is None or not self._is_titleish(q) or not self._same_look(p, q):
                    break
                if self._looks_like_attachment_start(q):
                    break
                parts.append(self._tight(q.text))
                i += 1
            self.doc.title = "".join(parts)
            if len(parts) > 1:
                self.doc.report.append(
                    Notice(
                        f"标题分为 {len(parts)} 段，已合并为一个标题。",
                        f"The title was in {len(parts)} paragraphs; they were joined into one.",
                    )
                )
        elif p is not None and self._plain_title(p) and any(w in p.text for w in TITLE_WORDS):
            # typed without any formatting: a 关于…通知 line directly above the recipients
            q = para(i + 1)
            nxt = tidy(q.text) if q is not None else ""
            if recipients_shaped(nxt):
                self.doc.title = self._tight(p.text)
                i += 1
        # the number under the title, as web pages and some offices place it
        p = para(i)
        if p is not None and not self.doc.number and self.doc.title:
            t = tight(p.text)
            m = DOC_NUMBER_RE.fullmatch(t)
            if m:
                self.doc.number = _as_written_number(p.text)
                i += 1
        if not self.doc.number:
            self._number_from_header()
        skip_pictures()
        # recipients, only under a recognised head (a lone "如下：" line is body text)
        p = para(i)
        if p is not None and (self.doc.title or self.doc.number or self.doc.issuer):
            t = tidy(p.text.replace("\n", ""))
            if recipients_shaped(t):
                self.doc.recipients = t  # a half-width colon stays: the checks offer the fix
                i += 1
        if self.doc.issuer or self.doc.number or self.doc.title:
            self.head_images = [it.name for _, it in removed if isinstance(it, RawImage)]
        else:  # no head after all: the pictures are the document's content
            for at, it in reversed(removed):
                items.insert(at, it)
                i += 1 if at < i else 0
        return i

    def _number_from_header(self) -> None:
        """A number printed only in the first page's header (some offices' templates put it there)."""
        for line in self.first_header:
            t = tight(line)
            m = DOC_NUMBER_RE.match(t)
            rest = t[m.end() :].strip() if m else ""
            if m and (not rest or rest.startswith("签发人")):
                self.doc.number = self.number_from_header = _as_written_number(line)
                return

    def _tight(self, text: str) -> str:
        """tight(), remembering each line whose letter-spacing it removed, for the report."""
        out = tight(text)
        if out != tidy(text.replace("\n", "")) and len(self.tightened) < 50:
            self.tightened.append(tidy(text.replace("\n", "")))
        return out

    @staticmethod
    def _same_look(a: RawPara, b: RawPara) -> bool:
        return (
            a.align == b.align
            and abs(a.max_size - b.max_size) < 0.6
            and font_kind(a.font) == font_kind(b.font)
        )

    @staticmethod
    def _looks_like_attachment_start(p: RawPara) -> bool:
        return bool(ATTACHMENT_MARK_RE.match(tight(p.text)))

    # ---- the body ------------------------------------------------------------------
    def _signature_like(self, p: RawPara) -> bool:
        t = tidy(p.text.replace("\n", " "))
        if (
            not t
            or len(t) > 40
            or t[-1] in SENTENCE_END + "，,：:"
            or heading_level(t)
            or ATTACHMENT_NOTE_RE.match(t)
            or re.match(r"^(特此|此复|专此|以上)", t)
        ):
            return False
        return not is_date(tight(t)) and not NOTE_RE.match(t)

    def _closing_date(self, start: int, end: int) -> int | None:
        """The index of the date that closes a (main or attached) document, if any."""
        for k in range(start, end):
            it = self.items[k]
            if not isinstance(it, RawPara) or it.in_cell:
                continue
            if not is_date(tight(it.text)):
                continue
            j = k - 1
            while j > start and isinstance(self.items[j], RawImage):  # a seal between signature and date
                j -= 1
            prev = self.items[j] if j >= start and j != k else None
            if it.align in ("right", "end") or (isinstance(prev, RawPara) and self._signature_like(prev)):
                return k
            if k == end - 1 or all(
                isinstance(x, RawPara) and NOTE_RE.match(tidy(x.text)) for x in self.items[k + 1 : end]
            ):
                return k
        return None

    def _unwrap_closing_tables(self, start: int) -> None:
        """A signature and date set in a borderless layout table are read as right-aligned lines.

        Offices place the closing in a table to align it (signature over date, seal beside);
        such a table has a few short cells, one of them a date line, and nothing tabular.
        """
        for n in range(len(self.items) - 1, start - 1, -1):
            it = self.items[n]
            if not isinstance(it, RawTable) or len(it.rows) > 4:
                continue
            lines = [tidy(x) for row in it.rows for c in row for x in c.text.split("\n") if tidy(x)]
            if not lines or len(lines) > 8 or any(len(x) > 40 for x in lines):
                continue
            names = [x for x in lines if not is_date(tight(x))]
            if len(names) == len(lines) or not 1 <= len(names) <= 4:
                continue
            if not all(_ORG_END_RE.search(tight(x)) for x in names):
                continue  # a data table with a date column, not a closing
            paras: list[Item] = [RawPara(x, align="right", size=self.body_size) for x in lines]
            self.items[n : n + 1] = paras + list(it.images)
            self.closing_tables += 1

    def body(self, start: int) -> None:
        self._unwrap_closing_tables(start)
        end = len(self.items)
        end = self._strip_colophon(start, end)
        k = start
        first = True
        while k < end:
            date_at = self._closing_date(k, end)
            stop = date_at if date_at is not None else end
            sig_from = stop
            if date_at is not None:
                n = 0
                while sig_from - 1 >= k and n < 4:
                    prev = self.items[sig_from - 1]
                    if isinstance(prev, RawImage) and sig_from - 1 > k:
                        sig_from -= 1  # a seal: part of the signature block
                        continue
                    if not (isinstance(prev, RawPara) and self._signature_like(prev)):
                        break
                    if sig_from - 1 == k and not first:
                        break
                    sig_from -= 1
                    n += 1
            if not first:
                k = self._attachment_head(k, sig_from)
            self._body_run(k, sig_from, attached=not first)
            if date_at is None:
                break
            while sig_from < date_at and isinstance(self.items[sig_from], RawImage):
                sig_from += 1  # images before the first signature line are not seals
                self._body_run(sig_from - 1, sig_from)
            for s in range(sig_from, date_at):
                line = self.items[s]
                if not isinstance(line, RawPara):  # a seal (only paragraphs and images get here)
                    self.seals += 1
                    continue
                self._add(
                    Role.SIGNATURE, self._tight(line.text) if len(tidy(line.text)) < 30 else tidy(line.text)
                )
            closing = self.items[date_at]
            assert isinstance(closing, RawPara)  # _closing_date only returns paragraphs
            self._add(Role.DATE, self._tight(closing.text))
            k = date_at + 1
            while k < end and isinstance(note := self.items[k], RawPara) and NOTE_RE.match(tidy(note.text)):
                self._add(Role.NOTE, tidy(note.text))
                k += 1
            first = False

    def _strip_colophon(self, start: int, end: int) -> int:
        """Leave 抄送/印发 lines (and a table holding them) at the end out of the body."""
        k = end
        while k > start:
            it = self.items[k - 1]
            if isinstance(it, RawPara) and COLOPHON_RE.search(tidy(it.text)):
                self.colophon.insert(0, tidy(it.text))
            elif (
                isinstance(it, RawTable)
                and COLOPHON_RE.search(it.text().replace("\n", "\n"))
                and len(it.rows) <= 6
            ):
                self.colophon[:0] = [tidy(line) for line in it.text().split("\n") if tidy(line)]
            elif (
                isinstance(it, RawPara)
                and self.colophon
                and len(tidy(it.text)) <= 60
                and re.search(r"（?共印\d+份）?$", tidy(it.text))
            ):
                self.colophon.insert(0, tidy(it.text))
            else:
                break
            k -= 1
        return k

    def _attachment_head(self, k: int, end: int) -> int:
        """After the date: an optional 附件 label, then the attached document's title."""
        if k >= end:
            return k
        it = self.items[k]
        if isinstance(it, RawPara) and ATTACHMENT_MARK_RE.match(tight(it.text)):
            self._add(Role.ATTACHMENT, tight(it.text))
            k += 1
        parts: list[str] = []
        first: RawPara | None = None
        while k < end and len(parts) < 3:
            it = self.items[k]
            if not isinstance(it, RawPara) or not self._is_titleish(it):
                if not parts and isinstance(it, RawPara) and self._plain_title(it):
                    parts.append(tight(it.text))
                    k += 1
                break
            if first is not None and not self._same_look(first, it):
                break
            first = first or it
            parts.append(tight(it.text))
            k += 1
        if parts:
            self._add(Role.ATTACHMENT_TITLE, "".join(parts))
        return k

    def _plain_title(self, p: RawPara) -> bool:
        return title_shaped(tidy(p.text))

    def _body_run(self, start: int, end: int, attached: bool = False) -> None:
        """Body blocks; among attached documents a bare 附件N label starts the next one."""
        in_attach_list = False
        k = start
        while k < end:
            it = self.items[k]
            k += 1
            if attached and isinstance(it, RawPara) and ATTACHMENT_MARK_RE.match(tight(it.text)):
                k = self._attachment_head(k - 1, end)
                in_attach_list = False
                continue
            if isinstance(it, RawImage):
                self.doc.blocks.append(Block(Role.IMAGE, image=it.name, image_width_mm=it.width_mm))
                in_attach_list = False
                continue
            if isinstance(it, RawTable):
                header = it.header_rows or self._guess_header(it)
                self.doc.blocks.append(Block(Role.TABLE, table=Table(it.rows, header)))
                for img in it.images:
                    self.doc.blocks.append(Block(Role.IMAGE, image=img.name, image_width_mm=img.width_mm))
                in_attach_list = False
                continue
            lines = _lines_with_marks(it)
            if len(lines) > 1:
                self.split_lines += len(lines) - 1
            for line, marks in lines:
                role = self._role(it, line, in_attach_list)
                in_attach_list = role == Role.ATTACHMENT
                if role == Role.ATTACHMENT and re.match(r"^附\s+件", line):
                    self.respaced += 1  # "附 件" letter-spaced by hand: the label is 附件
                    line, marks = re.sub(r"^附\s*件", "附件", line), ()
                self._add(role, line, marks)

    def _guess_header(self, t: RawTable) -> int:
        """Header rows of a long table that did not mark them, so they repeat on every page.

        Files from WPS rarely set “repeat as header row”; a first row of short labels above
        numbered rows is a header all the same (taller when its cells span rows).
        """
        if len(t.rows) < 8 or not t.rows[0]:
            return 0
        first = t.rows[0]
        if not all(c.text and len(c.text) <= 16 and not re.fullmatch(r"[\d.%\s]+", c.text) for c in first):
            return 0
        depth = max(c.rowspan for c in first)
        body = t.rows[depth:]
        numbered = sum(1 for row in body if row and re.fullmatch(r"\d+", row[0].text.strip()))
        if numbered * 2 < len(body):
            return 0
        self.headers_guessed += 1
        return depth

    def _role(self, p: RawPara, text: str, in_attach_list: bool) -> Role:
        if ATTACHMENT_NOTE_RE.match(text) or ATTACHMENT_MARK_RE.match(text):
            return Role.ATTACHMENT
        if in_attach_list and ATTACHMENT_ITEM_RE.match(text) and len(text) <= 80:
            return Role.ATTACHMENT
        if NOTE_RE.match(text):
            return Role.NOTE
        if p.in_cell:
            return Role.PARAGRAPH
        by_pattern = heading_level(text)
        by_style = style_heading(p)
        if by_pattern is not None:
            if by_style is not None:
                return by_pattern
            lead, whole = font_kind(p.lead_font), font_kind(p.font)
            level = HEADING_ROLES.index(by_pattern) + 1
            evidence = (level == 1 and whole == "hei" != self._body_font()) or (
                level == 2 and whole == "kai" != self._body_font()
            )
            if lead in ("hei", "kai") and whole not in ("hei", "kai", ""):
                # 黑体/楷体 lead-in followed by body text: a run-in heading, its phrase keeps the face
                if level not in RUN_IN_LEVELS or not run_in_heading(text):
                    self.lead_plain += 1
                    return Role.PARAGRAPH
                self.run_in += 1
                evidence = True
            # decided per family of siblings once the whole body is read (see _settle_headings)
            self.candidates[len(self.doc.blocks)] = (level, heading_or_run_in(text), evidence)
            return by_pattern
        if by_style is not None and len(text) <= 60:
            return by_style
        if len(text) <= 30 and text[-1] not in SENTENCE_END + "，,：:" and p.align != "center":
            whole = font_kind(p.font)
            if whole == "hei" and font_kind(p.lead_font or p.font) == "hei" and self._body_font() != "hei":
                return Role.HEADING1
            if whole == "kai" and self._body_font() != "kai":
                return Role.HEADING2
        return Role.PARAGRAPH

    def settle_headings(self) -> None:
        """Numbered lines are headings only when their whole family looks like headings.

        Siblings under one parent (all the 1. under a （一）) are either headings or list items:
        a family where any member carries further sentences, runs long or ends in ；/： is a
        list, so none of its members is a heading, unless its own font says so.
        """
        levels = [
            None if b.role in FAMILY_BREAKS else self.candidates[i][0] if i in self.candidates else 0
            for i, b in enumerate(self.doc.blocks)
        ]
        for family in heading_families(levels):
            if all(self.candidates[i][1] or self.candidates[i][2] for i in family):
                continue
            for i in family:
                if not self.candidates[i][2]:
                    self.doc.blocks[i].role = Role.PARAGRAPH
                    self.listed += 1

    def _body_font(self) -> str:
        if self._bf is None:
            counts: dict[str, int] = {}
            for it in self.items:
                if isinstance(it, RawPara) and not it.in_cell:
                    k = font_kind(it.font)
                    counts[k] = counts.get(k, 0) + len(it.text)
            self._bf = max(counts, key=counts.__getitem__) if counts else ""
        return self._bf

    def _add(self, role: Role, text: str, marks: tuple = ()) -> None:
        if text:
            self.doc.blocks.append(Block(role, text, marks=list(marks)))
            if marks:
                self.marked += 1


FIELD_NAMES_EN = {"issuer": "issuer", "number": "number", "title": "title", "recipients": "recipients"}


def _report(doc: Document, rec: _Recogniser, reader: Reader, warnings: list[Notice]) -> list[Notice]:
    s = reader.stats
    lines: list[Notice] = []
    found_zh, found_en = [], []
    for name in ("issuer", "number", "title", "recipients"):
        if value := getattr(doc, name):
            found_zh.append(f"{FIELD_NAMES_ZH[name]}“{value}”")
            found_en.append(f"{FIELD_NAMES_EN[name]} “{value}”")
    dates = [b.text for b in doc.blocks if b.role == Role.DATE]
    if dates:
        found_zh.append(f"成文日期“{dates[0]}”")
        found_en.append(f"date “{dates[0]}”")
    lines.append(
        Notice(
            "识别："
            + ("；".join(found_zh) if found_zh else "未识别出版头、标题和日期，请在编辑器中检查各段的角色")
            + "。",
            "Recognised: "
            + (
                "; ".join(found_en)
                if found_en
                else "no head, title or date; check each paragraph's role in the editor"
            )
            + ".",
        )
    )
    if not doc.title:
        lines.append(
            Notice(
                "注意：未识别出标题，请在编辑器中补上。", "Note: no title recognised; add it in the editor."
            )
        )
    count = {r: len(doc.blocks_of(r)) for r in Role}
    levels = (Role.HEADING1, Role.HEADING2, Role.HEADING3, Role.HEADING4)
    heads_zh = "、".join(f"{n}级 {count[r]}" for n, r in zip("一二三四", levels, strict=True))
    heads_en = ", ".join(f"level {n} {count[r]}" for n, r in zip("1234", levels, strict=True))
    lines.append(
        Notice(
            f"正文：段落 {count[Role.PARAGRAPH]}，标题 {heads_zh}，表格 {count[Role.TABLE]}，图片 {count[Role.IMAGE]}，"
            f"脚注/尾注 {len(doc.footnotes)}，附件说明 {count[Role.ATTACHMENT]}，附件标题 {count[Role.ATTACHMENT_TITLE]}，"
            f"署名 {count[Role.SIGNATURE]}，日期 {count[Role.DATE]}，附注 {count[Role.NOTE]}。",
            f"Body: paragraphs {count[Role.PARAGRAPH]}, headings {heads_en}, tables {count[Role.TABLE]}, "
            f"pictures {count[Role.IMAGE]}, notes {len(doc.footnotes)}, attachment notes {count[Role.ATTACHMENT]}, "
            f"attachment titles {count[Role.ATTACHMENT_TITLE]}, signatures {count[Role.SIGNATURE]}, "
            f"dates {count[Role.DATE]}, remarks {count[Role.NOTE]}.",
        )
    )
    lines += warnings
    if rec.colophon:
        kept = "；".join(c.rstrip("。；;") for c in rec.colophon)
        lines.append(
            Notice(
                "版记已识别，未放入正文：" + kept + "。",
                f"The colophon was recognised and left out of the body: “{kept}”.",
            )
        )
    if s.insertions or s.deletions or s.moves or s.para_marks_deleted:
        lines.append(
            Notice(
                f"修订：按“接受全部修订”导入——保留插入 {s.insertions} 处，丢弃删除 {s.deletions} 处"
                + (f"，移动 {s.moves} 处按新位置保留" if s.moves else "")
                + (f"，删除段落标记 {s.para_marks_deleted} 处已合并前后段落" if s.para_marks_deleted else "")
                + "。请核对。",
                f"Tracked changes: imported as if all were accepted ({s.insertions} insertions kept, "
                f"{s.deletions} deletions dropped"
                + (f", {s.moves} moves kept in their new place" if s.moves else "")
                + (f", {s.para_marks_deleted} deleted paragraph marks joined" if s.para_marks_deleted else "")
                + "). Please check.",
            )
        )
    if s.fields_kept or s.fields_dropped:
        zh, en = [], []
        if s.fields_kept:
            zh.append(f"{s.fields_kept} 个保留显示的结果文字")
            en.append(f"{s.fields_kept} kept as their shown result")
        if s.fields_dropped:
            dropped = "、".join(f"{k} {v}" for k, v in sorted(s.fields_dropped.items()))
            shown = " ".join(s.field_text.split())[:80]
            zh.append(
                f"目录/页码类域已删除（{dropped}），由排版重新生成"
                + (f"，其显示文字为“{shown}”" if shown else "")
            )
            en.append(
                f"TOC and page fields removed ({dropped}); the layout makes them again"
                + (f"; they showed “{shown}”" if shown else "")
            )
        lines.append(Notice("域：" + "；".join(zh) + "。", "Fields: " + "; ".join(en) + "."))
    # what was approximated or dropped, each with its count, in the order an editor checks them
    m, u = s.images_missing, s.images_unsupported
    hidden = s.hidden_text[:60]
    comments_zh = "：" + "；".join(f"“{c}”" for c in s.comment_texts[:5]) if s.comment_texts else ""
    comments_en = ": " + "; ".join(f"“{c}”" for c in s.comment_texts[:5]) if s.comment_texts else ""
    heads_zh = (
        "，其中文字：" + "；".join(f"“{t}”" for _, t in reader.header_lines[:12])
        if reader.header_lines
        else ""
    )
    heads_en = (
        ", their text: " + "; ".join(f"“{t}”" for _, t in reader.header_lines[:12])
        if reader.header_lines
        else ""
    )
    tight_zh = "；".join(f"“{t}”" for t in rec.tightened[:6])
    tight_en = "; ".join(f"“{t}”" for t in rec.tightened[:6])
    counted = (
        (
            s.hidden_chars,
            f"隐藏文字 {s.hidden_chars} 字未导入：“{hidden}”。",
            f"{s.hidden_chars} hidden characters not imported: “{hidden}”.",
        ),
        (
            s.textboxes,
            f"文本框 {s.textboxes} 个：其中文字已作为段落放在所在位置之后，请核对位置。",
            f"{s.textboxes} text boxes: their text follows as paragraphs where they stood; check the place.",
        ),
        (
            s.floating,
            f"浮动图形 {s.floating} 个已按锚定段落的位置放入正文。",
            f"{s.floating} floating pictures placed at their anchor paragraphs.",
        ),
        (
            s.floating_tables,
            f"浮动表格 {s.floating_tables} 个按版面位置放在其锚定段落之后，请核对位置。",
            f"{s.floating_tables} floating tables placed after their anchor paragraphs; check the place.",
        ),
        (
            s.images_missing,
            f"图片 {len(m)} 张在文件中缺失（如 {m[0] if m else ''}），已跳过：请在 Word/WPS 中重新插入后另存。",
            f"{len(m)} pictures are missing from the file (e.g. {m[0] if m else ''}) and were skipped: "
            "insert them again in Word/WPS and save.",
        ),
        (
            s.images_external,
            f"链接到外部文件的图片 {s.images_external} 张未读取（不访问外部文件或网络）：请在原稿中改为嵌入图片。",
            f"{s.images_external} pictures linked to outside files were not read (no outside files or network): "
            "embed them in the original.",
        ),
        (
            s.images_unsupported,
            f"无法排版的图片格式 {len(u)} 张（如 {u[0] if u else ''}）已跳过：请在原稿中另存为 PNG/JPG 后插入。",
            f"{len(u)} pictures in a format that cannot be set (e.g. {u[0] if u else ''}) were skipped: "
            "save them as PNG/JPG in the original and insert them again.",
        ),
        (
            s.images_in_tables,
            f"表格中的图片 {s.images_in_tables} 张已移到该表格之后。",
            f"{s.images_in_tables} pictures inside tables were moved after their table.",
        ),
        (
            s.charts or s.smartart,
            f"图表 {s.charts} 个、SmartArt {s.smartart} 个无法导入，已跳过：请在原稿中转为图片后重新导入。",
            f"{s.charts} charts and {s.smartart} SmartArt graphics cannot be imported and were skipped: "
            "turn them into pictures in the original and import again.",
        ),
        (
            s.ole_dropped,
            f"嵌入对象 {s.ole_dropped} 个无法导入，已跳过。",
            f"{s.ole_dropped} embedded objects cannot be imported and were skipped.",
        ),
        (
            s.ole_preview,
            f"嵌入对象（公式、表格等）{s.ole_preview} 个以其预览图导入。",
            f"{s.ole_preview} embedded objects (equations, sheets…) imported as their preview pictures.",
        ),
        (
            s.shapes,
            f"线条、形状等图形 {s.shapes} 个未导入（版式由模板决定）。",
            f"{s.shapes} lines and shapes not imported (the template decides the look).",
        ),
        (
            s.comments,
            f"批注 {s.comments} 条未导入{comments_zh}。",
            f"{s.comments} comments not imported{comments_en}.",
        ),
        (
            s.page_breaks or s.section_breaks,
            f"分页符 {s.page_breaks} 个、分节符 {s.section_breaks} 个未保留（分页由排版决定）。",
            f"{s.page_breaks} page breaks and {s.section_breaks} section breaks not kept (the layout breaks pages).",
        ),
        (
            rec.seals,
            f"落款处的印章图片 {rec.seals} 张未放入正文（公报不印公章）。",
            f"{rec.seals} seal pictures at the signature left out (a gazette prints no seals).",
        ),
        (
            rec.headers_guessed,
            f"表格 {rec.headers_guessed} 个未设置“标题行重复”，已按内容把首行作为表头（跨页时重复）。",
            f"{rec.headers_guessed} tables had no repeated header row; their first row was taken as the header "
            "(repeated across pages).",
        ),
        (
            rec.listed,
            f"编号段落 {rec.listed} 个属于列举（同级有长句或以；结尾），按正文段落导入。",
            f"{rec.listed} numbered paragraphs are list items (long or ending in ；) and were imported as body text.",
        ),
        (
            rec.run_in,
            f"段首小标题后接正文的段落 {rec.run_in} 个按标题导入：小标题用标题字体，其后正文用正文字体。",
            f"{rec.run_in} paragraphs with a run-in heading were imported as headings: the heading in the heading "
            "face, the rest in the body face.",
        ),
        (
            rec.lead_plain,
            f"段首黑体/楷体后接正文的编号段落 {rec.lead_plain} 个按正文段落导入（段首字体未保留）。",
            f"{rec.lead_plain} numbered paragraphs opening in 黑体/楷体 were imported as body text (the opening face "
            "not kept).",
        ),
        (
            rec.split_lines,
            f"段内换行（软回车）{rec.split_lines} 处已按分段处理。",
            f"{rec.split_lines} line breaks inside paragraphs were taken as paragraph ends.",
        ),
        (
            s.symbols_unknown,
            f"无法识别的符号 {s.symbols_unknown} 个以“□”代替，请核对。",
            f"{s.symbols_unknown} unknown symbols shown as “□”; please check.",
        ),
        (s.checkboxes, f"复选框 {s.checkboxes} 个以 ☐/☑ 表示。", f"{s.checkboxes} check boxes shown as ☐/☑."),
        (
            s.ruby,
            f"拼音/注音 {s.ruby} 处只保留了正文文字。",
            f"{s.ruby} ruby annotations: only the base text kept.",
        ),
        (
            s.math,
            f"公式 {s.math} 个只保留了文字，格式可能不同，请核对。",
            f"{s.math} equations kept as text only; the look may differ, please check.",
        ),
        (
            s.nested_tables,
            f"嵌套表格 {s.nested_tables} 个已展开为所在单元格的文字。",
            f"{s.nested_tables} nested tables flattened into their cell's text.",
        ),
        (
            s.empty_tables,
            f"没有文字的表格 {s.empty_tables} 个已跳过。",
            f"{s.empty_tables} empty tables skipped.",
        ),
        (
            doc.footnotes,
            f"脚注/尾注 {len(doc.footnotes)} 条：正文中以①②…标出位置，注文排在文末。",
            f"{len(doc.footnotes)} foot/endnotes: marked ①②… in the text, printed at the end.",
        ),
        (
            s.notes_missing,
            f"脚注/尾注引用 {s.notes_missing} 处找不到注释内容，已跳过。",
            f"{s.notes_missing} note references without a note were skipped.",
        ),
        (
            reader.headers_footers,
            f"页眉/页脚 {reader.headers_footers} 个未导入（由模板生成）{heads_zh}。",
            f"{reader.headers_footers} headers/footers not imported (the template makes them){heads_en}.",
        ),
        (
            rec.number_from_header,
            f"发文字号“{rec.number_from_header}”取自首页页眉。",
            f"The document number “{rec.number_from_header}” was taken from the first page's header.",
        ),
        (
            rec.head_images,
            f"版头中的图片 {len(rec.head_images)} 张（标志、分隔线等）未放入正文（版头由模板生成）。",
            f"{len(rec.head_images)} pictures in the letterhead (emblems, rules) left out (the template makes the head).",
        ),
        (
            s.wordart,
            f"艺术字 {s.wordart} 个已按其文字导入。",
            f"{s.wordart} WordArt objects imported as their text.",
        ),
        (
            s.symbols_mapped,
            f"Symbol/Wingdings 字体中的符号 {s.symbols_mapped} 个已换为对应的 Unicode 字符（如 ☑、α）。",
            f"{s.symbols_mapped} Symbol/Wingdings characters replaced by their Unicode equivalents (e.g. ☑, α).",
        ),
        (
            rec.closing_tables,
            f"署名和日期位于表格中（{rec.closing_tables} 个），已按落款段落识别。",
            f"The signature and date were in tables ({rec.closing_tables}); they were read as the closing lines.",
        ),
        (
            rec.marked,
            f"上标、下标或段内加粗保留在 {rec.marked} 个段落中（如 m²、CO₂）。",
            f"Superscripts, subscripts or bold runs kept in {rec.marked} paragraphs (e.g. m², CO₂).",
        ),
        (
            rec.respaced,
            f"“附 件”中的字间空格 {rec.respaced} 处已删去。",
            f"{rec.respaced} spaces inside “附 件” removed.",
        ),
        (
            rec.tightened,
            f"版头、署名和日期中汉字间的空格已删去（字距由模板决定）：{tight_zh}。",
            f"Spaces between characters in the head, signature and date removed (the template sets the spacing): "
            f"{tight_en}.",
        ),
        (
            s.extra_bodies,
            f"文件结构异常（含 {s.extra_bodies + 1} 个正文部分），已依次导入全部内容，请核对。",
            f"Unusual file structure ({s.extra_bodies + 1} body parts): all were imported in order; please check.",
        ),
        (
            reader.pkg.entities,
            f"文件中有 {reader.pkg.entities} 处外部实体引用，未解析、未访问任何外部资源。",
            f"{reader.pkg.entities} external entity references were neither resolved nor followed.",
        ),
    )
    lines += [Notice(zh, en) for present, zh, en in counted if present]
    if not doc.blocks and not doc.title:
        lines.append(
            Notice(
                "注意：文件中没有可导入的文字、表格或图片。",
                "Note: the file has no text, table or picture to import.",
            )
        )
    return lines


def import_docx(path: str | os.PathLike, doc_id: str = "") -> tuple[Document, dict[str, bytes]]:
    """Read one Word document: the recognised Document and the files to store in the issue.

    Raises UserError (one line naming the file and what to do) for files that cannot be read.
    """
    path = Path(path)
    pkg, raw = open_package(path)
    try:
        reader = Reader(pkg, doc_id)
        items = reader.read()
    except UserError:
        raise
    except OutOfBounds as e:
        raise refuse(
            path,
            f"{e.part} 的值“{shown(e.value)}”{e.zh or '超出合理范围'}，不像正常的 Word 文件（可能已损坏）。"
            "请在 Word/WPS 中打开并另存为 .docx 后再导入。",
            f"it holds '{shown(e.value)}' for {e.part}, {e.en or 'outside any sensible range'}; the file is "
            "damaged or was not made by Word. Open it in Word/WPS, save it as .docx, then import that.",
        ) from None
    except (
        etree.LxmlError,
        ValueError,
        KeyError,
        IndexError,
        TypeError,
        AttributeError,
        zipfile.BadZipFile,
    ) as e:
        # A part that breaks OOXML's own rules in a way nothing above anticipated: still one line.
        raise refuse(
            path,
            f"文件内部结构不符合 Word 格式（{type(e).__name__}），无法读取。请在 Word/WPS 中打开并另存为 .docx 后再导入。",
            f"its contents break the Word format ({type(e).__name__}). Open it in Word/WPS, save it as .docx, "
            "then import that.",
        ) from None
    except RecursionError:
        raise refuse(
            path,
            "文件内部嵌套层次过深，无法读取。请在 Word/WPS 中另存为 .docx 后再导入。",
            "its contents are nested too deeply to read. Save it as .docx in Word/WPS, then import that.",
        ) from None
    finally:
        pkg.zip.close()
    doc = Document(id=doc_id)
    rec = _Recogniser(items, reader.stats, doc, reader.first_header)
    start = rec.head()
    rec.body(start)
    rec.settle_headings()
    doc.footnotes = list(reader.notes)
    name = f"sources/{doc_id}-{path.name}" if doc_id else f"sources/{path.name}"
    doc.source = Source(name=name, kind="docx", original=str(path))
    head_notes = list(doc.report)
    cleaned = admit_document(doc, path, "Word 文件", "Word file")
    doc.report = _report(doc, rec, reader, pkg.warnings + head_notes)
    if cleaned:
        doc.report.append(cleaned_note(cleaned))
    files = {name: raw}
    used = {b.image for b in doc.blocks if b.role == Role.IMAGE}
    files.update({k: v for k, v in reader.media.items() if k in used})
    return doc, files
