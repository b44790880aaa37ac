import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from support import finite

import nnmath as nm

SMALL_SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4)
SCORE_SHAPES = hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=5)


def arrays(elements, shapes=SMALL_SHAPES):
    return hnp.arrays(np.float64, shapes, elements=elements)


ANY_FINITE = finite()
AWAY_FROM_ZERO = finite(1e-3, 10) | finite(-10, -1e-3)


def elementwise_numerical_derivative(f, x):
    # For an element-wise f, the gradient of sum(f(x)) is f'(x) element by element.
    return nm.numerical_gradient(lambda v: np.sum(f(v)), x)


# ---- ReLU --------------------------------------------------------------------------------------------------------
@given(arrays(finite(-100, 100)))
def test_relu_is_elementwise_max_with_zero(x):
    expected = np.array([max(0.0, v) for v in x.ravel()]).reshape(x.shape)
    np.testing.assert_array_equal(nm.relu(x), expected)


@given(arrays(finite(-100, 100)))
def test_relu_grad_is_one_for_positive_and_zero_otherwise(x):
    g = nm.relu_grad(x)
    assert g.shape == x.shape
    np.testing.assert_array_equal(g, np.where(x > 0, 1.0, 0.0))


def test_relu_grad_is_zero_at_zero():
    np.testing.assert_array_equal(nm.relu_grad([-1.0, 0.0, 1.0]), [0.0, 0.0, 1.0])


@given(arrays(AWAY_FROM_ZERO))
def test_relu_grad_matches_numerical_gradient_away_from_zero(x):
    np.testing.assert_allclose(nm.relu_grad(x), elementwise_numerical_derivative(nm.relu, x), atol=1e-7)


# ---- sigmoid -----------------------------------------------------------------------------------------------------
@given(arrays(ANY_FINITE))
def test_sigmoid_stays_in_unit_interval_for_every_finite_float(x):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = nm.sigmoid(x)
    assert s.shape == x.shape
    assert np.all((s >= 0.0) & (s <= 1.0))


@given(arrays(finite(-30, 30)))
def test_sigmoid_strictly_inside_unit_interval_for_moderate_inputs(x):
    s = nm.sigmoid(x)
    assert np.all((s > 0.0) & (s < 1.0))


def test_sigmoid_saturates_at_plus_minus_1000_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = nm.sigmoid(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(s, [0.0, 1.0])


@given(arrays(finite(-30, 30)))
def test_sigmoid_matches_textbook_formula(x):
    expected = np.array([1.0 / (1.0 + math.exp(-v)) for v in x.ravel()]).reshape(x.shape)
    np.testing.assert_allclose(nm.sigmoid(x), expected, rtol=1e-13, atol=0)


@given(arrays(finite(-800, 800)))
def test_sigmoid_symmetry(x):
    np.testing.assert_allclose(nm.sigmoid(-x), 1.0 - nm.sigmoid(x), rtol=1e-12, atol=1e-15)


def test_sigmoid_at_zero_is_one_half():
    assert nm.sigmoid(0.0) == 0.5


@given(arrays(finite(-8, 8)))
def test_sigmoid_grad_matches_numerical_gradient(x):
    np.testing.assert_allclose(nm.sigmoid_grad(x), elementwise_numerical_derivative(nm.sigmoid, x), atol=1e-8)


# ---- tanh --------------------------------------------------------------------------------------------------------
@given(arrays(finite(-20, 20)))
def test_tanh_equals_rescaled_sigmoid(x):
    # tanh x = 2 sigma(2x) - 1
    np.testing.assert_allclose(nm.tanh(x), 2.0 * nm.sigmoid(2.0 * x) - 1.0, rtol=1e-12, atol=1e-14)


@given(arrays(finite(-5, 5)))
def test_tanh_grad_matches_numerical_gradient(x):
    np.testing.assert_allclose(nm.tanh_grad(x), elementwise_numerical_derivative(nm.tanh, x), atol=1e-8)


# ---- softmax -----------------------------------------------------------------------------------------------------
@given(arrays(finite(-1000, 1000), SCORE_SHAPES))
def test_softmax_is_a_probability_vector_along_last_axis(x):
    s = nm.softmax(x)
    assert s.shape == x.shape
    assert np.all(s >= 0.0)
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-12)


