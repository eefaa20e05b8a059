"""Issue properties, the editorial board, the import report.

Dialogs edit copies; OK turns the difference into one undo command, so Cancel never
leaves a half-changed issue and Edit → Undo reverts a whole dialog at once.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.model import PERIODS_PER_YEAR, Board, BoardEntry, Issue

from .commands import IssueSession, SetBoard, SetProperties

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "resources" / "templates"
PEOPLE_SEPARATORS = ("　", "，", ",", "、", ";", "；")


def template_names(current: str = "") -> list[str]:
    names = sorted(p.stem for p in TEMPLATES_DIR.glob("*.toml")) if TEMPLATES_DIR.is_dir() else []
    for name in ("gazette-a4", "gbt9704", current):
        if name and name not in names:
            names.append(name)
    return names


class PropertiesDialog(QDialog):
    """Gazette name, periodicity, year, number, cumulative number, date, first page, template."""

    def __init__(self, issue: Issue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.issue = issue
        self.next_requested = False
        self.setObjectName("propertiesDialog")
        self.name = QLineEdit(issue.gazette.name)
        self.sponsor = QLineEdit(issue.gazette.sponsor)
        self.periodicity = QComboBox()
        self.periodicity.setEditable(False)
        for p in PERIODS_PER_YEAR:
            self.periodicity.addItem(p, p)
        if issue.gazette.periodicity not in PERIODS_PER_YEAR:
            self.periodicity.addItem(issue.gazette.periodicity, issue.gazette.periodicity)
        self.periodicity.setCurrentIndex(self.periodicity.findData(issue.gazette.periodicity))
        self.year = QSpinBox()
        self.year.setRange(1949, 2999)
        self.year.setValue(issue.year or _dt.date.today().year)
        self.number = QSpinBox()
        self.number.setRange(1, 366)
        self.number.setValue(issue.number)
        self.cumulative = QSpinBox()
        self.cumulative.setRange(1, 99999)
        self.cumulative.setValue(issue.cumulative)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        d = issue.date or _dt.date.today()
        self.date.setDate(QDate(d.year, d.month, d.day))
        self.first_page = QSpinBox()
        self.first_page.setRange(1, 9999)
        self.first_page.setValue(issue.first_page)
        self.template = QComboBox()
        self.template.setEditable(True)
        for name in template_names(issue.template):
            self.template.addItem(name)
        self.template.setCurrentText(issue.template)

        form = QFormLayout()
        self.labels = [QLabel() for _ in range(9)]
        for label, field in zip(
            self.labels,
            (
                self.name,
                self.sponsor,
                self.periodicity,
                self.year,
                self.number,
                self.cumulative,
                self.date,
                self.first_page,
                self.template,
            ),
            strict=True,
        ):
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.next_button = QPushButton()
        self.buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.next_button.clicked.connect(self._next)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("期刊属性"))
        texts = (
            self.tr("公报名称："),
            self.tr("主办单位："),
            self.tr("刊期："),
            self.tr("年份："),
            self.tr("期号（年第N期）："),
            self.tr("总期号（总第N期）："),
            self.tr("出版日期："),
            self.tr("起始页码："),
            self.tr("版式模板："),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.next_button.setText(self.tr("由本期新建下一期…"))
        self.next_button.setToolTip(self.tr("期号递增，沿用编委会、栏目和模板，栏目内容为空"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _next(self) -> None:
        self.next_requested = True
        self.accept()

    def values(self) -> dict[str, object]:
        """The changed properties, as Issue.set_property names."""
        d = self.date.date()
        wanted = {
            "gazette.name": self.name.text().strip(),
            "gazette.sponsor": self.sponsor.text().strip(),
            "gazette.periodicity": self.periodicity.currentData(),
            "year": self.year.value(),
            "number": self.number.value(),
            "cumulative": self.cumulative.value(),
            "date": _dt.date(d.year(), d.month(), d.day()),
            "first_page": self.first_page.value(),
            "template": self.template.currentText().strip() or self.issue.template,
        }
        current = {
            "gazette.name": self.issue.gazette.name,
            "gazette.sponsor": self.issue.gazette.sponsor,
            "gazette.periodicity": self.issue.gazette.periodicity,
            "year": self.issue.year,
            "number": self.issue.number,
            "cumulative": self.issue.cumulative,
            "date": self.issue.date,
            "first_page": self.issue.first_page,
            "template": self.issue.template,
        }
        return {k: v for k, v in wanted.items() if v != current[k]}

    def apply(self, session: IssueSession) -> bool:
        values = self.values()
        if values:
            session.push(SetProperties(session, values))
        return bool(values)


def split_people(text: str) -> list[str]:
    """People are typed separated by full-width spaces, commas or 、 as editors are used to."""
    for sep in PEOPLE_SEPARATORS[1:]:
        text = text.replace(sep, "　")
    return [p.strip() for p in text.replace("  ", "　").split("　") if p.strip()]


class BoardDialog(QDialog):
    """The editorial board: ordered lines, each a role with people or a label with one text."""

    COL_LABEL, COL_KIND, COL_VALUE = range(3)

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardDialog")
        self.resize(640, 480)
        self.title = QLineEdit(board.title)
        self.table = QTableWidget(0, 3)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(self.COL_VALUE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        for entry in board.entries:
            self._append(entry)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_entry(BoardEntry("", [])))
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        side = QVBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(b)
        side.addStretch(1)
        self.title_label = QLabel()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")
        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addWidget(self.title, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("编委会"))
        self.title_label.setText(self.tr("标题："))
        self.table.setHorizontalHeaderLabels([self.tr("职务或项目"), self.tr("类型"), self.tr("人员或内容")])
        self.add_button.setText(self.tr("添加"))
        self.remove_button.setText(self.tr("删除"))
        self.up_button.setText(self.tr("上移"))
        self.down_button.setText(self.tr("下移"))
        self.hint.setText(
            self.tr("“人员”一行可填多人，用空格、顿号或逗号分开；“文字”一行如主办、地址、邮编、电话、传真。")
        )
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, self.COL_KIND)
            if isinstance(combo, QComboBox):
                combo.setItemText(0, self.tr("人员"))
                combo.setItemText(1, self.tr("文字"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _append(self, entry: BoardEntry, row: int | None = None) -> int:
        row = self.table.rowCount() if row is None else row
        self.table.insertRow(row)
        self.table.setItem(row, self.COL_LABEL, QTableWidgetItem(entry.label))
        combo = QComboBox()
        combo.addItem(self.tr("人员"), "people")
        combo.addItem(self.tr("文字"), "text")
        combo.setCurrentIndex(0 if entry.people is not None else 1)
        self.table.setCellWidget(row, self.COL_KIND, combo)
        self.table.setItem(row, self.COL_VALUE, QTableWidgetItem(entry.value))
        return row

    def add_entry(self, entry: BoardEntry) -> None:
        current = self.table.currentRow()
        row = self._append(entry, current + 1 if current >= 0 else None)
        self.table.setCurrentCell(row, self.COL_LABEL)

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        entries = self.entries()
        entries.insert(target, entries.pop(row))
        self.table.setRowCount(0)
        for e in entries:
            self._append(e)
        self.table.setCurrentCell(target, self.COL_LABEL)

    def entries(self) -> list[BoardEntry]:
        result = []
        for row in range(self.table.rowCount()):
            label_item = self.table.item(row, self.COL_LABEL)
            value_item = self.table.item(row, self.COL_VALUE)
            label = label_item.text().strip() if label_item else ""
            value = value_item.text().strip() if value_item else ""
            combo = self.table.cellWidget(row, self.COL_KIND)
            kind = combo.currentData() if isinstance(combo, QComboBox) else "text"
            if not label and not value:
                continue
            if kind == "people":
                result.append(BoardEntry(label, split_people(value)))
            else:
                result.append(BoardEntry(label, None, value))
        return result

    def board(self) -> Board:
        return Board(self.title.text().strip() or "编委会", self.entries())

    def apply(self, session: IssueSession) -> bool:
        board = self.board()
        if board == session.issue.board:
            return False
        session.push(SetBoard(session, board))
        return True


class ReportDialog(QDialog):
    """Import report lines, selectable and copyable."""

    def __init__(self, title: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(title)
        self.resize(620, 400)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(lines) if lines else self.tr("没有需要注意的内容。"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
