"""The findings dock: preflight findings, filtered by severity, with go-to, fix and ignore.

Fixes and ignores are undo commands on the issue session, like every other edit, so an
editor who applies a wrong fix takes it back with Ctrl+Z. The list is re-checked after each
change, because one fix can make others moot (two findings in the same phrase).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
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

from editor.checks import (
    SEVERITY_ORDER,
    Finding,
    Location,
    Severity,
    check_content,
    check_layout,
    place_on_pages,
    sort_findings,
)
from editor.model import IgnoredFinding, Issue

from .commands import BLOCKS, FIELD, Change, IssueCommand, IssueSession

IGNORED = "ignored"  # Change kind: the issue's ignored findings changed

_ROLE = Qt.ItemDataRole.UserRole


def tr(text: str) -> str:
    return QCoreApplication.translate("FindingsPanel", text)


def _lang() -> str:
    try:
        from .i18n import current_language

        return current_language()
    except Exception:  # no application language set: Chinese, the UI's source language
        return "zh"


class ApplyFix(IssueCommand):
    """Apply a finding's safe fix through the model's own setters; undo restores the old text."""

    def __init__(self, session: IssueSession, finding: Finding) -> None:
        super().__init__(
            session, tr("修正：%1").replace("%1", finding.fix.describe(_lang()) if finding.fix else "")
        )
        self.fix = finding.fix
        self.new = self.fix.resolve(session.issue) if self.fix else None
        self.old = self.fix.current_text(session.issue) if self.new is not None else None

    @property
    def applicable(self) -> bool:
        return self.new is not None

    def apply(self, forward: bool) -> Change:
        text = self.new if forward else self.old
        if self.fix.part == "block":
            self.issue.set_block_text(self.fix.doc, self.fix.block, text)
            return Change(BLOCKS, self.fix.doc, self.fix.block)
        self.issue.set_document_field(self.fix.doc, self.fix.part, text)
        return Change(FIELD, self.fix.doc, None, self.fix.part)


class IgnoreFinding(IssueCommand):
    """Record (or, undone, forget) that the editor judged a finding fine, with their reason."""

    def __init__(self, session: IssueSession, finding: Finding, reason: str) -> None:
        super().__init__(session, tr("忽略问题：%1").replace("%1", finding.check))
        self.entry = IgnoredFinding(finding.check, finding.ignore_key(), reason)

    def apply(self, forward: bool) -> Change:
        if forward:
            self.issue.ignored.append(self.entry)
        else:
            self.issue.ignored.remove(self.entry)
        return Change(IGNORED)


class Unignore(IssueCommand):
    def __init__(self, session: IssueSession, entry: IgnoredFinding) -> None:
        super().__init__(session, tr("取消忽略：%1").replace("%1", entry.check))
        self.entry = entry
        self.index = session.issue.ignored.index(entry)

    def apply(self, forward: bool) -> Change:
        if forward:
            self.issue.ignored.pop(self.index)
        else:
            self.issue.ignored.insert(self.index, self.entry)
        return Change(IGNORED)


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
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(400)
        self._recheck.timeout.connect(self.refresh)

        self.severity = QComboBox()
        for value in ("", "error", "warning", "note"):
            self.severity.addItem("", value)
        self.severity.currentIndexChanged.connect(self._fill)
        self.show_ignored = QCheckBox()
        self.show_ignored.toggled.connect(self._fill)
        self.btn_check = QPushButton()
        self.btn_check.clicked.connect(self.refresh)
        self.btn_goto = QPushButton()
        self.btn_goto.clicked.connect(self.goto_selected)
        self.btn_fix = QPushButton()
        self.btn_fix.clicked.connect(self.fix_selected)
        self.btn_ignore = QPushButton()
        self.btn_ignore.clicked.connect(lambda: self.ignore_selected())
        self.summary = QLabel()

        bar = QHBoxLayout()
        self.severity_label = QLabel()
        bar.addWidget(self.severity_label)
        bar.addWidget(self.severity)
        bar.addWidget(self.show_ignored)
        bar.addStretch(1)
        for b in (self.btn_check, self.btn_goto, self.btn_fix, self.btn_ignore):
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
        for i, label in enumerate((tr("全部"), tr("错误"), tr("警告"), tr("提示"))):
            self.severity.setItemText(i, label)
        self.severity_label.setText(tr("级别："))
        self.show_ignored.setText(tr("显示已忽略"))
        self.btn_check.setText(tr("重新检查"))
        self.btn_goto.setText(tr("转到"))
        self.btn_fix.setText(tr("应用修正"))
        self.btn_ignore.setText(tr("忽略…"))
        self.tree.setHeaderLabels([tr("级别"), tr("页"), tr("位置"), tr("检查项"), tr("说明")])

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
        """Check the issue (and the layout, when a laid-out Book is given) and show the findings."""
        if issue is not None:
            self.issue = issue
        if book is not None:
            self.book = book
        self.refresh()

    set_issue = run

    def set_book(self, book) -> None:
        """A new layout arrived (the proof view's relayout): re-check with its pages."""
        self.book = book
        self.refresh()

    def refresh(self) -> None:
        if self.issue is None:
            return
        findings = check_content(self.issue)
        if self.book is not None:
            try:
                place_on_pages(findings, self.book)
                findings += check_layout(self.issue, self.book)
            except (KeyError, IndexError):
                pass  # a book from before a structural edit: content findings are still right
        self.findings = sort_findings(findings, self.issue)
        self._fill()

    def _on_changed(self, change: Change) -> None:
        if self.session is not None:
            self.issue = self.session.issue
        self._recheck.start()

    def _on_replaced(self) -> None:
        self.issue = self.session.issue if self.session else None
        self.book = None
        self.refresh()

    # ---- view ---------------------------------------------------------------------------
    def _ignored_keys(self) -> set[tuple[str, str]]:
        return {(i.check, i.location) for i in (self.issue.ignored if self.issue else [])}

    def shown_findings(self) -> list[Finding]:
        wanted = self.severity.currentData()
        ignored = self._ignored_keys()
        out = []
        for f in self.findings:
            if wanted and str(f.severity) != wanted:
                continue
            if (f.check, f.ignore_key()) in ignored and not self.show_ignored.isChecked():
                continue
            out.append(f)
        return out

    def _fill(self) -> None:
        lang = _lang()
        ignored = self._ignored_keys()
        self.tree.clear()
        names = {Severity.ERROR: tr("错误"), Severity.WARNING: tr("警告"), Severity.NOTE: tr("提示")}
        counts = {s: 0 for s in Severity}
        for f in self.shown_findings():
            loc = f.location
            page = (
                str(loc.folio) if loc.folio is not None else ("" if loc.page is None else f"#{loc.page + 1}")
            )
            where = Location(loc.doc, loc.part, loc.block, loc.offset, loc.section).describe(lang)
            item = QTreeWidgetItem([names[f.severity], page, where, f.check, f.message(lang)])
            item.setData(0, _ROLE, f)
            item.setToolTip(
                4, f.message(lang) + (("\n" + tr("可修正：") + f.fix.describe(lang)) if f.fix else "")
            )
            if (f.check, f.ignore_key()) in ignored:
                item.setForeground(4, Qt.GlobalColor.gray)
            elif f.severity == Severity.ERROR:
                item.setForeground(0, Qt.GlobalColor.red)
            counts[f.severity] += 1
            self.tree.addTopLevelItem(item)
        for col in range(4):
            self.tree.resizeColumnToContents(col)
        hidden = sum(1 for f in self.findings if (f.check, f.ignore_key()) in ignored)
        self.summary.setText(
            tr("错误 %1 条，警告 %2 条，提示 %3 条；已忽略 %4 条")
            .replace("%1", str(counts[Severity.ERROR]))
            .replace("%2", str(counts[Severity.WARNING]))
            .replace("%3", str(counts[Severity.NOTE]))
            .replace("%4", str(hidden))
        )
        self.countsChanged.emit(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.NOTE])
        self._update_buttons()

    def selected(self) -> Finding | None:
        items = self.tree.selectedItems()
        return items[0].data(0, _ROLE) if items else None

    def select_index(self, row: int) -> None:
        item = self.tree.topLevelItem(row)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _update_buttons(self) -> None:
        f = self.selected()
        self.btn_goto.setEnabled(f is not None)
        self.btn_fix.setEnabled(f is not None and f.fix is not None)
        self.btn_ignore.setEnabled(f is not None)
        if f is not None and f.fix is not None:
            self.btn_fix.setToolTip(f.fix.describe(_lang()))

    # ---- actions ------------------------------------------------------------------------
    def _activate(self, item: QTreeWidgetItem) -> None:
        f = item.data(0, _ROLE)
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
            self.summary.setText(tr("该修正已不适用：文字已改动。请重新检查。"))
            self.refresh()
            return False
        self.session.push(command)
        self.refresh()
        return True

    def ignore_selected(self, reason: str | None = None) -> bool:
        """Ignore the selected finding; asks for the reason unless one is given."""
        f = self.selected()
        if f is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, tr("忽略问题"), tr("忽略的理由（保存在期刊文件中）："))
            if not ok:
                return False
        reason = reason.strip() or tr("编辑确认无误")
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


