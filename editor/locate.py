"""The one translation between layout provenance (`layout.display.Ref`) and editor places.

compose.py (the body) and layout/front.py (the cover and TOC) produce the references; the
checks, the proof marks, the CLI report, the proof view's clicks and the document editor all
come through here to learn which document, field, paragraph or footnote a piece of print
belongs to, and back.
"""

from __future__ import annotations

from layout.display import FRONT, Book, Ref

from .compose import HEADER_FIELDS
from .findings import Location

# Ref parts of a document's header, as composed; they are Document field names too.
HEADER_PARTS = frozenset(name for name, _role in HEADER_FIELDS)


def document_of(ref: Ref | None) -> str | None:
    """The document id a reference belongs to (a TOC entry belongs to its document), else None."""
    if ref is None or ref.flow == FRONT:
        return None
    return ref.flow


def is_board(ref: Ref | None) -> bool:
    """Text of the editorial-board box on the cover."""
    return ref is not None and ref.flow == FRONT and ref.part in ("board", "board-title")


def location_of(
    ref: Ref | None, page: int | None = None, book: Book | None = None, offset: int | None = None
) -> Location:
    """Where the printed text of `ref` is edited; with the page (and its folio) when given."""
    folio = book.pages[page].folio if book is not None and page is not None else None
    doc = document_of(ref)
    if ref is None or doc is None:
        return Location(page=page, folio=folio)
    if ref.part == "toc":
        return Location(doc, "toc_title", page=page, folio=folio)
    if ref.part == "block":
        return Location(doc, "block", ref.index, offset, page=page, folio=folio)
    if ref.part == "footnote":
        return Location(doc, f"footnote{ref.index}", None, offset, page=page, folio=folio)
    return Location(doc, ref.part, None, offset, page=page, folio=folio)


def ref_of(loc: Location) -> Ref | None:
    """The reference whose print shows `loc`, or None for places that print as a whole."""
    if not loc.doc:
        return None
    if loc.part == "block":
        return Ref(loc.doc, "block", loc.block) if loc.block is not None else None
    if loc.part == "toc_title":
        return Ref(loc.doc, "toc")
    if loc.part.startswith("footnote") and loc.part[len("footnote") :].isdigit():
        return Ref(loc.doc, "footnote", int(loc.part[len("footnote") :]))
    if loc.part in HEADER_PARTS:
        return Ref(loc.doc, loc.part)
    return None
