import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnmath as nm
from nnmath.classification import accuracy, confusion_matrix, minibatches, one_hot


@st.composite
def labelled(draw, max_n=40):
    """K classes and two label vectors of one length N (true and predicted)."""
    K = draw(st.integers(1, 6))
    n = draw(st.integers(0, max_n))
    labels = st.lists(st.integers(0, K - 1), min_size=n, max_size=n)
    return K, np.array(draw(labels), dtype=np.int64), np.array(draw(labels), dtype=np.int64)


# ---- one_hot -------------------------------------------------------------------------------------------------------


def test_one_hot_by_hand():
    np.testing.assert_array_equal(one_hot([2, 0, 1, 2], 3), [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert one_hot([], 4).shape == (0, 4)
    np.testing.assert_array_equal(one_hot(np.array([1.0, 0.0]), 2), [[0, 1], [1, 0]])  # whole floats are labels


@given(labelled())
def test_one_hot_rows_are_sure_distributions_pointing_at_the_label(case):
    K, labels, _ = case
    t = one_hot(labels, K)
    assert t.shape == (len(labels), K)
    np.testing.assert_array_equal(t.sum(axis=1), 1.0)
    assert set(np.unique(t)) <= {0.0, 1.0}
    np.testing.assert_array_equal(np.argmax(t, axis=1), labels)


@pytest.mark.parametrize(
    ("labels", "K", "match"),
    [
        ([0, 3], 3, "labels"),
        ([-1, 0], 3, "labels"),
        ([0.5, 1], 3, "whole numbers"),
        ([np.nan], 3, "whole numbers"),
        ([[0, 1]], 3, "1-D"),
        ([[0, 1], [2]], 3, "1-D"),
        (None, 3, "labels"),
        ([True, False], 3, "whole numbers"),
        (["1"], 3, "whole numbers"),
        ([0], 0, "K"),
        ([0], 2.5, "K"),
    ],
)
def test_one_hot_rejects_bad_input(labels, K, match):
    with pytest.raises(ValueError, match=match):
        one_hot(labels, K)


# ---- accuracy and confusion matrix ---------------------------------------------------------------------------------


def test_accuracy_and_confusion_matrix_by_hand():
    labels, predicted = [0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2]
    assert accuracy(predicted, labels) == pytest.approx(4 / 6)
    # row = true class, column = predicted: class 0 was once taken for 1, class 2 once for 0
    np.testing.assert_array_equal(confusion_matrix(labels, predicted, 3), [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert confusion_matrix(labels, predicted, 3).dtype.kind == "i"


@given(labelled())
def test_confusion_matrix_counts_every_example_once(case):
    K, labels, predicted = case
    C = confusion_matrix(labels, predicted, K)
    assert C.shape == (K, K)
    assert C.sum() == len(labels)
    np.testing.assert_array_equal(C.sum(axis=1), np.bincount(labels, minlength=K))
    np.testing.assert_array_equal(C.sum(axis=0), np.bincount(predicted, minlength=K))
    if len(labels):
        assert np.trace(C) / len(labels) == pytest.approx(accuracy(predicted, labels))


def test_accuracy_and_confusion_matrix_reject_bad_input():
    with pytest.raises(ValueError, match="same length"):
        accuracy([0, 1], [0])
    with pytest.raises(ValueError, match="N >= 1"):
        accuracy([], [])
    with pytest.raises(ValueError, match="predicted"):
        confusion_matrix([0, 1], [0, 5], 3)
    with pytest.raises(ValueError, match="same length"):
        confusion_matrix([0, 1], [0], 3)
    with pytest.raises(ValueError, match="labels"):
        accuracy([0], None)


def test_the_package_exports_the_four_names():
    assert nm.one_hot is one_hot and nm.accuracy is accuracy
    assert nm.confusion_matrix is confusion_matrix and nm.minibatches is minibatches


# ---- mini-batches --------------------------------------------------------------------------------------------------
@given(st.integers(0, 60), st.integers(1, 70), st.integers(0, 2**32 - 1))
def test_every_index_appears_exactly_once_per_epoch(N, B, seed):
    batches = list(minibatches(N, B, np.random.default_rng(seed)))
    joined = np.concatenate(batches) if batches else np.array([], dtype=int)
    np.testing.assert_array_equal(np.sort(joined), np.arange(N))
    assert len(batches) == -(-N // B)  # ceil(N / B)
    assert all(len(b) == B for b in batches[:-1])
    if batches:
        assert len(batches[-1]) == N - (len(batches) - 1) * B


def test_each_call_shuffles_anew_and_a_seed_repeats():
    rng = np.random.default_rng(0)
    first = np.concatenate(list(minibatches(50, 8, rng)))
    second = np.concatenate(list(minibatches(50, 8, rng)))
    assert not np.array_equal(first, second)  # a fresh order every epoch (the chance of equal orders is 1/50!)
    again = np.concatenate(list(minibatches(50, 8, 0)))
    np.testing.assert_array_equal(again, np.concatenate(list(minibatches(50, 8, 0))))
    np.testing.assert_array_equal(again, first)  # an int seed is np.random.default_rng(seed)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((-1, 4, 0), "N"),
        ((10, 0, 0), "batch_size"),
        ((10, 2.5, 0), "batch_size"),
        ((10, 4, -3), "rng"),
        ((10, 4, "seed"), "rng"),
        ((10, 4, None), "rng"),
    ],
)
def test_minibatches_checks_at_the_call(args, match):
    with pytest.raises(ValueError, match=match):
        minibatches(*args)  # no iteration needed: the error comes at once
