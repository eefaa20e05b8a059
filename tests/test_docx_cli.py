"""`main.py import FILE.docx… -o ISSUE.gazette`: documents appended, sources stored, bad files refused."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from editor.issue_file import load_issue
from editor.model import Role

from .test_docx_import import build_notice

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_import_appends_and_stores_source(tmp_path):
    a = build_notice().save(tmp_path / "甲.docx")
    b = build_notice().save(tmp_path / "乙.docx")
    issue = tmp_path / "issue.gazette"
    first = run("import", str(a), "--section", "市政府文件", "-o", str(issue))
    assert first.returncode == 0, first.stderr
    assert "标题“葫芦岛市人民政府关于明确环境保护税市与县分享体制的通知”" in first.stdout
    second = run("import", str(b), "--section", "市政府办公室文件", "-o", str(issue))
    assert second.returncode == 0, second.stderr
    loaded = load_issue(issue)
    assert [s.name for s in loaded.sections] == ["市政府文件", "市政府办公室文件"]
    docs = loaded.documents()
    assert [d.number for d in docs] == ["葫政发〔2018〕4号", "葫政发〔2018〕4号"]
    assert loaded.files[docs[0].source.name] == a.read_bytes()
    assert loaded.files[docs[1].source.name] == b.read_bytes()
    assert docs[1].blocks_of(Role.TABLE)[0].table.rows[0][0].rowspan == 2
    assert docs[0].report and docs[0].report == docs[1].report

    # a bad file in the batch: exit 1, one line, the issue file untouched
    before = hashlib.sha256(issue.read_bytes()).hexdigest()
    old = tmp_path / "旧.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    bad = run("import", str(a), str(old), "-o", str(issue))
    assert bad.returncode == 1
    assert len(bad.stderr.strip().splitlines()) == 1 and "旧.doc" in bad.stderr and "另存为" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert hashlib.sha256(issue.read_bytes()).hexdigest() == before
