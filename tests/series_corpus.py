"""The six issues of 2018 the series tests and the benchmark use.

The reference issue (葫芦岛市人民政府公报 2018年第2期, 总第51期) plus five issues of the same
gazette and year built here from ../shared/corpus/govdocs (test material only) and the demo's
texts: recipes written into a scratch folder, imported and saved as .gazette files.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "hld-2018-02.txt"
GOVDOCS = SHARED / "corpus" / "govdocs"
DEMO = ROOT / "demo" / "docs"

# (number, cumulative, date, State Council documents, demo texts); the reference issue is 第2期
PLAN = [
    (1, 50, "2018-01-19", ["10", "11"], ["01-water"]),
    (3, 52, "2018-05-19", ["03", "04"], ["02-holidays"]),
    (4, 53, "2018-07-19", ["06", "07"], ["03-services"]),
    (5, 54, "2018-09-19", ["08", "12", "14"], ["04-libraries"]),
    (6, 55, "2018-11-19", ["01", "02", "15"], []),
]

BOARD = """[board]
"编委会主任" = ["韩庆春"]
"编委" = ["宋晓东", "武宏波", "刘剑", "袁伶"]
"主办" = "葫芦岛市人民政府办公室"
"""


def corpus_text(name: str) -> str:
    """A corpus file without its provenance header (source:/via: lines up to the first blank line)."""
    text = (GOVDOCS / f"{name}.txt").read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    return body if sep and head.startswith("source:") else text


def write_recipes(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    recipes = []
    for number, cumulative, date, gov, demo in PLAN:
        docs = folder / f"2018-{number}"
        docs.mkdir(exist_ok=True)
        gov_paths = []
        for name in gov:
            (docs / f"gov-{name}.txt").write_text(corpus_text(name), encoding="utf-8")
            gov_paths.append(f"2018-{number}/gov-{name}.txt")
        demo_paths = []
        for name in demo:
            (docs / f"{name}.txt").write_text(
                (DEMO / f"{name}.txt").read_text(encoding="utf-8"), encoding="utf-8"
            )
            demo_paths.append(f"2018-{number}/{name}.txt")
        sections = f'[[sections]]\nname = "国务院文件"\ndocuments = {gov_paths!r}\n'
        if demo_paths:
            sections += f'[[sections]]\nname = "市政府文件"\ndocuments = {demo_paths!r}\n'
        recipe = folder / f"hld-2018-{number:02d}.toml"
        recipe.write_text(
            '[gazette]\nname = "葫芦岛市人民政府公报"\nperiodicity = "双月刊"\nsponsor = "葫芦岛市人民政府办公室"\n'
            f"[issue]\nyear = 2018\nnumber = {number}\ncumulative = {cumulative}\ndate = {date}\n"
            + BOARD
            + sections.replace("'", '"'),
            encoding="utf-8",
        )
        recipes.append(recipe)
    return recipes


def build_year(folder: Path) -> list[Path]:
    """The six issue files of 2018, in issue order."""
    from editor.importing import load_input
    from editor.issue_file import save_issue

    folder.mkdir(parents=True, exist_ok=True)
    sources = {2: SEED}
    for recipe in write_recipes(folder / "recipes"):
        sources[int(recipe.stem.rsplit("-", 1)[1])] = recipe
    out = []
    for number in sorted(sources):
        path = folder / f"hld-2018-{number:02d}.gazette"
        save_issue(load_input(str(sources[number])), path)
        out.append(path)
    return out
