"""Never lose work: lock files beside issue files, changed-on-disk checks, recovery copies.

Qt-free on purpose, so the command line honours the same locks the editor takes.

Locks. A lock file `.~NAME.lock` beside the issue says who has it open (user@host, pid,
since when). Ownership is an exclusive `flock` on that file, held by the instance that
took it for as long as it keeps the issue open: the kernel arbitrates two instances that
open at the same moment (exactly one wins), a crashed instance's lock is free again at
once, and the lock's text content is only information for the person who is told about
it (garbage or a huge pid in it cannot make an issue unopenable). A lock written by
another host (a shared folder) counts as held unless the user takes it over. Only the
owner, holding the flock on the very file at the path, ever deletes it.

Changed on disk. `FileStamp` remembers the file an issue was loaded from (device, inode,
size, mtime and a SHA-256); before a save the editor asks `changed_since` so that
somebody else's save in between is never silently overwritten.

Recovery. Copies of the open issue live in a `recovery` folder beside the settings file,
one per open issue (named by a hash of its path, or "untitled"), each with a small JSON
note of where the issue came from and when it was saved. A clean close or a save deletes
it; a crash leaves it, and the next start offers it with its time.
"""

from __future__ import annotations

import datetime as _dt
import errno
import getpass
import json
import os
import secrets
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not a POSIX system
    fcntl = None  # type: ignore[assignment]

from editor.errors import UserError
from editor.issue_file import load_issue, save_issue
from editor.model import Issue
from layout.digest import sha1, sha256

MAX_LOCK_BYTES = 4096  # a lock file is a short JSON line; anything longer is not read further

# ---- lock files ---------------------------------------------------------------------


@dataclass(frozen=True)
class LockInfo:
    """Who holds an issue open: what its lock file says."""

    user: str
    host: str
    pid: int
    time: str  # ISO time the issue was opened
    token: str = ""  # the owning instance's random id

    def describe(self) -> str:
        when = self.time.replace("T", " ")[:16]
        if not self.user and not self.host:
            return "另一个程序实例"
        return f"{self.user}@{self.host}（进程 {self.pid}，{when} 起）"

    def describe_en(self) -> str:
        when = self.time.replace("T", " ")[:16]
        if not self.user and not self.host:
            return "another instance of the program"
        return f"{self.user}@{self.host} (process {self.pid}, since {when})"


UNKNOWN_HOLDER = LockInfo("", "", 0, "")


def lock_path(issue_path: str | os.PathLike) -> Path:
    p = Path(issue_path)
    return p.with_name(f".~{p.name}.lock")


def _me(token: str = "") -> LockInfo:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    now = _dt.datetime.now().isoformat(timespec="seconds")
    return LockInfo(user, socket.gethostname(), os.getpid(), now, token)


def _parse(raw: bytes) -> LockInfo | None:
    """The lock's text as a LockInfo; None for garbage (never an exception)."""
    try:
        data = json.loads(raw[:MAX_LOCK_BYTES].decode("utf-8"))
        pid = int(data["pid"])
        if not 0 <= pid < 2**31:
            pid = 0
        return LockInfo(
            str(data["user"])[:64],
            str(data["host"])[:128],
            pid,
            str(data["time"])[:32],
            str(data.get("token", ""))[:64],
        )
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, OverflowError):
        return None


def _read_info(path: Path) -> LockInfo | None:
    try:
        with open(path, "rb") as f:
            return _parse(f.read(MAX_LOCK_BYTES))
    except OSError:
        return None


class IssueLock:
    """A lock this instance owns; release() deletes it only while it is still ours."""

    def __init__(self, issue_path: Path, path: Path, fd: int, info: LockInfo) -> None:
        self.issue_path = issue_path
        self.path = path
        self.info = info
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _still_ours(self) -> bool:
        if self._fd is None:
            return False
        try:
            mine, there = os.fstat(self._fd), os.stat(self.path)
        except OSError:
            return False
        return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            if self._still_ours():
                self.path.unlink()
        except OSError:
            pass
        finally:
            os.close(self._fd)  # closing drops the flock
            self._fd = None

    def __enter__(self) -> IssueLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def acquire_lock(
    issue_path: str | os.PathLike, take_over: bool = False
) -> tuple[IssueLock | None, LockInfo | None]:
    """Try to own the issue's lock.

    (lock, None): ours now. (None, holder): a live instance (or another host) has it.
    (None, None): no lock possible here (a read-only folder, no flock): open without one.
    """
    issue = Path(issue_path)
    path = lock_path(issue)
    if fcntl is None:
        return None, None
    for _attempt in range(5):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError:
            return None, _read_info(path)  # read-only folder: report a holder if there is one
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            os.close(fd)
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return None, _read_info(path) or UNKNOWN_HOLDER
            return None, None
        # the owner may have deleted the file between our open and our flock: start again
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except OSError:
            same = False
        if not same:
            os.close(fd)
            continue
        previous = _parse(os.pread(fd, MAX_LOCK_BYTES, 0))
        host = socket.gethostname()
        if previous is not None and previous.host != host and not take_over:
            # another machine on a shared folder: its flock may not reach us, so its word counts
            os.close(fd)
            return None, previous
        info = _me(secrets.token_hex(8))
        data = json.dumps(asdict(info), ensure_ascii=False).encode("utf-8")
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, data, 0)
        except OSError:
            pass  # the flock is what counts; the text is only information
        return IssueLock(issue, path, fd, info), None
    return None, UNKNOWN_HOLDER


def read_lock(issue_path: str | os.PathLike) -> LockInfo | None:
    """Who else holds the issue right now; None when nobody does (a crashed holder counts as nobody)."""
    lock, holder = acquire_lock(issue_path)
    if lock is not None:
        # we only looked: leave no lock behind (and no empty file if there was none)
        lock.release()
    return holder


@contextmanager
def write_lock(issue_path: str | os.PathLike) -> Iterator[IssueLock | None]:
    """Hold the issue's lock while a command reads and writes it; refuse when an editor has it."""
    lock, holder = acquire_lock(issue_path)
    if holder is not None:
        raise UserError(
            f"{issue_path} 正由 {holder.describe()} 打开编辑，未写入。请先在那里保存并关闭它，再重试。",
            f"{issue_path} is open in an editor ({holder.describe_en()}); nothing written. "
            "Save and close it there, then retry.",
        )
    try:
        yield lock
    finally:
        if lock is not None:
            lock.release()


# ---- changed on disk ------------------------------------------------------------------


@dataclass(frozen=True)
class FileStamp:
    """What a file was when we loaded or saved it."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: str | os.PathLike) -> FileStamp | None:
        try:
            st = os.stat(path)
            digest = sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            return None
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, digest)


def changed_since(path: str | os.PathLike, stamp: FileStamp | None) -> bool:
    """True when the file at `path` is no longer what `stamp` saw (someone else saved or removed it)."""
    if stamp is None:
        return False
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) == (
        stamp.dev,
        stamp.ino,
        stamp.size,
        stamp.mtime_ns,
    ):
        return False
    now = FileStamp.of(path)
    return now is None or now.sha256 != stamp.sha256


# ---- recovery ---------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    if not 0 < pid < 2**31:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OSError, OverflowError):
        return False
    return True


@dataclass(frozen=True)
class Recovery:
    """An autosaved copy of an issue that was not saved before its editor ended."""

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
        return sha1(str(Path(original).resolve()).encode()).hexdigest()[:16]

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
            except (OSError, ValueError, KeyError, TypeError, OverflowError):
                continue
            if not file.exists():
                continue
            if pid != os.getpid() and _alive(pid) and self._is_gazette(pid):
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
