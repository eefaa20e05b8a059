"""Problems the layout library reports to whoever drives it.

Each carries one complete line in Chinese and in English, because the caller (a CLI or a GUI
in either language) must show one clear sentence and the library cannot know the language.
"""

from __future__ import annotations


class LayoutProblem(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


class FontError(LayoutProblem):
    """No usable font for a role, or a font file that cannot be read."""


class TemplateError(LayoutProblem):
    """A template that is missing or malformed."""


class LayoutError(LayoutProblem):
    """The layout cannot be completed, e.g. the TOC and the pages do not agree."""
