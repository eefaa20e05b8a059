"""Fingerprints in and out of PDF files.

A proof or print PDF carries its fingerprints in the document information, so a later
`diff` against it is exact; a PDF from elsewhere is fingerprinted by extracting its text
page by page (PDFium, through pypdfium2).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from layout.display import Book

from .errors import UserError, read_file_bytes
from .fingerprints import PROOF_COLOR, Fingerprints, book_fingerprints, digest, toc_pages
from .model import Issue
from .proof_marks import LISTING_TITLE, make_proof

METADATA_KEY = "/GazetteProof"


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


def pdf_fingerprints(data: bytes, label: str = "", *, prefer_metadata: bool = True) -> Fingerprints:
    """Fingerprints embedded by export_proof, or else extracted page by page with PDFium."""
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not the user's business
    try:
        reader = PdfReader(io.BytesIO(data))
        meta: dict = reader.metadata or {}
        payload = meta.get(METADATA_KEY)
        len(reader.pages)
    except Exception as e:  # any parser failure means the same to the user: a damaged file
        raise UserError(
            f"PDF 文件 {label} 已损坏，无法读取（{e}）。请重新导出。",
            f"The PDF {label} is damaged ({e}). Export it again.",
        ) from None
    if prefer_metadata and payload:
        try:
            obj = json.loads(str(payload))
            return Fingerprints(obj["pages"], obj.get("toc", []), True, label)
        except (ValueError, KeyError):
            pass
    return _extract_fingerprints(data, reader, label)


def _extract_fingerprints(data: bytes, reader, label: str) -> Fingerprints:
    labels: list[str] = []
    try:
        labels = list(reader.page_labels)
    except Exception:
        labels = []
    try:
        pages = _extract_pages(data, labels)
    except Exception as e:  # the PDF parser failing on a damaged file
        raise UserError(
            f"无法读取 PDF 文件 {label} 的内容（{e}）。请重新导出。",
            f"Cannot read the content of the PDF {label} ({e}). Export it again.",
        ) from None
    return Fingerprints(pages, _outline_toc(reader, labels), False, label)


def _extract_pages(data: bytes, labels: list[str]) -> list[dict]:
    """Each page's text lines and their positions, read with PDFium (pypdfium2).

    Characters are grouped into lines by their baseline (the origin PDFium reports), so a line
    of mixed faces stays one line; proof marks (drawn in the proof colour), the listing pages of
    a proof and the folio are left out, as they are not the document."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages: list[dict] = []
    pdf = pdfium.PdfDocument(data)
    x, y = ctypes.c_double(), ctypes.c_double()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            height = page.get_height()
            textpage = page.get_textpage()
            tp = textpage.raw
            chars: list[tuple[float, float, str]] = []  # (baseline from the top, x, character)
            marks: list[tuple[float, float, str]] = []  # the same, drawn in the proof colour
            for i in range(raw.FPDFText_CountChars(tp)):
                if raw.FPDFText_IsGenerated(tp, i) == 1:
                    continue
                code = raw.FPDFText_GetUnicode(tp, i)
                if not code or code in (0xFFFE, 0xFFFF) or 0xDC00 <= code <= 0xDFFF:
                    continue
                mark = bool(raw.FPDFText_GetFillColor(tp, i, r, g, b, a)) and _is_proof_colour(
                    (r.value / 255, g.value / 255, b.value / 255)
                )
                raw.FPDFText_GetCharOrigin(tp, i, x, y)
                (marks if mark else chars).append((height - y.value, x.value, chr(code)))
            textpage.close()
            page.close()
            head = "".join(c for _y, _x, c in sorted(chars + marks, key=lambda c: (round(c[0]), c[1]))[:12])
            if head.startswith(LISTING_TITLE):
                continue  # a proof's listing page
            rows: dict[float, list[tuple[float, str]]] = {}
            for top, left, c in chars:
                rows.setdefault(round(top * 2) / 2, []).append((left, c))
            lines, sigs = [], []
            for row_y, cs in sorted(rows.items()):
                cs.sort()
                text = "".join(c for _x, c in cs)
                edge = row_y < height * 0.1 or row_y > height * 0.9
                if edge and re.fullmatch(r"[\s\d—\-－–]+", text):
                    continue  # the folio
                lines.append(text)
                sigs.append((text, row_y, tuple(round(left * 2) / 2 for left, _c in cs)))
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
    finally:
        pdf.close()
    return pages


def _is_proof_colour(color) -> bool:
    if not color or len(color) != 3:
        return False
    return all(abs(a - b) < 0.02 for a, b in zip(color, PROOF_COLOR, strict=True))


def _outline_toc(reader, labels: list[str]) -> list[dict]:
    """TOC pages of a PDF without our metadata, from its bookmarks (one per document)."""
    rows: list[dict] = []

    def walk(items) -> None:
        for it in items:
            if isinstance(it, list):
                walk(it)
                continue
            try:
                index = reader.get_destination_page_number(it)
            except Exception:
                continue
            label = labels[index] if index < len(labels) else str(index + 1)
            rows.append(
                {"doc": None, "title": str(it.title), "page": int(label) if label.isdigit() else None}
            )

    try:
        walk(reader.outline)
    except Exception:
        return []
    return rows
