import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnmath import writeout

X = [2.0, 3.0]
W_ROW = [[1.0, 0.5, -1.0], [0.5, 2.0, -0.5]]
B = [0.1, -0.2, 0.0]


def test_number_drops_trailing_zeros_and_negative_zero():
    assert writeout.number(3.6000000000000001) == "3.6"
    assert writeout.number(-0.0) == "0"
    assert writeout.number(2.0) == "2"
    assert writeout.number(1 / 3, digits=3) == "0.333"


def test_vector_lists_every_entry():
    assert writeout.vector([3.6, 6.8, -3.5]) == "[3.6, 6.8, -3.5]"
    with pytest.raises(ValueError, match="1-D"):
        writeout.vector([[1.0]])


@pytest.mark.parametrize(("j", "expected"), [(0, "3.6"), (1, "6.8"), (2, "-3.5")])
def test_row_sum_reproduces_the_source_worked_example(j, expected):
    latex = writeout.row_sum(X, W_ROW, B, j)
    assert latex.startswith(r"\begin{aligned}y_{" + str(j) + "}")
    assert latex.endswith(f"&= {expected}" + r"\end{aligned}")
    # every product of the source's sums appears, negatives in parentheses
    for i, x_i in enumerate(X):
        factor = writeout.number(W_ROW[i][j])
        factor = f"({factor})" if factor.startswith("-") else factor
        assert rf"({writeout.number(x_i)} \times {factor})" in latex


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(-9, 9), min_size=1, max_size=4),
    st.integers(1, 4),
    st.integers(0, 3),
)
def test_row_sum_last_line_is_the_linear_row_value(xs, m, j):
    j = j % m
    rng = np.random.default_rng(len(xs) * 10 + m)
    w = rng.integers(-5, 6, size=(len(xs), m)).astype(float)
    b = rng.integers(-5, 6, size=m).astype(float)
    latex = writeout.row_sum(xs, w, b, j)
    last = re.search(r"&= ([^&]+)\\end\{aligned\}$", latex).group(1)
    assert float(last) == pytest.approx(float(np.dot(xs, w[:, j]) + b[j]))


def test_row_sum_rejects_bad_shapes_and_index():
    with pytest.raises(ValueError, match=r"\(2, 3\)"):
        writeout.row_sum([1.0, 2.0, 3.0], W_ROW, B, 0)
    with pytest.raises(ValueError, match="j must be in"):
        writeout.row_sum(X, W_ROW, B, 3)
