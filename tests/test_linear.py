import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnmath as nm


def arrays(shape):
    return hnp.arrays(np.float64, shape, elements=st.floats(-3, 3, allow_nan=False, allow_infinity=False))


@st.composite
def layers(draw, batch: bool):
    """(x, W, b) with W of shape (m, n); x of shape (n,) or, for a batch, (N, n)."""
    n, m = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    x_shape = (draw(st.integers(1, 5)), n) if batch else (n,)
    return draw(arrays(x_shape)), draw(arrays((m, n))), draw(arrays((m,)))


# The source's worked example, row-vector convention y = x w + b with w of shape (2, 3):
#   y_0 = 2*1   + 3*0.5    + 0.1  = 3.6
#   y_1 = 2*0.5 + 3*2      - 0.2  = 6.8
#   y_2 = 2*(-1) + 3*(-0.5) + 0   = -3.5
EXAMPLE_X = np.array([2.0, 3.0])
EXAMPLE_W = np.array([[1.0, 0.5, -1.0], [0.5, 2.0, -0.5]])
EXAMPLE_B = np.array([0.1, -0.2, 0.0])
EXAMPLE_Y = np.array([3.6, 6.8, -3.5])


def test_worked_example_row_convention():
    np.testing.assert_allclose(nm.linear_row(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B), EXAMPLE_Y, rtol=1e-12)


def test_worked_example_column_convention_with_transposed_weights():
    np.testing.assert_allclose(nm.linear(EXAMPLE_X, EXAMPLE_W.T, EXAMPLE_B), EXAMPLE_Y, rtol=1e-12)


def test_linear_accepts_nested_lists():
    y = nm.linear(EXAMPLE_X.tolist(), EXAMPLE_W.T.tolist(), EXAMPLE_B.tolist())
    assert isinstance(y, np.ndarray)
    assert y.dtype == np.float64
    np.testing.assert_allclose(y, EXAMPLE_Y, rtol=1e-12)


@given(layers(batch=False))
def test_linear_matches_explicit_sum(layer):
    x, W, b = layer
    m, n = W.shape
    expected = [sum(W[i, j] * x[j] for j in range(n)) + b[i] for i in range(m)]
    np.testing.assert_allclose(nm.linear(x, W, b), expected, rtol=1e-12, atol=1e-12)


@given(st.booleans().flatmap(lambda batch: layers(batch=batch)))
def test_linear_equals_linear_row_with_transpose(layer):
    x, W, b = layer
    np.testing.assert_allclose(nm.linear(x, W, b), nm.linear_row(x, W.T, b), rtol=1e-12, atol=1e-12)


@given(layers(batch=True))
def test_batch_rows_equal_single_vector_calls(layer):
    X, W, b = layer
    Y = nm.linear(X, W, b)
    assert Y.shape == (X.shape[0], W.shape[0])
    for k in range(X.shape[0]):
        np.testing.assert_allclose(Y[k], nm.linear(X[k], W, b), rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(nm.linear_row(X, W.T, b)[k], nm.linear_row(X[k], W.T, b), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    ("func", "x_shape", "w_shape", "b_shape", "shown"),
    [
        (nm.linear, (3,), (3, 2), (3,), ["(3, 2)", "(3,)"]),  # W expects 2 inputs, x has 3
        (nm.linear, (4, 3), (3, 2), (3,), ["(3, 2)", "(4, 3)"]),  # the same for a batch
        (nm.linear, (2,), (3, 2), (2,), ["(3, 2)", "(2,)"]),  # b has 2 entries for 3 neurons
        (nm.linear_row, (3,), (2, 3), (3,), ["(2, 3)", "(3,)"]),  # w expects 2 inputs
        (nm.linear_row, (2,), (2, 3), (2,), ["(2, 3)", "(2,)"]),  # b has 2 entries for 3 neurons
        (nm.linear, (2,), (6,), (3,), ["(6,)"]),  # W is not a matrix
        (nm.linear, (1, 1, 2), (3, 2), (3,), ["(1, 1, 2)"]),  # x has too many axes
        (nm.linear, (2,), (3, 2), (3, 1), ["(3, 1)"]),  # b is not a vector
    ],
)
def test_shape_errors_name_the_shapes(func, x_shape, w_shape, b_shape, shown):
    with pytest.raises(ValueError) as info:
        func(np.ones(x_shape), np.ones(w_shape), np.ones(b_shape))
    for text in shown:
        assert text in str(info.value)


def test_non_numeric_input_is_a_value_error():
    with pytest.raises(ValueError, match="x"):
        nm.linear(["a", "b"], np.ones((3, 2)), np.ones(3))


@pytest.mark.parametrize(
    ("x_shape", "w_shape", "dy_shape", "shown"),
    [
        ((3,), (2, 4), (2,), "(2, 4)"),  # x does not fit W
        ((5, 4), (2, 4), (5, 3), "(5, 3)"),  # dy has 3 outputs for 2 neurons
        ((5, 4), (2, 4), (4, 2), "(4, 2)"),  # dy has another batch size
        ((4,), (2, 4), (1, 2), "(1, 2)"),  # dy is a batch for a single x
    ],
)
def test_linear_backward_shape_errors_name_the_shapes(x_shape, w_shape, dy_shape, shown):
    with pytest.raises(ValueError, match=r"\(") as info:
        nm.linear_backward(np.ones(x_shape), np.ones(w_shape), np.ones(dy_shape))
    assert shown in str(info.value)


@st.composite
def backward_cases(draw, batch: bool):
    x, W, b = draw(layers(batch=batch))
    dy_seed = draw(arrays((*x.shape[:-1], W.shape[0])))
    return x, W, b, dy_seed


def check_backward_against_numerical_gradient(x, W, b, dy_seed):
    # L = sum(dy_seed * y) has dL/dy = dy_seed, so linear_backward(x, W, dy_seed) must be the gradient of L.
    dx, dW, db = nm.linear_backward(x, W, dy_seed)
    assert dx.shape == x.shape
    assert dW.shape == W.shape
    assert db.shape == b.shape
    num_dx = nm.numerical_gradient(lambda v: np.sum(dy_seed * nm.linear(v, W, b)), x)
    num_dW = nm.numerical_gradient(lambda v: np.sum(dy_seed * nm.linear(x, v, b)), W)
    num_db = nm.numerical_gradient(lambda v: np.sum(dy_seed * nm.linear(x, W, v)), b)
    np.testing.assert_allclose(dx, num_dx, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(dW, num_dW, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(db, num_db, rtol=1e-6, atol=1e-6)


@given(backward_cases(batch=False))
def test_linear_backward_matches_numerical_gradient_for_one_vector(case):
    check_backward_against_numerical_gradient(*case)


@given(backward_cases(batch=True))
def test_linear_backward_matches_numerical_gradient_for_a_batch(case):
    check_backward_against_numerical_gradient(*case)


@given(backward_cases(batch=True))
def test_linear_backward_batch_sums_parameter_gradients_over_rows(case):
    X, W, _, dY = case
    dX, dW, db = nm.linear_backward(X, W, dY)
    rows = [nm.linear_backward(X[k], W, dY[k]) for k in range(X.shape[0])]
    np.testing.assert_allclose(dX, np.stack([r[0] for r in rows]), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dW, sum(np.outer(dY[k], X[k]) for k in range(X.shape[0])), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(db, dY.sum(axis=0), rtol=1e-12, atol=1e-12)
