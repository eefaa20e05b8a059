"""Gazette press: `python main.py build|import|check|diff ...`, or `python main.py [ISSUE]` for the editor."""

import gc
import sys
from typing import NoReturn

from layout.collector import cyclic_gc_paused

ONE_ISSUE = sys.argv[1:2] in (["build"], ["check"])  # the verbs that read one issue in one thread

# Start-up creates thousands of classes, functions and code objects and no garbage: the cyclic
# collector's scans over them were 15-30 ms of a cold build (docs/layout.md, "A cold CLI start").
with cyclic_gc_paused():
    if ONE_ISSUE:  # (layout/lazymod.py)
        from layout.lazymod import defer_unused_stdlib

        defer_unused_stdlib()  # before dataclasses and pathlib import what they would load
    from layout.dataclass_code import remember_dataclass_code
    from layout.lazyre import compile_with
    from layout.pattern_code import pattern_table

    remember_dataclass_code()  # our dataclasses' methods come compiled from the cache folder
    compile_with(pattern_table().compile)  # and our regular expressions' programs
    from editor.cli import main


def leave(code: int) -> NoReturn:
    """End the process as `sys.exit(code)` would, less the interpreter's teardown: the exit
    handlers run (the tables kept in the cache folder are saved by them, temporary folders
    removed) and the standard streams are flushed, but the collections over every object left
    and the clearing of every module are skipped (≈ 45 ms of a cold build: the book, the font
    tables and ≈ 400 modules). Everything build and check write is written and closed before
    they return (build and check: ONE_ISSUE). With a thread of ours still running, the normal
    exit waits for it."""
    import atexit
    import os

    threading = sys.modules.get("threading")
    if threading is not None and any(
        t.is_alive() and not t.daemon and t is not threading.main_thread() for t in threading.enumerate()
    ):
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said on it
            pass
    os._exit(code)


if __name__ == "__main__":
    code = main()
    if ONE_ISSUE:
        # What the verb made lives until the process ends. Interpreter shutdown runs full
        # collections over every object left (a kept build's layouts: 6.5 % of a rebuild's
        # instructions); frozen objects are left to the end of the process. The output files
        # are written and closed, and atexit handlers and the standard streams run as usual.
        gc.freeze()
        # When main.py is the program (the tests' probes run it from a script of theirs, which
        # goes on after it), the rest of the shutdown is skipped too (leave).
        if sys._getframe().f_back is None:
            leave(code)
    sys.exit(code)
