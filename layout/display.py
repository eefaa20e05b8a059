"""Layout output: the display list that both the PDF writer and the Qt preview draw.

Coordinates are PostScript points with the origin at the top-left corner of the trimmed
page and y growing downwards (the Qt convention; the PDF writer flips). Text positions are
final: justification, punctuation compression and Western spacing are already applied, so
a backend only places each character at its x.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import Notice

if TYPE_CHECKING:
    from .template import Template

FRONT = ""  # Ref.flow of the front matter: cover, TOC heading, board


@dataclass(frozen=True, slots=True)
class Ref:
    """Where a piece of displayed text came from (provenance), typed and frozen.

    `flow` is a Flow.id, or FRONT for the front matter. `part` names the part and `index`
    numbers it where there are several. The producers (the editor's compose for the body,
    front.py for the cover and TOC) choose the parts; layout only carries them:
      body   ("block", i)  ("issuer"|"number"|"title"|"recipients")  ("footnote", n)
      front  ("masthead") ("periodicity") ("issue") ("date") ("toc-heading") ("toc-group", i)
             ("board-title") ("board", i); a TOC entry is Ref(target flow, "toc")
    """

    flow: str
    part: str
    index: int | None = None

    def __reduce__(self) -> tuple:
        """Pickled as a constructor call: the frozen slots dataclass's own state setter looks up
        its fields per object, which was half of unpickling a kept build's glyph runs."""
        return Ref, (self.flow, self.part, self.index)


@dataclass(frozen=True)
class FaceRef:
    """A font face as found on disk; `id` is what glyph runs refer to."""

    id: str  # short stable name, e.g. "NotoSerifCJKsc-Regular"
    path: str
    index: int = 0  # face index inside a .ttc/.otc collection
    family: str = ""
    cff: bool = False  # CFF outlines: the PDF writer converts used glyphs to TrueType


@dataclass(frozen=True)
class GlyphRun:
    """Characters of one face and size on one baseline, each at its own x."""

    x: tuple[float, ...]  # x of each character's origin
    y: float  # baseline
    text: str  # one character per entry of x
    face: str  # FaceRef.id
    size: float
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)  # RGB 0..1
    key: Ref | None = None  # Para.key of the block the text came from


@dataclass(frozen=True)
class Rule:
    """A stroked line from (x0, y0) to (x1, y1): the cover's rules, table borders, the note's rule."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.5
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Box:
    """A stroked (and optionally filled) rectangle: table cells, the board box."""

    x: float
    y: float
    w: float
    h: float
    stroke: float = 0.5
    fill: tuple[float, float, float] | None = None


@dataclass(frozen=True)
class Picture:
    """An image drawn into the box (x, y, w, h); `data` is the PNG or JPEG file."""

    x: float
    y: float
    w: float
    h: float
    data: bytes
    key: Ref | None = None


@dataclass(frozen=True)
class Link:
    """A clickable area leading to another page (TOC entries)."""

    x: float
    y: float
    w: float
    h: float
    page: int  # index into Book.pages


Item = GlyphRun | Rule | Box | Picture | Link


@dataclass
class Page:
    """One laid-out page: its size, what is drawn on it, and its folio and label."""

    width: float
    height: float
    items: list[Item] = field(default_factory=list)
    folio: int | None = None  # printed page number; None on a page that shows none
    label: str = ""  # page label in the PDF, equal to the folio as text
    flow: str = ""  # Flow.id the page belongs to; "" for front matter; BACK_COVER for 封底


BACK_COVER = "back-cover"  # Page.flow of the back cover (the editorial board there, or blank for print)


@dataclass(frozen=True)
class OutlineEntry:
    """A PDF bookmark: a section (level 0) or a document under it (level 1)."""

    title: str
    page: int  # index into Book.pages
    level: int  # 0 for groups (sections), 1 for flows nested under a group


@dataclass(frozen=True)
class MissingChar:
    """A character no face of its role's chain has; it is reported, never drawn as a box."""

    page: int  # index into Book.pages
    key: Ref | None
    char: str


@dataclass(frozen=True)
class TocLine:
    """One TOC entry as the engine set it: what it points to and the page number it printed."""

    target: str  # Flow.id
    group: str  # the TOC group (section) it is listed under
    title: str
    number: str  # document number, "" if none
    folio: int | None  # the page number printed in the TOC
    page: int | None  # index into Book.pages where the target starts
    toc_page: int | None  # index into Book.pages of the TOC page that prints the entry


@dataclass
class Book:
    """The laid-out issue: pages, the faces they use, bookmarks, the TOC as set and warnings."""

    pages: list[Page]
    faces: dict[str, FaceRef]
    outline: list[OutlineEntry] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)  # Flow.id -> index of its first page
    title: str = ""
    subject: str = ""
    author: str = ""
    trim: tuple[float, float] = (595.2756, 841.8898)  # trimmed page size in pt
    missing: list[MissingChar] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    passes: int = 1  # fixpoint passes the TOC needed
    template: Template | None = None  # the template the book was set with (type area, styles)
    toc: list[TocLine] = field(default_factory=list)  # TOC entries in order, with their pages
