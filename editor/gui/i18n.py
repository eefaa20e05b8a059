"""UI language: Chinese is the source language of every tr() string, English comes from a .qm.

The .ts sources live in resources/translations/; the .qm files are build products, made by
lrelease (the venv's pyside6-lrelease, or Qt's own) into the same folder or, when that is not
writable, into a cache folder, and rebuilt whenever the .ts is newer. Qt's own translations
(button boxes, context menus) are installed too so a dialog never mixes languages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES = {"zh": "中文", "en": "English"}
_PROPERTY = "gazetteLanguage"


def _lrelease() -> list[str] | None:
    venv_tool = Path(sys.executable).with_name("pyside6-lrelease")
    for candidate in (
        str(venv_tool),
        shutil.which("pyside6-lrelease"),
        "/usr/lib/qt6/bin/lrelease",
        shutil.which("lrelease"),
    ):
        if candidate and Path(candidate).exists():
            return [candidate]
    return None


def qm_path(lang: str) -> Path | None:
    """The compiled catalogue for a language, (re)built from its .ts when missing or stale."""
    ts = TRANSLATIONS / f"gazette_{lang}.ts"
    if not ts.exists():
        return None
    targets = [TRANSLATIONS / f"gazette_{lang}.qm"]
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    if cache:
        targets.append(Path(cache) / "translations" / f"gazette_{lang}.qm")
    for qm in targets:
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            return qm
    tool = _lrelease()
    if tool is None:
        return None
    for qm in targets:
        try:
            qm.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(qm.parent, os.W_OK):
                continue
            subprocess.run(
                [*tool, "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True, timeout=60
            )
            if qm.exists():
                return qm
        except (OSError, subprocess.SubprocessError):
            continue
    return None


def install_language(lang: str) -> bool:
    """Install the translators for `lang` ("zh" or "en"); returns False when English is unavailable."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    if app.property(_PROPERTY) == lang:
        return True  # already installed: no LanguageChange storm through every widget
    for old in app.findChildren(QTranslator, "gazetteTranslator"):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    ok = True
    if lang == "en":
        qm = qm_path("en")
        translator = QTranslator(app)
        translator.setObjectName("gazetteTranslator")
        if qm is not None and translator.load(str(qm)):
            QCoreApplication.installTranslator(translator)
        else:
            ok = False
            lang = "zh"
    qt = QTranslator(app)
    qt.setObjectName("gazetteTranslator")
    locale = QLocale(
        QLocale.Language.English if lang == "en" else QLocale.Language.Chinese,
        QLocale.Country.China if lang == "zh" else QLocale.Country.UnitedStates,
    )
    if lang == "zh" and qt.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        QCoreApplication.installTranslator(qt)
    app.setProperty(_PROPERTY, lang)
    return ok


def current_language() -> str:
    app = QCoreApplication.instance()
    value = app.property(_PROPERTY) if app is not None else None
    return value if value in LANGUAGES else "zh"
