"""The reference issue's PDF, byte for byte.

Refactorings and speed work must not change what is printed. This test builds the reference issue
(``main.py build ../shared/seed/hld-2018-02.txt``) through the real CLI and compares the PDF's sha256
with the hash stored in ``reference_pdf.sha256`` next to this file.

Regenerate the stored hash ONLY when a change alters the output on purpose, and say why in that
commit's message (which feature, which pages). To regenerate:

    .venv/bin/python main.py build ../shared/seed/hld-2018-02.txt -o /tmp/ref.pdf
    sha256sum /tmp/ref.pdf | cut -d' ' -f1 > tests/reference_pdf.sha256

The bytes depend on the pinned reportlab/fontTools versions (constraints.txt) and the fonts that
scripts/setup.sh installs.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
STORED = Path(__file__).with_name("reference_pdf.sha256")

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")


def test_reference_issue_pdf_bytes_match_the_stored_hash(tmp_path):
    pdf = tmp_path / "ref.pdf"
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "build", str(SEED), "-o", str(pdf)],
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en"},
    )
    assert r.returncode == 0, r.stderr
    got = hashlib.sha256(pdf.read_bytes()).hexdigest()
    want = STORED.read_text(encoding="ascii").split()[0]
    assert got == want, (
        "the reference issue's PDF changed; if on purpose, regenerate tests/reference_pdf.sha256 "
        "and give the reason in the commit message"
    )