@given(arrays(finite(-50, 50), SCORE_SHAPES), finite(-100, 100))
def test_softmax_is_shift_invariant(x, c):
    np.testing.assert_allclose(nm.softmax(x + c), nm.softmax(x), rtol=1e-9, atol=1e-12)


@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 5)), elements=finite(-50, 50)),
    finite(-100, 100),
)
def test_softmax_of_a_batch_is_shift_invariant_row_by_row(x, c):
    shifts = c * np.arange(x.shape[0])[:, None]
    np.testing.assert_allclose(nm.softmax(x + shifts), nm.softmax(x), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        ([1000.0, -1000.0], [1.0, 0.0]),
        ([-1000.0, 1000.0], [0.0, 1.0]),
        ([1000.0, 1000.0], [0.5, 0.5]),
        ([-1000.0, -1000.0, -1000.0, -1000.0], [0.25, 0.25, 0.25, 0.25]),
        ([[1000.0, -1000.0], [-1000.0, -1000.0]], [[1.0, 0.0], [0.5, 0.5]]),
    ],
)
def test_softmax_handles_huge_scores_without_warning(x, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = nm.softmax(x)
    np.testing.assert_allclose(s, expected, rtol=1e-15, atol=0)


@given(arrays(finite(-20, 20), SCORE_SHAPES))
def test_softmax_matches_naive_formula_for_small_inputs(x):
    e = np.exp(x)
    np.testing.assert_allclose(nm.softmax(x), e / e.sum(axis=-1, keepdims=True), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("shape", [(0,), (3, 0), (2, 0, 2, 0), ()])
def test_softmax_rejects_empty_or_wrongly_ranked_scores(shape):
    with pytest.raises(ValueError, match=re.escape(str(shape))):
        nm.softmax(np.zeros(shape))


@given(arrays(finite(-20, 20), hnp.array_shapes(min_dims=3, max_dims=4, min_side=1, max_side=4)))
def test_softmax_and_jacobian_act_along_the_last_axis_for_any_number_of_dimensions(x):
    # the numpy/SciPy/PyTorch convention: a stack of score vectors is the same as each vector alone
    rows = x.reshape(-1, x.shape[-1])
    np.testing.assert_array_equal(nm.softmax(x), nm.softmax(rows).reshape(x.shape))
    np.testing.assert_array_equal(nm.softmax_jacobian(x), nm.softmax_jacobian(rows).reshape(*x.shape, x.shape[-1]))


@given(arrays(finite(-10, 10), st.integers(1, 6).map(lambda k: (k,))))
def test_softmax_jacobian_equals_diag_minus_outer(x):
    s = nm.softmax(x)
    np.testing.assert_allclose(nm.softmax_jacobian(x), np.diag(s) - np.outer(s, s), rtol=1e-12, atol=1e-15)


@given(arrays(finite(-5, 5), st.integers(1, 6).map(lambda k: (k,))))
def test_softmax_jacobian_columns_match_central_differences(x):
    J = nm.softmax_jacobian(x)
    k, h = len(x), 1e-5
    for j in range(k):
        e_j = np.eye(k)[j]
        column = (nm.softmax(x + h * e_j) - nm.softmax(x - h * e_j)) / (2 * h)
        np.testing.assert_allclose(J[:, j], column, atol=1e-8)
    # and row i is the gradient of output i, by nnmath's own numerical gradient
    for i in range(k):
        np.testing.assert_allclose(J[i], nm.numerical_gradient(lambda v, i=i: nm.softmax(v)[i], x), atol=1e-8)


@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 5)), elements=finite(-10, 10)))
def test_softmax_jacobian_of_a_batch_stacks_the_single_jacobians(x):
    J = nm.softmax_jacobian(x)
    assert J.shape == (x.shape[0], x.shape[1], x.shape[1])
    for n in range(x.shape[0]):
        np.testing.assert_allclose(J[n], nm.softmax_jacobian(x[n]), rtol=1e-12, atol=1e-15)


# ---- shapes ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("func", [nm.relu, nm.relu_grad, nm.sigmoid, nm.sigmoid_grad, nm.tanh, nm.tanh_grad])
@pytest.mark.parametrize("shape", [(), (3,), (2, 3), (2, 1, 2)])
def test_elementwise_functions_keep_the_shape(func, shape):
    x = np.linspace(-2, 2, int(np.prod(shape))).reshape(shape)
    y = func(x)
    assert y.shape == shape
    assert y.dtype == np.float64
