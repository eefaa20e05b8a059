"""The editor window with real widgets (offscreen): open, drag and drop, roles, undo, board,
Word drops, recovery after a crash, export checked from the outside, English, typing speed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, QMimeData, QPointF, QSettings, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent, QKeyEvent, QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.gui.app import make_application  # noqa: E402
from editor.gui.dialogs import BoardDialog, PropertiesDialog  # noqa: E402
from editor.gui.document_editor import ROLE_PROP  # noqa: E402
from editor.gui.i18n import install_language  # noqa: E402
from editor.gui.main_window import MainWindow  # noqa: E402
from editor.model import BoardEntry, Role  # noqa: E402
from editor.safety import LockInfo, lock_path, read_lock  # noqa: E402
from tests.gui_window import new_window  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "hld-2018-02.txt"
EXPECT = SHARED / "seed" / "hld-2018-02.expect.json"
CHECKER = SHARED / "checks" / "check_issue_pdf.py"
DOCX = SHARED / "corpus" / "docx" / "wbj__附件1.docx"
LAYOUT_TIMEOUT = 120_000


@pytest.fixture(scope="session", autouse=True)
def english_catalogue():
    """The English .qm is a build product: compile it from the .ts here when missing or stale."""
    from editor.gui.i18n import qm_path

    qm = qm_path("en")  # runs pyside6-lrelease when needed
    assert qm is not None and qm.stat().st_size > 0, "pyside6-lrelease could not build gazette_en.qm"
    return qm


@pytest.fixture
def window(qtbot, tmp_path):
    w = new_window(qtbot, tmp_path / "settings")
    w.show()
    yield w
    w.shutdown()


def open_seed(w: MainWindow) -> None:
    assert w.open_path(str(SEED)), getattr(w, "last_error", "")


def wait_book(qtbot, w: MainWindow, previous=None):
    qtbot.waitUntil(
        lambda: w.book is not None and w.book is not previous and not w.relayout.is_busy(),
        timeout=LAYOUT_TIMEOUT,
    )
    return w.book


def folio(book, doc_id: str) -> int:
    return book.pages[book.anchors[doc_id]].folio


def type_in(widget, text: str) -> None:
    """Key presses as a keyboard (ASCII) or an input method (Chinese) delivers them."""
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def page_text(page) -> str:
    return "".join(item.text for item in page.items if hasattr(item, "text"))


# ---- opening ---------------------------------------------------------------------------


def test_open_reference_issue(window):
    open_seed(window)
    issue = window.session.issue
    model = window.tree.tree_model
    root = model.index(0, 0)
    assert model.rowCount(root) == len(issue.sections) == 2
    assert [model.rowCount(model.index(i, 0, root)) for i in range(2)] == [2, 6]
    first = model.index(0, 0, model.index(0, 0, root))
    # the tree shows what tells documents apart (the shared issuer and 关于 dropped), the tooltip all
    assert model.data(first).startswith("印发葫芦岛市")
    assert model.data(first, Qt.ItemDataRole.ToolTipRole).startswith("葫芦岛市人民政府关于印发")
    assert model.data(model.index(0, 1, model.index(0, 0, root))) == "葫政发〔2018〕4号"
    # the first document is shown in the editor, one text block per model block
    doc = issue.documents()[0]
    assert window.editor.doc_id == doc.id
    assert window.editor.fields["number"].text() == doc.number
    assert window.editor.body.document().blockCount() == len(doc.blocks)
    assert not window.isWindowModified()
    assert "8" in window.status_docs.text()


def test_tree_page_column_fits_four_digits_and_its_header_in_either_language(qtbot, window):
    """The page column has a fixed width (measuring it from the rows asked every row again after
    each layout): wide enough for a four-digit page and for its header, in Chinese and English;
    pages are right-aligned and only documents and sections can be dragged."""
    from PySide6.QtWidgets import QHeaderView

    open_seed(window)
    tree, model = window.tree, window.tree.tree_model
    header = tree.header()
    assert header.sectionResizeMode(2) == QHeaderView.ResizeMode.Fixed
    for lang in ("zh", "en"):
        install_language(lang)
        QApplication.processEvents()
        title = model.headerData(2, Qt.Orientation.Horizontal)
        need = max(
            header.fontMetrics().horizontalAdvance(title), tree.fontMetrics().horizontalAdvance("8888")
        )
        assert header.sectionSize(2) > need, (lang, title)
    install_language("zh")
    root = model.index(0, 0)
    doc = model.index(0, 2, model.index(0, 0, root))
    align = model.data(doc, Qt.ItemDataRole.TextAlignmentRole)
    assert align == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 0, model.index(0, 0, root)), Qt.ItemDataRole.FontRole) is None
    drag = Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(root) & drag
    assert model.flags(model.index(0, 0, root)) & drag and model.flags(doc) & drag


def test_lock_file_names_who_has_the_issue(window, tmp_path):
    from editor.issue_file import save_issue

    open_seed(window)
    path = tmp_path / "issue.gazette"
    assert window._save_to(str(path))
    lock = json.loads(lock_path(path).read_text(encoding="utf-8"))
    assert lock["pid"] == os.getpid() and lock["user"] and lock["host"]
    assert lock["token"] == window.lock.info.token  # this window owns it
    holder = read_lock(path)  # anyone else looking (another window, the CLI) is told who has it
    assert holder is not None and holder.token == window.lock.info.token
    # a colleague on another machine holds another issue
    other = tmp_path / "other.gazette"
    save_issue(window.session.issue, other)
    lock_path(other).write_text(
        json.dumps(LockInfo("wang", "office-pc-7", 4242, "2026-11-20T09:15:00").__dict__), encoding="utf-8"
    )
    holder = read_lock(other)
    assert holder is not None and "wang@office-pc-7" in holder.describe()
    window.shutdown()
    assert not lock_path(path).exists()  # a clean close releases it


# ---- structure: drag and drop, sections, undo --------------------------------------------


def drag_document(w: MainWindow, doc_id: str, section: int, row: int) -> bool:
    model = w.tree.tree_model
    source = model.index_of_document(doc_id)
    data = model.mimeData([source])
    target = model.index_of_section(section)
    return model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, target)


def test_drag_and_drop_reorders_and_undo_restores(window):
    open_seed(window)
    issue = window.session.issue
    before = [d.id for d in issue.sections[1].documents]
    assert drag_document(window, before[0], 1, 3)  # first document of section 2 dropped before the 4th
    after = [d.id for d in issue.sections[1].documents]
    assert after == [before[1], before[2], before[0], *before[3:]]
    assert window.isWindowModified()
    # across sections
    moved = issue.sections[0].documents[1].id
    assert drag_document(window, moved, 1, 0)
    assert issue.sections[1].documents[0].id == moved and len(issue.sections[0].documents) == 1
    window.session.stack.undo()
    window.session.stack.undo()
    assert [d.id for d in issue.sections[1].documents] == before
    assert not window.isWindowModified()
    # sections move as a whole
    model = window.tree.tree_model
    data = model.mimeData([model.index_of_section(1)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(0, 0))
    assert issue.sections[0].name == "市政府办公室文件"


def test_context_menu_actions_are_undoable(window):
    open_seed(window)
    issue = window.session.issue
    tree = window.tree
    tree.setCurrentIndex(tree.tree_model.index_of_section(0))
    tree.new_section("专题")
    assert [s.name for s in issue.sections] == ["市政府文件", "专题", "市政府办公室文件"]
    tree.setCurrentIndex(tree.tree_model.index_of_section(1))
    tree.rename_current("人事任免")
    assert issue.sections[1].name == "人事任免"
    doc = issue.sections[2].documents[0]
    tree.setCurrentIndex(tree.tree_model.index_of_document(doc.id))
    tree.delete_current()
    assert doc.id not in [d.id for d in issue.documents()]
    for _ in range(3):
        window.session.stack.undo()
    assert [s.name for s in issue.sections] == ["市政府文件", "市政府办公室文件"]
    assert issue.sections[1].documents[0] is doc


def test_drop_reorder_changes_both_toc_pages_in_proof(qtbot, window):
    open_seed(window)
    book = wait_book(qtbot, window)
    issue = window.session.issue
    a, b = issue.sections[1].documents[0].id, issue.sections[1].documents[1].id
    pa, pb = folio(book, a), folio(book, b)
    assert pa < pb
    assert window.tree.tree_model.data(window.tree.tree_model.index_of_document(a).siblingAtColumn(2)) == str(
        pa
    )
    assert drag_document(window, a, 1, 2)  # a goes after b
    new = wait_book(qtbot, window, book)
    na, nb = folio(new, a), folio(new, b)
    assert nb == pa and na > pa and na != pa and nb != pb
    cover = page_text(new.pages[0])
    print(f"\nTOC pages after the drop: {b}: {pb} -> {nb}, {a}: {pa} -> {na}")
    assert str(na) in cover and str(nb) in cover
    assert window.tree.tree_model.data(window.tree.tree_model.index_of_document(a).siblingAtColumn(2)) == str(
        na
    )


# ---- the document editor -------------------------------------------------------------------


def test_role_change_and_undo(window):
    open_seed(window)
    doc = window.session.issue.documents()[2]
    window.tree.select_document(doc.id)
    assert window.editor.doc_id == doc.id
    index = next(i for i, b in enumerate(doc.blocks) if b.role == Role.PARAGRAPH and len(b.text) > 20)
    body = window.editor.body
    body.goto_block(index)
    window.role_actions[Role.HEADING1].trigger()
    assert doc.blocks[index].role == Role.HEADING1
    block = body.document().findBlockByNumber(index)
    assert block.blockFormat().property(ROLE_PROP) == "heading1"
    families = QTextCursor(block).charFormat().fontFamilies() or []
    assert any("Sans" in f or "黑" in f or "Hei" in f for f in families), families
    assert window.editor.role_combo.currentData() == "heading1"
    window.session.stack.undo()
    assert doc.blocks[index].role == Role.PARAGRAPH
    block = body.document().findBlockByNumber(index)
    assert block.blockFormat().property(ROLE_PROP) == "paragraph"
    window.session.stack.redo()
    assert doc.blocks[index].role == Role.HEADING1


def test_typing_enter_and_backspace_keep_model_and_undo_in_step(window):
    open_seed(window)
    doc = window.session.issue.documents()[1]
    window.tree.select_document(doc.id)
    body = window.editor.body
    n = len(doc.blocks)
    body.goto_block(1, 0)
    original = doc.blocks[1].text
    body.setFocus()
    type_in(body, "测试")
    assert doc.blocks[1].text == "测试" + original
    QTest.keyClick(body, Qt.Key.Key_Return)
    assert len(doc.blocks) == n + 1 and doc.blocks[1].text == "测试" and doc.blocks[2].text == original
    QTest.keyClick(body, Qt.Key.Key_Backspace)
    assert len(doc.blocks) == n and doc.blocks[1].text == "测试" + original
    stack = window.session.stack
    while stack.canUndo():
        stack.undo()
    assert len(doc.blocks) == n and doc.blocks[1].text == original
    assert body.document().findBlockByNumber(1).text() == original


def test_metadata_form_edits_are_undoable(window):
    open_seed(window)
    doc = window.session.issue.documents()[0]
    edit = window.editor.fields["toc_title"]
    edit.setFocus()
    type_in(edit, "土壤规划")
    assert doc.toc_title == "土壤规划"
    model = window.tree.tree_model
    assert model.data(model.index_of_document(doc.id)) == "土壤规划"
    window.session.stack.undo()  # typing in one field is one step
    assert doc.toc_title == "" and edit.text() == ""


def test_paste_from_word_keeps_text_and_roles_drops_styling(window):
    open_seed(window)
    doc = window.session.issue.documents()[0]
    window.tree.select_document(doc.id)
    body = window.editor.body
    n = len(doc.blocks)
    body.goto_block(n - 1)
    body.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    data = QMimeData()
    data.setHtml(
        "<html><body>"
        '<p class=MsoNormal style="font-family:Arial;color:red;font-size:30pt">一、总体要求</p>'
        '<p class=MsoNormal style="font-family:Calibri"><b>各县（市）区人民政府，市政府各部门：</b>现将方案印发给你们。</p>'
        '<p align=right style="text-align:right">葫芦岛市人民政府</p>'
        "<p>2018年3月1日</p>"
        "<table border=1><tr><td>序号</td><td>任务</td></tr><tr><td>1</td><td>治理</td></tr></table>"
        "</body></html>"
    )
    body.insertFromMimeData(data)
    added = doc.blocks[n:]
    assert [b.role for b in added] == [Role.HEADING1, Role.PARAGRAPH, Role.SIGNATURE, Role.DATE, Role.TABLE]
    assert added[1].text == "各县（市）区人民政府，市政府各部门：现将方案印发给你们。"
    assert [[c.text for c in r] for r in added[4].table.rows] == [["序号", "任务"], ["1", "治理"]]
    block = body.document().findBlockByNumber(n)
    fmt = QTextCursor(block).charFormat()
    assert "Arial" not in (fmt.fontFamilies() or []) and fmt.foreground().color().red() < 200
    window.session.stack.undo()  # the paste is one step
    assert len(doc.blocks) == n


def test_table_is_edited_as_a_table(window):
    open_seed(window)
    doc = window.session.issue.documents()[0]
    window.tree.select_document(doc.id)
    body = window.editor.body
    data = QMimeData()
    data.setHtml("<table><tr><td>项目</td><td>金额</td></tr><tr><td>治理</td><td>10</td></tr></table>")
    body.goto_block(len(doc.blocks) - 1)
    body.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    body.insertFromMimeData(data)
    index = len(doc.blocks) - 1
    assert doc.blocks[index].role == Role.TABLE
    body.goto_block(index)
    tables = window.editor.tables
    assert tables.isVisibleTo(window.editor) and tables.grid.rowCount() == 2
    tables.grid.item(1, 1).setText("12")
    assert doc.blocks[index].table.rows[1][1].text == "12"
    tables._edit_shape("add-row")
    assert len(doc.blocks[index].table.rows) == 3
    window.session.stack.undo()
    window.session.stack.undo()
    assert doc.blocks[index].table.rows[1][1].text == "10"


# ---- board and properties ----------------------------------------------------------------


def test_properties_and_next_issue(window):
    open_seed(window)
    issue = window.session.issue
    dialog = PropertiesDialog(issue, window)
    dialog.number.setValue(3)
    dialog.cumulative.setValue(52)
    assert dialog.apply(window.session)
    assert (issue.number, issue.cumulative) == (3, 52)
    window.session.stack.undo()
    assert (issue.number, issue.cumulative) == (2, 51)
    board = issue.board
    window.session.stack.setClean()
    assert window.act_next_issue in window.menu_file.actions()  # 文件 › 由本期新建下一期…
    window.new_next_issue()
    nxt = window.session.issue
    assert (nxt.number, nxt.cumulative) == (3, 52)
    assert [s.name for s in nxt.sections] == ["市政府文件", "市政府办公室文件"] and not nxt.documents()
    assert nxt.board == board and nxt.board is not board


def test_board_editor(window):
    open_seed(window)
    issue = window.session.issue
    old = [e.label for e in issue.board.entries]
    dialog = BoardDialog(issue.board, window)
    dialog.table.setCurrentCell(0, 0)
    dialog.add_entry(BoardEntry("副主任", ["李明", "张华"]))
    dialog.table.setCurrentCell(1, 0)
    dialog.move_current(-1)
    dialog.table.setCurrentCell(dialog.table.rowCount() - 1, 0)
    dialog.remove_current()
    assert dialog.apply(window.session)
    labels = [e.label for e in issue.board.entries]
    assert labels[0] == "副主任" and issue.board.entries[0].people == ["李明", "张华"]
    assert labels[1:] == old[:-1]
    window.session.stack.undo()
    assert [e.label for e in issue.board.entries] == old


def test_board_edit_changes_the_cover(qtbot, window):
    open_seed(window)
    book = wait_book(qtbot, window)
    assert "欧阳文昭" not in page_text(book.pages[0])
    dialog = BoardDialog(window.session.issue.board, window)
    dialog.table.setCurrentCell(0, 0)
    dialog.add_entry(BoardEntry("编委", ["欧阳文昭"]))
    assert dialog.apply(window.session)
    new = wait_book(qtbot, window, book)
    assert "欧阳文昭" in page_text(new.pages[0])


# ---- Word drop ----------------------------------------------------------------------------------


def test_drop_docx_from_file_manager_imports_into_section_under_cursor(window, qtbot):
    open_seed(window)
    issue = window.session.issue
    tree = window.tree
    tree.expandAll()
    rect = tree.visualRect(tree.tree_model.index_of_section(0))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(DOCX))])
    event = QDropEvent(
        QPointF(rect.center()),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    count = len(issue.sections[0].documents)
    tree.dropEvent(event)
    assert len(issue.sections[0].documents) == count + 1, getattr(window, "last_import_report", None)
    doc = issue.sections[0].documents[-1]
    assert doc.blocks and doc.source is not None and doc.source.kind == "docx"
    assert doc.source.name in issue.files
    report = window.last_import_report
    assert report and DOCX.name in report[0] and "市政府文件" in report[0]
    assert window.editor.doc_id == doc.id
    window.session.stack.undo()
    assert len(issue.sections[0].documents) == count and doc.source.name not in issue.files


def test_bad_file_drop_gives_one_line(window, tmp_path):
    open_seed(window)
    bad = tmp_path / "损坏.docx"
    bad.write_bytes(b"not a zip at all")
    report = window.tree.import_files([str(bad)], 0)
    assert report == []
    line = window.last_import_report[0]
    assert "损坏.docx" in line and "\n" not in line and "Traceback" not in line


# ---- never lose work ---------------------------------------------------------------------------


def test_autosave_then_recover_after_crash(qtbot, tmp_path):
    make_application()
    install_language("zh")
    settings_file = str(tmp_path / "settings" / "editor.ini")
    crashed = MainWindow(QSettings(settings_file, QSettings.Format.IniFormat))
    crashed.ask = False
    qtbot.addWidget(crashed)
    open_seed(crashed)
    doc = crashed.session.issue.documents()[3]
    crashed.tree.select_document(doc.id)
    crashed.editor.body.goto_block(2, 0)
    type_in(crashed.editor.body, "恢复测试")
    assert crashed.autosave()
    assert not crashed.autosave()  # nothing new since
    # the process dies: no close, no cleanup. The next start finds the copy.
    crashed.autosave_timer.stop()
    fresh = MainWindow(QSettings(settings_file, QSettings.Format.IniFormat))
    fresh.ask = False
    qtbot.addWidget(fresh)
    pending = fresh.recovery.pending()
    assert len(pending) == 1 and pending[0].original == crashed.session.path and pending[0].title
    assert fresh.offer_recovery()
    recovered = fresh.session.issue.document(doc.id)
    assert recovered.blocks[2].text.startswith("恢复测试")
    assert fresh.isWindowModified()  # recovered work still needs a save
    assert not fresh.recovery.pending()
    crashed.session.stack.setClean()
    fresh.shutdown()
    crashed.shutdown()


def test_close_with_changes_is_refused_without_an_answer(window):
    open_seed(window)
    window.tree.new_section("临时")
    window.ask = False
    assert not window.close()
    assert window.isVisible()


# ---- export -------------------------------------------------------------------------------------


def test_export_pdf_passes_outside_checker(qtbot, window, tmp_path):
    open_seed(window)
    out = tmp_path / "issue.pdf"
    dialog = window.export_dialog()
    dialog.open_folder = False
    dialog.output.setText(str(out))
    values = []
    dialog.progress.valueChanged.connect(values.append)
    dialog.start()
    assert dialog.running()
    qtbot.waitUntil(
        lambda: not dialog.running() and bool(dialog.result_path or dialog.error is not None),
        timeout=LAYOUT_TIMEOUT,
    )
    assert dialog.error is None and dialog.result_path == str(out), dialog.error
    assert out.read_bytes().startswith(b"%PDF") and max(values, default=0) > 0
    report = tmp_path / "report.json"
    run = subprocess.run(
        [sys.executable, str(CHECKER), str(out), str(EXPECT), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    print("\n" + run.stdout)
    assert run.returncode in (0, 1), run.stderr
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    assert results["toc-pages"]["ok"], results["toc-pages"]
    assert results["folios"]["ok"], results["folios"]
    assert results["fonts"]["ok"], results["fonts"]


def test_export_can_be_cancelled(qtbot, window, tmp_path):
    open_seed(window)
    out = tmp_path / "cancel.pdf"
    dialog = window.export_dialog()
    dialog.open_folder = False
    dialog.output.setText(str(out))
    from editor.gui.export import _EXPORT_CACHE

    # hold the worker at its first step, so the cancel lands inside the export on a loaded
    # machine too (otherwise a warm export may finish before the click is handled)
    with _EXPORT_CACHE.lock:
        dialog.start()
        dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=LAYOUT_TIMEOUT)
    assert dialog.error == "" and not out.exists()


def test_export_refuses_a_missing_folder(window, tmp_path):
    open_seed(window)
    dialog = window.export_dialog()
    dialog.output.setText(str(tmp_path / "nope" / "x.pdf"))
    dialog.start()
    assert not dialog.running() and "nope" in dialog.error


# ---- language ---------------------------------------------------------------------------------


def test_switch_to_english_and_back(window):
    open_seed(window)
    assert window.menu_file.title() == "文件(&F)"
    window.editor.body.goto_block(1, 0)
    QTest.keyClicks(window.editor.body, "ab")
    assert window.act_undo.text().startswith("撤销 ")  # the step is named, in Chinese
    window.set_language("en")
    try:
        titles = [
            m.title()
            for m in (
                window.menu_file,
                window.menu_edit,
                window.menu_view,
                window.menu_issue,
                window.menu_document,
                window.menu_tools,
                window.menu_help,
            )
        ]
        assert titles == ["&File", "&Edit", "&View", "&Issue", "&Document", "&Tools", "&Help"]
        assert window.act_export.text() == "Export Print PDF…"
        assert window.act_undo.text() == "Undo"  # a step named in Chinese is not shown in English
        assert window.editor.labels["title"].text() == "Title:"
        assert window.tree.tree_model.headerData(0, Qt.Orientation.Horizontal) == "TOC title"
        assert window.settings.value("language") == "en"
    finally:
        window.set_language("zh")
    assert window.menu_file.title() == "文件(&F)"
    assert window.editor.labels["title"].text() == "标题："


# ---- responsiveness ----------------------------------------------------------------------------


def test_typing_200_keys_is_handled_while_a_background_relayout_runs(qtbot, window):
    open_seed(window)
    wait_book(qtbot, window)
    doc = window.session.issue.documents()[2]
    window.tree.select_document(doc.id)
    body = window.editor.body
    index = next(i for i, b in enumerate(doc.blocks) if b.role == Role.PARAGRAPH and len(b.text) > 40)
    body.goto_block(index, 10)
    body.setFocus()
    window.relayout.request_now(window.session.issue)  # a layout is running while we type
    assert window.relayout._running
    text = ("gazette editorial office " * 10)[:200]
    typed_during_layout = 0
    for ch in text:  # each key is handled at once, not queued behind the running layout
        QTest.keyClick(body, ch)
        typed_during_layout += window.relayout._running
    assert text in doc.blocks[index].text
    assert typed_during_layout > 0
    wait_book(qtbot, window)


def test_closing_lines_in_the_form_edit_the_body(window):
    open_seed(window)
    doc = window.session.issue.documents()[1]
    window.tree.select_document(doc.id)
    editor = window.editor
    date_index = max(i for i, b in enumerate(doc.blocks) if b.role == Role.DATE)
    assert editor.closing[Role.DATE].text() == doc.blocks[date_index].text
    n = len(doc.blocks)
    note = editor.closing[Role.NOTE]
    note.setFocus()
    if note.text():
        note.clear()
        editor._closing_edited(Role.NOTE, "")
        n = len(doc.blocks)
    type_in(note, "（此件公开发布）")
    assert (
        len(doc.blocks) == n + 1
        and doc.blocks[-1].role == Role.NOTE
        and doc.blocks[-1].text == "（此件公开发布）"
    )
    assert editor.body.document().blockCount() == len(doc.blocks)
    assert editor.body.document().lastBlock().text() == "（此件公开发布）"


def test_window_layout_and_recent_files_are_kept(qtbot, tmp_path):
    make_application()
    settings_file = str(tmp_path / "s" / "editor.ini")
    first = MainWindow(QSettings(settings_file, QSettings.Format.IniFormat))
    first.ask = False
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 660)  # above the window's minimum (the form has a row for 署名 of its own)
    first.tree_dock.hide()
    open_seed(first)
    first.shutdown()
    second = MainWindow(QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.show()
    assert second.width() == 760 and abs(second.height() - 660) <= 40  # offscreen adds no frame, may round
    assert not second.tree_dock.isVisible()
    assert second.recent_files() == [str(SEED.resolve())]
    second.shutdown()


def test_ctrl_z_in_editor_and_form_is_the_issue_undo(window, qtbot):
    open_seed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    doc = window.session.issue.documents()[0]
    body = window.editor.body
    body.setFocus()
    body.goto_block(1, 0)
    original = doc.blocks[1].text
    QTest.keyClicks(body, "abc")
    assert doc.blocks[1].text == "abc" + original
    QTest.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.blocks[1].text == original and body.document().findBlockByNumber(1).text() == original
    edit = window.editor.fields["number"]
    edit.setFocus()
    edit.end(False)
    QTest.keyClicks(edit, "X")
    assert doc.number.endswith("X")
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not doc.number.endswith("X") and edit.text() == doc.number
    QTest.keyClick(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert doc.number.endswith("X")
    assert window.act_undo.text().startswith("撤销")


def test_closing_with_changes_asks_and_discard_closes(window, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    open_seed(window)
    window.tree.new_section("临时")
    window.ask = True
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Discard).click()
        else:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    assert window.close()
    assert seen and "未保存" in seen[0]


def test_dropping_onto_a_document_puts_it_before_that_one(window):
    open_seed(window)
    docs = window.session.issue.sections[1].documents
    ids = [d.id for d in docs]
    model = window.tree.tree_model
    data = model.mimeData([model.index_of_document(ids[0])])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of_document(ids[3]))
    assert [d.id for d in docs][:3] == [ids[1], ids[2], ids[0]]
    data = model.mimeData([model.index_of_document(ids[5])])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of_document(ids[1]))
    assert [d.id for d in docs][:2] == [ids[5], ids[1]]


def test_focus_loss_autosaves(window):
    open_seed(window)
    window.tree.new_section("临时")
    assert not window.recovery.pending()
    window._app_state(Qt.ApplicationState.ApplicationInactive)
    pending = window.recovery.pending()
    assert len(pending) == 1 and pending[0].original is None
    assert "临时" in [s.name for s in pending[0].load().sections]
    window.session.stack.setClean()
    window.close()
    assert not window.recovery.pending()  # a clean close leaves nothing to recover


def test_opening_an_issue_someone_holds_asks_first(window, tmp_path, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from editor.importing import load_input
    from editor.issue_file import save_issue

    path = tmp_path / "held.gazette"
    save_issue(load_input(SEED), path)
    lock_path(path).write_text(
        json.dumps(LockInfo("li", "office-pc-3", 999, "2026-11-26T08:30:00").__dict__), encoding="utf-8"
    )
    window.ask = True
    texts = []

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            QTimer.singleShot(50, cancel)

    QTimer.singleShot(50, cancel)
    assert not window.open_path(str(path))
    assert texts and "li@office-pc-3" in texts[0]
    assert window.session.path is None


def test_role_of_a_selection_is_one_undo_step(window):
    open_seed(window)
    doc = window.session.issue.documents()[0]
    body = window.editor.body
    body.goto_block(5)
    cursor = body.textCursor()
    cursor.setPosition(body.document().findBlockByNumber(7).position() + 1, QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    before = [doc.blocks[i].role for i in (5, 6, 7)]
    window.editor.set_role(Role.NOTE)
    assert [doc.blocks[i].role for i in (5, 6, 7)] == [Role.NOTE] * 3
    window.session.stack.undo()
    assert [doc.blocks[i].role for i in (5, 6, 7)] == before


def test_export_failure_is_one_line(qtbot, window, tmp_path):
    open_seed(window)
    dialog = window.export_dialog()
    dialog.open_folder = False
    dialog.output.setText(str(tmp_path / "x.pdf"))
    dialog.template.setCurrentText(str(tmp_path / "missing-template.toml"))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=LAYOUT_TIMEOUT)
    assert dialog.error and "\n" not in dialog.error and "Traceback" not in dialog.error
    assert not (tmp_path / "x.pdf").exists()
    print("\nexport refusal:", dialog.error)


def test_undo_shows_the_document_it_changes(window):
    open_seed(window)
    first, second = window.session.issue.documents()[:2]
    window.tree.select_document(first.id)
    window.editor.body.goto_block(2, 0)
    QTest.keyClicks(window.editor.body, "xy")
    window.tree.select_document(second.id)
    assert window.editor.doc_id == second.id
    window.session.stack.undo()
    assert window.editor.doc_id == first.id and not first.blocks[2].text.startswith("xy")
    assert window.editor.body.textCursor().blockNumber() == 2


# ---- proofs: export a round, then see what changed since ----------------------------------------


def export_proof_round(qtbot, w: MainWindow, out: Path):
    dialog = w.export_proof_dialog()
    assert dialog is not None
    dialog.open_folder = False
    dialog.output.setText(str(out))
    dialog.start()
    qtbot.waitUntil(
        lambda: not dialog.running() and bool(dialog.result_path or dialog.error is not None),
        timeout=LAYOUT_TIMEOUT,
    )
    assert dialog.error is None, dialog.error
    return dialog


def test_proof_round_then_changes_since_it(qtbot, window, tmp_path):
    import datetime as dt

    from editor.proof_pdf import METADATA_KEY

    open_seed(window)
    book = wait_book(qtbot, window)
    issue = window.session.issue
    assert issue.proofs == [] and not window.isWindowModified()
    # 文件 → 导出校样…: the next round (1) with today's date, recorded in the issue as an undo step
    out = tmp_path / "proof-1.pdf"
    dialog = export_proof_round(qtbot, window, out)
    assert dialog.round.value() == 1 and not dialog.template.isEnabled()
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and METADATA_KEY.encode("ascii") in data
    assert [(p.round, p.date) for p in issue.proofs] == [(1, dt.date.today().isoformat())]
    assert len(issue.proofs[0].pages) == len(book.pages)
    assert window.isWindowModified() and window.session.stack.undoText() == "记录第1校"
    window.session.stack.undo()
    assert issue.proofs == [] and not window.isWindowModified()
    window.session.stack.redo()
    assert [p.round for p in issue.proofs] == [1]
    # the round is saved with the issue
    saved = tmp_path / "issue.gazette"
    assert window._save_to(str(saved))
    from editor.issue_file import load_issue

    assert [p.round for p in load_issue(saved).proofs] == [1]
    # a second proof dialog offers round 2
    assert window.export_proof_dialog().round.value() == 2

    # edit one paragraph of d3 in the editor, wait for the relayout
    window.tree.select_document("d3")
    doc = issue.document("d3")
    index = max(
        (i for i, b in enumerate(doc.blocks) if b.role == Role.PARAGRAPH),
        key=lambda i: len(doc.blocks[i].text),
    )
    body = window.editor.body
    body.goto_block(index, doc.blocks[index].text.index("，") + 1)
    body.setFocus()
    type_in(body, "切实")
    assert "，切实" in doc.blocks[index].text
    window.refresh_proof()
    edited_book = wait_book(qtbot, window, book)

    # 工具 → 与校样比较: only d3's pages are listed, and a click shows the page
    window.act_compare.trigger()
    panel = window.changes
    assert window.changes_dock.isVisible()
    assert panel.rounds() == [1] and panel.round.currentText().startswith("第1校")
    d3_pages = {i for i, p in enumerate(edited_book.pages) if p.flow == "d3"}
    listed = panel.changed_pages()
    assert listed and set(listed) <= d3_pages
    assert {c.new["flow"] for c in panel.result.changes} == {"d3"}
    rows = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    page_rows = [r for r in rows if r.data(0, Qt.ItemDataRole.UserRole) in d3_pages]
    assert len(page_rows) == len(listed)
    assert all(r.data(1, Qt.ItemDataRole.UserRole) == "d3" for r in page_rows)
    head, _, tail = page_rows[0].text(1).partition("…")
    assert doc.shown_title.startswith(head) and doc.shown_title.endswith(tail) and len(head) > 4
    target = page_rows[-1].data(0, Qt.ItemDataRole.UserRole)
    shown = []
    real_show_page = window.proof.show_page
    window.proof.show_page = lambda i: (shown.append(i), real_show_page(i))
    try:
        rect = panel.tree.visualItemRect(page_rows[-1])
        QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    finally:
        del window.proof.show_page
    assert shown and shown[-1] == target
    assert window.proof.current_page() == target
    assert str(edited_book.pages[target].folio) == page_rows[-1].text(0)
    # undoing the edit: the layout is the proof's again, nothing to re-read
    window.session.stack.undo()
    assert "，切实" not in doc.blocks[index].text
    window.refresh_proof()
    wait_book(qtbot, window, edited_book)
    # the open comparison follows the new layout once typing pauses
    qtbot.waitUntil(lambda: panel.book is window.book, timeout=5000)
    assert panel.result is not None and panel.result.changes == [] and panel.result.toc_moved == []
    assert panel.tree.topLevelItemCount() == 0 and panel.summary.text().startswith("需要重读 0 页")


CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\U00020000-\U0003134f]")


def issue_texts(issue) -> list[str]:
    """What the issue itself says (documents, sections, names): Chinese in any UI language."""
    texts = [issue.gazette.name, issue.gazette.sponsor, *(s.name for s in issue.sections)]
    for d in issue.documents():
        texts += [d.shown_title, d.title, d.toc_title, d.issuer, d.number, d.recipients, d.id]
        texts += [b.text for b in d.blocks if b.text]
    for entry in issue.board.entries:
        texts += [str(v) for v in vars(entry).values() if isinstance(v, str)]
    return sorted({t for t in texts if t}, key=len, reverse=True)


def chinese_ui_texts(w: MainWindow) -> list[str]:
    """Visible UI texts of the window that still contain Chinese once the issue's own words are removed."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QDockWidget, QLabel, QMenu, QTreeWidget

    from editor.gui.i18n import LANGUAGES

    own = issue_texts(w.session.issue)
    bad: list[str] = []

    def look(where: str, text: str) -> None:
        rest = text or ""
        for t in own:
            if t in rest:
                rest = rest.replace(t, "")
                if not CJK.search(rest):
                    break
        if CJK.search(rest):
            bad.append(f"{where}: {text!r}")

    for b in w.findChildren(QAbstractButton):
        if b.isVisible():
            look(f"{type(b).__name__} {b.objectName()}", b.text())
            look(f"tooltip of {type(b).__name__} {b.objectName()}", b.toolTip())
    for label in w.findChildren(QLabel):
        if label.isVisible():
            look(f"QLabel {label.objectName()}", label.text())
    for dock in w.findChildren(QDockWidget):
        if dock.isVisible():
            look(f"dock {dock.objectName()}", dock.windowTitle())
    for combo in w.findChildren(QComboBox):
        if combo.isVisible():
            for i in range(combo.count()):
                look(f"combo {combo.objectName()} item {i}", combo.itemText(i))
    for tree in w.findChildren(QTreeWidget):
        if tree.isVisible():
            header = tree.headerItem()
            for col in range(header.columnCount()):
                look(f"header of {tree.parent().objectName()}", header.text(col))
    menus = [m for m in w.findChildren(QMenu)]
    for m in menus:
        look(f"menu {m.objectName()}", m.title())
        for act in m.actions():
            if act.text() in LANGUAGES.values():
                continue  # a language is named in itself: 中文 stays 中文 in an English UI
            look(f"action in {m.title()}", act.text())
    for act in w.findChildren(QAction):
        if act.text() not in LANGUAGES.values():
            look("action", act.text())
    look("window title", w.windowTitle())
    return bad


