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
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
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


_FC_FORMAT = "%{file}\\t%{index}\\t%{family}\\t%{fullname}\\t%{postscriptname}\\t%{style}\\t%{weight}\\t%{slant}\\t%{fontformat}\\n"


def parse_fc_list(output: str) -> list[CatalogEntry]:
    """Entries from `fc-list --format` output; bitmap and Type 1 faces are skipped (not embeddable here)."""
    entries = []
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) != 9:
            continue
        path, index, family, full, ps, style, weight, slant, fmt = parts
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
                families=_split_fc_list(family),
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
            tag, _sum, off, length = struct.unpack(">4sIII", recs[16 * i : 16 * i + 16])
            out[tag.decode("latin-1")] = (off, length)
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
    for lst in names.values():
        lst.sort(key=lambda t: (t[0] not in CHINESE_LANGIDS, t[0] != 0x0409))
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
        entries = scan_files(windows_font_files(), index_file)
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


def find_face(name: str, catalog: Sequence[CatalogEntry]) -> CatalogEntry | None:
    """The face a user means by `name`: a full or PostScript name exactly, else the most regular
    upright face of a family with that name (in any language)."""
    want = normalize_name(name)
    if not want:
        return None
    for e in catalog:
        if any(normalize_name(n) == want for n in e.fullnames):
            return e
    family = [e for e in catalog if any(normalize_name(n) == want for n in e.families)]
    if not family:
        # "Family Style", e.g. "Noto Serif CJK SC Bold" where the full name differs
        family_style = [e for e in catalog for f in e.families if normalize_name(f + e.style) == want]
        return family_style[0] if family_style else None
    return min(family, key=lambda e: (e.italic, abs(e.weight - 400), e.path, e.index))


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
    cmap: dict[int, int]  # code point -> glyph id
    advances: array  # by glyph id, for the first numberOfHMetrics glyphs

    def advance_units(self, gid: int) -> int:
        adv = self.advances
        return adv[gid] if gid < len(adv) else adv[-1]


def _parse_cmap(data: bytes) -> dict[int, int]:
    _ver, num = struct.unpack(">HH", data[:4])
    subtables = {}
    for i in range(num):
        plat, enc, off = struct.unpack(">HHI", data[4 + 8 * i : 12 + 8 * i])
        fmt = struct.unpack(">H", data[off : off + 2])[0]
        subtables[(plat, enc, fmt)] = off
    for pref in ((3, 10, 12), (0, 6, 12), (0, 4, 12), (3, 1, 4), (0, 3, 4), (0, 1, 4), (0, 0, 4), (3, 0, 4)):
        if pref in subtables:
            off = subtables[pref]
            got = _cmap12(data, off) if pref[2] == 12 else _cmap4(data, off)
            # a mapping to glyph 0 means "not in this font": fallback must go on to the next face
            return {cp: g for cp, g in got.items() if g} if 0 in got.values() else got
    raise ValueError("no Unicode character map")


def _cmap12(data: bytes, off: int) -> dict[int, int]:
    n = struct.unpack(">I", data[off + 12 : off + 16])[0]
    groups = array("I", data[off + 16 : off + 16 + 12 * n])
    if sys.byteorder == "little":
        groups.byteswap()
    out: dict[int, int] = {}
    for i in range(0, 3 * n, 3):
        start, end, gid = groups[i], groups[i + 1], groups[i + 2]
        out.update(zip(range(start, end + 1), range(gid, gid + end - start + 1), strict=True))
    return out


def _cmap4(data: bytes, off: int) -> dict[int, int]:
    length = struct.unpack(">H", data[off + 2 : off + 4])[0]
    seg2 = struct.unpack(">H", data[off + 6 : off + 8])[0]
    seg = seg2 // 2
    body = array("H", data[off + 14 : off + length])
    if sys.byteorder == "little":
        body.byteswap()
    ends = body[0:seg]
    starts = body[seg + 1 : 2 * seg + 1]
    deltas = body[2 * seg + 1 : 3 * seg + 1]
    range_offs = body[3 * seg + 1 : 4 * seg + 1]
    out: dict[int, int] = {}
    for i in range(seg):
        start, end, delta, ro = starts[i], ends[i], deltas[i], range_offs[i]
        if start == 0xFFFF:
            continue
        if ro == 0:
            for c in range(start, end + 1):
                g = (c + delta) & 0xFFFF
                if g:
                    out[c] = g
        else:
            # idRangeOffset counts bytes from its own position into glyphIdArray
            base = 3 * seg + 1 + i + ro // 2
            for c in range(start, end + 1):
                j = base + (c - start)
                if j < len(body):
                    g = body[j]
                    if g:
                        out[c] = (g + delta) & 0xFFFF
    return out


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
        self._entries: dict[str, CatalogEntry] = {}
        for role in sorted(chains):
            self._chains[role] = self._resolve(role, chains[role])
        if "default" not in self._chains:
            self._chains["default"] = self._resolve("default", [n for c in chains.values() for n in c])

    def _resolve(self, role: str, names: Sequence[str]) -> list[FaceRef]:
        chain: list[FaceRef] = []
        for name in names:
            entry = find_face(name, self._catalog)
            if entry is None:
                continue
            ref = face_ref(entry)
            old = self._entries.get(ref.id)
            if old is not None and (old.path, old.index) != (entry.path, entry.index):
                ref = FaceRef(f"{ref.id}-{len(self._entries)}", ref.path, ref.index, ref.family, ref.cff)
            self._entries.setdefault(ref.id, entry)
            self.faces.setdefault(ref.id, ref)
            ref = self.faces[ref.id]
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
            if cp in face_metrics(face).cmap:
                found = face
                break
        self._by_char[key] = found
        return found

    def advance(self, face_id: str, ch: str) -> float:
        key = (face_id, ch)
        got = self._adv.get(key)
        if got is None:
            m = face_metrics(self.faces[face_id])
            gid = m.cmap.get(ord(ch), 0)
            got = self._adv[key] = m.advance_units(gid) / m.upem
        return got

    def ascent(self, face_id: str) -> float:
        m = face_metrics(self.faces[face_id])
        return m.ascent / m.upem

    def descent(self, face_id: str) -> float:
        m = face_metrics(self.faces[face_id])
        return m.descent / m.upem


def face_stamp(face: FaceRef) -> str:
    """Identity of a face's file for cache keys: a reinstalled font has a new size or mtime."""
    st = os.stat(face.path)
    raw = f"{os.path.abspath(face.path)}|{face.index}|{st.st_size}|{st.st_mtime_ns}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
