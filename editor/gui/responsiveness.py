"""Measure the editor's responsiveness in this process (offscreen, real window): the probe that
benchmarks/bench_gui.py runs once per issue, in a child process of its own.

    python -m editor.gui.responsiveness SEED [--big] [--keys N]     (prints one JSON object)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TICK_MS = 5
KEY_GAP_MS = 120  # a brisk typist
PAUSE_MS = 700  # after every PAUSE_EVERY keys: debounced relayout and preflight start
PAUSE_EVERY = 8


def measure(seed: Path, big: bool, keys: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QSettings, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from editor.gui.app import make_application
    from editor.gui.main_window import MainWindow
    from editor.importing import load_input
    from editor.issue_file import save_issue
    from editor.model import Role

    app = make_application()
    tmp = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    issue = load_input(str(seed))
    if big:
        issue.repeat_documents(10)
    path = tmp / "issue.gazette"
    save_issue(issue, path)

    w = MainWindow(QSettings(str(tmp / "editor.ini"), QSettings.Format.IniFormat))
    w.ask = False
    w.resize(1600, 1000)
    w.show()
    w.show_findings()
    app.processEvents()

    clock = QElapsedTimer()
    clock.start()
    first: list[float] = []

    def note_first(_book) -> None:
        if not first:
            first.append(clock.nsecsElapsed() / 1e9)

    # the application's own event loop, as a user's editor runs it (a Python loop polling
    # processEvents would take the interpreter from the layout worker every millisecond)
    loop = QEventLoop()
    w.relayout.finished.connect(note_first)
    w.relayout.finished.connect(loop.quit)
    t_open = clock.nsecsElapsed() / 1e9
    assert w.open_path(str(path))
    if not first:
        loop.exec()
    open_s = first[0] - t_open
    # let the first preflight and thumbnails settle before typing
    deadline = clock.elapsed() + 120_000
    while (w.relayout.is_busy() or w.findings.runner.is_busy()) and clock.elapsed() < deadline:
        app.processEvents()
        time.sleep(0.002)

    docs = w.session.issue.documents()
    doc = docs[len(docs) // 2]
    w.tree.select_document(doc.id)
    body = w.editor.body
    index = next(i for i, b in enumerate(doc.blocks) if b.role == Role.PARAGRAPH and len(b.text) > 40)
    body.goto_block(index, 5)
    body.setFocus()
    app.processEvents()

    latencies: list[float] = []
    pending: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, _obj, event) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and pending:
                latencies.append((clock.nsecsElapsed() / 1e9 - pending.pop()) * 1000)
            return False

    watch = PaintWatch()
    body.viewport().installEventFilter(watch)
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(lambda: ticks.append(clock.nsecsElapsed() / 1e9))
    schedule: list[float] = []
    t = 0.0
    for n in range(keys):
        schedule.append(t)
        t += KEY_GAP_MS / 1000
        if n % PAUSE_EVERY == PAUSE_EVERY - 1:
            t += PAUSE_MS / 1000
    end = t + 1.0
    letters = "abcdefghij"
    ticker.start()
    start = clock.nsecsElapsed() / 1e9
    sent = 0
    while True:
        now = clock.nsecsElapsed() / 1e9 - start
        if sent < keys and now >= schedule[sent]:
            ch = letters[sent % 10]
            pending[:] = [clock.nsecsElapsed() / 1e9]
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.postEvent(
                    body, QKeyEvent(kind, Qt.Key.Key_A + sent % 10, Qt.KeyboardModifier.NoModifier, ch)
                )
            sent += 1
        if now > end and sent >= keys:
            break
        app.processEvents()
        time.sleep(0.0005)
    ticker.stop()
    gaps = [(b - a) * 1000 - TICK_MS for a, b in zip(ticks, ticks[1:], strict=False)]
    typed = w.session.issue.document(doc.id).blocks[index].text
    assert typed.count("a") >= 1, "the keys did not reach the document"
    pages = len(w.book.pages) if w.book is not None else 0
    lat = sorted(latencies)
    w.shutdown()
    return {
        "open_first_layout_s": round(open_s, 3),
        "key_to_paint_ms_median": round(statistics.median(lat), 1) if lat else None,
        "key_to_paint_ms_p90": round(lat[int(0.9 * (len(lat) - 1))], 1) if lat else None,
        "max_stall_ms_typing": round(max(gaps), 1) if gaps else None,
        "keys": keys,
        "painted_keys": len(lat),
        "pages": pages,
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("seed")
    ap.add_argument("--big", action="store_true", help="ten copies of every document")
    ap.add_argument("--keys", type=int, default=40)
    a = ap.parse_args(argv)
    print(json.dumps(measure(Path(a.seed), a.big, a.keys)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
