"""Benchmark: how long each chapter takes to execute, and the whole book.

Runs every notebook of the table of contents top to bottom in a fresh kernel
(as the book build and nbval do) and reports wall times: per chapter, the
kernel start-up and the cells separately, and the total. Asserts nothing.
Usage: .venv/bin/python scripts/bench_execution.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from bookpages import toc_pages  # noqa: E402


def main() -> int:
    """Print the table."""
    chapters = [ROOT / Path(p).with_suffix(".ipynb") for p in toc_pages() if p.startswith("notebooks/")]
    print(f"{'chapter':<32} {'kernel start (s)':>17} {'cells (s)':>10} {'total (s)':>10}")
    grand = 0.0
    for path in chapters:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": path.parent}}
        )
        start = time.perf_counter()
        with client.setup_kernel():
            started = time.perf_counter()
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
        end = time.perf_counter()
        grand += end - start
        print(f"{path.stem:<32} {started - start:>17.2f} {end - started:>10.2f} {end - start:>10.2f}")
    print(f"{'whole book':<32} {'':>17} {'':>10} {grand:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
