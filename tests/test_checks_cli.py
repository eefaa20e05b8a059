"""`main.py check` and `main.py diff` on the reference issue, run as the editors run them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from editor.compose import build_book
from editor.fingerprints import record_proof
from editor.importing import load_input
from editor.issue_file import load_issue, save_issue
from editor.model import Role
from layout.display import Ref

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="reference issue not available")


def run(*args: str, lang: str = "zh") -> subprocess.CompletedProcess:
    env = dict(os.environ, GAZETTE_LANG=lang, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def seed_report():
    r = run("check", str(SEED), "--json")
    assert r.returncode == 0, r.stderr  # warnings and notes only: exit 0
    return json.loads(r.stdout)


def test_check_reference_issue_lists_extraction_spaces_outside_the_board(seed_report):
    spaces = [f for f in seed_report["findings"] if f["check"] == "space-cjk"]
    assert len(spaces) > 50
    assert all(f["location"]["doc"] for f in spaces)  # every one in a document, none in the board
    issue = load_input(str(SEED))
    board_names = [p for e in issue.board.entries for p in (e.people or [])]
    assert "刘剑" in board_names or "刘 剑" in board_names
    assert not any("刘 剑" in f["subject"] or "赵 军" in f["subject"] for f in spaces)
    assert any(re.search(r"\d 年", f["subject"]) for f in spaces)  # the "2018 年" kind
    assert all(f["location"]["page"] is not None for f in spaces)


def test_check_reference_issue_lists_both_note_forms_and_the_joins(seed_report):
    notes = [f for f in seed_report["findings"] if f["check"] == "note-forms"]
    assert notes and all(
        "(此件公开发布)" in f["message"] and "（此件公开发布）" in f["message"] for f in notes
    )
    assert all(f["fix"]["new"] == "（此件公开发布）" for f in notes)
    joins = [f for f in seed_report["findings"] if f["check"] == "import-join"]
    issue = load_input(str(SEED))
    expected = sorted(
        (d.id, i, at) for d in issue.documents() for i, b in enumerate(d.blocks) for at in b.joins
    )
    assert expected, "the importer records the joins it made"
    got = sorted((f["location"]["doc"], f["location"]["block"], f["location"]["offset"]) for f in joins)
    assert got == expected
    counts = seed_report["counts"]
    assert counts["import-join"] == len(expected) and counts["note-forms"] == len(notes)


def test_check_text_output_ends_with_counts_by_check():
    r = run("check", str(SEED))
    assert r.returncode == 0
    last = r.stdout.strip().splitlines()[-1]
    assert last.startswith("共 ") and "space-cjk" in last and "note-forms" in last and "import-join" in last
    r = run("check", str(SEED), lang="en")
    assert "By check:" in r.stdout.strip().splitlines()[-1]


def test_check_exits_1_on_errors_and_respects_ignores(tmp_path):
    issue = load_input(str(SEED))
    issue.set_document_field("d2", "number", "葫政发[2018]05号")
    path = tmp_path / "issue.gazette"
    save_issue(issue, path)
    r = run("check", str(path), "--json")
    assert r.returncode == 1
    errors = [f for f in json.loads(r.stdout)["findings"] if f["severity"] == "error"]
    assert {f["check"] for f in errors} == {"doc-number-brackets", "doc-number-zero"}
    from editor.content_checks import check_content

    for f in check_content(issue):
        if f.severity == "error":
            issue.ignore(f.ignored_as("与原件核对无误"))
    save_issue(issue, path)
    assert len(load_issue(path).ignored) == 2
    r = run("check", str(path), "--json")
    assert r.returncode == 0
    assert json.loads(r.stdout)["ignored"] == 2


def test_check_bad_input_is_one_line():
    r = run("check", "/nonexistent/issue.gazette")
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_diff_against_a_proof_round_after_editing_document_3(tmp_path):
    issue = load_input(str(SEED))
    book = build_book(issue)
    record_proof(issue, book, 1, "2018-03-10")
    path = tmp_path / "issue.gazette"
    save_issue(issue, path)
    issue = load_issue(path)
    assert [p.round for p in issue.proofs] == [1]
    doc = issue.document("d3")
    i = max(
        (i for i, b in enumerate(doc.blocks) if b.role == Role.PARAGRAPH),
        key=lambda i: len(doc.blocks[i].text),
    )
    issue.set_block_text("d3", i, doc.blocks[i].text.replace("，", "，切实", 1))
    save_issue(issue, path)
    r = run("diff", "1", str(path), "--json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    changed = result["changed_pages"]
    assert changed and {c["document"] for c in changed} == {"d3"}
    new_book = build_book(load_issue(path))
    edited = {
        new_book.pages[p].folio
        for p, page in enumerate(new_book.pages)
        for it in page.items
        if getattr(it, "key", None) == Ref("d3", "block", i)
    }
    assert min(edited) in {c["page"] for c in changed}
    assert all(c["page"] in {pg.folio for pg in new_book.pages if pg.flow == "d3"} for c in changed)
    if len(new_book.pages) == len(book.pages):
        assert result["toc_moved"] == []
    text = run("diff", "1", str(path)).stdout
    assert "d3" in text and "需要重读" in text


def test_diff_unknown_round_is_one_clear_line(tmp_path):
    issue = load_input(str(SEED))
    path = tmp_path / "issue.gazette"
    save_issue(issue, path)
    r = run("diff", "3", str(path))
    assert r.returncode == 1
    assert "第 3 校" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_diff_between_two_pdfs(tmp_path):
    issue = load_input(str(SEED))
    path = tmp_path / "issue.gazette"
    save_issue(issue, path)
    old_pdf = tmp_path / "old.pdf"
    r = run("build", str(path), "-o", str(old_pdf))
    assert r.returncode == 0, r.stderr
    doc = issue.document("d3")
    i = max(
        (i for i, b in enumerate(doc.blocks) if b.role == Role.PARAGRAPH),
        key=lambda i: len(doc.blocks[i].text),
    )
    issue.set_block_text("d3", i, doc.blocks[i].text.replace("，", "，切实", 1))
    save_issue(issue, path)
    new_pdf = tmp_path / "new.pdf"
    assert run("build", str(path), "-o", str(new_pdf)).returncode == 0
    for new in (str(new_pdf), str(path)):  # a PDF, or the issue laid out afresh
        r = run("diff", str(old_pdf), new, "--json")
        assert r.returncode == 0, r.stderr
        changed = json.loads(r.stdout)["changed_pages"]
        d3_folios = {pg.folio for pg in build_book(issue).pages if pg.flow == "d3"}
        assert changed and {c["page"] for c in changed} <= d3_folios
