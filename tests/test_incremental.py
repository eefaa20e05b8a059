"""What an edit re-does, counted (never timed): one document recomposed, one paragraph set again,
the cover's lines set once per text, and nothing left for the young garbage collection."""

from __future__ import annotations

import gc

import pytest

import editor.compose as compose_module
import layout.front as front_module
import layout.pages as pages_module
from editor.compose import compose
from editor.model import Block as ModelBlock
from editor.model import Board, BoardEntry, Document, Gazette, Issue, Role, Section
from layout.display import Ref
from layout.engine import LayoutCache, typeset
from layout.front import layout_front
from layout.template import load_template
from tests.layout_grid import GridBook

TPL = load_template("gazette-a4")


def issue(docs: int = 4, paras: int = 12) -> Issue:
    section = Section("市政府文件")
    for i in range(1, docs + 1):
        blocks = [
            ModelBlock(
                Role.PARAGRAPH,
                f"第{i}号文件第{k}段：为做好有关工作，现就相关事项通知如下，请认真贯彻落实。" * 2,
            )
            for k in range(paras)
        ]
        section.documents.append(
            Document(f"d{i}", number=f"某政发〔2018〕{i}号", title=f"关于第{i}项工作的通知", blocks=blocks)
        )
    board = Board(
        "编委会", [BoardEntry("主任", people=["张三", "李四"]), BoardEntry("主办", text="某市政府办公室")]
    )
    return Issue(Gazette("某某市人民政府公报"), 2018, 2, 51, sections=[section], board=board)


def test_an_unchanged_document_composes_to_the_same_flow_object():
    iss = issue()
    first = compose(iss)
    before = compose_module.flows_composed
    iss.set_block_text("d2", 3, "改过的一段。")
    second = compose(iss)
    assert compose_module.flows_composed - before == 1  # only the edited document
    assert [a is b for a, b in zip(first.flows, second.flows, strict=True)] == [True, False, True, True]
    edited = [b.text for b in second.flows[1].blocks if b.key == Ref("d2", "block", 3)]
    assert edited == ["改过的一段。"]


def test_every_change_a_flow_is_made_of_recomposes_it():
    iss = issue(docs=1)
    changes = [
        lambda: iss.set_document_field("d1", "title", "新标题"),
        lambda: iss.set_block_role("d1", 0, Role.HEADING1),
        lambda: iss.sections[0].documents[0].footnotes.append("注文"),
        lambda: iss.rename_section(0, "办公室文件"),
        lambda: iss.sections[0].documents[0].blocks[1].marks.append((0, 1, "sup")),
    ]
    last = compose(iss).flows[0]
    for change in changes:
        change()
        now = compose(iss).flows[0]
        assert now is not last and now != last
        last = now


def test_an_edit_sets_only_the_edited_paragraph_again(monkeypatch):
    iss = issue()
    cache = LayoutCache()
    book = GridBook()
    typeset(compose(iss), TPL, fonts=book, cache=cache)
    calls: list[str] = []
    real = pages_module.set_lines

    def counting(text, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pages_module, "set_lines", counting)
    iss.set_block_text("d3", 5, "这一段改过了，其余各段不必重新断行。")
    typeset(compose(iss), TPL, fonts=book, cache=cache)
    assert calls == ["这一段改过了，其余各段不必重新断行。"]


def test_the_cover_sets_each_text_once(monkeypatch):
    pub = compose(issue())
    calls: list[tuple] = []
    real = front_module.set_lines

    def counting(text, style, measure, width, *args):
        calls.append((text, style, width))
        return real(text, style, measure, width, *args)

    monkeypatch.setattr(front_module, "set_lines", counting)
    measure = LayoutCache().measure(GridBook())
    layout_front(pub.front, TPL, measure, {f.id: 2 + i for i, f in enumerate(pub.flows)})
    assert calls and len(calls) == len(set(calls))  # the board's column trials reuse their lines
    n = len(calls)
    layout_front(pub.front, TPL, measure, {f.id: 3 + i for i, f in enumerate(pub.flows)})
    assert len(calls) == n  # another TOC pass: only the page numbers differ


def test_a_build_leaves_nothing_for_the_young_collection():
    if not gc.isenabled():
        pytest.skip("the cyclic collector is off in this process")
    pub = compose(issue(docs=6, paras=30))
    book, cache = GridBook(), LayoutCache()
    typeset(pub, TPL, fonts=book, cache=LayoutCache())  # fonts and module caches warm
    gc.collect()
    seen: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(record)
    try:
        typeset(pub, TPL, fonts=book, cache=cache)
    finally:
        gc.callbacks.remove(record)
    # what the build allocated went to the oldest generation without a scan; without that the
    # first allocation after the build started a collection over all of it
    assert seen == []
