"""A real editor window (offscreen) with its own settings folder, for the GUI tests."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from editor.gui.app import make_application  # noqa: E402
from editor.gui.i18n import install_language  # noqa: E402
from editor.gui.main_window import MainWindow  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"
DOCX = ROOT.parent / "shared" / "corpus" / "docx" / "wbj__附件1.docx"


def new_window(qtbot, settings_dir: Path) -> MainWindow:
    make_application()
    install_language("zh")
    w = MainWindow(QSettings(str(settings_dir / "editor.ini"), QSettings.Format.IniFormat))
    w.ask = False
    w.tree.ask = False
    qtbot.addWidget(w)
    w.resize(1400, 900)
    return w
