"""Build realistic 公文 .docx files with python-docx (and lxml for what it cannot write).

The office's files mostly use direct formatting: 仿宋_GB2312 body runs with the East Asian
font attribute set, 黑体/楷体 headings, a red banner, sometimes inside a table, Word's
automatic numbering, tracked changes left in and page numbers in the footer. These helpers
write exactly those constructs so tests can assert what the importer recognises.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import etree

from editor.docx_reader import chinese_counting

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
RED = RGBColor(0xE6, 0x00, 0x12)


def _el(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(qn(tag))
    for k, v in attrs.items():
        el.set(qn(k), v)
    return el


def set_run_font(
    run, font: str, size: float | None = None, bold: bool = False, color: RGBColor | None = None
) -> None:
    """Direct formatting as Word writes it for Chinese text: ascii, hAnsi and eastAsia fonts."""
    run.font.name = font
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), font)
    fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    if color is not None:
        run.font.color.rgb = color


class GongwenDocx:
    """A document under construction; every method appends at the end of the body."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        self._numbering_ids = 0
        self._rev = 0

    # ---- paragraphs ----------------------------------------------------------------
    def para(
        self,
        text: str = "",
        *,
        font: str = BODY_FONT,
        size: float = 16,
        bold: bool = False,
        color: RGBColor | None = None,
        align: str = "both",
        style: str | None = None,
    ):
        p = self.doc.add_paragraph(style=style)
        p.alignment = ALIGN[align]
        if text:
            set_run_font(p.add_run(text), font, size, bold, color)
        return p

    def runs(self, parts: list[tuple[str, str]], *, size: float = 16, align: str = "both"):
        """One paragraph of several runs, each (text, font): run-in headings like （一）目的意义。"""
        p = self.doc.add_paragraph()
        p.alignment = ALIGN[align]
        for text, font in parts:
            set_run_font(p.add_run(text), font, size)
        return p

    def banner(self, text: str):
        return self.para(text, font=TITLE_FONT, size=36, color=RED, align="center")

    def title(self, *lines: str):
        """A title over one or more centred paragraphs, 2号小标宋 as GB/T 9704 asks."""
        return [self.para(line, font=TITLE_FONT, size=22, align="center") for line in lines]

    def heading(self, text: str, level: int):
        font = {1: "黑体", 2: "楷体_GB2312"}.get(level, BODY_FONT)
        return self.para(text, font=font)

    def styled_heading(self, text: str, level: int):
        return self.para(text, style=f"Heading {level}", font="黑体" if level == 1 else BODY_FONT)

    def signature(self, text: str):
        return self.para(text, align="right")

    def soft_break_para(self, *lines: str, align: str = "both"):
        p = self.para(lines[0], align=align)
        for line in lines[1:]:
            run = p.add_run()
            run.add_break()
            set_run_font(p.add_run(line), BODY_FONT, 16)
        return p

    # ---- banner and number in a layout table ----------------------------------------
    def banner_table(self, banner: str, number: str):
        table = self.doc.add_table(rows=2, cols=1)
        cell = table.cell(0, 0)
        cell.paragraphs[0].alignment = ALIGN["center"]
        set_run_font(cell.paragraphs[0].add_run(banner), TITLE_FONT, 36, color=RED)
        cell = table.cell(1, 0)
        cell.paragraphs[0].alignment = ALIGN["center"]
        set_run_font(cell.paragraphs[0].add_run(number), BODY_FONT, 16)
        return table

    # ---- tables -----------------------------------------------------------------------
    def table(
        self, rows: list[list[str]], merges: list[tuple[int, int, int, int]] = (), header_rows: int = 1
    ):
        """A table; merges are (row, col, row2, col2) rectangles merged by Word (gridSpan/vMerge)."""
        table = self.doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        table.style = self.doc.styles["Table Grid"]
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    set_run_font(table.cell(r, c).paragraphs[0].add_run(text), BODY_FONT, 12)
        for r1, c1, r2, c2 in merges:
            table.cell(r1, c1).merge(table.cell(r2, c2))
        for r in range(header_rows):
            trpr = table.rows[r]._tr.get_or_add_trPr()
            trpr.append(_el("w:tblHeader"))
        return table

    # ---- Word's automatic numbering ---------------------------------------------------
    def numbering(self, levels: list[tuple[str, str]], restart_of: int | None = None) -> int:
        """A list definition: levels as (numFmt, lvlText), e.g. ("chineseCounting", "%1、").

        With restart_of, a new w:num for the same abstract list restarting at 1 is made
        instead (Word's "restart numbering"). Returns the numId.
        """
        part = self.doc.part.numbering_part.element
        self._numbering_ids += 1
        num_id = 100 + self._numbering_ids
        if restart_of is None:
            abstract_id = num_id
            absn = _el("w:abstractNum", **{"w:abstractNumId": str(abstract_id)})
            absn.append(_el("w:multiLevelType", **{"w:val": "multilevel"}))
            for ilvl, (fmt, text) in enumerate(levels):
                lvl = _el("w:lvl", **{"w:ilvl": str(ilvl)})
                lvl.append(_el("w:start", **{"w:val": "1"}))
                lvl.append(_el("w:numFmt", **{"w:val": fmt}))
                lvl.append(_el("w:suff", **{"w:val": "nothing"}))
                lvl.append(_el("w:lvlText", **{"w:val": text}))
                lvl.append(_el("w:lvlJc", **{"w:val": "left"}))
                absn.append(lvl)
            first_num = part.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(absn)
            else:
                part.append(absn)
        else:
            abstract_id = int(part.xpath(f'w:num[@w:numId="{restart_of}"]/w:abstractNumId/@w:val')[0])
        num = _el("w:num", **{"w:numId": str(num_id)})
        num.append(_el("w:abstractNumId", **{"w:val": str(abstract_id)}))
        if restart_of is not None:
            override = _el("w:lvlOverride", **{"w:ilvl": "0"})
            override.append(_el("w:startOverride", **{"w:val": "1"}))
            num.append(override)
        part.append(num)
        return num_id

    def numbered(self, text: str, num_id: int, level: int = 0, *, font: str = BODY_FONT):
        p = self.para(text, font=font)
        ppr = p._p.get_or_add_pPr()
        numpr = _el("w:numPr")
        numpr.append(_el("w:ilvl", **{"w:val": str(level)}))
        numpr.append(_el("w:numId", **{"w:val": str(num_id)}))
        ppr.append(numpr)
        return p

    # ---- revisions, hidden text, fields ------------------------------------------------
    def _revision(self, tag: str, text: str, text_tag: str) -> etree._Element:
        self._rev += 1
        el = _el(tag, **{"w:id": str(self._rev), "w:author": "审核人", "w:date": "2018-03-10T09:00:00Z"})
        run = _el("w:r")
        rpr = _el("w:rPr")
        rpr.append(_el("w:rFonts", **{"w:eastAsia": BODY_FONT, "w:ascii": BODY_FONT, "w:hAnsi": BODY_FONT}))
        run.append(rpr)
        t = _el(text_tag)
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(t)
        el.append(run)
        return el

    def insert(self, paragraph, text: str) -> None:
        """A tracked insertion at the end of the paragraph."""
        paragraph._p.append(self._revision("w:ins", text, "w:t"))

    def delete(self, paragraph, text: str) -> None:
        """A tracked deletion at the end of the paragraph."""
        paragraph._p.append(self._revision("w:del", text, "w:delText"))

    def hidden(self, paragraph, text: str) -> None:
        run = paragraph.add_run(text)
        set_run_font(run, BODY_FONT, 16)
        run.font.hidden = True

    def field(self, paragraph, instr: str, shown: str) -> None:
        """A complex field (begin, instruction, separate, result, end) as Word writes it."""
        for kind, text in (("begin", None), (None, instr), ("separate", None), (None, shown), ("end", None)):
            run = paragraph.add_run()
            set_run_font(run, BODY_FONT, 16)
            if kind:
                run._r.append(_el("w:fldChar", **{"w:fldCharType": kind}))
            elif text is instr:
                t = _el("w:instrText")
                t.text = f" {instr} "
                run._r.append(t)
            else:
                run.add_text(shown)

    def footer(self, text: str = "— 1 —") -> None:
        """A footer with a page number field, which must not reach the body."""
        para = self.doc.sections[0].footer.paragraphs[0]
        para.alignment = ALIGN["center"]
        set_run_font(para.add_run("— "), BODY_FONT, 14)
        self.field(para, "PAGE", text.strip("— "))
        set_run_font(para.add_run(" —"), BODY_FONT, 14)

    def header(self, text: str) -> None:
        self.doc.sections[0].header.paragraphs[0].text = text

    def page_break(self) -> None:
        self.doc.add_page_break()

    # ---- output -----------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_bytes(self.to_bytes())
        return path


