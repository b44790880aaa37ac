r"""The XOR training explorer, v2 (异或训练探索器): scrub the epochs of real training runs in the browser.

Python trains :class:`nnmath.network.MLP` on XOR once per learning rate
offered and keeps the parameters at a dense set of epochs (every epoch at
first, then further apart: :func:`snapshot_epochs`), rounded to
:data:`DIGITS` significant digits. The front end (``js/xor_explorer.js``)
runs the network's forward pass itself on those parameters (the formulas of
:meth:`MLP.forward`, checked in Chromium by
``tests/browser/test_xor_explorer.py``) to paint, for the epoch under the
slider, the output :math:`p` over the input plane with its boundary and the
hidden units' lines, the hidden layer's view, and the loss curve (log scale)
with the epoch marked; the epochs are scrubbed continuously or played.
The verdict on each run comes from :func:`nnmath.descent.judge`.

Its faces (live widget, static page, still picture) come from
:class:`nnmath.views._frontend.FrontEnd`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure

from nnmath._checks import Array, as_count, as_learning_rates, as_real
from nnmath.data import xor
from nnmath.descent import SETTLED, Trajectory, judge
from nnmath.network import MLP
from nnmath.views import _frontend
from nnmath.views._frontend import fmt
from nnmath.views.xor import CMAP, LEVELS, NORM, UNIT_COLORS, hidden_window, xor_state_figure

#: Significant digits of the parameters sent to the browser (the pictures and the readout use exactly these).
DIGITS = 5

#: About how many snapshots per run (every epoch up to :data:`EVERY`, then spaced geometrically).
SNAPSHOTS = 160

#: Up to this epoch every epoch is a snapshot.
EVERY = 30

#: The loss curve is sent at most this many points per run.
CURVE_POINTS = 400

#: The gradient norm :meth:`MLP.fit` counts as zero (its default ``tol``).
TOL = 1e-6

#: The most learning rates an explorer offers (each is a training run to store in the page).
MAX_ETAS = 8


def snapshot_epochs(epochs: int, count: int = SNAPSHOTS) -> list[int]:
    """The epochs kept (快照的轮数): every one up to :data:`EVERY`, then about ``count`` in all, spaced geometrically.

    Raises
    ------
    ValueError
        If ``epochs`` or ``count`` is not a count (``count >= 2``).
    """
    epochs = as_count("epochs", epochs)
    count = as_count("count", count, minimum=2)
    first = np.arange(min(epochs, EVERY) + 1)
    later = np.geomspace(max(EVERY, 1), max(epochs, 1), max(count - EVERY, 2)) if epochs > EVERY else []
    return sorted({int(e) for e in first} | {round(float(e)) for e in later} | {epochs})


def _rounded(values: Array) -> list[float]:
    """``values`` to :data:`DIGITS` significant digits, as Python floats (what the page stores)."""
    return [float(f"{v:.{DIGITS}g}") for v in np.asarray(values, dtype=float).ravel()]


def training_sentence(run: Trajectory) -> str:
    """The verdict on a whole training run (训练的结论), from :func:`nnmath.descent.judge`, in Chinese."""
    losses = run.losses
    assert losses is not None  # judge checks it
    match judge(run):
        case "diverging" if run.diverged:
            return f"发散：第 {run.diverged_at} 轮参数爆炸，训练停止"
        case "diverging":
            return f"发散：损失越走越大（从 {fmt(losses[0], 3)} 到 {fmt(losses[-1], 3)}）"
        case "converged" if run.converged:
            return f"收敛：第 {run.converged_at} 轮梯度长度 ≤ {fmt(TOL)}"
        case "converged":
            return f"收敛：{run.steps} 轮后参数的变化不到最大一轮的 {fmt(SETTLED)}"
        case "oscillating":
            return "振荡：参数每一轮都朝反方向跳回去"
        case _:
            steps = np.linalg.norm(np.diff(run.points, axis=0), axis=1)
            ratio = fmt(steps[-1] / steps.max(), 2) if run.steps else "1"
            return f"还在下降：第 {run.steps} 轮的步长仍是最长一轮的 {ratio} 倍（不到 {fmt(SETTLED)} 才算收敛）"


class XorExplorer(_frontend.FrontEnd):
    """Train an MLP on XOR and scrub through its training (异或训练探索器). Create it with :func:`xor_explorer`.

    Attributes
    ----------
    sizes : tuple of int
    activation : str
    seed : int
    etas : list of float
        The learning rates offered (one stored run each).
    epochs : int
    runs : dict of float to (MLP, Trajectory)
        The network as it ends and its run, per learning rate.
    data : dict
        What the front end needs, JSON-ready.
    eta : float
        The learning rate shown first.
    epoch : int
        The epoch shown first (the run's last).

    """

    kind: ClassVar[str] = "xor"
    module: ClassVar[str] = "xor_explorer.js"
    traits: ClassVar[dict[str, str]] = {"data": "dict", "eta": "float", "epoch": "int"}

    def __init__(
        self,
        sizes: tuple[int, ...],
        activation: str,
        seed: int,
        lr: float,
        etas: list[float],
        epochs: int,
        marks: list[int],
    ) -> None:
        self.sizes, self.activation, self.seed = sizes, activation, seed
        self.etas, self.epochs = etas, epochs
        self.X, self.t = xor()
        self.runs: dict[float, tuple[MLP, Trajectory]] = {}
        for eta in etas:
            net = MLP(sizes, activation, seed=seed)  # type: ignore[arg-type]  # checked by xor_explorer
            self.runs[eta] = (net, net.fit(self.X, self.t, eta, epochs))
        self.eta = lr
        self.epoch = self.runs[lr][1].steps
        self._widget = None
        self.data = self._data(marks)

    def _data(self, marks: list[int]) -> dict[str, Any]:
        shots = snapshot_epochs(self.epochs)
        runs = []
        for eta in self.etas:
            net, run = self.runs[eta]
            assert run.losses is not None
            kept = [e for e in shots if e <= run.steps]
            if kept[-1] != run.steps:
                kept.append(run.steps)
            stride = max(1, -(-len(run.losses) // CURVE_POINTS))
            curve = list(range(0, len(run.losses), stride))
            if curve[-1] != run.steps:
                curve.append(run.steps)
            views = [net.with_params(np.array(_rounded(run.points[e]))) for e in kept]
            runs.append(
                {
                    "eta": eta,
                    "steps": run.steps,
                    "epochs": kept,
                    "params": [_rounded(run.points[e]) for e in kept],
                    "losses": _rounded(run.losses[kept]),
                    "curve": [curve, _rounded(run.losses[curve])],
                    "window": list(max((hidden_window(v) for v in views), key=lambda w: w[1] - w[0])),
                    "verdict": judge(run),
                    "sentence": training_sentence(run),
                }
            )
        middles = (LEVELS[:-1] + LEVELS[1:]) / 2
        rgb = colormaps[CMAP](NORM(middles))[:, :3]
        return {
            "title": f"{'-'.join(map(str, self.sizes))} 网络（{self.activation}）学习异或",
            "sizes": list(self.sizes),
            "activation": self.activation,
            "X": self.X.tolist(),
            "t": self.t.tolist(),
            "etas": self.etas,
            "runs": runs,
            "marks": marks,
            "colors": ["#" + "".join(f"{round(255 * c):02x}" for c in row) for row in rgb],
            "unit_colors": list(UNIT_COLORS),
        }

    def _run_data(self, eta: float) -> dict[str, Any]:
        return self.data["runs"][self.etas.index(eta)]

    def net_at(self, eta: float | None = None, epoch: int | None = None) -> tuple[MLP, int]:
        """The network the page shows at ``eta`` and the stored epoch at or before ``epoch`` (and that epoch).

        Raises
        ------
        ValueError
            If ``eta`` is not one of :attr:`etas` or ``epoch`` is not a count.
        """
        eta = self.eta if eta is None else as_real("eta", eta, positive=True)
        if eta not in self.etas:
            raise ValueError(f"eta must be one of the explorer's learning rates {self.etas}, got {eta}")
        wanted = self.epoch if epoch is None else as_count("epoch", epoch)
        stored = self._run_data(eta)
        k = max(i for i, e in enumerate(stored["epochs"]) if e <= wanted or i == 0)
        return self.runs[eta][0].with_params(np.array(stored["params"][k])), stored["epochs"][k]

    def readout(self, eta: float | None = None, epoch: int | None = None) -> str:
        """The readout's sentence (Chinese) at ``eta`` and ``epoch``, word for word the front end's."""
        eta = self.eta if eta is None else eta
        net, e = self.net_at(eta, epoch)
        stored = self._run_data(eta)
        loss = stored["losses"][stored["epochs"].index(e)]
        right = int(np.sum(net.classify(self.X) == self.t))
        return f"η = {fmt(eta)}，第 {e} 轮：L = {fmt(loss, 4)}，分对 {right}/4。整个训练：{stored['sentence']}"

    def state(self) -> dict[str, Any]:
        """The front end's model: ``data``, ``eta`` and ``epoch`` (JSON-ready)."""
        return {"data": self.data, "eta": self.eta, "epoch": self.epoch}

    def still_figure(self) -> Figure:
        """The still picture: the run with the first η at its last epoch, titled with the readout."""
        net, e = self.net_at()
        return xor_state_figure(net, self.runs[self.eta][1], e, title=self.readout())

    def alt_text(self) -> str:
        """One sentence (Chinese) on the picture shown first."""
        return f"{self.data['title']}：{self.readout()}；左为损失曲线，中为输入平面上的决策边界，右为隐藏层中的四个点"

    def __repr__(self) -> str:
        sizes = "-".join(map(str, self.sizes))
        return f"XorExplorer({sizes} {self.activation}, seed={self.seed}, η={self.eta:g}, epochs={self.epochs})"


def xor_explorer(
    sizes: Sequence[int] = (2, 2, 1),
    activation: str = "tanh",
    seed: int = 0,
    lr: float = 1.0,
    etas: Sequence[float] = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0),
    epochs: int = 2000,
    snapshots: Sequence[int] | None = None,
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
        The learning rate shown first; one of ``etas``.
    etas : sequence of float
        The learning rates offered, increasing (at most :data:`MAX_ETAS`; each is trained and stored).
    epochs : int
        Epochs of gradient descent per run.
    snapshots : sequence of int, optional
        Epochs marked under the epoch slider (at most 10), each in ``[0, epochs]``;
        default: 0, 100, 500 (those below ``epochs``) and ``epochs``.

    Raises
    ------
    ValueError
        At once, if any setting is invalid (before any training).

    """
    for name, value in (("sizes", sizes), ("snapshots", () if snapshots is None else snapshots)):
        if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
            raise ValueError(f"{name} must be a sequence of numbers, got {value!r}")
    sizes_t = tuple(as_count("sizes", s, minimum=1) for s in sizes)
    if len(sizes_t) != 3 or sizes_t[0] != 2 or sizes_t[2] != 1:
        raise ValueError(f"sizes must be (2, H, 1) for XOR, got {tuple(sizes)}")
    etas_l = as_learning_rates(etas)
    if len(etas_l) > MAX_ETAS:
        raise ValueError(f"etas must hold at most {MAX_ETAS} learning rates, got {len(etas_l)}")
    lr = as_real("lr", lr, positive=True)
    if lr not in etas_l:
        raise ValueError(f"lr must be one of etas, got {lr} and {etas_l}")
    epochs = as_count("epochs", epochs, 1)
    if snapshots is None:
        snapshots = [e for e in (0, 100, 500) if e < epochs] + [epochs]
    marks = [as_count("snapshots[i]", e) for e in snapshots]
    if not 1 <= len(marks) <= 10 or max(marks) > epochs:
        raise ValueError(f"snapshots must hold 1 to 10 epochs in [0, {epochs}], got {list(snapshots)}")
    MLP(sizes_t, activation)  # type: ignore[arg-type]  # validates the activation
    return XorExplorer(sizes_t, activation, as_count("seed", seed), lr, etas_l, epochs, sorted(set(marks)))
