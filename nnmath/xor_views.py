r"""Pictures and the training explorer of XOR (异或问题的图与训练探索器, 第 2、6 章).

* :func:`xor_figure`: the four points of the XOR table, optionally with
  candidate lines, each showing which points it gets wrong;
* :class:`XorView`: one figure with three panels, the loss per epoch, the
  decision boundary in the input plane, and the hidden layer's view of the
  four points (where a straight line separates them);
* :func:`xor_explorer`: train :class:`nnmath.network.MLP` on XOR and watch
  it learn. Live in Jupyter (learning rate, epoch, seed, activation, hidden
  size); in the HTML book two kernel-free players built with
  :func:`nnmath.explorer.html_player`: one over :math:`\eta`, one over the
  epochs of the documented run;
* :func:`loss_curves_figure`, :func:`success_figure`,
  :func:`unit_activity_figure`: what can go wrong, shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnmath._checks import as_array, as_count, as_real
from nnmath.data import xor
from nnmath.descent import Trajectory
from nnmath.explorer import Frame, TwoFaced, describe, html_player, live_box, top_exponent
from nnmath.network import MLP
from nnmath.plotting import blit, canvas_png, new_figure

#: Colours of the two classes: class 0 blue circles, class 1 red squares.
CLASS_STYLE = {
    0: {"marker": "o", "color": "#2b6cb0", "label": "类别 0"},
    1: {"marker": "s", "color": "#c53030", "label": "类别 1"},
}
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
    r"""The XOR table as four points (异或问题), and candidate lines :math:`w_1x_1 + w_2x_2 + b = 0`.

    The first panel shows the points alone; each line gets its own panel,
    with the side it calls class 1 (:math:`w_1x_1 + w_2x_2 + b > 0`) shaded
    red, the other blue, and every misclassified point ringed.
    """
    X, t = xor()
    fig = new_figure(3.4 * (1 + len(lines)), 3.6)
    axes = np.atleast_1d(fig.subplots(1, 1 + len(lines)))
    g = np.linspace(-0.5, 1.5, 201)
    G1, G2 = np.meshgrid(g, g)
    for k, ax in enumerate(axes):
        ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.6), xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
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
        ax.set_title(f"${w1:g}x_1 {w2:+g}x_2 {b:+g} = 0$\n分对 {int(np.sum(pred == t))}/4", fontsize=10)
    return fig


def _window(net: MLP) -> tuple[float, float]:
    if net.activation == "tanh":
        return -1.1, 1.1
    if net.activation == "sigmoid":
        return -0.05, 1.05
    return -0.1, 2.0


class XorView:
    """The three panels of XOR training, redrawn fast (异或训练的三联图).

    Left: the loss per epoch (log scale) and where we are. Middle: the
    output :math:`p` over the input plane, with the boundary :math:`p = 0.5`.
    Right: the hidden layer's view, where every point :math:`x` is drawn at
    :math:`x^{(1)} = f(W^{(1)}x + b^{(1)})`; the bent grid is the image of the
    input square, and the straight line is where the output layer says 0.5.

    With ``animated=True`` (the default) axes are cached and only the data
    are redrawn (blitting); with ``animated=False`` :meth:`render` draws the
    whole figure, and :attr:`fig` can be shown as an ordinary figure.
    """

    def __init__(
        self,
        epochs: int,
        X: ArrayLike | None = None,
        t: ArrayLike | None = None,
        width: float = 10.4,
        height: float = 3.6,
        animated: bool = True,
    ) -> None:
        X0, t0 = xor()
        self.X = X0 if X is None else as_array("X", X, ndim=(2,))
        self.t = t0 if t is None else as_array("t", t, ndim=(1,))
        self.epochs = as_count("epochs", epochs, minimum=1)
        self.animated = animated
        self.fig = new_figure(width, height)
        self.canvas = FigureCanvasAgg(self.fig)
        self.ax_loss, self.ax_in, self.ax_hid = self.fig.subplots(1, 3)
        g = np.linspace(-0.5, 1.5, 81)
        self.G1, self.G2 = np.meshgrid(g, g)
        self.grid_points = np.column_stack([self.G1.ravel(), self.G2.ravel()])
        # loss panel
        self.ax_loss.set(yscale="log", xlim=(0, self.epochs), ylim=(1e-4, 60), xlabel="训练轮数（epoch）")
        self.ax_loss.set_title("损失 $L$（对数坐标）")
        self.ax_loss.grid(alpha=0.3)
        (self.future,) = self.ax_loss.plot([], [], color="0.75", linewidth=1.2)
        (self.curve,) = self.ax_loss.plot([], [], color="#1f77b4", linewidth=1.8)
        (self.now,) = self.ax_loss.plot([], [], "o", color="#d62728", markersize=7)
        self.info = self.ax_loss.text(
            0.97, 0.97, "", transform=self.ax_loss.transAxes, ha="right", va="top", fontsize=9,
            bbox={"fc": "white", "ec": "0.7", "alpha": 0.9},
        )  # fmt: skip
        # input plane
        self.img_in = self.ax_in.imshow(
            np.zeros_like(self.G1), extent=(-0.5, 1.5, -0.5, 1.5), origin="lower", cmap=CMAP, norm=NORM
        )
        self.ax_in.set(xlabel="$x_1$", ylabel="$x_2$", title="输入平面：输出 $p$ 与边界 $p=0.5$")
        self.pts_in = [
            self.ax_in.scatter([], [], s=90, edgecolors="black", zorder=3, **s) for s in CLASS_STYLE.values()
        ]
        # hidden plane
        self.img_hid = self.ax_hid.imshow(np.zeros((2, 2)), origin="lower", cmap=CMAP, norm=NORM, aspect="auto")
        self.grid_lines = [self.ax_hid.plot([], [], color="0.35", linewidth=0.7)[0] for _ in range(14)]
        (self.out_line,) = self.ax_hid.plot([], [], color="black", linewidth=2)
        self.pts_hid = [
            self.ax_hid.scatter([], [], s=90, edgecolors="black", zorder=3, **s) for s in CLASS_STYLE.values()
        ]
        self.ax_hid.set(xlabel="$x^{(1)}_0$", ylabel="$x^{(1)}_1$")
        self.hid_title = self.ax_hid.set_title("隐藏层眼中的四个点")
        self.dynamic: list[Any] = [
            self.future, self.curve, self.now, self.info, self.img_in, *self.pts_in,
            self.img_hid, *self.grid_lines, self.out_line, *self.pts_hid,
        ]  # fmt: skip
        for artist in self.dynamic:
            artist.set_animated(animated)
        self._contour: Any = None
        self._background: Any = None
        self._window: tuple[float, float] | None = None

    def _set_window(self, window: tuple[float, float]) -> None:
        if window != self._window:
            self.ax_hid.set(xlim=window, ylim=window)
            self.img_hid.set_extent((*window, *window))
            self._window = window
            self._background = None

    def _draw_hidden(self, net: MLP) -> None:
        low, high = self._window or (-1.0, 1.0)
        H = net.sizes[1]
        s = np.linspace(-0.25, 1.25, 60)
        k = 0
        for c in np.linspace(-0.25, 1.25, 7):
            for seg in (np.column_stack([s, np.full_like(s, c)]), np.column_stack([np.full_like(s, c), s])):
                h = net.hidden(seg)
                self.grid_lines[k].set_data(h[:, 0], h[:, 1 % H])
                k += 1
        h_pts = net.hidden(self.X)
        for (cls, _), sc in zip(CLASS_STYLE.items(), self.pts_hid, strict=True):
            sc.set_offsets(h_pts[self.t == cls][:, [0, 1 % H]])
        if H == 2 and len(net.sizes) == 3:
            v = np.linspace(low, high, 160)
            V1, V2 = np.meshgrid(v, v)
            W2, b2 = net.weights[1], net.biases[1]
            y = W2[0, 0] * V1 + W2[0, 1] * V2 + b2[0]
            p = 1.0 / (1.0 + np.exp(-np.clip(y, -50, 50))) if net.output == "sigmoid" else np.clip(y, 0, 1)
            self.img_hid.set_data(p)
            self.img_hid.set_visible(True)
            a, b, c = W2[0, 0], W2[0, 1], b2[0] - (0.5 if net.output == "identity" else 0.0)
            if abs(b) >= abs(a) and b != 0:
                self.out_line.set_data([low, high], [-(a * low + c) / b, -(a * high + c) / b])
            elif a != 0:
                self.out_line.set_data([-(b * low + c) / a, -(b * high + c) / a], [low, high])
            else:
                self.out_line.set_data([], [])
            self.hid_title.set_text("隐藏层眼中的四个点")
        else:
            self.img_hid.set_visible(False)
            self.out_line.set_data([], [])
            title = f"隐藏层（{H} 个神经元）的前两个" if H > 1 else "隐藏层只有 1 个神经元：两个坐标都是它"
            self.hid_title.set_text(title)

    def render(self, net: MLP, run: Trajectory | None = None, epoch: int | None = None, small: bool = False) -> bytes:
        """Draw ``net`` (the network after ``epoch`` epochs of ``run``) and return PNG bytes."""
        X, t = self.X, self.t
        # loss panel
        if run is not None:
            assert run.losses is not None
            epoch = run.steps if epoch is None else min(epoch, run.steps)
            self.future.set_data(np.arange(len(run.losses)), run.losses)
            self.curve.set_data(np.arange(epoch + 1), run.losses[: epoch + 1])
            self.now.set_data([epoch], [run.losses[epoch]])
            lr = f"η = {run.lr:g}，"
        else:
            self.future.set_data([], [])
            self.curve.set_data([], [])
            self.now.set_data([], [])
            lr = ""
        loss, acc = net.loss(X, t), net.accuracy(X, t)
        shown = f"{loss:.4f}" if abs(loss) < 1e4 else f"{loss:.4g}"  # never hundreds of digits
        text = f"{lr}第 {epoch or 0} 轮\nL = {shown}，准确率 {acc:.0%}"
        if run is not None and run.diverged:
            text += "\n" + describe(run)
        self.info.set_text(text)
        # input plane
        P = net.forward(self.grid_points)[:, 0].reshape(self.G1.shape)
        self.img_in.set_data(np.clip(P, 0, 1))
        for (cls, _), sc in zip(CLASS_STYLE.items(), self.pts_in, strict=True):
            sc.set_offsets(X[t == cls])
        if self._contour is not None:
            self._contour.remove()
            self._contour = None
        if P.min() < 0.5 < P.max():
            self._contour = self.ax_in.contour(self.G1, self.G2, P, levels=[0.5], colors="black", linewidths=2)
            self._contour.set_animated(self.animated)
        # hidden plane
        self._set_window(_window(net) if net.activation != "relu" else self._relu_window(net))
        self._draw_hidden(net)
        if not self.animated:
            self.canvas.draw()
            return canvas_png(self.canvas, small)
        order = [self.img_in, self._contour, *self.pts_in, self.img_hid, *self.grid_lines, self.out_line]
        moving = [*order, *self.pts_hid, self.future, self.curve, self.now, self.info]
        self._background = blit(self.canvas, moving, self._background)
        return canvas_png(self.canvas, small)

    def _relu_window(self, net: MLP) -> tuple[float, float]:
        """A window for ReLU's unbounded hidden values, kept while it still fits (so the cache survives)."""
        s = np.linspace(-0.25, 1.25, 7)
        corners = np.array([(a, b) for a in s for b in s])
        top = float(np.max(net.hidden(corners)[:, : min(2, net.sizes[1])]))
        high = max(1.0, 1.1 * top)
        if self._window is not None and self._window[1] >= high and self._window[1] <= 2 * high:
            return self._window
        return -0.05 * high, float(np.ceil(high))


