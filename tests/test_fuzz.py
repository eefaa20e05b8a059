"""The fuzzing suite in CI (issue 12): 1,000 structure-aware mutations per family (Word files,
issue files, recipes) with a fixed seed; none may end in an internal error, a timeout (10 s)
or a memory blow-up (2 GiB), and every accepted one must save and load back equal.

The families run as three processes side by side (benchmarks/fuzz.py sets the memory limit in
each); `python -m benchmarks.fuzz --minutes N` is the long run."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = 1000


def test_fuzzing_finds_no_internal_error_timeout_or_memory_blow_up(tmp_path):
    procs = {
        family: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.fuzz",
                "--family",
                family,
                "--cases",
                str(CASES),
                "--seed",
                "12",
                "--save",
                str(tmp_path / family),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "GAZETTE_LANG": "en"},
        )  # fmt: skip
        for family in ("docx", "issue", "recipe")
    }
    problems = []
    for family, p in procs.items():
        out, err = p.communicate(timeout=3600)  # a hang guard only
        assert p.returncode == 0, err[-3000:]
        report = json.loads(out.strip().splitlines()[-1])
        counts = report["counts"][family]
        assert sum(counts.values()) == CASES
        assert counts.get("ok", 0) > CASES // 10, counts  # the mutations still reach the readers
        assert counts.get("refused", 0) > CASES // 20, counts  # … and find things to refuse
        problems += report["problems"]
        for outcome in ("internal", "timeout", "memory"):
            assert counts.get(outcome, 0) == 0, (family, counts, report["problems"][:3])
    assert problems == []
