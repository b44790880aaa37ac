import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnmath as nm
from nnmath import landscapes

NEURON, INPUT = 1, 2  # the free parameters of layer_fit: W[1, 2] and b[1]

FACTORIES = {
    "bowl": lambda data: landscapes.bowl(),
    "elongated_bowl": lambda data: landscapes.bowl(0.5, 4.0),
    "source_loss": lambda data: landscapes.source_loss(),
    "multi_minima": lambda data: landscapes.multi_minima(),
    "saddle": lambda data: landscapes.saddle(),
    "layer_fit": lambda data: landscapes.layer_fit(*data, neuron=NEURON, input=INPUT),
}

UNIT = st.floats(0, 1)


@pytest.fixture(scope="module")
def layer_data():
    """A small layer with 3 inputs, 2 neurons and 7 samples: (X, Y, W, b)."""
    rng = np.random.default_rng(20240501)
    return rng.normal(size=(7, 3)), rng.normal(size=(7, 2)), rng.normal(size=(2, 3)), rng.normal(size=2)


def point_in_window(landscape, u, v):
    w1_min, w1_max, w2_min, w2_max = landscape.window
    return np.array([w1_min + u * (w1_max - w1_min), w2_min + v * (w2_max - w2_min)])


def numerical_hessian(landscape, w):
    return np.array([nm.numerical_gradient(lambda p, k=k: landscape.grad(p)[k], w) for k in range(2)])


