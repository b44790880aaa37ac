r"""Gradient descent (梯度下降, 第 4 章).

The update rule, with learning rate (学习率) :math:`\eta`:

.. math:: w^{(t+1)} = w^{(t)} - \eta \, \frac{\partial L}{\partial w^{(t)}}

The gradient points uphill (steepest ascent), so each step goes the other
way. :func:`gradient_descent` runs the rule and returns the whole
:class:`Trajectory`. A run that blows up is a result to look at, not an
error: it is reported in the trajectory, never raised or warned. Blowing up
is judged relative to the start (a run from far out that shrinks every step
converges). What is an error is a run that cannot start or a function that
fails: a loss or gradient that is not finite at the start point, or at a
later point the run reached calmly, raises :class:`DescentError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_count, as_real, brief, require_finite

Verdict = Literal["converged", "diverged", "growing", "running"]


class DescentError(ValueError):
    """Gradient descent cannot go on (无法继续下降): the loss or gradient is not finite at a calm point.

    Raised at the start point (``step == 0``), or at a later finite iterate
    that was not growing: the fault is in the function (or the start is too
    far out for float64), not a divergence of the run.
    """

    def __init__(self, message: str, step: int) -> None:
        super().__init__(message)
        self.step = step


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

    def __post_init__(self) -> None:
        n = len(self.points) if self.points is not None else 0
        if n == 0:
            raise ValueError("points must hold at least the start point w0")
        if self.losses is not None and len(self.losses) != n:
            raise ValueError(f"losses must have one entry per point, got {len(self.losses)} for {n} points")
        if self.converged_at is not None and self.diverged_at is not None:
            raise ValueError("a run cannot both converge and diverge: converged_at or diverged_at must be None")

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


Judgement = Literal["converged", "moving", "oscillating", "diverging"]

#: A run has settled (converged) once its last step is at most this fraction of its longest step (:func:`judge`).
SETTLED = 1e-5

#: Changes of the loss smaller than this fraction of the run's largest |L| are rounding noise (:func:`judge`).
NOISE = 1e-12

#: How many of the last steps :func:`judge` reads to call a run oscillating (turning back at each of them).
TAIL = 4

#: Chinese names of the judgements of :func:`judge`, for labels and text.
JUDGEMENT_NAMES: dict[str, str] = {
    "converged": "收敛",
    "moving": "还在下降",
    "oscillating": "振荡",
    "diverging": "发散",
}


def judge(trajectory: Trajectory) -> Judgement:
    r"""What a run did (结论): converged, still moving, oscillating or diverging; the one verdict of every label.

    Read off the run alone, with thresholds relative to the run's own scale
    (its longest step, its largest loss), in this order:

    1. ``"converged"`` (收敛): the run stopped as converged (gradient norm
       :math:`\le` ``tol``), or its last step is at most :data:`SETTLED`
       (:math:`10^{-5}`) times its longest step: on a quadratic the distance
       to the minimum has shrunk as much, far below a pixel of any plot of the run;
    2. ``"diverging"`` (发散): the run blew up (:attr:`Trajectory.diverged`),
       or it ended with a higher loss than it started, or over its last three
       steps the loss rose at every step and the steps grew longer (rises
       beyond :data:`NOISE` times the largest :math:`|L|`);
    3. ``"oscillating"`` (振荡): each of the last :data:`TAIL` steps turns back
       on the one before (:math:`\Delta w^{(t)} \cdot \Delta w^{(t+1)} < 0`): the run
       jumps to and fro across the valley;
    4. ``"moving"`` (还在下降): none of these, the run is still on its way.

    On a quadratic with curvature :math:`a` (or :math:`\lambda_{\max}`) this gives
    what :func:`regime` predicts: :math:`\eta < 1/a` converged or moving,
    :math:`1/a < \eta < 2/a` converged or oscillating (once two steps are made),
    :math:`\eta > 2/a` diverging (``tests/test_descent.py`` checks it for random quadratics).

    Raises
    ------
    ValueError
        If ``trajectory`` is not a :class:`Trajectory` with its losses recorded.
    """
    if not isinstance(trajectory, Trajectory) or trajectory.losses is None:
        raise ValueError(f"trajectory must be a Trajectory with its losses recorded, got {trajectory!r}")
    if trajectory.converged:
        return "converged"
    if trajectory.diverged:
        return "diverging"
    k = trajectory.steps
    if k == 0:
        return "moving"
    moves = np.diff(trajectory.points.reshape(k + 1, -1), axis=0)
    lengths = np.linalg.norm(moves, axis=1)
    losses = trajectory.losses
    with np.errstate(all="ignore"):
        noise = NOISE * float(np.max(np.abs(losses)))
        longest = float(lengths.max())
        if longest == 0.0 or lengths[-1] <= SETTLED * longest:
            return "converged"
        rises = np.diff(losses)[-3:]
        if losses[-1] - losses[0] > noise or (
            len(rises) == 3 and np.all(rises > noise) and np.all(np.diff(lengths[-3:]) > 0)
        ):
            return "diverging"
        tail = moves[-TAIL:]
        if len(tail) >= 2 and np.all(np.sum(tail[1:] * tail[:-1], axis=1) < 0):
            return "oscillating"
    return "moving"


#: How far a run may go, in units of max(1, |w0|), before it counts as diverged (:func:`divergence_limit`).
MAX_NORM = 1e8


def divergence_limit(start_norm: ArrayLike, max_norm: float = MAX_NORM) -> Array:
    r"""The norm beyond which a run from a start of norm ``start_norm`` has diverged (发散的界限).

    .. math:: \lVert w^{(t)} \rVert > \text{max\_norm} \cdot \max(1, \lVert w^{(0)} \rVert)

    Relative to the start, so that a run that shrinks from a far start is not
    called divergent; one rule for :func:`gradient_descent`, the network's
    training and the basin maps (``start_norm`` may be an array of starts).
    """
    return max_norm * np.maximum(1.0, start_norm)


def gradient_descent(
    grad: Callable[[Array], ArrayLike],
    w0: ArrayLike,
    lr: float,
    steps: int,
    loss: Callable[[Array], float] | None = None,
    tol: float = 1e-6,
    max_norm: float = MAX_NORM,
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
        The learning rate :math:`\eta`, a finite real number > 0.
    steps : int
        The most updates to make (``>= 0``).
    loss : callable, optional
        :math:`L`, recorded at every iterate; it must be finite at ``w0``.
    tol : float, default 1e-6
        Stop as converged once :math:`\lVert \nabla L \rVert \le` ``tol`` (finite, ``>= 0``).
    max_norm : float, default 1e8
        Stop as diverged once :math:`\lVert w \rVert` exceeds
        ``max_norm`` :math:`\cdot \max(1, \lVert w^{(0)} \rVert)`: the threshold is
        relative to the start, so a run from far out that shrinks every step
        converges instead of being called diverged. ``inf`` stops only on
        values that are no longer finite.

    Returns
    -------
    Trajectory
        Every iterate and loss, and whether and where the run converged or
        diverged. Divergence (an iterate beyond the threshold or not finite,
        or a gradient or loss that stopped being finite while the iterates
        were growing) is reported there, never raised or warned.

    Raises
    ------
    DescentError
        A :class:`ValueError` raised if ``grad`` or ``loss`` is not finite at
        ``w0``, or returns NaN or inf at a later finite iterate that was not
        growing (a fault of the function, not a divergence of the run).
    ValueError
        Before any step, if ``lr``, ``steps``, ``tol`` or ``max_norm`` is not a
        valid number, ``w0`` is not finite, or ``grad``/``loss`` is not
        callable; if ``grad`` returns another shape.

    """
    lr = as_real("lr", lr, positive=True)
    steps = as_count("steps", steps)
    tol = as_real("tol", tol, minimum=0.0)
    max_norm = as_real("max_norm", max_norm, positive=True, finite=False)
    if not callable(grad):
        raise ValueError(f"grad must be a function of w, got {grad!r}")
    if loss is not None and not callable(loss):
        raise ValueError(f"loss must be a function of w or None, got {loss!r}")
    w = as_array("w0", w0).copy()
    require_finite("w0", w)

    def measure(point: Array) -> float:
        if loss is None:
            return float("nan")
        return float(as_array("loss(w)", loss(point), ndim=(0,)))

    def fault(what: str, value: object, point: Array, t: int) -> DescentError:
        return DescentError(
            f"{what} returned a non-finite value ({value}) at the finite point w = {brief(point)} (step {t}), "
            "where the run was not growing: this is an error in the function, not a divergence",
            t,
        )

    converged_at = diverged_at = None
    with np.errstate(all="ignore"):
        norm = float(np.linalg.norm(w))
        limit = float(divergence_limit(norm, max_norm))
        points, losses = [w], [measure(w)]
        if loss is not None and not np.isfinite(losses[0]):
            raise DescentError(
                f"the loss is not finite at the start point w0 = {brief(w)} (loss(w0) = {losses[0]}): "
                "w0 is outside the loss's domain or too far out for float64",
                0,
            )
        growing = False
        for t in range(steps + 1):
            g = as_array("grad(w)", grad(w))
            if g.shape != w.shape:
                raise ValueError(f"grad returned shape {g.shape} for w of shape {w.shape}")
            if not np.all(np.isfinite(g)):
                if not growing:
                    raise fault("grad", brief(g), w, t)
                diverged_at = t
                break
            if np.linalg.norm(g) <= tol:
                converged_at = t
                break
            if t == steps:
                break
            w_next = w - lr * g
            next_norm = float(np.linalg.norm(w_next))
            if not np.all(np.isfinite(w_next)) or next_norm > limit:
                diverged_at = t + 1
                break
            growing = next_norm > norm
            loss_next = measure(w_next)
            if loss is not None and not np.isfinite(loss_next):
                if not growing:
                    raise fault("loss", loss_next, w_next, t + 1)
                diverged_at = t + 1
                break
            w, norm = w_next, next_norm
            points.append(w)
            losses.append(loss_next)
    return Trajectory(
        points=np.array(points),
        losses=None if loss is None else np.array(losses),
        lr=lr,
        converged_at=converged_at,
        diverged_at=diverged_at,
    )


