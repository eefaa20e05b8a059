"""Where a line of a title, TOC entry, board value or table cell may break: between words.

Body text breaks between any two Han characters (clreq). Short display text does not: GB/T
9704 7.3.1 wants titles broken with 词意完整, and a TOC entry or a board value split inside
a name reads wrong. This module tells the line breaker which character boundaries are
inside a word, between a number and its unit, or inside a document number or a 《》 title
(`glue`), and which boundaries are the natural places to break a 公文 title (`preferred`).

Words come from jieba's dictionary (the `jieba` package from PyPI, 349 046 words with
frequencies) segmented the way `jieba.cut(text, HMM=False)` does: the most probable path
through every dictionary word of the text (unigram model). Importing and initialising
jieba itself costs 2–4 s and ~90 MB (rjieba: 0.4 s, 40 MB), more than the whole cold CLI
build, so jieba is never imported here: its dict.txt is compiled once into a compact
sorted file (≈ 4 MB; scripts/setup.sh compiles it into the environment's share/gazette-press,
else the first use compiles it into the user's cache folder) that is mapped into memory (read
whole on Windows) and searched by bisection — nothing is parsed at start-up, only the pages a
search touches are read (reading the 4 MB cost a cold start 5–10 ms), and only when a
paragraph asks for word breaks. Without jieba installed (or without a readable
dictionary) only the rules that need no dictionary apply (numbers and units, document
numbers, 《》), never an error.
"""

from __future__ import annotations

import importlib.util
import math
import mmap
import re
import sys
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from .cachedir import cache_dir, installed_dir, write_readable
from .lazyre import lazy

MAGIC = b"GZWORDS3\n"
MAX_WORD = 16  # the longest entry of jieba's dictionary has 16 characters

# Han runs are found by han_runs, not a regex: compiling a class over the Han blocks costs a
# first layout ≈ 2.5 ms (re builds a bitmap of every code point), more than scanning every
# title, TOC entry and board value of an issue character by character
# a number and what counts it stay together: 2027年, 15号, 417室, 3万, 5%, 第3条
UNITS = "年月日时分秒号期届次个件项条款章节万亿千百元角%％‰名人户家所座栋层室米吨亩岁周天批份位倍度"
NUMBER_UNIT = lazy(rf"(?<=[0-9０-９])(?=[{UNITS}])|(?<=第)(?=[0-9０-９])")
NUMBER = lazy(r"[0-9０-９]+(?:[.．,，][0-9０-９]+)*")
# document numbers, bracketed or not: （葫政办发〔2018〕26号）, 国发〔2016〕58号
DOC_NUMBER = lazy(r"（[^（）]{0,12}〔[0-9]{4}〕[0-9]+号）|[\u4e00-\u9fff]{1,10}〔[0-9]{4}〕[0-9]+号")
BOOK_TITLE = lazy(r"《[^《》]{1,40}》")
# where 公文 titles are broken by hand: after 关于/印发/转发 …, before 的通知/的意见 …
AFTER_WORDS = ("关于", "印发", "转发", "批转", "发布", "公布", "的")
BEFORE_WORDS = (
    "的通知",
    "的意见",
    "的决定",
    "的批复",
    "的通告",
    "的公告",
    "的报告",
    "的函",
    "的请示",
    "的规定",
)


