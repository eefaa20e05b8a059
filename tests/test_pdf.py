"""The PDF writer, checked by reading its output back with pdfplumber, pypdf and poppler.

Books are built by hand from FontBook measurements, so these tests need no layout engine.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from layout import fonts as fonts_mod
from layout.display import Book, Box, GlyphRun, Link, OutlineEntry, Page, Picture, Rule
from layout.errors import LayoutError
from layout.fonts import FontBook, embeddable_font, standalone_face_bytes
from layout.fonts import embed as fonts_embed
from layout.fonts.cache import Store
from layout.fonts.sfnt import SfntReader
from layout.pdf import MM, PageStreams, write_pdf

NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"
pytestmark = pytest.mark.skipif(
    not (os.path.exists(NOTO_SERIF) and os.path.exists(UMING)), reason="reference CJK fonts not installed"
)

W, H = 595.2756, 841.8898


@pytest.fixture(scope="module")
def fb() -> FontBook:
    return FontBook(
        {
            "body": ["仿宋_GB2312", "Noto Serif CJK SC"],  # CFF collection face
            "ming": ["AR PL UMing CN", "Noto Serif CJK SC"],  # TrueType collection face, CFF fallback
            "hei": ["文泉驿正黑", "Noto Sans CJK SC"],
        }
    )


def make_run(fb: FontBook, text: str, x0: float, y: float, role: str, size: float, spread=0.0, key=None):
    """Runs of one face, x from the face's advances plus `spread` (a float or one gap per character)."""
    runs, xs, face, cur = [], [], None, ""
    x = x0
    for i, ch in enumerate(text):
        f = fb.face_for(role, ch)
        assert f is not None, ch
        if face is not None and f.id != face:
            runs.append(GlyphRun(tuple(xs), y, cur, face, size, key=key))
            xs, cur = [], ""
        face = f.id
        xs.append(x)
        cur += ch
        x += fb.advance(f.id, ch) * size + (spread[i] if isinstance(spread, list) else spread)
    runs.append(GlyphRun(tuple(xs), y, cur, face, size, key=key))
    return runs


def sample_book(fb: FontBook) -> Book:
    jitter = [0.37, 0.37, 0.5, 0.37, 0.37, -0.8, 0.37, 0.37, 0.37, 0.37, 0.37, 0.37, 0.37, 0.37]
    cover = Page(
        W,
        H,
        [
            *make_run(fb, "葫芦岛市人民政府公报", 100, 120, "body", 26),
            *make_run(fb, "2018年第2期（总第51期）", 150, 160, "body", 14),
            *make_run(fb, "关于印发《葫芦岛市办法》的通知", 72, 220, "ming", 12, jitter + [0.2] * 10),
            *make_run(fb, "文泉驿正黑体 ABC 123", 72, 250, "hei", 10.5, 1.25),
            Rule(72, 260, 523, 260, 1.0),
            Box(72, 300, 200, 80, 0.5, (0.95, 0.95, 0.95)),
            Link(72, 208, 300, 16, 2),
        ],
        folio=None,
        label="",
    )
    p2 = Page(W, H, [*make_run(fb, "市政府文件第一篇", 72, 100, "body", 16)], folio=2, label="2", flow="d1")
    p3 = Page(W, H, [*make_run(fb, "市政府文件第二篇", 72, 100, "body", 16)], folio=3, label="3", flow="d2")
    p4 = Page(W, H, [*make_run(fb, "第四页", 72, 100, "ming", 16)], folio=4, label="4", flow="d2")
    return Book(
        [cover, p2, p3, p4],
        dict(fb.faces),
        [
            OutlineEntry("市政府文件", 1, 0),
            OutlineEntry("关于第一篇的通知", 1, 1),
            OutlineEntry("第二篇", 2, 1),
        ],
        {"d1": 1, "d2": 2},
        title="葫芦岛市人民政府公报",
        subject="2018年第2期",
        author="葫芦岛市人民政府办公室",
    )


@pytest.fixture(scope="module")
def book(fb) -> Book:
    FACES.update(fb.faces)
    return sample_book(fb)


@pytest.fixture(scope="module")
def pdf_bytes(book) -> bytes:
    return write_pdf(book)


def book_fonts_advance(face_id: str, ch: str) -> float:
    m = fonts_mod.face_metrics(FACES[face_id])
    return m.advance_units(m.cmap[ord(ch)]) / m.upem


