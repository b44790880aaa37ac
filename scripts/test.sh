#!/usr/bin/env bash
# Run every test (README's second command; CI runs exactly this):
#   lint (ruff), nnmath's unit and property tests, every notebook re-executed by
#   nbval against its stored outputs, the book built with warnings as errors,
#   and the browser tests of the built pages in Debian's Chromium. nbval and the book build also run a
#   second time under another numeric configuration (tests/test_portability.py,
#   tests/browser/test_portable_build.py): the stored outputs and the pages' text must hold on any CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
.venv/bin/ruff check .
.venv/bin/ruff format --check nnmath tests scripts _ext
.venv/bin/python -m pytest tests notebooks \
  --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg "$@"
