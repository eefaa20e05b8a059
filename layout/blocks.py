"""Layout input: neutral blocks with roles, grouped into flows, plus a front matter.

The layout library knows nothing of gazettes, sections or Word files. The editor maps an
issue onto these types (see editor/compose.py). All types are frozen and hashable so a
flow can be cached by value: an unchanged document is never laid out twice.

Roles of paragraphs (their look comes from the template): "banner", "doc-number",
"title", "recipients", "body", "heading1".."heading4", "signature", "date", "note",
"attachment", "attachment-title", "footnote", "cell" (table text), "masthead",
"issue-line", "date-line", "toc-heading", "toc-section", "toc-entry", "board".
"""

from __future__ import annotations

from dataclasses import dataclass

from .display import Ref


@dataclass(frozen=True)
class Para:
    """A paragraph of one role (GB/T 9704's names), with its inline marks."""

    role: str
    text: str
    key: Ref | None = None  # provenance for the editor: e.g. Ref("d3", "block", 12)
    # inline runs with meaning, (start, end, kind) over `text`: "sup"/"sub" are set smaller and
    # raised/lowered (5000m², CO₂); "b" (emphasis) is carried for the editor and not set differently
    marks: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class CellSpec:
    """A table cell's text and how many columns and rows it spans."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class TableBlock:
    """A table: rows of cells, the first `header_rows` repeated on each page."""

    rows: tuple[tuple[CellSpec, ...], ...]
    header_rows: int = 0
    key: Ref | None = None
    role: str = "table"


@dataclass(frozen=True)
class ImageBlock:
    """A picture in a flow, set at `width_mm` or its natural size."""

    data: bytes  # PNG or JPEG bytes
    width_mm: float | None = None  # None: natural size at 300 dpi, shrunk to the type area
    key: Ref | None = None
    role: str = "image"


Block = Para | TableBlock | ImageBlock


@dataclass(frozen=True)
class Flow:
    """A run of blocks that starts on a new page: one document of the issue."""

    id: str  # stable id, used by TOC entries and bookmarks
    blocks: tuple[Block, ...]
    bookmark: str = ""  # outline title; empty: no bookmark
    group: str = ""  # outline parent (a section name); flows with the same group nest under it

    def __hash__(self) -> int:
        """Remembered after the first call: a flow is part of the engine's cache key, looked up
        several times per build, and hashing it walks every block of the document."""
        got = self.__dict__.get("_hash")
        if got is None:
            got = hash((self.id, self.blocks, self.bookmark, self.group))
            object.__setattr__(self, "_hash", got)
        return got

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_hash", None)  # string hashes differ between processes
        return state


@dataclass(frozen=True)
class TocEntry:
    """A TOC line: the title, the document number and the flow whose page it prints."""

    title: str
    number: str  # document number shown in （…）, may be empty
    target: str  # Flow.id whose first page is printed at the end of the entry


@dataclass(frozen=True)
class TocGroup:
    """A section of the TOC (○name) and its entries."""

    name: str  # printed as ○name
    entries: tuple[TocEntry, ...]


@dataclass(frozen=True)
class BoardLine:
    """A line of the editorial board box: a label and its people or text."""

    label: str  # 编委会主任, 主办, 邮编 …
    values: tuple[str, ...]  # people, or one line of text


@dataclass(frozen=True)
class Front:
    """Cover page(s): masthead, issue lines, table of contents and the board box."""

    masthead: str  # 葫芦岛市人民政府公报
    periodicity: str  # 双月刊
    issue_line: str  # 2018年第2期（总第51期）
    date_line: str  # 2018年3月19日出版
    toc: tuple[TocGroup, ...]
    board_title: str = "编委会"
    board: tuple[BoardLine, ...] = ()


@dataclass(frozen=True)
class Publication:
    """Everything layout sets for an issue: metadata, the cover and the flows."""

    title: str  # PDF metadata title
    subject: str
    author: str
    running_head: str  # text of the running head on body pages, e.g. 葫芦岛市人民政府公报 2018年第2期
    front: Front
    flows: tuple[Flow, ...]
    first_folio: int = 1  # folio of the cover page
