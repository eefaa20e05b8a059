"""Screenshots of the editor for the documentation, taken from the real window.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python -m editor.gui.screenshots docs/images
    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python -m editor.gui.screenshots docs/images --sizes

Opens the reference issue, waits for the layout, and grabs the window twice: a body page
of document 3 next to its editor (editor-main.png) and the cover with its TOC and board
(editor-cover.png). Settings go to a temporary folder so the user's own are untouched.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from editor.findings import Location
from editor.locate import ref_of
from editor.model import Role

from .app import make_application
from .i18n import install_language
from .main_window import MainWindow

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "hld-2018-02.txt"


def _wait(app: QApplication, until, timeout: float = 120.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if until():
            return True
        time.sleep(0.02)
    return False


def take(folder: Path, issue: Path = SEED) -> list[Path]:
    app = make_application()
    install_language("zh")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        w = MainWindow(QSettings(str(Path(tmp) / "editor.ini"), QSettings.Format.IniFormat))
        w.ask = False
        w.resize(1600, 1000)
        w.show()
        if not w.open_path(str(issue)):
            raise SystemExit(getattr(w, "last_error", "cannot open the issue"))
        if not _wait(app, lambda: w.book is not None and not w.relayout.is_busy()):
            raise SystemExit("the layout did not finish")
        w.resizeDocks([w.tree_dock, w.proof_dock], [370, 640], Qt.Orientation.Horizontal)
        doc = w.session.issue.documents()[2]
        w.tree.select_document(doc.id)
        heading = next((i for i, b in enumerate(doc.blocks) if b.role == Role.HEADING1), 0)
        w.editor.body.goto_block(heading, top=True)
        _wait(app, lambda: False, 1.0)
        w.proof.show_key(ref_of(Location(doc.id, "block", heading)))
        _wait(app, lambda: False, 2.0)
        # a worker thread draws the pages and thumbnails
        _wait(app, lambda: w.proof.thumbnails_pending() == 0 and w.proof.pages_pending() == 0, 30.0)
        main = folder / "editor-main.png"
        w.grab().save(str(main))
        w.proof.show_page(0)
        _wait(app, lambda: False, 2.0)
        _wait(app, lambda: w.proof.thumbnails_pending() == 0 and w.proof.pages_pending() == 0, 30.0)
        cover = folder / "editor-cover.png"
        w.grab().save(str(cover))
        changes = _changes_shot(app, w, folder, Path(tmp))
        w.shutdown()
    return [main, cover, changes]


def _changes_shot(app: QApplication, w: MainWindow, folder: Path, tmp: Path) -> Path:
    """Proof round 1 exported, one sentence added in document 3, 工具 → 与校样比较 open."""
    dialog = w.export_proof_dialog()
    dialog.open_folder = False
    dialog.output.setText(str(tmp / "proof-1.pdf"))
    dialog.start()
    if not _wait(app, lambda: not dialog.running()) or dialog.error is not None:
        raise SystemExit(f"the proof export failed: {dialog.error}")
    book = w.book
    doc = w.session.issue.documents()[2]
    w.tree.select_document(doc.id)
    index = max(
        (i for i, b in enumerate(doc.blocks) if b.role == Role.PARAGRAPH),
        key=lambda i: len(doc.blocks[i].text),
    )
    w.editor.body.goto_block(index, len(doc.blocks[index].text), top=True)
    w.editor.body.insertPlainText("各地区各部门要按照时间节点抓好落实，确保各项任务如期完成。")
    w.refresh_proof()
    if not _wait(app, lambda: w.book is not book and not w.relayout.is_busy()):
        raise SystemExit("the layout did not finish")
    w.show_changes()
    w.resizeDocks([w.changes_dock], [230], Qt.Orientation.Vertical)
    _wait(app, lambda: False, 0.5)
    first = w.changes.tree.topLevelItem(0)
    if first is not None:
        w.changes.tree.setCurrentItem(first)
        w.changes._activate(first)
    _wait(app, lambda: False, 2.0)
    path = folder / "editor-changes.png"
    w.grab().save(str(path))
    return path


def window_sizes(folder: Path, issue: Path = SEED) -> list[Path]:
    """The first-run window at 1366×768 and 1920×1080 (tree, form, proof, findings must not clip),
    the findings dock after 修正全部同类, and 查找和替换 with its hits in context."""
    app = make_application()
    install_language("zh")
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    for width, height in ((1366, 768), (1920, 1080)):
        with tempfile.TemporaryDirectory() as tmp:
            w = MainWindow(QSettings(str(Path(tmp) / "editor.ini"), QSettings.Format.IniFormat))
            w.ask = False
            w.resize(width, height)
            w.show()
            w.first_run_layout()
            if not w.open_path(str(issue)):
                raise SystemExit(getattr(w, "last_error", "cannot open the issue"))
            w.show_findings()
            if not _wait(app, lambda w=w: w.book is not None and not w.relayout.is_busy()):
                raise SystemExit("the layout did not finish")
            _wait(app, lambda w=w: not w.findings.runner.is_busy() and bool(w.findings.findings), 60)
            w.tree.select_document(w.session.issue.documents()[1].id)
            _wait(app, lambda: False, 1.5)
            path = folder / f"editor-{width}x{height}.png"
            w.grab().save(str(path))
            out.append(path)
            if width == 1920:
                out += _comfort_shots(app, w, folder)
            w.shutdown()
    return out


def _comfort_shots(app: QApplication, w: MainWindow, folder: Path) -> list[Path]:
    panel = w.findings
    index = next(i for i, f in enumerate(panel.shown_findings()) if f.check == "space-cjk")
    panel.select_index(index)
    panel.fix_all_of_selected_check()
    _wait(app, lambda: False, 1.0)
    fix_all = folder / "editor-fix-all.png"
    w.findings_dock.grab().save(str(fix_all))
    dialog = w.show_find(replace=True)
    dialog.find_edit.setText("葫芦岛市人民政府")
    dialog.search()
    dialog.replace_edit.setText("青禾市人民政府")
    dialog.resize(760, 460)
    _wait(app, lambda: False, 0.5)
    find = folder / "editor-find-replace.png"
    dialog.grab().save(str(find))
    return [fix_all, find]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
    out = window_sizes(target) if "--sizes" in sys.argv else take(target)
    print("\n".join(str(p) for p in out))
