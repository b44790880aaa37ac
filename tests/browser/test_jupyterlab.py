"""End to end in JupyterLab: a reader opens each chapter, runs all cells, and plays with every explorer.

JupyterLab is served on 127.0.0.1 over a scratch copy of the notebooks;
Debian's Chromium opens each chapter (with JupyterLab's default settings),
runs all cells, scrolls through them and checks that no cell shows an error or
writes to stderr, and that every explorer the chapter stores is there (an
anywidget front end of nnmath.views, class ``nnx``) and repaints when its first
range input moves, a descent explorer also when its start is dragged, and
shows the divergence for a huge η; no uncaught error in the page, no request
to another host.
A scratch notebook shows that the explorer answers its slider while the kernel
is busy: no kernel round trip.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from bookpages import ROOT, toc_pages
from explorer_checks import diverge, drag_the_start, move_first_range
from lab import KERNEL_IDLE, bad_outputs, jupyterlab, open_notebook, reveal_outputs, run_all, step_slider

NOTEBOOKS = [Path(p).with_suffix(".ipynb").name for p in toc_pages() if p.startswith("notebooks/")]
#: Every explorer's root: ``nnx`` (nnmath.views).
EXPLORER = ".nnx"
#: A scratch notebook: a v2 explorer, then a cell that keeps the kernel busy.
BUSY_CELLS = [
    "from nnmath import landscapes\nfrom nnmath.views import eta_explorer\n"
    "eta_explorer(landscapes.bowl(1.0, 10.0), etas=(0.02, 0.1, 0.19, 0.23), start=(2.5, 2.0), steps=40)",
    "import time\ntime.sleep(60)",
]


def source() -> Path:
    """The notebooks JupyterLab serves a copy of: notebooks/, or the folder ``NNMATH_LAB_NOTEBOOKS`` names (e.g.
    edited copies)."""
    return Path(os.environ.get("NNMATH_LAB_NOTEBOOKS") or ROOT / "notebooks")


def stored_explorers(name: str) -> int:
    """How many explorers (widget views) the notebook's stored outputs hold."""
    notebook = json.loads((source() / name).read_text(encoding="utf-8"))
    return sum(
        "application/vnd.jupyter.widget-view+json" in output.get("data", {})
        for cell in notebook["cells"]
        for output in cell.get("outputs", [])
    )


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """JupyterLab over a copy of :func:`source`."""
    workdir = tmp_path_factory.mktemp("lab")
    with jupyterlab(workdir, source()) as url:
        yield url, workdir


@pytest.fixture(scope="module")
def lab_url(lab: tuple[str, Path]) -> str:
    return lab[0]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_chapter_runs_and_every_explorer_responds(browser, lab_url: str, name: str) -> None:
    page = open_notebook(browser, lab_url, name)
    try:
        run_all(page)
        assert bad_outputs(page) == []
        reveal_outputs(page)  # JupyterLab makes a widget's view when its cell comes into view
        explorers = page.locator(EXPLORER)
        assert explorers.count() == stored_explorers(name) > 0
        for k in range(explorers.count()):
            explorer = explorers.nth(k)
            explorer.scroll_into_view_if_needed()
            explorer.wait_for(state="visible", timeout=30000)
            what = f"explorer {k} of {name}"
            move_first_range(page, explorer, what)
            if explorer.locator("canvas.nnx-map").count():  # a descent explorer
                drag_the_start(page, explorer, what)
                diverge(page, explorer, what)
        assert page.nnx_errors == [], page.nnx_errors
        assert page.nnx_blocked == [], page.nnx_blocked
    finally:
        page.context.close()


def test_the_v2_explorer_answers_while_the_kernel_is_busy(browser, lab: tuple[str, Path]) -> None:
    url, workdir = lab
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# busy kernel"}] + [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c} for c in BUSY_CELLS
    ]
    notebook = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}}
    (workdir / "busy.ipynb").write_text(json.dumps(notebook | {"nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    page = open_notebook(browser, url, "busy.ipynb")
    try:
        page.click(".lm-MenuBar-item:has-text('Run')")
        page.click(".lm-Menu-item:has-text('Run All Cells')")
        explorer = page.locator(".nnx").first
        explorer.wait_for(state="visible", timeout=60000)
        page.wait_for_selector("#jp-main-statusbar >> text=Busy", timeout=30000)  # the sleep has started
        times = [step_slider(page, explorer, key) for key in ["ArrowLeft", "ArrowRight"] * 5]
        assert page.locator(KERNEL_IDLE).count() == 0  # still busy: no answer came from the kernel
        assert max(times) < 1000, times
        assert bad_outputs(page) == []
    finally:
        page.context.close()


def test_the_explorer_tells_python_its_settings_once_the_slider_settles(browser, lab: tuple[str, Path]) -> None:
    url, workdir = lab
    cells = [
        "from nnmath import landscapes\nfrom nnmath.views import eta_explorer\n"
        "e = eta_explorer(landscapes.bowl(1.0, 10.0), etas=(0.02, 0.1, 0.19, 0.23), start=(2.5, 2.0), steps=40)\ne",
        "print(f'eta={e.widget().eta:.6g} starts={e.widget().starts}')",
    ]
    notebook = {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# sync"}]
        + [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c} for c in cells],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    }
    (workdir / "sync.ipynb").write_text(json.dumps(notebook | {"nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    page = open_notebook(browser, url, "sync.ipynb")
    try:
        run_all(page)
        explorer = page.locator(".nnx").first
        for key in ["ArrowLeft"] * 5:
            step_slider(page, explorer, key)
        shown = explorer.locator("input.nnx-num").input_value()
        page.wait_for_timeout(600)  # the front end sends its settings once the slider settles
        page.locator(".jp-CodeCell .jp-InputArea-editor").nth(1).click()  # run the print cell alone
        page.keyboard.press("Shift+Enter")
        printed = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stdout']").last
        printed.wait_for(timeout=30000)
        assert printed.text_content().startswith(f"eta={float(shown):.6g} "), (printed.text_content(), shown)
        assert bad_outputs(page) == []
    finally:
        page.context.close()
