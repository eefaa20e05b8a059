"""The reference issue's eight documents as Word files: recognised, then built and checked.

The .docx files are generated at test time from ../shared/seed/hld-2018-02.expect.json (the
seed text is never committed), in the styles the office receives, imported through a recipe
and built with `main.py build`; the outside checker must pass toc-pages, folios, text, fonts.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from editor.docx_import import import_docx
from editor.model import Role

from .docx_factory import seed_document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXPECT = SHARED / "seed" / "hld-2018-02.expect.json"
CHECKER = SHARED / "checks" / "check_issue_pdf.py"

pytestmark = pytest.mark.skipif(not EXPECT.exists(), reason="../shared/seed is not present")


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    expect = json.loads(EXPECT.read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("seed-docx")
    paths = []
    for n, d in enumerate(expect["documents"], 1):
        paths.append(seed_document(d, n).save(folder / f"{n:02d}.docx"))
    return expect, folder, paths


def test_seed_documents_recognised(seed):
    expect, _, paths = seed
    for d, path in zip(expect["documents"], paths, strict=True):
        doc, _ = import_docx(path, "d1")
        assert doc.issuer == d["issuer_banner"]
        assert doc.number == d["doc_number"]
        assert norm(doc.title) == norm(d["title"])
        assert doc.recipients == d["paragraphs"][3]
        flow = norm(
            "".join([doc.issuer, doc.number, doc.title, doc.recipients] + [b.text for b in doc.blocks])
        )
        pos = 0
        for para in d["paragraphs"]:
            j = flow.find(norm(para), pos)
            assert j >= 0, f"{path.name}: lost or out of order: {para[:40]}"
            pos = j + len(norm(para))
        assert len(doc.blocks_of(Role.DATE)) >= 1 and len(doc.blocks_of(Role.SIGNATURE)) >= 1
        assert len(doc.blocks_of(Role.NOTE)) == 1
        assert doc.blocks_of(Role.HEADING1) or len(d["paragraphs"]) < 20
    first, _ = import_docx(paths[0], "d1")
    assert [b.text for b in first.blocks_of(Role.ATTACHMENT_TITLE)] == [
        "葫芦岛市土壤污染治理与修复规划（2017-2020年）"
    ]
    assert first.blocks_of(Role.HEADING1)[0].text == "一、总则"
    assert first.blocks_of(Role.HEADING2)[0].text == "（一）目的意义。"


def _recipe(expect: dict, folder: Path, paths: list[Path]) -> Path:
    lines = [
        "[gazette]",
        f'name = "{expect["gazette"]}"',
        f'periodicity = "{expect["periodicity"]}"',
        "[issue]",
        f"year = {expect['year']}",
        f"number = {expect['issue']}",
        f"cumulative = {expect['cumulative']}",
        f"date = {expect['published']}",
        "[board]",
        '"编委会主任" = ["韩庆春"]',
        '"编委" = ["宋晓东", "武宏波", "刘剑", "袁伶", "马志一"]',
        '"编辑" = ["王立东", "赵军", "张磊"]',
        '"主办" = "葫芦岛市人民政府办公室"',
        '"邮编" = "125000"',
    ]
    k = 0
    for section in expect["sections"]:
        docs = paths[k : k + len(section["entries"])]
        k += len(section["entries"])
        lines += [
            "[[sections]]",
            f'name = "{section["name"]}"',
            "documents = [" + ", ".join(f'"{p.name}"' for p in docs) + "]",
        ]
    recipe = folder / "recipe.toml"
    recipe.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return recipe


def test_seed_docx_recipe_builds_and_passes_checker(seed, tmp_path):
    expect, folder, paths = seed
    recipe = _recipe(expect, folder, paths)
    pdf = tmp_path / "x.pdf"
    run = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "build", str(recipe), "-o", str(pdf)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = tmp_path / "check.json"
    subprocess.run(
        [sys.executable, str(CHECKER), str(pdf), str(EXPECT), "--json", str(report)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    for name in ("toc-pages", "folios", "text", "fonts"):
        assert results[name]["ok"], f"{name}: {results[name]['figure']}"