__all__ = ["SEVERITY_ORDER", "ApplyFix", "ChangesPanel", "FindingsPanel", "IgnoreFinding", "Unignore"]


class ChangesPanel(QWidget):
    """What changed since an exported proof: the pages to re-read and the TOC entries that moved."""

    pageActivated = Signal(int)  # noqa: N815 - index into Book.pages of a changed page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.issue: Issue | None = None
        self.book = None
        self.result = None
        self.round = QComboBox()
        self.round.currentIndexChanged.connect(lambda _i: self._compare())
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.itemDoubleClicked.connect(self._activate)
        self.summary = QLabel()
        bar = QHBoxLayout()
        self.round_label = QLabel()
        bar.addWidget(self.round_label)
        bar.addWidget(self.round, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        self.retranslate()

    def retranslate(self) -> None:
        self.round_label.setText(tr("与校样比较："))
        self.tree.setHeaderLabels([tr("页"), tr("文件"), tr("变化")])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.issue is not None:
                self.compare(self.issue, self.book)
        super().changeEvent(event)

    def compare(self, issue: Issue, book) -> None:
        """Offer the issue's proof rounds (latest first) and compare the current layout with one."""
        self.issue, self.book = issue, book
        self.round.blockSignals(True)
        self.round.clear()
        for record in sorted(issue.proofs, key=lambda p: -p.round):
            self.round.addItem(
                tr("第%1校（%2）").replace("%1", str(record.round)).replace("%2", record.date), record.round
            )
        self.round.blockSignals(False)
        self._compare()

    def _compare(self) -> None:
        from editor.proof import book_fingerprints, diff_fingerprints, toc_pages

        self.tree.clear()
        self.result = None
        if self.issue is None or self.book is None or self.round.count() == 0:
            self.summary.setText(tr("还没有导出过校样。"))
            return
        rnd = self.round.currentData()
        record = next(p for p in self.issue.proofs if p.round == rnd)
        self.result = diff_fingerprints(
            record.pages, book_fingerprints(self.book), record.toc, toc_pages(self.issue, self.book)
        )
        lang = _lang()
        for change in self.result.changes:
            fp = change.new or change.old
            folio = fp.get("folio")
            item = QTreeWidgetItem(
                [str(folio) if folio is not None else "", fp.get("flow") or "", change.describe(lang)]
            )
            item.setData(0, _ROLE, change.new["index"] if change.new else -1)
            self.tree.addTopLevelItem(item)
        for moved in self.result.toc_moved:
            text = (
                tr("目录：《%1》页码 %2 → %3").replace("%1", moved["title"]).replace("%2", str(moved["old"]))
            )
            item = QTreeWidgetItem(["", moved.get("doc") or "", text.replace("%3", str(moved["new"]))])
            item.setData(0, _ROLE, 0)
            self.tree.addTopLevelItem(item)
        self.summary.setText(
            tr("需要重读 %1 页，目录页码变化 %2 条，仅页码变化 %3 页")
            .replace("%1", str(len(self.result.changes)))
            .replace("%2", str(len(self.result.toc_moved)))
            .replace("%3", str(self.result.renumbered))
        )

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = item.data(0, _ROLE)
        if index is not None and index >= 0:
            self.pageActivated.emit(index)
