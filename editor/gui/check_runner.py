"""Preflight in a worker thread, like the layout: the GUI thread only takes a snapshot.

Requests are debounced and coalesced: while a check runs, further edits only mark the issue
dirty and one more run starts when it ends. The worker keeps a CheckCache, so a run after a
keystroke re-checks one document, and layout findings are computed once per new Book.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from editor.check_cache import CheckCache, snapshot
from editor.model import Issue

from .workers import fast_switching, start_worker, stop_thread

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400


@dataclass(frozen=True)
class _Job:
    """One check run the worker is asked for: a snapshot of the issue and its book."""

    generation: int
    issue: Issue  # a snapshot, never the live model
    book: object
    reset: bool  # a different issue: forget what the cache knows


class _Worker(QObject):
    done = Signal(int, object)  # generation, sorted findings

    def __init__(self) -> None:
        super().__init__()
        self.cache = CheckCache()

    @Slot(object)
    def run(self, job: _Job) -> None:
        with fast_switching():  # the GUI thread gets the interpreter back quickly
            try:
                if job.reset:
                    self.cache = CheckCache()
                findings = self.cache.check(job.issue, job.book)
            except Exception:  # noqa: BLE001 - a failing check must not take the editor down
                log.exception("preflight failed")
                findings = None
        self.done.emit(job.generation, findings)


class CheckRunner(QObject):
    """Debounced, coalescing background preflight of an issue; emits the findings."""

    finished = Signal(object)  # list[Finding]
    _start = Signal(object)

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._issue: Issue | None = None
        self._book: object = None
        self._reset = True
        self._generation = 0
        self._running = False
        self._dirty = False
        self._closed = False
        self.runs = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._kick)
        self._worker = _Worker()
        self._start.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._thread = start_worker(self._worker, "preflight")  # stopped with the others at the end

    def is_busy(self) -> bool:
        return self._running or self._timer.isActive() or self._dirty

    def request(self, issue: Issue, book: object = None, now: bool = False) -> None:
        if self._closed:
            return
        if issue is not self._issue:
            self._reset = True
        self._issue, self._book = issue, book
        self._dirty = True
        if self._running:
            return
        if now:
            self._timer.stop()
            self._kick()
        else:
            self._timer.start()

    def shutdown(self) -> None:
        self._closed = True
        self._timer.stop()
        self._dirty = False
        stop_thread(self._thread)

    def _kick(self) -> None:
        if self._running or not self._dirty or self._issue is None or self._closed:
            return
        self._dirty = False
        self._generation += 1
        self._running = True
        self.runs += 1
        job = _Job(self._generation, snapshot(self._issue), self._book, self._reset)
        self._reset = False
        self._start.emit(job)

    @Slot(int, object)
    def _on_done(self, generation: int, findings) -> None:
        self._running = False
        if generation == self._generation and findings is not None:
            self.finished.emit(findings)  # shown at once, even if more edits are waiting
        if self._dirty:
            self._kick()
