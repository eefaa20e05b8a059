"""`diff` of two PDFs without our metadata: text read back with PDFium, TOC rows by document identity.

The ten-copy issue (every document of the reference issue ten times over, as benchmarks/bench_layout.py
builds it) repeats every title and document number ten times: a diff that matched TOC rows by title
would report moves that did not happen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.compose import build_book
from editor.importing import load_input
from editor.model import Role
from editor.proof_diff import diff_fingerprints
from editor.proof_pdf import pdf_fingerprints
from layout.display import GlyphRun, Ref
from layout.pdf import write_pdf

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "hld-2018-02.txt"


def ten_copies():
    issue = load_input(str(SEED))
    issue.repeat_documents(10)
    return issue


@pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")
def test_ten_copy_issue_against_itself_with_one_edit_reports_that_page_and_no_toc_move():
    issue = ten_copies()
    old_book = build_book(issue)
    old_pdf = write_pdf(old_book)
    docs = issue.documents()
    doc = docs[len(docs) // 2]
    index = next(i for i, b in enumerate(doc.blocks) if b.role == Role.PARAGRAPH and len(b.text) > 40)
    text = doc.blocks[index].text
    # one Han character for another: the same advance and line-breaking class, so nothing reflows
    first = next(k for k, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff")
    swapped = "乙" if text[first] != "乙" else "丙"
    issue.set_block_text(doc.id, index, text[:first] + swapped + text[first + 1 :])
    new_book = build_book(issue)
    new_pdf = write_pdf(new_book)
    where = {
        n
        for n, page in enumerate(new_book.pages)
        for it in page.items
        if isinstance(it, GlyphRun) and it.key == Ref(doc.id, "block", index) and swapped in it.text
    }
    assert len(where) == 1

    old = pdf_fingerprints(old_pdf, "old.pdf", prefer_metadata=False)
    new = pdf_fingerprints(new_pdf, "new.pdf", prefer_metadata=False)
    assert not old.exact and not new.exact
    assert len(old.toc) == len(new.toc) > 80  # every document of every copy, and the section bookmarks
    result = diff_fingerprints(old.pages, new.pages, old.toc, new.toc)
    assert [(c.kind, c.new["index"] if c.new else None) for c in result.changes] == [("text", where.pop())]
    assert result.toc_moved == []


def test_toc_rows_without_ids_are_told_apart_by_document_number():
    """Two documents of the same title swap places: matched by title and occurrence they would
    look unmoved; their numbers say which went where."""
    title = "关于做好安全生产工作的通知"
    old = [
        {"doc": None, "title": title, "number": "〔2018〕1号", "page": 3},
        {"doc": None, "title": title, "number": "〔2018〕2号", "page": 9},
    ]
    new = [
        {"doc": None, "title": title, "number": "〔2018〕2号", "page": 3},
        {"doc": None, "title": title, "number": "〔2018〕1号", "page": 9},
    ]
    moved = diff_fingerprints([], [], old, new).toc_moved
    assert sorted((m["old"], m["new"]) for m in moved) == [(3, 9), (9, 3)]
    assert diff_fingerprints([], [], old, [dict(r) for r in old]).toc_moved == []


def test_pages_of_a_repeating_issue_stay_paired_with_themselves():
    """difflib pairs a periodic sequence one period apart; the shortest edit script does not."""
    from editor.proof_diff import _align

    old = list("abcdefg" * 10)
    new = list(old)
    new[40] = "x"
    assert _align(old, new) == [
        ("equal", 0, 40, 0, 40),
        ("replace", 40, 41, 40, 41),
        ("equal", 41, 70, 41, 70),
    ]


def test_alignment_is_a_shortest_edit_script():
    import random

    from editor.proof_diff import _align

    def lcs(a, b) -> int:
        row = [0] * (len(b) + 1)
        for x in a:
            prev = 0
            for j, y in enumerate(b):
                prev, row[j + 1] = row[j + 1], prev + 1 if x == y else max(row[j + 1], row[j])
        return row[-1]

    rng = random.Random(7)
    for _ in range(500):
        a = [rng.choice("abc") for _ in range(rng.randint(0, 14))]
        b = [rng.choice("abc") for _ in range(rng.randint(0, 14))]
        ops = _align(a, b)
        i = j = 0
        rebuilt: list[str] = []
        for tag, i1, i2, j1, j2 in ops:
            assert (i1, j1) == (i, j)
            if tag == "equal":
                assert a[i1:i2] == b[j1:j2]
            rebuilt += b[j1:j2]
            i, j = i2, j2
        assert (i, j) == (len(a), len(b)) and rebuilt == b
        edits = sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in ops if tag != "equal")
        assert edits == len(a) + len(b) - 2 * lcs(a, b)


@pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")
def test_content_reader_and_pdfium_read_the_same_text_and_toc():
    data = write_pdf(build_book(load_input(str(SEED))))
    content = pdf_fingerprints(data, prefer_metadata=False)
    pdfium = pdf_fingerprints(data, prefer_metadata=False, reader="pdfium")
    assert (content.reader, pdfium.reader) == ("content", "pdfium")
    assert [p["text"] for p in content.pages] == [p["text"] for p in pdfium.pages]
    assert content.toc == pdfium.toc and len(content.toc) >= 8


def test_a_pdf_not_drawn_like_ours_is_read_with_pdfium():
    """reportlab's own drawString uses Td and a simple font: the content reader declines it."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from editor.proof_pdf import pdf_pair_fingerprints

    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.drawString(72, 720, "Gazette proof page one")
    c.showPage()
    c.save()
    fp = pdf_fingerprints(buf.getvalue(), prefer_metadata=False)
    assert fp.reader == "pdfium"
    assert fp.pages[0]["text"] == "Gazetteproofpageone"  # spaces are left out: PDFium invents some
    ours = write_pdf(build_book(load_input(str(SEED)))) if SEED.exists() else None
    if ours is not None:  # one side ours, the other not: both are read with PDFium, so they compare
        a, b = pdf_pair_fingerprints(ours, buf.getvalue(), "ours.pdf", "other.pdf")
        assert (a.reader, b.reader) == ("pdfium", "pdfium")


@pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")
def test_diff_of_two_of_our_pdfs_without_metadata_needs_no_pdfium(tmp_path):
    """pikepdf alone reads our PDFs (metadata, content, page labels, bookmarks): PDFium, whose import
    and page loading cost more than the rest of such a diff, stays out of the process."""
    import subprocess
    import sys

    data = write_pdf(build_book(load_input(str(SEED))))
    (tmp_path / "a.pdf").write_bytes(data)
    code = (
        "import sys; from pathlib import Path; from editor.proof_pdf import pdf_pair_fingerprints as p\n"
        f"d = Path({str(tmp_path / 'a.pdf')!r}).read_bytes(); a, b = p(d, d, 'a', 'b')\n"
        "print(a.reader, b.reader, len(a.toc), 'pypdfium2' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    reader_a, reader_b, rows, pdfium_loaded = out.stdout.split()
    assert (reader_a, reader_b, pdfium_loaded) == ("content", "content", "False")
    assert int(rows) >= 8
