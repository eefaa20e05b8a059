"""What setup computes once into the installed folder (scripts/install_tables.py) is used by a start
whose cache folder is empty, exactly as the cache folder's copy would be, and only while it is
still valid: a stale or damaged installed file is ignored and the thing is computed again."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import CodeType

import pytest

from layout import cachedir
from layout.cachedir import MarshalTable, read_table
from layout.dataclass_code import CodeTable
from layout.display import FaceRef
from layout.fonts import FontBook, embeddable_font
from layout.fonts import embed as fonts_embed
from layout.fonts.cache import CACHE
from layout.fonts.cff import CffFace
from layout.fonts.sfnt import SfntReader
from layout.pattern_code import PatternTable
from tests.cli_run import main_probe, run_probe

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
TEXT = "国务院办公厅关于印发《政府信息公开条例》的通知，各省、自治区、直辖市人民政府：2018年第1期。"


@pytest.fixture
def folders(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """(cache folder, installed folder), both new and empty, for this test."""
    cache, installed = tmp_path / "cache", tmp_path / "installed"
    installed.mkdir()
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(cache))
    monkeypatch.setenv(cachedir.INSTALLED_ENV, str(installed))
    return cache, installed


def _is_code(key: object, value: object) -> bool:
    return type(key) is str and type(value) is CodeType


def test_an_installed_marshal_table_is_read_under_the_cache_and_never_written(folders):
    cache, installed = folders
    code = compile("x = 1", "<string>", "exec")
    (installed / "t.marshal").write_bytes(marshal.dumps({"x = 1": code}))
    table = MarshalTable(cache / "t.marshal", 10, _is_code, installed / "t.marshal")
    assert table.get("x = 1") == code and table.added == 0
    table.add("y = 2", compile("y = 2", "<string>", "exec"))
    table.save()
    assert set(marshal.loads((cache / "t.marshal").read_bytes())) == {"y = 2"}  # only what was added
    assert set(marshal.loads((installed / "t.marshal").read_bytes())) == {"x = 1"}
    # an entry that fails the check spoils the installed file as it would the cache's
    (installed / "t.marshal").write_bytes(marshal.dumps({"x = 1": code, "z": "not code"}))
    assert MarshalTable(cache / "u.marshal", 10, _is_code, installed / "t.marshal").get("x = 1") is None
    (installed / "t.marshal").write_bytes(b"\x00damaged")
    assert MarshalTable(cache / "u.marshal", 10, _is_code, installed / "t.marshal").get("x = 1") is None


def test_the_cache_folders_table_is_read_only_for_a_key_setup_did_not_know(folders, monkeypatch):
    """A cache folder from before setup filled the installed folder holds every entry again: it is
    not read at all while the installed table answers."""
    cache, installed = folders
    code = compile("x = 1", "<string>", "exec")
    (installed / "t.marshal").write_bytes(marshal.dumps({"x = 1": code}))
    cache.mkdir()
    (cache / "t.marshal").write_bytes(
        marshal.dumps({"x = 1": code, "y = 2": compile("y = 2", "<s>", "exec")})
    )
    read: list[str] = []
    real = cachedir.read_marshal_dict
    monkeypatch.setattr(
        cachedir, "read_marshal_dict", lambda path, valid: read.append(path.parent.name) or real(path, valid)
    )
    table = MarshalTable(cache / "t.marshal", 10, _is_code, installed / "t.marshal")
    assert table.get("x = 1") == code and read == ["installed"]
    assert table.get("y = 2") is not None and read == ["installed", "cache"]  # a key setup lacked


def test_the_code_and_pattern_tables_take_installed_entries(folders):
    cache, installed = folders
    setup = CodeTable(installed / "codes.marshal")
    setup.code("def f(self):\n  return 1\n")
    setup.table.save()
    patterns = PatternTable(installed / "patterns.marshal")
    patterns.compile(r"[\u4e00-\u9fff]+第(\d+)期")
    patterns.table.save()
    codes = CodeTable(cache / "codes.marshal", installed / "codes.marshal")
    codes.code("def f(self):\n  return 1\n")
    assert codes.compiled == 0
    table = PatternTable(cache / "patterns.marshal", installed / "patterns.marshal")
    import re

    assert table.compile(r"[\u4e00-\u9fff]+第(\d+)期") == re.compile(r"[\u4e00-\u9fff]+第(\d+)期")
    assert table.compiled == 0 and not table.broken
    table.compile(r"总第(\d+)期")  # new here: compiled and kept in the cache folder only
    assert table.compiled == 1


def test_a_json_table_comes_from_the_installed_folder_only_when_the_cache_has_none(folders):
    cache, installed = folders
    (installed / "t.json").write_text(json.dumps({"from": "setup"}))
    assert read_table("t.json") == {"from": "setup"}
    cache.mkdir()
    (cache / "t.json").write_text(json.dumps({"from": "cache"}))
    assert read_table("t.json") == {"from": "cache"}
    (cache / "t.json").write_text("{damaged")
    assert read_table("t.json") == {}  # computed again and written over, as before
    (cache / "t.json").unlink()
    (installed / "t.json").write_text("[1, 2]")
    assert read_table("t.json") == {}


def test_an_installed_fc_list_answer_is_used_while_its_stamp_holds(folders, tmp_path, monkeypatch):
    from layout.fonts import catalog

    cache, installed = folders
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    runs = tmp_path / "runs"
    exe = tmp_path / "fc-list"
    line = f"{fonts}/Demo-Regular.otf\\t0\\tDemo Serif\\tDemo Serif Regular\\tDemoSerif-Regular\\tRegular\\t80\\t0\\tCFF\\ten"
    exe.write_text(f"#!/bin/sh\necho run >> {runs}\nprintf '{line}\\n'\n")
    exe.chmod(0o755)
    first = catalog.fontconfig_faces(str(exe))  # as setup's child does: into a cache folder
    shutil.move(str(cache / catalog.FC_LIST_TABLE), installed / catalog.FC_LIST_TABLE)
    assert catalog.fontconfig_faces(str(exe)) == first
    assert len(runs.read_text().splitlines()) == 1  # the installed answer, not a second run
    assert not (cache / catalog.FC_LIST_TABLE).exists()
    (fonts / "Added-Bold.otf").write_bytes(b"")  # a font installed since setup: stale
    assert catalog.fontconfig_faces(str(exe)) == first
    assert len(runs.read_text().splitlines()) == 2 and (cache / catalog.FC_LIST_TABLE).exists()


needs_noto = pytest.mark.skipif(not os.path.exists(NOTO_SERIF), reason="reference CJK fonts not installed")


@pytest.fixture
def noto_copy(folders, tmp_path):
    """Noto Serif CJK SC from a copy of its file (so the test may change the file's time), with
    the font layer's in-memory caches emptied before and after."""
    path = tmp_path / "fonts" / "NotoSerifCJK-Regular.ttc"
    path.parent.mkdir()
    shutil.copyfile(NOTO_SERIF, path)
    CACHE.clear()
    ref = FontBook({"body": ["Noto Serif CJK SC"]}).faces["NotoSerifCJKsc-Regular"]
    assert ref.path == NOTO_SERIF
    yield replace(ref, path=str(path))
    CACHE.clear()


def _parsed(face: FaceRef) -> CffFace:
    """The face's CFF table parsed afresh: nothing done beforehand."""
    reader = SfntReader(face.path)
    try:
        return CffFace(face.path, *reader.tables(face.index)["CFF "])
    finally:
        reader.close()


def _flattened(monkeypatch) -> list[int]:
    """Counts the charstrings cff.py desubroutinizes from now on."""
    from layout.fonts import cff

    calls: list[int] = []
    real = cff._Flattener.flatten

    def counting(self, cs, local, fd):
        calls.append(fd)
        return real(self, cs, local, fd)

    monkeypatch.setattr(cff._Flattener, "flatten", counting)
    return calls


@needs_noto
def test_installed_charstrings_are_those_the_subset_would_flatten(noto_copy, folders, monkeypatch):
    cache, installed = folders
    made = fonts_embed.install_flat_charstrings(noto_copy, TEXT, installed)
    assert made is not None and made.parent == installed / "faces"
    assert not (cache / "faces").exists()  # setup's work lands in the folder given, not in the cache
    r_fresh = _parsed(noto_copy)
    cmap = fonts_embed.face_metrics(noto_copy).cmap
    gids = [0, *(cmap[ord(c)] for c in TEXT)]
    extra = cmap[ord("鬱")]
    expected = r_fresh.charstrings([*gids, extra])
    CACHE.clear()
    flattened = _flattened(monkeypatch)
    src = fonts_embed._glyph_source(noto_copy)
    assert isinstance(src, CffFace) and src.charstrings(gids) == {g: expected[g] for g in gids}
    assert flattened == []  # every glyph came from the installed file
    assert src.charstrings([*gids, extra]) == expected
    assert len(flattened) == 1  # a character setup did not do is flattened as before


@needs_noto
def test_a_subset_from_installed_charstrings_has_the_same_bytes(noto_copy, folders):
    _cache, installed = folders
    fresh = embeddable_font(noto_copy, TEXT)
    assert fresh.packed  # its deflate thread has finished, its disk copy with it
    CACHE.clear()
    shutil.rmtree(folders[0])  # the subset itself must not come from the cache folder
    fonts_embed.install_flat_charstrings(noto_copy, TEXT, installed)
    CACHE.clear()
    again = embeddable_font(noto_copy, TEXT)
    assert again.packed == fresh.packed and again.gids == fresh.gids and again.widths == fresh.widths


@needs_noto
def test_a_font_file_changed_since_setup_is_flattened_again(noto_copy, folders, monkeypatch):
    _cache, installed = folders
    fonts_embed.install_flat_charstrings(noto_copy, TEXT, installed)
    st = os.stat(noto_copy.path)
    os.utime(noto_copy.path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a font update
    CACHE.clear()
    flattened = _flattened(monkeypatch)
    embeddable_font(noto_copy, TEXT)
    assert len(flattened) > 10  # the installed file names the old file's stamp: not used


@needs_noto
def test_a_damaged_or_foreign_installed_file_is_ignored(noto_copy, folders, monkeypatch):
    _cache, installed = folders
    made = fonts_embed.install_flat_charstrings(noto_copy, TEXT, installed)
    assert made is not None
    good = made.read_bytes()
    cmap = fonts_embed.face_metrics(noto_copy).cmap
    gids = [cmap[ord(c)] for c in TEXT]
    expected = _parsed(noto_copy).charstrings(gids)
    flattened = _flattened(monkeypatch)
    foreign = good.replace(b"gazette-press flat", b"gazette-press FLAT", 1)
    for bad in (good[:-7], b"\x00" * 16, foreign, good[:100]):
        made.write_bytes(bad)
        CACHE.clear()
        flattened.clear()
        src = fonts_embed._glyph_source(noto_copy)
        assert isinstance(src, CffFace) and src.charstrings(gids) == expected
        assert len(flattened) == len(set(gids))
    made.write_bytes(good)
    CACHE.clear()
    flattened.clear()
    assert fonts_embed._glyph_source(noto_copy).charstrings(gids) == expected and flattened == []


PROBE = main_probe(
    """
import dataclasses, layout.lazyre
print(json.dumps({
    "code": code,
    "patterns": layout.lazyre._compile.__self__.compiled,
    "methods": vars(dataclasses)["exec"].__self__.compiled,
    "tomllib": "tomllib" in sys.modules,
}))
"""
)


@pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")
def test_setup_fills_the_installed_folder_and_a_first_build_computes_none_of_it(tmp_path):
    """scripts/install_tables.py into a folder of the test's own (over files it no longer
    writes); a build of the reference issue with an empty cache folder then compiles no pattern
    and no dataclass method, parses no template TOML, runs neither fc-list nor the ink measure
    (nothing of theirs is written to the cache folder) and writes the reference PDF's bytes."""
    installed = tmp_path / "installed"
    (installed / "faces").mkdir(parents=True)
    stale = [installed / "patterns-3.0.0-1.marshal", installed / "faces" / "cff-0123456789abcdef.v0.bin"]
    for path in stale:  # another interpreter's table, a face since updated: removed by setup
        path.write_bytes(b"old")
    subprocess.run(
        [sys.executable, "scripts/install_tables.py", "--into", str(installed)], cwd=ROOT, check=True
    )
    assert not any(path.exists() for path in stale)
    names = {p.name for p in installed.iterdir()}
    assert {"fc-list.json", "ink.json", "faces"} <= names
    assert any(n.startswith("patterns-") for n in names) and any(
        n.startswith("dataclass-code-") for n in names
    )
    assert all(oct(p.stat().st_mode)[-3:] == "644" for p in installed.rglob("*") if p.is_file())
    cache = tmp_path / "cache"
    env = {"GAZETTE_PRESS_CACHE": str(cache), cachedir.INSTALLED_ENV: str(installed)}
    out = tmp_path / "out.pdf"
    got = run_probe(PROBE, ["build", str(SEED), "-o", str(out)], env)
    # no pattern or method compiled, and the template's TOML read from setup's table
    assert got == {
        "code": 0,
        "patterns": 0,
        "methods": 0,
        "tomllib": False,
    }
    # only what belongs to this issue: its subsets and its kept build (layout/keptbuild.py)
    assert {p.name for p in cache.iterdir()} <= {"subsets", "builds"}
    expected = (ROOT / "tests" / "reference_pdf.sha256").read_text().split()[0]
    assert hashlib.sha256(out.read_bytes()).hexdigest() == expected
