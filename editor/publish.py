"""The electronic edition: a static site made from the same layout as the print.

    python main.py publish ISSUE -o SITE/

SITE/index.html      the issue: masthead, 年第N期（总第N期）, date, TOC by section with printed pages
SITE/docs/ID.html    one page per document: metadata, body, printed page range, link to its PDF pages
SITE/docs/ID.pdf     the document's pages cut from the whole-issue PDF (same folios and page labels)
SITE/issue.pdf       the whole issue as printed
SITE/issue.json      one record per document (resources/schema/issue-records.schema.json)
SITE/style.css       responsive, no JavaScript; SITE/media/ images of the documents

The site is written into a temporary folder beside SITE and moved into place at the end, so an
interrupted publish never leaves half a site where the web team picks it up.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

from layout.display import Book

from .compose import date_line, footnote_mark, issue_line
from .errors import UserError
from .model import Block, Document, Issue, Role
from .records import DocumentRecord, IssueInfo, issue_records, page_spans, record_json, searchable

shown = searchable  # a title's line breaks (spaces between Chinese characters) are not shown on the web

SITE_MARK = "issue.json"  # a folder holding this is an e-edition we may replace

CSS = """\
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  line-height: 1.8; color: #1a1a1a; background: #fbfaf7; font-size: 17px; }
header.masthead { background: #a4161a; color: #fff; padding: 1rem; text-align: center; }
header.masthead a { color: #fff; text-decoration: none; }
header.masthead .name { font-size: 1.6rem; font-weight: bold; letter-spacing: .1em; margin: 0; }
header.masthead .line { margin: .2rem 0 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; background: #fff; }
h1 { font-size: 1.35rem; text-align: center; line-height: 1.5; }
h2 { font-size: 1.15rem; }
h3, h4, h5 { font-size: 1rem; }
p { margin: .4rem 0; text-indent: 2em; }
p.flush, p.signature, p.date, p.note, p.banner, p.doc-number, p.recipients { text-indent: 0; }
p.banner { color: #a4161a; text-align: center; font-size: 1.3rem; font-weight: bold; }
p.doc-number { text-align: center; }
p.signature, p.date { text-align: right; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0;
  padding: .6rem; background: #f3f1ec; border-radius: 4px; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
ol.toc { list-style: none; padding: 0; margin: 0 0 1rem; }
ol.toc li { display: flex; gap: .5rem; padding: .35rem 0; border-bottom: 1px dotted #bbb; }
ol.toc li .entry { flex: 1; }
ol.toc .number { display: block; font-size: .9rem; }
ol.toc .page { white-space: nowrap; }
.number { color: #555; }
.table { overflow-x: auto; margin: .6rem 0; }
table { border-collapse: collapse; min-width: 100%; font-size: .9rem; }
td, th { border: 1px solid #888; padding: .2rem .4rem; vertical-align: top; }
img { max-width: 100%; height: auto; }
figure { margin: .6rem 0; text-align: center; }
aside.footnotes { border-top: 1px solid #ccc; margin-top: 1rem; font-size: .9rem; }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin: 1.5rem 0 .5rem; }
footer { max-width: 46rem; margin: 0 auto; padding: 1rem; font-size: .85rem; color: #555; }
a { color: #0b4f8a; }
@media (max-width: 30rem) {
  body { font-size: 16px; }
  main { padding: .6rem; }
  header.masthead .name { font-size: 1.3rem; }
}
"""


def page(title: str, body: str, *, css: str = "style.css", lang: str = "zh-CN") -> str:
    """A complete HTML5 document (what every page of the e-edition is wrapped in)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<link rel="icon" href="data:,">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{escape(css)}">\n'
        "</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def masthead(info: IssueInfo, home: str, *, line: str | None = None) -> str:
    shown = info.label if line is None else line
    return (
        '<header class="masthead">\n'
        f'<p class="name"><a href="{escape(home)}">{escape(info.gazette)}</a></p>\n'
        f'<p class="line">{escape(shown)}</p>\n</header>\n'
    )


# ---- document pages ------------------------------------------------------------------------


MARK_TAG = {"sup": "sup", "sub": "sub", "b": "strong"}


def _inline(text: str, footnotes: int, marks: Sequence[tuple[int, int, str]] = ()) -> str:
    """Escape text; the importer's note marks ①② become superscript links to the notes, and the
    block's inline marks (5000m², CO₂, emphasis) keep their meaning as <sup>, <sub>, <strong>."""
    kinds: list[tuple[str, ...]] = [()] * len(text)
    for a, b, kind in marks:
        if kind in MARK_TAG:
            for k in range(max(0, a), min(b, len(text))):
                kinds[k] = (*kinds[k], MARK_TAG[kind])
    out: list[str] = []
    open_tags: tuple[str, ...] = ()
    for ch, tags in zip(text, kinds, strict=True):
        if tags != open_tags:  # close what was open, open what this character needs
            out.extend(f"</{t}>" for t in reversed(open_tags))
            out.extend(f"<{t}>" for t in tags)
            open_tags = tags
        n = ord(ch) - 0x2460 + 1
        if 1 <= n <= footnotes:
            out.append(f'<sup><a href="#fn{n}" id="ref{n}">{escape(ch)}</a></sup>')
        else:
            out.append(escape(ch))
    out.extend(f"</{t}>" for t in reversed(open_tags))
    return "".join(out)


HEADING_TAG = {Role.HEADING1: "h2", Role.HEADING2: "h3", Role.HEADING3: "h4", Role.HEADING4: "h5"}
CLASS = {
    Role.SIGNATURE: "signature",
    Role.DATE: "date",
    Role.NOTE: "note",
    Role.ATTACHMENT: "flush attachment",
}


def _table_html(block: Block) -> str:
    table = block.table
    if table is None:
        return ""
    rows = []
    for r, row in enumerate(table.rows):
        tag = "th" if r < table.header_rows else "td"
        cells = []
        for c in row:
            span = (f' colspan="{c.colspan}"' if c.colspan > 1 else "") + (
                f' rowspan="{c.rowspan}"' if c.rowspan > 1 else ""
            )
            cells.append(f"<{tag}{span}>{escape(c.text)}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head, body = rows[: table.header_rows], rows[table.header_rows :]
    parts = ['<div class="table"><table>']
    if head:
        parts.append("<thead>" + "".join(head) + "</thead>")
    if body:
        parts.append("<tbody>" + "".join(body) + "</tbody>")
    parts.append("</table></div>")
    return "".join(parts)


def media_name(name: str) -> str:
    """A stored media name ("media/3.png") as a file name in SITE/media."""
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def body_html(doc: Document, files: dict[str, bytes], media_prefix: str) -> str:
    notes = len(doc.footnotes)
    out = []
    if doc.recipients:
        out.append(f'<p class="recipients">{escape(doc.recipients)}</p>')
    for b in doc.blocks:
        if b.role == Role.TABLE:
            out.append(_table_html(b))
        elif b.role == Role.IMAGE:
            if b.image and b.image in files:
                src = media_prefix + media_name(b.image)
                out.append(
                    f'<figure><img src="{escape(src)}" alt="{escape(doc.shown_title)}：图片"></figure>'
                )
            else:
                out.append(f'<p class="flush">［图片缺失：{escape(b.image or "")}］</p>')
        elif b.role in HEADING_TAG:
            tag = HEADING_TAG[b.role]
            out.append(f"<{tag}>{_inline(b.text, notes, b.marks)}</{tag}>")
        elif b.role == Role.ATTACHMENT_TITLE:
            out.append(f'<h2 class="attachment-title">{_inline(b.text, notes, b.marks)}</h2>')
        else:
            cls = CLASS.get(b.role)
            attr = f' class="{cls}"' if cls else ""
            out.append(f"<p{attr}>{_inline(b.text, notes, b.marks)}</p>")
    if doc.footnotes:
        items = "".join(
            f'<li id="fn{i}">{escape(footnote_mark(i))} {escape(t)} <a href="#ref{i}">↩</a></li>'
            for i, t in enumerate(doc.footnotes, 1)
        )
        out.append(f'<aside class="footnotes"><h2>注释</h2><ol>{items}</ol></aside>')
    return "\n".join(out) + "\n"


def document_page(
    info: IssueInfo, doc: Document, rec: DocumentRecord, files: dict[str, bytes], prev_next
) -> str:
    meta = [("发文字号", rec.doc_number), ("发文机关", rec.issuer), ("成文日期", rec.date)]
    meta.append(("栏目", rec.section))
    meta.append(("印刷版页码", rec.pages_label))
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in meta if v)
    parts = [masthead(info, "../index.html"), "<main>\n<article>\n"]
    if doc.issuer:
        parts.append(f'<p class="banner">{escape(doc.issuer)}</p>\n')
    if doc.number:
        parts.append(f'<p class="doc-number">{escape(doc.number)}</p>\n')
    parts.append(f"<h1>{escape(shown(doc.title or doc.shown_title))}</h1>\n")
    parts.append(f'<dl class="meta">{dl}</dl>\n')
    if rec.first_page is not None:
        parts.append(
            f'<p class="flush"><a href="{escape(doc.id)}.pdf">下载本文 PDF（{escape(rec.pages_label)}，'
            "与印刷版相同）</a></p>\n"
        )
    parts.append(body_html(doc, files, "../media/"))
    parts.append("</article>\n")
    prev, nxt = prev_next
    links = []
    links.append(
        f'<a href="{escape(prev.doc_id)}.html">上一篇：{escape(shown(prev.title))}</a>'
        if prev
        else "<span></span>"
    )
    links.append(
        f'<a href="{escape(nxt.doc_id)}.html">下一篇：{escape(shown(nxt.title))}</a>'
        if nxt
        else "<span></span>"
    )
    parts.append('<nav class="pager">' + "".join(links) + "</nav>\n</main>\n")
    parts.append(
        '<footer><a href="../index.html">返回本期目录</a>　<a href="../issue.pdf">整期 PDF</a></footer>\n'
    )
    return page(f"{shown(doc.shown_title)} - {info.gazette} {info.label}", "".join(parts), css="../style.css")


# ---- issue page ----------------------------------------------------------------------------


def issue_page(issue: Issue, info: IssueInfo, records: list[DocumentRecord]) -> str:
    by_id = {r.doc_id: r for r in records}
    parts = [masthead(info, "index.html"), "<main>\n"]
    parts.append(f"<h1>{escape(info.gazette)}</h1>\n")
    lines = [f"（{issue.gazette.periodicity}）" if issue.gazette.periodicity else "", issue_line(issue)]
    lines.append(date_line(issue))
    parts.append("".join(f'<p class="flush" style="text-align:center">{escape(x)}</p>\n' for x in lines if x))
    parts.append('<h2 style="text-align:center">目　录</h2>\n')
    for s in issue.sections:
        parts.append(f'<section>\n<h2>○{escape(s.name)}</h2>\n<ol class="toc">\n')
        for d in s.documents:
            rec = by_id[d.id]
            number = f' <span class="number">（{escape(d.number)}）</span>' if d.number else ""
            folio = "" if rec.first_page is None else str(rec.first_page)
            parts.append(
                f'<li><span class="entry"><a href="docs/{escape(d.id)}.html">{escape(shown(d.shown_title))}</a>'
                f'{number}</span><span class="page">{escape(folio)}</span></li>\n'
            )
        parts.append("</ol>\n</section>\n")
    parts.append(
        '<p class="flush"><a href="issue.pdf">整期 PDF（印刷版）</a>　<a href="issue.json">数据（JSON）</a></p>\n'
    )
    if issue.board.entries:
        dl = "".join(
            f"<dt>{escape(e.label)}</dt><dd>{escape(e.value)}</dd>" for e in issue.board.entries if e.value
        )
        parts.append(f'<h2>{escape(issue.board.title)}</h2>\n<dl class="meta">{dl}</dl>\n')
    parts.append("</main>\n")
    return page(f"{info.gazette} {info.label}", "".join(parts))


# ---- PDF cuts ------------------------------------------------------------------------------


def cut_pdf(whole: bytes, first: int, last: int, folios: list[int | None]) -> bytes:
    """Pages first..last (indexes) of a PDF as a new PDF whose page labels are the printed folios."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle

    reader = PdfReader(io.BytesIO(whole))
    writer = PdfWriter()
    for i in range(first, last + 1):
        pg = writer.add_page(reader.pages[i])
        if "/Annots" in pg:  # links point into the whole issue; a cut has no targets for them
            del pg["/Annots"]
    start = 0
    while start < len(folios):  # runs of consecutive folios share one label range
        end, first_folio = start, folios[start]
        while end + 1 < len(folios) and (n := folios[end]) is not None and folios[end + 1] == n + 1:
            end += 1
        if first_folio is not None:
            writer.set_page_label(start, end, style=PageLabelStyle.DECIMAL, start=first_folio)
        start = end + 1
    if reader.metadata:
        writer.add_metadata({k: str(v) for k, v in reader.metadata.items() if isinstance(v, str)})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# ---- the whole site ------------------------------------------------------------------------


def issue_json(info: IssueInfo, records: list[DocumentRecord]) -> dict:
    rows = []
    for r in records:
        row = record_json(info, r)
        row["html"] = f"docs/{r.doc_id}.html"
        row["pdf"] = f"docs/{r.doc_id}.pdf" if r.first_page is not None else None
        rows.append(row)
    return {"format": "gazette-press/issue-records", "version": 1, "records": rows}


def site_files(issue: Issue, book: Book, pdf: bytes) -> dict[str, bytes]:
    """Every file of the e-edition by its path inside SITE."""
    info = IssueInfo.of(issue)
    records = issue_records(issue, book)
    spans = page_spans(book)
    files: dict[str, bytes] = {"style.css": CSS.encode(), "issue.pdf": pdf}
    files["index.html"] = issue_page(issue, info, records).encode()
    files["issue.json"] = json.dumps(issue_json(info, records), ensure_ascii=False, indent=1).encode()
    docs = {d.id: d for d in issue.documents()}
    for k, rec in enumerate(records):
        prev = records[k - 1] if k else None
        nxt = records[k + 1] if k + 1 < len(records) else None
        html = document_page(info, docs[rec.doc_id], rec, issue.files, (prev, nxt))
        files[f"docs/{rec.doc_id}.html"] = html.encode()
        span = spans.get(rec.doc_id)
        if span is not None:
            folios = [book.pages[i].folio for i in range(span[0], span[1] + 1)]
            files[f"docs/{rec.doc_id}.pdf"] = cut_pdf(pdf, span[0], span[1], folios)
    for d in issue.documents():
        for b in d.blocks:
            if b.role == Role.IMAGE and b.image and b.image in issue.files:
                files[f"media/{media_name(b.image)}"] = issue.files[b.image]
    return files


def write_site(files: dict[str, bytes], site: str | os.PathLike) -> None:
    """Write the site beside SITE, then swap it in; an existing SITE must be an earlier e-edition."""
    site = Path(site)
    if site.exists():
        if not site.is_dir():
            raise UserError(
                f"{site} 是文件，不是文件夹。请换一个输出文件夹。", f"{site} is a file, not a folder."
            )
        if any(site.iterdir()) and not (site / SITE_MARK).exists():
            raise UserError(
                f"文件夹 {site} 不是空的，也不是电子版。请指定一个新的或空的文件夹。",
                f"The folder {site} is neither empty nor an e-edition. Name a new or empty folder.",
            )
    parent = site.parent if str(site.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}.", dir=parent))
    except OSError as e:
        raise UserError(f"无法写出 {site}：{e.strerror}。", f"Cannot write {site}: {e.strerror}.") from None
    old = None
    try:
        for name, data in files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for p in [tmp, *tmp.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)  # a web server must be able to read them
        if site.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{site.name}.old.", dir=parent))
            os.replace(site, old / "site")
        os.replace(tmp, site)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not site.exists():
            os.replace(old / "site", site)
        raise UserError(f"无法写出 {site}：{e.strerror}。", f"Cannot write {site}: {e.strerror}.") from None
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def publish(issue: Issue, site: str | os.PathLike, *, template: str | None = None) -> tuple[Book, int]:
    """Lay the issue out as for print and write its e-edition; returns the book and the file count."""
    from layout.pdf import write_pdf

    from .compose import build_book

    book = build_book(issue, template=template)
    files = site_files(issue, book, write_pdf(book))
    write_site(files, site)
    return book, len(files)
