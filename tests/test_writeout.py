import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from IPython.display import Math

from nnmath import writeout

X = [2.0, 3.0]
W_ROW = [[1.0, 0.5, -1.0], [0.5, 2.0, -0.5]]
B = [0.1, -0.2, 0.0]


def test_number_drops_trailing_zeros_and_negative_zero():
    assert writeout.number(3.6000000000000001) == "3.6"
    assert writeout.number(-0.0) == "0"
    assert writeout.number(2.0) == "2"
    assert writeout.number(1 / 3, digits=3) == "0.333"


def _value_of(text: str) -> float:
    """Read back a number printed by writeout.number (inverse of its two notations)."""
    mantissa, _, power = text.partition(" × 10")
    exponent = power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
    return float(f"{mantissa}e{exponent or '0'}")


@settings(max_examples=300, deadline=None)
@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300),
    st.integers(1, 15),
)
def test_number_keeps_the_requested_significant_digits(value, digits):
    text = writeout.number(value, digits)
    assert "e" not in text and text != "-0"
    # reading the text back gives the value rounded to `digits` significant digits
    assert _value_of(text) == pytest.approx(float(f"{value:.{digits - 1}e}"), rel=1e-12, abs=0)
    mantissa = text.split(" × ")[0]
    significant = re.sub(r"[^0-9]", "", mantissa).lstrip("0")
    if "." not in mantissa:
        significant = significant.rstrip("0")  # 1000 at 1 digit is "1000"
    assert len(significant) <= digits


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=-1.0, max_value=1.0).filter(lambda v: v == 0 or abs(v) > 1e-300),
    st.floats(min_value=1e-6, max_value=1e6),
)
def test_number_is_the_same_under_last_bit_noise(value, scale):
    # another CPU changes the last bits: 4 significant digits must not notice,
    # except on the rare value that sits right on a rounding boundary
    noisy = float(np.nextafter(np.nextafter(value, 2.0), 2.0))
    unit = 10.0 ** (math.floor(math.log10(abs(value))) - 3) if value else 1.0  # one unit of the 4th digit
    near_rounding_boundary = abs(abs(value - float(f"{value:.3e}")) / unit - 0.5) < 1e-6
    near_noise_threshold = abs(abs(value) - 1e-9 * scale) < 1e-12 * scale
    if not (near_rounding_boundary or near_noise_threshold):
        assert writeout.number(value, 4, scale=scale) == writeout.number(noisy, 4, scale=scale)


def test_number_writes_tiny_and_huge_values_with_powers_of_ten():
    assert writeout.number(4.9e-11, 2) == "4.9 × 10⁻¹¹"
    assert writeout.number(-3.2e-5, 2) == "-3.2 × 10⁻⁵"
    assert writeout.number(1e15) == "1 × 10¹⁵"
    assert writeout.number(101770) == "101770"
    assert writeout.number(0.0001234, 2) == "0.00012"


def test_number_shows_rounding_noise_as_zero_relative_to_the_scale():
    # a perfect fit's loss from a computer: 1.6e-30 next to data of size 1
    assert writeout.number(1.6e-30, 3, scale=1.0) == writeout.ROUNDING_ZERO
    assert writeout.number(-2e-10, 3, scale=1.0) == writeout.ROUNDING_ZERO
    # the same number next to tiny data is a result, not noise
    assert writeout.number(1.6e-30, 2, scale=1e-30) == "1.6 × 10⁻³⁰"
    assert writeout.number(1e-6, 3, scale=1.0) == "1 × 10⁻⁶"
    assert writeout.number(1e-6, 3, scale=1.0, rtol=1e-5) == writeout.ROUNDING_ZERO
    assert writeout.number(-2.2e-17, 3, scale=1.0, zero="0") == "0"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"value": float("nan")}, "value must be a finite"),
        ({"value": float("inf")}, "value must be a finite"),
        ({"value": None}, "value must be a real"),
        ({"value": True}, "value must be a real"),
        ({"value": "1.5"}, "value must be a real"),
        ({"value": 1 + 2j}, "value must be a real"),
        ({"value": 1.0, "digits": 0}, "digits must be an integer >= 1"),
        ({"value": 1.0, "digits": 2.5}, "digits must be an integer"),
        ({"value": 1.0, "digits": 16}, "digits must be at most 15"),
        ({"value": 1.0, "scale": -1.0}, "scale must be"),
        ({"value": 1.0, "scale": float("nan")}, "scale must be"),
        ({"value": 1.0, "scale": 1.0, "rtol": 0.0}, "rtol must be"),
        ({"value": 1.0, "scale": 1.0, "rtol": 1.0}, "rtol must be below 1"),
    ],
)
def test_number_rejects_bad_input_naming_the_parameter(kwargs, message):
    with pytest.raises(ValueError, match=message):
        writeout.number(**kwargs)


