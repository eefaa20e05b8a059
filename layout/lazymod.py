"""A third-party module imported when it is first used instead of when it is first named.

reportlab's `reportlab.lib.utils` runs `from PIL import Image` at import, for the pictures a
PDF may hold; Pillow's `PIL.Image` (with ExifTags, TiffTags and the C extension) is ≈ 20 ms of
a cold build, and an issue without pictures never touches it. `defer_import("PIL.Image")`
puts the module into `sys.modules` with the standard library's `importlib.util.LazyLoader`:
the import statement binds it, and the module's code runs on the first attribute read
(`Image.open`, `isinstance(x, Image.Image)`), whoever does it.

The same holds for standard library modules that a module we need imports for a function a
build never calls (`defer_unused_stdlib`): `pathlib` imports `urllib.parse`, which imports
`ipaddress` (≈ 2 ms building its network tables) for bracketed hosts in URLs; `tempfile` imports
`shutil`, which imports `bz2` and `lzma` to know whether they exist; `dataclasses` imports
`inspect`, which imports `ast`, `dis`, `tokenize` and `linecache`, and calls `inspect.signature`
only to give a class without a docstring one. A deferred module is loaded by whoever first
reads one of its attributes, so nothing breaks when one is used after all.

Python 3.11's own lazy module loads itself when an `import` statement names it again (the
statement asks a module found in `sys.modules` for its `__spec__`, to wait for one still being
initialised); a deferred module here answers that question without loading, so `import inspect`
in `dataclasses` only binds the name.

The lazy loader of Python 3.11 is not safe against two threads making that first read at once,
so only the command line, which runs in one thread, defers; the editor imports Pillow as usual.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any

# The standard library modules that a command-line build or check imports and does not use;
# `inspect` is used when a dataclass on the build's path has no docstring (see above).
UNUSED_STDLIB = ("ipaddress", "bz2", "lzma", "inspect", "tokenize", "linecache")


class _Deferred(importlib.util._LazyModule):  # type: ignore[name-defined]
    """A lazy module that an `import` statement naming it does not load."""

    def __getattribute__(self, attr: str) -> Any:
        if attr == "__spec__":  # what the import statement reads of a module already imported
            return ModuleType.__getattribute__(self, attr)
        return super().__getattribute__(attr)  # the lazy module's: loads, then answers


def defer_unused_stdlib() -> None:
    """Defer `UNUSED_STDLIB` (for the command line's single-issue verbs only, see above)."""
    for name in UNUSED_STDLIB:
        defer_import(name)


def defer_import(name: str) -> ModuleType | None:
    """Make `import name` cheap until the module is used; None if it is not installed.

    A module already imported (lazily or not) is left as it is and returned.
    """
    got = sys.modules.get(name)
    if got is not None:
        return got
    try:
        spec = importlib.util.find_spec(name)  # imports the parent package (PIL: a version string)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.loader is None:
        return None
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)  # the lazy loader's: nothing runs yet
    module.__class__ = _Deferred
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module
