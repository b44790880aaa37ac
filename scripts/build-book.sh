#!/usr/bin/env bash
# Build the HTML book (README's first command): set everything up, execute the
# notebooks, and build with warnings as errors. The book lands in _build/html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/jupyter-book build . -W --keep-going
echo
echo "The book is built: open $(pwd)/_build/html/index.html in a browser"
echo "(or serve it: .venv/bin/python -m http.server -d _build/html 8000, then http://127.0.0.1:8000)."
