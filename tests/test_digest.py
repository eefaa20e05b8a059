"""layout.digest: the built-in SHA modules give hashlib's digests (cache keys, fingerprints and
subset tags computed before stay valid)."""

from __future__ import annotations

import hashlib

import pytest

from layout import digest


@pytest.mark.parametrize("data", [b"", b"abc", "葫政发〔2018〕4号".encode(), bytes(range(256)) * 300])
def test_the_digests_are_hashlibs(data) -> None:
    assert digest.sha1(data).hexdigest() == hashlib.sha1(data).hexdigest()
    assert digest.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    h = digest.sha1()
    h.update(data[:7])
    h.update(data[7:])
    assert h.digest() == hashlib.sha1(data).digest()


def test_a_python_without_the_builtin_modules_falls_back_to_hashlib() -> None:
    assert digest._pick("sha1", "no_such_module") is hashlib.sha1
