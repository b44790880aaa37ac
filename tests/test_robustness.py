"""nnmath under bad and extreme input (issue 10): every probe finding of the core and view modules, by class.

The promise: never a silent wrong answer. Bad input gets a ValueError that
names the parameter; extreme but valid input gets the right answer with no
warning; a diverging descent is reported as such. Each reproducer of
``robustness-cases.py`` that concerns these modules is a test here (its name
in the test's name, ``r5`` for R5...), run in-process. Run this file with
``-W error``: the tests also turn warnings into errors themselves
(:func:`quiet`), so they hold without the flag. The network's own cases (R7,
R18, R24, R25) are in ``tests/test_network.py``.
"""

from __future__ import annotations

import math
import re
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from support import finite

import nnmath as nm
from nnmath import landscapes
from nnmath.descent import DescentError

FLOAT_MAX = float(np.finfo(np.float64).max)


def quiet(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kwargs)


# ---- 1. anything but real numbers is rejected, with the parameter's name (R1, R17, bools, strings) ---------------

NOT_NUMBERS = [None, [1.0, None], True, [True, False], "3", ["1", "-2"], np.array([1 + 2j]), [1 + 2j], [[1, 2], [3]]]


@pytest.mark.parametrize("bad", NOT_NUMBERS, ids=repr)
@pytest.mark.parametrize(
    ("fn", "args", "index", "name"),
    [
        (nm.relu, (None,), 0, "x"),
        (nm.relu_grad, (None,), 0, "x"),
        (nm.sigmoid, (None,), 0, "x"),
        (nm.tanh_grad, (None,), 0, "x"),
        (nm.softmax, (None,), 0, "x"),
        (nm.mse, (None, [1.0, 2.0]), 0, "y"),
        (nm.mse_grad, ([1.0, 2.0], None), 1, "t"),
        (nm.cross_entropy, (None, [0.0, 1.0]), 0, "p"),
        (nm.cross_entropy_grad, ([0.5, 0.5], None), 1, "t"),
        (nm.binary_cross_entropy, (None, [1.0, 0.0]), 0, "p"),
        (nm.binary_cross_entropy_with_logits, ([1.0, 0.0], None), 1, "t"),
        (nm.softmax_cross_entropy_with_logits, (None, [0.0, 1.0]), 0, "z"),
        (nm.linear, (None, [[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0]), 0, "x"),
        (nm.linear, ([1.0, 2.0], None, [0.0, 0.0]), 1, "W"),
        (nm.linear_backward, ([1.0, 2.0], [[1.0, 0.0]], None), 2, "dy"),
        (nm.numerical_gradient, (lambda w: float(np.sum(w**2)), None), 1, "w"),
        (nm.critical_learning_rate, (None,), 0, "curvature"),
    ],
)
def test_r1_r17_not_numbers_are_rejected_naming_the_parameter(fn, args, index, name, bad):
    call = list(args)
    call[index] = bad
    with pytest.raises(ValueError, match=rf"^{re.escape(name)} "):
        quiet(fn, *call)


def test_r1_none_never_becomes_nan_or_zero():
    for fn, args in [(nm.mse, (None, None)), (nm.relu_grad, (None,)), (nm.sigmoid, ([1.0, None],))]:
        with pytest.raises(ValueError, match="not None"):
            quiet(fn, *args)


def test_r17_complex_input_is_rejected_not_cut_to_its_real_part():
    with pytest.raises(ValueError, match=r"^x .*complex"):
        quiet(nm.linear, np.array([1 + 5j, 0]), np.eye(2), np.zeros(2))


def test_plain_integers_and_numpy_scalars_are_still_numbers():
    assert quiet(nm.mse, [1, 2], np.array([1, 4], dtype=np.int32)) == 2.0  # (0 + 4) / 2
    assert quiet(nm.relu, np.float32(-1.5)) == 0.0


@pytest.mark.parametrize("bad", [None, "0.1", True, 0.1 + 0j, [0.1], np.array([0.1]), 0.0, -0.1, math.nan, math.inf])
def test_r22_learning_rate_is_checked_before_any_work_with_its_name(bad):
    calls = []

    def grad(w):
        calls.append(w)
        return w

    with pytest.raises(ValueError, match=r"^lr "):
        quiet(nm.gradient_descent, grad, [1.0], bad, 10)
    assert calls == []  # rejected up front, not after the run


@pytest.mark.parametrize(
    ("keyword", "bad"),
    [
        *[("tol", "x"), ("tol", -1.0), ("tol", math.nan), ("tol", math.inf)],
        *[("max_norm", 0.0), ("max_norm", -1.0), ("max_norm", None), ("max_norm", math.nan)],
        *[("steps", -1), ("steps", 2.5), ("steps", True)],
    ],
)
def test_r23_descent_settings_are_checked_with_their_names(keyword, bad):
    args = {"tol": 1e-6, "max_norm": 1e8, "steps": 10} | {keyword: bad}
    with pytest.raises(ValueError, match=f"^{keyword} "):
        quiet(nm.gradient_descent, lambda w: w, [1.0], 0.1, args.pop("steps"), **args)


# ---- 2. probabilities and targets: values checked, NaN never passes (R2, R3, R4) --------------------------------


def test_r2_nan_does_not_pass_the_probability_checks():
    with pytest.raises(ValueError, match=r"^p must hold probabilities in \[0, 1\]"):
        quiet(nm.cross_entropy, [math.nan, 0.5], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"^p must hold probabilities in \[0, 1\]"):
        quiet(nm.binary_cross_entropy, [math.nan], [1.0])


def test_r3_cross_entropy_grad_checks_its_input_like_cross_entropy():
    for fn in (nm.cross_entropy, nm.cross_entropy_grad):
        with pytest.raises(ValueError, match=r"^p must hold probabilities"):
            quiet(fn, [-0.5, 1.5], [0.0, 1.0])


@pytest.mark.parametrize(
    ("fn", "p", "t", "name"),
    [
        (nm.cross_entropy, [0.5, 0.5], [0.0, -1.0], "t"),
        (nm.cross_entropy, [0.5, 0.5], [0.0, 2.0], "t"),
        (nm.cross_entropy_grad, [0.5, 0.5], [0.0, -1.0], "t"),
        (nm.binary_cross_entropy_with_logits, [1.0], [5.0], "t"),
        (nm.binary_cross_entropy_with_logits_grad, [1.0], [-1.0], "t"),
        (nm.binary_cross_entropy_grad, [0.5], [1.5], "t"),
        (nm.softmax_cross_entropy_with_logits, [1.0, 2.0], [0.0, 5.0], "t"),
    ],
)
def test_r4_targets_are_validated(fn, p, t, name):
    with pytest.raises(ValueError, match=rf"^{name} must hold probabilities|of {name} must sum to 1"):
        quiet(fn, p, t)


def test_r4_rows_of_p_and_t_must_be_distributions_for_cross_entropy():
    with pytest.raises(ValueError, match="every row of p must sum to 1"):
        quiet(nm.cross_entropy, [0.9, 0.9], [0.0, 1.0])
    with pytest.raises(ValueError, match="every row of t must sum to 1"):
        quiet(nm.cross_entropy, [0.5, 0.5], [1.0, 1.0])


# Where the answer is meaningless with a non-finite entry: (function, valid arguments, the checked ones by name).
CHECKED: list[tuple[Callable[..., Any], dict[str, Any], tuple[str, ...]]] = [
    (nm.cross_entropy, {"p": [[0.2, 0.8], [0.5, 0.5]], "t": [[0.0, 1.0], [1.0, 0.0]]}, ("p", "t")),
    (nm.cross_entropy_grad, {"p": [[0.2, 0.8], [0.5, 0.5]], "t": [[0.0, 1.0], [1.0, 0.0]]}, ("p", "t")),
    (nm.binary_cross_entropy, {"p": [0.2, 0.9, 0.5], "t": [0.0, 1.0, 1.0]}, ("p", "t")),
    (nm.binary_cross_entropy_grad, {"p": [0.2, 0.9, 0.5], "t": [0.0, 1.0, 1.0]}, ("p", "t")),
    (nm.binary_cross_entropy_with_logits, {"y": [0.2, -3.0, 5.0], "t": [0.0, 1.0, 1.0]}, ("t",)),
    (nm.binary_cross_entropy_with_logits_grad, {"y": [0.2, -3.0, 5.0], "t": [0.0, 1.0, 1.0]}, ("t",)),
    (nm.softmax_cross_entropy_with_logits, {"z": [[1.0, 2.0], [0.0, 0.0]], "t": [[0.0, 1.0], [1.0, 0.0]]}, ("t",)),
    (nm.mse, {"y": [1.0, 2.0, 3.0], "t": [0.0, 4.0, 3.0]}, ("t",)),
    (nm.mse_grad, {"y": [1.0, 2.0, 3.0], "t": [0.0, 4.0, 3.0]}, ("t",)),
    (nm.critical_learning_rate, {"curvature": [[2.0, 1.0], [1.0, 3.0]]}, ("curvature",)),
    (nm.numerical_gradient, {"f": lambda w: float(np.sum(w**2)), "w": [1.0, -2.0, 0.5]}, ("w",)),
    (lambda **kw: nm.gradient_descent(lambda w: w, **kw), {"w0": [1.0, 2.0], "lr": 0.1, "steps": 3}, ("w0",)),
    (landscapes.least_squares, {"A": [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], "t": [0.0, 1.0, 2.5]}, ("A", "t")),
    (landscapes.line_fit, {"x": [0.0, 1.0, 2.0], "t": [0.0, 1.0, 2.5]}, ("x", "t")),
]


@given(st.data(), st.sampled_from([math.nan, math.inf, -math.inf]))
def test_any_non_finite_entry_of_a_checked_argument_is_a_value_error_naming_it(data, bad):
    fn, kwargs, checked = data.draw(st.sampled_from(CHECKED), label="function")
    name = data.draw(st.sampled_from(checked), label="argument")
    arr = np.array(kwargs[name], dtype=float)
    where = data.draw(st.integers(0, arr.size - 1), label="position")
    arr.reshape(-1)[where] = bad
    with pytest.raises(ValueError, match=rf"{re.escape(name)} must"):
        quiet(fn, **(kwargs | {name: arr}))


def test_non_finite_predictions_give_non_finite_losses_not_errors():
    # scores and predictions follow IEEE arithmetic: a run that blew up shows as inf or NaN, quietly
    assert math.isnan(quiet(nm.mse, [math.nan, 1.0], [0.0, 1.0]))
    assert quiet(nm.binary_cross_entropy_with_logits, [math.inf, -math.inf], [1.0, 0.0]) == 0.0  # the limits
    assert quiet(nm.binary_cross_entropy_with_logits, [math.inf], [0.0]) == math.inf
    assert math.isnan(quiet(nm.relu_grad, [math.nan])[0])  # R25's core: NaN stays NaN, never 0


# ---- 3. messages name the real parameters and the real shapes (R30) ---------------------------------------------


def test_r30_messages_name_the_real_parameters_and_the_empty_batch_shape():
    with pytest.raises(ValueError, match=r"empty batch .* p of shape \(0, 3\)"):
        quiet(nm.cross_entropy, np.zeros((0, 3)), np.zeros((0, 3)))
    with pytest.raises(ValueError, match=r"^p and t must have the same shape, got \(2,\) and \(1,\)"):
        quiet(nm.cross_entropy, [0.5, 0.5], [1.0])
    with pytest.raises(ValueError, match=r"y and t .* \(0, 1\)|empty batch .* y of shape \(0, 1\)"):
        quiet(nm.binary_cross_entropy_with_logits_grad, np.zeros((0, 1)), np.zeros((0, 1)))


# ---- 4. extreme but valid input: the right answer, no warning (R9-R12, R19) -------------------------------------


def test_r9_softmax_of_spreads_beyond_float_max_is_exact_without_warning():
    np.testing.assert_array_equal(quiet(nm.softmax, [1e308, -1e308]), [1.0, 0.0])
    np.testing.assert_array_equal(quiet(nm.softmax, [-FLOAT_MAX, FLOAT_MAX]), [0.0, 1.0])
    np.testing.assert_array_equal(quiet(nm.softmax_jacobian, [1e308, -1e308]), np.zeros((2, 2)))
    # infinite scores: the limit (the +inf entries share the probability), equal -inf scores are uniform
    np.testing.assert_array_equal(
        quiet(nm.softmax, [[math.inf, 0.0, math.inf], [-math.inf] * 3]), [[0.5, 0, 0.5], [1 / 3] * 3]
    )


@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=4),
        elements=st.floats(allow_nan=False, allow_infinity=False),
    )
)
def test_softmax_of_any_finite_array_sums_to_one_along_the_last_axis_without_warning(x):
    s = quiet(nm.softmax, x)
    assert s.shape == x.shape
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-12)
    assert np.all(s[np.argmax(x, axis=-1, keepdims=True) == np.arange(x.shape[-1])] > 0)  # the top score wins


def test_r10_mse_from_huge_differences_is_exact_or_inf_without_warning():
    assert quiet(nm.mse, [0.0], [1e154]) == pytest.approx(1e308)
    assert quiet(nm.mse, [0.0, 0.0], [1.3e154, 1.3e154]) == pytest.approx(1.69e308)  # the sum of squares overflows
    assert quiet(nm.mse, [0.0], [1.3407807929942597e154]) == math.inf  # 2**1024: beyond the largest float
    assert quiet(nm.mse_grad, [FLOAT_MAX], [-FLOAT_MAX])[0] == math.inf


def test_r11_bce_with_logits_at_minus_1e308_is_1e308_not_inf():
    # each term is log(1 + e^{1e308}) = 1e308; only the running sum overflows
    assert quiet(nm.binary_cross_entropy_with_logits, [-1e308, -1e308], [1.0, 1.0]) == pytest.approx(1e308)


def test_r12_gradients_at_subnormal_probabilities_are_inf_without_warning():
    assert quiet(nm.binary_cross_entropy_grad, [5e-324], [1.0])[0] == -math.inf
    np.testing.assert_array_equal(quiet(nm.cross_entropy_grad, [1.0, 1e-320], [0.0, 1.0]), [0.0, -math.inf])


def test_r19_linear_overflow_is_inf_without_warning_as_documented():
    np.testing.assert_array_equal(quiet(nm.linear, [1e200, 1e200], [[1e200, 1e200]], [0.0]), [math.inf])


