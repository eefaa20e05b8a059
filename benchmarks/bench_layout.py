"""Layout speed on the reference issue, through the same pipeline the CLI uses.

    python benchmarks/bench_layout.py [--json] [--seed PATH]

Measures (all on this machine, times in seconds unless the name says ms):
  full_build_s      compose + typeset + write_pdf, in-process, fonts warm, fresh layout and page-stream
                    caches; median of 5
  layout_only_s     the same without write_pdf; median of 5
  edit_relayout_ms  one paragraph of document 3 changed, compose + typeset with the cache of the
                    previous build (what the editor's preview does); median of 10
  cold_cli_s        `python main.py build SEED -o OUT.pdf` as a whole process; median of 5. From the
                    second run on this is a rebuild: the process reads what the last build of
                    SEED kept in the cache folder (layout/keptbuild.py)
  cold_cli_first_build_s   the same for an input never built before (SEED copied to a new path
                    each time): nothing kept, the font and code tables warm; median of 3
  pages             pages of the reference issue
  big_*             a synthetic issue of ten copies of every document, built in a child process
                    (so its peak RSS is its own): pages, build time (compose+typeset+PDF), peak RSS
  cold_cli_empty_cache_s   the cold CLI build with an empty font cache (GAZETTE_PRESS_CACHE in a new
                    folder): what the first build on a new machine or after a font update costs;
                    median of 3, each with a new empty folder
  edit_export_ms    one paragraph changed, then compose + typeset + write_pdf with the previous
                    build's caches (layout cache and PDF page streams: edit, then export); median of 5
  big50_build_s     fifty copies of every document (child process): compose + typeset + PDF;
                    compare with 50 x full_build_s (the curve should stay linear)
  big50_unit_build_s / big50_ratio  the reference issue built the same way in that child just
                    before the fifty copies (median of 3), and big50_build_s over it: the 1x and
                    50x builds measured side by side (full_build_s is measured minutes earlier,
                    and this machine's speed drifts by up to a third in that time)
  big_edit_relayout_ms_p99  on the ten-copy issue: 20 edits of one paragraph, each re-laid out with
                    the previous layout's cache; the 99th percentile
  diff_nometa_s     `main.py diff A.pdf B.pdf` of two builds of the reference issue without our
                    metadata (text extracted from the PDFs), as a whole process; median of 3
  big_diff_nometa_s / big_diff_nometa_rss_mb  the same on the ten-copy issue: time and peak RSS
  check_s           `main.py check SEED` as a whole process (content and layout checks)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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
    from layout.pdf import PageStreams, write_pdf

    issue, tpl, fonts, fresh_cache, compose, typeset = _pipeline(seed)
    layout_s, book = _timed(lambda: typeset(compose(issue), tpl, fonts=fonts, cache=fresh_cache()), 5)
    full_s, _ = _timed(
        lambda: write_pdf(
            typeset(compose(issue), tpl, fonts=fonts, cache=fresh_cache()), streams=PageStreams()
        ),
        5,
    )

    # an edit: one paragraph of the third document, with the previous build's cache
    cache, streams = fresh_cache(), PageStreams()
    write_pdf(typeset(compose(issue), tpl, fonts=fonts, cache=cache), streams=streams)
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
            cold.append(_cli_build(str(seed), out))
    first_builds = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "new.pdf")
        for k in range(3):
            copy = os.path.join(tmp, f"new-issue-{k}{seed.suffix}")
            shutil.copyfile(seed, copy)
            first_builds.append(_cli_build(copy, out))
    # edit, then export: the same paragraph changed, re-laid out and written with warm caches
    exports = []
    for k in range(5):
        issue.set_block_text(doc.id, index, original + "（导出" + str(k) + "）")
        t = time.perf_counter()
        write_pdf(typeset(compose(issue), tpl, fonts=fonts, cache=cache), streams=streams)
        exports.append(time.perf_counter() - t)
    issue.set_block_text(doc.id, index, original)

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "seed.pdf")
        empties = []
        for k in range(3):  # each run with a cache folder of its own, new and empty
            empties.append(_cli_build(str(seed), out, cache=os.path.join(tmp, f"empty-cache-{k}")))
        cold_empty = statistics.median(empties)
        other = os.path.join(tmp, "other.pdf")
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "build", str(seed), "-o", other],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        diff_s = statistics.median(_process(["diff", out, other])[0] for _ in range(3))
        check_s, _ = _process(["check", str(seed)])

    big = _child(seed, 10)
    big50 = _child(seed, 50, edits=False, pdf_out=False, unit=True)
    return {
        "full_build_s": round(full_s, 4),
        "layout_only_s": round(layout_s, 4),
        "edit_relayout_ms": round(statistics.median(edits) * 1000, 2),
        "cold_cli_s": round(statistics.median(cold), 4),
        "cold_cli_first_build_s": round(statistics.median(first_builds), 4),
        "cold_cli_empty_cache_s": round(cold_empty, 4),
        "edit_export_ms": round(statistics.median(exports) * 1000, 2),
        "diff_nometa_s": round(diff_s, 4),
        "check_s": round(check_s, 4),
        "pages": len(book.pages),
        **big,
        "big50_pages": big50["big_pages"],
        "big50_build_s": big50["big_build_s"],
        "big50_peak_rss_mb": big50["big_peak_rss_mb"],
        "big50_unit_build_s": big50["unit_build_s"],
        "big50_ratio": round(big50["big_build_s"] / big50["unit_build_s"], 1),
    }


def _cli_build(source: str, out: str, cache: str | None = None) -> float:
    """Seconds of `main.py build SOURCE -o OUT` as a whole process (with CACHE as the cache folder)."""
    env = None if cache is None else {**os.environ, "GAZETTE_PRESS_CACHE": cache}
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "build", source, "-o", out],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env=env,
    )
    return time.perf_counter() - t


def _process(args: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of `main.py ARGS` as a whole process (exit 0 or 1 both count)."""
    t = time.perf_counter()
    p = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"main.py {' '.join(args)} exited with {code}")
    return elapsed, usage.ru_maxrss / 1024


