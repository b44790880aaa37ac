"""The 8×8 handwritten digits (手写数字数据集, 第 7 章) and a seeded train/test split.

1,797 images of the digits 0–9, each 8×8 pixels with integer grey levels
0–16: the test part of the UCI "Optical Recognition of Handwritten Digits"
set (E. Alpaydin and C. Kaynak, 1998; licence CC BY 4.0), the same copy
that scikit-learn ships. A small copy lives in ``nnmath/digits_data/``
(see its README), so nothing is downloaded.
"""

from __future__ import annotations

import gzip
from importlib import resources

import numpy as np
from numpy.typing import ArrayLike, NDArray

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
