r"""Least squares (最小二乘, 第 0 章): the one home of the formulas every linear fit of the book uses.

A model *linear in its parameters* predicts :math:`y = A\theta`, where row ``k``
of :math:`A` holds what multiplies each parameter for data point ``k``. Its
mean squared error on targets :math:`t`, its gradient and its (constant)
Hessian are

.. math:: L(\theta) = \frac{1}{N} \lVert A\theta - t \rVert^2, \qquad
          \nabla L(\theta) = \frac{2}{N} A^\top (A\theta - t), \qquad
          H = \frac{2}{N} A^\top A,

(:func:`least_squares_loss`, :func:`least_squares_grad`, :func:`least_squares_hessian`)
and its best parameters solve the normal equations (正规方程)
:math:`A^\top A\, \theta = A^\top t` (:func:`solve_least_squares`). The book
uses them for the polynomial fits of chapter 0 (row ``k`` of the design matrix
is :math:`(x_k^d, \dots, x_k, 1)`; coefficients run from the highest power down,
as in :func:`numpy.polyfit`: a line is ``(w, b)`` for :math:`y = wx + b` and a
quadratic ``(a, b, c)`` for :math:`y = ax^2 + bx + c`), for the loss surfaces of
:mod:`nnmath.landscapes` and for the best linear model of chapter 2
(:func:`nnmath.network.best_linear_fit`).

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


def _points(x: ArrayLike, t: ArrayLike) -> tuple[Array, Array]:
    x_arr = as_array("x", x, ndim=(1,))
    t_arr = as_array("t", t, ndim=(1,))
    if x_arr.shape != t_arr.shape:
        raise ValueError(f"x and t must have the same shape, got {x_arr.shape} and {t_arr.shape}")
    if x_arr.size == 0:
        raise ValueError("need at least one data point, got shape (0,)")
    require_finite("x", x_arr)
    require_finite("t", t_arr)
    return x_arr, t_arr


def _system(A: ArrayLike, t: ArrayLike) -> tuple[Array, Array]:
    """``A`` (N, p) and ``t`` (N,) or (N, m) as finite float arrays with N > 0 rows each."""
    A_arr = as_array("A", A, ndim=(2,))
    t_arr = as_array("t", t, ndim=(1, 2))
    if A_arr.shape[0] != t_arr.shape[0] or A_arr.shape[0] == 0:
        raise ValueError(
            f"A must have shape (N, p) and t shape (N,) or (N, m) with N > 0, got {A_arr.shape} and {t_arr.shape}"
        )
    require_finite("A", A_arr)
    require_finite("t", t_arr)
    return A_arr, t_arr


def solve_least_squares(A: ArrayLike, t: ArrayLike) -> Array:
    r"""Least-squares solution (最小二乘解): the :math:`\theta` that solves :math:`A^\top A\,\theta = A^\top t`.

    It minimises :math:`\frac1N \lVert A\theta - t \rVert^2`. Computed with
    :func:`numpy.linalg.lstsq` (the same answer as the normal equations, more
    accurately); when several :math:`\theta` tie it returns the shortest.

    Parameters
    ----------
    A : array_like, shape (N, p)
        One row per data point: what multiplies each parameter (finite).
    t : array_like, shape (N,) or (N, m)
        The targets (finite); with ``m`` columns, one fit per column.

    Returns
    -------
    ndarray, shape (p,) or (p, m)

    """
    A_arr, t_arr = _system(A, t)
    return np.linalg.lstsq(A_arr, t_arr, rcond=None)[0]


def least_squares_loss(A: ArrayLike, t: ArrayLike, theta: ArrayLike) -> Array:
    r"""Least-squares loss (最小二乘损失) :math:`\frac1N \lVert A\theta - t \rVert^2`, a model linear in θ.

    Parameters
    ----------
    A : array_like, shape (N, p)
    t : array_like, shape (N,)
    theta : array_like, shape (..., p)
        One parameter vector, or a grid of them (leading axes), e.g. for a contour map.

    Returns
    -------
    ndarray, shape (...)
        The loss of each parameter vector (beyond the largest float :math:`+\infty`, without a warning).

    """
    r = _residual(A, t, theta)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.mean(r**2, axis=-1)


def least_squares_grad(A: ArrayLike, t: ArrayLike, theta: ArrayLike) -> Array:
    r"""Gradient of :func:`least_squares_loss` (最小二乘损失的梯度) :math:`\frac2N A^\top (A\theta - t)`.

    Returns
    -------
    ndarray, shape (..., p)
        Same shape as ``theta``.

    """
    A_arr, _ = _system(A, t)
    r = _residual(A_arr, t, theta)
    with np.errstate(over="ignore", invalid="ignore"):
        return 2.0 * (r @ A_arr) / A_arr.shape[0]


def least_squares_hessian(A: ArrayLike) -> Array:
    r"""Hessian of :func:`least_squares_loss` (最小二乘损失的黑塞矩阵) :math:`H = \frac2N A^\top A`, constant."""
    A_arr = as_array("A", A, ndim=(2,))
    require_finite("A", A_arr)
    if A_arr.shape[0] == 0:
        raise ValueError(f"A must have at least one row, got shape {A_arr.shape}")
    return 2.0 * A_arr.T @ A_arr / A_arr.shape[0]


def _residual(A: ArrayLike, t: ArrayLike, theta: ArrayLike) -> Array:
    r""":math:`A\theta - t` for every parameter vector along the last axis of ``theta``."""
    A_arr, t_arr = _system(A, t)
    if t_arr.ndim != 1:
        raise ValueError(f"t must have shape (N,) here, got {t_arr.shape}")
    th = as_array("theta", theta)
    if th.shape[-1:] != (A_arr.shape[1],):
        raise ValueError(f"theta must have shape (..., {A_arr.shape[1]}) for A of shape {A_arr.shape}, got {th.shape}")
    with np.errstate(over="ignore", invalid="ignore"):
        return th @ A_arr.T - t_arr


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
        Column ``p`` holds :math:`x^{d-p}`, so :math:`y = A\theta`.

    """
    x_arr = as_array("x", x, ndim=(1,))
    d = as_count("degree", degree)
    return np.column_stack([x_arr ** (d - p) for p in range(d + 1)])


