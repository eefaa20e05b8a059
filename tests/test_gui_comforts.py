"""Editing comforts with real widgets (offscreen): Enter after a heading, files dropped on the body,
export names and overwrites, printed defaults in the issue's language."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.gui.i18n import install_language
from editor.importing import load_input
from editor.issue_file import save_issue
from editor.model import Role
from tests.gui_window import DOCX, SEED


def test_enter_after_a_heading_gives_body_text(window):
    assert window.open_path(str(SEED))
    doc = window.session.issue.documents()[0]
    heading = next(i for i, b in enumerate(doc.blocks) if b.role == Role.HEADING1)
    body = window.editor.body
    body.goto_block(heading, len(doc.blocks[heading].text))
    body.setFocus()
    QTest.keyClick(body, Qt.Key.Key_Return)
    QTest.keyClicks(body, "abc")
    body.sync()
    assert doc.blocks[heading].role == Role.HEADING1
    assert doc.blocks[heading + 1].text == "abc"
    assert doc.blocks[heading + 1].role == Role.PARAGRAPH
    assert window.editor.role_combo.currentData() == Role.PARAGRAPH.value


def test_a_docx_dropped_on_the_body_is_imported_not_pasted(window):
    assert window.open_path(str(SEED))
    doc = window.session.issue.documents()[0]
    before = [b.text for b in doc.blocks]
    count = len(window.session.issue.documents())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(DOCX))])
    viewport = window.editor.body.viewport()
    at = QPointF(viewport.rect().center())
    # a real drag: enter, move, drop (the file manager's file:/// address)
    none, copy = Qt.MouseButton.NoButton, Qt.DropAction.CopyAction
    mods = Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(at.toPoint(), copy, data, none, mods))
    QApplication.sendEvent(viewport, QDragMoveEvent(at.toPoint(), copy, data, none, mods))
    QApplication.sendEvent(viewport, QDropEvent(at, copy, data, none, mods))
    assert len(window.session.issue.documents()) == count + 1
    assert [b.text for b in doc.blocks] == before  # no file:/// address typed into the text
    assert not any("file:" in b.text for d in window.session.issue.documents() for b in d.blocks)
    window.session.stack.undo()  # one step
    assert len(window.session.issue.documents()) == count


def test_export_proposes_this_issue_and_asks_before_replacing(window, tmp_path):
    first = load_input(str(SEED))
    second = load_input(str(SEED))
    second.gazette.name = "青禾市人民政府公报"
    second.year, second.number = 2026, 6
    save_issue(first, tmp_path / "a.gazette")
    save_issue(second, tmp_path / "b.gazette")
    out = tmp_path / "out"
    out.mkdir()
    assert window.open_path(str(tmp_path / "a.gazette"))
    dialog = window.export_dialog()
    dialog.output.setText(str(out / "葫芦岛.pdf"))
    dialog.exported.emit(str(out / "葫芦岛.pdf"))  # as a finished export does
    assert window.open_path(str(tmp_path / "b.gazette"))
    dialog = window.export_dialog()
    proposed = dialog.output.text()
    assert proposed.endswith("青禾市人民政府公报2026年第6期.pdf")  # this issue, never the last PDF
    assert str(tmp_path) in proposed and "out" not in proposed  # the other issue's folder is its own
    assert window.open_path(str(tmp_path / "a.gazette"))
    assert str(out) in window.export_dialog().output.text()  # remembered per issue
    existing = out / "old.pdf"
    existing.write_bytes(b"%PDF-1.4 another issue")
    dialog = window.export_dialog()
    dialog.output.setText(str(existing))
    dialog.start()  # nobody to ask: refuse
    assert existing.read_bytes() == b"%PDF-1.4 another issue"
    assert not dialog.running() and "已存在" in dialog.status.text()


def test_new_issue_names_its_section_in_the_issues_language(window):
    install_language("en")
    try:
        window.new_issue()
        window.new_document()
    finally:
        install_language("zh")
    issue = window.session.issue
    assert issue.sections[0].name == "市政府文件"
    assert issue.documents()[0].title == "新文件"


def test_find_and_replace_across_the_issue_is_one_undo_step(window, qtbot):
    assert window.open_path(str(SEED))
    issue = window.session.issue
    before = [[b.text for b in d.blocks] for d in issue.documents()]
    QTest.keySequence(window, "Ctrl+H")  # the shortcut opens it
    dialog = window.find_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.find_edit.setText("葫芦岛市")
    hits = dialog.search()
    docs = {h.doc for h in hits}
    assert len(hits) > 20 and len(docs) > 3
    first = dialog.list.topLevelItem(0).text(2)
    assert "【葫芦岛市】" in first  # each hit shown in its context
    dialog.replace_edit.setText("青禾市")
    count = dialog.replace_all()
    assert count == len(hits)
    assert not dialog.search()
    assert window.session.stack.count() == 1
    assert "青禾市" in window.editor.body.toPlainText() + window.editor.fields["title"].text()
    window.session.stack.undo()
    assert [[b.text for b in d.blocks] for d in issue.documents()] == before
    # a regular expression with a group, and a broken one gives one line
    dialog.regex.setChecked(True)
    dialog.find_edit.setText(r"(\d{4})年")
    assert dialog.search()
    dialog.replace_edit.setText(r"\1 年")
    assert dialog.replace_all() > 0
    dialog.find_edit.setText("([")
    assert dialog.search() == [] and "正则表达式有误" in dialog.summary.text()
    dialog.list.clear()
    dialog.find_edit.setText("青禾")
    dialog.regex.setChecked(False)
    window.session.stack.undo()


def test_find_hit_goes_to_its_paragraph(window):
    assert window.open_path(str(SEED))
    dialog = window.show_find()
    dialog.find_edit.setText("土壤")
    hits = dialog.search()
    target = next(h for h in hits if h.part == "block" and h.doc != window.editor.doc_id)
    row = hits.index(target)
    dialog._activate(dialog.list.topLevelItem(row))
    assert window.editor.doc_id == target.doc
    cursor = window.editor.body.textCursor()
    assert cursor.blockNumber() == target.block and cursor.positionInBlock() == target.start
