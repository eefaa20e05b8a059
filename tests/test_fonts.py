"""Font discovery, name matching, fallback and measuring against the fonts installed here.

The machine has Noto Serif/Sans CJK (CFF collections), AR PL UMing/UKai (TrueType
collections) and WenQuanYi Zen Hei; Windows and macOS discovery run on fake folders and a
fake registry reader pointing at those same files.
"""

from __future__ import annotations

import os

import pytest

from layout import fonts
from layout.errors import FontError
from layout.fonts import (
    FontBook,
    catalog,
    face_metrics,
    find_face,
    installed_faces,
    parse_fc_list,
    read_face_names,
    scan_files,
    windows_font_files,
)
from layout.fonts.cache import Store

UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"
WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"

needs_fonts = pytest.mark.skipif(
    not all(os.path.exists(p) for p in (UMING, WQY, NOTO_SERIF)), reason="reference CJK fonts not installed"
)

YOSHI = "\U00020bb7"  # 𠮷, CJK Extension B: in Noto CJK, not in AR PL UMing
NOWHERE = "\U00020000"  # 𠀀, in none of the installed faces


@needs_fonts
def test_localized_name_finds_wenquanyi() -> None:
    cat = installed_faces()
    for name in ("文泉驿正黑", "文泉驛正黑", "WenQuanYi Zen Hei", "wenquanyi zenhei"):
        e = find_face(name, cat)
        assert e is not None and e.path == WQY and e.index == 0, name


@needs_fonts
def test_family_prefers_regular_and_full_name_picks_bold() -> None:
    cat = installed_faces()
    regular = find_face("Noto Serif CJK SC", cat)
    bold = find_face("Noto Serif CJK SC Bold", cat)
    assert regular is not None and regular.path == NOTO_SERIF and regular.index == 2 and regular.cff
    assert bold is not None and "Bold" in bold.path and bold.index == 2
    assert find_face("仿宋_GB2312", cat) is None


@needs_fonts
def test_chain_skips_missing_families_and_measures() -> None:
    book = FontBook({"body": ["仿宋_GB2312", "仿宋", "Noto Serif CJK SC", "AR PL UMing CN"]})
    ids = [f.id for f in book.chain("body")]
    assert ids == ["NotoSerifCJKsc-Regular", "UMingCN"]
    face = book.face_for("body", "公")
    assert face is not None and face.id == "NotoSerifCJKsc-Regular" and face.cff
    assert book.advance(face.id, "公") == pytest.approx(1.0)
    assert 0.3 < book.advance(face.id, "1") < 0.7
    assert 0.8 < book.ascent(face.id) < 1.3 and 0.1 < book.descent(face.id) < 0.4
    # a role the book was not given falls back to "default" (built from all chains)
    assert book.chain("heading9")[0].id == ids[0]
    assert set(book.faces) == set(ids)


@needs_fonts
def test_per_character_fallback_and_missing_character() -> None:
    book = FontBook({"default": ["AR PL UMing CN", "Noto Serif CJK SC"]})
    assert book.face_for("default", "公").id == "UMingCN"
    assert book.face_for("default", YOSHI).id == "NotoSerifCJKsc-Regular"
    assert book.face_for("default", NOWHERE) is None


@needs_fonts
def test_glyph_is_face_for_and_advance_in_one_lookup() -> None:
    # the layout measures through FontBook.glyph; it must answer what face_for and advance do,
    # fallback along the chain and a character no face has included
    one = FontBook({"default": ["AR PL UMing CN", "Noto Serif CJK SC"]})
    two = FontBook({"default": ["AR PL UMing CN", "Noto Serif CJK SC"]})
    for ch in "公报2018年，A（g" + YOSHI + NOWHERE:
        face = two.face_for("default", ch)
        expected = (face.id, two.advance(face.id, ch)) if face is not None else (None, 1.0)
        assert one.glyph("default", ch) == expected, ch
        assert one.face_for("default", ch) == face, ch  # the lookup left face_for's answer
    assert one.glyph("default", YOSHI)[0] == "NotoSerifCJKsc-Regular"
    assert one.glyph("default", NOWHERE) == (None, 1.0)


