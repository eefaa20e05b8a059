"""Work done beside this process: a forked child runs a function and sends its result back.

A command-line build is one process, and a first build keeps one processor busy while the
machine has two. Some of its work splits cleanly: documents are laid out independently of each
other (layout.engine). `start` forks a child that runs the work on its copy of this process's
memory (fonts loaded, template parsed) and sends the result back through a pipe, pickled; this
process goes on with its own share meanwhile and asks for the result when it needs it.

What pays is work that is long against the fork's cost: a copy-on-write fault for every page
of memory either process writes first. Drawing the pages' content streams in a child while
reportlab is imported here was measured: the child took twice as long as drawing here (both
processes fault on the pages the other still shares), so the PDF writer draws its own pages.

The result is what the same function gives in this process: the child is a copy, and the work
reads nothing that changes between the fork and the result. A child that fails, or sends
something that cannot be read, only means `result()` is None and the work is done here.

Only a process with a single thread forks (its own threads and any library's, counted in
`/proc/self/task` where there is one): a fork copies only the calling thread, and a lock another
thread holds would stay held in the child. The editor runs worker threads and never forks; the
command line's single-issue verbs ask for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable


def may_fork() -> bool:
    """Whether a child may work beside this process: fork exists, this process runs one thread
    and it may use two processors."""
    import threading

    if not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    try:  # threads Python does not know of (a library's own) count as well
        if len(os.listdir("/proc/self/task")) != 1:
            return False
    except OSError:
        pass  # no /proc: Python's own threads are all that can be known
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) >= 2


class Beside:
    """A child at work; `result()` waits for what it sends."""

    def __init__(self, pid: int, read_end: int) -> None:
        self.pid, self.read_end = pid, read_end

    def result(self) -> object | None:
        """The work's result, or None if the child failed (then do the work here)."""
        import pickle

        with os.fdopen(self.read_end, "rb") as got:
            data = got.read()
        os.waitpid(self.pid, 0)
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - nothing or part of a result came: the child failed
            return None


def start(work: Callable[[], object]) -> Beside | None:
    """Fork a child that runs `work` and sends its result back; None when this process may not
    fork (`may_fork`) or the system has no process for it. The child leaves with os._exit: none of this process's exit work (its
    atexit handlers, its buffered output) runs twice."""
    if not may_fork():
        return None
    import pickle

    try:
        read_end, write_end = os.pipe()
    except OSError:  # no file descriptors left: the work is done here
        return None
    try:
        pid = os.fork()
    except OSError:  # no process or memory left for a child (a limit, a full machine)
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:
        try:
            os.close(read_end)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write_end)
    return Beside(pid, read_end)