class Dictionary:
    """jieba's words and frequencies, in a sorted byte blob searched without parsing it.

    The file: MAGIC, a line "total count", then `count` (first character, start, end) triples
    as unsigned 32-bit integers (sorted by character; start and end are offsets in the file of
    the words that begin with it), then the words, "\nword\tfreq\nword\tfreq\n…" sorted by
    their UTF-8 bytes. Loading reads the file and copies only the index (≈ 140 kB).
    """

    def __init__(self, data: bytes | mmap.mmap) -> None:
        eol = data.find(b"\n", len(MAGIC))
        total, count = data[len(MAGIC) : eol].split(b" ")
        self.log_total = math.log(int(total))
        table = array("I")
        table.frombytes(data[eol + 1 : eol + 1 + 3 * int(count) * table.itemsize])
        self.chars = table[0::3]
        self.starts = table[1::3]
        self.ends = table[2::3]
        self.blob = data
        self.known: dict[str, tuple[int, bool]] = {}

    def span(self, ch: str) -> tuple[int, int] | None:
        """Where the words starting with `ch` are in the blob."""
        cp = ord(ch)
        k = bisect_left(self.chars, cp)
        if k == len(self.chars) or self.chars[k] != cp:
            return None
        return self.starts[k], self.ends[k]

    def find(self, word: str) -> tuple[int, bool]:
        """(frequency or 0, whether some dictionary word starts with `word`)."""
        got = self.known.get(word)
        if got is None:
            got = self.known[word] = self._find(word)
        return got

    def _find(self, word: str) -> tuple[int, bool]:
        span = self.span(word[0])
        if span is None:
            return 0, False
        blob = self.blob
        key = word.encode()
        lo, hi = span
        while lo < hi:  # lo, hi: line starts; find the first line whose word is >= key
            mid = (lo + hi) // 2
            s = blob.rfind(b"\n", lo - 1, mid) + 1  # blob[lo - 1] is a newline
            t = blob.find(b"\t", s)
            if blob[s:t] < key:
                lo = blob.find(b"\n", t) + 1
            else:
                hi = s
        if lo >= span[1]:
            return 0, False
        t = blob.find(b"\t", lo)
        got = blob[lo:t]
        if got == key:
            nxt = blob.find(b"\n", t) + 1
            return int(blob[t + 1 : nxt - 1]), nxt < span[1] and blob[nxt : nxt + len(key)] == key
        return 0, got.startswith(key)

    def segment(self, run: str) -> list[int]:
        """Word ends (exclusive offsets) of a run of Han characters: jieba's HMM-free cut."""
        n = len(run)
        dag: list[list[tuple[int, int]]] = []
        for i in range(n):
            ends = []
            for j in range(i + 1, min(n, i + MAX_WORD) + 1):
                freq, longer = self.find(run[i:j])
                if freq:
                    ends.append((j, freq))
                if not longer:
                    break
            dag.append(ends)
        best: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for i in range(n - 1, -1, -1):
            options = dag[i] or [(i + 1, 1)]
            if all(j != i + 1 for j, _ in options):
                options = [*options, (i + 1, 1)]
            best[i] = max((math.log(f) - self.log_total + best[j][0], j - 1) for j, f in options)
        out, i = [], 0
        while i < n:
            j = best[i][1] + 1
            out.append(j)
            i = j
        return out


def _source() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


def _first_char_bytes(w: bytes) -> bytes:
    """The UTF-8 bytes of the first character of W (byte order is code point order)."""
    lead = w[0]
    return w[: 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4]


def compile_dictionary(source: Path) -> bytes:
    """jieba's dict.txt ("word freq tag" lines) as the compact sorted form Dictionary reads.

    Works on bytes throughout (UTF-8 sorts in code point order), so only the distinct first
    characters are ever decoded."""
    entries: dict[bytes, int] = {}
    for line in source.read_bytes().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit() and (freq := int(parts[1])) > 0:
            entries[parts[0]] = freq
    for w in entries:
        w.decode()  # a dictionary that is not UTF-8 is refused whole (UnicodeDecodeError)
    total = sum(entries.values())
    firsts: dict[bytes, list[int]] = {}  # first character -> [start, end] relative to the words
    chunks, pos = [b"\n"], 1
    for w in sorted(entries):
        record = b"%s\t%d\n" % (w, entries[w])
        span = firsts.setdefault(_first_char_bytes(w), [pos, pos])
        span[1] = pos + len(record)
        chunks.append(record)
        pos += len(record)
    head = MAGIC + f"{total} {len(firsts)}".encode() + b"\n"
    base = len(head) + 3 * len(firsts) * array("I").itemsize  # where the words start in the file
    table = array("I")
    for first in sorted(firsts):
        start, end = firsts[first]
        table.extend((ord(first.decode()), base + start, base + end))
    return head + table.tobytes() + b"".join(chunks)


def _compiled_name(source: Path) -> str:
    """The compiled file's name, keyed by the source's identity: a new jieba compiles anew."""
    st = source.stat()
    return f"words-v3-{st.st_size}-{int(st.st_mtime)}.bin"


def dictionary_identity() -> str:
    """Which word dictionary lines are broken with (its compiled file's name), "" for none."""
    source = _source()
    if source is None:
        return ""
    try:
        return _compiled_name(source)
    except OSError:
        return ""


