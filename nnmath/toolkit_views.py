r"""Pictures and explorers of the maths toolkit (数学工具箱的图与交互, 附录 A).

* :func:`latex_matrix`: a matrix or vector as a LaTeX ``bmatrix`` for the prose;
* :func:`dot_figure`: two arrows, the angle between them and their dot product;
* :func:`plane_figure`: what 2×2 matrices do to the grid of the plane, one
  panel per matrix (for example :math:`W^{(1)}` and then :math:`W^{(2)}W^{(1)}`);
* :func:`matrix_explorer`: a matrix acting on the plane, with two faces
  (:class:`nnmath.explorer.TwoFaced`): four live sliders in Jupyter; in the
  HTML book a light kernel-free twin, a few lines of inline JavaScript that
  draw the same picture as SVG from the four numbers (no images, no other host);
* :func:`chain_figure`: a computation graph with the values forward and the
  local derivatives whose product is the chain rule;
* :func:`taylor_figure`: a function with its first- and second-order Taylor
  polynomials and how their errors shrink;
* :func:`eigen_explorer`: a quadratic bowl's contour lines with its
  eigen-directions and the curvature along each; live sliders for the two
  eigenvalues and the angle, a kernel-free player over the angle in the book.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Arc, Polygon
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_real, require_finite
from nnmath.algebra import (
    bowl_level_curve,
    dot,
    matmul,
    quadratic_bowl,
    symmetric_eigen,
    symmetric_from_eigen,
    taylor,
)
from nnmath.explorer import Frame, TwoFaced, html_player, live_box
from nnmath.plotting import canvas_png, new_figure
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
    M = _square("values", values)
    rows = [r"\ \ ".join(number(v, digits) for v in row) for row in M]
    return r"\genfrac{[}{]}{0}{}{" + rows[0] + "}{" + rows[1] + "}"


def _pair(name: str, value: ArrayLike) -> Array:
    arr = as_array(name, value, ndim=(1,))
    if arr.shape != (2,):
        raise ValueError(f"{name} must have two entries, got shape {arr.shape}")
    require_finite(name, arr)
    return arr


def _square(name: str, value: ArrayLike) -> Array:
    arr = as_array(name, value, ndim=(2,))
    if arr.shape != (2, 2):
        raise ValueError(f"{name} must have shape (2, 2), got {arr.shape}")
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


def plane_figure(matrices: Sequence[ArrayLike], titles: Sequence[str]) -> Figure:
    r"""What 2×2 matrices do to the plane (矩阵作用在平面上), one panel per matrix.

    Grey: the original grid and the unit square (dashed). Purple: the grid
    after the matrix; orange: the image of the unit square; red and blue:
    :math:`Ae_0` and :math:`Ae_1`, the matrix's two columns.
    """
    mats = [_square(f"matrices[{k}]", m) for k, m in enumerate(matrices)]
    if not mats or len(titles) != len(mats):
        raise ValueError(f"need one title per matrix (at least one): {len(mats)} matrices, {len(titles)} titles")
    fig = new_figure(3.4 * len(mats), 3.7)
    for ax, A, title in zip(fig.subplots(1, len(mats), squeeze=False)[0], mats, titles, strict=True):
        _PlaneArtists(ax).set(A, title)
    return fig


def _describe(A: Array, names: tuple[str, str] = ("Ae₀", "Ae₁")) -> str:
    """One line (Chinese) for a matrix's picture: its columns and the area factor."""
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    return (
        f"{names[0]} = ({A[0, 0]:.2f}, {A[1, 0]:.2f})，{names[1]} = ({A[0, 1]:.2f}, {A[1, 1]:.2f})；"
        f"单位正方形变成面积为 {abs(det):.2f} 的平行四边形"
    )


#: The presets of the matrix explorer: name and entries (A00, A01, A10, A11).
MATRIX_PRESETS: tuple[tuple[str, tuple[float, float, float, float]], ...] = (
    ("单位矩阵", (1.0, 0.0, 0.0, 1.0)),
    ("拉伸", (2.0, 0.0, 0.0, 0.5)),
    ("旋转 90°", (0.0, -1.0, 1.0, 0.0)),
    ("剪切", (1.0, 1.0, 0.0, 1.0)),
    ("对称", (2.0, 1.0, 1.0, 2.0)),
    ("压成一条线", (1.0, 2.0, 0.5, 1.0)),
)

