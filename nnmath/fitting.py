r"""Closed-form least squares (最小二乘拟合, 第 0 章).

Chapter 0 asks which curve fits a set of points :math:`(x_k, y_k)`. A
polynomial :math:`\hat y = \theta_0 x^d + \dots + \theta_{d-1} x + \theta_d`
is *linear in its coefficients*, so its best coefficients, the ones with
the smallest mean squared error

.. math:: L(\theta) = \frac{1}{N} \sum_{k=0}^{N-1} (\hat y_k - y_k)^2 = \frac{1}{N} \lVert A\theta - y \rVert^2,

solve the normal equations (正规方程) :math:`A^\top A\, \theta = A^\top y`,
where row ``k`` of the design matrix :math:`A` is :math:`(x_k^d, \dots, x_k, 1)`.
Coefficients run from the highest power down, as in :func:`numpy.polyfit`:
a line is ``(w, b)`` for :math:`y = wx + b` and a quadratic is ``(a, b, c)``
for :math:`y = ax^2 + bx + c`.

:func:`loss_floor` is the lowest loss a model can reach on the data: zero
when the model can pass through every point, and above zero when it cannot,
as a line on the points of a parabola.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_count, require_finite
from nnmath.descent import critical_learning_rate


def _points(x: ArrayLike, y: ArrayLike) -> tuple[Array, Array]:
    x_arr = as_array("x", x, ndim=(1,))
    y_arr = as_array("y", y, ndim=(1,))
    if x_arr.shape != y_arr.shape:
        raise ValueError(f"x and y must have the same shape, got {x_arr.shape} and {y_arr.shape}")
    if x_arr.size == 0:
        raise ValueError("need at least one data point, got shape (0,)")
    require_finite("x", x_arr)
    require_finite("y", y_arr)
    return x_arr, y_arr


def design_matrix(x: ArrayLike, degree: int) -> Array:
    r"""Design matrix of a polynomial (设计矩阵) :math:`A_{k\cdot} = (x_k^d, \dots, x_k, 1)`.

    Parameters
    ----------
    x : array_like, shape (N,)
        The inputs.
    degree : int
        The degree :math:`d \ge 0` of the polynomial.

    Returns
    -------
    ndarray, shape (N, d + 1)
        Column ``p`` holds :math:`x^{d-p}`, so :math:`\hat y = A\theta`.

    """
    x_arr = as_array("x", x, ndim=(1,))
    d = as_count("degree", degree)
    return np.column_stack([x_arr ** (d - p) for p in range(d + 1)])


def polynomial(x: ArrayLike, coeffs: ArrayLike) -> Array:
    r"""Polynomial (多项式) :math:`\hat y = \theta_0 x^d + \theta_1 x^{d-1} + \dots + \theta_d`, highest power first.

    Parameters
    ----------
    x : array_like, shape (N,)
    coeffs : array_like, shape (d + 1,)
        For example ``(w, b)`` for a line, ``(a, b, c)`` for a quadratic.

    Returns
    -------
    ndarray, shape (N,)

    """
    theta = as_array("coeffs", coeffs, ndim=(1,))
    if theta.size == 0:
        raise ValueError("a polynomial needs at least one coefficient, got shape (0,)")
    return design_matrix(x, theta.size - 1) @ theta


def fit_polynomial(x: ArrayLike, y: ArrayLike, degree: int) -> Array:
    r"""Least-squares polynomial (最小二乘多项式) from the normal equations :math:`A^\top A\,\theta = A^\top y`.

    Parameters
    ----------
    x, y : array_like, shape (N,)
        The data points.
    degree : int
        The degree :math:`d`; needs at least :math:`d + 1` distinct ``x``.

    Returns
    -------
    ndarray, shape (d + 1,)
        The coefficients :math:`\theta`, highest power first (as :func:`numpy.polyfit`).

    Raises
    ------
    ValueError
        If the shapes differ or there are too few distinct ``x`` for the degree
        (then :math:`A^\top A` is singular and the fit is not unique).

    """
    x_arr, y_arr = _points(x, y)
    d = as_count("degree", degree)
    distinct = np.unique(x_arr).size
    if distinct < d + 1:
        raise ValueError(f"a degree-{d} fit needs at least {d + 1} distinct x values, got {distinct}")
    A = design_matrix(x_arr, d)
    return np.linalg.solve(A.T @ A, A.T @ y_arr)


def fit_line(x: ArrayLike, y: ArrayLike) -> Array:
    r"""Best line (最佳直线) :math:`y = wx + b` by least squares; returns ``(w, b)``.

    With means :math:`\bar x, \bar y` the normal equations give

    .. math:: w = \frac{\sum_k (x_k - \bar x)(y_k - \bar y)}{\sum_k (x_k - \bar x)^2}, \qquad b = \bar y - w \bar x.
    """
    return fit_polynomial(x, y, 1)


def fit_quadratic(x: ArrayLike, y: ArrayLike) -> Array:
    r"""Best quadratic (最佳二次函数) :math:`y = ax^2 + bx + c` by least squares; returns ``(a, b, c)``."""
    return fit_polynomial(x, y, 2)


def fit_loss(x: ArrayLike, y: ArrayLike, coeffs: ArrayLike) -> float:
    r"""Mean squared error of a polynomial on data (拟合损失) :math:`L = \frac1N \sum_k (\hat y_k - y_k)^2`."""
    x_arr, y_arr = _points(x, y)
    return float(np.mean((polynomial(x_arr, coeffs) - y_arr) ** 2))


def loss_floor(x: ArrayLike, y: ArrayLike, degree: int) -> float:
    r"""The lowest loss a polynomial of this degree can reach (损失下限) :math:`\min_\theta L(\theta)`.

    Zero (up to rounding) exactly when some polynomial of degree ``degree``
    passes through every point; for a line on a parabola's points it is the
    part of the data a line cannot explain.
    """
    x_arr, y_arr = _points(x, y)
    return fit_loss(x_arr, y_arr, fit_polynomial(x_arr, y_arr, degree))


def fit_gradient(x: ArrayLike, y: ArrayLike, degree: int) -> tuple[Callable[[Array], float], Callable[[Array], Array]]:
    r"""The loss of a polynomial fit and its gradient (拟合损失及其梯度), for :func:`nnmath.gradient_descent`.

    .. math:: L(\theta) = \frac1N \lVert A\theta - y \rVert^2, \qquad \nabla L(\theta) = \frac2N A^\top (A\theta - y)

    Returns
    -------
    loss, grad : callables
        Both take :math:`\theta` of shape ``(degree + 1,)``.

    """
    x_arr, y_arr = _points(x, y)
    A = design_matrix(x_arr, degree)
    n = y_arr.size

    def check(theta: Array) -> Array:
        t = as_array("theta", theta, ndim=(1,))
        if t.shape != (A.shape[1],):
            raise ValueError(f"theta must have shape ({A.shape[1]},) for degree {degree}, got {t.shape}")
        return t

    def loss(theta: Array) -> float:
        with np.errstate(all="ignore"):
            return float(np.sum((A @ check(theta) - y_arr) ** 2) / n)

    def grad(theta: Array) -> Array:
        with np.errstate(all="ignore"):
            return 2.0 * A.T @ (A @ check(theta) - y_arr) / n

    return loss, grad


def max_stable_lr(x: ArrayLike, degree: int) -> float:
    r"""Largest stable learning rate of a polynomial fit (最大稳定学习率) :math:`2/\lambda_{\max}`.

    The loss is a quadratic bowl with the constant Hessian :math:`H = \frac2N A^\top A`;
    gradient descent converges from every start exactly when :math:`0 < \eta < 2/\lambda_{\max}(H)`.
    """
    A = design_matrix(x, degree)
    return critical_learning_rate(2.0 * A.T @ A / A.shape[0])
