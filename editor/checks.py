"""Preflight checks: what a careful proofreader of an official gazette catches.

The runner over the two kinds of check: content checks (`content_checks`) read only the
issue model; layout checks (`layout_checks`) read a laid-out Book. Both produce the same
Finding values (`findings`), so the CLI, the GUI findings panel, the build report and the
proof PDF all show one list.
"""

from __future__ import annotations

from layout.display import Book
from layout.errors import LayoutError, LayoutProblem

from .compose import build_book
from .content_checks import check_content
from .findings import Finding, Location, Severity, sort_findings, visible
from .layout_checks import check_layout, place_on_pages
from .model import Issue


def check_issue(
    issue: Issue,
    *,
    template: str | None = None,
    book: Book | None = None,
    cache=None,
    content: list[Finding] | None = None,
    workers: int = 1,
) -> list[Finding]:
    """Content and layout findings; lays the issue out when no Book is given (with `cache`, a
    layout.engine.LayoutCache, if one is given). `content` is what check_content gave for this
    very issue, if it is known (the command line keeps it with the issue it read).

    A layout that fails (TOC not converging, no usable font) is itself a finding, so the
    content findings still reach the editor.
    """
    findings = check_content(issue) if content is None else list(content)
    if book is None:
        try:
            book = build_book(issue, template=template, cache=cache, workers=workers)
        except LayoutError as e:
            findings.append(_layout_failed("toc-not-converged", e))
            return findings
        except LayoutProblem as e:
            findings.append(_layout_failed("layout-failed", e))
            return findings
    place_on_pages(findings, book)
    findings += check_layout(issue, book)
    return findings


def layout_key(issue: Issue, template: str | None, cache) -> str | None:
    """What the layout findings depend on besides the issue and the code: the template's
    content and the files of the faces its fonts resolve to (with `cache`, the LayoutCache the
    check lays out with, which keeps the font book). None when the template or a face cannot be
    read: then the check itself says so."""
    try:
        from layout.template import load_template

        tpl = load_template(template or issue.template)
        return f"{tpl.fingerprint}|{cache.fontbook(tpl).identity()!r}"
    except Exception:  # noqa: BLE001 - the check reports it as it always has
        return None


def _layout_failed(check: str, e: LayoutProblem) -> Finding:
    return Finding(check, Severity.ERROR, Location(), e.zh, e.en, check)


def findings_report(issue: Issue, book: Book, lang: str = "zh") -> list[dict]:
    """The build report's "findings" section: every visible finding, in page order."""
    findings = visible(issue, check_issue(issue, book=book))
    return [f.to_dict(lang) for f in sort_findings(findings, issue)]
