"""A third-party module imported when it is first used instead of when it is first named.

reportlab's `reportlab.lib.utils` runs `from PIL import Image` at import, for the pictures a
PDF may hold; Pillow's `PIL.Image` (with ExifTags, TiffTags and the C extension) is ≈ 20 ms of
a cold build, and an issue without pictures never touches it. `defer_import("PIL.Image")`
puts the module into `sys.modules` with the standard library's `importlib.util.LazyLoader`:
the import statement binds it, and the module's code runs on the first attribute read
(`Image.open`, `isinstance(x, Image.Image)`), whoever does it.

The lazy loader of Python 3.11 is not safe against two threads making that first read at once,
so only the command line, which runs in one thread, defers; the editor imports Pillow as usual.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


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
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module
