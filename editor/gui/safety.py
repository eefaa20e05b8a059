"""Never lose work: recovery copies of the open issue, and lock files beside issue files.

Recovery files live in a `recovery` folder beside the settings file, one per open issue
(named by a hash of its path, or "untitled"), each with a small JSON note of where the
issue came from and when it was saved. A clean close or a save deletes it; a crash leaves
it, and the next start offers it with its time.

A lock file `.~NAME.lock` beside the issue tells a second instance, or a colleague opening
the same file on a shared folder, who has it open (user@host, pid, since when). A lock of
a process that no longer runs on this host is stale and taken over silently.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import hashlib
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from editor.issue_file import load_issue, save_issue
from editor.model import Issue

# ---- lock files ---------------------------------------------------------------------


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    time: str  # ISO time the issue was opened

    def describe(self) -> str:
        when = self.time.replace("T", " ")[:16]
        return f"{self.user}@{self.host}（进程 {self.pid}，{when} 起）"

    def describe_en(self) -> str:
        when = self.time.replace("T", " ")[:16]
        return f"{self.user}@{self.host} (process {self.pid}, since {when})"


def lock_path(issue_path: str | os.PathLike) -> Path:
    p = Path(issue_path)
    return p.with_name(f".~{p.name}.lock")


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return LockInfo(user, socket.gethostname(), os.getpid(), _dt.datetime.now().isoformat(timespec="seconds"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_lock(issue_path: str | os.PathLike) -> LockInfo | None:
    """Who else holds the issue; None when nobody does (or only a dead process on this host did)."""
    path = lock_path(issue_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        info = LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["time"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    me = _me()
    if info.host == me.host and info.pid == me.pid:
        return None
    if info.host == me.host and not _alive(info.pid):
        return None  # stale: the process that wrote it is gone
    return info


def take_lock(issue_path: str | os.PathLike) -> Path | None:
    """Write our lock file; None when the folder is read-only (the issue still opens)."""
    path = lock_path(issue_path)
    me = _me()
    try:
        path.write_text(json.dumps(me.__dict__, ensure_ascii=False), encoding="utf-8")
    except OSError:
        return None
    return path


def release_lock(issue_path: str | os.PathLike) -> None:
    path = lock_path(issue_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if int(data.get("pid", -1)) == os.getpid() and data.get("host") == socket.gethostname():
            path.unlink()
    except (OSError, ValueError):
        pass


# ---- recovery ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Recovery:
    file: Path  # the recovery .gazette
    original: str | None  # the issue's own path, None for an unsaved issue
    time: _dt.datetime
    title: str

    def load(self) -> Issue:
        return load_issue(self.file)

    def discard(self) -> None:
        for p in (self.file, self.file.with_suffix(".json")):
            try:
                p.unlink()
            except OSError:
                pass


class RecoveryStore:
    """The recovery folder: write the open issue, list what a crash left, discard."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)

    def _stem(self, original: str | None) -> str:
        if not original:
            return f"untitled-{os.getpid()}"
        return hashlib.sha1(str(Path(original).resolve()).encode()).hexdigest()[:16]

    def path_for(self, original: str | None) -> Path:
        return self.folder / f"{self._stem(original)}.gazette"

    def save(self, issue: Issue, original: str | None) -> Path:
        """Atomically write a recovery copy (the same atomic save as a real save)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path_for(original)
        save_issue(issue, target)
        backup = target.with_name(target.name + ".bak")
        for stray in (backup, target.with_suffix(".gazette.bak")):
            try:
                stray.unlink()
            except OSError:
                pass
        note = {
            "original": original,
            "time": _dt.datetime.now().isoformat(timespec="seconds"),
            "title": f"{issue.gazette.name} {issue.year}年第{issue.number}期",
            "pid": os.getpid(),
        }
        target.with_suffix(".json").write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
        return target

    def discard(self, original: str | None) -> None:
        Recovery(self.path_for(original), original, _dt.datetime.now(), "").discard()

    def pending(self) -> list[Recovery]:
        """Recovery copies left by instances that are no longer running, newest first."""
        found: list[Recovery] = []
        if not self.folder.is_dir():
            return found
        for note in self.folder.glob("*.json"):
            file = note.with_suffix(".gazette")
            try:
                data = json.loads(note.read_text(encoding="utf-8"))
                pid = int(data.get("pid", -1))
                when = _dt.datetime.fromisoformat(data["time"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if not file.exists():
                continue
            if pid != os.getpid() and _alive(pid) and pid > 0 and self._is_gazette(pid):
                continue  # another editor window is running with it
            found.append(Recovery(file, data.get("original"), when, str(data.get("title", ""))))
        return sorted(found, key=lambda r: r.time, reverse=True)

    @staticmethod
    def _is_gazette(pid: int) -> bool:
        """A live pid may have been reused by an unrelated program; only a python process counts."""
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return True  # cannot tell (not Linux): be careful, assume it is running
        return b"python" in cmd
