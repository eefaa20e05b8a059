"""How text import scales with what offices send: a form's fill-in blank (one line of
10,000 "…"), and the reference issue's dump in UTF-8 and in GB18030 (detection included).

Prints one JSON line (medians of 5). Targets: a 10,000-character dotted line imports in
under 1 s (it used to grow with the cube of its length); the reference issue parses in
under 0.5 s whatever its encoding.

    .venv/bin/python benchmarks/bench_text_import.py [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editor.importing import import_document, load_input  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
DOC = ROOT / "demo" / "docs" / "02-holidays.txt"


def median_time(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    argparse.ArgumentParser(description=__doc__).add_argument("--json", action="store_true")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = DOC.read_text(encoding="utf-8")
        dotted = folder / "form.txt"
        dotted.write_text(text.replace("\n", "\n申请人（签字）：" + "…" * 10_000 + "\n", 1), encoding="utf-8")
        gb = folder / "seed-gb.txt"
        gb.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
        figures = {
            "long_line_10k_s": round(median_time(lambda: import_document(dotted, "d1")), 4),
            "seed_utf8_s": round(median_time(lambda: load_input(SEED)), 4),
            "seed_gb18030_s": round(median_time(lambda: load_input(gb)), 4),
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
