"""Print production: `build --print` gives PDF/X-1a in CMYK that the outside checkers accept,
padded for saddle stitching, with an imposition whose sheet order reads back right; the screen
PDF stays what it was. The outside checkers and gs/qpdf run as subprocesses."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pypdf
import pytest
from PIL import Image, ImageOps

from layout.errors import TemplateError
from layout.impose import saddle_order
from layout.template import load_template, template_from_dict
from tests.cli_run import run_cli
from tests.picture_issue import image_issue

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "hld-2018-02.txt"
EXPECT = SHARED / "seed" / "hld-2018-02.expect.json"
PDFX = SHARED / "checks" / "check_pdfx.py"
ISSUE_CHECK = SHARED / "checks" / "check_issue_pdf.py"


run = run_cli


def checker(script: Path, *args) -> tuple[int, str]:
    r = subprocess.run([sys.executable, str(script), *map(str, args)], capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The seed issue in print (default template, gbt9704, with bleed and marks) and screen."""
    tmp = tmp_path_factory.mktemp("print")
    out = {}
    for name, extra in {
        "print": ["--print", "--impose", "saddle"],
        "gbt": ["--print", "--template", "gbt9704"],
        "bleed": ["--print", "--bleed"],
        "screen": [],
    }.items():
        pdf = tmp / f"{name}.pdf"
        r = run("build", SEED, "-o", pdf, "--report", tmp / f"{name}.json", *extra)
        assert r.returncode == 0, r.stderr
        out[name] = (pdf, json.loads((tmp / f"{name}.json").read_text(encoding="utf-8")), r.stdout)
    return out


@pytest.mark.parametrize("name", ["print", "gbt", "bleed"])
def test_print_pdf_passes_the_outside_pdfx_check(builds, name):
    pdf = builds[name][0]
    code, text = checker(PDFX, pdf)
    assert code == 0, text
    assert "8/8 PDF/X-1a checks pass" in text


def test_print_pdf_still_passes_the_issue_checker(builds):
    code, text = checker(ISSUE_CHECK, builds["print"][0], EXPECT)
    assert code == 0, text
    assert "8/8 checks pass" in text


def test_screen_pdf_is_not_pdfx_and_keeps_links(builds):
    pdf = pikepdf.open(builds["screen"][0])
    assert "/GTS_PDFXVersion" not in pdf.docinfo
    assert any("/Annots" in p.obj for p in pdf.pages)  # TOC links
    assert "/Outlines" in pdf.Root and "/PageLabels" in pdf.Root
    laid_out = builds["print"][1]["binding"]["pages_laid_out"]
    assert len(pdf.pages) == laid_out == builds["screen"][1]["pages"]  # not padded: no blank paper on screen


def test_print_pdf_is_cmyk_with_the_templates_output_condition(builds):
    pdf = pikepdf.open(builds["gbt"][0])
    (intent,) = pdf.Root.OutputIntents
    assert str(intent.OutputConditionIdentifier) == "JC200103"
    assert str(pdf.docinfo.Trapped) == "/False"
    assert pdf.pdf_version == "1.3"
    first = pdf.pages[0]
    ops = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(first))
    assert b"0 0.8 0.8 0 k" in ops  # the masthead in M80 Y80
    assert b"0 0 0 1 k" in ops  # black text on K alone
    assert not any("/Annots" in p.obj for p in pdf.pages)


@pytest.mark.parametrize("name", ["print", "screen"])
def test_ghostscript_and_qpdf_read_both_outputs_cleanly(builds, name):
    pdf = builds[name][0]
    gs = subprocess.run(
        [shutil.which("gs") or "gs", "-q", "-o", "/dev/null", "-sDEVICE=nullpage", str(pdf)],
        capture_output=True,
        text=True,
    )
    assert gs.returncode == 0 and not gs.stdout.strip() and not gs.stderr.strip(), gs.stdout + gs.stderr
    qpdf = subprocess.run(
        [shutil.which("qpdf") or "qpdf", "--check", str(pdf)], capture_output=True, text=True
    )
    assert qpdf.returncode == 0, qpdf.stdout + qpdf.stderr
    assert "No syntax or stream encoding errors" in qpdf.stdout


