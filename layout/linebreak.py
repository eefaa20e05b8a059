"""Chinese line breaking and justification (clreq), measured through one small interface.

A paragraph is cut into atoms: a Han character, a punctuation mark, a Western word or
number ("2018", "24620.54", "hldxxk@163.com"), or an unbreakable pair such as —— or ……. A
line may break between atoms unless the next atom must not start a line or the previous
one must not end a line. Full-width punctuation carries half an em of blank that can be
removed: always between two adjacent marks (。” → 。 half width), at the end of a line,
and, when a line needs it, to pull a forbidden line-start mark up into the line (推入).
The alternative, pushing the last atom down (推出), stretches the line instead; the breaker
takes whichever changes spacing less. Justification spreads the remaining difference over
the gaps between atoms, so Han text stays on an even grid and Western words stay whole.

Text is measured only through `Measure.glyph(font, ch)`, so fonts can change (or a test can
use a fixed grid) without touching the breaker.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from itertools import accumulate, chain
from math import copysign
from operator import add, sub
from typing import Protocol

from .lazyre import lazy

# clreq prohibitions; half-width forms included because documents mix them in.
NO_START = frozenset("，。、；：？！）」』》〉】〕］｝”’％‰,.;:?!)]}·～‥")
NO_END = frozenset("（「『《〈【〔［｛“‘([{")
OPENING = frozenset("（「『《〈【〔［｛“‘")
CLOSING = frozenset("，。、；：？！）」』》〉】〕］｝”’")
PAUSES = frozenset("。？！")  # kept full width in the 开明 style
PUNCT = OPENING | CLOSING
UNSPLITTABLE = ("——", "……", "──", "⋯⋯")
# 〓 (geta mark): what Chinese typesetting prints where a character is missing from the fonts
GETA = "\u3013"
EPS = 1e-6
GLUE, GOOD = 1, 2  # _Atoms.brk values


def is_cjk(ch: str) -> bool:
    """Characters set on the em grid: Han, kana, full-width forms, CJK punctuation."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
        or ch in PUNCT
    )


_RESTYLED: dict[tuple, TextStyle] = {}


def _restyle(style: TextStyle, **changes) -> TextStyle:
    """dataclasses.replace for the few variants of a paragraph style the breaker makes (the
    run-in text's font, a script's size, the line after a forced break, a balanced title),
    remembered: making a frozen dataclass costs more than setting a short title."""
    # (equal styles may differ in the sign of a zero indent: kept apart)
    key = (style, copysign(1.0, style.indent), *sorted(changes.items()))
    got = _RESTYLED.get(key)
    if got is None:
        if len(_RESTYLED) > 1024:
            _RESTYLED.clear()
        got = _RESTYLED[key] = replace(style, **changes)
    return got


class Measure(Protocol):
    """The breaker's only view of fonts."""

    def glyph(self, font: str, ch: str) -> tuple[str | None, float]:
        """(face id, advance in em) of `ch` in the font role `font`; face id None if no face has it."""
        ...

    def fallback_face(self, font: str) -> str:
        """The face to fall back on when no face has a character, not even 〓."""
        ...


@dataclass(frozen=True)
class TextStyle:
    """What the breaker needs to know about a paragraph's look."""

    font: str  # font role
    size: float  # pt
    indent: float = 0.0  # first-line indent, pt
    align: str = "justify"  # justify | left | center | right | balance
    western_space: float = 0.25  # em between Han and Western runs; 0 = none
    punctuation: str = "quanjiao"  # quanjiao | kaiming
    words: bool = False  # break only between words (titles, TOC, board, short cells): layout/words.py


@dataclass(slots=True)
class Line:
    """One set line: each character with its x relative to the paragraph's left edge."""

    text: str
    xs: list[float]
    faces: list[str]
    width: float  # set width of the line (from its first atom's left to the last one's right)
    last: bool = False  # the paragraph's last line or one before a forced break: not justified
    missing: list[str] = field(default_factory=list)  # characters no face had
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # (x0, x1, rise, thickness)
    # (key, xs) when xs are an evenly set line's positions from _even_xs: line_runs then shares
    # the shifted positions of every line with that key (checked against xs by identity)
    even: tuple[tuple, list[float]] | None = field(default=None, repr=False, compare=False)


# where the baseline sits in a line box: the em box centred, ideographic ascent 0.88 em
BASELINE = 0.38


# the positions of an evenly set line moved by x0, by (_even_xs key, x0)
_EVEN_RUNS: dict[tuple[tuple, float], tuple[float, ...]] = {}


def line_runs(line: Line, x0: float) -> list[tuple[tuple[float, ...], str, str]]:
    """A line as (xs, text, face) runs: consecutive characters of one face share a run."""
    faces = line.faces
    text = line.text
    xs = line.xs
    n = len(text)
    face = faces[0] if n else ""
    if n and faces.count(face) == n:  # one face for the whole line: the usual case
        even = line.even
        if even is not None and even[1] is xs and not (x0 == 0.0 and copysign(1.0, x0) < 0):
            key = (even[0], x0)
            got = _EVEN_RUNS.get(key)
            if got is None:
                if len(_EVEN_RUNS) > 4096:
                    _EVEN_RUNS.clear()
                got = _EVEN_RUNS[key] = tuple([v + x0 for v in xs])
            return [(got, text, face)]
        return [(tuple([v + x0 for v in xs]), text, face)]
    runs = []
    start = 0
    for i in range(1, n + 1):
        if i == n or faces[i] != face:
            runs.append((tuple(x0 + v for v in xs[start:i]), text[start:i], face))
            if i < n:
                start = i
                face = faces[i]
    return runs


