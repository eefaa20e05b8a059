"""Fonts: finding installed faces, measuring characters, role chains, and embedding in PDFs.

    catalog  discovery (fontconfig, Windows registry, macOS/Linux folders) and name matching
    metrics  character maps and advance widths read straight from the file
    book     FontBook: each role's chain of faces with per-character fallback
    embed    subset font programs for the PDF writer; standalone faces for the preview
    sfnt     the OpenType container shared by the three above
    cff      CFF outlines read lazily and written as CID-keyed subsets (for embed)
    cache    the one owner of every in-memory font cache, and the disk cache's folder

The names below are the package's interface; callers import them from `layout.fonts`.
"""

from .book import FontBook
from .cache import CACHE, FontCache, cache_dir, face_stamp
from .catalog import (
    FONT_SUFFIXES,
    CatalogEntry,
    extra_font_dirs,
    face_ref,
    family_names,
    find_face,
    font_files_in,
    fontconfig_faces,
    forget_installed_faces,
    installed_faces,
    linux_font_dirs,
    mac_font_dirs,
    normalize_name,
    parse_fc_list,
    read_face_names,
    scan_files,
    windows_faces,
    windows_font_files,
)
from .embed import (
    SUBSETS_KEPT,
    EmbeddedFont,
    compressed_program,
    embeddable_font,
    glyph_ink,
    standalone_face_bytes,
)
from .metrics import Cmap, EncodedCmap, FaceMetrics, face_metrics
from .sfnt import CHINESE_LANGIDS, build_sfnt

__all__ = [
    "CACHE",
    "CHINESE_LANGIDS",
    "FONT_SUFFIXES",
    "SUBSETS_KEPT",
    "CatalogEntry",
    "Cmap",
    "EmbeddedFont",
    "EncodedCmap",
    "FaceMetrics",
    "FontBook",
    "FontCache",
    "build_sfnt",
    "cache_dir",
    "compressed_program",
    "embeddable_font",
    "extra_font_dirs",
    "face_metrics",
    "face_ref",
    "face_stamp",
    "family_names",
    "find_face",
    "font_files_in",
    "fontconfig_faces",
    "forget_installed_faces",
    "glyph_ink",
    "installed_faces",
    "linux_font_dirs",
    "mac_font_dirs",
    "normalize_name",
    "parse_fc_list",
    "read_face_names",
    "scan_files",
    "standalone_face_bytes",
    "windows_faces",
    "windows_font_files",
]
