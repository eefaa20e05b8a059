"""Incremental preflight for the editor: re-check only what changed.

Typing changes one document; re-running every content check over a 400-page issue after each
pause costs half a second. `CheckCache` keeps each document's content findings under a
fingerprint of that document (its fields, blocks and the issue properties the checks read) and
re-checks a document only when the fingerprint differs. The few checks that compare documents
with each other (duplicate numbers, issuer codes per section, note forms, empty sections) run
over the whole issue every time; they read little and are quick. A check not known to be
per-document is treated as issue-wide, so a new check is always right, only not incremental.

Layout findings depend only on the laid-out Book: they are computed once per Book, and the
per-page scans behind them (and behind the index from paragraph keys to pages, which places
content findings on their pages) are reused for every page a relayout left unchanged
(`layout_checks.PageMemo`).

Qt-free; the GUI runs it in a worker thread over a snapshot (`snapshot`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable

from . import content_checks as cc
from .findings import Finding, sort_findings
from .layout_checks import PageMemo, check_layout, place_on_pages
from .model import Issue, Section

PER_DOCUMENT: tuple[Callable[[Issue], Iterable[Finding]], ...] = tuple(
    fn
    for fn in (
        getattr(cc, name, None)
        for name in (
            "check_dates",
            "check_halfwidth_punctuation",
            "check_balanced",
            "check_doubled_punctuation",
            "check_spaces",
            "check_toc_titles",
            "check_heading_sequence",
            "check_signature_and_date",
            "check_import_joins",
        )
    )
    if fn is not None
)


def _copy(obj):
    """A one-level copy of a plain dataclass instance, several times faster than copy.copy."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__)
    return new


def snapshot(issue: Issue) -> Issue:
    """A copy the checks and the layout can read in another thread while the user edits the original.

    Documents and blocks are copied one level deep (the model replaces a block's text, table
    or list values, it does not edit them in place), which is cheap even for 8000 blocks.
    """
    out = _copy(issue)
    out.sections = []
    for s in issue.sections:
        docs = []
        for d in s.documents:
            doc = _copy(d)
            doc.blocks = [_copy(b) for b in d.blocks]
            docs.append(doc)
        out.sections.append(Section(s.name, docs))
    out.ignored = list(issue.ignored)
    out.proofs = list(issue.proofs)
    out.files = dict(issue.files)
    return out


def _fingerprint(issue: Issue, doc) -> tuple:
    blocks = tuple((b.role, b.text, b.image, id(b.table), tuple(b.joins)) for b in doc.blocks)
    return (
        doc.issuer,
        doc.number,
        doc.title,
        doc.toc_title,
        doc.recipients,
        issue.date,
        issue.year,
        blocks,
    )


class CheckCache:
    """Content findings per document fingerprint; layout findings and page index per Book."""

    def __init__(self) -> None:
        self._docs: dict[str, tuple[tuple, list[Finding]]] = {}
        self._book: object = None
        self._layout: list[Finding] = []
        self._pages = PageMemo()  # per-page scans: a keystroke re-scans the edited pages only
        self.rechecked: list[str] = []  # ids of the documents the last run had to check again

    def content(self, issue: Issue) -> list[Finding]:
        out: list[Finding] = []
        per_doc = set(PER_DOCUMENT)
        self.rechecked = []
        alive: dict[str, tuple[tuple, list[Finding]]] = {}
        for doc in issue.documents():
            fp = _fingerprint(issue, doc)
            got = self._docs.get(doc.id)
            if got is None or got[0] != fp:
                alone = copy.copy(issue)
                alone.sections = [Section("", [doc])]
                found: list[Finding] = []
                for fn in PER_DOCUMENT:
                    found.extend(fn(alone))
                got = (fp, found)
                self.rechecked.append(doc.id)
            alive[doc.id] = got
            out.extend(got[1])
        self._docs = alive
        for fn in cc.CONTENT_CHECKS:
            if fn not in per_doc:
                out.extend(fn(issue))
        return out

    def layout(self, issue: Issue, book) -> list[Finding]:
        if book is not self._book:
            self._layout = check_layout(issue, book, self._pages)
            self._book = book
        return list(self._layout)

    def check(self, issue: Issue, book=None) -> list[Finding]:
        """Content and layout findings, placed on pages and sorted, as the panel shows them."""
        findings = self.content(issue)
        if book is not None:
            try:
                place_on_pages(findings, book, self._pages)
                findings += self.layout(issue, book)
            except (KeyError, IndexError):
                pass  # a book from before a structural edit: content findings are still right
        return sort_findings(findings, issue)