class _Atoms:
    """Parallel arrays describing a paragraph's atoms (lists, for speed)."""

    __slots__ = (
        "text",
        "offs",
        "faces",
        "w",
        "pre",
        "lcut",
        "rcut",
        "shl",
        "shr",
        "held",
        "drawn_for",
        "spaced",
        "multi",
        "brk",
        "missing",
        "rules",
        "cut_left",
    )

    def __init__(self) -> None:
        self.text: list[str] = []
        self.offs: list[tuple[float, ...]] = []  # char origins relative to the atom's glyph origin
        self.faces: list[tuple[str, ...]] = []
        self.w: list[float] = []  # set width after the cuts already applied
        self.pre: list[float] = []  # space before the atom, dropped at a line start
        self.spaced: list[int] = []  # the atoms that may have a non-zero pre, in order
        self.multi: list[int] = []  # the atoms of more than one character, in order
        self.lcut: list[float] = []  # blank already removed on the left (glyph drawn that much earlier)
        self.rcut: list[float] = []
        self.shl: list[float] = []  # blank still removable on the left (push-in)
        self.shr: list[float] = []  # blank still removable on the right (push-in, line end)
        # whether an atom may start or end a line and how many characters it counts for the 孤字
        # rule follow from its text (see _no_start, _no_end, _counted), except:
        self.held: set[int] = set()  # atoms that must not start a line whatever their text
        self.drawn_for: dict[int, str] = {}  # atom drawn as 〓 -> the character it stands for
        # before this atom: 0 a break is fine, GLUE never (inside a word), GOOD preferred
        self.brk: list[int] = []
        self.missing: list[tuple[int, str]] = []  # (atom index, character no face has)
        self.rules: list[tuple[int, float, float]] = []  # (atom index, rise, thickness) of a 2-em dash rule
        self.cut_left = False  # some lcut may be non-zero (else x - lcut is x: skipped)


def _add(a: _Atoms, text: str, offs, faces, width: float, pre: float, lblank: float, rblank: float) -> None:
    if len(text) > 1:
        a.multi.append(len(a.text))
    a.text.append(text)
    a.offs.append(offs)
    a.faces.append(faces)
    a.w.append(width)
    if pre:
        a.spaced.append(len(a.pre))
    a.pre.append(pre)
    a.shl.append(lblank)
    a.shr.append(rblank)
    a.brk.append(0)


def _no_start(a: _Atoms, k: int) -> bool:
    """Must atom k not start a line? (clreq: closing marks, and raised or lowered runs)"""
    if k in a.held:
        return True
    c = a.drawn_for.get(k) if a.drawn_for else None
    return (c or a.text[k][0]) in NO_START


def _no_end(a: _Atoms, k: int) -> bool:
    """Must atom k not end a line? (opening marks)"""
    c = a.drawn_for.get(k) if a.drawn_for else None
    return (c or a.text[k][-1]) in NO_END


def _counted(a: _Atoms, s: int, e: int, enough: int | None = None) -> int:
    """Characters of atoms s..e-1 that count for the 孤字 rule: all but full-width marks.
    With `enough`, counting stops once the count reaches it (min(count, enough) is returned)."""
    drawn_for = a.drawn_for
    text = a.text
    total = 0
    for k in range(s, e):
        t = drawn_for.get(k) or text[k] if drawn_for else text[k]
        if t not in PUNCT:
            total += len(t)
            if enough is not None and total >= enough:
                return enough
    return total


_INFO_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


WORDS_KEPT = 20_000  # Western words remembered per font role and size (see _Facts.words)


class _Facts:
    """What atomize remembers of one font role at one size (per measure object)."""

    __slots__ = ("info", "cols", "lost", "words", "space", "faces")

    def __init__(self) -> None:
        self.info: dict[str, tuple] = {}  # character -> its facts (see _info)
        # character -> (width, left blank, right blank): the columns a run of plain text needs,
        # so a run is one zip (its faces: one list multiplication while the role has one face)
        self.cols: dict[str, tuple] = {}
        self.lost: set[str] = set()  # characters no face has
        # (kind, word) -> (char origins, faces, width, lost, drawn text, dash rule) of a Western
        # word or an unsplittable pair: numbers and years repeat all through an issue
        self.words: dict[tuple[str, str], tuple] = {}
        self.space: float | None = None  # a word space in pt
        # face -> (face,): one tuple object per face, so _position tells a line set in one face
        # by identity
        self.faces: dict[str, tuple[str]] = {}


def _char_info(measure: Measure, font: str, size: float) -> _Facts:
    """Per-character facts for one font role and size, remembered per measure object."""
    per = _INFO_CACHE.get(measure)
    if per is None:
        per = _INFO_CACHE[measure] = {}
    key = (font, size)
    got = per.get(key)
    if got is None:
        got = per[key] = _Facts()
    return got


