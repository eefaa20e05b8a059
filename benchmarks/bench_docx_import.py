"""How long importing a long Word document takes: a 60-page 公文 must import in under a second.

Generates a realistic file (direct formatting, Word numbering for headings, run-in 楷体
headings, a table every few pages, a tracked change and a field now and then), times
`import_docx` on it (median of 5) and prints one JSON line.

    .venv/bin/python benchmarks/bench_docx_import.py [--pages 60]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editor.docx_import import import_docx  # noqa: E402
from tests.docx_factory import BODY_FONT, GongwenDocx  # noqa: E402

SENTENCE = (
    "各地区、各部门要按照职责分工，细化工作措施，明确时间节点，加强协调配合，确保各项任务落到实处，取得实效。"
)
CHARS_PER_PAGE = 22 * 28  # GB/T 9704: 22 lines of 28 characters


def build(pages: int) -> GongwenDocx:
    g = GongwenDocx()
    g.banner_table("葫芦岛市人民政府办公室文件", "葫政办发〔2018〕10号")
    g.title("葫芦岛市人民政府办公室关于印发", "任务分解方案的通知")
    g.para("各县（市）区人民政府，市政府各部门：")
    numbers = g.numbering([("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3．")])
    written, n = 0, 0
    while written < pages * CHARS_PER_PAGE:
        n += 1
        g.numbered(f"第{n}部分任务", numbers, 0, font="黑体")
        for k in range(3):
            g.runs([(f"（{k + 1}）任务要求。", "楷体_GB2312"), (SENTENCE * 2, BODY_FONT)])
            g.numbered("具体措施：" + SENTENCE, numbers, 2)
            p = g.para(SENTENCE * 3)
            if k == 1:
                g.insert(p, "（新增）")
                g.delete(p, "（删除）")
            written += len(SENTENCE) * 6 + 20
        if n % 3 == 0:
            g.table(
                [["序号", "任务", "责任单位"]]
                + [[str(i), SENTENCE[:20], "市发展改革委"] for i in range(1, 9)]
            )
            written += 9 * 40
    g.signature("葫芦岛市人民政府办公室")
    g.signature("2018年1月19日")
    g.para("（此件公开发布）")
    g.footer()
    return g


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = build(a.pages).save(Path(tmp) / "long.docx")
        times = []
        for _ in range(a.runs):
            t = time.perf_counter()
            doc, _ = import_docx(path, "d1")
            times.append(time.perf_counter() - t)
        chars = sum(len(b.text) for b in doc.blocks)
        print(
            json.dumps(
                {
                    "benchmark": "docx_import",
                    "pages": a.pages,
                    "file_bytes": path.stat().st_size,
                    "blocks": len(doc.blocks),
                    "chars": chars,
                    "median_s": round(statistics.median(times), 4),
                    "runs_s": [round(t, 4) for t in times],
                },
                ensure_ascii=False,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
