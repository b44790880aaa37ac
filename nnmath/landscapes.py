r"""Loss surfaces over two parameters (损失曲面).

A :class:`Landscape` is a loss :math:`L(w_0, w_1)` of two parameters with its
analytic gradient and a window to draw it in. Two parameters are the most we
can see at once: the contour plot is a map of the surface seen from above.

The named surfaces are the ones the book walks on: a quadratic bowl, the
source's :math:`L = w_0^2 + 3w_1 + 5`, a surface with several minima, a saddle,
and the real losses of small models fitted to data.

A :class:`Curve` is the one-parameter version, :math:`L(w)`: a loss curve on
which the derivative is the slope of the tangent line (chapters 4 and 5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike

from nnmath import fitting
from nnmath._checks import Array, as_array, as_count, as_real, require_finite
from nnmath.activations import sigmoid
from nnmath.calculus import relative_step
from nnmath.descent import Trajectory, gradient_descent
from nnmath.linear import linear

Surface = Callable[[Array, Array], Array]
CurveFunction = Callable[[Array], Array]
SurfaceGrad = Callable[[Array, Array], tuple[Array, Array]]


@dataclass(frozen=True)
class Landscape:
    r"""A loss surface :math:`L(w_0, w_1)` with its gradient (损失曲面).

    Attributes
    ----------
    name : str
        The name shown on plots (Chinese).
    formula : str
        The formula in LaTeX, for titles and text.
    f : callable
        :math:`L(w_0, w_1)`, element-wise over arrays of any (equal) shape.
    df : callable
        :math:`(\partial L/\partial w_0, \partial L/\partial w_1)`, element-wise.
    window : (float, float, float, float)
        ``(w0_min, w0_max, w1_min, w1_max)``: where the plots look.
    labels : (str, str)
        Axis labels of the two parameters.
    minima : tuple of (float, float)
        Known minima, marked on plots (may be empty).

    """

    name: str
    formula: str
    f: Surface
    df: SurfaceGrad
    window: tuple[float, float, float, float]
    labels: tuple[str, str] = ("$w_0$", "$w_1$")
    minima: tuple[tuple[float, float], ...] = ()

    def loss(self, w: ArrayLike) -> float:
        """:math:`L(w)` at one finite point ``w = (w0, w1)`` (``inf`` beyond the largest float, without a warning)."""
        p = _point(w)
        with np.errstate(over="ignore", invalid="ignore"):
            return float(self.f(p[0], p[1]))

    def grad(self, w: ArrayLike) -> Array:
        r""":math:`\nabla L(w)`, shape (2,) (entries beyond the largest float are infinite, without a warning)."""
        p = _point(w)
        with np.errstate(over="ignore", invalid="ignore"):
            return np.array(self.df(p[0], p[1]), dtype=np.float64)

    def hessian(self, w: ArrayLike, h: float = 1e-5) -> Array:
        r"""Hessian matrix (黑塞矩阵) :math:`H_{kl} = \partial^2 L / \partial w_k \partial w_l` at ``w``, shape (2, 2).

        Central differences of the analytic gradient,
        :math:`H_{:,l} \approx (\nabla L(w + s_l e_l) - \nabla L(w - s_l e_l)) / 2 s_l`
        with the relative step :math:`s_l = h \max(1, |w_l|)`, symmetrised. For a
        quadratic loss it is exact up to rounding.

        Raises
        ------
        ValueError
            If ``h`` is not a positive finite number or so small that the step is lost in rounding.
        """
        p = _point(w)
        h = as_real("h", h, positive=True)
        columns = []
        for k in range(2):
            e = np.zeros(2)
            e[k] = relative_step(float(p[k]), h, f"w[{k}]")
            columns.append((self.grad(p + e) - self.grad(p - e)) / (2 * e[k]))
        H = np.column_stack(columns)
        return (H + H.T) / 2

    def grid(self, n: int = 120) -> tuple[Array, Array, Array]:
        """``(W1, W2, L)`` on an ``n`` by ``n`` grid over the window (``n >= 2``), for contour plots."""
        n = as_count("n", n, minimum=2)
        w0_min, w0_max, w1_min, w1_max = self.window
        W1, W2 = np.meshgrid(np.linspace(w0_min, w0_max, n), np.linspace(w1_min, w1_max, n))
        with np.errstate(over="ignore", invalid="ignore"):
            return W1, W2, self.f(W1, W2)

    def descend(self, w0: ArrayLike, lr: float, steps: int, **kwargs: float) -> Trajectory:
        """Gradient descent on this surface from ``w0`` (see :func:`nnmath.gradient_descent`)."""
        return gradient_descent(self.grad, _point(w0), lr, steps, loss=self.loss, **kwargs)


def _point(w: ArrayLike) -> Array:
    p = as_array("w", w, ndim=(1,))
    if p.shape != (2,):
        raise ValueError(f"a landscape point must have shape (2,), got {p.shape}")
    require_finite("w", p)
    return p


def _times(a: float) -> str:
    """A coefficient as a formula writes it before a variable: nothing for 1, else ``a`` and a thin space."""
    return "" if a == 1 else rf"{a:g}\,"


def bowl(a0: float = 1.0, a1: float = 1.0) -> Landscape:
    r"""Quadratic bowl (二次碗) :math:`L = \tfrac12 (a_0 w_0^2 + a_1 w_1^2)` with curvatures :math:`a_0, a_1 > 0`.

    The gradient is :math:`(a_0 w_0, a_1 w_1)`; descent converges exactly when
    :math:`0 < \eta < 2/\max(a_0, a_1)`. With :math:`a_0 \ne a_1` the bowl is
    elongated and the steep direction limits :math:`\eta`.
    """
    a0 = as_real("a0", a0, positive=True)
    a1 = as_real("a1", a1, positive=True)
    return Landscape(
        name="二次碗",
        formula=rf"L = \frac{{1}}{{2}}({_times(a0)}w_0^2 + {_times(a1)}w_1^2)",
        f=lambda w0, w1: 0.5 * (a0 * w0**2 + a1 * w1**2),
        df=lambda w0, w1: (a0 * w0, a1 * w1),
        window=(-3.0, 3.0, -3.0, 3.0),
        minima=((0.0, 0.0),),
    )


def source_loss() -> Landscape:
    r"""The source's example loss (原文的例子) :math:`L = w_0^2 + 3w_1 + 5`, in the book's 0-based names.

    The source writes it :math:`L = w_1^2 + 3w_2 + 5` (勘误与说明 7).

    :math:`\partial L/\partial w_0 = 2w_0` and :math:`\partial L/\partial w_1 = 3`:
    the second partial is never 0, so this loss has no minimum and descent
    walks downhill along :math:`w_1` forever.
    """
    return Landscape(
        name="原文的损失函数",
        formula=r"L = w_0^2 + 3w_1 + 5",
        f=lambda w0, w1: w0**2 + 3.0 * w1 + 5.0,
        df=lambda w0, w1: (2.0 * w0, np.full_like(np.asarray(w1, dtype=float), 3.0)),
        window=(-3.0, 3.0, -10.0, 3.0),
    )


def multi_minima() -> Landscape:
    r"""Several minima (多个局部最小值) :math:`L = (w_0^2-1)^2 + (w_1^2-1)^2 + 0.3w_0 + 0.2w_1`.

    Four local minima near :math:`(\pm1, \pm1)` (the global one near
    :math:`(-1, -1)`), four saddle points and a maximum near the origin.
    """

    def f(w0: Array, w1: Array) -> Array:
        return (w0**2 - 1) ** 2 + (w1**2 - 1) ** 2 + 0.3 * w0 + 0.2 * w1

    def df(w0: Array, w1: Array) -> tuple[Array, Array]:
        return 4 * w0 * (w0**2 - 1) + 0.3, 4 * w1 * (w1**2 - 1) + 0.2

    def valleys(c: float) -> list[float]:
        # 1-D minima of (w^2-1)^2 + c w: real roots of 4w^3 - 4w + c = 0 with 12w^2 - 4 > 0.
        roots = np.roots([4.0, 0.0, -4.0, c])
        return sorted(float(r.real) for r in roots if abs(r.imag) < 1e-12 and 12 * r.real**2 - 4 > 0)

    return Landscape(
        name="多个局部最小值的曲面",
        formula=r"L = (w_0^2-1)^2 + (w_1^2-1)^2 + 0.3w_0 + 0.2w_1",
        f=f,
        df=df,
        window=(-2.0, 2.0, -2.0, 2.0),
        minima=tuple((a, c) for a in valleys(0.3) for c in valleys(0.2)),
    )


def saddle() -> Landscape:
    r"""Saddle (鞍点) :math:`L = w_0^2 - w_1^2`: the gradient is 0 at the origin, which is no minimum."""
    return Landscape(
        name="鞍面",
        formula=r"L = w_0^2 - w_1^2",
        f=lambda w0, w1: w0**2 - w1**2,
        df=lambda w0, w1: (2.0 * w0, -2.0 * w1),
        window=(-2.0, 2.0, -2.0, 2.0),
    )


def _around(best: Array) -> tuple[float, float, float, float]:
    """A window centred on the minimum ``best``, wide enough to show the bowl."""
    spread = max(2.5, 1.5 * float(np.max(np.abs(best))))
    return (best[0] - spread, best[0] + spread, best[1] - spread, best[1] + spread)


def least_squares(
    A: ArrayLike,
    t: ArrayLike,
    name: str = "最小二乘损失",
    labels: tuple[str, str] = ("$w_0$", "$w_1$"),
) -> Landscape:
    r"""Mean squared error of a model linear in two parameters (最小二乘损失) as a surface.

    .. math:: L(w) = \frac{1}{N} \sum_{k=0}^{N-1} \big(A_{k0} w_0 + A_{k1} w_1 - t_k\big)^2
              = \frac{1}{N} \lVert A w - t \rVert^2,
              \qquad \nabla L = \frac{2}{N} A^\top (A w - t).

    Loss, gradient and minimum are :mod:`nnmath.fitting`'s
    (:func:`~nnmath.fitting.least_squares_loss`, :func:`~nnmath.fitting.least_squares_grad`,
    :func:`~nnmath.fitting.solve_least_squares`); the minimum is starred on
    plots and the window is centred on it.

    Parameters
    ----------
    A : array_like, shape (N, 2)
        One row per data point: what multiplies each parameter.
    t : array_like, shape (N,)
        The targets.
    name : str
        The name shown on plots.
    labels : (str, str)
        Axis labels of the two parameters.
    """
    A_arr = as_array("A", A, ndim=(2,))
    t_arr = as_array("t", t, ndim=(1,))
    if A_arr.shape[1] != 2 or A_arr.shape[0] != t_arr.shape[0] or t_arr.size == 0:
        raise ValueError(f"A must have shape (N, 2) and t shape (N,), got {A_arr.shape} and {t_arr.shape}")
    best = fitting.solve_least_squares(A_arr, t_arr)
    return Landscape(
        name=name,
        formula=r"L = \frac{1}{N}\,\Vert Aw - t \Vert^2",
        f=lambda w0, w1: fitting.least_squares_loss(A_arr, t_arr, np.stack(np.broadcast_arrays(w0, w1), axis=-1)),
        df=lambda w0, w1: tuple(
            np.moveaxis(fitting.least_squares_grad(A_arr, t_arr, np.stack(np.broadcast_arrays(w0, w1), axis=-1)), -1, 0)
        ),
        window=_around(best),
        labels=labels,
        minima=((float(best[0]), float(best[1])),),
    )


def line_fit(x: ArrayLike, t: ArrayLike) -> Landscape:
    r"""Loss of the line :math:`y = wx + b` on data (直线拟合的损失曲面) over :math:`(w, b)`.

    .. math:: L(w, b) = \frac{1}{N} \sum_{k} (w x_k + b - t_k)^2

    Parameters
    ----------
    x, t : array_like, shape (N,)
        The data points :math:`(x_k, t_k)`.
    """
    x_arr = as_array("x", x, ndim=(1,))
    t_arr = as_array("t", t, ndim=(1,))
    if x_arr.shape != t_arr.shape:
        raise ValueError(f"x and t must have the same shape, got {x_arr.shape} and {t_arr.shape}")
    require_finite("x", x_arr)
    fit = least_squares(fitting.design_matrix(x_arr, 1), t_arr, "直线拟合的损失", ("$w$", "$b$"))
    return replace(fit, formula=r"L = \frac{1}{N}\sum_k (w x_k + b - t_k)^2")


def layer_fit(X: ArrayLike, T: ArrayLike, W: ArrayLike, b: ArrayLike, neuron: int = 0, input: int = 0) -> Landscape:
    r"""The real loss of a layer over one weight and one bias (一层网络的真实损失曲面).

    The layer :math:`Y = \text{linear}(X, W, b)` is scored with
    :math:`L = \text{mse}(Y, T)`. Every parameter is held at its value in
    ``W`` and ``b`` except two: :math:`W_{ij}` and :math:`b_i` with
    ``i = neuron`` and ``j = input``. Neuron ``i``'s output is then linear in
    them, :math:`Y_{ki} = W_{ij} X_{kj} + b_i + c_k` (:math:`c_k` the rest),
    so over :math:`(W_{ij}, b_i)` the loss is a least-squares bowl
    (:mod:`nnmath.fitting`) with :math:`A = [X_{\cdot j}\;\; 1]` and targets
    :math:`T_{\cdot i} - c`, scaled by :math:`1/m` and raised by the other
    neurons' constant error. Its gradient is what :func:`nnmath.linear_backward`
    gives after :func:`nnmath.mse_grad` (第 4 章):

    .. math:: \frac{\partial L}{\partial W_{ij}} = \frac{2}{Nm}\sum_k (Y_{ki} - T_{ki}) X_{kj}, \qquad
              \frac{\partial L}{\partial b_i} = \frac{2}{Nm}\sum_k (Y_{ki} - T_{ki}).

    Parameters
    ----------
    X : array_like, shape (N, n)
        Inputs, one per row.
    T : array_like, shape (N, m)
        Targets.
    W : array_like, shape (m, n)
    b : array_like, shape (m,)
    neuron, input : int
        Which weight :math:`W_{ij}` and bias :math:`b_i` are free.

    """
    X_arr = as_array("X", X, ndim=(2,))
    T_arr = as_array("T", T, ndim=(2,))
    W_arr = as_array("W", W, ndim=(2,))
    b_arr = as_array("b", b, ndim=(1,))
    for name, arr in (("X", X_arr), ("T", T_arr), ("W", W_arr), ("b", b_arr)):
        require_finite(name, arr)
    Y = linear(X_arr, W_arr, b_arr)
    if Y.shape != T_arr.shape:
        raise ValueError(f"T must have shape {Y.shape} (the layer's output), got {T_arr.shape}")
    m, n = W_arr.shape
    neuron, input = as_count("neuron", neuron), as_count("input", input)
    if not (neuron < m and input < n):
        raise ValueError(f"neuron must be in [0, {m}) and input in [0, {n}), got {neuron}, {input}")
    i, j = neuron, input
    A = np.column_stack([X_arr[:, j], np.ones(X_arr.shape[0])])
    rest = Y[:, i] - W_arr[i, j] * X_arr[:, j] - b_arr[i]  # neuron i's output without the two free parameters
    bowl = least_squares(A, T_arr[:, i] - rest)
    others = float(np.sum(np.delete(Y - T_arr, i, axis=1) ** 2)) / T_arr.size  # the other neurons' part, constant
    return Landscape(
        name=f"{i} 号神经元的损失",
        formula=r"L = \mathrm{mse}(XW^\top + b,\ T)",
        f=lambda w, c: bowl.f(w, c) / m + others,
        df=lambda w, c: tuple(g / m for g in bowl.df(w, c)),
        window=bowl.window,
        labels=(f"$W_{{{i}{j}}}$", f"$b_{{{i}}}$"),
        minima=bowl.minima,
    )


@dataclass(frozen=True)
class Curve:
    r"""A loss curve :math:`L(w)` of one parameter with its derivative (一元损失曲线).

    Attributes
    ----------
    name : str
        The name shown on plots (Chinese).
    formula : str
        The formula in LaTeX.
    f : callable
        :math:`L(w)`, element-wise over arrays of any shape.
    df : callable
        :math:`dL/dw`, element-wise.
    window : (float, float)
        ``(w_min, w_max)``: where the plots look.
    label : str
        Axis label of the parameter.
    minima : tuple of float
        Known minima, marked on plots (may be empty).

    """

    name: str
    formula: str
    f: CurveFunction
    df: CurveFunction
    window: tuple[float, float]
    label: str = "$w$"
    minima: tuple[float, ...] = ()

    def loss(self, w: ArrayLike) -> float:
        """:math:`L(w)` at one finite number ``w`` (``inf`` beyond the largest float, without a warning)."""
        x = _number(w)
        with np.errstate(over="ignore", invalid="ignore"):
            return float(self.f(x))

    def grad(self, w: ArrayLike) -> Array:
        r""":math:`dL/dw` at one finite number ``w``, as a 0-d array (so :func:`gradient_descent` can use it)."""
        x = _number(w)
        with np.errstate(over="ignore", invalid="ignore"):
            return np.asarray(self.df(x), dtype=np.float64)

    def second_derivative(self, w: ArrayLike, h: float = 1e-5) -> float:
        r"""Second derivative (二阶导数) :math:`d^2L/dw^2 \approx (L'(w+s) - L'(w-s)) / 2s`, :math:`s = h \max(1, |w|)`.

        Raises
        ------
        ValueError
            If ``h`` is not a positive finite number or so small that the step is lost in rounding.
        """
        x = float(_number(w))
        s = relative_step(x, as_real("h", h, positive=True), "w")
        return float((self.grad(x + s) - self.grad(x - s)) / (2 * s))

    def grid(self, n: int = 400) -> tuple[Array, Array]:
        """``(w, L)`` on ``n`` points over the window (``n >= 2``), for plots."""
        n = as_count("n", n, minimum=2)
        w = np.linspace(self.window[0], self.window[1], n)
        with np.errstate(over="ignore", invalid="ignore"):
            return w, self.f(w)

    def descend(self, w0: ArrayLike, lr: float, steps: int, **kwargs: float) -> Trajectory:
        """Gradient descent on this curve from the number ``w0``; ``points`` has shape ``(k + 1,)``."""
        return gradient_descent(self.grad, _number(w0), lr, steps, loss=self.loss, **kwargs)


def _number(w: ArrayLike) -> Array:
    p = as_array("w", w)
    if p.size != 1:
        raise ValueError(f"a curve point must be one number, got shape {p.shape}")
    require_finite("w", p)
    return p.reshape(())


def parabola(a: float = 1.0) -> Curve:
    r"""Parabola (抛物线) :math:`L = \tfrac12 a w^2` with curvature :math:`a > 0`.

    :math:`dL/dw = a w` and :math:`d^2L/dw^2 = a`; descent multiplies :math:`w` by
    :math:`1 - \eta a` each step and converges exactly when :math:`\eta < 2/a`.
    """
    a = as_real("a", a, positive=True)
    return Curve(
        name="抛物线",
        formula=r"L = \frac{1}{2}w^2" if a == 1 else rf"L = \frac{{1}}{{2}}\cdot {a:g}\,w^2",
        f=lambda w: 0.5 * a * np.asarray(w, dtype=float) ** 2,
        df=lambda w: a * np.asarray(w, dtype=float),
        window=(-3.0, 3.0),
        minima=(0.0,),
    )


#: Where the derivative of :func:`bumpy` is zero (``2`` twice).
BUMPY_ROOTS = (-2.0, -1.0, 1.0, 2.0, 2.0)


def bumpy() -> Curve:
    r"""A bumpy loss curve (起伏的损失曲线) with every kind of stationary point.

    Its derivative is :math:`L'(w) = \tfrac14 (w + 2)(w + 1)(w - 1)(w - 2)^2`, so
    :math:`L' = 0` at :math:`w = -2` (a local minimum), :math:`-1` (local maximum),
    :math:`1` (the global minimum) and :math:`2` (a double root: the slope is 0
    but does not change sign, a flat shoulder that is neither). :math:`L` is
    the integral with :math:`L(0) = 3`.
    """
    dpoly = np.polynomial.Polynomial.fromroots(BUMPY_ROOTS) / 4.0
    poly = dpoly.integ(k=3.0)
    return Curve(
        name="起伏的曲线",
        formula=r"L'(w) = \frac{1}{4}(w+2)(w+1)(w-1)(w-2)^2",
        f=lambda w: poly(np.asarray(w, dtype=float)),
        df=lambda w: dpoly(np.asarray(w, dtype=float)),
        window=(-2.45, 2.5),
        minima=(-2.0, 1.0),
    )


def saturated_neuron(target: float = 0.9) -> Curve:
    r"""Loss of one saturated sigmoid neuron (饱和神经元的损失) :math:`L = (\sigma(w) - y)^2`.

    :math:`dL/dw = 2(\sigma(w) - y)\,\sigma(w)(1 - \sigma(w))`. Far to the left
    :math:`\sigma(w) \approx 0`, so the curve is an almost flat plateau (平台):
    the gradient is tiny and descent crawls. The minimum is at
    :math:`w = \ln(y / (1 - y))`.
    """
    target = as_real("target", target)
    if not 0 < target < 1:
        raise ValueError(f"the target must be in (0, 1), got {target}")

    def df(w: Array) -> Array:
        s = sigmoid(np.asarray(w, dtype=float))
        return 2.0 * (s - target) * s * (1.0 - s)

    return Curve(
        name="饱和神经元的损失",
        formula=rf"L = (\sigma(w) - {target:g})^2",
        f=lambda w: (sigmoid(np.asarray(w, dtype=float)) - target) ** 2,
        df=df,
        window=(-9.0, 5.0),
        minima=(float(np.log(target / (1 - target))),),
    )
