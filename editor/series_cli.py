"""The series verbs of the command line: publish, archive, annual-index.

Kept beside cli.py so the gazette-as-a-series commands live together; cli.py registers the
parsers and dispatches here. Same exit codes and one-line errors as every other verb.
"""

from __future__ import annotations

import argparse

SERIES_VERBS = ("publish",)


def add_series_parsers(sub, say) -> None:
    p = sub.add_parser(
        "publish", help=say("输出电子版（静态网站）", "write the electronic edition (a static site)")
    )
    p.add_argument(
        "input", help=say(".gazette、.toml 配方或整期 .txt", ".gazette, .toml recipe or whole-issue .txt")
    )
    p.add_argument("-o", "--output", required=True, help=say("网站文件夹", "the site folder"))
    p.add_argument("--template", help=say("版式模板名称或 .toml 路径", "template name or .toml path"))


def run_series(a: argparse.Namespace) -> int:
    from .cli import say

    if a.verb == "publish":
        from .importing import load_input
        from .publish import publish

        issue = load_input(a.input)
        book, count = publish(issue, a.output, template=a.template)
        print(
            say(
                f"已写出电子版 {a.output}：{len(issue.documents())} 篇文件，{count} 个文件，印刷版 {len(book.pages)} 页",
                f"Wrote the e-edition {a.output}: {len(issue.documents())} documents, {count} files, "
                f"{len(book.pages)} printed pages",
            )
        )
        return 0
    raise AssertionError(a.verb)
