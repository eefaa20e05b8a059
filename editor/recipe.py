"""Issue recipes: a small TOML file that describes an issue built from a folder of files.

Recipes let an office (or a script, or CI) build an issue without the GUI: metadata, the
board, and the sections with their documents' source files, paths relative to the recipe.
The key names are a contract people script against; see docs/recipes.md.

This module only reads the recipe into a RecipeSpec (the issue's metadata and board, its
empty sections, and which file goes where with which overrides); `importing.load_input`
imports the files, so the importers stay below the recipe reader and never the reverse.
"""

from __future__ import annotations

import datetime as _dt
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .bounds import ISSUE_RANGES, MAX_TEMPLATE_PATH, OutOfBounds, clean_text, parse_date, shown
from .errors import Notice, UserError, read_file_bytes
from .inputs import InputScope, is_template_name
from .model import DOCUMENT_FIELDS, Board, BoardEntry, Gazette, Issue


def _bad(path, zh: str, en: str) -> UserError:
    return UserError(f"配方文件 {path} 有误：{zh}。", f"The recipe {path} is wrong: {en}.")


def _int(value: Any, key: str, path) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(path, f"“{key}”应为整数", f"'{key}' must be an integer")
    lo, hi = ISSUE_RANGES[key]
    if not lo <= value <= hi:
        raise _bad(
            path,
            f"“{key}”应在 {lo} 到 {hi} 之间（现为 {value}）",
            f"'{key}' must be between {lo} and {hi} (it is {value})",
        )
    return value


def _str(value: Any) -> str:
    """A text value as it may enter an issue: no control characters, no lone surrogates."""
    return clean_text(str(value))[0]


@dataclass(frozen=True)
class RecipeDocument:
    """One listed document: its file (admitted by the recipe's InputScope), its section, its
    text encoding if the recipe names one, and the metadata the recipe sets over the import."""

    section: int
    path: Path
    encoding: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)


@dataclass
class RecipeSpec:
    """What a recipe asks for: the issue, the documents to import and notes for the editor."""

    issue: Issue  # metadata, board and the (still empty) sections
    documents: list[RecipeDocument] = field(default_factory=list)
    notes: list[Notice] = field(default_factory=list)  # what the editor should know (files read outside)


def read_recipe(path: str | os.PathLike, *, allow_outside: bool = False) -> RecipeSpec:
    """What a recipe asks for, checked, without importing any document.

    The recipe reads files in its own folder only, unless `allow_outside` (editor/inputs.py).
    """
    path = Path(path)
    raw = read_file_bytes(path)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _bad(path, "不是 UTF-8 编码的文本", "it is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise _bad(path, f"TOML 语法错误（{e}）", f"TOML syntax error ({e})") from None

    g = data.get("gazette", {})
    meta = data.get("issue", {})
    if not isinstance(g, dict) or not isinstance(meta, dict):
        raise _bad(path, "[gazette] 和 [issue] 应写成表", "[gazette] and [issue] must be tables")
    if not g.get("name"):
        raise _bad(path, "缺少 [gazette] name（公报名称）", "[gazette] name is missing")
    for key in ("year", "number", "cumulative"):
        if key not in meta:
            raise _bad(path, f"缺少 [issue] {key}", f"[issue] {key} is missing")
    date = meta.get("date")
    if date is not None:
        if not isinstance(date, (str, _dt.date)):
            raise _bad(path, "日期应写成 2018-03-19", "date must look like 2018-03-19")
        try:
            date = parse_date(date, "date")
        except OutOfBounds as e:
            raise _bad(path, f"日期“{shown(e.value)}”{e.zh}", f"date '{shown(e.value)}' {e.en}") from None
    template = _str(meta.get("template", "gazette-a4"))
    if len(template) > MAX_TEMPLATE_PATH:
        raise _bad(path, "template 太长", "template is far too long")

    issue = Issue(
        gazette=Gazette(_str(g["name"]), _str(g.get("periodicity", "双月刊")), _str(g.get("sponsor", ""))),
        year=_int(meta["year"], "year", path),
        number=_int(meta["number"], "number", path),
        cumulative=_int(meta["cumulative"], "cumulative", path),
        date=date,
        first_page=_int(meta.get("first_page", 1), "first_page", path),
        template=template,
    )
    scope = InputScope(path.parent, allow_outside)
    if not is_template_name(issue.template):
        issue.template = str(scope.admit(Path(issue.template), "模板", "template"))
    issue.board = Board(_str(meta.get("board_title", "编委会")), [])
    board = data.get("board", {})
    if not isinstance(board, dict):
        raise _bad(path, "[board] 应写成表", "[board] must be a table")
    for label, value in board.items():
        if isinstance(value, list):
            issue.board.entries.append(BoardEntry(_str(label), people=[_str(v) for v in value]))
        else:
            issue.board.entries.append(BoardEntry(_str(label), text=_str(value)))

    sections = data.get("sections", [])
    if not isinstance(sections, list):
        raise _bad(
            path, "sections 应写成 [[sections]] 表数组", "sections must be an array of tables [[sections]]"
        )
    spec = RecipeSpec(issue)
    for n, sec in enumerate(sections, 1):
        if not isinstance(sec, dict) or not sec.get("name"):
            raise _bad(path, f"第 {n} 个 [[sections]] 缺少 name", f"[[sections]] number {n} has no name")
        issue.add_section(_str(sec["name"]))
        documents = sec.get("documents", [])
        if not isinstance(documents, list):
            raise _bad(
                path,
                f"栏目“{_str(sec['name'])}”的 documents 应为列表",
                f"documents of '{_str(sec['name'])}' must be a list",
            )
        for item in documents:
            entry = item if isinstance(item, dict) else {"path": item}
            if not entry.get("path"):
                raise _bad(
                    path,
                    f"栏目“{sec['name']}”中有文件缺少 path",
                    f"a document in '{sec['name']}' has no path",
                )
            source = scope.admit(Path(str(entry["path"])), "文件", "file")
            overrides = {key: _str(entry[key]) for key in DOCUMENT_FIELDS if key in entry}
            spec.documents.append(
                RecipeDocument(len(issue.sections) - 1, source, entry.get("encoding"), overrides)
            )
    spec.notes = scope.report_lines()
    return spec
