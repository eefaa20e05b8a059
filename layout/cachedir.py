"""The one folder where layout keeps what it computes once per machine: font subsets and the
font index (layout/fonts/), the compiled word dictionary (words.py), glyph ink boxes (ink.py),
and the preflight's font facts (editor/layout_checks.py)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """$GAZETTE_PRESS_CACHE, else the OS default cache folder's gazette-press."""
    env = os.environ.get("GAZETTE_PRESS_CACHE")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gazette-press"


def read_table(name: str) -> dict:
    """A JSON object kept in the cache folder under `name`; {} when it is absent or unreadable."""
    try:
        got = json.loads((cache_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return got if isinstance(got, dict) else {}


def write_table(name: str, table: dict) -> None:
    """Keep `table` under `name`, written whole or not at all (a parallel run never reads half
    a file); a read-only cache folder only means it is computed again next time."""
    path = cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(table, f, ensure_ascii=False, sort_keys=True)
        os.replace(tmp, path)
    except OSError:
        pass
