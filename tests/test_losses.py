import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnmath as nm

SHAPES = hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=5)


def floats(low, high):
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


ANY_VALUE = floats(-10, 10)


@st.composite
def pairs(draw, pred=ANY_VALUE, target=ANY_VALUE, shapes=SHAPES):
    """Predictions and targets of one shared (1-D or 2-D) shape."""
    shape = draw(shapes)
    return draw(hnp.arrays(np.float64, shape, elements=pred)), draw(hnp.arrays(np.float64, shape, elements=target))


@st.composite
def one_hot_batches(draw):
    """Softmax probabilities p (N, k) and one-hot targets y, with the true labels."""
    n, k = draw(st.integers(1, 5)), draw(st.integers(2, 5))
    z = draw(hnp.arrays(np.float64, (n, k), elements=floats(-5, 5)))
    labels = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    return nm.softmax(z), np.eye(k)[labels], labels


# ---- mean squared error ------------------------------------------------------------------------------------------
@given(pairs())
def test_mse_is_mean_of_squared_differences(pair):
    p, y = pair
    diffs = [(a - b) ** 2 for a, b in zip(p.ravel().tolist(), y.ravel().tolist(), strict=True)]
    result = nm.mse(p, y)
    assert isinstance(result, float)
    assert result == pytest.approx(sum(diffs) / len(diffs), rel=1e-12, abs=1e-12)


def test_mse_by_hand():
    # ((1-0)^2 + (2-4)^2 + (3-3)^2) / 3 = 5/3, no factor 1/2
    assert nm.mse([1.0, 2.0, 3.0], [0.0, 4.0, 3.0]) == pytest.approx(5.0 / 3.0)


@given(pairs())
def test_mse_grad_matches_numerical_gradient(pair):
    p, y = pair
    numerical = nm.numerical_gradient(lambda v: nm.mse(v, y), p)
    np.testing.assert_allclose(nm.mse_grad(p, y), numerical, rtol=1e-6, atol=1e-7)


@given(pairs())
def test_mse_grad_is_two_residuals_over_count(pair):
    p, y = pair
    np.testing.assert_allclose(nm.mse_grad(p, y), 2.0 * (p - y) / p.size, rtol=1e-12, atol=1e-15)


# ---- shape checks ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", [nm.mse, nm.mse_grad, nm.cross_entropy, nm.cross_entropy_grad])
@pytest.mark.parametrize(
    ("shape_p", "shape_y"),
    [((3,), (3, 1)), ((3, 1), (3,)), ((1, 3), (3,)), ((2, 3), (3, 2)), ((4,), (3,))],
)
def test_losses_reject_shape_mismatch_instead_of_broadcasting(loss, shape_p, shape_y):
    p, y = np.full(shape_p, 0.5), np.full(shape_y, 0.5)
    with pytest.raises(ValueError) as info:
        loss(p, y)
    assert str(shape_p) in str(info.value)
    assert str(shape_y) in str(info.value)


@pytest.mark.parametrize("loss", [nm.mse, nm.mse_grad, nm.cross_entropy, nm.cross_entropy_grad])
def test_losses_reject_empty_arrays(loss):
    with pytest.raises(ValueError):
        loss(np.zeros(0), np.zeros(0))


@pytest.mark.parametrize("loss", [nm.cross_entropy, nm.cross_entropy_grad])
def test_cross_entropy_rejects_three_dimensional_input(loss):
    with pytest.raises(ValueError, match=r"\(1, 2, 2\)"):
        loss(np.full((1, 2, 2), 0.5), np.full((1, 2, 2), 0.5))


@pytest.mark.parametrize("p", [[-0.1, 1.1], [0.5, 1.5], [[0.2, 0.8], [1.2, -0.2]]])
def test_cross_entropy_rejects_values_outside_unit_interval(p):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        nm.cross_entropy(p, np.zeros_like(np.asarray(p)))


# ---- cross-entropy -----------------------------------------------------------------------------------------------
@given(one_hot_batches())
def test_cross_entropy_with_one_hot_targets_is_mean_negative_log_of_true_class(batch):
    p, y, labels = batch
    expected = -np.mean([math.log(p[n, labels[n]]) for n in range(len(labels))])
    assert nm.cross_entropy(p, y) == pytest.approx(expected, rel=1e-12, abs=1e-14)