# ---- 5. numerical derivatives: a step relative to |x|, never an exact 0 from x + h == x (R8, R27) ----------------


def test_r8_numerical_derivative_at_1e12_is_right():
    assert quiet(nm.numerical_derivative, lambda v: v * v, 1e12) == pytest.approx(2e12, rel=1e-6)
    np.testing.assert_allclose(quiet(nm.numerical_gradient, lambda w: float(w @ w), [1e12, -3e12]), [2e12, -6e12], 1e-6)


@given(finite(-1e15, 1e15))
def test_numerical_derivative_of_a_square_is_right_at_any_scale(x):
    # (x + s)^2 - (x - s)^2 = 4xs exactly in real arithmetic; rounding of the squares costs about eps x^2 / s
    assert quiet(nm.numerical_derivative, lambda v: v * v, x) == pytest.approx(2 * x, rel=1e-6, abs=1e-6)


@pytest.mark.parametrize(
    "call",
    [
        lambda: nm.numerical_derivative(math.sin, 1.0, h=1e-20),
        lambda: nm.numerical_gradient(lambda w: float(w @ w), [1.0], h=1e-20),
        lambda: landscapes.bowl().hessian([1.0, 1.0], h=1e-20),
        lambda: landscapes.parabola().second_derivative(1.0, h=1e-20),
    ],
)
def test_r27_a_step_lost_in_rounding_is_an_error_not_a_zero(call):
    with pytest.raises(ValueError, match="h = 1e-20 is lost in rounding"):
        quiet(call)


