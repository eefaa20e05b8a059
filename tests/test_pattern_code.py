"""layout/pattern_code.py: our regular expressions' programs kept in the cache folder. A pattern
from the table is the pattern re.compile makes (re.Pattern's == compares the programs)."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from layout import pattern_code
from layout.lazyre import LazyPattern, patterns_in
from layout.pattern_code import PatternTable
from tests.cli_run import main_probe

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
MODULES = [
    "editor.official",
    "editor.text_import",
    "editor.content_checks",
    "editor.bounds",
    "editor.docx_import",
    "editor.issue_file",
    "editor.records",
    "layout.front",
    "layout.linebreak",
    "layout.pages",
    "layout.words",
]


def _lazy_patterns() -> list[LazyPattern]:
    found = [p for name in MODULES for p in patterns_in(vars(importlib.import_module(name)).values())]
    return list({(p.pattern, p.flags): p for p in found}.values())


def test_every_lazy_pattern_from_the_table_is_what_re_compiles(tmp_path):
    patterns = _lazy_patterns()
    assert len(patterns) > 50  # the recognisers and the checks
    table = PatternTable(tmp_path / "p.marshal")
    fresh = [table.compile(p.pattern, p.flags) for p in patterns]
    assert table.compiled == len(patterns) and not table.broken
    table.table.save()
    kept = PatternTable(table.table.path)
    again = [kept.compile(p.pattern, p.flags) for p in patterns]
    assert kept.compiled == 0  # every program came from the file
    for p, a, b in zip(patterns, fresh, again, strict=True):
        expected = re.compile(p.pattern, p.flags)
        assert a == expected and b == expected, p.pattern
        assert (b.groups, dict(b.groupindex), b.flags) == (
            expected.groups,
            dict(expected.groupindex),
            expected.flags,
        )


def test_errors_and_changed_internals(tmp_path, monkeypatch):
    table = PatternTable(tmp_path / "p.marshal")
    with pytest.raises(re.error):
        table.compile("[unclosed")
    assert not table.broken
    monkeypatch.setattr(pattern_code, "_program", lambda pattern, flags: 1 / 0)
    got = table.compile(r"(?P<y>\d{4})年", 0)
    assert table.broken and got == re.compile(r"(?P<y>\d{4})年")
    (tmp_path / "bad.marshal").write_bytes(b"\x00garbage")
    assert PatternTable(tmp_path / "bad.marshal").table.entries == {}


PROBE = main_probe(
    """
import dataclasses, layout.lazyre
print(json.dumps({
    "patterns": layout.lazyre._compile.__self__.compiled,
    "methods": vars(dataclasses)["exec"].__self__.compiled,
}))
"""
)


@pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")
def test_a_second_build_compiles_no_pattern_and_no_dataclass_method(tmp_path):
    """main.py installs both tables: with the cache folder kept, the next start compiles nothing.
    (Without setup's installed folder: with it, the first start compiles nothing either,
    tests/test_installed_tables.py.)"""
    env = {
        **os.environ,
        "GAZETTE_PRESS_CACHE": str(tmp_path / "cache"),
        "GAZETTE_PRESS_INSTALLED": str(tmp_path / "not-installed"),
        "GAZETTE_LANG": "en",
    }
    runs = []
    for _ in range(2):
        args = json.dumps(["build", str(SEED), "-o", str(tmp_path / "out.pdf")])
        r = subprocess.run(
            [sys.executable, "-c", PROBE, args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(r.stdout.strip().splitlines()[-1]))
    assert runs[0]["patterns"] > 20 and runs[0]["methods"] > 100
    assert runs[1] == {"patterns": 0, "methods": 0}