@needs_fonts
def test_advances_match_fonttools() -> None:
    from fontTools.ttLib import TTFont

    book = FontBook({"default": ["AR PL UMing CN"]})
    tt = TTFont(UMING, fontNumber=0, lazy=True)
    cmap, hmtx, upem = tt.getBestCmap(), tt["hmtx"], tt["head"].unitsPerEm
    for ch in "公报2018年，A（g":
        assert book.advance("UMingCN", ch) == hmtx[cmap[ord(ch)]][0] / upem, ch
    m = face_metrics(book.faces["UMingCN"])
    assert {cp: tt.getGlyphName(g) for cp, g in m.cmap.items()} == cmap and m.upem == upem


def test_no_installed_family_is_a_clear_error() -> None:
    with pytest.raises(FontError) as err:
        FontBook({"body": ["方正小标宋简体", "No Such Font"]}, catalog=[])
    assert "方正小标宋简体" in err.value.message("zh") and "body" in err.value.message("en")


def test_fc_list_parsing_handles_localized_names_and_skips_type1() -> None:
    out = (
        f"{WQY}\t0\tWenQuanYi Zen Hei,文泉驛正黑,文泉驿正黑\tWenQuanYi Zen Hei\tWenQuanYiZenHei\tRegular\t100\t0\tTrueType"
        "\ten,zh-tw,zh-cn\n"
        "/x/C059-Roman.pfb\t0\tC059\tC059 Roman\tC059-Roman\tRoman\t80\t0\tType 1\n"
        "/x/Var.ttf\t65537\tVar\tVar Bold\tVar-Bold\tBold\t200\t0\tTrueType\n"
        "/x/Comma.otf\t0\tA\\, B\tA\\, B\tAB\tBold,Negreta\t[200 210]\t100\tCFF\n"
    )
    entries = parse_fc_list(out)
    assert [e.path for e in entries] == sorted(["/x/Comma.otf", WQY])
    comma, wqy = sorted(entries, key=lambda e: e.path.startswith("/usr"))
    assert comma.families == ("A, B",) and comma.cff and comma.weight == 700 and comma.italic
    assert comma.style == "Bold"
    assert (
        wqy.families == ("WenQuanYi Zen Hei", "文泉驿正黑", "文泉驛正黑")
        and wqy.weight == 500
        and not wqy.cff
    )
    assert fonts.face_ref(wqy).family == "文泉驿正黑"  # shown to editors in simplified Chinese


@needs_fonts
def test_name_table_reading_gives_chinese_names() -> None:
    faces = read_face_names(WQY)
    assert len(faces) == 3
    assert "文泉驿正黑" in faces[0].families and faces[0].psname == "WenQuanYiZenHei"
    noto = read_face_names(NOTO_SERIF)
    assert noto[2].families[0].startswith("Noto Serif CJK SC") and noto[2].cff


@needs_fonts
def test_windows_discovery_with_fake_folder_and_registry(tmp_path) -> None:
    windir = tmp_path / "Windows" / "Fonts"
    windir.mkdir(parents=True)
    os.symlink(WQY, windir / "wqy-zenhei.ttc")
    user = tmp_path / "user-fonts"
    user.mkdir()
    os.symlink(UMING, user / "uming.ttc")

    def registry():
        return [
            ("文泉驿正黑 & 文泉驿等宽正黑 (TrueType)", "wqy-zenhei.ttc"),
            ("AR PL UMing (TrueType)", str(user / "uming.ttc")),  # per-user install, absolute path
            ("Gone (TrueType)", "missing.ttf"),
        ]

    files = windows_font_files(str(windir), registry, local_dir=str(tmp_path / "none"))
    assert sorted(os.path.basename(f) for f in files) == ["uming.ttc", "wqy-zenhei.ttc"]
    index = tmp_path / "cache" / "font-index.json"
    cat = scan_files(files, index)
    assert index.exists()
    assert find_face("文泉驿正黑", cat).path.endswith("wqy-zenhei.ttc")
    assert find_face("AR PL UMing CN", cat).index == 0
    # the second scan is answered from the index without reopening the files
    calls = []
    orig = fonts.read_face_names
    fonts.read_face_names = lambda p: calls.append(p) or orig(p)
    try:
        again = scan_files(files, index)
    finally:
        fonts.read_face_names = orig
    assert again == cat and calls == []
    book = FontBook({"heading1": ["黑体", "文泉驿正黑"]}, catalog=cat)
    assert book.face_for("heading1", "黑").id == "WenQuanYiZenHei"
    # registry display names become names too: "正黑体 & 等宽正黑 & 点阵正黑" name faces 0, 1, 2
    named = fonts.windows_faces(
        str(windir),
        lambda: [("正黑体 & 等宽正黑 & 点阵正黑 (TrueType)", "wqy-zenhei.ttc")],
        local_dir=str(tmp_path / "none"),
        index_file=index,
    )
    assert find_face("等宽正黑", named).index == 1
    assert find_face("正黑体", named).index == 0


