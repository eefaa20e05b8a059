"""Colour for two outputs of one layout: RGB on screen, CMYK (or a spot ink) in print.

The display list carries the RGB a screen shows (the Qt preview and the screen PDF draw it
as is). A template names its colours as inks: process CMYK with an optional spot colour whose
CMYK is the alternate a proof or a four-colour press uses, plus the RGB shown on screen. The
print writer asks a Palette which ink an RGB value stands for; colours a template does not
name (black text, grey rules) are separated here: neutral greys go on the black plate only,
anything else gets a plain CMYK with grey component replacement. No colour-managed guessing
happens for vector colour: what the template says is what the plates get.

Images are a different matter: their RGB pixels are converted with LittleCMS (Pillow's
ImageCms) from sRGB to the CMYK profile the template names, or the first CMYK profile the
system has (see CMYK_PROFILE_PATHS); without one, an RGB image cannot go to print and the
build says so instead of letting a RIP convert it on its own terms.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from .errors import LayoutError

RGB = tuple[float, float, float]
CMYK = tuple[float, float, float, float]

# Registered output conditions (ICC characterization registry): what a printer in China or
# Europe asks for. The template may name one by its identifier or by its common name.
OUTPUT_CONDITIONS = {
    "FOGRA39": "Coated FOGRA39 (ISO 12647-2:2004)",
    "FOGRA51": "PSO Coated v3 (ISO 12647-2:2013)",
    "FOGRA47": "Uncoated FOGRA47 (ISO 12647-2:2004)",
    "JC200103": "Japan Color 2001 Coated",
    "JC200104": "Japan Color 2001 Uncoated",
    "CGATS TR 006": "CGATS TR 006 (GRACoL coated)",
}
CONDITION_ALIASES = {
    "japan color 2001 coated": "JC200103",
    "japan color 2001 uncoated": "JC200104",
    "coated fogra39": "FOGRA39",
    "iso coated v2": "FOGRA39",
    "pso coated v3": "FOGRA51",
}
REGISTRY = "http://www.color.org"

# CMYK ICC profiles a Debian machine may have (not shipped with the tool: ghostscript's
# profiles are AGPL, so they are used where the system installed them, never copied).
CMYK_PROFILE_PATHS = (
    "/usr/share/color/icc/ghostscript/default_cmyk.icc",
    "/usr/share/ghostscript/iccprofiles/default_cmyk.icc",
)


def output_condition(name: str) -> tuple[str, str] | None:
    """(registered identifier, description) for a template's output condition, or None."""
    key = name.strip()
    ident = CONDITION_ALIASES.get(key.lower(), key.upper() if key.upper() in OUTPUT_CONDITIONS else key)
    if ident in OUTPUT_CONDITIONS:
        return ident, OUTPUT_CONDITIONS[ident]
    return None


@dataclass(frozen=True)
class Ink:
    """One colour of the template: CMYK tints 0..1, the screen RGB, and a spot ink name or ""."""

    cmyk: CMYK
    rgb: RGB
    spot: str = ""


def cmyk_to_rgb(cmyk: CMYK) -> RGB:
    """A plain screen rendering of process CMYK (no profile: the screen is not a proof)."""
    c, m, y, k = cmyk
    return (round((1 - c) * (1 - k), 4), round((1 - m) * (1 - k), 4), round((1 - y) * (1 - k), 4))


def rgb_to_cmyk(rgb: RGB) -> CMYK:
    """Separation of an RGB value no template ink names: greys on K alone, colours with full GCR."""
    r, g, b = (min(1.0, max(0.0, v)) for v in rgb)
    k = 1 - max(r, g, b)
    if abs(r - g) < 1e-6 and abs(g - b) < 1e-6:
        return (0.0, 0.0, 0.0, round(k, 4))
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    return (
        round((1 - r - k) / (1 - k), 4),
        round((1 - g - k) / (1 - k), 4),
        round((1 - b - k) / (1 - k), 4),
        round(k, 4),
    )


@dataclass(frozen=True)
class Palette:
    """The template's inks, found by the RGB the display list carries."""

    inks: tuple[Ink, ...] = ()

    def ink(self, rgb: RGB) -> Ink:
        key = tuple(round(v, 4) for v in rgb)
        for ink in self.inks:
            if tuple(round(v, 4) for v in ink.rgb) == key:
                return ink
        return Ink(rgb_to_cmyk(rgb), rgb)


def cmyk_profile(named: str = "") -> str | None:
    """The CMYK profile for images: the template's own, else the first the system has."""
    for path in (named,) if named else CMYK_PROFILE_PATHS:
        if path and Path(path).is_file():
            return path
    return None


def image_to_cmyk(data: bytes, profile_path: str | None, where: tuple[str, str]):
    """A PIL image ready for DeviceCMYK (or DeviceGray): converted with LittleCMS, never guessed.

    Transparency is flattened onto white paper (PDF/X-1a has no soft masks). An RGB image with
    no CMYK profile to convert into is refused with a message saying what to do.
    """
    from PIL import Image, ImageCms

    zh, en = where

    try:
        im = Image.open(io.BytesIO(data))
        im.load()
    except Exception as exc:  # PIL raises many types for bad image data
        raise LayoutError(
            f"{zh}的图片无法读取（{exc}），请在文档中替换该图片。",
            f"The picture on {en} cannot be read ({exc}); replace it in the document.",
        ) from None
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(paper, rgba).convert("RGB")  # type: ignore[assignment]
    if im.mode in ("1", "L", "I", "I;16", "F"):
        return im.convert("L")
    if im.mode == "CMYK":
        return im
    im = im.convert("RGB")  # type: ignore[assignment]
    if profile_path is None:
        raise LayoutError(
            f"{zh}的彩色图片无法转换为 CMYK：系统中没有 CMYK 色彩特性文件。"
            "请在模板 [print] 中用 cmyk_profile 指定 ICC 文件（或安装 ghostscript），或改用灰度图片。",
            f"The colour picture on {en} cannot be converted to CMYK: no CMYK ICC profile is available. "
            "Name one with cmyk_profile in the template's [print] table (or install ghostscript), "
            "or use a greyscale picture.",
        )
    try:
        src = ImageCms.createProfile("sRGB")
        dst = ImageCms.getOpenProfile(profile_path)
        return ImageCms.profileToProfile(
            im, src, dst, renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, outputMode="CMYK"
        )
    except (ImageCms.PyCMSError, OSError) as exc:
        raise LayoutError(
            f"{zh}的图片无法用色彩特性文件 {profile_path} 转换为 CMYK（{exc}）。",
            f"The picture on {en} cannot be converted to CMYK with {profile_path} ({exc}).",
        ) from None
