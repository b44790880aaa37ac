r"""Pictures and explorers of the maths toolkit (数学工具箱的图与交互, 附录 A).

* :func:`latex_matrix`: a matrix or vector as a LaTeX ``bmatrix`` for the prose;
* :func:`dot_figure`: two arrows, the angle between them and their dot product;
* :func:`plane_figure`: what 2×2 matrices do to the grid of the plane, one
  panel per matrix (for example :math:`W^{(1)}` and then :math:`W^{(2)}W^{(1)}`);
* :func:`draw_plane`: the same picture for one matrix on a given axes (the
  still picture of the matrix explorer, :mod:`nnmath.views.matrix_explorer`);
* :func:`chain_figure`: a computation graph with the values forward and the
  local derivatives whose product is the chain rule;
* :func:`taylor_figure`: a function with its first- and second-order Taylor
  polynomials and how their errors shrink;

The explorers of 附录 A run in the browser: :func:`nnmath.views.matrix_explorer.matrix_explorer`
and :func:`nnmath.views.eigen_explorer.eigen_explorer`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Arc, Polygon
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_2x2, as_array, as_real, require_finite
from nnmath.algebra import (
    dot,
    matmul,
    taylor,
)
from nnmath.views.plotting import new_figure
from nnmath.writeout import latex_number, number

#: Colours of the toolkit's pictures: the images of e0 and e1, the unit square, the grid.
TOOL_COLORS = {"e0": "#d62728", "e1": "#1f77b4", "square": "#ff7f0e", "grid": "#6a51a3", "old": "#bbbbbb"}


def latex_matrix(values: ArrayLike, digits: int = 4) -> str:
    r"""A matrix, or a vector as a column, in LaTeX (矩阵的 LaTeX 写法): ``\begin{bmatrix} … \end{bmatrix}``.

    Numbers are printed with at most ``digits`` significant digits by
    :func:`nnmath.writeout.latex_number`, so that the text is the same on every machine.
    """
    arr = as_array("values", values, ndim=(1, 2))
    require_finite("values", arr)
    rows = arr[:, None] if arr.ndim == 1 else arr
    body = r" \\ ".join(" & ".join(latex_number(v, digits) for v in row) for row in rows)
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"


def mathtext_matrix(values: ArrayLike, digits: int = 3) -> str:
    r"""A 2×2 matrix for matplotlib's mathtext (图中的矩阵), which has no ``bmatrix``: ``\genfrac`` with brackets."""
    M = as_2x2("values", values)
    rows = [r"\ \ ".join(number(v, digits) for v in row) for row in M]
    return r"\genfrac{[}{]}{0}{}{" + rows[0] + "}{" + rows[1] + "}"


def _pair(name: str, value: ArrayLike) -> Array:
    arr = as_array(name, value, ndim=(1,))
    if arr.shape != (2,):
        raise ValueError(f"{name} must have two entries, got shape {arr.shape}")
    require_finite(name, arr)
    return arr


def _arrow(ax: Any, tip: ArrayLike, color: str, start: ArrayLike = (0.0, 0.0), lw: float = 2.4) -> Any:
    return ax.annotate("", tuple(tip), tuple(start), arrowprops={"arrowstyle": "-|>", "color": color, "lw": lw})


