"""The descent explorer v2 (nnmath.views): its three faces, the data it sends, its checks and its still picture."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest

from nnmath import algebra, data, landscapes
from nnmath.descent import NOISE, SETTLED, TAIL, judge
from nnmath.views import curve_descent_figure, curve_explorer, describe, eta_explorer
from nnmath.views._frontend import fmt
from nnmath.views.descent_explorer import esm_source, landscape_spec, plain

WIDGET = "application/vnd.jupyter.widget-view+json"


def bowl_explorer(**kwargs):
    settings = {"etas": (0.01, 0.1, 0.2, 0.25), "start": (2.5, 2.0), "steps": 40, "initial": 1} | kwargs
    return eta_explorer(landscapes.bowl(1.0, 10.0), **settings)


def state_of(page_html: str) -> dict:
    match = re.search(r'<script type="application/json">(.*?)</script>', page_html, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_the_bundle_has_the_live_the_static_and_the_still_face() -> None:
    explorer = bowl_explorer()
    bundle, _metadata = explorer._repr_mimebundle_()
    assert {WIDGET, "text/html", "image/png", "text/plain"} <= set(bundle)
    assert bundle[WIDGET]["model_id"] == explorer.widget().model_id
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    page = bundle["text/html"]
    # the module itself, mounted by one line, and nothing fetched from anywhere
    assert 'type="module"' in page and "function render(" in page and "api.mountStatic(" in page
    assert "export default" not in page and "://" not in page.replace("data:image/png;base64,", "")
    assert '<noscript><img src="data:image/png;base64,' in page
    assert state_of(page) == explorer.state()


def test_the_static_face_is_the_same_every_time() -> None:
    # nbval compares the saved outputs: no random ids in the page
    assert bowl_explorer().static_html() == bowl_explorer().static_html()


def test_the_widget_syncs_the_settings_and_carries_the_module() -> None:
    explorer = bowl_explorer(initial=2)
    widget = explorer.widget()
    assert widget._esm == esm_source() and "export default api;" in widget._esm
    assert (widget.eta, widget.steps, widget.starts) == (0.2, 40, [[2.5, 2.0]])
    assert widget.data["spec"] == landscape_spec(explorer.landscape)


def test_a_bowl_is_sent_as_its_hessian() -> None:
    spec = landscape_spec(landscapes.bowl(1.0, 10.0))
    assert spec["kind"] == "quadratic"
    np.testing.assert_array_equal(spec["H"], [[1.0, 0.0], [0.0, 10.0]])
    np.testing.assert_array_equal(spec["p"], [0.0, 0.0])
    assert spec["Lp"] == 0.0


def test_least_squares_is_sent_as_two_over_n_a_transpose_a() -> None:
    X, t = data.xor()
    surface = landscapes.least_squares(X, t.reshape(-1) - 0.5)
    spec = landscape_spec(surface)
    assert spec["kind"] == "quadratic"
    np.testing.assert_allclose(spec["H"], 2 / len(X) * X.T @ X, rtol=1e-12)
    np.testing.assert_allclose(spec["p"], surface.minima[0])
    np.testing.assert_allclose(spec["gp"], [0.0, 0.0], atol=1e-14)
    assert spec["Lp"] == pytest.approx(surface.loss(surface.minima[0]), rel=1e-12)


def test_a_parabola_and_the_named_surfaces() -> None:
    assert landscape_spec(landscapes.parabola(2.0))["H"] == [[2.0]]
    assert landscape_spec(landscapes.multi_minima()) == {"kind": "multi_minima"}
    tilted = landscape_spec(algebra.quadratic_bowl([[2.0, 1.0], [1.0, 2.0]]))
    np.testing.assert_array_equal(tilted["H"], [[2.0, 1.0], [1.0, 2.0]])


def test_the_curves_of_chapter_5() -> None:
    # bumpy: L' = ¼(w+2)(w+1)(w-1)(w-2)², degree 5, leading coefficient ¼, L(0) = 3
    bumpy = landscape_spec(landscapes.bumpy())
    assert bumpy["kind"] == "polynomial" and len(bumpy["grad"]) == 6
    expected = np.polynomial.Polynomial.fromroots([-2, -1, 1, 2, 2]).coef / 4
    np.testing.assert_allclose(bumpy["grad"], expected, atol=1e-12)
    assert bumpy["loss"][0] == pytest.approx(3.0, abs=1e-12)
    assert landscape_spec(landscapes.saturated_neuron(0.9)) == {"kind": "sigmoid_target", "target": 0.9}


def test_a_landscape_the_browser_cannot_evaluate_is_refused() -> None:
    wavy = landscapes.Curve("波浪", "L = sin w", np.sin, np.cos, (-3.0, 3.0))
    with pytest.raises(ValueError, match="landscape '波浪'"):
        landscape_spec(wavy)
    with pytest.raises(ValueError, match="landscape must be"):
        landscape_spec("bowl")  # type: ignore[arg-type]


def test_the_data_has_levels_ticks_notes_and_the_rules() -> None:
    explorer = bowl_explorer(notes=("太小", "收敛", "收敛", "发散"))
    d = explorer.data
    assert d["dims"] == 2 and d["window"] == [-3.0, 3.0, -3.0, 3.0] and d["labels"] == ["w₀", "w₁"]
    assert np.all(np.diff(d["levels"]) > 0) and len(d["colors"]) == len(d["levels"]) - 1
    assert d["levels"][0] <= 0.0 and d["levels"][-1] >= 0.5 * (9 + 90)  # the window's lowest and highest loss
    # 1/λmax and 2/λmax of diag(1, 10), where the text's regimes change
    assert d["ticks"] == [["1/λ", pytest.approx(0.1)], ["2/λ", pytest.approx(0.2)]]
    assert d["notes"][3] == [0.25, "发散"] and d["eta_range"] == [0.01, 0.25]
    assert (d["tol"], d["max_norm"]) == (1e-6, 1e8)
    assert bowl_explorer(ticks={"2/a": 0.2}).data["ticks"] == [["2/a", 0.2]]
    assert d["views"] == ["contour"]
    assert bowl_explorer(views=("surface", "contour")).data["views"] == ["surface", "contour"]
    curve = curve_explorer(landscapes.parabola(2.0), etas=(0.1, 0.5, 1.1), start=2.5)
    assert curve.data["dims"] == 1 and curve.data["ticks"] == [["1/a", 0.5], ["2/a", 1.0]]
    low, high = curve.data["ylim"]
    assert low < 0.0 < 0.5 * 2 * 9 < high


def test_labels_carry_no_tex() -> None:
    assert plain("$W_{00}$") == "W₀₀" and plain("直线拟合 $y=2x$ 的数据") == "直线拟合 y=2x 的数据"
    assert plain(r"$b_{2}$") == "b₂" and plain("no maths") == "no maths"


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"etas": ()}, "etas"),
        ({"etas": (0.2, 0.1)}, "etas"),
        ({"etas": (-0.1, 0.1)}, "etas"),
        ({"etas": "0.1"}, "etas"),
        ({"start": (1.0, 2.0, 3.0)}, "start"),
        ({"start": (np.nan, 0.0)}, "start"),
        ({"steps": 0}, "steps"),
        ({"initial": 4}, "initial"),
        ({"notes": ("one",)}, "notes"),
        ({"ticks": {"2/a": -1.0}}, "ticks"),
        ({"ticks": [("2/a",)]}, "ticks"),
        ({"starts": [(0.0, 0.0)] * 7}, "starts"),
        ({"starts": [(0.0, 0.0), (1.0,)]}, "starts"),
        ({"views": ("globe",)}, "views"),
    ],
)
def test_bad_settings_are_refused_naming_the_parameter(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        bowl_explorer(**kwargs)


def test_the_wrong_kind_of_landscape_is_refused() -> None:
    with pytest.raises(ValueError, match="landscape must be a Landscape"):
        eta_explorer(landscapes.parabola(), etas=(0.1, 0.2))
    with pytest.raises(ValueError, match="curve must be a Curve"):
        curve_explorer(landscapes.bowl(), etas=(0.1, 0.2), start=1.0)
    with pytest.raises(ValueError, match="start"):
        curve_explorer(landscapes.parabola(), etas=(0.1, 0.2), start=(1.0, 2.0))


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"start": (1e200, 0.0)}, "无法开始"),  # the loss is beyond float range at the start
        ({"etas": (0.1, 1e300), "initial": 1}, "发散"),  # η far past 2/λmax
        ({"start": (1e6, -1e6), "etas": (0.01, 0.18), "initial": 1, "steps": 200}, "收敛"),  # far out, converging
        ({"etas": (0.01, 0.25), "initial": 1}, "发散"),  # 2.5/λmax: the loss grows every step
        ({"etas": (0.001, 0.01), "initial": 0}, "还在下降"),  # tiny η: 40 steps are not enough
    ],
)
def test_extreme_settings_give_a_truthful_still_picture(kwargs: dict, words: str) -> None:
    explorer = bowl_explorer(**kwargs)
    assert explorer.describe().startswith(words)
    assert explorer.still_png().startswith(b"\x89PNG")
    assert words in explorer.alt_text()


def test_the_sentence_follows_the_one_verdict() -> None:
    bowl = landscapes.bowl(1.0, 10.0)  # 1/λmax = 0.1, 2/λmax = 0.2
    cases = [
        (0.05, 200, "converged", "收敛：第"),  # the gradient reaches tol
        (0.25, 40, "diverging", "发散：损失越走越大"),
        (1e-4, 40, "moving", "还在下降：40 步后"),
        (0.19, 40, "oscillating", "振荡：每一步都跳到另一侧，步长每步变为 0.9 倍"),  # |1 - 0.19·10| = 0.9
    ]
    for eta, steps, judgement, words in cases:
        run = bowl.descend((0.0, 2.0), eta, steps)
        assert judge(run) == judgement and describe(run).startswith(words), (eta, describe(run))
    blown = bowl.descend((2.5, 2.0), 0.5, 200)
    assert judge(blown) == "diverging" and f"第 {blown.diverged_at} 步数值爆炸" in describe(blown)


def test_a_settled_run_reads_converged_though_its_gradient_is_above_tol() -> None:
    # the readers' complaint: 「还没到底」 at L = 1.4e-10. From 10⁴ away with steps shrinking 0.23 times,
    # after 12 steps the last is 0.23¹¹ ≈ 1e-7 of the first, while the gradient 10⁴·0.23¹² ≈ 2e-4 is above tol
    run = landscapes.parabola(1.0).descend(1e4, 0.77, 12)
    assert not run.converged and judge(run) == "converged"
    assert describe(run).startswith("收敛：12 步后步长不到最长一步的 1×10⁻⁵")


@pytest.mark.parametrize(
    ("x", "digits", "text"),
    [
        (0.0, 3, "0"),
        (1.125, 3, "1.13"),  # half up on the exact binary value, as JavaScript's toPrecision
        (-0.5, 2, "−0.5"),
        (12345.0, 3, "12300"),
        (99999.9, 3, "100000"),
        (2.5e-7, 2, "2.5×10⁻⁷"),
        (1e-5, 3, "1×10⁻⁵"),
        (-3.14159e8, 3, "−3.14×10⁸"),
        (9.9996e-5, 3, "1×10⁻⁴"),
        (float("inf"), 3, "∞"),
    ],
)
def test_numbers_are_written_as_the_front_end_writes_them(x: float, digits: int, text: str) -> None:
    assert fmt(x, digits) == text


def test_the_front_end_uses_the_verdict_rules_of_nnmath() -> None:
    rules = dict(re.findall(r"\b(SETTLED|NOISE|TAIL) = ([0-9.e-]+)", esm_source()))
    assert float(rules["SETTLED"]) == SETTLED and float(rules["NOISE"]) == NOISE and int(rules["TAIL"]) == TAIL


def test_the_curve_descent_figure_draws_the_run_and_its_verdict() -> None:
    neuron = landscapes.saturated_neuron(0.9)
    run = neuron.descend(-6.0, lr=2.0, steps=200)
    fig = curve_descent_figure(neuron, run)
    ax_map, ax_loss = fig.axes[:2]
    assert describe(run) in fig._suptitle.get_text()
    assert len(ax_map.collections) >= 1 and len(ax_loss.lines) == 1  # tangents; the loss per step
    np.testing.assert_array_equal(ax_loss.lines[0].get_ydata(), run.losses)
    with pytest.raises(ValueError, match="curve"):
        curve_descent_figure(landscapes.bowl(), run)
    with pytest.raises(ValueError, match="tangents"):
        curve_descent_figure(neuron, run, tangents=-1)


def test_several_starts_are_kept_in_order() -> None:
    starts = [(1.8, 1.6), (0.2, -0.15), (-0.3, 1.9)]
    explorer = eta_explorer(landscapes.multi_minima(), etas=[0.03, 0.12, 0.2], start=starts[0], starts=starts, steps=80)
    assert explorer.state()["starts"] == [list(p) for p in starts]
    assert explorer.still_png().startswith(b"\x89PNG")
