r"""Pictures and explorers of the handwritten digits (手写数字的图与探索器, 第 7 章).

* :func:`digits_figure`: a few images of the data set with their labels;
* :func:`draft_explorer`: the source's 「选秀」 picture come alive, drawn in the
  browser (:mod:`nnmath.views.digits_player`; imported here until chapter 7
  imports it from there);
* :func:`training_explorer`: learning curves (loss and accuracy on the
  training and test sets per epoch) for a learning rate :math:`\eta`, a batch
  size and a network. Live, it trains in the kernel and redraws after every
  epoch; in the HTML book it carries precomputed runs for a grid of
  :math:`\eta`, batch sizes and networks as JSON, drawn as SVG by a small
  inline script, with an epoch slider (no kernel, no other host);
* :func:`curves_figure`, :func:`gradient_spread_figure`,
  :func:`misclassified_figure`, :func:`first_layer_figure`,
  :func:`confusion_figure`: still figures of the chapter.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from nnmath import MLP
from nnmath._checks import Array, as_array, as_count, as_real
from nnmath.digits import N_CLASSES, SIDE, Curves, as_labels, train
from nnmath.views.plotting import canvas_png, new_figure

Data = tuple[Array, Array, Array, Array]

#: The class of the training explorer's live box (the JupyterLab tests find it by this name).
LIVE_CLASS = "nnmath-live"

#: Colours of the learning curves: training set solid, test set dashed.
TRAIN_COLOR, TEST_COLOR = "#1f77b4", "#d62728"


def _images(name: str, X: ArrayLike) -> Array:
    arr = as_array(name, X, ndim=(2,))
    if arr.shape[1] != SIDE * SIDE:
        raise ValueError(f"{name} must have {SIDE * SIDE} columns (8×8 images), got shape {arr.shape}")
    return arr


def _show_digit(ax: Any, image: Array, title: str = "", fontsize: float = 10) -> None:
    ax.imshow(image.reshape(SIDE, SIDE), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=fontsize)


def digits_figure(X: ArrayLike, labels: ArrayLike, per_class: int = 2) -> Figure:
    """The first ``per_class`` images of each digit (手写数字样例), one column per digit, labelled."""
    images = _images("X", X)
    y = as_labels("labels", labels, N_CLASSES)
    per_class = as_count("per_class", per_class, minimum=1)
    if len(y) != len(images):
        raise ValueError(f"labels must have {len(images)} entries, got {len(y)}")
    fig = new_figure(8.0, 0.95 * per_class + 0.4)
    axes = fig.subplots(per_class, N_CLASSES, squeeze=False)
    for c in range(N_CLASSES):
        rows = np.flatnonzero(y == c)[:per_class]
        if len(rows) < per_class:
            raise ValueError(f"need {per_class} images of digit {c}, found {len(rows)}")
        for r, k in enumerate(rows):
            _show_digit(axes[r, c], images[k], f"{c}" if r == 0 else "")
    return fig


# ---- learning curves -------------------------------------------------------------------------------------------


def _draw_curves(ax_loss: Any, ax_acc: Any, label: str, curves: Curves, color: str | None = None) -> None:
    epochs = np.arange(curves.epochs + 1)
    (line,) = ax_loss.plot(epochs, curves.train_loss, "-", color=color, linewidth=1.8, label=f"{label} 训练")
    color = line.get_color()
    ax_loss.plot(epochs, curves.test_loss, "--", color=color, linewidth=1.4, label=f"{label} 测试")
    ax_acc.plot(epochs, 100 * curves.train_accuracy, "-", color=color, linewidth=1.8)
    ax_acc.plot(epochs, 100 * curves.test_accuracy, "--", color=color, linewidth=1.4)


def _curve_axes(fig: Figure, title: str = "") -> tuple[Any, Any]:
    ax_loss, ax_acc = fig.subplots(1, 2)
    ax_loss.set(xlabel="训练轮数（epoch）", ylabel="损失（交叉熵）", yscale="log", title="损失")
    ax_acc.set(xlabel="训练轮数（epoch）", ylabel="准确率（%）", ylim=(0, 102), title="准确率")
    for ax in (ax_loss, ax_acc):
        ax.grid(alpha=0.3)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if title:
        fig.suptitle(title)
    return ax_loss, ax_acc


def curves_figure(runs: Sequence[tuple[str, Curves]], title: str = "") -> Figure:
    """Learning curves of several runs (学习曲线): loss and accuracy per epoch, training solid, test dashed."""
    if not runs:
        raise ValueError("runs must hold at least one (label, Curves) pair")
    fig = new_figure(9.6, 4.0 + 0.2 * math.ceil(len(runs) / 3))
    ax_loss, ax_acc = _curve_axes(fig, title)
    for label, curves in runs:
        _draw_curves(ax_loss, ax_acc, label, curves)
    fig.legend(loc="outside lower center", ncols=min(2 * len(runs), 6), fontsize=8)
    return fig


# ---- the spread of batch gradients -----------------------------------------------------------------------------


def gradient_spread_figure(full: ArrayLike, batches: dict[int, Array], predicted: dict[int, float]) -> Figure:
    r"""Batch gradients around the full gradient (小批量梯度的散布), for several batch sizes.

    Left: every batch gradient drawn in the plane spanned by the full
    gradient :math:`g` (horizontal) and the direction in which the batch
    gradients of the smallest batch size spread most (vertical), in units of
    :math:`\lVert g \rVert`; the full gradient is the black star at (1, 0).
    Right: the root-mean-square distance :math:`\lVert g_B - g \rVert / \lVert g \rVert`
    measured for each batch size :math:`B`, beside the formula's ``predicted`` value.

    Parameters
    ----------
    full : array_like, shape (P,)
        The full gradient :math:`g` (all training images).
    batches : dict of int to ndarray of shape (M, P)
        Batch gradients for each batch size.
    predicted : dict of int to float
        The formula's relative RMS distance for each batch size (same keys).

    """
    g = as_array("full", full, ndim=(1,))
    norm = float(np.linalg.norm(g))
    if not (np.isfinite(norm) and norm > 0):
        raise ValueError("full must be a finite, non-zero gradient")
    if not batches or set(batches) != set(predicted):
        raise ValueError("batches and predicted must have the same batch sizes, at least one")
    sizes = sorted(batches)
    for B in sizes:
        if batches[B].ndim != 2 or batches[B].shape[1] != g.size:
            raise ValueError(f"batches[{B}] must have shape (M, {g.size}), got {batches[B].shape}")
    u = g / norm
    spread = batches[sizes[0]] - g
    spread = spread - np.outer(spread @ u, u)
    _, _, vt = np.linalg.svd(spread, full_matrices=False)
    v = vt[0]
    fig = new_figure(9.6, 4.0)
    ax_cloud, ax_rms = fig.subplots(1, 2, width_ratios=[1.2, 1])
    colors = ["#9ecae1", "#4292c6", "#08519c", "#08306b"]
    for k, B in enumerate(sizes):
        G = batches[B]
        ax_cloud.scatter(G @ u / norm, G @ v / norm, s=10, alpha=0.7, color=colors[k % len(colors)], label=f"B = {B}")
    ax_cloud.plot([1], [0], "*", color="black", markersize=14, label="全部数据的梯度 g")
    ax_cloud.axhline(0, color="0.6", linewidth=0.6)
    ax_cloud.axvline(0, color="0.6", linewidth=0.6)
    ax_cloud.set(
        xlabel="沿 g 的方向（单位：‖g‖）", ylabel="垂直于 g 的方向（单位：‖g‖）", title="每个点是一个小批量的梯度"
    )
    ax_cloud.legend(fontsize=8, loc="upper left")
    measured = [float(np.sqrt(np.mean(np.sum((batches[B] - g) ** 2, axis=1)))) / norm for B in sizes]
    ax_rms.loglog(sizes, measured, "o", color="#08519c", markersize=7, label="实测")
    ax_rms.loglog(sizes, [predicted[B] for B in sizes], "-", color="#ff7f0e", label="公式")
    ax_rms.set(xlabel="批大小 $B$", ylabel=r"$\|g_B - g\| \,/\, \|g\|$（均方根）", title="批越大，噪声越小")
    ax_rms.grid(alpha=0.3, which="both")
    ax_rms.legend(fontsize=9)
    return fig


# ---- what the trained network does -----------------------------------------------------------------------------


def _probability_bars(ax: Any, p: Array, true: int | None = None) -> None:
    colors = ["#999999"] * N_CLASSES
    guess = int(np.argmax(p))
    colors[guess] = "#d62728" if true is not None and guess != true else "#2b8a3e"
    if true is not None and guess != true:
        colors[true] = "#2b8a3e"
    ax.bar(range(N_CLASSES), p, color=colors)
    ax.set_ylim(0, 1)
    ax.set_xticks(range(N_CLASSES))
    ax.tick_params(labelsize=7, length=0)
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def misclassified_figure(net: MLP, X: ArrayLike, labels: ArrayLike, count: int = 12) -> Figure:
    """Test images the network gets wrong (分错的测试图片), each with its ten probabilities.

    Each image is titled “答案 → 网络” (true label → the network's answer);
    beneath it the softmax probabilities of the digits 0–9, the network's
    answer in red, the right answer in green.
    """
    images = _images("X", X)
    y = as_labels("labels", labels, N_CLASSES)
    count = as_count("count", count, minimum=1)
    P = net.forward(images)
    wrong = np.flatnonzero(np.argmax(P, axis=1) != y)[:count]
    if len(wrong) == 0:
        raise ValueError("the network classifies every image correctly: nothing to show")
    cols = min(6, len(wrong))
    rows = math.ceil(len(wrong) / cols)
    fig = new_figure(1.55 * cols, 2.5 * rows)
    grid = fig.add_gridspec(2 * rows, cols, height_ratios=[2.2, 1] * rows)
    for k, n in enumerate(wrong):
        r, c = divmod(k, cols)
        ax_img = fig.add_subplot(grid[2 * r, c])
        _show_digit(ax_img, images[n], f"{y[n]} → {int(np.argmax(P[n]))}（{P[n].max():.0%}）", fontsize=9)
        _probability_bars(fig.add_subplot(grid[2 * r + 1, c]), P[n], int(y[n]))
    return fig


def first_layer_figure(net: MLP, columns: int = 8, name: str = "神经元") -> Figure:
    r"""The first layer's weights as 8×8 images (第一层权重的图像): row :math:`j` of :math:`W^{(1)}`, neuron :math:`j`.

    Red pixels have positive weights (ink there raises the neuron's
    :math:`y^{(1)}_j`), blue negative; one colour scale for all neurons.
    Each image is titled ``f"{name} {j}"`` (for a network without a hidden
    layer the rows belong to the digits: ``name="数字"``).
    """
    W = net.weights[0]
    if W.shape[1] != SIDE * SIDE:
        raise ValueError(f"the first layer must take 64 inputs (8×8 images), got weights of shape {W.shape}")
    columns = as_count("columns", columns, minimum=1)
    rows = math.ceil(W.shape[0] / columns)
    step = SIDE + 1  # one blank pixel between tiles, and a blank row above each for its title
    mosaic = np.full((rows * (step + 1), columns * step - 1), np.nan)
    fig = new_figure(1.1 * columns + 0.8, 1.25 * rows + 0.1)
    ax = fig.subplots()
    for j, row in enumerate(W):
        r, c = divmod(j, columns)
        top = r * (step + 1) + 2
        mosaic[top : top + SIDE, c * step : c * step + SIDE] = row.reshape(SIDE, SIDE)
        ax.text(c * step + (SIDE - 1) / 2, top - 1.2, f"{name} {j}", ha="center", va="center", fontsize=8)
        ax.add_patch(Rectangle((c * step - 0.5, top - 0.5), SIDE, SIDE, fill=False, edgecolor="0.45", linewidth=0.6))
    limit = float(np.abs(W).max()) or 1.0
    image = ax.imshow(mosaic, cmap="RdBu_r", vmin=-limit, vmax=limit, interpolation="nearest")
    ax.set_axis_off()
    fig.colorbar(image, ax=ax, shrink=0.8, label="权重")
    return fig


def confusion_figure(matrix: ArrayLike) -> Figure:
    """A confusion matrix (混淆矩阵) as a table of counts: rows the true digit, columns the network's answer."""
    C = as_array("matrix", matrix, ndim=(2,))
    if C.shape[0] != C.shape[1]:
        raise ValueError(f"matrix must be square, got shape {C.shape}")
    K = C.shape[0]
    fig = new_figure(4.6, 4.2)
    ax = fig.subplots()
    off = C.copy()
    np.fill_diagonal(off, np.nan)
    ax.imshow(np.where(np.eye(K, dtype=bool), 0, off), cmap="Reds", vmin=0, vmax=max(1.0, np.nanmax(off)))
    for i in range(K):
        for j in range(K):
            if C[i, j]:
                ax.text(j, i, f"{int(C[i, j])}", ha="center", va="center", fontsize=8)
    ax.set(xticks=range(K), yticks=range(K), xlabel="网络的回答", ylabel="正确答案")
    ax.tick_params(length=0)
    return fig


# ---- the training explorer ---------------------------------------------------------------------------------------


def _network_name(hidden: int) -> str:
    return "64-10（无隐藏层）" if hidden == 0 else f"64-{hidden}-10"


class CurvesView:
    """Loss and accuracy per epoch for one run (学习曲线图), redrawn in place for the live explorer."""

    def __init__(self, epochs: int) -> None:
        self.fig = new_figure(9.6, 3.6)
        self.canvas = FigureCanvasAgg(self.fig)
        self.ax_loss, self.ax_acc = _curve_axes(self.fig)
        lines = {}
        for ax, key in ((self.ax_loss, "loss"), (self.ax_acc, "accuracy")):
            for part, color, style in (("train", TRAIN_COLOR, "-"), ("test", TEST_COLOR, "--")):
                name = "训练集" if part == "train" else "测试集"
                (lines[key, part],) = ax.plot([], [], style, color=color, linewidth=1.8, label=name)
        self.lines = lines
        self.ax_acc.legend(loc="lower right", fontsize=9)
        self.note = self.ax_acc.text(0.03, 0.04, "", transform=self.ax_acc.transAxes, fontsize=9)
        self.set_epochs(epochs)

    def set_epochs(self, epochs: int) -> None:
        """Fix the x-axes to ``0..epochs``."""
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0, max(epochs, 1))

    def render(self, curves: Curves, title: str, upto: int | None = None, small: bool = False) -> bytes:
        """Draw ``curves`` (its first ``upto`` epochs) with ``title``; return PNG bytes (``small``: for print)."""
        n = curves.epochs + 1 if upto is None else upto + 1
        epochs = np.arange(n)
        data = {
            ("loss", "train"): curves.train_loss,
            ("loss", "test"): curves.test_loss,
            ("accuracy", "train"): 100 * curves.train_accuracy,
            ("accuracy", "test"): 100 * curves.test_accuracy,
        }
        for key, values in data.items():
            self.lines[key].set_data(epochs, values[:n])
        finite = np.concatenate([curves.train_loss[:n], curves.test_loss[:n]])
        finite = finite[np.isfinite(finite) & (finite > 0)]
        low, high = (float(finite.min()), float(finite.max())) if len(finite) else (0.01, 10.0)
        self.ax_loss.set_ylim(min(low, 0.01) * 0.8, max(high, 3.0) * 1.25)
        last = n - 1
        self.note.set_text(
            f"第 {last} 轮：训练 {100 * curves.train_accuracy[last]:.1f}%，测试 {100 * curves.test_accuracy[last]:.1f}%"
        )
        self.fig.suptitle(title, fontsize=11)
        self.canvas.draw()
        return canvas_png(self.canvas, small=small)


