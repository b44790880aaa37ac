import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnmath as nm
from nnmath.data import xor
from nnmath.network import ACTIVATIONS, MLP, OUTPUTS, best_linear_fit

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
    ((3, 4, 3), "tanh", "softmax"),
    ((4, 5, 4, 3), "relu", "softmax"),
    ((2, 3, 5), "sigmoid", "softmax"),
    ((3, 2), "tanh", "softmax"),
]


@pytest.mark.parametrize(("sizes", "activation", "output"), CASES)
def test_gradients_match_central_differences(sizes, activation, output):
    rng = np.random.default_rng(len(sizes) * 10 + sizes[1])
    net = MLP(sizes, activation, output, seed=3)
    net.biases = [rng.normal(size=b.shape) for b in net.biases]
    X = rng.normal(size=(6, sizes[0]))
    m = sizes[-1]
    if output == "softmax":
        t = nm.one_hot(rng.integers(0, m, size=6), m)
    elif output == "sigmoid":
        t = rng.integers(0, 2, size=(6, m)).astype(float)
    else:
        t = rng.normal(size=(6, m))
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


def test_wrong_shapes_raise():
    net = MLP((2, 2, 1))
    with pytest.raises(ValueError, match=r"\(N, 2\).*\(4, 3\)"):
        net.forward(np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"\(4, 1\) or \(4,\).*\(3,\)"):
        net.loss(X_XOR, np.zeros(3))
    with pytest.raises(ValueError, match="hidden layer"):
        net.hidden(X_XOR, layer=2)


# ---- robustness: every bad input is a ValueError naming it ---------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"sizes": None}, "sizes"),
        ({"sizes": 3}, "sizes"),
        ({"sizes": "221"}, "sizes"),
        ({"sizes": (2,)}, "sizes"),
        ({"sizes": (2, 0, 1)}, "sizes"),
        ({"sizes": (2, 2.5, 1)}, "sizes"),
        ({"sizes": (2, True, 1)}, "sizes"),
        ({"activation": "softmax"}, "activation"),
        ({"activation": ["relu"]}, "activation"),
        ({"activation": None}, "activation"),
        ({"output": "softplus"}, "output"),
        ({"output": ["sigmoid"]}, "output"),
        ({"output": "softmax"}, "2 classes"),  # one output cannot be a softmax over classes
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"seed": None}, "seed"),
        ({"scale": -1.0}, "scale"),
        ({"scale": float("nan")}, "scale"),
        ({"scale": float("inf")}, "scale"),
        ({"scale": "1"}, "scale"),
        ({"scale": None}, "scale"),
    ],
)
def test_bad_settings_of_the_network_raise(kwargs, match):
    settings_ = {"sizes": (2, 2, 1), **kwargs}
    with pytest.raises(ValueError, match=match):
        MLP(**settings_)


NAN_X = X_XOR.copy()
NAN_X[0, 0] = np.nan
INF_X = X_XOR.copy()
INF_X[2, 1] = np.inf


@pytest.mark.parametrize("X", [NAN_X, INF_X, None, [["a", "b"]]], ids=["nan", "inf", "None", "strings"])
@pytest.mark.parametrize("method", ["forward", "predict", "classify", "dead_units", "loss", "fit", "step", "accuracy"])
def test_bad_inputs_name_X(method, X):
    net = MLP((2, 2, 1), seed=0)
    args = {"forward": (), "predict": (), "classify": (), "dead_units": ()}.get(method, (T_XOR,))
    if method == "fit":
        args = (T_XOR, 1.0, 10)
    if method == "step":
        args = (T_XOR, 1.0)
    with pytest.raises(ValueError, match=r"\bX\b"):
        getattr(net, method)(X, *args)


@pytest.mark.parametrize(
    "t",
    [[0.0, 1.0, np.nan, 0.0], [0.0, 1.0, 5.0, 0.0], [0.0, -1.0, 1.0, 0.0], None, [0, 1, "x", 0]],
    ids=["nan", "five", "minus-one", "None", "string"],
)
def test_bad_targets_of_a_sigmoid_output_name_t(t):
    net = MLP((2, 2, 1), seed=0)
    for call in (net.loss, net.gradients, net.accuracy, lambda X, t: net.fit(X, t, 1.0, 5)):
        with pytest.raises(ValueError, match=r"\bt\b"):
            call(X_XOR, t)
    # R7: the run is never started, so nothing is reported as 'diverged at 0'


def test_nan_input_is_an_error_not_a_divergence():
    # R7 of the robustness report: fit used to answer 'diverged at 0'
    with pytest.raises(ValueError, match="X must be finite"):
        MLP((2, 2, 1)).fit(NAN_X, T_XOR, 1.0, 50)


