"""`python main.py ARGS` as a user runs it, for the CLI tests: English messages, output captured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the CLI from the project folder with GAZETTE_LANG=en; `timeout` is a hang guard (a
    pipe read would block forever), never a speed criterion."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en"},
        timeout=timeout,
    )
