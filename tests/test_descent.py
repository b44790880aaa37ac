import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import nnmath as nm
from nnmath import descent

# Gradient descent on f(w) = a w^2 / 2, whose gradient is a w:
#
#     w_{t+1} = w_t - eta * a * w_t = (1 - eta a) w_t,   so   w_t = (1 - eta a)^t w_0.
#
# The iterates shrink to 0 iff |1 - eta a| < 1, i.e. -1 < 1 - eta a < 1, i.e. 0 < eta < 2/a.
# Writing eta = r * 2/a, the factor is q = 1 - 2r: the run converges for 0 < r < 1 and blows up for r > 1.

CURVATURE = st.floats(0.1, 10)
START = st.floats(0.5, 5) | st.floats(-5, -0.5)
TOL, MAX_NORM = 1e-6, 1e8  # gradient_descent's defaults


def quadratic(a):
    return (lambda w: a * w), (lambda w: 0.5 * a * w**2)


def first_index(condition, w0, q, limit=6000):
    """First t with condition(w0 * q**t), from the closed form."""
    return next(t for t in range(limit) if condition(w0 * q**t))


@given(CURVATURE, st.floats(0.05, 0.95), START)
def test_quadratic_converges_below_two_over_a(a, r, w0):
    eta = r * 2 / a
    grad, loss = quadratic(a)
    traj = nm.gradient_descent(grad, w0, eta, steps=5000, loss=loss)
    assert traj.converged
    assert not traj.diverged
    assert traj.verdict == "converged"
    assert abs(a * traj.final) <= TOL
    expected = first_index(lambda w: abs(a * w) <= TOL, w0, 1 - eta * a)
    assert abs(traj.converged_at - expected) <= 1
    assert traj.steps == traj.converged_at


@given(CURVATURE, st.floats(1.05, 3), START)
def test_quadratic_diverges_above_two_over_a_without_warnings(a, r, w0):
    eta = r * 2 / a
    grad, loss = quadratic(a)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = nm.gradient_descent(grad, w0, eta, steps=5000, loss=loss)
    assert traj.diverged
    assert not traj.converged
    assert traj.verdict == "diverged"
    assert np.all(np.isfinite(traj.points))
    limit = MAX_NORM * max(1.0, abs(w0))  # the threshold is relative to the start
    assert np.all(np.abs(traj.points) <= limit)
    expected = first_index(lambda w: abs(w) > limit, w0, 1 - eta * a)
    assert abs(traj.diverged_at - expected) <= 1
    assert len(traj.points) == traj.diverged_at


@given(CURVATURE, st.floats(0.05, 3), START)
def test_first_iterates_follow_closed_form(a, r, w0):
    eta = r * 2 / a
    grad, _ = quadratic(a)
    traj = nm.gradient_descent(grad, w0, eta, steps=6)
    q = 1 - eta * a
    t = np.arange(len(traj.points))
    np.testing.assert_allclose(traj.points, w0 * q**t, rtol=1e-12, atol=1e-12)


