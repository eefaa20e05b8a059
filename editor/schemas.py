"""Where the shipped schemas are: read by the code that validates against them, and part of the
key of an issue kept between builds (it was read against the schema of its day)."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "schema"
ISSUE = FOLDER / "issue.rng"  # a .gazette file's issue.xml
RECORDS = FOLDER / "issue-records.schema.json"  # the e-edition's issue.json
