"""The one writer (editor/atomic.py): every output is the old or the new whole file, the .bak a
whole previous version, links and modes kept, read-only targets and inputs refused in one line."""

import os
import resource
import stat
from pathlib import Path

import pytest

from editor.atomic import TEMP_SUFFIX, write_atomic
from editor.errors import UserError
from editor.issue_file import load_issue, save_issue
from editor.model import Issue
from tests.cli_run import run_cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "hld-2018-02.txt"


run = run_cli


def one_line(r) -> str:
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 1, r.stderr
    assert len(lines) == 1, r.stderr
    assert "Internal error" not in r.stderr and "内部错误" not in r.stderr, r.stderr
    return lines[0]


def test_backup_is_the_whole_previous_version(tmp_path):
    target = tmp_path / "a.gazette"
    save_issue(Issue(year=2018, number=1), target)
    save_issue(Issue(year=2018, number=2), target)
    save_issue(Issue(year=2018, number=3), target)
    assert load_issue(target).number == 3
    assert load_issue(tmp_path / "a.gazette.bak").number == 2
    assert os.stat(target).st_ino != os.stat(tmp_path / "a.gazette.bak").st_ino
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


def test_stale_temp_files_of_a_killed_run_are_removed_by_the_next_write(tmp_path):
    target = tmp_path / "a.pdf"
    stale = [tmp_path / f".a.pdf.x{k}{TEMP_SUFFIX}" for k in range(3)] + [
        tmp_path / f".a.pdf.bak.9{TEMP_SUFFIX}"
    ]
    for p in stale:
        p.write_bytes(b"half")
    other = tmp_path / f".b.pdf.x{TEMP_SUFFIX}"  # another target's temp: not ours to remove
    other.write_bytes(b"x")
    write_atomic(target, b"new", backup=True)
    assert target.read_bytes() == b"new"
    assert not any(p.exists() for p in stale) and other.exists()


def test_a_backup_link_left_by_a_kill_does_not_send_the_next_save_in_place(tmp_path):
    # kill -9 between linking the old file under a temp name and renaming it to .bak: the
    # issue file has a second link; the next save must remove it and replace the file whole
    target = tmp_path / "a.gazette"
    save_issue(Issue(year=2018, number=1), target)
    save_issue(Issue(year=2018, number=2), target)
    left = tmp_path / f".a.gazette.bak.4242{TEMP_SUFFIX}"
    os.link(target, left)
    inode = os.stat(target).st_ino
    save_issue(Issue(year=2018, number=3), target)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []
    assert os.stat(target).st_ino != inode  # replaced, not rewritten in place
    assert load_issue(target).number == 3
    assert load_issue(tmp_path / "a.gazette.bak").number == 2


def test_a_backup_already_linked_to_the_file_leaves_no_temp_behind(tmp_path):
    # kill -9 after the .bak was linked to the current file but before the new file replaced
    # it: the next save keeps that .bak (it is the previous version) and leaves no temp file
    target = tmp_path / "a.gazette"
    save_issue(Issue(year=2018, number=1), target)
    save_issue(Issue(year=2018, number=2), target)
    bak = tmp_path / "a.gazette.bak"
    bak.unlink()
    os.link(target, bak)
    save_issue(Issue(year=2018, number=3), target)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []
    assert load_issue(target).number == 3 and load_issue(bak).number == 2


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real" / "issue.gazette"
    real.parent.mkdir()
    save_issue(Issue(year=2018, number=1), real)
    link = tmp_path / "link.gazette"
    link.symlink_to(real)
    save_issue(Issue(year=2018, number=2), link)
    assert link.is_symlink() and load_issue(real).number == 2
    assert load_issue(real.with_name("issue.gazette.bak")).number == 1


def test_hard_links_and_mode_are_kept(tmp_path):
    a = tmp_path / "a.pdf"
    a.write_bytes(b"old")
    os.chmod(a, 0o640)
    b = tmp_path / "b.pdf"
    os.link(a, b)
    write_atomic(a, b"new", backup=True)
    assert b.read_bytes() == b"new" and os.path.samefile(a, b)
    assert stat.S_IMODE(os.stat(a).st_mode) == 0o640
    assert (tmp_path / "a.pdf.bak").read_bytes() == b"old"
    c = tmp_path / "c.pdf"
    c.write_bytes(b"old")
    os.chmod(c, 0o604)
    write_atomic(c, b"new")
    assert stat.S_IMODE(os.stat(c).st_mode) == 0o604