class XorExplorer(TwoFaced):
    """Train an MLP on XOR and watch it learn (异或训练探索器). Create it with :func:`xor_explorer`."""

    def __init__(
        self,
        sizes: tuple[int, ...],
        activation: str,
        seed: int,
        lr: float,
        etas: Sequence[float],
        epochs: int,
        snapshots: Sequence[int],
    ) -> None:
        self.sizes, self.activation, self.seed, self.lr = sizes, activation, seed, lr
        self.etas, self.epochs, self.snapshots = list(etas), epochs, list(snapshots)
        self.X, self.t = xor()
        self._live: Any = None
        self._runs: dict[tuple[float, int, str, int], tuple[MLP, Trajectory]] = {}
        self._view: XorView | None = None

    def view(self) -> XorView:
        """The one figure of this explorer, shared by the static frames and the live widget."""
        if self._view is None:
            self._view = XorView(self.epochs)
        return self._view

    def train(
        self, lr: float, seed: int | None = None, activation: str | None = None, hidden: int | None = None
    ) -> tuple[MLP, Trajectory]:
        """A fresh network (the explorer's settings, overridden by the arguments) trained on XOR (remembered)."""
        key = (
            float(lr),
            self.seed if seed is None else int(seed),
            activation or self.activation,
            self.sizes[1] if hidden is None else int(hidden),
        )
        if key not in self._runs:
            net = MLP((self.sizes[0], key[3], *self.sizes[2:]), key[2], seed=key[1])  # type: ignore[arg-type]
            self._runs[key] = (net, net.fit(self.X, self.t, lr, self.epochs))
        return self._runs[key]

    def _alt(self, net: MLP, run: Trajectory, epoch: int) -> str:
        acc = net.accuracy(self.X, self.t)
        return (
            f"{'-'.join(map(str, net.sizes))} 网络在异或上训练，学习率 η = {run.lr:g}，第 {epoch} 轮："
            f"损失 {net.loss(self.X, self.t):.4f}，准确率 {acc:.0%}；"
            "左为损失曲线，中为输入平面上的决策边界，右为隐藏层中的四个点"
        )

    def eta_frames(self, view: XorView | None = None) -> list[Frame]:
        """One picture per learning rate of ``etas``: the whole loss curve and the network at the end."""
        view = view or XorView(self.epochs)
        frames = []
        for lr in self.etas:
            net, run = self.train(lr)
            frames.append(Frame(view.render(net, run, small=True), f"η = {lr:g}", self._alt(net, run, run.steps)))
        return frames

    def epoch_frames(self, view: XorView | None = None) -> list[Frame]:
        """One picture per epoch of ``snapshots`` for the explorer's own learning rate."""
        net, run = self.train(self.lr)
        view = view or XorView(self.epochs)
        frames = []
        for e in self.snapshots:
            e = min(e, run.steps)
            at = net.with_params(run.points[e])
            frames.append(Frame(view.render(at, run, e, small=True), f"第 {e} 轮", self._alt(at, run, e)))
        return frames

    def static_html(self) -> str:
        """Two kernel-free players: over the learning rate, and over the epochs of the run with ``lr``."""
        view = self.view()
        first = html_player(self.eta_frames(view), "学习率 η", initial=self.etas.index(self.lr))
        second = html_player(self.epoch_frames(view), f"η = {self.lr:g} 时的训练轮数", initial=0)
        return f'<div class="nnmath-xor">{first}\n<hr style="margin:0.8em 0">\n{second}</div>'

    def widget(self) -> Any:
        """The live control: η, epoch, seed, activation and hidden size; the picture updates on every move."""
        if self._live is None:
            import ipywidgets as widgets

            style = {"description_width": "6em"}
            eta = widgets.FloatLogSlider(
                value=self.lr, base=10, min=np.log10(min(self.etas)), max=top_exponent(max(self.etas)), step=0.05,
                description="学习率 η", readout_format=".3g", style=style,
            )  # fmt: skip
            epoch = widgets.IntSlider(value=self.epochs, min=0, max=self.epochs, description="第几轮", style=style)
            seed = widgets.IntSlider(
                value=self.seed, min=0, max=max(30, self.seed), description="随机种子", style=style
            )
            act = widgets.Dropdown(
                options=["tanh", "sigmoid", "relu"], value=self.activation, description="激活函数", style=style
            )
            hidden = widgets.Dropdown(
                options=sorted({2, 3, 4, 8, self.sizes[1]}), value=self.sizes[1], description="隐藏神经元", style=style
            )
            picture = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="832px"))
            state: dict[str, Any] = {"view": self.view()}

            def retrain(_change: object = None) -> None:
                state["net"], state["run"] = self.train(eta.value, seed.value, act.value, hidden.value)
                show()

            def show(_change: object = None) -> None:
                net, run = state["net"], state["run"]
                e = min(epoch.value, run.steps)
                picture.value = state["view"].render(net.with_params(run.points[e]), run, e)

            for control in (eta, seed, act, hidden):
                control.observe(retrain, names="value")
            epoch.observe(show, names="value")
            retrain()
            self._live = live_box(widgets.HBox([eta, epoch]), widgets.HBox([seed, act, hidden]), picture)
        return self._live

    def __repr__(self) -> str:
        sizes = "-".join(map(str, self.sizes))
        return f"XorExplorer({sizes} {self.activation}, seed={self.seed}, η={self.lr:g}, epochs={self.epochs})"