def test_predict_of_a_nan_row_raises():
    # R25: a NaN row used to be predicted as class 0
    with pytest.raises(ValueError, match="X must be finite"):
        MLP((2, 2, 1)).predict([[np.nan, 0.0]])


def test_identity_output_accepts_any_finite_target_but_no_nan():
    net = MLP((2, 2, 1), output="identity")
    assert np.isfinite(net.loss(X_XOR, [5.0, -3.0, 0.5, 100.0]))
    with pytest.raises(ValueError, match=r"\bt\b"):
        net.loss(X_XOR, [np.inf, 0.0, 0.0, 0.0])


EMPTY = np.zeros((0, 2))


def test_an_empty_batch_has_an_output_but_no_loss_gradient_accuracy_or_dead_units():
    # R18, R24: one rule for every quantity that averages or counts over the rows
    net = MLP((2, 2, 1))
    assert net.forward(EMPTY).shape == (0, 1)
    assert net.classify(EMPTY).shape == (0,)
    calls = {
        "loss": lambda: net.loss(EMPTY, np.zeros(0)),
        "gradients": lambda: net.gradients(EMPTY, np.zeros(0)),
        "flat_gradient": lambda: net.flat_gradient(EMPTY, np.zeros(0)),
        "accuracy": lambda: net.accuracy(EMPTY, np.zeros(0)),
        "dead_units": lambda: net.dead_units(EMPTY),
        "fit": lambda: net.fit(EMPTY, np.zeros(0), 1.0, 5),
        "step": lambda: net.step(EMPTY, np.zeros(0), 1.0),
    }
    for name, call in calls.items():
        with pytest.raises(ValueError, match="empty batch"):
            call()
            pytest.fail(f"{name} accepted an empty batch")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lr": 0.0}, "lr"),
        ({"lr": -1.0}, "lr"),
        ({"lr": float("nan")}, "lr"),
        ({"lr": float("inf")}, "lr"),
        ({"lr": None}, "lr"),
        ({"lr": "0.1"}, "lr"),
        ({"lr": np.array([0.1])}, "lr"),
        ({"epochs": -1}, "epochs"),
        ({"epochs": 1.5}, "epochs"),
        ({"epochs": None}, "epochs"),
        ({"tol": -1.0}, "tol"),
        ({"tol": float("inf")}, "tol"),
        ({"tol": float("nan")}, "tol"),
        ({"max_norm": 0.0}, "max_norm"),
        ({"max_norm": float("nan")}, "max_norm"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 2.5}, "batch_size"),
        ({"seed": -1}, "seed"),
        ({"record_loss": "yes"}, "record_loss"),
    ],
)
def test_bad_settings_of_fit_raise_before_any_epoch(kwargs, match):
    net = MLP((2, 2, 1), seed=0)
    before = net.params()
    settings_ = {"lr": 1.0, "epochs": 10, **kwargs}
    with pytest.raises(ValueError, match=match):
        net.fit(X_XOR, T_XOR, **settings_)
    np.testing.assert_array_equal(net.params(), before)


def test_bad_settings_of_step_and_hidden_raise():
    net = MLP((2, 2, 1), seed=0)
    for lr in (0.0, -1.0, float("nan"), None):
        with pytest.raises(ValueError, match="lr"):
            net.step(X_XOR, T_XOR, lr)
    for layer in (0, 2, 1.5, True, "1"):
        with pytest.raises(ValueError, match="layer"):
            net.hidden(X_XOR, layer)


def test_weights_broken_by_hand_are_caught_before_training():
    net = MLP((2, 2, 1))
    net.weights[0] = np.full((2, 2), np.nan)
    with pytest.raises(ValueError, match="weights"):
        net.fit(X_XOR, T_XOR, 1.0, 5)
    net.weights[0] = np.zeros((3, 2))
    with pytest.raises(ValueError, match="shapes"):
        net.fit(X_XOR, T_XOR, 1.0, 5)


def test_extreme_but_valid_settings_give_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        huge = MLP((2, 3, 1), "relu", output="identity", scale=1e300)
        out = huge.forward(X_XOR)  # overflows to ±inf / NaN silently: that is the arithmetic, not an error
        assert out.shape == (4, 1)
        with pytest.raises(ValueError, match="not finite at the start"):
            huge.fit(X_XOR, T_XOR, 0.1, 5)
        run = MLP((2, 3, 1), "tanh", output="identity").fit(X_XOR, T_XOR, 1e6, 50)
    assert run.diverged


# ---- fit is a loop of steps, judged like gradient_descent ----------------------------------------------------------


