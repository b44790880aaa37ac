r"""Numerical derivatives by central differences (数值导数, 中心差分).

The book derives every gradient by hand; these functions check the algebra
numerically. For a small step :math:`h`,

.. math:: f'(x) \approx \frac{f(x + h) - f(x - h)}{2h},

whose error shrinks like :math:`h^2`. The step is taken relative to the size
of :math:`x` (:math:`h \max(1, |x|)`), so that it is never lost in rounding.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_real, require_finite


def relative_step(x: float, h: float, name: str = "x") -> float:
    r"""The step of a central difference (差分步长) :math:`s = h \max(1, |x|)`, checked against rounding.

    Raises
    ------
    ValueError
        If :math:`x \pm s` rounds back to :math:`x` (``h`` too small for the size of ``x``).
    """
    step = h * max(1.0, abs(x))
    if not (np.isfinite(step) and x + step != x and x - step != x):
        raise ValueError(f"h = {h} is lost in rounding at {name} = {x}: x + h·max(1, |x|) == x; choose a larger h")
    return step


def _value(f: Callable[..., object], point: object) -> float:
    try:
        value = as_array("f(x)", f(point), ndim=(0,))
    except ValueError as exc:
        raise ValueError(f"f must return one real number, got {exc}") from exc
    return float(value)


def numerical_derivative(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    r"""Derivative of a function of one number (导数) :math:`\dfrac{dy}{dx} \approx \dfrac{f(x+s) - f(x-s)}{2s}`.

    The step is relative, :math:`s = h \max(1, |x|)`: for :math:`|x| \le 1` it is
    :math:`h` itself, and for large :math:`x` it grows with it so that
    :math:`x \pm s` still differ from :math:`x` (at :math:`x = 10^{12}` an
    absolute step of :math:`10^{-5}` would vanish in rounding and give 0).

    Parameters
    ----------
    f : callable
        A function of one float returning one real number.
    x : float
        Where to take the derivative (finite).
    h : float, default 1e-5
        The relative step; must be positive and finite.

    Raises
    ------
    ValueError
        If ``x`` or ``h`` is not a finite real number, ``h`` is not positive or
        so small that :math:`x \pm s = x` in floating point, or ``f`` does not
        return one real number.

    """
    h = as_real("h", h, positive=True)
    x = as_real("x", x)
    step = relative_step(x, h)
    return (_value(f, x + step) - _value(f, x - step)) / (2.0 * step)


def numerical_gradient(f: Callable[[Array], float], w: ArrayLike, h: float = 1e-5) -> Array:
    r"""Gradient of a scalar function of an array (梯度), by central differences.

    Each partial derivative turns one knob and holds the others
    (“只动其中一个变量”):

    .. math:: \frac{\partial f}{\partial w_i} \approx \frac{f(w + s_i e_i) - f(w - s_i e_i)}{2 s_i},
              \qquad s_i = h \max(1, |w_i|),

    where :math:`e_i` is 1 at position ``i`` and 0 elsewhere (the step is
    relative, as in :func:`numerical_derivative`).

    Parameters
    ----------
    f : callable
        Takes an array of the shape of ``w`` and returns a number (for example a loss).
    w : array_like, any shape
        The point (finite); it is not modified.
    h : float, default 1e-5
        The relative step; must be positive and finite.

    Returns
    -------
    ndarray, same shape as ``w``

    Raises
    ------
    ValueError
        As :func:`numerical_derivative`, for ``w`` and every entry of it.

    """
    h = as_real("h", h, positive=True)
    w_arr = as_array("w", w).copy()
    require_finite("w", w_arr)
    grad = np.empty_like(w_arr)
    flat, g = w_arr.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = float(flat[i])
        step = relative_step(old, h, f"w[{i}]")
        flat[i] = old + step
        up = _value(f, w_arr)
        flat[i] = old - step
        down = _value(f, w_arr)
        flat[i] = old
        g[i] = (up - down) / (2.0 * step)
    return grad