@pytest.mark.parametrize("bad", [0.0, -1e-5, math.nan, math.inf, "1e-5", None])
def test_the_step_h_is_checked_with_its_name(bad):
    with pytest.raises(ValueError, match=r"^h "):
        quiet(nm.numerical_derivative, math.sin, 1.0, h=bad)
    with pytest.raises(ValueError, match=r"^h "):
        quiet(landscapes.bowl().hessian, [1.0, 1.0], h=bad)


def test_numerical_derivative_names_a_function_that_does_not_return_one_number():
    with pytest.raises(ValueError, match=r"^f must return one real number"):
        quiet(nm.numerical_derivative, lambda v: [v, v], 1.0)
    with pytest.raises(ValueError, match=r"^f must return one real number"):
        quiet(nm.numerical_gradient, lambda w: None, [1.0])


# ---- 6. gradient descent: divergence judged relative to the start; faults of the function are errors ------------


def test_r5_a_far_start_that_shrinks_every_step_is_not_diverged():
    run = quiet(nm.gradient_descent, landscapes.bowl().grad, [1e9, 0.0], 0.1, 100)
    assert not run.diverged
    assert run.verdict == "running"
    np.testing.assert_allclose(run.points[:, 0], 1e9 * 0.9 ** np.arange(101), rtol=1e-12)  # w shrinks by 1 - η


