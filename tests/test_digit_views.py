import os

os.environ.setdefault("MPLBACKEND", "Agg")

import io
import json
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from nnmath.digits import load_digits, train, train_test_split
from nnmath.network import MLP
from nnmath.views.digits import (
    LIVE_CLASS,
    confusion_figure,
    curves_figure,
    digits_figure,
    first_layer_figure,
    gradient_spread_figure,
    misclassified_figure,
    training_explorer,
)

X, LABELS = load_digits()
DATA = train_test_split(X, LABELS, seed=0)
X_TRAIN, X_TEST, T_TRAIN, T_TEST = DATA


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


@pytest.fixture(scope="module")
def explorer():
    return training_explorer(DATA, etas=(0.1, 1.0, 8.0), batch_sizes=(64, 256), hiddens=(8, 0), epochs=2, seed=0)


@pytest.fixture(scope="module")
def page(explorer):
    return explorer.static_html()


def embedded_data(html: str) -> dict:
    match = re.search(r'<script type="application/json">(.*?)</script>', html, re.S)
    assert match, "no embedded JSON"
    return json.loads(match.group(1))


# ---- the static face -------------------------------------------------------------------------------------------


def test_static_html_carries_every_run_of_the_grid(explorer, page):
    data = embedded_data(page)
    assert data["etas"] == [0.1, 1.0, 8.0] and data["batches"] == [64, 256] and data["epochs"] == 2
    assert data["nets"] == ["64-8-10", "64-10（无隐藏层）"]
    assert len(data["runs"]) == 2 and all(
        len(block) == 3 and all(len(row) == 2 for row in block) for block in data["runs"]
    )
    # each entry is that run's curves, rounded as documented
    run = explorer.run(1.0, 256, 0)
    entry = data["runs"][1][1][1]
    assert entry["teA"] == [round(100 * a, 1) for a in run.test_accuracy]
    np.testing.assert_allclose(entry["trL"], run.train_loss, rtol=5e-3)
    assert all(len(entry[k]) == 3 for k in ("trL", "teL", "trA", "teA"))


def test_static_html_has_keyboard_controls_with_chinese_labels(explorer, page):
    assert page.count('type="radio"') == 3 + 2 + 2
    for legend in ("学习率 η", "批大小 B", "网络"):
        assert f"<legend>{legend}</legend>" in page
    slider = re.search(r'<input type="range"[^>]*>', page).group(0)
    assert 'max="2"' in slider and 'aria-label="训练轮数"' in slider
    assert len(re.findall(r"<input type=\"radio\"[^>]* checked>", page)) == 3  # one choice per group
    assert 'role="img"' in page and "<svg" in page


def test_static_html_needs_no_other_host_and_is_deterministic(explorer, page):
    assert "http://" not in page and "https://" not in page
    assert "<script src" not in page
    assert explorer.static_html() == page


def test_a_single_network_needs_no_network_choice():
    small = training_explorer(DATA, etas=(0.5,), batch_sizes=(256,), hiddens=(4,), epochs=1)
    html = small.static_html()
    assert "<legend>网络</legend>" not in html and html.count('type="radio"') == 2


def test_the_largest_eta_is_reported_truthfully(explorer):
    # η = 8 wrecks an 8-hidden-unit tanh network at once: the loss after one epoch is far above log 10
    run = explorer.run(8.0, 64, 8)
    assert run.test_loss[1] > 3 * np.log(10) and run.test_accuracy[1] < 0.5