def dot_figure(u: ArrayLike, v: ArrayLike) -> Figure:
    r"""Two plane vectors (平面向量), the angle between them and their dot product (点积).

    The title writes :math:`u \cdot v = u_0 v_0 + u_1 v_1 = \lVert u\rVert\,\lVert v\rVert \cos\theta`
    with the numbers; the dashed segment is the projection of :math:`v` on :math:`u`.
    """
    a, b = _pair("u", u), _pair("v", v)
    if not (np.linalg.norm(a) > 0 and np.linalg.norm(b) > 0):
        raise ValueError("u and v must not be the zero vector")
    fig = new_figure(5.6, 4.6)
    ax = fig.add_subplot()
    d = dot(a, b)
    cos = d / (np.linalg.norm(a) * np.linalg.norm(b))
    foot = d / dot(a, a) * a
    _arrow(ax, a, TOOL_COLORS["e0"])
    _arrow(ax, b, TOOL_COLORS["e1"])
    ax.plot([b[0], foot[0]], [b[1], foot[1]], "--", color="0.45", lw=1.2)
    ax.plot([0, foot[0]], [0, foot[1]], "-", color=TOOL_COLORS["square"], lw=5, alpha=0.5, solid_capstyle="butt")
    start, end = math.degrees(math.atan2(a[1], a[0])), math.degrees(math.atan2(b[1], b[0]))
    low, high = (start, end) if (end - start) % 360 <= 180 else (end, start)
    ax.add_patch(Arc((0, 0), 1.0, 1.0, theta1=low, theta2=high if high >= low else high + 360, color="0.3"))
    ax.text(*(1.04 * a), f"$u = ({number(a[0])}, {number(a[1])})$", color=TOOL_COLORS["e0"], fontsize=11)
    ax.text(*(1.04 * b), f"$v = ({number(b[0])}, {number(b[1])})$", color=TOOL_COLORS["e1"], fontsize=11)
    low = np.minimum(np.minimum(a, b), 0.0) - 0.4
    high = np.maximum(np.maximum(a, b), 0.0) * 1.2 + 0.6
    ax.set(xlim=(low[0], high[0] + 0.8), ylim=(low[1], high[1]), aspect="equal")
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.grid(alpha=0.3)
    ax.set_title(
        rf"$u\cdot v = {number(a[0])}\times{number(b[0])} + {number(a[1])}\times{number(b[1])} = {number(d)}$"
        "\n"
        rf"$\cos\theta = {number(cos, 4)}$；橙色：$v$ 在 $u$ 方向上的投影",
        fontsize=11,
    )
    return fig


class _PlaneArtists:
    """The grid of the plane, the unit square and the images of e0, e1 under one 2×2 matrix, on one axes."""

    def __init__(self, ax: Any, reach: float = 3.0, lines: int = 3) -> None:
        self.ax, self.reach, self.lines = ax, reach, lines
        ks = np.arange(-lines, lines + 1)
        old = [[(k, -reach), (k, reach)] for k in ks] + [[(-reach, k), (reach, k)] for k in ks]
        ax.add_collection(LineCollection(old, colors=TOOL_COLORS["old"], linewidths=0.6))
        ax.add_patch(Polygon([(0, 0), (1, 0), (1, 1), (0, 1)], fill=False, ls="--", ec="0.4", lw=1.0))
        self.grid = LineCollection([], colors=TOOL_COLORS["grid"], linewidths=1.0, alpha=0.75)
        ax.add_collection(self.grid)
        self.square = Polygon(np.zeros((4, 2)), fc=TOOL_COLORS["square"], alpha=0.45, ec=TOOL_COLORS["square"])
        ax.add_patch(self.square)
        self.e0 = _arrow(ax, (1, 0), TOOL_COLORS["e0"], lw=2.6)
        self.e1 = _arrow(ax, (0, 1), TOOL_COLORS["e1"], lw=2.6)
        self.label0 = ax.text(0, 0, "", color=TOOL_COLORS["e0"], fontsize=11)
        self.label1 = ax.text(0, 0, "", color=TOOL_COLORS["e1"], fontsize=11)
        ax.set(xlim=(-reach, reach), ylim=(-reach, reach), aspect="equal", xticks=ks, yticks=ks)
        ax.tick_params(labelsize=8)

    def set(self, A: Array, title: str) -> None:
        """Draw the picture of ``A`` (a finite 2×2 matrix)."""
        r, ks = 2 * self.reach, np.arange(-self.lines - 3, self.lines + 4)
        segments = [[matmul(A, [k, -r]), matmul(A, [k, r])] for k in ks]
        segments += [[matmul(A, [-r, k]), matmul(A, [r, k])] for k in ks]
        self.grid.set_segments(segments)
        c0, c1 = A[:, 0], A[:, 1]
        self.square.set_xy(np.array([(0, 0), c0, c0 + c1, c1]))
        self.e0.xy, self.e1.xy = tuple(c0), tuple(c1)
        for label, tip, name in ((self.label0, c0, "$Ae_0$"), (self.label1, c1, "$Ae_1$")):
            label.set_position(tuple(np.clip(tip * 1.08 + 0.08, -self.reach + 0.1, self.reach - 0.5)))
            label.set_text(name)
        self.ax.set_title(title, fontsize=11)


