import os

os.environ.setdefault("MPLBACKEND", "Agg")

import base64
import io
import json
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from nnmath.descent import Trajectory, judge
from nnmath.digits import load_digits, train, train_test_split
from nnmath.network import MLP
from nnmath.views._frontend import fmt
from nnmath.views.digits import (
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
WIDGET = "application/vnd.jupyter.widget-view+json"


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


@pytest.fixture(scope="module")
def explorer():
    return training_explorer(DATA, etas=(0.1, 1.0, 8.0), batch_sizes=(64, 256), hiddens=(8, 0), epochs=2, seed=0)


@pytest.fixture(scope="module")
def blown():
    """η = 10³⁰⁸: the first step overflows, the parameters stop being finite numbers after epoch 1."""
    return training_explorer(
        DATA, etas=(0.5, 1e308), batch_sizes=(256,), hiddens=(8,), epochs=2, initial=(1e308, 256, 8)
    )


def embedded_state(html: str) -> dict:
    match = re.search(r'<script type="application/json">(.*?)</script>', html, re.S)
    assert match, "no embedded JSON"
    return json.loads(match.group(1))


# ---- what the front end gets -----------------------------------------------------------------------------------


def test_the_state_carries_every_run_of_the_grid_rounded(explorer):
    state = explorer.state()
    data = state["data"]
    assert data["etas"] == [0.1, 1.0, 8.0] and data["batches"] == [64, 256] and data["epochs"] == 2
    assert data["nets"] == ["64-8-10", "64-10（无隐藏层）"]
    assert len(data["runs"]) == 2 and all(
        len(block) == 3 and all(len(row) == 2 for row in block) for block in data["runs"]
    )
    # the default setting shown first is the middle of each list, at the last epoch
    assert (state["eta"], state["batch"], state["net"], state["epoch"]) == (1, 1, 0, 2)
    # each entry is that run's curves: losses to 3 significant digits, accuracies in % to 1 decimal
    run = explorer.run(1.0, 256, 0)
    entry = data["runs"][1][1][1]
    assert entry["teA"] == [round(100 * a, 1) for a in run.test_accuracy]
    np.testing.assert_allclose(entry["trL"], run.train_loss, rtol=5e-3)
    assert all(float(f"{v:.3g}") == v for v in entry["trL"] + entry["teL"])
    assert all(len(entry[k]) == 3 for k in ("trL", "teL", "trA", "teA"))
    assert state["kernel"] is False and state["request"] == {} and state["live_run"] == {}


def test_the_verdict_of_each_run_is_judge_s_on_its_parameters_and_training_loss(explorer):
    # η = 8 wrecks an 8-hidden-unit tanh network at once: its loss ends far above where it started
    run = explorer.run(8.0, 64, 8)
    assert run.train_loss[-1] > 3 * run.train_loss[0] and run.test_accuracy[-1] < 0.5
    entry = explorer.state()["data"]["runs"][0][2][0]
    assert entry["verdict"] == "diverging" and entry["sentence"].startswith("发散：损失越走越大")
    # the verdict is judge's on the parameters after every epoch and the training loss
    net = explorer.network(8)
    points = [net.params()]
    train(net, DATA, 0.1, 2, 256, on_epoch=lambda _e, n, _c: points.append(n.params()))
    path = Trajectory(np.array(points), explorer.run(0.1, 256, 8).train_loss, 0.1, None, None)
    assert explorer.state()["data"]["runs"][0][0][1]["verdict"] == judge(path)


def test_a_run_that_leaves_the_finite_numbers_is_stored_as_null(blown):
    curves = blown.run(1e308, 256, 8)
    assert curves.diverged_at == 1 and np.isfinite(curves.train_loss[0]) and not np.isfinite(curves.train_loss[1])
    entry = blown.state()["data"]["runs"][0][1][0]
    for key in ("trL", "teL", "trA", "teA"):
        assert entry[key][0] is not None and entry[key][1:] == [None, None], key
    assert entry["verdict"] == "diverging" and entry["sentence"] == "发散：第 1 轮参数爆炸，训练停止"
    # the JSON of the page says null (not NaN, which JSON does not have)
    page_json = re.search(r'<script type="application/json">(.*?)</script>', blown.static_html(), re.S).group(1)
    assert "NaN" not in page_json and "Infinity" not in page_json
    assert json.loads(page_json)["data"]["runs"][0][1][0]["trL"][1:] == [None, None]
    text = blown.describe(1e308, 256, 8, 2)
    assert "发散：第 1 轮起参数已不是有限数" in text and "第 2 轮" in text
    assert "训练准确率" in blown.describe(1e308, 256, 8, 0)  # epoch 0 is before the first step


def test_describe_words_the_stored_numbers(explorer):
    entry = explorer.state()["data"]["runs"][1][0][0]  # 64-10, η = 0.1, B = 64
    text = explorer.describe(0.1, 64, 0, 1)
    lines = text.split("\n")
    assert lines[0] == "64-10（无隐藏层），η = 0.1，B = 64，第 1 轮："
    assert lines[1] == (
        f"训练准确率 {entry['trA'][1]:.1f}%，测试准确率 {entry['teA'][1]:.1f}%；"
        f"训练损失 {fmt(entry['trL'][1])}，测试损失 {fmt(entry['teL'][1])}"
    )
    assert lines[2] == f"整个训练（2 轮）：{entry['sentence']}"
    with pytest.raises(ValueError, match="grid"):
        explorer.describe(0.3, 64, 0)
    with pytest.raises(ValueError, match="epoch"):
        explorer.describe(0.1, 64, 0, 3)


# ---- the three faces ----------------------------------------------------------------------------------------------


def test_mimebundle_has_widget_html_still_picture_and_text(explorer):
    bundle, _ = explorer._repr_mimebundle_()
    assert WIDGET in bundle
    html = bundle["text/html"]
    assert html.startswith('<div class="nnmath-explorer" data-kind="training" id="nnx-')
    assert embedded_state(html) == json.loads(json.dumps(explorer.state()))
    assert "http://" not in html and "https://" not in html and "<script src" not in html
    assert explorer.static_html() == html  # the same every run
    still = pixels(base64.b64decode(bundle["image/png"]))
    assert still.shape[2] == 3 and still.std() > 10
    assert bundle["text/plain"].startswith("TrainingExplorer(")


def test_the_still_picture_is_the_initial_setting(explorer, blown):
    fig = explorer.still_figure()
    ax_loss, ax_acc = fig.axes[:2]
    assert ax_loss.get_yscale() == "log" and ax_loss.get_xlim() == ax_acc.get_xlim() == (0, 2)
    curves = explorer.run(1.0, 256, 8)
    train_line, test_line = ax_loss.get_lines()[:2]
    np.testing.assert_array_equal(train_line.get_ydata(), curves.train_loss)
    np.testing.assert_array_equal(test_line.get_ydata(), curves.test_loss)
    assert test_line.get_linestyle() == "--"
    assert "η = 1，B = 256" in fig.get_suptitle() and "还在下降" in fig.get_suptitle()
    assert "发散" in blown.still_figure().get_suptitle()
    assert explorer.alt_text().startswith("64-8-10 网络在学习率 η = 1、批大小 B = 256 时的学习曲线")
    assert f"{100 * curves.test_accuracy[-1]:.1f}%" in explorer.alt_text()


# ---- the live face: the grid, and training in the kernel -------------------------------------------------------


def test_the_live_face_trains_a_setting_outside_the_grid_epoch_by_epoch(explorer):
    widget = explorer.widget()
    assert widget is explorer.widget() and widget.kernel is True
    assert widget.data["runs"] == explorer.state()["data"]["runs"]
    seen: list[dict] = []
    widget.observe(lambda change: seen.append(change["new"]), names="live_run")
    widget.request = {"eta": 0.3, "batch": 128, "hidden": 4, "epochs": 3, "seed": 2, "asked": 1}
    # the head (no epoch yet), then one update per epoch, then the whole run with its verdict
    assert [len(run["trL"]) for run in seen] == [0, 2, 3, 4, 4]
    assert [run["done"] for run in seen] == [False] * 4 + [True]
    curves = explorer.run(0.3, 128, 4, epochs=3, seed=2)
    final = widget.live_run
    assert final["net"] == "64-4-10" and final["settings"]["seed"] == 2 and final["epochs"] == 3
    assert final["teA"] == [round(100 * a, 1) for a in curves.test_accuracy]
    assert final["verdict"] in ("converged", "moving", "oscillating", "diverging") and final["sentence"]


@pytest.mark.parametrize(
    ("request_", "match"),
    [
        ({"eta": -1, "batch": 64, "hidden": 8, "epochs": 2, "seed": 0}, "eta"),
        ({"eta": 0.5, "batch": 10**6, "hidden": 8, "epochs": 2, "seed": 0}, "batch"),
        ({"eta": 0.5, "batch": 64, "hidden": 1000, "epochs": 2, "seed": 0}, "hidden"),
        ({"eta": 0.5, "batch": 64, "hidden": 8, "epochs": 9, "seed": 0}, "epochs"),
        ({"eta": 0.5, "batch": 64, "hidden": 8, "epochs": 2, "seed": -3}, "seed"),
        ({"batch": 64, "hidden": 8, "epochs": 2, "seed": 0}, "eta"),
    ],
)
def test_a_bad_request_is_answered_with_an_error_not_a_run(explorer, request_, match):
    answer = explorer.train_request(request_)
    assert set(answer) == {"error"} and re.match(match, answer["error"])


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
