"""Incremental preflight: the cache gives exactly the findings of a full pass, re-checking only
the documents that changed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from editor.check_cache import CheckCache, snapshot
from editor.content_checks import check_content
from editor.importing import load_input

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "hld-2018-02.txt"


def as_set(findings) -> Counter:
    return Counter(
        (f.check, f.location.doc, f.location.part, f.location.block, f.location.offset, f.zh)
        for f in findings
    )


def test_cache_equals_a_full_pass_and_rechecks_only_the_edited_document():
    issue = load_input(str(SEED))
    cache = CheckCache()
    assert as_set(cache.content(issue)) == as_set(check_content(issue))
    assert len(cache.rechecked) == len(issue.documents())
    doc = issue.documents()[2]
    issue.set_block_text(doc.id, 1, doc.blocks[1].text + " ,,重复，，")
    assert as_set(cache.content(issue)) == as_set(check_content(issue))
    assert cache.rechecked == [doc.id]
    assert cache.content(issue) and cache.rechecked == []  # nothing changed: nothing re-checked
    # a cross-document fact (a duplicated number) is still seen when only one document changed
    other = issue.documents()[4]
    issue.set_document_field(other.id, "number", issue.documents()[0].number)
    found = cache.content(issue)
    assert as_set(found) == as_set(check_content(issue))
    assert any(f.check == "doc-number-duplicate" for f in found)


def test_snapshot_is_not_touched_by_later_edits():
    issue = load_input(str(SEED))
    copy = snapshot(issue)
    doc = issue.documents()[0]
    before = copy.documents()[0].blocks[0].text
    issue.set_block_text(doc.id, 0, "改了")
    issue.remove_block(doc.id, 1)
    assert copy.documents()[0].blocks[0].text == before
    assert len(copy.documents()[0].blocks) == len(doc.blocks) + 1


def test_layout_checks_rescan_only_the_pages_a_relayout_changed():
    from editor.compose import compose
    from editor.layout_checks import PageMemo, check_layout, place_on_pages
    from layout.engine import LayoutCache, typeset
    from layout.template import load_template

    issue = load_input(str(SEED))
    tpl = load_template(issue.template)
    layouts = LayoutCache()
    memo = PageMemo()
    book = typeset(compose(issue), tpl, cache=layouts)
    assert as_set(check_layout(issue, book, memo)) == as_set(check_layout(issue, book))
    assert len(memo.scanned) == len(book.pages)
    # a paragraph of d3 grows by a line's worth: d3's pages change, the rest come back as they were
    doc = issue.document("d3")
    index = next(i for i, b in enumerate(doc.blocks) if len(b.text) > 40)
    issue.set_block_text("d3", index, doc.blocks[index].text + "补充一句，" * 8)
    new = typeset(compose(issue), tpl, cache=layouts)
    found = check_layout(issue, new, memo)
    assert as_set(found) == as_set(check_layout(issue, new))
    flows = {new.pages[p].flow for p in memo.scanned}
    assert memo.scanned and len(memo.scanned) < len(new.pages) // 2
    assert flows <= {"d3", None, ""} | {p.flow for p in new.pages[: new.anchors["d1"]]}
    # content findings are placed on the same pages as without the memo
    content = CheckCache().content(issue)
    plain = list(content)
    place_on_pages(plain, new)
    memoised = list(content)
    place_on_pages(memoised, new, memo)
    assert [f.location for f in memoised] == [f.location for f in plain]
