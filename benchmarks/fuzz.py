"""Our own fuzzer: structure-aware mutations of Word files, issue files and recipes.

Each case takes a seed file (the corpus in ../shared/corpus, the reference issue, a recipe),
applies a few mutations that keep the file well-formed enough to reach the code behind the
zip and XML parsers (hostile numbers in attributes, duplicated or removed elements, elements
moved elsewhere, w:sym codes, list levels, relationship targets, proof records, TOML values),
runs the tool's own entry point in-process and sorts the outcome:

  ok        the file was accepted, and what was accepted saved and loaded back equal
  refused   one clear line (UserError / LayoutProblem without a newline)
  internal  any other exception, a multi-line message, or a round trip that differs
  timeout   no answer within 10 s of CPU time (60 s of wall-clock time as a backstop)
  memory    MemoryError under a 2 GiB address-space budget

    .venv/bin/python -m benchmarks.fuzz --cases 1000 --family docx --seed 12
    .venv/bin/python -m benchmarks.fuzz --minutes 30          # all families, round robin

prints one JSON object with the counts per family and outcome (and, with --save DIR, keeps
every case that was not ok or refused there, to be replayed with --replay FILE).
"""

from __future__ import annotations

import argparse
import copy
import datetime as _dt
import io
import json
import os
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from editor.errors import UserError  # noqa: E402
from layout.errors import LayoutProblem  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "docx"
SEED_TEXT = SHARED / "seed" / "hld-2018-02.txt"
TIMEOUT_S = 10  # CPU seconds
WALL_TIMEOUT_S = 60
MEMORY_BYTES = 2 * 1024**3
MAX_SEED_BYTES = 64 * 1024
FAMILIES = ("docx", "issue", "recipe")

# Values that broke readers before, or could: non-finite, huge, negative, empty, not numbers.
HOSTILE_VALUES = [
    "INF", "-INF", "NaN", "1e999", "-1e999", "1e29", "1000000", "99999", "-1", "-5", "0", "",
    "9" * 400, "9" * 5001, "1.5", "0x10", "abc", "2018-01-01Z", "99999-01-01", "2018-02-30",
    "2018-01-01T10:00:00", " 7 ", "+3", "%1%1%1%1%1%1%1%1%1", "../../../../etc/passwd", "x" * 5000,
]  # fmt: skip
HOSTILE_TEXT = ["\u3000" * 300, "…" * 300, "表" * 3000, "a\tb", "&lt;x&gt;", "第一章" * 200, ""]
SYM_CODES = ["D800", "DFFF", "FFFFFFFF", "110000", "0", "F020", "F0FF", "20", "4E00", "-1", "zz"]


class Timeout(BaseException):
    """Raised by the alarm; a BaseException so no `except Exception` in the code swallows it."""


# ---- mutations ----------------------------------------------------------------------------------


