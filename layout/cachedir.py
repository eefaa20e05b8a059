"""The one folder where layout keeps what it computes once per machine: font subsets and the
font index (layout/fonts/), the compiled word dictionary (words.py), glyph ink boxes (ink.py)."""

from __future__ import annotations

import os
import sys
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
