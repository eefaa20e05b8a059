"""The issue tree: issue → sections → documents, with drag and drop and a context menu.

The item model is a thin view over editor.model.Issue: rows are read from the model on
every call and every change (a drop, a rename, a delete) is an undo command, so the tree
never holds a second copy of the issue's structure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QStyle,
    QTreeView,
    QWidget,
)

from editor.errors import UserError
from editor.importing import WORD_SUFFIXES, prepare_import
from editor.model import Issue

from .commands import (
    AddDocuments,
    AddSection,
    IssueSession,
    MoveDocument,
    MoveSection,
    RemoveDocument,
    RemoveSection,
    RenameSection,
)
from .i18n import current_language

AnyIndex = QModelIndex | QPersistentModelIndex  # what Qt may hand a model's overrides

MIME = "application/x-gazette-tree-node"
IMPORTABLE = (*WORD_SUFFIXES, ".txt")

# internalId of an index: which level it is on and, for documents, its section
_ISSUE = 1
_SECTION = 2
_DOC_BASE = 16  # document rows of section s carry _DOC_BASE + s


_ISSUER_HEAD = re.compile(r"^(?P<issuer>.{2,30}?)(?=关于)")


def distinguishing_title(title: str) -> str:
    """A title as the tree shows it: what follows 关于, the issuer in front (often the same for every
    document of an issue: 葫芦岛市人民政府关于…) dropped, so a narrow column shows what differs.
    The whole title is the row's tooltip."""
    m = _ISSUER_HEAD.match(title)
    if m is None or len(title) - m.end() < 6:
        return title
    return title[m.end() + 2 :]  # 关于 itself is in every title too


