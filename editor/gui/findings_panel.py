"""The findings dock: preflight findings, filtered by severity, with go-to, fix and ignore.

Fixes and ignores are undo commands on the issue session, like every other edit, so an
editor who applies a wrong fix takes it back with Ctrl+Z. The list is re-checked after each
change, because one fix can make others moot (two findings in the same phrase).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.check_cache import CheckCache
from editor.findings import Finding, Location, Severity
from editor.model import Issue

from .check_runner import CheckRunner
from .commands import ApplyFix, Change, IgnoreFinding, IssueSession, Unignore
from .i18n import current_language

_ROLE = Qt.ItemDataRole.UserRole


class FindingsPanel(QWidget):
    """The findings list. Needs an IssueSession to apply fixes and ignores itself.

    Without a session (or with `apply_itself=False`) it only emits fixRequested and
    ignoreRequested and leaves the edit to whoever listens.
    """

    locationActivated = Signal(object)  # noqa: N815 - Qt naming; a Location: go to paragraph / page
    fixRequested = Signal(object)  # noqa: N815 - a Finding whose fix should be applied
    ignoreRequested = Signal(object, str)  # noqa: N815 - a Finding and the editor's reason
    countsChanged = Signal(int, int, int)  # noqa: N815 - errors, warnings, notes shown

    def __init__(self, parent: QWidget | None = None, session: IssueSession | None = None) -> None:
        super().__init__(parent)
        if session is None:
            candidate = getattr(parent, "session", None)
            session = candidate if isinstance(candidate, IssueSession) else None
        self.session: IssueSession | None = None
        self.issue: Issue | None = None
        self.book = None
        self.findings: list[Finding] = []
        self.apply_itself = True
        self._cache = CheckCache()  # for run(): a check asked for and waited on
        self.runner = CheckRunner(self)  # everything else: in the worker, only while shown
        self.runner.finished.connect(self._checked)
        self._stale = True
        self._shown: list = []  # what the list shows now, to leave an unchanged list alone
        self._row_findings: list[Finding] = []  # the finding of each row, in order
        # In the editor window a newly opened issue is checked once its first layout is there:
        # checking it meanwhile would only slow that layout down (both want the interpreter).
        self.wait_for_layout = False
        self._awaiting_book = False

        self.severity = QComboBox()
        for value in ("", "error", "warning", "note"):
            self.severity.addItem("", value)
        self.severity.currentIndexChanged.connect(self._fill)
        self.show_ignored = QCheckBox()
        self.show_ignored.toggled.connect(self._fill)
        self.btn_check = QPushButton()
        self.btn_check.clicked.connect(lambda: self.check_soon(now=True))
        self.btn_goto = QPushButton()
        self.btn_goto.clicked.connect(self.goto_selected)
        self.btn_fix = QPushButton()
        self.btn_fix.clicked.connect(self.fix_selected)
        self.btn_fix_all = QPushButton()
        self.btn_fix_all.setObjectName("fixAllButton")
        self.btn_fix_all.clicked.connect(self.fix_all_of_selected_check)
        self.btn_ignore = QPushButton()
        self.btn_ignore.clicked.connect(lambda: self.ignore_selected())
        self.summary = QLabel()

        bar = QHBoxLayout()
        self.severity_label = QLabel()
        bar.addWidget(self.severity_label)
        bar.addWidget(self.severity)
        bar.addWidget(self.show_ignored)
        bar.addStretch(1)
        for b in (self.btn_check, self.btn_goto, self.btn_fix, self.btn_fix_all, self.btn_ignore):
            bar.addWidget(b)

        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(False)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._activate(item))
        self.tree.itemSelectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        self.retranslate()
        if session is not None:
            self.set_session(session)
        self._update_buttons()

    def retranslate(self) -> None:
        for i, label in enumerate(
            (
                QCoreApplication.translate("FindingsPanel", "全部"),
                QCoreApplication.translate("FindingsPanel", "错误"),
                QCoreApplication.translate("FindingsPanel", "警告"),
                QCoreApplication.translate("FindingsPanel", "提示"),
            )
        ):
            self.severity.setItemText(i, label)
        self.severity_label.setText(QCoreApplication.translate("FindingsPanel", "级别："))
        self.show_ignored.setText(QCoreApplication.translate("FindingsPanel", "显示已忽略"))
        self.btn_check.setText(QCoreApplication.translate("FindingsPanel", "重新检查"))
        self.btn_goto.setText(QCoreApplication.translate("FindingsPanel", "转到"))
        self.btn_fix.setText(QCoreApplication.translate("FindingsPanel", "应用修正"))
        self.btn_fix_all.setText(QCoreApplication.translate("FindingsPanel", "修正全部同类"))
        self.btn_fix_all.setToolTip(
            QCoreApplication.translate("FindingsPanel", "应用所选检查项的全部修正（一步，可撤销）")
        )
        self.btn_ignore.setText(QCoreApplication.translate("FindingsPanel", "忽略…"))
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("FindingsPanel", "级别"),
                QCoreApplication.translate("FindingsPanel", "页"),
                QCoreApplication.translate("FindingsPanel", "位置"),
                QCoreApplication.translate("FindingsPanel", "检查项"),
                QCoreApplication.translate("FindingsPanel", "说明"),
            ]
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fill()  # finding messages in the new language
        super().changeEvent(event)

    # ---- data ---------------------------------------------------------------------------
    def set_session(self, session: IssueSession) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
            self.session.replaced.disconnect(self._on_replaced)
        self.session = session
        session.changed.connect(self._on_changed)
        session.replaced.connect(self._on_replaced)
        self.issue = session.issue

    def run(self, issue: Issue | None = None, book=None) -> None:
        """Check the issue (and the layout, when a laid-out Book is given) now and show the findings."""
        if issue is not None:
            self.issue = issue
        if book is not None:
            self.book = book
        self.refresh()

    set_issue = run

    def set_book(self, book) -> None:
        """A new layout arrived (the proof view's relayout): re-check with its pages, in the worker."""
        self.book = book
        self._awaiting_book = False
        self.check_soon(now=True)

    def stop_waiting_for_layout(self) -> None:
        """The layout the panel waits for will not come (it failed, or nothing to lay out)."""
        if self._awaiting_book:
            self._awaiting_book = False
            self.check_soon(now=True)

    def refresh(self) -> None:
        """Check and show at once (the caller waits); the editor itself uses check_soon."""
        if self.issue is None:
            return
        self._stale = False
        self.findings = self._cache.check(self.issue, self.book)
        self._fill()

    def check_soon(self, now: bool = False) -> None:
        """Re-check in the worker; nothing while the panel is hidden (done when it is shown)."""
        if self.issue is None:
            return
        self._stale = True
        if not self.isVisible() or self._awaiting_book:
            return
        self.runner.request(self.issue, self.book, now=now)
        self._stale = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self.check_soon(now=True)

    def _checked(self, findings: list[Finding]) -> None:
        self.findings = findings
        self._fill()

    def _on_changed(self, change: Change) -> None:
        if self.session is not None:
            self.issue = self.session.issue
        self.check_soon()

    def _on_replaced(self) -> None:
        self.issue = self.session.issue if self.session else None
        self.book = None
        self.findings = []
        self._fill()
        self._awaiting_book = self.wait_for_layout
        self.check_soon(now=True)

    # ---- view ---------------------------------------------------------------------------
    def _ignored_keys(self) -> set[tuple[str, str]]:
        return {(i.check, i.location) for i in (self.issue.ignored if self.issue else [])}

    def _doc_title(self, doc_id: str) -> str:
        if not doc_id or self.issue is None:
            return ""
        try:
            return self.issue.document(doc_id).shown_title or doc_id
        except KeyError:
            return doc_id

    def shown_findings(self) -> list[Finding]:
        wanted = self.severity.currentData()
        ignored = self._ignored_keys()
        hide = bool(ignored) and not self.show_ignored.isChecked()
        out = []
        for f in self.findings:
            if wanted and str(f.severity) != wanted:
                continue
            if hide and (f.check, f.ignore_key()) in ignored:
                continue
            out.append(f)
        return out

    def _fill(self) -> None:
        """Show the findings. A list of 1500 (a 400-page issue) is built in one go, column widths
        from the distinct texts, and an unchanged list is left alone (typing rarely changes it)."""
        lang = current_language()
        ignored = self._ignored_keys()
        names = {
            Severity.ERROR: QCoreApplication.translate("FindingsPanel", "错误"),
            Severity.WARNING: QCoreApplication.translate("FindingsPanel", "警告"),
            Severity.NOTE: QCoreApplication.translate("FindingsPanel", "提示"),
        }
        titles = {d.id: d.shown_title for d in self.issue.documents()} if self.issue is not None else {}
        counts = {s: 0 for s in Severity}
        rows = []
        for f in self.shown_findings():
            loc = f.location
            page = (
                str(loc.folio) if loc.folio is not None else ("" if loc.page is None else f"#{loc.page + 1}")
            )
            # the document by the start of its title, as the issue tree shows it, not by its id
            title = titles.get(loc.doc, loc.doc) if loc.doc else ""
            where = Location(_short(title, 14) if title else "", loc.part, loc.block, loc.offset, loc.section)
            shown = (names[f.severity], page, where.describe(lang), f.check, f.message(lang))
            rows.append((f, title, shown, bool(ignored) and (f.check, f.ignore_key()) in ignored))
            counts[f.severity] += 1
        signature = [(r[2], r[3], r[0].fix is not None) for r in rows]
        if signature != self._shown:
            # Typing changes the findings of one document: rows equal at both ends of the list
            # stay, only those in between are replaced (1500 rows rebuilt cost a tenth of a second).
            old = self._shown
            self._shown = signature
            head = 0
            limit = min(len(old), len(signature))
            while head < limit and old[head] == signature[head]:
                head += 1
            tail = 0
            while tail < limit - head and old[-1 - tail] == signature[-1 - tail]:
                tail += 1
            if len(old) - head - tail > len(old) // 2:
                head = tail = 0  # most rows changed: build the list afresh
            keep = self.selected()
            keep_key = (keep.check, keep.location) if keep is not None else None
            items = []
            current = None
            for f, title, shown, is_ignored in rows[head : len(rows) - tail]:
                item = QTreeWidgetItem(list(shown))
                item.setData(0, _ROLE, f)
                if title:
                    item.setToolTip(2, title)
                tip = f.message(lang)
                if f.fix:
                    tip += (
                        "\n" + QCoreApplication.translate("FindingsPanel", "可修正：") + f.fix.describe(lang)
                    )
                item.setToolTip(4, tip)
                if is_ignored:
                    item.setForeground(4, Qt.GlobalColor.gray)
                elif f.severity == Severity.ERROR:
                    item.setForeground(0, Qt.GlobalColor.red)
                if keep_key is not None and (f.check, f.location) == keep_key:
                    current = item
                items.append(item)
            self.tree.setUpdatesEnabled(False)
            blocked = self.tree.blockSignals(True)  # buttons are updated below, once
            try:
                if head == 0 and tail == 0:
                    self.tree.clear()
                    self.tree.addTopLevelItems(items)
                else:
                    for _ in range(len(old) - head - tail):
                        self.tree.takeTopLevelItem(head)
                    self.tree.insertTopLevelItems(head, items)
                metrics = self.tree.fontMetrics()
                header = self.tree.header()
                for col in range(4):
                    texts = {r[2][col] for r in rows} | {self.tree.headerItem().text(col)}
                    width = max(metrics.horizontalAdvance(t) for t in texts) + 24
                    self.tree.setColumnWidth(col, min(width, max(80, header.width() // 3)))
                if current is not None:
                    self.tree.setCurrentItem(current)
            finally:
                self.tree.blockSignals(blocked)
                self.tree.setUpdatesEnabled(True)
        self._row_findings = [r[0] for r in rows]  # rows kept from the last check show the newest objects
        hidden = sum(1 for f in self.findings if (f.check, f.ignore_key()) in ignored) if ignored else 0
        self.summary.setText(
            QCoreApplication.translate("FindingsPanel", "错误 %1 条，警告 %2 条，提示 %3 条；已忽略 %4 条")
            .replace("%1", str(counts[Severity.ERROR]))
            .replace("%2", str(counts[Severity.WARNING]))
            .replace("%3", str(counts[Severity.NOTE]))
            .replace("%4", str(hidden))
        )
        self.countsChanged.emit(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.NOTE])
        self._update_buttons()

    def selected(self) -> Finding | None:
        items = self.tree.selectedItems()
        return self._finding_of(items[0]) if items else None

    def _finding_of(self, item: QTreeWidgetItem) -> Finding | None:
        """The finding a row shows, as of the latest check (rows kept across checks are updated)."""
        row = self.tree.indexOfTopLevelItem(item)
        if 0 <= row < len(self._row_findings):
            return self._row_findings[row]
        return item.data(0, _ROLE)

    def select_index(self, row: int) -> None:
        item = self.tree.topLevelItem(row)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _update_buttons(self) -> None:
        f = self.selected()
        self.btn_goto.setEnabled(f is not None)
        self.btn_fix.setEnabled(f is not None and f.fix is not None)
        self.btn_fix_all.setEnabled(f is not None and f.fix is not None)
        self.btn_ignore.setEnabled(f is not None)
        if f is not None and f.fix is not None:
            self.btn_fix.setToolTip(f.fix.describe(current_language()))

    # ---- actions ------------------------------------------------------------------------
    def _activate(self, item: QTreeWidgetItem) -> None:
        f = self._finding_of(item)
        if f is not None:
            self.locationActivated.emit(f.location)

    def goto_selected(self) -> None:
        items = self.tree.selectedItems()
        if items:
            self._activate(items[0])

    def fix_selected(self) -> bool:
        """Apply the selected finding's fix; False when it no longer applies (the text changed)."""
        f = self.selected()
        if f is None or f.fix is None:
            return False
        if self.session is None or not self.apply_itself:
            self.fixRequested.emit(f)
            return True
        command = ApplyFix(self.session, f)
        if not command.applicable:
            self.summary.setText(
                QCoreApplication.translate("FindingsPanel", "该修正已不适用：文字已改动。请重新检查。")
            )
            self.refresh()
            return False
        self.session.push(command)
        self.refresh()
        return True

    def fix_all_of_selected_check(self) -> int:
        """Apply every fix of the selected finding's check (not the ignored ones) as one undo step.

        Later places in a paragraph are fixed first, so each fix still finds its fragment
        where the check saw it. Returns how many were applied.
        """
        chosen = self.selected()
        if chosen is None or self.session is None:
            return 0
        ignored = self._ignored_keys()
        todo = [
            f
            for f in self.findings
            if f.check == chosen.check and f.fix is not None and (f.check, f.ignore_key()) not in ignored
        ]
        if not todo:
            return 0
        todo.sort(key=lambda f: (f.fix.doc, f.fix.part, f.fix.block or 0, f.fix.offset), reverse=True)
        applied = 0
        s = self.session
        name = QCoreApplication.translate("FindingsPanel", "全部修正：%1（%2 处）").replace(
            "%1", chosen.check
        )
        with s.macro(name.replace("%2", str(len(todo)))):
            for f in todo:
                command = ApplyFix(s, f)
                if command.applicable:
                    s.push(command)
                    applied += 1
        self.refresh()
        self.summary.setText(
            QCoreApplication.translate("FindingsPanel", "已修正 %1 处（%2）。可一步撤销。")
            .replace("%1", str(applied))
            .replace("%2", chosen.check)
            + "  "
            + self.summary.text()
        )
        return applied

    def ignore_selected(self, reason: str | None = None) -> bool:
        """Ignore the selected finding; asks for the reason unless one is given."""
        f = self.selected()
        if f is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(
                self,
                QCoreApplication.translate("FindingsPanel", "忽略问题"),
                QCoreApplication.translate("FindingsPanel", "忽略的理由（保存在期刊文件中）："),
            )
            if not ok:
                return False
        reason = reason.strip() or QCoreApplication.translate("FindingsPanel", "编辑确认无误")
        if self.session is None or not self.apply_itself:
            self.ignoreRequested.emit(f, reason)
            return True
        self.session.push(IgnoreFinding(self.session, f, reason))
        self._fill()
        return True

    def unignore_selected(self) -> bool:
        f = self.selected()
        if f is None or self.session is None:
            return False
        entry = next(
            (i for i in self.session.issue.ignored if (i.check, i.location) == (f.check, f.ignore_key())),
            None,
        )
        if entry is None:
            return False
        self.session.push(Unignore(self.session, entry))
        self._fill()
        return True


__all__ = ["ChangesPanel", "FindingsPanel"]


class ChangesPanel(QWidget):
    """What changed since an exported proof: the pages to re-read and the TOC entries that moved.

    The main window keeps it up to date with every new layout, so while the editor corrects
    the proof the list shows exactly which pages the proofreader must see again.
    """

    pageActivated = Signal(int)  # noqa: N815 - index into Book.pages of a changed page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.issue: Issue | None = None
        self.book = None
        self.result = None
        self._rounds: tuple[tuple[int, str], ...] = ()
        self.round = QComboBox()
        self.round.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.round.currentIndexChanged.connect(lambda _i: self._compare())
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        # one click shows the page: the list is a reading plan, walked row by row
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bar = QHBoxLayout()
        self.round_label = QLabel()
        bar.addWidget(self.round_label)
        bar.addWidget(self.round)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        self.retranslate()
        self._compare()

    def retranslate(self) -> None:
        self.round_label.setText(QCoreApplication.translate("FindingsPanel", "与校样比较："))
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("FindingsPanel", "页"),
                QCoreApplication.translate("FindingsPanel", "文件"),
                QCoreApplication.translate("FindingsPanel", "变化"),
            ]
        )
        self._fill_rounds(force=True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._compare()
        super().changeEvent(event)

    def compare(self, issue: Issue, book) -> None:
        """Offer the issue's proof rounds (latest first) and compare the current layout with one.

        The chosen round is kept while the rounds stay the same; a new round is chosen when
        one was added, since that is the proof the editor is now correcting.
        """
        self.issue, self.book = issue, book
        self._fill_rounds()
        self._compare()

    def set_book(self, book) -> None:
        """A new layout: compare it with the chosen round."""
        if self.issue is not None:
            self.compare(self.issue, book)

    def rounds(self) -> list[int]:
        return [self.round.itemData(i) for i in range(self.round.count())]

    def select_round(self, rnd: int) -> bool:
        i = self.round.findData(rnd)
        if i >= 0:
            self.round.setCurrentIndex(i)
        return i >= 0

    def _fill_rounds(self, force: bool = False) -> None:
        proofs = sorted(self.issue.proofs, key=lambda p: -p.round) if self.issue is not None else []
        rounds = tuple((p.round, p.date) for p in proofs)
        if rounds == self._rounds and not force:
            return
        keep = self.round.currentData() if set(rounds) <= set(self._rounds) else None
        self._rounds = rounds
        self.round.blockSignals(True)
        self.round.clear()
        for rnd, date in rounds:
            self.round.addItem(
                QCoreApplication.translate("FindingsPanel", "第%1校（%2）")
                .replace("%1", str(rnd))
                .replace("%2", date),
                rnd,
            )
        index = self.round.findData(keep) if keep is not None else -1
        self.round.setCurrentIndex(max(index, 0) if self.round.count() else -1)
        self.round.blockSignals(False)

    def _doc_title(self, doc_id: str) -> str:
        if not doc_id or self.issue is None:
            return QCoreApplication.translate("FindingsPanel", "封面目录") if doc_id == "" else doc_id
        try:
            return self.issue.document(doc_id).shown_title
        except KeyError:
            return doc_id

    def _compare(self) -> None:
        from editor.fingerprints import book_fingerprints, toc_pages
        from editor.proof_diff import diff_fingerprints

        self.tree.clear()
        self.result = None
        if self.issue is None or self.round.count() == 0:
            self.summary.setText(
                QCoreApplication.translate(
                    "FindingsPanel",
                    "还没有导出过校样。导出校样（文件 → 导出校样…）后，这里列出此后改动过的页面。",
                )
            )
            return
        if self.book is None:
            self.summary.setText(
                QCoreApplication.translate("FindingsPanel", "正在排版，排好后列出改动的页面…")
            )
            return
        rnd = self.round.currentData()
        record = next((p for p in self.issue.proofs if p.round == rnd), None)
        if record is None:
            return
        try:
            current_toc = toc_pages(self.issue, self.book)
        except (IndexError, KeyError):
            current_toc = []  # a layout from before a structural edit; the next one follows
        self.result = diff_fingerprints(record.pages, book_fingerprints(self.book), record.toc, current_toc)
        lang = current_language()
        for change in self.result.changes:
            fp = change.new or change.old
            folio = fp.get("folio")
            doc_id = fp.get("flow") or ""
            title = self._doc_title(doc_id)
            text = change.describe(lang)
            if doc_id:  # the document is named in its own column, by title rather than id
                text = text.replace(f"（{doc_id}）", "").replace(f" ({doc_id})", "")
            item = QTreeWidgetItem([str(folio) if folio is not None else "", _short(title), text])
            item.setToolTip(1, title)
            item.setData(0, _ROLE, change.new["index"] if change.new else -1)
            item.setData(1, _ROLE, doc_id)
            if change.new is None:
                item.setForeground(2, Qt.GlobalColor.gray)  # a page that is gone: nothing to show
            self.tree.addTopLevelItem(item)
        for moved in self.result.toc_moved:
            text = (
                QCoreApplication.translate("FindingsPanel", "目录：《%1》页码 %2 → %3")
                .replace("%1", moved["title"])
                .replace("%2", str(moved["old"]))
                .replace("%3", str(moved["new"]))
            )
            doc_id = moved.get("doc") or ""
            item = QTreeWidgetItem(["", _short(self._doc_title(doc_id)), text])
            item.setData(0, _ROLE, 0)  # the TOC is on the cover
            item.setData(1, _ROLE, doc_id)
            self.tree.addTopLevelItem(item)
        for col in range(2):
            self.tree.resizeColumnToContents(col)
        self.summary.setText(
            QCoreApplication.translate(
                "FindingsPanel", "需要重读 %1 页，目录页码变化 %2 条，仅页码变化 %3 页"
            )
            .replace("%1", str(len(self.result.changes)))
            .replace("%2", str(len(self.result.toc_moved)))
            .replace("%3", str(self.result.renumbered))
        )

    def changed_pages(self) -> list[int]:
        """Indexes into the current book of the pages listed as changed."""
        if self.result is None:
            return []
        return [c.new["index"] for c in self.result.changes if c.new is not None]

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = item.data(0, _ROLE)
        if index is not None and index >= 0:
            self.pageActivated.emit(index)


def _short(title: str, limit: int = 22) -> str:
    """Elide in the middle, as the issue tree does: titles share their start (葫芦岛市人民政府关于…)."""
    if len(title) <= limit:
        return title
    head = (limit - 1) // 2
    return title[:head] + "…" + title[len(title) - (limit - 1 - head) :]
