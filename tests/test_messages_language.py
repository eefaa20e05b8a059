"""GAZETTE_LANG=en means English everywhere on the command line: errors, warnings, import
reports, notes and findings. Chinese may appear only inside quotes, where it is the document's
own text (a title, a fragment a finding points at)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from editor.official import CHINESE_RE

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
QUOTED = re.compile(r"“.*”|\"[^\"]*\"")  # greedy: a quoted fragment may hold quotes itself

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")


def run(*args: object) -> str:
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en", "QT_QPA_PLATFORM": "offscreen"},
        timeout=600,  # a hang guard, not a speed criterion
    )
    assert "Traceback" not in r.stderr
    return r.stdout + r.stderr


def chinese_outside_quotes(text: str) -> list[str]:
    return [line for line in text.splitlines() if CHINESE_RE.search(QUOTED.sub("", line))]


def test_the_quote_filter_keeps_what_it_must_catch():
    assert chinese_outside_quotes("Note: “标题” is fine") == []
    assert chinese_outside_quotes("字体未安装 (font not installed)") == ["字体未安装 (font not installed)"]
    assert chinese_outside_quotes("By check: a 1，b 2") == ["By check: a 1，b 2"]


def test_english_build_import_and_check_of_the_reference_issue(tmp_path):
    out = {
        "build": run("build", SEED, "-o", tmp_path / "a.pdf"),
        "bad font": run("build", SEED, "-o", tmp_path / "b.pdf", "--font", "body=No Such Font"),
        "import": run("import", SEED, "-o", tmp_path / "i.gazette"),
        "check": run("check", SEED),
    }
    assert "No Such Font" in out["bad font"] and "not installed" in out["bad font"]
    assert "Text encoding" in out["import"] and "findings" in out["check"]
    assert {verb: chinese_outside_quotes(text) for verb, text in out.items()} == {verb: [] for verb in out}
