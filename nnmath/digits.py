"""The 8×8 handwritten digits (手写数字数据集, 第 7 章) and a seeded train/test split.

1,797 images of the digits 0–9, each 8×8 pixels with integer grey levels
0–16: the test part of the UCI "Optical Recognition of Handwritten Digits"
set (E. Alpaydin and C. Kaynak, 1998; licence CC BY 4.0), the same copy
that scikit-learn ships. A small copy lives in ``nnmath/digits_data/``
(see its README), so nothing is downloaded.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath import MLP, accuracy, minibatches, one_hot, softmax_cross_entropy_with_logits
from nnmath._checks import Array, as_array, as_count, as_real

Labels = NDArray[np.int64]

#: Number of classes (类别数): the digits 0 to 9.
N_CLASSES = 10
#: Side of an image in pixels (图像边长).
SIDE = 8
#: The largest grey level of a pixel in the raw data.
MAX_LEVEL = 16


def load_digits() -> tuple[Array, Labels]:
    """The 8×8 handwritten digits (手写数字): images as rows scaled to [0, 1], and their labels.

    Returns
    -------
    X : ndarray, shape (1797, 64)
        One image per row, the 8 rows of 8 pixels one after the other,
        each pixel's grey level 0–16 divided by 16.
    labels : ndarray of int, shape (1797,)
        The digit each image shows, 0 to 9.

    """
    raw = resources.files("nnmath").joinpath("digits_data", "digits.csv.gz").read_bytes()
    table = np.loadtxt(gzip.decompress(raw).decode("ascii").splitlines(), delimiter=",", dtype=np.int64)
    return table[:, :-1] / MAX_LEVEL, table[:, -1]


def as_labels(name: str, labels: ArrayLike, n_classes: int | None = None) -> Labels:
    """Class labels as an int array (类别标签): whole numbers >= 0, below ``n_classes`` if given."""
    arr = as_array(name, labels, ndim=(1,))
    upper = np.inf if n_classes is None else n_classes
    if not np.all((arr == np.round(arr)) & (arr >= 0) & (arr < upper)):
        bound = "" if n_classes is None else f" below {n_classes}"
        raise ValueError(f"{name} must hold whole numbers >= 0{bound}, got values {np.unique(arr)[:10]}")
    return arr.astype(np.int64)


def train_test_split(
    X: ArrayLike, labels: ArrayLike, test_fraction: float = 0.2, seed: int = 0
) -> tuple[Array, Array, Labels, Labels]:
    """A seeded, stratified train/test split (训练集与测试集的划分).

    Within each class the rows are shuffled by a generator seeded with
    ``seed`` and ``round(test_fraction * n)`` of its ``n`` rows go to the test
    part, so every class keeps its share in both parts. The same seed always
    gives the same split; the two parts never share a row.

    Parameters
    ----------
    X : array_like, shape (N, d)
    labels : array_like of int, shape (N,)
    test_fraction : float
        Share of each class held out for testing, strictly between 0 and 1.
    seed : int

    Returns
    -------
    X_train, X_test : ndarray
    t_train, t_test : ndarray of int
        The rows keep their original order within each part.

    """
    X_arr = as_array("X", X, ndim=(2,))
    t_arr = as_labels("labels", labels)
    if t_arr.shape != (X_arr.shape[0],):
        raise ValueError(f"labels must have shape ({X_arr.shape[0]},) for X of shape {X_arr.shape}, got {t_arr.shape}")
    if not 0 < as_real("test_fraction", test_fraction) < 1:
        raise ValueError(f"test_fraction must be strictly between 0 and 1, got {test_fraction!r}")
    rng = np.random.default_rng(as_count("seed", seed))
    test = np.zeros(len(t_arr), dtype=bool)
    for c in np.unique(t_arr):
        rows = rng.permutation(np.flatnonzero(t_arr == c))
        test[rows[: round(test_fraction * len(rows))]] = True
    return X_arr[~test], X_arr[test], t_arr[~test], t_arr[test]


@dataclass(frozen=True)
class Curves:
    r"""Learning curves of one training run (学习曲线): loss and accuracy after every epoch.

    Entry ``e`` of each array is measured after ``e`` epochs (entry 0: before
    training), on the whole training set and on the whole test set.

    Attributes
    ----------
    lr : float
        The learning rate :math:`\eta`.
    batch_size : int
    train_loss, test_loss : ndarray, shape (epochs + 1,)
        Softmax cross-entropy; ``inf`` or ``nan`` once the run has blown up.
    train_accuracy, test_accuracy : ndarray, shape (epochs + 1,)
        Fractions of images classified correctly.
    diverged_at : int or None
        The first epoch after which a parameter was no longer finite (the
        run stopped there and the later entries repeat that state), or ``None``.

    """

    lr: float
    batch_size: int
    train_loss: Array
    test_loss: Array
    train_accuracy: Array
    test_accuracy: Array
    diverged_at: int | None

    @property
    def epochs(self) -> int:
        """Number of epochs of the run."""
        return len(self.train_loss) - 1

    def first_epoch_reaching(self, accuracy: float) -> int | None:
        """The first epoch whose test accuracy is at least ``accuracy`` (首次达到), or ``None``."""
        hits = np.flatnonzero(self.test_accuracy >= accuracy)
        return int(hits[0]) if len(hits) else None


def train(
    net: MLP,
    data: tuple[ArrayLike, ArrayLike, ArrayLike, ArrayLike],
    lr: float,
    epochs: int,
    batch_size: int,
    seed: int = 0,
    on_epoch: Callable[[int, MLP, Curves], None] | None = None,
) -> Curves:
    r"""Mini-batch stochastic gradient descent (小批量随机梯度下降) on a softmax network, epoch by epoch.

    Every epoch shuffles the training set with a generator seeded by
    ``seed`` (:func:`nnmath.minibatches`), and for each batch :math:`B` takes one
    step :math:`\theta \leftarrow \theta - \eta\, \nabla L_B(\theta)` (:meth:`MLP.step`).
    After every epoch the loss and accuracy on both sets are recorded. The
    network is trained in place.

    Parameters
    ----------
    net : MLP
        A network with ``output="softmax"`` and one output per class.
    data : (X_train, X_test, t_train, t_test)
        As returned by :func:`train_test_split`; labels are class numbers.
    lr : float
        Learning rate :math:`\eta > 0`.
    epochs : int
        Passes over the training set.
    batch_size : int
        Images per step, from 1 to the size of the training set.
    seed : int
        Seed of the shuffles.
    on_epoch : callable, optional
        Called as ``on_epoch(epoch, net, curves_so_far)`` after every epoch
        (for a picture that updates while training, or to keep snapshots).

    Returns
    -------
    Curves

    """
    if net.output != "softmax":
        raise ValueError(f"net must have a softmax output, got output={net.output!r}")
    X_train, X_test = (as_array(name, x, ndim=(2,)) for name, x in (("X_train", data[0]), ("X_test", data[1])))
    K = net.sizes[-1]
    t_train, t_test = as_labels("t_train", data[2], K), as_labels("t_test", data[3], K)
    if len(t_train) != len(X_train) or len(t_test) != len(X_test):
        raise ValueError(
            f"data must pair X_train {X_train.shape} with t_train {t_train.shape} "
            f"and X_test {X_test.shape} with t_test {t_test.shape}"
        )
    lr = as_real("lr", lr, positive=True)
    epochs = as_count("epochs", epochs)
    batch_size = as_count("batch_size", batch_size, minimum=1)
    if batch_size > len(X_train):
        raise ValueError(f"batch_size must be at most the {len(X_train)} training images, got {batch_size}")
    T_train, T_test = one_hot(t_train, K), one_hot(t_test, K)
    rng = np.random.default_rng(as_count("seed", seed))
    rows: list[tuple[float, float, float, float]] = []
    diverged_at = None

    def record() -> None:
        row: list[float] = []
        for X, T, t in ((X_train, T_train, t_train), (X_test, T_test, t_test)):
            scores = net.trace(X)[1][-1]  # one forward pass serves the loss and the answers
            with np.errstate(all="ignore"):
                row += [softmax_cross_entropy_with_logits(scores, T), accuracy(np.argmax(scores, axis=1), t)]
        rows.append((row[0], row[2], row[1], row[3]))

    def curves() -> Curves:
        columns = np.array(rows).T
        return Curves(lr, batch_size, *columns, diverged_at=diverged_at)

    record()
    for epoch in range(1, epochs + 1):
        if diverged_at is None:
            with np.errstate(all="ignore"):
                for batch in minibatches(len(X_train), batch_size, rng):
                    net.step(X_train[batch], T_train[batch], lr)
            if not all(np.all(np.isfinite(a)) for a in (*net.weights, *net.biases)):
                diverged_at = epoch
            record()
        else:
            rows.append(rows[-1])
        if on_epoch is not None:
            on_epoch(epoch, net, curves())
    return curves()
