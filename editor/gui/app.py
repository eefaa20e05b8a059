"""The editor application: Qt setup, language, crash recovery, the main window.

main.py calls run() for a plain `python main.py [ISSUE]`. High-DPI scaling is on by
default in Qt 6; fractional scale factors are passed through so 150 % screens get crisp
text rather than a blurred 200 %.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from .i18n import install_language
from .main_window import MainWindow, default_settings
from .styles import HEITI, installed

APP_NAME = "GazettePress"


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else None
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        QCoreApplication.setOrganizationName(APP_NAME)
        QCoreApplication.setApplicationName("editor")
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("公报编排")
    font = QFont(app.font())
    font.setFamilies([*installed(tuple(HEITI)), *font.families()])  # a CJK UI font: no tofu labels
    app.setFont(font)
    return app


def run(path: str | None = None) -> int:
    """Start the editor, optionally with an issue; returns the exit code."""
    app = make_application()
    settings = default_settings()
    install_language(str(settings.value("language", "zh")))
    window = MainWindow(settings)
    window.show()

    def start() -> None:
        if not window.offer_recovery() and path:
            window.open_path(str(Path(path)))

    QTimer.singleShot(0, start)
    return app.exec()