_PLANE_SCRIPT = """(function () {
  var root = document.getElementById("%(pid)s"), R = 3;
  var inputs = root.querySelectorAll("input[type=range]"), outs = root.querySelectorAll("output");
  var svg = root.querySelector("svg"), readout = root.querySelector("p");
  function f(v) { return v.toFixed(2); }
  function line(p, q, cls) {
    return '<line x1="' + f(p[0]) + '" y1="' + f(-p[1]) + '" x2="' + f(q[0]) + '" y2="' + f(-q[1]) +
      '" class="' + cls + '"/>';
  }
  function draw() {
    var a = [].map.call(inputs, function (i) { return Number(i.value); });
    outs.forEach(function (o, k) { o.textContent = a[k].toFixed(2); });
    function A(x, y) { return [a[0] * x + a[1] * y, a[2] * x + a[3] * y]; }
    var s = "", k;
    for (k = -R; k <= R; k++) { s += line([k, -R], [k, R], "o") + line([-R, k], [R, k], "o"); }
    for (k = -R - 3; k <= R + 3; k++) {
      s += line(A(k, -2 * R), A(k, 2 * R), "g") + line(A(-2 * R, k), A(2 * R, k), "g");
    }
    var c0 = A(1, 0), c1 = A(0, 1), c2 = A(1, 1);
    s += '<polygon points="0,0 ' + f(c0[0]) + ',' + f(-c0[1]) + ' ' + f(c2[0]) + ',' + f(-c2[1]) + ' ' +
      f(c1[0]) + ',' + f(-c1[1]) + '" class="sq"/>';
    s += '<polygon points="0,0 1,0 1,-1 0,-1" class="u"/>';
    s += line([0, 0], c0, "e0") + line([0, 0], c1, "e1");
    s += '<text x="' + f(c0[0] * 1.08 + 0.08) + '" y="' + f(-c0[1] * 1.08 - 0.08) + '" class="t0">Ae₀</text>';
    s += '<text x="' + f(c1[0] * 1.08 + 0.08) + '" y="' + f(-c1[1] * 1.08 - 0.08) + '" class="t1">Ae₁</text>';
    svg.innerHTML = %(style)s + s;
    var det = a[0] * a[3] - a[1] * a[2];
    readout.textContent = "Ae₀ = (" + f(a[0]) + ", " + f(a[2]) + ")，Ae₁ = (" + f(a[1]) + ", " + f(a[3]) +
      ")；单位正方形变成面积为 " + f(Math.abs(det)) + " 的平行四边形";
    svg.setAttribute("aria-label", "矩阵 A = [[" + f(a[0]) + ", " + f(a[1]) + "], [" + f(a[2]) + ", " + f(a[3]) +
      "]] 作用在平面上：" + readout.textContent);
  }
  inputs.forEach(function (i) { i.addEventListener("input", draw); });
  root.querySelectorAll("button").forEach(function (b) {
    b.addEventListener("click", function () {
      JSON.parse(b.dataset.a).forEach(function (v, k) { inputs[k].value = v; });
      draw();
    });
  });
  draw();
})();"""

_PLANE_STYLE = (
    "<style>.o{stroke:#bbb;stroke-width:0.02}.g{stroke:#6a51a3;stroke-width:0.03;opacity:0.75}"
    ".sq{fill:#ff7f0e;fill-opacity:0.45;stroke:#ff7f0e;stroke-width:0.03}"
    ".u{fill:none;stroke:#666;stroke-width:0.03;stroke-dasharray:0.08 0.06}"
    ".e0{stroke:#d62728;stroke-width:0.08;marker-end:url(#%(pid)s-h0)}"
    ".e1{stroke:#1f77b4;stroke-width:0.08;marker-end:url(#%(pid)s-h1)}"
    ".t0,.t1{font-size:0.32px;font-weight:bold}.t0{fill:#d62728}.t1{fill:#1f77b4}</style>"
    '<defs><marker id="%(pid)s-h0" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" markerHeight="4" '
    'orient="auto"><path d="M0,0L10,5L0,10z" fill="#d62728"/></marker>'
    '<marker id="%(pid)s-h1" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" markerHeight="4" '
    'orient="auto"><path d="M0,0L10,5L0,10z" fill="#1f77b4"/></marker></defs>'
)

#: The four entries of the matrix explorer, in the order of its sliders.
ENTRIES = ("A₀₀", "A₀₁", "A₁₀", "A₁₁")


