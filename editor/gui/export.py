"""导出印刷PDF and 导出校样: laid out in a worker thread with a progress bar and a Cancel button.

The issue is composed on the GUI thread (a frozen snapshot), so the editor may keep working
while the export runs. The layout's progress generator feeds the bar; Cancel stops between
two steps. A TOC that does not converge is a LayoutError: the export refuses with its one
line, never writes a PDF whose TOC could be wrong. The file is written beside its target and
moved into place, so a failed export never leaves a half-written PDF under the real name.

A proof is laid out with the issue's own template (the one the proof view shows), because the
round's page fingerprints are what later layouts are compared with: a proof set in another
template would make every page look changed. The worker proofs a copy of the issue; the round
it recorded there reaches the open issue as an undoable RecordProof, so the round is saved with
the issue like any other change and Edit → Undo takes it back.
"""

from __future__ import annotations

import copy
import datetime as _dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.errors import UserError
from editor.model import Issue, ProofRecord
from layout.errors import LayoutError, LayoutProblem

from .dialogs import template_names

if TYPE_CHECKING:
    from layout.binding import Padding
from .i18n import current_language
from .workers import run_layout_steps


class ExportCancelled(Exception):
    pass


@dataclass(frozen=True)
class ProofJob:
    """A proof round to export: the worker proofs `issue`, a private copy of the open issue."""

    issue: Issue
    round: int
    date: str


