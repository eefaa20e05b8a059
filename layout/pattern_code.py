"""Our regular expressions' compiled programs, kept in the cache folder between starts.

`re` compiles a class over the Han blocks by walking every code point of its ranges (≈ 28 000)
to build a bitmap: 1–3 ms a pattern, ≈ 25 ms of reading the seed issue (the recognisers of
`editor/official.py` and `editor/text_import.py`, compiled on first use by `layout/lazyre.py`).
The program `re` builds is a list of integers that depends only on the pattern, its flags and
the interpreter, so it can be kept like a `.pyc`: `PatternTable.compile` returns what
`re.compile` returns (equal patterns: `re.Pattern.__eq__` compares the programs, tested), from
the kept program when there is one.

This reaches into `re`'s implementation (`re._parser.parse`, `re._compiler._code`,
`_sre.compile`: the three steps of `re._compiler.compile` in Python 3.11). The table's file is
named after the interpreter's version and `_sre.MAGIC`, `_sre` validates every program it is
given, and any failure of those steps makes the table fall back to `re.compile` for good.

`pattern_table()` is the table main.py installs: the cache folder's file, over the same file in
the installed folder (scripts/setup.sh compiles every lazy pattern of ours into it), so a first
start with an empty cache folder compiles none of them either.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from .cachedir import MarshalTable, cache_dir, installed_dir

MAX_ENTRIES = 2000  # past it, a save keeps only the patterns this process used

# (pattern, flags) → (flags, program, groups - 1, group index, index group): _sre.compile's
# arguments after the pattern
Parts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _valid(key: Any, parts: Any) -> bool:
    return type(key) is tuple and type(parts) is tuple and len(parts) == 5


class PatternTable:
    def __init__(self, path: Path, installed: Path | None = None) -> None:
        self.table = MarshalTable(path, MAX_ENTRIES, _valid, installed)
        self.broken = False  # re's internals are not what this module expects: plain re.compile

    @property
    def compiled(self) -> int:
        """Patterns compiled by this process (tests read it)."""
        return self.table.added

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """`re.compile(pattern, flags)`, from the kept program when there is one."""
        flags = int(flags)
        if self.broken or flags & re.DEBUG:
            return re.compile(pattern, flags)
        key = (pattern, flags)
        try:
            import _sre

            parts = self.table.get(key)
            if parts is None:
                parts = _program(pattern, flags)
                self.table.add(key, parts)
            return _sre.compile(pattern, *parts)  # type: ignore[no-any-return]
        except re.error:
            raise
        except Exception:  # noqa: BLE001 - re's internals changed: stop using them
            self.broken = True
            self.table.discard(key)
            return re.compile(pattern, flags)


def _program(pattern: str, flags: int) -> Parts:
    """What `re._compiler.compile` hands to `_sre.compile`, computed the same way."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    program = [int(op) for op in code]  # opcodes are int subclasses, which marshal refuses
    return (int(flags | state.flags), program, state.groups - 1, dict(state.groupdict), tuple(indexgroup))


def table_name() -> str:
    """The table's file name for this interpreter (its version and the regex engine's magic)."""
    import _sre

    v = sys.version_info
    return f"patterns-{v.major}.{v.minor}.{v.micro}-{_sre.MAGIC}.marshal"


def table_path() -> Path:
    """The table's file in the cache folder."""
    return cache_dir() / table_name()


def pattern_table() -> PatternTable:
    """The cache folder's table over the installed folder's (what main.py compiles with)."""
    return PatternTable(table_path(), installed_dir() / table_name())
