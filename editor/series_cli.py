"""The series verbs of the command line: publish, archive, annual-index.

Kept beside cli.py so the gazette-as-a-series commands live together; cli.py registers the
parsers and dispatches here. Same exit codes and one-line errors as every other verb.
"""

from __future__ import annotations

import argparse
import sys

from .lang import ui_lang


def add_series_parsers(sub, say) -> None:
    p = sub.add_parser(
        "publish", help=say("输出电子版（静态网站）", "write the electronic edition (a static site)")
    )
    p.add_argument(
        "input", help=say(".gazette、.toml 配方或整期 .txt", ".gazette, .toml recipe or whole-issue .txt")
    )
    p.add_argument("-o", "--output", required=True, help=say("网站文件夹", "the site folder"))
    p.add_argument("--template", help=say("版式模板名称或 .toml 路径", "template name or .toml path"))

    db_help = say(
        "档案库：SQLite 文件路径或 postgresql:// 地址（默认为用户数据文件夹中的 archive.sqlite）",
        "the archive: a SQLite file or a postgresql:// URL (default: archive.sqlite in the user's data folder)",
    )
    a = sub.add_parser(
        "archive", help=say("期刊档案库：归档、列出、全文检索", "the archive: add, list, search")
    )
    asub = a.add_subparsers(dest="action", required=True)
    add = asub.add_parser(
        "add", help=say("把期刊加入档案库（已有则更新）", "add issues (an issue added again is updated)")
    )
    add.add_argument(
        "inputs", nargs="+", help=say(".gazette 期刊文件（或配方、整期文本）", ".gazette issue files")
    )
    add.add_argument("--db", help=db_help)
    ls = asub.add_parser("list", help=say("列出档案库中的期刊", "list the archived issues"))
    ls.add_argument("--db", help=db_help)
    ls.add_argument("--json", action="store_true", help=say("以 JSON 输出", "print JSON"))
    se = asub.add_parser(
        "search", help=say("全文检索标题、文号和正文", "full-text search of titles, numbers and text")
    )
    se.add_argument("words", nargs="+", help=say("检索词（全部包含）", "words (all must occur)"))
    se.add_argument("--year", type=int, help=say("只查这一年", "only this year"))
    se.add_argument("--section", help=say("只查这个栏目", "only this section"))
    se.add_argument("--db", help=db_help)
    se.add_argument("--json", action="store_true", help=say("以 JSON 输出", "print JSON"))

    y = sub.add_parser(
        "annual-index", help=say("由档案库编排年度总目次", "lay out the annual index from the archive")
    )
    y.add_argument("year", type=int, help=say("年份", "the year"))
    y.add_argument("-o", "--output", required=True, help=say("输出 PDF 路径", "PDF to write"))
    y.add_argument("--html", help=say("同时写出电子版网页", "also write the e-edition's HTML page here"))
    y.add_argument(
        "--gazette",
        help=say("公报名称（档案库中有多种公报时）", "the gazette (when the archive holds several)"),
    )
    y.add_argument(
        "--template",
        default="gazette-a4",
        help=say("版式模板名称或 .toml 路径", "template name or .toml path"),
    )
    y.add_argument("--db", help=db_help)


def run_series(a: argparse.Namespace) -> int:
    from .lang import say

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
    if a.verb == "archive":
        return run_archive(a)
    if a.verb == "annual-index":
        from .annual import write_annual_index

        book, count = write_annual_index(
            a.year, a.output, db=a.db, gazette=a.gazette, html=a.html, template=a.template
        )
        print(
            say(
                f"已写出 {a.output}：{a.year} 年总目次，{count} 篇文件，{len(book.pages)} 页",
                f"Wrote {a.output}: the {a.year} index, {count} documents, {len(book.pages)} pages",
            )
        )
        for w in book.warnings:
            print(w.message(ui_lang()), file=sys.stderr)
        return 0
    raise AssertionError(a.verb)


def run_archive(a: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from .archive import open_archive, prepare
    from .lang import say
    from .records import searchable

    if a.action == "add":
        prepared = [prepare(p) for p in a.inputs]  # all read and laid out before the archive is touched
        with open_archive(a.db) as arc:
            done = arc.add(prepared)
            where = arc.where
        for p, replaced in done:
            n = len(p.records)
            if replaced:
                print(
                    say(
                        f"已更新 {p.info.gazette} {p.info.label}：{n} 篇文件",
                        f"Updated {p.info.gazette} {p.info.label}: {n} documents",
                    )
                )
            else:
                print(
                    say(
                        f"已归档 {p.info.gazette} {p.info.label}：{n} 篇文件",
                        f"Added {p.info.gazette} {p.info.label}: {n} documents",
                    )
                )
        print(say(f"档案库：{where}", f"Archive: {where}"))
        return 0
    with open_archive(a.db) as arc:
        if a.action == "list":
            rows = arc.issues()
            if a.json:
                print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
                return 0
            for r in rows:
                print(
                    f"{r.gazette}\t{r.label}\t{r.date}\t"
                    + say(f"{r.documents} 篇", f"{r.documents} documents")
                )
            if not rows:
                print(say("档案库是空的。", "The archive is empty."))
            return 0
        hits = arc.search(a.words, year=a.year, section=a.section)
    if a.json:
        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=1))
        return 0
    for h in hits:
        number = f"（{h.doc_number}）" if h.doc_number else ""
        print(
            f"{h.gazette} {h.issue_label} "
            + say(f"第{h.page}页", f"p. {h.page}")
            + f"\t{searchable(h.title)}{number}"
        )
        print(f"    {h.snippet}")
    print(say(f"共 {len(hits)} 篇", f"{len(hits)} documents found"))
    return 0
