r"""The descent explorer, v2 (梯度下降探索器): one front end in the browser, live and static.

One call, :func:`eta_explorer` (loss surface) or :func:`curve_explorer` (loss
curve), gives a :class:`DescentExplorer`, a display object whose output
carries three faces:

* ``application/vnd.jupyter.widget-view+json``: a live ``anywidget`` widget
  (JupyterLab, Notebook 7, Colab, VS Code). The front end (the ES module
  ``js/descent_explorer.js``) runs gradient descent itself and redraws on
  every move of the η slider, the steps slider or the start point: no
  kernel round trip. The traits ``eta``, ``steps`` and ``starts`` follow it.
* ``text/html``: the same module inline, with its data as embedded JSON,
  mounted by one line with a stand-in model; for the static book (no
  kernel, nothing from another host).
* ``image/png``: a still picture for print, the PDF and readers without JavaScript.

The maths stays in nnmath: the front end receives the landscape as a small
spec (:func:`landscape_spec`: a quadratic's Hessian, gradient and value read
off the landscape's own ``grad`` and ``loss`` and checked against them, or a
named surface's parameters), the contour levels and colours, and the rules of
:func:`nnmath.gradient_descent` (``tol``, ``max_norm``), which its iteration
and verdict mirror (``tests/browser/test_explorer_parity.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_count, as_index, as_learning_rates, as_real
from nnmath.activations import sigmoid
from nnmath.descent import SETTLED, DescentError, Trajectory, judge
from nnmath.landscapes import Curve, Landscape
from nnmath.views import _frontend
from nnmath.views._frontend import fmt

#: The rules of :func:`nnmath.gradient_descent` that the front end applies (its defaults).
TOL, MAX_NORM = 1e-6, 1e8

#: The most start points the front end draws at once (each in its own colour).
MAX_STARTS = 6

#: How closely a landscape must match the spec sent to the browser (relative to the terms' size).
SPEC_RTOL = 1e-9

#: Number of contour bands of the map (as :func:`nnmath.views.plotting.draw_surface`).
LEVELS = 25


def esm_source() -> str:
    """The descent explorer's ES module (前端模块) as the browser runs it (shared helpers included)."""
    return _frontend.esm_source(DescentExplorer.module)


# ---- the landscape in a form the browser can evaluate ----


def _sample_points(center: Array, scale: Array) -> Array:
    """Fixed points around ``center`` (within ``scale`` in each direction) where a spec is checked."""
    offsets = np.random.default_rng(12345).uniform(-1.0, 1.0, size=(8, center.size))
    return center + offsets * scale


def _quadratic_spec(loss: Any, grad: Any, center: Array, scale: Array) -> dict[str, Any] | None:
    r"""The quadratic :math:`L_p + g_p^\top d + \tfrac12 d^\top H d` (:math:`d = w - p`) that ``loss`` is, or None."""
    n = center.size
    with np.errstate(all="ignore"):
        gp = np.atleast_1d(np.asarray(grad(center), dtype=float))
        columns = []
        for k in range(n):
            e = np.zeros(n)
            e[k] = scale[k]
            plus = np.atleast_1d(np.asarray(grad(center + e), dtype=float))
            minus = np.atleast_1d(np.asarray(grad(center - e), dtype=float))
            columns.append((plus - minus) / (2.0 * scale[k]))
        H = np.column_stack(columns)
        H = (H + H.T) / 2.0
        Lp = float(loss(center))
        if not (np.all(np.isfinite(H)) and np.all(np.isfinite(gp)) and np.isfinite(Lp)):
            return None
        for w in _sample_points(center, scale):
            d = w - center
            g_true = np.atleast_1d(np.asarray(grad(w), dtype=float))
            g_model = gp + H @ d
            g_size = np.abs(gp) + np.abs(H) @ np.abs(d) + 1e-300
            if np.any(np.abs(g_true - g_model) > SPEC_RTOL * g_size):
                return None
            L_model = Lp + gp @ d + 0.5 * d @ H @ d
            L_size = abs(Lp) + np.abs(gp) @ np.abs(d) + np.abs(d) @ np.abs(H) @ np.abs(d) + 1e-300
            if abs(float(loss(w)) - L_model) > SPEC_RTOL * L_size:
                return None
    return {"kind": "quadratic", "H": H.tolist(), "p": center.tolist(), "gp": gp.tolist(), "Lp": Lp}


