"""Map an issue onto the layout library's neutral input.

This is the one place that knows both what a gazette is and what the layout library
accepts, so that layout/ stays ignorant of sections, boards and Word files. The result is
made of frozen values: a document whose blocks did not change composes to an equal Flow,
which is what lets the layout cache skip it.
"""

from __future__ import annotations

from collections.abc import Mapping

from layout.blocks import (
    BoardLine,
    CellSpec,
    Flow,
    Front,
    ImageBlock,
    Para,
    Publication,
    TableBlock,
    TocEntry,
    TocGroup,
)
from layout.display import Book, Ref
from layout.errors import Notice

from .images import picture_problem, picture_problems
from .model import Block, Document, Issue, Role

BODY_ROLE = {
    Role.PARAGRAPH: "body",
    Role.HEADING1: "heading1",
    Role.HEADING2: "heading2",
    Role.HEADING3: "heading3",
    Role.HEADING4: "heading4",
    Role.ATTACHMENT: "attachment",
    Role.SIGNATURE: "signature",
    Role.DATE: "date",
    Role.NOTE: "note",
    Role.ATTACHMENT_TITLE: "attachment-title",
}

HEADER_FIELDS = (
    ("issuer", "banner"),
    ("number", "doc-number"),
    ("title", "title"),
    ("recipients", "recipients"),
)


def issue_line(issue: Issue) -> str:
    return f"{issue.year}年第{issue.number}期（总第{issue.cumulative}期）"


def date_line(issue: Issue) -> str:
    d = issue.date
    return f"{d.year}年{d.month}月{d.day}日出版" if d else ""


def compose_block(doc: Document, index: int, block: Block, files: Mapping[str, bytes]):
    key = Ref(doc.id, "block", index)
    if block.role == Role.TABLE and block.table is not None:
        rows = tuple(tuple(CellSpec(c.text, c.colspan, c.rowspan) for c in row) for row in block.table.rows)
        return TableBlock(rows, block.table.header_rows, key)
    if block.role == Role.IMAGE:
        data = files.get(block.image or "")
        if data is None:  # a lost image is shown as its name, not silently dropped
            return Para("body", f"［图片缺失：{block.image}］", key)
        if picture_problem(data) is not None:  # damaged: a marked placeholder, named in the report
            return Para("body", f"［图片无法印刷：{block.image}］", key)
        return ImageBlock(data, block.image_width_mm, key)
    return Para(BODY_ROLE.get(block.role, "body"), block.text, key, tuple(block.marks))


def footnote_mark(n: int) -> str:
    """The importer marks note positions in the text with ①②…; the note repeats its mark."""
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"注{n}："


# The last flow composed for each (document id, section), under a signature of everything it
# was made from. An edit changes one document; recomposing the others made thousands of frozen
# Para/Ref values per edit on a large issue, and the engine then hashed and compared them all
# to find its cached layouts. A reused Flow is the same object, so that lookup is one pointer.
_FLOWS: dict[tuple[str, str], tuple[tuple, Flow]] = {}
_FLOWS_LIMIT = 1000  # documents remembered (a 50-fold issue has 400); beyond that it starts over
flows_composed = 0  # flows actually built by compose_flow (tests count them)


def _block_signature(block: Block, files: Mapping[str, bytes]) -> tuple:
    if block.table is not None and block.role == Role.TABLE:
        t = block.table
        return (
            block.role,
            t.header_rows,
            tuple(tuple((c.text, c.colspan, c.rowspan) for c in r) for r in t.rows),
        )
    if block.role == Role.IMAGE:
        return (block.role, block.image, block.image_width_mm, files.get(block.image or ""))
    return (block.role, block.text, tuple(block.marks))


def _signature(doc: Document, section: str, files: Mapping[str, bytes]) -> tuple:
    return (
        tuple(getattr(doc, name) for name, _ in HEADER_FIELDS),
        doc.shown_title,
        section,
        tuple(doc.footnotes),
        tuple([_block_signature(b, files) for b in doc.blocks]),
    )


def compose_flow(doc: Document, section: str, files: Mapping[str, bytes]) -> Flow:
    """The document as a layout Flow; the same Flow object as last time when nothing it is made
    of changed (compared by value, so a snapshot of the issue reuses it too)."""
    key = (doc.id, section)
    sig = _signature(doc, section, files)
    got = _FLOWS.get(key)
    if got is not None and got[0] == sig:
        return got[1]
    flow = _compose_flow(doc, section, files)
    if len(_FLOWS) >= _FLOWS_LIMIT:
        _FLOWS.clear()
    _FLOWS[key] = (sig, flow)
    return flow


