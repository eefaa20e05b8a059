"""A build's layout and page streams kept in the cache folder between processes
(layout/keptbuild.py): the next build of the same input lays out only what changed and copies
the last file's objects, and its bytes are always those of a build from nothing.

Each KeptBuild below reads the file the last one wrote, as a new process would: the state goes
through the file, never through this process's objects."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from editor import importing
from editor.compose import compose
from editor.importing import load_input, load_input_kept
from layout import keptbuild
from layout.display import FRONT, Ref
from layout.engine import LayoutCache, typeset
from layout.keptbuild import KeptBuild
from layout.pdf import PageStreams, write_pdf
from layout.template import load_template
from tests.cli_run import main_probe, run_probe

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
NAME = "the seed issue"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")


@pytest.fixture
def cache_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(folder))
    return folder


@pytest.fixture(scope="module")
def issue():
    return load_input(str(SEED), None, allow_outside=True)


def _fresh(issue, tpl) -> bytes:
    """The file of a build from nothing."""
    return write_pdf(typeset(compose(issue), tpl, cache=LayoutCache()), streams=PageStreams())


def _kept_build(issue, tpl) -> tuple[bytes, KeptBuild]:
    """A build as `main.py build` makes it: with the kept state, which it then saves."""
    kept = KeptBuild(NAME)
    data = write_pdf(typeset(compose(issue), tpl, cache=kept.layouts), streams=kept.streams)
    kept.save()
    return data, kept


def test_a_second_build_lays_out_nothing_and_copies_the_file(cache_folder, issue, laid_out) -> None:
    tpl = load_template(issue.template)
    first, kept = _kept_build(issue, tpl)
    assert len(set(laid_out)) == len(issue.documents())  # nothing was kept yet
    assert kept.path.is_file() and kept.path.parent.parent == cache_folder
    laid_out.clear()
    second, kept = _kept_build(issue, tpl)
    assert laid_out == []
    assert kept.streams.copied and kept.streams.drawn == 0
    assert first == second == _fresh(issue, tpl)


def test_an_edited_document_alone_is_laid_out_again(cache_folder, issue, laid_out) -> None:
    tpl = load_template(issue.template)
    _kept_build(issue, tpl)
    doc = issue.documents()[2]
    index = next(i for i, b in enumerate(doc.blocks) if b.role == "paragraph" and len(b.text) > 40)
    original = doc.blocks[index].text
    try:
        issue.set_block_text(doc.id, index, original + "（修改）")
        laid_out.clear()
        edited, kept = _kept_build(issue, tpl)
        assert set(laid_out) == {doc.id}
        assert 0 < kept.streams.drawn < 10  # the edited document's pages, not the issue's
        assert edited == _fresh(issue, tpl)
        laid_out.clear()
        again, _ = _kept_build(issue, tpl)  # the edit was kept too
        assert laid_out == [] and again == edited
    finally:
        issue.set_block_text(doc.id, index, original)


def test_other_fonts_adopt_nothing(cache_folder, issue, laid_out) -> None:
    tpl = load_template(issue.template)
    _kept_build(issue, tpl)
    other = tpl.with_fonts({"body": "Noto Sans CJK SC"})
    laid_out.clear()
    data, _ = _kept_build(issue, other)
    assert len(set(laid_out)) == len(issue.documents())
    assert data == _fresh(issue, other)


def test_a_kept_file_of_other_code_is_not_read(cache_folder, issue, laid_out, monkeypatch) -> None:
    tpl = load_template(issue.template)
    _kept_build(issue, tpl)
    monkeypatch.setattr(keptbuild, "code_stamp", lambda: b"another version of the layout code")
    laid_out.clear()
    data, _ = _kept_build(issue, tpl)
    assert len(set(laid_out)) == len(issue.documents())
    assert data == _fresh(issue, tpl)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short (a full disk)
        lambda data: data.split(b"\n", 1)[0] + b"\n" + pickle.dumps(["not", "a", "kept", "build"]),
        lambda data: data.split(b"\n", 1)[0] + b"\n" + b"\x80\x05garbage",
        lambda data: b"",
    ],
)
def test_a_damaged_kept_file_only_means_a_build_from_nothing(cache_folder, issue, laid_out, damage) -> None:
    tpl = load_template(issue.template)
    _, kept = _kept_build(issue, tpl)
    kept.path.write_bytes(damage(kept.path.read_bytes()))
    laid_out.clear()
    data, _ = _kept_build(issue, tpl)
    assert len(set(laid_out)) == len(issue.documents())
    assert data == _fresh(issue, tpl)


def _unwritable_folder(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(blocker))


def _unpicklable(tmp_path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise pickle.PicklingError("cannot keep this")

    monkeypatch.setattr(keptbuild.pickle, "dumps", refuse)


@pytest.mark.parametrize("obstacle", [_unwritable_folder, _unpicklable])
def test_a_build_that_cannot_be_kept_is_still_written(
    cache_folder, tmp_path, issue, monkeypatch, obstacle
) -> None:
    obstacle(tmp_path, monkeypatch)
    tpl = load_template(issue.template)
    data, kept = _kept_build(issue, tpl)
    assert not kept.path.exists()
    assert data == _fresh(issue, tpl)


def test_only_the_most_recent_builds_are_kept(cache_folder, issue) -> None:
    tpl = load_template(issue.template)
    _, kept = _kept_build(issue, tpl)
    folder = kept.path.parent
    for n in range(keptbuild.MAX_FILES + 3):  # older builds of other inputs
        old = folder / f"old{n}.pickle"
        old.write_bytes(b"")
        os.utime(old, ns=(n, n))
    _kept_build(issue, tpl.with_fonts({"body": "Noto Sans CJK SC"}))  # something new to save
    left = sorted(p.name for p in folder.glob("*.pickle"))
    assert len(left) == keptbuild.MAX_FILES and kept.path.name in left
    assert "old0.pickle" not in left


# main.py build, as the user runs it, reporting whether reportlab and hashlib were imported
PROBE = main_probe(
    "print(json.dumps({'code': code, 'reportlab': 'reportlab' in sys.modules,"
    " 'hashlib': 'hashlib' in sys.modules, 'text_import': 'editor.text_import' in sys.modules}))"
)


def test_the_cli_rebuild_copies_the_file_without_loading_reportlab(tmp_path) -> None:
    def build(out: Path) -> dict:
        got = run_probe(
            PROBE, ["build", str(SEED), "-o", str(out)], {"GAZETTE_PRESS_CACHE": str(tmp_path / "c")}
        )
        assert got["code"] == 0
        return got

    first = build(tmp_path / "first.pdf")
    assert first["reportlab"] is True and first["text_import"] is True  # the probe sees real imports
    # neither reportlab nor OpenSSL's hashlib (layout/digest.py) on a rebuild, nor the text importer:
    # the issue read from the same bytes last time is kept too
    assert build(tmp_path / "second.pdf") == {
        "code": 0,
        "reportlab": False,
        "hashlib": False,
        "text_import": False,
    }
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "second.pdf").read_bytes()


def test_check_after_build_lays_out_nothing_and_build_after_check_copies(
    cache_folder, tmp_path, laid_out
) -> None:
    """`check` and `build` of one input share what the last of them kept."""
    from editor.cli import main

    out = tmp_path / "out.pdf"
    assert main(["build", str(SEED), "-o", str(out)]) == 0
    first = out.read_bytes()
    laid_out.clear()
    main(["check", str(SEED)])
    assert laid_out == []
    out.unlink()
    assert main(["build", str(SEED), "-o", str(out)]) == 0
    assert laid_out == [] and out.read_bytes() == first


def test_a_rebuild_that_made_nothing_new_marks_its_file_as_used(cache_folder, issue) -> None:
    tpl = load_template(issue.template)
    _, kept = _kept_build(issue, tpl)
    os.utime(kept.path, ns=(1, 1))
    before = kept.path.stat().st_ino
    _kept_build(issue, tpl)
    # not written again (a write replaces the file: a new inode), only marked as used
    assert kept.path.stat().st_ino == before and kept.path.stat().st_mtime_ns > 1


@pytest.mark.parametrize("ref", [Ref("doc-1", "block", 3), Ref("doc-1", "title"), Ref(FRONT, "toc-group", 0)])
def test_a_provenance_key_survives_the_kept_file(ref) -> None:
    """Ref pickles as a constructor call (faster to read back than its dataclass state)."""
    back = pickle.loads(pickle.dumps(ref, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == ref and hash(back) == hash(ref) and type(back) is Ref


def _read_and_build(path: Path, encoding: str | None = None):
    """What `main.py build PATH` does with the kept build: read the issue (kept or not), build, save."""
    kept = KeptBuild(NAME)
    issue, _key = load_input_kept(path, encoding, allow_outside=True, kept=kept)
    write_pdf(
        typeset(compose(issue), load_template(issue.template), cache=kept.layouts), streams=kept.streams
    )
    kept.save()
    return issue


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The inputs read from their files (not from a kept build)."""
    seen: list[str] = []
    real = importing.load_input

    def counting(path, *args, **kwargs):
        seen.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(importing, "load_input", counting)
    return seen


