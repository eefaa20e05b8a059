"""Templates: everything about the page a user may change, read from a TOML file.

A template names the page, margins, fonts per role (family chains), the look of each
paragraph role, running head, folio, cover and TOC. Code holds only defaults that follow
GB/T 9704 proportions; a template file overrides any of them. Templates are immutable and
carry a fingerprint of their content, which is what layout caches are keyed by.
"""

from __future__ import annotations

import functools
import json
import marshal
import math
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .cachedir import MarshalTable, cache_dir, installed_dir
from .colour import Ink, Palette, cmyk_to_rgb, output_condition
from .digest import sha1
from .errors import TemplateError
from .linebreak import TextStyle

MM = 72 / 25.4
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "resources" / "templates"
MAX_TEMPLATE_BYTES = 1024 * 1024

ALIGNS = ("justify", "left", "center", "right", "balance")


@dataclass(frozen=True)
class Style:
    """The look of one paragraph role. Sizes in pt, indents in em of the role's size."""

    font: str = "body"  # key into Template.fonts
    size: float = 16.0
    leading: float = 28.0  # baseline-to-baseline distance
    align: str = "justify"
    indent: float = 0.0  # first-line indent, em
    left: float = 0.0  # left indent of every line, em
    right: float = 0.0  # right indent of every line, em
    before: float = 0.0  # space above, pt (dropped at a page top)
    after: float = 0.0  # space below, pt
    keep_next: bool = False  # no page break between this block and the next
    keep_prev: bool = False  # no page break between the previous block and this one
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Running:
    """Running head or folio: a text pattern, its font and where it sits."""

    text: str = ""
    font: str = "default"
    size: float = 10.5
    offset: float = 0.0  # pt: head baseline above the type area / folio baseline below it
    position: str = "center"  # center | outside (odd right, even left) | right | left
    inset: float = 1.0  # em from the type area's edge for outside/right/left
    rule: float = 0.0  # width of the rule under the running head; 0 = none
    rule_gap: float = 0.0  # pt between the head's baseline and the rule


@dataclass(frozen=True)
class Cover:
    """How the cover is set: masthead, the double rule, TOC spacing, board box."""

    masthead_size: float = 36.0
    masthead_font: str = "title"
    masthead_top_mm: float = 0.0  # masthead baseline from the page top; 0 = at the type area's top
    rule: float = 1.5  # the double rule under the issue lines; 0 = none
    toc_gap: float = 10.0  # pt below the 目录 heading
    board_columns: int = 3  # at most; fewer when that makes the board box shorter
    board_pad_names: bool = True  # two-character names padded to three (赵　军)
    band_mm: float = 0.0  # a band in the masthead colour across the cover's top edge; 0 = none


BINDINGS = ("saddle", "perfect", "none")
BACK_COVERS = ("none", "blank", "board")


@dataclass(frozen=True)
class PressSpec:
    """What the print output needs beyond the page: output condition, bleed, binding.

    binding: "saddle" (骑马钉, pages a multiple of 4), "perfect" (胶订, even) or "none";
    the print build adds blank pages before the back cover (or at the end when there is none).
    back_cover: "none" (the last body page ends the issue), "blank" (封底 left blank) or
    "board" (封底 carries the editorial-board box instead of the cover).
    """

    output_condition: str = "FOGRA39"  # registered identifier (colour.OUTPUT_CONDITIONS)
    bleed_mm: float = 3.0
    binding: str = "saddle"
    blank_folio: bool = False  # added blank pages show their folio
    back_cover: str = "none"
    cmyk_profile: str = ""  # ICC file for converting RGB images; "" = the system's


DEFAULT_COLORS = {"red": Ink((0.0, 0.8, 0.8, 0.0), (0.8, 0.0, 0.0))}  # 版头 red, M80 Y80


