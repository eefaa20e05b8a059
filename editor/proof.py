"""Proofs: a marked-up PDF for the proofreaders, and what changed since the last one.

A proof is the laid-out Book with red additions in the margins (校样, round, date, a
marker beside every finding) and a listing page at the end; it is drawn by the same PDF
writer as the print file, so what the proofreader reads is what will be printed.

Each exported proof leaves page fingerprints (text and positions per page) in the issue
and in the proof PDF's metadata. The next round compares against them so proofreaders
re-read only the pages that changed, not the whole issue.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from layout.display import Book, GlyphRun, Link, OutlineEntry, Page, Picture, Rule

from .checks import SEVERITY_ZH, Finding, FontFacts, Severity, sort_findings
from .errors import UserError, read_file_bytes
from .model import Issue, ProofRecord

PROOF_COLOR = (0.86, 0.08, 0.08)  # proof marks only: a PDF fingerprint drops this colour
METADATA_KEY = "/GazetteProof"
LISTING_TITLE = "校样问题清单"
MARK_SIZE = 8.0


# ---- fingerprints ---------------------------------------------------------------------------


def _is_folio(run: GlyphRun) -> bool:
    """The folio changes whenever anything before it grows; it is not the page's content."""
    return run.key is None and re.fullmatch(r"[\s\d—\-－–]+", run.text) is not None


def _page_lines(page: Page) -> list[str]:
    runs = [i for i in page.items if isinstance(i, GlyphRun) and not _is_folio(i) and i.color != PROOF_COLOR]
    lines: dict[float, list[GlyphRun]] = {}
    for r in runs:
        lines.setdefault(round(r.y, 1), []).append(r)
    return [
        "".join(r.text for r in sorted(rs, key=lambda r: r.x[0] if r.x else 0))
        for _, rs in sorted(lines.items())
    ]


def _item_signature(item) -> tuple | None:
    if isinstance(item, GlyphRun):
        if _is_folio(item) or item.color == PROOF_COLOR:
            return None
        return (
            "T",
            item.text,
            item.face,
            round(item.size, 2),
            round(item.y, 1),
            tuple(round(x, 1) for x in item.x),
        )
    if isinstance(item, Picture):
        return (
            "P",
            round(item.x, 1),
            round(item.y, 1),
            round(item.w, 1),
            round(item.h, 1),
            hashlib.sha1(item.data).hexdigest(),
        )
    if isinstance(item, Link):
        return None  # a link's target page index moves with every page added before it
    if isinstance(item, Rule) and item.color == PROOF_COLOR:
        return None
    return (type(item).__name__,) + tuple(
        round(v, 1) if isinstance(v, float) else v for v in vars(item).values()
    )


def _digest(parts: Iterable) -> str:
    return hashlib.sha1(repr(list(parts)).encode("utf-8")).hexdigest()[:16]


def book_fingerprints(book: Book) -> list[dict]:
    """Per page: folio, which document it belongs to and its n-th page there, content hashes, text."""
    out: list[dict] = []
    per_flow: dict[str, int] = {}
    for index, page in enumerate(book.pages):
        n = per_flow.get(page.flow, 0)
        per_flow[page.flow] = n + 1
        lines = _page_lines(page)
        sigs = sorted((s for s in (_item_signature(i) for i in page.items) if s is not None), key=repr)
        out.append(
            {
                "index": index,
                "folio": page.folio,
                "flow": page.flow,
                "n": n,
                "hash": _digest(sigs),
                "text_hash": _digest(lines),
                "text": "\n".join(lines),
            }
        )
    return out


def toc_pages(issue: Issue, book: Book) -> list[dict]:
    rows = []
    for d in issue.documents():
        index = book.anchors.get(d.id)
        rows.append(
            {
                "doc": d.id,
                "title": d.shown_title,
                "page": book.pages[index].folio if index is not None else None,
            }
        )
    return rows


