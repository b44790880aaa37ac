import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from support import finite

import nnmath as nm

SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4)


@given(finite(-10, 10))
def test_numerical_derivative_of_sin_is_cos(x):
    # the step is 1e-5·max(1, |x|) <= 1e-4: truncation error s^2 |cos| / 6 <= 1.7e-9
    assert nm.numerical_derivative(math.sin, x) == pytest.approx(math.cos(x), abs=2e-9)


@given(finite(-10, 10))
def test_numerical_derivative_of_cube_is_three_x_squared(x):
    # error of the central difference: h^2 f'''/6 = h^2 = 1e-10, plus rounding of x^3 / h
    assert nm.numerical_derivative(lambda t: t**3, x) == pytest.approx(3 * x**2, rel=1e-6, abs=1e-6)


@given(finite(-5, 5), finite(1e-4, 1e-2))
def test_numerical_derivative_is_exact_for_quadratics_at_any_step(x, h):
    # (f(x+h) - f(x-h)) / 2h = f'(x) exactly for f(x) = 3x^2 - 2x + 7, whatever h is
    f = lambda t: 3 * t**2 - 2 * t + 7  # noqa: E731
    assert nm.numerical_derivative(f, x, h=h) == pytest.approx(6 * x - 2, abs=1e-8)


@given(hnp.arrays(np.float64, SHAPES, elements=finite(-5, 5)), st.data())
def test_numerical_gradient_of_quadratic_plus_linear(w, data):
    # f(w) = |w|^2 / 2 + c.w has gradient w + c
    c = data.draw(hnp.arrays(np.float64, w.shape, elements=finite(-5, 5)))
    grad = nm.numerical_gradient(lambda v: 0.5 * np.sum(v**2) + np.sum(c * v), w)
    assert grad.shape == w.shape
    np.testing.assert_allclose(grad, w + c, rtol=1e-7, atol=1e-7)


@given(hnp.arrays(np.float64, st.integers(1, 6).map(lambda n: (n,)), elements=finite(-2, 2)), st.data())
def test_numerical_gradient_of_coupled_function(w, data):
    # f(w) = (a.w)^2 couples every coordinate: gradient 2 (a.w) a
    a = data.draw(hnp.arrays(np.float64, w.shape, elements=finite(-2, 2)))
    grad = nm.numerical_gradient(lambda v: float(a @ v) ** 2, w)
    np.testing.assert_allclose(grad, 2 * (a @ w) * a, rtol=1e-6, atol=1e-7)


@given(hnp.arrays(np.float64, SHAPES, elements=finite(-5, 5)))
def test_numerical_gradient_does_not_modify_its_input(w):
    before = w.copy()
    seen_shapes = set()

    def f(v):
        seen_shapes.add(v.shape)
        return float(np.sum(np.sin(v)))

    nm.numerical_gradient(f, w)
    np.testing.assert_array_equal(w, before)
    assert seen_shapes == {w.shape}


def test_numerical_gradient_accepts_lists():
    np.testing.assert_allclose(nm.numerical_gradient(lambda v: v[0] * v[1], [2.0, 3.0]), [3.0, 2.0], atol=1e-9)


@pytest.mark.parametrize("h", [0.0, -1e-5, math.nan])
def test_numerical_derivative_rejects_non_positive_step(h):
    with pytest.raises(ValueError, match="h"):
        nm.numerical_derivative(math.sin, 1.0, h=h)


@pytest.mark.parametrize("h", [0.0, -1e-5, math.nan])
def test_numerical_gradient_rejects_non_positive_step(h):
    with pytest.raises(ValueError, match="h"):
        nm.numerical_gradient(lambda v: float(np.sum(v)), np.ones(3), h=h)


@pytest.mark.parametrize("w", [[1.0, math.nan], [math.inf, 0.0]])
def test_numerical_gradient_rejects_non_finite_point(w):
    with pytest.raises(ValueError, match="finite"):
        nm.numerical_gradient(lambda v: float(np.sum(v)), w)