@needs_fonts
def test_mac_and_linux_folder_lists(tmp_path) -> None:
    assert fonts.mac_font_dirs(str(tmp_path))[-1] == str(tmp_path / "Library" / "Fonts")
    d = tmp_path / "fonts" / "sub"
    d.mkdir(parents=True)
    os.symlink(WQY, d / "a.TTC")
    (d / "readme.txt").write_text("x")
    assert fonts.font_files_in([tmp_path / "fonts"]) == [str(d / "a.TTC")]


def test_damaged_font_file_is_reported(tmp_path) -> None:
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 20)
    assert scan_files([str(bad)]) == []
    from layout.display import FaceRef

    with pytest.raises(FontError) as err:
        face_metrics(FaceRef("bad", str(bad)))
    assert "bad.ttf" in err.value.message("zh")


@needs_fonts
@pytest.mark.parametrize("platform", ["win32", "darwin", "linux-without-fontconfig"])
def test_installed_faces_on_each_platform(platform, tmp_path, monkeypatch) -> None:
    """The discovery branch of each system, run here on fake folders holding real font files."""
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("GAZETTE_FONT_PATH", raising=False)
    monkeypatch.setattr(fonts.CACHE, "catalogs", Store())
    system = tmp_path / "system-fonts"
    system.mkdir()
    os.symlink(WQY, system / "wqy-zenhei.ttc")
    if platform == "win32":
        monkeypatch.setattr(catalog.sys, "platform", "win32")
        monkeypatch.setenv("WINDIR", str(tmp_path))
        (tmp_path / "Fonts").symlink_to(system, target_is_directory=True)
        monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
        monkeypatch.setattr(catalog, "_winreg_fonts", lambda: [("AR PL UMing (TrueType)", UMING)])
    elif platform == "darwin":
        monkeypatch.setattr(catalog.sys, "platform", "darwin")
        monkeypatch.setattr(catalog, "mac_font_dirs", lambda: [str(system)])
    else:
        monkeypatch.setattr(catalog.sys, "platform", "linux")
        monkeypatch.setattr(catalog, "fontconfig_faces", lambda: None)
        monkeypatch.setattr(catalog, "linux_font_dirs", lambda: [str(system)])
    extra = tmp_path / "issue-fonts"
    extra.mkdir()
    os.symlink(UKAI := "/usr/share/fonts/truetype/arphic/ukai.ttc", extra / "ukai.ttc")
    monkeypatch.setenv("GAZETTE_FONT_PATH", str(extra))
    cat = installed_faces()
    assert fonts.installed_faces() is cat  # once per process
    paths = {os.path.realpath(e.path) for e in cat}
    assert WQY in paths and UKAI in paths
    assert (UMING in paths) == (platform == "win32")  # the registry names a file outside the folder
    book = FontBook({"heading1": ["黑体", "文泉驿正黑"], "heading2": ["楷体", "AR PL UKai CN"]}, catalog=cat)
    assert (
        book.face_for("heading1", "黑").family == "文泉驛正黑"
        or "文泉" in book.face_for("heading1", "黑").family
    )
    assert book.face_for("heading2", "楷").id == "UKaiCN"
    assert (tmp_path / "cache" / "font-index.json").exists()
    fonts.forget_installed_faces()
    assert fonts.CACHE.catalogs == {}


