"""The `.gazette` issue file: a zip holding `issue.xml`, the imported sources and media.

Why a zip of XML: the office archives issues for years, so the content must stay readable
without this program (unzip, any XML viewer), while sources and images travel with it.
The XML is validated against resources/schema/issue.rng so a damaged file is named as
such, with its line, instead of half-loading. Writing is deterministic (sorted entries,
fixed timestamps, canonical XML), so save -> load -> save gives identical bytes and a
version-control diff of two saves shows only real changes.
"""

from __future__ import annotations

import io
import json
import os
import re
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path

from lxml import etree

from layout.lazyre import lazy

from .bounds import (
    ISSUE_RANGES,
    MAX_IMAGE_MM,
    MAX_ISSUE_CHARS,
    MAX_ISSUE_PARAGRAPHS,
    MAX_PAGE,
    MAX_ROWS,
    MAX_SPAN,
    MAX_TEMPLATE_PATH,
    Budget,
    OutOfBounds,
    clean_text,
    parse_date,
    parse_float,
    parse_int,
    shown,
)
from .errors import Notice, UserError, read_file_bytes
from .model import (
    Block,
    Board,
    BoardEntry,
    Cell,
    Document,
    Gazette,
    IgnoredFinding,
    Issue,
    ProofRecord,
    Role,
    Section,
    Source,
    Table,
)
from .schemas import ISSUE as SCHEMA

FORMAT_VERSION = "1"
NS = "urn:gazette-press:issue"
ZIP_DATE = (2000, 1, 1, 0, 0, 0)

# Image formats whose data is already compressed: deflating them again costs time and saves
# nothing (a third of a corpus save went into re-deflating JPEGs and PNGs).
_COMPRESSED_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"RIFF")


def _compression_for(data: bytes) -> int:
    """ZIP_STORED for JPEG, PNG, GIF and WebP data; ZIP_DEFLATED for everything else."""
    return zipfile.ZIP_STORED if data.startswith(_COMPRESSED_MAGIC) else zipfile.ZIP_DEFLATED


