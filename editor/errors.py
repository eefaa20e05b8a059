"""Errors caused by the user's input: a damaged file, a wrong format, a missing file.

Each carries one complete line in Chinese and in English (what is wrong, what to do), so
the CLI and the GUI show a sentence in the user's language and never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from layout.errors import Problem


class UserError(Problem):
    pass


def read_file_bytes(path: str | os.PathLike) -> bytes:
    """Read a file the user named; a missing or unreadable file becomes one clear line."""
    path = Path(path)
    try:
        return path.read_bytes()
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