def draw_plane(ax: Any, A: ArrayLike, title: str) -> None:
    r"""What one 2×2 matrix does to the plane (矩阵作用在平面上), drawn on ``ax``: see :func:`plane_figure`."""
    _PlaneArtists(ax).set(as_2x2("A", A), title)


def plane_figure(matrices: Sequence[ArrayLike], titles: Sequence[str]) -> Figure:
    r"""What 2×2 matrices do to the plane (矩阵作用在平面上), one panel per matrix.

    Grey: the original grid and the unit square (dashed). Purple: the grid
    after the matrix; orange: the image of the unit square; red and blue:
    :math:`Ae_0` and :math:`Ae_1`, the matrix's two columns.
    """
    mats = [as_2x2(f"matrices[{k}]", m) for k, m in enumerate(matrices)]
    if not mats or len(titles) != len(mats):
        raise ValueError(f"need one title per matrix (at least one): {len(mats)} matrices, {len(titles)} titles")
    fig = new_figure(3.4 * len(mats), 3.7)
    for ax, A, title in zip(fig.subplots(1, len(mats), squeeze=False)[0], mats, titles, strict=True):
        _PlaneArtists(ax).set(A, title)
    return fig


@dataclass(frozen=True)
class Step:
    """One edge of a chain (计算图的一条边): the operation, its local derivative's symbol and value."""

    operation: str
    derivative: str
    value: float


def chain_figure(nodes: Sequence[tuple[str, float]], steps: Sequence[Step]) -> Figure:
    r"""A computation graph (计算图) of a chain of functions, forward values and the chain rule.

    The nodes (symbol and value) stand in a row; the arrow between two nodes
    carries its operation (above) and its local derivative (below, red).
    The bottom line multiplies the local derivatives (链式法则):
    :math:`\dfrac{dL}{dx} = \prod \text{local derivatives}`.

    Parameters
    ----------
    nodes : sequence of (str, float)
        ``k + 1`` nodes: mathtext symbol (without ``$``) and value.
    steps : sequence of Step
        The ``k`` edges between them; ``derivative`` is mathtext without ``$``
        (for example ``\\dfrac{dy}{dw}``).

    """
    if len(nodes) != len(steps) + 1 or not steps:
        raise ValueError(f"need one more node than steps (and a step): {len(nodes)} nodes, {len(steps)} steps")
    fig = new_figure(2.3 * len(nodes) + 0.4, 2.6)
    fig.set_layout_engine("none")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    n = len(nodes)
    ax.set(xlim=(-0.6, n - 0.4), ylim=(-1.2, 0.85))
    for k, (symbol, value) in enumerate(nodes):
        ax.text(
            k,
            0.3,
            f"${symbol}$\n$= {number(value, 4)}$",
            ha="center",
            va="center",
            fontsize=12,
            bbox={"boxstyle": "round,pad=0.4", "fc": "#cfe3f7" if k == 0 else "#fde0c5", "ec": "0.4"},
        )
    product = 1.0
    for k, step in enumerate(steps):
        product *= step.value
        ax.annotate("", (k + 0.68, 0.3), (k + 0.32, 0.3), arrowprops={"arrowstyle": "-|>", "color": "0.3", "lw": 1.6})
        ax.text(k + 0.5, 0.45, step.operation, ha="center", va="bottom", fontsize=11)
        ax.text(
            k + 0.5,
            0.12,
            f"${step.derivative} = {number(step.value, 4)}$",
            ha="center",
            va="top",
            fontsize=12,
            color="#b00000",
        )
    first, last = nodes[0][0], nodes[-1][0]
    factors = r" \times ".join(f"({number(s.value, 4)})" for s in steps)
    ax.text(
        (n - 1) / 2,
        -0.85,
        rf"链式法则：$\dfrac{{d{last}}}{{d{first}}} = {factors} = {number(product, 4)}$",
        ha="center",
        va="center",
        fontsize=12,
    )
    return fig


