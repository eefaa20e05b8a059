"""Held-out real 公文 (../shared/corpus/govdocs) written as Word files the way an office formats
them, then imported: title, number, date and tables recognised, and no text lost.

The texts were never used to tune the recogniser; INDEX.md there gives the expected title,
number, date and table count of each document.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from editor.docx_import import import_docx
from editor.model import Role

from .docx_factory import GongwenDocx

GOVDOCS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "govdocs"
pytestmark = pytest.mark.skipif(
    not (GOVDOCS / "INDEX.md").exists(), reason="../shared/corpus/govdocs is not present"
)

DATE = re.compile(
    r"^(\d{4}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$"
)
NUMBER = re.compile(r"^\S{1,12}〔\d{4}〕\d+号$")
CELL_MARK = re.compile(r"\s*\{([^}]*)\}\s*$")


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def index_rows() -> dict[str, dict]:
    rows = {}
    for line in (GOVDOCS / "INDEX.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 7 and re.fullmatch(r"\d\d\.txt", cells[0]):
            rows[cells[0]] = {
                "title": cells[1],
                "number": cells[3],
                "date": cells[4],
                "tables": int(cells[6]),
            }
    return rows


def parse_table(lines: list[str]) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """`| a {colspan=2,rowspan=3} | b |` rows into a full grid and the merged rectangles."""
    taken: set[tuple[int, int]] = set()
    cells: list[tuple[int, int, str, int, int]] = []
    for r, line in enumerate(lines):
        c = 0
        for raw in line.strip().strip("|").split("|"):
            m = CELL_MARK.search(raw)
            span = dict(kv.split("=") for kv in m.group(1).split(",")) if m else {}
            text = CELL_MARK.sub("", raw).strip().replace("／", "\n")
            while (r, c) in taken:
                c += 1
            cs, rs = int(span.get("colspan", 1)), int(span.get("rowspan", 1))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            cells.append((r, c, text, rs, cs))
            c += cs
    width = max(c for _, c in taken) + 1
    height = max(r for r, _ in taken) + 1
    grid = [[""] * width for _ in range(height)]
    merges = []
    for r, c, text, rs, cs in cells:
        grid[r][c] = text
        if rs > 1 or cs > 1:
            merges.append((r, c, r + rs - 1, c + cs - 1))
    return grid, merges


def write_docx(lines: list[str], number_at: int | None = None) -> GongwenDocx:
    """Format the page's lines as an office would: centred title, right-aligned close, tables.

    `number_at`: the document number's line when it is not in the right form (the office still
    knows which line it is and sets it in the body face).
    """
    g = GongwenDocx()
    if number_at is None:
        number_at = next((i for i, line in enumerate(lines[:8]) if NUMBER.match(line)), None)
    recipients_at = next(i for i, line in enumerate(lines) if line.endswith(("：", ":")))
    title_end = number_at if number_at is not None else recipients_at
    g.title(*lines[:title_end])
    k = title_end
    after_close = False
    table: list[str] | None = None
    while k < len(lines):
        line = lines[k]
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if line == "[表格开始]":
            table = []
        elif line == "[表格结束]":
            grid, merges = parse_table(table or [])
            g.table(grid, merges, header_rows=0)
            table = None
        elif table is not None:
            table.append(line)
        elif k == number_at:
            g.para(line, align="center")
        elif DATE.match(line) or (DATE.match(nxt) and len(line) <= 20 and line[-1] not in "。；：，"):
            g.signature(line)
            after_close = DATE.match(line) is not None
        elif after_close and re.match(r"^附件\d*[.．]?$", line):
            g.heading(line, 1)
        elif (
            after_close
            and len(line) <= 30
            and line[-1] not in "。；：，"
            and not re.match(r"^[（(一二三四五六七八九十\d]", line)
        ):
            g.title(line)
        elif re.match(r"^[一二三四五六七八九十]+、", line) and len(line) <= 40:
            g.heading(line, 1)
            after_close = False
        elif re.match(r"^（[一二三四五六七八九十]+）", line) and len(line) <= 40:
            g.heading(line, 2)
            after_close = False
        else:
            g.para(line, align="left" if k == recipients_at else "both")
            if not line.startswith("（"):
                after_close = False
        k += 1
    g.footer()
    return g


CASES = sorted(index_rows().items()) if (GOVDOCS / "INDEX.md").exists() else []


@pytest.mark.parametrize("name, row", CASES, ids=[c[0] for c in CASES])
def test_govdoc_as_docx(tmp_path, name, row):
    text = (GOVDOCS / name).read_text(encoding="utf-8").split("\n\n", 1)[1]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    doc, _ = import_docx(write_docx(lines).save(tmp_path / f"{name}.docx"), "d1")
    assert norm(doc.title) == norm(row["title"])
    if "〔" in row["number"]:
        assert doc.number == row["number"]
    dates = doc.blocks_of(Role.DATE)
    assert dates and dates[0].text == row["date"]
    assert doc.recipients.endswith(("：", ":"))  # kept as written; `check` offers the full-width colon
    assert len(doc.blocks_of(Role.TABLE)) == row["tables"]
    cells = [c.text for b in doc.blocks_of(Role.TABLE) for r in b.table.rows for c in r]
    flow = norm("".join([doc.title, doc.number, doc.recipients] + [b.text for b in doc.blocks] + cells))
    lost = [line for line in lines if not line.startswith(("|", "[表格")) and norm(line) not in flow]
    assert not lost, lost[:3]
    assert doc.blocks_of(Role.SIGNATURE)
    if ("印发" in row["title"] or "转发" in row["title"]) and not DATE.match(lines[-1]):
        # the attached document (when the page carries it) keeps its own title
        assert doc.blocks_of(Role.ATTACHMENT_TITLE)