def _info(measure: Measure, font: str, size: float, ch: str, facts: _Facts) -> tuple:
    found, adv = measure.glyph(font, ch)
    missing = found is None
    if found is None:  # set as 〓 in the first face of the chain that has it, and reported
        found, adv = measure.glyph(font, GETA)
        if found is None:
            found, adv = measure.fallback_face(font), 1.0
        facts.lost.add(ch)
    face: str = found
    w = adv * size
    lb = rb = 0.0
    if w >= 0.9 * size:
        if ch in OPENING:
            lb = 0.5 * size
        elif ch in CLOSING:
            rb = 0.5 * size
    info = (
        face,
        w,
        lb,
        rb,
        ch in NO_START,
        ch in NO_END,
        0 if ch in PUNCT else 1,
        is_cjk(ch),
        missing,
        facts.faces.setdefault(face, (face,)),
    )
    facts.info[ch] = info
    facts.cols[ch] = (w, lb, rb)
    return info


_WORD_CHARS = r"A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_SPECIAL = lazy(
    rf"(?P<w>[{_WORD_CHARS}]+(?:[.,:/@_\-–+&'#][{_WORD_CHARS}]+)*[%‰]?)"
    r"|(?P<s>[ \t\n\r\u00a0]+)|(?P<p>——|……|──|⋯⋯)"
)
# the characters a match of _SPECIAL can start with: `re` skips to the next of them in C, where
# _SPECIAL.finditer would try its three alternatives at every character of the text
_SPECIAL_START = lazy(rf"[{_WORD_CHARS} \t\n\r\u00a0—…─⋯]")
# a full-width mark followed by another: the pairs _compress_pairs looks at, found per run of text
_MARK_PAIR = lazy("[%s](?=[%s])" % ((re.escape("".join(sorted(PUNCT))),) * 2))


def _word(measure: Measure, font: str, size: float, facts: _Facts, kind: str, atom: str) -> tuple:
    """(char origins, faces, width, lost, drawn text, dash rule) of a Western word ("w") or an
    unsplittable pair ("p") set as one atom; lost lists (position, character) of characters no
    face has, drawn is the atom with those replaced by 〓."""
    table = facts.info
    offs, faces, x = [], [], 0.0
    lost = []
    for k, c in enumerate(atom):
        info = table.get(c) or _info(measure, font, size, c, facts)
        if info[8]:
            lost.append((k, c))
        if kind == "p":  # —— and …… take two full ems, each glyph centred in its own
            offs.append(k * size + (size - info[1]) / 2)
            x = (k + 1) * size
        else:
            offs.append(x)
            x += info[1]
        faces.append(info[0])
    rule = None
    if kind == "p" and atom[0] in "—─" and not lost:
        rule = _dash_rule(measure, font, atom[0], size)
    drawn = atom
    if lost:
        chars = list(atom)
        for k, _c in lost:
            chars[k] = GETA
        drawn = "".join(chars)
    return tuple(offs), tuple(faces), x, tuple(lost), drawn, rule


def atomize(text: str, style: TextStyle, measure: Measure, max_width: float) -> _Atoms:
    """Cut text into atoms with widths in pt; atoms wider than `max_width` are split by character.

    Written for speed: the runs between Western words, spaces and unsplittable pairs (nearly
    all of Chinese text) are turned into atoms column-wise from remembered per-character facts,
    and the Western words from remembered per-word facts.
    """
    size = style.size
    font = style.font
    facts = _char_info(measure, font, size)
    table = facts.info
    cols = facts.cols
    lost_chars = facts.lost
    a = _Atoms()
    qspace = style.western_space * size
    pairs: list[int] = []  # atoms that may start a pair of full-width marks (a superset)
    space = False  # a space is pending
    han = False  # the previous atom is Han/CJK
    word = False  # the previous atom is a Western word

    def space_width() -> float:
        got = facts.space
        if got is None:
            got = facts.space = _space(measure.glyph, font, size)
        return got

    def plain(seg: str) -> bool:
        """Append a run of single-character atoms; whether its last character is Han/CJK."""
        chars = list(seg)  # one string object per character, hashed once, kept as the atoms' text
        try:
            (w, lb, rb) = zip(*map(cols.__getitem__, chars), strict=True)
        except KeyError:
            for c in chars:
                if c not in cols:
                    _info(measure, font, size, c, facts)
            (w, lb, rb) = zip(*map(cols.__getitem__, chars), strict=True)
        base = len(a.text)
        c0 = seg[0]
        if base:
            cjk0 = table[c0][7]
            if word:
                pre = qspace if (cjk0 and c0 not in PUNCT) else (space_width() if space else 0.0)
            elif space and not cjk0:
                pre = space_width()
            else:
                pre = 0.0
            if c0 in PUNCT:
                pairs.append(base - 1)
        else:
            pre = 0.0
        n = len(seg)
        a.text.extend(chars)
        a.offs.extend([(0.0,)] * n)
        if len(facts.faces) == 1:  # every character looked up so far is in this one face
            a.faces.extend([facts.faces[table[c0][0]]] * n)
        else:
            a.faces.extend([table[c][9] for c in chars])
        a.w.extend(w)
        if pre:
            a.spaced.append(base)
        a.pre.append(pre)
        a.pre.extend([0.0] * (n - 1))
        a.shl.extend(lb)
        a.shr.extend(rb)
        a.brk.extend([0] * n)
        if n > 1:
            pairs.extend([base + m.start() for m in _MARK_PAIR.finditer(seg)])
        if lost_chars and not lost_chars.isdisjoint(seg):
            for k, c in enumerate(seg):
                if c in lost_chars:
                    a.missing.append((base + k, c))
                    a.text[base + k] = GETA
                    a.drawn_for[base + k] = c
        return table[seg[-1]][7]

    pos = 0  # start of the run of plain text not yet appended
    at = 0  # where the next special may start
    find_start = _SPECIAL_START.search
    match = _SPECIAL.match
    words = facts.words
    while True:
        found = find_start(text, at)
        if found is None:
            break
        m = match(text, found.start())
        if m is None:
            at = found.start() + 1
            continue
        if m.start() > pos:
            han = plain(text[pos : m.start()])
            space = word = False
        pos = at = m.end()
        kind = m.lastgroup or ""  # every alternative is a named group
        if kind == "s":
            space = True
            continue
        atom = m.group()
        key = (kind, atom)
        got = words.get(key)
        if got is None:
            if len(words) >= WORDS_KEPT:  # an editing session meets ever new numbers: bounded
                words.clear()
            got = words[key] = _word(measure, font, size, facts, kind, atom)
        offs, faces, x, lost, drawn, rule = got
        if rule:
            a.rules.append((len(a.text), *rule))
        if not a.text:
            pre = 0.0
        elif kind == "w":
            if han and a.text[-1] not in PUNCT:
                pre = qspace
            else:
                pre = space_width() if space else 0.0
        else:  # —— or ……
            pre = qspace if word else (space_width() if space else 0.0)
        base = len(a.text)
        split = kind == "w" and x > max_width  # longer than a line: the only case a word is split
        for k, c in lost:
            a.missing.append((base + k if split else base, c))
        if split:
            for k, c in enumerate(drawn):
                w = (offs[k + 1] if k + 1 < len(drawn) else x) - offs[k]
                _add(a, c, (0.0,), (faces[k],), w, pre if k == 0 else 0.0, 0.0, 0.0)
        else:
            _add(a, drawn, offs, faces, x, pre, 0.0, 0.0)
        space = False
        han = kind != "w"
        word = kind == "w"
    if pos < len(text):
        plain(text[pos:])
    count = len(a.text)
    a.lcut = [0.0] * count
    a.rcut = [0.0] * count
    _compress_pairs(a, style, pairs)
    return a