def _mutate_xml(root: etree._Element, rng: random.Random, extra: list[Callable] | None = None) -> None:
    """One structure-aware change somewhere in the tree."""
    nodes = [n for n in root.iter() if isinstance(n.tag, str)]  # no comments or processing instructions
    if not nodes:
        return
    el = rng.choice(nodes)
    ops = ["attr", "attr", "attr", "dup", "drop", "move", "text", "new-attr"] + (
        ["extra"] * 3 if extra else []
    )
    op = rng.choice(ops)
    if op == "attr" and el.attrib:
        key = rng.choice(list(el.attrib))
        el.set(key, rng.choice(HOSTILE_VALUES))
    elif op == "new-attr":
        names = [a for n in nodes[:400] for a in n.attrib]
        if names:
            el.set(rng.choice(names), rng.choice(HOSTILE_VALUES))
    elif op == "dup" and el.getparent() is not None:
        parent = el.getparent()
        # copies stay under ~50,000 elements per mutation: size is the budgets' business
        # (tests/test_hostile.py), the fuzzer looks for damage the readers do not expect
        size = sum(1 for _ in el.iter())
        times = min(rng.choice([2, 10, 200, 3000]), max(1, 50_000 // size))
        at = parent.index(el)
        for _ in range(times):
            parent.insert(at, copy.deepcopy(el))
            if len(parent) > 20_000:
                break
    elif op == "drop" and el.getparent() is not None:
        el.getparent().remove(el)
    elif op == "move" and el.getparent() is not None:
        target = rng.choice(nodes)
        if target is not el and el not in list(target.iterancestors()) and target not in list(el.iter()):
            el.getparent().remove(el)
            target.append(el)
    elif op == "text":
        el.text = rng.choice(HOSTILE_TEXT + HOSTILE_VALUES)
    elif op == "extra" and extra:
        rng.choice(extra)(root, rng)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _w_sym(root, rng) -> None:
    runs = list(root.iter(W + "r"))
    if runs:
        sym = etree.SubElement(rng.choice(runs), W + "sym")
        sym.set(W + "font", rng.choice(["Symbol", "Wingdings", "宋体", ""]))
        sym.set(W + "char", rng.choice(SYM_CODES))


def _w_span(root, rng) -> None:
    cells = list(root.iter(W + "tc"))
    if cells:
        tc = rng.choice(cells)
        pr = tc.find(W + "tcPr")
        if pr is None:
            pr = etree.SubElement(tc, W + "tcPr")
            tc.insert(0, pr)
        tag = rng.choice(["gridSpan", "hMerge", "vMerge", "gridSpan"])
        el = etree.SubElement(pr, W + tag)
        el.set(W + "val", rng.choice(HOSTILE_VALUES + ["continue", "restart"]))


def _w_level(root, rng) -> None:
    levels = list(root.iter(W + "lvl"))
    if levels:
        lvl = rng.choice(levels)
        for tag, values in (
            ("start", HOSTILE_VALUES),
            ("lvlText", ["%1" * rng.choice([1, 9, 120, 600]), "%9%8%7", "第%1章", "%0", "%"]),
            ("numFmt", ["chineseCounting", "upperRoman", "lowerLetter", "ideographDigital", "bullet", "x"]),
        ):
            if rng.random() < 0.5:
                el = lvl.find(W + tag)
                if el is None:
                    el = etree.SubElement(lvl, W + tag)
                el.set(W + "val", rng.choice(values))


def _w_numbered(root, rng) -> None:
    paras = list(root.iter(W + "p"))
    for p in rng.sample(paras, min(len(paras), rng.choice([1, 5, 50]))):
        ppr = p.find(W + "pPr")
        if ppr is None:
            ppr = etree.Element(W + "pPr")
            p.insert(0, ppr)
        num = etree.SubElement(ppr, W + "numPr")
        etree.SubElement(num, W + "ilvl").set(W + "val", rng.choice(["0", "1", "8", "9", "-1", "INF"]))
        etree.SubElement(num, W + "numId").set(W + "val", rng.choice(["1", "2", "3", "999", "0"]))


DOCX_EXTRAS = [_w_sym, _w_span, _w_level, _w_numbered]
DOCX_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml", "word/_rels/document.xml.rels")


def _zip_damage(data: bytes, rng: random.Random) -> bytes:
    """Byte-level damage of the container: truncation, flipped bytes, a lying header."""
    out = bytearray(data)
    how = rng.choice(["truncate", "flip", "flip", "version"])
    if how == "truncate":
        return bytes(out[: rng.randrange(1, max(2, len(out)))])
    if how == "flip":
        for _ in range(rng.choice([1, 4, 32])):
            k = rng.randrange(len(out))
            out[k] ^= 1 << rng.randrange(8)
        return bytes(out)
    k = data.find(b"PK\x01\x02")
    if k >= 0:
        out[k + 6 : k + 8] = rng.choice([87, 63, 20]).to_bytes(2, "little")
        out[k + 10 : k + 12] = rng.choice([99, 12, 14, 8]).to_bytes(2, "little")
    return bytes(out)


def mutate_zip(data: bytes, rng: random.Random, parts: tuple[str, ...], extras: list[Callable]) -> bytes:
    """Mutate XML parts of a zip package (structure-aware), sometimes damage the zip itself."""
    if rng.random() < 0.08:
        return _zip_damage(data, rng)
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        members = [(i, src.read(i)) for i in src.infolist()]
    except Exception:  # noqa: BLE001 - a seed damaged by an earlier round: damage it further
        return _zip_damage(data, rng)
    names = [i.filename for i, _ in members]
    candidates = [n for n in parts if n in names] or [n for n in names if n.endswith((".xml", ".rels"))]
    chosen = set(rng.sample(candidates, min(len(candidates), rng.choice([1, 1, 2]))))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members:
            if info.filename in chosen:
                try:
                    root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, huge_tree=False))
                    for _ in range(rng.choice([1, 1, 2, 3, 6])):
                        try:
                            _mutate_xml(root, rng, extras)
                        except (TypeError, ValueError):  # lxml refuses some edits (e.g. bad names)
                            pass
                    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                except etree.LxmlError:
                    pass
            elif info.filename.startswith(("media/", "word/media/")) and rng.random() < 0.2:
                body = body[: len(body) // 2] + b"\x00damaged" * 4
            z.writestr(info.filename, body)
    return buf.getvalue()


def _issue_extras() -> list[Callable]:
    ns = "{urn:gazette-press:issue}"

    def proof(root, rng) -> None:
        for p in root.iter(ns + "proof"):
            p.text = rng.choice(
                ["{not json", "[]", '{"pages": 5}', '{"pages": [1, 2]}', "null", "{}", "[" * 5000]
            )

    def cell(root, rng) -> None:
        cells = list(root.iter(ns + "cell"))
        if cells:
            rng.choice(cells).set(rng.choice(["colspan", "rowspan"]), rng.choice(HOSTILE_VALUES))

    return [proof, cell]


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return (
            repr(v)
            if not isinstance(v, float) or v == v and abs(v) != float("inf")
            else ("nan" if v != v else ("inf" if v > 0 else "-inf"))
        )
    if isinstance(v, (_dt.date, _dt.datetime, _dt.time)):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(x)}" for k, x in v.items()) + "}"
    return json.dumps(str(v), ensure_ascii=False)