# ---- the reference issue's documents as the office would receive them --------------------
HEAD1 = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
HEAD2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
NOTE = re.compile(r"^[（(]此件")


def _counted_headings(paragraphs: list[str]) -> bool:
    """Word numbering can only reproduce headings 一、二、… that count up without gaps."""
    expected = 1
    for text in paragraphs:
        m = HEAD1.match(text)
        if m:
            if m.group(1) != chinese_counting(expected) and m.group(1) != "一":
                return False
            expected = 2 if m.group(1) == "一" else expected + 1
    return True


def seed_document(expect: dict, variant: int) -> GongwenDocx:
    """One document of the reference issue written as a Word file, in one of several styles.

    Variants alternate what the office sees: banner in a table or as a red paragraph, headings
    一、 typed in 黑体 or produced by Word numbering (chineseCounting, restarted for each
    attached document), 楷体 run-in headings, right-aligned signature and date, a footer.
    """
    paragraphs: list[str] = list(expect["paragraphs"])
    g = GongwenDocx()
    if variant % 2 == 0:
        g.banner_table(paragraphs[0], paragraphs[1])
    else:
        g.banner(paragraphs[0])
        g.para(paragraphs[1], align="center")
    g.para()
    title = expect.get("title", paragraphs[2])
    g.title(*title.split(" ") if " " in title else [title])
    g.para(paragraphs[3], align="left")
    use_numbering = variant % 2 == 1 and _counted_headings(paragraphs)
    num_id = None
    after_note = False
    rest = paragraphs[4:]
    for k, text in enumerate(rest):
        nxt = rest[k + 1] if k + 1 < len(rest) else ""
        if DATE.match(nxt) and len(text) <= 30:
            g.signature(text)
        elif DATE.match(text):
            g.signature(text)
        elif NOTE.match(text):
            g.para(text, align="left")
            after_note = True
        elif after_note:
            g.page_break()
            g.title(text)
            after_note = False
            num_id = None
        elif HEAD1.match(text):
            if use_numbering:
                if num_id is None or HEAD1.match(text).group(1) == "一":
                    num_id = g.numbering([("chineseCounting", "%1、")])
                g.numbered(HEAD1.match(text).group(2), num_id, 0, font="黑体")
            else:
                g.heading(text, 1)
        elif HEAD2.match(text):
            cut = text.find("。")
            if 0 < cut < len(text) - 1:
                g.runs([(text[: cut + 1], "楷体_GB2312"), (text[cut + 1 :], BODY_FONT)])
            else:
                g.heading(text, 2)
        else:
            g.para(text)
    g.footer("— 2 —")
    return g


