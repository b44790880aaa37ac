"""Benchmark: training throughput of nnmath's MLP.fit against a plain-Python loop and a plain numpy loop.

The same maths three ways (tanh hidden layer, sigmoid output, binary
cross-entropy, full-batch gradient descent), side by side in one run:

- nnmath MLP.fit: validates once, then a plain loop of forward pass,
  backpropagation and update on one parameter vector; it records every
  iterate and its loss and judges convergence/divergence after every epoch;
- plain numpy:    the same loop written directly with numpy arrays, nothing recorded or checked;
- plain Python:   the same loop with lists of Python floats (no numpy).

Networks: the 2-2-1 and 2-4-1 XOR networks of chapter 6, and a 64-64-1
network on 1,000 random points (labels from a random hyperplane). All three
start from the same seeded weights; the script checks that they reach the
same loss after the same number of epochs, then reports epochs per second
(best of ``--repeat`` interleaved rounds) as a Markdown table. It asserts
nothing about speed (it is not a test). Time is CPU time by default, which
other processes on a shared machine disturb much less than elapsed time
(``--clock wall``); set ``OPENBLAS_NUM_THREADS=1`` so that it equals the
elapsed time of an idle machine (with several BLAS threads it counts all of them).

Usage: [OPENBLAS_NUM_THREADS=1] .venv/bin/python scripts/bench_xor.py [--repeat N] [--quick] [--clock cpu|wall]
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from operator import mul

import numpy as np

from nnmath.data import xor
from nnmath.network import MLP

Params = tuple[list[list[float]], list[float], list[float], float]  # W1 (H×n), b1 (H), W2 (H), b2


def train_python(params: Params, X: list[list[float]], t: list[float], lr: float, epochs: int) -> float:
    """Full-batch gradient descent on an n-H-1 tanh/sigmoid network with Python floats; returns the final loss."""
    W1, b1, W2, b2 = [row[:] for row in params[0]], params[1][:], params[2][:], params[3]
    H, n, N = len(W1), len(X[0]), len(X)
    units, inputs = range(H), range(n)
    for _ in range(epochs):
        gW1 = [[0.0] * n for _ in units]
        gb1 = [0.0] * H
        gW2 = [0.0] * H
        gb2 = 0.0
        for x, tk in zip(X, t, strict=True):
            h = [math.tanh(sum(map(mul, W1[j], x)) + b1[j]) for j in units]  # x^(1) = tanh(W1 x + b1)
            y = sum(map(mul, W2, h)) + b2  # y^(2) = W2 x^(1) + b2
            p = 1.0 / (1.0 + math.exp(-y)) if y >= 0 else math.exp(y) / (1.0 + math.exp(y))  # p = σ(y^(2))
            d2 = (p - tk) / N  # δ^(2) = (p - t)/N
            gb2 += d2
            for j in units:
                hj = h[j]
                gW2[j] += d2 * hj
                d1 = W2[j] * d2 * (1.0 - hj * hj)  # δ^(1) = W2ᵀ δ^(2) ⊙ (1 - tanh²)
                row = gW1[j]
                for i in inputs:
                    row[i] += d1 * x[i]
                gb1[j] += d1
        for j in units:  # W ← W - η ∂L/∂W, b ← b - η ∂L/∂b
            row, g_row = W1[j], gW1[j]
            for i in inputs:
                row[i] -= lr * g_row[i]
            b1[j] -= lr * gb1[j]
            W2[j] -= lr * gW2[j]
        b2 -= lr * gb2
    loss = 0.0
    for x, tk in zip(X, t, strict=True):
        h = [math.tanh(sum(map(mul, W1[j], x)) + b1[j]) for j in units]
        y = sum(map(mul, W2, h)) + b2
        loss += max(y, 0.0) + math.log1p(math.exp(-abs(y))) - tk * y  # log(1 + e^y) - t y
    return loss / N


def train_numpy(params: Params, X: np.ndarray, t: np.ndarray, lr: float, epochs: int) -> float:
    """The same loop with numpy arrays (no checks, nothing recorded); returns the final loss."""
    W1, b1 = np.array(params[0]), np.array(params[1])
    W2, b2 = np.array([params[2]]), np.array([params[3]])
    T = t.reshape(-1, 1)
    N = len(X)
    for _ in range(epochs):
        h = np.tanh(X @ W1.T + b1)
        p = 1.0 / (1.0 + np.exp(-(h @ W2.T + b2)))
        d2 = (p - T) / N
        d1 = (d2 @ W2) * (1.0 - h * h)
        W2 -= lr * (d2.T @ h)
        b2 -= lr * d2.sum(axis=0)
        W1 -= lr * (d1.T @ X)
        b1 -= lr * d1.sum(axis=0)
    y = np.tanh(X @ W1.T + b1) @ W2.T + b2
    return float(np.mean(np.logaddexp(0.0, y) - T * y))


def train_nnmath(net: MLP, X: np.ndarray, t: np.ndarray, lr: float, epochs: int) -> float:
    """``MLP.fit`` on a copy of ``net``; returns the final loss."""
    run = net.with_params(net.params()).fit(X, t, lr, epochs)
    assert run.losses is not None and not run.diverged
    return float(run.losses[-1])


@dataclass
class Case:
    """One network and data set, with the epochs each implementation runs for timing."""

    name: str
    X: np.ndarray
    t: np.ndarray
    hidden: int
    lr: float
    epochs: dict[str, int]


def cases(quick: bool) -> list[Case]:
    """The three benchmark cases."""
    X, t = xor()
    xor_epochs = {"nnmath": 2000, "numpy": 2000, "python": 2000}
    if quick:
        xor_epochs = {k: 200 for k in xor_epochs}
    rng = np.random.default_rng(0)
    Xr = rng.normal(size=(1000, 64))
    tr = (Xr @ rng.normal(size=64) > 0).astype(float)
    big_epochs = {"nnmath": 20 if quick else 200, "numpy": 20 if quick else 200, "python": 1 if quick else 3}
    return [
        Case("2-2-1 (XOR, 4 points)", X, t, 2, 1.0, xor_epochs),
        Case("2-4-1 (XOR, 4 points)", X, t, 4, 1.0, xor_epochs),
        Case("64-64-1 (1,000 points)", Xr, tr, 64, 0.5, big_epochs),
    ]


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="interleaved timing rounds (best is kept)")
    parser.add_argument("--quick", action="store_true", help="fewer epochs (a smoke test)")
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="cpu: this process's CPU time (steady on a shared machine; counts every BLAS thread); wall: elapsed",
    )
    args = parser.parse_args()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    print("Full-batch gradient descent, tanh hidden layer, sigmoid output, binary cross-entropy;")
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "OpenBLAS default")
    print(f"epochs per {args.clock} second, best of {args.repeat} interleaved rounds; BLAS threads: {threads}.\n")
    print("| network | nnmath `MLP.fit` | plain numpy | plain Python | fit / Python | fit / numpy | same loss |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for case in cases(args.quick):
        net = MLP((case.X.shape[1], case.hidden, 1), "tanh", seed=0)
        params: Params = (net.weights[0].tolist(), net.biases[0].tolist(), net.weights[1][0].tolist(), 0.0)
        Xl, tl = case.X.tolist(), case.t.tolist()
        runs: dict[str, Callable[[int], float]] = {
            "nnmath": lambda e, c=case, n=net: train_nnmath(n, c.X, c.t, c.lr, e),
            "numpy": lambda e, c=case, p=params: train_numpy(p, c.X, c.t, c.lr, e),
            "python": lambda e, c=case, p=params, X=Xl, t=tl: train_python(p, X, t, c.lr, e),
        }
        check = min(case.epochs.values())
        finals = {name: run(check) for name, run in runs.items()}
        same = all(abs(v - finals["python"]) <= 1e-9 * max(1.0, abs(v)) for v in finals.values())
        best = dict.fromkeys(runs, math.inf)
        for _ in range(args.repeat):
            for name, run in runs.items():
                start = clock()
                run(case.epochs[name])
                best[name] = min(best[name], (clock() - start) / case.epochs[name])
        rate = {name: 1.0 / seconds for name, seconds in best.items()}
        print(
            f"| {case.name} | {rate['nnmath']:,.0f} | {rate['numpy']:,.0f} | {rate['python']:,.0f} "
            f"| {rate['nnmath'] / rate['python']:.2f}× | {rate['nnmath'] / rate['numpy']:.2f}× "
            f"| {'yes' if same else 'NO'} ({finals['nnmath']:.6g} after {check} epochs) |"
        )
    print("\n(× > 1: nnmath is faster; nnmath also records every iterate and loss and checks each epoch)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
