#!/usr/bin/env bash
# Set up everything the book needs, idempotently:
#   - the Python environment .venv/ with every package of requirements-dev.txt (pinned: the reader's
#     requirements.txt, nnmath included, plus the tools that build and test the book);
#   - a Chinese (CJK) font for the plots (Debian/Ubuntu: fonts-wqy-microhei);
#   - node (Debian/Ubuntu: nodejs), which typesets the book's formulas with KaTeX at build time;
#   - with --browser: Debian's Chromium, which the browser tests drive (never a downloaded browser).
# Usage: bash scripts/setup.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install ${missing[*]} with your system's package manager" >&2
    return 1
  fi
  local sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  echo "setup: installing ${missing[*]} (apt-get)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  return 10
}

# 1. The CJK font. A fresh font needs matplotlib's font cache rebuilt.
font_status=0
if command -v dpkg >/dev/null 2>&1; then
  apt_install fonts-wqy-microhei fontconfig || font_status=$?
  [[ $font_status -ne 0 && $font_status -ne 10 ]] && exit 1
elif ! fc-list 2>/dev/null | grep -qiE "WenQuanYi|Noto Sans CJK|Source Han Sans"; then
  echo "setup: install a CJK font (WenQuanYi Micro Hei or Noto Sans CJK SC) so that plots can show Chinese" >&2
  exit 1
fi

# 2. node for KaTeX (sphinxcontrib-katex prerenders every formula when the book is built).
if ! command -v node >/dev/null 2>&1; then
  status=0
  apt_install nodejs || status=$?
  [[ $status -ne 0 && $status -ne 10 ]] && exit 1
fi

# 3. Chromium for the browser tests.
if [[ $want_browser -eq 1 ]]; then
  status=0
  apt_install chromium || status=$?
  [[ $status -ne 0 && $status -ne 10 ]] && exit 1
fi

# 4. The Python environment, re-synced whenever a requirements file changes.
if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt requirements-dev.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  echo "setup: installing the pinned Python packages (about a minute the first time)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r requirements-dev.txt
  echo "$want" > "$stamp"
fi

if [[ $font_status -eq 10 ]]; then
  rm -f "$(.venv/bin/python -c 'import matplotlib; print(matplotlib.get_cachedir())')"/fontlist-*.json
fi
.venv/bin/python -c 'from nnmath.environment import find_cjk_font; import sys; f = find_cjk_font(); print(f"setup: plots use the CJK font {f}") if f else sys.exit("setup: matplotlib sees no CJK font")'
