"""Page fingerprints: what is on each page of a Book, as comparable hashes and text.

Each exported proof leaves these in the issue (ProofRecord) and in the proof PDF's
metadata; the next round compares against them (`proof_diff`) so proofreaders re-read only
the pages that changed, not the whole issue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from layout.digest import sha1
from layout.display import Book, GlyphRun, Link, Page, Picture, Rule

from .model import Issue, ProofRecord

PROOF_COLOR = (0.86, 0.08, 0.08)  # proof marks only: a PDF fingerprint drops this colour
LISTING_TITLE = "校样问题清单"  # the title of a proof's listing pages, which are not the issue


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
            sha1(item.data).hexdigest(),
        )
    if isinstance(item, Link):
        return None  # a link's target page index moves with every page added before it
    if isinstance(item, Rule) and item.color == PROOF_COLOR:
        return None
    return (type(item).__name__,) + tuple(
        round(v, 1) if isinstance(v, float) else v for v in vars(item).values()
    )


def digest(parts: Iterable) -> str:
    return sha1(repr(list(parts)).encode("utf-8")).hexdigest()[:16]


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
                "hash": digest(sigs),
                "text_hash": digest(lines),
                "text": "\n".join(lines),
            }
        )
    return out


def toc_pages(issue: Issue, book: Book) -> list[dict]:
    """The TOC rows kept with a proof round: the book's own TOC (layout computed it)."""
    return [{"doc": t.target, "title": t.title, "page": t.folio} for t in book.toc]


def record_proof(issue: Issue, book: Book, round: int, date: str) -> ProofRecord:
    """Keep this proof's fingerprints in the issue (replacing an earlier export of the same round)."""
    record = proof_record(issue, book, round, date)
    issue.record_proof(record)
    return record


def proof_record(issue: Issue, book: Book, round: int, date: str) -> ProofRecord:
    """A proof round's fingerprints, not yet kept anywhere."""
    return ProofRecord(round=round, date=date, pages=book_fingerprints(book), toc=toc_pages(issue, book))


@dataclass
class Fingerprints:
    """A round's pages and TOC entries as comparable fingerprints."""

    pages: list[dict]
    toc: list[dict]
    exact: bool  # from our metadata (display-list hashes) rather than re-extracted from the PDF
    label: str = ""
    reader: str = ""  # how a PDF's pages were read back: "content" or "pdfium" (see proof_pdf)