def record_proof(issue: Issue, book: Book, round: int, date: str) -> ProofRecord:
    """Keep this proof's fingerprints in the issue (replacing an earlier export of the same round)."""
    record = ProofRecord(round=round, date=date, pages=book_fingerprints(book), toc=toc_pages(issue, book))
    issue.proofs = [p for p in issue.proofs if p.round != round] + [record]
    issue.proofs.sort(key=lambda p: p.round)
    return record


# ---- drawing in the margins -----------------------------------------------------------------


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
            if ch == " " and face is None:
                x += 0.3 * size
                continue
            if face != current and chars:
                out.append(GlyphRun(tuple(xs), y, "".join(chars), current, size, color))
                xs, chars = [], []
            current = face
            xs.append(x)
            chars.append(ch)
            x += self.facts.advance(face, ch) * size
        if chars:
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


def _finding_key(f: Finding):
    loc = f.location
    if loc.part == "block":
        return (loc.doc, loc.block)
    if loc.part == "toc_title":
        return ("front", "toc", loc.doc)
    if loc.part and loc.doc:
        return (loc.doc, loc.part)
    return None


def _marks_for(
    page: Page, numbered: Sequence[tuple[int, Finding]], writer: _Writer, chars_before: dict[int, int]
) -> list:
    """A red bar beside the paragraph, the finding's number in the margin, and a line under the character."""
    items: list = []
    used_y: list[float] = []
    for number, f in numbered:
        key = _finding_key(f)
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
    from .checks import check_issue, visible

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
            n: _chars_before(book, _finding_key(f), index)
            for n, f in marks
            if f.location.offset is not None and _finding_key(f) is not None
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


# ---- proof PDF with fingerprints --------------------------------------------------------------


def embed_fingerprints(pdf: bytes, pages: list[dict], toc: list[dict], round: int | None = None) -> bytes:
    """Put the fingerprints in the PDF's document information, so `diff` can read them back exactly."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    payload = json.dumps(
        {"round": round, "pages": pages, "toc": toc}, ensure_ascii=False, separators=(",", ":")
    )
    writer.add_metadata({METADATA_KEY: payload})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def export_proof(
    issue: Issue, book: Book, round: int, date: str, *, bleed_mm: float = 0.0, crop_marks: bool = False
) -> bytes:
    """The proof PDF's bytes: marks, listing and fingerprints (also recorded in the issue)."""
    from layout.pdf import write_pdf

    proof = make_proof(issue, book, round, date)
    record = next(p for p in issue.proofs if p.round == round)
    data = write_pdf(proof, bleed_mm=bleed_mm, crop_marks=crop_marks)
    return embed_fingerprints(data, record.pages, record.toc, round)


def export_print(issue: Issue, book: Book, pdf: bytes) -> bytes:
    """A print PDF with fingerprints in its metadata, so a later diff against it is exact."""
    return embed_fingerprints(pdf, book_fingerprints(book), toc_pages(issue, book))


# ---- reading fingerprints from a PDF ----------------------------------------------------------


@dataclass
class Fingerprints:
    pages: list[dict]
    toc: list[dict]
    exact: bool  # from our metadata (display-list hashes) rather than re-extracted from the PDF
    label: str = ""


def _read_pdf_bytes(path: Path) -> bytes:
    data = read_file_bytes(path)
    if not data.startswith(b"%PDF"):
        raise UserError(
            f"{path} 不是 PDF 文件。请给出校样 PDF 或校次号。",
            f"{path} is not a PDF. Give a proof PDF or a round.",
        )
    return data


def pdf_fingerprints(data: bytes, label: str = "", *, prefer_metadata: bool = True) -> Fingerprints:
    """Fingerprints embedded by export_proof, or else extracted page by page with pdfplumber."""
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not the user's business
    try:
        reader = PdfReader(io.BytesIO(data))
        meta = reader.metadata or {}
        payload = meta.get(METADATA_KEY)
        len(reader.pages)
    except Exception as e:  # any parser failure means the same to the user: a damaged file
        raise UserError(
            f"PDF 文件 {label} 已损坏，无法读取（{e}）。请重新导出。",
            f"The PDF {label} is damaged ({e}). Export it again.",
        ) from None
    if prefer_metadata and payload:
        try:
            obj = json.loads(str(payload))
            return Fingerprints(obj["pages"], obj.get("toc", []), True, label)
        except (ValueError, KeyError):
            pass
    return _extract_fingerprints(data, reader, label)


