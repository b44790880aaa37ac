r"""Linear separability (线性可分性, 第 0 章附加).

Two classes of points are *linearly separable* when a hyperplane (超平面)
:math:`w \cdot x + b = 0`, a line in 2-D and a plane in 3-D, has every point
of class 1 strictly on its positive side and every point of class 0 strictly
on its negative side:

.. math:: w \cdot x_k + b > 0 \ \text{if}\ t_k = 1, \qquad w \cdot x_k + b < 0 \ \text{if}\ t_k = 0.

:func:`perceptron` finds such a hyperplane by computation. On separable data
it is guaranteed to stop after finitely many mistakes (Novikoff's theorem:
at most :math:`(R/\gamma)^2` updates, :math:`R` the largest norm of an
augmented point :math:`(x, 1)` and :math:`\gamma` the best margin). On data
that is not separable, such as XOR, it never stops making mistakes, and the
result says so. :func:`shared_average` gives the algebraic reason for XOR:
if the averages of the two classes coincide, no hyperplane separates them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_count, as_real, require_finite


def _classes(X: ArrayLike, labels: ArrayLike) -> tuple[Array, Array]:
    X_arr = as_array("X", X, ndim=(2,))
    require_finite("X", X_arr)
    t = as_array("labels", labels, ndim=(1,))
    if t.shape != (X_arr.shape[0],):
        raise ValueError(f"labels must have shape ({X_arr.shape[0]},) for X of shape {X_arr.shape}, got {t.shape}")
    if not np.all((t == 0) | (t == 1)):
        raise ValueError("labels must be 0 or 1")
    if t.size == 0 or np.all(t == t[0]):
        raise ValueError("need points of both classes 0 and 1")
    return X_arr, t


def side(X: ArrayLike, w: ArrayLike, b: float) -> Array:
    r"""Which side of the hyperplane each point lies on (在超平面的哪一侧): :math:`w \cdot x_k + b`.

    Positive on the side :math:`w` points to, negative on the other, zero on the hyperplane.

    Parameters
    ----------
    X : array_like, shape (N, d)
    w : array_like, shape (d,)
    b : float

    Returns
    -------
    ndarray, shape (N,)

    """
    X_arr = as_array("X", X, ndim=(2,))
    w_arr = as_array("w", w, ndim=(1,))
    if w_arr.shape != (X_arr.shape[1],):
        raise ValueError(f"w must have shape ({X_arr.shape[1]},) for X of shape {X_arr.shape}, got {w_arr.shape}")
    require_finite("X", X_arr)
    require_finite("w", w_arr)
    b = as_real("b", b)
    with np.errstate(over="ignore", invalid="ignore"):  # beyond the largest float: ±inf, as for linear
        return X_arr @ w_arr + b


def separates(X: ArrayLike, labels: ArrayLike, w: ArrayLike, b: float) -> bool:
    r"""Whether the hyperplane :math:`w \cdot x + b = 0` separates the classes (是否把两类完全分开).

    True when every class-1 point has :math:`w \cdot x + b > 0` and every
    class-0 point :math:`w \cdot x + b < 0` (strictly: a point on the
    hyperplane is not separated).
    """
    X_arr, t = _classes(X, labels)
    s = side(X_arr, w, b)
    return bool(np.all(np.where(t == 1, s > 0, s < 0)))


@dataclass(frozen=True)
class PerceptronResult:
    """The outcome of :func:`perceptron` (感知机的结果).

    Attributes
    ----------
    w : ndarray, shape (d,)
        The final normal vector of the hyperplane.
    b : float
        The final offset.
    separated : bool
        Whether a full pass over the data made no mistake: ``(w, b)`` separates the classes.
    epochs : int
        Passes over the data made.
    updates : int
        Mistakes corrected in total.
    mistakes : ndarray, shape (epochs,)
        Mistakes in each pass (the last is 0 when ``separated``).

    """

    w: Array
    b: float
    separated: bool
    epochs: int
    updates: int
    mistakes: Array


def perceptron(X: ArrayLike, labels: ArrayLike, max_epochs: int = 100) -> PerceptronResult:
    r"""The perceptron algorithm (感知机算法): find a separating hyperplane by correcting mistakes.

    With targets :math:`s_k = +1` for class 1 and :math:`-1` for class 0, it
    visits the points in order and, whenever a point is on the wrong side
    (:math:`s_k (w \cdot x_k + b) \le 0`), nudges the hyperplane towards it:

    .. math:: w \leftarrow w + s_k x_k, \qquad b \leftarrow b + s_k.

    It stops after the first pass with no mistake. If the data is linearly
    separable this happens after at most :math:`(R/\gamma)^2` updates
    (Novikoff); if not, every pass makes a mistake and it stops at
    ``max_epochs`` with ``separated=False``.

    Parameters
    ----------
    X : array_like, shape (N, d)
        The points, one per row.
    labels : array_like, shape (N,)
        Their classes, 0 or 1 (both must occur).
    max_epochs : int
        The most passes over the data.

    Returns
    -------
    PerceptronResult

    """
    X_arr, t = _classes(X, labels)
    epochs_max = as_count("max_epochs", max_epochs, minimum=1)
    s = np.where(t == 1, 1.0, -1.0)
    w = np.zeros(X_arr.shape[1])
    b = 0.0
    mistakes: list[int] = []
    for _ in range(epochs_max):
        wrong = 0
        for x_k, s_k in zip(X_arr, s, strict=True):
            if s_k * (x_k @ w + b) <= 0:
                w = w + s_k * x_k
                b += s_k
                wrong += 1
        mistakes.append(wrong)
        if wrong == 0:
            break
    return PerceptronResult(
        w=w,
        b=float(b),
        separated=mistakes[-1] == 0,
        epochs=len(mistakes),
        updates=int(sum(mistakes)),
        mistakes=np.array(mistakes),
    )


def shared_average(X: ArrayLike, labels: ArrayLike) -> tuple[Array, Array, bool]:
    r"""The averages of the two classes (两类的平均点), and whether they coincide.

    For any hyperplane, :math:`f(x) = w \cdot x + b` is linear, so the average
    of :math:`f` over a class equals :math:`f` at the class's average point
    :math:`\bar x`. A separating hyperplane needs :math:`f > 0` on class 1
    and :math:`f < 0` on class 0, hence :math:`f(\bar x_1) > 0 > f(\bar x_0)`.
    If :math:`\bar x_1 = \bar x_0` that is impossible: no hyperplane
    separates the classes. (For XOR both averages are :math:`(0.5, 0.5)`.)

    Returns
    -------
    mean0, mean1 : ndarray, shape (d,)
        The average point of class 0 and of class 1.
    coincide : bool
        Whether they are equal (up to rounding): a proof of non-separability.

    """
    X_arr, t = _classes(X, labels)
    mean0, mean1 = X_arr[t == 0].mean(axis=0), X_arr[t == 1].mean(axis=0)
    return mean0, mean1, bool(np.allclose(mean0, mean1, rtol=0, atol=1e-12))
