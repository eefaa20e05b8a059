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
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"


def run_child(seed: Path, big: bool, keys: int) -> dict:
    """One issue in a process of its own (editor.gui.responsiveness: Qt lives only in editor/gui)."""
    cmd = [sys.executable, "-m", "editor.gui.responsiveness", str(seed), "--keys", str(keys)]
    out = subprocess.run(
        [*cmd, *(["--big"] if big else [])],
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
    a = ap.parse_args()
    seed = Path(a.seed)
    if not seed.exists():
        print(f"bench_gui: no such issue file: {seed}", file=sys.stderr)
        return 1
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