class _ExportCache:
    """The layout cache exports share, so an export after an edit lays out only what changed (the
    PDF writer keeps the unchanged pages' streams itself, in layout.pdf.PAGE_STREAMS)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._layout = None

    def layout(self):
        from layout.engine import LayoutCache

        if self._layout is None:
            self._layout = LayoutCache()
        return self._layout


_EXPORT_CACHE = _ExportCache()


class ExportThread(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(str, int)  # path, pages
    failed = Signal(str)  # one line for the user
    checked = Signal(object)  # the print preflight's findings (a list), before any file is written

    def __init__(
        self,
        publication,
        template: str,
        output: str,
        bleed: bool,
        crop_marks: bool,
        lang: str,
        proof: ProofJob | None = None,
        output_kind: str = "screen",
        impose: bool = False,
        preflight_only: bool = False,
    ) -> None:
        super().__init__()
        self.proof = proof
        self.output_kind = output_kind  # "screen" or "print" (PDF/X-1a)
        self.impose = impose
        self.preflight_only = preflight_only
        self.padding: Padding | None = None  # what the print output added for binding
        self.record: ProofRecord | None = None  # the round recorded by a proof export
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
        from layout.engine import typeset_steps
        from layout.pdf import write_pdf
        from layout.template import load_template

        template = load_template(self.template)
        with _EXPORT_CACHE.lock:  # one export at a time lays out with the shared cache
            steps = typeset_steps(self.publication, template, cache=_EXPORT_CACHE.layout())
            book = run_layout_steps(steps, self.progressed.emit, lambda: self.cancelled)
        if self.cancelled:
            raise ExportCancelled
        if book is None:
            raise LayoutError("排版没有结果。", "The layout returned nothing.")
        printing = self.output_kind == "print" and self.proof is None
        if printing or self.preflight_only:
            from editor.findings import Severity
            from editor.layout_checks import preflight

            findings = preflight(book, template)
            self.checked.emit(findings)
            if self.preflight_only:
                return -1
            errors = [f for f in findings if f.severity == Severity.ERROR]
            if errors:
                raise UserError(errors[0].zh, errors[0].en)
            from layout.binding import pad_for_binding

            book, self.padding = pad_for_binding(book, template)
        self.progressed.emit(0, 0, "PDF")
        bleed_mm = template.press.bleed_mm if self.bleed else 0.0
        if self.proof is not None:
            from editor.proof_pdf import export_proof

            job = self.proof
            data = export_proof(
                job.issue, book, job.round, job.date, bleed_mm=bleed_mm, crop_marks=self.crop_marks
            )
            self.record = next(p for p in job.issue.proofs if p.round == job.round)
        else:
            data = write_pdf(
                book,
                bleed_mm=bleed_mm,
                crop_marks=self.crop_marks,
                output="print" if printing else "screen",
                template=template,
            )
        from editor.atomic import write_atomic

        if self.cancelled:  # a cancel that came while the PDF was written: nothing on disk
            raise ExportCancelled
        write_atomic(self.output, data, what=("PDF", "PDF"))
        if printing and self.impose:
            from layout.impose import impose_saddle

            target = Path(self.output)
            imposed = target.with_name(target.stem + "-imposed.pdf")
            write_atomic(imposed, impose_saddle(data), what=("拼版 PDF", "imposed PDF"))
        return len(book.pages)


class ExportDialog(QDialog):
    """Template, bleed and crop marks, output path; progress and cancel while it runs."""

    exported = Signal(str)

    def __init__(self, issue: Issue, default_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.issue = issue
        self.setObjectName("exportDialog")
        self.open_folder = True  # tests turn it off
        self.ask = True  # may ask before replacing an existing file; without asking it refuses
        self.replace_existing = False  # set when the user already agreed
        self.template_choice = True  # a proof is set in the issue's own template
        self.worker: ExportThread | None = None
        self._busy = False
        self.result_path: str | None = None
        self.error: str | None = None
        self.template = QComboBox()
        self.template.setEditable(True)
        for name in template_names(issue.template):
            self.template.addItem(name)
        self.template.setCurrentText(issue.template)
        self.output_kind = QComboBox()
        self.output_kind.addItem("", "screen")
        self.output_kind.addItem("", "print")
        self.output_kind.currentIndexChanged.connect(self._kind_changed)
        self.bleed = QCheckBox()
        self.crop_marks = QCheckBox()
        self.impose = QCheckBox()
        self.preflight_button = QPushButton()
        self.preflight_button.clicked.connect(self.run_preflight)
        self.preflight_list = QListWidget()
        self.preflight_list.setObjectName("preflightList")
        self.preflight_list.setWordWrap(True)
        self.preflight_list.setVisible(False)
        self.findings: list | None = None  # the last preflight's findings
        self.padding: Padding | None = None  # what the last print export added for binding
        self.output = QLineEdit(default_path)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(self.browse)
        self.labels = [QLabel() for _ in range(4)]
        self.form = form = QFormLayout()
        form.addRow(self.labels[0], self.template)
        form.addRow(self.labels[3], self.output_kind)
        form.addRow(self.labels[1], self.bleed)
        form.addRow(QLabel(), self.crop_marks)
        form.addRow(QLabel(), self.impose)
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
        layout.addWidget(self.preflight_list, 1)
        layout.addWidget(self.buttons)
        self.buttons.addButton(self.preflight_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.resize(600, 300)
        self.retranslate()
        self._kind_changed()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("导出印刷PDF"))
        self.labels[0].setText(self.tr("版式模板："))
        self.labels[1].setText(self.tr("印刷选项："))
        self.labels[2].setText(self.tr("输出文件："))
        self.labels[3].setText(self.tr("输出："))
        self.output_kind.setItemText(0, self.tr("屏幕版：RGB，带书签和目录链接"))
        self.output_kind.setItemText(1, self.tr("印刷版：PDF/X-1a，CMYK，按装订补白页"))
        self.bleed.setText(self.tr("加出血（宽度按模板，通常 3 毫米）"))
        self.crop_marks.setText(self.tr("加裁切线和套准标记"))
        self.impose.setText(self.tr("另存骑马钉拼版（文件名加 -imposed）"))
        self.preflight_button.setText(self.tr("印前检查"))
        self.preflight_button.setToolTip(
            self.tr("检查字体能否嵌入、图片分辨率和色彩、装订页数，不写出文件。")
        )
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

    def kind(self) -> str:
        return str(self.output_kind.currentData())

    def _kind_changed(self, *_args) -> None:
        self.impose.setEnabled(self.kind() == "print" and not self._busy)
        if self.kind() != "print":
            self.impose.setChecked(False)

    def run_preflight(self) -> None:
        """The print preflight without writing: lay out, check, list the findings."""
        self.start(preflight_only=True)

    def _show_findings(self, findings: list) -> None:
        from editor.findings import SEVERITY_ORDER

        self.findings = list(findings)
        self.preflight_list.clear()
        lang = current_language()
        names = {"error": self.tr("错误"), "warning": self.tr("警告"), "note": self.tr("提示")}
        for f in sorted(self.findings, key=lambda f: SEVERITY_ORDER[f.severity]):
            text = f.en if lang == "en" else f.zh
            self.preflight_list.addItem(
                self.tr("%1：%2").replace("%1", names.get(str(f.severity), "")).replace("%2", text)
            )
        if not self.findings:
            self.preflight_list.addItem(
                self.tr("印前检查通过：字体可嵌入，图片分辨率和色彩、页数均符合印刷要求。")
            )
        self.preflight_list.setVisible(True)

    def running(self) -> bool:
        """Busy from start until the result has been handled (not only while the thread runs)."""
        return self._busy

    def start(self, preflight_only: bool = False) -> None:
        from editor.compose import compose

        output = self.output.text().strip()
        if preflight_only:
            output = output or "preflight.pdf"
        elif not output:
            self._fail(self.tr("请先选择输出文件。"))
            return
        if not output.lower().endswith(".pdf"):
            output += ".pdf"
            self.output.setText(output)
        folder = Path(output).parent
        if not folder.is_dir() and not preflight_only:
            self._fail(self.tr("文件夹 %1 不存在。请选择已有的文件夹。").replace("%1", str(folder)))
            return
        if not preflight_only and Path(output).exists() and not self._may_replace(output):
            return
        if not any(s.documents for s in self.issue.sections):
            self._fail(self.tr("本期还没有文件。请先导入 Word 文件。"))
            return
        self.error = None
        self.result_path = None
        publication = compose(self.issue)
        self.worker = ExportThread(
            publication,
            self.template.currentText().strip() or self.issue.template,
            output,
            self.bleed.isChecked(),
            self.crop_marks.isChecked(),
            current_language(),
            self._proof_job(),
            self.kind(),
            self.impose.isChecked(),
            preflight_only,
        )
        self.worker.checked.connect(self._show_findings)
        self.worker.progressed.connect(self._progress)
        self.worker.succeeded.connect(self._done)
        self.worker.failed.connect(self._failed)
        for w in self._inputs():
            w.setEnabled(False)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("正在排版…"))
        self._busy = True
        self.worker.start()

    def _may_replace(self, output: str) -> bool:
        """An existing file is replaced only when the user says so (it may be another issue's PDF)."""
        if self.replace_existing:
            return True
        text = self.tr("“%1”已存在。要用本期的 PDF 替换它吗？").replace("%1", Path(output).name)
        if not self.ask:
            self._fail(text)
            return False
        answer = QMessageBox.question(
            self,
            self.tr("文件已存在"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _inputs(self) -> list[QWidget]:
        return [
            self.export_button,
            self.template,
            self.output_kind,
            self.bleed,
            self.crop_marks,
            self.impose,
            self.output,
            self.browse,
            self.preflight_button,
        ]

    def _proof_job(self) -> ProofJob | None:
        return None

    def cancel(self) -> None:
        if self.running() and self.worker is not None:
            self.worker.cancelled = True
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
        if self.worker is not None:
            self.worker.wait()
        self._busy = False
        for w in self._inputs():
            w.setEnabled(w is not self.template or self.template_choice)
        self._kind_changed()
        self.progress.setRange(0, 1)

    def _done(self, path: str, pages: int) -> None:
        self.padding = self.worker.padding if self.worker is not None else None
        self._finish_thread()
        self.progress.setValue(1)
        if pages < 0:  # a preflight: nothing written, the dialog stays open with the findings
            self.status.setText(self.tr("印前检查完成：%1 项。").replace("%1", str(len(self.findings or []))))
            return
        self.result_path = path
        self.status.setText(self.tr("已导出 %1 页：%2").replace("%1", str(pages)).replace("%2", path))
        pad = self.padding
        if pad is not None and pad.blank_pages + pad.blank_back_cover:
            added = str(pad.blank_pages + int(pad.blank_back_cover))
            self.status.setText(self.status.text() + self.tr("（为装订补了 %1 个白页）").replace("%1", added))
        self._exported_extra()
        self.exported.emit(path)
        if self.open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))
        self.accept()

    def _exported_extra(self) -> None:
        """Hook for what a subclass keeps from a finished export (the proof round)."""

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


class ProofExportDialog(ExportDialog):
    """导出校样: the round and its date, bleed and crop marks, output file.

    The template is the issue's own and cannot be changed here (see the module docstring).
    When the export is done the recorded round is emitted as `proofRecorded`; whoever owns
    the undo stack turns it into a RecordProof.
    """

    proofRecorded = Signal(object)  # noqa: N815 - Qt naming; a ProofRecord

    def __init__(self, issue: Issue, default_path: str, parent: QWidget | None = None) -> None:
        self.round = QSpinBox()
        self.date = QDateEdit()
        self.round_label = QLabel()
        self.date_label = QLabel()
        self.record: ProofRecord | None = None
        super().__init__(issue, default_path, parent)
        self.setObjectName("proofExportDialog")
        self.template_choice = False
        self.template.setCurrentText(issue.template)
        self.template.setEnabled(False)
        for widget in (self.output_kind, self.impose):  # a proof is always the screen PDF
            self.form.setRowVisible(widget, False)
        self.preflight_button.setVisible(False)
        self.round.setRange(1, 99)
        self.round.setValue(issue.next_proof_round())
        self.round.valueChanged.connect(self._round_changed)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        today = _dt.date.today()
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.form.insertRow(0, self.round_label, self.round)
        self.form.insertRow(1, self.date_label, self.date)
        self._auto_path = default_path
        self.retranslate()
        self._round_changed(self.round.value())

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "_auto_path"):
            return  # the base class's constructor: our rows are not in place yet
        self.setWindowTitle(self.tr("导出校样"))
        self.round_label.setText(self.tr("校次："))
        self.date_label.setText(self.tr("校样日期："))
        self.export_button.setText(self.tr("导出校样"))
        self.template.setToolTip(self.tr("校样使用本期的版式模板，与校样窗口一致，以便下一校比较页面变化。"))
        self._round_changed(self.round.value())

    def default_name(self, rnd: int) -> str:
        i = self.issue
        return (
            self.tr("%1%2年第%3期-第%4校.pdf")
            .replace("%1", i.gazette.name or "gazette")
            .replace("%2", str(i.year))
            .replace("%3", str(i.number))
            .replace("%4", str(rnd))
        )

    def _round_changed(self, rnd: int) -> None:
        """Follow the round in the file name unless the editor typed a name of their own."""
        if self.output.text() == self._auto_path:
            self._auto_path = str(Path(self._auto_path).with_name(self.default_name(rnd)))
            self.output.setText(self._auto_path)
        if any(p.round == rnd for p in self.issue.proofs) and not self.running():
            self.status.setText(
                self.tr("第%1校已导出过；再次导出会替换它记录的页面。").replace("%1", str(rnd))
            )
        elif not self.running():
            self.status.setText("")

    def _inputs(self) -> list[QWidget]:
        return [*super()._inputs(), self.round, self.date]

    def _proof_job(self) -> ProofJob:
        # a private copy: the worker records the round there, the editor keeps editing the original
        return ProofJob(
            copy.deepcopy(self.issue), self.round.value(), self.date.date().toString("yyyy-MM-dd")
        )

    def _exported_extra(self) -> None:
        self.record = self.worker.record if self.worker is not None else None
        if self.record is not None:
            self.proofRecorded.emit(self.record)