def _extract_fingerprints(data: bytes, reader, label: str) -> Fingerprints:
    labels: list[str] = []
    try:
        labels = list(reader.page_labels)
    except Exception:
        labels = []
    try:
        pages = _extract_pages(data, labels)
    except Exception as e:  # pdfplumber's parser failing on a damaged file
        raise UserError(
            f"无法读取 PDF 文件 {label} 的内容（{e}）。请重新导出。",
            f"Cannot read the content of the PDF {label} ({e}). Export it again.",
        ) from None
    return Fingerprints(pages, _outline_toc(reader, labels), False, label)


def _extract_pages(data: bytes, labels: list[str]) -> list[dict]:
    import pdfplumber

    pages: list[dict] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index, page in enumerate(pdf.pages):
            head = "".join(
                c["text"] for c in sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"]))[:12]
            )
            if head.startswith(LISTING_TITLE):
                continue  # a proof's listing page
            chars = [c for c in page.chars if not _is_proof_colour(c.get("non_stroking_color"))]
            rows: dict[float, list[dict]] = {}
            for c in chars:
                rows.setdefault(round(c["bottom"] * 2) / 2, []).append(c)
            lines, sigs = [], []
            for y, cs in sorted(rows.items()):
                cs.sort(key=lambda c: c["x0"])
                text = "".join(c["text"] for c in cs)
                edge = y < page.height * 0.1 or y > page.height * 0.9
                if edge and re.fullmatch(r"[\s\d—\-－–]+", text):
                    continue  # the folio
                lines.append(text)
                sigs.append((text, y, tuple(round(c["x0"] * 2) / 2 for c in cs)))
            folio = None
            if index < len(labels) and labels[index].isdigit():
                folio = int(labels[index])
            pages.append(
                {
                    "index": index,
                    "folio": folio,
                    "flow": None,
                    "n": None,
                    "hash": _digest(sigs),
                    "text_hash": _digest(lines),
                    "text": "\n".join(lines),
                }
            )
    return pages


def _is_proof_colour(color) -> bool:
    if not color or len(color) != 3:
        return False
    return all(abs(a - b) < 0.02 for a, b in zip(color, PROOF_COLOR, strict=True))


def _outline_toc(reader, labels: list[str]) -> list[dict]:
    """TOC pages of a PDF without our metadata, from its bookmarks (one per document)."""
    rows: list[dict] = []

    def walk(items) -> None:
        for it in items:
            if isinstance(it, list):
                walk(it)
                continue
            try:
                index = reader.get_destination_page_number(it)
            except Exception:
                continue
            label = labels[index] if index < len(labels) else str(index + 1)
            rows.append(
                {"doc": None, "title": str(it.title), "page": int(label) if label.isdigit() else None}
            )

    try:
        walk(reader.outline)
    except Exception:
        return []
    return rows


# ---- comparing ------------------------------------------------------------------------------


