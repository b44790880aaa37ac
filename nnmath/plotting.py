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
import warnings

import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnmath._checks import as_array
from nnmath.descent import Trajectory
from nnmath.landscapes import Landscape

#: CJK fonts in order of preference; WenQuanYi Micro Hei is the one the
#: project installs everywhere (Debian's ``fonts-wqy-microhei``, 2 MB).
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "SimHei")

#: Colours used across the book: path, start, end, loss curve.
COLORS = {"path": "#d62728", "start": "#2ca02c", "end": "#d62728", "loss": "#1f77b4"}


def find_cjk_font() -> str | None:
    """The first installed font of :data:`CJK_FONTS` (中文字体), or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


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


def _figure_png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


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


def surface_3d_figure(landscape: Landscape, trajectory: Trajectory | None = None, n: int = 60) -> Figure:
    """The loss surface in 3-D (三维损失曲面), with the descent path lying on it."""
    fig = new_figure(6, 5)
    ax = fig.add_subplot(projection="3d")
    W1, W2, L = landscape.grid(n)
    ax.plot_surface(W1, W2, L, cmap="viridis", alpha=0.75, linewidth=0)
    if trajectory is not None:
        pts = trajectory.points
        ax.plot(pts[:, 0], pts[:, 1], landscape.f(pts[:, 0], pts[:, 1]), "-o", color=COLORS["path"], markersize=3)
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
        ax.text(0.97, ys_out[i], f"$b_{i}={b_arr[i]:g}$", ha="right", va="center", fontsize=9, color="0.3")
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.set_title(f"输入层（{n} 维）→ 当前层（{m} 个神经元）：$y = Wx + b$")
    return fig
