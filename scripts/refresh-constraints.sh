#!/usr/bin/env bash
# Refresh constraints.txt: upgrade every dependency within pyproject.toml's ranges in .venv,
# run the suite, and freeze the versions it passed with. Commit the result with the test run's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
deps=$(.venv/bin/python - <<'PY'
import tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
print(" ".join(p["dependencies"] + p["optional-dependencies"]["test"]))
PY
)
# shellcheck disable=SC2086
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade $deps
.venv/bin/python -m pytest -q
{
  echo "# Exact versions the test suite passed with; scripts/setup.sh installs with -c constraints.txt."
  echo "# Refresh: bash scripts/refresh-constraints.sh (upgrades within pyproject.toml's ranges, then freezes)."
  .venv/bin/python -m pip freeze --disable-pip-version-check | sort -f
} > constraints.txt
echo "constraints.txt refreshed"
