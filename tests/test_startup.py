"""What a command-line build loads: only what the verb needs (the cold start is mostly imports)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"

# run main.py as the CLI does, then report which top-level packages ended up imported
PROBE = """
import json, runpy, sys
sys.argv = ["main.py", *json.loads(sys.argv[1])]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit as e:
    code = e.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


@pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")
def test_build_imports_neither_qt_nor_the_pdf_readers(tmp_path):
    args = ["build", str(SEED), "-o", str(tmp_path / "out.pdf")]
    r = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en"},
    )
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got["code"] == 0
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    loaded = set(got["modules"])
    assert "reportlab" in loaded  # the probe sees real imports: the PDF writer is one
    assert loaded & {"PySide6", "shiboken6", "pdfplumber", "pdfminer", "pypdf", "psycopg"} == set()
