"""Comparing fingerprints: which pages changed since a proof round, which TOC entries moved."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class PageChange:
    """One change between two proof rounds on one page."""

    kind: str  # "text", "position", "added", "removed"
    new: dict | None
    old: dict | None

    def describe(self, lang: str = "zh") -> str:
        en = lang.startswith("en")

        def page(fp: dict | None) -> str:
            if fp is None:
                return ""
            if fp.get("folio") is not None:
                return f"page {fp['folio']}" if en else f"第 {fp['folio']} 页"
            if fp.get("flow") == "":  # front matter: the cover with the TOC
                return (
                    f"cover/TOC (PDF page {fp['index'] + 1})"
                    if en
                    else f"封面目录页（PDF第 {fp['index'] + 1} 页）"
                )
            return f"PDF page {fp['index'] + 1}" if en else f"PDF第 {fp['index'] + 1} 页（无页码）"

        flow = (self.new or self.old or {}).get("flow") or ""
        where = (f" ({flow})" if en else f"（{flow}）") if flow else ""
        new_p, old_p = page(self.new), page(self.old)
        if self.kind == "added":
            return f"New {new_p}{where}" if en else f"{new_p}{where}：新增的页"
        if self.kind == "removed":
            return f"Old {old_p}{where} is gone" if en else f"原{old_p}{where}：已不存在"
        was = "" if new_p == old_p else (f", was {old_p}" if en else f"，原{old_p}")
        if self.kind == "text":
            return f"{new_p}{where}{was}: text changed" if en else f"{new_p}{where}{was}：文字有改动"
        return f"{new_p}{where}{was}: positions changed" if en else f"{new_p}{where}{was}：版面位置有变动"


@dataclass
class ProofDiff:
    """What changed between two proof rounds: pages, TOC entries and renumbering."""

    changes: list[PageChange] = field(default_factory=list)
    toc_moved: list[dict] = field(default_factory=list)  # {"doc", "title", "old", "new"}
    renumbered: int = 0  # pages with the same content under a different folio

    def to_dict(self, lang: str = "zh") -> dict:
        return {
            "changed_pages": [
                {
                    "kind": c.kind,
                    "page": c.new.get("folio") if c.new else None,
                    "old_page": c.old.get("folio") if c.old else None,
                    "document": (c.new or c.old or {}).get("flow") or None,
                    "text": c.describe(lang),
                }
                for c in self.changes
            ],
            "toc_moved": self.toc_moved,
            "renumbered": self.renumbered,
        }


def _compare(old: dict, new: dict) -> PageChange | None:
    if old["hash"] == new["hash"]:
        return None
    return PageChange("text" if old["text_hash"] != new["text_hash"] else "position", new, old)


def diff_fingerprints(old: Sequence[dict], new: Sequence[dict], old_toc=(), new_toc=()) -> ProofDiff:
    """Pages whose content or position changed, and TOC entries whose page moved.

    Pages are paired by (document, n-th page of it) when both sides know their documents, so a
    document that grew a page does not make every later page look changed; otherwise (a PDF
    from elsewhere) by aligning the sequences of page contents.
    """
    result = ProofDiff()
    if all(p.get("flow") is not None for p in [*old, *new]):
        old_by = {(p["flow"], p["n"]): p for p in old}
        new_keys = set()
        for p in new:
            key = (p["flow"], p["n"])
            new_keys.add(key)
            o = old_by.get(key)
            if o is None:
                result.changes.append(PageChange("added", p, None))
                continue
            change = _compare(o, p)
            if change:
                result.changes.append(change)
            elif o.get("folio") != p.get("folio"):
                result.renumbered += 1
        result.changes += [PageChange("removed", None, o) for k, o in old_by.items() if k not in new_keys]
    else:
        a = [p["text_hash"] for p in old]
        b = [p["text_hash"] for p in new]
        for tag, i1, i2, j1, j2 in _align(a, b):
            if tag == "equal":
                for o, p in zip(old[i1:i2], new[j1:j2], strict=True):
                    change = _compare(o, p)
                    if change:
                        result.changes.append(change)
                    elif o.get("folio") != p.get("folio"):
                        result.renumbered += 1
                continue
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                result.changes.append(PageChange("text", new[j1 + k], old[i1 + k]))
            result.changes += [PageChange("added", p, None) for p in new[j1 + pairs : j2]]
            result.changes += [PageChange("removed", None, o) for o in old[i1 + pairs : i2]]
    result.changes.sort(key=lambda c: (c.new or c.old or {}).get("index", 0) + (0 if c.new else 0.5))
    result.toc_moved = _toc_moves(old_toc, new_toc)
    return result


def _align(a: Sequence, b: Sequence) -> list[tuple[str, int, int, int, int]]:
    """Opcodes like difflib's (equal / replace / delete / insert) of a shortest edit script.

    An issue repeats itself (ten copies of a document, the same running head and board on many
    pages), and difflib's longest-block-first matching then pairs pages one copy apart: one
    edited page became a hundred added and a hundred removed ones. The fewest insertions and
    deletions (Myers' O((N+M)D) algorithm, after the common head and tail are set aside) keep
    every unedited page paired with itself."""
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    x_end, y_end = len(a) - tail, len(b) - tail
    steps = _shortest_edit(a[head:x_end], b[head:y_end])
    ops: list[tuple[str, int, int, int, int]] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    for tag, i1, i2, j1, j2 in steps:
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if ops and ops[-1][0] == tag:
            ops[-1] = (tag, ops[-1][1], i2, ops[-1][3], j2)
        elif (
            ops and {ops[-1][0], tag} <= {"delete", "insert", "replace"} and "equal" not in (tag, ops[-1][0])
        ):
            ops[-1] = ("replace", ops[-1][1], i2, ops[-1][3], j2)
        else:
            ops.append((tag, i1, i2, j1, j2))
    if tail:
        ops.append(("equal", x_end, len(a), y_end, len(b)))
    return ops


def _shortest_edit(a: Sequence, b: Sequence) -> list[tuple[str, int, int, int, int]]:
    """Myers' greedy forward search for a shortest edit script, as unit steps (equal runs merged)."""
    n, m = len(a), len(b)
    if not n or not m:
        return [("delete", 0, n, 0, 0)] if n else ([("insert", 0, 0, 0, m)] if m else [])
    offset = n + m
    v = [0] * (2 * offset + 2)
    trace: list[list[int]] = []
    for d in range(n + m + 1):
        trace.append(v[:])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]  # down: an insertion
            else:
                x = v[offset + k - 1] + 1  # right: a deletion
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            v[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, v, offset, n, m, d)
    raise AssertionError("unreachable: an edit script of at most n + m steps always exists")


