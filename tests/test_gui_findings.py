"""The findings dock with real widgets offscreen: filter, go to, fix and ignore as undo steps."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from editor.findings import Location, Severity  # noqa: E402
from editor.gui.commands import IssueSession  # noqa: E402
from editor.gui.findings_panel import ApplyFix, FindingsPanel  # noqa: E402
from editor.model import Block, Document, Issue, Role, Section  # noqa: E402


def make_issue() -> Issue:
    doc = Document(
        "d1",
        issuer="葫芦岛市人民政府文件",
        number="葫政发[2018]4号",
        title="葫芦岛市人民政府关于明确环境保护税市与县分享体制的通知",
        recipients="各县（市）区人民政府，市政府有关部门：",
        blocks=[
            Block(Role.PARAGRAPH, "自 2018 年1月1日起施行，由 市政府负责解释。"),
            Block(Role.SIGNATURE, "葫芦岛市人民政府"),
            Block(Role.DATE, "2018年3月14日"),
            Block(Role.NOTE, "（此件公开发布）"),
        ],
    )
    issue = Issue(year=2018, number=2, cumulative=51, date=dt.date(2018, 3, 19))
    issue.gazette.name = "葫芦岛市人民政府公报"
    issue.sections = [Section("市政府文件", [doc])]
    return issue


@pytest.fixture(scope="session", autouse=True)
def english_catalogue():
    """The English .qm is a build product: compile it from the .ts here when missing or stale."""
    from editor.gui.i18n import qm_path

    qm = qm_path("en")  # runs pyside6-lrelease when needed
    assert qm is not None and qm.stat().st_size > 0, "pyside6-lrelease could not build gazette_en.qm"
    return qm


@pytest.fixture
def panel(qtbot):
    session = IssueSession(make_issue())
    widget = FindingsPanel(session=session)
    qtbot.addWidget(widget)
    widget.show()  # a hidden panel re-checks nothing (test_hidden_panel_checks_nothing)
    widget.run(session.issue)
    return widget


def rows(panel: FindingsPanel) -> list[tuple[str, str]]:
    return [(f.check, str(f.severity)) for f in panel.shown_findings()]


def select(panel: FindingsPanel, check: str) -> None:
    index = next(i for i, f in enumerate(panel.shown_findings()) if f.check == check)
    panel.select_index(index)


def test_lists_findings_and_filters_by_severity(panel):
    assert sorted(rows(panel)) == [
        ("doc-number-brackets", "error"),
        ("space-cjk", "warning"),
        ("space-cjk", "warning"),
    ]
    assert panel.tree.topLevelItemCount() == 3
    panel.severity.setCurrentIndex(panel.severity.findData("error"))
    assert rows(panel) == [("doc-number-brackets", "error")]
    assert panel.tree.topLevelItemCount() == 1
    assert "错误 1 条" in panel.summary.text()


def test_double_click_goes_to_the_paragraph(panel, qtbot):
    select(panel, "space-cjk")
    with qtbot.waitSignal(panel.locationActivated) as blocker:
        panel.goto_selected()
    loc = blocker.args[0]
    assert isinstance(loc, Location) and (loc.doc, loc.block, loc.offset) == ("d1", 0, 1)


def test_apply_fix_is_one_undo_step(panel):
    session = panel.session
    select(panel, "doc-number-brackets")
    assert panel.btn_fix.isEnabled()
    assert panel.fix_selected()
    assert session.issue.document("d1").number == "葫政发〔2018〕4号"
    assert ("doc-number-brackets", "error") not in rows(panel)
    session.stack.undo()
    assert session.issue.document("d1").number == "葫政发[2018]4号"
    session.stack.redo()
    assert session.issue.document("d1").number == "葫政发〔2018〕4号"


def test_two_fixes_in_one_paragraph(panel):
    select(panel, "space-cjk")
    assert panel.fix_selected()
    select(panel, "space-cjk")
    assert panel.fix_selected()
    assert panel.session.issue.document("d1").blocks[0].text == "自2018年1月1日起施行，由市政府负责解释。"
    panel.session.stack.undo()
    panel.session.stack.undo()
    assert panel.session.issue.document("d1").blocks[0].text == "自 2018 年1月1日起施行，由 市政府负责解释。"


def test_ignore_with_a_reason_is_saved_in_the_issue_and_undoable(panel, qtbot):
    session = panel.session
    select(panel, "doc-number-brackets")
    assert panel.ignore_selected("原文件即如此，按原样刊登")
    assert [(i.check, i.reason) for i in session.issue.ignored] == [
        ("doc-number-brackets", "原文件即如此，按原样刊登")
    ]
    assert ("doc-number-brackets", "error") not in rows(panel)
    assert "已忽略 1 条" in panel.summary.text()
    panel.show_ignored.setChecked(True)
    assert ("doc-number-brackets", "error") in rows(panel)
    session.stack.undo()
    qtbot.waitUntil(lambda: session.issue.ignored == [])
    panel.show_ignored.setChecked(False)
    assert ("doc-number-brackets", "error") in rows(panel)


def test_without_a_session_it_asks_others_to_apply(qtbot):
    widget = FindingsPanel()
    qtbot.addWidget(widget)
    issue = make_issue()
    widget.run(issue)
    select(widget, "doc-number-brackets")
    with qtbot.waitSignal(widget.fixRequested) as blocker:
        widget.fix_selected()
    assert blocker.args[0].check == "doc-number-brackets"
    assert issue.document("d1").number == "葫政发[2018]4号"
    with qtbot.waitSignal(widget.ignoreRequested) as blocker:
        widget.ignore_selected("理由")
    assert blocker.args[1] == "理由"


def test_hidden_panel_checks_nothing_until_shown(qtbot):
    from editor.gui.commands import BLOCKS, Change

    session = IssueSession(make_issue())
    widget = FindingsPanel(session=session)
    qtbot.addWidget(widget)
    session.issue.set_block_text("d1", 0, "自2018年1月1日起施行，由市政府负责解释。")
    session.notify(Change(BLOCKS, "d1", 0))
    qtbot.wait(50)  # let any event run: none may start a check
    assert widget.runner.runs == 0 and not widget.findings
    widget.show()
    qtbot.waitUntil(lambda: widget.runner.runs == 1 and not widget.runner.is_busy(), timeout=30_000)
    qtbot.waitUntil(lambda: bool(widget.findings), timeout=30_000)
    assert all(f.check != "space-cjk" for f in widget.findings)


def test_edits_elsewhere_trigger_a_recheck(panel, qtbot):
    panel.session.issue.set_block_text("d1", 0, "自2018年1月1日起施行，由市政府负责解释。")
    from editor.gui.commands import BLOCKS, Change

    panel.session.notify(Change(BLOCKS, "d1", 0))
    qtbot.waitUntil(lambda: all(f.check != "space-cjk" for f in panel.findings), timeout=30_000)
    assert all(f.severity != Severity.NOTE for f in panel.findings)


def test_changes_panel_lists_pages_changed_since_a_proof(qtbot):
    import copy
    from pathlib import Path

    from editor.compose import build_book
    from editor.fingerprints import record_proof
    from editor.gui.findings_panel import ChangesPanel
    from editor.importing import load_input

    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / "hld-2018-02.txt"
    if not seed.exists():
        pytest.skip("reference issue not available")
    issue = load_input(str(seed))
    book = build_book(issue)
    record_proof(issue, book, 1, "2018-03-10")
    edited = copy.deepcopy(issue)
    doc = edited.document("d3")
    i = max(
        (i for i, b in enumerate(doc.blocks) if b.role == Role.PARAGRAPH),
        key=lambda i: len(doc.blocks[i].text),
    )
    edited.set_block_text("d3", i, doc.blocks[i].text.replace("，", "，切实", 1))
    new_book = build_book(edited)
    panel = ChangesPanel()
    qtbot.addWidget(panel)
    panel.compare(edited, new_book)
    assert panel.round.count() == 1
    assert panel.tree.topLevelItemCount() >= 1
    assert {c.new["flow"] for c in panel.result.changes} == {"d3"}
    item = panel.tree.topLevelItem(0)
    assert item.data(1, Qt.ItemDataRole.UserRole) == "d3"
    head, _, tail = item.text(1).partition("…")
    title = edited.document("d3").shown_title
    assert title.startswith(head) and title.endswith(tail) and len(head) > 4
    with qtbot.waitSignal(panel.pageActivated) as blocker:
        panel.tree.itemClicked.emit(item, 0)
    assert new_book.pages[blocker.args[0]].flow == "d3"


def test_changes_panel_without_proofs(qtbot):
    from editor.gui.findings_panel import ChangesPanel

    panel = ChangesPanel()
    qtbot.addWidget(panel)
    panel.compare(make_issue(), None)
    assert "还没有导出过校样" in panel.summary.text()


def test_panel_speaks_english_after_a_language_change(panel, qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent

    from editor.gui import i18n

    try:
        assert i18n.install_language("en")
        QCoreApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
        assert panel.btn_fix.text() == "Apply Fix"
        first = panel.tree.topLevelItem(0)
        assert first.text(0) == "Error"  # the severity column
        finding = panel.shown_findings()[0]
        assert first.text(4) == finding.en  # the message itself in English
    finally:
        i18n.install_language("zh")


def test_location_names_the_document_by_its_title(panel):
    title = panel.issue.document("d1").shown_title
    item = panel.tree.topLevelItem(0)
    where = item.text(2)
    assert not where.startswith("d1") and where.startswith(title[:6]) and "…" in where
    assert title.endswith(where.split("…")[1].split("，")[0])
    assert item.toolTip(2) == title


def test_changes_panel_keeps_the_chosen_round_and_picks_a_new_one(qtbot):
    from editor.gui.findings_panel import ChangesPanel
    from editor.model import ProofRecord

    issue = make_issue()
    issue.proofs = [ProofRecord(1, "2018-03-10"), ProofRecord(2, "2018-03-12")]
    panel = ChangesPanel()
    qtbot.addWidget(panel)
    panel.compare(issue, None)
    assert panel.rounds() == [2, 1] and panel.round.currentData() == 2
    assert "正在排版" in panel.summary.text()  # rounds known, layout not there yet
    assert panel.select_round(1)
    panel.compare(issue, None)  # a new layout: the editor's choice stays
    assert panel.round.currentData() == 1
    issue.proofs.append(ProofRecord(3, "2018-03-15"))
    panel.compare(issue, None)  # a round was just exported: that is the one to compare with
    assert panel.rounds() == [3, 2, 1] and panel.round.currentData() == 3
    assert panel.round.itemText(0) == "第3校（2018-03-15）"


def test_record_proof_is_one_undo_step_and_replaces_a_round(qtbot):
    from editor.gui.commands import IssueSession, RecordProof
    from editor.model import ProofRecord

    session = IssueSession(make_issue())
    changes = []
    session.changed.connect(changes.append)
    assert session.issue.next_proof_round() == 1
    session.push(RecordProof(session, ProofRecord(1, "2018-03-10", [{"index": 0}])))
    assert [p.round for p in session.issue.proofs] == [1] and session.dirty
    assert changes[-1].kind == "proofs" and session.stack.undoText() == "记录第1校"
    assert session.issue.next_proof_round() == 2
    session.push(RecordProof(session, ProofRecord(1, "2018-03-11", [{"index": 1}])))
    assert [(p.round, p.date) for p in session.issue.proofs] == [(1, "2018-03-11")]
    session.stack.undo()
    assert [(p.round, p.date) for p in session.issue.proofs] == [(1, "2018-03-10")]
    session.stack.undo()
    assert session.issue.proofs == [] and not session.dirty


def test_fix_in_a_table_cell_is_one_undo_step(qtbot):
    from editor.model import Cell, Table

    issue = make_issue()
    table = Table([[Cell("单位"), Cell("任务")], [Cell("市水务局(牵头)"), Cell("完成改造")]], header_rows=1)
    issue.sections[0].documents[0].blocks.insert(1, Block(Role.TABLE, table=table))
    session = IssueSession(issue)
    widget = FindingsPanel(session=session)
    qtbot.addWidget(widget)
    widget.show()
    widget.run(session.issue)
    cell = next(f for f in widget.shown_findings() if f.location.part == "cell")
    assert cell.location.cell == (1, 0)
    session.stack.push(ApplyFix(session, cell))
    assert table.rows[1][0].text == "市水务局（牵头）"
    session.stack.undo()
    assert table.rows[1][0].text == "市水务局(牵头)"


def test_fix_all_of_one_check_is_one_undo_step(qtbot):
    from editor.importing import load_input
    from tests.gui_window import SEED

    session = IssueSession(load_input(str(SEED)))
    widget = FindingsPanel(session=session)
    qtbot.addWidget(widget)
    widget.show()
    widget.run(session.issue)
    before = sum(1 for f in widget.findings if f.check == "space-cjk" and f.fix is not None)
    assert before > 20  # the reference issue has dozens
    index = next(i for i, f in enumerate(widget.shown_findings()) if f.check == "space-cjk")
    widget.select_index(index)
    texts = [[b.text for b in d.blocks] for d in session.issue.documents()]
    assert widget.btn_fix_all.isEnabled()
    applied = widget.fix_all_of_selected_check()
    assert applied == before
    assert not any(f.check == "space-cjk" for f in widget.findings)
    assert session.stack.count() == 1  # one step
    session.stack.undo()
    assert [[b.text for b in d.blocks] for d in session.issue.documents()] == texts
