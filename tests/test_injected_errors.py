"""`check` against real documents with injected mistakes: recall and precision, as a test.

The govdocs corpus (../shared/corpus/govdocs, 15 real documents the recogniser was never
tuned on) is taken as correct. Every injector of tests/error_injection.py puts one mistake
into each document where it applies, at several places; the document goes through the real
importer (as .txt, and as a .docx written like an office's) and `check` runs on it. A
finding that was not there before the injection and sits in the paragraph or field holding
the mistake names it; any other new finding flags correct text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from editor import checks
from editor.docx_import import import_docx
from editor.importing import import_document
from editor.model import Document, Issue, Section

from .error_injection import INJECTORS, inject
from .test_docx_govdocs import write_docx

GOVDOCS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "govdocs"
FILES = sorted(GOVDOCS.glob("[0-9][0-9].txt"))
PICKS = (0, 1, 2)
# as .docx, the mistakes whose recognition depends on the Word importer's head and closing logic;
# mistakes inside sentences read the same from both importers and are measured on .txt
DOCX_KINDS = [k for k in INJECTORS if k.startswith(("number", "date", "heading", "recipients"))]

pytestmark = pytest.mark.skipif(not FILES, reason="../shared/corpus/govdocs is not present")


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
    return [line.strip() for line in text.splitlines() if line.strip()]


def _import(lines: list[str], kind: str, tmp: Path, number_at: int | None = None) -> Document:
    if kind == "txt":
        path = tmp / "doc.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return import_document(path, "d1")[0]
    return import_docx(write_docx(lines, number_at).save(tmp / "doc.docx"), "d1")[0]


def _part_text(doc: Document, f: checks.Finding) -> str:
    loc = f.location
    if loc.part == "block" and loc.block is not None:
        return doc.blocks[loc.block].text
    if loc.part == "cell" and loc.block is not None and loc.cell is not None:
        return doc.blocks[loc.block].table.rows[loc.cell[0]][loc.cell[1]].text
    return getattr(doc, loc.part, "") if loc.part else ""


def _key(doc: Document, f: checks.Finding) -> tuple:
    return (f.check, f.location.part, _part_text(doc, f), f.subject)


def _findings(doc: Document) -> list[checks.Finding]:
    return checks.check_content(Issue(year=2019, number=1, sections=[Section("s", [doc])]))


def measure(kind: str, tmp: Path) -> tuple[Counter, list[str], list[str]]:
    """(counts of injected/named/false, what was missed, what was falsely flagged)."""
    counts: Counter = Counter()
    missed: list[str] = []
    false: list[str] = []
    for path in FILES:
        lines = _lines(path)
        if kind == "docx" and any(line.startswith("[表格") for line in lines):
            continue  # writing big tables with python-docx is slow; the text kinds cover those files
        base = _import(lines, kind, tmp)
        before = Counter(_key(base, f) for f in _findings(base))
        seen: set[tuple[str, ...]] = set()
        for name in INJECTORS if kind == "txt" else DOCX_KINDS:
            for pick in PICKS if kind == "txt" else PICKS[:1]:
                got = inject(name, lines, pick)
                if got is None or tuple(got.lines) in seen:
                    continue
                seen.add(tuple(got.lines))
                doc = _import(got.lines, kind, tmp, got.line if name.startswith("number") else None)
                new = Counter(_key(doc, f) for f in _findings(doc)) - before
                at = [k for k in new if got.fragment in k[2]]
                counts["injected"] += 1
                counts[f"injected:{name}"] += 1
                if at:
                    counts["named"] += 1
                else:
                    missed.append(f"{path.name} {name}: {got.fragment!r} in {got.lines[got.line][:40]!r}")
                others = [k for k in new if got.fragment not in k[2]]
                counts["false"] += sum(new[k] for k in others)
                false += [f"{path.name} {name}: {k[0]} {k[3]!r} in {k[2][:40]!r}" for k in others]
    return counts, missed, false


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_check_names_injected_errors_and_flags_no_correct_text(tmp_path, kind):
    counts, missed, false = measure(kind, tmp_path)
    recall = counts["named"] / counts["injected"]
    flagged = counts["named"] + counts["false"]
    precision = counts["named"] / flagged if flagged else 1.0
    print(
        f"\n{kind}: {counts['injected']} injected errors, {len(INJECTORS)} kinds x {len(FILES)} documents; "
        f"recall {recall:.3f}, precision {precision:.3f}, false flags {counts['false']}"
    )
    assert counts["injected"] >= (300 if kind == "txt" else 100)
    assert recall >= 0.95, missed
    assert not false, false
