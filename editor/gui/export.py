"""导出印刷PDF: the print PDF, laid out in a worker thread with a progress bar and a Cancel button.

The issue is composed on the GUI thread (a frozen snapshot), so the editor may keep working
while the export runs. The layout's progress generator feeds the bar; Cancel stops between
two steps. A TOC that does not converge is a LayoutError: the export refuses with its one
line, never writes a PDF whose TOC could be wrong. The file is written beside its target and
moved into place, so a failed export never leaves a half-written PDF under the real name.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.errors import UserError
from editor.model import Issue
from layout.errors import LayoutError, LayoutProblem

from .dialogs import template_names
from .i18n import current_language

BLEED_MM = 3.0


class ExportCancelled(Exception):
    pass


class ExportThread(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(str, int)  # path, pages
    failed = Signal(str)  # one line for the user

    def __init__(
        self, publication, template: str, output: str, bleed: bool, crop_marks: bool, lang: str
    ) -> None:
        super().__init__()
        self.publication = publication
        self.template = template
        self.output = output
        self.bleed = bleed
        self.crop_marks = crop_marks
        self.lang = lang
        self.cancelled = False

    def run(self) -> None:
        try:
            pages = self._export()
        except ExportCancelled:
            self.failed.emit("")
        except (LayoutProblem, UserError) as e:
            self.failed.emit(e.message(self.lang))
        except OSError as e:
            self.failed.emit(
                f"无法写入 {self.output}：{e.strerror or e}。请换一个位置或关闭正在打开它的程序。"
                if self.lang == "zh"
                else f"Cannot write {self.output}: {e.strerror or e}. Choose another place or close the program holding it."
            )
        except Exception as e:  # noqa: BLE001 - a bug must reach the user as one line, not kill the app
            self.failed.emit(
                f"导出失败（{type(e).__name__}：{e}）。请保存本期文件后重试。"
                if self.lang == "zh"
                else f"Export failed ({type(e).__name__}: {e}). Save the issue and try again."
            )
        else:
            self.succeeded.emit(self.output, pages)

    def _export(self) -> int:
        from layout.pdf import write_pdf

        from layout.engine import typeset_steps
        from layout.template import load_template

        template = load_template(self.template)
        steps = typeset_steps(self.publication, template)
        while True:
            if self.cancelled:
                steps.close()
                raise ExportCancelled
            try:
                done, total, label = next(steps)
            except StopIteration as stop:
                book = stop.value
                break
            self.progressed.emit(done, total, label)
        if book is None:
            raise LayoutError("排版没有结果。", "The layout returned nothing.")
        if self.cancelled:
            raise ExportCancelled
        self.progressed.emit(0, 0, "PDF")
        data = write_pdf(book, bleed_mm=BLEED_MM if self.bleed else 0.0, crop_marks=self.crop_marks)
        target = Path(self.output)
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".pdf", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return len(book.pages)


class ExportDialog(QDialog):
    """Template, bleed and crop marks, output path; progress and cancel while it runs."""

    exported = Signal(str)

    def __init__(self, issue: Issue, default_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.issue = issue
        self.setObjectName("exportDialog")
        self.open_folder = True  # tests turn it off
        self.thread: ExportThread | None = None
        self._busy = False
        self.result_path: str | None = None
        self.error: str | None = None
        self.template = QComboBox()
        self.template.setEditable(True)
        for name in template_names(issue.template):
            self.template.addItem(name)
        self.template.setCurrentText(issue.template)
        self.bleed = QCheckBox()
        self.crop_marks = QCheckBox()
        self.output = QLineEdit(default_path)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(self.browse)
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.template)
        form.addRow(self.labels[1], self.bleed)
        form.addRow(QLabel(), self.crop_marks)
        form.addRow(self.labels[2], out_row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 260)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("导出印刷PDF"))
        self.labels[0].setText(self.tr("版式模板："))
        self.labels[1].setText(self.tr("印刷选项："))
        self.labels[2].setText(self.tr("输出文件："))
        self.bleed.setText(self.tr("加 3 毫米出血"))
        self.crop_marks.setText(self.tr("加裁切线"))
        self.browse.setText(self.tr("浏览…"))
        self.export_button.setText(self.tr("导出"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出印刷PDF"), self.output.text(), self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.output.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def running(self) -> bool:
        """Busy from start until the result has been handled (not only while the thread runs)."""
        return self._busy

    def start(self) -> None:
        from editor.compose import compose

        output = self.output.text().strip()
        if not output:
            self._fail(self.tr("请先选择输出文件。"))
            return
        if not output.lower().endswith(".pdf"):
            output += ".pdf"
            self.output.setText(output)
        folder = Path(output).parent
        if not folder.is_dir():
            self._fail(self.tr("文件夹 %1 不存在。请选择已有的文件夹。").replace("%1", str(folder)))
            return
        if not any(s.documents for s in self.issue.sections):
            self._fail(self.tr("本期还没有文件。请先导入 Word 文件。"))
            return
        self.error = None
        self.result_path = None
        publication = compose(self.issue)
        self.thread = ExportThread(
            publication,
            self.template.currentText().strip() or self.issue.template,
            output,
            self.bleed.isChecked(),
            self.crop_marks.isChecked(),
            current_language(),
        )
        self.thread.progressed.connect(self._progress)
        self.thread.succeeded.connect(self._done)
        self.thread.failed.connect(self._failed)
        for w in (self.export_button, self.template, self.bleed, self.crop_marks, self.output, self.browse):
            w.setEnabled(False)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("正在排版…"))
        self._busy = True
        self.thread.start()

    def cancel(self) -> None:
        if self.running():
            self.thread.cancelled = True
            self.status.setText(self.tr("正在取消…"))
        else:
            self.reject()

    def _progress(self, done: int, total: int, label: str) -> None:
        if label == "PDF" and total == 0:
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("正在写入 PDF…"))
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(self.tr("正在排版：%1").replace("%1", label))

    def _finish_thread(self) -> None:
        if self.thread is not None:
            self.thread.wait()
        self._busy = False
        for w in (self.export_button, self.template, self.bleed, self.crop_marks, self.output, self.browse):
            w.setEnabled(True)
        self.progress.setRange(0, 1)

    def _done(self, path: str, pages: int) -> None:
        self._finish_thread()
        self.progress.setValue(1)
        self.result_path = path
        self.status.setText(self.tr("已导出 %1 页：%2").replace("%1", str(pages)).replace("%2", path))
        self.exported.emit(path)
        if self.open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))
        self.accept()

    def _failed(self, message: str) -> None:
        self._finish_thread()
        self.progress.setValue(0)
        if not message:
            self.status.setText(self.tr("已取消导出。"))
            self.error = ""
            return
        self._fail(message)

    def _fail(self, message: str) -> None:
        self.error = message
        self.status.setText(self.tr("无法导出：%1").replace("%1", message))
        self.status.setStyleSheet("color: #b00020;")

    def reject(self) -> None:
        if self.running():
            self.cancel()
            return
        super().reject()
