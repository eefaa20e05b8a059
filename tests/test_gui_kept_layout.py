"""The editor and kept builds (layout/keptbuild.py): saving an issue keeps its layouts in the
cache folder, and opening the file again, in a new session, lays out nothing that did not
change; what `main.py build` of the file kept is taken the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from editor.gui.relayout import Relayout  # noqa: E402
from editor.importing import load_input  # noqa: E402
from editor.issue_file import load_issue, save_issue  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "hld-2018-02.txt"
LONG = 120_000  # ms; the first layout also finds and reads the fonts

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")


@pytest.fixture
def issue_file(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "seed.gazette"
    save_issue(load_input(SEED), path)
    return path


def _open(qtbot, path: Path):
    """A new session's relayout opening the file: its first book and the relayout."""
    relayout = Relayout(debounce_ms=20)
    with qtbot.waitSignal(relayout.finished, timeout=LONG) as sig:
        relayout.request_now(load_issue(path), kept=str(path))
    return sig.args[0], relayout


def _items(book) -> list:
    return [p.items for p in book.pages]


def test_an_issue_saved_and_opened_again_is_laid_out_from_what_was_kept(qtbot, issue_file, laid_out):
    first, relayout = _open(qtbot, issue_file)
    assert len(set(laid_out)) == len(load_issue(issue_file).documents())  # nothing kept yet
    with qtbot.waitSignal(relayout.kept, timeout=LONG) as sig:
        relayout.keep(str(issue_file))  # what the window does after a save
    assert sig.args == [True]
    relayout.shutdown()
    laid_out.clear()
    again, other = _open(qtbot, issue_file)
    try:
        assert laid_out == [] and _items(again) == _items(first)
    finally:
        other.shutdown()


def test_what_a_build_of_the_file_kept_is_taken_too(qtbot, issue_file, laid_out, tmp_path):
    from editor.cli import main

    assert main(["build", str(issue_file), "-o", str(tmp_path / "out.pdf")]) == 0
    laid_out.clear()
    book, relayout = _open(qtbot, issue_file)
    try:
        assert laid_out == []
        assert len(book.pages) == 42
    finally:
        relayout.shutdown()


def test_a_damaged_kept_file_only_costs_a_layout(qtbot, issue_file, laid_out, tmp_path):
    first, relayout = _open(qtbot, issue_file)
    with qtbot.waitSignal(relayout.kept, timeout=LONG):
        relayout.keep(str(issue_file))
    relayout.shutdown()
    for kept in (tmp_path / "cache" / "builds").glob("*.pickle"):
        data = kept.read_bytes()
        kept.write_bytes(data[: len(data) // 2])
    laid_out.clear()
    again, other = _open(qtbot, issue_file)
    try:
        assert len(set(laid_out)) == len(load_issue(issue_file).documents())
        assert _items(again) == _items(first)
    finally:
        other.shutdown()