def test_the_issue_read_from_the_same_bytes_is_kept(cache_folder, tmp_path, reads) -> None:
    text = tmp_path / "issue.txt"
    text.write_bytes(SEED.read_bytes())
    first = _read_and_build(text)
    assert reads == [str(text)]
    again = _read_and_build(text)
    assert reads == [str(text)] and again == first and again is not first
    assert again == load_input(str(text), None, allow_outside=True)  # what the file reads as today
    _read_and_build(text, "utf-8")  # another encoding asked for: read again
    assert len(reads) == 2
    text.write_bytes(SEED.read_bytes().replace("葫芦岛市".encode(), "锦州市".encode(), 1))
    changed = _read_and_build(text, "utf-8")  # other bytes: read again, and what they say is used
    assert len(reads) == 3 and changed != first and changed == load_input(str(text), "utf-8")


def test_a_kept_issue_of_other_editor_code_or_damaged_is_read_again(
    cache_folder, tmp_path, reads, monkeypatch
) -> None:
    text = tmp_path / "issue.txt"
    text.write_bytes(SEED.read_bytes())
    first = _read_and_build(text)
    real = keptbuild.sources_stamp
    edited = lambda folder: real(folder) + ("edited" if Path(folder).name == "editor" else "")  # noqa: E731
    monkeypatch.setattr(keptbuild, "sources_stamp", edited)
    assert _read_and_build(text) == first and len(reads) == 2  # the editor's sources changed
    monkeypatch.setattr(keptbuild, "sources_stamp", real)
    assert _read_and_build(text) == first and len(reads) == 3  # and changed back
    assert _read_and_build(text) == first and len(reads) == 3
    reads.clear()
    monkeypatch.setattr(importing, "load_input", lambda *a, **k: reads.append("read") or first)
    kept = KeptBuild(NAME)
    name, (key, _data) = next(iter(kept._notes.items()))
    kept.keep(name, key, b"not a pickle")
    assert load_input_kept(text, None, allow_outside=True, kept=kept)[0] is first and reads == ["read"]


