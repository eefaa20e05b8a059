"""Gazette press: `python main.py build|import|check|diff ...`, or `python main.py [ISSUE]` for the editor."""

import sys

from layout.collector import cyclic_gc_paused

# Start-up creates thousands of classes, functions and code objects and no garbage: the cyclic
# collector's scans over them were 15-30 ms of a cold build (docs/layout.md, "A cold CLI start").
with cyclic_gc_paused():
    if sys.argv[1:2] in (["build"], ["check"]):  # one issue, one thread (layout/lazymod.py)
        from layout.lazymod import defer_unused_stdlib

        defer_unused_stdlib()  # before dataclasses and pathlib import what they would load
    from layout.dataclass_code import remember_dataclass_code
    from layout.lazyre import compile_with
    from layout.pattern_code import PatternTable, table_path

    remember_dataclass_code()  # our dataclasses' methods come compiled from the cache folder
    compile_with(PatternTable(table_path()).compile)  # and our regular expressions' programs
    from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
