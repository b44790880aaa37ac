"""Multi-panel figures on a phone (views.plotting.figure_panels, figure_panels_html): panels, crops, HTML, display."""

from __future__ import annotations

import base64
import io
import re

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from nnmath import landscapes
from nnmath.views.plotting import (
    PANEL_SCALES,
    _figure_png,
    descent_figure,
    figure_panels,
    figure_panels_html,
    new_figure,
    plain_text,
)


def two_panels(**kwargs) -> Figure:
    fig = new_figure(10, 4)
    left, right = fig.subplots(1, 2, **kwargs)
    left.plot([0, 1], [0, 1])
    left.set(title="左图 $\\eta = 0.1$", xlabel="$w_0$", ylabel="损失 $L$")
    right.plot([0, 1], [1, 0])
    right.set_title("右图")
    return fig


def images(page: str) -> list[tuple[Image.Image, int, int, str]]:
    """Each <img> of an HTML face: its picture, display width and height, alt text."""
    pattern = r'<img(?: class="[^"]*")? src="data:image/png;base64,([^"]+)" width="(\d+)" height="(\d+)" alt="([^"]*)"'
    found = re.findall(pattern, page)
    return [(Image.open(io.BytesIO(base64.b64decode(d))), int(w), int(h), alt) for d, w, h, alt in found]


def test_side_by_side_panels_make_one_row_left_to_right() -> None:
    rows = figure_panels(two_panels())
    assert rows is not None and [len(r) for r in rows] == [2]
    (a, b) = rows[0]
    assert a.box[2] <= b.box[0]  # no overlap, left first
    assert a.box[1] == b.box[1] and a.box[3] == b.box[3]  # one row: same top and bottom
    assert 0 <= a.box[0] and b.box[2] <= 10 * 80  # inside the figure (80 dpi)
    assert a.alt == "左图 η = 0.1（横轴 w₀，纵轴 损失 L）" and b.alt == "右图"


def test_a_grid_makes_rows_and_stacked_axes_in_one_column_make_one_panel() -> None:
    fig = new_figure(10, 6)
    axes = fig.subplots(2, 3)
    for k, ax in enumerate(axes.flat):
        ax.set_title(f"第 {k} 个")
    rows = figure_panels(fig)
    assert rows is not None and [len(r) for r in rows] == [3, 3]
    assert [p.alt for p in rows[1]] == ["第 3 个", "第 4 个", "第 5 个"]
    # an image beside two stacked axes: two panels, the stacked pair is one
    fig = new_figure(10, 5)
    grid = fig.add_gridspec(2, 2)
    fig.add_subplot(grid[:, 0]).set_title("图")
    fig.add_subplot(grid[0, 1]).set_title("上")
    fig.add_subplot(grid[1, 1]).set_title("下")
    rows = figure_panels(fig)
    assert rows is not None and [len(r) for r in rows] == [2]
    assert rows[0][1].alt == "上；下"


def test_twins_and_colour_bars_stay_with_their_axes() -> None:
    fig = two_panels()
    fig.axes[0].twinx().set_ylabel("右轴")
    image = fig.axes[1].imshow(np.eye(3))
    fig.colorbar(image, ax=fig.axes[1])
    rows = figure_panels(fig)
    assert rows is not None and [len(r) for r in rows] == [2]
    assert "右轴" in rows[0][0].alt


@pytest.mark.parametrize(
    "make",
    [
        lambda: new_figure(6, 4).subplots() and None,  # one panel
        lambda: new_figure(10, 2).subplots(2, 10),  # small multiples
        lambda: new_figure(16, 3).subplots(1, 9),  # too many panels
        lambda: _with(two_panels(), "text"),  # figure text no panel would carry
        lambda: _with(two_panels(), "supxlabel"),
    ],
)
def test_figures_that_stay_whole(make) -> None:
    result = make()
    fig = result.flat[0].figure if isinstance(result, np.ndarray) else (result or _single())
    assert figure_panels(fig) is None and figure_panels_html(fig) is None


def _single() -> Figure:
    fig = new_figure(6, 4)
    fig.add_subplot().plot([0, 1])
    return fig


def _with(fig: Figure, what: str) -> Figure:
    if what == "text":
        fig.text(0.5, 0.5, "说明")
    else:
        fig.supxlabel("横轴")
    return fig


def test_a_figure_legend_is_a_row_of_its_own() -> None:
    fig = two_panels()
    fig.axes[0].lines[0].set_label("训练 $L_0$")
    fig.axes[1].lines[0].set_label("测试")
    fig.legend(loc="outside lower center", ncols=2)
    rows = figure_panels(fig)
    assert rows is not None and [len(r) for r in rows] == [2, 1]
    (legend,) = rows[1]
    assert legend.legend and legend.alt == "图例：训练 L₀，测试"
    assert legend.box[1] >= rows[0][0].box[3] - 1  # below the panels, as in the figure
    page = figure_panels_html(fig)
    pictures = images(page)
    assert [alt for *_, alt in pictures] == [
        "第 1 幅（共 2 幅）：左图 η = 0.1（横轴 w₀，纵轴 损失 L）",
        "第 2 幅（共 2 幅）：右图",
        "图例：训练 L₀，测试",
    ]
    assert page.count('<img class="nnmath-panels-legend"') == 1