def plane_html(A: ArrayLike, presets: Sequence[tuple[str, Sequence[float]]] = MATRIX_PRESETS) -> str:
    """The kernel-free matrix explorer (无需内核的矩阵探索器): four range sliders, preset buttons, an SVG picture.

    A few lines of inline JavaScript compute :math:`A(x, y)` for the grid
    lines and redraw the SVG on every move: no image, no request to any
    other host. Without JavaScript the controls show but the picture stays empty.
    The slider range is [-2, 2] in steps of 0.05.
    """
    M = _square("A", A)
    if np.abs(M).max() > 2:
        raise ValueError(f"the entries of A must lie in [-2, 2] for the sliders, got {M.tolist()}")
    digest = hashlib.sha1(json.dumps([M.tolist(), [list(p[1]) for p in presets]]).encode()).hexdigest()[:10]
    pid = f"nnmath-plane-{digest}"
    sliders = "\n".join(
        f'<label for="{pid}-{k}">{name}</label><input id="{pid}-{k}" type="range" min="-2" max="2" step="0.05" '
        f'value="{v:g}"><output for="{pid}-{k}">{v:.2f}</output>'
        for k, (name, v) in enumerate(zip(ENTRIES, M.reshape(-1), strict=True))
    )
    buttons = " ".join(
        f'<button type="button" data-a="{html.escape(json.dumps([float(v) for v in values]))}" '
        f'style="margin:0.15em">{html.escape(name)}</button>'
        for name, values in presets
    )
    style = json.dumps(_PLANE_STYLE % {"pid": pid})
    script = _PLANE_SCRIPT % {"pid": pid, "style": style}
    return f"""<div class="nnmath-plane" id="{pid}">
<div style="display:grid;grid-template-columns:auto 1fr 3em;gap:0.1em 0.6em;align-items:center;max-width:28em">
{sliders}
</div>
<div role="group" aria-label="预设的矩阵" style="font-size:0.9em;margin:0.3em 0">预设：{buttons}</div>
<svg viewBox="-3 -3 6 6" role="img" aria-label="矩阵 A 作用在平面上" style="width:100%;max-width:380px;\
background:#fff;border:1px solid #ddd"></svg>
<p style="font-size:0.9em" aria-live="polite">{html.escape(_describe(M))}</p>
<script>{script}</script>
</div>"""


class PlaneView:
    """The live picture of the matrix explorer (矩阵作用图): one figure, redrawn in place."""

    def __init__(self) -> None:
        self.fig = new_figure(4.6, 4.6)
        self.canvas = FigureCanvasAgg(self.fig)
        self.artists = _PlaneArtists(self.fig.add_subplot())

    def render(self, A: ArrayLike) -> bytes:
        """PNG bytes of the picture of ``A``."""
        M = _square("A", A)
        self.artists.set(M, f"$A = {mathtext_matrix(M)}$")
        self.fig.supxlabel(_describe(M, ("$Ae_0$", "$Ae_1$")), fontsize=9)
        self.canvas.draw()
        return canvas_png(self.canvas)


class MatrixExplorer(TwoFaced):
    """A 2×2 matrix acting on the plane (矩阵探索器). Create with :func:`matrix_explorer`."""

    def __init__(self, A: Array) -> None:
        self.A = A
        self._box: Any = None

    def static_html(self) -> str:
        """The kernel-free SVG explorer (for the HTML book)."""
        return plane_html(self.A)

    def still_png(self, player: str | None = None) -> bytes:
        """The still picture for print: the live face's picture of the first matrix (the SVG needs a browser)."""
        return PlaneView().render(self.A)

    def widget(self) -> Any:
        """Four sliders (one per entry), preset buttons and the picture (built on first use)."""
        if self._box is None:
            import ipywidgets as widgets

            style, layout = {"description_width": "3em"}, widgets.Layout(width="19em")
            sliders = [
                widgets.FloatSlider(
                    value=float(v), min=-2, max=2, step=0.05, description=name, style=style, layout=layout
                )
                for name, v in zip(ENTRIES, self.A.reshape(-1), strict=True)
            ]
            picture = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="368px"))
            view = PlaneView()

            def update(_change: object = None) -> None:
                picture.value = view.render(np.array([s.value for s in sliders]).reshape(2, 2))

            def preset(values: Sequence[float]) -> Callable[[object], None]:
                def press(_button: object) -> None:
                    for s, v in zip(sliders, values, strict=True):
                        s.value = v

                return press

            buttons = []
            for name, values in MATRIX_PRESETS:
                button = widgets.Button(description=name, layout=widgets.Layout(width="auto"))
                button.on_click(preset(values))
                buttons.append(button)
            for s in sliders:
                s.observe(update, names="value")
            update()
            self._box = live_box(widgets.HBox(sliders[:2]), widgets.HBox(sliders[2:]), widgets.HBox(buttons), picture)
        return self._box

    def __repr__(self) -> str:
        return f"MatrixExplorer(A={self.A.tolist()})"


