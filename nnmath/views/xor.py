r"""Pictures of XOR (异或问题的图, 第 2、6 章).

* :func:`xor_figure`: the four points of the XOR table, optionally with
  candidate lines, each showing which points it gets wrong;
* :func:`xor_state_figure`: one moment of training in three panels, the loss
  per epoch, the decision boundary and the hidden units' lines in the input
  plane, and the hidden layer's view of the four points (where a straight
  line separates them); the still picture of the training explorer,
  :func:`nnmath.views.xor_explorer`;
* :func:`loss_curves_figure`, :func:`success_figure`,
  :func:`unit_activity_figure`: what can go wrong, shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array
from nnmath.activations import sigmoid
from nnmath.data import xor
from nnmath.descent import Trajectory
from nnmath.network import MLP
from nnmath.views.plotting import new_figure

#: Colours of the two classes: class 0 blue circles, class 1 red squares.
CLASS_STYLE = {
    0: {"marker": "o", "color": "#2b6cb0", "label": "类别 0"},
    1: {"marker": "s", "color": "#c53030", "label": "类别 1"},
}
#: Colours of the hidden units' lines (unit 0, 1, ...).
UNIT_COLORS = ("#6b46c1", "#dd6b20", "#2f855a", "#b7791f", "#2c7a7b", "#97266d", "#4a5568", "#c05621")
CMAP = "RdBu_r"
LEVELS = np.linspace(0.0, 1.0, 11)
NORM = BoundaryNorm(LEVELS, 256)


def draw_xor_points(ax: Axes, X: ArrayLike, t: ArrayLike, size: float = 110, names: bool = True) -> None:
    """The XOR points (异或的四个点) on ``ax``, coloured by class, each named by its coordinates."""
    X_arr = as_array("X", X, ndim=(2,))
    t_arr = as_array("t", t, ndim=(1,))
    for cls, style in CLASS_STYLE.items():
        pts = X_arr[t_arr == cls]
        ax.scatter(pts[:, 0], pts[:, 1], s=size, edgecolors="black", zorder=3, **style)
    if names:
        for (a, b), c in zip(X_arr, t_arr, strict=True):
            ax.annotate(f"({a:g}, {b:g})→{c:g}", (a, b), textcoords="offset points", xytext=(0, 11), ha="center")


def xor_figure(lines: Sequence[tuple[float, float, float]] = ()) -> Figure:
    r"""The XOR table as four points (异或问题), and candidate lines :math:`w_0x_0 + w_1x_1 + b = 0`.

    The first panel shows the points alone; each line gets its own panel,
    with the side it calls class 1 (:math:`w_0x_0 + w_1x_1 + b > 0`) shaded
    red, the other blue, and every misclassified point ringed.
    """
    X, t = xor()
    fig = new_figure(3.4 * (1 + len(lines)), 3.6)
    axes = np.atleast_1d(fig.subplots(1, 1 + len(lines)))
    g = np.linspace(-0.5, 1.5, 201)
    G1, G2 = np.meshgrid(g, g)
    for k, ax in enumerate(axes):
        ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.6), xlabel="$x_0$", ylabel="$x_1$", aspect="equal")
        ax.grid(alpha=0.3)
        if k == 0:
            draw_xor_points(ax, X, t)
            ax.set_title("异或（XOR）的四个点")
            ax.legend(loc="lower center", fontsize=8, ncols=2)
            continue
        w1, w2, b = lines[k - 1]
        side = (w1 * G1 + w2 * G2 + b > 0).astype(float)
        ax.contourf(G1, G2, side, levels=[-0.5, 0.5, 1.5], colors=["#bee3f8", "#fed7d7"])
        ax.contour(G1, G2, w1 * G1 + w2 * G2 + b, levels=[0.0], colors="black", linewidths=1.5)
        draw_xor_points(ax, X, t, names=False)
        pred = (X @ np.array([w1, w2]) + b > 0).astype(float)
        wrong = X[pred != t]
        ax.scatter(wrong[:, 0], wrong[:, 1], s=420, facecolors="none", edgecolors="#d69e2e", linewidths=2.5, zorder=4)
        ax.set_title(f"${w1:g}x_0 {w2:+g}x_1 {b:+g} = 0$\n分对 {int(np.sum(pred == t))}/4", fontsize=10)
    return fig


#: The input plane's window (both axes) of the XOR pictures.
PLANE = (-0.5, 1.5)


def hidden_window(net: MLP) -> tuple[float, float]:
    """The hidden plane's window (both axes): the activation's range, or for ReLU what the input square reaches."""
    if net.activation == "tanh":
        return -1.1, 1.1
    if net.activation == "sigmoid":
        return -0.05, 1.05
    s = np.linspace(-0.25, 1.25, 7)
    corners = np.array([(a, b) for a in s for b in s])
    top = float(np.max(net.hidden(corners)[:, : min(2, net.sizes[1])]))
    return -0.05 * max(1.0, 1.1 * top), float(np.ceil(max(1.0, 1.1 * top)))


def unit_line(w1: float, w2: float, b: float, window: tuple[float, float]) -> Array | None:
    r"""The two ends, inside ``window`` × ``window``, of the line :math:`w_1 x + w_2 y + b = 0` (None if it misses)."""
    lo, hi = window
    ends = []
    with np.errstate(all="ignore"):
        for x in (lo, hi):  # crossings of the left and right sides
            y = -(w1 * x + b) / w2 if w2 != 0 else np.nan
            if lo <= y <= hi:
                ends.append((x, y))
        for y in (lo, hi):  # of the bottom and top
            x = -(w2 * y + b) / w1 if w1 != 0 else np.nan
            if lo <= x <= hi:
                ends.append((x, y))
    unique = np.unique(np.round(np.array(ends), 12), axis=0) if ends else np.empty((0, 2))
    return unique[:2] if len(unique) >= 2 else None


def xor_state_figure(net: MLP, run: Trajectory | None = None, epoch: int | None = None, title: str = "") -> Figure:
    r"""One moment of XOR training (异或训练的一个瞬间): loss, input plane, hidden layer's view.

    Left: the loss per epoch (log scale) and where ``epoch`` is on it. Middle:
    the output :math:`p` over the input plane in ten bands, the boundary
    :math:`p = 0.5` and each hidden unit's line :math:`w_j \cdot x + b_j = 0`
    (dashed). Right: the hidden layer's view, every point :math:`x` drawn at
    :math:`x^{(1)} = f(W^{(1)}x + b^{(1)})`: the bent grid is the image of the
    input square, and the straight line is where the output layer says 0.5.

    Parameters
    ----------
    net : MLP
        The network as it is at ``epoch`` (``(2, H, 1)``, sigmoid output).
    run : Trajectory, optional
        The training run, for the loss panel.
    epoch : int, optional
        The epoch ``net`` is at (default: the run's last).
    title : str
        A line above the panels (for example the explorer's readout).

    """
    X, t = xor()
    fig = new_figure(10.4, 3.9 if title else 3.6)
    ax_loss, ax_in, ax_hid = fig.subplots(1, 3)
    # loss panel
    ax_loss.set(yscale="log", xlabel="训练轮数（epoch）", title="损失 $L$（对数坐标）")
    ax_loss.grid(alpha=0.3)
    loss, acc = net.loss(X, t), net.accuracy(X, t)
    text = f"L = {loss:.4g}，准确率 {acc:.0%}"
    if run is not None and run.losses is not None:
        epoch = run.steps if epoch is None else min(epoch, run.steps)
        ax_loss.plot(np.arange(len(run.losses)), run.losses, color="0.7", linewidth=1.2)
        ax_loss.plot(np.arange(epoch + 1), run.losses[: epoch + 1], color="#1f77b4", linewidth=1.8)
        ax_loss.plot([epoch], [run.losses[epoch]], "o", color="#d62728", markersize=7)
        ax_loss.set_xlim(0, max(run.steps, 1))
        text = f"η = {run.lr:g}，第 {epoch} 轮\n{text}"
    ax_loss.text(
        0.97, 0.97, text, transform=ax_loss.transAxes, ha="right", va="top", fontsize=9,
        bbox={"fc": "white", "ec": "0.7", "alpha": 0.9},
    )  # fmt: skip
    # input plane: p in ten bands, the boundary, the hidden units' lines
    g = np.linspace(*PLANE, 161)
    G1, G2 = np.meshgrid(g, g)
    P = net.forward(np.column_stack([G1.ravel(), G2.ravel()]))[:, 0].reshape(G1.shape)
    ax_in.imshow(np.clip(P, 0, 1), extent=(*PLANE, *PLANE), origin="lower", cmap=CMAP, norm=NORM)
    if P.min() < 0.5 < P.max():
        ax_in.contour(G1, G2, P, levels=[0.5], colors="black", linewidths=2)
    for j, (w, b) in enumerate(zip(net.weights[0], net.biases[0], strict=True)):
        ends = unit_line(w[0], w[1], b, PLANE)
        if ends is not None:
            ax_in.plot(ends[:, 0], ends[:, 1], "--", color=UNIT_COLORS[j % len(UNIT_COLORS)], linewidth=1.4)
    draw_xor_points(ax_in, X, t, size=90, names=False)
    ax_in.set(xlim=PLANE, ylim=PLANE, xlabel="$x_0$", ylabel="$x_1$", title="输入平面：输出 $p$、边界和隐藏单元的直线")
    ax_in.title.set_fontsize(10)
    # hidden plane
    H = net.sizes[1]
    low, high = hidden_window(net)
    s = np.linspace(-0.25, 1.25, 60)
    for c in np.linspace(-0.25, 1.25, 7):
        for seg in (np.column_stack([s, np.full_like(s, c)]), np.column_stack([np.full_like(s, c), s])):
            h = net.hidden(seg)
            ax_hid.plot(h[:, 0], h[:, 1 % H], color="0.35", linewidth=0.7)
    if H == 2:
        v = np.linspace(low, high, 161)
        V1, V2 = np.meshgrid(v, v)
        W2, b2 = net.weights[1][0], net.biases[1][0]
        p = sigmoid(W2[0] * V1 + W2[1] * V2 + b2)
        ax_hid.imshow(p, extent=(low, high, low, high), origin="lower", cmap=CMAP, norm=NORM, aspect="auto")
        ends = unit_line(W2[0], W2[1], b2, (low, high))
        if ends is not None:
            ax_hid.plot(ends[:, 0], ends[:, 1], color="black", linewidth=2)
        ax_hid.set_title("隐藏层眼中的四个点")
    else:
        ax_hid.set_title(f"隐藏层（{H} 个神经元）的前两个" if H > 1 else "隐藏层只有 1 个神经元：两个坐标都是它")
    h_pts = net.hidden(X)
    for cls, style in CLASS_STYLE.items():
        ax_hid.scatter(*h_pts[t == cls][:, [0, 1 % H]].T, s=90, edgecolors="black", zorder=3, **style)
    ax_hid.set(xlim=(low, high), ylim=(low, high), xlabel="$x^{(1)}_0$", ylabel="$x^{(1)}_1$")
    if title:
        fonts = list(matplotlib.rcParams["font.sans-serif"])
        bad = "发散" in title
        fig.suptitle(title, fontsize=10, color="#b00000" if bad else "black", fontfamily=fonts)
    return fig


def loss_curves_figure(curves: Sequence[tuple[str, Trajectory]], title: str = "损失曲线") -> Figure:
    """Several loss curves on one log-scale plot (多条损失曲线), one label each."""
    fig = new_figure(7.5, 3.6)
    ax = fig.add_subplot()
    for label, run in curves:
        if run.losses is None:
            raise ValueError(f"run {label!r} has no losses")
        ax.plot(np.arange(len(run.losses)), run.losses, linewidth=1.6, label=label)
    ax.set(yscale="log", xlabel="训练轮数（epoch）", ylabel="损失 $L$（对数坐标）", title=title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, loc="best")
    return fig


def success_figure(rates: dict[str, float], title: str) -> Figure:
    """Bar chart of success rates (成功率柱状图): label to a fraction in [0, 1]."""
    fig = new_figure(6, 3.2)
    ax = fig.add_subplot()
    labels = list(rates)
    values = [float(rates[k]) for k in labels]
    ax.bar(labels, values, color="#68d391", edgecolor="#276749")
    for i, v in enumerate(values):
        ax.text(i, v + 0.02, f"{v:.0%}", ha="center", va="bottom")
    ax.set(ylim=(0, 1.12), ylabel="学会异或的比例", title=title)
    ax.grid(axis="y", alpha=0.3)
    return fig


def unit_activity_figure(net: MLP, run: Trajectory, X: ArrayLike | None = None) -> Figure:
    r"""How many inputs switch each hidden unit on, epoch by epoch (每个隐藏神经元被几个输入点亮).

    Left: the loss. Right: for every unit :math:`j` of the first hidden layer,
    the number of inputs with :math:`y^{(1)}_j > 0`; a unit at 0 is dead
    (for ReLU, no gradient reaches it any more).
    """
    X_arr = xor()[0] if X is None else as_array("X", X, ndim=(2,))
    assert run.losses is not None
    active = np.array([np.sum(net.with_params(p).trace(X_arr)[1][0] > 0, axis=0) for p in run.points])
    fig = new_figure(10, 3.4)
    ax_l, ax_a = fig.subplots(1, 2)
    ax_l.plot(run.losses, color="#1f77b4")
    ax_l.set(xlabel="训练轮数（epoch）", ylabel="损失 $L$", title=f"损失（η = {run.lr:g}）")
    ax_l.grid(alpha=0.3)
    for j in range(active.shape[1]):
        ax_a.step(np.arange(len(active)), active[:, j] + 0.06 * j, where="post", linewidth=2, label=f"神经元 {j}")
    ax_a.set(
        xlabel="训练轮数（epoch）", ylabel="点亮它的输入个数", ylim=(-0.3, X_arr.shape[0] + 0.5),
        title="每个隐藏神经元被几个输入点亮（0 = 死亡）",
    )  # fmt: skip
    ax_a.grid(alpha=0.3)
    ax_a.legend(fontsize=9)
    return fig
