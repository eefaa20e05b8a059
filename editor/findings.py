"""Findings: what a check reports, where it is, and the fix it offers.

Every check, content or layout, produces the same Finding values, so the CLI, the GUI
findings panel, the build report and the proof PDF all show one list. A Location names a
document part (and, once laid out, its page); a Fix is a local, re-resolvable correction
applied through the model's own setters.

Each check has a stable id (e.g. "doc-number-brackets") because editors ignore findings
by id and location, and those ignores are saved in the issue file: renaming an id would
silently un-ignore what an editor already decided about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum

from .model import TEXT_ROLES, Document, IgnoredFinding, Issue, Role
from .official import (
    FIELD_NAMES_ZH,
)


class Severity(StrEnum):
    ERROR = "error"  # the printed issue would be wrong: must be fixed before printing
    WARNING = "warning"  # probably wrong: look at it
    NOTE = "note"  # worth a look, often fine


SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTE: "提示"}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


@dataclass(frozen=True)
class Location:
    """Where a finding is: a document part, a character in it, and its page once laid out.

    `part` is "block" (then `block` is the index into Document.blocks), "cell" (a table
    cell: `block` is the table's index, `cell` the row and the cell's place in that row), a
    document field name (issuer, number, title, toc_title, recipients), "section" (then
    `section` is its index), or "" for the issue or layout as a whole.
    """

    doc: str = ""
    part: str = ""
    block: int | None = None
    offset: int | None = None
    section: int | None = None
    page: int | None = None  # index into Book.pages
    folio: int | None = None  # printed page number of that page
    cell: tuple[int, int] | None = None  # (row, cell) inside the table at `block`, for part "cell"

    def describe(self, lang: str = "zh") -> str:
        en = lang.startswith("en")
        bits: list[str] = []
        if self.folio is not None:
            bits.append(f"p. {self.folio}" if en else f"第{self.folio}页")
        elif self.page is not None:
            bits.append(f"page #{self.page + 1}" if en else f"PDF第{self.page + 1}页")
        if self.doc:
            bits.append(self.doc)
        if self.part == "block" and self.block is not None:
            bits.append(f"paragraph {self.block + 1}" if en else f"第{self.block + 1}段")
        elif self.part == "cell" and self.block is not None and self.cell is not None:
            r, c = self.cell
            bits.append(
                f"table (paragraph {self.block + 1}) row {r + 1} cell {c + 1}"
                if en
                else f"第{self.block + 1}段表格第{r + 1}行第{c + 1}格"
            )
        elif self.part == "section" and self.section is not None:
            bits.append(f"section {self.section + 1}" if en else f"第{self.section + 1}个栏目")
        elif self.part:
            bits.append(self.part if en else FIELD_NAMES_ZH.get(self.part, self.part))
        if self.offset is not None:
            bits.append(f"char {self.offset + 1}" if en else f"第{self.offset + 1}字")
        return " ".join(bits) if en else "，".join(bits)


@dataclass(frozen=True)
class Fix:
    """A safe, local correction: replace the fragment `old` near `offset` by `new`.

    A fragment rather than a whole new text, so that a fix stays applicable after other
    fixes changed the same paragraph; `resolve` finds the occurrence nearest the offset and
    returns None when the fragment is gone (the text changed since the check ran).
    """

    doc: str
    part: str  # "block" or a Document field name
    block: int | None
    old: str
    new: str
    offset: int
    zh: str
    en: str
    cell: tuple[int, int] | None = None  # (row, cell) for part "cell"

    def current_text(self, issue: Issue) -> str:
        d = issue.document(self.doc)
        if self.part == "block":
            if self.block is None:
                raise IndexError("a block fix without a block index")
            return d.blocks[self.block].text
        if self.part == "cell" and self.cell is not None and self.block is not None:
            r, c = self.cell
            table = d.blocks[self.block].table
            if table is None:
                raise IndexError("a cell fix on a block without a table")
            return table.rows[r][c].text
        return str(getattr(d, self.part))

    def resolve(self, issue: Issue) -> str | None:
        """The whole new text of the part, or None when the fix no longer applies."""
        try:
            text = self.current_text(issue)
        except (KeyError, IndexError, TypeError):
            return None
        if not self.old:
            return None
        starts = [m.start() for m in re.finditer(re.escape(self.old), text)]
        if not starts:
            return None
        at = min(starts, key=lambda s: abs(s - self.offset))
        return text[:at] + self.new + text[at + len(self.old) :]

    def apply(self, issue: Issue) -> str | None:
        """Apply through the model's own setters (what an undo command calls); returns the old text."""
        new = self.resolve(issue)
        if new is None:
            return None
        if self.part == "block" and self.block is not None:
            return issue.set_block_text(self.doc, self.block, new)
        if self.part == "cell" and self.cell is not None and self.block is not None:
            row, col = self.cell
            return issue.set_cell_text(self.doc, self.block, row, col, new)
        return issue.set_document_field(self.doc, self.part, new)

    def describe(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


@dataclass
class Finding:
    """One thing a check found: where, how bad, what it says in both languages and its fix."""

    check: str
    severity: Severity
    location: Location
    zh: str
    en: str
    subject: str = ""  # the offending text, shown and used to recognise the finding again
    fix: Fix | None = None

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    def ignore_key(self) -> str:
        """What IgnoredFinding.location holds: stable across unrelated edits and re-layouts.

        No page and no offset: those move whenever anything before them changes.
        """
        loc = self.location
        where = loc.part
        if loc.part == "block" and loc.block is not None:
            where = f"block{loc.block}"
        elif loc.part == "section" and loc.section is not None:
            where = f"section{loc.section}"
        elif loc.part == "cell" and loc.block is not None and loc.cell is not None:
            where = f"block{loc.block}/{loc.cell[0]}.{loc.cell[1]}"
        return f"{loc.doc}/{where}/{self.subject}"

    def ignored_as(self, reason: str) -> IgnoredFinding:
        """The record that the editor judged this finding fine (keep it with Issue.ignore)."""
        return IgnoredFinding(self.check, self.ignore_key(), reason)

    def to_dict(self, lang: str = "zh") -> dict:
        d = {
            "check": self.check,
            "severity": str(self.severity),
            "message": self.message(lang),
            "message_zh": self.zh,
            "message_en": self.en,
            "subject": self.subject,
            "location": asdict(self.location),
            "where": self.location.describe(lang),
        }
        if self.fix is not None:
            d["fix"] = {"description": self.fix.describe(lang), "old": self.fix.old, "new": self.fix.new}
        return d


# ---- the runner ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TextUnit:
    """One piece of checked text: a document field or a body block."""

    doc: Document
    part: str
    block: int | None
    text: str
    role: Role | None = None
    cell: tuple[int, int] | None = None  # (row, cell) of a table cell's text

    def loc(self, offset: int | None = None) -> Location:
        return Location(doc=self.doc.id, part=self.part, block=self.block, offset=offset, cell=self.cell)

    def fix(self, old: str, new: str, offset: int, zh: str, en: str) -> Fix:
        return Fix(self.doc.id, self.part, self.block, old, new, offset, zh, en, self.cell)

    def change_to(self, old: str, new: str, offset: int) -> Fix:
        """The usual fix, described by what the fragment becomes."""
        return self.fix(old, new, offset, f"改为“{new}”", f"Change to “{new}”")


PROSE_FIELDS = ("title", "toc_title", "recipients")


def text_units(doc: Document, fields: Iterable[str] = PROSE_FIELDS) -> Iterator[TextUnit]:
    for name in fields:
        value = getattr(doc, name)
        if value:
            yield TextUnit(doc, name, None, value)
    for i, b in enumerate(doc.blocks):
        if b.role in TEXT_ROLES and b.text:
            yield TextUnit(doc, "block", i, b.text, b.role)
        elif b.role == Role.TABLE and b.table is not None:  # cells are printed text too
            for r, row in enumerate(b.table.rows):
                for c, cell in enumerate(row):
                    if cell.text:
                        yield TextUnit(doc, "cell", i, cell.text, Role.TABLE, (r, c))


def visible(issue: Issue, findings: Iterable[Finding]) -> list[Finding]:
    """Findings the editor has not ignored."""
    ignored = {(i.check, i.location) for i in issue.ignored}
    return [f for f in findings if (f.check, f.ignore_key()) not in ignored]


def sort_findings(findings: Iterable[Finding], issue: Issue | None = None) -> list[Finding]:
    order = {d.id: n for n, d in enumerate(issue.documents())} if issue else {}

    def key(f: Finding):
        loc = f.location
        return (
            loc.page if loc.page is not None else 10**6,
            order.get(loc.doc, 10**6),
            -1 if loc.part != "block" else (loc.block or 0),
            loc.offset or 0,
            SEVERITY_ORDER[f.severity],
            f.check,
        )

    return sorted(findings, key=key)
