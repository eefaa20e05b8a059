"""Gazette press: `python main.py build|import|check|diff ...`, or `python main.py [ISSUE]` for the editor."""

import gc
import sys

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

if __name__ == "__main__":
    code = main()
    if ONE_ISSUE:
        # What the verb made lives until the process ends. Interpreter shutdown runs full
        # collections over every object left (a kept build's layouts: 6.5 % of a rebuild's
        # instructions); frozen objects are left to the end of the process. The output files
        # are written and closed, and atexit handlers and the standard streams run as usual.
        gc.freeze()
    sys.exit(code)
