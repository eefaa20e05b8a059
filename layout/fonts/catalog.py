"""Finding installed fonts and matching the names editors know.

Editors name fonts the way their Windows menus show them (仿宋_GB2312, 方正小标宋简体), so a
family is matched against every name a face carries: English and localized families, full
names and PostScript names. Discovery uses fontconfig where it exists (one fast `fc-list`
call) and otherwise reads the name tables of the files in the platform's font folders, with
the result kept in an on-disk index so a second start does not reopen hundreds of files.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..cachedir import read_table, write_table
from ..digest import sha1
from ..display import FaceRef
from .cache import CACHE, cache_dir
from .sfnt import SfntReader, read_name_records, sfnt_offsets

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


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
    """All faces fontconfig knows, or None where fontconfig is not installed.

    `fc-list`'s answer is kept in the cache folder (`fc-list.json`) with a stamp of what it
    depends on (`_fontconfig_stamp`), so a start whose fonts and configuration are unchanged
    does not run it (a child process: ≈ 25 ms of a cold build).
    """
    exe = fc_list or shutil.which("fc-list")
    if not exe:
        return None
    kept = read_table(FC_LIST_TABLE)
    old_out, old_dirs = kept.get("output"), kept.get("dirs")
    if not (isinstance(old_out, str) and isinstance(old_dirs, list)):
        old_out, old_dirs = "", []
    before = _fontconfig_stamp(exe, old_dirs)
    if old_out and kept.get("stamp") == before:
        parsed = kept.get("entries")  # parse_fc_list's answer, kept with the output it came from
        if isinstance(parsed, list):
            try:
                return [_entry_from_json(row[0], row[1:]) for row in parsed]
            except (TypeError, IndexError):
                pass  # a damaged table: parse the output again
        entries = parse_fc_list(old_out)
        write_table(FC_LIST_TABLE, {**kept, "entries": _entry_rows(entries)})
        return entries
    import subprocess  # only when fc-list is run: the module costs a cold start ≈ 5 ms

    try:
        out = subprocess.run(
            [exe, "--format", _FC_FORMAT], capture_output=True, check=True, timeout=30
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return None
    if _fontconfig_stamp(exe, old_dirs) == before:  # nothing changed while fc-list ran
        dirs = sorted({os.path.dirname(line.split("\t", 1)[0]) for line in out.splitlines() if line})
        entries = parse_fc_list(out)
        stamp = _fontconfig_stamp(exe, dirs)
        write_table(
            FC_LIST_TABLE, {"stamp": stamp, "dirs": dirs, "output": out, "entries": _entry_rows(entries)}
        )
        return entries
    return parse_fc_list(out)


FC_LIST_TABLE = "fc-list.json"
# the environment fontconfig reads its configuration and folders from
_FC_ENV = (
    "FONTCONFIG_FILE",
    "FONTCONFIG_PATH",
    "FONTCONFIG_SYSROOT",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "HOME",
)


def _fontconfig_stamp(exe: str, listed_dirs: Iterable[str]) -> str:
    """What `fc-list`'s answer depends on, as a digest: the program, the environment, every
    file and folder of the configuration, and the modification time of every folder fonts are
    in — the standard font folders walked (a font added anywhere below them changes its
    folder's time, which is how fontconfig itself notices) and the folders of the fonts it
    listed last time (folders a configuration added)."""
    home = os.path.expanduser("~")
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    configs = [os.environ.get("FONTCONFIG_PATH") or "/etc/fonts", os.path.join(config_home, "fontconfig")]
    paths = [exe, os.environ.get("FONTCONFIG_FILE") or "", os.path.join(home, ".fonts.conf")]
    paths += [os.path.join(home, ".fonts.conf.d"), *listed_dirs]
    for top in configs + linux_font_dirs(home):
        for root, _dirs, files in os.walk(top):
            paths.append(root)
            if top in configs:
                paths.extend(os.path.join(root, f) for f in files)
    parts = [os.environ.get(k, "") for k in _FC_ENV]
    for path in paths:
        try:
            st = os.stat(path)
            parts.append(f"{path}:{st.st_mtime_ns}:{st.st_size}")
        except OSError:
            parts.append(f"{path}:-")
    return sha1("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


# ---- reading names from files (Windows, macOS, Linux without fontconfig)


def read_face_names(path: str) -> list[CatalogEntry]:
    """Catalog entries for every face in a font file, read from its name and OS/2 tables."""
    r = SfntReader(path)
    try:
        count = len(sfnt_offsets(r.at(0, 12), r.at))
        entries = []
        for index in range(count):
            tables = r.tables(index)
            if "cmap" not in tables or "hmtx" not in tables:
                continue
            names = read_name_records(r, tables)

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


def _entry_to_json(e: CatalogEntry) -> list:
    return [e.index, list(e.families), list(e.fullnames), e.psname, e.style, e.weight, e.italic, e.cff]


def _entry_rows(entries: list[CatalogEntry]) -> list[list]:
    return [[e.path, *_entry_to_json(e)] for e in entries]


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


def font_files_in(dirs: Iterable[str | os.PathLike[str]]) -> list[str]:
    out: list[str] = []
    for d in dirs:
        for root, _dirs, files in os.walk(os.fspath(d)):
            out.extend(os.path.join(root, f) for f in files if f.lower().endswith(FONT_SUFFIXES))
    return out


def _winreg_fonts() -> list[tuple[str, str]]:
    """(display name, file) pairs from the machine and user font registry keys."""
    if sys.platform != "win32":
        return []
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


def forget_installed_faces() -> None:
    """Let the next FontBook see fonts installed since the program started (GUI: "refresh fonts")."""
    CACHE.forget_installed_faces()


def installed_faces() -> list[CatalogEntry]:
    """Every usable face on this machine (fontconfig, else the platform folders), plus GAZETTE_FONT_PATH."""
    extra = tuple(extra_font_dirs())
    key = (sys.platform, extra)
    got = CACHE.catalogs.get(key)
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
    return CACHE.catalogs.put(key, entries)


def _name_index(catalog: Sequence[CatalogEntry]):
    """Normalized full names and family names (plus "family style") to entries, built once per catalog."""
    got = CACHE.name_indexes.get(id(catalog))
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
    return CACHE.name_indexes.put(id(catalog), (catalog, full, family))


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
