"""The annual index (年度总目录): every document of a year from the archive, set by our layout.

    python main.py annual-index YEAR [--db DB] [--gazette NAME] -o index.pdf [--html index.html]

Grouped by section (one flow each, so each section opens a page the index's own contents can
point at) and then by issuer; every entry names the issue and the printed page where the
document starts, the folio the issue's own layout gave it. The index is paginated on its own
(its folios start at 1, as GB/T 3179 asks of annual contents) and set with the template's
faces, so it goes to the printer like an issue. The same lists are written as an HTML page for
the e-edition.
"""

from __future__ import annotations

import os
from collections import defaultdict
from html import escape
from pathlib import Path

from layout.blocks import Flow, Front, Para, Publication, TocEntry, TocGroup
from layout.display import Ref

from .archive import Archive, Hit
from .errors import UserError
from .records import searchable

BY_ISSUER = "按发文机关分类"


def entry_text(h: Hit) -> str:
    """One index entry: title（发文字号） 第N期第P页 (the year is the index's) — the wording a test reads back."""
    number = f"（{h.doc_number}）" if h.doc_number else ""
    return f"{searchable(h.title)}{number} 第{h.number}期第{h.first_page}页"


def year_hits(arc: Archive, year: int, gazette: str | None = None) -> tuple[str, list[Hit]]:
    hits = arc.documents(year=year, gazette=gazette)
    names = sorted({h.gazette for h in hits})
    if not hits:
        raise UserError(
            f"档案库 {arc.where} 中没有 {year} 年的期刊。请先用 archive add 归档。",
            f"The archive {arc.where} holds no issue of {year}. Add them with archive add first.",
        )
    if len(names) > 1:
        raise UserError(
            f"档案库中 {year} 年有多种公报（{'、'.join(names)}）。请用 --gazette 指定一种。",
            f"The archive holds several gazettes for {year} ({', '.join(names)}). Choose one with --gazette.",
        )
    return names[0], hits


def grouped(hits: list[Hit]) -> tuple[dict[str, list[Hit]], dict[str, list[Hit]]]:
    """(by section in order of first appearance, by issuer sorted by name); entries in issue order."""
    sections: dict[str, list[Hit]] = defaultdict(list)
    issuers: dict[str, list[Hit]] = defaultdict(list)
    for h in hits:
        sections[h.section or "其他"].append(h)
        issuers[h.issuer or "其他"].append(h)
    return dict(sections), dict(sorted(issuers.items()))


def annual_publication(gazette: str, year: int, hits: list[Hit]) -> Publication:
    sections, issuers = grouped(hits)
    flows = []
    for i, (name, entries) in enumerate(sections.items(), 1):
        blocks = [Para("title", name, Ref(f"s{i}", "title"))]
        blocks += [Para("body", entry_text(h), Ref(f"s{i}", "block", k)) for k, h in enumerate(entries)]
        flows.append(Flow(f"s{i}", tuple(blocks), bookmark=name, group="按栏目分类"))
    blocks = [Para("title", BY_ISSUER, Ref("issuers", "title"))]
    for i, (issuer, entries) in enumerate(issuers.items()):
        blocks.append(Para("heading1", issuer, Ref("issuers", "heading", i)))
        blocks += [
            Para("body", entry_text(h), Ref("issuers", "block", len(blocks) + k))
            for k, h in enumerate(entries)
        ]
    flows.append(Flow("issuers", tuple(blocks), bookmark=BY_ISSUER, group=BY_ISSUER))
    numbers = sorted({h.number for h in hits})
    front = Front(
        masthead=gazette,
        periodicity="",
        issue_line=f"{year}年总目次",
        date_line=f"（{year}年第{numbers[0]}期至第{numbers[-1]}期，共{len(numbers)}期{len(hits)}篇）",
        toc=(
            TocGroup("按栏目分类", tuple(TocEntry(name, "", f"s{i}") for i, name in enumerate(sections, 1))),
            TocGroup(BY_ISSUER, (TocEntry(BY_ISSUER, "", "issuers"),)),
        ),
    )
    return Publication(
        title=f"{gazette} {year}年总目次",
        subject=f"{year}年总目次",
        author=gazette,
        running_head=f"{gazette}　{year}年总目次",
        front=front,
        flows=tuple(flows),
        first_folio=1,
    )


def annual_html(gazette: str, year: int, hits: list[Hit]) -> str:
    from .publish import page

    sections, issuers = grouped(hits)

    def table(entries: list[Hit]) -> str:
        rows = "".join(
            f"<tr><td>{escape(searchable(h.title))}</td><td>{escape(h.doc_number)}</td>"
            f"<td>第{h.number}期</td><td>{'' if h.first_page is None else h.first_page}</td></tr>"
            for h in entries
        )
        return (
            '<div class="table"><table><thead><tr><th>标题</th><th>发文字号</th><th>期</th><th>页码</th></tr>'
            f"</thead><tbody>{rows}</tbody></table></div>\n"
        )

    parts = [
        '<header class="masthead">\n'
        f'<p class="name">{escape(gazette)}</p>\n<p class="line">{year}年总目次</p>\n</header>\n<main>\n',
        f"<h1>{escape(gazette)}{year}年总目次</h1>\n<h2>按栏目分类</h2>\n",
    ]
    for name, entries in sections.items():
        parts.append(f"<h3>○{escape(name)}</h3>\n{table(entries)}")
    parts.append(f"<h2>{BY_ISSUER}</h2>\n")
    for name, entries in issuers.items():
        parts.append(f"<h3>{escape(name)}</h3>\n{table(entries)}")
    parts.append("</main>\n")
    return page(f"{gazette} {year}年总目次", "".join(parts))


def write_annual_index(
    year: int,
    out_pdf: str | os.PathLike,
    *,
    db: str | None = None,
    gazette: str | None = None,
    html: str | os.PathLike | None = None,
    template: str = "gazette-a4",
):
    """Lay out and write the year's index; returns the Book (for its page count and warnings)."""
    from layout.engine import typeset
    from layout.pdf import write_pdf
    from layout.template import load_template

    from .archive import open_archive
    from .publish import CSS

    with open_archive(db) as arc:
        name, hits = year_hits(arc, year, gazette)
    book = typeset(annual_publication(name, year, hits), load_template(template))
    outputs = {Path(out_pdf): write_pdf(book)}
    if html is not None:
        outputs[Path(html)] = annual_html(name, year, hits).encode()
        css = Path(html).parent / "style.css"
        if not css.exists():
            outputs[css] = CSS.encode()
    from .atomic import write_atomic

    for path, data in outputs.items():  # the one writer: whole old or whole new file, mode kept
        write_atomic(path, data, what=("年度索引", "annual index"))
    return book, len(hits)
