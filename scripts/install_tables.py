"""Compute once, at setup, what a first start would otherwise compute into an empty cache folder.

    .venv/bin/python scripts/install_tables.py [--into DIR]

scripts/setup.sh runs this after byte-compiling the project. Everything written is a pure function
of installed files (the interpreter, our modules, the fonts, fontconfig's configuration) and is
checked at run time exactly as the cache folder's copy would be, so a stale file is simply not
used (docs/layout.md, "An empty cache folder"):

- the dataclass-code table (layout/dataclass_code.py): every dataclass of layout/ and editor/;
- the regex-program table (layout/pattern_code.py): every lazy pattern of ours;
- the shipped templates' TOML as read (layout/template.py, template-toml-*.marshal);
- fc-list's answer (fc-list.json) and the preflight's font facts (font-facts.json), from building
  and checking the demo issue with each shipped template, and the ink boxes of the dashes of
  every role of those templates (ink.json);
- the desubroutinized charstrings of the GB 2312 characters (and ASCII) in every CFF face the
  shipped templates' font chains name (layout/fonts/embed.py, install_flat_charstrings).

They are computed by child processes with a new empty cache folder and no installed folder, then
copied into DIR (default: layout.cachedir.installed_dir(), the environment's share/gazette-press),
each file written whole and readable by every user. Files of those kinds not written by this
run (another interpreter's tables, a font since updated) go.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# what the children leave in their cache folder that is worth installing (subsets are not: they
# depend on the characters)
KEPT = (
    "words-v3-*.bin",
    "dataclass-code-*.marshal",
    "patterns-*.marshal",
    "fc-list.json",
    "ink.json",
    "font-facts.json",
    "template-toml-*.marshal",
)
FACES = "faces"


def common_characters() -> str:
    """GB 2312 (its 6 763 hanzi and 682 symbols, full-width forms included) and printable ASCII:
    what a gazette's text is nearly all made of."""
    out = [chr(c) for c in range(0x20, 0x7F)]
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(out) + "—…·“”‘’"


def collect() -> None:
    """In the child: fill the (empty) cache folder with both tables and the faces' charstrings."""
    import importlib

    from layout.dataclass_code import remember_dataclass_code
    from layout.lazyre import compile_with, patterns_in
    from layout.pattern_code import pattern_table

    remember_dataclass_code()  # the tables are written to the cache folder at exit
    compile_with(pattern_table().compile)
    for package in ("layout", "editor"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in ("layout", "editor"):
            for pattern in patterns_in(vars(module).values()):
                pattern.compiled()

    from layout.cachedir import cache_dir
    from layout.engine import FontMeasure
    from layout.fonts import FontBook
    from layout.fonts.embed import install_flat_charstrings
    from layout.template import load_template

    faces = {}
    for template in sorted((ROOT / "resources" / "templates").glob("*.toml")):
        fonts = load_template(str(template)).fonts
        book = FontBook(fonts)
        faces.update(book.faces)
        measure = FontMeasure(book)
        for role in fonts:
            for dash in "—─":  # the 破折号's rule takes its height from the dash's ink (ink.json)
                measure.ink(role, dash)
    chars = common_characters()
    for face in faces.values():
        install_flat_charstrings(face, chars, cache_dir())


def install(into: Path) -> list[Path]:
    """Compute everything in children and copy it into `into`; the files written."""
    from layout.cachedir import INSTALLED_ENV, write_readable

    with tempfile.TemporaryDirectory(prefix="gazette-install-") as tmp:
        cache = Path(tmp) / "cache"
        env = {**os.environ, "GAZETTE_PRESS_CACHE": str(cache), INSTALLED_ENV: str(Path(tmp) / "none")}
        py, main = sys.executable, str(ROOT / "main.py")
        recipe = str(ROOT / "demo" / "recipe.toml")
        for template in sorted((ROOT / "resources" / "templates").glob("*.toml")):
            out = str(Path(tmp) / f"{template.stem}.pdf")
            cmd = [py, main, "build", recipe, "-o", out, "--template", str(template)]
            subprocess.run(cmd, check=True, env=env, cwd=tmp, capture_output=True)
        checked = subprocess.run([py, main, "check", recipe], env=env, cwd=tmp, capture_output=True)
        if checked.returncode not in (0, 1):  # 1: the demo has findings
            raise SystemExit(f"install_tables: check failed: {checked.stderr.decode(errors='replace')}")
        subprocess.run([py, __file__, "--collect"], check=True, env=env, cwd=tmp)
        made = [p for pattern in KEPT for p in cache.glob(pattern)]
        made += sorted((cache / FACES).glob("*.bin"))
        written = []
        for src in made:
            target = into / src.relative_to(cache)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.parent.chmod(0o755)  # the folders too must be readable by every user
            write_readable(target, src.read_bytes())  # whole: a start reading meanwhile sees no half file
            written.append(target)
    if (into / FACES).is_dir():
        for old in (into / FACES).iterdir():
            if old not in written:  # a face since updated or removed, or an older format
                old.unlink() if old.is_file() else shutil.rmtree(old)
    for pattern in KEPT:  # tables of another interpreter or an older name: never read again
        for old in into.glob(pattern):
            if old not in written and old.is_file():
                old.unlink()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--into", type=Path, help="the folder to fill (default: the installed folder)")
    parser.add_argument("--collect", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.collect:
        collect()
        return 0
    from layout.cachedir import installed_dir

    into = args.into or installed_dir()
    written = install(into)
    print(f"install_tables: {len(written)} files in {into}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
