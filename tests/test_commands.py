"""Every undo command, alone on a model: apply, undo, redo, with no window.

Each command's redo and undo are calls to the model's methods, so after undo the issue must
equal a deep copy taken before, and after redo the issue as first applied. A command added to
editor/gui/commands.py without a case here fails `test_every_command_has_a_case`.
"""

from __future__ import annotations

import copy
import datetime as dt
import inspect
from collections.abc import Callable

import pytest

pytest.importorskip("PySide6")  # Qt itself is optional on a machine without it; our modules are not

from editor.findings import Finding, Fix, Location, Severity  # noqa: E402
from editor.gui import commands as c  # noqa: E402
from editor.model import (  # noqa: E402
    Block,
    Board,
    BoardEntry,
    Document,
    IgnoredFinding,
    Issue,
    ProofRecord,
    Role,
    Section,
)


def make_issue() -> Issue:
    docs = [
        Document(
            "d1",
            number="葫政发〔2018〕4号",
            title="关于印发规划的通知",
            blocks=[Block(Role.PARAGRAPH, "各县（市）区人民政府。"), Block(Role.HEADING1, "一、总体要求")],
        ),
        Document("d2", title="第二篇", blocks=[Block(Role.PARAGRAPH, "正文,有半角逗号。")]),
    ]
    issue = Issue(year=2018, number=2, cumulative=51, date=dt.date(2018, 3, 19))
    issue.sections = [Section("市政府文件", docs[:1]), Section("市政府办公室文件", docs[1:])]
    issue.board = Board("编委会", [BoardEntry("主任", people=["张三"])])
    issue.ignored = [IgnoredFinding("space-cjk", "d1/block0/x", "原文如此")]
    issue.proofs = [ProofRecord(1, "2018-03-10", [{"index": 0}], [])]
    issue.files = {"sources/d1.docx": b"PK"}
    return issue


def comma_finding() -> Finding:
    fix = Fix("d2", "block", 0, ",", "，", 2, "改为“，”", "Change to “，”")
    return Finding(
        "punct-halfwidth", Severity.WARNING, Location("d2", "block", 0, 2), "半角", "half", ",", fix
    )


CASES: dict[str, Callable[[c.IssueSession], c.IssueCommand]] = {
    "AddSection": lambda s: c.AddSection(s, "新栏目", 1),
    "RemoveSection": lambda s: c.RemoveSection(s, 0),
    "RenameSection": lambda s: c.RenameSection(s, 1, "改名"),
    "MoveSection": lambda s: c.MoveSection(s, 0, 1),
    "AddDocuments": lambda s: c.AddDocuments(
        s, 0, [Document("d3", title="新文件")], {"sources/d3.txt": b"x", "sources/d1.docx": b"PK"}
    ),
    "RemoveDocument": lambda s: c.RemoveDocument(s, 1, 0),
    "MoveDocument": lambda s: c.MoveDocument(s, (0, 0), (1, 1)),
    "SetDocumentField": lambda s: c.SetDocumentField(s, "d1", "title", "新标题"),
    "SetBlockText": lambda s: c.SetBlockText(s, "d1", 0, "改过的正文。"),
    "SetBlockRole": lambda s: c.SetBlockRole(s, "d1", 1, Role.HEADING2),
    "InsertBlock": lambda s: c.InsertBlock(s, "d1", 1, Block(Role.PARAGRAPH, "插入的段落。")),
    "RemoveBlock": lambda s: c.RemoveBlock(s, "d1", 0),
    "ReplaceBlock": lambda s: c.ReplaceBlock(s, "d1", 0, Block(Role.NOTE, ""), "（此件公开发布）"),
    "SetBoard": lambda s: c.SetBoard(s, Board("编辑委员会", [BoardEntry("主编", people=["李四"])])),
    "SetProperties": lambda s: c.SetProperties(s, {"number": 3, "gazette.name": "某某公报"}),
    "ApplyFix": lambda s: c.ApplyFix(s, comma_finding()),
    "IgnoreFinding": lambda s: c.IgnoreFinding(s, comma_finding(), "原文如此"),
    "Unignore": lambda s: c.Unignore(s, s.issue.ignored[0]),
    "ReplaceTexts": lambda s: c.ReplaceTexts(
        s, [("d1", "block", 0, "新的正文。"), ("d2", "title", None, "新题")], 2
    ),
    "RecordProof": lambda s: c.RecordProof(s, ProofRecord(1, "2018-03-12", [{"index": 1}], [])),
}


def command_classes() -> set[str]:
    return {
        name
        for name, cls in inspect.getmembers(c, inspect.isclass)
        if issubclass(cls, c.IssueCommand) and cls is not c.IssueCommand and cls.__module__ == c.__name__
    }


def test_every_command_has_a_case():
    assert command_classes() == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_apply_undo_redo_round_trip(name):
    issue = make_issue()
    before = copy.deepcopy(issue)
    session = c.IssueSession(issue)
    changes: list[c.Change] = []
    session.changed.connect(changes.append)
    command = CASES[name](session)
    command.redo()
    applied = copy.deepcopy(session.issue)
    assert applied != before, "the command changed nothing: the case proves nothing"
    command.undo()
    assert session.issue == before
    command.redo()
    assert session.issue == applied
    command.undo()
    assert session.issue == before
    # each step says what it touched
    assert len(changes) >= 4 and all(isinstance(ch, c.Change) for ch in changes)


def test_record_proof_replaces_a_round_and_undo_brings_it_back():
    session = c.IssueSession(make_issue())
    command = c.RecordProof(session, ProofRecord(1, "2018-03-12", [], []))
    command.redo()
    assert [(p.round, p.date) for p in session.issue.proofs] == [(1, "2018-03-12")]
    assert session.issue.next_proof_round() == 2
    command.undo()
    assert [(p.round, p.date) for p in session.issue.proofs] == [(1, "2018-03-10")]


def test_adding_documents_keeps_files_already_stored_on_undo():
    session = c.IssueSession(make_issue())
    command = c.AddDocuments(session, 0, [Document("d3")], {"sources/d1.docx": b"PK", "new.png": b"1"})
    command.redo()
    command.undo()
    assert session.issue.files == {"sources/d1.docx": b"PK"}
