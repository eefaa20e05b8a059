"""The GUI's save under faults (issue 12/17): a full disk, a read-only file, a target replaced by
a folder, a missing folder: one line, the issue stays open and dirty, the file on disk is the
last good save. And a damaged issue file with a .bak next to it offers the backup."""

from __future__ import annotations

import os
import resource
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from editor.gui.app import make_application  # noqa: E402
from editor.gui.commands import RenameSection  # noqa: E402
from editor.gui.i18n import install_language  # noqa: E402
from editor.gui.main_window import MainWindow  # noqa: E402
from editor.issue_file import load_issue, save_issue  # noqa: E402
from tests.hostile_files import hostile_issues, sample_issue  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path):
    make_application()
    install_language("en")
    w = MainWindow(QSettings(str(tmp_path / "settings" / "editor.ini"), QSettings.Format.IniFormat))
    w.ask = False
    qtbot.addWidget(w)
    yield w
    w.session.stack.setClean()
    w.shutdown()


def _edited(w: MainWindow, path: Path) -> bytes:
    save_issue(sample_issue(), path)
    assert w.open_path(str(path)), w.last_error
    w.session.push(RenameSection(w.session, 0, "改过的栏目"))
    assert w.session.dirty
    return path.read_bytes()


@pytest.mark.parametrize("fault", ["disk-full", "read-only", "folder", "missing-parent"])
def test_a_failed_save_says_one_line_and_keeps_the_issue_open_and_dirty(window, tmp_path, fault):
    path = tmp_path / "issue.gazette"
    before = _edited(window, path)
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    if fault == "disk-full":
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, limits[1]))
    elif fault == "read-only":
        os.chmod(path, 0o444)
    elif fault == "folder":
        path.unlink()
        path.mkdir()
    else:
        shutil.rmtree(tmp_path / "gone", ignore_errors=True)
        window.session.path = str(tmp_path / "gone" / "issue.gazette")
    try:
        assert window.save() is False
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
    assert window.session.dirty and window.session.issue.sections[0].name == "改过的栏目"
    assert len(window.last_error.splitlines()) == 1
    assert "Internal" not in window.last_error and "内部错误" not in window.last_error
    if fault in ("disk-full", "read-only"):
        assert path.read_bytes() == before  # the last good save, untouched
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".gazette-tmp")]
    os.chmod(tmp_path, 0o755)


def test_opening_a_damaged_issue_file_offers_its_backup(window, tmp_path):
    path = tmp_path / "x.gazette"
    path.write_bytes(hostile_issues()["flipped-deflate"])
    save_issue(sample_issue(), tmp_path / "x.gazette.bak")
    assert window.open_path(str(path)) is False  # without consent nothing is opened
    assert window.offered_backup == str(path) + ".bak"
    assert "x.gazette.bak" in window.last_error
    window.open_backups = True  # the user answers "Open"
    assert window.open_path(str(path))
    assert window.session.issue.gazette.name == sample_issue().gazette.name
    assert window.session.path is None  # saving asks for a name: neither file is overwritten
    assert load_issue(tmp_path / "x.gazette.bak") is not None
