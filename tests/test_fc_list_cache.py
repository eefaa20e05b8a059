"""layout/fonts/catalog.py keeps fc-list's answer in the cache folder and asks again only when
what the answer depends on changed: fonts' folders, fontconfig's configuration, the program."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from layout.fonts import catalog


@pytest.fixture
def fake_fc_list(tmp_path, monkeypatch):
    """An fc-list that lists one face in a folder of the test's own and counts its runs."""
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "cache"))
    fonts = tmp_path / "fonts" / "serif"
    fonts.mkdir(parents=True)
    runs = tmp_path / "runs"
    exe = tmp_path / "fc-list"
    line = f"{fonts}/Demo-Regular.otf\\t0\\tDemo Serif\\tDemo Serif Regular\\tDemoSerif-Regular\\tRegular\\t80\\t0\\tCFF\\ten"
    exe.write_text(f"#!/bin/sh\necho run >> {runs}\nprintf '{line}\\n'\n")
    exe.chmod(0o755)
    return exe, fonts, runs


def _runs(runs: Path) -> int:
    return len(runs.read_text().splitlines()) if runs.exists() else 0


def test_fc_list_runs_again_only_when_fonts_or_configuration_change(fake_fc_list, monkeypatch):
    exe, fonts, runs = fake_fc_list
    first = catalog.fontconfig_faces(str(exe))
    assert first is not None and [e.psname for e in first] == ["DemoSerif-Regular"]
    assert _runs(runs) == 1
    assert catalog.fontconfig_faces(str(exe)) == first and _runs(runs) == 1  # kept answer
    (fonts / "Added-Bold.otf").write_bytes(b"")  # a font added to a listed folder
    assert catalog.fontconfig_faces(str(exe)) == first and _runs(runs) == 2
    assert catalog.fontconfig_faces(str(exe)) == first and _runs(runs) == 2
    monkeypatch.setenv("FONTCONFIG_FILE", str(fonts / "other.conf"))  # another configuration
    catalog.fontconfig_faces(str(exe))
    assert _runs(runs) == 3
    st = exe.stat()
    os.utime(exe, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # fontconfig upgraded
    catalog.fontconfig_faces(str(exe))
    assert _runs(runs) == 4
    (Path(os.environ["GAZETTE_PRESS_CACHE"]) / catalog.FC_LIST_TABLE).write_text("{broken")
    assert catalog.fontconfig_faces(str(exe)) == first and _runs(runs) == 5


def test_the_kept_answer_is_kept_parsed_and_a_table_without_entries_still_works(fake_fc_list, monkeypatch):
    """The table keeps the parsed faces next to fc-list's output, so a start reads them without
    parsing (or running) anything; a table written before it had them gains them on first use."""
    import json

    exe, _fonts, runs = fake_fc_list
    first = catalog.fontconfig_faces(str(exe))
    table = Path(os.environ["GAZETTE_PRESS_CACHE"]) / catalog.FC_LIST_TABLE
    kept = json.loads(table.read_text("utf-8"))
    assert [row[0] for row in kept["entries"]] == [e.path for e in first]
    monkeypatch.setattr(
        catalog, "parse_fc_list", lambda _out: pytest.fail("the kept faces were parsed again")
    )
    assert catalog.fontconfig_faces(str(exe)) == first
    monkeypatch.undo()
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(table.parent))
    del kept["entries"]  # as an older version wrote it
    table.write_text(json.dumps(kept), "utf-8")
    assert catalog.fontconfig_faces(str(exe)) == first and _runs(runs) == 1
    assert "entries" in json.loads(table.read_text("utf-8"))