def _dash_rule(measure: Measure, font: str, ch: str, size: float) -> tuple[float, float] | None:
    """(rise, thickness) in pt of the rule that joins a 破折号's two dashes into one two-em
    stroke: the height and weight of the dash's own ink (GB/T 15834 4.14)."""
    ink = getattr(measure, "ink", None)
    box = ink(font, ch) if ink else None
    if not box or box[3] <= box[1]:
        return None
    return (box[1] + box[3]) / 2 * size, (box[3] - box[1]) * size


def _mark_words(a: _Atoms, text: str) -> None:
    """Mark the atoms a line must not start with (inside a word, a number with its unit, a
    document number, a 《》 title) and those before which a title is best broken."""
    from .words import glue, preferred

    bad, good = glue(text), preferred(text)
    if not bad and not good:
        return
    pos = 0
    for i, t in enumerate(a.text):
        while pos < len(text) and text[pos] in " \t\n\r\u00a0":
            pos += 1  # spaces between atoms are not atoms
        if i:
            a.brk[i] = GLUE if pos in bad else GOOD if pos in good else 0
        pos += len(t)


def _space(glyph, font: str, size: float) -> float:
    face, adv = glyph(font, " ")
    return (adv if face is not None else 0.25) * size


def _cut_left(a: _Atoms, i: int) -> None:
    c = a.shl[i]
    a.shl[i] = 0.0
    a.cut_left = True
    a.lcut[i] += c
    a.w[i] -= c


def _cut_right(a: _Atoms, i: int) -> None:
    c = a.shr[i]
    a.shr[i] = 0.0
    a.rcut[i] += c
    a.w[i] -= c


def _compress_pairs(a: _Atoms, style: TextStyle, pairs: list[int]) -> None:
    """Adjacent full-width marks keep at most half an em of blank between their inks.

    `pairs`: in order, the atoms that may be the first of two adjacent marks (a superset of
    them: atomize finds them per run of text)."""
    n = len(a.text)
    if style.punctuation == "kaiming":
        for i in range(n):
            t = a.text[i]
            if t in OPENING:
                _cut_left(a, i)
            elif t in CLOSING and t not in PAUSES:
                _cut_right(a, i)
    for i in pairs:
        if i + 1 >= n:
            break
        _compress_pair(a, i)


def _compress_pair(a: _Atoms, i: int) -> None:
    t, u = a.text[i], a.text[i + 1]
    if t in PUNCT and u in PUNCT and a.pre[i + 1] == 0.0:
        if a.shr[i] > 0:
            _cut_right(a, i)  # 。” ）、 ），》（ ：“ : the first mark goes half width
        elif t in OPENING and a.shl[i + 1] > 0:
            _cut_left(a, i + 1)  # （“ : the second one does


# the end of a run-in heading's phrase: a sentence end and the closing marks after it,
# followed by more text (（一）指导思想。坚持……)
HEAD_END = lazy(r"[。！？!?][”’」』）)〕】》]*(?=\s*[^\s”’」』）)〕】》])")


