"""The issue as the editorial office thinks of it: gazette, issue, sections, documents, board.

Qt-free and file-format-free on purpose: the GUI wraps it in thin item models and undo
commands that call the methods here, the importers fill it, `issue_file` stores it, and
`compose` turns it into layout input. Every mutation the GUI offers is a method here, so
an undo command is just a call and its inverse.
"""

from __future__ import annotations

import copy
import datetime as _dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from layout.errors import Notice


class Role(StrEnum):
    """What a body block is in an official document (GB/T 9704 terms)."""

    PARAGRAPH = "paragraph"
    HEADING1 = "heading1"  # 一、
    HEADING2 = "heading2"  # （一）
    HEADING3 = "heading3"  # 1.
    HEADING4 = "heading4"  # （1）
    TABLE = "table"
    IMAGE = "image"
    ATTACHMENT = "attachment"  # 附件：1. … (the attachment note under the body)
    SIGNATURE = "signature"  # 发文机关署名
    DATE = "date"  # 成文日期
    NOTE = "note"  # （此件公开发布）
    ATTACHMENT_TITLE = "attachment-title"  # title of the document attached to a 印发 notice


HEADING_ROLES = (Role.HEADING1, Role.HEADING2, Role.HEADING3, Role.HEADING4)
TEXT_ROLES = tuple(r for r in Role if r not in (Role.TABLE, Role.IMAGE))
DEFAULT_TEMPLATE = "gazette-a4"  # a new issue's template (the editor warms its fonts at start)


@dataclass
class Cell:
    """A table cell; cells covered by another cell's span are simply absent (HTML-style)."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    """A table block's rows of cells; `header_rows` repeat on every page it spans."""

    rows: list[list[Cell]] = field(default_factory=list)
    header_rows: int = 0  # repeated at the top of each page when the table is split

    def column_count(self) -> int:
        """Columns as the first row spans them; merged cells count with their span."""
        return max((sum(c.colspan for c in row) for row in self.rows), default=0)


@dataclass
class Block:
    """One body block. `text` for text roles, `table` for tables, `image` for images.

    `joins` are character offsets in `text` where the importer glued two pieces of a
    paragraph that a printed page break had split: proofreaders look at each one. `marks`
    keep what the source formatted with meaning inside the paragraph: superscripts (5000m²),
    subscripts (CO₂) and emphasis; they move with the text when it is edited.
    """

    role: Role = Role.PARAGRAPH
    text: str = ""
    table: Table | None = None
    image: str | None = None  # media name inside the issue file
    image_width_mm: float | None = None
    joins: list[int] = field(default_factory=list)
    # inline formatting with meaning, (start, end, kind) over `text`: "sup", "sub", "b" (emphasis)
    marks: list[tuple[int, int, str]] = field(default_factory=list)