def test_the_html_face_cuts_each_panel_from_one_sharp_render() -> None:
    fig = two_panels()
    fig.suptitle("总标题：$\\lambda_1$")
    page = figure_panels_html(fig)
    assert page is not None
    assert page.startswith('<figure class="nnmath-panels"') and page.count('class="nnmath-panels-row"') == 1
    assert "<figcaption" in page and "总标题：λ₁" in page
    pictures = images(page)
    assert len(pictures) == 2
    low, high = PANEL_SCALES
    for picture, width, height, _alt in pictures:
        assert low * width - 2 <= picture.width <= high * width + 2  # 2 to 3 pixels per CSS pixel
        assert picture.width / width == pytest.approx(picture.height / height, rel=0.02)
        assert picture.mode == "P"  # quantised to a palette
    # the two panels together are about as wide as the figure (10 in at 80 dpi), the left one first
    assert 0.85 * 800 <= sum(w for _, w, _, _ in pictures) <= 800
    assert pictures[0][3] == "第 1 幅（共 2 幅）：左图 η = 0.1（横轴 w₀，纵轴 损失 L）"
    assert pictures[1][3] == "第 2 幅（共 2 幅）：右图"
    assert figure_panels_html(fig) == page  # the same every run (nbval compares text/html)


def test_a_narrow_panel_is_drawn_sharper_for_a_phone() -> None:
    # three panels in 10.2 in: 272 px each at 80 dpi; a phone shows one about 360 px wide: 2.5 pixels per CSS pixel
    fig = new_figure(10.2, 3.7)
    for ax in fig.subplots(1, 3):
        ax.plot([0, 1])
    picture, width, _, _ = images(figure_panels_html(fig))[0]
    assert picture.width >= 1.8 * 360 and picture.width == pytest.approx(PANEL_SCALES[1] * width, abs=3)


def test_the_panels_show_what_the_whole_figure_shows() -> None:
    fig = descent_figure(landscapes.bowl(1.0, 10.0), landscapes.bowl(1.0, 10.0).descend((2.5, 2.0), 0.05, 30))
    whole = np.asarray(Image.open(io.BytesIO(_figure_png(fig)[0])).convert("RGB"), dtype=float)
    (left, lw, _, _), (right, rw, _, _) = images(figure_panels_html(fig))
    # each panel, brought to the whole figure's scale, is a piece of the whole figure
    for picture, offset in ((left, 0), (right, whole.shape[1] - 2 * rw)):
        small = np.asarray(
            picture.convert("RGB").resize((2 * (lw if offset == 0 else rw), whole.shape[0])), dtype=float
        )
        piece = whole[:, offset : offset + small.shape[1]]
        assert small.shape == piece.shape
        assert np.abs(small - piece).mean() < 12  # the same picture (resampling and palette differ a little)


@pytest.mark.parametrize(
    ("tex", "plain"),
    [
        ("$\\eta = 0.1$", "η = 0.1"),
        ("$W^{(2)}W^{(1)}$：先错切", "W⁽²⁾W⁽¹⁾：先错切"),
        ("$\\sigma(x)=\\dfrac{1}{1+e^{-x}}$", "σ(x)=1/(1+e^(-x))"),
        ("$v^\\top H v$ 与 $\\lambda_0$", "vᵀ H v 与 λ₀"),
        ("沿 $v_k$（平缓）", "沿 vₖ（平缓）"),
        ("没有公式", "没有公式"),
    ],
)
def test_plain_text_reads_without_tex(tex: str, plain: str) -> None:
    assert plain_text(tex) == plain


def test_jupyter_shows_a_multi_panel_figure_with_both_faces() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    from nnmath.views import plotting

    shell = InteractiveShell.instance()
    try:
        plotting._register_figure_display()
        data, metadata = shell.display_formatter.format(two_panels())
        assert {"image/png", "text/html", "text/plain"} <= set(data)
        assert data["text/html"].startswith('<figure class="nnmath-panels"')
        assert metadata["image/png"] == {"width": 800, "height": 320}  # the whole figure stays for the PDF and nbval
        # both faces come from one drawing of the figure; a figure changed after it is drawn anew
        fig, draws = two_panels(), []
        fig.canvas.mpl_connect("draw_event", lambda event: draws.append(event))
        fig.savefig(io.BytesIO(), format="png")
        once = len(draws)  # the draws of one savefig
        data, _ = shell.display_formatter.format(fig)
        assert len(draws) == 2 * once and {"image/png", "text/html"} <= set(data)
        fig.axes[0].set_title("改过的标题")
        data, _ = shell.display_formatter.format(fig)
        assert len(draws) == 3 * once and "改过的标题" in data["text/html"]
        figure_panels_html(fig)
        before = len(draws)
        fig.axes[1].plot([0, 1], [0.5, 0.5])  # changed after its HTML face was made: the PNG is drawn anew
        _figure_png(fig)
        assert len(draws) == before + once
        single, _ = shell.display_formatter.format(_single())
        assert "image/png" in single and "text/html" not in single
    finally:
        InteractiveShell.clear_instance()
