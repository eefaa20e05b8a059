"""Where the files an issue is made from may come from.

A recipe or an issue file names other files: the documents, a template. Written by the
office itself that is harmless, but a recipe or an issue file received from someone else
could name `../../home/colleague/…`, `/etc/…`, a symlink out of the folder, `/dev/zero`
(which never ends) or a named pipe (which never answers), and the tool would read it and
store a copy in the issue. So:

* a recipe reads files under its own folder (symlinks resolved first); a file outside it
  needs `--allow-outside` on the command line, and every such file is listed in the report;
* only regular files are read, never devices, pipes or sockets, and never more than
  `errors.MAX_INPUT_BYTES` of them (errors.read_file_bytes): an input is refused before it can hang or fill memory;
* a template named by a recipe or an issue file is a shipped template (resources/templates)
  or a .toml file in the same folder; any other template must be given on purpose with
  `--template`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Notice, UserError


@dataclass
class InputScope:
    """The folder a recipe or an issue file may read from, and what it read outside it."""

    root: Path
    allow_outside: bool = False
    outside: list[Path] = field(default_factory=list)

    def admit(self, path: Path, what_zh: str, what_en: str) -> Path:
        """`path` (relative to the root) resolved, if the rules let it be read; else a UserError."""
        target = (self.root / path).resolve()
        if target.is_relative_to(self.root.resolve()):
            return target
        if not self.allow_outside:
            raise UserError(
                f"{what_zh} {path} 在 {self.root} 文件夹之外。只读取配方所在文件夹里的文件；"
                "确需读取时请在命令行加 --allow-outside。",
                f"The {what_en} {path} lies outside the folder {self.root}. Only files in that folder are read; "
                "add --allow-outside on the command line if you mean it.",
            )
        if target not in self.outside:
            self.outside.append(target)
        return target

    def report_lines(self) -> list[Notice]:
        return [
            Notice(
                f"读取了文件夹以外的文件（--allow-outside）：{p}",
                f"Read a file outside the folder (--allow-outside): {p}",
            )
            for p in self.outside
        ]


def is_template_name(value: str) -> bool:
    """A shipped template's name ("gazette-a4"), as opposed to a path to a .toml file."""
    return bool(value) and "/" not in value and "\\" not in value and not value.lower().endswith(".toml")
