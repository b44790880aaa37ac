r"""Figures of the book (绘图): loss surfaces, descent paths, loss curves, layer diagrams.

Importing this module sets a style with a Chinese (CJK) font first in the
font list, so Chinese labels and ``$...$`` maths render in every plot. If no
CJK font is installed it warns once, naming the package to install; the
book's build counts that warning as an error.

Every function returns a :class:`matplotlib.figure.Figure` (shown by Jupyter
when it is the last value of a cell) or draws into a given axes.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable
from typing import Any

import matplotlib
import numpy as np
from matplotlib import colors as mcolors
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from numpy.typing import ArrayLike
from PIL import Image

from nnmath._checks import Array, as_array, as_real, require_finite
from nnmath.descent import Trajectory
from nnmath.environment import find_cjk_font
from nnmath.landscapes import Curve, Landscape
from nnmath.stationary import KIND_NAMES, BasinMap, StationaryPoint

#: Colours used across the book: path, start, end, loss curve.
COLORS = {"path": "#d62728", "start": "#2ca02c", "end": "#d62728", "loss": "#1f77b4"}


#: The largest float64 (about 1.8e308).
FLOAT_MAX = float(np.finfo(np.float64).max)


def use_book_style() -> None:
    """Set matplotlib's style for the book: CJK font first, ASCII minus, readable sizes."""
    font = find_cjk_font()
    if font is None:
        warnings.warn(
            "no CJK font found: Chinese labels would show as boxes. Install one, "
            "e.g. `apt-get install fonts-wqy-microhei`, then delete matplotlib's "
            "fontlist-*.json cache in " + matplotlib.get_cachedir(),
            stacklevel=2,
        )
    else:
        matplotlib.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "axes.unicode_minus": False,
            "figure.dpi": 80,
            "savefig.dpi": 80,
            "font.size": 11,
            "axes.titlesize": 12,
        }
    )


