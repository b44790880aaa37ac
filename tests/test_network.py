import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnmath as nm
from nnmath.data import xor
from nnmath.network import MLP, best_linear_fit

X_XOR, T_XOR = xor()

# ---- the linear floor ----------------------------------------------------------------------------------------------


def test_best_linear_fit_on_xor_is_the_constant_one_half():
    # By hand: the normal equations for [x1, x2, 1] on XOR give w1 = w2 = 0, b = 1/2,
    # and every residual is ±1/2, so the mean squared error is 1/4.
    W, b, floor = best_linear_fit(X_XOR, T_XOR)
    np.testing.assert_allclose(W, [[0.0, 0.0]], atol=1e-12)
    np.testing.assert_allclose(b, [0.5])
    assert floor == pytest.approx(0.25)


def test_best_linear_fit_recovers_an_exact_line():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(10, 3))
    W_true, b_true = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, 1.0]]), np.array([0.3, -1.0])
    W, b, floor = best_linear_fit(X, X @ W_true.T + b_true)
    np.testing.assert_allclose(W, W_true, atol=1e-10)
    np.testing.assert_allclose(b, b_true, atol=1e-10)
    assert floor == pytest.approx(0.0, abs=1e-20)


@settings(max_examples=60)
@given(st.lists(st.floats(-5, 5), min_size=3, max_size=3))
def test_no_linear_model_goes_below_the_floor_on_xor(theta):
    _, _, floor = best_linear_fit(X_XOR, T_XOR)
    w1, w2, b = theta
    loss = nm.mse(nm.linear(X_XOR, [[w1, w2]], [b])[:, 0], T_XOR)
    assert loss >= floor - 1e-12


def test_a_trained_linear_network_stops_at_the_floor():
    _, _, floor = best_linear_fit(X_XOR, T_XOR)
    net = MLP((2, 1), output="identity", seed=1)
    run = net.fit(X_XOR, T_XOR, lr=0.5, epochs=3000)
    assert run.losses is not None
    assert run.losses.min() >= floor - 1e-12
    assert run.losses[-1] == pytest.approx(floor, abs=1e-6)
    assert net.accuracy(X_XOR, T_XOR) <= 0.75


# ---- the network ---------------------------------------------------------------------------------------------------


def test_weights_follow_the_books_shape_convention():
    net = MLP((3, 5, 2))
    assert [W.shape for W in net.weights] == [(5, 3), (2, 5)]
    assert [b.shape for b in net.biases] == [(5,), (2,)]
    assert net.n_params == 5 * 3 + 5 + 2 * 5 + 2


def test_seed_makes_the_network_reproducible():
    a, b, c = MLP((2, 3, 1), seed=7), MLP((2, 3, 1), seed=7), MLP((2, 3, 1), seed=8)
    assert all(np.array_equal(u, v) for u, v in zip(a.weights, b.weights, strict=True))
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_forward_is_the_layer_formula_by_hand():
    net = MLP((2, 2, 1), activation="relu", output="identity")
    net.weights = [np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([[1.0, -2.0]])]
    net.biases = [np.array([0.0, -1.0]), np.array([0.0])]
    # the hand-made XOR solution: relu(x1+x2) - 2 relu(x1+x2-1)
    np.testing.assert_allclose(net.forward(X_XOR)[:, 0], T_XOR)
    assert net.accuracy(X_XOR, T_XOR) == 1.0


def test_gradients_of_a_tiny_network_by_hand():
    # p = w2 tanh(w1 x + b1) + b2, L = (p - t)^2 (one point, identity output, MSE)
    net = MLP((1, 1, 1), activation="tanh", output="identity")
    w1, b1, w2, b2, x, t = 0.7, -0.2, 1.3, 0.1, 0.5, 2.0
    net.weights, net.biases = [np.array([[w1]]), np.array([[w2]])], [np.array([b1]), np.array([b2])]
    h = math.tanh(w1 * x + b1)
    p = w2 * h + b2
    dp = 2 * (p - t)
    dW, db = net.gradients([[x]], [t])
    assert dW[1][0, 0] == pytest.approx(dp * h)
    assert db[1][0] == pytest.approx(dp)
    assert dW[0][0, 0] == pytest.approx(dp * w2 * (1 - h * h) * x)
    assert db[0][0] == pytest.approx(dp * w2 * (1 - h * h))
    assert net.loss([[x]], [t]) == pytest.approx((p - t) ** 2)


CASES = [
    ((2, 2, 1), "tanh", "sigmoid"),
    ((2, 4, 1), "sigmoid", "sigmoid"),
    ((2, 3, 1), "relu", "sigmoid"),
    ((3, 5, 2), "tanh", "identity"),
    ((2, 3, 3, 1), "sigmoid", "identity"),
    ((4, 6, 3, 2), "relu", "identity"),
    ((3, 2), "tanh", "sigmoid"),
]


