import datetime
from pathlib import Path

import pytest

from editor.errors import UserError
from editor.importing import import_files, load_input
from editor.model import Role

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "recipe.toml"


def test_demo_recipe_loads_metadata_board_and_documents():
    issue = load_input(DEMO)
    assert issue.gazette.name == "青禾市人民政府公报"
    assert (issue.year, issue.number, issue.cumulative) == (2026, 5, 98)
    assert issue.date == datetime.date(2026, 10, 20)
    assert [e.label for e in issue.board.entries][:3] == ["编委会主任", "编委", "编辑"]
    assert issue.board.get("编委").people == ["周明", "陈思远", "郑晓梅", "何立新"]
    assert issue.board.get("邮编").text == "310000"
    assert [s.name for s in issue.sections] == ["市政府文件", "市政府办公室文件"]
    d1 = issue.documents()[0]
    assert d1.number == "青政发〔2026〕12号"
    assert d1.source.kind == "txt" and d1.source.name in issue.files
    assert any(b.role == Role.HEADING1 and b.text == "一、总体要求" for b in d1.blocks)
    assert [d.id for d in issue.documents()] == ["d1", "d2", "d3", "d4"]


def write(tmp_path, text: str) -> Path:
    p = tmp_path / "r.toml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "text, words",
    [
        ("[gazette]\nname = 'x'\n[issue]\nyear = 2018\nnumber = 2\n", "cumulative"),
        ("[issue]\nyear = 2018\n", "name"),
        ("[gazette\nname=", "TOML"),
        (
            "[gazette]\nname='x'\n[issue]\nyear=2018\nnumber=2\ncumulative=5\n[[sections]]\nname='a'\n"
            "documents=['nope.txt']\n",
            "not found",
        ),
        ("[gazette]\nname='x'\n[issue]\nyear='2018'\nnumber=2\ncumulative=5\n", "integer"),
    ],
)
def test_bad_recipes_say_what_is_wrong(tmp_path, text, words):
    with pytest.raises(UserError) as e:
        load_input(write(tmp_path, text))
    assert words in e.value.en


def test_import_files_is_all_or_nothing(tmp_path):
    issue = load_input(DEMO)
    before = len(issue.documents())
    with pytest.raises(UserError):
        import_files(issue, [ROOT / "demo" / "docs" / "02-holidays.txt", tmp_path / "missing.txt"], "新栏目")
    assert len(issue.documents()) == before and "新栏目" not in [s.name for s in issue.sections]
    lines = import_files(issue, [ROOT / "demo" / "docs" / "02-holidays.txt"], "新栏目")
    assert issue.sections[-1].name == "新栏目" and len(issue.sections[-1].documents) == 1
    assert lines[0].zh.startswith("02-holidays.txt → 新栏目")
    assert lines[0].en.startswith("02-holidays.txt → section “新栏目”: “")