@given(one_hot_batches())
def test_cross_entropy_of_one_sample_as_vector_or_batch_of_one(batch):
    p, y, labels = batch
    assert nm.cross_entropy(p[0], y[0]) == pytest.approx(-math.log(p[0, labels[0]]), rel=1e-12, abs=1e-14)
    assert nm.cross_entropy(p[0], y[0]) == pytest.approx(nm.cross_entropy(p[:1], y[:1]), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize(
    ("p", "y"),
    [
        ([0.0, 1.0], [1.0, 0.0]),
        ([0.0, 0.5, 0.5], [1.0, 0.0, 0.0]),
        ([[0.5, 0.5], [1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]]),
    ],
)
def test_cross_entropy_is_infinite_without_warning_when_true_class_has_zero_probability(p, y):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = nm.cross_entropy(p, y)
    assert loss == math.inf


@pytest.mark.parametrize(
    ("p", "y", "expected"),
    [
        # 0 log 0 = 0 (documented): only the true class counts, -log 1 = 0 and -log 0.5 = log 2
        ([0.0, 1.0, 0.0], [0.0, 1.0, 0.0], 0.0),
        ([0.5, 0.0, 0.5], [1.0, 0.0, 0.0], math.log(2.0)),
        ([[0.0, 1.0], [0.5, 0.5]], [[0.0, 1.0], [1.0, 0.0]], math.log(2.0) / 2),
    ],
)
def test_cross_entropy_zero_probability_of_a_wrong_class_counts_as_zero_without_warning(p, y, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = nm.cross_entropy(p, y)
    assert loss == pytest.approx(expected, abs=1e-15)


@st.composite
def distributions(draw):
    """Predicted probabilities p (softmax of moderate scores) and soft targets y, rows of both summing to 1."""
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=2, min_side=2, max_side=5))
    p = nm.softmax(draw(hnp.arrays(np.float64, shape, elements=floats(-2, 2))))
    w = draw(hnp.arrays(np.float64, shape, elements=floats(0.01, 1.0)))
    return p, w / w.sum(axis=-1, keepdims=True)


@given(distributions())
def test_cross_entropy_grad_matches_numerical_gradient(pair):
    p, y = pair
    numerical = nm.numerical_gradient(lambda v: nm.cross_entropy(v, y), p)
    np.testing.assert_allclose(nm.cross_entropy_grad(p, y), numerical, rtol=1e-6, atol=1e-7)


def test_cross_entropy_grad_by_hand():
    # batch of N = 2: dL/dp = -y / (N p)
    p = np.array([[0.25, 0.75], [0.5, 0.5]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(nm.cross_entropy_grad(p, y), [[-2.0, 0.0], [0.0, -1.0]])


@st.composite
def logits_and_targets(draw):
    """Scores z of shape (k,) or (N, k) and one-hot targets of the same shape."""
    k = draw(st.integers(2, 5))
    batch = draw(st.booleans())
    n = draw(st.integers(1, 4)) if batch else 1
    z = draw(hnp.arrays(np.float64, (n, k), elements=floats(-5, 5)))
    labels = draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n))
    y = np.eye(k)[labels]
    return (z, y) if batch else (z[0], y[0])


@given(logits_and_targets())
def test_softmax_cross_entropy_gradient_by_chain_rule_is_softmax_minus_target_over_n(case):
    z, y = case
    n = 1 if z.ndim == 1 else z.shape[0]
    s = nm.softmax(z)
    J = nm.softmax_jacobian(z)  # J[..., i, j] = ds_i / dz_j
    g = nm.cross_entropy_grad(s, y)  # dL/ds
    chain = np.einsum("...ij,...i->...j", J, g)  # dL/dz_j = sum_i dL/ds_i ds_i/dz_j
    np.testing.assert_allclose(chain, (s - y) / n, rtol=1e-9, atol=1e-12)
    numerical = nm.numerical_gradient(lambda v: nm.cross_entropy(nm.softmax(v), y), z)
    np.testing.assert_allclose((s - y) / n, numerical, rtol=1e-6, atol=1e-8)


# ---- binary cross-entropy ------------------------------------------------------------------------------------------


def test_bce_matches_hand_formula():
    p, t = np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])
    expected = -(math.log(0.9) + math.log(0.8) + math.log(0.6)) / 3
    assert nm.binary_cross_entropy(p, t) == pytest.approx(expected, rel=1e-12)


def test_bce_of_confident_wrong_answer_is_infinite_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nm.binary_cross_entropy([0.0], [1.0]) == math.inf
        assert nm.binary_cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
        assert np.all(np.isinf(nm.binary_cross_entropy_grad([0.0], [1.0])))


def test_bce_grad_matches_central_differences():
    p, t = np.array([0.3, 0.7, 0.55]), np.array([1.0, 0.0, 1.0])
    numeric = nm.numerical_gradient(lambda q: nm.binary_cross_entropy(q, t), p)
    np.testing.assert_allclose(nm.binary_cross_entropy_grad(p, t), numeric, rtol=1e-6)


# Beyond |y| ≈ 10 the naive 1 - σ(y) loses digits to rounding: that is why the logit form exists.
@given(st.lists(st.floats(-10, 10), min_size=1, max_size=6), st.data())
def test_bce_with_logits_equals_bce_of_sigmoid(ys, data):
    y = np.array(ys)
    t = np.array(data.draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=len(ys), max_size=len(ys))))
    expected = nm.binary_cross_entropy(nm.sigmoid(y), t)
    assert nm.binary_cross_entropy_with_logits(y, t) == pytest.approx(expected, rel=1e-7)


def test_bce_with_logits_is_finite_for_huge_logits():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = nm.binary_cross_entropy_with_logits([1000.0, -1000.0], [0.0, 1.0])
    assert value == pytest.approx(1000.0)  # log(1 + e^1000) ≈ 1000 for each term


def test_bce_with_logits_grad_is_p_minus_t_over_k():
    y, t = np.array([0.5, -2.0, 3.0, 0.0]), np.array([1.0, 0.0, 0.0, 1.0])
    numeric = nm.numerical_gradient(lambda z: nm.binary_cross_entropy_with_logits(z, t), y)
    np.testing.assert_allclose(nm.binary_cross_entropy_with_logits_grad(y, t), numeric, atol=1e-9)
    np.testing.assert_allclose(nm.binary_cross_entropy_with_logits_grad(y, t), (1 / (1 + np.exp(-y)) - t) / 4)


def test_bce_rejects_mismatched_shapes_and_non_probabilities():
    with pytest.raises(ValueError, match=r"\(2,\).*\(3,\)"):
        nm.binary_cross_entropy([0.5, 0.5], [1.0, 0.0, 1.0])
    with pytest.raises(ValueError, match="probabilities"):
        nm.binary_cross_entropy([1.5], [1.0])


# ---- softmax cross-entropy from the scores ---------------------------------------------------------------------------
@given(logits_and_targets())
def test_softmax_cross_entropy_with_logits_equals_cross_entropy_of_softmax(case):
    z, y = case
    assert nm.softmax_cross_entropy_with_logits(z, y) == pytest.approx(
        nm.cross_entropy(nm.softmax(z), y), rel=1e-12, abs=1e-14
    )


@given(logits_and_targets())
def test_softmax_cross_entropy_with_logits_grad_is_p_minus_t_and_matches_numerical_gradient(case):
    z, y = case
    n = 1 if z.ndim == 1 else z.shape[0]
    grad = nm.softmax_cross_entropy_with_logits_grad(z, y)
    np.testing.assert_allclose(grad, (nm.softmax(z) - y) / n, rtol=1e-12, atol=1e-15)
    numerical = nm.numerical_gradient(lambda v: nm.softmax_cross_entropy_with_logits(v, y), z)
    np.testing.assert_allclose(grad, numerical, rtol=1e-6, atol=1e-8)


def test_softmax_cross_entropy_with_logits_by_hand():
    # z = (0, ln 3): softmax = (1/4, 3/4); true class 1 -> -ln(3/4); true class 0 -> -ln(1/4); mean of the two rows
    z = np.array([[0.0, math.log(3.0)], [0.0, math.log(3.0)]])
    t = np.array([[0.0, 1.0], [1.0, 0.0]])
    expected = (-math.log(0.75) - math.log(0.25)) / 2
    assert nm.softmax_cross_entropy_with_logits(z, t) == pytest.approx(expected, rel=1e-14)
    np.testing.assert_allclose(nm.softmax_cross_entropy_with_logits_grad(z, t), [[0.125, -0.125], [-0.375, 0.375]])


def test_softmax_cross_entropy_with_huge_logits_is_exact_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # softmax rounds p_0 to 0, but ln p_0 = -1000 exactly: the loss is 1000, not inf
        assert nm.softmax_cross_entropy_with_logits([0.0, 1000.0], [1.0, 0.0]) == pytest.approx(1000.0)
        assert nm.softmax_cross_entropy_with_logits([1e300, 0.0], [1.0, 0.0]) == 0.0
        assert nm.softmax_cross_entropy_with_logits([1e300, -1e300], [0.0, 1.0]) == 2e300
        assert nm.softmax_cross_entropy_with_logits([1e308, -1e308], [0.0, 1.0]) == math.inf  # 2e308 > float max
        np.testing.assert_array_equal(nm.softmax_cross_entropy_with_logits_grad([1e300, 0.0], [0.0, 1.0]), [1.0, -1.0])


@pytest.mark.parametrize(
    ("t", "what"),
    [
        ([0.5, 0.6], "sum to 1"),
        ([1.5, -0.5], r"\[0, 1\]"),
        ([math.nan, 1.0], r"\[0, 1\]"),
        ([math.inf, 0.0], r"\[0, 1\]"),
    ],
)
@pytest.mark.parametrize("fn", [nm.softmax_cross_entropy_with_logits, nm.softmax_cross_entropy_with_logits_grad])
def test_softmax_cross_entropy_rejects_targets_that_are_not_distributions(fn, t, what):
    with pytest.raises(ValueError, match=what) as info:
        fn([0.0, 1.0], t)
    assert "t " in str(info.value) or "of t" in str(info.value)


@pytest.mark.parametrize("fn", [nm.softmax_cross_entropy_with_logits, nm.softmax_cross_entropy_with_logits_grad])
def test_softmax_cross_entropy_rejects_mismatched_and_empty_shapes(fn):
    with pytest.raises(ValueError, match=r"\(2, 3\).*\(3, 2\)"):
        fn(np.zeros((2, 3)), np.full((3, 2), 0.5))
    with pytest.raises(ValueError, match=r"\(0, 3\)"):
        fn(np.zeros((0, 3)), np.zeros((0, 3)))
    with pytest.raises(ValueError, match=r"\(1, 1, 2\)"):
        fn(np.zeros((1, 1, 2)), np.full((1, 1, 2), 0.5))
