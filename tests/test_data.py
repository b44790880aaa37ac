import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnmath import data

COEF = st.floats(-5, 5)


def test_xor_table():
    X, y = data.xor()
    assert X.shape == (4, 2)
    assert y.shape == (4,)
    assert {tuple(row) for row in X.tolist()} == {(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)}
    for (a, b), label in zip(X.astype(int).tolist(), y.tolist(), strict=True):
        assert label == a ^ b


@given(st.integers(2, 50), COEF, COEF, st.floats(-10, 0), st.floats(0.1, 10))
def test_line_points_lie_on_the_line_without_noise(n, w, b, low, width):
    x, y = data.line_points(n=n, w=w, b=b, noise=0.0, low=low, high=low + width)
    assert x.shape == y.shape == (n,)
    assert x[0] == low
    assert x[-1] == pytest.approx(low + width)
    np.testing.assert_allclose(np.diff(x), width / (n - 1), rtol=1e-9)
    np.testing.assert_allclose(y, [w * v + b for v in x], rtol=1e-12, atol=1e-12)


@given(st.integers(2, 50), COEF, COEF, COEF)
def test_parabola_points_lie_on_the_parabola_without_noise(n, a, b, c):
    x, y = data.parabola_points(n=n, a=a, b=b, c=c)
    assert x.shape == y.shape == (n,)
    np.testing.assert_allclose(y, [a * v * v + b * v + c for v in x], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("make", [data.line_points, data.parabola_points])
def test_noisy_points_are_deterministic_for_a_seed(make):
    x1, y1 = make(n=30, noise=0.5, seed=3)
    x2, y2 = make(n=30, noise=0.5, seed=3)
    _, y3 = make(n=30, noise=0.5, seed=4)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(y1, y3)


@pytest.mark.parametrize("make", [data.line_points, data.parabola_points])
def test_noise_is_added_with_the_given_scale(make):
    # the same seed draws the same standard normals, scaled by the noise level
    _, clean = make(n=200, noise=0.0, seed=5)
    _, one = make(n=200, noise=1.0, seed=5)
    _, three = make(n=200, noise=3.0, seed=5)
    np.testing.assert_allclose(three - clean, 3.0 * (one - clean), rtol=1e-9, atol=1e-12)
    assert 0.7 < np.std(one - clean) < 1.3
    assert abs(np.mean(one - clean)) < 0.3


@pytest.mark.parametrize("make", [data.line_points, data.parabola_points])
@pytest.mark.parametrize("n", [1, 0, -3])
def test_too_few_points_raise(make, n):
    with pytest.raises(ValueError, match="n"):
        make(n=n)


@pytest.mark.parametrize("make", [data.line_points, data.parabola_points])
def test_negative_noise_raises(make):
    with pytest.raises(ValueError, match="noise"):
        make(noise=-0.1)


@pytest.mark.parametrize("make", [data.line_points, data.parabola_points])
@pytest.mark.parametrize(("low", "high"), [(1.0, 1.0), (2.0, -2.0)])
def test_empty_interval_raises(make, low, high):
    with pytest.raises(ValueError, match="low"):
        make(low=low, high=high)
