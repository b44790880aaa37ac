"""Benchmark: η-widget latency in a real browser, against a naive interactive_output widget.

For each chapter, JupyterLab (on 127.0.0.1, over a scratch copy of the
notebooks) runs all cells in Debian's Chromium; then the main η explorer's
slider is stepped with the keyboard, timing each step until the new picture is
on screen. In the same notebook a naive widget is added for comparison where
the chapter has an ``EtaExplorer``: an ``ipywidgets.interactive_output``
callback that re-creates that explorer's figure from scratch
(``EtaExplorer.new_view``), draws it and displays it on every move.

A first row measures the floor: a trivial widget whose slider swaps two
precomputed pictures of the same size, so that nothing is computed or drawn
(what is left is the kernel round trip and the browser). The "v2" column is
the same chapter with its explorer import switched to ``nnmath.views`` (a
second scratch copy): its anywidget front end redraws in the browser, with no
kernel round trip. Reports medians; asserts nothing (it is not a test).
Usage: .venv/bin/python scripts/bench_lab.py [--steps N] [NN_name.ipynb ...]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_explorer import TIMED_INPUTS
from bookpages import launch_chromium, toc_pages
from lab import ETA_EXPLORER, jupyterlab, open_notebook, run_all, step_slider
from playwright.sync_api import sync_playwright

RECORD = """# bench: remember every explorer the chapter makes
import nnmath.explorer as _ex
_made = []
_init = _ex.EtaExplorer.__init__
def _record(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    _made.append(self)
_ex.EtaExplorer.__init__ = _record"""

NAIVE = """# bench: the naive widget, re-creating the explorer's figure on every move
import ipywidgets as _w
import numpy as _np
from IPython.display import Image as _Image, display as _display
if _made:
    _e = _made[0]
    _eta = _w.FloatLogSlider(value=_e.etas[_e.initial], base=10, min=_np.log10(min(_e.etas)),
                             max=_np.log10(max(_e.etas)), step=0.01, description="naive η")
    def _draw(eta):
        _display(_Image(_e.new_view().render(_e.run(eta), full=True)))
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


def switch_imports(source: str) -> str:
    """``from nnmath.explorer import ...``: eta_explorer and curve_explorer from nnmath.views, the rest unchanged."""

    def split(match: re.Match[str]) -> str:
        names = [n.strip() for n in match.group(1).split(",")]
        moved = [n for n in names if n in ("eta_explorer", "curve_explorer")]
        kept = [n for n in names if n not in moved]
        lines = [f"from nnmath.explorer import {', '.join(kept)}"] if kept else []
        return "\n".join([*lines, f"from nnmath.views import {', '.join(moved)}"] if moved else lines)

    return re.sub(r"^from nnmath\.explorer import ([\w, ]+)$", split, source, flags=re.M)


def write_v2(path: Path) -> Path | None:
    """A scratch copy of a chapter whose explorers come from nnmath.views (its import line switched), if it has any."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            switched = switch_imports(source)
            changed |= switched != source
            cell["source"] = switched
    if not changed:
        return None
    v2 = path.with_name(f"{path.stem}-v2.ipynb")
    v2.write_text(json.dumps(notebook), encoding="utf-8")
    return v2


def median_step(page: object, widget: object, steps: int) -> float:
    """Median ms per slider step (alternately left and right), after one warm-up step."""
    step_slider(page, widget)
    keys = ["ArrowLeft", "ArrowRight"] * steps
    return statistics.median(step_slider(page, widget, key) for key in keys[:steps])


def measure(browser: object, url: str, name: str, steps: int) -> tuple[float, float | None]:
    """(main η explorer, naive widget or None) median ms per step for one notebook."""
    page = open_notebook(browser, url, name)
    try:
        run_all(page)
        main = page.locator(ETA_EXPLORER).first
        main.scroll_into_view_if_needed()
        fast = median_step(page, main, steps)
        naive = page.locator(".naive-explorer")
        if naive.count() == 0:
            return fast, None
        naive.first.scroll_into_view_if_needed()
        naive.first.locator("img").first.wait_for(timeout=30000)
        return fast, median_step(page, naive.first, steps)
    finally:
        page.context.close()


def measure_v2(browser: object, url: str, name: str, steps: int) -> tuple[float, float, float]:
    """Medians for the first v2 explorer (nnmath.views) of a chapter's scratch copy, in ms.

    (η key press driven from Python, as for the other columns; η input timed in the page until the frame
    after it is painted, without Playwright's own latency; the same for a drag of the start point).
    """
    page = open_notebook(browser, url, name)
    try:
        run_all(page)
        main = page.locator(".nnx").first
        main.scroll_into_view_if_needed()
        keyed = median_step(page, main, steps)
        root = main.element_handle()
        eta = page.evaluate(TIMED_INPUTS, [root, 4 * steps, "eta"])[0]
        drag = page.evaluate(TIMED_INPUTS, [root, 4 * steps, "drag"])[0]
        return keyed, statistics.median(eta), statistics.median(drag)
    finally:
        page.context.close()


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*")
    parser.add_argument("--steps", type=int, default=15)
    args = parser.parse_args()
    names = args.notebooks or [Path(p).with_suffix(".ipynb").name for p in toc_pages() if p.startswith("notebooks/")]
    workdir = Path(tempfile.mkdtemp(prefix="bench-lab-"))
    print(
        f"{'chapter':<32} {'explorer (ms)':>14} {'naive (ms)':>11} {'speed-up':>9} "
        f"{'v2 key':>7} {'v2 η in page':>13} {'v2 drag in page':>16}"
    )
    with jupyterlab(workdir) as url, sync_playwright() as p:
        browser = launch_chromium(p)
        write_floor_notebook(workdir / "floor.ipynb")
        page = open_notebook(browser, url, "floor.ipynb")
        run_all(page)
        floor = median_step(page, page.locator(".nnmath-live").first, args.steps)
        page.context.close()
        print(f"{'(floor: nothing drawn)':<32} {floor:>14.0f}")
        for name in names:
            v2 = write_v2(workdir / name)
            instrument(workdir / name)
            fast, slow = measure(browser, url, name, args.steps)
            naive = f"{slow:>11.0f} {slow / fast:>8.1f}x" if slow is not None else f"{'–':>11} {'–':>9}"
            if v2 is not None:
                keyed, eta, drag = measure_v2(browser, url, v2.name, args.steps)
                twin = f"{keyed:>7.0f} {eta:>13.1f} {drag:>16.1f}"
            else:
                twin = f"{'–':>7} {'–':>13} {'–':>16}"
            print(f"{Path(name).stem:<32} {fast:>14.0f} {naive} {twin}")
        browser.close()
    print("(median time from one slider step to the new picture on screen, Debian Chromium, 2 cores;")
    print(" v2: the chapter with nnmath.views explorers, redrawn in the browser without the kernel; 'key' is timed")
    print(" like the other columns, through Playwright; 'in page' from the input event to the painted frame after it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
