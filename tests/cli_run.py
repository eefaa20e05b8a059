"""`python main.py ARGS` as a user runs it, for the CLI tests: English messages, output captured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(
    *args, timeout: float = 120, cwd: Path = ROOT, preexec_fn=None
) -> subprocess.CompletedProcess[str]:
    """Run the CLI with GAZETTE_LANG=en (from the project folder unless `cwd`); `timeout` is a
    hang guard (a pipe read would block forever), never a speed criterion; `preexec_fn` sets
    limits in the child (a small file-size limit, say)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en"},
        timeout=timeout,
        preexec_fn=preexec_fn,
    )


def main_probe(report: str, before: str = "") -> str:
    """A script for `python -c SCRIPT ARGS_JSON` in the project folder: `before` (Python code),
    then main.py run as the CLI runs it with the JSON list's arguments (its exit status in
    `code`), then `report`, which prints what the test reads."""
    return "\n".join(
        [
            "import json, runpy, sys",
            'sys.argv = ["main.py", *json.loads(sys.argv[1])]',
            before,
            "try:",
            '    runpy.run_path("main.py", run_name="__main__")',
            "except SystemExit as e:",
            "    code = e.code",
            "else:",
            "    code = 0",
            report,
        ]
    )


def run_probe(probe: str, args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run main.py ARGS in a child process under `probe` (a main_probe script), with English
    messages and `env` on top of this process's environment; what the probe printed last, as JSON."""
    import json

    r = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en", **(env or {})},
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])
