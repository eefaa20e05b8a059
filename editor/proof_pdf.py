"""Fingerprints in and out of PDF files.

A proof or print PDF carries its fingerprints in the document information, so a later
`diff` against it is exact; a PDF from elsewhere is fingerprinted by extracting its text
page by page (PDFium, through pypdfium2).
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from layout.display import Book

from .errors import UserError, read_file_bytes
from .fingerprints import LISTING_TITLE, PROOF_COLOR, Fingerprints, book_fingerprints, digest, toc_pages
from .model import Issue

METADATA_KEY = "/GazetteProof"
T = TypeVar("T")


def embed_fingerprints(pdf: bytes, pages: list[dict], toc: list[dict], round: int | None = None) -> bytes:
    """Put the fingerprints in the PDF's document information, so `diff` can read them back exactly."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    payload = json.dumps(
        {"round": round, "pages": pages, "toc": toc}, ensure_ascii=False, separators=(",", ":")
    )
    writer.add_metadata({METADATA_KEY: payload})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def export_proof(
    issue: Issue, book: Book, round: int, date: str, *, bleed_mm: float = 0.0, crop_marks: bool = False
) -> bytes:
    """The proof PDF's bytes: marks, listing and fingerprints (also recorded in the issue)."""
    from layout.pdf import write_pdf

    from .proof_marks import make_proof  # the checks it runs are not needed to read a PDF

    proof = make_proof(issue, book, round, date)
    record = next(p for p in issue.proofs if p.round == round)
    data = write_pdf(proof, bleed_mm=bleed_mm, crop_marks=crop_marks)
    return embed_fingerprints(data, record.pages, record.toc, round)


def export_print(issue: Issue, book: Book, pdf: bytes) -> bytes:
    """A print PDF with fingerprints in its metadata, so a later diff against it is exact."""
    return embed_fingerprints(pdf, book_fingerprints(book), toc_pages(issue, book))


def read_pdf_bytes(path: Path) -> bytes:
    data = read_file_bytes(path)
    if not data.startswith(b"%PDF"):
        raise UserError(
            f"{path} 不是 PDF 文件。请给出校样 PDF 或校次号。",
            f"{path} is not a PDF. Give a proof PDF or a round.",
        )
    return data


def pdf_fingerprints(
    data: bytes, label: str = "", *, prefer_metadata: bool = True, reader: str = ""
) -> Fingerprints:
    """Fingerprints embedded by export_proof, or else read back from the pages: from the content
    streams where the PDF is drawn the way our writer draws (reader "content", pikepdf alone),
    else with PDFium ("pdfium"). `reader` forces one, so that two PDFs are read the same way and
    compare."""
    if reader != "pdfium":
        try:
            return _from_content(data, label, prefer_metadata=prefer_metadata)
        except _Unreadable:
            if reader == "content":
                _open_pdf(data, label).close()  # a damaged file is said to be damaged
                raise UserError(
                    f"PDF 文件 {label} 的内容无法按本工具的方式读取。",
                    f"The content of the PDF {label} cannot be read the way this tool writes it.",
                ) from None
    pdf = _open_pdf(data, label)
    try:
        got = _from_metadata(pdf, label) if prefer_metadata else None
        if got is not None:
            return got
        return _from_pages(pdf, label)
    finally:
        pdf.close()


def pdf_pair_fingerprints(
    old: bytes, new: bytes, old_label: str, new_label: str
) -> tuple[Fingerprints, Fingerprints]:
    """Both sides of `diff OLD.pdf NEW.pdf`: exact where both carry fingerprints, else both read
    back from their pages (the same way, so that they compare), the two files at once where the
    system can fork: reading the pages is nearly all of such a diff's time."""
    a, b = _metadata_or_none(old, old_label), _metadata_or_none(new, new_label)
    if a is not None and b is not None:
        return a, b
    import pikepdf  # noqa: F401 - imported before the fork, so the child does not import it again

    later_b = _forked(_content_or_none, new, new_label)
    a, b = _content_or_none(old, old_label), later_b()
    if a is not None and b is not None:
        return a, b
    # one of them is not drawn the way our writer draws: both through PDFium, so that they compare
    later = _forked(pdf_fingerprints, new, new_label, prefer_metadata=False, reader="pdfium")
    return pdf_fingerprints(old, old_label, prefer_metadata=False, reader="pdfium"), later()