@dataclass
class PageChange:
    kind: str  # "text", "position", "added", "removed"
    new: dict | None
    old: dict | None

    def describe(self, lang: str = "zh") -> str:
        en = lang.startswith("en")

        def page(fp: dict | None) -> str:
            if fp is None:
                return ""
            if fp.get("folio") is not None:
                return f"page {fp['folio']}" if en else f"第 {fp['folio']} 页"
            if fp.get("flow") == "":  # front matter: the cover with the TOC
                return (
                    f"cover/TOC (PDF page {fp['index'] + 1})"
                    if en
                    else f"封面目录页（PDF第 {fp['index'] + 1} 页）"
                )
            return f"PDF page {fp['index'] + 1}" if en else f"PDF第 {fp['index'] + 1} 页（无页码）"

        flow = (self.new or self.old or {}).get("flow") or ""
        where = (f" ({flow})" if en else f"（{flow}）") if flow else ""
        new_p, old_p = page(self.new), page(self.old)
        if self.kind == "added":
            return f"New {new_p}{where}" if en else f"{new_p}{where}：新增的页"
        if self.kind == "removed":
            return f"Old {old_p}{where} is gone" if en else f"原{old_p}{where}：已不存在"
        was = "" if new_p == old_p else (f", was {old_p}" if en else f"，原{old_p}")
        if self.kind == "text":
            return f"{new_p}{where}{was}: text changed" if en else f"{new_p}{where}{was}：文字有改动"
        return f"{new_p}{where}{was}: positions changed" if en else f"{new_p}{where}{was}：版面位置有变动"


@dataclass
class ProofDiff:
    changes: list[PageChange] = field(default_factory=list)
    toc_moved: list[dict] = field(default_factory=list)  # {"doc", "title", "old", "new"}
    renumbered: int = 0  # pages with the same content under a different folio

    def to_dict(self, lang: str = "zh") -> dict:
        return {
            "changed_pages": [
                {
                    "kind": c.kind,
                    "page": c.new.get("folio") if c.new else None,
                    "old_page": c.old.get("folio") if c.old else None,
                    "document": (c.new or c.old or {}).get("flow") or None,
                    "text": c.describe(lang),
                }
                for c in self.changes
            ],
            "toc_moved": self.toc_moved,
            "renumbered": self.renumbered,
        }


def _compare(old: dict, new: dict) -> PageChange | None:
    if old["hash"] == new["hash"]:
        return None
    return PageChange("text" if old["text_hash"] != new["text_hash"] else "position", new, old)


def diff_fingerprints(old: Sequence[dict], new: Sequence[dict], old_toc=(), new_toc=()) -> ProofDiff:
    """Pages whose content or position changed, and TOC entries whose page moved.

    Pages are paired by (document, n-th page of it) when both sides know their documents, so a
    document that grew a page does not make every later page look changed; otherwise (a PDF
    from elsewhere) by aligning the sequences of page contents.
    """
    result = ProofDiff()
    if all(p.get("flow") is not None for p in [*old, *new]):
        old_by = {(p["flow"], p["n"]): p for p in old}
        new_keys = set()
        for p in new:
            key = (p["flow"], p["n"])
            new_keys.add(key)
            o = old_by.get(key)
            if o is None:
                result.changes.append(PageChange("added", p, None))
                continue
            change = _compare(o, p)
            if change:
                result.changes.append(change)
            elif o.get("folio") != p.get("folio"):
                result.renumbered += 1
        result.changes += [PageChange("removed", None, o) for k, o in old_by.items() if k not in new_keys]
    else:
        a = [p["text_hash"] for p in old]
        b = [p["text_hash"] for p in new]
        sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                for o, p in zip(old[i1:i2], new[j1:j2], strict=True):
                    change = _compare(o, p)
                    if change:
                        result.changes.append(change)
                    elif o.get("folio") != p.get("folio"):
                        result.renumbered += 1
                continue
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                result.changes.append(PageChange("text", new[j1 + k], old[i1 + k]))
            result.changes += [PageChange("added", p, None) for p in new[j1 + pairs : j2]]
            result.changes += [PageChange("removed", None, o) for o in old[i1 + pairs : i2]]
    result.changes.sort(key=lambda c: (c.new or c.old or {}).get("index", 0) + (0 if c.new else 0.5))
    result.toc_moved = _toc_moves(old_toc, new_toc)
    return result


