"""Pictures stored in an issue: which ones cannot be printed, and why, in one line each.

A damaged or unsupported picture must not stop a build with reportlab's multi-line message
about Python objects: the build goes on with a marked placeholder in its place, the build
report and `check` name the document and the picture. Decoding is done once per picture
(cached by content) with Pillow, which reportlab itself uses to read images.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from layout.digest import sha1

from .model import Issue, Role

MAX_PIXELS = 100_000_000  # 10,000 x 10,000: far above any print picture, bounded memory
PRINTABLE_FORMATS = {"PNG", "JPEG", "GIF", "BMP"}


@dataclass(frozen=True)
class PictureProblem:
    """A picture that cannot be printed as it is: where it is and what is wrong."""

    doc: str  # document id
    title: str  # the document's shown title, for messages
    block: int
    name: str  # media name inside the issue file
    zh: str  # what is wrong, short
    en: str

    def message(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            return (
                f"Picture {self.name} in “{self.title or self.doc}” {self.en}; a marked placeholder is "
                "printed instead. Replace the picture with a PNG or JPEG."
            )
        return f"“{self.title or self.doc}”中的图片 {self.name} {self.zh}，版面上以标记代替。请换成 PNG 或 JPEG 图片。"


_seen: dict[bytes, tuple[str, str] | None] = {}


def _verdict(data: bytes) -> tuple[str, str] | None:
    from PIL import Image

    if not data:
        return ("是空文件", "is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                fmt = im.format or ""
                w, h = im.size
                if fmt not in PRINTABLE_FORMATS:
                    return (
                        f"的格式 {fmt or '未知'} 无法印刷",
                        f"is in a format ({fmt or 'unknown'}) that cannot be printed",
                    )
                if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
                    return (f"的尺寸 {w}×{h} 像素异常", f"has an implausible size of {w}x{h} pixels")
                im.verify()
            with Image.open(io.BytesIO(data)) as im:
                im.load()  # verify() misses truncated pixel data; decoding finds it
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ("的像素数过多", "has far too many pixels")
    except Exception:  # noqa: BLE001 - Pillow raises many types for damaged data
        return ("已损坏或无法识别", "is damaged or not a picture")
    return None


def picture_problem(data: bytes) -> tuple[str, str] | None:
    """(zh, en) saying what is wrong with a picture, or None when it prints."""
    digest = sha1(data).digest()
    if digest not in _seen:
        if len(_seen) > 1024:
            _seen.clear()
        _seen[digest] = _verdict(data)
    return _seen[digest]


def picture_problems(issue: Issue) -> Iterator[PictureProblem]:
    """Every picture of the issue that cannot be printed (missing ones included)."""
    for d in issue.documents():
        for i, b in enumerate(d.blocks):
            if b.role != Role.IMAGE:
                continue
            data = issue.files.get(b.image or "")
            verdict = (
                ("不在期刊文件中", "is missing from the issue file")
                if data is None
                else picture_problem(data)
            )
            if verdict is not None:
                yield PictureProblem(d.id, d.shown_title, i, b.image or "", *verdict)
