"""文件 › 档案库… in the real window (offscreen): the archive's issues and documents, a search,
a document copied into the current issue as one undo step, an archived issue opened."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from editor.archive import open_archive  # noqa: E402
from editor.gui.app import make_application  # noqa: E402
from editor.gui.archive_dialog import SETTING, ArchiveDialog  # noqa: E402
from editor.gui.i18n import install_language  # noqa: E402
from editor.gui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path, year_prepared):
    db = tmp_path / "archive.sqlite"
    with open_archive(db) as arc:
        arc.add([year_prepared[1], year_prepared[4]])  # the reference issue and 第5期
    make_application()
    install_language("zh")
    settings = QSettings(str(tmp_path / "settings" / "editor.ini"), QSettings.Format.IniFormat)
    settings.setValue(SETTING, str(db))
    w = MainWindow(settings)
    w.ask = False
    w.tree.ask = False
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()


def test_archive_lists_searches_copies_and_opens(window, year_prepared):
    assert window.act_archive in window.menu_file.actions()
    window.show_archive()
    dialog: ArchiveDialog = window.archive_dialog
    tops = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    assert ["2018年第2期（总第51期）" in t.text(0) for t in tops] == [True, False]
    assert [t.childCount() for t in tops] == [len(year_prepared[1].records), len(year_prepared[4].records)]
    assert tops[0].child(0).text(1) == "2"  # printed page of the first document

    dialog.words.setText("节假")
    dialog.refresh()
    assert dialog.list.topLevelItemCount() == 1
    hit = dialog.list.topLevelItem(0)
    assert "国办发明电〔2018〕15号" == hit.text(2) and "【节假】" in hit.text(3)
    dialog.list.setCurrentItem(hit)
    assert dialog.copy_button.isEnabled()

    issue = window.session.issue
    before = len(issue.documents())
    dialog.copy_selected()
    docs = issue.documents()
    assert len(docs) == before + 1 and docs[-1].number == "国办发明电〔2018〕15号"
    assert docs[-1].blocks and window.session.stack.canUndo()
    window.session.stack.undo()  # one step
    assert len(issue.documents()) == before

    dialog.words.clear()
    dialog.refresh()
    dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
    assert not dialog.copy_button.isEnabled()  # an issue, not a document
    window.session.stack.setClean()
    dialog.open_selected()
    opened = window.session.issue
    assert (opened.year, opened.number, opened.cumulative) == (2018, 2, 51)
    assert [d.number for d in opened.documents()] == [r.doc_number for r in year_prepared[1].records]

    # 归档本期: the issue being edited goes into the archive; again it is an update, not a copy
    dialog.add_current()
    assert "已更新" in dialog.status.text() and dialog.list.topLevelItemCount() == 2
    window.new_next_issue()  # 2018年第3期, no documents yet
    dialog.add_current()
    assert "已归档" in dialog.status.text() and "2018年第3期（总第52期）" in dialog.status.text()
    assert dialog.list.topLevelItemCount() == 3


def test_an_issue_without_a_gazette_name_is_not_archived(qtbot, tmp_path):
    from editor.model import Issue

    make_application()
    install_language("zh")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue(SETTING, str(tmp_path / "a.sqlite"))
    dialog = ArchiveDialog(settings, current=lambda: Issue(year=2026))
    qtbot.addWidget(dialog)
    assert dialog.add_button.isVisibleTo(dialog)
    dialog.add_current()
    assert "没有公报名称" in dialog.status.text() and dialog.list.topLevelItemCount() == 0


def test_a_bad_archive_location_is_one_line_in_the_dialog(qtbot, tmp_path):
    make_application()
    install_language("en")
    try:
        bad = tmp_path / "not-an-archive.sqlite"
        bad.write_bytes(b"this is no database" * 100)
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue(SETTING, str(bad))
        dialog = ArchiveDialog(settings)
        qtbot.addWidget(dialog)
        assert dialog.list.topLevelItemCount() == 0
        assert "not a usable archive" in dialog.status.text() and "\n" not in dialog.status.text()
    finally:
        install_language("zh")
