"""The XOR training explorer v2 (nnmath.views.xor_explorer): what it stores, what it says, its faces and checks."""

from __future__ import annotations

import base64
import gzip
import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnmath.data import xor
from nnmath.descent import judge
from nnmath.network import MLP
from nnmath.views import xor_explorer
from nnmath.views.xor_explorer import DIGITS, EVERY, MAX_ETAS, SNAPSHOTS, snapshot_epochs, training_sentence

WIDGET = "application/vnd.jupyter.widget-view+json"
X, T = xor()


@pytest.fixture(scope="module")
def explorer():
    return xor_explorer(etas=(0.1, 1.0, 10.0), epochs=300)


@given(epochs=st.integers(0, 20000))
def test_snapshots_hold_every_early_epoch_the_last_and_not_too_many(epochs):
    shots = snapshot_epochs(epochs)
    assert shots == sorted(set(shots)) and shots[0] == 0 and shots[-1] == epochs
    assert set(range(min(epochs, EVERY) + 1)) <= set(shots)
    assert len(shots) <= SNAPSHOTS + 1
    gaps = np.diff(shots)
    assert np.all(gaps[1:] >= gaps[:-1] - 1)  # never closer later than earlier (up to rounding)


def test_each_run_is_mlp_fit_and_its_snapshots_are_its_parameters(explorer):
    for stored in explorer.data["runs"]:
        net = MLP((2, 2, 1), "tanh", seed=0)
        run = net.fit(X, T, stored["eta"], 300)
        assert stored["steps"] == run.steps and stored["verdict"] == judge(run)
        for e, theta, loss in zip(stored["epochs"], stored["params"], stored["losses"], strict=True):
            # half a unit of the last digit kept
            np.testing.assert_allclose(theta, run.points[e], rtol=5 * 10.0**-DIGITS)
            assert loss == pytest.approx(run.losses[e], rel=5 * 10.0**-DIGITS)


def test_the_readout_counts_what_the_stored_network_gets_right(explorer):
    for eta in explorer.etas:
        for epoch in (0, 5, 150, 300):
            net, shown = explorer.net_at(eta, epoch)
            assert shown <= epoch
            right = int(np.sum(net.classify(X) == T))
            text = explorer.readout(eta, epoch)
            assert text.startswith(f"η = {eta:g}，第 {shown} 轮：") and f"分对 {right}/4" in text
    assert "分对 4/4" in explorer.readout(1.0, 300)  # η = 1 learns XOR in 300 epochs (chapter 6)


def test_the_verdict_of_a_run_is_judge_s():
    net = MLP((2, 2, 1), "tanh", seed=0)
    blown = net.fit(X, T, 1e4, 200)
    assert judge(blown) == "diverging" and training_sentence(blown).startswith("发散")
    calm = MLP((2, 2, 1), "tanh", seed=0).fit(X, T, 0.1, 50)
    assert judge(calm) == "moving" and training_sentence(calm).startswith("还在下降：第 50 轮")


def test_the_bundle_has_the_live_the_static_and_the_still_face(explorer):
    bundle, _ = explorer._repr_mimebundle_()
    assert {WIDGET, "text/html", "image/png", "text/plain"} <= set(bundle)
    widget = explorer.widget()
    assert (widget.eta, widget.epoch) == (1.0, 300) and widget.data == explorer.data
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    page = bundle["text/html"]
    assert 'data-kind="xor"' in page and "api.mountStatic(" in page and "://" not in page.replace("data:image", "")
    assert explorer.readout() in explorer.alt_text()


def test_the_chapter_s_explorer_fits_the_page_budget():
    # chapter 6's call: six learning rates, 2000 epochs; the page's own HTML must stay under 250 KB gzip
    chapter = xor_explorer(sizes=(2, 2, 1), activation="tanh", seed=0, lr=1.0, epochs=2000)
    state = json.dumps(chapter.state(), ensure_ascii=False, separators=(",", ":"))
    assert len(gzip.compress(state.encode())) < 45_000
    assert len(gzip.compress(chapter.static_html().encode())) < 70_000


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sizes": (3, 2, 1)}, r"\(2, H, 1\)"),
        ({"sizes": "221"}, "sizes"),
        ({"lr": 0.5, "etas": (0.1, 1.0)}, "lr must be one of etas"),
        ({"etas": (1.0, 0.1), "lr": 1.0}, "increasing"),
        ({"etas": tuple(range(1, MAX_ETAS + 2)), "lr": 1.0}, "at most"),
        ({"snapshots": tuple(range(11))}, "snapshots"),
        ({"snapshots": (0, 5000)}, "snapshots"),
        ({"activation": "swish"}, "activation"),
        ({"epochs": 0}, "epochs"),
    ],
)
def test_bad_settings_raise_before_any_training(kwargs, message):
    with pytest.raises(ValueError, match=message):
        xor_explorer(**kwargs)


def test_net_at_refuses_an_eta_it_has_not_trained(explorer):
    with pytest.raises(ValueError, match="eta"):
        explorer.net_at(0.5)
    with pytest.raises(ValueError, match="epoch"):
        explorer.net_at(1.0, -1)
