"""The one writer for every file the tool produces (issue file, its .bak, PDF, report, exports).

Why one writer: a save that dies half-way (kill, power cut, full disk) must leave the previous
good file where it was, and the user's backup must be a whole earlier version, never a half-
copied one. So every output goes the same way:

1. the bytes are written to a temp file in the target's own folder (same file system, so the
   final rename is atomic), named `.<target>.<random>.gazette-tmp` so that the next write to
   the same target recognises and removes leftovers of a killed run;
2. the temp file is flushed and fsynced, given the old file's mode;
3. for a backup, the old file is hard-linked (or, where links are impossible, written through
   the same temp-and-rename path) to `<target>.bak` *before* the replace: the .bak is always a
   complete previous version;
4. `os.replace` puts the new file in place, and the folder is fsynced so the rename survives.

A symlinked target is written through to the file it points at (the link stays a link). A
target with other hard links is rewritten in place after the same checks, because replacing it
would split the links; that path keeps a whole copy in the .bak first. Read-only targets are
refused with one line, and `refuse_inputs` stops a command from writing onto one of its own
inputs (`build X.gazette -o X.gazette`).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from layout.lazyre import lazy

from .errors import UserError

TEMP_SUFFIX = ".gazette-tmp"


def _reason(e: OSError) -> tuple[str, str]:
    """The system's reason, in both languages for the common cases."""
    known = {
        errno.ENOSPC: ("磁盘已满", "the disk is full"),
        errno.EDQUOT: ("磁盘配额已用完", "the disk quota is used up"),
        errno.EFBIG: ("文件超过允许的大小（磁盘已满或受限）", "the file exceeds the allowed size"),
        errno.EACCES: ("没有写入权限", "permission denied"),
        errno.EPERM: ("没有写入权限", "permission denied"),
        errno.EROFS: ("所在磁盘是只读的", "the disk is read-only"),
        errno.ENOENT: ("所在文件夹不存在", "the folder does not exist"),
        errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder"),
        errno.EISDIR: ("目标是一个文件夹", "the target is a folder"),
        errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
    }
    if e.errno in known:
        return known[e.errno]
    text = e.strerror or str(e)
    return text, text


