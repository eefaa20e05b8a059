"""Reading a text file as it was written: which encoding the bytes are in.

Offices send text in whatever their editor saved: UTF-8 (with or without a BOM), Notepad's
"Unicode" (UTF-16 with a BOM), GB18030/GBK from a Chinese Windows, and now and then Big5
from a traditional-Chinese source. GB18030 decodes almost any byte string, so "it decoded"
proves nothing: a Big5 file read as GB18030 gives a page of kana, Greek and rare
characters without an error. So a guess must also *read* like Chinese: nearly all of its
Han characters among the few thousand in everyday use (GB 2312's first level for
simplified text, Big5's first level for traditional text). A guess that does not is
refused with a sentence that names `--encoding`, never imported as garbage.

charset-normalizer (a maintained detector) breaks the tie when both GB18030 and Big5 read
plausibly, which only happens for very short texts.
"""

from __future__ import annotations

import codecs
import functools
from dataclasses import dataclass

from layout.lazyre import lazy

from .errors import UserError

# C0 control characters other than tab, line feed, form feed and carriage return: binary data.
_CONTROL_RE = lazy(r"[\x00-\x08\x0b\x0e-\x1f]")


def control_count(text: str) -> int:
    """How many C0 controls (tab, LF, FF and CR aside) `text` holds: found by `re` in C, not by
    a Python loop over every character (which was ≈ 5 ms of reading the seed issue)."""
    return len(_CONTROL_RE.findall(text))


# Names the user may give with --encoding (lower case, aliases allowed by Python's codecs).
SUPPORTED = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
    "gb18030",
    "gbk",
    "gb2312",
    "big5",
    "big5hkscs",
)

