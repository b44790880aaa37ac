"""Chapter 7's training explorer live in JupyterLab: a setting outside the grid is trained in the kernel.

A scratch notebook shows a small training explorer. In Debian's Chromium the
reader opens 「在内核里训练」, types η = 0.3, picks B = 32, the 64-16-10 network
and 12 epochs, and presses the button: the readout follows the training epoch
by epoch (streamed from the kernel, not shown all at once at the end), ends with
the whole run's verdict, and says the same numbers as nnmath's own run of that
setting in the kernel. A bad η is refused in words, and nothing is lost: the
last run stays on the page.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lab import bad_outputs, jupyterlab, open_notebook, run_all, run_cell

SETUP = (
    "from nnmath.digits import load_digits, train_test_split\n"
    "from nnmath.views.digits import training_explorer\n"
    "X, labels = load_digits()\n"
    "data = train_test_split(X, labels, test_fraction=0.2, seed=0)\n"
    "ex = training_explorer(data, etas=(0.5, 5.0), batch_sizes=(64,), hiddens=(8,), epochs=3)\n"
    "ex"
)
#: In the kernel: nnmath's own training of that setting (not the explorer's), in the readout's words.
CHECK = """from nnmath.digits import train
from nnmath.views._frontend import fmt
c = train(ex.network(16, 0), ex.data, 0.3, 12, 32, 0)
own = (f"训练准确率 {100 * c.train_accuracy[12]:.1f}%，测试准确率 {100 * c.test_accuracy[12]:.1f}%；"
       f"训练损失 {fmt(c.train_loss[12])}，测试损失 {fmt(c.test_loss[12])}")
live = ex.widget().live_run
print('RUN', live['done'], len(live['trL']), own == SHOWN)"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    workdir = tmp_path_factory.mktemp("lab")
    with jupyterlab(workdir) as url:
        yield url, workdir


def test_a_setting_outside_the_grid_trains_in_the_kernel_epoch_by_epoch(browser, lab: tuple[str, Path]) -> None:
    url, workdir = lab
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": SETUP}
    heading = {"cell_type": "markdown", "metadata": {}, "source": "# 在内核里训练"}  # open_notebook waits for it
    notebook = {"cells": [heading, cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}}
    (workdir / "train.ipynb").write_text(json.dumps(notebook | {"nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    page = open_notebook(browser, url, "train.ipynb")
    try:
        run_all(page)
        assert bad_outputs(page) == []
        root = page.locator(".nnx[data-kind=training]")
        root.wait_for(timeout=30000)
        readout = root.locator(".nnx-readout")
        root.locator("details.nnx-kernel summary").click()
        root.locator("input[type=number]").first.fill("0.3")
        root.locator("label:has(input[aria-label='内核训练的批大小 B = 32'])").click()
        root.locator("label:has(input[aria-label='内核训练的网络 64-16-10'])").click()
        root.locator("input[type=number]").nth(1).fill("12")
        root.locator("button.nnx-train").click()
        epochs_seen: set[int] = set()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            text = readout.text_content() or ""
            if text.startswith("内核训练"):
                epochs_seen.update(int(k) for k in re.findall(r"第 (\d+) 轮：", text))
                if "整个训练（12 轮）" in text:
                    break
            time.sleep(0.02)
        final = readout.text_content() or ""
        assert (
            final.startswith("内核训练：64-16-10，η = 0.3，B = 32，种子 0，第 12 轮") and "整个训练（12 轮）" in final
        )
        assert len(epochs_seen - {12}) >= 2, f"the readout followed the training: epochs seen {sorted(epochs_seen)}"
        shown = final.split("\n")[1]  # the numbers, between the heading and the verdict
        checked = run_cell(page, f"SHOWN = {shown!r}\n" + CHECK, "RUN")
        assert checked.split() == ["RUN", "True", "13", "True"], checked
        # a bad η is refused in words; the run stays on the page
        root.locator("input[type=number]").first.fill("-1")
        root.locator("button.nnx-train").click()
        page.wait_for_function("el => el.textContent.includes('请先改正')", arg=readout.element_handle(), timeout=5000)
        assert "第 12 轮" in (readout.text_content() or "")
        assert page.nnx_errors == [] and page.nnx_blocked == []
    finally:
        page.context.close()
