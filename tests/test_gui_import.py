"""The editor's import goes through importing.prepare_import, as the CLI's does: same documents,
same report, and into an empty issue one undo step creates the section and adds the files."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from editor.gui.commands import IssueSession  # noqa: E402
from editor.gui.issue_tree import IssueTreeView  # noqa: E402
from editor.importing import import_files  # noqa: E402
from editor.model import Issue  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FILES = [str(ROOT / "demo" / "docs" / "01-water.txt"), str(ROOT / "demo" / "docs" / "02-holidays.txt")]


def test_import_into_an_empty_issue_is_one_undo_step_and_matches_the_cli(qtbot):
    session = IssueSession(Issue(year=2026))
    tree = IssueTreeView(session)
    tree.ask = False
    qtbot.addWidget(tree)
    report = tree.import_files(FILES, 0)
    issue = session.issue
    assert [s.name for s in issue.sections] == ["未分类"]
    assert [d.id for d in issue.documents()] == ["d1", "d2"]
    assert session.stack.count() == 1
    cli = Issue(year=2026)
    assert [n.zh for n in import_files(cli, FILES)] == report
    assert [d.title for d in cli.documents()] == [d.title for d in issue.documents()]
    assert cli.files == issue.files
    session.stack.undo()
    assert issue.sections == [] and issue.files == {}
    session.stack.redo()
    assert len(issue.documents()) == 2
