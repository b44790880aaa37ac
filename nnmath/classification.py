r"""Tools for classifying into :math:`K` classes (多分类, 第 7 章).

A class label is a whole number :math:`0, \dots, K-1`. A network with a
softmax output answers with one probability per class, so the targets it is
trained on are written as one-hot rows (独热编码): :func:`one_hot`. Its answer
is the class of highest probability, and :func:`accuracy` and
:func:`confusion_matrix` count how often that answer is right, and which
classes are mistaken for which. :func:`minibatches` cuts a shuffled training
set into the small batches of stochastic gradient descent (小批量梯度下降).

Only numpy.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath._checks import Array, as_count

IntArray = NDArray[np.int64]


def _labels(name: str, labels: ArrayLike, K: int | None = None) -> IntArray:
    """``labels`` as a 1-D int array of whole numbers in [0, K) (K unchecked when None)."""
    if labels is None:
        raise ValueError(f"{name} must be a 1-D array of class labels 0, 1, ..., got None")
    try:
        arr = np.asarray(labels)
    except (TypeError, ValueError) as exc:  # ragged lists
        raise ValueError(f"{name} must be a 1-D array of class labels, got {labels!r}") from exc
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of class labels, got shape {arr.shape}")
    if arr.dtype.kind == "f" and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)):
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iu":
        raise ValueError(f"{name} must hold whole numbers (class labels), got dtype {arr.dtype}")
    arr = arr.astype(np.int64, copy=False)
    if arr.size and (arr.min() < 0 or (K is not None and arr.max() >= K)):
        upper = "" if K is None else f", {K - 1}"
        raise ValueError(f"{name} must hold class labels in 0, ...{upper}, got values from {arr.min()} to {arr.max()}")
    return arr


def one_hot(labels: ArrayLike, K: int) -> Array:
    r"""One-hot encoding (独热编码) of class labels: row :math:`n` is 1 at column ``labels[n]`` and 0 elsewhere.

    .. math:: t_{nk} = \begin{cases} 1 & k = \text{labels}_n \\ 0 & \text{otherwise} \end{cases}

    Each row is the probability vector of a sure answer, the target of a
    softmax output trained with cross-entropy.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
        Class labels in :math:`0, \dots, K-1`.
    K : int
        Number of classes (类别数), at least 1.

    Returns
    -------
    ndarray of float, shape (N, K)

    Raises
    ------
    ValueError
        If ``labels`` is not 1-D, holds other than whole numbers in
        :math:`[0, K)`, or ``K`` is not a positive integer.

    Examples
    --------
    >>> one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])

    """
    K = as_count("K", K, minimum=1)
    y = _labels("labels", labels, K)
    t = np.zeros((y.size, K))
    t[np.arange(y.size), y] = 1.0
    return t


def accuracy(predicted: ArrayLike, labels: ArrayLike) -> float:
    r"""Accuracy (准确率): the fraction of predicted labels that equal the true labels.

    .. math:: \text{accuracy} = \frac{1}{N} \sum_{n=1}^{N} [\hat y_n = y_n]

    Parameters
    ----------
    predicted, labels : array_like of int, shape (N,)
        Predicted and true class labels (whole numbers >= 0), ``N >= 1``.

    Raises
    ------
    ValueError
        If the two are not 1-D arrays of labels of one length, or are empty.

    """
    p = _labels("predicted", predicted)
    y = _labels("labels", labels)
    if p.shape != y.shape or y.size == 0:
        raise ValueError(f"predicted and labels must have the same length N >= 1, got shapes {p.shape} and {y.shape}")
    return float(np.count_nonzero(p == y) / y.size)


def confusion_matrix(labels: ArrayLike, predicted: ArrayLike, K: int) -> NDArray[np.int64]:
    r"""Confusion matrix (混淆矩阵): how many examples of each true class got each predicted class.

    .. math:: C_{ij} = \#\{n : \text{labels}_n = i,\ \hat y_n = j\}

    Row :math:`i` is the true class, column :math:`j` the predicted one: the
    diagonal counts the right answers, so :math:`\operatorname{tr} C / N` is
    the :func:`accuracy`, and every entry off the diagonal is one kind of
    mistake. The entries add up to :math:`N`.

    Parameters
    ----------
    labels, predicted : array_like of int, shape (N,)
        True and predicted class labels in :math:`0, \dots, K-1` (``N`` may be 0).
    K : int
        Number of classes.

    Returns
    -------
    ndarray of int, shape (K, K)

    Raises
    ------
    ValueError
        If the labels are not 1-D arrays of one length holding whole numbers
        in :math:`[0, K)`, or ``K`` is not a positive integer.

    """
    K = as_count("K", K, minimum=1)
    y = _labels("labels", labels, K)
    p = _labels("predicted", predicted, K)
    if p.shape != y.shape:
        raise ValueError(f"labels and predicted must have the same length, got shapes {y.shape} and {p.shape}")
    return np.bincount(y * K + p, minlength=K * K).reshape(K, K)


def minibatches(N: int, batch_size: int, rng: np.random.Generator | int) -> Iterator[NDArray[np.int64]]:
    r"""Mini-batches of one epoch (一轮的小批量): a fresh shuffle of :math:`0, \dots, N-1` cut into pieces.

    Every index appears in exactly one batch; every batch has ``batch_size``
    indices except perhaps the last, which holds the
    :math:`N - \lfloor N/B \rfloor B` left over. Each call draws a new order
    from ``rng``, so calling it once per epoch visits the data in a new order
    every epoch.

    Parameters
    ----------
    N : int
        Number of examples, ``>= 0``.
    batch_size : int
        Indices per batch :math:`B`, ``>= 1``.
    rng : numpy.random.Generator or int
        The random generator to shuffle with, or a seed for a new one (the
        same seed gives the same batches).

    Yields
    ------
    ndarray of int
        The indices of one batch, to pick rows with ``X[idx]``.

    Raises
    ------
    ValueError
        If ``N`` or ``batch_size`` is not a count in range, or ``rng`` is
        neither a Generator nor a seed (raised at the call, not at the first batch).

    """
    N = as_count("N", N)
    batch_size = as_count("batch_size", batch_size, minimum=1)
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(as_count("rng (a seed)", rng))
    order = rng.permutation(N)
    return iter([order[start : start + batch_size] for start in range(0, N, batch_size)])