def test_unresolved_names_and_duplicate_postscript_names() -> None:
    a = fonts.CatalogEntry("/a/x.ttf", 0, ("仿宋",), ("仿宋",), "FangSong", "Regular", 400, False, False)
    b = fonts.CatalogEntry(
        "/b/x.ttf", 0, ("FangSong Copy",), ("FangSong Copy",), "FangSong", "Regular", 400, False, False
    )
    book = FontBook({"body": ["仿宋_GB2312", "仿宋"], "note": ["FangSong Copy", "仿宋"]}, catalog=[a, b])
    assert book.unresolved == {"body": ["仿宋_GB2312"]}
    body, note = book.chain("body"), book.chain("note")
    assert [f.path for f in body] == ["/a/x.ttf"] and [f.path for f in note] == ["/b/x.ttf", "/a/x.ttf"]
    assert note[1] is body[0]  # one FaceRef per file, whichever role found it first
    assert len({f.id for f in book.faces.values()}) == 2 == len(book.faces)
    assert fonts.family_names([a, b]) == ["仿宋", "FangSong Copy"]


@needs_fonts
def test_family_names_offers_localized_names() -> None:
    names = fonts.family_names()
    assert "文泉驿正黑" in names and "Noto Serif CJK SC" in names
    assert names.index("文泉驿正黑") < names.index("Noto Serif CJK SC")


def _prc_font(path) -> None:
    """A tiny TrueType font whose only character map is Windows PRC (GB codes), like old GB fonts."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    fb = FontBuilder(1000, isTTF=True)
    names = [".notdef", "gong", "bao"]
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({})
    glyphs = {}
    for i, n in enumerate(names):
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 700 + 50 * i))
        pen.lineTo((900, 700 + 50 * i))
        pen.lineTo((900, 0))
        pen.closePath()
        glyphs[n] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "旧仿宋GB", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120, fsType=0)
    fb.setupPost()
    sub = CmapSubtable.newSubtable(4)
    sub.platformID, sub.platEncID, sub.language = 3, 3, 0
    sub.cmap = {
        int.from_bytes("公".encode("gbk"), "big"): "gong",
        int.from_bytes("报".encode("gbk"), "big"): "bao",
    }
    fb.font["cmap"].tables = [sub]
    fb.save(str(path))


def test_font_with_only_a_gb_character_map(tmp_path) -> None:
    import io

    import pdfplumber

    from layout.display import Book, GlyphRun, Page
    from layout.pdf import write_pdf

    _prc_font(tmp_path / "oldgb.ttf")
    cat = scan_files([str(tmp_path / "oldgb.ttf")])
    book = FontBook({"body": ["旧仿宋GB"]}, catalog=cat)
    face = book.face_for("body", "公")
    assert face is not None and book.face_for("body", "报") is face and book.face_for("body", "文") is None
    assert book.advance(face.id, "公") == 1.0
    assert dict(face_metrics(face).cmap.items()) == {ord("公"): 1, ord("报"): 2}
    run = GlyphRun((72.0, 88.0), 100.0, "公报", face.id, 16.0)
    data = write_pdf(Book([Page(595.0, 842.0, [run])], dict(book.faces)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "".join(c["text"] for c in pdf.pages[0].chars) == "公报"


def test_a_deflate_on_its_own_thread_gives_zlib_level_6_and_its_errors() -> None:
    """A new subset's program is deflated on a thread (embed.Deflated): its bytes are level 6 as
    the PDF has always had them, what runs after them sees them, and a failure is raised where the
    bytes are asked for, not lost on the thread."""
    import pickle
    import zlib

    from layout.fonts.embed import Deflated

    program = "公报排版 Gazette Press ".encode() * 4000
    seen: list[bytes] = []
    made = Deflated.pending()
    made.start(program, then=lambda: seen.append(made.bytes()))
    assert made.bytes() == zlib.compress(program, 6)
    assert seen == [made.bytes()]  # `then` ran on the thread, with the bytes already there
    assert made == Deflated(zlib.compress(program, 6))
    assert pickle.loads(pickle.dumps(made)) == made
    broken = Deflated.pending()
    broken.start("not bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        broken.bytes()


def test_a_deflate_without_a_thread_to_run_on_is_done_at_once(monkeypatch) -> None:
    """A process that may start no more threads still gets its subsets: the deflate runs where
    it is asked for."""
    import threading
    import zlib

    from layout.fonts.embed import Deflated

    def refused(self) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refused)
    made = Deflated.pending()
    made.start(b"abc" * 1000)
    assert made.bytes() == zlib.compress(b"abc" * 1000, 6)