def descend_together(
    grad: Callable[[Array, Array], tuple[Array, Array]], w0: ArrayLike, w1: ArrayLike, lr: float, steps: int
) -> tuple[Array, Array, Array]:
    r"""Gradient descent from many starts at once (多起点同时梯度下降), two parameters, element-wise.

    Every start :math:`(w_0, w_1)` takes ``steps`` updates
    :math:`w^{(t+1)} = w^{(t)} - \eta \nabla L(w^{(t)})`, the update of
    :func:`gradient_descent`, on whole arrays of starts at once (fast enough for
    a map of ten thousand starts). A run that leaves :func:`divergence_limit` of
    its start or stops being finite is stopped there and marked, never raised or
    warned.

    Parameters
    ----------
    grad : callable
        ``grad(w0, w1) -> (dL/dw0, dL/dw1)``, element-wise over arrays (as :attr:`Landscape.df`).
    w0, w1 : array_like, the same shape
        The starts.
    lr : float
        The learning rate :math:`\eta > 0`.
    steps : int

    Returns
    -------
    w0, w1 : ndarray
        Where each run ended (0 where it diverged).
    alive : ndarray of bool
        False where the run diverged.

    """
    lr = as_real("lr", lr, positive=True)
    steps = as_count("steps", steps)
    a = as_array("w0", w0).copy()
    b = as_array("w1", w1).copy()
    if a.shape != b.shape:
        raise ValueError(f"w0 and w1 must have the same shape, got {a.shape} and {b.shape}")
    limit = divergence_limit(np.hypot(a, b))
    alive = np.isfinite(a) & np.isfinite(b)
    with np.errstate(all="ignore"):
        for _ in range(steps):
            g0, g1 = grad(a, b)
            a, b = a - lr * g0, b - lr * g1
            alive &= np.isfinite(a) & np.isfinite(b) & (np.hypot(a, b) <= limit)
            a, b = np.where(alive, a, 0.0), np.where(alive, b, 0.0)
    return a, b, alive


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
    a = as_real("curvature", curvature)
    eta = as_real("lr", lr, positive=True)
    with np.errstate(over="ignore"):
        return 1.0 - eta * a


