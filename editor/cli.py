"""The command line: build, import, check, diff, and the GUI launcher.

Exit codes are a contract for scripts: 0 success, 1 bad input (one line on stderr, in the
user's language, never a traceback), 2 usage errors. Messages are Chinese unless
GAZETTE_LANG or LANG asks for English.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UserError
from .lang import say, ui_lang

if TYPE_CHECKING:
    from collections.abc import Iterable

    from layout.display import Book

    from .findings import Finding
    from .model import Issue


def _font_override(value: str) -> tuple[str, str]:
    role, sep, family = value.partition("=")
    if not sep or not role.strip() or not family.strip():
        raise argparse.ArgumentTypeError(
            say("应写成 角色=字体，如 body=仿宋", "expected ROLE=FAMILY, e.g. body=FangSong")
        )
    return role.strip(), family.strip()


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help=say(
            "文本文件的编码（默认自动识别：UTF-8、UTF-16/32、GB18030、Big5）",
            "encoding of text files (default: detected among UTF-8, UTF-16/32, GB18030, Big5)",
        ),
    )
    p.add_argument(
        "--allow-outside",
        action="store_true",
        help=say(
            "允许配方读取其文件夹以外的文件（会在报告中列出）",
            "let a recipe read files outside its own folder (they are listed in the report)",
        ),
    )


def make_parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the verb on the command line, only its subcommand.

    A command line naming a verb is parsed, and its usage and errors worded, by that verb's
    subparser alone. Building every subparser (argparse formats each argument as it is added,
    gettext looks up every message) was ≈ 5 ms of a cold `build`; with no verb or an unknown
    one all are built, so --help and the "invalid choice" error list them all."""
    p = argparse.ArgumentParser(
        prog="main.py",
        description=say(
            "政府公报编排工具：导入、排版、校对。", "Gazette press: import, typeset and proofread an issue."
        ),
    )
    sub = p.add_subparsers(dest="verb")

    everything = verb not in VERBS
    for name, add in VERB_PARSERS.items():
        if everything or name == verb:
            add(sub)
    if everything or verb in SERIES_VERBS:
        from .series_cli import add_series_parsers

        add_series_parsers(sub, say)
    return p