def taylor_figure(
    f: Callable[[Array], Array], derivatives: Sequence[float], x0: float, window: tuple[float, float], name: str
) -> Figure:
    r"""A function with its Taylor polynomials (泰勒展开) and how fast their errors shrink.

    Left: :math:`f` near :math:`x_0` with the tangent line (first order) and
    the parabola (second order). Right, on log-log axes: the errors
    :math:`|f(x_0 + h) - T(x_0 + h)|` against :math:`h`; the first-order
    error falls like :math:`h^2` (slope 2), the second-order like
    :math:`h^3` (slope 3).

    Parameters
    ----------
    f : callable
        Element-wise over arrays.
    derivatives : sequence of float
        :math:`f(x_0), f'(x_0), f''(x_0)`.
    x0 : float
    window : (float, float)
        The x-range of the left panel.
    name : str
        The function's name in LaTeX (without ``$``), e.g. ``\sigma(x)``.

    """
    d = as_array("derivatives", derivatives, ndim=(1,))
    if d.shape != (3,):
        raise ValueError(f"derivatives must be f(x0), f'(x0), f''(x0), got shape {d.shape}")
    c = as_real("x0", x0)
    low, high = as_real("window[0]", window[0]), as_real("window[1]", window[1])
    if not low < c < high:
        raise ValueError(f"window must contain x0 = {c}, got {window}")
    fig = new_figure(10, 4.0)
    ax, ax_err = fig.subplots(1, 2)
    x = np.linspace(low, high, 300)
    fx = f(x)
    ax.plot(x, fx, color="black", lw=2.2, label=f"${name}$")
    ax.plot(x, taylor(d[:2], c, x), "--", color="#d62728", lw=1.8, label="一阶：切线")
    ax.plot(x, taylor(d, c, x), "-.", color="#1f77b4", lw=1.8, label="二阶：抛物线")
    ax.plot([c], [d[0]], "o", color="black")
    pad = 0.15 * float(fx.max() - fx.min())
    ax.set(ylim=(float(fx.min()) - pad, float(fx.max()) + pad), xlabel="$x$", title=f"在 $x_0 = {number(c)}$ 附近")
    ax.legend(fontsize=9)
    ax.grid(alpha=0.3)
    h = np.logspace(-2.5, -0.3, 30)
    exact = f(c + h)
    for order, colour, label in ((1, "#d62728", "一阶的误差"), (2, "#1f77b4", "二阶的误差")):
        ax_err.loglog(h, np.abs(exact - taylor(d[: order + 1], c, c + h)), "o-", ms=3, color=colour, label=label)
    for power, style in ((2, ":"), (3, "--")):
        ref = 0.3 * np.abs(exact[-1] - taylor(d[:power], c, c + h[-1])) * (h / h[-1]) ** power
        ax_err.loglog(h, ref, style, color="0.5", lw=1, label=f"与 $h^{power}$ 成正比")
    ax_err.set(xlabel="$h$（离 $x_0$ 多远）", ylabel="误差", title="$h$ 缩小 10 倍：一阶误差缩小 100 倍，二阶 1000 倍")
    ax_err.legend(fontsize=9)
    ax_err.grid(alpha=0.3, which="both")
    return fig