@dataclass(frozen=True)
class Template:
    """A page design: page and margins, the styles of every role, running heads, cover, press."""

    name: str
    page_width: float  # pt
    page_height: float
    margin_top: float
    margin_bottom: float
    margin_inner: float  # left margin of odd pages (binding side)
    margin_outer: float
    mirror: bool  # even pages swap inner and outer margins
    fonts: dict[str, list[str]]
    styles: dict[str, Style]
    header: Running
    folio: Running
    cover: Cover
    flow_start: str = "page"  # page | odd
    punctuation: str = "quanjiao"  # quanjiao | kaiming
    western_space: float = 0.25  # em between Han and Western runs
    grid: bool = False  # lines of body leading sit on the page's baseline grid (text.grid)
    table_size: float = 12.0
    table_leading: float = 18.0
    table_padding: float = 3.0  # above and below a cell's text, pt
    table_padding_x: float = 3.0  # left and right of it, pt
    colors: dict[str, Ink] = field(default_factory=lambda: dict(DEFAULT_COLORS))
    press: PressSpec = PressSpec()
    fingerprint: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # always recomputed, so a template changed with dataclasses.replace never shares cache keys
        object.__setattr__(self, "fingerprint", _fingerprint(self))

    @property
    def type_width(self) -> float:
        return self.page_width - self.margin_inner - self.margin_outer

    @property
    def type_height(self) -> float:
        return self.page_height - self.margin_top - self.margin_bottom

    def left_margin(self, folio: int) -> float:
        """Left edge of the type area on a page with this folio (mirrored layouts swap margins)."""
        if self.mirror and folio % 2 == 0:
            return self.margin_outer
        return self.margin_inner

    @property
    def palette(self) -> Palette:
        """The template's inks, for the print writer's colour separation."""
        return Palette(tuple(self.colors[k] for k in sorted(self.colors)))

    def style(self, role: str) -> Style:
        return self.styles.get(role) or self.styles["body"]

    def text_style(
        self, role: str, *, align: str | None = None, indent: float | None = None, words: bool = False
    ) -> TextStyle:
        """How the line breaker sets text of `role`: a paragraph role, or "header"/"folio" for the
        running lines. The one place a TextStyle is made from the template, so every line of the
        issue (running head included) honours western_space and punctuation. `indent` is in pt;
        `words`: break only between words (layout/words.py)."""
        if role in ("header", "folio"):
            run = self.header if role == "header" else self.folio
            font, size, first, how = run.font, run.size, 0.0, "left"
        else:
            st = self.style(role)
            font, size, first, how = st.font, st.size, st.indent * st.size, st.align
        return TextStyle(
            font,
            size,
            first if indent is None else indent,
            align or how,
            self.western_space,
            self.punctuation,
            words,
        )

    def with_fonts(self, overrides: dict[str, str]) -> Template:
        """Put the user's family first in a role's chain, keeping the chain as fallback.

        A role that is a paragraph role without a chain of its own (e.g. "heading3") gets one
        made from the chain its style uses, so overriding it does not change other roles.
        """
        fonts = {k: list(v) for k, v in self.fonts.items()}
        styles = dict(self.styles)
        for role, family in overrides.items():
            family = family.strip()
            if not family:
                continue
            if role not in fonts:
                if role not in styles:
                    known = "、".join(sorted(set(fonts) | set(styles)))
                    raise TemplateError(
                        f"模板中没有角色“{role}”。可用的角色：{known}。",
                        f"The template has no role '{role}'. Known roles: {', '.join(sorted(set(fonts) | set(styles)))}.",
                    )
                fonts[role] = list(fonts.get(styles[role].font, fonts["default"]))
                styles[role] = replace(styles[role], font=role)
            fonts[role] = [family] + [f for f in fonts[role] if f != family]
        return replace(self, fonts=fonts, styles=styles)


DEFAULT_FONTS = {
    "body": [
        "仿宋_GB2312",
        "仿宋",
        "FangSong",
        "方正仿宋_GBK",
        "FandolFang",
        "Noto Serif CJK SC",
        "AR PL UMing CN",
    ],
    "title": [
        "方正小标宋简体",
        "方正小标宋_GBK",
        "华文中宋",
        "Noto Serif CJK SC Bold",
        "Noto Serif CJK SC",
        "AR PL UMing CN",
    ],
    "heading1": ["黑体", "SimHei", "方正黑体_GBK", "FandolHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei"],
    "heading2": [
        "楷体_GB2312",
        "楷体",
        "KaiTi",
        "方正楷体_GBK",
        "FandolKai",
        "AR PL UKai CN",
        "LXGW WenKai",
        "Noto Serif CJK SC",
    ],
    "default": [
        "宋体",
        "SimSun",
        "Noto Serif CJK SC",
        "AR PL UMing CN",
        "Noto Sans CJK SC",
        "WenQuanYi Zen Hei",
    ],
}


def _default_styles(size: float, leading: float) -> dict[str, dict[str, Any]]:
    """Role looks relative to the body size, in GB/T 9704 proportions."""
    return {
        "body": {"font": "body", "size": size, "leading": leading, "indent": 2},
        "banner": {
            "font": "title",
            "size": size * 1.75,
            "leading": leading * 1.9,
            "align": "center",
            "keep_next": True,
        },
        "doc-number": {
            "font": "body",
            "size": size,
            "leading": leading,
            "align": "center",
            "keep_next": True,
            "after": leading * 0.5,
        },
        "title": {
            "font": "title",
            "size": size * 1.375,
            "leading": leading * 1.45,
            "align": "balance",
            "keep_next": True,
            "after": leading * 0.5,
        },
        "recipients": {
            "font": "body",
            "size": size,
            "leading": leading,
            "align": "justify",
            "keep_next": True,
        },
        "heading1": {"font": "heading1", "size": size, "leading": leading, "indent": 2, "keep_next": True},
        "heading2": {"font": "heading2", "size": size, "leading": leading, "indent": 2, "keep_next": True},
        "heading3": {"font": "body", "size": size, "leading": leading, "indent": 2, "keep_next": True},
        "heading4": {"font": "body", "size": size, "leading": leading, "indent": 2},
        "attachment": {
            "font": "body",
            "size": size,
            "leading": leading,
            "indent": 2,
            "before": leading * 0.5,
            # the attachment note sits between the body and the signature (GB/T 9704 7.3.4):
            # it never opens a page without body text above it, so neither does the signature
            "keep_prev": True,
        },
        "signature": {
            "font": "body",
            "size": size,
            "leading": leading,
            "align": "right",
            "right": 4,
            "before": leading,
            "keep_prev": True,
        },
        "date": {
            "font": "body",
            "size": size,
            "leading": leading,
            "align": "right",
            "right": 4,
            "keep_prev": True,
        },
        "note": {"font": "body", "size": size, "leading": leading, "indent": 2, "keep_prev": True},
        "attachment-mark": {
            "font": "heading1",
            "size": size,
            "leading": leading,
            "keep_next": True,
            "before": leading * 0.5,
        },
        "attachment-title": {
            "font": "title",
            "size": size * 1.25,
            "leading": leading * 1.4,
            "align": "balance",
            "before": leading * 0.5,
            "after": leading * 0.5,
            "keep_next": True,
        },
        "footnote": {"font": "body", "size": size * 0.75, "leading": leading * 0.75, "indent": 2},
        "issue-line": {"font": "default", "size": 12, "leading": 20, "align": "center"},
        "date-line": {"font": "default", "size": 12, "leading": 20, "align": "center"},
        "toc-heading": {"font": "heading1", "size": 22, "leading": 34, "align": "center"},
        "toc-section": {"font": "heading1", "size": 13, "leading": 22, "align": "left", "before": 4},
        "toc-entry": {"font": "default", "size": 12, "leading": 19, "align": "left", "indent": 0, "left": 1},
        "board": {"font": "default", "size": 10.5, "leading": 16, "align": "left"},
        "cell": {"font": "body", "size": size * 0.8, "leading": size * 1.15, "align": "left"},
    }


