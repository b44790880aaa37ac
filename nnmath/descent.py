r"""Gradient descent (梯度下降, 第 4 章).

The update rule, with learning rate (学习率) :math:`\eta`:

.. math:: w^{(t+1)} = w^{(t)} - \eta \, \frac{\partial L}{\partial w^{(t)}}

The gradient points uphill (steepest ascent), so each step goes the other
way. :func:`gradient_descent` runs the rule and returns the whole
:class:`Trajectory`. A run that blows up is a result to look at, not an
error: it is reported in the trajectory, never raised or warned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_count, require_finite

Verdict = Literal["converged", "diverged", "growing", "running"]


@dataclass(frozen=True)
class Trajectory:
    r"""The result of a gradient descent run (梯度下降的轨迹).

    Attributes
    ----------
    points : ndarray, shape (k + 1, ...)
        Every iterate :math:`w^{(0)}, \dots, w^{(k)}` (each of the shape of ``w0``), all finite.
    losses : ndarray, shape (k + 1,), or None
        :math:`L(w^{(t)})` for every iterate, when a loss was given.
    lr : float
        The learning rate :math:`\eta` used.
    converged_at : int or None
        First ``t`` whose gradient norm was at most ``tol``.
    diverged_at : int or None
        First ``t`` whose iterate, gradient or loss was not finite or whose
        norm exceeded ``max_norm``; the run stopped there.

    """

    points: Array
    losses: Array | None
    lr: float
    converged_at: int | None
    diverged_at: int | None

    @property
    def converged(self) -> bool:
        """Whether the gradient reached (almost) zero (收敛)."""
        return self.converged_at is not None

    @property
    def diverged(self) -> bool:
        """Whether the values blew up (发散)."""
        return self.diverged_at is not None

    @property
    def steps(self) -> int:
        """Number of updates actually made."""
        return len(self.points) - 1

    @property
    def final(self) -> Array:
        """The last finite iterate."""
        return self.points[-1]

    @property
    def verdict(self) -> Verdict:
        """One word for the run: converged, diverged, growing (loss went up) or running."""
        if self.diverged:
            return "diverged"
        if self.converged:
            return "converged"
        if self.losses is not None and self.losses[-1] > self.losses[0]:
            return "growing"
        return "running"


def gradient_descent(
    grad: Callable[[Array], ArrayLike],
    w0: ArrayLike,
    lr: float,
    steps: int,
    loss: Callable[[Array], float] | None = None,
    tol: float = 1e-6,
    max_norm: float = 1e8,
) -> Trajectory:
    r"""Run gradient descent (梯度下降) :math:`w^{(t+1)} = w^{(t)} - \eta\, \nabla L(w^{(t)})`.

    Parameters
    ----------
    grad : callable
        :math:`\nabla L`: takes an array of the shape of ``w0`` and returns one
        of the same shape.
    w0 : array_like
        The start point :math:`w^{(0)}` (any shape, finite).
    lr : float
        The learning rate :math:`\eta > 0`.
    steps : int
        The most updates to make (``>= 0``).
    loss : callable, optional
        :math:`L`, recorded at every iterate.
    tol : float, default 1e-6
        Stop as converged once :math:`\lVert \nabla L \rVert \le` ``tol``.
    max_norm : float, default 1e8
        Stop as diverged once :math:`\lVert w \rVert` exceeds this.

    Returns
    -------
    Trajectory
        Every iterate and loss, and whether and where the run converged or
        diverged. Divergence is reported there, never raised or warned.

    Raises
    ------
    ValueError
        If ``lr`` is not a positive number, ``steps`` is negative, ``w0`` is
        not finite, or ``grad`` returns an array of another shape.

    """
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"the learning rate lr must be a positive number, got {lr}")
    steps = as_count("steps", steps)
    w = as_array("w0", w0).copy()
    require_finite("w0", w)

    def measure(point: Array) -> float:
        return float("nan") if loss is None else float(loss(point))

    points, losses = [w], [measure(w)]
    converged_at = diverged_at = None
    with np.errstate(all="ignore"):
        for t in range(steps + 1):
            g = as_array("grad(w)", grad(w))
            if g.shape != w.shape:
                raise ValueError(f"grad returned shape {g.shape} for w of shape {w.shape}")
            if not np.all(np.isfinite(g)):
                diverged_at = t
                break
            if np.linalg.norm(g) <= tol:
                converged_at = t
                break
            if t == steps:
                break
            w_next = w - lr * g
            loss_next = measure(w_next)
            if (
                not np.all(np.isfinite(w_next))
                or np.linalg.norm(w_next) > max_norm
                or (loss is not None and not np.isfinite(loss_next))
            ):
                diverged_at = t + 1
                break
            w = w_next
            points.append(w)
            losses.append(loss_next)
    return Trajectory(
        points=np.array(points),
        losses=None if loss is None else np.array(losses),
        lr=float(lr),
        converged_at=converged_at,
        diverged_at=diverged_at,
    )


Regime = Literal["monotone", "one-step", "oscillating", "bouncing", "divergent"]


def step_factor(curvature: float, lr: float) -> float:
    r"""Step factor on a quadratic (二次函数上每一步的缩放因子) :math:`r = 1 - \eta a`.

    On :math:`L(w) = \tfrac12 a (w - w^*)^2` the gradient is :math:`a (w - w^*)`,
    so one update gives

    .. math:: w^{(t+1)} - w^* = (1 - \eta a)\,(w^{(t)} - w^*),
              \qquad w^{(t)} - w^* = (1 - \eta a)^t\,(w^{(0)} - w^*).

    Descent converges exactly when :math:`|r| < 1`.

    Parameters
    ----------
    curvature : float
        The second derivative :math:`a` (any real number).
    lr : float
        The learning rate :math:`\eta > 0`.

    """
    a, eta = float(curvature), float(lr)
    if not np.isfinite(a):
        raise ValueError(f"the curvature must be a finite number, got {curvature}")
    if not (np.isfinite(eta) and eta > 0):
        raise ValueError(f"the learning rate lr must be a positive number, got {lr}")
    return 1.0 - eta * a


def critical_learning_rate(curvature: float | ArrayLike) -> float:
    r"""Critical learning rate (临界学习率) :math:`\eta_c = 2 / a`, or :math:`2 / \lambda_{\max}(H)`.

    Descent on a quadratic with curvature :math:`a > 0` converges exactly when
    :math:`0 < \eta < 2/a` (:func:`step_factor`). On a quadratic bowl with a
    symmetric Hessian :math:`H` every eigen-direction has its own curvature
    :math:`\lambda_k`, and the steepest one sets the limit:
    :math:`\eta < 2/\lambda_{\max}`.

    Parameters
    ----------
    curvature : float or array_like of shape (n, n)
        A positive curvature :math:`a`, or a symmetric matrix with a positive
        largest eigenvalue.

    Returns
    -------
    float
        :math:`2/a` or :math:`2/\lambda_{\max}`.

    Raises
    ------
    ValueError
        If the curvature (largest eigenvalue) is not positive (then no
        learning rate converges), or the matrix is not square and symmetric.

    """
    arr = as_array("curvature", curvature, ndim=(0, 2))
    require_finite("curvature", arr)
    if arr.ndim == 2:
        if arr.shape[0] != arr.shape[1] or not np.allclose(arr, arr.T):
            raise ValueError(f"the Hessian must be a symmetric square matrix, got shape {arr.shape}")
        top = float(np.linalg.eigvalsh(arr).max())
    else:
        top = float(arr)
    if not top > 0:
        raise ValueError(f"the (largest) curvature must be positive for descent to converge, got {top}")
    return 2.0 / top


def regime(curvature: float, lr: float) -> Regime:
    r"""How descent behaves on a quadratic (学习率的区间): from the step factor :math:`r = 1 - \eta a`.

    - ``"monotone"``: :math:`0 < r < 1` (:math:`\eta < 1/a`), every step moves toward the minimum
      from the same side, slowly when :math:`\eta a` is small;
    - ``"one-step"``: :math:`r = 0` (:math:`\eta = 1/a`), the first step lands on the minimum;
    - ``"oscillating"``: :math:`-1 < r < 0` (:math:`1/a < \eta < 2/a`), it jumps across the
      minimum each step but the jumps shrink;
    - ``"bouncing"``: :math:`r = -1` (:math:`\eta = 2/a`), it jumps between two points forever;
    - ``"divergent"``: :math:`r < -1` (:math:`\eta > 2/a`) or :math:`r > 1` (:math:`a < 0`),
      the distance grows every step.

    Parameters
    ----------
    curvature : float
        The curvature :math:`a`; for ``a == 0`` the step factor is 1 and the
        result is ``"monotone"`` only in name (the gradient is constant).
    lr : float
        The learning rate :math:`\eta > 0`.

    """
    r = step_factor(curvature, lr)
    if np.isclose(r, 0.0, rtol=0.0, atol=1e-12):
        return "one-step"
    if np.isclose(r, -1.0, rtol=0.0, atol=1e-12):
        return "bouncing"
    if 0.0 < r <= 1.0:
        return "monotone"
    if -1.0 < r < 0.0:
        return "oscillating"
    return "divergent"


#: Chinese names of the regimes of :func:`regime`, for labels and text.
REGIME_NAMES: dict[str, str] = {
    "monotone": "单侧逼近",
    "one-step": "一步到底",
    "oscillating": "震荡但收敛",
    "bouncing": "来回弹跳",
    "divergent": "发散",
}