def test_saddle_stitch_pads_to_a_multiple_of_four_and_reports_it(builds):
    pdf, report, stdout = builds["print"]
    assert report["output"] == "print"
    n = report["binding"]["pages_laid_out"]
    added = -n % 4
    assert n % 4 and report["binding"] == {  # the reference issue does not fill its last sheet by itself
        "binding": "saddle",
        "pages_laid_out": n,
        "blank_pages_added": added,
        "blank_back_cover": False,
        "pages": n + added,
    }
    assert f"Added {added} blank pages for saddle binding" in stdout
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == n + added and len(reader.pages) % 4 == 0
    for page in reader.pages[n:]:  # blank pages with their folio only, at the end (no back cover)
        text = page.extract_text().replace(" ", "").strip()
        assert text.startswith("—") and text.strip("—").isdigit(), text
    assert reader.page_labels == [str(i) for i in range(1, n + added + 1)]


def test_imposition_sheets_read_back_in_saddle_order(builds):
    imposed = builds["print"][0].with_name("print-imposed.pdf")
    n = builds["print"][1]["binding"]["pages"]
    reader = pypdf.PdfReader(imposed)
    assert len(reader.pages) == n // 2
    assert reader.page_labels[:4] == [f"{n}-1", f"2-{n - 1}", f"{n - 2}-3", f"4-{n - 3}"]
    # every page once, and each folded sheet's halves add up to n+1 (pages i and n+1-i face)
    pairs = [tuple(int(x) for x in label.split("-")) for label in reader.page_labels]
    assert sorted(p for pair in pairs for p in pair) == list(range(1, n + 1))
    assert all(a + b == n + 1 for a, b in pairs)
    # the folios printed on the two halves of the outer sheet's back: pages 2 and n-1
    with pdfplumber.open(imposed) as doc:
        side = doc.pages[1]
        halves = [
            side.crop((0, 0, side.width / 2, side.height)),
            side.crop((side.width / 2, 0, side.width, side.height)),
        ]
        bottoms = [h.extract_text().replace(" ", "").splitlines()[-1] for h in halves]
    assert bottoms == ["—2—", f"—{n - 1}—"]
    code, text = checker(PDFX, imposed)
    assert code == 0, text


def test_saddle_order_nests_the_sheets():
    assert saddle_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    with pytest.raises(ValueError):
        saddle_order(6)


def test_template_colours_and_print_settings():
    tpl = load_template("gbt9704")
    assert tpl.colors["red"].cmyk == (0.0, 0.8, 0.8, 0.0)
    assert tpl.style("masthead").color == tpl.colors["red"].rgb
    assert tpl.press.output_condition == "JC200103"
    spot = template_from_dict(
        {
            "colors": {"red": {"cmyk": [0, 85, 75, 0], "spot": "PANTONE 485 C"}},
            "print": {"output_condition": "Japan Color 2001 Coated", "binding": "perfect"},
        }
    )
    assert spot.palette.ink(spot.style("masthead").color).spot == "PANTONE 485 C"
    assert spot.press.output_condition == "JC200103"
    # colours no template names: greys on K alone
    assert spot.palette.ink((0.5, 0.5, 0.5)).cmyk == (0.0, 0.0, 0.0, 0.5)


@pytest.mark.parametrize(
    "data, words",
    [
        ({"colors": {"red": {"cmyk": [0, 180, 80, 0]}}}, "percent"),
        ({"styles": {"masthead": {"color": "blue"}}}, "does not define"),
        ({"print": {"output_condition": "MyPress"}}, "registered"),
        ({"print": {"binding": "spiral"}}, "binding"),
    ],
)
def test_bad_print_settings_are_one_clear_message(data, words):
    with pytest.raises(TemplateError) as e:
        template_from_dict(data)
    assert words in e.value.message("en")


def test_impose_needs_the_print_output_and_a_proof_is_never_print(tmp_path):
    r = run("build", SEED, "-o", tmp_path / "x.pdf", "--impose", "saddle")
    assert r.returncode == 1
    assert r.stderr.strip() == "Error: Imposition is for the print output: add --print."
    r = run("build", SEED, "-o", tmp_path / "x.pdf", "--print", "--proof")
    assert (
        r.returncode == 1
        and r.stderr.strip() == "Error: A proof is a screen PDF: --proof cannot go with --print."
    )
    assert not (tmp_path / "x.pdf").exists()


def _plates(pdf: Path, page: int, tmp: Path) -> dict[str, Image.Image]:
    """gs tiffsep's plates of one page, as ink maps (0 = no ink), keyed by colorant name."""
    out = tmp / f"sep-{pdf.stem}-{page}"
    out.mkdir()
    gs = subprocess.run(
        [shutil.which("gs") or "gs", "-q", "-o", str(out / "p.tif"), "-sDEVICE=tiffsep", "-r40"]
        + [f"-dFirstPage={page}", f"-dLastPage={page}", str(pdf)],
        capture_output=True,
        text=True,
    )
    assert gs.returncode == 0, gs.stderr
    plates = {}
    for f in out.glob("p(*).tif"):
        plates[f.stem[2:-1]] = ImageOps.invert(Image.open(f).convert("L"))
    return plates


def _ink(plate: Image.Image, box=None) -> int:
    """Pixels carrying any ink, inside box if given."""
    region = plate.crop(box) if box else plate
    return sum(region.point(lambda v: 255 if v > 8 else 0).histogram()[255:])


def test_plates_body_text_on_black_only_masthead_on_magenta_and_yellow(builds, tmp_path):
    pdf = builds["print"][0]
    cover = _plates(pdf, 1, tmp_path)
    assert set(cover) == {"Cyan", "Magenta", "Yellow", "Black"}
    masthead = cover["Magenta"].getbbox()
    assert masthead is not None and masthead[3] < cover["Magenta"].height * 0.2  # the masthead, at the top
    assert cover["Yellow"].getbbox() == masthead  # M80 Y80: the same shapes on both plates
    assert _ink(cover["Black"], masthead) == 0 and _ink(cover["Cyan"]) == 0
    assert _ink(cover["Black"]) > 1000  # issue lines, TOC, board: black
    body = _plates(pdf, 10, tmp_path)
    assert _ink(body["Black"]) > 1000
    assert [_ink(body[c]) for c in ("Cyan", "Magenta", "Yellow")] == [0, 0, 0]


def test_a_spot_masthead_prints_on_its_own_plate(tmp_path):
    tpl = tmp_path / "spot.toml"
    tpl.write_text(
        (ROOT / "resources" / "templates" / "gazette-a4.toml")
        .read_text(encoding="utf-8")
        .replace(
            "red = { cmyk = [0, 80, 80, 0], rgb", 'red = { spot = "PANTONE 485 C", cmyk = [0, 80, 80, 0], rgb'
        ),
        encoding="utf-8",
    )
    pdf = tmp_path / "spot.pdf"
    r = run("build", SEED, "-o", pdf, "--print", "--template", tpl)
    assert r.returncode == 0, r.stderr
    code, text = checker(PDFX, pdf)
    assert code == 0, text
    cover = _plates(pdf, 1, tmp_path)
    assert "PANTONE 485 C" in cover
    assert _ink(cover["PANTONE 485 C"]) > 100
    assert [_ink(cover[c]) for c in ("Cyan", "Magenta", "Yellow")] == [0, 0, 0]


def test_colour_images_go_to_print_in_cmyk_without_transparency(tmp_path):
    from editor.compose import build_book
    from layout.pdf import write_pdf

    issue = image_issue()
    book = build_book(issue)
    pdf = tmp_path / "img.pdf"
    pdf.write_bytes(write_pdf(book, output="print", template=load_template("gazette-a4")))
    code, text = checker(PDFX, pdf)
    assert code == 0, text
    doc = pikepdf.open(pdf)
    images = [
        xo
        for page in doc.pages
        for xo in (page.obj.Resources.get("/XObject") or {}).values()
        if xo.get("/Subtype") == "/Image"
    ]
    assert [str(xo.ColorSpace) for xo in images] == ["/DeviceCMYK"] and "/SMask" not in images[0]


def test_colour_images_without_a_cmyk_profile_are_refused_and_preflight_says_so(tmp_path):
    from editor.compose import build_book
    from editor.findings import Severity
    from editor.layout_checks import preflight
    from layout.errors import LayoutError
    from layout.pdf import write_pdf

    issue = image_issue()
    book = build_book(issue)
    tpl = template_from_dict({"print": {"cmyk_profile": str(tmp_path / "no-such.icc")}})
    [f] = [f for f in preflight(book, tpl) if f.check == "image-colour"]
    assert f.severity == Severity.ERROR and "cmyk_profile" in f.en
    with pytest.raises(LayoutError) as e:
        write_pdf(book, output="print", template=tpl)
    assert "cannot be converted to CMYK" in e.value.message("en")


def test_check_verb_reports_the_page_count_for_the_templates_binding():
    r = run("check", SEED, "--json")
    assert r.returncode in (0, 1), r.stderr
    found = [f for f in json.loads(r.stdout)["findings"] if f["check"] == "page-count"]
    assert len(found) == 1 and "blank page(s) after page" in found[0]["message_en"]


def test_back_cover_with_the_board_blanks_before_it_and_a_band_into_the_bleed(tmp_path):
    tpl = tmp_path / "back.toml"
    tpl.write_text(
        '[cover]\nband_mm = 12\n[print]\nback_cover = "board"\nblank_folio = false\n', encoding="utf-8"
    )
    pdf = tmp_path / "back.pdf"
    r = run(
        "build", SEED, "-o", pdf, "--print", "--bleed", "--template", tpl, "--report", tmp_path / "r.json"
    )
    assert r.returncode == 0, r.stderr
    binding = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["binding"]
    n = binding["pages_laid_out"]  # cover and documents, then 封底
    added = -n % 4
    assert n % 4 and binding == {
        "binding": "saddle",
        "pages_laid_out": n,
        "blank_pages_added": added,
        "blank_back_cover": False,
        "pages": n + added,
    }
    code, text = checker(PDFX, pdf)
    assert code == 0, text
    reader = pypdf.PdfReader(pdf)
    texts = [page.extract_text() for page in reader.pages]
    assert "编委会" not in texts[0] and "编委会" in texts[-1]  # the board moved from the cover to 封底
    assert [t.strip() for t in texts[n - 1 : -1]] == [""] * added  # the blanks, before the back cover
    assert texts[n - 2].strip()  # the last document's page comes before them
    # the band touches the top trim edge: its ink runs on to the bleed box on the magenta plate
    doc = pikepdf.open(pdf)
    media = [float(v) for v in doc.pages[0].MediaBox]
    trim = [float(v) for v in doc.pages[0].TrimBox]
    bleed = [float(v) for v in doc.pages[0].BleedBox]
    magenta = _plates(pdf, 1, tmp_path)["Magenta"]
    scale = magenta.height / (media[3] - media[1])
    top = lambda y: round((media[3] - y) * scale)  # noqa: E731 - PDF y to image row
    strip = (round(magenta.width * 0.3), top(bleed[3]) + 1, round(magenta.width * 0.4), top(trim[3]) - 1)
    outside = (strip[0], 0, strip[2], top(bleed[3]) - 2)
    assert strip[3] > strip[1] and _ink(magenta, strip) > 0.9 * (strip[2] - strip[0]) * (strip[3] - strip[1])
    assert _ink(magenta, outside) == 0


def test_crop_and_registration_marks_print_on_every_plate_outside_the_bleed_box(builds, tmp_path):
    pdf = builds["bleed"][0]
    doc = pikepdf.open(pdf)
    media = [float(v) for v in doc.pages[9].MediaBox]
    bleed = [float(v) for v in doc.pages[9].BleedBox]
    plates = _plates(pdf, 10, tmp_path)
    scale = plates["Cyan"].width / (media[2] - media[0])
    inside = (
        round(bleed[0] * scale) + 1,
        round((media[3] - bleed[3]) * scale) + 1,
        round(bleed[2] * scale) - 1,
        round((media[3] - bleed[1]) * scale) - 1,
    )
    for name in ("Cyan", "Magenta", "Yellow"):  # a body page: only the marks carry these inks
        assert _ink(plates[name]) > 50, name  # registration colour: on every plate
        assert _ink(plates[name], inside) == 0, name  # and all of it outside the BleedBox
