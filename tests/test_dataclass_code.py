"""layout/dataclass_code.py: the methods `@dataclass` writes, compiled once and kept in the cache
folder. Classes made through the table behave exactly like classes made without it."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layout.dataclass_code import CodeTable

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def table(tmp_path, monkeypatch):
    """A table in a fresh cache folder, installed into `dataclasses` for the test only."""
    got = CodeTable(tmp_path / "codes.marshal")
    monkeypatch.setattr(dataclasses, "exec", got.exec, raising=False)
    return got


def _make_classes():
    @dataclasses.dataclass(frozen=True)
    class Point:
        """A frozen value."""

        x: int
        y: float = 0.5
        tags: tuple[str, ...] = ()

    @dataclasses.dataclass(order=True)
    class Item:
        name: str
        qty: int = dataclasses.field(default=1, compare=False)
        notes: list[str] = dataclasses.field(default_factory=list)

    return Point, Item


def _behaviour(Point, Item) -> dict:
    p = Point(1, tags=("a",))
    try:
        p.x = 2  # type: ignore[misc]
        frozen = False
    except dataclasses.FrozenInstanceError:
        frozen = True
    a, b = Item("a", 5), Item("b")
    b.notes.append("x")
    return {
        "repr": [repr(p), repr(a), repr(b)],
        "eq": [p == Point(1, 0.5, ("a",)), a == Item("a", 9), a < b],
        "hash": hash(p) == hash(Point(1, 0.5, ("a",))),
        "frozen": frozen,
        "annotations": {k: repr(v) for k, v in Point.__init__.__annotations__.items()},
        "fresh_default": Item("c").notes == [],
    }


def test_classes_through_the_table_behave_as_without_it(table, monkeypatch):
    with_table = _behaviour(*_make_classes())
    assert table.compiled > 0  # the classes above were compiled through the table
    monkeypatch.delattr(dataclasses, "exec")
    without = _behaviour(*_make_classes())
    assert with_table == without
    # the generated __init__ is annotated with the field's type ('int' here, as this module
    # postpones annotations); had the table compiled it with dataclass_code.py's own future
    # import, the annotation would read '_type_x'
    assert with_table["annotations"]["x"] == repr("int")


def test_a_saved_table_is_used_and_a_broken_one_ignored(tmp_path, table):
    _make_classes()
    table.table.save()
    again = CodeTable(table.table.path)
    assert set(again.table.entries) == set(table.table.entries)
    for source in table.table.entries:
        again.code(source)
    assert again.compiled == 0
    table.table.path.write_bytes(b"not a table")
    assert CodeTable(table.table.path).table.entries == {}


PROBE = """
import json
from layout.dataclass_code import remember_dataclass_code
table = remember_dataclass_code()
import editor.model, layout.display, layout.template
print(json.dumps({"compiled": table.compiled, "kept": len(table.table.entries)}))
"""


def test_a_second_start_compiles_no_dataclass_method(tmp_path):
    env = {
        **os.environ,
        "GAZETTE_PRESS_CACHE": str(tmp_path),
        "GAZETTE_PRESS_INSTALLED": str(tmp_path / "none"),
    }
    runs = []
    for _ in range(2):
        r = subprocess.run(
            [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(r.stdout))
    assert runs[0]["compiled"] > 50  # model, display and template: dozens of methods
    assert runs[1] == {"compiled": 0, "kept": runs[0]["kept"]}