def test_latex_number_uses_latex_powers():
    assert writeout.latex_number(3.2e-5, 2) == r"3.2 \times 10^{-5}"
    assert writeout.latex_number(-1.5) == "-1.5"


def test_combination_writes_sums_as_a_person_would():
    assert writeout.combination([1.0000000000000009, 0.5, -1.0000000000000018], ["x^2", "x", ""]) == r"x^2 + 0.5\,x - 1"
    assert writeout.combination([3.0, -1.0, -4.0], ["x_0", "x_1", ""]) == r"3\,x_0 - x_1 - 4"
    assert writeout.combination([-1.0, 0.0, 2.0], ["a", "b", ""]) == "-a + 2"
    assert writeout.combination([0.0, 1e-20], ["a", ""], digits=3) == r"1 \times 10^{-20}"
    assert writeout.combination([0.0, 0.0], ["a", ""]) == "0"
    with pytest.raises(ValueError, match="one entry per coefficient"):
        writeout.combination([1.0, 2.0], ["x"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=4), st.integers(-3, 3))
def test_combination_evaluates_to_the_sum(coefs, x):
    symbols = ["x^3", "x^2", "x", ""][-len(coefs) :]
    latex = writeout.combination([float(c) for c in coefs], symbols)
    python = latex.replace(r"\,", "*").replace("x^3", f"({x})**3").replace("x^2", f"({x})**2").replace("x", f"({x})")
    python = re.sub(r"(\d)\(", r"\1*(", python)
    expected = sum(c * x**p for c, p in zip(coefs, range(len(coefs) - 1, -1, -1), strict=True))
    assert eval(python) == expected  # our own digits, signs and parentheses


def test_decimal_keeps_the_places_of_a_table_column():
    assert writeout.decimal(-1.0361, 3) == "-1.036"
    assert writeout.decimal(-2.2e-17, 3) == "0.000"
    assert writeout.decimal(0.5, 2) == "0.50"
    assert writeout.decimal(73.116, 0) == "73"
    with pytest.raises(ValueError, match="places must be an integer"):
        writeout.decimal(1.0, -1)
    with pytest.raises(ValueError, match="places must be at most 15"):
        writeout.decimal(1.0, 16)
    with pytest.raises(ValueError, match="value must be a finite"):
        writeout.decimal(float("inf"), 2)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e6, max_value=1e6), st.integers(0, 6))
def test_decimal_is_the_value_rounded_to_its_places(value, places):
    text = writeout.decimal(value, places)
    assert len(text.partition(".")[2]) == places
    assert abs(float(text) - value) <= 0.5 * 10.0**-places + 1e-9 * max(1.0, abs(value))


def test_matrix_in_latex():
    assert writeout.matrix([[2.0, 0.0], [0.0, -2.0000000000000004]]) == r"\begin{bmatrix} 2 & 0 \\ 0 & -2 \end{bmatrix}"
    assert writeout.matrix([[1 / 3, 1e-20]], 2) == r"\begin{bmatrix} 0.33 & 1 \times 10^{-20} \end{bmatrix}"
    with pytest.raises(ValueError, match="2-D"):
        writeout.matrix([1.0, 2.0])


def test_power_of_ten_and_its_checks():
    assert writeout.power_of_ten(-12) == "10⁻¹²"
    assert writeout.power_of_ten(3) == "10³"
    with pytest.raises(ValueError, match="exponent must be an integer"):
        writeout.power_of_ten(1.5)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e3, max_value=1e3), st.integers(-15, 5))
def test_below_states_a_true_bound_or_refuses(value, exponent):
    bound = 10.0**exponent
    if abs(value) < bound:
        assert writeout.below(value, bound) == "< " + writeout.power_of_ten(exponent)
    else:
        with pytest.raises(ValueError, match="below bound"):
            writeout.below(value, bound)


def test_below_with_a_bound_that_is_not_a_power_of_ten():
    assert writeout.below(0.01, 0.05) == "< 0.05"
    with pytest.raises(ValueError, match="bound must be"):
        writeout.below(0.01, 0.0)
    with pytest.raises(ValueError, match="value must be a finite"):
        writeout.below(float("nan"), 1.0)


def test_percent():
    assert writeout.percent(0.62) == "62%"
    assert writeout.percent(0.0754, 1) == "7.5%"
    assert writeout.percent(-0.0001) == "0%"
    assert writeout.percent(1.0) == "100%"
    with pytest.raises(ValueError, match="decimals"):
        writeout.percent(0.5, -1)
    with pytest.raises(ValueError, match="fraction"):
        writeout.percent(None)


def test_publish_formats_every_value_before_glueing(monkeypatch):
    glued = {}
    monkeypatch.setattr(writeout, "_glue", lambda name, value: glued.update({name: value}))
    writeout.publish(a=0.4999999999999998, b=True, c=np.int64(7), d="文字", e=np.float64(1 / 3), f=np.bool_(False))
    assert glued == {"a": "0.5", "b": "是", "c": "7", "d": "文字", "e": "0.3333", "f": "否"}
    assert all(isinstance(v, str) for v in glued.values())


@pytest.mark.parametrize("bad", [np.array([1.0, 2.0]), (1.0, 2.0), None, [1.0]])
def test_publish_refuses_raw_arrays_and_glues_nothing(monkeypatch, bad):
    glued = {}
    monkeypatch.setattr(writeout, "_glue", lambda name, value: glued.update({name: value}))
    with pytest.raises(ValueError, match="bad must be a str, bool, int, float"):
        writeout.publish(good=1.0, bad=bad)
    assert glued == {}


@pytest.mark.parametrize("value", ["0.5", "文字", Math(r"\\frac{1}{2}")])
def test_glue_records_exactly_what_myst_nb_glue_records(monkeypatch, value):
    import IPython.display
    from myst_nb.ext import glue as myst_glue

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *args, **kwargs: shown.append((args, kwargs)))
    monkeypatch.setattr(myst_glue, "ipy_display", lambda *args, **kwargs: shown.append((args, kwargs)))
    myst_glue.glue("name", value, display=False)
    writeout._glue("name", value)
    assert len(shown) == 2 and shown[0] == shown[1]
    assert set(shown[1][0][0]) >= {writeout.GLUE_PREFIX + "text/plain"}


def test_vector_lists_every_entry():
    assert writeout.vector([3.6, 6.8, -3.5]) == "[3.6, 6.8, -3.5]"
    with pytest.raises(ValueError, match="1-D"):
        writeout.vector([[1.0]])
    # entries that are zero up to rounding, next to the scale of the others
    assert writeout.vector([0.5, 2.2e-17, -1e-20], 3, scale=1.0) == "[0.5, 0, 0]"
    assert not math.isnan(_value_of(writeout.vector([2.5])[1:-1]))


@pytest.mark.parametrize(("j", "expected"), [(0, "3.6"), (1, "6.8"), (2, "-3.5")])
def test_row_sum_reproduces_the_source_worked_example(j, expected):
    latex = writeout.row_sum(X, W_ROW, B, j)
    assert latex.startswith(r"\begin{aligned}y_{" + str(j) + "}")
    assert latex.endswith(f"&= {expected}" + r"\end{aligned}")
    # every product of the source's sums appears, negatives in parentheses
    for i, x_i in enumerate(X):
        factor = writeout.number(W_ROW[i][j])
        factor = f"({factor})" if factor.startswith("-") else factor
        assert rf"({writeout.number(x_i)} \times {factor})" in latex


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(-9, 9), min_size=1, max_size=4),
    st.integers(1, 4),
    st.integers(0, 3),
)
def test_row_sum_last_line_is_the_linear_row_value(xs, m, j):
    j = j % m
    rng = np.random.default_rng(len(xs) * 10 + m)
    w = rng.integers(-5, 6, size=(len(xs), m)).astype(float)
    b = rng.integers(-5, 6, size=m).astype(float)
    latex = writeout.row_sum(xs, w, b, j)
    last = re.search(r"&= ([^&]+)\\end\{aligned\}$", latex).group(1)
    assert float(last) == pytest.approx(float(np.dot(xs, w[:, j]) + b[j]))


def test_row_sum_rejects_bad_shapes_and_index():
    with pytest.raises(ValueError, match=r"\(2, 3\)"):
        writeout.row_sum([1.0, 2.0, 3.0], W_ROW, B, 0)
    with pytest.raises(ValueError, match="j must be in"):
        writeout.row_sum(X, W_ROW, B, 3)


def test_fixed_rounds_halves_away_from_zero_and_drops_zeros():
    # 0.125 and 2.5 are exact binary fractions: true halves
    assert [writeout.fixed(v) for v in (0.125, -0.125, -0.001, 3.0, 1.10)] == ["0.13", "-0.13", "0", "3", "1.1"]
    assert writeout.fixed(2.5, 0) == "3"
    assert writeout.fixed(2.675) == "2.67"  # 2.675 is stored as 2.67499999…