def _add_build_parser(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("build", help=say("排版并输出 PDF", "lay out the issue and write the PDF"))
    b.add_argument(
        "input", help=say(".gazette、.toml 配方或整期 .txt", ".gazette, .toml recipe or whole-issue .txt")
    )
    b.add_argument("-o", "--output", required=True, help=say("输出 PDF 路径", "PDF to write"))
    b.add_argument("--report", help=say("写出 JSON 构建报告", "write a JSON build report here"))
    b.add_argument("--template", help=say("版式模板名称或 .toml 路径", "template name or .toml path"))
    b.add_argument(
        "--font",
        action="append",
        default=[],
        type=_font_override,
        metavar="ROLE=FAMILY",
        help=say("为某角色指定字体，可重复", "font family for a role (repeatable)"),
    )
    out_kind = b.add_mutually_exclusive_group()
    out_kind.add_argument(
        "--screen",
        dest="output_kind",
        action="store_const",
        const="screen",
        help=say("屏幕版 PDF（默认）：RGB、书签、链接", "screen PDF (default): RGB, bookmarks, links"),
    )
    out_kind.add_argument(
        "--print",
        dest="output_kind",
        action="store_const",
        const="print",
        help=say(
            "印刷版 PDF/X-1a：CMYK、出血框、按装订补白页",
            "print PDF/X-1a: CMYK, boxes, blank pages for binding",
        ),
    )
    b.add_argument(
        "--bleed",
        nargs="?",
        type=float,
        const=-1.0,
        default=None,
        metavar="MM",
        help=say("加出血（默认取模板，通常 3 mm）", "add bleed (default: the template's, usually 3 mm)"),
    )
    b.add_argument(
        "--marks",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=say("裁切线和套准标记（加出血时默认有）", "crop and registration marks (default: with --bleed)"),
    )
    b.add_argument(
        "--impose",
        choices=["saddle"],
        help=say(
            "另存骑马钉拼版（-o 名称加 -imposed）", "also write a saddle-stitch imposition (NAME-imposed.pdf)"
        ),
    )
    b.add_argument(
        "--creep",
        type=float,
        default=0.0,
        metavar="MM",
        help=say("拼版爬移量（毫米）", "imposition creep, mm"),
    )
    b.add_argument(
        "--proof", action="store_true", help=say("输出校样（带校样标记和问题清单）", "write a proof PDF")
    )
    b.add_argument(
        "--round", type=int, default=None, help=say("校次（默认递增）", "proof round (default: next)")
    )

    _add_input_options(b)


def _add_import_parser(sub: argparse._SubParsersAction) -> None:
    i = sub.add_parser("import", help=say("导入文件到期刊文件", "import files into an issue file"))
    i.add_argument(
        "inputs",
        nargs="+",
        help=say(".docx/.txt 文件，或整期 .txt/.toml", ".docx/.txt files, or a whole issue"),
    )
    i.add_argument("-o", "--output", required=True, help=say("期刊文件 .gazette", "the .gazette issue file"))
    i.add_argument("--section", help=say("导入到此栏目", "section to import into"))
    i.add_argument(
        "--force", action="store_true", help=say("覆盖已存在的期刊文件", "replace an existing issue file")
    )

    _add_input_options(i)


def _add_check_parser(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("check", help=say("预检：内容和版面问题", "preflight: content and layout findings"))
    c.add_argument("input")
    c.add_argument("--json", action="store_true", help=say("以 JSON 输出", "print JSON"))
    c.add_argument("--template")
    _add_input_options(c)


def _add_diff_parser(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("diff", help=say("比较两次校样", "compare two proofs"))
    d.add_argument("old", help=say("旧校样 PDF 或校次号", "old proof PDF or round number"))
    d.add_argument("new", help=say("新的期刊文件或 PDF", "new issue file or PDF"))
    d.add_argument("--json", action="store_true")


def _add_next_parser(sub: argparse._SubParsersAction) -> None:
    n = sub.add_parser("next", help=say("由本期新建下一期", "start the next issue from this one"))
    n.add_argument(
        "input", help=say("本期：.gazette、.toml 配方或整期 .txt", "this issue: .gazette, .toml or .txt")
    )
    n.add_argument(
        "-o", "--output", required=True, help=say("下一期的期刊文件 .gazette", "the next issue's .gazette")
    )
    n.add_argument("--force", action="store_true", help=say("覆盖已存在的文件", "replace an existing file"))


VERB_PARSERS = {
    "build": _add_build_parser,
    "import": _add_import_parser,
    "check": _add_check_parser,
    "diff": _add_diff_parser,
    "next": _add_next_parser,
}
SERIES_VERBS = ("publish", "archive", "annual-index")  # editor/series_cli.py adds their parsers


# The command line's build and check use a second processor when they can (layout/beside.py):
# a forked child lays out half the documents the kept build lacks (the layout of an issue built
# for the first time takes a fifth less time).
BUILD_WORKERS = 2


def _import_pdf_writer() -> None:
    """The PDF writer's reportlab half (≈ 50 ms of imports a new file needs)."""
    import layout.pdfcanvas  # noqa: F401


def cmd_build(a: argparse.Namespace) -> int:
    from layout.lazymod import defer_import

    defer_import("PIL.Image")  # reportlab imports it for pictures; most issues have none
    from layout.pdf import write_pdf

    from .atomic import refuse_inputs, write_atomic
    from .compose import build_book
    from .importing import load_input_kept

    for target in (a.output, a.report):  # before any work: a missing folder is the user's to fix
        if target:
            _check_target_folder(Path(target))
    outputs = [a.output, a.report]
    refuse_inputs(outputs, [a.input] + ([a.template] if a.template else []))
    if a.report is not None:
        refuse_inputs([a.report], [a.output])
    from layout.keptbuild import KeptBuild

    kept = KeptBuild(os.path.abspath(a.input))  # the last build of this input, in any process
    issue, _key = load_input_kept(a.input, a.encoding, allow_outside=a.allow_outside, kept=kept)
    if Path(a.input).suffix.lower() == ".toml":
        refuse_inputs(outputs, source_paths(issue))
    book = build_book(
        issue,
        template=a.template,
        fonts=dict(a.font),
        cache=kept.layouts,
        workers=BUILD_WORKERS,
        meanwhile=_import_pdf_writer,  # while the second processor lays out its share
    )
    printing = a.output_kind == "print"
    tpl = book.template  # the template the book was laid out with, font overrides included
    assert tpl is not None  # build_book always records it
    bleed = 0.0 if a.bleed is None else (tpl.press.bleed_mm if a.bleed < 0 else a.bleed)
    if not 0 <= bleed <= 10:
        raise UserError("--bleed 应在 0 到 10 毫米之间。", "--bleed must be between 0 and 10 mm.")
    marks = a.marks if a.marks is not None else a.bleed is not None
    if a.proof and printing:
        raise UserError(
            "校样只输出屏幕版：--proof 不能与 --print 同用。",
            "A proof is a screen PDF: --proof cannot go with --print.",
        )
    if a.impose and not printing:
        raise UserError(
            "拼版只用于印刷版：请同时加 --print。", "Imposition is for the print output: add --print."
        )
    padding = None
    if printing and not a.proof:
        from layout.binding import pad_for_binding

        book, padding = pad_for_binding(book, tpl)
    findings = None
    if a.proof:
        from .checks import findings_report
        from .proof_pdf import export_proof

        findings = findings_report(issue, book, ui_lang())
        rnd = a.round or issue.next_proof_round()
        data = export_proof(issue, book, rnd, _dt.date.today().isoformat(), bleed_mm=bleed, crop_marks=marks)
    else:
        data = write_pdf(
            book,
            bleed_mm=bleed,
            crop_marks=marks,
            output="print" if printing else "screen",
            template=tpl,
            streams=kept.streams,
        )
    out = Path(a.output)
    write_atomic(out, data, what=("PDF", "PDF"))
    kept.save()
    if a.proof and Path(a.input).suffix.lower() == ".gazette":
        from .issue_file import save_issue
        from .safety import write_lock

        with write_lock(a.input):  # an editor holding the issue is never written under
            save_issue(issue, a.input)  # keep the round's page fingerprints for `diff ROUND`
    imposed = None
    if a.impose:
        from layout.impose import impose_saddle

        imposed = out.with_name(out.stem + "-imposed.pdf")
        try:
            imposed.write_bytes(impose_saddle(data, a.creep))
        except OSError as e:
            raise UserError(
                f"无法写出 {imposed}：{e.strerror}。", f"Cannot write {imposed}: {e.strerror}."
            ) from None
    if a.report:
        report = build_report(issue, book, findings)
        report["output"] = "print" if printing else "screen"
        if padding is not None:
            report["binding"] = padding.as_report()
        text = json.dumps(report, ensure_ascii=False, indent=1)
        write_atomic(a.report, text.encode("utf-8"), what=("构建报告", "build report"))
    print(say(f"已写出 {out}：{len(book.pages)} 页", f"Wrote {out}: {len(book.pages)} pages"))
    if padding is not None and (padding.blank_pages or padding.blank_back_cover):
        added = padding.blank_pages + int(padding.blank_back_cover)
        print(
            say(
                f"为{BINDING_ZH.get(padding.binding, padding.binding)}补了 {added} 个白页"
                f"（排版 {padding.pages_laid_out} 页，印刷 {padding.pages} 页）",
                f"Added {added} blank pages for {padding.binding} binding "
                f"({padding.pages_laid_out} laid out, {padding.pages} printed)",
            )
        )
    if imposed is not None:
        print(
            say(
                f"已写出拼版 {imposed}：{len(book.pages) // 2} 面",
                f"Wrote imposition {imposed}: {len(book.pages) // 2} sheet sides",
            )
        )
    for w in book.warnings:
        print(w.message(ui_lang()), file=sys.stderr)
    return 0


def _check_target_folder(target: Path) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(
            f"无法写出 {target}：文件夹 {folder} 不存在。请先建立该文件夹，或换一个输出路径。",
            f"Cannot write {target}: the folder {folder} does not exist. Create it first, or choose another path.",
        )


def source_paths(issue) -> list[str]:
    """The files on disk a recipe's documents were read from, for refuse_inputs."""
    return [d.source.original for d in issue.documents() if d.source is not None and d.source.original]


BINDING_ZH = {"saddle": "骑马钉", "perfect": "胶订", "none": "不装订"}


def build_report(issue, book, findings=None) -> dict:
    from .locate import document_of

    rows = [{"section": t.group, "title": t.title, "doc_number": t.number, "page": t.folio} for t in book.toc]
    report = {
        "toc": rows,
        "pages": len(book.pages),
        "passes": book.passes,
        "warnings": [w.message(ui_lang()) for w in book.warnings],
        "missing_chars": [
            {
                "page": book.pages[m.page].folio,
                "page_index": m.page,
                "document": document_of(m.key),
                "char": m.char,
            }
            for m in book.missing
        ],
    }
    if findings is None:
        from .checks import findings_report

        findings = findings_report(issue, book, ui_lang())
    report["findings"] = findings
    return report


def cmd_import(a: argparse.Namespace) -> int:
    from .safety import write_lock

    with write_lock(a.output):  # refuse while an editor has the issue open
        return _import(a)


def _import(a: argparse.Namespace) -> int:
    from .atomic import refuse_inputs
    from .importing import import_files, load_input
    from .issue_file import load_issue, save_issue
    from .text_import import is_issue_dump

    out = Path(a.output)
    refuse_inputs([out], a.inputs)
    whole = []
    for p in a.inputs:
        path = Path(p)
        if path.suffix.lower() in (".toml", ".gazette"):
            whole.append(p)
        elif path.suffix.lower() in (".txt", ".text") and path.exists():
            from .importing import read_text_file

            if is_issue_dump(read_text_file(path, a.encoding).text):
                whole.append(p)
    if whole:
        if len(a.inputs) != 1:
            raise UserError(
                "整期文本或配方只能单独导入。",
                "A whole issue (text dump or recipe) must be imported on its own.",
            )
        if out.exists() and not a.force:
            raise UserError(
                f"{out} 已存在。要用整期内容替换它，请加 --force。",
                f"{out} exists. Add --force to replace it with the whole issue.",
            )
        issue = load_input(whole[0], a.encoding, allow_outside=a.allow_outside)
        save_issue(issue, out)
        print(
            say(
                f"已写出 {out}：{len(issue.sections)} 个栏目，{len(issue.documents())} 篇文件",
                f"Wrote {out}: {len(issue.sections)} sections, {len(issue.documents())} documents",
            )
        )
        for note in issue.notes:
            print(note.message(ui_lang()))
        return 0
    if out.exists():
        issue = load_issue(out)
    else:
        from .model import Issue

        issue = Issue(year=_dt.date.today().year)
    for line in import_files(issue, a.inputs, a.section, a.encoding):
        print(line.message(ui_lang()))
    save_issue(issue, out)
    print(say(f"已写出 {out}", f"Wrote {out}"))
    return 0


# ---- check ----


def counts_by_check(findings: Iterable[Finding]) -> dict[str, int]:
    return dict(sorted(Counter(f.check for f in findings).items()))


def format_finding(f: Finding, lang: str = "zh") -> str:
    from .findings import SEVERITY_ZH

    sev = str(f.severity) if lang.startswith("en") else SEVERITY_ZH[f.severity]
    where = f.location.describe(lang)
    return (
        f"[{sev}] {f.check} {where}: {f.message(lang)}"
        if lang.startswith("en")
        else f"【{sev}】{f.check} {where}：{f.message(lang)}"
    )


def cmd_check(args: argparse.Namespace) -> int:
    """`main.py check INPUT [--json] [--template T]`: 1 when any error is found, else 0."""
    from .checks import check_issue, layout_key
    from .content_checks import check_content
    from .findings import Severity, sort_findings, visible
    from .importing import keep_object, kept_object, load_input_kept

    lang = ui_lang()
    from layout.keptbuild import KeptBuild

    kept = KeptBuild(os.path.abspath(args.input))  # the layout of the last build or check of it
    issue, key = load_input_kept(args.input, args.encoding, allow_outside=args.allow_outside, kept=kept)
    template = getattr(args, "template", None)
    content = findings = None
    whole = None
    if key is not None:
        # The content findings read only the issue: kept with it. All the findings also depend
        # on the layout, which the template and the fonts' files decide (the layout code and the
        # word dictionary are the kept file's own stamp): kept under all of them.
        content = kept_object(kept, "content-findings", key, list)
        laid = layout_key(issue, template, kept.layouts)
        if laid is not None:
            whole = key + laid.encode()
            findings = kept_object(kept, "findings", whole, list)
        if content is None and findings is None:
            content = check_content(issue)
            keep_object(kept, "content-findings", key, content)
    if findings is None:
        findings = check_issue(
            issue, template=template, cache=kept.layouts, content=content, workers=BUILD_WORKERS
        )
        if whole is not None:
            keep_object(kept, "findings", whole, findings)
    kept.save()
    shown = sort_findings(visible(issue, findings), issue)
    hidden = len(findings) - len(shown)
    errors = sum(1 for f in shown if f.severity == Severity.ERROR)
    if getattr(args, "json", False):
        print(
            json.dumps(
                {
                    "findings": [f.to_dict(lang) for f in shown],
                    "counts": counts_by_check(shown),
                    "by_severity": {str(s): sum(1 for f in shown if f.severity == s) for s in Severity},
                    "ignored": hidden,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        for f in shown:
            print(format_finding(f, lang))
        counts = counts_by_check(shown)
        summary = ("," if lang.startswith("en") else "，").join(f"{k} {v}" for k, v in counts.items())
        if lang.startswith("en"):
            print(f"{len(shown)} findings ({errors} errors); {hidden} ignored. By check: {summary or 'none'}")
        else:
            print(f"共 {len(shown)} 条（错误 {errors} 条），已忽略 {hidden} 条。按检查项：{summary or '无'}")
    sys.stdout.flush()
    return 1 if errors else 0


# ---- diff ----


def _load_new(path: str, template: str | None) -> tuple[Issue, Book]:
    from .compose import build_book
    from .importing import load_input

    issue = load_input(path)
    return issue, build_book(issue, template=template)


def _book_as_pdf_fingerprints(book: Book, reader: str) -> list[dict]:
    """The book drawn to PDF and read back the way the other side was read, so the two compare."""
    from layout.pdf import write_pdf

    from .proof_pdf import pdf_fingerprints

    data = write_pdf(book)
    return pdf_fingerprints(data, prefer_metadata=False, reader=reader).pages


def cmd_diff(args: argparse.Namespace) -> int:
    """`main.py diff OLD NEW`: OLD is a proof round of NEW or a PDF; NEW an issue or a PDF."""
    from .fingerprints import Fingerprints, book_fingerprints, toc_pages
    from .proof_diff import diff_fingerprints
    from .proof_pdf import pdf_fingerprints, pdf_pair_fingerprints, read_pdf_bytes

    lang = ui_lang()
    old_arg, new_arg = str(args.old), str(args.new)
    template = getattr(args, "template", None)
    round_match = re.fullmatch(r"(?:r|round|第)?(\d+)(?:校)?", old_arg.strip(), re.IGNORECASE)
    new_is_pdf = new_arg.lower().endswith(".pdf")
    if round_match and not Path(old_arg).exists():
        if new_is_pdf:
            raise UserError(
                "按校次比较时，NEW 必须是期刊文件（.gazette），其中保存着各校次的指纹。",
                "To compare with a proof round, NEW must be the issue file (.gazette) that keeps the rounds.",
            )
        issue, book = _load_new(new_arg, template)
        rnd = int(round_match[1])
        record = next((p for p in issue.proofs if p.round == rnd), None)
        if record is None:
            have = "、".join(str(p.round) for p in issue.proofs) or "无"
            raise UserError(
                f"{new_arg} 中没有第 {rnd} 校的记录（已有校次：{have}）。请先用 build --proof 输出校样。",
                f"{new_arg} has no proof round {rnd} (rounds kept: {have}). Export a proof with build --proof first.",
            )
        old = Fingerprints(record.pages, record.toc, True, f"第{rnd}校")
        new = Fingerprints(book_fingerprints(book), toc_pages(issue, book), True, new_arg)
    elif new_is_pdf:
        old, new = pdf_pair_fingerprints(
            read_pdf_bytes(Path(old_arg)), read_pdf_bytes(Path(new_arg)), old_arg, new_arg
        )
    else:
        old = pdf_fingerprints(read_pdf_bytes(Path(old_arg)), old_arg)
        issue, book = _load_new(new_arg, template)
        toc = toc_pages(issue, book)
        pages = book_fingerprints(book) if old.exact else _book_as_pdf_fingerprints(book, old.reader)
        new = Fingerprints(pages, toc, old.exact, new_arg)
    result = diff_fingerprints(old.pages, new.pages, old.toc, new.toc)
    if getattr(args, "json", False):
        print(json.dumps(result.to_dict(lang), ensure_ascii=False, indent=1))
        return 0
    if not result.changes and not result.toc_moved:
        print(say("没有页面改动，目录页码也没有变化。", "No page changed and no TOC entry moved."))
    for c in result.changes:
        print(c.describe(lang))
    for m in result.toc_moved:
        print(
            say(
                f"目录：《{m['title']}》页码 {m['old']} → {m['new']}",
                f"TOC: “{m['title']}” page {m['old']} → {m['new']}",
            )
        )
    print(
        say(
            f"共 {len(result.changes)} 页需要重读，{len(result.toc_moved)} 条目录页码变化，{result.renumbered} 页仅页码变化。",
            f"{len(result.changes)} pages to re-read, {len(result.toc_moved)} TOC entries moved, "
            f"{result.renumbered} pages only renumbered.",
        )
    )
    return 0


def cmd_next(a: argparse.Namespace) -> int:
    from .compose import issue_line
    from .importing import load_input
    from .issue_file import save_issue

    out = Path(a.output)
    if out.exists() and not a.force:
        raise UserError(
            f"{out} 已存在。要替换它，请加 --force。", f"{out} exists. Add --force to replace it."
        )
    nxt = load_input(a.input).next_issue()
    save_issue(nxt, out)
    print(say(f"已写出 {out}：{issue_line(nxt)}", f"Wrote {out}: {issue_line(nxt)}"))
    return 0


def cmd_series(a: argparse.Namespace) -> int:
    from .series_cli import run_series

    return run_series(a)


def cmd_gui(path: str | None) -> int:
    from .gui.app import run

    return run(path)


VERBS = {
    "build": cmd_build,
    "import": cmd_import,
    "check": cmd_check,
    "diff": cmd_diff,
    "next": cmd_next,
}
VERBS.update(dict.fromkeys(SERIES_VERBS, cmd_series))

# Verbs that read one issue, lay it out once and exit: their imports (the layout engine, the PDF
# writer) and the parsed issue hold no garbage cycles worth a scan, and layout and the PDF writer
# pause the collector anyway. The verbs that loop over many issues (archive, publish) keep it.
GC_PAUSED_VERBS = frozenset({"build", "check"})


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (len(argv) == 1 and not argv[0].startswith("-") and argv[0] not in VERBS):
        return _guarded(lambda: cmd_gui(argv[0] if argv else None))
    if argv[0] not in GC_PAUSED_VERBS:
        return _run_verb(argv)
    from layout.collector import cyclic_gc_paused

    with cyclic_gc_paused():
        return _run_verb(argv)


def _run_verb(argv: list[str]) -> int:
    a, unknown = make_parser(argv[0] if argv else None).parse_known_args(argv)
    if unknown:  # the error is the top-level parser's, and its usage lists every verb
        a = make_parser().parse_args(argv)
    if a.verb is None:
        make_parser().print_usage(sys.stderr)
        return 2
    return _guarded(lambda: VERBS[a.verb](a))


def _guarded(fn) -> int:
    """Run a verb; a user's mistake becomes one line on stderr, never a traceback."""
    from layout.errors import LayoutProblem

    try:
        return fn()
    except (UserError, LayoutProblem) as e:
        print(say("错误：", "Error: ") + e.message(ui_lang()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(say("已中断。", "Interrupted."), file=sys.stderr)
        return 1
    except Exception as e:  # a bug of ours: keep the details for the report, show one line
        import traceback  # only here: with textwrap it is a few ms of every start

        fd, log = tempfile.mkstemp(prefix="gazette-error-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            traceback.print_exc(file=f)
        print(
            say(
                f"内部错误（{type(e).__name__}: {e}）。详情见 {log}，请报告给开发者。",
                f"Internal error ({type(e).__name__}: {e}). Details in {log}; please report it.",
            ),
            file=sys.stderr,
        )
        return 1