def test_full_batch_fit_is_a_loop_of_steps():
    net, by_hand = MLP((2, 3, 1), "tanh", seed=4), MLP((2, 3, 1), "tanh", seed=4)
    run = net.fit(X_XOR, T_XOR, lr=0.7, epochs=30)
    for e in range(30):
        assert by_hand.step(X_XOR, T_XOR, 0.7) == run.losses[e]  # the loss before the step
        np.testing.assert_array_equal(by_hand.params(), run.points[e + 1])
    np.testing.assert_array_equal(net.params(), by_hand.params())
    assert run.losses[-1] == by_hand.loss(X_XOR, T_XOR)


def test_mini_batch_fit_is_a_loop_of_steps_over_seeded_minibatches():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(23, 3))
    T = nm.one_hot(rng.integers(0, 4, 23), 4)
    net, by_hand = MLP((3, 5, 4), "relu", "softmax", seed=1), MLP((3, 5, 4), "relu", "softmax", seed=1)
    run = net.fit(X, T, 0.3, 4, batch_size=5, seed=7)
    shuffles = np.random.default_rng(7)
    for e in range(4):
        for idx in nm.minibatches(23, 5, shuffles):
            by_hand.step(X[idx], T[idx], 0.3)
        np.testing.assert_allclose(run.points[e + 1], by_hand.params(), rtol=1e-13, atol=1e-15)
        assert run.losses[e + 1] == pytest.approx(by_hand.loss(X, T), rel=1e-12)
    assert run.steps == 4


def test_batch_size_none_is_todays_full_batch_and_a_seed_changes_only_mini_batches():
    a, b, c = (MLP((2, 2, 1), "tanh", seed=0) for _ in range(3))
    ra, rb = a.fit(X_XOR, T_XOR, 1.0, 50), b.fit(X_XOR, T_XOR, 1.0, 50, seed=99)
    np.testing.assert_array_equal(ra.points, rb.points)
    rc = c.fit(X_XOR, T_XOR, 1.0, 50, batch_size=4)  # one batch holding every row: the same sums, reordered
    np.testing.assert_allclose(rc.points, ra.points, rtol=1e-10, atol=1e-12)


def test_record_loss_false_keeps_the_points_and_drops_the_losses():
    a, b = MLP((2, 2, 1), seed=0), MLP((2, 2, 1), seed=0)
    ra, rb = a.fit(X_XOR, T_XOR, 1.0, 100), b.fit(X_XOR, T_XOR, 1.0, 100, record_loss=False)
    assert rb.losses is None and ra.losses is not None
    np.testing.assert_array_equal(ra.points, rb.points)


