"""How each paragraph role looks in the document editor.

The editor is not the print (the proof view is), but an editor must see at a glance which
paragraph is a heading, a signature or a date: each role gets the family GB/T 9704 names
for it (黑体 for heading 1, 楷体 for heading 2, 仿宋 for body ...) with the installed
fallbacks, and its placement (indent, right or centre alignment).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QTextBlockFormat, QTextCharFormat

from editor.model import Role

FANGSONG = ["仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", "AR PL UMing CN", "Source Han Serif SC"]
HEITI = ["黑体", "SimHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC"]
KAITI = ["楷体_GB2312", "楷体", "KaiTi", "AR PL UKai CN", "LXGW WenKai"]
XIAOBIAOSONG = ["方正小标宋简体", "华文中宋", "Noto Serif CJK SC", "AR PL UMing CN"]


@dataclass(frozen=True)
class RoleStyle:
    """How the body editor shows a block role: fonts, size, weight, alignment and indents."""

    families: tuple[str, ...]
    size: float  # pt on screen
    bold: bool = False
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignJustify
    indent_em: float = 2.0  # first-line indent
    right_em: float = 0.0  # right margin (the date sits 4 em in from the right)
    shortcut: str = ""


BODY_SIZE = 13.0

STYLES: dict[Role, RoleStyle] = {
    Role.PARAGRAPH: RoleStyle(tuple(FANGSONG), BODY_SIZE, shortcut="Ctrl+0"),
    Role.HEADING1: RoleStyle(tuple(HEITI), BODY_SIZE, shortcut="Ctrl+1"),
    Role.HEADING2: RoleStyle(tuple(KAITI), BODY_SIZE, shortcut="Ctrl+2"),
    Role.HEADING3: RoleStyle(tuple(FANGSONG), BODY_SIZE, bold=True, shortcut="Ctrl+3"),
    Role.HEADING4: RoleStyle(tuple(FANGSONG), BODY_SIZE, shortcut="Ctrl+4"),
    Role.ATTACHMENT: RoleStyle(tuple(FANGSONG), BODY_SIZE, shortcut="Ctrl+5"),
    Role.SIGNATURE: RoleStyle(
        tuple(FANGSONG),
        BODY_SIZE,
        align=Qt.AlignmentFlag.AlignRight,
        indent_em=0,
        right_em=2,
        shortcut="Ctrl+6",
    ),
    Role.DATE: RoleStyle(
        tuple(FANGSONG),
        BODY_SIZE,
        align=Qt.AlignmentFlag.AlignRight,
        indent_em=0,
        right_em=4,
        shortcut="Ctrl+7",
    ),
    Role.NOTE: RoleStyle(tuple(FANGSONG), BODY_SIZE, shortcut="Ctrl+8"),
    Role.ATTACHMENT_TITLE: RoleStyle(
        tuple(XIAOBIAOSONG),
        BODY_SIZE + 4,
        bold=True,
        align=Qt.AlignmentFlag.AlignCenter,
        indent_em=0,
        shortcut="Ctrl+9",
    ),
    Role.TABLE: RoleStyle(tuple(HEITI), BODY_SIZE - 2, align=Qt.AlignmentFlag.AlignLeft, indent_em=0),
    Role.IMAGE: RoleStyle(tuple(HEITI), BODY_SIZE - 2, align=Qt.AlignmentFlag.AlignLeft, indent_em=0),
}

# The metadata form's fields use the role fonts of the printed header.
FIELD_FAMILIES = {
    "issuer": XIAOBIAOSONG,
    "number": FANGSONG,
    "title": XIAOBIAOSONG,
    "toc_title": FANGSONG,
    "recipients": FANGSONG,
}

EDITABLE_ROLES = tuple(r for r in Role if r not in (Role.TABLE, Role.IMAGE))


@lru_cache(maxsize=64)
def installed(families: tuple[str, ...]) -> tuple[str, ...]:
    """Installed families of a chain, best first, so QFont does not guess a fallback itself."""
    have = set(QFontDatabase.families())
    found = tuple(f for f in families if f in have)
    return found or families


def role_font(role: Role, scale: float = 1.0) -> QFont:
    style = STYLES.get(Role(role), STYLES[Role.PARAGRAPH])
    font = QFont()
    font.setFamilies(list(installed(style.families)))
    font.setPointSizeF(style.size * scale)
    font.setBold(style.bold)
    return font


def family_font(families: list[str], size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(list(installed(tuple(families))))
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def char_format(role: Role) -> QTextCharFormat:
    fmt = QTextCharFormat()
    font = role_font(role)
    fmt.setFontFamilies(list(installed(STYLES.get(Role(role), STYLES[Role.PARAGRAPH]).families)))
    fmt.setFontPointSize(font.pointSizeF())
    fmt.setFontWeight(QFont.Weight.Bold if font.bold() else QFont.Weight.Normal)
    return fmt


def block_format(role: Role) -> QTextBlockFormat:
    style = STYLES.get(Role(role), STYLES[Role.PARAGRAPH])
    fmt = QTextBlockFormat()
    fmt.setAlignment(style.align)
    em = style.size * 96 / 72  # px of one em at the editor's nominal 96 dpi
    fmt.setTextIndent(style.indent_em * em)
    fmt.setRightMargin(style.right_em * em)
    fmt.setBottomMargin(em * 0.35)
    fmt.setLineHeight(140, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return fmt


def role_shortcut(role: Role) -> QKeySequence:
    return QKeySequence(STYLES[Role(role)].shortcut)