#: How far a Hessian may be from symmetric, relative to its largest entry (:func:`critical_learning_rate`).
SYMMETRY_TOLERANCE = 1e-6


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
        learning rate converges), or the matrix is empty, not square, or not
        symmetric: :math:`\max |H - H^\top|` may be at most
        :data:`SYMMETRY_TOLERANCE` times :math:`\max |H|`, whatever the scale of :math:`H`.

    """
    arr = as_array("curvature", curvature, ndim=(0, 2))
    require_finite("curvature", arr)
    if arr.ndim == 2:
        if arr.shape[0] != arr.shape[1] or arr.size == 0:
            raise ValueError(f"curvature must be a non-empty square matrix (a Hessian), got shape {arr.shape}")
        scale = float(np.max(np.abs(arr)))
        if float(np.max(np.abs(arr - arr.T))) > SYMMETRY_TOLERANCE * scale:
            raise ValueError(
                f"curvature must be symmetric (to {SYMMETRY_TOLERANCE:g} of its largest entry), got {brief(arr)}"
            )
        top = float(np.linalg.eigvalsh(arr).max())
        if np.isinf(top):  # eigenvalues beyond the largest float: find them on H / max|H|
            return (2.0 / scale) / float(np.linalg.eigvalsh(arr / scale).max())
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
    "oscillating": "振荡但收敛",
    "bouncing": "来回弹跳",
    "divergent": "发散",
}
