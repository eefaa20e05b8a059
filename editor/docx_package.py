"""Opening a Word package safely: the zip container, its relationships and its XML parts.

Files reach the office from many hands and tools, so nothing about them is trusted: the
container may be an encrypted OLE file, a renamed .doc, a truncated or hostile zip, or
carry XML with external entities. Everything here reads from bytes already in memory (the
source file is never opened for writing), bounds how much may be inflated, and parses XML
with a parser that never resolves entities or touches the network. Problems a user can fix
become one-line `UserError`s naming the file; recoverable oddities become report lines.

python-docx is not used to open the package: it refuses template and macro-enabled content
types, Strict OOXML and dangling relationships (all found in real files from the office),
and it cannot bound inflation. The parts are plain OOXML, read here with lxml.
"""

from __future__ import annotations

import io
import posixpath
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import Notice, UserError, not_regular

# Limits: a 300-page report with photos is well under these; a zip bomb is far over them.
MAX_FILE_BYTES = 200 * 1024 * 1024  # the .docx itself
MAX_PART_BYTES = 64 * 1024 * 1024  # one inflated XML part
MAX_MEDIA_BYTES = 64 * 1024 * 1024  # one inflated image
MAX_TOTAL_BYTES = 400 * 1024 * 1024  # everything inflated together
MAX_ENTRIES = 20000
MAX_RATIO = 400  # inflated / compressed, for parts bigger than RATIO_FLOOR
RATIO_FLOOR = 8 * 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = R_NS + "/officeDocument"