def install_compiled() -> Path | None:
    """Compile jieba's dictionary into installed_dir() (scripts/setup.sh runs this); the path
    written, or None without jieba."""
    source = _source()
    if source is None:
        return None
    target = installed_dir() / _compiled_name(source)
    write_readable(target, compile_dictionary(source))
    return target


def _mapped(path: Path) -> bytes | mmap.mmap:
    """The file's bytes, mapped read-only; read whole on Windows, where a mapped file could not
    be replaced by a newer one. (Replacing it elsewhere leaves a mapping its old contents.)"""
    if sys.platform == "win32":
        return path.read_bytes()
    with open(path, "rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


@lru_cache(maxsize=1)
def dictionary() -> Dictionary | None:
    """The compiled dictionary: the user's cache folder, else the one setup installed, else
    compiled now into the cache folder; None without jieba."""
    source = _source()
    if source is None:
        return None
    try:
        name = _compiled_name(source)
    except OSError:
        return None
    for folder in (cache_dir(), installed_dir()):
        try:
            data = _mapped(folder / name)
            if data[: len(MAGIC)] == MAGIC:
                return Dictionary(data)
        except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
            pass
    try:
        data = compile_dictionary(source)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    try:
        write_readable(cache_dir() / name, data)
    except OSError:
        pass  # a read-only home: compile again next time
    return Dictionary(data)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The text cut into words (Han runs by the dictionary; anything else one character or
    one run of digits/letters per piece) — for tests and for reading what the breaker sees."""
    cuts = sorted(_word_ends(text) | {len(text)})
    out, s = [], 0
    for e in cuts:
        if e > s:
            out.append(text[s:e])
            s = e
    return tuple(out)


def is_han(ch: str) -> bool:
    """A Han character: CJK Unified Ideographs, Extension A, Compatibility Ideographs."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def han_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each maximal run of Han characters in text."""
    out = []
    start = -1
    for i, ch in enumerate(text):
        if is_han(ch):
            if start < 0:
                start = i
        elif start >= 0:
            out.append((start, i))
            start = -1
    if start >= 0:
        out.append((start, len(text)))
    return out


@lru_cache(maxsize=4096)
def _word_ends(text: str) -> frozenset[int]:
    """Offsets that end a word of the text (0 < k < len)."""
    ends = set(range(1, len(text)))
    d = dictionary()
    for start, end in han_runs(text):
        inside = set(range(start + 1, end))
        ends -= inside
        if d is None:
            ends |= inside
        else:
            ends |= {start + e for e in d.segment(text[start:end])}
    for m in re.finditer(r"[A-Za-z0-9０-９.．,，%\-]+", text):
        ends -= set(range(m.start() + 1, m.end()))
    return frozenset(k for k in ends if 0 < k < len(text))


@lru_cache(maxsize=4096)
def glue(text: str) -> frozenset[int]:
    """Character offsets k (break between text[k-1] and text[k]) a line must not break at:
    inside a word, between a number and its unit, inside a document number or a 《》 title."""
    bad = set(range(1, len(text))) - _word_ends(text)
    for m in NUMBER.finditer(text):
        bad.update(range(m.start() + 1, m.end()))
    bad.update(m.start() for m in NUMBER_UNIT.finditer(text))
    for pattern, mark in ((DOC_NUMBER, "〔"), (BOOK_TITLE, "《")):
        if mark in text:  # (each match holds its mark: no need to compile the pattern before)
            for m in pattern.finditer(text):
                bad.update(range(m.start() + 1, m.end()))
    return frozenset(k for k in bad if 0 < k < len(text))


@lru_cache(maxsize=4096)
def preferred(text: str) -> frozenset[int]:
    """Offsets where a 公文 title is broken by hand: after 关于/印发/转发/的 …, before 的通知 …,
    before an opening bracket or 《 and after a closing one."""
    good: set[int] = set()
    ends = _word_ends(text) | {0, len(text)}
    for w in AFTER_WORDS:
        for m in re.finditer(re.escape(w), text):
            if m.start() in ends and m.end() in ends:
                good.add(m.end())
    for w in BEFORE_WORDS:
        for m in re.finditer(re.escape(w), text):
            good.add(m.start())
            good.discard(m.start() + 1)  # not between 的 and 通知
    for m in re.finditer(r"[（《“]", text):
        good.add(m.start())
    for m in re.finditer(r"[）》”]", text):
        good.add(m.end())
    return frozenset(k for k in good if 0 < k < len(text)) - glue(text)