# ---- every landscape ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FACTORIES)
@given(UNIT, UNIT)
def test_grad_matches_numerical_gradient_in_window(name, layer_data, u, v):
    landscape = FACTORIES[name](layer_data)
    w = point_in_window(landscape, u, v)
    grad = landscape.grad(w)
    assert grad.shape == (2,)
    assert grad.dtype == np.float64
    np.testing.assert_allclose(grad, nm.numerical_gradient(landscape.loss, w), rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("name", FACTORIES)
@pytest.mark.parametrize("n", [2, 7])
def test_grid_covers_window_and_is_pointwise_loss(name, n, layer_data):
    landscape = FACTORIES[name](layer_data)
    W1, W2, L = landscape.grid(n)
    assert W1.shape == W2.shape == L.shape == (n, n)
    w1_min, w1_max, w2_min, w2_max = landscape.window
    np.testing.assert_allclose([W1.min(), W1.max(), W2.min(), W2.max()], landscape.window)
    np.testing.assert_allclose(W1[0], np.linspace(w1_min, w1_max, n))
    np.testing.assert_allclose(W2[:, 0], np.linspace(w2_min, w2_max, n))
    pointwise = np.array([[landscape.loss([W1[r, c], W2[r, c]]) for c in range(n)] for r in range(n)])
    np.testing.assert_allclose(L, pointwise, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", FACTORIES)
def test_f_and_df_are_elementwise_over_any_shape(name, layer_data):
    landscape = FACTORIES[name](layer_data)
    rng = np.random.default_rng(7)
    W1, W2 = rng.uniform(-1, 1, size=(2, 3, 2, 4))
    L = landscape.f(W1, W2)
    D1, D2 = landscape.df(W1, W2)
    assert np.shape(L) == np.shape(D1) == np.shape(D2) == (3, 2, 4)
    for idx in np.ndindex(3, 2, 4):
        point = [W1[idx], W2[idx]]
        assert L[idx] == pytest.approx(landscape.loss(point), rel=1e-12, abs=1e-12)
        np.testing.assert_allclose([D1[idx], D2[idx]], landscape.grad(point), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", FACTORIES)
@pytest.mark.parametrize("bad", [[1.0, 2.0, 3.0], [1.0], 1.0, [[1.0], [2.0]], [[1.0, 2.0]]])
def test_loss_and_grad_reject_points_not_of_shape_two(name, bad, layer_data):
    landscape = FACTORIES[name](layer_data)
    with pytest.raises(ValueError):
        landscape.loss(bad)
    with pytest.raises(ValueError):
        landscape.grad(bad)
    with pytest.raises(ValueError):
        landscape.descend(bad, 0.1, 5)


@pytest.mark.parametrize("name", FACTORIES)
def test_descend_records_losses_of_its_points(name, layer_data):
    landscape = FACTORIES[name](layer_data)
    w0 = point_in_window(landscape, 0.3, 0.8)
    traj = landscape.descend(w0, 1e-3, 5)
    np.testing.assert_array_equal(traj.points[0], w0)
    np.testing.assert_allclose(traj.losses, [landscape.loss(p) for p in traj.points])
    np.testing.assert_allclose(traj.points[1], w0 - 1e-3 * landscape.grad(w0))


# ---- bowl --------------------------------------------------------------------------------------------------------
@given(st.floats(0.1, 10), st.floats(0.1, 10), st.floats(-3, 3), st.floats(-3, 3))
def test_bowl_has_its_minimum_at_zero(a1, a2, w1, w2):
    bowl = landscapes.bowl(a1, a2)
    assert bowl.minima == ((0.0, 0.0),)
    assert bowl.loss([0.0, 0.0]) == 0.0
    np.testing.assert_array_equal(bowl.grad([0.0, 0.0]), [0.0, 0.0])
    assert bowl.loss([w1, w2]) == pytest.approx(0.5 * (a1 * w1**2 + a2 * w2**2))
    if w1**2 + w2**2 > 0.0:  # (not merely nonzero: 1e-200 squared underflows to 0)
        assert bowl.loss([w1, w2]) > 0.0


def test_elongated_bowl_step_limit_is_set_by_steepest_direction():
    # curvatures 1 and 4: descent converges iff eta < 2 / 4 = 0.5
    bowl = landscapes.bowl(1.0, 4.0)
    assert bowl.descend([2.0, 2.0], 0.45, 5000).converged
    assert bowl.descend([2.0, 2.0], 0.55, 5000).diverged


@pytest.mark.parametrize(("a1", "a2"), [(0.0, 1.0), (1.0, -1.0), (float("nan"), 1.0)])
def test_bowl_rejects_non_positive_curvature(a1, a2):
    with pytest.raises(ValueError):
        landscapes.bowl(a1, a2)


# ---- the source's loss L = w1^2 + 3 w2 + 5 ------------------------------------------------------------------------
@given(st.floats(-100, 100), st.floats(-100, 100))
def test_source_loss_partials_are_exactly_two_w1_and_three(w1, w2):
    source = landscapes.source_loss()
    np.testing.assert_array_equal(source.grad([w1, w2]), [2.0 * w1, 3.0])
    assert source.loss([w1, w2]) == pytest.approx(w1**2 + 3 * w2 + 5)


def test_source_loss_descent_walks_down_w2_forever():
    # dL/dw2 = 3 is constant: each step moves w2 by -3 eta, and the gradient never vanishes
    traj = landscapes.source_loss().descend([1.0, 0.0], 0.1, 50)
    assert not traj.converged
    np.testing.assert_allclose(traj.points[:, 1], -0.3 * np.arange(51), atol=1e-12)
    assert np.all(np.diff(traj.losses) < 0)


# ---- several minima ----------------------------------------------------------------------------------------------


def stationary_coordinates(c):
    # dL/dw = 4w(w^2 - 1) + c = 4w^3 - 4w + c: three real roots, the outer two are minima (L'' = 12w^2 - 4 > 0)
    roots = np.roots([4.0, 0.0, -4.0, c])
    assert np.allclose(roots.imag, 0.0)
    return np.sort(roots.real)


def test_multi_minima_has_zero_gradient_and_positive_curvature_at_four_minima():
    surface = landscapes.multi_minima()
    low1, mid1, high1 = stationary_coordinates(0.3)
    low2, mid2, high2 = stationary_coordinates(0.2)
    minima = [(x, y) for x in (low1, high1) for y in (low2, high2)]
    for m in minima:
        np.testing.assert_allclose(surface.grad(m), [0.0, 0.0], atol=1e-9)
        assert np.all(np.linalg.eigvalsh(numerical_hessian(surface, np.array(m))) > 0)
    # the global minimum is the one near (-1, -1)
    losses = [surface.loss(m) for m in minima]
    assert minima[int(np.argmin(losses))] == (low1, low2)
    assert low1 == pytest.approx(-1, abs=0.1)
    assert low2 == pytest.approx(-1, abs=0.1)
    # and the middle roots give the maximum near the origin
    np.testing.assert_allclose(surface.grad([mid1, mid2]), [0.0, 0.0], atol=1e-9)
    assert np.all(np.linalg.eigvalsh(numerical_hessian(surface, np.array([mid1, mid2]))) < 0)


# ---- saddle ------------------------------------------------------------------------------------------------------


def test_saddle_origin_is_stationary_with_indefinite_hessian():
    surface = landscapes.saddle()
    np.testing.assert_array_equal(surface.grad([0.0, 0.0]), [0.0, 0.0])
    H = numerical_hessian(surface, np.zeros(2))
    np.testing.assert_allclose(H, [[2.0, 0.0], [0.0, -2.0]], atol=1e-6)
    eig = np.linalg.eigvalsh(H)
    assert eig[0] < 0 < eig[1]
    assert surface.loss([0.5, 0.0]) > 0 > surface.loss([0.0, 0.5])


# ---- the real loss of a layer ------------------------------------------------------------------------------------


def layer_loss(data, w1, w2):
    """mse(linear(X, W', b'), Y) with W'[i, j] = w1 and b'[i] = w2, the other parameters as given."""
    X, Y, W, b = data
    W2, b2 = W.copy(), b.copy()
    W2[NEURON, INPUT], b2[NEURON] = w1, w2
    return nm.mse(nm.linear(X, W2, b2), Y), W2, b2


@given(st.floats(-5, 5), st.floats(-5, 5))
def test_layer_fit_loss_is_the_layer_mse(layer_data, w1, w2):
    surface = FACTORIES["layer_fit"](layer_data)
    expected, _, _ = layer_loss(layer_data, w1, w2)
    assert surface.loss([w1, w2]) == pytest.approx(expected, rel=1e-12)


@given(st.floats(-5, 5), st.floats(-5, 5))
def test_layer_fit_grad_is_linear_backward_after_mse_grad(layer_data, w1, w2):
    X, Y, _, _ = layer_data
    surface = FACTORIES["layer_fit"](layer_data)
    _, W2, b2 = layer_loss(layer_data, w1, w2)
    _, dW, db = nm.linear_backward(X, W2, nm.mse_grad(nm.linear(X, W2, b2), Y))
    np.testing.assert_allclose(surface.grad([w1, w2]), [dW[NEURON, INPUT], db[NEURON]], rtol=1e-10, atol=1e-12)


def test_layer_fit_minimum_matches_least_squares(layer_data):
    X, Y, W, b = layer_data
    surface = FACTORIES["layer_fit"](layer_data)
    # Neuron i's output is w1 * X[:, j] + w2 + (the rest of the layer with W[i, j] = b[i] = 0).
    W0, b0 = W.copy(), b.copy()
    W0[NEURON, INPUT], b0[NEURON] = 0.0, 0.0
    rest = nm.linear(X, W0, b0)[:, NEURON]
    A = np.column_stack([X[:, INPUT], np.ones(len(X))])
    best = np.linalg.lstsq(A, Y[:, NEURON] - rest, rcond=None)[0]
    assert len(surface.minima) == 1
    np.testing.assert_allclose(surface.minima[0], best, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(surface.grad(best), [0.0, 0.0], atol=1e-12)
    # the window is centred on the minimum
    w1_min, w1_max, w2_min, w2_max = surface.window
    np.testing.assert_allclose([(w1_min + w1_max) / 2, (w2_min + w2_max) / 2], best, rtol=1e-12, atol=1e-12)
    # and nothing nearby is lower
    rng = np.random.default_rng(11)
    for step in rng.normal(scale=0.3, size=(20, 2)):
        assert surface.loss(best + step) > surface.loss(best)


def test_layer_fit_descent_reaches_the_least_squares_minimum(layer_data):
    surface = FACTORIES["layer_fit"](layer_data)
    traj = surface.descend(point_in_window(surface, 0.1, 0.9), 0.5, 5000)
    assert traj.converged
    np.testing.assert_allclose(traj.final, surface.minima[0], atol=1e-4)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"T": np.zeros((7, 3))}, r"\(7, 2\)"),  # T does not match the layer's output
        ({"T": np.zeros((6, 2))}, r"\(6, 2\)"),
        ({"neuron": 2}, "neuron"),  # only 2 neurons
        ({"input": 3}, "input"),  # only 3 inputs
        ({"neuron": -1}, "neuron"),
    ],
)
def test_layer_fit_rejects_bad_arguments(layer_data, change, message):
    X, T, W, b = layer_data
    kwargs = {"X": X, "T": T, "W": W, "b": b, "neuron": 0, "input": 0, **change}
    with pytest.raises(ValueError, match=message):
        landscapes.layer_fit(**kwargs)


