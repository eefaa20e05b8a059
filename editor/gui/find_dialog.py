"""查找和替换 (Ctrl+F / Ctrl+H): every hit in the issue with its context; replace-all is one undo step.

The search itself is editor.find_replace (Qt-free); this window lists the hits (document,
place, the words around the hit with the hit in brackets), goes to a hit on double-click, and
pushes one ReplaceTexts command for a replace-all.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.errors import UserError
from editor.find_replace import Hit, compile_query, find, replace_all
from editor.findings import Location

from .commands import IssueSession, ReplaceTexts
from .i18n import current_language
from .issue_tree import distinguishing_title

_HIT = Qt.ItemDataRole.UserRole


class FindReplaceDialog(QDialog):
    """A non-modal window beside the editor; the list follows the issue as it changes."""

    locationActivated = Signal(object)  # noqa: N815 - a Location to show in the editor

    def __init__(self, session: IssueSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findReplaceDialog")
        self.session = session
        self.hits: list[Hit] = []
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findText")
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceText")
        self.regex = QCheckBox(self)
        self.case = QCheckBox(self)
        self.case.setChecked(True)
        self.btn_find = QPushButton(self)
        self.btn_replace_all = QPushButton(self)
        self.btn_replace_all.setObjectName("replaceAllButton")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(True)
        self.list.itemDoubleClicked.connect(self._activate)
        self.find_label, self.replace_label = QLabel(self), QLabel(self)
        form = QFormLayout()
        form.addRow(self.find_label, self.find_edit)
        form.addRow(self.replace_label, self.replace_edit)
        options = QHBoxLayout()
        options.addWidget(self.regex)
        options.addWidget(self.case)
        options.addStretch(1)
        options.addWidget(self.btn_find)
        options.addWidget(self.btn_replace_all)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(options)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.search)
        self.find_edit.textChanged.connect(lambda _t: self._timer.start())
        self.regex.toggled.connect(lambda _b: self._timer.start())
        self.case.toggled.connect(lambda _b: self._timer.start())
        self.find_edit.returnPressed.connect(self.search)
        self.btn_find.clicked.connect(self.search)
        self.btn_replace_all.clicked.connect(self.replace_all)
        session.changed.connect(lambda _c: self.isVisible() and self.find_edit.text() and self._timer.start())
        session.replaced.connect(self.search)
        self.retranslate()
        self.resize(640, 420)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("查找和替换"))
        self.find_label.setText(self.tr("查找："))
        self.replace_label.setText(self.tr("替换为："))
        self.regex.setText(self.tr("正则表达式"))
        self.case.setText(self.tr("区分大小写"))
        self.btn_find.setText(self.tr("查找全部"))
        self.btn_replace_all.setText(self.tr("全部替换"))
        self.list.setHeaderLabels([self.tr("文件"), self.tr("位置"), self.tr("上下文")])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def open_for(self, replace: bool) -> None:
        """Ctrl+F puts the cursor in 查找, Ctrl+H in 替换为."""
        self.show()
        self.raise_()
        self.activateWindow()
        target = self.replace_edit if replace and self.find_edit.text() else self.find_edit
        target.setFocus()
        target.selectAll()

    def _pattern(self):
        query = self.find_edit.text()
        if not query:
            return None
        try:
            return compile_query(query, self.regex.isChecked(), self.case.isChecked())
        except UserError as e:
            self.summary.setText(e.message(current_language()))
            return None

    def search(self) -> list[Hit]:
        self._timer.stop()
        pattern = self._pattern()
        self.list.clear()
        self.hits = find(self.session.issue, pattern) if pattern is not None else []
        titles = {d.id: d.shown_title for d in self.session.issue.documents()}
        lang = current_language()
        items = []
        for hit in self.hits:
            before, text, after = hit.context()
            where = Location(part=hit.part, block=hit.block, offset=hit.start).describe(lang)
            title = titles.get(hit.doc, hit.doc)
            item = QTreeWidgetItem([distinguishing_title(title)[:16], where, f"{before}【{text}】{after}"])
            item.setToolTip(0, title)
            item.setData(0, _HIT, hit)
            items.append(item)
        self.list.addTopLevelItems(items)
        for col in (0, 1):
            self.list.resizeColumnToContents(col)
        if pattern is not None:
            docs = len({h.doc for h in self.hits})
            self.summary.setText(
                self.tr("找到 %1 处，在 %2 篇文件中。")
                .replace("%1", str(len(self.hits)))
                .replace("%2", str(docs))
            )
        elif not self.find_edit.text():
            self.summary.setText("")
        self.btn_replace_all.setEnabled(bool(self.hits))
        return self.hits

    def replace_all(self) -> int:
        """Replace every hit as one undo step; returns how many places changed."""
        pattern = self._pattern()
        if pattern is None:
            return 0
        try:
            changes, count = replace_all(
                self.session.issue, pattern, self.replace_edit.text(), self.regex.isChecked()
            )
        except UserError as e:
            self.summary.setText(e.message(current_language()))
            return 0
        if changes:
            self.session.push(ReplaceTexts(self.session, changes, count), origin=self)
        self.search()
        self.summary.setText(self.tr("已替换 %1 处（可一步撤销）。").replace("%1", str(count)))
        return count

    def _activate(self, item: QTreeWidgetItem) -> None:
        hit = item.data(0, _HIT)
        if isinstance(hit, Hit):
            self.locationActivated.emit(Location(hit.doc, hit.part, hit.block, hit.start))
