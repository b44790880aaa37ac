"""The softmax, shape and digits front ends live in JupyterLab (anywidget): they mount, answer, and sync back.

A scratch notebook shows the three explorers; Debian's Chromium runs it, moves
one control of each (the picture changes in the browser) and then asks the
kernel for the widget's traits, which follow the front end.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from lab import bad_outputs, jupyterlab, open_notebook, run_all, run_cell, step_slider

CELLS = [
    "from nnmath.views.softmax_explorer import softmax_show\nsm = softmax_show()\nsm",
    "from nnmath.views.shape_explorer import shape_explorer\nsh = shape_explorer()\nsh",
    "from nnmath.digits import load_digits, train, train_test_split\nfrom nnmath.network import MLP\n"
    "from nnmath.views.digits_player import draft_explorer\n"
    "X, labels = load_digits()\ndata = train_test_split(X, labels, seed=0)\n"
    "net = MLP((64, 8, 10), 'tanh', output='softmax', seed=0)\nkept = [(0, net.with_params(net.params()))]\n"
    "train(net, data, 0.5, 2, 64, on_epoch=lambda e, n, _c: kept.append((e, n.with_params(n.params()))))\n"
    "dg = draft_explorer(kept, data[1], data[3])\ndg",
]
CHECK = "print('TRAITS', sm.widget().scores[3], sh.widget().n, sh.widget().given, dg.widget().step)"


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    workdir = tmp_path_factory.mktemp("lab")
    with jupyterlab(workdir) as url:
        yield url, workdir


def test_the_three_front_ends_answer_live_and_sync_their_traits(browser, lab: tuple[str, Path]) -> None:
    url, workdir = lab
    code = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c} for c in CELLS]
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# live views"}, *code]
    notebook = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}}
    (workdir / "views.ipynb").write_text(json.dumps(notebook | {"nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    page = open_notebook(browser, url, "views.ipynb")
    try:
        run_all(page)
        assert bad_outputs(page) == []
        roots = page.locator(".nnx")
        roots.nth(2).wait_for(state="attached", timeout=30000)
        assert roots.count() == 3
        for k in range(3):
            root = roots.nth(k)
            root.scroll_into_view_if_needed()
            assert step_slider(page, root) < 1000  # drawn in the browser: no kernel round trip
        # the kernel sees what the front ends set: score 3 one slider step up, n one up (x's columns with it)
        text = run_cell(page, CHECK, "TRAITS", timeout_ms=30000)
        assert text.split() == ["TRAITS", "0.01", "3", "3", "1"]
    finally:
        page.context.close()