FACES: dict = {}


def runs_of(page: Page) -> list[GlyphRun]:
    return [it for it in page.items if isinstance(it, GlyphRun)]


def test_text_round_trips_with_exact_positions_and_sizes(book, pdf_bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page, ppage in zip(book.pages, pdf.pages, strict=True):
            want = [(ch, x, r.y, r.size) for r in runs_of(page) for ch, x in zip(r.text, r.x, strict=True)]
            got = ppage.chars
            assert "".join(c["text"] for c in got) == "".join(w[0] for w in want)
            for w, c in zip(want, got, strict=True):
                assert abs(c["x0"] - w[1]) < 0.05, (w, c["x0"])
                assert abs(c["size"] - w[3]) < 0.01
            # x1 = x0 + the face's advance: the widths in the file are the ones layout measured
            faces = [r.face for r in runs_of(page) for _ in r.text]
            for c, (ch, _x, _y, size), face in zip(got, want, faces, strict=True):
                assert c["x1"] - c["x0"] == pytest.approx(size * book_fonts_advance(face, ch), abs=0.01)
        lines = pdf.pages[0].extract_text().splitlines()
    assert lines[:3] == ["葫芦岛市人民政府公报", "2018年第2期（总第51期）", "关于印发《葫芦岛市办法》的通知"]


def test_baselines_are_where_layout_put_them(book, pdf_bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        page = pdf.pages[0]
        for r in runs_of(book.pages[0]):
            c = next(c for c in page.chars if c["text"] == r.text[0] and abs(c["x0"] - r.x[0]) < 0.05)
            # pdfplumber's bottom is baseline + descent; the baseline is the text matrix y
            assert abs((H - c["matrix"][5]) - r.y) < 0.01


def test_every_font_is_an_embedded_cid_subset(book, pdf_bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    seen = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            font = ref.get_object()
            assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
            cid = font["/DescendantFonts"][0].get_object()
            desc = cid["/FontDescriptor"].get_object()
            base = str(font["/BaseFont"]).lstrip("/")
            if "Noto" in base:  # CFF: the CID-keyed CFF program itself, nothing converted
                assert cid["/Subtype"] == "/CIDFontType0" and "/CIDToGIDMap" not in cid
                assert "/FontFile2" not in desc
                assert desc["/FontFile3"].get_object()["/Subtype"] == "/CIDFontType0C"
            else:  # TrueType
                assert cid["/Subtype"] == "/CIDFontType2" and cid["/CIDToGIDMap"] == "/Identity"
                assert "/FontFile2" in desc and desc["/FontFile2"].get_object()["/Length1"] > 0
            assert base[6] == "+" and base[:6].isupper()
            assert "/ToUnicode" in font
            seen[name] = base
    assert len(seen) == 3  # one PDF font per face: Noto (CFF), UMing, WenQuanYi (TrueType)
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", "-"], input=pdf_bytes, capture_output=True, check=True).stdout
        rows = out.decode().splitlines()[2:]
        assert len(rows) == 3 and all(" yes yes yes " in r for r in rows), rows
        assert sum("CID Type 0C" in r for r in rows) == 1 and sum("CID TrueType" in r for r in rows) == 2


def test_embedded_truetype_program_is_a_valid_truetype_font(fb) -> None:
    from fontTools.ttLib import TTFont

    emb = embeddable_font(fb.faces["UMingCN"], "公报（）A1𠮷")
    assert not emb.cff
    tt = TTFont(io.BytesIO(emb.program))
    assert "glyf" in tt and "CFF " not in tt
    cmap = tt.getBestCmap()
    for ch, gid in emb.gids.items():
        assert tt.getGlyphID(cmap[ord(ch)]) == gid
        assert tt["glyf"][tt.getGlyphName(gid)].numberOfContours != 0, ch
    assert "𠮷" not in emb.gids  # only in Noto: UMing leaves it out rather than mapping it to .notdef


def _load_cff(program: bytes):
    from fontTools.cffLib import CFFFontSet

    cff = CFFFontSet()
    cff.decompile(io.BytesIO(program), None)
    return cff


def test_cff_face_is_embedded_as_a_cid_keyed_cff_of_the_used_glyphs_only(fb) -> None:
    """The program is a CID-keyed CFF (CID = glyph id, Adobe-Identity-0) holding .notdef and one glyph per
    character, each drawing exactly the source glyph's outline, with no subroutines left to call."""
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    face = fb.faces["NotoSerifCJKsc-Regular"]
    chars = "公报（）A1𠮷永国，"
    emb = embeddable_font(face, chars)
    assert emb.cff and set(emb.gids) == set(chars)
    cff = _load_cff(emb.program)
    top = cff.topDictIndex[0]
    assert top.ROS == ("Adobe", "Identity", 0)
    assert len(top.CharStrings) == len(chars) + 1 == top.CIDCount  # 65 535 in the face
    assert top.charset == [".notdef"] + [f"cid{k:05d}" for k in range(1, len(chars) + 1)]
    assert len(cff.GlobalSubrs) == 0
    assert all(not hasattr(fd.Private, "Subrs") for fd in top.FDArray)
    source = TTFont(face.path, fontNumber=face.index, lazy=True)
    outlines = source["CFF "].cff.topDictIndex[0].CharStrings
    cmap = source.getBestCmap()
    for ch, gid in emb.gids.items():
        ours, theirs = RecordingPen(), RecordingPen()
        top.CharStrings[f"cid{gid:05d}"].draw(ours)
        outlines[cmap[ord(ch)]].draw(theirs)
        assert ours.value == theirs.value and ours.value, ch
    assert len(emb.program) < 20_000  # the source CFF is ~18 MB


def test_desubroutinized_glyphs_match_the_source_across_the_face(fb) -> None:
    """Glyphs from every part of a 65 535-glyph face (every Font DICT, hint masks, nested and global
    subroutines) draw the same outline after flattening as the source glyph does."""
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    from layout.fonts.cff import CffFace, cid_subset

    face = fb.faces["NotoSerifCJKsc-Regular"]
    r = SfntReader(face.path)
    ours = CffFace(face.path, *r.tables(face.index)["CFF "])
    r.close()
    first_of_fd: dict[int, int] = {}
    for gid in range(ours.glyph_count):
        first_of_fd.setdefault(ours.fd_of(gid), gid)
    gids = sorted({0, *range(1, ours.glyph_count, 97), *first_of_fd.values()})
    got = ours.charstrings(gids)
    assert len({fd for fd, _cs in got.values()}) == len(ours.fds) > 10
    program = cid_subset(ours, "Test", [got[g] for g in gids], sorted({fd for fd, _cs in got.values()}))
    top = _load_cff(program).topDictIndex[0]
    source = TTFont(face.path, fontNumber=face.index, lazy=True)
    outlines = source["CFF "].cff.topDictIndex[0].CharStrings
    order = source.getGlyphOrder()
    for k, gid in enumerate(gids):
        a, b = RecordingPen(), RecordingPen()
        top.CharStrings[top.charset[k]].draw(a)
        outlines[order[gid]].draw(b)
        assert a.value == b.value, gid


def test_name_keyed_cff_face_becomes_a_cid_keyed_subset(tmp_path) -> None:
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    book = FontBook({"latin": ["Nimbus Sans", "P052"]})
    face = book.chain("latin")[0]
    if not face.cff:
        pytest.skip("no name-keyed CFF face installed")
    emb = embeddable_font(face, "Afé&")
    top = _load_cff(emb.program).topDictIndex[0]
    assert top.ROS == ("Adobe", "Identity", 0) and len(top.FDArray) == 1
    source = TTFont(face.path)
    outlines, cmap = source["CFF "].cff.topDictIndex[0].CharStrings, source.getBestCmap()
    for ch, gid in emb.gids.items():
        a, b = RecordingPen(), RecordingPen()
        top.CharStrings[f"cid{gid:05d}"].draw(a)
        outlines[cmap[ord(ch)]].draw(b)
        assert a.value == b.value, ch
    data = write_pdf(Book([Page(W, H, make_run(book, "Afé&", 72, 100, "latin", 24))], dict(book.faces)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "".join(c["text"] for c in pdf.pages[0].chars) == "Afé&"


@pytest.mark.skipif(not shutil.which("gs"), reason="ghostscript not installed")
def test_ghostscript_renders_the_cff_subsets_without_complaint(book, pdf_bytes, tmp_path) -> None:
    (tmp_path / "s.pdf").write_bytes(pdf_bytes)
    r = subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", str(tmp_path / "s.pdf")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0 and not r.stdout.strip() and not r.stderr.strip(), (r.stdout, r.stderr)


def test_text_extracts_from_cff_subsets_with_pypdfium2_and_pdftotext(fb, tmp_path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    text = "葫芦岛市人民政府公报𠮷"
    runs = make_run(fb, text, 72, 100, "body", 16)
    assert {r.face for r in runs} == {"NotoSerifCJKsc-Regular"}
    data = write_pdf(Book([Page(W, H, runs)], dict(fb.faces)))
    doc = pdfium.PdfDocument(data)
    assert doc[0].get_textpage().get_text_range().strip() == text
    if shutil.which("pdftotext"):
        (tmp_path / "t.pdf").write_bytes(data)
        out = subprocess.run(
            ["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True, text=True
        ).stdout
        assert out.strip() == text


def test_same_book_same_bytes_even_with_cold_caches(book, pdf_bytes, tmp_path, monkeypatch) -> None:
    assert write_pdf(book) == pdf_bytes
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts_mod.CACHE, "embedded", Store())
    monkeypatch.setattr(fonts_mod.CACHE, "sources", Store())
    assert write_pdf(book) == pdf_bytes


def test_an_empty_cache_converts_no_outlines(book, pdf_bytes, tmp_path, monkeypatch) -> None:
    """A first build (empty cache, fresh process state) embeds the CFF face without converting a glyph
    and without loading it through fontTools; it stores only finished subsets."""
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "cache"))
    for store in ("embedded", "sources"):
        monkeypatch.setattr(fonts_mod.CACHE, store, Store())

    def refuse(*args, **kwargs):
        raise AssertionError("outlines converted or the face loaded with fontTools")

    import fontTools.ttLib

    monkeypatch.setattr(fonts_embed._ConvertedSource, "glyphs", refuse)
    monkeypatch.setattr(fontTools.ttLib, "TTFont", refuse)
    assert write_pdf(book) == pdf_bytes
    assert not (tmp_path / "cache" / "glyphs").exists()
    assert len(list((tmp_path / "cache" / "subsets").glob("*.bin"))) == 3


SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "hld-2018-02.txt"
FIRST_BUILD_PROBE = """
import json, runpy, sys
sys.argv = ["main.py", "build", sys.argv[1], "-o", sys.argv[2]]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit as e:
    assert not e.code, e.code
print(json.dumps(sorted(m for m in sys.modules if m.startswith("fontTools"))))
"""


@pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")
def test_a_first_build_neither_converts_outlines_nor_loads_a_face_with_fonttools(tmp_path) -> None:
    """The reference issue's CLI build with an empty cache folder: every face (all CFF) embedded as
    CIDFontType0C, no glyph converted or cached, no face opened with fontTools' TTFont."""
    cache, out = tmp_path / "cache", tmp_path / "ref.pdf"
    r = subprocess.run(
        [sys.executable, "-c", FIRST_BUILD_PROBE, str(SEED), str(out)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_PRESS_CACHE": str(cache), "GAZETTE_LANG": "en"},
    )
    assert r.returncode == 0, r.stderr
    loaded = json.loads(r.stdout.strip().splitlines()[-1])
    assert not {"fontTools.ttLib", "fontTools.pens.cu2quPen", "fontTools.cffLib"} & set(loaded), loaded
    assert not (cache / "glyphs").exists()
    reader = pypdf.PdfReader(out)
    kinds = {
        str(f.get_object()["/BaseFont"])[8:]: f.get_object()["/DescendantFonts"][0].get_object()["/Subtype"]
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert len(kinds) == 5 and set(kinds.values()) == {"/CIDFontType0"}, kinds
    assert len(list((cache / "subsets").glob("*.bin"))) == 5


def test_ink_of_a_cff_glyph_is_read_without_loading_the_face(fb, monkeypatch) -> None:
    from layout.ink import outline_ink

    face = fb.faces["NotoSerifCJKsc-Regular"]
    want = {ch: outline_ink(face.path, face.index, ch) for ch in "—国，"}
    assert all(want.values())
    ming = fb.faces["UMingCN"]  # TrueType: measured on the loaded face, as before
    assert fonts_mod.glyph_ink(ming, "国") == outline_ink(ming.path, ming.index, "国") is not None

    def refuse(*args, **kwargs):
        raise AssertionError("face loaded with fontTools")

    import fontTools.ttLib

    monkeypatch.setattr(fontTools.ttLib, "TTFont", refuse)
    monkeypatch.setattr(fonts_mod.CACHE, "sources", Store())
    assert {ch: fonts_mod.glyph_ink(face, ch) for ch in want} == want  # the same floats
    assert fonts_mod.glyph_ink(face, "\uffff") is None


def test_a_font_update_invalidates_only_its_own_subset(fb, tmp_path, monkeypatch) -> None:
    from dataclasses import replace

    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts_mod.CACHE, "embedded", Store())
    copy = tmp_path / "serif.otf"
    copy.write_bytes(standalone_face_bytes(fb.faces["NotoSerifCJKsc-Regular"]))
    faces = dict(fb.faces)
    faces["NotoSerifCJKsc-Regular"] = replace(faces["NotoSerifCJKsc-Regular"], path=str(copy), index=0)
    runs = make_run(fb, "公报", 72, 100, "body", 16) + make_run(fb, "公报", 72, 200, "ming", 16)
    assert {r.face for r in runs} == {"NotoSerifCJKsc-Regular", "UMingCN"}
    page_book = Book([Page(W, H, runs)], faces)
    first = write_pdf(page_book)
    assert len(list((tmp_path / "cache" / "subsets").glob("*.bin"))) == 2
    os.utime(copy, ns=(copy.stat().st_atime_ns, copy.stat().st_mtime_ns + 10**9))  # the font is updated
    monkeypatch.setattr(fonts_mod.CACHE, "embedded", Store())
    assembled = []
    real = fonts_embed._assemble
    monkeypatch.setattr(
        fonts_embed, "_assemble", lambda face, *a: assembled.append(face.path) or real(face, *a)
    )
    assert write_pdf(page_book) == first
    assert assembled == [str(copy)]  # UMing's stored subset still answers


def test_stored_subsets_are_reused_and_damage_is_harmless(book, pdf_bytes, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts_mod.CACHE, "embedded", Store())
    write_pdf(book)
    stored = sorted((tmp_path / "cache" / "subsets").glob("*.bin"))
    assert len(stored) == 3
    monkeypatch.setattr(fonts_mod.CACHE, "embedded", Store())

    def no_assembly(*args):
        raise AssertionError("subset assembled again")

    with monkeypatch.context() as m:
        m.setattr(fonts_embed, "_assemble", no_assembly)
        assert write_pdf(book) == pdf_bytes
    stored[0].write_bytes(b"damaged")
    stored[1].write_bytes(stored[1].read_bytes()[:100])
    monkeypatch.setattr(fonts_mod.CACHE, "embedded", Store())
    assert write_pdf(book) == pdf_bytes


def test_stored_subsets_are_embedded_without_inflating_and_a_changed_byte_is_caught(
    book, pdf_bytes, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("GAZETTE_PRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts_mod.CACHE, "embedded", Store())
    write_pdf(book, streams=PageStreams())
    stored = sorted((tmp_path / "cache" / "subsets").glob("*.bin"))
    monkeypatch.setattr(fonts_mod.CACHE, "embedded", Store())
    assert write_pdf(book, streams=PageStreams()) == pdf_bytes
    loaded = [v for _k, v in fonts_mod.CACHE.embedded.items()]
    assert loaded and all("program" not in vars(font) for font in loaded)  # never inflated
    assert all(len(font.program) == font.size for font in loaded)
    # one byte of a stored program changed: the checksum refuses it and the subset is made again
    data = bytearray(stored[0].read_bytes())
    data[len(data) // 2] ^= 0xFF
    stored[0].write_bytes(bytes(data))
    monkeypatch.setattr(fonts_mod.CACHE, "embedded", Store())
    assert write_pdf(book, streams=PageStreams()) == pdf_bytes


def test_trim_bleed_and_crop_marks(book) -> None:
    plain = pypdf.PdfReader(io.BytesIO(write_pdf(book))).pages[0]
    assert [float(v) for v in plain.trimbox] == pytest.approx([0, 0, W, H], abs=1e-3)
    assert [float(v) for v in plain.mediabox] == pytest.approx([0, 0, W, H], abs=1e-3)
    data = write_pdf(book, bleed_mm=3, crop_marks=True)
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    m = 3 * MM + 5 * MM + 1 * MM
    assert [float(v) for v in page.trimbox] == pytest.approx([m, m, m + W, m + H], abs=1e-3)
    b = 3 * MM
    assert [float(v) for v in page.bleedbox] == pytest.approx([m - b, m - b, m + W + b, m + H + b], abs=1e-3)
    assert [float(v) for v in page.mediabox] == pytest.approx([0, 0, W + 2 * m, H + 2 * m], abs=1e-3)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        p = pdf.pages[0]
        # two marks per corner in registration colour, all outside the bleed box, on the trim lines
        marks = [
            ln
            for ln in p.lines
            if isinstance(ln["stroking_color"], tuple | list) and tuple(ln["stroking_color"]) == (1, 1, 1, 1)
        ]
        assert len(marks) == 8
        for ln in marks:
            outside_x = ln["x1"] <= m - b + 0.01 or ln["x0"] >= m + W + b - 0.01
            outside_y = min(ln["y0"], ln["y1"]) >= m + H + b - 0.01 or max(ln["y0"], ln["y1"]) <= m - b + 0.01
            assert outside_x or outside_y
            on_trim = {round(ln["x0"], 2), round(ln["y0"], 2)} & {round(v, 2) for v in (m, m + W, m + H)}
            assert on_trim
        # content moved by the margin: the first character keeps its place on the trimmed page
        first = book.pages[0].items[0]
        assert abs(p.chars[0]["x0"] - (first.x[0] + m)) < 0.05


def test_empty_book_is_a_clear_error() -> None:
    with pytest.raises(LayoutError) as err:
        write_pdf(Book([], {}))
    assert "没有可输出的页面" in err.value.message("zh")


def test_bleed_without_marks() -> None:
    book = Book([Page(W, H)], {})
    page = pypdf.PdfReader(io.BytesIO(write_pdf(book, bleed_mm=3))).pages[0]
    assert float(page.mediabox.width) == pytest.approx(W + 6 * MM, abs=1e-3)
    assert float(page.trimbox.left) == pytest.approx(3 * MM, abs=1e-3)


def test_metadata_labels_outline_and_links(pdf_bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    meta = reader.metadata
    assert (meta.title, meta.subject, meta.author) == (
        "葫芦岛市人民政府公报",
        "2018年第2期",
        "葫芦岛市人民政府办公室",
    )
    assert reader.page_labels == ["", "2", "3", "4"]
    top, children = reader.outline
    assert top.title == "市政府文件" and reader.get_destination_page_number(top) == 1
    assert [c.title for c in children] == ["关于第一篇的通知", "第二篇"]
    assert [reader.get_destination_page_number(c) for c in children] == [1, 2]
    annots = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert len(annots) == 1 and annots[0]["/Subtype"] == "/Link"
    dest = annots[0]["/Dest"]
    assert reader.get_page_number(dest[0].get_object() if hasattr(dest[0], "get_object") else dest[0]) == 2
    x0, y0, x1, y1 = (float(v) for v in annots[0]["/Rect"])
    assert (x0, y0, x1, y1) == pytest.approx((72, H - 224, 372, H - 208), abs=1e-3)


def test_non_numeric_and_restarting_labels(fb) -> None:
    pages = [Page(W, H, label=lbl) for lbl in ("", "封二", "1", "2", "3", "7", "8", "")]
    reader = pypdf.PdfReader(io.BytesIO(write_pdf(Book(pages, {}))))
    assert reader.page_labels == ["", "封二", "1", "2", "3", "7", "8", ""]


def test_rules_boxes_and_colours(book, pdf_bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        p = pdf.pages[0]
        rule = next(ln for ln in p.lines if abs(ln["top"] - 260) < 0.01)
        assert rule["x0"] == pytest.approx(72) and rule["x1"] == pytest.approx(523)
        assert rule["linewidth"] == pytest.approx(1.0)
        rect = p.rects[0]
        assert (rect["x0"], rect["top"], rect["width"], rect["height"]) == pytest.approx((72, 300, 200, 80))
        assert rect["fill"] and tuple(rect["non_stroking_color"]) == pytest.approx((0.95, 0.95, 0.95))


def test_coloured_text_and_pictures(fb, tmp_path) -> None:
    from PIL import Image

    img = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(img, "PNG")
    run = make_run(fb, "红头", 72, 100, "body", 20)[0]
    red = GlyphRun(run.x, run.y, run.text, run.face, run.size, (0.8, 0.0, 0.0))
    book = Book([Page(W, H, [red, Picture(100, 200, 80, 40, img.getvalue())])], dict(fb.faces))
    data = write_pdf(book)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        p = pdf.pages[0]
        assert tuple(p.chars[0]["non_stroking_color"]) == pytest.approx((0.8, 0, 0))
        im = p.images[0]
        assert (im["x0"], im["top"], im["width"], im["height"]) == pytest.approx((100, 200, 80, 40))
    bad = Book([Page(W, H, [Picture(100, 200, 80, 40, b"not an image")])], {})
    with pytest.raises(LayoutError) as err:
        write_pdf(bad)
    assert "第 1 页" in err.value.message("zh")


def test_characters_the_face_lacks_are_not_drawn(fb) -> None:
    run = make_run(fb, "公报", 72, 100, "ming", 16)[0]
    # the layout reported U+20000 as missing; a run that still carries it must not draw a box
    odd = GlyphRun(run.x + (run.x[-1] + 16,), run.y, run.text + "\U00020000", run.face, run.size)
    data = write_pdf(Book([Page(W, H, [odd])], dict(fb.faces)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "".join(c["text"] for c in pdf.pages[0].chars) == "公报"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler not installed")
def test_cff_and_truetype_glyphs_render(fb, tmp_path) -> None:
    runs = make_run(fb, "国", 100, 200, "body", 100)  # Noto Serif: CFF subset
    runs += make_run(fb, "国", 300, 200, "ming", 100)  # UMing: TrueType copied
    (tmp_path / "g.pdf").write_bytes(write_pdf(Book([Page(W, H, runs)], dict(fb.faces))))
    subprocess.run(
        ["pdftoppm", "-r", "36", "-gray", "-singlefile", str(tmp_path / "g.pdf"), str(tmp_path / "g")],
        check=True,
    )
    from PIL import Image

    im = Image.open(tmp_path / "g.pgm")
    scale = 36 / 72

    def ink(x0):
        box = (int(x0 * scale), int(110 * scale), int((x0 + 100) * scale), int(210 * scale))
        return sum(1 for v in im.crop(box).tobytes() if v < 128)

    assert ink(100) > 100 and ink(300) > 100


def test_standalone_face_bytes_is_a_standalone_face(fb, tmp_path) -> None:
    from layout.display import FaceRef

    data = standalone_face_bytes(fb.faces["NotoSerifCJKsc-Regular"])
    assert data[:4] == b"OTTO"
    assert standalone_face_bytes(fb.faces["NotoSerifCJKsc-Regular"]) is data  # cached
    (tmp_path / "noto.otf").write_bytes(data)
    (tmp_path / "ming.ttf").write_bytes(standalone_face_bytes(fb.faces["UMingCN"]))
    noto = fonts_mod.read_face_names(str(tmp_path / "noto.otf"))
    ming = fonts_mod.read_face_names(str(tmp_path / "ming.ttf"))
    assert len(noto) == 1 and noto[0].psname == "NotoSerifCJKsc-Regular" and noto[0].cff
    assert len(ming) == 1 and ming[0].families[0] == "AR PL UMing CN" and not ming[0].cff
    m = fonts_mod.face_metrics(FaceRef("x", str(tmp_path / "noto.otf")))
    assert m.cmap.get(ord("公")) == fonts_mod.face_metrics(fb.faces["NotoSerifCJKsc-Regular"]).cmap.get(
        ord("公")
    )


def test_standalone_face_bytes_load_in_qt(fb) -> None:
    gui = pytest.importorskip("PySide6.QtGui")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    for face_id in ("NotoSerifCJKsc-Regular", "UMingCN"):
        raw = gui.QRawFont(standalone_face_bytes(fb.faces[face_id]), 16.0)
        assert raw.isValid() and raw.supportsCharacter("公"), face_id


def test_font_that_forbids_embedding_is_refused(fb, tmp_path) -> None:
    import struct

    from layout.display import FaceRef
    from layout.errors import FontError

    path = tmp_path / "restricted.ttf"
    data = bytearray(standalone_face_bytes(fb.faces["UMingCN"]))
    path.write_bytes(data)
    r = SfntReader(str(path))
    os2 = r.tables(0)["OS/2"][0]
    r.close()
    data[os2 + 8 : os2 + 10] = struct.pack(">H", 0x0002)
    path.write_bytes(data)
    face = FaceRef("Restricted", str(path), family="受限字体")
    with pytest.raises(FontError) as err:
        embeddable_font(face, "公")
    assert "受限字体" in err.value.message("zh") and "embedding" in err.value.message("en")


@pytest.mark.skipif(
    not os.path.exists("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"), reason="no DejaVu"
)
def test_composite_glyphs_bring_their_components(tmp_path) -> None:
    from fontTools.ttLib import TTFont

    book = FontBook({"latin": ["DejaVu Serif"]})
    face = book.chain("latin")[0]
    emb = embeddable_font(face, "éÅ")
    tt = TTFont(io.BytesIO(emb.program))
    glyf = tt["glyf"]
    e = glyf[tt.getGlyphName(emb.gids["é"])]
    assert e.isComposite()
    for comp in e.components:  # renumbered to glyphs inside the subset
        assert glyf[comp.glyphName].numberOfContours > 0
    assert len(e.getCoordinates(glyf)[0]) > 0
    assert "fpgm" in tt and "prep" in tt  # hinted glyphs keep the programs they call
    runs = make_run(book, "é", 100, 200, "latin", 100)
    data = write_pdf(Book([Page(W, H, runs)], dict(book.faces)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].chars[0]["text"] == "é"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler not installed")
def test_embedded_cff_outline_matches_the_original_glyph(fb, tmp_path) -> None:
    """Poppler drawing our CFF subset vs FreeType drawing the font file: same shape."""
    from PIL import Image, ImageDraw, ImageFont

    face = fb.face_for("body", "永")
    assert face.cff
    run = GlyphRun((50.0,), 250.0, "永", face.id, 200.0)
    (tmp_path / "y.pdf").write_bytes(write_pdf(Book([Page(300, 300, [run])], dict(fb.faces))))
    subprocess.run(
        ["pdftoppm", "-r", "72", "-gray", "-singlefile", str(tmp_path / "y.pdf"), str(tmp_path / "y")],
        check=True,
    )
    ours = Image.open(tmp_path / "y.pgm").tobytes()
    ref = Image.new("L", (300, 300), 255)
    ImageDraw.Draw(ref).text(
        (50, 250), "永", font=ImageFont.truetype(face.path, 200, index=face.index), fill=0, anchor="ls"
    )
    theirs = ref.tobytes()
    ink_ours = sum(1 for v in ours if v < 128)
    ink_theirs = sum(1 for v in theirs if v < 128)
    differ = sum(1 for a, b in zip(ours, theirs, strict=True) if (a < 128) != (b < 128))
    assert abs(ink_ours - ink_theirs) < 0.05 * ink_theirs
    assert differ < 0.15 * ink_theirs  # antialiased edges only; a wrong contour would differ by far more


def test_supplementary_plane_characters_round_trip(fb) -> None:
    runs = make_run(
        fb, "吉𠮷野家", 72, 100, "body", 16
    )  # U+20BB7 needs a format 12 cmap and a surrogate pair
    assert len(runs) == 1 and runs[0].face == "NotoSerifCJKsc-Regular"
    data = write_pdf(Book([Page(W, H, runs)], dict(fb.faces)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = pdf.pages[0].chars
        assert "".join(c["text"] for c in chars) == "吉𠮷野家"
        assert [round(c["x0"], 2) for c in chars] == [round(x, 2) for x in runs[0].x]


def test_identical_bytes_across_processes(pdf_bytes, tmp_path) -> None:
    """Hash randomisation and a cold cache in another process must not change a single byte."""
    import hashlib
    import sys

    script = (
        "import hashlib, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from tests.test_pdf import sample_book, FACES\n"
        "from layout.fonts import FontBook\n"
        "from layout.pdf import write_pdf\n"
        "fb = FontBook({'body': ['仿宋_GB2312', 'Noto Serif CJK SC'], 'ming': ['AR PL UMing CN', 'Noto Serif CJK SC'],"
        " 'hei': ['文泉驿正黑', 'Noto Sans CJK SC']})\n"
        "FACES.update(fb.faces)\n"
        "print(hashlib.sha256(write_pdf(sample_book(fb))).hexdigest())\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digests = set()
    for seed, cache in (("1", tmp_path / "a"), ("2", tmp_path / "b")):
        env = dict(os.environ, PYTHONHASHSEED=seed, GAZETTE_PRESS_CACHE=str(cache))
        out = subprocess.run([sys.executable, "-c", script, root], env=env, capture_output=True, check=True)
        digests.add(out.stdout.decode().strip())
    assert digests == {hashlib.sha256(pdf_bytes).hexdigest()}
