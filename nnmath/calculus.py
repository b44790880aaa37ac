r"""Numerical derivatives by central differences (数值导数, 中心差分).

The book derives every gradient by hand; these functions check the algebra
numerically. For a small step :math:`h`,

.. math:: f'(x) \approx \frac{f(x + h) - f(x - h)}{2h},

whose error shrinks like :math:`h^2`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, require_finite


def numerical_derivative(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    r"""Derivative of a function of one number (导数) :math:`\dfrac{dy}{dx} \approx \dfrac{f(x+h) - f(x-h)}{2h}`.

    Parameters
    ----------
    f : callable
        A function of one float returning one float.
    x : float
        Where to take the derivative.
    h : float, default 1e-5
        The step; must be positive.

    """
    if not h > 0:
        raise ValueError(f"h must be positive, got {h}")
    return (float(f(x + h)) - float(f(x - h))) / (2.0 * h)


def numerical_gradient(f: Callable[[Array], float], w: ArrayLike, h: float = 1e-5) -> Array:
    r"""Gradient of a scalar function of an array (梯度), by central differences.

    Each partial derivative turns one knob and holds the others
    (“只动其中一个变量”):

    .. math:: \frac{\partial f}{\partial w_i} \approx \frac{f(w + h e_i) - f(w - h e_i)}{2h}

    where :math:`e_i` is 1 at position ``i`` and 0 elsewhere.

    Parameters
    ----------
    f : callable
        Takes an array of the shape of ``w`` and returns a number (for example a loss).
    w : array_like, any shape
        The point; it is not modified.
    h : float, default 1e-5

    Returns
    -------
    ndarray, same shape as ``w``

    """
    if not h > 0:
        raise ValueError(f"h must be positive, got {h}")
    w_arr = as_array("w", w).copy()
    require_finite("w", w_arr)
    grad = np.empty_like(w_arr)
    flat, g = w_arr.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        up = float(f(w_arr))
        flat[i] = old - h
        down = float(f(w_arr))
        flat[i] = old
        g[i] = (up - down) / (2.0 * h)
    return grad
