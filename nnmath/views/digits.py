r"""Pictures and explorers of the handwritten digits (手写数字的图与探索器, 第 7 章).

* :func:`training_explorer`: learning curves (loss and accuracy on the
  training and test sets per epoch) for a grid of learning rates
  :math:`\eta`, batch sizes and networks, drawn in the browser by
  ``js/training_explorer.js`` (a :class:`nnmath.views._frontend.FrontEnd`:
  live in Jupyter, static in the book, a still picture for print); live, it
  also trains any other setting in the kernel;
* :func:`curves_figure`, :func:`gradient_spread_figure`,
  :func:`misclassified_figure`, :func:`first_layer_figure`,
  :func:`confusion_figure`: still figures of the chapter.

The 「选秀」 player is :func:`nnmath.views.draft_explorer` (:mod:`nnmath.views.digits_player`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from nnmath import MLP
from nnmath._checks import Array, as_array, as_count, as_real
from nnmath.descent import JUDGEMENT_NAMES, Judgement, Trajectory, judge
from nnmath.digits import N_CLASSES, SIDE, Curves, as_labels, train
from nnmath.views import _frontend
from nnmath.views._frontend import fmt
from nnmath.views.plotting import new_figure
from nnmath.views.xor_explorer import training_sentence

Data = tuple[Array, Array, Array, Array]

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


def _draw_curves(
    ax_loss: Any, ax_acc: Any, label: str, curves: Curves, color: str | None = None, test_color: str | None = None
) -> None:
    """One run's curves: training solid, test dashed, both in ``color`` (the next colour) unless ``test_color``."""
    epochs = np.arange(curves.epochs + 1)
    (line,) = ax_loss.plot(epochs, curves.train_loss, "-", color=color, linewidth=1.8, label=f"{label} 训练".strip())
    color = line.get_color()
    test_color = color if test_color is None else test_color
    ax_loss.plot(epochs, curves.test_loss, "--", color=test_color, linewidth=1.4, label=f"{label} 测试".strip())
    ax_acc.plot(epochs, 100 * curves.train_accuracy, "-", color=color, linewidth=1.8)
    ax_acc.plot(epochs, 100 * curves.test_accuracy, "--", color=test_color, linewidth=1.4)


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

#: Batch sizes the live face offers for training in the kernel (with the grid's, up to the training set's size).
LIVE_BATCHES = (1, 2, 5, 10, 20, 32, 64, 128, 256)

#: Hidden layer sizes the live face offers for training in the kernel (with the grid's; 0: no hidden layer).
LIVE_HIDDENS = (0, 8, 16, 32, 64)

#: The largest seed the live face accepts.
MAX_SEED = 9999


def _network_name(hidden: int) -> str:
    return "64-10（无隐藏层）" if hidden == 0 else f"64-{hidden}-10"


def _rounded(values: Array, digits: int) -> list[float | None]:
    return [float(f"{v:.{digits}g}") if np.isfinite(v) else None for v in values]


def _percents(accuracy: Array, loss: Array) -> list[float | None]:
    """Accuracies in % to 1 decimal; ``None`` where the loss is not finite (the network's answers mean nothing)."""
    return [round(100 * float(a), 1) if np.isfinite(v) else None for a, v in zip(accuracy, loss, strict=True)]


def _curves_entry(curves: Curves) -> dict[str, list[float | None]]:
    """One run's curves as the front end draws them (losses to 3 significant digits, accuracies in %)."""
    return {
        "trL": _rounded(curves.train_loss, 3),
        "teL": _rounded(curves.test_loss, 3),
        "trA": _percents(curves.train_accuracy, curves.train_loss),
        "teA": _percents(curves.test_accuracy, curves.test_loss),
    }


def _left(entry: dict[str, Any]) -> int | None:
    """The first epoch whose loss is not a finite number (the run left the finite numbers there), or ``None``."""
    for e, (a, b) in enumerate(zip(entry["trL"], entry["teL"], strict=True)):
        if a is None or b is None:
            return e
    return None