def test_mimebundle_has_widget_html_still_picture_and_text(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="nnmath-trainer"' in bundle["text/html"]
    assert pixels(__import__("base64").b64decode(bundle["image/png"])).shape[2] == 3
    assert bundle["text/plain"].startswith("TrainingExplorer(")


# ---- the live face -----------------------------------------------------------------------------------------------


def test_live_face_builds_and_redraws_when_eta_moves(explorer):
    box = explorer.widget()
    assert LIVE_CLASS in box._dom_classes
    eta = box.children[0].children[0]
    assert "η" in eta.description
    picture = box.children[-1]
    before = picture.value
    eta.value = 0.1
    assert picture.value != before
    batch = box.children[0].children[1]
    before = picture.value
    batch.value = 64
    assert picture.value != before


# ---- bad parameters ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"etas": (1.0, 0.1)}, "etas"),
        ({"etas": (-1.0,)}, "etas"),
        ({"etas": ()}, "etas"),
        ({"batch_sizes": (32, 10)}, "batch_sizes"),
        ({"batch_sizes": (0,)}, "batch_sizes"),
        ({"batch_sizes": (5000,)}, "batch_sizes"),
        ({"hiddens": (8, 8)}, "hiddens"),
        ({"epochs": 0}, "epochs"),
        ({"initial": (0.3, 32, 8)}, "initial"),
        ({"activation": "softplus"}, "activation"),
        ({"seed": -1}, "seed"),
    ],
)
def test_training_explorer_rejects_bad_parameters(kwargs, match):
    settings = {"etas": (0.1, 1.0), "batch_sizes": (32,), "hiddens": (8,), "epochs": 1} | kwargs
    with pytest.raises(ValueError, match=match):
        training_explorer(DATA, **settings)


def test_training_explorer_rejects_images_of_the_wrong_size():
    with pytest.raises(ValueError, match="X_train"):
        training_explorer((X_TRAIN[:, :10], X_TEST, T_TRAIN, T_TEST), etas=(0.1,), batch_sizes=(32,))


# ---- snapshots of a small network (the 「选秀」 player is tested in test_views_digits.py) ---------------------------


@pytest.fixture(scope="module")
def snapshots():
    net = MLP((64, 8, 10), "tanh", output="softmax", seed=0)
    kept = [(0, net.with_params(net.params()))]
    train(net, DATA, 0.5, 2, 64, on_epoch=lambda e, n, _c: kept.append((e, n.with_params(n.params()))))
    return kept


# ---- the still figures -------------------------------------------------------------------------------------------


def test_figures_are_figures(snapshots):
    net = snapshots[-1][1]
    run = train(MLP((64, 8, 10), output="softmax"), DATA, 0.5, 1, 128)
    assert isinstance(digits_figure(X, LABELS), Figure)
    assert isinstance(curves_figure([("a", run), ("b", run)]), Figure)
    assert isinstance(first_layer_figure(net), Figure)
    assert isinstance(confusion_figure(np.eye(10) * 3), Figure)
    fig = misclassified_figure(net, X_TEST, T_TEST, count=4)
    # four images and four probability panels
    assert len(fig.axes) == 8


def test_misclassified_gallery_shows_only_mistakes(snapshots):
    net = snapshots[-1][1]
    fig = misclassified_figure(net, X_TEST, T_TEST, count=6)
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    for title in titles:
        true, guess = re.match(r"(\d) → (\d)", title).groups()
        assert true != guess


def test_figures_reject_bad_input(snapshots):
    net = snapshots[-1][1]
    with pytest.raises(ValueError, match="runs"):
        curves_figure([])
    with pytest.raises(ValueError, match="64"):
        first_layer_figure(MLP((4, 3, 10), output="softmax"))
    with pytest.raises(ValueError, match="square"):
        confusion_figure(np.ones((2, 3)))
    with pytest.raises(ValueError, match="X"):
        misclassified_figure(net, X_TEST[:, :5], T_TEST)
    with pytest.raises(ValueError, match="per_class"):
        digits_figure(X, LABELS, per_class=0)
    g = np.ones(5)
    with pytest.raises(ValueError, match="batch sizes"):
        gradient_spread_figure(g, {1: np.ones((3, 5))}, {2: 1.0})
    with pytest.raises(ValueError, match="non-zero"):
        gradient_spread_figure(np.zeros(5), {1: np.ones((3, 5))}, {1: 1.0})


def test_gradient_spread_figure_draws_the_full_gradient_at_one():
    rng = np.random.default_rng(0)
    g = rng.normal(size=20)
    batches = {B: g + rng.normal(size=(30, 20)) / np.sqrt(B) for B in (1, 4)}
    fig = gradient_spread_figure(g, batches, {1: 1.0, 4: 0.5})
    star = next(line for line in fig.axes[0].get_lines() if line.get_marker() == "*")
    assert list(star.get_xdata()) == [1] and list(star.get_ydata()) == [0]
