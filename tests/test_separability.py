import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnmath import data
from nnmath import separability as sp


@given(
    w=st.tuples(st.floats(-3, 3), st.floats(-3, 3)).filter(lambda v: np.hypot(*v) > 0.3),
    b=st.floats(-1, 1),
    seed=st.integers(0, 10_000),
)
def test_perceptron_separates_separable_data(w, b, seed):
    # Label random points by a known line, dropping those within 0.1 of it (margin > 0).
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, size=(40, 2))
    s = X @ np.array(w) + b
    keep = np.abs(s) / np.hypot(*w) > 0.1
    X, t = X[keep], (s[keep] > 0).astype(float)
    if t.min() == t.max():
        return
    result = sp.perceptron(X, t, max_epochs=10_000)
    assert result.separated
    # Checked independently of the algorithm's own flag: every point strictly on its side.
    signs = X @ result.w + result.b
    assert np.all(signs[t == 1] > 0) and np.all(signs[t == 0] < 0)
    assert sp.separates(X, t, result.w, result.b)
    assert result.mistakes[-1] == 0
    # Novikoff: updates <= (R/γ)², with R over augmented points (x, 1) and γ the margin of the true (w, b).
    R = np.max(np.linalg.norm(np.column_stack([X, np.ones(len(X))]), axis=1))
    gamma = np.min(np.where(t == 1, 1, -1) * (X @ np.array(w) + b)) / np.linalg.norm([*w, b])
    assert result.updates <= (R / gamma) ** 2 + 1e-9


def test_and_gate_is_separable_and_xor_is_not():
    X, _ = data.xor()
    and_result = sp.perceptron(X, [0, 0, 0, 1])
    assert and_result.separated and sp.separates(X, [0, 0, 0, 1], and_result.w, and_result.b)
    X, t = data.xor()
    result = sp.perceptron(X, t, max_epochs=200)
    assert not result.separated
    assert result.epochs == 200 and np.all(result.mistakes > 0)
    mean0, mean1, coincide = sp.shared_average(X, t)
    np.testing.assert_allclose(mean0, [0.5, 0.5])
    np.testing.assert_allclose(mean1, [0.5, 0.5])
    assert coincide


@given(w0=st.floats(-5, 5), w1=st.floats(-5, 5), b=st.floats(-5, 5))
def test_no_line_separates_xor(w0, w1, b):
    X, t = data.xor()
    assert not sp.separates(X, t, [w0, w1], b)


def test_xor_lifted_to_3d_is_separable_by_a_plane():
    X, t = data.xor()
    X3 = np.column_stack([X, X[:, 0] * X[:, 1]])
    result = sp.perceptron(X3, t)
    assert result.separated and sp.separates(X3, t, result.w, result.b)


def test_side_by_hand():
    X = np.array([[0.0, 0.0], [2.0, 2.0]])
    # Line x0 + x1 - 2 = 0: the points lie on either side of it.
    np.testing.assert_allclose(sp.side(X, [1, 1], -2), [-2, 2])
    assert not sp.separates(X, [0, 1], [1, 1], -4)  # (2, 2) lies on the line: not strictly separated


def test_errors():
    X, _ = data.xor()
    with pytest.raises(ValueError, match="both classes"):
        sp.perceptron(X, [1, 1, 1, 1])
    with pytest.raises(ValueError, match="0 or 1"):
        sp.perceptron(X, [0, 2, 1, 0])
    with pytest.raises(ValueError, match="shape"):
        sp.perceptron(X, [0, 1])
    with pytest.raises(ValueError, match="shape"):
        sp.side(X, [1, 2, 3], 0)
