"""Damaged and hostile files (issue 12, issue 17): every class named in the issues, through the
CLI, ends in exit 1 and one line naming the problem, or (pictures, odd symbols, oversized spans)
in a build that goes on and says what it replaced. Never "内部错误", never a hang."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile_files import hostile_docx, hostile_issues, hostile_recipes, sample_issue

ROOT = Path(__file__).resolve().parent.parent

# One interpreter runs many CLI invocations (editor.cli.main, exactly what main.py calls), so
# thirty hostile files cost one start-up; the subprocess timeout is only a hang guard.
DRIVER = """
import contextlib, io, json, sys
from editor.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        rc = main(argv)
    results.append([rc, err.getvalue(), out.getvalue()])
print(json.dumps(results))
"""


def run_cli(*argvs: list) -> list[tuple[int, str, str]]:
    r = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps([[str(a) for a in argv] for argv in argvs])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en"},
        timeout=30 + 10 * len(argvs),
    )
    assert r.returncode == 0, r.stderr
    return [tuple(x) for x in json.loads(r.stdout)]


def assert_refused(result, *words: str) -> str:
    rc, err, _ = result
    lines = err.strip().splitlines()
    assert rc == 1, err
    assert len(lines) == 1, err
    assert "Internal error" not in err and "内部错误" not in err, err
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


DOCX_REFUSED = {
    "size-inf": ["'INF'", "w:sz"],
    "size-1e999": ["'1e999'", "w:sz"],
    "gridspan-inf": ["'INF'", "w:gridSpan"],
    "gridspan-1e999": ["'1e999'", "w:gridSpan"],
    "extent-inf": ["'INF'", "wp:extent"],
    "extent-1e999": ["'1e999'", "wp:extent"],
    "numbering-start-inf": ["'INF'", "w:start"],
    "numbering-start-1e999": ["'1e999'", "w:start"],
    "lvltext-amplification": ["w:lvlText", "list number"],
    "empty-paragraphs": ["paragraphs", "limit"],
    "hmerge-huge": ["limit"],
}


@pytest.fixture(scope="module")
def docx_results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-docx")
    files = hostile_docx()
    argvs = []
    for name, data in files.items():
        (tmp / f"{name}.docx").write_bytes(data)
        argvs.append(["import", tmp / f"{name}.docx", "-o", tmp / f"{name}.gazette"])
    return tmp, dict(zip(files, run_cli(*argvs), strict=True))


@pytest.mark.parametrize("name", sorted(DOCX_REFUSED))
def test_hostile_word_files_are_refused_in_one_line(docx_results, name):
    tmp, results = docx_results
    line = assert_refused(results[name], *DOCX_REFUSED[name])
    assert f"{name}.docx" in line
    assert not (tmp / f"{name}.gazette").exists()


def test_a_lone_surrogate_symbol_becomes_a_box_and_the_issue_saves_and_builds(docx_results):
    tmp, results = docx_results
    rc, err, out = results["sym-lone-surrogate"]
    assert rc == 0, err
    assert "□" in out  # the import report says a symbol was replaced
    rc, err, _ = run_cli(["build", tmp / "sym-lone-surrogate.gazette", "-o", tmp / "sym.pdf"])[0]
    assert rc == 0, err


def test_oversized_spans_are_clamped_and_the_table_lays_out(docx_results):
    from editor.bounds import MAX_SPAN
    from editor.issue_file import load_issue

    tmp, results = docx_results
    assert results["colspan-huge"][0] == 0, results["colspan-huge"][1]
    issue = load_issue(tmp / "colspan-huge.gazette")
    table = next(b.table for b in issue.documents()[0].blocks if b.table is not None)
    assert max(c.colspan for row in table.rows for c in row) == MAX_SPAN
    rc, err, _ = run_cli(["build", tmp / "colspan-huge.gazette", "-o", tmp / "span.pdf"])[0]
    assert rc == 0, err


ISSUE_REFUSED = {
    "flipped-deflate": ["damaged", "corrupt"],
    "zip-version-8.7": ["damaged", "unsupported zip"],
    "truncated-central-directory": ["damaged", "zip"],
    "date-with-zone": ["'2018-01-01Z'", "date"],
    "date-year-99999": ["'99999-01-01'", "date"],
    "first-page-5001-digits": ["first-page", "99999"],
    "template-100k": ["template"],
    "template-escape": ["template", "../../../../etc/passwd"],
    "proof-not-json": ["proof", "{not json"],
    "width-400-nines": ["width-mm", "999"],
    "colspan-1e6": ["colspan", "'1000000'"],
    "colspan-1e29": ["colspan", "100000000000000000000000000000"],
}


@pytest.fixture(scope="module")
def issue_results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-issue")
    files = hostile_issues()
    argvs = []
    for name, data in files.items():
        (tmp / f"{name}.gazette").write_bytes(data)
        out = ["-o", tmp / f"{name}.pdf", "--report", tmp / f"{name}.json"]
        argvs.append(["build", tmp / f"{name}.gazette", *out])
    argvs.append(["check", tmp / "damaged-picture.gazette", "--json"])
    results = run_cli(*argvs)
    return tmp, dict(zip([*files, "check-picture"], results, strict=True))


@pytest.mark.parametrize("name", sorted(ISSUE_REFUSED))
def test_hostile_issue_files_are_refused_in_one_line(issue_results, name):
    tmp, results = issue_results
    line = assert_refused(results[name], *ISSUE_REFUSED[name])
    if name != "template-escape":  # a template is a choice, not damage of the file
        assert "damaged" in line and "no backup" in line  # no .bak here, so none is promised
    assert not (tmp / f"{name}.pdf").exists()


def test_a_damaged_picture_is_a_marked_placeholder_named_in_report_and_check(issue_results):
    tmp, results = issue_results
    rc, err, _ = results["damaged-picture"]
    assert rc == 0, err
    assert "media/d1-1.png" in err and "placeholder" in err
    report = json.loads((tmp / "damaged-picture.json").read_text(encoding="utf-8"))
    assert any("media/d1-1.png" in w for w in report["warnings"])
    rc, err, out = results["check-picture"]
    findings = json.loads(out)
    rows = findings if isinstance(findings, list) else findings.get("findings", [])
    assert any(f["check"] == "picture" and "media/d1-1.png" in f["message"] for f in rows), out


def test_a_damaged_issue_file_points_at_its_backup_when_there_is_one(tmp_path):
    from editor.issue_file import issue_to_bytes

    bad = tmp_path / "x.gazette"
    bad.write_bytes(hostile_issues()["flipped-deflate"])
    (tmp_path / "x.gazette.bak").write_bytes(issue_to_bytes(sample_issue()))
    line = assert_refused(run_cli(["build", bad, "-o", tmp_path / "x.pdf"])[0], "damaged")
    assert "Open the backup x.gazette.bak" in line


@pytest.mark.parametrize("name", sorted(hostile_recipes()))
def test_recipes_with_impossible_numbers_are_refused_before_anything_is_written(tmp_path, name):
    recipe = tmp_path / "r.toml"
    recipe.write_text(hostile_recipes()[name], encoding="utf-8")
    result = run_cli(["import", recipe, "-o", tmp_path / "r.gazette"])[0]
    assert_refused(result, "r.toml")
    assert not (tmp_path / "r.gazette").exists()


def test_a_paragraph_too_long_to_read_back_is_refused_at_save_and_the_file_kept(tmp_path):
    """Issue 17: the tool wrote files it then refused to open. Now the save says so instead."""
    from editor.errors import UserError
    from editor.issue_file import load_issue, save_issue

    path = tmp_path / "x.gazette"
    issue = sample_issue()
    save_issue(issue, path)
    before = path.read_bytes()
    issue.documents()[0].blocks[0].text = "字" * 4_000_000  # 12 MB of UTF-8 in one paragraph
    with pytest.raises(UserError) as e:
        save_issue(issue, path)
    assert "could not be opened again" in e.value.en and "\n" not in e.value.en
    assert path.read_bytes() == before and load_issue(path).number == issue.number


def test_an_issue_beyond_any_printed_one_is_refused_before_layout(tmp_path):
    from editor.issue_file import save_issue
    from editor.model import Block, Role

    issue = sample_issue()
    issue.documents()[0].blocks += [Block(Role.PARAGRAPH, "字" * 900_000) for _ in range(2)]
    save_issue(issue, tmp_path / "big.gazette")
    line = assert_refused(run_cli(["build", tmp_path / "big.gazette", "-o", tmp_path / "big.pdf"])[0])
    assert "characters" in line and "Split" in line


def test_a_template_with_impossible_numbers_is_named_in_one_line(tmp_path):
    from editor.issue_file import save_issue

    shipped = (ROOT / "resources" / "templates" / "gazette-a4.toml").read_text(encoding="utf-8")
    save_issue(sample_issue(), tmp_path / "x.gazette")
    argvs = []
    for k, value in enumerate(["nan", "inf", "1e300"]):
        bad = tmp_path / f"t{k}.toml"
        bad.write_text(shipped.replace("size = 12 ", f"size = {value} ", 1), encoding="utf-8")
        argvs.append(["build", tmp_path / "x.gazette", "-o", tmp_path / f"t{k}.pdf", "--template", bad])
    for result, value in zip(run_cli(*argvs), ["nan", "inf", "1e+300"], strict=True):
        assert_refused(result, "text.size", value)
