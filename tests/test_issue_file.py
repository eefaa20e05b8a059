import datetime
import io
import zipfile

import pytest

from editor.errors import Notice, UserError
from editor.issue_file import issue_from_bytes, issue_to_bytes, load_issue, save_issue
from editor.model import (
    Block,
    Board,
    BoardEntry,
    Cell,
    Document,
    Gazette,
    IgnoredFinding,
    Issue,
    ProofRecord,
    Role,
    Table,
)


def sample_issue() -> Issue:
    issue = Issue(
        Gazette("示例市人民政府公报", "双月刊", "示例市人民政府办公室"),
        2026,
        3,
        77,
        datetime.date(2026, 5, 20),
    )
    issue.add_section("市政府文件")
    issue.add_section("市政府办公室文件")
    doc = Document(
        "",
        issuer="示例市人民政府文件",
        number="示政发〔2026〕7号",
        title="关于某事的通知",
        recipients="各区人民政府：",
        blocks=[
            Block(Role.PARAGRAPH, "  首尾空格与\n软换行保留 ", joins=[4]),
            Block(Role.HEADING1, "一、总体要求"),
            Block(Role.TABLE, table=Table([[Cell("项目", 2)], [Cell("甲"), Cell("乙", rowspan=2)]], 1)),
            Block(Role.IMAGE, image="media/d1-1.png", image_width_mm=60.5),
            Block(Role.SIGNATURE, "示例市人民政府"),
            Block(Role.DATE, "2026年5月1日"),
        ],
        footnotes=["脚注一"],
        report=[Notice("识别：标题", "Recognised: title")],
    )
    issue.add_document(0, doc)
    issue.board = Board("编委会", [BoardEntry("编委", ["甲", "乙"]), BoardEntry("邮编", text="100000")])
    issue.ignored.append(IgnoredFinding("spaces", "d1:0", "原文如此"))
    issue.proofs.append(
        ProofRecord(1, "2026-05-01", [{"folio": 2, "hash": "ab"}], [{"doc": "d1", "page": 2}])
    )
    issue.files["media/d1-1.png"] = b"\x89PNG fake"
    return issue


def test_save_load_save_gives_identical_bytes(tmp_path):
    issue = sample_issue()
    path = tmp_path / "a.gazette"
    save_issue(issue, path)
    first = path.read_bytes()
    again = load_issue(path)
    assert again == issue
    save_issue(again, path)
    assert path.read_bytes() == first
    assert (tmp_path / "a.gazette.bak").read_bytes() == first  # the previous save is kept