def dump_toml(data: dict) -> str:
    """Enough TOML for recipes: top-level tables, arrays of tables, inline values."""
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"[{json.dumps(key, ensure_ascii=False)}]")
            lines += [
                f"{json.dumps(str(k), ensure_ascii=False)} = {_toml_value(v)}" for k, v in value.items()
            ]
        elif isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
            for item in value:
                lines.append(f"[[{json.dumps(key, ensure_ascii=False)}]]")
                lines += [
                    f"{json.dumps(str(k), ensure_ascii=False)} = {_toml_value(v)}" for k, v in item.items()
                ]
        else:
            lines.insert(0, f"{json.dumps(key, ensure_ascii=False)} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


RECIPE_VALUES = [
    0, -5, 1, 2**63 - 1, 10**30, 1.5, float("inf"), float("nan"), True, "", "5", "x" * 100_000,
    _dt.date(2018, 1, 1), _dt.datetime(2018, 1, 1, 10, 0), _dt.time(10, 0), [], [1, 2], {},
    "2018-01-01Z", "99999-01-01", "../../../../etc/passwd", "a/../../b", "\u3000", "双月刊",
]  # fmt: skip


def mutate_recipe(text: str, rng: random.Random) -> str:
    import tomllib

    if rng.random() < 0.05:  # raw damage: the TOML parser must say where
        k = rng.randrange(len(text))
        return text[:k] + rng.choice(["[", "=", '"', "\n[[", "\x00", "\ud800"]) + text[k:]
    data = tomllib.loads(text)
    for _ in range(rng.choice([1, 1, 2, 4])):
        table = rng.choice(["gazette", "issue", "board", "sections"])
        if table == "sections":
            secs = data.setdefault("sections", [])
            if not isinstance(secs, list) or not all(isinstance(x, dict) for x in secs):
                continue
            if secs and rng.random() < 0.7:
                sec = rng.choice(secs)
                key = rng.choice(["name", "documents", "documents"])
                if key == "documents" and isinstance(sec.get("documents"), list) and sec["documents"]:
                    docs = sec["documents"]
                    k = rng.randrange(len(docs))
                    docs[k] = rng.choice(
                        [{"path": docs[k] if isinstance(docs[k], str) else "docs/01-water.txt", "title": rng.choice(RECIPE_VALUES)},
                         rng.choice(RECIPE_VALUES), {"title": "x"}, docs[k]]
                    )  # fmt: skip
                else:
                    sec[key] = rng.choice(RECIPE_VALUES)
            else:
                data["sections"] = rng.choice([[], "x", [{"name": "x"}], secs * rng.choice([1, 3])])
            continue
        t = data.setdefault(table, {})
        if not isinstance(t, dict):
            continue
        keys = list(t) + {"issue": ["first_page", "template", "board_title"], "gazette": ["periodicity"]}.get(
            table, []
        )
        if keys and rng.random() < 0.85:
            key = rng.choice(keys)
            if rng.random() < 0.15:
                t.pop(key, None)
            else:
                t[key] = rng.choice(RECIPE_VALUES)
    return dump_toml(data)


# ---- seeds --------------------------------------------------------------------------------------


def docx_seeds() -> list[bytes]:
    from tests.hostile_files import plain_docx

    seeds = [plain_docx()]
    for p in sorted(CORPUS.glob("*.docx")) + sorted((SHARED / "corpus" / "govdocs").rglob("*.docx")):
        if p.stat().st_size <= MAX_SEED_BYTES:
            seeds.append(p.read_bytes())
    return seeds


def issue_seeds() -> list[bytes]:
    from editor.importing import load_input
    from editor.issue_file import issue_to_bytes
    from tests.hostile_files import sample_issue

    seeds = [issue_to_bytes(sample_issue())]
    if SEED_TEXT.exists():
        seeds.append(issue_to_bytes(load_input(SEED_TEXT)))
    return seeds


def recipe_seed(folder: Path) -> str:
    """The demo recipe with its documents copied next to it (mutations never touch the originals)."""
    import shutil

    demo = ROOT / "demo"
    shutil.copytree(demo / "docs", folder / "docs", dirs_exist_ok=True)
    return (demo / "recipe.toml").read_text(encoding="utf-8")


# ---- running ------------------------------------------------------------------------------------


def _round_trip(issue) -> None:
    """What was accepted must save and load back equal (issue 17: every file we write we can read)."""
    from editor.issue_file import issue_from_bytes, issue_to_bytes

    back = issue_from_bytes(issue_to_bytes(issue))
    if back != issue:
        raise AssertionError("round trip changed the issue")


def run_docx(data: bytes, folder: Path) -> None:
    from editor.importing import import_files
    from editor.model import Issue

    path = folder / "case.docx"
    path.write_bytes(data)
    issue = Issue(year=2018)
    import_files(issue, [path])
    _round_trip(issue)


def run_issue(data: bytes, folder: Path) -> None:
    from editor.issue_file import issue_from_bytes

    _round_trip(issue_from_bytes(data, "case.gazette"))


def run_recipe(text: str, folder: Path) -> None:
    from editor.importing import load_recipe

    path = folder / "case.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _round_trip(load_recipe(path))


def _on_alarm(signum, frame):
    raise Timeout


def attempt(fn: Callable[[], None]) -> tuple[str, str]:
    """Run one case under a 10 s CPU-time alarm (so a machine busy with other work does not turn
    slow cases into timeouts) and a 60 s wall-clock backstop; (outcome, detail)."""
    signal.signal(signal.SIGPROF, _on_alarm)
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_PROF, TIMEOUT_S)
    signal.setitimer(signal.ITIMER_REAL, WALL_TIMEOUT_S)
    try:
        fn()
        return "ok", ""
    except Timeout:
        return "timeout", ""
    except MemoryError:
        return "memory", ""
    except (UserError, LayoutProblem) as e:
        one = "\n" not in e.zh and "\n" not in e.en and e.zh and e.en
        return ("refused", "") if one else ("internal", f"multi-line message: {e.en!r}")
    except Exception as e:  # noqa: BLE001 - that is what the fuzzer is looking for
        cause = e.__context__
        while cause is not None:  # the alarm fired inside cleanup code that then failed itself
            if isinstance(cause, Timeout | MemoryError):
                return ("timeout" if isinstance(cause, Timeout) else "memory"), ""
            cause = cause.__context__
        return "internal", traceback.format_exc(limit=-8)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)


