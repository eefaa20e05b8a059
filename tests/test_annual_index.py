"""`main.py annual-index`: the year's index from the archive, set by our layout engine, judged by
the outside checker (fonts, margins, kinsoku, its own TOC), and every page it names read back
against the printed folios of the issues' own PDFs."""

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import html5lib
import pytest
from pypdf import PdfReader

from editor.annual import BY_ISSUER, entry_text, grouped, year_hits
from editor.archive import open_archive
from editor.compose import build_book
from editor.issue_file import load_issue
from layout.pdf import write_pdf

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT.parent / "shared" / "checks" / "check_issue_pdf.py"


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


@pytest.fixture(scope="module")
def index(year_prepared, tmp_path_factory):
    folder = tmp_path_factory.mktemp("annual")
    db = folder / "archive.sqlite"
    with open_archive(db) as arc:
        arc.add(year_prepared)
        gazette, hits = year_hits(arc, 2018)
    pdf, html = folder / "index-2018.pdf", folder / "site" / "annual-2018.html"
    html.parent.mkdir()
    r = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "annual-index",
            "2018",
            "--db",
            str(db),
            "-o",
            str(pdf),
            "--html",
            str(html),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    return pdf, html, gazette, hits


def expect_of(hits) -> dict:
    """The index's structure in the outside checker's EXPECT format."""
    sections, issuers = grouped(hits)
    docs = [
        {"title": name, "paragraphs": [entry_text(h) for h in entries]} for name, entries in sections.items()
    ]
    paras = []
    for name, entries in issuers.items():
        paras += [name] + [entry_text(h) for h in entries]
    docs.append({"title": BY_ISSUER, "paragraphs": paras})
    return {
        "sections": [{"name": "索引", "entries": [{"title": d["title"], "doc_number": ""} for d in docs]}],
        "documents": docs,
    }


def test_index_passes_the_outside_checker(index, tmp_path):
    pdf, _, _, hits = index
    expect = tmp_path / "expect.json"
    expect.write_text(json.dumps(expect_of(hits), ensure_ascii=False), encoding="utf-8")
    report = tmp_path / "report.json"
    subprocess.run(
        [sys.executable, str(CHECKER), str(pdf), str(expect), "--json", str(report)], capture_output=True
    )
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    assert {
        "fonts",
        "margins",
        "kinsoku",
        "justify",
        "paragraph-shape",
        "text",
        "toc-pages",
        "folios",
    } <= set(results)
    failed = {name: r for name, r in results.items() if not r["ok"]}
    assert failed == {}, failed


def index_text(pdf: Path) -> str:
    """The index's body text: running heads and folios left out, pages joined, no white space."""
    out = []
    for page in PdfReader(str(pdf)).pages:
        lines = page.extract_text().splitlines()
        out += [ln for ln in lines if "年总目次" not in ln and not re.fullmatch(r"\W*\d+\W*", ln.strip())]
    return norm("".join(out))


def printed_starts(issue_pdf: bytes, titles: list[str]) -> dict[str, int]:
    """Where each title lands in an issue's PDF, and the folio printed at the foot of that page."""
    import io

    pages = PdfReader(io.BytesIO(issue_pdf)).pages
    texts = [norm(p.extract_text()) for p in pages]
    folios = [re.search(r"(\d+)\D*$", p.extract_text().strip()) for p in pages]
    out = {}
    for t in titles:
        k = next(i for i in range(1, len(pages)) if norm(t) in texts[i])
        out[t] = int(folios[k].group(1))
    return out


def test_page_references_are_the_folios_printed_in_the_issues(index, year_issues):
    pdf, _, _, hits = index
    text = index_text(pdf)
    checked = 0
    for path in (year_issues[1], year_issues[4]):  # the reference issue and 第5期, built here as printed
        issue = load_issue(path)
        starts = printed_starts(write_pdf(build_book(issue)), [d.title for d in issue.documents()])
        for d in issue.documents():
            number = f"（{d.number}）" if d.number else ""
            pattern = re.escape(norm(d.title + number)) + rf"第{issue.number}期第(\d+)页"
            found = re.findall(pattern, text)
            assert len(found) == 2, (d.title, found)  # once under its section, once under its issuer
            assert {int(p) for p in found} == {starts[d.title]}, d.title
            checked += 1
    assert checked == 12
    assert len(hits) == sum(1 for _ in re.finditer(r"第\d期第\d+页", text)) // 2


def test_index_has_its_own_folios_and_an_html_twin(index):
    pdf, html, gazette, hits = index
    reader = PdfReader(str(pdf))
    assert list(reader.page_labels) == [str(n) for n in range(1, len(reader.pages) + 1)]
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html.read_bytes())
    rows = tree.findall(".//tbody/tr")
    assert len(rows) == 2 * len(hits)  # by section and by issuer
    assert (html.parent / "style.css").exists()
    page = html.read_text(encoding="utf-8")
    assert f"{gazette}2018年总目次" in page and "按发文机关分类" in page
    ref = next(h for h in hits if h.doc_number == "葫政发〔2018〕4号")
    assert f"<td>{ref.doc_number}</td><td>第2期</td><td>2</td>" in page


def test_a_year_without_issues_is_one_line(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "annual-index",
            "2017",
            "--db",
            str(tmp_path / "a.sqlite"),
            "-o",
            str(tmp_path / "i.pdf"),
        ],
        capture_output=True,
        text=True,
        env={"GAZETTE_LANG": "en", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "2017" in r.stderr
    assert not (tmp_path / "i.pdf").exists()