def _join(a: _Atoms, b: _Atoms) -> _Atoms:
    """Atoms of two runs of text set one after the other in one paragraph (a run-in heading's
    phrase and the text after it, in different fonts)."""
    n = len(a.text)
    for name in _Atoms.__slots__:
        if name not in ("missing", "rules", "cut_left", "held", "drawn_for", "spaced", "multi"):
            getattr(a, name).extend(getattr(b, name))
    a.spaced.extend(i + n for i in b.spaced)
    a.multi.extend(i + n for i in b.multi)
    a.cut_left = a.cut_left or b.cut_left
    a.held.update(i + n for i in b.held)
    a.drawn_for.update((i + n, c) for i, c in b.drawn_for.items())
    a.missing.extend((i + n, c) for i, c in b.missing)
    a.rules.extend((i + n, rise, thick) for i, rise, thick in b.rules)
    if n and len(a.text) > n:
        _compress_pair(a, n - 1)  # 。“ across the change of font
    return a


class Breaker:
    """Greedy first-fit with kinsoku resolution, then the 孤字 repair; one instance per paragraph."""

    def __init__(self, a: _Atoms, first_width: float, width: float, indent: float) -> None:
        self.a = a
        self.first_width = first_width
        self.width = width
        self.indent = indent
        n = len(a.text)
        steps = a.w
        if a.spaced:  # pre + w where a pre may be non-zero; elsewhere w is that sum exactly
            steps = steps.copy()
            pre = a.pre
            for i in a.spaced:
                steps[i] = pre[i] + steps[i]
        self.p = list(accumulate(steps, initial=0.0))
        self._s: list[float] | None = None  # prefix sums of removable blank, made when first asked
        self.n = n

    def can_break(self, k: int) -> bool:
        """May a line end before atom k?"""
        a = self.a
        return k >= self.n or not (_no_start(a, k) or _no_end(a, k - 1) or a.brk[k] == GLUE)

    def lead(self, s: int) -> float:
        """The blank an opening mark loses at the start of a line (clreq: line-head opening
        brackets are set half width), except on an indented first line."""
        return self.a.shl[s] if s or self.indent <= 0 else 0.0

    def natural(self, s: int, e: int) -> float:
        """Width of atoms s..e-1 set on one line, the line-start mark's leading blank and the
        line-end blank of the last one removed."""
        a = self.a
        return self.p[e] - self.p[s] - a.pre[s] - a.shr[e - 1] - self.lead(s)

    def shrink(self, s: int, e: int) -> float:
        """Blank that push-in may still remove inside a line (not the line-start mark's left)."""
        a = self.a
        sums = self._s
        if sums is None:  # most paragraphs never squeeze a line
            sums = self._s = list(accumulate(map(add, a.shl, a.shr), initial=0.0))
        return sums[e] - sums[s] - a.shl[s] - a.shr[e - 1]

    def fit(self, s: int, width: float) -> int:
        """The end of the longest line starting at s that fits without compression."""
        a = self.a
        bound = self.p[s] + a.pre[s] + self.lead(s) + width + EPS
        e = bisect_right(self.p, bound, s + 1) - 1
        if e < self.n and self.p[e + 1] - a.shr[e] <= bound:
            e += 1
        return max(e, s + 1)

    def next_break(self, s: int, width: float) -> int:
        """Where the line starting at s ends, kinsoku resolved by push-in or push-out."""
        e = self.fit(s, width)
        if e >= self.n or self.can_break(e):
            return e
        # push-in: take atoms up to the next legal break, squeezing punctuation
        e2 = e + 1
        while e2 < self.n and not self.can_break(e2):
            e2 += 1
        over = self.natural(s, e2) - width
        push_in = over if over <= self.shrink(s, e2) + EPS else None
        # push-out: end the line at the previous legal break and stretch it
        e1 = e - 1
        while e1 > s and not self.can_break(e1):
            e1 -= 1
        push_out = width - self.natural(s, e1) if e1 > s else None
        if push_in is not None and (push_out is None or push_in <= push_out):
            return e2
        if push_out is not None:
            return e1
        return e  # nothing legal on this line: a single unbreakable stretch

    def breaks(self) -> list[int]:
        """Line ends (exclusive atom indices) for the whole paragraph."""
        ends: list[int] = []
        s = 0
        width = self.first_width
        while s < self.n:
            e = self.next_break(s, width)
            ends.append(e)
            s = e
            width = self.width
        self._no_lonely_last(ends)
        return ends

    def _no_lonely_last(self, ends: list[int]) -> None:
        """A last line of one character is pulled up (compressing) or joined by one pushed down,
        whichever moves less."""
        a = self.a
        if len(ends) < 2:
            return
        s_last = ends[-2]
        tail = _counted(a, s_last, self.n, 2)
        if tail > 1:
            return
        s_prev = ends[-3] if len(ends) >= 3 else 0
        width = self.first_width if len(ends) == 2 else self.width
        over = self.natural(s_prev, self.n) - width
        pull_up = over if over <= self.shrink(s_prev, self.n) + EPS else None
        k = s_last - 1
        tail += _counted(a, k, s_last)  # characters counted from atom k on
        while k > s_prev and (not self.can_break(k) or tail < 2):
            k -= 1
            tail += _counted(a, k, k + 1)
        push_down = None
        if k > s_prev and self.natural(k, self.n) <= self.width + EPS:
            push_down = width - self.natural(s_prev, k)
        if pull_up is not None and (push_down is None or pull_up <= push_down):
            ends.pop(-2)
        elif push_down is not None:
            ends[-2] = k


