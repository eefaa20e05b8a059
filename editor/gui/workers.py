"""The editor's worker threads (layout, preflight, page thumbnails): starting and stopping them.

Each worker is a QObject living in a QThread of its own. The threads belong to this module, not
to the objects that use them: a running QThread destroyed with its owner aborts the process, and
stopping it from a destructor ran Python during garbage collection (a segfault). Threads stop at
`stop_thread()`, at the application's `aboutToQuit` or at `atexit`.

While a worker runs Python, the GUI thread waits for the interpreter each time it calls into
Python (several times per event). `fast_switching()` makes the interpreter hand over every half
millisecond instead of every five while any worker is busy, and restores the default when the last
one is done.
"""

from __future__ import annotations

import atexit
import sys
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread

SWITCH_INTERVAL = 0.0005  # s; Python's default is 0.005

_LIVE: dict[QThread, QObject] = {}  # running threads and their workers
_hooked = False
_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved = sys.getswitchinterval()


def start_worker(
    worker: QObject, name: str, priority: QThread.Priority = QThread.Priority.LowPriority
) -> QThread:
    """Move `worker` into a new thread named `name` and start it; the module keeps both alive."""
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    _LIVE[thread] = worker
    _hook_application_end()
    thread.start(priority)
    return thread


def is_live(thread: QThread) -> bool:
    """Whether a thread started here is still running (not stopped by stop_thread/stop_all)."""
    return thread in _LIVE


def stop_thread(thread: QThread) -> None:
    """End a worker thread (after the job it is running) and only then let its worker go."""
    worker = _LIVE.pop(thread, None)
    if thread.isRunning():
        thread.quit()
        thread.wait()
    del worker  # deleted here, on the calling thread, now that its own thread has ended


def stop_all() -> None:
    for thread in list(_LIVE):
        stop_thread(thread)


def _hook_application_end() -> None:
    global _hooked
    if _hooked:
        return
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(stop_all)
    atexit.register(stop_all)
    _hooked = True


@contextmanager
def fast_switching() -> Iterator[None]:
    """Run the block with a short interpreter switch interval (counted: workers may overlap)."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if _switch_users == 0:
            _switch_saved = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)


def run_layout_steps(
    steps: Generator[tuple[int, int, str], None, Any],
    progress: Callable[[int, int, str], None],
    stop: Callable[[], bool] | None = None,
) -> Any:
    """Drive `layout.engine.typeset_steps` in a worker: each step goes to `progress`; the Book at
    the end, or None when `stop()` says so between two steps (the generator is closed)."""
    while True:
        if stop is not None and stop():
            steps.close()
            return None
        try:
            done, total, label = next(steps)
        except StopIteration as end:
            return end.value
        progress(done, total, label)