# ---- what offices put around the text: pictures, boxes, symbol fonts, raised digits ----------
def red_line_png(width: int = 600, height: int = 6) -> bytes:
    """A red rule as a PNG, the separator line some offices paste into the head as a picture."""
    import struct
    import zlib

    raw = b"".join(b"\x00" + b"\xe6\x00\x12" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def add_picture_para(g: GongwenDocx, png: bytes, width_mm: float = 156) -> None:
    from docx.shared import Mm

    p = g.doc.add_paragraph()
    p.alignment = ALIGN["center"]
    p.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))


def add_shape_para(g: GongwenDocx) -> None:
    """A drawn line (VML), as Word 2003-era templates draw the red separator."""
    p = g.doc.add_paragraph()
    run = p.add_run()._r
    pict = etree.SubElement(run, qn("w:pict"))
    v = "urn:schemas-microsoft-com:vml"
    line = etree.SubElement(pict, f"{{{v}}}line", {"from": "0,0", "to": "442pt,0", "strokecolor": "red"})
    line.set("strokeweight", "2pt")


def add_wordart_para(g: GongwenDocx, text: str) -> None:
    """An old-style WordArt banner: a VML shape whose text lives in v:textpath."""
    p = g.doc.add_paragraph()
    p.alignment = ALIGN["center"]
    run = p.add_run()._r
    pict = etree.SubElement(run, qn("w:pict"))
    v = "urn:schemas-microsoft-com:vml"
    shape = etree.SubElement(pict, f"{{{v}}}shape", {"style": "width:420pt;height:50pt", "fillcolor": "red"})
    etree.SubElement(shape, f"{{{v}}}textpath", {"style": "font-family:方正小标宋简体", "string": text})


