"""Benchmark: chapter 7's 64-32-10 digit network trained by nnmath against the same loop in plain numpy.

Both train the chapter's network (64 inputs, 32 tanh hidden units, 10
softmax outputs, cross-entropy) on the seeded 80/20 split of the 8×8 digits
with mini-batch stochastic gradient descent (η = 0.5, batch 32, 20 epochs),
from the same initial weights and with the same shuffles:

- nnmath: :func:`nnmath.digits.train`, the epoch loop of ``MLP.step`` over
  ``nnmath.minibatches``, which also measures loss and accuracy on both sets
  after every epoch;
- plain numpy: the same forward pass, backpropagation and update written
  directly with numpy arrays (no checks), with the same per-epoch
  measurements so that the two do the same work.

The script checks that both reach the same test accuracy after every epoch,
then reports for each (best of ``--repeat`` interleaved rounds) epochs per
second, the time to the first epoch with at least 95% test accuracy and the
final test accuracy, as a Markdown table. It asserts nothing about speed
(it is not a test). On a busy machine set ``OPENBLAS_NUM_THREADS=1``.

Usage: [OPENBLAS_NUM_THREADS=1] .venv/bin/python scripts/bench_digits.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from nnmath import MLP, minibatches
from nnmath.digits import load_digits, train, train_test_split

SIZES, ETA, BATCH, EPOCHS, SEED = (64, 32, 10), 0.5, 32, 20, 0


def train_numpy(
    weights: list[np.ndarray], biases: list[np.ndarray], data: tuple, lr: float, epochs: int, batch: int, seed: int
) -> tuple[list[float], list[float]]:
    """Mini-batch SGD on the 64-32-10 network with plain numpy; returns (seconds, test accuracy) after each epoch."""
    X_train, X_test, t_train, t_test = data
    W1, W2 = weights[0].copy(), weights[1].copy()
    b1, b2 = biases[0].copy(), biases[1].copy()
    T = np.eye(SIZES[-1])[t_train]
    rng = np.random.default_rng(seed)
    start, times, accuracy = time.perf_counter(), [], []
    for _ in range(epochs):
        for idx in minibatches(len(X_train), batch, rng):  # the same shuffles as nnmath
            x, t = X_train[idx], T[idx]
            h = np.tanh(x @ W1.T + b1)  # x^(1) = tanh(W1 x + b1)
            z = h @ W2.T + b2
            e = np.exp(z - z.max(axis=1, keepdims=True))
            d2 = (e / e.sum(axis=1, keepdims=True) - t) / len(idx)  # δ^(2) = (p - t)/N
            d1 = (d2 @ W2) * (1 - h * h)  # δ^(1) = (δ^(2) W2) ⊙ tanh'
            W2 -= lr * (d2.T @ h)
            b2 -= lr * d2.sum(axis=0)
            W1 -= lr * (d1.T @ x)
            b1 -= lr * d1.sum(axis=0)
        for X, labels in ((X_train, t_train), (X_test, t_test)):  # the same per-epoch measurements as nnmath
            z = np.tanh(X @ W1.T + b1) @ W2.T + b2
            shifted = z - z.max(axis=1, keepdims=True)
            log_p = shifted[np.arange(len(X)), labels] - np.log(np.exp(shifted).sum(axis=1))
            measured = (-float(np.mean(log_p)), float(np.mean(np.argmax(z, axis=1) == labels)))
        accuracy.append(measured[1])
        times.append(time.perf_counter() - start)
    return times, accuracy


def train_nnmath(data: tuple, lr: float, epochs: int, batch: int, seed: int) -> tuple[list[float], list[float]]:
    """The chapter's training with nnmath; returns (seconds, test accuracy) after each epoch."""
    net = MLP(SIZES, "tanh", output="softmax", seed=seed)
    start, times = time.perf_counter(), []
    curves = train(net, data, lr, epochs, batch, seed, on_epoch=lambda *_: times.append(time.perf_counter() - start))
    return times, list(curves.test_accuracy[1:])


def summary(times: list[float], accuracy: list[float]) -> tuple[float, float | None, float]:
    """Epochs per second, seconds to the first epoch with >= 95% test accuracy (or None), final accuracy."""
    reached = next((t for t, a in zip(times, accuracy, strict=True) if a >= 0.95), None)
    return len(times) / times[-1], reached, accuracy[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="interleaved rounds; the best is reported")
    args = parser.parse_args()
    X, labels = load_digits()
    data = train_test_split(X, labels, test_fraction=0.2, seed=SEED)
    start = MLP(SIZES, "tanh", output="softmax", seed=SEED)
    best: dict[str, tuple[float, float | None, float]] = {}
    for _ in range(args.repeat):
        runs = {
            "nnmath (`nnmath.digits.train`, `MLP.step`)": train_nnmath(data, ETA, EPOCHS, BATCH, SEED),
            "plain numpy loop": train_numpy(start.weights, start.biases, data, ETA, EPOCHS, BATCH, SEED),
        }
        accuracies = [acc for _, acc in runs.values()]
        if not np.allclose(accuracies[0], accuracies[1], atol=1 / len(data[3]) + 1e-12):
            raise SystemExit(f"the two loops disagree: {accuracies}")
        for name, (times, acc) in runs.items():
            result = summary(times, acc)
            if name not in best or result[0] > best[name][0]:
                best[name] = result
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(
        f"64-32-10 tanh/softmax on {len(data[0])} training digits, η = {ETA}, B = {BATCH}, {EPOCHS} epochs, "
        f"seed {SEED}; best of {args.repeat} rounds, OPENBLAS_NUM_THREADS={threads}, load average "
        f"{os.getloadavg()[0]:.1f}\n"
    )
    print("| training loop | epochs/s | time to 95% test accuracy | test accuracy after 20 epochs |")
    print("|---|---:|---:|---:|")
    for name, (rate, reached, final) in best.items():
        to95 = "not reached" if reached is None else f"{reached:.2f} s"
        print(f"| {name} | {rate:.0f} | {to95} | {final:.1%} |")


if __name__ == "__main__":
    main()