def _as_gradient_descent(net, X, t, lr, epochs, **kwargs):
    return nm.gradient_descent(
        lambda theta: net.with_params(theta).flat_gradient(X, t),
        net.params(),
        lr,
        epochs,
        loss=lambda theta: net.with_params(theta).loss(X, t),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("sizes", "activation", "output", "lr", "kwargs", "verdict"),
    [
        ((2, 2, 1), "tanh", "sigmoid", 1.0, {}, "running"),
        ((2, 2, 1), "tanh", "identity", 10.0, {}, "diverged"),  # chapter 6: diverged at epoch 6
        ((2, 1), "tanh", "identity", 0.5, {"tol": 1e-4}, "converged"),  # a linear model reaching its floor
        ((2, 2, 1), "tanh", "identity", 1.0, {"max_norm": 1.5}, "diverged"),  # leaves a tight threshold
        ((2, 2, 1), "tanh", "sigmoid", 30.0, {}, "growing"),
    ],
)
def test_fit_reports_what_gradient_descent_reports(sizes, activation, output, lr, kwargs, verdict):
    net = MLP(sizes, activation, output, seed=0)
    reference = _as_gradient_descent(net, X_XOR, T_XOR, lr, 300, **kwargs)
    run = net.fit(X_XOR, T_XOR, lr, 300, **kwargs)
    assert reference.verdict == verdict
    assert (run.verdict, run.diverged_at, run.converged_at, run.steps) == (
        reference.verdict,
        reference.diverged_at,
        reference.converged_at,
        reference.steps,
    )
    np.testing.assert_allclose(run.points, reference.points, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(run.losses, reference.losses, rtol=1e-12)
    np.testing.assert_array_equal(net.params(), run.final)


def test_the_divergence_threshold_is_relative_to_the_start():
    net = MLP((2, 2, 1), "tanh", output="identity", seed=0, scale=40.0)
    start = np.linalg.norm(net.params())
    assert start > 10
    run = net.fit(X_XOR, T_XOR, 1e-3, 20, max_norm=1.5)  # tiny steps from far out: never 1.5 times the start
    assert not run.diverged
    assert np.linalg.norm(run.final) < 1.5 * start


def test_the_network_ends_at_the_last_finite_iterate_when_a_run_blows_up():
    net = MLP((2, 2, 1), "tanh", output="identity", seed=0)
    run = net.fit(X_XOR, T_XOR, 10.0, 2000)
    assert run.diverged_at == 6 and run.steps == 5
    np.testing.assert_array_equal(net.params(), run.points[-1])
    assert np.isfinite(net.loss(X_XOR, T_XOR))


def test_with_params_builds_an_independent_network():
    net = MLP((2, 3, 1), "relu", "identity", seed=5, scale=0.5)
    theta = np.arange(net.n_params, dtype=float)
    other = net.with_params(theta)
    assert repr(other) == repr(net) and other.scale == net.scale
    np.testing.assert_array_equal(other.params(), theta)
    other.weights[0][0, 0] = 99.0
    assert theta[0] == 0.0 and net.weights[0][0, 0] != 99.0  # neither theta nor the original is shared
    with pytest.raises(ValueError, match="theta"):
        net.with_params(np.full(net.n_params, np.nan))


# ---- the losses written once match nnmath.losses -------------------------------------------------------------------


@pytest.mark.parametrize("output", ["sigmoid", "identity", "softmax"])
def test_loss_and_output_error_term_match_nnmath_losses(output):
    rng = np.random.default_rng(11)
    net = MLP((3, 4, 2), "tanh", output, seed=2)
    net.biases = [rng.normal(size=b.shape) for b in net.biases]
    X = rng.normal(size=(5, 3))
    if output == "softmax":
        t = nm.one_hot(rng.integers(0, 2, 5), 2)
    elif output == "sigmoid":
        t = rng.uniform(size=(5, 2))
    else:
        t = rng.normal(size=(5, 2))
    xs, ys = net.trace(X)
    library = {
        "sigmoid": (nm.binary_cross_entropy_with_logits, nm.binary_cross_entropy_with_logits_grad, ys[-1]),
        "softmax": (nm.softmax_cross_entropy_with_logits, nm.softmax_cross_entropy_with_logits_grad, ys[-1]),
        "identity": (nm.mse, nm.mse_grad, xs[-1]),
    }
    loss, grad, argument = library[output]
    assert net.loss(X, t) == pytest.approx(loss(argument, t), rel=1e-14)
    # ∂L/∂b^(L) = Σ_k δ^(L)_k, and δ^(L) = ∂L/∂y^(L) is the library's gradient (by y^(L) = p for identity)
    _, db = net.gradients(X, t)
    np.testing.assert_allclose(db[-1], grad(argument, t).sum(axis=0), rtol=1e-13, atol=1e-15)


# ---- softmax output for K classes ----------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(2, 5), st.integers(0, 1000))
def test_softmax_outputs_are_distributions_and_the_bias_gradient_sums_to_zero(N, K, seed):
    rng = np.random.default_rng(seed)
    net = MLP((3, 4, K), "tanh", "softmax", seed=seed, scale=3.0)
    X = rng.normal(size=(N, 3))
    p = net.forward(X)
    assert p.shape == (N, K)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert np.all(p >= 0)
    # every row of p and of t sums to 1, so every δ^(L)_k = (p_k - t_k)/N sums to 0, and so does ∂L/∂b^(L)
    _, db = net.gradients(X, nm.one_hot(rng.integers(0, K, N), K))
    assert abs(db[-1].sum()) < 1e-14


def test_two_class_softmax_is_a_sigmoid_of_the_difference_of_scores():
    # softmax(a, b)_1 = e^b / (e^a + e^b) = σ(b - a): a 2-class softmax network is a sigmoid network whose
    # output row is W_1 - W_0, b_1 - b_0, with the same cross-entropy
    soft = MLP((2, 3, 2), "tanh", "softmax", seed=3)
    soft.biases[-1] = np.array([0.4, -0.3])
    sig = MLP((2, 3, 1), "tanh", "sigmoid", seed=3)
    sig.weights[0], sig.biases[0] = soft.weights[0], soft.biases[0]
    sig.weights[1] = soft.weights[1][1:] - soft.weights[1][:1]
    sig.biases[1] = soft.biases[1][1:] - soft.biases[1][:1]
    np.testing.assert_allclose(soft.forward(X_XOR)[:, 1], sig.forward(X_XOR)[:, 0], rtol=1e-12)
    assert soft.loss(X_XOR, nm.one_hot(T_XOR, 2)) == pytest.approx(sig.loss(X_XOR, T_XOR), rel=1e-12)
    np.testing.assert_array_equal(soft.classify(X_XOR), sig.classify(X_XOR))


def test_classify_predict_and_accuracy_by_hand():
    # one layer, no hidden units: the scores are y = W x, so the class is the largest coordinate of x
    net = MLP((3, 3), output="softmax")
    net.weights, net.biases = [np.eye(3)], [np.zeros(3)]
    X = np.array([[5.0, 1.0, 0.0], [0.0, 0.0, 2.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0]])
    np.testing.assert_array_equal(net.classify(X), [0, 2, 1, 0])
    np.testing.assert_array_equal(net.predict(X), nm.one_hot([0, 2, 1, 0], 3))
    assert net.accuracy(X, nm.one_hot([0, 2, 2, 1], 3)) == 0.5
    assert net.classify(X).dtype.kind == "i"
    # one sigmoid output: class 1 where p > 1/2, that is where y > 0
    one = MLP((1, 1), output="sigmoid")
    one.weights, one.biases = [np.array([[1.0]])], [np.array([0.0])]
    np.testing.assert_array_equal(one.classify([[-2.0], [0.0], [0.1]]), [0, 0, 1])
    with pytest.raises(ValueError, match="classify"):
        MLP((2, 2)).classify(X_XOR)  # two sigmoid outputs: no single class


def test_softmax_targets_must_be_one_hot_rows():
    net = MLP((2, 3, 3), output="softmax")
    with pytest.raises(ValueError, match="one_hot"):
        net.loss(X_XOR, [0, 1, 2, 0])  # labels, not rows
    with pytest.raises(ValueError, match="sum to 1"):
        net.loss(X_XOR, np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"\bt\b"):
        net.fit(X_XOR, np.full((4, 3), np.nan), 0.1, 3)
    assert np.isfinite(net.loss(X_XOR, np.full((4, 3), 1 / 3)))  # soft targets are distributions too


def test_a_softmax_network_learns_three_blobs_with_mini_batches():
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])
    labels = rng.integers(0, 3, 300)
    X = centres[labels] + rng.normal(size=(300, 2))
    net = MLP((2, 8, 3), "relu", "softmax", seed=0)
    run = net.fit(X, nm.one_hot(labels, 3), 0.1, 20, batch_size=16, seed=1)
    assert run.losses is not None and run.losses[-1] < 0.5 * run.losses[0]
    assert net.accuracy(X, nm.one_hot(labels, 3)) > 0.95
    assert nm.accuracy(net.classify(X), labels) == net.accuracy(X, nm.one_hot(labels, 3))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_slopes_through_the_output_are_the_library_derivatives(name):
    y = np.concatenate([np.linspace(-40, 40, 801), [0.0, -0.0, 1e-300, -1e-300, 700.0, -700.0]])
    f, slope = ACTIVATIONS[name]
    library_f = {"relu": nm.relu, "sigmoid": nm.sigmoid, "tanh": nm.tanh}[name]
    f_grad = {"relu": nm.relu_grad, "sigmoid": nm.sigmoid_grad, "tanh": nm.tanh_grad}[name]
    np.testing.assert_array_equal(f(y), library_f(y))  # the network's unchecked f gives the same numbers
    np.testing.assert_array_equal(slope(f(y)), f_grad(y))