def _child(seed: Path, copies: int, *, edits: bool = True, pdf_out: bool = True, unit: bool = False) -> dict:
    args = [sys.executable, __file__, "--big-child", "--seed", str(seed), "--copies", str(copies)]
    if not edits:
        args.append("--no-edits")
    if unit:
        args.append("--unit")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "big.pdf")
        if pdf_out:
            args += ["--write", pdf]
        got = json.loads(subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT).stdout)
        if pdf_out:
            other = os.path.join(tmp, "big-again.pdf")
            shutil.copyfile(pdf, other)  # a second build gives the same bytes
            s, rss = _process(["diff", pdf, other])
            got["big_diff_nometa_s"] = round(s, 3)
            got["big_diff_nometa_rss_mb"] = round(rss, 1)
    return got


def big_child(seed: Path, copies: int = 10, edits: bool = True, write: str = "", unit: bool = False) -> dict:
    """`copies` copies of every document, in their sections: cost should grow linearly. With
    `unit`, the issue as it is is built first in the same process (median of 3): the 1x build the
    big one is compared with, measured where and when the big one is."""
    from layout.pdf import PageStreams, write_pdf

    issue, tpl, fonts, fresh_cache, compose, typeset = _pipeline(seed)
    unit_s = None
    if unit:
        unit_s, _ = _timed(
            lambda: write_pdf(
                typeset(compose(issue), tpl, fonts=fonts, cache=fresh_cache()), streams=PageStreams()
            ),
            3,
        )
    issue.repeat_documents(copies)
    cache = fresh_cache()
    t = time.perf_counter()
    book = typeset(compose(issue), tpl, fonts=fonts, cache=cache)
    data = write_pdf(book, streams=PageStreams())
    elapsed = time.perf_counter() - t
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if write:
        Path(write).write_bytes(data)
    out = {
        "big_pages": len(book.pages),
        "big_build_s": round(elapsed, 3),
        "big_peak_rss_mb": round(rss_kb / 1024, 1),
    }
    if unit_s is not None:
        out["unit_build_s"] = round(unit_s, 4)
    if edits:  # the editor's case on a large issue: one paragraph at a time, caches warm
        doc = issue.documents()[len(issue.documents()) // 2]
        index = next(i for i, b in enumerate(doc.blocks) if b.role == "paragraph" and len(b.text) > 40)
        original = doc.blocks[index].text
        times = []
        for k in range(20):
            issue.set_block_text(doc.id, index, original + "（修改" + str(k) + "）")
            t = time.perf_counter()
            typeset(compose(issue), tpl, fonts=fonts, cache=cache)
            times.append(time.perf_counter() - t)
        out["big_edit_relayout_ms_p99"] = round(statistics.quantiles(times, n=100)[98] * 1000, 2)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--seed", default=str(SEED), help="the issue to build (default: the reference issue)")
    ap.add_argument("--big-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--copies", type=int, default=10, help=argparse.SUPPRESS)
    ap.add_argument("--no-edits", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--write", default="", help=argparse.SUPPRESS)
    ap.add_argument("--unit", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    seed = Path(a.seed)
    if not seed.exists():
        print(f"bench_layout: no such issue file: {seed}", file=sys.stderr)
        return 1
    if a.big_child:
        print(json.dumps(big_child(seed, a.copies, not a.no_edits, a.write, a.unit)))
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