def _template_matches(landscape: Landscape, f: Any, df: Any) -> bool:
    """Whether ``landscape`` has the loss ``f`` and gradient ``df`` (to :data:`SPEC_RTOL`) around its window."""
    w1_min, w1_max, w2_min, w2_max = landscape.window
    center = np.array([(w1_min + w1_max) / 2, (w2_min + w2_max) / 2])
    scale = np.array([(w1_max - w1_min) / 2, (w2_max - w2_min) / 2])
    with np.errstate(all="ignore"):
        for w in _sample_points(center, scale):
            want, got = np.array(df(*w)), landscape.grad(w)
            if not np.allclose(got, want, rtol=SPEC_RTOL, atol=0.0) or not np.isclose(
                landscape.loss(w), f(*w), rtol=SPEC_RTOL, atol=0.0
            ):
                return False
    return True


def _multi_minima(w1: float, w2: float) -> float:
    return (w1**2 - 1) ** 2 + (w2**2 - 1) ** 2 + 0.3 * w1 + 0.2 * w2


def _multi_minima_grad(w1: float, w2: float) -> tuple[float, float]:
    return 4 * w1 * (w1**2 - 1) + 0.3, 4 * w2 * (w2**2 - 1) + 0.2


def _curve_points(curve: Curve, n: int = 9) -> Array:
    """``n`` fixed points spread over the curve's window, where a curve spec is checked."""
    lo, hi = curve.window
    return lo + (hi - lo) * np.random.default_rng(54321).uniform(0.0, 1.0, n)


def _sigmoid_target_spec(curve: Curve) -> dict[str, Any] | None:
    r"""``{"kind": "sigmoid_target", "target": y}`` if ``curve`` is :math:`(\sigma(w) - y)^2`, else None."""
    if len(curve.minima) != 1:
        return None
    target = round(float(sigmoid(np.array(curve.minima[0]))), 12)  # y = σ(ln(y / (1 - y))), up to rounding
    with np.errstate(all="ignore"):
        for w in _curve_points(curve):
            s = float(sigmoid(np.array(w)))
            if not (
                np.isclose(curve.loss(w), (s - target) ** 2, rtol=SPEC_RTOL, atol=0.0)
                and np.isclose(float(curve.grad(w)), 2 * (s - target) * s * (1 - s), rtol=SPEC_RTOL, atol=0.0)
            ):
                return None
    return {"kind": "sigmoid_target", "target": target}


def _polynomial_spec(curve: Curve, max_degree: int = 8) -> dict[str, Any] | None:
    """The power-basis coefficients of ``curve``'s loss and derivative if it is a polynomial (degree ≤ 8), else None.

    The derivative is fitted on Chebyshev points of the window, the loss is its integral through
    ``L`` at the window's middle; both are checked at other points to :data:`SPEC_RTOL`.
    """
    lo, hi = curve.window
    nodes = (lo + hi) / 2 + (hi - lo) / 2 * np.cos(np.pi * (np.arange(max_degree + 1) + 0.5) / (max_degree + 1))
    poly = np.polynomial.Polynomial
    middle = (lo + hi) / 2
    with np.errstate(all="ignore"):
        values = np.array([float(curve.grad(w)) for w in nodes])
        if not np.all(np.isfinite(values)):
            return None
        for degree in range(max_degree + 1):  # the lowest degree that fits
            grad = poly.fit(nodes, values, degree).convert()
            loss = grad.integ(lbnd=middle, k=curve.loss(middle))
            if all(_matches(curve, w, loss, grad) for w in _curve_points(curve)):
                return {"kind": "polynomial", "loss": loss.coef.tolist(), "grad": grad.coef.tolist()}
    return None


def _matches(curve: Curve, w: float, loss: Any, grad: Any) -> bool:
    """Whether the polynomials ``loss`` and ``grad`` give ``curve``'s values at ``w`` (to :data:`SPEC_RTOL`)."""
    g_size = np.abs(grad.coef) @ np.abs(w) ** np.arange(grad.coef.size) + 1e-300
    L_size = np.abs(loss.coef) @ np.abs(w) ** np.arange(loss.coef.size) + 1e-300
    return bool(
        abs(float(curve.grad(w)) - grad(w)) <= SPEC_RTOL * g_size and abs(curve.loss(w) - loss(w)) <= SPEC_RTOL * L_size
    )