def xor_explorer(
    sizes: Sequence[int] = (2, 2, 1),
    activation: str = "tanh",
    seed: int = 0,
    lr: float = 1.0,
    etas: Sequence[float] = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0),
    epochs: int = 2000,
    snapshots: Sequence[int] = (0, 25, 50, 75, 100, 200, 500, 2000),
) -> XorExplorer:
    r"""The XOR training explorer (异或训练探索器): loss, decision boundary and hidden view as the network learns.

    Parameters
    ----------
    sizes : sequence of int
        Layer sizes, ``(2, H, 1)``.
    activation : {"tanh", "sigmoid", "relu"}
    seed : int
        Seed of the initial weights.
    lr : float
        The learning rate shown first and used for the epoch player; one of ``etas``.
    etas : sequence of float
        Learning rates of the static player, increasing (at most 10).
    epochs : int
        Epochs of gradient descent per run.
    snapshots : sequence of int
        Epochs shown by the static epoch player (at most 10), each in
        ``[0, epochs]`` (a run that stops earlier shows its last epoch).

    Raises
    ------
    ValueError
        At once, if any setting is invalid (before any training).

    """
    for name, value in (("sizes", sizes), ("etas", etas), ("snapshots", snapshots)):
        if value is None or isinstance(value, str | bytes):
            raise ValueError(f"{name} must be a sequence of numbers, got {value!r}")
    sizes_t = tuple(as_count("sizes", s, minimum=1) for s in sizes)
    if len(sizes_t) != 3 or sizes_t[0] != 2 or sizes_t[2] != 1:
        raise ValueError(f"sizes must be (2, H, 1) for XOR, got {tuple(sizes)}")
    etas_l = [as_real("etas[i]", e, positive=True) for e in etas]
    if not 1 <= len(etas_l) <= 10 or etas_l != sorted(etas_l):
        raise ValueError(f"etas must be 1 to 10 increasing positive numbers, got {etas_l}")
    lr = as_real("lr", lr, positive=True)
    if lr not in etas_l:
        raise ValueError(f"lr must be one of etas, got {lr} and {etas_l}")
    epochs = as_count("epochs", epochs, 1)
    shots = [as_count("snapshots[i]", e) for e in snapshots]
    if not 1 <= len(shots) <= 10 or max(shots) > epochs:
        raise ValueError(f"snapshots must hold 1 to 10 epochs in [0, {epochs}], got {list(snapshots)}")
    MLP(sizes_t, activation)  # type: ignore[arg-type]  # validates the activation
    return XorExplorer(sizes_t, activation, as_count("seed", seed), lr, etas_l, epochs, shots)


def xor_state_figure(net: MLP, run: Trajectory | None = None, epoch: int | None = None) -> Figure:
    """One still of :class:`XorView` (异或训练的一个瞬间) as an ordinary figure."""
    view = XorView(run.steps if run is not None and run.steps > 0 else 1, animated=False)
    view.render(net, run, epoch)
    return view.fig


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
