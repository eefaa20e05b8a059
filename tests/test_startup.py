"""What a command-line build loads: only what the verb needs (the cold start is mostly imports)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import main_probe

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"

# run main.py as the CLI does, then report which top-level packages ended up imported
PROBE = main_probe(
    'print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))'
)


def _probe(probe: str, args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run main.py ARGS in a child process under `probe`; what the probe printed last, as JSON."""
    r = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en", **(env or {})},
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")
def test_build_imports_neither_qt_nor_the_pdf_readers(tmp_path):
    # a cache folder of its own: a build kept from an earlier run would be copied without reportlab
    fresh = {"GAZETTE_PRESS_CACHE": str(tmp_path / "cache")}
    got = _probe(PROBE, ["build", str(SEED), "-o", str(tmp_path / "out.pdf")], fresh)
    assert got["code"] == 0
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    loaded = set(got["modules"])
    assert "reportlab" in loaded  # the probe sees real imports: the PDF writer is one
    assert loaded & {"PySide6", "shiboken6", "pdfplumber", "pdfminer", "pypdf", "psycopg"} == set()


# the same, reporting per module of ours how many of its regular expressions were compiled
LAZY_PROBE = main_probe(
    """
from layout.lazyre import patterns_in

out = {}
for name, mod in list(sys.modules.items()):
    if name.split(".")[0] in ("editor", "layout"):
        found = list(patterns_in(vars(mod).values()))
        if found:
            out[name] = [sum(p.is_compiled for p in found), len(found)]
print(json.dumps(out))
"""
)


def _compiled(args: list[str]) -> dict[str, list[int]]:
    return _probe(LAZY_PROBE, args)


@pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")
def test_build_compiles_only_the_patterns_it_uses(tmp_path):
    """The recognisers of 公文 shapes and the proofreading checks hold dozens of patterns over the
    Han blocks, each costly to compile: a build compiles only what its input needs."""
    issue_file = tmp_path / "seed.gazette"
    from_text = _compiled(["import", str(SEED), "-o", str(issue_file)])
    assert from_text["editor.text_import"][0] > 0  # the probe sees compiled patterns
    assert "editor.content_checks" not in from_text  # importing does not load the checks
    official = from_text["editor.official"]
    assert 0 < official[0] < official[1]  # the shapes only the checks read stay uncompiled
    built = _compiled(["build", str(issue_file), "-o", str(tmp_path / "out.pdf")])
    assert "editor.text_import" not in built and "editor.content_checks" not in built
    assert built.get("editor.official", [0, 0])[0] == 0  # an issue file needs no recogniser
    checked = _compiled(["check", str(issue_file)])
    assert checked["editor.content_checks"][0] > 0


# the same, reporting every module name and the cyclic collector's runs (their generations)
GC_PROBE = main_probe(
    'print(json.dumps({"code": code, "collections": runs, "modules": sorted(sys.modules)}))',
    before="""
import gc
runs = []
gc.callbacks.append(lambda phase, info: phase == "start" and runs.append(info["generation"]))
""",
)


@pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")
def test_build_runs_pillow_only_for_pictures_and_no_collector_scans(tmp_path):
    """reportlab names Pillow at import; a build of an issue without pictures never runs it (it is
    deferred, `layout/lazymod.py`). The start-up and the build run with the cyclic collector
    paused: before, its ≈ 50 scans over the freshly imported classes were 15-30 ms of a build."""
    fresh = {"GAZETTE_PRESS_CACHE": str(tmp_path / "cache")}  # so the file is written anew, by reportlab
    got = _probe(GC_PROBE, ["build", str(SEED), "-o", str(tmp_path / "out.pdf")], fresh)
    assert got["code"] == 0
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    loaded = set(got["modules"])
    assert "reportlab.lib.utils" in loaded  # the module that names PIL.Image was imported
    assert loaded & {"PIL._imaging", "PIL.ExifTags", "PIL.TiffTags"} == set()
    # a handful of young collections while main.py imports the collector itself; none after
    assert len(got["collections"]) <= 5 and set(got["collections"]) <= {0}, got["collections"]


def test_build_with_a_picture_runs_pillow_and_draws_it(tmp_path):
    from editor.issue_file import save_issue
    from tests.picture_issue import image_issue

    save_issue(image_issue(), tmp_path / "pic.gazette")
    got = _probe(GC_PROBE, ["build", str(tmp_path / "pic.gazette"), "-o", str(tmp_path / "out.pdf")])
    assert got["code"] == 0
    assert "PIL._imaging" in got["modules"]
    assert b"/Subtype /Image" in (tmp_path / "out.pdf").read_bytes()
