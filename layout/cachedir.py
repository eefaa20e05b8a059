"""The one folder where layout keeps what it computes once per machine: font subsets and the
font index (layout/fonts/), the compiled word dictionary (words.py), glyph ink boxes (ink.py),
and the preflight's font facts (editor/layout_checks.py)."""

from __future__ import annotations

import atexit
import json
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any


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
    write_whole(cache_dir() / name, json.dumps(table, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all (a temporary file renamed over it); an
    unwritable folder is not an error: what is cached is computed again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


class MarshalTable:
    """A dictionary kept in one `marshal` file of the cache folder: read when made, written back
    at exit when entries were added. Past `max_entries` a save keeps only the keys this process
    used (what old versions of the program left behind goes). Each entry must pass `valid`,
    else the whole file is ignored."""

    def __init__(self, path: Path, max_entries: int, valid: Callable[[Any, Any], bool]) -> None:
        self.path = path
        self.max_entries = max_entries
        self.entries: dict[Any, Any] = {}
        self.used: set[Hashable] = set()
        self.added = 0  # entries added by this process (tests read it)
        try:
            got = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        if isinstance(got, dict) and all(valid(k, v) for k, v in got.items()):
            self.entries = got

    def get(self, key: Hashable) -> Any:
        self.used.add(key)
        return self.entries.get(key)

    def add(self, key: Hashable, value: Any) -> None:
        self.used.add(key)
        self.entries[key] = value
        if not self.added:
            atexit.register(self.save)
        self.added += 1

    def discard(self, key: Hashable) -> None:
        self.entries.pop(key, None)

    def save(self) -> None:
        entries = self.entries
        if len(entries) > self.max_entries:
            entries = {k: v for k, v in entries.items() if k in self.used}
        try:
            data = marshal.dumps(entries)
        except ValueError:  # a value marshal cannot write: keep nothing rather than fail at exit
            return
        write_whole(self.path, data)