def landscape_spec(landscape: Landscape | Curve) -> dict[str, Any]:
    """The landscape in a form the front end evaluates (浏览器端的损失函数): kind and parameters.

    - ``"quadratic"``: every quadratic loss (bowls, least squares, line and
      layer fits, parabolas): its Hessian ``H``, and its value ``Lp`` and
      gradient ``gp`` at ``p`` (the one known minimum, else the window's
      centre), read off the landscape's own ``grad`` and ``loss`` and checked
      against them at sample points to :data:`SPEC_RTOL`;
    - ``"multi_minima"``: :func:`nnmath.landscapes.multi_minima` (no parameters);
    - curves: ``"sigmoid_target"`` (:func:`nnmath.landscapes.saturated_neuron`, with ``target``) and
      ``"polynomial"`` (for example :func:`nnmath.landscapes.bumpy`: the coefficients of ``L`` and ``L'``,
      fitted and checked).

    Raises
    ------
    ValueError
        If ``landscape`` is not a Landscape or Curve, or is none of these kinds.
    """
    if isinstance(landscape, Landscape):
        w1_min, w1_max, w2_min, w2_max = landscape.window
        scale = np.array([(w1_max - w1_min) / 2, (w2_max - w2_min) / 2])
        middle = np.array([(w1_min + w1_max) / 2, (w2_min + w2_max) / 2])
        center = np.array(landscape.minima[0], dtype=float) if len(landscape.minima) == 1 else middle
        spec = _quadratic_spec(landscape.loss, landscape.grad, center, scale)
        if spec is not None:
            return spec
        if _template_matches(landscape, _multi_minima, _multi_minima_grad):
            return {"kind": "multi_minima"}
    elif isinstance(landscape, Curve):
        lo, hi = landscape.window
        center = np.array([landscape.minima[0] if len(landscape.minima) == 1 else (lo + hi) / 2])
        spec = _quadratic_spec(landscape.loss, landscape.grad, center, np.array([(hi - lo) / 2]))
        if spec is None:
            spec = _sigmoid_target_spec(landscape) or _polynomial_spec(landscape)
        if spec is not None:
            return spec
    else:
        raise ValueError(f"landscape must be a Landscape or a Curve, got {type(landscape).__name__}")
    raise ValueError(
        f"landscape {landscape.name!r} has no form the browser can evaluate: "
        "quadratic losses, the multi_minima surface, sigmoid-target and polynomial curves are supported"
    )


# ---- text without TeX ----

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def plain(text: str) -> str:
    r"""A label without TeX (纯文本标签): ``"$W_{00}$"`` → ``"W₀₀"``, ``"$y=2x$"`` → ``"y=2x"``."""

    def math(match: re.Match[str]) -> str:
        body = re.sub(r"_\{?(\d+)\}?", lambda m: m.group(1).translate(_SUBSCRIPTS), match.group(1))
        return re.sub(r"\\[,;! ]|[{}\\]", "", body)

    return re.sub(r"\$([^$]*)\$", math, text)


# ---- the explorer ----


