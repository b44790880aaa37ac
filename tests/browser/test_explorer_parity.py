"""Parity: the explorer's front end iterates gradient descent exactly as nnmath.gradient_descent does.

For every kind of landscape the book's explorers use (line and layer fits,
least squares, bowls, the several-minima surface, a parabola, and the other
surfaces and curves the spec knows: saddle, the bumpy curve, the
saturated neuron), many random (η, start, steps) settings (from
tiny η to far past 2/λmax, starts inside and far outside the window, starts
beyond float range) are run in Python and, in Debian's Chromium, by the ES
module's ``descend``: the iterates agree to 1e-9 relative, and the verdict
(:func:`nnmath.descent.judge`), the step of convergence, the step of
divergence and the step where a run cannot go on are the same; the readout's
sentence is word for word :func:`nnmath.views.describe`'s.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnmath import algebra, data, landscapes
from nnmath.descent import DescentError, judge
from nnmath.linear import linear
from nnmath.views import describe
from nnmath.views.descent_explorer import esm_source, landscape_spec

RTOL = 1e-9
PAIRS = 150


def _xor_least_squares() -> landscapes.Landscape:
    X, t = data.xor()
    return landscapes.least_squares(X, t.reshape(-1) - 0.5, name="线性模型拟合异或")


def _layer_fit() -> landscapes.Landscape:
    rng = np.random.default_rng(0)
    W, b = np.array([[2.0, -1.0], [0.5, 1.5], [1.0, 1.0]]), np.array([0.5, -0.3, 0.2])
    X = rng.normal(loc=[0.5, 1.5], scale=1.0, size=(32, 2))
    return landscapes.layer_fit(X, linear(X, W, b), W, b, neuron=2, input=1)


X_LINE = np.linspace(-1.0, 1.0, 9)
#: One builder per landscape kind the chapters' explorers use (and the named surfaces the spec knows).
LANDSCAPES = {
    "ch0 line fit y=2x": lambda: landscapes.line_fit(X_LINE, 2 * X_LINE),
    "ch0 line fit parabola": lambda: landscapes.line_fit(X_LINE, X_LINE**2),
    "ch1/3 layer fit": _layer_fit,
    "ch2 least squares XOR": _xor_least_squares,
    "ch4 bowl(1, 3)": lambda: landscapes.bowl(1.0, 3.0),
    "ch4 bowl(1, 10)": lambda: landscapes.bowl(1.0, 10.0),
    "ch5 multi minima": landscapes.multi_minima,
    "ch8 tilted bowl": lambda: algebra.quadratic_bowl([[2.0, 1.0], [1.0, 2.0]]),
    "saddle": landscapes.saddle,
    "source loss": landscapes.source_loss,
    "ch4 parabola(2)": lambda: landscapes.parabola(2.0),
    "ch5 bumpy curve": landscapes.bumpy,
    "ch5 saturated neuron": lambda: landscapes.saturated_neuron(0.9),
}


def settings(surface: landscapes.Landscape | landscapes.Curve, rng: np.random.Generator) -> list[dict]:
    """Random (η, start, steps): η log-uniform around the critical one, starts near and far, a few hopeless."""
    spec = landscape_spec(surface)
    if spec["kind"] == "quadratic":
        top = float(np.abs(np.linalg.eigvalsh(np.array(spec["H"]))).max())
    else:
        top = 20.0
    window = np.array(surface.window, dtype=float).reshape(-1, 2)
    centre, half = window.mean(axis=1), (window[:, 1] - window[:, 0]) / 2
    out = []
    for k in range(PAIRS):
        eta = float(10 ** rng.uniform(-2.5, np.log10(2.6))) / top
        spread = 1.5 if k % 5 else 10.0 ** rng.uniform(1, 4)  # every fifth start far outside the window
        start = centre + spread * half * rng.uniform(-1, 1, size=centre.size)
        out.append({"eta": eta, "start": start.tolist(), "steps": int(rng.integers(1, 201))})
    out.append({"eta": 1.0 / top, "start": (centre + 1e200).tolist(), "steps": 10})  # the loss overflows at w0
    out.append({"eta": 1e300, "start": (centre + half / 2).tolist(), "steps": 10})  # huge η
    return out


def python_run(surface: landscapes.Landscape | landscapes.Curve, s: dict) -> dict:
    start = s["start"] if len(s["start"]) == 2 else s["start"][0]
    try:
        run = surface.descend(start, s["eta"], s["steps"])
    except DescentError as exc:
        return {"verdict": "fault", "fault": exc.step}
    return {
        "verdict": judge(run),
        "sentence": describe(run),
        "points": run.points.reshape(len(run.points), -1).tolist(),
        "convergedAt": run.converged_at,
        "divergedAt": run.diverged_at,
    }


@pytest.fixture(scope="module")
def front_end(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><title>parity</title>")
    page.evaluate(
        """async (source) => {
            const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
            window.explorer = (await import(url)).default;
        }""",
        esm_source(),
    )
    yield page
    page.close()


@pytest.mark.parametrize("name", list(LANDSCAPES))
def test_front_end_descends_like_nnmath(front_end, name: str) -> None:
    surface = LANDSCAPES[name]()
    spec = landscape_spec(surface)
    cases = settings(surface, np.random.default_rng(sum(map(ord, name))))
    ours = front_end.evaluate(
        """([spec, cases]) => cases.map(c => {
            const run = window.explorer.descend(spec, c.start, c.eta, c.steps, 1e-6, 1e8);
            return {verdict: run.verdict, points: run.points, convergedAt: run.convergedAt,
                    divergedAt: run.divergedAt, fault: run.fault,
                    sentence: window.explorer.describe(run, {tol: 1e-6})};
        })""",
        [spec, cases],
    )
    verdicts = set()
    for case, js in zip(cases, ours, strict=True):
        py = python_run(surface, case)
        verdicts.add(py["verdict"])
        assert js["verdict"] == py["verdict"], (case, js["verdict"], py["verdict"])
        if py["verdict"] == "fault":
            assert js["fault"] == py["fault"], case
            continue
        assert js["sentence"] == py["sentence"], case
        assert js["convergedAt"] == py["convergedAt"], case
        assert js["divergedAt"] == py["divergedAt"], case
        a, b = np.array(js["points"]), np.array(py["points"])
        assert a.shape == b.shape, case
        error = np.max(np.abs(a - b), axis=1)  # (max norms: iterates near the largest float do not overflow)
        scale = np.maximum(np.max(np.abs(b), axis=1), 1e-300)
        assert np.all(error <= RTOL * scale), (case, float(np.max(error / scale)))
    # the random settings reach the behaviours the readout names
    assert verdicts & {"converged", "moving"}
    if spec["kind"] == "quadratic" and len(spec["p"]) == 1:  # a parabola: 1/a < η < 2/a oscillates
        assert "oscillating" in verdicts
    if spec["kind"] != "sigmoid_target":  # (σ(w) - y)² has a bounded gradient: it cannot blow up
        assert {"diverging", "fault"} <= verdicts


def test_front_end_rejects_an_unknown_kind(front_end) -> None:
    message = front_end.evaluate(
        "() => { try { window.explorer.descend({kind: 'nope'}, [0, 0], 0.1, 3); return ''; }"
        " catch (e) { return e.message; } }"
    )
    assert "nope" in message
