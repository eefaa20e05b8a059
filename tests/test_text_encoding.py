"""Text files are read as written: the encoding an office's editor saved in is detected
(UTF-8 with or without BOM, UTF-16/32, GB18030, Big5) and named in the import report; a
text that would come out as garbage is refused with one line, never imported; a long
fill-in blank ("……" × 10,000) imports in time linear in its length."""

from pathlib import Path

import pytest

from editor.errors import UserError
from editor.importing import import_document, load_input
from editor.text_encoding import decode_text, plausibility
from tests.cli_run import run_cli

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "hld-2018-02.txt"
GOVDOC = SHARED / "corpus" / "govdocs" / "02.txt"

# A short notice in traditional characters, written for this test (Big5 cannot hold simplified text).
TRADITIONAL = (
    "關於加強環境保護與資源節約工作的通知\n\n各縣市政府：\n\n"
    "為進一步落實環境保護責任，現將有關事項通知如下：\n\n"
    "一、各單位應當建立健全環境監測體系，確保數據真實準確。\n\n"
    "二、加強對重點區域的監督檢查，發現問題及時處理。\n\n特此通知。\n\n"
    "某某縣人民政府\n2018年1月5日\n"
)


run = run_cli


def simplified() -> str:
    return GOVDOC.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("codec", "bom", "named"),
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", b"\xef\xbb\xbf", "UTF-8 (BOM)"),
        ("gb18030", b"", "GB18030"),
        ("utf-16-le", b"\xff\xfe", "UTF-16 (BOM)"),
        ("utf-16-be", b"\xfe\xff", "UTF-16 (BOM)"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "UTF-32 (BOM)"),
        ("utf-32-be", b"\x00\x00\xfe\xff", "UTF-32 (BOM)"),
        ("utf-16-le", b"", "UTF-16"),
    ],
)
def test_simplified_text_in_every_encoding_imports_as_written(tmp_path, codec, bom, named):
    text = simplified()
    path = tmp_path / "doc.txt"
    path.write_bytes(bom + text.encode(codec))
    doc, _ = import_document(path, "d1")
    reference, _ = import_document(_utf8_copy(tmp_path, text), "d1")
    assert [b.text for b in doc.blocks] == [b.text for b in reference.blocks]
    assert doc.title == reference.title
    assert doc.report[0].zh.startswith(f"文本编码：{named}（")


def _utf8_copy(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "reference.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_big5_text_imports_with_its_characters(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    doc, _ = import_document(path, "d1")
    texts = "".join(b.text for b in doc.blocks) + doc.title
    assert "環境監測體系" in texts and "發現問題及時處理" in texts
    assert doc.report[0].message("zh") == "文本编码：Big5（自动识别）"
    assert doc.report[0].message("en") == "Text encoding: Big5 (detected)"


def test_gb18030_is_not_taken_for_big5_nor_the_reverse():
    gb = simplified().encode("gb18030")
    big5 = TRADITIONAL.encode("big5")
    assert decode_text(gb, "x").encoding == "GB18030"
    assert decode_text(big5, "x").encoding == "Big5"
    # each read the other way is garbage by the plausibility measure
    assert plausibility(big5.decode("gb18030", errors="replace")) < 0.85
    assert plausibility(gb.decode("big5", errors="replace")) < 0.85


def test_whole_issue_dump_in_gb18030_builds_like_utf8(tmp_path):
    gb = tmp_path / "seed-gb.txt"
    gb.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    issue = load_input(gb)
    reference = load_input(SEED)
    assert [d.title for d in issue.documents()] == [d.title for d in reference.documents()]
    assert [b.text for d in issue.documents() for b in d.blocks] == [
        b.text for d in reference.documents() for b in d.blocks
    ]
    assert issue.notes[0].zh == "文本编码：GB18030（自动识别）"


def test_unreadable_text_is_refused_with_one_line(tmp_path):
    path = tmp_path / "japanese.txt"
    # Shift-JIS kana and kanji: neither GB18030 nor Big5 reads it as Chinese
    path.write_bytes(
        ("これは日本語のテキストです。ひらがなとカタカナ、そして漢字。\n" * 20).encode("shift_jis")
    )
    r = run("import", path, "-o", tmp_path / "x.gazette")
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "Cannot tell the encoding" in r.stderr and "--encoding" in r.stderr
    assert not (tmp_path / "x.gazette").exists()


def test_encoding_can_be_forced_and_a_wrong_force_is_refused(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    ok = run("import", path, "-o", tmp_path / "a.gazette", "--encoding", "big5")
    assert ok.returncode == 0, ok.stderr
    assert "Text encoding: Big5 (as --encoding says)" in ok.stdout
    wrong = run("import", path, "-o", tmp_path / "b.gazette", "--encoding", "gb18030")
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "unreadable text" in wrong.stderr
    unknown = run("import", path, "-o", tmp_path / "c.gazette", "--encoding", "klingon")
    assert unknown.returncode == 1 and "Unknown encoding 'klingon'" in unknown.stderr


def test_binary_data_is_still_refused(tmp_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(UserError) as e:
        import_document(path, "d1")
    assert "binary" in e.value.en


@pytest.mark.parametrize("filler", ["…", ".", "·", "．", " ", "　", "_", "—"])
def test_a_very_long_fill_in_line_imports(tmp_path, filler):
    text = simplified().replace("\n", "\n申请人（签字）：" + filler * 10_000 + "\n", 3)
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    # through the CLI with run()'s hang guard: the old cubic match took hours on 10,000 dots,
    # so a regression fails here instead of only making the suite slow
    r = run("import", path, "-o", tmp_path / "form.gazette")
    assert r.returncode == 0, r.stderr
    doc, _ = import_document(path, "d1")
    assert any(filler * 10_000 in b.text for b in doc.blocks) or filler.isspace()


def test_a_long_dotted_line_in_a_whole_issue_is_not_a_toc_entry(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    path = tmp_path / "seed-long.txt"
    path.write_text(seed.replace("\n", "\n" + "…" * 10_000 + "12\n", 30), encoding="utf-8")
    issue = load_input(path)
    assert len(issue.documents()) == len(load_input(SEED).documents())


def test_control_count_counts_the_c0_controls_but_tab_lf_ff_cr():
    from editor.text_encoding import control_count

    text = "".join(map(chr, range(0x30))) * 3 + "公文\ufffd\x7f\x85"
    by_hand = sum(1 for c in text if ord(c) < 32 and c not in "\t\r\n\f")
    assert control_count(text) == by_hand == 28 * 3
