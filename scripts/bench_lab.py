"""Benchmark: every explorer of the book live in JupyterLab, slider → new picture, against the kernel's floor.

For each chapter, JupyterLab (on 127.0.0.1, over a scratch copy of the
notebooks) runs all cells in Debian's Chromium; then every explorer the chapter
shows (an anywidget front end of :mod:`nnmath.views`, drawn in the browser) is
timed: its first range input stepped with the keyboard from Python until the
new picture is painted ("key"), the same input timed inside the page until the
frame after it is painted ("in page", without Playwright's latency), and for a
descent explorer a drag of its start point.

Two rows of reference: the floor, a trivial ipywidgets slider whose kernel
callback swaps two precomputed pictures (what any kernel round trip costs), and
the naive widget, an ``ipywidgets.interactive_output`` that re-creates the
chapter's first descent explorer's figure in the kernel on every move (its
still picture, drawn by matplotlib). Reports medians; asserts nothing.
JupyterLab runs with its default windowing (``contentVisibility``) unless
``--windowing`` says otherwise; ``--profile`` traces the η inputs instead and
prints the main thread's time per phase.
Usage: .venv/bin/python scripts/bench_lab.py [--steps N] [--source DIR] [--windowing MODE] [--profile] [NN.ipynb ...]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_explorer import PHASES, TIMED_INPUTS, TRACE_CATEGORIES, phase_times
from bookpages import launch_chromium, toc_pages
from lab import jupyterlab, open_notebook, reveal_outputs, run_all, step_slider
from playwright.sync_api import sync_playwright

RECORD = """# bench: remember every explorer the chapter makes
from nnmath.views import _frontend as _fe
_made = []
def _record(cls, *args, **kwargs):
    _made.append(object.__new__(cls))
    return _made[-1]
_fe.FrontEnd.__new__ = _record"""

NAIVE = """# bench: the naive widget, re-creating the first descent explorer's figure in the kernel on every move
import ipywidgets as _w
import numpy as _np
from IPython.display import Image as _Image, display as _display
_descent = [e for e in _made if e.kind == "descent"]
if _descent:
    _e = _descent[0]
    _lo, _hi = _e.data["eta_range"]
    _eta = _w.FloatLogSlider(value=_e.eta, base=10, min=_np.log10(_lo), max=_np.log10(_hi), step=0.01,
                             description="naive η")
    def _draw(eta):
        _e.eta = eta
        _display(_Image(_e.still_png()))
    _box = _w.VBox([_eta, _w.interactive_output(_draw, {"eta": _eta})])
    _box.add_class("naive-explorer")
    _display(_box)"""

FLOOR = """# bench: the floor, a slider that swaps two precomputed pictures (nothing computed or drawn)
import io as _io
import ipywidgets as _w
from PIL import Image as _PIL
_pngs = []
for _c in (0, 200):
    _b = _io.BytesIO()
    _PIL.new("RGB", (768, 320), (_c, 60, 90)).save(_b, "png")
    _pngs.append(_b.getvalue())
_s = _w.IntSlider(0, 0, 100, description="floor η")
_img = _w.Image(value=_pngs[0], format="png")
_s.observe(lambda change: setattr(_img, "value", _pngs[change["new"] % 2]), names="value")
_box = _w.VBox([_s, _img])
_box.add_class("nnmath-live")
_box"""


def code_cell(source: str) -> dict:
    """A notebook code cell, not yet run."""
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}


def write_floor_notebook(path: Path) -> None:
    """The floor widget alone, under a title (JupyterLab helpers wait for an h1)."""
    notebook = {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# floor"}, code_cell(FLOOR)],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook), encoding="utf-8")


def instrument(path: Path) -> None:
    """Add the recording cell first and the naive widget last to a scratch copy of a chapter."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"] = [code_cell(RECORD), *notebook["cells"], code_cell(NAIVE)]
    path.write_text(json.dumps(notebook), encoding="utf-8")


