"""Regular expressions compiled on first use.

Compiling a character class over the Han blocks walks every code point of its ranges (the
`re` optimiser builds a bitmap of about 28 000 characters per class), ≈ 1–2 ms a pattern on
this machine; the recognisers of official.py, text_import.py and the checks held forty such
patterns, so importing them cost a cold start ≈ 70 ms before any of them was used. A
`LazyPattern` is compiled by the first call that needs it; after that its methods are the
compiled pattern's own bound methods, found in the instance's dictionary, so a pattern used
in a loop costs what a compiled one does.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")

# What compiles a pattern on first use: re.compile, or a PatternTable's compile (programs kept
# in the cache folder, layout/pattern_code.py) once main.py has installed one.
_compile: Callable[[str, int], re.Pattern[str]] = re.compile


def compile_with(compiler: Callable[[str, int], re.Pattern[str]]) -> None:
    """Compile patterns from now on with `compiler`, which must return what re.compile would."""
    global _compile
    _compile = compiler


class LazyPattern:
    """Quacks like `re.Pattern[str]` for the methods in _METHODS, `pattern`, `flags`,
    `groups` and `groupindex`."""

    compiled_count = 0  # patterns compiled so far in this process (tests count them)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        got = self._compiled
        if got is None:
            got = self._compiled = _compile(self.pattern, self.flags)
            LazyPattern.compiled_count += 1
            for name in _METHODS:  # shadow the methods below: later calls go straight to `re`
                self.__dict__[name] = getattr(got, name)
        return got

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self) -> Any:
        return self.compiled().groupindex

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return LazyPattern(pattern, flags)


def patterns_in(values: Iterable[object]) -> Iterator[LazyPattern]:
    """The lazy patterns among `values` and inside tuples of them (a module's `vars().values()`)."""
    for value in values:
        if isinstance(value, LazyPattern):
            yield value
        elif isinstance(value, tuple):
            yield from patterns_in(value)
