"""The export dialog's print choice and preflight, with real widgets (offscreen): the print PDF
it writes passes the outside PDF/X check; the preflight lists the page count for binding; every
new string has its English translation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pikepdf  # noqa: E402
import pytest  # noqa: E402

from editor.gui.i18n import install_language  # noqa: E402
from tests.gui_window import new_window  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "hld-2018-02.txt"
PDFX = SHARED / "checks" / "check_pdfx.py"
TIMEOUT = 120_000


@pytest.fixture
def window(qtbot, tmp_path):
    w = new_window(qtbot, tmp_path / "settings")
    w.show()
    assert w.open_path(str(SEED)), getattr(w, "last_error", "")
    yield w
    w.shutdown()
    install_language("zh")


def _wait(qtbot, dialog):
    qtbot.waitUntil(lambda: not dialog.running(), timeout=TIMEOUT)


def test_print_export_writes_pdfx_with_blanks_and_imposition(qtbot, window, tmp_path):
    dialog = window.export_dialog()
    dialog.open_folder = False
    out = tmp_path / "print.pdf"
    dialog.output.setText(str(out))
    assert dialog.kind() == "screen" and not dialog.impose.isEnabled()  # the default stays screen
    dialog.output_kind.setCurrentIndex(1)
    assert dialog.kind() == "print" and dialog.impose.isEnabled()
    dialog.impose.setChecked(True)
    dialog.start()
    _wait(qtbot, dialog)
    assert dialog.error is None and dialog.result_path == str(out), dialog.error
    r = subprocess.run([sys.executable, str(PDFX), str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout
    pad = dialog.padding
    assert pad is not None and pad.pages % 4 == 0 and pad.blank_pages == -pad.pages_laid_out % 4 > 0
    assert len(pikepdf.open(out).pages) == pad.pages
    assert len(pikepdf.open(tmp_path / "print-imposed.pdf").pages) == pad.pages // 2
    # the preflight ran on the way: the page count for saddle stitching is among its findings
    assert [f.check for f in dialog.findings] == ["page-count"]


def test_preflight_lists_findings_without_writing(qtbot, window, tmp_path):
    dialog = window.export_dialog()
    dialog.open_folder = False
    dialog.output.setText(str(tmp_path / "never.pdf"))
    dialog.run_preflight()
    _wait(qtbot, dialog)
    assert not (tmp_path / "never.pdf").exists() and dialog.result_path is None
    assert not dialog.preflight_list.isHidden() and dialog.preflight_list.count() == 1
    n = int(
        dialog.findings[0].subject
    )  # the laid-out page count; the print output pads it to a multiple of 4
    assert (
        f"{n} 页" in dialog.preflight_list.item(0).text()
        and f"{n + -n % 4} 页" in dialog.preflight_list.item(0).text()
    )
    assert dialog.result() == 0  # a preflight neither accepts nor closes the dialog


def test_new_export_strings_are_translated(window):
    install_language("en")
    dialog = window.export_dialog()
    texts = [dialog.output_kind.itemText(i) for i in range(2)]
    texts += [
        dialog.bleed.text(),
        dialog.crop_marks.text(),
        dialog.impose.text(),
        dialog.preflight_button.text(),
    ]
    assert all(t and not any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts), texts


def test_the_proof_dialog_offers_no_print_output(window):
    dialog = window.export_proof_dialog()
    assert dialog.kind() == "screen"
    assert dialog.output_kind.isHidden() or not dialog.form.isRowVisible(dialog.output_kind)
    assert not dialog.form.isRowVisible(dialog.impose) and dialog.preflight_button.isHidden()