def median_step(page: object, widget: object, steps: int) -> float:
    """Median ms per slider step (alternately left and right), after one warm-up step; a step whose picture
    did not change within 10 s counts as 10 s (and is reported)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    def one(key: str) -> float:
        try:
            return step_slider(page, widget, key)
        except PlaywrightTimeout:
            print(f"  (a step with {key} was not seen within 10 s)", file=sys.stderr)
            return 10000.0

    one("ArrowRight")
    keys = ["ArrowLeft", "ArrowRight"] * steps
    return statistics.median(one(key) for key in keys[:steps])


def explorers_in(page: Any) -> Iterator[tuple[int, Any, str]]:
    """Run all cells of the open notebook and make every explorer's view; yield each (index, ``.nnx`` root,
    kind), scrolled into view."""
    run_all(page)
    reveal_outputs(page)
    explorers = page.locator(".nnx")
    for k in range(explorers.count()):
        main = explorers.nth(k)
        main.scroll_into_view_if_needed()
        yield k, main, main.evaluate("r => r.closest('[data-kind]')?.dataset.kind || r.dataset.kind || '?'")


def profile(browser: object, url: str, name: str, steps: int) -> None:
    """Print where the η inputs' frames go in JupyterLab: main-thread ms per input in each phase."""
    page = open_notebook(browser, url, name)
    try:
        for k, main, kind in explorers_in(page):
            root = main.element_handle()
            page.evaluate(TIMED_INPUTS, [root, 5, "eta"])  # warm up
            browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
            times, _ = page.evaluate(TIMED_INPUTS, [root, 4 * steps, "eta"])
            totals, sizes = phase_times(browser.stop_tracing(), 4 * steps)
            phases = " ".join(f"{v:9.2f}" for v in totals.values())
            print(f"{Path(name).stem[:28]:<28} {k:>2} {kind:<8} {statistics.median(times):6.1f} {phases}  {sizes}")
    finally:
        page.context.close()


def measure(browser: object, url: str, name: str, steps: int) -> tuple[list[tuple[str, float, float, float]], float]:
    """Every explorer of one notebook: (kind, key, in page, drag) medians in ms; and the naive widget's (or nan)."""
    page = open_notebook(browser, url, name)
    rows = []
    try:
        for _, main, kind in explorers_in(page):
            keyed = median_step(page, main, steps)
            root = main.element_handle()
            eta = statistics.median(page.evaluate(TIMED_INPUTS, [root, 4 * steps, "eta"])[0])
            drag = math.nan
            if main.locator("canvas.nnx-map").count():
                drag = statistics.median(page.evaluate(TIMED_INPUTS, [root, 4 * steps, "drag"])[0])
            rows.append((kind, keyed, eta, drag))
        naive = page.locator(".naive-explorer")
        if naive.count() == 0:
            return rows, math.nan
        naive.first.scroll_into_view_if_needed()
        naive.first.locator("img").first.wait_for(timeout=30000)
        return rows, median_step(page, naive.first, steps)
    finally:
        page.context.close()


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*")
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--source", type=Path, default=None, help="the notebooks' folder (default: notebooks/)")
    parser.add_argument(
        "--windowing",
        default="contentVisibility",
        choices=["contentVisibility", "none", "defer", "full"],
        help="the notebook's windowing mode (default: JupyterLab's own)",
    )
    parser.add_argument("--profile", action="store_true", help="trace the η inputs: main-thread time per phase")
    args = parser.parse_args()
    names = args.notebooks or [Path(p).with_suffix(".ipynb").name for p in toc_pages() if p.startswith("notebooks/")]
    workdir = Path(tempfile.mkdtemp(prefix="bench-lab-"))
    with jupyterlab(workdir, args.source, args.windowing) as url, sync_playwright() as p:
        browser = launch_chromium(p)
        if args.profile:
            print(f"{'chapter':<28} {'#':>2} {'kind':<8} {'median':>6} " + " ".join(f"{p:>9}" for p in PHASES))
            for name in names:
                profile(browser, url, name, args.steps)
            browser.close()
            print("(ms per input on the renderer's main thread, traced, so slower; median: input to painted frame)")
            return 0
        write_floor_notebook(workdir / "floor.ipynb")
        page = open_notebook(browser, url, "floor.ipynb")
        run_all(page)
        floor = median_step(page, page.locator(".nnmath-live").first, args.steps)
        page.context.close()
        print(f"{'chapter':<28} {'#':>2} {'kind':<8} {'key (ms)':>9} {'in page':>8} {'drag':>6} {'naive (ms)':>11}")
        print(f"{'(floor: a kernel round trip)':<28} {'':>2} {'':<8} {floor:>9.0f}")
        for name in names:
            instrument(workdir / name)
            rows, naive = measure(browser, url, name, args.steps)
            first = next((k for k, row in enumerate(rows) if row[0] == "descent"), None)
            for k, (kind, keyed, eta, drag) in enumerate(rows):
                slow = f"{naive:>11.0f}" if k == first and not math.isnan(naive) else f"{'–':>11}"
                dragged = f"{drag:>6.1f}" if not math.isnan(drag) else f"{'–':>6}"
                print(f"{Path(name).stem[:28]:<28} {k:>2} {kind:<8} {keyed:>9.0f} {eta:>8.1f} {dragged} {slow}")
        browser.close()
    print("(median ms from one slider step to the new picture on screen, Debian Chromium, 2 cores; 'key' through")
    print(" Playwright like the floor and the naive widget, 'in page' and 'drag' from the input event to the frame")
    print(" painted after it; the explorers redraw in the browser, no kernel round trip)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
