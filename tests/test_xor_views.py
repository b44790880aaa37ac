import re
import warnings

import numpy as np
import pytest
from matplotlib.figure import Figure
from support import pixels

from nnmath.data import xor
from nnmath.network import MLP
from nnmath.xor_views import XorView, loss_curves_figure, success_figure, unit_activity_figure, xor_explorer, xor_figure

X, T = xor()


@pytest.fixture(scope="module")
def explorer():
    return xor_explorer(etas=(0.1, 1.0, 30.0), epochs=60, snapshots=(0, 20, 60))


def test_static_html_has_two_players_with_the_right_frames(explorer):
    html = explorer.static_html()
    assert html.count('class="nnmath-player"') == 2
    assert html.count("<img ") == 3 + 3
    assert "http://" not in html and "https://" not in html


def test_static_html_is_deterministic(explorer):
    assert explorer.static_html() == explorer.static_html()


def test_frames_differ_as_training_goes_on(explorer):
    frames = explorer.epoch_frames()
    assert np.abs(pixels(frames[0].png) - pixels(frames[-1].png)).mean() > 1.0
    assert "第 0 轮" in frames[0].label and "准确率" in frames[0].alt


def test_live_widget_redraws_when_epoch_moves(explorer):
    box = explorer.widget()
    picture = box.children[-1]
    epoch = box.children[0].children[1]
    before = picture.value
    epoch.value = 10
    assert picture.value != before


def test_blitted_render_equals_full_redraw():
    net = MLP((2, 2, 1), seed=0)
    run = net.fit(X, T, 1.0, 100)
    fast, full = XorView(100), XorView(100, animated=False)
    fast.render(net.with_params(run.points[0]), run, 0)  # fill the cache first
    a = pixels(fast.render(net, run, 100))
    b = pixels(full.render(net, run, 100))
    assert a.shape == b.shape
    assert np.abs(a - b).mean() < 2.0


def test_relu_and_wide_networks_render_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for sizes, act in [((2, 2, 1), "relu"), ((2, 4, 1), "sigmoid")]:
            net = MLP(sizes, act, seed=2)
            run = net.fit(X, T, 1.0, 50)
            assert XorView(50).render(net, run).startswith(b"\x89PNG")


def test_figures_are_figures():
    net = MLP((2, 2, 1), "relu", seed=0)
    run = net.fit(X, T, 1.0, 50)
    assert isinstance(xor_figure([(1, 1, -0.5)]), Figure)
    assert isinstance(loss_curves_figure([("a", run)]), Figure)
    assert isinstance(success_figure({"2": 0.5, "4": 1.0}, "t"), Figure)
    assert isinstance(unit_activity_figure(MLP((2, 2, 1), "relu", seed=0), run), Figure)


def test_bad_settings_raise():
    with pytest.raises(ValueError, match=r"\(2, H, 1\)"):
        xor_explorer(sizes=(3, 2, 1))
    with pytest.raises(ValueError, match="lr must be one of etas"):
        xor_explorer(lr=0.5, etas=(0.1, 1.0))
    with pytest.raises(ValueError, match="snapshots"):
        xor_explorer(snapshots=tuple(range(11)))


def test_xor_figure_counts_right_points():
    # x1 + x2 - 0.5 > 0 at (0,1), (1,0), (1,1): all right but (1,1), so 3 of 4
    fig = xor_figure([(1, 1, -0.5)])
    titles = [ax.get_title() for ax in fig.axes]
    assert any(re.search("分对 3/4", title) for title in titles)