def _backtrack(trace: list[list[int]], v: list[int], offset: int, n: int, m: int, depth: int):
    steps: list[tuple[str, int, int, int, int]] = []
    x, y = n, m
    for d in range(depth, 0, -1):
        prev = trace[d]
        k = x - y
        if k == -d or (k != d and prev[offset + k - 1] < prev[offset + k + 1]):
            pk = k + 1
        else:
            pk = k - 1
        px = prev[offset + pk]
        py = px - pk
        while x > px and y > py:  # the diagonal (equal pages) after the step
            steps.append(("equal", x - 1, x, y - 1, y))
            x, y = x - 1, y - 1
        if x == px:
            steps.append(("insert", x, x, py, y))
        else:
            steps.append(("delete", px, x, y, y))
        x, y = px, py
    while x > 0 and y > 0:
        steps.append(("equal", x - 1, x, y - 1, y))
        x, y = x - 1, y - 1
    steps.reverse()
    merged: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in steps:
        if merged and merged[-1][0] == tag:
            merged[-1] = (tag, merged[-1][1], i2, merged[-1][3], j2)
        else:
            merged.append((tag, i1, i2, j1, j2))
    return merged


def _toc_keys(toc) -> list[tuple]:
    """A TOC row's identity: its document id where known (our metadata), else its title, its
    document number (where the PDF prints one) and which occurrence of that pair it is, in TOC
    order; a title alone is not unique (an issue may print several documents of the same title)."""
    seen: dict[tuple[str, str], int] = {}
    keys: list[tuple] = []
    for row in toc:
        if row.get("doc"):
            keys.append(("doc", row["doc"]))
            continue
        name = (re.sub(r"\s+", "", row.get("title", "")), re.sub(r"\s+", "", row.get("number", "")))
        keys.append(("title", *name, seen.get(name, 0)))
        seen[name] = seen.get(name, 0) + 1
    return keys


def _toc_moves(old_toc, new_toc) -> list[dict]:
    old_pages = {k: r.get("page") for k, r in zip(_toc_keys(old_toc), old_toc, strict=True)}
    moved = []
    for k, r in zip(_toc_keys(new_toc), new_toc, strict=True):
        if k in old_pages and old_pages[k] != r.get("page"):
            moved.append(
                {"doc": r.get("doc"), "title": r.get("title"), "old": old_pages[k], "new": r.get("page")}
            )
    return moved