def matrix_explorer(A: ArrayLike = ((1.0, 0.5), (0.0, 1.0))) -> MatrixExplorer:
    """Explore a 2×2 matrix acting on the plane (矩阵探索器): live sliders in Jupyter, SVG in the HTML book.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        The matrix shown first; entries in [-2, 2].

    """
    M = _square("A", A)
    if np.abs(M).max() > 2:
        raise ValueError(f"the entries of A must lie in [-2, 2] for the sliders, got {M.tolist()}")
    return MatrixExplorer(M)


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


class EigenView:
    r"""A bowl :math:`\tfrac12 w^\top H w` with its eigen-directions, beside the curvature along each (特征方向图).

    Left: contour lines (ellipses from :func:`nnmath.algebra.bowl_level_curve`)
    and the two eigenvectors drawn as arrows of length :math:`\sqrt{2/\lambda_k}`
    (where they meet the level :math:`L = 1`). Right: the bowl cut along each
    eigen-direction, :math:`L(s\,v_k) = \tfrac12 \lambda_k s^2`, a parabola of
    curvature :math:`\lambda_k`. Every artist is updated in place.
    """

    LEVELS = (0.25, 0.5, 1.0, 2.0, 3.0)

    def __init__(self, reach: float = 3.0) -> None:
        self.reach = reach
        self.fig = new_figure(8.8, 3.9)
        self.canvas = FigureCanvasAgg(self.fig)
        self.ax, self.ax_cut = self.fig.subplots(1, 2, width_ratios=[1, 1.1])
        self.contours = [self.ax.plot([], [], color="0.45", lw=1)[0] for _ in self.LEVELS]
        self.axes_lines = [self.ax.plot([], [], ":", color=c, lw=1.2)[0] for c in ("#2ca02c", "#d62728")]
        self.arrows = [_arrow(self.ax, (1, 0), c, lw=2.6) for c in ("#2ca02c", "#d62728")]
        self.labels = [self.ax.text(0, 0, "", color=c, fontsize=10) for c in ("#2ca02c", "#d62728")]
        self.ax.plot([0], [0], "*", color="black", ms=10)
        self.ax.set(xlim=(-reach, reach), ylim=(-reach, reach), aspect="equal", xlabel="$w_0$", ylabel="$w_1$")
        self.ax.grid(alpha=0.3)
        s = np.linspace(-reach, reach, 200)
        self.s = s
        self.cuts = [self.ax_cut.plot(s, 0 * s, color=c, lw=2.2)[0] for c in ("#2ca02c", "#d62728")]
        self.ax_cut.set(xlim=(-reach, reach), ylim=(0, 6), xlabel="沿特征方向走的距离 $s$", ylabel="$L$")
        self.ax_cut.grid(alpha=0.3)

    def draw(self, values: Sequence[float], angle: float) -> None:
        """Set every artist for the bowl with eigenvalues ``values`` and direction ``angle`` (radians) of v1."""
        H = symmetric_from_eigen(values, angle)
        e = symmetric_eigen(H)
        bowl = quadratic_bowl(H)
        for line, level in zip(self.contours, self.LEVELS, strict=True):
            curve = bowl_level_curve(H, level)
            line.set_data(curve[:, 0], curve[:, 1])
        names = ("平缓", "陡峭")
        for k in range(2):
            v, lam = e.vectors[:, k], e.values[k]
            tip = math.sqrt(2.0 / lam) * v
            self.axes_lines[k].set_data(
                [-2 * self.reach * v[0], 2 * self.reach * v[0]], [-2 * self.reach * v[1], 2 * self.reach * v[1]]
            )
            self.arrows[k].xy = tuple(tip)
            where = np.clip(tip * 1.1, -self.reach + 0.2, self.reach - 1.0)
            self.labels[k].set_position(tuple(where))
            self.labels[k].set_text(f"$v_{k}$")
            cut = bowl.f(self.s * v[0], self.s * v[1])
            self.cuts[k].set_data(self.s, cut)
            self.cuts[k].set_label(f"沿 $v_{k}$（{names[k]}）：$\\lambda_{k} = {number(lam, 3)}$")
        self.ax_cut.legend(loc="upper center", fontsize=9)
        self.ax.set_title(f"$H = {mathtext_matrix(H)}$ 的等高线", fontsize=11)
        self.ax_cut.set_title(
            rf"切面 $\frac{{1}}{{2}}\lambda_k s^2$；$\eta$ 要小于 $2/\lambda_1 = {number(2 / e.values[1], 3)}$",
            fontsize=11,
        )

    def render(self, values: Sequence[float], angle: float, small: bool = False) -> bytes:
        """PNG bytes of the picture (256 colours when ``small``, for the static player)."""
        self.draw(values, angle)
        self.canvas.draw()
        return canvas_png(self.canvas, small)


