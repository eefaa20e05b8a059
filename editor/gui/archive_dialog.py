"""文件 › 档案库…: the archive as a searchable list of past issues and their documents.

Without search words the list shows every archived issue with its documents; with words, the
documents that contain them, each with the printed page and a snippet. The selected issue can
be opened (it replaces the current one, after the usual question about unsaved changes), the
selected document copied into the current issue as one undoable step, and the issue being
edited added to the archive (归档本期). Which archive is used (a
SQLite file or a postgresql:// URL) is a setting, shown and editable at the top.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.archive import default_db, open_archive, prepare_issue
from editor.errors import UserError
from editor.issue_file import issue_from_bytes
from editor.model import Issue
from editor.records import searchable
from layout.errors import LayoutProblem

from .i18n import current_language

SETTING = "archive/db"
ISSUE_ROLE = Qt.ItemDataRole.UserRole
DOC_ROLE = Qt.ItemDataRole.UserRole + 1


def archive_location(settings: QSettings) -> str:
    return str(settings.value(SETTING, "") or default_db())


class ArchiveDialog(QDialog):
    """Browse and search the archive; emits open/copy requests the main window carries out."""

    open_requested = Signal(object)  # Issue
    copy_requested = Signal(object, str)  # archived Issue, document id

    def __init__(
        self, settings: QSettings, parent: QWidget | None = None, current: Callable[[], Issue] | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.current = current  # the editor's issue, for 归档本期
        self.resize(900, 600)
        self.db = QLineEdit(archive_location(settings))
        self.db_label = QLabel()
        self.words = QLineEdit()
        self.words.setClearButtonEnabled(True)
        self.year = QComboBox()
        self.search_button = QPushButton()
        self.list = QTreeWidget()
        self.list.setColumnCount(4)
        self.list.setRootIsDecorated(True)
        self.list.setAlternatingRowColors(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.open_button = QPushButton()
        self.copy_button = QPushButton()
        self.add_button = QPushButton()
        self.add_button.setVisible(current is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.db_label)
        top.addWidget(self.db, 1)
        row = QHBoxLayout()
        self.words_label = QLabel()
        row.addWidget(self.words_label)
        row.addWidget(self.words, 1)
        self.year_label = QLabel()
        row.addWidget(self.year_label)
        row.addWidget(self.year)
        row.addWidget(self.search_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(row)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.status)
        lay.addWidget(buttons)

        self.words.returnPressed.connect(self.refresh)
        self.search_button.clicked.connect(self.refresh)
        self.db.editingFinished.connect(self._db_changed)
        self.year.activated.connect(lambda _i: self.refresh())
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        self.add_button.clicked.connect(self.add_current)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("档案库"))
        self.db_label.setText(self.tr("档案库位置："))
        self.db.setToolTip(self.tr("SQLite 文件路径，或 postgresql:// 地址"))
        self.words_label.setText(self.tr("检索："))
        self.words.setPlaceholderText(self.tr("标题、文号或正文中的词，空格分隔"))
        self.year_label.setText(self.tr("年份："))
        self.search_button.setText(self.tr("检索"))
        self.open_button.setText(self.tr("打开该期"))
        self.copy_button.setText(self.tr("复制到本期"))
        self.add_button.setText(self.tr("归档本期"))
        self.add_button.setToolTip(self.tr("把正在编辑的这一期加入档案库（已有则更新）"))
        self.list.setHeaderLabels(
            [self.tr("期刊 / 文件"), self.tr("页码"), self.tr("发文字号"), self.tr("摘要")]
        )

    # ---- filling the list --------------------------------------------------------------------
    def _db_changed(self) -> None:
        text = self.db.text().strip()
        self.settings.setValue(SETTING, "" if text == str(default_db()) else text)
        self.refresh()

    def _years(self, arc) -> None:
        keep = self.year.currentData()
        self.year.clear()
        self.year.addItem(self.tr("全部"), None)
        for y in sorted({r.year for r in arc.issues()}, reverse=True):
            self.year.addItem(str(y), y)
        index = self.year.findData(keep)
        self.year.setCurrentIndex(max(index, 0))

    def refresh(self) -> None:
        self.list.clear()
        try:
            with open_archive(self.db.text().strip() or None) as arc:
                self._years(arc)
                year = self.year.currentData()
                words = self.words.text().split()
                if words:
                    self._show_hits(arc.search(words, year=year))
                else:
                    self._show_issues(arc, year)
        except UserError as e:
            self.status.setText(e.message(current_language()))
        self._update_buttons()

    def _show_issues(self, arc, year) -> None:
        docs: dict[int, list] = {}
        for h in arc.documents(year=year):
            docs.setdefault(h.issue_id, []).append(h)
        issues = arc.issues(year)
        for r in issues:
            item = QTreeWidgetItem([f"{r.gazette}　{r.label}", "", "", r.date])
            item.setData(0, ISSUE_ROLE, r.id)
            for h in docs.get(r.id, []):
                child = QTreeWidgetItem(
                    [
                        searchable(h.title),
                        "" if h.first_page is None else str(h.first_page),
                        h.doc_number,
                        h.section,
                    ]
                )
                child.setData(0, ISSUE_ROLE, h.issue_id)
                child.setData(0, DOC_ROLE, h.doc_id)
                item.addChild(child)
            self.list.addTopLevelItem(item)
        self.list.resizeColumnToContents(1)
        self.status.setText(self.tr("档案库中有 %1 期。").replace("%1", str(len(issues))))

    def _show_hits(self, hits) -> None:
        for h in hits:
            item = QTreeWidgetItem(
                [f"{h.issue_label}　{searchable(h.title)}", str(h.page or ""), h.doc_number, h.snippet]
            )
            item.setToolTip(3, h.snippet)
            item.setData(0, ISSUE_ROLE, h.issue_id)
            item.setData(0, DOC_ROLE, h.doc_id)
            self.list.addTopLevelItem(item)
        self.list.resizeColumnToContents(1)
        self.status.setText(self.tr("找到 %1 篇文件。").replace("%1", str(len(hits))))

    def _update_buttons(self) -> None:
        item = self.list.currentItem()
        self.open_button.setEnabled(item is not None)
        self.copy_button.setEnabled(item is not None and bool(item.data(0, DOC_ROLE)))

    # ---- actions ----------------------------------------------------------------------------
    def _archived_issue(self) -> tuple[Issue, str | None] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        try:
            with open_archive(self.db.text().strip() or None) as arc:
                data = arc.issue_data(int(item.data(0, ISSUE_ROLE)))
            return issue_from_bytes(data), item.data(0, DOC_ROLE) or None
        except UserError as e:
            self.status.setText(e.message(current_language()))
            return None

    def add_current(self) -> None:
        """Lay out the issue being edited and store it (an issue already archived is updated)."""
        if self.current is None:
            return
        issue = self.current()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            prepared = prepare_issue(issue, self.tr("本期"))
            with open_archive(self.db.text().strip() or None) as arc:
                ((_, replaced),) = arc.add([prepared])
        except (UserError, LayoutProblem) as e:
            self.status.setText(e.message(current_language()))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.words.clear()
        self.refresh()
        done = self.tr("已更新 %1。") if replaced else self.tr("已归档 %1。")
        self.status.setText(done.replace("%1", f"{issue.gazette.name} {prepared.info.label}"))

    def open_selected(self) -> None:
        got = self._archived_issue()
        if got is not None:
            self.open_requested.emit(got[0])

    def copy_selected(self) -> None:
        got = self._archived_issue()
        if got is not None and got[1]:
            self.copy_requested.emit(got[0], got[1])