def _rounded(values: Array, digits: int) -> list[float | None]:
    return [float(f"{v:.{digits}g}") if np.isfinite(v) else None for v in values]


class TrainingExplorer:
    """Train a digit classifier and watch its learning curves (训练探索器). Create it with :func:`training_explorer`."""

    def __init__(
        self,
        data: Data,
        etas: Sequence[float],
        batch_sizes: Sequence[int],
        hiddens: Sequence[int],
        epochs: int,
        initial: tuple[float, int, int],
        activation: str,
        seed: int,
    ) -> None:
        self.data = data
        self.etas, self.batch_sizes, self.hiddens = list(etas), list(batch_sizes), list(hiddens)
        self.epochs, self.initial, self.activation, self.seed = epochs, initial, activation, seed
        self._runs: dict[tuple[float, int, int, int, int], Curves] = {}
        self._live: Any = None

    def network(self, hidden: int, seed: int | None = None) -> MLP:
        """A fresh softmax network 64-``hidden``-10 (64-10 when ``hidden`` is 0)."""
        sizes = (SIDE * SIDE, N_CLASSES) if hidden == 0 else (SIDE * SIDE, hidden, N_CLASSES)
        return MLP(sizes, self.activation, output="softmax", seed=self.seed if seed is None else seed)  # type: ignore[arg-type]

    def run(
        self,
        lr: float,
        batch_size: int,
        hidden: int,
        epochs: int | None = None,
        seed: int | None = None,
        on_epoch: Callable[[int, MLP, Curves], None] | None = None,
    ) -> Curves:
        """Train a fresh network with these settings (remembered) and return its learning curves."""
        epochs = self.epochs if epochs is None else epochs
        seed = self.seed if seed is None else seed
        key = (float(lr), int(batch_size), int(hidden), int(epochs), int(seed))
        if key not in self._runs:
            self._runs[key] = train(self.network(hidden, seed), self.data, lr, epochs, batch_size, seed, on_epoch)
        return self._runs[key]

    def grid(self) -> list[list[list[Curves]]]:
        """The static explorer's runs: ``grid()[h][i][j]`` for ``hiddens[h]``, ``etas[i]``, ``batch_sizes[j]``."""
        return [[[self.run(lr, b, h) for b in self.batch_sizes] for lr in self.etas] for h in self.hiddens]

    def data_json(self) -> str:
        """The grid of runs as compact JSON: losses to 3 significant digits, accuracies in % to 1 decimal."""
        runs = [
            [
                [
                    {
                        "trL": _rounded(c.train_loss, 3),
                        "teL": _rounded(c.test_loss, 3),
                        "trA": [round(100 * a, 1) for a in c.train_accuracy],
                        "teA": [round(100 * a, 1) for a in c.test_accuracy],
                    }
                    for c in row
                ]
                for row in block
            ]
            for block in self.grid()
        ]
        payload = {
            "etas": self.etas,
            "batches": self.batch_sizes,
            "nets": [_network_name(h) for h in self.hiddens],
            "epochs": self.epochs,
            "runs": runs,
        }
        return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)

    def static_html(self) -> str:
        """The kernel-free explorer: radio groups for η, batch size and network, an epoch slider, SVG curves."""
        lr0, b0, h0 = self.initial
        key = f"{self.etas}{self.batch_sizes}{self.hiddens}{self.epochs}{self.initial}{self.activation}{self.seed}"
        pid = "nnmath-trainer-" + hashlib.sha1(key.encode()).hexdigest()[:10]

        def radios(name: str, legend: str, labels: Sequence[str], checked: int) -> str:
            items = "".join(
                f'<label class="nnmath-choice"><input type="radio" name="{pid}-{name}" value="{k}"'
                f"{' checked' if k == checked else ''}> {html.escape(text)}</label>"
                for k, text in enumerate(labels)
            )
            return f'<fieldset data-control="{name}"><legend>{html.escape(legend)}</legend>{items}</fieldset>'

        groups = [
            radios("eta", "学习率 η", [f"{e:g}" for e in self.etas], self.etas.index(lr0)),
            radios("batch", "批大小 B", [str(b) for b in self.batch_sizes], self.batch_sizes.index(b0)),
        ]
        if len(self.hiddens) > 1:
            groups.append(radios("net", "网络", [_network_name(h) for h in self.hiddens], self.hiddens.index(h0)))
        controls = "\n".join(groups)
        return f"""<div class="nnmath-trainer" id="{pid}">
<style>
#{pid} fieldset {{ display: inline-block; vertical-align: top; border: 1px solid #ccc; border-radius: 4px;
  margin: 0 0.6em 0.4em 0; padding: 0.1em 0.6em 0.3em; }}
#{pid} legend {{ font-size: 0.9em; padding: 0 0.3em; }}
#{pid} .nnmath-choice {{ display: inline-block; margin-right: 1em; font-size: 0.95em; white-space: nowrap; }}
#{pid} .nnmath-epoch {{ display: flex; gap: 0.8em; align-items: center; font-size: 0.95em; flex-wrap: wrap; }}
#{pid} .nnmath-epoch input {{ flex: 1; min-width: 10em; }}
#{pid} .nnmath-panels {{ display: flex; flex-wrap: wrap; gap: 0.5em; }}
#{pid} .nnmath-panels svg {{ flex: 1 1 300px; max-width: 100%; height: auto; }}
#{pid} .nnmath-readout {{ font-size: 0.95em; margin: 0.3em 0; min-height: 2.8em; }}
</style>
{controls}
<label class="nnmath-epoch">训练轮数 <input type="range" min="0" max="{self.epochs}" step="1" value="{self.epochs}"
 aria-label="训练轮数"><output>第 {self.epochs} 轮</output></label>
<p class="nnmath-readout" aria-live="polite"></p>
<div class="nnmath-panels">
<svg data-panel="loss" viewBox="0 0 360 250" role="img" aria-label="损失曲线"></svg>
<svg data-panel="accuracy" viewBox="0 0 360 250" role="img" aria-label="准确率曲线"></svg>
</div>
<script type="application/json">{self.data_json()}</script>
<script>{_TRAINER_JS.replace("PID", pid)}</script>
</div>"""

    def still_png(self) -> bytes:
        """The still picture for print: the learning curves of the run shown first."""
        lr0, b0, h0 = self.initial
        curves = self.run(lr0, b0, h0)
        return CurvesView(self.epochs).render(curves, f"{_network_name(h0)}，η = {lr0:g}，B = {b0}", small=True)

    def widget(self) -> Any:
        """The live control: η, batch size, network, epochs and seed; it trains and redraws after every epoch."""
        if self._live is None:
            import ipywidgets as widgets

            lr0, b0, h0 = self.initial
            style = {"description_width": "6em"}
            eta = widgets.FloatLogSlider(
                value=lr0, base=10, min=np.log10(min(self.etas)), max=np.log10(max(self.etas)), step=0.1,
                description="学习率 η", readout_format=".3g", style=style,
            )  # fmt: skip
            batch = widgets.SelectionSlider(
                options=sorted({1, 2, 5, 10, 20, 32, 64, 128, 256, *self.batch_sizes}),
                value=b0,
                description="批大小 B",
                style=style,
            )
            hidden = widgets.Dropdown(
                options=[(_network_name(h), h) for h in sorted({0, 8, 16, 32, 64, *self.hiddens})],
                value=h0,
                description="网络",
                style=style,
            )
            epochs = widgets.IntSlider(
                value=self.epochs, min=1, max=4 * self.epochs, description="训练轮数", style=style
            )
            seed = widgets.IntSlider(value=self.seed, min=0, max=20, description="随机种子", style=style)
            picture = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="768px"))
            view = CurvesView(self.epochs)

            def title() -> str:
                return f"{_network_name(hidden.value)}，η = {eta.value:.3g}，B = {batch.value}"

            def progress(epoch: int, _net: MLP, curves: Curves) -> None:
                picture.value = view.render(curves, title(), upto=epoch)

            def retrain(_change: object = None) -> None:
                view.set_epochs(epochs.value)
                curves = self.run(eta.value, batch.value, hidden.value, epochs.value, seed.value, on_epoch=progress)
                picture.value = view.render(curves, title())

            for control in (eta, batch, hidden, epochs, seed):
                control.observe(retrain, names="value")
            retrain()
            self._live = widgets.VBox([widgets.HBox([eta, batch]), widgets.HBox([hidden, epochs, seed]), picture])
            self._live.add_class(LIVE_CLASS)
        return self._live

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """The live widget, the kernel-free explorer (text/html) and the still picture (image/png)."""
        bundle = dict(self.widget()._repr_mimebundle_())
        bundle["text/html"] = self.static_html()
        bundle["image/png"] = base64.b64encode(self.still_png()).decode()
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        etas = ", ".join(f"{e:g}" for e in self.etas)
        return (
            f"TrainingExplorer(η ∈ [{etas}], B ∈ {self.batch_sizes}, "
            f"networks {[_network_name(h) for h in self.hiddens]}, {self.epochs} epochs)"
        )


