"""Proofs and what changed between them, on the reference issue laid out for real."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from editor.checks import check_issue
from editor.compose import build_book
from editor.findings import visible
from editor.fingerprints import PROOF_COLOR, book_fingerprints, record_proof, toc_pages
from editor.importing import load_input
from editor.model import Role
from editor.proof_diff import diff_fingerprints
from editor.proof_marks import LISTING_TITLE, make_proof
from layout.display import GlyphRun, Ref, Rule
from layout.pdf import write_pdf

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "hld-2018-02.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")


@pytest.fixture(scope="module")
def seed():
    issue = load_input(str(SEED))
    return issue, build_book(issue)


def text_of(page) -> str:
    return "".join(i.text for i in page.items if isinstance(i, GlyphRun))


def long_paragraph(issue, doc_id: str) -> int:
    doc = issue.document(doc_id)
    return max(
        (i for i, b in enumerate(doc.blocks) if b.role == Role.PARAGRAPH),
        key=lambda i: len(doc.blocks[i].text),
    )


def test_fingerprints_are_stable_between_identical_builds(seed):
    issue, book = seed
    again = build_book(copy.deepcopy(issue))
    assert book_fingerprints(again) == book_fingerprints(book)
    result = diff_fingerprints(book_fingerprints(book), book_fingerprints(again))
    assert result.changes == [] and result.renumbered == 0


def test_one_paragraph_edit_in_d3_changes_only_d3_pages(seed):
    issue, book = seed
    issue = copy.deepcopy(issue)
    record = record_proof(issue, book, 1, "2018-03-10")
    assert issue.proofs == [record] and record.pages[0]["folio"] == book.pages[0].folio
    i = long_paragraph(issue, "d3")
    text = issue.document("d3").blocks[i].text
    issue.set_block_text("d3", i, text[:20] + "（已修改）" + text[20:])
    edited_page = None
    new_book = build_book(issue)
    for p, page in enumerate(new_book.pages):
        if any(isinstance(it, GlyphRun) and it.key == Ref("d3", "block", i) for it in page.items):
            edited_page = p
            break
    result = diff_fingerprints(
        record.pages, book_fingerprints(new_book), record.toc, toc_pages(issue, new_book)
    )
    changed = list(result.changes)
    assert changed, "the edited page must be listed"
    assert {c.new["flow"] for c in changed if c.new} | {c.old["flow"] for c in changed if c.old} == {"d3"}
    assert edited_page in {c.new["index"] for c in changed if c.new}
    if len(new_book.pages) == len(book.pages):
        assert result.toc_moved == []
    else:  # d3 grew a page: every later document's TOC entry moved by it
        assert {m["doc"] for m in result.toc_moved} == {"d4", "d5", "d6", "d7", "d8"}


def test_a_document_growing_a_page_moves_later_toc_entries(seed):
    issue, book = seed
    issue = copy.deepcopy(issue)
    before = book_fingerprints(book)
    old_toc = toc_pages(issue, book)
    i = long_paragraph(issue, "d5")
    issue.set_block_text("d5", i, issue.document("d5").blocks[i].text * 6)
    new_book = build_book(issue)
    assert len(new_book.pages) > len(book.pages)
    result = diff_fingerprints(before, book_fingerprints(new_book), old_toc, toc_pages(issue, new_book))
    flows = {(c.new or c.old)["flow"] for c in result.changes}
    assert "d5" in flows
    assert {m["doc"] for m in result.toc_moved} == {"d6", "d7", "d8"}
    assert all(m["new"] > m["old"] for m in result.toc_moved)
    assert flows <= {"d5", ""}  # "" is the cover, whose TOC page numbers changed
    assert result.renumbered > 0  # later documents moved without changing


def test_diff_without_document_knowledge_aligns_pages(seed):
    """PDFs from elsewhere carry no document ids: pages are aligned by their content."""
    _, book = seed
    old = [dict(p, flow=None, n=None) for p in book_fingerprints(book)]
    new = [dict(p) for p in old]
    new[5] = dict(new[5], hash="x", text_hash="y")
    inserted = dict(new[9], hash="z", text_hash="w")
    new.insert(10, inserted)
    result = diff_fingerprints(old, new)
    kinds = [(c.kind, (c.new or c.old)["index"]) for c in result.changes]
    assert kinds == [("text", 5), ("added", 9)]


def test_proof_marks_every_page_and_lists_findings(seed):
    issue, book = seed
    issue = copy.deepcopy(issue)
    findings = visible(issue, check_issue(issue, book=book))
    proof = make_proof(issue, book, 2, "2018-03-12", findings)
    assert len(proof.pages) > len(book.pages)
    assert len(book.pages[0].items) < len(proof.pages[0].items)  # the input book is left alone
    for page in proof.pages[: len(book.pages)]:
        red = "".join(i.text for i in page.items if isinstance(i, GlyphRun) and i.color == PROOF_COLOR)
        assert "校样" in red and "第2校" in red and "2018-03-12" in red
    listing = "".join(text_of(p) for p in proof.pages[len(book.pages) :])
    assert listing.startswith(LISTING_TITLE)
    assert listing.count("[") >= len(findings)
    assert "note-forms" in listing and "space-cjk" in listing
    # a finding's page carries a red bar beside the paragraph and its number in the margin
    f = next(f for f in findings if f.check == "note-forms")
    page = proof.pages[f.location.page]
    assert any(isinstance(i, Rule) and i.color == PROOF_COLOR for i in page.items)
    assert issue.proofs[-1].round == 2
    assert proof.outline[-1].title == LISTING_TITLE


def test_proof_fingerprints_ignore_the_proof_marks(seed):
    issue, book = seed
    issue = copy.deepcopy(issue)
    proof = make_proof(issue, book, 1, "2018-03-10", [])
    plain = book_fingerprints(book)
    marked = book_fingerprints(proof)[: len(book.pages)]
    assert [p["hash"] for p in marked] == [p["hash"] for p in plain]


def test_exported_proof_pdf_carries_its_fingerprints(seed, tmp_path):
    from editor.proof_pdf import export_proof, pdf_fingerprints

    issue, book = seed
    issue = copy.deepcopy(issue)
    data = export_proof(issue, book, 1, "2018-03-10")
    assert data.startswith(b"%PDF")
    fp = pdf_fingerprints(data)
    assert fp.exact and fp.pages == issue.proofs[-1].pages and fp.toc == issue.proofs[-1].toc
    # read back without the metadata: the red marks and the listing are left out of the pages
    plain = pdf_fingerprints(data, prefer_metadata=False)
    assert not plain.exact and len(plain.pages) == len(book.pages)
    assert "校样" not in plain.pages[3]["text"]
    assert plain.pages[3]["text"].replace("\n", "")[:10] in text_of(book.pages[3])


def test_a_damaged_pdf_is_one_clear_error():
    from editor.errors import UserError
    from editor.proof_pdf import pdf_fingerprints

    with pytest.raises(UserError) as info:
        pdf_fingerprints(b"%PDF-1.4 truncated", "old.pdf")
    assert "old.pdf" in info.value.zh and "\n" not in info.value.zh


def test_proof_of_a_document_with_a_character_no_font_has():
    from editor.model import Block, Document, Issue, Section

    doc = Document(
        "d1",
        title="青禾市人民政府关于地名用字的通知",
        blocks=[
            Block(Role.PARAGRAPH, "地名“\U00020000村”须按原字印刷。"),
            Block(Role.SIGNATURE, "青禾市人民政府"),
            Block(Role.DATE, "2026年3月14日"),
        ],
    )
    issue = Issue(year=2026, number=1, cumulative=80, sections=[Section("市政府文件", [doc])])
    issue.gazette.name = "青禾市人民政府公报"
    book = build_book(issue)
    proof = make_proof(issue, book, 1, "2026-03-15")
    listing = "".join(text_of(p) for p in proof.pages[len(book.pages) :])
    assert "missing-char" in listing and "U+20000" in listing
    assert write_pdf(proof).startswith(b"%PDF")


def test_toc_rows_without_ids_are_matched_by_title_and_occurrence_not_title_alone():
    """A PDF without our metadata gives TOC rows by title only; an issue may repeat a title."""
    old = [{"doc": None, "title": "关于印发规划的通知", "page": p} for p in (3, 9, 15)]
    same = [dict(r) for r in old]
    assert diff_fingerprints([], [], old, same).toc_moved == []
    grown = [dict(r, page=r["page"] + (2 if i else 0)) for i, r in enumerate(old)]  # the first grew
    moved = diff_fingerprints([], [], old, grown).toc_moved
    assert [(m["old"], m["new"]) for m in moved] == [(9, 11), (15, 17)]