def test_a_check_after_a_build_leaves_the_kept_file_as_it_was(cache_folder, tmp_path, monkeypatch) -> None:
    """A check lays out nothing new and draws no page: once it has kept its content findings,
    its kept file is only marked as used (the last build's page counts were once read back as
    this process's drawing, and every check wrote the whole file again)."""
    from editor.cli import main

    out = tmp_path / "out.pdf"
    assert main(["build", str(SEED), "-o", str(out)]) == 0
    written: list[Path] = []
    real = keptbuild.write_whole
    monkeypatch.setattr(keptbuild, "write_whole", lambda path, data: written.append(path) or real(path, data))
    main(["check", str(SEED)])
    assert len(written) == 1  # the content findings are new
    main(["check", str(SEED)])
    assert main(["build", str(SEED), "-o", str(out)]) == 0
    assert len(written) == 1


def test_a_check_of_the_same_input_keeps_its_content_findings(
    cache_folder, tmp_path, monkeypatch, capsys
) -> None:
    """Content checks read only the issue, so a check of the same bytes reuses what the last one
    found (kept with the issue); the report is the one a check from nothing gives."""
    from editor import content_checks
    from editor.cli import main

    text = tmp_path / "issue.txt"
    text.write_bytes(SEED.read_bytes())
    ran: list[int] = []
    real = content_checks.check_content
    monkeypatch.setattr(content_checks, "check_content", lambda issue: ran.append(1) or real(issue))
    main(["check", str(text), "--json"])
    first = capsys.readouterr().out
    main(["check", str(text), "--json"])
    assert capsys.readouterr().out == first and ran == [1]
    text.write_bytes(SEED.read_bytes().replace("(试行)".encode(), "（试行）".encode(), 1))
    main(["check", str(text), "--json"])
    changed = capsys.readouterr().out
    assert ran == [1, 1] and changed != first  # other bytes: checked again, one finding fewer
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "empty"))
    main(["check", str(text), "--json"])
    assert capsys.readouterr().out == changed


def test_a_check_of_the_same_input_template_and_fonts_reuses_all_its_findings(
    cache_folder, tmp_path, monkeypatch, capsys
) -> None:
    """Every finding depends on the issue, the code, the template and the fonts' files: a
    check with all of them the same as the last one's reports what it found, checking nothing;
    a template of other content is checked again."""
    from editor import checks
    from editor.cli import main

    text = tmp_path / "issue.txt"
    text.write_bytes(SEED.read_bytes())
    ran: list[str] = []
    real = checks.check_layout
    monkeypatch.setattr(checks, "check_layout", lambda issue, book: ran.append("layout") or real(issue, book))
    main(["check", str(text), "--json"])
    first = capsys.readouterr().out
    assert ran == ["layout"]
    main(["check", str(text), "--json"])
    assert capsys.readouterr().out == first and ran == ["layout"]
    tpl = tmp_path / "wide.toml"
    shipped = (ROOT / "resources" / "templates" / "gazette-a4.toml").read_text(encoding="utf-8")
    tpl.write_text(shipped, encoding="utf-8")
    main(["check", str(text), "--json", "--template", str(tpl)])  # the same content: kept findings
    assert capsys.readouterr().out == first and ran == ["layout"]
    assert "inner_mm = 26.65" in shipped
    tpl.write_text(shipped.replace("inner_mm = 26.65", "inner_mm = 30", 1), encoding="utf-8")
    main(["check", str(text), "--json", "--template", str(tpl)])
    other = capsys.readouterr().out
    assert ran == ["layout", "layout"]
    from layout.fonts import FontBook

    real_identity = FontBook.identity
    monkeypatch.setattr(FontBook, "identity", lambda book: (*real_identity(book), ("body", "a font updated")))
    main(["check", str(text), "--json"])  # the fonts' files changed: checked again
    assert capsys.readouterr().out == first and ran == ["layout", "layout", "layout"]
    monkeypatch.setattr(FontBook, "identity", real_identity)
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "empty"))
    main(["check", str(text), "--json", "--template", str(tpl)])
    assert capsys.readouterr().out == other