# forced line breaks: Word's soft line break (exported as \n or \v), cell paragraphs joined by
# the importers with \n, the Unicode line and paragraph separators
FORCED_BREAK = lazy(r"\r\n|[\n\r\v\u2028\u2029]")


def has_forced_break(text: str) -> bool:
    """Whether FORCED_BREAK occurs in text (five substring tests: cheaper than the regex)."""
    return "\n" in text or "\r" in text or "\v" in text or "\u2028" in text or "\u2029" in text


SCRIPT_SEP = "\x1f"
"""Joins a face id and a script kind in the faces of a line: `face + SCRIPT_SEP + "sup"`."""
SCRIPT_SCALE = 0.6  # a superscript or subscript is set at this fraction of the paragraph's size
SCRIPT_RISE = {"sup": 0.36, "sub": -0.14}  # its baseline moves by this fraction of the size (up > 0)


def script_of(face: str) -> tuple[str, str]:
    """(face id, script kind) of a face in a set line; kind is "" for ordinary text."""
    if SCRIPT_SEP not in face:
        return face, ""
    face, kind = face.split(SCRIPT_SEP, 1)
    return face, kind


def _pieces(
    text: str, marks: tuple[tuple[int, int, str], ...], cut: int | None
) -> list[tuple[int, int, str]]:
    """The text cut at mark edges (and at a run-in heading's phrase end): (start, end, kind)."""
    scripts = [(max(0, a), min(len(text), b), k) for a, b, k in marks if k in SCRIPT_RISE and a < b]
    edges = sorted(
        {0, len(text), *(cut for cut in [cut] if cut), *(e for a, b, _ in scripts for e in (a, b))}
    )
    out = []
    for a, b in zip(edges, edges[1:], strict=False):
        kind = next((k for s, e, k in scripts if s <= a and b <= e), "")
        if b > a:
            out.append((a, b, kind))
    return out


def _atomize_marked(
    text: str,
    style: TextStyle,
    measure: Measure,
    room: float,
    marks: tuple,
    cut: int | None,
    run_in_font: str,
) -> _Atoms:
    """Atoms of a paragraph with raised or lowered runs (5000m², CO₂): each such run is set at
    SCRIPT_SCALE of the size with its own widths, never starts a line, and its faces carry the
    script kind so the page can raise or lower it."""
    a: _Atoms | None = None
    for start, end, kind in _pieces(text, marks, cut):
        st = style
        if cut is not None and start >= cut:
            st = _restyle(st, font=run_in_font)
        if kind:
            st = _restyle(st, size=st.size * SCRIPT_SCALE)
        piece = atomize(text[start:end], st, measure, room)
        if not piece.text:
            continue
        if kind:
            piece.faces = [tuple(f + SCRIPT_SEP + kind for f in fs) for fs in piece.faces]
            piece.held.add(0)
            piece.pre[0] = 0.0
        a = piece if a is None else _join(a, piece)
    return a if a is not None else atomize("", style, measure, room)


def set_lines(
    text: str,
    style: TextStyle,
    measure: Measure,
    width: float,
    run_in_font: str = "",
    marks: tuple[tuple[int, int, str], ...] = (),
) -> list[Line]:
    """Break and justify one paragraph into lines of `width` pt (first line minus the indent).

    A forced break ends a line the way a paragraph end does: the line before it is not
    justified and the text after it starts a new line at the left edge, without the indent.

    `run_in_font`: the paragraph is a heading whose phrase may be followed by body text
    (（一）指导思想。坚持……); the phrase keeps the style's font and the text after its
    first sentence end is set in this font role, at the same size (GB/T 9704 practice:
    the heading in 楷体 or 黑体, the text in 仿宋).

    `marks`: (start, end, kind) spans of `text`; "sup" and "sub" spans are set smaller and
    raised or lowered (see SCRIPT_SCALE, SCRIPT_RISE, script_of); other kinds are ignored.
    """
    if has_forced_break(text):
        out: list[Line] = []
        pos = 0
        for seg in FORCED_BREAK.split(text):
            at = text.find(seg, pos) if seg else pos
            pos = at + len(seg)
            lead = len(seg) - len(seg.lstrip())
            seg_marks = tuple((a - at - lead, b - at - lead, k) for a, b, k in marks if a >= at and b <= pos)
            seg = seg.strip()
            if seg:
                seg_style = style if not out else _restyle(style, indent=0.0)
                out.extend(
                    _set_segment(seg, seg_style, measure, width, "" if out else run_in_font, seg_marks)
                )
        return out
    return _set_segment(text, style, measure, width, run_in_font, marks)