def _metadata_or_none(data: bytes, label: str) -> Fingerprints | None:
    """The fingerprints a proof or print PDF of ours carries, read with pikepdf (no page is parsed);
    None when there are none or the file does not open (PDFium then says what is wrong)."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as doc:
            return _fingerprints_from_payload(doc.docinfo.get(METADATA_KEY), label)
    except Exception:  # noqa: BLE001 - a damaged file is reported by the PDFium reader later
        return None


def _content_or_none(data: bytes, label: str) -> Fingerprints | None:
    try:
        return _from_content(data, label)
    except _Unreadable:
        return None


def _open_pdf(data: bytes, label: str):
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
        len(pdf)
    except Exception as e:  # any parser failure means the same to the user: a damaged file
        raise UserError(
            f"PDF 文件 {label} 已损坏，无法读取（{_one_line(e)}）。请重新导出。",
            f"The PDF {label} is damaged ({_one_line(e)}). Export it again.",
        ) from None
    return pdf


def _from_metadata(pdf, label: str) -> Fingerprints | None:
    return _fingerprints_from_payload(pdf.get_metadata_value(METADATA_KEY.lstrip("/")), label)


def _fingerprints_from_payload(payload: object, label: str) -> Fingerprints | None:
    if not payload:
        return None
    try:
        obj = json.loads(str(payload))
        return Fingerprints(obj["pages"], obj.get("toc", []), True, label)
    except (ValueError, KeyError, TypeError):
        return None


def _from_pages(pdf, label: str) -> Fingerprints:
    try:
        labels = [pdf.get_page_label(i) for i in range(len(pdf))]
        pages = _extract_pages(pdf, labels)
        toc = _outline_toc(_pdfium_marks(pdf), labels, pages)
    except Exception as e:  # the PDF parser failing on a damaged file
        raise UserError(
            f"无法读取 PDF 文件 {label} 的内容（{_one_line(e)}）。请重新导出。",
            f"Cannot read the content of the PDF {label} ({_one_line(e)}). Export it again.",
        ) from None
    return Fingerprints(pages, toc, False, label, "pdfium")


class _Unreadable(Exception):
    """The content streams use something the content reader does not follow."""


_TEXT_STATE = {"BT", "ET", "Tf", "Tc", "Tm", "Tj", "TJ"}
_OTHER_TEXT = {"Td", "TD", "T*", "'", '"', "Tz", "Ts", "TL", "Tw", "Tr", "d0", "d1", "BI", "sh"}
# drawing and state operators that put no text on the page
_SKIPPED = {
    "m",
    "l",
    "c",
    "v",
    "y",
    "h",
    "re",
    "S",
    "s",
    "f",
    "F",
    "f*",
    "B",
    "B*",
    "b",
    "b*",
    "n",
    "W",
    "W*",
}
_SKIPPED |= {"w", "J", "j", "M", "d", "ri", "i", "gs", "RG", "G", "K", "SC", "SCN", "CS", "ET", "BMC", "BDC"}
_SKIPPED |= {"EMC", "MP", "DP", "BX", "EX"}


def _from_content(data: bytes, label: str, *, prefer_metadata: bool = False) -> Fingerprints:
    """Fingerprints from the content streams themselves (pikepdf's parser): each text-showing
    operator of a Type0 Identity-H font with a ToUnicode map is one run, at its text matrix, its
    spacing (Tc, TJ adjustments) as its position signature. PDFium lays out every glyph of a page
    to load it, which for CFF (CIDFontType0C) subsets costs ~10 ms a page; this reads the operators
    our writer wrote, and the page labels and bookmarks with pikepdf too. Anything else (other
    text operators, forms, simple fonts, a file pikepdf cannot open) is _Unreadable."""
    import pikepdf

    try:
        doc = pikepdf.open(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - PDFium decides whether the file is damaged
        raise _Unreadable from e
    try:
        if prefer_metadata:
            got = _fingerprints_from_payload(doc.docinfo.get(METADATA_KEY), label)
            if got is not None:
                return got
        maps: dict[tuple[int, int], dict[int, str]] = {}
        raw_pages = []
        for page in doc.pages:
            box = [float(v) for v in page.mediabox]
            raw_pages.append((box[3] - box[1], _content_runs(pikepdf, page, box[3], maps)))
        labels = (
            [str(page.label) for page in doc.pages] if "/PageLabels" in doc.Root else [""] * len(raw_pages)
        )
        marks = _pikepdf_marks(pikepdf, doc)
    except _Unreadable:
        raise
    except Exception as e:  # noqa: BLE001 - a parser error: let PDFium read (or refuse) it
        raise _Unreadable from e
    finally:
        doc.close()
    pages = _pages_from_runs(raw_pages, labels)
    return Fingerprints(pages, _outline_toc(marks, labels, pages), False, label, "content")


def _pikepdf_marks(pikepdf, doc) -> list[tuple[str, int | None]]:
    """Every bookmark, depth first (as PDFium lists them), with the index of the page it leads to."""
    index = {page.obj.objgen: i for i, page in enumerate(doc.pages)}
    names: dict[str, object] = {}
    root_names = doc.Root.get("/Names")
    if root_names is not None and "/Dests" in root_names:
        names.update((str(k), v) for k, v in pikepdf.NameTree(root_names.Dests).items())
    old_style = doc.Root.get("/Dests")
    if isinstance(old_style, pikepdf.Dictionary):
        names.update((str(k).lstrip("/"), v) for k, v in old_style.items())

    def page_of(item) -> int | None:
        dest = item.destination
        if dest is None and item.action is not None and item.action.get("/S") == pikepdf.Name.GoTo:
            dest = item.action.get("/D")
        if isinstance(dest, (pikepdf.String, pikepdf.Name)):
            dest = names.get(str(dest).lstrip("/"))
        if isinstance(dest, pikepdf.Dictionary):
            dest = dest.get("/D")
        if isinstance(dest, pikepdf.Array) and len(dest) and isinstance(dest[0], pikepdf.Dictionary):
            return index.get(dest[0].objgen)
        return None

    marks: list[tuple[str, int | None]] = []

    def walk(items) -> None:
        for item in items:
            marks.append((str(item.title), page_of(item)))
            walk(item.children)

    with doc.open_outline() as outline:
        walk(outline.root)
    return marks


def _pdfium_marks(pdf) -> list[tuple[str, int | None]]:
    marks: list[tuple[str, int | None]] = []
    for mark in pdf.get_toc():
        dest = mark.get_dest()
        marks.append((mark.get_title(), dest.get_index() if dest is not None else None))
    return marks


def _content_runs(pikepdf, page, top_y: float, maps: dict) -> list[tuple[float, float, object, str, bool]]:
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
    runs: list[tuple[float, float, object, str, bool]] = []
    fill: tuple = (0.0, 0.0, 0.0)
    identity = True
    stack: list[tuple[tuple, bool]] = []
    font_map: dict[int, str] | None = None
    font_key = ("", 0.0)
    tc = 0.0
    x = y = 0.0
    string = pikepdf.String
    for ins in pikepdf.parse_content_stream(page):
        op = str(ins.operator)
        if op in _SKIPPED:
            continue
        if op == "q":
            stack.append((fill, identity))
        elif op == "Q":
            fill, identity = stack.pop() if stack else (fill, identity)
        elif op == "cm":
            identity = identity and [float(v) for v in ins.operands] == [1, 0, 0, 1, 0, 0]
        elif op == "rg":
            fill = tuple(float(v) for v in ins.operands)
        elif op in ("g", "k", "sc", "scn", "cs"):
            fill = (op, *(str(v) for v in ins.operands))
        elif op == "Do":
            xo = xobjects.get(str(ins.operands[0]))
            if xo is None or xo.get("/Subtype") != pikepdf.Name.Image:
                raise _Unreadable
        elif op in _OTHER_TEXT or op not in _TEXT_STATE:
            raise _Unreadable
        elif op == "BT":
            x = y = 0.0
        elif op == "Tf":
            operands = ins.operands
            font = fonts.get(str(operands[0]))
            if font is None:
                raise _Unreadable
            font_map = _unicode_map(font, maps)
            font_key = (str(operands[0]), float(operands[1]))
        elif op == "Tc":
            tc = float(ins.operands[0])
        elif op == "Tm":
            m = [float(v) for v in ins.operands]
            if m[:4] != [1, 0, 0, 1]:
                raise _Unreadable
            x, y = m[4], m[5]
        elif op in ("Tj", "TJ"):
            if font_map is None or not identity:
                raise _Unreadable
            parts = ins.operands[0] if op == "TJ" else [ins.operands[0]]
            text: list[str] = []
            spacing: list[object] = []
            for part in parts:
                if isinstance(part, string):
                    raw = bytes(part)
                    if len(raw) % 2:
                        raise _Unreadable
                    # Identity-H: two-byte codes; decoding them as UTF-16 gives one code per character
                    text.append(raw.decode("utf-16-be", "surrogatepass").translate(font_map))
                    spacing.append(len(raw))
                else:
                    spacing.append(str(part))
            joined = "".join(text).replace(" ", "")
            if joined.strip():
                mark = len(fill) == 3 and _is_proof_colour(fill)
                runs.append((top_y - y, x, (font_key, tc, tuple(spacing)), joined, mark))
    return runs


def _unicode_map(font, maps: dict) -> dict[int, str]:
    key = font.objgen
    got = maps.get(key)
    if got is None:
        import pikepdf

        if font.get("/Subtype") != pikepdf.Name.Type0 or font.get("/Encoding") != pikepdf.Name("/Identity-H"):
            raise _Unreadable
        cmap = font.get("/ToUnicode")
        if cmap is None:
            raise _Unreadable
        got = maps[key] = _parse_tounicode(cmap.read_bytes().decode("latin-1"))
    return got


_HEX_PAIR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_HEX_RANGE = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])")


def _utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be", "replace")


def _parse_tounicode(text: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in _HEX_PAIR.findall(block):
            out[int(src, 16)] = _utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in _HEX_RANGE.findall(block):
            a, b = int(lo, 16), int(hi, 16)
            if dst.startswith("["):
                for k, item in enumerate(re.findall(r"<([0-9A-Fa-f]+)>", dst)):
                    out[a + k] = _utf16(item)
            else:
                base = bytes.fromhex(dst[1:-1])
                first = int.from_bytes(base, "big")
                for k in range(b - a + 1):
                    out[a + k] = (first + k).to_bytes(len(base), "big").decode("utf-16-be", "replace")
    return out


def _forked(fn: Callable[..., T], *args: Any, **kwargs: Any) -> Callable[[], T]:
    """Start fn(*args, **kwargs) in a forked child; the returned callable waits for its result
    (or raises its error). Without fork, or if the child dies, the call runs here instead."""
    import pickle

    if not hasattr(os, "fork"):
        return lambda: fn(*args, **kwargs)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
        try:
            os.close(r)
            try:
                payload: tuple = (True, fn(*args, **kwargs))
            except Exception as e:  # noqa: BLE001 - sent to the parent, which raises it
                payload = (False, e)
            try:
                data = pickle.dumps(payload)
            except Exception:  # noqa: BLE001 - an unpicklable error: the parent runs the call itself
                data = b""
            with os.fdopen(w, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(w)

    def result() -> T:
        with os.fdopen(r, "rb") as inp:
            data = inp.read()
        os.waitpid(pid, 0)
        if not data:
            return fn(*args, **kwargs)
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value

    return result


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split()) or type(e).__name__


_FOLIO = re.compile(r"[\s\d—\-－–]+")


def _text_runs(pdf, index: int) -> tuple[float, list[tuple[float, float, float, str, bool]]]:
    """The page's height and its text objects as (baseline from the top, left, right, text, proof mark).

    One PDFium text object is one text-showing operator: for our PDFs one glyph run. Its text
    comes from the text page (so through the font's ToUnicode map), its baseline and start from
    its matrix, its end from its bounds; a run whose spacing changed ends elsewhere."""
    import ctypes

    import pypdfium2.raw as raw

    page = raw.FPDF_LoadPage(pdf.raw, index)
    if not page:
        raise ValueError(f"page {index + 1} cannot be loaded")
    textpage = raw.FPDFText_LoadPage(page)
    height = raw.FPDF_GetPageHeightF(page)
    runs: list[tuple[float, float, float, str, bool]] = []
    matrix = raw.FS_MATRIX()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    size = 256  # bytes of UTF-16
    buf = (ctypes.c_ushort * (size // 2))()

    def walk(count: int, get) -> None:
        nonlocal size, buf
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                walk(raw.FPDFFormObj_CountObjects(obj), lambda k, o=obj: raw.FPDFFormObj_GetObject(o, k))
                continue
            if kind != raw.FPDF_PAGEOBJ_TEXT:
                continue
            n = raw.FPDFTextObj_GetText(obj, textpage, buf, size)
            if n > size:
                size = n + n % 2
                buf = (ctypes.c_ushort * (size // 2))()
                n = raw.FPDFTextObj_GetText(obj, textpage, buf, size)
            # PDFium inserts spaces where it sees a gap (a Western quarter-em, a TJ adjustment); they are
            # not in the PDF, so ASCII spaces are left out of the text (a moved run still moves its ends)
            text = bytes(buf)[: max(0, n - 2)].decode("utf-16-le", "replace").replace(" ", "").strip("\r\n")
            if not text.strip():
                continue
            raw.FPDFPageObj_GetMatrix(obj, matrix)
            raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            mark = bool(raw.FPDFPageObj_GetFillColor(obj, r, g, b, a)) and _is_proof_colour(
                (r.value / 255, g.value / 255, b.value / 255)
            )
            runs.append((height - matrix.f, matrix.e, right.value, text, mark))

    try:
        walk(raw.FPDFPage_CountObjects(page), lambda k: raw.FPDFPage_GetObject(page, k))
    finally:
        raw.FPDFText_ClosePage(textpage)
        raw.FPDF_ClosePage(page)
    return height, runs


def _extract_pages(pdf, labels: list[str]) -> list[dict]:
    """Each page's text lines and their positions, read with PDFium (pypdfium2).

    Text runs are grouped into lines by their baseline, so a line of mixed faces stays one
    line; proof marks (drawn in the proof colour), the listing pages of a proof and the folio
    are left out, as they are not the document."""
    return _pages_from_runs([_text_runs(pdf, index) for index in range(len(pdf))], labels)


def _pages_from_runs(raw_pages: list[tuple[float, list]], labels: list[str]) -> list[dict]:
    """Page fingerprints from each page's height and runs (baseline from the top, left, end or
    spacing signature, text, proof mark)."""
    pages: list[dict] = []
    for index, (height, runs) in enumerate(raw_pages):
        head = "".join(t for _y, _x, _r, t, _m in sorted(runs, key=lambda c: (round(c[0]), c[1])))[:12]
        if head.startswith(LISTING_TITLE):
            continue  # a proof's listing page
        rows: dict[float, list[tuple[float, float, str]]] = {}
        for top, x0, x1, text, mark in runs:
            if not mark:
                rows.setdefault(round(top * 2) / 2, []).append((x0, x1, text))
        lines, sigs = [], []
        for row_y, cs in sorted(rows.items()):
            cs.sort()
            text = "".join(t for _a, _b, t in cs)
            edge = row_y < height * 0.1 or row_y > height * 0.9
            if edge and _FOLIO.fullmatch(text):
                continue  # the folio
            lines.append(text)
            sigs.append((text, row_y, tuple((round(a * 2) / 2, _rounded(b)) for a, b, _t in cs)))
        folio = None
        if index < len(labels) and labels[index].isdigit():
            folio = int(labels[index])
        pages.append(
            {
                "index": index,
                "folio": folio,
                "flow": None,
                "n": None,
                "hash": digest(sigs),
                "text_hash": digest(lines),
                "text": "\n".join(lines),
            }
        )
    return pages


def _rounded(v: object) -> object:
    return round(v * 2) / 2 if isinstance(v, float) else v


def _is_proof_colour(color) -> bool:
    if not color or len(color) != 3:
        return False
    return all(abs(a - b) < 0.02 for a, b in zip(color, PROOF_COLOR, strict=True))


_DOC_NUMBER = re.compile(r"[〔\[［（(]\s*\d{4}\s*[〕\]］）)]\s*\d+\s*号")


def _outline_toc(marks: list[tuple[str, int | None]], labels: list[str], pages: list[dict]) -> list[dict]:
    """TOC rows of a PDF without our metadata, from its bookmarks (one per document): the title,
    the document number printed near the top of the page the bookmark leads to, and the page."""
    by_index = {p["index"]: p for p in pages}
    rows: list[dict] = []
    for title, index in marks:
        if index is None:
            continue
        label = labels[index] if index < len(labels) else str(index + 1)
        head = by_index.get(index, {}).get("text", "").split("\n")[:8]
        number = next((m[0] for line in head if (m := _DOC_NUMBER.search(line))), "")
        rows.append(
            {
                "doc": None,
                "title": title,
                "number": re.sub(r"\s+", "", number),
                "page": int(label) if label.isdigit() else None,
            }
        )
    return rows
