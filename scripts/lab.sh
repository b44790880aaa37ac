#!/usr/bin/env bash
# Open the chapters in a local JupyterLab with everything installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/jupyter lab notebooks "$@"