_BOMS = (  # longest first: a UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
PLAUSIBLE = 0.85  # share of Han characters in everyday use that a right guess reaches
_SAMPLE = 200_000  # characters looked at when scoring a guess


@dataclass(frozen=True)
class Decoded:
    """A text file's content and the encoding it was read in."""

    text: str
    encoding: str  # what to tell the user: "UTF-8", "GB18030", "Big5", "UTF-16 (BOM)", …
    detected: bool  # False when the user forced it with --encoding


@functools.cache
def _common_han() -> frozenset[str]:
    """The Han characters in everyday use, simplified and traditional (about 9,000)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):  # GB 2312 level 1: 3,755 characters, by pinyin
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):  # Big5 level 1: 5,401 frequently used characters
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                chars.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(c for c in chars if _is_han(c))


def _is_han(c: str) -> bool:
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def _odd(c: str) -> bool:
    """Characters a wrong Chinese decoding produces and a gazette text hardly has."""
    o = ord(c)
    return (
        0xE000 <= o <= 0xF8FF  # private use: GBK's user-defined areas
        or 0x3040 <= o <= 0x30FF  # kana: GB 2312 rows 4-5
        or 0x0370 <= o <= 0x04FF  # Greek and Cyrillic: rows 6-7
        or 0x2500 <= o <= 0x257F  # box drawing: row 9
        or 0x3100 <= o <= 0x312F  # bopomofo
        or (o < 32 and c not in "\t\r\n\f")
        or c == "\ufffd"
    )


def plausibility(text: str) -> float:
    """How much `text` reads like Chinese: the share of everyday characters among the Han and
    odd ones (1.0 for a text with neither: plain ASCII is plausible in any of our encodings)."""
    common = _common_han()
    han = good = odd = 0
    for c in text[:_SAMPLE]:
        if c < "\x80":
            if c < " " and c not in "\t\r\n\f":
                odd += 1
            continue
        if _is_han(c):
            han += 1
            good += c in common
        elif _odd(c):
            odd += 1
    return 1.0 if han + odd == 0 else good / (han + odd)


def _name(encoding: str) -> str:
    return {"gb18030": "GB18030", "big5": "Big5", "utf-8": "UTF-8"}.get(encoding, encoding.upper())


def decode_text(raw: bytes, where: str, forced: str | None = None) -> Decoded:
    """The text of a file's bytes; one clear UserError when it cannot be read as text.

    `where` names the file in messages; `forced` is the user's --encoding.
    """
    if forced:
        return _decode_forced(raw, where, forced)
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw[len(bom) :].decode(codec), f"{name} (BOM)", True)
            except UnicodeDecodeError:
                raise _undecodable(where, name) from None
    if b"\x00" in raw[:65536]:
        utf16 = _utf16_without_bom(raw)
        if utf16 is not None:
            return utf16
        raise _binary(where)
    try:
        return Decoded(raw.decode("utf-8"), "UTF-8", True)
    except UnicodeDecodeError:
        pass
    scored: list[tuple[float, str, str]] = []
    for codec in ("gb18030", "big5"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((plausibility(text), codec, text))
    good = [s for s in scored if s[0] >= PLAUSIBLE]
    if len(good) == 1:
        return Decoded(good[0][2], _name(good[0][1]), True)
    if len(good) == 2:
        return _tie_break(raw, good)
    if scored and all(s[0] == 1.0 for s in scored):  # nothing Chinese either way
        return Decoded(scored[0][2], _name(scored[0][1]), True)
    raise _unknown(where)


def _tie_break(raw: bytes, good: list[tuple[float, str, str]]) -> Decoded:
    """Both readings look like Chinese (a very short text): ask the detector, GB18030 by default."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=["gb18030", "big5"]).best()
    pick = "big5" if best is not None and best.encoding == "big5" else "gb18030"
    text = next(t for _, c, t in good if c == pick)
    return Decoded(text, _name(pick), True)


def _utf16_without_bom(raw: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM: zero bytes at the high half of every ASCII character."""
    if len(raw) % 2:
        return None
    even = raw[0::2].count(0)
    odd = raw[1::2].count(0)
    codec = "utf-16-le" if odd > even * 4 else "utf-16-be" if even > odd * 4 else None
    if codec is None:
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    return Decoded(text, "UTF-16", True) if plausibility(text) >= PLAUSIBLE else None


def _decode_forced(raw: bytes, where: str, forced: str) -> Decoded:
    try:
        codec = codecs.lookup(forced).name
    except LookupError:
        raise UserError(
            f"不认识的编码“{forced}”。可用：{', '.join(SUPPORTED)}。",
            f"Unknown encoding '{forced}'. Use one of: {', '.join(SUPPORTED)}.",
        ) from None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as e:
        raise UserError(
            f"{where} 不是 {forced} 编码（第 {e.start} 字节处无法解码）。请检查 --encoding。",
            f"{where} is not {forced} text (cannot decode byte {e.start}). Check --encoding.",
        ) from None
    if plausibility(text) < PLAUSIBLE:
        raise UserError(
            f"按 {forced} 读出的 {where} 不像中文（多为生僻字或乱码）。请检查 --encoding，或去掉它让程序自动识别。",
            f"{where} read as {forced} gives unreadable text (rare characters or mojibake). "
            "Check --encoding, or leave it out to have the encoding detected.",
        )
    return Decoded(text.lstrip("\ufeff"), _name(codec), False)


def _binary(where: str) -> UserError:
    return UserError(
        f"{where} 不是文本文件（内容是二进制数据）。请提供文本文件，或用 Word/WPS 另存为 .docx 后导入。",
        f"{where} is not a text file (it holds binary data). Supply a text file, or save it as .docx in Word/WPS.",
    )


def _undecodable(where: str, name: str) -> UserError:
    return UserError(
        f"{where} 以 {name} 标记开头，但内容不是 {name} 文本。请在编辑器里重新保存为 UTF-8。",
        f"{where} starts with a {name} byte-order mark but is not {name} text. Save it again as UTF-8.",
    )


def _unknown(where: str) -> UserError:
    return UserError(
        f"无法确定 {where} 的文字编码（试过 UTF-8、GB18030、Big5，读出来都不像中文）。"
        "请另存为 UTF-8，或用 --encoding 指定编码。",
        f"Cannot tell the encoding of {where} (UTF-8, GB18030 and Big5 all give unreadable text). "
        "Save it as UTF-8, or name the encoding with --encoding.",
    )
