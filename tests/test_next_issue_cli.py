"""`main.py next`: the next issue of the series from this one, as a new issue file."""

import os
import subprocess
import sys
from pathlib import Path

from editor.issue_file import load_issue

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"


def run(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en"},
    )


def test_next_of_the_reference_issue_keeps_board_and_template(tmp_path):
    from editor.importing import load_input

    out = tmp_path / "next.gazette"
    r = run("next", SEED, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "2018年第3期（总第52期）" in r.stdout
    nxt, ref = load_issue(out), load_input(str(SEED))
    assert (nxt.year, nxt.number, nxt.cumulative) == (2018, 3, 52)
    assert nxt.gazette == ref.gazette and nxt.template == ref.template
    assert nxt.board == ref.board
    assert [s.name for s in nxt.sections] == [s.name for s in ref.sections] and not nxt.documents()
    assert nxt.date is not None and (nxt.date.year, nxt.date.month) == (2018, 5)
    # an existing file is kept unless --force
    again = run("next", SEED, "-o", out)
    assert again.returncode == 1 and len(again.stderr.strip().splitlines()) == 1
    assert "--force" in again.stderr


def test_next_after_the_sixth_bimonthly_issue_is_next_years_first(tmp_path):
    recipe = tmp_path / "six.toml"
    recipe.write_text(
        '[gazette]\nname = "示例市人民政府公报"\nperiodicity = "双月刊"\n'
        "[issue]\nyear = 2018\nnumber = 6\ncumulative = 55\ndate = 2018-11-20\n"
        '[board]\n"编委" = ["张三"]\n[[sections]]\nname = "市政府文件"\n',
        encoding="utf-8",
    )
    out = tmp_path / "2019-1.gazette"
    r = run("next", recipe, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "2019年第1期（总第56期）" in r.stdout
    nxt = load_issue(out)
    assert (nxt.year, nxt.number, nxt.cumulative, nxt.date.year) == (2019, 1, 56, 2019)
    assert nxt.board.entries[0].people == ["张三"]
