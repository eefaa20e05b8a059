"""Proof marks: the laid-out Book with red additions for the proofreaders.

A proof is the Book with 校样, round and date in the margins, a marker beside every finding
and a listing page at the end; it is drawn by the same PDF writer as the print file, so
what the proofreader reads is what will be printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from layout.display import Book, GlyphRun, OutlineEntry, Page, Rule

from .checks import check_issue
from .findings import SEVERITY_ZH, Finding, Severity, sort_findings, visible
from .fingerprints import LISTING_TITLE, PROOF_COLOR, record_proof
from .layout_checks import FontFacts
from .locate import ref_of
from .model import Issue

MARK_SIZE = 8.0


class _Writer:
    """Sets short lines of proof text with a face the book already embeds.

    Only faces the book already uses are taken, so a proof never needs a font the print
    file does not; a character none of them has is shown as its code point.
    """

    def __init__(self, book: Book) -> None:
        self.facts = FontFacts(book.faces)
        usage: dict[str, int] = {}
        for page in book.pages:
            for item in page.items:
                if isinstance(item, GlyphRun):
                    usage[item.face] = usage.get(item.face, 0) + len(item.text)
        self.faces = sorted(usage, key=lambda f: -usage[f]) or list(book.faces)
        self._cmaps: dict[str, set[int]] = {}

    def _has(self, face: str, ch: str) -> bool:
        if face not in self._cmaps:
            font = self.facts._font(face)
            try:
                self._cmaps[face] = set(font.getBestCmap()) if font is not None else set()
            except Exception:
                self._cmaps[face] = set()
        return ord(ch) in self._cmaps[face]

    def face_for(self, ch: str) -> str | None:
        return next((f for f in self.faces if self._has(f, ch)), None)

    def printable(self, text: str) -> str:
        return "".join(ch if ch == " " or self.face_for(ch) else f"U+{ord(ch):04X}" for ch in text)

    def width(self, text: str, size: float) -> float:
        total = 0.0
        for ch in self.printable(text):
            face = self.face_for(ch)
            total += (self.facts.advance(face, ch) if face else 0.5) * size
        return total

    def runs(self, text: str, x: float, y: float, size: float, color=PROOF_COLOR) -> list[GlyphRun]:
        """Glyph runs for `text` starting at x on baseline y, one run per face change."""
        out: list[GlyphRun] = []
        xs: list[float] = []
        chars: list[str] = []
        current: str | None = None
        for ch in self.printable(text):
            face = self.face_for(ch) if ch != " " else current
            if face is None:  # a space before any face, or a character no face draws
                x += 0.3 * size
                continue
            if face != current and chars and current:
                out.append(GlyphRun(tuple(xs), y, "".join(chars), current, size, color))
                xs, chars = [], []
            current = face
            xs.append(x)
            chars.append(ch)
            x += self.facts.advance(face, ch) * size
        if chars and current:
            out.append(GlyphRun(tuple(xs), y, "".join(chars), current, size, color))
        return out

    def wrap(self, text: str, size: float, width: float) -> list[str]:
        lines, line, used = [], "", 0.0
        for ch in self.printable(text):
            w = self.width(ch, size)
            if used + w > width and line:
                lines.append(line)
                line, used = "", 0.0
            line += ch
            used += w
        if line:
            lines.append(line)
        return lines


def _marks_for(
    page: Page, numbered: Sequence[tuple[int, Finding]], writer: _Writer, chars_before: dict[int, int]
) -> list:
    """A red bar beside the paragraph, the finding's number in the margin, and a line under the character."""
    items: list = []
    used_y: list[float] = []
    for number, f in numbered:
        key = ref_of(f.location)
        runs = [i for i in page.items if isinstance(i, GlyphRun) and key is not None and i.key == key and i.x]
        label = f"[{number}]"
        if not runs:
            y = 30.0 + 10 * len(used_y)
            used_y.append(y)
            items += writer.runs(label + " " + f.check, 8.0, y, MARK_SIZE)
            continue
        top = min(r.y - r.size * 0.9 for r in runs)
        bottom = max(r.y + r.size * 0.2 for r in runs)
        left = min(r.x[0] for r in runs)
        bar_x = max(4.0, left - 8.0)
        items.append(Rule(bar_x, top, bar_x, bottom, 1.2, PROOF_COLOR))
        y = top + MARK_SIZE
        while any(abs(y - u) < MARK_SIZE for u in used_y):
            y += MARK_SIZE
        used_y.append(y)
        label_x = max(2.0, bar_x - 3.0 - writer.width(label, MARK_SIZE))
        items += writer.runs(label, label_x, y, MARK_SIZE)
        if f.location.offset is not None:
            seen = chars_before.get(number, 0)  # the paragraph's characters on earlier pages
            for r in runs:
                if seen + len(r.text) > f.location.offset:
                    k = max(0, f.location.offset - seen)
                    x0 = r.x[k]
                    x1 = r.x[k + 1] if k + 1 < len(r.x) else x0 + r.size
                    under = r.y + r.size * 0.18
                    items.append(Rule(x0, under, x1, under, 1.0, PROOF_COLOR))
                    break
                seen += len(r.text)
    return items


