"""The damaged and hostile files of issue 12, built on the spot (no binary fixtures).

Each builder writes one file into a folder and returns its path. `docx_parts` writes a minimal
Word package from XML strings, so a test (or the fuzzer in benchmarks/fuzz.py) can put any
hostile value exactly where Word would put the real one.
"""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}image" Target="media/image1.png"/>'
    "</Relationships>"
)
TITLE = "关于做好冬季安全生产工作的通知"
BODY = "各县（市、区）人民政府，市政府各部门：现将有关事项通知如下。"


def document_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" '
        f'xmlns:pic="{PIC_NS}"><w:body>{body}</w:body></w:document>'
    )


def para(text: str, ppr: str = "", rpr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t>{text}</w:t></w:r></w:p>"


def numbering_xml(levels: str = "", nums: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{nums}</w:num></w:numbering>'
    )


def level(ilvl: int, text: str, start: str = "1", fmt: str = "decimal") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style></w:styles>"
)

# A 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201e2215bc10000000049454e44ae426082"
)


def docx_bytes(body: str, numbering: str | None = None, styles: str = STYLES, media: bytes = PNG) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document_xml(body))
        z.writestr("word/numbering.xml", numbering or numbering_xml(level(0, "%1.")))
        z.writestr("word/styles.xml", styles)
        z.writestr("word/media/image1.png", media)
    return buf.getvalue()


def plain_docx(extra: str = "") -> bytes:
    return docx_bytes(para(TITLE, '<w:jc w:val="center"/>', '<w:sz w:val="44"/>') + para(BODY) + extra)


def picture(cx: str = "3600000", cy: str = "1800000") -> str:
    return (
        "<w:p><w:r><w:drawing><wp:inline>"
        f'<wp:extent cx="{cx}" cy="{cy}"/><a:graphic><a:graphicData><pic:pic><pic:blipFill>'
        '<a:blip r:embed="rId3"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r></w:p>"
    )


def table(rows: int, cols: int, span: str = "1", hmerge: bool = False) -> str:
    cells = []
    for c in range(cols):
        tcpr = f'<w:gridSpan w:val="{span}"/>' if c == 0 else ""
        if hmerge and c:
            tcpr += '<w:hMerge w:val="continue"/>'
        cells.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p><w:r><w:t>格{c}</w:t></w:r></w:p></w:tc>")
    row = "<w:tr>" + "".join(cells) + "</w:tr>"
    return "<w:tbl>" + row * rows + "</w:tbl>"