# ---- one-parameter curves ----------------------------------------------------------------------------------------

CURVES = {
    "parabola": lambda: landscapes.parabola(3.0),
    "bumpy": landscapes.bumpy,
    "saturated_neuron": landscapes.saturated_neuron,
}


@pytest.mark.parametrize("name", CURVES)
@given(UNIT)
def test_curve_derivative_matches_numerical_derivative(name, u):
    curve = CURVES[name]()
    lo, hi = curve.window
    w = lo + u * (hi - lo)
    assert float(curve.grad(w)) == pytest.approx(nm.numerical_derivative(curve.loss, w), rel=1e-5, abs=1e-6)


@pytest.mark.parametrize("name", CURVES)
def test_curve_minima_have_zero_slope_and_positive_second_derivative(name):
    curve = CURVES[name]()
    assert curve.minima
    for m in curve.minima:
        assert abs(float(curve.grad(m))) < 1e-9
        assert curve.second_derivative(m) > 0


@given(st.floats(0.1, 10), st.floats(-3, 3))
def test_parabola_slope_is_a_w_and_curvature_a(a, w):
    curve = landscapes.parabola(a)
    assert float(curve.grad(w)) == pytest.approx(a * w, abs=1e-12)
    assert curve.second_derivative(w) == pytest.approx(a, rel=1e-6)


