import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnmath import data, fitting
from nnmath.descent import gradient_descent

COEF = st.floats(-5, 5)


@given(a=COEF, b=COEF, c=COEF, noise=st.floats(0, 1), seed=st.integers(0, 1000))
def test_fits_match_numpy_closed_forms(a, b, c, noise, seed):
    x, y = data.parabola_points(15, a, b, c, noise=noise, seed=seed)
    np.testing.assert_allclose(fitting.fit_line(x, y), np.polyfit(x, y, 1), atol=1e-9)
    np.testing.assert_allclose(fitting.fit_quadratic(x, y), np.polyfit(x, y, 2), atol=1e-9)
    A = np.column_stack([x**3, x**2, x, np.ones_like(x)])
    np.testing.assert_allclose(fitting.fit_polynomial(x, y, 3), np.linalg.lstsq(A, y, rcond=None)[0], atol=1e-8)


def test_line_formula_by_hand():
    # Points (0, 1), (1, 3), (2, 4): x̄ = 1, ȳ = 8/3, w = ((-1)(-5/3) + 0 + 1·(4/3)) / 2 = 3/2, b = 8/3 - 3/2.
    w, b = fitting.fit_line([0, 1, 2], [1, 3, 4])
    assert w == pytest.approx(1.5)
    assert b == pytest.approx(8 / 3 - 1.5)


def test_exact_data_is_recovered_with_zero_floor():
    x, y = data.parabola_points(20, 1.0, 0.5, -1.0)
    np.testing.assert_allclose(fitting.fit_quadratic(x, y), [1.0, 0.5, -1.0], atol=1e-12)
    assert fitting.loss_floor(x, y, 2) < 1e-20
    x, y = data.line_points(20, 2.0, 0.0)
    assert fitting.loss_floor(x, y, 1) < 1e-20


def test_line_on_parabola_floor_is_the_variance_of_x_squared():
    # For y = x² on points symmetric about 0 the best line is flat at mean(x²); the floor is var(x²).
    x, y = data.parabola_points(21)
    w, b = fitting.fit_line(x, y)
    assert w == pytest.approx(0, abs=1e-12)
    assert b == pytest.approx(np.mean(x**2))
    assert fitting.loss_floor(x, y, 1) == pytest.approx(np.var(x**2))
    assert fitting.loss_floor(x, y, 1) > 0.5


@given(coeffs=st.lists(COEF, min_size=1, max_size=4))
def test_polynomial_matches_polyval(coeffs):
    x = np.linspace(-2, 2, 9)
    np.testing.assert_allclose(fitting.polynomial(x, coeffs), np.polyval(coeffs, x), atol=1e-9)


def test_gradient_matches_finite_differences_and_descent_reaches_the_floor():
    x, y = data.parabola_points(20, 1.0, 0.5, -1.0, noise=0.2, seed=4)
    loss, grad = fitting.fit_gradient(x, y, 2)
    theta = np.array([0.3, -0.7, 1.1])
    h = 1e-6
    numeric = [(loss(theta + h * e) - loss(theta - h * e)) / (2 * h) for e in np.eye(3)]
    np.testing.assert_allclose(grad(theta), numeric, rtol=1e-6)
    lr = 0.9 * fitting.max_stable_lr(x, 2)
    run = gradient_descent(grad, np.zeros(3), lr, 5000, loss=loss)
    assert run.losses[-1] == pytest.approx(fitting.loss_floor(x, y, 2), rel=1e-6)


def test_max_stable_lr_is_the_divergence_threshold():
    x, y = data.parabola_points(20)
    loss, grad = fitting.fit_gradient(x, y, 1)
    eta = fitting.max_stable_lr(x, 1)
    # Hessian of (1/N)‖Aθ - y‖² is (2/N)AᵀA = 2·diag(mean x², 1) here (mean x = 0).
    assert eta == pytest.approx(2 / (2 * max(np.mean(x**2), 1.0)))
    assert gradient_descent(grad, [3.0, 3.0], 0.95 * eta, 400, loss=loss).losses[-1] < 2.0
    assert gradient_descent(grad, [3.0, 3.0], 1.05 * eta, 400, loss=loss).verdict in ("diverged", "growing")


def test_errors():
    with pytest.raises(ValueError, match="same shape"):
        fitting.fit_line([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="distinct"):
        fitting.fit_quadratic([1, 1, 2], [0, 1, 2])
    with pytest.raises(ValueError, match="degree"):
        fitting.design_matrix([1, 2], -1)
    with pytest.raises(ValueError, match="theta"):
        fitting.fit_gradient([1, 2, 3], [1, 2, 3], 1)[0](np.zeros(3))


def test_max_stable_lr_is_the_critical_learning_rate_of_the_fits_hessian():
    from nnmath.descent import critical_learning_rate

    x = np.linspace(-1.0, 2.0, 7)
    A = fitting.design_matrix(x, 2)
    assert fitting.max_stable_lr(x, 2) == critical_learning_rate(2.0 * A.T @ A / len(x))


@given(seed=st.integers(0, 10_000), p=st.integers(1, 4))
def test_least_squares_solution_satisfies_the_normal_equations(seed, p):
    rng = np.random.default_rng(seed)
    A, t = rng.normal(size=(12, p)), rng.normal(size=12)
    theta = fitting.solve_least_squares(A, t)
    np.testing.assert_allclose(A.T @ A @ theta, A.T @ t, atol=1e-9)
    # no nearby parameter vector does better
    for e in np.eye(p):
        assert fitting.least_squares_loss(A, t, theta) <= fitting.least_squares_loss(A, t, theta + 1e-3 * e)


def test_least_squares_loss_and_gradient_over_a_grid_of_parameters():
    rng = np.random.default_rng(3)
    A, t = rng.normal(size=(9, 2)), rng.normal(size=9)
    grid = rng.normal(size=(4, 5, 2))
    loss = fitting.least_squares_loss(A, t, grid)
    grad = fitting.least_squares_grad(A, t, grid)
    assert loss.shape == (4, 5) and grad.shape == (4, 5, 2)
    one = grid[2, 3]
    assert loss[2, 3] == pytest.approx(np.mean((A @ one - t) ** 2))
    h = 1e-6
    mean_sq = lambda theta: np.mean((A @ theta - t) ** 2)  # noqa: E731
    numeric = [(mean_sq(one + h * e) - mean_sq(one - h * e)) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(grad[2, 3], numeric, rtol=1e-6)
    # the Hessian is the constant 2/N AᵀA: the gradient changes by H·Δθ exactly
    H = fitting.least_squares_hessian(A)
    change = fitting.least_squares_grad(A, t, one + 0.5) - grad[2, 3]
    np.testing.assert_allclose(change, H @ np.full(2, 0.5), atol=1e-12)


def test_least_squares_checks_its_shapes():
    with pytest.raises(ValueError, match="A must have shape"):
        fitting.solve_least_squares(np.ones((3, 2)), np.ones(4))
    with pytest.raises(ValueError, match="theta must have shape"):
        fitting.least_squares_loss(np.ones((3, 2)), np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match="t must be finite"):
        fitting.solve_least_squares(np.ones((3, 2)), [1.0, np.nan, 0.0])
