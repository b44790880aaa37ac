from collections import Counter

import numpy as np
import pytest

from nnmath import MLP, minibatches, one_hot
from nnmath.digits import N_CLASSES, as_labels, load_digits, train, train_test_split

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


# ---- training with mini-batches --------------------------------------------------------------------------------

DATA = train_test_split(X, LABELS, seed=0)


def small_net(seed=0):
    return MLP((64, 8, 10), "tanh", output="softmax", seed=seed)


def test_train_is_the_epoch_loop_of_mlp_step_and_minibatches():
    # The same loop written out by hand gives the same network and the same test accuracy.
    X_train, X_test, t_train, t_test = DATA
    T_train = one_hot(t_train, 10)
    by_hand = small_net()
    rng = np.random.default_rng(5)
    for _ in range(2):
        for batch in minibatches(len(X_train), 50, rng):
            by_hand.step(X_train[batch], T_train[batch], 0.3)
    net = small_net()
    curves = train(net, DATA, lr=0.3, epochs=2, batch_size=50, seed=5)
    for a, b in zip(net.weights + net.biases, by_hand.weights + by_hand.biases, strict=True):
        np.testing.assert_array_equal(a, b)
    assert curves.test_accuracy[-1] == np.mean(net.classify(X_test) == t_test)
    assert curves.train_loss[-1] == pytest.approx(net.loss(X_train, T_train))


def test_curves_start_before_training_and_record_every_epoch():
    seen = []
    curves = train(
        small_net(), DATA, lr=0.5, epochs=3, batch_size=64, on_epoch=lambda e, n, c: seen.append((e, c.epochs))
    )
    assert seen == [(1, 1), (2, 2), (3, 3)]
    assert curves.epochs == 3 and curves.lr == 0.5 and curves.batch_size == 64
    for values in (curves.train_loss, curves.test_loss, curves.train_accuracy, curves.test_accuracy):
        assert values.shape == (4,)
    # before training: ten nearly equal probabilities, so the loss is close to log 10
    assert curves.train_loss[0] == pytest.approx(np.log(10), abs=0.3)
    assert curves.train_loss[-1] < curves.train_loss[0] and curves.diverged_at is None
    assert curves.first_epoch_reaching(0.0) == 0 and curves.first_epoch_reaching(1.01) is None


def test_train_is_seeded():
    a = train(small_net(), DATA, lr=0.5, epochs=2, batch_size=32, seed=1)
    b = train(small_net(), DATA, lr=0.5, epochs=2, batch_size=32, seed=1)
    c = train(small_net(), DATA, lr=0.5, epochs=2, batch_size=32, seed=2)
    np.testing.assert_array_equal(a.test_loss, b.test_loss)
    assert not np.array_equal(a.test_loss, c.test_loss)


def test_full_batch_training_is_plain_gradient_descent():
    # With one batch of every image, shuffling changes nothing: the seed does not matter.
    N = len(DATA[0])
    a = train(small_net(), DATA, lr=0.5, epochs=2, batch_size=N, seed=1)
    b = train(small_net(), DATA, lr=0.5, epochs=2, batch_size=N, seed=2)
    np.testing.assert_allclose(a.test_loss, b.test_loss, rtol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lr": 0.0}, "lr"),
        ({"lr": float("nan")}, "lr"),
        ({"epochs": -1}, "epochs"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 10_000}, "batch_size"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_train_rejects_bad_settings(kwargs, match):
    settings = {"lr": 0.5, "epochs": 1, "batch_size": 32} | kwargs
    with pytest.raises(ValueError, match=match):
        train(small_net(), DATA, **settings)


def test_train_rejects_a_network_or_data_that_do_not_fit():
    with pytest.raises(ValueError, match="softmax"):
        train(MLP((64, 8, 1)), DATA, 0.5, 1, 32)
    X_train, X_test, t_train, t_test = DATA
    with pytest.raises(ValueError, match="data"):
        train(small_net(), (X_train, X_test, t_train[:-1], t_test), 0.5, 1, 32)
    with pytest.raises(ValueError, match="t_test"):
        train(small_net(), (X_train, X_test, t_train, t_test + 10), 0.5, 1, 32)
