"""Errors caused by the user's input: a damaged file, a wrong format, a missing file.

Each carries one complete line in Chinese and in English (what is wrong, what to do), so
the CLI and the GUI show a sentence in the user's language and never a traceback.
"""

from __future__ import annotations


class UserError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh
