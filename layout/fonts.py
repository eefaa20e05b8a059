"""Finding installed fonts, matching the names editors know, and measuring characters.

Editors name fonts the way their Windows menus show them (仿宋_GB2312, 方正小标宋简体), so a
family is matched against every name a face carries: English and localized families, full
names and PostScript names. Discovery uses fontconfig where it exists (one fast `fc-list`
call) and otherwise reads the name tables of the files in the platform's font folders, with
the result kept in an on-disk index so a second start does not reopen hundreds of files.

Measuring reads only the tables it needs (cmap, hmtx, hhea, head) straight from the file with
`struct`: fontTools would build glyph names for 65 000 glyphs of a CJK font first, which costs
more than a whole layout pass. Parsed faces live in a plain module dict keyed by
(path, index, mtime); there is nothing to reset between tests because a changed file has a
different key.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import threading
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .display import FaceRef
from .errors import FontError

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

# Name-table language ids whose strings are Chinese; they are read first when a face's
# display name is chosen, and all names of every language are matched anyway.
CHINESE_LANGIDS = (0x0804, 0x0404, 0x0C04, 0x1004, 0x1404)


# --------------------------------------------------------------------------- catalog


@dataclass(frozen=True)
class CatalogEntry:
    """One installed face and every name it answers to."""

    path: str
    index: int
    families: tuple[str, ...]  # English and localized family names (name IDs 1 and 16)
    fullnames: tuple[str, ...]  # full names (ID 4) and the PostScript name (ID 6)
    psname: str
    style: str
    weight: int  # CSS scale: 400 regular, 700 bold
    italic: bool
    cff: bool


def normalize_name(name: str) -> str:
    """Menus and templates differ in case and spacing ("Noto Serif CJK SC" / "notoserifcjksc")."""
    return "".join(name.split()).casefold()


# fontconfig weights to CSS weights (fontconfig's own table, FcWeightToOpenType)
_FC_WEIGHTS = (
    (0, 100),
    (40, 200),
    (50, 300),
    (55, 350),
    (75, 380),
    (80, 400),
    (100, 500),
    (180, 600),
    (200, 700),
    (205, 800),
    (210, 900),
    (215, 950),
)


def _fc_weight_to_css(fc: float) -> int:
    for (a, ca), (b, cb) in zip(_FC_WEIGHTS, _FC_WEIGHTS[1:], strict=False):
        if a <= fc <= b:
            return round(ca + (cb - ca) * (fc - a) / (b - a))
    return 950 if fc > 215 else 100


def _first_number(text: str, default: float) -> float:
    text = text.strip().strip("[]").split()[0] if text.strip().strip("[]") else ""
    try:
        return float(text)
    except ValueError:
        return default


def _split_fc_list(value: str) -> tuple[str, ...]:
    """fontconfig joins a face's names with commas and escapes commas inside a name."""
    out, cur, i = [], [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            cur.append(value[i + 1])
            i += 2
            continue
        if c == ",":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return tuple(s.strip() for s in out if s.strip())


_FC_FORMAT = (
    "%{file}\\t%{index}\\t%{family}\\t%{fullname}\\t%{postscriptname}\\t%{style}\\t%{weight}\\t%{slant}"
    "\\t%{fontformat}\\t%{familylang}\\n"
)
# Simplified Chinese names first, so a face is shown to a mainland editor as 文泉驿正黑, not 文泉驛正黑
_LANG_ORDER = {"zh-cn": 0, "zh-sg": 1, "zh-tw": 2, "zh-hk": 3, "zh-mo": 4}


def _by_language(names: tuple[str, ...], langs: tuple[str, ...]) -> tuple[str, ...]:
    if len(langs) != len(names):
        return names
    order = sorted(
        range(len(names)), key=lambda i: (langs[i] != "en", _LANG_ORDER.get(langs[i].lower(), 9), i)
    )
    return tuple(names[i] for i in order)


def parse_fc_list(output: str) -> list[CatalogEntry]:
    """Entries from `fc-list --format` output; bitmap and Type 1 faces are skipped (not embeddable here)."""
    entries = []
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) == 9:
            parts.append("")
        if len(parts) != 10:
            continue
        path, index, family, full, ps, style, weight, slant, fmt, langs = parts
        if not path.lower().endswith(FONT_SUFFIXES) or fmt not in ("TrueType", "CFF"):
            continue
        try:
            idx = int(index)
        except ValueError:
            continue
        if idx >= 0x10000:  # named instances of variable fonts: the base face is listed too
            continue
        styles = _split_fc_list(style)
        entries.append(
            CatalogEntry(
                path=path,
                index=idx,
                families=_by_language(_split_fc_list(family), _split_fc_list(langs)),
                fullnames=_split_fc_list(full) + ((ps,) if ps else ()),
                psname=ps,
                style=styles[0] if styles else "",
                weight=_fc_weight_to_css(_first_number(weight, 80)),
                italic=_first_number(slant, 0) != 0,
                cff=fmt == "CFF",
            )
        )
    entries.sort(key=lambda e: (e.path, e.index))
    return entries


def fontconfig_faces(fc_list: str | None = None) -> list[CatalogEntry] | None:
    """All faces fontconfig knows, or None where fontconfig is not installed."""
    exe = fc_list or shutil.which("fc-list")
    if not exe:
        return None
    try:
        out = subprocess.run(
            [exe, "--format", _FC_FORMAT], capture_output=True, check=True, timeout=30
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_fc_list(out)


# ---- reading names from files (Windows, macOS, Linux without fontconfig)


def _decode_name(platform: int, encoding: int, raw: bytes) -> str | None:
    if platform in (0, 3) or (platform == 2 and encoding == 1):
        enc = "utf-16-be"
    elif platform == 1 and encoding == 0:
        enc = "mac-roman"
    elif platform == 1 and encoding == 25:
        enc = "gb2312"
    elif platform == 1 and encoding == 2:
        enc = "big5"
    else:
        return None
    try:
        return raw.decode(enc).replace("\x00", "").strip() or None
    except (UnicodeDecodeError, LookupError):
        return None


def _sfnt_offsets(head: bytes, data_at: Callable[[int, int], bytes]) -> list[int]:
    if head[:4] == b"ttcf":
        n = struct.unpack(">I", head[8:12])[0]
        return list(struct.unpack(f">{n}I", data_at(12, 4 * n)))
    return [0]


class _Reader:
    """Random access to a font file without loading 20 MB CJK collections whole."""

    def __init__(self, path: str) -> None:
        self.f = open(path, "rb")

    def at(self, offset: int, length: int) -> bytes:
        self.f.seek(offset)
        data = self.f.read(length)
        if len(data) != length:
            raise ValueError("truncated font file")
        return data

    def close(self) -> None:
        self.f.close()

    def tables(self, index: int) -> dict[str, tuple[int, int]]:
        return {tag: (off, length) for tag, (_sum, off, length) in self.directory(index).items()}

    def directory(self, index: int) -> dict[str, tuple[int, int, int]]:
        """tag -> (checksum, offset, length) of one face's tables."""
        offsets = _sfnt_offsets(self.at(0, 12), self.at)
        if not 0 <= index < len(offsets):
            raise ValueError(f"no face {index} in collection")
        base = offsets[index]
        version, num = struct.unpack(">4sH", self.at(base, 6))
        if version not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            raise ValueError("not an OpenType/TrueType face")
        recs = self.at(base + 12, 16 * num)
        out = {}
        for i in range(num):
            tag, check, off, length = struct.unpack(">4sIII", recs[16 * i : 16 * i + 16])
            out[tag.decode("latin-1")] = (check, off, length)
        return out


def _read_names(r: _Reader, tables: dict[str, tuple[int, int]]) -> dict[int, list[tuple[int, str]]]:
    """name ID -> [(language id, string)], Chinese languages first."""
    off, length = tables["name"]
    data = r.at(off, length)
    _fmt, count, string_off = struct.unpack(">HHH", data[:6])
    names: dict[int, list[tuple[int, str]]] = {}
    for i in range(count):
        plat, enc, lang, nid, ln, so = struct.unpack(">6H", data[6 + 12 * i : 18 + 12 * i])
        if nid not in (1, 2, 4, 6, 16, 17):
            continue
        s = _decode_name(plat, enc, data[string_off + so : string_off + so + ln])
        if s:
            names.setdefault(nid, []).append((lang if plat == 3 else 0, s))
    rank = {lang: i for i, lang in enumerate(CHINESE_LANGIDS)}
    for lst in names.values():
        lst.sort(key=lambda t: (t[0] not in rank, rank.get(t[0], 0), t[0] != 0x0409))
    return names


def read_face_names(path: str) -> list[CatalogEntry]:
    """Catalog entries for every face in a font file, read from its name and OS/2 tables."""
    r = _Reader(path)
    try:
        count = len(_sfnt_offsets(r.at(0, 12), r.at))
        entries = []
        for index in range(count):
            tables = r.tables(index)
            if "cmap" not in tables or "hmtx" not in tables:
                continue
            names = _read_names(r, tables)

            def uniq(*ids: int, names: dict = names) -> tuple[str, ...]:
                seen: dict[str, None] = {}
                for nid in ids:
                    for _lang, s in names.get(nid, []):
                        seen.setdefault(s, None)
                return tuple(seen)

            weight, italic = 400, False
            if "OS/2" in tables:
                o = r.at(tables["OS/2"][0], 64)
                weight = struct.unpack(">H", o[4:6])[0] or 400
                italic = bool(struct.unpack(">H", o[62:64])[0] & 1)
            ps = uniq(6)
            styles = uniq(17, 2)
            entries.append(
                CatalogEntry(
                    path=path,
                    index=index,
                    families=uniq(16, 1),
                    fullnames=uniq(4, 6),
                    psname=ps[0] if ps else "",
                    style=styles[-1] if styles else "",
                    weight=weight,
                    italic=italic,
                    cff="CFF " in tables or "CFF2" in tables,
                )
            )
        return entries
    finally:
        r.close()


def cache_dir() -> Path:
    """Where converted subsets and the font index go: $XDG_CACHE_HOME/gazette-press or the OS default."""
    env = os.environ.get("GAZETTE_PRESS_CACHE")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gazette-press"


def _entry_to_json(e: CatalogEntry) -> list:
    return [e.index, list(e.families), list(e.fullnames), e.psname, e.style, e.weight, e.italic, e.cff]


def _entry_from_json(path: str, v: list) -> CatalogEntry:
    return CatalogEntry(path, v[0], tuple(v[1]), tuple(v[2]), v[3], v[4], v[5], v[6], v[7])


def scan_files(paths: Iterable[str], index_file: Path | None = None) -> list[CatalogEntry]:
    """Read the names of font files, reusing an on-disk index keyed by path, size and mtime."""
    known: dict[str, dict] = {}
    if index_file is not None:
        try:
            known = json.loads(index_file.read_text("utf-8"))
        except (OSError, ValueError):
            known = {}
    fresh: dict[str, dict] = {}
    entries: list[CatalogEntry] = []
    for p in sorted(set(paths)):
        try:
            st = os.stat(p)
        except OSError:
            continue
        stamp = f"{st.st_size}:{st.st_mtime_ns}"
        rec = known.get(p)
        if rec is None or rec.get("stamp") != stamp:
            try:
                found = read_face_names(p)
            except (OSError, ValueError, struct.error, KeyError):
                found = []  # not a font we can use; remembered so it is not reopened every start
            rec = {"stamp": stamp, "faces": [_entry_to_json(e) for e in found]}
        fresh[p] = rec
        entries.extend(_entry_from_json(p, v) for v in rec["faces"])
    if index_file is not None and fresh != known:
        try:
            index_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = index_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(fresh, ensure_ascii=False, sort_keys=True), "utf-8")
            os.replace(tmp, index_file)
        except OSError:
            pass  # a read-only cache only costs time
    return entries


def font_files_in(dirs: Iterable[str | os.PathLike]) -> list[str]:
    out = []
    for d in dirs:
        for root, _dirs, files in os.walk(d):
            out.extend(os.path.join(root, f) for f in files if f.lower().endswith(FONT_SUFFIXES))
    return out


def _winreg_fonts() -> list[tuple[str, str]]:
    """(display name, file) pairs from the machine and user font registry keys."""
    try:
        import winreg  # type: ignore[import-not-found]
    except ImportError:
        return []
    out = []
    key = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, key) as k:
                i = 0
                while True:
                    try:
                        name, value, _t = winreg.EnumValue(k, i)
                    except OSError:
                        break
                    out.append((str(name), str(value)))
                    i += 1
        except OSError:
            continue
    return out


def windows_font_files(
    fonts_dir: str | None = None,
    registry: Callable[[], Iterable[tuple[str, str]]] = _winreg_fonts,
    local_dir: str | None = None,
) -> list[str]:
    """Font files Windows knows: the registry lists per-user installs outside the Fonts folder."""
    windir = os.environ.get("WINDIR", r"C:\Windows")
    fonts_dir = fonts_dir or os.path.join(windir, "Fonts")
    if local_dir is None and os.environ.get("LOCALAPPDATA"):
        local_dir = os.path.join(os.environ["LOCALAPPDATA"], "Microsoft", "Windows", "Fonts")
    files = set(font_files_in([d for d in (fonts_dir, local_dir) if d and os.path.isdir(d)]))
    for _name, value in registry():
        p = value if os.path.isabs(value) else os.path.join(fonts_dir, value)
        if p.lower().endswith(FONT_SUFFIXES) and os.path.isfile(p):
            files.add(p)
    return sorted(files)


def _registry_names(pairs: Iterable[tuple[str, str]], fonts_dir: str) -> dict[str, list[str]]:
    """File -> the display names the registry gives its faces, in collection order.

    "宋体 & 新宋体 (TrueType)" -> ["宋体", "新宋体"]: on some systems these are the only place a
    localized name appears, so they are added to what the name table says."""
    out: dict[str, list[str]] = {}
    for name, value in pairs:
        path = value if os.path.isabs(value) else os.path.join(fonts_dir, value)
        base = name.strip()
        if base.endswith(")") and "(" in base:
            base = base[: base.rindex("(")]
        names = [n.strip() for n in base.split("&") if n.strip()]
        if names:
            out.setdefault(os.path.normcase(os.path.abspath(path)), []).extend(names)
    return out


def windows_faces(
    fonts_dir: str | None = None,
    registry: Callable[[], Iterable[tuple[str, str]]] | None = None,
    local_dir: str | None = None,
    index_file: Path | None = None,
) -> list[CatalogEntry]:
    """Faces Windows knows, named by their name tables and by the registry's display names."""
    windir = os.environ.get("WINDIR", r"C:\Windows")
    fonts_dir = fonts_dir or os.path.join(windir, "Fonts")
    pairs = list((registry or _winreg_fonts)())
    files = windows_font_files(fonts_dir, lambda: pairs, local_dir)
    extra = _registry_names(pairs, fonts_dir)
    out = []
    for e in scan_files(files, index_file):
        names = extra.get(os.path.normcase(os.path.abspath(e.path)), [])
        if e.index < len(names) and names[e.index] not in e.families:
            e = replace(e, families=e.families + (names[e.index],))
        out.append(e)
    return out


def mac_font_dirs(home: str | None = None) -> list[str]:
    home = home or str(Path.home())
    return [
        "/System/Library/Fonts",
        "/System/Library/Fonts/Supplemental",
        "/Library/Fonts",
        os.path.join(home, "Library", "Fonts"),
    ]


def linux_font_dirs(home: str | None = None) -> list[str]:
    home = home or str(Path.home())
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    return [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        os.path.join(data, "fonts"),
        os.path.join(home, ".fonts"),
    ]


def extra_font_dirs() -> list[str]:
    """Folders named in GAZETTE_FONT_PATH (os.pathsep separated): fonts shipped beside an issue."""
    return [d for d in os.environ.get("GAZETTE_FONT_PATH", "").split(os.pathsep) if d]


# process-level table of discovered faces; keyed by the inputs so tests can change them
_CATALOGS: dict[tuple, list[CatalogEntry]] = {}


def forget_installed_faces() -> None:
    """Let the next FontBook see fonts installed since the program started (GUI: "refresh fonts")."""
    _CATALOGS.clear()
    _NAME_INDEXES.clear()


def installed_faces() -> list[CatalogEntry]:
    """Every usable face on this machine (fontconfig, else the platform folders), plus GAZETTE_FONT_PATH."""
    extra = tuple(extra_font_dirs())
    key = (sys.platform, extra)
    got = _CATALOGS.get(key)
    if got is not None:
        return got
    index_file = cache_dir() / "font-index.json"
    entries: list[CatalogEntry] | None = None
    if sys.platform == "win32":
        entries = windows_faces(index_file=index_file)
    elif sys.platform == "darwin":
        entries = scan_files(font_files_in([d for d in mac_font_dirs() if os.path.isdir(d)]), index_file)
    else:
        entries = fontconfig_faces()
        if entries is None:
            entries = scan_files(
                font_files_in([d for d in linux_font_dirs() if os.path.isdir(d)]), index_file
            )
    if extra:
        entries = entries + scan_files(font_files_in([d for d in extra if os.path.isdir(d)]), index_file)
    _CATALOGS[key] = entries
    return entries


_NAME_INDEXES: dict[
    int, tuple[Sequence[CatalogEntry], dict[str, list[CatalogEntry]], dict[str, list[CatalogEntry]]]
] = {}


def _name_index(catalog: Sequence[CatalogEntry]):
    """Normalized full names and family names (plus "family style") to entries, built once per catalog."""
    got = _NAME_INDEXES.get(id(catalog))
    if got is not None and got[0] is catalog:
        return got
    full: dict[str, list[CatalogEntry]] = {}
    family: dict[str, list[CatalogEntry]] = {}
    for e in catalog:
        for n in e.fullnames:
            full.setdefault(normalize_name(n), []).append(e)
        for f in e.families:
            family.setdefault(normalize_name(f), []).append(e)
            if e.style:
                # "Family Style", e.g. "Noto Serif CJK SC Bold" where the full name differs
                full.setdefault(normalize_name(f + e.style), []).append(e)
    if len(_NAME_INDEXES) > 16:
        _NAME_INDEXES.clear()
    got = _NAME_INDEXES[id(catalog)] = (catalog, full, family)
    return got


def find_face(name: str, catalog: Sequence[CatalogEntry]) -> CatalogEntry | None:
    """The face a user means by `name`: a full or PostScript name exactly, else the most regular
    upright face of a family with that name (in any language)."""
    want = normalize_name(name)
    if not want:
        return None
    _cat, full, family = _name_index(catalog)
    exact = full.get(want)
    if exact:
        return exact[0]
    members = family.get(want)
    if not members:
        return None
    return min(members, key=lambda e: (e.italic, abs(e.weight - 400), e.path, e.index))


def family_names(catalog: Sequence[CatalogEntry] | None = None) -> list[str]:
    """One name per installed family for a font picker: the simplified Chinese name where the
    font has one (what the editor's Word menu shows), Chinese-named families first."""
    seen: dict[str, None] = {}
    for e in installed_faces() if catalog is None else catalog:
        if e.families:
            seen.setdefault(face_ref(e).family, None)
    return sorted(seen, key=lambda n: (not any(ord(c) > 0x2E80 for c in n), n))


def face_ref(entry: CatalogEntry) -> FaceRef:
    base = entry.psname or f"{Path(entry.path).stem}-{entry.index}"
    fid = "".join(c for c in base if c.isalnum() or c in "-_") or f"face{entry.index}"
    family = next((f for f in entry.families if any(ord(c) > 0x2E80 for c in f)), None)
    return FaceRef(
        id=fid,
        path=entry.path,
        index=entry.index,
        family=family or (entry.families or ("",))[0],
        cff=entry.cff,
    )


# --------------------------------------------------------------------------- metrics


@dataclass
class FaceMetrics:
    """What measuring needs from one face: its character map and advance widths."""

    upem: int
    ascent: int
    descent: int  # positive, font units
    cmap: Cmap  # code point -> glyph id
    advances: array  # by glyph id, for the first numberOfHMetrics glyphs

    def advance_units(self, gid: int) -> int:
        adv = self.advances
        return adv[gid] if gid < len(adv) else adv[-1]


class Cmap:
    """A character map answered from the subtable's own arrays by binary search.

    Expanding a CJK font's 45 000 mappings into a dict costs tens of milliseconds per face on
    every start; a layout asks for a few thousand distinct characters, each once (FontBook
    remembers the answers)."""

    def __init__(self, starts: Sequence[int], ends: Sequence[int], lookup: Callable[[int, int], int]) -> None:
        self.starts, self.ends, self._lookup = starts, ends, lookup

    def get(self, cp: int, default: int | None = None) -> int | None:
        i = bisect_right(self.starts, cp) - 1
        if i >= 0 and cp <= self.ends[i]:
            gid = self._lookup(i, cp)
            if gid:  # glyph 0 means "not in this font": fallback goes on to the next face
                return gid
        return default

    def __contains__(self, cp: object) -> bool:
        return isinstance(cp, int) and self.get(cp) is not None

    def __getitem__(self, cp: int) -> int:
        gid = self.get(cp)
        if gid is None:
            raise KeyError(cp)
        return gid

    def items(self) -> Iterable[tuple[int, int]]:
        """Every mapping, in code point order (tests and tools; layout never needs it)."""
        for i, (a, b) in enumerate(zip(self.starts, self.ends, strict=True)):
            for cp in range(a, min(b, 0x10FFFF) + 1):
                gid = self._lookup(i, cp)
                if gid:
                    yield cp, gid


class EncodedCmap(Cmap):
    """A Windows PRC (GB) or Big5 character map, asked in Unicode.

    Some older Chinese TrueType fonts on government PCs map only GB or Big5 codes; the layout
    asks for Unicode characters and the embedded subset gets a Unicode cmap of its own."""

    def __init__(self, inner: Cmap, encoding: str) -> None:
        super().__init__(inner.starts, inner.ends, inner._lookup)
        self.encoding = encoding

    def get(self, cp: int, default: int | None = None) -> int | None:
        try:
            raw = chr(cp).encode(self.encoding)
        except (UnicodeEncodeError, ValueError):
            return default
        return super().get(int.from_bytes(raw, "big"), default)

    def items(self) -> Iterable[tuple[int, int]]:
        out = []
        for code, gid in super().items():
            raw = code.to_bytes(2 if code > 0xFF else 1, "big")
            try:
                ch = raw.decode(self.encoding)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                out.append((ord(ch), gid))
        return sorted(out)


def _parse_cmap(data: bytes) -> Cmap:
    _ver, num = struct.unpack(">HH", data[:4])
    subtables = {}
    for i in range(num):
        plat, enc, off = struct.unpack(">HHI", data[4 + 8 * i : 12 + 8 * i])
        fmt = struct.unpack(">H", data[off : off + 2])[0]
        subtables[(plat, enc, fmt)] = off
    for pref in ((3, 10, 12), (0, 6, 12), (0, 4, 12), (3, 1, 4), (0, 3, 4), (0, 1, 4), (0, 0, 4), (3, 0, 4)):
        if pref in subtables:
            off = subtables[pref]
            return _cmap12(data, off) if pref[2] == 12 else _cmap4(data, off)
    for (plat, enc, fmt), encoding in (((3, 3, 4), "gbk"), ((3, 4, 4), "big5")):
        if (plat, enc, fmt) in subtables:
            return EncodedCmap(_cmap4(data, subtables[(plat, enc, fmt)]), encoding)
    raise ValueError("no Unicode character map")


def _cmap12(data: bytes, off: int) -> Cmap:
    n = struct.unpack(">I", data[off + 12 : off + 16])[0]
    groups = array("I", data[off + 16 : off + 16 + 12 * n])
    if len(groups) != 3 * n:
        raise ValueError("truncated cmap")
    if sys.byteorder == "little":
        groups.byteswap()
    starts, ends, gids = groups[0::3], groups[1::3], groups[2::3]  # sorted by start, as the spec requires
    return Cmap(starts, ends, lambda i, cp: gids[i] + cp - starts[i])


def _cmap4(data: bytes, off: int) -> Cmap:
    length = struct.unpack(">H", data[off + 2 : off + 4])[0]
    seg = struct.unpack(">H", data[off + 6 : off + 8])[0] // 2
    body = array("H", data[off + 14 : off + length])
    if sys.byteorder == "little":
        body.byteswap()
    ends = body[0:seg]
    starts = body[seg + 1 : 2 * seg + 1]
    deltas = body[2 * seg + 1 : 3 * seg + 1]
    range_offs = body[3 * seg + 1 : 4 * seg + 1]

    def lookup(i: int, cp: int) -> int:
        if cp == 0xFFFF:
            return 0
        ro = range_offs[i]
        if ro == 0:
            return (cp + deltas[i]) & 0xFFFF
        # idRangeOffset counts bytes from its own position into glyphIdArray
        j = 3 * seg + 1 + i + ro // 2 + (cp - starts[i])
        g = body[j] if j < len(body) else 0
        return (g + deltas[i]) & 0xFFFF if g else 0

    return Cmap(starts, ends, lookup)


def _load_metrics(path: str, index: int) -> FaceMetrics:
    r = _Reader(path)
    try:
        t = r.tables(index)
        head = r.at(t["head"][0], 54)
        upem = struct.unpack(">H", head[18:20])[0]
        hhea = r.at(t["hhea"][0], 36)
        ascent, descent = struct.unpack(">hh", hhea[4:8])
        nhm = struct.unpack(">H", hhea[34:36])[0]
        hm = array("H", r.at(t["hmtx"][0], 4 * nhm))
        if sys.byteorder == "little":
            hm.byteswap()
        advances = hm[0::2]
        cmap = _parse_cmap(r.at(*t["cmap"]))
    finally:
        r.close()
    if not upem or not nhm:
        raise ValueError("bad head/hhea table")
    return FaceMetrics(upem, ascent, abs(descent), cmap, advances)


_METRICS: dict[tuple[str, int, int], FaceMetrics] = {}


def face_metrics(face: FaceRef) -> FaceMetrics:
    """Parsed once per process for each (path, index, mtime)."""
    try:
        mtime = os.stat(face.path).st_mtime_ns
    except OSError as exc:
        raise FontError(
            f"字体文件无法读取：{face.path}（{exc.strerror or exc}）。请检查字体是否仍已安装。",
            f"Cannot read font file {face.path} ({exc.strerror or exc}). Check that the font is still installed.",
        ) from None
    key = (face.path, face.index, mtime)
    got = _METRICS.get(key)
    if got is None:
        try:
            got = _load_metrics(face.path, face.index)
        except (OSError, ValueError, KeyError, struct.error, IndexError) as exc:
            raise FontError(
                f"字体文件已损坏或格式不支持：{face.path}（{exc}）。请重新安装该字体或在模板中换用其他字体。",
                f"Font file {face.path} is damaged or unsupported ({exc}). Reinstall it or choose another font.",
            ) from None
        _METRICS[key] = got
    return got


# --------------------------------------------------------------------------- FontBook


class FontBook:
    """Role -> chain of installed faces, with per-character fallback along the chain."""

    def __init__(
        self, chains: Mapping[str, Sequence[str]], *, catalog: Sequence[CatalogEntry] | None = None
    ) -> None:
        self._catalog = list(catalog) if catalog is not None else installed_faces()
        self.faces: dict[str, FaceRef] = {}
        self._chains: dict[str, list[FaceRef]] = {}
        self._by_char: dict[tuple[str, str], FaceRef | None] = {}
        self._adv: dict[tuple[str, str], float] = {}
        self._metrics: dict[str, FaceMetrics] = {}  # spares a stat() of the file per lookup
        self._by_file: dict[tuple[str, int], FaceRef] = {}
        # role -> names of its chain that are not installed, so a caller can say "X is not
        # installed, Y is used instead" when X was the user's explicit choice
        self.unresolved: dict[str, list[str]] = {}
        for role in sorted(chains):
            self._chains[role] = self._resolve(role, chains[role])
        if "default" not in self._chains:
            self._chains["default"] = self._resolve("default", [n for c in chains.values() for n in c])
            self.unresolved.pop("default", None)  # made up here: its names are reported under their roles

    def _resolve(self, role: str, names: Sequence[str]) -> list[FaceRef]:
        chain: list[FaceRef] = []
        for name in names:
            entry = find_face(name, self._catalog)
            if entry is None:
                self.unresolved.setdefault(role, []).append(name)
                continue
            ref = self._by_file.get((entry.path, entry.index))
            if ref is None:
                ref = face_ref(entry)
                if ref.id in self.faces:  # two files with one PostScript name (a copy in the user's folder)
                    ref = replace(ref, id=f"{ref.id}-{len(self.faces)}")
                self._by_file[(entry.path, entry.index)] = self.faces[ref.id] = ref
            if ref not in chain:
                chain.append(ref)
        if not chain:
            shown = "、".join(names) if names else "（无）"
            raise FontError(
                f"找不到字体角色“{role}”所需的任何字体：{shown}。请安装其中一种字体，或在模板中指定已安装的字体。",
                f"No font for role '{role}' is installed (tried: {', '.join(names) or 'none'}). "
                "Install one of them or name an installed font in the template.",
            )
        return chain

    def chain(self, role: str) -> list[FaceRef]:
        return list(self._chains.get(role) or self._chains["default"])

    def face_for(self, role: str, ch: str) -> FaceRef | None:
        key = (role, ch)
        try:
            return self._by_char[key]
        except KeyError:
            pass
        cp = ord(ch)
        found = None
        for face in self._chains.get(role) or self._chains["default"]:
            if cp in self.metrics(face.id).cmap:
                found = face
                break
        self._by_char[key] = found
        return found

    def advance(self, face_id: str, ch: str) -> float:
        key = (face_id, ch)
        got = self._adv.get(key)
        if got is None:
            m = self.metrics(face_id)
            gid = m.cmap.get(ord(ch), 0)
            got = self._adv[key] = m.advance_units(gid) / m.upem
        return got

    def ascent(self, face_id: str) -> float:
        m = self.metrics(face_id)
        return m.ascent / m.upem

    def descent(self, face_id: str) -> float:
        m = self.metrics(face_id)
        return m.descent / m.upem

    def metrics(self, face_id: str) -> FaceMetrics:
        m = self._metrics.get(face_id)
        if m is None:
            m = self._metrics[face_id] = face_metrics(self.faces[face_id])
        return m


def face_stamp(face: FaceRef) -> str:
    """Identity of a face's file for cache keys: a reinstalled font has a new size or mtime."""
    st = os.stat(face.path)
    raw = f"{os.path.abspath(face.path)}|{face.index}|{st.st_size}|{st.st_mtime_ns}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- embedding
#
# The PDF writer embeds each face as a CIDFontType2 (Identity-H) whose font program holds
# exactly the characters the book uses, one glyph id per character. The program is
# assembled here from raw tables: glyphs of TrueType faces are copied byte for byte, glyphs
# of CFF faces are converted to quadratic outlines once and kept on disk per face, so a
# later build that needs one more character converts one more glyph, not the whole set.


def _checksum(data: bytes) -> int:
    if len(data) % 4:
        data += b"\0" * (4 - len(data) % 4)
    words = array("I", data)
    if sys.byteorder == "little":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def build_sfnt(
    tables: Mapping[str, bytes],
    version: bytes = b"\x00\x01\x00\x00",
    checksums: Mapping[str, int] | None = None,
) -> bytes:
    """A standalone font file from raw tables, with checksums and head.checkSumAdjustment set.

    `checksums` are known sums of unchanged tables (copied from a collection's directory), so
    extracting a 20 MB face does not add up 5 million words again."""
    tags = sorted(tables)
    n = len(tags)
    pow2 = 1
    while pow2 * 2 <= n:
        pow2 *= 2
    entry_selector = pow2.bit_length() - 1
    header = version + struct.pack(">HHHH", n, pow2 * 16, entry_selector, n * 16 - pow2 * 16)
    offset = 12 + 16 * n
    directory, body = [], []
    total = 0
    head_pos = None
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            data = data[:8] + b"\0\0\0\0" + data[12:]
            head_pos = offset
        check = checksums[tag] if checksums and tag in checksums and tag != "head" else _checksum(data)
        total += check
        directory.append(struct.pack(">4sIII", tag.encode("latin-1"), check, offset, len(data)))
        pad = (4 - len(data) % 4) % 4
        body.append(data)
        body.append(b"\0" * pad)
        offset += len(data) + pad
    front = header + b"".join(directory)
    out = bytearray(front + b"".join(body))
    if head_pos is not None:
        # the file checksum is the sum of its padded parts: no second pass over the body
        adjust = (0xB1B0AFBA - _checksum(front) - total) & 0xFFFFFFFF
        out[head_pos + 8 : head_pos + 12] = struct.pack(">I", adjust)
    return bytes(out)


def _raw_tables(path: str, index: int, tags: Iterable[str]) -> dict[str, bytes]:
    r = _Reader(path)
    try:
        t = r.tables(index)
        return {tag: r.at(*t[tag]) for tag in tags if tag in t}
    finally:
        r.close()


_QT_BYTES: dict[tuple[str, int, int], bytes] = {}
QT_CACHE_BYTES = 96 * 1024 * 1024


def font_bytes_for_qt(face: FaceRef) -> bytes:
    """One face as a standalone OpenType/TrueType file: Qt cannot pick a face out of a collection."""
    try:
        st = os.stat(face.path)
        key = (face.path, face.index, st.st_mtime_ns)
        got = _QT_BYTES.get(key)
        if got is not None:
            return got
        r = _Reader(face.path)
        try:
            head = r.at(0, 12)
            if head[:4] != b"ttcf":
                got = Path(face.path).read_bytes()
            else:
                directory = r.directory(face.index)
                base = _sfnt_offsets(head, r.at)[face.index]
                version = r.at(base, 4)
                got = build_sfnt(
                    {tag: r.at(off, ln) for tag, (_c, off, ln) in directory.items()},
                    version,
                    {tag: c for tag, (c, _o, _n) in directory.items()},
                )
        finally:
            r.close()
    except (OSError, ValueError, struct.error) as exc:
        raise FontError(
            f"字体文件无法读取：{face.path}（{exc}）。请检查字体是否已损坏或已卸载。",
            f"Cannot read font file {face.path} ({exc}). Check that it is installed and undamaged.",
        ) from None
    if sum(len(v) for v in _QT_BYTES.values()) + len(got) > QT_CACHE_BYTES:
        _QT_BYTES.clear()  # Qt keeps its own copy; ours only spares re-reading a face soon after
    _QT_BYTES[key] = got
    return got


def _components(data: bytes) -> list[tuple[int, int]]:
    """(byte offset of the glyph index, glyph index) of each component of a composite glyph."""
    if len(data) < 10 or struct.unpack(">h", data[:2])[0] >= 0:
        return []
    out, pos = [], 10
    while pos + 4 <= len(data):
        flags, gid = struct.unpack(">HH", data[pos : pos + 4])
        out.append((pos + 2, gid))
        pos += 4 + (4 if flags & 0x1 else 2)
        if flags & 0x8:
            pos += 2
        elif flags & 0x40:
            pos += 4
        elif flags & 0x80:
            pos += 8
        if not flags & 0x20:
            break
    return out


class _GlyfSource:
    """Raw glyph records of a TrueType face, read on demand."""

    hinting_tables = ("cvt ", "fpgm", "prep")

    def __init__(self, face: FaceRef) -> None:
        self.path = face.path
        r = _Reader(face.path)
        try:
            t = r.tables(face.index)
            self.glyf_off = t["glyf"][0]
            long_loca = struct.unpack(">h", r.at(t["head"][0] + 50, 2))[0] == 1
            loca = array("I" if long_loca else "H", r.at(*t["loca"]))
        finally:
            r.close()
        if sys.byteorder == "little":
            loca.byteswap()
        self.loca = loca if long_loca else array("I", (2 * v for v in loca))

    def glyphs(self, gids: Iterable[int]) -> dict[int, bytes]:
        out = {}
        with open(self.path, "rb") as f:
            for gid in gids:
                if gid + 1 >= len(self.loca):
                    out[gid] = b""
                    continue
                start, end = self.loca[gid], self.loca[gid + 1]
                f.seek(self.glyf_off + start)
                out[gid] = f.read(max(0, end - start))
        return out


class _CffSource:
    """CFF outlines converted to TrueType glyph records, remembered on disk per face."""

    hinting_tables = ()

    def __init__(self, face: FaceRef, stamp: str) -> None:
        self.face = face
        self.file = cache_dir() / "glyphs" / f"{stamp}.bin"
        self.done: dict[int, bytes] = {}
        try:
            import marshal

            loaded = marshal.loads(self.file.read_bytes())
            if isinstance(loaded, dict):
                self.done = loaded
        except (OSError, ValueError, EOFError, TypeError):
            pass
        self._font = None

    def glyphs(self, gids: Iterable[int]) -> dict[int, bytes]:
        gids = list(gids)
        with _CONVERT_LOCK:  # the GUI may export and print a proof at once; fontTools is not thread-safe
            todo = [g for g in gids if g not in self.done]
            if todo:
                self._convert(todo)
            return {g: self.done[g] for g in gids}

    def _convert(self, gids: list[int]) -> None:
        from fontTools.pens.cu2quPen import Cu2QuPen
        from fontTools.pens.ttGlyphPen import TTGlyphPen
        from fontTools.ttLib import TTFont

        if self._font is None:
            self._font = TTFont(self.face.path, fontNumber=self.face.index, lazy=True)
        font = self._font
        order = font.getGlyphOrder()
        table = font["CFF "].cff.topDictIndex[0] if "CFF " in font else None
        glyph_set = None if table is not None else font.getGlyphSet()
        max_err = font["head"].unitsPerEm / 1000  # 1/1000 em: far below what print resolves
        for gid in gids:
            name = order[gid] if gid < len(order) else order[0]
            pen = TTGlyphPen(None)
            source = table.CharStrings[name] if table is not None else glyph_set[name]
            source.draw(Cu2QuPen(pen, max_err, reverse_direction=True))
            glyph = pen.glyph()
            self.done[gid] = glyph.compile(None) if glyph.numberOfContours else b""
        self._save()

    def _save(self) -> None:
        import marshal

        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_name(f"{self.file.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(self.done))
            os.replace(tmp, self.file)
        except OSError:
            pass  # an unwritable cache only costs time on the next run


_SOURCES: dict[tuple[str, int, int], _GlyfSource | _CffSource] = {}
_CONVERT_LOCK = threading.Lock()


def _glyph_source(face: FaceRef) -> _GlyfSource | _CffSource:
    st = os.stat(face.path)
    key = (face.path, face.index, st.st_mtime_ns)
    src = _SOURCES.get(key)
    if src is None:
        src = _SOURCES[key] = _CffSource(face, face_stamp(face)) if face.cff else _GlyfSource(face)
    return src


@dataclass(frozen=True)
class EmbeddedFont:
    """A font program for one PDF font: glyph 1.. are the book's characters in code point order."""

    program: bytes  # TrueType (glyf) font file
    gids: dict[str, int]  # character -> glyph id (= CID under Identity-H)
    widths: tuple[float, ...]  # advance of each glyph id in 1/1000 em
    psname: str
    tag: str  # six capitals naming this subset, stable for the same characters
    ascent: float  # 1/1000 em; descent is negative, as PDF wants it
    descent: float
    cap_height: float
    italic_angle: float
    bbox: tuple[float, float, float, float]


def _cmap_table(pairs: list[tuple[int, int]]) -> bytes:
    """cmap with a format 4 (BMP) and a format 12 subtable for sorted (code point, glyph) pairs."""
    segs: list[list[int]] = []
    for cp, gid in pairs:
        if cp > 0xFFFE:
            break
        if segs and cp == segs[-1][1] + 1 and gid - cp == segs[-1][2]:
            segs[-1][1] = cp
        else:
            segs.append([cp, cp, gid - cp])
    segs.append([0xFFFF, 0xFFFF, 1])
    n = len(segs)
    pow2 = 1
    while pow2 * 2 <= n:
        pow2 *= 2
    f4 = struct.pack(">HHHH", 2 * n, 2 * pow2, pow2.bit_length() - 1, 2 * n - 2 * pow2)
    f4 += struct.pack(f">{n}H", *(s[1] for s in segs)) + b"\0\0"
    f4 += struct.pack(f">{n}H", *(s[0] for s in segs))
    f4 += struct.pack(f">{n}H", *(s[2] & 0xFFFF for s in segs))
    f4 += b"\0\0" * n
    f4 = struct.pack(">HHH", 4, 6 + len(f4), 0) + f4
    groups: list[list[int]] = []
    for cp, gid in pairs:
        if groups and cp == groups[-1][1] + 1 and gid == groups[-1][2] + cp - groups[-1][0]:
            groups[-1][1] = cp
        else:
            groups.append([cp, cp, gid])
    f12 = b"".join(struct.pack(">III", *g) for g in groups)
    f12 = struct.pack(">HHIII", 12, 0, 16 + len(f12), 0, len(groups)) + f12
    head = struct.pack(">HH", 0, 2) + struct.pack(">HHI", 3, 1, 20) + struct.pack(">HHI", 3, 10, 20 + len(f4))
    return head + f4 + f12


_EMBEDDED: dict[tuple, EmbeddedFont] = {}


def embeddable_font(face: FaceRef, chars: Iterable[str]) -> EmbeddedFont:
    """The font program to embed for `chars` of `face`; characters the face lacks are left out."""
    metrics = face_metrics(face)
    wanted = sorted({c for c in chars if ord(c) in metrics.cmap}, key=ord)
    try:
        stamp = face_stamp(face)
    except OSError as exc:
        raise FontError(
            f"字体文件无法读取：{face.path}（{exc}）。", f"Cannot read font file {face.path} ({exc})."
        ) from None
    key = (stamp, "".join(wanted))
    got = _EMBEDDED.get(key)
    if got is not None:
        return got
    digest = hashlib.sha1(key[1].encode("utf-8", "surrogatepass")).hexdigest()[:20]
    disk = cache_dir() / "subsets" / f"{stamp}-{digest}.bin"
    got = _load_subset(disk, wanted)
    if got is None:
        try:
            got = _assemble(face, metrics, wanted)
        except (OSError, ValueError, KeyError, struct.error, IndexError, AttributeError) as exc:
            raise FontError(
                f"无法嵌入字体 {face.family or face.id}（{face.path}）：{exc}。请重新安装该字体或在模板中换用其他字体。",
                f"Cannot embed font {face.family or face.id} ({face.path}): {exc}. "
                "Reinstall it or choose another font.",
            ) from None
        _store_subset(disk, got)
    if len(_EMBEDDED) > 64:
        _EMBEDDED.clear()
    _EMBEDDED[key] = got
    return got


SUBSETS_KEPT = 48  # newest subset files kept on disk: the last builds of the issues being edited


def _store_subset(path: Path, font: EmbeddedFont) -> None:
    """A cold build of an unchanged issue then reads its subsets instead of assembling them."""
    import marshal

    record = (
        1,
        compressed_program(font),
        len(font.program),
        "".join(font.gids),
        font.widths,
        font.psname,
        font.tag,
        (font.ascent, font.descent, font.cap_height, font.italic_angle),
        font.bbox,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(record))
        os.replace(tmp, path)
        old = sorted(path.parent.glob("*.bin"), key=lambda p: p.stat().st_mtime_ns)
        for stale in old[:-SUBSETS_KEPT]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # an unwritable cache only costs time


def _load_subset(path: Path, wanted: list[str]) -> EmbeddedFont | None:
    import marshal
    import zlib

    try:
        record = marshal.loads(path.read_bytes())
        version, packed, length, chars, widths, psname, tag, vmetrics, bbox = record
        if version != 1 or chars != "".join(wanted):
            return None
        program = zlib.decompress(packed)
        if len(program) != length:
            return None
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None
    font = EmbeddedFont(
        program=program,
        gids={c: k + 1 for k, c in enumerate(chars)},
        widths=tuple(widths),
        psname=psname,
        tag=tag,
        ascent=vmetrics[0],
        descent=vmetrics[1],
        cap_height=vmetrics[2],
        italic_angle=vmetrics[3],
        bbox=tuple(bbox),
    )
    _COMPRESSED[(font.tag, font.psname, len(program))] = packed
    return font


_COMPRESSED: dict[tuple[str, str, int], bytes] = {}


def compressed_program(font: EmbeddedFont) -> bytes:
    """The Flate-compressed program, kept with the subset it belongs to (a warm rebuild reuses it)."""
    import zlib

    key = (font.tag, font.psname, len(font.program))
    got = _COMPRESSED.get(key)
    if got is None:
        if len(_COMPRESSED) > 64:
            _COMPRESSED.clear()
        got = _COMPRESSED[key] = zlib.compress(font.program, 6)
    return got


def _assemble(face: FaceRef, metrics: FaceMetrics, wanted: list[str]) -> EmbeddedFont:
    src = _glyph_source(face)
    raw = _raw_tables(
        face.path, face.index, ("head", "hhea", "maxp", "OS/2", "name", "post", *src.hinting_tables)
    )
    head, hhea, os2, post = raw["head"], raw["hhea"], raw.get("OS/2", b""), raw["post"]
    fs_type = struct.unpack(">H", os2[8:10])[0] if len(os2) >= 10 else 0
    if (fs_type & 0x000F) == 0x0002 or fs_type & 0x0200:
        name = face.family or face.id
        raise FontError(
            f"字体“{name}”的授权不允许嵌入 PDF（{face.path}）。请在模板中为该角色换用其他字体。",
            f"The licence of font '{name}' forbids embedding it in a PDF ({face.path}). "
            "Choose another font for this role in the template.",
        )
    if struct.unpack(">H", head[18:20])[0] != metrics.upem:
        raise ValueError("inconsistent head table")
    old_gids = [0] + [metrics.cmap[ord(c)] for c in wanted]
    data = src.glyphs(sorted(set(old_gids)))
    # one new glyph per character, then components of composite glyphs, renumbered
    order = list(old_gids)
    new_of: dict[int, int] = {}
    i = 0
    while i < len(order):
        for _pos, comp in _components(data.get(order[i], b"")):
            if comp not in new_of and comp not in order[len(old_gids) :]:
                order.append(comp)
                if comp not in data:
                    data.update(src.glyphs([comp]))
        i += 1
    for new, old in enumerate(order):
        new_of.setdefault(old, new)
    glyf, loca = bytearray(), [0]
    max_points = max_contours = 0
    lsbs = []
    for old in order:
        g = data.get(old, b"")
        comps = _components(g)
        if comps:
            g = bytearray(g)
            for pos, comp in comps:
                g[pos : pos + 2] = struct.pack(">H", new_of[comp])
            g = bytes(g)
        elif len(g) >= 10:
            nc = struct.unpack(">h", g[:2])[0]
            if nc > 0:
                max_contours = max(max_contours, nc)
                max_points = max(
                    max_points, struct.unpack(">H", g[10 + 2 * (nc - 1) : 12 + 2 * (nc - 1)])[0] + 1
                )
        lsbs.append(struct.unpack(">h", g[2:4])[0] if len(g) >= 10 else 0)
        glyf += g + b"\0" * ((4 - len(g) % 4) % 4)
        loca.append(len(glyf))
    n = len(order)
    advances = [metrics.advance_units(old) for old in order]
    hmtx = b"".join(struct.pack(">Hh", a, lsb) for a, lsb in zip(advances, lsbs, strict=True))
    if isinstance(src, _GlyfSource) and len(raw["maxp"]) >= 32:
        maxp = raw["maxp"][:4] + struct.pack(">H", n) + raw["maxp"][6:32]
    else:
        maxp = struct.pack(
            ">IHHHHHHHHHHHHHH",
            0x00010000,
            n,
            max_points,
            max_contours,
            max_points,
            max_contours,
            1,
            0,
            0,
            0,
            0,
            0,
            0,
            2,
            1,
        )
    tables = {
        "head": head[:50] + struct.pack(">hh", 1, 0) + head[54:],
        "hhea": hhea[:34] + struct.pack(">H", n) + hhea[36:],
        "maxp": maxp,
        "hmtx": hmtx,
        "loca": struct.pack(f">{n + 1}I", *loca),
        "glyf": bytes(glyf),
        "cmap": _cmap_table([(ord(c), k + 1) for k, c in enumerate(wanted)]),
        "name": raw["name"],
        "post": struct.pack(">I", 0x00030000) + post[4:32],
    }
    if os2:
        tables["OS/2"] = os2
    for tag in src.hinting_tables:
        if tag in raw:
            tables[tag] = raw[tag]
    upem = metrics.upem
    scale = 1000 / upem
    xmin, ymin, xmax, ymax = struct.unpack(">hhhh", head[36:44])
    cap = metrics.ascent
    if len(os2) >= 90 and struct.unpack(">H", os2[:2])[0] >= 2:
        cap = struct.unpack(">h", os2[88:90])[0] or cap
    italic = struct.unpack(">i", post[4:8])[0] / 65536
    ps = face.id
    names = _read_names_bytes(raw["name"])
    if names.get(6):
        ps = "".join(c for c in names[6] if 0x21 <= ord(c) <= 0x7E and c not in "[](){}<>/%#") or ps
    digest = hashlib.sha1((ps + "".join(wanted)).encode("utf-8")).digest()
    tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
    return EmbeddedFont(
        program=build_sfnt(tables),
        gids={c: k + 1 for k, c in enumerate(wanted)},
        widths=tuple(round(a * scale, 3) for a in advances),
        psname=ps,
        tag=tag,
        ascent=round(metrics.ascent * scale, 3),
        descent=-round(metrics.descent * scale, 3),
        cap_height=round(cap * scale, 3),
        italic_angle=italic,
        bbox=(round(xmin * scale), round(ymin * scale), round(xmax * scale), round(ymax * scale)),
    )


def _read_names_bytes(data: bytes) -> dict[int, str]:
    """First string of each name ID in a raw name table (the PostScript name for BaseFont)."""
    _fmt, count, string_off = struct.unpack(">HHH", data[:6])
    out: dict[int, str] = {}
    for i in range(count):
        plat, enc, _lang, nid, ln, so = struct.unpack(">6H", data[6 + 12 * i : 18 + 12 * i])
        if nid not in out:
            s = _decode_name(plat, enc, data[string_off + so : string_off + so + ln])
            if s:
                out[nid] = s
    return out
