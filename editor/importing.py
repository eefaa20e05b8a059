"""Turning files on disk into issues and documents, whatever their kind.

One dispatch point so the CLI, recipes and the GUI's drop handler accept the same files
and fail with the same sentences. Importing is all-or-nothing: documents are read first
and only then added, so a bad file in a batch never leaves a half-updated issue.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .bounds import admit_document, cleaned_note
from .errors import Notice, UserError, read_file_bytes
from .model import UNSORTED_SECTION_NAME, Document, Issue, Source
from .text_encoding import Decoded, control_count, decode_text

if TYPE_CHECKING:
    from layout.keptbuild import KeptBuild

WORD_SUFFIXES = (".docx", ".doc", ".docm", ".dotx", ".dotm", ".dot", ".wps", ".rtf", ".odt")


def _not_found(path: Path) -> UserError:
    return UserError(f"找不到文件 {path}。请检查路径。", f"File not found: {path}. Check the path.")


def read_text_file(path: Path, encoding: str | None = None) -> Decoded:
    """A text file's content as written, its encoding detected (or forced with `encoding`)."""
    decoded = decode_text(read_file_bytes(path), str(path), encoding)
    controls = control_count(decoded.text[:65536])
    if controls > 8:
        raise UserError(
            f"{path} 不是文本文件（内容是二进制数据）。请提供文本文件，或用 Word/WPS 另存为 .docx 后导入。",
            f"{path} is not a text file (it holds binary data). Supply a text file, or save it as .docx in Word/WPS.",
        )
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, decoded.encoding, decoded.detected)


def encoding_line(decoded: Decoded) -> Notice:
    """The report line naming the encoding a text file was read in."""
    if decoded.detected:
        return Notice(
            f"文本编码：{decoded.encoding}（自动识别）", f"Text encoding: {decoded.encoding} (detected)"
        )
    return Notice(
        f"文本编码：{decoded.encoding}（按 --encoding 指定）",
        f"Text encoding: {decoded.encoding} (as --encoding says)",
    )


def import_document(
    path: str | os.PathLike, doc_id: str, encoding: str | None = None
) -> tuple[Document, dict[str, bytes]]:
    """One document from a .txt or a Word file, plus the files to store in the issue."""
    from .text_import import is_issue_dump, parse_document_text

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        if not path.exists():
            raise _not_found(path)
        from .docx_import import import_docx

        return import_docx(path, doc_id)
    if suffix in (".txt", ".text", ""):
        decoded = read_text_file(path, encoding)
        if is_issue_dump(decoded.text):
            raise UserError(
                f"{path} 是整期公报的文本，不是单篇文件。请直接用它构建或导入整期。",
                f"{path} holds a whole issue, not one document. Build or import it as an issue.",
            )
        doc = parse_document_text(decoded.text, doc_id)
        doc.report.insert(0, encoding_line(decoded))
        cleaned = admit_document(doc, path, "文本文件", "text file")
        if cleaned:
            doc.report.append(cleaned_note(cleaned))
        name = f"sources/{doc_id}-{path.name}"
        doc.source = Source(name, "txt", str(path))
        return doc, {name: path.read_bytes()}
    raise UserError(
        f"不支持的文件类型 {path.name}。请导入 .docx 或 .txt 文件。",
        f"Unsupported file type {path.name}. Import .docx or .txt files.",
    )


def load_input(path: str | os.PathLike, encoding: str | None = None, *, allow_outside: bool = False) -> Issue:
    """A whole issue from a .gazette file, a recipe (.toml) or a text dump of a printed issue."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise _not_found(path)
    if suffix == ".gazette":
        from .issue_file import load_issue

        return load_issue(path)
    if suffix == ".toml":
        return load_recipe(path, encoding, allow_outside=allow_outside)
    if suffix in (".txt", ".text"):
        from .text_import import is_issue_dump, parse_issue_text

        decoded = read_text_file(path, encoding)
        if not is_issue_dump(decoded.text):
            raise UserError(
                f"{path} 不是整期公报的文本（没有找到“目录”和期号）。单篇文件请写入配方后构建。",
                f"{path} is not the text of a whole issue (no 目录 and issue number found). "
                "List single documents in a recipe instead.",
            )
        issue = parse_issue_text(decoded.text, str(path))
        issue.add_note(encoding_line(decoded), 0)
        for doc in issue.documents():
            admit_document(doc, path, "文本文件", "text file")
        return issue
    raise UserError(
        f"无法识别 {path.name}：请提供 .gazette 期刊文件、.toml 配方或整期 .txt 文本。",
        f"Cannot read {path.name}: give a .gazette issue file, a .toml recipe or a whole-issue .txt.",
    )


T = TypeVar("T")
KEPT_SUFFIXES = (".txt", ".text", ".gazette")  # one file holds the whole issue: its bytes are the key


def input_key(path: str | os.PathLike, encoding: str | None) -> bytes | None:
    """What the issue read from `path` depends on, as a digest, when that is the file alone.

    A text dump or .gazette file is the whole issue, so what it reads as depends only on its
    bytes, the encoding asked for, the code that reads it (the editor's and the layout's sources,
    the layout's in a kept build's own stamp) and the issue file's schema. A recipe names other
    files: None, as for a file that cannot be read (reading it says what is wrong)."""
    from layout.digest import sha1
    from layout.keptbuild import sources_stamp

    from .schemas import ISSUE as SCHEMA  # an issue file is read against it

    if Path(path).suffix.lower() not in KEPT_SUFFIXES:
        return None
    try:  # read as the importers read (a pipe or device never blocks us; bounded in size)
        data = read_file_bytes(path)
        schema = os.stat(SCHEMA)
    except (UserError, OSError):
        return None  # reading it again says what is wrong
    h = sha1(data)
    h.update(f"|{encoding}|{os.path.abspath(path)}|{sources_stamp(str(Path(__file__).parent))}".encode())
    h.update(f"|{schema.st_size}|{schema.st_mtime_ns}".encode())
    return h.digest()


def load_input_kept(
    path: str | os.PathLike, encoding: str | None, *, allow_outside: bool = False, kept: KeptBuild
) -> tuple[Issue, bytes | None]:
    """load_input, or the issue the last build of `kept` read from the same input; with the
    input's `input_key`, under which the caller may keep more of what it makes from the issue."""
    key = input_key(path, encoding)
    if key is None:
        return load_input(path, encoding, allow_outside=allow_outside), None
    got = kept_object(kept, "issue", key, Issue)
    if got is not None:
        return got, key
    issue = load_input(path, encoding, allow_outside=allow_outside)
    keep_object(kept, "issue", key, issue)
    return issue, key