class DescentExplorer(_frontend.FrontEnd):
    """Gradient descent on a loss surface or curve, explored in the browser (梯度下降探索器).

    Create it with :func:`eta_explorer` or :func:`curve_explorer`; display it
    as the last value of a cell (see the module docstring for its three faces).

    Attributes
    ----------
    landscape : Landscape or Curve
    data : dict
        What the front end needs, JSON-ready: the spec, window, labels,
        contour levels and colours, η range and ticks, notes, rules.
    eta : float
        The learning rate shown first.
    steps : int
    starts : list of ndarray
        The start points shown first (one, or several).

    """

    kind: ClassVar[str] = "descent"
    module: ClassVar[str] = "descent_explorer.js"
    traits: ClassVar[dict[str, str]] = {"data": "dict", "eta": "float", "steps": "int", "starts": "list"}

    def __init__(
        self, landscape: Landscape | Curve, data: dict[str, Any], eta: float, steps: int, starts: list[Array]
    ) -> None:
        self.landscape = landscape
        self.data = data
        self.eta = eta
        self.steps = steps
        self.starts = starts
        self._widget = None

    @property
    def dims(self) -> int:
        """2 for a surface, 1 for a curve."""
        return int(self.data["dims"])

    def run(self, lr: float | None = None, start: ArrayLike | None = None, steps: int | None = None) -> Trajectory:
        """Gradient descent as the front end runs it (:meth:`Landscape.descend`), defaults from the explorer.

        ``lr`` is the learning rate η (default: the η shown first, :attr:`eta`, the front end's name).

        Raises
        ------
        DescentError
            If the run cannot start or go on (see :func:`nnmath.gradient_descent`).
        """
        w0 = self.starts[-1] if start is None else start
        if self.dims == 1:
            w0 = float(np.asarray(w0, dtype=float).reshape(-1)[0])
        return self.landscape.descend(w0, self.eta if lr is None else lr, self.steps if steps is None else steps)

    def state(self) -> dict[str, Any]:
        """The front end's model: ``data``, ``eta``, ``steps`` and ``starts`` (JSON-ready)."""
        return {"data": self.data, "eta": self.eta, "steps": self.steps, "starts": [p.tolist() for p in self.starts]}

    def root_attributes(self) -> dict[str, str]:
        """``data-dims``: 2 for a surface, 1 for a curve."""
        return {"data-dims": str(self.dims)}

    def alt_text(self) -> str:
        """One sentence (Chinese) on the picture shown first."""
        start = ", ".join(f"{v:g}" for v in self.starts[-1])
        return f"{self.data['title']}上从 ({start}) 出发、学习率 η = {self.eta:g} 的梯度下降：{self.describe()}"

    def describe(self, trajectory: Trajectory | None = None) -> str:
        """The verdict sentence (Chinese) of a run, the same words as the front end's readout."""
        if trajectory is None:
            try:
                trajectory = self.run()
            except DescentError as exc:
                if exc.step == 0:
                    return "无法开始：起点处的损失或梯度超出浮点数范围"
                return f"停止：第 {exc.step} 步损失或梯度不再是有限数"
        return describe(trajectory)

    def still_figure(self) -> Figure:
        """The still picture (静态画面): the runs shown first, drawn by matplotlib."""
        from nnmath.views.still import still_figure

        return still_figure(self)

    def __repr__(self) -> str:
        starts = ", ".join(str(tuple(round(v, 6) for v in p.tolist())) for p in self.starts)
        return f"DescentExplorer({self.data['title']}, η = {self.eta:g}, starts = [{starts}], steps = {self.steps})"


def describe(trajectory: Trajectory) -> str:
    """The verdict sentence (结论) of a run: one per :func:`nnmath.descent.judge`, word for word the front end's.

    Raises
    ------
    ValueError
        If ``trajectory`` is not a Trajectory with its losses recorded.
    """
    judgement = judge(trajectory)
    losses = trajectory.losses
    assert losses is not None  # judge checked it
    last, k = float(losses[-1]), trajectory.steps
    steps = np.linalg.norm(np.diff(trajectory.points.reshape(k + 1, -1), axis=0), axis=1)
    match judgement:
        case "diverging" if trajectory.diverged:
            return f"发散：第 {trajectory.diverged_at} 步数值爆炸（|w| 超过起点的一亿倍），停止"
        case "diverging":
            return f"发散：损失越走越大，{k} 步后 L = {fmt(last, 3)}（起点 {fmt(losses[0], 3)}）"
        case "converged" if trajectory.converged:
            return f"收敛：第 {trajectory.converged_at} 步梯度长度 ≤ {fmt(TOL)}，L = {fmt(last, 4)}"
        case "converged":
            return f"收敛：{k} 步后步长不到最长一步的 {fmt(SETTLED)}，L = {fmt(last, 4)}"
        case "oscillating":
            factor = fmt(steps[-1] / steps[-2], 2)
            return f"振荡：每一步都跳到另一侧，步长每步变为 {factor} 倍；{k} 步后 L = {fmt(last, 4)}"
        case _ if k == 0:
            return f"还在下降：0 步后 L = {fmt(last, 4)}"
        case _:
            ratio, settled = fmt(steps[-1] / steps.max(), 2), fmt(SETTLED)
            tail = f"最后一步仍是最长一步的 {ratio} 倍（不到 {settled} 才算收敛）"
            return f"还在下降：{k} 步后 L = {fmt(last, 4)}，{tail}"


# ---- the data the front end needs ----


