"""End to end in JupyterLab: a reader opens each chapter, runs all cells, and plays with the η explorer.

JupyterLab is served on 127.0.0.1 over a scratch copy of the notebooks;
Debian's Chromium opens each chapter, runs all cells and checks that no cell
shows an error or writes to stderr, that the live widgets are there, and
that moving the main explorer's slider redraws its picture.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bookpages import toc_pages
from lab import ETA_EXPLORER, bad_outputs, jupyterlab, open_notebook, run_all, step_slider

NOTEBOOKS = [Path(p).with_suffix(".ipynb").name for p in toc_pages() if p.startswith("notebooks/")]
#: Every live control box of the book carries this class (nnmath.explorer.LIVE_CLASS).
EXPLORER = ".nnmath-live"


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with jupyterlab(tmp_path_factory.mktemp("lab")) as url:
        yield url


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_chapter_runs_and_its_explorer_responds(browser, lab_url: str, name: str) -> None:
    page = open_notebook(browser, lab_url, name)
    try:
        run_all(page)
        assert bad_outputs(page) == []
        live = page.locator(EXPLORER)
        live.first.wait_for(state="attached", timeout=30000)
        assert live.count() >= 1
        main = page.locator(ETA_EXPLORER).first
        # JupyterLab renders cells lazily: bring the explorer into view first.
        main.scroll_into_view_if_needed()
        main.wait_for(state="visible", timeout=30000)
        elapsed = step_slider(page, main)
        assert elapsed < 10000
    finally:
        page.context.close()