def limit_memory() -> None:
    """Address space: what the process has now plus 2 GiB, so a blow-up is a MemoryError."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            vm = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
    except (OSError, StopIteration):
        vm = 1024**3
    limit = vm + MEMORY_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))


class Fuzzer:
    def __init__(self, seed: int, save: Path | None = None) -> None:
        self.rng = random.Random(seed)
        self.save = save
        self.counts: dict[str, Counter] = {f: Counter() for f in FAMILIES}
        self.details: list[dict] = []
        self.folder = Path(tempfile.mkdtemp(prefix="gazette-fuzz-"))
        self._seeds: dict[str, list] = {}

    def seeds(self, family: str) -> list:
        if family not in self._seeds:
            if family == "docx":
                self._seeds[family] = docx_seeds()
            elif family == "issue":
                self._seeds[family] = issue_seeds()
            else:
                self._seeds[family] = [recipe_seed(self.folder)]
        return self._seeds[family]

    def case(self, family: str) -> tuple[object, Callable[[], None]]:
        seed = self.rng.choice(self.seeds(family))
        rng = random.Random(self.rng.getrandbits(64))
        if family == "docx":
            data = mutate_zip(seed, rng, DOCX_PARTS, DOCX_EXTRAS)
            return data, lambda: run_docx(data, self.folder)
        if family == "issue":
            data = mutate_zip(seed, rng, ("issue.xml",), _issue_extras())
            return data, lambda: run_issue(data, self.folder)
        text = mutate_recipe(seed, rng)
        return text, lambda: run_recipe(text, self.folder)

    def run_one(self, family: str) -> str:
        while True:
            try:
                data, fn = self.case(family)
                break
            except MemoryError:  # a mutation grew beyond the budget: that case is the fuzzer's, skip it
                continue
        outcome, detail = attempt(fn)
        self.counts[family][outcome] += 1
        if outcome not in ("ok", "refused"):
            n = sum(self.counts[family].values())
            self.details.append({"family": family, "case": n, "outcome": outcome, "detail": detail[-1500:]})
            if self.save is not None:
                self.save.mkdir(parents=True, exist_ok=True)
                suffix = {"docx": ".docx", "issue": ".gazette", "recipe": ".toml"}[family]
                blob = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
                (self.save / f"{family}-{n}-{outcome}{suffix}").write_bytes(blob)
        return outcome

    def report(self, elapsed: float) -> dict:
        return {
            "benchmark": "fuzz",
            "seconds": round(elapsed, 1),
            "counts": {f: dict(c) for f, c in self.counts.items() if c},
            "problems": self.details[:20],
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=200, help="cases per family (ignored with --minutes)")
    ap.add_argument("--minutes", type=float, default=None, help="run all families round robin this long")
    ap.add_argument("--family", choices=FAMILIES, action="append", help="only these families (repeatable)")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--save", type=Path, default=None, help="keep non-ok, non-refused cases in this folder")
    ap.add_argument("--no-memory-limit", action="store_true")
    a = ap.parse_args(argv)
    os.environ.setdefault("GAZETTE_LANG", "en")
    if not a.no_memory_limit:
        limit_memory()
    families = a.family or list(FAMILIES)
    fuzzer = Fuzzer(a.seed, a.save)
    start = time.monotonic()
    if a.minutes is not None:
        end = start + a.minutes * 60
        while time.monotonic() < end:
            for family in families:
                fuzzer.run_one(family)
    else:
        for family in families:
            for _ in range(a.cases):
                fuzzer.run_one(family)
    print(json.dumps(fuzzer.report(time.monotonic() - start), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