def shift_marks(old: str, new: str, marks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Marks of `old` carried onto `new`, an edit of it: marks before the changed stretch stay,
    those after it move with the text, a mark inside it keeps only its untouched part."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old_end, delta = len(old) - end, len(new) - len(old)
    out = []
    for a, b, k in marks:
        if b <= start:
            out.append((a, b, k))
        elif a >= old_end:
            out.append((a + delta, b + delta, k))
        elif a < start:
            out.append((a, start, k))
    return out


@dataclass
class Source:
    """Where a document came from: the stored copy's name inside the issue file."""

    name: str  # e.g. "sources/d3-通知.docx"; empty when typed in the editor
    kind: str  # "txt", "docx", "issue-txt" (a page of a whole-issue text dump), "editor"
    original: str = ""  # the path the user imported from, for display only


DOCUMENT_FIELDS = ("issuer", "number", "title", "toc_title", "recipients")
"""A document's metadata fields, in the order they are printed and saved (one list for everyone)."""


@dataclass
class Document:
    """One document of the issue: its header fields, body blocks and where it came from."""

    id: str
    issuer: str = ""  # 发文机关标志, e.g. 葫芦岛市人民政府文件
    number: str = ""  # 发文字号, e.g. 葫政发〔2018〕4号
    title: str = ""
    toc_title: str = ""  # shorter title for the TOC; empty means the title
    recipients: str = ""  # 主送机关, ends with ：
    blocks: list[Block] = field(default_factory=list)
    source: Source | None = None
    source_page: int | None = None  # page printed in the source issue's TOC; comparison only
    footnotes: list[str] = field(default_factory=list)
    report: list[Notice] = field(default_factory=list)  # import report lines, shown to the user

    @property
    def shown_title(self) -> str:
        return self.toc_title or self.title

    def blocks_of(self, role: Role) -> list[Block]:
        return [b for b in self.blocks if b.role == role]


@dataclass
class Section:
    """A TOC section (栏目) and its documents, in order."""

    name: str
    documents: list[Document] = field(default_factory=list)


@dataclass
class BoardEntry:
    """One line of the editorial board: a role with people, or a label with one line of text."""

    label: str  # 编委会主任, 编委, 编辑, 主办, 出版, 编辑部地址, 邮编, 电话, 传真, …
    people: list[str] | None = None
    text: str | None = None

    @property
    def value(self) -> str:
        return "　".join(self.people) if self.people is not None else (self.text or "")


@dataclass
class Board:
    """The editorial board box (编委会): a title and its lines."""

    title: str = "编委会"
    entries: list[BoardEntry] = field(default_factory=list)

    def get(self, label: str) -> BoardEntry | None:
        return next((e for e in self.entries if e.label == label), None)


@dataclass
class Gazette:
    """The publication itself: its name, how often it appears and who sponsors it."""

    name: str = ""
    periodicity: str = "双月刊"
    sponsor: str = ""


@dataclass
class IgnoredFinding:
    """A proofreading finding the editor decided to ignore, with the reason they gave."""

    check: str
    location: str
    reason: str


@dataclass
class ProofRecord:
    """An exported proof's fingerprints, so the next proof can say which pages changed."""

    round: int
    date: str
    pages: list[dict] = field(default_factory=list)  # [{"folio": 3, "hash": "...", "text": "..."}]
    toc: list[dict] = field(default_factory=list)  # [{"doc": id, "title": ..., "page": 9}]


# Text the editor writes into an issue by itself prints in the gazette, so it is in the issue's
# language (Chinese), whatever language the editor's menus are in.
DEFAULT_SECTION_NAME = "市政府文件"
UNSORTED_SECTION_NAME = "未分类"
NEW_DOCUMENT_TITLE = "新文件"

PERIODS_PER_YEAR = {"月刊": 12, "双月刊": 6, "季刊": 4, "半月刊": 24, "半年刊": 2, "年刊": 1}


@dataclass
class Issue:
    """One issue of the gazette and everything in it; every change goes through a method."""

    gazette: Gazette = field(default_factory=Gazette)
    year: int = 0
    number: int = 1  # 年第N期
    cumulative: int = 1  # 总第N期
    date: _dt.date | None = None  # publication date
    first_page: int = 1  # folio of the cover; documents continue from it
    template: str = DEFAULT_TEMPLATE
    sections: list[Section] = field(default_factory=list)
    board: Board = field(default_factory=Board)
    ignored: list[IgnoredFinding] = field(default_factory=list)
    proofs: list[ProofRecord] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # stored sources and media by name
    notes: list[Notice] = field(default_factory=list)  # import notes about the issue as a whole

    # ---- lookup -------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return [d for s in self.sections for d in s.documents]

    def find(self, doc_id: str) -> tuple[int, int]:
        """(section index, document index) of a document, or KeyError."""
        for si, s in enumerate(self.sections):
            for di, d in enumerate(s.documents):
                if d.id == doc_id:
                    return si, di
        raise KeyError(doc_id)

    def document(self, doc_id: str) -> Document:
        si, di = self.find(doc_id)
        return self.sections[si].documents[di]

    def new_document_id(self) -> str:
        used = {d.id for d in self.documents()}
        return next(f"d{n}" for n in itertools.count(1) if f"d{n}" not in used)

    # ---- sections -----------------------------------------------------------------
    def add_section(self, name: str, index: int | None = None) -> Section:
        s = Section(name)
        self.sections.insert(len(self.sections) if index is None else index, s)
        return s

    def insert_section(self, index: int, section: Section) -> None:
        self.sections.insert(index, section)

    def remove_section(self, index: int) -> Section:
        return self.sections.pop(index)

    def rename_section(self, index: int, name: str) -> str:
        old, self.sections[index].name = self.sections[index].name, name
        return old

    def move_section(self, src: int, dst: int) -> None:
        """Move section `src` so that it ends up at index `dst`."""
        s = self.sections.pop(src)
        self.sections.insert(dst, s)

    # ---- documents ----------------------------------------------------------------
    def add_document(self, section: int, doc: Document, index: int | None = None) -> None:
        docs = self.sections[section].documents
        if not doc.id or any(d.id == doc.id for d in self.documents()):
            doc.id = self.new_document_id()
        docs.insert(len(docs) if index is None else index, doc)

    def repeat_documents(self, copies: int) -> None:
        """Every document `copies` times in its own section (ids d1x0, d1x1, …): the large issues
        the benchmarks and scale tests measure (ten copies ≈ 415 pages of the reference issue)."""
        for si, section in enumerate(self.sections):
            originals = list(section.documents)
            for k in range(copies - 1):
                for d in originals:
                    twin = copy.deepcopy(d)
                    twin.id = f"{d.id}x{k}"
                    self.add_document(si, twin)

    def remove_document(self, section: int, index: int) -> Document:
        return self.sections[section].documents.pop(index)

    def copy_document_from(self, other: Issue, doc_id: str) -> tuple[Document, dict[str, bytes]]:
        """A copy of another issue's document, ready to add here, with the stored files it needs.

        Nothing here changes; the caller adds the result (an undoable step in the GUI). Stored
        file names this issue already uses for other content are renamed in the copy.
        """
        import copy

        doc = copy.deepcopy(other.document(doc_id))
        doc.id = self.new_document_id()
        files: dict[str, bytes] = {}

        def carry(name: str) -> str:
            data = other.files.get(name)
            if not name or data is None:
                return name
            new, n = name, 1
            while new in self.files and self.files[new] != data:
                folder, _, base = name.rpartition("/")
                new = f"{folder}/{n}-{base}" if folder else f"{n}-{base}"
                n += 1
            files[new] = data
            return new

        for b in doc.blocks:
            if b.image:
                b.image = carry(b.image)
        if doc.source is not None and doc.source.name:
            doc.source.name = carry(doc.source.name)
        return doc, files

    def move_document(self, src_section: int, src_index: int, dst_section: int, dst_index: int) -> None:
        """Move a document; `dst_index` is its index in the destination after the move."""
        doc = self.sections[src_section].documents.pop(src_index)
        self.sections[dst_section].documents.insert(dst_index, doc)

    # ---- blocks -------------------------------------------------------------------
    def set_block_role(self, doc_id: str, index: int, role: Role) -> Role:
        b = self.document(doc_id).blocks[index]
        old, b.role = b.role, Role(role)
        return old

    def set_block_text(self, doc_id: str, index: int, text: str) -> str:
        b = self.document(doc_id).blocks[index]
        old, b.text = b.text, text
        if b.marks and old != text:
            b.marks = shift_marks(old, text, b.marks)
        return old

    def set_cell_text(self, doc_id: str, index: int, row: int, cell: int, text: str) -> str:
        """Set the text of one cell of the table at block `index`; returns the old text."""
        table = self.document(doc_id).blocks[index].table
        if table is None:
            raise ValueError(f"block {index} of {doc_id} is not a table")
        c = table.rows[row][cell]
        old, c.text = c.text, text
        return old

    def insert_block(self, doc_id: str, index: int, block: Block) -> None:
        self.document(doc_id).blocks.insert(index, block)

    def remove_block(self, doc_id: str, index: int) -> Block:
        return self.document(doc_id).blocks.pop(index)

    def set_document_field(self, doc_id: str, name: str, value: str) -> str:
        """Set one metadata field (issuer, number, title, toc_title, recipients)."""
        if name not in DOCUMENT_FIELDS:
            raise ValueError(name)
        d = self.document(doc_id)
        old = getattr(d, name)
        setattr(d, name, value)
        return old

    def set_texts(
        self, changes: list[tuple[str, str, int | None, str]]
    ) -> list[tuple[str, str, int | None, str]]:
        """Set many texts as one edit (find and replace across the issue).

        Each change is (document id, "block" or a field name, block index or None, new text).
        Returns the changes that undo it, in the order to apply them.
        """
        undo: list[tuple[str, str, int | None, str]] = []
        for doc_id, part, index, text in changes:
            if part == "block":
                if index is None:
                    raise ValueError("a block change needs its index")
                old = self.set_block_text(doc_id, index, text)
            else:
                old = self.set_document_field(doc_id, part, text)
            undo.append((doc_id, part, index, old))
        undo.reverse()
        return undo

    # ---- proofreading records ------------------------------------------------------
    def ignore(self, entry: IgnoredFinding, index: int | None = None) -> None:
        """Keep the editor's decision that a finding is fine (at `index` when undoing a removal)."""
        self.ignored.insert(len(self.ignored) if index is None else index, entry)

    def unignore(self, entry: IgnoredFinding) -> int:
        """Forget an ignore decision; returns where it was, for undo."""
        index = self.ignored.index(entry)
        del self.ignored[index]
        return index

    def next_proof_round(self) -> int:
        """The round after the last one kept (1 for the first proof)."""
        return max((p.round for p in self.proofs), default=0) + 1

    def record_proof(self, record: ProofRecord) -> list[ProofRecord]:
        """Keep a proof round's record, replacing an earlier one of the same round; returns the
        previous list (give it to `set_proofs` to undo)."""
        old = list(self.proofs)
        self.proofs = sorted(
            [p for p in self.proofs if p.round != record.round] + [record], key=lambda p: p.round
        )
        return old

    def set_proofs(self, records: list[ProofRecord]) -> list[ProofRecord]:
        """Replace the proof records as a whole (undo of `record_proof`); returns the previous list."""
        old, self.proofs = self.proofs, list(records)
        return old

    # ---- stored files ---------------------------------------------------------------
    def add_files(self, files: dict[str, bytes]) -> list[str]:
        """Store sources and media by name; returns the names that were new (remove those to undo)."""
        new = [name for name in files if name not in self.files]
        self.files.update(files)
        return new

    def remove_files(self, names: Iterable[str]) -> dict[str, bytes]:
        """Drop stored files; returns what was removed."""
        return {name: self.files.pop(name) for name in list(names) if name in self.files}

    def add_note(self, note: Notice, index: int | None = None) -> None:
        """A remark about the issue as a whole (what an import did that the editor should know)."""
        self.notes.insert(len(self.notes) if index is None else index, note)

    # ---- issue properties and board ----------------------------------------------
    ISSUE_PROPERTIES = ("year", "number", "cumulative", "date", "first_page", "template")
    GAZETTE_PROPERTIES = ("name", "periodicity", "sponsor")

    def set_property(self, name: str, value: object) -> object:
        """Set one issue property (year, number, …) or gazette field ("gazette.name"); returns the old value."""
        if name.startswith("gazette."):
            attr = name.removeprefix("gazette.")
            if attr not in self.GAZETTE_PROPERTIES:
                raise ValueError(name)
            old = getattr(self.gazette, attr)
            setattr(self.gazette, attr, value)
            return old
        if name not in self.ISSUE_PROPERTIES:
            raise ValueError(name)
        old = getattr(self, name)
        setattr(self, name, value)
        return old

    def set_board(self, board: Board) -> Board:
        """Replace the editorial board as a whole; returns the previous one (for undo)."""
        old, self.board = self.board, board
        return old

    # ---- issue to issue -----------------------------------------------------------
    def next_issue(self) -> Issue:
        """The following issue: numbers advanced, gazette, board, template and section names kept."""
        per_year = PERIODS_PER_YEAR.get(self.gazette.periodicity, 6)
        year, number = self.year, self.number + 1
        if number > per_year:
            year, number = year + 1, 1
        date = None
        if self.date is not None:
            months = 12 // per_year if per_year <= 12 else 0
            if months:
                m = self.date.month - 1 + months
                y = self.date.year + m // 12
                day = min(self.date.day, 28)
                date = _dt.date(y, m % 12 + 1, day)
            else:
                date = self.date + _dt.timedelta(days=365 // per_year)
        return Issue(
            gazette=Gazette(self.gazette.name, self.gazette.periodicity, self.gazette.sponsor),
            year=year,
            number=number,
            cumulative=self.cumulative + 1,
            date=date,
            first_page=self.first_page,
            template=self.template,
            sections=[Section(s.name) for s in self.sections],
            board=Board(
                self.board.title,
                [
                    BoardEntry(e.label, list(e.people) if e.people is not None else None, e.text)
                    for e in self.board.entries
                ],
            ),
        )