_TEXT_ROLES = frozenset(
    int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole)
)
_ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
# asked for every cell at every paint: the flag sets are made once (an enum "|" is a Python call)
_ISSUE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
_MOVABLE_FLAGS = _ISSUE_FLAGS | Qt.ItemFlag.ItemIsDragEnabled
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class IssueTreeModel(QAbstractItemModel):
    """Issue → sections → documents; columns: title, document number, start page."""

    def __init__(self, session: IssueSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.pages: dict[str, int | None] = {}  # document id → printed start page, from the last layout
        session.changed.connect(self._on_changed)
        session.replaced.connect(self.reset)

    @property
    def issue(self) -> Issue:
        return self.session.issue

    # ---- structure ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if row < 0 or not 0 <= column < 3 or row >= self.rowCount(parent):  # hasIndex, without
            return QModelIndex()  # two calls from C++ back into Python
        if not parent.isValid():
            return self.createIndex(row, column, _ISSUE)
        pid = parent.internalId()
        if pid == _ISSUE:
            return self.createIndex(row, column, _SECTION)
        if pid == _SECTION:
            return self.createIndex(row, column, _DOC_BASE + parent.row())
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        iid = index.internalId()
        if iid == _ISSUE:
            return QModelIndex()
        if iid == _SECTION:
            return self.createIndex(0, 0, _ISSUE)
        return self.createIndex(iid - _DOC_BASE, 0, _SECTION)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return 1
        if parent.column() > 0:
            return 0
        pid = parent.internalId()
        if pid == _ISSUE:
            return len(self.issue.sections)
        if pid == _SECTION:
            if parent.row() < len(self.issue.sections):
                return len(self.issue.sections[parent.row()].documents)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 3

    # ---- what an index is -----------------------------------------------------------
    @staticmethod
    def kind(index: AnyIndex) -> str:
        if not index.isValid():
            return ""
        iid = index.internalId()
        return "issue" if iid == _ISSUE else "section" if iid == _SECTION else "document"

    def position(self, index: AnyIndex) -> tuple[int, int | None]:
        """(section, document) of a section or document index."""
        kind = self.kind(index)
        if kind == "section":
            return index.row(), None
        if kind == "document":
            return index.internalId() - _DOC_BASE, index.row()
        raise ValueError(kind)

    def document_position(self, index: AnyIndex) -> tuple[int, int]:
        """(section, document) of a document index."""
        if self.kind(index) != "document":
            raise ValueError(self.kind(index))
        return index.internalId() - _DOC_BASE, index.row()

    def document_id(self, index: QModelIndex) -> str | None:
        if self.kind(index) != "document":
            return None
        si, di = self.document_position(index)
        try:
            return self.issue.sections[si].documents[di].id
        except IndexError:
            return None

    def index_of_document(self, doc_id: str) -> QModelIndex:
        try:
            si, di = self.issue.find(doc_id)
        except KeyError:
            return QModelIndex()
        return self.index(di, 0, self.index(si, 0, self.index(0, 0)))

    def index_of_section(self, si: int) -> QModelIndex:
        return self.index(si, 0, self.index(0, 0))

    # ---- display --------------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # the view asks for a dozen roles per cell and paint; all but these are answered first
        if role not in _TEXT_ROLES:
            if role == _ALIGNMENT_ROLE and index.column() == 2:
                return _RIGHT_ALIGNED
            return None
        if not index.isValid():
            return None
        kind = self.kind(index)
        col = index.column()
        if kind == "issue":
            if col != 0:
                return None
            i = self.issue
            name = i.gazette.name or self.tr("未命名期刊")
            return (
                self.tr("%1 %2年第%3期")
                .replace("%1", name)
                .replace("%2", str(i.year))
                .replace("%3", str(i.number))
            )
        si, di = self.position(index)
        if si >= len(self.issue.sections):
            return None
        section = self.issue.sections[si]
        if kind == "section":
            if col == 0:
                return section.name
            if col == 1 and role == Qt.ItemDataRole.DisplayRole:
                return self.tr("%1 篇").replace("%1", str(len(section.documents)))
            return None
        if di is None or di >= len(section.documents):
            return None
        doc = section.documents[di]
        if col == 0:
            if role == Qt.ItemDataRole.ToolTipRole:
                return doc.title or doc.shown_title
            return distinguishing_title(doc.shown_title) or self.tr("（无标题）")
        if col == 1:
            return doc.number
        page = self.pages.get(doc.id)
        return "" if page is None else str(page)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("目录标题"), self.tr("文号"), self.tr("页码"))[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        # the issue takes drops; sections and documents are dragged and take drops
        return _ISSUE_FLAGS if index.internalId() == _ISSUE else _MOVABLE_FLAGS

    # ---- updates --------------------------------------------------------------------
    def reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def set_pages(self, pages: dict[str, int | None]) -> None:
        """New page numbers: only the rows whose number changed are redrawn (typing moves few)."""
        old, self.pages = self.pages, dict(pages)
        changed = [d for d in set(old) | set(self.pages) if old.get(d) != self.pages.get(d)]
        if len(changed) > 20:  # a first layout: every document's page column, nothing else
            root = self.index(0, 0)
            for si in range(self.rowCount(root)):
                sec = self.index(si, 0, root)
                n = self.rowCount(sec)
                if n:
                    self.dataChanged.emit(self.index(0, 2, sec), self.index(n - 1, 2, sec))
            return
        for doc_id in changed:
            index = self.index_of_document(doc_id)
            if index.isValid():
                self.dataChanged.emit(index, self.index(index.row(), 2, index.parent()))

    def _refresh_all(self) -> None:
        """Texts changed but not the shape: tell the view without losing selection and expansion."""
        root = self.index(0, 0)
        self.dataChanged.emit(root, root)
        for si in range(self.rowCount(root)):
            sec = self.index(si, 0, root)
            self.dataChanged.emit(sec, self.index(si, 2, root))
            n = self.rowCount(sec)
            if n:
                self.dataChanged.emit(self.index(0, 0, sec), self.index(n - 1, 2, sec))

    def _on_changed(self, change) -> None:
        if change.kind == "structure":
            self.reset()
        elif change.kind in ("field", "properties"):
            self._refresh_all()

    # ---- drag and drop ----------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME, "text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        nodes: list[dict[str, object]] = []
        for index in indexes:
            if index.column() != 0:
                continue
            kind = self.kind(index)
            if kind == "section":
                nodes.append({"section": index.row()})
            elif kind == "document":
                nodes.append({"document": self.document_id(index)})
        data = QMimeData()
        data.setData(MIME, QByteArray(json.dumps(nodes[:1]).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent: AnyIndex) -> bool:  # noqa: N802
        if data.hasUrls():
            return self.kind(parent) in ("issue", "section", "document")
        if not data.hasFormat(MIME):
            return False
        nodes = json.loads(bytes(data.data(MIME).data()).decode() or "[]")
        if not nodes:
            return False
        target = self.kind(parent)
        if "section" in nodes[0]:
            return target in ("issue", "section")
        return target in ("section", "document")

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: AnyIndex) -> bool:  # noqa: N802
        """Moves are undo commands; Qt's own row removal after a move is never needed."""
        if not data.hasFormat(MIME) or not self.canDropMimeData(data, action, row, column, parent):
            return False
        node = json.loads(bytes(data.data(MIME).data()).decode())[0]
        target = self.kind(parent)
        if "section" in node:
            src = node["section"]
            if target == "section":  # dropped onto a section: it goes right before that one
                dst = parent.row()
            else:
                dst = len(self.issue.sections) if row < 0 else row
            if dst > src:
                dst -= 1
            dst = max(0, min(dst, len(self.issue.sections) - 1))
            if dst == src:
                return False
            self.session.push(MoveSection(self.session, src, dst))
            return True
        try:
            ssi, sdi = self.issue.find(node["document"])
        except KeyError:
            return False
        if target == "document":  # dropped onto a document: it goes right before that one
            dsi, ddi = self.document_position(parent)
        else:
            dsi = parent.row()
            ddi = len(self.issue.sections[dsi].documents) if row < 0 else row
        if dsi == ssi and ddi > sdi:
            ddi -= 1  # the row was counted with the dragged document still in place
        ddi = max(0, min(ddi, len(self.issue.sections[dsi].documents) - (1 if dsi == ssi else 0)))
        if (dsi, ddi) == (ssi, sdi):
            return False
        self.session.push(MoveDocument(self.session, (ssi, sdi), (dsi, ddi)))
        return True


class IssueTreeView(QTreeView):
    """The dock's tree: Qt drags within it, files from the file manager, and a context menu."""

    documentActivated = Signal(str)  # document id
    importReport = Signal(list)  # report lines of a finished import

    def __init__(self, session: IssueSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tree_model = IssueTreeModel(session, self)
        self.setModel(self.tree_model)
        self.setObjectName("issueTree")
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        # the model shows each title from the part that tells it apart (the shared issuer dropped),
        # so the end is what may go
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)  # 文号 never crowds titles out
        header.resizeSection(1, 96)
        # a fixed width for four digits or the header, whichever is wider: ResizeToContents asked
        # every row for its page again after each layout (a 400-page issue: thousands of calls)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self._size_page_column()
        self.customContextMenuRequested.connect(self._context_menu)
        self.tree_model.modelReset.connect(self._after_reset)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._current_doc: str | None = None
        self.ask = True  # tests switch the confirmation dialogs off
        self._after_reset()

    def _size_page_column(self) -> None:
        header = self.header()
        title = str(self.tree_model.headerData(2, Qt.Orientation.Horizontal) or "")
        text = max(
            header.fontMetrics().horizontalAdvance(title), self.fontMetrics().horizontalAdvance("8888")
        )
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        header.resizeSection(2, text + margin + 8)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._size_page_column()

    # ---- selection ------------------------------------------------------------------
    def _after_reset(self) -> None:
        # the issue and its sections; documents have no children (expandAll would ask every
        # document row of a 400-page issue for its children, through Python, while the first
        # layout runs)
        self.expandToDepth(1)
        if self._current_doc:
            index = self.tree_model.index_of_document(self._current_doc)
            if index.isValid():
                self.selectionModel().blockSignals(True)
                self.setCurrentIndex(index)
                self.selectionModel().blockSignals(False)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        doc_id = self.tree_model.document_id(current)
        if doc_id:
            self._current_doc = doc_id
            self.documentActivated.emit(doc_id)

    def select_document(self, doc_id: str) -> None:
        index = self.tree_model.index_of_document(doc_id)
        if index.isValid() and index != self.currentIndex():
            self._current_doc = doc_id
            self.setCurrentIndex(index)

    def current_section(self) -> int:
        """The section of the current item (a document's section), or the last one."""
        index = self.currentIndex()
        kind = self.tree_model.kind(index)
        if kind in ("section", "document"):
            return self.tree_model.position(index)[0]
        return len(self.session.issue.sections) - 1

    # ---- drag and drop ----------------------------------------------------------------
    def startDrag(self, supported: Qt.DropAction) -> None:  # noqa: N802
        """Our drops are commands; Qt must not remove the dragged rows afterwards."""
        indexes = [i for i in self.selectedIndexes() if i.column() == 0]
        if not indexes:
            return
        drag = QDrag(self)
        drag.setMimeData(self.tree_model.mimeData(indexes))
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        data = event.mimeData()
        if data.hasUrls():
            paths = [u.toLocalFile() for u in data.urls() if u.isLocalFile()]
            index = self.indexAt(event.position().toPoint())
            kind = self.tree_model.kind(index)
            if kind in ("section", "document"):
                section = self.tree_model.position(index)[0]
            else:
                section = len(self.session.issue.sections) - 1
            event.acceptProposedAction()
            self.import_files(paths, section)
            return
        super().dropEvent(event)
        event.setDropAction(Qt.DropAction.IgnoreAction)

    # ---- import ----------------------------------------------------------------------
    def import_files(self, paths: list[str], section: int) -> list[str]:
        """Import Word/text files into a section as one undo step; returns the report lines."""
        paths = [p for p in paths if Path(p).suffix.lower() in IMPORTABLE]
        if not paths:
            self._error(self.tr("只能导入 Word 文件（.docx）或文本文件（.txt）。"))
            return []
        lang = current_language()
        try:
            plan = prepare_import(self.session.issue, paths, section, lang=lang)
        except UserError as e:
            self._error(e.message(lang))
            return []
        with self.session.macro(self.tr("导入 %1 篇文件").replace("%1", str(len(plan.documents)))):
            if plan.section is None:
                self.session.push(AddSection(self.session, plan.new_section))
            target = plan.section if plan.section is not None else len(self.session.issue.sections) - 1
            self.session.push(AddDocuments(self.session, target, plan.documents, plan.files))
        if plan.documents:
            self.select_document(plan.documents[0].id)
        report = [n.message(lang) for n in plan.report]
        self.importReport.emit(report)
        return report

    def import_here(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("导入 Word 文件"),
            "",
            self.tr("Word 或文本文件 (*.docx *.doc *.wps *.txt);;所有文件 (*)"),
        )
        if paths:
            self.import_files(paths, self.current_section())

    # ---- context menu --------------------------------------------------------------------
    def _context_menu(self, pos) -> None:
        index = self.indexAt(pos)
        if index.isValid():
            self.setCurrentIndex(index)
        kind = self.tree_model.kind(index)
        menu = QMenu(self)
        menu.addAction(self.tr("新建栏目…"), self.new_section)
        if kind == "section":
            menu.addAction(self.tr("重命名栏目…"), self.rename_current)
        menu.addAction(self.tr("在此导入 Word 文件…"), self.import_here)
        if kind in ("section", "document"):
            menu.addSeparator()
            menu.addAction(self.tr("删除"), self.delete_current)
        menu.exec(self.viewport().mapToGlobal(pos))

    def new_section(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("新建栏目"), self.tr("栏目名称："))
            if not ok:
                return
        name = name.strip()
        if not name:
            return
        index = self.tree_model.kind(self.currentIndex())
        at = self.current_section() + 1 if index in ("section", "document") else None
        self.session.push(AddSection(self.session, name, at))

    def rename_current(self, name: str | None = None) -> None:
        index = self.currentIndex()
        if self.tree_model.kind(index) != "section":
            return
        si = index.row()
        if name is None:
            old = self.session.issue.sections[si].name
            name, ok = QInputDialog.getText(self, self.tr("重命名栏目"), self.tr("栏目名称："), text=old)
            if not ok:
                return
        name = name.strip()
        if name and name != self.session.issue.sections[si].name:
            self.session.push(RenameSection(self.session, si, name))

    def delete_current(self) -> None:
        index = self.currentIndex()
        kind = self.tree_model.kind(index)
        if kind == "section":
            si = index.row()
            section = self.session.issue.sections[si]
            if section.documents and self.ask:
                answer = QMessageBox.question(
                    self,
                    self.tr("删除栏目"),
                    self.tr("栏目“%1”含 %2 篇文件，一并删除？（可撤销）")
                    .replace("%1", section.name)
                    .replace("%2", str(len(section.documents))),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
            self.session.push(RemoveSection(self.session, si))
        elif kind == "document":
            si, di = self.tree_model.document_position(index)
            self._current_doc = None
            self.session.push(RemoveDocument(self.session, si, di))

    def _error(self, text: str) -> None:
        if self.ask:
            QMessageBox.warning(self, self.tr("无法导入"), text)
        self.importReport.emit([text])


__all__ = ["IssueTreeModel", "IssueTreeView", "QPersistentModelIndex"]
