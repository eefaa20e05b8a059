"""Background relayout of the reference issue, and the proof view following it.

These use the real layout engine and fonts: the worker thread, the cache and the view are
exercised exactly as the editor window uses them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from copy import deepcopy
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from editor.gui.proof_view import ProofView  # noqa: E402
from editor.gui.relayout import Relayout  # noqa: E402
from editor.importing import load_input  # noqa: E402
from layout.display import Book, GlyphRun, Ref  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "hld-2018-02.txt"
LONG = 120_000  # ms; the first layout also finds and reads the fonts

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")


@pytest.fixture
def issue():
    return load_input(SEED)


@pytest.fixture
def relayout(qtbot):
    r = Relayout(debounce_ms=20)
    yield r
    r.shutdown()


def text_of(book: Book, key) -> str:
    return "".join(i.text for p in book.pages for i in p.items if isinstance(i, GlyphRun) and i.key == key)


def first_layout(qtbot, relayout: Relayout, issue) -> Book:
    with qtbot.waitSignal(relayout.finished, timeout=LONG) as sig:
        relayout.request(issue)
    return sig.args[0]


def test_layout_runs_in_a_worker_while_the_event_loop_keeps_going(qtbot, relayout, issue):
    # a thicker issue (d3 twelve more times), so the layout lasts long enough to be watched
    for k in range(12):
        copy = deepcopy(issue.document("d3"))
        copy.id = f"x{k}"
        copy.blocks = [replace(b, text=b.text + f"（{k}）") for b in copy.blocks]
        issue.add_document(1, copy)
    # The GUI thread counts its own event-loop turns; the worker notes the count at every
    # progress step. Turns counted between the worker's first and last step prove the event
    # loop kept going while the layout ran, however fast or slow the machine is.
    ticks = [0]
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    threads: set[int] = set()
    seen_at: list[int] = []

    def step(*_) -> None:  # direct connection: runs in the worker thread
        threads.add(threading.get_ident())
        seen_at.append(ticks[0])

    relayout._worker.progress.connect(step)
    states: list[str] = []
    relayout.state.connect(states.append)
    timer.start()
    book = first_layout(qtbot, relayout, issue)
    timer.stop()
    assert isinstance(book, Book) and len(book.pages) > 150
    assert threads and threading.get_ident() not in threads
    assert len(seen_at) >= 3, "the layout reported too few steps to watch"
    assert seen_at[-1] - seen_at[0] >= 2, f"the event loop stood still during the layout: {seen_at}"
    assert states[0] == "排版中…" and states[-1] == "已更新"


def test_the_worker_gets_the_fonts_ready_before_the_first_request(qtbot, relayout, issue):
    """While the user is still choosing a file, the worker loads the default template's fonts; the
    first layout then uses that very FontBook instead of finding and reading the fonts again."""
    qtbot.waitUntil(lambda: relayout.cache is not None and len(relayout.cache.books) == 1, timeout=LONG)
    assert relayout.runs == 0
    (warmed,) = relayout.cache.books.values()
    first_layout(qtbot, relayout, issue)
    assert list(relayout.cache.books.values()) == [warmed]


def test_requests_are_coalesced(qtbot, relayout, issue):
    doc = issue.document("d2")
    for n in range(5):  # a burst of edits: one layout
        doc.blocks[0].text += f"甲{n}"
        relayout.request(issue)
    with qtbot.waitSignal(relayout.finished, timeout=LONG):
        pass
    qtbot.wait(150)
    assert relayout.runs == 1
    # edits while a layout runs: that layout ends, then exactly one more with the latest text
    books: list[Book] = []
    relayout.finished.connect(books.append)
    doc.blocks[0].text += "乙"
    relayout.request_now(issue)
    assert relayout.is_busy()
    for n in range(3):
        doc.blocks[0].text += f"丙{n}"
        relayout.request(issue)
    qtbot.waitUntil(lambda: len(books) == 2, timeout=LONG)
    qtbot.wait(150)
    assert relayout.runs == 3 and len(books) == 2
    assert text_of(books[-1], Ref("d2", "block", 0)).endswith("乙丙0丙1丙2")


def test_an_edit_relays_only_the_edited_document(qtbot, relayout, issue):
    first_layout(qtbot, relayout, issue)
    before = set(relayout.cache.flows)
    assert {k[0].id for k in before} == {d.id for d in issue.documents()}
    issue.document("d3").blocks[5].text += "（补充一句。）"
    with qtbot.waitSignal(relayout.finished, timeout=LONG) as sig:
        relayout.request(issue)
    after = set(relayout.cache.flows)
    laid = after - before
    assert laid and {k[0].id for k in laid} == {"d3"}
    assert len(after) == len(before)  # the old d3 layout was dropped (the engine prunes), not kept
    assert "（补充一句。）" in text_of(sig.args[0], Ref("d3", "block", 5))


def test_a_template_file_saved_since_the_last_layout_is_read_again(qtbot, relayout, issue, tmp_path):
    src = Path(__file__).resolve().parents[1] / "resources" / "templates" / "gazette-a4.toml"
    custom = tmp_path / "mine.toml"
    custom.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    with qtbot.waitSignal(relayout.finished, timeout=LONG) as sig:
        relayout.request(issue, str(custom))
    before = len(sig.args[0].pages)
    text = custom.read_text(encoding="utf-8").replace("leading = 20 ", "leading = 30 ", 1)
    assert "leading = 30" in text
    custom.write_text(text, encoding="utf-8")
    with qtbot.waitSignal(relayout.finished, timeout=LONG) as sig:
        relayout.request(issue, str(custom))
    assert len(sig.args[0].pages) > before * 1.2  # half as much leading again: many more pages


def test_a_failed_layout_is_one_line_not_a_traceback(qtbot, relayout, issue):
    issue.template = "no-such-template"
    states: list[str] = []
    relayout.state.connect(states.append)
    with qtbot.waitSignal(relayout.failed, timeout=LONG) as sig:
        relayout.request(issue)
    message = sig.args[0]
    assert message and "\n" not in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert states[-1] == "排版失败"


def test_view_follows_relayout_and_toc_shows_current_pages(qtbot, relayout, issue):
    view = ProofView()
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    relayout.finished.connect(view.set_book)
    book = first_layout(qtbot, relayout, issue)
    qtbot.waitUntil(lambda: view.book() is book)
    old_d4 = book.pages[book.anchors["d4"]].folio
    # a long addition to d2 pushes every later document back; the TOC must say so
    doc = issue.document("d2")
    doc.blocks[-1].text += "新增内容。" * 400
    with qtbot.waitSignal(relayout.finished, timeout=LONG) as sig:
        relayout.request(issue)
    new = sig.args[0]
    new_d4 = new.pages[new.anchors["d4"]].folio
    assert new_d4 > old_d4
    cover_text = "".join(i.text for i in new.pages[0].items if isinstance(i, GlyphRun))
    assert str(new_d4) in cover_text
    assert view.book() is new
    assert view.show_flow("d4") and view.book().pages[view.current_page()].folio == new_d4


def test_typing_200_keys_stays_responsive_with_background_relayout(qtbot, relayout, issue):
    """200 key presses into a paragraph of document 3 while layouts run in the background.

    Responsive means the key presses are handled while a layout is running (not queued behind
    it) and the event loop keeps turning meanwhile; how fast that is on this machine is a
    benchmark's business (benchmarks/bench_gui.py), not a test's.
    """
    view = ProofView()
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    relayout.finished.connect(view.set_book)
    first_layout(qtbot, relayout, issue)
    view.show_flow("d3")

    block = issue.document("d3").blocks[3]
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText(block.text)
    edit.show()
    edit.setFocus()

    def typed() -> None:
        block.text = edit.toPlainText()
        relayout.request(issue)

    edit.textChanged.connect(typed)
    books: list[Book] = []
    relayout.finished.connect(books.append)
    ticks = [0]
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1) if relayout._running else None)
    timer.start()
    keys_during_layout = 0
    for n in range(200):
        qtbot.keyClick(edit, "abcdefghij"[n % 10])
        QApplication.processEvents()
        keys_during_layout += relayout._running
        if n % 20 == 19:  # a typist's pause: the debounce fires and a layout starts
            qtbot.waitUntil(lambda: relayout._running or not relayout.is_busy(), timeout=LONG)
            QApplication.processEvents()
    timer.stop()
    assert keys_during_layout > 0, "no key press was handled while a layout ran"
    assert ticks[0] > 0, "the event loop did not turn while a layout ran"
    qtbot.waitUntil(lambda: not relayout.is_busy(), timeout=LONG)
    assert books and "abcdefghij" in text_of(books[-1], Ref("d3", "block", 3))


def test_dropping_a_relayout_without_shutdown_still_exits_cleanly(tmp_path):
    """A running QThread destroyed with its owner aborts the process; the module must prevent it."""
    script = tmp_path / "drop.py"
    script.write_text(
        "import gc, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from editor.gui.relayout import Relayout\n"
        "from editor.importing import load_input\n"
        f"issue = load_input({str(SEED)!r})\n"
        "r = Relayout(debounce_ms=1)\n"
        "got = []\n"
        "r.finished.connect(got.append)\n"
        "r.request(issue)\n"
        "while not got: app.processEvents()\n"
        "r.request(issue)  # a layout may be running while the owner goes away\n"
        "del r\n"
        "gc.collect()\n"
        "print('pages', len(got[0].pages))\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("pages ")
