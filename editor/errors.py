"""Errors caused by the user's input: a damaged file, a wrong format, a missing file.

Each carries one complete line in Chinese and in English (what is wrong, what to do), so
the CLI and the GUI show a sentence in the user's language and never a traceback.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from layout.errors import Notice, Problem

__all__ = ["Notice", "Problem", "UserError", "read_file_bytes"]


class UserError(Problem):
    pass


MAX_INPUT_BYTES = 512 * 1024 * 1024  # far above any real issue's source file


def read_file_bytes(path: str | os.PathLike, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file the user (or a recipe) named; one clear line otherwise.

    Opened without blocking so that a named pipe cannot hang us, checked to be a regular
    file, and read up to `limit` bytes so that no file can fill memory.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise UserError(
            f"找不到文件 {path}。请检查路径。", f"File not found: {path}. Check the path."
        ) from None
    except IsADirectoryError:
        raise UserError(f"{path} 是文件夹，不是文件。", f"{path} is a folder, not a file.") from None
    except OSError as e:
        raise UserError(
            f"无法读取文件 {path}：{e.strerror}。", f"Cannot read {path}: {e.strerror}."
        ) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise UserError(f"{path} 是文件夹，不是文件。", f"{path} is a folder, not a file.")
        if not stat.S_ISREG(st.st_mode):
            raise not_regular(path)
        if st.st_size > limit:
            raise _too_big(path, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, 1 << 20)
            except OSError as e:
                raise UserError(
                    f"无法读取文件 {path}：{e.strerror}。", f"Cannot read {path}: {e.strerror}."
                ) from None
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # a file that grows while read, or a /proc file that claims size 0
                raise _too_big(path, limit)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_big(path: Path, limit: int) -> UserError:
    mb = limit // (1024 * 1024)
    return UserError(
        f"文件 {path} 超过 {mb} MB，不像是公报的源文件。请检查是否选错了文件。",
        f"The file {path} is larger than {mb} MB, too large for a gazette source file. Check that it is the right file.",
    )


def not_regular(path: Path) -> UserError:
    return UserError(
        f"{path} 不是普通文件（是设备、管道或套接字），不能作为输入。",
        f"{path} is not a regular file (a device, pipe or socket) and cannot be read as input.",
    )
