import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnmath as nm
from nnmath import shapes

SIZE = st.integers(1, 7)


@given(n=SIZE, m=SIZE, N=SIZE)
def test_layer_shapes_match_what_linear_computes(n, m, N):
    s = shapes.layer_shapes(n, m, batch=N)
    assert (s.x, s.W, s.b, s.y) == ((N, n), (m, n), (m,), (N, m))
    y = nm.linear(np.ones(s.x), np.ones(s.W), np.ones(s.b))
    assert y.shape == s.y
    one = shapes.layer_shapes(n, m)
    assert (one.x, one.y) == ((n,), (m,))
    assert nm.linear(np.ones(one.x), np.ones(one.W), np.ones(one.b)).shape == one.y
    assert s.multiplications == N * m * n


def test_parameter_counts_by_hand():
    assert shapes.count_parameters([2, 3]) == 3 * 2 + 3  # the source's 3×2 layer: 6 weights, 3 biases
    # 784 → 128 → 10: 784·128 + 128 + 128·10 + 10
    assert shapes.count_parameters([784, 128, 10]) == 100352 + 128 + 1280 + 10
    assert shapes.count_parameters([2, 2, 1]) == 9  # the XOR network: (4 + 2) + (2 + 1)
    assert shapes.layer_shapes(2, 3).parameters == 9
    assert shapes.network_shapes([4, 5, 3]) == [((5, 4), (5,)), ((3, 5), (3,))]


@given(sizes=st.lists(SIZE, min_size=2, max_size=6))
def test_parameter_count_equals_arrays_built(sizes):
    arrays = [np.zeros(shape) for layer in shapes.network_shapes(sizes) for shape in layer]
    assert shapes.count_parameters(sizes) == sum(a.size for a in arrays)


def test_check_shapes_reports_linear_errors():
    ok = shapes.check_shapes((4, 2), (3, 2), (3,))
    assert ok.ok and ok.y == (4, 3) and ok.error == "" and ok.explanation == ""
    bad_x = shapes.check_shapes((4, 3), (3, 2), (3,))
    assert not bad_x.ok and bad_x.y is None
    with pytest.raises(ValueError) as exc:
        nm.linear(np.zeros((4, 3)), np.zeros((3, 2)), np.zeros(3))
    assert bad_x.error == str(exc.value)
    assert "(4, 3)" in bad_x.error and "(3, 2)" in bad_x.error
    assert "列数 2" in bad_x.explanation
    bad_b = shapes.check_shapes((2,), (3, 2), (2,))
    assert not bad_b.ok and "b must have shape (3,)" in bad_b.error and "(3,)" in bad_b.explanation
    bad_w = shapes.check_shapes((2,), (6,), (3,))
    assert not bad_w.ok and "矩阵" in bad_w.explanation


def test_errors():
    with pytest.raises(ValueError, match="n must be"):
        shapes.layer_shapes(0, 3)
    with pytest.raises(ValueError, match="two sizes"):
        shapes.count_parameters([5])
    with pytest.raises(ValueError, match="sizes"):
        shapes.count_parameters([2, 0])
    with pytest.raises(ValueError, match="shape"):
        shapes.check_shapes((2, 0), (3, 2), (3,))