def test_read_only_target_is_refused_and_unchanged(tmp_path):
    a = tmp_path / "a.pdf"
    a.write_bytes(b"old")
    os.chmod(a, 0o444)
    with pytest.raises(UserError) as e:
        write_atomic(a, b"new")
    assert "read-only" in e.value.en and "\n" not in e.value.en
    assert a.read_bytes() == b"old"


@pytest.mark.parametrize("case", ["folder", "missing-parent", "not-a-folder"])
def test_impossible_targets_are_one_line(tmp_path, case):
    target = {
        "folder": tmp_path / "dir.gazette",
        "missing-parent": tmp_path / "nope" / "a.gazette",
        "not-a-folder": tmp_path / "file" / "a.gazette",
    }[case]
    if case == "folder":
        target.mkdir()
    if case == "not-a-folder":
        (tmp_path / "file").write_bytes(b"x")
    with pytest.raises(UserError) as e:
        save_issue(Issue(year=2018), target)
    assert str(target) in e.value.en and "\n" not in e.value.en


def _limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.fixture(scope="module")
def seed_issue(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("atomic")
    good = tmp / "seed.gazette"
    assert run("import", SEED, "-o", good).returncode == 0
    return good


def test_disk_full_keeps_the_previous_pdf_and_issue(tmp_path, seed_issue):
    """RLIMIT_FSIZE stands in for a full disk: the write fails part-way through."""
    issue = tmp_path / "seed.gazette"
    issue.write_bytes(seed_issue.read_bytes())
    pdf = tmp_path / "seed.pdf"
    pdf.write_bytes(b"%PDF-previous good one")
    r = run("build", issue, "-o", pdf, preexec_fn=_limit_file_size)
    line = one_line(r)
    assert str(pdf) in line and "unchanged" in line
    assert pdf.read_bytes() == b"%PDF-previous good one"
    r = run("build", issue, "-o", tmp_path / "p.pdf", "--proof", preexec_fn=_limit_file_size)
    one_line(r)
    assert issue.read_bytes() == seed_issue.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


@pytest.mark.parametrize("how", ["output", "report", "text"])
def test_build_refuses_to_write_onto_its_input(tmp_path, seed_issue, how):
    issue = tmp_path / "x.gazette"
    issue.write_bytes(seed_issue.read_bytes())
    text = tmp_path / "t.txt"
    text.write_bytes(SEED.read_bytes())
    args = {
        "output": ["build", issue, "-o", issue],
        "report": ["build", issue, "-o", tmp_path / "x.pdf", "--report", issue],
        "text": ["build", text, "-o", text],
    }[how]
    r = run(*args)
    assert "is the input" in one_line(r)
    assert issue.read_bytes() == seed_issue.read_bytes()
    assert text.read_bytes() == SEED.read_bytes()
    assert not (tmp_path / "x.pdf").exists()


def test_clean_stale_removes_exactly_our_temporary_files(tmp_path):
    from editor.atomic import TEMP_SUFFIX, clean_stale

    target = tmp_path / "out.pdf"
    ours = [f".out.pdf.{tag}{TEMP_SUFFIX}" for tag in ("abc123", "_", "A_9")]
    others = [
        f".out.pdf.{TEMP_SUFFIX}",  # no tag
        f".out.pdf.ab-c{TEMP_SUFFIX}",  # not tempfile's alphabet
        f".out.pdf.abc{TEMP_SUFFIX}x",
        f"out.pdf.abc{TEMP_SUFFIX}",
        f".out.pdfx.abc{TEMP_SUFFIX}",
        f".out.pdf.é{TEMP_SUFFIX}",
        "out.pdf",
    ]
    for name in ours + others:
        (tmp_path / name).write_bytes(b"")
    assert clean_stale(target) == len(ours)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(others)
