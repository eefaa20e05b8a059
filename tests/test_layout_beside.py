"""Documents laid out by a forked child beside the build (layout.engine._lay_out_beside, what the
command line's build and check do on two processors): the same book, and the same file, as from
one process; a child that fails costs nothing but its help."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from editor.compose import compose
from editor.importing import load_input
from layout import beside, engine
from layout.engine import LayoutCache, typeset
from layout.pdf import PageStreams, write_pdf
from layout.template import load_template

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "hld-2018-02.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the reference issue is not beside the project")


@pytest.fixture(scope="module")
def pub_and_template():
    issue = load_input(str(SEED), None, allow_outside=True)
    return compose(issue), load_template(issue.template)


@pytest.fixture
def laid_out_here(laid_out, monkeypatch) -> list[str]:
    """The documents this process lays out, with a child allowed whatever this machine and
    runner are."""
    monkeypatch.setattr(beside, "may_fork", lambda: True)
    return laid_out


def _file(pub, tpl, workers: int) -> tuple[bytes, list]:
    book = typeset(pub, tpl, cache=LayoutCache(), workers=workers)
    return write_pdf(book, streams=PageStreams()), [p.items for p in book.pages]


def test_a_child_lays_out_part_of_the_documents_and_the_file_is_the_same(pub_and_template, laid_out_here):
    pub, tpl = pub_and_template
    alone, alone_items = _file(pub, tpl, 1)
    assert len(laid_out_here) == len(pub.flows)
    laid_out_here.clear()
    beside, beside_items = _file(pub, tpl, 2)
    assert 0 < len(laid_out_here) < len(pub.flows)  # the child set the others
    assert beside_items == alone_items and beside == alone


def test_a_child_that_fails_leaves_its_documents_to_this_process(
    pub_and_template, laid_out_here, monkeypatch
):
    pub, tpl = pub_and_template
    alone, _ = _file(pub, tpl, 1)
    laid_out_here.clear()
    real = engine.layout_flow
    me = os.getpid()

    def failing_in_the_child(flow, *args, **kwargs):
        if os.getpid() != me:
            raise MemoryError("the child ran out")
        return real(flow, *args, **kwargs)

    monkeypatch.setattr(engine, "layout_flow", failing_in_the_child)
    assert _file(pub, tpl, 2)[0] == alone


def test_no_child_while_another_thread_runs(monkeypatch) -> None:
    """A fork copies only the calling thread, and a lock another thread holds stays held in the
    child: with a second thread running, the build lays out alone."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert beside.may_fork() is False
    finally:
        stop.set()
        other.join()


def test_a_childs_result_comes_back_and_a_failure_is_none(monkeypatch) -> None:
    monkeypatch.setattr(beside, "may_fork", lambda: True)
    child = beside.start(lambda: {"pid": os.getpid(), "pages": [1, 2, 3]})
    assert child is not None
    got = child.result()
    assert isinstance(got, dict) and got["pages"] == [1, 2, 3] and got["pid"] != os.getpid()
    failing = beside.start(lambda: 1 / 0)
    assert failing is not None and failing.result() is None  # no traceback, no second pytest
    monkeypatch.setattr(beside, "may_fork", lambda: False)
    assert beside.start(lambda: 1) is None


def test_no_process_left_for_a_child_means_the_work_is_done_here(
    pub_and_template, laid_out_here, monkeypatch
):
    def refused():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    pub, tpl = pub_and_template
    alone, _ = _file(pub, tpl, 1)
    laid_out_here.clear()
    assert _file(pub, tpl, 2)[0] == alone and len(laid_out_here) == len(pub.flows)


def test_the_callers_work_is_done_while_the_child_lays_out(pub_and_template, laid_out_here):
    """`meanwhile` (the build imports the PDF writer then) runs once, in this process, while a
    child works; the file is the same."""
    pub, tpl = pub_and_template
    alone, _ = _file(pub, tpl, 1)
    done: list[int] = []
    book = typeset(pub, tpl, cache=LayoutCache(), workers=2, meanwhile=lambda: done.append(os.getpid()))
    assert done == [os.getpid()]
    assert write_pdf(book, streams=PageStreams()) == alone
