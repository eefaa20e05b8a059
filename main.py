"""Gazette press: `python main.py build|import|check|diff ...`, or `python main.py [ISSUE]` for the editor."""

import sys

from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
