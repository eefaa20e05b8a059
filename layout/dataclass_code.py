"""The methods `dataclasses` writes for our classes, compiled once per machine instead of per start.

`@dataclass` writes the source of each class's `__init__`, `__repr__`, `__eq__`, `__hash__`
(and, for frozen classes, `__setattr__` and `__delattr__`) and compiles every one with
`exec`: a build imports 53 dataclasses, ≈ 255 compilations, ≈ 45 ms of a cold start — a
quarter of its imports (docs/layout.md, "A cold CLI start"). The text of a method depends only
on the class's fields and options, so its compiled code can be kept like a `.pyc`:

`remember_dataclass_code()` gives the `dataclasses` module an `exec` of its own that looks the
source text up in a table read from the cache folder and runs the code object kept there,
compiling (exactly as `exec` would) only a text it has not seen. Texts new to the table are
written back when the process ends. The classes are the same as without the table: the same
text, compiled by the same interpreter with the same flags (the table's file name carries the
bytecode magic number and the optimisation level, as `.pyc` names do).

The table is trusted like the interpreter's own `__pycache__`: it lives in the user's cache
folder, and a file that is not a table of code objects is ignored. scripts/setup.sh writes the
same file, with the methods of every dataclass of ours, into the installed folder
(`layout.cachedir.installed_dir()`), read under the cache folder's: a first start with an empty
cache folder compiles none of them; a text missing from both is compiled and kept in the cache.
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib.util
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from .cachedir import MarshalTable, cache_dir, installed_dir

# Entries kept at most; past it, a save keeps only the texts this process used (edits to our
# classes leave the old texts behind).
MAX_ENTRIES = 4000


def _valid(key: Any, value: Any) -> bool:
    return type(key) is str and type(value) is CodeType


class CodeTable:
    """Source text of a generated method → its compiled code, kept in the file `path`."""

    def __init__(self, path: Path, installed: Path | None = None) -> None:
        self.table = MarshalTable(path, MAX_ENTRIES, _valid, installed)

    @property
    def compiled(self) -> int:
        """Texts compiled by this process (tests read it)."""
        return self.table.added

    def code(self, source: str) -> CodeType:
        """The compiled code of `source`, as `exec(source)` would compile it."""
        got = self.table.get(source)
        if got is None:
            # dont_inherit: this module's `from __future__ import annotations` must not turn the
            # generated methods' annotations into strings, as exec() of the text would not
            got = compile(source, "<string>", "exec", dont_inherit=True)
            self.table.add(source, got)
        return got  # type: ignore[no-any-return]

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:
        """`builtins.exec` for the `dataclasses` module, with its source texts looked up first."""
        if globals is None:  # exec's own defaults: the caller's namespaces
            caller = sys._getframe(1)
            globals = caller.f_globals
            locals = caller.f_locals if locals is None else locals
        if isinstance(source, str):
            source = self.code(source)
        builtins.exec(source, globals, locals)


def table_name() -> str:
    """The table's file name for this interpreter: bytecode magic number and optimisation level."""
    return f"dataclass-code-{importlib.util.MAGIC_NUMBER.hex()}-O{sys.flags.optimize}.marshal"


def table_path() -> Path:
    """The table's file in the cache folder."""
    return cache_dir() / table_name()


def remember_dataclass_code() -> CodeTable:
    """Make every `@dataclass` from now on use the kept code (once per process)."""
    owner = getattr(vars(dataclasses).get("exec"), "__self__", None)
    if isinstance(owner, CodeTable):
        return owner
    got = CodeTable(table_path(), installed_dir() / table_name())  # setup's table under the cache's
    vars(dataclasses)["exec"] = got.exec  # a module global shadows the builtin in dataclasses
    return got
