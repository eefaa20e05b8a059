"""`main.py publish`: the e-edition of the reference issue, judged from the outside: a strict
HTML parser, the JSON Schema in resources/, pypdf on the cuts against the whole-issue PDF, and
headless Chromium (Debian's) loading the served site."""

import functools
import io
import json
import os
import re
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import html5lib
import jsonschema
import pytest
from pypdf import PdfReader

from editor.model import Block, Cell, Document, Gazette, Issue, Role, Table
from editor.publish import site_files, write_site
from editor.schemas import RECORDS as SCHEMA

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
EXPECT = json.loads((ROOT.parent / "shared" / "seed" / "hld-2018-02.expect.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pub") / "site"
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "publish", str(SEED), "-o", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en"},
    )
    assert r.returncode == 0, r.stderr
    return out


def strict_parse(data: bytes):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(data)  # raises on the first parse error


def test_every_page_is_valid_html_and_every_link_resolves(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 1 + len(EXPECT["documents"])
    for page in pages:
        tree = strict_parse(page.read_bytes())
        assert tree.find(".//meta[@name='viewport']") is not None  # readable on a phone
        assert tree.find(".//script") is None  # no JavaScript needed
        for el in tree.iter():
            ref = el.get("href") or el.get("src")
            if ref and not ref.startswith(("#", "http", "data:")):
                assert (page.parent / ref.split("#")[0]).resolve().exists(), (page, ref)


def test_issue_page_has_masthead_issue_line_and_toc_with_printed_pages(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    assert (
        "葫芦岛市人民政府公报" in text and "2018年第2期（总第51期）" in text and "2018年3月19日出版" in text
    )
    rows = re.findall(r'<a href="docs/(d\d+)\.html">(.*?)</a>.*?<span class="page">(\d+)</span>', text)
    expected = [e["printed_page"] for s in EXPECT["sections"] for e in s["entries"]]
    got = [int(p) for _, _, p in rows]  # the layout's own page numbers: within one of the print
    assert len(got) == len(expected) and all(abs(a - b) <= 1 for a, b in zip(got, expected, strict=True))
    for s in EXPECT["sections"]:
        assert f"○{s['name']}" in text


def test_issue_json_validates_and_matches_the_print(site):
    data = json.loads((site / "issue.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    recs = data["records"]
    assert {(r["gazette"], r["year"], r["number"], r["cumulative"]) for r in recs} == {
        ("葫芦岛市人民政府公报", 2018, 2, 51)
    }
    printed = [e["printed_page"] for s in EXPECT["sections"] for e in s["entries"]]
    firsts = [r["pages"]["first"] for r in recs]  # within one page of the printed TOC
    assert len(firsts) == len(printed) and all(abs(a - b) <= 1 for a, b in zip(firsts, printed, strict=True))
    first = recs[0]
    assert first["doc_number"] == "葫政发〔2018〕4号" and first["issuer"] == "葫芦岛市人民政府"
    assert first["date"] == "2018年3月14日" and "土壤污染" in first["text"]
    with pytest.raises(jsonschema.ValidationError):  # the schema does reject a broken record
        jsonschema.validate({**data, "records": [{**first, "year": "2018"}]}, schema)


def test_each_documents_pdf_cut_carries_the_printed_folios(site):
    whole = PdfReader(str(site / "issue.pdf"))
    labels = list(whole.page_labels)
    texts = [p.extract_text() for p in whole.pages]
    data = json.loads((site / "issue.json").read_text(encoding="utf-8"))
    for rec in data["records"]:
        cut = PdfReader(io.BytesIO((site / rec["pdf"]).read_bytes()))
        first, last = rec["pages"]["first"], rec["pages"]["last"]
        assert list(cut.page_labels) == [str(n) for n in range(first, last + 1)]
        start = labels.index(str(first))
        for k, pg in enumerate(cut.pages):
            assert pg.extract_text() == texts[start + k]  # the same page as printed, folio included
            assert re.search(
                rf"(^|\D){first + k}\D*$", pg.extract_text().strip()
            )  # the folio, last on the page


class _Quiet(SimpleHTTPRequestHandler):
    statuses: list = []

    def log_message(self, format, *args):  # noqa: A002
        pass

    def send_response(self, code, message=None):
        self.statuses.append((self.path, code))
        super().send_response(code, message)


def test_headless_chromium_opens_the_served_site_without_console_errors(site, tmp_path):
    handler = functools.partial(_Quiet, directory=str(site))
    _Quiet.statuses = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for path in ("index.html", "docs/d1.html", "docs/d4.html"):
            r = subprocess.run(
                [
                    "chromium",
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--enable-logging=stderr",
                    "--v=0",
                    f"--user-data-dir={tmp_path / 'profile'}",
                    "--window-size=412,900",
                    "--dump-dom",
                    f"{base}/{path}",
                ],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert r.returncode == 0, r.stderr[-2000:]
            assert "葫芦岛市人民政府公报" in r.stdout  # the DOM as Chromium built it
            console = [line for line in r.stderr.splitlines() if ":CONSOLE" in line]
            assert console == [], console
    finally:
        server.shutdown()
        server.server_close()
    assert _Quiet.statuses and all(code in (200, 304) for _, code in _Quiet.statuses), _Quiet.statuses
    assert any(p.endswith("style.css") for p, _ in _Quiet.statuses)


def test_images_tables_notes_and_superscripts_reach_the_web_page(tmp_path):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (60, 30), (200, 30, 30)).save(buf, "PNG")
    issue = Issue(Gazette("示例市人民政府公报", "月刊"), 2026, 4, 40)
    issue.add_section("市政府文件")
    doc = Document("", issuer="示例市人民政府文件", number="示政发〔2026〕1号", title="关于试行的通知")
    doc.blocks = [
        Block(Role.HEADING1, "一、总体要求"),
        Block(Role.PARAGRAPH, "各区要落实①。"),
        Block(
            Role.PARAGRAPH,
            "面积5000m2，排放CO2，必须达标。",
            marks=[(7, 8, "sup"), (13, 14, "sub"), (15, 19, "b")],
        ),
        Block(Role.TABLE, table=Table([[Cell("项目", colspan=2)], [Cell("甲"), Cell("乙")]], header_rows=1)),
        Block(Role.IMAGE, image="media/chart.png"),
        Block(Role.SIGNATURE, "示例市人民政府"),
        Block(Role.DATE, "2026年4月1日"),
        Block(Role.NOTE, "（此件公开发布）"),
    ]
    doc.footnotes = ["见上级文件。"]
    issue.add_document(0, doc)
    issue.files["media/chart.png"] = buf.getvalue()
    from editor.compose import build_book
    from layout.pdf import write_pdf

    book = build_book(issue)
    files = site_files(issue, book, write_pdf(book))
    write_site(files, tmp_path / "site")
    html = (tmp_path / "site" / "docs" / "d1.html").read_bytes()
    tree = strict_parse(html)
    text = html.decode()
    assert tree.find(".//h2").text == "一、总体要求"
    assert '<th colspan="2">项目</th>' in text and "<td>乙</td>" in text
    assert '<sup><a href="#fn1" id="ref1">①</a></sup>' in text and 'id="fn1"' in text
    # the source's superscript, subscript and emphasis keep their meaning on the web page
    assert "<p>面积5000m<sup>2</sup>，排放CO<sub>2</sub>，<strong>必须达标</strong>。</p>" in text
    assert (tmp_path / "site" / "media" / "chart.png").read_bytes() == buf.getvalue()
    assert '<p class="note">（此件公开发布）</p>' in text and "示政发〔2026〕1号" in text
    # a folder that is not an e-edition is never overwritten
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("x")
    from editor.errors import UserError

    with pytest.raises(UserError):
        write_site(files, other)
    assert [p.name for p in other.iterdir()] == ["keep.txt"]
