"""SHA-1 and SHA-256 for cache keys, fingerprints and stamps, from CPython's own built-in
modules when it has them: `hashlib` loads OpenSSL's library first (≈ 4 ms of every start,
a tenth of a rebuild's imports), and these digests are the same bytes either way."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def _pick(name: str, *modules: str) -> Callable[..., Any]:
    for module in modules:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    import hashlib

    return getattr(hashlib, name)


sha1 = _pick("sha1", "_sha1")
sha256 = _pick("sha256", "_sha256", "_sha2")  # 3.11 names it _sha256, 3.12 _sha2