def test_save_replaces_atomically_and_leaves_no_temp(tmp_path):
    path = tmp_path / "a.gazette"
    save_issue(sample_issue(), path)
    save_issue(sample_issue(), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gazette", "a.gazette.bak"]


def _rewrite_xml(data: bytes, fn) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            body = src.read(info)
            z.writestr(info, fn(body) if info.filename == "issue.xml" else body)
    return out.getvalue()


@pytest.mark.parametrize(
    "damage, words",
    [
        (lambda b: b[: len(b) // 2], "zip"),
        (lambda b: b"plain text, not a zip", "zip"),
        (lambda b: _rewrite_xml(b, lambda x: x.replace(b'number="3"', b'number="three"')), "line 4"),
        (lambda b: _rewrite_xml(b, lambda x: x.replace(b'version="1"', b'version="9"')), "version 9"),
        (lambda b: _rewrite_xml(b, lambda x: x[:-40]), "malformed at line"),
    ],
)
def test_damaged_files_give_one_line_and_stay_untouched(tmp_path, damage, words):
    path = tmp_path / "bad.gazette"
    path.write_bytes(damage(issue_to_bytes(sample_issue())))
    before = path.read_bytes()
    with pytest.raises(UserError) as e:
        load_issue(path)
    assert words in e.value.en and "\n" not in e.value.en and "\n" not in e.value.zh
    assert path.read_bytes() == before


def test_missing_issue_xml():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("other.txt", "x")
    with pytest.raises(UserError, match="issue.xml is missing"):
        issue_from_bytes(out.getvalue())


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="not found"):
        load_issue(tmp_path / "nope.gazette")


def test_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    evil = f'<!DOCTYPE issue [<!ENTITY x SYSTEM "file://{secret}">]>'.encode()
    data = _rewrite_xml(
        issue_to_bytes(sample_issue()),
        lambda x: x.replace(b"?>\n", b"?>\n" + evil + b"\n", 1).replace(
            "示例市人民政府公报".encode(), b"&x;"
        ),
    )
    try:
        issue = issue_from_bytes(data)
    except UserError:
        return  # refusing is fine too; leaking is not
    assert "TOPSECRET" not in issue.gazette.name


def test_images_are_stored_as_they_are_and_text_is_deflated():
    """JPEG/PNG are already compressed: the .gazette stores them, and they load back intact."""
    issue = sample_issue()
    jpeg = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
    issue.files["media/photo.jpg"] = jpeg
    issue.files["media/notes.bin"] = b"plain data " * 400
    data = issue_to_bytes(issue)
    z = zipfile.ZipFile(io.BytesIO(data))
    kinds = {i.filename: i.compress_type for i in z.infolist()}
    assert kinds["media/photo.jpg"] == zipfile.ZIP_STORED
    assert kinds["media/d1-1.png"] == zipfile.ZIP_STORED
    assert kinds["media/notes.bin"] == zipfile.ZIP_DEFLATED
    assert kinds["issue.xml"] == zipfile.ZIP_DEFLATED
    assert issue_from_bytes(data).files["media/photo.jpg"] == jpeg


def test_notes_and_reports_keep_both_languages_and_old_files_still_load():
    issue = Issue(year=2018, notes=[Notice("删去了 3 行页眉。", "Removed 3 running heads.")])
    issue.add_section("栏目")
    issue.add_document(0, Document("d1", title="标题", report=[Notice("识别：标题", "Recognised: title")]))
    again = issue_from_bytes(issue_to_bytes(issue))
    assert again.notes == issue.notes and again.document("d1").report == issue.document("d1").report
    # a file written before notes had English: one text, the English in brackets at the end
    xml = issue_to_bytes(issue)
    old = _rewrite_xml(
        xml,
        lambda x: (
            x.replace(b' en="Removed 3 running heads."', b"")
            .replace(
                "删去了 3 行页眉。".encode(), "删去了 3 行页眉（running heads or folios removed）".encode()
            )
            .replace(b' en="Recognised: title"', b"")
        ),
    )
    loaded = issue_from_bytes(old)
    assert loaded.notes == [Notice("删去了 3 行页眉", "running heads or folios removed")]
    assert loaded.document("d1").report == [Notice("识别：标题", "识别：标题")]


def _rewrite_xml(data: bytes, change) -> bytes:
    """The issue file with its issue.xml passed through `change`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info, change(body) if info.filename.endswith(".xml") else body)
    return out.getvalue()


def test_comments_and_processing_instructions_in_a_hand_edited_issue_are_ignored():
    """issue.xml edited by hand (or by another tool) may carry XML comments anywhere, also between
    the blocks of a body: they are not content, and reading the file must not fail on them."""
    data = issue_to_bytes(sample_issue())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["issue.xml"].decode("utf-8")
    assert "<body>" in xml
    xml = xml.replace("<body>", "<body><!-- 校对：此处待定 --><?editor mark?>", 1)
    xml = xml.replace("</body>", "<!-- end --></body>", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in parts.items():
            z.writestr(name, xml.encode("utf-8") if name == "issue.xml" else content)
    again = issue_from_bytes(out.getvalue())
    assert [b.role for b in again.documents()[0].blocks] == [
        b.role for b in sample_issue().documents()[0].blocks
    ]
    assert issue_to_bytes(again) == data
