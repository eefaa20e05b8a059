"""What a command-line build loads: only what the verb needs (the cold start is mostly imports)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import main_probe, run_probe

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"

# run main.py as the CLI does, then report which top-level packages ended up imported
PROBE = main_probe(
    'print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))'
)


def _probe(probe: str, args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run main.py ARGS in a child process under `probe`; what the probe printed last, as JSON."""
    return run_probe(probe, args, env)


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


# the same, reporting which modules ran: one deferred (layout/lazymod.py) and never used is in
# sys.modules without having run (type() reads no attribute, so it does not load one)
RAN_PROBE = main_probe(
    "import gc, types\n"
    "ran = sorted(n for n, m in sys.modules.items() if type(m) is types.ModuleType)\n"
    'print(json.dumps({"code": code, "ran": ran, "frozen": gc.get_freeze_count()}))'
)
# imported by modules a build needs, for calls it never makes: pathlib -> urllib.parse ->
# ipaddress, tempfile -> shutil -> bz2, lzma, dataclasses -> inspect -> tokenize, linecache
UNUSED_STDLIB = {"ipaddress", "bz2", "lzma", "tokenize", "linecache"}


@pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")
def test_build_and_check_run_neither_unused_stdlib_modules_nor_other_verbs_parsers(tmp_path):
    """A build written anew, a build from the kept one and a check: the standard library modules
    above are deferred and never run, only the verb's own subparser is built (series_cli adds
    the parsers of publish, archive and annual-index), tomllib runs only while the template is
    new to the cache folder (without setup's installed folder, which has the shipped templates'
    TOML: tests/test_installed_tables.py), and the process ends without a collection over what
    it made."""
    env = {"GAZETTE_PRESS_CACHE": str(tmp_path / "cache"), "GAZETTE_PRESS_INSTALLED": str(tmp_path / "none")}
    for k, args in enumerate(
        (
            ["build", str(SEED), "-o", str(tmp_path / "out.pdf")],
            ["build", str(SEED), "-o", str(tmp_path / "again.pdf")],
            ["check", str(SEED)],
        )
    ):
        got = _probe(RAN_PROBE, args, env)
        assert got["code"] in (0, 1), args  # check: 1 when it finds errors
        ran = set(got["ran"])
        assert "editor.cli" in ran and "dataclasses" in ran  # the probe sees what ran
        assert ran & UNUSED_STDLIB == set(), (args, ran & UNUSED_STDLIB)
        assert "editor.series_cli" not in ran
        assert "heapq" not in ran  # the gazette's name from its issuers: max(), not most_common(1)
        # the template's TOML is parsed by the first process only, then kept in the cache folder
        assert ("tomllib" in ran) == (k == 0), args
        # what the verb made is frozen before the interpreter's shutdown, which would scan it all
        assert got["frozen"] > 10_000, got["frozen"]
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "out.pdf").read_bytes()


def test_a_deferred_module_runs_on_its_first_use_not_on_import_statements():
    script = """
import sys, types
from layout.lazymod import defer_import

defer_import("colorsys")
import colorsys  # an import statement binds the name; Python 3.11's lazy module would load here
from importlib import import_module

assert import_module("colorsys") is colorsys and type(colorsys) is not types.ModuleType
assert colorsys.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)  # the first read runs it
assert type(colorsys) is types.ModuleType and sys.modules["colorsys"] is colorsys
from colorsys import hsv_to_rgb

assert hsv_to_rgb(0.0, 1.0, 1.0) == (1.0, 0.0, 0.0)
print("ok")
"""
    r = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr
