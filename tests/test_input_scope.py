"""Where inputs may come from: a recipe reads files under its own folder; a file outside it
(by `../`, an absolute path or a symlink) needs --allow-outside and is then listed in the
report; devices and named pipes are never read (no hang, no memory blow-up); a template
named by a recipe obeys the same rule; a missing output folder is said before any work."""

import os
import shutil
from pathlib import Path

import pytest

from tests.cli_run import run_cli

ROOT = Path(__file__).resolve().parent.parent
DEMO_DOC = ROOT / "demo" / "docs" / "02-holidays.txt"

RECIPE = """
[gazette]
name = "青禾市人民政府公报"
[issue]
year = 2026
number = 5
cumulative = 98
{template}
[[sections]]
name = "市政府文件"
documents = [{docs}]
"""


run = run_cli


def recipe(folder: Path, *docs: str, template: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "recipe.toml"
    listed = ", ".join(f'"{d}"' for d in docs)
    path.write_text(RECIPE.format(docs=listed, template=template), encoding="utf-8")
    return path


def test_a_file_in_the_recipe_folder_is_read(tmp_path):
    shutil.copy(DEMO_DOC, tmp_path / "doc.txt")
    r = run("import", recipe(tmp_path / "r", "../doc.txt"), "-o", tmp_path / "x.gazette")
    assert r.returncode == 1 and "outside the folder" in r.stderr and "--allow-outside" in r.stderr
    inside = tmp_path / "r" / "docs"
    inside.mkdir(parents=True)
    shutil.copy(DEMO_DOC, inside / "doc.txt")
    ok = run("import", recipe(tmp_path / "r", "docs/doc.txt"), "-o", tmp_path / "y.gazette")
    assert ok.returncode == 0, ok.stderr
    assert "--allow-outside" not in ok.stdout


@pytest.mark.parametrize("how", ["dotdot", "absolute", "symlink"])
def test_a_file_outside_needs_allow_outside_and_is_reported(tmp_path, how):
    outside = tmp_path / "elsewhere" / "secret.txt"
    outside.parent.mkdir()
    shutil.copy(DEMO_DOC, outside)
    folder = tmp_path / "r"
    folder.mkdir()
    if how == "dotdot":
        listed = "../elsewhere/secret.txt"
    elif how == "absolute":
        listed = str(outside)
    else:
        (folder / "link.txt").symlink_to(outside)
        listed = "link.txt"
    path = recipe(folder, listed)
    refused = run("import", path, "-o", tmp_path / "x.gazette")
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "outside the folder" in refused.stderr
    assert not (tmp_path / "x.gazette").exists()
    allowed = run("import", path, "-o", tmp_path / "y.gazette", "--allow-outside")
    assert allowed.returncode == 0, allowed.stderr
    assert f"Read a file outside the folder (--allow-outside): {outside.resolve()}" in allowed.stdout


def test_devices_and_pipes_are_never_read(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    for name in ("pipe.txt", "zero.txt"):
        r = run("build", recipe(folder, name), "-o", tmp_path / "x.pdf", "--allow-outside")
        assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
        assert "not a regular file" in r.stderr
    direct = run("build", folder / "pipe.txt", "-o", tmp_path / "x.pdf")
    assert direct.returncode == 1 and "not a regular file" in direct.stderr
    checked = run("check", folder / "pipe.txt")  # the kept build's key reads the input too
    assert checked.returncode == 1 and "not a regular file" in checked.stderr


def test_a_recipe_template_outside_its_folder_is_refused(tmp_path):
    shutil.copy(DEMO_DOC, tmp_path / "doc.txt")
    tpl = tmp_path.parent / f"{tmp_path.name}-evil.toml"
    tpl.write_text(
        (ROOT / "resources" / "templates" / "gazette-a4.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    r = run("build", recipe(tmp_path, "doc.txt", template=f'template = "{tpl}"'), "-o", tmp_path / "x.pdf")
    assert r.returncode == 1 and "template" in r.stderr and "outside the folder" in r.stderr
    local = tmp_path / "office.toml"
    shutil.copy(tpl, local)
    ok = run(
        "build", recipe(tmp_path, "doc.txt", template='template = "office.toml"'), "-o", tmp_path / "y.pdf"
    )
    assert ok.returncode == 0, ok.stderr


def test_a_device_as_template_is_refused(tmp_path):
    link = tmp_path / "t.toml"
    link.symlink_to("/dev/zero")
    r = run(
        "build",
        recipe(
            tmp_path / "r",
        ),
        "--template",
        link,
        "-o",
        tmp_path / "x.pdf",
    )
    assert r.returncode == 1 and "not a regular file" in r.stderr


def test_report_into_a_missing_folder_is_said_before_the_pdf_is_written(tmp_path):
    shutil.copy(DEMO_DOC, tmp_path / "doc.txt")
    pdf = tmp_path / "x.pdf"
    r = run("build", recipe(tmp_path, "doc.txt"), "-o", pdf, "--report", tmp_path / "missing" / "r.json")
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert "does not exist" in r.stderr and "Internal error" not in r.stderr
    assert not pdf.exists()
