"""The editor never loses or mixes up work: issue identity, autosave, locks, changed on disk.

Real windows (offscreen), real files, real processes for the two-instance cases.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from editor.gui.main_window import MainWindow  # noqa: E402
from editor.importing import load_input  # noqa: E402
from editor.issue_file import load_issue, save_issue  # noqa: E402
from editor.model import Block, Role  # noqa: E402
from editor.safety import FileStamp, acquire_lock, changed_since, lock_path, read_lock  # noqa: E402
from tests.gui_window import DOCX, ROOT, SEED, new_window  # noqa: E402


@pytest.fixture(scope="module")
def seed_issue():
    return load_input(str(SEED))


def write_issue(path: Path, issue) -> Path:
    save_issue(issue, path)
    return path


def other_issue(seed_issue, tmp_path: Path) -> Path:
    """Another issue whose d1 is short: the ids d1…dN repeat in every issue file."""
    other = load_issue(write_issue(tmp_path / "tmp.gazette", seed_issue))
    d1 = other.documents()[0]
    d1.title = "关于规范公文格式标准的通知"
    d1.blocks = [Block(Role.PARAGRAPH, "青禾第一段。"), Block(Role.PARAGRAPH, "青禾第二段。")]
    return write_issue(tmp_path / "qinghe.gazette", other)


def type_text(w: MainWindow, text: str) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClicks(w.editor.body, text)


# ---- identity: one issue's text never lands in another --------------------------------------


def test_opening_a_second_issue_keeps_its_own_documents(window, seed_issue, tmp_path):
    first = write_issue(tmp_path / "seed.gazette", seed_issue)
    second = other_issue(seed_issue, tmp_path)
    assert window.open_path(str(first))
    d1 = window.session.issue.documents()[0]
    assert window.editor.doc_id == d1.id and len(d1.blocks) > 10
    assert window.open_path(str(second))
    opened = window.session.issue.documents()[0]
    assert [b.text for b in opened.blocks] == ["青禾第一段。", "青禾第二段。"]
    assert window.session.stack.count() == 0 and not window.isWindowModified()
    # the editor shows the new issue's first document at once (no extra click)
    assert window.editor.doc_id == opened.id
    assert window.editor.body.toPlainText() == "青禾第一段。\n青禾第二段。"
    assert window.editor.fields["title"].text() == "关于规范公文格式标准的通知"


def test_discard_then_reopen_brings_back_the_file_not_the_edit(window, seed_issue, tmp_path):
    path = write_issue(tmp_path / "seed.gazette", seed_issue)
    assert window.open_path(str(path))
    window.editor.body.goto_block(0, 0)
    type_text(window, "DISCARDED")
    assert window.session.dirty
    assert window.open_path(str(path), confirmed=True)  # the user answered 丢弃
    d1 = window.session.issue.documents()[0]
    assert "DISCARDED" not in d1.blocks[0].text
    assert not window.session.dirty and window.session.stack.count() == 0
    window.autosave()
    assert not window.recovery.pending()


def test_autosave_after_undo_and_a_new_edit(window, seed_issue, tmp_path):
    path = write_issue(tmp_path / "seed.gazette", seed_issue)
    assert window.open_path(str(path))
    window.editor.body.goto_block(1, 0)
    type_text(window, "AAA")
    assert window.autosave()
    window.session.stack.undo()
    type_text(window, "BBB")
    assert window.autosave()  # the undo index is back where it was; the text is not
    saved = window.recovery.pending()[0].load().documents()[0].blocks[1].text
    assert saved.startswith("BBB") and "AAA" not in saved
    assert saved == window.editor.body.document().findBlockByNumber(1).text()
    window.session.stack.undo()  # back to the file as saved: no stale copy is kept to restore
    assert not window.autosave() and not window.session.dirty
    assert not window.recovery.pending()


# ---- shared folders: modes, locks, somebody else's save -----------------------------------------


def test_saving_keeps_the_files_mode_and_new_files_get_the_umask(window, seed_issue, tmp_path):
    path = write_issue(tmp_path / "shared.gazette", seed_issue)
    path.chmod(0o644)
    assert window.open_path(str(path))
    window.tree.new_section("临时")
    assert window.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o664)
    window.tree.new_section("再来")
    assert window.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    old = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.gazette"
        assert window._save_to(str(fresh))
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640


def test_a_second_window_neither_steals_nor_deletes_the_lock(qtbot, seed_issue, tmp_path):
    path = write_issue(tmp_path / "held.gazette", seed_issue)
    first = new_window(qtbot, tmp_path / "s1")
    second = new_window(qtbot, tmp_path / "s2")
    assert first.open_path(str(path)) and first.lock is not None
    token = first.lock.info.token
    second.when_locked = "open"  # the user insists on opening it anyway
    assert second.open_path(str(path))
    assert second.lock is None  # the first window still owns it
    second.shutdown()
    holder = read_lock(path)
    assert holder is not None and holder.token == token  # closing the second left the lock alone
    third = new_window(qtbot, tmp_path / "s3")
    third.when_locked = "read-only"
    assert third.open_path(str(path))
    assert third.read_only and "只读" in third.windowTitle()
    third.tree.new_section("临时")
    assert not third._save_to(str(path))  # read-only: never onto the file
    assert "另存为" in third.last_error
    third.session.stack.setClean()
    third.shutdown()
    first.shutdown()
    assert not lock_path(path).exists()  # the owner's close removes it


def test_garbage_and_huge_pid_locks_never_block_opening(window, seed_issue, tmp_path):
    path = write_issue(tmp_path / "odd.gazette", seed_issue)
    host = os.uname().nodename
    for content in (
        b"\x00\xff garbage",
        json.dumps({"user": "x", "host": host, "pid": 10**30, "time": "t"}).encode(),
        json.dumps({"user": "x", "host": host, "pid": -5, "time": "t"}).encode(),
        b"[]",
    ):
        lock_path(path).write_bytes(content)
        assert read_lock(path) is None  # nobody alive holds it
        assert window.open_path(str(path), confirmed=True) and window.lock is not None
        window._release()


def test_save_after_someone_elses_save_asks_and_keeps_theirs(window, seed_issue, tmp_path):
    path = write_issue(tmp_path / "shared.gazette", seed_issue)
    assert window.open_path(str(path))
    theirs = load_issue(path)
    theirs.gazette.name = "别人保存的名称"
    save_issue(theirs, path)  # a colleague (another program) saved in between
    window.tree.new_section("我的栏目")
    assert not window.save()  # nobody to ask: refuse rather than overwrite
    assert "修改过" in window.last_error
    assert load_issue(path).gazette.name == "别人保存的名称"
    # after Save As elsewhere, saving works again (the new file is ours)
    assert window._save_to(str(tmp_path / "mine.gazette"))
    window.tree.new_section("再加一个")
    assert window.save()


def test_changed_since_looks_at_content_not_only_the_time(tmp_path):
    f = tmp_path / "a.gazette"
    f.write_bytes(b"one")
    stamp = FileStamp.of(f)
    assert not changed_since(f, stamp)
    os.utime(f, ns=(1, 1))
    assert not changed_since(f, stamp)  # touched, same bytes
    f.write_bytes(b"two")
    assert changed_since(f, stamp)
    f.unlink()
    assert changed_since(f, stamp)


def _race(path: str, start, results) -> None:
    start.wait()
    lock, holder = acquire_lock(path)
    results.put(lock is not None)
    start.wait()  # keep it until both have tried
    if lock is not None:
        lock.release()


def test_simultaneous_opens_warn_exactly_one_every_time(tmp_path):
    path = str(tmp_path / "race.gazette")
    Path(path).write_bytes(b"x")
    ctx = multiprocessing.get_context("fork")
    for _ in range(20):
        start, results = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_race, args=(path, start, results)) for _ in range(2)]
        for p in procs:
            p.start()
        won = sorted(results.get(timeout=60) for _ in procs)
        for p in procs:
            p.join(60)
        assert won == [False, True]
        assert not lock_path(path).exists()


def run_import(into: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", str(DOCX), "-o", str(into)],
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en"},
        cwd=ROOT,
    )


def test_cli_refuses_to_write_an_issue_an_editor_holds(window, seed_issue, tmp_path):
    path = write_issue(tmp_path / "held.gazette", seed_issue)
    assert window.open_path(str(path))
    before = path.read_bytes()
    run = run_import(path)
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "open in an editor" in lines[0] and "Traceback" not in run.stderr
    assert path.read_bytes() == before
    window.shutdown()
    run = run_import(path)
    assert run.returncode == 0, run.stderr
    assert not lock_path(path).exists()