def _chars_before(book: Book, key, page_index: int) -> int:
    return sum(
        len(i.text)
        for p in book.pages[:page_index]
        for i in p.items
        if isinstance(i, GlyphRun) and i.key == key
    )


def make_proof(
    issue: Issue, book: Book, round: int, date: str, findings: list[Finding] | None = None
) -> Book:
    """The proof: the book with 校样 marks, findings marked on their pages and a listing at the end.

    Also records the round's page fingerprints in `issue.proofs` (save the issue afterwards to
    keep them). The input book is not changed.
    """
    if findings is None:
        findings = visible(issue, check_issue(issue, book=book))
    findings = sort_findings(findings, issue)
    record_proof(issue, book, round, date)
    writer = _Writer(book)
    numbered = list(enumerate(findings, 1))
    by_page: dict[int, list[tuple[int, Finding]]] = {}
    for n, f in numbered:
        if f.location.page is not None:
            by_page.setdefault(f.location.page, []).append((n, f))
    stamp = f"校样　第{round}校　{date}"
    pages: list[Page] = []
    for index, page in enumerate(book.pages):
        items = list(page.items)
        w = writer.width(stamp, 9.0)
        items += writer.runs(stamp, page.width - w - 14.0, 18.0, 9.0)
        marks = by_page.get(index, [])
        before = {
            n: _chars_before(book, ref_of(f.location), index)
            for n, f in marks
            if f.location.offset is not None and ref_of(f.location) is not None
        }
        items += _marks_for(page, marks, writer, before)
        if marks:
            note = f"本页问题 {len(marks)} 条，见清单 " + "、".join(str(n) for n, _ in marks[:12])
            items += writer.runs(note, 14.0, page.height - 14.0, MARK_SIZE)
        pages.append(Page(page.width, page.height, items, page.folio, page.label, page.flow))
    listing = _listing_pages(book, numbered, writer, round, date)
    outline = list(book.outline) + [OutlineEntry(LISTING_TITLE, len(pages), 0)]
    pages += listing
    return Book(
        pages=pages,
        faces=dict(book.faces),
        outline=outline,
        anchors=dict(book.anchors),
        title=f"{book.title}（校样第{round}校）",
        subject=book.subject,
        author=book.author,
        trim=book.trim,
        missing=list(book.missing),
        warnings=list(book.warnings),
        passes=book.passes,
        template=book.template,
        toc=list(book.toc),
    )


def _listing_pages(book: Book, numbered, writer: _Writer, round: int, date: str) -> list[Page]:
    width, height = book.trim
    margin = 56.0
    size, leading = 9.5, 14.0
    pages: list[Page] = []
    items: list = []
    y = 0.0

    def new_page() -> None:
        nonlocal items, y
        items = []
        pages.append(Page(width, height, items, None, "", ""))
        title = f"{LISTING_TITLE}（第{round}校，{date}）" + ("（续）" if len(pages) > 1 else "")
        items += writer.runs(title, margin, margin + 16, 16.0)
        y = margin + 16 + 28

    new_page()
    if not numbered:
        items += writer.runs("本次校样没有发现问题。", margin, y, size)
    counts: dict[str, int] = {}
    for n, f in numbered:
        counts[str(f.severity)] = counts.get(str(f.severity), 0) + 1
        where = f.location.describe("zh")
        head = f"[{n}] {SEVERITY_ZH[f.severity]}　{where}　{f.check}"
        body = f.zh + (f"（可自动修正：{f.fix.zh}）" if f.fix else "")
        lines = writer.wrap(head, size, width - 2 * margin) + writer.wrap(body, size, width - 2 * margin - 18)
        if y + leading * len(lines) > height - margin:
            new_page()
        for k, line in enumerate(lines):
            color = PROOF_COLOR if (k == 0 and f.severity == Severity.ERROR) else (0.0, 0.0, 0.0)
            items += writer.runs(line, margin + (0 if k == 0 else 18), y, size, color)
            y += leading
        y += 4
    summary = "，".join(f"{SEVERITY_ZH[Severity(s)]} {c} 条" for s, c in sorted(counts.items()))
    if summary:
        if y + leading > height - margin:
            new_page()
        items += writer.runs(f"合计：{summary}", margin, y + 6, size)
    return pages
