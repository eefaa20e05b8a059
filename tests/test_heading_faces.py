"""Every recognised 一、 and （一） heading is printed in its heading face, standalone or run-in.

GB/T 9704 sets the first level in 黑体 and the second in 楷体; a run-in heading (（一）目的意义。
followed by text) sets its phrase in that face and the rest in the body face. The count is
made in the PDF the CLI writes, with pdfplumber's font names, for the reference issue and the demo.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from editor.importing import load_input
from editor.model import Role
from editor.official import squash

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
DEMO = ROOT / "demo" / "recipe.toml"
MARKERS = {
    Role.HEADING1: re.compile(r"^[一二三四五六七八九十]+、"),
    Role.HEADING2: re.compile(r"^[（(][一二三四五六七八九十]+[）)]"),
}


def _lines(pdf_path: Path) -> list[list[dict]]:
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            rows: dict[int, list[dict]] = collections.defaultdict(list)
            for c in page.chars:
                rows[round(c["matrix"][5])].append(c)  # the baseline: faces differ in ascent
            out += [sorted(cs, key=lambda c: c["x0"]) for _, cs in sorted(rows.items(), reverse=True)]
    return out


def _face(chars: list[dict]) -> str:
    return collections.Counter(c["fontname"].split("+")[-1] for c in chars).most_common(1)[0][0]


def _build(source: Path, tmp_path: Path) -> Path:
    pdf = tmp_path / "out.pdf"
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "build", str(source), "-o", str(pdf)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    return pdf


def _heading_texts(source: Path) -> dict[Role, list[str]]:
    issue = load_input(source)
    return {
        role: [
            b.text
            for d in issue.documents()
            for b in d.blocks
            if b.role == role and MARKERS[role].match(b.text)
        ]
        for role in MARKERS
    }


def _count_faces(source: Path, tmp_path: Path) -> tuple[dict[Role, list[str]], dict, str]:
    lines = _lines(_build(source, tmp_path))
    body = _face([c for line in lines for c in line])
    texts = _heading_texts(source)
    faces: dict[Role, collections.Counter] = {role: collections.Counter() for role in MARKERS}
    for role, rx in MARKERS.items():
        starts = {squash(t)[:12] for t in texts[role]}
        for line in lines:
            text = "".join(c["text"] for c in line)
            m = rx.match(text)
            if m and squash(text)[:12] in starts:
                phrase_end = text.find("。") if "。" in text else len(text)
                faces[role][_face(line[:phrase_end])] += 1
                if 0 < phrase_end < len(text) - 2:  # run-in: the text after the phrase is body text
                    assert _face(line[phrase_end + 1 :]) == body, text
    return texts, faces, body


@pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")
def test_reference_issue_sets_every_heading_in_its_face(tmp_path):
    texts, faces, body = _count_faces(SEED, tmp_path)
    assert len(texts[Role.HEADING2]) >= 100 and len(texts[Role.HEADING1]) >= 30
    for role in MARKERS:
        assert len(faces[role]) == 1, faces[role]  # one face for all of them, standalone and run-in
        ((face, n),) = faces[role].items()
        assert face != body and n == len(texts[role]), (role, faces[role], len(texts[role]))
    assert len({next(iter(faces[r])) for r in MARKERS}) == 2  # 黑体 and 楷体 differ


def test_demo_sets_every_heading_in_its_face(tmp_path):
    texts, faces, body = _count_faces(DEMO, tmp_path)
    assert len(texts[Role.HEADING2]) == 15 and len(texts[Role.HEADING1]) >= 10
    for role in MARKERS:
        ((face, n),) = faces[role].items()
        assert face != body and n == len(texts[role])