@given(finite(-300, 300), st.floats(0.05, 0.95))
def test_a_contracting_run_never_diverges_whatever_the_scale_of_the_start(exponent_sign, r):
    # on L = w^2/2 every step multiplies w by 1 - η with |1 - η| < 1: never a divergence, from 1 or from 1e300
    w0 = math.copysign(10 ** abs(exponent_sign), exponent_sign)
    run = quiet(nm.gradient_descent, lambda w: w, [w0], 2 * r, 50)
    assert not run.diverged


@pytest.mark.parametrize("lr", [3.0, 1e10, FLOAT_MAX])
def test_an_exploding_run_is_still_diverged_with_its_step(lr):
    run = quiet(landscapes.bowl().descend, [1.0, 1.0], lr, 1000)
    assert run.verdict == "diverged"
    assert run.diverged_at == run.steps + 1
    assert np.all(np.isfinite(run.points))


def test_r13_a_loss_that_overflows_at_the_start_is_a_clear_error_without_warning():
    with pytest.raises(DescentError, match="loss is not finite at the start point"):
        quiet(landscapes.bowl().descend, [1e155, 0.0], 0.1, 10)
    with pytest.raises(ValueError, match="loss is not finite at the start point"):
        quiet(nm.gradient_descent, lambda w: w, [1.0], 0.1, 10, loss=lambda w: math.nan)


def test_a_grad_returning_nan_at_a_calm_point_is_an_error_of_grad():
    def grad(w):
        return w if w[0] > 0.5 else np.full_like(w, math.nan)  # broken below 0.5, on a run that shrinks toward 0

    with pytest.raises(DescentError, match=r"grad returned a non-finite value .* not a divergence") as info:
        quiet(nm.gradient_descent, grad, [1.0], 0.3, 10)
    assert info.value.step == 2  # w = 1, 0.7, 0.49: the first point where grad is broken


def test_a_loss_returning_nan_at_a_calm_point_is_an_error_of_loss():
    with pytest.raises(DescentError, match=r"^loss returned a non-finite value"):
        quiet(nm.gradient_descent, lambda w: w, [1.0], 0.3, 10, loss=lambda w: 1.0 if w[0] > 0.5 else math.nan)


def test_zero_step_runs_are_fine():
    run = quiet(landscapes.bowl().descend, [1.0, 2.0], 0.1, 0)
    assert run.steps == 0
    assert run.verdict == "running"
    assert quiet(landscapes.bowl().descend, [0.0, 0.0], 0.1, 10).verdict == "converged"


# ---- 7. critical learning rate: symmetry relative to the matrix's scale (R26) ------------------------------------


