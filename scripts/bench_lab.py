"""Benchmark: η-widget latency in a real browser, against a naive interactive_output widget.

For each chapter, JupyterLab (on 127.0.0.1, over a scratch copy of the
notebooks) runs all cells in Debian's Chromium; then the main η explorer's
slider is stepped with the keyboard, timing each step until the new picture is
on screen. In the same notebook a naive widget is added for comparison: an
``ipywidgets.interactive_output`` callback that re-creates the same figure
(contours, path, loss curve) and displays it on every move. Reports medians;
asserts nothing (it is not a test).
Usage: .venv/bin/python scripts/bench_lab.py [--steps N] [NN_name.ipynb ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))

from bookpages import launch_chromium, toc_pages
from lab import jupyterlab, open_notebook, run_all, step_slider
from playwright.sync_api import sync_playwright

RECORD = """# bench: remember every explorer the chapter makes
import nnmath.explorer as _ex
_made = []
_init = _ex.EtaExplorer.__init__
def _record(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    _made.append(self)
_ex.EtaExplorer.__init__ = _record"""

NAIVE = """# bench: the naive widget, re-creating the figure on every move
import ipywidgets as _w
import numpy as _np
from IPython.display import display as _display
from nnmath.plotting import descent_figure as _descent_figure
_e = _made[0]
_eta = _w.FloatLogSlider(value=_e.etas[_e.initial], base=10, min=_np.log10(min(_e.etas)),
                         max=_np.log10(max(_e.etas)), step=0.01, description="naive η")
def _draw(eta):
    _display(_descent_figure(_e.landscape, _e.run(eta)))
_box = _w.VBox([_eta, _w.interactive_output(_draw, {"eta": _eta})])
_box.add_class("naive-explorer")
_box"""


def instrument(path: Path) -> None:
    """Add the recording cell first and the naive widget last to a scratch notebook."""
    notebook = json.loads(path.read_text(encoding="utf-8"))

    def cell(source: str) -> dict:
        return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}

    notebook["cells"] = [cell(RECORD), *notebook["cells"], cell(NAIVE)]
    path.write_text(json.dumps(notebook), encoding="utf-8")


def median_step(page: object, widget: object, steps: int) -> float:
    """Median ms per slider step, after one warm-up step."""
    step_slider(page, widget)
    return statistics.median(step_slider(page, widget) for _ in range(steps))


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*")
    parser.add_argument("--steps", type=int, default=15)
    args = parser.parse_args()
    names = args.notebooks or [Path(p).with_suffix(".ipynb").name for p in toc_pages() if p.startswith("notebooks/")]
    workdir = Path(tempfile.mkdtemp(prefix="bench-lab-"))
    print(f"{'chapter':<32} {'explorer (ms)':>14} {'naive (ms)':>11} {'speed-up':>9}")
    with jupyterlab(workdir) as url, sync_playwright() as p:
        browser = launch_chromium(p)
        for name in names:
            instrument(workdir / name)
            page = open_notebook(browser, url, name)
            run_all(page)
            main_widget = page.locator(".nnmath-live").first
            naive = page.locator(".naive-explorer").first
            naive.locator("img").first.wait_for(timeout=30000)
            main_widget.scroll_into_view_if_needed()
            fast = median_step(page, main_widget, args.steps)
            naive.scroll_into_view_if_needed()
            slow = median_step(page, naive, args.steps)
            print(f"{Path(name).stem:<32} {fast:>14.0f} {slow:>11.0f} {slow / fast:>8.1f}x")
            page.context.close()
        browser.close()
    print("(median time from one slider step to the new picture on screen, Debian Chromium, 2 cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
