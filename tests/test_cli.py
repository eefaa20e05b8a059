"""The command line end to end, as the office and CI use it: build the reference issue and
let the outside proofreader judge the PDF; import to .gazette and build the same bytes;
bad input gives exit 1 and one line."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "hld-2018-02.txt"
EXPECT = SHARED / "seed" / "hld-2018-02.expect.json"
CHECKER = SHARED / "checks" / "check_issue_pdf.py"


def run(*args, cwd=ROOT, env=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en", **(env or {})},
    )


def check(pdf: Path, tmp_path: Path) -> dict:
    out = tmp_path / f"{pdf.stem}-report.json"
    subprocess.run(
        [sys.executable, str(CHECKER), str(pdf), str(EXPECT), "--json", str(out)],
        capture_output=True,
        text=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seed")
    pdf = tmp / "seed.pdf"
    r = run("build", SEED, "-o", pdf, "--report", tmp / "report.json")
    assert r.returncode == 0, r.stderr
    return pdf, json.loads((tmp / "report.json").read_text(encoding="utf-8"))


def test_seed_builds_and_passes_the_outside_checker(seed_pdf, tmp_path):
    pdf, report = seed_pdf
    results = check(pdf, tmp_path)["results"]
    failed = {k: v["figure"] for k, v in results.items() if not v["ok"]}
    assert failed == {}


def test_build_report_lists_the_toc_rows(seed_pdf):
    _, report = seed_pdf
    assert len(report["toc"]) == 8
    assert report["toc"][0]["section"] == "市政府文件"
    assert report["toc"][0]["doc_number"] == "葫政发〔2018〕4号"
    assert report["toc"][0]["page"] == 2
    pages = [row["page"] for row in report["toc"]]
    assert pages == sorted(pages) and report["pages"] > pages[-1]


def test_import_to_gazette_then_build_gives_the_same_bytes(seed_pdf, tmp_path):
    pdf, _ = seed_pdf
    issue = tmp_path / "seed.gazette"
    r = run("import", SEED, "-o", issue)
    assert r.returncode == 0, r.stderr
    r = run("build", issue, "-o", tmp_path / "seed2.pdf")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "seed2.pdf").read_bytes() == pdf.read_bytes()


def test_building_twice_gives_identical_bytes(seed_pdf, tmp_path):
    pdf, _ = seed_pdf
    r = run("build", SEED, "-o", tmp_path / "again.pdf")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "again.pdf").read_bytes() == pdf.read_bytes()


def test_demo_recipe_builds(tmp_path):
    r = run("build", ROOT / "demo" / "recipe.toml", "-o", tmp_path / "demo.pdf")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "demo.pdf").read_bytes().startswith(b"%PDF")


def _bad_inputs(tmp_path):
    good = tmp_path / "good.gazette"
    assert run("import", SEED, "-o", good).returncode == 0
    data = good.read_bytes()
    truncated = tmp_path / "truncated.gazette"
    truncated.write_bytes(data[: len(data) // 3])
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    schema_bad = tmp_path / "schema.gazette"
    with zipfile.ZipFile(schema_bad, "w") as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "issue.xml":
                body = body.replace(b'role="heading1"', b'role="chapter"', 1)
            z.writestr(info, body)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    return [truncated, schema_bad, binary, tmp_path / "missing.txt"]


def test_bad_inputs_give_exit_1_one_line_and_stay_untouched(tmp_path):
    for path in _bad_inputs(tmp_path):
        before = path.read_bytes() if path.exists() else None
        r = run("build", path, "-o", tmp_path / "x.pdf")
        assert r.returncode == 1, (path, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.stderr, (path, r.stderr)
        assert (path.read_bytes() if path.exists() else None) == before
    assert not (tmp_path / "x.pdf").exists()


def test_schema_error_names_the_line(tmp_path):
    bad = _bad_inputs(tmp_path)[1]
    r = run("build", bad, "-o", tmp_path / "x.pdf")
    assert "line" in r.stderr and "schema" in r.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run("build").returncode == 2
    assert run("frobnicate", "x", "y").returncode == 2


def test_messages_are_chinese_by_default(tmp_path):
    r = run("build", tmp_path / "missing.txt", "-o", tmp_path / "x.pdf", env={"GAZETTE_LANG": "zh"})
    assert r.returncode == 1 and "找不到文件" in r.stderr


def test_proof_of_an_issue_file_keeps_its_round_for_diff(tmp_path):
    issue = tmp_path / "seed.gazette"
    assert run("import", SEED, "-o", issue).returncode == 0
    r = run("build", issue, "-o", tmp_path / "proof1.pdf", "--proof")
    assert r.returncode == 0, r.stderr
    from editor.issue_file import load_issue

    assert [p.round for p in load_issue(issue).proofs] == [1]
    r = run("diff", "1", issue)
    assert r.returncode == 0, r.stderr
    assert "0 pages" in r.stdout or "0 页" in r.stdout


def test_a_requested_font_that_is_not_installed_is_named(tmp_path):
    r = run("build", ROOT / "demo" / "recipe.toml", "-o", tmp_path / "d.pdf", "--font", "body=方正仿宋_GBK")
    assert r.returncode == 0, r.stderr
    assert "方正仿宋_GBK" in r.stderr and "not installed" in r.stderr


@pytest.mark.parametrize(
    "options", [["--template", "gbt9704"], ["--font", "body=Noto Serif CJK SC"]], ids=["gbt9704", "noto-body"]
)
def test_seed_passes_the_checker_with_other_templates_and_fonts(tmp_path, options):
    pdf = tmp_path / "seed.pdf"
    r = run("build", SEED, "-o", pdf, *options)
    assert r.returncode == 0, r.stderr
    results = check(pdf, tmp_path)["results"]
    assert {k: v["figure"] for k, v in results.items() if not v["ok"]} == {}


def test_report_measures_the_book_against_the_template_it_was_set_with(tmp_path):
    """`--template gbt9704 --report`: the layout checks read book.template, not the issue's own
    template by name (they used to report 357 false line overflows here)."""
    report = tmp_path / "r.json"
    r = run("build", SEED, "--template", "gbt9704", "-o", tmp_path / "g.pdf", "--report", report)
    assert r.returncode == 0, r.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [f for f in data["findings"] if f["check"] == "line-overflow"] == []
    assert len(data["toc"]) == 8 and all(row["page"] for row in data["toc"])
