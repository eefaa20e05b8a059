"""Page count for binding: the blank pages a print run needs, added where the template says.

A saddle-stitched issue (骑马钉) is folded sheets of four pages, so its page count must be a
multiple of 4; a perfect-bound one (胶订) needs an even count. The print build pads the Book
with blank pages before the back cover (封底) when the layout has one, else at the end; a
template with back_cover = "blank" gets a blank 封底 as the last page first. Blank pages
carry their folio only when the template says so (blank_folio). The screen PDF is not padded:
a reader on screen has no use for paper blanks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .display import BACK_COVER, Book, Page
from .template import Template

BLANK = "blank"  # Page.flow of a page added for binding


@dataclass(frozen=True)
class Padding:
    """What pad_for_binding did, for the build report."""

    binding: str
    pages_laid_out: int
    blank_pages: int  # blanks added before the back cover (or at the end)
    blank_back_cover: bool  # a blank 封底 was added as the last page
    pages: int  # the print file's page count

    def as_report(self) -> dict:
        return {
            "binding": self.binding,
            "pages_laid_out": self.pages_laid_out,
            "blank_pages_added": self.blank_pages + int(self.blank_back_cover),
            "blank_back_cover": self.blank_back_cover,
            "pages": self.pages,
        }


def multiple_for(binding: str) -> int:
    return {"saddle": 4, "perfect": 2}.get(binding, 1)


def _folio_maker(tpl: Template):
    """Folio items for a page number, set like every other folio (same faces, same place)."""
    from .engine import LayoutCache, _folio

    cache = LayoutCache()
    fonts = cache.fontbook(tpl)
    measure = cache.measure(fonts)
    return (lambda folio: list(_folio(tpl, measure, {}, folio))), dict(getattr(fonts, "faces", {}))


def pad_for_binding(book: Book, tpl: Template) -> tuple[Book, Padding]:
    """A Book whose page count suits the template's binding, and what was added."""
    press = tpl.press
    pages = list(book.pages)
    laid_out = len(pages)
    w, h = book.trim
    back_blank = press.back_cover == "blank" and not (pages and pages[-1].flow == BACK_COVER)
    if back_blank:
        pages.append(Page(w, h, [], None, "", BACK_COVER))
    at = len(pages) - 1 if pages and pages[-1].flow == BACK_COVER else len(pages)
    count = (-len(pages)) % multiple_for(press.binding)
    faces = dict(book.faces)
    make_folio = None
    if count and press.blank_folio:
        make_folio, more = _folio_maker(tpl)
        faces = {**more, **faces}
    prev = next((p.folio for p in reversed(pages[:at]) if p.folio is not None), None)
    prev = prev if prev is not None else at
    blanks = []
    for i in range(count):
        folio = prev + 1 + i
        items = make_folio(folio) if make_folio is not None else []
        blanks.append(Page(w, h, items, folio if items else None, str(folio), BLANK))
    pages[at:at] = blanks
    if pages[-1].flow == BACK_COVER and not pages[-1].label:
        pages[-1] = replace(pages[-1], label=str(prev + count + 1))
    padded = replace(book, pages=pages, faces=faces)
    return padded, Padding(press.binding, laid_out, count, back_blank, len(pages))