def add_runs(g: GongwenDocx, parts: list[tuple[str, dict]], align: str = "both"):
    """One paragraph of runs with properties: {"vert": "superscript"}, {"font": "Symbol"}, {"bold": True}."""
    p = g.doc.add_paragraph()
    p.alignment = ALIGN[align]
    for text, props in parts:
        run = p.add_run(text)
        set_run_font(run, props.get("font", BODY_FONT), 16, props.get("bold", False))
        if props.get("font") in ("Symbol", "Wingdings", "Wingdings 2"):
            fonts = run._element.rPr.find(qn("w:rFonts"))
            fonts.set(qn("w:eastAsia"), BODY_FONT)
            fonts.attrib.pop(qn("w:hint"), None)
        if props.get("vert"):
            run._element.get_or_add_rPr().append(_el("w:vertAlign", **{"w:val": props["vert"]}))
    return p


def closing_table(g: GongwenDocx, signature: str, date: str) -> None:
    """Signature over date in a borderless two-column table (the left cell empty), as offices align them."""
    table = g.doc.add_table(rows=2, cols=2)
    for r, text in enumerate((signature, date)):
        cell = table.cell(r, 1)
        cell.paragraphs[0].alignment = ALIGN["center"]
        set_run_font(cell.paragraphs[0].add_run(text), BODY_FONT, 16)


def first_page_header(g: GongwenDocx, text: str) -> None:
    """A header on the first page only (different first page), holding `text`."""
    section = g.doc.sections[0]
    section.different_first_page_header_footer = True
    para = section.first_page_header.paragraphs[0]
    para.alignment = ALIGN["center"]
    set_run_font(para.add_run(text), BODY_FONT, 16)


def add_text_box(g: GongwenDocx, lines: list[str], png: bytes | None = None, align: str = "center") -> None:
    """A floating DrawingML text box anchored in an empty paragraph, holding `lines` (and a
    picture, moved in from a paragraph python-docx wrote), as offices set a closing or a figure."""
    from docx.shared import Mm

    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    anchor_p = g.doc.add_paragraph()
    drawing = etree.SubElement(anchor_p.add_run()._r, qn("w:drawing"))
    anchor = etree.SubElement(drawing, f"{{{wp}}}anchor", {"behindDoc": "0", "simplePos": "0"})
    etree.SubElement(anchor, f"{{{wp}}}extent", {"cx": "2400000", "cy": "900000"})
    graphic = etree.SubElement(anchor, f"{{{a}}}graphic")
    data = etree.SubElement(graphic, f"{{{a}}}graphicData", {"uri": wps})
    shape = etree.SubElement(data, f"{{{wps}}}wsp")
    box = etree.SubElement(etree.SubElement(shape, f"{{{wps}}}txbx"), qn("w:txbxContent"))
    for text in lines:
        p = g.para(text, align=align)
        box.append(p._p)
    if png is not None:
        p = g.doc.add_paragraph()
        p.add_run().add_picture(io.BytesIO(png), width=Mm(40))
        box.append(p._p)
