"""The editor stays responsive on a long issue: what keeps work off the GUI thread, or away from
the moments the user types. Behaviour only; timings are benchmarks/bench_gui.py's business."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")

from editor.gui.workers import SWITCH_INTERVAL, fast_switching  # noqa: E402


def test_fast_switching_nests_and_restores():
    default = sys.getswitchinterval()
    with fast_switching():
        with fast_switching():
            assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(default)