def load_template(name_or_path: str) -> Template:
    """A shipped template by name ("gazette-a4", "gbt9704") or any .toml file by path."""
    name_or_path = (name_or_path or "gazette-a4").strip()
    path = Path(name_or_path)
    if path.suffix.lower() != ".toml":
        # A name only ever means a file in resources/templates: no separators, no "..", no
        # hidden files, a sane length (a 100k-character name is damage, not a choice).
        plain = (
            len(name_or_path) <= 100
            and not any(c in name_or_path for c in "/\\\0")
            and not (name_or_path.startswith("."))
        )
        shipped = TEMPLATE_DIR / f"{name_or_path}.toml"
        if plain and shipped.is_file():
            path = shipped
        else:
            names = "、".join(sorted(p.stem for p in TEMPLATE_DIR.glob("*.toml")))
            shown = name_or_path if len(name_or_path) <= 60 else name_or_path[:59] + "…"
            raise TemplateError(
                f"找不到版式模板“{shown}”。可用的模板：{names}，或给出 .toml 文件路径。",
                f"No template named '{shown}'. Shipped: {names.replace('、', ', ')}; or give a .toml path.",
            )
    try:
        if not path.is_file():  # a folder, a device or a pipe: never read (a pipe would hang)
            raise FileNotFoundError if not path.exists() else IsADirectoryError
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(
                f"模板文件 {path} 太大，不像是版式模板。",
                f"The template file {path} is too large to be a template.",
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TemplateError(
            f"找不到模板文件 {path}。请检查路径。", f"Template file not found: {path}."
        ) from None
    except IsADirectoryError:
        raise TemplateError(
            f"模板 {path} 不是普通文件。请给出 .toml 文件路径。",
            f"The template {path} is not a regular file.",
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        raise TemplateError(f"无法读取模板文件 {path}：{e}。", f"Cannot read template {path}: {e}.") from None
    return template_from_dict(_toml(text, path), path.stem, str(path))


KEPT_TOML_CHARS = 65536  # a template file longer than this is parsed every time


def _toml(text: str, path: Path) -> dict[str, Any]:
    """A template file's text as `tomllib.loads` reads it, kept in the cache folder by the text.

    Parsing a template takes a millisecond; importing tomllib for it took three more of every
    cold build (its parser compiles a dozen regular expressions and imports `string`). A text
    read before comes back from the cache folder as the same values (marshal keeps dicts,
    lists, strings and numbers exactly, in order); dates, which marshal cannot keep, and texts
    never read before go to tomllib."""
    table = _kept_toml() if len(text) <= KEPT_TOML_CHARS else None
    kept = table.get(text) if table is not None else None
    if kept is not None:
        try:
            data = marshal.loads(kept)
        except (EOFError, ValueError, TypeError):  # a damaged entry: the text is read again
            data = None
        if isinstance(data, dict):
            return data
    import tomllib  # only here: see above

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise TemplateError(
            f"模板文件 {path} 格式有误（{e}）。请按 TOML 格式修改。",
            f"Template {path} is not valid TOML ({e}).",
        ) from None
    if table is not None:
        try:
            table.add(text, marshal.dumps(data))
        except ValueError:  # a date or a time
            pass
    return data


@functools.cache
def _kept_toml() -> MarshalTable:
    python = ".".join(map(str, sys.version_info[:3]))  # tomllib's version
    name = f"template-toml-{python}.marshal"
    # over setup's table of the shipped templates (scripts/install_tables.py): an empty cache
    # folder does not import tomllib either
    return MarshalTable(
        cache_dir() / name,
        32,
        lambda text, data: isinstance(text, str) and isinstance(data, bytes),
        installed_dir() / name,
    )


def _num(d: dict, key: str, default: float, where: str, src: str) -> float:
    v = d.get(key, default)
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) or abs(v) > 1e6:
        raise TemplateError(
            f"模板 {src} 中 {where}.{key} 应为合理的数字，现为“{v}”。",
            f"Template {src}: {where}.{key} must be a sensible number, got {v!r}.",
        )
    return float(v)


def _flag(d: dict, key: str, src: str) -> bool:
    v = d.get(key, False)
    if not isinstance(v, bool):
        raise TemplateError(
            f"模板 {src} 中 text.{key} 应为 true 或 false。",
            f"Template {src}: text.{key} must be true or false.",
        )
    return v


def _table(d: dict, key: str, src: str) -> dict:
    v = d.get(key, {})
    if not isinstance(v, dict):
        raise TemplateError(f"模板 {src} 中 [{key}] 应为表。", f"Template {src}: [{key}] must be a table.")
    return v


def _build(cls, values: dict, where: str, src: str, base: dict | None = None, colors: dict | None = None):
    """A dataclass from a TOML table, with each value type-checked against the field."""
    kwargs = dict(base or {})
    names = {f.name: f for f in fields(cls)}
    for k, v in values.items():
        if k not in names:
            raise TemplateError(
                f"模板 {src} 中 [{where}] 有未知设置“{k}”。",
                f"Template {src}: unknown setting '{k}' in [{where}].",
            )
        t = names[k].type
        if t == "float":
            v = _num(values, k, 0.0, where, src)
        elif t == "bool" and not isinstance(v, bool):
            raise TemplateError(
                f"模板 {src} 中 {where}.{k} 应为 true 或 false。",
                f"Template {src}: {where}.{k} must be true or false.",
            )
        elif t == "int" and (isinstance(v, bool) or not isinstance(v, int)):
            raise TemplateError(
                f"模板 {src} 中 {where}.{k} 应为整数。", f"Template {src}: {where}.{k} must be an integer."
            )
        elif t == "str" and not isinstance(v, str):
            raise TemplateError(
                f"模板 {src} 中 {where}.{k} 应为文字。", f"Template {src}: {where}.{k} must be a string."
            )
        elif k == "color":
            v = _color(v, f"{where}.{k}", src, colors or {})
        kwargs[k] = v
    return cls(**kwargs)


def _fractions(v, n: int, scale: float, where: str, src: str) -> tuple[float, ...]:
    ok = isinstance(v, list) and len(v) == n
    ok = ok and all(isinstance(c, int | float) and not isinstance(c, bool) and 0 <= c <= scale for c in v)
    if not ok:
        unit = "0 到 100 的百分数" if scale == 100 else "0 到 1 的数"
        unit_en = "percentages 0-100" if scale == 100 else "numbers 0-1"
        raise TemplateError(
            f"模板 {src} 中 {where} 应为 {n} 个{unit}，现为“{v}”。",
            f"Template {src}: {where} must be {n} {unit_en}, got {v!r}.",
        )
    return tuple(round(float(c) / scale, 4) for c in v)


def _ink(v, where: str, src: str) -> Ink:
    """An ink from a table: cmyk in percent (printers say M80 Y80), optional spot name and screen rgb."""
    if not isinstance(v, dict) or "cmyk" not in v or set(v) - {"cmyk", "rgb", "spot"}:
        raise TemplateError(
            f"模板 {src} 中 {where} 应写成 {{ cmyk = [C, M, Y, K] }}（百分数），可加 spot 专色名和 rgb 屏幕色。",
            f"Template {src}: {where} must be {{ cmyk = [C, M, Y, K] }} in percent, "
            "optionally with a spot ink name and a screen rgb.",
        )
    cmyk = _fractions(v["cmyk"], 4, 100, f"{where}.cmyk", src)
    rgb = _fractions(v["rgb"], 3, 1, f"{where}.rgb", src) if "rgb" in v else cmyk_to_rgb(cmyk)  # type: ignore[arg-type]
    spot = v.get("spot", "")
    if not isinstance(spot, str):
        raise TemplateError(
            f"模板 {src} 中 {where}.spot 应为专色名称。", f"Template {src}: {where}.spot must be an ink name."
        )
    return Ink(cmyk, rgb, spot.strip())  # type: ignore[arg-type]


def _color(v, where: str, src: str, colors: dict[str, Ink]) -> tuple[float, float, float]:
    """A style colour: the name of a [colors] ink, an inline ink table, or screen RGB (0..1)."""
    if isinstance(v, str):
        if v not in colors:
            known = ", ".join(sorted(colors))
            raise TemplateError(
                f"模板 {src} 中 {where} 用了未定义的颜色“{v}”。已定义：{known}。",
                f"Template {src}: {where} names colour '{v}', which [colors] does not define ({known}).",
            )
        return colors[v].rgb
    if isinstance(v, dict):
        return _ink(v, where, src).rgb
    return _fractions(v, 3, 1, where, src)  # type: ignore[return-value]


def _colors(data: dict, src: str) -> dict[str, Ink]:
    colors = dict(DEFAULT_COLORS)
    for key, v in _table(data, "colors", src).items():
        colors[key] = _ink(v, f"colors.{key}", src)
    seen: dict[tuple, str] = {}
    for key in sorted(colors):
        other = seen.setdefault(colors[key].rgb, key)
        if other != key and colors[other] != colors[key]:
            raise TemplateError(
                f"模板 {src} 中颜色 {other} 和 {key} 的屏幕色相同，印刷时无法区分。请给其中一个不同的 rgb。",
                f"Template {src}: colours {other} and {key} share a screen rgb, so print cannot tell them apart. "
                "Give one of them another rgb.",
            )
    return colors


def _press(data: dict, src: str) -> PressSpec:
    press = _build(PressSpec, _table(data, "print", src), "print", src)
    if output_condition(press.output_condition) is None:
        from .colour import OUTPUT_CONDITIONS

        known = ", ".join(OUTPUT_CONDITIONS)
        raise TemplateError(
            f"模板 {src} 中 print.output_condition“{press.output_condition}”不是登记的印刷条件。可用：{known}。",
            f"Template {src}: print.output_condition '{press.output_condition}' is not a registered "
            f"output condition. Known: {known}.",
        )
    if press.binding not in BINDINGS or press.back_cover not in BACK_COVERS:
        raise TemplateError(
            f"模板 {src} 中 print.binding 应为 {'/'.join(BINDINGS)}，print.back_cover 应为 {'/'.join(BACK_COVERS)}。",
            f"Template {src}: print.binding must be one of {', '.join(BINDINGS)} and print.back_cover "
            f"one of {', '.join(BACK_COVERS)}.",
        )
    if not 0 <= press.bleed_mm <= 10:
        raise TemplateError(
            f"模板 {src} 中 print.bleed_mm 应在 0 到 10 毫米之间。",
            f"Template {src}: print.bleed_mm must be between 0 and 10 mm.",
        )
    ident = output_condition(press.output_condition)
    return replace(press, output_condition=ident[0] if ident else press.output_condition)


def template_from_dict(data: dict, name: str = "custom", src: str = "") -> Template:
    src = src or name
    page = _table(data, "page", src)
    margins = _table(data, "margins", src)
    text = _table(data, "text", src)
    width = _num(page, "width_mm", 210, "page", src) * MM
    height = _num(page, "height_mm", 297, "page", src) * MM
    top = _num(margins, "top_mm", 37, "margins", src) * MM
    bottom = _num(margins, "bottom_mm", 35, "margins", src) * MM
    inner = _num(margins, "inner_mm", 28, "margins", src) * MM
    outer = _num(margins, "outer_mm", 26, "margins", src) * MM
    if width - inner - outer < 72 or height - top - bottom < 72:
        raise TemplateError(
            f"模板 {src} 的页边距太大，版心不足 1 英寸。请减小页边距。",
            f"Template {src}: the margins leave a type area under one inch. Reduce them.",
        )
    body_size = _num(text, "size", 16, "text", src)
    leading = _num(text, "leading", body_size * 1.8, "text", src)
    fonts = {k: list(v) for k, v in DEFAULT_FONTS.items()}
    for role, chain in _table(data, "fonts", src).items():
        if isinstance(chain, str):
            chain = [chain]
        if not isinstance(chain, list) or not all(isinstance(c, str) for c in chain) or not chain:
            raise TemplateError(
                f"模板 {src} 中 fonts.{role} 应为字体名称列表。",
                f"Template {src}: fonts.{role} must be a list of family names.",
            )
        fonts[role] = chain
    defaults = _default_styles(body_size, leading)
    colors = _colors(data, src)
    user_styles = _table(data, "styles", src)
    # [cover] masthead_size/masthead_font and [table] size/leading are the first spellings of
    # the masthead's and the table cells' look: they set the defaults of styles.masthead and
    # styles.cell, which override them. The cover and the tables are set from the styles only.
    cover_raw, table_raw = _table(data, "cover", src), _table(data, "table", src)
    cover = _build(Cover, cover_raw, "cover", src)
    mast_size = _num(
        _table(user_styles, "masthead", src), "size", cover.masthead_size, "styles.masthead", src
    )
    defaults["masthead"] = {
        "font": cover.masthead_font,
        "size": cover.masthead_size,
        "leading": mast_size * 1.3,
        "align": "center",
        "color": "red",  # a [colors] name, resolved against the template's own inks
    }
    defaults["cell"] = dict(
        defaults["cell"],
        size=_num(table_raw, "size", body_size * 0.8, "table", src),
        leading=_num(table_raw, "leading", body_size * 1.15, "table", src),
    )
    styles = {}
    for role in sorted(set(defaults) | set(user_styles)):
        base = dict(defaults.get(role, defaults["body"]))
        if isinstance(base.get("color"), str):
            base["color"] = _color(base["color"], f"styles.{role}.color", src, colors)
        st = _build(Style, user_styles.get(role, {}), f"styles.{role}", src, base, colors)
        if st.align not in ALIGNS:
            raise TemplateError(
                f"模板 {src} 中 styles.{role}.align 应为 {'/'.join(ALIGNS)} 之一。",
                f"Template {src}: styles.{role}.align must be one of {', '.join(ALIGNS)}.",
            )
        if st.size <= 0 or st.leading <= 0 or st.size > 200:
            raise TemplateError(
                f"模板 {src} 中 styles.{role} 的字号和行距应为正数（字号不超过 200 磅）。",
                f"Template {src}: styles.{role} needs a positive size (at most 200 pt) and leading.",
            )
        if st.font not in fonts:
            raise TemplateError(
                f"模板 {src} 中 styles.{role} 用了未定义的字体角色“{st.font}”。",
                f"Template {src}: styles.{role} uses font role '{st.font}', which [fonts] does not define.",
            )
        styles[role] = st
    header = _build(
        Running,
        _table(data, "header", src),
        "header",
        src,
        {"text": "{running_head}", "size": 10.5, "offset": 8 * MM, "rule": 0.5, "rule_gap": 4},
    )
    folio = _build(
        Running,
        _table(data, "folio", src),
        "folio",
        src,
        {"text": "— {n} —", "size": 14, "offset": 7 * MM + 14, "position": "outside"},
    )
    flow_start = text.get("flow_start", "page")
    if flow_start not in ("page", "odd"):
        raise TemplateError(
            f"模板 {src} 中 text.flow_start 应为 page 或 odd。",
            f"Template {src}: text.flow_start must be page or odd.",
        )
    punct = text.get("punctuation", "quanjiao")
    if punct not in ("quanjiao", "kaiming"):
        raise TemplateError(
            f"模板 {src} 中 text.punctuation 应为 quanjiao（全角）或 kaiming（开明）。",
            f"Template {src}: text.punctuation must be quanjiao or kaiming.",
        )
    t = Template(
        name=str(data.get("name", name)),
        page_width=width,
        page_height=height,
        margin_top=top,
        margin_bottom=bottom,
        margin_inner=inner,
        margin_outer=outer,
        mirror=bool(margins.get("mirror", False)),
        fonts=fonts,
        styles=styles,
        header=header,
        folio=folio,
        cover=cover,
        flow_start=flow_start,
        punctuation=punct,
        western_space=_num(text, "western_space", 0.25, "text", src),
        table_size=styles["cell"].size,
        table_leading=styles["cell"].leading,
        table_padding=_num(table_raw, "padding", 3, "table", src),
        grid=_flag(text, "grid", src),
        table_padding_x=_num(
            table_raw, "padding_x", _num(table_raw, "padding", 3, "table", src), "table", src
        ),
        colors=colors,
        press=_press(data, src),
    )
    return t


def _fingerprint(t: Template) -> str:
    """A digest of everything that shapes the page, so caches can tell templates apart."""

    def plain(o):
        if hasattr(o, "__dataclass_fields__"):
            return {f.name: plain(getattr(o, f.name)) for f in fields(o) if f.name != "fingerprint"}
        if isinstance(o, dict):
            return {k: plain(v) for k, v in sorted(o.items())}
        if isinstance(o, list | tuple):
            return [plain(v) for v in o]
        return o

    return sha1(json.dumps(plain(t), ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]