def _compose_flow(doc: Document, section: str, files: Mapping[str, bytes]) -> Flow:
    global flows_composed
    flows_composed += 1
    blocks: list = [
        Para(role, getattr(doc, name), Ref(doc.id, name))
        for name, role in HEADER_FIELDS
        if getattr(doc, name)
    ]
    blocks += [compose_block(doc, i, b, files) for i, b in enumerate(doc.blocks)]
    blocks += [
        Para("footnote", f"注{i}：{t}", Ref(doc.id, "footnote", i)) for i, t in enumerate(doc.footnotes, 1)
    ]
    return Flow(doc.id, tuple(blocks), bookmark=doc.shown_title, group=section)


def compose_front(issue: Issue) -> Front:
    toc = tuple(
        TocGroup(s.name, tuple(TocEntry(d.shown_title, d.number, d.id) for d in s.documents))
        for s in issue.sections
    )
    board = tuple(
        BoardLine(e.label, tuple(e.people) if e.people is not None else ((e.text,) if e.text else ()))
        for e in issue.board.entries
    )
    return Front(
        masthead=issue.gazette.name,
        periodicity=issue.gazette.periodicity,
        issue_line=issue_line(issue),
        date_line=date_line(issue),
        toc=toc,
        board_title=issue.board.title,
        board=board,
    )


def compose(issue: Issue) -> Publication:
    name = issue.gazette.name
    flows = tuple(compose_flow(d, s.name, issue.files) for s in issue.sections for d in s.documents)
    return Publication(
        title=f"{name} {issue.year}年第{issue.number}期",
        subject=f"{issue.year}年第{issue.number}期（总第{issue.cumulative}期）",
        author=issue.gazette.sponsor or name,
        running_head=f"{name}　{issue.year}年第{issue.number}期",
        front=compose_front(issue),
        flows=flows,
        first_folio=issue.first_page,
    )


def _within_layout_budget(issue: Issue) -> None:
    """An issue far beyond any printed one is refused in one line before layout starts, instead
    of keeping the machine busy for many minutes."""
    from .bounds import MAX_LAYOUT_CHARS, MAX_TABLE_CELLS
    from .errors import UserError

    chars = 0
    for d in issue.documents():
        for b in d.blocks:
            if b.table is not None:
                cells = sum(len(r) for r in b.table.rows)
                if cells > MAX_TABLE_CELLS:
                    raise UserError(
                        f"“{d.shown_title}”中有一个表格有 {cells:,} 个单元格，超过排版上限 {MAX_TABLE_CELLS:,}。请拆分该表格。",
                        f"A table in “{d.shown_title}” has {cells:,} cells, more than the {MAX_TABLE_CELLS:,} one table "
                        "can be laid out with. Split the table.",
                    )
                chars += sum(len(c.text) for r in b.table.rows for c in r)
            else:
                chars += len(b.text)
    if chars > MAX_LAYOUT_CHARS:
        raise UserError(
            f"本期共有 {chars:,} 个字，超过一次排版的上限 {MAX_LAYOUT_CHARS:,}（约 1500 页）。请把内容分成几期。",
            f"The issue holds {chars:,} characters, more than the {MAX_LAYOUT_CHARS:,} (about 1,500 pages) one "
            "layout can take. Split the content into several issues.",
        )


def build_book(
    issue: Issue,
    *,
    template: str | None = None,
    fonts: Mapping[str, str] | None = None,
    cache=None,
    workers: int = 1,
    meanwhile=None,
) -> Book:
    """Lay out the issue with its template (or the one given) and any per-role font overrides;
    `workers` and `meanwhile` as for layout.engine.typeset (the command line's single-issue
    verbs use two workers)."""
    from layout.engine import typeset
    from layout.template import load_template

    _within_layout_budget(issue)
    tpl = load_template(template or issue.template)
    absent = []
    if fonts:
        from layout.fonts import find_face, installed_faces

        tpl = tpl.with_fonts(dict(fonts))
        catalog = installed_faces()
        absent = [(role, family) for role, family in fonts.items() if find_face(family, catalog) is None]
    book = typeset(compose(issue), tpl, cache=cache, workers=workers, meanwhile=meanwhile)
    for problem in picture_problems(issue):
        book.warnings.append(Notice(problem.message("zh"), problem.message("en")))
    for role, family in absent:  # the user named this font: say it is not used, and what is
        book.warnings.append(
            Notice(
                f"字体“{family}”未安装，{role} 改用模板中的后备字体。",
                f"Font '{family}' is not installed; {role} uses the template's fallback.",
            )
        )
    return book
