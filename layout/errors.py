"""Problems reported to whoever drives the code: one complete line in Chinese and in English.

The caller (a CLI or a GUI in either language) must show one clear sentence, and the code
that finds the problem cannot know the language, so it says both. `Problem` is shared by
the layout library and the editor's own errors (editor.errors.UserError).
"""

from __future__ import annotations

from dataclasses import dataclass


class Problem(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


class LayoutProblem(Problem):
    """Anything the layout library cannot do with its input."""


class FontError(LayoutProblem):
    """No usable font for a role, or a font file that cannot be read."""


class TemplateError(LayoutProblem):
    """A template that is missing or malformed."""


class LayoutError(LayoutProblem):
    """The layout cannot be completed, e.g. the TOC and the pages do not agree."""


@dataclass(frozen=True)
class Notice:
    """A message that is not an error (a warning, a report line, a note): Chinese and English.

    Like `Problem`, the code that words it cannot know the reader's language, so it says both
    and whoever shows it picks one with `message(lang)`, as for a Problem or a Finding. A value,
    not an exception, so it can be collected (Book.warnings, Document.report, Issue.notes)."""

    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh
