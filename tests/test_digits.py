from collections import Counter

import numpy as np
import pytest

from nnmath.digits import N_CLASSES, as_labels, load_digits, train_test_split

X, LABELS = load_digits()


def test_the_data_has_the_documented_shape_and_range():
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert LABELS.shape == (1797,) and LABELS.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    # pixels were whole grey levels 0..16 before the division by 16
    np.testing.assert_array_equal(X * 16, np.round(X * 16))
    assert set(LABELS.tolist()) == set(range(N_CLASSES))
    # the UCI description: between 174 and 183 images of each digit
    counts = np.bincount(LABELS)
    assert counts.min() == 174 and counts.max() == 183


def test_a_zero_looks_like_a_ring():
    # The first image is a 0: its centre pixels are dark, the ring around them bright.
    first = X[LABELS == 0][0].reshape(8, 8)
    assert first[3:5, 3:5].mean() < 0.2 < first[1:7, 1:7].mean()


def test_split_is_disjoint_complete_and_stratified():
    X_train, X_test, t_train, t_test = train_test_split(X, LABELS, test_fraction=0.2, seed=0)
    assert len(X_train) + len(X_test) == len(X) and len(t_train) == len(X_train) and len(t_test) == len(X_test)
    rows = {row.tobytes() for row in X}
    train_rows = {row.tobytes() for row in X_train}
    test_rows = {row.tobytes() for row in X_test}
    # the data has a few duplicate images; among distinct rows, the two parts share none that is unique
    counts = Counter(row.tobytes() for row in X)
    unique = {r for r, n in counts.items() if n == 1}
    assert not (train_rows & test_rows & unique)
    assert train_rows | test_rows == rows
    for c in range(N_CLASSES):
        n = np.sum(LABELS == c)
        assert np.sum(t_test == c) == round(0.2 * n) and np.sum(t_train == c) == n - round(0.2 * n)


def test_split_keeps_each_image_with_its_label():
    X_train, X_test, t_train, t_test = train_test_split(X, LABELS, seed=3)
    lookup = {}
    for row, label in zip(X, LABELS, strict=True):
        lookup.setdefault(row.tobytes(), set()).add(int(label))
    for part, labels in ((X_train, t_train), (X_test, t_test)):
        assert all(int(label) in lookup[row.tobytes()] for row, label in zip(part, labels, strict=True))


def test_split_is_seeded():
    a = train_test_split(X, LABELS, seed=0)
    b = train_test_split(X, LABELS, seed=0)
    c = train_test_split(X, LABELS, seed=1)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a[1], c[1])


def test_split_by_index_is_disjoint():
    index = np.arange(len(LABELS), dtype=float)[:, None]
    train, test, _, _ = train_test_split(index, LABELS, seed=0)
    assert not set(train[:, 0]) & set(test[:, 0])
    assert len(set(train[:, 0]) | set(test[:, 0])) == len(LABELS)


@pytest.mark.parametrize("fraction", [0, 1, -0.1, 1.5, float("nan"), "0.2", None])
def test_split_rejects_a_bad_fraction(fraction):
    with pytest.raises(ValueError, match="test_fraction"):
        train_test_split(X, LABELS, test_fraction=fraction)


def test_split_rejects_bad_labels_and_shapes():
    with pytest.raises(ValueError, match="labels"):
        train_test_split(X, LABELS[:-1])
    with pytest.raises(ValueError, match="labels"):
        train_test_split(X, LABELS + 0.5)
    with pytest.raises(ValueError, match="labels"):
        train_test_split(X, -LABELS - 1)
    with pytest.raises(ValueError, match="seed"):
        train_test_split(X, LABELS, seed=-1)
    with pytest.raises(ValueError, match="X"):
        train_test_split(X[0], LABELS)


def test_as_labels_checks_the_class_range():
    np.testing.assert_array_equal(as_labels("t", [0.0, 9.0], 10), [0, 9])
    with pytest.raises(ValueError, match="t must hold whole numbers >= 0 below 10"):
        as_labels("t", [0, 10], 10)
