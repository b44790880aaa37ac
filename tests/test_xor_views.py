import re
import warnings

import numpy as np
import pytest
from matplotlib.figure import Figure
from support import pixels

from nnmath.data import xor
from nnmath.network import MLP
from nnmath.views._frontend import png_bytes as figure_png
from nnmath.views.xor import (
    hidden_window,
    loss_curves_figure,
    success_figure,
    unit_activity_figure,
    unit_line,
    xor_figure,
    xor_state_figure,
)

X, T = xor()


def test_the_state_figure_draws_the_network_at_its_epoch():
    net = MLP((2, 2, 1), seed=0)
    run = net.fit(X, T, 1.0, 100)
    early = xor_state_figure(net.with_params(run.points[0]), run, 0)
    late = xor_state_figure(net, run, 100)
    assert np.abs(pixels(figure_png(early)) - pixels(figure_png(late))).mean() > 1.0
    titled = xor_state_figure(net, run, 100, title="η = 1，第 100 轮")
    ax_loss = early.axes[0]
    assert ax_loss.get_yscale() == "log" and ax_loss.lines[-1].get_xdata()[0] == 0
    assert late.axes[0].lines[-1].get_xdata()[0] == 100
    assert titled._suptitle.get_text() == "η = 1，第 100 轮" and late._suptitle is None


def test_relu_sigmoid_wide_and_narrow_networks_draw_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for sizes, act in [((2, 2, 1), "relu"), ((2, 4, 1), "sigmoid"), ((2, 1, 1), "tanh")]:
            net = MLP(sizes, act, seed=2)
            run = net.fit(X, T, 1.0, 50)
            assert figure_png(xor_state_figure(net, run)).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("line", "ends"),
    [
        ((1.0, 1.0, -1.0), {(-0.5, 1.5), (1.5, -0.5)}),  # x + y = 1: corner to corner
        ((1.0, 0.0, -0.5), {(0.5, -0.5), (0.5, 1.5)}),  # x = 0.5: vertical
        ((0.0, 1.0, 0.0), {(-0.5, 0.0), (1.5, 0.0)}),  # y = 0: horizontal
    ],
)
def test_unit_line_ends_on_the_window_s_border(line, ends):
    assert {tuple(p) for p in unit_line(*line, (-0.5, 1.5)).tolist()} == ends


def test_a_unit_line_that_misses_the_window_has_no_ends():
    assert unit_line(1.0, 1.0, -10.0, (-0.5, 1.5)) is None
    assert unit_line(0.0, 0.0, 1.0, (-0.5, 1.5)) is None


def test_hidden_window_holds_what_the_hidden_layer_reaches():
    assert hidden_window(MLP((2, 2, 1), "tanh")) == (-1.1, 1.1)
    relu = MLP((2, 3, 1), "relu", seed=4)
    low, high = hidden_window(relu)
    s = np.linspace(-0.25, 1.25, 7)
    reached = relu.hidden(np.array([(a, b) for a in s for b in s]))[:, :2]
    assert low < 0 and high >= reached.max()


def test_figures_are_figures():
    net = MLP((2, 2, 1), "relu", seed=0)
    run = net.fit(X, T, 1.0, 50)
    assert isinstance(xor_figure([(1, 1, -0.5)]), Figure)
    assert isinstance(loss_curves_figure([("a", run)]), Figure)
    assert isinstance(success_figure({"2": 0.5, "4": 1.0}, "t"), Figure)
    assert isinstance(unit_activity_figure(MLP((2, 2, 1), "relu", seed=0), run), Figure)


def test_xor_figure_counts_right_points():
    # x1 + x2 - 0.5 > 0 at (0,1), (1,0), (1,1): all right but (1,1), so 3 of 4
    fig = xor_figure([(1, 1, -0.5)])
    titles = [ax.get_title() for ax in fig.axes]
    assert any(re.search("分对 3/4", title) for title in titles)
