"""Editor responsiveness on the reference issue and on the 10x issue (offscreen, real window).

    python benchmarks/bench_gui.py [--json] [--seed PATH] [--keys N]

For each issue (in its own process, so one does not warm the other):
  open_first_layout_s     open → the first laid-out book reaches the window (proof, tree pages)
  key_to_paint_ms_median  a key press posted to the document body → the body's next paint
  key_to_paint_ms_p90     the same, 90th percentile
  max_stall_ms_typing     the longest gap of a 5 ms ticker beyond its interval while typing, with
                          pauses after every few keys so relayout and preflight run in between
  pages                   pages of the issue
The findings dock is open (the costly case) and the proof dock shows the layout.
Targets for the 10x issue (issue 11): median <= 50 ms, p90 <= 120 ms, stall <= 150 ms, open <= 1.5 s.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
TICK_MS = 5
KEY_GAP_MS = 120  # a brisk typist
PAUSE_MS = 700  # after every PAUSE_EVERY keys: debounced relayout and preflight start
PAUSE_EVERY = 8


def ten_times(issue) -> None:
    """Ten copies of every document in its section, as benchmarks/bench_layout.py builds it."""
    for section in issue.sections:
        docs = list(section.documents)
        for k in range(9):
            for d in docs:
                c = copy.deepcopy(d)
                c.id = f"{d.id}x{k}"
                section.documents.append(c)


def child(seed: Path, big: bool, keys: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSettings, Qt, QTimer
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
        ten_times(issue)
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
    w.relayout.finished.connect(lambda _b: first or first.append(clock.nsecsElapsed() / 1e9))
    t_open = clock.nsecsElapsed() / 1e9
    assert w.open_path(str(path))
    while not first:
        app.processEvents()
        time.sleep(0.001)
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


def run_child(seed: Path, big: bool, keys: int) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            "--seed",
            str(seed),
            "--keys",
            str(keys),
            *(["--big"] if big else []),
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--seed", default=str(SEED), help="the issue (default: the reference issue)")
    ap.add_argument("--keys", type=int, default=40, help="key presses per issue (default 40)")
    ap.add_argument("--only", choices=("reference", "big"), help="measure one issue only")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--big", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    seed = Path(a.seed)
    if not seed.exists():
        print(f"bench_gui: no such issue file: {seed}", file=sys.stderr)
        return 1
    if a.child:
        print(json.dumps(child(seed, a.big, a.keys)))
        return 0
    result = {"load_average": [round(x, 2) for x in os.getloadavg()]}
    if a.only in (None, "reference"):
        result["reference"] = run_child(seed, False, a.keys)
    if a.only in (None, "big"):
        result["big"] = run_child(seed, True, a.keys)
    if a.json:
        print(json.dumps(result))
    else:
        for name, values in result.items():
            print(name, values)
    return 0


if __name__ == "__main__":
    sys.exit(main())