MAX_XML_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 20_000  # sources and pictures of one issue: a few hundred


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters nor lone surrogates; importers clean (and
    report) them when content enters, this keeps the writer total whatever the model holds."""
    return clean_text(text)[0]


def _mark(token: str, length: int) -> tuple[int, int, str]:
    """ "sup:9-10" → (9, 10, "sup"): one inline mark as the file writes it (the schema checked its
    shape; the offsets must lie within the block's text)."""
    kind, span = token.split(":", 1)
    a, b = span.split("-", 1)
    return parse_int(a, "block/@marks", 0, length), parse_int(b, "block/@marks", 0, length), kind


def _sub(parent, tag: str, content: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(
        parent, _q(tag), {k.replace("_", "-"): _clean(str(v)) for k, v in attrs.items() if v is not None}
    )
    if content:
        el.text = _clean(content)
    return el


_OLD_MIXED_NOTE = lazy(r"^(?P<zh>.*?)（(?P<en>[\x20-\x7e]+)）$", re.DOTALL)


def _notice(el: etree._Element) -> Notice:
    """A note or an import report line. Its English is the `en` attribute; files written before
    there was one hold one text, for notes usually "中文（English）", which is split again."""
    text = el.text or ""
    en = el.get("en")
    if en is not None:
        return Notice(text, en)
    if m := _OLD_MIXED_NOTE.match(text):
        return Notice(m["zh"], m["en"])
    return Notice(text, text)


# ---- writing -----------------------------------------------------------------------


def issue_to_xml(issue: Issue) -> bytes:
    root = etree.Element(_q("issue"), nsmap={None: NS})
    root.set("version", FORMAT_VERSION)
    g = issue.gazette
    _sub(root, "gazette", name=g.name, periodicity=g.periodicity, sponsor=g.sponsor)
    _sub(
        root,
        "numbering",
        year=issue.year,
        number=issue.number,
        cumulative=issue.cumulative,
        date=issue.date.isoformat() if issue.date else None,
        first_page=issue.first_page,
        template=issue.template,
    )
    board = _sub(root, "board", title=issue.board.title)
    for e in issue.board.entries:
        if e.people is not None:
            el = _sub(board, "entry", label=e.label)
            for p in e.people:
                _sub(el, "person", p)
        else:
            _sub(board, "entry", label=e.label, text=e.text or "")
    sections = _sub(root, "sections")
    for s in issue.sections:
        sec = _sub(sections, "section", name=s.name)
        for d in s.documents:
            _write_document(sec, d)
    if issue.ignored:
        ig = _sub(root, "ignored")
        for ignored in issue.ignored:
            _sub(ig, "finding", check=ignored.check, location=ignored.location, reason=ignored.reason)
    if issue.proofs:
        pr = _sub(root, "proofs")
        for record in issue.proofs:
            data = json.dumps({"pages": record.pages, "toc": record.toc}, ensure_ascii=False, sort_keys=True)
            _sub(pr, "proof", data, round=record.round, date=record.date)
    if issue.notes:
        notes = _sub(root, "notes")
        for n in issue.notes:
            _sub(notes, "note", n.zh, en=n.en)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _write_document(parent, d: Document) -> None:
    doc = _sub(parent, "document", id=d.id, source_page=d.source_page)
    for name in ("issuer", "number", "title", "toc_title", "recipients"):
        value = getattr(d, name)
        if value:
            _sub(doc, name.replace("_", "-"), value)
    if d.source is not None:
        _sub(doc, "source", name=d.source.name, kind=d.source.kind, original=d.source.original)
    body = _sub(doc, "body")
    for b in d.blocks:
        if b.role == Role.TABLE and b.table is not None:
            t = _sub(body, "table", header_rows=b.table.header_rows)
            for row in b.table.rows:
                r = _sub(t, "row")
                for c in row:
                    _sub(
                        r,
                        "cell",
                        c.text,
                        colspan=c.colspan if c.colspan != 1 else None,
                        rowspan=c.rowspan if c.rowspan != 1 else None,
                    )
        elif b.role == Role.IMAGE:
            _sub(body, "image", name=b.image or "", width_mm=b.image_width_mm)
        else:
            _sub(
                body,
                "block",
                b.text,
                role=b.role.value,
                joins=" ".join(map(str, b.joins)) or None,
                marks=" ".join(f"{k}:{a}-{e}" for a, e, k in b.marks) or None,
            )
    if d.footnotes:
        fn = _sub(doc, "footnotes")
        for t in d.footnotes:
            _sub(fn, "footnote", t)
    if d.report:
        rep = _sub(doc, "report")
        for line in d.report:
            _sub(rep, "line", line.zh, en=line.en)


def issue_to_bytes(issue: Issue, xml: bytes | None = None) -> bytes:
    """The whole .gazette file as bytes: deterministic for equal issues."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        entries = [("mimetype", b"application/x-gazette-issue", zipfile.ZIP_STORED)]
        entries.append(("issue.xml", xml if xml is not None else issue_to_xml(issue), zipfile.ZIP_DEFLATED))
        entries += [(name, data, _compression_for(data)) for name, data in sorted(issue.files.items())]
        for name, data, method in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def save_issue(issue: Issue, path: str | os.PathLike) -> None:
    """Write atomically: a crash mid-save leaves the previous file intact, and PATH.bak
    keeps the save before this one (a whole file), so one bad save never costs the office
    its issue. See editor/atomic.py."""
    from .atomic import write_atomic

    xml = issue_to_xml(issue)
    try:  # never write a file this program would then refuse to open
        _issue_from_xml_bytes(xml, str(path))
    except _Unreadable as e:
        raise UserError(
            f"无法保存期刊文件 {path}：保存后将无法重新打开（{e.zh}）。文件未被改动；请修改该处内容后再保存。",
            f"Cannot save the issue file {path}: it could not be opened again ({e.en}). The file is unchanged; "
            "correct that content, then save.",
        ) from None
    data = issue_to_bytes(issue, xml)
    if _implausible(zipfile.ZipFile(io.BytesIO(data)).infolist()):
        raise UserError(
            f"无法保存期刊文件 {path}：其中的源文件和图片过大或过多，保存后将无法重新打开。文件未被改动；请删去过大的图片后再保存。",
            f"Cannot save the issue file {path}: its sources and pictures are too large or too many to be opened "
            "again. The file is unchanged; remove oversized pictures, then save.",
        )
    write_atomic(path, data, backup=True, what=("期刊文件", "issue file"))


# ---- reading -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def _damaged(path, zh: str, en: str) -> UserError:
    """One line: the file is damaged, why, and what to open instead (the .bak when there is one)."""
    bak = Path(str(path) + ".bak")
    if bak.is_file():
        return UserError(
            f"期刊文件 {path} 已损坏：{zh}。请打开同一文件夹中的备份 {bak.name}，或重新导入。",
            f"The issue file {path} is damaged: {en}. Open the backup {bak.name} in the same folder, or re-import.",
        )
    return UserError(
        f"期刊文件 {path} 已损坏：{zh}。没有找到备份 {bak.name}；请用其他副本或重新导入。",
        f"The issue file {path} is damaged: {en}. There is no backup {bak.name}; use another copy or re-import.",
    )


# What zipfile and zlib raise on a damaged archive: a flipped byte in a deflate stream
# (zlib.error), an unknown zip version or method (NotImplementedError), a truncated central
# directory (BadZipFile, struct.error), a bad CRC (BadZipFile).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    NotImplementedError,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    KeyError,
    UnicodeDecodeError,
)


def _schema_problem(root, err) -> tuple[str, str]:
    """The schema's complaint, with the offending value when the error names an attribute."""
    m = re.search(r"[Ii]nvalid attribute (\S+) for element (\S+)", err.message or "")
    if m:
        for el in root.iter():
            if el.sourceline == err.line and etree.QName(el).localname == m.group(2):
                value = shown(el.get(m.group(1), ""))
                part = f"{m.group(2)}/@{m.group(1)}"
                return (
                    f"issue.xml 第 {err.line} 行 {part} 的值“{value}”不符合格式规范",
                    f"issue.xml breaks the schema at line {err.line}: '{value}' is not a valid {part}",
                )
    return (
        f"issue.xml 第 {err.line} 行不符合格式规范（{err.message}）",
        f"issue.xml breaks the schema at line {err.line} ({err.message})",
    )


def load_issue(path: str | os.PathLike) -> Issue:
    path = Path(path)
    raw = read_file_bytes(path)
    return issue_from_bytes(raw, str(path))


def _implausible(infos: list[zipfile.ZipInfo]) -> bool:
    """Declared sizes no issue has: a zip bomb, or damage in the central directory."""
    xml = next((i for i in infos if i.filename == "issue.xml"), None)
    return (
        any(i.file_size > 8 * 1024 * 1024 and i.file_size > 400 * max(i.compress_size, 1) for i in infos)
        or len(infos) > MAX_ENTRIES
        or sum(i.file_size for i in infos) > 4 * MAX_XML_BYTES
        or (xml is not None and xml.file_size > MAX_XML_BYTES)
    )


def issue_from_bytes(raw: bytes, name: str = "issue.gazette") -> Issue:
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
        infos = z.infolist()
    except NotImplementedError:
        raise _damaged(
            name, "使用了不支持的 zip 版本或压缩方式", "it uses an unsupported zip version or method"
        ) from None
    except ZIP_ERRORS:
        raise _damaged(
            name, "不是有效的 zip 容器（可能被截断）", "not a valid zip container (perhaps truncated)"
        ) from None
    names = {i.filename: i for i in infos}
    if "issue.xml" not in names:
        raise _damaged(name, "缺少 issue.xml", "issue.xml is missing")
    if _implausible(infos):
        raise _damaged(name, "内容大小异常", "its declared contents are implausibly large")
    try:
        xml = z.read("issue.xml")
        files = {
            i.filename: z.read(i)
            for i in infos
            if not i.is_dir()
            and i.filename.startswith(("sources/", "media/"))
            and ".." not in i.filename.split("/")
        }
    except ZIP_ERRORS as e:
        what = "不支持的压缩方式或版本" if isinstance(e, NotImplementedError) else "压缩数据损坏"
        what_en = (
            "an unsupported zip version or method" if isinstance(e, NotImplementedError) else "corrupt data"
        )
        raise _damaged(name, f"无法解压（{what}）", f"it cannot be unpacked ({what_en})") from None
    try:
        issue = _issue_from_xml_bytes(xml, name)
    except _Unreadable as e:
        raise _damaged(name, e.zh, e.en) from None
    issue.files = files
    return issue


class _Unreadable(Exception):
    """What is wrong with an issue.xml, for the damaged-file or the cannot-save message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _issue_from_xml_bytes(xml: bytes, name: str) -> Issue:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as e:
        line = e.lineno or (e.position[0] if e.position else "?")
        raise _Unreadable(
            f"issue.xml 第 {line} 行格式错误", f"issue.xml is malformed at line {line}"
        ) from None
    version = root.get("version")
    if root.tag != _q("issue"):
        raise _Unreadable("issue.xml 不是期刊数据", "issue.xml does not hold an issue")
    if version != FORMAT_VERSION:
        raise UserError(
            f"期刊文件 {name} 的格式版本 {version} 不受支持（本程序支持版本 {FORMAT_VERSION}）。请升级本程序后再打开。",
            f"The issue file {name} has format version {version}, which this program does not support "
            f"(it reads version {FORMAT_VERSION}). Upgrade the program to open it.",
        )
    schema = _schema()
    if not schema.validate(root):
        raise _Unreadable(*_schema_problem(root, schema.error_log.last_error))
    try:
        return _issue_from_xml(root)
    except OutOfBounds as e:
        raise _Unreadable(
            f"issue.xml 中 {e.part} 的值“{shown(e.value)}”{e.zh or '超出合理范围'}",
            f"issue.xml holds '{shown(e.value)}' for {e.part}, {e.en or 'outside any sensible range'}",
        ) from None
    except UserError as e:  # a budget
        raise _Unreadable(e.zh, e.en) from None


def _text(el, tag: str) -> str:
    c = el.find(_q(tag))
    return (c.text or "") if c is not None else ""


def _num(el, attr: str, lo: int, hi: int, default: int | None = None) -> int:
    part = f"{etree.QName(el).localname}/@{attr}"
    return parse_int(el.get(attr), part, lo, hi, default=default)


def _issue_from_xml(root) -> Issue:
    g = root.find(_q("gazette"))
    n = root.find(_q("numbering"))
    date = n.get("date")
    template = n.get("template", "gazette-a4")
    if len(template) > MAX_TEMPLATE_PATH:
        raise OutOfBounds("numbering/@template", template, "太长", "which is far too long")
    issue = Issue(
        gazette=Gazette(g.get("name", ""), g.get("periodicity", ""), g.get("sponsor", "")),
        year=_num(n, "year", *ISSUE_RANGES["year"]),
        number=_num(n, "number", *ISSUE_RANGES["number"]),
        cumulative=_num(n, "cumulative", *ISSUE_RANGES["cumulative"]),
        date=parse_date(date, "numbering/@date") if date else None,
        first_page=_num(n, "first-page", *ISSUE_RANGES["first_page"], default=1),
        template=template,
    )
    b = root.find(_q("board"))
    issue.board = Board(b.get("title", "编委会"), [])
    for e in b.iterfind(_q("entry")):
        if e.get("text") is not None:
            issue.board.entries.append(BoardEntry(e.get("label"), text=e.get("text")))
        else:
            issue.board.entries.append(BoardEntry(e.get("label"), people=[p.text or "" for p in e]))
    budget = Budget("issue.xml", "期刊文件中的", "issue file part", MAX_ISSUE_PARAGRAPHS, MAX_ISSUE_CHARS)
    for s in root.find(_q("sections")).iterfind(_q("section")):
        sec = Section(s.get("name"))
        sec.documents = [_read_document(d, budget) for d in s.iterfind(_q("document"))]
        issue.sections.append(sec)
    ig = root.find(_q("ignored"))
    if ig is not None:
        issue.ignored = [IgnoredFinding(f.get("check"), f.get("location"), f.get("reason")) for f in ig]
    pr = root.find(_q("proofs"))
    if pr is not None:
        for p in pr:
            issue.proofs.append(_read_proof(p))
    notes = root.find(_q("notes"))
    if notes is not None:
        issue.notes = [_notice(x) for x in notes]
    return issue


def _read_proof(p) -> ProofRecord:
    """A proof round's fingerprints: JSON with lists of records, as record_proof writes them."""
    text = p.text or "{}"
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise OutOfBounds("proof", text, "不是有效的校样记录", "which is not a valid proof record") from None
    if not isinstance(data, dict):
        raise OutOfBounds("proof", text, "不是有效的校样记录", "which is not a valid proof record")
    pages, toc = data.get("pages", []), data.get("toc", [])
    for part, rows in (("proof/pages", pages), ("proof/toc", toc)):
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise OutOfBounds(
                part, json.dumps(rows)[:40], "不是有效的校样记录", "which is not a valid proof record"
            )
    return ProofRecord(_num(p, "round", 1, 9999), p.get("date") or "", pages, toc)


_TABLE, _IMAGE = _q("table"), _q("image")
_ROLES = {r.value: r for r in Role}  # Role(value) is a slow enum call, once per block of the issue


def _read_document(d, budget: Budget) -> Document:
    sp = d.get("source-page")
    doc = Document(
        id=d.get("id"),
        issuer=_text(d, "issuer"),
        number=_text(d, "number"),
        title=_text(d, "title"),
        toc_title=_text(d, "toc-title"),
        recipients=_text(d, "recipients"),
        source_page=_num(d, "source-page", 0, MAX_PAGE) if sp else None,
    )
    src = d.find(_q("source"))
    if src is not None:
        doc.source = Source(src.get("name", ""), src.get("kind", ""), src.get("original", ""))
    for el in d.find(_q("body")):
        tag = el.tag  # the schema has validated the names: only the namespaced ones reach here
        if tag == _TABLE:
            rows = [
                [
                    Cell(c.text or "", _num(c, "colspan", 1, MAX_SPAN, 1), _num(c, "rowspan", 1, MAX_ROWS, 1))
                    for c in r
                ]
                for r in el.iterfind(_q("row"))
            ]
            budget.cells(sum(len(r) for r in rows))
            for row in rows:
                for c in row:
                    budget.paragraph(len(c.text))
            header = _num(el, "header-rows", 0, max(len(rows), 0), 0)
            doc.blocks.append(Block(Role.TABLE, table=Table(rows, header)))
        elif tag == _IMAGE:
            w = el.get("width-mm")
            width = parse_float(w, "image/@width-mm", 1.0, MAX_IMAGE_MM) if w else None
            doc.blocks.append(Block(Role.IMAGE, image=el.get("name"), image_width_mm=width))
            budget.paragraph()
        else:
            text = el.text or ""
            budget.paragraph(len(text))
            joins = [parse_int(x, "block/@joins", 0, len(text)) for x in (el.get("joins") or "").split()]
            marks = [_mark(x, len(text)) for x in (el.get("marks") or "").split()]
            role = el.get("role")
            doc.blocks.append(Block(_ROLES.get(role) or Role(role), text, joins=joins, marks=marks))
    fn = d.find(_q("footnotes"))
    if fn is not None:
        doc.footnotes = [x.text or "" for x in fn]
    rep = d.find(_q("report"))
    if rep is not None:
        doc.report = [_notice(x) for x in rep]
    return doc