def training_explorer(
    data: Data,
    etas: Sequence[float],
    batch_sizes: Sequence[int],
    hiddens: Sequence[int] = (32,),
    epochs: int = 20,
    initial: tuple[float, int, int] | None = None,
    activation: str = "tanh",
    seed: int = 0,
) -> TrainingExplorer:
    r"""Explore mini-batch training on the digits (训练探索器): :math:`\eta`, batch size and network.

    Parameters
    ----------
    data : (X_train, X_test, t_train, t_test)
        From :func:`nnmath.digits.train_test_split`.
    etas : sequence of float
        Learning rates of the static grid, increasing (the live slider spans them).
    batch_sizes : sequence of int
        Batch sizes of the static grid, increasing.
    hiddens : sequence of int
        Hidden layer sizes of the static grid; 0 means no hidden layer
        (softmax regression, 64-10).
    epochs : int
        Epochs of every run.
    initial : (float, int, int), optional
        The (η, batch size, hidden size) shown first; default the middle of each list.
    activation : {"tanh", "relu", "sigmoid"}
    seed : int
        Seed of the initial weights and of the shuffles.

    Returns
    -------
    TrainingExplorer
        Display it as the last value of a cell.

    """
    values = [as_real("etas", e, positive=True) for e in etas]
    if not values or values != sorted(set(values)):
        raise ValueError(f"etas must be distinct positive numbers in increasing order, got {list(etas)}")
    sizes = [as_count("batch_sizes", b, minimum=1) for b in batch_sizes]
    if not sizes or sizes != sorted(set(sizes)) or sizes[-1] > len(data[0]):
        raise ValueError(
            f"batch_sizes must be distinct, increasing and at most {len(data[0])}, got {list(batch_sizes)}"
        )
    hidden = [as_count("hiddens", h) for h in hiddens]
    if not hidden or len(set(hidden)) != len(hidden):
        raise ValueError(f"hiddens must be distinct sizes (0 for no hidden layer), got {list(hiddens)}")
    epochs = as_count("epochs", epochs, minimum=1)
    start = (values[len(values) // 2], sizes[len(sizes) // 2], hidden[0]) if initial is None else initial
    if start[0] not in values or start[1] not in sizes or start[2] not in hidden:
        raise ValueError(f"initial must pick one of etas, batch_sizes and hiddens, got {initial}")
    if activation not in ("tanh", "relu", "sigmoid"):
        raise ValueError(f"activation must be 'tanh', 'relu' or 'sigmoid', got {activation!r}")
    X_train, X_test = _images("X_train", data[0]), _images("X_test", data[1])
    t_train, t_test = as_labels("t_train", data[2], N_CLASSES), as_labels("t_test", data[3], N_CLASSES)
    return TrainingExplorer(
        (X_train, X_test, t_train, t_test), values, sizes, hidden, epochs, start, activation, as_count("seed", seed)
    )


#: The static training explorer's script: reads the JSON beside it and draws two SVG panels.
_TRAINER_JS = r"""(function () {
  var root = document.getElementById("PID");
  var data = JSON.parse(root.querySelector("script[type='application/json']").textContent);
  var slider = root.querySelector("input[type=range]"), output = root.querySelector("output");
  var readout = root.querySelector(".nnmath-readout");
  var W = 360, H = 250, L = 52, R = 10, T = 26, B = 40;
  function choice(name) {
    var checked = root.querySelector("fieldset[data-control=" + name + "] input:checked");
    return checked ? Number(checked.value) : 0;
  }
  function el(svg, tag, attrs, text) {
    var node = document.createElementNS(svg.namespaceURI, tag);
    for (var k in attrs) { node.setAttribute(k, attrs[k]); }
    if (text !== undefined) { node.textContent = text; }
    svg.appendChild(node);
    return node;
  }
  var lossLow = Infinity, lossHigh = 0;
  data.runs.forEach(function (block) { block.forEach(function (row) { row.forEach(function (run) {
    run.trL.concat(run.teL).forEach(function (v) {
      if (v !== null && v > 0) { lossLow = Math.min(lossLow, v); lossHigh = Math.max(lossHigh, v); }
    });
  }); }); });
  var logLow = Math.floor(Math.log10(lossLow)), logHigh = Math.ceil(Math.log10(lossHigh));
  function x(e) { return L + (W - L - R) * e / data.epochs; }
  function yLoss(v) {
    var c = Math.min(Math.max(Math.log10(v), logLow), logHigh);
    return T + (H - T - B) * (logHigh - c) / (logHigh - logLow);
  }
  function yAcc(v) { return T + (H - T - B) * (100 - v) / 100; }
  function path(values, y, upto) {
    var d = "";
    for (var e = 0; e <= upto; e++) {
      if (values[e] === null) { break; }
      d += (d ? "L" : "M") + x(e).toFixed(1) + "," + y(values[e]).toFixed(1);
    }
    return d;
  }
  function axes(svg, title, ticks, y, label) {
    el(svg, "text", {x: W / 2, y: 16, "text-anchor": "middle", "font-size": 14}, title);
    el(svg, "rect", {x: L, y: T, width: W - L - R, height: H - T - B, fill: "none", stroke: "#999"});
    ticks.forEach(function (t) {
      el(svg, "line", {x1: L, x2: W - R, y1: y(t[0]), y2: y(t[0]), stroke: "#e3e3e3"});
      el(svg, "text", {x: L - 5, y: y(t[0]) + 4, "text-anchor": "end", "font-size": 11}, t[1]);
    });
    var step = data.epochs <= 10 ? 1 : Math.ceil(data.epochs / 5);
    for (var e = 0; e <= data.epochs; e += step) {
      el(svg, "text", {x: x(e), y: H - B + 15, "text-anchor": "middle", "font-size": 11}, String(e));
    }
    el(svg, "text", {x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle", "font-size": 12}, label);
  }
  var lossTicks = [];
  for (var p = logLow; p <= logHigh; p++) { lossTicks.push([Math.pow(10, p), String(Math.pow(10, p))]); }
  var accTicks = [[0, "0%"], [25, "25%"], [50, "50%"], [75, "75%"], [100, "100%"]];
  function fmt(v, digits) { return v === null ? "发散（不是有限数）" : v.toPrecision(digits); }
  function draw() {
    var run = data.runs[choice("net")][choice("eta")][choice("batch")], upto = Number(slider.value);
    output.textContent = "第 " + upto + " 轮";
    [["loss", run.trL, run.teL, yLoss, "损失（交叉熵，对数坐标）", lossTicks],
     ["accuracy", run.trA, run.teA, yAcc, "准确率", accTicks]].forEach(function (panel) {
      var svg = root.querySelector("svg[data-panel=" + panel[0] + "]");
      while (svg.firstChild) { svg.removeChild(svg.firstChild); }
      axes(svg, panel[4], panel[5], panel[3], "训练轮数（epoch）");
      [[panel[1], "#1f77b4", "", "训练集"], [panel[2], "#d62728", "6,4", "测试集"]].forEach(function (c, k) {
        el(svg, "path", {d: path(c[0], panel[3], data.epochs), fill: "none", stroke: c[1], "stroke-width": 1,
          "stroke-opacity": 0.3, "stroke-dasharray": c[2]});
        el(svg, "path", {d: path(c[0], panel[3], upto), fill: "none", stroke: c[1], "stroke-width": 2.2,
          "stroke-dasharray": c[2], "data-curve": c[3]});
        if (c[0][upto] !== null) {
          el(svg, "circle", {cx: x(upto), cy: panel[3](c[0][upto]), r: 4, fill: c[1]});
        }
        var ly = (panel[0] === "loss" ? T + 12 : T + (H - T - B) / 2 - 8) + 16 * k;  // clear of the curves
        el(svg, "line", {x1: W - R - 92, x2: W - R - 70, y1: ly, y2: ly, stroke: c[1],
          "stroke-width": 2.2, "stroke-dasharray": c[2]});
        el(svg, "text", {x: W - R - 66, y: ly + 4, "font-size": 11}, c[3]);
      });
    });
    readout.textContent = data.nets[choice("net")] + "，η = " + data.etas[choice("eta")] + "，B = " +
      data.batches[choice("batch")] + "，第 " + upto + " 轮：训练准确率 " + fmt(run.trA[upto], 3) +
      "%，测试准确率 " + fmt(run.teA[upto], 3) + "%；训练损失 " + fmt(run.trL[upto], 3) +
      "，测试损失 " + fmt(run.teL[upto], 3) + "。";
  }
  slider.addEventListener("input", draw);
  root.querySelectorAll("input[type=radio]").forEach(function (r) { r.addEventListener("change", draw); });
  draw();
})();"""
