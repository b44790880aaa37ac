r"""Computations written out the way the book prints them (演算过程).

The book never types a number by hand: these functions turn computed values
into the text and LaTeX that the chapters paste into their prose (with
myst-nb's ``glue``), such as the source's three sums of chapter 1.
"""

from __future__ import annotations

from numpy.typing import ArrayLike

from nnmath._checks import as_array
from nnmath.linear import _check_layer


def number(value: float, digits: int = 6) -> str:
    """A number as the book prints it (数字): at most ``digits`` significant digits, no ``-0``."""
    text = f"{float(value):.{digits}g}"
    return "0" if text == "-0" else text


def vector(values: ArrayLike, digits: int = 6) -> str:
    """A vector as ``[3.6, 6.8, -3.5]`` (向量)."""
    return "[" + ", ".join(number(v, digits) for v in as_array("values", values, ndim=(1,))) + "]"


def _factor(value: float) -> str:
    text = number(value)
    return f"({text})" if text.startswith("-") else text


def row_sum(x: ArrayLike, w: ArrayLike, b: ArrayLike, j: int) -> str:
    r"""The sum for output ``j`` of :math:`y = xw + b`, written out in LaTeX (逐项展开).

    .. math:: y_j = \sum_i x_i w_{ij} + b_j

    first with symbols, then with the numbers, then the products, then the
    result, like the source's worked example: one line each, aligned at the
    equals signs (an ``aligned`` block for a display formula).

    Parameters
    ----------
    x : array_like, shape (n,)
    w : array_like, shape (n, m)
    b : array_like, shape (m,)
    j : int
        Which output, counting from 0.
    """
    x_arr = as_array("x", x, ndim=(1,))
    w_arr = as_array("w", w, ndim=(2,))
    b_arr = as_array("b", b, ndim=(1,))
    _check_layer(x_arr, w_arr, b_arr, "w", n_axis=0)
    if not 0 <= j < w_arr.shape[1]:
        raise ValueError(f"j must be in [0, {w_arr.shape[1]}) for w of shape {w_arr.shape}, got {j}")
    n = len(x_arr)
    symbols = " + ".join(f"x_{{{i}}} w_{{{i}{j}}}" for i in range(n)) + f" + b_{{{j}}}"
    numbers = " + ".join(rf"({number(x_arr[i])} \times {_factor(w_arr[i, j])})" for i in range(n))
    products = " + ".join(_factor(x_arr[i] * w_arr[i, j]) for i in range(n))
    total = x_arr @ w_arr[:, j] + b_arr[j]
    bias = _factor(b_arr[j])
    lines = [f"y_{{{j}}} &= {symbols}", f"&= {numbers} + {bias}", f"&= {products} + {bias}", f"&= {number(total)}"]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"