def test_overflow_to_infinity_is_reported_without_warnings():
    # With max_norm = inf, the iterates grow until they overflow: still no warning, only finite points kept.
    grad, loss = quadratic(1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = nm.gradient_descent(grad, 1.0, 3.0, steps=5000, loss=loss, max_norm=math.inf)
    assert traj.diverged
    assert traj.verdict == "diverged"
    assert np.all(np.isfinite(traj.points))
    assert np.all(np.isfinite(traj.losses))


def test_non_finite_gradient_at_a_calm_point_is_an_error_of_grad_not_a_divergence():
    with pytest.raises(ValueError, match=r"grad returned a non-finite value.*error in the function"):
        nm.gradient_descent(lambda w: np.full_like(w, np.nan), np.ones(2), 0.1, steps=10)


def test_non_finite_gradient_after_growing_iterates_is_a_divergence():
    # grad of w^4/4 is w^3: with eta = 1 from w0 = 2 the iterates grow like w -> w - w^3 until w^3 overflows
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = nm.gradient_descent(lambda w: w**3, 2.0, 1.0, steps=100, max_norm=math.inf)
    assert traj.verdict == "diverged"
    assert np.all(np.isfinite(traj.points))
    assert abs(traj.final) > 1e103  # its cube, the next gradient, is beyond the largest float


def test_vector_descent_on_elongated_bowl():
    # grad of (w1^2 + 4 w2^2)/2 is (w1, 4 w2): each coordinate shrinks by its own factor (1 - eta), (1 - 4 eta)
    curv = np.array([1.0, 4.0])
    w0 = np.array([2.0, -1.0])
    traj = nm.gradient_descent(lambda w: curv * w, w0, 0.1, steps=8)
    assert traj.points.shape == (9, 2)
    t = np.arange(9)[:, None]
    np.testing.assert_allclose(traj.points, w0 * (1 - 0.1 * curv) ** t, rtol=1e-12)
    # eta = 0.6 > 2/4: the steep direction blows up even though 0.6 < 2/1
    assert nm.gradient_descent(lambda w: curv * w, w0, 0.6, steps=5000).diverged


# ---- the Trajectory record ---------------------------------------------------------------------------------------


def test_points_start_with_w0_and_losses_match_points():
    grad, loss = quadratic(2.0)
    w0 = np.array([1.5, -0.5])
    traj = nm.gradient_descent(grad, w0, 0.1, steps=7, loss=lambda w: float(np.sum(loss(w))))
    np.testing.assert_array_equal(traj.points[0], w0)
    assert traj.points.shape == (8, 2)
    assert traj.steps == 7
    np.testing.assert_array_equal(traj.final, traj.points[-1])
    assert traj.losses.shape == (8,)
    np.testing.assert_allclose(traj.losses, [np.sum(loss(p)) for p in traj.points], rtol=1e-15)
    assert traj.lr == 0.1


def test_no_losses_without_loss_function():
    traj = nm.gradient_descent(lambda w: w, 1.0, 0.1, steps=3)
    assert traj.losses is None
    assert len(traj.points) == 4


def test_w0_is_not_modified():
    w0 = np.array([1.0, 2.0])
    nm.gradient_descent(lambda w: w, w0, 0.5, steps=10)
    np.testing.assert_array_equal(w0, [1.0, 2.0])


def test_zero_steps_keeps_only_the_start():
    traj = nm.gradient_descent(lambda w: w, [3.0], 0.1, steps=0, loss=lambda w: float(w[0] ** 2))
    np.testing.assert_array_equal(traj.points, [[3.0]])
    np.testing.assert_array_equal(traj.losses, [9.0])
    assert traj.verdict == "running"


def test_start_at_minimum_converges_at_step_zero():
    traj = nm.gradient_descent(lambda w: w, np.zeros(2), 0.1, steps=10)
    assert traj.converged_at == 0
    assert traj.steps == 0


@pytest.mark.parametrize(
    ("lr", "steps", "with_loss", "verdict"),
    [
        (0.5, 100, True, "converged"),  # q = 0.5: gradient below tol after ~21 steps
        (3.0, 100, True, "diverged"),  # q = -2: |w| passes 1e8 after 27 steps
        (2.2, 10, True, "growing"),  # q = -1.2: |w| = 1.2^10 = 6.2, bigger but not exploded
        (2.2, 10, False, "running"),  # the same run without losses cannot tell it is growing
        (0.01, 5, True, "running"),  # q = 0.99: still on its way
    ],
)
def test_verdicts(lr, steps, with_loss, verdict):
    grad, loss = quadratic(1.0)
    traj = nm.gradient_descent(grad, 1.0, lr, steps, loss=loss if with_loss else None)
    assert traj.verdict == verdict


# ---- input checks ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lr", [0.0, -0.1, math.nan, math.inf])
def test_rejects_bad_learning_rate(lr):
    with pytest.raises(ValueError, match="lr"):
        nm.gradient_descent(lambda w: w, 1.0, lr, steps=10)


@pytest.mark.parametrize("steps", [-1, 2.5, -0.5])
def test_rejects_negative_or_fractional_steps(steps):
    with pytest.raises(ValueError, match="steps"):
        nm.gradient_descent(lambda w: w, 1.0, 0.1, steps=steps)


@pytest.mark.parametrize("steps", [math.inf, math.nan])
def test_rejects_non_finite_steps_with_value_error(steps):
    with pytest.raises(ValueError):
        nm.gradient_descent(lambda w: w, 1.0, 0.1, steps=steps)


@pytest.mark.parametrize("w0", [math.nan, [1.0, math.inf], [-math.inf, 0.0]])
def test_rejects_non_finite_start(w0):
    with pytest.raises(ValueError, match="w0"):
        nm.gradient_descent(lambda w: w, w0, 0.1, steps=10)


@pytest.mark.parametrize("bad_grad", [lambda w: np.zeros(3), lambda w: np.zeros((2, 1)), lambda w: 0.0])
def test_rejects_gradient_of_wrong_shape(bad_grad):
    with pytest.raises(ValueError, match=r"\(2,\)"):
        nm.gradient_descent(bad_grad, np.ones(2), 0.1, steps=10)


# ---- the 2/a threshold: step factor, critical learning rate, regimes ---------------------------------------------
@given(CURVATURE, st.floats(0.01, 5), START)
def test_step_factor_is_the_ratio_of_successive_iterates(a, eta, w0):
    # one update on a w^2 / 2 from w0 gives w0 - eta a w0, so w1 / w0 = 1 - eta a
    grad, loss = quadratic(a)
    traj = nm.gradient_descent(grad, w0, eta, steps=1, loss=loss)
    assert traj.points[1] / traj.points[0] == pytest.approx(descent.step_factor(a, eta), rel=1e-12, abs=1e-12)


@given(CURVATURE)
def test_critical_learning_rate_is_two_over_a(a):
    assert descent.critical_learning_rate(a) == pytest.approx(2 / a)


@given(CURVATURE, START)
def test_runs_straddling_the_critical_rate_converge_below_and_diverge_above(a, w0):
    eta_c = descent.critical_learning_rate(a)
    grad, loss = quadratic(a)
    below = nm.gradient_descent(grad, w0, 0.97 * eta_c, steps=20000, loss=loss)
    above = nm.gradient_descent(grad, w0, 1.03 * eta_c, steps=20000, loss=loss)
    assert below.converged
    assert above.diverged
    # exactly at 2/a the iterate bounces between w0 and -w0 forever
    at = nm.gradient_descent(grad, w0, eta_c, steps=6, loss=loss)
    np.testing.assert_allclose(np.abs(at.points), abs(w0), rtol=1e-9)
    assert not at.converged and not at.diverged


def test_critical_learning_rate_of_a_hessian_uses_the_largest_eigenvalue():
    # eigenvalues of [[5, 3], [3, 5]] are 2 and 8 (eigenvectors (1, -1) and (1, 1))
    assert descent.critical_learning_rate([[5.0, 3.0], [3.0, 5.0]]) == pytest.approx(2 / 8)
    assert descent.critical_learning_rate(np.diag([1.0, 8.0])) == pytest.approx(0.25)


@pytest.mark.parametrize("bad", [0.0, -1.0, [[-1.0, 0.0], [0.0, -2.0]], [[1.0, 2.0], [0.0, 1.0]], [1.0, 2.0]])
def test_critical_learning_rate_rejects_non_positive_or_non_symmetric(bad):
    with pytest.raises(ValueError):
        descent.critical_learning_rate(bad)


@pytest.mark.parametrize(
    ("eta_a", "expected"),
    [
        (0.1, "monotone"),
        (0.9, "monotone"),
        (1.0, "one-step"),
        (1.5, "oscillating"),
        (1.99, "oscillating"),
        (2.0, "bouncing"),
        (2.01, "divergent"),
        (3.0, "divergent"),
    ],
)
def test_regime_by_eta_times_a(eta_a, expected):
    a = 4.0
    assert descent.regime(a, eta_a / a) == expected


@given(CURVATURE, st.floats(0.02, 1.98), START)
def test_oscillating_regime_alternates_sign_and_monotone_keeps_it(a, eta_a, w0):
    grad, loss = quadratic(a)
    traj = nm.gradient_descent(grad, w0, eta_a / a, steps=4, loss=loss, tol=0.0)
    signs = np.sign(traj.points)
    kind = descent.regime(a, eta_a / a)
    if kind == "monotone":
        assert np.all(signs == signs[0])
    elif kind == "oscillating":
        assert np.all(signs[1:] == -signs[:-1])


def test_negative_curvature_is_divergent():
    assert descent.regime(-1.0, 0.1) == "divergent"
    assert descent.step_factor(-1.0, 0.1) == pytest.approx(1.1)


@pytest.mark.parametrize("lr", [0.0, -0.1, math.nan, math.inf])
def test_step_factor_rejects_bad_learning_rate(lr):
    with pytest.raises(ValueError):
        descent.step_factor(1.0, lr)


def test_divergence_limit_is_relative_to_the_start_and_shared():
    from nnmath.descent import MAX_NORM, divergence_limit

    assert divergence_limit(0.5) == MAX_NORM  # near the origin: the absolute limit
    assert divergence_limit(1e9) == MAX_NORM * 1e9  # a far start: relative to it
    np.testing.assert_array_equal(divergence_limit(np.array([0.0, 2.0]), 10.0), [10.0, 20.0])
    # gradient_descent stops exactly past that limit
    run = nm.gradient_descent(lambda w: -w, [2.0], 1.0, 100, max_norm=10.0)  # w doubles every step
    assert run.diverged_at is not None and abs(run.points[-1][0]) <= 20.0


# ---- judge: the one verdict of every label ----


def parabola_run(a: float, c: float, offset: float, steps: int) -> descent.Trajectory:
    """Descent on L(w) = a/2 (w - 1)² with η = c/a, from 1 + offset."""
    return descent.gradient_descent(
        lambda w: a * (w - 1.0), 1.0 + offset, c / a, steps, loss=lambda w: 0.5 * a * float(w - 1.0) ** 2
    )


@given(
    a=st.floats(0.05, 20.0),
    c=st.one_of(st.floats(0.01, 0.98), st.floats(1.02, 1.98), st.floats(2.03, 3.5)),
    offset=st.floats(0.1, 5.0) | st.floats(-5.0, -0.1),
    steps=st.integers(1, 120),
)
def test_judge_on_a_parabola_follows_eta_against_one_and_two_over_a(a, c, offset, steps):
    run = parabola_run(a, c, offset, steps)
    got = descent.judge(run)
    if c > 2:  # |1 - ηa| > 1: the distance to the minimum grows every step
        assert got == "diverging"
        return
    # |Δw_t| = ηa |w0 - w*| |1 - ηa|^t: the last step over the longest (the first) is |1 - ηa|^(k-1)
    ratio = abs(1 - c) ** (run.steps - 1)
    assume(abs(math.log(ratio / descent.SETTLED)) > 1e-6)
    if run.converged or ratio <= descent.SETTLED:
        assert got == "converged"
    elif c < 1:
        assert got == "moving"
    else:
        assert got == ("oscillating" if run.steps >= 2 else "moving")


@given(
    lams=st.tuples(st.floats(0.1, 10.0), st.floats(0.1, 10.0)),
    c=st.one_of(st.floats(0.01, 0.95), st.floats(1.05, 1.95), st.floats(2.2, 4.0)),
    angle=st.floats(0.0, math.pi),
    start=st.tuples(st.floats(0.5, 3.0), st.floats(0.5, 3.0)),
)
def test_judge_on_a_bowl_with_both_curvatures_on_one_side(lams, c, angle, start):
    # both λ·η on the same side of 1 (and of 2): the answer is the parabola's
    lo, hi = sorted(lams)
    eta = c / hi
    assume(lo * eta > 1.02 if c > 1 else True)
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    H = rot @ np.diag([lo, hi]) @ rot.T
    w0 = rot @ np.array(start)
    run = descent.gradient_descent(lambda w: H @ w, w0, eta, 60, loss=lambda w: 0.5 * float(w @ H @ w))
    got = descent.judge(run)
    if c > 2:
        assert got == "diverging"
    elif c < 1:
        assert got in ("converged", "moving")
    else:
        assert got in ("converged", "oscillating")


def test_judge_reads_a_settled_run_as_converged_whatever_the_scale():
    # the same run from 10⁶ times farther: after 28 steps both have shrunk 0.4²⁸ ≈ 7e-12 times
    small = parabola_run(1.0, 0.6, 1.0, 28)
    big = parabola_run(1.0, 0.6, 1e6, 28)
    assert descent.judge(small) == descent.judge(big) == "converged"
    assert not big.converged  # the absolute tol alone would call it still moving


def test_judge_calls_a_climb_above_the_start_diverging_and_a_blow_up_too():
    # multi-minima-like: a run that ends higher than it started is not "still moving"
    rising = descent.Trajectory(np.array([0.0, 1.0, 1.5]), np.array([1.0, 0.5, 2.0]), 0.1, None, None)
    assert descent.judge(rising) == "diverging"
    blown = parabola_run(1.0, 3.0, 1.0, 200)
    assert blown.diverged and descent.judge(blown) == "diverging"


def test_judge_needs_the_losses():
    with pytest.raises(ValueError, match="trajectory"):
        descent.judge(descent.gradient_descent(lambda w: w, 1.0, 0.1, 3))
    with pytest.raises(ValueError, match="trajectory"):
        descent.judge("run")


def test_every_judgement_has_a_chinese_name():
    assert set(descent.JUDGEMENT_NAMES) == set(descent.Judgement.__args__)


def test_descending_many_starts_together_matches_one_run_per_start():
    from nnmath.descent import descend_together, gradient_descent
    from nnmath.landscapes import multi_minima

    surface = multi_minima()
    rng = np.random.default_rng(5)
    starts = rng.uniform(-2, 2, size=(2, 3, 4))
    a, b, alive = descend_together(surface.df, starts[0], starts[1], 0.05, 30)
    assert alive.all()
    for i, j in np.ndindex(3, 4):
        run = gradient_descent(surface.grad, [starts[0, i, j], starts[1, i, j]], 0.05, 30, tol=0.0)
        np.testing.assert_allclose([a[i, j], b[i, j]], run.final, rtol=1e-12, atol=1e-15)
    # a learning rate far past 2/λmax: every start but the minimum itself is stopped and marked
    a, b, alive = descend_together(surface.df, starts[0], starts[1], 50.0, 30)
    assert not alive.any() and not a.any() and not b.any()
    with pytest.raises(ValueError, match="same shape"):
        descend_together(surface.df, np.zeros(3), np.zeros(4), 0.1, 3)