def write_error(path: Path, e: OSError, what_zh: str = "文件", what_en: str = "file") -> UserError:
    zh, en = _reason(e)
    return UserError(
        f"无法写出{what_zh} {path}：{zh}。原有文件未被改动；请检查磁盘空间和文件夹权限后重试。",
        f"Cannot write the {what_en} {path}: {en}. The existing file is unchanged; "
        "check disk space and folder permissions, then retry.",
    )


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        dfd = os.open(folder, os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def resolve_target(path: str | os.PathLike) -> Path:
    """The file a write to PATH really changes: symlinks are followed (and kept)."""
    p = Path(path)
    try:
        if p.is_symlink():
            return Path(os.path.realpath(p))
    except OSError:
        pass
    return p


TEMP_TAG_RE = lazy(r"[A-Za-z0-9_]+")  # what tempfile puts between our prefix and suffix


def clean_stale(target: Path) -> int:
    """Remove temp files a killed earlier write to TARGET left behind; returns how many."""
    folder = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."  # then the temporary file's tag, then TEMP_SUFFIX
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        if (
            name.startswith(prefix)
            and name.endswith(TEMP_SUFFIX)
            and TEMP_TAG_RE.fullmatch(name, len(prefix), len(name) - len(TEMP_SUFFIX))
        ):
            try:
                os.unlink(folder / name)
                removed += 1
            except OSError:
                pass
    return removed


def _umask() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: read it by setting it, and put it back at once
    os.umask(mask)
    return mask


def _write_temp(folder: Path, name: str, data: bytes, mode: int | None) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # the old file's mode; a new file the user's umask (mkstemp alone would make it 0600)
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _make_backup(target: Path, bak: Path, st: os.stat_result) -> None:
    """BAK becomes a whole copy of TARGET's current version, atomically."""
    folder = target.parent if str(target.parent) else Path(".")
    clean_stale(bak)
    if same_file(target, bak):
        # a save killed between making the backup and replacing the file: the .bak already is
        # this version, whole (and renaming a link onto its own file would leave the link behind)
        return
    if _other_links(target, st) == 0:
        # A hard link under a temp name, then renamed over the old .bak: never half a file.
        link = folder / f".{bak.name}.{os.getpid()}{TEMP_SUFFIX}"
        try:
            link.unlink(missing_ok=True)
            os.link(target, link)
            os.replace(link, bak)
            return
        except OSError:
            link.unlink(missing_ok=True)  # file systems without hard links: copy below
    tmp = _write_temp(folder, bak.name, target.read_bytes(), stat.S_IMODE(st.st_mode))
    try:
        os.replace(tmp, bak)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(
    path: str | os.PathLike,
    data: bytes,
    *,
    backup: bool = False,
    what: tuple[str, str] = ("文件", "file"),
) -> None:
    """Write DATA to PATH so that PATH is always either the old or the new whole file.

    With backup=True the previous version is kept as PATH.bak (a whole file, made before the
    replace). OSErrors become one-line UserErrors naming the file and the reason.
    """
    shown = Path(path)
    target = resolve_target(shown)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        # Leftovers of a killed earlier write go first: a backup link a kill left behind would
        # otherwise count as another hard link and send this write down the in-place path.
        clean_stale(target)
        clean_stale(target.with_name(target.name + ".bak"))
        try:
            st: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise UserError(
                f"无法写出{what[0]} {shown}：它不是普通文件（设备、管道等）。请换一个文件名。",
                f"Cannot write the {what[1]} {shown}: it is not a regular file (device, pipe, …). "
                "Choose another name.",
            )
        if st is not None and (not os.access(target, os.W_OK) or not st.st_mode & 0o222):
            raise UserError(
                f"{shown} 是只读文件，未被改动。请先解除只读，或另存为其他文件名。",
                f"{shown} is read-only and was left unchanged. Make it writable, or save under another name.",
            )
        if not folder.is_dir():
            raise FileNotFoundError(errno.ENOENT, "missing folder", str(folder))
        mode = stat.S_IMODE(st.st_mode) if st is not None else None
        if st is not None and _other_links(target, st) > 0:
            _write_linked(target, data, backup, st)
        else:
            tmp = _write_temp(folder, target.name, data, mode)
            try:
                if backup and st is not None:
                    _make_backup(target, target.with_name(target.name + ".bak"), st)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        _fsync_folder(folder)
    except OSError as e:
        raise write_error(shown, e, *what) from None


def _other_links(target: Path, st: os.stat_result) -> int:
    """Hard links to TARGET besides itself, not counting a .bak left linked by a killed save."""
    others = st.st_nlink - 1
    if others and same_file(target, target.with_name(target.name + ".bak")):
        others -= 1
    return others


def _write_linked(target: Path, data: bytes, backup: bool, st: os.stat_result) -> None:
    """A file with several hard links: keep the links by rewriting the shared inode.

    The new bytes are first written and fsynced to a temp file (so a full disk fails before the
    old file is touched) and the old version is saved whole in the .bak; only then is the
    shared file truncated and rewritten.
    """
    folder = target.parent if str(target.parent) else Path(".")
    tmp = _write_temp(folder, target.name, data, None)
    try:
        if backup:
            bak = target.with_name(target.name + ".bak")
            old = target.read_bytes()
            btmp = _write_temp(folder, bak.name, old, stat.S_IMODE(st.st_mode))
            try:
                os.replace(btmp, bak)
            except BaseException:
                Path(btmp).unlink(missing_ok=True)
                raise
        with open(target, "r+b") as f:
            f.write(data)
            f.truncate()
            f.flush()
            os.fsync(f.fileno())
    finally:
        Path(tmp).unlink(missing_ok=True)


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs(outputs: Iterable[str | os.PathLike | None], inputs: Iterable[str | os.PathLike]) -> None:
    """Refuse a command that would write onto one of its own inputs (same file on disk)."""
    ins = [Path(i) for i in inputs]
    for out in outputs:
        if out is None:
            continue
        for i in ins:
            if same_file(out, i):
                raise UserError(
                    f"输出文件 {out} 就是输入文件 {i}，写出会毁掉输入。请换一个输出文件名。",
                    f"The output {out} is the input {i}; writing it would destroy the input. "
                    "Choose another output name.",
                )
