"""Multi-panel figures in Chromium with the book's stylesheet: stacked on a phone, side by side on a laptop.

A page holds the ``text/html`` faces of figures the chapters draw (a 1×2
descent figure, a 1×3 row of matrices, the 2×3 activation grid, two panels
with a figure legend) inside the book's article column, with
``_ext/static/book.css``. At 390 px the panels of every row stack, each at
least 90 % of the column's width and drawn with at least 1.75 image pixels
per CSS pixel (a 2× phone stretches it by 15 % at most), a legend at its own
size; at 1366 px the panels of a row sit side by side at one height, inside
the column. Every picture loads, has alt text, nothing comes from another
host, nothing is wider than the screen.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from bookpages import DESKTOP, PHONE, ROOT, open_page, serve

from nnmath import landscapes
from nnmath.views.activations import activation_figure
from nnmath.views.plotting import descent_figure, figure_panels_html, new_figure
from nnmath.views.toolkit import plane_figure

SHAPES = {"descent": [2], "plane": [3], "activations": [3, 3], "curves": [2, 1]}


def curves_with_a_legend():
    """Two panels and a figure legend below them (as the digits chapter's learning curves)."""
    fig = new_figure(9.6, 4.2)
    for ax, title in zip(fig.subplots(1, 2), ("损失", "准确率"), strict=True):
        ax.plot([0, 1, 2], [3, 1, 0.5], label="训练")
        ax.plot([0, 1, 2], [3, 1.5, 1], "--", label="测试")
        ax.set(title=title, xlabel="训练轮数（epoch）")
    handles, labels = fig.axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2)
    return fig


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("panels")
    shutil.copy(ROOT / "_ext" / "static" / "book.css", folder / "book.css")
    bowl = landscapes.bowl(1.0, 10.0)
    figures = {
        "descent": descent_figure(bowl, bowl.descend((2.5, 2.0), 0.05, 30)),
        "plane": plane_figure([np.eye(2), [[0.0, -1.0], [1.0, 0.0]], [[1.0, 1.0], [0.0, 1.0]]], ["A", "B", "C"]),
        "activations": activation_figure(),
        "curves": curves_with_a_legend(),
    }
    sections = "\n".join(
        f'<section id="{name}"><div class="output text_html">{figure_panels_html(fig)}</div></section>'
        for name, fig in figures.items()
    )
    page = (
        '<!doctype html><html lang="zh"><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        '<link rel="stylesheet" href="book.css"><title>多子图</title>'
        f'<body style="margin:0"><main style="max-width:52rem;margin:auto;padding:0 1rem">'
        f'<article class="bd-article">{sections}</article></main></body></html>'
    )
    (folder / "index.html").write_text(page, encoding="utf-8")
    with serve(folder) as url:
        yield url


def panel_boxes(page, name: str) -> list[list[dict]]:
    """Each row's pictures: their box on the page, natural width and alt text."""
    return page.eval_on_selector(
        f"#{name} figure.nnmath-panels",
        """fig => [...fig.querySelectorAll('.nnmath-panels-row')].map(row =>
          [...row.querySelectorAll('img')].map(img => {
            const r = img.getBoundingClientRect();
            return {left: r.left, top: r.top, width: r.width, bottom: r.bottom, natural: img.naturalWidth,
                    complete: img.complete, alt: img.alt, legend: img.classList.contains('nnmath-panels-legend')};
        }))""",
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
def test_panels_stack_on_a_phone_and_sit_side_by_side_on_a_laptop(browser, site: str, viewport: dict) -> None:
    opened = open_page(browser, site, "index.html", viewport)
    page = opened.page
    try:
        page.wait_for_load_state("networkidle")
        column = page.eval_on_selector("article", "a => a.clientWidth")
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], "the page scrolls sideways"
        for name, shape in SHAPES.items():
            rows = panel_boxes(page, name)
            assert [len(r) for r in rows] == shape, name
            pictures = [p for row in rows for p in row]
            assert all(
                p["complete"] and p["natural"] > 0 and p["alt"].startswith("图例" if p["legend"] else "第 ")
                for p in pictures
            )
            if viewport is PHONE:
                # one below the other, in reading order, each (nearly) as wide as the column, sharp on a 2× screen
                for above, below in itertools.pairwise(pictures):
                    assert below["top"] >= above["bottom"] - 1, name
                for p in pictures:
                    if p["legend"]:  # a legend keeps its size, never wider than the column
                        assert p["width"] <= column + 1
                        continue
                    assert p["width"] >= 0.9 * column, (name, p["width"], column)
                    assert p["natural"] >= 1.75 * p["width"], (name, p["natural"], p["width"])
            else:
                # a row's panels at one height, left to right, together inside the column
                for row in rows:
                    assert len({round(p["top"]) for p in row}) == 1, name
                    assert all(a["left"] + a["width"] <= b["left"] + 1 for a, b in itertools.pairwise(row))
                    assert row[-1]["left"] + row[-1]["width"] - row[0]["left"] <= column + 1
                    assert all(p["natural"] >= 1.9 * p["width"] for p in row)
        assert opened.blocked == [] and opened.errors == []
    finally:
        page.context.close()