def hostile_docx() -> dict[str, bytes]:
    """The Word attacks of issue 12 by name."""
    numbered = para(BODY, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
    amplified_levels = "".join(level(k, "%1%2%3%4%5%6%7%8%9" * 40) for k in range(9))
    return {
        "size-inf": plain_docx(para(BODY, "", '<w:sz w:val="INF"/>')),
        "size-1e999": plain_docx(para(BODY, "", '<w:sz w:val="1e999"/>')),
        "gridspan-inf": plain_docx(table(2, 3, span="INF")),
        "gridspan-1e999": plain_docx(table(2, 3, span="1e999")),
        "extent-inf": plain_docx(picture(cx="INF")),
        "extent-1e999": plain_docx(picture(cx="1e999", cy="1e999")),
        "numbering-start-inf": docx_bytes(para(TITLE) + numbered * 3, numbering_xml(level(0, "%1.", "INF"))),
        "numbering-start-1e999": docx_bytes(
            para(TITLE) + numbered * 3, numbering_xml(level(0, "%1.", "1e999"))
        ),
        "sym-lone-surrogate": plain_docx(
            '<w:p><w:r><w:sym w:font="Symbol" w:char="D800"/><w:t>文字</w:t></w:r></w:p>'
        ),
        "lvltext-amplification": docx_bytes(
            para(TITLE)
            + "".join(
                para(BODY, f'<w:numPr><w:ilvl w:val="{k % 9}"/><w:numId w:val="1"/></w:numPr>')
                for k in range(2000)
            ),
            numbering_xml(amplified_levels),
        ),
        "empty-paragraphs": docx_bytes(para(TITLE) + "<w:p/>" * 240_000),
        "hmerge-huge": plain_docx(table(40, 4800, hmerge=True)),
        "colspan-huge": plain_docx(table(400, 3, span="1000000")),
        "damaged-picture": docx_bytes(
            para(TITLE) + para(BODY) + picture(), media=PNG[:30] + b"\x00garbage" * 10
        ),
    }


# ---- issue files ---------------------------------------------------------------------


def sample_issue():
    """A small issue with every kind of content the issue file stores."""
    import datetime as _dt

    from editor.model import Block, BoardEntry, Cell, Document, Gazette, Issue, ProofRecord, Role, Table

    issue = Issue(
        Gazette("测试市人民政府公报", "双月刊", "测试市人民政府办公室"), 2018, 2, 60, _dt.date(2018, 3, 19)
    )
    issue.board.entries = [
        BoardEntry("编委会主任", people=["张三", "李四"]),
        BoardEntry("电话", text="0429-1234567"),
    ]
    s = issue.add_section("市政府文件")
    d = Document("d1", title=TITLE, number="测政发〔2018〕4号")
    d.blocks = [
        Block(Role.PARAGRAPH, BODY),
        Block(Role.TABLE, table=Table([[Cell("甲", 2)], [Cell("乙"), Cell("丙")]], 1)),
        Block(Role.IMAGE, image="media/d1-1.png", image_width_mm=50.0),
        Block(Role.PARAGRAPH, "二〇一八年三月十九日", joins=[2]),
    ]
    s.documents.append(d)
    issue.files["media/d1-1.png"] = PNG
    issue.proofs.append(ProofRecord(1, "2018-03-01", [{"folio": 1, "hash": "ab", "text": "x"}], []))
    return issue


def rezip(data: bytes, edit) -> bytes:
    """The same issue file with issue.xml passed through EDIT (bytes -> bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "issue.xml":
                body = edit(body)
            z.writestr(info, body)
    return buf.getvalue()


def _flip_deflate(data: bytes) -> bytes:
    z = zipfile.ZipFile(io.BytesIO(data))
    info = z.getinfo("issue.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for k in range(start + 20, start + 40):
        out[k] ^= 0x5A
    return bytes(out)


def _zip_version(data: bytes) -> bytes:
    """Claim "version 8.7 needed to extract" and an unknown method for issue.xml."""
    z = zipfile.ZipFile(io.BytesIO(data))
    info = z.getinfo("issue.xml")
    out = bytearray(data)
    cd = data.rfind(b"PK\x01\x02", 0, len(data))
    while cd >= 0:  # the central directory entry of issue.xml
        name_len = int.from_bytes(data[cd + 28 : cd + 30], "little")
        if data[cd + 46 : cd + 46 + name_len] == b"issue.xml":
            out[cd + 6 : cd + 8] = (87).to_bytes(2, "little")
            out[cd + 10 : cd + 12] = (99).to_bytes(2, "little")
            break
        cd = data.rfind(b"PK\x01\x02", 0, cd)
    out[info.header_offset + 4 : info.header_offset + 6] = (87).to_bytes(2, "little")
    out[info.header_offset + 8 : info.header_offset + 10] = (99).to_bytes(2, "little")
    return bytes(out)


def hostile_issues() -> dict[str, bytes]:
    """The issue-file attacks of issue 12 by name."""
    import re

    from editor.issue_file import issue_to_bytes

    good = issue_to_bytes(sample_issue())

    def attr(name: str, value: str):
        return lambda x: re.sub(rf'{name}="[^"]*"'.encode(), f'{name}="{value}"'.encode(), x, count=1)

    def add_attr(tag: str, text: str):
        return lambda x: x.replace(f"<{tag} ".encode(), f"<{tag} {text} ".encode(), 1)

    return {
        "flipped-deflate": _flip_deflate(good),
        "zip-version-8.7": _zip_version(good),
        "truncated-central-directory": good[:-30],
        "date-with-zone": rezip(good, attr("date", "2018-01-01Z")),
        "date-year-99999": rezip(good, attr("date", "99999-01-01")),
        "first-page-5001-digits": rezip(good, attr("first-page", "9" * 5001)),
        "template-100k": rezip(good, attr("template", "x" * 100_000)),
        "template-escape": rezip(good, attr("template", "../../../../etc/passwd")),
        "proof-not-json": rezip(good, lambda x: re.sub(rb"(<proof [^>]*>)[^<]*", rb"\1{not json", x)),
        "width-400-nines": rezip(good, attr("width-mm", "9" * 400)),
        "colspan-1e6": rezip(good, attr("colspan", "1000000")),
        "colspan-1e29": rezip(good, attr("colspan", "1" + "0" * 29)),
        "damaged-picture": issue_to_bytes(_with_media(sample_issue(), PNG[:40] + b"garbage" * 20)),
    }


def _with_media(issue, data: bytes):
    issue.files["media/d1-1.png"] = data
    return issue


# ---- recipes -------------------------------------------------------------------------


def hostile_recipes() -> dict[str, str]:
    """Recipes whose issue the tool used to write and then refuse to open (issue 17)."""
    head = '[gazette]\nname = "测试市人民政府公报"\n'

    def recipe(issue: str) -> str:
        return head + "[issue]\n" + issue + "\n"

    return {
        "number-0": recipe("year = 2018\nnumber = 0\ncumulative = 5"),
        "number-minus-5": recipe("year = 2018\nnumber = -5\ncumulative = 5"),
        "date-with-time": recipe("year = 2018\nnumber = 1\ncumulative = 5\ndate = 2018-01-01T10:00:00"),
        "date-year-99999": recipe('year = 2018\nnumber = 1\ncumulative = 5\ndate = "99999-01-01"'),
        "first-page-huge": recipe("year = 2018\nnumber = 1\ncumulative = 5\nfirst_page = 1000000000000"),
    }