def _set_segment(
    text: str, style: TextStyle, measure: Measure, width: float, run_in_font: str = "", marks: tuple = ()
) -> list[Line]:
    indent = style.indent
    m = HEAD_END.search(text) if run_in_font and run_in_font != style.font else None
    if marks and any(k in SCRIPT_RISE for _, _, k in marks):
        a = _atomize_marked(
            text, style, measure, width - max(indent, 0.0), marks, m.end() if m else None, run_in_font
        )
    elif m:
        cut = m.end()
        room = width - max(indent, 0.0)
        a = _join(
            atomize(text[:cut], style, measure, room),
            atomize(text[cut:].lstrip(), _restyle(style, font=run_in_font), measure, room),
        )
    else:
        a = atomize(text, style, measure, width - max(indent, 0.0))
        # break by meaning, when there is a break to make at all (most titles, TOC entries and
        # board values fit one line: no need to segment them)
        if (style.words or style.align == "balance") and sum(a.w) + sum(a.pre) > width - indent + EPS:
            _mark_words(a, text)
    if not a.text:
        return []
    if style.align == "balance":
        return _balanced(a, style, width)
    br = Breaker(a, width - indent, width, indent)
    return _position(br, br.breaks(), style, width)


def _balanced(a: _Atoms, style: TextStyle, width: float) -> list[Line]:
    """Centred lines of nearly equal length, broken between words (GB/T 9704 7.3.1: 词意完整,
    排列对称): the break points are chosen together so the lines are as even as possible, with
    a bonus for the places titles are broken by hand (after 关于/印发, before 的通知 …). When
    the lines cannot be both even and whole-worded in the fewest lines, one more line is used."""
    br = Breaker(a, width, width, 0.0)
    ends = br.breaks()
    if len(ends) > 1:
        got = None
        for count in (len(ends), len(ends) + 1):
            got = _even_breaks(br, count, width, style.size)
            if got is not None:
                break
        ends = got if got is not None else ends
    return _position(br, ends, _restyle(style, indent=0.0, align="center"), width)


PREFERRED_BONUS = 3.0  # em²: a hand-made break place is worth about 1.2 em of unevenness per line


