"""Turning files on disk into issues and documents, whatever their kind.

One dispatch point so the CLI, recipes and the GUI's drop handler accept the same files
and fail with the same sentences. Importing is all-or-nothing: documents are read first
and only then added, so a bad file in a batch never leaves a half-updated issue.
"""

from __future__ import annotations

import os
from pathlib import Path

from .bounds import admit_document, cleaned_note
from .errors import UserError, read_file_bytes
from .model import UNSORTED_SECTION_NAME, Document, Issue, Source
from .text_encoding import Decoded, decode_text

WORD_SUFFIXES = (".docx", ".doc", ".docm", ".dotx", ".dotm", ".dot", ".wps", ".rtf", ".odt")


def _not_found(path: Path) -> UserError:
    return UserError(f"找不到文件 {path}。请检查路径。", f"File not found: {path}. Check the path.")


def read_text_file(path: Path, encoding: str | None = None) -> Decoded:
    """A text file's content as written, its encoding detected (or forced with `encoding`)."""
    decoded = decode_text(read_file_bytes(path), str(path), encoding)
    controls = sum(1 for c in decoded.text[:65536] if ord(c) < 32 and c not in "\t\r\n\f")
    if controls > 8:
        raise UserError(
            f"{path} 不是文本文件（内容是二进制数据）。请提供文本文件，或用 Word/WPS 另存为 .docx 后导入。",
            f"{path} is not a text file (it holds binary data). Supply a text file, or save it as .docx in Word/WPS.",
        )
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, decoded.encoding, decoded.detected)


def encoding_line(decoded: Decoded) -> str:
    """The report line naming the encoding a text file was read in."""
    how = "自动识别" if decoded.detected else "按 --encoding 指定"
    return f"文本编码：{decoded.encoding}（{how}）"


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
        issue.notes.insert(0, encoding_line(decoded))
        for doc in issue.documents():
            admit_document(doc, path, "文本文件", "text file")
        return issue
    raise UserError(
        f"无法识别 {path.name}：请提供 .gazette 期刊文件、.toml 配方或整期 .txt 文本。",
        f"Cannot read {path.name}: give a .gazette issue file, a .toml recipe or a whole-issue .txt.",
    )


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


def import_files(
    issue: Issue,
    paths: list[str | os.PathLike],
    section_name: str | None = None,
    encoding: str | None = None,
) -> list[str]:
    """Append documents to a section (created if missing; default: the last one).

    Returns the import report lines. Nothing is added unless every file imports.
    """
    imported: list[tuple[Document, dict[str, bytes]]] = []
    taken = {d.id for d in issue.documents()}
    for p in paths:
        n = 1
        while f"d{n}" in taken:
            n += 1
        taken.add(f"d{n}")
        imported.append(import_document(p, f"d{n}", encoding))
    if section_name is not None:
        index = next((i for i, s in enumerate(issue.sections) if s.name == section_name), None)
        if index is None:
            issue.add_section(section_name)
            index = len(issue.sections) - 1
    else:
        if not issue.sections:
            issue.add_section(UNSORTED_SECTION_NAME)
        index = len(issue.sections) - 1
    report: list[str] = []
    for (doc, files), p in zip(imported, paths, strict=True):
        issue.add_document(index, doc)
        issue.add_files(files)
        report.append(f"{Path(p).name} → {issue.sections[index].name}：{doc.title or '（无标题）'}")
        report += [f"  {line}" for line in doc.report]
    return report
