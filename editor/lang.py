"""The user's language outside the GUI: Chinese unless GAZETTE_LANG or LANG asks for English.

A leaf module (it imports nothing of ours) so that every layer that words a message for the
command line can ask, without importing the CLI. The GUI follows Qt's translator instead
(gui/i18n.py), which starts from the same setting.
"""

from __future__ import annotations

import os


def ui_lang() -> str:
    """ "en" or "zh", from GAZETTE_LANG, else LANG."""
    lang = os.environ.get("GAZETTE_LANG") or os.environ.get("LANG", "")
    return "en" if lang.lower().startswith("en") else "zh"


def say(zh: str, en: str) -> str:
    """The message in the user's language."""
    return en if ui_lang() == "en" else zh