def _toc_moves(old_toc, new_toc) -> list[dict]:
    def key(row):
        return row.get("doc") or re.sub(r"\s+", "", row.get("title", ""))

    old_pages = {key(r): r.get("page") for r in old_toc}
    moved = []
    for r in new_toc:
        k = key(r)
        if k in old_pages and old_pages[k] != r.get("page"):
            moved.append(
                {"doc": r.get("doc"), "title": r.get("title"), "old": old_pages[k], "new": r.get("page")}
            )
    return moved


# ---- command line ---------------------------------------------------------------------------


def _load_new(path: str, template: str | None):
    from .compose import build_book
    from .importing import load_input

    issue = load_input(path)
    return issue, build_book(issue, template=template)


def _book_as_pdf_fingerprints(book: Book) -> list[dict]:
    from layout.pdf import write_pdf

    data = write_pdf(book)
    return pdf_fingerprints(data, prefer_metadata=False).pages


def run_diff(args) -> int:
    """`main.py diff OLD NEW`: OLD is a proof round of NEW or a PDF; NEW an issue or a PDF."""
    from .cli import say, ui_lang

    lang = ui_lang()
    old_arg, new_arg = str(args.old), str(args.new)
    template = getattr(args, "template", None)
    round_match = re.fullmatch(r"(?:r|round|第)?(\d+)(?:校)?", old_arg.strip(), re.IGNORECASE)
    new_is_pdf = new_arg.lower().endswith(".pdf")
    if round_match and not Path(old_arg).exists():
        if new_is_pdf:
            raise UserError(
                "按校次比较时，NEW 必须是期刊文件（.gazette），其中保存着各校次的指纹。",
                "To compare with a proof round, NEW must be the issue file (.gazette) that keeps the rounds.",
            )
        issue, book = _load_new(new_arg, template)
        rnd = int(round_match[1])
        record = next((p for p in issue.proofs if p.round == rnd), None)
        if record is None:
            have = "、".join(str(p.round) for p in issue.proofs) or "无"
            raise UserError(
                f"{new_arg} 中没有第 {rnd} 校的记录（已有校次：{have}）。请先用 build --proof 输出校样。",
                f"{new_arg} has no proof round {rnd} (rounds kept: {have}). Export a proof with build --proof first.",
            )
        old = Fingerprints(record.pages, record.toc, True, f"第{rnd}校")
        new = Fingerprints(book_fingerprints(book), toc_pages(issue, book), True, new_arg)
    else:
        old = pdf_fingerprints(_read_pdf_bytes(Path(old_arg)), old_arg)
        if new_is_pdf:
            new = pdf_fingerprints(_read_pdf_bytes(Path(new_arg)), new_arg, prefer_metadata=old.exact)
            if old.exact != new.exact:
                old = pdf_fingerprints(_read_pdf_bytes(Path(old_arg)), old_arg, prefer_metadata=False)
        else:
            issue, book = _load_new(new_arg, template)
            toc = toc_pages(issue, book)
            pages = book_fingerprints(book) if old.exact else _book_as_pdf_fingerprints(book)
            new = Fingerprints(pages, toc, old.exact, new_arg)
    result = diff_fingerprints(old.pages, new.pages, old.toc, new.toc)
    if getattr(args, "json", False):
        print(json.dumps(result.to_dict(lang), ensure_ascii=False, indent=1))
        return 0
    if not result.changes and not result.toc_moved:
        print(say("没有页面改动，目录页码也没有变化。", "No page changed and no TOC entry moved."))
    for c in result.changes:
        print(c.describe(lang))
    for m in result.toc_moved:
        print(
            say(
                f"目录：《{m['title']}》页码 {m['old']} → {m['new']}",
                f"TOC: “{m['title']}” page {m['old']} → {m['new']}",
            )
        )
    print(
        say(
            f"共 {len(result.changes)} 页需要重读，{len(result.toc_moved)} 条目录页码变化，{result.renumbered} 页仅页码变化。",
            f"{len(result.changes)} pages to re-read, {len(result.toc_moved)} TOC entries moved, "
            f"{result.renumbered} pages only renumbered.",
        )
    )
    return 0