def test_r26_symmetry_is_judged_relative_to_the_scale_of_the_matrix():
    with pytest.raises(ValueError, match=r"^curvature must be symmetric"):
        quiet(nm.critical_learning_rate, [[1e-9, 5e-9], [0.0, 1e-9]])
    assert quiet(nm.critical_learning_rate, [[1e6, 3e-6], [3e-6 * (1 + 1e-9), 1e6]]) == pytest.approx(2e-6)
    assert quiet(nm.critical_learning_rate, [[1e6, 3e-6], [0.0, 1e6]]) == pytest.approx(2e-6, rel=1e-9)


def test_critical_learning_rate_of_an_empty_matrix_is_a_clear_error():
    with pytest.raises(ValueError, match=r"^curvature must be a non-empty square matrix .*got shape \(0, 0\)"):
        quiet(nm.critical_learning_rate, np.zeros((0, 0)))


def test_critical_learning_rate_of_a_huge_hessian_is_right():
    # eigenvalues 2e308 and 0 are beyond float64; 2 / 2e308 = 1e-308 is not
    assert quiet(nm.critical_learning_rate, np.full((2, 2), 1e308)) == pytest.approx(1e-308)


@pytest.mark.parametrize(("a1", "a2"), [(math.inf, 1.0), (1.0, math.nan), (0.0, 1.0), ("1", 1.0)])
def test_bowl_curvatures_are_checked(a1, a2):
    with pytest.raises(ValueError, match=r"^a[01] "):
        landscapes.bowl(a1, a2)


def test_least_squares_with_nan_is_rejected_before_lapack(capfd):
    with pytest.raises(ValueError, match=r"^A must be finite"):
        landscapes.least_squares([[1.0, math.nan], [1.0, 1.0]], [0.0, 1.0])
    assert capfd.readouterr().out == ""  # LAPACK never ran, so nothing printed


# ---- 8. widgets and figures: a picture and a true message for any start and any η -------------------------------

pytest.importorskip("matplotlib")
pytest.importorskip("anywidget")


from nnmath.views import curve_descent_figure, curve_explorer, eta_explorer, softmax_show, xor_explorer  # noqa: E402
from nnmath.views.plotting import gradient_field_figure, step_factor_figure, tangent_figure  # noqa: E402


def sentences(explorer) -> list[str]:
    """The readout of a descent explorer at both ends of its η range, as the front end words it."""
    out = []
    for eta in explorer.data["eta_range"]:
        try:
            out.append(explorer.describe(explorer.run(lr=eta)))
        except nm.DescentError:
            out.append(explorer.describe() if eta == explorer.eta else "无法开始")
    return out


def test_r6_a_far_start_that_converges_is_not_called_diverged():
    explorer = quiet(eta_explorer, landscapes.bowl(), etas=(0.01, 0.1), start=(1e9, 0.0))
    assert all("发散" not in t for t in sentences(explorer))
    assert explorer.state()["starts"] == [[1e9, 0.0]]  # the start the reader asked for, not clamped to the window
    assert quiet(explorer.widget).starts == [[1e9, 0.0]]


@pytest.mark.parametrize(
    ("surface", "start"), [(landscapes.bowl(), (1e200, 0.0)), (landscapes.multi_minima(), (1e200, 1e200))]
)
def test_r14_a_start_beyond_float64_gives_a_picture_and_says_why(surface, start):
    explorer = eta_explorer(surface, etas=(0.01, 0.1), start=start)
    assert "无法开始" in quiet(explorer.describe)
    assert quiet(explorer.still_png)[:4] == b"\x89PNG"
    quiet(explorer.widget)


def test_r15_a_finite_but_huge_start_loss_draws():
    # L(0, 1e77) ≈ (1e154)² ≈ 1e308: finite; the still's loss axis must not overflow (it counts in units of 10³⁰⁸)
    explorer = eta_explorer(landscapes.multi_minima(), etas=(1e-4, 1e-3), start=(0.0, 1e77))
    assert quiet(explorer.still_png)[:4] == b"\x89PNG"
    assert len(sentences(explorer)) == 2


