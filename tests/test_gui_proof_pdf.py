"""The preview and the PDF put every line's ink in the same place.

The reference issue is laid out once, written to PDF by layout.pdf, rasterised by poppler,
and compared with the proof view's own rendering of the same pages, line by line.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QImage  # noqa: E402

from editor.gui.proof_view import FaceCache, render_page, run_rect  # noqa: E402
from layout.display import GlyphRun  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "hld-2018-02.txt"
SCALE = 2.0  # px per pt: 144 dpi

pytestmark = [
    pytest.mark.skipif(not SEED.exists(), reason="reference issue not available"),
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed"),
]


@pytest.fixture(scope="module")
def book_and_pdf(tmp_path_factory):
    from editor.compose import build_book
    from editor.importing import load_input
    from layout.pdf import write_pdf

    book = build_book(load_input(SEED))
    pdf = tmp_path_factory.mktemp("pdf") / "issue.pdf"
    pdf.write_bytes(write_pdf(book))
    return book, pdf


def poppler_page(pdf: Path, index: int, out: Path) -> QImage:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(72 * SCALE),
            "-f",
            str(index + 1),
            "-l",
            str(index + 1),
            "-png",
            "-singlefile",
            pdf,
            out,
        ],
        check=True,
        timeout=60,
    )
    return QImage(str(out) + ".png")


def profiles(img: QImage, x0: int, y0: int, x1: int, y1: int) -> tuple[list[float], list[float]]:
    """Ink per column and per row of a region (darkness summed), for aligning two renderings."""
    gray = img.convertToFormat(QImage.Format.Format_Grayscale8)
    raw = bytes(gray.constBits())
    stride = gray.bytesPerLine()
    x0, x1 = max(0, x0), min(gray.width(), x1)
    y0, y1 = max(0, y0), min(gray.height(), y1)
    cols = [0.0] * (x1 - x0)
    rows = []
    for y in range(y0, y1):
        line = raw[y * stride + x0 : y * stride + x1]
        total = 0
        for i, v in enumerate(line):
            if v < 250:
                cols[i] += 255 - v
                total += 255 - v
        rows.append(float(total))
    return cols, rows


def best_shift(a: list[float], b: list[float], reach: int = 6) -> tuple[int, float]:
    """The shift of b against a (in px) that matches them best, and how well (1.0 = identical).

    Poppler and Qt anti-alias differently, and Qt puts a small glyph's baseline on a whole
    pixel, so pixels never match exactly; the ink profiles of a line still line up to within
    one pixel when both put each glyph at the same place.
    """

    def corr(k: int) -> float:
        pairs = [(a[i], b[i + k]) for i in range(len(a)) if 0 <= i + k < len(b)]
        sa = sum(p for p, _ in pairs) or 1.0
        sb = sum(q for _, q in pairs) or 1.0
        num = sum(p * q for p, q in pairs)
        den = (sum(p * p for p, _ in pairs) * sum(q * q for _, q in pairs)) ** 0.5 or 1.0
        return num / den if sa and sb else 0.0

    scores = {k: corr(k) for k in range(-reach, reach + 1)}
    k = max(scores, key=scores.__getitem__)
    return k, scores[k]


@pytest.mark.parametrize("which", ["cover", "first body page", "a middle page"])
def test_preview_ink_matches_the_pdf_line_by_line(qapp, book_and_pdf, tmp_path, which):
    book, pdf = book_and_pdf
    index = {"cover": 0, "first body page": book.anchors["d1"], "a middle page": book.anchors["d3"] + 2}[
        which
    ]
    page = book.pages[index]
    printed = poppler_page(pdf, index, tmp_path / "page")
    preview = render_page(page, book.faces, SCALE, FaceCache())
    assert abs(printed.width() - preview.width()) <= 1 and abs(printed.height() - preview.height()) <= 1
    runs = [i for i in page.items if isinstance(i, GlyphRun) and i.text.strip()]
    assert len(runs) >= 5
    compared = 0
    for run in runs[:: max(1, len(runs) // 12)]:  # a dozen lines spread over the page
        r = run_rect(run)
        box = (
            int((r.left() - 2) * SCALE),
            int((r.top() - 2) * SCALE),
            int((r.right() + 2) * SCALE),
            int((r.bottom() + 2) * SCALE),
        )
        pc, pr = profiles(printed, *box)
        qc, qr = profiles(preview, *box)
        assert (sum(pc) > 0) == (sum(qc) > 0), f"ink in only one rendering of {run.text!r}"
        if not sum(pc):
            continue
        (dx, fit_x), (dy, fit_y) = best_shift(pc, qc), best_shift(pr, qr)
        where = f"{run.text!r} on page {index}: shift ({dx}, {dy}) px, match ({fit_x:.3f}, {fit_y:.3f})"
        assert abs(dx) <= 1 and abs(dy) <= 1, where
        # a short run (a folio, a TOC page number) has few strokes: anti-aliasing weighs more
        good = 0.85 if len(run.text) >= 4 else 0.75
        assert fit_x > good and fit_y > good, where
        compared += 1
    assert compared >= 5