class EigenExplorer(TwoFaced):
    """Eigenvalues and eigen-directions of a bowl (特征方向探索器). Create with :func:`eigen_explorer`."""

    def __init__(self, values: tuple[float, float], angles: list[float], initial: int) -> None:
        self.values = values
        self.angles = angles
        self.initial = initial
        self._box: Any = None

    def frames(self) -> list[Frame]:
        """The static player's pictures, one per angle (degrees)."""
        view = EigenView()
        frames = []
        for degrees in self.angles:
            H = symmetric_from_eigen(self.values, math.radians(degrees))
            alt = (
                f"二次碗 H = [[{H[0, 0]:.2f}, {H[0, 1]:.2f}], [{H[1, 0]:.2f}, {H[1, 1]:.2f}]] 的椭圆等高线，"
                f"陡峭的特征方向 v₁ 与横轴成 {degrees:g}°，特征值 {self.values[0]:g} 和 {self.values[1]:g}"
            )
            png = view.render(self.values, math.radians(degrees), small=True)
            frames.append(Frame(png, f"θ = {degrees:g}°", alt))
        return frames

    def static_html(self) -> str:
        """The kernel-free player over the angle (for the HTML book)."""
        return html_player(self.frames(), "v₁ 的角度", initial=self.initial)

    def widget(self) -> Any:
        """Sliders for the two eigenvalues and the angle, and the picture (built on first use)."""
        if self._box is None:
            import ipywidgets as widgets

            style = {"description_width": "7em"}
            small = widgets.FloatSlider(value=self.values[0], min=0.2, max=5, step=0.1, description="λ₀", style=style)
            large = widgets.FloatSlider(value=self.values[1], min=0.2, max=5, step=0.1, description="λ₁", style=style)
            angle = widgets.FloatSlider(
                value=self.angles[self.initial], min=0, max=180, step=5, description="v₁ 的角度 θ (°)", style=style
            )
            picture = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="704px"))
            view = EigenView()

            def update(_change: object = None) -> None:
                picture.value = view.render((small.value, large.value), math.radians(angle.value))

            def keep_order(change: dict[str, Any]) -> None:
                # λ0 is the smaller eigenvalue: its slider never passes λ1 (ipywidgets clamps its value).
                small.max = change["new"]
                update()

            small.max = large.value
            large.observe(keep_order, names="value")
            for control in (small, angle):
                control.observe(update, names="value")
            update()
            self._box = live_box(widgets.HBox([small, large]), angle, picture)
        return self._box

    def __repr__(self) -> str:
        return f"EigenExplorer(values={self.values}, angles={self.angles})"


def eigen_explorer(
    values: Sequence[float] = (0.5, 3.0), angles: Sequence[float] = (0, 30, 60, 90, 135), initial: int = 1
) -> EigenExplorer:
    r"""Explore the eigen-directions of a quadratic bowl (特征方向探索器).

    Parameters
    ----------
    values : (float, float)
        The eigenvalues :math:`\lambda_0, \lambda_1` (curvatures), positive, at most 5.
    angles : sequence of float
        The angles (degrees) of the steep direction :math:`v_1` for the static player (1 to 8).
    initial : int
        Index of the angle shown first.

    """
    lam = as_array("values", values, ndim=(1,))
    if lam.shape != (2,) or not np.all((lam > 0) & (lam <= 5)):
        raise ValueError(f"values must be two eigenvalues in (0, 5], got {values!r}")
    degrees = [as_real("angles[i]", a) for a in angles]
    if not 1 <= len(degrees) <= 8:
        raise ValueError(f"angles must hold 1 to 8 angles, got {len(degrees)}")
    if not 0 <= initial < len(degrees):
        raise ValueError(f"initial must be in [0, {len(degrees)}), got {initial}")
    return EigenExplorer((float(lam[0]), float(lam[1])), degrees, initial)
