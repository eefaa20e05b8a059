"""The main window: menus, toolbar, docks, status bar, files, autosave and locks.

It owns the IssueSession (issue + undo stack) and wires the parts together: the issue tree
on the left, the document editor in the centre, the proof view on the right, the undo
history and the findings below. Every edit goes through the session's undo stack; the
window only reacts to its signals (title mark, relayout, status).
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStyle,
    QToolBar,
    QUndoView,
    QWidget,
)

from editor.errors import UserError
from editor.findings import Location
from editor.locate import is_board, location_of, ref_of
from editor.model import (
    DEFAULT_SECTION_NAME,
    NEW_DOCUMENT_TITLE,
    UNSORTED_SECTION_NAME,
    Document,
    Issue,
    Role,
)
from editor.safety import FileStamp, IssueLock, LockInfo, RecoveryStore, acquire_lock, changed_since
from layout.digest import sha1
from layout.errors import LayoutProblem

from . import styles
from .collector import IdleCollector
from .commands import PROOFS, AddDocuments, IssueSession, RecordProof, RemoveDocument, role_label
from .dialogs import BoardDialog, PropertiesDialog, ReportDialog, show_error
from .document_editor import DocumentEditor
from .findings_panel import ChangesPanel, FindingsPanel
from .i18n import LANGUAGES, current_language, install_language
from .issue_tree import IssueTreeView
from .proof_view import ProofView
from .relayout import Relayout

AUTOSAVE_MS = 60_000
MAX_RECENT = 10
CHANGES_DELAY_MS = 600
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
LAYOUT_STATES = ("排版中…", "已更新", "排版失败")  # the Relayout's state lines, as its source texts
ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
OPEN_FILTER_KEYS = "*.gazette *.toml *.txt"


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "GazettePress", "editor")


def _icon(name: str, fallback: QStyle.StandardPixmap) -> QIcon:
    path = ICONS / f"{name}.svg"
    if path.exists():
        return QIcon(str(path))
    return QApplication.style().standardIcon(fallback)


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or default_settings()
        self.session = IssueSession(parent=self)
        self.recovery = RecoveryStore(Path(self.settings.fileName()).parent / "recovery")
        self.ask = True  # tests answer dialogs themselves
        self.open_backups = False  # without dialogs (tests): whether a damaged file's .bak is opened
        self.offered_backup: str | None = None  # the .bak offered for the last damaged file
        self.book = None
        self.lock: IssueLock | None = None  # the lock we own on the open issue file
        self.stamp: FileStamp | None = None  # the issue file as we loaded or last saved it
        self.read_only = False  # opened while someone else held it
        self.when_locked = "read-only"  # the answer when nobody can be asked: read-only, open, cancel
        self._autosaved_revision = 0
        self.find_dialog = None
        self._layout_requested_for: Issue | None = None  # a new issue whose layout has started
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)  # a .docx dropped anywhere imports it
        self.setWindowIcon(_icon("gazette", QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        # centre: the document editor
        self.editor = DocumentEditor(self.session, self)
        self.setCentralWidget(self.editor)
        # left: the issue tree
        self.tree = IssueTreeView(self.session, self)
        self.tree_dock = self._dock("treeDock", self.tree, Qt.DockWidgetArea.LeftDockWidgetArea)
        # right: the proof view (gui-proof's widget)
        self.proof = self._make_proof()
        self.proof_dock = (
            self._dock("proofDock", self.proof, Qt.DockWidgetArea.RightDockWidgetArea) if self.proof else None
        )
        # bottom: undo history and findings
        self.history = QUndoView(self.session.stack, self)
        self.history.setObjectName("undoView")
        self.history_dock = self._dock("historyDock", self.history, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.findings = self._make_findings()
        self.findings_dock = (
            self._dock("findingsDock", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea)
            if self.findings
            else None
        )
        if self.findings_dock is not None:
            self.tabifyDockWidget(self.history_dock, self.findings_dock)
        self.history_dock.hide()
        # bottom, on demand: what changed since an exported proof (工具 → 与校样比较)
        self.changes = self._make_changes()
        self.changes_dock = (
            self._dock("changesDock", self.changes, Qt.DockWidgetArea.BottomDockWidgetArea)
            if self.changes
            else None
        )
        if self.changes_dock is not None:
            if self.findings_dock is not None:
                self.tabifyDockWidget(self.findings_dock, self.changes_dock)
            self.changes_dock.hide()
            self.changes_dock.visibilityChanged.connect(self._changes_visibility)

        self.relayout = self._make_relayout()
        if self.findings is not None and self.relayout is not None:
            self.findings.wait_for_layout = True  # a new issue is checked after its first layout
        # the full garbage collection waits for a pause in editing (0.3 s on a 400-page issue)
        self.collector = IdleCollector(self, busy=self._workers_busy)
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(400)
        self._follow_timer.timeout.connect(self._follow_cursor)
        self._follow_key = None
        # comparing with a proof round hashes every page (~80 ms for 40 pages): not after every
        # layout while the editor types, once they pause
        self._changes_timer = QTimer(self)
        self._changes_timer.setSingleShot(True)
        self._changes_timer.setInterval(CHANGES_DELAY_MS)
        self._changes_timer.timeout.connect(lambda: self._update_changes(force=True))

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status()
        self._connect()

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        app = QApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._app_state)

        self.retranslate()
        self._restore_layout()
        self._update_title()
        self._update_status()

    # ---- construction -------------------------------------------------------------------
    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _make_proof(self) -> ProofView:
        view = ProofView(self)
        view.setObjectName("proofView")
        view.read_fonts_in_background = True  # a newly opened issue never freezes on its fonts
        view.draw_pages_in_background = True  # nor does typing wait for a page to be drawn
        return view

    def _make_relayout(self) -> Relayout:
        return Relayout(self)

    def _make_findings(self) -> FindingsPanel:
        panel = FindingsPanel(self, session=self.session)
        panel.setObjectName("findingsPanel")
        return panel

    def _make_changes(self) -> ChangesPanel:
        panel = ChangesPanel(self)
        panel.setObjectName("changesPanel")
        return panel

    def _action(self, slot, shortcut=None, icon: QIcon | None = None, checkable: bool = False) -> QAction:
        action = QAction(self)
        if icon is not None:
            action.setIcon(icon)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        SP = QStyle.StandardPixmap
        K = QKeySequence.StandardKey
        self.act_new = self._action(self.new_issue, K.New, _icon("new", SP.SP_FileIcon))
        self.act_open = self._action(self.open_dialog, K.Open, _icon("open", SP.SP_DialogOpenButton))
        self.act_save = self._action(self.save, K.Save, _icon("save", SP.SP_DialogSaveButton))
        self.act_save_as = self._action(self.save_as, QKeySequence("Ctrl+Shift+S"))
        self.act_import = self._action(
            self.import_dialog, QKeySequence("Ctrl+I"), _icon("import", SP.SP_FileDialogNewFolder)
        )
        self.act_export = self._action(
            self.export_dialog, QKeySequence("Ctrl+P"), _icon("export", SP.SP_DriveFDIcon)
        )
        self.act_export_proof = self._action(
            self.export_proof_dialog, None, _icon("proof", SP.SP_FileDialogContentsView)
        )
        self.act_quit = self._action(self.close, QKeySequence("Ctrl+Q"))
        stack = self.session.stack
        self.act_undo = self._action(stack.undo, K.Undo, _icon("undo", SP.SP_ArrowBack))
        self.act_redo = self._action(
            stack.redo,
            [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")],
            _icon("redo", SP.SP_ArrowForward),
        )
        self.act_undo.setEnabled(False)
        self.act_redo.setEnabled(False)
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_texts)
        stack.redoTextChanged.connect(self._undo_texts)
        self.act_find = self._action(lambda: self.show_find(False), K.Find)
        self.act_replace = self._action(lambda: self.show_find(True), QKeySequence("Ctrl+H"))
        self.act_refresh = self._action(
            self.refresh_proof, QKeySequence("F5"), _icon("refresh", SP.SP_BrowserReload)
        )
        self.act_properties = self._action(self.edit_properties, QKeySequence("Ctrl+Shift+P"))
        self.act_board = self._action(self.edit_board, QKeySequence("Ctrl+Shift+B"))
        self.act_new_section = self._action(lambda: self.tree.new_section())
        self.act_next_issue = self._action(self.new_next_issue)
        self.act_archive = self._action(self.show_archive)
        self.act_new_document = self._action(self.new_document, QKeySequence("Ctrl+Shift+N"))
        self.act_delete_document = self._action(self.delete_document)
        self.act_report = self._action(self.show_import_report, QKeySequence("Ctrl+R"))
        self.act_checks = self._action(self.show_findings, QKeySequence("F7"))
        self.act_compare = self._action(self.show_changes, QKeySequence("Shift+F7"))
        self.act_recovery_folder = self._action(self.open_recovery_folder)
        self.act_about = self._action(self.about)
        self.act_shortcuts = self._action(self.show_shortcuts, QKeySequence("F1"))
        self.role_actions: dict[Role, QAction] = {}
        for role in styles.EDITABLE_ROLES:
            act = self._action(lambda _=False, r=role: self.editor.set_role(r), styles.role_shortcut(role))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.role_actions[role] = act
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            act = QAction(name, self, checkable=True)
            act.setData(code)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(act)
            self.language_actions[code] = act

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_recent = QMenu(self)
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        for a in (self.act_new, self.act_next_issue, self.act_open):
            self.menu_file.addAction(a)
        self.menu_file.addMenu(self.menu_recent)
        self.menu_file.addSeparator()
        for a in (self.act_save, self.act_save_as):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_archive)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_import)
        self.menu_file.addAction(self.act_export)
        self.menu_file.addAction(self.act_export_proof)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)

        self.menu_edit = bar.addMenu("")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.act_find)
        self.menu_edit.addAction(self.act_replace)

        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.act_refresh)
        self.menu_view.addSeparator()
        for dock in (
            self.tree_dock,
            self.proof_dock,
            self.history_dock,
            self.findings_dock,
            self.changes_dock,
        ):
            if dock is not None:
                self.menu_view.addAction(dock.toggleViewAction())
        self.menu_view.addSeparator()
        self.menu_language = self.menu_view.addMenu("")
        for act in self.language_actions.values():
            self.menu_language.addAction(act)

        self.menu_issue = bar.addMenu("")
        for a in (self.act_properties, self.act_board, self.act_new_section):
            self.menu_issue.addAction(a)
        self.menu_issue.addSeparator()
        self.menu_issue.addAction(self.act_next_issue)

        self.menu_document = bar.addMenu("")
        self.menu_document.addAction(self.act_new_document)
        self.menu_document.addAction(self.act_delete_document)
        self.menu_document.addAction(self.act_report)
        self.menu_document.addSeparator()
        self.menu_roles = self.menu_document.addMenu("")
        for act in self.role_actions.values():
            self.menu_roles.addAction(act)

        self.menu_tools = bar.addMenu("")
        self.menu_tools.addAction(self.act_checks)
        self.menu_tools.addAction(self.act_compare)
        self.menu_tools.addAction(self.act_recovery_folder)

        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_shortcuts)
        self.menu_help.addAction(self.act_about)

    def _make_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.act_new, self.act_open, self.act_save):
            self.toolbar.addAction(a)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_undo)
        self.toolbar.addAction(self.act_redo)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_import)
        self.toolbar.addAction(self.act_export)
        self.toolbar.addAction(self.act_export_proof)
        self.toolbar.addAction(self.act_refresh)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _make_status(self) -> None:
        self.status_pages = QLabel(self)
        self.status_docs = QLabel(self)
        self.status_layout = QLabel(self)
        self.status_saved = QLabel(self)
        for w in (self.status_saved, self.status_docs, self.status_pages, self.status_layout):
            self.statusBar().addPermanentWidget(w)
        self._layout_state = ""
        self._layout_state_key: str | None = None

    def _connect(self) -> None:
        s = self.session
        s.stack.cleanChanged.connect(self._update_title)
        s.stack.indexChanged.connect(self._index_changed)
        s.changed.connect(self._on_changed)
        s.replaced.connect(self._on_replaced)
        s.changed.connect(lambda _change: self.collector.poke())
        s.replaced.connect(self.collector.poke)
        self.tree.documentActivated.connect(self._document_activated)
        self.tree.importReport.connect(self._show_report_lines)
        self.editor.importReportRequested.connect(self._report_requested)
        self.editor.body.filesDropped.connect(self.import_dropped)
        self.editor.blockFocused.connect(self._block_focused)
        if self.proof is not None:
            self.proof.keyClicked.connect(self._proof_clicked)
        if self.changes is not None and self.proof is not None:
            self.changes.pageActivated.connect(self._change_activated)
        if self.findings is not None:
            located = getattr(self.findings, "locationActivated", None)
            if located is not None:
                located.connect(self._finding_activated)
        if self.relayout is not None:
            self.relayout.finished.connect(self._book_ready)
            self.relayout.failed.connect(self._layout_failed)
            self.relayout.state.connect(self._layout_state_changed)

    # ---- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.menu_file.setTitle(self.tr("文件(&F)"))
        self.menu_edit.setTitle(self.tr("编辑(&E)"))
        self.menu_view.setTitle(self.tr("视图(&V)"))
        self.menu_issue.setTitle(self.tr("期刊(&I)"))
        self.menu_document.setTitle(self.tr("文档(&D)"))
        self.menu_tools.setTitle(self.tr("工具(&T)"))
        self.menu_help.setTitle(self.tr("帮助(&H)"))
        self.menu_recent.setTitle(self.tr("最近打开"))
        self.menu_language.setTitle(self.tr("界面语言"))
        self.menu_roles.setTitle(self.tr("段落角色"))
        texts = {
            self.act_new: self.tr("新建期刊"),
            self.act_open: self.tr("打开…"),
            self.act_save: self.tr("保存"),
            self.act_save_as: self.tr("另存为…"),
            self.act_import: self.tr("导入Word文件…"),
            self.act_export: self.tr("导出印刷PDF…"),
            self.act_export_proof: self.tr("导出校样…"),
            self.act_quit: self.tr("退出"),
            self.act_refresh: self.tr("刷新校样"),
            self.act_find: self.tr("查找…"),
            self.act_replace: self.tr("替换…"),
            self.act_properties: self.tr("期刊属性…"),
            self.act_board: self.tr("编委会…"),
            self.act_new_section: self.tr("新建栏目…"),
            self.act_next_issue: self.tr("由本期新建下一期…"),
            self.act_archive: self.tr("档案库…"),
            self.act_new_document: self.tr("新建文件"),
            self.act_delete_document: self.tr("删除文件"),
            self.act_report: self.tr("导入报告…"),
            self.act_checks: self.tr("预检"),
            self.act_compare: self.tr("与校样比较"),
            self.act_recovery_folder: self.tr("打开恢复文件夹"),
            self.act_about: self.tr("关于"),
            self.act_shortcuts: self.tr("快捷键"),
        }
        for act, text in texts.items():
            act.setText(text)
        self._retranslate_steps()
        self._undo_texts()
        for role, act in self.role_actions.items():
            act.setText(role_label(role))
        self.toolbar.setWindowTitle(self.tr("工具栏"))
        self.tree_dock.setWindowTitle(self.tr("期刊结构"))
        if self.proof_dock is not None:
            self.proof_dock.setWindowTitle(self.tr("校样"))
        self.history_dock.setWindowTitle(self.tr("操作历史"))
        self.history.setEmptyLabel(self.tr("<打开时的状态>"))
        if self.findings_dock is not None:
            self.findings_dock.setWindowTitle(self.tr("预检问题"))
        if self.changes_dock is not None:
            self.changes_dock.setWindowTitle(self.tr("校样变化"))
        self.tree.tree_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self.tree.tree_model._refresh_all()
        for code, act in self.language_actions.items():
            act.setChecked(code == current_language())
        if self._layout_state_key is not None:
            self._layout_state = QCoreApplication.translate("Relayout", self._layout_state_key)
        self._update_title()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        if not install_language(lang) and lang == "en":
            self._message(self.tr("界面语言"), self.tr("找不到英文界面翻译文件，仍使用中文。"))
        self.settings.setValue("language", current_language())
        # Qt posts LanguageChange to every window; deliver it now so the switch is immediate
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)
        self.retranslate()

    def _retranslate_steps(self) -> None:
        """Undo steps that can name themselves again do so in the new language (the history view too)."""
        stack = self.session.stack
        for i in range(stack.count()):
            retranslate = getattr(stack.command(i), "retranslate", None)
            if retranslate is not None:
                retranslate()
        self._fill_recent()  # its texts are made when it opens; never leave old-language ones behind

    def _undo_texts(self, _text: str = "") -> None:
        """The Edit menu names the step: 撤销 输入文字 / Undo Typing.

        A step named in the other UI language (made before a language switch by a command that
        cannot rename itself) is left unnamed rather than shown in a mixed language.
        """
        stack = self.session.stack
        undo, redo = self.tr("撤销"), self.tr("重做")

        def step(text: str) -> str:
            if current_language() != "zh" and _CJK.search(text):
                return ""
            return text

        undo_step = step(stack.undoText()) if stack.canUndo() else ""
        redo_step = step(stack.redoText()) if stack.canRedo() else ""
        self.act_undo.setText(f"{undo} {undo_step}".strip())
        self.act_redo.setText(f"{redo} {redo_step}".strip())
        self.act_undo.setIconText(undo)
        self.act_redo.setIconText(redo)

    def _index_changed(self, _index: int) -> None:
        self._update_title()

    def _report_requested(self, _doc_id: str) -> None:
        self.show_import_report()

    def _update_title(self) -> None:
        s = self.session
        name = s.display_name
        if self.read_only:
            name = self.tr("%1（只读）").replace("%1", name)
        self.setWindowTitle(self.tr("%1[*] — 公报编排").replace("%1", name))
        self.setWindowModified(s.dirty)

    def _update_status(self) -> None:
        docs = len(self.session.issue.documents())
        self.status_docs.setText(self.tr("%1 篇文件").replace("%1", str(docs)))
        pages = len(self.book.pages) if self.book is not None else 0
        self.status_pages.setText(
            self.tr("共 %1 页").replace("%1", str(pages)) if self.book is not None else self.tr("尚未排版")
        )
        self.status_layout.setText(self._layout_state)

    # ---- layout state ------------------------------------------------------------------------
    def _on_changed(self, change) -> None:
        if change.kind == PROOFS:
            # a recorded round changes no page; the comparison gains a round to compare with
            self._update_changes()
            return
        self.refresh_proof()  # Relayout debounces; a request only records the issue
        if change.origin is None and change.doc_id and change.kind in ("blocks", "field"):
            # an undo/redo in another document: show the user what changed
            if change.doc_id != self.editor.doc_id:
                try:
                    self.session.issue.find(change.doc_id)
                except KeyError:
                    pass
                else:
                    self.tree.select_document(change.doc_id)
                    if change.index is not None:
                        self.editor.body.goto_block(change.index, top=True)
        if change.kind in ("structure",):
            self._update_status()

    def _on_replaced(self) -> None:
        self.book = None
        self._update_changes()
        self._autosaved_revision = self.session.revision
        if self.proof is not None:
            self.proof.set_book(None)
        self.tree.tree_model.set_pages({})
        self._update_title()
        self._update_status()
        if self._layout_requested_for is self.session.issue:
            self._layout_requested_for = None  # its layout is under way already
        else:
            self.refresh_proof()
        docs = self.session.issue.documents()
        if docs:
            self.tree.select_document(docs[0].id)
            self.editor.set_document(docs[0].id)  # the tree says nothing when its row did not move

    def refresh_proof(self) -> None:
        if self.relayout is not None and self.session.issue.documents():
            self.relayout.request(self.session.issue)
        elif self.findings is not None:
            self.findings.stop_waiting_for_layout()  # no layout to wait for

    def _book_ready(self, book) -> None:
        self.book = book
        if self.proof is not None:
            self.proof.set_book(book, self.relayout.page_keys(book) if self.relayout is not None else None)
        pages = {}
        for doc_id, index in book.anchors.items():
            if 0 <= index < len(book.pages):
                pages[doc_id] = book.pages[index].folio
        self.tree.tree_model.set_pages(pages)
        set_book = getattr(self.findings, "set_book", None)
        if set_book is not None:
            set_book(book)
        if self.changes_dock is not None and not self.changes_dock.isHidden():
            self._changes_timer.start()
        self._update_status()

    def _layout_failed(self, message: str) -> None:
        if self.findings is not None:
            self.findings.stop_waiting_for_layout()
        self._layout_state = message
        self._layout_state_key = None
        self.statusBar().showMessage(message, 10_000)
        self._update_status()

    def _layout_state_changed(self, state: str) -> None:
        self._layout_state = state
        # remember which state it is, so a language switch can say it again in the new language
        self._layout_state_key = next(
            (k for k in LAYOUT_STATES if state in (k, QCoreApplication.translate("Relayout", k))), None
        )
        self._update_status()

    # ---- selection between the parts ---------------------------------------------------------
    def _document_activated(self, doc_id: str) -> None:
        self.editor.set_document(doc_id)
        if self.proof is not None and self.book is not None:
            self.proof.show_flow(doc_id)

    def _proof_clicked(self, ref) -> None:
        """Text clicked in the proof: its document (and field or paragraph), or the board dialog."""
        if is_board(ref):
            self.edit_board()
            return
        loc = location_of(ref)
        if loc.doc:
            self.tree.select_document(loc.doc)
            if loc.part != "toc_title":
                self.editor.focus_location(loc)

    def _finding_activated(self, location) -> None:
        """A finding's place: its document and paragraph in the editor, its page in the proof."""
        doc_id = getattr(location, "doc", "")
        if not doc_id:
            page = getattr(location, "page", None)
            if isinstance(page, int) and self.proof is not None and self.book is not None:
                self.proof.show_page(page)
            return
        self.tree.select_document(doc_id)
        part = getattr(location, "part", "")
        block = getattr(location, "block", None)
        if part == "block" and isinstance(block, int):
            self.editor.focus_location(location)
            offset = getattr(location, "offset", None)
            if isinstance(offset, int):
                self.editor.body.goto_block(block, offset)
        elif part:
            self.editor.focus_location(location)

    def _block_focused(self, doc_id: str, index: int) -> None:
        self._follow_key = ref_of(Location(doc_id, "block", index))
        self._follow_timer.start()

    def _follow_cursor(self) -> None:
        if self.proof is not None and self.book is not None and self._follow_key is not None:
            show_key = getattr(self.proof, "show_key", None)
            if show_key is not None:
                show_key(self._follow_key)

    # ---- files ---------------------------------------------------------------------------------
    def _confirm_discard(self) -> bool:
        """True when the current issue may be replaced (saved, discarded, or nothing to lose)."""
        if not self.session.dirty:
            return True
        if not self.ask:
            return False
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("保存修改"))
        box.setText(self.tr("“%1”有未保存的修改。是否保存？").replace("%1", self.session.display_name))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_issue(self) -> None:
        if not self._confirm_discard():
            return
        issue = Issue(year=_dt.date.today().year, date=_dt.date.today())
        issue.add_section(DEFAULT_SECTION_NAME)  # prints in the TOC: the issue's language
        self._set_issue(issue, None)

    def open_dialog(self) -> None:
        if not self._confirm_discard():
            return
        start = self.settings.value("lastFolder", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("打开期刊"),
            start,
            self.tr("期刊文件 (%1);;所有文件 (*)").replace("%1", OPEN_FILTER_KEYS),
        )
        if path:
            self.open_path(path, confirmed=True)

    def open_path(self, path: str, confirmed: bool = False) -> bool:
        """Open a .gazette issue, a recipe or a whole-issue text; one line on failure."""
        from editor.importing import load_input

        if not confirmed and not self._confirm_discard():
            return False
        path = str(Path(path).resolve())
        is_issue_file = path.lower().endswith(".gazette")
        lock: IssueLock | None = None
        read_only = False
        if is_issue_file:
            lock, holder = acquire_lock(path)
            if holder is not None:
                choice = self._ask_locked(path, holder)
                if choice == "cancel":
                    return False
                if choice == "open":
                    lock, _ = acquire_lock(path, take_over=True)
                read_only = choice == "read-only"
        try:
            issue = load_input(path)
        except (UserError, LayoutProblem) as e:
            if lock is not None:
                lock.release()
            if is_issue_file and self._open_backup_instead(path, e.message(current_language())):
                return True
            self._error(self.tr("无法打开"), e.message(current_language()))
            return False
        except Exception as e:  # noqa: BLE001 - one line, never a traceback
            if lock is not None:
                lock.release()
            self._error(
                self.tr("无法打开"),
                self.tr("无法打开 %1：%2").replace("%1", Path(path).name).replace("%2", str(e)),
            )
            return False
        self._set_issue(issue, path if is_issue_file else None, lock=lock, read_only=read_only)
        self._add_recent(path)
        self.settings.setValue("lastFolder", str(Path(path).parent))
        if not is_issue_file:
            self.statusBar().showMessage(
                self.tr("已从 %1 读入本期；保存时请选择 .gazette 文件名。").replace("%1", Path(path).name),
                10_000,
            )
        elif read_only:
            self.statusBar().showMessage(self.tr("只读打开：要保存修改，请用“另存为”换一个文件名。"), 15_000)
        return True

    def _ask_locked(self, path: str, holder: LockInfo) -> str:
        """Someone else has the issue open: read-only, open anyway (take the lock over) or cancel."""
        if not self.ask:
            return self.when_locked
        who = holder.describe() if current_language() == "zh" else holder.describe_en()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("文件已被打开"))
        box.setText(
            self.tr("“%1”正由 %2 打开。两人同时修改会互相覆盖。")
            .replace("%1", Path(path).name)
            .replace("%2", who)
        )
        read_only = box.addButton(self.tr("只读打开"), QMessageBox.ButtonRole.AcceptRole)
        anyway = box.addButton(self.tr("仍要打开"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only)
        box.exec()
        clicked = box.clickedButton()
        if clicked is read_only:
            return "read-only"
        if clicked is anyway:
            return "open"
        del cancel
        return "cancel"

    def _open_backup_instead(self, path: str, problem: str) -> bool:
        """A damaged issue file with a readable .bak next to it: offer the backup (opened untitled,
        so saving asks for a name and neither file is overwritten by surprise)."""
        from editor.issue_file import load_issue

        bak = path + ".bak"
        if not Path(bak).is_file():
            return False
        try:
            issue = load_issue(bak)
        except (UserError, LayoutProblem):
            return False
        self.offered_backup = bak
        if self.ask:
            answer = QMessageBox.question(
                self,
                self.tr("期刊文件已损坏"),
                problem + "\n\n" + self.tr("要打开备份 %1 吗？").replace("%1", Path(bak).name),
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Open,
            )
            if answer != QMessageBox.StandardButton.Open:
                return False
        elif not self.open_backups:
            return False
        self._set_issue(issue, None)
        self.last_error = problem
        self.statusBar().showMessage(
            self.tr("已打开备份 %1；保存时请选择 .gazette 文件名。").replace("%1", Path(bak).name), 10_000
        )
        return True

    def _set_issue(
        self, issue: Issue, path: str | None, lock: IssueLock | None = None, read_only: bool = False
    ) -> None:
        self._release()
        old_path = self.session.path
        self.recovery.discard(old_path)
        self.lock = lock
        self.read_only = read_only
        self.stamp = FileStamp.of(path) if path else None
        if self.relayout is not None and issue.documents():
            # the layout starts now, not after the tree, the editor and the findings have taken
            # the new issue in (nor after the debounce meant for typing)
            self.relayout.request_now(issue, kept=path)
            self._layout_requested_for = issue
        self.session.replace(issue, path)

    def _workers_busy(self) -> bool:
        runner = getattr(self.findings, "runner", None)
        return bool(
            (self.relayout is not None and self.relayout.is_busy())
            or (runner is not None and runner.is_busy())
        )

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def save(self) -> bool:
        if not self.session.path or self.read_only:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        s = self.session
        start = s.path or str(
            Path(self.settings.value("lastFolder", str(Path.home()))) / self._suggested_name()
        )
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存期刊"), start, self.tr("期刊文件 (*.gazette)")
        )
        if not path:
            return False
        if not path.lower().endswith(".gazette"):
            path += ".gazette"
        return self._save_to(path)

    def _suggested_name(self) -> str:
        i = self.session.issue
        return f"{i.gazette.name or 'gazette'}-{i.year}-{i.number:02d}.gazette"

    def _may_overwrite(self, path: str) -> bool:
        """Before writing over the open file: was it saved by someone else since we loaded it?"""
        if not changed_since(path, self.stamp):
            return True
        text = self.tr(
            "“%1”在打开后被别人（或另一个程序）修改过。覆盖会丢掉那些修改。仍要覆盖吗？（可改用“另存为”）"
        ).replace("%1", Path(path).name)
        if not self.ask:
            self.last_error = text
            self.statusBar().showMessage(text, 10_000)
            return False
        answer = QMessageBox.warning(
            self,
            self.tr("文件已被修改"),
            text,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def _save_to(self, path: str) -> bool:
        from editor.issue_file import save_issue

        self.editor.body.sync()
        path = str(Path(path).resolve())
        old = self.session.path
        new_lock: IssueLock | None = None
        if path == old:
            if self.read_only:
                self._error(self.tr("无法保存"), self.tr("本期是只读打开的。请用“另存为”换一个文件名保存。"))
                return False
            if not self._may_overwrite(path):
                return False
        else:
            new_lock, holder = acquire_lock(path)
            if holder is not None:
                who = holder.describe() if current_language() == "zh" else holder.describe_en()
                self._error(
                    self.tr("无法保存"),
                    self.tr("“%1”正由 %2 打开，未保存。请换一个文件名。")
                    .replace("%1", Path(path).name)
                    .replace("%2", who),
                )
                return False
        try:
            save_issue(self.session.issue, path)
        except (UserError, LayoutProblem) as e:
            if new_lock is not None:
                new_lock.release()
            self._error(self.tr("无法保存"), e.message(current_language()))
            return False
        except OSError as e:
            if new_lock is not None:
                new_lock.release()
            self._error(
                self.tr("无法保存"),
                self.tr("无法写入 %1：%2。请换一个位置保存。")
                .replace("%1", path)
                .replace("%2", e.strerror or str(e)),
            )
            return False
        if old != path:
            self.recovery.discard(old)
            self._release()
            self.lock = new_lock
            self.read_only = False
            self.session.path = path
        self.stamp = FileStamp.of(path)
        if self.relayout is not None:  # the layouts, for the next opening or build of this file
            self.relayout.keep(path)
        self.recovery.discard(path)
        self.session.stack.setClean()
        self._autosaved_revision = self.session.revision
        self._add_recent(path)
        self.status_saved.setText(self.tr("%1 已保存").replace("%1", _dt.datetime.now().strftime("%H:%M")))
        self._update_title()
        return True

    def autosave(self) -> bool:
        """Write a recovery copy when the issue changed (any edit, undo or redo) since the last one."""
        s = self.session
        self.editor.body.sync()  # what is on screen is what gets saved
        if not s.dirty:
            if s.revision != self._autosaved_revision:
                self.recovery.discard(s.path)  # back to the saved state: an older copy is stale
                self._autosaved_revision = s.revision
            return False
        if s.revision == self._autosaved_revision:
            return False
        try:
            self.recovery.save(s.issue, s.path)
        except (OSError, UserError) as e:
            msg = e.message(current_language()) if isinstance(e, UserError) else str(e)
            self.statusBar().showMessage(self.tr("自动保存失败：%1").replace("%1", msg), 10_000)
            return False
        self._autosaved_revision = s.revision
        self.status_saved.setText(
            self.tr("%1 已自动保存").replace("%1", _dt.datetime.now().strftime("%H:%M"))
        )
        return True

    def _app_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.autosave()

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest recovery copy, with its time. True when one was opened."""
        pending = self.recovery.pending()
        if not pending:
            return False
        rec = pending[0]
        if self.ask:
            where = rec.original or self.tr("未保存的新期刊")
            answer = QMessageBox.question(
                self,
                self.tr("恢复未保存的工作"),
                self.tr("上次程序意外退出，留下了 %1 自动保存的“%2”（%3）。是否恢复？")
                .replace("%1", rec.time.strftime("%Y-%m-%d %H:%M"))
                .replace("%2", rec.title)
                .replace("%3", where),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                for r in pending:
                    r.discard()
                return False
        return self.restore(rec)

    def restore(self, rec) -> bool:
        try:
            issue = rec.load()
        except UserError as e:
            self._error(self.tr("无法恢复"), e.message(current_language()))
            rec.discard()
            return False
        original = rec.original if rec.original and Path(rec.original).exists() else None
        lock: IssueLock | None = None
        read_only = False
        if original:
            lock, holder = acquire_lock(original)
            read_only = holder is not None  # someone opened it since: keep the recovered work apart
        self._set_issue(issue, original, lock=lock, read_only=read_only)
        rec.discard()
        # the recovered state differs from the file on disk: it must be saved
        self.session.stack.resetClean()
        self._update_title()
        self.statusBar().showMessage(
            self.tr("已恢复 %1 的自动保存。请检查后保存。").replace("%1", rec.time.strftime("%H:%M")), 15_000
        )
        return True

    # ---- recent files ----------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def _add_recent(self, path: str) -> None:
        recent = [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent", [path, *recent][:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        recent = self.recent_files()
        for n, path in enumerate(recent, 1):
            act = self.menu_recent.addAction(f"&{n % 10} {Path(path).name}")
            act.setToolTip(path)
            act.setEnabled(Path(path).exists())
            act.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not recent:
            act = self.menu_recent.addAction(self.tr("（无）"))
            act.setEnabled(False)
        else:
            self.menu_recent.addSeparator()
            self.menu_recent.addAction(self.tr("清除列表"), lambda: self.settings.setValue("recent", []))

    # ---- issue and document commands ------------------------------------------------------------
    def edit_properties(self) -> None:
        dialog = PropertiesDialog(self.session.issue, self)
        if dialog.exec() != PropertiesDialog.DialogCode.Accepted:
            return
        dialog.apply(self.session)
        if dialog.next_requested:
            self.new_next_issue()

    def new_next_issue(self) -> None:
        if not self._confirm_discard():
            return
        nxt = self.session.issue.next_issue()
        self._set_issue(nxt, None)
        self.statusBar().showMessage(
            self.tr("已新建 %1年第%2期：编委会和栏目已沿用，请导入本期文件。")
            .replace("%1", str(nxt.year))
            .replace("%2", str(nxt.number)),
            10_000,
        )

    def show_archive(self) -> None:
        """The archive of past issues: search, open an issue, copy a document into this one."""
        from .archive_dialog import ArchiveDialog

        dialog = ArchiveDialog(self.settings, self, current=lambda: self.session.issue)
        dialog.open_requested.connect(lambda issue: self._open_archived(issue, dialog))
        dialog.copy_requested.connect(self.copy_archived_document)
        self.archive_dialog = dialog
        dialog.show()

    def _open_archived(self, issue: Issue, dialog) -> None:
        if not self._confirm_discard():
            return
        self._set_issue(issue, None)
        dialog.accept()

    def copy_archived_document(self, archived: Issue, doc_id: str) -> None:
        """One undoable step: the archived document (and its images) added to the current section."""
        issue = self.session.issue
        if not issue.sections:
            self.tree.new_section(archived.sections[archived.find(doc_id)[0]].name)
        doc, files = issue.copy_document_from(archived, doc_id)
        self.session.push(AddDocuments(self.session, self.tree.current_section(), [doc], files))
        self.tree.select_document(doc.id)
        self.statusBar().showMessage(self.tr("已从档案库复制：%1").replace("%1", doc.shown_title), 10_000)

    def edit_board(self) -> None:
        dialog = BoardDialog(self.session.issue.board, self)
        if dialog.exec() == BoardDialog.DialogCode.Accepted:
            dialog.apply(self.session)

    def import_dialog(self) -> None:
        self.tree.import_here()

    def import_dropped(self, paths: list[str]) -> None:
        """Files dropped anywhere in the window: an issue file opens, Word and text files import
        into the section of the document being edited."""
        issues = [p for p in paths if p.lower().endswith(".gazette")]
        if issues:
            self.open_path(issues[0])
            return
        self.tree.import_files(paths, self.tree.current_section())

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        from .document_editor import dropped_files

        files = dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.import_dropped(files)
            return
        super().dropEvent(event)

    def new_document(self) -> None:
        issue = self.session.issue
        if not issue.sections:
            self.tree.new_section(UNSORTED_SECTION_NAME)
        section = self.tree.current_section()
        title = NEW_DOCUMENT_TITLE
        if self.ask:
            title, ok = QInputDialog.getText(self, self.tr("新建文件"), self.tr("标题："))
            if not ok:
                return
        doc = Document(issue.new_document_id(), title=title.strip())
        from editor.model import Block, Source

        doc.source = Source("", "editor")
        doc.blocks.append(Block(Role.PARAGRAPH, ""))
        self.session.push(AddDocuments(self.session, section, [doc], {}))
        self.tree.select_document(doc.id)

    def delete_document(self) -> None:
        doc_id = self.editor.doc_id
        if not doc_id:
            return
        si, di = self.session.issue.find(doc_id)
        self.session.push(RemoveDocument(self.session, si, di))

    def show_import_report(self) -> None:
        doc_id = self.editor.doc_id
        if not doc_id:
            return
        doc = self.session.issue.document(doc_id)
        lines = [n.message(current_language()) for n in doc.report]
        ReportDialog(self.tr("导入报告：%1").replace("%1", doc.shown_title[:30]), lines, self).exec()

    def _show_report_lines(self, lines: list[str]) -> None:
        self.last_import_report = lines
        if self.ask and lines:
            ReportDialog(self.tr("导入报告"), lines, self).show()
        elif lines:
            self.statusBar().showMessage(lines[0], 10_000)

    def _export_key(self) -> str:
        """Settings key of the open issue's export folder: by its file, else by its numbers."""
        s, i = self.session, self.session.issue
        ident = s.path or f"{i.gazette.name}|{i.year}|{i.number}"
        return "exportFolder/" + sha1(ident.encode("utf-8")).hexdigest()[:16]

    def export_dialog(self):
        """The print PDF of this issue: named after this issue, in the folder last used for it."""
        from .export import ExportDialog

        s = self.session
        folder = Path(s.path).parent if s.path else Path(self.settings.value("lastFolder", str(Path.home())))
        remembered = self.settings.value(self._export_key())
        if remembered and Path(str(remembered)).is_dir():
            folder = Path(str(remembered))
        i = s.issue
        default = folder / f"{i.gazette.name or 'gazette'}{i.year}年第{i.number}期.pdf"
        dialog = ExportDialog(s.issue, str(default), self)
        dialog.ask = self.ask
        key = self._export_key()
        dialog.exported.connect(lambda p: self.settings.setValue(key, str(Path(p).parent)))
        if self.ask:
            dialog.exec()
        return dialog

    def export_proof_dialog(self):
        """导出校样: the next round with today's date; the round is kept in the issue (undoable)."""
        from .export import ProofExportDialog

        s = self.session
        if not s.issue.documents():
            self._message(self.tr("导出校样"), self.tr("本期还没有文件。请先导入 Word 文件。"))
            return None
        self.editor.body.sync()
        folder = Path(s.path).parent if s.path else Path(self.settings.value("lastFolder", str(Path.home())))
        last = self.settings.value("lastProofFolder")
        if last and Path(str(last)).is_dir():
            folder = Path(str(last))
        dialog = ProofExportDialog(s.issue, str(folder / "proof.pdf"), self)
        dialog.open_folder = self.ask
        dialog.proofRecorded.connect(self._proof_recorded)
        dialog.exported.connect(lambda p: self.settings.setValue("lastProofFolder", str(Path(p).parent)))
        if self.ask:
            dialog.exec()
        return dialog

    def _proof_recorded(self, record) -> None:

        self.session.push(RecordProof(self.session, record))
        self.statusBar().showMessage(
            self.tr("已记录第%1校的页面；保存本期后，下一校可比较改动的页面。").replace(
                "%1", str(record.round)
            ),
            10_000,
        )

    def show_changes(self) -> None:
        """与校样比较: the pages changed since a chosen proof round, to re-read only those."""
        if self.changes_dock is None:
            self._message(self.tr("与校样比较"), self.tr("比较面板不可用。请在命令行运行 main.py diff。"))
            return
        self.changes_dock.show()
        self.changes_dock.raise_()
        self._update_changes(force=True)

    def _changes_visibility(self, visible: bool) -> None:
        if visible:
            self._update_changes(force=True)

    def _update_changes(self, force: bool = False) -> None:
        """Compare the current layout with the chosen round; skipped while nobody looks at it."""
        if self.changes is None:
            return
        if not force and (self.changes_dock is None or self.changes_dock.isHidden()):
            return
        self._changes_timer.stop()
        self.changes.compare(self.session.issue, self.book)

    def _change_activated(self, index: int) -> None:
        if self.proof is not None and self.book is not None:
            self.proof_dock.show()
            self.proof.show_page(index)

    def show_findings(self) -> None:
        if self.findings_dock is None:
            self._message(self.tr("预检"), self.tr("预检面板不可用。请在命令行运行 main.py check。"))
            return
        self.findings_dock.show()
        self.findings_dock.raise_()
        self.findings.check_soon(now=True)  # in the worker: the window stays responsive

    def show_find(self, replace: bool = False):
        """查找 (Ctrl+F) and 替换 (Ctrl+H) across the whole issue."""
        if self.find_dialog is None:
            from .find_dialog import FindReplaceDialog

            self.find_dialog = FindReplaceDialog(self.session, self)
            self.find_dialog.locationActivated.connect(self._finding_activated)
        self.find_dialog.open_for(replace)
        return self.find_dialog

    def open_recovery_folder(self) -> None:
        self.recovery.folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.recovery.folder)))

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于公报编排"),
            self.tr(
                "公报编排：政府公报的导入、编辑、排版和校对。\n校样与印刷PDF来自同一排版结果，目录页码始终一致。"
            ),
        )

    def show_shortcuts(self) -> None:
        lines = [
            f"{a.text().replace('&', '')}\t{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}"
            for a in (
                self.act_new,
                self.act_open,
                self.act_save,
                self.act_save_as,
                self.act_undo,
                self.act_redo,
                self.act_export,
                self.act_refresh,
                self.act_find,
                self.act_replace,
                self.act_import,
                *self.role_actions.values(),
            )
        ]
        ReportDialog(self.tr("快捷键"), lines, self).exec()

    # ---- messages --------------------------------------------------------------------------------
    def _error(self, title: str, text: str) -> None:
        self.last_error = text
        if self.ask:
            show_error(self, title, text)
        else:
            self.statusBar().showMessage(text, 10_000)

    def _message(self, title: str, text: str) -> None:
        self.last_error = text
        if self.ask:
            QMessageBox.information(self, title, text)

    # ---- window state ------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                self.resize(int(area.width() * 0.9), int(area.height() * 0.9))
            self.first_run_layout()
        state = self.settings.value("windowState")
        if state is not None:
            self.restoreState(state)

    def first_run_layout(self) -> None:
        """Dock sizes in proportion to the window, so the editor's form fits from 1366×768 up:
        tree a fifth of the width, proof a third, findings a fifth of the height."""
        width, height = max(self.width(), 800), max(self.height(), 600)
        self.resizeDocks([self.tree_dock], [max(240, width // 5)], Qt.Orientation.Horizontal)
        if self.proof_dock is not None:
            self.resizeDocks([self.proof_dock], [max(360, width // 3)], Qt.Orientation.Horizontal)
        if self.findings_dock is not None:
            self.resizeDocks([self.findings_dock], [max(150, height // 5)], Qt.Orientation.Vertical)

    def save_layout(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.session.dirty:
            if not self.ask or not self._confirm_discard():
                event.ignore()
                return
        self.save_layout()
        self.autosave_timer.stop()
        self.recovery.discard(self.session.path)
        self._release()
        self.collector.release()
        event.accept()

    def shutdown(self) -> None:
        """Close without asking (tests and the application's end): drop recovery and lock."""
        self.session.stack.setClean()
        self.ask = False
        self.close()
