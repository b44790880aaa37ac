r"""The digits epoch player of chapter 7 (选秀探索器): one front end in the browser, live and static.

The source's 「选秀」 picture come alive: one test image, the ten scores
:math:`z` the network gives it and their softmax probabilities, after each
epoch of training. The reader scrubs the epochs (slider, arrow keys, or ▶)
and picks another test image. :func:`draft_explorer` gives a
:class:`DigitsPlayer`, whose output carries the three faces of
:class:`nnmath.views._frontend.FrontEnd`.

Every number is computed here by :class:`nnmath.network.MLP` (the scores
:math:`z` from :meth:`~nnmath.network.MLP.trace`, the probabilities and the
answer from its softmax output) for each snapshot and each image shown, and
shipped as JSON (a few kilobytes); the front end (``js/digits_player.js``) only draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_count
from nnmath.digits import N_CLASSES, SIDE, as_labels
from nnmath.network import MLP
from nnmath.views import _frontend
from nnmath.views.plotting import new_figure

#: Significant digits of the scores and probabilities sent to the front end.
DIGITS = 5


def _rounded(values: Array) -> list[float]:
    return [float(f"{v:.{DIGITS}g}") for v in values]


class DigitsPlayer(_frontend.FrontEnd):
    r"""The 「选秀」 softmax picture alive (选秀探索器): a network's scores for test images, epoch by epoch.

    Create it with :func:`draft_explorer`; display it as the last value of a cell.

    Attributes
    ----------
    epochs : list of int
        The snapshots' epochs.
    shown : list of int
        The test images offered (indices into ``X``); the first is shown first.
    scores, probabilities : ndarray, shape (images, snapshots, 10)
        :math:`z` and :math:`p = \operatorname{softmax}(z)` of each image at each snapshot, from nnmath.
    answers : ndarray of int, shape (images, snapshots)
        The network's answer (the most probable digit).

    """

    kind: ClassVar[str] = "digits"
    module: ClassVar[str] = "digits_player.js"
    traits: ClassVar[dict[str, str]] = {"data": "dict", "step": "int", "image": "int"}

    def __init__(self, snapshots: Sequence[tuple[int, MLP]], X: Array, labels: Array, shown: list[int]) -> None:
        self.epochs = [int(e) for e, _ in snapshots]
        self.X, self.labels, self.shown = X, labels, shown
        z, p = [], []
        for _, net in snapshots:
            xs, ys = net.trace(X[shown])
            z.append(ys[-1])
            p.append(xs[-1])
        self.scores = np.stack(z, axis=1)
        self.probabilities = np.stack(p, axis=1)
        self.answers = np.argmax(self.probabilities, axis=2)
        self._widget = None

    def state(self) -> dict[str, Any]:
        """The front end's model: ``data`` (epochs; per image its pixels, z, p and answers), ``step``, ``image``."""
        images = []
        for k, index in enumerate(self.shown):
            images.append(
                {
                    "index": index,
                    "label": int(self.labels[index]),
                    "pixels": np.clip(np.rint(16 * self.X[index]), 0, 16).astype(int).tolist(),
                    "z": [_rounded(row) for row in self.scores[k]],
                    "p": [_rounded(row) for row in self.probabilities[k]],
                    "guess": self.answers[k].tolist(),
                    "zmax": float(f"{max(1.0, float(np.abs(self.scores[k]).max())) * 1.1:.3g}"),
                }
            )
        data = {"title": "“选秀”：一张测试图片在训练中的分数和概率", "epochs": self.epochs, "images": images}
        return {"data": data, "step": 0, "image": 0}

    def describe(self, step: int = 0, image: int = 0) -> str:
        """The readout (Chinese) at snapshot ``step`` for the ``image``-th image shown, as the front end words it."""
        p, guess, label = (
            self.probabilities[image, step],
            int(self.answers[image, step]),
            int(self.labels[self.shown[image]]),
        )
        verdict = "答对了" if guess == label else "答错了"
        return (
            f"第 {self.epochs[step]} 轮：网络认为是 {guess}（概率 {round(100 * p[guess])}%），{verdict}；"
            f"正确答案 {label} 的概率 {round(100 * p[label])}%"
        )

    def alt_text(self) -> str:
        """One sentence (Chinese) on the picture shown first."""
        index = self.shown[0]
        return f"测试图片 {index}（答案 {int(self.labels[index])}）的十个分数和 Softmax 概率：{self.describe()}"

    def still_figure(self) -> Figure:
        """The picture shown first: the image, its ten scores and probabilities at the first snapshot."""
        index, label = self.shown[0], int(self.labels[self.shown[0]])
        z, p, guess = self.scores[0, 0], self.probabilities[0, 0], int(self.answers[0, 0])
        fig = new_figure(7.2, 4.6)
        grid = fig.add_gridspec(2, 2, width_ratios=[0.75, 2])
        ax_img = fig.add_subplot(grid[:, 0])
        ax_z, ax_p = fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, 1])
        ax_img.imshow(self.X[index].reshape(SIDE, SIDE), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
        ax_img.set(xticks=[], yticks=[], title=f"答案：{label}")
        colors = ["#999999"] * N_CLASSES
        colors[label] = "#a9d8b4"  # the right answer, pale green (as the front end)
        colors[guess] = "#2b8a3e" if guess == label else "#d62728"
        ax_z.bar(range(N_CLASSES), z, color=colors)
        top = max(1.0, float(np.abs(self.scores[0]).max())) * 1.1
        ax_z.set(title="分数 $z$（选手的分数）", xticks=range(N_CLASSES), ylim=(-top, top))
        ax_z.axhline(0, color="0.4", linewidth=0.8)
        ax_p.bar(range(N_CLASSES), p, color=colors)
        ax_p.text(guess, min(p[guess] + 0.03, 0.97), f"{round(100 * p[guess])}%", ha="center", fontsize=9)
        ax_p.set(title="Softmax 概率（选中的概率）", xticks=range(N_CLASSES), ylim=(0, 1.05))
        for ax in (ax_z, ax_p):
            ax.set_xlabel("数字")
            ax.grid(alpha=0.3, axis="y")
        fig.suptitle(self.describe(), fontsize=11, color="black" if guess == label else "#b00000")
        return fig

    def __repr__(self) -> str:
        epochs = ", ".join(str(e) for e in self.epochs)
        return f"DigitsPlayer(test images {self.shown}, epochs [{epochs}])"


def draft_explorer(
    snapshots: Sequence[tuple[int, MLP]],
    X: ArrayLike,
    labels: ArrayLike,
    index: int = 0,
    others: Sequence[int] | None = None,
) -> DigitsPlayer:
    """The 「选秀」 picture alive (选秀探索器): test images' scores and probabilities, epoch by epoch.

    Parameters
    ----------
    snapshots : sequence of (int, MLP)
        (epoch, copy of the network after that epoch), in increasing order of epoch; pass one per
        epoch for a slider that steps through every epoch.
    X : array_like, shape (N, 64)
        Test images (8×8, values in [0, 1]).
    labels : array_like of int, shape (N,)
    index : int
        The test image shown first.
    others : sequence of int, optional
        More test images the reader may pick (at most 15); default the first test image of every
        other digit.

    Returns
    -------
    DigitsPlayer

    Raises
    ------
    ValueError
        If the images, labels, snapshots or indices are not as described.

    """
    images = as_array("X", X, ndim=(2,))
    if images.shape[1] != SIDE * SIDE:
        raise ValueError(f"X must have {SIDE * SIDE} columns (8×8 images), got shape {images.shape}")
    y = as_labels("labels", labels, N_CLASSES)
    if len(y) != len(images):
        raise ValueError(f"labels must have {len(images)} entries, got {len(y)}")
    if isinstance(snapshots, str | bytes) or not snapshots:
        raise ValueError("snapshots must hold at least one (epoch, network)")
    epochs = [as_count("epoch", e) for e, _ in snapshots]
    if epochs != sorted(set(epochs)):
        raise ValueError(f"snapshots must be in increasing order of epoch, got {epochs}")
    for _, net in snapshots:
        if not isinstance(net, MLP) or net.sizes[0] != SIDE * SIDE or net.sizes[-1] != N_CLASSES:
            raise ValueError(f"every network must be a softmax MLP from 64 inputs to 10 classes, got {net!r}")
        if net.output != "softmax":
            raise ValueError(f"every network must have a softmax output, got {net!r}")
    index = as_count("index", index)
    if index >= len(images):
        raise ValueError(f"index must be below the {len(images)} test images, got {index}")
    if others is None:
        extra = [int(np.flatnonzero(y == c)[0]) for c in range(N_CLASSES) if c != y[index] and np.any(y == c)]
    else:
        if isinstance(others, str | bytes):
            raise ValueError(f"others must be a sequence of test image indices, got {others!r}")
        extra = [as_count("others[i]", k) for k in others]
        if len(extra) > 15 or any(k >= len(images) for k in extra):
            raise ValueError(f"others must hold at most 15 indices below {len(images)}, got {list(others)}")
    shown = [index] + [k for k in dict.fromkeys(extra) if k != index]
    return DigitsPlayer(list(snapshots), images, y, shown)