def test_curve_descent_points_are_numbers_and_follow_the_closed_form():
    curve = landscapes.parabola(2.0)
    traj = curve.descend(1.5, 0.3, 5)
    assert traj.points.shape == (6,)
    np.testing.assert_allclose(traj.points, 1.5 * (1 - 0.3 * 2.0) ** np.arange(6))
    np.testing.assert_allclose(traj.losses, traj.points**2)


def test_saturated_neuron_plateau_has_a_tiny_gradient():
    curve = landscapes.saturated_neuron(0.9)
    # sigma(-6) ~ 0.0025, so dL/dw = 2 (sigma - 0.9) sigma (1 - sigma) ~ -0.0044
    s = 1 / (1 + math.exp(6.0))
    assert float(curve.grad(-6.0)) == pytest.approx(2 * (s - 0.9) * s * (1 - s))
    assert abs(float(curve.grad(-6.0))) < 0.005


@pytest.mark.parametrize("bad", [[1.0, 2.0], np.zeros((2, 2))])
def test_curve_rejects_more_than_one_number(bad):
    with pytest.raises(ValueError):
        landscapes.parabola().loss(bad)


@pytest.mark.parametrize("bad", [0.0, -1.0])
def test_parabola_rejects_non_positive_curvature(bad):
    with pytest.raises(ValueError):
        landscapes.parabola(bad)


def test_formulas_write_no_coefficient_of_one() -> None:
    assert landscapes.bowl(1, 10).formula == r"L = \frac{1}{2}(w_0^2 + 10\,w_1^2)"
    assert landscapes.bowl(0.5, 1).formula == r"L = \frac{1}{2}(0.5\,w_0^2 + w_1^2)"
    assert landscapes.parabola(1).formula == r"L = \frac{1}{2}w^2"
    assert landscapes.parabola(3).formula == r"L = \frac{1}{2}\cdot 3\,w^2"
