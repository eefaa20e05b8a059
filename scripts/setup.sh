#!/usr/bin/env bash
# Set up everything the tool and its tests need on a Debian machine: system packages
# (fonts, poppler, Xvfb, Qt's runtime libraries), a virtual environment in .venv with the
# Python packages listed in pyproject.toml, and the compiled UI translations.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip
  fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-dejavu-core fontconfig
  poppler-utils xvfb xauth
  chromium postgresql  # e-edition test in a real browser; a throwaway PostgreSQL server for the archive tests
  ghostscript qpdf  # print output: the CMYK profile for images; tests render plates and check the files
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libdbus-1-3 libfontconfig1 libglib2.0-0
  libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Fandol fonts (FandolFang 仿宋, FandolKai 楷体, FandolHei 黑体, FandolSong 宋体; GPL with the
# font exception, OS/2 fsType 8 = embedding allowed): the templates' free stand-ins for the
# GB/T 9704 faces. Debian ships them only inside texlive-lang-chinese, whose dependencies pull
# in TeX itself, so the package is fetched with apt and only the six .otf files are unpacked.
FANDOL_DIR=/usr/local/share/fonts/fandol
if [ ! -f "$FANDOL_DIR/FandolFang-Regular.otf" ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing the Fandol fonts into $FANDOL_DIR"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download -qq texlive-lang-chinese 2>/dev/null || { $SUDO apt-get update -qq && apt-get download -qq texlive-lang-chinese; })
  dpkg-deb --fsys-tarfile "$tmp"/texlive-lang-chinese_*.deb | tar -x -C "$tmp" --wildcards \
    './usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol[FHKS]*.otf' \
    './usr/share/doc/texlive-doc/fonts/fandol/*'
  $SUDO mkdir -p "$FANDOL_DIR"
  $SUDO cp "$tmp"/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol[FHKS]*.otf \
    "$tmp"/usr/share/doc/texlive-doc/fonts/fandol/* "$FANDOL_DIR"/
  rm -rf "$tmp"
  $SUDO fc-cache -f "$FANDOL_DIR" >/dev/null 2>&1 || true
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
deps=$(.venv/bin/python - <<'PY'
import tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
print(" ".join(p["dependencies"] + p["optional-dependencies"]["test"]))
PY
)
# shellcheck disable=SC2086
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt $deps

# Compile the UI translations (.ts sources in the repository, .qm built here).
if ls resources/translations/*.ts >/dev/null 2>&1; then
  for ts in resources/translations/*.ts; do
    .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
  done
fi
# Byte-compile the project once, so a start never recompiles it (the tree may be read-only later).
.venv/bin/python -m compileall -q main.py editor layout benchmarks scripts >/dev/null
# Compute once for this environment what a first build would otherwise compute into an empty cache
# folder (scripts/install_tables.py: the word dictionary, the dataclass-code and regex-program
# tables, fc-list's answer, ink boxes, the fonts' desubroutinized charstrings), into
# .venv/share/gazette-press; each file is checked at run time as the cache folder's copy would be.
if ! .venv/bin/python scripts/install_tables.py; then
  echo "setup: the tables are computed on first use instead"
  .venv/bin/python -c "from layout.words import install_compiled; install_compiled()" \
    || echo "setup: the word dictionary is compiled on first use instead"
fi
echo "setup: ready (.venv)"