def test_r16_a_zero_step_run_draws_without_warning():
    c = landscapes.parabola()
    run = c.descend(0.0, 0.1, 10)
    assert run.steps == 0
    quiet(curve_descent_figure, c, run)
    quiet(curve_explorer(c, etas=(0.1, 0.5), start=0.0).static_html)


def test_r20_eta_up_to_float_max_works_live_and_static():
    explorer = eta_explorer(landscapes.bowl(), etas=(1e-3, FLOAT_MAX), initial=1)
    assert quiet(explorer.widget).eta == pytest.approx(FLOAT_MAX, rel=1e-12)  # not clamped to a smaller η
    assert "发散：第 1 步" in quiet(explorer.describe)
    quiet(explorer.static_html)


def test_eta_explorer_rejects_a_fractional_initial_at_once():
    began = time.perf_counter()
    with pytest.raises(ValueError, match=r"^initial "):
        eta_explorer(landscapes.bowl(), initial=1.5)
    assert time.perf_counter() - began < 0.5  # before any rendering


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"etas": None}, "etas"),
        ({"etas": "abc"}, "etas"),
        ({"start": "ab"}, "start"),
        ({"etas": (0.1, math.inf)}, "etas"),
    ],
)
def test_eta_explorer_settings_are_checked_with_their_names(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        eta_explorer(landscapes.bowl(), **kwargs)


def test_explorers_reject_the_wrong_kind_of_surface():
    with pytest.raises(ValueError, match=r"^landscape must be a Landscape"):
        eta_explorer(landscapes.parabola())
    with pytest.raises(ValueError, match=r"^curve must be a Curve"):
        curve_explorer(landscapes.bowl(), etas=(0.1,), start=1.0)


def test_r21_xor_explorer_with_one_hidden_unit_has_a_widget():
    assert quiet(xor_explorer(sizes=(2, 1, 1), epochs=20, etas=(0.3, 1.0)).widget) is not None


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"snapshots": (-1, -5)}, "snapshots"),
        ({"snapshots": (2.5,)}, "snapshots"),
        ({"snapshots": (10**6,)}, "snapshots"),
        ({"etas": (0.1, math.inf), "lr": 0.1}, "etas"),
    ],
)
def test_xor_explorer_settings_fail_at_once_with_their_names(kwargs, name):
    began = time.perf_counter()
    with pytest.raises(ValueError, match=f"^{name}"):
        xor_explorer(**kwargs)
    assert time.perf_counter() - began < 0.5  # before any training


@pytest.mark.parametrize(
    "kwargs", [{"values": (0.0, math.nan)}, {"values": None}, {"scores": (0.0, math.inf, 1.0)}], ids=repr
)
def test_views_reject_nan_values(kwargs):
    with pytest.raises(ValueError, match=r"^(values|scores)"):
        softmax_show(**({"scores": (1.0, 2.0, 3.0), "vary": 0} | kwargs))


def test_activation_figure_rejects_nan_and_reversed_ranges():
    from nnmath.views.activations import activation_figure

    with pytest.raises(ValueError, match=r"^low "):
        activation_figure(low=math.nan)
    with pytest.raises(ValueError, match="low < high"):
        activation_figure(low=2.0, high=1.0)


def test_r28_gradient_field_at_a_far_point_says_so_without_warning():
    fig = quiet(gradient_field_figure, landscapes.bowl(), point=(1e200, 0.0))
    words = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("范围之外" in w and "1e+200" in w for w in words)


def test_r29_tangent_figure_reports_points_outside_the_window_in_words():
    fig = quiet(tangent_figure, landscapes.parabola(), [1.0, 1e200])
    words = [t.get_text() for t in fig.axes[0].texts]
    assert any("窗口外 w = 1e+200" in w for w in words)


def test_xor_state_figure_of_huge_weights_draws_without_warning():
    from nnmath.views.xor import xor_state_figure

    for activation, scale in (("tanh", 1e300), ("relu", 1e150)):
        quiet(xor_state_figure, nm.MLP((2, 2, 1), activation, scale=scale))