def test_english_leaves_no_chinese_in_the_window(qtbot, window, tmp_path):
    """Every part of the window (docks, findings and changes panels, status) follows the switch."""

    open_seed(window)
    wait_book(qtbot, window)
    export_proof_round(qtbot, window, tmp_path / "proof.pdf")
    window.show_findings()
    window.show_changes()
    window.history_dock.show()
    for menu in (window.menu_file, window.menu_recent):
        menu.aboutToShow.emit()
    assert window.changes.rounds() == [1]
    assert chinese_ui_texts(window) != []  # the Chinese UI is seen by the same eyes
    window.set_language("en")
    try:
        left = chinese_ui_texts(window)
        assert left == [], "\n".join(left)
        assert window.findings.btn_fix.text() == "Apply Fix"
        assert window.findings.severity.itemText(1) == "Error"
        assert window.changes.round.itemText(0).startswith("Proof round 1 (")
        assert window.changes.summary.text().endswith("pages changed only their folio")
        assert window.act_export_proof.text() == "Export Proof…"
        assert window.act_compare.text() == "Compare with Proof"
        assert window.act_undo.text() == "Undo Record Proof Round 1"
        assert window.status_layout.text() in ("Up to date", "Laying out…")
    finally:
        window.set_language("zh")
    assert window.findings.btn_fix.text() == "应用修正"
    assert window.changes.round.itemText(0).startswith("第1校")
    assert window.act_undo.text() == "撤销 记录第1校" and window.status_layout.text() in ("已更新", "排版中…")


def test_proof_dialog_in_english_and_with_no_documents(window):
    from editor.model import Issue

    open_seed(window)
    window.set_language("en")
    try:
        dialog = window.export_proof_dialog()
        texts = [dialog.windowTitle(), dialog.export_button.text(), dialog.round_label.text()]
        texts += [dialog.date_label.text(), dialog.template.toolTip(), *(lb.text() for lb in dialog.labels)]
        assert dialog.windowTitle() == "Export Proof" and dialog.round_label.text() == "Proof round:"
        assert not [t for t in texts if CJK.search(t)]
        assert Path(dialog.output.text()).name.endswith(" No. 2 - proof 1.pdf")
        dialog.round.setValue(2)  # the file name follows the round
        assert Path(dialog.output.text()).name.endswith(" No. 2 - proof 2.pdf")
        dialog.output.setText(str(Path(dialog.output.text()).with_name("mine.pdf")))
        dialog.round.setValue(3)  # a name of the editor's own is left alone
        assert Path(dialog.output.text()).name == "mine.pdf"
        dialog.reject()
    finally:
        window.set_language("zh")
    window.session.replace(Issue(), None)
    assert window.export_proof_dialog() is None and "还没有文件" in window.last_error