def kept_object(kept: KeptBuild, name: str, key: bytes, kind: type[T]) -> T | None:
    """The object `keep_object` kept under `name` and `key` in the last build, if it is a `kind`."""
    import pickle

    from layout.collector import cyclic_gc_paused

    got = kept.note(name, key)
    if got is None:
        return None
    try:
        with cyclic_gc_paused():
            value = pickle.loads(got)
    except Exception:  # noqa: BLE001 - a damaged entry is only made again
        return None
    return value if isinstance(value, kind) else None


def keep_object(kept: KeptBuild, name: str, key: bytes, value: object) -> None:
    """Keep `value`, as it is now, for the next build of `kept` (see KeptBuild.keep)."""
    import pickle

    from layout.collector import cyclic_gc_paused

    try:
        with cyclic_gc_paused():
            kept.keep(name, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - what cannot be kept is made again next time
        pass


def load_recipe(
    path: str | os.PathLike, encoding: str | None = None, *, allow_outside: bool = False
) -> Issue:
    """An issue from a recipe, importing every listed document (all or nothing)."""
    from .recipe import read_recipe

    spec = read_recipe(path, allow_outside=allow_outside)
    issue = spec.issue
    for entry in spec.documents:
        doc, files = import_document(entry.path, issue.new_document_id(), entry.encoding or encoding)
        for name, value in entry.overrides.items():
            setattr(doc, name, value)
        issue.add_document(entry.section, doc)
        issue.add_files(files)
    for note in spec.notes:
        issue.add_note(note)
    return issue


@dataclass
class ImportPlan:
    """Documents read from files and where they go, not yet added to the issue.

    The CLI applies it with `apply_import`; the GUI turns it into one undoable command.
    """

    documents: list[Document]
    files: dict[str, bytes]
    section: int | None  # the existing section they go into, or None for a new one
    new_section: str  # the new section's name when `section` is None
    report: list[Notice] = field(default_factory=list)


def prepare_import(
    issue: Issue,
    paths: Sequence[str | os.PathLike],
    section: int | str | None = None,
    encoding: str | None = None,
    lang: str = "zh",
) -> ImportPlan:
    """Read every file (all or nothing: the first bad file raises) for a section given by index,
    by name (created if missing) or, by default, the last one (an empty issue gets a new one,
    named in `lang`)."""
    documents: list[Document] = []
    files: dict[str, bytes] = {}
    taken = {d.id for d in issue.documents()}
    for p in paths:
        doc_id = next(f"d{n}" for n in itertools.count(1) if f"d{n}" not in taken)
        taken.add(doc_id)
        doc, stored = import_document(p, doc_id, encoding)
        documents.append(doc)
        files.update(stored)
    index: int | None
    name = ""
    if isinstance(section, str):
        index = next((i for i, s in enumerate(issue.sections) if s.name == section), None)
        name = section
    elif section is not None and issue.sections:
        index = max(0, min(section, len(issue.sections) - 1))
    else:
        index = len(issue.sections) - 1 if issue.sections else None
        name = UNSORTED_SECTION_NAME  # printed in the issue: not the UI language
    target = issue.sections[index].name if index is not None else name
    report: list[Notice] = []
    for doc, p in zip(documents, paths, strict=True):
        file = Path(p).name
        report.append(
            Notice(
                f"{file} → {target}：{doc.title or '（无标题）'}",
                f"{file} → section “{target}”: " + (f"“{doc.title}”" if doc.title else "(no title)"),
            )
        )
        report += [Notice(f"  {n.zh}", f"  {n.en}") for n in doc.report]
    return ImportPlan(documents, files, index, name, report)


def apply_import(issue: Issue, plan: ImportPlan) -> None:
    index = plan.section
    if index is None:
        issue.add_section(plan.new_section)
        index = len(issue.sections) - 1
    for doc in plan.documents:
        issue.add_document(index, doc)
    issue.add_files(plan.files)


def import_files(
    issue: Issue,
    paths: list[str | os.PathLike],
    section_name: str | None = None,
    encoding: str | None = None,
) -> list[Notice]:
    """Append documents to a section (created if missing; default: the last one).

    Returns the import report. Nothing is added unless every file imports.
    """
    plan = prepare_import(issue, paths, section_name, encoding)
    apply_import(issue, plan)
    return plan.report