def _levels_and_colors(values: Array) -> tuple[list[float], list[str]]:
    """Contour levels as matplotlib picks them (``contourf(levels=25)``) and viridis at 85 % on white per band."""
    from matplotlib import colormaps

    finite = values[np.isfinite(values)]
    levels = MaxNLocator(LEVELS + 1).tick_values(float(finite.min()), float(finite.max()))
    middles = (levels[:-1] + levels[1:]) / 2
    span = levels[-1] - levels[0]
    rgb = colormaps["viridis"]((middles - levels[0]) / span if span > 0 else np.zeros_like(middles))[:, :3]
    rgb = 0.85 * rgb + 0.15
    colors = ["#" + "".join(f"{round(255 * c):02x}" for c in row) for row in rgb]
    return [float(v) for v in levels], colors


def _check_notes(notes: Sequence[str] | None, etas: list[float]) -> list[list[Any]]:
    if notes is None:
        return []
    if isinstance(notes, str | bytes) or len(notes) != len(etas):
        raise ValueError(f"notes must hold one note per learning rate: {len(etas)} etas, got {notes!r}")
    return [[eta, str(note)] for eta, note in zip(etas, notes, strict=True)]


def _check_ticks(ticks: Mapping[str, float] | Sequence[tuple[str, float]] | None) -> list[list[Any]] | None:
    if ticks is None:
        return None
    pairs = list(ticks.items()) if isinstance(ticks, Mapping) else list(ticks)
    checked = []
    for pair in pairs:
        if not (isinstance(pair, tuple | list) and len(pair) == 2 and isinstance(pair[0], str)):
            raise ValueError(f"ticks must map labels to learning rates, got {ticks!r}")
        checked.append([pair[0], as_real("ticks[label]", pair[1], positive=True)])
    return checked


def _check_point(name: str, point: ArrayLike, dims: int) -> Array:
    try:
        arr = as_array(name, point)
    except ValueError as exc:
        raise ValueError(f"{name} must be {dims} finite number(s), got {point!r}") from exc
    if arr.size != dims or not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be {dims} finite number(s), got {point!r}")
    return arr.reshape(dims)


def _default_ticks(spec: dict[str, Any], dims: int) -> list[list[Any]]:
    """1/a and 2/a (1/λmax and 2/λmax) of a quadratic with a positive largest curvature; none otherwise."""
    if spec["kind"] != "quadratic":
        return []
    top = float(np.linalg.eigvalsh(np.array(spec["H"])).max())
    if not top > 0:
        return []
    name = "a" if dims == 1 else "λ"
    return [[f"1/{name}", 1.0 / top], [f"2/{name}", 2.0 / top]]


def _explorer(
    landscape: Landscape | Curve,
    etas: list[float],
    starts: list[Array],
    steps: int,
    initial: int,
    notes: list[list[Any]],
    ticks: list[list[Any]] | None,
    views: tuple[str, ...] = ("contour",),
) -> DescentExplorer:
    spec = landscape_spec(landscape)
    dims = 2 if isinstance(landscape, Landscape) else 1
    tick_list = _default_ticks(spec, dims) if ticks is None else ticks
    lo, hi = etas[0], etas[-1]
    if lo == hi:
        lo, hi = lo / 10, hi * 10
    data: dict[str, Any] = {
        "dims": dims,
        "spec": spec,
        "title": plain(landscape.name),
        "window": [float(v) for v in landscape.window],
        "minima": [[float(v) for v in np.atleast_1d(m)] for m in landscape.minima],
        "eta_range": [lo, hi],
        "ticks": tick_list,
        "notes": notes,
        "tol": TOL,
        "max_norm": MAX_NORM,
        "max_steps": max(200, 2 * steps),
        "tangents": 12 if dims == 1 else 0,
    }
    if isinstance(landscape, Landscape):
        data["labels"] = [plain(label) for label in landscape.labels]
        data["views"] = list(views)
        data["levels"], data["colors"] = _levels_and_colors(landscape.grid(120)[2])
    else:
        _, L = landscape.grid(400)
        low, high = float(np.min(L)), float(np.max(L))
        pad = 0.08 * (high - low)
        data["labels"] = [plain(landscape.label), "L"]
        data["ylim"] = [low - pad, high + pad]
    return DescentExplorer(landscape, data, etas[initial], steps, starts)


