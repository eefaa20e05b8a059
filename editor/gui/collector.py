"""Python's full garbage collection at a moment the user does not notice.

The cyclic collector's full pass (generation 2) walks every object of the process. With a
400-page issue open (layout cache, display list, findings) that takes about 0.3 s, during which
no thread runs Python: the GUI thread stops whichever thread started the pass. Left automatic, it
came every few relayouts, in the middle of typing (the longest stalls of bench_gui's 10x issue).

While an editor window is open, the young generations stay automatic (a few milliseconds each);
the full pass is not started by allocation but by `IdleCollector`, once the user has paused and
the workers are idle.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

IDLE_MS = 2500  # a pause this long (no edit) lets the full pass run
NO_AUTOMATIC_FULL_PASS = 1 << 30  # generation-1 passes before generation 2 is examined

_holders = 0
_saved_threshold: tuple[int, int, int] | None = None


def _hold() -> None:
    """No automatic full pass from now on (counted: several windows may hold it)."""
    global _holders, _saved_threshold
    if _holders == 0:
        _saved_threshold = gc.get_threshold()
        young, middle, _old = _saved_threshold
        gc.set_threshold(young, middle, NO_AUTOMATIC_FULL_PASS)
    _holders += 1


def _release() -> None:
    global _holders
    if _holders == 0:
        return
    _holders -= 1
    if _holders == 0 and _saved_threshold is not None:
        gc.set_threshold(*_saved_threshold)


class IdleCollector(QObject):
    """Runs the full collection after a pause in editing; `poke()` on every edit."""

    def __init__(
        self,
        parent: QObject | None = None,
        idle_ms: int = IDLE_MS,
        busy: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self._busy = busy  # a worker is running: wait until it is done (its garbage too)
        self._held = True
        self.collections = 0  # full passes run so far
        _hold()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self._collect)

    def poke(self) -> None:
        """The user did something: the pause starts again."""
        if self._held:
            self._timer.start()

    def release(self) -> None:
        """The window closes: collection is automatic again once no window holds it."""
        self._timer.stop()
        if self._held:
            self._held = False
            _release()

    def _collect(self) -> None:
        if self._busy():
            self._timer.start()
            return
        gc.collect()
        self.collections += 1
