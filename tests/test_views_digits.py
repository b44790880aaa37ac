"""The digits epoch player (nnmath.views.digits_player): what it sends is nnmath's MLP, its checks, its still."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from support import pixels

from nnmath.digits import load_digits, train, train_test_split
from nnmath.network import MLP
from nnmath.views.digits_player import draft_explorer

X, LABELS = load_digits()
DATA = train_test_split(X, LABELS, seed=0)
X_TEST, T_TEST = DATA[1], DATA[3]
WIDGET = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def snapshots() -> list[tuple[int, MLP]]:
    net = MLP((64, 8, 10), "tanh", output="softmax", seed=0)
    kept = [(0, net.with_params(net.params()))]
    train(net, DATA, 0.5, 3, 64, on_epoch=lambda e, n, _c: kept.append((e, n.with_params(n.params()))))
    return kept


def test_the_bundle_has_the_live_the_static_and_the_still_face(snapshots) -> None:
    player = draft_explorer(snapshots, X_TEST, T_TEST, index=3)
    bundle, _ = player._repr_mimebundle_()
    assert {WIDGET, "text/html", "image/png", "text/plain"} <= set(bundle)
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert 'data-kind="digits"' in bundle["text/html"]
    assert player.static_html() == draft_explorer(snapshots, X_TEST, T_TEST, index=3).static_html()
    widget = player.widget()
    assert (widget.step, widget.image) == (0, 0) and widget.data["epochs"] == [0, 1, 2, 3]


def test_the_numbers_sent_are_the_networks(snapshots) -> None:
    player = draft_explorer(snapshots, X_TEST, T_TEST, index=3, others=(7, 11))
    images = player.state()["data"]["images"]
    assert [im["index"] for im in images] == [3, 7, 11]
    for im in images:
        k = im["index"]
        assert im["label"] == T_TEST[k]
        np.testing.assert_array_equal(np.array(im["pixels"]) / 16, X_TEST[k])  # the data are sixteenths
        for step, (_, net) in enumerate(snapshots):
            p = net.forward(X_TEST[k : k + 1])[0]
            z = net.weights[-1] @ np.tanh(net.weights[0] @ X_TEST[k] + net.biases[0]) + net.biases[-1]
            np.testing.assert_allclose(im["p"][step], p, rtol=1e-4, atol=1e-12)
            np.testing.assert_allclose(im["z"][step], z, rtol=1e-4, atol=1e-12)
            assert im["guess"][step] == int(np.argmax(p))
            assert im["zmax"] >= np.abs(z).max()


def test_by_default_one_image_of_every_other_digit_is_offered(snapshots) -> None:
    player = draft_explorer(snapshots, X_TEST, T_TEST, index=3)
    labels = [int(T_TEST[k]) for k in player.shown]
    assert player.shown[0] == 3 and sorted(labels) == list(range(10))


def test_the_readout_says_right_or_wrong(snapshots) -> None:
    player = draft_explorer(snapshots, X_TEST, T_TEST, index=3)
    for step in range(len(snapshots)):
        p = snapshots[step][1].forward(X_TEST[3:4])[0]
        guess = int(np.argmax(p))
        text = player.describe(step)
        assert text.startswith(f"第 {step} 轮：网络认为是 {guess}（概率 {round(100 * p[guess])}%）")
        assert ("答对了" in text) == (guess == T_TEST[3])


def test_the_still_shows_the_first_image(snapshots) -> None:
    a = pixels(draft_explorer(snapshots, X_TEST, T_TEST, index=0).still_png())
    b = pixels(draft_explorer(snapshots, X_TEST, T_TEST, index=1).still_png())
    assert a.shape == b.shape and np.abs(a - b).mean() > 0.3


def test_bad_arguments_name_the_parameter(snapshots) -> None:
    with pytest.raises(ValueError, match="increasing"):
        draft_explorer(snapshots[::-1], X_TEST, T_TEST)
    with pytest.raises(ValueError, match=r"^index"):
        draft_explorer(snapshots, X_TEST, T_TEST, index=len(T_TEST))
    with pytest.raises(ValueError, match="softmax"):
        draft_explorer([(0, MLP((64, 2, 1)))], X_TEST, T_TEST)
    with pytest.raises(ValueError, match="softmax output"):
        draft_explorer([(0, MLP((64, 10)))], X_TEST, T_TEST)
    with pytest.raises(ValueError, match=r"^snapshots"):
        draft_explorer([], X_TEST, T_TEST)
    with pytest.raises(ValueError, match=r"^labels"):
        draft_explorer(snapshots, X_TEST, T_TEST[:-1])
    with pytest.raises(ValueError, match=r"^X"):
        draft_explorer(snapshots, X_TEST[:, :10], T_TEST)
    with pytest.raises(ValueError, match=r"^others"):
        draft_explorer(snapshots, X_TEST, T_TEST, others=(len(T_TEST),))
