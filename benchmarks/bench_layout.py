"""Layout speed on the reference issue, through the same pipeline the CLI uses.

    python benchmarks/bench_layout.py [--json] [--seed PATH]

Measures (all on this machine, times in seconds unless the name says ms):
  full_build_s      compose + typeset + write_pdf, in-process, fonts warm, fresh layout cache; median of 5
  layout_only_s     the same without write_pdf; median of 5
  edit_relayout_ms  one paragraph of document 3 changed, compose + typeset with the cache of the
                    previous build (what the editor's preview does); median of 10
  cold_cli_s        `python main.py build SEED -o OUT.pdf` as a whole process; median of 5
  pages             pages of the reference issue
  big_*             a synthetic issue of ten copies of every document, built in a child process
                    (so its peak RSS is its own): pages, build time (compose+typeset+PDF), peak RSS
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"


def _timed(fn, n: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(n):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def _pipeline(seed: Path):
    from editor.compose import compose
    from editor.importing import load_input
    from layout.engine import LayoutCache, typeset
    from layout.template import load_template

    issue = load_input(str(seed))
    tpl = load_template(issue.template)
    warm = LayoutCache()
    typeset(compose(issue), tpl, cache=warm)  # loads the fonts once
    fonts = warm.fontbook(tpl)

    def fresh_cache() -> LayoutCache:
        c = LayoutCache()
        c.books = warm.books  # fonts stay loaded; layouts do not
        return c

    return issue, tpl, fonts, fresh_cache, compose, typeset


def measure(seed: Path, cli_runs: int = 5) -> dict:
    from layout.pdf import write_pdf

    issue, tpl, fonts, fresh_cache, compose, typeset = _pipeline(seed)
    layout_s, book = _timed(lambda: typeset(compose(issue), tpl, fonts=fonts, cache=fresh_cache()), 5)
    full_s, _ = _timed(lambda: write_pdf(typeset(compose(issue), tpl, fonts=fonts, cache=fresh_cache())), 5)

    # an edit: one paragraph of the third document, with the previous build's cache
    cache = fresh_cache()
    typeset(compose(issue), tpl, fonts=fonts, cache=cache)
    doc = issue.documents()[2]
    index = next(i for i, b in enumerate(doc.blocks) if b.role == "paragraph" and len(b.text) > 40)
    original = doc.blocks[index].text
    edits = []
    for k in range(10):
        issue.set_block_text(doc.id, index, original + "（修改" + str(k) + "）")
        t = time.perf_counter()
        typeset(compose(issue), tpl, fonts=fonts, cache=cache)
        edits.append(time.perf_counter() - t)
    issue.set_block_text(doc.id, index, original)

    cold = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "seed.pdf")
        for _ in range(cli_runs):
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, str(ROOT / "main.py"), "build", str(seed), "-o", out],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
            cold.append(time.perf_counter() - t)
    big = json.loads(
        subprocess.run(
            [sys.executable, __file__, "--big-child", "--seed", str(seed)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
    )
    return {
        "full_build_s": round(full_s, 4),
        "layout_only_s": round(layout_s, 4),
        "edit_relayout_ms": round(statistics.median(edits) * 1000, 2),
        "cold_cli_s": round(statistics.median(cold), 4),
        "pages": len(book.pages),
        **big,
    }


def big_child(seed: Path) -> dict:
    """Ten copies of every document, in their sections: cost should grow linearly."""
    from layout.pdf import write_pdf

    issue, tpl, fonts, fresh_cache, compose, typeset = _pipeline(seed)
    for section in issue.sections:
        docs = list(section.documents)
        for k in range(9):
            for d in docs:
                c = copy.deepcopy(d)
                c.id = f"{d.id}x{k}"
                section.documents.append(c)
    t = time.perf_counter()
    book = typeset(compose(issue), tpl, fonts=fonts, cache=fresh_cache())
    write_pdf(book)
    elapsed = time.perf_counter() - t
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "big_pages": len(book.pages),
        "big_build_s": round(elapsed, 3),
        "big_peak_rss_mb": round(rss_kb / 1024, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--seed", default=str(SEED), help="the issue to build (default: the reference issue)")
    ap.add_argument("--big-child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    seed = Path(a.seed)
    if not seed.exists():
        print(f"bench_layout: no such issue file: {seed}", file=sys.stderr)
        return 1
    if a.big_child:
        print(json.dumps(big_child(seed)))
        return 0
    result = measure(seed)
    if a.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:18} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