def _even_breaks(br: Breaker, count: int, width: float, size: float) -> list[int] | None:
    """`count` lines at legal breaks minimising the sum of squared line widths (in em), minus a
    bonus per preferred break; None if no such set fits the width."""
    a = br.a
    n = br.n
    cands = [k for k in range(1, n) if br.can_break(k)]
    nodes = [0, *cands, n]
    inf = float("inf")
    # cost[l][j]: the best cost of lines 1..l ending at nodes[j]
    cost = [[inf] * len(nodes) for _ in range(count + 1)]
    back = [[-1] * len(nodes) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for line in range(1, count + 1):
        prev, cur, bk = cost[line - 1], cost[line], back[line]
        for j in range(1, len(nodes)):
            e = nodes[j]
            if line == count and e != n:
                continue
            bonus = PREFERRED_BONUS if e < n and a.brk[e] == GOOD else 0.0
            for i in range(j):
                if prev[i] == inf:
                    continue
                w = br.natural(nodes[i], e)
                if w > width + EPS:
                    continue
                c = prev[i] + (w / size) ** 2 - bonus
                if c < cur[j]:
                    cur[j], bk[j] = c, i
    if cost[count][-1] == inf:
        return None
    ends, j = [], len(nodes) - 1
    for line in range(count, 0, -1):
        ends.append(nodes[j])
        j = back[line][j]
    return ends[::-1]


# x positions of evenly set lines, by (first x, advance, gap, count): see _even_xs
_EVEN_XS: dict[tuple[float, float, float, int], list[float]] = {}


def _even_xs(
    w: list[float], pre: list[float], s: int, e: int, start: float, gap: float
) -> tuple[tuple[float, float, float, int], list[float]] | None:
    """The x of each atom s..e-1 of a line of single characters, when every step between them is
    the same (Han text with full-width marks, nothing compressed inside the line): remembered,
    because most lines of body text are such lines with one of a few counts and gaps. The values
    are those the general computation gives (the same additions in the same order). Returns
    (key, a copy of the positions), None when the steps differ."""
    n = e - s
    if n < 2 or any(pre[s + 1 : e]):
        return None
    steps = w[s : e - 1]
    step = steps[0]
    if steps.count(step) != n - 1 or (start == 0.0 and copysign(1.0, start) < 0):
        return None  # (a start of -0.0 would share the key of 0.0)
    key = (start, step, gap, n)
    got = _EVEN_XS.get(key)
    if got is None:
        got = list(accumulate(map(add, steps, pre[s + 1 : e]), initial=start))
        if gap:
            got = [b + gap * k for k, b in enumerate(got)]
        if len(_EVEN_XS) > 4096:
            _EVEN_XS.clear()
        _EVEN_XS[key] = got
    return key, list(got)


def _origins(w: list[float], pre: list[float], s: int, e: int, start: float, gap: float) -> list[float]:
    """Where atoms s..e-1 start when each is set after the one before: x += w, then x += pre +
    gap, atom by atom (one accumulate over the steps interleaved)."""
    if e - s == 1:
        return [start]
    steps = [0.0] * (2 * (e - s) - 2)
    steps[0::2] = w[s : e - 1]
    steps[1::2] = [p + gap for p in pre[s + 1 : e]]
    return list(accumulate(steps, initial=start))[0::2]


def _position(br: Breaker, ends: list[int], style: TextStyle, width: float) -> list[Line]:
    a = br.a
    lines: list[Line] = []
    s = 0
    count = len(ends)
    missing = a.missing
    for li, e in enumerate(ends):
        last = li == count - 1
        x0 = style.indent if li == 0 else 0.0
        measure_w = width - x0
        nat = br.natural(s, e)
        gap = 0.0
        squeeze = 0.0
        if style.align == "justify" and not last:
            diff = measure_w - nat
            if diff >= 0:
                if e - s > 1:
                    gap = diff / (e - s - 1)
            else:
                cap = br.shrink(s, e)
                squeeze = min(1.0, -diff / cap) if cap > 0 else 0.0
        elif nat > measure_w + EPS:
            cap = br.shrink(s, e)
            squeeze = min(1.0, (nat - measure_w) / cap) if cap > 0 else 0.0
        texts = a.text[s:e]
        text = "".join(texts)
        pre, w, lcut = a.pre, a.w, a.lcut
        lead = br.lead(s)
        rules: list[tuple[float, float, float, float]] = []
        xs: list[float]
        faces: list[str]
        even_key = None
        if squeeze == 0.0 and len(text) == e - s:
            # the common case: single-character atoms, nothing squeezed
            line_faces = a.faces[s:e]
            if line_faces.count(line_faces[0]) == e - s:  # one face (by identity, mostly)
                faces = [line_faces[0][0]] * (e - s)
            else:
                faces = [f[0] for f in line_faces]
            got = _even_xs(w, pre, s, e, x0 - lead, gap)
            if got is None:
                base = list(accumulate(map(add, w[s : e - 1], pre[s + 1 : e]), initial=x0 - lead))
                if gap:
                    base = [b + gap * k for k, b in enumerate(base)]
            else:
                even_key, base = got
            xs = list(map(sub, base, lcut[s:e])) if a.cut_left else base
            x = base[-1] + w[e - 1] - a.shr[e - 1]
        elif squeeze == 0.0:
            # Western words or pairs in the line, nothing squeezed: the additions of the loop
            # below with its cuts of zero left out (x - 0.0 and w - 0.0 are x and w), in order
            origins = _origins(w, pre, s, e, x0 - lead, gap)
            x = origins[-1] + (w[e - 1] - a.shr[e - 1])
            if a.cut_left:
                origins = list(map(sub, origins, lcut[s:e]))
            dashes = {i: (rise, thick) for i, rise, thick in a.rules if s <= i < e}
            xs = []
            done = 0
            multi = a.multi
            for i in multi[bisect_left(multi, s) : bisect_left(multi, e)]:
                r = i - s
                xs += origins[done:r]
                origin = origins[r]
                xs += [origin + o for o in a.offs[i]]
                if i in dashes:
                    rules.append((origin, origin + w[i], *dashes[i]))
                done = r + 1
            xs += origins[done:]
            faces = list(chain.from_iterable(a.faces[s:e]))
        else:
            xs = []
            faces = []
            x = x0 - lead
            shl, shr = a.shl, a.shr
            dashes = {i: (rise, thick) for i, rise, thick in a.rules if s <= i < e}
            for i in range(s, e):
                cut_l = shl[i] * squeeze if i > s else 0.0
                cut_r = shr[i] * squeeze if i < e - 1 else shr[i]
                if i > s:
                    x += pre[i] + gap
                origin = x - lcut[i] - cut_l
                if len(texts[i - s]) == 1:
                    xs.append(origin)
                else:
                    xs.extend(origin + o for o in a.offs[i])
                    if i in dashes:
                        rules.append((origin, origin + w[i], *dashes[i]))
                faces.extend(a.faces[i])
                x += w[i] - cut_l - cut_r
        set_w = x - x0
        if style.align == "center" or (style.align == "balance"):
            shift = (width - set_w) / 2 - x0
        elif style.align == "right":
            shift = width - set_w - x0
        else:
            shift = 0.0
        if shift:
            xs = [v + shift for v in xs]
            rules = [(r0 + shift, r1 + shift, rise, thick) for r0, r1, rise, thick in rules]
        line = Line(text, xs, faces, set_w, last, rules=rules)
        if even_key is not None and xs is base:
            line.even = (even_key, xs)
        if missing:
            line.missing = [c for i, c in missing if s <= i < e]
        lines.append(line)
        s = e
    return lines


def tabular_line(text: str, font: str, size: float, measure: Measure) -> Line:
    """One line of figures of equal advance (tabular figures, as a font's tnum gives them): each
    digit centred in the widest digit's advance, so numbers set one under another line up."""
    digit = max(measure.glyph(font, d)[1] for d in "0123456789") * size
    xs: list[float] = []
    faces: list[str] = []
    x = 0.0
    for ch in text:
        face, adv = measure.glyph(font, ch)
        if face is None:
            face = measure.fallback_face(font)
        w = adv * size
        if "0" <= ch <= "9":
            xs.append(x + (digit - w) / 2)
            x += digit
        else:
            xs.append(x)
            x += w
        faces.append(face)
    return Line(text, xs, faces, x, True)


def water_fill(lo: list[float], hi: list[float], room: float, steps: int = 40) -> list[float]:
    """Widths between each column's minimum `lo` and natural `hi` that fill `room`: short
    columns get their whole natural width, long ones share one cap (browsers' auto tables).
    Callers handle the cases where everything fits (sum(hi) <= room) or nothing does."""
    cap_lo, cap_hi = 0.0, max(hi)
    for _ in range(steps):
        cap = (cap_lo + cap_hi) / 2
        if sum(min(h, max(m, cap)) for h, m in zip(hi, lo, strict=True)) > room:
            cap_hi = cap
        else:
            cap_lo = cap
    return [min(h, max(m, cap_lo)) for h, m in zip(hi, lo, strict=True)]
