"""The editor stays responsive on a long issue: what keeps work off the GUI thread, or away from
the moments the user types. Behaviour only; timings are benchmarks/bench_gui.py's business."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from editor.findings import Finding, Location, Severity  # noqa: E402
from editor.gui.collector import IdleCollector  # noqa: E402
from editor.gui.commands import IssueSession  # noqa: E402
from editor.gui.findings_panel import FindingsPanel  # noqa: E402
from editor.gui.proof_view import ProofView  # noqa: E402
from editor.gui.relayout import Relayout  # noqa: E402
from editor.gui.workers import SWITCH_INTERVAL, fast_switching  # noqa: E402
from editor.importing import load_input  # noqa: E402
from editor.model import Issue  # noqa: E402
from layout.display import GlyphRun, Ref  # noqa: E402


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_no_full_collection_while_editing_one_after_a_pause(qtbot):
    before = gc.get_threshold()
    full: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    collector = IdleCollector(idle_ms=60_000)  # no pause in this part
    gc.callbacks.append(seen)
    try:
        gc.collect()
        full.clear()
        # plenty of cyclic garbage and long-lived objects: without the collector this starts
        # several full passes on its own
        keep = []
        for i in range(400_000):
            _Cycle()
            if i % 4 == 0:
                keep.append([i])
        assert full == []
        collector._timer.setInterval(10)  # now the user pauses
        collector.poke()
        qtbot.waitUntil(lambda: collector.collections == 1, timeout=10_000)
        assert full
    finally:
        gc.callbacks.remove(seen)
        collector.release()
    assert gc.get_threshold() == before


def test_a_busy_worker_postpones_the_full_collection(qtbot):
    busy = [True]
    collector = IdleCollector(idle_ms=5, busy=lambda: busy[0])
    try:
        collector.poke()
        qtbot.wait(50)
        assert collector.collections == 0
        busy[0] = False
        qtbot.waitUntil(lambda: collector.collections == 1, timeout=10_000)
    finally:
        collector.release()


def test_fast_switching_nests_and_restores():
    default = sys.getswitchinterval()
    with fast_switching():
        with fast_switching():
            assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(default)


# ---- the proof after an edit: only the edited pages are new ------------------------------------

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "hld-2018-02.txt"
LONG = 120_000  # ms; the first layout also finds and reads the fonts


@pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")
def test_after_an_edit_only_the_edited_pages_are_drawn_again_with_the_new_text(qtbot):
    issue = load_input(SEED)
    relayout = Relayout(debounce_ms=20)
    view = ProofView()
    qtbot.addWidget(view)
    view.resize(900, 1400)
    view.show()
    qtbot.waitExposed(view)
    try:
        with qtbot.waitSignal(relayout.finished, timeout=LONG) as sig:
            relayout.request_now(issue)
        book = sig.args[0]
        old_keys = relayout.page_keys(book)
        assert old_keys is not None and len(old_keys) == len(book.pages)
        view.set_book(book, old_keys)
        doc = issue.document("d3")
        index = next(i for i, b in enumerate(doc.blocks) if len(b.text) > 40)
        ref = Ref("d3", "block", index)
        assert view.show_key(ref)
        before = view.canvas().grab().toImage()
        rendered = view.pixmap_renders
        # two characters replaced by two others: the same lines, the same pages, new ink
        text = doc.blocks[index].text
        issue.set_block_text("d3", index, "囍囍" + text[2:])
        with qtbot.waitSignal(relayout.finished, timeout=LONG) as sig:
            relayout.request_now(issue)
        new = sig.args[0]
        new_keys = relayout.page_keys(new)
        assert new_keys is not None and len(new_keys) == len(old_keys)
        changed = {i for i, (a, b) in enumerate(zip(old_keys, new_keys, strict=True)) if a != b}
        holding = {
            i for i, p in enumerate(new.pages) for it in p.items if isinstance(it, GlyphRun) and it.key == ref
        }
        assert changed == holding  # every other page is known unchanged, without hashing it
        view.set_book(new, new_keys)
        after = view.canvas().grab().toImage()
        visible = set(view.visible_pages())
        assert view.pixmap_renders - rendered == len(changed & visible) >= 1
        assert "囍囍" in "".join(
            it.text for p in new.pages for it in p.items if isinstance(it, GlyphRun) and it.key == ref
        )
        for i in visible:  # the edited page's pixels changed, the others' did not
            r = view.page_rect(i)
            same = before.copy(r) == after.copy(r)
            assert same == (i not in changed), i
    finally:
        relayout.shutdown()


# ---- the findings list ---------------------------------------------------------------------------


def _findings(n: int, changed: int | None = None) -> list[Finding]:
    out = []
    for i in range(n):
        text = "改过的提示" if i == changed else f"提示 {i}"
        out.append(Finding("space-cjk", Severity.NOTE, Location("d1", "block", i), text, text))
    return out


def test_the_findings_list_replaces_only_the_rows_that_changed(qtbot):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel._checked(_findings(300))
    before = [panel.tree.topLevelItem(i) for i in range(300)]
    panel.select_index(10)
    new = _findings(300, changed=150)
    panel._checked(new)
    after = [panel.tree.topLevelItem(i) for i in range(300)]
    assert [a is b for a, b in zip(before, after, strict=True)].count(False) == 1
    assert after[150] is not before[150] and after[150].text(4) == "改过的提示"
    # rows kept from the last check answer with the newest findings
    assert panel.selected() is new[10]


def test_a_new_issue_is_checked_once_its_first_layout_is_there(qtbot):
    session = IssueSession(Issue())
    panel = FindingsPanel(session=session)
    qtbot.addWidget(panel)
    panel.show()
    panel.wait_for_layout = True
    runs = panel.runner.runs
    session.replace(Issue(), None)
    assert panel.runner.runs == runs  # the layout needs the interpreter more than the checks
    panel.set_book(None)
    qtbot.waitUntil(lambda: panel.runner.runs == runs + 1, timeout=10_000)
    # a layout that fails (or an issue with nothing to lay out) does not leave it unchecked
    session.replace(Issue(), None)
    assert panel.runner.runs == runs + 1
    panel.stop_waiting_for_layout()
    qtbot.waitUntil(lambda: panel.runner.runs == runs + 2, timeout=10_000)


@pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")
def test_opening_an_issue_lays_it_out_at_once_and_once(qtbot, tmp_path):
    from tests.gui_window import new_window

    w = new_window(qtbot, tmp_path)
    w.show()
    try:
        runs = w.relayout.runs
        assert w.open_path(str(SEED))
        # started before the tree, editor and findings took the issue in, without a debounce
        assert w.relayout.runs == runs + 1
        qtbot.waitUntil(lambda: w.book is not None and not w.relayout.is_busy(), timeout=LONG)
        assert w.relayout.runs == runs + 1  # and the replaced issue did not ask for a second one
        assert {d.id for d in w.session.issue.documents()} <= set(w.book.anchors)
    finally:
        w.shutdown()


@pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")
def test_a_first_layout_tells_the_tree_about_the_page_column_only(qtbot):
    """Page numbers of a whole issue arrive at once after opening: the tree is told that its page
    column changed (every document row), and nothing else, so the view does not measure every
    title again while the layout of a long issue is still being shown."""
    from editor.gui.issue_tree import IssueTreeModel

    issue = load_input(str(SEED))
    issue.repeat_documents(3)
    model = IssueTreeModel(IssueSession(issue))
    seen: list[tuple[int, int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, *_: seen.append((a.internalId(), a.row(), b.row(), a.column(), b.column()))
    )
    pages = {d.id: 10 + k for k, d in enumerate(issue.documents())}
    model.set_pages(pages)
    assert seen and all(first == last == 2 for *_, first, last in seen)
    covered = 0
    for doc in issue.documents():
        index = model.index_of_document(doc.id)
        assert model.data(model.index(index.row(), 2, index.parent())) == str(pages[doc.id])
        covered += any(
            kind == index.internalId() and r0 <= index.row() <= r1 for kind, r0, r1, _c0, _c1 in seen
        )
    assert covered == len(issue.documents()) > 20