# Strict OOXML names the same vocabulary with other namespace URIs; mapping them onto the
# Transitional ones lets one reader serve both.
STRICT_TO_TRANSITIONAL = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", R_NS.encode()),
    (
        b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    ),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
    (
        b"http://purl.oclc.org/ooxml/drawingml/picture",
        b"http://schemas.openxmlformats.org/drawingml/2006/picture",
    ),
    (
        b"http://purl.oclc.org/ooxml/drawingml/chart",
        b"http://schemas.openxmlformats.org/drawingml/2006/chart",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/math",
        b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    ),
)
STRICT_MARK = b"http://purl.oclc.org/ooxml/"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _parser() -> etree.XMLParser:
    """A parser that cannot be made to fetch or expand anything (XXE, billion laughs)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


_PARSER = _parser()


def refuse(path: Path, zh: str, en: str) -> UserError:
    """One line naming the file, what is wrong with it and what to do."""
    return UserError(f"无法导入 {path.name}：{zh}", f"Cannot import {path.name}: {en}")


def _save_as_docx(path: Path, zh_what: str, en_what: str) -> UserError:
    return refuse(
        path,
        f"{zh_what}。请在 Word 或 WPS 中打开，另存为“Word 文档（*.docx）”后再导入。",
        f"{en_what}. Open it in Word or WPS, save it as a Word document (*.docx), then import that.",
    )


@dataclass
class Package:
    """The parts of a Word package, read on demand with inflation bounded."""

    path: Path
    zip: zipfile.ZipFile
    main: str  # name of the main document part, e.g. "word/document.xml"
    strict: bool = False
    warnings: list[Notice] = field(default_factory=list)
    entities: int = 0  # entity references left unexpanded (XXE attempts and the like)
    _inflated: int = 0
    _names: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    _rels: dict[str, dict[str, tuple[str, str, bool]]] = field(default_factory=dict)

    # ---- raw parts ----------------------------------------------------------------
    def has(self, name: str) -> bool:
        return name in self._names

    def read(self, name: str, limit: int = MAX_PART_BYTES) -> bytes:
        """Inflate one part, stopping as soon as it grows past what it declared or the limits."""
        info = self._names.get(name)
        if info is None:
            raise KeyError(name)
        budget = min(limit, info.file_size, MAX_TOTAL_BYTES - self._inflated)
        if info.file_size > limit or info.file_size > MAX_TOTAL_BYTES - self._inflated:
            raise _bomb(self.path)
        out = bytearray()
        try:
            with self.zip.open(info) as f:
                while True:
                    chunk = f.read(65536)
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > budget:
                        raise _bomb(self.path)
        except UserError:
            raise
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            ValueError,
            NotImplementedError,
            RuntimeError,
        ):
            raise _corrupt(self.path) from None
        self._inflated += len(out)
        return bytes(out)

    def xml(self, name: str) -> etree._Element | None:
        """A part parsed with the hardened parser; None (with a warning) when it is missing or broken."""
        if name not in self._names:
            return None
        raw = self.read(name)
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if self.strict or STRICT_MARK in raw[:4096]:
            self.strict = True
            for old, new in STRICT_TO_TRANSITIONAL:
                raw = raw.replace(old, new)
        try:
            root = etree.fromstring(raw, _PARSER)
        except etree.XMLSyntaxError as e:
            if name == self.main:
                raise refuse(
                    self.path,
                    f"正文部件 {name} 的 XML 已损坏（第 {e.lineno} 行）。请在 Word 或 WPS 中打开并修复，另存为 .docx 后再导入。",
                    f"its main part {name} holds broken XML (line {e.lineno}). Open and repair it in Word or WPS, "
                    "save as .docx, then import that.",
                ) from None
            self.warnings.append(
                Notice(
                    f"部件 {name} 的 XML 已损坏，其内容未导入。",
                    f"The part {name} holds broken XML; its content was not imported.",
                )
            )
            return None
        if root is None:
            return None
        if root.getroottree().docinfo.doctype:
            self.entities += sum(1 for _ in root.iter(etree.Entity))
        return root

    # ---- relationships ------------------------------------------------------------
    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """rId -> (type, target part name or URL, external) for one part; {} when it has none."""
        if part in self._rels:
            return self._rels[part]
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        out: dict[str, tuple[str, str, bool]] = {}
        root = self.xml(rels_name) if self.has(rels_name) else None
        if root is not None:
            for rel in root:
                if not isinstance(rel.tag, str) or etree.QName(rel).localname != "Relationship":
                    continue
                rid, target = rel.get("Id", ""), rel.get("Target", "")
                rtype = rel.get("Type", "").replace(
                    "http://purl.oclc.org/ooxml/officeDocument/relationships", R_NS
                )
                external = rel.get("TargetMode", "") == "External"
                if not external:
                    target = resolve_target(folder, target)
                out[rid] = (rtype, target, external)
        self._rels[part] = out
        return out

    def related(self, part: str, kind: str) -> list[str]:
        """Internal targets of `part` whose relationship type ends with /kind."""
        return [t for (rt, t, ext) in self.rels(part).values() if rt.endswith("/" + kind) and not ext]


def resolve_target(folder: str, target: str) -> str:
    """A relationship target as a part name; absolute targets start from the package root."""
    target = target.replace("\\", "/")
    if target.startswith("/"):
        joined = target.lstrip("/")
    else:
        joined = posixpath.join(folder, target)
    parts: list[str] = []
    for p in joined.split("/"):
        if p in ("", "."):
            continue
        if p == "..":
            if parts:
                parts.pop()
            continue
        parts.append(p)
    return "/".join(parts)


def _corrupt(path: Path) -> UserError:
    return refuse(
        path,
        "文件已损坏或不完整（zip 容器无法读取，可能下载或拷贝时被截断）。请重新获取原文件，或在 Word/WPS 中打开后另存为 .docx 再导入。",
        "the file is damaged or incomplete (its zip container cannot be read; perhaps it was truncated while "
        "copying). Get the file again, or open it in Word/WPS and save it as .docx, then import that.",
    )


def _bomb(path: Path) -> UserError:
    return refuse(
        path,
        "文件解压后的内容大得异常（可能是恶意构造的压缩包），已拒绝读取。请向来文单位索取正常的 .docx 文件。",
        "its contents would inflate to an implausible size (perhaps a zip bomb); it was not read. "
        "Ask the sender for an ordinary .docx file.",
    )


def _sniff_refusal(path: Path, head: bytes, raw: bytes) -> UserError | None:
    """Formats that are not a zip package at all, recognised by their first bytes."""
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        encrypted = "EncryptedPackage".encode("utf-16-le") in raw
        if encrypted or (
            suffix in (".docx", ".docm", ".dotx", ".dotm") and b"W\x00o\x00r\x00d\x00D" not in raw
        ):
            return refuse(
                path,
                "文件设置了打开密码（已加密），无法读取。请在 Word/WPS 中输入密码打开，取消密码后另存为 .docx 再导入。",
                "it is password-protected (encrypted) and cannot be read. Open it in Word/WPS with its password, "
                "remove the password, save it as .docx, then import that.",
            )
        if suffix == ".wps":
            return _save_as_docx(
                path, "这是 WPS 文字的旧格式（.wps）", "it is in the old WPS Writer format (.wps)"
            )
        return _save_as_docx(
            path, "这是 Word 97-2003 格式（.doc）", "it is in the Word 97-2003 format (.doc)"
        )
    if head.lstrip().startswith(b"{\\rtf"):
        return _save_as_docx(path, "这是 RTF 格式", "it is an RTF file")
    if head.lstrip()[:64].lower().startswith((b"<?xml", b"<w:worddocument", b"<?mso")):
        return _save_as_docx(path, "这是 Word 2003 XML 格式", "it is a Word 2003 XML file")
    if head[:5].lower() in (b"<html", b"<!doc"):
        return _save_as_docx(
            path, "这是网页（HTML）文件，只是扩展名为 Word", "it is a web page (HTML) with a Word extension"
        )
    if not head.startswith(b"PK"):
        if suffix == ".wps":
            return _save_as_docx(
                path, "这是 WPS 文字的旧格式（.wps）", "it is in the old WPS Writer format (.wps)"
            )
        if suffix == ".doc":
            return _save_as_docx(
                path, "这是 Word 97-2003 格式（.doc）", "it is in the Word 97-2003 format (.doc)"
            )
        return _corrupt(path)
    return None


def open_package(path: str | Path) -> tuple[Package, bytes]:
    """The package and the file's bytes (stored in the issue as the source copy)."""
    path = Path(path)
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):  # a pipe would never answer, a device never end
            raise not_regular(path)
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise refuse(
                path,
                f"文件太大（{size // (1024 * 1024)} MB）。请压缩其中的图片后另存为 .docx 再导入。",
                f"the file is too large ({size // (1024 * 1024)} MB). Compress its pictures, save it as .docx, "
                "then import that.",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(
            f"找不到文件 {path}。请检查路径。", f"File not found: {path}. Check the path."
        ) from None
    except IsADirectoryError:
        raise UserError(
            f"{path} 是文件夹，不是 Word 文件。", f"{path} is a folder, not a Word file."
        ) from None
    except PermissionError:
        raise UserError(
            f"没有权限读取 {path}。请检查文件权限，或先关闭正在使用它的程序。",
            f"No permission to read {path}. Check its permissions or close the program using it.",
        ) from None
    except OSError as e:
        raise UserError(
            f"无法读取文件 {path}：{e.strerror}。", f"Cannot read {path}: {e.strerror}."
        ) from None
    if not raw:
        raise refuse(
            path,
            "文件是空的（0 字节）。请重新获取原文件。",
            "the file is empty (0 bytes). Get the file again.",
        )
    problem = _sniff_refusal(path, raw[:512], raw)
    if problem is not None:
        raise problem
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        infos = zf.infolist()
    except Exception:  # zipfile raises many kinds (BadZipFile, NotImplementedError, struct.error...) on junk
        raise _corrupt(path) from None
    if len(infos) > MAX_ENTRIES:
        raise _bomb(path)
    total = 0
    names: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bomb(path)
        if info.flag_bits & 0x1:
            raise refuse(
                path,
                "压缩包内容已加密，无法读取。请在 Word/WPS 中取消密码后另存为 .docx 再导入。",
                "its zip entries are encrypted. Remove the password in Word/WPS, save as .docx, then import that.",
            )
        names[info.filename.lstrip("/")] = info
    if total > MAX_TOTAL_BYTES:
        raise _bomb(path)
    if "mimetype" in names and "content.xml" in names:
        raise _save_as_docx(path, "这是 OpenDocument 文本（.odt）", "it is an OpenDocument text (.odt)")
    pkg = Package(path, zf, "", _names=names)
    root_rels = pkg.rels("")
    main = next((t for (rt, t, ext) in root_rels.values() if rt == OFFICE_DOC and not ext), "")
    if not main:
        # Some hand-made packages lack _rels/.rels; the conventional name still works.
        main = "word/document.xml" if "word/document.xml" in names else ""
    if not main or main not in names:
        if "xl/workbook.xml" in names:
            raise _save_as_docx(
                path, "这是 Excel 工作簿，不是 Word 文档", "it is an Excel workbook, not a Word document"
            )
        if "ppt/presentation.xml" in names:
            raise _save_as_docx(
                path,
                "这是 PowerPoint 演示文稿，不是 Word 文档",
                "it is a PowerPoint file, not a Word document",
            )
        raise refuse(
            path,
            "找不到 Word 正文部件（不是 Word 文档，或文件已损坏）。请在 Word/WPS 中打开并另存为 .docx 再导入。",
            "no Word main document part was found (not a Word document, or damaged). Open it in Word/WPS, "
            "save it as .docx, then import that.",
        )
    pkg.main = main
    if pkg.strict:
        pkg.warnings.append(
            Notice(
                "文件为“严格 Open XML”格式，已按常规 .docx 读取；如有内容缺失，请另存为普通 Word 文档后重新导入。",
                "The file is in Strict Open XML and was read as a usual .docx; if anything is missing, save it as "
                "an ordinary Word document and import it again.",
            )
        )
    suffix = path.suffix.lower()
    if suffix in (".docm", ".dotm") or "word/vbaProject.bin" in names:
        pkg.warnings.append(
            Notice(
                "文件含宏（.docm）：宏未读取也不会运行，只导入了文字、表格和图片。",
                "The file holds macros (.docm): they were neither read nor run; only text, tables and pictures were imported.",
            )
        )
    if suffix in (".dotx", ".dotm", ".dot"):
        pkg.warnings.append(
            Notice(
                "文件是 Word 模板：已按普通文档导入其中的内容。",
                "The file is a Word template: its content was imported as a document.",
            )
        )
    return pkg, raw
