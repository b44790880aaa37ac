r"""Stationary points (驻点) and where descent ends (第 5 章).

Where the gradient is zero, gradient descent stops moving; but not every
such point is a minimum. The second derivative tells them apart. Near a
stationary point :math:`w^*` Taylor's formula gives

.. math:: L(w^* + h) \approx L(w^*) + \tfrac12\, h^\top H\, h,

with the Hessian matrix :math:`H` (黑塞矩阵, the matrix of second partial
derivatives; in one dimension the number :math:`L''(w^*)`). Its eigenvalues
are the curvatures along its eigen-directions: all positive means a minimum,
all negative a maximum, mixed signs a saddle point, and a zero eigenvalue
leaves the test undecided (degenerate).

:func:`stationary_points` finds and classifies every stationary point in a
surface's window; :func:`basin_map` runs descent from a grid of start points
and records which minimum each one reaches (its basin of attraction, 吸引域).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_count, as_real, brief, require_finite
from nnmath.descent import SYMMETRY_TOLERANCE, descend_together
from nnmath.landscapes import Curve, Landscape

Kind = Literal["minimum", "maximum", "saddle", "degenerate"]

#: Chinese names of the kinds, for text and plots.
KIND_NAMES: dict[str, str] = {
    "minimum": "局部最小值点",
    "maximum": "局部最大值点",
    "saddle": "鞍点",
    "degenerate": "退化点",
}


def classify_1d(second_derivative: float, tol: float = 1e-6) -> Kind:
    r"""Second-derivative test (二阶导数判别法) at a point where :math:`L'(w^*) = 0`.

    .. math:: L(w^* + h) \approx L(w^*) + \tfrac12 L''(w^*)\, h^2

    :math:`L'' > 0`: minimum; :math:`L'' < 0`: maximum; :math:`|L''| \le` ``tol``:
    the test cannot decide (``"degenerate"``; for example :math:`w^3` at 0).
    """
    d2 = as_real("second_derivative", second_derivative)
    tol = as_real("tol", tol, minimum=0.0)
    if d2 > tol:
        return "minimum"
    if d2 < -tol:
        return "maximum"
    return "degenerate"


def classify(hessian: ArrayLike, tol: float = 1e-6) -> Kind:
    r"""Hessian test (黑塞矩阵判别法) at a point where :math:`\nabla L(w^*) = 0`.

    With the eigenvalues :math:`\lambda_k` of the symmetric Hessian :math:`H`:
    all :math:`\lambda_k > 0`: minimum; all :math:`< 0`: maximum; some of
    each sign: saddle point; otherwise (a :math:`|\lambda_k| \le` ``tol`` and no
    opposite signs) the second-order test cannot decide: ``"degenerate"``.

    Parameters
    ----------
    hessian : array_like, shape (n, n)
        A symmetric matrix (or a 0-d/1x1 second derivative).
    tol : float
        Eigenvalues within ``tol`` of 0 count as zero.

    """
    H = as_array("hessian", hessian, ndim=(0, 2))
    require_finite("hessian", H)
    tol = as_real("tol", tol, minimum=0.0)
    H = H.reshape(1, 1) if H.ndim == 0 else H
    if H.size == 0 or H.shape[0] != H.shape[1]:
        raise ValueError(f"hessian must be a non-empty square matrix, got shape {H.shape}")
    if float(np.max(np.abs(H - H.T))) > SYMMETRY_TOLERANCE * float(np.max(np.abs(H))):
        raise ValueError(f"hessian must be symmetric (to {SYMMETRY_TOLERANCE:g} of its largest entry), got {brief(H)}")
    eig = np.linalg.eigvalsh((H + H.T) / 2)
    if np.any(eig > tol) and np.any(eig < -tol):
        return "saddle"
    if np.all(eig > tol):
        return "minimum"
    if np.all(eig < -tol):
        return "maximum"
    return "degenerate"


@dataclass(frozen=True)
class StationaryPoint:
    r"""A point where the gradient is zero (驻点), classified.

    Attributes
    ----------
    point : ndarray, shape (2,) or ()
        :math:`w^*`.
    loss : float
        :math:`L(w^*)`.
    curvatures : ndarray
        The Hessian's eigenvalues, ascending (one number, :math:`L''`, for a curve).
    kind : {"minimum", "maximum", "saddle", "degenerate"}

    """

    point: Array
    loss: float
    curvatures: Array
    kind: Kind

    @property
    def name(self) -> str:
        """The kind in Chinese (局部最小值点, 局部最大值点, 鞍点, 退化点)."""
        return KIND_NAMES[self.kind]


def _grid_starts(window: tuple[float, ...], n: int) -> list[Array]:
    axes = [np.linspace(lo, hi, n) for lo, hi in zip(window[::2], window[1::2], strict=True)]
    return [g.ravel() for g in np.meshgrid(*axes)]


def _newton(surface: Landscape | Curve, n: int, iterations: int, h: float) -> tuple[Array, Array]:
    """Newton's method on the gradient from an ``n``-per-axis grid of starts, all at once.

    Returns the end points (one row per start; a start whose Hessian is
    singular stays put) and the gradient norms there.
    """
    if isinstance(surface, Curve):
        (w,) = _grid_starts(surface.window, n * n)
        with np.errstate(all="ignore"):
            for _ in range(iterations):
                g = surface.df(w)
                d2 = (surface.df(w + h) - surface.df(w - h)) / (2 * h)
                w = np.where(np.abs(d2) > 1e-300, w - g / d2, w)  # a flat spot: stay (kept only if L' = 0)
            gnorm = np.abs(surface.df(w))
        return w[:, None], gnorm
    w0, w1 = _grid_starts(surface.window, n)
    with np.errstate(all="ignore"):
        for _ in range(iterations):
            g1, g2 = surface.df(w0, w1)
            a1, c1 = surface.df(w0 + h, w1)
            a2, c2 = surface.df(w0 - h, w1)
            b1, d1 = surface.df(w0, w1 + h)
            b2, d2 = surface.df(w0, w1 - h)
            h11, h21 = (a1 - a2) / (2 * h), (c1 - c2) / (2 * h)
            h12, h22 = (b1 - b2) / (2 * h), (d1 - d2) / (2 * h)
            h12 = h21 = (h12 + h21) / 2
            det = h11 * h22 - h12 * h21
            ok = np.abs(det) > 1e-300
            step1 = np.where(ok, (h22 * g1 - h12 * g2) / det, 0.0)
            step2 = np.where(ok, (h11 * g2 - h21 * g1) / det, 0.0)
            w0, w1 = w0 - step1, w1 - step2
        g1, g2 = surface.df(w0, w1)
        gnorm = np.hypot(g1, g2)
    return np.column_stack([w0, w1]), gnorm


def stationary_points(
    surface: Landscape | Curve, n: int = 25, tol: float = 1e-6, iterations: int = 80
) -> list[StationaryPoint]:
    r"""Every stationary point (驻点) :math:`\nabla L = 0` in a surface's window, classified.

    Newton's method on the gradient, :math:`w \leftarrow w - H^{-1} \nabla L`,
    is started from an ``n`` by ``n`` grid over the window (``n * n`` points
    along a curve); the points it converges to inside the window are merged
    and classified with :func:`classify` from the Hessian's eigenvalues.
    Newton's method finds maxima and saddles too: it looks for zeros of the
    gradient, not for low loss.

    Parameters
    ----------
    surface : Landscape or Curve
    n : int, default 25
        Starts per axis.
    tol : float, default 1e-6
        Curvatures within ``tol`` of 0 count as zero (``"degenerate"``).
    iterations : int, default 80
        Newton steps from each start.

    Returns
    -------
    list of StationaryPoint
        Sorted by position (by :math:`w_0`, then :math:`w_1`).

    """
    n = as_count("n", n, minimum=2)
    iterations = as_count("iterations", iterations, minimum=1)
    window = np.asarray(surface.window, dtype=float)
    span = float(np.max(window[1::2] - window[::2]))
    ends, gnorm = _newton(surface, n, iterations, h=1e-5 * span)
    inside = np.all((ends >= window[::2]) & (ends <= window[1::2]), axis=1) & (gnorm < 1e-8 * max(span, 1.0))
    found: list[Array] = []
    for p in ends[inside]:
        if all(np.max(np.abs(p - q)) > 1e-3 * span for q in found):
            found.append(p)
    points = []
    for p in sorted(found, key=lambda q: tuple(np.round(q, 9))):
        if isinstance(surface, Curve):
            point = p.reshape(())
            d2 = surface.second_derivative(point)
            curv = np.array([d2])
            kind = classify_1d(d2, tol)
        else:
            point = p
            curv = np.linalg.eigvalsh(surface.hessian(point))
            kind = classify(np.diag(curv), tol)
        points.append(StationaryPoint(point.copy(), surface.loss(point), curv, kind))
    return points


@dataclass(frozen=True)
class BasinMap:
    r"""Which minimum gradient descent reaches from each start point (吸引域地图).

    Attributes
    ----------
    w0, w1 : ndarray, shape (n,)
        The start points' coordinates along each axis.
    labels : ndarray of int, shape (n, n)
        ``labels[i, j]`` is the index into ``minima`` of the minimum reached
        from start ``(w0[j], w1[i])``, or ``-1`` if the run diverged or ended
        near no minimum (still bouncing, or stuck).
    minima : ndarray, shape (k, 2)
        The minima, in the order the labels count them.
    lr : float
        The learning rate :math:`\eta`.
    steps : int
        Number of descent steps from each start.

    """

    w0: Array
    w1: Array
    labels: Array
    minima: Array
    lr: float
    steps: int

    def fractions(self) -> Array:
        """Share of start points reaching each minimum (and, last, reaching none)."""
        k = len(self.minima)
        counts = np.array([np.sum(self.labels == i) for i in [*range(k), -1]], dtype=float)
        return counts / self.labels.size


def basin_map(
    landscape: Landscape,
    lr: float,
    steps: int = 200,
    n: int = 101,
    minima: ArrayLike | None = None,
    radius: float | None = None,
) -> BasinMap:
    r"""Basins of attraction (吸引域) of gradient descent: where each start point ends.

    From every point of an ``n`` by ``n`` grid over the window, run ``steps``
    updates :math:`w^{(t+1)} = w^{(t)} - \eta \nabla L(w^{(t)})` (all starts at
    once: :func:`nnmath.descent.descend_together`) and label the start with the minimum the end point is
    within ``radius`` of. Divergent runs are stopped, labelled ``-1``, and
    reported, never raised or warned.

    Parameters
    ----------
    landscape : Landscape
    lr : float
        The learning rate :math:`\eta > 0`.
    steps : int, default 200
    n : int, default 101
        Start points per axis.
    minima : array_like, shape (k, 2), optional
        The minima to label by; default the landscape's known ``minima``, or
        else the minima :func:`stationary_points` finds.
    radius : float, optional
        How close counts as "reached"; default 1% of the window's width.

    """
    lr = as_real("lr", lr, positive=True)
    steps = as_count("steps", steps, minimum=1)
    n = as_count("n", n, minimum=2)
    if minima is None:
        known = landscape.minima or tuple(tuple(p.point) for p in stationary_points(landscape) if p.kind == "minimum")
        mins = np.array(known, dtype=float).reshape(-1, 2)
    else:
        mins = as_array("minima", minima, ndim=(2,))
        if mins.shape[1:] != (2,):
            raise ValueError(f"minima must have shape (k, 2), got {mins.shape}")
    w0_min, w0_max, w1_min, w1_max = landscape.window
    span = max(w0_max - w0_min, w1_max - w1_min)
    radius = 0.01 * span if radius is None else float(radius)
    a1, a2 = np.linspace(w0_min, w0_max, n), np.linspace(w1_min, w1_max, n)
    w0, w1, alive = descend_together(landscape.df, *np.meshgrid(a1, a2), lr, steps)
    labels = np.full(w0.shape, -1, dtype=int)
    if len(mins):
        dist = np.hypot(w0[..., None] - mins[:, 0], w1[..., None] - mins[:, 1])
        nearest = np.argmin(dist, axis=-1)
        reached = alive & (np.min(dist, axis=-1) <= radius)
        labels = np.where(reached, nearest, -1)
    return BasinMap(a1, a2, labels, mins, float(lr), steps)