def polynomial(x: ArrayLike, coeffs: ArrayLike) -> Array:
    r"""Polynomial (多项式) :math:`y = \theta_0 x^d + \theta_1 x^{d-1} + \dots + \theta_d`, highest power first.

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


def fit_polynomial(x: ArrayLike, t: ArrayLike, degree: int) -> Array:
    r"""Least-squares polynomial (最小二乘多项式): :func:`solve_least_squares` with the design matrix.

    Parameters
    ----------
    x, t : array_like, shape (N,)
        The data points :math:`(x_k, t_k)`.
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
    x_arr, t_arr = _points(x, t)
    d = as_count("degree", degree)
    distinct = np.unique(x_arr).size
    if distinct < d + 1:
        raise ValueError(f"a degree-{d} fit needs at least {d + 1} distinct x values, got {distinct}")
    return solve_least_squares(design_matrix(x_arr, d), t_arr)


def fit_line(x: ArrayLike, t: ArrayLike) -> Array:
    r"""Best line (最佳直线) :math:`y = wx + b` by least squares; returns ``(w, b)``.

    With means :math:`\bar x, \bar t` the normal equations give

    .. math:: w = \frac{\sum_k (x_k - \bar x)(t_k - \bar t)}{\sum_k (x_k - \bar x)^2}, \qquad b = \bar t - w \bar x.
    """
    return fit_polynomial(x, t, 1)


def fit_quadratic(x: ArrayLike, t: ArrayLike) -> Array:
    r"""Best quadratic (最佳二次函数) :math:`y = ax^2 + bx + c` by least squares; returns ``(a, b, c)``."""
    return fit_polynomial(x, t, 2)


def fit_loss(x: ArrayLike, t: ArrayLike, coeffs: ArrayLike) -> float:
    r"""Mean squared error of a polynomial on data (拟合损失) :math:`L = \frac1N \sum_k (y_k - t_k)^2`.

    Here :math:`y_k` is the polynomial at :math:`x_k` (:func:`least_squares_loss` with the design matrix).
    """
    x_arr, t_arr = _points(x, t)
    theta = as_array("coeffs", coeffs, ndim=(1,))
    if theta.size == 0:
        raise ValueError("a polynomial needs at least one coefficient, got shape (0,)")
    return float(least_squares_loss(design_matrix(x_arr, theta.size - 1), t_arr, theta))


def loss_floor(x: ArrayLike, t: ArrayLike, degree: int) -> float:
    r"""The lowest loss a polynomial of this degree can reach (损失下限) :math:`\min_\theta L(\theta)`.

    Zero (up to rounding) exactly when some polynomial of degree ``degree``
    passes through every point; for a line on a parabola's points it is the
    part of the data a line cannot explain.
    """
    x_arr, t_arr = _points(x, t)
    return fit_loss(x_arr, t_arr, fit_polynomial(x_arr, t_arr, degree))


def fit_gradient(x: ArrayLike, t: ArrayLike, degree: int) -> tuple[Callable[[Array], float], Callable[[Array], Array]]:
    r"""The loss of a polynomial fit and its gradient (拟合损失及其梯度), for :func:`nnmath.gradient_descent`.

    :func:`least_squares_loss` and :func:`least_squares_grad` with the design matrix of ``x``.

    Returns
    -------
    loss, grad : callables
        Both take :math:`\theta` of shape ``(degree + 1,)``.

    """
    x_arr, t_arr = _points(x, t)
    A = design_matrix(x_arr, degree)

    def check(theta: Array) -> Array:
        th = as_array("theta", theta, ndim=(1,))
        if th.shape != (A.shape[1],):
            raise ValueError(f"theta must have shape ({A.shape[1]},) for degree {degree}, got {th.shape}")
        return th

    def loss(theta: Array) -> float:
        return float(least_squares_loss(A, t_arr, check(theta)))

    def grad(theta: Array) -> Array:
        return least_squares_grad(A, t_arr, check(theta))

    return loss, grad


def max_stable_lr(x: ArrayLike, degree: int) -> float:
    r"""Largest stable learning rate of a polynomial fit (最大稳定学习率) :math:`2/\lambda_{\max}(H)`.

    The loss is a quadratic bowl with the constant Hessian :func:`least_squares_hessian`
    of the design matrix; gradient descent converges from every start exactly when
    :math:`0 < \eta < 2/\lambda_{\max}(H)` (:func:`nnmath.critical_learning_rate`).
    """
    return critical_learning_rate(least_squares_hessian(design_matrix(x, degree)))