def _figure_png(fig: Figure) -> tuple[bytes, dict[str, int]]:
    """A figure as PNG for 2× screens: twice the pixels, shown at its size (its width and height)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=2 * fig.dpi)
    width, height = fig.get_size_inches() * fig.dpi
    return buffer.getvalue(), {"width": round(width), "height": round(height)}


def blit(canvas: FigureCanvasAgg, artists: Iterable[Artist | None], background: Any = None) -> Any:
    """Draw ``artists`` over a cached background (位块传输, blitting); return the background.

    The first call (``background=None``) draws the whole figure (artists marked
    ``animated`` are left out) and caches its pixels; later calls only restore
    those pixels and draw the moving artists on top, which is several times
    faster than a full redraw. ``None`` entries are skipped.
    """
    if background is None:
        canvas.draw()
        background = canvas.copy_from_bbox(canvas.figure.bbox)
    else:
        canvas.restore_region(background)
    for artist in artists:
        if artist is not None:
            canvas.figure.draw_artist(artist)
    return background


def canvas_png(canvas: FigureCanvasAgg, small: bool = False) -> bytes:
    """The canvas's current pixels as PNG bytes (画布转 PNG).

    Fast by default (light compression, for live widgets); ``small=True``
    reduces the picture to 128 colours (the book's plots use far fewer) and
    compresses hard, for the frames of the kernel-free players that the HTML
    book carries: about a fifth smaller than 256 colours, with no visible loss.
    """
    buf = canvas.buffer_rgba()
    image = Image.frombuffer("RGBA", (buf.shape[1], buf.shape[0]), buf, "raw", "RGBA", 0, 1).convert("RGB")
    out = io.BytesIO()
    if small:
        image.quantize(colors=128).save(out, format="png", compress_level=9)
    else:
        image.save(out, format="png", compress_level=1)
    return out.getvalue()


def _register_figure_display() -> None:
    """Show a returned :class:`Figure` as PNG in Jupyter, whatever the matplotlib backend."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, _figure_png)


use_book_style()
_register_figure_display()


_POWER_OF_TEN = re.compile("10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_PLAIN_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def figure_text(text: str) -> str:
    """Text for a figure (图中文字): powers of ten such as ``10⁻¹¹`` typeset as mathtext ``$10^{-11}$``.

    The book's CJK font has no superscript minus or digits 5–9, so the plain
    text of :func:`nnmath.writeout.number` is rewritten before matplotlib draws it.
    """
    return _POWER_OF_TEN.sub(lambda m: "$10^{" + m.group(1).translate(_PLAIN_DIGITS) + "}$", text)


def new_figure(width: float = 6.0, height: float = 4.0) -> Figure:
    """A figure not managed by pyplot, so it is shown once: where a cell returns it."""
    return Figure(figsize=(width, height), layout="constrained")


def draw_surface(ax: Axes, landscape: Landscape, n: int = 120, levels: int = 25) -> None:
    """Contour map of a loss surface (损失曲面的等高线图) on ``ax``, minima starred."""
    W1, W2, L = landscape.grid(n)
    ax.contourf(W1, W2, L, levels=levels, cmap="viridis", alpha=0.85)
    ax.contour(W1, W2, L, levels=levels, colors="white", linewidths=0.4, alpha=0.6)
    for m in landscape.minima:
        ax.plot(*m, marker="*", color="white", markersize=12, markeredgecolor="black")
    w1_min, w1_max, w2_min, w2_max = landscape.window
    ax.set(xlim=(w1_min, w1_max), ylim=(w2_min, w2_max), xlabel=landscape.labels[0], ylabel=landscape.labels[1])
    ax.set_title(f"{landscape.name}：${landscape.formula}$")


def draw_path(ax: Axes, trajectory: Trajectory) -> None:
    """A descent path (下降路径) on a contour map: start, every step, end."""
    pts = trajectory.points
    ax.plot(pts[:, 0], pts[:, 1], "-o", color=COLORS["path"], markersize=3, linewidth=1.5)
    ax.plot(*pts[0], "o", color=COLORS["start"], markersize=9, markeredgecolor="black", label="起点")
    ax.plot(*pts[-1], "X", color=COLORS["end"], markersize=10, markeredgecolor="black", label="终点")


def draw_loss_curve(ax: Axes, trajectory: Trajectory) -> None:
    """Loss per step (每一步的损失) of a descent run."""
    if trajectory.losses is None:
        raise ValueError("this trajectory has no losses: pass loss= to gradient_descent")
    ax.plot(np.arange(len(trajectory.losses)), trajectory.losses, "-", color=COLORS["loss"])
    ax.set(xlabel="步数 $t$", ylabel="损失 $L$", title="每一步的损失")
    ax.grid(alpha=0.3)


def descent_figure(landscape: Landscape, trajectory: Trajectory) -> Figure:
    """Contour map with the path, beside the loss per step (等高线与损失曲线)."""
    fig = new_figure(10, 4)
    ax_map, ax_loss = fig.subplots(1, 2, width_ratios=[1.1, 1])
    draw_surface(ax_map, landscape)
    draw_path(ax_map, trajectory)
    ax_map.legend(loc="upper right", fontsize=9)
    draw_loss_curve(ax_loss, trajectory)
    return fig


def draw_surface_3d(ax: Axes, landscape: Landscape, n: int = 50) -> None:
    """The loss surface in 3-D (三维损失曲面) on a 3-D ``ax``, minima starred on it."""
    W1, W2, L = landscape.grid(n)
    ax.plot_surface(W1, W2, L, cmap="viridis", alpha=0.75, linewidth=0, antialiased=False)
    for m in landscape.minima:
        ax.plot([m[0]], [m[1]], [landscape.loss(m)], marker="*", color="white", markersize=12, markeredgecolor="black")
    w1_min, w1_max, w2_min, w2_max = landscape.window
    ax.set(
        xlim=(w1_min, w1_max),
        ylim=(w2_min, w2_max),
        zlim=(float(L.min()), float(L.max())),
        xlabel=landscape.labels[0],
        ylabel=landscape.labels[1],
        zlabel="$L$",
    )
    ax.set_title(f"{landscape.name}（三维）")


def surface_3d_figure(landscape: Landscape, trajectory: Trajectory | None = None, n: int = 60) -> Figure:
    """The loss surface in 3-D (三维损失曲面), with the descent path lying on it."""
    fig = new_figure(6, 5)
    ax = fig.add_subplot(projection="3d")
    ax.computed_zorder = False  # draw the path over the surface, never hidden behind it
    W1, W2, L = landscape.grid(n)
    ax.plot_surface(W1, W2, L, cmap="viridis", alpha=0.75, linewidth=0, zorder=1)
    if trajectory is not None:
        pts = trajectory.points
        z = np.array([landscape.loss(q) for q in pts])
        ax.plot(pts[:, 0], pts[:, 1], z, "-o", color=COLORS["path"], markersize=3, zorder=3)
        ax.plot(*pts[0], z[0], "o", color=COLORS["start"], markersize=9, markeredgecolor="black", zorder=4)
        ax.plot(*pts[-1], z[-1], "X", color=COLORS["end"], markersize=10, markeredgecolor="black", zorder=4)
    ax.set(xlabel=landscape.labels[0], ylabel=landscape.labels[1], zlabel="$L$")
    ax.set_title(f"{landscape.name}：${landscape.formula}$")
    return fig


def layer_diagram(W: ArrayLike, b: ArrayLike, x: ArrayLike | None = None, y: ArrayLike | None = None) -> Figure:
    r"""A layer drawn as neurons and weighted edges (一层神经网络的示意图).

    Inputs on the left, one circle per neuron of :math:`y = Wx + b` on the
    right; the edge from input ``j`` to neuron ``i`` is labelled
    :math:`W_{ij}`. Given ``x`` and ``y``, their values are written in the nodes.
    """
    W_arr = as_array("W", W, ndim=(2,))
    b_arr = as_array("b", b, ndim=(1,))
    m, n = W_arr.shape
    if b_arr.shape != (m,):
        raise ValueError(f"b must have shape ({m},) to match W {W_arr.shape}, got {b_arr.shape}")
    fig = new_figure(6.5, 3.8)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ys_in = np.linspace(0.8, 0.2, n) if n > 1 else np.array([0.5])
    ys_out = np.linspace(0.9, 0.1, m) if m > 1 else np.array([0.5])
    for i in range(m):
        for j in range(n):
            ax.annotate("", (0.72, ys_out[i]), (0.18, ys_in[j]), arrowprops={"arrowstyle": "-|>", "color": "0.5"})
            t = 0.3 + 0.08 * j
            ax.text(
                0.18 + t * 0.54,
                ys_in[j] + t * (ys_out[i] - ys_in[j]),
                f"$W_{{{i}{j}}}={W_arr[i, j]:g}$",
                fontsize=9,
                ha="center",
                va="center",
                bbox={"fc": "white", "ec": "none", "pad": 0.5},
            )
    for j in range(n):
        label = f"$x_{j}$" if x is None else f"$x_{j}={np.ravel(x)[j]:g}$"
        ax.text(0.1, ys_in[j], label, ha="center", va="center", bbox={"boxstyle": "circle", "fc": "#cfe3f7"})
    for i in range(m):
        label = f"$y_{i}$" if y is None else f"$y_{i}={np.ravel(y)[i]:g}$"
        ax.text(0.8, ys_out[i], label, ha="left", va="center", bbox={"boxstyle": "round", "fc": "#fde0c5"})
        ax.text(1.16, ys_out[i], f"$b_{i}={b_arr[i]:g}$", ha="right", va="center", fontsize=9, color="0.3")
    ax.set(xlim=(0, 1.17), ylim=(0, 1))
    ax.set_title(f"输入层（{n} 维）→ 当前层（{m} 个神经元）：$y = Wx + b$")
    return fig


# ---- chapters 4 and 5: curves, tangents, gradients, stationary points, basins ----------------------------------

#: Markers and colours of the kinds of stationary points.
KIND_STYLE = {
    "minimum": {"marker": "*", "color": "white", "markersize": 14},
    "maximum": {"marker": "^", "color": "#d62728", "markersize": 10},
    "saddle": {"marker": "X", "color": "#ff7f0e", "markersize": 11},
    "degenerate": {"marker": "D", "color": "#9467bd", "markersize": 8},
}


def draw_curve(ax: Axes, curve: Curve, n: int = 400) -> None:
    """A loss curve (损失曲线) :math:`L(w)` on ``ax``, minima starred, with a little room above and below."""
    w, L = curve.grid(n)
    ax.plot(w, L, color="#1f77b4", linewidth=2)
    for m in curve.minima:
        ax.plot([m], [curve.loss(m)], marker="*", color="white", markersize=13, markeredgecolor="black")
    low, high = float(L.min()), float(L.max())
    pad = 0.08 * (high - low)
    ax.set(xlim=curve.window, ylim=(low - pad, high + pad), xlabel=curve.label, ylabel="$L$")
    ax.set_title(f"{curve.name}：${curve.formula}$")
    ax.grid(alpha=0.3)


def tangent_segments(ax: Axes, curve: Curve, ws: ArrayLike, length: float = 0.09) -> list[Array]:
    r"""Short pieces of the tangent lines (切线段) of ``curve`` at the points ``ws``.

    Each piece is centred on :math:`(w, L(w))` with slope :math:`L'(w)` and
    looks ``length`` (a fraction of the axes) long whatever the slope.
    """
    x_lo, x_hi = ax.get_xlim()
    y_lo, y_hi = ax.get_ylim()
    xr, yr = x_hi - x_lo, y_hi - y_lo
    segments = []
    with np.errstate(all="ignore"):
        for w in np.asarray(ws, dtype=float).reshape(-1):
            slope, value = float(curve.grad(w)), curve.loss(w)
            if not (np.isfinite(slope) and np.isfinite(value)):
                continue
            dx = length / np.hypot(1.0 / xr, slope / yr)
            segments.append(np.array([[w - dx, value - slope * dx], [w + dx, value + slope * dx]]))
    return segments


def tangent_figure(curve: Curve, points: ArrayLike) -> Figure:
    r"""A loss curve with tangent lines (切线) at ``points``, each labelled with its slope :math:`L'(w)`.

    Where the slope is positive, stepping right goes uphill (上坡); where it
    is negative, downhill (下坡). An arrow at each point shows the step
    :math:`-L'(w)`: always downhill.
    """
    ws = as_array("points", points, ndim=(1,))
    require_finite("points", ws)
    fig = new_figure(7.5, 4.2)
    ax = fig.add_subplot()
    draw_curve(ax, curve)
    x_lo, x_hi = ax.get_xlim()
    inside = (ws >= x_lo) & (ws <= x_hi)
    outside = []
    for w in ws[~inside]:
        slope = float(curve.grad(w))
        where = "向右是上坡" if slope > 0 else "向右是下坡" if slope < 0 else "这里是平的"
        outside.append(f"窗口外 w = {w:.3g}：L′ = {slope:.3g}，{where}")
    if outside:  # points beyond the window are reported in words, not silently dropped
        ax.text(
            0.02,
            0.03,
            "\n".join(outside),
            transform=ax.transAxes,
            fontsize=9,
            va="bottom",
            bbox={"fc": "white", "ec": "0.8", "alpha": 0.9},
        )
    ws = ws[inside]
    segments = tangent_segments(ax, curve, ws, length=0.16)
    y_lo, y_hi = ax.get_ylim()
    for w, seg in zip(ws, segments, strict=True):
        slope = float(curve.grad(w))
        value = curve.loss(w)
        ax.plot(seg[:, 0], seg[:, 1], color="#ff7f0e", linewidth=2.2)
        ax.plot([w], [value], "o", color="black", markersize=5)
        where = "向右是上坡" if slope > 0 else "向右是下坡" if slope < 0 else "这里是平的"
        ax.annotate(
            f"$L'={slope:.2f}$\n{where}",
            (w, value),
            xytext=(0, 16),
            textcoords="offset points",
            ha="center",
            fontsize=9,
            bbox={"fc": "white", "ec": "0.8", "alpha": 0.9},
        )
        if slope != 0:
            dx = -np.sign(slope) * 0.07 * (x_hi - x_lo)
            ax.annotate(
                "",
                (w + dx, value - 0.02 * (y_hi - y_lo)),
                (w, value - 0.02 * (y_hi - y_lo)),
                arrowprops={"arrowstyle": "-|>", "color": COLORS["start"], "lw": 2},
            )
    ax.set_title(f"{curve.name}上的切线：斜率就是导数；绿色箭头 $-L'(w)$ 指向下坡")
    return fig


def step_factor_figure(curvature: float, etas: ArrayLike) -> Figure:
    r"""The step factor :math:`r = 1 - \eta a` against :math:`\eta` (每一步的缩放因子), with the band :math:`|r| < 1`.

    The dots are the learning rates ``etas``; descent converges for those
    inside the shaded band, that is for :math:`0 < \eta < 2/a`.
    """
    a = as_real("curvature", curvature, positive=True)
    e = as_array("etas", etas, ndim=(1,))
    if e.size == 0 or not np.all(np.isfinite(e) & (e > 0)):
        raise ValueError(f"etas must be positive finite numbers, got {e}")
    fig = new_figure(7.5, 3.6)
    ax = fig.add_subplot()
    top = min(max(float(e.max()), 2.0 / a), FLOAT_MAX / 1.15) * 1.15
    grid = np.linspace(0, top, 200)
    ax.axhspan(-1, 1, color="#2ca02c", alpha=0.12, label="$|1-\\eta a|<1$：收敛")
    ax.plot(grid, 1 - grid * a, color="#1f77b4", linewidth=2, label="$r = 1-\\eta a$")
    ax.axvline(1 / a, color="0.5", linestyle=":", linewidth=1.2)
    ax.axvline(2 / a, color="#d62728", linestyle="--", linewidth=1.5)
    ax.text(1 / a, 1.35, "  $\\eta = 1/a$：一步到底", fontsize=9, color="0.3")
    ax.text(2 / a, 1.35, "  $\\eta = 2/a$：临界", fontsize=9, color="#d62728")
    r = 1 - e * a
    inside = np.abs(r) < 1
    ax.plot(e[inside], r[inside], "o", color="#2ca02c", markeredgecolor="black", zorder=3)
    ax.plot(e[~inside], r[~inside], "o", color="#d62728", markeredgecolor="black", zorder=3)
    ax.axhline(0, color="0.3", linewidth=0.6)
    ax.set(xlim=(0, top), ylim=(min(-1.6, float(r.min()) - 0.2), 1.6), xlabel="学习率 $\\eta$", ylabel="缩放因子 $r$")
    ax.set_title(f"曲率 $a = {a:g}$ 的抛物线：每一步 $w$ 乘以 $r = 1-\\eta a$")
    ax.legend(loc="lower left", fontsize=9)
    ax.grid(alpha=0.3)
    return fig


def gradient_field_figure(landscape: Landscape, n: int = 9, point: ArrayLike | None = None) -> Figure:
    r"""Gradient arrows (梯度箭头) on a contour map: :math:`\nabla L` points uphill, :math:`-\nabla L` downhill.

    Left: the arrows of :math:`\nabla L` on an ``n`` by ``n`` grid; right: at one
    ``point``, the gradient (uphill, red) and its negative (the descent step, green).
    """
    fig = new_figure(10, 4.2)
    ax_field, ax_point = fig.subplots(1, 2)
    w1_min, w1_max, w2_min, w2_max = landscape.window
    W1, W2 = np.meshgrid(np.linspace(w1_min, w1_max, n), np.linspace(w2_min, w2_max, n))
    G1, G2 = landscape.df(W1, W2)
    G1, G2 = np.broadcast_to(G1, W1.shape), np.broadcast_to(G2, W1.shape)
    for ax in (ax_field, ax_point):
        draw_surface(ax, landscape)
    ax_field.quiver(W1, W2, G1, G2, color="#d62728", angles="xy", pivot="tail", width=0.005)
    ax_field.set_title("$\\nabla L$ 处处指向上坡（颜色变亮的方向）")
    default = (0.6 * w1_max + 0.4 * w1_min, 0.7 * w2_max + 0.3 * w2_min)
    p = as_array("point", default if point is None else point, ndim=(1,))
    if p.shape != (2,):
        raise ValueError(f"point must have shape (2,), got {p.shape}")
    require_finite("point", p)
    g = landscape.grad(p)
    ax_point.set_title(f"在点 $({p[0]:g},\\ {p[1]:g})$：梯度与它的反方向")
    inside = w1_min <= p[0] <= w1_max and w2_min <= p[1] <= w2_max
    if not (inside and np.all(np.isfinite(g))):
        # beyond the map (or beyond float64): say so and give the gradient in numbers, instead of zooming away
        where = "这个点在图的范围之外" if not inside else "这里的梯度超出浮点数范围"
        ax_point.text(
            0.5,
            0.5,
            f"{where}\n∇L = ({g[0]:.3g}, {g[1]:.3g})",
            transform=ax_point.transAxes,
            ha="center",
            va="center",
            fontsize=11,
            bbox={"fc": "white", "ec": "0.6", "alpha": 0.95},
        )
        return fig
    size = float(np.max(np.abs(g)))
    length = size * float(np.linalg.norm(g / size)) if size > 0 else 0.0  # no overflow in the norm
    scale = 0.25 * (w1_max - w1_min) / max(length, 1e-12)
    for sign, colour, text in ((1, "#d62728", "$\\nabla L$：上坡"), (-1, "#2ca02c", "$-\\nabla L$：下坡")):
        tip = p + sign * scale * g
        ax_point.annotate("", tip, p, arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2.5})
        ax_point.text(*tip, text, color="black", fontsize=10, bbox={"fc": "white", "ec": colour, "alpha": 0.9})
    ax_point.plot(*p, "o", color="black")
    return fig


def stationary_figure(surface: Curve | Landscape, points: list[StationaryPoint]) -> Figure:
    """Stationary points (驻点) marked by kind on a loss curve or a contour map."""
    fig = new_figure(7.5, 4.4)
    ax = fig.add_subplot()
    if isinstance(surface, Curve):
        draw_curve(ax, surface)
        for line in ax.lines[1:]:
            line.remove()  # the kinds below replace the minima stars
    else:
        draw_surface(ax, surface)
        for line in list(ax.lines):
            line.remove()
    seen: set[str] = set()
    for p in points:
        xy = (float(p.point), p.loss) if isinstance(surface, Curve) else (float(p.point[0]), float(p.point[1]))
        style = KIND_STYLE[p.kind]
        ax.plot(
            *xy,
            linestyle="none",
            markeredgecolor="black",
            label=None if p.kind in seen else KIND_NAMES[p.kind],
            zorder=4,
            **style,
        )
        seen.add(p.kind)
    ax.legend(loc="upper center" if isinstance(surface, Curve) else "upper right", fontsize=9, ncols=4)
    return fig


def basin_figure(landscape: Landscape, maps: list[BasinMap]) -> Figure:
    r"""Basin maps (吸引域地图) side by side: each start point coloured by the minimum descent reaches.

    One panel per map (usually one per learning rate :math:`\eta`); grey
    where descent reached no minimum (diverged or still bouncing).
    """
    if not maps:
        raise ValueError("basin_figure needs at least one map")
    k = len(maps[0].minima)
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]
    colours = np.array([mcolors.to_rgb(palette[i % len(palette)]) for i in range(k)] + [(0.8, 0.8, 0.8)])
    fig = new_figure(3.4 * len(maps) + 0.4, 3.9)
    axes = np.atleast_1d(fig.subplots(1, len(maps), sharey=True))
    W1, W2, L = landscape.grid(120)
    for ax, m in zip(axes, maps, strict=True):
        rgb = colours[np.where(m.labels < 0, k, m.labels)]
        ax.imshow(rgb, origin="lower", extent=(m.w1[0], m.w1[-1], m.w2[0], m.w2[-1]), interpolation="nearest")
        ax.contour(W1, W2, L, levels=15, colors="black", linewidths=0.4, alpha=0.35)
        for a, b in m.minima:
            ax.plot(a, b, "*", color="white", markersize=14, markeredgecolor="black")
        none = float(np.mean(m.labels < 0))
        ax.set(xlabel=landscape.labels[0], title=f"$\\eta = {m.lr:g}$（灰色 {none:.0%}）")
    axes[0].set_ylabel(landscape.labels[1])
    fig.suptitle(f"{landscape.name}：从每个起点出发走 {maps[0].steps} 步，停在哪个极小值（颜色）")
    return fig
