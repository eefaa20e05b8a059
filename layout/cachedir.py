"""The one folder where layout keeps what it computes once per machine: font subsets and the
font index (layout/fonts/), the compiled word dictionary (words.py), glyph ink boxes (ink.py),
and the preflight's font facts (editor/layout_checks.py).

Beside it, read only, the installed folder (`installed_dir()`): what scripts/setup.sh computed
once for every user of the Python environment from installed files alone (the word dictionary,
the dataclass-code and regex-program tables, fc-list's answer, ink boxes, the fonts'
desubroutinised charstrings; scripts/install_tables.py). An installed file is named and checked
exactly as the cache folder's copy would be (interpreter version and magic in the name, font
file identity in the key, a stamp of what fc-list's answer depends on), so a stale or damaged one
is not used and the thing is computed, into the cache folder, as if it were absent."""

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


INSTALLED_ENV = "GAZETTE_PRESS_INSTALLED"


def installed_dir() -> Path:
    """The installed folder: $GAZETTE_PRESS_INSTALLED (tests, packagers), else the Python
    environment's share/gazette-press, where scripts/setup.sh writes it. Never written at run time."""
    env = os.environ.get(INSTALLED_ENV)
    if env:
        return Path(env)
    return Path(sys.prefix) / "share" / "gazette-press"


def read_table(name: str) -> dict:
    """A JSON object kept in the cache folder under `name`, else (the cache folder has no such
    file) the installed folder's copy; {} when neither is there or the one found is unreadable.
    The caller checks its entries as it would the cache's; what it writes goes to the cache folder."""
    for folder in (cache_dir(), installed_dir()):
        try:
            got = json.loads((folder / name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError):
            return {}
        return got if isinstance(got, dict) else {}
    return {}


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


def read_marshal_dict(path: Path, valid: Callable[[Any, Any], bool]) -> dict[Any, Any]:
    """The dictionary `marshal` kept in `path`; {} when the file is absent, damaged, not a
    dictionary or holds an entry that fails `valid`."""
    try:
        got = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if isinstance(got, dict) and all(valid(k, v) for k, v in got.items()):
        return got
    return {}


def write_readable(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all, readable by every user (what setup installs
    for everyone, the compiled word dictionary); a failure is raised."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class MarshalTable:
    """A dictionary kept in one `marshal` file of the cache folder: read when first needed,
    written back at exit when entries were added. Past `max_entries` a save keeps only the keys
    this process used (what old versions of the program left behind goes). Each entry must pass
    `valid`, else the whole file is ignored.

    `installed` names the same table in the installed folder, made by setup, and is looked in
    first; the cache folder's file holds what this machine's runs added and is read only for a
    key setup did not know. (A key is the text its value was made from, so a key in both has the
    same value in both; a cache folder from before setup filled the installed folder, or from an
    older version, would otherwise be read whole on every start.)"""

    def __init__(
        self,
        path: Path,
        max_entries: int,
        valid: Callable[[Any, Any], bool],
        installed: Path | None = None,
    ) -> None:
        self.path = path
        self.max_entries = max_entries
        self.used: set[Hashable] = set()
        self.added = 0  # entries added by this process (tests read it)
        self._valid = valid
        self._entries: dict[Any, Any] | None = None
        self.installed: dict[Any, Any] = {} if installed is None else read_marshal_dict(installed, valid)

    @property
    def entries(self) -> dict[Any, Any]:
        """The cache folder's entries (read on first use)."""
        if self._entries is None:
            self._entries = read_marshal_dict(self.path, self._valid)
        return self._entries

    def get(self, key: Hashable) -> Any:
        self.used.add(key)
        got = self.installed.get(key)
        if got is None:
            got = self.entries.get(key)
        return got

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