@pytest.mark.parametrize(("sizes", "activation", "output"), CASES)
def test_gradients_match_central_differences(sizes, activation, output):
    rng = np.random.default_rng(len(sizes) * 10 + sizes[1])
    net = MLP(sizes, activation, output, seed=3)
    net.biases = [rng.normal(size=b.shape) for b in net.biases]
    X = rng.normal(size=(6, sizes[0]))
    m = sizes[-1]
    t = rng.integers(0, 2, size=(6, m)).astype(float) if output == "sigmoid" else rng.normal(size=(6, m))
    analytic = net.flat_gradient(X, t)
    numeric = nm.numerical_gradient(lambda theta: net.with_params(theta).loss(X, t), net.params(), h=1e-6)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8)
    dW, db = net.gradients(X, t)
    assert [g.shape for g in dW] == [W.shape for W in net.weights]
    assert [g.shape for g in db] == [b.shape for b in net.biases]


def test_params_round_trip():
    net = MLP((2, 3, 1), seed=5)
    theta = net.params()
    other = net.with_params(theta * 2)
    np.testing.assert_allclose(other.params(), 2 * theta)
    np.testing.assert_allclose(net.params(), theta)  # the original is untouched
    with pytest.raises(ValueError, match=r"\(13,\)"):
        net.with_params(np.zeros(4))


def test_documented_seed_and_eta_solve_xor():
    # chapter 6: MLP((2, 2, 1), "tanh", seed=0), η = 1, 2000 epochs.
    net = MLP((2, 2, 1), "tanh", seed=0)
    run = net.fit(X_XOR, T_XOR, lr=1.0, epochs=2000)
    assert net.accuracy(X_XOR, T_XOR) == 1.0
    assert run.losses is not None and run.losses[-1] < 0.01
    assert not run.diverged
    # the network ends at the last iterate of the run
    np.testing.assert_allclose(net.params(), run.final)


def test_wider_network_solves_xor_too():
    net = MLP((2, 4, 1), "tanh", seed=0)
    net.fit(X_XOR, T_XOR, lr=1.0, epochs=2000)
    assert net.accuracy(X_XOR, T_XOR) == 1.0


def test_stuck_seed_sits_on_a_plateau_of_loss_ln2_over_2():
    # seed 1 of the 2-2-1 tanh network gets two points right and is unsure (p = 1/2) on two:
    # the loss tends to (2 ln 2)/4 = ln(2)/2 and the gradient almost vanishes.
    net = MLP((2, 2, 1), "tanh", seed=1)
    run = net.fit(X_XOR, T_XOR, lr=1.0, epochs=2000)
    assert run.losses is not None
    assert run.losses[-1] == pytest.approx(math.log(2) / 2, abs=1e-3)
    assert np.linalg.norm(net.flat_gradient(X_XOR, T_XOR)) < 1e-3
    assert net.accuracy(X_XOR, T_XOR) < 1.0


def test_divergence_is_reported_not_raised_or_warned():
    net = MLP((2, 3, 1), "tanh", output="identity", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = net.fit(X_XOR, T_XOR, lr=100.0, epochs=200)
    assert run.diverged
    assert np.all(np.isfinite(net.params()))


def test_dead_relu_unit_gets_no_gradient():
    net = MLP((2, 2, 1), "relu", seed=0)
    net.weights[0] = np.array([[-1.0, -0.5], [1.0, 1.0]])  # unit 0 is off for every XOR point
    net.biases[0] = np.array([0.0, 0.1])
    dead = net.dead_units(X_XOR)
    assert dead[0].tolist() == [True, False]
    dW, db = net.gradients(X_XOR, T_XOR)
    assert np.all(dW[0][0] == 0.0) and db[0][0] == 0.0
    before = net.weights[0][0].copy()
    net.fit(X_XOR, T_XOR, lr=0.5, epochs=100)
    np.testing.assert_array_equal(net.weights[0][0], before)


def test_wrong_shapes_and_settings_raise():
    net = MLP((2, 2, 1))
    with pytest.raises(ValueError, match=r"\(N, 2\).*\(4, 3\)"):
        net.forward(np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"\(4, 1\) or \(4,\).*\(3,\)"):
        net.loss(X_XOR, np.zeros(3))
    with pytest.raises(ValueError, match="activation"):
        MLP((2, 2, 1), activation="softmax")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="output"):
        MLP((2, 2, 1), output="softmax")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="sizes"):
        MLP((2,))
    with pytest.raises(ValueError, match="hidden layer"):
        net.hidden(X_XOR, layer=2)
