"""One issue as records: what the e-edition, issue.json, the archive and the annual index share.

A record is one document with the issue it appeared in, its metadata as the office wrote it,
its plain text, and the printed folios its pages carry in the laid-out issue. The folios come
from the same Book the print PDF is drawn from, so every page reference outside the print
(web pages, search hits, the annual index) names the page a reader finds on paper.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from layout.display import Book, GlyphRun
from layout.lazyre import lazy

from .model import Document, Issue, Role

# Line breaks inside titles are kept as spaces by the importers; between two Chinese characters
# such a space is layout, not text, and would stop a search for the words it separates.
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_LAYOUT_SPACE = lazy(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")


def searchable(text: str) -> str:
    """Text as the archive matches it: no white space next to Chinese characters or punctuation."""
    return _LAYOUT_SPACE.sub("", text)


@dataclass
class IssueInfo:
    """The issue an e-edition record belongs to."""

    gazette: str
    year: int
    number: int
    cumulative: int
    date: str  # publication date, ISO; empty when unknown
    periodicity: str = ""

    @classmethod
    def of(cls, issue: Issue) -> IssueInfo:
        date = issue.date.isoformat() if issue.date else ""
        return cls(
            issue.gazette.name, issue.year, issue.number, issue.cumulative, date, issue.gazette.periodicity
        )

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}期（总第{self.cumulative}期）"


@dataclass
class DocumentRecord:
    """One document's record in issue.json: what the e-edition and the annual index list."""

    doc_id: str
    section: str
    title: str
    doc_number: str
    issuer: str  # 发文机关 as signed; the 发文机关标志 without 文件 when there is no signature
    date: str  # 成文日期 as written
    first_page: int | None  # printed folios
    last_page: int | None
    text: str
    page_texts: list[tuple[int, str]] = field(default_factory=list)  # (folio, text set on that page)

    @property
    def pages_label(self) -> str:
        if self.first_page is None:
            return ""
        if self.last_page is None or self.last_page == self.first_page:
            return f"第{self.first_page}页"
        return f"第{self.first_page}—{self.last_page}页"


def issuer_of(doc: Document) -> str:
    signed = [b.text.strip() for b in doc.blocks_of(Role.SIGNATURE) if b.text.strip()]
    if signed:
        return signed[0]
    return doc.issuer.strip().removesuffix("文件").strip()


def written_date(doc: Document) -> str:
    dates = [b.text.strip() for b in doc.blocks_of(Role.DATE) if b.text.strip()]
    return dates[0] if dates else ""


def document_text(doc: Document) -> str:
    """The document's words in reading order, one block a line; table cells separated by tabs."""
    lines = [doc.issuer, doc.number, doc.title, doc.recipients]
    for b in doc.blocks:
        if b.role == Role.TABLE and b.table is not None:
            lines.extend("\t".join(c.text for c in row) for row in b.table.rows)
        elif b.role != Role.IMAGE:
            lines.append(b.text)
    lines.extend(f"注{i}：{t}" for i, t in enumerate(doc.footnotes, 1))
    return "\n".join(line for line in lines if line)


def page_spans(book: Book) -> dict[str, tuple[int, int]]:
    """Flow id -> (index of its first page, index of its last page) in the book."""
    spans: dict[str, tuple[int, int]] = {}
    for i, page in enumerate(book.pages):
        if page.flow:
            first = spans.get(page.flow, (i, i))[0]
            spans[page.flow] = (first, i)
    return spans


def _page_text(book: Book, index: int, doc_id: str) -> str:
    runs = [
        it
        for it in book.pages[index].items
        if isinstance(it, GlyphRun) and it.key is not None and it.key.flow == doc_id
    ]
    return "".join(r.text for r in runs)


def issue_records(issue: Issue, book: Book) -> list[DocumentRecord]:
    spans = page_spans(book)
    out = []
    for s in issue.sections:
        for d in s.documents:
            span = spans.get(d.id)
            first = last = None
            texts: list[tuple[int, str]] = []
            if span is not None:
                first, last = book.pages[span[0]].folio, book.pages[span[1]].folio
                for i in range(span[0], span[1] + 1):
                    folio = book.pages[i].folio
                    if folio is not None:
                        texts.append((folio, _page_text(book, i, d.id)))
            out.append(
                DocumentRecord(
                    d.id,
                    s.name,
                    d.title,
                    d.number,
                    issuer_of(d),
                    written_date(d),
                    first,
                    last,
                    document_text(d),
                    texts,
                )
            )
    return out


def record_json(info: IssueInfo, rec: DocumentRecord) -> dict:
    """One record of issue.json (resources/schema/issue-records.schema.json): a contract, extend only."""
    return {
        "gazette": info.gazette,
        "year": info.year,
        "number": info.number,
        "cumulative": info.cumulative,
        "issue_date": info.date or None,
        "section": rec.section,
        "title": rec.title,
        "doc_number": rec.doc_number,
        "issuer": rec.issuer,
        "date": rec.date,
        "pages": {"first": rec.first_page, "last": rec.last_page},
        "text": rec.text,
    }


def info_json(info: IssueInfo) -> dict:
    return asdict(info)
