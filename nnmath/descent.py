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
    points : ndarray, shape (k + 1, *w0.shape)
        Every iterate :math:`w^{(0)}, \dots, w^{(k)}`, all finite.
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
