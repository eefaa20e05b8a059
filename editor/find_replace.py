"""Find and replace across the whole issue: document fields and paragraphs, plain text or regex.

Qt-free: the GUI shows the hits with their context and turns a replace-all into one undo step
(the changes go through `Issue.set_texts`). Tables and images are not searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import UserError
from .model import TEXT_ROLES, Issue

SEARCHED_FIELDS = ("issuer", "number", "title", "toc_title", "recipients")


@dataclass(frozen=True)
class Hit:
    """One match of a search: the document, the part and the span of text it is in."""

    doc: str
    part: str  # "block" or a field name
    block: int | None
    start: int
    end: int
    text: str  # the whole text the hit is in

    def context(self, width: int = 14) -> tuple[str, str, str]:
        """(before, the hit, after), cut to `width` characters each side."""
        before = self.text[max(0, self.start - width) : self.start]
        after = self.text[self.end : self.end + width]
        if self.start > width:
            before = "…" + before
        if self.end + width < len(self.text):
            after += "…"
        return before, self.text[self.start : self.end], after


def compile_query(query: str, regex: bool = False, case_sensitive: bool = True) -> re.Pattern[str]:
    """The search as a pattern; a broken regular expression is one clear line."""
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        return re.compile(query if regex else re.escape(query), flags)
    except re.error as e:
        raise UserError(
            f"正则表达式有误：{e.msg}（第 {(e.pos or 0) + 1} 个字符）。请修改查找内容。",
            f"The regular expression is not valid: {e.msg} (at character {(e.pos or 0) + 1}). Change it.",
        ) from None


def _texts(issue: Issue) -> Iterator[tuple[str, str, int | None, str]]:
    for doc in issue.documents():
        for name in SEARCHED_FIELDS:
            value = getattr(doc, name)
            if value:
                yield doc.id, name, None, value
        for i, block in enumerate(doc.blocks):
            if block.role in TEXT_ROLES and block.text:
                yield doc.id, "block", i, block.text


def find(issue: Issue, pattern: re.Pattern[str], limit: int = 10_000) -> list[Hit]:
    """Every non-empty match, in reading order (at most `limit`)."""
    hits: list[Hit] = []
    for doc_id, part, index, text in _texts(issue):
        for m in pattern.finditer(text):
            if m.end() > m.start():
                hits.append(Hit(doc_id, part, index, m.start(), m.end(), text))
                if len(hits) >= limit:
                    return hits
    return hits


def replace_all(
    issue: Issue, pattern: re.Pattern[str], replacement: str, regex: bool = False
) -> tuple[list[tuple[str, str, int | None, str]], int]:
    """The changes (for Issue.set_texts) that replace every match, and how many matches.

    With `regex`, the replacement may name groups (\\1, \\g<name>); otherwise it is literal.
    """
    changes: list[tuple[str, str, int | None, str]] = []
    total = 0

    def literal(_m: re.Match[str]) -> str:
        return replacement

    for doc_id, part, index, text in _texts(issue):
        try:
            new, n = pattern.subn(replacement if regex else literal, text)
        except (re.error, IndexError) as e:
            raise UserError(
                f"替换内容有误：{e}。请检查其中的 \\1 等分组引用。",
                f"The replacement is not valid: {e}. Check its group references such as \\1.",
            ) from None
        if n and new != text:
            changes.append((doc_id, part, index, new))
            total += n
    return changes, total