def test_output_layers_give_the_numbers_of_the_library():
    rng = np.random.default_rng(5)
    y = np.concatenate([rng.normal(scale=30, size=(200, 4)), [[800.0, -800.0, 0.0, -0.0]]])
    np.testing.assert_array_equal(OUTPUTS["sigmoid"].p(y), nm.sigmoid(y))
    np.testing.assert_allclose(OUTPUTS["softmax"].p(y), nm.softmax(y), rtol=1e-15, atol=1e-300)
    np.testing.assert_array_equal(OUTPUTS["identity"].p(y), y)


def test_a_mini_batch_run_is_judged_by_its_loss_and_parameters():
    net = MLP((2, 3, 1), "tanh", output="identity", seed=0)
    run = net.fit(X_XOR, T_XOR, 50.0, 100, batch_size=2)
    assert run.diverged and run.steps == run.diverged_at - 1
    np.testing.assert_array_equal(net.params(), run.final)
    assert np.all(np.isfinite(run.points)) and np.all(np.isfinite(run.losses))
    calm = MLP((2, 3, 1), "tanh", seed=0).fit(X_XOR, T_XOR, 0.5, 10, batch_size=2, tol=1e9)
    assert calm.converged_at is None and calm.steps == 10  # no whole gradient, so never 'converged'
