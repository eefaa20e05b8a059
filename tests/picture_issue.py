"""An issue with one picture (a colour PNG with an alpha channel), for the tests that need one."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from editor.model import Block, Document, Issue, Role, Section


def image_issue() -> Issue:
    png = io.BytesIO()
    Image.new("RGBA", (1200, 800), (30, 120, 200, 255)).save(png, "PNG")  # colour, with an alpha channel
    doc = Document(
        "d1",
        title="关于城市供水的通知",
        blocks=[
            Block(Role.PARAGRAPH, "为加强城市供水管理，现通知如下。"),
            Block(Role.IMAGE, image="media/p.png", image_width_mm=80),
        ],
    )
    issue = Issue(year=2026, number=2, cumulative=90, date=dt.date(2026, 3, 20))
    issue.gazette.name = "青禾市人民政府公报"
    issue.sections = [Section("市政府文件", [doc])]
    issue.files = {"media/p.png": png.getvalue()}
    return issue