class TrainingExplorer(_frontend.FrontEnd):
    r"""Learning curves of the digits network over a grid of settings (训练探索器); see :func:`training_explorer`.

    The front end (``js/training_explorer.js``) offers the grid's learning
    rates :math:`\eta`, batch sizes and networks as choices and an epoch
    slider, and draws the loss (log scale) and the accuracy on the training
    set (solid) and the test set (dashed) up to that epoch, with the verdict
    of :func:`nnmath.descent.judge` on the whole run. Live, it can also train
    any other setting in the kernel (:meth:`train_request`) and draws the
    curves as they arrive, epoch by epoch.

    Attributes
    ----------
    data : (X_train, X_test, t_train, t_test)
    etas : list of float
    batch_sizes, hiddens : list of int
    epochs : int
    initial : (float, int, int)
        The (η, batch size, hidden size) shown first.
    activation : str
    seed : int

    """

    kind: ClassVar[str] = "training"
    module: ClassVar[str] = "training_explorer.js"
    traits: ClassVar[dict[str, str]] = {
        "data": "dict",
        "eta": "int",
        "batch": "int",
        "net": "int",
        "epoch": "int",
        "kernel": "bool",
        "request": "dict",
        "live_run": "dict",
    }

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
        self._runs: dict[tuple[float, int, int, int, int], tuple[Curves, Judgement, str]] = {}
        self._widget = None

    def network(self, hidden: int, seed: int | None = None) -> MLP:
        """A fresh softmax network 64-``hidden``-10 (64-10 when ``hidden`` is 0)."""
        sizes = (SIDE * SIDE, N_CLASSES) if hidden == 0 else (SIDE * SIDE, hidden, N_CLASSES)
        return MLP(sizes, self.activation, output="softmax", seed=self.seed if seed is None else seed)  # type: ignore[arg-type]

    def _trained(
        self,
        lr: float,
        batch_size: int,
        hidden: int,
        epochs: int | None = None,
        seed: int | None = None,
        on_epoch: Callable[[int, MLP, Curves], None] | None = None,
    ) -> tuple[Curves, Judgement, str]:
        """The run's curves, and :func:`judge`'s verdict on it with its sentence (remembered, not the parameters)."""
        epochs = self.epochs if epochs is None else epochs
        seed = self.seed if seed is None else seed
        key = (float(lr), int(batch_size), int(hidden), int(epochs), int(seed))
        if key not in self._runs:
            net = self.network(hidden, seed)
            points = [net.params()]

            def keep(epoch: int, trained: MLP, curves: Curves) -> None:
                if curves.diverged_at is None:
                    points.append(trained.params())
                if on_epoch is not None:
                    on_epoch(epoch, trained, curves)

            curves = train(net, self.data, lr, epochs, batch_size, seed, keep)
            kept = len(points)  # the parameters while finite: epochs 0 .. diverged_at - 1
            path = Trajectory(np.array(points), curves.train_loss[:kept], float(lr), None, curves.diverged_at)
            self._runs[key] = (curves, judge(path), training_sentence(path))
        return self._runs[key]

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
        return self._trained(lr, batch_size, hidden, epochs, seed, on_epoch)[0]

    def _entry(
        self, lr: float, batch_size: int, hidden: int, epochs: int | None = None, seed: int | None = None
    ) -> dict:
        curves, verdict, sentence = self._trained(lr, batch_size, hidden, epochs, seed)
        return _curves_entry(curves) | {"verdict": verdict, "sentence": sentence}

    def describe(self, lr: float, batch_size: int, hidden: int, epoch: int | None = None) -> str:
        """The readout (Chinese) for a cell of the grid at ``epoch`` (default the last), as the front end words it.

        Raises
        ------
        ValueError
            If the setting is not in the grid or ``epoch`` is not one of its epochs.
        """
        if lr not in self.etas or batch_size not in self.batch_sizes or hidden not in self.hiddens:
            raise ValueError(f"(lr, batch_size, hidden) must be a cell of the grid, got {(lr, batch_size, hidden)}")
        epoch = self.epochs if epoch is None else as_count("epoch", epoch)
        if epoch > self.epochs:
            raise ValueError(f"epoch must be at most {self.epochs}, got {epoch}")
        entry = self._entry(lr, batch_size, hidden)
        left = _left(entry)
        if left is not None and epoch >= left:
            numbers = f"发散：第 {left} 轮起参数已不是有限数，没有损失和准确率"
        else:
            numbers = (
                f"训练准确率 {entry['trA'][epoch]:.1f}%，测试准确率 {entry['teA'][epoch]:.1f}%；"
                f"训练损失 {fmt(entry['trL'][epoch])}，测试损失 {fmt(entry['teL'][epoch])}"
            )
        return (
            f"{_network_name(hidden)}，η = {fmt(lr)}，B = {batch_size}，第 {epoch} 轮：\n{numbers}\n"
            f"整个训练（{self.epochs} 轮）：{entry['sentence']}"
        )

    def state(self) -> dict[str, Any]:
        """The front end's model: ``data`` (the grid of runs, the live choices), the setting shown, the live traits.

        ``data["runs"][h][i][j]`` is the run of ``hiddens[h]``, ``etas[i]``, ``batch_sizes[j]``: its
        losses (``trL``, ``teL``) to 3 significant digits and accuracies in % to 1 decimal (``trA``,
        ``teA``) after every epoch, ``None`` where the loss is not finite, and its ``verdict`` and
        ``sentence`` (:func:`nnmath.views.xor_explorer.training_sentence`).
        """
        lr0, b0, h0 = self.initial
        runs = [[[self._entry(lr, b, h) for b in self.batch_sizes] for lr in self.etas] for h in self.hiddens]
        n_train = len(self.data[0])
        data = {
            "title": "训练探索器：学习率 η、批大小 B 和网络",
            "etas": self.etas,
            "batches": self.batch_sizes,
            "nets": [_network_name(h) for h in self.hiddens],
            "epochs": self.epochs,
            "runs": runs,
            "live": {
                "batches": sorted({b for b in LIVE_BATCHES if b <= n_train} | set(self.batch_sizes)),
                "hiddens": [[h, _network_name(h)] for h in sorted({*LIVE_HIDDENS, *self.hiddens})],
                "max_epochs": 4 * self.epochs,
                "max_seed": MAX_SEED,
                "seed": self.seed,
            },
        }
        return {
            "data": data,
            "eta": self.etas.index(lr0),
            "batch": self.batch_sizes.index(b0),
            "net": self.hiddens.index(h0),
            "epoch": self.epochs,
            "kernel": False,
            "request": {},
            "live_run": {},
        }

    def still_figure(self) -> Figure:
        """The picture shown first: the learning curves of the initial setting, training solid, test dashed."""
        lr0, b0, h0 = self.initial
        curves, verdict, _ = self._trained(lr0, b0, h0)
        fig = new_figure(9.6, 4.2)
        ax_loss, ax_acc = _curve_axes(
            fig, f"{_network_name(h0)}，η = {lr0:.3g}，B = {b0}（整个训练：{JUDGEMENT_NAMES[verdict]}）"
        )
        _draw_curves(ax_loss, ax_acc, "", curves, TRAIN_COLOR, TEST_COLOR)
        for ax in (ax_loss, ax_acc):
            ax.set_xlim(0, self.epochs)
        fig.legend(loc="outside lower center", ncols=2, fontsize=9)
        return fig

    def alt_text(self) -> str:
        """One sentence (Chinese) on the picture shown first."""
        lr0, b0, h0 = self.initial
        entry = self._entry(lr0, b0, h0)
        left = _left(entry)
        last = self.epochs if left is None else left - 1
        return (
            f"{_network_name(h0)} 网络在学习率 η = {fmt(lr0)}、批大小 B = {b0} 时的学习曲线："
            f"第 {last} 轮测试准确率 {entry['teA'][last]:.1f}%、测试损失 {fmt(entry['teL'][last])}，"
            f"{entry['sentence']}。"
        )

    def widget(self) -> Any:
        """The live face: the grid as in the book, and training of any other setting in the kernel."""
        if self._widget is None:
            live = super().widget()
            live.kernel = True
            live.observe(lambda change: self.train_request(change["new"]), names="request")
        return self._widget

    def train_request(self, request: dict[str, Any]) -> dict[str, Any]:
        """Train the setting the front end asks for (在内核里训练), its curves streamed to ``live_run``.

        ``request`` holds ``eta``, ``batch``, ``hidden``, ``epochs`` and ``seed``; after every epoch the
        widget's ``live_run`` gets the curves so far (``done`` false), at the end the whole run with its
        ``verdict`` and ``sentence``. A setting that is not valid gives ``{"error": ...}`` instead.
        """
        if not request:
            return {}
        try:
            settings = self._checked(request)
        except ValueError as exc:
            return self._publish({"error": str(exc)})
        lr, batch, hidden, epochs, seed = settings
        head = {
            "settings": {"eta": lr, "batch": batch, "hidden": hidden, "epochs": epochs, "seed": seed},
            "net": _network_name(hidden),
            "epochs": epochs,
        }
        self._publish(head | {"trL": [], "teL": [], "trA": [], "teA": [], "done": False})

        def progress(_epoch: int, _net: MLP, curves: Curves) -> None:
            self._publish(head | _curves_entry(curves) | {"done": False})

        self._trained(lr, batch, hidden, epochs, seed, on_epoch=progress)
        return self._publish(head | self._entry(lr, batch, hidden, epochs, seed) | {"done": True})

    def _checked(self, request: dict[str, Any]) -> tuple[float, int, int, int, int]:
        lr = as_real("eta", request.get("eta"), positive=True)
        batch = as_count("batch", request.get("batch"), minimum=1)
        if batch > len(self.data[0]):
            raise ValueError(f"batch must be at most the {len(self.data[0])} training images, got {batch}")
        hidden = as_count("hidden", request.get("hidden"))
        if hidden > max(LIVE_HIDDENS[-1], *self.hiddens):
            raise ValueError(f"hidden must be at most {max(LIVE_HIDDENS[-1], *self.hiddens)}, got {hidden}")
        epochs = as_count("epochs", request.get("epochs"), minimum=1)
        if epochs > 4 * self.epochs:
            raise ValueError(f"epochs must be at most {4 * self.epochs}, got {epochs}")
        seed = as_count("seed", request.get("seed"))
        if seed > MAX_SEED:
            raise ValueError(f"seed must be at most {MAX_SEED}, got {seed}")
        return lr, batch, hidden, epochs, seed

    def _publish(self, run: dict[str, Any]) -> dict[str, Any]:
        if self._widget is not None:
            self._widget.live_run = run
        return run

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
        Learning rates of the grid, increasing.
    batch_sizes : sequence of int
        Batch sizes of the grid, increasing.
    hiddens : sequence of int
        Hidden layer sizes of the grid; 0 means no hidden layer
        (softmax regression, 64-10).
    epochs : int
        Epochs of every run of the grid (the live face trains up to four times as many).
    initial : (float, int, int), optional
        The (η, batch size, hidden size) shown first; default the middle of each list.
    activation : {"tanh", "relu", "sigmoid"}
    seed : int
        Seed of the initial weights and of the shuffles.

    Returns
    -------
    TrainingExplorer
        Display it as the last value of a cell. Every run of the grid is trained when it is first shown.

    Raises
    ------
    ValueError
        If a list is empty, not increasing or holds a value out of range, ``initial`` is not in the
        grid, or the data are not 8×8 images with labels.

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
