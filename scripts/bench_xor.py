"""Benchmark: XOR training throughput of nnmath's MLP against a plain-Python loop of the same maths.

For the 2-2-1 and 2-4-1 networks of chapter 6 (tanh hidden layer, sigmoid
output, binary cross-entropy, full-batch gradient descent), this trains, side
by side in one run:

- nnmath:       ``MLP.fit`` (numpy arrays, backpropagation via ``linear_backward``,
                chapter 4's ``gradient_descent`` with its divergence checks);
- plain Python: the same forward pass, backpropagation and update written
                with Python floats and loops (no numpy), below.

Both start from the same seeded weights; the script checks that they end at
the same loss, then reports epochs per second (best of ``--repeat`` runs).
It asserts nothing about speed (it is not a test).
Usage: .venv/bin/python scripts/bench_xor.py [--epochs N] [--repeat N]
"""

from __future__ import annotations

import argparse
import math
import sys
import time

from nnmath.data import xor
from nnmath.network import MLP


def train_plain(W1: list[list[float]], W2: list[float], b1: list[float], b2: float,
                X: list[list[float]], t: list[float], lr: float, epochs: int) -> float:  # fmt: skip
    """Full-batch gradient descent on a 2-H-1 tanh/sigmoid network with Python floats; returns the final loss."""
    W1 = [row[:] for row in W1]
    W2, b1 = W2[:], b1[:]
    H, N = len(W1), len(X)
    for _ in range(epochs):
        gW1 = [[0.0, 0.0] for _ in range(H)]
        gb1 = [0.0] * H
        gW2 = [0.0] * H
        gb2 = 0.0
        for (x0, x1), tk in zip(X, t, strict=True):
            h = [math.tanh(W1[j][0] * x0 + W1[j][1] * x1 + b1[j]) for j in range(H)]  # x^(1) = tanh(W1 x + b1)
            y = sum(W2[j] * h[j] for j in range(H)) + b2  # y^(2) = W2 x^(1) + b2
            p = 1.0 / (1.0 + math.exp(-y)) if y >= 0 else math.exp(y) / (1.0 + math.exp(y))  # p = σ(y^(2))
            d2 = (p - tk) / N  # δ^(2) = (p - t)/N
            gb2 += d2
            for j in range(H):
                gW2[j] += d2 * h[j]
                d1 = W2[j] * d2 * (1.0 - h[j] * h[j])  # δ^(1) = W2ᵀ δ^(2) ⊙ (1 - tanh²)
                gW1[j][0] += d1 * x0
                gW1[j][1] += d1 * x1
                gb1[j] += d1
        for j in range(H):  # W ← W - η ∂L/∂W, b ← b - η ∂L/∂b
            W1[j][0] -= lr * gW1[j][0]
            W1[j][1] -= lr * gW1[j][1]
            b1[j] -= lr * gb1[j]
            W2[j] -= lr * gW2[j]
        b2 -= lr * gb2
    loss = 0.0
    for (x0, x1), tk in zip(X, t, strict=True):
        h = [math.tanh(W1[j][0] * x0 + W1[j][1] * x1 + b1[j]) for j in range(H)]
        y = sum(W2[j] * h[j] for j in range(H)) + b2
        loss += max(y, 0.0) + math.log1p(math.exp(-abs(y))) - tk * y  # log(1 + e^y) - t y
    return loss / N


def best_time(action: object, repeat: int) -> tuple[float, object]:
    """The fastest of ``repeat`` runs of ``action()`` in seconds, and its result."""
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lr", type=float, default=1.0)
    args = parser.parse_args()
    X, t = xor()
    Xl, tl = X.tolist(), t.tolist()
    print(f"XOR, full batch, η = {args.lr:g}, {args.epochs} epochs, best of {args.repeat}")
    print(f"{'network':<8} {'nnmath MLP.fit':>16} {'plain Python':>16} {'ratio':>8} {'final loss (both)':>26}")
    for hidden in (2, 4):

        def nnmath_run(hidden: int = hidden) -> float:
            net = MLP((2, hidden, 1), "tanh", seed=0)
            run = net.fit(X, t, args.lr, args.epochs)
            return float(run.losses[-1])  # type: ignore[index]

        start = MLP((2, hidden, 1), "tanh", seed=0)
        W1, W2 = start.weights[0].tolist(), start.weights[1][0].tolist()
        b1, b2 = start.biases[0].tolist(), float(start.biases[1][0])
        t_np, loss_np = best_time(nnmath_run, args.repeat)
        args_py = (W1, W2, b1, b2, Xl, tl, args.lr, args.epochs)
        t_py, loss_py = best_time(lambda a=args_py: train_plain(*a), args.repeat)
        same = "same" if abs(loss_np - loss_py) <= 1e-9 * max(1.0, abs(loss_np)) else "DIFFER"  # type: ignore[operator]
        print(
            f"2-{hidden}-1    {args.epochs / t_np:>10,.0f} ep/s {args.epochs / t_py:>10,.0f} ep/s "
            f"{t_py / t_np:>7.2f}x {loss_np:>12.6g} / {loss_py:.6g} {same}"
        )
    print("(ratio > 1: nnmath is faster; nnmath also records every iterate and checks for divergence each epoch)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