def test_a_trajectory_cannot_be_made_inconsistent():
    ok = {"points": np.zeros((2, 1)), "losses": np.zeros(2), "lr": 0.1, "converged_at": None, "diverged_at": None}
    assert nm.Trajectory(**ok).steps == 1
    for bad in (
        {"points": np.zeros((0, 1)), "losses": None},
        {"losses": np.zeros(3)},
        {"converged_at": 1, "diverged_at": 2},
    ):
        with pytest.raises(ValueError):
            nm.Trajectory(**(ok | bad))


def test_step_factor_figure_takes_any_positive_eta_and_checks_its_inputs():
    quiet(step_factor_figure, 1.0, [0.1, 1.5, 1e300])
    with pytest.raises(ValueError, match=r"^etas must be positive finite"):
        step_factor_figure(1.0, [0.1, math.nan])
    with pytest.raises(ValueError, match=r"^curvature "):
        step_factor_figure(math.inf, [0.1])


def test_stationary_point_tests_check_their_inputs_with_their_names():
    from nnmath import stationary

    with pytest.raises(ValueError, match=r"^second_derivative "):
        stationary.classify_1d(None)
    with pytest.raises(ValueError, match=r"^tol "):
        stationary.classify([[1.0, 0.0], [0.0, 1.0]], tol=math.nan)
    with pytest.raises(ValueError, match=r"^hessian must be symmetric"):
        stationary.classify([[1e-9, 5e-9], [0.0, 1e-9]])  # asymmetric at its own scale
    assert stationary.classify([[1e6, 3e-6], [0.0, -1e6]]) == "saddle"  # symmetric at its own scale
    with pytest.raises(ValueError, match=r"^hessian must be a non-empty square matrix"):
        stationary.classify(np.zeros((0, 0)))
    with pytest.raises(ValueError, match=r"^lr "):
        stationary.basin_map(landscapes.bowl(), None, n=3)


def test_data_fits_and_separation_check_their_numbers_by_name():
    from nnmath import data, fitting, separability

    with pytest.raises(ValueError, match=r"^t must be finite"):
        fitting.fit_line([0.0, 1.0, 2.0], [0.0, math.nan, 1.0])
    with pytest.raises(ValueError, match=r"^X must be finite"):
        separability.perceptron([[0.0, math.nan], [1.0, 1.0]], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"^b "):
        separability.side([[0.0, 1.0]], [1.0, 1.0], None)
    with pytest.raises(ValueError, match=r"^noise "):
        data.line_points(noise=math.nan)
    with pytest.raises(ValueError, match=r"^n "):
        data.parabola_points(n=2.5)


def test_explorers_refuse_zero_steps_and_take_far_curve_starts_on_both_faces():
    with pytest.raises(ValueError, match=r"^steps "):  # a picture of no step at all teaches nothing
        eta_explorer(landscapes.bowl(), etas=(0.1, 0.5), steps=0)
    far = curve_explorer(landscapes.parabola(), etas=(0.1, FLOAT_MAX), start=1e200)
    assert "无法开始" in quiet(far.describe)
    assert quiet(far.widget).starts == [[1e200]]


def test_the_hidden_panel_of_a_one_unit_network_says_what_it_draws():
    from nnmath.views.xor import xor_state_figure

    fig = quiet(xor_state_figure, nm.MLP((2, 1, 1), "tanh"))
    assert any("只有 1 个神经元" in ax.get_title() for ax in fig.axes)


def test_explorer_settings_are_checked_by_one_shared_helper():
    from nnmath._checks import as_index, as_learning_rates

    assert as_learning_rates((0.1, 0.5)) == [0.1, 0.5]
    for bad, message in [(None, "sequence"), (3, "sequence"), ((), "at least one"), ((0.5, 0.1), "increasing")]:
        with pytest.raises(ValueError, match=message):
            as_learning_rates(bad)
    assert as_index(None, 5) == 2
    with pytest.raises(ValueError, match="initial"):
        as_index(5, 5)