def eta_explorer(
    landscape: Landscape,
    etas: Sequence[float] = (0.01, 0.03, 0.1, 0.3, 0.6, 0.9, 1.0, 1.1),
    start: ArrayLike = (2.5, 2.0),
    steps: int = 40,
    initial: int | None = None,
    views: Sequence[str] = ("contour",),
    starts: Sequence[ArrayLike] | None = None,
    notes: Sequence[str] | None = None,
    ticks: Mapping[str, float] | Sequence[tuple[str, float]] | None = None,
) -> DescentExplorer:
    r"""Explore the learning rate :math:`\eta` and the start point on a loss surface (学习率探索器).

    The arguments of :func:`nnmath.explorer.eta_explorer`, so that a chapter
    switches by its import line; η is now continuous and the start is dragged.

    Parameters
    ----------
    landscape : Landscape
        The loss surface (a kind :func:`landscape_spec` knows).
    etas : sequence of float
        Increasing learning rates: the slider spans ``etas[0]`` to ``etas[-1]``
        on a log scale (any positive value can be typed).
    start : (float, float)
        The start point :math:`w^{(0)}`.
    steps : int
        Number of descent steps (the slider goes to ``max(200, 2 * steps)``).
    initial : int, optional
        Index into ``etas`` of the η shown first (default: the middle one).
    views : sequence of {"contour", "surface"}
        The pictures offered (a choice when both): the contour map, where the start is dragged,
        and the surface in 3-D with the path lying on it. The first is shown first.
    starts : sequence of (float, float), optional
        Several start points shown at once (at most :data:`MAX_STARTS`); ``start`` is then ignored.
    notes : sequence of str, optional
        One note per learning rate, shown in the readout at that η.
    ticks : mapping of str to float, optional
        Labelled tick marks under the η slider (for example ``{"2/a": 1.0}``);
        default: 1/λmax and 2/λmax of a quadratic.

    Returns
    -------
    DescentExplorer

    """
    if not isinstance(landscape, Landscape):
        raise ValueError(
            f"landscape must be a Landscape (use curve_explorer for a Curve), got {type(landscape).__name__}"
        )
    etas_list = as_learning_rates(etas)
    steps = as_count("steps", steps, minimum=1)
    index = as_index(initial, len(etas_list))
    views = tuple(views) if not isinstance(views, str) else (views,)
    if not views or any(v not in ("contour", "surface") for v in views) or len(set(views)) != len(views):
        raise ValueError(f"views must be distinct names from ['contour', 'surface'], got {views}")
    if starts is None:
        points = [_check_point("start", start, 2)]
    else:
        if isinstance(starts, str | bytes):
            raise ValueError(f"starts must be a sequence of points, got {starts!r}")
        points = [_check_point("starts[i]", p, 2) for p in starts]
        if not 1 <= len(points) <= MAX_STARTS:
            raise ValueError(f"starts must hold 1 to {MAX_STARTS} start points, got {len(points)}")
    notes_list, ticks_list = _check_notes(notes, etas_list), _check_ticks(ticks)
    return _explorer(landscape, etas_list, points, steps, index, notes_list, ticks_list, views)


def curve_explorer(
    curve: Curve,
    etas: Sequence[float],
    start: float,
    steps: int = 20,
    initial: int | None = None,
    notes: Sequence[str] | None = None,
    ticks: Mapping[str, float] | Sequence[tuple[str, float]] | None = None,
) -> DescentExplorer:
    r"""Explore the learning rate :math:`\eta` and the start on a loss curve :math:`L(w)` (一元学习率探索器).

    The arguments of :func:`nnmath.explorer.curve_explorer`; the picture is
    the curve with the path and the tangent line at the first iterates,
    beside the loss per step.

    Parameters
    ----------
    curve : Curve
    etas : sequence of float
        Increasing learning rates: the slider's range (log scale).
    start : float
        The start point :math:`w^{(0)}`.
    steps : int, default 20
    initial : int, optional
        Index into ``etas`` of the η shown first (default: the middle one).
    notes : sequence of str, optional
        One note per learning rate, shown in the readout at that η.
    ticks : mapping of str to float, optional
        Labelled tick marks under the η slider; default: 1/a and 2/a of a parabola.

    Returns
    -------
    DescentExplorer

    """
    if not isinstance(curve, Curve):
        raise ValueError(f"curve must be a Curve (use eta_explorer for a Landscape), got {type(curve).__name__}")
    etas_list = as_learning_rates(etas)
    w0 = _check_point("start", start, 1)
    steps = as_count("steps", steps, minimum=1)
    index = as_index(initial, len(etas_list))
    return _explorer(curve, etas_list, [w0], steps, index, _check_notes(notes, etas_list), _check_ticks(ticks))
